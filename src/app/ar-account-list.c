/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-account-list"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-account-columns.h"
#include "ar-account-header.h"
#include "ar-account-list.h"
#include "ar-account-row.h"
#include "ar-labels.h"
#include "ar-aging.h"
#include "ar-money.h"

struct _ArAccountList
{
  GtkWidget           parent_instance;

  /* Template children. */
  ArAccountHeader    *header;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkLabel           *count_label;
  GtkLabel           *totals_label;
  GtkMenuButton      *filter_button;
  GtkMenuButton      *sort_button;
  GtkLabel           *filter_summary_label;
  GtkWidget          *clear_filters_button;
  GtkPopover         *filter_popover;
  GtkCheckButton     *overdue_check;
  GtkCheckButton     *arrangement_check;
  GtkDropDown        *bucket_dropdown;
  GtkStringList      *bucket_names;
  GtkDropDown        *status_dropdown;
  GtkStringList      *status_names;
  GtkDropDown        *currency_dropdown;
  GtkStringList      *currency_names;

  ArAccountModel     *model;          /* owned */
  GSettings          *settings;       /* owned */
  GSimpleActionGroup *sort_actions;   /* owned: the group "list" */
  GSimpleAction      *sort_by;        /* owned: "list.sort-by" */
  GSimpleAction      *sort_descending; /* owned: "list.sort-descending" */
  char               *summary_text;
  guint               n_buckets;      /* of the model's book, for the rows' pills */
  guint               summary_idle;
  gboolean            syncing;        /* the filter widgets are being set from the model */

  /* The frame clock whose next paint tells of the selection (see notify_after_paint()). */
  GdkFrameClock      *paint_clock;
  gulong              after_paint_handler;

  /* The selected row while the model changes (see on_model_items_changed_cb()). */
  gboolean            keeping;
  gint64              kept_debtor;
  char                kept_currency[4];
};

G_DEFINE_FINAL_TYPE (ArAccountList, ar_account_list, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_MODEL, PROP_SELECTED_ACCOUNT, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* The sorts the settings schema can hold (its enum io.github.arrears.Arrears.SortColumn, in
 * the order of its values), each with the column that shows it. Their nicks are also the
 * states of "list.sort-by". Bucket sorts as Days Overdue does but is a column of its own, so
 * its header keeps the arrow. The id has no column (arrears-cli sorts by it). */
static const struct
{
  const char    *nick;
  ArAccountSort  sort;
  int            column;   /* an ArAccountColumn, or -1 */
} saved_sorts[] = {
  { "balance", AR_ACCOUNT_SORT_BALANCE, AR_ACCOUNT_COLUMN_BALANCE },
  { "days", AR_ACCOUNT_SORT_DAYS_OVERDUE, AR_ACCOUNT_COLUMN_DAYS },
  { "name", AR_ACCOUNT_SORT_NAME, AR_ACCOUNT_COLUMN_NAME },
  { "id", AR_ACCOUNT_SORT_EXTERNAL_ID, -1 },
  { "status", AR_ACCOUNT_SORT_STATUS, AR_ACCOUNT_COLUMN_STATUS },
  { "last-contact", AR_ACCOUNT_SORT_LAST_CONTACT, AR_ACCOUNT_COLUMN_LAST_CONTACT },
  { "next-action", AR_ACCOUNT_SORT_NEXT_ACTION, AR_ACCOUNT_COLUMN_NEXT_ACTION },
  { "bucket", AR_ACCOUNT_SORT_DAYS_OVERDUE, AR_ACCOUNT_COLUMN_BUCKET },
};

/* Rows ------------------------------------------------------------------------------------ */

/* Each row is one ArAccountRow (see ar-account-row.c for why not a column view). The rows are
 * immutable snapshots, so "bind" hands the row its account and nothing needs unbinding. */

static void
on_row_setup_cb (GtkListItemFactory *factory,
                 GtkListItem        *item,
                 gpointer            user_data)
{
  gtk_list_item_set_child (item, ar_account_row_new ());
}

static void
on_row_bind_cb (GtkListItemFactory *factory,
                GtkListItem        *item,
                ArAccountList      *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  if (row != NULL)
    ar_account_row_set_account (AR_ACCOUNT_ROW (row), gtk_list_item_get_item (item),
                                self->n_buckets);
}

/* Sorting --------------------------------------------------------------------------------- */

/* One way for a header click, a choice in the Sort menu, a restored setting and
 * ar_account_list_sort_by(): sorts the model by saved_sorts[@i], puts the arrow on its column,
 * remembers it and shows it in the menu's radio items. */
static void
apply_saved_sort (ArAccountList *self,
                  guint          i,
                  gboolean       descending)
{
  if (self->model != NULL)
    {
      gboolean current_descending;
      ArAccountSort current = ar_account_model_get_sort (self->model, &current_descending);

      if (current != saved_sorts[i].sort || current_descending != descending)
        ar_account_model_set_sort (self->model, saved_sorts[i].sort, descending);
    }
  ar_account_header_set_sort (self->header, saved_sorts[i].column, descending);
  g_settings_set_enum (self->settings, "sort-column", (int) i);
  g_settings_set_boolean (self->settings, "sort-descending", descending);
  g_simple_action_set_state (self->sort_by, g_variant_new_string (saved_sorts[i].nick));
  g_simple_action_set_state (self->sort_descending, g_variant_new_boolean (descending));
}

static void
on_sort_requested_cb (ArAccountHeader *header,
                      int              column,
                      gboolean         descending,
                      ArAccountList   *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (saved_sorts); i++)
    if (saved_sorts[i].column == column)
      {
        apply_saved_sort (self, i, descending);
        return;
      }
}

