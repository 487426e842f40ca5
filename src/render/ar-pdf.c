/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-pdf"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ar-pdf-private.h"

#define MAX_WARNINGS 200
#define READ_CHUNK   (256 * 1024)

struct _ArPdfImage
{
  HPDF_Image image;
  guint      width;
  guint      height;
};

G_DEFINE_QUARK (ar-pdf-error-quark, ar_pdf_error)

/* Errors ------------------------------------------------------------------------------------ */

/* libharu calls this for every error on the document, whoever made the call (our code or a
 * chart painter using the page directly). The first one is kept until it is taken. */
static void
hpdf_error_cb (HPDF_STATUS  error_no,
               HPDF_STATUS  detail_no,
               void        *user_data)
{
  ArPdf *pdf = user_data;

  if (pdf->hpdf_error == HPDF_OK)
    {
      pdf->hpdf_error = error_no;
      pdf->hpdf_detail = detail_no;
    }
}

const char *
_ar_pdf_hpdf_explain (HPDF_STATUS status)
{
  switch (status)
    {
    case HPDF_FAILD_TO_ALLOC_MEM:
      return _("out of memory");
    case HPDF_FILE_IO_ERROR:
    case HPDF_FILE_OPEN_ERROR:
      return _("a file could not be opened or read");
    case HPDF_FONT_EXISTS:
    case HPDF_DUPLICATE_REGISTRATION:
      return _("the same font was loaded twice");
    case HPDF_INVALID_TTC_FILE:
    case HPDF_INVALID_TTC_INDEX:
    case HPDF_TTF_INVALID_CMAP:
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_TTF_MISSING_TABLE:
    case HPDF_INVALID_FONTDEF_DATA:
    case HPDF_UNSUPPORTED_FONT_TYPE:
      return _("a font file is damaged or of a kind the PDF library cannot read");
    case HPDF_TTF_CANNOT_EMBEDDING_FONT:
      return _("a font's licence does not allow embedding it");
    case HPDF_INVALID_PNG_IMAGE:
    case HPDF_LIBPNG_ERROR:
      return _("a PNG image is damaged or unsupported");
    case HPDF_INVALID_JPEG_DATA:
    case HPDF_UNSUPPORTED_JPEG_FORMAT:
      return _("a JPEG image is damaged or unsupported (progressive and CMYK JPEGs are not)");
    case HPDF_INVALID_IMAGE:
    case HPDF_INVALID_COLOR_SPACE:
    case HPDF_INVALID_BIT_PER_COMPONENT:
      return _("an image is in a form the PDF library cannot embed");
    case HPDF_PAGE_INVALID_GMODE:
      return _("a drawing call came at the wrong time (for example text outside a text object)");
    case HPDF_PAGE_CANNOT_RESTORE_GSTATE:
    case HPDF_EXCEED_GSTATE_LIMIT:
      return _("graphics state saves and restores are unbalanced");
    case HPDF_PAGE_INVALID_FONT:
    case HPDF_PAGE_FONT_NOT_FOUND:
    case HPDF_PAGE_INVALID_FONT_SIZE:
      return _("text was drawn without a valid font or size");
    case HPDF_PAGE_OUT_OF_RANGE:
    case HPDF_PAGE_INVALID_SIZE:
    case HPDF_REAL_OUT_OF_RANGE:
    case HPDF_PAGE_INVALID_PARAM_COUNT:
    case HPDF_INVALID_PARAMETER:
      return _("a drawing parameter was out of range");
    case HPDF_STRING_OUT_OF_RANGE:
      return _("a text string was too long");
    case HPDF_ZLIB_ERROR:
      return _("compressing the document failed");
    case HPDF_INVALID_DOCUMENT:
    case HPDF_INVALID_DOCUMENT_STATE:
    case HPDF_INVALID_OBJECT:
    case HPDF_INVALID_PAGE:
      return _("the document is in an inconsistent state");
    default:
      return _("an internal error of the PDF library");
    }
}

void
_ar_pdf_set_error (ArPdf  *pdf,
                   GError *error)
{
  if (pdf->error == NULL)
    pdf->error = error;
  else
    g_error_free (error);
}

