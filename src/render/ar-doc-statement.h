/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"
#include "ar-pdf.h"
#include "ar-statement.h"

G_BEGIN_DECLS

/* The account statement as a PDF: one debtor, one currency, one period (ArStatement).
 *
 * It is a letter (ar-pdf-letter.h): the company's letterhead, the debtor's address in the
 * envelope window, a reference block (customer number, statement date, period, currency) and
 * the subject "Statement of account", then
 *  - a summary: opening balance, debits, credits, closing balance, and the amount due (with
 *    what of it is overdue);
 *  - the account activity: the opening balance, every entry of the period with its debit or
 *    credit and the balance after it, and the closing balance with the period's totals;
 *  - the open items as of the statement date, with their age, and the credit on account;
 *  - the aging of the open items: one horizontal stacked bar drawn with vector fills (never an
 *    image), labelled with the buckets' names and amounts;
 *  - how to pay: the company's payment instructions and bank details, and the reference to
 *    quote;
 *  - optionally a remittance slip below a dashed cut line at the foot of the last page: the
 *    customer number, statement date, amount due, an "Amount enclosed" box and where to send
 *    the payment.
 * Every amount is formatted by the core (ar_money_format()) from the statement's own figures;
 * nothing is recomputed here. */

typedef enum
{
  AR_DOC_STATEMENT_DEFAULT = 0,
  AR_DOC_STATEMENT_NO_SLIP = 1 << 0,   /* leave the remittance slip out */
} ArDocStatementFlags;

/* Checks @statement with ar_statement_validate() and refuses it (AR_STATEMENT_ERROR, nothing
 * drawn) when its figures don't add up; otherwise adds one section to @pdf holding the
 * statement, with the remittance slip. @logo (PNG or JPEG, may be NULL) heads the first page.
 * Statements can be batched: call it once per statement on the same document. Returns FALSE
 * with the document's error (AR_PDF_ERROR) when the document has failed. Problems that don't
 * stop the document (an address too long for the window, a character no font has) are the
 * document's warnings (ar_pdf_get_warnings()). */
gboolean    ar_doc_statement_render       (ArPdf               *pdf,
                                           const ArStatement   *statement,
                                           GBytes              *logo,
                                           GError             **error);
/* The same with @flags. */
gboolean    ar_doc_statement_render_full  (ArPdf               *pdf,
                                           const ArStatement   *statement,
                                           GBytes              *logo,
                                           ArDocStatementFlags  flags,
                                           GError             **error);

/* Builds the statement of @debtor_id in @currency for the days @from to @to (Julian days,
 * inclusive; see ar_statement_build()), renders it on the ledger's paper
 * (ar_doc_paper_for_ledger()) with the company's logo, and writes it atomically to @path (on
 * failure no file is left behind and an existing @path is untouched). The document's warnings
 * are appended to @warnings (may be NULL) as newly allocated strings: create it with
 * g_ptr_array_new_with_free_func (g_free). */
gboolean    ar_doc_statement_write        (ArLedger            *ledger,
                                           gint64               debtor_id,
                                           const char          *currency,
                                           guint32              from,
                                           guint32              to,
                                           gboolean             remittance_slip,
                                           const char          *path,
                                           GPtrArray           *warnings,
                                           GError             **error);

G_END_DECLS