/* The saved sort, on the headers, the menu and the model. */
static void
restore_sort (ArAccountList *self)
{
  int saved = g_settings_get_enum (self->settings, "sort-column");

  if (saved < 0 || (guint) saved >= G_N_ELEMENTS (saved_sorts))
    saved = 1;   /* days */
  apply_saved_sort (self, (guint) saved, g_settings_get_boolean (self->settings,
                                                                 "sort-descending"));
}

/* "list.sort-by" (a column's nick) and "list.sort-descending": the Sort menu. */
static void
on_sort_by_change_state_cb (GSimpleAction *action,
                            GVariant      *value,
                            ArAccountList *self)
{
  const char *nick = g_variant_get_string (value, NULL);
  g_autoptr(GVariant) order = g_action_get_state (G_ACTION (self->sort_descending));
  gboolean descending = g_variant_get_boolean (order);

  for (guint i = 0; i < G_N_ELEMENTS (saved_sorts); i++)
    if (g_str_equal (saved_sorts[i].nick, nick))
      {
        apply_saved_sort (self, i, descending);
        return;
      }
  g_warning ("No sort named “%s”", nick);
}

static void
on_sort_descending_change_state_cb (GSimpleAction *action,
                                    GVariant      *value,
                                    ArAccountList *self)
{
  int saved = g_settings_get_enum (self->settings, "sort-column");

  if (saved < 0 || (guint) saved >= G_N_ELEMENTS (saved_sorts))
    saved = 1;
  apply_saved_sort (self, (guint) saved, g_variant_get_boolean (value));
}

/* Ctrl+Shift+S opens the Sort menu wherever the focus is, while the list is on screen. */
static gboolean
show_sort_menu_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  ArAccountList *self = AR_ACCOUNT_LIST (widget);

  if (!gtk_widget_is_drawable (GTK_WIDGET (self->sort_button))
      || !gtk_widget_is_sensitive (GTK_WIDGET (self->sort_button)))
    return FALSE;
  gtk_menu_button_popup (self->sort_button);
  return TRUE;
}

