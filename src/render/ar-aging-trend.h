/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-aging.h"

G_BEGIN_DECLS

/* The aging trend: one currency's aging at each of the last few month-ends.
 *
 * The points are the last day of each of the @n_months − 1 months before the month of @as_of,
 * then @as_of itself: as of 15 Nov 2026 with 12 months, 31 Dec 2025, 31 Jan 2026, …,
 * 31 Oct 2026 and 15 Nov 2026. The last point is the as-of date rather than 30 Nov because a
 * month-end still in the future would only repeat today's figures under a later date, and
 * this way the trend's last column equals the aging chart for the same date. When @as_of is a
 * month-end the points are simply twelve month-ends. Each point is computed with
 * ar_aging_report_compute(), so a past month never changes when later payments arrive. */

#define AR_AGING_TREND_MAX_POINTS 24

typedef struct
{
  ArAgingConfig config;
  char          currency[4];
  guint         n_points;                             /* oldest first */
  guint32       dates[AR_AGING_TREND_MAX_POINTS];     /* Julian days */
  ArAgingTotal  totals[AR_AGING_TREND_MAX_POINTS];    /* zeros when nothing was open */
} ArAgingTrend;

/* The month-end dates alone (Julian days, oldest first) into @dates, which holds @n_months
 * slots (1..AR_AGING_TREND_MAX_POINTS). */
void          ar_aging_trend_dates   (guint32              as_of,
                                      guint                n_months,
                                      guint32             *dates);
ArAgingTrend *ar_aging_trend_compute (ArLedger            *ledger,
                                      guint32              as_of,
                                      const ArAgingConfig *config,
                                      const char          *currency,
                                      guint                n_months,
                                      GError             **error);
void          ar_aging_trend_free    (ArAgingTrend        *trend);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArAgingTrend, ar_aging_trend_free)

G_END_DECLS
