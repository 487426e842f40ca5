/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <glib/gstdio.h>

#include "ar-aging.h"
#include "ar-csv.h"
#include "ar-date.h"
#include "ar-import.h"
#include "ar-ledger-private.h"
#include "ar-test-util.h"

/* The importer against the real files in tests/fixtures/import. */

typedef struct
{
  char     *dir;
  ArLedger *ledger;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("arrears-import-XXXXXX", NULL);
  path = g_build_filename (f->dir, "book.arrears", NULL);
  f->ledger = ar_ledger_create (path, NULL);
  g_assert_nonnull (f->ledger);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ledger);
  ar_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
fixture_path (const char *set, const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import", set, file, NULL);
}

static void
set_paths (ArImportOptions *options, const char *set)
{
  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    {
      g_autofree char *p = fixture_path (set, ar_import_kind_file_name (k));
      options->paths[k] = g_file_test (p, G_FILE_TEST_EXISTS) ? g_intern_string (p) : NULL;
    }
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
text (ArLedger *ledger, const char *sql)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, sql, NULL);
  char *s;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  s = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return s;
}

static gboolean
has_error (const ArImportResult *r, const char *prefix)
{
  for (guint i = 0; i < r->errors->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (r->errors, i), prefix))
      return TRUE;
  return FALSE;
}

static void
dump_errors (const ArImportResult *r)
{
  for (guint i = 0; i < r->errors->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (r->errors, i));
}

static void
test_good_files (Fixture *f, gconstpointer data)
{
  ArImportOptions options = { { NULL } };
  ArImportResult r;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArAgingReport) report = NULL;
  g_autofree char *name1 = NULL, *name2 = NULL, *line2 = NULL, *desc = NULL, *company = NULL;
  ArAgingConfig config;

  set_paths (&options, "good");
  ar_import_result_init (&r);
  g_assert_true (ar_import_run (f->ledger, &options, &r, &error));
  dump_errors (&r);
  g_assert_no_error (error);
  g_assert_cmpuint (r.rows[AR_IMPORT_DEBTORS], ==, 4);
  g_assert_cmpuint (r.rows[AR_IMPORT_INVOICES], ==, 5);
  g_assert_cmpuint (r.rows[AR_IMPORT_PAYMENTS], ==, 3);
  g_assert_cmpuint (r.n_errors, ==, 0);

  /* Byte-exact: quotes, commas, embedded line breaks, leading spaces, other scripts. */
  name1 = text (f->ledger, "SELECT name FROM debtors WHERE external_id = 'C001'");
  g_assert_cmpstr (name1, ==, "Smith, John \"Jack\"");
  name2 = text (f->ledger, "SELECT name FROM debtors WHERE external_id = 'C002'");
  g_assert_cmpstr (name2, ==, "  Zoë Ångström");
  line2 = text (f->ledger, "SELECT line2 FROM addresses a JOIN debtors d ON d.id = a.debtor_id"
                           " WHERE d.external_id = 'C001'");
  g_assert_cmpstr (line2, ==, "Apt 3\r\n(rear entrance)");
  desc = text (f->ledger, "SELECT description FROM invoices WHERE number = 'INV-2001'");
  g_assert_cmpstr (desc, ==, "  leading spaces kept");
  company = text (f->ledger, "SELECT company FROM debtors WHERE external_id = 'C003'");
  g_assert_cmpstr (company, ==, "小明贸易有限公司");
  g_assert_cmpint (count (f->ledger, "SELECT amount FROM invoices WHERE number = 'INV-3001'"), ==,
                   88000);  /* JPY has no minor unit */
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM emails"), ==, 3);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM imports"), ==, 3);

  /* Aging as of 2026-11-15, worked by hand:
   *  USD  INV-1001 1200.00 − 200.00 (named) − 50.00 (pool) = 950.00, 76 days → 61-90
   *       INV-1002 300.50, 31 days → 31-60
   *  EUR  INV-2001 5000.00 − 1000.00 = 4000.00, 137 days; INV-4001 250.00, 168 days → 91+
   *  JPY  INV-3001 88000, due 2026-11-19 → current */
  ar_aging_config_init_default (&config);
  report = ar_aging_report_compute (f->ledger, ar_date_parse_julian ("2026-11-15", NULL),
                                    &config, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->totals->len, ==, 3);
  {
    ArAgingTotal *eur = &g_array_index (report->totals, ArAgingTotal, 0);
    ArAgingTotal *jpy = &g_array_index (report->totals, ArAgingTotal, 1);
    ArAgingTotal *usd = &g_array_index (report->totals, ArAgingTotal, 2);

    g_assert_cmpstr (eur->currency, ==, "EUR");
    g_assert_cmpint (eur->buckets[4], ==, 425000);
    g_assert_cmpint (eur->total, ==, 425000);
    g_assert_cmpuint (eur->open_debtors, ==, 2);
    g_assert_cmpstr (jpy->currency, ==, "JPY");
    g_assert_cmpint (jpy->buckets[0], ==, 88000);
    g_assert_cmpstr (usd->currency, ==, "USD");
    g_assert_cmpint (usd->buckets[3], ==, 95000);
    g_assert_cmpint (usd->buckets[2], ==, 30050);
    g_assert_cmpint (usd->buckets[1] + usd->buckets[0] + usd->buckets[4], ==, 0);
    g_assert_cmpuint (usd->open_debtors, ==, 1);
  }
  ar_import_result_clear (&r);
}

