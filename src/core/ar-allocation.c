/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-allocation"
#include "config.h"

#include <string.h>

#include "ar-allocation.h"

typedef struct
{
  gint64  source_id;
  guint32 date;
  gint64  remaining;
} PoolCredit;

typedef struct
{
  const ArAllocEntry *entry;
} CreditRef;

void
ar_alloc_result_init (ArAllocResult *result)
{
  memset (result, 0, sizeof *result);
  result->allocations = g_array_new (FALSE, FALSE, sizeof (ArAllocation));
  result->items = g_array_new (FALSE, FALSE, sizeof (ArOpenItem));
}

void
ar_alloc_result_clear (ArAllocResult *result)
{
  g_clear_pointer (&result->allocations, g_array_unref);
  g_clear_pointer (&result->items, g_array_unref);
}

static int
compare_by_date_then_id (const ArAllocEntry *a, const ArAllocEntry *b)
{
  if (a->date != b->date)
    return a->date < b->date ? -1 : 1;
  return (a->id > b->id) - (a->id < b->id);
}

static int
compare_credit_refs (gconstpointer pa, gconstpointer pb)
{
  return compare_by_date_then_id (((const CreditRef *) pa)->entry, ((const CreditRef *) pb)->entry);
}

typedef struct
{
  ArOpenItem  item;
  const char *number;
} SortableItem;

/* Pool order: oldest due date first, ties by invoice number, then entry order. */
static int
compare_items (gconstpointer pa, gconstpointer pb)
{
  const SortableItem *a = pa, *b = pb;

  if (a->item.due != b->item.due)
    return a->item.due < b->item.due ? -1 : 1;
  if (a->number != NULL && b->number != NULL)
    {
      int c = strcmp (a->number, b->number);
      if (c != 0)
        return c;
    }
  else if (a->number != b->number)
    return a->number == NULL ? 1 : -1;
  return (a->item.entry_id > b->item.entry_id) - (a->item.entry_id < b->item.entry_id);
}

static void
allocate_one (ArAllocResult *result, gint64 source_id, ArOpenItem *item, gint64 *remaining)
{
  gint64 paid = MIN (*remaining, item->open);
  ArAllocation a = { source_id, item->entry_id, paid };

  if (paid <= 0)
    return;
  item->open -= paid;
  *remaining -= paid;
  g_array_append_val (result->allocations, a);
}

/* Pays the items of @invoice_id: the invoice itself first, then its fees and interest. */
static void
pay_named_invoice (ArAllocResult *result, const ArAllocEntry *credit, gint64 *remaining)
{
  ArOpenItem *items = (ArOpenItem *) (gpointer) result->items->data;

  for (int pass = 0; pass < 2 && *remaining > 0; pass++)
    for (guint i = 0; i < result->items->len && *remaining > 0; i++)
      {
        gboolean principal = items[i].kind == AR_ENTRY_INVOICE;

        if (items[i].invoice_id != credit->invoice_id || principal != (pass == 0))
          continue;
        allocate_one (result, credit->id, &items[i], remaining);
      }
}

