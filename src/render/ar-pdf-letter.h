/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-pdf.h"

G_BEGIN_DECLS

/* Business letters on ArPdf: one section per letter with a letterhead, the recipient's
 * address placed for a window envelope, a reference block, a subject, and a footer with the
 * payment details and "Page i of n" on every page. The body is written with the ordinary flow
 * calls (ar_pdf_paragraph, ar_pdf_table_draw ...) after ar_pdf_letter_begin ().
 *
 * A4 follows DIN 5008 form B (address field 45 mm from the top, 20 mm from the left, 85 × 45
 * mm, for C4/C5/DL window envelopes); US Letter fits a #10 window envelope with the letter
 * folded in three. All strings are UTF-8 and copied; NULL or "" leaves a part out. */

typedef struct
{
  const char *name;             /* company name */
  const char *address;          /* postal address, lines separated by '\n' */
  const char *phone;
  const char *email;
  const char *website;
  const char *tax_id;           /* as printed after "Tax ID", e.g. "DE 123 456 789" */
  GBytes     *logo;             /* PNG or JPEG, embedded once per document; NULL for none */
  const char *return_address;   /* the small sender line in the window; NULL: built from
                                 * the name and the address on one line */
  const char *payment_details;  /* footer lines, '\n'-separated: bank, IBAN, BIC ... */
} ArPdfLetterhead;

typedef struct
{
  const char *label;            /* "Date", "Customer no.", "Our reference" ... */
  const char *value;
} ArPdfField;

typedef struct
{
  const char       *recipient;    /* address as it must show in the window, '\n'-separated */
  const ArPdfField *references;   /* the reference block, in order */
  guint             n_references;
  const char       *subject;      /* bold subject line; NULL for none */
} ArPdfLetter;

/* Starts a new section for the letter, draws the first page's letterhead, address, reference
 * block and subject, installs the footer and continuation header for every page, and leaves
 * the cursor where the body starts. The section ends with the next letter, with
 * ar_pdf_end_section () or when the document is saved. */
void ar_pdf_letter_begin (ArPdf                 *pdf,
                          const ArPdfLetterhead *letterhead,
                          const ArPdfLetter     *letter);

G_END_DECLS
