/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-pdf"
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-pdf-private.h"

#define EPSILON 1e-6

/* Measuring, single lines, wrapping and paragraphs. Widths come from the fonts' own advance
 * widths (cached per face), so what is measured is what libharu prints. */

const char *
_ar_pdf_valid_text (ArPdf       *pdf,
                    const char  *text,
                    char       **tmp)
{
  if (text == NULL)
    return "";
  if (g_utf8_validate (text, -1, NULL))
    return text;
  *tmp = g_utf8_make_valid (text, -1);
  _ar_pdf_warn (pdf, _("Text that was not valid UTF-8 was repaired: “%s”"), *tmp);
  return *tmp;
}

static gboolean
ensure_page (ArPdf *pdf)
{
  if (!_ar_pdf_ok (pdf))
    return FALSE;
  if (pdf->page == NULL)
    ar_pdf_new_page (pdf);
  return _ar_pdf_ok (pdf) && pdf->page != NULL;
}

double
ar_pdf_line_height (const ArPdfStyle *style)
{
  g_return_val_if_fail (style != NULL, 0.0);
  return style->leading > 0 ? style->leading : 1.3 * style->size;
}

double
ar_pdf_text_ascent (ArPdf            *pdf,
                    const ArPdfStyle *style)
{
  int ascent, descent;
  double box;

  g_return_val_if_fail (pdf != NULL, 0.0);
  g_return_val_if_fail (style != NULL, 0.0);

  /* The glyph box (ascent to descent) is centred in the line; every run uses the main
   * face's metrics, so fallback fonts sit on the same baseline. */
  _ar_pdf_fonts_get_metrics (pdf->fonts, &ascent, &descent);
  box = style->size * (ascent - descent) / 1000.0;
  return (ar_pdf_line_height (style) - box) / 2.0 + style->size * ascent / 1000.0;
}

double
_ar_pdf_measure (ArPdf            *pdf,
                 const ArPdfStyle *style,
                 const char       *text,
                 gsize             len)
{
  const char *end = text + len;
  gint64 total = 0;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    total += _ar_pdf_fonts_advance (pdf->fonts, style->weight, g_utf8_get_char (p));
  return total * style->size / 1000.0;
}

void
_ar_pdf_show_text (ArPdf            *pdf,
                   HPDF_Page         page,
                   const ArPdfStyle *style,
                   double            x,
                   double            baseline,
                   const char       *text,
                   gsize             len)
{
  HPDF_Font last = NULL;
  guint n;

  if (!_ar_pdf_ok (pdf) || page == NULL)
    return;
  n = _ar_pdf_fonts_split (pdf->fonts, style->weight, text, len, pdf->run_buf, pdf->runs);
  if (n == 0)
    return;

  HPDF_Page_BeginText (page);
  _ar_pdf_set_fill (page, style->color);
  HPDF_Page_MoveTextPos (page, (HPDF_REAL) x, (HPDF_REAL) (pdf->height - baseline));
  for (guint i = 0; i < n; i++)
    {
      const ArPdfRun *run = &g_array_index (pdf->runs, ArPdfRun, i);
      HPDF_Font font = _ar_pdf_face_get_font (run->face);

      if (font != last)
        HPDF_Page_SetFontAndSize (page, font, (HPDF_REAL) style->size);
      last = font;
      HPDF_Page_ShowText (page, pdf->run_buf->str + run->offset);
    }
  HPDF_Page_EndText (page);
  _ar_pdf_ok (pdf);
}

double
ar_pdf_text_width (ArPdf            *pdf,
                   const ArPdfStyle *style,
                   const char       *text)
{
  g_autofree char *tmp = NULL;

  g_return_val_if_fail (pdf != NULL, 0.0);
  g_return_val_if_fail (style != NULL && style->size > 0, 0.0);

  text = _ar_pdf_valid_text (pdf, text, &tmp);
  return _ar_pdf_measure (pdf, style, text, strlen (text));
}

void
ar_pdf_draw_text (ArPdf            *pdf,
                  const ArPdfStyle *style,
                  double            x,
                  double            baseline,
                  const char       *text)
{
  g_autofree char *tmp = NULL;
  gsize len;

  g_return_if_fail (pdf != NULL);
  g_return_if_fail (style != NULL && style->size > 0);

  if (!ensure_page (pdf))
    return;
  text = _ar_pdf_valid_text (pdf, text, &tmp);
  len = strlen (text);
  if (style->align == AR_PDF_ALIGN_RIGHT)
    x -= _ar_pdf_measure (pdf, style, text, len);
  else if (style->align == AR_PDF_ALIGN_CENTER)
    x -= _ar_pdf_measure (pdf, style, text, len) / 2.0;
  _ar_pdf_show_text (pdf, pdf->page, style, x, baseline, text, len);
}

