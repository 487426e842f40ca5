/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ar-aging.h"
#include "ar-check.h"
#include "ar-csv.h"
#include "ar-date.h"
#include "ar-debtor-ledger.h"
#include "ar-demo.h"
#include "ar-dunning-run.h"
#include "ar-hold.h"
#include "ar-plan.h"
#include "ar-promise.h"
#include "ar-queue.h"
#include "ar-export.h"
#include "ar-ledger-private.h"
#include "ar-test-util.h"

static char *tmp_dir;
static guint counter;

static guint32
test_today (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 15, G_DATE_MARCH, 2026);
  return ar_date_to_julian (&date);
}

static char *
new_path (const char *suffix)
{
  g_autofree char *name = g_strdup_printf ("%u%s", ++counter, suffix);

  return g_build_filename (tmp_dir, name, NULL);
}

static ArLedger *
new_ledger (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = new_path (".arrears");
  ArLedger *ledger = ar_ledger_create (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ledger);
  return ledger;
}

static ArLedger *
new_demo (guint   n,
          guint64 seed)
{
  g_autoptr(GError) error = NULL;
  ArLedger *ledger = new_ledger ();

  g_assert_true (ar_demo_generate (ledger, n, seed, test_today (), NULL, &error));
  g_assert_no_error (error);
  return ledger;
}

