/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-dunning-run"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-activity.h"
#include "ar-arrangements.h"
#include "ar-date.h"
#include "ar-interest.h"
#include "ar-rates.h"
#include "ar-dunning-run.h"
#include "ar-ledger-private.h"

static const char * const outcome_names[AR_N_DUNNING_OUTCOMES] = {
  "proposed", "cease_contact", "status", "dispute", "snooze", "promise", "plan",
  "items_on_hold", "below_minimum", "credit_covers", "at_level", "too_soon",
  "interest_refused",
};

const char *
ar_dunning_outcome_to_string (ArDunningOutcome outcome)
{
  g_return_val_if_fail ((guint) outcome < AR_N_DUNNING_OUTCOMES, NULL);
  return outcome_names[outcome];
}

struct _ArDunningPreview
{
  guint32       as_of;
  GArray       *levels;      /* ArDunningLevel */
  GArray       *proposals;   /* ArDunningProposal */
  GArray       *items;       /* ArDunningItem */
  GStringChunk *strings;
  GStringChunk *pair_strings; /* a lean pass's (Build's): the strings of the pair at hand */
};

void
ar_dunning_preview_free (ArDunningPreview *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; self->proposals != NULL && i < self->proposals->len; i++)
    g_clear_pointer (&g_array_index (self->proposals, ArDunningProposal, i).document,
                     g_bytes_unref);
  g_clear_pointer (&self->levels, g_array_unref);
  g_clear_pointer (&self->proposals, g_array_unref);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

guint32
ar_dunning_preview_get_as_of (const ArDunningPreview *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->as_of;
}

GArray *
ar_dunning_preview_get_levels (const ArDunningPreview *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->levels;
}

guint
ar_dunning_preview_get_n_proposals (const ArDunningPreview *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->proposals->len;
}

guint
ar_dunning_preview_get_n_proposed (const ArDunningPreview *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->proposals->len; i++)
    n += g_array_index (self->proposals, ArDunningProposal, i).outcome == AR_DUNNING_PROPOSED;
  return n;
}

ArDunningProposal *
ar_dunning_preview_get_proposal (ArDunningPreview *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->proposals->len, NULL);
  return &g_array_index (self->proposals, ArDunningProposal, index);
}

const ArDunningItem *
ar_dunning_preview_get_item (const ArDunningPreview *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return &g_array_index (self->items, ArDunningItem, index);
}

const ArDunningLevel *
ar_dunning_preview_get_level (const ArDunningPreview *self, guint level)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (level < 1 || level > self->levels->len)
    return NULL;
  return &g_array_index (self->levels, ArDunningLevel, level - 1);
}

gboolean
ar_dunning_preview_deselect (ArDunningPreview *self, const char *external_id)
{
  gboolean found = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->proposals->len; i++)
    {
      ArDunningProposal *p = &g_array_index (self->proposals, ArDunningProposal, i);

      if (g_strcmp0 (p->external_id, external_id) == 0)
        {
          p->selected = FALSE;
          found = TRUE;
        }
    }
  return found;
}

void
ar_dunning_proposal_set_document (ArDunningProposal *proposal, GBytes *pdf)
{
  g_return_if_fail (proposal != NULL);

  if (pdf != NULL)
    g_bytes_ref (pdf);
  g_clear_pointer (&proposal->document, g_bytes_unref);
  proposal->document = pdf;
}

/* Interest ---------------------------------------------------------------------------------- */

/* The regime that applies to a debtor of @kind under the chosen @regime: the statutory regimes
 * only where the law reaches (collection-law.md §2.1, §3.1, §3.2, rules 16–18): the UK Act for
 * companies (not consumers or sole traders), the Directive for anyone but consumers, § 288 BGB
 * with 5 points for consumers and 9 for everyone else. FALSE: no interest for this debtor. */
static gboolean
effective_regime (const char *regime, ArDebtorKind kind, ArInterestRegime *out)
{
  if (!ar_interest_regime_from_string (regime, out))
    return FALSE;
  switch (*out)
    {
    case AR_INTEREST_UK_B2B:
      return kind == AR_DEBTOR_BUSINESS;
    case AR_INTEREST_EU_B2B:
      return kind != AR_DEBTOR_CONSUMER;
    case AR_INTEREST_DE_B2B:
    case AR_INTEREST_DE_B2C:
      *out = kind == AR_DEBTOR_CONSUMER ? AR_INTEREST_DE_B2C : AR_INTEREST_DE_B2B;
      return TRUE;
    case AR_INTEREST_SIMPLE:
    case AR_N_INTEREST_REGIMES:
    default:
      return TRUE;
    }
}

/* What dunning posted on @entry_id before: interest (waived or not: a waiver is not undone by
 * charging it again) and whether the fixed compensation was charged. */
static gboolean
posted_before (ArLedger *ledger, gint64 entry_id, gint64 *interest, gboolean *compensated,
               GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT coalesce (sum (e.amount), 0),"
    " EXISTS (SELECT 1 FROM dunning_items c WHERE c.entry_id = ?1"
    "         AND c.compensation_entry_id IS NOT NULL)"
    " FROM dunning_items di JOIN entries e ON e.id = di.interest_entry_id"
    " WHERE di.entry_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _ar_ledger_set_sql_error (ledger, _("Could not read the interest charged"), error);
    }
  *interest = sqlite3_column_int64 (stmt, 0);
  *compensated = sqlite3_column_int (stmt, 1) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
debtor_kind (ArLedger *ledger, gint64 debtor_id, ArDebtorKind *out, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, "SELECT kind FROM debtors WHERE id = ?1",
                                           error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  found = sqlite3_step (stmt) == SQLITE_ROW &&
          ar_debtor_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), out);
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
                 _("debtor: there is no debtor number %" G_GINT64_FORMAT), debtor_id);
  return found;
}

