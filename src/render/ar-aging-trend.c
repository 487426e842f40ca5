/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-chart"
#include "config.h"

#include <string.h>

#include "ar-aging-trend.h"
#include "ar-date.h"
#include "ar-money.h"

void
ar_aging_trend_dates (guint32 as_of, guint n_months, guint32 *dates)
{
  GDate day;
  int year, month;

  g_return_if_fail (as_of > 0);
  g_return_if_fail (n_months >= 1 && n_months <= AR_AGING_TREND_MAX_POINTS);
  g_return_if_fail (dates != NULL);

  ar_date_from_julian (as_of, &day);
  year = g_date_get_year (&day);
  month = g_date_get_month (&day);
  for (guint i = 0; i + 1 < n_months; i++)
    {
      /* The month (n_months − 1 − i) months before as-of's month, counted from zero. */
      int index = year * 12 + (month - 1) - (int) (n_months - 1 - i);
      GDateYear y = (GDateYear) (index / 12);
      GDateMonth m = (GDateMonth) (index % 12 + 1);
      GDate end;

      g_date_clear (&end, 1);
      g_date_set_dmy (&end, g_date_get_days_in_month (m, y), m, y);
      dates[i] = ar_date_to_julian (&end);
    }
  dates[n_months - 1] = as_of;
}

ArAgingTrend *
ar_aging_trend_compute (ArLedger            *ledger,
                        guint32              as_of,
                        const ArAgingConfig *config,
                        const char          *currency,
                        guint                n_months,
                        GError             **error)
{
  g_autoptr(ArAgingTrend) trend = NULL;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (as_of > 0, NULL);
  g_return_val_if_fail (config != NULL && config->n_limits > 0, NULL);
  g_return_val_if_fail (currency != NULL && ar_currency_is_valid (currency), NULL);
  g_return_val_if_fail (n_months >= 1 && n_months <= AR_AGING_TREND_MAX_POINTS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trend = g_new0 (ArAgingTrend, 1);
  trend->config = *config;
  g_strlcpy (trend->currency, currency, sizeof trend->currency);
  trend->n_points = n_months;
  ar_aging_trend_dates (as_of, n_months, trend->dates);

  for (guint i = 0; i < n_months; i++)
    {
      g_autoptr(ArAgingReport) report = NULL;
      ArAgingTotal *total = &trend->totals[i];

      report = ar_aging_report_compute (ledger, trend->dates[i], config, error);
      if (report == NULL)
        return NULL;

      g_strlcpy (total->currency, currency, sizeof total->currency);
      total->n_buckets = config->n_limits + 2;
      for (guint j = 0; j < report->totals->len; j++)
        {
          const ArAgingTotal *t = &g_array_index (report->totals, ArAgingTotal, j);

          if (strcmp (t->currency, currency) == 0)
            {
              *total = *t;
              break;
            }
        }
    }

  return g_steal_pointer (&trend);
}

void
ar_aging_trend_free (ArAgingTrend *trend)
{
  g_free (trend);
}
