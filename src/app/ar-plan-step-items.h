/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-plan-step.h"

G_BEGIN_DECLS

/* Step 1, "What is included": the debtor's open invoices as a checklist with the running total
 * (the draft's covered total), and whether fees already charged are waived. Complete when at
 * least one invoice is ticked. Ticks go to the draft at once, so the total is the core's. */

#define AR_TYPE_PLAN_STEP_ITEMS (ar_plan_step_items_get_type ())
G_DECLARE_FINAL_TYPE (ArPlanStepItems, ar_plan_step_items, AR, PLAN_STEP_ITEMS, GtkWidget)

/* For tests: the check button of item @index, and the total shown. */
GtkCheckButton *ar_plan_step_items_get_check  (ArPlanStepItems *self,
                                               guint            index);
const char     *ar_plan_step_items_get_total  (ArPlanStepItems *self);

G_END_DECLS
