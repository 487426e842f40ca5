/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-ledger.h"
#include "ar-plan-draft.h"

G_BEGIN_DECLS

/* "Set Up Payment Plan": an AdwWindow with a GtkStack of four ArPlanStep pages — what is
 * included, terms, agreement, confirm (STYLE.md, pattern D). Its actions wizard.back,
 * wizard.next and wizard.finish move between them; Next (and Finish) are enabled only while the
 * shown step is complete. Finish applies every step, checks the draft with
 * ar_plan_draft_validate() and saves it with ar_ledger_save_plan() (or, for a draft made by
 * ar_plan_draft_new_renegotiation(), ar_ledger_renegotiate_plan() with the note as the reason),
 * then emits "saved" (plan id, debtor id) and shows the saved page. Escape or Cancel closes;
 * when something was changed and not saved it asks first. */

#define AR_TYPE_PLAN_WIZARD (ar_plan_wizard_get_type ())
G_DECLARE_FINAL_TYPE (ArPlanWizard, ar_plan_wizard, AR, PLAN_WIZARD, AdwWindow)

ArPlanWizard *ar_plan_wizard_new          (GtkWindow    *parent,
                                           ArLedger     *ledger,
                                           ArPlanDraft  *draft);

/* For tests. */
guint         ar_plan_wizard_get_position (ArPlanWizard *self);
GtkWidget    *ar_plan_wizard_get_step     (ArPlanWizard *self,
                                           guint         position);
gint64        ar_plan_wizard_get_plan_id  (ArPlanWizard *self);
gboolean      ar_plan_wizard_is_changed   (ArPlanWizard *self);
/* The "discard changes?" question while it is shown, else NULL. */
GtkWindow    *ar_plan_wizard_get_discard_dialog (ArPlanWizard *self);

G_END_DECLS
