/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <fontconfig/fontconfig.h>

#include "ar-aging-trend.h"
#include "ar-chart-cairo.h"
#include "ar-chart-model.h"
#include "ar-chart-pdf.h"
#include "ar-date.h"
#include "ar-money.h"

#define WIDTH  400
#define HEIGHT 300

static guint32
jd (const char *iso)
{
  guint32 day = ar_date_parse_julian (iso, NULL);

  g_assert_cmpuint (day, >, 0);
  return day;
}

static char *
date_string (guint32 julian)
{
  char buf[11];

  return g_strdup (ar_date_format_julian (julian, buf));
}

/* A USD total with the default buckets (current, 1–30, 31–60, 61–90, 91+). */
static ArAgingTotal
usd_total (gint64 b0, gint64 b1, gint64 b2, gint64 b3, gint64 b4)
{
  ArAgingTotal total = { "USD", 5, { b0, b1, b2, b3, b4 }, b0 + b1 + b2 + b3 + b4, 0, 1 };

  return total;
}

static ArChartModel *
aging_model (const ArAgingTotal *total)
{
  ArAgingConfig config;

  ar_aging_config_init_default (&config);
  return ar_chart_model_new_aging (&config, jd ("2026-11-15"), total);
}

/* Pixels ------------------------------------------------------------------------------------ */

typedef struct
{
  int r, g, b;
} Pixel;

