/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"
#include "ar-pdf-letter.h"
#include "ar-statement.h"

G_BEGIN_DECLS

/* What every Arrears document shares: the paper size and the letterhead. */

/* The ledger's setting "document.paper" ("a4" or "letter"); without it (or with "auto"), US
 * Letter for a company in the countries that use it (US, CA, MX, PH and a few more) and A4 for
 * any other country; without a company country, the paper of the locale (LC_PAPER). */
ArPdfPaper  ar_doc_paper_for_ledger   (ArLedger                 *ledger,
                                       const ArDocumentCompany  *company);

/* Fills @letterhead from the company's details and @logo (may be NULL); strings are copied
 * into @strings. The footer's payment details list, one per line, the payment instructions,
 * the bank account, IBAN and BIC, and the routing number that the company has. */
void        ar_doc_letterhead_init    (ArPdfLetterhead          *letterhead,
                                       const ArDocumentCompany  *company,
                                       GBytes                   *logo,
                                       GStringChunk             *strings);

G_END_DECLS
