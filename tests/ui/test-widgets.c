/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
/* Every template type of the window is built from its .ui on GTK 4.8 / libadwaita 1.2 and
 * finalized without leaks (the .ui files are not checked by the compiler), and the column
 * sorter's probe tells which column sorts and in which order. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ar-about.h"
#include "ar-account-list.h"
#include "ar-aging-view.h"
#include "ar-application.h"
#include "ar-account-columns.h"
#include "ar-account-header.h"
#include "ar-date.h"
#include "ar-debtor-pane.h"
#include "ar-demo.h"
#include "ar-ledger-tasks.h"
#include "ar-task-progress.h"
#include "ar-window.h"

static void
test_account_list (void)
{
  GtkWidget *list = g_object_ref_sink (ar_account_list_new ());

  g_assert_true (AR_IS_ACCOUNT_LIST (list));
  g_assert_null (ar_account_list_get_model (AR_ACCOUNT_LIST (list)));
  g_assert_null (ar_account_list_get_selected_account (AR_ACCOUNT_LIST (list)));
  g_assert_cmpstr (ar_account_list_get_summary_text (AR_ACCOUNT_LIST (list)), ==, "");
  g_assert_finalize_object (list);
}

static void
test_debtor_pane (void)
{
  GtkWidget *pane = g_object_ref_sink (ar_debtor_pane_new ());

  g_assert_true (AR_IS_DEBTOR_PANE (pane));
  g_assert_null (ar_debtor_pane_get_debtor_name (AR_DEBTOR_PANE (pane)));
  g_assert_cmpuint (g_list_model_get_n_items (ar_debtor_pane_get_entries (AR_DEBTOR_PANE (pane))),
                    ==, 0);
  g_assert_finalize_object (pane);
}

static void
test_aging_view (void)
{
  GtkWidget *view = g_object_ref_sink (ar_aging_view_new ());

  g_assert_true (AR_IS_AGING_VIEW (view));
  g_assert_null (ar_aging_view_get_description (AR_AGING_VIEW (view)));
  g_assert_finalize_object (view);
}

static void
test_window (void)
{
  ArWindow *window = ar_window_new (NULL);

  g_assert_true (AR_IS_WINDOW (window));
  g_assert_null (ar_window_get_ledger (window));
  g_assert_cmpstr (ar_window_get_state (window), ==, "welcome");
  g_assert_false (ar_window_get_busy (window));

  ar_window_set_busy (window, "Working");
  g_assert_true (ar_window_get_busy (window));
  g_assert_cmpstr (ar_window_get_state (window), ==, "busy");
  ar_window_set_busy (window, NULL);
  g_assert_cmpstr (ar_window_get_state (window), ==, "welcome");

  /* A toplevel belongs to GTK's list of windows until it is destroyed. */
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_application (void)
{
  ArApplication *app = ar_application_new ();

  g_assert_true (AR_IS_APPLICATION (app));
  g_assert_cmpstr (g_application_get_application_id (G_APPLICATION (app)), ==, APP_ID);
  g_assert_true (g_application_get_flags (G_APPLICATION (app)) & G_APPLICATION_HANDLES_OPEN);
  g_assert_cmpstr (g_application_get_resource_base_path (G_APPLICATION (app)), ==,
                   "/io/github/arrears/Arrears");
  g_assert_finalize_object (app);
}

/* The About window says what the metainfo says. */
static void
test_about (void)
{
  GtkWidget *about = ar_about_window_new (NULL);

  g_assert_true (ADW_IS_ABOUT_WINDOW (about));
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==,
                   "Arrears");
  g_assert_cmpstr (adw_about_window_get_comments (ADW_ABOUT_WINDOW (about)), ==,
                   "Keep track of unpaid invoices");
  g_assert_cmpstr (adw_about_window_get_developer_name (ADW_ABOUT_WINDOW (about)), ==,
                   "The Arrears authors");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, "0.1.0");
  g_assert_cmpstr (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)), ==,
                   "https://github.com/arrears/arrears");
  g_assert_cmpstr (adw_about_window_get_issue_url (ADW_ABOUT_WINDOW (about)), ==,
                   "https://github.com/arrears/arrears/issues");
  g_assert_true (g_str_has_prefix (adw_about_window_get_release_notes (ADW_ABOUT_WINDOW (about)),
                                   "<p>The first release: "));
  g_assert_cmpstr (adw_about_window_get_release_notes_version (ADW_ABOUT_WINDOW (about)), ==,
                   "0.1.0");
  gtk_window_destroy (GTK_WINDOW (about));
}

