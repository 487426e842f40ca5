/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-plan-schedule"
#include "config.h"

#include <glib.h>
#include <string.h>

#include "ar-date.h"
#include "ar-plan-schedule.h"

/* Helpers -------------------------------------------------------------------------------- */

static guint32
jd (const char *iso)
{
  g_autoptr(GError) error = NULL;
  guint32 julian = ar_date_parse_julian (iso, &error);

  g_assert_no_error (error);
  return julian;
}

static const ArPlanLimits no_limits = { 0, 0 };
static const ArPlanLimits usual_limits = { 1000, 36 };

/* Terms of @n monthly instalments of @principal from @first, agreed on @today. */
static ArPlanTerms
terms_monthly (gint64 principal, guint n, const char *today, const char *first)
{
  ArPlanTerms terms = { 0 };

  terms.plan_date = jd (today);
  terms.principal = principal;
  terms.n_instalments = n;
  terms.frequency = AR_PLAN_MONTHLY;
  terms.first_due = jd (first);
  return terms;
}

/* Asserts that @schedule's rows are, in order, @expected "YYYY-MM-DD=minor" strings. */
static void
assert_rows (const ArPlanSchedule *schedule, const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);
  gint64 sum = 0;

  g_assert_cmpuint (schedule->rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const ArPlanScheduleRow *row = &g_array_index (schedule->rows, ArPlanScheduleRow, i);
      char day[11];
      g_autofree char *got = g_strdup_printf ("%s=%" G_GINT64_FORMAT,
                                              ar_date_format_julian (row->due, day), row->amount);

      g_assert_cmpstr (got, ==, expected[i]);
      sum += row->amount;
    }
  g_assert_cmpint (sum, ==, schedule->total);
  g_assert_cmpint (schedule->total, ==,
                   schedule->principal + schedule->interest + schedule->setup_fee);
  g_assert_cmpint (schedule->cost, ==, schedule->interest + schedule->setup_fee);
}

static ArPlanSchedule *
compute_ok (const ArPlanTerms *terms, const ArPlanLimits *limits)
{
  g_autoptr(GError) error = NULL;
  ArPlanSchedule *schedule = ar_plan_schedule_compute (terms, limits, "USD", &error);

  g_assert_no_error (error);
  g_assert_nonnull (schedule);
  return schedule;
}

static void
assert_accepted (const ArPlanTerms *terms, const ArPlanLimits *limits)
{
  ar_plan_schedule_free (compute_ok (terms, limits));
}

/* Asserts that @terms are refused with @code and a message containing @fragment. */
static void
assert_refused (const ArPlanTerms *terms, const ArPlanLimits *limits, ArPlanError code,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArPlanSchedule) schedule = ar_plan_schedule_compute (terms, limits, "USD", &error);

  g_assert_null (schedule);
  g_assert_error (error, AR_PLAN_ERROR, (int) code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("message “%s” does not contain “%s”", error->message, fragment);
}

/* Due dates --------------------------------------------------------------------------------- */

static void
assert_dates (ArPlanFrequency frequency, const char *first, const char * const *expected)
{
  guint32 first_jd = jd (first);

  for (guint i = 0; expected[i] != NULL; i++)
    {
      char day[11];

      g_assert_cmpstr (ar_date_format_julian (ar_plan_due_date (frequency, first_jd, i), day),
                       ==, expected[i]);
    }
}

static void
test_dates_monthly (void)
{
  /* The case, in a common year and a leap year: the anchor day comes back. */
  assert_dates (AR_PLAN_MONTHLY, "2027-01-31",
                (const char *[]) { "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30",
                                   "2027-05-31", NULL });
  assert_dates (AR_PLAN_MONTHLY, "2028-01-31",
                (const char *[]) { "2028-01-31", "2028-02-29", "2028-03-31", NULL });
  assert_dates (AR_PLAN_MONTHLY, "2027-08-31",
                (const char *[]) { "2027-08-31", "2027-09-30", "2027-10-31", "2027-11-30",
                                   "2027-12-31", "2028-01-31", "2028-02-29", NULL });
  assert_dates (AR_PLAN_MONTHLY, "2027-01-30",
                (const char *[]) { "2027-01-30", "2027-02-28", "2027-03-30", NULL });
  /* Across a year end, and 29 Feb as the anchor. */
  assert_dates (AR_PLAN_MONTHLY, "2027-11-15",
                (const char *[]) { "2027-11-15", "2027-12-15", "2028-01-15", NULL });
  assert_dates (AR_PLAN_MONTHLY, "2028-02-29",
                (const char *[]) { "2028-02-29", "2028-03-29", "2028-04-29", NULL });
  g_assert_cmpuint (ar_plan_due_date (AR_PLAN_MONTHLY, jd ("2028-02-29"), 12), ==,
                    jd ("2029-02-28"));
}

