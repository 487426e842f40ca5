/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ar-account-model.h"
#include "ar-date.h"
#include "ar-ledger-private.h"
#include "bench-book.h"

/* The account list benchmark: a demo book of N debtors (with a contact log: about 1.5
 * activities per debtor, a third of them setting a next action) is made once in a child
 * process, so that the figures below don't include the generator's memory; then, in another
 * process, the window's model is created, read at the start, middle and end, searched as if
 * typed, sorted by every column both ways and scrolled through from the first row to the last.
 * Targets (the issue): a search keystroke ≤ 100 ms and a sort ≤ 300 ms at 100,000 debtors;
 * at 1,000,000 scrolling never stalls and the process stays under 250 MB.
 *
 *   bench-account-model [--debtors N] [--dir DIR]   DIR keeps the book for the next run */

static int n_debtors = 100000;
static char *dir_arg;
static char *phase;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

/* This thread's CPU time: on a shared machine the wall clock also counts other processes. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

typedef struct
{
  double wall;
  double cpu;
} Stopwatch;

static Stopwatch
start (void)
{
  return (Stopwatch) { now_ms (), cpu_ms () };
}

static double
peak_rss_mib (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
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

static guint32
today (void)
{
  GDate d;

  ar_date_set_today (&d);
  return ar_date_to_julian (&d);
}

static char *
book_path (const char *dir)
{
  g_autofree char *name = g_strdup_printf ("accounts-%d.arrears", n_debtors);

  return g_build_filename (dir, name, NULL);
}

/* Prepare ---------------------------------------------------------------------------------- */

static int
phase_prepare (const char *dir)
{
  g_autofree char *path = book_path (dir);

  bench_make_book (path, n_debtors, today ());
  return 0;
}

/* Measure ---------------------------------------------------------------------------------- */

/* Prints the time since @since, wall clock and CPU; the target is judged on the CPU time
 * (what the step costs), the wall clock shows what else the machine was doing. Returns the
 * CPU time. */
static double
report (const char *what, Stopwatch since, double target_ms)
{
  double wall = now_ms () - since.wall;
  double cpu = cpu_ms () - since.cpu;

  if (target_ms > 0)
    g_print ("%-40s %8.1f %8.1f ms   <= %4.0f ms  %s\n", what, wall, cpu, target_ms,
             cpu <= target_ms ? "ok" : "OVER");
  else
    g_print ("%-40s %8.1f %8.1f ms\n", what, wall, cpu);
  return cpu;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

#define REPEAT 5

/* Like report(), for the median of REPEAT runs. */
static double
report_median (const char *what, double *wall, double *cpu, double target_ms)
{
  g_autofree char *label = g_strdup_printf ("%s, median", what);

  qsort (wall, REPEAT, sizeof *wall, compare_doubles);
  qsort (cpu, REPEAT, sizeof *cpu, compare_doubles);
  if (target_ms > 0)
    g_print ("%-40s %8.1f %8.1f ms   <= %4.0f ms  %s\n", label, wall[REPEAT / 2],
             cpu[REPEAT / 2], target_ms, cpu[REPEAT / 2] <= target_ms ? "ok" : "OVER");
  else
    g_print ("%-40s %8.1f %8.1f ms\n", label, wall[REPEAT / 2], cpu[REPEAT / 2]);
  return cpu[REPEAT / 2];
}

static void
report_get_item (ArAccountModel *model, const char *what, guint position)
{
  Stopwatch t0 = start ();
  g_autoptr(ArAccount) item = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert (item != NULL);
  report (what, t0, 0);
}

static const char * const sort_names[AR_N_ACCOUNT_SORTS] = {
  "name", "balance", "days overdue", "status", "last contact", "next action", "external id",
};

/* The design alternative the model doesn't use: a page read with LIMIT/OFFSET, for the
 * record (ordered by name, through its index: the best case for OFFSET). */
static double
time_offset_page (ArLedger *ledger, guint offset)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT d.id, d.name, b.currency, b.balance FROM debtors d INDEXED BY debtors_by_name"
    " LEFT JOIN balances b ON b.debtor_id = d.id ORDER BY d.name COLLATE NOCASE, d.id"
    " LIMIT 256 OFFSET ?1", NULL);
  double t0 = now_ms ();
  guint rows = 0;

  sqlite3_bind_int64 (stmt, 1, offset);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    rows++;
  sqlite3_reset (stmt);
  return rows > 0 ? now_ms () - t0 : -1;
}

/* Types @keys one after the other, each a keystroke, then clears the search: once, reported
 * (the first search reads the searched tables from the file), then REPEAT times more, reported
 * as medians. Returns the worst median CPU time of a keystroke. */
