/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>

#include "ar-allocation.h"

/* The allocation rules as a pure function: each case builds one debtor's journal by hand and
 * checks who paid what. Days are small Julian numbers; amounts are minor units. */

#define INV(id_, date_, due_, amount_, number_) \
  { id_, AR_ENTRY_INVOICE, date_, amount_, id_, 0, due_, date_, number_ }
#define PAY(id_, date_, amount_, invoice_) \
  { id_, AR_ENTRY_PAYMENT, date_, amount_, invoice_, 0, date_, date_, NULL }
#define CREDIT(id_, date_, amount_, invoice_) \
  { id_, AR_ENTRY_CREDIT_NOTE, date_, amount_, invoice_, 0, date_, date_, NULL }
#define REFUND(id_, date_, amount_) \
  { id_, AR_ENTRY_REFUND, date_, amount_, 0, 0, date_, date_, NULL }
#define FEE(id_, date_, amount_, invoice_) \
  { id_, AR_ENTRY_FEE, date_, amount_, invoice_, 0, date_, date_, NULL }
#define WRITE_OFF(id_, date_, amount_, invoice_) \
  { id_, AR_ENTRY_WRITE_OFF, date_, amount_, invoice_, 0, date_, date_, NULL }
#define REVERSAL(id_, date_, amount_, target_) \
  { id_, AR_ENTRY_REVERSAL, date_, amount_, 0, target_, date_, date_, NULL }

static gint64
open_of (const ArAllocResult *r, gint64 entry_id)
{
  for (guint i = 0; i < r->items->len; i++)
    if (g_array_index (r->items, ArOpenItem, i).entry_id == entry_id)
      return g_array_index (r->items, ArOpenItem, i).open;
  g_assert_not_reached ();
}

static gint64
paid (const ArAllocResult *r, gint64 source, gint64 target)
{
  gint64 sum = 0;
  for (guint i = 0; i < r->allocations->len; i++)
    {
      const ArAllocation *a = &g_array_index (r->allocations, ArAllocation, i);
      if (a->source_id == source && a->target_id == target)
        sum += a->amount;
    }
  return sum;
}

static void
run (const ArAllocEntry *entries, guint n, ArAllocResult *r)
{
  ar_alloc_result_init (r);
  ar_allocate (entries, n, r);
}

static void
test_named_payment_pays_its_invoice (void)
{
  /* Invoice 2 is due later, but the payment names it: it pays 2, not the older 1. */
  ArAllocEntry e[] = {
    INV (1, 10, 40, 10000, "A-1"),
    INV (2, 20, 50, 5000, "A-2"),
    PAY (3, 30, 5000, 2),
  };
  ArAllocResult r;

  run (e, G_N_ELEMENTS (e), &r);
  g_assert_cmpint (paid (&r, 3, 2), ==, 5000);
  g_assert_cmpint (open_of (&r, 1), ==, 10000);
  g_assert_cmpint (open_of (&r, 2), ==, 0);
  g_assert_cmpint (r.unapplied, ==, 0);
  g_assert_cmpint (r.balance, ==, 10000);
  ar_alloc_result_clear (&r);
}

static void
test_named_surplus_goes_to_pool (void)
{
  /* 80.00 names invoice 2 (50.00 open): 30.00 surplus pays the oldest other invoice. */
  ArAllocEntry e[] = {
    INV (1, 10, 40, 10000, "A-1"),
    INV (2, 20, 50, 5000, "A-2"),
    PAY (3, 30, 8000, 2),
  };
  ArAllocResult r;

  run (e, G_N_ELEMENTS (e), &r);
  g_assert_cmpint (paid (&r, 3, 2), ==, 5000);
  g_assert_cmpint (paid (&r, 3, 1), ==, 3000);
  g_assert_cmpint (open_of (&r, 1), ==, 7000);
  g_assert_cmpint (r.balance, ==, 7000);
  ar_alloc_result_clear (&r);
}

