/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-arrangements"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ar-arrangements.h"
#include "ar-date.h"
#include "ar-ledger-private.h"
#include "ar-plan-private.h"

/* Which debtors a plan or a promise keeps out of dunning on a day. Both lookups start from a
 * partial index (running plans; promises not cancelled, by date), so the cost follows the
 * arrangements, not the book. A debtor with both a performing plan and a pending promise is
 * reported once, for the plan, which lasts longer. */

typedef struct
{
  gint64          debtor_id;
  ArDunningPause  pause;
  guint32         until;
} Pause;

static gboolean
collect_promise (const ArPromise *promise, gpointer user_data)
{
  GHashTable *pauses = user_data;
  Pause *pause = g_hash_table_lookup (pauses, &promise->debtor_id);

  if (pause == NULL)
    {
      pause = g_new0 (Pause, 1);
      pause->debtor_id = promise->debtor_id;
      pause->pause = AR_DUNNING_PAUSE_PROMISE;
      g_hash_table_insert (pauses, &pause->debtor_id, pause);
    }
  if (pause->pause == AR_DUNNING_PAUSE_PROMISE)
    pause->until = MAX (pause->until, promise->until);
  return TRUE;
}

gboolean
ar_ledger_foreach_dunning_pause (ArLedger            *ledger,
                                 guint32              as_of,
                                 ArDunningPauseFunc   func,
                                 gpointer             user_data,
                                 GError             **error)
{
  g_autoptr(GHashTable) pauses = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                         NULL, g_free);
  sqlite3_stmt *stmt;
  g_autoptr(GArray) plans = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  Pause *pause;
  int rc;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (as_of == 0)
    {
      GDate today;

      ar_date_set_today (&today);
      as_of = ar_date_to_julian (&today);
    }

  /* Running plans made by @as_of; each is tracked to see whether it still performs. */
  stmt = _ar_ledger_prepare (ledger,
    "SELECT id FROM plans WHERE state IS NULL AND plan_date <= ?1", error);
  if (stmt == NULL)
    return FALSE;
  _ar_bind_julian (stmt, 1, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (plans, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the plans"), error);

  for (guint i = 0; i < plans->len; i++)
    {
      g_autoptr(ArPlan) plan = ar_ledger_get_plan (ledger, g_array_index (plans, gint64, i),
                                                   as_of, error);

      if (plan == NULL)
        return FALSE;
      if (plan->state != AR_PLAN_STATE_ACTIVE)
        continue;
      pause = g_new0 (Pause, 1);
      pause->debtor_id = plan->debtor_id;
      pause->pause = AR_DUNNING_PAUSE_PLAN;
      pause->until = 0;
      g_hash_table_replace (pauses, &pause->debtor_id, pause);
    }

  if (!_ar_ledger_foreach_pending_promise (ledger, as_of, collect_promise, pauses, error))
    return FALSE;

  g_hash_table_iter_init (&iter, pauses);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pause))
    if (!func (pause->debtor_id, pause->pause, pause->until, user_data))
      break;
  return TRUE;
}
