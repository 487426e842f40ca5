/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-chart"
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-chart-model.h"
#include "ar-date.h"
#include "ar-money.h"

/* Palettes ---------------------------------------------------------------------------------- */

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

/* Okabe–Ito, cool to warm. */
#define OI_BLUE           RGB (0x0072B2)
#define OI_SKY_BLUE       RGB (0x56B4E9)
#define OI_BLUISH_GREEN   RGB (0x009E73)
#define OI_YELLOW         RGB (0xF0E442)
#define OI_ORANGE         RGB (0xE69F00)
#define OI_VERMILLION     RGB (0xD55E00)
#define OI_REDDISH_PURPLE RGB (0xCC79A7)

static const ArChartPalette palettes[] = {
  [AR_CHART_THEME_LIGHT] = {
    .background = RGB (0xFFFFFF),
    .text       = RGB (0x2E2E33),
    .text_dim   = RGB (0x5E5C64),   /* Adwaita dark 2: 6.6:1 on white */
    .grid       = RGB (0xE6E5E3),
    .axis       = RGB (0x9A9996),   /* Adwaita light 5 */
    .ramp       = { OI_BLUE, OI_SKY_BLUE, OI_BLUISH_GREEN, OI_YELLOW, OI_ORANGE, OI_VERMILLION,
                    OI_REDDISH_PURPLE, RGB (0x000000) },
  },
  [AR_CHART_THEME_DARK] = {
    .background = RGB (0x1E1E1E),   /* Adwaita dark view */
    .text       = RGB (0xEEEEEC),
    .text_dim   = RGB (0xC0BFBC),   /* Adwaita light 4: 9:1 on the background */
    .grid       = RGB (0x363636),
    .axis       = RGB (0x77767B),   /* Adwaita dark 1 */
    .ramp       = { OI_BLUE, OI_SKY_BLUE, OI_BLUISH_GREEN, OI_YELLOW, OI_ORANGE, OI_VERMILLION,
                    OI_REDDISH_PURPLE, RGB (0xDEDDDA) },
  },
};

/* Which ramp colours n buckets use: always blue for the youngest and vermillion or later for
 * the oldest; yellow (weak on white) only from six buckets on. */
static const guint8 ramp_picks[AR_CHART_MAX_SERIES][AR_CHART_MAX_SERIES] = {
  { 0 },
  { 0, 5 },
  { 0, 4, 5 },
  { 0, 1, 4, 5 },
  { 0, 1, 2, 4, 5 },
  { 0, 1, 2, 3, 4, 5 },
  { 0, 1, 2, 3, 4, 5, 6 },
  { 0, 1, 2, 3, 4, 5, 6, 7 },
};

const ArChartPalette *
ar_chart_palette_get (ArChartTheme theme)
{
  g_return_val_if_fail (theme == AR_CHART_THEME_LIGHT || theme == AR_CHART_THEME_DARK,
                        &palettes[AR_CHART_THEME_LIGHT]);
  return &palettes[theme];
}

ArChartColor
ar_chart_palette_series (const ArChartPalette *palette, guint series, guint n_series)
{
  g_return_val_if_fail (palette != NULL, palettes[0].text);
  g_return_val_if_fail (n_series >= 1 && n_series <= AR_CHART_MAX_SERIES, palette->text);
  g_return_val_if_fail (series < n_series, palette->text);

  return palette->ramp[ramp_picks[n_series - 1][series]];
}

/* DejaVu Sans metrics --------------------------------------------------------------------- */

/* Advance widths of ASCII 32..126 in 1/1000 em, from DejaVu Sans 2.37 (regular, bold). */
static const guint16 dejavu_widths[2][95] = {
  { 318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838 },
  { 348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
    1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
    733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
    500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
    716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838 },
};

double
ar_chart_measure_dejavu (const char *text, double size, gboolean bold, gpointer user_data)
{
  guint units = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 32 && c < 127)
        units += dejavu_widths[bold ? 1 : 0][c - 32];
      else if (c == 0x2013 || c == 0x00B7)           /* – · */
        units += c == 0x2013 ? 500 : (bold ? 380 : 318);
      else if (c == 0x2009 || c == 0x202F)           /* thin spaces */
        units += 200;
      else if (c >= 0x1100 && g_unichar_iswide (c))  /* CJK and other wide characters */
        units += 1000;
      else                                           /* Latin, Greek, Cyrillic, symbols */
        units += bold ? 700 : 640;
    }
  return units * size / 1000.0;
}

/* Construction ------------------------------------------------------------------------------ */

/* Translators: a date in chart titles and summaries, in g_date_time_format() syntax;
 * %-d is the day without padding, %b the abbreviated month.
 * xgettext:no-c-format */
#define DATE_FORMAT C_("chart date", "%-d %b %Y")

static char *
format_date (guint32 julian, const char *format)
{
  g_autoptr(GDateTime) time = NULL;
  GDate day;

  ar_date_from_julian (julian, &day);
  time = g_date_time_new_utc (g_date_get_year (&day), g_date_get_month (&day),
                              g_date_get_day (&day), 0, 0, 0);
  return g_date_time_format (time, format);
}

