/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-statement"
#include "config.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "ar-activity.h"
#include "ar-date.h"
#include "ar-doc-statement.h"
#include "ar-money.h"
#include "ar-pdf.h"
#include "ar-statement.h"
#include "ar-test-util.h"

/* Account statements as PDF, read back with poppler-utils (pdftotext, pdffonts, pdfimages,
 * pdfinfo) and qpdf; a check whose tool is missing is skipped. The book is computed by hand
 * below. Set AR_STATEMENT_SAMPLES to a directory to keep the PDFs there. */

/* Tools ------------------------------------------------------------------------------------- */

static char *
pdf_text (const char *path)
{
  return ar_test_run_tool ("pdftotext", "-layout", path, "-", NULL);
}

static void
assert_qpdf_ok (const char *path)
{
  g_autofree char *out = ar_test_run_tool ("qpdf", "--check", path, NULL);

  g_assert_nonnull (strstr (out, "No syntax or stream encoding errors found"));
}

/* pdffonts: at least one font, every one embedded. */
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
      /* name type... encoding emb sub uni object-number generation */
      g_assert_cmpstr (g_ptr_array_index (words, words->len - 5), ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

/* pdfimages -list: the images as "WxH" strings (the logo's soft mask counts too). */
static GPtrArray *
list_images (const char *path)
{
  g_autofree char *out = ar_test_run_tool ("pdfimages", "-list", path, NULL);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *images = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 2; lines[0] != NULL && lines[1] != NULL && lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint k = 0; cols[k] != NULL; k++)
        if (*cols[k] != '\0')
          g_ptr_array_add (words, cols[k]);
      if (words->len < 5)
        continue;
      /* page num type width height ... */
      g_ptr_array_add (images, g_strdup_printf ("%s %sx%s", (char *) words->pdata[2],
                                                (char *) words->pdata[3],
                                                (char *) words->pdata[4]));
    }
  return images;
}

/* Finds each of @needles in @text after the one before it (and after @start); fails naming
 * the first one that is missing or out of order. Returns where the last one ended. */
static const char *
assert_in_order (const char         *text,
                 const char         *start,
                 const char * const *needles,
                 guint               n_needles)
{
  const char *p = text;

  if (start != NULL)
    {
      p = strstr (text, start);
      if (p == NULL)
        g_error ("“%s” is not in the text:\n%s", start, text);
      p += strlen (start);
    }
  for (guint i = 0; i < n_needles; i++)
    {
      const char *q = strstr (p, needles[i]);

      if (q == NULL)
        g_error ("“%s” (%u of %u after “%s”) is missing or out of order in:\n%s", needles[i],
                 i + 1, n_needles, start != NULL ? start : "the start", text);
      p = q + strlen (needles[i]);
    }
  return p;
}

