/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-statement"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-country.h"
#include "ar-date.h"
#include "ar-ledger-private.h"
#include "ar-statement.h"

G_DEFINE_QUARK (ar-statement-error-quark, ar_statement_error)

/* The people on a document --------------------------------------------------------------- */

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
append_line (GString *out, const char *line)
{
  if (!is_set (line))
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, line);
}

/* How each country writes the lines after the street, for an envelope window. %C is the city
 * (or town, locality), %S the region (state, province, prefecture, county), %Z the postal
 * code, %n a new line; text between two fields is printed only when both are. A country
 * whose format has no %S never prints the region: its post does not use one (DE, FR, …), and
 * a region printed there only confuses sorting machines.
 *
 * From the UPU's "Postal addressing systems in member countries" sheets (upu.int, Addressing
 * solutions) as compiled in Google's libaddressinput metadata
 * (https://chromium-i18n.appspot.com/ssl-address/data/<CC>, field "fmt"), which Android and
 * Chrome use; the example after each is that country's own. Countries not listed keep the
 * postal code before the city and the region, if any, on a line of its own, since we don't
 * know whether their post needs it. */
static const struct
{
  char        country[3];
  const char *pattern;
} postal_formats[] = {
  { "AT", "%Z %C" },          /* 1010 Wien */
  { "AU", "%C %S %Z" },       /* SYDNEY NSW 2000 */
  { "BE", "%Z %C" },          /* 1000 Bruxelles */
  { "BG", "%Z %C" },          /* 1000 София */
  { "BR", "%C-%S%n%Z" },      /* São Paulo-SP / 01310-100 */
  { "CA", "%C %S %Z" },       /* OTTAWA ON K1A 0B1 */
  { "CH", "%Z %C" },          /* 3003 Bern */
  { "CZ", "%Z %C" },          /* 110 00 Praha 1 */
  { "DE", "%Z %C" },          /* 10115 Berlin */
  { "DK", "%Z %C" },          /* 1050 København K */
  { "ES", "%Z %C %S" },       /* 08001 Barcelona (Barcelona province: the same name once) */
  { "FI", "%Z %C" },          /* 00100 Helsinki */
  { "FR", "%Z %C" },          /* 75008 Paris */
  { "GB", "%C%n%Z" },         /* LONDON / SW1A 2AA: Royal Mail needs no county */
  { "IE", "%C%n%S%n%Z" },     /* Dublin 2 / Co. Dublin / D02 X285 */
  { "IN", "%C %Z%n%S" },      /* Mumbai 400001 / Maharashtra */
  { "IT", "%Z %C %S" },       /* 00184 Roma RM */
  { "JP", "%C, %S %Z" },      /* Chiyoda-ku, Tokyo 100-8994 (Japan Post's romanised order) */
  { "LU", "%Z %C" },          /* L-1009 Luxembourg */
  { "MX", "%Z %C, %S" },      /* 06000 Ciudad de México, CDMX */
  { "NL", "%Z %C" },          /* 1012 JS Amsterdam */
  { "NO", "%Z %C" },          /* 0150 Oslo */
  { "PL", "%Z %C" },          /* 00-950 Warszawa */
  { "PT", "%Z %C" },          /* 1100-148 Lisboa */
  { "SE", "%Z %C" },          /* 111 52 Stockholm */
  { "US", "%C, %S %Z" },      /* Springfield, IL 62704 */
};

static const char *
postal_format (const char *country)
{
  for (guint i = 0; country != NULL && i < G_N_ELEMENTS (postal_formats); i++)
    if (g_ascii_strcasecmp (country, postal_formats[i].country) == 0)
      return postal_formats[i].pattern;
  return "%Z %C%n%S";
}

