/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-plan-schedule"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-date.h"
#include "ar-money.h"
#include "ar-plan-schedule.h"

G_DEFINE_QUARK (ar-plan-error-quark, ar_plan_error)

static const char * const frequency_names[AR_N_PLAN_FREQUENCIES] = {
  "weekly", "biweekly", "semimonthly", "monthly",
};

static const char * const frequency_labels[AR_N_PLAN_FREQUENCIES] = {
  N_("Weekly"), N_("Every two weeks"), N_("Twice a month"), N_("Monthly"),
};

/* 10000 basis points × 365 days: the denominator of a year's simple interest. */
#define INTEREST_DENOMINATOR ((guint64) 10000 * 365)

const char *
ar_plan_frequency_to_string (ArPlanFrequency frequency)
{
  g_return_val_if_fail ((guint) frequency < AR_N_PLAN_FREQUENCIES, NULL);
  return frequency_names[frequency];
}

gboolean
ar_plan_frequency_from_string (const char *text, ArPlanFrequency *out)
{
  for (guint i = 0; text != NULL && i < AR_N_PLAN_FREQUENCIES; i++)
    if (strcmp (frequency_names[i], text) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ar_plan_frequency_to_label (ArPlanFrequency frequency)
{
  g_return_val_if_fail ((guint) frequency < AR_N_PLAN_FREQUENCIES, NULL);
  return _(frequency_labels[frequency]);
}

/* @first's month plus @months, on @day clamped to that month's end. */
static guint32
month_day_clamped (const GDate *first, guint months, guint day)
{
  GDate month_start;
  GDate out;
  guint8 last;

  g_date_clear (&month_start, 1);
  g_date_set_dmy (&month_start, 1, g_date_get_month (first), g_date_get_year (first));
  ar_date_add_months_clamped (&month_start, (int) months, &month_start);
  last = g_date_get_days_in_month (g_date_get_month (&month_start),
                                   g_date_get_year (&month_start));
  g_date_clear (&out, 1);
  g_date_set_dmy (&out, (GDateDay) MIN (day, last), g_date_get_month (&month_start),
                  g_date_get_year (&month_start));
  return ar_date_to_julian (&out);
}

guint32
ar_plan_due_date (ArPlanFrequency frequency, guint32 first_due, guint index)
{
  GDate first;
  GDate out;
  guint day;

  g_return_val_if_fail (first_due > 0, 0);
  g_return_val_if_fail ((guint) frequency < AR_N_PLAN_FREQUENCIES, 0);

  switch (frequency)
    {
    case AR_PLAN_WEEKLY:
      return first_due + 7 * index;
    case AR_PLAN_BIWEEKLY:
      return first_due + 14 * index;
    case AR_PLAN_MONTHLY:
      ar_date_from_julian (first_due, &first);
      ar_date_add_months_clamped (&first, (int) index, &out);
      return ar_date_to_julian (&out);
    case AR_PLAN_SEMIMONTHLY:
      ar_date_from_julian (first_due, &first);
      day = g_date_get_day (&first);
      /* Two dates a month, 15 days apart: (d, d + 15) for a first day 1–15, (d − 15, d) for
       * 16–31, starting from the first due date itself. */
      if (day <= 15)
        return month_day_clamped (&first, index / 2, index % 2 == 0 ? day : day + 15);
      if (index == 0)
        return first_due;
      return month_day_clamped (&first, (index + 1) / 2, index % 2 == 1 ? day - 15 : day);
    case AR_N_PLAN_FREQUENCIES:
    default:
      break;
    }
  g_return_val_if_reached (0);
}

gboolean
ar_plan_interest (gint64 balance, guint32 apr_bp, guint days, gint64 *out, GError **error)
{
  guint64 product;
  guint64 interest;

  g_return_val_if_fail (balance >= 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!g_uint64_checked_mul (&product, (guint64) balance, apr_bp) ||
      !g_uint64_checked_mul (&product, product, days) ||
      product > G_MAXUINT64 - INTEREST_DENOMINATOR / 2)
    {
      g_set_error_literal (error, AR_PLAN_ERROR, AR_PLAN_ERROR_RANGE,
                           _("interest: the amounts are too large to compute interest on"));
      return FALSE;
    }
  interest = (product + INTEREST_DENOMINATOR / 2) / INTEREST_DENOMINATOR;
  *out = (gint64) interest;
  return TRUE;
}

void
ar_plan_schedule_clear (ArPlanSchedule *schedule)
{
  g_clear_pointer (&schedule->rows, g_array_unref);
}

void
ar_plan_schedule_free (ArPlanSchedule *schedule)
{
  if (schedule == NULL)
    return;
  ar_plan_schedule_clear (schedule);
  g_free (schedule);
}

static char *
format_money (gint64 minor, const char *currency)
{
  return ar_money_format (minor, currency);
}

static char *
format_day (guint32 julian)
{
  char buf[11];

  return g_strdup (ar_date_format_julian (julian, buf));
}

static gboolean
range_error (GError **error)
{
  g_set_error_literal (error, AR_PLAN_ERROR, AR_PLAN_ERROR_RANGE,
                       _("amount: the plan’s amounts are too large"));
  return FALSE;
}

/* The interest of a plan financing @financed in @n instalments (see the header). */
static gboolean
plan_interest (const ArPlanTerms *terms, gint64 financed, guint n, gint64 *out, GError **error)
{
  g_autofree gint64 *parts = g_new (gint64, n);
  gint64 balance = financed;
  gint64 total = 0;
  guint32 previous = terms->plan_date;

  if (terms->apr_bp == 0)
    {
      *out = 0;
      return TRUE;
    }
  if (!ar_money_split (financed, n, parts, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      guint32 due = ar_plan_due_date (terms->frequency, terms->first_due, i);
      gint64 interest;

      if (!ar_plan_interest (balance, terms->apr_bp, due - previous, &interest, error))
        return FALSE;
      if (!ar_money_add (total, interest, &total, NULL))
        return range_error (error);
      balance -= parts[i];
      previous = due;
    }
  *out = total;
  return TRUE;
}

/* Checks the terms that don't depend on the count. */
static gboolean
check_terms (const ArPlanTerms *terms, const ArPlanLimits *limits, const char *currency,
             GError **error)
{
  if (terms->principal <= 0)
    {
      g_set_error_literal (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS,
                           _("invoices: choose at least one open invoice for the plan to cover"));
      return FALSE;
    }
  if (terms->down_payment < 0)
    {
      g_set_error_literal (error, AR_PLAN_ERROR, AR_PLAN_ERROR_DOWN_PAYMENT,
                           _("down payment: can’t be negative"));
      return FALSE;
    }
  if (terms->down_payment >= terms->principal)
    {
      g_autofree char *total = format_money (terms->principal, currency);

      g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_DOWN_PAYMENT,
                   _("down payment: must be less than the %s the plan covers (a payment in "
                     "full needs no plan)"), total);
      return FALSE;
    }
  if (terms->setup_fee < 0)
    {
      g_set_error_literal (error, AR_PLAN_ERROR, AR_PLAN_ERROR_FEE,
                           _("set-up fee: can’t be negative"));
      return FALSE;
    }
  if (terms->apr_bp > AR_PLAN_MAX_APR_BP)
    {
      g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_INTEREST,
                   _("interest: %u.%02u %% a year is more than the %u %% allowed"),
                   terms->apr_bp / 100, terms->apr_bp % 100, AR_PLAN_MAX_APR_BP / 100);
      return FALSE;
    }
  if (terms->apr_bp > 0 && terms->setup_fee > 0)
    {
      g_set_error_literal (error, AR_PLAN_ERROR, AR_PLAN_ERROR_INTEREST,
                           _("interest: choose interest or a set-up fee, not both"));
      return FALSE;
    }
  if ((guint) terms->frequency >= AR_N_PLAN_FREQUENCIES)
    {
      g_set_error_literal (error, AR_PLAN_ERROR, AR_PLAN_ERROR_COUNT,
                           _("frequency: expected weekly, every two weeks, twice a month or "
                             "monthly"));
      return FALSE;
    }
  if (terms->first_due == 0)
    {
      g_set_error_literal (error, AR_PLAN_ERROR, AR_PLAN_ERROR_FIRST_DUE,
                           _("first due date: choose the day the first instalment is due"));
      return FALSE;
    }
  if (terms->first_due < terms->plan_date)
    {
      g_autofree char *first = format_day (terms->first_due);
      g_autofree char *today = format_day (terms->plan_date);

      g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_FIRST_DUE,
                   _("first due date: %s is before the plan’s date, %s"), first, today);
      return FALSE;
    }
  if (terms->n_instalments > 0 && terms->instalment_amount > 0)
    {
      g_set_error_literal (error, AR_PLAN_ERROR, AR_PLAN_ERROR_COUNT,
                           _("instalments: give the number of instalments or the amount of "
                             "each, not both"));
      return FALSE;
    }
  if (terms->instalment_amount < 0)
    {
      g_set_error_literal (error, AR_PLAN_ERROR, AR_PLAN_ERROR_AMOUNT,
                           _("instalment amount: can’t be negative"));
      return FALSE;
    }
  if (terms->n_instalments == 0 && terms->instalment_amount == 0)
    {
      g_set_error_literal (error, AR_PLAN_ERROR, AR_PLAN_ERROR_COUNT,
                           _("number of instalments: must be at least 1"));
      return FALSE;
    }
  if (terms->n_instalments > AR_PLAN_MAX_INSTALMENTS)
    {
      g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_COUNT,
                   _("number of instalments: %u is more than the %u a plan may have"),
                   terms->n_instalments, AR_PLAN_MAX_INSTALMENTS);
      return FALSE;
    }
  if (terms->instalment_amount > 0 && limits != NULL &&
      terms->instalment_amount < limits->min_instalment)
    {
      g_autofree char *amount = format_money (terms->instalment_amount, currency);
      g_autofree char *min = format_money (limits->min_instalment, currency);

      g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_AMOUNT,
                   _("instalment amount: %s is below the minimum instalment of %s"),
                   amount, min);
      return FALSE;
    }
  return TRUE;
}

