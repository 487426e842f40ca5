/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ar-activity.h"
#include "ar-date.h"
#include "ar-debtor-ledger.h"
#include "ar-demo.h"
#include "ar-dunning-run.h"
#include "ar-hold.h"
#include "ar-letter-data.h"
#include "ar-ledger-private.h"
#include "ar-plan-draft.h"
#include "ar-plan.h"
#include "ar-promise.h"
#include "ar-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  ArLedger *ledger;
} Fixture;

static guint32
jd (const char *iso)
{
  return ar_date_parse_julian (iso, NULL);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("arrears-dunning-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "book.arrears", NULL);
  f->ledger = ar_ledger_create (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ledger);
  ar_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
add_debtor (Fixture *f, const char *id, ArDebtorStatus status, gboolean cease)
{
  ArDebtorInfo info = { .external_id = id, .name = id, .status = status,
                        .cease_contact = cease };
  g_autoptr(GError) error = NULL;
  gint64 out;

  g_assert_true (ar_ledger_add_debtor (f->ledger, &info, &out, &error));
  g_assert_no_error (error);
  return out;
}

static gint64
invoice (Fixture *f, gint64 debtor, const char *number, const char *due, gint64 amount,
         const char *currency)
{
  ArInvoiceInfo info = { .debtor_id = debtor, .number = number, .issue_date = jd (due) - 30,
                         .due_date = jd (due), .currency = currency, .amount = amount };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (ar_ledger_add_invoice (f->ledger, &info, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
pay (Fixture *f, gint64 debtor, const char *date, gint64 amount, gint64 invoice_id)
{
  ArPosting p = { .debtor_id = debtor, .kind = AR_ENTRY_PAYMENT, .date = jd (date),
                  .amount = amount, .currency = "USD", .invoice_id = invoice_id };
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_post (f->ledger, &p, NULL, &error));
  g_assert_no_error (error);
}

static gint64
query_int (ArLedger *ledger, const char *sql)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static ArDunningPreview *
preview (Fixture *f, const char *as_of)
{
  g_autoptr(GError) error = NULL;
  ArDunningPreview *p = ar_dunning_preview_new (f->ledger, jd (as_of), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (p);
  return p;
}

/* The proposal for debtor @id, or NULL when the preview has none. */
static ArDunningProposal *
find (ArDunningPreview *p, const char *id)
{
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (p); i++)
    {
      ArDunningProposal *x = ar_dunning_preview_get_proposal (p, i);
      if (g_strcmp0 (x->external_id, id) == 0)
        return x;
    }
  return NULL;
}

static const ArDunningItem *
item (ArDunningPreview *p, const ArDunningProposal *x, guint i)
{
  g_assert_cmpuint (i, <, x->n_items);
  return ar_dunning_preview_get_item (p, x->first_item + i);
}

/* Gives every selected letter a stand-in PDF and commits. */
static ArDunningCommitResult
commit (Fixture *f, ArDunningPreview *p)
{
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4 stand-in", 17);
  g_autoptr(GError) error = NULL;
  ArDunningCommitResult r = { 0 };

  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (p); i++)
    {
      ArDunningProposal *x = ar_dunning_preview_get_proposal (p, i);
      if (x->selected && !x->hand_over)
        ar_dunning_proposal_set_document (x, pdf);
    }
  g_assert_true (ar_dunning_run_commit (f->ledger, p, &r, &error));
  g_assert_no_error (error);
  return r;
}

static void
run_day (Fixture *f, const char *as_of)
{
  g_autoptr(ArDunningPreview) p = preview (f, as_of);

  commit (f, p);
}

/* Levels --------------------------------------------------------------------------------- */

static void
test_levels_default (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) levels = ar_dunning_levels_load (f->ledger, &error);
  const guint days[] = { 7, 21, 35, 50, 65 };

  g_assert_no_error (error);
  g_assert_cmpuint (levels->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const ArDunningLevel *l = &g_array_index (levels, ArDunningLevel, i);

      g_assert_cmpuint (l->level, ==, i + 1);
      g_assert_cmpuint (l->days_past_due, ==, days[i]);
      g_assert_cmpuint (l->min_days_since_previous, >=, 7);
      g_assert_cmpint (l->fee_kind, ==, AR_DUNNING_FEE_NONE);
      g_assert_false (l->charges_interest);
      g_assert_cmpint (l->hand_over, ==, i == 4);
      g_assert_cmpuint (l->template_level, ==, i == 4 ? 0 : i + 1);
    }
  g_assert_true (ar_dunning_levels_validate ((ArDunningLevel *) (gpointer) levels->data, 5,
                                             &error));
  g_assert_no_error (error);
  {
    g_autofree char *name = ar_dunning_level_get_name (&g_array_index (levels, ArDunningLevel, 4));
    g_assert_cmpstr (name, ==, "Hand-over");
  }
}

static void
expect_invalid (Fixture *f, const ArDunningLevel *l, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = ar_dunning_levels_load (f->ledger, NULL);
  g_autoptr(GArray) after = NULL;

  g_assert_false (ar_dunning_level_store (f->ledger, l, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not name “%s”", error->message, fragment);
  after = ar_dunning_levels_load (f->ledger, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpmem (after->data, after->len * sizeof (ArDunningLevel),
                   before->data, before->len * sizeof (ArDunningLevel));
}

static void
test_levels_validation (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) levels = ar_dunning_levels_load (f->ledger, NULL);
  ArDunningLevel l = g_array_index (levels, ArDunningLevel, 1);   /* level 2 */
  ArDunningLevel bad;

  bad = l; bad.min_days_since_previous = 6;
  expect_invalid (f, &bad, "min_days_since_previous");
  bad = l; bad.days_past_due = 7;      /* not after level 1's 7 */
  expect_invalid (f, &bad, "days_past_due");
  bad = l; bad.deadline_days = 6;
  expect_invalid (f, &bad, "deadline_days");
  bad = g_array_index (levels, ArDunningLevel, 3); bad.deadline_days = 10;   /* final demand */
  expect_invalid (f, &bad, "final demand");
  bad = l; bad.hand_over = TRUE; bad.template_level = 0;
  expect_invalid (f, &bad, "hand_over");
  bad = l; bad.fee_kind = AR_DUNNING_FEE_FIXED; bad.fee_amount = 500; strcpy (bad.fee_currency, "XX");
  expect_invalid (f, &bad, "fee_currency");
  bad = l; bad.fee_kind = AR_DUNNING_FEE_PERCENT; bad.fee_rate_bp = 0;
  expect_invalid (f, &bad, "fee_rate");
  bad = l; bad.level = 7;
  expect_invalid (f, &bad, "next one");
  bad = g_array_index (levels, ArDunningLevel, 4); bad.charges_interest = TRUE;
  expect_invalid (f, &bad, "hand-over");

  /* A valid change is stored. */
  l.fee_kind = AR_DUNNING_FEE_PERCENT;
  l.fee_rate_bp = 250;
  l.days_past_due = 28;
  g_assert_true (ar_dunning_level_store (f->ledger, &l, &error));
  g_assert_no_error (error);
  g_clear_pointer (&levels, g_array_unref);
  levels = ar_dunning_levels_load (f->ledger, NULL);
  g_assert_cmpuint (g_array_index (levels, ArDunningLevel, 1).days_past_due, ==, 28);
  g_assert_cmpint (g_array_index (levels, ArDunningLevel, 1).fee_rate_bp, ==, 250);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM audit"
                                         " WHERE table_name = 'dunning_levels'"), ==, 1);

  /* Only the last level can go; then level 4 is the last letter and keeps its 14 days. */
  g_assert_false (ar_dunning_level_remove (f->ledger, 3, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ar_dunning_level_remove (f->ledger, 5, &error));
  g_assert_no_error (error);
  g_clear_pointer (&levels, g_array_unref);
  levels = ar_dunning_levels_load (f->ledger, NULL);
  g_assert_cmpuint (levels->len, ==, 4);
}

/* Level derivation --------------------------------------------------------------------------- */

static void
test_derivation (Fixture *f, gconstpointer data)
{
  gint64 d = add_debtor (f, "D1", AR_STATUS_ACTIVE, FALSE);
  gint64 inv = invoice (f, d, "INV-1", "2026-01-01", 100000, "USD");
  g_autoptr(ArDunningPreview) p = NULL;
  ArDunningProposal *x;

  /* 6 days: not due a letter, not in the preview at all. */
  p = preview (f, "2026-01-07");
  g_assert_null (find (p, "D1"));
  g_clear_pointer (&p, ar_dunning_preview_free);

  /* 7 days: the friendly reminder. */
  p = preview (f, "2026-01-08");
  x = find (p, "D1");
  g_assert_nonnull (x);
  g_assert_cmpint (x->outcome, ==, AR_DUNNING_PROPOSED);
  g_assert_cmpuint (x->level, ==, 1);
  g_assert_cmpuint (x->deadline, ==, jd ("2026-01-22"));
  g_assert_cmpint (x->overdue, ==, 100000);
  g_assert_cmpuint (item (p, x, 0)->current_level, ==, 0);
  g_assert_cmpuint (item (p, x, 0)->next_level, ==, 1);
  commit (f, p);
  g_clear_pointer (&p, ar_dunning_preview_free);

  /* 19 days: level 2 needs 21. */
  p = preview (f, "2026-01-20");
  x = find (p, "D1");
  g_assert_cmpint (x->outcome, ==, AR_DUNNING_EXCLUDED_AT_LEVEL);
  g_assert_cmpuint (item (p, x, 0)->current_level, ==, 1);
  g_clear_pointer (&p, ar_dunning_preview_free);

  /* A partial payment neither skips nor repeats: level 2 at 21 days, on what is left. */
  pay (f, d, "2026-01-21", 40000, inv);
  p = preview (f, "2026-01-22");
  x = find (p, "D1");
  g_assert_cmpint (x->outcome, ==, AR_DUNNING_PROPOSED);
  g_assert_cmpuint (x->level, ==, 2);
  g_assert_cmpint (x->overdue, ==, 60000);
  g_assert_cmpuint (item (p, x, 0)->current_level, ==, 1);
  g_assert_cmpuint (item (p, x, 0)->current_since, ==, jd ("2026-01-08"));
  commit (f, p);
  g_clear_pointer (&p, ar_dunning_preview_free);

  /* Long after, one level at a time: 3 at 90 days, never straight to the hand-over. */
  p = preview (f, "2026-04-01");
  x = find (p, "D1");
  g_assert_cmpuint (x->level, ==, 3);
  g_assert_false (x->hand_over);
  g_clear_pointer (&p, ar_dunning_preview_free);

  /* Paid in full: gone. */
  pay (f, d, "2026-02-01", 60000, inv);
  p = preview (f, "2026-04-01");
  g_assert_null (find (p, "D1"));
}

/* A new invoice starts at level 0 while the older one goes on; one letter lists both. */
static void
test_items_levels_per_item (Fixture *f, gconstpointer data)
{
  gint64 d = add_debtor (f, "D1", AR_STATUS_ACTIVE, FALSE);
  g_autoptr(ArDunningPreview) p = NULL;
  ArDunningProposal *x;

  invoice (f, d, "INV-1", "2026-01-01", 100000, "USD");
  run_day (f, "2026-01-08");
  invoice (f, d, "INV-2", "2026-01-10", 5000, "USD");
  p = preview (f, "2026-01-22");
  x = find (p, "D1");
  g_assert_cmpint (x->outcome, ==, AR_DUNNING_PROPOSED);
  g_assert_cmpuint (x->level, ==, 2);
  g_assert_cmpuint (x->n_items, ==, 2);
  g_assert_cmpstr (item (p, x, 0)->invoice_number, ==, "INV-1");
  g_assert_cmpuint (item (p, x, 0)->next_level, ==, 2);
  g_assert_cmpstr (item (p, x, 1)->invoice_number, ==, "INV-2");
  g_assert_cmpuint (item (p, x, 1)->next_level, ==, 1);
  g_assert_cmpint (x->overdue, ==, 105000);
  commit (f, p);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM dunning_items"), ==, 3);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM dunning_letters"), ==, 2);
}

/* Exclusions --------------------------------------------------------------------------------- */

static void
expect_outcome (ArDunningPreview *p, const char *id, ArDunningOutcome outcome,
                const char *fragment)
{
  ArDunningProposal *x = find (p, id);

  if (x == NULL)
    g_error ("%s is not in the preview", id);
  if (x->outcome != outcome)
    g_error ("%s: %s (%s), expected %s", id, ar_dunning_outcome_to_string (x->outcome),
             x->detail, ar_dunning_outcome_to_string (outcome));
  g_assert_false (x->selected);
  if (fragment != NULL && (x->detail == NULL || strstr (x->detail, fragment) == NULL))
    g_error ("%s: “%s” does not say “%s”", id, x->detail, fragment);
}

static void
test_exclusions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArDunningPreview) p = NULL;
  gint64 quiet = add_debtor (f, "QUIET", AR_STATUS_ACTIVE, TRUE);
  gint64 bankrupt = add_debtor (f, "BANKRUPT", AR_STATUS_BANKRUPT, FALSE);
  gint64 deceased = add_debtor (f, "DECEASED", AR_STATUS_DECEASED, FALSE);
  gint64 agency = add_debtor (f, "AGENCY", AR_STATUS_AGENCY, FALSE);
  gint64 legal = add_debtor (f, "LEGAL", AR_STATUS_LEGAL, FALSE);
  gint64 disputed = add_debtor (f, "DISPUTE", AR_STATUS_ACTIVE, FALSE);
  gint64 snoozed = add_debtor (f, "SNOOZE", AR_STATUS_ACTIVE, FALSE);
  gint64 held = add_debtor (f, "ITEMHOLD", AR_STATUS_ACTIVE, FALSE);
  gint64 partly = add_debtor (f, "PARTHOLD", AR_STATUS_ACTIVE, FALSE);
  gint64 small = add_debtor (f, "SMALL", AR_STATUS_ACTIVE, FALSE);
  gint64 credit = add_debtor (f, "CREDIT", AR_STATUS_ACTIVE, FALSE);
  gint64 ok = add_debtor (f, "OK", AR_STATUS_PROMISE, FALSE);
  gint64 held_inv, partly_inv;
  ArHoldInfo hold = { 0 };
  ArDunningProposal *x;

  invoice (f, quiet, "Q-1", "2026-01-01", 10000, "USD");
  invoice (f, bankrupt, "B-1", "2026-01-01", 10000, "USD");
  invoice (f, deceased, "X-1", "2026-01-01", 10000, "USD");
  invoice (f, agency, "A-1", "2026-01-01", 10000, "USD");
  invoice (f, legal, "L-1", "2026-01-01", 10000, "USD");
  invoice (f, disputed, "D-1", "2026-01-01", 10000, "USD");
  invoice (f, snoozed, "S-1", "2026-01-01", 10000, "USD");
  held_inv = invoice (f, held, "H-1", "2026-01-01", 10000, "USD");
  partly_inv = invoice (f, partly, "P-1", "2026-01-01", 10000, "USD");
  invoice (f, partly, "P-2", "2026-01-02", 7000, "USD");
  invoice (f, small, "M-1", "2026-01-01", 999, "USD");
  invoice (f, credit, "C-1", "2026-01-01", 10000, "USD");
  invoice (f, ok, "O-1", "2026-01-01", 10000, "USD");
  g_assert_true (ar_dunning_set_minimum (f->ledger, "USD", 1000, &error));

  hold = (ArHoldInfo) { disputed, 0, AR_HOLD_DISPUTE, "says it was never delivered",
                        jd ("2026-01-05"), 0 };
  g_assert_true (ar_hold_place (f->ledger, &hold, NULL, &error));
  hold = (ArHoldInfo) { snoozed, 0, AR_HOLD_SNOOZE, "on holiday", jd ("2026-01-05"),
                        jd ("2026-01-31") };
  g_assert_true (ar_hold_place (f->ledger, &hold, NULL, &error));
  hold = (ArHoldInfo) { held, held_inv, AR_HOLD_DISPUTE, "wrong amount", jd ("2026-01-05"), 0 };
  g_assert_true (ar_hold_place (f->ledger, &hold, NULL, &error));
  hold = (ArHoldInfo) { partly, partly_inv, AR_HOLD_SNOOZE, "query", jd ("2026-01-05"),
                        jd ("2026-02-28") };
  g_assert_true (ar_hold_place (f->ledger, &hold, NULL, &error));
  g_assert_no_error (error);
  /* Credit on account can't sit beside open items in a real allocation; a derived table
   * tampered with stands in for the case where it does. */
  g_assert_true (_ar_ledger_exec (f->ledger, "UPDATE balances SET unapplied = 20000"
                                             " WHERE debtor_id = (SELECT id FROM debtors"
                                             " WHERE external_id = 'CREDIT')", &error));

  p = preview (f, "2026-01-20");
  expect_outcome (p, "QUIET", AR_DUNNING_EXCLUDED_CEASE_CONTACT, NULL);
  expect_outcome (p, "BANKRUPT", AR_DUNNING_EXCLUDED_STATUS, "bankrupt");
  expect_outcome (p, "DECEASED", AR_DUNNING_EXCLUDED_STATUS, "deceased");
  expect_outcome (p, "AGENCY", AR_DUNNING_EXCLUDED_STATUS, "agency");
  expect_outcome (p, "LEGAL", AR_DUNNING_EXCLUDED_STATUS, "legal");
  expect_outcome (p, "DISPUTE", AR_DUNNING_EXCLUDED_DISPUTE, "never delivered");
  expect_outcome (p, "SNOOZE", AR_DUNNING_EXCLUDED_SNOOZE, "until 2026-01-31: on holiday");
  expect_outcome (p, "ITEMHOLD", AR_DUNNING_EXCLUDED_ITEMS_ON_HOLD, NULL);
  expect_outcome (p, "SMALL", AR_DUNNING_EXCLUDED_BELOW_MINIMUM, "9.99");
  expect_outcome (p, "CREDIT", AR_DUNNING_EXCLUDED_CREDIT_COVERS, "200.00");

  /* One invoice held, the other dunned: the held one is not listed and does not move. */
  x = find (p, "PARTHOLD");
  g_assert_cmpint (x->outcome, ==, AR_DUNNING_PROPOSED);
  g_assert_cmpint (x->overdue, ==, 7000);
  g_assert_true (item (p, x, 0)->on_hold);
  g_assert_cmpuint (item (p, x, 0)->next_level, ==, 0);
  g_assert_cmpuint (item (p, x, 1)->next_level, ==, 1);

  /* A status of "promise" is no exclusion on its own: the arrangements decide. */
  x = find (p, "OK");
  g_assert_cmpint (x->outcome, ==, AR_DUNNING_PROPOSED);
  g_assert_true (x->selected);
  g_assert_cmpuint (ar_dunning_preview_get_n_proposed (p), ==, 2);   /* PARTHOLD and OK */
  g_assert_cmpuint (ar_dunning_preview_get_n_proposals (p), ==, 12);
  commit (f, p);
  g_clear_pointer (&p, ar_dunning_preview_free);

  /* The snooze has ended; the dispute stays until released; OK moves on after 12 days. */
  p = preview (f, "2026-02-01");
  x = find (p, "SNOOZE");
  g_assert_cmpint (x->outcome, ==, AR_DUNNING_PROPOSED);
  g_assert_cmpuint (x->level, ==, 1);
  expect_outcome (p, "DISPUTE", AR_DUNNING_EXCLUDED_DISPUTE, NULL);
  g_assert_cmpuint (find (p, "OK")->level, ==, 2);
  g_clear_pointer (&p, ar_dunning_preview_free);

  /* 21 days for level 2 came on 01-22, but OK's level 1 was only on 01-20. */
  {
    g_autoptr(GArray) levels = ar_dunning_levels_load (f->ledger, NULL);
    ArDunningLevel l2 = g_array_index (levels, ArDunningLevel, 1);

    l2.min_days_since_previous = 14;
    g_assert_true (ar_dunning_level_store (f->ledger, &l2, &error));
    g_assert_no_error (error);
  }
  p = preview (f, "2026-01-30");
  expect_outcome (p, "OK", AR_DUNNING_EXCLUDED_TOO_SOON, "previous level");
}

