/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
/* The real window on a demo ledger of 500 debtors: the list shows them, search narrows it,
 * selecting a row fills the debtor pane with that debtor's name and ledger, sorting by a
 * column header sorts in SQL and is remembered, and the aging view draws, as of today and as of
 * a past day (the core's figures for that day, a trend of twelve points). Screenshots of the
 * window (1280×800 and 800×600, light and dark) are written to
 * $G_TEST_BUILDDIR/screenshots. */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ar-account-header.h"
#include "ar-account-list.h"
#include "ar-account-row.h"
#include "ar-aging-view.h"
#include "ar-chart-model.h"
#include "ar-date.h"
#include "ar-debtor-ledger.h"
#include "ar-debtor-list.h"
#include "ar-debtor-pane.h"
#include "ar-demo.h"
#include "ar-entry-row.h"
#include "ar-ledger-edit.h"
#include "ar-ledger-tasks.h"
#include "ar-plan.h"
#include "ar-test-util.h"
#include "ar-ui-test.h"
#include "ar-window.h"

#define N_DEBTORS 500

static char     *tmp_dir;
static char     *ledger_path;
static ArLedger *ledger;
static ArWindow *window;

/* Main loop helpers ----------------------------------------------------------------------- */

typedef ArUiCondition Condition;

/* Widget tree helpers --------------------------------------------------------------------- */

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

static GPtrArray *
find_all (GtkWidget *root,
          GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, found);
  return found;
}

static gboolean
shows_inscription (GtkWidget  *root,
                   const char *text)
{
  g_autoptr(GPtrArray) all = find_all (root, GTK_TYPE_INSCRIPTION);
  /* The account list's rows draw their columns themselves. */
  g_autoptr(GPtrArray) rows = find_all (root, AR_TYPE_ACCOUNT_ROW);
  g_autoptr(GPtrArray) labels = find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (gtk_inscription_get_text (all->pdata[i]), text) == 0
        && gtk_widget_get_mapped (all->pdata[i]))
      return TRUE;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *name = ar_account_row_get_text (rows->pdata[i], AR_ACCOUNT_COLUMN_NAME);

      if (g_strcmp0 (name, text) == 0 && gtk_widget_get_mapped (rows->pdata[i]))
        return TRUE;
    }
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0
        && gtk_widget_get_mapped (labels->pdata[i]))
      return TRUE;
  return FALSE;
}

static ArAccountList *
account_list (void)
{
  return AR_ACCOUNT_LIST (ar_window_get_account_list (window));
}

static GListModel *
accounts (void)
{
  return G_LIST_MODEL (ar_account_list_get_model (account_list ()));
}

static guint
n_accounts (void)
{
  return g_list_model_get_n_items (accounts ());
}

static ArAccount *
account_at (guint position)
{
  return g_list_model_get_item (accounts (), position);
}

/* Screenshots ----------------------------------------------------------------------------- */

/* How many distinct colours a widget's rendering has: a blank area has one or two. */
static guint
count_colours (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guchar *pixels = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    g_hash_table_add (colours, GUINT_TO_POINTER (((guint32 *) pixels)[i]));
  return g_hash_table_size (colours);
}

/* Set-up ---------------------------------------------------------------------------------- */

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  ledger = ar_ledger_task_open_finish (result, error);
  if (ledger == NULL)
    g_assert_nonnull (*error);
}

static gboolean
is_opened (gpointer data)
{
  GError **error = data;

  return ledger != NULL || *error != NULL;
}

/* The demo book is written by the core and opened the way the window opens ledgers: in a
 * worker thread. */
static void
test_open_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) made = NULL;
  g_autoptr(GFile) file = NULL;
  GDate today;

  ledger_path = g_build_filename (tmp_dir, "demo.arrears", NULL);
  made = ar_ledger_create (ledger_path, &error);
  g_assert_no_error (error);
  ar_date_set_today (&today);
  ar_demo_generate (made, N_DEBTORS, 42, ar_date_to_julian (&today), NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&made);

  file = g_file_new_for_path (ledger_path);
  ar_ledger_task_open_async (file, NULL, opened_cb, &error);
  ar_ui_wait_for (is_opened, &error, "the ledger to open");
  g_assert_no_error (error);
  g_assert_true (AR_IS_LEDGER (ledger));
}

