/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
/* The accessibility audit: the real window on a demo ledger with a debtor selected, then every
 * dialog and window the app has, each walked widget by widget. Every interactive control a
 * person can reach (buttons, toggles, checks, switches, entries, drop-downs, rows, lists) must
 * have an accessible name — a label of its own (a button's label, a row's title, a label
 * inside it) or an accessible label or labelled-by relation — and an icon-only button must
 * have a tooltip too. A failure names the window and the widget (type, id, action, icon,
 * tooltip, the ids around it) so it is easy to find and fix.
 *
 * The keyboard: Tab goes round the main window without getting stuck and reaches the search
 * entry, the account list and the debtor pane's actions; every dialog closes on Escape, and a
 * dialog with a default button has it set, with its single-line fields activating it, so
 * Enter does what the button does. Keys go through the widgets' own shortcut controllers (the
 * bindings GTK dispatches a key press to), from the focus widget up to the window.
 *
 * Every text a person reads in our .ui files is marked translatable.
 *
 * The accessible attributes are read through GTK's test AT context (GTK_A11Y=test). */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ar-about.h"
#include "ar-account-list.h"
#include "ar-contact-dialog.h"
#include "ar-contact-point-dialog.h"
#include "ar-date.h"
#include "ar-debtor-dialog.h"
#include "ar-debtor-ledger.h"
#include "ar-debtor-pane.h"
#include "ar-demo.h"
#include "ar-document-dialog.h"
#include "ar-money.h"
#include "ar-entry-dialog.h"
#include "ar-import-dialog.h"
#include "ar-invoice-dialog.h"
#include "ar-payment-dialog.h"
#include "ar-plan-step.h"
#include "ar-plan-step-items.h"
#include "ar-plan-step-terms.h"
#include "ar-plan-wizard.h"
#include "ar-preferences-window.h"
#include "ar-reverse-dialog.h"
#include "ar-test-util.h"
#include "ar-ui-test.h"
#include "ar-window.h"

#define N_DEBTORS 60

static char     *tmp_dir;
static ArLedger *ledger;
static ArWindow *window;
static gint64    debtor_id;

/* Helpers --------------------------------------------------------------------------------- */

static ArDebtorPane *
pane (void)
{
  return AR_DEBTOR_PANE (ar_window_get_debtor_pane (window));
}

static GtkWindow *
find_window (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

typedef struct
{
  GType      type;
  GtkWindow *found;
} Find;

static gboolean
window_mapped (gpointer data)
{
  Find *find = data;

  find->found = find_window (find->type);
  return find->found != NULL && gtk_widget_get_mapped (GTK_WIDGET (find->found))
         && gtk_widget_get_width (GTK_WIDGET (find->found)) > 0;
}

static GtkWindow *
wait_window (GType       type,
             const char *what)
{
  Find find = { type, NULL };

  ar_ui_wait_for (window_mapped, &find, what);
  return find.found;
}

static gboolean
window_gone (gpointer data)
{
  GtkWidget **widget = data;

  return *widget == NULL || !gtk_widget_get_visible (*widget);
}

/* The audit ------------------------------------------------------------------------------- */

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* A visible label with text inside @widget (how a button with a box of an icon and a label
 * is named). */
static gboolean
label_inside (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && has_text (gtk_label_get_text (GTK_LABEL (child))))
        return TRUE;
      if (ADW_IS_BUTTON_CONTENT (child)
          && has_text (adw_button_content_get_label (ADW_BUTTON_CONTENT (child))))
        return TRUE;
      if (label_inside (child))
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
ancestor (GtkWidget *widget,
          GType      type)
{
  return gtk_widget_get_ancestor (gtk_widget_get_parent (widget), type);
}

/* GtkButton (and so its subclasses) is labelled by its child, whatever the child is: for an
 * icon-only button that is an image, which names nothing; libadwaita's rows are labelled by
 * their title label, empty or not. Those relations are GTK's own; one set in a .ui or in code
 * names the widget. */
static gboolean
labelled_by_someone (GtkWidget *widget)
{
  GtkWidget *child = NULL;
  g_autofree char *differs = NULL;

  if (!gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                         GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return FALSE;
  if (ADW_IS_PREFERENCES_ROW (widget))
    return FALSE;
  if (GTK_IS_BUTTON (widget))
    child = gtk_button_get_child (GTK_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget))
    child = gtk_check_button_get_child (GTK_CHECK_BUTTON (widget));
  if (child == NULL)
    return TRUE;
  differs = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                GTK_ACCESSIBLE_RELATION_LABELLED_BY, child, NULL);
  return differs != NULL;
}

/* How @widget is named, or NULL when it is not. */
static const char *
accessible_name_source (GtkWidget *widget)
{
  GtkWidget *row;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return "accessible label";
  if (labelled_by_someone (widget))
    return "labelled-by";
  if (GTK_IS_BUTTON (widget) && has_text (gtk_button_get_label (GTK_BUTTON (widget))))
    return "button label";
  if (GTK_IS_MENU_BUTTON (widget) && has_text (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget))))
    return "menu button label";
  if (GTK_IS_CHECK_BUTTON (widget)
      && has_text (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget))))
    return "check button label";
  if (ADW_IS_PREFERENCES_ROW (widget)
      && has_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))))
    return "row title";
  if ((GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget)
       || GTK_IS_LIST_BOX_ROW (widget))
      && label_inside (widget))
    return "label inside";
  /* A switch or check that is its row's activatable widget is named by the row's title. */
  row = ancestor (widget, ADW_TYPE_ACTION_ROW);
  if (row != NULL && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == widget
      && has_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))))
    return "its row's title";
  return NULL;
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  return accessible_name_source (widget) != NULL;
}

/* An icon-only button: no label of its own, an icon. */
static gboolean
is_icon_only (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return !has_text (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)))
           && has_text (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)));
  if (GTK_IS_BUTTON (widget) && !GTK_IS_LINK_BUTTON (widget))
    return !has_text (gtk_button_get_label (GTK_BUTTON (widget))) && !label_inside (widget)
           && (has_text (gtk_button_get_icon_name (GTK_BUTTON (widget)))
               || GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))));
  return FALSE;
}

/* The controls that take the focus or are activated, by type. */
static gboolean
is_control (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget)
      || GTK_IS_SWITCH (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SCALE (widget)
      || GTK_IS_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SEARCH_ENTRY (widget)
      || GTK_IS_PASSWORD_ENTRY (widget) || GTK_IS_TEXT (widget) || GTK_IS_TEXT_VIEW (widget)
      || GTK_IS_COLUMN_VIEW (widget) || GTK_IS_GRID_VIEW (widget))
    return TRUE;
  /* A column view's rows are a list view of its own, named by the column view. */
  if (GTK_IS_LIST_VIEW (widget))
    return !GTK_IS_COLUMN_VIEW (gtk_widget_get_parent (widget));
  if (ADW_IS_ENTRY_ROW (widget) || ADW_IS_COMBO_ROW (widget) || ADW_IS_EXPANDER_ROW (widget))
    return TRUE;
  if (ADW_IS_ACTION_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget))
           && (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (widget)) != NULL
               || gtk_widget_get_focusable (widget));
  if (GTK_IS_LIST_BOX_ROW (widget) && !ADW_IS_PREFERENCES_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget))
           && gtk_widget_get_focusable (widget);
  return FALSE;
}

