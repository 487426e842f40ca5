/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <hpdf.h>

G_BEGIN_DECLS

/* The PDF document engine under statements, dunning letters and batches.
 *
 * Coordinates are points (1/72 in), origin at the top-left corner of the page, y growing
 * downwards. Text is UTF-8; fonts are TrueType found through fontconfig ("DejaVu Sans" regular
 * and bold), embedded once per document, with a per-character fallback to other installed
 * TrueType fonts (CJK: WenQuanYi Micro Hei) for what the main face lacks.
 *
 * Errors are sticky, as in cairo: the first failure (a libharu error, a font that can't be
 * loaded) is kept, every later drawing call does nothing, and ar_pdf_save () or
 * ar_pdf_save_to_bytes () return it. ar_pdf_get_error () shows it earlier. Problems that do
 * not stop the document (text in a script printed without shaping, a character no font has)
 * are collected as warnings instead.
 *
 * A document is a list of sections; each starts on a new page, and its pages are numbered
 * "Page 1 of N" within the section when the section ends. A batch of letters is one document
 * with one section per letter. An ArPdf is not thread-safe; separate documents may be built
 * in separate threads. */

#define AR_PDF_MM(mm)     ((mm) * 72.0 / 25.4)
#define AR_PDF_INCH(inch) ((inch) * 72.0)

#define AR_PDF_ERROR (ar_pdf_error_quark ())

typedef enum
{
  AR_PDF_ERROR_LIBHARU,   /* libharu failed; the message carries its error code */
  AR_PDF_ERROR_FONT,      /* no usable TrueType font is installed */
  AR_PDF_ERROR_IMAGE,     /* image bytes are neither PNG nor JPEG, or are damaged */
} ArPdfError;

GQuark ar_pdf_error_quark (void);

typedef enum
{
  AR_PDF_PAPER_A4,        /* 210 × 297 mm */
  AR_PDF_PAPER_LETTER,    /* US Letter, 8.5 × 11 in */
} ArPdfPaper;

typedef enum
{
  AR_PDF_REGULAR,
  AR_PDF_BOLD,
} ArPdfWeight;

typedef enum
{
  AR_PDF_ALIGN_LEFT,
  AR_PDF_ALIGN_RIGHT,
  AR_PDF_ALIGN_CENTER,
} ArPdfAlign;

/* How text looks. Zero-initialised fields mean: regular, left-aligned, black. */
typedef struct
{
  ArPdfWeight weight;
  double      size;       /* font size in points; must be > 0 */
  double      leading;    /* baseline-to-baseline distance in points; 0: 1.3 × size */
  ArPdfAlign  align;
  guint32     color;      /* 0xRRGGBB */
} ArPdfStyle;

typedef struct _ArPdf      ArPdf;
typedef struct _ArPdfImage ArPdfImage;   /* owned by its document */

/* Called at the top of every new page, with the cursor at the top margin, to draw running
 * headers and footers. It may draw anywhere and move the cursor down (a continuation header);
 * it must not start pages. @page is 1-based within the section. */
typedef void (*ArPdfPageFunc) (ArPdf    *pdf,
                               guint     page,
                               gpointer  user_data);

/* Document ------------------------------------------------------------------------------ */

/* A new, empty document. Fails (AR_PDF_ERROR_FONT) when fontconfig finds no TrueType font
 * that libharu can embed; Debian: install fonts-dejavu-core. Default margins: 25 mm left,
 * 20 mm elsewhere. */
ArPdf              *ar_pdf_new                 (ArPdfPaper     paper,
                                                GError       **error);
void                ar_pdf_free                (ArPdf         *pdf);
/* Title, author and subject in the document information; NULL leaves one unset. */
void                ar_pdf_set_metadata        (ArPdf         *pdf,
                                                const char    *title,
                                                const char    *author,
                                                const char    *subject);
/* Page content is deflated by default. Deflating is about half the time of a batch of
 * thousands of letters, for some 8 KB a page, so large batches turn it off; fonts and images
 * stay compressed. Call before the first page. */
void                ar_pdf_set_compress_pages  (ArPdf         *pdf,
                                                gboolean       compress);
