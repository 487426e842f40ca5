/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
/* The account list's filters in the real window on a demo ledger of 500 debtors: the popover's
 * widgets filter the list in SQL together with the search, the bar above the list names them,
 * GSettings remembers them, a contradiction shows "No Debtors Match" whose Clear Filters
 * brings every debtor back, a click on a bar of the aging chart shows that bucket's debtors,
 * a sort keeps the selected debtor selected, Ctrl+F's action focuses the search and Escape
 * clears it. Screenshots of the list with filters set and of the popover (1280×800 and
 * 800×600, light and dark) are written to $G_TEST_BUILDDIR/screenshots. */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ar-account-list.h"
#include "ar-aging-view.h"
#include "ar-date.h"
#include "ar-demo.h"
#include "ar-test-util.h"
#include "ar-ui-test.h"
#include "ar-window.h"

#define N_DEBTORS 500

static char     *tmp_dir;
static ArLedger *ledger;
static ArWindow *window;
static guint     n_all;

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

/* The @index-th widget of @type under @root, depth first. */
static gpointer
find_nth (GtkWidget *root,
          GType      type,
          guint      index)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, type, found);
  g_assert_cmpuint (index, <, found->len);
  return found->pdata[index];
}

static ArAccountList *
account_list (void)
{
  return AR_ACCOUNT_LIST (ar_window_get_account_list (window));
}

static ArAccountModel *
model (void)
{
  return ar_account_list_get_model (account_list ());
}

static guint
n_accounts (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model ()));
}

static ArAccount *
account_at (guint position)
{
  return g_list_model_get_item (G_LIST_MODEL (model ()), position);
}

static GtkWidget *
popover (void)
{
  return GTK_WIDGET (gtk_menu_button_get_popover (
    GTK_MENU_BUTTON (ar_account_list_get_filter_button (account_list ()))));
}

/* The popover's widgets, in the order of the template. */
static GtkCheckButton *
overdue_check (void)
{
  return find_nth (popover (), GTK_TYPE_CHECK_BUTTON, 0);
}

static GtkCheckButton *
arrangement_check (void)
{
  return find_nth (popover (), GTK_TYPE_CHECK_BUTTON, 1);
}

static GtkDropDown *
bucket_dropdown (void)
{
  return find_nth (popover (), GTK_TYPE_DROP_DOWN, 0);
}

static GtkDropDown *
status_dropdown (void)
{
  return find_nth (popover (), GTK_TYPE_DROP_DOWN, 1);
}

static GtkDropDown *
currency_dropdown (void)
{
  return find_nth (popover (), GTK_TYPE_DROP_DOWN, 2);
}

static gboolean
state_is (gpointer data)
{
  return g_strcmp0 (ar_window_get_state (window), data) == 0;
}

static gboolean
footer_is_not (gpointer data)
{
  return g_strcmp0 (ar_account_list_get_summary_text (account_list ()), data) != 0;
}

static gboolean
has_search (gpointer data)
{
  return ar_account_model_get_search (model ()) != NULL;
}

static gboolean
aging_drawn (gpointer data)
{
  return ar_aging_view_get_n_draws (AR_AGING_VIEW (data)) > 0;
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
  ar_ui_iterate_for (200);

  n_all = n_accounts ();
  g_assert_cmpuint (n_all, >=, N_DEBTORS);
  g_assert_false (ar_account_model_is_filtered (model ()));
  g_assert_cmpstr (ar_account_list_get_filter_summary (account_list ()), ==, "All debtors");
}