/* Controls whose inside is GTK's or libadwaita's own (the text inside an entry, the button
 * inside a drop-down): checked as one, not walked into. */
static gboolean
is_composite (GtkWidget *widget)
{
  return GTK_IS_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SEARCH_ENTRY (widget)
         || GTK_IS_PASSWORD_ENTRY (widget) || GTK_IS_DROP_DOWN (widget)
         || GTK_IS_MENU_BUTTON (widget) || ADW_IS_ENTRY_ROW (widget) || ADW_IS_COMBO_ROW (widget)
         || GTK_IS_POPOVER_MENU (widget) || GTK_IS_WINDOW_CONTROLS (widget)
         /* GTK 4.8's calendar has unnamed month and year arrows of its own; it is named as one
          * and its days are reached with the arrow keys. */
         || GTK_IS_CALENDAR (widget);
}

static char *
describe (GtkWidget *widget)
{
  GString *s = g_string_new (G_OBJECT_TYPE_NAME (widget));
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));
  g_autofree char *tooltip = NULL;
  int depth = 0;

  if (id != NULL)
    g_string_append_printf (s, " id=%s", id);
  if (GTK_IS_ACTIONABLE (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)))
    g_string_append_printf (s, " action=%s",
                            gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (s, " icon=%s", gtk_button_get_icon_name (GTK_BUTTON (widget)));
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)))
    g_string_append_printf (s, " icon=%s",
                            gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)));
  tooltip = gtk_widget_get_tooltip_text (widget) ? g_strdup (gtk_widget_get_tooltip_text (widget))
                                                 : NULL;
  if (tooltip != NULL)
    g_string_append_printf (s, " tooltip=\"%s\"", tooltip);
  if (GTK_IS_EDITABLE (widget) && has_text (gtk_editable_get_text (GTK_EDITABLE (widget))))
    g_string_append_printf (s, " text=\"%s\"", gtk_editable_get_text (GTK_EDITABLE (widget)));
  /* Where it is: the ancestors with ids, and the first of our own types. */
  g_string_append (s, " in");
  for (GtkWidget *a = gtk_widget_get_parent (widget); a != NULL && depth < 4;
       a = gtk_widget_get_parent (a))
    {
      const char *aid = gtk_buildable_get_buildable_id (GTK_BUILDABLE (a));

      if (aid != NULL || g_str_has_prefix (G_OBJECT_TYPE_NAME (a), "Ar"))
        {
          g_string_append_printf (s, " %s%s%s", G_OBJECT_TYPE_NAME (a), aid ? "#" : "",
                                  aid ? aid : "");
          depth++;
          if (g_str_has_prefix (G_OBJECT_TYPE_NAME (a), "Ar"))
            break;
        }
    }
  return g_string_free (s, FALSE);
}

/* Widgets GTK or libadwaita build inside their own windows, which no file of ours can
 * change: the shortcuts window's and the about window's chrome, and the preferences window's
 * search entry (named only by its placeholder in libadwaita 1.2). Their problems are
 * reported as test messages, for upstream, not as failures. */
static const char *
library_chrome (GtkWidget *widget)
{
  if (gtk_widget_get_ancestor (widget, GTK_TYPE_SHORTCUTS_WINDOW) != NULL)
    return "GtkShortcutsWindow's own widgets (GTK 4.8)";
  if (gtk_widget_get_ancestor (widget, ADW_TYPE_ABOUT_WINDOW) != NULL)
    return "AdwAboutWindow's own widgets (libadwaita 1.2)";
  if (GTK_IS_SEARCH_ENTRY (widget) && ancestor (widget, ADW_TYPE_HEADER_BAR) != NULL
      && ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW) != NULL)
    return "AdwPreferencesWindow's search entry (libadwaita 1.2)";
  return NULL;
}

typedef struct
{
  const char *where;
  GString    *failures;
  GString    *upstream;
  guint       n_controls;
} Audit;

static void
add_problem (Audit      *audit,
             GtkWidget  *widget,
             const char *problem)
{
  g_autofree char *what = describe (widget);
  const char *chrome = library_chrome (widget);

  if (chrome != NULL)
    g_string_append_printf (audit->upstream, "\n  %s: %s: %s [%s]", audit->where, problem,
                            what, chrome);
  else
    g_string_append_printf (audit->failures, "\n  %s: %s: %s", audit->where, problem, what);
}

static void
audit_widget (Audit     *audit,
              GtkWidget *widget)
{
  /* What is shown, or would be on another page of a stack; not what is hidden until later
   * (that gets its name when it is shown, and is audited then). */
  if (gtk_widget_is_visible (widget) && is_control (widget))
    {
      audit->n_controls++;
      if (g_getenv ("AR_A11Y_VERBOSE") != NULL)
        {
          g_autofree char *what = describe (widget);

          g_test_message ("    %s: %s", accessible_name_source (widget), what);
        }
      if (!has_accessible_name (widget))
        add_problem (audit, widget, "no accessible name");
      if (is_icon_only (widget) && !has_text (gtk_widget_get_tooltip_text (widget)))
        add_problem (audit, widget, "icon-only button without tooltip");
      /* Tab in a text view that accepts it types a tab: the keyboard is stuck there. */
      if (GTK_IS_TEXT_VIEW (widget) && gtk_text_view_get_editable (GTK_TEXT_VIEW (widget))
          && gtk_text_view_get_accepts_tab (GTK_TEXT_VIEW (widget)))
        add_problem (audit, widget, "Tab types a tab instead of moving on (accepts-tab)");
    }

  /* A menu button's own popover (not a menu model's) holds controls of ours. */
  if (GTK_IS_MENU_BUTTON (widget))
    {
      GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget));

      if (popover != NULL && !GTK_IS_POPOVER_MENU (popover))
        audit_widget (audit, GTK_WIDGET (popover));
    }
  if (is_composite (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    audit_widget (audit, child);
}

/* Walks @root; returns the problems found in our widgets (empty when none), logging those
 * in the libraries' own. */
static char *
audit_problems (const char *where,
                GtkWidget  *root)
{
  Audit a = { where, g_string_new (NULL), g_string_new (NULL), 0 };

  audit_widget (&a, root);
  g_test_message ("%s: %u controls%s", where, a.n_controls, a.failures->str);
  if (a.upstream->len > 0)
    g_test_message ("%s: in GTK's or libadwaita's own widgets, for upstream:%s", where,
                    a.upstream->str);
  g_assert_cmpuint (a.n_controls, >, 0);
  g_string_free (a.upstream, TRUE);
  return g_string_free (a.failures, FALSE);
}

/* Mnemonics: two in one window on the same key make Alt+key only cycle between them. */
static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *keys,
                   GString    *clashes)
{
  if (!gtk_widget_is_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  /* (A menu item's label without an underscore answers 0.) */
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget))
      && gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol
      && gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != 0)
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *text = gtk_label_get_label (GTK_LABEL (widget));
      const char *other = g_hash_table_lookup (keys, GUINT_TO_POINTER (key));

      if (other != NULL && !g_str_equal (other, text))
        g_string_append_printf (clashes, "\n  Alt+%s: \"%s\" and \"%s\"", gdk_keyval_name (key),
                                other, text);
      else
        g_hash_table_insert (keys, GUINT_TO_POINTER (key), (gpointer) text);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, keys, clashes);
}

static char *
mnemonic_clashes (GtkWidget *root)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (NULL, NULL);
  GString *clashes = g_string_new (NULL);

  collect_mnemonics (root, keys, clashes);
  return g_string_free (clashes, FALSE);
}

