/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ar-check.h"
#include "ar-date.h"
#include "ar-demo.h"
#include "ar-dunning-run.h"
#include "ar-hold.h"
#include "ar-ledger-edit.h"
#include "ar-plan.h"
#include "ar-plan-draft.h"
#include "ar-promise.h"
#include "ar-test-util.h"

static char *tmp_dir;
static guint counter;

typedef struct
{
  char     *path;
  ArLedger *ledger;
} Fixture;

static guint32
day (int year,
     int month,
     int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) month, (GDateYear) year);
  return ar_date_to_julian (&date);
}

static void
fixture_set_up_empty (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%u.arrears", ++counter);

  f->path = g_build_filename (tmp_dir, name, NULL);
  f->ledger = ar_ledger_create (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->ledger);
}

static void
fixture_set_up_demo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up_empty (f, data);
  g_assert_true (ar_demo_generate (f->ledger, 150, 4, day (2026, 3, 15), NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->ledger);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_free (f->path);
}

/* Runs the check; returns the problems, logged for the test output. */
static GPtrArray *
run_check (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (ar_check_run (f->ledger, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) g_ptr_array_index (problems, i));
  return problems;
}

static gboolean
has_problem_with (GPtrArray  *problems,
                  const char *needle)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Changes the file behind the ledger's back, through a second connection. */
static void
tamper (Fixture    *f,
        const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_changes (db), >, 0);
  sqlite3_close (db);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = run_check (f);

  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_demo_passes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = run_check (f);

  g_assert_cmpuint (problems->len, ==, 0);
}

/* Reversals, refunds, write-offs, fees and a second currency all check out. */
static void
test_hand_book_passes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  ArDebtorInfo d = { .external_id = "H1", .name = "Hanna" };
  ArInvoiceInfo inv = { 0, "H-1", day (2026, 1, 1), day (2026, 1, 31), "USD", 10000, NULL, NULL };
  ArInvoiceInfo inv2 = { 0, "H-2", day (2026, 1, 5), day (2026, 2, 5), "EUR", 5000, NULL, NULL };
  gint64 debtor, invoice, invoice2, payment;
  ArPosting p = { 0 };

  g_assert_true (ar_ledger_add_debtor (f->ledger, &d, &debtor, &error));
  inv.debtor_id = inv2.debtor_id = debtor;
  g_assert_true (ar_ledger_add_invoice (f->ledger, &inv, &invoice, &error));
  g_assert_true (ar_ledger_add_invoice (f->ledger, &inv2, &invoice2, &error));
  g_assert_no_error (error);

  p.debtor_id = debtor;
  p.currency = "USD";
  p.kind = AR_ENTRY_PAYMENT;
  p.date = day (2026, 1, 10);
  p.amount = 15000;  /* 50.00 too much */
  p.invoice_id = invoice;
  g_assert_true (ar_ledger_post (f->ledger, &p, &payment, &error));
  p.kind = AR_ENTRY_REFUND;
  p.date = day (2026, 1, 11);
  p.amount = 2000;
  p.invoice_id = 0;
  g_assert_true (ar_ledger_post (f->ledger, &p, NULL, &error));
  p.kind = AR_ENTRY_FEE;
  p.amount = 1500;
  p.invoice_id = invoice;
  g_assert_true (ar_ledger_post (f->ledger, &p, NULL, &error));
  p.kind = AR_ENTRY_PAYMENT;
  p.amount = 700;
  p.invoice_id = 0;
  p.date = day (2026, 1, 12);
  g_assert_true (ar_ledger_post (f->ledger, &p, &payment, &error));
  g_assert_true (ar_ledger_reverse (f->ledger, payment, day (2026, 1, 13), "bounced", NULL,
                                    &error));
  p.currency = "EUR";
  p.kind = AR_ENTRY_WRITE_OFF;
  p.amount = 0;
  p.invoice_id = invoice2;
  g_assert_true (ar_ledger_post (f->ledger, &p, NULL, &error));
  g_assert_no_error (error);

  problems = run_check (f);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_balance_tampered (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper (f, "UPDATE balances SET balance = balance + 1"
             " WHERE debtor_id = (SELECT min (debtor_id) FROM balances)");
  problems = run_check (f);
  g_assert_cmpuint (problems->len, >=, 2);
  g_assert_true (has_problem_with (problems, "stored balance"));
  g_assert_true (has_problem_with (problems, "debits minus credits"));
  g_assert_true (has_problem_with (problems, "C0000"));
}

