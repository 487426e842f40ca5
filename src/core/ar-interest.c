/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-interest"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ar-date.h"
#include "ar-interest.h"
#include "ar-money.h"
#include "ar-rate-table.h"

G_DEFINE_QUARK (ar-interest-error-quark, ar_interest_error)

/* Actual/365 with rates in basis points: interest = amount × rate_bp × days / DENOMINATOR. */
#define DAYS_PER_YEAR 365
#define BP_PER_UNIT   10000
#define DENOMINATOR   ((gint64) DAYS_PER_YEAR * BP_PER_UNIT)

typedef struct
{
  const char   *name;
  const char   *description;
  const char   *currency;     /* the only currency the regime is defined for; NULL: any */
  gint32        margin_bp;
  int           table;        /* ArRateTableId, or -1 */
  gint64        compensation; /* minor units of @currency for a business debt; see below */
} RegimeInfo;

static const RegimeInfo regimes[AR_N_INTEREST_REGIMES] = {
  [AR_INTEREST_SIMPLE] = { "simple", N_("Contractual interest (simple, actual/365)"),
                           NULL, 0, -1, 0 },
  [AR_INTEREST_UK_B2B] = { "uk-b2b", N_("UK Late Payment of Commercial Debts (Interest) Act "
                                        "1998"),
                           "GBP", 800, AR_RATE_TABLE_BOE_BANK_RATE, -1 /* by band */ },
  [AR_INTEREST_EU_B2B] = { "eu-b2b", N_("EU Late Payment Directive 2011/7/EU"),
                           "EUR", 800, AR_RATE_TABLE_ECB_MRO, 4000 },
  [AR_INTEREST_DE_B2B] = { "de-b2b", N_("Germany, § 288(2) BGB (no consumer involved)"),
                           "EUR", 900, AR_RATE_TABLE_DE_BASISZINSSATZ, 4000 },
  [AR_INTEREST_DE_B2C] = { "de-b2c", N_("Germany, § 288(1) BGB (consumer)"),
                           "EUR", 500, AR_RATE_TABLE_DE_BASISZINSSATZ, 0 },
};

const char *
ar_interest_regime_to_string (ArInterestRegime regime)
{
  g_return_val_if_fail (regime < AR_N_INTEREST_REGIMES, NULL);
  return regimes[regime].name;
}

gboolean
ar_interest_regime_from_string (const char *text, ArInterestRegime *out_regime)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < AR_N_INTEREST_REGIMES; i++)
    if (strcmp (regimes[i].name, text) == 0)
      {
        if (out_regime != NULL)
          *out_regime = (ArInterestRegime) i;
        return TRUE;
      }
  return FALSE;
}

const char *
ar_interest_regime_describe (ArInterestRegime regime)
{
  g_return_val_if_fail (regime < AR_N_INTEREST_REGIMES, NULL);
  return _(regimes[regime].description);
}

void
ar_interest_result_free (ArInterestResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->periods, g_array_unref);
  g_free (result);
}

static gboolean
check_currency (ArInterestRegime regime, const char *currency, GError **error)
{
  const RegimeInfo *info = &regimes[regime];

  if (!ar_currency_is_valid (currency))
    {
      g_set_error (error, AR_INTEREST_ERROR, AR_INTEREST_ERROR_CURRENCY,
                   _("currency: “%s” is not an ISO 4217 currency code"), currency);
      return FALSE;
    }
  if (info->currency != NULL && strcmp (info->currency, currency) != 0)
    {
      /* The fixed compensation is a sum in pounds or euros, and the reference rates are
       * those of the pound and the euro: the regime says nothing about other currencies. */
      g_set_error (error, AR_INTEREST_ERROR, AR_INTEREST_ERROR_CURRENCY,
                   _("currency: %s (%s) is defined for debts in %s, not %s"), info->name,
                   _(info->description), info->currency, currency);
      return FALSE;
    }
  return TRUE;
}

static gint64
compensation_for (ArInterestRegime regime, gint64 amount)
{
  if (amount <= 0)
    return 0;
  if (regime == AR_INTEREST_UK_B2B)
    {
      /* s.5A: £40 for less than £1,000, £70 for less than £10,000, £100 otherwise. */
      if (amount < 100000)
        return 4000;
      if (amount < 1000000)
        return 7000;
      return 10000;
    }
  return regimes[regime].compensation;
}

gboolean
ar_interest_compensation (ArInterestRegime regime, gint64 amount, const char *currency,
                          gint64 *out_minor, GError **error)
{
  g_return_val_if_fail (regime < AR_N_INTEREST_REGIMES, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  if (!check_currency (regime, currency, error))
    return FALSE;
  *out_minor = compensation_for (regime, amount);
  return TRUE;
}

static guint32
julian_dmy (int day, GDateMonth month, int year)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return ar_date_to_julian (&date);
}

