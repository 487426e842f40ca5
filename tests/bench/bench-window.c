/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ar-account-columns.h"
#include "ar-account-list.h"
#include "ar-application.h"
#include "ar-date.h"
#include "ar-demo.h"
#include "ar-ledger.h"
#include "ar-queue-view.h"
#include "ar-window.h"

/* The window benchmark (the "desktop window" targets), under a display (xvfb-run -a
 * dbus-run-session --). The parent makes (or reuses with --dir) a demo book of N debtors, then
 * runs this program twice more:
 *
 *   --phase bare     an AdwApplication presenting an empty AdwApplicationWindow;
 *   --phase arrears  the real ArApplication opening the book (its "open" path).
 *
 * The first frame is the first "after-paint" of the window's frame clock (for Arrears, the
 * first one with the account list filled), on CLOCK_MONOTONIC, against the parent's clock
 * read just before it spawned the child: so it includes exec, loading the libraries and
 * connecting to the display. In the arrears phase, after the first frame: a search typed
 * through the model API the search entry calls (without the entry's 150 ms search-delay), a
 * sort by each column through ar_account_list_sort_by() (what a header click does), each timed until the next
 * frame is painted; then the list is scrolled to the end through its vadjustment (a page at a
 * time, or in --scroll-steps equal jumps when that is fewer), keeping the worst time from a
 * scroll to its frame; and the peak RSS (ru_maxrss). Before the list steps, Today (the page a
 * ledger opens on) rebuilds the work queue: the time until its rows are painted (the queue is
 * built in a worker), and the longest the main loop went without running a 5 ms timer
 * meanwhile (what a person would feel as a freeze); then the accounts view is shown.
 *
 *   bench-window [--debtors N] [--dir DIR] [--scroll-steps S] */

static int n_debtors = 100000;
static int scroll_steps = 2000;
static char *dir_arg;
static char *phase;
static char *ledger_arg;

#define TIMEOUT_US (120 * G_USEC_PER_SEC)

static guint32
today (void)
{
  GDate d;

  ar_date_set_today (&d);
  return ar_date_to_julian (&d);
}

static double
rss_mib (void)
{
  g_autofree char *statm = NULL;
  long pages = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%*s %ld", &pages);
  return pages * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static double
peak_rss_mib (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

/* The process's CPU time (every thread), in ms: on a shared machine the wall clock also
 * counts the other processes. */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Bare ------------------------------------------------------------------------------------ */

static gboolean bare_done;

static void
bare_after_paint (GdkFrameClock *clock, gpointer user_data)
{
  GApplication *app = user_data;

  if (bare_done)
    return;
  bare_done = TRUE;
  g_print ("FIRSTFRAME %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_print ("FIRSTCPU %.1f\n", process_cpu_ms ());
  g_print ("RSS %.1f\n", peak_rss_mib ());
  g_signal_handlers_disconnect_by_func (clock, bare_after_paint, user_data);
  g_application_quit (app);
}

static void
bare_realize (GtkWidget *window, gpointer app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (bare_after_paint), app);
}

static void
bare_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "realize", G_CALLBACK (bare_realize), app);
  gtk_window_present (GTK_WINDOW (window));
}

