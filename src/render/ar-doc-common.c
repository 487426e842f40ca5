/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-doc-common"
#include "config.h"

#include <langinfo.h>

#include <glib/gi18n-lib.h>

#include "ar-doc-common.h"

/* Countries whose offices use US Letter rather than A4. */
static const char * const letter_countries[] = {
  "US", "CA", "MX", "PH", "CL", "CO", "CR", "GT", "PA", "PR", "SV", "VE", "DO", "NI",
};

ArPdfPaper
ar_doc_paper_for_ledger (ArLedger *ledger, const ArDocumentCompany *company)
{
  g_autofree char *paper = ar_ledger_get_setting (ledger, "document.paper");

  /* "auto" (the preferences' "Automatic") means no choice: the rules below apply. */
  if (paper != NULL && !g_str_equal (paper, "auto"))
    return g_str_equal (paper, "letter") ? AR_PDF_PAPER_LETTER : AR_PDF_PAPER_A4;
  if (company != NULL && company->country != NULL && company->country[0] != '\0')
    {
      for (guint i = 0; i < G_N_ELEMENTS (letter_countries); i++)
        if (g_strcmp0 (company->country, letter_countries[i]) == 0)
          return AR_PDF_PAPER_LETTER;
      return AR_PDF_PAPER_A4;
    }
#ifdef _NL_PAPER_WIDTH
  /* No company country yet: the paper of the user's locale (LC_PAPER), 216 mm wide for Letter. */
  if ((guintptr) nl_langinfo (_NL_PAPER_WIDTH) == 216)
    return AR_PDF_PAPER_LETTER;
#endif
  return AR_PDF_PAPER_A4;
}

static void
add_line (GString *lines, const char *label, const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  if (lines->len > 0)
    g_string_append_c (lines, '\n');
  if (label != NULL)
    g_string_append_printf (lines, "%s %s", label, value);
  else
    g_string_append (lines, value);
}

void
ar_doc_letterhead_init (ArPdfLetterhead *letterhead, const ArDocumentCompany *company,
                        GBytes *logo, GStringChunk *strings)
{
  g_autoptr(GString) payment = g_string_new (NULL);

  g_return_if_fail (letterhead != NULL && company != NULL && strings != NULL);

  /* Translators: labels in a letter's footer, each followed by the company's detail. */
  add_line (payment, NULL, company->payment_instructions);
  add_line (payment, _("Account"), company->bank_account);
  add_line (payment, _("IBAN"), company->iban);
  add_line (payment, _("BIC"), company->bic);
  add_line (payment, _("Routing no."), company->routing_number);

  *letterhead = (ArPdfLetterhead) {
    .name = company->name,
    .address = company->address,
    .phone = company->phone,
    .email = company->email,
    .website = company->website,
    .tax_id = company->tax_id,
    .logo = logo,
    .return_address = NULL,
    .payment_details = g_string_chunk_insert (strings, payment->str),
  };
}
