/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-window"
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ar-account-list.h"
#include "ar-account-model.h"
#include "ar-aging-view.h"
#include "ar-debtor-list.h"
#include "ar-debtor-pane.h"
#include "ar-dunning-view.h"
#include "ar-export-dialog.h"
#include "ar-import-dialog.h"
#include "ar-preferences-window.h"
#include "ar-queue-view.h"
#include "ar-window.h"

struct _ArWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children. */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkToggleButton      *search_button;
  GtkMenuButton        *primary_menu_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *main_stack;
  GtkSpinner           *busy_spinner;
  GtkLabel             *busy_label;
  AdwViewStack         *view_stack;
  GtkStack             *accounts_stack;
  GtkPaned             *paned;
  ArAccountList        *account_list;
  ArDebtorPane         *debtor_pane;
  ArAgingView          *aging_view;
  ArQueueView          *queue_view;
  ArDunningView        *dunning_view;

  ArLedger             *ledger;        /* owned */
  ArAccountModel       *model;         /* owned */
  GSettings            *settings;      /* owned */
  GCancellable         *cancellable;   /* owned */
  char                 *content_page;  /* the page "busy" covers */
};

G_DEFINE_FINAL_TYPE (ArWindow, ar_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_LEDGER, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* The name people know a ledger by: the company in it, or else its file name. */
static char *
ledger_title (ArLedger *ledger)
{
  g_autoptr(GHashTable) company = ar_ledger_get_company (ledger, NULL);
  g_autofree char *base = g_path_get_basename (ar_ledger_get_path (ledger));
  const char *names[] = { "trade_name", "legal_name" };
  char *dot;

  for (guint i = 0; company != NULL && i < G_N_ELEMENTS (names); i++)
    {
      const char *name = g_hash_table_lookup (company, names[i]);

      if (name != NULL && name[0] != '\0')
        return g_strdup (name);
    }
  dot = g_str_has_suffix (base, ".arrears") ? strrchr (base, '.') : NULL;
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static void
show_page (ArWindow   *self,
           const char *name)
{
  if (gtk_spinner_get_spinning (self->busy_spinner))
    {
      /* Busy covers the content; it is shown when the work is done. */
      g_free (self->content_page);
      self->content_page = g_strdup (name);
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, name);
}

/* The list or "No Debtors Match" (when a search or a filter hides every row). */
static void
update_accounts_page (ArWindow *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean no_results = self->model != NULL
                        && (search[0] != '\0' || ar_account_model_is_filtered (self->model))
                        && g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0;

  gtk_stack_set_visible_child_name (self->accounts_stack, no_results ? "no-results" : "list");
}

static void
on_model_items_changed_cb (ArWindow *self)
{
  update_accounts_page (self);
}

static void
on_search_entry_search_changed_cb (ArWindow       *self,
                                   GtkSearchEntry *entry)
{
  if (self->model == NULL)
    return;
  /* The entry waits 150 ms after the last key (search-delay) before it says so. */
  ar_account_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_accounts_page (self);
}

static void
on_search_entry_stop_search_cb (ArWindow       *self,
                                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* "Open the debtor" from Today: the accounts view, searched for the debtor's id (the list
 * reads its rows from SQL, so a search is the way to find one) with its row selected. */
static void
on_queue_view_open_debtor_cb (ArWindow    *self,
                              const char  *external_id,
                              ArQueueView *view)
{
  ar_window_open_debtor (self, external_id);
}

/* Today or Dunning wrote to the ledger: the list's row (or the whole list after a run), the
 * pane and the queue show it. */
static void
on_view_ledger_changed_cb (ArWindow  *self,
                           gint64     debtor_id,
                           GtkWidget *view)
{
  g_autoptr(GError) error = NULL;

  if (self->model != NULL &&
      !(debtor_id > 0 ? ar_account_model_refresh (self->model, debtor_id, &error)
                      : ar_account_model_reload (self->model, &error)))
    g_warning ("Could not refresh the list: %s", error->message);
  ar_debtor_pane_reload (self->debtor_pane);
  if (view != GTK_WIDGET (self->queue_view))
    ar_queue_view_reload (self->queue_view);
}

/* Actions --------------------------------------------------------------------------------- */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ArWindow *self = AR_WINDOW (widget);

  if (self->model == NULL)
    return;
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
clear_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ArWindow *self = AR_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (self->model != NULL)
    ar_account_model_set_search (self->model, NULL);
  update_accounts_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_import_dialog_imported_cb (ArWindow   *self,
                              guint       debtors,
                              guint       invoices,
                              guint       payments,
                              const char *summary)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = self->ledger != NULL ? g_object_ref (self->ledger) : NULL;

  /* The import committed through its own connection: read the ledger again, which also
   * leaves the "No Debtors Yet" page once there are debtors. */
  if (ledger == NULL)
    return;
  if (!ar_window_set_ledger (self, ledger, &error))
    ar_window_show_error (self, _("Can’t Show the Imported Rows"), error->message);
  else
    {
      /* Translators: %s is "3 debtors and 3 invoices" */
      g_autofree char *title = g_strdup_printf (_("Imported %s"), summary);

      ar_window_add_toast (self, title);
    }
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ArWindow *self = AR_WINDOW (widget);
  ArImportDialog *dialog;

  if (self->ledger == NULL || ar_window_get_busy (self))
    return;
  dialog = ar_import_dialog_new (GTK_WINDOW (self), self->ledger);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_import_dialog_imported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_export_dialog_finished_cb (ArWindow   *self,
                              gboolean    ok,
                              gboolean    cancelled,
                              const char *message)
{
  if (ok || cancelled)
    ar_window_add_toast (self, message);
  else
    ar_window_show_error (self, _("Can’t Export the Book"), message);
}

ArExportDialog *
ar_window_export_to (ArWindow *self,
                     GFile    *folder)
{
  ArExportDialog *dialog;

  g_return_val_if_fail (AR_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  if (self->ledger == NULL)
    return NULL;
  dialog = ar_export_dialog_new (GTK_WINDOW (self), self->ledger, folder);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_export_dialog_finished_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_export_chooser_response_cb (ArWindow             *self,
                               int                   response,
                               GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    ar_window_export_to (self, folder);
  g_object_unref (chooser);
}

/* GtkFileDialog is GTK 4.10: the native chooser picks the folder. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ArWindow *self = AR_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->ledger == NULL || ar_window_get_busy (self))
    return;
  chooser = gtk_file_chooser_native_new (_("Export the Book into a Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_preferences_saved_cb (ArWindow *self)
{
  g_autoptr(ArLedger) ledger = self->ledger != NULL ? g_object_ref (self->ledger) : NULL;

  /* The title (the company's name) and the aging buckets may have changed. */
  if (ledger != NULL)
    ar_window_set_ledger (self, ledger, NULL);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ArWindow *self = AR_WINDOW (widget);
  ArPreferencesWindow *preferences;

  if (self->ledger == NULL || ar_window_get_busy (self))
    return;
  preferences = ar_preferences_window_new (GTK_WINDOW (self), self->ledger);
  g_signal_connect_object (preferences, "saved", G_CALLBACK (on_preferences_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The missing-rate warning's button: Preferences, on the Reference Rates page. */
static void
reference_rates_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ArWindow *self = AR_WINDOW (widget);
  ArPreferencesWindow *preferences;

  if (self->ledger == NULL || ar_window_get_busy (self))
    return;
  preferences = ar_preferences_window_new (GTK_WINDOW (self), self->ledger);
  g_signal_connect_object (preferences, "saved", G_CALLBACK (on_preferences_saved_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "rates");
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ArWindow *self = AR_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (self->model != NULL)
    ar_account_model_set_search (self->model, NULL);
  ar_account_list_clear_filters (self->account_list);
  update_accounts_page (self);
}

/* A bar of the aging chart was clicked: its debtors, in the list. */
static void
on_aging_view_bucket_activated_cb (ArWindow    *self,
                                   guint        bucket,
                                   ArAgingView *view)
{
  if (self->model == NULL)
    return;
  ar_account_list_set_bucket_filter (self->account_list, (int) bucket);
  adw_view_stack_set_visible_child_name (self->view_stack, "accounts");
  update_accounts_page (self);
}

static void
update_actions (ArWindow *self)
{
  gboolean has_accounts = self->model != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_accounts);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-search", has_accounts);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filters", has_accounts);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), has_accounts);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", self->ledger != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", self->ledger != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", self->ledger != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reference-rates",
                                 self->ledger != NULL);
}

/* Window state ---------------------------------------------------------------------------- */

/* Without a saved position the list takes what its columns need (about 820 pixels) and the
 * debtor pane the rest, but at least two fifths of the width. Set once, when the paned first
 * knows its width. */
static void
on_paned_max_position_cb (ArWindow   *self,
                          GParamSpec *pspec,
                          GtkPaned   *paned)
{
  gboolean position_set = FALSE;
  int width = gtk_widget_get_width (GTK_WIDGET (paned));

  if (width <= 0)
    return;
  g_signal_handlers_disconnect_by_func (paned, on_paned_max_position_cb, self);
  g_object_get (paned, "position-set", &position_set, NULL);
  if (!position_set)
    gtk_paned_set_position (paned, MIN (820, width * 3 / 5));
}

static void
restore_state (ArWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");
  int position = g_settings_get_int (self->settings, "pane-position");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  if (position >= 0)
    gtk_paned_set_position (self->paned, position);
  else
    g_signal_connect_object (self->paned, "notify::max-position",
                             G_CALLBACK (on_paned_max_position_cb), self, G_CONNECT_SWAPPED);
}

static void
save_state (ArWindow *self)
{
  int width, height;
  gboolean position_set = FALSE;

  g_object_get (self->paned, "position-set", &position_set, NULL);
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", MAX (width, 360));
      g_settings_set_int (self->settings, "window-height", MAX (height, 300));
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (position_set && self->model != NULL)
    g_settings_set_int (self->settings, "pane-position", gtk_paned_get_position (self->paned));
  g_settings_set_string (self->settings, "last-ledger",
                         self->ledger != NULL ? ar_ledger_get_path (self->ledger) : "");
  g_settings_apply (self->settings);
}

static gboolean
ar_window_close_request (GtkWindow *window)
{
  ArWindow *self = AR_WINDOW (window);

  save_state (self);
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (ar_window_parent_class)->close_request (window);
}

/* GObject --------------------------------------------------------------------------------- */

static void
ar_window_constructed (GObject *object)
{
  ArWindow *self = AR_WINDOW (object);
  GtkApplication *app;

  G_OBJECT_CLASS (ar_window_parent_class)->constructed (object);

  /* gtk/menus.ui is loaded by GtkApplication, so the menu is there only with one. */
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app != NULL)
    gtk_menu_button_set_menu_model (self->primary_menu_button,
                                    G_MENU_MODEL (gtk_application_get_menu_by_id (app,
                                                                                  "primary_menu")));
}

