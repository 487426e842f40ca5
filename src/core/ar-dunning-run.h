/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ar-dunning.h"
#include "ar-hold.h"

G_BEGIN_DECLS

/* A dunning run: preview as of a date, deselect, render the letters, commit.
 *
 * The preview proposes one letter per debtor and currency (a debtor who owes in two currencies
 * gets two), listing all its overdue items. The level of each item is derived, never counted:
 * it is the highest level recorded for the item's entry in the letters sent (0 when none). An
 * item moves up one level at a time — to level n + 1 when it is at least that level's days
 * past due and at least its minimum days since the item reached level n — so a partial
 * payment neither skips nor repeats a level, and a fully paid item simply leaves. The letter's
 * level is the highest level an item reaches with it. Items that don't move up are still
 * listed; items on an invoice hold are neither listed nor moved.
 *
 * Open amounts are the stored (current) allocation: a payment recorded after @as_of counts,
 * so nobody is dunned for what they have paid.
 *
 * Excluded, with the reason (checked in this order): the cease-contact flag; a status of
 * bankrupt, deceased, agency, legal, disputed, paid, written off or closed; a dispute or a
 * snooze on the debtor; a pending promise or performing plan (ar-arrangements.h); every
 * overdue item on an invoice hold; an overdue total below the minimum for the currency; credit
 * on account that covers the overdue total; no item due its next level (already at the level
 * its age reaches, or at the last); an item due but not enough days since its previous level,
 * or a letter to the debtor fewer than 7 days ago; interest that can't be computed (the error
 * is the reason: a letter is never priced by guessing).
 *
 * Fees, each an entry of its own naming an item's invoice and the level: a fixed fee is the
 * cost of one letter, so it is charged once per letter, on the first item that reaches the
 * letter's level (only when the letter is in the fee's currency); a percentage fee is charged
 * on each item reaching a level with it, of the item's open amount, rounded half away from
 * zero. Interest: levels that
 * charge it post, per item, the interest accrued to the letter's date less what was posted
 * on the item before, from the debtor's interest regime (ar_dunning_item_interest ()), and the
 * regime's fixed compensation once per item, as a fee entry of its own.
 *
 * Commit, in ONE transaction: each selected letter is recorded as a letter activity with its
 * PDF (SHA-256), its items' levels are recorded, the fees and interest are posted, and a
 * hand-over sets the debtor's status to "agency". UNIQUE (item, level) in the ledger makes a
 * repeat impossible: a letter whose items already reached its level (a second commit of the
 * same preview) is skipped, so running twice on one day sends and posts nothing twice. A
 * failure rolls everything back. Not committing (cancelling) changes nothing. */

typedef enum
{
  AR_DUNNING_PROPOSED,                 /* a letter (or the hand-over) is proposed */
  AR_DUNNING_EXCLUDED_CEASE_CONTACT,
  AR_DUNNING_EXCLUDED_STATUS,          /* bankrupt, deceased, agency, legal, … */
  AR_DUNNING_EXCLUDED_DISPUTE,         /* a dispute on the debtor */
  AR_DUNNING_EXCLUDED_SNOOZE,          /* a snooze on the debtor */
  AR_DUNNING_EXCLUDED_PROMISE,         /* a pending promise to pay */
  AR_DUNNING_EXCLUDED_PLAN,            /* a performing payment plan */
  AR_DUNNING_EXCLUDED_ITEMS_ON_HOLD,   /* every overdue item is disputed or snoozed */
  AR_DUNNING_EXCLUDED_BELOW_MINIMUM,
  AR_DUNNING_EXCLUDED_CREDIT_COVERS,   /* unapplied credit ≥ the overdue total */
  AR_DUNNING_EXCLUDED_AT_LEVEL,        /* no item is due its next level */
  AR_DUNNING_EXCLUDED_TOO_SOON,        /* not enough days since the previous level or letter */
  AR_DUNNING_EXCLUDED_INTEREST_REFUSED,/* the interest can't be computed (no rate for a day,
                                        * a currency the regime does not cover) */
  AR_N_DUNNING_OUTCOMES
} ArDunningOutcome;

