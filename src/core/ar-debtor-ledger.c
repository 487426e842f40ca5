/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-debtor-ledger"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-debtor-ledger.h"
#include "ar-ledger-private.h"

static const char *
chunk_text (ArDebtorLedger *self, sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_string_chunk_insert_const (self->strings, text != NULL ? text : "");
}

static void
clear_entry (gpointer data)
{
  ArDebtorEntry *entry = data;

  g_clear_pointer (&entry->allocations, g_array_unref);
}

void
ar_debtor_ledger_free (ArDebtorLedger *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->contacts, g_array_unref);
  g_clear_pointer (&self->balances, g_array_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->open_items, g_array_unref);
  g_clear_pointer (&self->entry_index, g_hash_table_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

/* A statement that failed while stepping: report it and leave it reset. */
static gboolean
step_failed (ArLedger *ledger, sqlite3_stmt *stmt, GError **error)
{
  _ar_ledger_set_sql_error (ledger, _("Could not read the debtor’s account"), error);
  sqlite3_reset (stmt);
  return FALSE;
}

typedef void (*RowFunc) (ArDebtorLedger *self,
                         sqlite3_stmt   *stmt,
                         gpointer        data);

/* Runs @sql (a literal whose ?1 is the debtor) and hands each row to @func with @self. */
static gboolean
for_each_row (ArDebtorLedger *self, ArLedger *ledger, const char *sql, gint64 debtor_id,
              RowFunc func, gpointer data, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (self, stmt, data);
  if (rc != SQLITE_DONE)
    return step_failed (ledger, stmt, error);
  sqlite3_reset (stmt);
  return TRUE;
}

static void
read_details (ArDebtorLedger *self, sqlite3_stmt *stmt, gpointer data)
{
  ArDebtorDetails *d = &self->debtor;

  d->id = sqlite3_column_int64 (stmt, 0);
  d->external_id = chunk_text (self, stmt, 1);
  ar_debtor_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &d->kind);
  d->name = chunk_text (self, stmt, 3);
  d->company = chunk_text (self, stmt, 4);
  d->contact_person = chunk_text (self, stmt, 5);
  d->language = chunk_text (self, stmt, 6);
  d->country = chunk_text (self, stmt, 7);
  d->region = chunk_text (self, stmt, 8);
  d->time_zone = chunk_text (self, stmt, 9);
  ar_debtor_status_from_string ((const char *) sqlite3_column_text (stmt, 10), &d->status);
  d->cease_contact = sqlite3_column_int (stmt, 11) != 0;
  d->tags = chunk_text (self, stmt, 12);
  d->notes = chunk_text (self, stmt, 13);
  d->created_at = chunk_text (self, stmt, 14);
}

/* Contacts: label, status, source and since, then the value (an address in six columns), then
 * the row id. */
static void
read_contact (ArDebtorLedger *self, sqlite3_stmt *stmt, gpointer data)
{
  ArDebtorContact c = { GPOINTER_TO_INT (data), NULL, NULL, AR_CONTACT_UNVERIFIED };

  c.label = chunk_text (self, stmt, 0);
  ar_contact_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &c.status);
  c.source = chunk_text (self, stmt, 2);
  c.since = _ar_column_julian (stmt, 3);
  c.id = sqlite3_column_int64 (stmt, sqlite3_column_count (stmt) - 1);
  if (c.kind == AR_DEBTOR_CONTACT_ADDRESS)
    {
      g_autoptr(GString) value = g_string_new (NULL);

      for (int col = 4; col < sqlite3_column_count (stmt) - 1; col++)
        {
          const char *part = (const char *) sqlite3_column_text (stmt, col);

          if (part == NULL || part[0] == '\0')
            continue;
          if (value->len > 0)
            g_string_append (value, ", ");
          g_string_append (value, part);
        }
      c.value = g_string_chunk_insert_const (self->strings, value->str);
    }
  else
    c.value = chunk_text (self, stmt, 4);
  g_array_append_val (self->contacts, c);
}

