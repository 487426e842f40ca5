/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-letter-data"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-date.h"
#include "ar-letter-data.h"
#include "ar-ledger-private.h"

G_DEFINE_QUARK (ar-letter-data-error-quark, ar_letter_data_error)

void
ar_letter_data_free (ArLetterData *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->charges, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

static guint
threshold (guint min_days)
{
  return MAX (min_days, 1);
}

static void
fill_line (ArLetterData *self, const ArDebtorLedger *account, const ArOpenItem *o,
           ArLetterLine *line)
{
  const ArDebtorEntry *e = ar_debtor_ledger_find_entry (account, o->entry_id);
  gint64 days = (gint64) self->as_of - (gint64) o->due;

  memset (line, 0, sizeof *line);
  line->entry_id = o->entry_id;
  line->kind = o->kind;
  line->invoice_id = o->invoice_id;
  if (e != NULL && e->invoice_number != NULL)
    line->invoice_number = g_string_chunk_insert_const (self->strings, e->invoice_number);
  line->description = g_string_chunk_insert_const (self->strings,
                                                   e != NULL && e->memo != NULL ? e->memo : "");
  line->issue_date = o->issue;
  line->due_date = o->due;
  line->days_overdue = (int) MAX (days, 0);
  line->amount = o->amount;
  line->open = o->open;
}

static gboolean
build_parts (ArLetterData *self, ArLedger *ledger, GError **error)
{
  g_autoptr(ArDebtorLedger) account = ar_debtor_ledger_load (ledger, self->debtor_id, error);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_int64_hash, g_int64_equal);
  ArAllocResult result;

  if (account == NULL ||
      !ar_document_parties_load (ledger, account, self->strings, &self->debtor, &self->company,
                                 error))
    return FALSE;

  ar_alloc_result_init (&result);
  if (!_ar_ledger_allocate_debtor (ledger, self->debtor_id, self->currency, self->as_of,
                                   &result, error))
    {
      ar_alloc_result_clear (&result);
      return FALSE;
    }

  /* The items first (oldest due date first, as the allocation lists them), then the charges
   * that go with them. */
  for (guint i = 0; i < result.items->len; i++)
    {
      const ArOpenItem *o = &g_array_index (result.items, ArOpenItem, i);
      ArLetterLine line;

      if (o->open == 0 || o->kind == AR_ENTRY_FEE || o->kind == AR_ENTRY_INTEREST)
        continue;
      fill_line (self, account, o, &line);
      if ((gint64) self->as_of - (gint64) o->due >= threshold (self->min_days))
        {
          g_array_append_val (self->items, line);
          self->total_due += line.open;
          if (line.invoice_id != 0)
            g_hash_table_add (listed, &g_array_index (result.items, ArOpenItem, i).invoice_id);
        }
      else
        self->not_listed += line.open;
    }
  for (guint i = 0; i < result.items->len; i++)
    {
      const ArOpenItem *o = &g_array_index (result.items, ArOpenItem, i);
      ArLetterLine line;

      if (o->open == 0 || (o->kind != AR_ENTRY_FEE && o->kind != AR_ENTRY_INTEREST))
        continue;
      fill_line (self, account, o, &line);
      if (o->invoice_id == 0 || g_hash_table_contains (listed, &o->invoice_id))
        {
          g_array_append_val (self->charges, line);
          self->total_due += line.open;
        }
      else
        self->not_listed += line.open;
    }
  /* @listed points into @result: drop it first. */
  g_clear_pointer (&listed, g_hash_table_unref);
  ar_alloc_result_clear (&result);
  return TRUE;
}

