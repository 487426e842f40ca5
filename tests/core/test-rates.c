/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib.h>

#include "ar-date.h"
#include "ar-dunning.h"
#include "ar-dunning-run.h"
#include "ar-interest.h"
#include "ar-ledger-private.h"
#include "ar-rates.h"
#include "ar-test-util.h"

/* Reference rates recorded in a ledger after the shipped tables end (ar-rates.h).
 *
 * The rates recorded here are test fixtures, not real publications: "Bank Rate 3.50 % from
 * 19 March 2026" only has to differ from the shipped 3.75 % so that the figures show which
 * row was used. The UK case: £10,000 due 10 July 2026, interest from 11 July at Bank Rate on
 * 30 June 2026 + 8 points = 11.50 %; as of 15 August that is 36 days:
 * 1,000,000 × 1150 × 36 / 3,650,000 = 11,342.47 → £113.42, and £100 compensation. */

#define FIXTURE_SOURCE "test fixture, not a real publication"

typedef struct
{
  char     *dir;
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
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("arrears-rates-XXXXXX", NULL);
  path = g_build_filename (f->dir, "book.arrears", NULL);
  f->ledger = ar_ledger_create (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ledger);
  ar_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
query_int (ArLedger *ledger, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_ar_ledger_get_db (ledger), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* uk-b2b on £10,000 due 2026-07-10 as of @as_of with the book's Bank Rate table. */
static ArInterestResult *
uk_interest (Fixture *f, const char *as_of, GError **error)
{
  const ArRateTable *table = ar_rates_get_table (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, error);

  if (table == NULL)
    return NULL;
  return ar_interest_compute_with_table (AR_INTEREST_UK_B2B, 1000000, "GBP", jd ("2026-07-10"),
                                         jd (as_of), -1, table, error);
}

/* Refused before anything is recorded, and while the period is not confirmed; computed once
 * the rate is recorded and the table confirmed up to the as-of date; refused again the day
 * after. The pure calculator without a ledger still sees only the shipped table. */
static void
test_record_and_confirm (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArInterestResult) r = NULL;

  r = uk_interest (f, "2026-08-15", &error);
  g_assert_null (r);
  g_assert_error (error, AR_INTEREST_ERROR, AR_INTEREST_ERROR_NO_RATE);
  g_assert_nonnull (strstr (error->message, "no rate is known for 2026-06-30"));
  g_assert_nonnull (strstr (error->message, "arrears-cli rates add LEDGER --table boe"));
  g_clear_error (&error);

  g_assert_true (ar_rates_add (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2026-03-19"), 350,
                               FIXTURE_SOURCE, FALSE, &error));
  g_assert_no_error (error);
  /* Recorded but not confirmed: 6 February … 30 June could hold another change. */
  r = uk_interest (f, "2026-08-15", &error);
  g_assert_null (r);
  g_assert_error (error, AR_INTEREST_ERROR, AR_INTEREST_ERROR_NO_RATE);
  g_clear_error (&error);

  g_assert_true (ar_rates_confirm (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2026-08-15"),
                                   FIXTURE_SOURCE, &error));
  g_assert_no_error (error);
  r = uk_interest (f, "2026-08-15", &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->days, ==, 36);
  g_assert_cmpint (r->rate_bp, ==, 1150);
  g_assert_cmpint (r->interest, ==, 11342);
  g_assert_cmpint (r->compensation, ==, 10000);
  g_clear_pointer (&r, ar_interest_result_free);

  /* The UK rate is fixed per debt on its reference day, so later as-of dates are fine; a
   * debt whose reference day is past the confirmation is not. */
  r = uk_interest (f, "2026-11-22", &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->rate_bp, ==, 1150);
  g_clear_pointer (&r, ar_interest_result_free);
  r = ar_interest_compute_with_table (AR_INTEREST_UK_B2B, 1000000, "GBP", jd ("2027-01-05"),
                                      jd ("2027-02-01"), -1,
                                      ar_rates_get_table (f->ledger,
                                                          AR_RATE_TABLE_BOE_BANK_RATE, NULL),
                                      &error);
  g_assert_null (r);
  g_assert_error (error, AR_INTEREST_ERROR, AR_INTEREST_ERROR_NO_RATE);
  g_assert_nonnull (strstr (error->message, "the table covers 2009-03-05 to 2026-08-15"));
  g_clear_error (&error);

  /* Without a ledger: the shipped table only. */
  r = ar_interest_compute (AR_INTEREST_UK_B2B, 1000000, "GBP", jd ("2026-07-10"),
                           jd ("2026-08-15"), -1, &error);
  g_assert_null (r);
  g_assert_error (error, AR_INTEREST_ERROR, AR_INTEREST_ERROR_NO_RATE);
  g_clear_error (&error);

  /* A confirmation taken back: the latest one counts. */
  g_assert_true (ar_rates_confirm (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2026-03-31"),
                                   FIXTURE_SOURCE, &error));
  r = uk_interest (f, "2026-08-15", &error);
  g_assert_null (r);
  g_assert_error (error, AR_INTEREST_ERROR, AR_INTEREST_ERROR_NO_RATE);
  g_clear_error (&error);
}

/* The shipped table is complete up to its last day: a recorded row there may only repeat a
 * shipped change. Bad input changes nothing. */
static void
test_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const ArRateTable *table;

  /* Shipped: 3.75 % from 2025-12-18, complete until 2026-02-05. */
  g_assert_false (ar_rates_add (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2025-12-18"), 350,
                                FIXTURE_SOURCE, FALSE, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "differs from the shipped rate"));
  g_clear_error (&error);
  g_assert_false (ar_rates_add (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2026-01-15"), 375,
                                FIXTURE_SOURCE, FALSE, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "falls inside the shipped table"));
  g_clear_error (&error);
  g_assert_false (ar_rates_add (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2026-03-19"), 350,
                                "  ", FALSE, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "source: "));
  g_clear_error (&error);
  g_assert_false (ar_rates_add (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2026-03-19"),
                                100001, FIXTURE_SOURCE, FALSE, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  /* The Basiszinssatz changes on 1 January and 1 July only. */
  g_assert_false (ar_rates_add (f->ledger, AR_RATE_TABLE_DE_BASISZINSSATZ, jd ("2026-07-02"),
                                -50, FIXTURE_SOURCE, FALSE, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ar_rates_confirm (f->ledger, AR_RATE_TABLE_ECB_MRO, jd ("2026-11-22"), "",
                                    &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM reference_rates"), ==, 0);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM reference_rates_known"), ==, 0);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM audit"
                                         " WHERE table_name LIKE 'reference_rates%'"), ==, 0);

  /* Repeating a shipped change is accepted and changes no figure. */
  g_assert_true (ar_rates_add (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2025-12-18"), 375,
                               FIXTURE_SOURCE, FALSE, &error));
  g_assert_no_error (error);
  table = ar_rates_get_table (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ar_rate_table_get_n_rows (table), ==,
                    ar_rate_table_get_n_rows (ar_rate_table_get (AR_RATE_TABLE_BOE_BANK_RATE,
                                                                 NULL)));

  /* A negative Basiszinssatz on 1 July, and a second row for a day only as a correction;
   * the correction wins. */
  g_assert_true (ar_rates_add (f->ledger, AR_RATE_TABLE_DE_BASISZINSSATZ, jd ("2026-07-01"),
                               -50, FIXTURE_SOURCE, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (ar_rates_add (f->ledger, AR_RATE_TABLE_DE_BASISZINSSATZ, jd ("2026-07-01"),
                                -25, FIXTURE_SOURCE, FALSE, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (ar_rates_add (f->ledger, AR_RATE_TABLE_DE_BASISZINSSATZ, jd ("2027-01-01"),
                                -25, FIXTURE_SOURCE, TRUE, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (ar_rates_add (f->ledger, AR_RATE_TABLE_DE_BASISZINSSATZ, jd ("2026-07-01"),
                               -25, FIXTURE_SOURCE " (corrected)", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (ar_rates_confirm (f->ledger, AR_RATE_TABLE_DE_BASISZINSSATZ,
                                   jd ("2026-12-31"), FIXTURE_SOURCE, &error));
  table = ar_rates_get_table (f->ledger, AR_RATE_TABLE_DE_BASISZINSSATZ, &error);
  g_assert_no_error (error);
  {
    gint32 bp = 0;
    const ArRateRow *row = NULL;

    g_assert_true (ar_rate_table_lookup (table, jd ("2026-09-01"), &bp, &row, &error));
    g_assert_cmpint (bp, ==, -25);
    g_assert_true (row->recorded);
    g_assert_cmpstr (row->source, ==, FIXTURE_SOURCE " (corrected)");
  }
  {
    /* de-b2c, €1,000 due 2026-06-30, as of 2026-07-30: 30 days at -0.25 + 5 = 4.75 %:
     * 100,000 × 475 × 30 / 3,650,000 = 390.41 → €3.90. */
    g_autoptr(ArInterestResult) r =
      ar_interest_compute_with_table (AR_INTEREST_DE_B2C, 100000, "EUR", jd ("2026-06-30"),
                                      jd ("2026-07-30"), -1, table, &error);
    g_assert_no_error (error);
    g_assert_cmpint (r->rate_bp, ==, 475);
    g_assert_cmpint (r->interest, ==, 390);
  }
}

/* Every write leaves its audit record; the rows can be neither changed nor deleted. */
static void
test_audit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _ar_ledger_get_db (f->ledger);

  g_assert_true (ar_rates_add (f->ledger, AR_RATE_TABLE_ECB_MRO, jd ("2026-03-11"), 200,
                               FIXTURE_SOURCE, FALSE, &error));
  g_assert_true (ar_rates_add (f->ledger, AR_RATE_TABLE_ECB_MRO, jd ("2026-03-11"), 215,
                               FIXTURE_SOURCE, TRUE, &error));
  g_assert_true (ar_rates_confirm (f->ledger, AR_RATE_TABLE_ECB_MRO, jd ("2026-11-22"),
                                   FIXTURE_SOURCE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM audit"
                                         " WHERE action = 'add-reference-rate'"
                                         " AND table_name = 'reference_rates'"), ==, 1);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM audit"
                                         " WHERE action = 'correct-reference-rate'"
                                         " AND table_name = 'reference_rates'"), ==, 1);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM audit"
                                         " WHERE action = 'confirm-reference-rates'"
                                         " AND table_name = 'reference_rates_known'"), ==, 1);
  /* (& 0xff: the ledger turns on extended result codes.) */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE reference_rates SET rate_bp = 0", NULL, NULL,
                                 NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM reference_rates", NULL, NULL, NULL) & 0xff,
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM reference_rates_known", NULL, NULL, NULL)
                   & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM reference_rates"), ==, 2);
}

/* A dunning run that excluded a debtor because the rate was unknown proposes the letter, with
 * the interest, once the rate is recorded and the period confirmed. */
static void
test_dunning (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) levels = ar_dunning_levels_load (f->ledger, NULL);
  ArDunningLevel l1 = g_array_index (levels, ArDunningLevel, 0);
  ArDebtorInfo debtor = { .external_id = "FIRM", .name = "Firm Ltd",
                          .kind = AR_DEBTOR_BUSINESS, .status = AR_STATUS_ACTIVE };
  ArInvoiceInfo invoice = { .number = "UK-1", .issue_date = jd ("2026-06-10"),
                            .due_date = jd ("2026-07-10"), .currency = "GBP",
                            .amount = 1000000 };
  g_autoptr(ArDunningPreview) p = NULL;
  ArDunningProposal *x;
  const ArDunningItem *it;

  l1.charges_interest = TRUE;
  g_assert_true (ar_dunning_level_store (f->ledger, &l1, &error));
  g_assert_true (ar_dunning_set_interest_regime (f->ledger, 0, "uk-b2b", 0, &error));
  g_assert_true (ar_ledger_add_debtor (f->ledger, &debtor, &invoice.debtor_id, &error));
  g_assert_true (ar_ledger_add_invoice (f->ledger, &invoice, NULL, &error));
  g_assert_no_error (error);

  p = ar_dunning_preview_new (f->ledger, jd ("2026-08-15"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ar_dunning_preview_get_n_proposals (p), ==, 1);
  x = ar_dunning_preview_get_proposal (p, 0);
  g_assert_cmpint (x->outcome, ==, AR_DUNNING_EXCLUDED_INTEREST_REFUSED);
  g_assert_nonnull (strstr (x->detail, "arrears-cli rates add"));
  g_clear_pointer (&p, ar_dunning_preview_free);

  g_assert_true (ar_rates_add (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2026-03-19"), 350,
                               FIXTURE_SOURCE, FALSE, &error));
  g_assert_true (ar_rates_confirm (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2026-08-15"),
                                   FIXTURE_SOURCE, &error));
  g_assert_no_error (error);

  p = ar_dunning_preview_new (f->ledger, jd ("2026-08-15"), NULL, &error);
  g_assert_no_error (error);
  x = ar_dunning_preview_get_proposal (p, 0);
  g_assert_cmpint (x->outcome, ==, AR_DUNNING_PROPOSED);
  g_assert_true (x->selected);
  g_assert_cmpuint (x->n_items, ==, 1);
  it = ar_dunning_preview_get_item (p, x->first_item);
  g_assert_cmpint (it->interest, ==, 11342);
  g_assert_cmpint (it->compensation, ==, 10000);
  g_assert_cmpint (x->total_due, ==, 1000000 + 11342 + 10000);
}

/* A version 4 book gains the tables on open and can record rates at once. */
static void
test_migration_from_v4 (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "book.arrears", NULL);
  sqlite3 *raw;

  g_clear_object (&f->ledger);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DROP TABLE reference_rates;"
                                 " DROP TABLE reference_rates_known; PRAGMA user_version = 4;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  f->ledger = ar_ledger_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->ledger, "PRAGMA user_version"), ==, AR_LEDGER_SCHEMA_VERSION);
  g_assert_cmpint (AR_LEDGER_SCHEMA_VERSION, ==, 5);
  g_assert_true (ar_rates_confirm (f->ledger, AR_RATE_TABLE_ECB_MRO, jd ("2026-11-22"),
                                   FIXTURE_SOURCE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM audit"
                                         " WHERE table_name = 'reference_rates_known'"), ==, 1);
}

/* The latest reference day each calculator reads for interest running on a day. */
static void
test_reference_day (void)
{
  g_assert_cmpuint (ar_interest_regime_reference_day (AR_INTEREST_UK_B2B, jd ("2026-11-22")), ==,
                    jd ("2026-06-30"));
  g_assert_cmpuint (ar_interest_regime_reference_day (AR_INTEREST_UK_B2B, jd ("2026-07-01")), ==,
                    jd ("2026-06-30"));
  g_assert_cmpuint (ar_interest_regime_reference_day (AR_INTEREST_UK_B2B, jd ("2026-06-30")), ==,
                    jd ("2025-12-31"));
  g_assert_cmpuint (ar_interest_regime_reference_day (AR_INTEREST_EU_B2B, jd ("2026-11-22")), ==,
                    jd ("2026-07-01"));
  g_assert_cmpuint (ar_interest_regime_reference_day (AR_INTEREST_DE_B2B, jd ("2026-06-30")), ==,
                    jd ("2026-01-01"));
  g_assert_cmpuint (ar_interest_regime_reference_day (AR_INTEREST_DE_B2C, jd ("2027-01-01")), ==,
                    jd ("2027-01-01"));
  g_assert_cmpuint (ar_interest_regime_reference_day (AR_INTEREST_SIMPLE, jd ("2026-11-22")), ==,
                    0);
}

/* What the Reference Rates page shows: shipped, not known today; then recorded and confirmed. */
static void
test_status (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ArRateStatus status;

  g_assert_true (ar_rates_get_status (f->ledger, AR_RATE_TABLE_DE_BASISZINSSATZ,
                                      jd ("2026-11-22"), &status, &error));
  g_assert_no_error (error);
  g_assert_false (status.known);
  g_assert_false (status.recorded);
  g_assert_false (status.confirmed);
  g_assert_null (status.confirm_source);
  g_assert_cmpuint (status.last_day, ==, jd ("2026-06-30"));
  g_assert_cmpuint (status.from, ==, jd ("2026-01-01"));
  g_assert_cmpint (status.rate_bp, ==, 127);
  g_assert_true (g_str_has_prefix (status.source, "http"));
  ar_rate_status_clear (&status);

  g_assert_true (ar_rates_get_status (f->ledger, AR_RATE_TABLE_DE_BASISZINSSATZ,
                                      jd ("2026-03-01"), &status, &error));
  g_assert_true (status.known);
  g_assert_cmpint (status.rate_bp, ==, 127);
  ar_rate_status_clear (&status);

  g_assert_true (ar_rates_record (f->ledger, AR_RATE_TABLE_DE_BASISZINSSATZ, jd ("2026-07-01"),
                                  -12, FIXTURE_SOURCE, jd ("2026-11-22"), &error));
  g_assert_no_error (error);
  g_assert_true (ar_rates_get_status (f->ledger, AR_RATE_TABLE_DE_BASISZINSSATZ,
                                      jd ("2026-11-22"), &status, &error));
  g_assert_true (status.known);
  g_assert_true (status.recorded);
  g_assert_true (status.confirmed);
  g_assert_cmpstr (status.confirm_source, ==, FIXTURE_SOURCE);
  g_assert_cmpstr (status.source, ==, FIXTURE_SOURCE);
  g_assert_cmpint (status.rate_bp, ==, -12);
  g_assert_cmpuint (status.from, ==, jd ("2026-07-01"));
  /* The Basiszinssatz of 1 July is fixed until 31 December. */
  g_assert_cmpuint (status.last_day, ==, jd ("2026-12-31"));
  ar_rate_status_clear (&status);
}

/* ar_rates_record: the rate and the confirmation in one transaction, or nothing. */
static void
test_record_new (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *until = NULL;
  gint64 audits = query_int (f->ledger, "SELECT count (*) FROM audit");

  g_assert_cmpuint (ar_rates_record_known_until (AR_RATE_TABLE_BOE_BANK_RATE, jd ("2026-03-19"),
                                                 jd ("2026-11-22")), ==, jd ("2026-11-22"));
  g_assert_cmpuint (ar_rates_record_known_until (AR_RATE_TABLE_ECB_MRO, jd ("2026-12-03"),
                                                 jd ("2026-11-22")), ==, jd ("2026-12-03"));
  g_assert_cmpuint (ar_rates_record_known_until (AR_RATE_TABLE_DE_BASISZINSSATZ,
                                                 jd ("2027-01-01"), jd ("2026-12-28")), ==,
                    jd ("2027-06-30"));

  /* Each refusal names its field and writes nothing. */
  g_assert_false (ar_rates_record (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2026-02-05"),
                                   350, FIXTURE_SOURCE, jd ("2026-11-22"), &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "from: "));
  g_assert_nonnull (strstr (error->message, "5 February 2026"));
  g_clear_error (&error);
  g_assert_false (ar_rates_record (f->ledger, AR_RATE_TABLE_DE_BASISZINSSATZ, jd ("2026-08-01"),
                                   127, FIXTURE_SOURCE, jd ("2026-11-22"), &error));
  g_assert_true (g_str_has_prefix (error->message, "from: "));
  g_assert_nonnull (strstr (error->message, "1 January and 1 July"));
  g_clear_error (&error);
  g_assert_false (ar_rates_record (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2026-03-19"),
                                   100001, FIXTURE_SOURCE, jd ("2026-11-22"), &error));
  g_assert_true (g_str_has_prefix (error->message, "rate: "));
  g_clear_error (&error);
  g_assert_false (ar_rates_record (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2026-03-19"),
                                   350, "  ", jd ("2026-11-22"), &error));
  g_assert_true (g_str_has_prefix (error->message, "source: "));
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM reference_rates"), ==, 0);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM reference_rates_known"), ==, 0);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM audit"), ==, audits);

  /* Recorded: the rate, and the table complete up to today, each audited. */
  g_assert_true (ar_rates_check_new (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2026-03-19"),
                                     350, FIXTURE_SOURCE, &error));
  g_assert_true (ar_rates_record (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, jd ("2026-03-19"),
                                  350, " " FIXTURE_SOURCE " ", jd ("2026-11-22"), &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM reference_rates"
                                         " WHERE rate_bp = 350 AND effective_date = '2026-03-19'"
                                         " AND source = '" FIXTURE_SOURCE "'"), ==, 1);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM reference_rates_known"
                                         " WHERE known_until = '2026-11-22'"), ==, 1);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM audit"), ==, audits + 2);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM audit"
                                         " WHERE table_name = 'reference_rates_known'"), ==, 1);

  /* The table is now known up to today: a rate from an earlier day is not a new one. */
  g_assert_false (ar_rates_check_new (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE,
                                      jd ("2026-11-01"), 325, FIXTURE_SOURCE, &error));
  g_assert_true (g_str_has_prefix (error->message, "from: "));
  g_assert_nonnull (strstr (error->message, "22 November 2026"));
  g_clear_error (&error);

  /* A refused confirmation takes the rate back with it (one transaction). */
  g_assert_cmpint (sqlite3_exec (_ar_ledger_get_db (f->ledger),
                                 "CREATE TRIGGER refuse BEFORE INSERT ON reference_rates_known"
                                 " BEGIN SELECT RAISE (ABORT, 'refused'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (ar_rates_record (f->ledger, AR_RATE_TABLE_ECB_MRO, jd ("2026-03-11"), 200,
                                   FIXTURE_SOURCE, jd ("2026-11-22"), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM reference_rates"
                                         " WHERE table_id = 'ecb-mro-rate'"), ==, 0);
}

