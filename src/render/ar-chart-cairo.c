/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-chart"
#include "config.h"

#include <math.h>

#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ar-chart-cairo.h"

#define FONT_FAMILY "DejaVu Sans"

/* Unhinted metrics, so that text widths scale with the size exactly as the layout assumes;
 * slight outline hinting keeps small labels crisp on screen. */
static void
set_font_options (cairo_t *cr)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);
}

static void
set_font (cairo_t *cr, double size, gboolean bold)
{
  cairo_select_font_face (cr, FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

double
ar_chart_cairo_measure (const char *text, double size, gboolean bold, gpointer user_data)
{
  cairo_t *cr = user_data;
  cairo_text_extents_t extents;

  g_return_val_if_fail (text != NULL, 0);

  if (cr == NULL)
    return ar_chart_measure_dejavu (text, size, bold, NULL);
  cairo_save (cr);
  set_font_options (cr);
  set_font (cr, size, bold);
  cairo_text_extents (cr, text, &extents);
  cairo_restore (cr);
  return extents.x_advance;
}

static void
set_color (cairo_t *cr, ArChartColor color)
{
  cairo_set_source_rgb (cr, color.r, color.g, color.b);
}

/* Device-pixel snapping, for crisp edges on screen (harmless in SVG). */
static double
snap_x (cairo_t *cr, double x)
{
  double y = 0;

  cairo_user_to_device (cr, &x, &y);
  x = round (x);
  cairo_device_to_user (cr, &x, &y);
  return x;
}

static double
snap_y (cairo_t *cr, double y)
{
  double x = 0;

  cairo_user_to_device (cr, &x, &y);
  y = round (y);
  cairo_device_to_user (cr, &x, &y);
  return y;
}

/* A bar with its outer corners rounded: the top ones, or the bottom ones for a negative bar. */
static void
bar_path (cairo_t *cr, double x0, double y0, double x1, double y1, double radius,
          gboolean round_top)
{
  double r = MIN (radius, MIN ((x1 - x0) / 2, y1 - y0));

  if (r <= 0.1)
    {
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      return;
    }
  cairo_new_sub_path (cr);
  if (round_top)
    {
      cairo_move_to (cr, x0, y1);
      cairo_arc (cr, x0 + r, y0 + r, r, G_PI, 1.5 * G_PI);
      cairo_arc (cr, x1 - r, y0 + r, r, 1.5 * G_PI, 2 * G_PI);
      cairo_line_to (cr, x1, y1);
    }
  else
    {
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y0);
      cairo_arc (cr, x1 - r, y1 - r, r, 0, 0.5 * G_PI);
      cairo_arc (cr, x0 + r, y1 - r, r, 0.5 * G_PI, G_PI);
    }
  cairo_close_path (cr);
}

static void
draw_line (cairo_t *cr, const ArChartLine *line)
{
  double x1 = line->x1, y1 = line->y1, x2 = line->x2, y2 = line->y2;
  double dx = line->width, dy = line->width;
  gboolean odd;

  /* Horizontal and vertical lines of an odd device width sit on pixel centres. */
  cairo_user_to_device_distance (cr, &dx, &dy);
  odd = ((int) round (dy)) % 2 == 1;
  if (y1 == y2)
    {
      double y = snap_y (cr, y1);
      double half = 0, zero = 0;

      if (odd)
        {
          half = 0.5;
          cairo_device_to_user_distance (cr, &zero, &half);
        }
      y1 = y2 = y + half;
      x1 = snap_x (cr, x1);
      x2 = snap_x (cr, x2);
    }
  else if (x1 == x2)
    {
      double x = snap_x (cr, x1);
      double half = 0, zero = 0;

      if (odd)
        {
          half = 0.5;
          cairo_device_to_user_distance (cr, &half, &zero);
        }
      x1 = x2 = x + half;
      y1 = snap_y (cr, y1);
      y2 = snap_y (cr, y2);
    }
  set_color (cr, line->color);
  cairo_set_line_width (cr, line->width);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x2, y2);
  cairo_stroke (cr);
}

static void
draw_lines (cairo_t *cr, const ArChartModel *model, gboolean over_bars)
{
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint i = 0; i < model->lines->len; i++)
    {
      const ArChartLine *line = &g_array_index (model->lines, ArChartLine, i);

      if (line->over_bars == over_bars)
        draw_line (cr, line);
    }
}