static void
test_pool_pays_oldest_due_first_ties_by_number (void)
{
  /* Same due date for B-2 and B-10 → ordered by number as text ("B-10" < "B-2"); the
   * invoice due earliest goes first whatever its number. */
  ArAllocEntry e[] = {
    INV (1, 10, 60, 1000, "B-2"),
    INV (2, 11, 60, 1000, "B-10"),
    INV (3, 12, 30, 1000, "A-9"),
    PAY (4, 70, 1500, 0),
  };
  ArAllocResult r;

  run (e, G_N_ELEMENTS (e), &r);
  g_assert_cmpint (paid (&r, 4, 3), ==, 1000);
  g_assert_cmpint (paid (&r, 4, 2), ==, 500);
  g_assert_cmpint (paid (&r, 4, 1), ==, 0);
  g_assert_cmpint (open_of (&r, 1), ==, 1000);
  ar_alloc_result_clear (&r);
}

static void
test_named_credits_in_date_order (void)
{
  /* Two payments name the same 100.00 invoice; the earlier (by date, then id) pays first and
   * the later one's surplus is unapplied credit. */
  ArAllocEntry e[] = {
    INV (1, 10, 40, 10000, "A-1"),
    PAY (5, 20, 7000, 1),
    PAY (4, 20, 6000, 1),
  };
  ArAllocResult r;

  run (e, G_N_ELEMENTS (e), &r);
  g_assert_cmpint (paid (&r, 4, 1), ==, 6000);
  g_assert_cmpint (paid (&r, 5, 1), ==, 4000);
  g_assert_cmpint (r.unapplied, ==, 3000);
  g_assert_cmpint (r.balance, ==, -3000);
  ar_alloc_result_clear (&r);
}

static void
test_credit_applies_itself_to_new_invoice (void)
{
  ArAllocEntry e[] = {
    PAY (1, 10, 2500, 0),
    INV (2, 20, 50, 10000, "A-1"),
  };
  ArAllocResult r;

  /* Before the invoice exists the payment is credit on account... */
  run (e, 1, &r);
  g_assert_cmpint (r.unapplied, ==, 2500);
  g_assert_cmpint (r.balance, ==, -2500);
  /* ...and it pays the invoice as soon as it arrives. */
  ar_allocate (e, G_N_ELEMENTS (e), &r);
  g_assert_cmpint (r.unapplied, ==, 0);
  g_assert_cmpint (paid (&r, 1, 2), ==, 2500);
  g_assert_cmpint (open_of (&r, 2), ==, 7500);
  ar_alloc_result_clear (&r);
}

static void
test_credit_note_unnamed_joins_pool (void)
{
  ArAllocEntry e[] = {
    INV (1, 10, 40, 4000, "A-1"),
    CREDIT (2, 15, 1000, 0),
    CREDIT (3, 16, 500, 1),
  };
  ArAllocResult r;

  run (e, G_N_ELEMENTS (e), &r);
  g_assert_cmpint (paid (&r, 3, 1), ==, 500);
  g_assert_cmpint (paid (&r, 2, 1), ==, 1000);
  g_assert_cmpint (open_of (&r, 1), ==, 2500);
  ar_alloc_result_clear (&r);
}

static void
test_refund_pays_out_credit (void)
{
  ArAllocEntry e[] = {
    INV (1, 10, 40, 4000, "A-1"),
    PAY (2, 20, 5000, 1),
    REFUND (3, 25, 600),
  };
  ArAllocResult r;

  run (e, G_N_ELEMENTS (e), &r);
  g_assert_cmpint (open_of (&r, 1), ==, 0);
  g_assert_cmpint (paid (&r, 2, 3), ==, 600);
  g_assert_cmpint (open_of (&r, 3), ==, 0);
  g_assert_cmpint (r.unapplied, ==, 400);
  g_assert_cmpint (r.balance, ==, -400);
  ar_alloc_result_clear (&r);
}

static void
test_refund_before_later_invoice_keeps_its_credit (void)
{
  /* Credit refunded in March must not be spent again on an April invoice. */
  ArAllocEntry e[] = {
    PAY (1, 10, 1000, 0),
    REFUND (2, 20, 1000),
    INV (3, 30, 60, 5000, "A-1"),
  };
  ArAllocResult r;

  run (e, G_N_ELEMENTS (e), &r);
  g_assert_cmpint (paid (&r, 1, 2), ==, 1000);
  g_assert_cmpint (open_of (&r, 3), ==, 5000);
  g_assert_cmpint (r.balance, ==, 5000);
  ar_alloc_result_clear (&r);
}