static void
test_balance_deleted (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper (f, "DELETE FROM balances"
             " WHERE debtor_id = (SELECT min (debtor_id) FROM balances WHERE balance <> 0)");
  problems = run_check (f);
  g_assert_true (has_problem_with (problems, "no balance is stored"));
}

static void
test_open_item_deleted (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper (f, "DELETE FROM open_items WHERE entry_id = (SELECT min (entry_id) FROM open_items)");
  problems = run_check (f);
  g_assert_cmpuint (problems->len, >=, 1);
  g_assert_true (has_problem_with (problems, "no open item is stored"));
}

static void
test_open_item_changed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper (f, "UPDATE open_items SET due_jd = due_jd + 30"
             " WHERE entry_id = (SELECT max (entry_id) FROM open_items)");
  problems = run_check (f);
  g_assert_true (has_problem_with (problems, "does not match the journal"));
}

static void
test_all_open_items_deleted (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper (f, "DELETE FROM open_items");
  problems = run_check (f);
  /* Many problems, listed up to a cap and then counted. */
  g_assert_cmpuint (problems->len, >=, 50);
  g_assert_cmpuint (problems->len, <=, 102);
}

static void
test_allocation_changed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper (f, "UPDATE allocations SET amount = amount + 100"
             " WHERE (source_id, target_id) ="
             "  (SELECT source_id, target_id FROM allocations ORDER BY 1, 2 LIMIT 1)");
  problems = run_check (f);
  g_assert_true (has_problem_with (problems, "the stored allocation of entry"));
}

static void
test_allocation_deleted (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper (f, "DELETE FROM allocations"
             " WHERE (source_id, target_id) ="
             "  (SELECT source_id, target_id FROM allocations ORDER BY 1, 2 LIMIT 1)");
  problems = run_check (f);
  g_assert_true (has_problem_with (problems, "no such allocation is stored"));
}

static void
test_allocation_invented (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  /* A credit allocated to itself, and far beyond its amount. */
  tamper (f, "INSERT INTO allocations (source_id, target_id, debtor_id, currency, amount, seq)"
             " SELECT id, id, debtor_id, currency, amount * 10, 99 FROM entries"
             " WHERE kind = 'payment' ORDER BY id LIMIT 1");
  problems = run_check (f);
  g_assert_true (has_problem_with (problems, "recomputing allocates nothing there"));
  g_assert_true (has_problem_with (problems, "more than its amount"));
  g_assert_true (has_problem_with (problems, "only a credit can pay a debit"));
}

static void
test_foreign_key (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  /* The raw connection does not enforce foreign keys. */
  tamper (f, "INSERT INTO allocations (source_id, target_id, debtor_id, currency, amount, seq)"
             " VALUES (999999, 999998, 424242, 'USD', 100, 0)");
  problems = run_check (f);
  g_assert_true (has_problem_with (problems, "refers to a missing row"));
  g_assert_true (has_problem_with (problems, "#424242"));
}

static void
test_audit_missing (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper (f, "DROP TRIGGER audit_append_only_delete;"
             "DELETE FROM audit WHERE table_name = 'entries'"
             " AND row_id = (SELECT max (id) FROM entries);"
             "DELETE FROM audit WHERE table_name = 'debtors' AND row_id = 1;"
             "DELETE FROM audit WHERE table_name = 'invoices' AND row_id = 1");
  problems = run_check (f);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_true (has_problem_with (problems, "has no audit record"));
  g_assert_true (has_problem_with (problems, "Debtor C000001 has no audit record"));
  g_assert_true (has_problem_with (problems, "Invoice “INV-000001” has no audit record"));
}

/* Dunning, plans and promises ------------------------------------------------------------- */

static void
audit_action (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  sqlite3_result_text (context, "tamper", -1, SQLITE_STATIC);
}

static void
audit_row_level (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  sqlite3_result_int (context, 1);
}