static void
test_dates_weekly (void)
{
  assert_dates (AR_PLAN_WEEKLY, "2026-12-25",
                (const char *[]) { "2026-12-25", "2027-01-01", "2027-01-08", NULL });
  assert_dates (AR_PLAN_BIWEEKLY, "2026-12-25",
                (const char *[]) { "2026-12-25", "2027-01-08", "2027-01-22", NULL });
  /* Through 29 Feb of a leap year. */
  assert_dates (AR_PLAN_WEEKLY, "2028-02-22",
                (const char *[]) { "2028-02-22", "2028-02-29", "2028-03-07", NULL });
}

static void
test_dates_semimonthly (void)
{
  assert_dates (AR_PLAN_SEMIMONTHLY, "2027-01-01",
                (const char *[]) { "2027-01-01", "2027-01-16", "2027-02-01", "2027-02-16",
                                   NULL });
  assert_dates (AR_PLAN_SEMIMONTHLY, "2027-01-15",
                (const char *[]) { "2027-01-15", "2027-01-30", "2027-02-15", "2027-02-28",
                                   "2027-03-15", "2027-03-30", NULL });
  assert_dates (AR_PLAN_SEMIMONTHLY, "2027-01-31",
                (const char *[]) { "2027-01-31", "2027-02-16", "2027-02-28", "2027-03-16",
                                   "2027-03-31", NULL });
  assert_dates (AR_PLAN_SEMIMONTHLY, "2028-02-14",
                (const char *[]) { "2028-02-14", "2028-02-29", "2028-03-14", NULL });
  /* Across a year end from the 20th: 20 Dec, then 5 and 20 Jan. */
  assert_dates (AR_PLAN_SEMIMONTHLY, "2027-12-20",
                (const char *[]) { "2027-12-20", "2028-01-05", "2028-01-20", NULL });
}

static void
test_frequency_names (void)
{
  for (guint i = 0; i < AR_N_PLAN_FREQUENCIES; i++)
    {
      ArPlanFrequency back;

      g_assert_true (ar_plan_frequency_from_string (ar_plan_frequency_to_string (i), &back));
      g_assert_cmpuint (back, ==, i);
      g_assert_nonnull (ar_plan_frequency_to_label (i));
    }
  {
    ArPlanFrequency back = AR_PLAN_MONTHLY;

    g_assert_false (ar_plan_frequency_from_string ("daily", &back));
    g_assert_false (ar_plan_frequency_from_string (NULL, &back));
    g_assert_cmpuint (back, ==, AR_PLAN_MONTHLY);
  }
}

/* Amounts ----------------------------------------------------------------------------------- */

static void
test_equal_with_remainder (void)
{
  ArPlanTerms terms = terms_monthly (100000, 3, "2027-01-01", "2027-01-31");
  g_autoptr(ArPlanSchedule) schedule = compute_ok (&terms, &usual_limits);

  assert_rows (schedule, (const char *[]) { "2027-01-31=33333", "2027-02-28=33333",
                                            "2027-03-31=33334", NULL });
  g_assert_cmpint (schedule->total, ==, 100000);
  g_assert_cmpint (schedule->cost, ==, 0);
  g_assert_cmpuint (schedule->n_instalments, ==, 3);
  g_assert_cmpuint (g_array_index (schedule->rows, ArPlanScheduleRow, 0).seq, ==, 1);
}

static void
test_down_payment (void)
{
  ArPlanTerms terms = terms_monthly (100000, 3, "2027-01-01", "2027-02-01");
  g_autoptr(ArPlanSchedule) schedule = NULL;

  terms.down_payment = 10001;
  schedule = compute_ok (&terms, &usual_limits);
  /* Row 0 is the down payment on the plan date; the rest is split. */
  assert_rows (schedule, (const char *[]) { "2027-01-01=10001", "2027-02-01=29999",
                                            "2027-03-01=29999", "2027-04-01=30001", NULL });
  g_assert_cmpuint (g_array_index (schedule->rows, ArPlanScheduleRow, 0).seq, ==, 0);
  g_assert_cmpuint (g_array_index (schedule->rows, ArPlanScheduleRow, 3).seq, ==, 3);
  g_assert_cmpuint (schedule->n_instalments, ==, 3);
}