static void
read_balance (ArDebtorLedger *self, sqlite3_stmt *stmt, gpointer data)
{
  ArDebtorBalance b = { "" };

  g_strlcpy (b.currency, (const char *) sqlite3_column_text (stmt, 0), sizeof b.currency);
  b.balance = sqlite3_column_int64 (stmt, 1);
  b.open = sqlite3_column_int64 (stmt, 2);
  b.unapplied = sqlite3_column_int64 (stmt, 3);
  b.oldest_due = (guint32) sqlite3_column_int64 (stmt, 4);
  g_array_append_val (self->balances, b);
}

typedef struct
{
  char   currency[4];
  gint64 balance;
} Running;

static gint64 *
running_for (GArray *running, const char *currency)
{
  Running r = { "" };

  for (guint i = 0; i < running->len; i++)
    if (strcmp (g_array_index (running, Running, i).currency, currency) == 0)
      return &g_array_index (running, Running, i).balance;
  g_strlcpy (r.currency, currency, sizeof r.currency);
  g_array_append_val (running, r);
  return &g_array_index (running, Running, running->len - 1).balance;
}

/* Entries in date order; @data is the GArray of running balances per currency. */
static void
read_entry (ArDebtorLedger *self, sqlite3_stmt *stmt, gpointer data)
{
  ArDebtorEntry e = { 0 };
  ArEntryKind target_kind = AR_ENTRY_PAYMENT;
  gboolean debit;
  gint64 *balance;

  e.id = sqlite3_column_int64 (stmt, 0);
  e.date = _ar_column_julian (stmt, 1);
  ar_entry_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &e.kind);
  g_strlcpy (e.currency, (const char *) sqlite3_column_text (stmt, 3), sizeof e.currency);
  e.reference = chunk_text (self, stmt, 5);
  e.memo = chunk_text (self, stmt, 6);
  e.invoice_id = sqlite3_column_int64 (stmt, 7);
  e.invoice_number = sqlite3_column_type (stmt, 8) != SQLITE_NULL
                     ? chunk_text (self, stmt, 8) : NULL;
  e.reverses_id = sqlite3_column_int64 (stmt, 9);
  e.reversed_by_id = sqlite3_column_int64 (stmt, 11);

  /* A reversal takes the opposite side of the entry it cancels. */
  if (e.kind == AR_ENTRY_REVERSAL)
    {
      ar_entry_kind_from_string ((const char *) sqlite3_column_text (stmt, 10), &target_kind);
      debit = !ar_entry_kind_is_debit (target_kind);
    }
  else
    debit = ar_entry_kind_is_debit (e.kind);
  e.amount = debit ? sqlite3_column_int64 (stmt, 4) : -sqlite3_column_int64 (stmt, 4);

  /* The ledger caps every amount so that no realistic sum can overflow. */
  balance = running_for (data, e.currency);
  *balance += e.amount;
  e.running_balance = *balance;

  g_array_append_val (self->entries, e);
  g_hash_table_insert (self->entry_index, g_memdup2 (&e.id, sizeof e.id),
                       GUINT_TO_POINTER (self->entries->len));
}

static ArDebtorEntry *
lookup_entry (ArDebtorLedger *self, gint64 entry_id)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->entry_index, &entry_id));

  return index > 0 ? &g_array_index (self->entries, ArDebtorEntry, index - 1) : NULL;
}

static void
add_allocation (ArDebtorEntry *entry, gint64 other_id, gint64 amount, gboolean paid_by)
{
  ArEntryAllocation a = { other_id, amount, paid_by };

  if (entry == NULL)
    return;
  if (entry->allocations == NULL)
    entry->allocations = g_array_new (FALSE, FALSE, sizeof (ArEntryAllocation));
  g_array_append_val (entry->allocations, a);
}