static cairo_surface_t *
render (ArChartModel *model)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  ar_chart_cairo_paint (model, cr, WIDTH, HEIGHT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static Pixel
pixel_at (cairo_surface_t *surface, int x, int y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  memcpy (&p, data + (gsize) y * stride + (gsize) x * 4, sizeof p);
  /* Opaque everywhere (the background is painted), so premultiplication changes nothing. */
  g_assert_cmpuint (p >> 24, ==, 0xff);
  return (Pixel) { (p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff };
}

static gboolean
pixel_is (Pixel p, ArChartColor c)
{
  return ABS (p.r - (int) (c.r * 255 + 0.5)) <= 2 &&
         ABS (p.g - (int) (c.g * 255 + 0.5)) <= 2 &&
         ABS (p.b - (int) (c.b * 255 + 0.5)) <= 2;
}

static gboolean
color_equal (ArChartColor a, ArChartColor b)
{
  return G_APPROX_VALUE (a.r, b.r, 1e-9) && G_APPROX_VALUE (a.g, b.g, 1e-9) &&
         G_APPROX_VALUE (a.b, b.b, 1e-9);
}

static ArChartColor
hex (guint32 rgb)
{
  return (ArChartColor) { (rgb >> 16 & 0xff) / 255.0, (rgb >> 8 & 0xff) / 255.0,
                          (rgb & 0xff) / 255.0 };
}

/* The pixels of @color in column @x between rows @from and @to (inclusive): the first and
 * last row, FALSE when none. */
static gboolean
vertical_run (cairo_surface_t *surface, int x, int from, int to, ArChartColor color, int *first,
              int *last)
{
  *first = *last = -1;
  for (int y = from; y <= to; y++)
    if (pixel_is (pixel_at (surface, x, y), color))
      {
        if (*first < 0)
          *first = y;
        *last = y;
      }
  return *first >= 0;
}

static const ArChartBar *
bar_for_series (const ArChartModel *model, guint column, guint series)
{
  for (guint i = 0; i < model->bars->len; i++)
    {
      const ArChartBar *bar = &g_array_index (model->bars, ArChartBar, i);

      if (bar->column == column && bar->series == series)
        return bar;
    }
  return NULL;
}

static const ArChartLabel *
find_label (const ArChartModel *model, ArChartLabelRole role, const char *text)
{
  for (guint i = 0; i < model->labels->len; i++)
    {
      const ArChartLabel *label = &g_array_index (model->labels, ArChartLabel, i);

      if (label->role == role && (text == NULL || g_str_equal (label->text, text)))
        return label;
    }
  return NULL;
}

static guint
count_labels (const ArChartModel *model, ArChartLabelRole role)
{
  guint n = 0;

  for (guint i = 0; i < model->labels->len; i++)
    n += g_array_index (model->labels, ArChartLabel, i).role == role;
  return n;
}

/* Palette ----------------------------------------------------------------------------------- */

static void
test_palette (void)
{
  const ArChartPalette *light = ar_chart_palette_get (AR_CHART_THEME_LIGHT);
  const ArChartPalette *dark = ar_chart_palette_get (AR_CHART_THEME_DARK);

  /* Okabe–Ito: the youngest bucket blue, the oldest vermillion, for every bucket count up to
   * the point where reddish purple and black extend the ramp. */
  for (guint n = 2; n <= AR_CHART_MAX_SERIES; n++)
    {
      g_assert_true (color_equal (ar_chart_palette_series (light, 0, n), hex (0x0072B2)));
      if (n <= 6)
        g_assert_true (color_equal (ar_chart_palette_series (light, n - 1, n), hex (0xD55E00)));
      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          g_assert_false (color_equal (ar_chart_palette_series (light, a, n),
                                       ar_chart_palette_series (light, b, n)));
    }
  g_assert_true (color_equal (ar_chart_palette_series (light, 1, 5), hex (0x56B4E9)));
  g_assert_true (color_equal (ar_chart_palette_series (light, 2, 5), hex (0x009E73)));
  g_assert_true (color_equal (ar_chart_palette_series (light, 3, 5), hex (0xE69F00)));

  /* The backgrounds are what they say; the text stands out on them. */
  g_assert_cmpfloat (light->background.r + light->background.g + light->background.b, >, 2.9);
  g_assert_cmpfloat (dark->background.r + dark->background.g + dark->background.b, <, 0.5);
  g_assert_cmpfloat (light->text.r, <, 0.3);
  g_assert_cmpfloat (dark->text.r, >, 0.8);
}

/* Ticks ------------------------------------------------------------------------------------- */

static gboolean
is_nice (gint64 step)
{
  while (step % 10 == 0)
    step /= 10;
  return step == 1 || step == 2 || step == 5;
}

/* The nice step below @step: 5 → 2 → 1 → 0.5 …; 0 below 1. */
static gint64
previous_nice (gint64 step)
{
  gint64 decade = 1;

  while (step / decade >= 10)
    decade *= 10;
  switch (step / decade)
    {
    case 5:
      return 2 * decade;
    case 2:
      return decade;
    default:
      return decade / 2;
    }
}

static void
test_nice_step (void)
{
  static const struct { gint64 min, max; guint n; gint64 step, lo, hi; } cases[] = {
    { 0, 30000, 5, 10000, 0, 30000 },
    { 0, 40001, 5, 10000, 0, 50000 },
    { 0, 123456, 5, 50000, 0, 150000 },
    { 0, 1, 5, 1, 0, 1 },
    { 0, 7, 5, 2, 0, 8 },
    { 0, 999, 4, 500, 0, 1000 },
    { -150, 420, 7, 100, -200, 500 },
    { -150, 420, 6, 200, -200, 600 },
    { -30000, 0, 3, 10000, -30000, 0 },
    { 0, 12345, 1, 20000, 0, 20000 },
  };
  GRand *rand = g_rand_new_with_seed (20261115);
  gint64 lo, hi, step;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      step = ar_chart_nice_step (cases[i].min, cases[i].max, cases[i].n, &lo, &hi);
      g_assert_cmpint (step, ==, cases[i].step);
      g_assert_cmpint (lo, ==, cases[i].lo);
      g_assert_cmpint (hi, ==, cases[i].hi);
    }

  /* Properties: a 1-2-5 step, the axis covers the data in at most n intervals, and the next
   * smaller nice step would need more. */
  for (guint i = 0; i < 2000; i++)
    {
      gint64 max = g_rand_int_range (rand, 0, G_MAXINT32) * (gint64) g_rand_int_range (rand, 1, 1000);
      gint64 min = i % 3 == 0 ? -(max / g_rand_int_range (rand, 1, 10)) : 0;
      guint n = g_rand_int_range (rand, 1, 8);
      guint needed = min < 0 && max > 0 ? MAX (n, 2) : n;
      gint64 smaller;

      step = ar_chart_nice_step (min, max, n, &lo, &hi);
      g_assert_true (is_nice (step));
      g_assert_cmpint (lo, <=, min);
      g_assert_cmpint (hi, >=, MAX (max, 1));
      g_assert_cmpint (lo % step, ==, 0);
      g_assert_cmpint (hi % step, ==, 0);
      g_assert_cmpint ((hi - lo) / step, <=, needed);
      smaller = previous_nice (step);
      if (smaller > 0 && step > 1)
        {
          gint64 up = max / smaller + (max % smaller != 0);
          gint64 down = min / smaller - (min % smaller != 0);

          g_assert_cmpint (up - down, >, needed);
        }
    }
  g_rand_free (rand);

  /* The extremes don't overflow. */
  step = ar_chart_nice_step (G_MININT64, G_MAXINT64, 5, &lo, &hi);
  g_assert_true (is_nice (step));
  g_assert_cmpint (lo, <, 0);
  g_assert_cmpint (hi, >, 0);
  step = ar_chart_nice_step (0, 0, 5, &lo, &hi);
  g_assert_cmpint (lo, ==, 0);
  g_assert_cmpint (hi, >, 0);
}

/* The aging chart ------------------------------------------------------------------------- */

static void
test_aging_model (void)
{
  ArAgingTotal total = usd_total (10000, 0, 30000, 0, 0);
  g_autoptr(ArChartModel) model = aging_model (&total);
  const ArChartBar *b0, *b2;
  gint64 prev;

  g_assert_false (model->empty);
  g_assert_cmpuint (model->n_columns, ==, 5);
  g_assert_cmpuint (model->n_series, ==, 5);
  g_assert_cmpstr (model->series_names[0], ==, "Current");
  g_assert_cmpstr (model->series_names[1], ==, "1–30 days");
  g_assert_cmpstr (model->series_names[4], ==, "91+ days");
  g_assert_cmpstr (model->column_names[2], ==, "31–60");
  g_assert_cmpstr (model->title, ==, "Aging as of 15 Nov 2026");
  g_assert_cmpstr (model->subtitle, ==, "USD · total $400.00");

  ar_chart_model_layout (model, WIDTH, HEIGHT, NULL, NULL);

  /* Two bars, none for the zero buckets, heights in proportion to the amounts. */
  g_assert_cmpuint (model->bars->len, ==, 2);
  b0 = bar_for_series (model, 0, 0);
  b2 = bar_for_series (model, 2, 2);
  g_assert_nonnull (b0);
  g_assert_nonnull (b2);
  g_assert_null (bar_for_series (model, 1, 1));
  g_assert_cmpint (b0->value, ==, 10000);
  g_assert_cmpint (b2->value, ==, 30000);
  g_assert_cmpfloat_with_epsilon (b2->rect.height, 3 * b0->rect.height, 1e-9);
  g_assert_cmpfloat_with_epsilon (b0->rect.y + b0->rect.height, b2->rect.y + b2->rect.height,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (b0->rect.width, b2->rect.width, 1e-9);
  g_assert_true (color_equal (b0->color, hex (0x0072B2)));
  g_assert_true (color_equal (b2->color, hex (0x009E73)));
  /* The full height of the plot is the axis maximum. */
  g_assert_cmpfloat_with_epsilon (b2->rect.height,
                                  model->plot.height * 30000.0 / (double) model->axis_max, 1e-9);

  /* Ticks: nice, evenly spaced, from 0 to at least the largest bucket. */
  g_assert_cmpuint (model->ticks->len, >=, 2);
  g_assert_cmpint (g_array_index (model->ticks, gint64, 0), ==, 0);
  g_assert_cmpint (model->axis_max, >=, 30000);
  g_assert_cmpint (g_array_index (model->ticks, gint64, model->ticks->len - 1), ==,
                   model->axis_max);
  g_assert_true (is_nice (model->tick_step));
  prev = -model->tick_step;
  for (guint i = 0; i < model->ticks->len; i++)
    {
      gint64 v = g_array_index (model->ticks, gint64, i);

      g_assert_cmpint (v - prev, ==, model->tick_step);
      prev = v;
    }

  /* Labels in the locale's format (C.UTF-8: '$' first, ',' grouping, '.' decimals); the
   * axis drops all-zero decimals. */
  g_assert_nonnull (find_label (model, AR_CHART_LABEL_VALUE, "$100.00"));
  g_assert_nonnull (find_label (model, AR_CHART_LABEL_VALUE, "$300.00"));
  g_assert_nonnull (find_label (model, AR_CHART_LABEL_VALUE, "$0.00"));
  g_assert_nonnull (find_label (model, AR_CHART_LABEL_TICK, "$0"));
  {
    g_autofree char *top = ar_money_format (model->axis_max, "USD");

    g_assert_true (g_str_has_suffix (top, ".00"));
    top[strlen (top) - 3] = '\0';
    g_assert_nonnull (find_label (model, AR_CHART_LABEL_TICK, top));
  }
  g_assert_nonnull (find_label (model, AR_CHART_LABEL_CATEGORY, "Current"));
  g_assert_nonnull (find_label (model, AR_CHART_LABEL_CATEGORY, "91+"));
  g_assert_nonnull (find_label (model, AR_CHART_LABEL_TITLE, "Aging as of 15 Nov 2026"));

  /* The legend: one entry per bucket, in order, with its colour and name. */
  g_assert_cmpuint (model->legend->len, ==, 5);
  for (guint s = 0; s < 5; s++)
    {
      const ArChartLegendEntry *entry = &g_array_index (model->legend, ArChartLegendEntry, s);

      g_assert_cmpuint (entry->series, ==, s);
      g_assert_true (color_equal (entry->color, ar_chart_palette_series (&model->palette, s, 5)));
      g_assert_nonnull (find_label (model, AR_CHART_LABEL_LEGEND, model->series_names[s]));
    }
}

static void
test_aging_large_amounts (void)
{
  /* Grouping and a wide axis: the tick labels are long, the layout still fits. */
  ArAgingTotal total = usd_total (123456789, 98765432, 0, 5000000, 250000000);
  g_autoptr(ArChartModel) model = aging_model (&total);

  ar_chart_model_layout (model, WIDTH, HEIGHT, NULL, NULL);
  g_assert_cmpint (model->axis_max, >=, 250000000);
  g_assert_nonnull (find_label (model, AR_CHART_LABEL_TICK, "$1,000,000"));
  g_assert_cmpstr (model->subtitle, ==, "USD · total $4,772,222.21");
  g_assert_cmpfloat (model->plot.x, >, 50);
}

static void
test_aging_pixels (void)
{
  ArAgingTotal total = usd_total (10000, 0, 30000, 0, 0);
  g_autoptr(ArChartModel) model = aging_model (&total);
  cairo_surface_t *surface = render (model);
  const ArChartPalette *palette = ar_chart_palette_get (AR_CHART_THEME_LIGHT);
  const ArChartBar *b0 = bar_for_series (model, 0, 0);
  const ArChartBar *b2 = bar_for_series (model, 2, 2);
  int x0 = (int) (b0->rect.x + b0->rect.width / 2);
  int x2 = (int) (b2->rect.x + b2->rect.width / 2);
  int top0, bottom0, top2, bottom2, base_first, base_last;
  int baseline, h0, h2, plot_top, plot_bottom;
  double slot = model->plot.width / model->n_columns;
  int x1 = (int) (model->plot.x + 1.5 * slot);

  /* Background in the corner, bar colours at the bars' centres. */
  g_assert_true (pixel_is (pixel_at (surface, 1, 1), palette->background));
  g_assert_true (pixel_is (pixel_at (surface, x0, (int) (b0->rect.y + b0->rect.height / 2)),
                           ar_chart_palette_series (palette, 0, 5)));
  g_assert_true (pixel_is (pixel_at (surface, x2, (int) (b2->rect.y + b2->rect.height / 2)),
                           ar_chart_palette_series (palette, 2, 5)));

  /* Measured heights, inside the plot area: from the bar's top to the zero line (drawn over
   * the bars' feet). */
  plot_top = (int) model->plot.y;
  plot_bottom = (int) (model->plot.y + model->plot.height) + 1;
  g_assert_true (vertical_run (surface, x0, plot_top, plot_bottom, b0->color, &top0, &bottom0));
  g_assert_true (vertical_run (surface, x2, plot_top, plot_bottom, b2->color, &top2, &bottom2));
  g_assert_true (vertical_run (surface, x1, plot_top, plot_bottom, palette->axis, &base_first,
                               &base_last));
  g_assert_cmpint (base_first, ==, base_last);   /* a crisp one-pixel line */
  baseline = base_first;
  g_assert_cmpint (bottom0, ==, baseline - 1);
  g_assert_cmpint (bottom2, ==, baseline - 1);
  h0 = baseline - top0;
  h2 = baseline - top2;
  g_assert_cmpint (h0, >, 20);
  g_assert_cmpint (ABS (h2 - 3 * h0), <=, 3);    /* 1 : 3, within a pixel of h0 */
  g_assert_cmpfloat (ABS (h0 - b0->rect.height), <=, 1.0);
  g_assert_cmpfloat (ABS (h2 - b2->rect.height), <=, 1.0);

  /* The zero bucket has no bar: its column holds no bucket colour at all inside the plot, and
   * right above the zero line (under its "$0.00" label) it is background. */
  for (int y = plot_top; y < baseline; y++)
    for (guint s = 0; s < 5; s++)
      g_assert_false (pixel_is (pixel_at (surface, x1, y), ar_chart_palette_series (palette, s, 5)));
  for (int y = baseline - 3; y < baseline; y++)
    g_assert_true (pixel_is (pixel_at (surface, x1, y), palette->background));

  /* The legend swatches carry the bucket colours. */
  for (guint s = 0; s < model->legend->len; s++)
    {
      const ArChartLegendEntry *entry = &g_array_index (model->legend, ArChartLegendEntry, s);

      g_assert_true (pixel_is (pixel_at (surface,
                                         (int) (entry->swatch.x + entry->swatch.width / 2),
                                         (int) (entry->swatch.y + entry->swatch.height / 2)),
                               entry->color));
    }
  cairo_surface_destroy (surface);
}

static void
test_dark (void)
{
  ArAgingTotal total = usd_total (10000, 20000, 0, 0, 5000);
  g_autoptr(ArChartModel) model = aging_model (&total);
  const ArChartPalette *dark = ar_chart_palette_get (AR_CHART_THEME_DARK);
  cairo_surface_t *surface;
  Pixel corner;

  ar_chart_model_set_palette (model, dark);
  surface = render (model);
  corner = pixel_at (surface, 1, 1);
  g_assert_cmpint (corner.r + corner.g + corner.b, <, 3 * 48);
  g_assert_true (pixel_is (corner, dark->background));
  for (guint i = 0; i < model->bars->len; i++)
    {
      const ArChartBar *bar = &g_array_index (model->bars, ArChartBar, i);

      g_assert_true (pixel_is (pixel_at (surface, (int) (bar->rect.x + bar->rect.width / 2),
                                         (int) (bar->rect.y + bar->rect.height / 2)),
                               ar_chart_palette_series (dark, bar->series, 5)));
    }
  g_assert_true (color_equal (find_label (model, AR_CHART_LABEL_TITLE, NULL)->color, dark->text));
  cairo_surface_destroy (surface);
}

static void
test_empty (void)
{
  ArAgingTotal zero = { "USD" };   /* as for a currency with nothing open */
  g_autoptr(ArChartModel) model = aging_model (&zero);
  const ArChartPalette *palette = ar_chart_palette_get (AR_CHART_THEME_LIGHT);
  cairo_surface_t *surface;
  g_autofree char *text = NULL;

  g_assert_true (model->empty);
  g_assert_cmpstr (model->subtitle, ==, "USD");
  surface = render (model);
  g_assert_cmpuint (model->bars->len, ==, 0);
  g_assert_cmpuint (model->legend->len, ==, 0);
  g_assert_cmpuint (model->ticks->len, ==, 0);
  g_assert_nonnull (find_label (model, AR_CHART_LABEL_EMPTY, "No open balances"));
  g_assert_cmpuint (count_labels (model, AR_CHART_LABEL_VALUE), ==, 0);

  /* Not one pixel in any bucket colour. */
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        Pixel p = pixel_at (surface, x, y);

        for (guint s = 0; s < 5; s++)
          g_assert_false (pixel_is (p, ar_chart_palette_series (palette, s, 5)));
      }
  cairo_surface_destroy (surface);

  text = ar_chart_model_describe (model);
  g_assert_cmpstr (text, ==, "Aging as of 15 Nov 2026, USD: no open balances.");
}

static void
test_describe (void)
{
  ArAgingTotal total = usd_total (120000, 31000, 0, 25050, 384500);
  g_autoptr(ArChartModel) model = aging_model (&total);
  g_autofree char *text = ar_chart_model_describe (model);

  g_assert_cmpstr (text, ==,
                   "Aging as of 15 Nov 2026, USD: Current $1,200.00; 1–30 days $310.00; "
                   "31–60 days $0.00; 61–90 days $250.50; 91+ days $3,845.00; "
                   "total $5,605.50. Largest: 91+ days.");
}

static void
test_report_currency (void)
{
  ArAgingReport report = { .as_of = jd ("2026-11-15") };
  ArAgingTotal eur = { "EUR", 5, { 1, 2, 3, 4, 5 }, 15, 0, 1 };
  g_autoptr(ArChartModel) model = NULL;
  g_autoptr(ArChartModel) absent = NULL;

  ar_aging_config_init_default (&report.config);
  report.totals = g_array_new (FALSE, FALSE, sizeof (ArAgingTotal));
  g_array_append_val (report.totals, eur);

  model = ar_chart_model_new_aging_report (&report, "EUR");
  g_assert_cmpstr (model->currency, ==, "EUR");
  g_assert_cmpint (model->values[4 * 5 + 4], ==, 5);
  g_assert_cmpint (model->total, ==, 15);
  absent = ar_chart_model_new_aging_report (&report, "USD");
  g_assert_true (absent->empty);
  g_array_unref (report.totals);
}

static void
test_custom_buckets (void)
{
  ArAgingConfig config;
  ArAgingTotal total = { "JPY", 8, { 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000 }, 36000 };
  g_autoptr(ArChartModel) model = NULL;

  ar_aging_config_init_default (&config);
  g_assert_true (ar_aging_config_parse_limits (&config, "15,30,45,60,90,120", NULL));
  model = ar_chart_model_new_aging (&config, jd ("2026-11-15"), &total);
  ar_chart_model_layout (model, WIDTH, HEIGHT, NULL, NULL);
  g_assert_cmpuint (model->bars->len, ==, 8);
  g_assert_cmpstr (model->series_names[2], ==, "16–30 days");
  g_assert_cmpstr (model->series_names[7], ==, "121+ days");
  /* JPY has no minor unit: nothing to strip, nothing added. */
  g_assert_nonnull (find_label (model, AR_CHART_LABEL_TICK, "¥0"));
  g_assert_cmpuint (model->legend->len, ==, 8);
}

/* Layout: nothing overlaps, everything is inside the box, at many sizes ---------------------- */

typedef struct
{
  double x0, y0, x1, y1;
} Box;

static Box
label_box (const ArChartLabel *label)
{
  double w = ar_chart_measure_dejavu (label->text, label->size, label->bold, NULL);
  double x = label->x - (label->align == AR_CHART_ALIGN_CENTER ? w / 2
                         : label->align == AR_CHART_ALIGN_END ? w : 0);

  return (Box) { x, label->y - 0.93 * label->size, x + w, label->y + 0.24 * label->size };
}

static gboolean
boxes_overlap (Box a, Box b)
{
  return a.x0 < b.x1 - 0.01 && b.x0 < a.x1 - 0.01 && a.y0 < b.y1 - 0.01 && b.y0 < a.y1 - 0.01;
}

static void
check_layout (ArChartModel *model, double width, double height)
{
  ar_chart_model_layout (model, width, height, NULL, NULL);

  for (guint i = 0; i < model->labels->len; i++)
    {
      const ArChartLabel *a = &g_array_index (model->labels, ArChartLabel, i);
      Box box = label_box (a);

      if (box.x0 < -0.01 || box.y0 < -0.01 || box.x1 > width + 0.01 || box.y1 > height + 0.01)
        g_error ("%g × %g: label “%s” outside the chart", width, height, a->text);
      for (guint j = i + 1; j < model->labels->len; j++)
        {
          const ArChartLabel *b = &g_array_index (model->labels, ArChartLabel, j);

          if (boxes_overlap (box, label_box (b)))
            g_error ("%g × %g: labels “%s” and “%s” overlap", width, height, a->text, b->text);
        }
      for (guint j = 0; j < model->bars->len; j++)
        {
          const ArChartRect *r = &g_array_index (model->bars, ArChartBar, j).rect;

          if (boxes_overlap (box, (Box) { r->x, r->y, r->x + r->width, r->y + r->height }))
            g_error ("%g × %g: label “%s” covers a bar", width, height, a->text);
        }
      for (guint j = 0; j < model->legend->len; j++)
        {
          const ArChartRect *r = &g_array_index (model->legend, ArChartLegendEntry, j).swatch;

          if (boxes_overlap (box, (Box) { r->x, r->y, r->x + r->width, r->y + r->height }))
            g_error ("%g × %g: label “%s” covers a legend swatch", width, height, a->text);
        }
    }
  for (guint j = 0; j < model->bars->len; j++)
    {
      const ArChartRect *r = &g_array_index (model->bars, ArChartBar, j).rect;

      g_assert_cmpfloat (r->x, >=, model->plot.x - 1e-6);
      g_assert_cmpfloat (r->y, >=, model->plot.y - 1e-6);
      g_assert_cmpfloat (r->x + r->width, <=, model->plot.x + model->plot.width + 1e-6);
      g_assert_cmpfloat (r->y + r->height, <=, model->plot.y + model->plot.height + 1e-6);
    }
}

static ArAgingTrend *
synthetic_trend (void)
{
  ArAgingTrend *trend = g_new0 (ArAgingTrend, 1);

  ar_aging_config_init_default (&trend->config);
  g_strlcpy (trend->currency, "USD", sizeof trend->currency);
  trend->n_points = 12;
  ar_aging_trend_dates (jd ("2026-11-15"), 12, trend->dates);
  for (guint c = 0; c < 12; c++)
    {
      ArAgingTotal *t = &trend->totals[c];

      g_strlcpy (t->currency, "USD", sizeof t->currency);
      t->n_buckets = 5;
      for (guint s = 0; s < 5; s++)
        {
          t->buckets[s] = (gint64) ((c * 7 + s * 13) % 11) * 123456 + (c == 3 ? 0 : 100);
          t->total += t->buckets[s];
        }
    }
  return trend;
}

static void
test_layout_fits (void)
{
  static const double sizes[][2] = {
    { 160, 120 }, { 240, 180 }, { 300, 220 }, { 400, 300 }, { 480, 270 }, { 640, 360 },
    { 800, 450 }, { 1200, 700 }, { 1600, 400 }, { 300, 600 },
  };
  ArAgingTotal totals[] = {
    usd_total (10000, 0, 30000, 0, 0),
    usd_total (4720951, 2830407, 1637494, 2104869, 5392515),
    usd_total (G_GINT64_CONSTANT (90000000000000000), 1, 2, 3, 4),
    usd_total (0, 0, 0, 0, 1),
    usd_total (0, 0, 0, 0, 0),
  };
  g_autoptr(ArAgingTrend) trend = synthetic_trend ();

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      for (guint t = 0; t < G_N_ELEMENTS (totals); t++)
        {
          g_autoptr(ArChartModel) model = aging_model (&totals[t]);

          check_layout (model, sizes[i][0], sizes[i][1]);
        }
      {
        g_autoptr(ArChartModel) model = ar_chart_model_new_trend (trend);

        check_layout (model, sizes[i][0], sizes[i][1]);
      }
    }
}

