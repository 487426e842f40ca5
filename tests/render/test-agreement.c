/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-agreement"
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "ar-date.h"
#include "ar-doc-agreement.h"
#include "ar-letter-data.h"
#include "ar-money.h"
#include "ar-pdf.h"
#include "ar-test-util.h"

/* The payment-plan agreement as PDF, read back with pdftotext. The figures are written by
 * hand (the renderer adds nothing up), so each check names what the document must say. Set
 * AR_AGREEMENT_SAMPLES to a directory to keep the PDFs there (then look at them with
 * pdftoppm -r 60 -png). */

static guint32
day (const char *iso)
{
  g_autoptr(GError) error = NULL;
  guint32 julian = ar_date_parse_julian (iso, &error);

  g_assert_no_error (error);
  return julian;
}

typedef struct
{
  ArAgreement            ag;
  ArAgreementDebt        debts[2];
  ArAgreementInstalment  instalments[40];
} Sample;

/* 1,000.00 owed on two invoices, in 3 monthly instalments: 333.33, 333.33, 333.34, from
 * 31 Jan 2027 (clamped to 28 Feb, then 31 Mar). */
static void
sample_init (Sample *s)
{
  memset (s, 0, sizeof *s);
  s->debts[0] = (ArAgreementDebt) { "INV-1001", day ("2026-09-30"), day ("2026-10-30"), 60000 };
  s->debts[1] = (ArAgreementDebt) { "INV-1002", day ("2026-10-05"), day ("2026-11-04"), 40000 };
  s->instalments[0] = (ArAgreementInstalment) { day ("2027-01-31"), 33333 };
  s->instalments[1] = (ArAgreementInstalment) { day ("2027-02-28"), 33333 };
  s->instalments[2] = (ArAgreementInstalment) { day ("2027-03-31"), 33334 };
  s->ag = (ArAgreement) {
    .company = {
      .name = "Bright Smile Dental",
      .legal_name = "Bright Smile Dental LLC",
      .address = "12 Main Street\nSpringfield, IL 62704",
      .country = "US",
      .phone = "+1 217 555 0100",
      .email = "billing@brightsmile.example",
      .payment_instructions = "Pay by check to Bright Smile Dental LLC, or by bank transfer.",
      .bank_account = "000123456789",
      .routing_number = "071000013",
    },
    .debtor = {
      .id = 7,
      .external_id = "C-0042",
      .name = "Jane Doe",
      .company = "",
      .contact_person = "",
      .language = "",
      .country = "US",
      .address = "40 Elm Road\nSpringfield, IL 62701",
      .has_address = TRUE,
    },
    .currency = "USD",
    .date = day ("2027-01-05"),
    .reference = "PLAN-12",
    .debts = s->debts,
    .n_debts = 2,
    .debts_total = 100000,
    .total = 100000,
    .frequency = "monthly",
    .instalments = s->instalments,
    .n_instalments = 3,
    .grace_days = 5,
    .default_after = 2,
  };
}

static char *
render_text (const ArAgreement *ag, ArPdfPaper paper, const char *name, char **info)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = ar_doc_agreement_to_bytes (ag, paper, NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("test-agreement-XXXXXX", &error);
  g_autofree char *path = NULL;
  const char *samples = g_getenv ("AR_AGREEMENT_SAMPLES");
  char *text;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 5, "%PDF-", 5);
  path = g_build_filename (dir, "agreement.pdf", NULL);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  if (samples != NULL)
    {
      g_autofree char *keep = g_strdup_printf ("%s/%s.pdf", samples, name);

      g_file_set_contents (keep, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           &error);
      g_assert_no_error (error);
    }
  text = ar_test_run_tool ("pdftotext", "-layout", path, "-", NULL);
  if (info != NULL)
    *info = ar_test_run_tool ("pdfinfo", path, NULL);
  ar_test_remove_tree (dir);
  return text;
}

/* @needle occurs in @haystack, with runs of spaces in either counted as one. */
static gboolean
contains_words (const char *haystack, const char *needle)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *h = g_regex_replace_literal (spaces, haystack, -1, 0, " ", 0, NULL);
  g_autofree char *n = g_regex_replace_literal (spaces, needle, -1, 0, " ", 0, NULL);

  return strstr (h, n) != NULL;
}

