/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <hpdf.h>

#include "ar-chart-model.h"

G_BEGIN_DECLS

/* The libharu painter: the same chart as vector drawing on a PDF page (rectangles, lines,
 * Bézier corners and text; never an image). Independent of the PDF document engine: all it
 * needs is a page and a font that encodes UTF-8 (a TrueType font loaded after
 * HPDF_UseUTFEncodings() and fetched with encoding "UTF-8"). */

/* Lays @model out for @w × @h points and paints it in the rectangle whose top-left corner is
 * @x, @y points from the page's top-left corner (y grows downwards, as in the model; the
 * conversion to PDF's bottom-left origin is done here). Bold labels are drawn with @font
 * filled and stroked. Errors go to the document's libharu error handler. */
void     ar_chart_pdf_paint   (ArChartModel *model,
                               HPDF_Page     page,
                               HPDF_Font     font,
                               float         x,
                               float         y,
                               float         w,
                               float         h);
/* An ArChartMeasureFunc; @user_data is the HPDF_Font. */
double   ar_chart_pdf_measure (const char   *text,
                               double        size,
                               gboolean      bold,
                               gpointer      user_data);
/* A one-page PDF of @width × @height points holding the chart, with DejaVu Sans (found by
 * fontconfig) embedded. Written atomically. */
gboolean ar_chart_write_pdf   (ArChartModel *model,
                               const char   *path,
                               double        width,
                               double        height,
                               GError      **error);

G_END_DECLS
