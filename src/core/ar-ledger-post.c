/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-ledger-post"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-date.h"
#include "ar-ledger-private.h"

/* Invoices, journal postings and the stored allocation they derive. */

/* No single amount may exceed this many minor units (10 trillion in a 2-decimal currency),
 * so that no sum over a realistic ledger can overflow gint64. */
#define MAX_AMOUNT G_GINT64_CONSTANT (1000000000000000)

static gboolean
check_amount (const char *field, gint64 amount, const char *currency, GError **error)
{
  if (amount <= 0)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("%s: the amount must be greater than zero"), field);
      return FALSE;
    }
  if (amount > MAX_AMOUNT)
    {
      g_autofree char *max = ar_money_format_plain (MAX_AMOUNT, currency);
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("%s: the amount is larger than Arrears accepts (at most %s)"), field, max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_currency (const char *currency, GError **error)
{
  if (currency != NULL && ar_currency_is_valid (currency))
    return TRUE;
  g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
               _("currency: “%s” is not an ISO 4217 currency code (e.g. USD, EUR)"),
               currency ? currency : "");
  return FALSE;
}

gboolean
_ar_ledger_check_debtor (ArLedger *self, gint64 debtor_id, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (self, "SELECT 1 FROM debtors WHERE id = ?1", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
                 _("debtor: there is no debtor number %" G_GINT64_FORMAT), debtor_id);
  return found;
}

static gboolean
load_invoice (ArLedger *self, gint64 invoice_id, ArInvoiceRef *out, char **number, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (self,
    "SELECT debtor_id, currency, issue_date, due_date, amount, number FROM invoices WHERE id = ?1",
    error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      out->id = invoice_id;
      out->debtor_id = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (out->currency, (const char *) sqlite3_column_text (stmt, 1), sizeof out->currency);
      out->issue_date = _ar_column_julian (stmt, 2);
      out->due_date = _ar_column_julian (stmt, 3);
      out->amount = sqlite3_column_int64 (stmt, 4);
      if (number != NULL)
        *number = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
                 _("invoice: there is no invoice number %" G_GINT64_FORMAT), invoice_id);
  return found;
}

gboolean
ar_ledger_lookup_invoice (ArLedger *self, const char *number, ArInvoiceRef *out)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  stmt = _ar_ledger_prepare (self, "SELECT id FROM invoices WHERE number = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id != 0 && load_invoice (self, id, out, NULL, NULL);
}

static gboolean
insert_entry (ArLedger *self, gint64 debtor_id, ArEntryKind kind, guint32 date, gint64 amount,
              const char *currency, const char *reference, const char *memo, gint64 invoice_id,
              gint64 reverses_id, gint64 *out_id, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (self,
    "INSERT INTO entries (debtor_id, kind, date, amount, currency, reference, memo, invoice_id,"
    " reverses_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  sqlite3_bind_text (stmt, 2, ar_entry_kind_to_string (kind), -1, SQLITE_STATIC);
  _ar_bind_julian (stmt, 3, date);
  sqlite3_bind_int64 (stmt, 4, amount);
  sqlite3_bind_text (stmt, 5, currency, -1, SQLITE_TRANSIENT);
  _ar_bind_text0 (stmt, 6, reference);
  _ar_bind_text0 (stmt, 7, memo);
  if (invoice_id != 0)
    sqlite3_bind_int64 (stmt, 8, invoice_id);
  if (reverses_id != 0)
    sqlite3_bind_int64 (stmt, 9, reverses_id);
  if (!_ar_ledger_step_done (self, stmt, _("Could not post the entry"), error))
    return FALSE;
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (_ar_ledger_get_db (self));
  _ar_ledger_mark_dirty (self, debtor_id);
  return TRUE;
}

gboolean
ar_ledger_add_invoice (ArLedger *self, const ArInvoiceInfo *info, gint64 *out_invoice_id,
                       GError **error)
{
  sqlite3_stmt *stmt;
  gint64 invoice_id;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (info->number == NULL || info->number[0] == '\0')
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("invoice_number: an invoice needs a number"));
      return FALSE;
    }
  if (info->issue_date == 0 || info->due_date == 0)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("issue_date: an invoice needs an issue date and a due date"));
      return FALSE;
    }
  if (info->due_date < info->issue_date)
    {
      char issue[11], due[11];
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("due_date: %s is before the issue date %s"),
                   ar_date_format_julian (info->due_date, due),
                   ar_date_format_julian (info->issue_date, issue));
      return FALSE;
    }
  if (!check_currency (info->currency, error) ||
      !check_amount ("amount", info->amount, info->currency, error) ||
      !_ar_ledger_check_debtor (self, info->debtor_id, error))
    return FALSE;

  if (!ar_ledger_begin (self, "add-invoice", error))
    return FALSE;
  stmt = _ar_ledger_prepare (self,
    "INSERT INTO invoices (debtor_id, number, issue_date, due_date, currency, amount,"
    " description, external_ref) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, info->debtor_id);
  _ar_bind_text0 (stmt, 2, info->number);
  _ar_bind_julian (stmt, 3, info->issue_date);
  _ar_bind_julian (stmt, 4, info->due_date);
  sqlite3_bind_text (stmt, 5, info->currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, info->amount);
  _ar_bind_text0 (stmt, 7, info->description);
  _ar_bind_text0 (stmt, 8, info->external_ref);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (_ar_ledger_get_db (self)) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_DUPLICATE,
                     _("invoice_number: invoice “%s” is already in the ledger"), info->number);
      else
        _ar_ledger_set_sql_error (self, _("Could not add the invoice"), error);
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  invoice_id = sqlite3_last_insert_rowid (_ar_ledger_get_db (self));
  if (!insert_entry (self, info->debtor_id, AR_ENTRY_INVOICE, info->issue_date, info->amount,
                     info->currency, info->number, info->description, invoice_id, 0, NULL, error))
    goto fail;
  if (out_invoice_id != NULL)
    *out_invoice_id = invoice_id;
  return ar_ledger_commit (self, error);