gboolean
_ar_pdf_ok (ArPdf *pdf)
{
  if (pdf->hpdf_error != HPDF_OK)
    {
      _ar_pdf_set_error (pdf, g_error_new (AR_PDF_ERROR, AR_PDF_ERROR_LIBHARU,
                                           _("The PDF library (libharu) reported error 0x%04X "
                                             "(detail %u): %s"),
                                           (unsigned) pdf->hpdf_error,
                                           (unsigned) pdf->hpdf_detail,
                                           _ar_pdf_hpdf_explain (pdf->hpdf_error)));
      _ar_pdf_take_hpdf_error (pdf);
    }
  return pdf->error == NULL;
}

HPDF_STATUS
_ar_pdf_take_hpdf_error (ArPdf *pdf)
{
  HPDF_STATUS status = pdf->hpdf_error;

  pdf->hpdf_error = HPDF_OK;
  pdf->hpdf_detail = HPDF_OK;
  if (status != HPDF_OK && pdf->doc != NULL)
    HPDF_ResetError (pdf->doc);
  return status;
}

const GError *
ar_pdf_get_error (ArPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, NULL);

  _ar_pdf_ok (pdf);
  return pdf->error;
}

void
_ar_pdf_warn (ArPdf      *pdf,
              const char *format,
              ...)
{
  va_list args;
  char *message;

  if (pdf->warnings->len > MAX_WARNINGS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (g_hash_table_contains (pdf->warning_set, message))
    {
      g_free (message);
      return;
    }
  g_debug ("%s", message);
  if (pdf->warnings->len == MAX_WARNINGS)
    {
      g_free (message);
      message = g_strdup (_("More warnings were left out"));
    }
  g_ptr_array_add (pdf->warnings, message);
  g_hash_table_add (pdf->warning_set, message);
}

const char * const *
ar_pdf_get_warnings (ArPdf *pdf,
                     guint *n_warnings)
{
  g_return_val_if_fail (pdf != NULL, NULL);

  if (n_warnings != NULL)
    *n_warnings = pdf->warnings->len;
  return (const char * const *) pdf->warnings->pdata;
}

/* Document ---------------------------------------------------------------------------------- */

static void
image_free (gpointer data)
{
  g_free (data);
}

ArPdf *
ar_pdf_new (ArPdfPaper   paper,
            GError     **error)
{
  g_autoptr(ArPdf) pdf = NULL;

  g_return_val_if_fail (paper == AR_PDF_PAPER_A4 || paper == AR_PDF_PAPER_LETTER, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pdf = g_new0 (ArPdf, 1);
  pdf->paper = paper;
  if (paper == AR_PDF_PAPER_A4)
    {
      pdf->width = AR_PDF_MM (210.0);
      pdf->height = AR_PDF_MM (297.0);
    }
  else
    {
      pdf->width = AR_PDF_INCH (8.5);
      pdf->height = AR_PDF_INCH (11.0);
    }
  pdf->margin_top = AR_PDF_MM (20.0);
  pdf->margin_right = AR_PDF_MM (20.0);
  pdf->margin_bottom = AR_PDF_MM (20.0);
  pdf->margin_left = AR_PDF_MM (25.0);
  pdf->section_pages = g_ptr_array_new ();
  pdf->warnings = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  pdf->warning_set = g_hash_table_new (g_str_hash, g_str_equal);
  pdf->images = g_ptr_array_new_with_free_func (image_free);
  pdf->images_by_ptr = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) g_bytes_unref, NULL);
  pdf->images_by_data = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                               (GDestroyNotify) g_bytes_unref, NULL);
  pdf->run_buf = g_string_sized_new (256);
  pdf->runs = g_array_new (FALSE, FALSE, sizeof (ArPdfRun));
  pdf->lines = g_array_new (FALSE, FALSE, sizeof (ArPdfLine));

  pdf->doc = HPDF_New (hpdf_error_cb, pdf);
  if (pdf->doc == NULL)
    {
      g_set_error (error, AR_PDF_ERROR, AR_PDF_ERROR_LIBHARU,
                   _("The PDF library (libharu) could not create a document: %s"),
                   _ar_pdf_hpdf_explain (HPDF_FAILD_TO_ALLOC_MEM));
      return NULL;
    }
  /* Fonts, images and page content are all deflated; the fonts are the bulk of a small file.
   * Large batches turn page compression off (ar_pdf_set_compress_pages). */
  HPDF_SetCompressionMode (pdf->doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings (pdf->doc);
  HPDF_SetInfoAttr (pdf->doc, HPDF_INFO_CREATOR, "Arrears");
  if (!_ar_pdf_ok (pdf))
    {
      g_propagate_error (error, g_steal_pointer (&pdf->error));
      return NULL;
    }

  pdf->fonts = _ar_pdf_fonts_new (pdf, error);
  if (pdf->fonts == NULL)
    return NULL;
  return g_steal_pointer (&pdf);
}