ArPdfPaper          ar_pdf_get_paper           (ArPdf         *pdf);
double              ar_pdf_get_page_width      (ArPdf         *pdf);
double              ar_pdf_get_page_height     (ArPdf         *pdf);
/* Margins of the text flow, in points. Left, right and bottom apply at once; the top margin
 * is where the flow starts on the next page. */
void                ar_pdf_set_margins         (ArPdf         *pdf,
                                                double         top,
                                                double         right,
                                                double         bottom,
                                                double         left);
void                ar_pdf_get_margins         (ArPdf         *pdf,
                                                double        *top,
                                                double        *right,
                                                double        *bottom,
                                                double        *left);
/* Left edge and width of the flow between the left and right margins. */
double              ar_pdf_get_content_left    (ArPdf         *pdf);
double              ar_pdf_get_content_width   (ArPdf         *pdf);
/* The first error, or NULL. The document keeps it; later calls are no-ops. */
const GError       *ar_pdf_get_error           (ArPdf         *pdf);
/* Warnings so far (script printed without shaping, character without glyph, unreadable
 * logo ...), NULL-terminated, owned by @pdf; valid until the next drawing call. */
const char * const *ar_pdf_get_warnings        (ArPdf         *pdf,
                                                guint         *n_warnings);
/* Ends the open section, then writes the file atomically: to a temporary file in the same
 * directory, renamed over @path only when complete. On failure no file is left behind and an
 * existing @path is untouched. I/O errors are G_IO_ERROR; the document's own are
 * AR_PDF_ERROR. The document may be extended and saved again. */
gboolean            ar_pdf_save                (ArPdf         *pdf,
                                                const char    *path,
                                                GError       **error);
/* The same, into memory. */
GBytes             *ar_pdf_save_to_bytes       (ArPdf         *pdf,
                                                GError       **error);

/* Sections and pages ---------------------------------------------------------------------- */

/* Ends the open section (if any) and starts a new one on a new page. @page_func (may be
 * NULL) decorates each page of the section, including the first; @destroy frees @user_data
 * when the section ends. */
void                ar_pdf_begin_section       (ArPdf         *pdf,
                                                ArPdfPageFunc  page_func,
                                                gpointer       user_data,
                                                GDestroyNotify destroy);
/* Fills in the page numbers of the open section ("Page 1 of 3") and closes it. Saving ends
 * the last section by itself. */
void                ar_pdf_end_section         (ArPdf         *pdf);
/* Where each page of the section gets "Page i of n" when the section ends: @x is the anchor
 * for @style's alignment, @baseline the text's baseline. With @style NULL, no page numbers
 * (the default for a new section). */
void                ar_pdf_set_page_numbers    (ArPdf            *pdf,
                                                double            x,
                                                double            baseline,
                                                const ArPdfStyle *style);
/* Starts a new page in the open section (opening a section first if there is none). */
void                ar_pdf_new_page            (ArPdf         *pdf);
/* Pages so far: in the whole document, and in the open section (0 when none is open). */
guint               ar_pdf_get_n_pages         (ArPdf         *pdf);
guint               ar_pdf_get_section_page    (ArPdf         *pdf);
guint               ar_pdf_get_n_sections      (ArPdf         *pdf);

/* The flow cursor ---------------------------------------------------------------------------- */

double              ar_pdf_get_y               (ArPdf         *pdf);
void                ar_pdf_set_y               (ArPdf         *pdf,
                                                double         y);
/* Moves the cursor down; at most to the bottom margin (no page break). */
void                ar_pdf_skip                (ArPdf         *pdf,
                                                double         dy);
/* Points left between the cursor and the bottom margin. */
double              ar_pdf_get_remaining       (ArPdf         *pdf);
/* "Keep together": starts a new page unless @height points remain. TRUE if it did. */
gboolean            ar_pdf_keep_together       (ArPdf         *pdf,
                                                double         height);
/* Keeps @height together, then takes it from the flow: returns the top of the block and
 * moves the cursor below it. For charts and other blocks drawn at absolute positions. */
double              ar_pdf_reserve             (ArPdf         *pdf,
                                                double         height);

/* Text (ar-pdf-text.c) ----------------------------------------------------------------------- */

/* Width of @text on one line (line breaks count as spaces). */
double              ar_pdf_text_width          (ArPdf            *pdf,
                                                const ArPdfStyle *style,
                                                const char       *text);