/* Overdue only, then a status, through the popover's widgets; composed with a search. */
static void
test_filters_compose (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.arrears.Arrears");
  g_autofree char *footer_all = g_strdup (ar_account_list_get_summary_text (account_list ()));
  guint n_overdue, n_status, status_position = 0;
  int status = -1;

  gtk_check_button_set_active (overdue_check (), TRUE);
  n_overdue = n_accounts ();
  g_assert_cmpuint (n_overdue, >, 0);
  g_assert_cmpuint (n_overdue, <, n_all);
  for (guint i = 0; i < n_overdue; i++)
    {
      g_autoptr(ArAccount) account = account_at (i);

      g_assert_cmpint (ar_account_get_days_overdue (account), >, 0);
    }
  g_assert_true (g_settings_get_boolean (settings, "account-filter-overdue"));
  g_assert_nonnull (strstr (ar_account_list_get_filter_summary (account_list ()), "Overdue"));
  /* The footer counts what is shown (in an idle after the change). */
  ar_ui_wait_for (footer_is_not, footer_all, "the footer to count the overdue debtors");

  /* The status of the first overdue row that is not "active": fewer rows, all of it. */
  for (guint i = 0; i < n_overdue && status < 0; i++)
    {
      g_autoptr(ArAccount) account = account_at (i);

      if (ar_account_get_status (account) != AR_STATUS_ACTIVE)
        status = (int) ar_account_get_status (account);
    }
  g_assert_cmpint (status, >=, 0);
  status_position = (guint) status + 1;
  gtk_drop_down_set_selected (status_dropdown (), status_position);
  n_status = n_accounts ();
  g_assert_cmpuint (n_status, >, 0);
  g_assert_cmpuint (n_status, <, n_overdue);
  for (guint i = 0; i < n_status; i++)
    {
      g_autoptr(ArAccount) account = account_at (i);

      g_assert_cmpint (ar_account_get_status (account), ==, status);
      g_assert_cmpint (ar_account_get_days_overdue (account), >, 0);
    }
  {
    g_autofree char *saved = g_settings_get_string (settings, "account-filter-status");

    g_assert_cmpstr (saved, ==, ar_debtor_status_to_string ((ArDebtorStatus) status));
  }

  /* A search narrows further and keeps the filters. */
  {
    g_autoptr(ArAccount) first = account_at (0);
    g_autofree char *name = g_strdup (ar_account_get_name (first));

    ar_account_model_set_search (model (), name);
    g_assert_cmpuint (n_accounts (), >=, 1);
    g_assert_cmpuint (n_accounts (), <=, n_status);
    for (guint i = 0; i < n_accounts (); i++)
      {
        g_autoptr(ArAccount) account = account_at (i);

        g_assert_cmpint (ar_account_get_status (account), ==, status);
      }
    ar_account_model_set_search (model (), NULL);
  }
  g_assert_cmpuint (n_accounts (), ==, n_status);

  /* Plan or promise: the demo book's debtors with status "plan" or "promise" (no plans are
   * recorded in it), each of them overdue and of the status chosen above. */
  gtk_check_button_set_active (arrangement_check (), TRUE);
  for (guint i = 0; i < n_accounts (); i++)
    {
      g_autoptr(ArAccount) account = account_at (i);
      ArDebtorStatus s = ar_account_get_status (account);

      g_assert_true (s == AR_STATUS_PLAN || s == AR_STATUS_PROMISE);
    }
  g_assert_nonnull (strstr (ar_account_list_get_filter_summary (account_list ()),
                            "Plan or promise"));
  gtk_check_button_set_active (arrangement_check (), FALSE);
  g_assert_cmpuint (n_accounts (), ==, n_status);

  /* The currency drop-down offers the book's currencies once the popover opens. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (ar_account_list_get_filter_button (account_list ())));
  ar_ui_iterate_for (200);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (currency_dropdown ())),
                    >=, 2);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (ar_account_list_get_filter_button (account_list ())));

  /* The list's Clear button clears them all. */
  gtk_widget_activate_action (GTK_WIDGET (account_list ()), "list.clear-filters", NULL);
  g_assert_cmpuint (n_accounts (), ==, n_all);
  g_assert_false (gtk_check_button_get_active (overdue_check ()));
  g_assert_cmpuint (gtk_drop_down_get_selected (status_dropdown ()), ==, 0);
  g_assert_false (g_settings_get_boolean (settings, "account-filter-overdue"));
  g_assert_cmpstr (ar_account_list_get_filter_summary (account_list ()), ==, "All debtors");
}

