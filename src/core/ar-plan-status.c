/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-plan-status"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ar-ledger-private.h"
#include "ar-plan.h"
#include "ar-plan-status.h"

/* The debtors with status "plan" and at least one plan recorded. Few, whatever the book's
 * size: the plans_by_debtor index answers the EXISTS. */
static GArray *
plan_status_debtors (ArLedger  *ledger,
                     GError   **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT d.id FROM debtors d WHERE d.status = 'plan'"
    " AND EXISTS (SELECT 1 FROM plans p WHERE p.debtor_id = d.id) ORDER BY d.id", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _ar_ledger_set_sql_error (ledger, _("Could not read the debtors"), error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
set_active (ArLedger  *ledger,
            gint64     debtor_id,
            GError   **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "UPDATE debtors SET status = 'active' WHERE id = ?1 AND status = 'plan'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  return _ar_ledger_step_done (ledger, stmt, _("Could not update the debtor’s status"), error);
}

gboolean
ar_ledger_settle_plan_statuses (ArLedger  *ledger,
                                guint32    as_of,
                                guint     *out_changed,
                                GError   **error)
{
  g_autoptr(GArray) ids = NULL;
  guint changed = 0;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (as_of == 0 || g_date_valid_julian (as_of), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_changed != NULL)
    *out_changed = 0;
  if (!ar_ledger_begin (ledger, "plan-ended", error))
    return FALSE;
  ids = plan_status_debtors (ledger, error);
  if (ids == NULL)
    goto fail;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 debtor_id = g_array_index (ids, gint64, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(ArPlan) running = ar_ledger_get_active_plan (ledger, debtor_id, as_of,
                                                             &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
      if (running != NULL)
        continue;
      if (!set_active (ledger, debtor_id, error))
        goto fail;
      changed++;
    }
  if (!ar_ledger_commit (ledger, error))
    return FALSE;
  if (out_changed != NULL)
    *out_changed = changed;
  return TRUE;

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}
