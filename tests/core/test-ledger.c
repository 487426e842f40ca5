/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ar-activity.h"
#include "ar-date.h"
#include "ar-ledger-private.h"
#include "ar-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  ArLedger *ledger;
  gint64    debtor;
  gint64    other;
} Fixture;

static guint32
jd (const char *iso)
{
  return ar_date_parse_julian (iso, NULL);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ArDebtorInfo a = { .external_id = "C1", .name = "Zoë Ångström", .kind = AR_DEBTOR_CONSUMER };
  ArDebtorInfo b = { .external_id = "C2", .name = "王小明", .kind = AR_DEBTOR_BUSINESS };

  f->dir = g_dir_make_tmp ("arrears-test-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "book.arrears", NULL);
  f->ledger = ar_ledger_create (f->path, NULL);
  g_assert_nonnull (f->ledger);
  g_assert_true (ar_ledger_add_debtor (f->ledger, &a, &f->debtor, NULL));
  g_assert_true (ar_ledger_add_debtor (f->ledger, &b, &f->other, NULL));
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
add_invoice (Fixture *f, gint64 debtor, const char *number, const char *issue, const char *due,
             gint64 amount, const char *currency)
{
  ArInvoiceInfo info = {
    .debtor_id = debtor, .number = number, .issue_date = jd (issue), .due_date = jd (due),
    .currency = currency, .amount = amount, .description = "Crown, upper left",
  };
  gint64 id = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_add_invoice (f->ledger, &info, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gboolean
post (Fixture *f, ArEntryKind kind, const char *date, gint64 amount, gint64 invoice,
      gint64 *out, GError **error)
{
  ArPosting p = {
    .debtor_id = f->debtor, .kind = kind, .date = jd (date), .amount = amount,
    .currency = "USD", .invoice_id = invoice, .reference = "ref",
  };
  return ar_ledger_post (f->ledger, &p, out, error);
}

static gint64
count (ArLedger *ledger, const char *sql)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, len);
}

/* The file ---------------------------------------------------------------------------------- */

static void
test_create_mode_and_identity (Fixture *f, gconstpointer data)
{
  GStatBuf st;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) again = NULL;
  sqlite3 *raw;
  sqlite3_stmt *stmt;

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_null (ar_ledger_create (f->path, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open_v2 (f->path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (raw, "PRAGMA application_id", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, AR_LEDGER_APPLICATION_ID);
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (raw, "PRAGMA user_version", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, AR_LEDGER_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);

  g_clear_object (&f->ledger);
  again = ar_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ar_ledger_lookup_debtor (again, "C2"), ==, f->other);
  g_assert_cmpint (count (again, "PRAGMA foreign_keys"), ==, 1);
}

static void
test_refuses_non_sqlite (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "notes.arrears", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "debtor,amount\nC1,10.00\n", -1, NULL));
  before = file_digest (path);
  g_assert_null (ar_ledger_open (path, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_A_LEDGER);
  g_assert_nonnull (strstr (error->message, "not an SQLite database"));
  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_null (ar_ledger_open (path, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_A_LEDGER);

  g_clear_error (&error);
  g_assert_null (ar_ledger_open ("/nonexistent/book.arrears", &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND);
}

static void
test_refuses_foreign_sqlite (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE t (x); INSERT INTO t VALUES (1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  before = file_digest (path);
  g_assert_null (ar_ledger_open (path, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_A_LEDGER);
  g_assert_nonnull (strstr (error->message, "another application"));
  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuses_newer (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw;

  g_clear_object (&f->ledger);
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA user_version = 99", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (raw);
  before = file_digest (f->path);
  g_assert_null (ar_ledger_open (f->path, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
  after = file_digest (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* Append-only and audit ---------------------------------------------------------------------- */

static void
test_append_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *raw;
  char *message = NULL;

  add_invoice (f, f->debtor, "INV-1", "2026-01-01", "2026-01-31", 10000, "USD");

  g_assert_false (_ar_ledger_exec (f->ledger, "UPDATE entries SET amount = 1", &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_APPEND_ONLY);
  g_clear_error (&error);
  g_assert_false (_ar_ledger_exec (f->ledger, "DELETE FROM entries", &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_APPEND_ONLY);
  g_clear_error (&error);
  g_assert_false (_ar_ledger_exec (f->ledger, "UPDATE invoices SET amount = 1", &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_APPEND_ONLY);
  g_clear_error (&error);
  g_assert_false (_ar_ledger_exec (f->ledger, "DELETE FROM audit", &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_APPEND_ONLY);
  g_clear_error (&error);

  /* A tool that goes around Arrears can't write at all: the audit triggers need the function
   * only Arrears registers, and the append-only triggers stand behind them. */
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DELETE FROM entries", NULL, NULL, &message), !=,
                   SQLITE_OK);
  g_assert_true (strstr (message, "append-only") || strstr (message, "ar_audit_action"));
  sqlite3_free (message);
  sqlite3_close (raw);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM entries"), ==, 1);
}

static void
test_audit_records_every_write (Fixture *f, gconstpointer data)
{
  gint64 inv, pay;

  inv = add_invoice (f, f->debtor, "INV-1", "2026-01-01", "2026-01-31", 10000, "USD");
  g_assert_true (post (f, AR_ENTRY_PAYMENT, "2026-02-01", 2500, inv, &pay, NULL));

  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit WHERE table_name = 'debtors'"
                                     " AND action = 'add-debtor'"), ==, 2);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit WHERE table_name = 'invoices'"
                                     " AND action = 'add-invoice'"), ==, 1);
  /* Entries are append-only: their audit record names the row, which can never change. */
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit a JOIN entries e"
                                     " ON a.table_name = 'entries' AND e.id = a.row_id"
                                     " WHERE a.action = 'payment' AND e.amount = 2500"), ==, 1);
  /* Mutable rows are copied whole. */
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit WHERE table_name = 'debtors'"
                                     " AND json_extract (new_values, '$.name') = '王小明'"), ==, 1);
  /* Updates keep the old and the new values. */
  g_assert_true (ar_ledger_set_setting (f->ledger, "aging.limits", "30,60,90", NULL));
  g_assert_true (ar_ledger_set_setting (f->ledger, "aging.limits", "15,30", NULL));
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit WHERE table_name = 'settings'"
                                     " AND json_extract (old_values, '$.value') = '30,60,90'"
                                     " AND json_extract (new_values, '$.value') = '15,30'"), ==, 1);
}

static void
test_failed_write_changes_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 audit_before = count (f->ledger, "SELECT count (*) FROM audit");
  ArInvoiceInfo dup = {
    .debtor_id = f->debtor, .number = "INV-1", .issue_date = jd ("2026-01-01"),
    .due_date = jd ("2026-01-31"), .currency = "USD", .amount = 500,
  };

  add_invoice (f, f->debtor, "INV-1", "2026-01-01", "2026-01-31", 10000, "USD");
  audit_before = count (f->ledger, "SELECT count (*) FROM audit");
  g_assert_false (ar_ledger_add_invoice (f->ledger, &dup, NULL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "invoice_number: invoice “INV-1”"));
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit"), ==, audit_before);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM entries"), ==, 1);

  /* A transaction rolled back by its caller leaves nothing either. */
  g_assert_true (ar_ledger_begin (f->ledger, "batch", NULL));
  add_invoice (f, f->debtor, "INV-2", "2026-01-01", "2026-01-31", 300, "USD");
  ar_ledger_rollback (f->ledger);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM invoices"), ==, 1);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit"), ==, audit_before);
}