/* The shown menu buttons with a popover of their own (not a menu model's) in @widget. */
static void
collect_popover_buttons (GtkWidget *widget,
                         GPtrArray *buttons)
{
  if (GTK_IS_MENU_BUTTON (widget))
    {
      GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget));

      if (popover != NULL && !GTK_IS_POPOVER_MENU (popover) && gtk_widget_is_visible (widget)
          && gtk_widget_is_sensitive (widget))
        g_ptr_array_add (buttons, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_popover_buttons (child, buttons);
}

static void audit (const char *where,
                   GtkWidget  *root);

/* Each popover is audited open, as a person meets it. */
static void
audit_popovers (const char *where,
                GtkWidget  *root)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_popover_buttons (root, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);
      g_autofree char *what = describe (GTK_WIDGET (button));
      g_autofree char *inside = g_strdup_printf ("%s, the popover of %s", where, what);

      gtk_menu_button_popup (button);
      ar_ui_iterate_for (200);
      audit (inside, GTK_WIDGET (gtk_menu_button_get_popover (button)));
      gtk_menu_button_popdown (button);
      ar_ui_iterate_for (100);
    }
}

/* The shown menu buttons with a menu model (GTK builds their items) in @widget. */
static void
collect_menu_buttons (GtkWidget *widget,
                      GPtrArray *buttons)
{
  if (GTK_IS_MENU_BUTTON (widget))
    {
      if (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL
          && gtk_widget_is_visible (widget) && gtk_widget_is_sensitive (widget)
          && gtk_widget_get_child_visible (widget))
        g_ptr_array_add (buttons, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_menu_buttons (child, buttons);
}

/* In an open menu a letter (the item's access key) activates its item: two items on one
 * letter make it only move between them. */
static void
audit_menus (const char *where,
             GtkWidget  *root)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_menu_buttons (root, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);
      g_autofree char *what = describe (GTK_WIDGET (button));
      g_autofree char *clashes = NULL;

      gtk_menu_button_popup (button);
      ar_ui_iterate_for (200);
      clashes = mnemonic_clashes (GTK_WIDGET (gtk_menu_button_get_popover (button)));
      g_test_message ("%s, the menu of %s: access keys checked", where, what);
      if (*clashes != '\0')
        g_test_fail_printf ("%s, the menu of %s: two access keys on one key:%s", where, what,
                            clashes);
      gtk_menu_button_popdown (button);
      ar_ui_iterate_for (100);
    }
}

/* Audits @root and fails the test with every problem found. */
static void
audit (const char *where,
       GtkWidget  *root)
{
  g_autofree char *problems = audit_problems (where, root);
  g_autofree char *clashes = mnemonic_clashes (root);

  if (*clashes != '\0')
    g_test_fail_printf ("%s: two access keys on one key:%s", where, clashes);
  if (*problems != '\0')
    g_test_fail_printf ("accessibility problems:%s", problems);
  if (!GTK_IS_POPOVER (root))
    {
      audit_popovers (where, root);
      audit_menus (where, root);
    }
}

/* Keys ------------------------------------------------------------------------------------ */

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     modifiers)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)),
                            keyval, modifiers)
           || trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)),
                               keyval, modifiers);
  return GTK_IS_KEYVAL_TRIGGER (trigger)
         && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
         && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers;
}

/* Activates the first shortcut of @widget's own controllers (its class's key bindings and
 * any GtkShortcutController) for @keyval. */
static gboolean
widget_handles_key (GtkWidget      *widget,
                    guint           keyval,
                    GdkModifierType modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, modifiers)
              && gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                               gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }
  return FALSE;
}

/* A key press as GTK bubbles it: the focus widget's shortcuts first, then each ancestor's up
 * to the window. */
static gboolean
press_key (GtkWindow      *win,
           guint           keyval,
           GdkModifierType modifiers)
{
  GtkWidget *focus = gtk_window_get_focus (win);

  for (GtkWidget *w = focus ? focus : GTK_WIDGET (win); w != NULL; w = gtk_widget_get_parent (w))
    if (widget_handles_key (w, keyval, modifiers))
      return TRUE;
  return FALSE;
}

/* Escape closes @dialog (a weak pointer watches it). */
static void
assert_escape_closes (GtkWindow  *dialog,
                      const char *where)
{
  GtkWidget *watched = GTK_WIDGET (dialog);

  g_object_add_weak_pointer (G_OBJECT (watched), (gpointer *) &watched);
  if (!press_key (dialog, GDK_KEY_Escape, 0))
    {
      g_test_fail_printf ("%s: Escape does nothing", where);
      g_object_remove_weak_pointer (G_OBJECT (watched), (gpointer *) &watched);
      gtk_window_destroy (dialog);
      return;
    }
  ar_ui_wait_for (window_gone, &watched, where);
  if (watched != NULL)
    g_object_remove_weak_pointer (G_OBJECT (watched), (gpointer *) &watched);
}

static void
collect_entries (GtkWidget *widget,
                 GPtrArray *entries)
{
  if (GTK_IS_ENTRY (widget) || ADW_IS_ENTRY_ROW (widget))
    {
      if (gtk_widget_get_visible (widget))
        g_ptr_array_add (entries, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_entries (child, entries);
}

/* A dialog with a default button: the button is in the dialog, and Enter in each of its
 * single-line fields activates it. */
static void
assert_enter_reaches_default (GtkWindow  *dialog,
                              const char *where)
{
  GtkWidget *button = gtk_window_get_default_widget (dialog);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  if (button == NULL)
    {
      g_test_fail_printf ("%s: no default button", where);
      return;
    }
  g_assert_true (gtk_widget_get_root (button) == GTK_ROOT (dialog));
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_get_receives_default (button) || GTK_IS_BUTTON (button));
  collect_entries (GTK_WIDGET (dialog), entries);
  g_assert_cmpuint (entries->len, >, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (entries, i);
      gboolean activates = GTK_IS_ENTRY (entry)
                             ? gtk_entry_get_activates_default (GTK_ENTRY (entry))
                             : adw_entry_row_get_activates_default (ADW_ENTRY_ROW (entry));

      if (!activates)
        {
          g_autofree char *what = describe (entry);

          g_test_fail_printf ("%s: Enter in %s does not activate the default button", where,
                              what);
        }
    }
}

static gboolean
is_cancel (GtkWidget *widget)
{
  const char *label = GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : NULL;
  const char *action = GTK_IS_ACTIONABLE (widget)
                         ? gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) : NULL;

  return g_strcmp0 (action, "window.close") == 0
         || (label != NULL && (g_str_equal (label, "_Cancel") || g_str_equal (label, "Cancel")
                               || g_str_equal (label, "_Keep Editing")));
}