/* Each allocation is listed under both of its entries. */
static void
read_allocation (ArDebtorLedger *self, sqlite3_stmt *stmt, gpointer data)
{
  gint64 source = sqlite3_column_int64 (stmt, 0);
  gint64 target = sqlite3_column_int64 (stmt, 1);
  gint64 amount = sqlite3_column_int64 (stmt, 2);

  add_allocation (lookup_entry (self, source), target, amount, FALSE);
  add_allocation (lookup_entry (self, target), source, amount, TRUE);
}

static void
read_open_item (ArDebtorLedger *self, sqlite3_stmt *stmt, gpointer data)
{
  ArDebtorOpenItem item = { 0 };

  item.entry_id = sqlite3_column_int64 (stmt, 0);
  item.invoice_id = sqlite3_column_int64 (stmt, 2);
  g_strlcpy (item.currency, (const char *) sqlite3_column_text (stmt, 4), sizeof item.currency);
  if (item.invoice_id != 0)
    {
      item.kind = AR_ENTRY_INVOICE;
      item.invoice_number = chunk_text (self, stmt, 3);
      item.issue_date = _ar_column_julian (stmt, 5);
      item.due_date = _ar_column_julian (stmt, 6);
    }
  else
    {
      ar_entry_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &item.kind);
      item.issue_date = (guint32) sqlite3_column_int64 (stmt, 7);
      item.due_date = (guint32) sqlite3_column_int64 (stmt, 8);
    }
  item.amount = sqlite3_column_int64 (stmt, 9);
  item.open = sqlite3_column_int64 (stmt, 10);
  g_array_append_val (self->open_items, item);
}

static int
compare_open_items (gconstpointer pa, gconstpointer pb)
{
  const ArDebtorOpenItem *a = pa, *b = pb;
  int c;

  if (a->due_date != b->due_date)
    return a->due_date < b->due_date ? -1 : 1;
  if (a->invoice_number != NULL && b->invoice_number != NULL &&
      (c = strcmp (a->invoice_number, b->invoice_number)) != 0)
    return c;
  return (a->entry_id > b->entry_id) - (a->entry_id < b->entry_id);
}

static gboolean
load_parts (ArDebtorLedger *self, ArLedger *ledger, gint64 debtor_id, GError **error)
{
  g_autoptr(GArray) running = g_array_new (FALSE, FALSE, sizeof (Running));

  if (!for_each_row (self, ledger,
        "SELECT id, external_id, kind, name, company, contact_person, language, country,"
        " region, time_zone, status, cease_contact, tags, notes, created_at"
        " FROM debtors WHERE id = ?1",
        debtor_id, read_details, NULL, error))
    return FALSE;
  if (self->debtor.id == 0)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
                   _("debtor: there is no debtor number %" G_GINT64_FORMAT), debtor_id);
      return FALSE;
    }

  return for_each_row (self, ledger,
           "SELECT label, status, source, since, line1, line2, city, region, postal_code,"
           " country, id FROM addresses WHERE debtor_id = ?1 ORDER BY id",
           debtor_id, read_contact, GINT_TO_POINTER (AR_DEBTOR_CONTACT_ADDRESS), error) &&
         for_each_row (self, ledger,
           "SELECT label, status, source, since, number, id FROM phones"
           " WHERE debtor_id = ?1 ORDER BY id",
           debtor_id, read_contact, GINT_TO_POINTER (AR_DEBTOR_CONTACT_PHONE), error) &&
         for_each_row (self, ledger,
           "SELECT label, status, source, since, address, id FROM emails"
           " WHERE debtor_id = ?1 ORDER BY id",
           debtor_id, read_contact, GINT_TO_POINTER (AR_DEBTOR_CONTACT_EMAIL), error) &&
         for_each_row (self, ledger,
           "SELECT currency, balance, open, unapplied, oldest_due_jd FROM balances"
           " WHERE debtor_id = ?1 ORDER BY currency",
           debtor_id, read_balance, NULL, error) &&
         for_each_row (self, ledger,
           "SELECT e.id, e.date, e.kind, e.currency, e.amount, e.reference, e.memo,"
           " e.invoice_id, i.number, e.reverses_id, t.kind, r.id"
           " FROM entries e LEFT JOIN invoices i ON i.id = e.invoice_id"
           " LEFT JOIN entries t ON t.id = e.reverses_id"
           " LEFT JOIN entries r ON r.reverses_id = e.id"
           " WHERE e.debtor_id = ?1 ORDER BY e.date, e.id",
           debtor_id, read_entry, running, error) &&
         for_each_row (self, ledger,
           "SELECT source_id, target_id, amount FROM allocations WHERE debtor_id = ?1"
           " ORDER BY currency, seq",
           debtor_id, read_allocation, NULL, error) &&
         /* An invoice's items (the invoice, its fees and interest) are one row; an item that
          * belongs to no invoice (a fee of its own, a refund beyond the credit) is its own. */
         for_each_row (self, ledger,
           "SELECT min (o.entry_id), max (e.kind), o.invoice_id, i.number, o.currency,"
           " i.issue_date, i.due_date, min (o.issue_jd), min (o.due_jd),"
           " coalesce (i.amount, max (e.amount)), sum (o.open)"
           " FROM open_items o JOIN entries e ON e.id = o.entry_id"
           " LEFT JOIN invoices i ON i.id = o.invoice_id"
           " WHERE o.debtor_id = ?1 GROUP BY coalesce (o.invoice_id, -o.entry_id)",
           debtor_id, read_open_item, NULL, error);
}

