/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-letter"
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "ar-activity.h"
#include "ar-date.h"
#include "ar-doc-letter.h"
#include "ar-letter-data.h"
#include "ar-template.h"
#include "ar-test-util.h"

/* Dunning letters: written into temporary directories and read back with poppler-utils
 * (pdftotext, pdffonts) and qpdf; the checks that need a missing tool are skipped. Set
 * AR_LETTER_SAMPLES to a directory to keep the batches written by /letter/batch there (A4 and
 * US Letter) for looking at. */

/* Tools ------------------------------------------------------------------------------------- */

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* TRUE if a file in @dir has @part in its name (a temporary file left behind). */
static gboolean
has_file_containing (const char *dir, const char *part)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (strstr (name, part) != NULL)
      return TRUE;
  return FALSE;
}

/* The text of page @page (all pages when 0), laid out as printed. */
static char *
pdf_text (const char *path, int page)
{
  g_autofree char *number = g_strdup_printf ("%d", page);

  if (page <= 0)
    return ar_test_run_tool ("pdftotext", "-layout", path, "-", NULL);
  return ar_test_run_tool ("pdftotext", "-layout", "-f", number, "-l", number, path, "-", NULL);
}

static void
assert_qpdf_ok (const char *path)
{
  g_autofree char *out = ar_test_run_tool ("qpdf", "--check", path, NULL);

  g_assert_nonnull (strstr (out, "No syntax or stream encoding errors found"));
}

static int
count_pages (const char *path)
{
  g_autofree char *out = ar_test_run_tool ("qpdf", "--show-npages", path, NULL);

  return atoi (out);
}

