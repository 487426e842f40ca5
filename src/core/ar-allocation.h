/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ar-types.h"

G_BEGIN_DECLS

/* Allocation: which credit paid which debit. A pure, deterministic function of one debtor's
 * entries in one currency; the ledger stores its result and `arrears-cli check` verifies that
 * what is stored equals what this function gives from scratch.
 *
 * The rules, in order:
 *  1. An entry that has been reversed, and its reversal, take no part.
 *  2. Debit items are invoices, fees and interest, each with its open amount.
 *  3. A payment, credit note or write-off that names an invoice pays that invoice's items first
 *     (the invoice itself, then its fees and interest by due date), up to their open amount;
 *     named credits are applied in date order, ties by entry order (id).
 *  4. Everything else — unnamed credits and the surplus of named ones — is the credit pool.
 *     Refunds pay out of the pool first (a refund is only ever posted against credit that was
 *     unapplied at the time), oldest credit first; a refund larger than the pool leaves the
 *     excess owed as an item of its own.
 *  5. The pool then pays the open items oldest due date first, ties by invoice number, then by
 *     entry order. What remains is unapplied credit on account. */

typedef struct
{
  gint64       id;
  ArEntryKind  kind;
  guint32      date;            /* Julian day */
  gint64       amount;          /* > 0 */
  gint64       invoice_id;      /* the invoice the entry names, 0 if none */
  gint64       reverses_id;     /* for reversals: the entry reversed */
  guint32      due;             /* debit items: the invoice's due date, else the entry date */
  guint32      issue;           /* debit items: the invoice's issue date, else the entry date */
  const char  *invoice_number;  /* for ordering ties; NULL when the entry names no invoice */
} ArAllocEntry;

typedef struct
{
  gint64 source_id;  /* the credit (payment, credit note, write-off) */
  gint64 target_id;  /* the debit it paid (invoice, fee, interest, refund) */
  gint64 amount;     /* > 0 */
} ArAllocation;

typedef struct
{
  gint64       entry_id;
  ArEntryKind  kind;
  gint64       invoice_id;
  guint32      due;
  guint32      issue;
  gint64       amount;  /* original */
  gint64       open;    /* what is left after allocation, 0 ≤ open ≤ amount */
} ArOpenItem;

typedef struct
{
  GArray *allocations;  /* ArAllocation, in the order they were made */
  GArray *items;        /* ArOpenItem, every debit item (also fully paid ones), pool order */
  gint64  unapplied;    /* credit on account after allocation, ≥ 0 */
  gint64  balance;      /* Σ open − unapplied: what the debtor owes (negative: we owe) */
} ArAllocResult;

void     ar_alloc_result_init   (ArAllocResult       *result);
void     ar_alloc_result_clear  (ArAllocResult       *result);

/* Computes the allocation of @entries (any order) into @result, which must have been
 * initialised; earlier contents are replaced. Sums saturate nowhere: the ledger refuses any
 * posting whose totals would not fit in gint64, so the function needs no error path. */
void     ar_allocate            (const ArAllocEntry  *entries,
                                 guint                n_entries,
                                 ArAllocResult       *result);

/* Open amount of the items belonging to @invoice_id in @result. */
gint64   ar_alloc_result_invoice_open (const ArAllocResult *result,
                                       gint64               invoice_id);

G_END_DECLS
