/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"

G_BEGIN_DECLS

/* Dunning levels and the settings of a dunning run, stored in the ledger.
 *
 * The levels are a sequence 1, 2, … without gaps (at most 9). Each says how many days past
 * due an item must be to reach it, how many days must pass since the item reached the level
 * before (never fewer than 7), the fee it charges (none; fixed, once per letter;
 * or a percentage of each item's open amount), whether interest is charged, which letter template
 * it prints with and the payment deadline printed on the letter (at least 7 days after the
 * letter; at least 14 for the final demand, the last level that sends a letter). A hand-over
 * level sends no letter: it marks the debtor ready for the agency. It can only be the last.
 *
 * The default sequence of a new ledger: friendly reminder (7 days past due), first notice
 * (21), second notice (35), final demand (50), hand-over (65), no fees, no interest, a
 * 14-day deadline. */

#define AR_DUNNING_MAX_LEVELS           9
#define AR_DUNNING_MIN_DAYS_BETWEEN     7
#define AR_DUNNING_MIN_DEADLINE_DAYS    7
#define AR_DUNNING_MIN_FINAL_DEADLINE  14

typedef enum
{
  AR_DUNNING_FEE_NONE,
  AR_DUNNING_FEE_FIXED,      /* @fee_amount in @fee_currency, once per letter */
  AR_DUNNING_FEE_PERCENT,    /* @fee_rate_bp of each item's open amount (basis points) */
} ArDunningFeeKind;

typedef struct
{
  guint             level;                    /* 1 … 9 */
  guint             days_past_due;            /* ≥ 1, rising with the level */
  guint             min_days_since_previous;  /* ≥ 7 */
  ArDunningFeeKind  fee_kind;
  gint64            fee_amount;               /* FIXED: > 0, minor units of @fee_currency */
  char              fee_currency[4];          /* FIXED: the currency; only items in it pay */
  gint64            fee_rate_bp;              /* PERCENT: 1 … 10000 */
  gboolean          charges_interest;
  guint             template_level;           /* the letter template (1 … 9); 0 = hand-over */
  guint             deadline_days;            /* 7 … 365; ≥ 14 for the final demand */
  gboolean          hand_over;                /* no letter: status "agency" */
} ArDunningLevel;

const char *ar_dunning_fee_kind_to_string    (ArDunningFeeKind       kind);
gboolean    ar_dunning_fee_kind_from_string  (const char            *text,
                                              ArDunningFeeKind      *out);
/* The level's name as shown: its letter's name ("Friendly reminder") or "Hand-over". */
char       *ar_dunning_level_get_name        (const ArDunningLevel  *level);

/* Checks a whole sequence (@levels[i].level == i + 1): the rules above. The error names the
 * level and the field ("level 3: days_past_due: …"). */
gboolean    ar_dunning_levels_validate       (const ArDunningLevel  *levels,
                                              guint                  n_levels,
                                              GError               **error);
/* The stored levels in order, an array of ArDunningLevel. */
GArray     *ar_dunning_levels_load           (ArLedger              *ledger,
                                              GError               **error);
/* Stores @level: replaces the level of that number, or appends it when it is the next number.
 * The resulting sequence must validate; otherwise nothing changes. Audited. */
gboolean    ar_dunning_level_store           (ArLedger              *ledger,
                                              const ArDunningLevel  *level,
                                              GError               **error);
/* Removes the last level; refused for any other and for a level letters were sent at. */
gboolean    ar_dunning_level_remove          (ArLedger              *ledger,
                                              guint                  level,
                                              GError               **error);

/* The smallest overdue total (minor units of @currency) a debtor must owe in @currency to get
 * a letter; 0 = no minimum. */
gint64      ar_dunning_get_minimum           (ArLedger              *ledger,
                                              const char            *currency);
gboolean    ar_dunning_set_minimum           (ArLedger              *ledger,
                                              const char            *currency,
                                              gint64                 amount,
                                              GError               **error);

/* The interest calculator, for the book (@debtor_id 0) or as a debtor's override. Regimes:
 * "none", "simple" (contractual APR in basis points, @apr_bp > 0), "uk-b2b", "eu-b2b",
 * "de-b2b", "de-b2c". Setting a debtor's regime to NULL removes its override. */
gboolean    ar_dunning_set_interest_regime   (ArLedger              *ledger,
                                              gint64                 debtor_id,
                                              const char            *regime,
                                              gint64                 apr_bp,
                                              GError               **error);
/* The regime that applies to @debtor_id (its override, else the book's); @debtor_id 0 gives
 * the book's. *@out_regime is newly allocated. */
gboolean    ar_dunning_get_interest_regime   (ArLedger              *ledger,
                                              gint64                 debtor_id,
                                              char                 **out_regime,
                                              gint64                *out_apr_bp,
                                              GError               **error);
/* @debtor_id's own override only: *@out_regime is NULL (and *@out_apr_bp 0) when the debtor
 * has none and follows the book. *@out_regime is newly allocated. */
gboolean    ar_dunning_get_interest_override (ArLedger              *ledger,
                                              gint64                 debtor_id,
                                              char                 **out_regime,
                                              gint64                *out_apr_bp,
                                              GError               **error);

/* Waives a fee or interest charge: posts its reversal dated @date with @reason (required), so
 * the waiver stays visible on statements. Refused for any other kind of entry. */
gboolean    ar_dunning_waive_charge          (ArLedger              *ledger,
                                              gint64                 entry_id,
                                              guint32                date,
                                              const char            *reason,
                                              gint64                *out_reversal_id,
                                              GError               **error);

G_END_DECLS
