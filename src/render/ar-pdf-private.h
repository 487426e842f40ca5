/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-pdf.h"
#include "ar-pdf-font.h"

G_BEGIN_DECLS

/* Shared by ar-pdf*.c only. */

struct _ArPdf
{
  HPDF_Doc       doc;
  ArPdfPaper     paper;
  double         width;            /* page size in points */
  double         height;
  double         margin_top;
  double         margin_right;
  double         margin_bottom;
  double         margin_left;

  GError        *error;            /* sticky: the first error */
  HPDF_STATUS    hpdf_error;       /* set by the libharu error handler, not yet taken */
  HPDF_STATUS    hpdf_detail;

  ArPdfFonts    *fonts;            /* owned */

  HPDF_Page      page;             /* current page, or NULL */
  double         y;                /* the flow cursor */
  double         page_top;         /* the cursor after the page function ran */
  guint          n_pages;
  guint          n_sections;

  /* The open section */
  gboolean       in_section;
  gboolean       in_page_func;
  GPtrArray     *section_pages;    /* HPDF_Page, not owned */
  ArPdfPageFunc  page_func;
  gpointer       page_data;
  GDestroyNotify page_destroy;
  gboolean       page_numbers;
  double         number_x;
  double         number_baseline;
  ArPdfStyle     number_style;

  GPtrArray     *warnings;         /* char *, NULL-terminated */
  GHashTable    *warning_set;      /* char * (borrowed from @warnings) */

  GPtrArray     *images;           /* ArPdfImage *, owned */
  GHashTable    *images_by_ptr;    /* GBytes * (ref held) → ArPdfImage * */
  GHashTable    *images_by_data;   /* GBytes * (ref held) → ArPdfImage * */

  /* Scratch space for the text code, reused to keep allocations out of the inner loops. */
  GString       *run_buf;
  GArray        *runs;             /* ArPdfRun */
  GArray        *lines;            /* ArPdfLine */
};

typedef struct
{
  guint start;   /* byte offsets into the text: [start, end) */
  guint end;
} ArPdfLine;

/* TRUE while no error has happened. Turns a libharu error recorded by the handler into the
 * sticky GError first. */
gboolean    _ar_pdf_ok               (ArPdf       *pdf);
/* The libharu error recorded since the last call (0 if none), cleared, not made sticky:
 * for attempts that may fail, such as loading a candidate font. */
HPDF_STATUS _ar_pdf_take_hpdf_error  (ArPdf       *pdf);
void        _ar_pdf_set_error        (ArPdf       *pdf,
                                      GError      *error);
/* A plain-language explanation of a libharu error code. */
const char *_ar_pdf_hpdf_explain     (HPDF_STATUS  status);
void        _ar_pdf_warn             (ArPdf       *pdf,
                                      const char  *format,
                                      ...) G_GNUC_PRINTF (2, 3);
double      _ar_pdf_content_bottom   (ArPdf       *pdf);

/* ar-pdf-text.c */
/* @text as valid UTF-8: itself, or a repaired copy stored in *@tmp (and a warning). */
const char *_ar_pdf_valid_text       (ArPdf       *pdf,
                                      const char  *text,
                                      char       **tmp);
/* One line of @len bytes of valid UTF-8 on @page with its left edge at @x and baseline at
 * @baseline (both in our top-left coordinates). */
void        _ar_pdf_show_text        (ArPdf            *pdf,
                                      HPDF_Page         page,
                                      const ArPdfStyle *style,
                                      double            x,
                                      double            baseline,
                                      const char       *text,
                                      gsize             len);
double      _ar_pdf_measure          (ArPdf            *pdf,
                                      const ArPdfStyle *style,
                                      const char       *text,
                                      gsize             len);
/* Wraps valid UTF-8 @text at @width into pdf->lines; returns the number of lines. */
guint       _ar_pdf_wrap             (ArPdf            *pdf,
                                      const ArPdfStyle *style,
                                      double            width,
                                      const char       *text);
/* One wrapped line from pdf->lines, aligned within [@x, @x + @width]. */
void        _ar_pdf_show_aligned     (ArPdf            *pdf,
                                      const ArPdfStyle *style,
                                      double            x,
                                      double            width,
                                      double            top,
                                      const char       *text,
                                      const ArPdfLine  *line);
void        _ar_pdf_set_fill         (HPDF_Page    page,
                                      guint32      color);
void        _ar_pdf_set_stroke       (HPDF_Page    page,
                                      guint32      color);

G_END_DECLS