static void
ar_window_dispose (GObject *object)
{
  ArWindow *self = (ArWindow *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AR_TYPE_WINDOW);
  g_clear_object (&self->model);
  g_clear_object (&self->ledger);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ar_window_parent_class)->dispose (object);
}

static void
ar_window_finalize (GObject *object)
{
  ArWindow *self = (ArWindow *) object;

  g_free (self->content_page);
  G_OBJECT_CLASS (ar_window_parent_class)->finalize (object);
}

static void
ar_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ArWindow *self = AR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      g_value_set_object (value, self->ledger);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_window_class_init (ArWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ar_window_constructed;
  object_class->dispose = ar_window_dispose;
  object_class->finalize = ar_window_finalize;
  object_class->get_property = ar_window_get_property;
  window_class->close_request = ar_window_close_request;

  properties[PROP_LEDGER] =
    g_param_spec_object ("ledger", NULL, NULL, AR_TYPE_LEDGER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ArWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, busy_label);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, accounts_stack);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, account_list);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, debtor_pane);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, aging_view);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, queue_view);
  gtk_widget_class_bind_template_child (widget_class, ArWindow, dunning_view);
  gtk_widget_class_bind_template_callback (widget_class, on_queue_view_open_debtor_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_ledger_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.clear-search", NULL, clear_search_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.reference-rates", NULL,
                                   reference_rates_action);

  g_type_ensure (AR_TYPE_ACCOUNT_LIST);
  g_type_ensure (AR_TYPE_AGING_VIEW);
  g_type_ensure (AR_TYPE_QUEUE_VIEW);
  g_type_ensure (AR_TYPE_DUNNING_VIEW);
  g_type_ensure (AR_TYPE_DEBTOR_PANE);
}