static void
test_open_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "not-a-ledger.arrears", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ArLedger *saved = ledger;

  g_assert_true (g_file_set_contents (path, "hello, world\n", -1, NULL));
  ledger = NULL;
  ar_ledger_task_open_async (file, NULL, opened_cb, &error);
  ar_ui_wait_for (is_opened, &error, "the open to fail");
  g_assert_null (ledger);
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_A_LEDGER);
  g_assert_nonnull (error->message);
  ledger = saved;
}

/* A plan that completed or defaulted since the book was last open leaves its debtor's stored
 * status "plan" (those endings are derived, never written): opening the book catches up. */
static void
test_open_settles_ended_plans (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "ended-plans.arrears", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ArDebtorLedger) account = NULL;
  ArLedger *saved = ledger;
  gint64 ended = 0;
  GDate today;
  guint32 jd;

  ar_date_set_today (&today);
  jd = ar_date_to_julian (&today);
  {
    g_autoptr(ArLedger) made = ar_ledger_create (path, &error);

    g_assert_no_error (error);
    g_assert_true (ar_demo_generate (made, 300, 7, jd, NULL, &error));
    g_assert_no_error (error);
    /* The demo's desk has completed and defaulted plans: take a debtor with plans, none
     * running, and put the stale status back as it stood before the plan ended. */
    for (gint64 id = 1; id <= 300 && ended == 0; id++)
      {
        g_autoptr(GPtrArray) plans = ar_ledger_list_plans (made, id, jd, &error);
        g_autoptr(ArPlan) active = NULL;

        g_assert_no_error (error);
        if (plans == NULL || plans->len == 0)
          continue;
        active = ar_ledger_get_active_plan (made, id, jd, &error);
        g_assert_no_error (error);
        if (active == NULL)
          ended = id;
      }
    g_assert_cmpint (ended, >, 0);
    g_assert_true (ar_ledger_set_debtor_status (made, ended, AR_STATUS_PLAN, &error));
    g_assert_no_error (error);
  }

  ledger = NULL;
  ar_ledger_task_open_async (file, NULL, opened_cb, &error);
  ar_ui_wait_for (is_opened, &error, "the ledger to open");
  g_assert_no_error (error);
  account = ar_debtor_ledger_load (ledger, ended, &error);
  g_assert_no_error (error);
  g_assert_cmpint (account->debtor.status, ==, AR_STATUS_ACTIVE);
  g_clear_object (&ledger);
  ledger = saved;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* "Open Demo Ledger" writes its book in a worker thread, replacing an older demo. */
static void
test_demo_task (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "sub", "demo-task.arrears", NULL);
  g_autofree char *tmp = g_strconcat (path, ".new", NULL);

  for (int round = 0; round < 2; round++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ArLedger) opened = NULL;
      g_autofree char *made = NULL;
      gint64 n = 0;

      ar_ledger_task_demo_async (path, 20, NULL, result_cb, &result);
      ar_ui_wait_for (has_result, &result, "the demo ledger");
      made = ar_ledger_task_demo_finish (result, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (made, ==, path);
      g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));

      opened = ar_ledger_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (ar_debtor_list_count_all (opened, &n, &error));
      g_assert_cmpint (n, ==, 20);
    }
}

/* The tests ------------------------------------------------------------------------------- */

static void
test_list_shows_debtors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArAccount) first = NULL;

  window = ar_window_new (NULL);
  g_object_ref_sink (window);
  g_assert_true (ar_window_set_ledger (window, ledger, &error));
  g_assert_no_error (error);
  ar_ui_present_at (GTK_WINDOW (window), 1280, 800);
  ar_ui_iterate_for (200);
  /* A ledger opens on Today (tests/ui/test-views.c tests it); the list is one click away. */
  g_assert_true (gtk_widget_get_mapped (ar_window_get_queue_view (window)));
  ar_window_show_view (window, "accounts");
  ar_ui_iterate_for (100);

  g_assert_cmpstr (ar_window_get_state (window), ==, "list");
  /* One row per debtor and currency owed, and one for a debtor who owes nothing. */
  g_assert_cmpuint (n_accounts (), >=, N_DEBTORS);
  g_assert_nonnull (strstr (ar_account_list_get_summary_text (account_list ()), "500 debtors"));

  first = account_at (0);
  g_assert_true (AR_IS_ACCOUNT (first));
  g_assert_true (shows_inscription (ar_window_get_account_list (window),
                                    ar_account_get_name (first)));
}

