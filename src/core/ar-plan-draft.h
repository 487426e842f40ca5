/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ar-activity.h"
#include "ar-ledger.h"
#include "ar-plan-schedule.h"

G_BEGIN_DECLS

/* A payment plan being put together: the wizard (and `arrears-cli plan preview|create`) fill
 * it step by step, read back the running total, the live schedule and the total cost from it,
 * and hand it to ar_ledger_save_plan(). Widgets never add money: every figure they show comes
 * from here. Emits "changed" after every setter that changes something, and notifies its
 * read-only properties "covered-total" (gint64), "n-included" (guint) and "valid" (gboolean,
 * ar_plan_draft_validate()) for bindings.
 *
 * The draft is a snapshot of the debtor's open invoices in one currency, taken when it is
 * made; saving checks them again inside the transaction. */

#define AR_TYPE_PLAN_DRAFT (ar_plan_draft_get_type ())
G_DECLARE_FINAL_TYPE (ArPlanDraft, ar_plan_draft, AR, PLAN_DRAFT, GObject)

/* One open invoice the plan may cover. */
typedef struct
{
  gint64       invoice_id;
  const char  *number;
  guint32      issue_date;   /* Julian days */
  guint32      due_date;
  const char  *description;
  gint64       open;         /* what is open on it with its fees and interest, > 0 */
  gint64       fees;         /* of @open, fees and interest not yet paid (what a waiver
                              * removes) */
  gboolean     included;
} ArPlanItem;

/* The debtor's open invoices in @currency (NULL: the debtor's only currency with something
 * open, else the company's default currency), all included, as of @today (a Julian day; 0 =
 * today), with the book's limits, grace days and default count. Terms start as 3 monthly
 * instalments, the first a month from today, no down payment, interest or fee. Fails when the
 * debtor does not exist or has nothing open in the currency (AR_PLAN_ERROR_ITEMS). */
ArPlanDraft        *ar_plan_draft_new                (ArLedger         *ledger,
                                                      gint64            debtor_id,
                                                      const char       *currency,
                                                      guint32           today,
                                                      GError          **error);
/* A draft to renegotiate plan @plan_id: the same debtor and currency, the invoices the old plan
 * covers (those still open) included, the others offered; save it with
 * ar_ledger_renegotiate_plan(). */
ArPlanDraft        *ar_plan_draft_new_renegotiation  (ArLedger         *ledger,
                                                      gint64            plan_id,
                                                      guint32           today,
                                                      GError          **error);

gint64              ar_plan_draft_get_debtor_id      (ArPlanDraft      *self);
const char         *ar_plan_draft_get_currency       (ArPlanDraft      *self);
guint32             ar_plan_draft_get_today          (ArPlanDraft      *self);
/* The plan being renegotiated, or 0. */
gint64              ar_plan_draft_get_replaces_id    (ArPlanDraft      *self);

/* Step 1: what is included ------------------------------------------------------------------ */

guint               ar_plan_draft_get_n_items        (ArPlanDraft      *self);
const ArPlanItem   *ar_plan_draft_get_item           (ArPlanDraft      *self,
                                                      guint             index);
void                ar_plan_draft_set_item_included  (ArPlanDraft      *self,
                                                      guint             index,
                                                      gboolean          included);
void                ar_plan_draft_set_all_included   (ArPlanDraft      *self,
                                                      gboolean          included);
/* Includes exactly the invoices numbered in @numbers (NULL-terminated); an unknown or
 * not-open number is an AR_PLAN_ERROR_ITEMS naming it, and changes nothing. */
gboolean            ar_plan_draft_include_only       (ArPlanDraft      *self,
                                                      const char * const *numbers,
                                                      GError          **error);
/* Waive the fees and interest already charged on the covered invoices (they are reversed
 * when the plan is saved, so the plan pays only the debt). */
void                ar_plan_draft_set_waive_fees     (ArPlanDraft      *self,
                                                      gboolean          waive);
gboolean            ar_plan_draft_get_waive_fees     (ArPlanDraft      *self);
guint               ar_plan_draft_get_n_included     (ArPlanDraft      *self);
/* Running total of the included items: the plan's principal (less the fees when they are
 * waived). */
gint64              ar_plan_draft_get_covered_total  (ArPlanDraft      *self);

/* Step 2: terms ------------------------------------------------------------------------------ */

void                ar_plan_draft_set_down_payment   (ArPlanDraft      *self,
                                                      gint64            amount);
/* The count of instalments; clears the instalment amount. */
void                ar_plan_draft_set_n_instalments  (ArPlanDraft      *self,
                                                      guint             n);
/* The amount of each instalment; clears the count (the count follows from it). */
void                ar_plan_draft_set_instalment_amount (ArPlanDraft   *self,
                                                      gint64            amount);
void                ar_plan_draft_set_frequency      (ArPlanDraft      *self,
                                                      ArPlanFrequency   frequency);
void                ar_plan_draft_set_first_due      (ArPlanDraft      *self,
                                                      guint32           julian);
/* Simple interest, basis points a year (12.5 % = 1250); 0 = none. */
void                ar_plan_draft_set_apr_bp         (ArPlanDraft      *self,
                                                      guint32           apr_bp);
void                ar_plan_draft_set_setup_fee      (ArPlanDraft      *self,
                                                      gint64            amount);
/* The terms as set, principal filled in from the included items. */
void                ar_plan_draft_get_terms          (ArPlanDraft      *self,
                                                      ArPlanTerms      *out);
const ArPlanLimits *ar_plan_draft_get_limits         (ArPlanDraft      *self);
guint               ar_plan_draft_get_grace_days     (ArPlanDraft      *self);
guint               ar_plan_draft_get_default_after  (ArPlanDraft      *self);

/* The live preview: the schedule for the current terms (owned by the draft, valid until the
 * next setter), or NULL with the AR_PLAN_ERROR that explains what is impossible. Its total and
 * cost are the plan's total and total cost. */
const ArPlanSchedule *ar_plan_draft_get_schedule     (ArPlanDraft      *self,
                                                      GError          **error);
/* TRUE when the draft can be saved; else the first problem as an AR_PLAN_ERROR. */
gboolean            ar_plan_draft_validate           (ArPlanDraft      *self,
                                                      GError          **error);

/* Step 3/4: agreement and confirmation -------------------------------------------------------- */

/* The agreement document (a PDF) to keep with the activity the plan logs; NULL for none. */
void                ar_plan_draft_set_agreement      (ArPlanDraft      *self,
                                                      GBytes           *document,
                                                      const char       *document_name);
/* How the plan was agreed (the activity logged): a call by default. */
void                ar_plan_draft_set_channel        (ArPlanDraft      *self,
                                                      ArActivityKind    channel);
void                ar_plan_draft_set_note           (ArPlanDraft      *self,
                                                      const char       *note);

GBytes             *ar_plan_draft_get_agreement      (ArPlanDraft      *self,
                                                      const char      **out_name);
ArActivityKind      ar_plan_draft_get_channel        (ArPlanDraft      *self);
const char         *ar_plan_draft_get_note           (ArPlanDraft      *self);

G_END_DECLS
