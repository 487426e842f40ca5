/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-aging.h"
#include "ar-aging-trend.h"

G_BEGIN_DECLS

/* The chart model: what the aging charts show and where, as plain data.
 *
 * A model is built from one currency's aging (one bar per bucket) or from an aging trend (one
 * stacked column per month-end, one segment per bucket). Internally both are the same shape:
 * columns × series of gint64 minor units; the aging chart simply has one non-zero series per
 * column. ar_chart_model_layout() then computes the geometry for a width × height in abstract
 * units (pixels on screen, points in a PDF): the plot area, a value axis with "nice" ticks,
 * the bars, every label with its position and colour, the legend. The painters (cairo in
 * ar-chart-cairo.h, libharu in ar-chart-pdf.h) only draw what the layout says, so the screen,
 * PNG, SVG and PDF charts are the same picture.
 *
 * Amounts stay gint64 minor units throughout; only their conversion to heights is double.
 * Column totals come from the core (ArAgingTotal.total) and stacking uses ar_money_add(). */

#define AR_CHART_MAX_SERIES AR_AGING_MAX_BUCKETS

typedef struct
{
  double r, g, b;   /* 0..1 */
} ArChartColor;

typedef enum
{
  AR_CHART_THEME_LIGHT,
  AR_CHART_THEME_DARK,
} ArChartTheme;

/* Colours of a chart. The series ramp is the Okabe–Ito palette (Okabe & Ito, "Color Universal
 * Design", 2002), which stays distinguishable with every common colour-vision deficiency,
 * ordered from cool to warm: blue, sky blue, bluish green, yellow, orange, vermillion, reddish
 * purple, black (a light grey in the dark palette). ar_chart_palette_series() picks from it so
 * that the youngest bucket is always blue and the oldest always vermillion or warmer. The
 * neutral colours are GNOME's (Adwaita view background, foreground and borders). */
typedef struct
{
  ArChartColor background;
  ArChartColor text;        /* title, values, categories, legend */
  ArChartColor text_dim;    /* subtitle, tick labels, the empty state */
  ArChartColor grid;        /* tick lines */
  ArChartColor axis;        /* the zero line */
  ArChartColor ramp[AR_CHART_MAX_SERIES];
} ArChartPalette;

const ArChartPalette *ar_chart_palette_get    (ArChartTheme          theme);
/* The colour of @series (0 = current) among @n_series (1..AR_CHART_MAX_SERIES). */
ArChartColor          ar_chart_palette_series (const ArChartPalette *palette,
                                               guint                 series,
                                               guint                 n_series);

typedef enum
{
  AR_CHART_KIND_AGING,   /* one bar per bucket */
  AR_CHART_KIND_TREND,   /* one stacked column per month-end */
} ArChartKind;

typedef enum
{
  AR_CHART_ALIGN_START,    /* x is the left end of the text */
  AR_CHART_ALIGN_CENTER,
  AR_CHART_ALIGN_END,      /* x is the right end */
} ArChartAlign;

typedef enum
{
  AR_CHART_LABEL_TITLE,
  AR_CHART_LABEL_SUBTITLE,
  AR_CHART_LABEL_TICK,       /* value axis */
  AR_CHART_LABEL_CATEGORY,   /* under the columns */
  AR_CHART_LABEL_VALUE,      /* above a bar or column */
  AR_CHART_LABEL_LEGEND,
  AR_CHART_LABEL_EMPTY,      /* the empty state's message */
} ArChartLabelRole;

/* Top-left origin, y grows downwards, in the units given to ar_chart_model_layout(). */
typedef struct
{
  double x, y, width, height;
} ArChartRect;

typedef struct
{
  ArChartRect  rect;
  double       radius;   /* of the two top corners (bottom ones for a negative bar); 0 = square */
  ArChartColor color;
  guint        column;
  guint        series;
  gint64       value;    /* minor units; never 0 (a zero value has no bar) */
} ArChartBar;

typedef struct
{
  double       x1, y1, x2, y2;
  double       width;
  ArChartColor color;
  gboolean     over_bars;   /* drawn after the bars (segment separators, the zero line) */
} ArChartLine;

typedef struct
{
  char            *text;
  double           x;        /* see align */
  double           y;        /* baseline */
  double           size;     /* font size (em) */
  gboolean         bold;
  ArChartAlign     align;
  ArChartColor     color;
  ArChartLabelRole role;
  guint            index;    /* column, series or tick this label belongs to */
} ArChartLabel;

