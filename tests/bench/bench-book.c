/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include "ar-activity.h"
#include "ar-demo.h"
#include "bench-book.h"

static void
add_contact_log (ArLedger *ledger, guint n_debtors, guint32 today)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  guint written = 0;

  if (!ar_ledger_begin (ledger, "bench", &error))
    g_error ("%s", error->message);
  for (gint64 id = 1; id <= n_debtors; id++)
    {
      guint k = (guint) g_rand_int_range (rand, 0, 4);  /* 0..3: 1.5 on average */

      for (guint i = 0; i < k; i++)
        {
          int days_ago = g_rand_int_range (rand, 0, 400);
          g_autoptr(GDateTime) when = g_date_time_add_seconds (now, -86400.0 * days_ago
                                                               - g_rand_int_range (rand, 0, 86400));
          ArActivityInfo info = { .debtor_id = id, .kind = AR_ACTIVITY_CALL,
                                  .direction = AR_DIRECTION_OUT, .occurred_at = when,
                                  .outcome = "no_answer", .summary = "Called about the balance" };

          if (g_rand_int_range (rand, 0, 3) == 0)
            info.next_action_date = today - days_ago + (guint32) g_rand_int_range (rand, 7, 31);
          if (!ar_ledger_add_activity (ledger, &info, NULL, &error))
            g_error ("%s", error->message);
          /* Commit now and then: one transaction of a million rows holds a lot of memory. */
          if (++written % 100000 == 0 &&
              (!ar_ledger_commit (ledger, &error) || !ar_ledger_begin (ledger, "bench", &error)))
            g_error ("%s", error->message);
        }
    }
  if (!ar_ledger_commit (ledger, &error))
    g_error ("%s", error->message);
}

void
bench_make_book (const char *path, guint n_debtors, guint32 today)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autofree char *wal = g_strconcat (partial, "-wal", NULL);
  g_autofree char *shm = g_strconcat (partial, "-shm", NULL);
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0, t1, t2;

  g_unlink (partial);
  ledger = ar_ledger_create (partial, &error);
  if (ledger == NULL)
    g_error ("%s", error->message);
  t0 = g_get_monotonic_time ();
  if (!ar_demo_generate (ledger, n_debtors, 1, today, NULL, &error))
    g_error ("%s", error->message);
  t1 = g_get_monotonic_time ();
  add_contact_log (ledger, n_debtors, today);
  t2 = g_get_monotonic_time ();
  g_clear_object (&ledger);
  g_unlink (wal);
  g_unlink (shm);
  if (g_rename (partial, path) != 0)
    g_error ("could not rename %s", partial);
  g_print ("# demo book made in %.1f s, contact log in %.1f s\n", (t1 - t0) / 1e6,
           (t2 - t1) / 1e6);
}
