/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-ledger-edit"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ar-ledger-edit.h"
#include "ar-ledger-private.h"

static gboolean
set_not_found (gint64 debtor_id, GError **error)
{
  g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
               _("debtor: there is no debtor number %" G_GINT64_FORMAT), debtor_id);
  return FALSE;
}

/* Runs the prepared UPDATE @stmt; no row changed means no such row. */
static gboolean
step_update (ArLedger *self, sqlite3_stmt *stmt, const char *what, gboolean *out_changed,
             GError **error)
{
  if (!_ar_ledger_step_done (self, stmt, what, error))
    return FALSE;
  *out_changed = sqlite3_changes (_ar_ledger_get_db (self)) > 0;
  return TRUE;
}

gboolean
ar_ledger_update_debtor (ArLedger *self, gint64 debtor_id, const ArDebtorInfo *info,
                         GError **error)
{
  sqlite3_stmt *stmt;
  gboolean changed = FALSE;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (!_ar_debtor_info_check (info, error))
    return FALSE;

  if (!ar_ledger_begin (self, "edit-debtor", error))
    return FALSE;
  stmt = _ar_ledger_prepare (self,
    "UPDATE debtors SET external_id = ?2, kind = ?3, name = ?4, company = ?5,"
    " contact_person = ?6, language = ?7, country = ?8, region = ?9, time_zone = ?10,"
    " status = ?11, cease_contact = ?12, tags = ?13, notes = ?14 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  _ar_bind_text0 (stmt, 2, info->external_id);
  _ar_bind_text0 (stmt, 3, ar_debtor_kind_to_string (info->kind));
  _ar_bind_text0 (stmt, 4, info->name);
  _ar_bind_text0 (stmt, 5, info->company);
  _ar_bind_text0 (stmt, 6, info->contact_person);
  _ar_bind_text0 (stmt, 7, info->language);
  _ar_bind_text0 (stmt, 8, info->country);
  _ar_bind_text0 (stmt, 9, info->region);
  _ar_bind_text0 (stmt, 10, info->time_zone);
  _ar_bind_text0 (stmt, 11, ar_debtor_status_to_string (info->status));
  sqlite3_bind_int (stmt, 12, info->cease_contact ? 1 : 0);
  _ar_bind_text0 (stmt, 13, info->tags);
  _ar_bind_text0 (stmt, 14, info->notes);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (_ar_ledger_get_db (self)) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_DUPLICATE,
                     _("id: a debtor with id “%s” is already in the ledger"), info->external_id);
      else
        _ar_ledger_set_sql_error (self, _("Could not change the debtor"), error);
      sqlite3_reset (stmt);
      goto fail;
    }
  changed = sqlite3_changes (_ar_ledger_get_db (self)) > 0;
  sqlite3_reset (stmt);
  if (!changed)
    {
      set_not_found (debtor_id, error);
      goto fail;
    }
  return ar_ledger_commit (self, error);

fail:
  ar_ledger_rollback (self);
  return FALSE;
}

/* One column of one debtor, in a transaction named @action. */
static gboolean
set_debtor_text (ArLedger *self, gint64 debtor_id, const char *action, const char *sql,
                 const char *value, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean changed = FALSE;

  if (!ar_ledger_begin (self, action, error))
    return FALSE;
  stmt = _ar_ledger_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  _ar_bind_text0 (stmt, 2, value);
  if (!step_update (self, stmt, _("Could not change the debtor"), &changed, error))
    goto fail;
  if (!changed)
    {
      set_not_found (debtor_id, error);
      goto fail;
    }
  return ar_ledger_commit (self, error);

fail:
  ar_ledger_rollback (self);
  return FALSE;
}

gboolean
ar_ledger_set_debtor_status (ArLedger *self, gint64 debtor_id, ArDebtorStatus status,
                             GError **error)
{
  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);

  if ((guint) status >= AR_N_STATUSES)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("status: unknown debtor status"));
      return FALSE;
    }
  return set_debtor_text (self, debtor_id, "change-status",
                          "UPDATE debtors SET status = ?2 WHERE id = ?1",
                          ar_debtor_status_to_string (status), error);
}

gboolean
ar_ledger_set_debtor_notes (ArLedger *self, gint64 debtor_id, const char *notes,
                            GError **error)
{
  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);

  if (notes != NULL && !g_utf8_validate (notes, -1, NULL))
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("notes: the text is not valid UTF-8"));
      return FALSE;
    }
  return set_debtor_text (self, debtor_id, "edit-notes",
                          "UPDATE debtors SET notes = ?2 WHERE id = ?1", notes, error);
}

gboolean
ar_contact_status_allowed (ArDebtorContactKind kind, ArContactStatus status)
{
  switch (status)
    {
    case AR_CONTACT_VALID:
    case AR_CONTACT_UNVERIFIED:
    case AR_CONTACT_BAD:
      return (guint) kind <= AR_DEBTOR_CONTACT_EMAIL;
    case AR_CONTACT_RETURNED_MAIL:
      return kind == AR_DEBTOR_CONTACT_ADDRESS || kind == AR_DEBTOR_CONTACT_EMAIL;
    case AR_CONTACT_DISCONNECTED:
      return kind == AR_DEBTOR_CONTACT_PHONE;
    case AR_N_CONTACT_STATUSES:
    default:
      return FALSE;
    }
}

