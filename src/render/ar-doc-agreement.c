/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-doc-agreement"
#include "config.h"

#include <locale.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ar-doc-agreement.h"
#include "ar-doc-common.h"
#include "ar-letter-data.h"
#include "ar-money.h"
#include "ar-pdf-letter.h"
#include "ar-pdf-table.h"

#define GREY_TEXT 0x555555
#define DARK_RULE 0x404040

static const ArPdfStyle body_style = { AR_PDF_REGULAR, 9.5, 13.0, AR_PDF_ALIGN_LEFT, 0 };
static const ArPdfStyle heading_style = { AR_PDF_BOLD, 10.5, 14.0, AR_PDF_ALIGN_LEFT, 0 };
static const ArPdfStyle label_style = { AR_PDF_REGULAR, 7.5, 10.0, AR_PDF_ALIGN_LEFT, GREY_TEXT };
static const ArPdfStyle party_style = { AR_PDF_BOLD, 9.0, 12.0, AR_PDF_ALIGN_LEFT, 0 };

/* The locale switch ----------------------------------------------------------------------- */

struct _ArDocLocale
{
  locale_t  locale;     /* ours, or (locale_t) 0 when the book's locale was kept */
  locale_t  previous;
  char     *name;
};

/* The country whose locale stands for a language when the tag names none. */
static const struct { const char *language; const char *country; } main_country[] = {
  { "en", "US" }, { "cs", "CZ" }, { "da", "DK" }, { "el", "GR" }, { "et", "EE" },
  { "ja", "JP" }, { "ko", "KR" }, { "nb", "NO" }, { "nn", "NO" }, { "sl", "SI" },
  { "sv", "SE" }, { "uk", "UA" }, { "zh", "CN" }, { "ca", "ES" }, { "ga", "IE" },
};

static locale_t
try_locale (const char *language, const char *country, char **name)
{
  const char *codesets[] = { "UTF-8", "utf8" };

  for (guint i = 0; i < G_N_ELEMENTS (codesets); i++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s_%s.%s", language, country, codesets[i]);
      locale_t loc = newlocale (LC_ALL_MASK, candidate, (locale_t) 0);

      if (loc != (locale_t) 0)
        {
          *name = g_steal_pointer (&candidate);
          return loc;
        }
    }
  return (locale_t) 0;
}

ArDocLocale *
ar_doc_locale_push (const char *language)
{
  ArDocLocale *self = g_new0 (ArDocLocale, 1);
  g_auto(GStrv) parts = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *region = NULL;

  if (language == NULL || *language == '\0')
    return self;
  parts = g_strsplit_set (language, "-_", -1);
  /* A primary subtag is 2 or 3 letters; a region 2 letters (numeric regions are ignored). */
  if (parts[0] == NULL || strlen (parts[0]) < 2 || strlen (parts[0]) > 3)
    return self;
  for (const char *p = parts[0]; *p != '\0'; p++)
    if (!g_ascii_isalpha (*p))
      return self;
  lang = g_ascii_strdown (parts[0], -1);
  for (guint i = 1; parts[i] != NULL; i++)
    if (strlen (parts[i]) == 2 && g_ascii_isalpha (parts[i][0]) && g_ascii_isalpha (parts[i][1]))
      {
        region = g_ascii_strup (parts[i], -1);
        break;
      }

  if (region != NULL)
    self->locale = try_locale (lang, region, &self->name);
  if (self->locale == (locale_t) 0)
    {
      g_autofree char *country = g_ascii_strup (lang, -1);

      for (guint i = 0; i < G_N_ELEMENTS (main_country); i++)
        if (g_str_equal (main_country[i].language, lang))
          {
            g_free (country);
            country = g_strdup (main_country[i].country);
            break;
          }
      self->locale = try_locale (lang, country, &self->name);
    }
  if (self->locale != (locale_t) 0)
    self->previous = uselocale (self->locale);
  return self;
}