/* Line breaking ---------------------------------------------------------------------------- */

static gboolean
is_space (gunichar c)
{
  /* Breaking spaces; U+00A0, U+2007 and U+202F are no-break spaces and stay inside words.
   * U+200B (zero-width space) is a break opportunity that prints nothing. */
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0x1680 || c == 0x205F || c == 0x200B ||
         (c >= 0x2000 && c <= 0x200A && c != 0x2007);
}

/* Between ideographs (Chinese, Japanese kana and kanji) a line may break anywhere, except
 * before closing punctuation and small kana, and after opening punctuation (UAX #14 classes
 * through g_unichar_break_type). Elsewhere only spaces break. */
static gboolean
cjk_break_before (gunichar prev,
                  gunichar c)
{
  GUnicodeBreakType before, after;

  if (prev < 0x2E80 && c < 0x2E80)
    return FALSE;
  before = g_unichar_break_type (prev);
  after = g_unichar_break_type (c);
  if (before != G_UNICODE_BREAK_IDEOGRAPHIC && after != G_UNICODE_BREAK_IDEOGRAPHIC)
    return FALSE;
  switch ((int) after)
    {
    case G_UNICODE_BREAK_CLOSE_PUNCTUATION:
    case G_UNICODE_BREAK_CLOSE_PARENTHESIS:
    case G_UNICODE_BREAK_NON_STARTER:
    case G_UNICODE_BREAK_CONDITIONAL_JAPANESE_STARTER:
    case G_UNICODE_BREAK_EXCLAMATION:
    case G_UNICODE_BREAK_INFIX_SEPARATOR:
    case G_UNICODE_BREAK_QUOTATION:
      return FALSE;
    default:
      break;
    }
  return before != G_UNICODE_BREAK_OPEN_PUNCTUATION && before != G_UNICODE_BREAK_QUOTATION;
}

static void
add_line (ArPdf      *pdf,
          const char *text,
          gsize       start,
          gsize       end)
{
  ArPdfLine line;

  /* Spaces at the end of a line are not printed (and must not shift right-aligned text). */
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (text + start, text + end);

      if (prev == NULL || !is_space (g_utf8_get_char (prev)))
        break;
      end = (gsize) (prev - text);
    }
  line.start = (guint) start;
  line.end = (guint) end;
  g_array_append_val (pdf->lines, line);
}

guint
_ar_pdf_wrap (ArPdf            *pdf,
              const ArPdfStyle *style,
              double            width,
              const char       *text)
{
  double limit = width * 1000.0 / style->size;   /* in advance units (1/1000 em) */
  gsize start = 0;            /* where the current line starts */
  gint64 w = 0;               /* advance of [start, pos) */
  gssize brk_end = -1;        /* the last break opportunity: the line would end here, */
  gsize brk_next = 0;         /* the next one would start here, */
  gint64 w_next = 0;          /* and [start, brk_next) is this wide */
  gunichar prev = 0;
  gsize pos = 0;

  g_array_set_size (pdf->lines, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int advance;

      pos = (gsize) (p - text);
      if (c == '\n')
        {
          add_line (pdf, text, start, pos);
          start = pos + 1;
          w = 0;
          brk_end = -1;
          prev = 0;
          continue;
        }

      advance = _ar_pdf_fonts_advance (pdf->fonts, style->weight, c);
      if (is_space (c))
        {
          /* Spaces never overflow a line: they are dropped at a break. */
          if (prev == 0 || !is_space (prev))
            brk_end = (gssize) pos;
          brk_next = (gsize) (g_utf8_next_char (p) - text);
          w += advance;
          w_next = w;
          prev = c;
          continue;
        }

      if (prev != 0 && cjk_break_before (prev, c))
        {
          brk_end = (gssize) pos;
          brk_next = pos;
          w_next = w;
        }

      while (w + advance > limit && pos > start)
        {
          if (brk_end > (gssize) start)
            {
              add_line (pdf, text, start, (gsize) brk_end);
              start = brk_next;
              w -= w_next;
              brk_end = -1;
            }
          else if (!g_unichar_ismark (c))
            {
              /* One word wider than the line: split it, keeping accents with their letter. */
              add_line (pdf, text, start, pos);
              start = pos;
              w = 0;
              brk_end = -1;
            }
          else
            break;
        }
      w += advance;
      prev = c;
    }

  pos = strlen (text);
  if (start < pos)
    add_line (pdf, text, start, pos);
  return pdf->lines->len;
}

