/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "ar-chart-model.h"

G_BEGIN_DECLS

/* The cairo painter: the chart on screen, in PNG and in SVG. Text is drawn with cairo's toy
 * text API in "DejaVu Sans" (no Pango in the render layer), measured through
 * ar_chart_cairo_measure() so the layout fits the font cairo actually found. */

/* Lays @model out for @width × @height user units and paints it at (0, 0) of @cr's current
 * user space, background included. @cr's state is saved and restored. */
void     ar_chart_cairo_paint   (ArChartModel *model,
                                 cairo_t      *cr,
                                 double        width,
                                 double        height);
/* Paints a model already laid out (ar_chart_model_layout()) as it is. */
void     ar_chart_cairo_draw    (const ArChartModel *model,
                                 cairo_t            *cr);
/* An ArChartMeasureFunc; @user_data is a cairo_t (its font options are used). */
double   ar_chart_cairo_measure (const char   *text,
                                 double        size,
                                 gboolean      bold,
                                 gpointer      user_data);

/* @width × @height units, @scale device pixels per unit (2 for HiDPI). Written atomically. */
gboolean ar_chart_write_png     (ArChartModel *model,
                                 const char   *path,
                                 double        width,
                                 double        height,
                                 double        scale,
                                 GError      **error);
/* An SVG of @width × @height px. Written atomically. */
gboolean ar_chart_write_svg     (ArChartModel *model,
                                 const char   *path,
                                 double        width,
                                 double        height,
                                 GError      **error);

G_END_DECLS