const char *
ar_doc_locale_get_name (ArDocLocale *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

void
ar_doc_locale_pop (ArDocLocale *self)
{
  if (self == NULL)
    return;
  if (self->locale != (locale_t) 0)
    {
      uselocale (self->previous);
      freelocale (self->locale);
    }
  g_free (self->name);
  g_free (self);
}

/* Words ------------------------------------------------------------------------------------ */

static gboolean
is_set (const char *s)
{
  return s != NULL && *s != '\0';
}

static char *
money (const ArAgreement *ag, gint64 amount)
{
  return ar_money_format (amount, ag->currency);
}

static const char *
frequency_phrase (const char *frequency)
{
  if (g_strcmp0 (frequency, "weekly") == 0)
    return C_("plan frequency", "every week");
  if (g_strcmp0 (frequency, "biweekly") == 0)
    return C_("plan frequency", "every two weeks");
  if (g_strcmp0 (frequency, "semimonthly") == 0)
    return C_("plan frequency", "twice a month");
  return C_("plan frequency", "every month");
}

/* The address in the window: the debtor's name, the company when it is another name, then
 * the postal address, at most @max_lines. */
static char *
recipient_lines (const ArDocumentDebtor *debtor, guint max_lines)
{
  GString *out = g_string_new (debtor->name);
  g_auto(GStrv) address = g_strsplit (is_set (debtor->address) ? debtor->address : "", "\n", -1);
  guint n = 1;

  if (is_set (debtor->company) && g_strcmp0 (debtor->company, debtor->name) != 0 &&
      g_strv_length (address) + 2 <= max_lines)
    {
      g_string_append_printf (out, "\n%s", debtor->company);
      n++;
    }
  for (guint i = 0; address[i] != NULL && n < max_lines; i++)
    if (*g_strstrip (address[i]) != '\0')
      {
        g_string_append_printf (out, "\n%s", address[i]);
        n++;
      }
  return g_string_free (out, FALSE);
}

/* Drawing ---------------------------------------------------------------------------------- */

static void
heading (ArPdf *pdf, const char *text, double keep)
{
  double top;

  ar_pdf_get_margins (pdf, &top, NULL, NULL, NULL);
  if (ar_pdf_get_y (pdf) > top + 1.0)
    ar_pdf_skip (pdf, 12.0);
  ar_pdf_keep_together (pdf, ar_pdf_line_height (&heading_style) + 4.0 + keep);
  ar_pdf_paragraph (pdf, &heading_style, text);
  ar_pdf_skip (pdf, 3.0);
}

static void
paragraph (ArPdf *pdf, const char *text)
{
  ar_pdf_paragraph (pdf, &body_style, text);
  ar_pdf_skip (pdf, 5.0);
}

static void
draw_parties (ArPdf *pdf, const ArAgreement *ag)
{
  const char *company = is_set (ag->company.legal_name) ? ag->company.legal_name
                                                        : ag->company.name;
  g_autofree char *date = ar_letter_format_date (ag->date);
  g_autofree char *total = money (ag, ag->debts_total);
  g_autofree char *intro = NULL;

  /* Translators: the opening of a payment plan agreement: the date, the company, the debtor,
   * then the balance the debtor acknowledges. */
  intro = g_strdup_printf (_("This agreement is made on %s between %s (“we”) and %s (“you”). "
                             "You acknowledge that you owe us %s for the items listed below. "
                             "We agree to accept payment of it in instalments as set out here, "
                             "and you agree to pay them on time."),
                           date, company, ag->debtor.name, total);
  paragraph (pdf, intro);
}

static void
draw_debts (ArPdf *pdf, const ArAgreement *ag)
{
  g_autoptr(ArPdfTable) table = ar_pdf_table_new (4);
  g_autofree char *debts_total = money (ag, ag->debts_total);
  g_autofree char *total = money (ag, ag->total);
  double width = ar_pdf_get_content_width (pdf);

  ar_pdf_table_set_column (table, 0, _("Invoice"), 0, AR_PDF_ALIGN_LEFT);
  /* Room for the longest long date ("30 September 2026") on one line. */
  ar_pdf_table_set_column (table, 1, _("Issued"), width * 0.22, AR_PDF_ALIGN_LEFT);
  ar_pdf_table_set_column (table, 2, _("Due"), width * 0.22, AR_PDF_ALIGN_LEFT);
  ar_pdf_table_set_column (table, 3, _("Amount"), width * 0.18, AR_PDF_ALIGN_RIGHT);
  for (guint i = 0; i < ag->n_debts; i++)
    {
      const ArAgreementDebt *d = &ag->debts[i];
      g_autofree char *issued = ar_letter_format_date (d->issued);
      g_autofree char *due = ar_letter_format_date (d->due);
      g_autofree char *amount = money (ag, d->amount);

      ar_pdf_table_add (table, d->number, issued, due, amount);
    }
  {
    const char *row[] = { _("Balance acknowledged"), NULL, NULL, debts_total };

    ar_pdf_table_add_total_row (table, row);
  }
  if (ag->fees_waived > 0)
    {
      g_autofree char *waived = money (ag, -ag->fees_waived);

      ar_pdf_table_add (table, _("Fees waived"), NULL, NULL, waived);
    }
  if (ag->setup_fee > 0)
    {
      g_autofree char *fee = money (ag, ag->setup_fee);

      ar_pdf_table_add (table, _("Set-up fee"), NULL, NULL, fee);
    }
  if (ag->interest > 0)
    {
      g_autofree char *interest = money (ag, ag->interest);

      ar_pdf_table_add (table, _("Interest"), NULL, NULL, interest);
    }
  {
    const char *row[] = { _("Total payable under this plan"), NULL, NULL, total };

    ar_pdf_table_add_total_row (table, row);
  }

  heading (pdf, _("1. The debts covered"), 60.0);
  ar_pdf_table_draw (table, pdf);
}

static void
draw_schedule (ArPdf *pdf, const ArAgreement *ag)
{
  g_autoptr(ArPdfTable) table = ar_pdf_table_new (3);
  g_autofree char *total = money (ag, ag->total);
  g_autofree char *first = ar_letter_format_date (ag->instalments[0].due);
  g_autofree char *text = NULL;
  double width = ar_pdf_get_content_width (pdf);
  guint n = ag->n_instalments;

  if (ag->down_payment > 0)
    {
      g_autofree char *down = money (ag, ag->down_payment);
      g_autofree char *down_due = ar_letter_format_date (ag->down_payment_due);

      /* Translators: the down payment, its date, the number of instalments, how often
       * ("every month") and the first instalment's date */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "You pay a down payment of %s on %s, then %u "
                                           "instalment %s, starting on %s.",
                                           "You pay a down payment of %s on %s, then %u "
                                           "instalments %s, starting on %s.", n),
                              down, down_due, n, frequency_phrase (ag->frequency), first);
    }
  else
    /* Translators: the number of instalments, how often ("every month") and the first date */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "You pay %u instalment %s, starting on %s.",
                                         "You pay %u instalments %s, starting on %s.", n),
                            n, frequency_phrase (ag->frequency), first);

  ar_pdf_table_set_column (table, 0, C_("instalment number", "No."), width * 0.22,
                           AR_PDF_ALIGN_LEFT);
  ar_pdf_table_set_column (table, 1, _("Due date"), 0, AR_PDF_ALIGN_LEFT);
  ar_pdf_table_set_column (table, 2, _("Amount"), width * 0.25, AR_PDF_ALIGN_RIGHT);
  if (ag->down_payment > 0)
    {
      g_autofree char *down = money (ag, ag->down_payment);
      g_autofree char *down_due = ar_letter_format_date (ag->down_payment_due);

      /* Named, not numbered: it is not one of the instalments. */
      ar_pdf_table_add (table, _("Down payment"), down_due, down);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *no = g_strdup_printf ("%u", i + 1);
      g_autofree char *due = ar_letter_format_date (ag->instalments[i].due);
      g_autofree char *amount = money (ag, ag->instalments[i].amount);

      ar_pdf_table_add (table, no, due, amount);
    }
  {
    const char *row[] = { _("Total"), NULL, total };

    ar_pdf_table_add_total_row (table, row);
  }

  heading (pdf, _("2. Payment schedule"), 80.0);
  paragraph (pdf, text);
  ar_pdf_table_draw (table, pdf);
}

