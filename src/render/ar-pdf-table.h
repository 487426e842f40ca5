/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-pdf.h"

G_BEGIN_DECLS

/* A table in the flow: a header row, body rows and total rows, drawn between the margins from
 * the cursor down. It breaks pages between rows (a row is never split), repeats the header
 * at the top of each page, keeps the header with the first row and a total row with the row
 * before it. Cells wrap within their column. Amounts are text formatted by the core (ArMoney):
 * put them in AR_PDF_ALIGN_RIGHT columns, where their decimals line up because DejaVu's
 * digits all have the same width. */

typedef struct _ArPdfTable ArPdfTable;

ArPdfTable *ar_pdf_table_new            (guint              n_columns);
void        ar_pdf_table_free           (ArPdfTable        *table);
/* @width in points; 0 shares the width the fixed columns leave. Default: title "", width 0,
 * left-aligned. */
void        ar_pdf_table_set_column     (ArPdfTable        *table,
                                         guint              column,
                                         const char        *title,
                                         double             width,
                                         ArPdfAlign         align);
/* Text styles (their align is ignored: columns align). Defaults: header bold 8.5 pt, body
 * 9 pt. */
void        ar_pdf_table_set_styles     (ArPdfTable        *table,
                                         const ArPdfStyle  *header,
                                         const ArPdfStyle  *body);
/* @cells holds n_columns strings (NULL counts as ""). */
void        ar_pdf_table_add_row        (ArPdfTable        *table,
                                         const char * const *cells);
/* The same, as n_columns arguments. */
void        ar_pdf_table_add            (ArPdfTable        *table,
                                         const char        *first_cell,
                                         ...);
/* A bold row under a rule, kept on the page of the row before it. */
void        ar_pdf_table_add_total_row  (ArPdfTable        *table,
                                         const char * const *cells);
guint       ar_pdf_table_get_n_rows     (ArPdfTable        *table);
/* Draws the table at the cursor and moves the cursor below it. */
void        ar_pdf_table_draw           (ArPdfTable        *table,
                                         ArPdf             *pdf);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArPdfTable, ar_pdf_table_free)

G_END_DECLS