/* The trend --------------------------------------------------------------------------------- */

static void
test_trend_dates (void)
{
  guint32 dates[12];
  static const char *expected[] = {
    "2025-12-31", "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31",
    "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-15",
  };

  ar_aging_trend_dates (jd ("2026-11-15"), 12, dates);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *text = date_string (dates[i]);

      g_assert_cmpstr (text, ==, expected[i]);
    }

  /* A leap February, a year boundary, and an as-of date that is itself a month-end. */
  ar_aging_trend_dates (jd ("2024-03-31"), 3, dates);
  {
    g_autofree char *a = date_string (dates[0]);
    g_autofree char *b = date_string (dates[1]);
    g_autofree char *c = date_string (dates[2]);

    g_assert_cmpstr (a, ==, "2024-01-31");
    g_assert_cmpstr (b, ==, "2024-02-29");
    g_assert_cmpstr (c, ==, "2024-03-31");
  }
}

typedef struct
{
  char     *dir;
  ArLedger *ledger;
} Book;

static void
book_invoice (Book *book, gint64 debtor, const char *number, const char *issue,
              const char *due, gint64 amount, const char *currency)
{
  ArInvoiceInfo info = { .debtor_id = debtor, .number = number, .issue_date = jd (issue),
                         .due_date = jd (due), .currency = currency, .amount = amount };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (ar_ledger_add_invoice (book->ledger, &info, &id, &error));
  g_assert_no_error (error);
}

