/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"
#include "ar-plan-draft.h"
#include "ar-plan-schedule.h"

G_BEGIN_DECLS

/* Payment plans in the ledger: saved from an ArPlanDraft, cancelled, renegotiated, and tracked.
 *
 * What is recorded: the plan's terms and totals, the invoices it covers, the agreed schedule
 * (row 0 the down payment), and — only for plans that ended by a person's decision — the state
 * cancelled or renegotiated. Everything else is derived from the journal as of any date, like
 * the allocation:
 *
 *  * The payments that count are the amounts payments allocate to the covered invoices (and
 *    their fees and interest, and the plan's own set-up fee or interest, which are posted
 *    against the first covered invoice) and that are dated on or after the plan date. They fill
 *    the schedule rows in order: row 0, then 1, 2, …
 *  * A row is paid when filled; partly paid when something went in; missed once its due date
 *    plus the plan's grace days has passed and it is not filled (a later payment still fills
 *    it: it is then paid, late); pending otherwise.
 *  * The plan is completed when every row is paid; defaulted from the first day on which it had
 *    @default_after consecutive missed rows (it stays defaulted, even when payments catch up
 *    later, until it is renegotiated or cancelled); otherwise active (performing).
 *
 * The book's settings (ar_ledger_set_setting): "plans.min-instalment" (whole or decimal units
 * of the plan's currency, default 10), "plans.max-term-months" (default 36),
 * "plans.grace-days" (default 5), "plans.default-after" (consecutive missed instalments,
 * default 2). A plan keeps the grace days and default count it was made with. */

typedef enum
{
  AR_PLAN_STATE_ACTIVE,        /* performing */
  AR_PLAN_STATE_COMPLETED,
  AR_PLAN_STATE_DEFAULTED,
  AR_PLAN_STATE_CANCELLED,     /* recorded */
  AR_PLAN_STATE_RENEGOTIATED,  /* recorded: replaced by another plan */
  AR_N_PLAN_STATES
} ArPlanState;

typedef enum
{
  AR_INSTALMENT_PENDING,
  AR_INSTALMENT_PARTLY_PAID,
  AR_INSTALMENT_PAID,
  AR_INSTALMENT_MISSED,
  AR_N_INSTALMENT_STATES
} ArInstalmentState;

/* "active", "completed", "defaulted", "cancelled", "renegotiated". */
const char *ar_plan_state_to_string        (ArPlanState        state);
/* For people, translated. */
const char *ar_plan_state_to_label         (ArPlanState        state);
/* "pending", "partly_paid", "paid", "missed". */
const char *ar_instalment_state_to_string  (ArInstalmentState  state);
const char *ar_instalment_state_to_label   (ArInstalmentState  state);

/* The book's plan settings (defaults when unset or unreadable). @currency is for the minimum
 * instalment. */
void        ar_ledger_get_plan_limits      (ArLedger          *ledger,
                                            const char        *currency,
                                            ArPlanLimits      *out);
guint       ar_ledger_get_plan_grace_days  (ArLedger          *ledger);
guint       ar_ledger_get_plan_default_after (ArLedger        *ledger);

typedef struct
{
  guint              seq;        /* 0 = the down payment */
  guint32            due;        /* Julian day */
  gint64             amount;
  gint64             paid;       /* 0 … amount, as of the plan's as_of */
  guint32            paid_on;    /* the day it was filled, 0 when not paid */
  ArInstalmentState  state;
} ArPlanInstalment;

typedef struct
{
  gint64       invoice_id;
  char        *number;
  gint64       amount;      /* open on it when the plan was made */
} ArPlanInvoice;

/* A plan and its state as of a date. */
typedef struct
{
  gint64            id;
  gint64            debtor_id;
  char             *debtor_external_id;
  char             *debtor_name;
  char              currency[4];
  guint32           plan_date;
  ArPlanFrequency   frequency;
  guint             n_instalments;
  gint64            principal;
  gint64            down_payment;
  guint32           apr_bp;
  gint64            interest;
  gint64            setup_fee;
  gint64            total;
  gboolean          fees_waived;
  guint             grace_days;
  guint             default_after;
  char             *note;
  gint64            activity_id;      /* the activity logged when it was made */
  gint64            replaces_id;      /* the plan this one renegotiated, or 0 */
  gint64            replaced_by_id;   /* the plan that renegotiated this one, or 0 */
  guint32           ended_on;         /* cancelled or renegotiated on, else 0 */
  char             *cancel_reason;    /* "" unless cancelled or renegotiated */
  GArray           *invoices;         /* ArPlanInvoice */

  /* Derived as of @as_of. */
  guint32           as_of;
  ArPlanState       state;
  GArray           *instalments;      /* ArPlanInstalment, in seq order */
  gint64            paid;             /* Σ paid over the rows */
  gint64            remaining;        /* total − paid */
  guint             n_paid;           /* rows paid */
  guint             n_missed;         /* rows missed as of @as_of */
  gint64            in_arrears;       /* what is still owed on the missed rows */
  guint32           defaulted_on;     /* the day it defaulted, else 0 */
  guint32           completed_on;     /* the day the last row was filled, else 0 */
  guint32           next_due;         /* the first row not paid: its due date, else 0 */
  gint64            next_amount;      /* … and what is still owed on it */
  guint             progress_permille;/* paid / total in thousandths (for a progress bar) */
} ArPlan;

