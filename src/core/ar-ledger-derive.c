/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-ledger-derive"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-ledger-private.h"

/* The stored allocation: tables allocations, open_items and balances, rebuilt for a debtor from
 * its journal by ar_allocate() whenever the journal changed. A debtor is read with one query
 * (all currencies), its old rows are deleted only if it had any, and the new rows of many
 * debtors are written together with multi-row INSERTs — an import recomputes every debtor it
 * touched before it commits. */

#define BATCH_ROWS 4096

typedef struct
{
  gint64 debtor_id;
  char   currency[4];
  gint64 source_id;
  gint64 target_id;
  gint64 amount;
  int    seq;
} AllocationRow;

typedef struct
{
  gint64 debtor_id;
  char   currency[4];
  gint64 entry_id;
  gint64 invoice_id;
  gint64 due;
  gint64 issue;
  gint64 open;
} OpenItemRow;

typedef struct
{
  gint64 debtor_id;
  char   currency[4];
  gint64 balance;
  gint64 open;
  gint64 unapplied;
  gint64 oldest_due;  /* 0 = none */
} BalanceRow;

struct _ArDerivedBatch
{
  GArray        *allocations;
  GArray        *items;
  GArray        *balances;
  GArray        *entries;   /* scratch: one debtor's journal */
  GStringChunk  *strings;   /* scratch: its invoice numbers */
  ArAllocResult  result;    /* scratch */
};

ArDerivedBatch *
_ar_derived_batch_new (void)
{
  ArDerivedBatch *batch = g_new0 (ArDerivedBatch, 1);

  batch->allocations = g_array_new (FALSE, FALSE, sizeof (AllocationRow));
  batch->items = g_array_new (FALSE, FALSE, sizeof (OpenItemRow));
  batch->balances = g_array_new (FALSE, FALSE, sizeof (BalanceRow));
  batch->entries = g_array_new (FALSE, FALSE, sizeof (ArAllocEntry));
  batch->strings = g_string_chunk_new (1024);
  ar_alloc_result_init (&batch->result);
  return batch;
}

void
_ar_derived_batch_free (ArDerivedBatch *batch)
{
  if (batch == NULL)
    return;
  g_array_unref (batch->allocations);
  g_array_unref (batch->items);
  g_array_unref (batch->balances);
  g_array_unref (batch->entries);
  g_string_chunk_free (batch->strings);
  ar_alloc_result_clear (&batch->result);
  g_free (batch);
}

gboolean
_ar_derived_batch_is_full (ArDerivedBatch *batch)
{
  return batch->allocations->len + batch->items->len + batch->balances->len >= BATCH_ROWS;
}

/* Collects the rows of one (debtor, currency) from the allocation in batch->result. */
static void
collect (ArDerivedBatch *batch, gint64 debtor_id, const char *currency)
{
  const ArAllocResult *r = &batch->result;
  BalanceRow b = { debtor_id, "", r->balance, 0, r->unapplied, 0 };

  g_strlcpy (b.currency, currency, sizeof b.currency);
  for (guint i = 0; i < r->allocations->len; i++)
    {
      const ArAllocation *a = &g_array_index (r->allocations, ArAllocation, i);
      AllocationRow row = { debtor_id, "", a->source_id, a->target_id, a->amount, (int) i };
      gboolean merged = FALSE;

      /* The same credit can pay the same debit in two steps (named, then from the pool). */
      for (guint j = batch->allocations->len; j-- > 0;)
        {
          AllocationRow *prev = &g_array_index (batch->allocations, AllocationRow, j);
          if (prev->debtor_id != debtor_id)
            break;
          if (prev->source_id == a->source_id && prev->target_id == a->target_id)
            {
              prev->amount += a->amount;
              merged = TRUE;
              break;
            }
        }
      if (merged)
        continue;
      memcpy (row.currency, b.currency, sizeof row.currency);
      g_array_append_val (batch->allocations, row);
    }
  for (guint i = 0; i < r->items->len; i++)
    {
      const ArOpenItem *item = &g_array_index (r->items, ArOpenItem, i);
      OpenItemRow row = { debtor_id, "", item->entry_id, item->invoice_id, item->due,
                          item->issue, item->open };

      if (item->open == 0)
        continue;
      b.open += item->open;
      if (b.oldest_due == 0 || item->due < b.oldest_due)
        b.oldest_due = item->due;
      memcpy (row.currency, b.currency, sizeof row.currency);
      g_array_append_val (batch->items, row);
    }
  if (r->items->len > 0 || r->unapplied != 0)
    g_array_append_val (batch->balances, b);
}

/* Deletes the debtor's stored rows, if it has any: a debtor without a balances row has never
 * been allocated (a new one, in an import), which saves three deletes per debtor. */