/* A new invoice due its first letter days after another letter waits for a week. */
static void
test_pacing (Fixture *f, gconstpointer data)
{
  gint64 d = add_debtor (f, "D1", AR_STATUS_ACTIVE, FALSE);
  g_autoptr(ArDunningPreview) p = NULL;

  invoice (f, d, "INV-1", "2026-01-01", 10000, "USD");
  run_day (f, "2026-01-08");
  invoice (f, d, "INV-2", "2026-01-04", 10000, "USD");
  p = preview (f, "2026-01-11");
  expect_outcome (p, "D1", AR_DUNNING_EXCLUDED_TOO_SOON, "2026-01-08");
  g_clear_pointer (&p, ar_dunning_preview_free);
  p = preview (f, "2026-01-15");
  g_assert_cmpint (find (p, "D1")->outcome, ==, AR_DUNNING_PROPOSED);
}

/* Fees --------------------------------------------------------------------------------------- */

static void
test_fees (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) levels = ar_dunning_levels_load (f->ledger, NULL);
  ArDunningLevel l1 = g_array_index (levels, ArDunningLevel, 0);
  ArDunningLevel l2 = g_array_index (levels, ArDunningLevel, 1);
  gint64 d = add_debtor (f, "D1", AR_STATUS_ACTIVE, FALSE);
  gint64 e = add_debtor (f, "E1", AR_STATUS_ACTIVE, FALSE);
  gint64 inv1, inv2;
  g_autoptr(ArDunningPreview) p = NULL;
  g_autoptr(ArDebtorLedger) account = NULL;
  ArDunningCommitResult r;
  ArDunningProposal *x;
  gint64 fee_id;

  l1.fee_kind = AR_DUNNING_FEE_FIXED;
  l1.fee_amount = 500;
  strcpy (l1.fee_currency, "USD");
  g_assert_true (ar_dunning_level_store (f->ledger, &l1, &error));
  l2.fee_kind = AR_DUNNING_FEE_PERCENT;
  l2.fee_rate_bp = 125;   /* 1.25 % */
  g_assert_true (ar_dunning_level_store (f->ledger, &l2, &error));
  g_assert_no_error (error);

  inv1 = invoice (f, d, "INV-1", "2026-01-01", 100000, "USD");
  inv2 = invoice (f, d, "INV-2", "2026-01-01", 33333, "USD");
  invoice (f, e, "EUR-1", "2026-01-01", 100000, "EUR");

  /* Fixed: 5.00 once per letter (the cost of one letter, however many invoices it lists), on
   * its first item, and only in the fee's currency. */
  p = preview (f, "2026-01-08");
  x = find (p, "D1");
  g_assert_cmpint (x->fees, ==, 500);
  g_assert_cmpint (item (p, x, 0)->fee, ==, 500);
  g_assert_cmpint (item (p, x, 1)->fee, ==, 0);
  g_assert_cmpint (x->total_due, ==, 133333 + 500);
  g_assert_cmpint (find (p, "E1")->fees, ==, 0);
  r = commit (f, p);
  g_assert_cmpuint (r.n_letters, ==, 2);
  g_assert_cmpuint (r.n_fees, ==, 1);
  g_clear_pointer (&p, ar_dunning_preview_free);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM entries WHERE kind = 'fee'"
                                         " AND amount = 500 AND reference = 'DUN-L1'"
                                         " AND invoice_id IS NOT NULL"), ==, 1);

  /* Percentage: 1.25 % of each item's own open amount, half away from zero:
   * 100000 → 1250, 33333 → 416.66 → 417. */
  p = preview (f, "2026-01-22");
  x = find (p, "D1");
  g_assert_cmpint (item (p, x, 0)->fee, ==, 1250);
  g_assert_cmpint (item (p, x, 1)->fee, ==, 417);
  g_assert_cmpint (x->overdue, ==, 133333);
  commit (f, p);
  g_clear_pointer (&p, ar_dunning_preview_free);

  /* The fee names its invoice and level, and is in the invoice's open amount. */
  fee_id = query_int (f->ledger, "SELECT fee_entry_id FROM dunning_items WHERE level = 2"
                                 " AND entry_id = (SELECT id FROM entries WHERE kind = 'invoice'"
                                 " AND reference = 'INV-1')");
  g_assert_cmpint (query_int (f->ledger, "SELECT amount FROM entries WHERE kind = 'fee'"
                                         " AND reference = 'DUN-L2' ORDER BY amount DESC"),
                   ==, 1250);
  {
    gint64 open = 0;
    g_assert_true (ar_ledger_get_invoice_open (f->ledger, inv1, &open, &error));
    g_assert_cmpint (open, ==, 100000 + 500 + 1250);
    g_assert_true (ar_ledger_get_invoice_open (f->ledger, inv2, &open, &error));
    g_assert_cmpint (open, ==, 33333 + 417);
  }

  /* Waiving is a reversal with the reason; an invoice can't be waived. */
  {
    gint64 reversal = 0, open = 0;
    gint64 invoice_entry = query_int (f->ledger, "SELECT id FROM entries WHERE kind = 'invoice'"
                                                 " AND reference = 'INV-1'");

    g_assert_false (ar_dunning_waive_charge (f->ledger, invoice_entry, jd ("2026-01-23"),
                                             "goodwill", NULL, &error));
    g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (ar_dunning_waive_charge (f->ledger, fee_id, jd ("2026-01-23"), " ", NULL,
                                             &error));
    g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (ar_dunning_waive_charge (f->ledger, fee_id, jd ("2026-01-23"), "goodwill",
                                            &reversal, &error));
    g_assert_no_error (error);
    g_assert_true (ar_ledger_get_invoice_open (f->ledger, inv1, &open, &error));
    g_assert_cmpint (open, ==, 100000 + 500);
    account = ar_debtor_ledger_load (f->ledger, d, &error);
    g_assert_cmpstr (ar_debtor_ledger_find_entry (account, reversal)->memo, ==, "goodwill");
  }
}