/* Tab goes round @dialog and comes back, through its Cancel and its default button. */
static void
assert_tab_cycles (GtkWindow  *dialog,
                   const char *where)
{
  GtkWidget *start, *default_widget = gtk_window_get_default_widget (dialog);
  gboolean cancel = FALSE, reached_default = default_widget == NULL;
  guint steps;

  gtk_window_set_focus (dialog, NULL);
  g_signal_emit_by_name (dialog, "move-focus", GTK_DIR_TAB_FORWARD);
  start = gtk_window_get_focus (dialog);
  g_assert_nonnull (start);
  for (steps = 0; steps < 300; steps++)
    {
      GtkWidget *focus = gtk_window_get_focus (dialog);

      if (focus != NULL)
        {
          cancel |= is_cancel (focus);
          reached_default |= focus == default_widget;
          if (steps > 0 && focus == start)
            break;
        }
      g_signal_emit_by_name (dialog, "move-focus", GTK_DIR_TAB_FORWARD);
    }
  if (steps == 300)
    g_test_fail_printf ("%s: Tab never comes back to where it started", where);
  /* A message dialog's buttons, or a header bar's Cancel. */
  if (!cancel)
    g_test_fail_printf ("%s: Tab never reaches Cancel", where);
  /* The default may be insensitive until the form is filled: then it is not a Tab stop. */
  if (!reached_default && gtk_widget_is_sensitive (default_widget))
    g_test_fail_printf ("%s: Tab never reaches the default button", where);
}

/* Opens a dialog through @action on the pane, audits it, checks its default and Escape. */
static void
check_pane_dialog (const char *action,
                   GVariant   *parameter,
                   GType       type,
                   const char *where,
                   gboolean    has_default)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (pane ()), action, parameter));
  dialog = wait_window (type, where);
  ar_ui_iterate_for (100);
  audit (where, GTK_WIDGET (dialog));
  if (has_default)
    assert_enter_reaches_default (dialog, where);
  assert_tab_cycles (dialog, where);
  assert_escape_closes (dialog, where);
  ar_ui_iterate_for (50);
}

/* The audit itself: it finds what it must, in a window made here. ------------------------- */

static void
test_audit_catches (void)
{
  GtkWidget *win = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *dropdown = gtk_drop_down_new_from_strings ((const char *[]) { "A", "B", NULL });
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *labelled = gtk_button_new_with_mnemonic ("_Save");
  GtkWidget *text_view = gtk_text_view_new ();
  g_autofree char *problems = NULL;

  gtk_window_set_child (GTK_WINDOW (win), box);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), dropdown);
  gtk_box_append (GTK_BOX (box), labelled);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), text_view);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "A placeholder is no name");
  gtk_window_present (GTK_WINDOW (win));

  /* Nameless: the icon button (no tooltip either), the entry, the drop-down, the untitled row
   * and its switch. */
  problems = audit_problems ("self-check", win);
  g_assert_nonnull (strstr (problems, "no accessible name: GtkButton icon=edit-delete-symbolic"));
  g_assert_nonnull (strstr (problems, "icon-only button without tooltip: GtkButton"));
  g_assert_nonnull (strstr (problems, "no accessible name: GtkEntry"));
  g_assert_nonnull (strstr (problems, "no accessible name: GtkDropDown"));
  g_assert_nonnull (strstr (problems, "no accessible name: GtkSwitch"));
  g_assert_nonnull (strstr (problems, "no accessible name: GtkTextView"));
  g_assert_nonnull (strstr (problems, "(accepts-tab): GtkTextView"));
  g_assert_null (strstr (problems, "_Save"));
  g_clear_pointer (&problems, g_free);

  /* Named: a tooltip alone is not a name, an accessible label is; a row title names the row
   * and its activatable switch. */
  gtk_widget_set_tooltip_text (icon, "Delete");
  problems = audit_problems ("self-check", win);
  g_assert_nonnull (strstr (problems, "no accessible name: GtkButton icon=edit-delete-symbolic"));
  g_assert_null (strstr (problems, "without tooltip"));
  g_clear_pointer (&problems, g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "Delete",
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, "Amount",
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  labelled, NULL, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Do not contact");
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Notes", -1);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (text_view), FALSE);
  problems = audit_problems ("self-check", win);
  g_assert_cmpstr (problems, ==, "");
  g_clear_pointer (&problems, g_free);

  /* Two access keys on one key are caught, the same label twice is not. */
  problems = mnemonic_clashes (win);
  g_assert_cmpstr (problems, ==, "");
  g_clear_pointer (&problems, g_free);
  gtk_box_append (GTK_BOX (box), gtk_button_new_with_mnemonic ("_Save"));
  gtk_box_append (GTK_BOX (box), gtk_button_new_with_mnemonic ("_Summary"));
  problems = mnemonic_clashes (win);
  g_assert_nonnull (strstr (problems, "Alt+s: \"_Save\" and \"_Summary\""));
  g_assert_null (strstr (problems, "\"_Save\" and \"_Save\""));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Everything a person reads in our .ui files is translatable. ------------------------------ */

/* Properties and menu attributes that a person sees as text. */
static const char *const shown_properties[] = {
  "label", "title", "subtitle", "tooltip-text", "tooltip-markup", "placeholder-text",
  "description", "heading", "body", "button-label", "accelerator-label", NULL,
};

typedef struct
{
  const char *file;
  GString    *problems;
  char       *name;        /* the open <property>/<attribute> that needs translating */
  gboolean    translatable;
} Scan;

static void
scan_start (GMarkupParseContext *context,
            const char          *element,
            const char         **names,
            const char         **values,
            gpointer             user_data,
            GError             **error)
{
  Scan *scan = user_data;
  const char *name = NULL;
  gboolean translatable = FALSE, bound = FALSE;

  g_clear_pointer (&scan->name, g_free);
  if (!g_str_equal (element, "property") && !g_str_equal (element, "attribute")
      && !g_str_equal (element, "item"))
    return;
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "name"))
        name = values[i];
      else if (g_str_equal (names[i], "translatable"))
        translatable = g_str_equal (values[i], "yes") || g_str_equal (values[i], "true");
      else if (g_str_equal (names[i], "bind-source"))
        bound = TRUE;
    }
  /* A GtkStringList's <item>s are shown as they are. */
  if (g_str_equal (element, "item") && name == NULL)
    name = "item";
  if (name == NULL || bound
      || (!g_str_equal (name, "item") && !g_strv_contains (shown_properties, name)))
    return;
  scan->name = g_strdup (name);
  scan->translatable = translatable;
}

static void
scan_text (GMarkupParseContext *context,
           const char          *text,
           gsize                length,
           gpointer             user_data,
           GError             **error)
{
  Scan *scan = user_data;
  g_autofree char *value = g_strstrip (g_strndup (text, length));
  gboolean has_letters = FALSE;

  if (scan->name == NULL || scan->translatable)
    return;
  for (const char *c = value; *c != '\0'; c = g_utf8_next_char (c))
    has_letters |= g_unichar_isalpha (g_utf8_get_char (c));
  if (has_letters)
    {
      int line = 0;

      g_markup_parse_context_get_position (context, &line, NULL);
      g_string_append_printf (scan->problems, "\n  %s:%d: %s \"%s\" is not translatable",
                              scan->file, line, scan->name, value);
    }
}

static void
scan_end (GMarkupParseContext *context,
          const char          *element,
          gpointer             user_data,
          GError             **error)
{
  g_clear_pointer (&((Scan *) user_data)->name, g_free);
}

static void
scan_markup (const char *file,
             const char *text,
             gssize      length,
             GString    *problems)
{
  g_autoptr(GError) error = NULL;
  const GMarkupParser parser = { scan_start, scan_end, scan_text, NULL, NULL };
  Scan scan = { file, problems, NULL, FALSE };
  GMarkupParseContext *context = g_markup_parse_context_new (&parser, 0, &scan, NULL);

  g_assert_true (g_markup_parse_context_parse (context, text, length, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_free (scan.name);
}

static void
scan_resource_dir (const char *dir,
                   GString    *problems,
                   guint      *n_files)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) children = g_resources_enumerate_children (dir, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (dir, children[i], NULL);
      g_autoptr(GBytes) bytes = NULL;

      if (!g_str_has_suffix (children[i], ".ui"))
        continue;
      bytes = g_resources_lookup_data (path, 0, &error);
      g_assert_no_error (error);
      scan_markup (children[i], g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                   problems);
      (*n_files)++;
    }
}