fail:
  ar_ledger_rollback (self);
  return FALSE;
}

static gboolean
invoice_open (ArLedger *self, gint64 invoice_id, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (self,
    "SELECT coalesce (sum (open), 0) FROM open_items WHERE invoice_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _ar_ledger_set_sql_error (self, _("Could not read the invoice’s balance"), error);
    }
  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
read_balance (ArLedger *self, gint64 debtor_id, const char *currency, gint64 *balance,
              gint64 *unapplied, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (self,
    "SELECT balance, unapplied FROM balances WHERE debtor_id = ?1 AND currency = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  sqlite3_bind_text (stmt, 2, currency, -1, SQLITE_TRANSIENT);
  *balance = *unapplied = 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *balance = sqlite3_column_int64 (stmt, 0);
      *unapplied = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* The checks that need the debtor's current allocation, run inside the transaction. */
static gboolean
check_against_allocation (ArLedger *self, const ArPosting *p, gint64 *amount,
                          const char *invoice_number, GError **error)
{
  /* Only refunds and write-offs depend on the current allocation; everything else is
   * allocated once, when the transaction commits. */
  if (p->kind != AR_ENTRY_REFUND && p->kind != AR_ENTRY_WRITE_OFF)
    return TRUE;
  if (!_ar_ledger_flush_debtor (self, p->debtor_id, error))
    return FALSE;

  if (p->kind == AR_ENTRY_REFUND)
    {
      gint64 balance, unapplied;

      ArAllocResult as_of;
      gboolean ok;

      if (!read_balance (self, p->debtor_id, p->currency, &balance, &unapplied, error))
        return FALSE;
      /* The credit must be there both on the refund's date and now: a backdated refund can't
       * pay out credit that only arrived later, nor credit a later invoice has used. */
      ar_alloc_result_init (&as_of);
      ok = _ar_ledger_allocate_debtor (self, p->debtor_id, p->currency, p->date, &as_of, error);
      unapplied = MIN (unapplied, as_of.unapplied);
      ar_alloc_result_clear (&as_of);
      if (!ok)
        return FALSE;
      if (*amount > unapplied)
        {
          g_autofree char *a = ar_money_format_plain (*amount, p->currency);
          g_autofree char *c = ar_money_format_plain (unapplied, p->currency);
          g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                       _("amount: a refund of %s %s is more than the %s %s credit on account"),
                       a, p->currency, c, p->currency);
          return FALSE;
        }
    }
  else if (p->kind == AR_ENTRY_WRITE_OFF)
    {
      gint64 open;

      if (!invoice_open (self, p->invoice_id, &open, error))
        return FALSE;
      if (open == 0)
        {
          g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                       _("invoice_number: nothing is open on invoice “%s” to write off"),
                       invoice_number);
          return FALSE;
        }
      if (*amount == 0)
        *amount = open;
      else if (*amount > open)
        {
          g_autofree char *a = ar_money_format_plain (*amount, p->currency);
          g_autofree char *o = ar_money_format_plain (open, p->currency);
          g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                       _("amount: can’t write off %s; only %s is open on invoice “%s”"),
                       a, o, invoice_number);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
ar_ledger_post (ArLedger *self, const ArPosting *p, gint64 *out_entry_id, GError **error)
{
  g_autofree char *invoice_number = NULL;
  gint64 amount;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (p != NULL, FALSE);

  if (p->kind == AR_ENTRY_INVOICE || p->kind == AR_ENTRY_REVERSAL ||
      (guint) p->kind >= AR_N_ENTRY_KINDS)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("kind: invoices are added with their details and reversals by "
                             "naming the entry they reverse"));
      return FALSE;
    }
  if (p->date == 0)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("date: the entry needs a date"));
      return FALSE;
    }
  if (!check_currency (p->currency, error) ||
      !_ar_ledger_check_debtor (self, p->debtor_id, error))
    return FALSE;
  if (!(p->kind == AR_ENTRY_WRITE_OFF && p->amount == 0) &&
      !check_amount ("amount", p->amount, p->currency, error))
    return FALSE;
  if (p->kind == AR_ENTRY_WRITE_OFF && p->invoice_id == 0)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("invoice_number: a write-off must name the invoice it closes"));
      return FALSE;
    }
  if (p->kind == AR_ENTRY_REFUND && p->invoice_id != 0)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("invoice_number: a refund pays out credit on account and names no "
                             "invoice"));
      return FALSE;
    }
  if (p->invoice_id != 0)
    {
      ArInvoiceRef inv;

      if (!load_invoice (self, p->invoice_id, &inv, &invoice_number, error))
        return FALSE;
      if (inv.debtor_id != p->debtor_id)
        {
          g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                       _("invoice_number: invoice “%s” belongs to another debtor"),
                       invoice_number);
          return FALSE;
        }
      if (strcmp (inv.currency, p->currency) != 0)
        {
          g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                       _("currency: %s does not match invoice “%s”, which is in %s"),
                       p->currency, invoice_number, inv.currency);
          return FALSE;
        }
    }

  if (!ar_ledger_begin (self, ar_entry_kind_to_string (p->kind), error))
    return FALSE;
  amount = p->amount;
  if (!check_against_allocation (self, p, &amount, invoice_number, error) ||
      !insert_entry (self, p->debtor_id, p->kind, p->date, amount, p->currency, p->reference,
                     p->memo, p->invoice_id, 0, out_entry_id, error))
    {
      ar_ledger_rollback (self);
      return FALSE;
    }
  return ar_ledger_commit (self, error);
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
ar_ledger_reverse (ArLedger *self, gint64 entry_id, guint32 date, const char *reason,
                   gint64 *out_entry_id, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 debtor_id, amount, invoice_id;
  g_autofree char *kind = NULL, *currency = NULL, *reference = NULL;
  guint32 entry_date;
  gboolean reversed;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);

  if (is_blank (reason))
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("reason: say why the entry is reversed"));
      return FALSE;
    }

  stmt = _ar_ledger_prepare (self,
    "SELECT debtor_id, kind, date, amount, currency, reference, invoice_id,"
    " EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id)"
    " FROM entries e WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
                   _("entry: there is no entry number %" G_GINT64_FORMAT), entry_id);
      return FALSE;
    }
  debtor_id = sqlite3_column_int64 (stmt, 0);
  kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  entry_date = _ar_column_julian (stmt, 2);
  amount = sqlite3_column_int64 (stmt, 3);
  currency = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  reference = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  invoice_id = sqlite3_column_int64 (stmt, 6);
  reversed = sqlite3_column_int (stmt, 7) != 0;
  sqlite3_reset (stmt);

  if (g_str_equal (kind, "reversal"))
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("entry: a reversal can’t be reversed; post the entry again instead"));
      return FALSE;
    }
  if (reversed)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("entry: entry %" G_GINT64_FORMAT " has already been reversed"), entry_id);
      return FALSE;
    }
  if (date < entry_date)
    {
      char a[11], b[11];
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("date: the reversal (%s) can’t be dated before the entry it reverses (%s)"),
                   ar_date_format_julian (date, a), ar_date_format_julian (entry_date, b));
      return FALSE;
    }

  if (!ar_ledger_begin (self, "reversal", error))
    return FALSE;
  if (!insert_entry (self, debtor_id, AR_ENTRY_REVERSAL, date, amount, currency, reference,
                     reason, invoice_id, entry_id, out_entry_id, error))
    {
      ar_ledger_rollback (self);
      return FALSE;
    }
  return ar_ledger_commit (self, error);
}

