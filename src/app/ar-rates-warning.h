/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ar-ledger.h"

G_BEGIN_DECLS

/* A warning, where statutory interest is set up, that it can't be worked out today: one line
 * per reference-rate table the book's calculator or a debtor's own needs and lacks
 * (ar_rates_find_gaps, one cheap query), e.g. "Statutory interest can't be worked out after
 * 30 June 2026: record the current Basiszinssatz.", and a button that activates the action
 * named by ar_rates_warning_set_action_name (it shows Preferences ▸ Reference Rates). Hidden
 * when nothing is missing. libadwaita 1.2 has no AdwBanner, so this is a box with the "card"
 * style and a warning tint (style.css, .rates-warning). It asks again on
 * ar_rates_warning_set_ledger and ar_rates_warning_refresh, and whenever its window becomes
 * active (a rate may have been recorded, or a calculator chosen, in another window). */

#define AR_TYPE_RATES_WARNING (ar_rates_warning_get_type ())
G_DECLARE_FINAL_TYPE (ArRatesWarning, ar_rates_warning, AR, RATES_WARNING, GtkWidget)

GtkWidget  *ar_rates_warning_new             (void);
void        ar_rates_warning_set_ledger      (ArRatesWarning *self,
                                              ArLedger       *ledger);
void        ar_rates_warning_set_action_name (ArRatesWarning *self,
                                              const char     *action_name);
void        ar_rates_warning_refresh         (ArRatesWarning *self);
/* For tests: the day asked about (0, the default: today), the text shown (NULL when hidden)
 * and the button. */
void        ar_rates_warning_set_today       (ArRatesWarning *self,
                                              guint32         today);
const char *ar_rates_warning_get_message     (ArRatesWarning *self);
GtkWidget  *ar_rates_warning_get_button      (ArRatesWarning *self);

G_END_DECLS