/* Distance from the top of a line to its baseline, for @style. */
double              ar_pdf_text_ascent         (ArPdf            *pdf,
                                                const ArPdfStyle *style);
double              ar_pdf_line_height         (const ArPdfStyle *style);
/* One line at an absolute position: @x is the left edge, the right edge or the centre
 * according to @style->align; @baseline is the baseline. Never breaks pages or lines. */
void                ar_pdf_draw_text           (ArPdf            *pdf,
                                                const ArPdfStyle *style,
                                                double            x,
                                                double            baseline,
                                                const char       *text);
/* Lines @text wraps into at @width: breaks at spaces (and between CJK ideographs), never
 * inside a word unless the word alone is wider than @width. '\n' is a hard break. */
guint               ar_pdf_count_lines         (ArPdf            *pdf,
                                                const ArPdfStyle *style,
                                                double            width,
                                                const char       *text);
/* Wrapped text in a box whose top-left corner is (@x, @y), without page breaks. Returns the
 * height used (lines × leading). */
double              ar_pdf_draw_text_box       (ArPdf            *pdf,
                                                const ArPdfStyle *style,
                                                double            x,
                                                double            y,
                                                double            width,
                                                const char       *text);
/* A paragraph in the flow, between the margins, starting at the cursor; breaks pages
 * between lines and moves the cursor below the last line. Never leaves a single first line
 * at the bottom of a page. */
void                ar_pdf_paragraph           (ArPdf            *pdf,
                                                const ArPdfStyle *style,
                                                const char       *text);

/* Images ----------------------------------------------------------------------------------- */

/* Loads PNG or JPEG bytes once per document: loading the same bytes again returns the same
 * image, so a logo on 10,000 pages is embedded once. NULL with @error set when the bytes are
 * not a readable PNG or JPEG (the document itself stays usable). */
ArPdfImage         *ar_pdf_load_image          (ArPdf         *pdf,
                                                GBytes        *bytes,
                                                GError       **error);
void                ar_pdf_image_get_size      (ArPdfImage    *image,
                                                guint         *width,
                                                guint         *height);
/* Draws @image into the box at (@x, @y) of @width × @height. */
void                ar_pdf_draw_image          (ArPdf         *pdf,
                                                ArPdfImage    *image,
                                                double         x,
                                                double         y,
                                                double         width,
                                                double         height);

/* Vector graphics, for tables and chart painters --------------------------------------------- */

/* A straight line of @width points. */
void                ar_pdf_draw_line           (ArPdf         *pdf,
                                                double         x0,
                                                double         y0,
                                                double         x1,
                                                double         y1,
                                                double         width,
                                                guint32        color);
void                ar_pdf_fill_rect           (ArPdf         *pdf,
                                                double         x,
                                                double         y,
                                                double         width,
                                                double         height,
                                                guint32        color);
/* The current page, for drawing with libharu directly (NULL before the first page). libharu
 * errors on it are caught by the document like its own. Leave the page as you found it:
 * balance HPDF_Page_GSave/GRestore, and end text objects you begin. */
HPDF_Page           ar_pdf_get_page            (ArPdf         *pdf);
HPDF_Doc            ar_pdf_get_hpdf            (ArPdf         *pdf);
/* The document's main font (DejaVu Sans, "UTF-8" encoding) for painters that draw text
 * with libharu themselves; loaded once per document. It has no fallback for characters it
 * lacks (CJK): ar_pdf_draw_text () has. */
HPDF_Font           ar_pdf_get_font            (ArPdf         *pdf,
                                                ArPdfWeight    weight);
/* Our y (top-left origin) as PDF's y (bottom-left origin): page height - @y. x is the same. */
double              ar_pdf_to_pdf_y            (ArPdf         *pdf,
                                                double         y);
/* The same as a matrix for HPDF_Page_Concat (a, b, c, d, e, f) = (1, 0, 0, -1, 0, H). Text
 * drawn under it would be mirrored: draw text with ar_pdf_draw_text () outside it. */
void                ar_pdf_get_matrix          (ArPdf         *pdf,
                                                double         matrix[6]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArPdf, ar_pdf_free)

G_END_DECLS