static void
draw_interest (ArPdf *pdf, const ArAgreement *ag)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (ag->apr_bp > 0)
    {
      g_autofree char *interest = money (ag, ag->interest);
      g_autofree char *rate = g_strdup_printf ("%u.%02u", ag->apr_bp / 100, ag->apr_bp % 100);

      /* Translators: a simple annual interest rate ("8.50") and the interest in all */
      g_string_append_printf (text, _("Simple interest at %s %% a year is charged on the "
                                      "balance and included in the instalments: %s in all."),
                              rate, interest);
    }
  else
    g_string_append (text, _("No interest is charged."));
  if (ag->setup_fee > 0)
    {
      g_autofree char *fee = money (ag, ag->setup_fee);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("A set-up fee of %s is included in the total."), fee);
    }
  if (ag->fees_waived > 0)
    {
      g_autofree char *waived = money (ag, ag->fees_waived);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("We waive fees of %s already charged."), waived);
    }
  heading (pdf, _("3. Interest and fees"), 30.0);
  paragraph (pdf, text->str);
}

static void
draw_terms (ArPdf *pdf, const ArAgreement *ag)
{
  g_autofree char *missed = NULL;
  g_autofree char *defaulted = NULL;
  g_autofree char *hardship = NULL;

  /* Translators: %u is the grace period in days */
  missed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Each payment is due on its date. A payment that has "
                                         "not reached us in full %u day after its due date is "
                                         "missed, and we will contact you about it. While you "
                                         "keep to this plan we take no further collection "
                                         "steps for the debts it covers.",
                                         "Each payment is due on its date. A payment that has "
                                         "not reached us in full %u days after its due date is "
                                         "missed, and we will contact you about it. While you "
                                         "keep to this plan we take no further collection "
                                         "steps for the debts it covers.", ag->grace_days),
                            ag->grace_days);
  /* Translators: %u is the number of consecutive missed payments that end the plan */
  defaulted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "If %u payment is missed, the plan is in default: "
                                            "it ends, the whole remaining balance is due at "
                                            "once, and collection resumes.",
                                            "If %u consecutive payments are missed, the plan is "
                                            "in default: it ends, the whole remaining balance "
                                            "is due at once, and collection resumes.",
                                            ag->default_after),
                               ag->default_after);
  if (is_set (ag->company.phone) && is_set (ag->company.email))
    hardship = g_strdup_printf (_("If you have difficulty paying, please contact us before a "
                                  "payment is due, on %s or at %s."),
                                ag->company.phone, ag->company.email);
  else if (is_set (ag->company.phone) || is_set (ag->company.email))
    hardship = g_strdup_printf (_("If you have difficulty paying, please contact us before a "
                                  "payment is due, at %s."),
                                is_set (ag->company.phone) ? ag->company.phone
                                                           : ag->company.email);
  else
    hardship = g_strdup (_("If you have difficulty paying, please contact us before a payment "
                           "is due."));

  heading (pdf, _("4. Missed payments and default"), 40.0);
  paragraph (pdf, missed);
  paragraph (pdf, defaulted);
  paragraph (pdf, hardship);
}