void
ar_pdf_free (ArPdf *pdf)
{
  if (pdf == NULL)
    return;
  if (pdf->page_destroy != NULL)
    pdf->page_destroy (pdf->page_data);
  _ar_pdf_fonts_free (pdf->fonts);
  if (pdf->doc != NULL)
    HPDF_Free (pdf->doc);
  g_clear_error (&pdf->error);
  g_ptr_array_unref (pdf->section_pages);
  g_hash_table_destroy (pdf->warning_set);
  g_ptr_array_unref (pdf->warnings);
  g_hash_table_destroy (pdf->images_by_ptr);
  g_hash_table_destroy (pdf->images_by_data);
  g_ptr_array_unref (pdf->images);
  g_string_free (pdf->run_buf, TRUE);
  g_array_unref (pdf->runs);
  g_array_unref (pdf->lines);
  g_free (pdf);
}

void
ar_pdf_set_metadata (ArPdf      *pdf,
                     const char *title,
                     const char *author,
                     const char *subject)
{
  const struct { HPDF_InfoType type; const char *value; } attrs[] = {
    { HPDF_INFO_TITLE, title },
    { HPDF_INFO_AUTHOR, author },
    { HPDF_INFO_SUBJECT, subject },
  };

  g_return_if_fail (pdf != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (attrs); i++)
    {
      g_autofree char *ascii = NULL;

      if (attrs[i].value == NULL || !_ar_pdf_ok (pdf))
        continue;
      /* libharu writes information strings without an encoding, so keep them ASCII. */
      ascii = g_str_to_ascii (attrs[i].value, "C");
      HPDF_SetInfoAttr (pdf->doc, attrs[i].type, ascii);
    }
}

void
ar_pdf_set_compress_pages (ArPdf *pdf, gboolean compress)
{
  g_return_if_fail (pdf != NULL);
  /* libharu gives each page its content stream's filter when the page is made. */
  g_return_if_fail (ar_pdf_get_n_pages (pdf) == 0);

  HPDF_SetCompressionMode (pdf->doc, compress ? HPDF_COMP_ALL
                                              : HPDF_COMP_IMAGE | HPDF_COMP_METADATA);
}

ArPdfPaper
ar_pdf_get_paper (ArPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, AR_PDF_PAPER_A4);
  return pdf->paper;
}

double
ar_pdf_get_page_width (ArPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, 0.0);
  return pdf->width;
}

double
ar_pdf_get_page_height (ArPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, 0.0);
  return pdf->height;
}

void
ar_pdf_set_margins (ArPdf  *pdf,
                    double  top,
                    double  right,
                    double  bottom,
                    double  left)
{
  g_return_if_fail (pdf != NULL);
  g_return_if_fail (top >= 0 && right >= 0 && bottom >= 0 && left >= 0);
  g_return_if_fail (top + bottom < pdf->height && left + right < pdf->width);

  pdf->margin_top = top;
  pdf->margin_right = right;
  pdf->margin_bottom = bottom;
  pdf->margin_left = left;
}

void
ar_pdf_get_margins (ArPdf  *pdf,
                    double *top,
                    double *right,
                    double *bottom,
                    double *left)
{
  g_return_if_fail (pdf != NULL);

  if (top != NULL)
    *top = pdf->margin_top;
  if (right != NULL)
    *right = pdf->margin_right;
  if (bottom != NULL)
    *bottom = pdf->margin_bottom;
  if (left != NULL)
    *left = pdf->margin_left;
}