gboolean
ar_ledger_set_contact_status (ArLedger *self, gint64 debtor_id, ArDebtorContactKind kind,
                              gint64 contact_id, ArContactStatus status, GError **error)
{
  static const char * const sql[] = {
    [AR_DEBTOR_CONTACT_ADDRESS] = "UPDATE addresses SET status = ?3 WHERE id = ?1 AND debtor_id = ?2",
    [AR_DEBTOR_CONTACT_PHONE] = "UPDATE phones SET status = ?3 WHERE id = ?1 AND debtor_id = ?2",
    [AR_DEBTOR_CONTACT_EMAIL] = "UPDATE emails SET status = ?3 WHERE id = ?1 AND debtor_id = ?2",
  };
  sqlite3_stmt *stmt;
  gboolean changed = FALSE;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);

  if (!ar_contact_status_allowed (kind, status))
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           kind == AR_DEBTOR_CONTACT_PHONE
                           ? _("status: a phone number can be valid, unverified, bad or "
                               "disconnected")
                           : _("status: an address can be valid, unverified, bad or returned "
                               "mail"));
      return FALSE;
    }

  if (!ar_ledger_begin (self, "contact-status", error))
    return FALSE;
  stmt = _ar_ledger_prepare (self, sql[kind], error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  sqlite3_bind_int64 (stmt, 2, debtor_id);
  _ar_bind_text0 (stmt, 3, ar_contact_status_to_string (status));
  if (!step_update (self, stmt, _("Could not change the contact"), &changed, error))
    goto fail;
  if (!changed)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
                   _("contact: debtor %" G_GINT64_FORMAT " has no contact number %"
                     G_GINT64_FORMAT), debtor_id, contact_id);
      goto fail;
    }
  return ar_ledger_commit (self, error);

fail:
  ar_ledger_rollback (self);
  return FALSE;
}

gboolean
ar_ledger_post_split_payment (ArLedger *self, const ArPosting *payment,
                              const ArPaymentPart *parts, guint n_parts,
                              GArray *out_entry_ids, GError **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint first_id = out_entry_ids != NULL ? out_entry_ids->len : 0;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (payment != NULL, FALSE);
  g_return_val_if_fail (parts != NULL || n_parts == 0, FALSE);

  if (n_parts == 0)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("amount: choose at least one invoice and the amount it gets"));
      return FALSE;
    }
  for (guint i = 0; i < n_parts; i++)
    {
      if (parts[i].invoice_id == 0 || !g_hash_table_add (seen, (gpointer) &parts[i].invoice_id))
        {
          g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                               _("invoice_number: each part must name a different invoice"));
          return FALSE;
        }
    }

  if (!ar_ledger_begin (self, "payment", error))
    return FALSE;
  for (guint i = 0; i < n_parts; i++)
    {
      ArPosting p = *payment;
      gint64 open = 0, entry_id = 0;

      p.kind = AR_ENTRY_PAYMENT;
      p.amount = parts[i].amount;
      p.invoice_id = parts[i].invoice_id;
      /* The parts before this one are allocated first, so "open" is what is left for it. */
      if (!ar_ledger_get_invoice_open (self, p.invoice_id, &open, error))
        goto fail;
      if (p.amount > open)
        {
          g_autofree char *a = ar_money_format_plain (p.amount, p.currency);
          g_autofree char *o = ar_money_format_plain (open, p.currency);

          g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                       _("amount: %s %s is more than the %s %s open on the invoice"),
                       a, p.currency, o, p.currency);
          goto fail;
        }
      if (!ar_ledger_post (self, &p, &entry_id, error))
        goto fail;
      if (out_entry_ids != NULL)
        g_array_append_val (out_entry_ids, entry_id);
    }
  if (!ar_ledger_commit (self, error))
    goto undo_ids;
  return TRUE;

fail:
  ar_ledger_rollback (self);
undo_ids:
  if (out_entry_ids != NULL)
    g_array_set_size (out_entry_ids, first_id);
  return FALSE;
}

gboolean
ar_ledger_reverse_entries (ArLedger *self, const gint64 *ids, guint n_ids, guint32 date,
                           const char *reason, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (!ar_ledger_begin (self, "reversal", error))
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      guint32 entry_date = 0;

      stmt = _ar_ledger_prepare (self, "SELECT date FROM entries WHERE id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        entry_date = _ar_column_julian (stmt, 0);
      sqlite3_reset (stmt);
      /* An unknown entry is reported by ar_ledger_reverse() below. */
      if (!ar_ledger_reverse (self, ids[i], MAX (date, entry_date), reason, NULL, error))
        goto fail;
    }
  return ar_ledger_commit (self, error);

fail:
  ar_ledger_rollback (self);
  return FALSE;
}