static void
test_reimport_refused (Fixture *f, gconstpointer data)
{
  ArImportOptions options = { { NULL } };
  ArImportResult r;
  g_autoptr(GError) error = NULL;
  gint64 entries;

  set_paths (&options, "good");
  ar_import_result_init (&r);
  g_assert_true (ar_import_run (f->ledger, &options, &r, NULL));
  ar_import_result_clear (&r);
  entries = count (f->ledger, "SELECT count (*) FROM entries");

  ar_import_result_init (&r);
  g_assert_false (ar_import_run (f->ledger, &options, &r, &error));
  g_assert_error (error, AR_IMPORT_ERROR, AR_IMPORT_ERROR_DUPLICATE);
  g_assert_true (has_error (&r, "payments.csv: this file was already imported on"));
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM entries"), ==, entries);
  ar_import_result_clear (&r);
}

static void
test_dry_run_writes_nothing (Fixture *f, gconstpointer data)
{
  ArImportOptions options = { { NULL } };
  ArImportResult r;
  gint64 audit = count (f->ledger, "SELECT count (*) FROM audit");

  set_paths (&options, "good");
  options.dry_run = TRUE;
  ar_import_result_init (&r);
  g_assert_true (ar_import_run (f->ledger, &options, &r, NULL));
  g_assert_cmpuint (r.rows[AR_IMPORT_INVOICES], ==, 5);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM debtors"), ==, 0);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM imports"), ==, 0);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit"), ==, audit);
  ar_import_result_clear (&r);

  /* A dry run leaves the files importable. */
  options.dry_run = FALSE;
  ar_import_result_init (&r);
  g_assert_true (ar_import_run (f->ledger, &options, &r, NULL));
  ar_import_result_clear (&r);
}