static void
draw_label (cairo_t *cr, const ArChartLabel *label)
{
  cairo_text_extents_t extents;
  double x = label->x;

  set_font (cr, label->size, label->bold);
  cairo_text_extents (cr, label->text, &extents);
  if (label->align == AR_CHART_ALIGN_CENTER)
    x -= extents.x_advance / 2;
  else if (label->align == AR_CHART_ALIGN_END)
    x -= extents.x_advance;
  set_color (cr, label->color);
  cairo_move_to (cr, x, label->y);
  cairo_show_text (cr, label->text);
}

void
ar_chart_cairo_draw (const ArChartModel *model, cairo_t *cr)
{
  g_return_if_fail (model != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, model->width, model->height);
  cairo_clip (cr);
  set_color (cr, model->palette.background);
  cairo_paint (cr);

  draw_lines (cr, model, FALSE);

  for (guint i = 0; i < model->bars->len; i++)
    {
      const ArChartBar *bar = &g_array_index (model->bars, ArChartBar, i);
      double x0 = snap_x (cr, bar->rect.x);
      double x1 = snap_x (cr, bar->rect.x + bar->rect.width);
      double y0 = snap_y (cr, bar->rect.y);
      double y1 = snap_y (cr, bar->rect.y + bar->rect.height);

      /* A value too small for a pixel still shows as one. */
      if (y1 - y0 < 1e-6)
        {
          if (bar->value > 0)
            y0 = snap_y (cr, bar->rect.y + bar->rect.height - 1);
          else
            y1 = snap_y (cr, bar->rect.y + 1);
        }
      bar_path (cr, x0, y0, x1, y1, bar->radius, bar->value > 0);
      set_color (cr, bar->color);
      cairo_fill (cr);
    }

  draw_lines (cr, model, TRUE);

  for (guint i = 0; i < model->legend->len; i++)
    {
      const ArChartLegendEntry *entry = &g_array_index (model->legend, ArChartLegendEntry, i);
      double x0 = snap_x (cr, entry->swatch.x);
      double y0 = snap_y (cr, entry->swatch.y);
      double x1 = snap_x (cr, entry->swatch.x + entry->swatch.width);
      double y1 = snap_y (cr, entry->swatch.y + entry->swatch.height);
      double r = MIN (entry->radius, (x1 - x0) / 2);

      cairo_new_sub_path (cr);
      cairo_arc (cr, x1 - r, y0 + r, r, -0.5 * G_PI, 0);
      cairo_arc (cr, x1 - r, y1 - r, r, 0, 0.5 * G_PI);
      cairo_arc (cr, x0 + r, y1 - r, r, 0.5 * G_PI, G_PI);
      cairo_arc (cr, x0 + r, y0 + r, r, G_PI, 1.5 * G_PI);
      cairo_close_path (cr);
      set_color (cr, entry->color);
      cairo_fill (cr);
    }

  set_font_options (cr);
  for (guint i = 0; i < model->labels->len; i++)
    draw_label (cr, &g_array_index (model->labels, ArChartLabel, i));

  cairo_restore (cr);
}

void
ar_chart_cairo_paint (ArChartModel *model, cairo_t *cr, double width, double height)
{
  g_return_if_fail (model != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (width > 0 && height > 0);

  ar_chart_model_layout (model, width, height, ar_chart_cairo_measure, cr);
  ar_chart_cairo_draw (model, cr);
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_status (cairo_status_t status, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the chart: %s"),
               cairo_status_to_string (status));
  return FALSE;
}

gboolean
ar_chart_write_png (ArChartModel *model, const char *path, double width, double height,
                    double scale, GError **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width >= 1 && height >= 1 && width <= 16384 && height <= 16384, FALSE);
  g_return_val_if_fail (scale > 0 && width * scale <= 32767 && height * scale <= 32767, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  ar_chart_cairo_paint (model, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_destroy (surface);

  return check_status (status, error) &&
         g_file_set_contents (path, (const char *) bytes->data, bytes->len, error);
}

gboolean
ar_chart_write_svg (ArChartModel *model, const char *path, double width, double height,
                    GError **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width >= 1 && height >= 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  ar_chart_cairo_paint (model, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return check_status (status, error) &&
         g_file_set_contents (path, (const char *) bytes->data, bytes->len, error);
}