double
ar_pdf_get_content_left (ArPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, 0.0);
  return pdf->margin_left;
}

double
ar_pdf_get_content_width (ArPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, 0.0);
  return pdf->width - pdf->margin_left - pdf->margin_right;
}

double
_ar_pdf_content_bottom (ArPdf *pdf)
{
  return pdf->height - pdf->margin_bottom;
}

/* Saving ------------------------------------------------------------------------------------ */

/* Ends the section and serialises the document into libharu's memory stream. Returns its
 * size, or 0 with @error set. */
static HPDF_UINT32
serialise (ArPdf   *pdf,
           GError **error)
{
  HPDF_UINT32 size;

  ar_pdf_end_section (pdf);
  if (_ar_pdf_ok (pdf))
    {
      HPDF_SaveToStream (pdf->doc);
      if (_ar_pdf_ok (pdf))
        {
          size = HPDF_GetStreamSize (pdf->doc);
          HPDF_ResetStream (pdf->doc);
          if (_ar_pdf_ok (pdf) && size > 0)
            return size;
          if (pdf->error == NULL)
            _ar_pdf_set_error (pdf, g_error_new (AR_PDF_ERROR, AR_PDF_ERROR_LIBHARU,
                                                 _("The PDF library (libharu) wrote an "
                                                   "empty document")));
        }
    }
  g_propagate_error (error, g_error_copy (pdf->error));
  return 0;
}

/* Reads exactly @size bytes of the saved document; never asks for more, so libharu never
 * reaches its end-of-stream error. */
static gboolean
read_stream (ArPdf       *pdf,
             guint8      *buf,
             HPDF_UINT32  size,
             GError     **error)
{
  HPDF_UINT32 n = size;

  if (HPDF_ReadFromStream (pdf->doc, buf, &n) != HPDF_OK || n != size)
    {
      _ar_pdf_take_hpdf_error (pdf);
      g_set_error (error, AR_PDF_ERROR, AR_PDF_ERROR_LIBHARU,
                   _("The PDF library (libharu) could not hand out the saved document"));
      return FALSE;
    }
  return TRUE;
}

GBytes *
ar_pdf_save_to_bytes (ArPdf   *pdf,
                      GError **error)
{
  g_autofree guint8 *data = NULL;
  HPDF_UINT32 size;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = serialise (pdf, error);
  if (size == 0)
    return NULL;
  data = g_malloc (size);
  if (!read_stream (pdf, data, size, error))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&data), size);
}

