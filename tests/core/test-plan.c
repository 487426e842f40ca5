/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-plan"
#include "config.h"

#include <string.h>

#include <glib.h>

#include "ar-activity.h"
#include "ar-check.h"
#include "ar-date.h"
#include "ar-ledger-private.h"
#include "ar-plan-private.h"
#include "ar-test-util.h"

/* Payment plans in a real ledger: drafting, saving in one transaction, tracking as of any
 * date (on time, late, partial, missed, defaulted, completed), renegotiating, cancelling. */

typedef struct
{
  char     *dir;
  char     *path;
  ArLedger *ledger;
  gint64    debtor;
  gint64    inv1;   /* 600.00, due 2026-11-01 */
  gint64    inv2;   /* 400.00, due 2026-12-01 */
} Fixture;

static guint32
jd (const char *iso)
{
  g_autoptr(GError) error = NULL;
  guint32 julian = ar_date_parse_julian (iso, &error);

  g_assert_no_error (error);
  return julian;
}

static gint64
add_invoice (Fixture *f, const char *number, const char *due, gint64 amount)
{
  ArInvoiceInfo info = {
    .debtor_id = f->debtor, .number = number, .issue_date = jd ("2026-10-01"),
    .due_date = jd (due), .currency = "USD", .amount = amount,
  };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (ar_ledger_add_invoice (f->ledger, &info, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ArDebtorInfo debtor = { .external_id = "C1", .name = "Ana Lima", .kind = AR_DEBTOR_CONSUMER };
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("arrears-plan-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "book.arrears", NULL);
  f->ledger = ar_ledger_create (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (ar_ledger_add_debtor (f->ledger, &debtor, &f->debtor, &error));
  f->inv1 = add_invoice (f, "INV-1", "2026-11-01", 60000);
  f->inv2 = add_invoice (f, "INV-2", "2026-12-01", 40000);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ledger);
  ar_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
count (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (f->ledger, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static char *
text (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (f->ledger, sql, NULL);
  char *value;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static gint64
pay (Fixture *f, const char *date, gint64 amount, gint64 invoice)
{
  ArPosting p = {
    .debtor_id = f->debtor, .kind = AR_ENTRY_PAYMENT, .date = jd (date), .amount = amount,
    .currency = "USD", .invoice_id = invoice,
  };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (ar_ledger_post (f->ledger, &p, &id, &error));
  g_assert_no_error (error);
  return id;
}

static ArPlanDraft *
draft_on (Fixture *f, const char *today)
{
  g_autoptr(GError) error = NULL;
  ArPlanDraft *draft = ar_plan_draft_new (f->ledger, f->debtor, NULL, jd (today), &error);

  g_assert_no_error (error);
  g_assert_nonnull (draft);
  return draft;
}

static gint64
save (Fixture *f, ArPlanDraft *draft)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ar_ledger_save_plan (f->ledger, draft, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The usual plan: the whole 1000.00 in 3 monthly instalments from 1 Feb 2027, agreed on
 * 1 Jan 2027. */
static gint64
usual_plan (Fixture *f)
{
  g_autoptr(ArPlanDraft) draft = draft_on (f, "2027-01-01");

  return save (f, draft);
}

static ArPlan *
plan_as_of (Fixture *f, gint64 id, const char *as_of)
{
  g_autoptr(GError) error = NULL;
  ArPlan *plan = ar_ledger_get_plan (f->ledger, id, jd (as_of), &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static const ArPlanInstalment *
row (const ArPlan *plan, guint i)
{
  g_assert_cmpuint (i, <, plan->instalments->len);
  return &g_array_index (plan->instalments, ArPlanInstalment, i);
}

/* The draft ----------------------------------------------------------------------------------- */

static void
on_changed (ArPlanDraft *draft, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
on_notify (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_draft (Fixture *f, gconstpointer data)
{
  g_autoptr(ArPlanDraft) draft = draft_on (f, "2027-01-01");
  g_autoptr(GError) error = NULL;
  const ArPlanSchedule *schedule;
  const char *only[] = { "INV-2", NULL };
  const char *unknown[] = { "INV-9", NULL };
  guint changes = 0;
  guint notifies = 0;
  gint64 covered = 0;
  gboolean valid = FALSE;

  g_signal_connect (draft, "changed", G_CALLBACK (on_changed), &changes);
  g_signal_connect (draft, "notify::valid", G_CALLBACK (on_notify), &notifies);

  g_assert_cmpstr (ar_plan_draft_get_currency (draft), ==, "USD");
  g_assert_cmpuint (ar_plan_draft_get_n_items (draft), ==, 2);
  g_assert_cmpstr (ar_plan_draft_get_item (draft, 0)->number, ==, "INV-1");
  g_assert_cmpint (ar_plan_draft_get_item (draft, 0)->open, ==, 60000);
  g_assert_true (ar_plan_draft_get_item (draft, 1)->included);
  g_assert_cmpint (ar_plan_draft_get_covered_total (draft), ==, 100000);
  g_assert_cmpuint (ar_plan_draft_get_grace_days (draft), ==, 5);
  g_assert_cmpuint (ar_plan_draft_get_default_after (draft), ==, 2);
  g_assert_cmpint (ar_plan_draft_get_limits (draft)->min_instalment, ==, 1000);
  g_assert_cmpuint (ar_plan_draft_get_limits (draft)->max_term_months, ==, 36);

  /* The defaults: three monthly instalments, the first a month from today. */
  schedule = ar_plan_draft_get_schedule (draft, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (schedule->rows->len, ==, 3);
  g_assert_cmpint (g_array_index (schedule->rows, ArPlanScheduleRow, 0).amount, ==, 33333);
  g_assert_cmpuint (g_array_index (schedule->rows, ArPlanScheduleRow, 0).due, ==,
                    jd ("2027-02-01"));
  g_assert_cmpint (g_array_index (schedule->rows, ArPlanScheduleRow, 2).amount, ==, 33334);
  g_assert_true (ar_plan_draft_validate (draft, &error));

  /* The running total follows the checklist. */
  ar_plan_draft_set_item_included (draft, 0, FALSE);
  g_assert_cmpuint (changes, ==, 1);
  ar_plan_draft_set_item_included (draft, 0, FALSE);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpint (ar_plan_draft_get_covered_total (draft), ==, 40000);
  g_object_get (draft, "covered-total", &covered, "valid", &valid, NULL);
  g_assert_cmpint (covered, ==, 40000);
  g_assert_true (valid);
  g_assert_cmpuint (notifies, ==, 1);
  schedule = ar_plan_draft_get_schedule (draft, NULL);
  g_assert_cmpint (schedule->total, ==, 40000);
  ar_plan_draft_set_all_included (draft, FALSE);
  g_object_get (draft, "valid", &valid, NULL);
  g_assert_false (valid);
  g_assert_false (ar_plan_draft_validate (draft, &error));
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS);
  g_clear_error (&error);
  g_assert_null (ar_plan_draft_get_schedule (draft, &error));
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS);
  g_clear_error (&error);

  g_assert_true (ar_plan_draft_include_only (draft, only, &error));
  g_assert_cmpint (ar_plan_draft_get_covered_total (draft), ==, 40000);
  g_assert_false (ar_plan_draft_include_only (draft, unknown, &error));
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS);
  g_assert_nonnull (strstr (error->message, "“INV-9” is not an open invoice"));
  g_clear_error (&error);
  g_assert_cmpint (ar_plan_draft_get_covered_total (draft), ==, 40000);

  /* Impossible terms are explained, and the preview comes back when they are fixed. */
  ar_plan_draft_set_n_instalments (draft, 0);
  g_assert_false (ar_plan_draft_validate (draft, &error));
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_COUNT);
  g_clear_error (&error);
  ar_plan_draft_set_instalment_amount (draft, 15000);
  schedule = ar_plan_draft_get_schedule (draft, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (schedule->n_instalments, ==, 3);
  g_assert_cmpint (g_array_index (schedule->rows, ArPlanScheduleRow, 2).amount, ==, 10000);
  ar_plan_draft_set_first_due (draft, jd ("2026-12-31"));
  g_assert_false (ar_plan_draft_validate (draft, &error));
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_FIRST_DUE);
  g_clear_error (&error);
  g_assert_cmpuint (changes, >=, 6);
}

static void
test_draft_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArPlanDraft) draft = NULL;

  draft = ar_plan_draft_new (f->ledger, 999, NULL, jd ("2027-01-01"), &error);
  g_assert_null (draft);
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  draft = ar_plan_draft_new (f->ledger, f->debtor, "EUR", jd ("2027-01-01"), &error);
  g_assert_null (draft);
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS);
  g_assert_nonnull (strstr (error->message, "no open invoices in EUR"));
  g_clear_error (&error);

  draft = ar_plan_draft_new (f->ledger, f->debtor, "XYZ", jd ("2027-01-01"), &error);
  g_assert_null (draft);
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS);
  g_clear_error (&error);

  /* The book's settings replace the defaults. */
  g_assert_true (ar_ledger_set_setting (f->ledger, "plans.min-instalment", "400", &error));
  g_assert_true (ar_ledger_set_setting (f->ledger, "plans.max-term-months", "2", &error));
  draft = ar_plan_draft_new (f->ledger, f->debtor, NULL, jd ("2027-01-01"), &error);
  g_assert_no_error (error);
  g_assert_false (ar_plan_draft_validate (draft, &error));
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_AMOUNT);
  g_assert_nonnull (strstr (error->message, "below the minimum instalment of $400.00"));
  g_clear_error (&error);
  ar_plan_draft_set_n_instalments (draft, 2);
  g_assert_true (ar_plan_draft_validate (draft, &error));
  ar_plan_draft_set_frequency (draft, AR_PLAN_MONTHLY);
  ar_plan_draft_set_first_due (draft, jd ("2027-02-15"));
  g_assert_false (ar_plan_draft_validate (draft, &error));
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_TERM);
}

/* Saving -------------------------------------------------------------------------------------- */

static void
test_save (Fixture *f, gconstpointer data)
{
  g_autoptr(ArPlanDraft) draft = draft_on (f, "2027-01-01");
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4 agreement", 18);
  g_autoptr(ArPlan) plan = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *next = NULL;
  gint64 id;

  ar_plan_draft_set_down_payment (draft, 10000);
  ar_plan_draft_set_agreement (draft, pdf, "agreement-C1.pdf");
  ar_plan_draft_set_note (draft, "Agreed on the phone");
  id = save (f, draft);

  g_assert_cmpint (count (f, "SELECT count (*) FROM plans"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count (*) FROM plan_invoices"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count (*) FROM plan_schedule"), ==, 4);
  g_assert_cmpint (count (f, "SELECT amount FROM plan_schedule WHERE seq = 0"), ==, 10000);
  status = text (f, "SELECT status FROM debtors");
  g_assert_cmpstr (status, ==, "plan");

  /* The activity: its next action is the first due date (the down payment's), and it keeps
   * the agreement. */
  next = text (f, "SELECT next_action_date FROM activities WHERE outcome = 'payment_plan'");
  g_assert_cmpstr (next, ==, "2027-01-01");
  plan = plan_as_of (f, id, "2027-01-01");
  g_assert_cmpint (plan->activity_id, >, 0);
  kept = ar_ledger_get_activity_document (f->ledger, plan->activity_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (kept, pdf));

  /* Audited, under the action's name. */
  g_assert_cmpint (count (f, "SELECT count (*) FROM audit WHERE action = 'create-plan'"
                             " AND table_name = 'plans'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count (*) FROM audit WHERE action = 'create-plan'"
                             " AND table_name = 'plan_schedule'"), ==, 4);
  g_assert_cmpint (count (f, "SELECT count (*) FROM audit WHERE action = 'create-plan'"
                             " AND table_name = 'plan_invoices'"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count (*) FROM audit WHERE table_name = 'debtors'"
                             " AND json_extract (new_values, '$.status') = 'plan'"), ==, 1);

  g_assert_cmpstr (plan->debtor_external_id, ==, "C1");
  g_assert_cmpstr (plan->note, ==, "Agreed on the phone");
  g_assert_cmpint (plan->total, ==, 100000);
  g_assert_cmpint (plan->down_payment, ==, 10000);

  /* arrears-cli check accepts the result (the status update included). */
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

    g_assert_true (ar_check_run (f->ledger, problems, &error));
    g_assert_cmpuint (problems->len, ==, 0);
  }
  g_assert_cmpuint (plan->n_instalments, ==, 3);
  g_assert_cmpuint (plan->invoices->len, ==, 2);
  g_assert_cmpuint (plan->state, ==, AR_PLAN_STATE_ACTIVE);
  g_assert_cmpuint (plan->next_due, ==, jd ("2027-01-01"));
  g_assert_cmpint (plan->next_amount, ==, 10000);

  /* The schedule and invoices are append-only; the plan's terms can't be edited. */
  g_assert_false (_ar_ledger_exec (f->ledger, "DELETE FROM plan_schedule", &error));
  g_clear_error (&error);
  g_assert_false (_ar_ledger_exec (f->ledger, "UPDATE plans SET total = 1", &error));
  g_clear_error (&error);
  g_assert_false (_ar_ledger_exec (f->ledger, "DELETE FROM plans", &error));
  g_clear_error (&error);

  /* Its invoices can't go into a second plan. */
  g_assert_null (ar_plan_draft_new (f->ledger, f->debtor, NULL, jd ("2027-01-02"), &error));
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS);
  g_assert_nonnull (strstr (error->message, "already in plan"));
}

static void
test_save_refuses_stale_draft (Fixture *f, gconstpointer data)
{
  g_autoptr(ArPlanDraft) draft = draft_on (f, "2027-01-01");
  g_autoptr(GError) error = NULL;

  /* A payment arrives while the wizard is open: the draft's figures are stale. */
  pay (f, "2027-01-01", 5000, f->inv1);
  g_assert_cmpint (ar_ledger_save_plan (f->ledger, draft, &error), ==, 0);
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS);
  g_assert_nonnull (strstr (error->message, "changed since the plan was drafted"));
  g_assert_cmpint (count (f, "SELECT count (*) FROM plans"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count (*) FROM activities"), ==, 0);
}

/* A failure late in the transaction leaves nothing behind: not the waiver's reversals, not
 * the plan, not the audit records. */
static void
test_rollback (Fixture *f, gconstpointer data)
{
  ArPosting fee = {
    .debtor_id = f->debtor, .kind = AR_ENTRY_FEE, .date = jd ("2026-12-15"), .amount = 2500,
    .currency = "USD", .invoice_id = f->inv1,
  };
  g_autoptr(ArPlanDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) huge = NULL;
  gint64 entries, audit;

  g_assert_true (ar_ledger_post (f->ledger, &fee, NULL, &error));
  draft = draft_on (f, "2027-01-01");
  ar_plan_draft_set_waive_fees (draft, TRUE);
  huge = g_bytes_new_take (g_malloc0 (33 * 1024 * 1024), 33 * 1024 * 1024);
  ar_plan_draft_set_agreement (draft, huge, "huge.pdf");

  entries = count (f, "SELECT count (*) FROM entries");
  audit = count (f, "SELECT count (*) FROM audit");
  g_assert_cmpint (ar_ledger_save_plan (f->ledger, draft, &error), ==, 0);
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_assert_cmpint (count (f, "SELECT count (*) FROM entries"), ==, entries);
  g_assert_cmpint (count (f, "SELECT count (*) FROM audit"), ==, audit);
  g_assert_cmpint (count (f, "SELECT count (*) FROM plans"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count (*) FROM plan_schedule"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count (*) FROM activities"), ==, 0);
  g_assert_cmpint (count (f, "SELECT balance FROM balances"), ==, 102500);
}

static void
test_waive_fees (Fixture *f, gconstpointer data)
{
  ArPosting fee = {
    .debtor_id = f->debtor, .kind = AR_ENTRY_FEE, .date = jd ("2026-12-15"), .amount = 2500,
    .currency = "USD", .invoice_id = f->inv1,
  };
  g_autoptr(ArPlanDraft) draft = NULL;
  g_autoptr(ArPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  gint64 balance = 0, unapplied = 0;
  gint64 id;

  g_assert_true (ar_ledger_post (f->ledger, &fee, NULL, &error));
  draft = draft_on (f, "2027-01-01");
  g_assert_cmpint (ar_plan_draft_get_item (draft, 0)->open, ==, 62500);
  g_assert_cmpint (ar_plan_draft_get_item (draft, 0)->fees, ==, 2500);
  g_assert_cmpint (ar_plan_draft_get_covered_total (draft), ==, 102500);
  ar_plan_draft_set_waive_fees (draft, TRUE);
  g_assert_cmpint (ar_plan_draft_get_covered_total (draft), ==, 100000);
  id = save (f, draft);

  g_assert_true (ar_ledger_get_balance (f->ledger, f->debtor, "USD", &balance, &unapplied,
                                        &error));
  g_assert_cmpint (balance, ==, 100000);
  g_assert_cmpint (count (f, "SELECT count (*) FROM entries WHERE kind = 'reversal'"), ==, 1);
  plan = plan_as_of (f, id, "2027-01-01");
  g_assert_true (plan->fees_waived);
  g_assert_cmpint (plan->principal, ==, 100000);
}

static void
test_setup_fee_and_interest (Fixture *f, gconstpointer data)
{
  g_autoptr(ArPlanDraft) draft = draft_on (f, "2027-01-01");
  g_autoptr(ArPlanDraft) other = NULL;
  g_autoptr(ArPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  gint64 balance = 0, unapplied = 0;
  gint64 id;

  ar_plan_draft_set_setup_fee (draft, 2500);
  id = save (f, draft);
  g_assert_true (ar_ledger_get_balance (f->ledger, f->debtor, "USD", &balance, &unapplied,
                                        &error));
  /* The fee is owed like the debt, on the first covered invoice. */
  g_assert_cmpint (balance, ==, 102500);
  g_assert_cmpint (count (f, "SELECT count (*) FROM entries WHERE kind = 'fee' AND amount = 2500"
                             " AND invoice_id = (SELECT id FROM invoices WHERE number = 'INV-1')"
                             " AND reference = 'plan 1'"), ==, 1);
  plan = plan_as_of (f, id, "2027-01-01");
  g_assert_cmpint (plan->total, ==, 102500);
  g_assert_cmpint (plan->setup_fee, ==, 2500);

  /* Paying the plan's total completes it: the fee is part of what the payments fill. */
  pay (f, "2027-02-01", 102500, f->inv1);
  g_clear_pointer (&plan, ar_plan_free);
  plan = plan_as_of (f, id, "2027-02-01");
  g_assert_cmpuint (plan->state, ==, AR_PLAN_STATE_COMPLETED);
  g_assert_cmpuint (plan->progress_permille, ==, 1000);

  /* Interest for a second debtor's plan is posted as interest. */
  {
    ArDebtorInfo d = { .external_id = "C2", .name = "Bo Chen" };
    ArInvoiceInfo inv = { .number = "INV-3", .issue_date = jd ("2026-10-01"),
                          .due_date = jd ("2026-11-01"), .currency = "USD", .amount = 120000 };
    gint64 debtor;

    g_assert_true (ar_ledger_add_debtor (f->ledger, &d, &debtor, &error));
    inv.debtor_id = debtor;
    g_assert_true (ar_ledger_add_invoice (f->ledger, &inv, NULL, &error));
    other = ar_plan_draft_new (f->ledger, debtor, NULL, jd ("2027-01-01"), &error);
    g_assert_no_error (error);
    ar_plan_draft_set_apr_bp (other, 1200);
    g_assert_cmpint (ar_plan_draft_get_schedule (other, NULL)->interest, ==, 2367);
    save (f, other);
    g_assert_cmpint (count (f, "SELECT amount FROM entries WHERE kind = 'interest'"), ==, 2367);
  }
}

/* Tracking ------------------------------------------------------------------------------------ */

static void
test_track_on_time_partial_late (Fixture *f, gconstpointer data)
{
  gint64 id = usual_plan (f);
  g_autoptr(ArPlan) plan = NULL;

  plan = plan_as_of (f, id, "2027-01-15");
  g_assert_cmpint (plan->paid, ==, 0);
  g_assert_cmpuint (row (plan, 0)->state, ==, AR_INSTALMENT_PENDING);
  g_clear_pointer (&plan, ar_plan_free);

  /* On time. */
  pay (f, "2027-02-01", 33333, f->inv1);
  plan = plan_as_of (f, id, "2027-02-01");
  g_assert_cmpuint (row (plan, 0)->state, ==, AR_INSTALMENT_PAID);
  g_assert_cmpuint (row (plan, 0)->paid_on, ==, jd ("2027-02-01"));
  g_assert_cmpuint (row (plan, 1)->state, ==, AR_INSTALMENT_PENDING);
  g_assert_cmpuint (plan->n_paid, ==, 1);
  g_assert_cmpuint (plan->progress_permille, ==, 333);
  g_assert_cmpuint (plan->next_due, ==, jd ("2027-03-01"));
  g_clear_pointer (&plan, ar_plan_free);
  /* … and not as of the day before it was paid. */
  plan = plan_as_of (f, id, "2027-01-31");
  g_assert_cmpuint (row (plan, 0)->state, ==, AR_INSTALMENT_PENDING);
  g_clear_pointer (&plan, ar_plan_free);

  /* Partly paid, within the grace days. */
  pay (f, "2027-03-03", 10000, f->inv2);
  plan = plan_as_of (f, id, "2027-03-04");
  g_assert_cmpuint (row (plan, 1)->state, ==, AR_INSTALMENT_PARTLY_PAID);
  g_assert_cmpint (row (plan, 1)->paid, ==, 10000);
  g_assert_cmpint (plan->next_amount, ==, 23333);
  g_clear_pointer (&plan, ar_plan_free);

  /* Due 1 March + 5 grace days: missed from 7 March. */
  plan = plan_as_of (f, id, "2027-03-06");
  g_assert_cmpuint (row (plan, 1)->state, ==, AR_INSTALMENT_PARTLY_PAID);
  g_clear_pointer (&plan, ar_plan_free);
  plan = plan_as_of (f, id, "2027-03-07");
  g_assert_cmpuint (row (plan, 1)->state, ==, AR_INSTALMENT_MISSED);
  g_assert_cmpuint (plan->n_missed, ==, 1);
  g_assert_cmpint (plan->in_arrears, ==, 23333);
  g_assert_cmpuint (plan->state, ==, AR_PLAN_STATE_ACTIVE);
  g_clear_pointer (&plan, ar_plan_free);

  /* Paid late: it is paid, on the day the rest came in. */
  pay (f, "2027-03-09", 23333, 0);
  plan = plan_as_of (f, id, "2027-03-10");
  g_assert_cmpuint (row (plan, 1)->state, ==, AR_INSTALMENT_PAID);
  g_assert_cmpuint (row (plan, 1)->paid_on, ==, jd ("2027-03-09"));
  g_assert_cmpuint (plan->n_missed, ==, 0);
  g_clear_pointer (&plan, ar_plan_free);

  /* Everything paid: completed, on the day of the last payment. */
  pay (f, "2027-03-30", 33334, f->inv2);
  plan = plan_as_of (f, id, "2027-04-30");
  g_assert_cmpuint (plan->state, ==, AR_PLAN_STATE_COMPLETED);
  g_assert_cmpuint (plan->completed_on, ==, jd ("2027-03-30"));
  g_assert_cmpint (plan->remaining, ==, 0);
  g_assert_cmpuint (plan->next_due, ==, 0);
}

static void
test_track_reversed_payment (Fixture *f, gconstpointer data)
{
  gint64 id = usual_plan (f);
  g_autoptr(ArPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  gint64 entry = pay (f, "2027-02-01", 33333, f->inv1);

  /* A bounced payment is reversed: the instalment is unpaid again. */
  g_assert_true (ar_ledger_reverse (f->ledger, entry, jd ("2027-02-03"), "Bounced", NULL,
                                    &error));
  plan = plan_as_of (f, id, "2027-02-03");
  g_assert_cmpuint (row (plan, 0)->state, ==, AR_INSTALMENT_PENDING);
  g_assert_cmpint (plan->paid, ==, 0);
}

/* A payment dated before the plan was made reduced the debt the plan covers; it fills none
 * of the plan's instalments. */
static void
test_track_before_plan_date (Fixture *f, gconstpointer data)
{
  g_autoptr(ArPlanDraft) draft = NULL;
  g_autoptr(ArPlan) plan = NULL;
  gint64 id;

  pay (f, "2026-12-31", 10000, f->inv1);
  draft = draft_on (f, "2027-01-01");
  g_assert_cmpint (ar_plan_draft_get_covered_total (draft), ==, 90000);
  id = save (f, draft);
  plan = plan_as_of (f, id, "2027-02-01");
  g_assert_cmpint (plan->total, ==, 90000);
  g_assert_cmpint (plan->paid, ==, 0);
  g_clear_pointer (&plan, ar_plan_free);
  /* On the plan date itself a payment counts (a down payment is due that day). */
  pay (f, "2027-01-01", 30000, 0);
  plan = plan_as_of (f, id, "2027-02-01");
  g_assert_cmpint (plan->paid, ==, 30000);
  g_assert_cmpuint (row (plan, 0)->state, ==, AR_INSTALMENT_PAID);
}

static void
test_default (Fixture *f, gconstpointer data)
{
  gint64 id = usual_plan (f);
  g_autoptr(ArPlan) plan = NULL;

  /* One missed: still performing. */
  plan = plan_as_of (f, id, "2027-03-06");
  g_assert_cmpuint (plan->n_missed, ==, 1);
  g_assert_cmpuint (plan->state, ==, AR_PLAN_STATE_ACTIVE);
  g_clear_pointer (&plan, ar_plan_free);

  /* Two in a row: defaulted on the day the second was missed. */
  plan = plan_as_of (f, id, "2027-03-07");
  g_assert_cmpuint (plan->n_missed, ==, 2);
  g_assert_cmpuint (plan->state, ==, AR_PLAN_STATE_DEFAULTED);
  g_assert_cmpuint (plan->defaulted_on, ==, jd ("2027-03-07"));
  g_clear_pointer (&plan, ar_plan_free);

  /* Catching up later doesn't undo a default… */
  pay (f, "2027-03-10", 66666, 0);
  plan = plan_as_of (f, id, "2027-03-10");
  g_assert_cmpuint (plan->n_missed, ==, 0);
  g_assert_cmpuint (plan->state, ==, AR_PLAN_STATE_DEFAULTED);
  g_clear_pointer (&plan, ar_plan_free);
  /* … but paying it all completes the plan. */
  pay (f, "2027-03-11", 33334, 0);
  plan = plan_as_of (f, id, "2027-03-11");
  g_assert_cmpuint (plan->state, ==, AR_PLAN_STATE_COMPLETED);
}

static void
test_default_after_setting (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArPlan) plan = NULL;
  gint64 id;

  g_assert_true (ar_ledger_set_setting (f->ledger, "plans.default-after", "3", &error));
  g_assert_true (ar_ledger_set_setting (f->ledger, "plans.grace-days", "0", &error));
  id = usual_plan (f);
  /* Paying the first instalment breaks any run; two later misses are not three. */
  pay (f, "2027-02-01", 33333, 0);
  plan = plan_as_of (f, id, "2027-04-02");
  g_assert_cmpuint (plan->grace_days, ==, 0);
  g_assert_cmpuint (plan->default_after, ==, 3);
  g_assert_cmpuint (plan->n_missed, ==, 2);
  g_assert_cmpuint (plan->state, ==, AR_PLAN_STATE_ACTIVE);
  g_clear_pointer (&plan, ar_plan_free);
  /* A plan keeps the count it was made with. */
  g_assert_true (ar_ledger_set_setting (f->ledger, "plans.default-after", "2", &error));
  plan = plan_as_of (f, id, "2027-03-02");
  g_assert_cmpuint (plan->default_after, ==, 3);
  g_assert_cmpuint (plan->state, ==, AR_PLAN_STATE_ACTIVE);
}

/* Renegotiating and cancelling ---------------------------------------------------------------- */

static void
test_renegotiate (Fixture *f, gconstpointer data)
{
  gint64 old_id = usual_plan (f);
  g_autoptr(ArPlanDraft) draft = NULL;
  g_autoptr(ArPlan) old = NULL;
  g_autoptr(ArPlan) renewed = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  gint64 new_id;

  pay (f, "2027-02-01", 33333, 0);
  draft = ar_plan_draft_new_renegotiation (f->ledger, old_id, jd ("2027-03-10"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ar_plan_draft_get_replaces_id (draft), ==, old_id);
  /* What is still open on the old plan's invoices. */
  g_assert_cmpint (ar_plan_draft_get_covered_total (draft), ==, 66667);
  ar_plan_draft_set_n_instalments (draft, 5);
  ar_plan_draft_set_first_due (draft, jd ("2027-04-01"));
  new_id = ar_ledger_renegotiate_plan (f->ledger, old_id, draft, "Lost her job", &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_id, >, old_id);

  old = plan_as_of (f, old_id, "2027-03-10");
  g_assert_cmpuint (old->state, ==, AR_PLAN_STATE_RENEGOTIATED);
  g_assert_cmpint (old->replaced_by_id, ==, new_id);
  g_assert_cmpstr (old->cancel_reason, ==, "Lost her job");
  /* History stays: as of before the renegotiation the old plan was running. */
  g_clear_pointer (&old, ar_plan_free);
  old = plan_as_of (f, old_id, "2027-03-09");
  g_assert_cmpuint (old->state, ==, AR_PLAN_STATE_ACTIVE);
  g_assert_cmpuint (old->n_paid, ==, 1);

  renewed = plan_as_of (f, new_id, "2027-03-10");
  g_assert_cmpint (renewed->replaces_id, ==, old_id);
  g_assert_cmpint (renewed->total, ==, 66667);
  g_assert_cmpuint (renewed->state, ==, AR_PLAN_STATE_ACTIVE);
  status = text (f, "SELECT status FROM debtors");
  g_assert_cmpstr (status, ==, "plan");
  g_assert_cmpint (count (f, "SELECT count (*) FROM audit WHERE action = 'renegotiate-plan'"
                             " AND table_name = 'plans'"), ==, 2);

  plans = ar_ledger_list_plans (f->ledger, f->debtor, jd ("2027-03-10"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 2);
  g_assert_cmpint (((ArPlan *) plans->pdata[0])->id, ==, new_id);

  /* A plan is renegotiated once. */
  g_assert_null (ar_plan_draft_new_renegotiation (f->ledger, old_id, jd ("2027-03-11"),
                                                  &error));
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_STATE);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  gint64 id = usual_plan (f);
  g_autoptr(ArPlan) plan = NULL;
  g_autoptr(ArPlan) active = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *old_values = NULL;

  g_assert_false (ar_ledger_cancel_plan (f->ledger, id, jd ("2027-02-10"), "  ", &error));
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, "reason"));
  g_clear_error (&error);
  g_assert_false (ar_ledger_cancel_plan (f->ledger, id, jd ("2026-12-31"), "Too early",
                                         &error));
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (ar_ledger_cancel_plan (f->ledger, 42, jd ("2027-02-10"), "No such plan",
                                         &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (ar_ledger_cancel_plan (f->ledger, id, jd ("2027-02-10"), "Paid by insurer",
                                        &error));
  g_assert_no_error (error);
  plan = plan_as_of (f, id, "2027-02-10");
  g_assert_cmpuint (plan->state, ==, AR_PLAN_STATE_CANCELLED);
  g_assert_cmpuint (plan->ended_on, ==, jd ("2027-02-10"));
  g_assert_cmpstr (plan->cancel_reason, ==, "Paid by insurer");
  g_clear_pointer (&plan, ar_plan_free);
  plan = plan_as_of (f, id, "2027-02-09");
  g_assert_cmpuint (plan->state, ==, AR_PLAN_STATE_ACTIVE);

  status = text (f, "SELECT status FROM debtors");
  g_assert_cmpstr (status, ==, "active");
  active = ar_ledger_get_active_plan (f->ledger, f->debtor, jd ("2027-02-10"), &error);
  g_assert_no_error (error);
  g_assert_null (active);

  /* Audited with the old and new values. */
  old_values = text (f, "SELECT json_extract (old_values, '$.state') IS NULL"
                        " AND json_extract (new_values, '$.state') = 'cancelled'"
                        " FROM audit WHERE action = 'cancel-plan' AND table_name = 'plans'");
  g_assert_cmpstr (old_values, ==, "1");

  g_assert_false (ar_ledger_cancel_plan (f->ledger, id, jd ("2027-02-11"), "Again", &error));
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (_ar_ledger_exec (f->ledger, "UPDATE plans SET state = NULL, ended_on = NULL",
                                   &error));

  /* Its invoices are free for a new plan. */
  {
    g_autoptr(ArPlanDraft) draft = draft_on (f, "2027-02-10");

    g_assert_cmpuint (ar_plan_draft_get_n_items (draft), ==, 2);
  }
}

/* Work queue ---------------------------------------------------------------------------------- */

static gboolean
collect_id (const ArPlan *plan, gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, plan->id);
  return TRUE;
}

static void
test_queues (Fixture *f, gconstpointer data)
{
  gint64 id = usual_plan (f);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_foreach_plan_due (f->ledger, jd ("2027-02-01"), collect_id, ids,
                                             &error));
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);
  g_array_set_size (ids, 0);
  g_assert_true (ar_ledger_foreach_plan_due (f->ledger, jd ("2027-02-02"), collect_id, ids,
                                             &error));
  g_assert_cmpuint (ids->len, ==, 0);

  /* Paid ahead: not due any more. */
  pay (f, "2027-01-20", 33333, 0);
  g_assert_true (ar_ledger_foreach_plan_due (f->ledger, jd ("2027-02-01"), collect_id, ids,
                                             &error));
  g_assert_cmpuint (ids->len, ==, 0);

  g_assert_true (ar_ledger_foreach_plan_missed (f->ledger, jd ("2027-03-06"), collect_id, ids,
                                                &error));
  g_assert_cmpuint (ids->len, ==, 0);
  g_assert_true (ar_ledger_foreach_plan_missed (f->ledger, jd ("2027-03-07"), collect_id, ids,
                                                &error));
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_no_error (error);
}

/* Recording an instalment names a covered invoice, so the payment fills the plan even when the
 * debtor owes something older outside it. */
static void
test_post_plan_payment (Fixture *f, gconstpointer data)
{
  g_autoptr(ArPlanDraft) draft = NULL;
  g_autoptr(ArPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const char *only[] = { "INV-2", NULL };
  gint64 entry = 0;
  gint64 id;

  draft = draft_on (f, "2027-01-01");
  g_assert_true (ar_plan_draft_include_only (draft, only, &error));
  ar_plan_draft_set_n_instalments (draft, 2);
  id = save (f, draft);

  g_assert_true (ar_ledger_post_plan_payment (f->ledger, id, 20000, jd ("2027-02-01"), "R-1",
                                              &entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entry, >, 0);
  plan = plan_as_of (f, id, "2027-02-01");
  g_assert_cmpuint (row (plan, 0)->state, ==, AR_INSTALMENT_PAID);
  g_clear_pointer (&plan, ar_plan_free);
  /* An unnamed payment would have gone to INV-1, the older invoice outside the plan. */
  pay (f, "2027-02-02", 20000, 0);
  plan = plan_as_of (f, id, "2027-03-01");
  g_assert_cmpuint (row (plan, 1)->state, ==, AR_INSTALMENT_PENDING);
  g_clear_pointer (&plan, ar_plan_free);

  g_assert_true (ar_ledger_post_plan_payment (f->ledger, id, 20000, jd ("2027-03-01"), NULL,
                                              NULL, &error));
  plan = plan_as_of (f, id, "2027-03-01");
  g_assert_cmpuint (plan->state, ==, AR_PLAN_STATE_COMPLETED);
  g_assert_false (ar_ledger_post_plan_payment (f->ledger, id, 100, jd ("2027-03-02"), NULL,
                                               NULL, &error));
  g_assert_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_STATE);
}

/* The work queue and the dunning seam track every running plan in one streamed pass; it must
 * agree with tracking each plan on its own. */
static gboolean
compare_with_single (const ArPlan *streamed, gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArPlan) single = ar_ledger_get_plan (f->ledger, streamed->id, streamed->as_of,
                                                 &error);

  g_assert_no_error (error);
  g_assert_cmpstr (streamed->debtor_external_id, ==, single->debtor_external_id);
  g_assert_cmpuint (streamed->state, ==, single->state);
  g_assert_cmpint (streamed->paid, ==, single->paid);
  g_assert_cmpint (streamed->total, ==, single->total);
  g_assert_cmpuint (streamed->n_missed, ==, single->n_missed);
  g_assert_cmpuint (streamed->defaulted_on, ==, single->defaulted_on);
  g_assert_cmpuint (streamed->completed_on, ==, single->completed_on);
  g_assert_cmpint (streamed->in_arrears, ==, single->in_arrears);
  g_assert_cmpuint (streamed->invoices->len, ==, single->invoices->len);
  for (guint i = 0; i < single->invoices->len; i++)
    g_assert_cmpstr (g_array_index (streamed->invoices, ArPlanInvoice, i).number, ==,
                     g_array_index (single->invoices, ArPlanInvoice, i).number);
  g_assert_cmpuint (streamed->instalments->len, ==, single->instalments->len);
  for (guint i = 0; i < single->instalments->len; i++)
    {
      const ArPlanInstalment *a = row (streamed, i);
      const ArPlanInstalment *b = row (single, i);

      g_assert_cmpuint (a->due, ==, b->due);
      g_assert_cmpint (a->paid, ==, b->paid);
      g_assert_cmpuint (a->state, ==, b->state);
      g_assert_cmpuint (a->paid_on, ==, b->paid_on);
    }
  (*(guint *) g_object_get_data (G_OBJECT (f->ledger), "seen"))++;
  return TRUE;
}

static void
test_stream_equals_single (Fixture *f, gconstpointer data)
{
  const char *days[] = { "2026-12-31", "2027-01-01", "2027-02-01", "2027-03-07", "2027-05-01" };
  g_autoptr(GError) error = NULL;
  guint seen = 0;
  gint64 cancelled;

  g_object_set_data (G_OBJECT (f->ledger), "seen", &seen);
  usual_plan (f);
  pay (f, "2027-02-01", 50000, 0);
  /* Two more debtors: one plan with a down payment and late payments, one cancelled. */
  for (guint d = 0; d < 2; d++)
    {
      ArDebtorInfo info = { .external_id = d ? "C3" : "C2", .name = "Other" };
      ArInvoiceInfo inv = { .number = d ? "INV-C3" : "INV-C2", .issue_date = jd ("2026-10-01"),
                            .due_date = jd ("2026-11-01"), .currency = "USD", .amount = 90000 };
      g_autoptr(ArPlanDraft) draft = NULL;
      ArPosting p = { .kind = AR_ENTRY_PAYMENT, .amount = 25000, .currency = "USD" };
      gint64 debtor;
      gint64 plan;

      g_assert_true (ar_ledger_add_debtor (f->ledger, &info, &debtor, &error));
      inv.debtor_id = debtor;
      g_assert_true (ar_ledger_add_invoice (f->ledger, &inv, NULL, &error));
      draft = ar_plan_draft_new (f->ledger, debtor, NULL, jd ("2027-01-01"), &error);
      g_assert_no_error (error);
      ar_plan_draft_set_down_payment (draft, 15000);
      ar_plan_draft_set_frequency (draft, AR_PLAN_WEEKLY);
      ar_plan_draft_set_first_due (draft, jd ("2027-01-08"));
      plan = save (f, draft);
      p.debtor_id = debtor;
      p.date = jd ("2027-01-20");
      g_assert_true (ar_ledger_post (f->ledger, &p, NULL, &error));
      if (d == 1)
        {
          cancelled = plan;
          g_assert_true (ar_ledger_cancel_plan (f->ledger, cancelled, jd ("2027-02-01"), "Moved",
                                                &error));
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    g_assert_true (_ar_ledger_foreach_running_plan (f->ledger, jd (days[i]), compare_with_single,
                                                    f, &error));
  g_assert_no_error (error);
  /* None before the plan date, then the two that still run (a cancelled plan is not running,
   * whatever the date: its end is recorded). */
  g_assert_cmpuint (seen, ==, 0 + 2 + 2 + 2 + 2);
}

static void
test_not_found (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (ar_ledger_get_plan (f->ledger, 7, 0, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND);
}

static void
test_state_names (void)
{
  for (guint i = 0; i < AR_N_PLAN_STATES; i++)
    {
      g_assert_nonnull (ar_plan_state_to_string (i));
      g_assert_nonnull (ar_plan_state_to_label (i));
    }
  for (guint i = 0; i < AR_N_INSTALMENT_STATES; i++)
    {
      g_assert_nonnull (ar_instalment_state_to_string (i));
      g_assert_nonnull (ar_instalment_state_to_label (i));
    }
  g_assert_cmpstr (ar_instalment_state_to_string (AR_INSTALMENT_PARTLY_PAID), ==, "partly_paid");
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/plan/draft", test_draft);
  ADD ("/plan/draft-refusals", test_draft_refusals);
  ADD ("/plan/save", test_save);
  ADD ("/plan/save-refuses-stale-draft", test_save_refuses_stale_draft);
  ADD ("/plan/rollback", test_rollback);
  ADD ("/plan/waive-fees", test_waive_fees);
  ADD ("/plan/setup-fee-and-interest", test_setup_fee_and_interest);
  ADD ("/plan/track/on-time-partial-late", test_track_on_time_partial_late);
  ADD ("/plan/track/reversed-payment", test_track_reversed_payment);
  ADD ("/plan/track/before-plan-date", test_track_before_plan_date);
  ADD ("/plan/default", test_default);
  ADD ("/plan/default-after-setting", test_default_after_setting);
  ADD ("/plan/renegotiate", test_renegotiate);
  ADD ("/plan/cancel", test_cancel);
  ADD ("/plan/queues", test_queues);
  ADD ("/plan/post-plan-payment", test_post_plan_payment);
  ADD ("/plan/stream-equals-single", test_stream_equals_single);
  ADD ("/plan/not-found", test_not_found);
  g_test_add_func ("/plan/state-names", test_state_names);

  return g_test_run ();
}