static void
test_refund_excess_takes_its_place_by_date (void)
{
  /* A refund larger than the credit leaves 300.00 owed from day 20; a later payment pays that
   * before an invoice due on day 100. */
  ArAllocEntry e[] = {
    INV (1, 50, 100, 10000, "A-1"),
    PAY (2, 10, 50000, 0),
    REFUND (3, 20, 80000),
    PAY (4, 30, 20000, 0),
  };
  ArAllocResult r;

  run (e, G_N_ELEMENTS (e), &r);
  g_assert_cmpint (paid (&r, 2, 3), ==, 50000);
  g_assert_cmpint (paid (&r, 4, 3), ==, 20000);
  g_assert_cmpint (open_of (&r, 3), ==, 10000);
  g_assert_cmpint (open_of (&r, 1), ==, 10000);
  g_assert_cmpint (g_array_index (r.items, ArOpenItem, 0).entry_id, ==, 3);
  ar_alloc_result_clear (&r);
}

static void
test_reversal_reopens_what_payment_paid (void)
{
  ArAllocEntry e[] = {
    INV (1, 10, 40, 4000, "A-1"),
    PAY (2, 20, 4000, 1),
    REVERSAL (3, 25, 4000, 2),
  };
  ArAllocResult r;

  run (e, 2, &r);
  g_assert_cmpint (open_of (&r, 1), ==, 0);
  ar_allocate (e, G_N_ELEMENTS (e), &r);
  g_assert_cmpint (open_of (&r, 1), ==, 4000);
  g_assert_cmpint (r.allocations->len, ==, 0);
  g_assert_cmpint (r.balance, ==, 4000);
  ar_alloc_result_clear (&r);
}

static void
test_reversed_invoice_releases_its_payment (void)
{
  ArAllocEntry e[] = {
    INV (1, 10, 40, 4000, "A-1"),
    PAY (2, 20, 1000, 1),
    REVERSAL (3, 25, 4000, 1),
  };
  ArAllocResult r;

  run (e, G_N_ELEMENTS (e), &r);
  g_assert_cmpint (r.items->len, ==, 0);
  g_assert_cmpint (r.unapplied, ==, 1000);
  g_assert_cmpint (r.balance, ==, -1000);
  ar_alloc_result_clear (&r);
}

static void
test_write_off_closes_invoice_with_fees (void)
{
  ArAllocEntry e[] = {
    INV (1, 10, 40, 4000, "A-1"),
    FEE (2, 50, 500, 1),
    PAY (3, 55, 1500, 1),
    WRITE_OFF (4, 60, 3000, 1),
  };
  ArAllocResult r;

  run (e, G_N_ELEMENTS (e), &r);
  /* The named payment pays the invoice itself before its fee. */
  g_assert_cmpint (paid (&r, 3, 1), ==, 1500);
  g_assert_cmpint (paid (&r, 4, 1), ==, 2500);
  g_assert_cmpint (paid (&r, 4, 2), ==, 500);
  g_assert_cmpint (ar_alloc_result_invoice_open (&r, 1), ==, 0);
  g_assert_cmpint (r.balance, ==, 0);
  ar_alloc_result_clear (&r);
}

static void
test_deterministic_whatever_the_input_order (void)
{
  ArAllocEntry e[] = {
    INV (1, 10, 40, 4000, "A-1"),
    INV (2, 12, 30, 3000, "A-2"),
    PAY (3, 20, 2000, 0),
    PAY (4, 21, 3500, 1),
    CREDIT (5, 22, 700, 0),
    FEE (6, 45, 250, 2),
  };
  ArAllocEntry shuffled[G_N_ELEMENTS (e)];
  ArAllocResult a, b;
  guint order[] = { 5, 2, 0, 4, 1, 3 };

  for (guint i = 0; i < G_N_ELEMENTS (e); i++)
    shuffled[i] = e[order[i]];
  run (e, G_N_ELEMENTS (e), &a);
  run (shuffled, G_N_ELEMENTS (e), &b);
  g_assert_cmpint (a.allocations->len, ==, b.allocations->len);
  g_assert_cmpmem (a.allocations->data, a.allocations->len * sizeof (ArAllocation),
                   b.allocations->data, b.allocations->len * sizeof (ArAllocation));
  g_assert_cmpint (a.balance, ==, 4000 + 3000 + 250 - 2000 - 3500 - 700);
  ar_alloc_result_clear (&a);
  ar_alloc_result_clear (&b);
}