static gboolean
write_all (int           fd,
           const guint8 *buf,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, buf, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      buf += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
set_io_error (GError    **error,
              int         saved_errno,
              const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
}

gboolean
ar_pdf_save (ArPdf       *pdf,
             const char  *path,
             GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autofree guint8 *buf = NULL;
  HPDF_UINT32 size;
  int fd;
  int saved_errno = 0;

  g_return_val_if_fail (pdf != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  size = serialise (pdf, error);
  if (size == 0)
    return FALSE;

  /* A temporary file beside the target, renamed over it once complete: readers see the old
   * file or the new one, never a partial one, and a failure leaves nothing behind. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_io_error (error, errno, path);
      return FALSE;
    }

  buf = g_malloc (READ_CHUNK);
  for (HPDF_UINT32 done = 0; done < size && saved_errno == 0; )
    {
      HPDF_UINT32 n = MIN (size - done, READ_CHUNK);

      if (!read_stream (pdf, buf, n, error))
        saved_errno = -1;
      else if (!write_all (fd, buf, n))
        saved_errno = errno != 0 ? errno : EIO;
      done += n;
    }
  if (saved_errno == 0 && fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno == 0 && g_rename (tmp, path) != 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      g_unlink (tmp);
      if (saved_errno > 0)
        set_io_error (error, saved_errno, path);
      return FALSE;
    }
  return TRUE;
}

/* Sections and pages -------------------------------------------------------------------- */

static void
start_page (ArPdf *pdf)
{
  HPDF_Page page;

  if (!_ar_pdf_ok (pdf))
    return;
  page = HPDF_AddPage (pdf->doc);
  if (page != NULL)
    {
      HPDF_Page_SetWidth (page, (HPDF_REAL) pdf->width);
      HPDF_Page_SetHeight (page, (HPDF_REAL) pdf->height);
    }
  if (!_ar_pdf_ok (pdf) || page == NULL)
    return;

  pdf->page = page;
  pdf->n_pages++;
  g_ptr_array_add (pdf->section_pages, page);
  pdf->y = pdf->margin_top;
  if (pdf->page_func != NULL)
    {
      pdf->in_page_func = TRUE;
      pdf->page_func (pdf, pdf->section_pages->len, pdf->page_data);
      pdf->in_page_func = FALSE;
    }
  pdf->page_top = pdf->y;
}

void
ar_pdf_begin_section (ArPdf          *pdf,
                      ArPdfPageFunc   page_func,
                      gpointer        user_data,
                      GDestroyNotify  destroy)
{
  g_return_if_fail (pdf != NULL);
  g_return_if_fail (!pdf->in_page_func);

  ar_pdf_end_section (pdf);
  pdf->in_section = TRUE;
  pdf->n_sections++;
  pdf->page_func = page_func;
  pdf->page_data = user_data;
  pdf->page_destroy = destroy;
  pdf->page_numbers = FALSE;
  start_page (pdf);
}

void
ar_pdf_end_section (ArPdf *pdf)
{
  guint n;

  g_return_if_fail (pdf != NULL);
  g_return_if_fail (!pdf->in_page_func);

  if (!pdf->in_section)
    return;

  n = pdf->section_pages->len;
  if (pdf->page_numbers)
    for (guint i = 0; i < n && _ar_pdf_ok (pdf); i++)
      {
        /* Translators: page numbers within one letter or statement */
        g_autofree char *text = g_strdup_printf (_("Page %u of %u"), i + 1, n);
        double x = pdf->number_x;
        double width = 0.0;

        if (pdf->number_style.align != AR_PDF_ALIGN_LEFT)
          width = _ar_pdf_measure (pdf, &pdf->number_style, text, strlen (text));
        if (pdf->number_style.align == AR_PDF_ALIGN_RIGHT)
          x -= width;
        else if (pdf->number_style.align == AR_PDF_ALIGN_CENTER)
          x -= width / 2.0;
        _ar_pdf_show_text (pdf, g_ptr_array_index (pdf->section_pages, i),
                           &pdf->number_style, x, pdf->number_baseline, text, strlen (text));
      }

  if (pdf->page_destroy != NULL)
    pdf->page_destroy (pdf->page_data);
  pdf->page_func = NULL;
  pdf->page_data = NULL;
  pdf->page_destroy = NULL;
  pdf->page_numbers = FALSE;
  pdf->in_section = FALSE;
  g_ptr_array_set_size (pdf->section_pages, 0);
}

void
ar_pdf_set_page_numbers (ArPdf            *pdf,
                         double            x,
                         double            baseline,
                         const ArPdfStyle *style)
{
  g_return_if_fail (pdf != NULL);
  g_return_if_fail (style == NULL || style->size > 0);

  pdf->page_numbers = style != NULL;
  if (style == NULL)
    return;
  pdf->number_x = x;
  pdf->number_baseline = baseline;
  pdf->number_style = *style;
}

void
ar_pdf_new_page (ArPdf *pdf)
{
  g_return_if_fail (pdf != NULL);

  if (pdf->in_page_func)
    return;   /* a page function must not start pages; see ArPdfPageFunc */
  if (!pdf->in_section)
    ar_pdf_begin_section (pdf, NULL, NULL, NULL);
  else
    start_page (pdf);
}

guint
ar_pdf_get_n_pages (ArPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, 0);
  return pdf->n_pages;
}

guint
ar_pdf_get_section_page (ArPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, 0);
  return pdf->in_section ? pdf->section_pages->len : 0;
}

guint
ar_pdf_get_n_sections (ArPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, 0);
  return pdf->n_sections;
}

/* The flow cursor ------------------------------------------------------------------------ */

double
ar_pdf_get_y (ArPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, 0.0);
  return pdf->y;
}

