/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <glib/gstdio.h>

#include "ar-aging.h"
#include "ar-date.h"
#include "ar-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  ArLedger *ledger;
  gint64    d1, d2, d3;
} Fixture;

static guint32
jd (const char *iso)
{
  return ar_date_parse_julian (iso, NULL);
}

static gint64
add_debtor (Fixture *f, const char *id)
{
  ArDebtorInfo info = { .external_id = id, .name = id };
  gint64 out;

  g_assert_true (ar_ledger_add_debtor (f->ledger, &info, &out, NULL));
  return out;
}

static gint64
invoice (Fixture *f, gint64 debtor, const char *number, const char *issue, const char *due,
         gint64 amount, const char *currency)
{
  ArInvoiceInfo info = { .debtor_id = debtor, .number = number, .issue_date = jd (issue),
                         .due_date = jd (due), .currency = currency, .amount = amount };
  gint64 id;

  g_assert_true (ar_ledger_add_invoice (f->ledger, &info, &id, NULL));
  return id;
}

static void
pay (Fixture *f, gint64 debtor, const char *date, gint64 amount, const char *currency,
     gint64 invoice_id)
{
  ArPosting p = { .debtor_id = debtor, .kind = AR_ENTRY_PAYMENT, .date = jd (date),
                  .amount = amount, .currency = currency, .invoice_id = invoice_id };
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_post (f->ledger, &p, NULL, &error));
  g_assert_no_error (error);
}

/* A small book:
 *  d1 USD  A-1 1000.00 due 2026-05-31, A-2 400.00 due 2026-06-20; pays 300.00 on 2026-06-10
 *  d2 USD  B-1 200.00 due 2026-06-25; pays 250.00 on 2026-06-28 (50.00 credit on account)
 *  d3 EUR  C-1 700.00 due 2026-07-15 */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("arrears-aging-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "book.arrears", NULL);
  f->ledger = ar_ledger_create (f->path, NULL);
  f->d1 = add_debtor (f, "D1");
  f->d2 = add_debtor (f, "D2");
  f->d3 = add_debtor (f, "D3");
  invoice (f, f->d1, "A-1", "2026-05-01", "2026-05-31", 100000, "USD");
  invoice (f, f->d1, "A-2", "2026-05-21", "2026-06-20", 40000, "USD");
  pay (f, f->d1, "2026-06-10", 30000, "USD", 0);
  invoice (f, f->d2, "B-1", "2026-05-26", "2026-06-25", 20000, "USD");
  pay (f, f->d2, "2026-06-28", 25000, "USD", 0);
  invoice (f, f->d3, "C-1", "2026-06-15", "2026-07-15", 70000, "EUR");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ledger);
  ar_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static const ArAgingTotal *
total (const ArAgingReport *r, const char *currency)
{
  for (guint i = 0; i < r->totals->len; i++)
    if (g_str_equal (g_array_index (r->totals, ArAgingTotal, i).currency, currency))
      return &g_array_index (r->totals, ArAgingTotal, i);
  return NULL;
}

static ArAgingReport *
aging (Fixture *f, const char *as_of, const ArAgingConfig *config)
{
  ArAgingConfig def;
  g_autoptr(GError) error = NULL;
  ArAgingReport *r;

  ar_aging_config_init_default (&def);
  r = ar_aging_report_compute (f->ledger, jd (as_of), config ? config : &def, &error);
  g_assert_no_error (error);
  return r;
}

static void
test_buckets_by_due_date (Fixture *f, gconstpointer data)
{
  g_autoptr(ArAgingReport) r = aging (f, "2026-07-30", NULL);
  const ArAgingTotal *usd = total (r, "USD"), *eur = total (r, "EUR");

  /* d1: the 300.00 pays A-1 (oldest due) → A-1 700.00 open, 60 days → 31-60;
   *     A-2 400.00, 40 days → 31-60.  d2: B-1 paid, 50.00 unapplied.
   * d3: C-1 700.00, 15 days → 1-30. */
  g_assert_nonnull (usd);
  g_assert_cmpint (usd->n_buckets, ==, 5);
  g_assert_cmpint (usd->buckets[0], ==, 0);
  g_assert_cmpint (usd->buckets[2], ==, 110000);
  g_assert_cmpint (usd->total, ==, 110000);
  g_assert_cmpint (usd->unapplied, ==, 5000);
  g_assert_cmpuint (usd->open_debtors, ==, 1);
  g_assert_cmpint (eur->buckets[1], ==, 70000);
  g_assert_cmpuint (eur->open_debtors, ==, 1);
  g_assert_cmpint (eur->unapplied, ==, 0);
}