/* Like tamper(), for tables whose audit triggers call the ledger's SQL functions, and with
 * CHECK constraints off so that a value the schema refuses can be written. */
static void
tamper_audited (Fixture    *f,
                const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_create_function (db, "ar_audit_action", 0, SQLITE_UTF8, NULL, audit_action, NULL,
                           NULL);
  sqlite3_create_function (db, "ar_audit_row_level", 0, SQLITE_UTF8, NULL, audit_row_level,
                           NULL, NULL);
  if (sqlite3_exec (db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, &message) !=
      SQLITE_OK)
    g_error ("%s", message);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_changes (db), >, 0);
  sqlite3_close (db);
}

/* One number from the file, through a second connection. */
static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A dunning run as of @as_of, every letter committed with a PDF of its own. */
static void
dunning_run (Fixture *f,
             guint32  as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArDunningPreview) preview = ar_dunning_preview_new (f->ledger, as_of, NULL, &error);
  ArDunningCommitResult result = { 0 };

  g_assert_no_error (error);
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
    {
      ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, i);

      if (p->selected && p->outcome == AR_DUNNING_PROPOSED && !p->hand_over)
        {
          char *text = g_strdup_printf ("%%PDF-1.4 %s L%u", p->external_id, p->level);
          g_autoptr(GBytes) pdf = g_bytes_new_take (text, strlen (text));
          ar_dunning_proposal_set_document (p, pdf);
        }
    }
  g_assert_true (ar_dunning_run_commit (f->ledger, preview, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_letters, >, 0);
}

/* The demo book after two dunning runs (level 1 charges a fee, level 2 interest), a plan that
 * was renegotiated, and a promise. */
static void
fixture_set_up_dunned (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) levels = NULL;
  g_autoptr(ArPlanDraft) draft = NULL;
  g_autoptr(ArPlanDraft) renegotiation = NULL;
  ArDunningLevel level;
  ArPromiseInfo promise = { 0 };
  gint64 debtor, plan;

  fixture_set_up_demo (f, data);
  levels = ar_dunning_levels_load (f->ledger, &error);
  g_assert_no_error (error);
  level = g_array_index (levels, ArDunningLevel, 0);
  level.fee_kind = AR_DUNNING_FEE_PERCENT;
  level.fee_rate_bp = 150;
  g_assert_true (ar_dunning_level_store (f->ledger, &level, &error));
  level = g_array_index (levels, ArDunningLevel, 1);
  level.charges_interest = TRUE;
  g_assert_true (ar_dunning_level_store (f->ledger, &level, &error));
  g_assert_true (ar_dunning_set_interest_regime (f->ledger, 0, "simple", 800, &error));
  g_assert_no_error (error);

  dunning_run (f, day (2026, 3, 15));
  dunning_run (f, day (2026, 4, 15));

  /* A plan for the first active debtor that owes something, then renegotiated. */
  debtor = query_int (f, "SELECT b.debtor_id FROM balances b JOIN debtors d ON d.id = b.debtor_id"
                         " WHERE b.open > 0 AND b.currency = 'USD' AND d.status = 'active'"
                         " ORDER BY b.debtor_id LIMIT 1");
  draft = ar_plan_draft_new (f->ledger, debtor, "USD", day (2026, 4, 16), &error);
  g_assert_no_error (error);
  plan = ar_ledger_save_plan (f->ledger, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan, >, 0);
  renegotiation = ar_plan_draft_new_renegotiation (f->ledger, plan, day (2026, 4, 20), &error);
  g_assert_no_error (error);
  ar_plan_draft_set_down_payment (renegotiation, 1000);
  g_assert_cmpint (ar_ledger_renegotiate_plan (f->ledger, plan, renegotiation, "lost a job",
                                               &error), >, 0);
  g_assert_no_error (error);

  promise.debtor_id = query_int (f, "SELECT max (debtor_id) FROM balances WHERE open > 0"
                                    " AND currency = 'USD'");
  promise.currency = "USD";
  promise.amount = 5000;
  promise.date = day (2026, 4, 30);
  promise.made_on = day (2026, 4, 20);
  promise.channel = AR_ACTIVITY_CALL;
  g_assert_cmpint (ar_ledger_add_promise (f->ledger, &promise, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_dunned_passes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = run_check (f);

  /* The book has what the checks look at. */
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM dunning_items WHERE level = 2"), >, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM dunning_items"
                                 " WHERE fee_entry_id IS NOT NULL"), >, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM dunning_items"
                                 " WHERE interest_entry_id IS NOT NULL"), >, 0);
  /* At least the renegotiated plan and the promise made above (the demo book has its own). */
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM plans WHERE replaces_id IS NOT NULL"),
                   >=, 1);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM plan_schedule WHERE seq = 0"), >=, 1);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM promises"), >=, 1);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_dunning_item_elsewhere (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  /* Another debtor's invoice, and an entry that does not exist. */
  tamper (f, "DROP TRIGGER dunning_items_append_only_update;"
             "UPDATE dunning_items SET entry_id = (SELECT e.id FROM entries e"
             "  WHERE e.kind = 'invoice' AND e.debtor_id <> (SELECT l.debtor_id"
             "    FROM dunning_letters l WHERE l.id = dunning_items.letter_id)"
             "  AND e.id NOT IN (SELECT entry_id FROM dunning_items) ORDER BY e.id LIMIT 1)"
             " WHERE rowid = (SELECT min (rowid) FROM dunning_items);"
             "UPDATE dunning_items SET entry_id = 999999"
             " WHERE rowid = (SELECT max (rowid) FROM dunning_items)");
  problems = run_check (f);
  g_assert_true (has_problem_with (problems, "which belongs to debtor"));
  g_assert_true (has_problem_with (problems, "lists entry 999999, which does not exist"));
}