gboolean
ar_dunning_item_interest (ArLedger *ledger, gint64 debtor_id, const char *currency,
                          const ArDunningItem *item, guint32 as_of, gint64 *out_interest,
                          gint64 *out_compensation, GError **error)
{
  g_autoptr(ArInterestResult) result = NULL;
  g_autofree char *regime = NULL;
  const ArRateTable *table = NULL;
  ArInterestRegime effective;
  ArRateTableId table_id;
  ArDebtorKind kind = AR_DEBTOR_BUSINESS;
  gboolean compensated = FALSE;
  gint64 apr_bp = 0, posted = 0;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (item != NULL && out_interest != NULL, FALSE);

  *out_interest = 0;
  if (out_compensation != NULL)
    *out_compensation = 0;
  if (!ar_dunning_get_interest_regime (ledger, debtor_id, &regime, &apr_bp, error))
    return FALSE;
  if (g_str_equal (regime, "none"))
    return TRUE;
  if (!debtor_kind (ledger, debtor_id, &kind, error))
    return FALSE;
  if (!effective_regime (regime, kind, &effective))
    return TRUE;

  /* The book's table: the shipped rows plus the rates the user recorded (ar-rates.h). */
  if (ar_interest_regime_get_table (effective, &table_id))
    {
      table = ar_rates_get_table (ledger, table_id, error);
      if (table == NULL)
        return FALSE;
    }

  /* On the item's open amount now, from the day after its due date: with partial payments
   * this charges less than a day-by-day balance would, never more. */
  result = ar_interest_compute_with_table (effective, item->open, currency, item->due_date,
                                           as_of,
                                           effective == AR_INTEREST_SIMPLE ? (gint32) apr_bp : -1,
                                           table, error);
  if (result == NULL || !posted_before (ledger, item->entry_id, &posted, &compensated, error))
    return FALSE;
  *out_interest = MAX (result->interest - posted, 0);
  if (out_compensation != NULL && !compensated)
    *out_compensation = result->compensation;
  return TRUE;
}

/* Preview ----------------------------------------------------------------------------------- */

typedef struct
{
  ArHoldKind  kind;
  guint32     until;
  const char *reason;   /* in the preview's strings */
} DebtorHold;

typedef struct
{
  ArDunningPause pause;
  guint32        until;
} DebtorPause;

typedef struct
{
  ArDunningPreview *preview;
  ArLedger         *ledger;
  GHashTable       *debtor_holds;     /* gint64 * debtor id → DebtorHold * */
  GHashTable       *invoice_holds;    /* gint64 * invoice id → GINT_TO_POINTER (kind + 1) */
  GHashTable       *pauses;           /* gint64 * debtor id → DebtorPause * */
  GHashTable       *minimums;         /* currency → gint64 * */
  GHashTable       *recent;           /* "id:CUR" → GUINT_TO_POINTER (last letter date) */
  ArDunningProgressFunc progress;     /* NULL: nobody asked, nothing counted */
  gpointer          progress_data;
  guint64           total;            /* (debtor, currency) pairs to decide */
  guint64           done;
  /* ar_dunning_foreach_due(): each pair proposed goes to @due and nothing is kept; the
   * strings of one pair live in @pair_strings, emptied after each. */
  ArDunningDueFunc  due;
  gpointer          due_data;
  GStringChunk     *pair_strings;
} Build;