/* Exports @ledger into a new folder; returns the folder. */
static char *
export (ArLedger *ledger)
{
  g_autoptr(GError) error = NULL;
  char *dir = new_path ("-csv");
  guint skipped = 99;

  g_assert_true (ar_export_run (ledger, dir, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (skipped, ==, 0);
  return dir;
}

static GBytes *
read_file (const char *dir,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static const char * const export_files[] = { "debtors.csv", "invoices.csv", "payments.csv" };

static void
test_same_seed (void)
{
  g_autoptr(ArLedger) a = new_demo (300, 7);
  g_autoptr(ArLedger) b = new_demo (300, 7);
  g_autofree char *dir_a = export (a);
  g_autofree char *dir_b = export (b);

  for (guint i = 0; i < G_N_ELEMENTS (export_files); i++)
    {
      g_autoptr(GBytes) x = read_file (dir_a, export_files[i]);
      g_autoptr(GBytes) y = read_file (dir_b, export_files[i]);

      g_assert_cmpuint (g_bytes_get_size (x), >, 1000);
      g_assert_true (g_bytes_equal (x, y));
    }
}

static void
test_different_seed (void)
{
  g_autoptr(ArLedger) a = new_demo (300, 7);
  g_autoptr(ArLedger) b = new_demo (300, 8);
  g_autofree char *dir_a = export (a);
  g_autofree char *dir_b = export (b);

  for (guint i = 0; i < G_N_ELEMENTS (export_files); i++)
    {
      g_autoptr(GBytes) x = read_file (dir_a, export_files[i]);
      g_autoptr(GBytes) y = read_file (dir_b, export_files[i]);

      g_assert_false (g_bytes_equal (x, y));
    }
}

/* Every bucket holds something, credit is left on account, and some debtors are fully paid. */
static void
assert_aging (ArLedger *ledger,
              guint     n_debtors,
              gboolean  check_share)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArAgingReport) report = NULL;
  ArAgingConfig config;
  gint64 buckets[AR_AGING_MAX_BUCKETS] = { 0 };
  gint64 unapplied = 0;
  guint open_debtors = 0;

  ar_aging_config_init_default (&config);
  report = ar_aging_report_compute (ledger, test_today (), &config, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->totals->len, >=, 1);

  for (guint i = 0; i < report->totals->len; i++)
    {
      const ArAgingTotal *t = &g_array_index (report->totals, ArAgingTotal, i);

      g_assert_cmpuint (t->n_buckets, ==, 5);
      for (guint b = 0; b < t->n_buckets; b++)
        {
          g_assert_cmpint (t->buckets[b], >=, 0);
          buckets[b] += t->buckets[b];
        }
      unapplied += t->unapplied;
      open_debtors += t->open_debtors;
    }
  for (guint b = 0; b < 5; b++)
    {
      g_test_message ("bucket %u: %" G_GINT64_FORMAT, b, buckets[b]);
      g_assert_cmpint (buckets[b], >, 0);
    }
  g_assert_cmpint (unapplied, >, 0);
  g_assert_cmpuint (open_debtors, <, n_debtors);
  if (check_share)
    {
      /* About a third of the debtors owe nothing. */
      g_test_message ("%u of %u debtors owe something", open_debtors, n_debtors);
      g_assert_cmpuint (open_debtors * 100, >=, n_debtors * 50);
      g_assert_cmpuint (open_debtors * 100, <=, n_debtors * 75);
    }
}

static void
test_buckets (void)
{
  g_autoptr(ArLedger) ledger = new_demo (2000, 1);

  assert_aging (ledger, 2000, TRUE);
}

static void
test_buckets_small (void)
{
  /* Even a book of seven debtors shows every bucket and some credit on account. */
  g_autoptr(ArLedger) ledger = new_demo (7, 3);

  assert_aging (ledger, 7, FALSE);
}

static guint
count_rows (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(ArCsvReader) reader = ar_csv_reader_new_for_path (path, &error);
  guint n = 0;

  g_assert_no_error (error);
  while (ar_csv_reader_next (reader, &error))
    n++;
  g_assert_no_error (error);
  return n - 1;  /* the header */
}

/* Names in several scripts, all three debtor kinds, three currencies, sound numbering. */
static void
test_variety (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_demo (2000, 11);
  g_autofree char *dir = export (ledger);
  g_autofree char *debtors = g_build_filename (dir, "debtors.csv", NULL);
  g_autofree char *invoices = g_build_filename (dir, "invoices.csv", NULL);
  g_autoptr(ArCsvReader) reader = NULL;
  g_autoptr(GHashTable) scripts = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) currencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  gboolean latin_diacritics = FALSE;
  gboolean company_suffix = FALSE;
  guint n_invoices, n_payments, n_debtors = 0;

  reader = ar_csv_reader_new_for_path (debtors, &error);
  g_assert_no_error (error);
  g_assert_true (ar_csv_reader_next (reader, &error));
  g_assert_cmpstr (ar_csv_reader_get_field (reader, 0), ==, "id");
  g_assert_cmpstr (ar_csv_reader_get_field (reader, 1), ==, "name");
  g_assert_cmpstr (ar_csv_reader_get_field (reader, 10), ==, "kind");
  while (ar_csv_reader_next (reader, &error))
    {
      const char *id = ar_csv_reader_get_field (reader, 0);
      const char *name = ar_csv_reader_get_field (reader, 1);
      g_autofree char *expected_id = g_strdup_printf ("C%06u", ++n_debtors);

      g_assert_cmpstr (id, ==, expected_id);
      g_assert_true (g_utf8_validate (name, -1, NULL));
      g_assert_cmpstr (name, !=, "");
      for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          GUnicodeScript script = g_unichar_get_script (c);

          g_hash_table_add (scripts, GINT_TO_POINTER (script));
          if (script == G_UNICODE_SCRIPT_LATIN && c > 0x7f)
            latin_diacritics = TRUE;
        }
      if (g_str_has_suffix (name, " LLC") || g_str_has_suffix (name, " GmbH") ||
          g_str_has_suffix (name, " Ltd"))
        company_suffix = TRUE;
      g_hash_table_add (kinds, g_strdup (ar_csv_reader_get_field (reader, 10)));
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_debtors, ==, 2000);

  g_assert_true (latin_diacritics);
  g_assert_true (company_suffix);
  g_assert_true (g_hash_table_contains (scripts, GINT_TO_POINTER (G_UNICODE_SCRIPT_LATIN)));
  g_assert_true (g_hash_table_contains (scripts, GINT_TO_POINTER (G_UNICODE_SCRIPT_GREEK)));
  g_assert_true (g_hash_table_contains (scripts, GINT_TO_POINTER (G_UNICODE_SCRIPT_CYRILLIC)));
  g_assert_true (g_hash_table_contains (scripts, GINT_TO_POINTER (G_UNICODE_SCRIPT_HAN)));
  g_assert_true (g_hash_table_contains (kinds, "consumer"));
  g_assert_true (g_hash_table_contains (kinds, "sole_trader"));
  g_assert_true (g_hash_table_contains (kinds, "business"));

  /* Invoice numbers are unique; currencies mostly USD, some EUR and GBP. */
  g_clear_pointer (&reader, ar_csv_reader_free);
  reader = ar_csv_reader_new_for_path (invoices, &error);
  g_assert_no_error (error);
  g_assert_true (ar_csv_reader_next (reader, &error));
  while (ar_csv_reader_next (reader, &error))
    {
      const char *number = ar_csv_reader_get_field (reader, 1);

      g_assert_true (g_str_has_prefix (number, "INV-"));
      g_assert_false (g_hash_table_contains (numbers, number));
      g_hash_table_add (numbers, g_strdup (number));
      g_hash_table_insert (currencies, g_strdup (ar_csv_reader_get_field (reader, 5)),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (
                             g_hash_table_lookup (currencies, ar_csv_reader_get_field (reader, 5)))
                             + 1));
    }
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (numbers, "INV-000001"));
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (currencies, "EUR")), >, 0);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (currencies, "GBP")), >, 0);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (currencies, "USD")), >,
                    g_hash_table_size (numbers) / 2);

  /* About 3 invoices and 2.5 payments per debtor. */
  n_invoices = count_rows (dir, "invoices.csv");
  n_payments = count_rows (dir, "payments.csv");
  g_test_message ("%u invoices, %u payments for %u debtors", n_invoices, n_payments, n_debtors);
  g_assert_cmpuint (n_invoices, ==, g_hash_table_size (numbers));
  g_assert_cmpuint (n_invoices * 10, >=, n_debtors * 27);
  g_assert_cmpuint (n_invoices * 10, <=, n_debtors * 33);
  g_assert_cmpuint (n_payments * 10, >=, n_debtors * 20);
  g_assert_cmpuint (n_payments * 10, <=, n_debtors * 30);
}