#define assert_says(text, needle) \
  G_STMT_START { \
    if (!contains_words ((text), (needle))) \
      g_error ("the agreement does not say “%s”:\n%s", (needle), (text)); \
  } G_STMT_END

/* A line of the layout text holding every one of @cells, in order. */
static gboolean
has_row (const char *text, const char * const *cells)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = lines[i];
      guint k;

      for (k = 0; cells[k] != NULL; k++)
        {
          p = strstr (p, cells[k]);
          if (p == NULL)
            break;
          p += strlen (cells[k]);
        }
      if (cells[k] == NULL)
        return TRUE;
    }
  return FALSE;
}

#define assert_row(text, ...) \
  G_STMT_START { \
    const char *cells_[] = { __VA_ARGS__, NULL }; \
    if (!has_row ((text), cells_)) \
      g_error ("no row “%s … %s” in:\n%s", cells_[0], cells_[G_N_ELEMENTS (cells_) - 2], (text)); \
  } G_STMT_END

static void
test_basic (gconstpointer data)
{
  ArPdfPaper paper = GPOINTER_TO_INT (data);
  Sample s;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;

  if (!ar_test_have_tools ("pdftotext", "pdfinfo", NULL))
    return;
  sample_init (&s);
  text = render_text (&s.ag, paper, paper == AR_PDF_PAPER_A4 ? "basic-a4" : "basic-letter",
                      &info);

  /* The paper. */
  if (paper == AR_PDF_PAPER_A4)
    g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  else
    g_assert_nonnull (strstr (info, "612 x 792 pts (letter)"));

  /* The parties. */
  assert_says (text, "Payment plan agreement");
  assert_says (text, "Bright Smile Dental");
  assert_says (text, "12 Main Street");
  assert_says (text, "Jane Doe");
  assert_says (text, "40 Elm Road");
  assert_says (text, "Springfield, IL 62701");
  assert_says (text, "between Bright Smile Dental LLC (“we”) and Jane Doe (“you”)");
  assert_says (text, "you owe us $1,000.00");
  assert_row (text, "Plan reference", "PLAN-12");
  assert_row (text, "Customer no.", "C-0042");

  /* The debts and totals. */
  /* The longest English long date stays on one line. */
  assert_row (text, "INV-1001", "30 September 2026", "30 October 2026", "$600.00");
  assert_row (text, "INV-1002", "5 October 2026", "4 November 2026", "$400.00");
  assert_row (text, "Balance acknowledged", "$1,000.00");
  assert_row (text, "Total payable under this plan", "$1,000.00");
  g_assert_false (contains_words (text, "Set-up fee"));
  g_assert_false (contains_words (text, "Down payment"));

  /* The schedule, each row. */
  assert_says (text, "You pay 3 instalments every month, starting on 31 January 2027.");
  assert_row (text, "1", "31 January 2027", "$333.33");
  assert_row (text, "2", "28 February 2027", "$333.33");
  assert_row (text, "3", "31 March 2027", "$333.34");
  assert_row (text, "Total", "$1,000.00");

  /* Interest, missed payments and default. */
  assert_says (text, "No interest is charged.");
  assert_says (text, "not reached us in full 5 days after its due date is missed");
  assert_says (text, "If 2 consecutive payments are missed, the plan is in default");
  assert_says (text, "the whole remaining balance is due at once, and collection resumes");
  assert_says (text, "we take no further collection steps");
  assert_says (text, "on +1 217 555 0100 or at billing@brightsmile.example");

  /* How to pay. */
  assert_says (text, "Pay by check to Bright Smile Dental LLC, or by bank transfer.");
  assert_row (text, "Bank account", "000123456789");
  assert_row (text, "Routing no.", "071000013");
  assert_says (text, "Please quote the reference PLAN-12 with every payment.");

  /* Signatures. */
  assert_row (text, "For Bright Smile Dental LLC", "Jane Doe");
  assert_row (text, "Signature", "Signature");
  assert_row (text, "Place and date", "Place and date");
  /* The signatures close the agreement, after the terms. */
  g_assert_cmpint (strstr (text, "Place and date") - text, >,
                   strstr (text, "collection resumes") - text);
}