static char *
series_name (const ArAgingConfig *config, guint series)
{
  if (series == 0)
    return g_strdup (_("Current"));
  if (series <= config->n_limits)
    /* Translators: an aging bucket, e.g. "31–60 days" past due */
    return g_strdup_printf (_("%u–%u days"), series == 1 ? 1 : config->limits[series - 2] + 1,
                            config->limits[series - 1]);
  /* Translators: the oldest aging bucket, e.g. "91+ days" past due */
  return g_strdup_printf (_("%u+ days"), config->limits[config->n_limits - 1] + 1);
}

static char *
column_name (const ArAgingConfig *config, guint series)
{
  if (series == 0)
    return g_strdup (_("Current"));
  if (series <= config->n_limits)
    /* Translators: an aging bucket under its bar, e.g. "31–60" (days past due) */
    return g_strdup_printf (C_("chart column", "%u–%u"),
                            series == 1 ? 1 : config->limits[series - 2] + 1,
                            config->limits[series - 1]);
  /* Translators: the oldest aging bucket under its bar, e.g. "91+" (days past due) */
  return g_strdup_printf (C_("chart column", "%u+"), config->limits[config->n_limits - 1] + 1);
}

static ArChartModel *
model_new (ArChartKind kind, const ArAgingConfig *config, const char *currency, guint n_columns)
{
  ArChartModel *model = g_new0 (ArChartModel, 1);

  model->kind = kind;
  model->config = *config;
  g_strlcpy (model->currency, currency, sizeof model->currency);
  model->n_columns = n_columns;
  model->n_series = config->n_limits + 2;
  model->values = g_new0 (gint64, (gsize) n_columns * model->n_series);
  model->column_totals = g_new0 (gint64, n_columns);
  model->series_names = g_new0 (char *, model->n_series + 1);
  model->column_names = g_new0 (char *, n_columns + 1);
  for (guint s = 0; s < model->n_series; s++)
    model->series_names[s] = series_name (config, s);

  model->palette = palettes[AR_CHART_THEME_LIGHT];
  model->ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
  model->bars = g_array_new (FALSE, FALSE, sizeof (ArChartBar));
  model->lines = g_array_new (FALSE, FALSE, sizeof (ArChartLine));
  model->labels = g_array_new (FALSE, FALSE, sizeof (ArChartLabel));
  model->legend = g_array_new (FALSE, FALSE, sizeof (ArChartLegendEntry));
  return model;
}

static void
model_update_empty (ArChartModel *model)
{
  model->empty = TRUE;
  for (gsize i = 0; i < (gsize) model->n_columns * model->n_series; i++)
    if (model->values[i] != 0)
      model->empty = FALSE;
}

ArChartModel *
ar_chart_model_new_aging (const ArAgingConfig *config, guint32 as_of, const ArAgingTotal *total)
{
  ArChartModel *model;
  g_autofree char *date = NULL;
  g_autofree char *amount = NULL;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->n_limits >= 1 && config->n_limits <= AR_AGING_MAX_BUCKETS - 2,
                        NULL);
  g_return_val_if_fail (as_of > 0, NULL);
  g_return_val_if_fail (total != NULL && ar_currency_is_valid (total->currency), NULL);
  /* A zeroed ArAgingTotal (nothing open) has no buckets yet. */
  g_return_val_if_fail (total->n_buckets == 0 || total->n_buckets == config->n_limits + 2, NULL);

  model = model_new (AR_CHART_KIND_AGING, config, total->currency, config->n_limits + 2);
  model->as_of = as_of;
  model->total = total->n_buckets > 0 ? total->total : 0;
  for (guint s = 0; s < model->n_series; s++)
    {
      gint64 v = total->n_buckets > 0 ? total->buckets[s] : 0;

      model->values[s * model->n_series + s] = v;
      model->column_totals[s] = v;
      model->column_names[s] = column_name (config, s);
    }
  model_update_empty (model);

  date = format_date (as_of, DATE_FORMAT);
  amount = ar_money_format (model->total, model->currency);
  model->title = g_strdup_printf (_("Aging as of %s"), date);
  if (model->empty)
    model->subtitle = g_strdup (model->currency);
  else
    /* Translators: under the aging chart's title: currency code · total open amount */
    model->subtitle = g_strdup_printf (_("%s · total %s"), model->currency, amount);
  return model;
}

ArChartModel *
ar_chart_model_new_aging_report (const ArAgingReport *report, const char *currency)
{
  ArAgingTotal zero = { { 0 } };

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (currency != NULL && ar_currency_is_valid (currency), NULL);

  for (guint i = 0; i < report->totals->len; i++)
    {
      const ArAgingTotal *t = &g_array_index (report->totals, ArAgingTotal, i);

      if (strcmp (t->currency, currency) == 0)
        return ar_chart_model_new_aging (&report->config, report->as_of, t);
    }
  g_strlcpy (zero.currency, currency, sizeof zero.currency);
  return ar_chart_model_new_aging (&report->config, report->as_of, &zero);
}

