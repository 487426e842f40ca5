/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-hold"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ar-date.h"
#include "ar-hold.h"
#include "ar-ledger-private.h"

static const char * const kinds[] = { "dispute", "snooze" };

const char *
ar_hold_kind_to_string (ArHoldKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kinds), NULL);
  return kinds[kind];
}

static guint32
today_julian (void)
{
  GDate today;

  ar_date_set_today (&today);
  return ar_date_to_julian (&today);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
ar_hold_place (ArLedger *ledger, const ArHoldInfo *info, gint64 *out_id, GError **error)
{
  guint32 start;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  start = info->start != 0 ? info->start : today_julian ();
  if ((guint) info->kind >= G_N_ELEMENTS (kinds))
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("kind: a hold is a dispute or a snooze"));
      return FALSE;
    }
  if (is_blank (info->reason))
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("reason: say why dunning is held"));
      return FALSE;
    }
  if (info->kind == AR_HOLD_SNOOZE && info->until == 0)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("until: a snooze needs the date it ends"));
      return FALSE;
    }
  if (info->until != 0 && info->until < start)
    {
      char a[11], b[11];
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("until: %s is before the hold starts (%s)"),
                   ar_date_format_julian (info->until, a), ar_date_format_julian (start, b));
      return FALSE;
    }

  if (!ar_ledger_begin (ledger, "place-hold", error))
    return FALSE;
  /* The debtor must exist and the invoice must be the debtor's: one query checks both. */
  stmt = _ar_ledger_prepare (ledger,
    "SELECT EXISTS (SELECT 1 FROM debtors WHERE id = ?1),"
    " ?2 IS NULL OR EXISTS (SELECT 1 FROM invoices WHERE id = ?2 AND debtor_id = ?1)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, info->debtor_id);
  if (info->invoice_id != 0)
    sqlite3_bind_int64 (stmt, 2, info->invoice_id);
  if (sqlite3_step (stmt) != SQLITE_ROW || !sqlite3_column_int (stmt, 0) ||
      !sqlite3_column_int (stmt, 1))
    {
      gboolean debtor = sqlite3_column_int (stmt, 0);

      sqlite3_reset (stmt);
      if (!debtor)
        g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
                     _("debtor: there is no debtor number %" G_GINT64_FORMAT), info->debtor_id);
      else
        g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                             _("invoice: the invoice is not this debtor’s"));
      goto fail;
    }
  sqlite3_reset (stmt);

  stmt = _ar_ledger_prepare (ledger,
    "INSERT INTO dunning_holds (debtor_id, invoice_id, kind, reason, start_date, end_date)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, info->debtor_id);
  if (info->invoice_id != 0)
    sqlite3_bind_int64 (stmt, 2, info->invoice_id);
  sqlite3_bind_text (stmt, 3, kinds[info->kind], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, info->reason, -1, SQLITE_TRANSIENT);
  _ar_bind_julian (stmt, 5, start);
  _ar_bind_julian (stmt, 6, info->until);
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not record the hold"), error))
    goto fail;
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (_ar_ledger_get_db (ledger));
  return ar_ledger_commit (ledger, error);

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}

gboolean
ar_hold_release (ArLedger *ledger, gint64 hold_id, guint32 date, const char *reason,
                 GError **error)
{
  sqlite3_stmt *stmt;
  int changes;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);

  if (!ar_ledger_begin (ledger, "release-hold", error))
    return FALSE;
  stmt = _ar_ledger_prepare (ledger,
    "UPDATE dunning_holds SET released_on = ?2, release_reason = ?3"
    " WHERE id = ?1 AND released_on IS NULL", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, hold_id);
  _ar_bind_julian (stmt, 2, date != 0 ? date : today_julian ());
  _ar_bind_text0 (stmt, 3, reason);
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not release the hold"), error))
    goto fail;
  changes = sqlite3_changes (_ar_ledger_get_db (ledger));
  if (changes == 0)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
                   _("hold: there is no hold number %" G_GINT64_FORMAT " in force"), hold_id);
      goto fail;
    }
  return ar_ledger_commit (ledger, error);

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}

#define HOLD_COLUMNS \
  "h.id, h.debtor_id, d.external_id, coalesce (h.invoice_id, 0), i.number, h.kind, h.reason," \
  " h.start_date, h.end_date, h.released_on, h.release_reason" \
  " FROM dunning_holds h JOIN debtors d ON d.id = h.debtor_id" \
  " LEFT JOIN invoices i ON i.id = h.invoice_id"

static gboolean
stream_holds (ArLedger *ledger, sqlite3_stmt *stmt, ArHoldFunc func, gpointer user_data,
              GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ArHold h = { 0 };

      h.id = sqlite3_column_int64 (stmt, 0);
      h.debtor_id = sqlite3_column_int64 (stmt, 1);
      h.external_id = (const char *) sqlite3_column_text (stmt, 2);
      h.invoice_id = sqlite3_column_int64 (stmt, 3);
      h.invoice_number = (const char *) sqlite3_column_text (stmt, 4);
      h.kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5), "snooze") == 0
               ? AR_HOLD_SNOOZE : AR_HOLD_DISPUTE;
      h.reason = (const char *) sqlite3_column_text (stmt, 6);
      h.start = _ar_column_julian (stmt, 7);
      h.until = _ar_column_julian (stmt, 8);
      h.released = _ar_column_julian (stmt, 9);
      h.release_reason = (const char *) sqlite3_column_text (stmt, 10);
      if (!func (&h, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the holds"), error);
  return TRUE;
}

gboolean
ar_hold_list_for_debtor (ArLedger *ledger, gint64 debtor_id, ArHoldFunc func,
                         gpointer user_data, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = _ar_ledger_prepare (ledger,
    "SELECT " HOLD_COLUMNS " WHERE h.debtor_id = ?1 ORDER BY h.start_date DESC, h.id DESC",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  return stream_holds (ledger, stmt, func, user_data, error);
}

gboolean
ar_holds_ending (ArLedger *ledger, guint32 from, guint32 to, ArHoldFunc func,
                 gpointer user_data, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = _ar_ledger_prepare (ledger,
    "SELECT " HOLD_COLUMNS
    " WHERE h.end_date IS NOT NULL AND h.released_on IS NULL"
    " AND h.end_date >= ?1 AND h.end_date <= ?2 ORDER BY h.end_date, h.id", error);
  if (stmt == NULL)
    return FALSE;
  _ar_bind_julian (stmt, 1, from);
  _ar_bind_julian (stmt, 2, to);
  return stream_holds (ledger, stmt, func, user_data, error);
}

gboolean
ar_holds_in_force (ArLedger *ledger, guint32 date, ArHoldFunc func, gpointer user_data,
                   GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* Holds released on or before @date are gone; the rest are read through the partial index
   * of holds never released, plus those released after @date (a past run sees them). */
  stmt = _ar_ledger_prepare (ledger,
    "SELECT " HOLD_COLUMNS
    " WHERE h.start_date <= ?1 AND (h.end_date IS NULL OR h.end_date >= ?1)"
    " AND (h.released_on IS NULL OR h.released_on > ?1)", error);
  if (stmt == NULL)
    return FALSE;
  _ar_bind_julian (stmt, 1, date);
  return stream_holds (ledger, stmt, func, user_data, error);
}