gboolean
ar_ledger_get_balance (ArLedger *self, gint64 debtor_id, const char *currency,
                       gint64 *out_balance, gint64 *out_unapplied, GError **error)
{
  gint64 balance, unapplied;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);

  if (!_ar_ledger_flush_debtor (self, debtor_id, error) ||
      !read_balance (self, debtor_id, currency, &balance, &unapplied, error))
    return FALSE;
  if (out_balance != NULL)
    *out_balance = balance;
  if (out_unapplied != NULL)
    *out_unapplied = unapplied;
  return TRUE;
}

gboolean
ar_ledger_get_invoice_open (ArLedger *self, gint64 invoice_id, gint64 *out_open, GError **error)
{
  ArInvoiceRef inv;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);

  return load_invoice (self, invoice_id, &inv, NULL, error) &&
         _ar_ledger_flush_debtor (self, inv.debtor_id, error) &&
         invoice_open (self, invoice_id, out_open, error);
}

/* Allocation storage --------------------------------------------------------------------- */

void
_ar_alloc_entry_from_row (sqlite3_stmt *stmt, int col, GStringChunk *strings, ArAllocEntry *e)
{
  const char *kind = (const char *) sqlite3_column_text (stmt, col + 1);
  const char *number = (const char *) sqlite3_column_text (stmt, col + 8);
  ArEntryKind k = AR_ENTRY_PAYMENT;

  ar_entry_kind_from_string (kind, &k);
  e->id = sqlite3_column_int64 (stmt, col);
  e->kind = k;
  e->date = _ar_column_julian (stmt, col + 2);
  e->amount = sqlite3_column_int64 (stmt, col + 3);
  e->invoice_id = sqlite3_column_int64 (stmt, col + 4);
  e->reverses_id = sqlite3_column_int64 (stmt, col + 5);
  /* An invoice is due on its due date; a fee or interest charge when it is charged. */
  e->due = k == AR_ENTRY_INVOICE ? _ar_column_julian (stmt, col + 6) : e->date;
  e->issue = k == AR_ENTRY_INVOICE ? _ar_column_julian (stmt, col + 7) : e->date;
  e->invoice_number = number != NULL ? g_string_chunk_insert_const (strings, number) : NULL;
}

