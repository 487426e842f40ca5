/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-ledger.h"
#include "ar-rates-warning.h"

G_BEGIN_DECLS

/* Preferences ▸ Dunning: the ledger's dunning levels (ar-dunning.h), one expander row each.
 * Every change is checked as typed through the core (the whole sequence, with the level's
 * change, must pass ar_dunning_levels_validate); the problem shows on the level's row and its
 * Save button stays off until it is fixed. Save stores that level (audited).
 *
 * Under the levels, Add Level appends a level after the last one (two weeks later, with the
 * last letter's fee, interest and template) and Remove Last Level… asks, then removes the last
 * one; each is one audited write. Add Level is off at nine levels and after a hand-over level
 * (which must stay last; a hint says so); Remove is off when one level is left. The core's
 * refusal (letters were sent at the level) shows under the buttons. */

#define AR_TYPE_DUNNING_LEVELS_PAGE (ar_dunning_levels_page_get_type ())
G_DECLARE_FINAL_TYPE (ArDunningLevelsPage, ar_dunning_levels_page, AR, DUNNING_LEVELS_PAGE,
                      AdwPreferencesPage)

ArDunningLevelsPage *ar_dunning_levels_page_new         (ArLedger            *ledger);
/* For tests: a level's field ("days_past_due", "min_days_since_previous", "fee",
 * "template_level", "deadline_days"), its problem (NULL when it is right) and its Save. */
GtkEditable         *ar_dunning_levels_page_get_field   (ArDunningLevelsPage *self,
                                                         guint                level,
                                                         const char          *name);
const char          *ar_dunning_levels_page_get_problem (ArDunningLevelsPage *self,
                                                         guint                level);
gboolean             ar_dunning_levels_page_save        (ArDunningLevelsPage *self,
                                                         guint                level,
                                                         GError             **error);

/* Adding and removing levels, for tests: the buttons, the level Add Level stores (FALSE with
 * the reason when none can follow), the confirmation Remove Last Level… shows (its "remove"
 * response removes the level), and what was refused (NULL when nothing was). */
GtkButton           *ar_dunning_levels_page_get_add_button       (ArDunningLevelsPage *self);
GtkButton           *ar_dunning_levels_page_get_remove_button    (ArDunningLevelsPage *self);
gboolean             ar_dunning_levels_page_add_level            (ArDunningLevelsPage *self,
                                                                  GError             **error);
void                 ar_dunning_levels_page_ask_remove_last      (ArDunningLevelsPage *self);
AdwMessageDialog    *ar_dunning_levels_page_get_confirmation     (ArDunningLevelsPage *self);
const char          *ar_dunning_levels_page_get_sequence_problem (ArDunningLevelsPage *self);

/* The book's interest calculator (ar_dunning_set_interest_regime with debtor 0): its combo
 * row (ar-interest-choice.h's order), the APR entry shown for "simple", the problem with
 * what is typed (NULL when none) and its Save, one audited write. */
AdwComboRow         *ar_dunning_levels_page_get_regime_row       (ArDunningLevelsPage *self);
GtkEditable         *ar_dunning_levels_page_get_apr_row          (ArDunningLevelsPage *self);
const char          *ar_dunning_levels_page_get_interest_problem (ArDunningLevelsPage *self);
gboolean             ar_dunning_levels_page_save_interest        (ArDunningLevelsPage *self,
                                                                  GError             **error);

/* The warning at the top of the page that the book's (or a debtor's) statutory interest
 * lacks today's reference rate (ar-rates-warning.h); it is asked again after the calculator
 * is saved and on ar_dunning_levels_page_refresh_warning (a rate was recorded). */
void                 ar_dunning_levels_page_refresh_warning   (ArDunningLevelsPage *self);
ArRatesWarning      *ar_dunning_levels_page_get_rates_warning (ArDunningLevelsPage *self);

G_END_DECLS