static gint64 *
int64_key (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

static gboolean
collect_hold (const ArHold *hold, gpointer user_data)
{
  Build *b = user_data;

  if (hold->invoice_id != 0)
    {
      g_hash_table_insert (b->invoice_holds, int64_key (hold->invoice_id),
                           GINT_TO_POINTER (hold->kind + 1));
      return TRUE;
    }
  {
    DebtorHold *old = g_hash_table_lookup (b->debtor_holds, &hold->debtor_id);
    DebtorHold *h;

    /* A dispute says more than a snooze; of two snoozes the later end is the one that
     * matters. */
    if (old != NULL && (old->kind == AR_HOLD_DISPUTE ||
                        (hold->kind == AR_HOLD_SNOOZE && old->until >= hold->until)))
      return TRUE;
    h = g_new0 (DebtorHold, 1);
    h->kind = hold->kind;
    h->until = hold->until;
    h->reason = g_string_chunk_insert (b->preview->strings, hold->reason);
    g_hash_table_insert (b->debtor_holds, int64_key (hold->debtor_id), h);
  }
  return TRUE;
}

static gboolean
collect_pause (gint64 debtor_id, ArDunningPause pause, guint32 until, gpointer user_data)
{
  Build *b = user_data;
  DebtorPause *p = g_new0 (DebtorPause, 1);

  p->pause = pause;
  p->until = until;
  g_hash_table_insert (b->pauses, int64_key (debtor_id), p);
  return TRUE;
}

static gboolean
load_settings (Build *b, GError **error)
{
  ArLedger *ledger = b->ledger;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _ar_ledger_prepare (ledger, "SELECT currency, amount FROM dunning_minimums", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (b->minimums, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         int64_key (sqlite3_column_int64 (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the dunning minimums"), error);

  /* Letters of the last week, for the pacing rule: never two letters within 7 days. */
  stmt = _ar_ledger_prepare (ledger,
    "SELECT debtor_id, currency, max (letter_date) FROM dunning_letters INDEXED BY"
    " dunning_letters_by_date WHERE letter_date > ?1 AND letter_date <= ?2"
    " GROUP BY debtor_id, currency", error);
  if (stmt == NULL)
    return FALSE;
  _ar_bind_julian (stmt, 1, b->preview->as_of - AR_DUNNING_MIN_DAYS_BETWEEN);
  _ar_bind_julian (stmt, 2, b->preview->as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (b->recent,
                         g_strdup_printf ("%" G_GINT64_FORMAT ":%s",
                                          (gint64) sqlite3_column_int64 (stmt, 0),
                                          (const char *) sqlite3_column_text (stmt, 1)),
                         GUINT_TO_POINTER (_ar_column_julian (stmt, 2)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the letters sent"), error);

  return ar_holds_in_force (ledger, b->preview->as_of, collect_hold, b, error) &&
         ar_ledger_foreach_dunning_pause (ledger, b->preview->as_of, collect_pause, b, error);
}

static char *
format_date (guint32 julian)
{
  char buf[11];

  return g_strdup (ar_date_format_julian (julian, buf));
}

static void
set_excluded (ArDunningPreview *self, ArDunningProposal *p, ArDunningOutcome outcome,
              char *detail)
{
  p->outcome = outcome;
  /* A lean pass keeps no pair: the detail goes with it. */
  p->detail = g_string_chunk_insert (self->pair_strings != NULL ? self->pair_strings
                                                                : self->strings, detail);
  p->selected = FALSE;
  g_free (detail);
}

/* The fee on @item reaching @level. */
static gboolean
item_fee (const ArDunningLevel *level, const char *currency, const ArDunningItem *item,
          gint64 *out, GError **error)
{
  *out = 0;
  switch (level->fee_kind)
    {
    case AR_DUNNING_FEE_FIXED:
      if (strcmp (level->fee_currency, currency) == 0)
        *out = level->fee_amount;
      return TRUE;
    case AR_DUNNING_FEE_PERCENT:
      return ar_money_percent_bp (item->open, level->fee_rate_bp, out, error);
    case AR_DUNNING_FEE_NONE:
    default:
      return TRUE;
    }
}

/* Decides the proposal @p whose items are the preview's last @p->n_items. Returns FALSE with
 * @error on failure; sets *@keep to FALSE when the pair is not due anything at all (nothing
 * old enough for the first level and no letter yet), which the preview leaves out. */
static gboolean
decide (Build *b, ArDunningProposal *p, gint cease_contact, gboolean *keep, GError **error)
{
  ArDunningPreview *self = b->preview;
  ArDunningItem *items = &g_array_index (self->items, ArDunningItem, p->first_item);
  const ArDunningLevel *levels = (const ArDunningLevel *) (gpointer) self->levels->data;
  guint n_levels = self->levels->len;
  const DebtorHold *hold = g_hash_table_lookup (b->debtor_holds, &p->debtor_id);
  const DebtorPause *pause = g_hash_table_lookup (b->pauses, &p->debtor_id);
  const gint64 *minimum = g_hash_table_lookup (b->minimums, p->currency);
  gboolean any_due = FALSE, any_listed = FALSE, any_moves = FALSE, any_too_soon = FALSE;
  gboolean letter_fee_charged = FALSE;
  guint level = 0;

  *keep = TRUE;
  for (guint i = 0; i < p->n_items; i++)
    {
      any_due |= items[i].days_overdue >= (int) levels[0].days_past_due ||
                 items[i].current_level > 0;
      if (!items[i].on_hold)
        {
          any_listed = TRUE;
          p->overdue += items[i].open;
        }
    }
  if (!any_due)
    {
      *keep = FALSE;
      return TRUE;
    }

  if (cease_contact)
    {
      set_excluded (self, p, AR_DUNNING_EXCLUDED_CEASE_CONTACT,
                    g_strdup (_("the debtor asked not to be contacted")));
      return TRUE;
    }
  if (p->status != AR_STATUS_ACTIVE && p->status != AR_STATUS_PROMISE &&
      p->status != AR_STATUS_PLAN)
    {
      set_excluded (self, p, AR_DUNNING_EXCLUDED_STATUS,
                    g_strdup_printf (_("status: %s"), ar_debtor_status_to_string (p->status)));
      return TRUE;
    }
  if (hold != NULL)
    {
      g_autofree char *until = hold->until ? format_date (hold->until) : NULL;

      if (hold->kind == AR_HOLD_DISPUTE)
        set_excluded (self, p, AR_DUNNING_EXCLUDED_DISPUTE,
                      until ? g_strdup_printf (_("disputed until %s: %s"), until, hold->reason)
                            : g_strdup_printf (_("disputed: %s"), hold->reason));
      else
        set_excluded (self, p, AR_DUNNING_EXCLUDED_SNOOZE,
                      g_strdup_printf (_("snoozed until %s: %s"), until, hold->reason));
      return TRUE;
    }
  if (pause != NULL)
    {
      g_autofree char *until = pause->until ? format_date (pause->until) : NULL;

      if (pause->pause == AR_DUNNING_PAUSE_PROMISE)
        set_excluded (self, p, AR_DUNNING_EXCLUDED_PROMISE,
                      until ? g_strdup_printf (_("promised to pay; paused until %s"), until)
                            : g_strdup (_("promised to pay")));
      else
        set_excluded (self, p, AR_DUNNING_EXCLUDED_PLAN,
                      g_strdup (_("a payment plan is being kept")));
      return TRUE;
    }
  if (!any_listed)
    {
      set_excluded (self, p, AR_DUNNING_EXCLUDED_ITEMS_ON_HOLD,
                    g_strdup (_("every overdue invoice is disputed or snoozed")));
      return TRUE;
    }
  if (minimum != NULL && p->overdue < *minimum)
    {
      g_autofree char *o = ar_money_format_plain (p->overdue, p->currency);
      g_autofree char *m = ar_money_format_plain (*minimum, p->currency);

      set_excluded (self, p, AR_DUNNING_EXCLUDED_BELOW_MINIMUM,
                    g_strdup_printf (_("overdue %s %s is below the minimum of %s %s"),
                                     o, p->currency, m, p->currency));
      return TRUE;
    }
  if (p->unapplied > 0 && p->unapplied >= p->overdue)
    {
      g_autofree char *c = ar_money_format_plain (p->unapplied, p->currency);

      set_excluded (self, p, AR_DUNNING_EXCLUDED_CREDIT_COVERS,
                    g_strdup_printf (_("credit on account of %s %s covers what is overdue"),
                                     c, p->currency));
      return TRUE;
    }

  /* Each item moves up one level when it is old enough for the next one and has stayed long
   * enough at its own. */
  for (guint i = 0; i < p->n_items; i++)
    {
      ArDunningItem *it = &items[i];
      const ArDunningLevel *next;

      if (it->on_hold || it->current_level >= n_levels)
        continue;
      next = &levels[it->current_level];
      if (it->days_overdue < (int) next->days_past_due)
        continue;
      if (it->current_level > 0 &&
          (gint64) self->as_of - (gint64) it->current_since <
            (gint64) next->min_days_since_previous)
        {
          any_too_soon = TRUE;
          continue;
        }
      it->next_level = next->level;
      level = MAX (level, next->level);
      any_moves = TRUE;
    }
  if (!any_moves)
    {
      for (guint i = 0; i < p->n_items; i++)
        items[i].next_level = items[i].current_level;
      if (any_too_soon)
        set_excluded (self, p, AR_DUNNING_EXCLUDED_TOO_SOON,
                      g_strdup (_("not enough days since the previous level")));
      else
        set_excluded (self, p, AR_DUNNING_EXCLUDED_AT_LEVEL,
                      g_strdup (_("every item is already at the level its age reaches")));
      return TRUE;
    }
  {
    g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", p->debtor_id, p->currency);
    guint32 last = GPOINTER_TO_UINT (g_hash_table_lookup (b->recent, key));

    if (last != 0)
      {
        g_autofree char *when = format_date (last);

        for (guint i = 0; i < p->n_items; i++)
          items[i].next_level = items[i].current_level;
        set_excluded (self, p, AR_DUNNING_EXCLUDED_TOO_SOON,
                      g_strdup_printf (_("a letter went out on %s, less than %d days ago"),
                                       when, AR_DUNNING_MIN_DAYS_BETWEEN));
        return TRUE;
      }
  }

  p->outcome = AR_DUNNING_PROPOSED;
  p->selected = TRUE;
  p->level = level;
  p->hand_over = levels[level - 1].hand_over;
  p->template_level = levels[level - 1].template_level;
  p->deadline_days = p->hand_over ? 0 : levels[level - 1].deadline_days;
  p->deadline = p->hand_over ? 0 : self->as_of + p->deadline_days;
  /* A hand-over sends no letter: only the items it hands over reach a level with it. */
  for (guint i = 0; i < p->n_items && p->hand_over; i++)
    if (items[i].next_level != level)
      items[i].next_level = items[i].current_level;

  /* A hand-over sends no letter, so it charges nothing. A fixed fee is the cost of one letter
   * (BGH VIII ZR 95/18, ../shared/reference/collection-law.md): it is charged once per letter,
   * on the first item that reaches the letter's level, however many invoices the letter lists.
   * A percentage fee is a share of each item's open amount, so each item moving up pays it. */
  for (guint i = 0; i < p->n_items && !p->hand_over; i++)
    {
      ArDunningItem *it = &items[i];
      g_autoptr(GError) interest_error = NULL;
      const ArDunningLevel *l;

      if (it->next_level == it->current_level)
        continue;
      l = &levels[it->next_level - 1];
      if (l->fee_kind == AR_DUNNING_FEE_FIXED && (letter_fee_charged || it->next_level != level))
        it->fee = 0;
      else if (!item_fee (l, p->currency, it, &it->fee, error))
        return FALSE;
      else if (l->fee_kind == AR_DUNNING_FEE_FIXED && it->fee > 0)
        letter_fee_charged = TRUE;
      if (l->charges_interest &&
          !ar_dunning_item_interest (b->ledger, p->debtor_id, p->currency, it, self->as_of,
                                     &it->interest, &it->compensation, &interest_error))
        {
          /* This debtor's letter can't be priced; the others go on. */
          for (guint k = 0; k < p->n_items; k++)
            {
              items[k].next_level = items[k].current_level;
              items[k].fee = items[k].interest = items[k].compensation = 0;
            }
          p->fees = p->interest = p->total_due = 0;
          p->level = p->template_level = p->deadline_days = 0;
          p->deadline = 0;
          p->hand_over = FALSE;
          set_excluded (self, p, AR_DUNNING_EXCLUDED_INTEREST_REFUSED,
                        g_strdup_printf ("%s: %s", it->invoice_number != NULL
                                                   ? it->invoice_number : "", interest_error->message));
          return TRUE;
        }
      if (!ar_money_add (p->fees, it->fee, &p->fees, error) ||
          !ar_money_add (p->fees, it->compensation, &p->fees, error) ||
          !ar_money_add (p->interest, it->interest, &p->interest, error))
        return FALSE;
    }
  return ar_money_add (p->overdue, p->fees, &p->total_due, error) &&
         ar_money_add (p->total_due, p->interest, &p->total_due, error);
}

/* Every open invoice or refund item overdue by a day or more, of the debtors whose oldest open
 * item is at least the first level's days past due; ?1 = as_of − those days, ?2 = as_of. The
 * balances index picks the debtors; each one's items come through open_items_by_debtor and the
 * level reached through the (entry_id, level) index of dunning_items. CROSS JOIN fixes the loop
 * order (SQLite never reorders it), so each (debtor, currency) pair's rows come together
 * without sorting the whole result: its few items are sorted in C (a third less time at
 * 100,000 debtors than ORDER BY). */
static const char preview_sql[] =
  "SELECT b.debtor_id, b.currency, b.unapplied, d.external_id, d.name, d.status,"
  " d.cease_contact, o.entry_id, coalesce (o.invoice_id, 0), o.due_jd, o.open, e.kind, i.number,"
  " (SELECT di.level || ' ' || di.letter_date FROM dunning_items di"
  "   WHERE di.entry_id = o.entry_id ORDER BY di.level DESC LIMIT 1)"
  " FROM balances b INDEXED BY balances_by_oldest_due"
  " CROSS JOIN debtors d"
  " CROSS JOIN open_items o INDEXED BY open_items_by_debtor"
  " CROSS JOIN entries e"
  " LEFT JOIN invoices i ON i.id = o.invoice_id"
  " WHERE d.id = b.debtor_id AND o.debtor_id = b.debtor_id AND o.currency = b.currency"
  " AND e.id = o.entry_id"
  " AND b.oldest_due_jd IS NOT NULL AND b.oldest_due_jd <= ?1 AND o.due_jd < ?2"
  " AND (e.kind = 'invoice' OR e.kind = 'refund')";

/* Oldest due date first, then entry order: the order the letter lists the items in. */
static int
compare_items (gconstpointer pa, gconstpointer pb)
{
  const ArDunningItem *a = pa, *b = pb;

  if (a->due_date != b->due_date)
    return a->due_date < b->due_date ? -1 : 1;
  return (a->entry_id > b->entry_id) - (a->entry_id < b->entry_id);
}

static int
compare_proposals (gconstpointer pa, gconstpointer pb)
{
  const ArDunningProposal *a = pa, *b = pb;

  if (a->debtor_id != b->debtor_id)
    return a->debtor_id < b->debtor_id ? -1 : 1;
  return strcmp (a->currency, b->currency);
}

/* Adds to each proposed letter the fees and interest earlier letters (or plans) charged that
 * are still open, as ar_letter_data_build () lists them: those on an invoice the letter lists
 * and those on no invoice; a charge on an invoice on hold or not overdue stays out with its
 * invoice. One indexed query per letter, which costs less than rendering the letter. */
static gboolean
add_open_charges (Build *b, GCancellable *cancellable, GError **error)
{
  ArDunningPreview *self = b->preview;

  for (guint i = 0; i < self->proposals->len; i++)
    {
      ArDunningProposal *p = &g_array_index (self->proposals, ArDunningProposal, i);
      const ArDunningItem *items = &g_array_index (self->items, ArDunningItem, p->first_item);
      sqlite3_stmt *stmt;
      int rc;

      if (i % 1024 == 1023 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (p->outcome != AR_DUNNING_PROPOSED || p->hand_over)
        continue;
      stmt = _ar_ledger_prepare (b->ledger,
        "SELECT coalesce (o.invoice_id, 0), o.open"
        " FROM open_items o INDEXED BY open_items_by_debtor JOIN entries e ON e.id = o.entry_id"
        " WHERE o.debtor_id = ?1 AND o.currency = ?2 AND (e.kind = 'fee' OR e.kind = 'interest')",
        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, p->debtor_id);
      sqlite3_bind_text (stmt, 2, p->currency, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 invoice_id = sqlite3_column_int64 (stmt, 0);
          gboolean listed = invoice_id == 0;

          for (guint k = 0; k < p->n_items && !listed; k++)
            listed = items[k].invoice_id == invoice_id && !items[k].on_hold;
          if (listed &&
              (!ar_money_add (p->charged, sqlite3_column_int64 (stmt, 1), &p->charged, error) ||
               !ar_money_add (p->total_due, sqlite3_column_int64 (stmt, 1), &p->total_due,
                              error)))
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _ar_ledger_set_sql_error (b->ledger, _("Could not read the charges still open"),
                                         error);
    }
  return TRUE;
}

/* Rows read between two looks at Cancel and two progress reports. */
#define PROGRESS_EVERY 1024

/* The pairs run_preview () will decide: the balances with something overdue at least the first
 * level's days, counted on the same partial index the preview reads them from (a range count
 * over the index, in the preview's read snapshot, so the number is the one the pass sees). Run
 * only when someone asked for progress. */
static gboolean
count_candidates (Build *b, GError **error)
{
  const ArDunningLevel *first = &g_array_index (b->preview->levels, ArDunningLevel, 0);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _ar_ledger_prepare (b->ledger,
    "SELECT count(*) FROM balances INDEXED BY balances_by_oldest_due"
    " WHERE oldest_due_jd IS NOT NULL AND oldest_due_jd <= ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, (gint64) b->preview->as_of - first->days_past_due);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    b->total = (guint64) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _ar_ledger_set_sql_error (b->ledger, _("Could not count the overdue debtors"), error);
  return TRUE;
}

static void
report (Build *b)
{
  if (b->progress != NULL)
    b->progress (MIN (b->done, b->total), b->total, b->progress_data);
}

static gboolean
run_preview (Build *b, GCancellable *cancellable, GError **error)
{
  ArDunningPreview *self = b->preview;
  const ArDunningLevel *first = &g_array_index (self->levels, ArDunningLevel, 0);
  GStringChunk *pair_strings = b->pair_strings != NULL ? b->pair_strings : self->strings;
  ArDunningProposal current = { 0 };
  gint cease_contact = 0;
  gboolean have = FALSE;
  sqlite3_stmt *stmt;
  guint rows = 0;
  int rc;

  stmt = _ar_ledger_prepare (b->ledger, preview_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, (gint64) self->as_of - first->days_past_due);
  sqlite3_bind_int64 (stmt, 2, self->as_of);

  for (;;)
    {
      gint64 debtor_id = 0;
      const char *currency = NULL;
      gboolean keep;

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          debtor_id = sqlite3_column_int64 (stmt, 0);
          currency = (const char *) sqlite3_column_text (stmt, 1);
        }
      else if (rc != SQLITE_DONE)
        break;

      /* A new (debtor, currency) pair, or the end: decide the one before. */
      if (have && (rc == SQLITE_DONE || debtor_id != current.debtor_id ||
                   strcmp (currency, current.currency) != 0))
        {
          if (current.n_items > 1)
            qsort (&g_array_index (self->items, ArDunningItem, current.first_item),
                   current.n_items, sizeof (ArDunningItem), compare_items);
          if (!decide (b, &current, cease_contact, &keep, error))
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
          if (b->due != NULL)
            {
              gboolean go_on = !keep || current.outcome != AR_DUNNING_PROPOSED ||
                               b->due (current.debtor_id, current.currency, current.level,
                                       current.hand_over, b->due_data);

              g_array_set_size (self->items, 0);
              g_string_chunk_clear (pair_strings);
              if (!go_on)
                {
                  sqlite3_reset (stmt);
                  return TRUE;
                }
            }
          else if (keep)
            g_array_append_val (self->proposals, current);
          else
            g_array_set_size (self->items, current.first_item);
          have = FALSE;
          b->done++;
        }
      if (rc == SQLITE_DONE)
        break;

      if (!have)
        {
          ArDebtorStatus status = AR_STATUS_ACTIVE;

          memset (&current, 0, sizeof current);
          current.debtor_id = debtor_id;
          g_strlcpy (current.currency, currency, sizeof current.currency);
          current.unapplied = sqlite3_column_int64 (stmt, 2);
          current.external_id = g_string_chunk_insert (pair_strings,
                                                       (const char *) sqlite3_column_text (stmt, 3));
          current.name = g_string_chunk_insert (pair_strings,
                                                (const char *) sqlite3_column_text (stmt, 4));
          ar_debtor_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &status);
          current.status = status;
          current.first_item = self->items->len;
          cease_contact = sqlite3_column_int (stmt, 6);
          have = TRUE;
        }
      {
        ArDunningItem it = { 0 };
        const char *number = (const char *) sqlite3_column_text (stmt, 12);
        const char *reached = (const char *) sqlite3_column_text (stmt, 13);
        ArEntryKind kind = AR_ENTRY_INVOICE;

        ar_entry_kind_from_string ((const char *) sqlite3_column_text (stmt, 11), &kind);
        it.entry_id = sqlite3_column_int64 (stmt, 7);
        it.kind = kind;
        it.invoice_id = sqlite3_column_int64 (stmt, 8);
        it.due_date = (guint32) sqlite3_column_int64 (stmt, 9);
        it.days_overdue = (int) ((gint64) self->as_of - (gint64) it.due_date);
        it.open = sqlite3_column_int64 (stmt, 10);
        it.invoice_number = number != NULL ? g_string_chunk_insert (pair_strings, number) : NULL;
        if (reached != NULL)
          {
            /* "LEVEL YYYY-MM-DD" */
            it.current_level = (guint) g_ascii_strtoull (reached, NULL, 10);
            it.current_since = strchr (reached, ' ') != NULL
                               ? ar_date_parse_julian (strchr (reached, ' ') + 1, NULL) : 0;
          }
        it.next_level = it.current_level;
        it.on_hold = it.invoice_id != 0 &&
                     g_hash_table_contains (b->invoice_holds, &it.invoice_id);
        g_array_append_val (self->items, it);
        current.n_items++;
      }
      /* Every 1024 rows (a millisecond or two): the Cancel button and the progress bar. */
      if (++rows % PROGRESS_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
          report (b);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (b->ledger, _("Could not read the overdue items"), error);
  /* The pairs came in the order of their oldest due date. */
  if (b->due == NULL)
    g_array_sort (self->proposals, compare_proposals);
  return TRUE;
}

ArDunningPreview *
ar_dunning_preview_new (ArLedger *ledger, guint32 as_of, GCancellable *cancellable,
                        GError **error)
{
  return ar_dunning_preview_new_full (ledger, as_of, NULL, NULL, cancellable, error);
}

/* The preview (@due NULL), or the lean pass of ar_dunning_foreach_due(). */
static ArDunningPreview *
build_preview (ArLedger *ledger, guint32 as_of, ArDunningProgressFunc progress,
               gpointer progress_data, ArDunningDueFunc due, gpointer due_data,
               GCancellable *cancellable, GError **error)
{
  g_autoptr(ArDunningPreview) self = NULL;
  Build b = { 0 };
  gboolean own_transaction, ok;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  if (as_of == 0 || !g_date_valid_julian (as_of))
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("date: a dunning run needs a valid date"));
      return NULL;
    }

  self = g_new0 (ArDunningPreview, 1);
  self->as_of = as_of;
  self->proposals = g_array_new (FALSE, TRUE, sizeof (ArDunningProposal));
  self->items = g_array_new (FALSE, TRUE, sizeof (ArDunningItem));
  self->strings = g_string_chunk_new (64 * 1024);

  b.preview = self;
  b.ledger = ledger;
  b.progress = progress;
  b.progress_data = progress_data;
  b.due = due;
  b.due_data = due_data;
  b.pair_strings = due != NULL ? g_string_chunk_new (1024) : NULL;
  self->pair_strings = b.pair_strings;
  b.debtor_holds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  b.invoice_holds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  b.pauses = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  b.minimums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  b.recent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* One read snapshot for the levels, holds, pauses and items. */
  own_transaction = sqlite3_get_autocommit (_ar_ledger_get_db (ledger));
  ok = !own_transaction || _ar_ledger_exec (ledger, "BEGIN", error);
  if (ok)
    {
      self->levels = ar_dunning_levels_load (ledger, error);
      ok = self->levels != NULL;
    }
  if (ok && self->levels->len == 0)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("levels: the ledger has no dunning levels"));
      ok = FALSE;
    }
  ok = ok && load_settings (&b, error);
  if (ok && progress != NULL)
    {
      ok = count_candidates (&b, error);
      if (ok)
        report (&b);
    }
  /* The charges still open only add to the letters' amounts, which the lean pass keeps none
   * of. */
  ok = ok && run_preview (&b, cancellable, error) &&
       (due != NULL || add_open_charges (&b, cancellable, error));
  if (ok)
    {
      /* The end is the total, whatever the pass met on the way. */
      b.done = b.total;
      report (&b);
    }
  if (own_transaction && sqlite3_get_autocommit (_ar_ledger_get_db (ledger)) == 0)
    _ar_ledger_exec (ledger, "COMMIT", NULL);

  g_hash_table_unref (b.debtor_holds);
  g_hash_table_unref (b.invoice_holds);
  g_hash_table_unref (b.pauses);
  g_hash_table_unref (b.minimums);
  g_hash_table_unref (b.recent);
  self->pair_strings = NULL;
  g_clear_pointer (&b.pair_strings, g_string_chunk_free);
  if (!ok)
    return NULL;
  return g_steal_pointer (&self);
}

ArDunningPreview *
ar_dunning_preview_new_full (ArLedger *ledger, guint32 as_of, ArDunningProgressFunc progress,
                             gpointer progress_data, GCancellable *cancellable, GError **error)
{
  return build_preview (ledger, as_of, progress, progress_data, NULL, NULL, cancellable, error);
}

/**
 * ar_dunning_foreach_due:
 * @ledger: the book
 * @as_of: the day of the run (a Julian day)
 * @func: called for each (debtor, currency) pair the preview would propose a letter or the
 *   hand-over for, in the order the pass meets them; FALSE stops
 * @user_data: for @func
 * @cancellable: (nullable): checked every 1,024 items
 * @error: the reason it failed
 *
 * What ar_dunning_preview_new() decides, without keeping it: the work queue needs only who is
 * due which level, and a preview of a million debtors held 380,000 letters and their items
 * (about 200 MiB) to say so. The letters' amounts (fees, interest, charges still open) are not
 * worked out further than deciding needs.
 *
 * Returns: FALSE with @error set on failure or cancellation.
 */
gboolean
ar_dunning_foreach_due (ArLedger         *ledger,
                        guint32           as_of,
                        ArDunningDueFunc  func,
                        gpointer          user_data,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(ArDunningPreview) lean = NULL;

  g_return_val_if_fail (func != NULL, FALSE);

  lean = build_preview (ledger, as_of, NULL, NULL, func, user_data, cancellable, error);
  return lean != NULL;
}

/* Commit ------------------------------------------------------------------------------------ */

static gboolean
already_recorded (ArLedger *ledger, gint64 entry_id, guint level, gboolean *out, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT EXISTS (SELECT 1 FROM dunning_items WHERE entry_id = ?1 AND level >= ?2)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int (stmt, 2, level);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _ar_ledger_set_sql_error (ledger, _("Could not read the letters sent"), error);
    }
  *out = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static GDateTime *
letter_time (guint32 as_of)
{
  GDate date;
  GDate today;

  ar_date_set_today (&today);
  if (ar_date_to_julian (&today) == as_of)
    return g_date_time_new_now_utc ();
  ar_date_from_julian (as_of, &date);
  return g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 12, 0, 0);
}

static gboolean
post_charge (ArLedger *ledger, const ArDunningProposal *p, const ArDunningItem *it,
             ArEntryKind kind, gboolean compensation, gint64 amount, guint32 date,
             gint64 *out_id, GError **error)
{
  g_autofree char *reference = g_strdup_printf ("DUN-L%u", it->next_level);
  g_autofree char *memo = NULL;
  ArPosting posting = { 0 };

  /* Translators: the memo of a charge a dunning letter posts: "Dunning fee, level 2". */
  memo = kind == AR_ENTRY_FEE ? g_strdup_printf (_("Dunning fee, level %u"), it->next_level)
                              : g_strdup_printf (_("Interest, level %u"), it->next_level);
  if (compensation)
    {
      g_free (memo);
      /* Translators: the statutory fixed sum for a late payment, posted with a letter. */
      memo = g_strdup_printf (_("Late payment compensation, level %u"), it->next_level);
    }
  posting.debtor_id = p->debtor_id;
  posting.kind = kind;
  posting.date = date;
  posting.amount = amount;
  posting.currency = p->currency;
  posting.invoice_id = it->invoice_id;
  posting.reference = reference;
  posting.memo = memo;
  return ar_ledger_post (ledger, &posting, out_id, error);
}

static gboolean
commit_one (ArLedger *ledger, ArDunningPreview *self, ArDunningProposal *p,
            ArDunningCommitResult *result, GError **error)
{
  ArDunningItem *items = &g_array_index (self->items, ArDunningItem, p->first_item);
  gint64 activity_id = 0, letter_id;
  sqlite3_stmt *stmt;

  /* A repeated commit: the items already reached this level. Nothing twice. */
  for (guint i = 0; i < p->n_items; i++)
    {
      gboolean recorded = FALSE;

      if (items[i].next_level == items[i].current_level)
        continue;
      if (!already_recorded (ledger, items[i].entry_id, items[i].next_level, &recorded, error))
        return FALSE;
      if (recorded)
        {
          result->n_skipped++;
          return TRUE;
        }
    }

  if (!p->hand_over)
    {
      g_autoptr(GDateTime) when = letter_time (self->as_of);
      const ArDunningLevel *level = ar_dunning_preview_get_level (self, p->level);
      g_autofree char *name = ar_dunning_level_get_name (level);
      g_autofree char *total = ar_money_format_plain (p->total_due, p->currency);
      g_autofree char *deadline = format_date (p->deadline);
      g_autofree char *date = format_date (self->as_of);
      g_autofree char *file = g_strdup_printf ("dunning-%s-L%u-%s.pdf", p->external_id,
                                               p->level, date);
      g_autofree char *summary = NULL;
      ArActivityInfo info = { 0 };

      /* Translators: the contact log's line for a dunning letter sent: "Friendly reminder
       * (level 1): 3 items, 1200.00 USD due by 2026-12-06". */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s (level %u): %u item, %s %s due by %s",
                                              "%s (level %u): %u items, %s %s due by %s",
                                              p->n_items),
                                 name, p->level, p->n_items, total, p->currency, deadline);
      info.debtor_id = p->debtor_id;
      info.kind = AR_ACTIVITY_LETTER;
      info.direction = AR_DIRECTION_OUT;
      info.occurred_at = when;
      info.outcome = "dunning_letter";
      info.summary = summary;
      info.next_action_date = p->deadline + 1;   /* follow up when the deadline has passed */
      info.document = p->document;
      info.document_name = file;
      if (!ar_ledger_add_activity (ledger, &info, &activity_id, error))
        return FALSE;
    }

  stmt = _ar_ledger_prepare (ledger,
    "INSERT INTO dunning_letters (debtor_id, currency, level, letter_date, deadline, total_due,"
    " hand_over, activity_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->debtor_id);
  sqlite3_bind_text (stmt, 2, p->currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, p->level);
  _ar_bind_julian (stmt, 4, self->as_of);
  _ar_bind_julian (stmt, 5, p->deadline);
  sqlite3_bind_int64 (stmt, 6, p->total_due);
  sqlite3_bind_int (stmt, 7, p->hand_over ? 1 : 0);
  if (activity_id != 0)
    sqlite3_bind_int64 (stmt, 8, activity_id);
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not record the letter"), error))
    return FALSE;
  letter_id = sqlite3_last_insert_rowid (_ar_ledger_get_db (ledger));

  for (guint i = 0; i < p->n_items; i++)
    {
      const ArDunningItem *it = &items[i];
      gint64 fee_id = 0, interest_id = 0, compensation_id = 0;

      if (it->next_level == it->current_level)
        continue;
      if (it->fee > 0)
        {
          if (!post_charge (ledger, p, it, AR_ENTRY_FEE, FALSE, it->fee, self->as_of, &fee_id,
                            error))
            return FALSE;
          result->n_fees++;
        }
      if (it->interest > 0)
        {
          if (!post_charge (ledger, p, it, AR_ENTRY_INTEREST, FALSE, it->interest, self->as_of,
                            &interest_id, error))
            return FALSE;
          result->n_interest++;
        }
      if (it->compensation > 0)
        {
          if (!post_charge (ledger, p, it, AR_ENTRY_FEE, TRUE, it->compensation, self->as_of,
                            &compensation_id, error))
            return FALSE;
          result->n_fees++;
        }
      stmt = _ar_ledger_prepare (ledger,
        "INSERT INTO dunning_items (letter_id, entry_id, level, letter_date, open, fee_entry_id,"
        " interest_entry_id, compensation_entry_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, letter_id);
      sqlite3_bind_int64 (stmt, 2, it->entry_id);
      sqlite3_bind_int (stmt, 3, it->next_level);
      _ar_bind_julian (stmt, 4, self->as_of);
      sqlite3_bind_int64 (stmt, 5, it->open);
      if (fee_id != 0)
        sqlite3_bind_int64 (stmt, 6, fee_id);
      if (interest_id != 0)
        sqlite3_bind_int64 (stmt, 7, interest_id);
      if (compensation_id != 0)
        sqlite3_bind_int64 (stmt, 8, compensation_id);
      if (!_ar_ledger_step_done (ledger, stmt, _("Could not record the item’s level"), error))
        return FALSE;
      result->n_items++;
    }

  if (p->hand_over)
    {
      stmt = _ar_ledger_prepare (ledger,
        "UPDATE debtors SET status = 'agency' WHERE id = ?1 AND status <> 'agency'", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, p->debtor_id);
      if (!_ar_ledger_step_done (ledger, stmt, _("Could not hand the debtor over"), error))
        return FALSE;
      result->n_hand_overs++;
    }
  else
    result->n_letters++;
  return TRUE;
}

gboolean
ar_dunning_run_commit (ArLedger *ledger, ArDunningPreview *self, ArDunningCommitResult *result,
                       GError **error)
{
  return ar_dunning_run_commit_full (ledger, self, NULL, NULL, result, error);
}

gboolean
ar_dunning_run_commit_full (ArLedger *ledger, ArDunningPreview *self,
                            ArDunningProgressFunc progress, gpointer progress_data,
                            ArDunningCommitResult *result, GError **error)
{
  ArDunningCommitResult local = { 0 };
  guint64 total = 0, done = 0;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (self != NULL, FALSE);

  /* Every letter must be there before anything is written. */
  for (guint i = 0; i < self->proposals->len; i++)
    {
      const ArDunningProposal *p = &g_array_index (self->proposals, ArDunningProposal, i);

      total += p->selected && p->outcome == AR_DUNNING_PROPOSED;
      if (p->selected && p->outcome == AR_DUNNING_PROPOSED && !p->hand_over &&
          p->document == NULL)
        {
          g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                       _("%s: the letter was not rendered; nothing was recorded"),
                       p->external_id);
          return FALSE;
        }
    }

  if (!ar_ledger_begin (ledger, "dunning-run", error))
    return FALSE;
  if (progress != NULL)
    progress (0, total, progress_data);
  for (guint i = 0; i < self->proposals->len; i++)
    {
      ArDunningProposal *p = &g_array_index (self->proposals, ArDunningProposal, i);
      g_autoptr(GError) local_error = NULL;

      if (!p->selected || p->outcome != AR_DUNNING_PROPOSED)
        continue;
      if (!commit_one (ledger, self, p, &local, &local_error))
        {
          g_set_error (error, local_error->domain, local_error->code, "%s: %s",
                       p->external_id, local_error->message);
          ar_ledger_rollback (ledger);
          return FALSE;
        }
      if (++done % 256 == 0 && progress != NULL)
        progress (done, total, progress_data);
    }
  if (!ar_ledger_commit (ledger, error))
    return FALSE;
  if (progress != NULL)
    progress (total, total, progress_data);
  if (result != NULL)
    *result = local;
  return TRUE;
}
