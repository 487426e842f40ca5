/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ar-account.h"
#include "ar-aging.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* The window's account list: a GListModel of ArAccount over a ledger that never loads every
 * row. One row per debtor and currency in the stored balances, plus one row (currency "")
 * for each debtor who has none.
 *
 * Sorting, filtering and searching happen in SQL. Each change runs one query that writes the
 * ordered (debtor, currency) keys of the rows shown into a temporary table whose rowid is the
 * position; get_item() then reads the page of 64 rows around a position by rowid, which costs
 * the same at the end of a million rows as at the start. A few pages of items are kept (least
 * recently used first out), so memory stays bounded whatever is scrolled through. Every change
 * emits "changing" while the old rows are still there, then items-changed (0, old count, 0)
 * and (0, 0, new count) (from the first row that changed, for a narrowing search), then
 * "changed".
 *
 * Search is a substring of the name, external id, an invoice number, an email address or a
 * phone number, ASCII case-insensitive ('%', '_' and '\' match literally). Typing on narrows
 * the rows already found (by index probes when they are few). A search that extends the last
 * one emits items-changed for the rows after the leading rows that stayed (one removal, one
 * addition), and rows that stay through a change of search are the same objects.
 *
 * The model reads through a read-only connection of its own, so it sees what the ledger has
 * committed and its memory stays bounded (the benchmark peaks at 50 MiB with 100,000 debtors,
 * 143 MiB with a million). It never writes the ledger. After a write, call
 * ar_account_model_refresh() for the one debtor it touched, or ar_account_model_reload()
 * after larger changes (an import). Failed queries (which setters can't report) are logged
 * with g_warning() and leave the list empty. */

#define AR_TYPE_ACCOUNT_MODEL (ar_account_model_get_type ())
G_DECLARE_FINAL_TYPE (ArAccountModel, ar_account_model, AR, ACCOUNT_MODEL, GObject)

typedef enum
{
  AR_ACCOUNT_SORT_NAME,          /* case-insensitive (ASCII) */
  AR_ACCOUNT_SORT_BALANCE,       /* by currency, then balance (amounts of two currencies
                                  * don't compare) */
  AR_ACCOUNT_SORT_DAYS_OVERDUE,  /* of the oldest open item */
  AR_ACCOUNT_SORT_STATUS,        /* in ArDebtorStatus order */
  AR_ACCOUNT_SORT_LAST_CONTACT,  /* rows without one last, in both directions */
  AR_ACCOUNT_SORT_NEXT_ACTION,   /* rows without one last, in both directions */
  AR_ACCOUNT_SORT_EXTERNAL_ID,   /* byte order */
  AR_N_ACCOUNT_SORTS
} ArAccountSort;

/* Ties are broken by debtor id and then currency, in the same direction as the key. */

typedef struct
{
  gboolean    overdue_only;      /* only rows whose oldest open item is past due */
  int         bucket;            /* aging bucket of the oldest open item, or -1 for any */
  int         status;            /* an ArDebtorStatus, or -1 for any */
  const char *currency;          /* ISO 4217, or NULL / "" for any */
  gboolean    plan_or_promise;   /* only debtors with status "plan" or "promise", or whom a
                                  * running plan or a pending promise covers on the list's
                                  * day (ar_ledger_foreach_dunning_pause()) */
} ArAccountFilter;

typedef struct
{
  char   currency[4];
  guint  n_debtors;              /* debtors shown with a row in this currency */
  gint64 balance;                /* Σ balance of those rows, minor units */
} ArAccountTotal;

/* Fills @filter with "no filter". */
void            ar_account_filter_init           (ArAccountFilter       *filter);

/* @as_of is the Julian day days overdue, buckets and "next action from today" are counted
 * to; 0 means today. The aging buckets are the ledger's (ar_aging_config_load()). */
ArAccountModel *ar_account_model_new             (ArLedger              *ledger,
                                                  guint32                as_of,
                                                  GError               **error);
ArLedger       *ar_account_model_get_ledger      (ArAccountModel        *self);
guint32         ar_account_model_get_as_of       (ArAccountModel        *self);
void            ar_account_model_set_as_of       (ArAccountModel        *self,
                                                  guint32                as_of);
const ArAgingConfig *ar_account_model_get_aging_config (ArAccountModel *self);

void            ar_account_model_set_sort        (ArAccountModel        *self,
                                                  ArAccountSort          sort,
                                                  gboolean               descending);
ArAccountSort   ar_account_model_get_sort        (ArAccountModel        *self,
                                                  gboolean              *out_descending);

/* NULL or "" shows every row. */
void            ar_account_model_set_search      (ArAccountModel        *self,
                                                  const char            *text);
const char     *ar_account_model_get_search      (ArAccountModel        *self);

/* Sets every filter at once (one query). */
void            ar_account_model_set_filter      (ArAccountModel        *self,
                                                  const ArAccountFilter *filter);
/* The string in @out is owned by the model. */
void            ar_account_model_get_filter      (ArAccountModel        *self,
                                                  ArAccountFilter       *out);
void            ar_account_model_set_overdue_only    (ArAccountModel    *self,
                                                      gboolean           overdue_only);
void            ar_account_model_set_bucket          (ArAccountModel    *self,
                                                      int                bucket);
void            ar_account_model_set_status          (ArAccountModel    *self,
                                                      int                status);
void            ar_account_model_set_currency        (ArAccountModel    *self,
                                                      const char        *currency);
void            ar_account_model_set_plan_or_promise (ArAccountModel    *self,
                                                      gboolean           plan_or_promise);

/* Whether the book has any debtor at all, whatever the filters (the window's "empty" page);
 * one index look-up, where counting them reads an index of the whole book. */
gboolean        ar_account_model_has_debtors     (ArAccountModel        *self);
/* Whether any filter is set (the search aside). */
gboolean        ar_account_model_is_filtered     (ArAccountModel        *self);
/* The currencies the book's balances are in, sorted, for a currency filter to offer.
 * NULL with @error set when the query fails. */
GStrv           ar_account_model_list_currencies (ArAccountModel        *self,
                                                  GError               **error);

/* For the footer: the number of debtors shown and, per currency (sorted by code), the number
 * of debtors and the total balance of the rows shown. Computed in SQL. @out_totals receives
 * a new GArray of ArAccountTotal; either pointer may be NULL. */
gboolean        ar_account_model_get_summary     (ArAccountModel        *self,
                                                  guint                 *out_n_debtors,
                                                  GArray               **out_totals,
                                                  GError               **error);

/* After a write that touched @debtor_id (a payment): its rows are read again and
 * items-changed (position, 1, 1) is emitted for each; rows keep their positions until the
 * next change of sort, filter or search. */
gboolean        ar_account_model_refresh         (ArAccountModel        *self,
                                                  gint64                 debtor_id,
                                                  GError               **error);
/* The position of @debtor_id's row in @currency ("" or NULL: the row of a debtor who owes
 * nothing) in the list as it is now; FALSE when it is not shown. */
gboolean        ar_account_model_find            (ArAccountModel        *self,
                                                  gint64                 debtor_id,
                                                  const char            *currency,
                                                  guint                 *out_position);
/* Reloads the aging configuration and runs the query again. */
gboolean        ar_account_model_reload          (ArAccountModel        *self,
                                                  GError               **error);

G_END_DECLS
