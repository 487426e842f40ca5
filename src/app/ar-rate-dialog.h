/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-ledger.h"
#include "ar-rate-table.h"

G_BEGIN_DECLS

/* "Record a Reference Rate": a new official rate for one series (Bank Rate, the ECB rate, the
 * Basiszinssatz), the day it took effect, the rate in percent (ar_percent_parse_bp; negative
 * rates are allowed, the Basiszinssatz was below zero from 2013 to 2022) and its source,
 * required. Each field is checked as typed, through the core's own rules
 * (ar_rates_check_new: after the day the series is already known up to, 1 January or 1 July
 * for the Basiszinssatz, -100 … 1000 %), with the problem named under the form; Record stays
 * off until everything is right. The dialog says up to which day recording also confirms the
 * series (ar_rates_record_known_until). Record writes both in one audited transaction
 * (ar_rates_record), emits "recorded" (the ArRateTableId) and closes; a refusal is shown and
 * nothing is written.
 *
 * For Bank Rate and the ECB rate, which change only when their committees decide, "What was
 * published" can also be "No change since the last rate": then the dialog asks the day up to
 * which the last rate held (today by default, never later) and the source, and Record confirms
 * the series up to that day (ar_rates_record_unchanged). The Basiszinssatz is published for
 * every half-year, so its rate is always recorded. */

#define AR_TYPE_RATE_DIALOG (ar_rate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ArRateDialog, ar_rate_dialog, AR, RATE_DIALOG, AdwWindow)

ArRateDialog *ar_rate_dialog_new               (GtkWindow     *parent,
                                                ArLedger      *ledger,
                                                ArRateTableId  table);
/* What Record does: FALSE with the problems (also shown) when something is wrong. */
gboolean      ar_rate_dialog_record            (ArRateDialog  *self,
                                                GError       **error);

/* For tests: "today" (0: the real one), the fields, the problems shown (NULL when none). */
void          ar_rate_dialog_set_today         (ArRateDialog  *self,
                                                guint32        today);
AdwComboRow  *ar_rate_dialog_get_series_row    (ArRateDialog  *self);
/* 0: a new rate; 1: no change since the last rate (Bank Rate and the ECB rate). */
AdwComboRow  *ar_rate_dialog_get_kind_row      (ArRateDialog  *self);
GtkEditable  *ar_rate_dialog_get_until_entry   (ArRateDialog  *self);
GtkEditable  *ar_rate_dialog_get_from_entry    (ArRateDialog  *self);
GtkEditable  *ar_rate_dialog_get_rate_entry    (ArRateDialog  *self);
GtkEditable  *ar_rate_dialog_get_source_entry  (ArRateDialog  *self);
GtkWidget    *ar_rate_dialog_get_record_button (ArRateDialog  *self);
const char   *ar_rate_dialog_get_problem       (ArRateDialog  *self);
const char   *ar_rate_dialog_get_confirmation  (ArRateDialog  *self);

G_END_DECLS