static gboolean
delete_stored (ArLedger *self, gint64 debtor_id, GError **error)
{
  static const char * const clear_sql[] = {
    "DELETE FROM allocations WHERE debtor_id = ?1",
    "DELETE FROM open_items WHERE debtor_id = ?1",
    "DELETE FROM balances WHERE debtor_id = ?1",
  };
  sqlite3_stmt *stmt = _ar_ledger_prepare (self,
    "SELECT 1 FROM balances WHERE debtor_id = ?1 LIMIT 1", error);
  gboolean stored;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  stored = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!stored)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (clear_sql); i++)
    {
      if ((stmt = _ar_ledger_prepare (self, clear_sql[i], error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, debtor_id);
      if (!_ar_ledger_step_done (self, stmt, _("Could not update the allocation"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_ar_ledger_derive_debtor (ArLedger *self, gint64 debtor_id, ArDerivedBatch *batch,
                          GError **error)
{
  sqlite3_stmt *stmt;
  char currency[4] = "";
  int rc;

  if (!delete_stored (self, debtor_id, error))
    return FALSE;

  stmt = _ar_ledger_prepare (self,
    "SELECT e.currency, " AR_ALLOC_ENTRY_COLUMNS
    " FROM entries e LEFT JOIN invoices i ON i.id = e.invoice_id"
    " WHERE e.debtor_id = ?1 ORDER BY e.currency", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);

  g_array_set_size (batch->entries, 0);
  g_string_chunk_clear (batch->strings);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *c = (const char *) sqlite3_column_text (stmt, 0);
      ArAllocEntry e;

      /* One currency at a time: sums never mix currencies. */
      if (strcmp (c, currency) != 0)
        {
          if (batch->entries->len > 0)
            {
              ar_allocate ((const ArAllocEntry *) (gpointer) batch->entries->data,
                           batch->entries->len, &batch->result);
              collect (batch, debtor_id, currency);
            }
          g_array_set_size (batch->entries, 0);
          g_strlcpy (currency, c, sizeof currency);
        }
      _ar_alloc_entry_from_row (stmt, 1, batch->strings, &e);
      g_array_append_val (batch->entries, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (self, _("Could not read the debtor’s entries"), error);
  if (batch->entries->len > 0)
    {
      ar_allocate ((const ArAllocEntry *) (gpointer) batch->entries->data, batch->entries->len,
                   &batch->result);
      collect (batch, debtor_id, currency);
    }
  return TRUE;
}

static ArBulkInsert allocation_insert = {
  "allocations", "source_id, target_id, debtor_id, currency, amount, seq", 6, { NULL, NULL },
};
static ArBulkInsert open_item_insert = {
  "open_items", "entry_id, debtor_id, currency, invoice_id, due_jd, issue_jd, open", 7,
  { NULL, NULL },
};
static ArBulkInsert balance_insert = {
  "balances", "debtor_id, currency, balance, open, unapplied, oldest_due_jd", 6, { NULL, NULL },
};

static void
bind_allocation (sqlite3_stmt *stmt, int i, gconstpointer data)
{
  const AllocationRow *r = data;

  sqlite3_bind_int64 (stmt, i, r->source_id);
  sqlite3_bind_int64 (stmt, i + 1, r->target_id);
  sqlite3_bind_int64 (stmt, i + 2, r->debtor_id);
  sqlite3_bind_text (stmt, i + 3, r->currency, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, i + 4, r->amount);
  sqlite3_bind_int (stmt, i + 5, r->seq);
}

static void
bind_open_item (sqlite3_stmt *stmt, int i, gconstpointer data)
{
  const OpenItemRow *r = data;

  sqlite3_bind_int64 (stmt, i, r->entry_id);
  sqlite3_bind_int64 (stmt, i + 1, r->debtor_id);
  sqlite3_bind_text (stmt, i + 2, r->currency, -1, SQLITE_STATIC);
  if (r->invoice_id != 0)
    sqlite3_bind_int64 (stmt, i + 3, r->invoice_id);
  else
    sqlite3_bind_null (stmt, i + 3);
  sqlite3_bind_int64 (stmt, i + 4, r->due);
  sqlite3_bind_int64 (stmt, i + 5, r->issue);
  sqlite3_bind_int64 (stmt, i + 6, r->open);
}

static void
bind_balance (sqlite3_stmt *stmt, int i, gconstpointer data)
{
  const BalanceRow *r = data;

  sqlite3_bind_int64 (stmt, i, r->debtor_id);
  sqlite3_bind_text (stmt, i + 1, r->currency, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, i + 2, r->balance);
  sqlite3_bind_int64 (stmt, i + 3, r->open);
  sqlite3_bind_int64 (stmt, i + 4, r->unapplied);
  if (r->oldest_due != 0)
    sqlite3_bind_int64 (stmt, i + 5, r->oldest_due);
  else
    sqlite3_bind_null (stmt, i + 5);
}

gboolean
_ar_ledger_derive_write (ArLedger *self, ArDerivedBatch *batch, GError **error)
{
  gboolean ok =
    _ar_ledger_insert_rows (self, &allocation_insert, batch->allocations->data,
                            sizeof (AllocationRow), batch->allocations->len, bind_allocation,
                            error) &&
    _ar_ledger_insert_rows (self, &open_item_insert, batch->items->data, sizeof (OpenItemRow),
                            batch->items->len, bind_open_item, error) &&
    _ar_ledger_insert_rows (self, &balance_insert, batch->balances->data, sizeof (BalanceRow),
                            batch->balances->len, bind_balance, error);

  g_array_set_size (batch->allocations, 0);
  g_array_set_size (batch->items, 0);
  g_array_set_size (batch->balances, 0);
  return ok;
}