static void
test_interest_rounding (void)
{
  g_autoptr(GError) error = NULL;
  gint64 interest = -1;

  /* 365 × 5000 × 1 / 3,650,000 = 0.5 exactly: half up. */
  g_assert_true (ar_plan_interest (365, 5000, 1, &interest, &error));
  g_assert_cmpint (interest, ==, 1);
  g_assert_true (ar_plan_interest (364, 5000, 1, &interest, &error));
  g_assert_cmpint (interest, ==, 0);
  /* A year at 10 % on 1000.00 is 100.00. */
  g_assert_true (ar_plan_interest (100000, 1000, 365, &interest, &error));
  g_assert_cmpint (interest, ==, 10000);
  g_assert_no_error (error);
  g_assert_false (ar_plan_interest (G_MAXINT64, 10000, 365, &interest, &error));
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_RANGE);
  g_assert_cmpint (interest, ==, 10000);
}

static void
test_interest (void)
{
  ArPlanTerms terms = terms_monthly (120000, 3, "2027-01-01", "2027-02-01");
  g_autoptr(ArPlanSchedule) schedule = NULL;

  terms.apr_bp = 1200;
  schedule = compute_ok (&terms, &usual_limits);
  /* 1200.00 at 12 %, balances 1200, 800, 400 for 31, 28 and 31 days:
   * 12.2301 → 12.23, 7.3644 → 7.36, 4.0767 → 4.08; 23.67 in all, 1223.67 in thirds. */
  g_assert_cmpint (schedule->interest, ==, 2367);
  g_assert_cmpint (schedule->cost, ==, 2367);
  assert_rows (schedule, (const char *[]) { "2027-02-01=40789", "2027-03-01=40789",
                                            "2027-04-01=40789", NULL });

  /* With a down payment the interest runs on what is financed only. */
  terms.down_payment = 30000;
  {
    g_autoptr(ArPlanSchedule) with_down = compute_ok (&terms, &usual_limits);

    /* 900: 300 a part; balances 900, 600, 300: 9.1726 → 9.17, 5.5233 → 5.52, 3.0575 → 3.06. */
    g_assert_cmpint (with_down->interest, ==, 1775);
    assert_rows (with_down, (const char *[]) { "2027-01-01=30000", "2027-02-01=30591",
                                               "2027-03-01=30591", "2027-04-01=30593", NULL });
  }
}

static void
test_setup_fee (void)
{
  ArPlanTerms terms = terms_monthly (100000, 2, "2027-01-01", "2027-01-15");
  g_autoptr(ArPlanSchedule) schedule = NULL;

  terms.setup_fee = 2500;
  schedule = compute_ok (&terms, &usual_limits);
  assert_rows (schedule, (const char *[]) { "2027-01-15=51250", "2027-02-15=51250", NULL });
  g_assert_cmpint (schedule->total, ==, 102500);
  g_assert_cmpint (schedule->cost, ==, 2500);
}

static void
test_amount_driven (void)
{
  ArPlanTerms terms = terms_monthly (100000, 0, "2027-01-01", "2027-01-31");
  g_autoptr(ArPlanSchedule) schedule = NULL;

  terms.instalment_amount = 30000;
  schedule = compute_ok (&terms, &usual_limits);
  assert_rows (schedule, (const char *[]) { "2027-01-31=30000", "2027-02-28=30000",
                                            "2027-03-31=30000", "2027-04-30=10000", NULL });

  /* An amount that divides exactly leaves no short last instalment. */
  terms.instalment_amount = 25000;
  g_clear_pointer (&schedule, ar_plan_schedule_free);
  schedule = compute_ok (&terms, &usual_limits);
  g_assert_cmpuint (schedule->n_instalments, ==, 4);
  g_assert_cmpint (g_array_index (schedule->rows, ArPlanScheduleRow, 3).amount, ==, 25000);

  /* With interest the count is the smallest that pays principal and interest: 3 × 400.00
   * would pay 1200.00 but not the interest, so 4 instalments, the last one short. */
  terms = terms_monthly (120000, 0, "2027-01-01", "2027-02-01");
  terms.instalment_amount = 40000;
  terms.apr_bp = 1200;
  g_clear_pointer (&schedule, ar_plan_schedule_free);
  schedule = compute_ok (&terms, &usual_limits);
  g_assert_cmpuint (schedule->n_instalments, ==, 4);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (g_array_index (schedule->rows, ArPlanScheduleRow, i).amount, ==, 40000);
  g_assert_cmpint (g_array_index (schedule->rows, ArPlanScheduleRow, 3).amount, ==,
                   schedule->total - 3 * 40000);
  g_assert_cmpint (g_array_index (schedule->rows, ArPlanScheduleRow, 3).amount, >, 0);
  g_assert_cmpint (g_array_index (schedule->rows, ArPlanScheduleRow, 3).amount, <=, 40000);
}