ArChartModel *
ar_chart_model_new_trend (const ArAgingTrend *trend)
{
  ArChartModel *model;
  g_autofree char *date = NULL;

  g_return_val_if_fail (trend != NULL, NULL);
  g_return_val_if_fail (trend->n_points >= 1 && trend->n_points <= AR_AGING_TREND_MAX_POINTS,
                        NULL);
  g_return_val_if_fail (trend->config.n_limits >= 1 &&
                        trend->config.n_limits <= AR_AGING_MAX_BUCKETS - 2, NULL);
  g_return_val_if_fail (ar_currency_is_valid (trend->currency), NULL);

  for (guint c = 0; c < trend->n_points; c++)
    g_return_val_if_fail (trend->totals[c].n_buckets == 0 ||
                          trend->totals[c].n_buckets == trend->config.n_limits + 2, NULL);

  model = model_new (AR_CHART_KIND_TREND, &trend->config, trend->currency, trend->n_points);
  model->as_of = trend->dates[trend->n_points - 1];
  model->column_dates = g_memdup2 (trend->dates, trend->n_points * sizeof trend->dates[0]);
  for (guint c = 0; c < trend->n_points; c++)
    {
      const ArAgingTotal *t = &trend->totals[c];

      for (guint s = 0; s < model->n_series && t->n_buckets > 0; s++)
        model->values[c * model->n_series + s] = t->buckets[s];
      model->column_totals[c] = t->n_buckets > 0 ? t->total : 0;
      /* Translators: the month under a column of the aging trend (abbreviated month) */
      model->column_names[c] = format_date (trend->dates[c], C_("chart month", "%b"));
    }
  model->total = model->column_totals[trend->n_points - 1];
  model_update_empty (model);

  date = format_date (model->as_of, DATE_FORMAT);
  model->title = g_strdup (_("Aging trend"));
  /* Translators: under the aging trend's title: currency code · the last date */
  model->subtitle = g_strdup_printf (_("%s · month-ends to %s"), model->currency, date);
  return model;
}

static void
labels_clear (ArChartModel *model)
{
  for (guint i = 0; i < model->labels->len; i++)
    g_free (g_array_index (model->labels, ArChartLabel, i).text);
  g_array_set_size (model->labels, 0);
}

void
ar_chart_model_free (ArChartModel *model)
{
  if (model == NULL)
    return;
  labels_clear (model);
  g_array_unref (model->labels);
  g_array_unref (model->ticks);
  g_array_unref (model->bars);
  g_array_unref (model->lines);
  g_array_unref (model->legend);
  g_free (model->values);
  g_free (model->column_totals);
  g_free (model->column_dates);
  g_strfreev (model->series_names);
  g_strfreev (model->column_names);
  g_free (model->title);
  g_free (model->subtitle);
  g_free (model);
}

void
ar_chart_model_set_palette (ArChartModel *model, const ArChartPalette *palette)
{
  g_return_if_fail (model != NULL);
  g_return_if_fail (palette != NULL);

  model->palette = *palette;
}

void
ar_chart_model_set_title (ArChartModel *model, const char *title, const char *subtitle)
{
  g_return_if_fail (model != NULL);

  g_free (model->title);
  g_free (model->subtitle);
  model->title = g_strdup (title);
  model->subtitle = title != NULL ? g_strdup (subtitle) : NULL;
}

/* Ticks ------------------------------------------------------------------------------------- */

/* Values beyond ±10^18 minor units are clamped, so that every step and axis end below fits. */
#define AXIS_LIMIT G_GINT64_CONSTANT (1000000000000000000)

gint64
ar_chart_nice_step (gint64 min, gint64 max, guint max_intervals, gint64 *axis_min,
                    gint64 *axis_max)
{
  static const gint64 multiples[] = { 1, 2, 5 };
  gint64 decade = 1;

  g_return_val_if_fail (min <= 0 && max >= 0, 1);
  g_return_val_if_fail (axis_min != NULL && axis_max != NULL, 1);

  min = MAX (min, -AXIS_LIMIT);
  max = MIN (max, AXIS_LIMIT);
  if (min == 0 && max == 0)
    {
      *axis_min = 0;
      *axis_max = 1;
      return 1;
    }
  /* Both signs need an interval each. */
  max_intervals = MAX (max_intervals, (min < 0 && max > 0) ? 2u : 1u);

  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
        {
          gint64 step = decade * multiples[i];
          gint64 up = max / step + (max % step != 0);     /* ceil (max / step) */
          gint64 down = min / step - (min % step != 0);   /* floor (min / step) */

          if (up - down <= (gint64) max_intervals)
            {
              *axis_min = down * step;
              *axis_max = up * step;
              return step;
            }
        }
      if (decade == AXIS_LIMIT)
        break;
      decade *= 10;
    }
  /* Unreachable with the clamping above: 10^18 always does it in two intervals. */
  *axis_min = min < 0 ? -AXIS_LIMIT : 0;
  *axis_max = max > 0 ? AXIS_LIMIT : 0;
  return AXIS_LIMIT;
}