static void
test_sort_by_header (void)
{
  ArAccountHeader *header = AR_ACCOUNT_HEADER (ar_account_list_get_header (account_list ()));
  GtkWidget *name_button = ar_account_header_get_button (header, AR_ACCOUNT_COLUMN_NAME);
  GtkWidget *status_button = ar_account_header_get_button (header, AR_ACCOUNT_COLUMN_STATUS);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.arrears.Arrears");
  gboolean descending = TRUE;

  /* The headers are buttons in the Tab order, so sorting needs no mouse. */
  g_assert_true (gtk_widget_get_focusable (name_button));
  g_assert_true (gtk_widget_get_mapped (status_button));

  /* A first click sorts ascending, a second turns it round; columns beyond the first three
   * are remembered too. */
  g_signal_emit_by_name (status_button, "clicked");
  g_signal_emit_by_name (status_button, "clicked");
  g_assert_cmpint (ar_account_model_get_sort (ar_account_list_get_model (account_list ()),
                                              &descending), ==, AR_ACCOUNT_SORT_STATUS);
  g_assert_true (descending);
  g_assert_cmpint (ar_account_list_get_sort (account_list (), &descending), ==,
                   AR_ACCOUNT_SORT_STATUS);
  g_assert_true (descending);
  g_assert_cmpstr (g_settings_get_string (settings, "sort-column"), ==, "status");

  g_assert_true (gtk_widget_grab_focus (name_button));
  g_signal_emit_by_name (name_button, "clicked");
  g_assert_cmpint (ar_account_model_get_sort (ar_account_list_get_model (account_list ()),
                                              &descending), ==, AR_ACCOUNT_SORT_NAME);
  g_assert_false (descending);
  g_assert_cmpstr (g_settings_get_string (settings, "sort-column"), ==, "name");
  g_assert_false (g_settings_get_boolean (settings, "sort-descending"));
  {
    g_autoptr(ArAccount) a = account_at (0);
    g_autoptr(ArAccount) b = account_at (1);

    g_assert_cmpint (g_ascii_strcasecmp (ar_account_get_name (a), ar_account_get_name (b)),
                     <=, 0);
  }

  /* Back to the default: most days overdue first. */
  ar_account_list_sort_by (account_list (), AR_ACCOUNT_SORT_DAYS_OVERDUE, TRUE);
  g_assert_cmpstr (g_settings_get_string (settings, "sort-column"), ==, "days");
  g_assert_true (g_settings_get_boolean (settings, "sort-descending"));
}

static gboolean
n_accounts_is_below (gpointer data)
{
  return n_accounts () < GPOINTER_TO_UINT (data);
}

static gboolean
state_is (gpointer data)
{
  return g_strcmp0 (ar_window_get_state (window), data) == 0;
}