/* The count for an instalment amount: the smallest n whose instalments pay the financed
 * amount, the fee and the interest for n. */
static gboolean
count_for_amount (const ArPlanTerms *terms, const char *currency, gint64 financed, guint *out_n,
                  gint64 *out_interest, GError **error)
{
  gint64 amount = terms->instalment_amount;
  gint64 base;
  guint64 n;

  if (!ar_money_add (financed, terms->setup_fee, &base, NULL))
    return range_error (error);
  n = (guint64) (base / amount) + (base % amount != 0);
  for (; n <= AR_PLAN_MAX_INSTALMENTS; n++)
    {
      gint64 interest;
      gint64 owed;
      gint64 paid;

      if (!plan_interest (terms, financed, (guint) n, &interest, error))
        return FALSE;
      if (!ar_money_add (base, interest, &owed, NULL))
        return range_error (error);
      if (!ar_money_mul (amount, (gint64) n, &paid, NULL) || paid >= owed)
        {
          *out_n = (guint) n;
          *out_interest = interest;
          return TRUE;
        }
    }

  {
    g_autofree char *text = format_money (amount, currency);

    g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_AMOUNT,
                 _("instalment amount: %s does not pay the plan off in %u instalments; choose "
                   "a larger amount"), text, AR_PLAN_MAX_INSTALMENTS);
  }
  return FALSE;
}

