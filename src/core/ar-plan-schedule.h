/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The arithmetic of a payment plan: terms in, schedule out. Pure (no ledger, no SQL), integer
 * minor units throughout, so the wizard's preview, the CLI and the saved plan agree to the
 * cent.
 *
 * The rules:
 *
 *  * The plan pays off @principal (what the covered invoices have open). A down payment, if
 *    any, is row 0 and falls due on the plan date. What is left, the financed amount
 *    F = principal − down payment, plus the interest or the set-up fee, is paid in
 *    instalments 1 … n.
 *  * Instalments are equal with the remainder on the last (1000.00 in 3 → 333.33, 333.33,
 *    333.34). When the instalment amount is given instead of the count, every instalment is
 *    that amount and the last one is what remains (≤ the amount); the count is the smallest
 *    that pays the total.
 *  * Due dates from the first due date D: weekly D + 7 k days; biweekly D + 14 k days;
 *    monthly D + k months with the day clamped to the month's end but kept from D (31 Jan →
 *    28/29 Feb → 31 Mar); semimonthly is two dates a month, D's day and the day 15 days
 *    later or earlier: a first date on day 1–15 gives day d and d + 15 of every month (1st and
 *    16th, 15th and 30th, the second clamped to the month's end: 15 Feb → 28 Feb); a first
 *    date on day 16–31 gives d − 15 and d, starting with d (31 Jan, 16 Feb, 28 Feb, 16 Mar,
 *    31 Mar …).
 *  * Simple interest at @apr_bp basis points a year, actual/365, on the declining financed
 *    balance: F is split into n equal principal parts (remainder on the last), and period i
 *    runs from the previous due date (the plan date for i = 1) to due date i; its interest is
 *    balance × apr_bp × days / (10000 × 365), rounded half up to the minor unit, where balance
 *    is F minus the principal parts of instalments 1 … i − 1. The interest is the sum of the
 *    periods' interest; it is added to F and the sum is split into the instalments as above.
 *    For an instalment amount, the count is the smallest n whose instalments pay F plus the
 *    interest for n.
 *  * A set-up fee is added to F the same way. Interest and a set-up fee are alternatives.
 *  * Total = principal + interest + fee = down payment + Σ instalments, exactly; the cost of
 *    the plan is interest + fee. */

#define AR_PLAN_ERROR (ar_plan_error_quark ())

/* One code per field the wizard shows, so an error can be put next to its field. */
typedef enum
{
  AR_PLAN_ERROR_ITEMS,         /* nothing covered, mixed currencies, an invoice not open */
  AR_PLAN_ERROR_COUNT,         /* zero instalments, or more than a plan may have */
  AR_PLAN_ERROR_AMOUNT,        /* the instalment amount, or an instalment below the minimum */
  AR_PLAN_ERROR_TERM,          /* the last due date beyond the maximum term */
  AR_PLAN_ERROR_DOWN_PAYMENT,  /* negative, or not less than the total */
  AR_PLAN_ERROR_FIRST_DUE,     /* missing, or before the plan date */
  AR_PLAN_ERROR_INTEREST,      /* APR out of range, or both interest and a fee */
  AR_PLAN_ERROR_FEE,           /* negative set-up fee */
  AR_PLAN_ERROR_RANGE,         /* amounts too large to compute with */
  AR_PLAN_ERROR_STATE,         /* the plan can't be changed (cancelled, already renegotiated) */
} ArPlanError;

GQuark      ar_plan_error_quark            (void);

typedef enum
{
  AR_PLAN_WEEKLY,
  AR_PLAN_BIWEEKLY,
  AR_PLAN_SEMIMONTHLY,
  AR_PLAN_MONTHLY,
  AR_N_PLAN_FREQUENCIES
} ArPlanFrequency;

/* "weekly", "biweekly", "semimonthly", "monthly" (the ledger file's and the CLI's words). */
const char *ar_plan_frequency_to_string    (ArPlanFrequency  frequency);
gboolean    ar_plan_frequency_from_string  (const char      *text,
                                            ArPlanFrequency *out);
/* For people: "Weekly", "Every two weeks", "Twice a month", "Monthly" (translated). */
const char *ar_plan_frequency_to_label     (ArPlanFrequency  frequency);

/* Due date of instalment @index (0 = the first due date itself) as a Julian day. */
guint32     ar_plan_due_date               (ArPlanFrequency  frequency,
                                            guint32          first_due,
                                            guint            index);

/* The limits a plan must keep: ledger settings (ar-plan.h reads them). */
typedef struct
{
  gint64  min_instalment;    /* minor units; an instalment (other than a final remainder)
                              * below this is refused */
  guint   max_term_months;   /* the last due date at most this many months after the plan
                              * date */
} ArPlanLimits;

#define AR_PLAN_DEFAULT_MIN_INSTALMENT_UNITS 10  /* 10.00 USD, 10 JPY: whole currency units */
#define AR_PLAN_DEFAULT_MAX_TERM_MONTHS      36
/* No plan has more instalments than this, whatever the term (daily plans are not a thing). */
#define AR_PLAN_MAX_INSTALMENTS              520
/* APR above 100 % is refused: usury limits are far lower everywhere we know of. */
#define AR_PLAN_MAX_APR_BP                   10000

typedef struct
{
  guint32          plan_date;          /* Julian day the plan is agreed ("today") */
  gint64           principal;          /* > 0: what the covered items have open */
  gint64           down_payment;       /* ≥ 0, < principal; due on the plan date */
  guint            n_instalments;      /* the count, or 0 when @instalment_amount is given */
  gint64           instalment_amount;  /* the amount of each instalment, or 0 */
  ArPlanFrequency  frequency;
  guint32          first_due;          /* Julian day of instalment 1, ≥ plan date */
  guint32          apr_bp;             /* simple interest, basis points a year; 0 = none */
  gint64           setup_fee;          /* ≥ 0, minor units; 0 = none */
} ArPlanTerms;

typedef struct
{
  guint    seq;      /* 0 = the down payment, 1 … n the instalments */
  guint32  due;      /* Julian day */
  gint64   amount;   /* > 0 */
} ArPlanScheduleRow;

typedef struct
{
  gint64  principal;
  gint64  down_payment;
  gint64  interest;
  gint64  setup_fee;
  gint64  total;           /* principal + interest + setup fee = Σ rows */
  gint64  cost;            /* interest + setup fee: what the plan costs the debtor */
  guint   n_instalments;   /* rows without the down payment */
  GArray *rows;            /* ArPlanScheduleRow in seq order; row 0 only with a down payment */
} ArPlanSchedule;

void             ar_plan_schedule_clear    (ArPlanSchedule     *schedule);
void             ar_plan_schedule_free     (ArPlanSchedule     *schedule);

/* The schedule for @terms under @limits, or NULL with an AR_PLAN_ERROR whose message names
 * the field and says what is allowed (translated, for the wizard to show as it is). @currency
 * is the ISO 4217 code, for the amounts in messages. */
ArPlanSchedule  *ar_plan_schedule_compute  (const ArPlanTerms  *terms,
                                            const ArPlanLimits *limits,
                                            const char         *currency,
                                            GError            **error);

/* Simple interest on @balance for @days at @apr_bp, actual/365, rounded half up; FALSE (range
 * error) on overflow. */
gboolean         ar_plan_interest          (gint64              balance,
                                            guint32             apr_bp,
                                            guint               days,
                                            gint64             *out,
                                            GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArPlanSchedule, ar_plan_schedule_free)

G_END_DECLS
