/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-ledger.h"
#include "ar-plan.h"

G_BEGIN_DECLS

/* The debtor pane's "Plan" section: the running payment plan (else the latest one, so a
 * completed, defaulted or cancelled plan stays visible) with its state, a progress bar, what is
 * due next and every instalment with its state, all tracked by the core as of the pane's date;
 * and the debtor's promises to pay with their state. Its actions: plan.record-instalment
 * (emits "record-payment" with what is owed on the next instalment, for the pane to open the
 * payment dialog prefilled), plan.renegotiate (the wizard on a renegotiation draft) and
 * plan.cancel (asks for a reason, then ar_ledger_cancel_plan()). After a write it emits
 * "changed" (debtor id). ar_plan_section_new_plan() opens the wizard for a new plan. */

#define AR_TYPE_PLAN_SECTION (ar_plan_section_get_type ())
G_DECLARE_FINAL_TYPE (ArPlanSection, ar_plan_section, AR, PLAN_SECTION, GtkWidget)

GtkWidget    *ar_plan_section_new             (void);
/* Reads the debtor's plans and promises (@ledger NULL: shows nothing). */
void          ar_plan_section_load            (ArPlanSection *self,
                                               ArLedger      *ledger,
                                               gint64         debtor_id,
                                               const char    *currency,
                                               guint32        as_of);
/* Opens the wizard for a new plan over the debtor's open items in the shown currency. */
void          ar_plan_section_new_plan        (ArPlanSection *self);

/* For tests. */
const ArPlan *ar_plan_section_get_plan        (ArPlanSection *self);
const char   *ar_plan_section_get_state_text  (ArPlanSection *self);
const char   *ar_plan_section_get_progress_text (ArPlanSection *self);
guint         ar_plan_section_get_n_rows      (ArPlanSection *self);
/* The state shown on instalment row @index ("Paid", "Missed" …). */
const char   *ar_plan_section_get_row_state   (ArPlanSection *self,
                                               guint          index);
guint         ar_plan_section_get_n_promises  (ArPlanSection *self);
const char   *ar_plan_section_get_promise_text (ArPlanSection *self,
                                               guint          index);
/* The open wizard or question (cancel reason), else NULL. */
GtkWindow    *ar_plan_section_get_dialog      (ArPlanSection *self);
/* For tests: answers the open cancel question (the plan's, or a promise's from
 * "plan.cancel-promise") with @reason. */
void          ar_plan_section_confirm_cancel  (ArPlanSection *self,
                                               const char    *reason);

G_END_DECLS