/* "proposed", "cease_contact", "status", "dispute", "snooze", "promise", "plan",
 * "items_on_hold", "below_minimum", "credit_covers", "at_level", "too_soon",
 * "interest_refused" (for JSON). */
const char *ar_dunning_outcome_to_string (ArDunningOutcome outcome);

typedef struct
{
  gint64       entry_id;          /* the open item's entry: an invoice, or a refund owed back */
  ArEntryKind  kind;
  gint64       invoice_id;        /* 0 for a refund item */
  const char  *invoice_number;    /* NULL when @invoice_id is 0 */
  guint32      due_date;          /* Julian day */
  int          days_overdue;
  gint64       open;              /* its own open amount, without fees and interest */
  guint        current_level;     /* 0: no letter yet */
  guint32      current_since;     /* the day it reached @current_level (0: never) */
  guint        next_level;        /* the level it reaches with this letter; == current when
                                   * it does not move */
  gboolean     on_hold;           /* an invoice hold: not listed, not moved */
  gint64       fee;               /* charged on it with this letter (0: none) */
  gint64       interest;
  gint64       compensation;      /* the statutory fixed sum, once per item (a fee entry) */
} ArDunningItem;

typedef struct
{
  gint64            debtor_id;
  const char       *external_id;
  const char       *name;
  ArDebtorStatus    status;
  char              currency[4];

  ArDunningOutcome  outcome;
  const char       *detail;        /* why it is excluded, translated ("snoozed until …: …") */

  guint             level;         /* the proposed level (0 when excluded) */
  gboolean          hand_over;     /* the level sends no letter: status "agency" */
  guint             template_level;
  guint32           deadline;      /* Julian day; 0 for a hand-over */
  guint             deadline_days;

  gint64            overdue;       /* Σ open of the listed items */
  gint64            unapplied;     /* credit on account */
  gint64            fees;          /* Σ fees to post, compensation included */
  gint64            interest;      /* Σ interest to post */
  gint64            charged;       /* Σ open fees and interest charged before, on the listed
                                    * invoices or on none (a letter, not a hand-over) */
  gint64            total_due;     /* @overdue + @charged + @fees + @interest: what the letter
                                    * prints (ar-letter-data.h) */

  guint             first_item;    /* the items: ar_dunning_preview_get_item (…, first + i) */
  guint             n_items;

  /* Set by the caller before committing. */
  gboolean          selected;      /* TRUE for every proposed letter to begin with */
  GBytes           *document;      /* the letter's PDF exactly as sent */
} ArDunningProposal;

typedef struct _ArDunningPreview ArDunningPreview;

/* Builds the preview as of @as_of (Julian day). Set-based: one pass over the stored open items
 * of the debtors with something overdue at least the first level's days, with the holds and
 * pauses read once. Proposals are ordered by debtor id, then currency. */
ArDunningPreview        *ar_dunning_preview_new          (ArLedger               *ledger,
                                                          guint32                 as_of,
                                                          GCancellable           *cancellable,
                                                          GError                **error);
/* Called from the thread building the preview with the (debtor, currency) pairs decided so far
 * and in all: first (0, total), then every 1,024 overdue items read (never per row), last
 * (total, total) once the preview is complete (not after an error or a cancel). @done never
 * decreases. The last stretch, the charges still open on each proposed letter (about a
 * seventh of the time), is reported only by that final call. */
typedef void (*ArDunningProgressFunc) (guint64  done,
                                       guint64  total,
                                       gpointer user_data);
/* A pair the run would propose a letter (or the hand-over, @hand_over) of @level for; FALSE
 * stops the pass. */
typedef gboolean (*ArDunningDueFunc) (gint64      debtor_id,
                                      const char *currency,
                                      guint       level,
                                      gboolean    hand_over,
                                      gpointer    user_data);

/* ar_dunning_preview_new () with progress (@progress may be NULL, and then nothing is
 * counted: the count is one pass over the overdue balances' index). Cancelled, it returns
 * NULL with G_IO_ERROR_CANCELLED; a preview never writes to the ledger. */
ArDunningPreview        *ar_dunning_preview_new_full     (ArLedger               *ledger,
                                                          guint32                 as_of,
                                                          ArDunningProgressFunc   progress,
                                                          gpointer                progress_data,
                                                          GCancellable           *cancellable,
                                                          GError                **error);