static void
test_dunning_item_not_invoice (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper (f, "DROP TRIGGER dunning_items_append_only_update;"
             "UPDATE dunning_items SET entry_id = (SELECT e.id FROM entries e"
             "  JOIN dunning_letters l ON l.id = dunning_items.letter_id"
             "  WHERE e.kind = 'payment' AND e.debtor_id = l.debtor_id"
             "  AND e.currency = l.currency ORDER BY e.id LIMIT 1)"
             " WHERE rowid = (SELECT min (i.rowid) FROM dunning_items i"
             "  JOIN dunning_letters l ON l.id = i.letter_id JOIN entries e"
             "  ON e.debtor_id = l.debtor_id AND e.currency = l.currency AND e.kind = 'payment')");
  problems = run_check (f);
  g_assert_true (has_problem_with (problems, "a payment: only an invoice or a refund"));
}

static void
test_dunning_level_undefined (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper (f, "DROP TRIGGER dunning_items_append_only_update;"
             "UPDATE dunning_items SET level = 8"
             " WHERE rowid = (SELECT max (rowid) FROM dunning_items WHERE level = 2)");
  problems = run_check (f);
  g_assert_true (has_problem_with (problems, "at level 8, which is not defined and never was"));
  g_assert_true (has_problem_with (problems, "no letter took it to level 7"));
  g_assert_true (has_problem_with (problems, "the highest level its items reached with it is 8"));
}

