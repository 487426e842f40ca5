/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-ledger.h"
#include "ar-rate-dialog.h"
#include "ar-rate-table.h"

G_BEGIN_DECLS

/* Preferences ▸ Reference Rates (page name "rates"): for each series statutory interest reads
 * (ar-rates.h) a group with the rate in force today — or "Not known after <date>" —, the day
 * it took effect, its source, and whether it came with Arrears or was recorded in this book
 * (with the day the book's table is confirmed complete up to). "Record a Rate…" (and each
 * series' own "Record…") opens ArRateDialog; what it records shows at once and the page emits
 * "recorded" (the ArRateTableId). */

#define AR_TYPE_RATES_PAGE (ar_rates_page_get_type ())
G_DECLARE_FINAL_TYPE (ArRatesPage, ar_rates_page, AR, RATES_PAGE, AdwPreferencesPage)

ArRatesPage  *ar_rates_page_new           (ArLedger      *ledger);
void          ar_rates_page_refresh       (ArRatesPage   *self);
/* Opens the dialog for @table, as the series' Record… button does; the page owns nothing of
 * it (it closes itself). */
ArRateDialog *ar_rates_page_record        (ArRatesPage   *self,
                                           ArRateTableId  table);

/* For tests: the day shown as today (0: today), and what a series' rows say. */
void          ar_rates_page_set_today     (ArRatesPage   *self,
                                           guint32        today);
const char   *ar_rates_page_get_in_force  (ArRatesPage   *self,
                                           ArRateTableId  table);
const char   *ar_rates_page_get_origin    (ArRatesPage   *self,
                                           ArRateTableId  table);

G_END_DECLS