static void
ar_window_init (ArWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new ("io.github.arrears.Arrears");
  self->cancellable = g_cancellable_new ();
  /* Typing anywhere in the window starts a search. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_object (self->aging_view, "bucket-activated",
                           G_CALLBACK (on_aging_view_bucket_activated_cb), self,
                           G_CONNECT_SWAPPED);

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  restore_state (self);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
}

/* Public API ------------------------------------------------------------------------------ */

ArWindow *
ar_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  return g_object_new (AR_TYPE_WINDOW, "application", application, NULL);
}

ArLedger *
ar_window_get_ledger (ArWindow *self)
{
  g_return_val_if_fail (AR_IS_WINDOW (self), NULL);
  return self->ledger;
}

gboolean
ar_window_set_ledger (ArWindow  *self,
                      ArLedger  *ledger,
                      GError   **error)
{
  g_autoptr(ArAccountModel) model = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  gint64 n_debtors = 0;

  g_return_val_if_fail (AR_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (ledger == NULL || AR_IS_LEDGER (ledger), FALSE);

  if (ledger != NULL)
    {
      model = ar_account_model_new (ledger, 0, error);
      if (model == NULL)
        return FALSE;
      n_debtors = ar_account_model_has_debtors (model) ? 1 : 0;
    }

  /* Clear the search first: a new ledger starts with every debtor listed. */
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  self->model = g_steal_pointer (&model);
  g_set_object (&self->ledger, ledger);

  ar_debtor_pane_set_ledger (self->debtor_pane, ledger);
  ar_account_list_set_model (self->account_list, self->model);
  ar_aging_view_set_ledger (self->aging_view, ledger);
  ar_queue_view_set_ledger (self->queue_view, ledger);
  ar_dunning_view_set_ledger (self->dunning_view, ledger);
  if (self->model != NULL)
    g_signal_connect_swapped (self->model, "notify::n-items",
                              G_CALLBACK (on_model_items_changed_cb), self);

  if (ledger != NULL)
    {
      title = ledger_title (ledger);
      subtitle = g_path_get_basename (ar_ledger_get_path (ledger));
    }
  else
    title = g_strdup (_("Arrears"));
  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                     ledger != NULL && n_debtors > 0);
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* Today is where the day starts (issue 6, §4). */
  adw_view_stack_set_visible_child_name (self->view_stack, "today");
  update_accounts_page (self);
  update_actions (self);
  if (ledger == NULL)
    show_page (self, "welcome");
  else if (n_debtors == 0)
    show_page (self, "empty");
  else
    show_page (self, "main");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEDGER]);
  return TRUE;
}