static void
test_translatable (void)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_files = 0;

  /* The scan itself: words are caught, translatable words, numbers and bound text are not. */
  scan_markup ("check.ui",
               "<interface><object class=\"GtkButton\">"
               "<property name=\"label\">Save</property>"
               "<property name=\"tooltip-text\" translatable=\"yes\">Save It</property>"
               "<property name=\"text\">4</property>"
               "<property name=\"title\">12.50</property>"
               "<items><item>Weekly</item></items>"
               "</object></interface>", -1, problems);
  g_assert_nonnull (strstr (problems->str, "check.ui:1: label \"Save\" is not translatable"));
  g_assert_nonnull (strstr (problems->str, "item \"Weekly\""));
  g_assert_null (strstr (problems->str, "Save It"));
  g_assert_null (strstr (problems->str, "12.50"));
  g_string_truncate (problems, 0);

  scan_resource_dir ("/io/github/arrears/Arrears/ui/", problems, &n_files);
  scan_resource_dir ("/io/github/arrears/Arrears/gtk/", problems, &n_files);
  g_test_message ("%u .ui files scanned", n_files);
  g_assert_cmpuint (n_files, >=, 20);
  if (problems->len > 0)
    g_test_fail_printf ("text a person sees, not marked translatable:%s", problems->str);
}

/* Set-up ---------------------------------------------------------------------------------- */

static void
test_open_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "demo.arrears", NULL);
  GListModel *model;
  guint position;
  GDate today;

  ledger = ar_ledger_create (path, &error);
  g_assert_no_error (error);
  ar_date_set_today (&today);
  ar_demo_generate (ledger, N_DEBTORS, 42, ar_date_to_julian (&today), NULL, &error);
  g_assert_no_error (error);

  window = ar_window_new (NULL);
  g_object_ref_sink (window);
  g_assert_true (ar_window_set_ledger (window, ledger, &error));
  g_assert_no_error (error);
  ar_ui_present_at (GTK_WINDOW (window), 1280, 800);
  ar_ui_iterate_for (200);

  /* A debtor with overdue money and invoices, who may be written to. */
  model = G_LIST_MODEL (ar_account_list_get_model (AR_ACCOUNT_LIST (ar_window_get_account_list (window))));
  for (position = 0; position < g_list_model_get_n_items (model); position++)
    {
      g_autoptr(ArAccount) account = g_list_model_get_item (model, position);
      g_autoptr(ArDebtorLedger) d = NULL;

      if (ar_account_get_days_overdue (account) <= 30 || ar_account_get_balance (account) <= 0)
        continue;
      d = ar_debtor_ledger_load (ledger, ar_account_get_debtor_id (account), NULL);
      if (d->debtor.status == AR_STATUS_ACTIVE && !d->debtor.cease_contact)
        {
          debtor_id = ar_account_get_debtor_id (account);
          break;
        }
    }
  g_assert_cmpuint (position, <, g_list_model_get_n_items (model));
  gtk_single_selection_set_selected (
    ar_account_list_get_selection (AR_ACCOUNT_LIST (ar_window_get_account_list (window))), position);
  ar_ui_iterate_for (200);
  g_assert_nonnull (ar_debtor_pane_get_account (pane ()));
}

/* The main window, each section of the debtor pane shown in turn. ------------------------- */

static void
test_main_window (void)
{
  const char *sections[] = { "open", "ledger", "activity", "contacts", "plan", "notes" };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *where = g_strdup_printf ("main window (debtor pane: %s)", sections[i]);

      ar_debtor_pane_show_section (pane (), sections[i]);
      ar_ui_iterate_for (200);
      audit (where, GTK_WIDGET (window));
    }
  ar_debtor_pane_show_section (pane (), "open");
  ar_ui_iterate_for (100);
}

/* The debtor pane's dialogs. -------------------------------------------------------------- */

static void
test_pane_dialogs (void)
{
  g_autoptr(ArDebtorLedger) debtor = ar_debtor_ledger_load (ledger, debtor_id, NULL);
  gint64 entry_id = 0;

  check_pane_dialog ("debtor.record-payment", NULL, AR_TYPE_PAYMENT_DIALOG, "payment dialog",
                     TRUE);
  check_pane_dialog ("debtor.log-contact", NULL, AR_TYPE_CONTACT_DIALOG, "contact dialog",
                     TRUE);
  check_pane_dialog ("debtor.add-invoice", NULL, AR_TYPE_INVOICE_DIALOG, "invoice dialog", TRUE);
  check_pane_dialog ("debtor.credit-note", NULL, AR_TYPE_ENTRY_DIALOG, "credit note dialog",
                     TRUE);
  check_pane_dialog ("debtor.refund", NULL, AR_TYPE_ENTRY_DIALOG, "refund dialog", TRUE);
  check_pane_dialog ("debtor.write-off", NULL, AR_TYPE_ENTRY_DIALOG, "write-off dialog", TRUE);
  check_pane_dialog ("debtor.edit", NULL, AR_TYPE_DEBTOR_DIALOG, "debtor dialog", TRUE);
  check_pane_dialog ("debtor.add-contact", NULL, AR_TYPE_CONTACT_POINT_DIALOG,
                     "contact point dialog", TRUE);

  g_assert_nonnull (debtor);
  for (guint i = 0; i < debtor->entries->len && entry_id == 0; i++)
    {
      const ArDebtorEntry *e = &g_array_index (debtor->entries, ArDebtorEntry, i);

      if (e->kind == AR_ENTRY_PAYMENT && e->reversed_by_id == 0)
        entry_id = e->id;
    }
  g_assert_cmpint (entry_id, >, 0);
  check_pane_dialog ("debtor.reverse-entry", g_variant_new_int64 (entry_id),
                     AR_TYPE_REVERSE_DIALOG, "reverse dialog", FALSE);
}

/* A write-off asks for confirmation: that question too, and Escape there cancels it and keeps
 * the dialog. */