/* No change published: Bank Rate confirmed up to today, checked like a new rate. */
static void
test_record_unchanged (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint32 today = jd ("2026-11-22");
  ArRateStatus status;

  g_assert_false (ar_rates_record_unchanged (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE,
                                             jd ("2026-02-05"), today, FIXTURE_SOURCE, &error));
  g_assert_true (g_str_has_prefix (error->message, "until: "));
  g_assert_nonnull (strstr (error->message, "5 February 2026"));
  g_clear_error (&error);
  g_assert_false (ar_rates_record_unchanged (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE,
                                             jd ("2026-11-23"), today, FIXTURE_SOURCE, &error));
  g_assert_true (g_str_has_prefix (error->message, "until: "));
  g_clear_error (&error);
  g_assert_false (ar_rates_record_unchanged (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, today,
                                             today, " ", &error));
  g_assert_true (g_str_has_prefix (error->message, "source: "));
  g_clear_error (&error);
  g_assert_false (ar_rates_record_unchanged (f->ledger, AR_RATE_TABLE_DE_BASISZINSSATZ, today,
                                             today, FIXTURE_SOURCE, &error));
  g_assert_true (g_str_has_prefix (error->message, "until: "));
  g_assert_nonnull (strstr (error->message, "1 July 2026"));
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM reference_rates_known"), ==, 0);

  g_assert_true (ar_rates_record_unchanged (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, today, today,
                                            FIXTURE_SOURCE, &error));
  g_assert_no_error (error);
  g_assert_true (ar_rates_get_status (f->ledger, AR_RATE_TABLE_BOE_BANK_RATE, today, &status,
                                      &error));
  g_assert_true (status.known);
  g_assert_true (status.confirmed);
  g_assert_false (status.recorded);   /* the shipped rate, now known to hold up to today */
  g_assert_cmpint (status.rate_bp, ==, 375);
  g_assert_cmpuint (status.last_day, ==, today);
  ar_rate_status_clear (&status);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM reference_rates"), ==, 0);
}