guint
ar_pdf_count_lines (ArPdf            *pdf,
                    const ArPdfStyle *style,
                    double            width,
                    const char       *text)
{
  g_autofree char *tmp = NULL;

  g_return_val_if_fail (pdf != NULL, 0);
  g_return_val_if_fail (style != NULL && style->size > 0, 0);

  text = _ar_pdf_valid_text (pdf, text, &tmp);
  return _ar_pdf_wrap (pdf, style, width, text);
}

void
_ar_pdf_show_aligned (ArPdf            *pdf,
                      const ArPdfStyle *style,
                      double            x,
                      double            width,
                      double            top,
                      const char       *text,
                      const ArPdfLine  *line)
{
  const char *start = text + line->start;
  gsize len = line->end - line->start;

  if (len == 0)
    return;
  if (style->align == AR_PDF_ALIGN_RIGHT)
    x += width - _ar_pdf_measure (pdf, style, start, len);
  else if (style->align == AR_PDF_ALIGN_CENTER)
    x += (width - _ar_pdf_measure (pdf, style, start, len)) / 2.0;
  _ar_pdf_show_text (pdf, pdf->page, style, x, top + ar_pdf_text_ascent (pdf, style), start,
                     len);
}

double
ar_pdf_draw_text_box (ArPdf            *pdf,
                      const ArPdfStyle *style,
                      double            x,
                      double            y,
                      double            width,
                      const char       *text)
{
  g_autofree char *tmp = NULL;
  g_autofree ArPdfLine *lines = NULL;
  double leading;
  guint n;

  g_return_val_if_fail (pdf != NULL, 0.0);
  g_return_val_if_fail (style != NULL && style->size > 0, 0.0);

  if (!ensure_page (pdf))
    return 0.0;
  text = _ar_pdf_valid_text (pdf, text, &tmp);
  n = _ar_pdf_wrap (pdf, style, width, text);
  lines = g_memdup2 (pdf->lines->data, n * sizeof (ArPdfLine));
  leading = ar_pdf_line_height (style);
  for (guint i = 0; i < n; i++)
    _ar_pdf_show_aligned (pdf, style, x, width, y + i * leading, text, &lines[i]);
  return n * leading;
}

void
ar_pdf_paragraph (ArPdf            *pdf,
                  const ArPdfStyle *style,
                  const char       *text)
{
  g_autofree char *tmp = NULL;
  g_autofree ArPdfLine *lines = NULL;
  double leading, x, width;
  guint n, first_break = G_MAXUINT;

  g_return_if_fail (pdf != NULL);
  g_return_if_fail (style != NULL && style->size > 0);

  if (!ensure_page (pdf))
    return;
  text = _ar_pdf_valid_text (pdf, text, &tmp);
  x = pdf->margin_left;
  width = ar_pdf_get_content_width (pdf);
  leading = ar_pdf_line_height (style);
  /* Copied: the page function of a page break may wrap text of its own. */
  n = _ar_pdf_wrap (pdf, style, width, text);
  lines = g_memdup2 (pdf->lines->data, n * sizeof (ArPdfLine));

  /* Orphans and widows: never one first line alone at the foot of a page, never one last
   * line alone at the top of the next. */
  if (!pdf->in_page_func && pdf->y > pdf->page_top + EPSILON)
    {
      guint fit = (guint) floor ((_ar_pdf_content_bottom (pdf) - pdf->y + EPSILON) / leading);

      if (fit < n)
        {
          if (fit == 1)
            first_break = 0;               /* orphan: all of it to the next page */
          else if (n - fit == 1)
            first_break = fit >= 3 ? fit - 1 : 0;   /* widow: one more line goes along */
        }
    }

  for (guint i = 0; i < n && _ar_pdf_ok (pdf); i++)
    {
      if (!pdf->in_page_func && pdf->y > pdf->page_top + EPSILON &&
          (i == first_break || pdf->y + leading > _ar_pdf_content_bottom (pdf) + EPSILON))
        ar_pdf_new_page (pdf);
      _ar_pdf_show_aligned (pdf, style, x, width, pdf->y, text, &lines[i]);
      pdf->y += leading;
    }
}