void
ar_pdf_set_y (ArPdf  *pdf,
              double  y)
{
  g_return_if_fail (pdf != NULL);
  pdf->y = CLAMP (y, 0.0, pdf->height);
}

void
ar_pdf_skip (ArPdf  *pdf,
             double  dy)
{
  g_return_if_fail (pdf != NULL);
  pdf->y = CLAMP (pdf->y + dy, 0.0, MAX (pdf->y, _ar_pdf_content_bottom (pdf)));
}

double
ar_pdf_get_remaining (ArPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, 0.0);
  if (pdf->page == NULL)
    return 0.0;
  return MAX (0.0, _ar_pdf_content_bottom (pdf) - pdf->y);
}

gboolean
ar_pdf_keep_together (ArPdf  *pdf,
                      double  height)
{
  g_return_val_if_fail (pdf != NULL, FALSE);

  if (!_ar_pdf_ok (pdf) || pdf->in_page_func)
    return FALSE;
  if (pdf->page == NULL || !pdf->in_section)
    {
      ar_pdf_new_page (pdf);
      return TRUE;
    }
  /* On a page with nothing in the flow yet, another page would not have more room. */
  if (height <= ar_pdf_get_remaining (pdf) + 1e-6 || pdf->y <= pdf->page_top + 1e-6)
    return FALSE;
  start_page (pdf);
  return TRUE;
}

double
ar_pdf_reserve (ArPdf  *pdf,
                double  height)
{
  double top;

  g_return_val_if_fail (pdf != NULL, 0.0);
  g_return_val_if_fail (height >= 0, 0.0);

  ar_pdf_keep_together (pdf, height);
  top = pdf->y;
  pdf->y += height;
  return top;
}

/* Images ------------------------------------------------------------------------------------ */

ArPdfImage *
ar_pdf_load_image (ArPdf   *pdf,
                   GBytes  *bytes,
                   GError **error)
{
  static const guint8 png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  static const guint8 jpeg_magic[] = { 0xFF, 0xD8, 0xFF };
  ArPdfImage *image;
  HPDF_Image hpdf_image = NULL;
  const guint8 *data;
  gsize size;
  HPDF_STATUS status;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  image = g_hash_table_lookup (pdf->images_by_ptr, bytes);
  if (image != NULL)
    return image;
  image = g_hash_table_lookup (pdf->images_by_data, bytes);
  if (image != NULL)
    {
      g_hash_table_insert (pdf->images_by_ptr, g_bytes_ref (bytes), image);
      return image;
    }

  if (!_ar_pdf_ok (pdf))
    {
      g_propagate_error (error, g_error_copy (pdf->error));
      return NULL;
    }

  data = g_bytes_get_data (bytes, &size);
  if (size > G_MAXUINT32)
    size = 0;
  if (size >= sizeof png_magic && memcmp (data, png_magic, sizeof png_magic) == 0)
    hpdf_image = HPDF_LoadPngImageFromMem (pdf->doc, data, (HPDF_UINT) size);
  else if (size >= sizeof jpeg_magic && memcmp (data, jpeg_magic, sizeof jpeg_magic) == 0)
    hpdf_image = HPDF_LoadJpegImageFromMem (pdf->doc, data, (HPDF_UINT) size);
  else
    {
      g_set_error (error, AR_PDF_ERROR, AR_PDF_ERROR_IMAGE,
                   _("The image is neither a PNG nor a JPEG file"));
      return NULL;
    }

  /* A bad image is the caller's problem, not a broken document. */
  status = _ar_pdf_take_hpdf_error (pdf);
  if (hpdf_image == NULL || status != HPDF_OK)
    {
      g_set_error (error, AR_PDF_ERROR, AR_PDF_ERROR_IMAGE,
                   _("The image could not be read (libharu error 0x%04X): %s"),
                   (unsigned) status, _ar_pdf_hpdf_explain (status));
      return NULL;
    }

  image = g_new0 (ArPdfImage, 1);
  image->image = hpdf_image;
  image->width = HPDF_Image_GetWidth (hpdf_image);
  image->height = HPDF_Image_GetHeight (hpdf_image);
  g_ptr_array_add (pdf->images, image);
  g_hash_table_insert (pdf->images_by_ptr, g_bytes_ref (bytes), image);
  g_hash_table_insert (pdf->images_by_data, g_bytes_ref (bytes), image);
  return image;
}