static void
test_resources (void)
{
  const char *paths[] = {
    "/io/github/arrears/Arrears/style.css",
    "/io/github/arrears/Arrears/gtk/menus.ui",
    "/io/github/arrears/Arrears/gtk/help-overlay.ui",
    "/io/github/arrears/Arrears/icons/scalable/apps/io.github.arrears.Arrears-symbolic.svg",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_assert_true (g_resources_get_info (paths[i], 0, NULL, NULL, NULL));
}

typedef struct
{
  GtkApplication *app;
  char           *path;     /* a ledger to open */
  guint           polls;
  gboolean        demo;     /* waiting for the demo ledger */
} RunState;

static gboolean
wait_for_ledger (gpointer user_data)
{
  RunState *state = user_data;
  ArWindow *window = AR_WINDOW (gtk_application_get_active_window (state->app));
  g_autofree char *demo_path = ar_ledger_task_demo_path ();
  const char *expected = state->demo ? demo_path : state->path;
  ArLedger *ledger = ar_window_get_ledger (window);
  g_autoptr(GSettings) settings = NULL;
  g_auto(GStrv) recent = NULL;
  g_autofree char *last = NULL;

  if (ledger == NULL || g_strcmp0 (ar_ledger_get_path (ledger), expected) != 0
      || ar_window_get_busy (window))
    {
      g_assert_cmpuint (++state->polls, <, 400);
      return G_SOURCE_CONTINUE;
    }

  /* Opened off the main thread, shown, and remembered. */
  g_assert_cmpstr (ar_window_get_state (window), ==, "list");
  settings = g_settings_new ("io.github.arrears.Arrears");
  last = g_settings_get_string (settings, "last-ledger");
  recent = g_settings_get_strv (settings, "recent-ledgers");
  g_assert_cmpstr (last, ==, expected);
  g_assert_cmpstr (recent[0], ==, expected);

  if (!state->demo)
    {
      /* Open Demo Ledger: 500 debtors written in a worker thread, then opened. */
      state->demo = TRUE;
      state->polls = 0;
      g_action_group_activate_action (G_ACTION_GROUP (state->app), "open-demo", NULL);
      g_assert_true (ar_window_get_busy (window));
      g_assert_cmpstr (ar_window_get_state (window), ==, "busy");
      return G_SOURCE_CONTINUE;
    }

  g_assert_cmpstr (recent[1], ==, state->path);
  {
    /* The primary menu's Recent Ledgers lists both, the latest first, and opens them. */
    GMenuModel *menu = G_MENU_MODEL (gtk_application_get_menu_by_id (state->app, "recent_menu"));
    g_autoptr(GVariant) target = NULL;
    g_autofree char *action = NULL;

    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
    g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                    &action));
    g_assert_cmpstr (action, ==, "app.open-recent");
    target = g_menu_model_get_item_attribute_value (menu, 1, G_MENU_ATTRIBUTE_TARGET,
                                                    G_VARIANT_TYPE_STRING);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, state->path);
  }
  {
    ArAccountList *list = AR_ACCOUNT_LIST (ar_window_get_account_list (window));

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ar_account_list_get_model (list))),
                      >=, AR_DEMO_DEBTORS);
  }
  gtk_window_close (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static gboolean
check_running_app (gpointer user_data)
{
  RunState *state = user_data;
  GtkApplication *app = state->app;
  GtkWindow *window = gtk_application_get_active_window (app);
  const char *actions[] = { "new-ledger", "open-ledger", "open-demo", "open-recent", "about",
                            "quit" };
  g_auto(GStrv) import = gtk_application_get_accels_for_action (app, "win.import");
  g_auto(GStrv) preferences = gtk_application_get_accels_for_action (app, "win.preferences");
  GMenuModel *recent = G_MENU_MODEL (gtk_application_get_menu_by_id (app, "recent_menu"));
  g_auto(GStrv) quit = gtk_application_get_accels_for_action (app, "app.quit");
  g_auto(GStrv) search = gtk_application_get_accels_for_action (app, "win.search");
  g_auto(GStrv) open = gtk_application_get_accels_for_action (app, "app.open-ledger");
  g_auto(GStrv) new_ledger = gtk_application_get_accels_for_action (app, "app.new-ledger");
  g_autoptr(GFile) file = g_file_new_for_path (state->path);

  /* Started with no last ledger: one window, on the welcome page, with the primary menu. */
  g_assert_true (AR_IS_WINDOW (window));
  g_assert_cmpstr (ar_window_get_state (AR_WINDOW (window)), ==, "welcome");
  g_assert_true (G_IS_MENU_MODEL (gtk_application_get_menu_by_id (app, "primary_menu")));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), actions[i]));
  g_assert_cmpstr (quit[0], ==, "<Control>q");
  g_assert_cmpstr (search[0], ==, "<Control>f");
  g_assert_cmpstr (open[0], ==, "<Control>o");
  g_assert_cmpstr (new_ledger[0], ==, "<Control>n");
  g_assert_cmpstr (import[0], ==, "<Control>i");
  g_assert_cmpstr (preferences[0], ==, "<Control>comma");
  /* No ledger opened yet: "Recent Ledgers" says so, greyed out. */
  g_assert_cmpint (g_menu_model_get_n_items (recent), ==, 1);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "no-recent"));
  /* Import and Preferences belong to an open ledger: without one, nothing opens. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      g_assert_true (l->data == (gpointer) window || !gtk_widget_get_visible (l->data));
  }

  /* What a file manager does: open a ledger in the running application. */
  ar_application_open_file (AR_APPLICATION (app), file);
  g_assert_true (ar_window_get_busy (AR_WINDOW (window)));
  g_timeout_add (50, wait_for_ledger, state);
  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app,
                RunState     *state)
{
  g_timeout_add (100, check_running_app, state);
}