static void
init_sort_actions (ArAccountList *self)
{
  GActionMap *group;
  GtkEventController *shortcuts;

  self->sort_by = g_simple_action_new_stateful ("sort-by", G_VARIANT_TYPE_STRING,
                                                g_variant_new_string ("days"));
  self->sort_descending = g_simple_action_new_stateful ("sort-descending",
                                                        G_VARIANT_TYPE_BOOLEAN,
                                                        g_variant_new_boolean (TRUE));
  g_signal_connect (self->sort_by, "change-state",
                    G_CALLBACK (on_sort_by_change_state_cb), self);
  g_signal_connect (self->sort_descending, "change-state",
                    G_CALLBACK (on_sort_descending_change_state_cb), self);
  self->sort_actions = g_simple_action_group_new ();
  group = G_ACTION_MAP (self->sort_actions);
  g_action_map_add_action (group, G_ACTION (self->sort_by));
  g_action_map_add_action (group, G_ACTION (self->sort_descending));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "list", G_ACTION_GROUP (group));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                      gtk_callback_action_new (show_sort_menu_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/* Filters --------------------------------------------------------------------------------- */

/* The filters live in the model (SQL, composed with the search and the sort) and in
 * GSettings; the popover's widgets show them. Position 0 of each drop-down is "any". */

static void update_filter_bar (ArAccountList *self);

static void
save_filter (ArAccountList         *self,
             const ArAccountFilter *filter)
{
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "account-filter-overdue", filter->overdue_only);
  g_settings_set_int (self->settings, "account-filter-bucket", filter->bucket);
  g_settings_set_string (self->settings, "account-filter-status",
                         filter->status >= 0
                           ? ar_debtor_status_to_string ((ArDebtorStatus) filter->status) : "");
  g_settings_set_string (self->settings, "account-filter-currency",
                         filter->currency != NULL ? filter->currency : "");
  g_settings_set_boolean (self->settings, "account-filter-plan-or-promise",
                          filter->plan_or_promise);
  g_settings_apply (self->settings);
}

/* The saved filters, checked against the book (@model's buckets). */
static void
load_filter (ArAccountList   *self,
             ArAccountModel  *model,
             ArAccountFilter *filter,
             char           **currency)
{
  const ArAgingConfig *config = ar_account_model_get_aging_config (model);
  g_autofree char *status = g_settings_get_string (self->settings, "account-filter-status");
  g_autofree char *code = g_settings_get_string (self->settings, "account-filter-currency");
  ArDebtorStatus parsed;
  int bucket = g_settings_get_int (self->settings, "account-filter-bucket");

  ar_account_filter_init (filter);
  filter->overdue_only = g_settings_get_boolean (self->settings, "account-filter-overdue");
  filter->plan_or_promise = g_settings_get_boolean (self->settings,
                                                    "account-filter-plan-or-promise");
  if (bucket >= 0 && (guint) bucket < config->n_limits + 2)
    filter->bucket = bucket;
  if (status[0] != '\0' && ar_debtor_status_from_string (status, &parsed))
    filter->status = (int) parsed;
  *currency = ar_currency_is_valid (code) ? g_steal_pointer (&code) : NULL;
  filter->currency = *currency;
}

static void
set_filter (ArAccountList         *self,
            const ArAccountFilter *filter)
{
  if (self->model != NULL)
    ar_account_model_set_filter (self->model, filter);
  save_filter (self, filter);
  update_filter_bar (self);
}

/* The currency drop-down: "Any currency", then the book's currencies, and the filter's own
 * even when the book no longer has it. Read when the popover opens: at a million debtors
 * listing the currencies is a pass over the balances. */
static void
fill_currencies (ArAccountList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  g_auto(GStrv) all = NULL;
  ArAccountFilter filter;
  guint selected = 0;

  if (self->model == NULL)
    return;
  codes = ar_account_model_list_currencies (self->model, &error);
  if (codes == NULL)
    g_warning ("Can’t list the currencies: %s", error->message);
  ar_account_model_get_filter (self->model, &filter);
  g_strv_builder_add (builder, _("Any currency"));
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_strv_builder_add (builder, codes[i]);
      if (g_strcmp0 (codes[i], filter.currency) == 0)
        selected = i + 1;
    }
  if (filter.currency != NULL && selected == 0)
    {
      g_strv_builder_add (builder, filter.currency);
      selected = codes != NULL ? g_strv_length (codes) + 1 : 1;
    }
  all = g_strv_builder_end (builder);

  self->syncing = TRUE;
  gtk_string_list_splice (self->currency_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->currency_names)),
                          (const char * const *) all);
  gtk_drop_down_set_selected (self->currency_dropdown, selected);
  self->syncing = FALSE;
}

static void
fill_buckets (ArAccountList *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  g_strv_builder_add (builder, _("Any bucket"));
  if (self->model != NULL)
    {
      const ArAgingConfig *config = ar_account_model_get_aging_config (self->model);

      for (guint b = 0; b < config->n_limits + 2; b++)
        {
          char label[32];
          g_autofree char *name = NULL;

          ar_aging_bucket_label (config, b, label, sizeof label);
          name = ar_label_bucket (label);
          g_strv_builder_add (builder, name);
        }
    }
  names = g_strv_builder_end (builder);
  self->syncing = TRUE;
  gtk_string_list_splice (self->bucket_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->bucket_names)),
                          (const char * const *) names);
  self->syncing = FALSE;
}