static void
test_write_off_confirmation (void)
{
  g_autoptr(ArDebtorLedger) debtor = ar_debtor_ledger_load (ledger, debtor_id, NULL);
  g_autofree char *amount = NULL;
  gint64 invoice_id = 0, open = 0;
  const char *currency = NULL;
  ArEntryDialog *dialog;
  AdwMessageDialog *confirmation;

  for (guint i = 0; i < debtor->entries->len && invoice_id == 0; i++)
    {
      const ArDebtorEntry *e = &g_array_index (debtor->entries, ArDebtorEntry, i);

      if (e->kind == AR_ENTRY_INVOICE && e->invoice_id != 0
          && ar_ledger_get_invoice_open (ledger, e->invoice_id, &open, NULL) && open > 1)
        {
          invoice_id = e->invoice_id;
          currency = e->currency;
        }
    }
  g_assert_cmpint (invoice_id, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "debtor.write-off-invoice", "x",
                                             invoice_id));
  dialog = AR_ENTRY_DIALOG (wait_window (AR_TYPE_ENTRY_DIALOG, "the write-off dialog"));
  amount = ar_money_format (1, currency);
  gtk_editable_set_text (ar_entry_dialog_get_amount_entry (dialog), amount);
  gtk_editable_set_text (ar_entry_dialog_get_memo_entry (dialog), "Goodwill");
  g_assert_true (gtk_widget_get_sensitive (ar_entry_dialog_get_post_button (dialog)));
  g_signal_emit_by_name (ar_entry_dialog_get_post_button (dialog), "clicked");
  confirmation = ar_entry_dialog_get_confirmation (dialog);
  g_assert_nonnull (confirmation);
  ar_ui_iterate_for (300);
  audit ("write-off confirmation", GTK_WIDGET (confirmation));
  assert_tab_cycles (GTK_WINDOW (confirmation), "write-off confirmation");
  assert_escape_closes (GTK_WINDOW (confirmation), "write-off confirmation");
  ar_ui_iterate_for (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (ar_ledger_get_invoice_open (ledger, invoice_id, &open, NULL));
  assert_escape_closes (GTK_WINDOW (dialog), "write-off dialog");
  {
    gint64 after = 0;

    g_assert_true (ar_ledger_get_invoice_open (ledger, invoice_id, &after, NULL));
    g_assert_cmpint (after, ==, open);
  }
}

static gboolean
document_done (gpointer data)
{
  ArDocumentDialog *dialog = data;

  return ar_document_dialog_is_ready (dialog) || ar_document_dialog_get_error (dialog) != NULL;
}

static void
test_documents (void)
{
  const char *actions[] = { "debtor.statement", "debtor.letter" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *where = g_strdup_printf ("document dialog (%s)", actions[i]);
      GtkWindow *dialog;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), actions[i], NULL));
      dialog = wait_window (AR_TYPE_DOCUMENT_DIALOG, where);
      ar_ui_wait_for (document_done, dialog, "the document preview");
      g_assert_null (ar_document_dialog_get_error (AR_DOCUMENT_DIALOG (dialog)));
      ar_ui_iterate_for (100);
      audit (where, GTK_WIDGET (dialog));
      /* Print is the default: Enter from anywhere that doesn't take it prints. */
      g_assert_nonnull (gtk_window_get_default_widget (dialog));
      assert_escape_closes (dialog, where);
    }
}

/* Enter in the payment dialog's amount records the payment, as its default button does. */

static void
test_enter_records_payment (void)
{
  g_autoptr(ArAccount) account = g_object_ref (ar_debtor_pane_get_account (pane ()));
  g_autofree char *amount = ar_money_format (100, ar_account_get_currency (account));
  const char *currency = ar_account_get_currency (account);
  ArPaymentDialog *dialog;
  GtkWidget *watched, *text;
  gint64 before = 0, after = 0;

  g_assert_true (ar_ledger_get_balance (ledger, debtor_id, currency, &before, NULL, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "debtor.record-payment", NULL));
  dialog = AR_PAYMENT_DIALOG (wait_window (AR_TYPE_PAYMENT_DIALOG, "the payment dialog"));
  watched = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (watched), (gpointer *) &watched);
  gtk_editable_set_text (ar_payment_dialog_get_amount_entry (dialog), amount);
  g_assert_true (gtk_widget_get_sensitive (ar_payment_dialog_get_record_button (dialog)));

  /* Return in a GtkText is its "activate" key binding. */
  text = GTK_WIDGET (gtk_editable_get_delegate (ar_payment_dialog_get_amount_entry (dialog)));
  g_assert_true (GTK_IS_TEXT (text));
  gtk_widget_grab_focus (text);
  g_assert_true (press_key (GTK_WINDOW (dialog), GDK_KEY_Return, 0));
  ar_ui_wait_for (window_gone, &watched, "Enter to record the payment");
  g_assert_true (ar_ledger_get_balance (ledger, debtor_id, currency, &after, NULL, NULL));
  g_assert_cmpint (after, ==, before - 100);
  if (watched != NULL)
    g_object_remove_weak_pointer (G_OBJECT (watched), (gpointer *) &watched);
}

/* The plan wizard, on each of its steps. -------------------------------------------------- */

static gboolean
step_complete (gpointer data)
{
  return ar_plan_step_is_complete (AR_PLAN_STEP (data));
}

static void
test_plan_wizard (void)
{
  ArPlanWizard *wizard;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "debtor.set-up-plan", NULL));
  wizard = AR_PLAN_WIZARD (wait_window (AR_TYPE_PLAN_WIZARD, "the plan wizard"));
  for (guint step = 0; step < 4; step++)
    {
      g_autofree char *where = g_strdup_printf ("plan wizard, step %u", step + 1);
      GtkWidget *page = ar_plan_wizard_get_step (wizard, step);

      g_assert_cmpuint (ar_plan_wizard_get_position (wizard), ==, step);
      ar_ui_wait_for (step_complete, page, where);
      ar_ui_iterate_for (400);   /* past the stack's slide */
      audit (where, GTK_WIDGET (wizard));
      assert_tab_cycles (GTK_WINDOW (wizard), where);
      /* The terms' rows change titles (and access keys) with the plan's mode and cost. */
      if (step == 1)
        {
          ArPlanStepTerms *terms = AR_PLAN_STEP_TERMS (page);

          for (guint mode = 0; mode < 2; mode++)
            for (guint cost = 0; cost < 3; cost++)
              {
                g_autofree char *variant =
                  g_strdup_printf ("plan wizard, step 2, mode %u, cost %u", mode, cost);

                ar_plan_step_terms_set_mode (terms, mode);
                ar_plan_step_terms_set_cost_kind (terms, cost);
                audit (variant, GTK_WIDGET (wizard));
              }
          ar_plan_step_terms_set_mode (terms, 0);
          ar_plan_step_terms_set_cost_kind (terms, 0);
          ar_ui_wait_for (step_complete, page, where);
        }
      if (step < 3)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
    }
  /* Alt+Page Up goes back a step, as the shortcuts window says. */
  g_assert_true (press_key (GTK_WINDOW (wizard), GDK_KEY_Page_Up, GDK_ALT_MASK));
  g_assert_cmpuint (ar_plan_wizard_get_position (wizard), ==, 2);

  /* A changed wizard asks before Escape discards it: the question is audited too, and Escape
   * there keeps the wizard. */
  gtk_check_button_set_active (ar_plan_step_items_get_check (
                                 AR_PLAN_STEP_ITEMS (ar_plan_wizard_get_step (wizard, 0)), 0),
                               FALSE);
  g_assert_true (ar_plan_wizard_is_changed (wizard));
  g_assert_true (press_key (GTK_WINDOW (wizard), GDK_KEY_Escape, 0));
  ar_ui_iterate_for (200);
  g_assert_nonnull (ar_plan_wizard_get_discard_dialog (wizard));
  audit ("plan wizard, discard question", GTK_WIDGET (ar_plan_wizard_get_discard_dialog (wizard)));
  assert_tab_cycles (ar_plan_wizard_get_discard_dialog (wizard), "plan wizard, discard question");
  assert_escape_closes (ar_plan_wizard_get_discard_dialog (wizard), "plan wizard, discard question");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (wizard)));
  gtk_window_destroy (GTK_WINDOW (wizard));
  ar_ui_iterate_for (100);
}

/* The window's own dialogs and windows. --------------------------------------------------- */