/* pdffonts: every font is embedded. */
static void
assert_fonts_embedded (const char *path)
{
  g_autofree char *out = ar_test_run_tool ("pdffonts", path, NULL);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n_fonts = 0;

  for (guint i = 2; lines[0] != NULL && lines[1] != NULL && lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint k = 0; cols[k] != NULL; k++)
        if (*cols[k] != '\0')
          g_ptr_array_add (words, cols[k]);
      if (words->len == 0)
        continue;
      g_assert_cmpuint (words->len, >=, 7);
      /* name type … encoding emb sub uni object generation */
      g_assert_cmpstr (g_ptr_array_index (words, words->len - 5), ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

/* Each of the strings occurs in @layout, each after the one before it; runs of white space
 * count as one space (a date may wrap at the end of a line). */
static void
assert_in_order (const char *layout, ...)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *text = g_regex_replace_literal (spaces, layout, -1, 0, " ", 0, NULL);
  const char *from = text;
  va_list args;

  va_start (args, layout);
  for (const char *s = va_arg (args, const char *); s != NULL; s = va_arg (args, const char *))
    {
      const char *at = strstr (from, s);

      if (at == NULL)
        {
          g_test_message ("“%s” is missing after offset %td in:\n%s", s, from - text, text);
          g_assert_not_reached ();
        }
      from = at + strlen (s);
    }
  va_end (args);
}

/* The line of @text that contains @needle (a copy). */
static char *
line_with (const char *text, const char *needle)
{
  const char *at = strstr (text, needle);
  const char *start, *end;

  if (at == NULL)
    {
      g_test_message ("no line has “%s” in:\n%s", needle, text);
      g_assert_not_reached ();
    }
  for (start = at; start > text && start[-1] != '\n'; start--)
    ;
  end = strchr (at, '\n');
  return g_strndup (start, end != NULL ? (gsize) (end - start) : strlen (start));
}

static guint
count_substr (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The book ---------------------------------------------------------------------------------- */

static guint32
jd (const char *iso)
{
  return ar_date_parse_julian (iso, NULL);
}

#define AS_OF "2026-06-30"

typedef struct
{
  char     *dir;
  char     *path;
  ArLedger *ledger;
  gint64    pl, el, ru, zh, de, brace, longer, quiet, disputed;
} Fixture;

static gint64
add_debtor (Fixture *f, const char *id, const char *name, const char *language,
            const char *line1, const char *postal_code, const char *city, const char *country)
{
  ArDebtorInfo info = { .external_id = id, .name = name, .language = language,
                        .country = country, .status = AR_STATUS_ACTIVE };
  ArAddressInfo address = { .label = "home", .line1 = line1, .city = city,
                            .postal_code = postal_code, .country = country,
                            .status = AR_CONTACT_VALID, .source = "test" };
  g_autoptr(GError) error = NULL;
  gint64 id_out;

  g_assert_true (ar_ledger_add_debtor (f->ledger, &info, &id_out, &error));
  g_assert_no_error (error);
  if (line1 != NULL)
    {
      g_assert_true (ar_ledger_add_address (f->ledger, id_out, &address, NULL, &error));
      g_assert_no_error (error);
    }
  return id_out;
}

static gint64
add_debtor_full (Fixture *f, const char *id, const char *name, ArDebtorStatus status,
                 gboolean cease_contact)
{
  ArDebtorInfo info = { .external_id = id, .name = name, .status = status,
                        .cease_contact = cease_contact };
  g_autoptr(GError) error = NULL;
  gint64 id_out;

  g_assert_true (ar_ledger_add_debtor (f->ledger, &info, &id_out, &error));
  g_assert_no_error (error);
  return id_out;
}

static gint64
invoice (Fixture *f, gint64 debtor, const char *number, const char *issue, const char *due,
         gint64 amount)
{
  ArInvoiceInfo info = { .debtor_id = debtor, .number = number, .issue_date = jd (issue),
                         .due_date = jd (due), .currency = "EUR", .amount = amount,
                         .description = "Services" };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (ar_ledger_add_invoice (f->ledger, &info, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
post (Fixture *f, gint64 debtor, ArEntryKind kind, const char *date, gint64 amount,
      gint64 invoice_id, const char *memo)
{
  ArPosting p = { .debtor_id = debtor, .kind = kind, .date = jd (date), .amount = amount,
                  .currency = "EUR", .invoice_id = invoice_id, .memo = memo };
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_post (f->ledger, &p, NULL, &error));
  g_assert_no_error (error);
}

/* As of 2026-06-30, in EUR, a German company:
 *   PL  Łucja Wąsowska-Żółć: PL-1 1200.00 due 05-01 less 200.00 paid (60 days), PL-2 350.50
 *       due 06-14 (16 days), a late fee of 15.00 on PL-1, interest of 4.20 on no invoice,
 *       and PL-3 99.00 not yet due. Total due 1369.70.
 *   EL  Γιώργος Παπαδόπουλος: EL-1 800.00 due 06-10 (20 days)
 *   RU  Дмитрий Иванов: RU-1 450.00 due 05-20 (41 days)
 *   ZH  王小明: ZH-1 1888.00 due 06-01 (29 days)
 *   DE  Jürgen Groß, language de: DE-1 250.00 due 06-15 (15 days)
 *   BR  "{total_due}": BR-1 10.00 due 06-20 (10 days)
 *   LL  Langbrief GmbH: 40 invoices, LL-01 … LL-40, due 2026-01-05 … 02-13, 100.00 + n
 *   QT  asked not to be contacted; DS disputing: both overdue. */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ArCompanyInfo company = {
    .legal_name = "Nordlicht Werkstatt GmbH", .address_line1 = "Hafenstraße 12",
    .city = "Hamburg", .postal_code = "20457", .country = "DE", .phone = "+49 40 555 0100",
    .email = "buchhaltung@nordlicht.example", .tax_id = "DE 123 456 789",
    .payment_instructions = "Please transfer the amount to our account below, quoting your "
                            "customer number.",
    .iban = "DE89 3704 0044 0532 0130 00", .bic = "COBADEFFXXX", .default_currency = "EUR",
    .signature_name = "Marta Kowalczyk, Accounts",
  };
  g_autoptr(GError) error = NULL;
  gint64 pl1;

  f->dir = g_dir_make_tmp ("ar-letter-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "book.arrears", NULL);
  f->ledger = ar_ledger_create (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (ar_ledger_set_company (f->ledger, &company, &error));
  g_assert_no_error (error);

  f->pl = add_debtor (f, "PL-7", "Łucja Wąsowska-Żółć", "pl", "ul. Mickiewicza 7", "30-059",
                      "Kraków", "PL");
  pl1 = invoice (f, f->pl, "PL-1", "2026-04-01", "2026-05-01", 120000);
  post (f, f->pl, AR_ENTRY_PAYMENT, "2026-05-10", 20000, pl1, NULL);
  invoice (f, f->pl, "PL-2", "2026-05-15", "2026-06-14", 35050);
  post (f, f->pl, AR_ENTRY_FEE, "2026-06-05", 1500, pl1, "Late fee");
  post (f, f->pl, AR_ENTRY_INTEREST, "2026-06-20", 420, 0, "Interest to 20 June");
  invoice (f, f->pl, "PL-3", "2026-06-20", "2026-07-20", 9900);

  f->el = add_debtor (f, "GR-1", "Γιώργος Παπαδόπουλος", "el", "Οδός Αθηνάς 12", "105 51",
                      "Αθήνα", "GR");
  invoice (f, f->el, "EL-1", "2026-05-11", "2026-06-10", 80000);
  f->ru = add_debtor (f, "RU/2", "Дмитрий Иванов", "ru", "ул. Ленина 5", "101000", "Москва",
                      "RU");
  invoice (f, f->ru, "RU-1", "2026-04-20", "2026-05-20", 45000);
  f->zh = add_debtor (f, "CN 3", "王小明", "zh", "天府大道732号", "610015", "成都", "CN");
  invoice (f, f->zh, "ZH-1", "2026-05-02", "2026-06-01", 188800);
  f->de = add_debtor (f, "DE-4", "Jürgen Groß", "de", "Königsallee 92a", "40212", "Düsseldorf",
                      "DE");
  invoice (f, f->de, "DE-1", "2026-05-16", "2026-06-15", 25000);
  f->brace = add_debtor (f, "BR-5", "{total_due}", NULL, "Klammerweg 1", "20095", "Hamburg",
                         "DE");
  invoice (f, f->brace, "BR-1", "2026-05-21", "2026-06-20", 1000);
  f->longer = add_debtor (f, "LL-6", "Langbrief GmbH", "de", "Lange Reihe 40", "20099",
                          "Hamburg", "DE");
  for (guint i = 1; i <= 40; i++)
    {
      g_autofree char *number = g_strdup_printf ("LL-%02u", i);
      char issue[11], due[11];

      ar_date_format_julian (jd ("2025-12-06") + i - 1, issue);
      ar_date_format_julian (jd ("2026-01-05") + i - 1, due);
      invoice (f, f->longer, number, issue, due, 10000 + i);
    }
  /* Two debtors the letters must leave alone. */
  f->quiet = add_debtor_full (f, "QT-8", "Quiet Person", AR_STATUS_ACTIVE, TRUE);
  invoice (f, f->quiet, "QT-1", "2026-04-01", "2026-05-01", 5000);
  f->disputed = add_debtor_full (f, "DS-9", "Disputing Person", AR_STATUS_DISPUTED, FALSE);
  invoice (f, f->disputed, "DS-1", "2026-04-01", "2026-05-01", 6000);

}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ledger);
  ar_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static ArLetterData *
build (Fixture *f, gint64 debtor)
{
  g_autoptr(GError) error = NULL;
  ArLetterData *d = ar_letter_data_build (f->ledger, debtor, "EUR", jd (AS_OF), 14, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

static char *
money (gint64 minor)
{
  return ar_money_format (minor, "EUR");
}

/* Renders @debtor's letter of @level alone into @name in the fixture's directory. */
static char *
render_one (Fixture *f, gint64 debtor, guint level, const char *name)
{
  g_autoptr(ArLetterData) data = build (f, debtor);
  g_autoptr(ArLetterTemplate) tmpl = NULL;
  g_autoptr(ArPdf) pdf = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  tmpl = ar_template_lookup (f->ledger, level, data->debtor.language, &error);
  g_assert_no_error (error);
  pdf = ar_pdf_new (AR_PDF_PAPER_A4, &error);
  g_assert_no_error (error);
  g_assert_true (ar_doc_letter_render (pdf, data, tmpl, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ar_pdf_save (pdf, path, &error));
  g_assert_no_error (error);
  return path;
}

/* Tests ------------------------------------------------------------------------------------- */

/* Every letter names its debtor and lists each overdue invoice with its days and open amount,
 * the fee and interest lines, the total and the deadline, in that order. */
static void
test_single (Fixture *f, gconstpointer unused)
{
  const struct { gint64 *debtor; const char *name; const char *invoice; const char *days;
                 gint64 open; } cases[] = {
    { &f->el, "Γιώργος Παπαδόπουλος", "EL-1", "20", 80000 },
    { &f->ru, "Дмитрий Иванов", "RU-1", "41", 45000 },
    { &f->zh, "王小明", "ZH-1", "29", 188800 },
  };
  g_autofree char *deadline = ar_letter_format_date (jd (AS_OF) + 14);
  g_autofree char *path = render_one (f, f->pl, 1, "pl.pdf");
  g_autofree char *text = NULL;
  g_autofree char *pl1 = NULL, *pl2 = NULL, *fee = NULL, *interest = NULL, *total = NULL;
  g_autofree char *open1 = money (100000), *open2 = money (35050), *total_due = money (136970);
  g_autofree char *fee_amount = money (1500), *interest_amount = money (420);
  g_autofree char *not_due = money (9900);

  if (!ar_test_have_tools ("pdftotext", "qpdf", "pdffonts", NULL))
    return;
  assert_qpdf_ok (path);
  assert_fonts_embedded (path);
  text = pdf_text (path, 0);

  assert_in_order (text, "Łucja Wąsowska-Żółć", "ul. Mickiewicza 7", "Payment reminder",
                   "Dear Łucja Wąsowska-Żółć,", "PL-1", "PL-2", "Late fee (invoice PL-1)",
                   "Interest to 20 June", "Total due", total_due, deadline, "Page 1 of 1",
                   NULL);
  pl1 = line_with (text, "PL-1 ");
  g_assert_nonnull (strstr (pl1, " 60 "));
  g_assert_nonnull (strstr (pl1, open1));
  pl2 = line_with (text, "PL-2 ");
  g_assert_nonnull (strstr (pl2, " 16 "));
  g_assert_nonnull (strstr (pl2, open2));
  fee = line_with (text, "Late fee (invoice PL-1)");
  g_assert_nonnull (strstr (fee, fee_amount));
  interest = line_with (text, "Interest to 20 June");
  g_assert_nonnull (strstr (interest, interest_amount));
  total = line_with (text, "Total due ");
  g_assert_nonnull (strstr (total, total_due));
  /* The invoice not yet due is not listed, but mentioned. */
  g_assert_null (strstr (text, "PL-3"));
  g_assert_nonnull (strstr (text, not_due));
  /* The reference block. */
  g_assert_nonnull (strstr (text, "PL-7"));
  g_assert_nonnull (strstr (text, "PL-7-1-20260630"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("case-%u.pdf", i);
      g_autofree char *p = render_one (f, *cases[i].debtor, 1, name);
      g_autofree char *t = pdf_text (p, 0);
      g_autofree char *open = money (cases[i].open);
      g_autofree char *row = NULL;
      g_autofree char *salutation = g_strdup_printf ("Dear %s,", cases[i].name);

      assert_qpdf_ok (p);
      assert_fonts_embedded (p);
      assert_in_order (t, cases[i].name, salutation, cases[i].invoice, "Total due", open,
                       deadline, NULL);
      row = line_with (t, cases[i].invoice);
      g_assert_nonnull (strstr (row, cases[i].days));
      g_assert_nonnull (strstr (row, open));
    }
}

/* A debtor called "{total_due}" is printed as exactly that. */
static void
test_literal_field (Fixture *f, gconstpointer unused)
{
  g_autofree char *path = render_one (f, f->brace, 2, "brace.pdf");
  g_autofree char *text = NULL;
  g_autofree char *total = money (1000);

  if (!ar_test_have_tools ("pdftotext", NULL))
    return;
  text = pdf_text (path, 0);
  g_assert_nonnull (strstr (text, "Dear {total_due},"));
  g_assert_null (strstr (text, "Dear €"));
  g_assert_null (strstr (text, "Dear 10"));
  /* In the window too, and the level-2 subject expands its own field once. */
  g_assert_cmpuint (count_substr (text, "{total_due}"), ==, 2);
  g_assert_nonnull (strstr (text, "First notice: overdue amount of"));
  g_assert_nonnull (strstr (text, total));
}

static void
audit_action (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  sqlite3_result_text (ctx, "test-injection", -1, SQLITE_STATIC);
}

static void
audit_row_level (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  sqlite3_result_int (ctx, 1);
}

/* Writes a template row straight into the ledger file, past ar_template_store ()'s checks. */
static void
inject_template (Fixture *f, guint level, const char *language, const char *body)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_create_function (db, "ar_audit_action", 0, SQLITE_UTF8, NULL, audit_action, NULL,
                           NULL);
  sqlite3_create_function (db, "ar_audit_row_level", 0, SQLITE_UTF8, NULL, audit_row_level,
                           NULL, NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO letter_templates (level, language, "
                                       "subject, body) VALUES (?1, ?2, 'Reminder', ?3)", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, (int) level);
  sqlite3_bind_text (stmt, 2, language, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* An unknown field is refused when the template is saved, and when a template that got into
 * the book some other way is printed; either way the error names the field. */
static void
test_unknown_field (Fixture *f, gconstpointer unused)
{
  static const char body[] = "Dear {debtor.name},\n\n{invoice_table}\n\nPay {total_dew} now.";
  g_autoptr(ArLetterData) data = build (f, f->el);
  g_autoptr(ArLetterTemplate) tmpl = NULL;
  g_autoptr(ArPdf) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "unknown.pdf", NULL);
  g_auto(ArDocLettersResult) result = { 0 };
  ArDocLettersOptions options = { .as_of = jd (AS_OF), .level = 3, .deadline_days = 14 };

  g_assert_false (ar_template_store (f->ledger, 3, NULL, "Reminder", body, &error));
  g_assert_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_UNKNOWN_FIELD);
  g_assert_nonnull (strstr (error->message, "total_dew"));
  g_clear_error (&error);

  inject_template (f, 3, "", body);
  tmpl = ar_template_lookup (f->ledger, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tmpl->source, ==, AR_LETTER_TEMPLATE_DEFAULT);
  pdf = ar_pdf_new (AR_PDF_PAPER_A4, &error);
  g_assert_no_error (error);
  g_assert_false (ar_doc_letter_render (pdf, data, tmpl, NULL, &error));
  g_assert_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_UNKNOWN_FIELD);
  g_assert_nonnull (strstr (error->message, "total_dew"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  /* Nothing was drawn. */
  g_assert_cmpuint (ar_pdf_get_n_pages (pdf), ==, 0);

  /* A batch refuses before it writes anything. */
  ar_doc_letters_result_init (&result);
  g_assert_false (ar_doc_letters_write_batch (f->ledger, &options, out, NULL, NULL, NULL,
                                              &result, &error));
  g_assert_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_UNKNOWN_FIELD);
  g_assert_nonnull (strstr (error->message, "total_dew"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Found only when the batch reaches the first letter in German (read ahead by the
   * worker thread). */
  inject_template (f, 1, "de", body);
  options.level = 1;
  g_assert_false (ar_doc_letters_write_batch (f->ledger, &options, out, NULL, NULL, NULL,
                                              &result, &error));
  g_assert_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_UNKNOWN_FIELD);
  g_assert_nonnull (strstr (error->message, "total_dew"));
  g_assert_nonnull (strstr (error->message, "“de”"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_false (has_file_containing (f->dir, "unknown.pdf"));
}

/* A debtor whose language has a template of its own gets it; the others the default. */
static void
test_language (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *de = NULL, *el = NULL, *de_text = NULL, *el_text = NULL;
  g_autofree char *total = money (25000);

  g_assert_true (ar_template_store (f->ledger, 1, "de", "Zahlungserinnerung",
                                    "Sehr geehrte(r) {debtor.name},\n\n"
                                    "folgende Beträge sind überfällig:\n\n"
                                    "{invoice_table}\n\n"
                                    "Bitte zahlen Sie {total_due} bis zum {deadline}.\n\n"
                                    "Mit freundlichen Grüßen\n\n"
                                    "{company.signature}", &error));
  g_assert_no_error (error);
  de = render_one (f, f->de, 1, "de.pdf");
  el = render_one (f, f->el, 1, "el.pdf");
  if (!ar_test_have_tools ("pdftotext", NULL))
    return;
  de_text = pdf_text (de, 0);
  el_text = pdf_text (el, 0);
  assert_in_order (de_text, "Zahlungserinnerung", "Sehr geehrte(r) Jürgen Groß,", "DE-1",
                   "Total due", total, "Mit freundlichen Grüßen", "Marta Kowalczyk", NULL);
  g_assert_null (strstr (de_text, "friendly reminder"));
  g_assert_nonnull (strstr (el_text, "Payment reminder"));
  g_assert_null (strstr (el_text, "Zahlungserinnerung"));
}

/* A template that forgot {invoice_table} still lists the items, before its closing. */
static void
test_no_table_field (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL, *text = NULL;
  g_autofree char *total = money (80000);

  g_assert_true (ar_template_store (f->ledger, 2, NULL, "Overdue: {total_due}",
                                    "Dear {debtor.name},\n\n"
                                    "please pay {total_due} by {deadline}.\n\n"
                                    "Kind regards,\n\n"
                                    "{company.signature}", &error));
  g_assert_no_error (error);
  path = render_one (f, f->el, 2, "no-table.pdf");
  if (!ar_test_have_tools ("pdftotext", NULL))
    return;
  text = pdf_text (path, 0);
  assert_in_order (text, "Overdue:", "Dear Γιώργος Παπαδόπουλος,", "please pay", "EL-1",
                   "Total due", total, "Kind regards,", "Marta Kowalczyk", NULL);
}

/* Refuses a letter whose total is not the sum of its lines, before drawing anything. */
static void
test_integrity (Fixture *f, gconstpointer unused)
{
  g_autoptr(ArLetterData) data = build (f, f->pl);
  g_autoptr(ArLetterTemplate) tmpl = ar_template_lookup (f->ledger, 1, NULL, NULL);
  g_autoptr(ArPdf) pdf = ar_pdf_new (AR_PDF_PAPER_A4, NULL);
  g_autoptr(GError) error = NULL;
  ArLetterLine *line;

  g_assert_nonnull (pdf);
  data->total_due += 1;
  g_assert_false (ar_doc_letter_render (pdf, data, tmpl, NULL, &error));
  g_assert_error (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INCONSISTENT);
  g_clear_error (&error);
  data->total_due -= 1;

  /* A line changed without the total. */
  line = &g_array_index (data->charges, ArLetterLine, 0);
  line->open -= 1;
  g_assert_false (ar_doc_letter_render (pdf, data, tmpl, NULL, &error));
  g_assert_error (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INCONSISTENT);
  g_clear_error (&error);
  line->open += 1;
  g_assert_cmpuint (ar_pdf_get_n_pages (pdf), ==, 0);

  /* Restored, it renders. */
  g_assert_true (ar_doc_letter_render (pdf, data, tmpl, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ar_pdf_get_n_pages (pdf), ==, 1);
}

static void
count_progress (guint done, guint total, gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, <=, total);
  (*calls)++;
}

static void
keep_sample (const char *path, const char *name)
{
  const char *dir = g_getenv ("AR_LETTER_SAMPLES");
  g_autofree char *contents = NULL;
  g_autofree char *target = NULL;
  gsize length;

  if (dir == NULL)
    return;
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  target = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (target, contents, length, NULL));
}

/* All overdue debtors in one PDF: each letter on new pages, numbered within the letter. */
static void
test_batch (Fixture *f, gconstpointer paper)
{
  /* Longest overdue first: LL, PL, RU, ZH, EL, DE, BR (QT and DS are left out). */
  static const char *names[] = {
    "Langbrief GmbH", "Łucja Wąsowska-Żółć", "Дмитрий Иванов", "王小明",
    "Γιώργος Παπαδόπουλος", "Jürgen Groß", "{total_due}",
  };
  g_autofree char *path = g_build_filename (f->dir, "batch.pdf", NULL);
  g_autoptr(GBytes) logo = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(ArDocLettersResult) result = { 0 };
  ArDocLettersOptions options = { .as_of = jd (AS_OF), .level = 1, .deadline_days = 14 };
  g_autofree char *logo_path = g_test_build_filename (G_TEST_DIST, "render", "logo.jpg",
                                                     NULL);
  g_autofree char *logo_data = NULL;
  gsize logo_length;
  guint calls = 0;
  int page = 1;

  if (GPOINTER_TO_INT (paper) == AR_PDF_PAPER_LETTER)
    {
      g_assert_true (ar_ledger_set_setting (f->ledger, "document.paper", "letter", &error));
      g_assert_no_error (error);
    }
  g_assert_true (g_file_get_contents (logo_path, &logo_data, &logo_length, &error));
  logo = g_bytes_new_take (g_steal_pointer (&logo_data), logo_length);
  g_assert_true (ar_ledger_set_company_logo (f->ledger, logo, "image/jpeg", &error));
  g_assert_no_error (error);

  ar_doc_letters_result_init (&result);
  g_assert_true (ar_doc_letters_write_batch (f->ledger, &options, path, count_progress, &calls,
                                             NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_letters, ==, G_N_ELEMENTS (names));
  g_assert_cmpuint (calls, ==, G_N_ELEMENTS (names));
  g_assert_cmpuint (result.files->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result.files, 0), ==, path);
  for (guint i = 0; i < result.warnings->len; i++)
    g_test_message ("warning: %s", (char *) g_ptr_array_index (result.warnings, i));
  g_assert_cmpuint (result.warnings->len, ==, 0);
  keep_sample (path, GPOINTER_TO_INT (paper) == AR_PDF_PAPER_LETTER ? "letters-us.pdf"
                                                                     : "letters-a4.pdf");

  if (!ar_test_have_tools ("pdftotext", "qpdf", "pdffonts", NULL))
    return;
  assert_qpdf_ok (path);
  assert_fonts_embedded (path);
  g_assert_cmpint (count_pages (path), ==, (int) result.n_pages);
  /* Each letter starts on a page of its own and counts its own pages: the long one (40
   * invoices) has two, the others one. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *first = pdf_text (path, page);
      g_autofree char *salutation = g_strdup_printf ("Dear %s,", names[i]);

      assert_in_order (first, names[i], salutation, NULL);
      if (i == 0)
        {
          g_autofree char *second = pdf_text (path, page + 1);

          g_assert_nonnull (strstr (first, "Page 1 of 2"));
          g_assert_nonnull (strstr (second, "Page 2 of 2"));
          g_assert_nonnull (strstr (first, "LL-01"));
          assert_in_order (second, "LL-40", "Total due", NULL);
          g_assert_null (strstr (second, "Dear "));
          page += 2;
        }
      else
        {
          g_assert_nonnull (strstr (first, "Page 1 of 1"));
          page += 1;
        }
    }
  g_assert_cmpint (page - 1, ==, count_pages (path));
  /* The batch refuses to replace its own file. */
  {
    g_auto(ArDocLettersResult) again = { 0 };

    ar_doc_letters_result_init (&again);
    g_assert_false (ar_doc_letters_write_batch (f->ledger, &options, path, NULL, NULL, NULL,
                                                &again, &error));
    g_assert_error (error, AR_DOC_LETTER_ERROR, AR_DOC_LETTER_ERROR_EXISTS);
  }
}

/* One PDF per debtor into a folder, named after the customer numbers; never over a file. */
static void
test_dir (Fixture *f, gconstpointer unused)
{
  static const char *files[] = {
    "LL-6.pdf", "PL-7.pdf", "RU_2.pdf", "CN_3.pdf", "GR-1.pdf", "DE-4.pdf", "BR-5.pdf",
  };
  g_autofree char *dir = g_build_filename (f->dir, "out", "letters", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(ArDocLettersResult) result = { 0 };
  g_auto(ArDocLettersResult) again = { 0 };
  ArDocLettersOptions options = { .as_of = jd (AS_OF), .level = 2, .deadline_days = 10 };
  g_autofree char *zh_path = g_build_filename (dir, "CN_3.pdf", NULL);

  ar_doc_letters_result_init (&result);
  g_assert_true (ar_doc_letters_write_dir (f->ledger, &options, dir, NULL, NULL, NULL, &result,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_letters, ==, G_N_ELEMENTS (files));
  g_assert_cmpuint (count_entries (dir), ==, G_N_ELEMENTS (files));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_cmpstr (g_ptr_array_index (result.files, i), ==, path);
    }

  /* A second run finds the files and writes nothing. */
  g_assert_true (g_remove (zh_path) == 0);
  ar_doc_letters_result_init (&again);
  g_assert_false (ar_doc_letters_write_dir (f->ledger, &options, dir, NULL, NULL, NULL, &again,
                                            &error));
  g_assert_error (error, AR_DOC_LETTER_ERROR, AR_DOC_LETTER_ERROR_EXISTS);
  g_assert_cmpuint (again.n_letters, ==, 0);
  g_assert_cmpuint (count_entries (dir), ==, G_N_ELEMENTS (files) - 1);
  g_assert_false (g_file_test (zh_path, G_FILE_TEST_EXISTS));

  if (!ar_test_have_tools ("pdftotext", "qpdf", NULL))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);

      if (g_str_equal (files[i], "CN_3.pdf"))
        continue;
      assert_qpdf_ok (path);
    }
  {
    g_autofree char *path = g_build_filename (dir, "PL-7.pdf", NULL);
    g_autofree char *text = pdf_text (path, 0);
    g_autofree char *deadline = ar_letter_format_date (jd (AS_OF) + 10);

    assert_in_order (text, "Łucja Wąsowska-Żółć", "First notice", "PL-1", "Total due",
                     deadline, NULL);
    g_assert_null (strstr (text, "Дмитрий"));
  }
}

static void
test_file_stem (void)
{
  static const struct { const char *id; const char *stem; } cases[] = {
    { "C000123", "C000123" },
    { "../etc/passwd", "___etc_passwd" },
    { "CN 3", "CN_3" },
    { "Kunde-Ä_1", "Kunde-Ä_1" },
    { "王-7", "王-7" },
    { "", "debtor" },
    { "...", "debtor" },
    { "a\nb", "a_b" },
  };
  g_autofree char *long_id = g_strnfill (100, 'x');
  g_autofree char *long_stem = ar_doc_letter_file_stem (long_id);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *stem = ar_doc_letter_file_stem (cases[i].id);

      g_assert_cmpstr (stem, ==, cases[i].stem);
    }
  g_assert_cmpuint (strlen (long_stem), ==, 64);
}

/* Debtors who must not get a letter: left out of a run over all, refused when named. */
static void
test_refused (Fixture *f, gconstpointer unused)
{
  g_autofree char *path = g_build_filename (f->dir, "refused.pdf", NULL);
  g_autoptr(GError) error = NULL;
  const gint64 *named[] = { &f->quiet, &f->disputed };

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      g_auto(ArDocLettersResult) result = { 0 };
      gint64 ids[] = { f->el, *named[i] };
      ArDocLettersOptions options = { .as_of = jd (AS_OF), .level = 1, .deadline_days = 14,
                                      .debtor_ids = ids, .n_debtor_ids = 2 };

      ar_doc_letters_result_init (&result);
      g_assert_false (ar_doc_letters_write_batch (f->ledger, &options, path, NULL, NULL, NULL,
                                                  &result, &error));
      g_assert_error (error, AR_DOC_LETTER_ERROR, AR_DOC_LETTER_ERROR_REFUSED);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, i == 0 ? "QT-8" : "DS-9"));
      g_clear_error (&error);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

/* The debtors named, and nothing to write about. */
static void
test_named_and_empty (Fixture *f, gconstpointer unused)
{
  g_autofree char *path = g_build_filename (f->dir, "two.pdf", NULL);
  g_autofree char *none = g_build_filename (f->dir, "none.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(ArDocLettersResult) result = { 0 };
  g_auto(ArDocLettersResult) empty = { 0 };
  gint64 ids[] = { f->zh, f->ru };
  ArDocLettersOptions options = { .as_of = jd (AS_OF), .level = 1, .deadline_days = 7,
                                  .debtor_ids = ids, .n_debtor_ids = 2 };

  ar_doc_letters_result_init (&result);
  g_assert_true (ar_doc_letters_write_batch (f->ledger, &options, path, NULL, NULL, NULL,
                                             &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_letters, ==, 2);
  g_assert_cmpuint (result.n_pages, ==, 2);

  /* Nothing overdue on New Year's Day: no letters, no file. */
  options.as_of = jd ("2026-01-01");
  options.debtor_ids = NULL;
  options.n_debtor_ids = 0;
  ar_doc_letters_result_init (&empty);
  g_assert_true (ar_doc_letters_write_batch (f->ledger, &options, none, NULL, NULL, NULL,
                                             &empty, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (empty.n_letters, ==, 0);
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));

  /* A deadline too short for the level, and a level that doesn't exist. */
  options.as_of = jd (AS_OF);
  options.deadline_days = 6;
  g_assert_false (ar_doc_letters_write_batch (f->ledger, &options, none, NULL, NULL, NULL,
                                              &empty, &error));
  g_assert_error (error, AR_DOC_LETTER_ERROR, AR_DOC_LETTER_ERROR_INVALID);
  g_clear_error (&error);
  options.level = 4;
  options.deadline_days = 13;
  g_assert_false (ar_doc_letters_write_batch (f->ledger, &options, none, NULL, NULL, NULL,
                                              &empty, &error));
  g_assert_error (error, AR_DOC_LETTER_ERROR, AR_DOC_LETTER_ERROR_INVALID);
  g_clear_error (&error);
  options.level = 5;
  options.deadline_days = 14;
  g_assert_false (ar_doc_letters_write_batch (f->ledger, &options, none, NULL, NULL, NULL,
                                              &empty, &error));
  g_assert_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
}

/* Cancelled halfway: an error, and no file. */
static void
cancel_after_two (guint done, guint total, gpointer user_data)
{
  if (done == 2)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture *f, gconstpointer unused)
{
  g_autofree char *path = g_build_filename (f->dir, "cancelled.pdf", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_auto(ArDocLettersResult) result = { 0 };
  ArDocLettersOptions options = { .as_of = jd (AS_OF), .level = 1, .deadline_days = 14 };

  ar_doc_letters_result_init (&result);
  g_assert_false (ar_doc_letters_write_batch (f->ledger, &options, path, cancel_after_two,
                                              cancellable, cancellable, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (has_file_containing (f->dir, "cancelled"));
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/letter/single", test_single, NULL);
  ADD ("/letter/literal-field", test_literal_field, NULL);
  ADD ("/letter/unknown-field", test_unknown_field, NULL);
  ADD ("/letter/language", test_language, NULL);
  ADD ("/letter/no-table-field", test_no_table_field, NULL);
  ADD ("/letter/integrity", test_integrity, NULL);
  ADD ("/letter/batch/a4", test_batch, GINT_TO_POINTER (AR_PDF_PAPER_A4));
  ADD ("/letter/batch/us-letter", test_batch, GINT_TO_POINTER (AR_PDF_PAPER_LETTER));
  ADD ("/letter/dir", test_dir, NULL);
  ADD ("/letter/refused", test_refused, NULL);
  ADD ("/letter/named-and-empty", test_named_and_empty, NULL);
  ADD ("/letter/cancel", test_cancel, NULL);
#undef ADD
  g_test_add_func ("/letter/file-stem", test_file_stem);

  status = g_test_run ();
  /* fontconfig keeps its configuration until FcFini (); release it so LeakSanitizer sees a
   * clean exit. */
  FcFini ();
  return status;
}