ArLetterData *
ar_letter_data_build (ArLedger *ledger, gint64 debtor_id, const char *currency, guint32 as_of,
                      guint deadline_days, guint min_days, GError **error)
{
  g_autoptr(ArLetterData) self = NULL;
  gboolean own_transaction, ok;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  if (currency == NULL || !ar_currency_is_valid (currency))
    {
      g_set_error (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INVALID,
                   _("currency: “%s” is not an ISO 4217 currency code (e.g. USD, EUR)"),
                   currency != NULL ? currency : "");
      return NULL;
    }
  if (!g_date_valid_julian (as_of) || deadline_days > 3650)
    {
      g_set_error (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INVALID,
                   _("date: a letter needs a valid date and a deadline at most 3650 days "
                     "after it"));
      return NULL;
    }

  if (!_ar_ledger_flush_debtor (ledger, debtor_id, error))
    return NULL;

  self = g_new0 (ArLetterData, 1);
  self->debtor_id = debtor_id;
  g_strlcpy (self->currency, currency, sizeof self->currency);
  self->as_of = as_of;
  self->deadline = as_of + deadline_days;
  self->min_days = min_days;
  self->strings = g_string_chunk_new (1024);
  self->items = g_array_new (FALSE, FALSE, sizeof (ArLetterLine));
  self->charges = g_array_new (FALSE, FALSE, sizeof (ArLetterLine));

  /* One snapshot for the debtor, the company and the allocation. */
  own_transaction = sqlite3_get_autocommit (_ar_ledger_get_db (ledger));
  if (own_transaction && !_ar_ledger_exec (ledger, "BEGIN", error))
    return NULL;
  ok = build_parts (self, ledger, error);
  if (own_transaction)
    _ar_ledger_exec (ledger, "COMMIT", NULL);

  if (!ok || !ar_letter_data_validate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
ar_letter_data_add_charge (ArLetterData *self, ArEntryKind kind, gint64 invoice_id,
                           const char *invoice_number, const char *description, gint64 amount,
                           GError **error)
{
  ArLetterLine line = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (kind == AR_ENTRY_FEE || kind == AR_ENTRY_INTEREST, FALSE);

  if (amount <= 0)
    {
      g_set_error_literal (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INVALID,
                           _("amount: a charge must be greater than zero"));
      return FALSE;
    }
  line.kind = kind;
  line.invoice_id = invoice_id;
  if (invoice_number != NULL)
    line.invoice_number = g_string_chunk_insert_const (self->strings, invoice_number);
  line.description = g_string_chunk_insert_const (self->strings,
                                                  description != NULL ? description : "");
  line.issue_date = self->as_of;
  line.due_date = self->as_of;
  line.amount = amount;
  line.open = amount;
  if (!ar_money_add (self->total_due, amount, &self->total_due, NULL))
    {
      g_set_error_literal (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INCONSISTENT,
                           _("letter: the amounts are too large to add up"));
      return FALSE;
    }
  g_array_append_val (self->charges, line);
  return TRUE;
}

static void
leave_out_lines (ArLetterData *self, GArray *lines, gint64 invoice_id)
{
  for (guint i = lines->len; i-- > 0;)
    {
      const ArLetterLine *l = &g_array_index (lines, ArLetterLine, i);

      if (l->invoice_id != invoice_id)
        continue;
      self->total_due -= l->open;
      self->held += l->open;
      g_array_remove_index (lines, i);
    }
}

void
ar_letter_data_leave_out (ArLetterData *self, gint64 invoice_id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (invoice_id != 0);

  leave_out_lines (self, self->items, invoice_id);
  leave_out_lines (self, self->charges, invoice_id);
}

static gboolean
check_lines (const ArLetterData *self, GArray *lines, gboolean items, gint64 *sum,
             GError **error)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const ArLetterLine *l = &g_array_index (lines, ArLetterLine, i);

      if (l->open <= 0 || l->open > l->amount)
        {
          g_autofree char *o = ar_money_format_plain (l->open, self->currency);
          g_autofree char *a = ar_money_format_plain (l->amount, self->currency);
          g_set_error (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INCONSISTENT,
                       _("letter: line for entry %" G_GINT64_FORMAT " has %s open of %s; the "
                         "open amount must be above zero and at most the original"),
                       l->entry_id, o, a);
          return FALSE;
        }
      if (items && ((gint64) self->as_of - (gint64) l->due_date < threshold (self->min_days) ||
                    l->days_overdue != (int) ((gint64) self->as_of - (gint64) l->due_date)))
        {
          char due[11];
          g_set_error (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INCONSISTENT,
                       _("letter: entry %" G_GINT64_FORMAT " (due %s, shown as %d days "
                         "overdue) is not at least %u days overdue"),
                       l->entry_id, ar_date_format_julian (l->due_date, due), l->days_overdue,
                       threshold (self->min_days));
          return FALSE;
        }
      if (!ar_money_add (*sum, l->open, sum, NULL))
        {
          g_set_error_literal (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INCONSISTENT,
                               _("letter: the amounts are too large to add up"));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
ar_letter_data_validate (const ArLetterData *self, GError **error)
{
  gint64 sum = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!ar_currency_is_valid (self->currency))
    {
      g_set_error (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INCONSISTENT,
                   _("letter: “%s” is not a currency code"), self->currency);
      return FALSE;
    }
  if (!check_lines (self, self->items, TRUE, &sum, error) ||
      !check_lines (self, self->charges, FALSE, &sum, error))
    return FALSE;
  if (sum != self->total_due)
    {
      g_autofree char *total = ar_money_format_plain (self->total_due, self->currency);
      g_autofree char *lines = ar_money_format_plain (sum, self->currency);
      g_set_error (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INCONSISTENT,
                   _("letter: the total due %s is not the sum of the listed amounts, %s (%s)"),
                   total, lines, self->currency);
      return FALSE;
    }
  if (self->deadline < self->as_of)
    {
      char a[11], d[11];
      g_set_error (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INCONSISTENT,
                   _("letter: the deadline %s is before the letter’s date %s"),
                   ar_date_format_julian (self->deadline, d), ar_date_format_julian (self->as_of, a));
      return FALSE;
    }
  return TRUE;
}

/* Fields ------------------------------------------------------------------------------------ */

char *
ar_letter_format_date (guint32 julian)
{
  char buf[128];
  GDate date;

  if (!g_date_valid_julian (julian))
    return g_strdup ("");
  ar_date_from_julian (julian, &date);
  /* Translators: the date format of letters, for strftime(): "%-d %B %Y" gives
   * "30 June 2026". Use your language's usual long date. */
  /* xgettext:no-c-format */
  if (g_date_strftime (buf, sizeof buf, _("%-d %B %Y"), &date) == 0)
    return g_strdup (ar_date_format_julian (julian, buf));
  return g_strdup (buf);
}

char *
ar_letter_data_get_field (const ArLetterData *self, guint level, ArTemplateField field)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (field)
    {
    case AR_TEMPLATE_FIELD_DEBTOR_NAME:
      return g_strdup (self->debtor.name);
    case AR_TEMPLATE_FIELD_DEBTOR_COMPANY:
      return g_strdup (self->debtor.company);
    case AR_TEMPLATE_FIELD_DEBTOR_CONTACT:
      return g_strdup (self->debtor.contact_person);
    case AR_TEMPLATE_FIELD_DEBTOR_ID:
      return g_strdup (self->debtor.external_id);
    case AR_TEMPLATE_FIELD_DEBTOR_ADDRESS:
      return g_strdup (self->debtor.address);
    case AR_TEMPLATE_FIELD_COMPANY_NAME:
      return g_strdup (self->company.name);
    case AR_TEMPLATE_FIELD_COMPANY_ADDRESS:
      return g_strdup (self->company.address);
    case AR_TEMPLATE_FIELD_COMPANY_PHONE:
      return g_strdup (self->company.phone);
    case AR_TEMPLATE_FIELD_COMPANY_EMAIL:
      return g_strdup (self->company.email);
    case AR_TEMPLATE_FIELD_COMPANY_WEBSITE:
      return g_strdup (self->company.website);
    case AR_TEMPLATE_FIELD_COMPANY_PAYMENT_INSTRUCTIONS:
      return g_strdup (self->company.payment_instructions);
    case AR_TEMPLATE_FIELD_COMPANY_IBAN:
      return g_strdup (self->company.iban);
    case AR_TEMPLATE_FIELD_COMPANY_BIC:
      return g_strdup (self->company.bic);
    case AR_TEMPLATE_FIELD_COMPANY_SIGNATURE:
      return g_strdup (self->company.signature_name);
    case AR_TEMPLATE_FIELD_TOTAL_DUE:
      return ar_money_format (self->total_due, self->currency);
    case AR_TEMPLATE_FIELD_DEADLINE:
      return ar_letter_format_date (self->deadline);
    case AR_TEMPLATE_FIELD_DATE:
      return ar_letter_format_date (self->as_of);
    case AR_TEMPLATE_FIELD_CURRENCY:
      return g_strdup (self->currency);
    case AR_TEMPLATE_FIELD_LEVEL_NAME:
      return ar_template_level_name (level);
    case AR_TEMPLATE_FIELD_COMPANY_CONTACT_SENTENCE:
      {
        g_autofree char *deadline = ar_letter_format_date (self->deadline);
        return ar_template_contact_sentence (level, self->company.phone, self->company.email,
                                             deadline);
      }
    case AR_TEMPLATE_FIELD_INVOICE_TABLE:
    case AR_N_TEMPLATE_FIELDS:
    default:
      return NULL;
    }
}

typedef struct
{
  const ArLetterData *data;
  guint               level;
} FieldLookup;

static char *
lookup_field (ArTemplateField field, gpointer user_data)
{
  FieldLookup *lookup = user_data;

  return ar_letter_data_get_field (lookup->data, lookup->level, field);
}

ArTemplate *
ar_letter_data_expand (const ArLetterData *self, guint level, const ArTemplate *tmpl,
                       GError **error)
{
  FieldLookup lookup = { self, level };

  g_return_val_if_fail (self != NULL && tmpl != NULL, NULL);

  return ar_template_expand (tmpl, lookup_field, &lookup, error);
}

/* Batch letters ----------------------------------------------------------------------------- */

/* balances_by_oldest_due gives the order (longest overdue first) and the range; the overdue
 * sum of each row reads open_items_by_debtor. ?1 latest due date, ?2 currency or NULL. */
static const char candidates_sql[] =
  "SELECT b.debtor_id, d.external_id, d.name, d.status, b.currency, b.balance,"
  " b.oldest_due_jd,"
  " (SELECT coalesce (sum (o.open), 0) FROM open_items o INDEXED BY open_items_by_debtor"
  "  WHERE o.debtor_id = b.debtor_id AND o.currency = b.currency AND o.due_jd <= ?1)"
  " FROM balances b INDEXED BY balances_by_oldest_due JOIN debtors d ON d.id = b.debtor_id"
  " WHERE b.oldest_due_jd IS NOT NULL AND b.oldest_due_jd <= ?1 AND b.balance > 0"
  " AND (?2 IS NULL OR b.currency = ?2) AND d.cease_contact = 0"
  " AND (d.status = 'active' OR d.status = 'promise' OR d.status = 'plan')"
  " ORDER BY b.oldest_due_jd, b.debtor_id, b.currency";

gboolean
ar_letter_candidates_run (ArLedger *ledger, guint32 as_of, guint min_days, const char *currency,
                          ArLetterCandidateFunc func, gpointer user_data, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (as_of > 0, FALSE);

  stmt = _ar_ledger_prepare (ledger, candidates_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, (gint64) as_of - threshold (min_days));
  if (currency != NULL && currency[0] != '\0')
    sqlite3_bind_text (stmt, 2, currency, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ArLetterCandidate c = { 0 };
      ArDebtorStatus status = AR_STATUS_ACTIVE;

      ar_debtor_status_from_string ((const char *) sqlite3_column_text (stmt, 3), &status);
      c.debtor_id = sqlite3_column_int64 (stmt, 0);
      c.external_id = (const char *) sqlite3_column_text (stmt, 1);
      c.name = (const char *) sqlite3_column_text (stmt, 2);
      c.status = status;
      c.currency = (const char *) sqlite3_column_text (stmt, 4);
      c.balance = sqlite3_column_int64 (stmt, 5);
      c.oldest_due = (guint32) sqlite3_column_int64 (stmt, 6);
      c.overdue = sqlite3_column_int64 (stmt, 7);
      c.days_overdue = (int) ((gint64) as_of - (gint64) c.oldest_due);
      if (!func (&c, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  if (rc != SQLITE_DONE)
    _ar_ledger_set_sql_error (ledger, _("Could not list the debtors for letters"), error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}
