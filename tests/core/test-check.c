/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ar-check.h"
#include "ar-date.h"
#include "ar-demo.h"
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

#undef ADD

  ret = g_test_run ();
  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