void
ar_allocate (const ArAllocEntry *entries, guint n_entries, ArAllocResult *result)
{
  g_autoptr(GHashTable) reversed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) sortable = g_array_new (FALSE, FALSE, sizeof (SortableItem));
  g_autoptr(GArray) credits = g_array_new (FALSE, FALSE, sizeof (CreditRef));
  g_autoptr(GArray) refunds = g_array_new (FALSE, FALSE, sizeof (CreditRef));
  g_autoptr(GArray) pool = g_array_new (FALSE, FALSE, sizeof (PoolCredit));
  g_autofree const char **numbers = NULL;
  gint64 open_total = 0;

  g_return_if_fail (result != NULL && result->items != NULL);
  g_return_if_fail (entries != NULL || n_entries == 0);

  g_array_set_size (result->allocations, 0);
  g_array_set_size (result->items, 0);
  result->unapplied = 0;
  result->balance = 0;

  /* 1. A reversal cancels its target; both take no part. Only reversals whose target is among
   *    @entries count (as of a past date, a later reversal is simply not passed in). */
  for (guint i = 0; i < n_entries; i++)
    if (entries[i].kind == AR_ENTRY_REVERSAL)
      g_hash_table_add (reversed, (gpointer) &entries[i].reverses_id);

  /* 2. Debit items and the credits, in the orders the rules ask for. */
  for (guint i = 0; i < n_entries; i++)
    {
      const ArAllocEntry *e = &entries[i];
      CreditRef ref = { e };

      if (e->kind == AR_ENTRY_REVERSAL || g_hash_table_contains (reversed, &e->id))
        continue;

      switch (e->kind)
        {
        case AR_ENTRY_INVOICE:
        case AR_ENTRY_FEE:
        case AR_ENTRY_INTEREST:
          {
            SortableItem s = {
              { e->id, e->kind, e->invoice_id, e->due, e->issue, e->amount, e->amount },
              e->invoice_number,
            };
            g_array_append_val (sortable, s);
          }
          break;
        case AR_ENTRY_PAYMENT:
        case AR_ENTRY_CREDIT_NOTE:
        case AR_ENTRY_WRITE_OFF:
          g_array_append_val (credits, ref);
          break;
        case AR_ENTRY_REFUND:
          g_array_append_val (refunds, ref);
          break;
        case AR_ENTRY_REVERSAL:
        case AR_N_ENTRY_KINDS:
        default:
          g_assert_not_reached ();
        }
    }

  g_array_sort (sortable, compare_items);
  g_array_sort (credits, compare_credit_refs);
  g_array_sort (refunds, compare_credit_refs);
  numbers = g_new (const char *, sortable->len + 1);
  for (guint i = 0; i < sortable->len; i++)
    {
      g_array_append_val (result->items, g_array_index (sortable, SortableItem, i).item);
      numbers[i] = g_array_index (sortable, SortableItem, i).number;
    }
  g_array_set_size (sortable, 0);

  /* 3. Named credits pay their invoice first; surplus and unnamed credits form the pool, which
   *    stays in (date, id) order because the credits were sorted that way. */
  for (guint i = 0; i < credits->len; i++)
    {
      const ArAllocEntry *c = g_array_index (credits, CreditRef, i).entry;
      PoolCredit p = { c->id, c->date, c->amount };

      if (c->invoice_id != 0)
        pay_named_invoice (result, c, &p.remaining);
      if (p.remaining > 0)
        g_array_append_val (pool, p);
    }

  /* 4. Refunds pay out pooled credit, oldest first; any excess is owed back as an item, which
   *    takes its place among the others by its date. */
  for (guint i = 0; i < refunds->len; i++)
    {
      const ArAllocEntry *r = g_array_index (refunds, CreditRef, i).entry;
      SortableItem s = { { r->id, r->kind, r->invoice_id, r->date, r->date, r->amount, r->amount },
                         NULL };

      for (guint j = 0; j < pool->len && s.item.open > 0; j++)
        {
          PoolCredit *p = &g_array_index (pool, PoolCredit, j);
          gint64 paid = MIN (p->remaining, s.item.open);
          ArAllocation a = { p->source_id, r->id, paid };

          if (paid <= 0)
            continue;
          p->remaining -= paid;
          s.item.open -= paid;
          g_array_append_val (result->allocations, a);
        }
      g_array_append_val (sortable, s);
    }
  if (sortable->len > 0)
    {
      /* Merge the refund items into the pool order: rebuild from both lists. */
      g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (SortableItem));

      for (guint i = 0, k = 0; i < result->items->len; i++)
        {
          SortableItem x = { g_array_index (result->items, ArOpenItem, i), numbers[k++] };
          g_array_append_val (all, x);
        }
      g_array_append_vals (all, sortable->data, sortable->len);
      g_array_sort (all, compare_items);
      g_array_set_size (result->items, 0);
      for (guint i = 0; i < all->len; i++)
        g_array_append_val (result->items, g_array_index (all, SortableItem, i).item);
    }

  /* 5. The pool pays open items, oldest due date first. */
  for (guint j = 0; j < pool->len; j++)
    {
      PoolCredit *p = &g_array_index (pool, PoolCredit, j);
      ArOpenItem *items = (ArOpenItem *) (gpointer) result->items->data;

      for (guint i = 0; i < result->items->len && p->remaining > 0; i++)
        allocate_one (result, p->source_id, &items[i], &p->remaining);
      result->unapplied += p->remaining;
    }

  for (guint i = 0; i < result->items->len; i++)
    open_total += g_array_index (result->items, ArOpenItem, i).open;
  result->balance = open_total - result->unapplied;
}

gint64
ar_alloc_result_invoice_open (const ArAllocResult *result, gint64 invoice_id)
{
  gint64 open = 0;

  for (guint i = 0; i < result->items->len; i++)
    {
      const ArOpenItem *item = &g_array_index (result->items, ArOpenItem, i);
      if (item->invoice_id == invoice_id && item->kind != AR_ENTRY_REFUND)
        open += item->open;
    }
  return open;
}