/* @text without surrounding white space, or NULL when nothing is left. */
static char *
strip_or_null (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (copy[0] == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static gboolean
same_text (const char *a, const char *b)
{
  g_autofree char *x = NULL, *y = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  x = g_utf8_casefold (a, -1);
  y = g_utf8_casefold (b, -1);
  return strcmp (x, y) == 0;
}

char *
ar_postal_address_format (const char *line1, const char *line2, const char *city,
                          const char *region, const char *postal_code, const char *country,
                          const char *sender_country)
{
  g_autofree char *c = strip_or_null (city);
  g_autofree char *s = strip_or_null (region);
  g_autofree char *z = strip_or_null (postal_code);
  g_autofree char *l1 = strip_or_null (line1);
  g_autofree char *l2 = strip_or_null (line2);
  g_autofree char *to = strip_or_null (country);
  g_autofree char *from = strip_or_null (sender_country);
  g_autoptr(GString) line = g_string_new (NULL);
  GString *out = g_string_new (NULL);
  g_autofree char *separator = NULL;  /* the text after the last field printed on the line */

  /* Never the same text twice: a region that is the city ("Madrid, Madrid"). */
  if (same_text (s, c) || same_text (s, z))
    g_clear_pointer (&s, g_free);

  append_line (out, l1);
  append_line (out, l2);
  for (const char *p = postal_format (to); ; p++)
    {
      if (*p == '\0' || (p[0] == '%' && p[1] == 'n'))
        {
          append_line (out, line->str);
          g_string_truncate (line, 0);
          g_clear_pointer (&separator, g_free);
          if (*p == '\0')
            break;
          p++;
        }
      else if (p[0] == '%' && (p[1] == 'C' || p[1] == 'S' || p[1] == 'Z'))
        {
          const char *value = p[1] == 'C' ? c : p[1] == 'S' ? s : z;
          const char *q;

          p++;
          if (value == NULL)
            continue;
          if (line->len > 0 && separator != NULL)
            g_string_append (line, separator);
          g_string_append (line, value);
          /* The literal text up to the next field or line end separates this field from the
           * next one printed. */
          for (q = p + 1; *q != '\0' && *q != '%'; q++)
            ;
          g_clear_pointer (&separator, g_free);
          separator = g_strndup (p + 1, q - (p + 1));
        }
    }

  /* UPU S42: abroad, the last line is the destination country's name in capitals. */
  if (to != NULL && from != NULL && g_ascii_strcasecmp (to, from) != 0)
    {
      const char *name = ar_country_get_name (to);
      g_autofree char *upper = g_utf8_strup (name != NULL ? name : to, -1);
      append_line (out, upper);
    }
  return g_string_free (out, FALSE);
}

static const char *
chunk (GStringChunk *strings, const char *text)
{
  return g_string_chunk_insert_const (strings, text != NULL ? text : "");
}

static const char *
company_field (GHashTable *company, const char *key)
{
  const char *value = g_hash_table_lookup (company, key);

  return value != NULL ? value : "";
}

static gboolean
load_company (ArLedger *ledger, GStringChunk *strings, ArDocumentCompany *out, GError **error)
{
  g_autoptr(GHashTable) company = ar_ledger_get_company (ledger, error);
  g_autofree char *address = NULL;

  if (company == NULL)
    return FALSE;

  /* The sender's own address carries no country line. */
  address = ar_postal_address_format (company_field (company, "address_line1"),
                                      company_field (company, "address_line2"),
                                      company_field (company, "city"),
                                      company_field (company, "region"),
                                      company_field (company, "postal_code"),
                                      company_field (company, "country"),
                                      company_field (company, "country"));
  out->legal_name = chunk (strings, company_field (company, "legal_name"));
  out->trade_name = chunk (strings, company_field (company, "trade_name"));
  /* Letters name the creditor by its legal name, so that the sender is never mistaken for
   * someone else; the trade name stands in only when no legal name was entered. */
  out->name = is_set (out->legal_name) ? out->legal_name : out->trade_name;
  out->address = chunk (strings, address);
  out->country = chunk (strings, company_field (company, "country"));
  out->phone = chunk (strings, company_field (company, "phone"));
  out->email = chunk (strings, company_field (company, "email"));
  out->website = chunk (strings, company_field (company, "website"));
  out->tax_id = chunk (strings, company_field (company, "tax_id"));
  out->payment_instructions = chunk (strings, company_field (company, "payment_instructions"));
  out->bank_account = chunk (strings, company_field (company, "bank_account"));
  out->iban = chunk (strings, company_field (company, "iban"));
  out->bic = chunk (strings, company_field (company, "bic"));
  out->routing_number = chunk (strings, company_field (company, "routing_number"));
  out->signature_name = chunk (strings, company_field (company, "signature_name"));
  return TRUE;
}

static gboolean
load_address (ArLedger *ledger, gint64 debtor_id, const char *sender_country,
              GStringChunk *strings, ArDocumentDebtor *out, GError **error)
{
  /* A valid address before an unverified one, each kind in the order they were added; bad
   * addresses and those that returned mail are never printed. */
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT line1, line2, city, region, postal_code, country FROM addresses"
    " WHERE debtor_id = ?1 AND (status = 'valid' OR status = 'unverified')"
    " ORDER BY status = 'valid' DESC, id LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *address = NULL;
      const char *col[6];

      for (int i = 0; i < 6; i++)
        col[i] = (const char *) sqlite3_column_text (stmt, i);
      address = ar_postal_address_format (col[0], col[1], col[2], col[3], col[4], col[5],
                                          sender_country);
      out->address = chunk (strings, address);
      out->has_address = TRUE;
    }
  else if (rc == SQLITE_DONE)
    {
      out->address = chunk (strings, "");
      out->has_address = FALSE;
    }
  else
    {
      _ar_ledger_set_sql_error (ledger, _("Could not read the debtor’s address"), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
ar_document_parties_load (ArLedger *ledger, const ArDebtorLedger *account, GStringChunk *strings,
                          ArDocumentDebtor *debtor, ArDocumentCompany *company, GError **error)
{
  ArDocumentCompany sender = { 0 };

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (account != NULL && strings != NULL, FALSE);

  if (!load_company (ledger, strings, &sender, error))
    return FALSE;
  if (company != NULL)
    *company = sender;
  if (debtor == NULL)
    return TRUE;

  memset (debtor, 0, sizeof *debtor);
  debtor->id = account->debtor.id;
  debtor->external_id = chunk (strings, account->debtor.external_id);
  debtor->name = chunk (strings, account->debtor.name);
  debtor->company = chunk (strings, account->debtor.company);
  debtor->contact_person = chunk (strings, account->debtor.contact_person);
  debtor->language = chunk (strings, account->debtor.language);
  debtor->country = chunk (strings, account->debtor.country);
  debtor->cease_contact = account->debtor.cease_contact;
  return load_address (ledger, account->debtor.id, sender.country, strings, debtor, error);
}

/* Building --------------------------------------------------------------------------------- */

void
ar_statement_free (ArStatement *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->open_items, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

static const char *
chunk_or_null (GStringChunk *strings, const char *text)
{
  return text != NULL ? g_string_chunk_insert_const (strings, text) : NULL;
}

/* The journal part: opening balance, the lines of the period, closing balance. The running
 * balances are the debtor ledger's (from the first entry in the currency on). */
static void
collect_lines (ArStatement *self, const ArDebtorLedger *account)
{
  gboolean any = FALSE;
  gint64 last = 0;

  for (guint i = 0; i < account->entries->len; i++)
    {
      const ArDebtorEntry *e = &g_array_index (account->entries, ArDebtorEntry, i);
      ArStatementLine line = { 0 };

      if (strcmp (e->currency, self->currency) != 0 || e->date > self->to)
        continue;
      if (e->date < self->from)
        {
          self->opening_balance = e->running_balance;
          continue;
        }

      line.entry_id = e->id;
      line.date = e->date;
      line.kind = e->kind;
      line.reference = chunk (self->strings, e->reference);
      line.description = chunk (self->strings, e->memo);
      line.invoice_number = chunk_or_null (self->strings, e->invoice_number);
      line.debit = e->amount > 0 ? e->amount : 0;
      line.credit = e->amount < 0 ? -e->amount : 0;
      line.running_balance = e->running_balance;
      line.reverses_id = e->reverses_id;
      if (e->reversed_by_id != 0)
        {
          const ArDebtorEntry *r = ar_debtor_ledger_find_entry (account, e->reversed_by_id);
          line.reversed = r != NULL && r->date <= self->to;
        }
      self->total_debits += line.debit;
      self->total_credits += line.credit;
      last = line.running_balance;
      any = TRUE;
      g_array_append_val (self->lines, line);
    }
  self->closing_balance = any ? last : self->opening_balance;
}

/* The allocation part: open items, aging and credit on account as of @to. */
static gboolean
collect_open_items (ArStatement *self, ArLedger *ledger, const ArDebtorLedger *account,
                    GError **error)
{
  ArAllocResult result;

  ar_alloc_result_init (&result);
  if (!_ar_ledger_allocate_debtor (ledger, self->debtor_id, self->currency, self->to, &result,
                                   error))
    {
      ar_alloc_result_clear (&result);
      return FALSE;
    }

  /* The allocation lists its items oldest due date first, ties by invoice number. */
  for (guint i = 0; i < result.items->len; i++)
    {
      const ArOpenItem *o = &g_array_index (result.items, ArOpenItem, i);
      const ArDebtorEntry *e = ar_debtor_ledger_find_entry (account, o->entry_id);
      ArStatementItem item = { 0 };
      guint32 aged_from;
      int days;

      if (o->open == 0)
        continue;
      item.entry_id = o->entry_id;
      item.kind = o->kind;
      item.invoice_id = o->invoice_id;
      item.invoice_number = e != NULL ? chunk_or_null (self->strings, e->invoice_number) : NULL;
      item.description = chunk (self->strings, e != NULL ? e->memo : NULL);
      item.issue_date = o->issue;
      item.due_date = o->due;
      days = (int) ((gint64) self->to - (gint64) o->due);
      item.days_overdue = MAX (days, 0);
      item.amount = o->amount;
      item.open = o->open;
      g_array_append_val (self->open_items, item);

      self->open_total += o->open;
      if (days > 0)
        self->overdue_total += o->open;
      aged_from = self->aging.basis == AR_AGING_BY_DUE_DATE ? o->due : o->issue;
      self->buckets[ar_aging_bucket_for_days (&self->aging,
                                              (int) ((gint64) self->to - (gint64) aged_from))]
        += o->open;
    }
  self->unapplied = result.unapplied;
  self->amount_due = MAX (self->closing_balance, 0);
  ar_alloc_result_clear (&result);
  return TRUE;
}

static gboolean
build_parts (ArStatement *self, ArLedger *ledger, GError **error)
{
  g_autoptr(ArDebtorLedger) account = ar_debtor_ledger_load (ledger, self->debtor_id, error);

  if (account == NULL ||
      !ar_document_parties_load (ledger, account, self->strings, &self->debtor, &self->company,
                                 error))
    return FALSE;
  collect_lines (self, account);
  return collect_open_items (self, ledger, account, error);
}

ArStatement *
ar_statement_build (ArLedger *ledger, gint64 debtor_id, const char *currency, guint32 from,
                    guint32 to, GError **error)
{
  g_autoptr(ArStatement) self = NULL;
  gboolean own_transaction, ok;
  ArAgingConfig aging;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  if (currency == NULL || !ar_currency_is_valid (currency))
    {
      g_set_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INVALID,
                   _("currency: “%s” is not an ISO 4217 currency code (e.g. USD, EUR)"),
                   currency != NULL ? currency : "");
      return NULL;
    }
  if (from == 0 || to == 0 || from > to)
    {
      char a[11] = "", b[11] = "";
      g_set_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INVALID,
                   _("period: a statement needs a first and a last day, in that order (%s to %s)"),
                   from ? ar_date_format_julian (from, a) : "?",
                   to ? ar_date_format_julian (to, b) : "?");
      return NULL;
    }
  if (!ar_aging_config_load (&aging, ledger, error))
    return NULL;

  /* Inside a caller's write transaction the stored allocation may be stale until commit. */
  if (!_ar_ledger_flush_debtor (ledger, debtor_id, error))
    return NULL;

  self = g_new0 (ArStatement, 1);
  self->debtor_id = debtor_id;
  g_strlcpy (self->currency, currency, sizeof self->currency);
  self->from = from;
  self->to = to;
  self->aging = aging;
  self->n_buckets = aging.n_limits + 2;
  self->strings = g_string_chunk_new (1024);
  self->lines = g_array_new (FALSE, FALSE, sizeof (ArStatementLine));
  self->open_items = g_array_new (FALSE, FALSE, sizeof (ArStatementItem));

  /* One snapshot for the journal, the address, the company and the allocation. */
  own_transaction = sqlite3_get_autocommit (_ar_ledger_get_db (ledger));
  if (own_transaction && !_ar_ledger_exec (ledger, "BEGIN", error))
    return NULL;
  ok = build_parts (self, ledger, error);
  if (own_transaction)
    _ar_ledger_exec (ledger, "COMMIT", NULL);

  if (!ok || !ar_statement_validate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Validation ------------------------------------------------------------------------------- */

/* Overflow-checked sums: a statement whose fields were tampered with may hold any gint64. */
static gboolean
add_to (gint64 *sum, gint64 value)
{
  return ar_money_add (*sum, value, sum, NULL);
}

static gboolean
overflow (GError **error)
{
  g_set_error_literal (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT,
                       _("statement: the figures are too large to add up"));
  return FALSE;
}

#define MONEY(var, value) g_autofree char *var = ar_money_format_plain ((value), self->currency)

gboolean
ar_statement_validate (const ArStatement *self, GError **error)
{
  gint64 debits = 0, credits = 0, running, expected, open = 0, buckets = 0, balance;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!ar_currency_is_valid (self->currency))
    {
      g_set_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT,
                   _("statement: “%s” is not a currency code"), self->currency);
      return FALSE;
    }

  /* The journal: each line follows from the one before it. */
  running = self->opening_balance;
  for (guint i = 0; i < self->lines->len; i++)
    {
      const ArStatementLine *l = &g_array_index (self->lines, ArStatementLine, i);

      if (l->debit < 0 || l->credit < 0 || (l->debit > 0) == (l->credit > 0))
        {
          MONEY (d, l->debit);
          MONEY (c, l->credit);
          g_set_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT,
                       _("statement: line %u (entry %" G_GINT64_FORMAT ") has debit %s and "
                         "credit %s; exactly one must be positive"), i + 1, l->entry_id, d, c);
          return FALSE;
        }
      if (!add_to (&running, l->debit) || !ar_money_sub (running, l->credit, &running, NULL) ||
          !add_to (&debits, l->debit) || !add_to (&credits, l->credit))
        return overflow (error);
      if (l->running_balance != running)
        {
          MONEY (shown, l->running_balance);
          MONEY (computed, running);
          g_set_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT,
                       _("statement: line %u (entry %" G_GINT64_FORMAT ") shows a running "
                         "balance of %s %s, but the lines before it add up to %s %s"),
                       i + 1, l->entry_id, shown, self->currency, computed, self->currency);
          return FALSE;
        }
    }
  if (debits != self->total_debits || credits != self->total_credits)
    {
      MONEY (td, self->total_debits);
      MONEY (tc, self->total_credits);
      MONEY (d, debits);
      MONEY (c, credits);
      g_set_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT,
                   _("statement: the totals (debits %s, credits %s) are not the sums of the "
                     "lines (debits %s, credits %s) in %s"), td, tc, d, c, self->currency);
      return FALSE;
    }
  if (!ar_money_add (self->opening_balance, debits, &expected, NULL) ||
      !ar_money_sub (expected, credits, &expected, NULL))
    return overflow (error);
  if (self->closing_balance != expected)
    {
      MONEY (closing, self->closing_balance);
      MONEY (opening, self->opening_balance);
      MONEY (d, debits);
      MONEY (c, credits);
      MONEY (e, expected);
      g_set_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT,
                   _("statement: the closing balance %s is not the opening balance %s plus "
                     "debits %s minus credits %s, which is %s (%s)"),
                   closing, opening, d, c, e, self->currency);
      return FALSE;
    }

  /* The open items and their aging. */
  for (guint i = 0; i < self->open_items->len; i++)
    {
      const ArStatementItem *item = &g_array_index (self->open_items, ArStatementItem, i);

      if (item->open <= 0 || item->open > item->amount)
        {
          MONEY (o, item->open);
          MONEY (a, item->amount);
          g_set_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT,
                       _("statement: open item %u (entry %" G_GINT64_FORMAT ") has %s open of "
                         "%s; the open amount must be above zero and at most the original"),
                       i + 1, item->entry_id, o, a);
          return FALSE;
        }
      if (!add_to (&open, item->open))
        return overflow (error);
    }
  if (self->n_buckets == 0 || self->n_buckets > AR_AGING_MAX_BUCKETS)
    {
      g_set_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT,
                   _("statement: %u aging buckets (1 to %u expected)"),
                   self->n_buckets, (guint) AR_AGING_MAX_BUCKETS);
      return FALSE;
    }
  for (guint b = 0; b < self->n_buckets; b++)
    if (!add_to (&buckets, self->buckets[b]))
      return overflow (error);
  if (open != self->open_total || buckets != open)
    {
      MONEY (items, open);
      MONEY (total, self->open_total);
      MONEY (aged, buckets);
      g_set_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT,
                   _("statement: the open items add up to %s, the open total is %s and the "
                     "aging buckets add up to %s (%s); all three must be equal"),
                   items, total, aged, self->currency);
      return FALSE;
    }
  if (self->unapplied < 0 || !ar_money_sub (open, self->unapplied, &balance, NULL))
    {
      MONEY (u, self->unapplied);
      g_set_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT,
                   _("statement: the unapplied credit %s %s is not a valid amount"),
                   u, self->currency);
      return FALSE;
    }
  if (balance != self->closing_balance)
    {
      MONEY (items, open);
      MONEY (u, self->unapplied);
      MONEY (b, balance);
      MONEY (closing, self->closing_balance);
      g_set_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT,
                   _("statement: the open items %s minus the unapplied credit %s make %s, but "
                     "the closing balance is %s (%s)"),
                   items, u, b, closing, self->currency);
      return FALSE;
    }
  if (self->amount_due != MAX (self->closing_balance, 0))
    {
      MONEY (due, self->amount_due);
      MONEY (closing, self->closing_balance);
      g_set_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT,
                   _("statement: the amount due %s does not follow from the closing balance "
                     "%s (%s)"), due, closing, self->currency);
      return FALSE;
    }
  return TRUE;
}