static int
phase_bare (void)
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.arrears.BenchBare",
                                                       G_APPLICATION_NON_UNIQUE);
  char *argv[] = { (char *) "bench-window", NULL };

  g_signal_connect (app, "activate", G_CALLBACK (bare_activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}

/* Arrears --------------------------------------------------------------------------------- */

static ArWindow *window;
static guint n_paints;
static gint64 last_paint_us;
static gboolean first_frame_done;

static guint
n_accounts (void)
{
  ArAccountModel *model = ar_account_list_get_model (AR_ACCOUNT_LIST (ar_window_get_account_list (window)));

  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

static void
arrears_after_paint (GdkFrameClock *clock, gpointer user_data)
{
  n_paints++;
  last_paint_us = g_get_monotonic_time ();
  if (!first_frame_done && g_strcmp0 (ar_window_get_state (window), "list") == 0
      && n_accounts () > 0)
    {
      first_frame_done = TRUE;
      g_print ("FIRSTFRAME %" G_GINT64_FORMAT "\n", last_paint_us);
      g_print ("FIRSTCPU %.1f\n", process_cpu_ms ());
    }
}

static void
arrears_realize (GtkWidget *widget, gpointer user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (arrears_after_paint), NULL);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
iterate_until (gboolean (*done) (gpointer), gpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_US;
  /* Wakes the loop now and then so that the deadline is seen even when nothing happens. */
  guint tick = g_timeout_add (250, wake_cb, NULL);

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s (state %s, %u rows, %u frames)", what,
                 ar_window_get_state (window), n_accounts (), n_paints);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static gboolean
is_first_frame_done (gpointer data)
{
  return first_frame_done;
}

static gboolean
painted_since (gpointer data)
{
  return n_paints > GPOINTER_TO_UINT (data);
}

/* The CPU time of the last time_to_frame(). */
static double last_cpu_ms;

/* Runs @action and returns the time until the next frame was painted, in ms. */
static double
time_to_frame (void (*action) (gpointer), gpointer data)
{
  guint before;
  gint64 t0;
  double cpu0;

  /* Let anything pending settle first so the frame measured is the action's. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  before = n_paints;
  t0 = g_get_monotonic_time ();
  cpu0 = process_cpu_ms ();
  action (data);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  iterate_until (painted_since, GUINT_TO_POINTER (before), "a frame");
  last_cpu_ms = process_cpu_ms () - cpu0;
  return (last_paint_us - t0) / 1e3;
}

static void
search_action (gpointer text)
{
  ar_account_model_set_search (ar_account_list_get_model (AR_ACCOUNT_LIST (ar_window_get_account_list (window))),
                               text);
}

typedef struct
{
  ArAccountList *list;
  ArAccountSort  sort;
  gboolean       descending;
} SortStep;

static void
sort_action (gpointer data)
{
  SortStep *step = data;

  ar_account_list_sort_by (step->list, step->sort, step->descending);
}

typedef struct
{
  GtkAdjustment *adj;
  double         value;
} ScrollStep;

static void
scroll_action (gpointer data)
{
  ScrollStep *step = data;

  gtk_adjustment_set_value (step->adj, step->value);
}

/* @cpu: the CPU time of the step in ms, or < 0 when it has none. */
static void
result (const char *step, double measured, double target, const char *unit, double cpu)
{
  /* Where the memory goes: the resident set after each step, and the peak so far. */
  g_print ("# %s: RSS %.0f MiB, peak %.0f MiB\n", step, rss_mib (), peak_rss_mib ());
  g_print ("R\t%s\t%.1f\t%.0f\t%s\t%.1f\n", step, measured, target, unit, cpu);
}

static gint64 last_tick_us, worst_gap_us;

static gboolean
gap_tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  worst_gap_us = MAX (worst_gap_us, now - last_tick_us);
  last_tick_us = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
queue_loaded (gpointer data)
{
  return !ar_queue_view_get_loading (AR_QUEUE_VIEW (ar_window_get_queue_view (window)));
}

static gboolean
queue_complete (gpointer data)
{
  return ar_queue_view_get_complete (AR_QUEUE_VIEW (ar_window_get_queue_view (window)));
}

/* Today: the queue rebuilt in its worker, and the main loop's longest stall meanwhile. */
static void
today_steps (void)
{
  ArQueueView *queue = AR_QUEUE_VIEW (ar_window_get_queue_view (window));
  guint tick, before;
  gint64 t0;
  double cpu0;

  iterate_until (queue_complete, NULL, "Today's first load");
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_print ("# Today: %u items\n", ar_queue_view_get_n_items (queue));
  before = n_paints;
  t0 = last_tick_us = g_get_monotonic_time ();
  cpu0 = process_cpu_ms ();
  worst_gap_us = 0;
  tick = g_timeout_add (5, gap_tick_cb, NULL);
  ar_queue_view_reload (queue);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  iterate_until (queue_loaded, NULL, "Today's queue");
  gtk_widget_queue_draw (GTK_WIDGET (window));
  iterate_until (painted_since, GUINT_TO_POINTER (before), "a frame");
  result ("Today: queue rebuilt", (last_paint_us - t0) / 1e3, 300, "ms",
          process_cpu_ms () - cpu0);
  /* The second pass: the dunning preview adds the debtors due their next letter. */
  iterate_until (queue_complete, NULL, "Today's letters due");
  before = n_paints;
  gtk_widget_queue_draw (GTK_WIDGET (window));
  iterate_until (painted_since, GUINT_TO_POINTER (before), "a frame");
  g_source_remove (tick);
  g_print ("# Today with the letters due: %u items\n", ar_queue_view_get_n_items (queue));
  result ("Today: with letters due", (last_paint_us - t0) / 1e3, 2000, "ms",
          process_cpu_ms () - cpu0);
  result ("Today: longest loop stall", worst_gap_us / 1e3, 50, "ms", -1);

  before = n_paints;
  ar_window_show_view (window, "accounts");
  gtk_widget_queue_draw (GTK_WIDGET (window));
  iterate_until (painted_since, GUINT_TO_POINTER (before), "the accounts view");
}

static gboolean
run_steps (gpointer user_data)
{
  GApplication *app = user_data;
  const char *searches[] = { "m", "mu", "mul", "mull" };
  ArAccountList *list;
  GtkScrolledWindow *scrolled;
  GtkAdjustment *adj;
  double worst = 0, worst_cpu = 0, upper, page, stride;
  guint n_steps = 0;

  iterate_until (is_first_frame_done, NULL, "the first frame with the list filled");
  g_print ("# %u rows in the list; RSS %.0f MiB, peak %.0f MiB\n", n_accounts (), rss_mib (),
           peak_rss_mib ());
  today_steps ();

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autofree char *name = g_strdup_printf ("search \"%s\"", searches[i]);
      double ms = time_to_frame (search_action, (gpointer) searches[i]);

      g_print ("# %s: %u rows\n", searches[i], n_accounts ());
      result (name, ms, 100, "ms", last_cpu_ms);
    }
  time_to_frame (search_action, NULL);

  list = AR_ACCOUNT_LIST (ar_window_get_account_list (window));
  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    for (int desc = 0; desc < 2; desc++)
      {
        SortStep step = { list, ar_account_column_sort (c), desc };
        g_autofree char *name = g_strdup_printf ("sort %s %s", ar_account_column_title (c),
                                                 desc ? "desc" : "asc");
        double ms = time_to_frame (sort_action, &step);

        result (name, ms, 300, "ms", last_cpu_ms);
      }
  {
    SortStep step = { list, AR_ACCOUNT_SORT_NAME, FALSE };

    time_to_frame (sort_action, &step);
  }

  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (ar_account_list_get_list_view (list),
                                                           GTK_TYPE_SCROLLED_WINDOW));
  adj = gtk_scrolled_window_get_vadjustment (scrolled);
  upper = gtk_adjustment_get_upper (adj);
  page = gtk_adjustment_get_page_size (adj);
  stride = MAX (page, (upper - page) / scroll_steps);
  g_print ("# scroll: upper %.0f px, page %.0f px, stride %.0f px\n", upper, page, stride);
  for (double value = stride; ; value += stride)
    {
      ScrollStep step = { adj, MIN (value, gtk_adjustment_get_upper (adj) - page) };
      double ms = time_to_frame (scroll_action, &step);

      if (ms > worst)
        {
          worst = ms;
          worst_cpu = last_cpu_ms;
        }
      /* A frame that took a lot of CPU (not just waited for another process): where. */
      if (last_cpu_ms > 33)
        g_print ("# slow scroll frame at %.0f px (row %.0f): %.1f ms, CPU %.1f ms\n", step.value,
                 step.value / MAX (upper / MAX (n_accounts (), 1), 1), ms, last_cpu_ms);
      n_steps++;
      if (value >= gtk_adjustment_get_upper (adj) - page)
        break;
    }
  g_print ("# scrolled in %u steps to %.0f\n", n_steps, gtk_adjustment_get_value (adj));
  result ("scroll, worst frame", worst, 100, "ms", worst_cpu);
  result ("peak RSS", peak_rss_mib (), 250, "MiB", -1);

  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
window_added (GtkApplication *app, GtkWindow *win, gpointer user_data)
{
  if (window != NULL || !AR_IS_WINDOW (win))
    return;
  window = AR_WINDOW (win);
  gtk_window_set_default_size (win, 1280, 800);
  if (gtk_widget_get_realized (GTK_WIDGET (win)))
    arrears_realize (GTK_WIDGET (win), NULL);
  else
    g_signal_connect (win, "realize", G_CALLBACK (arrears_realize), NULL);
  g_idle_add (run_steps, app);
}

static int
phase_arrears (const char *path)
{
  g_autoptr(ArApplication) app = ar_application_new ();
  char *argv[] = { (char *) "bench-window", (char *) path, NULL };

  /* A private instance: never hand the file to an Arrears already running. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added), NULL);
  return g_application_run (G_APPLICATION (app), 2, argv);
}

/* Parent ---------------------------------------------------------------------------------- */

static char *
prepare (const char *dir)
{
  g_autofree char *name = g_strdup_printf ("window-%d.arrears", n_debtors);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autofree char *wal = g_strconcat (partial, "-wal", NULL);
  g_autofree char *shm = g_strconcat (partial, "-shm", NULL);
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_print ("# reusing %s\n", path);
      return path;
    }
  g_unlink (partial);
  ledger = ar_ledger_create (partial, &error);
  if (ledger == NULL)
    g_error ("%s", error->message);
  t0 = g_get_monotonic_time ();
  if (!ar_demo_generate (ledger, n_debtors, 1, today (), NULL, &error))
    g_error ("%s", error->message);
  g_clear_object (&ledger);
  g_unlink (wal);
  g_unlink (shm);
  if (g_rename (partial, path) != 0)
    g_error ("could not rename %s", partial);
  g_print ("# demo book of %d debtors made in %.1f s\n", n_debtors,
           (g_get_monotonic_time () - t0) / 1e6);
  return path;
}

typedef struct
{
  double first_frame_ms;
  double first_frame_cpu_ms;
  double rss_mib;
  GPtrArray *rows;   /* "R\t..." lines */
} PhaseResult;

static void
run_phase (const char *self, const char *name, const char *path, PhaseResult *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out_text = NULL;
  g_autofree char *steps = g_strdup_printf ("%d", scroll_steps);
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { self, "--phase", name, "--ledger", path ? path : "",
                         "--scroll-steps", steps, NULL };
  int status = 0;
  gint64 t0;

  out->rows = g_ptr_array_new_with_free_func (g_free);
  t0 = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out_text, NULL,
                     &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("%s phase: %s", name, error->message);
  lines = g_strsplit (out_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gint64 t;

      if (sscanf (lines[i], "FIRSTFRAME %" G_GINT64_FORMAT, &t) == 1)
        out->first_frame_ms = (t - t0) / 1e3;
      else if (g_str_has_prefix (lines[i], "FIRSTCPU "))
        out->first_frame_cpu_ms = g_ascii_strtod (lines[i] + 9, NULL);
      else if (g_str_has_prefix (lines[i], "RSS "))
        out->rss_mib = g_ascii_strtod (lines[i] + 4, NULL);
      else if (g_str_has_prefix (lines[i], "R\t"))
        g_ptr_array_add (out->rows, g_strdup (lines[i] + 2));
      else if (lines[i][0] != '\0')
        g_print ("%s\n", lines[i]);
    }
}

static void
row (const char *step, double measured, const char *unit, double target, double bare, double cpu)
{
  g_autofree char *cpu_text = cpu >= 0 ? g_strdup_printf ("%9.1f", cpu) : g_strdup ("");
  g_autofree char *ratio = bare > 0 ? g_strdup_printf ("%6.2f×", measured / bare)
                                    : g_strdup ("      ");
  g_autofree char *limit = target > 0 ? g_strdup_printf ("≤ %.0f %s", target, unit)
                                      : g_strdup ("");

  g_print ("%-28s %9.1f %-3s %9s %12s %8s  %s\n", step, measured, unit, cpu_text, limit, ratio,
           target <= 0 ? "" : measured <= target ? "ok" : "OVER");
}

static int
phase_parent (const char *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  PhaseResult bare = { 0 }, arrears = { 0 };

  if (dir_arg != NULL)
    {
      dir = g_strdup (dir_arg);
      g_mkdir_with_parents (dir, 0755);
    }
  else if ((dir = g_dir_make_tmp ("arrears-bench-window-XXXXXX", &error)) == NULL)
    g_error ("%s", error->message);
  path = prepare (dir);

  run_phase (self, "bare", NULL, &bare);
  run_phase (self, "arrears", path, &arrears);

  g_print ("\n%-28s %13s %9s %12s %8s\n", "step", "measured", "cpu ms", "target", "÷ bare");
  row ("bare window, first frame", bare.first_frame_ms, "ms", 0, bare.first_frame_ms,
       bare.first_frame_cpu_ms);
  row ("Arrears, first frame", arrears.first_frame_ms, "ms", 1000, bare.first_frame_ms,
       arrears.first_frame_cpu_ms);
  for (guint i = 0; i < arrears.rows->len; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_ptr_array_index (arrears.rows, i), "\t", -1);

      if (g_strv_length (f) < 5)
        continue;
      row (f[0], g_ascii_strtod (f[1], NULL), f[3], g_ascii_strtod (f[2], NULL),
           strcmp (f[3], "ms") == 0 ? bare.first_frame_ms : bare.rss_mib,
           g_ascii_strtod (f[4], NULL));
    }
  g_print ("(%d debtors; the ratio is to the bare window's first frame, or its peak RSS of "
           "%.1f MiB; cpu ms: the process's CPU time over the step, every thread)\n",
           n_debtors, bare.rss_mib);

  g_ptr_array_unref (bare.rows);
  g_ptr_array_unref (arrears.rows);
  if (dir_arg == NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("— the window benchmark");
  GOptionEntry entries[] = {
    { "debtors", 0, 0, G_OPTION_ARG_INT, &n_debtors, "Debtors in the demo book", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir_arg, "Keep the book in DIR", "DIR" },
    { "scroll-steps", 0, 0, G_OPTION_ARG_INT, &scroll_steps, "Most scroll steps", "S" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { "ledger", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &ledger_arg, NULL, NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_debtors < 1 || scroll_steps < 1)
    {
      g_printerr ("--debtors and --scroll-steps must be positive\n");
      return 2;
    }

  if (g_strcmp0 (phase, "bare") == 0)
    return phase_bare ();
  if (g_strcmp0 (phase, "arrears") == 0)
    return phase_arrears (ledger_arg);
  {
    g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

    return phase_parent (self != NULL ? self : argv[0]);
  }
}