static double
type_search (ArAccountModel *model, const char * const *keys, guint n_keys, double target)
{
  double wall[8][REPEAT], cpu[8][REPEAT];
  double worst = 0;

  g_assert (n_keys <= 8);
  for (int r = -1; r < REPEAT; r++)
    {
      for (guint i = 0; i < n_keys; i++)
        {
          Stopwatch t0 = start ();

          ar_account_model_set_search (model, keys[i]);
          if (r < 0)
            {
              guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
              g_autofree char *what = g_strdup_printf ("search \"%s\", first time (%u rows)",
                                                       keys[i], n);
              report (what, t0, target);
            }
          else
            {
              wall[i][r] = now_ms () - t0.wall;
              cpu[i][r] = cpu_ms () - t0.cpu;
            }
        }
      ar_account_model_set_search (model, NULL);
    }
  for (guint i = 0; i < n_keys; i++)
    {
      g_autofree char *what = g_strdup_printf ("search \"%s\"", keys[i]);
      double median = report_median (what, wall[i], cpu[i], target);

      worst = MAX (worst, median);
    }
  return worst;
}

static int
phase_measure (const char *dir)
{
  g_autofree char *path = book_path (dir);
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(ArAccountModel) model = NULL;
  g_autoptr(GError) error = NULL;
  const char * const typed[] = { "m", "mu", "mul", "mull" };
  const char * const typed2[] = { "a", "an", "and", "ande", "ander" };
  const double search_target = n_debtors <= 100000 ? 100 : 0;
  const double sort_target = n_debtors <= 100000 ? 300 : 0;
  double worst_search = 0, worst_sort = 0, max_item = 0, max_item_cpu = 0, cpu;
  guint n, page_loads = 0;
  Stopwatch t0;

  g_print ("# %d debtors; RSS at start %.0f MiB\n", n_debtors, rss_mib ());
  g_print ("%-40s %8s %8s      %s\n", "step", "wall", "cpu", "target (on cpu)");
  ledger = ar_ledger_open (path, &error);
  if (ledger == NULL)
    g_error ("%s", error->message);

  t0 = start ();
  model = ar_account_model_new (ledger, 0, &error);
  if (model == NULL)
    g_error ("%s", error->message);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  report ("model creation + n_items (cold file)", t0, 0);
  g_print ("# %u rows\n", n);

  report_get_item (model, "get_item (0), cold page", 0);
  report_get_item (model, "get_item (n/2), cold page", n / 2);
  report_get_item (model, "get_item (n-1), cold page", n - 1);
  report_get_item (model, "get_item (0), warm", 0);
  report_get_item (model, "get_item (n/2), warm", n / 2);
  report_get_item (model, "get_item (n-1), warm", n - 1);

  t0 = start ();
  if (!ar_account_model_get_summary (model, NULL, NULL, &error))
    g_error ("%s", error->message);
  report ("footer summary (all rows)", t0, 0);

  /* Search as typed. */
  worst_search = type_search (model, typed, G_N_ELEMENTS (typed), search_target);
  cpu = type_search (model, typed2, G_N_ELEMENTS (typed2), search_target);
  worst_search = MAX (worst_search, cpu);
  ar_account_model_set_search (model, "mull");
  t0 = start ();
  ar_account_model_set_search (model, "mul");
  report ("search backspace from \"mull\" to \"mul\"", t0, search_target);
  t0 = start ();
  ar_account_model_set_search (model, NULL);
  report ("search cleared", t0, search_target);
  t0 = start ();
  if (!ar_account_model_get_summary (model, NULL, NULL, &error))
    g_error ("%s", error->message);
  report ("footer summary (all rows, again)", t0, 0);

  /* Every column, both ways, REPEAT rounds (name ascending last: the scroll below reads that
   * order). */
  {
    double wall[AR_N_ACCOUNT_SORTS][2][REPEAT], sort_cpu[AR_N_ACCOUNT_SORTS][2][REPEAT];

    for (int r = 0; r < REPEAT; r++)
      for (int descending = 1; descending >= 0; descending--)
        for (int sort = AR_N_ACCOUNT_SORTS - 1; sort >= 0; sort--)
          {
            t0 = start ();
            ar_account_model_set_sort (model, sort, descending);
            wall[sort][descending][r] = now_ms () - t0.wall;
            sort_cpu[sort][descending][r] = cpu_ms () - t0.cpu;
          }
    for (int sort = 0; sort < AR_N_ACCOUNT_SORTS; sort++)
      for (int descending = 0; descending < 2; descending++)
        {
          g_autofree char *what = g_strdup_printf ("sort by %s%s", sort_names[sort],
                                                   descending ? ", descending" : "");

          cpu = report_median (what, wall[sort][descending], sort_cpu[sort][descending],
                               sort_target);
          worst_sort = MAX (worst_sort, cpu);
        }
  }
  t0 = start ();
  ar_account_model_set_overdue_only (model, TRUE);
  report ("filter: overdue only", t0, sort_target);
  t0 = start ();
  ar_account_model_set_currency (model, "EUR");
  report ("filter: + currency EUR", t0, sort_target);
  t0 = start ();
  ar_account_model_set_search (model, "ande");
  report ("filter: + search \"ande\"", t0, search_target);
  t0 = start ();
  if (!ar_account_model_get_summary (model, NULL, NULL, &error))
    g_error ("%s", error->message);
  report ("footer summary (filtered)", t0, 0);
  {
    ArAccountFilter none;

    ar_account_filter_init (&none);
    ar_account_model_set_search (model, NULL);
    t0 = start ();
    ar_account_model_set_filter (model, &none);
    report ("filters cleared", t0, sort_target);
  }

  /* After a payment: one debtor read again. */
  {
    g_autoptr(ArAccount) item = g_list_model_get_item (G_LIST_MODEL (model), n / 3);
    ArPosting payment = { .debtor_id = ar_account_get_debtor_id (item),
                          .kind = AR_ENTRY_PAYMENT, .date = today (), .amount = 100,
                          .currency = ar_account_get_currency (item) };

    if (payment.currency[0] != '\0' && !ar_ledger_post (ledger, &payment, NULL, &error))
      g_error ("%s", error->message);
    t0 = start ();
    if (!ar_account_model_refresh (model, payment.debtor_id, &error))
      g_error ("%s", error->message);
    report ("refresh one debtor after a payment", t0, 0);
  }

  /* Scroll from the first row to the last, as a list view asks for them. */
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  t0 = start ();
  for (guint i = 0; i < n; i++)
    {
      Stopwatch t1 = start ();
      ArAccount *item = g_list_model_get_item (G_LIST_MODEL (model), i);
      double wall = now_ms () - t1.wall, item_cpu = cpu_ms () - t1.cpu;

      max_item = MAX (max_item, wall);
      max_item_cpu = MAX (max_item_cpu, item_cpu);
      page_loads += i % 64 == 0;   /* the model's page size */
      g_object_unref (item);
    }
  {
    g_autofree char *what = g_strdup_printf ("scroll through all %u rows", n);

    cpu = report (what, t0, 0);
    g_print ("%-40s %8.2f %8.2f ms   (one page of 64 rows; a frame is 16 ms)\n",
             "  slowest get_item (a page load)", max_item, max_item_cpu);
    g_print ("%-40s %17.2f ms\n", "  average per page", cpu / MAX (page_loads, 1));
  }
  g_print ("# worst search keystroke %.1f ms, worst sort %.1f ms (cpu, medians)\n", worst_search,
           worst_sort);
  g_print ("# RSS now %.0f MiB, peak %.0f MiB%s\n", rss_mib (), peak_rss_mib (),
           n_debtors >= 1000000 ? (peak_rss_mib () * 1.048576 < 250 ? "  (target < 250 MB: ok)"
                                                                    : "  (target < 250 MB: OVER)")
                                : "");
  /* Last: it reads through the ledger's own connection and cache. */
  g_print ("# for comparison, one page by LIMIT/OFFSET: at the start %.1f ms, at the end %.1f ms\n",
           time_offset_page (ledger, 0), time_offset_page (ledger, n - 256));
  return 0;
}