static guint
count_substr (const char *haystack,
              const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The book ---------------------------------------------------------------------------------- */

typedef struct
{
  char      *dir;
  ArLedger  *ledger;
  gint64     francois;   /* EUR, Latin with diacritics: the hand-computed statement */
  gint64     zoe;        /* EUR, Greek */
  gint64     ivan;       /* EUR, Cyrillic: paid too much, credit on account */
  gint64     wang;       /* JPY, CJK: a bounced payment */
} Book;

static guint32
jd (const char *iso)
{
  g_autoptr(GError) error = NULL;
  guint32 julian = ar_date_parse_julian (iso, &error);

  g_assert_no_error (error);
  return julian;
}

static gint64
add_debtor (Book        *book,
            const char  *external_id,
            const char  *name,
            const char  *line1,
            const char  *postal_code,
            const char  *city)
{
  ArDebtorInfo info = { .external_id = external_id, .kind = AR_DEBTOR_CONSUMER, .name = name,
                        .country = "DE" };
  ArAddressInfo address = { .line1 = line1, .postal_code = postal_code, .city = city,
                            .country = "DE", .status = AR_CONTACT_VALID };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (ar_ledger_add_debtor (book->ledger, &info, &id, &error));
  g_assert_no_error (error);
  g_assert_true (ar_ledger_add_address (book->ledger, id, &address, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
invoice (Book       *book,
         gint64      debtor,
         const char *number,
         const char *issue,
         const char *due,
         gint64      amount,
         const char *currency,
         const char *description)
{
  ArInvoiceInfo info = { .debtor_id = debtor, .number = number, .issue_date = jd (issue),
                         .due_date = jd (due), .currency = currency, .amount = amount,
                         .description = description };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (ar_ledger_add_invoice (book->ledger, &info, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
post (Book        *book,
      gint64       debtor,
      ArEntryKind  kind,
      const char  *date,
      gint64       amount,
      const char  *currency,
      gint64       invoice_id,
      const char  *reference,
      const char  *memo)
{
  ArPosting p = { .debtor_id = debtor, .kind = kind, .date = jd (date), .amount = amount,
                  .currency = currency, .invoice_id = invoice_id, .reference = reference,
                  .memo = memo };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (ar_ledger_post (book->ledger, &p, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* In cents (yen for 王小明):
 *
 * François Müller-Lüdenscheidt, EUR, period 2026-04-01 to 2026-06-30
 *   2026-03-01 invoice R-1 100000 (due 03-31), 2026-03-20 payment P-1 20000
 *   opening balance                                            80000
 *   2026-04-05 invoice R-2          +50000 (due 05-05)         130000
 *   2026-04-15 payment P-2          −30000                     100000
 *   2026-05-10 fee FEE-1 on R-1      +2500                     102500
 *   2026-05-20 credit note CN-1 on R-2 −5000                    97500
 *   2026-06-10 invoice R-3          +24000 (due 07-10)         121500
 *   2026-06-25 payment P-3          −10000                     111500
 *   closing balance 111500 = 80000 + 76500 − 45000
 *
 * Ζωή Παπαδοπούλου, EUR, June: invoice G-1 80000 on 06-02, payment 30000 on 06-20; 50000.
 * Иван Петров, EUR, June: invoice K-1 40000 on 04-10 (opening 40000), payment 50000 on 06-15;
 *   closing −10000, credit on account 10000, nothing due.
 * 王小明, JPY, June: invoice J-1 120000 on 05-01, payment 50000 on 05-15 (opening 70000),
 *   payment 30000 on 06-05 (40000) reversed on 06-08 (70000); closing 70000. */
static void
book_setup (Book          *book,
            gconstpointer  data)
{
  ArCompanyInfo company = {
    .legal_name = "Nordlicht Inkasso GmbH", .address_line1 = "Hafenstraße 12",
    .city = "Hamburg", .postal_code = "20457", .country = "DE", .phone = "+49 40 1234 5678",
    .email = "konto@nordlicht.example", .iban = "DE89370400440532013000",
    .bic = "COBADEFFXXX", .default_currency = "EUR",
    .payment_instructions = "Please transfer the amount due to the account below.",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 r1, r2, j1, bounced;

  book->dir = g_dir_make_tmp ("ar-statement-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (book->dir, "book.arrears", NULL);
  book->ledger = ar_ledger_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (ar_ledger_set_company (book->ledger, &company, &error));
  g_assert_no_error (error);

  book->francois = add_debtor (book, "K-1001", "François Müller-Lüdenscheidt",
                               "Königsallee 92a", "40212", "Düsseldorf");
  book->zoe = add_debtor (book, "K-1002", "Ζωή Παπαδοπούλου", "Schillerstraße 4", "10625",
                          "Berlin");
  book->ivan = add_debtor (book, "K-1003", "Иван Петров", "Lindenweg 7", "04109", "Leipzig");
  book->wang = add_debtor (book, "K-1004", "王小明", "Kantstraße 30", "10623", "Berlin");

  r1 = invoice (book, book->francois, "R-1", "2026-03-01", "2026-03-31", 100000, "EUR",
                "Maintenance contract");
  post (book, book->francois, AR_ENTRY_PAYMENT, "2026-03-20", 20000, "EUR", 0, "P-1", NULL);
  r2 = invoice (book, book->francois, "R-2", "2026-04-05", "2026-05-05", 50000, "EUR",
                "Spare parts");
  post (book, book->francois, AR_ENTRY_PAYMENT, "2026-04-15", 30000, "EUR", 0, "P-2", NULL);
  post (book, book->francois, AR_ENTRY_FEE, "2026-05-10", 2500, "EUR", r1, "FEE-1",
        "Reminder fee");
  post (book, book->francois, AR_ENTRY_CREDIT_NOTE, "2026-05-20", 5000, "EUR", r2, "CN-1",
        "Returned part");
  invoice (book, book->francois, "R-3", "2026-06-10", "2026-07-10", 24000, "EUR", "Service");
  post (book, book->francois, AR_ENTRY_PAYMENT, "2026-06-25", 10000, "EUR", 0, "P-3", NULL);

  invoice (book, book->zoe, "G-1", "2026-06-02", "2026-07-02", 80000, "EUR", "Ανάλυση");
  post (book, book->zoe, AR_ENTRY_PAYMENT, "2026-06-20", 30000, "EUR", 0, "G-PAY", NULL);

  invoice (book, book->ivan, "K-1", "2026-04-10", "2026-05-10", 40000, "EUR", "Перевод");
  post (book, book->ivan, AR_ENTRY_PAYMENT, "2026-06-15", 50000, "EUR", 0, "I-PAY", NULL);

  j1 = invoice (book, book->wang, "J-1", "2026-05-01", "2026-05-31", 120000, "JPY", "翻訳");
  post (book, book->wang, AR_ENTRY_PAYMENT, "2026-05-15", 50000, "JPY", j1, "W-PAY1", NULL);
  bounced = post (book, book->wang, AR_ENTRY_PAYMENT, "2026-06-05", 30000, "JPY", 0, "W-PAY2",
                  NULL);
  g_assert_true (ar_ledger_reverse (book->ledger, bounced, jd ("2026-06-08"), "bounced", NULL,
                                    &error));
  g_assert_no_error (error);
}

static void
book_teardown (Book          *book,
               gconstpointer  data)
{
  g_clear_object (&book->ledger);
  ar_test_remove_tree (book->dir);
  g_free (book->dir);
}

static ArStatement *
build (Book       *book,
       gint64      debtor,
       const char *currency,
       const char *from,
       const char *to)
{
  g_autoptr(GError) error = NULL;
  ArStatement *s = ar_statement_build (book->ledger, debtor, currency, jd (from), jd (to),
                                       &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static ArPdf *
new_pdf (ArPdfPaper paper)
{
  g_autoptr(GError) error = NULL;
  ArPdf *pdf = ar_pdf_new (paper, &error);

  g_assert_no_error (error);
  return pdf;
}

/* Renders @s alone into @name in the book's directory; the path, or NULL (and no file) when
 * the statement is refused. */
static char *
render_to_file (Book               *book,
                const ArStatement  *s,
                const char         *name,
                GError            **error)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  g_autofree char *path = g_build_filename (book->dir, name, NULL);
  const char *samples = g_getenv ("AR_STATEMENT_SAMPLES");

  if (!ar_doc_statement_render (pdf, s, NULL, error))
    return NULL;
  g_assert_true (ar_pdf_save (pdf, path, error));
  if (samples != NULL)
    {
      g_autofree char *keep = g_build_filename (samples, name, NULL);

      g_assert_true (ar_pdf_save (pdf, keep, NULL));
    }
  return g_steal_pointer (&path);
}

static char *
eur (gint64 cents)
{
  return ar_money_format (cents, "EUR");
}

/* Tests ------------------------------------------------------------------------------------- */

/* The hand-computed statement, line by line and in order. */
static void
test_contents (Book          *book,
               gconstpointer  data)
{
  g_autoptr(ArStatement) s = build (book, book->francois, "EUR", "2026-04-01", "2026-06-30");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = render_to_file (book, s, "francois.pdf", &error);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) buckets = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *opening = eur (80000), *closing = eur (111500);
  g_autofree char *b1 = eur (130000), *b2 = eur (100000), *b3 = eur (102500);
  g_autofree char *b4 = eur (97500), *b5 = eur (121500);
  g_autofree char *debits = eur (76500), *credits = eur (45000);
  g_autofree char *please = g_strdup_printf ("Please pay %s", closing);

  g_assert_no_error (error);
  g_assert_nonnull (path);
  /* The figures the PDF must show are the hand-computed ones. */
  g_assert_cmpint (s->opening_balance, ==, 80000);
  g_assert_cmpint (s->closing_balance, ==, 111500);
  g_assert_cmpint (s->open_total, ==, 111500);
  g_assert_cmpint (s->amount_due, ==, 111500);
  g_assert_cmpuint (s->lines->len, ==, 6);

  if (!ar_test_have_tools ("pdftotext", "pdffonts", "qpdf", NULL))
    return;
  assert_qpdf_ok (path);
  assert_fonts_embedded (path);
  text = pdf_text (path);

  {
    /* The reference block sits beside the window, from above its first line. */
    const char *refs[] = { "Customer no.", "K-1001", "Statement date", "30 June 2026",
                           "Period", "01 Apr – 30 Jun 2026", "Currency", "EUR" };
    const char *head[] = { "François Müller-Lüdenscheidt", "Königsallee 92a",
                           "40212 Düsseldorf", "Statement of account" };

    assert_in_order (text, NULL, refs, G_N_ELEMENTS (refs));
    assert_in_order (text, NULL, head, G_N_ELEMENTS (head));
  }
  {
    /* Each entry, then the balance after it. */
    const char *activity[] = {
      "Opening balance", opening,
      "R-2", b1, "P-2", b2, "FEE-1", b3, "CN-1", b4, "R-3", b5, "P-3", closing,
      "Closing balance", debits, credits, closing,
      "Open items",
    };

    assert_in_order (text, "Account activity", activity, G_N_ELEMENTS (activity));
  }
  /* The open items, as of the end of the period, then their total. */
  for (guint i = 0; i < s->open_items->len; i++)
    {
      const ArStatementItem *item = &g_array_index (s->open_items, ArStatementItem, i);

      g_ptr_array_add (items, g_strdup (item->invoice_number));
      g_ptr_array_add (items, eur (item->open));
    }
  g_ptr_array_add (items, g_strdup ("Total open"));
  g_ptr_array_add (items, eur (s->open_total));
  g_ptr_array_add (items, g_strdup ("Aging of the open items"));
  assert_in_order (text, "Open items on", (const char * const *) items->pdata, items->len);

  /* The buckets' amounts in order, the total, then how to pay and the slip. */
  for (guint b = 0; b < s->n_buckets; b++)
    g_ptr_array_add (buckets, eur (s->buckets[b]));
  g_ptr_array_add (buckets, eur (s->open_total));
  g_ptr_array_add (buckets, g_strdup ("How to pay"));
  g_ptr_array_add (buckets, g_strdup (please));
  g_ptr_array_add (buckets, g_strdup ("DE89 3704 0044 0532 0130 00"));
  g_ptr_array_add (buckets, g_strdup ("Remittance slip"));
  g_ptr_array_add (buckets, g_strdup ("Amount due"));
  g_ptr_array_add (buckets, g_strdup (closing));
  g_ptr_array_add (buckets, g_strdup ("K-1001"));
  g_ptr_array_add (buckets, g_strdup ("Amount enclosed"));
  assert_in_order (text, "Aging of the open items", (const char * const *) buckets->pdata,
                   buckets->len);
  g_assert_nonnull (strstr (text, "Current"));
  g_assert_nonnull (strstr (text, "91+ days"));
}

/* Greek, Cyrillic and CJK names; a credit balance; a bounced payment in yen; one batch. */
static void
test_scripts_and_batch (Book          *book,
                        gconstpointer  data)
{
  g_autoptr(ArStatement) zoe = build (book, book->zoe, "EUR", "2026-06-01", "2026-06-30");
  g_autoptr(ArStatement) ivan = build (book, book->ivan, "EUR", "2026-06-01", "2026-06-30");
  g_autoptr(ArStatement) wang = build (book, book->wang, "JPY", "2026-06-01", "2026-06-30");
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (book->dir, "batch.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *z_close = eur (50000), *i_open = eur (40000), *i_close = eur (-10000);
  g_autofree char *i_credit = eur (10000);
  g_autofree char *w_open = ar_money_format (70000, "JPY");
  g_autofree char *w_mid = ar_money_format (40000, "JPY");
  g_autofree char *w_pay = ar_money_format (30000, "JPY");
  g_auto(GStrv) pages = NULL;
  guint n_pages;

  g_assert_cmpint (ivan->closing_balance, ==, -10000);
  g_assert_cmpint (ivan->unapplied, ==, 10000);
  g_assert_cmpint (ivan->amount_due, ==, 0);
  g_assert_cmpint (wang->closing_balance, ==, 70000);

  g_assert_true (ar_doc_statement_render (pdf, zoe, NULL, &error));
  g_assert_true (ar_doc_statement_render_full (pdf, ivan, NULL, AR_DOC_STATEMENT_NO_SLIP,
                                               &error));
  g_assert_true (ar_doc_statement_render (pdf, wang, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ar_pdf_get_n_sections (pdf), ==, 3);
  g_assert_true (ar_pdf_save (pdf, path, &error));
  g_assert_no_error (error);
  n_pages = ar_pdf_get_n_pages (pdf);
  {
    guint n_warnings = 0;

    ar_pdf_get_warnings (pdf, &n_warnings);
    g_assert_cmpuint (n_warnings, ==, 0);
  }
  if (g_getenv ("AR_STATEMENT_SAMPLES") != NULL)
    {
      g_autofree char *keep = g_build_filename (g_getenv ("AR_STATEMENT_SAMPLES"), "batch.pdf",
                                                NULL);
      g_assert_true (ar_pdf_save (pdf, keep, NULL));
    }

  if (!ar_test_have_tools ("pdftotext", "pdffonts", "qpdf", NULL))
    return;
  assert_qpdf_ok (path);
  assert_fonts_embedded (path);
  text = pdf_text (path);
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), >=, n_pages);

  {
    const char *order[] = {
      "Ζωή Παπαδοπούλου", "Statement of account", "G-1", "G-PAY", z_close, "Remittance slip",
      "Иван Петров", "Credit on account", i_credit, "Opening balance", i_open, "I-PAY",
      i_close, "Nothing is due",
      "王小明", "Opening balance", w_open, "W-PAY2", w_pay, w_mid, "Reversal of W-PAY2",
      w_pay, w_open, "Remittance slip",
    };

    assert_in_order (text, NULL, order, G_N_ELEMENTS (order));
  }
  /* Иван's statement has no slip: two slips for three statements. */
  g_assert_cmpuint (count_substr (text, "Remittance slip"), ==, 2);
  g_assert_nonnull (strstr (text, "(reversed)"));
  /* Each statement numbers its own pages. */
  for (guint i = 0; i < n_pages; i++)
    g_assert_nonnull (strstr (pages[i], " of "));
}

/* Figures that don't add up are refused before anything is drawn. */
static void
test_tampered (Book          *book,
               gconstpointer  data)
{
  g_autoptr(ArStatement) s = build (book, book->francois, "EUR", "2026-04-01", "2026-06-30");
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = g_build_filename (book->dir, "tampered.pdf", NULL);

  s->closing_balance += 1;
  path = render_to_file (book, s, "tampered.pdf", &error);
  g_assert_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT);
  g_assert_null (path);
  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  s->closing_balance -= 1;

  /* A bucket that doesn't match the open items, in a batch: the good statement stays, the
   * bad one adds nothing. */
  g_assert_true (ar_doc_statement_render (pdf, s, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ar_pdf_get_n_sections (pdf), ==, 1);
  s->buckets[0] += 1;
  {
    guint pages = ar_pdf_get_n_pages (pdf);

    g_assert_false (ar_doc_statement_render (pdf, s, NULL, &error));
    g_assert_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT);
    g_assert_cmpuint (ar_pdf_get_n_pages (pdf), ==, pages);
    g_assert_cmpuint (ar_pdf_get_n_sections (pdf), ==, 1);
  }
  g_clear_error (&error);
  s->buckets[0] -= 1;

  /* A running balance off by one. */
  g_array_index (s->lines, ArStatementLine, 2).running_balance += 1;
  g_assert_false (ar_doc_statement_render (pdf, s, NULL, &error));
  g_assert_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
make_logo (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 240, 96);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.10, 0.45, 0.30);
  cairo_rectangle (cr, 8, 8, 80, 80);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

/* The whole path from the ledger: paper from the settings, the logo the only image, atomic
 * writes, warnings handed back. */
static void
test_write (Book          *book,
            gconstpointer  data)
{
  g_autoptr(GBytes) logo = make_logo ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (book->dir, "written.pdf", NULL);
  g_autofree char *letter = g_build_filename (book->dir, "letter.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (book->dir, "missing", "x.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;

  g_assert_true (ar_ledger_set_company_logo (book->ledger, logo, "image/png", &error));
  g_assert_no_error (error);
  g_assert_true (ar_doc_statement_write (book->ledger, book->francois, "EUR", jd ("2026-04-01"),
                                         jd ("2026-06-30"), TRUE, path, warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);

  /* A period that ends before it starts, and a directory that isn't there: no file. */
  g_assert_false (ar_doc_statement_write (book->ledger, book->francois, "EUR",
                                          jd ("2026-06-30"), jd ("2026-04-01"), TRUE, letter,
                                          warnings, &error));
  g_assert_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (letter, G_FILE_TEST_EXISTS));
  g_assert_false (ar_doc_statement_write (book->ledger, book->francois, "EUR",
                                          jd ("2026-04-01"), jd ("2026-06-30"), TRUE, nowhere,
                                          warnings, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (ar_ledger_set_setting (book->ledger, "document.paper", "letter", &error));
  g_assert_true (ar_doc_statement_write (book->ledger, book->wang, "JPY", jd ("2026-06-01"),
                                         jd ("2026-06-30"), FALSE, letter, warnings, &error));
  g_assert_no_error (error);
  if (g_getenv ("AR_STATEMENT_SAMPLES") != NULL)
    {
      g_autofree char *a4 = g_build_filename (g_getenv ("AR_STATEMENT_SAMPLES"), "logo-a4.pdf",
                                              NULL);
      g_autofree char *us = g_build_filename (g_getenv ("AR_STATEMENT_SAMPLES"),
                                              "logo-letter.pdf", NULL);
      g_autofree char *a4_data = NULL, *us_data = NULL;
      gsize a4_len, us_len;

      g_assert_true (g_file_get_contents (path, &a4_data, &a4_len, NULL));
      g_assert_true (g_file_set_contents (a4, a4_data, a4_len, NULL));
      g_assert_true (g_file_get_contents (letter, &us_data, &us_len, NULL));
      g_assert_true (g_file_set_contents (us, us_data, us_len, NULL));
    }

  if (!ar_test_have_tools ("pdfimages", "pdfinfo", "pdftotext", "qpdf", NULL))
    return;
  assert_qpdf_ok (path);
  assert_qpdf_ok (letter);
  /* Charts are vectors: the only image is the logo (240 × 96). */
  images = list_images (path);
  g_assert_cmpuint (images->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (images, 0), ==, "image 240x96");

  info = ar_test_run_tool ("pdfinfo", path, NULL);
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  /* The engine keeps the document information ASCII. */
  g_assert_nonnull (strstr (info, "Statement of account - Francois Muller-Ludenscheidt"));
  g_free (info);
  info = ar_test_run_tool ("pdfinfo", letter, NULL);
  g_assert_nonnull (strstr (info, "612 x 792 pts (letter)"));
  text = pdf_text (letter);
  g_assert_nonnull (strstr (text, "王小明"));
  g_assert_null (strstr (text, "Remittance slip"));
}

/* 2,000 entries: many pages, the table header on each, "Page n of N" on each. */
static void
test_long (Book          *book,
           gconstpointer  data)
{
  g_autoptr(ArStatement) s = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) header = NULL;
  g_autoptr(GRegex) items_header = NULL;
  gboolean past_activity = FALSE, past_items = FALSE;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *npages_out = NULL;
  g_auto(GStrv) pages = NULL;
  gint64 debtor;
  guint n_pages, table_pages = 0;
  gint64 t0;

  debtor = add_debtor (book, "K-2000", "Łukasiewicz Sp. z o.o.", "Marszałkowska 1", "00-624",
                       "Warszawa");
  g_assert_true (ar_ledger_begin (book->ledger, "test", &error));
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *number = g_strdup_printf ("L-%04u", i);
      g_autofree char *reference = g_strdup_printf ("PAY-%04u", i);
      GDate day;
      char issue[11], due[11];

      g_date_clear (&day, 1);
      g_date_set_julian (&day, jd ("2024-01-01") + i);
      ar_date_format (&day, issue);
      g_date_add_days (&day, 30);
      ar_date_format (&day, due);
      invoice (book, debtor, number, issue, due, 10000 + i, "EUR",
               i % 7 == 0 ? "Monthly maintenance of the ventilation system, with filters and "
                            "a report" : "Consulting");
      post (book, debtor, AR_ENTRY_PAYMENT, due, 9000, "EUR", 0, reference, NULL);
    }
  g_assert_true (ar_ledger_commit (book->ledger, &error));
  g_assert_no_error (error);

  s = build (book, debtor, "EUR", "2024-01-01", "2027-12-31");
  g_assert_cmpuint (s->lines->len, ==, 2000);
  t0 = g_get_monotonic_time ();
  path = render_to_file (book, s, "long.pdf", &error);
  g_assert_no_error (error);
  g_test_message ("2,000 entries rendered and saved in %.1f ms",
                  (g_get_monotonic_time () - t0) / 1000.0);

  if (!ar_test_have_tools ("pdftotext", "qpdf", NULL))
    return;
  assert_qpdf_ok (path);
  text = pdf_text (path);
  pages = g_strsplit (text, "\f", -1);
  npages_out = ar_test_run_tool ("qpdf", "--show-npages", path, NULL);
  n_pages = atoi (npages_out);
  g_assert_cmpuint (n_pages, >, 20);
  header = g_regex_new ("Date +Reference +Description +Debit +Credit +Balance", 0, 0, NULL);
  items_header = g_regex_new ("Invoice +Description +Issued +Due +Overdue +Amount +Open", 0, 0,
                              NULL);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", i + 1, n_pages);

      g_assert_nonnull (pages[i]);
      g_assert_nonnull (strstr (pages[i], number));
      /* The activity's header on each of its pages, up to its closing balance; then the
       * open items' header on each of theirs (1,000 invoices are part open). */
      if (!past_activity)
        {
          g_assert_true (g_regex_match (header, pages[i], 0, NULL));
          table_pages++;
          past_activity = strstr (pages[i], "Open items on") != NULL;
        }
      else if (!past_items)
        {
          g_assert_true (g_regex_match (items_header, pages[i], 0, NULL));
          past_items = strstr (pages[i], "Total open") != NULL;
        }
    }
  g_assert_true (past_activity && past_items);
  g_assert_cmpuint (table_pages, >, 20);
  {
    g_autofree char *last = g_strdup_printf ("PAY-0999");
    g_autofree char *closing = eur (s->closing_balance);
    const char *end[] = { "L-0999", last, closing, "Closing balance", closing };

    assert_in_order (text, "L-0998", end, G_N_ELEMENTS (end));
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/statement/contents", Book, NULL, book_setup, test_contents, book_teardown);
  g_test_add ("/statement/scripts-and-batch", Book, NULL, book_setup, test_scripts_and_batch,
              book_teardown);
  g_test_add ("/statement/tampered", Book, NULL, book_setup, test_tampered, book_teardown);
  g_test_add ("/statement/write", Book, NULL, book_setup, test_write, book_teardown);
  g_test_add ("/statement/long", Book, NULL, book_setup, test_long, book_teardown);

  status = g_test_run ();
  /* fontconfig keeps its configuration until FcFini (); release it so LeakSanitizer sees a
   * clean exit. Nothing else in this process uses fontconfig any more. */
  FcFini ();
  return status;
}