gboolean
_ar_ledger_allocate_debtor (ArLedger *self, gint64 debtor_id, const char *currency,
                            guint32 as_of, ArAllocResult *result, GError **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (ArAllocEntry));
  GStringChunk *strings = g_string_chunk_new (256);
  sqlite3_stmt *stmt = _ar_ledger_prepare (self,
    "SELECT " AR_ALLOC_ENTRY_COLUMNS " FROM entries e LEFT JOIN invoices i ON i.id = e.invoice_id"
    " WHERE e.debtor_id = ?1 AND e.currency = ?2 AND (?3 IS NULL OR e.date <= ?3)", error);
  int rc;

  if (stmt == NULL)
    {
      g_string_chunk_free (strings);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  sqlite3_bind_text (stmt, 2, currency, -1, SQLITE_TRANSIENT);
  _ar_bind_julian (stmt, 3, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ArAllocEntry e;
      _ar_alloc_entry_from_row (stmt, 0, strings, &e);
      g_array_append_val (entries, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_string_chunk_free (strings);
      return _ar_ledger_set_sql_error (self, _("Could not read the debtor’s entries"), error);
    }
  ar_allocate ((const ArAllocEntry *) (gpointer) entries->data, entries->len, result);
  g_string_chunk_free (strings);
  return TRUE;
}

gboolean
ar_ledger_recompute_all (ArLedger *self, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);

  if (!ar_ledger_begin (self, "recompute", error))
    return FALSE;
  stmt = _ar_ledger_prepare (self, "SELECT id FROM debtors", error);
  if (stmt == NULL)
    goto fail;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    _ar_ledger_mark_dirty (self, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  return ar_ledger_commit (self, error);

fail:
  ar_ledger_rollback (self);
  return FALSE;
}