static void
test_bad_files_report_every_problem (Fixture *f, gconstpointer data)
{
  static const char * const expected[] = {
    "debtors.csv:3: name: is empty",
    "debtors.csv:4: email: “not-an-email” is not an email address",
    "debtors.csv:5: country: “XX” is not an ISO 3166-1 alpha-2 country code",
    "debtors.csv:6: id: debtor “D1” appears more than once in this file",
    "debtors.csv:7: row: has 2 fields but the header has 11",
    "debtors.csv:8: name: invalid UTF-8 at byte 5",
    "invoices.csv:3: debtor_id: unknown debtor “D9”",
    "invoices.csv:4: invoice_number: invoice “B-1” appears more than once in this file",
    "invoices.csv:5: issue_date: ",
    "invoices.csv:6: due_date: 2026-02-01 is before the issue date 2026-03-01",
    "invoices.csv:7: amount: ",
    "invoices.csv:8: amount: “-5.00” must be greater than zero",
    "invoices.csv:9: amount: “0.00” must be greater than zero",
    "invoices.csv:10: currency: “US” is not an ISO 4217 currency code",
    "invoices.csv:11: amount: ",
    "invoices.csv:12: invoice_number: is empty",
    "invoices.csv:13: amount: ",
    "payments.csv:2: currency: EUR does not match invoice “B-1”, which is in USD",
    "payments.csv:3: invoice_number: unknown invoice “NOPE”",
    "payments.csv:4: date: ",
    "payments.csv:5: amount: ",
  };
  ArImportOptions options = { { NULL } };
  ArImportResult r;
  g_autoptr(GError) error = NULL;
  gint64 audit = count (f->ledger, "SELECT count (*) FROM audit");

  set_paths (&options, "bad");
  ar_import_result_init (&r);
  g_assert_false (ar_import_run (f->ledger, &options, &r, &error));
  dump_errors (&r);
  g_assert_error (error, AR_IMPORT_ERROR, AR_IMPORT_ERROR_INVALID);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!has_error (&r, expected[i]))
      g_error ("missing error: %s", expected[i]);
  g_assert_cmpuint (r.n_errors, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (r.warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (r.warnings, 0), "“mystery”"));

  /* Valid rows (D1, B-1) were not imported either: one transaction. */
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM debtors"), ==, 0);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM invoices"), ==, 0);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit"), ==, audit);
  ar_import_result_clear (&r);
}

static void
test_error_cap (Fixture *f, gconstpointer data)
{
  ArImportOptions options = { { NULL } };
  ArImportResult r;
  g_autoptr(GError) error = NULL;

  set_paths (&options, "bad");
  options.max_errors = 3;
  ar_import_result_init (&r);
  g_assert_false (ar_import_run (f->ledger, &options, &r, &error));
  g_assert_cmpuint (r.errors->len, ==, 3);
  g_assert_cmpuint (r.n_errors, ==, 21);
  g_assert_nonnull (strstr (error->message, "21 problems"));
  ar_import_result_clear (&r);
}

static void
test_missing_columns (Fixture *f, gconstpointer data)
{
  ArImportOptions options = { { NULL } };
  ArImportResult r;
  g_autoptr(GError) error = NULL;

  set_paths (&options, "missing-columns");
  ar_import_result_init (&r);
  g_assert_false (ar_import_run (f->ledger, &options, &r, &error));
  dump_errors (&r);
  g_assert_true (has_error (&r, "invoices.csv:1: missing required column(s): due_date, amount"));
  ar_import_result_clear (&r);
}

static void
test_syntax_error_stops (Fixture *f, gconstpointer data)
{
  ArImportOptions options = { { NULL } };
  ArImportResult r;
  g_autoptr(GError) error = NULL;

  set_paths (&options, "unterminated-quote");
  ar_import_result_init (&r);
  g_assert_false (ar_import_run (f->ledger, &options, &r, &error));
  g_assert_error (error, AR_CSV_ERROR, AR_CSV_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "debtors.csv:3"));
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM debtors"), ==, 0);
  ar_import_result_clear (&r);
}

static void
test_column_map (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "customers.csv", NULL);
  g_autoptr(GHashTable) map = g_hash_table_new (g_str_hash, g_str_equal);
  ArImportOptions options = { { NULL } };
  ArImportResult r;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path,
    "Customer No,Customer Name,E-mail,Tel,Street,Street 2,Town,State,ZIP,Country\n"
    "K-1,Kowalski Bau,biuro@example.pl,,ul. Długa 5,,Kraków,,31-147,PL\n", -1, NULL));
  g_hash_table_insert (map, "id", "Customer No");
  g_hash_table_insert (map, "name", "Customer Name");
  g_hash_table_insert (map, "email", "E-mail");
  g_hash_table_insert (map, "phone", "Tel");
  g_hash_table_insert (map, "address_line1", "Street");
  g_hash_table_insert (map, "address_line2", "Street 2");
  g_hash_table_insert (map, "city", "Town");
  g_hash_table_insert (map, "region", "State");
  g_hash_table_insert (map, "postal_code", "ZIP");
  g_hash_table_insert (map, "country", "Country");
  options.paths[AR_IMPORT_DEBTORS] = path;
  options.column_maps[AR_IMPORT_DEBTORS] = map;
  ar_import_result_init (&r);
  g_assert_true (ar_import_run (f->ledger, &options, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ar_ledger_lookup_debtor (f->ledger, "K-1"), >, 0);
  ar_import_result_clear (&r);
}

