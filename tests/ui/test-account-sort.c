/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
/* Sorting the account list from the keyboard, in the real window on a demo ledger of 500
 * debtors: the Sort menu offers every column that sorts, its actions ("list.sort-by",
 * "list.sort-descending") sort the model in SQL exactly as a header does and put the arrow on
 * that header, a header click moves the menu's radio items, GSettings remembers the choice for
 * the next window, and Ctrl+Shift+S opens the menu while the list is on screen. Screenshots of
 * the open menu over the window (1280×800, light and dark) and of the list sorted by days and
 * by balance are written to $G_TEST_BUILDDIR/screenshots. */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ar-account-columns.h"
#include "ar-account-header.h"
#include "ar-account-list.h"
#include "ar-date.h"
#include "ar-demo.h"
#include "ar-test-util.h"
#include "ar-ui-test.h"
#include "ar-window.h"

#define N_DEBTORS 500
/* The rows whose order is checked after each sort. */
#define N_CHECKED 40

static char     *tmp_dir;
static ArLedger *ledger;
static ArWindow *window;

/* Helpers --------------------------------------------------------------------------------- */

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static ArAccountList *
list_of (ArWindow *win)
{
  return AR_ACCOUNT_LIST (ar_window_get_account_list (win));
}

static ArAccountList *
account_list (void)
{
  return list_of (window);
}

static ArAccountModel *
model (void)
{
  return ar_account_list_get_model (account_list ());
}

static ArAccount *
account_at (guint position)
{
  return g_list_model_get_item (G_LIST_MODEL (model ()), position);
}

/* The header button of the column titled @title (the header a person clicks). */
static GtkWidget *
header_titled (ArWindow   *win,
               const char *title)
{
  ArAccountHeader *header = AR_ACCOUNT_HEADER (ar_account_list_get_header (list_of (win)));

  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    if (g_strcmp0 (ar_account_column_title (c), title) == 0)
      return ar_account_header_get_button (header, c);
  g_error ("no column titled %s", title);
  return NULL;
}

/* The sort arrow in the header titled @title: "descending", "ascending", or NULL when it shows
 * none (the image after the title, as drawn). */
static const char *
header_arrow (ArWindow   *win,
              const char *title)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new ();

  collect (header_titled (win, title), GTK_TYPE_IMAGE, images);
  g_assert_cmpuint (images->len, ==, 1);
  if (!gtk_widget_get_visible (images->pdata[0]))
    return NULL;
  if (g_strcmp0 (gtk_image_get_icon_name (images->pdata[0]), "pan-down-symbolic") == 0)
    return "descending";
  if (g_strcmp0 (gtk_image_get_icon_name (images->pdata[0]), "pan-up-symbolic") == 0)
    return "ascending";
  return NULL;
}

/* The list's "Sort" menu button. */
static GtkMenuButton *
sort_button_of (ArWindow *win)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (GTK_WIDGET (list_of (win)), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_menu_button_get_menu_model (buttons->pdata[i]) != NULL)
      return buttons->pdata[i];
  g_error ("no menu button with a menu in the account list");
  return NULL;
}

static char *
state_string (ArWindow   *win,
              const char *action)
{
  GActionGroup *group = ar_account_list_get_sort_actions (list_of (win));
  g_autoptr(GVariant) state = g_action_group_get_action_state (group, action);

  return g_variant_print (state, FALSE);
}

/* A label as shown: without its access key's underscore. */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    if (*p != '_')
      g_string_append_c (text, *p);
  return g_string_free (text, FALSE);
}

/* The menu's radio items of @action, in order: labels (as shown) and targets (printed). */
static void
menu_items (GMenuModel *menu,
            const char *action,
            GPtrArray  *labels,
            GPtrArray  *targets)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GVariant) target = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        {
          menu_items (section, action, labels, targets);
          continue;
        }
      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name);
      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      if (g_strcmp0 (name, action) != 0)
        continue;
      g_assert_nonnull (target);
      g_ptr_array_add (labels, strip_mnemonic (label));
      g_ptr_array_add (targets, g_variant_print (target, FALSE));
    }
}

/* The sort each radio item of "list.sort-by" should give: its header's title, the model's key,
 * and how two neighbouring rows compare under it (NULL: not checked row by row). */
typedef int (*RowCompare) (ArAccount *a, ArAccount *b);