static gboolean
import_settled (gpointer data)
{
  const char *state = ar_import_dialog_get_state (data);

  return g_strcmp0 (state, "problems") == 0 || g_strcmp0 (state, "ready") == 0;
}

static void
test_import_dialog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "customers.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  dialog = wait_window (AR_TYPE_IMPORT_DIALOG, "the import dialog");
  ar_ui_iterate_for (200);
  audit ("import dialog, empty", GTK_WIDGET (dialog));

  /* With a file: its columns' combos, the preview and a problem listed. */
  g_file_set_contents (path, "id,name,email\r\nC-1,,not-an-email\r\nC-2,Ann Example,\r\n", -1,
                       &error);
  g_assert_no_error (error);
  g_assert_true (ar_import_dialog_set_file (AR_IMPORT_DIALOG (dialog), AR_IMPORT_DEBTORS, file,
                                            &error));
  g_assert_no_error (error);
  ar_ui_wait_for (import_settled, dialog, "the import's dry run");
  g_assert_cmpuint (g_list_model_get_n_items (ar_import_dialog_get_problems (AR_IMPORT_DIALOG (dialog))),
                    >, 0);
  ar_ui_iterate_for (200);
  audit ("import dialog, a file with problems", GTK_WIDGET (dialog));
  assert_tab_cycles (dialog, "import dialog");
  assert_escape_closes (dialog, "import dialog");
}

/* Audited before the main loop runs again: until then the worker's answer can't close it. */
static void
test_export_dialog (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "export", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  GtkWindow *dialog = GTK_WINDOW (ar_window_export_to (window, folder));

  g_assert_nonnull (dialog);
  audit ("export dialog", GTK_WIDGET (dialog));
  assert_tab_cycles (dialog, "export dialog");
  assert_escape_closes (dialog, "export dialog");
}

static void
test_preferences (void)
{
  GtkWindow *prefs;
  AdwPreferencesPage *first = NULL;
  guint n_pages = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  prefs = wait_window (AR_TYPE_PREFERENCES_WINDOW, "the preferences window");
  ar_ui_iterate_for (200);

  /* Each page shown in turn (the view stack's pages are the window's AdwPreferencesPages). */
  {
    g_autoptr(GPtrArray) pages = g_ptr_array_new ();
    GtkWidget *stack = NULL;

    for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (prefs)); w != NULL;)
      {
        if (ADW_IS_VIEW_STACK (w))
          {
            stack = w;
            break;
          }
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            if (w != NULL)
              w = gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_nonnull (stack);
    {
      g_autoptr(GtkSelectionModel) model = adw_view_stack_get_pages (ADW_VIEW_STACK (stack));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
        {
          g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (model), i);
          GtkWidget *child = adw_view_stack_page_get_child (page);

          if (ADW_IS_PREFERENCES_PAGE (child))
            g_ptr_array_add (pages, child);
        }
    }
    for (guint i = 0; i < pages->len; i++)
      {
        AdwPreferencesPage *page = g_ptr_array_index (pages, i);
        g_autofree char *where =
          g_strdup_printf ("preferences, page \"%s\"", adw_preferences_page_get_title (page));

        if (first == NULL)
          first = page;
        adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), page);
        ar_ui_iterate_for (200);
        audit (where, GTK_WIDGET (prefs));
        n_pages++;
      }
  }
  g_assert_cmpuint (n_pages, >=, 2);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), first);
  assert_escape_closes (prefs, "preferences");
  ar_ui_iterate_for (100);
}

static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/arrears/Arrears/gtk/help-overlay.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (window));
  gtk_window_present (shortcuts);
  ar_ui_wait_for (window_mapped, &(Find) { GTK_TYPE_SHORTCUTS_WINDOW, NULL },
                  "the shortcuts window");
  ar_ui_iterate_for (200);
  audit ("shortcuts window", GTK_WIDGET (shortcuts));
  /* What is ours in it: every shortcut says what it does and which keys do it. */
  {
    g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
    guint n_shortcuts = 0;

    for (GSList *l = objects; l != NULL; l = l->next)
      if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        {
          g_autofree char *title = NULL, *accelerator = NULL, *action = NULL;

          g_object_get (l->data, "title", &title, "accelerator", &accelerator,
                        "action-name", &action, NULL);
          if (!has_text (title) || (!has_text (accelerator) && !has_text (action)))
            g_test_fail_printf ("shortcuts window: a shortcut without %s (title \"%s\")",
                                has_text (title) ? "keys" : "a title", title ? title : "");
          n_shortcuts++;
        }
    g_assert_cmpuint (n_shortcuts, >=, 7);
  }
  assert_escape_closes (shortcuts, "shortcuts window");
}

static void
test_about (void)
{
  GtkWindow *about = GTK_WINDOW (ar_about_window_new (GTK_WINDOW (window)));

  gtk_window_present (about);
  ar_ui_wait_for (window_mapped, &(Find) { ADW_TYPE_ABOUT_WINDOW, NULL }, "the about window");
  ar_ui_iterate_for (200);
  audit ("about window", GTK_WIDGET (about));
  assert_escape_closes (about, "about window");
}

/* Tab round the main window. -------------------------------------------------------------- */

typedef struct
{
  GtkWidget *search_toggle;
  gboolean   search;
  gboolean   list;
  gboolean   sort_menu;
  gboolean   pane_action;
} Reached;

static void
note_focus (GtkWidget *focus,
            Reached   *reached)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (focus));

  if (GTK_IS_TOGGLE_BUTTON (focus) && g_strcmp0 (id, "search_button") == 0)
    reached->search_toggle = focus;
  if (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL)
    reached->search = TRUE;
  if (gtk_widget_get_ancestor (focus, AR_TYPE_ACCOUNT_LIST) != NULL
      && gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_VIEW) != NULL)
    reached->list = TRUE;
  /* The sort menu: GTK 4.8's column headers take no focus, so it is the keyboard's sort. */
  if (gtk_widget_get_ancestor (focus, AR_TYPE_ACCOUNT_LIST) != NULL
      && GTK_IS_MENU_BUTTON (gtk_widget_get_parent (focus))
      && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (gtk_widget_get_parent (focus))) != NULL)
    reached->sort_menu = TRUE;
  if (gtk_widget_get_ancestor (focus, AR_TYPE_DEBTOR_PANE) != NULL && GTK_IS_ACTIONABLE (focus))
    {
      const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (focus));

      if (action != NULL && g_str_has_prefix (action, "debtor."))
        reached->pane_action = TRUE;
    }
}

/* Presses Tab (or Shift+Tab) until the focus comes back to where it started: it must, or
 * something traps it. Returns how many widgets it went through. */
static guint
tab_round (GtkWindow        *win,
           GtkDirectionType  direction,
           Reached          *reached)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) chain = g_string_new (NULL);
  GtkWidget *start;

  gtk_window_set_focus (win, NULL);
  /* What the Tab key binding of GtkWindow emits. */
  g_signal_emit_by_name (win, "move-focus", direction);
  start = gtk_window_get_focus (win);
  g_assert_nonnull (start);
  note_focus (start, reached);
  g_hash_table_add (seen, start);
  for (guint steps = 1; steps < 500; steps++)
    {
      GtkWidget *focus;
      g_autofree char *what = NULL;

      g_signal_emit_by_name (win, "move-focus", direction);
      focus = gtk_window_get_focus (win);
      if (focus == NULL)
        continue;   /* past the end: the next Tab wraps round to the first */
      if (focus == start)
        {
          g_test_message ("%s visits %u widgets before coming back:%s",
                          direction == GTK_DIR_TAB_FORWARD ? "Tab" : "Shift+Tab",
                          g_hash_table_size (seen), chain->str);
          return g_hash_table_size (seen);
        }
      what = describe (focus);
      g_string_append_printf (chain, "\n  %s", what);
      note_focus (focus, reached);
      g_hash_table_add (seen, focus);
    }
  g_test_fail_printf ("Tab never came back to where it started:%s", chain->str);
  return 0;
}