/* Whatever the terms, the rows add up to the total exactly and the dates ascend. */
static void
test_always_adds_up (void)
{
  GRand *rand = g_rand_new_with_seed (20261122);

  for (guint round = 0; round < 2000; round++)
    {
      ArPlanTerms terms = { 0 };
      g_autoptr(ArPlanSchedule) schedule = NULL;
      g_autoptr(GError) error = NULL;
      gint64 sum = 0;

      terms.plan_date = jd ("2027-01-01") + g_rand_int_range (rand, 0, 3000);
      terms.principal = g_rand_int_range (rand, 1, 100000000);
      terms.down_payment = g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 1000000) : 0;
      terms.frequency = g_rand_int_range (rand, 0, AR_N_PLAN_FREQUENCIES);
      terms.first_due = terms.plan_date + g_rand_int_range (rand, 0, 60);
      if (g_rand_boolean (rand))
        terms.n_instalments = g_rand_int_range (rand, 1, 100);
      else
        terms.instalment_amount = g_rand_int_range (rand, 1, 5000000);
      if (g_rand_boolean (rand))
        terms.apr_bp = g_rand_int_range (rand, 0, 3000);
      else
        terms.setup_fee = g_rand_int_range (rand, 0, 10000);

      schedule = ar_plan_schedule_compute (&terms, &no_limits, "USD", &error);
      if (schedule == NULL)
        {
          /* Only the refusals these random terms can meet. */
          g_assert_true (g_error_matches (error, AR_PLAN_ERROR, AR_PLAN_ERROR_DOWN_PAYMENT) ||
                         g_error_matches (error, AR_PLAN_ERROR, AR_PLAN_ERROR_AMOUNT));
          continue;
        }
      for (guint i = 0; i < schedule->rows->len; i++)
        {
          const ArPlanScheduleRow *row = &g_array_index (schedule->rows, ArPlanScheduleRow, i);

          g_assert_cmpint (row->amount, >, 0);
          /* Strictly later, except that instalment 1 may fall on the down payment's day. */
          if (i > 0 && row->seq > 1)
            g_assert_cmpuint (row->due, >, g_array_index (schedule->rows, ArPlanScheduleRow,
                                                          i - 1).due);
          else if (i > 0)
            g_assert_cmpuint (row->due, >=, g_array_index (schedule->rows, ArPlanScheduleRow,
                                                           i - 1).due);
          sum += row->amount;
        }
      g_assert_cmpint (sum, ==, schedule->total);
      g_assert_cmpint (schedule->total, ==,
                       terms.principal + schedule->interest + schedule->setup_fee);
    }
  g_rand_free (rand);
}

/* Validation: every refusal, with its field and its message. ----------------------------- */

