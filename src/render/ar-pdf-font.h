/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <hpdf.h>

#include "ar-pdf.h"

G_BEGIN_DECLS

/* Fonts of one document (internal to the render layer).
 *
 * The main faces are what fontconfig matches for "DejaVu Sans" regular and bold. A character
 * the main face lacks (FC_CHARSET) is printed with the first installed TrueType font that has
 * it (FcFontSort on a pattern carrying that character); fonts libharu can't read (CFF-based
 * OpenType such as Noto CJK) are skipped. Each font file + face index is loaded into the
 * document once, when first needed, so a fallback font is only embedded where it is used. A
 * character no font has becomes U+FFFD (or '?') with a warning. Characters beyond the Basic
 * Multilingual Plane are treated as missing: libharu 2.3 reads only format-4 cmaps. */

typedef struct _ArPdfFace  ArPdfFace;
typedef struct _ArPdfFonts ArPdfFonts;

/* A stretch of text printed with one face: NUL-terminated UTF-8 at @offset in the run
 * buffer. */
typedef struct
{
  ArPdfFace *face;
  guint      offset;
} ArPdfRun;

ArPdfFonts *_ar_pdf_fonts_new         (ArPdf        *pdf,
                                       GError      **error);
void        _ar_pdf_fonts_free        (ArPdfFonts   *fonts);
/* Ascent and descent (negative) of the main regular face, in 1/1000 em. */
void        _ar_pdf_fonts_get_metrics (ArPdfFonts   *fonts,
                                       int          *ascent,
                                       int          *descent);
/* Advance width of @c in 1/1000 em as it will be printed (after fallback or substitution);
 * 0 for characters that are not printed (controls, format characters such as U+00AD). */
int         _ar_pdf_fonts_advance     (ArPdfFonts   *fonts,
                                       ArPdfWeight   weight,
                                       gunichar      c);
/* Splits @len bytes of valid UTF-8 into runs of one face each, appended to @runs, with their
 * text in @buf (both emptied first). Records warnings for substituted characters and for
 * scripts printed without shaping. Returns the number of runs. */
guint       _ar_pdf_fonts_split       (ArPdfFonts   *fonts,
                                       ArPdfWeight   weight,
                                       const char   *text,
                                       gsize         len,
                                       GString      *buf,
                                       GArray       *runs);
HPDF_Font   _ar_pdf_face_get_font     (ArPdfFace    *face);
/* The libharu font of the main face for @weight (the bold one loaded on first request). */
HPDF_Font   _ar_pdf_fonts_get_main    (ArPdfFonts   *fonts,
                                       ArPdfWeight   weight);

G_END_DECLS