static gboolean
has_gap (GArray *gaps, ArRateTableId table, ArRatesGap *out)
{
  for (guint i = 0; i < gaps->len; i++)
    if (g_array_index (gaps, ArRatesGap, i).table == table)
      {
        *out = g_array_index (gaps, ArRatesGap, i);
        return TRUE;
      }
  return FALSE;
}

/* The warning's question: the book's calculator and the debtors' own, against their tables. */
static void
test_gaps (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) gaps = NULL;
  ArRatesGap gap = { 0 };
  guint32 today = jd ("2026-11-22");

  /* The default book charges no interest: nothing is missing. */
  gaps = ar_rates_find_gaps (f->ledger, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, 0);
  g_clear_pointer (&gaps, g_array_unref);

  g_assert_true (ar_dunning_set_interest_regime (f->ledger, 0, "de-b2c", 0, &error));
  g_assert_true (ar_dunning_set_interest_regime (f->ledger, 42, "uk-b2b", 0, &error));
  g_assert_true (ar_dunning_set_interest_regime (f->ledger, 43, "simple", 800, &error));
  g_assert_no_error (error);
  gaps = ar_rates_find_gaps (f->ledger, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, 2);
  g_assert_true (has_gap (gaps, AR_RATE_TABLE_DE_BASISZINSSATZ, &gap));
  g_assert_true (gap.book);
  g_assert_cmpint (gap.regime, ==, AR_INTEREST_DE_B2C);
  g_assert_cmpuint (gap.needed, ==, jd ("2026-07-01"));
  g_assert_cmpuint (gap.last_day, ==, jd ("2026-06-30"));
  g_assert_true (has_gap (gaps, AR_RATE_TABLE_BOE_BANK_RATE, &gap));
  g_assert_false (gap.book);
  g_assert_cmpint (gap.regime, ==, AR_INTEREST_UK_B2B);
  g_assert_cmpuint (gap.needed, ==, jd ("2026-06-30"));
  g_assert_false (has_gap (gaps, AR_RATE_TABLE_ECB_MRO, &gap));
  g_clear_pointer (&gaps, g_array_unref);

  /* The shipped tables cover a day in March 2026 for both. */
  gaps = ar_rates_find_gaps (f->ledger, jd ("2026-03-01"), &error);
  g_assert_cmpuint (gaps->len, ==, 0);
  g_clear_pointer (&gaps, g_array_unref);

  /* Recording the Basiszinssatz of 1 July takes its gap away; Bank Rate's stays. */
  g_assert_true (ar_rates_record (f->ledger, AR_RATE_TABLE_DE_BASISZINSSATZ, jd ("2026-07-01"),
                                  127, FIXTURE_SOURCE, today, &error));
  gaps = ar_rates_find_gaps (f->ledger, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, 1);
  g_assert_true (has_gap (gaps, AR_RATE_TABLE_BOE_BANK_RATE, &gap));
  g_clear_pointer (&gaps, g_array_unref);

  /* The debtor back on the book's calculator: nothing reads Bank Rate any more. */
  g_assert_true (ar_dunning_set_interest_regime (f->ledger, 42, NULL, 0, &error));
  gaps = ar_rates_find_gaps (f->ledger, today, &error);
  g_assert_cmpuint (gaps->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/rates/record-and-confirm", Fixture, NULL, fixture_setup,
              test_record_and_confirm, fixture_teardown);
  g_test_add ("/rates/refusals", Fixture, NULL, fixture_setup, test_refusals,
              fixture_teardown);
  g_test_add ("/rates/audit", Fixture, NULL, fixture_setup, test_audit, fixture_teardown);
  g_test_add ("/rates/dunning", Fixture, NULL, fixture_setup, test_dunning, fixture_teardown);
  g_test_add_func ("/rates/reference-day", test_reference_day);
  g_test_add ("/rates/status", Fixture, NULL, fixture_setup, test_status, fixture_teardown);
  g_test_add ("/rates/record-new", Fixture, NULL, fixture_setup, test_record_new,
              fixture_teardown);
  g_test_add ("/rates/record-unchanged", Fixture, NULL, fixture_setup, test_record_unchanged,
              fixture_teardown);
  g_test_add ("/rates/gaps", Fixture, NULL, fixture_setup, test_gaps, fixture_teardown);
  g_test_add ("/rates/migration-from-v4", Fixture, NULL, fixture_setup, test_migration_from_v4,
              fixture_teardown);

  return g_test_run ();
}