/* Other programs' headers are matched without a hand-made map, and a guessed map imports. */
static void
test_guess_columns (Fixture *f, gconstpointer data)
{
  const char *debtors[] = { "Customer No", "Customer Name", "E-mail", "Tel", "Street",
                            "Street 2", "Town", "State", "ZIP", "Country", "Notes", NULL };
  const char *invoices[] = { "Invoice #", "Customer ID", "Date", "Due Date", "Total",
                             "Currency", "Memo", NULL };
  const char *payments[] = { "date", "Payment Date", "Amount Paid", "Customer", NULL };
  g_autoptr(GHashTable) d = ar_import_guess_columns (AR_IMPORT_DEBTORS, debtors);
  g_autoptr(GHashTable) i = ar_import_guess_columns (AR_IMPORT_INVOICES, invoices);
  g_autoptr(GHashTable) p = ar_import_guess_columns (AR_IMPORT_PAYMENTS, payments);

  g_assert_cmpstr (g_hash_table_lookup (d, "id"), ==, "Customer No");
  g_assert_cmpstr (g_hash_table_lookup (d, "name"), ==, "Customer Name");
  g_assert_cmpstr (g_hash_table_lookup (d, "email"), ==, "E-mail");
  g_assert_cmpstr (g_hash_table_lookup (d, "phone"), ==, "Tel");
  g_assert_cmpstr (g_hash_table_lookup (d, "address_line1"), ==, "Street");
  g_assert_cmpstr (g_hash_table_lookup (d, "address_line2"), ==, "Street 2");
  g_assert_cmpstr (g_hash_table_lookup (d, "city"), ==, "Town");
  g_assert_cmpstr (g_hash_table_lookup (d, "region"), ==, "State");
  g_assert_cmpstr (g_hash_table_lookup (d, "postal_code"), ==, "ZIP");
  g_assert_cmpstr (g_hash_table_lookup (d, "country"), ==, "Country");
  g_assert_false (g_hash_table_contains (d, "company"));
  g_assert_cmpstr (g_hash_table_lookup (i, "invoice_number"), ==, "Invoice #");
  g_assert_cmpstr (g_hash_table_lookup (i, "debtor_id"), ==, "Customer ID");
  g_assert_cmpstr (g_hash_table_lookup (i, "issue_date"), ==, "Date");
  g_assert_cmpstr (g_hash_table_lookup (i, "due_date"), ==, "Due Date");
  g_assert_cmpstr (g_hash_table_lookup (i, "amount"), ==, "Total");
  g_assert_cmpstr (g_hash_table_lookup (i, "description"), ==, "Memo");
  /* The exact name wins over a synonym, whatever the order of the header. */
  g_assert_cmpstr (g_hash_table_lookup (p, "date"), ==, "date");
  g_assert_cmpstr (g_hash_table_lookup (p, "amount"), ==, "Amount Paid");
  g_assert_cmpstr (g_hash_table_lookup (p, "debtor_id"), ==, "Customer");
  g_assert_false (g_hash_table_contains (p, "currency"));
}

/* A column mapped to "" is absent: allowed for optional values, refused (file:1, the column)
 * for values every row needs, and then nothing is written. */
