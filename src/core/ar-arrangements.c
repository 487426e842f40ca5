/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-arrangements"
#include "config.h"

#include "ar-arrangements.h"
#include "ar-date.h"
#include "ar-plan-private.h"

/* Which debtors a plan or a promise keeps out of dunning on a day. The running plans are
 * tracked in one pass (ar-plan-track.c), the promises found through promises_by_date, so the
 * cost follows the arrangements, not the book. A debtor with both a performing plan and a pending promise is
 * reported once, for the plan, which lasts longer. */

typedef struct
{
  gint64          debtor_id;
  ArDunningPause  pause;
  guint32         until;
} Pause;

static gboolean
collect_plan (const ArPlan *plan, gpointer user_data)
{
  GHashTable *pauses = user_data;
  Pause *pause;

  if (plan->state != AR_PLAN_STATE_ACTIVE)
    return TRUE;
  pause = g_new0 (Pause, 1);
  pause->debtor_id = plan->debtor_id;
  pause->pause = AR_DUNNING_PAUSE_PLAN;
  g_hash_table_replace (pauses, &pause->debtor_id, pause);
  return TRUE;
}

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
  GHashTableIter iter;
  Pause *pause;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (as_of == 0)
    {
      GDate today;

      ar_date_set_today (&today);
      as_of = ar_date_to_julian (&today);
    }

  /* Running plans made by @as_of, tracked to see whether they still perform. */
  if (!_ar_ledger_foreach_running_plan (ledger, as_of, collect_plan, pauses, error))
    return FALSE;

  if (!_ar_ledger_foreach_pending_promise (ledger, as_of, collect_promise, pauses, error))
    return FALSE;

  g_hash_table_iter_init (&iter, pauses);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pause))
    if (!func (pause->debtor_id, pause->pause, pause->until, user_data))
      break;
  return TRUE;
}