/* The tick label: the money format without the decimals when they are all zero ("$1,000"
 * instead of "$1,000.00"); the cut is made on the formatted text, with the locale's decimal
 * point, so grouping and symbol placement stay ar_money_format()'s. */
static char *
tick_label (gint64 value, const char *currency)
{
  char *text = ar_money_format (value, currency);
  int exponent = ar_currency_exponent (currency);
  const struct lconv *lc = localeconv ();
  const char *point;
  gint64 unit = 1;
  gsize point_len;
  char *p, *last = NULL;

  for (int i = 0; i < exponent; i++)
    unit *= 10;
  if (exponent <= 0 || value % unit != 0)
    return text;

  point = lc->mon_decimal_point != NULL && *lc->mon_decimal_point != '\0'
          ? lc->mon_decimal_point
          : lc->decimal_point != NULL && *lc->decimal_point != '\0' ? lc->decimal_point : ".";
  point_len = strlen (point);
  for (p = strstr (text, point); p != NULL; p = strstr (p + 1, point))
    last = p;
  if (last == NULL || strspn (last + point_len, "0") != (gsize) exponent ||
      g_ascii_isdigit (last[point_len + exponent]))
    return text;
  memmove (last, last + point_len + exponent, strlen (last + point_len + exponent) + 1);
  return text;
}

/* Layout ------------------------------------------------------------------------------------ */

#define ASCENT  0.93   /* DejaVu Sans, in em */
#define DESCENT 0.24

typedef struct
{
  ArChartModel       *model;
  ArChartMeasureFunc  measure;
  gpointer            user_data;
  double              fs;        /* the base font size */
} Layout;

static double
text_width (Layout *l, const char *text, double size, gboolean bold)
{
  return l->measure (text, size, bold, l->user_data);
}

static ArChartLabel *
add_label (Layout *l, ArChartLabelRole role, guint index, char *text, double x, double y,
           double size, gboolean bold, ArChartAlign align, ArChartColor color)
{
  ArChartLabel label = {
    .text = text, .x = x, .y = y, .size = size, .bold = bold, .align = align,
    .color = color, .role = role, .index = index,
  };

  g_array_append_val (l->model->labels, label);
  return &g_array_index (l->model->labels, ArChartLabel, l->model->labels->len - 1);
}

/* @text shortened with "…" until it fits @width (at least the ellipsis). Takes @text. */
static char *
ellipsize (Layout *l, char *text, double size, gboolean bold, double width)
{
  glong n;

  if (text_width (l, text, size, bold) <= width)
    return text;
  for (n = g_utf8_strlen (text, -1) - 1; n > 0; n--)
    {
      g_autofree char *head = g_utf8_substring (text, 0, n);
      char *candidate = g_strconcat (g_strchomp (head), "…", NULL);

      if (text_width (l, candidate, size, bold) <= width)
        {
          g_free (text);
          return candidate;
        }
      g_free (candidate);
    }
  g_free (text);
  return g_strdup ("…");
}

static void
add_line (Layout *l, double x1, double y1, double x2, double y2, double width,
          ArChartColor color, gboolean over_bars)
{
  ArChartLine line = { x1, y1, x2, y2, width, color, over_bars };

  g_array_append_val (l->model->lines, line);
}

/* Title and subtitle at the top; returns where the chart below them may start. */
static double
layout_titles (Layout *l, double margin)
{
  ArChartModel *m = l->model;
  double avail = m->width - 2 * margin;
  double title_size = l->fs * 1.3;
  double baseline = margin + ASCENT * title_size;
  double bottom = margin + (ASCENT + DESCENT) * title_size;
  char *text;

  if (m->title == NULL)
    return margin;

  text = ellipsize (l, g_strdup (m->title), title_size, TRUE, avail);
  add_label (l, AR_CHART_LABEL_TITLE, 0, text, margin, baseline, title_size, TRUE,
             AR_CHART_ALIGN_START, m->palette.text);

  if (m->subtitle != NULL)
    {
      double title_w = text_width (l, text, title_size, TRUE);
      double sub_w = text_width (l, m->subtitle, l->fs, FALSE);

      if (title_w + 2 * l->fs + sub_w <= avail)
        {
          /* On the title's line, at the right. */
          add_label (l, AR_CHART_LABEL_SUBTITLE, 0, g_strdup (m->subtitle), m->width - margin,
                     baseline, l->fs, FALSE, AR_CHART_ALIGN_END, m->palette.text_dim);
        }
      else
        {
          baseline = bottom + 0.2 * l->fs + ASCENT * l->fs;
          add_label (l, AR_CHART_LABEL_SUBTITLE, 0,
                     ellipsize (l, g_strdup (m->subtitle), l->fs, FALSE, avail), margin,
                     baseline, l->fs, FALSE, AR_CHART_ALIGN_START, m->palette.text_dim);
          bottom = baseline + DESCENT * l->fs;
        }
    }
  return bottom + 0.9 * l->fs;
}

