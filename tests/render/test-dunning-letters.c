/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-dunning-letters"
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ar-activity.h"
#include "ar-date.h"
#include "ar-doc-dunning.h"
#include "ar-test-util.h"

/* A dunning run's letters (ar-doc-dunning.h): what they list, read back with pdftotext, and
 * that the PDF kept with the letter sent is the one rendered. */

static guint32
jd (const char *iso)
{
  return ar_date_parse_julian (iso, NULL);
}

static gint64
add_debtor (ArLedger *ledger, const char *id, const char *name)
{
  ArDebtorInfo info = { .external_id = id, .name = name, .kind = AR_DEBTOR_BUSINESS };
  ArAddressInfo address = { .line1 = "1 Main St", .city = "Springfield", .region = "IL",
                            .postal_code = "62704", .country = "US",
                            .status = AR_CONTACT_VALID };
  g_autoptr(GError) error = NULL;
  gint64 id_out;

  g_assert_true (ar_ledger_add_debtor (ledger, &info, &id_out, &error));
  g_assert_true (ar_ledger_add_address (ledger, id_out, &address, NULL, &error));
  g_assert_no_error (error);
  return id_out;
}

static gint64
invoice (ArLedger *ledger, gint64 debtor, const char *number, const char *due, gint64 amount)
{
  ArInvoiceInfo info = { .debtor_id = debtor, .number = number, .issue_date = jd (due) - 30,
                         .due_date = jd (due), .currency = "USD", .amount = amount };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (ar_ledger_add_invoice (ledger, &info, &id, &error));
  g_assert_no_error (error);
  return id;
}

static ArDunningProposal *
find (ArDunningPreview *p, const char *id)
{
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (p); i++)
    if (g_strcmp0 (ar_dunning_preview_get_proposal (p, i)->external_id, id) == 0)
      return ar_dunning_preview_get_proposal (p, i);
  return NULL;
}

static char *
text_of (const char *dir, const char *name, GBytes *pdf)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                      g_bytes_get_size (pdf), NULL));
  return ar_test_run_tool ("pdftotext", "-layout", path, "-", NULL);
}

static gboolean
first_letter (const ArActivityRow *row, gpointer user_data)
{
  if (row->kind == AR_ACTIVITY_LETTER && row->document_sha256 != NULL)
    *(gint64 *) user_data = row->id;
  return TRUE;
}

static void
record_progress (guint64 done, guint64 total, gpointer user_data)
{
  g_string_append_printf (user_data, "%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " ", done,
                          total);
}

static void
test_run_letters (void)
{
  g_autofree char *dir = g_dir_make_tmp ("arrears-dunning-letters-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "book.arrears", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = ar_ledger_create (path, &error);
  g_autoptr(GArray) levels = NULL;
  g_autoptr(ArDunningPreview) preview = NULL;
  g_autoptr(GBytes) batch = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) reports = g_string_new (NULL);
  g_autofree char *batch_text = NULL, *single_text = NULL;
  ArCompanyInfo company = { .legal_name = "Acme LLC", .phone = "555-0100",
                            .email = "ar@acme.test" };
  ArHoldInfo hold = { 0 };
  ArDunningLevel l1;
  ArDunningCommitResult result = { 0 };
  ArDunningProposal *a;
  gint64 da, db, held;
  guint n_letters = 0;

  if (!ar_test_have_tools ("pdftotext", NULL))
    return;
  g_assert_no_error (error);
  g_assert_true (ar_ledger_set_company (ledger, &company, &error));
  levels = ar_dunning_levels_load (ledger, &error);
  l1 = g_array_index (levels, ArDunningLevel, 0);
  l1.fee_kind = AR_DUNNING_FEE_PERCENT;
  l1.fee_rate_bp = 1000;   /* 10 % */
  g_assert_true (ar_dunning_level_store (ledger, &l1, &error));
  g_assert_no_error (error);

  da = add_debtor (ledger, "A-1", "Alice Able");
  db = add_debtor (ledger, "B-1", "Bob Baker");
  invoice (ledger, da, "INV-1", "2026-01-01", 10000);
  held = invoice (ledger, da, "INV-2", "2026-01-02", 5000);
  invoice (ledger, db, "INV-3", "2026-01-01", 7000);
  hold = (ArHoldInfo) { da, held, AR_HOLD_DISPUTE, "wrong price", jd ("2026-01-05"), 0 };
  g_assert_true (ar_hold_place (ledger, &hold, NULL, &error));
  g_assert_no_error (error);

  preview = ar_dunning_preview_new (ledger, jd ("2026-01-20"), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ar_dunning_preview_deselect (preview, "B-1"));
  batch = ar_doc_dunning_render_full (ledger, preview, record_progress, reports, NULL, warnings,
                                     &n_letters, &error);
  g_assert_no_error (error);
  g_assert_nonnull (batch);
  g_assert_cmpuint (n_letters, ==, 1);
  /* Progress counts the ticked letters (not the hand-overs, nor Bob's, deselected): from 0 to
   * all of them once the batch is saved. */
  g_assert_cmpstr (reports->str, ==, "0/1 1/1 ");
  a = find (preview, "A-1");
  g_assert_nonnull (a->document);
  g_assert_null (find (preview, "B-1")->document);
  g_assert_cmpuint (warnings->len, ==, 0);

  /* One letter: the item, the fee it charges naming invoice and level, the total with the
   * fee, the deadline; the disputed invoice left out with a note. */
  batch_text = text_of (dir, "batch.pdf", batch);
  g_assert_nonnull (strstr (batch_text, "Alice Able"));
  g_assert_null (strstr (batch_text, "Bob Baker"));
  g_assert_nonnull (strstr (batch_text, "INV-1"));
  g_assert_true (g_regex_match_simple ("Dunning fee, level 1 \\(invoice INV-1\\) .*\\$10\\.00",
                                       batch_text, 0, 0));
  g_assert_true (g_regex_match_simple ("Total due .*\\$110\\.00", batch_text, 0, 0));
  g_assert_null (strstr (batch_text, "INV-2"));
  g_assert_nonnull (strstr (batch_text, "Not included above: $50.00 under dispute or on hold."));
  g_assert_nonnull (strstr (batch_text, "3 February 2026"));
  single_text = text_of (dir, "single.pdf", a->document);
  g_assert_true (g_regex_match_simple ("Total due .*\\$110\\.00", single_text, 0, 0));

  /* The letter kept is the one rendered, byte for byte. */
  g_assert_true (ar_dunning_run_commit (ledger, preview, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_letters, ==, 1);
  {
    g_autoptr(ArDunningPreview) again = ar_dunning_preview_new (ledger, jd ("2026-01-20"), NULL,
                                                                &error);
    g_assert_cmpint (find (again, "B-1")->outcome, ==, AR_DUNNING_PROPOSED);
    g_assert_cmpint (find (again, "A-1")->outcome, !=, AR_DUNNING_PROPOSED);
  }
  {
    gint64 activity = 0;

    g_assert_true (ar_ledger_list_activities (ledger, da, first_letter, &activity, &error));
    g_assert_cmpint (activity, >, 0);
    kept = ar_ledger_get_activity_document (ledger, activity, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (kept, a->document));
  }

  g_clear_object (&ledger);
  ar_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dunning-letters/run", test_run_letters);
  status = g_test_run ();
  FcFini ();
  return status;
}