static void
run_phase (const char *self, const char *name, const char *dir)
{
  g_autofree char *n = g_strdup_printf ("%d", n_debtors);
  const char *argv[] = { self, "--phase", name, "--dir", dir, "--debtors", n, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                     NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("phase %s: %s", name, error->message);
}

int
main (int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "debtors", 0, 0, G_OPTION_ARG_INT, &n_debtors, "Debtors in the demo book", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir_arg,
      "Keeps the demo book here for the next run (default: a temporary folder)", "DIR" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark the account list");
  g_autoptr(GError) error = NULL;
  g_autofree char *self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_debtors < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--debtors: at least 1");
      return 2;
    }
  if (phase != NULL)
    {
      if (g_str_equal (phase, "prepare"))
        return phase_prepare (dir_arg);
      if (g_str_equal (phase, "measure"))
        return phase_measure (dir_arg);
      return 2;
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  dir = dir_arg ? g_strdup (dir_arg) : g_dir_make_tmp ("arrears-bench-XXXXXX", NULL);
  g_mkdir_with_parents (dir, 0700);
  path = book_path (dir);
  g_print ("# Arrears account list benchmark: %d debtors, book %s\n", n_debtors, path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    run_phase (self, "prepare", dir);
  run_phase (self, "measure", dir);
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