/* The legend, centred rows at the bottom; returns its top. */
static double
layout_legend (Layout *l, double bottom, double margin)
{
  ArChartModel *m = l->model;
  double avail = m->width - 2 * margin;
  double swatch = l->fs * 0.8;
  double gap = l->fs * 0.45;
  double spacing = l->fs * 1.4;
  double row_h = l->fs * 1.5;
  g_autofree double *widths = g_new0 (double, m->n_series);
  g_autofree char **texts = g_new0 (char *, m->n_series);
  guint n_rows = 0;
  guint first = 0;
  g_autofree guint *row_of = g_new0 (guint, m->n_series);
  double top, x = 0;

  /* Rows, greedily. */
  for (guint s = 0; s < m->n_series; s++)
    {
      texts[s] = ellipsize (l, g_strdup (m->series_names[s]), l->fs, FALSE,
                            MAX (avail - swatch - gap, l->fs));
      widths[s] = swatch + gap + text_width (l, texts[s], l->fs, FALSE);
      if (s == 0 || x + spacing + widths[s] > avail)
        {
          n_rows++;
          x = widths[s];
        }
      else
        x += spacing + widths[s];
      row_of[s] = n_rows - 1;
    }

  /* Balance the rows (3 + 2 rather than 4 + 1) when the even split fits. */
  if (n_rows > 1)
    {
      guint per_row = (m->n_series + n_rows - 1) / n_rows;
      gboolean fits = TRUE;

      for (guint s = 0; s < m->n_series; s += per_row)
        {
          double row_w = 0;

          for (guint t = s; t < MIN (s + per_row, m->n_series); t++)
            row_w += (t > s ? spacing : 0) + widths[t];
          fits = fits && row_w <= avail;
        }
      if (fits)
        {
          for (guint s = 0; s < m->n_series; s++)
            row_of[s] = s / per_row;
          n_rows = (m->n_series + per_row - 1) / per_row;
        }
    }

  top = bottom - n_rows * row_h;
  for (guint r = 0; r < n_rows; r++)
    {
      double row_w = 0;
      double centre_y = top + (r + 0.5) * row_h;
      guint last = first;

      while (last < m->n_series && row_of[last] == r)
        {
          row_w += (last > first ? spacing : 0) + widths[last];
          last++;
        }
      x = (m->width - row_w) / 2;
      for (guint s = first; s < last; s++)
        {
          ArChartLegendEntry entry = {
            .swatch = { x, centre_y - swatch / 2, swatch, swatch },
            .radius = swatch * 0.2,
            .color = ar_chart_palette_series (&m->palette, s, m->n_series),
            .series = s,
          };

          g_array_append_val (m->legend, entry);
          add_label (l, AR_CHART_LABEL_LEGEND, s, texts[s], x + swatch + gap,
                     centre_y + (ASCENT - DESCENT) / 2 * l->fs, l->fs, FALSE,
                     AR_CHART_ALIGN_START, m->palette.text);
          texts[s] = NULL;
          x += widths[s] + spacing;
        }
      first = last;
    }
  return top;
}

static double
value_to_y (const ArChartModel *m, gint64 value)
{
  /* Geometry, not money: the share of the axis a value covers. */
  double span = (double) m->axis_max - (double) m->axis_min;

  return m->plot.y + m->plot.height * (((double) m->axis_max - (double) value) / span);
}

static gint64
saturating_add (gint64 a, gint64 b)
{
  gint64 sum;

  if (ar_money_add (a, b, &sum, NULL))
    return sum;
  return b > 0 ? G_MAXINT64 : G_MININT64;
}

/* The empty state: a message and a line of explanation, centred where the plot would be. */
static void
layout_empty (Layout *l, double top, double bottom)
{
  ArChartModel *m = l->model;
  double size = l->fs * 1.25;
  double margin = l->fs * 1.3;
  double avail = MAX (m->width - 2 * margin, size);
  double centre = (top + bottom) / 2;
  const char *detail = m->kind == AR_CHART_KIND_TREND
                       ? _("Nothing was owed at any of these month-ends.")
                       : _("Nothing was owed on this date.");
  gboolean two_lines = bottom - top >= 4 * l->fs;

  m->plot = (ArChartRect) { margin, top, MAX (m->width - 2 * margin, 1), MAX (bottom - top, 1) };
  add_label (l, AR_CHART_LABEL_EMPTY, 0,
             ellipsize (l, g_strdup (_("No open balances")), size, TRUE, avail),
             m->width / 2, centre - (two_lines ? 0.2 * l->fs : -(ASCENT - DESCENT) / 2 * size),
             size, TRUE, AR_CHART_ALIGN_CENTER, m->palette.text_dim);
  if (two_lines)
    add_label (l, AR_CHART_LABEL_EMPTY, 1, ellipsize (l, g_strdup (detail), l->fs, FALSE, avail),
               m->width / 2, centre + 0.2 * l->fs + ASCENT * l->fs + 0.3 * l->fs, l->fs, FALSE,
               AR_CHART_ALIGN_CENTER, m->palette.text_dim);
}

/* Value labels above the columns (aging: every bucket, zero too; trend: the totals), all or
 * none: shrunk once if needed, dropped when they still don't fit their slot. */