/* The widgets and the bar above the list show the model's filters. */
static void
update_filter_bar (ArAccountList *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;
  ArAccountFilter filter;
  gboolean filtered;

  if (self->model == NULL)
    ar_account_filter_init (&filter);
  else
    ar_account_model_get_filter (self->model, &filter);

  self->syncing = TRUE;
  gtk_check_button_set_active (self->overdue_check, filter.overdue_only);
  gtk_check_button_set_active (self->arrangement_check, filter.plan_or_promise);
  gtk_drop_down_set_selected (self->bucket_dropdown, (guint) (filter.bucket + 1));
  gtk_drop_down_set_selected (self->status_dropdown, (guint) (filter.status + 1));
  if (filter.currency == NULL)
    gtk_drop_down_set_selected (self->currency_dropdown, 0);
  self->syncing = FALSE;

  if (filter.overdue_only)
    g_ptr_array_add (parts, g_strdup (_("Overdue")));
  if (filter.bucket >= 0)
    g_ptr_array_add (parts, g_strdup (gtk_string_list_get_string (self->bucket_names,
                                                                  (guint) filter.bucket + 1)));
  if (filter.status >= 0)
    g_ptr_array_add (parts, g_strdup (ar_label_debtor_status ((ArDebtorStatus) filter.status)));
  if (filter.currency != NULL)
    g_ptr_array_add (parts, g_strdup (filter.currency));
  if (filter.plan_or_promise)
    g_ptr_array_add (parts, g_strdup (_("Plan or promise")));
  g_ptr_array_add (parts, NULL);

  filtered = parts->len > 1;
  /* Translators: the filters in force, joined by this separator. */
  summary = filtered ? g_strjoinv (_(" · "), (char **) parts->pdata) : NULL;
  gtk_label_set_text (self->filter_summary_label, filtered ? summary : _("All debtors"));
  gtk_widget_set_visible (self->clear_filters_button, filtered);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.clear-filters", filtered);
}