static void
test_column_map_absent (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "clients.csv", NULL);
  const char *header[] = { "Client ID", "Client Name", NULL };
  g_autoptr(GHashTable) map = NULL;
  const char * const *columns = ar_import_columns (AR_IMPORT_DEBTORS, NULL);
  ArImportOptions options = { { NULL } };
  ArImportResult r;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "Client ID,Client Name\nC-1,Ada\n", -1, NULL));
  map = ar_import_guess_columns (AR_IMPORT_DEBTORS, header);
  for (guint c = 0; columns[c] != NULL; c++)
    if (!g_hash_table_contains (map, columns[c]))
      g_hash_table_insert (map, g_strdup (columns[c]), g_strdup (""));
  g_hash_table_insert (map, g_strdup ("name"), g_strdup (""));
  options.paths[AR_IMPORT_DEBTORS] = path;
  options.column_maps[AR_IMPORT_DEBTORS] = map;
  ar_import_result_init (&r);
  g_assert_false (ar_import_run (f->ledger, &options, &r, &error));
  g_assert_error (error, AR_IMPORT_ERROR, AR_IMPORT_ERROR_INVALID);
  g_assert_cmpuint (r.errors->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (r.errors, 0), "clients.csv:1: name: "));
  g_assert_cmpint (ar_ledger_lookup_debtor (f->ledger, "C-1"), ==, 0);
  ar_import_result_clear (&r);
  g_clear_error (&error);

  g_hash_table_insert (map, g_strdup ("name"), g_strdup ("Client Name"));
  ar_import_result_init (&r);
  g_assert_true (ar_import_run (f->ledger, &options, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.rows[AR_IMPORT_DEBTORS], ==, 1);
  g_assert_cmpint (ar_ledger_lookup_debtor (f->ledger, "C-1"), >, 0);
  ar_import_result_clear (&r);
}

/* The preview reads the header and the first rows only, trimmed header names, valid UTF-8. */
static void
test_read_head (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "head.csv", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.csv", NULL);
  g_auto(GStrv) header = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, " id ,name\n1,A\xff\n2,B\n3,C\n4,\"D\nE\"\n", -1, NULL));
  g_assert_true (ar_import_read_head (path, 2, &header, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpstrv (header, ((const char *[]) { "id", "name", NULL }));
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 0))[1], ==, "A\xef\xbf\xbd");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[0], ==, "2");

  g_assert_true (g_file_set_contents (empty, "", -1, NULL));
  g_clear_pointer (&header, g_strfreev);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_false (ar_import_read_head (empty, 2, &header, &rows, &error));
  g_assert_error (error, AR_CSV_ERROR, AR_CSV_ERROR_HEADER);
  g_assert_null (header);
}

/* Every column has a label, and the columns every row needs are the ones the rows check. */
static void
test_column_labels (void)
{
  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    {
      const char * const *columns = ar_import_columns (k, NULL);

      for (guint c = 0; columns[c] != NULL; c++)
        g_assert_true (ar_import_column_label (k, c)[0] != '\0');
    }
  g_assert_true (ar_import_column_needs_value (AR_IMPORT_DEBTORS, 1));
  g_assert_false (ar_import_column_needs_value (AR_IMPORT_DEBTORS, 2));
  g_assert_false (ar_import_column_needs_value (AR_IMPORT_INVOICES, 6));
  g_assert_false (ar_import_column_needs_value (AR_IMPORT_PAYMENTS, 5));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/import/good", test_good_files);
  ADD ("/import/reimport-refused", test_reimport_refused);
  ADD ("/import/dry-run", test_dry_run_writes_nothing);
  ADD ("/import/bad-files", test_bad_files_report_every_problem);
  ADD ("/import/error-cap", test_error_cap);
  ADD ("/import/missing-columns", test_missing_columns);
  ADD ("/import/syntax-error", test_syntax_error_stops);
  ADD ("/import/column-map", test_column_map);
  ADD ("/import/guess-columns", test_guess_columns);
  ADD ("/import/column-map-absent", test_column_map_absent);
  ADD ("/import/read-head", test_read_head);
  g_test_add_func ("/import/column-labels", test_column_labels);
#undef ADD
  return g_test_run ();
}