static int
compare_name (ArAccount *a,
              ArAccount *b)
{
  return g_ascii_strcasecmp (ar_account_get_name (a), ar_account_get_name (b));
}

/* Balances are sorted within each currency. */
static int
compare_balance (ArAccount *a,
                 ArAccount *b)
{
  int by_currency = strcmp (ar_account_get_currency (a), ar_account_get_currency (b));

  if (by_currency != 0)
    return by_currency;
  return (ar_account_get_balance (a) > ar_account_get_balance (b))
         - (ar_account_get_balance (a) < ar_account_get_balance (b));
}

static int
compare_days (ArAccount *a,
              ArAccount *b)
{
  return ar_account_get_days_overdue (a) - ar_account_get_days_overdue (b);
}

static int
compare_status (ArAccount *a,
                ArAccount *b)
{
  return (int) ar_account_get_status (a) - (int) ar_account_get_status (b);
}

static const struct
{
  const char    *nick;
  const char    *title;
  ArAccountSort  sort;
  RowCompare     compare;
} sorts[] = {
  { "name", "Debtor", AR_ACCOUNT_SORT_NAME, compare_name },
  { "balance", "Balance", AR_ACCOUNT_SORT_BALANCE, compare_balance },
  { "days", "Days Overdue", AR_ACCOUNT_SORT_DAYS_OVERDUE, compare_days },
  { "bucket", "Bucket", AR_ACCOUNT_SORT_DAYS_OVERDUE, compare_days },
  { "status", "Status", AR_ACCOUNT_SORT_STATUS, compare_status },
  /* Rows without a date come last in both directions: checked by the core's tests. */
  { "last-contact", "Last Contact", AR_ACCOUNT_SORT_LAST_CONTACT, NULL },
  { "next-action", "Next Action", AR_ACCOUNT_SORT_NEXT_ACTION, NULL },
};

/* The first rows are in @compare's order, or its reverse. */
static void
assert_rows_sorted (RowCompare compare,
                    gboolean   descending,
                    gboolean  *out_distinct)
{
  guint n = MIN (N_CHECKED, g_list_model_get_n_items (G_LIST_MODEL (model ())));
  gboolean distinct = FALSE;

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(ArAccount) a = account_at (i - 1);
      g_autoptr(ArAccount) b = account_at (i);
      int order = compare (a, b);

      if (descending)
        g_assert_cmpint (order, >=, 0);
      else
        g_assert_cmpint (order, <=, 0);
      distinct = distinct || order != 0;
    }
  if (out_distinct != NULL)
    *out_distinct = distinct;
}

/* Every header's arrow: only @title's shows, pointing @descending's way. */
static void
assert_arrow_on (ArWindow   *win,
                 const char *title,
                 gboolean    descending)
{
  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      const char *arrow = header_arrow (win, sorts[i].title);

      if (g_str_equal (sorts[i].title, title))
        g_assert_cmpstr (arrow, ==, descending ? "descending" : "ascending");
      else
        g_assert_null (arrow);
    }
}

static void
assert_state (ArWindow   *win,
              const char *nick,
              gboolean    descending)
{
  g_autofree char *by = state_string (win, "sort-by");
  g_autofree char *expected = g_strdup_printf ("'%s'", nick);
  g_autofree char *order = state_string (win, "sort-descending");

  g_assert_cmpstr (by, ==, expected);
  g_assert_cmpstr (order, ==, descending ? "true" : "false");
}

static gboolean
popover_shown (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (data));

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

/* Activates the list's own shortcut for @keyval with @modifiers, as GTK does for a shortcut
 * controller of global scope: TRUE when one took the key. */