void
ar_pdf_image_get_size (ArPdfImage *image,
                       guint      *width,
                       guint      *height)
{
  g_return_if_fail (image != NULL);

  if (width != NULL)
    *width = image->width;
  if (height != NULL)
    *height = image->height;
}

void
ar_pdf_draw_image (ArPdf      *pdf,
                   ArPdfImage *image,
                   double      x,
                   double      y,
                   double      width,
                   double      height)
{
  g_return_if_fail (pdf != NULL);
  g_return_if_fail (image != NULL);

  if (!_ar_pdf_ok (pdf) || pdf->page == NULL)
    return;
  HPDF_Page_DrawImage (pdf->page, image->image, (HPDF_REAL) x,
                       (HPDF_REAL) (pdf->height - y - height), (HPDF_REAL) width,
                       (HPDF_REAL) height);
}

/* Vector graphics ------------------------------------------------------------------------- */

void
_ar_pdf_set_fill (HPDF_Page page,
                  guint32   color)
{
  HPDF_Page_SetRGBFill (page, ((color >> 16) & 0xFF) / 255.0f, ((color >> 8) & 0xFF) / 255.0f,
                        (color & 0xFF) / 255.0f);
}

void
_ar_pdf_set_stroke (HPDF_Page page,
                    guint32   color)
{
  HPDF_Page_SetRGBStroke (page, ((color >> 16) & 0xFF) / 255.0f,
                          ((color >> 8) & 0xFF) / 255.0f, (color & 0xFF) / 255.0f);
}

void
ar_pdf_draw_line (ArPdf   *pdf,
                  double   x0,
                  double   y0,
                  double   x1,
                  double   y1,
                  double   width,
                  guint32  color)
{
  g_return_if_fail (pdf != NULL);

  if (!_ar_pdf_ok (pdf) || pdf->page == NULL)
    return;
  HPDF_Page_SetLineWidth (pdf->page, (HPDF_REAL) width);
  _ar_pdf_set_stroke (pdf->page, color);
  HPDF_Page_MoveTo (pdf->page, (HPDF_REAL) x0, (HPDF_REAL) (pdf->height - y0));
  HPDF_Page_LineTo (pdf->page, (HPDF_REAL) x1, (HPDF_REAL) (pdf->height - y1));
  HPDF_Page_Stroke (pdf->page);
}

void
ar_pdf_fill_rect (ArPdf   *pdf,
                  double   x,
                  double   y,
                  double   width,
                  double   height,
                  guint32  color)
{
  g_return_if_fail (pdf != NULL);

  if (!_ar_pdf_ok (pdf) || pdf->page == NULL)
    return;
  _ar_pdf_set_fill (pdf->page, color);
  HPDF_Page_Rectangle (pdf->page, (HPDF_REAL) x, (HPDF_REAL) (pdf->height - y - height),
                       (HPDF_REAL) width, (HPDF_REAL) height);
  HPDF_Page_Fill (pdf->page);
}

HPDF_Page
ar_pdf_get_page (ArPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, NULL);
  return pdf->page;
}

HPDF_Doc
ar_pdf_get_hpdf (ArPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, NULL);
  return pdf->doc;
}

HPDF_Font
ar_pdf_get_font (ArPdf       *pdf,
                 ArPdfWeight  weight)
{
  g_return_val_if_fail (pdf != NULL, NULL);
  return _ar_pdf_fonts_get_main (pdf->fonts, weight);
}

double
ar_pdf_to_pdf_y (ArPdf  *pdf,
                 double  y)
{
  g_return_val_if_fail (pdf != NULL, 0.0);
  return pdf->height - y;
}

void
ar_pdf_get_matrix (ArPdf  *pdf,
                   double  matrix[6])
{
  g_return_if_fail (pdf != NULL);
  g_return_if_fail (matrix != NULL);

  matrix[0] = 1.0;
  matrix[1] = 0.0;
  matrix[2] = 0.0;
  matrix[3] = -1.0;
  matrix[4] = 0.0;
  matrix[5] = pdf->height;
}