static void
test_tab_chain (void)
{
  GtkWindow *win = GTK_WINDOW (window);
  Reached closed = { NULL }, forward = { NULL }, backward = { NULL };

  /* On the Accounts view (a book opens on Today) with the search bar closed: Tab reaches the
   * search toggle in the header bar, and the list and the pane's actions. */
  ar_window_show_view (window, "accounts");
  ar_ui_iterate_for (300);
  g_assert_cmpuint (tab_round (win, GTK_DIR_TAB_FORWARD, &closed), >=, 5);
  g_assert_nonnull (closed.search_toggle);
  g_assert_true (closed.list);
  g_assert_true (closed.sort_menu);
  g_assert_true (closed.pane_action);

  /* Space on the toggle opens the search bar; then Tab reaches the entry too, both ways. */
  gtk_widget_activate (closed.search_toggle);
  ar_ui_iterate_for (300);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (closed.search_toggle)));
  g_assert_cmpuint (tab_round (win, GTK_DIR_TAB_FORWARD, &forward), >=, 5);
  g_assert_true (forward.search && forward.list && forward.sort_menu && forward.pane_action);
  g_assert_cmpuint (tab_round (win, GTK_DIR_TAB_BACKWARD, &backward), >=, 5);
  g_assert_true (backward.search && backward.list && backward.sort_menu
                 && backward.pane_action);

  /* Where Tab stops, the focus ring shows (a screenshot to look at). */
  gtk_window_set_focus_visible (win, TRUE);
  gtk_widget_grab_focus (closed.search_toggle);
  while (!GTK_IS_ACTIONABLE (gtk_window_get_focus (win))
         || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (gtk_window_get_focus (win))),
                       "debtor.record-payment") != 0)
    g_signal_emit_by_name (win, "move-focus", GTK_DIR_TAB_FORWARD);
  ar_ui_iterate_for (200);
  ar_ui_save_screenshot (GTK_WIDGET (window), "keyboard-focus-light.png");

  /* Escape in the search entry closes the bar again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_nonnull (gtk_widget_get_ancestor (gtk_window_get_focus (win), GTK_TYPE_SEARCH_ENTRY));
  g_assert_true (press_key (win, GDK_KEY_Escape, 0));
  ar_ui_iterate_for (300);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (closed.search_toggle)));
}

/* The shortcuts the window's widgets add for the whole window (GTK_SHORTCUT_SCOPE_GLOBAL:
 * the debtor pane's, the account list's Ctrl+Shift+S for the sort menu) as accelerator
 * strings, each once; @clashes gets any key that two of them take. */
static void
collect_global_shortcuts (GtkWidget  *widget,
                          GHashTable *keys,
                          GString    *clashes)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller)
          || gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller))
               != GTK_SHORTCUT_SCOPE_GLOBAL)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          char *accel;

          if (!GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;
          accel = gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                        gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          if (g_hash_table_contains (keys, accel))
            {
              g_string_append_printf (clashes, "\n  %s", accel);
              g_free (accel);
            }
          else
            g_hash_table_add (keys, accel);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_global_shortcuts (child, keys, clashes);
}

/* The window's own shortcuts take a key each, none an application's, and the shortcuts
 * window lists every one of them. */
static void
test_window_shortcuts (void)
{
  /* ArApplication's accelerators (ar-application.c), which the window does not see without
   * an application. */
  const char *application[] = { "<Control>q", "<Control>n", "<Control>o", "<Control>f",
                                "<Control>i", "<Control>comma", "<Control>question", "F10" };
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) clashes = g_string_new (NULL);
  g_autoptr(GtkBuilder) help =
    gtk_builder_new_from_resource ("/io/github/arrears/Arrears/gtk/help-overlay.ui");
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  collect_global_shortcuts (GTK_WIDGET (window), keys, clashes);
  if (clashes->len > 0)
    g_test_fail_printf ("two shortcuts on one key in the main window:%s", clashes->str);
  g_assert_true (g_hash_table_contains (keys, "<Shift><Control>s"));
  for (guint i = 0; i < G_N_ELEMENTS (application); i++)
    {
      guint keyval;
      GdkModifierType mods;
      g_autofree char *name = NULL;

      g_assert_true (gtk_accelerator_parse (application[i], &keyval, &mods));
      name = gtk_accelerator_name (keyval, mods);
      if (g_hash_table_contains (keys, name))
        g_test_fail_printf ("%s is the application's and a widget's shortcut", name);
    }

  for (GSList *l = gtk_builder_get_objects (help); l != NULL; l = g_slist_delete_link (l, l))
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accelerator = NULL;
        guint keyval;
        GdkModifierType mods;

        g_object_get (l->data, "accelerator", &accelerator, NULL);
        if (accelerator != NULL && gtk_accelerator_parse (accelerator, &keyval, &mods))
          g_hash_table_add (listed, gtk_accelerator_name (keyval, mods));
      }
  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (listed, key))
      g_test_fail_printf ("%s is not in the shortcuts window", (const char *) key);
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (help, "help_overlay")));
}

/* Ctrl+F reaches the search entry from anywhere in the window. */
static void
test_search_shortcut (void)
{
  GtkWindow *win = GTK_WINDOW (window);
  GtkWidget *focus;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  ar_ui_iterate_for (50);
  focus = gtk_window_get_focus (win);
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));
}

static void
test_close (void)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  g_assert_finalize_object (window);
  window = NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* The test AT context keeps every accessible attribute where the test can read it. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/arrears/Arrears/icons");

  tmp_dir = g_dir_make_tmp ("arrears-a11y-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/accessibility/audit-catches", test_audit_catches);
  g_test_add_func ("/accessibility/translatable", test_translatable);
  g_test_add_func ("/accessibility/open-window", test_open_window);
  g_test_add_func ("/accessibility/main-window", test_main_window);
  g_test_add_func ("/accessibility/tab-chain", test_tab_chain);
  g_test_add_func ("/accessibility/search-shortcut", test_search_shortcut);
  g_test_add_func ("/accessibility/window-shortcuts", test_window_shortcuts);
  g_test_add_func ("/accessibility/pane-dialogs", test_pane_dialogs);
  g_test_add_func ("/accessibility/write-off-confirmation", test_write_off_confirmation);
  g_test_add_func ("/accessibility/enter-records-payment", test_enter_records_payment);
  g_test_add_func ("/accessibility/documents", test_documents);
  g_test_add_func ("/accessibility/plan-wizard", test_plan_wizard);
  g_test_add_func ("/accessibility/import-dialog", test_import_dialog);
  g_test_add_func ("/accessibility/export-dialog", test_export_dialog);
  g_test_add_func ("/accessibility/preferences", test_preferences);
  g_test_add_func ("/accessibility/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/accessibility/about", test_about);
  g_test_add_func ("/accessibility/close", test_close);

  status = g_test_run ();

  g_clear_object (&ledger);
  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