/* A filter widget changed: the model follows. */
static void
on_filter_widget_changed_cb (ArAccountList *self)
{
  ArAccountFilter filter;
  guint bucket = gtk_drop_down_get_selected (self->bucket_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint currency = gtk_drop_down_get_selected (self->currency_dropdown);

  if (self->syncing || self->model == NULL)
    return;
  ar_account_filter_init (&filter);
  filter.overdue_only = gtk_check_button_get_active (self->overdue_check);
  filter.plan_or_promise = gtk_check_button_get_active (self->arrangement_check);
  filter.bucket = bucket == GTK_INVALID_LIST_POSITION ? -1 : (int) bucket - 1;
  filter.status = status == GTK_INVALID_LIST_POSITION ? -1 : (int) status - 1;
  filter.currency = currency == GTK_INVALID_LIST_POSITION || currency == 0
                      ? NULL : gtk_string_list_get_string (self->currency_names, currency);
  set_filter (self, &filter);
}

static void
on_filter_popover_show_cb (ArAccountList *self)
{
  fill_currencies (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ar_account_list_clear_filters (AR_ACCOUNT_LIST (widget));
}

/* The footer ------------------------------------------------------------------------------ */

static void
update_summary (ArAccountList *self)
{
  g_autoptr(GArray) totals = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *count = NULL;
  guint n_debtors = 0;

  if (self->model == NULL)
    {
      gtk_label_set_text (self->count_label, "");
      gtk_label_set_text (self->totals_label, "");
      g_clear_pointer (&self->summary_text, g_free);
      return;
    }

  if (!ar_account_model_get_summary (self->model, &n_debtors, &totals, &error))
    {
      g_warning ("Can’t count the accounts: %s", error->message);
      return;
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u debtor", "%u debtors", n_debtors),
                           n_debtors);
  for (guint i = 0; totals != NULL && i < totals->len; i++)
    {
      const ArAccountTotal *total = &g_array_index (totals, ArAccountTotal, i);
      g_autofree char *amount = NULL;

      if (!ar_currency_is_valid (total->currency))
        continue;
      amount = ar_money_format (total->balance, total->currency);
      if (text->len > 0)
        g_string_append (text, "  ·  ");
      g_string_append (text, amount);
    }

  gtk_label_set_text (self->count_label, count);
  gtk_label_set_text (self->totals_label, text->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->totals_label),
                               text->len > 0 ? _("Total balance per currency") : NULL);

  g_free (self->summary_text);
  self->summary_text = text->len > 0 ? g_strdup_printf ("%s — %s", count, text->str)
                                     : g_strdup (count);
}

static gboolean
update_summary_idle (gpointer user_data)
{
  ArAccountList *self = user_data;

  self->summary_idle = 0;
  update_summary (self);
  return G_SOURCE_REMOVE;
}

/* Whether @account is the row of @debtor_id in @currency. */
static gboolean
is_row (ArAccount  *account,
        gint64      debtor_id,
        const char *currency)
{
  return account != NULL && ar_account_get_debtor_id (account) == debtor_id
         && g_strcmp0 (ar_account_get_currency (account), currency) == 0;
}

static void
on_model_items_changed_cb (GListModel    *model,
                           guint          position,
                           guint          removed,
                           guint          added,
                           ArAccountList *self)
{
  /* A refresh of one debtor emits one items-changed per row; count once for all of them. */
  if (self->summary_idle == 0)
    self->summary_idle = g_idle_add (update_summary_idle, self);
}

/* Keeping the selection through a sort, a search or a filter. After items-changed,
 * GtkSingleSelection looks for its selected object among every row added, by pointer; the
 * model makes new objects for a new order, so it read every row of the list (the whole book:
 * 100,000 rows, and SQL for each page) before it gave up and selected another debtor. That
 * was most of a sort's second (the model now removes and adds in two steps for the list view's
 * own such search; GtkSingleSelection's would then select the first row). So before the model
 * replaces its rows ("changing") the list lets go of the selection, and after ("changed") it
 * selects the same debtor's row again, found by the model. */
static void
on_model_changing_cb (ArAccountModel *model,
                      ArAccountList  *self)
{
  ArAccount *account = gtk_single_selection_get_selected_item (self->selection);

  if (account == NULL || self->keeping)
    return;
  self->keeping = TRUE;
  self->kept_debtor = ar_account_get_debtor_id (account);
  g_strlcpy (self->kept_currency, ar_account_get_currency (account), sizeof self->kept_currency);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
stop_waiting_for_paint (ArAccountList *self)
{
  if (self->after_paint_handler != 0)
    g_clear_signal_handler (&self->after_paint_handler, self->paint_clock);
  g_clear_object (&self->paint_clock);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   ArAccountList *self)
{
  stop_waiting_for_paint (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ACCOUNT]);
}

/* After a search, a sort or a filter that selects another debtor, the list is drawn first and
 * the debtor pane (bound to "selected-account") loads in the frame after: loading it, its SQL
 * and its widgets, in the same frame as the new rows was about a third of a search keystroke
 * (bench-window). */
static void
notify_after_paint (ArAccountList *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ACCOUNT]);
      return;
    }
  if (self->after_paint_handler == 0)
    {
      self->paint_clock = g_object_ref (clock);
      self->after_paint_handler = g_signal_connect (clock, "after-paint",
                                                    G_CALLBACK (on_after_paint_cb), self);
    }
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

static void
on_model_changed_cb (ArAccountModel *model,
                     ArAccountList  *self)
{
  guint found;

  if (!self->keeping)
    return;
  if (ar_account_model_find (self->model, self->kept_debtor, self->kept_currency, &found))
    gtk_single_selection_set_selected (self->selection, found);
  /* Selects the first row when the debtor is no longer shown. */
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  self->keeping = FALSE;
  /* The debtor pane need not load the same debtor again. */
  if (!is_row (gtk_single_selection_get_selected_item (self->selection), self->kept_debtor,
               self->kept_currency))
    notify_after_paint (self);
}

static void
on_selected_item_changed_cb (GtkSingleSelection *selection,
                             GParamSpec         *pspec,
                             ArAccountList      *self)
{
  if (self->keeping)
    return;
  /* A choice of the person's own: at once (a pending notice is now stale). */
  stop_waiting_for_paint (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ACCOUNT]);
}

/* GObject --------------------------------------------------------------------------------- */