/* The total a proposal records (dunning_letters.total_due, the contact log's line) is the total
 * its letter prints: the fees and interest earlier letters charged and still open count, except
 * those on an invoice on hold, which the letter leaves out with its invoice. */
static void
test_total_includes_open_charges (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) levels = ar_dunning_levels_load (f->ledger, NULL);
  ArDunningLevel l1 = g_array_index (levels, ArDunningLevel, 0);
  gint64 d = add_debtor (f, "D1", AR_STATUS_ACTIVE, FALSE);
  gint64 held;
  g_autoptr(ArDunningPreview) p = NULL;
  g_autoptr(ArLetterData) letter = NULL;
  ArHoldInfo hold = { 0 };
  ArDunningProposal *x;

  l1.fee_kind = AR_DUNNING_FEE_FIXED;
  l1.fee_amount = 500;
  strcpy (l1.fee_currency, "USD");
  g_assert_true (ar_dunning_level_store (f->ledger, &l1, &error));
  g_assert_no_error (error);

  invoice (f, d, "INV-1", "2026-01-01", 100000, "USD");
  held = invoice (f, d, "INV-2", "2026-01-01", 20000, "USD");
  run_day (f, "2026-01-08");   /* level 1: 5.00 on each invoice */

  hold.debtor_id = d;
  hold.invoice_id = held;
  hold.kind = AR_HOLD_DISPUTE;
  hold.reason = "wrong delivery";
  hold.start = jd ("2026-01-09");
  g_assert_true (ar_hold_place (f->ledger, &hold, NULL, &error));
  g_assert_no_error (error);

  p = preview (f, "2026-01-22");
  x = find (p, "D1");
  g_assert_nonnull (x);
  g_assert_cmpint (x->outcome, ==, AR_DUNNING_PROPOSED);
  g_assert_cmpint (x->overdue, ==, 100000);
  g_assert_cmpint (x->charged, ==, 500);
  g_assert_cmpint (x->total_due, ==, 100000 + 500 + x->fees + x->interest);

  /* What the letter prints: its lines as of the run's date, less the invoice on hold. */
  letter = ar_letter_data_build (f->ledger, d, "USD", jd ("2026-01-22"), x->deadline_days, 0,
                                 &error);
  g_assert_no_error (error);
  ar_letter_data_leave_out (letter, held);
  g_assert_cmpint (letter->total_due + x->fees + x->interest, ==, x->total_due);
}

