/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ar-plan-draft.h"

G_BEGIN_DECLS

/* One page of the payment-plan wizard (STYLE.md, pattern D). The wizard calls load() when the
 * step is shown, reads is_complete() to enable Next (the step notifies its "complete" property
 * when that may have changed), and calls apply() before leaving the step forwards. Steps show
 * only what the core computes from the draft: no SQL and no money arithmetic here. */

#define AR_TYPE_PLAN_STEP (ar_plan_step_get_type ())
G_DECLARE_INTERFACE (ArPlanStep, ar_plan_step, AR, PLAN_STEP, GtkWidget)

struct _ArPlanStepInterface
{
  GTypeInterface parent_iface;

  void     (*load)        (ArPlanStep  *self,
                           ArPlanDraft *draft);   /* draft → widgets */
  gboolean (*is_complete) (ArPlanStep  *self);    /* gates wizard.next */
  void     (*apply)       (ArPlanStep  *self,
                           ArPlanDraft *draft);   /* widgets → draft */
};

void      ar_plan_step_load            (ArPlanStep  *self,
                                        ArPlanDraft *draft);
gboolean  ar_plan_step_is_complete     (ArPlanStep  *self);
void      ar_plan_step_apply           (ArPlanStep  *self,
                                        ArPlanDraft *draft);
/* For implementations: tells the wizard to read is_complete() again. */
void      ar_plan_step_notify_complete (ArPlanStep  *self);

G_END_DECLS