/* Who is due which letter, as the preview decides it, without keeping the preview. */
gboolean                 ar_dunning_foreach_due          (ArLedger               *ledger,
                                                          guint32                 as_of,
                                                          ArDunningDueFunc        func,
                                                          gpointer                user_data,
                                                          GCancellable           *cancellable,
                                                          GError                **error);
void                     ar_dunning_preview_free         (ArDunningPreview       *self);
guint32                  ar_dunning_preview_get_as_of    (const ArDunningPreview *self);
/* The levels the preview was made with (ArDunningLevel). */
GArray                  *ar_dunning_preview_get_levels   (const ArDunningPreview *self);
guint                    ar_dunning_preview_get_n_proposals (const ArDunningPreview *self);
ArDunningProposal       *ar_dunning_preview_get_proposal (ArDunningPreview       *self,
                                                          guint                   index);
/* How many proposals are letters (or hand-overs) proposed, not exclusions: the debtors due
 * their next level (for the work queue and the view's header). */
guint                    ar_dunning_preview_get_n_proposed (const ArDunningPreview *self);
const ArDunningItem     *ar_dunning_preview_get_item     (const ArDunningPreview *self,
                                                          guint                   index);
/* The level's settings, or NULL when @level is not one of the preview's levels. */
const ArDunningLevel    *ar_dunning_preview_get_level    (const ArDunningPreview *self,
                                                          guint                   level);
/* Deselects every proposal of debtor @external_id; FALSE when the preview has none. */
gboolean                 ar_dunning_preview_deselect     (ArDunningPreview       *self,
                                                          const char             *external_id);
/* Gives @proposal its letter (a new reference is taken). */
void                     ar_dunning_proposal_set_document (ArDunningProposal     *proposal,
                                                          GBytes                 *pdf);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArDunningPreview, ar_dunning_preview_free)

typedef struct
{
  guint  n_letters;        /* letters recorded */
  guint  n_hand_overs;     /* debtors set to "agency" */
  guint  n_items;          /* items moved up a level */
  guint  n_fees;           /* fee entries posted */
  guint  n_interest;       /* interest entries posted */
  guint  n_skipped;        /* selected, but already recorded (a repeated commit) */
} ArDunningCommitResult;

/* Commits the selected proposals of @preview in one transaction (see above). A selected
 * letter without a document is an error before anything is written. */
gboolean                 ar_dunning_run_commit           (ArLedger               *ledger,
                                                          ArDunningPreview       *preview,
                                                          ArDunningCommitResult  *result,
                                                          GError                **error);
/* The same with progress: the selected letters (and hand-overs) recorded so far and in all,
 * (0, total) first, then every 256, and (total, total) once committed; from the committing
 * thread. A commit is not cancelled: it finishes or rolls back whole. */
gboolean                 ar_dunning_run_commit_full      (ArLedger               *ledger,
                                                          ArDunningPreview       *preview,
                                                          ArDunningProgressFunc   progress,
                                                          gpointer                progress_data,
                                                          ArDunningCommitResult  *result,
                                                          GError                **error);

/* The interest to post on @item as of @as_of under the debtor's regime (its override, else
 * the book's; ar_dunning_get_interest_regime ()), the one place the calculators (ar-interest.h)
 * are called from: interest on the item's open amount from the day after its due date, less
 * the interest dunning posted on the item before (a waived charge counts as posted: waiving is
 * not undone), and the fixed compensation (UK £40/70/100, EUR 40) when it was never charged on
 * the item. The statutory regimes apply only where the law reaches: uk-b2b to business
 * debtors, eu-b2b to anyone but consumers, de-b2b/de-b2c by the debtor's kind (5 points for
 * consumers, 9 otherwise); elsewhere, and with "none", both are 0. A day outside a rate table
 * or a currency the regime does not cover is an error (AR_INTEREST_ERROR), never a guess. */
gboolean                 ar_dunning_item_interest        (ArLedger               *ledger,
                                                          gint64                  debtor_id,
                                                          const char             *currency,
                                                          const ArDunningItem    *item,
                                                          guint32                 as_of,
                                                          gint64                 *out_interest,
                                                          gint64                 *out_compensation,
                                                          GError                **error);

G_END_DECLS