/* Commit ------------------------------------------------------------------------------------- */

static void
test_commit_records_letter (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 d = add_debtor (f, "D1", AR_STATUS_ACTIVE, FALSE);
  g_autoptr(ArDunningPreview) p = NULL;
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4 the letter", 19);
  g_autoptr(GBytes) kept = NULL;
  ArDunningCommitResult r = { 0 };
  ArDunningProposal *x;
  gint64 activity;

  invoice (f, d, "INV-1", "2026-01-01", 10000, "USD");
  p = preview (f, "2026-01-08");
  x = find (p, "D1");
  /* No letter, no commit. */
  g_assert_false (ar_dunning_run_commit (f->ledger, p, &r, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM dunning_letters"), ==, 0);

  ar_dunning_proposal_set_document (x, pdf);
  g_assert_true (ar_dunning_run_commit (f->ledger, p, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_letters, ==, 1);
  g_assert_cmpuint (r.n_items, ==, 1);

  activity = query_int (f->ledger, "SELECT activity_id FROM dunning_letters");
  kept = ar_ledger_get_activity_document (f->ledger, activity, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (kept, pdf));
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM activities WHERE kind = 'letter'"
                                         " AND direction = 'out' AND next_action_date ="
                                         " '2026-01-23' AND length (document_sha256) = 64"), ==, 1);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM audit WHERE action = 'dunning-run'"
                                         " AND table_name = 'dunning_letters'"), ==, 1);
}