/* Posting rules ------------------------------------------------------------------------------ */

static void
test_stored_allocation_follows_postings (Fixture *f, gconstpointer data)
{
  gint64 a, b, balance, unapplied, open;

  a = add_invoice (f, f->debtor, "INV-1", "2026-01-01", "2026-01-31", 10000, "USD");
  b = add_invoice (f, f->debtor, "INV-2", "2026-02-01", "2026-03-02", 5000, "USD");
  g_assert_true (post (f, AR_ENTRY_PAYMENT, "2026-02-10", 12000, 0, NULL, NULL));
  g_assert_true (ar_ledger_get_balance (f->ledger, f->debtor, "USD", &balance, &unapplied, NULL));
  g_assert_cmpint (balance, ==, 3000);
  g_assert_cmpint (unapplied, ==, 0);
  g_assert_true (ar_ledger_get_invoice_open (f->ledger, a, &open, NULL));
  g_assert_cmpint (open, ==, 0);
  g_assert_true (ar_ledger_get_invoice_open (f->ledger, b, &open, NULL));
  g_assert_cmpint (open, ==, 3000);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM open_items"), ==, 1);
}

static void
test_refund_limited_to_credit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 balance, unapplied;

  add_invoice (f, f->debtor, "INV-1", "2026-01-01", "2026-01-31", 10000, "USD");
  g_assert_true (post (f, AR_ENTRY_PAYMENT, "2026-02-10", 10500, 0, NULL, NULL));
  g_assert_false (post (f, AR_ENTRY_REFUND, "2026-02-11", 501, 0, NULL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "credit on account"));
  /* Backdated before the overpayment, there was no credit to refund. */
  g_clear_error (&error);
  g_assert_false (post (f, AR_ENTRY_REFUND, "2026-02-09", 500, 0, NULL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_assert_true (post (f, AR_ENTRY_REFUND, "2026-02-11", 500, 0, NULL, NULL));
  g_assert_true (ar_ledger_get_balance (f->ledger, f->debtor, "USD", &balance, &unapplied, NULL));
  g_assert_cmpint (balance, ==, 0);
  g_assert_cmpint (unapplied, ==, 0);
}

static void
test_failed_post_inside_transaction_keeps_allocation (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 balance, unapplied;

  /* A refund refused inside a batch has recomputed (and then rolled back) the allocation of a
   * debtor whose invoice stands; the batch's commit must recompute it again. */
  g_assert_true (ar_ledger_begin (f->ledger, "batch", NULL));
  add_invoice (f, f->debtor, "INV-1", "2026-01-01", "2026-01-31", 10000, "USD");
  g_assert_false (post (f, AR_ENTRY_REFUND, "2026-02-01", 100, 0, NULL, &error));
  g_assert_true (ar_ledger_commit (f->ledger, NULL));
  g_assert_true (ar_ledger_get_balance (f->ledger, f->debtor, "USD", &balance, &unapplied, NULL));
  g_assert_cmpint (balance, ==, 10000);
  g_assert_cmpint (count (f->ledger, "SELECT balance FROM balances"), ==, 10000);
}

static void
test_write_off_and_reversal_rules (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 inv, pay, rev, wo, open;

  inv = add_invoice (f, f->debtor, "INV-1", "2026-01-01", "2026-01-31", 10000, "USD");
  g_assert_true (post (f, AR_ENTRY_PAYMENT, "2026-02-10", 4000, inv, &pay, NULL));

  /* Write-off of "all that is open" takes the open 60.00. */
  g_assert_true (post (f, AR_ENTRY_WRITE_OFF, "2026-03-01", 0, inv, &wo, NULL));
  g_assert_cmpint (count (f->ledger, "SELECT amount FROM entries WHERE kind = 'write_off'"), ==,
                   6000);
  g_assert_false (post (f, AR_ENTRY_WRITE_OFF, "2026-03-02", 0, inv, NULL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);

  /* The payment bounces: reversing it reopens the 40.00 it paid. */
  g_assert_false (ar_ledger_reverse (f->ledger, pay, jd ("2026-03-05"), "  ", NULL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ar_ledger_reverse (f->ledger, pay, jd ("2026-02-01"), "bounced", NULL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ar_ledger_reverse (f->ledger, pay, jd ("2026-03-05"), "cheque bounced", &rev,
                                    NULL));
  g_assert_true (ar_ledger_get_invoice_open (f->ledger, inv, &open, NULL));
  g_assert_cmpint (open, ==, 4000);

  g_assert_false (ar_ledger_reverse (f->ledger, pay, jd ("2026-03-06"), "again", NULL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ar_ledger_reverse (f->ledger, rev, jd ("2026-03-06"), "undo", NULL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
}

static void
test_posting_checks (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 inv, eur;
  ArPosting p = { .debtor_id = f->other, .kind = AR_ENTRY_PAYMENT, .date = jd ("2026-02-01"),
                  .amount = 100, .currency = "USD" };

  inv = add_invoice (f, f->debtor, "INV-1", "2026-01-01", "2026-01-31", 10000, "USD");
  eur = add_invoice (f, f->debtor, "INV-2", "2026-01-01", "2026-01-31", 10000, "EUR");

  p.invoice_id = inv;
  g_assert_false (ar_ledger_post (f->ledger, &p, NULL, &error));
  g_assert_nonnull (strstr (error->message, "belongs to another debtor"));
  g_clear_error (&error);

  g_assert_false (post (f, AR_ENTRY_PAYMENT, "2026-02-01", 100, eur, NULL, &error));
  g_assert_nonnull (strstr (error->message, "currency: USD does not match"));
  g_clear_error (&error);

  g_assert_false (post (f, AR_ENTRY_PAYMENT, "2026-02-01", 0, inv, NULL, &error));
  g_assert_nonnull (strstr (error->message, "greater than zero"));
  g_clear_error (&error);

  g_assert_false (post (f, AR_ENTRY_PAYMENT, "2026-02-01", G_MAXINT64, inv, NULL, &error));
  g_assert_nonnull (strstr (error->message, "larger than Arrears accepts"));
  g_clear_error (&error);

  g_assert_false (post (f, AR_ENTRY_REFUND, "2026-02-01", 100, inv, NULL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);

  /* Currencies never mix: the EUR invoice stays open whatever USD arrives. */
  g_assert_true (post (f, AR_ENTRY_PAYMENT, "2026-02-01", 20000, 0, NULL, NULL));
  g_assert_cmpint (count (f->ledger, "SELECT open FROM open_items WHERE currency = 'EUR'"), ==,
                   10000);
  g_assert_cmpint (count (f->ledger, "SELECT unapplied FROM balances WHERE currency = 'USD'"),
                   ==, 10000);
}

static void
test_backup (Fixture *f, gconstpointer data)
{
  g_autofree char *dest = g_build_filename (f->dir, "copy.arrears", NULL);
  g_autoptr(ArLedger) copy = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  add_invoice (f, f->debtor, "INV-1", "2026-01-01", "2026-01-31", 10000, "USD");
  g_assert_true (ar_ledger_backup (f->ledger, dest, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dest, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  copy = ar_ledger_open (dest, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (copy, "SELECT count (*) FROM invoices"), ==, 1);
  g_assert_false (ar_ledger_backup (f->ledger, dest, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_EXISTS);
}

static gboolean
collect_activity (const ArActivityRow *row, gpointer user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%s|%s|%s|%s", ar_activity_kind_to_string (row->kind),
                                               row->outcome, row->summary,
                                               row->document_name ? row->document_name : "-"));
  return TRUE;
}

static void
test_contact_log (Fixture *f, gconstpointer data)
{
  static const char pdf[] = "%PDF-1.4 a letter";
  g_autoptr(GBytes) doc = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2026, 11, 16, 9, 30, 0);
  g_autoptr(GDateTime) tuesday = g_date_time_new_utc (2026, 11, 17, 14, 0, 0);
  g_autoptr(GError) error = NULL;
  ArActivityInfo call = { .debtor_id = f->debtor, .kind = AR_ACTIVITY_CALL,
                          .direction = AR_DIRECTION_OUT, .occurred_at = monday,
                          .outcome = "promised_to_pay", .summary = "Will pay Friday",
                          .next_action_date = jd ("2026-11-20") };
  ArActivityInfo letter = { .debtor_id = f->debtor, .kind = AR_ACTIVITY_LETTER,
                            .direction = AR_DIRECTION_OUT, .occurred_at = tuesday,
                            .summary = "First notice", .document = doc,
                            .document_name = "notice.pdf" };
  gint64 call_id, letter_id;

  g_assert_true (ar_ledger_add_activity (f->ledger, &call, &call_id, &error));
  g_assert_no_error (error);
  g_assert_true (ar_ledger_add_activity (f->ledger, &letter, &letter_id, NULL));
  g_assert_true (ar_ledger_list_activities (f->ledger, f->debtor, collect_activity, rows, NULL));
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, "letter||First notice|notice.pdf");
  g_assert_cmpstr (g_ptr_array_index (rows, 1), ==, "call|promised_to_pay|Will pay Friday|-");
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM activities"
                                     " WHERE next_action_date = '2026-11-20'"), ==, 1);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit WHERE table_name = 'activities'"
                                     " AND action = 'log-activity'"), ==, 2);

  /* The letter sent is kept byte for byte, and a damaged copy is noticed. */
  back = ar_ledger_get_activity_document (f->ledger, letter_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, doc));
  g_assert_null (ar_ledger_get_activity_document (f->ledger, call_id, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (ar_ledger_begin (f->ledger, "tamper", NULL));
  g_assert_true (_ar_ledger_exec (f->ledger, "UPDATE activities SET document = x'00'"
                                             " WHERE document IS NOT NULL", NULL));
  g_assert_true (ar_ledger_commit (f->ledger, NULL));
  g_assert_null (ar_ledger_get_activity_document (f->ledger, letter_id, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
}

static void
test_company_logo (Fixture *f, gconstpointer data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  g_autoptr(GBytes) image = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) text = g_bytes_new_static ("hello", 5);
  g_autoptr(GBytes) back = NULL;
  g_autofree char *mime = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (ar_ledger_get_company_logo (f->ledger, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (ar_ledger_set_company_logo (f->ledger, text, "image/png", &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_assert_true (ar_ledger_set_company_logo (f->ledger, image, "image/png", NULL));
  back = ar_ledger_get_company_logo (f->ledger, &mime, NULL);
  g_assert_true (g_bytes_equal (back, image));
  g_assert_cmpstr (mime, ==, "image/png");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/ledger/file/create", test_create_mode_and_identity);
  ADD ("/ledger/file/refuse-non-sqlite", test_refuses_non_sqlite);
  ADD ("/ledger/file/refuse-foreign", test_refuses_foreign_sqlite);
  ADD ("/ledger/file/refuse-newer", test_refuses_newer);
  ADD ("/ledger/append-only", test_append_only);
  ADD ("/ledger/audit", test_audit_records_every_write);
  ADD ("/ledger/failed-write", test_failed_write_changes_nothing);
  ADD ("/ledger/allocation-stored", test_stored_allocation_follows_postings);
  ADD ("/ledger/refund", test_refund_limited_to_credit);
  ADD ("/ledger/nested-rollback", test_failed_post_inside_transaction_keeps_allocation);
  ADD ("/ledger/write-off-and-reversal", test_write_off_and_reversal_rules);
  ADD ("/ledger/posting-checks", test_posting_checks);
  ADD ("/ledger/backup", test_backup);
  ADD ("/ledger/contact-log", test_contact_log);
  ADD ("/ledger/company-logo", test_company_logo);
#undef ADD
  return g_test_run ();
}