static void
ar_account_list_dispose (GObject *object)
{
  ArAccountList *self = (ArAccountList *) object;

  g_clear_handle_id (&self->summary_idle, g_source_remove);
  stop_waiting_for_paint (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AR_TYPE_ACCOUNT_LIST);
  /* The template's root box is no bound child, so it is not unparented for us. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  if (self->sort_by != NULL)
    g_signal_handlers_disconnect_by_data (self->sort_by, self);
  if (self->sort_descending != NULL)
    g_signal_handlers_disconnect_by_data (self->sort_descending, self);
  g_clear_object (&self->sort_by);
  g_clear_object (&self->sort_descending);
  g_clear_object (&self->sort_actions);

  G_OBJECT_CLASS (ar_account_list_parent_class)->dispose (object);
}

static void
ar_account_list_finalize (GObject *object)
{
  ArAccountList *self = (ArAccountList *) object;

  g_free (self->summary_text);
  G_OBJECT_CLASS (ar_account_list_parent_class)->finalize (object);
}

static void
ar_account_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ArAccountList *self = AR_ACCOUNT_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SELECTED_ACCOUNT:
      g_value_set_object (value, ar_account_list_get_selected_account (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_account_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ArAccountList *self = AR_ACCOUNT_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ar_account_list_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_account_list_class_init (ArAccountListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_account_list_dispose;
  object_class->finalize = ar_account_list_finalize;
  object_class->get_property = ar_account_list_get_property;
  object_class->set_property = ar_account_list_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, AR_TYPE_ACCOUNT_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ACCOUNT] =
    g_param_spec_object ("selected-account", NULL, NULL, AR_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "accountlist");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-account-list.ui");
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, header);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, list_view);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, selection);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, count_label);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, totals_label);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, filter_button);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, sort_button);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, filter_summary_label);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, overdue_check);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, arrangement_check);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, bucket_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, bucket_names);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, status_names);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, currency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ArAccountList, currency_names);
  gtk_widget_class_install_action (widget_class, "list.clear-filters", NULL,
                                   clear_filters_action);

  g_type_ensure (AR_TYPE_ACCOUNT);
  g_type_ensure (AR_TYPE_ACCOUNT_HEADER);
}

static void
ar_account_list_init (ArAccountList *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (on_row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_row_bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  self->settings = g_settings_new ("io.github.arrears.Arrears");
  init_sort_actions (self);
  g_signal_connect (self->header, "sort-requested", G_CALLBACK (on_sort_requested_cb), self);
  g_signal_connect (self->selection, "notify::selected-item",
                    G_CALLBACK (on_selected_item_changed_cb), self);

  gtk_string_list_append (self->status_names, _("Any status"));
  for (guint s = 0; s < AR_N_STATUSES; s++)
    gtk_string_list_append (self->status_names, ar_label_debtor_status ((ArDebtorStatus) s));
  gtk_string_list_append (self->currency_names, _("Any currency"));
  fill_buckets (self);
  g_signal_connect_swapped (self->overdue_check, "toggled",
                            G_CALLBACK (on_filter_widget_changed_cb), self);
  g_signal_connect_swapped (self->arrangement_check, "toggled",
                            G_CALLBACK (on_filter_widget_changed_cb), self);
  g_signal_connect_swapped (self->bucket_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_widget_changed_cb), self);
  g_signal_connect_swapped (self->status_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_widget_changed_cb), self);
  g_signal_connect_swapped (self->currency_dropdown, "notify::selected",
                            G_CALLBACK (on_filter_widget_changed_cb), self);
  g_signal_connect_swapped (self->filter_popover, "show",
                            G_CALLBACK (on_filter_popover_show_cb), self);
  update_filter_bar (self);
  restore_sort (self);
}

/* Public API ------------------------------------------------------------------------------ */

GtkWidget *
ar_account_list_new (void)
{
  return g_object_new (AR_TYPE_ACCOUNT_LIST, NULL);
}

ArAccountModel *
ar_account_list_get_model (ArAccountList *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_LIST (self), NULL);
  return self->model;
}