void
ar_window_set_busy (ArWindow   *self,
                    const char *message)
{
  g_return_if_fail (AR_IS_WINDOW (self));

  if (message != NULL)
    {
      if (!gtk_spinner_get_spinning (self->busy_spinner))
        {
          g_free (self->content_page);
          self->content_page = g_strdup (gtk_stack_get_visible_child_name (self->main_stack));
        }
      gtk_label_set_text (self->busy_label, message);
      gtk_spinner_start (self->busy_spinner);
      gtk_stack_set_visible_child_name (self->main_stack, "busy");
      gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), FALSE);
    }
  else if (gtk_spinner_get_spinning (self->busy_spinner))
    {
      gtk_spinner_stop (self->busy_spinner);
      gtk_stack_set_visible_child_name (self->main_stack,
                                        self->content_page != NULL ? self->content_page
                                                                   : "welcome");
      update_actions (self);
    }
}

gboolean
ar_window_get_busy (ArWindow *self)
{
  g_return_val_if_fail (AR_IS_WINDOW (self), FALSE);
  return gtk_spinner_get_spinning (self->busy_spinner);
}

void
ar_window_show_error (ArWindow   *self,
                      const char *heading,
                      const char *message)
{
  GtkWidget *dialog;

  g_return_if_fail (AR_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
ar_window_add_toast (ArWindow   *self,
                     const char *title)
{
  g_return_if_fail (AR_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

GCancellable *
ar_window_get_cancellable (ArWindow *self)
{
  g_return_val_if_fail (AR_IS_WINDOW (self), NULL);
  return self->cancellable;
}

GtkWidget *
ar_window_get_account_list (ArWindow *self)
{
  g_return_val_if_fail (AR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->account_list);
}

GtkWidget *
ar_window_get_debtor_pane (ArWindow *self)
{
  g_return_val_if_fail (AR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->debtor_pane);
}

GtkWidget *
ar_window_get_aging_view (ArWindow *self)
{
  g_return_val_if_fail (AR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->aging_view);
}

GtkWidget *
ar_window_get_search_entry (ArWindow *self)
{
  g_return_val_if_fail (AR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->search_entry);
}

const char *
ar_window_get_state (ArWindow *self)
{
  const char *page;

  g_return_val_if_fail (AR_IS_WINDOW (self), NULL);

  page = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (page, "main") == 0)
    return gtk_stack_get_visible_child_name (self->accounts_stack);
  return page;
}

void
ar_window_show_view (ArWindow   *self,
                     const char *name)
{
  g_return_if_fail (AR_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

gboolean
ar_window_open_debtor (ArWindow   *self,
                       const char *external_id)
{
  GtkSingleSelection *selection;
  GListModel *model;

  g_return_val_if_fail (AR_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (external_id != NULL, FALSE);

  if (self->model == NULL)
    return FALSE;
  adw_view_stack_set_visible_child_name (self->view_stack, "accounts");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), external_id);
  ar_account_model_set_search (self->model, external_id);
  update_accounts_page (self);

  selection = ar_account_list_get_selection (self->account_list);
  model = G_LIST_MODEL (self->model);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ArAccount) account = g_list_model_get_item (model, i);

      if (g_strcmp0 (ar_account_get_external_id (account), external_id) == 0)
        {
          gtk_single_selection_set_selected (selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

GtkWidget *
ar_window_get_queue_view (ArWindow *self)
{
  g_return_val_if_fail (AR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->queue_view);
}

GtkWidget *
ar_window_get_dunning_view (ArWindow *self)
{
  g_return_val_if_fail (AR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->dunning_view);
}
