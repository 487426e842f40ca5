/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-plan-step.h"

G_BEGIN_DECLS

/* Step 2, "Terms": down payment, the number of instalments or their amount, frequency, first
 * due date, and simple interest or a set-up fee. Every change is parsed (money in the user's
 * locale by the core) and set on the draft; the live preview lists the schedule the core
 * computes, with the total and the cost, or the core's explanation of why the terms are
 * impossible, next to the field it concerns. Complete when the draft has a schedule. */

#define AR_TYPE_PLAN_STEP_TERMS (ar_plan_step_terms_get_type ())
G_DECLARE_FINAL_TYPE (ArPlanStepTerms, ar_plan_step_terms, AR, PLAN_STEP_TERMS, GtkWidget)

typedef enum
{
  AR_PLAN_TERMS_DOWN,
  AR_PLAN_TERMS_COUNT,        /* the count or the amount, as the mode says */
  AR_PLAN_TERMS_FIRST_DUE,
  AR_PLAN_TERMS_COST,         /* the rate or the fee */
} ArPlanTermsField;

/* For tests. */
GtkEditable *ar_plan_step_terms_get_field        (ArPlanStepTerms  *self,
                                                  ArPlanTermsField  field);
/* 0: by count, 1: by amount. */
void         ar_plan_step_terms_set_mode         (ArPlanStepTerms  *self,
                                                  guint             mode);
/* 0: none, 1: interest, 2: fee. */
void         ar_plan_step_terms_set_cost_kind    (ArPlanStepTerms  *self,
                                                  guint             kind);
void         ar_plan_step_terms_set_frequency    (ArPlanStepTerms  *self,
                                                  ArPlanFrequency   frequency);
/* The error shown, or NULL; the preview's rows. */
const char  *ar_plan_step_terms_get_error        (ArPlanStepTerms  *self);
guint        ar_plan_step_terms_get_n_preview    (ArPlanStepTerms  *self);
const char  *ar_plan_step_terms_get_summary      (ArPlanStepTerms  *self);

G_END_DECLS