ArPlanSchedule *
ar_plan_schedule_compute (const ArPlanTerms  *terms,
                          const ArPlanLimits *limits,
                          const char         *currency,
                          GError            **error)
{
  g_autoptr(ArPlanSchedule) schedule = NULL;
  g_autofree gint64 *parts = NULL;
  gint64 financed;
  gint64 owed;
  gint64 interest = 0;
  guint n;

  g_return_val_if_fail (terms != NULL, NULL);
  g_return_val_if_fail (currency != NULL && ar_currency_is_valid (currency), NULL);

  if (!check_terms (terms, limits, currency, error))
    return NULL;

  financed = terms->principal - terms->down_payment;
  if (terms->instalment_amount > 0)
    {
      if (!count_for_amount (terms, currency, financed, &n, &interest, error))
        return NULL;
    }
  else
    {
      n = terms->n_instalments;
      if (!plan_interest (terms, financed, n, &interest, error))
        return NULL;
    }
  if (!ar_money_add (financed, interest, &owed, NULL) ||
      !ar_money_add (owed, terms->setup_fee, &owed, NULL))
    {
      range_error (error);
      return NULL;
    }

  parts = g_new (gint64, n);
  if (terms->instalment_amount > 0)
    {
      for (guint i = 0; i + 1 < n; i++)
        parts[i] = terms->instalment_amount;
      parts[n - 1] = owed - (gint64) (n - 1) * terms->instalment_amount;
    }
  else
    {
      if (!ar_money_split (owed, n, parts, error))
        return NULL;
      /* Equal parts truncate, so the first is the smallest: it must reach the minimum. */
      if (limits != NULL && parts[0] < limits->min_instalment)
        {
          g_autofree char *amount = format_money (parts[0], currency);
          g_autofree char *min = format_money (limits->min_instalment, currency);

          g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_AMOUNT,
                       _("number of instalments: %u instalments would be %s each, below the "
                         "minimum instalment of %s; choose fewer"), n, amount, min);
          return NULL;
        }
    }

  if (limits != NULL && limits->max_term_months > 0)
    {
      guint32 last = ar_plan_due_date (terms->frequency, terms->first_due, n - 1);
      GDate plan_date;
      GDate limit;

      ar_date_from_julian (terms->plan_date, &plan_date);
      ar_date_add_months_clamped (&plan_date, (int) limits->max_term_months, &limit);
      if (last > ar_date_to_julian (&limit))
        {
          g_autofree char *day = format_day (last);

          g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_TERM,
                       ngettext ("term: the last instalment would fall due on %s, more than "
                                 "%u month after the plan’s date; choose fewer or more "
                                 "frequent instalments",
                                 "term: the last instalment would fall due on %s, more than "
                                 "%u months after the plan’s date; choose fewer or more "
                                 "frequent instalments", limits->max_term_months),
                       day, limits->max_term_months);
          return NULL;
        }
    }

  schedule = g_new0 (ArPlanSchedule, 1);
  schedule->principal = terms->principal;
  schedule->down_payment = terms->down_payment;
  schedule->interest = interest;
  schedule->setup_fee = terms->setup_fee;
  schedule->cost = interest + terms->setup_fee;
  schedule->total = terms->principal + schedule->cost;
  schedule->n_instalments = n;
  schedule->rows = g_array_sized_new (FALSE, FALSE, sizeof (ArPlanScheduleRow), n + 1);
  if (terms->down_payment > 0)
    {
      ArPlanScheduleRow row = { 0, terms->plan_date, terms->down_payment };

      g_array_append_val (schedule->rows, row);
    }
  for (guint i = 0; i < n; i++)
    {
      ArPlanScheduleRow row = {
        i + 1, ar_plan_due_date (terms->frequency, terms->first_due, i), parts[i],
      };

      g_array_append_val (schedule->rows, row);
    }
  return g_steal_pointer (&schedule);
}
