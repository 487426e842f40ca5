/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ar-rate-table.h"

G_BEGIN_DECLS

/* Late-payment interest and fixed compensation: pure functions over the dated rate tables of
 * ar-rate-table.h. No ledger, no SQL; the dunning run decides which regime applies to a
 * debtor and posts the results.
 *
 * The rules every regime shares:
 * - Interest is simple and runs from the day after the due date up to and including the
 *   as-of date, so the number of days is as_of − due (0 when the as-of date is not after the
 *   due date: nothing is late yet, no interest, no compensation).
 * - Day count actual/365: every calendar day counts (29 February too) and the year is 365
 *   days, leap or not. This is what makes the UK worked example true: £10,000 at 13.25 %
 *   for 30 days is 10,000 × 0.1325 × 30 / 365 = £108.904… → £108.90.
 * - Integer arithmetic: interest (minor units) = Σ amount × rate_bp × days / (365 × 10,000)
 *   over the rate periods, summed exactly and rounded once, half up, to the minor unit.
 *   Rates are basis points (13.25 % = 1325).
 * - A rate that a table does not cover is an error (AR_INTEREST_ERROR_NO_RATE), never a guess.
 *
 * The regimes (sources in ../shared/reference/collection-law.md §2.1, §3.1, §3.2):
 * - SIMPLE: a contractual APR, fixed; any currency; no compensation.
 * - UK_B2B: Late Payment of Commercial Debts (Interest) Act 1998: Bank Rate + 8 points, Bank
 *   Rate taken on 31 December (interest starting 1 January … 30 June) or 30 June (interest
 *   starting 1 July … 31 December) immediately before the first day of interest, fixed for
 *   the whole debt; compensation £40 below £1,000, £70 below £10,000, £100 from £10,000
 *   (s.5A). GBP only.
 * - EU_B2B: Directive 2011/7/EU: the ECB main refinancing rate in force on 1 January (for days
 *   in January … June) or 1 July (July … December) + 8 points — the rate follows each
 *   half-year of the late period; compensation EUR 40. EUR only.
 * - DE_B2B / DE_B2C: § 288 BGB: the Basiszinssatz of each half-year (it changes on 1 January
 *   and 1 July, § 247) + 9 points (no consumer involved, § 288(2)) or + 5 points (consumer,
 *   § 288(1)); EUR 40 only when the debtor is not a consumer (§ 288(5)). EUR only. */

#define AR_INTEREST_ERROR (ar_interest_error_quark ())

typedef enum
{
  AR_INTEREST_ERROR_INVALID,   /* a bad argument: negative amount, missing or negative APR */
  AR_INTEREST_ERROR_CURRENCY,  /* the regime is not defined for this currency */
  AR_INTEREST_ERROR_NO_RATE,   /* a day of the calculation is outside a rate table */
  AR_INTEREST_ERROR_RANGE,     /* the figures do not fit 64-bit integers */
} ArInterestError;

GQuark ar_interest_error_quark (void);

typedef enum
{
  AR_INTEREST_SIMPLE,
  AR_INTEREST_UK_B2B,
  AR_INTEREST_EU_B2B,
  AR_INTEREST_DE_B2B,
  AR_INTEREST_DE_B2C,
  AR_N_INTEREST_REGIMES,
} ArInterestRegime;

/* "simple", "uk-b2b", "eu-b2b", "de-b2b", "de-b2c" (the CLI's and the ledger's names). */
const char *ar_interest_regime_to_string   (ArInterestRegime  regime);
gboolean    ar_interest_regime_from_string (const char       *text,
                                            ArInterestRegime *out_regime);
/* For people: "UK Late Payment of Commercial Debts (Interest) Act 1998", translated. */
const char *ar_interest_regime_describe    (ArInterestRegime  regime);

/* One stretch of the late period at one rate. */
typedef struct
{
  guint32 first_day;     /* Julian days, both inclusive */
  guint32 last_day;
  gint32  reference_bp;  /* the reference rate (Bank Rate, ECB, Basiszinssatz); 0 for SIMPLE */
  guint32 reference_day; /* the day the reference rate was taken on; 0 for SIMPLE */
  gint32  rate_bp;       /* reference + margin, or the APR */
} ArInterestPeriod;

typedef struct
{
  ArInterestRegime regime;
  char     currency[4];
  gint64   amount;        /* the principal, minor units */
  guint32  due;           /* Julian days */
  guint32  as_of;
  guint    days;          /* days of interest: as_of − due, or 0 */
  gint32   margin_bp;     /* the points over the reference rate (800, 900, 500; 0 for SIMPLE) */
  gint32   rate_bp;       /* the rate of the last period: the one running on the as-of date
                           * (for UK_B2B and SIMPLE the only one) */
  gint64   interest;      /* minor units */
  gint64   compensation;  /* minor units of @currency; 0 when none is due */
  GArray  *periods;       /* ArInterestPeriod in date order; empty when @days is 0 */
} ArInterestResult;

/* Computes interest and compensation on @amount (minor units of @currency, ≥ 0) due on @due,
 * as of @as_of (Julian days). @apr_bp is the contractual rate for AR_INTEREST_SIMPLE (basis
 * points, ≥ 0) and must be -1 for the statutory regimes. Errors (nothing is returned then)
 * name what was wrong: the currency a regime requires, the table and the day it lacks. */
ArInterestResult *ar_interest_compute      (ArInterestRegime  regime,
                                            gint64            amount,
                                            const char       *currency,
                                            guint32           due,
                                            guint32           as_of,
                                            gint32            apr_bp,
                                            GError          **error);
/* The same with the rate table to use for a statutory regime: NULL for the shipped one, or
 * one extended with a ledger's recorded rows (ar_rates_get_table ()); it must be the table of
 * ar_interest_regime_get_table (@regime). */
ArInterestResult *ar_interest_compute_with_table (ArInterestRegime   regime,
                                                  gint64             amount,
                                                  const char        *currency,
                                                  guint32            due,
                                                  guint32            as_of,
                                                  gint32             apr_bp,
                                                  const ArRateTable *table,
                                                  GError           **error);
/* The reference-rate table a statutory regime reads; FALSE for SIMPLE. */
gboolean          ar_interest_regime_get_table (ArInterestRegime  regime,
                                                ArRateTableId    *out_id);
/* The latest day whose reference rate @regime reads for interest running on @day (Julian):
 * for UK_B2B the 31 December or 30 June before @day (the reference day of a debt whose
 * interest starts on @day), for EU_B2B, DE_B2B and DE_B2C the first day of @day's half-year;
 * 0 for SIMPLE. A table that covers this day works out the interest of every debt up to @day,
 * so it is the one question to ask before warning that a rate is missing. */
guint32           ar_interest_regime_reference_day (ArInterestRegime regime,
                                                    guint32          day);
void              ar_interest_result_free  (ArInterestResult *result);

/* The fixed compensation alone (s.5A of the UK Act, art. 6 of the Directive, § 288(5) BGB)
 * for a debt of @amount: 0 for SIMPLE and DE_B2C. Fails like ar_interest_compute() on a
 * currency the regime does not allow. */
gboolean          ar_interest_compensation (ArInterestRegime  regime,
                                            gint64            amount,
                                            const char       *currency,
                                            gint64           *out_minor,
                                            GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArInterestResult, ar_interest_result_free)

G_END_DECLS
