/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-chart"
#include "config.h"

#include <string.h>

#include <fontconfig/fontconfig.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ar-chart-pdf.h"

/* Bold labels are the regular face filled and stroked with this much of the size. */
#define FAUX_BOLD_STROKE 0.045
/* Lines are drawn thinner on paper than on screen: 1 unit becomes 0.75 pt. */
#define LINE_SCALE 0.75
/* Control point distance of a quarter circle drawn as one cubic Bézier. */
#define KAPPA 0.5523

typedef struct
{
  HPDF_Page page;
  double    left;   /* the chart's top-left corner, PDF coordinates */
  double    top;
} Painter;

static HPDF_REAL
px (const Painter *p, double x)
{
  return (HPDF_REAL) (p->left + x);
}

static HPDF_REAL
py (const Painter *p, double y)
{
  return (HPDF_REAL) (p->top - y);
}

double
ar_chart_pdf_measure (const char *text, double size, gboolean bold, gpointer user_data)
{
  HPDF_Font font = user_data;
  HPDF_TextWidth width;
  double w;

  g_return_val_if_fail (text != NULL, 0);

  if (font == NULL)
    return ar_chart_measure_dejavu (text, size, bold, NULL);
  width = HPDF_Font_TextWidth (font, (const HPDF_BYTE *) text, (HPDF_UINT) strlen (text));
  w = width.width * size / 1000.0;
  /* The faux bold's stroke widens each glyph a little. */
  return bold ? w * 1.04 + size * FAUX_BOLD_STROKE : w;
}

static void
fill_color (const Painter *p, ArChartColor c)
{
  HPDF_Page_SetRGBFill (p->page, (HPDF_REAL) c.r, (HPDF_REAL) c.g, (HPDF_REAL) c.b);
}

static void
stroke_color (const Painter *p, ArChartColor c)
{
  HPDF_Page_SetRGBStroke (p->page, (HPDF_REAL) c.r, (HPDF_REAL) c.g, (HPDF_REAL) c.b);
}

/* A rectangle (model coordinates) with the corners on one side rounded: the top ones when
 * @round_top, else the bottom ones; @both rounds all four. */
static void
rect_path (const Painter *p, const ArChartRect *rect, double radius, gboolean round_top,
           gboolean both)
{
  double x0 = rect->x, y0 = rect->y;
  double x1 = rect->x + rect->width, y1 = rect->y + rect->height;
  double r = MIN (radius, MIN (rect->width / 2, rect->height / (both ? 2 : 1)));
  double k = r * KAPPA;
  gboolean top = round_top || both;
  gboolean bottom = !round_top || both;

  if (r <= 0.05)
    {
      HPDF_Page_Rectangle (p->page, px (p, x0), py (p, y1), (HPDF_REAL) rect->width,
                           (HPDF_REAL) rect->height);
      return;
    }

  /* Clockwise on the page from the left edge's bottom end (y grows downwards here). */
  HPDF_Page_MoveTo (p->page, px (p, x0), py (p, bottom ? y1 - r : y1));
  if (top)
    {
      HPDF_Page_LineTo (p->page, px (p, x0), py (p, y0 + r));
      HPDF_Page_CurveTo (p->page, px (p, x0), py (p, y0 + r - k), px (p, x0 + r - k), py (p, y0),
                         px (p, x0 + r), py (p, y0));
      HPDF_Page_LineTo (p->page, px (p, x1 - r), py (p, y0));
      HPDF_Page_CurveTo (p->page, px (p, x1 - r + k), py (p, y0), px (p, x1), py (p, y0 + r - k),
                         px (p, x1), py (p, y0 + r));
    }
  else
    {
      HPDF_Page_LineTo (p->page, px (p, x0), py (p, y0));
      HPDF_Page_LineTo (p->page, px (p, x1), py (p, y0));
    }
  if (bottom)
    {
      HPDF_Page_LineTo (p->page, px (p, x1), py (p, y1 - r));
      HPDF_Page_CurveTo (p->page, px (p, x1), py (p, y1 - r + k), px (p, x1 - r + k), py (p, y1),
                         px (p, x1 - r), py (p, y1));
      HPDF_Page_LineTo (p->page, px (p, x0 + r), py (p, y1));
      HPDF_Page_CurveTo (p->page, px (p, x0 + r - k), py (p, y1), px (p, x0), py (p, y1 - r + k),
                         px (p, x0), py (p, y1 - r));
    }
  else
    {
      HPDF_Page_LineTo (p->page, px (p, x1), py (p, y1));
      HPDF_Page_LineTo (p->page, px (p, x0), py (p, y1));
    }
  HPDF_Page_ClosePath (p->page);
}

