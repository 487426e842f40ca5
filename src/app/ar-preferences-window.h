/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-dunning-levels-page.h"
#include "ar-ledger.h"
#include "ar-rates-page.h"

G_BEGIN_DECLS

/* Preferences of the open ledger (they travel with the book): the company's details and
 * letterhead (logo, payment details, signature), the paper size, the default currency, the
 * aging buckets and the letter templates. Every field is checked as it is typed, with the
 * reason shown under its group. Closing the window saves every change through the core in one
 * transaction (each change with its audit record) and emits "saved"; while a field is wrong,
 * closing asks whether to keep editing or discard the changes. */

#define AR_TYPE_PREFERENCES_WINDOW (ar_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ArPreferencesWindow, ar_preferences_window, AR, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

ArPreferencesWindow *ar_preferences_window_new  (GtkWindow           *parent,
                                                 ArLedger            *ledger);
/* Writes the changes (what closing does). FALSE with the first problem when a field is wrong
 * or the ledger refuses; nothing is written then. */
gboolean             ar_preferences_window_save (ArPreferencesWindow *self,
                                                 GError             **error);

/* For tests: a company field by its name in ArCompanyInfo ("legal_name", "country", ...), or
 * "default_currency", "aging_limits", "subject". */
GtkEditable         *ar_preferences_window_get_field   (ArPreferencesWindow *self,
                                                        const char          *name);
/* The first problem shown, or NULL when every field is right. */
const char          *ar_preferences_window_get_problem (ArPreferencesWindow *self);
/* For tests: the day the Reference Rates page and the Dunning page's missing-rate warning take
 * as today (0: today), and those pages. */
void                 ar_preferences_window_set_today   (ArPreferencesWindow *self,
                                                        guint32              today);
ArDunningLevelsPage *ar_preferences_window_get_dunning_page (ArPreferencesWindow *self);
ArRatesPage         *ar_preferences_window_get_rates_page   (ArPreferencesWindow *self);

G_END_DECLS