/* 1 January or 1 July of @julian's half-year, and the first day of the next half-year. */
static void
half_year_of (guint32 julian, guint32 *out_start, guint32 *out_next)
{
  GDate date;
  int year;

  ar_date_from_julian (julian, &date);
  year = g_date_get_year (&date);
  if (g_date_get_month (&date) <= G_DATE_JUNE)
    {
      *out_start = julian_dmy (1, G_DATE_JANUARY, year);
      *out_next = julian_dmy (1, G_DATE_JULY, year);
    }
  else
    {
      *out_start = julian_dmy (1, G_DATE_JULY, year);
      *out_next = julian_dmy (1, G_DATE_JANUARY, year + 1);
    }
}

/* The UK Act's reference day for interest starting on @first_day: 31 December before a start
 * in January … June, 30 June before a start in July … December. */
static guint32
uk_reference_day (guint32 first_day)
{
  GDate date;
  int year;

  ar_date_from_julian (first_day, &date);
  year = g_date_get_year (&date);
  if (g_date_get_month (&date) <= G_DATE_JUNE)
    return julian_dmy (31, G_DATE_DECEMBER, year - 1);
  return julian_dmy (30, G_DATE_JUNE, year);
}

gboolean
ar_interest_regime_get_table (ArInterestRegime regime, ArRateTableId *out_id)
{
  g_return_val_if_fail (regime < AR_N_INTEREST_REGIMES, FALSE);

  if (regimes[regime].table < 0)
    return FALSE;
  if (out_id != NULL)
    *out_id = (ArRateTableId) regimes[regime].table;
  return TRUE;
}

guint32
ar_interest_regime_reference_day (ArInterestRegime regime, guint32 day)
{
  guint32 start, next;

  g_return_val_if_fail (regime < AR_N_INTEREST_REGIMES, 0);
  g_return_val_if_fail (day > 0, 0);

  switch (regime)
    {
    case AR_INTEREST_UK_B2B:
      return uk_reference_day (day);
    case AR_INTEREST_EU_B2B:
    case AR_INTEREST_DE_B2B:
    case AR_INTEREST_DE_B2C:
      half_year_of (day, &start, &next);
      return start;
    case AR_INTEREST_SIMPLE:
    case AR_N_INTEREST_REGIMES:
    default:
      return 0;
    }
}

static gboolean
lookup (ArInterestRegime regime, const ArRateTable *table, guint32 day, gint32 *out_bp,
        GError **error)
{
  g_autoptr(GError) local = NULL;
  ArRateTableId id = (ArRateTableId) regimes[regime].table;

  if (!ar_rate_table_lookup (table, day, out_bp, NULL, &local))
    {
      /* Never guessed: the user can look the rate up and record it with its source. */
      g_set_error (error, AR_INTEREST_ERROR, AR_INTEREST_ERROR_NO_RATE,
                   _("%s: %s. Look up the official rate and record it in Preferences ▸ "
                     "Reference Rates, or with “arrears-cli rates add LEDGER --table %s --from "
                     "YYYY-MM-DD --rate PCT --source URL”, then confirm the period it covers "
                     "with “arrears-cli rates confirm LEDGER --table %s --until YYYY-MM-DD "
                     "--source URL”"),
                   regimes[regime].name, local->message, ar_rate_table_id_to_short (id),
                   ar_rate_table_id_to_short (id));
      return FALSE;
    }
  return TRUE;
}

static void
add_period (GArray *periods, guint32 first, guint32 last, gint32 reference_bp,
            guint32 reference_day, gint32 rate_bp)
{
  ArInterestPeriod period = { first, last, reference_bp, reference_day, rate_bp };

  /* Half-years at the same rate are one period: fewer lines on a letter, same figure. */
  if (periods->len > 0)
    {
      ArInterestPeriod *prev = &g_array_index (periods, ArInterestPeriod, periods->len - 1);

      if (prev->rate_bp == rate_bp && prev->last_day + 1 == first)
        {
          prev->last_day = last;
          return;
        }
    }
  g_array_append_val (periods, period);
}

/* The periods and their rates for days @first … @last (@first > @last: none, but the rate of
 * @first is still looked up, so that a result always names its rate). */
