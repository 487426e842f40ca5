/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ar-aging.h"
#include "ar-arrangements.h"
#include "ar-date.h"
#include "ar-demo.h"
#include "ar-ledger-private.h"
#include "ar-plan.h"
#include "ar-promise.h"

/* The plans benchmark: a demo book of N debtors in which every 20th debtor with something open
 * has a payment plan and every 20th (another) a repeating promise; then the work queue's
 * lookups (plans due on a day, plans in arrears, promises due, promises broken), the dunning
 * seam and one debtor's plans are timed, next to aging as of today on the same book in the same
 * run (the report people already wait for), which gives the ratios.
 *
 *   bench-plans [--debtors N] [--dir DIR] */

static int n_debtors = 100000;
static char *dir_arg;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static guint32
today (void)
{
  GDate d;

  ar_date_set_today (&d);
  return ar_date_to_julian (&d);
}

static gboolean
count_plan (const ArPlan *plan, gpointer user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static gboolean
count_promise (const ArPromise *promise, gpointer user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static gboolean
count_pause (gint64 debtor, ArDunningPause pause, guint32 until, gpointer user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

/* The debtors with something open in USD, every @step-th from @offset. */
static GArray *
some_debtors (ArLedger *ledger, guint step, guint offset)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT debtor_id FROM balances WHERE currency = 'USD' AND open > 0 ORDER BY debtor_id",
    NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint i = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (i++ % step == offset)
        g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}

typedef struct
{
  double aging, due, missed, pause, promises_due, broken, one;
  guint  n_due, n_missed, n_pauses, n_promises_due, n_broken, n_one;
} Timings;

/* Times each lookup once into @t. */
static void
lookups (ArLedger *ledger, guint32 day, GArray *planned, Timings *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) one = NULL;
  ArAgingConfig config;
  ArAgingReport *report;
  double t0;

  memset (t, 0, sizeof *t);
  ar_aging_config_init_default (&config);
  t0 = now ();
  if ((report = ar_aging_report_compute (ledger, day, &config, &error)) == NULL)
    g_error ("%s", error->message);
  ar_aging_report_free (report);
  t->aging = now () - t0;

  t0 = now ();
  for (guint d = 0; d < 28; d++)
    if (!ar_ledger_foreach_plan_due (ledger, day - 45 + d + 31, count_plan, &t->n_due, &error))
      g_error ("%s", error->message);
  t->due = (now () - t0) / 28;
  t->n_due /= 28;

  t0 = now ();
  if (!ar_ledger_foreach_plan_missed (ledger, day, count_plan, &t->n_missed, &error))
    g_error ("%s", error->message);
  t->missed = now () - t0;

  t0 = now ();
  if (!ar_ledger_foreach_dunning_pause (ledger, day, count_pause, &t->n_pauses, &error))
    g_error ("%s", error->message);
  t->pause = now () - t0;

  t0 = now ();
  if (!ar_ledger_foreach_promise_due (ledger, day, count_promise, &t->n_promises_due, &error))
    g_error ("%s", error->message);
  t->promises_due = now () - t0;

  t0 = now ();
  if (!ar_ledger_foreach_promise_broken (ledger, day - 7, day, count_promise, &t->n_broken,
                                         &error))
    g_error ("%s", error->message);
  t->broken = now () - t0;

  t0 = now ();
  one = ar_ledger_list_plans (ledger, g_array_index (planned, gint64, planned->len / 2), day,
                              &error);
  if (one == NULL)
    g_error ("%s", error->message);
  t->one = now () - t0;
  t->n_one = one->len;
}

int
main (int argc, char **argv)
{
  const GOptionEntry entries[] = {
    { "debtors", 0, 0, G_OPTION_ARG_INT, &n_debtors, "Debtors in the demo book", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir_arg, "Keep the book in DIR", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GArray) planned = NULL;
  g_autoptr(GArray) promised = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *book = NULL;
  guint32 day = today ();
  guint saved = 0;
  Timings t;
  double t0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  dir = dir_arg ? g_strdup (dir_arg) : g_dir_make_tmp ("arrears-bench-plans-XXXXXX", NULL);
  book = g_build_filename (dir, "plans.arrears", NULL);
  g_unlink (book);
  if ((ledger = ar_ledger_create (book, &error)) == NULL ||
      !ar_demo_generate (ledger, n_debtors, 1, day, NULL, &error))
    g_error ("%s", error->message);

  /* Plans for every 20th debtor with something open, promises for every 20th other one;
   * the first due dates spread over the next 28 days. */
  planned = some_debtors (ledger, 20, 0);
  promised = some_debtors (ledger, 20, 10);
  t0 = now ();
  if (!ar_ledger_begin (ledger, "bench", &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < planned->len; i++)
    {
      g_autoptr(ArPlanDraft) draft = ar_plan_draft_new (ledger, g_array_index (planned, gint64, i),
                                                        "USD", day - 60, NULL);

      if (draft == NULL)
        continue;
      ar_plan_draft_set_first_due (draft, day - 45 + i % 28);
      ar_plan_draft_set_n_instalments (draft, 1 + i % 4);
      if (ar_ledger_save_plan (ledger, draft, NULL) != 0)
        saved++;
    }
  for (guint i = 0; i < promised->len; i++)
    {
      ArPromiseInfo info = {
        .debtor_id = g_array_index (promised, gint64, i), .currency = "USD", .amount = 2500,
        .date = day - 10 + i % 20, .every_days = i % 2 ? 7 : 0, .times = 4,
        .channel = AR_ACTIVITY_CALL, .made_on = day - 20,
      };

      if (ar_ledger_add_promise (ledger, &info, &error) == 0)
        g_error ("%s", error->message);
    }
  if (!ar_ledger_commit (ledger, &error))
    g_error ("%s", error->message);
  g_print ("debtors %d, plans %u, promises %u (made in %.2f s)\n", n_debtors, saved,
           promised->len, now () - t0);

  /* Each lookup runs once untimed first (statements prepared, pages cached), as in the window
   * that stays open; the timed run is the second. */
  lookups (ledger, day, planned, &t);
  lookups (ledger, day, planned, &t);

  g_print ("%-36s %10s %8s %10s\n", "", "seconds", "found", "/ aging");
  g_print ("%-36s %10.4f %8s %10s\n", "aging as of today (baseline)", t.aging, "", "1");
  g_print ("%-36s %10.4f %8u %10.3f\n", "plans due on a day (mean of 28)", t.due, t.n_due,
           t.due / t.aging);
  g_print ("%-36s %10.4f %8u %10.3f\n", "plans with missed instalments", t.missed, t.n_missed,
           t.missed / t.aging);
  g_print ("%-36s %10.4f %8u %10.3f\n", "dunning pauses", t.pause, t.n_pauses, t.pause / t.aging);
  g_print ("%-36s %10.4f %8u %10.3f\n", "promises due today", t.promises_due, t.n_promises_due,
           t.promises_due / t.aging);
  g_print ("%-36s %10.4f %8u %10.3f\n", "promises broken in the last week", t.broken, t.n_broken,
           t.broken / t.aging);
  g_print ("%-36s %10.5f %8u %10.4f\n", "one debtor's plans", t.one, t.n_one,
           t.one / t.aging);

  g_clear_object (&ledger);
  if (dir_arg == NULL)
    {
      g_autofree char *wal = g_strconcat (book, "-wal", NULL);
      g_autofree char *shm = g_strconcat (book, "-shm", NULL);

      g_unlink (book);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  return 0;
}
