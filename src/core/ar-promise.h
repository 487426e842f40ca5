/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-activity.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* Promises to pay: "50.00 on Friday", or a repeating promise ("50.00 every Friday for 6
 * weeks", stored as one row per occurrence sharing a series).
 *
 * A promise's state is derived from the journal, as of any date. The payments that count are
 * the debtor's payments in the promise's currency (not reversed) dated from the day the promise
 * was made; they fill the occurrences of a series in date order (a single promise is a series
 * of one). As of day X, with the grace days G ("promises.grace-days", default 3):
 *
 *  * kept when filled (on or before its date + G);
 *  * pending while X ≤ date + G and not yet filled;
 *  * partly kept when date + G has passed and something, not all, went in;
 *  * broken when date + G has passed and nothing went in;
 *  * cancelled when a person cancelled it.
 *
 * A pending promise pauses dunning for its debtor until date + G (ar-arrangements.h) — unless an
 * earlier occurrence of its series was not kept: a broken series returns the debtor to dunning
 * at once, though its later occurrences can still be kept. */

typedef enum
{
  AR_PROMISE_PENDING,
  AR_PROMISE_KEPT,
  AR_PROMISE_PARTLY_KEPT,
  AR_PROMISE_BROKEN,
  AR_PROMISE_CANCELLED,
  AR_N_PROMISE_STATES
} ArPromiseState;

/* "pending", "kept", "partly_kept", "broken", "cancelled". */
const char *ar_promise_state_to_string   (ArPromiseState  state);
/* For people, translated. */
const char *ar_promise_state_to_label    (ArPromiseState  state);

#define AR_PROMISE_DEFAULT_GRACE_DAYS 3
/* "promises.grace-days" of the book, or the default. */
guint       ar_ledger_get_promise_grace_days (ArLedger    *ledger);

typedef struct
{
  gint64          debtor_id;
  const char     *currency;       /* NULL = the company's default currency */
  gint64          amount;         /* > 0, per occurrence */
  guint32         date;           /* Julian day of the (first) payment */
  guint           every_days;     /* 0 = a single promise; else days between occurrences */
  guint           times;          /* occurrences of a repeating promise (2 … 104); ignored
                                   * when @every_days is 0 */
  ArActivityKind  channel;        /* how it was made (call, visit, email …) */
  const char     *note;
  guint32         made_on;        /* Julian day it was made; 0 = today. ≤ @date */
  gint64          activity_id;    /* the activity that recorded it; 0 = log one now (outcome
                                   * "promised_to_pay", next action the day after the last
                                   * date plus grace) */
} ArPromiseInfo;

/* Records a promise (every occurrence of a repeating one) in one transaction ("add-promise").
 * Returns the id of the (first) promise, or 0 with an error naming the field. */
gint64      ar_ledger_add_promise        (ArLedger             *ledger,
                                          const ArPromiseInfo  *info,
                                          GError              **error);
/* Cancels promise @promise_id and, for a repeating promise, its later occurrences, on @date (0
 * = today) with @reason (required). Refuses one already cancelled. */
gboolean    ar_ledger_cancel_promise     (ArLedger             *ledger,
                                          gint64                promise_id,
                                          guint32               date,
                                          const char           *reason,
                                          GError              **error);

typedef struct
{
  gint64          id;
  gint64          debtor_id;
  const char     *debtor_external_id;
  const char     *debtor_name;
  const char     *currency;
  gint64          amount;
  guint32         date;
  guint32         made_on;
  ArActivityKind  channel;
  const char     *note;
  gint64          series_id;      /* the first promise of its series (itself for it); 0 for a
                                   * single promise */
  guint           series_index;   /* 1-based within the series; 1 for a single promise */
  guint           series_length;  /* 1 for a single promise */
  gint64          activity_id;
  guint32         cancelled_on;   /* 0 unless cancelled */
  const char     *cancel_reason;

  /* Derived as of the listing's date. */
  ArPromiseState  state;
  gint64          paid;           /* 0 … amount */
  guint32         until;          /* date + grace: the last day it may still be kept */
  gboolean        series_broken;  /* an earlier occurrence of its series was not kept in full
                                   * by the end of its grace (this one then pauses no dunning) */
} ArPromise;

/* Return FALSE to stop. Strings are valid during the call only. */
typedef gboolean (*ArPromiseFunc) (const ArPromise *promise,
                                   gpointer         user_data);

/* A debtor's promises (all debtors' when @debtor_id is 0), by date then id, with their state
 * as of @as_of (0 = today). */
gboolean    ar_ledger_list_promises      (ArLedger             *ledger,
                                          gint64                debtor_id,
                                          guint32               as_of,
                                          ArPromiseFunc         func,
                                          gpointer              user_data,
                                          GError              **error);
/* For the work queue (indexed by date, cost proportional to the promises concerned):
 * promises due on @date still pending as of @date, */
gboolean    ar_ledger_foreach_promise_due    (ArLedger         *ledger,
                                              guint32           date,
                                              ArPromiseFunc     func,
                                              gpointer          user_data,
                                              GError          **error);
/* … and promises that became broken or partly kept on a day from @from to @to (inclusive): the
 * day after their grace ended, date + grace + 1, is in [@from, @to]. State as of @to. */
gboolean    ar_ledger_foreach_promise_broken (ArLedger         *ledger,
                                              guint32           from,
                                              guint32           to,
                                              ArPromiseFunc     func,
                                              gpointer          user_data,
                                              GError          **error);

G_END_DECLS