static gboolean
list_takes_key (ArAccountList   *list,
                guint            keyval,
                GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (list));

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

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 GTK_WIDGET (list),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* The window with its open popover drawn where it is on screen (a popover is a surface of its
 * own, so the window's own picture leaves it out). */
static void
save_window_with_popover (GtkWidget  *win,
                          GtkPopover *popover,
                          const char *name)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  g_autoptr(GdkPaintable) window_paint = gtk_widget_paintable_new (win);
  g_autoptr(GdkPaintable) popover_paint = gtk_widget_paintable_new (GTK_WIDGET (popover));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int width = gtk_widget_get_width (win);
  int height = gtk_widget_get_height (win);
  double window_x, window_y, popover_x, popover_y;

  /* The popup's position is its surface's in the window's surface; each widget sits in its
   * surface at the surface transform (the shadows around it). */
  gtk_native_get_surface_transform (GTK_NATIVE (win), &window_x, &window_y);
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);
  gdk_paintable_snapshot (window_paint, snapshot, width, height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (
    gdk_popup_get_position_x (GDK_POPUP (surface)) + popover_x - window_x,
    gdk_popup_get_position_y (GDK_POPUP (surface)) + popover_y - window_y));
  gdk_paintable_snapshot (popover_paint, snapshot, gtk_widget_get_width (GTK_WIDGET (popover)),
                          gtk_widget_get_height (GTK_WIDGET (popover)));
  gtk_snapshot_restore (snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (win)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Tests ----------------------------------------------------------------------------------- */

static void
test_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "demo.arrears", NULL);
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
  ar_window_show_view (window, "accounts");
  ar_ui_iterate_for (200);

  /* The default: most days overdue first, shown in the headers and in the menu. */
  assert_state (window, "days", TRUE);
  g_assert_cmpstr (header_arrow (window, "Days Overdue"), ==, "descending");
}

/* The menu button is named and offers one radio item per column that sorts, titled as its
 * header, and Ascending and Descending. */
static void
test_menu (void)
{
  GtkMenuButton *button = sort_button_of (window);
  GMenuModel *menu = gtk_menu_button_get_menu_model (button);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) order_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) order_targets = g_ptr_array_new_with_free_func (g_free);
  guint n_sorting = 0;

  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, "Sort Debtors");
  g_assert_cmpstr (gtk_menu_button_get_label (button), ==, "_Sort");
  g_assert_true (gtk_menu_button_get_use_underline (button));

  menu_items (menu, "list.sort-by", labels, targets);
  /* Every column sorts. */
  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    {
      gboolean listed = FALSE;

      n_sorting++;
      for (guint j = 0; j < labels->len; j++)
        listed = listed || g_str_equal (labels->pdata[j], ar_account_column_title (c));
      if (!listed)
        g_test_fail_printf ("the column %s sorts but is not in the Sort menu",
                            ar_account_column_title (c));
    }
  g_assert_cmpuint (n_sorting, ==, G_N_ELEMENTS (sorts));
  g_assert_cmpuint (labels->len, ==, G_N_ELEMENTS (sorts));
  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      g_autofree char *target = g_strdup_printf ("'%s'", sorts[i].nick);

      g_assert_cmpstr (labels->pdata[i], ==, sorts[i].title);
      g_assert_cmpstr (targets->pdata[i], ==, target);
    }

  menu_items (menu, "list.sort-descending", order_labels, order_targets);
  g_assert_cmpuint (order_labels->len, ==, 2);
  g_assert_cmpstr (order_labels->pdata[0], ==, "Ascending");
  g_assert_cmpstr (order_targets->pdata[0], ==, "false");
  g_assert_cmpstr (order_labels->pdata[1], ==, "Descending");
  g_assert_cmpstr (order_targets->pdata[1], ==, "true");
}

/* Each choice in the menu (its action activated as the menu item does) sorts the model in SQL
 * by that column, in the order chosen, puts the arrow on that header and is remembered. */
