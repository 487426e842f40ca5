/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <hpdf.h>

#include "ar-date.h"
#include "ar-debtor-ledger.h"
#include "ar-demo.h"
#include "ar-doc-letter.h"
#include "ar-doc-statement.h"
#include "ar-letter-data.h"

/* The PDF benchmark, in one run:
 *  (a) the bare libharu page rate: N pages of one line of text each, in the same embedded
 *      TrueType font and compression as our documents, saved;
 *  (b) N dunning letters of 1 to 8 items each from a demo book, written into one PDF through
 *      ar_doc_letters_write_batch () — the code arrears-cli letters runs;
 *  (c) the account statement of one debtor with 2,000 journal entries.
 * Targets: 10,000 letters in at most 5 s, under 40 KB a letter on average; the statement in
 * at most 200 ms.
 *
 *   bench-pdf [--letters N] [--keep DIR] */

static int n_letters = 10000;
static char *keep_dir;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static long
peak_rss_mib (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

/* CPU seconds of the process so far, all threads, user and system. */
static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

/* (a) ------------------------------------------------------------------------------------- */

static void
hpdf_error (HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
  g_error ("libharu error 0x%04X (%u)", (guint) error_no, (guint) detail_no);
}

/* The file fontconfig gives for DejaVu Sans, as ar-pdf-font.c asks for it. */
static char *
find_font (void)
{
  FcPattern *pattern = FcNameParse ((const FcChar8 *) "DejaVu Sans:style=Book");
  FcPattern *match;
  FcResult result;
  FcChar8 *file = NULL;
  char *path = NULL;

  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  if (match != NULL && FcPatternGetString (match, FC_FILE, 0, &file) == FcResultMatch)
    path = g_strdup ((const char *) file);
  if (match != NULL)
    FcPatternDestroy (match);
  FcPatternDestroy (pattern);
  if (path == NULL)
    g_error ("fontconfig finds no DejaVu Sans (Debian: fonts-dejavu-core)");
  return path;
}

static double
bench_bare (const char *dir, int n_pages, guint64 *out_size)
{
  g_autofree char *font_path = find_font ();
  g_autofree char *path = g_build_filename (dir, "bare.pdf", NULL);
  HPDF_Doc doc;
  HPDF_Font font;
  const char *name;
  double t0 = now (), t1;

  doc = HPDF_New (hpdf_error, NULL);
  HPDF_SetCompressionMode (doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings (doc);
  name = HPDF_LoadTTFontFromFile (doc, font_path, HPDF_TRUE);
  font = HPDF_GetFont (doc, name, "UTF-8");
  for (int i = 0; i < n_pages; i++)
    {
      HPDF_Page page = HPDF_AddPage (doc);
      char line[64];

      HPDF_Page_SetSize (page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
      g_snprintf (line, sizeof line, "Page %d: Zahlungserinnerung, payment reminder", i + 1);
      HPDF_Page_BeginText (page);
      HPDF_Page_SetFontAndSize (page, font, 10);
      HPDF_Page_TextOut (page, 72, 760, line);
      HPDF_Page_EndText (page);
    }
  if (HPDF_SaveToFile (doc, path) != HPDF_OK)
    g_error ("could not save %s", path);
  HPDF_Free (doc);
  t1 = now ();
  *out_size = file_size (path);
  return t1 - t0;
}

/* (b) ------------------------------------------------------------------------------------- */

typedef struct
{
  guint items;        /* Σ items of the letters picked */
  guint histogram[9];
} Pick;

/* Picks the debtors, in the order of their customer numbers, who are due a USD letter of 1 to
 * 8 items (by the rules ar_letter_candidates_run () applies: no cease-contact, a status that
 * allows a reminder, something overdue). The demo numbers its debtors C000001, C000002, … */
static GArray *
pick_debtors (ArLedger *ledger, guint32 as_of, guint n_debtors, guint wanted, Pick *pick)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 1; i <= n_debtors && ids->len < wanted; i++)
    {
      g_autoptr(ArDebtorLedger) account = NULL;
      g_autoptr(ArLetterData) data = NULL;
      g_autoptr(GError) error = NULL;
      char external_id[16];
      gboolean overdue = FALSE;
      gint64 id;
      guint n;

      g_snprintf (external_id, sizeof external_id, "C%06u", i);
      id = ar_ledger_lookup_debtor (ledger, external_id);
      account = id != 0 ? ar_debtor_ledger_load (ledger, id, &error) : NULL;
      if (account == NULL || account->debtor.cease_contact ||
          (account->debtor.status != AR_STATUS_ACTIVE &&
           account->debtor.status != AR_STATUS_PROMISE &&
           account->debtor.status != AR_STATUS_PLAN))
        continue;
      for (guint k = 0; k < account->balances->len; k++)
        {
          const ArDebtorBalance *b = &g_array_index (account->balances, ArDebtorBalance, k);

          overdue = overdue || (strcmp (b->currency, "USD") == 0 && b->balance > 0 &&
                                b->oldest_due != 0 && b->oldest_due < as_of);
        }
      if (!overdue)
        continue;
      data = ar_letter_data_build (ledger, id, "USD", as_of, 14, 0, &error);
      if (data == NULL)
        g_error ("%s", error->message);
      n = data->items->len + data->charges->len;
      if (data->items->len == 0 || n > 8)
        continue;
      g_array_append_val (ids, id);
      pick->items += n;
      pick->histogram[n]++;
    }
  return ids;
}

static gboolean
count_candidate (const ArLetterCandidate *candidate, gpointer user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static void
bench_letters (const char *dir, int wanted)
{
  g_autofree char *book = g_build_filename (dir, "demo.arrears", NULL);
  g_autofree char *path = g_build_filename (dir, "letters.pdf", NULL);
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_auto(ArDocLettersResult) result = { 0 };
  /* About 27 % of the demo's debtors owe an overdue USD letter of 1 to 8 items. */
  guint n_debtors = (guint) (wanted * 4.2) + 200;
  guint32 as_of = ar_date_parse_julian ("2026-11-15", NULL);
  Pick pick = { 0 };
  ArDocLettersOptions options = { .as_of = as_of, .level = 2, .deadline_days = 14,
                                  .currency = "USD" };
  double t0, t1, t2, cpu0, bare_seconds, letter_seconds;
  guint64 bare_size;
  double bare_rate, letter_rate;
  guint n_candidates = 0;

  /* (a) first, so both run on a warm process. */
  bare_seconds = bench_bare (dir, wanted, &bare_size);
  bare_rate = wanted / bare_seconds;
  g_print ("(a) bare libharu:   %d pages of one line in %.2f s = %.0f pages/s, %.1f KB/page\n",
           wanted, bare_seconds, bare_rate, bare_size / 1024.0 / wanted);

  ledger = ar_ledger_create (book, &error);
  if (ledger == NULL)
    g_error ("%s", error->message);
  t0 = now ();
  if (!ar_demo_generate (ledger, n_debtors, 1, as_of, NULL, &error))
    g_error ("%s", error->message);
  t1 = now ();
  ids = pick_debtors (ledger, as_of, n_debtors, (guint) wanted, &pick);
  t2 = now ();
  g_print ("    demo book of %u debtors in %.1f s; %u letters picked in %.1f s\n",
           n_debtors, t1 - t0, ids->len, t2 - t1);
  if (ids->len < (guint) wanted)
    g_error ("only %u letters of 1 to 8 items in the demo book", ids->len);

  options.debtor_ids = (const gint64 *) ids->data;
  options.n_debtor_ids = ids->len;
  ar_doc_letters_result_init (&result);
  cpu0 = cpu_seconds ();
  t0 = now ();
  if (!ar_doc_letters_write_batch (ledger, &options, path, NULL, NULL, NULL, &result, &error))
    g_error ("%s", error->message);
  letter_seconds = now () - t0;
  cpu0 = cpu_seconds () - cpu0;
  letter_rate = result.n_letters / letter_seconds;

  g_print ("(b) letters:        %u letters (%u pages, %.2f items each: ", result.n_letters,
           result.n_pages, (double) pick.items / ids->len);
  for (guint i = 1; i <= 8; i++)
    g_print ("%s%ux%u", i > 1 ? " " : "", pick.histogram[i], i);
  g_print (") in one PDF\n");
  g_print ("                    %.2f s (%.2f s of CPU, both threads) = %.0f letters/s = "
           "%.2f x the bare page rate; %.1f KB per letter; peak RSS %ld MiB\n",
           letter_seconds, cpu0, letter_rate, letter_rate / bare_rate,
           result.n_bytes / 1024.0 / MAX (result.n_letters, 1), peak_rss_mib ());
  g_print ("                    target <= 5 s for 10,000 and < 40 KB a letter: %s, %s\n",
           letter_seconds * 10000.0 / MAX (result.n_letters, 1) <= 5.0 ? "met" : "MISSED",
           result.n_bytes / MAX (result.n_letters, 1) < 40 * 1024 ? "met" : "MISSED");
  if (result.warnings->len > 0)
    g_print ("                    %u warnings, the first: %s\n", result.warnings->len,
             (char *) g_ptr_array_index (result.warnings, 0));

  /* What --all-overdue adds on this book: listing the debtors due a letter (core). */
  t0 = now ();
  if (!ar_letter_candidates_run (ledger, as_of, 0, "USD", count_candidate, &n_candidates,
                                 &error))
    g_error ("%s", error->message);
  g_print ("    listing the %u debtors due a USD letter (ar_letter_candidates_run, the "
           "--all-overdue path): %.2f s\n", n_candidates, now () - t0);
}

/* (c) ------------------------------------------------------------------------------------- */

static void
bench_statement (const char *dir)
{
  g_autofree char *book = g_build_filename (dir, "statement.arrears", NULL);
  g_autofree char *path = g_build_filename (dir, "statement.pdf", NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  ArCompanyInfo company = { .legal_name = "Bench Co", .country = "DE",
                            .default_currency = "USD" };
  ArDebtorInfo debtor = { .external_id = "S-1", .name = "Statement Debtor" };
  guint32 start = ar_date_parse_julian ("2024-01-01", NULL);
  gint64 debtor_id;
  double t0, seconds;

  ledger = ar_ledger_create (book, &error);
  if (ledger == NULL || !ar_ledger_set_company (ledger, &company, &error) ||
      !ar_ledger_add_debtor (ledger, &debtor, &debtor_id, &error) ||
      !ar_ledger_begin (ledger, "bench", &error))
    g_error ("%s", error->message);
  /* 1,000 invoices and 1,000 payments over two years and a half. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *number = g_strdup_printf ("S-%04u", i + 1);
      ArInvoiceInfo inv = { .debtor_id = debtor_id, .number = number,
                            .issue_date = start + i, .due_date = start + i + 30,
                            .currency = "USD", .amount = 10000 + i * 7,
                            .description = "Monthly service" };
      ArPosting pay = { .debtor_id = debtor_id, .kind = AR_ENTRY_PAYMENT,
                        .date = start + i + 20, .amount = 9000 + i * 5, .currency = "USD",
                        .reference = "BANK" };

      if (!ar_ledger_add_invoice (ledger, &inv, NULL, &error) ||
          !ar_ledger_post (ledger, &pay, NULL, &error))
        g_error ("%s", error->message);
    }
  if (!ar_ledger_commit (ledger, &error))
    g_error ("%s", error->message);

  t0 = now ();
  if (!ar_doc_statement_write (ledger, debtor_id, "USD", start, start + 1100, TRUE, path,
                               warnings, &error))
    {
      g_print ("(c) statement:      failed: %s\n", error->message);
      return;
    }
  seconds = now () - t0;
  g_print ("(c) statement:      2,000 entries in %.0f ms, %.0f KB; target <= 200 ms: %s\n",
           seconds * 1000.0, file_size (path) / 1024.0, seconds <= 0.2 ? "met" : "MISSED");
}

int
main (int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "letters", 0, 0, G_OPTION_ARG_INT, &n_letters, "Letters (and bare pages) to write", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep_dir, "Write into DIR and keep the files",
      "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark the PDF documents");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (n_letters < 1)
    g_error ("--letters must be at least 1");

  if (keep_dir != NULL)
    {
      dir = g_strdup (keep_dir);
      g_mkdir_with_parents (dir, 0700);
    }
  else if ((dir = g_dir_make_tmp ("bench-pdf-XXXXXX", &error)) == NULL)
    g_error ("%s", error->message);

  bench_letters (dir, n_letters);
  bench_statement (dir);

  if (keep_dir == NULL)
    {
      const char *names[] = { "bare.pdf", "letters.pdf", "demo.arrears", "demo.arrears-wal",
                              "demo.arrears-shm", "statement.pdf", "statement.arrears",
                              "statement.arrears-wal", "statement.arrears-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = g_build_filename (dir, names[i], NULL);

          g_unlink (path);
        }
      g_rmdir (dir);
    }
  g_free (keep_dir);
  FcFini ();
  return 0;
}
