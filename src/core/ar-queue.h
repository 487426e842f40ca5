/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-dunning-run.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* The work queue: what the office should do today, most urgent first (issue 6, §4).
 *
 * Each kind of item comes from one small source function in ar-queue.c, one indexed query
 * each; a kind whose data does not exist yet in the ledger is simply not listed. An item is
 * never stored: it is derived from the ledger as of a day, so it leaves the queue as soon as
 * its condition is resolved.
 *
 *  * PROMISE_BROKEN: a promise to pay whose grace ended in the last 90 days unpaid or partly
 *    paid (ar-promise.h). Done when an activity is logged after its grace ended (the call
 *    about it), or when it is cancelled.
 *  * INSTALMENT_MISSED: a running plan with missed instalments, or a defaulted plan
 *    (ar-plan.h). Done when the instalment is paid, the plan is cancelled or renegotiated, or
 *    an activity is logged after the latest instalment was missed (after the default for a
 *    defaulted plan).
 *  * PROMISE_DUE: a promise due on the day and not yet kept. Done when it is paid or cancelled.
 *  * FOLLOW_UP: the debtor's latest activity (by occurred_at, then id) set a next action date
 *    on or before the day. Done when a newer activity is logged (one with no next action
 *    date, or a later one: a snooze). A follow-up set by the activity that recorded a promise
 *    or plan listed above is left out: that item says more.
 *  * HOLD_ENDING: a dunning hold or snooze (ar-hold.h) not released whose last day is the day
 *    or one of the 7 days before. Done when an activity is logged on or after its last day,
 *    when it is released, or when another hold on the same debtor (or invoice) is in force
 *    the next day (it was extended).
 *  * READY_FOR_AGENCY: the debtor's status is "agency" (set by the dunning hand-over level)
 *    and no activity was logged after the debtor's record last changed (by the order of
 *    their audit records; a debtor imported in bulk has no record of its own, then any
 *    activity counts). Done when the hand-over is logged as an activity, or when the status
 *    changes. So whatever sets the status must not log an activity after it in the same
 *    write, or the item is done as soon as it exists.
 *
 *  * DUNNING_DUE: a debtor the dunning preview proposes a letter (or the hand-over) for. Only
 *    with ar_queue_add_dunning(): finding them is the preview (ar-dunning-run.h), a pass over
 *    every overdue item that costs a second or more on a large book, beyond what opening the
 *    queue may cost; a caller that has a preview (the Dunning view builds one) adds them.
 *    Done when the run that sends the letter is committed.
 *
 * Snoozing: ar_queue_snooze() logs a note (outcome "snoozed") whose next action date is the
 * end of the snooze. While it is the debtor's latest activity and has not ended, none of the
 * debtor's items are listed; on its last day it comes back as a follow-up. It is the queue's
 * own snooze: it does not hold dunning (ar_hold_place() with AR_HOLD_SNOOZE does that). An
 * ordinary activity with a later next action date hides nothing: a promise due today stays
 * listed although its follow-up is set for after the grace days.
 *
 * Priority. Amount at stake is what the debtor has overdue on the day (open items due before
 * it, from the stored allocation) in its currency with the highest score; days overdue count
 * from the oldest open item's due date. The score is
 *
 *     score = overdue (minor units) × (30 + days overdue) / 10^exponent
 *
 * that is, the overdue amount in currency units weighted up by one for every 30 days it has
 * waited (30 days overdue counts double, 90 days four times). Items sort by score, then days
 * overdue, then kind (in the order of ArQueueKind), then debtor id: deterministic. There are
 * no exchange rates: a book in several currencies compares one unit of each as equal. The
 * amounts are the ledger's current ones; the day moves the dates only. */

typedef enum
{
  AR_QUEUE_PROMISE_BROKEN,
  AR_QUEUE_INSTALMENT_MISSED,
  AR_QUEUE_PROMISE_DUE,
  AR_QUEUE_DUNNING_DUE,
  AR_QUEUE_FOLLOW_UP,
  AR_QUEUE_HOLD_ENDING,
  AR_QUEUE_READY_FOR_AGENCY,
  AR_N_QUEUE_KINDS
} ArQueueKind;