/* Current and overdue at once: nothing; the empty state clears the filters. */
static void
test_empty_state (void)
{
  ar_account_model_set_search (model (), "a");
  gtk_drop_down_set_selected (bucket_dropdown (), 1);   /* "Current" */
  gtk_check_button_set_active (overdue_check (), TRUE);
  ar_ui_wait_for (state_is, (gpointer) "no-results", "the no-results page");
  g_assert_cmpuint (n_accounts (), ==, 0);
  ar_ui_iterate_for (400);
  ar_ui_save_screenshot (GTK_WIDGET (window), "no-debtors-match-1280x800-light.png");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  g_assert_cmpstr (ar_window_get_state (window), ==, "list");
  g_assert_cmpuint (n_accounts (), ==, n_all);
  g_assert_false (ar_account_model_is_filtered (model ()));
  g_assert_null (ar_account_model_get_search (model ()));
  g_assert_cmpuint (gtk_drop_down_get_selected (bucket_dropdown ()), ==, 0);
}

/* A bar of the aging chart: the list shows that bucket's debtors. */
static void
test_bucket_click (void)
{
  GtkWidget *view = ar_window_get_aging_view (window);
  GtkWidget *area = find_nth (view, GTK_TYPE_DRAWING_AREA, 0);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.arrears.Arrears");
  graphene_rect_t bar;
  guint bucket = 1;

  ar_window_show_view (window, "aging");
  ar_ui_iterate_for (100);
  gtk_widget_queue_draw (area);
  ar_ui_wait_for (aging_drawn, view, "the aging chart to be drawn");

  /* The first overdue bucket with a bar. */
  while (!ar_aging_view_get_bar_area (AR_AGING_VIEW (view), bucket, &bar))
    {
      bucket++;
      g_assert_cmpuint (bucket, <, AR_AGING_MAX_BUCKETS);
    }
  ar_aging_view_click (AR_AGING_VIEW (view), bar.origin.x + bar.size.width / 2,
                       bar.origin.y + bar.size.height / 2);

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     ADW_VIEW_STACK (gtk_widget_get_ancestor (view, ADW_TYPE_VIEW_STACK))),
                   ==, "accounts");
  g_assert_cmpuint (n_accounts (), >, 0);
  g_assert_cmpuint (n_accounts (), <, n_all);
  for (guint i = 0; i < n_accounts (); i++)
    {
      g_autoptr(ArAccount) account = account_at (i);

      g_assert_cmpint (ar_account_get_bucket (account), ==, (int) bucket);
    }
  g_assert_cmpint (g_settings_get_int (settings, "account-filter-bucket"), ==, (int) bucket);
  g_assert_cmpuint (gtk_drop_down_get_selected (bucket_dropdown ()), ==, bucket + 1);
}

/* Screenshots of the list with filters set and of the popover, which is a surface of its own
 * and so not in the window's picture. Each size is a new window, which takes the filters from
 * GSettings. */
static void
test_screenshots (void)
{
  const struct { AdwColorScheme scheme; const char *name; } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "light" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "dark" },
  };
  const int sizes[][2] = { { 1280, 800 }, { 800, 600 } };
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_check_button_set_active (overdue_check (), TRUE);
  gtk_drop_down_set_selected (status_dropdown (), AR_STATUS_ACTIVE + 1);
  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      g_autoptr(GError) error = NULL;
      ArWindow *shot = g_object_ref_sink (ar_window_new (NULL));
      ArAccountList *list = AR_ACCOUNT_LIST (ar_window_get_account_list (shot));
      GtkMenuButton *button = GTK_MENU_BUTTON (ar_account_list_get_filter_button (list));
      ArAccountFilter filter;

      g_assert_true (ar_window_set_ledger (shot, ledger, &error));
      g_assert_no_error (error);
      /* Remembered. */
      ar_account_model_get_filter (ar_account_list_get_model (list), &filter);
      g_assert_true (filter.overdue_only);
      g_assert_cmpint (filter.status, ==, AR_STATUS_ACTIVE);
      ar_ui_present_at (GTK_WINDOW (shot), sizes[z][0], sizes[z][1]);

      for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
        {
          g_autofree char *list_png = g_strdup_printf ("filters-%dx%d-%s.png", sizes[z][0],
                                                       sizes[z][1], schemes[i].name);
          g_autofree char *popover_png = g_strdup_printf ("filter-popover-%dx%d-%s.png",
                                                          sizes[z][0], sizes[z][1],
                                                          schemes[i].name);

          adw_style_manager_set_color_scheme (style, schemes[i].scheme);
          gtk_menu_button_popup (button);
          ar_ui_iterate_for (400);
          ar_ui_save_screenshot (GTK_WIDGET (shot), list_png);
          ar_ui_save_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (button)), popover_png);
          gtk_menu_button_popdown (button);
        }
      gtk_window_destroy (GTK_WINDOW (shot));
      g_object_unref (shot);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  ar_account_list_clear_filters (account_list ());
  g_assert_cmpuint (n_accounts (), ==, n_all);
}