/* A down payment, interest, a set-up fee and waived fees, weekly over a year's end. */
static void
test_down_payment_interest (void)
{
  Sample s;
  g_autofree char *text = NULL;

  if (!ar_test_have_tools ("pdftotext", NULL))
    return;
  sample_init (&s);
  s.ag.down_payment = 20000;
  s.ag.down_payment_due = day ("2026-12-20");
  s.ag.frequency = "weekly";
  s.ag.apr_bp = 850;
  s.ag.interest = 1234;
  s.ag.setup_fee = 2500;
  s.ag.fees_waived = 1500;
  s.ag.total = 100000 - 1500 + 1234 + 2500;
  s.instalments[0] = (ArAgreementInstalment) { day ("2026-12-27"), 27411 };
  s.instalments[1] = (ArAgreementInstalment) { day ("2027-01-03"), 27411 };
  s.instalments[2] = (ArAgreementInstalment) { day ("2027-01-10"), 27412 };
  text = render_text (&s.ag, AR_PDF_PAPER_A4, "down-payment-interest", NULL);

  assert_says (text, "You pay a down payment of $200.00 on 20 December 2026, then 3 "
                     "instalments every week, starting on 27 December 2026.");
  assert_row (text, "Down payment", "20 December 2026", "$200.00");
  assert_row (text, "1", "27 December 2026", "$274.11");
  assert_row (text, "2", "3 January 2027", "$274.11");
  assert_row (text, "3", "10 January 2027", "$274.12");
  assert_row (text, "Fees waived", "-$15.00");
  assert_row (text, "Set-up fee", "$25.00");
  assert_row (text, "Interest", "$12.34");
  assert_row (text, "Total payable under this plan", "$1,022.34");
  assert_row (text, "Total", "$1,022.34");
  assert_says (text, "Simple interest at 8.50 % a year");
  assert_says (text, "$12.34 in all");
  assert_says (text, "A set-up fee of $25.00 is included in the total.");
  assert_says (text, "We waive fees of $15.00 already charged.");
}

/* 36 weekly instalments run onto a second page; every row is there, the header repeats and
 * the signatures come last. One missed payment ends this plan (singular wording). */
static void
test_long_schedule (void)
{
  Sample s;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  guint32 first = day ("2027-01-01");

  if (!ar_test_have_tools ("pdftotext", "pdfinfo", NULL))
    return;
  sample_init (&s);
  s.ag.frequency = "weekly";
  s.ag.n_instalments = 36;
  s.ag.default_after = 1;
  s.ag.grace_days = 1;
  for (guint i = 0; i < 36; i++)
    s.instalments[i] = (ArAgreementInstalment) { first + 7 * i, i < 35 ? 2777 : 2805 };
  text = render_text (&s.ag, AR_PDF_PAPER_LETTER, "long", &info);

  g_assert_null (strstr (info, "Pages:          1\n"));
  g_assert_null (strstr (info, "Pages:          2\n"));
  for (guint i = 0; i < 36; i++)
    {
      g_autofree char *no = g_strdup_printf ("%u", i + 1);
      g_autofree char *date = ar_letter_format_date (first + 7 * i);

      assert_row (text, no, date, i < 35 ? "$27.77" : "$28.05");
    }
  assert_says (text, "If 1 payment is missed, the plan is in default");
  assert_says (text, "in full 1 day after its due date");
  /* The signatures are after the last instalment. */
  g_assert_cmpint (strstr (text, "Place and date") - text, >,
                   strstr (text, "$28.05") - text);
}

static void
test_refused (void)
{
  Sample s;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  sample_init (&s);
  s.ag.n_instalments = 0;
  bytes = ar_doc_agreement_to_bytes (&s.ag, AR_PDF_PAPER_A4, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (bytes);
  g_clear_error (&error);

  sample_init (&s);
  s.ag.currency = "XX";
  bytes = ar_doc_agreement_to_bytes (&s.ag, AR_PDF_PAPER_A4, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "currency"));
  g_assert_null (bytes);
}

/* The locale switch: tags map to installed locales, the switch is the calling thread's only,
 * and popping restores the book's locale. */