static void
draw_how_to_pay (ArPdf *pdf, const ArAgreement *ag)
{
  const ArDocumentCompany *c = &ag->company;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *quote = NULL;
  const char *holder = is_set (c->legal_name) ? c->legal_name : c->name;

  if (is_set (c->payment_instructions))
    g_string_append_printf (details, "%s\n", c->payment_instructions);
  if (is_set (c->bank_account) || is_set (c->iban))
    g_string_append_printf (details, "%s: %s\n", _("Account holder"), holder);
  if (is_set (c->bank_account))
    g_string_append_printf (details, "%s: %s\n", _("Bank account"), c->bank_account);
  if (is_set (c->iban))
    g_string_append_printf (details, "%s: %s\n", _("IBAN"), c->iban);
  if (is_set (c->bic))
    g_string_append_printf (details, "%s: %s\n", _("BIC"), c->bic);
  if (is_set (c->routing_number))
    g_string_append_printf (details, "%s: %s\n", _("Routing no."), c->routing_number);
  if (details->len > 0)
    g_string_truncate (details, details->len - 1);
  if (is_set (ag->reference))
    quote = g_strdup_printf (_("Please quote the reference %s with every payment."),
                             ag->reference);

  heading (pdf, _("5. How to pay"), 40.0);
  if (details->len > 0)
    paragraph (pdf, details->str);
  if (quote != NULL)
    paragraph (pdf, quote);
}

/* Two columns, one per party: the party's name, then lines to sign on and to write the place
 * and date on. Kept together on one page. */