static void
draw_lines (const Painter *p, const ArChartModel *model, gboolean over_bars)
{
  for (guint i = 0; i < model->lines->len; i++)
    {
      const ArChartLine *line = &g_array_index (model->lines, ArChartLine, i);

      if (line->over_bars != over_bars)
        continue;
      stroke_color (p, line->color);
      HPDF_Page_SetLineWidth (p->page, (HPDF_REAL) (line->width * LINE_SCALE));
      HPDF_Page_MoveTo (p->page, px (p, line->x1), py (p, line->y1));
      HPDF_Page_LineTo (p->page, px (p, line->x2), py (p, line->y2));
      HPDF_Page_Stroke (p->page);
    }
}

static void
draw_label (const Painter *p, HPDF_Font font, const ArChartLabel *label)
{
  double x = label->x;
  double w;

  if (label->align != AR_CHART_ALIGN_START)
    {
      w = ar_chart_pdf_measure (label->text, label->size, FALSE, font);
      x -= label->align == AR_CHART_ALIGN_CENTER ? w / 2 : w;
    }
  fill_color (p, label->color);
  HPDF_Page_BeginText (p->page);
  HPDF_Page_SetFontAndSize (p->page, font, (HPDF_REAL) label->size);
  if (label->bold)
    {
      stroke_color (p, label->color);
      HPDF_Page_SetLineWidth (p->page, (HPDF_REAL) (label->size * FAUX_BOLD_STROKE));
      HPDF_Page_SetTextRenderingMode (p->page, HPDF_FILL_THEN_STROKE);
    }
  HPDF_Page_TextOut (p->page, px (p, x), py (p, label->y), label->text);
  if (label->bold)
    HPDF_Page_SetTextRenderingMode (p->page, HPDF_FILL);
  HPDF_Page_EndText (p->page);
}

void
ar_chart_pdf_paint (ArChartModel *model, HPDF_Page page, HPDF_Font font, float x, float y,
                    float w, float h)
{
  ArChartRect all = { 0, 0, w, h };
  Painter p;

  g_return_if_fail (model != NULL);
  g_return_if_fail (page != NULL);
  g_return_if_fail (font != NULL);
  g_return_if_fail (w > 0 && h > 0);

  p = (Painter) { page, x, HPDF_Page_GetHeight (page) - y };

  ar_chart_model_layout (model, w, h, ar_chart_pdf_measure, font);

  HPDF_Page_GSave (page);
  rect_path (&p, &all, 0, TRUE, FALSE);
  HPDF_Page_Clip (page);
  HPDF_Page_EndPath (page);

  fill_color (&p, model->palette.background);
  rect_path (&p, &all, 0, TRUE, FALSE);
  HPDF_Page_Fill (page);

  HPDF_Page_SetLineCap (page, HPDF_BUTT_END);
  draw_lines (&p, model, FALSE);

  for (guint i = 0; i < model->bars->len; i++)
    {
      const ArChartBar *bar = &g_array_index (model->bars, ArChartBar, i);

      fill_color (&p, bar->color);
      rect_path (&p, &bar->rect, bar->radius, bar->value > 0, FALSE);
      HPDF_Page_Fill (page);
    }

  draw_lines (&p, model, TRUE);

  for (guint i = 0; i < model->legend->len; i++)
    {
      const ArChartLegendEntry *entry = &g_array_index (model->legend, ArChartLegendEntry, i);

      fill_color (&p, entry->color);
      rect_path (&p, &entry->swatch, entry->radius, TRUE, TRUE);
      HPDF_Page_Fill (page);
    }

  for (guint i = 0; i < model->labels->len; i++)
    draw_label (&p, font, &g_array_index (model->labels, ArChartLabel, i));

  HPDF_Page_GRestore (page);
}

