/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <gio/gio.h>

#include "ar-date.h"
#include "ar-hold.h"
#include "ar-ledger-private.h"
#include "ar-plan.h"
#include "ar-promise.h"
#include "ar-queue.h"
#include "bench-book.h"

/* The work queue benchmark (issue 6, §6: ≤ 300 ms at 100,000 debtors): on a copy of the
 * benchmarks' shared book (bench-book.h: the demo book with a contact log of about 1.5 calls
 * per debtor, a third setting a next action) with arrangements added for different debtors —
 * a promise for every 50th, a 3-instalment plan for every 100th, a snooze ending in the last
 * week for every 200th — build today's queue in a freshly opened ledger (cold) and again (warm, median of 7),
 * count it as the sidebar does, and — as the baseline measured in the same run — read every
 * debtor's latest activity by a full pass over the contact log, the least a queue without the
 * next-action index would have to do.
 *
 *   bench-queue [--debtors N] [--dir DIR]   DIR keeps the book (bench-account-model's too) */

#define REPEAT 7

static int n_debtors = 100000;
static char *dir_arg;

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
wall_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

static guint32
today (void)
{
  GDate d;

  ar_date_set_today (&d);
  return ar_date_to_julian (&d);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what, double wall, double cpu, double target_ms)
{
  if (target_ms > 0)
    g_print ("%-44s %8.1f %8.1f ms   <= %4.0f ms  %s\n", what, wall, cpu, target_ms,
             cpu <= target_ms ? "ok" : "SLOW");
  else
    g_print ("%-44s %8.1f %8.1f ms\n", what, wall, cpu);
}

typedef enum { BUILD, COUNT, BASELINE } Step;

/* Runs @step once; returns the number of items (or rows) it saw. */
static guint
run_step (ArLedger *ledger, Step step, guint32 as_of)
{
  g_autoptr(GError) error = NULL;

  switch (step)
    {
    case BUILD:
      {
        g_autoptr(ArQueue) queue = ar_queue_build (ledger, as_of, &error);

        if (queue == NULL)
          g_error ("%s", error->message);
        return ar_queue_get_n_items (queue);
      }
    case COUNT:
      {
        guint count = 0;

        if (!ar_queue_count (ledger, as_of, &count, &error))
          g_error ("%s", error->message);
        return count;
      }
    case BASELINE:
      {
        /* Every debtor's latest activity and its next action date, by one pass over the
         * contact log (SQLite's bare-column max: one row per debtor). */
        sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
          "SELECT debtor_id, MAX (occurred_at), next_action_date FROM activities"
          " GROUP BY debtor_id", &error);
        guint rows = 0;

        if (stmt == NULL)
          g_error ("%s", error->message);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          rows++;
        sqlite3_reset (stmt);
        return rows;
      }
    }
  g_assert_not_reached ();
}

static double
measure (ArLedger *ledger, Step step, const char *what, guint32 as_of, double target_ms,
         guint *out_n)
{
  double wall[REPEAT], cpu[REPEAT];
  g_autofree char *label = g_strdup_printf ("%s, median of %d", what, REPEAT);

  for (guint r = 0; r < REPEAT; r++)
    {
      double w = wall_ms (), c = cpu_ms ();

      *out_n = run_step (ledger, step, as_of);
      wall[r] = wall_ms () - w;
      cpu[r] = cpu_ms () - c;
    }
  qsort (wall, REPEAT, sizeof (double), compare_doubles);
  qsort (cpu, REPEAT, sizeof (double), compare_doubles);
  report (label, wall[REPEAT / 2], cpu[REPEAT / 2], target_ms);
  return cpu[REPEAT / 2];
}

/* Promises, plans and holds on a copy of the shared book (which bench-account-model reads as
 * it is). */