static void
book_pay (Book *book, gint64 debtor, const char *date, gint64 amount, const char *currency)
{
  ArPosting p = { .debtor_id = debtor, .kind = AR_ENTRY_PAYMENT, .date = jd (date),
                  .amount = amount, .currency = currency };
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_post (book->ledger, &p, NULL, &error));
  g_assert_no_error (error);
}

static gint64
book_debtor (Book *book, const char *id)
{
  ArDebtorInfo info = { .external_id = id, .name = id };
  gint64 out;

  g_assert_true (ar_ledger_add_debtor (book->ledger, &info, &out, NULL));
  return out;
}

static void
book_open (Book *book)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gint64 d1, d2, d3;

  book->dir = g_dir_make_tmp ("arrears-chart-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (book->dir, "book.arrears", NULL);
  book->ledger = ar_ledger_create (path, &error);
  g_assert_no_error (error);

  d1 = book_debtor (book, "D1");
  d2 = book_debtor (book, "D2");
  d3 = book_debtor (book, "D3");
  book_invoice (book, d1, "A-1", "2026-01-10", "2026-02-09", 100000, "USD");
  book_invoice (book, d1, "A-2", "2026-04-01", "2026-05-01", 25000, "USD");
  book_pay (book, d1, "2026-06-15", 40000, "USD");
  book_invoice (book, d2, "B-1", "2026-07-20", "2026-08-19", 70000, "USD");
  book_invoice (book, d2, "B-2", "2026-10-25", "2026-11-24", 12345, "USD");
  book_pay (book, d2, "2026-09-01", 70000, "USD");
  book_invoice (book, d3, "C-1", "2026-03-01", "2026-03-31", 99900, "EUR");
}