static void
test_search_narrows (void)
{
  GtkEditable *entry = GTK_EDITABLE (ar_window_get_search_entry (window));
  guint all = n_accounts ();
  g_autoptr(ArAccount) target = account_at (7);
  g_autofree char *name = g_strdup (ar_account_get_name (target));
  gint64 debtor_id = ar_account_get_debtor_id (target);
  gboolean found = FALSE;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_editable_set_text (entry, name);
  ar_ui_wait_for (n_accounts_is_below, GUINT_TO_POINTER (all), "the search to narrow the list");

  g_assert_cmpuint (n_accounts (), >=, 1);
  for (guint i = 0; i < n_accounts (); i++)
    {
      g_autoptr(ArAccount) account = account_at (i);

      if (ar_account_get_debtor_id (account) == debtor_id)
        found = TRUE;
    }
  g_assert_true (found);
  g_assert_cmpstr (ar_window_get_state (window), ==, "list");

  /* Nothing matches: the empty state offers to clear the search. */
  gtk_editable_set_text (entry, "no debtor is called this");
  ar_ui_wait_for (state_is, (gpointer) "no-results", "the no-results page");
  g_assert_cmpuint (n_accounts (), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-search", NULL);
  g_assert_cmpstr (ar_window_get_state (window), ==, "list");
  g_assert_cmpuint (n_accounts (), ==, all);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  ar_ui_iterate_for (300);
  g_assert_cmpuint (n_accounts (), ==, all);
}

static void
test_select_fills_pane (void)
{
  ArDebtorPane *pane = AR_DEBTOR_PANE (ar_window_get_debtor_pane (window));
  GtkSingleSelection *selection = ar_account_list_get_selection (account_list ());
  g_autoptr(GError) error = NULL;
  g_autoptr(ArDebtorLedger) expected = NULL;
  g_autoptr(ArAccount) account = NULL;
  g_autoptr(ArEntryRow) row = NULL;
  GListModel *entries;

  gtk_single_selection_set_selected (selection, 3);
  account = account_at (3);
  g_assert_true (ar_account_list_get_selected_account (account_list ()) == account);
  g_assert_true (ar_debtor_pane_get_account (pane) == account);
  g_assert_cmpstr (ar_debtor_pane_get_debtor_name (pane), ==, ar_account_get_name (account));

  expected = ar_debtor_ledger_load (ledger, ar_account_get_debtor_id (account), &error);
  g_assert_no_error (error);
  entries = ar_debtor_pane_get_entries (pane);
  g_assert_cmpuint (expected->entries->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, expected->entries->len);
  row = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (ar_entry_row_get_description (row), !=, "");
  g_assert_cmpstr (ar_entry_row_get_amount (row), !=, "");

  /* The pane shows it: its name on screen. */
  ar_ui_iterate_for (200);
  {
    g_autoptr(GPtrArray) labels = find_all (GTK_WIDGET (pane), GTK_TYPE_LABEL);
    gboolean shown = FALSE;

    for (guint i = 0; i < labels->len; i++)
      if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), ar_account_get_name (account)) == 0
          && gtk_widget_get_mapped (labels->pdata[i]))
        shown = TRUE;
    g_assert_true (shown);
  }
}

static gboolean
aging_drawn (gpointer data)
{
  return ar_aging_view_get_n_draws (AR_AGING_VIEW (data)) > 0;
}

static void
test_aging_view_draws (void)
{
  GtkWidget *view = ar_window_get_aging_view (window);
  const char *description;

  ar_window_show_view (window, "aging");
  ar_ui_iterate_for (100);
  /* The cairo renderer draws when the window's frame is painted. */
  gtk_widget_queue_draw (view);
  ar_ui_wait_for (aging_drawn, view, "the aging chart to be drawn");

  /* The view's render node is kept from the frame after the one that drew it. */
  ar_ui_iterate_for (200);
  description = ar_aging_view_get_description (AR_AGING_VIEW (view));
  g_assert_nonnull (description);
  g_assert_cmpuint (strlen (description), >, 20);
  g_assert_cmpuint (count_colours (view), >, 10);

  ar_window_show_view (window, "accounts");
}

static gboolean
aging_computed (gpointer data)
{
  ArAgingView *view = data;

  return !ar_aging_view_get_computing (view) && ar_aging_view_get_shown_as_of (view) != 0;
}

static void
count_bucket (guint  bucket,
              guint *n_activated)
{
  (*n_activated)++;
}

static gboolean
trend_drawn (gpointer data)
{
  return ar_aging_view_get_n_trend_draws (AR_AGING_VIEW (data)) > 0;
}

/* The description the view should give for @as_of: the core's report for that day, through
 * the same chart model. */