static void
test_past_date_is_stable (Fixture *f, gconstpointer data)
{
  g_autoptr(ArAgingReport) before = aging (f, "2026-06-30", NULL);
  g_autoptr(ArAgingReport) after = NULL;

  /* As of 30 June, d1 owes 700.00 (A-1, 30 days → 1-30) + 400.00 (A-2, 10 days → 1-30). */
  g_assert_cmpint (total (before, "USD")->buckets[1], ==, 110000);

  /* A July payment must not change the report as of 30 June. */
  pay (f, f->d1, "2026-07-05", 110000, "USD", 0);
  after = aging (f, "2026-06-30", NULL);
  g_assert_cmpmem (total (before, "USD"), sizeof (ArAgingTotal),
                   total (after, "USD"), sizeof (ArAgingTotal));
  g_assert_cmpmem (total (before, "EUR"), sizeof (ArAgingTotal),
                   total (after, "EUR"), sizeof (ArAgingTotal));
}

static void
test_before_anything (Fixture *f, gconstpointer data)
{
  g_autoptr(ArAgingReport) r = aging (f, "2026-04-01", NULL);

  g_assert_cmpuint (r->totals->len, ==, 0);
}

static void
test_stored_and_recomputed_agree (Fixture *f, gconstpointer data)
{
  /* The same date through both paths: first the stored allocation (no later entries)... */
  g_autoptr(ArAgingReport) stored = aging (f, "2026-08-01", NULL);
  g_autoptr(ArAgingReport) recomputed = NULL;

  /* ...then, with a later entry in the book, the streaming as-of computation. */
  pay (f, f->d3, "2026-08-02", 100, "EUR", 0);
  recomputed = aging (f, "2026-08-01", NULL);
  g_assert_cmpuint (stored->totals->len, ==, recomputed->totals->len);
  g_assert_cmpmem (stored->totals->data, stored->totals->len * sizeof (ArAgingTotal),
                   recomputed->totals->data, recomputed->totals->len * sizeof (ArAgingTotal));
}

static void
test_issue_basis_and_custom_buckets (Fixture *f, gconstpointer data)
{
  ArAgingConfig config;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArAgingReport) r = NULL;
  char label[32];

  ar_aging_config_init_default (&config);
  g_assert_true (ar_aging_config_parse_limits (&config, "15,45", &error));
  config.basis = AR_AGING_BY_ISSUE_DATE;
  g_assert_cmpstr (ar_aging_bucket_label (&config, 0, label, sizeof label), ==, "current");
  g_assert_cmpstr (ar_aging_bucket_label (&config, 1, label, sizeof label), ==, "1-15");
  g_assert_cmpstr (ar_aging_bucket_label (&config, 2, label, sizeof label), ==, "16-45");
  g_assert_cmpstr (ar_aging_bucket_label (&config, 3, label, sizeof label), ==, "46+");

  /* As of 2026-07-01 by issue date: A-1 700.00 issued 61 days ago → 46+; A-2 400.00 issued
   * 41 days ago → 16-45; C-1 issued 16 days ago → 16-45. */
  r = aging (f, "2026-07-01", &config);
  g_assert_cmpint (total (r, "USD")->n_buckets, ==, 4);
  g_assert_cmpint (total (r, "USD")->buckets[3], ==, 70000);
  g_assert_cmpint (total (r, "USD")->buckets[2], ==, 40000);
  g_assert_cmpint (total (r, "EUR")->buckets[2], ==, 70000);

  g_assert_false (ar_aging_config_parse_limits (&config, "60,30", &error));
  g_assert_error (error, AR_AGING_ERROR, AR_AGING_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_false (ar_aging_config_parse_limits (&config, "30,x", &error));
  g_clear_error (&error);
  g_assert_false (ar_aging_config_parse_limits (&config, "", &error));
}

static void
test_config_stored_in_ledger (Fixture *f, gconstpointer data)
{
  ArAgingConfig config;

  g_assert_true (ar_ledger_set_setting (f->ledger, "aging.limits", "7,14,21,28", NULL));
  g_assert_true (ar_ledger_set_setting (f->ledger, "aging.basis", "issue", NULL));
  g_assert_true (ar_aging_config_load (&config, f->ledger, NULL));
  g_assert_cmpuint (config.n_limits, ==, 4);
  g_assert_cmpuint (config.limits[3], ==, 28);
  g_assert_cmpint (config.basis, ==, AR_AGING_BY_ISSUE_DATE);
  g_assert_cmpuint (ar_aging_bucket_for_days (&config, 0), ==, 0);
  g_assert_cmpuint (ar_aging_bucket_for_days (&config, 7), ==, 1);
  g_assert_cmpuint (ar_aging_bucket_for_days (&config, 8), ==, 2);
  g_assert_cmpuint (ar_aging_bucket_for_days (&config, 29), ==, 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/aging/by-due-date", test_buckets_by_due_date);
  ADD ("/aging/past-date-stable", test_past_date_is_stable);
  ADD ("/aging/before-anything", test_before_anything);
  ADD ("/aging/stored-equals-recomputed", test_stored_and_recomputed_agree);
  ADD ("/aging/issue-basis-custom-buckets", test_issue_basis_and_custom_buckets);
  ADD ("/aging/config-in-ledger", test_config_stored_in_ledger);
#undef ADD
  return g_test_run ();
}