void
ar_account_list_set_model (ArAccountList  *self,
                           ArAccountModel *model)
{
  g_return_if_fail (AR_IS_ACCOUNT_LIST (self));
  g_return_if_fail (model == NULL || AR_IS_ACCOUNT_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);

  self->n_buckets = 0;
  if (model != NULL)
    {
      ArAccountFilter filter;
      g_autofree char *currency = NULL;

      /* The pills take the chart's colours, which depend on the number of buckets. */
      self->n_buckets = ar_account_model_get_aging_config (model)->n_limits + 2;

      load_filter (self, model, &filter, &currency);
      ar_account_model_set_filter (model, &filter);
      g_signal_connect (model, "items-changed", G_CALLBACK (on_model_items_changed_cb), self);
      g_signal_connect (model, "changing", G_CALLBACK (on_model_changing_cb), self);
      g_signal_connect (model, "changed", G_CALLBACK (on_model_changed_cb), self);
      restore_sort (self);
    }

  fill_buckets (self);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (model));
  update_summary (self);
  update_filter_bar (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

ArAccount *
ar_account_list_get_selected_account (ArAccountList *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_LIST (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

GtkSingleSelection *
ar_account_list_get_selection (ArAccountList *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_LIST (self), NULL);
  return self->selection;
}

const char *
ar_account_list_get_summary_text (ArAccountList *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_LIST (self), NULL);
  return self->summary_text != NULL ? self->summary_text : "";
}

/**
 * ar_account_list_set_bucket_filter:
 * @self: the list
 * @bucket: an aging bucket of the model's configuration, or -1 for any
 *
 * Shows only the debtors whose oldest open item is in @bucket (the aging view's bar click),
 * keeping the other filters and the search; remembered like a choice in the popover.
 */
void
ar_account_list_set_bucket_filter (ArAccountList *self,
                                   int            bucket)
{
  ArAccountFilter filter;

  g_return_if_fail (AR_IS_ACCOUNT_LIST (self));

  if (self->model == NULL)
    return;
  if (bucket < 0 || (guint) bucket >= ar_account_model_get_aging_config (self->model)->n_limits + 2)
    bucket = -1;
  ar_account_model_get_filter (self->model, &filter);
  filter.bucket = bucket;
  set_filter (self, &filter);
}

void
ar_account_list_clear_filters (ArAccountList *self)
{
  ArAccountFilter filter;

  g_return_if_fail (AR_IS_ACCOUNT_LIST (self));

  ar_account_filter_init (&filter);
  set_filter (self, &filter);
}

/* For tests: the text of the bar above the list that names the filters in force. */
const char *
ar_account_list_get_filter_summary (ArAccountList *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_LIST (self), NULL);
  return gtk_label_get_text (self->filter_summary_label);
}

GtkWidget *
ar_account_list_get_filter_button (ArAccountList *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_LIST (self), NULL);
  return GTK_WIDGET (self->filter_button);
}

/**
 * ar_account_list_sort_by:
 * @self: the list
 * @sort: the key
 * @descending: the direction
 *
 * Sorts as clicking a column header does: the model, the arrow on the header and the setting
 * (for the keys the setting holds).
 */
void
ar_account_list_sort_by (ArAccountList *self,
                         ArAccountSort  sort,
                         gboolean       descending)
{
  int column;

  g_return_if_fail (AR_IS_ACCOUNT_LIST (self));
  g_return_if_fail (sort < AR_N_ACCOUNT_SORTS);

  column = ar_account_column_for_sort (sort);
  for (guint i = 0; i < G_N_ELEMENTS (saved_sorts); i++)
    if (saved_sorts[i].sort == sort && saved_sorts[i].column == column)
      {
        apply_saved_sort (self, i, descending);
        return;
      }
}

ArAccountSort
ar_account_list_get_sort (ArAccountList *self,
                          gboolean      *descending)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_LIST (self), AR_ACCOUNT_SORT_NAME);

  if (self->model == NULL)
    {
      if (descending != NULL)
        *descending = FALSE;
      return AR_ACCOUNT_SORT_NAME;
    }
  return ar_account_model_get_sort (self->model, descending);
}

GtkWidget *
ar_account_list_get_header (ArAccountList *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_LIST (self), NULL);
  return GTK_WIDGET (self->header);
}

GtkWidget *
ar_account_list_get_list_view (ArAccountList *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_LIST (self), NULL);
  return GTK_WIDGET (self->list_view);
}

GActionGroup *
ar_account_list_get_sort_actions (ArAccountList *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_LIST (self), NULL);
  return G_ACTION_GROUP (self->sort_actions);
}