static char *
expected_description (guint32 as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArAgingReport) report = NULL;
  g_autoptr(ArChartModel) model = NULL;
  ArAgingConfig config;

  g_assert_true (ar_aging_config_load (&config, ledger, &error));
  report = ar_aging_report_compute (ledger, as_of, &config, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->totals->len, >, 0);
  model = ar_chart_model_new_aging_report (
    report, g_array_index (report->totals, ArAgingTotal, 0).currency);
  return ar_chart_model_describe (model);
}

/* A past day chosen: the chart's figures are the core's for that day, the trend has its
 * twelve points and is drawn, and a bar no longer filters the list (its buckets are today's). */
static void
test_aging_view_as_of (void)
{
  ArAgingView *view = AR_AGING_VIEW (ar_window_get_aging_view (window));
  g_autofree char *today_text = NULL;
  g_autofree char *past_text = NULL;
  g_autofree char *expected = NULL;
  graphene_rect_t bar;
  guint n_activated = 0;
  gulong handler;
  guint32 past;
  GDate today;

  ar_date_set_today (&today);
  past = ar_date_to_julian (&today) - 75;

  ar_window_show_view (window, "aging");
  ar_ui_wait_for (aging_computed, view, "the aging to be computed");
  g_assert_cmpuint (ar_aging_view_get_as_of (view), ==, 0);
  g_assert_cmpuint (ar_aging_view_get_shown_as_of (view), ==, ar_date_to_julian (&today));
  today_text = g_strdup (ar_aging_view_get_description (view));
  expected = expected_description (ar_date_to_julian (&today));
  g_assert_cmpstr (today_text, ==, expected);
  g_clear_pointer (&expected, g_free);
  g_assert_cmpuint (ar_aging_view_get_n_trend_points (view), ==, 12);
  g_assert_nonnull (ar_aging_view_get_trend_description (view));

  ar_aging_view_set_as_of (view, past);
  g_assert_cmpuint (ar_aging_view_get_as_of (view), ==, past);
  /* The old chart stays until the new one is ready. */
  g_assert_cmpstr (ar_aging_view_get_description (view), ==, today_text);
  ar_ui_wait_for (aging_computed, view, "the past aging to be computed");
  g_assert_cmpuint (ar_aging_view_get_shown_as_of (view), ==, past);
  past_text = g_strdup (ar_aging_view_get_description (view));
  expected = expected_description (past);
  g_assert_cmpstr (past_text, ==, expected);
  g_assert_cmpstr (past_text, !=, today_text);
  g_assert_cmpuint (ar_aging_view_get_n_trend_points (view), ==, 12);

  gtk_widget_queue_draw (GTK_WIDGET (view));
  ar_ui_wait_for (trend_drawn, view, "the trend to be drawn");
  ar_ui_iterate_for (100);

  /* A past day's bar does not filter the list of today's buckets. */
  handler = g_signal_connect (view, "bucket-activated", G_CALLBACK (count_bucket), &n_activated);
  for (guint bucket = 0; bucket < AR_AGING_MAX_BUCKETS; bucket++)
    if (ar_aging_view_get_bar_area (view, bucket, &bar))
      ar_aging_view_click (view, bar.origin.x + bar.size.width / 2,
                           bar.origin.y + bar.size.height / 2);
  g_assert_cmpuint (n_activated, ==, 0);
  g_signal_handler_disconnect (view, handler);

  /* The picker: a day clicked on the calendar, then Today. */
  {
    g_autoptr(GPtrArray) buttons = find_all (GTK_WIDGET (view), GTK_TYPE_MENU_BUTTON);
    GtkPopover *picker = gtk_menu_button_get_popover (buttons->pdata[0]);
    g_autoptr(GPtrArray) calendars = find_all (GTK_WIDGET (picker), GTK_TYPE_CALENDAR);
    g_autoptr(GPtrArray) today_buttons = find_all (GTK_WIDGET (picker), GTK_TYPE_BUTTON);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) earlier = g_date_time_add_days (now, -40);

    gtk_menu_button_popup (buttons->pdata[0]);
    ar_ui_iterate_for (100);
    g_assert_cmpuint (calendars->len, ==, 1);
    /* Opening shows the chosen day, which chooses nothing new. */
    g_assert_cmpuint (ar_aging_view_get_as_of (view), ==, past);
    /* GTK emits "day-selected" here, as for a click. */
    gtk_calendar_select_day (calendars->pdata[0], earlier);
    g_assert_cmpuint (ar_aging_view_get_as_of (view), ==, ar_date_to_julian (&today) - 40);
    ar_ui_wait_for (aging_computed, view, "the picked day's aging to be computed");
    g_assert_cmpuint (ar_aging_view_get_shown_as_of (view), ==, ar_date_to_julian (&today) - 40);

    /* Back to today with the Today button (the calendar's own arrows are buttons too). */
    for (guint i = 0; i < today_buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (today_buttons->pdata[i]), "_Today") == 0)
        g_signal_emit_by_name (today_buttons->pdata[i], "clicked");
    g_assert_cmpuint (ar_aging_view_get_as_of (view), ==, 0);
    ar_ui_iterate_for (100);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (picker)));
  }
  ar_ui_wait_for (aging_computed, view, "today's aging to be computed");
  g_assert_cmpuint (ar_aging_view_get_shown_as_of (view), ==, ar_date_to_julian (&today));
  g_assert_cmpstr (ar_aging_view_get_description (view), ==, today_text);

  ar_window_show_view (window, "accounts");
}