typedef struct
{
  ArChartRect  swatch;
  double       radius;
  ArChartColor color;
  guint        series;
} ArChartLegendEntry;

/* Text width in layout units of @text at @size, for the font the painter will use ("DejaVu
 * Sans", bold or regular). NULL in ar_chart_model_layout() means the built-in DejaVu Sans
 * metrics. */
typedef double (*ArChartMeasureFunc) (const char *text,
                                      double      size,
                                      gboolean    bold,
                                      gpointer    user_data);

/* Fields are read-only outside ar-chart-model.c. */
typedef struct
{
  /* The data, set by the constructors. */
  ArChartKind   kind;
  char          currency[4];
  ArAgingConfig config;
  guint32       as_of;           /* Julian day: the report's date, the trend's last point */
  guint         n_columns;
  guint         n_series;        /* the buckets */
  gint64       *values;          /* [column * n_series + series], minor units */
  gint64       *column_totals;   /* from the core: ArAgingTotal.total per column */
  guint32      *column_dates;    /* trend: the Julian day of each column; NULL for aging */
  char        **series_names;    /* "Current", "1–30 days", …, "91+ days" */
  char        **column_names;    /* "Current", "1–30", … or month abbreviations */
  char         *title;
  char         *subtitle;
  gint64        total;           /* aging: ArAgingTotal.total; trend: the last column's */
  gboolean      empty;           /* every value is zero: "No open balances" */

  /* The layout, filled by ar_chart_model_layout(). */
  ArChartPalette palette;
  double         width, height;
  ArChartRect    plot;
  gint64         axis_min, axis_max, tick_step;   /* minor units */
  GArray        *ticks;          /* gint64 tick values, bottom to top */
  GArray        *bars;           /* ArChartBar, column by column, series bottom to top */
  GArray        *lines;          /* ArChartLine */
  GArray        *labels;         /* ArChartLabel */
  GArray        *legend;         /* ArChartLegendEntry; their texts are LEGEND labels */
} ArChartModel;

/* One bar per bucket of @total (one currency of an ArAgingReport) as of @as_of. */
ArChartModel *ar_chart_model_new_aging        (const ArAgingConfig *config,
                                               guint32              as_of,
                                               const ArAgingTotal  *total);
/* The same for @currency in @report; a currency absent from the report is the empty state. */
ArChartModel *ar_chart_model_new_aging_report (const ArAgingReport *report,
                                               const char          *currency);
/* One stacked column per point of @trend. */
ArChartModel *ar_chart_model_new_trend        (const ArAgingTrend  *trend);
void          ar_chart_model_free             (ArChartModel        *model);

/* Light by default. Takes effect at the next layout. */
void          ar_chart_model_set_palette      (ArChartModel        *model,
                                               const ArChartPalette *palette);
/* Replaces the title (and drops the subtitle when @title is NULL, for charts embedded under a
 * heading of their own). */
void          ar_chart_model_set_title        (ArChartModel        *model,
                                               const char          *title,
                                               const char          *subtitle);

/* Lays the chart out in a @width × @height box (abstract units, at least 160 × 120 to be
 * readable; smaller boxes still lay out, with labels dropped where they don't fit). Labels
 * never overlap: ones that don't fit are shrunk, thinned out or dropped. */
void          ar_chart_model_layout           (ArChartModel        *model,
                                               double               width,
                                               double               height,
                                               ArChartMeasureFunc   measure,
                                               gpointer             user_data);

/* The 1-2-5 tick step for a value axis covering @min..@max (min ≤ 0 ≤ max) in at most
 * @max_intervals intervals: the smallest step 1, 2 or 5 × 10^k minor units that does it.
 * *axis_min and *axis_max are multiples of the step with axis_min ≤ min and axis_max ≥ max.
 * Exposed for tests. */
gint64        ar_chart_nice_step              (gint64               min,
                                               gint64               max,
                                               guint                max_intervals,
                                               gint64              *axis_min,
                                               gint64              *axis_max);

/* A sentence or three for screen readers (the chart's accessible description):
 * "Aging as of 15 Nov 2026, USD: Current $1,200.00; 1–30 days $310.00; …; total $5,605.50.
 * Largest: 91+ days." Free with g_free(). */
char         *ar_chart_model_describe         (const ArChartModel  *model);

/* The built-in DejaVu Sans metrics (an ArChartMeasureFunc; @user_data is ignored). */
double        ar_chart_measure_dejavu         (const char          *text,
                                               double               size,
                                               gboolean             bold,
                                               gpointer             user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArChartModel, ar_chart_model_free)

G_END_DECLS