static gboolean
have_locale (const char *name)
{
  locale_t loc = newlocale (LC_ALL_MASK, name, (locale_t) 0);

  if (loc == (locale_t) 0)
    return FALSE;
  freelocale (loc);
  return TRUE;
}

static void
test_locale_names (void)
{
  const char *unknown[] = { NULL, "", "x", "12", "de!", "qq", "toolongtag" };

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      ArDocLocale *loc = ar_doc_locale_push (unknown[i]);

      g_assert_null (ar_doc_locale_get_name (loc));
      ar_doc_locale_pop (loc);
    }
  if (!have_locale ("de_DE.UTF-8"))
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed (Debian: locales, locale-gen)");
      return;
    }
  {
    /* No de_AT here or there: the language's main country. */
    ArDocLocale *loc = ar_doc_locale_push ("de-AT");
    ArDocLocale *inner = ar_doc_locale_push ("DE");

    g_assert_nonnull (ar_doc_locale_get_name (loc));
    g_assert_true (g_str_has_prefix (ar_doc_locale_get_name (loc), "de_"));
    g_assert_cmpstr (ar_doc_locale_get_name (inner), ==, "de_DE.UTF-8");
    ar_doc_locale_pop (inner);
    ar_doc_locale_pop (loc);
  }
}

/* Dates and money follow the debtor's language; the main thread's formatting stays in the
 * book's locale while a worker renders in German. */
static gint german_done;

static gpointer
render_german (gpointer data)
{
  Sample *s = data;
  g_autoptr(GError) error = NULL;
  GBytes *bytes = ar_doc_agreement_to_bytes (&s->ag, AR_PDF_PAPER_A4, NULL, &error);

  g_assert_no_error (error);
  g_atomic_int_set (&german_done, 1);
  return bytes;
}

static void
test_language (void)
{
  Sample s;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GThread *thread;

  if (!ar_test_have_tools ("pdftotext", NULL))
    return;
  if (!have_locale ("de_DE.UTF-8"))
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed (Debian: locales, locale-gen)");
      return;
    }
  sample_init (&s);
  s.ag.debtor.language = "de";
  s.ag.currency = "EUR";

  /* The main thread keeps formatting while the worker renders in German: every amount it
   * formats stays in the book's locale (money formatting reads the calling thread's locale,
   * not localeconv ()'s process-wide struct). */
  before = ar_money_format (123456, "EUR");
  thread = g_thread_new ("agreement", render_german, &s);
  for (guint i = 0; i < 20000 && !g_atomic_int_get (&german_done); i++)
    {
      g_autofree char *again = ar_money_format (123456, "EUR");

      g_assert_cmpstr (again, ==, before);
    }
  bytes = g_thread_join (thread);
  after = ar_money_format (123456, "EUR");
  g_assert_cmpstr (before, ==, after);
  g_assert_nonnull (bytes);

  dir = g_dir_make_tmp ("test-agreement-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "de.pdf", NULL);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  text = ar_test_run_tool ("pdftotext", "-layout", path, "-", NULL);
  ar_test_remove_tree (dir);

  /* German dates and amounts; the words stay English until po/ has a German catalogue. */
  assert_says (text, "31 Januar 2027");
  assert_says (text, "28 Februar 2027");
  assert_row (text, "3", "31 März 2027", "333,34");
  assert_says (text, "1.000,00");
  g_assert_false (contains_words (text, "$"));
  /* The book's locale is back on this thread. */
  g_assert_null (strstr (before, "1.234,56"));
}

int
main (int argc, char *argv[])
{
  int status;

  /* As the CLI and the app: the environment's locale (C.UTF-8 in the suite). */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/agreement/a4", GINT_TO_POINTER (AR_PDF_PAPER_A4), test_basic);
  g_test_add_data_func ("/agreement/us-letter", GINT_TO_POINTER (AR_PDF_PAPER_LETTER),
                        test_basic);
  g_test_add_func ("/agreement/down-payment-interest", test_down_payment_interest);
  g_test_add_func ("/agreement/long-schedule", test_long_schedule);
  g_test_add_func ("/agreement/refused", test_refused);
  g_test_add_func ("/agreement/locale-names", test_locale_names);
  g_test_add_func ("/agreement/language", test_language);

  status = g_test_run ();
  FcFini ();
  return status;
}