/* A sort keeps the selected debtor selected (found again in the new order). */
static void
test_sort_keeps_selection (void)
{
  GtkSingleSelection *selection = ar_account_list_get_selection (account_list ());
  g_autoptr(ArAccount) chosen = NULL;
  ArAccount *now;
  gboolean descending;
  ArAccountSort sort = ar_account_model_get_sort (model (), &descending);

  gtk_single_selection_set_selected (selection, 17);
  chosen = account_at (17);
  ar_account_model_set_sort (model (), sort == AR_ACCOUNT_SORT_NAME ? AR_ACCOUNT_SORT_BALANCE
                                                                    : AR_ACCOUNT_SORT_NAME,
                             !descending);
  now = ar_account_list_get_selected_account (account_list ());
  g_assert_nonnull (now);
  g_assert_cmpint (ar_account_get_debtor_id (now), ==, ar_account_get_debtor_id (chosen));
  g_assert_cmpstr (ar_account_get_currency (now), ==, ar_account_get_currency (chosen));
  {
    g_autoptr(ArAccount) at = account_at (gtk_single_selection_get_selected (selection));

    g_assert_cmpint (ar_account_get_debtor_id (at), ==, ar_account_get_debtor_id (chosen));
  }

  /* A filter that hides it: the first row is selected instead. */
  ar_account_model_set_search (model (), "no debtor is called this");
  g_assert_null (ar_account_list_get_selected_account (account_list ()));
  ar_account_model_set_search (model (), NULL);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
}

/* Ctrl+F's action focuses the search entry; Escape (stop-search) clears the search. */
static void
test_keyboard (void)
{
  GtkWidget *entry = ar_window_get_search_entry (window);
  GtkWidget *filter_button = ar_account_list_get_filter_button (account_list ());

  g_assert_true (gtk_widget_get_focusable (filter_button)
                 || gtk_widget_get_focusable (gtk_widget_get_first_child (filter_button)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  ar_ui_iterate_for (100);
  g_assert_true (gtk_widget_is_focus (entry) || gtk_widget_has_focus (entry)
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "zz");
  ar_ui_wait_for (has_search, NULL, "the search");
  g_signal_emit_by_name (entry, "stop-search");
  ar_ui_iterate_for (300);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_null (ar_account_model_get_search (model ()));
  g_assert_cmpuint (n_accounts (), ==, n_all);
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

  g_test_add_func ("/account-filters/open", test_open);
  g_test_add_func ("/account-filters/compose", test_filters_compose);
  g_test_add_func ("/account-filters/empty-state", test_empty_state);
  g_test_add_func ("/account-filters/bucket-click", test_bucket_click);
  g_test_add_func ("/account-filters/screenshots", test_screenshots);
  g_test_add_func ("/account-filters/sort-keeps-selection", test_sort_keeps_selection);
  g_test_add_func ("/account-filters/keyboard", test_keyboard);
  g_test_add_func ("/account-filters/close", test_close);

  status = g_test_run ();

  g_clear_object (&ledger);
  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
