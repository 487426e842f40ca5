/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-ledger.h"
#include "ar-plan-step.h"

G_BEGIN_DECLS

/* Step 3, "Agreement": the agreement PDF (render/ar-doc-agreement) in the debtor's language,
 * built from the draft. The figures are read on the main thread (they need the ledger); the
 * PDF is rendered and its pages rasterized with poppler-glib on a worker thread, with a
 * spinner meanwhile, and the pages are shown as pictures. Complete once the PDF is made;
 * apply() hands it to the draft, which keeps it with the activity the plan logs. */

#define AR_TYPE_PLAN_STEP_AGREEMENT (ar_plan_step_agreement_get_type ())
G_DECLARE_FINAL_TYPE (ArPlanStepAgreement, ar_plan_step_agreement, AR, PLAN_STEP_AGREEMENT,
                      GtkWidget)

void        ar_plan_step_agreement_set_ledger  (ArPlanStepAgreement *self,
                                                ArLedger            *ledger);
/* The PDF once made, else NULL; its file name. */
GBytes     *ar_plan_step_agreement_get_pdf     (ArPlanStepAgreement *self);
const char *ar_plan_step_agreement_get_name    (ArPlanStepAgreement *self);
/* For tests: pages shown. */
guint       ar_plan_step_agreement_get_n_pages (ArPlanStepAgreement *self);

G_END_DECLS