static void
layout_values (Layout *l, double slot, const double *tops, const double *bottoms)
{
  ArChartModel *m = l->model;
  g_autofree char **texts = g_new0 (char *, m->n_columns);
  double size = l->fs * 0.92;
  double widest = 0;

  for (guint c = 0; c < m->n_columns; c++)
    {
      if (m->kind == AR_CHART_KIND_TREND && m->column_totals[c] == 0)
        continue;
      texts[c] = ar_money_format (m->column_totals[c], m->currency);
    }
  for (guint c = 0; c < m->n_columns; c++)
    if (texts[c] != NULL)
      widest = MAX (widest, text_width (l, texts[c], size, FALSE));
  if (widest > slot - 0.8 * l->fs)
    {
      size = MAX (l->fs * 0.8, 7.0);
      widest = 0;
      for (guint c = 0; c < m->n_columns; c++)
        if (texts[c] != NULL)
          widest = MAX (widest, text_width (l, texts[c], size, FALSE));
    }

  for (guint c = 0; c < m->n_columns; c++)
    {
      double x = m->plot.x + slot * (c + 0.5);
      double y;

      if (texts[c] == NULL)
        continue;
      if (widest > slot - 0.6 * l->fs)
        {
          /* Too wide even when shrunk: no value labels at all. */
          g_clear_pointer (&texts[c], g_free);
          continue;
        }
      if (m->column_totals[c] >= 0)
        y = tops[c] - 0.35 * l->fs - DESCENT * size;
      else
        y = bottoms[c] + 0.35 * l->fs + ASCENT * size;
      add_label (l, AR_CHART_LABEL_VALUE, c, g_steal_pointer (&texts[c]), x, y, size, FALSE,
                 AR_CHART_ALIGN_CENTER, m->palette.text);
    }
}

/* Category labels under the columns, shrunk and then thinned out (trend: every k-th month,
 * counted back from the last, with the year under the first one shown and under each
 * January) or ellipsized (aging) until they fit. */
static void
layout_categories (Layout *l, double slot, double top)
{
  ArChartModel *m = l->model;
  double size = l->fs;
  double widest = 0;
  guint every = 1;
  int last_year = -1;

  for (guint c = 0; c < m->n_columns; c++)
    widest = MAX (widest, text_width (l, m->column_names[c], size, FALSE));
  if (widest > slot * 0.95)
    {
      size = MAX (l->fs * 0.85, 7.0);
      widest = widest * size / l->fs;
    }
  if (m->kind == AR_CHART_KIND_TREND)
    {
      double year_w = text_width (l, "0000", size, FALSE);

      while (every < m->n_columns && MAX (widest, year_w) + 0.4 * l->fs > slot * every)
        every++;
    }

  for (guint c = 0; c < m->n_columns; c++)
    {
      double x = m->plot.x + slot * (c + 0.5);
      double baseline = top + ASCENT * size;
      char *text;

      if ((m->n_columns - 1 - c) % every != 0)
        continue;
      text = g_strdup (m->column_names[c]);
      if (m->kind == AR_CHART_KIND_AGING)
        text = ellipsize (l, text, size, FALSE, slot * 0.98);
      add_label (l, AR_CHART_LABEL_CATEGORY, c, text, x, baseline, size, FALSE,
                 AR_CHART_ALIGN_CENTER, m->palette.text);

      if (m->kind == AR_CHART_KIND_TREND)
        {
          GDate day;
          int year;

          ar_date_from_julian (m->column_dates[c], &day);
          year = g_date_get_year (&day);
          if (year != last_year)
            add_label (l, AR_CHART_LABEL_CATEGORY, c, g_strdup_printf ("%d", year), x,
                       baseline + 1.2 * l->fs, size, FALSE, AR_CHART_ALIGN_CENTER,
                       m->palette.text_dim);
          last_year = year;
        }
    }
}

/* Lays everything out; with @drop 1 without the legend, with 2 without the titles either.
 * FALSE when the plot came out too small to read and something more could be dropped. */