static void
draw_signatures (ArPdf *pdf, const ArAgreement *ag)
{
  double left = ar_pdf_get_content_left (pdf);
  double width = ar_pdf_get_content_width (pdf);
  double column = (width - 30.0) / 2.0;
  double label_h = ar_pdf_line_height (&label_style);
  double party_h = ar_pdf_line_height (&party_style);
  double height = party_h + 2 * (34.0 + label_h) + 4.0;
  const char *company = is_set (ag->company.legal_name) ? ag->company.legal_name
                                                        : ag->company.name;
  g_autofree char *for_company = g_strdup_printf (_("For %s"), company);
  const char *names[] = { for_company, ag->debtor.name };
  double top;

  heading (pdf, _("6. Signatures"), height);
  top = ar_pdf_reserve (pdf, height);
  for (guint i = 0; i < 2; i++)
    {
      double x = left + i * (column + 30.0);
      double y = top;

      ar_pdf_draw_text (pdf, &party_style, x, y + ar_pdf_text_ascent (pdf, &party_style),
                        names[i]);
      y += party_h + 34.0;
      ar_pdf_draw_line (pdf, x, y, x + column, y, 0.6, DARK_RULE);
      ar_pdf_draw_text (pdf, &label_style, x, y + 2.0 + ar_pdf_text_ascent (pdf, &label_style),
                        _("Signature"));
      y += label_h + 34.0;
      ar_pdf_draw_line (pdf, x, y, x + column, y, 0.6, DARK_RULE);
      ar_pdf_draw_text (pdf, &label_style, x, y + 2.0 + ar_pdf_text_ascent (pdf, &label_style),
                        _("Place and date"));
    }
}

gboolean
ar_doc_agreement_render (ArPdf *pdf, const ArAgreement *ag, GBytes *logo, GError **error)
{
  g_autoptr(GStringChunk) strings = g_string_chunk_new (256);
  g_autofree char *recipient = NULL;
  g_autofree char *date = NULL;
  ArPdfLetterhead letterhead;
  const GError *pdf_error;

  g_return_val_if_fail (pdf != NULL && ag != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (ag->currency == NULL || !ar_currency_is_valid (ag->currency))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Agreement: currency: expected an ISO 4217 code"));
      return FALSE;
    }
  if (ag->n_instalments == 0 || ag->instalments == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Agreement: the plan has no instalments"));
      return FALSE;
    }

  /* A #10 envelope's window shows five lines; DIN 5008's address field six. */
  recipient = recipient_lines (&ag->debtor, ar_pdf_get_paper (pdf) == AR_PDF_PAPER_LETTER ? 5 : 6);
  date = ar_letter_format_date (ag->date);
  {
    const ArPdfField references[] = {
      { _("Customer no."), ag->debtor.external_id },
      { _("Date"), date },
      { _("Plan reference"), ag->reference },
      { _("Currency"), ag->currency },
    };
    const ArPdfLetter letter = {
      .recipient = recipient,
      .references = references,
      .n_references = G_N_ELEMENTS (references),
      .subject = _("Payment plan agreement"),
    };

    ar_doc_letterhead_init (&letterhead, &ag->company, logo, strings);
    ar_pdf_letter_begin (pdf, &letterhead, &letter);
  }

  draw_parties (pdf, ag);
  draw_debts (pdf, ag);
  draw_schedule (pdf, ag);
  draw_interest (pdf, ag);
  draw_terms (pdf, ag);
  draw_how_to_pay (pdf, ag);
  draw_signatures (pdf, ag);

  pdf_error = ar_pdf_get_error (pdf);
  if (pdf_error != NULL)
    {
      g_propagate_error (error, g_error_copy (pdf_error));
      return FALSE;
    }
  return TRUE;
}

GBytes *
ar_doc_agreement_to_bytes (const ArAgreement *ag, ArPdfPaper paper, GBytes *logo,
                           GError **error)
{
  ArDocLocale *locale;
  g_autoptr(ArPdf) pdf = NULL;
  GBytes *bytes = NULL;

  g_return_val_if_fail (ag != NULL, NULL);

  locale = ar_doc_locale_push (ag->debtor.language);
  pdf = ar_pdf_new (paper, error);
  if (pdf != NULL)
    {
      /* Translators: the PDF's title */
      ar_pdf_set_metadata (pdf, _("Payment plan agreement"), ag->company.name, ag->reference);
      if (ar_doc_agreement_render (pdf, ag, logo, error))
        bytes = ar_pdf_save_to_bytes (pdf, error);
    }
  ar_doc_locale_pop (locale);
  return bytes;
}