static void
test_actions_sort (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.arrears.Arrears");
  GtkWidget *list = GTK_WIDGET (account_list ());

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    for (int descending = 1; descending >= 0; descending--)
      {
        g_autofree char *saved = NULL;
        gboolean model_descending;
        gboolean distinct;

        g_test_message ("sort by %s, %s", sorts[i].nick, descending ? "descending" : "ascending");
        g_assert_true (gtk_widget_activate_action (list, "list.sort-by", "s", sorts[i].nick));
        g_assert_true (gtk_widget_activate_action (list, "list.sort-descending", "b",
                                                   descending));

        g_assert_cmpint (ar_account_model_get_sort (model (), &model_descending), ==,
                         sorts[i].sort);
        g_assert_cmpint (model_descending, ==, descending);
        if (sorts[i].compare != NULL)
          {
            assert_rows_sorted (sorts[i].compare, descending, &distinct);
            /* The check could fail: the demo book's first rows differ under every checked key
             * from the top (ascending, the first rows may all be active or not overdue). */
            if (descending)
              g_assert_true (distinct);
          }
        assert_state (window, sorts[i].nick, descending);
        assert_arrow_on (window, sorts[i].title, descending);
        saved = g_settings_get_string (settings, "sort-column");
        g_assert_cmpstr (saved, ==, sorts[i].nick);
        g_assert_cmpint (g_settings_get_boolean (settings, "sort-descending"), ==, descending);
      }

  /* Changing the order keeps the column; changing the column keeps the order. */
  gtk_widget_activate_action (list, "list.sort-by", "s", "balance");
  gtk_widget_activate_action (list, "list.sort-descending", "b", TRUE);
  assert_state (window, "balance", TRUE);
  gtk_widget_activate_action (list, "list.sort-by", "s", "name");
  assert_state (window, "name", TRUE);
  assert_rows_sorted (compare_name, TRUE, NULL);
  gtk_widget_activate_action (list, "list.sort-descending", "b", FALSE);
  assert_state (window, "name", FALSE);
  assert_rows_sorted (compare_name, FALSE, NULL);
}

/* A click on a header (its "clicked", as a click or Space does), twice when the first turns
 * the other way. */
static void
click_header (const char *title,
              gboolean    descending)
{
  GtkWidget *button = header_titled (window, title);
  gboolean now;

  g_signal_emit_by_name (button, "clicked");
  ar_account_model_get_sort (model (), &now);
  if (now != descending)
    g_signal_emit_by_name (button, "clicked");
}

/* A header sort moves the menu's radio items and is remembered; Bucket and Days Overdue sort
 * alike but stay two choices. */
static void
test_header_updates_state (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.arrears.Arrears");
  g_autofree char *saved = NULL;

  click_header ("Balance", FALSE);
  assert_state (window, "balance", FALSE);
  assert_rows_sorted (compare_balance, FALSE, NULL);

  click_header ("Status", TRUE);
  assert_state (window, "status", TRUE);
  assert_rows_sorted (compare_status, TRUE, NULL);

  click_header ("Bucket", TRUE);
  assert_state (window, "bucket", TRUE);
  assert_arrow_on (window, "Bucket", TRUE);
  saved = g_settings_get_string (settings, "sort-column");
  g_assert_cmpstr (saved, ==, "bucket");

  click_header ("Days Overdue", TRUE);
  assert_state (window, "days", TRUE);
  assert_arrow_on (window, "Days Overdue", TRUE);
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (GTK_WIDGET (window), "sorted-by-days-1280x800-light.png");
}

/* A new window (the next start) sorts as the last choice in the menu, shows it on its header
 * and in its menu. */
static void
test_persists (void)
{
  g_autoptr(GError) error = NULL;
  ArWindow *next;
  gboolean descending;

  gtk_widget_activate_action (GTK_WIDGET (account_list ()), "list.sort-by", "s", "bucket");
  gtk_widget_activate_action (GTK_WIDGET (account_list ()), "list.sort-descending", "b", FALSE);

  next = g_object_ref_sink (ar_window_new (NULL));
  g_assert_true (ar_window_set_ledger (next, ledger, &error));
  g_assert_no_error (error);
  ar_ui_present_at (GTK_WINDOW (next), 1280, 800);
  ar_window_show_view (next, "accounts");
  ar_ui_iterate_for (100);

  assert_state (next, "bucket", FALSE);
  assert_arrow_on (next, "Bucket", FALSE);
  g_assert_cmpint (ar_account_model_get_sort (ar_account_list_get_model (list_of (next)),
                                              &descending), ==, AR_ACCOUNT_SORT_DAYS_OVERDUE);
  g_assert_false (descending);

  gtk_window_destroy (GTK_WINDOW (next));
  g_assert_finalize_object (next);

  /* Back to the default for the tests that follow. */
  gtk_widget_activate_action (GTK_WIDGET (account_list ()), "list.sort-by", "s", "days");
  gtk_widget_activate_action (GTK_WIDGET (account_list ()), "list.sort-descending", "b", TRUE);
}

/* Ctrl+Shift+S opens the menu while the list is on screen, and does nothing (the key goes on)
 * on another view; a radio item of the open menu, activated as Enter does, sorts. Screenshots
 * of the open menu. */
