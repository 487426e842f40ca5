/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-interest"
#include "config.h"

#include <glib.h>
#include <string.h>

#include "ar-date.h"
#include "ar-interest.h"
#include "ar-rate-table.h"

/* Every expected figure below is worked out by hand in the comment next to it, from
 * interest = amount × rate × days / 365 in minor units, rounded half up. */

static guint32
day (const char *text)
{
  g_autoptr(GError) error = NULL;
  guint32 julian = ar_date_parse_julian (text, &error);

  g_assert_no_error (error);
  return julian;
}

static ArInterestResult *
compute_ok (ArInterestRegime regime, gint64 amount, const char *currency, const char *due,
            const char *as_of, gint32 apr_bp)
{
  g_autoptr(GError) error = NULL;
  ArInterestResult *result = ar_interest_compute (regime, amount, currency, day (due),
                                                  day (as_of), apr_bp, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
assert_period (const ArInterestResult *r, guint i, const char *first, const char *last,
               gint32 reference_bp, gint32 rate_bp)
{
  const ArInterestPeriod *p;

  g_assert_cmpuint (i, <, r->periods->len);
  p = &g_array_index (r->periods, ArInterestPeriod, i);
  g_assert_cmpuint (p->first_day, ==, day (first));
  g_assert_cmpuint (p->last_day, ==, day (last));
  g_assert_cmpint (p->reference_bp, ==, reference_bp);
  g_assert_cmpint (p->rate_bp, ==, rate_bp);
}

/* UK ----------------------------------------------------------------------------------------- */

/* The worked example: £10,000, Bank Rate 5.25 % → 13.25 %, 30 days late.
 * 1,000,000 p × 1325 × 30 / 3,650,000 = 10,890.41 → £108.90; compensation £100.
 * Due 1 March 2024, interest from 2 March, 30 days to 31 March inclusive; Bank Rate on
 * 31 December 2023 was 5.25 %. */
static void
test_uk_worked_example (void)
{
  g_autoptr(ArInterestResult) r = compute_ok (AR_INTEREST_UK_B2B, 1000000, "GBP",
                                              "2024-03-01", "2024-03-31", -1);

  g_assert_cmpuint (r->days, ==, 30);
  g_assert_cmpint (r->rate_bp, ==, 1325);
  g_assert_cmpint (r->margin_bp, ==, 800);
  g_assert_cmpint (r->interest, ==, 10890);
  g_assert_cmpint (r->compensation, ==, 10000);
  g_assert_cmpuint (r->periods->len, ==, 1);
  assert_period (r, 0, "2024-03-02", "2024-03-31", 525, 1325);
  g_assert_cmpuint (g_array_index (r->periods, ArInterestPeriod, 0).reference_day, ==,
                    day ("2023-12-31"));
}

/* The rate is Bank Rate on 30 June / 31 December before interest starts, and stays fixed.
 * Due 15 July 2024: interest from 16 July, reference 30 June 2024 (5.25 %), although Bank
 * Rate fell to 5.00 % on 1 August; 60 days to 13 September.
 * 500,000 p × 1325 × 60 / 3,650,000 = 10,890.41 → £108.90; £5,000 → £70. */
static void
test_uk_rate_fixed_per_debt (void)
{
  g_autoptr(ArInterestResult) r = compute_ok (AR_INTEREST_UK_B2B, 500000, "GBP",
                                              "2024-07-15", "2024-09-13", -1);

  g_assert_cmpuint (r->days, ==, 60);
  g_assert_cmpint (r->rate_bp, ==, 1325);
  g_assert_cmpuint (r->periods->len, ==, 1);
  g_assert_cmpint (r->interest, ==, 10890);
  g_assert_cmpint (r->compensation, ==, 7000);
}

/* Which reference day: interest starting 1 July uses 30 June; starting 1 January uses
 * 31 December. Bank Rate: 5.25 % on 2024-06-30, 4.75 % on 2024-12-31, 4.25 % on 2025-06-30,
 * 3.75 % on 2025-12-31. Due 30 June 2024 → starts 1 July 2024 → 13.25 %; due 31 December
 * 2024 → starts 1 January 2025 → 12.75 %; due 29 June 2025 → starts 30 June 2025, still in
 * the first half → 31 December 2024 → 12.75 %; due 30 June 2025 → 12.25 %; due 31 December
 * 2025 → 11.75 %. */
static void
test_uk_reference_day (void)
{
  static const struct { const char *due; gint32 rate_bp; const char *reference; } cases[] = {
    { "2024-06-30", 1325, "2024-06-30" },
    { "2024-12-31", 1275, "2024-12-31" },
    { "2025-06-29", 1275, "2024-12-31" },
    { "2025-06-30", 1225, "2025-06-30" },
    { "2025-12-31", 1175, "2025-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ArInterestResult) r = compute_ok (AR_INTEREST_UK_B2B, 100000, "GBP",
                                                  cases[i].due, "2026-03-01", -1);
      const ArInterestPeriod *p = &g_array_index (r->periods, ArInterestPeriod, 0);

      g_assert_cmpint (r->rate_bp, ==, cases[i].rate_bp);
      g_assert_cmpuint (p->reference_day, ==, day (cases[i].reference));
      g_assert_cmpuint (r->periods->len, ==, 1);
    }
}

/* s.5A bands: below £1,000 → £40; below £10,000 → £70; £10,000 and more → £100. */
static void
test_uk_compensation_bands (void)
{
  static const struct { gint64 amount; gint64 compensation; } cases[] = {
    { 1, 4000 }, { 99999, 4000 }, { 100000, 7000 }, { 999999, 7000 }, { 1000000, 10000 },
    { 100000000, 10000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ArInterestResult) r = compute_ok (AR_INTEREST_UK_B2B, cases[i].amount, "GBP",
                                                  "2024-03-01", "2024-03-02", -1);
      gint64 compensation = -1;

      g_assert_true (ar_interest_compensation (AR_INTEREST_UK_B2B, cases[i].amount, "GBP",
                                               &compensation, &error));
      g_assert_no_error (error);
      g_assert_cmpint (compensation, ==, cases[i].compensation);
      g_assert_cmpint (r->compensation, ==, cases[i].compensation);
    }
}

/* Germany ------------------------------------------------------------------------------------ */

/* Basiszinssatz 1 January 2024: 3.62 %. €1,000 due 31 January 2024, as of 1 March 2024:
 * 1 … 29 February (leap year) + 1 March = 30 days.
 * B2C: 3.62 + 5 = 8.62 %: 100,000 × 862 × 30 / 3,650,000 = 708.49 → €7.08, no lump sum.
 * B2B: 3.62 + 9 = 12.62 %: 100,000 × 1262 × 30 / 3,650,000 = 1,037.26 → €10.37, + €40. */
static void
test_de_known_half_year (void)
{
  g_autoptr(ArInterestResult) b2c = compute_ok (AR_INTEREST_DE_B2C, 100000, "EUR",
                                                "2024-01-31", "2024-03-01", -1);
  g_autoptr(ArInterestResult) b2b = compute_ok (AR_INTEREST_DE_B2B, 100000, "EUR",
                                                "2024-01-31", "2024-03-01", -1);

  g_assert_cmpuint (b2c->days, ==, 30);
  g_assert_cmpint (b2c->rate_bp, ==, 862);
  g_assert_cmpint (b2c->interest, ==, 708);
  g_assert_cmpint (b2c->compensation, ==, 0);
  assert_period (b2c, 0, "2024-02-01", "2024-03-01", 362, 862);

  g_assert_cmpuint (b2b->days, ==, 30);
  g_assert_cmpint (b2b->rate_bp, ==, 1262);
  g_assert_cmpint (b2b->interest, ==, 1037);
  g_assert_cmpint (b2b->compensation, ==, 4000);
}

/* The Basiszinssatz is variable: each half-year at its own rate. €10,000 due 20 June 2024,
 * as of 10 July 2024: 21 … 30 June at 3.62 + 9 = 12.62 % (10 days), 1 … 10 July at
 * 3.37 + 9 = 12.37 % (10 days). 1,000,000 × (1262 × 10 + 1237 × 10) / 3,650,000
 * = 6,846.58 → €68.47 (rounded once, not per period: 3,457.53 + 3,389.04). */
static void
test_de_across_half_years (void)
{
  g_autoptr(ArInterestResult) r = compute_ok (AR_INTEREST_DE_B2B, 1000000, "EUR",
                                              "2024-06-20", "2024-07-10", -1);

  g_assert_cmpuint (r->days, ==, 20);
  g_assert_cmpuint (r->periods->len, ==, 2);
  assert_period (r, 0, "2024-06-21", "2024-06-30", 362, 1262);
  assert_period (r, 1, "2024-07-01", "2024-07-10", 337, 1237);
  g_assert_cmpint (r->rate_bp, ==, 1237);
  g_assert_cmpint (r->interest, ==, 6847);
}

/* Half-years at an unchanged rate make one period: -0.88 % from 1 July 2016 to the end of
 * 2022. €1,000 due 31 December 2019, as of 31 December 2020 (366 days, 2020 is a leap
 * year) at -0.88 + 5 = 4.12 %: 100,000 × 412 × 366 / 3,650,000 = 4,131.29 → €41.31. */
static void
test_de_periods_merge (void)
{
  g_autoptr(ArInterestResult) r = compute_ok (AR_INTEREST_DE_B2C, 100000, "EUR",
                                              "2019-12-31", "2020-12-31", -1);

  g_assert_cmpuint (r->days, ==, 366);
  g_assert_cmpuint (r->periods->len, ==, 1);
  assert_period (r, 0, "2020-01-01", "2020-12-31", -88, 412);
  g_assert_cmpint (r->interest, ==, 4131);
}

/* EU ----------------------------------------------------------------------------------------- */

/* ECB main refinancing rate on 1 January 2024: 4.50 % → 12.50 %. €2,000 due 10 January 2024,
 * as of 9 February: 30 days. 200,000 × 1250 × 30 / 3,650,000 = 2,054.79 → €20.55, + €40. */
static void
test_eu_known_semester (void)
{
  g_autoptr(ArInterestResult) r = compute_ok (AR_INTEREST_EU_B2B, 200000, "EUR",
                                              "2024-01-10", "2024-02-09", -1);

  g_assert_cmpuint (r->days, ==, 30);
  g_assert_cmpint (r->rate_bp, ==, 1250);
  g_assert_cmpint (r->interest, ==, 2055);
  g_assert_cmpint (r->compensation, ==, 4000);
}

/* The Directive fixes the rate per semester on 1 January / 1 July: the ECB cut to 4.25 % on
 * 12 June 2024 does not reach the days of late June, which keep 4.50 %; July takes 4.25 %.
 * €10,000 due 25 June 2024, as of 5 July: 26 … 30 June at 12.50 %, 1 … 5 July at 12.25 %.
 * 1,000,000 × (1250 × 5 + 1225 × 5) / 3,650,000 = 3,390.41 → €33.90. */
static void
test_eu_semester_fixing (void)
{
  g_autoptr(ArInterestResult) r = compute_ok (AR_INTEREST_EU_B2B, 1000000, "EUR",
                                              "2024-06-25", "2024-07-05", -1);

  g_assert_cmpuint (r->periods->len, ==, 2);
  assert_period (r, 0, "2024-06-26", "2024-06-30", 450, 1250);
  assert_period (r, 1, "2024-07-01", "2024-07-05", 425, 1225);
  g_assert_cmpuint (g_array_index (r->periods, ArInterestPeriod, 1).reference_day, ==,
                    day ("2024-07-01"));
  g_assert_cmpint (r->interest, ==, 3390);
}

/* Simple --------------------------------------------------------------------------------------- */

/* The reference's illustration of the daily formula: £5,000 at 12 % for 45 days = £73.97.
 * 500,000 × 1200 × 45 / 3,650,000 = 7,397.26 → 73.97. */
static void
test_simple_apr (void)
{
  g_autoptr(ArInterestResult) r = compute_ok (AR_INTEREST_SIMPLE, 500000, "GBP",
                                              "2025-01-01", "2025-02-15", 1200);

  g_assert_cmpuint (r->days, ==, 45);
  g_assert_cmpint (r->rate_bp, ==, 1200);
  g_assert_cmpint (r->interest, ==, 7397);
  g_assert_cmpint (r->compensation, ==, 0);
}

/* Actual/365 in a leap year: 29 February counts as a day, the year stays 365 days.
 * $1,000 at 10 %: 15 Feb → 16 Mar 2024 is 30 days: 100,000 × 1000 × 30 / 3,650,000
 * = 821.92 → $8.22; the same dates in 2023 are 29 days: 794.52 → $7.95. */
static void
test_simple_leap_year (void)
{
  g_autoptr(ArInterestResult) leap = compute_ok (AR_INTEREST_SIMPLE, 100000, "USD",
                                                 "2024-02-15", "2024-03-16", 1000);
  g_autoptr(ArInterestResult) common = compute_ok (AR_INTEREST_SIMPLE, 100000, "USD",
                                                   "2023-02-15", "2023-03-16", 1000);

  g_assert_cmpuint (leap->days, ==, 30);
  g_assert_cmpint (leap->interest, ==, 822);
  g_assert_cmpuint (common->days, ==, 29);
  g_assert_cmpint (common->interest, ==, 795);
}

/* Half up at exactly half a minor unit: 73 × 2500 × 10 / 3,650,000 = 0.5 → 1; 72 → 0.49 → 0. */
static void
test_rounding_half_up (void)
{
  g_autoptr(ArInterestResult) half = compute_ok (AR_INTEREST_SIMPLE, 73, "USD",
                                                 "2025-01-01", "2025-01-11", 2500);
  g_autoptr(ArInterestResult) below = compute_ok (AR_INTEREST_SIMPLE, 72, "USD",
                                                  "2025-01-01", "2025-01-11", 2500);

  g_assert_cmpint (half->interest, ==, 1);
  g_assert_cmpint (below->interest, ==, 0);
}

/* Refusals and edges ---------------------------------------------------------------------------- */

static void
test_not_late (void)
{
  static const ArInterestRegime all[] = {
    AR_INTEREST_SIMPLE, AR_INTEREST_UK_B2B, AR_INTEREST_EU_B2B, AR_INTEREST_DE_B2B,
    AR_INTEREST_DE_B2C,
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      const char *currency = all[i] == AR_INTEREST_UK_B2B ? "GBP" : "EUR";
      gint32 apr = all[i] == AR_INTEREST_SIMPLE ? 800 : -1;
      /* Due after the as-of date, and due on it: no day of interest, no compensation. */
      g_autoptr(ArInterestResult) before = compute_ok (all[i], 1000000, currency,
                                                       "2024-03-31", "2024-03-01", apr);
      g_autoptr(ArInterestResult) same = compute_ok (all[i], 1000000, currency,
                                                     "2024-03-01", "2024-03-01", apr);

      g_assert_cmpuint (before->days, ==, 0);
      g_assert_cmpint (before->interest, ==, 0);
      g_assert_cmpint (before->compensation, ==, 0);
      g_assert_cmpuint (before->periods->len, ==, 0);
      g_assert_cmpint (before->rate_bp, >, 0);
      g_assert_cmpuint (same->days, ==, 0);
      g_assert_cmpint (same->interest, ==, 0);
      g_assert_cmpint (same->compensation, ==, 0);
    }
}

static void
assert_refused (ArInterestRegime regime, gint64 amount, const char *currency, const char *due,
                const char *as_of, gint32 apr_bp, int code, const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArInterestResult) r = ar_interest_compute (regime, amount, currency, day (due),
                                                       day (as_of), apr_bp, &error);

  g_assert_null (r);
  g_assert_error (error, AR_INTEREST_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

static void
test_outside_tables (void)
{
  /* Before the first row: Bank Rate on 31 December 2008 is not in the table. */
  assert_refused (AR_INTEREST_UK_B2B, 100000, "GBP", "2009-01-15", "2009-03-01", -1,
                  AR_INTEREST_ERROR_NO_RATE, "2008-12-31");
  /* After ValidUntil: interest from 1 July 2026 needs Bank Rate on 30 June 2026. */
  assert_refused (AR_INTEREST_UK_B2B, 100000, "GBP", "2026-07-10", "2026-08-01", -1,
                  AR_INTEREST_ERROR_NO_RATE, "Bank Rate");
  /* The second half of 2026 is not published yet: refused, not carried forward. */
  assert_refused (AR_INTEREST_DE_B2C, 100000, "EUR", "2026-06-01", "2026-07-01", -1,
                  AR_INTEREST_ERROR_NO_RATE, "2026-07-01");
  assert_refused (AR_INTEREST_EU_B2B, 100000, "EUR", "2026-05-01", "2026-11-22", -1,
                  AR_INTEREST_ERROR_NO_RATE, "ECB");
  /* Before 2015 for the Basiszinssatz. */
  assert_refused (AR_INTEREST_DE_B2B, 100000, "EUR", "2014-12-01", "2015-02-01", -1,
                  AR_INTEREST_ERROR_NO_RATE, "2014-07-01");
}

static void
test_currency_rules (void)
{
  assert_refused (AR_INTEREST_UK_B2B, 100000, "EUR", "2024-03-01", "2024-03-31", -1,
                  AR_INTEREST_ERROR_CURRENCY, "GBP");
  assert_refused (AR_INTEREST_EU_B2B, 100000, "GBP", "2024-03-01", "2024-03-31", -1,
                  AR_INTEREST_ERROR_CURRENCY, "EUR");
  assert_refused (AR_INTEREST_DE_B2B, 100000, "USD", "2024-03-01", "2024-03-31", -1,
                  AR_INTEREST_ERROR_CURRENCY, "EUR");
  assert_refused (AR_INTEREST_DE_B2C, 100000, "CHF", "2024-03-01", "2024-03-31", -1,
                  AR_INTEREST_ERROR_CURRENCY, "CHF");
  assert_refused (AR_INTEREST_SIMPLE, 100000, "XYZ", "2024-03-01", "2024-03-31", 500,
                  AR_INTEREST_ERROR_CURRENCY, "XYZ");

  {
    g_autoptr(GError) error = NULL;
    gint64 out = -1;

    g_assert_false (ar_interest_compensation (AR_INTEREST_EU_B2B, 100, "USD", &out, &error));
    g_assert_error (error, AR_INTEREST_ERROR, AR_INTEREST_ERROR_CURRENCY);
    g_assert_cmpint (out, ==, -1);
  }
}

static void
test_bad_arguments (void)
{
  assert_refused (AR_INTEREST_SIMPLE, -1, "USD", "2024-03-01", "2024-03-31", 500,
                  AR_INTEREST_ERROR_INVALID, "amount");
  assert_refused (AR_INTEREST_SIMPLE, 100, "USD", "2024-03-01", "2024-03-31", -1,
                  AR_INTEREST_ERROR_INVALID, "apr");
  assert_refused (AR_INTEREST_UK_B2B, 100, "GBP", "2024-03-01", "2024-03-31", 500,
                  AR_INTEREST_ERROR_INVALID, "apr");
  assert_refused (AR_INTEREST_SIMPLE, G_MAXINT64 / 1000, "USD", "2000-01-01", "2024-03-31",
                  9999, AR_INTEREST_ERROR_RANGE, "amount");
}

static void
test_regime_names (void)
{
  for (guint i = 0; i < AR_N_INTEREST_REGIMES; i++)
    {
      ArInterestRegime back = AR_N_INTEREST_REGIMES;

      g_assert_true (ar_interest_regime_from_string (ar_interest_regime_to_string (i), &back));
      g_assert_cmpint (back, ==, i);
      g_assert_nonnull (ar_interest_regime_describe (i));
    }
  g_assert_true (ar_interest_regime_from_string ("uk-b2b", NULL));
  g_assert_false (ar_interest_regime_from_string ("UK-B2B", NULL));
  g_assert_false (ar_interest_regime_from_string ("us-b2b", NULL));
}

/* Rate tables ------------------------------------------------------------------------------ */

static const ArRateTable *
table_ok (ArRateTableId id)
{
  g_autoptr(GError) error = NULL;
  const ArRateTable *table = ar_rate_table_get (id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* Every shipped table covers 2015 onwards, names its source and a source per row. */
static void
test_tables_shipped (void)
{
  for (guint id = 0; id < AR_N_RATE_TABLES; id++)
    {
      const ArRateTable *table = table_ok (id);

      g_assert_cmpuint (ar_rate_table_get_first_day (table), <=, day ("2015-01-01"));
      g_assert_cmpuint (ar_rate_table_get_last_day (table), >=, day ("2026-01-01"));
      g_assert_true (g_str_has_prefix (ar_rate_table_get_source (table), "https://"));
      for (guint i = 0; i < ar_rate_table_get_n_rows (table); i++)
        g_assert_true (g_str_has_prefix (ar_rate_table_get_row (table, i)->source, "http"));
      /* Loaded once and shared. */
      g_assert_true (ar_rate_table_get (id, NULL) == table);
    }
}

/* § 247 BGB: the Basiszinssatz moves on 1 January and 1 July by as many points as the ECB
 * main refinancing rate moved since its last change. Since 2015 its distance to the ECB rate
 * of the day before each half-year has therefore stayed -0.88 points — checking the two
 * tables, gathered from different sources, against each other. */
static void
test_basiszinssatz_follows_ecb (void)
{
  const ArRateTable *basis = table_ok (AR_RATE_TABLE_DE_BASISZINSSATZ);
  const ArRateTable *ecb = table_ok (AR_RATE_TABLE_ECB_MRO);

  for (guint i = 0; i < ar_rate_table_get_n_rows (basis); i++)
    {
      const ArRateRow *row = ar_rate_table_get_row (basis, i);
      g_autoptr(GError) error = NULL;
      gint32 ecb_bp;
      char text[11];

      g_assert_true (ar_rate_table_lookup (ecb, row->from - 1, &ecb_bp, NULL, &error));
      g_assert_no_error (error);
      if (row->rate_bp - ecb_bp != -88)
        g_error ("Basiszinssatz %s: %d bp, ECB the day before: %d bp",
                 ar_date_format_julian (row->from, text), row->rate_bp, ecb_bp);
    }
}

static void
test_table_lookup (void)
{
  const ArRateTable *boe = table_ok (AR_RATE_TABLE_BOE_BANK_RATE);
  g_autoptr(GError) error = NULL;
  const ArRateRow *row = NULL;
  gint32 bp = 0;

  /* The day a change takes effect has the new rate; the day before the old one. */
  g_assert_true (ar_rate_table_lookup (boe, day ("2023-08-03"), &bp, &row, NULL));
  g_assert_cmpint (bp, ==, 525);
  g_assert_cmpuint (row->from, ==, day ("2023-08-03"));
  g_assert_true (ar_rate_table_lookup (boe, day ("2023-08-02"), &bp, NULL, NULL));
  g_assert_cmpint (bp, ==, 500);
  g_assert_true (ar_rate_table_lookup (boe, ar_rate_table_get_last_day (boe), &bp, NULL,
                                       NULL));
  g_assert_false (ar_rate_table_lookup (boe, ar_rate_table_get_last_day (boe) + 1, &bp, NULL,
                                        &error));
  g_assert_error (error, AR_RATE_TABLE_ERROR, AR_RATE_TABLE_ERROR_OUT_OF_RANGE);
}

static void
assert_parse_fails (const char *data, const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArRateTable) table = ar_rate_table_parse ("t.ini", data, strlen (data), &error);

  g_assert_null (table);
  g_assert_error (error, AR_RATE_TABLE_ERROR, AR_RATE_TABLE_ERROR_DATA);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

#define HEAD "[Table]\nName=T\nSource=https://example.org\nValidUntil=2025-12-31\n"

static void
test_table_parse_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArRateTable) good = NULL;
  const char *ok = HEAD "[2025-01-01]\nRate=-0.50\nSource=https://a\n"
                        "[2025-07-01]\nRate=1.25\nSource=https://b\n";

  good = ar_rate_table_parse ("t.ini", ok, strlen (ok), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ar_rate_table_get_n_rows (good), ==, 2);
  g_assert_cmpint (ar_rate_table_get_row (good, 0)->rate_bp, ==, -50);
  g_assert_cmpint (ar_rate_table_get_row (good, 1)->rate_bp, ==, 125);

  assert_parse_fails ("[2025-01-01]\nRate=1\nSource=x\n", "[Table]");
  assert_parse_fails ("[Table]\nName=T\nSource=s\n[2025-01-01]\nRate=1\nSource=x\n",
                      "t.ini: [Table]: ValidUntil: missing");
  assert_parse_fails (HEAD "[2025-01-01]\nRate=1.255\nSource=x\n", "t.ini: [2025-01-01]: Rate");
  assert_parse_fails (HEAD "[2025-01-01]\nRate=abc\nSource=x\n", "[2025-01-01]: Rate");
  assert_parse_fails (HEAD "[2025-01-01]\nSource=x\n", "[2025-01-01]: Rate: missing");
  assert_parse_fails (HEAD "[2025-01-01]\nRate=1\n", "[2025-01-01]: Source: missing");
  assert_parse_fails (HEAD "[2025-02-30]\nRate=1\nSource=x\n", "[2025-02-30]");
  assert_parse_fails (HEAD "[2025-03-01]\nRate=1\nSource=x\n[2025-02-01]\nRate=1\nSource=x\n",
                      "ascending");
  assert_parse_fails (HEAD "HalfYearly=true\n[2025-03-01]\nRate=1\nSource=x\n", "1 July");
  assert_parse_fails (HEAD, "no rates");
  assert_parse_fails ("[Table]\nName=T\nSource=s\nValidUntil=2024-12-31\n"
                      "[2025-01-01]\nRate=1\nSource=x\n", "ValidUntil");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interest/uk/worked-example", test_uk_worked_example);
  g_test_add_func ("/interest/uk/rate-fixed-per-debt", test_uk_rate_fixed_per_debt);
  g_test_add_func ("/interest/uk/reference-day", test_uk_reference_day);
  g_test_add_func ("/interest/uk/compensation-bands", test_uk_compensation_bands);
  g_test_add_func ("/interest/de/known-half-year", test_de_known_half_year);
  g_test_add_func ("/interest/de/across-half-years", test_de_across_half_years);
  g_test_add_func ("/interest/de/periods-merge", test_de_periods_merge);
  g_test_add_func ("/interest/eu/known-semester", test_eu_known_semester);
  g_test_add_func ("/interest/eu/semester-fixing", test_eu_semester_fixing);
  g_test_add_func ("/interest/simple/apr", test_simple_apr);
  g_test_add_func ("/interest/simple/leap-year", test_simple_leap_year);
  g_test_add_func ("/interest/rounding-half-up", test_rounding_half_up);
  g_test_add_func ("/interest/not-late", test_not_late);
  g_test_add_func ("/interest/outside-tables", test_outside_tables);
  g_test_add_func ("/interest/currency-rules", test_currency_rules);
  g_test_add_func ("/interest/bad-arguments", test_bad_arguments);
  g_test_add_func ("/interest/regime-names", test_regime_names);
  g_test_add_func ("/rate-table/shipped", test_tables_shipped);
  g_test_add_func ("/rate-table/basiszinssatz-follows-ecb", test_basiszinssatz_follows_ecb);
  g_test_add_func ("/rate-table/lookup", test_table_lookup);
  g_test_add_func ("/rate-table/parse-errors", test_table_parse_errors);

  return g_test_run ();
}