void        ar_plan_free                   (ArPlan            *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArPlan, ar_plan_free)

/* Saves the draft (after ar_plan_draft_validate() and checking its invoices are still open
 * and in no other running plan) in ONE transaction ("create-plan"): the plan, its invoices and
 * schedule; the waived fees reversed; the set-up fee or interest posted as a fee or interest
 * entry on the first covered invoice; an activity logged (with the draft's agreement document,
 * if any) whose next action is the first due date; the debtor's status set to plan. Returns
 * the plan's id, or 0 and an error (AR_PLAN_ERROR for the terms, AR_LEDGER_ERROR otherwise)
 * with nothing written. */
gint64      ar_ledger_save_plan            (ArLedger          *ledger,
                                            ArPlanDraft       *draft,
                                            GError           **error);
/* Cancels plan @plan_id on @date (0 = today) with @reason (required). The debtor's status
 * returns from plan to active unless another plan still runs. Refuses a plan already
 * cancelled or renegotiated (AR_PLAN_ERROR_STATE). */
gboolean    ar_ledger_cancel_plan          (ArLedger          *ledger,
                                            gint64             plan_id,
                                            guint32            date,
                                            const char        *reason,
                                            GError           **error);
/* In one transaction ("renegotiate-plan"): marks @plan_id renegotiated (with @reason, may be
 * NULL) and saves @draft as a new plan that replaces it. Returns the new plan's id, or 0 with
 * nothing changed. */
gint64      ar_ledger_renegotiate_plan     (ArLedger          *ledger,
                                            gint64             plan_id,
                                            ArPlanDraft       *draft,
                                            const char        *reason,
                                            GError           **error);

/* Records a payment toward plan @plan_id (the debtor detail's "record an instalment
 * payment"): a payment of @amount in the plan's currency on @date (0 = today) that names the
 * plan's first covered invoice with something open, so that the allocation applies it to the
 * plan's invoices first. A plan whose invoices are all paid is refused
 * (AR_PLAN_ERROR_STATE). */
gboolean    ar_ledger_post_plan_payment    (ArLedger          *ledger,
                                            gint64             plan_id,
                                            gint64             amount,
                                            guint32            date,
                                            const char        *reference,
                                            gint64            *out_entry_id,
                                            GError           **error);

/* Plan @plan_id tracked as of @as_of (0 = today); NULL and AR_LEDGER_ERROR_NOT_FOUND when
 * there is none. */
ArPlan     *ar_ledger_get_plan             (ArLedger          *ledger,
                                            gint64             plan_id,
                                            guint32            as_of,
                                            GError           **error);
/* The debtor's plans, newest first, each tracked as of @as_of; a GPtrArray of ArPlan. */
GPtrArray  *ar_ledger_list_plans           (ArLedger          *ledger,
                                            gint64             debtor_id,
                                            guint32            as_of,
                                            GError           **error);
/* The debtor's running plan (neither cancelled, renegotiated, completed nor defaulted) as of
 * @as_of, or NULL (no error) when there is none. */
ArPlan     *ar_ledger_get_active_plan      (ArLedger          *ledger,
                                            gint64             debtor_id,
                                            guint32            as_of,
                                            GError           **error);

/* For the work queue. Return FALSE from the callback to stop. Costs are proportional to the
 * plans concerned (indexed by due date), not to the book. */
typedef gboolean (*ArPlanFunc) (const ArPlan *plan,
                                gpointer      user_data);

/* Running plans with a row due on @date that is not yet paid, tracked as of @date. */
gboolean    ar_ledger_foreach_plan_due     (ArLedger          *ledger,
                                            guint32            date,
                                            ArPlanFunc         func,
                                            gpointer           user_data,
                                            GError           **error);
/* Plans neither cancelled nor renegotiated that, as of @as_of, have missed rows or have
 * defaulted (plan->state tells which). */
gboolean    ar_ledger_foreach_plan_missed  (ArLedger          *ledger,
                                            guint32            as_of,
                                            ArPlanFunc         func,
                                            gpointer           user_data,
                                            GError           **error);

G_END_DECLS