/* A row whose debtor has paid something and still owes: every part of the pane has content. */
static guint
interesting_row (void)
{
  for (guint i = 0; i < 100 && i < n_accounts (); i++)
    {
      g_autoptr(ArAccount) account = account_at (i);
      g_autoptr(ArDebtorLedger) debtor =
        ar_debtor_ledger_load (ledger, ar_account_get_debtor_id (account), NULL);
      gboolean paid = FALSE;

      for (guint j = 0; debtor != NULL && j < debtor->entries->len; j++)
        if (g_array_index (debtor->entries, ArDebtorEntry, j).kind == AR_ENTRY_PAYMENT)
          paid = TRUE;
      if (paid && debtor->open_items->len > 1)
        return i;
    }
  return 0;
}

static void
screenshots_at (int width,
                int height)
{
  const struct { AdwColorScheme scheme; const char *name; } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "light" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "dark" },
  };
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GError) error = NULL;
  ArWindow *shot = ar_window_new (NULL);

  g_object_ref_sink (shot);
  g_assert_true (ar_window_set_ledger (shot, ledger, &error));
  ar_ui_present_at (GTK_WINDOW (shot), width, height);
  gtk_single_selection_set_selected (
    ar_account_list_get_selection (AR_ACCOUNT_LIST (ar_window_get_account_list (shot))),
    interesting_row ());

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *accounts_png = g_strdup_printf ("accounts-%dx%d-%s.png", width, height,
                                                       schemes[i].name);
      g_autofree char *aging_png = g_strdup_printf ("aging-%dx%d-%s.png", width, height,
                                                    schemes[i].name);

      adw_style_manager_set_color_scheme (style, schemes[i].scheme);
      ar_window_show_view (shot, "accounts");
      ar_ui_iterate_for (400);
      ar_ui_save_screenshot (GTK_WIDGET (shot), accounts_png);

      ar_window_show_view (shot, "aging");
      ar_ui_wait_for (aging_computed, ar_window_get_aging_view (shot),
                      "the aging to be computed");
      ar_ui_iterate_for (400);
      ar_ui_save_screenshot (GTK_WIDGET (shot), aging_png);

      if (width == 1280)
        {
          /* A past day, and the date picker open. */
          g_autofree char *past_png = g_strdup_printf ("aging-past-%dx%d-%s.png", width, height,
                                                       schemes[i].name);
          g_autofree char *picker_png = g_strdup_printf ("aging-picker-%s.png", schemes[i].name);
          ArAgingView *aging = AR_AGING_VIEW (ar_window_get_aging_view (shot));
          g_autoptr(GPtrArray) buttons = find_all (GTK_WIDGET (aging), GTK_TYPE_MENU_BUTTON);
          GtkPopover *picker = gtk_menu_button_get_popover (buttons->pdata[0]);
          GDate today;

          ar_date_set_today (&today);
          ar_aging_view_set_as_of (aging, ar_date_to_julian (&today) - 75);
          ar_ui_wait_for (aging_computed, aging, "the past aging to be computed");
          ar_ui_iterate_for (400);
          ar_ui_save_screenshot (GTK_WIDGET (shot), past_png);
          gtk_menu_button_popup (buttons->pdata[0]);
          ar_ui_iterate_for (400);
          ar_ui_save_screenshot (GTK_WIDGET (picker), picker_png);
          gtk_menu_button_popdown (buttons->pdata[0]);
          ar_aging_view_set_as_of (aging, 0);
          ar_ui_wait_for (aging_computed, aging, "today's aging to be computed");
        }
      if (width == 1280)
        {
          g_autofree char *ledger_png = g_strdup_printf ("ledger-%dx%d-%s.png", width, height,
                                                         schemes[i].name);
          ArDebtorPane *pane = AR_DEBTOR_PANE (ar_window_get_debtor_pane (shot));

          ar_window_show_view (shot, "accounts");
          ar_debtor_pane_show_section (pane, "ledger");
          ar_ui_iterate_for (400);
          ar_ui_save_screenshot (GTK_WIDGET (shot), ledger_png);
          ar_debtor_pane_show_section (pane, "open");
        }
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (shot));
  g_object_unref (shot);
}