static void
book_close (Book *book)
{
  g_autoptr(GDir) dir = g_dir_open (book->dir, 0, NULL);
  const char *name;

  g_clear_object (&book->ledger);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (book->dir, name, NULL);

      g_unlink (p);
    }
  g_rmdir (book->dir);
  g_free (book->dir);
}

static void
test_trend (void)
{
  Book book;
  ArAgingConfig config;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArAgingTrend) trend = NULL;
  g_autoptr(ArChartModel) model = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *surface;

  book_open (&book);
  ar_aging_config_init_default (&config);
  trend = ar_aging_trend_compute (book.ledger, jd ("2026-11-15"), &config, "USD", 12, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trend->n_points, ==, 12);
  g_assert_cmpuint (trend->dates[11], ==, jd ("2026-11-15"));
  g_assert_cmpuint (trend->dates[0], ==, jd ("2025-12-31"));

  /* Each point is the core's aging as of that date, in USD only. */
  for (guint c = 0; c < 12; c++)
    {
      g_autoptr(ArAgingReport) report = ar_aging_report_compute (book.ledger, trend->dates[c],
                                                                 &config, &error);
      const ArAgingTotal *expected = NULL;

      g_assert_no_error (error);
      for (guint i = 0; i < report->totals->len; i++)
        if (g_str_equal (g_array_index (report->totals, ArAgingTotal, i).currency, "USD"))
          expected = &g_array_index (report->totals, ArAgingTotal, i);
      g_assert_cmpstr (trend->totals[c].currency, ==, "USD");
      g_assert_cmpint (trend->totals[c].total, ==, expected != NULL ? expected->total : 0);
      for (guint s = 0; s < 5; s++)
        g_assert_cmpint (trend->totals[c].buckets[s], ==,
                         expected != NULL ? expected->buckets[s] : 0);
    }
  /* Hand-checked points: nothing in December, A-1 current on 31 Jan, 19 days late on 28 Feb. */
  g_assert_cmpint (trend->totals[0].total, ==, 0);
  g_assert_cmpint (trend->totals[1].buckets[0], ==, 100000);
  g_assert_cmpint (trend->totals[2].buckets[1], ==, 100000);
  g_assert_cmpint (trend->totals[2].total, ==, 100000);

  model = ar_chart_model_new_trend (trend);
  g_assert_false (model->empty);
  g_assert_cmpuint (model->n_columns, ==, 12);
  g_assert_cmpstr (model->column_names[0], ==, "Dec");
  g_assert_cmpstr (model->column_names[11], ==, "Nov");
  surface = render (model);

  /* Twelve columns of stacked segments: the segments' values add up (in minor units) to the
   * core's total for that month, and they sit on each other without gaps. */
  for (guint c = 0; c < 12; c++)
    {
      gint64 sum = 0;
      const ArChartBar *below = NULL;
      guint n = 0;

      for (guint i = 0; i < model->bars->len; i++)
        {
          const ArChartBar *bar = &g_array_index (model->bars, ArChartBar, i);

          if (bar->column != c)
            continue;
          g_assert_true (ar_money_add (sum, bar->value, &sum, NULL));
          g_assert_cmpint (bar->value, ==, trend->totals[c].buckets[bar->series]);
          g_assert_true (color_equal (bar->color,
                                      ar_chart_palette_series (&model->palette, bar->series, 5)));
          if (below != NULL)
            {
              g_assert_cmpuint (bar->series, >, below->series);
              g_assert_cmpfloat_with_epsilon (bar->rect.y + bar->rect.height, below->rect.y, 1e-6);
              g_assert_cmpfloat_with_epsilon (bar->rect.x, below->rect.x, 1e-9);
            }
          below = bar;
          n++;
        }
      g_assert_cmpint (sum, ==, trend->totals[c].total);
      g_assert_cmpint (model->column_totals[c], ==, trend->totals[c].total);
      if (trend->totals[c].total == 0)
        g_assert_cmpuint (n, ==, 0);
    }

  /* Heights are proportional to the totals, the colours are right on screen. */
  for (guint i = 0; i < model->bars->len; i++)
    {
      const ArChartBar *bar = &g_array_index (model->bars, ArChartBar, i);

      g_assert_cmpfloat_with_epsilon (bar->rect.height,
                                      model->plot.height * (double) bar->value
                                      / (double) (model->axis_max - model->axis_min), 1e-6);
      if (bar->rect.height >= 4)
        g_assert_true (pixel_is (pixel_at (surface, (int) (bar->rect.x + bar->rect.width / 2),
                                           (int) (bar->rect.y + bar->rect.height / 2)),
                                 bar->color));
    }
  cairo_surface_destroy (surface);

  text = ar_chart_model_describe (model);
  g_assert_true (g_str_has_prefix (text, "Aging trend, USD, 12 month-ends from 31 Dec 2025 to "
                                         "15 Nov 2026. Total open: 31 Dec 2025 $0.00; "
                                         "31 Jan 2026 $1,000.00; 28 Feb 2026 $1,000.00;"));
  g_assert_nonnull (strstr (text, "Highest: "));
  g_assert_nonnull (strstr (text, "91+ days went from $0.00 to "));

  /* A currency with nothing open in the whole year is the empty state. */
  {
    g_autoptr(ArAgingTrend) none = ar_aging_trend_compute (book.ledger, jd ("2026-11-15"),
                                                           &config, "GBP", 12, &error);
    g_autoptr(ArChartModel) empty = NULL;

    g_assert_no_error (error);
    empty = ar_chart_model_new_trend (none);
    g_assert_true (empty->empty);
    ar_chart_model_layout (empty, WIDTH, HEIGHT, NULL, NULL);
    g_assert_cmpuint (empty->bars->len, ==, 0);
    g_assert_nonnull (find_label (empty, AR_CHART_LABEL_EMPTY, "No open balances"));
  }

  book_close (&book);
}