/* A level removed after letters were sent at it is explained by the audit trail. */
static void
test_dunning_level_removed (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_autoptr(GArray) levels = NULL;
  ArDunningLevel level6;
  ArDunningLevel *level5;

  /* The demo book has letters at every level it defines, so add a level 6 (the hand-over moves
   * there, level 5 becomes a letter), then remove it again before any letter reaches it. */
  levels = ar_dunning_levels_load (f->ledger, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (levels->len, ==, 5);
  level5 = &g_array_index (levels, ArDunningLevel, 4);
  level6 = *level5;
  level6.level = 6;
  level6.days_past_due = level5->days_past_due + 15;
  level5->hand_over = FALSE;
  level5->template_level = 4;
  level5->deadline_days = 14;
  g_assert_true (ar_ledger_begin (f->ledger, "test-levels", &error));
  g_assert_true (ar_dunning_level_store (f->ledger, level5, &error));
  g_assert_no_error (error);
  g_assert_true (ar_dunning_level_store (f->ledger, &level6, &error));
  g_assert_no_error (error);
  g_assert_true (ar_ledger_commit (f->ledger, &error));
  g_assert_true (ar_dunning_level_remove (f->ledger, 6, &error));
  g_assert_no_error (error);
  tamper (f, "DROP TRIGGER dunning_items_append_only_update;"
             "UPDATE dunning_items SET level = 6"
             " WHERE rowid = (SELECT max (rowid) FROM dunning_items WHERE level = 2)");
  problems = run_check (f);
  g_assert_false (has_problem_with (problems, "not defined and never was"));
  g_assert_true (has_problem_with (problems, "no letter took it to level 5"));
}

static void
test_dunning_level_skipped (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper (f, "DROP TRIGGER dunning_items_append_only_delete;"
             "DELETE FROM dunning_items WHERE level = 1 AND entry_id ="
             " (SELECT min (entry_id) FROM dunning_items WHERE level = 2)");
  problems = run_check (f);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (has_problem_with (problems, "to level 2, but no letter took it to level 1"));
}

static void
test_dunning_charges (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  /* A payment as the fee; another item's interest; an entry that does not exist. */
  tamper (f, "DROP TRIGGER dunning_items_append_only_update;"
             "UPDATE dunning_items SET fee_entry_id ="
             " (SELECT min (id) FROM entries WHERE kind = 'payment')"
             " WHERE rowid = (SELECT min (rowid) FROM dunning_items"
             "                WHERE fee_entry_id IS NOT NULL);"
             "UPDATE dunning_items SET interest_entry_id ="
             " (SELECT i.interest_entry_id FROM dunning_items i"
             "  JOIN entries a ON a.id = i.entry_id JOIN entries b ON b.id = dunning_items.entry_id"
             "  WHERE i.interest_entry_id IS NOT NULL AND a.invoice_id <> b.invoice_id LIMIT 1)"
             " WHERE rowid = (SELECT min (rowid) FROM dunning_items"
             "                WHERE interest_entry_id IS NOT NULL);"
             "UPDATE dunning_items SET fee_entry_id = 888888"
             " WHERE rowid = (SELECT max (rowid) FROM dunning_items"
             "                WHERE fee_entry_id IS NOT NULL)");
  problems = run_check (f);
  g_assert_true (has_problem_with (problems, "a payment, not a fee"));
  g_assert_true (has_problem_with (problems, "does not name the item’s invoice"));
  g_assert_true (has_problem_with (problems, "is entry 888888, which does not exist"));
}

static void
test_dunning_letter_kept (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  /* One letter's PDF changed after it was sent; another letter's activity gone. */
  tamper_audited (f, "UPDATE activities SET document = X'255044462d'"
                     " WHERE id = (SELECT min (activity_id) FROM dunning_letters)");
  tamper (f, "DROP TRIGGER dunning_letters_append_only_update;"
             "UPDATE dunning_letters SET activity_id = 777777"
             " WHERE id = (SELECT max (id) FROM dunning_letters WHERE hand_over = 0)");
  problems = run_check (f);
  g_assert_true (has_problem_with (problems, "does not match its SHA-256"));
  g_assert_true (has_problem_with (problems, "names activity 777777, which does not exist"));
}

static void
test_plan_schedule (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper (f, "DROP TRIGGER plan_schedule_append_only_update;"
             "UPDATE plan_schedule SET amount = amount + 1"
             " WHERE id = (SELECT max (id) FROM plan_schedule)");
  problems = run_check (f);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (has_problem_with (problems, "its schedule comes to"));
}

static void
test_plan_down_payment (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  /* The down payment taken out of the schedule and paid as an instalment instead. */
  tamper (f, "DROP TRIGGER plan_schedule_append_only_update;"
             "UPDATE plan_schedule SET seq = 99 WHERE seq = 0");
  problems = run_check (f);
  g_assert_true (has_problem_with (problems, "its down payment is 10.00 USD, but the schedule "
                                             "has 0.00 USD"));
  g_assert_true (has_problem_with (problems, "instalments, but the schedule has"));
}

static void
test_plan_invoice_elsewhere (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper (f, "DROP TRIGGER plan_invoices_append_only_update;"
             "UPDATE plan_invoices SET invoice_id = (SELECT i.id FROM invoices i, plans p"
             "  WHERE p.id = plan_invoices.plan_id AND i.debtor_id <> p.debtor_id"
             "  ORDER BY i.id LIMIT 1)"
             " WHERE id = (SELECT max (id) FROM plan_invoices)");
  problems = run_check (f);
  g_assert_true (has_problem_with (problems, "covers invoice"));
  g_assert_true (has_problem_with (problems, "which belongs to debtor"));
}

static void
test_plan_replaces_running (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper_audited (f, "DROP TRIGGER plans_terms_fixed;"
                     "UPDATE plans SET state = NULL, ended_on = NULL"
                     " WHERE id = (SELECT replaces_id FROM plans WHERE replaces_id IS NOT NULL)");
  problems = run_check (f);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (has_problem_with (problems, "which was neither cancelled nor renegotiated"));
}

static void
test_promise_amount (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  tamper_audited (f, "DROP TRIGGER promises_terms_fixed;"
                     "UPDATE promises SET amount = -500"
                     " WHERE id = (SELECT max (id) FROM promises)");
  problems = run_check (f);
  /* SQLite's own check sees the CHECK constraint broken; ours says what it means. */
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_true (has_problem_with (problems, "CHECK constraint failed in promises"));
  g_assert_true (has_problem_with (problems, "is for -5.00 USD: a promise is for a positive "
                                             "amount"));
}

/* Statuses a person sets by hand are warnings, never problems, and each is borne out by its
 * record: a running plan, a pending promise, a dispute in force. */
static GPtrArray *
run_statuses (Fixture *f,
              guint32  as_of)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (ar_check_statuses (f->ledger, as_of, warnings, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < warnings->len; i++)
    g_test_message ("warning: %s", (char *) g_ptr_array_index (warnings, i));
  return warnings;
}

static gint64
debtor_with_invoice (Fixture    *f,
                     const char *external_id,
                     const char *number)
{
  g_autoptr(GError) error = NULL;
  ArDebtorInfo d = { .external_id = external_id, .name = "Someone" };
  ArInvoiceInfo inv = { 0, number, day (2026, 1, 5), day (2026, 2, 4), "USD", 50000, NULL,
                        NULL };
  gint64 id = 0;

  g_assert_true (ar_ledger_add_debtor (f->ledger, &d, &id, &error));
  inv.debtor_id = id;
  g_assert_true (ar_ledger_add_invoice (f->ledger, &inv, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static void
test_statuses (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  gint64 a = debtor_with_invoice (f, "S-PLAN", "S-1");
  gint64 b = debtor_with_invoice (f, "S-PROMISE", "S-2");
  gint64 c = debtor_with_invoice (f, "S-DISPUTE", "S-3");
  gint64 hold_id = 0;
  ArPromiseInfo promise = {
    .debtor_id = b, .currency = "USD", .amount = 10000, .date = day (2026, 3, 10),
    .channel = AR_ACTIVITY_CALL, .made_on = day (2026, 3, 1),
  };
  ArHoldInfo hold = {
    .debtor_id = c, .kind = AR_HOLD_DISPUTE, .reason = "Never got the parts",
    .start = day (2026, 3, 2),
  };

  g_assert_true (ar_ledger_set_debtor_status (f->ledger, a, AR_STATUS_PLAN, &error));
  g_assert_true (ar_ledger_set_debtor_status (f->ledger, b, AR_STATUS_PROMISE, &error));
  g_assert_true (ar_ledger_set_debtor_status (f->ledger, c, AR_STATUS_DISPUTED, &error));
  g_assert_no_error (error);

  /* Nothing behind any of the three: three warnings, and the ledger itself is sound. */
  problems = run_check (f);
  g_assert_cmpuint (problems->len, ==, 0);
  warnings = run_statuses (f, day (2026, 3, 5));
  g_assert_cmpuint (warnings->len, ==, 3);
  g_assert_true (has_problem_with (warnings, "Debtor S-PLAN has the status plan, but none of "
                                             "their plans is running on 2026-03-05."));
  g_assert_true (has_problem_with (warnings, "Debtor S-PROMISE has the status promise"));
  g_assert_true (has_problem_with (warnings, "Debtor S-DISPUTE has the status disputed"));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* The promise and the dispute recorded: only the plan is left. */
  g_assert_cmpint (ar_ledger_add_promise (f->ledger, &promise, &error), >, 0);
  g_assert_true (ar_hold_place (f->ledger, &hold, &hold_id, &error));
  g_assert_no_error (error);
  warnings = run_statuses (f, day (2026, 3, 5));
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (has_problem_with (warnings, "S-PLAN"));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* The day before the dispute started it was not in force yet. */
  warnings = run_statuses (f, day (2026, 3, 1));
  g_assert_true (has_problem_with (warnings, "S-DISPUTE"));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Past its date and grace, unpaid, the promise is broken: the status no longer holds. Once
   * released, the dispute is not in force either. */
  g_assert_true (ar_hold_release (f->ledger, hold_id, day (2026, 3, 20), "Settled", &error));
  g_assert_no_error (error);
  warnings = run_statuses (f, day (2026, 3, 19));
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_true (has_problem_with (warnings, "S-PROMISE has the status promise, but none of "
                                             "their promises is pending on 2026-03-19."));
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = run_statuses (f, day (2026, 3, 20));
  g_assert_cmpuint (warnings->len, ==, 3);
}

/* The demo book's statuses are all borne out on the day it was made. */
static void
test_demo_statuses (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) warnings = run_statuses (f, day (2026, 3, 15));

  g_assert_cmpuint (warnings->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("arrears-test-check-XXXXXX", &error);
  g_assert_no_error (error);

#define ADD(path, set_up, func) \
  g_test_add (path, Fixture, NULL, set_up, func, fixture_tear_down)

  ADD ("/check/empty", fixture_set_up_empty, test_empty);
  ADD ("/check/demo-passes", fixture_set_up_demo, test_demo_passes);
  ADD ("/check/hand-book-passes", fixture_set_up_empty, test_hand_book_passes);
  ADD ("/check/balance-tampered", fixture_set_up_demo, test_balance_tampered);
  ADD ("/check/balance-deleted", fixture_set_up_demo, test_balance_deleted);
  ADD ("/check/open-item-deleted", fixture_set_up_demo, test_open_item_deleted);
  ADD ("/check/open-item-changed", fixture_set_up_demo, test_open_item_changed);
  ADD ("/check/all-open-items-deleted", fixture_set_up_demo, test_all_open_items_deleted);
  ADD ("/check/allocation-changed", fixture_set_up_demo, test_allocation_changed);
  ADD ("/check/allocation-deleted", fixture_set_up_demo, test_allocation_deleted);
  ADD ("/check/allocation-invented", fixture_set_up_demo, test_allocation_invented);
  ADD ("/check/foreign-key", fixture_set_up_demo, test_foreign_key);
  ADD ("/check/audit-missing", fixture_set_up_demo, test_audit_missing);
  ADD ("/check/dunned-passes", fixture_set_up_dunned, test_dunned_passes);
  ADD ("/check/dunning-item-elsewhere", fixture_set_up_dunned, test_dunning_item_elsewhere);
  ADD ("/check/dunning-item-not-invoice", fixture_set_up_dunned, test_dunning_item_not_invoice);
  ADD ("/check/dunning-level-undefined", fixture_set_up_dunned, test_dunning_level_undefined);
  ADD ("/check/dunning-level-removed", fixture_set_up_dunned, test_dunning_level_removed);
  ADD ("/check/dunning-level-skipped", fixture_set_up_dunned, test_dunning_level_skipped);
  ADD ("/check/dunning-charges", fixture_set_up_dunned, test_dunning_charges);
  ADD ("/check/dunning-letter-kept", fixture_set_up_dunned, test_dunning_letter_kept);
  ADD ("/check/plan-schedule", fixture_set_up_dunned, test_plan_schedule);
  ADD ("/check/plan-down-payment", fixture_set_up_dunned, test_plan_down_payment);
  ADD ("/check/plan-invoice-elsewhere", fixture_set_up_dunned, test_plan_invoice_elsewhere);
  ADD ("/check/plan-replaces-running", fixture_set_up_dunned, test_plan_replaces_running);
  ADD ("/check/promise-amount", fixture_set_up_dunned, test_promise_amount);
  ADD ("/check/statuses", fixture_set_up_empty, test_statuses);
  ADD ("/check/demo-statuses", fixture_set_up_demo, test_demo_statuses);

#undef ADD

  ret = g_test_run ();
  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