static void
test_company (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_demo (10, 5);
  g_autoptr(GHashTable) company = ar_ledger_get_company (ledger, &error);

  g_assert_no_error (error);
  g_assert_nonnull (company);
  g_assert_cmpstr (g_hash_table_lookup (company, "trade_name"), ==,
                   "Bright Smile Dental Practice");
  g_assert_cmpstr (g_hash_table_lookup (company, "default_currency"), ==, "USD");
  g_assert_cmpstr (g_hash_table_lookup (company, "iban"), !=, "");
  g_assert_cmpstr (g_hash_table_lookup (company, "routing_number"), !=, "");
  g_assert_cmpstr (g_hash_table_lookup (company, "address_line1"), !=, "");
}

static void
test_check_passes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_demo (1000, 2);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (ar_check_run (ledger, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_ledger ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (ar_demo_generate (ledger, 2500, 1, test_today (), cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Nothing was kept: the ledger is still empty and takes a demo book. */
  g_assert_cmpint (ar_ledger_lookup_debtor (ledger, "C000001"), ==, 0);
  g_assert_true (ar_demo_generate (ledger, 20, 1, test_today (), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ar_ledger_lookup_debtor (ledger, "C000020"), >, 0);
  g_assert_cmpint (ar_ledger_lookup_debtor (ledger, "C000021"), ==, 0);
}

static void
test_not_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_demo (5, 1);

  g_assert_false (ar_demo_generate (ledger, 5, 2, test_today (), NULL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
}

static void
test_empty_book (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_demo (0, 1);
  g_autoptr(GHashTable) company = ar_ledger_get_company (ledger, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (company, "default_currency"), ==, "USD");
  g_assert_cmpint (ar_ledger_lookup_debtor (ledger, "C000001"), ==, 0);
}

/* The collections desk (ar-demo-desk.c) ---------------------------------------------------- */

static gboolean
count_promise (const ArPromise *promise,
               gpointer         user_data)
{
  guint *counts = user_data;

  counts[promise->state]++;
  return TRUE;
}

static gboolean
count_hold (const ArHold *hold,
            gpointer      user_data)
{
  guint *counts = user_data;

  counts[hold->kind]++;
  /* The dispute is on an invoice; the snoozes have an end date. */
  if (hold->kind == AR_HOLD_DISPUTE)
    g_assert_cmpint (hold->invoice_id, !=, 0);
  else
    g_assert_cmpuint (hold->until, !=, 0);
  return TRUE;
}

static void
test_desk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_demo (300, 7);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ArQueue) queue = NULL;
  g_autoptr(ArDunningPreview) preview = NULL;
  guint32 today = test_today ();
  guint plans[AR_N_PLAN_STATES] = { 0 };
  guint promises[AR_N_PROMISE_STATES] = { 0 };
  guint holds[2] = { 0 };
  guint queue_kinds[AR_N_QUEUE_KINDS] = { 0 };
  guint outcomes[AR_N_DUNNING_OUTCOMES] = { 0 };
  guint plans_missed_running = 0;
  guint n_plan_status = 0;
  guint n_running = 0;

  /* Plans in every state, with the status the office sees. */
  for (gint64 id = 1; id <= 300; id++)
    {
      g_autoptr(GPtrArray) list = ar_ledger_list_plans (ledger, id, today, &error);
      g_autoptr(ArDebtorLedger) debtor = ar_debtor_ledger_load (ledger, id, &error);
      gboolean running = FALSE;

      g_assert_no_error (error);
      for (guint i = 0; i < list->len; i++)
        {
          const ArPlan *plan = g_ptr_array_index (list, i);

          plans[plan->state]++;
          if (plan->state == AR_PLAN_STATE_ACTIVE)
            {
              running = TRUE;
              plans_missed_running += plan->n_missed > 0;
            }
        }
      n_running += running;
      n_plan_status += debtor->debtor.status == AR_STATUS_PLAN;
      /* "Plan" in the Status column only while a plan runs. */
      g_assert_true ((debtor->debtor.status == AR_STATUS_PLAN) == running);
    }
  g_assert_cmpuint (plans[AR_PLAN_STATE_ACTIVE], >=, 2);
  g_assert_cmpuint (plans_missed_running, >=, 1);
  g_assert_cmpuint (plans[AR_PLAN_STATE_DEFAULTED], >=, 1);
  g_assert_cmpuint (plans[AR_PLAN_STATE_COMPLETED], >=, 1);
  g_assert_cmpuint (n_plan_status, ==, n_running);

  g_assert_true (ar_ledger_list_promises (ledger, 0, today, count_promise, promises, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (promises[AR_PROMISE_PENDING], >=, 1);
  g_assert_cmpuint (promises[AR_PROMISE_KEPT], >=, 1);
  g_assert_cmpuint (promises[AR_PROMISE_BROKEN], >=, 1);

  g_assert_true (ar_holds_in_force (ledger, today, count_hold, holds, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (holds[AR_HOLD_DISPUTE], >=, 1);
  g_assert_cmpuint (holds[AR_HOLD_SNOOZE], >=, 1);

  g_assert_true (ar_check_run (ledger, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);

  /* Today's work: follow-ups and agency hand-overs. */
  queue = ar_queue_build (ledger, today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ar_queue_get_n_items (queue); i++)
    queue_kinds[ar_queue_get_item (queue, i)->kind]++;
  g_assert_cmpuint (queue_kinds[AR_QUEUE_FOLLOW_UP], >=, 3);
  g_assert_cmpuint (queue_kinds[AR_QUEUE_READY_FOR_AGENCY], >=, 2);

  /* Letters already sent at levels 1–3; today some debtors are due their next level and
   * others are left out, each with its reason. */
  preview = ar_dunning_preview_new (ledger, today, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
    {
      ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, i);

      outcomes[p->outcome]++;
      if (p->outcome != AR_DUNNING_PROPOSED)
        g_assert_true (p->detail != NULL && p->detail[0] != '\0');
      for (guint k = 0; p->outcome == AR_DUNNING_PROPOSED && k < p->n_items; k++)
        {
          const ArDunningItem *item = ar_dunning_preview_get_item (preview, p->first_item + k);

          g_assert_cmpuint (item->next_level, <=, item->current_level + 1);
        }
    }
  g_assert_cmpuint (outcomes[AR_DUNNING_PROPOSED], >=, 5);
  g_assert_cmpuint (outcomes[AR_DUNNING_EXCLUDED_PROMISE], >=, 1);
  g_assert_cmpuint (outcomes[AR_DUNNING_EXCLUDED_PLAN], >=, 1);
  g_assert_cmpuint (outcomes[AR_DUNNING_EXCLUDED_SNOOZE], >=, 1);
  g_assert_cmpuint (outcomes[AR_DUNNING_EXCLUDED_STATUS], >=, 1);
}

/* Levels 1, 2 and 3 are on file, each sent by a run as of its own day. */
static void
test_desk_levels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_demo (300, 7);
  g_autoptr(ArDunningPreview) preview = ar_dunning_preview_new (ledger, test_today (), NULL,
                                                                &error);
  gboolean seen[4] = { FALSE };

  g_assert_no_error (error);
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
    {
      ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, i);

      for (guint k = 0; k < p->n_items; k++)
        {
          const ArDunningItem *item = ar_dunning_preview_get_item (preview, p->first_item + k);

          if (item->current_level <= 3)
            seen[item->current_level] = TRUE;
        }
    }
  g_assert_true (seen[1] && seen[2] && seen[3]);
}

static gint64
count_sql (ArLedger   *ledger,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, sql, &error);
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* Past the desk's 240 debtors too, every status has its record behind it: a plan or a promise
 * status its running plan or pending promise (ar_check_statuses), a dispute its hold, an agency
 * hand-over its dunning hand-over or the note that logged it. */
static void
test_statuses_backed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_demo (3000, 5);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (ar_check_statuses (ledger, test_today (), warnings, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < warnings->len; i++)
    g_test_message ("warning: %s", (char *) g_ptr_array_index (warnings, i));
  g_assert_cmpuint (warnings->len, ==, 0);

  /* Disputes past the desk, each on hold from its last invoice on. */
  g_assert_cmpint (count_sql (ledger, "SELECT count (*) FROM debtors WHERE status = 'disputed'"
                                      " AND id > 240"), >, 10);
  g_assert_cmpint (count_sql (ledger,
    "SELECT count (*) FROM debtors d WHERE status = 'disputed' AND NOT EXISTS"
    " (SELECT 1 FROM dunning_holds h JOIN invoices i ON i.id = h.invoice_id"
    "  WHERE h.debtor_id = d.id AND h.kind = 'dispute'"
    "  AND i.id = (SELECT max (id) FROM invoices WHERE debtor_id = d.id))"), ==, 0);
  /* Promises as the desk made them, and no status promise or agency beyond them. */
  g_assert_cmpint (count_sql (ledger, "SELECT count (*) FROM debtors WHERE status = 'promise'"),
                   >, 0);
  g_assert_cmpint (count_sql (ledger, "SELECT count (*) FROM debtors"
                                      " WHERE status IN ('promise', 'agency', 'plan')"
                                      " AND id > 240"), ==, 0);
  g_assert_cmpint (count_sql (ledger,
    "SELECT count (*) FROM debtors d WHERE status = 'agency'"
    " AND NOT EXISTS (SELECT 1 FROM dunning_letters l WHERE l.debtor_id = d.id"
    "                 AND l.hand_over = 1)"
    " AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.debtor_id = d.id"
    "                 AND a.outcome = 'handed_over')"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("arrears-test-demo-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/demo/same-seed", test_same_seed);
  g_test_add_func ("/demo/different-seed", test_different_seed);
  g_test_add_func ("/demo/buckets", test_buckets);
  g_test_add_func ("/demo/buckets-small", test_buckets_small);
  g_test_add_func ("/demo/variety", test_variety);
  g_test_add_func ("/demo/company", test_company);
  g_test_add_func ("/demo/check-passes", test_check_passes);
  g_test_add_func ("/demo/cancelled", test_cancelled);
  g_test_add_func ("/demo/not-empty", test_not_empty);
  g_test_add_func ("/demo/empty-book", test_empty_book);
  g_test_add_func ("/demo/desk", test_desk);
  g_test_add_func ("/demo/desk-levels", test_desk_levels);
  g_test_add_func ("/demo/statuses-backed", test_statuses_backed);
  ret = g_test_run ();

  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