static void
test_idempotent (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) levels = ar_dunning_levels_load (f->ledger, NULL);
  ArDunningLevel l1 = g_array_index (levels, ArDunningLevel, 0);
  gint64 d = add_debtor (f, "D1", AR_STATUS_ACTIVE, FALSE);
  g_autoptr(ArDunningPreview) p = NULL;
  g_autoptr(ArDunningPreview) again = NULL;
  ArDunningCommitResult r;

  l1.fee_kind = AR_DUNNING_FEE_FIXED;
  l1.fee_amount = 500;
  strcpy (l1.fee_currency, "USD");
  g_assert_true (ar_dunning_level_store (f->ledger, &l1, &error));
  invoice (f, d, "INV-1", "2026-01-01", 10000, "USD");

  p = preview (f, "2026-01-08");
  r = commit (f, p);
  g_assert_cmpuint (r.n_letters, ==, 1);
  /* The same preview committed again: skipped, nothing posted or sent twice. */
  r = commit (f, p);
  g_assert_cmpuint (r.n_letters, ==, 0);
  g_assert_cmpuint (r.n_fees, ==, 0);
  g_assert_cmpuint (r.n_skipped, ==, 1);
  /* A new run on the same day proposes nothing. */
  again = preview (f, "2026-01-08");
  g_assert_cmpint (find (again, "D1")->outcome, !=, AR_DUNNING_PROPOSED);
  r = commit (f, again);
  g_assert_cmpuint (r.n_letters, ==, 0);

  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM dunning_letters"), ==, 1);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM activities"), ==, 1);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM entries WHERE kind = 'fee'"), ==, 1);
}

static void
test_partial_selection (Fixture *f, gconstpointer data)
{
  gint64 a = add_debtor (f, "A", AR_STATUS_ACTIVE, FALSE);
  gint64 b = add_debtor (f, "B", AR_STATUS_ACTIVE, FALSE);
  g_autoptr(ArDunningPreview) p = NULL;
  ArDunningCommitResult r;

  invoice (f, a, "A-1", "2026-01-01", 10000, "USD");
  invoice (f, b, "B-1", "2026-01-01", 10000, "USD");
  p = preview (f, "2026-01-08");
  g_assert_true (ar_dunning_preview_deselect (p, "B"));
  g_assert_false (ar_dunning_preview_deselect (p, "NOBODY"));
  r = commit (f, p);
  g_assert_cmpuint (r.n_letters, ==, 1);
  g_clear_pointer (&p, ar_dunning_preview_free);

  p = preview (f, "2026-01-09");
  g_assert_cmpint (find (p, "A")->outcome, ==, AR_DUNNING_EXCLUDED_AT_LEVEL);
  g_assert_cmpint (find (p, "B")->outcome, ==, AR_DUNNING_PROPOSED);
  g_assert_cmpuint (find (p, "B")->level, ==, 1);
}

/* A failure in the middle of a commit leaves the ledger as it was. */
static void
test_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) levels = ar_dunning_levels_load (f->ledger, NULL);
  ArDunningLevel l1 = g_array_index (levels, ArDunningLevel, 0);
  gint64 a = add_debtor (f, "A", AR_STATUS_ACTIVE, FALSE);
  gint64 b = add_debtor (f, "B", AR_STATUS_ACTIVE, FALSE);
  g_autoptr(ArDunningPreview) p = NULL;
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF", 4);
  ArDunningCommitResult r = { 0 };
  gint64 entries, audit;

  l1.fee_kind = AR_DUNNING_FEE_FIXED;
  l1.fee_amount = 500;
  strcpy (l1.fee_currency, "USD");
  g_assert_true (ar_dunning_level_store (f->ledger, &l1, &error));
  invoice (f, a, "A-1", "2026-01-01", 10000, "USD");
  invoice (f, b, "B-1", "2026-01-01", 10000, "USD");
  entries = query_int (f->ledger, "SELECT count (*) FROM entries");
  audit = query_int (f->ledger, "SELECT count (*) FROM audit");

  /* B's item can't be recorded: A's letter, fee and level are already written by then. */
  g_assert_true (_ar_ledger_exec (f->ledger,
    "CREATE TEMP TRIGGER fail_b BEFORE INSERT ON dunning_items"
    " WHEN NEW.entry_id = (SELECT id FROM entries WHERE reference = 'B-1' AND kind = 'invoice')"
    " BEGIN SELECT RAISE (ABORT, 'disk on fire'); END", &error));
  p = preview (f, "2026-01-08");
  ar_dunning_proposal_set_document (find (p, "A"), pdf);
  ar_dunning_proposal_set_document (find (p, "B"), pdf);
  g_assert_false (ar_dunning_run_commit (f->ledger, p, &r, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "B: "));
  g_clear_error (&error);

  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM entries"), ==, entries);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM audit"), ==, audit);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM activities"), ==, 0);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM dunning_letters"), ==, 0);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM dunning_items"), ==, 0);

  /* Without the fault the same preview commits. */
  g_assert_true (_ar_ledger_exec (f->ledger, "DROP TRIGGER temp.fail_b", &error));
  g_assert_true (ar_dunning_run_commit (f->ledger, p, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_letters, ==, 2);
}

