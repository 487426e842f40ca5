/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ar-ledger.h"
#include "ar-letter-data.h"
#include "ar-pdf.h"
#include "ar-template.h"

G_BEGIN_DECLS

/* Dunning letters as PDF: one letter per debtor and currency, listing every overdue invoice
 * (number, issue date, due date, days overdue, original and open amount), the fees and
 * interest as lines of their own and the total due in a bold row, in the wording of the
 * dunning level's template (ar-template.h) in the debtor's language when one is stored.
 *
 * Merge fields are expanded as text and never parsed again (a debtor called "{total_due}" is
 * printed as that); a field the template doesn't know is an error naming it. Nothing is drawn
 * unless the letter's figures add up in integer minor units (ar_letter_data_validate ()).
 *
 * Rendering only: recording letters as sent and escalating levels is the dunning workflow's
 * job. */

#define AR_DOC_LETTER_ERROR (ar_doc_letter_error_quark ())

typedef enum
{
  AR_DOC_LETTER_ERROR_INVALID,   /* a bad request: level, deadline, a letter with no items */
  AR_DOC_LETTER_ERROR_REFUSED,   /* a debtor named in the request must not get a letter */
  AR_DOC_LETTER_ERROR_EXISTS,    /* an output file is already there */
} ArDocLetterError;

GQuark      ar_doc_letter_error_quark  (void);

/* The shortest payment deadlines the batch functions accept, in days after the letter's
 * date: a reminder, and a final demand (level 4 and above). */
#define AR_DOC_LETTER_MIN_DEADLINE_DAYS        7
#define AR_DOC_LETTER_MIN_FINAL_DEADLINE_DAYS 14

/* Adds one letter to @pdf as a section of its own (it starts on a new page and its pages are
 * numbered "Page i of n" within the letter): letterhead (with @logo, PNG or JPEG, may be
 * NULL), the recipient in the envelope window, the reference block (date, customer number,
 * our reference, payment deadline), the subject and the body of @tmpl, whose
 * {invoice_table} becomes the table of overdue items, charges and the total due (a body
 * without it gets the table before its closing: a dunning letter always itemises).
 *
 * @tmpl is a template as ar_template_lookup () returns it; its subject and body are parsed
 * here, so a stored template that bypassed ar_template_store () is caught too. Fails, and
 * adds nothing to @pdf, when @data does not validate (AR_LETTER_DATA_ERROR), lists no item
 * (AR_DOC_LETTER_ERROR_INVALID), or the template is malformed, names an unknown field or a
 * field without a value (AR_TEMPLATE_ERROR, the message names the field). Problems that
 * don't stop the letter are ar_pdf_get_warnings () of @pdf. */
gboolean    ar_doc_letter_render       (ArPdf                  *pdf,
                                        const ArLetterData     *data,
                                        const ArLetterTemplate *tmpl,
                                        GBytes                 *logo,
                                        GError                **error);

/* Batches ----------------------------------------------------------------------------------- */

typedef struct
{
  guint32       as_of;          /* the letters' date, Julian day */
  guint         level;          /* dunning level, 1..9 */
  guint         min_days;       /* list items at least this many days overdue (0 counts as 1) */
  guint         deadline_days;  /* the payment deadline, days after @as_of */
  const char   *currency;       /* only letters in this currency; NULL: every currency */
  /* The debtors (ledger row ids) to write to, in this order, or NULL for every debtor due a
   * letter, longest overdue first (ar_letter_candidates_run ()). A named debtor who asked not
   * to be contacted or whose status rules out a reminder (disputed, with an agency or a
   * lawyer, bankrupt, deceased, paid, written off, closed) makes the whole request fail
   * (AR_DOC_LETTER_ERROR_REFUSED) before anything is written; one with nothing overdue just
   * gets no letter. */
  const gint64 *debtor_ids;
  guint         n_debtor_ids;
} ArDocLettersOptions;

typedef struct
{
  guint      n_letters;    /* letters written */
  guint      n_pages;      /* pages written, all files together */
  guint64    n_bytes;      /* bytes written, all files together */
  GPtrArray *files;        /* char *: the files written, in order */
  GPtrArray *warnings;     /* char *: problems that didn't stop a letter, prefixed with the
                            * customer number ("C000123: …") unless they concern them all */
} ArDocLettersResult;

void        ar_doc_letters_result_init  (ArDocLettersResult *result);
void        ar_doc_letters_result_clear (ArDocLettersResult *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ArDocLettersResult, ar_doc_letters_result_clear)

/* Called in the caller's thread after each (debtor, currency) pair found, with the number
 * done and the number found. */
typedef void (*ArDocLettersProgress) (guint    done,
                                      guint    total,
                                      gpointer user_data);

/* Writes every letter of the request into one PDF at @path, for printing in one go: each
 * letter starts on a new page and numbers its own pages. The logo is read once, fonts and
 * logo are embedded once. The ledger is read in a worker thread while the letters are drawn:
 * don't use @ledger from another thread during the call. The file is written atomically and never replaces an existing one
 * (AR_DOC_LETTER_ERROR_EXISTS, checked before any work). When no debtor is due a letter,
 * returns TRUE with result->n_letters == 0 and writes no file. On failure or cancellation no
 * file is left behind. */
gboolean    ar_doc_letters_write_batch  (ArLedger                  *ledger,
                                         const ArDocLettersOptions *options,
                                         const char                *path,
                                         ArDocLettersProgress       progress,
                                         gpointer                   progress_data,
                                         GCancellable              *cancellable,
                                         ArDocLettersResult        *result,
                                         GError                   **error);

/* Writes one PDF per letter into @dir (created if missing), named after the debtor's
 * customer number reduced to letters, digits, '-' and '_' ("C000123.pdf"; with the currency
 * when a debtor gets letters in several, "C000123-EUR.pdf"; "-2" … when two numbers reduce
 * to the same name). If any of the files exists already, nothing is written
 * (AR_DOC_LETTER_ERROR_EXISTS); each file is written atomically. On a later failure the
 * letters written so far stay and are listed in result->files. */
gboolean    ar_doc_letters_write_dir    (ArLedger                  *ledger,
                                         const ArDocLettersOptions *options,
                                         const char                *dir,
                                         ArDocLettersProgress       progress,
                                         gpointer                   progress_data,
                                         GCancellable              *cancellable,
                                         ArDocLettersResult        *result,
                                         GError                   **error);

/* The file name (without ".pdf") ar_doc_letters_write_dir () gives @external_id's letter:
 * letters and digits (any script), '-' and '_' kept, every other character '_', at most 64
 * characters; "debtor" when nothing is left. */
char       *ar_doc_letter_file_stem     (const char               *external_id);

G_END_DECLS