static gboolean
build_periods (ArInterestRegime regime, const ArRateTable *table, guint32 first, guint32 last,
               gint32 apr_bp, GArray *periods, gint32 *out_rate_bp, GError **error)
{
  const RegimeInfo *info = &regimes[regime];
  gint32 reference_bp;
  guint32 day;

  switch (regime)
    {
    case AR_INTEREST_SIMPLE:
      if (first <= last)
        add_period (periods, first, last, 0, 0, apr_bp);
      *out_rate_bp = apr_bp;
      return TRUE;

    case AR_INTEREST_UK_B2B:
      /* Fixed for the whole debt at the rate of the reference day before interest starts. */
      day = uk_reference_day (first);
      if (!lookup (regime, table, day, &reference_bp, error))
        return FALSE;
      if (first <= last)
        add_period (periods, first, last, reference_bp, day, reference_bp + info->margin_bp);
      *out_rate_bp = reference_bp + info->margin_bp;
      return TRUE;

    case AR_INTEREST_EU_B2B:
    case AR_INTEREST_DE_B2B:
    case AR_INTEREST_DE_B2C:
      /* Each half-year at its own reference rate: the ECB rate in force on its first day
       * (Directive art. 3(2)), or the Basiszinssatz, which changes only on those days. */
      day = first;
      do
        {
          guint32 start, next;

          half_year_of (day, &start, &next);
          if (!lookup (regime, table, start, &reference_bp, error))
            return FALSE;
          *out_rate_bp = reference_bp + info->margin_bp;
          if (first <= last)
            add_period (periods, day, MIN (last, next - 1), reference_bp, start, *out_rate_bp);
          day = next;
        }
      while (day <= last);
      return TRUE;

    case AR_N_INTEREST_REGIMES:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* @numerator / @denominator (> 0) rounded half away from zero. */
static gint64
divide_rounded (gint64 numerator, gint64 denominator)
{
  gint64 quotient = numerator / denominator;
  gint64 remainder = numerator % denominator;

  if (remainder < 0)
    remainder = -remainder;
  if (remainder * 2 >= denominator)
    quotient += numerator < 0 ? -1 : 1;
  return quotient;
}

static gboolean
range_error (GError **error)
{
  g_set_error_literal (error, AR_INTEREST_ERROR, AR_INTEREST_ERROR_RANGE,
                       _("amount: too large for the interest calculation"));
  return FALSE;
}

static gboolean
sum_interest (gint64 amount, GArray *periods, gint64 *out_interest, GError **error)
{
  gint64 numerator = 0;

  for (guint i = 0; i < periods->len; i++)
    {
      const ArInterestPeriod *p = &g_array_index (periods, ArInterestPeriod, i);
      gint64 days = (gint64) p->last_day - p->first_day + 1;
      gint64 term;

      if (__builtin_mul_overflow (amount, (gint64) p->rate_bp, &term) ||
          __builtin_mul_overflow (term, days, &term) ||
          __builtin_add_overflow (numerator, term, &numerator))
        return range_error (error);
    }
  *out_interest = divide_rounded (numerator, DENOMINATOR);
  return TRUE;
}

ArInterestResult *
ar_interest_compute (ArInterestRegime regime, gint64 amount, const char *currency,
                     guint32 due, guint32 as_of, gint32 apr_bp, GError **error)
{
  return ar_interest_compute_with_table (regime, amount, currency, due, as_of, apr_bp, NULL,
                                         error);
}

ArInterestResult *
ar_interest_compute_with_table (ArInterestRegime regime, gint64 amount, const char *currency,
                                guint32 due, guint32 as_of, gint32 apr_bp,
                                const ArRateTable *table, GError **error)
{
  g_autoptr(ArInterestResult) result = NULL;

  g_return_val_if_fail (regime < AR_N_INTEREST_REGIMES, NULL);
  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (due > 0 && as_of > 0, NULL);

  if (amount < 0)
    {
      g_set_error_literal (error, AR_INTEREST_ERROR, AR_INTEREST_ERROR_INVALID,
                           _("amount: interest is computed on an amount owed, which cannot "
                             "be negative"));
      return NULL;
    }
  if (regime == AR_INTEREST_SIMPLE && apr_bp < 0)
    {
      g_set_error_literal (error, AR_INTEREST_ERROR, AR_INTEREST_ERROR_INVALID,
                           _("apr: simple interest needs the contractual annual rate, 0 or "
                             "more"));
      return NULL;
    }
  if (regime != AR_INTEREST_SIMPLE && apr_bp != -1)
    {
      g_set_error (error, AR_INTEREST_ERROR, AR_INTEREST_ERROR_INVALID,
                   _("apr: %s takes its rate from the law, not from an APR"),
                   regimes[regime].name);
      return NULL;
    }
  if (!check_currency (regime, currency, error))
    return NULL;
  if (table == NULL && regimes[regime].table >= 0)
    {
      table = ar_rate_table_get ((ArRateTableId) regimes[regime].table, error);
      if (table == NULL)
        return NULL;
    }

  result = g_new0 (ArInterestResult, 1);
  result->regime = regime;
  g_strlcpy (result->currency, currency, sizeof result->currency);
  result->amount = amount;
  result->due = due;
  result->as_of = as_of;
  result->days = as_of > due ? as_of - due : 0;
  result->margin_bp = regimes[regime].margin_bp;
  result->periods = g_array_new (FALSE, FALSE, sizeof (ArInterestPeriod));

  /* Interest runs from the day after the due date to the as-of date, both included. */
  if (!build_periods (regime, table, due + 1, as_of, apr_bp, result->periods, &result->rate_bp,
                      error))
    return NULL;
  if (!sum_interest (amount, result->periods, &result->interest, error))
    return NULL;
  result->compensation = result->days > 0 ? compensation_for (regime, amount) : 0;

  return g_steal_pointer (&result);
}