/* The one-page document --------------------------------------------------------------------- */

typedef struct
{
  HPDF_STATUS status;
  HPDF_STATUS detail;
} PdfError;

static void
on_pdf_error (HPDF_STATUS status, HPDF_STATUS detail, void *user_data)
{
  PdfError *error = user_data;

  if (error->status == 0)
    {
      error->status = status;
      error->detail = detail;
    }
}

/* The file of the TrueType face fontconfig picks for @family, or NULL. */
static char *
find_font_file (const char *family, GError **error)
{
  FcPattern *pattern = FcPatternCreate ();
  FcPattern *match;
  FcResult result = FcResultNoMatch;
  FcChar8 *file = NULL;
  FcChar8 *format = NULL;
  char *path = NULL;

  FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) family);
  FcPatternAddInteger (pattern, FC_WEIGHT, FC_WEIGHT_REGULAR);
  FcPatternAddInteger (pattern, FC_SLANT, FC_SLANT_ROMAN);
  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  if (match != NULL &&
      FcPatternGetString (match, FC_FILE, 0, &file) == FcResultMatch &&
      FcPatternGetString (match, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
      g_str_equal ((const char *) format, "TrueType"))
    path = g_strdup ((const char *) file);
  if (match != NULL)
    FcPatternDestroy (match);
  FcPatternDestroy (pattern);

  if (path == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("No TrueType font “%s” was found for the PDF (install fonts-dejavu-core)"),
                 family);
  return path;
}

static gboolean
check_pdf (const PdfError *pdf_error, GError **error)
{
  if (pdf_error->status == 0)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not make the chart’s PDF (libharu error 0x%04X, detail %u)"),
               (guint) pdf_error->status, (guint) pdf_error->detail);
  return FALSE;
}

gboolean
ar_chart_write_pdf (ArChartModel *model, const char *path, double width, double height,
                    GError **error)
{
  PdfError pdf_error = { 0, 0 };
  g_autofree char *font_path = NULL;
  g_autofree HPDF_BYTE *data = NULL;
  const char *font_name;
  HPDF_UINT32 size = 0;
  HPDF_Font font;
  HPDF_Page page;
  HPDF_Doc pdf;
  gboolean ok;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width >= 72 && height >= 72 && width <= 14400 && height <= 14400, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  font_path = find_font_file ("DejaVu Sans", error);
  if (font_path == NULL)
    return FALSE;

  pdf = HPDF_New (on_pdf_error, &pdf_error);
  if (pdf == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Could not make the chart’s PDF (out of memory)"));
      return FALSE;
    }
  HPDF_SetCompressionMode (pdf, HPDF_COMP_ALL);
  HPDF_SetInfoAttr (pdf, HPDF_INFO_CREATOR, "Arrears");
  HPDF_UseUTFEncodings (pdf);
  font_name = HPDF_LoadTTFontFromFile (pdf, font_path, HPDF_TRUE);
  font = font_name != NULL ? HPDF_GetFont (pdf, font_name, "UTF-8") : NULL;
  if (font == NULL || pdf_error.status != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not load the font %s for the PDF (libharu error 0x%04X)"),
                   font_path, (guint) pdf_error.status);
      HPDF_Free (pdf);
      return FALSE;
    }

  page = HPDF_AddPage (pdf);
  HPDF_Page_SetWidth (page, (HPDF_REAL) width);
  HPDF_Page_SetHeight (page, (HPDF_REAL) height);
  ar_chart_pdf_paint (model, page, font, 0, 0, (float) width, (float) height);

  if (pdf_error.status == 0 && HPDF_SaveToStream (pdf) == HPDF_OK)
    {
      size = HPDF_GetStreamSize (pdf);
      data = g_malloc (MAX (size, 1));
      HPDF_ReadFromStream (pdf, data, &size);
    }
  ok = check_pdf (&pdf_error, error);
  HPDF_Free (pdf);

  return ok && g_file_set_contents (path, (const char *) data, size, error);
}