static void
test_shortcut_and_screenshots (void)
{
  const struct { AdwColorScheme scheme; const char *name; } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "light" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "dark" },
  };
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkMenuButton *button = sort_button_of (window);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GType model_button = g_type_from_name ("GtkModelButton");
  GtkWidget *balance_item = NULL;
  GtkWidget *days_item = NULL;
  gboolean active;

  ar_window_show_view (window, "today");
  ar_ui_iterate_for (100);
  g_assert_false (list_takes_key (account_list (), GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_false (popover_shown (button));

  ar_window_show_view (window, "accounts");
  ar_ui_iterate_for (100);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *png = g_strdup_printf ("sort-menu-1280x800-%s.png", schemes[i].name);

      adw_style_manager_set_color_scheme (style, schemes[i].scheme);
      g_assert_true (list_takes_key (account_list (), GDK_KEY_s,
                                     GDK_CONTROL_MASK | GDK_SHIFT_MASK));
      ar_ui_wait_for (popover_shown, button, "the sort menu to open");
      ar_ui_iterate_for (400);
      save_window_with_popover (GTK_WIDGET (window), gtk_menu_button_get_popover (button), png);
      gtk_menu_button_popdown (button);
      ar_ui_iterate_for (100);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* The menu's own radio items (GtkModelButtons, found by their labels): Days Overdue is on;
   * activating Balance's, as Enter does, sorts by the balance. */
  g_assert_true (list_takes_key (account_list (), GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  ar_ui_wait_for (popover_shown, button, "the sort menu to open");
  g_assert_true (model_button != G_TYPE_INVALID);
  collect (GTK_WIDGET (gtk_menu_button_get_popover (button)), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), "Balance") == 0)
        balance_item = gtk_widget_get_ancestor (labels->pdata[i], model_button);
      else if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), "Days Overdue") == 0)
        days_item = gtk_widget_get_ancestor (labels->pdata[i], model_button);
    }
  g_assert_nonnull (balance_item);
  g_assert_nonnull (days_item);
  g_object_get (days_item, "active", &active, NULL);
  g_assert_true (active);
  g_object_get (balance_item, "active", &active, NULL);
  g_assert_false (active);
  g_assert_true (gtk_widget_activate (balance_item));
  ar_ui_iterate_for (100);
  assert_state (window, "balance", TRUE);
  assert_arrow_on (window, "Balance", TRUE);
  g_assert_cmpint (ar_account_model_get_sort (model (), NULL), ==, AR_ACCOUNT_SORT_BALANCE);
  /* A menu item closes the menu; the list shows the new order with the arrow on Balance. */
  ar_ui_iterate_for (300);
  g_assert_false (popover_shown (button));
  ar_ui_save_screenshot (GTK_WIDGET (window), "sorted-by-balance-1280x800-light.png");

  /* The button's access key (Alt+S in English) opens the menu too. */
  g_ptr_array_set_size (labels, 0);
  collect (GTK_WIDGET (button), GTK_TYPE_LABEL, labels);
  /* (The first: the menu's own labels come after, in the popover.) */
  g_assert_cmpuint (labels->len, >=, 1);
  g_assert_cmpstr (gtk_label_get_text (labels->pdata[0]), ==, "Sort");
  g_assert_cmpuint (gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (labels->pdata[0])), ==,
                    GDK_KEY_s);
  /* What the window does for Alt+S: the label passes it to the button it is in. */
  g_assert_true (gtk_widget_mnemonic_activate (labels->pdata[0], FALSE));
  ar_ui_wait_for (popover_shown, button, "Alt+S to open the sort menu");
  gtk_menu_button_popdown (button);
  ar_ui_iterate_for (100);
}

static void
test_close (void)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  window = NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/arrears/Arrears/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  tmp_dir = g_dir_make_tmp ("arrears-ui-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/account-sort/open", test_open);
  g_test_add_func ("/account-sort/menu", test_menu);
  g_test_add_func ("/account-sort/actions-sort", test_actions_sort);
  g_test_add_func ("/account-sort/header-updates-state", test_header_updates_state);
  g_test_add_func ("/account-sort/persists", test_persists);
  g_test_add_func ("/account-sort/shortcut-and-screenshots", test_shortcut_and_screenshots);
  g_test_add_func ("/account-sort/close", test_close);

  status = g_test_run ();

  g_clear_object (&ledger);
  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