static void
test_hand_over (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 d = add_debtor (f, "D1", AR_STATUS_ACTIVE, FALSE);
  g_autoptr(ArDunningPreview) p = NULL;
  g_autoptr(ArDebtorLedger) account = NULL;
  ArDunningCommitResult r;
  ArDunningProposal *x;

  invoice (f, d, "INV-1", "2026-01-01", 10000, "USD");
  run_day (f, "2026-01-08");
  run_day (f, "2026-01-22");
  run_day (f, "2026-02-05");
  run_day (f, "2026-02-20");
  invoice (f, d, "INV-9", "2026-02-25", 500, "USD");
  p = preview (f, "2026-03-08");
  x = find (p, "D1");
  g_assert_cmpint (x->outcome, ==, AR_DUNNING_PROPOSED);
  g_assert_cmpuint (x->level, ==, 5);
  g_assert_true (x->hand_over);
  g_assert_cmpuint (x->deadline, ==, 0);
  /* The newer invoice is listed but gets no level without a letter. */
  g_assert_cmpuint (x->n_items, ==, 2);
  g_assert_cmpuint (item (p, x, 0)->next_level, ==, 5);
  g_assert_cmpuint (item (p, x, 1)->next_level, ==, 0);
  /* No letter needed. */
  g_assert_true (ar_dunning_run_commit (f->ledger, p, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_hand_overs, ==, 1);
  g_assert_cmpuint (r.n_letters, ==, 0);
  account = ar_debtor_ledger_load (f->ledger, d, &error);
  g_assert_cmpint (account->debtor.status, ==, AR_STATUS_AGENCY);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM activities"), ==, 4);
  g_clear_pointer (&p, ar_dunning_preview_free);
  p = preview (f, "2026-04-08");
  expect_outcome (p, "D1", AR_DUNNING_EXCLUDED_STATUS, "agency");
}

/* Holds -------------------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *seen;
} Seen;

static gboolean
collect (const ArHold *h, gpointer user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%s %s %s %s %u", h->external_id,
                                               h->invoice_number ? h->invoice_number : "-",
                                               ar_hold_kind_to_string (h->kind), h->reason,
                                               h->released != 0));
  return TRUE;
}

static void
test_holds (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 d = add_debtor (f, "D1", AR_STATUS_ACTIVE, FALSE);
  gint64 other = add_debtor (f, "D2", AR_STATUS_ACTIVE, FALSE);
  gint64 inv = invoice (f, d, "INV-1", "2026-01-01", 10000, "USD");
  gint64 foreign = invoice (f, other, "INV-2", "2026-01-01", 10000, "USD");
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  ArHoldInfo info = { d, 0, AR_HOLD_SNOOZE, "call back", jd ("2026-01-05"), 0 };
  gint64 snooze, dispute;

  /* A snooze needs its end; a hold needs a reason; the invoice must be the debtor's. */
  g_assert_false (ar_hold_place (f->ledger, &info, NULL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  info.until = jd ("2026-01-04");
  g_assert_false (ar_hold_place (f->ledger, &info, NULL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  info = (ArHoldInfo) { d, foreign, AR_HOLD_DISPUTE, "x", jd ("2026-01-05"), 0 };
  g_assert_false (ar_hold_place (f->ledger, &info, NULL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  info = (ArHoldInfo) { d, inv, AR_HOLD_DISPUTE, "", jd ("2026-01-05"), 0 };
  g_assert_false (ar_hold_place (f->ledger, &info, NULL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);

  info = (ArHoldInfo) { d, 0, AR_HOLD_SNOOZE, "call back", jd ("2026-01-05"), jd ("2026-01-12") };
  g_assert_true (ar_hold_place (f->ledger, &info, &snooze, &error));
  info = (ArHoldInfo) { d, inv, AR_HOLD_DISPUTE, "wrong price", jd ("2026-01-06"), 0 };
  g_assert_true (ar_hold_place (f->ledger, &info, &dispute, &error));
  g_assert_no_error (error);

  g_assert_true (ar_hold_list_for_debtor (f->ledger, d, collect, seen, &error));
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "D1 INV-1 dispute wrong price 0");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "D1 - snooze call back 0");

  g_ptr_array_set_size (seen, 0);
  g_assert_true (ar_holds_ending (f->ledger, jd ("2026-01-10"), jd ("2026-01-12"), collect, seen,
                                  &error));
  g_assert_cmpuint (seen->len, ==, 1);
  g_ptr_array_set_size (seen, 0);
  g_assert_true (ar_holds_ending (f->ledger, jd ("2026-01-13"), jd ("2026-02-12"), collect, seen,
                                  &error));
  g_assert_cmpuint (seen->len, ==, 0);

  /* Released: recorded with the date, never deleted; a second release is an error. */
  g_assert_true (ar_hold_release (f->ledger, dispute, jd ("2026-01-09"), "credit note sent",
                                  &error));
  g_assert_no_error (error);
  g_assert_false (ar_hold_release (f->ledger, dispute, jd ("2026-01-10"), "", &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_ptr_array_set_size (seen, 0);
  g_assert_true (ar_holds_in_force (f->ledger, jd ("2026-01-08"), collect, seen, &error));
  g_assert_cmpuint (seen->len, ==, 2);
  g_ptr_array_set_size (seen, 0);
  g_assert_true (ar_holds_in_force (f->ledger, jd ("2026-01-09"), collect, seen, &error));
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_false (_ar_ledger_exec (f->ledger, "DELETE FROM dunning_holds", &error));
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM audit"
                                         " WHERE table_name = 'dunning_holds'"), ==, 3);
  (void) snooze;
}

static void
test_interest_regime (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *regime = NULL;
  g_autoptr(GArray) levels = ar_dunning_levels_load (f->ledger, NULL);
  ArDunningLevel l1 = g_array_index (levels, ArDunningLevel, 0);
  gint64 d = add_debtor (f, "D1", AR_STATUS_ACTIVE, FALSE);
  g_autoptr(ArDunningPreview) p = NULL;
  gint64 apr = -1;

  g_assert_true (ar_dunning_get_interest_regime (f->ledger, d, &regime, &apr, &error));
  g_assert_cmpstr (regime, ==, "none");
  g_clear_pointer (&regime, g_free);
  g_assert_false (ar_dunning_set_interest_regime (f->ledger, 0, "simple", 0, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ar_dunning_set_interest_regime (f->ledger, 0, "usury", 0, &error));
  g_clear_error (&error);
  g_assert_true (ar_dunning_set_interest_regime (f->ledger, d, "simple", 800, &error));
  g_assert_true (ar_dunning_get_interest_regime (f->ledger, d, &regime, &apr, &error));
  g_assert_cmpstr (regime, ==, "simple");
  g_assert_cmpint (apr, ==, 800);
  g_clear_pointer (&regime, g_free);
  g_assert_true (ar_dunning_get_interest_regime (f->ledger, 0, &regime, &apr, &error));
  g_assert_cmpstr (regime, ==, "none");
  g_clear_pointer (&regime, g_free);
  /* The override alone: the debtor's, then none once it is removed. */
  g_assert_true (ar_dunning_get_interest_override (f->ledger, d, &regime, &apr, &error));
  g_assert_cmpstr (regime, ==, "simple");
  g_assert_cmpint (apr, ==, 800);
  g_clear_pointer (&regime, g_free);
  g_assert_true (ar_dunning_set_interest_regime (f->ledger, d, NULL, 0, &error));
  g_assert_true (ar_dunning_get_interest_override (f->ledger, d, &regime, &apr, &error));
  g_assert_no_error (error);
  g_assert_null (regime);
  g_assert_cmpint (apr, ==, 0);
  g_assert_true (ar_dunning_set_interest_regime (f->ledger, d, "simple", 800, &error));

  /* A level that charges interest with "none": nothing is charged. */
  l1.charges_interest = TRUE;
  g_assert_true (ar_dunning_level_store (f->ledger, &l1, &error));
  g_assert_no_error (error);
  g_assert_true (ar_dunning_set_interest_regime (f->ledger, d, NULL, 0, &error));
  invoice (f, d, "INV-1", "2026-01-01", 10000, "USD");
  p = preview (f, "2026-01-08");
  g_assert_cmpint (find (p, "D1")->interest, ==, 0);
  g_clear_pointer (&p, ar_dunning_preview_free);

}

static gint64
add_business (Fixture *f, const char *id, ArDebtorKind kind)
{
  ArDebtorInfo info = { .external_id = id, .name = id, .kind = kind,
                        .status = AR_STATUS_ACTIVE };
  g_autoptr(GError) error = NULL;
  gint64 out;

  g_assert_true (ar_ledger_add_debtor (f->ledger, &info, &out, &error));
  g_assert_no_error (error);
  return out;
}

/* The issue's UK example through a run: £10,000 due 1 March 2024, Bank Rate 5.25 % on
 * 31 December 2023, so 13.25 %; 30 days late → £108.90 interest and £100 compensation. A
 * second level a week later charges only the interest accrued since (37 days: 1,000,000 ×
 * 1325 × 37 / 3,650,000 = 13,431.5 → £134.32, less £108.90 = £25.42) and no second
 * compensation. */
static void
test_interest_uk (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) levels = ar_dunning_levels_load (f->ledger, NULL);
  ArDunningLevel l1 = g_array_index (levels, ArDunningLevel, 0);
  ArDunningLevel l2 = g_array_index (levels, ArDunningLevel, 1);
  gint64 firm = add_business (f, "FIRM", AR_DEBTOR_BUSINESS);
  gint64 person = add_business (f, "PERSON", AR_DEBTOR_CONSUMER);
  g_autoptr(ArDunningPreview) p = NULL;
  ArDunningProposal *x;
  ArDunningCommitResult r;

  l1.days_past_due = 30;
  l1.charges_interest = TRUE;
  l2.days_past_due = 34;
  l2.charges_interest = TRUE;
  g_assert_true (ar_dunning_level_store (f->ledger, &l2, &error));
  g_assert_true (ar_dunning_level_store (f->ledger, &l1, &error));
  g_assert_true (ar_dunning_set_interest_regime (f->ledger, 0, "uk-b2b", 0, &error));
  g_assert_no_error (error);
  invoice (f, firm, "UK-1", "2024-03-01", 1000000, "GBP");
  invoice (f, person, "UK-2", "2024-03-01", 1000000, "GBP");

  p = preview (f, "2024-03-31");
  x = find (p, "FIRM");
  g_assert_cmpint (x->outcome, ==, AR_DUNNING_PROPOSED);
  g_assert_cmpint (item (p, x, 0)->interest, ==, 10890);
  g_assert_cmpint (item (p, x, 0)->compensation, ==, 10000);
  g_assert_cmpint (x->interest, ==, 10890);
  g_assert_cmpint (x->fees, ==, 10000);
  g_assert_cmpint (x->total_due, ==, 1000000 + 10890 + 10000);
  /* The Act is for business debts: a consumer is charged nothing under it. */
  x = find (p, "PERSON");
  g_assert_cmpint (x->outcome, ==, AR_DUNNING_PROPOSED);
  g_assert_cmpint (x->interest, ==, 0);
  g_assert_cmpint (x->fees, ==, 0);
  r = commit (f, p);
  g_assert_cmpuint (r.n_interest, ==, 1);
  g_assert_cmpuint (r.n_fees, ==, 1);
  g_clear_pointer (&p, ar_dunning_preview_free);
  g_assert_cmpint (query_int (f->ledger, "SELECT amount FROM entries WHERE kind = 'interest'"
                                         " AND reference = 'DUN-L1' AND invoice_id IS NOT NULL"),
                   ==, 10890);
  g_assert_cmpint (query_int (f->ledger, "SELECT amount FROM entries WHERE kind = 'fee'"
                                         " AND memo LIKE 'Late payment compensation%'"), ==, 10000);

  p = preview (f, "2024-04-07");
  x = find (p, "FIRM");
  g_assert_cmpuint (x->level, ==, 2);
  g_assert_cmpint (item (p, x, 0)->interest, ==, 13432 - 10890);
  g_assert_cmpint (item (p, x, 0)->compensation, ==, 0);
  g_clear_pointer (&p, ar_dunning_preview_free);

  /* Beyond the rate table: that debtor's letter is refused with the reason, never guessed;
   * the consumer's goes on. */
  /* Interest from 11 July 2026 takes Bank Rate on 30 June 2026, which the table does not have
   * yet. */
  invoice (f, firm, "UK-3", "2026-07-10", 50000, "GBP");
  p = preview (f, "2026-08-15");
  expect_outcome (p, "FIRM", AR_DUNNING_EXCLUDED_INTEREST_REFUSED, "UK-3: ");
  g_assert_cmpint (find (p, "PERSON")->outcome, ==, AR_DUNNING_PROPOSED);
}

/* Plans and promises, read through ar-arrangements.h. */
static void
test_arrangements (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 promiser = add_debtor (f, "PROMISE", AR_STATUS_ACTIVE, FALSE);
  gint64 planner = add_debtor (f, "PLAN", AR_STATUS_ACTIVE, FALSE);
  g_autoptr(ArDunningPreview) p = NULL;
  g_autoptr(ArPlanDraft) draft = NULL;
  ArPromiseInfo promise = { 0 };

  invoice (f, promiser, "PR-1", "2026-01-01", 10000, "USD");
  invoice (f, planner, "PL-1", "2026-01-01", 60000, "USD");
  promise.debtor_id = promiser;
  promise.currency = "USD";
  promise.amount = 10000;
  promise.date = jd ("2026-01-25");
  promise.made_on = jd ("2026-01-15");
  promise.channel = AR_ACTIVITY_CALL;
  g_assert_cmpint (ar_ledger_add_promise (f->ledger, &promise, &error), >, 0);
  g_assert_no_error (error);
  draft = ar_plan_draft_new (f->ledger, planner, "USD", jd ("2026-01-15"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ar_ledger_save_plan (f->ledger, draft, &error), >, 0);
  g_assert_no_error (error);

  p = preview (f, "2026-01-20");
  expect_outcome (p, "PROMISE", AR_DUNNING_EXCLUDED_PROMISE, "2026-01-28");
  expect_outcome (p, "PLAN", AR_DUNNING_EXCLUDED_PLAN, NULL);
  g_clear_pointer (&p, ar_dunning_preview_free);
  /* Broken: the promise date and its grace have passed unpaid. */
  p = preview (f, "2026-02-01");
  g_assert_cmpint (find (p, "PROMISE")->outcome, ==, AR_DUNNING_PROPOSED);
  expect_outcome (p, "PLAN", AR_DUNNING_EXCLUDED_PLAN, NULL);
}

/* Progress --------------------------------------------------------------------------------- */

typedef struct
{
  GArray       *calls;        /* guint64 pairs: done, total */
  GCancellable *cancel_at_first_step;
} Progress;

static void
record_progress (guint64 done, guint64 total, gpointer user_data)
{
  Progress *progress = user_data;
  guint64 call[2] = { done, total };

  g_array_append_vals (progress->calls, call, 2);
  if (progress->cancel_at_first_step != NULL && done > 0)
    g_cancellable_cancel (progress->cancel_at_first_step);
}

/* A demo book big enough for several reports (one every 1,024 items read): the reports start
 * at 0, never go back, keep one total and end at it; the preview is the one made without
 * progress. Cancelled from the first report past 0, the preview stops there with
 * G_IO_ERROR_CANCELLED, reports no end, and the ledger saw no write. */
static void
test_preview_progress (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArDunningPreview) plain = NULL;
  g_autoptr(ArDunningPreview) reported = NULL;
  g_autoptr(ArDunningPreview) cancelled = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (guint64)), NULL };
  guint32 today = jd ("2026-06-30");
  guint64 total, n;
  int changes;

  g_assert_true (ar_demo_generate (f->ledger, 6000, 3, today, NULL, &error));
  g_assert_no_error (error);
  plain = ar_dunning_preview_new (f->ledger, today, NULL, &error);
  g_assert_no_error (error);
  reported = ar_dunning_preview_new_full (f->ledger, today, record_progress, &progress, NULL,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ar_dunning_preview_get_n_proposals (reported), ==,
                    ar_dunning_preview_get_n_proposals (plain));
  g_assert_cmpuint (ar_dunning_preview_get_n_proposed (reported), ==,
                    ar_dunning_preview_get_n_proposed (plain));

  n = progress.calls->len / 2;
  g_test_message ("%" G_GUINT64_FORMAT " reports, total %" G_GUINT64_FORMAT ", %u proposals",
                  n, g_array_index (progress.calls, guint64, 1),
                  ar_dunning_preview_get_n_proposals (reported));
  g_assert_cmpuint (n, >=, 3);   /* the start, at least one step, the end */
  total = g_array_index (progress.calls, guint64, 1);
  g_assert_cmpuint (total, >=, ar_dunning_preview_get_n_proposals (reported));
  g_assert_cmpuint (g_array_index (progress.calls, guint64, 0), ==, 0);
  for (guint i = 1; i < n; i++)
    {
      guint64 done = g_array_index (progress.calls, guint64, 2 * i);

      g_assert_cmpuint (g_array_index (progress.calls, guint64, 2 * i + 1), ==, total);
      g_assert_cmpuint (done, >=, g_array_index (progress.calls, guint64, 2 * i - 2));
      g_assert_cmpuint (done, <=, total);
    }
  /* A step in between is strictly between. */
  g_assert_cmpuint (g_array_index (progress.calls, guint64, 2), >, 0);
  g_assert_cmpuint (g_array_index (progress.calls, guint64, 2), <, total);
  g_assert_cmpuint (g_array_index (progress.calls, guint64, 2 * n - 2), ==, total);

  /* Cancelled mid-way. */
  g_array_set_size (progress.calls, 0);
  progress.cancel_at_first_step = cancellable;
  changes = sqlite3_total_changes (_ar_ledger_get_db (f->ledger));
  cancelled = ar_dunning_preview_new_full (f->ledger, today, record_progress, &progress,
                                           cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
  g_assert_cmpuint (progress.calls->len / 2, ==, 2);   /* the start and the step that cancelled */
  g_assert_cmpuint (g_array_index (progress.calls, guint64, 2), <, total);
  g_assert_cmpint (sqlite3_total_changes (_ar_ledger_get_db (f->ledger)), ==, changes);
  g_assert_true (sqlite3_get_autocommit (_ar_ledger_get_db (f->ledger)));

  /* The commit counts the selected letters and hand-overs it records, up to all of them. */
  {
    g_autoptr(GBytes) stub = g_bytes_new_static ("%PDF-1.4 stand-in", 17);
    ArDunningCommitResult result = { 0 };
    guint64 selected = 0;

    for (guint i = 0; i < ar_dunning_preview_get_n_proposals (reported); i++)
      {
        ArDunningProposal *p = ar_dunning_preview_get_proposal (reported, i);

        selected += p->selected && p->outcome == AR_DUNNING_PROPOSED;
        if (p->selected && !p->hand_over)
          ar_dunning_proposal_set_document (p, stub);
      }
    g_assert_cmpuint (selected, >, 256);
    g_clear_error (&error);
    progress.cancel_at_first_step = NULL;
    g_array_set_size (progress.calls, 0);
    g_assert_true (ar_dunning_run_commit_full (f->ledger, reported, record_progress, &progress,
                                               &result, &error));
    g_assert_no_error (error);
    n = progress.calls->len / 2;
    g_assert_cmpuint (n, >=, 3);
    g_assert_cmpuint (g_array_index (progress.calls, guint64, 0), ==, 0);
    for (guint i = 0; i < n; i++)
      {
        g_assert_cmpuint (g_array_index (progress.calls, guint64, 2 * i + 1), ==, selected);
        if (i > 0)
          g_assert_cmpuint (g_array_index (progress.calls, guint64, 2 * i), >,
                            g_array_index (progress.calls, guint64, 2 * i - 2));
      }
    g_assert_cmpuint (g_array_index (progress.calls, guint64, 2 * n - 2), ==, selected);
    g_assert_cmpuint (result.n_letters + result.n_hand_overs, ==, selected);
  }
  g_array_unref (progress.calls);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/dunning/levels/default", test_levels_default);
  ADD ("/dunning/levels/validation", test_levels_validation);
  ADD ("/dunning/preview/derivation", test_derivation);
  ADD ("/dunning/preview/per-item", test_items_levels_per_item);
  ADD ("/dunning/preview/exclusions", test_exclusions);
  ADD ("/dunning/preview/pacing", test_pacing);
  ADD ("/dunning/preview/progress", test_preview_progress);
  ADD ("/dunning/fees", test_fees);
  ADD ("/dunning/total-includes-open-charges", test_total_includes_open_charges);
  ADD ("/dunning/commit/records-letter", test_commit_records_letter);
  ADD ("/dunning/commit/idempotent", test_idempotent);
  ADD ("/dunning/commit/partial-selection", test_partial_selection);
  ADD ("/dunning/commit/rollback", test_rollback);
  ADD ("/dunning/commit/hand-over", test_hand_over);
  ADD ("/dunning/holds", test_holds);
  ADD ("/dunning/interest-regime", test_interest_regime);
  ADD ("/dunning/interest-uk", test_interest_uk);
  ADD ("/dunning/arrangements", test_arrangements);
#undef ADD
  return g_test_run ();
}