static void
test_screenshots (void)
{
  screenshots_at (1280, 800);
  screenshots_at (800, 600);

  /* The welcome page, with no ledger open. */
  {
    ArWindow *empty = ar_window_new (NULL);

    g_object_ref_sink (empty);
    ar_ui_present_at (GTK_WINDOW (empty), 800, 600);
    ar_ui_iterate_for (300);
    ar_ui_save_screenshot (GTK_WIDGET (empty), "welcome-800x600-light.png");
    gtk_window_destroy (GTK_WINDOW (empty));
    g_object_unref (empty);
  }
}

/* A ledger without debtors says how to fill it. */
static void
test_empty_ledger (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "empty.arrears", NULL);
  g_autoptr(ArLedger) empty = ar_ledger_create (path, &error);
  ArWindow *win = ar_window_new (NULL);

  g_assert_no_error (error);
  g_object_ref_sink (win);
  g_assert_true (ar_window_set_ledger (win, empty, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ar_window_get_state (win), ==, "empty");
  g_assert_true (ar_window_set_ledger (win, NULL, &error));
  g_assert_cmpstr (ar_window_get_state (win), ==, "welcome");
  gtk_window_destroy (GTK_WINDOW (win));
  g_assert_finalize_object (win);
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

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The app icon is in the resources; without a GtkApplication, add its path by hand. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/arrears/Arrears/icons");

  /* style.css too, which AdwApplication would load. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/arrears/Arrears/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  tmp_dir = g_dir_make_tmp ("arrears-ui-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/open-demo", test_open_demo);
  g_test_add_func ("/window/open-errors", test_open_errors);
  g_test_add_func ("/window/open-settles-ended-plans", test_open_settles_ended_plans);
  g_test_add_func ("/window/demo-task", test_demo_task);
  g_test_add_func ("/window/list-shows-debtors", test_list_shows_debtors);
  g_test_add_func ("/window/sort-by-header", test_sort_by_header);
  g_test_add_func ("/window/search-narrows", test_search_narrows);
  g_test_add_func ("/window/select-fills-pane", test_select_fills_pane);
  g_test_add_func ("/window/aging-view-draws", test_aging_view_draws);
  g_test_add_func ("/window/aging-view-as-of", test_aging_view_as_of);
  g_test_add_func ("/window/screenshots", test_screenshots);
  g_test_add_func ("/window/empty-ledger", test_empty_ledger);
  g_test_add_func ("/window/close", test_close);

  status = g_test_run ();

  g_clear_object (&ledger);
  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmp_dir);

    ar_test_remove_tree (g_file_peek_path (dir));
  }
  g_free (ledger_path);
  g_free (tmp_dir);
  return status;
}