/* Files ------------------------------------------------------------------------------------- */

/* Runs a tool, its output in *out when @out isn't NULL (and never on our TAP stream). */
static gboolean
run (const char * const *argv, char **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &output, NULL, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (out != NULL)
    *out = g_steal_pointer (&output);
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_png (void)
{
  ArAgingTotal total = usd_total (10000, 0, 30000, 0, 0);
  g_autoptr(ArChartModel) model = aging_model (&total);
  g_autofree char *dir = g_dir_make_tmp ("arrears-chart-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  g_assert_true (ar_chart_write_png (model, path, WIDTH, HEIGHT, 2, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 2 * WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 2 * HEIGHT);
  cairo_surface_destroy (surface);
  g_unlink (path);
  g_rmdir (dir);

  /* A file that can't be written is an error, not a crash. */
  g_assert_false (ar_chart_write_png (model, "/nonexistent/dir/chart.png", WIDTH, HEIGHT, 1,
                                      &error));
  g_assert_nonnull (error);
}

typedef struct
{
  guint rects;
  guint paths;
  guint elements;
} SvgCount;

static void
svg_start (GMarkupParseContext *context, const char *name, const char **attribute_names,
           const char **attribute_values, gpointer user_data, GError **error)
{
  SvgCount *count = user_data;

  count->elements++;
  count->rects += g_str_equal (name, "rect");
  count->paths += g_str_equal (name, "path");
}

static void
test_svg (void)
{
  ArAgingTotal total = usd_total (10000, 0, 30000, 0, 0);
  g_autoptr(ArChartModel) model = aging_model (&total);
  g_autofree char *dir = g_dir_make_tmp ("arrears-chart-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GMarkupParser parser = { .start_element = svg_start };
  GMarkupParseContext *context;
  SvgCount count = { 0 };
  gsize length;

  g_assert_true (ar_chart_write_svg (model, path, WIDTH, HEIGHT, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"400px\""));

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &count, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);

  /* The background is a <rect>; bars, lines and swatches are <path>s. */
  g_assert_cmpuint (count.rects, >=, 1);
  g_assert_cmpuint (count.paths, >=, model->bars->len + model->legend->len);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_pdf (void)
{
  ArAgingTotal total = usd_total (10000, 0, 30000, 0, 0);
  g_autoptr(ArChartModel) model = aging_model (&total);
  g_autoptr(ArAgingTrend) trend = synthetic_trend ();
  g_autoptr(ArChartModel) trend_model = ar_chart_model_new_trend (trend);
  g_autofree char *dir = g_dir_make_tmp ("arrears-chart-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *trend_path = g_build_filename (dir, "trend.pdf", NULL);
  g_autoptr(GError) error = NULL;
  static const char *tools[] = { "qpdf", "pdfimages", "pdftotext" };

  g_assert_true (ar_chart_write_pdf (model, path, WIDTH, HEIGHT, &error));
  g_assert_no_error (error);
  g_assert_true (ar_chart_write_pdf (trend_model, trend_path, 600, 340, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *found = g_find_program_in_path (tools[i]);

      if (found == NULL)
        {
          g_test_skip ("qpdf or poppler-utils is not installed");
          goto out;
        }
    }

  for (guint f = 0; f < 2; f++)
    {
      const char *file = f == 0 ? path : trend_path;
      const char *check[] = { "qpdf", "--check", file, NULL };
      const char *images[] = { "pdfimages", "-list", file, NULL };
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (run (check, NULL));
      /* Only the two header lines: vector drawing, no raster images. */
      g_assert_true (run (images, &out));
      lines = g_strsplit (g_strchomp (out), "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, 2);
    }

  {
    const char *text_argv[] = { "pdftotext", path, "-", NULL };
    g_autofree char *text = NULL;

    g_assert_true (run (text_argv, &text));
    g_assert_nonnull (strstr (text, "Aging as of 15 Nov 2026"));
    g_assert_nonnull (strstr (text, "$300.00"));
    g_assert_nonnull (strstr (text, "$100.00"));
    g_assert_nonnull (strstr (text, "31–60 days"));
    g_assert_nonnull (strstr (text, "Current"));
  }

out:
  g_unlink (path);
  g_unlink (trend_path);
  g_rmdir (dir);
}

static void
test_pdf_measure (void)
{
  /* The layout's built-in metrics agree with the font libharu embeds. */
  HPDF_Doc pdf = HPDF_New (NULL, NULL);
  const char *name;
  HPDF_Font font;
  const char *samples[] = { "Aging as of 15 Nov 2026", "$1,234,567.89", "31–60 days", "€0" };

  HPDF_UseUTFEncodings (pdf);
  name = HPDF_LoadTTFontFromFile (pdf, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                  HPDF_TRUE);
  if (name == NULL)
    {
      HPDF_Free (pdf);
      g_test_skip ("DejaVu Sans is not at the Debian path");
      return;
    }
  font = HPDF_GetFont (pdf, name, "UTF-8");
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    g_assert_cmpfloat_with_epsilon (ar_chart_pdf_measure (samples[i], 10, FALSE, font),
                                    ar_chart_measure_dejavu (samples[i], 10, FALSE, NULL), 0.5);
  HPDF_Free (pdf);
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/palette", test_palette);
  g_test_add_func ("/chart/nice-step", test_nice_step);
  g_test_add_func ("/chart/aging/model", test_aging_model);
  g_test_add_func ("/chart/aging/large-amounts", test_aging_large_amounts);
  g_test_add_func ("/chart/aging/pixels", test_aging_pixels);
  g_test_add_func ("/chart/aging/dark", test_dark);
  g_test_add_func ("/chart/aging/empty", test_empty);
  g_test_add_func ("/chart/aging/describe", test_describe);
  g_test_add_func ("/chart/aging/report-currency", test_report_currency);
  g_test_add_func ("/chart/aging/custom-buckets", test_custom_buckets);
  g_test_add_func ("/chart/layout/fits", test_layout_fits);
  g_test_add_func ("/chart/trend/dates", test_trend_dates);
  g_test_add_func ("/chart/trend/ledger", test_trend);
  g_test_add_func ("/chart/file/png", test_png);
  g_test_add_func ("/chart/file/svg", test_svg);
  g_test_add_func ("/chart/file/pdf", test_pdf);
  g_test_add_func ("/chart/file/pdf-measure", test_pdf_measure);

  status = g_test_run ();

  /* Drop cairo's and fontconfig's caches so that LeakSanitizer sees only real leaks. */
  cairo_debug_reset_static_data ();
  FcFini ();
  return status;
}