static gboolean
layout_chart (Layout *l, guint drop)
{
  ArChartModel *m = l->model;
  double margin, top, bottom, category_top, slot, bar_w, tick_w = 0;
  double value_room, radius;
  gint64 lo = 0, hi = 0;
  guint max_intervals, label_every = 1;
  g_autofree double *tops = NULL;
  g_autofree double *bottoms = NULL;
  g_autofree gint64 *pos = NULL;
  g_autofree gint64 *neg = NULL;
  g_autoptr(GPtrArray) tick_texts = g_ptr_array_new_with_free_func (g_free);

  labels_clear (m);
  g_array_set_size (m->ticks, 0);
  g_array_set_size (m->bars, 0);
  g_array_set_size (m->lines, 0);
  g_array_set_size (m->legend, 0);
  m->axis_min = m->axis_max = m->tick_step = 0;

  margin = l->fs * 1.3;
  top = drop < 2 ? layout_titles (l, margin) : margin;
  bottom = m->height - margin;

  if (m->empty)
    {
      layout_empty (l, top, bottom);
      return TRUE;
    }

  if (drop < 1)
    bottom = layout_legend (l, bottom, margin) - 0.9 * l->fs;
  category_top = bottom - (m->kind == AR_CHART_KIND_TREND ? 2.2 : 1.0) * 1.2 * l->fs;

  /* The range: positive values stack up from zero, negative ones down. */
  pos = g_new0 (gint64, m->n_columns);
  neg = g_new0 (gint64, m->n_columns);
  for (guint c = 0; c < m->n_columns; c++)
    {
      for (guint s = 0; s < m->n_series; s++)
        {
          gint64 v = m->values[c * m->n_series + s];

          if (v > 0)
            pos[c] = saturating_add (pos[c], v);
          else
            neg[c] = saturating_add (neg[c], v);
        }
      hi = MAX (hi, pos[c]);
      lo = MIN (lo, neg[c]);
    }

  /* Room for the value labels above the highest column (and below the lowest). */
  value_room = 1.4 * l->fs;
  m->plot.y = top + value_room;
  m->plot.height = category_top - 0.5 * l->fs - (lo < 0 ? value_room : 0) - m->plot.y;
  if (m->plot.height < 2.5 * l->fs && drop < 2)
    return FALSE;
  m->plot.height = MAX (m->plot.height, 1);

  max_intervals = (guint) CLAMP (m->plot.height / (2.8 * l->fs), 2, 6);
  m->tick_step = ar_chart_nice_step (lo, hi, max_intervals, &m->axis_min, &m->axis_max);
  for (gint64 v = m->axis_min; ; v += m->tick_step)
    {
      char *text = tick_label (v, m->currency);

      g_array_append_val (m->ticks, v);
      g_ptr_array_add (tick_texts, text);
      tick_w = MAX (tick_w, text_width (l, text, l->fs * 0.92, FALSE));
      if (v >= m->axis_max)
        break;
    }
  if (m->ticks->len > 1 &&
      m->plot.height / (m->ticks->len - 1) < 1.4 * l->fs)
    label_every = 2;

  m->plot.x = margin + tick_w + 0.6 * l->fs;
  m->plot.width = MAX (m->width - margin - m->plot.x, 1);

  /* Grid lines and tick labels. */
  for (guint i = 0; i < m->ticks->len; i++)
    {
      gint64 v = g_array_index (m->ticks, gint64, i);
      double y = value_to_y (m, v);

      if (v != 0)
        add_line (l, m->plot.x, y, m->plot.x + m->plot.width, y, 1.0, m->palette.grid, FALSE);
      if ((m->ticks->len - 1 - i) % label_every == 0)
        add_label (l, AR_CHART_LABEL_TICK, i, g_strdup (g_ptr_array_index (tick_texts, i)),
                   m->plot.x - 0.6 * l->fs, y + (ASCENT - DESCENT) / 2 * l->fs * 0.92,
                   l->fs * 0.92, FALSE, AR_CHART_ALIGN_END, m->palette.text_dim);
    }

  /* The columns. */
  slot = m->plot.width / m->n_columns;
  bar_w = m->kind == AR_CHART_KIND_TREND ? MIN (slot * 0.62, l->fs * 4.5)
                                         : MIN (slot * 0.58, l->fs * 6.5);
  radius = MIN (l->fs * 0.3, bar_w * 0.25);
  tops = g_new0 (double, m->n_columns);
  bottoms = g_new0 (double, m->n_columns);
  for (guint c = 0; c < m->n_columns; c++)
    {
      double x = m->plot.x + slot * (c + 0.5) - bar_w / 2;
      gint64 up = 0, down = 0;
      int last_up = -1, last_down = -1;

      for (guint s = 0; s < m->n_series; s++)
        {
          gint64 v = m->values[c * m->n_series + s];
          gint64 from, to;
          ArChartBar bar = { .column = c, .series = s, .value = v };

          if (v == 0)
            continue;
          if (v > 0)
            {
              from = up;
              to = up = saturating_add (up, v);
            }
          else
            {
              from = down;
              to = down = saturating_add (down, v);
            }
          bar.color = ar_chart_palette_series (&m->palette, s, m->n_series);
          bar.rect.x = x;
          bar.rect.width = bar_w;
          bar.rect.y = value_to_y (m, MAX (from, to));
          bar.rect.height = value_to_y (m, MIN (from, to)) - bar.rect.y;
          /* A separator in the background colour between stacked segments. */
          if (from != 0)
            add_line (l, x, value_to_y (m, from), x + bar_w, value_to_y (m, from), 1.0,
                      m->palette.background, TRUE);
          g_array_append_val (m->bars, bar);
          if (v > 0)
            last_up = m->bars->len - 1;
          else
            last_down = m->bars->len - 1;
        }
      if (last_up >= 0)
        {
          ArChartBar *bar = &g_array_index (m->bars, ArChartBar, last_up);
          bar->radius = MIN (radius, bar->rect.height);
        }
      if (last_down >= 0)
        {
          ArChartBar *bar = &g_array_index (m->bars, ArChartBar, last_down);
          bar->radius = MIN (radius, bar->rect.height);
        }
      tops[c] = value_to_y (m, up);
      bottoms[c] = value_to_y (m, down);
    }

  /* The zero line over the bars' feet. */
  add_line (l, m->plot.x, value_to_y (m, 0), m->plot.x + m->plot.width, value_to_y (m, 0), 1.0,
            m->palette.axis, TRUE);

  layout_values (l, slot, tops, bottoms);
  layout_categories (l, slot, category_top);
  return TRUE;
}