static void
test_balance_identity_random (void)
{
  /* For random journals, Σ open − unapplied always equals Σ debits − Σ credits, and no
   * allocation over- or under-pays. */
  GRand *rand = g_rand_new_with_seed (42);

  for (int round = 0; round < 500; round++)
    {
      g_autoptr(GArray) e = g_array_new (FALSE, FALSE, sizeof (ArAllocEntry));
      gint64 expected = 0;
      guint n = g_rand_int_range (rand, 1, 30);
      ArAllocResult r;
      gint64 total_paid = 0;

      for (guint i = 1; i <= n; i++)
        {
          ArAllocEntry x = { 0 };
          x.id = i;
          x.date = x.due = x.issue = g_rand_int_range (rand, 1, 100);
          x.amount = g_rand_int_range (rand, 1, 100000);
          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0: x.kind = AR_ENTRY_INVOICE; x.invoice_id = i; x.due += 30; break;
            case 1: x.kind = AR_ENTRY_PAYMENT; break;
            case 2: x.kind = AR_ENTRY_CREDIT_NOTE; break;
            default: x.kind = AR_ENTRY_FEE; break;
            }
          /* Sometimes name an earlier invoice. */
          if (x.kind == AR_ENTRY_PAYMENT && i > 1 && g_rand_boolean (rand))
            {
              guint t = g_rand_int_range (rand, 1, i);
              if (g_array_index (e, ArAllocEntry, t - 1).kind == AR_ENTRY_INVOICE)
                x.invoice_id = t;
            }
          expected += ar_entry_kind_is_debit (x.kind) ? x.amount : -x.amount;
          g_array_append_val (e, x);
        }
      run ((ArAllocEntry *) (gpointer) e->data, e->len, &r);
      g_assert_cmpint (r.balance, ==, expected);
      for (guint i = 0; i < r.allocations->len; i++)
        total_paid += g_array_index (r.allocations, ArAllocation, i).amount;
      for (guint i = 0; i < r.items->len; i++)
        {
          const ArOpenItem *it = &g_array_index (r.items, ArOpenItem, i);
          g_assert_cmpint (it->open, >=, 0);
          g_assert_cmpint (it->open, <=, it->amount);
        }
      g_assert_cmpint (r.unapplied, >=, 0);
      ar_alloc_result_clear (&r);
    }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/allocation/named", test_named_payment_pays_its_invoice);
  g_test_add_func ("/allocation/named-surplus", test_named_surplus_goes_to_pool);
  g_test_add_func ("/allocation/pool-order", test_pool_pays_oldest_due_first_ties_by_number);
  g_test_add_func ("/allocation/named-date-order", test_named_credits_in_date_order);
  g_test_add_func ("/allocation/credit-applies-to-new-invoice",
                   test_credit_applies_itself_to_new_invoice);
  g_test_add_func ("/allocation/credit-note", test_credit_note_unnamed_joins_pool);
  g_test_add_func ("/allocation/refund", test_refund_pays_out_credit);
  g_test_add_func ("/allocation/refund-before-invoice",
                   test_refund_before_later_invoice_keeps_its_credit);
  g_test_add_func ("/allocation/refund-excess-order", test_refund_excess_takes_its_place_by_date);
  g_test_add_func ("/allocation/reversal-reopens", test_reversal_reopens_what_payment_paid);
  g_test_add_func ("/allocation/reversed-invoice", test_reversed_invoice_releases_its_payment);
  g_test_add_func ("/allocation/write-off", test_write_off_closes_invoice_with_fees);
  g_test_add_func ("/allocation/deterministic", test_deterministic_whatever_the_input_order);
  g_test_add_func ("/allocation/balance-identity", test_balance_identity_random);
  return g_test_run ();
}
