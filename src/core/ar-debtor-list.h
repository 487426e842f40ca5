/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"

G_BEGIN_DECLS

/* The delinquent list: every (debtor, currency) pair with something open, read from the stored
 * allocation (table balances) and streamed row by row through a callback, so that a book of
 * any size is listed in constant memory. The balances are the current ones; @as_of only sets
 * the day that "days overdue" is counted to. A debtor who owes in two currencies is two rows. */

typedef enum
{
  AR_DEBTOR_SORT_BALANCE,  /* by currency, then by balance */
  AR_DEBTOR_SORT_DAYS,     /* by days overdue of the oldest open item */
  AR_DEBTOR_SORT_NAME,     /* by name, case-insensitive (ASCII) */
  AR_DEBTOR_SORT_ID,       /* by external id (byte order) */
  AR_N_DEBTOR_SORTS
} ArDebtorSort;

typedef struct
{
  guint32       as_of;            /* Julian day the days overdue are counted to; required */
  gboolean      use_min_days;     /* FALSE: rows not yet due are listed too */
  int           min_days;         /* only rows whose oldest open item is ≥ this many days
                                   * overdue (0: due today or earlier) */
  /* Only rows whose balance is at least this many minor units. It is one number applied to
   * every row in that row's own currency: 10000 is USD 100.00 but also JPY 10000, so combine
   * it with @currency when the book holds currencies of different exponents. ≤ 1 lists every
   * row with something open. */
  gint64        min_amount;
  const char   *currency;         /* ISO 4217 code, or NULL for every currency */
  /* Substring of the name or the external id (ASCII case-insensitive; '%', '_' and '\' are
   * matched literally), or NULL / "" for every debtor. */
  const char   *search;
  ArDebtorSort  sort;
  gboolean      descending;       /* of the sort key: largest balance, most days, Z–A */
  guint         limit;            /* at most this many rows; 0 = all */
} ArDebtorQuery;

typedef struct
{
  gint64          debtor_id;
  const char     *external_id;
  const char     *name;
  ArDebtorStatus  status;
  const char     *currency;
  gint64          balance;       /* minor units of @currency, > 0 */
  gint64          open;          /* Σ open items */
  gint64          unapplied;     /* credit on account */
  guint32         oldest_due;    /* Julian day the oldest open item fell due */
  int             days_overdue;  /* as_of − oldest_due; ≤ 0 when nothing is overdue yet */
} ArDebtorRow;

/* Receives each row; the strings stay valid only during the call. Return FALSE to stop. The
 * callback may read the ledger but must not run another list on it or write to it. */
typedef gboolean (*ArDebtorRowFunc) (const ArDebtorRow *row,
                                     gpointer           user_data);

/* Fills @query with: as of @as_of, no filters, largest balance first, no limit. */
void      ar_debtor_query_init        (ArDebtorQuery       *query,
                                       guint32              as_of);
/* "balance", "days", "name" or "id". */
gboolean  ar_debtor_sort_from_string  (const char          *text,
                                       ArDebtorSort        *out);

/* Runs @query and calls @func for each row, in order. Returns FALSE with @error when the
 * query could not run (rows delivered before that stand). */
gboolean  ar_debtor_list_run          (ArLedger            *ledger,
                                       const ArDebtorQuery *query,
                                       ArDebtorRowFunc      func,
                                       gpointer             user_data,
                                       GError             **error);

/* How many debtors the book holds (with or without anything open). */
gboolean  ar_debtor_list_count_all    (ArLedger            *ledger,
                                       gint64              *out_count,
                                       GError             **error);

G_END_DECLS