void
ar_chart_model_layout (ArChartModel       *model,
                       double              width,
                       double              height,
                       ArChartMeasureFunc  measure,
                       gpointer            user_data)
{
  Layout layout = { model, measure != NULL ? measure : ar_chart_measure_dejavu, user_data, 0 };

  g_return_if_fail (model != NULL);
  g_return_if_fail (width > 0 && height > 0);

  model->width = width;
  model->height = height;
  /* Sizes follow the box: 11 units for a 400 × 300 chart, between 8 and 13. */
  layout.fs = CLAMP (MIN (width, height * 1.4) / 36.0, 8.0, 13.0);
  /* In a box too small for everything, the legend goes first, then the titles. */
  for (guint drop = 0; !layout_chart (&layout, drop); drop++)
    ;
}

/* The summary ------------------------------------------------------------------------------- */

static char *
describe_aging (const ArChartModel *m)
{
  g_autofree char *date = format_date (m->as_of, DATE_FORMAT);
  g_autofree char *head = NULL;
  g_autofree char *total = NULL;
  GString *s;
  guint largest = 0;

  /* Translators: the start of the aging chart's summary: date, currency code */
  head = g_strdup_printf (_("Aging as of %s, %s"), date, m->currency);
  if (m->empty)
    /* Translators: the whole summary of an empty aging chart */
    return g_strdup_printf (_("%s: no open balances."), head);

  s = g_string_new (head);
  g_string_append (s, ": ");
  for (guint b = 0; b < m->n_series; b++)
    {
      g_autofree char *amount = ar_money_format (m->column_totals[b], m->currency);

      /* Translators: one bucket in the chart's summary: bucket name, amount */
      g_string_append_printf (s, C_("chart summary", "%s %s"), m->series_names[b], amount);
      g_string_append (s, "; ");
      if (m->column_totals[b] > m->column_totals[largest])
        largest = b;
    }
  total = ar_money_format (m->total, m->currency);
  /* Translators: the end of the aging chart's summary: total amount, name of the largest
   * bucket */
  g_string_append_printf (s, _("total %s. Largest: %s."), total, m->series_names[largest]);
  return g_string_free (s, FALSE);
}

static char *
describe_trend (const ArChartModel *m)
{
  g_autofree char *first = format_date (m->column_dates[0], DATE_FORMAT);
  g_autofree char *last = format_date (m->as_of, DATE_FORMAT);
  g_autofree char *head = NULL;
  g_autofree char *highest_date = NULL;
  g_autofree char *highest_amount = NULL;
  g_autofree char *oldest_first = NULL;
  g_autofree char *oldest_last = NULL;
  guint oldest = m->n_series - 1;
  guint highest = 0;
  GString *s;

  /* Translators: the start of the aging trend's summary: currency code, number of points,
   * first date, last date */
  head = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Aging trend, %s, %u month-end from %s to %s",
                                                  "Aging trend, %s, %u month-ends from %s to %s",
                                                  m->n_columns),
                          m->currency, m->n_columns, first, last);
  if (m->empty)
    return g_strdup_printf (_("%s: no open balances."), head);

  s = g_string_new (head);
  g_string_append (s, ". ");
  g_string_append (s, _("Total open:"));
  for (guint c = 0; c < m->n_columns; c++)
    {
      g_autofree char *date = format_date (m->column_dates[c], DATE_FORMAT);
      g_autofree char *amount = ar_money_format (m->column_totals[c], m->currency);

      g_string_append_c (s, ' ');
      g_string_append_printf (s, C_("chart summary", "%s %s"), date, amount);
      g_string_append_c (s, c + 1 < m->n_columns ? ';' : '.');
      if (m->column_totals[c] > m->column_totals[highest])
        highest = c;
    }

  highest_date = format_date (m->column_dates[highest], DATE_FORMAT);
  highest_amount = ar_money_format (m->column_totals[highest], m->currency);
  g_string_append_c (s, ' ');
  /* Translators: in the aging trend's summary: amount, date */
  g_string_append_printf (s, _("Highest: %s on %s."), highest_amount, highest_date);

  oldest_first = ar_money_format (m->values[oldest], m->currency);
  oldest_last = ar_money_format (m->values[(m->n_columns - 1) * m->n_series + oldest],
                                 m->currency);
  g_string_append_c (s, ' ');
  /* Translators: in the aging trend's summary: bucket name ("91+ days"), first amount,
   * last amount */
  g_string_append_printf (s, _("%s went from %s to %s."), m->series_names[oldest],
                          oldest_first, oldest_last);
  return g_string_free (s, FALSE);
}

char *
ar_chart_model_describe (const ArChartModel *model)
{
  g_return_val_if_fail (model != NULL, NULL);

  return model->kind == AR_CHART_KIND_TREND ? describe_trend (model) : describe_aging (model);
}