static void
test_refusals (void)
{
  ArPlanTerms base = terms_monthly (100000, 3, "2027-01-01", "2027-01-31");
  ArPlanTerms t;

  t = base;
  t.principal = 0;
  assert_refused (&t, &usual_limits, AR_PLAN_ERROR_ITEMS, "choose at least one open invoice");

  t = base;
  t.n_instalments = 0;
  assert_refused (&t, &usual_limits, AR_PLAN_ERROR_COUNT,
                  "number of instalments: must be at least 1");

  t = base;
  t.n_instalments = AR_PLAN_MAX_INSTALMENTS + 1;
  assert_refused (&t, &no_limits, AR_PLAN_ERROR_COUNT, "is more than the 520 a plan may have");

  t = base;
  t.instalment_amount = 1000;
  assert_refused (&t, &usual_limits, AR_PLAN_ERROR_COUNT, "not both");

  /* 1000.00 in 101 is 9.90 each, below the minimum of 10.00. */
  t = base;
  t.n_instalments = 101;
  t.frequency = AR_PLAN_WEEKLY;
  assert_refused (&t, &usual_limits, AR_PLAN_ERROR_AMOUNT,
                  "101 instalments would be $9.90 each, below the minimum instalment of $10.00");
  t.n_instalments = 100;
  assert_accepted (&t, &usual_limits);

  t = base;
  t.n_instalments = 0;
  t.instalment_amount = 999;
  assert_refused (&t, &usual_limits, AR_PLAN_ERROR_AMOUNT,
                  "instalment amount: $9.99 is below the minimum instalment of $10.00");

  t = base;
  t.n_instalments = 0;
  t.instalment_amount = -5;
  assert_refused (&t, &usual_limits, AR_PLAN_ERROR_AMOUNT, "can’t be negative");

  /* 37 monthly instalments from 31 Jan 2027 end on 31 Jan 2030, beyond 36 months from
   * 1 Jan 2027; 36 end on 31 Dec 2029, within. */
  t = base;
  t.n_instalments = 37;
  assert_refused (&t, &usual_limits, AR_PLAN_ERROR_TERM,
                  "the last instalment would fall due on 2030-01-31, more than 36 months");
  t.n_instalments = 36;
  assert_accepted (&t, &usual_limits);

  t = base;
  t.down_payment = 100000;
  assert_refused (&t, &usual_limits, AR_PLAN_ERROR_DOWN_PAYMENT,
                  "down payment: must be less than the $1,000.00 the plan covers");
  t.down_payment = -1;
  assert_refused (&t, &usual_limits, AR_PLAN_ERROR_DOWN_PAYMENT,
                  "down payment: can’t be negative");

  t = base;
  t.first_due = jd ("2026-12-31");
  assert_refused (&t, &usual_limits, AR_PLAN_ERROR_FIRST_DUE,
                  "first due date: 2026-12-31 is before the plan’s date, 2027-01-01");
  t.first_due = 0;
  assert_refused (&t, &usual_limits, AR_PLAN_ERROR_FIRST_DUE, "choose the day");
  /* Due on the plan date itself is fine. */
  t.first_due = t.plan_date;
  assert_accepted (&t, &usual_limits);

  t = base;
  t.apr_bp = AR_PLAN_MAX_APR_BP + 1;
  assert_refused (&t, &usual_limits, AR_PLAN_ERROR_INTEREST,
                  "interest: 100.01 % a year is more than the 100 % allowed");
  t.apr_bp = 500;
  t.setup_fee = 100;
  assert_refused (&t, &usual_limits, AR_PLAN_ERROR_INTEREST,
                  "choose interest or a set-up fee, not both");

  t = base;
  t.setup_fee = -1;
  assert_refused (&t, &usual_limits, AR_PLAN_ERROR_FEE, "set-up fee: can’t be negative");

  /* Interest on an absurd balance overflows: refused, never wrapped. */
  t = terms_monthly (G_MAXINT64 / 4, 3, "2027-01-01", "2027-01-31");
  t.apr_bp = 10000;
  assert_refused (&t, &no_limits, AR_PLAN_ERROR_RANGE, "too large");

  /* An amount that never pays the interest off. */
  t = terms_monthly (10000000, 0, "2027-01-01", "2027-01-31");
  t.instalment_amount = 100000;
  t.apr_bp = 10000;
  t.frequency = AR_PLAN_MONTHLY;
  assert_refused (&t, &no_limits, AR_PLAN_ERROR_AMOUNT,
                  "instalment amount: $1,000.00 does not pay the plan off in 520 instalments");

  t = terms_monthly (G_MAXINT64 - 5, 3, "2027-01-01", "2027-01-31");
  t.setup_fee = 100;
  assert_refused (&t, &no_limits, AR_PLAN_ERROR_RANGE, "too large");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan-schedule/dates/monthly", test_dates_monthly);
  g_test_add_func ("/plan-schedule/dates/weekly", test_dates_weekly);
  g_test_add_func ("/plan-schedule/dates/semimonthly", test_dates_semimonthly);
  g_test_add_func ("/plan-schedule/frequency-names", test_frequency_names);
  g_test_add_func ("/plan-schedule/equal-with-remainder", test_equal_with_remainder);
  g_test_add_func ("/plan-schedule/down-payment", test_down_payment);
  g_test_add_func ("/plan-schedule/interest-rounding", test_interest_rounding);
  g_test_add_func ("/plan-schedule/interest", test_interest);
  g_test_add_func ("/plan-schedule/setup-fee", test_setup_fee);
  g_test_add_func ("/plan-schedule/amount-driven", test_amount_driven);
  g_test_add_func ("/plan-schedule/always-adds-up", test_always_adds_up);
  g_test_add_func ("/plan-schedule/refusals", test_refusals);

  return g_test_run ();
}