static void
add_arrangements (const char *book, const char *path, guint32 today_jd)
{
  g_autoptr(GFile) from = g_file_new_for_path (book);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  guint n_promises = 0, n_plans = 0, n_holds = 0;
  gint64 t0 = g_get_monotonic_time ();

  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  ledger = ar_ledger_open (path, &error);
  if (ledger == NULL)
    g_error ("%s", error->message);
  if (!ar_ledger_begin (ledger, "bench", &error))
    g_error ("%s", error->message);
  for (gint64 id = 1; id <= n_debtors; id++)
    {
      if (id % 50 == 0)
        {
          /* Due from 20 days ago to today: broken, in grace, due today. */
          guint32 date = today_jd - (guint32) (id / 50 % 21);
          ArPromiseInfo info = { .debtor_id = id, .amount = 1000, .date = date,
                                 .channel = AR_ACTIVITY_CALL, .made_on = date - 5 };

          if (ar_ledger_add_promise (ledger, &info, &error) != 0)
            n_promises++;
          g_clear_error (&error);
        }
      if (id % 100 == 25)
        {
          /* Made 90 days ago, first instalment 60 days ago: mostly missed by now. */
          g_autoptr(ArPlanDraft) draft = ar_plan_draft_new (ledger, id, NULL, today_jd - 90,
                                                            &error);

          if (draft != NULL)
            {
              ar_plan_draft_set_n_instalments (draft, 3);
              ar_plan_draft_set_first_due (draft, today_jd - 60);
              if (ar_ledger_save_plan (ledger, draft, &error) != 0)
                n_plans++;
            }
          g_clear_error (&error);
        }
      if (id % 200 == 75)
        {
          ArHoldInfo info = { .debtor_id = id, .kind = AR_HOLD_SNOOZE, .reason = "Holiday",
                              .start = today_jd - 30,
                              .until = today_jd - (guint32) (id / 200 % 8) };

          if (ar_hold_place (ledger, &info, NULL, &error))
            n_holds++;
          g_clear_error (&error);
        }
    }
  if (!ar_ledger_commit (ledger, &error))
    g_error ("%s", error->message);
  g_print ("# added %u promises, %u plans, %u holds in %.1f s\n", n_promises, n_plans, n_holds,
           (g_get_monotonic_time () - t0) / 1e6);
}

int
main (int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "debtors", 0, 0, G_OPTION_ARG_INT, &n_debtors, "Debtors in the demo book", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir_arg,
      "Keeps the demo book here for the next run (default: a temporary folder)", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark the work queue");
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = NULL;
  g_autofree char *dir = NULL, *path = NULL, *name = NULL, *queue_name = NULL;
  g_autofree char *queue_path = NULL;
  guint32 as_of = today ();
  guint n_build = 0, n_count = 0, n_baseline = 0;
  guint kinds[AR_N_QUEUE_KINDS] = { 0 };
  double w, c, build_cpu, baseline_cpu;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_debtors < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--debtors: at least 1");
      return 2;
    }

  dir = dir_arg ? g_strdup (dir_arg) : g_dir_make_tmp ("arrears-bench-XXXXXX", NULL);
  g_mkdir_with_parents (dir, 0700);
  /* The same name as bench-account-model's book: one --dir serves both. */
  name = g_strdup_printf ("accounts-%d.arrears", n_debtors);
  path = g_build_filename (dir, name, NULL);
  g_print ("# Arrears work queue benchmark: %d debtors, book %s\n", n_debtors, path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    bench_make_book (path, n_debtors, as_of);
  queue_name = g_strdup_printf ("queue-%d.arrears", n_debtors);
  queue_path = g_build_filename (dir, queue_name, NULL);
  if (!g_file_test (queue_path, G_FILE_TEST_EXISTS))
    add_arrangements (path, queue_path, as_of);

  ledger = ar_ledger_open (queue_path, &error);
  if (ledger == NULL)
    g_error ("%s", error->message);
  g_print ("%-44s %8s %8s      %s\n", "step", "wall", "cpu", "target (on cpu)");

  w = wall_ms (), c = cpu_ms ();
  {
    g_autoptr(ArQueue) queue = ar_queue_build (ledger, as_of, &error);

    if (queue == NULL)
      g_error ("%s", error->message);
    report ("queue, first build after opening", wall_ms () - w, cpu_ms () - c, 300);
    for (guint i = 0; i < ar_queue_get_n_items (queue); i++)
      kinds[ar_queue_get_item (queue, i)->kind]++;
  }
  build_cpu = measure (ledger, BUILD, "queue", as_of, 300, &n_build);
  measure (ledger, COUNT, "queue count (sidebar)", as_of, 300, &n_count);
  baseline_cpu = measure (ledger, BASELINE, "baseline: latest activity of every debtor",
                          as_of, 0, &n_baseline);

  g_print ("# %u items (", n_build);
  for (guint k = 0; k < AR_N_QUEUE_KINDS; k++)
    g_print ("%s%u %s", k ? ", " : "", kinds[k], ar_queue_kind_to_string (k));
  g_print ("); the count says %u; %u debtors have a contact log\n", n_count, n_baseline);
  g_print ("# queue / baseline (cpu, medians): %.2f\n",
           baseline_cpu > 0 ? build_cpu / baseline_cpu : 0);

  g_clear_object (&ledger);
  if (dir_arg == NULL)
    {
      const char *books[] = { path, queue_path };

      for (guint i = 0; i < G_N_ELEMENTS (books); i++)
        {
          g_autofree char *wal = g_strconcat (books[i], "-wal", NULL);
          g_autofree char *shm = g_strconcat (books[i], "-shm", NULL);

          g_unlink (books[i]);
          g_unlink (wal);
          g_unlink (shm);
        }
      g_rmdir (dir);
    }
  return n_build == n_count ? 0 : 1;
}
