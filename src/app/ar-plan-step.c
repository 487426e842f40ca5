/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-plan-step"
#include "config.h"

#include "ar-plan-step.h"

G_DEFINE_INTERFACE (ArPlanStep, ar_plan_step, GTK_TYPE_WIDGET)

static void
ar_plan_step_default_init (ArPlanStepInterface *iface)
{
  /* Read-only for the wizard: TRUE when the step's input is valid. */
  g_object_interface_install_property (
    iface, g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                 G_PARAM_EXPLICIT_NOTIFY));
}

void
ar_plan_step_load (ArPlanStep *self, ArPlanDraft *draft)
{
  g_return_if_fail (AR_IS_PLAN_STEP (self));
  g_return_if_fail (AR_IS_PLAN_DRAFT (draft));

  if (AR_PLAN_STEP_GET_IFACE (self)->load != NULL)
    AR_PLAN_STEP_GET_IFACE (self)->load (self, draft);
}

gboolean
ar_plan_step_is_complete (ArPlanStep *self)
{
  g_return_val_if_fail (AR_IS_PLAN_STEP (self), FALSE);

  if (AR_PLAN_STEP_GET_IFACE (self)->is_complete == NULL)
    return TRUE;
  return AR_PLAN_STEP_GET_IFACE (self)->is_complete (self);
}

void
ar_plan_step_apply (ArPlanStep *self, ArPlanDraft *draft)
{
  g_return_if_fail (AR_IS_PLAN_STEP (self));
  g_return_if_fail (AR_IS_PLAN_DRAFT (draft));

  if (AR_PLAN_STEP_GET_IFACE (self)->apply != NULL)
    AR_PLAN_STEP_GET_IFACE (self)->apply (self, draft);
}

void
ar_plan_step_notify_complete (ArPlanStep *self)
{
  g_return_if_fail (AR_IS_PLAN_STEP (self));
  g_object_notify (G_OBJECT (self), "complete");
}
