/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-pdf.h"
#include "ar-statement.h"

G_BEGIN_DECLS

/* The payment-plan agreement as a PDF: a letter (ar-pdf-letter.h) from the company to the
 * debtor that both sign. It holds, in this order:
 *  - the parties: the company's letterhead and the debtor's address in the envelope window,
 *    and an opening paragraph naming both and the balance acknowledged;
 *  - the debts covered (invoice, dates, amount), any fees waived, set-up fee and interest,
 *    and the total payable under the plan;
 *  - the schedule: the down payment and every instalment with its due date and amount;
 *  - interest and fees;
 *  - what happens when a payment is missed (the grace days) and when the plan defaults (after
 *    N consecutive missed payments: the rest is due at once and collection resumes), and that
 *    collection pauses while the plan is kept;
 *  - how to pay: the company's payment instructions and bank details, the reference to quote;
 *  - signature, place and date lines for both parties.
 *
 * The input is a plain struct of figures the plan core has computed: nothing is added up
 * here. Amounts are formatted with ar_money_format() and dates with ar_letter_format_date(),
 * so they follow the locale the document is rendered in (see ar_doc_locale_push()). */

typedef struct
{
  const char *number;         /* invoice number */
  guint32     issued;         /* Julian day; 0 when unknown */
  guint32     due;            /* Julian day; 0 when unknown */
  gint64      amount;         /* what of it the plan covers (its open amount) */
} ArAgreementDebt;

typedef struct
{
  guint32     due;            /* Julian day */
  gint64      amount;
} ArAgreementInstalment;

typedef struct
{
  ArDocumentCompany            company;
  ArDocumentDebtor             debtor;
  const char                  *currency;        /* ISO 4217 */
  guint32                      date;            /* the agreement's date, Julian day */
  const char                  *reference;       /* the plan's reference, quoted with payments */

  const ArAgreementDebt       *debts;           /* the debts covered */
  guint                        n_debts;
  gint64                       debts_total;     /* Σ debts' amounts */
  gint64                       fees_waived;     /* fees already charged and waived; 0: none */
  gint64                       setup_fee;       /* 0: none */
  guint                        apr_bp;          /* simple annual interest, basis points; 0: none */
  gint64                       interest;        /* the interest over the whole plan */
  gint64                       total;           /* payable under the plan: down payment +
                                                 * Σ instalments */

  gint64                       down_payment;    /* 0: none */
  guint32                      down_payment_due;
  const char                  *frequency;       /* "weekly", "biweekly", "semimonthly",
                                                 * "monthly" */
  const ArAgreementInstalment *instalments;
  guint                        n_instalments;

  guint                        grace_days;      /* a payment is missed this many days after
                                                 * its due date */
  guint                        default_after;   /* consecutive missed payments that end the
                                                 * plan */
} ArAgreement;

/* Adds one section to @pdf holding the agreement, on the document's paper, in the current
 * thread's locale. @logo (PNG or JPEG, may be NULL) heads the first page. Refuses an
 * agreement without instalments or without a valid currency (G_IO_ERROR_INVALID_DATA, nothing
 * drawn). Returns FALSE with the document's error when the document has failed. */
gboolean    ar_doc_agreement_render     (ArPdf              *pdf,
                                         const ArAgreement  *agreement,
                                         GBytes             *logo,
                                         GError            **error);

/* Renders @agreement in the debtor's language (agreement->debtor.language, see
 * ar_doc_locale_push()) on @paper into a new PDF and returns its bytes. Thread-safe: the
 * plan wizard calls it from a worker thread. */
GBytes     *ar_doc_agreement_to_bytes   (const ArAgreement  *agreement,
                                         ArPdfPaper          paper,
                                         GBytes             *logo,
                                         GError            **error);

/* Documents in the debtor's language ----------------------------------------------------------
 *
 * ar_doc_locale_push() switches the calling thread (only it: uselocale(3)) to the installed
 * locale that best matches @language (BCP 47: "de", "de-AT", "fr-CA"): LANGUAGE_REGION.UTF-8,
 * then the language's main country (de_DE.UTF-8, fr_FR.UTF-8 ...). Translations (gettext,
 * which glibc looks up per thread locale), dates (strftime) and money (localeconv, used by
 * ar_money_format()) then follow that language until ar_doc_locale_pop().
 *
 * The fallback is the book's language: the process's locale, unchanged, when @language is
 * NULL, empty, malformed or has no installed locale. Two limits of gettext remain: the
 * LANGUAGE environment variable, when set, takes precedence over the thread's locale for
 * translations (not for dates and money), and a language without a catalogue in po/LINGUAS
 * keeps the English text while dates and amounts are already in its format.
 *
 * Returns the handle to give back to ar_doc_locale_pop(); never NULL. */
typedef struct _ArDocLocale ArDocLocale;

ArDocLocale *ar_doc_locale_push         (const char         *language);
/* The locale name switched to ("de_DE.UTF-8"), or NULL when the book's locale was kept. */
const char  *ar_doc_locale_get_name     (ArDocLocale        *locale);
void         ar_doc_locale_pop          (ArDocLocale        *locale);

G_END_DECLS