/* "promise_broken", "instalment_missed", "promise_due", "dunning_due", "follow_up",
 * "hold_ending", "ready_for_agency" (for files and scripts). */
const char *ar_queue_kind_to_string (ArQueueKind kind);
/* For people, translated: "Broken promise", … "Ready for agency". */
const char *ar_queue_kind_to_label  (ArQueueKind kind);

/* The one-step actions an item offers: every item can be snoozed and opened; follow-ups,
 * promises and plans offer a call, follow-ups and dunning letters due a letter. A debtor with the cease-contact flag
 * is offered neither a call nor a letter. */
typedef enum
{
  AR_QUEUE_ACTION_CALL   = 1 << 0,  /* call, then log the outcome */
  AR_QUEUE_ACTION_LETTER = 1 << 1,  /* send the letter */
  AR_QUEUE_ACTION_SNOOZE = 1 << 2,  /* snooze with a date (ar_queue_snooze) */
  AR_QUEUE_ACTION_OPEN   = 1 << 3,  /* open the debtor */
} ArQueueActions;

typedef struct
{
  ArQueueKind     kind;
  gint64          debtor_id;
  const char     *debtor_external_id;
  const char     *debtor_name;
  gint64          source_id;      /* the activity (FOLLOW_UP), promise, plan or hold; the
                                   * proposed level (DUNNING_DUE); 0 for READY_FOR_AGENCY */
  gint64          activity_id;    /* the activity behind the item (a follow-up's own, the one
                                   * that recorded a promise or plan), 0 when none */
  guint32         since;          /* the day the item came due: the next action date, the
                                   * promise's date, the day the promise broke or the
                                   * instalment was missed, the hold's last day; 0 when
                                   * unknown */
  const char     *detail;         /* for people: the activity's summary, what was promised,
                                   * how many instalments are missed, the hold's reason */
  char            currency[4];    /* "" when nothing is open */
  gint64          overdue;        /* amount at stake, minor units of @currency */
  guint           days_overdue;
  gint64          score;
  gboolean        cease_contact;  /* the debtor asked not to be contacted */
  ArQueueActions  actions;
} ArQueueItem;

typedef struct _ArQueue ArQueue;

/* Today's actions as of @as_of (a Julian day), sorted by priority. */
ArQueue           *ar_queue_build        (ArLedger     *ledger,
                                          guint32       as_of,
                                          GError      **error);
void               ar_queue_free         (ArQueue      *queue);
guint32            ar_queue_get_as_of    (ArQueue      *queue);
guint              ar_queue_get_n_items  (ArQueue      *queue);
/* Valid as long as @queue. */
const ArQueueItem *ar_queue_get_item     (ArQueue      *queue,
                                          guint         index);

/* Adds the debtors @preview (an ArDunningPreview of the same ledger and day) proposes a letter
 * or the hand-over for, one item per debtor, unless snoozed; keeps the queue sorted. */
gboolean           ar_queue_add_dunning  (ArQueue           *queue,
                                          ArLedger          *ledger,
                                          ArDunningPreview  *preview,
                                          GError           **error);
/* The same, from ar_dunning_foreach_due () rather than a preview kept whole (the window's
 * Today: nothing of the letters is kept but who is due which level). */
gboolean           ar_queue_add_dunning_due (ArQueue         *queue,
                                             ArLedger        *ledger,
                                             GCancellable    *cancellable,
                                             GError         **error);

/* How many items ar_queue_build() would list (for the sidebar), without fetching amounts. */
gboolean           ar_queue_count        (ArLedger     *ledger,
                                          guint32       as_of,
                                          guint        *out_count,
                                          GError      **error);

/* Snoozes @debtor_id until @until (a Julian day after @today): logs a note with @reason
 * (required) whose next action date is @until, so every item of the debtor leaves the queue
 * and a follow-up comes back on @until. */
gboolean           ar_queue_snooze       (ArLedger     *ledger,
                                          gint64        debtor_id,
                                          guint32       today,
                                          guint32       until,
                                          const char   *reason,
                                          GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArQueue, ar_queue_free)

G_END_DECLS