/* The application starts, registers its actions and accelerators, shows its window, and
 * opens a ledger handed to it. */
static void
test_application_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("arrears-app-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "small.arrears", NULL);
  g_autoptr(ArLedger) ledger = NULL;
  ArApplication *app = ar_application_new ();
  char *argv[] = { (char *) "arrears", NULL };
  RunState state = { GTK_APPLICATION (app), path, 0 };
  GDate today;

  g_assert_no_error (error);
  ledger = ar_ledger_create (path, &error);
  g_assert_no_error (error);
  ar_date_set_today (&today);
  ar_demo_generate (ledger, 30, 7, ar_date_to_julian (&today), NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&ledger);

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), &state);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_finalize_object (app);

  g_remove (path);
  g_rmdir (dir);
  {
    g_autofree char *demo = ar_ledger_task_demo_path ();

    g_remove (demo);
  }
}

/* The menus and the shortcuts window build without warnings. */
static void
test_builder_files (void)
{
  g_autoptr(GtkBuilder) menus =
    gtk_builder_new_from_resource ("/io/github/arrears/Arrears/gtk/menus.ui");
  g_autoptr(GtkBuilder) help =
    gtk_builder_new_from_resource ("/io/github/arrears/Arrears/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (help, "help_overlay");

  const char *listed[] = { "app.new-ledger", "app.open-ledger", "win.import", "win.preferences",
                           "win.search", "win.show-help-overlay", "app.quit" };
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (G_IS_MENU_MODEL (gtk_builder_get_object (menus, "primary_menu")));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  /* Every shortcut the application sets is in the shortcuts window. */
  for (GSList *l = gtk_builder_get_objects (help); l != NULL; l = g_slist_delete_link (l, l))
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        char *name = NULL;

        g_object_get (l->data, "action-name", &name, NULL);
        if (name != NULL)
          g_ptr_array_add (actions, name);
      }
  for (guint i = 0; i < G_N_ELEMENTS (listed); i++)
    g_assert_true (g_ptr_array_find_with_equal_func (actions, listed[i], g_str_equal, NULL));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* The rows and the header lay out from one function: every visible column inside the width,
 * side by side, the least needed dropped first when narrow, mirrored right to left. */
static void
test_account_columns (void)
{
  const int widths[] = { 300, ar_account_columns_min_width (), 520, 700, 815, 1200 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      ArAccountColumnSlot ltr[AR_N_ACCOUNT_COLUMNS], rtl[AR_N_ACCOUNT_COLUMNS];
      int end = AR_ACCOUNT_ROW_MARGIN;

      ar_account_columns_layout (widths[w], FALSE, ltr);
      ar_account_columns_layout (widths[w], TRUE, rtl);
      g_assert_true (ltr[AR_ACCOUNT_COLUMN_NAME].visible);
      g_assert_true (ltr[AR_ACCOUNT_COLUMN_BALANCE].visible);
      for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
        {
          g_assert_cmpint (ltr[c].visible, ==, rtl[c].visible);
          if (!ltr[c].visible)
            continue;
          g_assert_cmpint (ltr[c].x, ==, end);
          g_assert_cmpint (rtl[c].x, ==, widths[w] - ltr[c].x - ltr[c].width);
          g_assert_cmpint (rtl[c].width, ==, ltr[c].width);
          end += ltr[c].width;
        }
      /* The Debtor column takes the rest, unless even the least is too wide. */
      if (widths[w] >= ar_account_columns_min_width ())
        g_assert_cmpint (end + AR_ACCOUNT_ROW_MARGIN, ==, widths[w]);
      /* A column dropped means every column less needed is dropped too. */
      if (!ltr[AR_ACCOUNT_COLUMN_BUCKET].visible)
        g_assert_false (ltr[AR_ACCOUNT_COLUMN_DAYS].visible);
      if (!ltr[AR_ACCOUNT_COLUMN_STATUS].visible)
        g_assert_false (ltr[AR_ACCOUNT_COLUMN_NEXT_ACTION].visible);
      if (!ltr[AR_ACCOUNT_COLUMN_NEXT_ACTION].visible)
        g_assert_false (ltr[AR_ACCOUNT_COLUMN_LAST_CONTACT].visible);
    }

  {
    ArAccountColumnSlot slots[AR_N_ACCOUNT_COLUMNS];

    ar_account_columns_layout (ar_account_columns_natural_width (), FALSE, slots);
    for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
      g_assert_true (slots[c].visible);
    ar_account_columns_layout (520, FALSE, slots);
    g_assert_false (slots[AR_ACCOUNT_COLUMN_LAST_CONTACT].visible);
    g_assert_true (slots[AR_ACCOUNT_COLUMN_DAYS].visible);
    /* The narrow pane of an 800-pixel window keeps the bucket pill beside the balance. */
    ar_account_columns_layout (330, FALSE, slots);
    g_assert_true (slots[AR_ACCOUNT_COLUMN_BUCKET].visible);
    g_assert_false (slots[AR_ACCOUNT_COLUMN_DAYS].visible);
  }
  g_assert_cmpint (ar_account_column_for_sort (AR_ACCOUNT_SORT_DAYS_OVERDUE), ==,
                   AR_ACCOUNT_COLUMN_DAYS);
  g_assert_cmpint (ar_account_column_for_sort (AR_ACCOUNT_SORT_EXTERNAL_ID), ==, -1);
}

static void
on_sort_requested_cb (ArAccountHeader *header,
                      int              sort,
                      gboolean         descending,
                      int             *out)
{
  out[0] = sort;
  out[1] = descending;
}

/* A header asks for its column ascending, and for the other direction when it already has the
 * arrow; the arrow goes where the list says, Bucket apart from Days Overdue. */
static void
test_account_header (void)
{
  GtkWidget *header = g_object_ref_sink (ar_account_header_new ());
  GtkWidget *name = ar_account_header_get_button (AR_ACCOUNT_HEADER (header),
                                                  AR_ACCOUNT_COLUMN_NAME);
  GtkWidget *bucket = ar_account_header_get_button (AR_ACCOUNT_HEADER (header),
                                                    AR_ACCOUNT_COLUMN_BUCKET);
  int asked[2] = { -1, -1 };
  gboolean descending = FALSE;

  g_signal_connect (header, "sort-requested", G_CALLBACK (on_sort_requested_cb), asked);
  g_assert_true (gtk_widget_get_focusable (name));
  g_assert_cmpint (ar_account_header_get_sort (AR_ACCOUNT_HEADER (header), NULL), ==, -1);

  ar_account_header_set_sort (AR_ACCOUNT_HEADER (header), AR_ACCOUNT_COLUMN_BALANCE, TRUE);
  g_signal_emit_by_name (name, "clicked");
  g_assert_cmpint (asked[0], ==, AR_ACCOUNT_COLUMN_NAME);
  g_assert_false (asked[1]);

  ar_account_header_set_sort (AR_ACCOUNT_HEADER (header), AR_ACCOUNT_COLUMN_NAME, FALSE);
  g_signal_emit_by_name (name, "clicked");
  g_assert_cmpint (asked[0], ==, AR_ACCOUNT_COLUMN_NAME);
  g_assert_true (asked[1]);

  /* Days Overdue has the arrow: Bucket, with the same key, still asks to sort ascending. */
  ar_account_header_set_sort (AR_ACCOUNT_HEADER (header), AR_ACCOUNT_COLUMN_DAYS, TRUE);
  g_signal_emit_by_name (bucket, "clicked");
  g_assert_cmpint (asked[0], ==, AR_ACCOUNT_COLUMN_BUCKET);
  g_assert_false (asked[1]);
  g_assert_cmpint (ar_account_header_get_sort (AR_ACCOUNT_HEADER (header), &descending), ==,
                   AR_ACCOUNT_COLUMN_DAYS);
  g_assert_true (descending);

  g_assert_finalize_object (header);
}

/* The worker → window hand-over of progress: reports from another thread, read on this one;
 * nothing before the first report; the latest pair wins; a zero total gives no fraction. */
static gpointer
report_from_worker (gpointer data)
{
  for (guint64 i = 0; i <= 1000; i++)
    ar_task_progress_update (i, 1000, data);
  ar_task_progress_update (250, 1000, data);
  return NULL;
}

static void
test_task_progress (void)
{
  g_autoptr(ArTaskProgress) progress = ar_task_progress_new ();
  GThread *worker;
  guint64 done = 1, total = 1;

  g_assert_false (ar_task_progress_get (progress, &done, &total));
  g_assert_cmpuint (done, ==, 0);
  g_assert_cmpuint (total, ==, 0);
  g_assert_cmpfloat (ar_task_progress_get_fraction (progress), <, 0);

  worker = g_thread_new ("progress", report_from_worker, ar_task_progress_ref (progress));
  g_thread_join (worker);
  ar_task_progress_unref (progress);   /* the worker's reference */
  g_assert_true (ar_task_progress_get (progress, &done, &total));
  g_assert_cmpuint (done, ==, 250);
  g_assert_cmpuint (total, ==, 1000);
  g_assert_cmpfloat_with_epsilon (ar_task_progress_get_fraction (progress), 0.25, 1e-9);

  ar_task_progress_update (0, 0, progress);
  g_assert_true (ar_task_progress_get (progress, NULL, NULL));
  g_assert_cmpfloat (ar_task_progress_get_fraction (progress), <, 0);
  ar_task_progress_update (7, 5, progress);   /* past the total: full, not more */
  g_assert_cmpfloat (ar_task_progress_get_fraction (progress), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/widgets/resources", test_resources);
  g_test_add_func ("/widgets/builder-files", test_builder_files);
  g_test_add_func ("/widgets/about", test_about);
  g_test_add_func ("/widgets/account-list", test_account_list);
  g_test_add_func ("/widgets/debtor-pane", test_debtor_pane);
  g_test_add_func ("/widgets/aging-view", test_aging_view);
  g_test_add_func ("/widgets/window", test_window);
  g_test_add_func ("/widgets/application", test_application);
  g_test_add_func ("/widgets/account-columns", test_account_columns);
  g_test_add_func ("/widgets/account-header", test_account_header);
  g_test_add_func ("/widgets/task-progress", test_task_progress);
  g_test_add_func ("/widgets/application-run", test_application_run);

  return g_test_run ();
}
