/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-plan-step.h"

G_BEGIN_DECLS

/* Step 4, "Confirm": what will be saved (the core's totals and dates), how the plan was agreed
 * and a note. Finish (the wizard's) saves the plan; the step then shows that it was saved, the
 * next action, and Save as PDF… / Print… / Open for the agreement. */

#define AR_TYPE_PLAN_STEP_CONFIRM (ar_plan_step_confirm_get_type ())
G_DECLARE_FINAL_TYPE (ArPlanStepConfirm, ar_plan_step_confirm, AR, PLAN_STEP_CONFIRM, GtkWidget)

/* The saving failed: says why under the form. */
void        ar_plan_step_confirm_show_error  (ArPlanStepConfirm *self,
                                              const char        *message);
/* The plan was saved: shows the saved page for the agreement @pdf (may be NULL). */
void        ar_plan_step_confirm_show_saved  (ArPlanStepConfirm *self,
                                              guint32            first_due,
                                              GBytes            *pdf,
                                              const char        *name);
/* For tests. */
const char *ar_plan_step_confirm_get_summary (ArPlanStepConfirm *self);
GtkEditable *ar_plan_step_confirm_get_note   (ArPlanStepConfirm *self);
gboolean    ar_plan_step_confirm_is_saved    (ArPlanStepConfirm *self);

G_END_DECLS
