/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ar-types.h"

G_BEGIN_DECLS

/* One row of the account list: a debtor's balance in one currency with what the list shows
 * next to it. An immutable snapshot with read-only properties, so that GtkBuilder expressions
 * can bind list cells to it; ArAccountModel makes them. A debtor who owes nothing in any
 * currency is one row with currency "" and balance 0. */

#define AR_TYPE_ACCOUNT (ar_account_get_type ())
G_DECLARE_FINAL_TYPE (ArAccount, ar_account, AR, ACCOUNT, GObject)

/* No aging bucket: nothing is open. */
#define AR_ACCOUNT_NO_BUCKET (-1)

typedef struct
{
  gint64          debtor_id;
  const char     *external_id;
  const char     *name;
  const char     *currency;       /* ISO 4217, or "" (or NULL) when nothing is owed */
  gint64          balance;        /* minor units of @currency; negative: credit on account */
  int             days_overdue;   /* of the oldest open item; ≤ 0 when none is overdue yet */
  int             bucket;         /* aging bucket index, or AR_ACCOUNT_NO_BUCKET */
  const char     *bucket_label;   /* "current", "1-30", ...; "" for no bucket */
  ArDebtorStatus  status;
  const char     *last_contact;   /* "YYYY-MM-DD" or "" (or NULL) */
  const char     *next_action;    /* "YYYY-MM-DD" or "" (or NULL) */
} ArAccountInfo;

/* Copies @info's strings. */
ArAccount      *ar_account_new              (const ArAccountInfo *info);

gint64          ar_account_get_debtor_id    (ArAccount           *self);
const char     *ar_account_get_external_id  (ArAccount           *self);
const char     *ar_account_get_name         (ArAccount           *self);
const char     *ar_account_get_currency     (ArAccount           *self);
gint64          ar_account_get_balance      (ArAccount           *self);
/* ar_money_format() of the balance in the current locale; "" when the currency is "". */
const char     *ar_account_get_balance_text (ArAccount           *self);
int             ar_account_get_days_overdue (ArAccount           *self);
int             ar_account_get_bucket       (ArAccount           *self);
const char     *ar_account_get_bucket_label (ArAccount           *self);
ArDebtorStatus  ar_account_get_status       (ArAccount           *self);
/* The status's name in the ledger's vocabulary ("plan"); the window translates it. */
const char     *ar_account_get_status_name  (ArAccount           *self);
const char     *ar_account_get_last_contact (ArAccount           *self);
const char     *ar_account_get_next_action  (ArAccount           *self);

G_END_DECLS