ArDebtorLedger *
ar_debtor_ledger_load (ArLedger *ledger, gint64 debtor_id, GError **error)
{
  g_autoptr(ArDebtorLedger) self = NULL;
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  /* Inside a caller's write transaction the stored allocation may be stale until commit. */
  if (!_ar_ledger_flush_debtor (ledger, debtor_id, error))
    return NULL;

  self = g_new0 (ArDebtorLedger, 1);
  self->strings = g_string_chunk_new (1024);
  self->contacts = g_array_new (FALSE, FALSE, sizeof (ArDebtorContact));
  self->balances = g_array_new (FALSE, FALSE, sizeof (ArDebtorBalance));
  self->entries = g_array_new (FALSE, FALSE, sizeof (ArDebtorEntry));
  g_array_set_clear_func (self->entries, clear_entry);
  self->open_items = g_array_new (FALSE, FALSE, sizeof (ArDebtorOpenItem));
  self->entry_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* One snapshot for all the parts (a writer may commit between two of the queries). */
  own_transaction = sqlite3_get_autocommit (_ar_ledger_get_db (ledger));
  if (own_transaction && !_ar_ledger_exec (ledger, "BEGIN", error))
    return NULL;
  ok = load_parts (self, ledger, debtor_id, error);
  if (ok)
    g_array_sort (self->open_items, compare_open_items);
  if (own_transaction)
    _ar_ledger_exec (ledger, "COMMIT", NULL);
  return ok ? g_steal_pointer (&self) : NULL;
}

const ArDebtorEntry *
ar_debtor_ledger_find_entry (const ArDebtorLedger *self, gint64 entry_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  return lookup_entry ((ArDebtorLedger *) self, entry_id);
}

static void
read_currency (ArDebtorLedger *self, sqlite3_stmt *stmt, gpointer data)
{
  g_strv_builder_add (data, (const char *) sqlite3_column_text (stmt, 0));
}

GStrv
ar_debtor_ledger_get_currencies (ArLedger *ledger, gint64 debtor_id, GError **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  if (!for_each_row (NULL, ledger,
                     "SELECT DISTINCT currency FROM entries WHERE debtor_id = ?1 ORDER BY currency",
                     debtor_id, read_currency, builder, error))
    return NULL;
  return g_strv_builder_end (builder);
}
