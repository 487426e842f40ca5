/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-pdf"
#include "config.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ar-pdf.h"
#include "ar-pdf-letter.h"
#include "ar-pdf-table.h"
#include "ar-test-util.h"

/* The PDFs are written to a temporary directory and read back with poppler-utils (pdftotext,
 * pdffonts, pdfimages) and qpdf; a test whose tool is missing is skipped. Set AR_PDF_SAMPLE
 * to a path to keep the sample letter of /pdf/letter/sample there. */

/* Helpers --------------------------------------------------------------------------------- */

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ar-pdf-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static char *
pdf_text (const char *path,
          int         page)
{
  g_autofree char *first = g_strdup_printf ("%d", page);

  if (page <= 0)
    return ar_test_run_tool ("pdftotext", "-layout", path, "-", NULL);
  return ar_test_run_tool ("pdftotext", "-layout", "-f", first, "-l", first, path, "-", NULL);
}

static void
assert_qpdf_ok (const char *path)
{
  g_autofree char *out = ar_test_run_tool ("qpdf", "--check", path, NULL);

  g_assert_nonnull (strstr (out, "No syntax or stream encoding errors found"));
}

static int
count_pages (const char *path)
{
  g_autofree char *out = ar_test_run_tool ("qpdf", "--show-npages", path, NULL);

  return atoi (out);
}

/* pdffonts: every font embedded; returns the font names, one per line. */
static char *
embedded_fonts (const char *path)
{
  g_autofree char *out = ar_test_run_tool ("pdffonts", path, NULL);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GString *names = g_string_new (NULL);

  g_assert_nonnull (lines[0]);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint k = 0; cols[k] != NULL; k++)
        if (*cols[k] != '\0')
          g_ptr_array_add (words, cols[k]);
      if (words->len == 0)
        continue;
      g_assert_cmpuint (words->len, >=, 7);
      /* name type... encoding emb sub uni object-number generation */
      g_assert_cmpstr (g_ptr_array_index (words, words->len - 5), ==, "yes");
      g_string_append_printf (names, "%s\n", (char *) g_ptr_array_index (words, 0));
    }
  return g_string_free (names, FALSE);
}

static guint
count_substr (const char *haystack,
              const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

typedef struct
{
  int    page;
  double x_min, y_min, x_max, y_max;
  char  *text;
} Word;

static void
word_free (gpointer data)
{
  Word *word = data;

  g_free (word->text);
  g_free (word);
}

/* Every word with its box, from pdftotext -bbox (points, top-left origin, as our API). */
static GPtrArray *
pdf_words (const char *path)
{
  g_autofree char *out = ar_test_run_tool ("pdftotext", "-bbox", path, "-", NULL);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *words = g_ptr_array_new_with_free_func (word_free);
  int page = 0;

  regex = g_regex_new ("<page |<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" "
                       "yMax=\"([0-9.]+)\">([^<]*)</word>", 0, 0, NULL);
  g_regex_match (regex, out, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *all = g_match_info_fetch (match, 0);

      if (g_str_has_prefix (all, "<page"))
        page++;
      else
        {
          Word *word = g_new0 (Word, 1);
          g_autofree char *x0 = g_match_info_fetch (match, 1);
          g_autofree char *y0 = g_match_info_fetch (match, 2);
          g_autofree char *x1 = g_match_info_fetch (match, 3);
          g_autofree char *y1 = g_match_info_fetch (match, 4);

          word->page = page;
          word->x_min = g_ascii_strtod (x0, NULL);
          word->y_min = g_ascii_strtod (y0, NULL);
          word->x_max = g_ascii_strtod (x1, NULL);
          word->y_max = g_ascii_strtod (y1, NULL);
          word->text = g_match_info_fetch (match, 5);
          g_ptr_array_add (words, word);
        }
      g_match_info_next (match, NULL);
    }
  return words;
}

/* The first @text on @page (0: any) at or below @below. */
static Word *
find_word_below (GPtrArray  *words,
                 const char *text,
                 int         page,
                 double      below)
{
  for (guint i = 0; i < words->len; i++)
    {
      Word *word = g_ptr_array_index (words, i);

      if (g_strcmp0 (word->text, text) == 0 && (page == 0 || word->page == page) &&
          word->y_min >= below)
        return word;
    }
  return NULL;
}

static Word *
find_word (GPtrArray  *words,
           const char *text,
           int         page)
{
  return find_word_below (words, text, page, 0.0);
}

static ArPdf *
new_pdf (ArPdfPaper paper)
{
  g_autoptr(GError) error = NULL;
  ArPdf *pdf = ar_pdf_new (paper, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  return pdf;
}

static void
save (ArPdf      *pdf,
      const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_pdf_save (pdf, path, &error));
  g_assert_no_error (error);
}

static guint
n_warnings (ArPdf *pdf)
{
  guint n = 0;

  ar_pdf_get_warnings (pdf, &n);
  return n;
}

static gboolean
has_warning (ArPdf      *pdf,
             const char *part)
{
  const char * const *warnings = ar_pdf_get_warnings (pdf, NULL);

  for (guint i = 0; warnings[i] != NULL; i++)
    if (strstr (warnings[i], part) != NULL)
      return TRUE;
  return FALSE;
}

static const ArPdfStyle body = { AR_PDF_REGULAR, 10.0, 13.0, AR_PDF_ALIGN_LEFT, 0 };

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PNG logo with an alpha channel, made with cairo. */
static GBytes *
make_png_logo (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 240, 96);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgba (cr, 0.10, 0.45, 0.30, 0.9);
  cairo_rectangle (cr, 8, 8, 80, 80);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 0.10, 0.45, 0.30, 0.5);
  cairo_rectangle (cr, 100, 30, 130, 36);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static GBytes *
load_jpeg_logo (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "render", "logo.jpg", NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static const ArPdfLetterhead letterhead = {
  .name = "Nordbank Forderungsmanagement GmbH",
  .address = "Hafenstraße 12\n20457 Hamburg\nGermany",
  .phone = "+49 40 1234 5678",
  .email = "collections@nordbank.example",
  .website = "www.nordbank.example",
  .tax_id = "DE 123 456 789",
  .payment_details = "Hamburger Sparkasse\nIBAN DE89 3704 0044 0532 0130 00\nBIC COBADEFFXXX",
};

static void
begin_letter (ArPdf      *pdf,
              const char *recipient,
              const char *customer,
              GBytes     *logo)
{
  ArPdfLetterhead head = letterhead;
  const ArPdfField refs[] = {
    { "Customer no.", customer },
    { "Our reference", "MAHN-2026-0042" },
    { "Date", "14 March 2026" },
  };
  const ArPdfLetter letter = { recipient, refs, G_N_ELEMENTS (refs), "Reminder: overdue invoices" };

  head.logo = logo;
  ar_pdf_letter_begin (pdf, &head, &letter);
}

static ArPdfTable *
new_invoice_table (void)
{
  ArPdfTable *table = ar_pdf_table_new (4);

  ar_pdf_table_set_column (table, 0, "Invoice", 80.0, AR_PDF_ALIGN_LEFT);
  ar_pdf_table_set_column (table, 1, "Description", 0.0, AR_PDF_ALIGN_LEFT);
  ar_pdf_table_set_column (table, 2, "Due", 70.0, AR_PDF_ALIGN_LEFT);
  ar_pdf_table_set_column (table, 3, "Amount", 80.0, AR_PDF_ALIGN_RIGHT);
  return table;
}

/* Scripts and fonts ------------------------------------------------------------------------ */

static const char *names[] = {
  "Łukasiewicz", "Yılmaz", "Ζωή Παπαδοπούλου", "Иван Петров", "王小明", "佐藤健",
  "Åsa Øberg-Jørgensen", "François Müller-Lüdenscheidt",
};

static void
test_scripts (void)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "names.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  ArPdfStyle bold = body;

  bold.weight = AR_PDF_BOLD;
  ar_pdf_begin_section (pdf, NULL, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *line = g_strdup_printf ("Dear %s, your balance is overdue.", names[i]);

      ar_pdf_paragraph (pdf, i % 2 ? &bold : &body, line);
    }
  save (pdf, path);
  g_assert_cmpuint (n_warnings (pdf), ==, 0);

  if (!ar_test_have_tools ("pdftotext", "pdffonts", "qpdf", NULL))
    goto out;
  assert_qpdf_ok (path);
  text = pdf_text (path, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (strstr (text, names[i]));
  g_assert_null (strstr (text, "\xEF\xBF\xBD"));   /* no replacement characters */

  /* Everything embedded; DejaVu regular and bold once each, the CJK fallback once. */
  fonts = embedded_fonts (path);
  g_assert_cmpuint (count_substr (fonts, "DejaVuSans,Book"), ==, 1);
  g_assert_cmpuint (count_substr (fonts, "DejaVuSans-Bold"), ==, 1);
  g_assert_cmpuint (count_substr (fonts, "WenQuanYi"), ==, 1);
  g_assert_cmpuint (count_substr (fonts, "\n"), ==, 3);

out:
  ar_test_remove_tree (dir);
}

static void
test_no_cjk_font_without_cjk (void)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_LETTER);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "latin.pdf", NULL);
  g_autofree char *fonts = NULL;

  ar_pdf_paragraph (pdf, &body, "Łukasiewicz, Yılmaz, Παπαδοπούλου, Петров: no ideographs here.");
  save (pdf, path);
  if (!ar_test_have_tools ("pdffonts", NULL))
    goto out;
  fonts = embedded_fonts (path);
  g_assert_cmpuint (count_substr (fonts, "\n"), ==, 1);
  g_assert_nonnull (strstr (fonts, "DejaVuSans"));
  g_assert_null (strstr (fonts, "WenQuanYi"));
out:
  ar_test_remove_tree (dir);
}

static void
test_fonts_once_per_document (void)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "batch.pdf", NULL);
  g_autofree char *fonts = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *who = g_strdup_printf ("%s %u\nMain Street %u\n12345 Springfield",
                                              names[i % G_N_ELEMENTS (names)], i, i + 1);

      begin_letter (pdf, who, "K-1", NULL);
      ar_pdf_paragraph (pdf, &body, "Please pay the amount shown below.");
    }
  save (pdf, path);
  g_assert_cmpuint (ar_pdf_get_n_pages (pdf), ==, 30);
  g_assert_cmpuint (ar_pdf_get_n_sections (pdf), ==, 30);
  if (!ar_test_have_tools ("pdffonts", "pdftotext", "qpdf", NULL))
    goto out;
  assert_qpdf_ok (path);
  fonts = embedded_fonts (path);
  g_assert_cmpuint (count_substr (fonts, "DejaVuSans,Book"), ==, 1);
  g_assert_cmpuint (count_substr (fonts, "DejaVuSans-Bold"), ==, 1);
  g_assert_cmpuint (count_substr (fonts, "WenQuanYi"), ==, 1);
  text = pdf_text (path, 29);   /* section 29 is names[4]: 王小明 */
  g_assert_nonnull (strstr (text, "王小明 28"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
out:
  ar_test_remove_tree (dir);
}

/* Characters needing shaping are printed in logical order, with a warning; characters no
 * font has become U+FFFD with a warning naming them. */
static void
test_warnings (void)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "warnings.pdf", NULL);
  g_autofree char *text = NULL;

  ar_pdf_paragraph (pdf, &body, "Latin only: no warning.");
  g_assert_cmpuint (n_warnings (pdf), ==, 0);

  ar_pdf_paragraph (pdf, &body, "Mr محمد عبد الله");
  g_assert_true (has_warning (pdf, "Arabic"));
  g_assert_true (has_warning (pdf, "محمد"));
  ar_pdf_paragraph (pdf, &body, "Mr محمد عبد الله");
  g_assert_cmpuint (n_warnings (pdf), ==, 1);   /* the same text warns once */

  ar_pdf_paragraph (pdf, &body, "Ms דוד לוי");
  g_assert_true (has_warning (pdf, "Hebrew"));

  ar_pdf_paragraph (pdf, &body, "Clef \xF0\x9D\x84\x9E sign");   /* U+1D11E, beyond the BMP */
  g_assert_true (has_warning (pdf, "U+1D11E"));
  g_assert_cmpuint (n_warnings (pdf), ==, 3);

  save (pdf, path);
  if (!ar_test_have_tools ("pdftotext", "qpdf", NULL))
    goto out;
  assert_qpdf_ok (path);
  text = pdf_text (path, 0);
  g_assert_nonnull (strstr (text, "Latin only"));
  g_assert_nonnull (strstr (text, "Clef \xEF\xBF\xBD sign"));
  /* Arabic letters are printed (poppler may reorder them, so look for single letters) */
  g_assert_nonnull (strstr (text, "Mr "));
  g_assert_true (strstr (text, "م") != NULL || strstr (text, "ﻣ") != NULL);
out:
  ar_test_remove_tree (dir);
}

/* Every glyph prints ink. libharu 2.3.0 leaves out the parts of composite glyphs beyond
 * glyph 32767 (most ideographs of WenQuanYi Micro Hei) and below the first level, which
 * pdftotext does not notice (the text is there) but the reader does (blank boxes); so this
 * renders the page and looks at the pixels under each glyph. */
static void
test_glyphs_have_ink (void)
{
  static const char *glyphs[] = {
    "王", "小", "明", "佐", "藤", "健", "張", "鈴", "木", "Ł", "ő", "Ǻ", "ǻ", "Ǿ", "ẫ", "Ж", "ώ",
  };
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "ink.pdf", NULL);
  g_autofree char *png_root = g_build_filename (dir, "ink", NULL);
  g_autofree char *png = g_build_filename (dir, "ink.png", NULL);
  g_autofree char *line = g_strjoinv ("  ", (char **) glyphs);
  g_autoptr(GPtrArray) words = NULL;
  ArPdfStyle big = { AR_PDF_REGULAR, 24.0, 0.0, AR_PDF_ALIGN_LEFT, 0 };
  cairo_surface_t *surface;
  const guint8 *data;
  int stride;

  ar_pdf_paragraph (pdf, &big, line);
  save (pdf, path);
  if (!ar_test_have_tools ("pdftoppm", "pdftotext", NULL))
    goto out;
  g_free (ar_test_run_tool ("pdftoppm", "-png", "-r", "72", "-singlefile", path, png_root, NULL));
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_RGB24);

  words = pdf_words (path);
  for (guint i = 0; i < G_N_ELEMENTS (glyphs); i++)
    {
      Word *word = find_word (words, glyphs[i], 1);
      guint dark = 0;

      g_assert_nonnull (word);
      for (int y = (int) word->y_min; y < (int) word->y_max; y++)
        for (int x = (int) word->x_min; x < (int) word->x_max; x++)
          {
            guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);

            dark += (pixel & 0xFF) < 128;
          }
      if (dark < 15)
        g_test_message ("%s prints %u dark pixels", glyphs[i], dark);
      g_assert_cmpuint (dark, >=, 15);
    }
  cairo_surface_destroy (surface);
out:
  ar_test_remove_tree (dir);
}

/* Line breaking ---------------------------------------------------------------------------- */

static void
test_wrap (void)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  const char *cjk = "王小明佐藤健王小明佐藤健王小明佐藤健王小明佐藤健王小明佐藤健";
  const char *word = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrente";
  double w = ar_pdf_text_width (pdf, &body, "Hello world");
  ArPdfStyle big = body;

  g_assert_cmpfloat (w, >, 40.0);
  g_assert_cmpfloat (w, <, 80.0);
  /* Widths add up and scale with the size. */
  g_assert_cmpfloat_with_epsilon (ar_pdf_text_width (pdf, &body, "Hello ") +
                                  ar_pdf_text_width (pdf, &body, "world"), w, 1e-9);
  big.size = 20.0;
  g_assert_cmpfloat_with_epsilon (ar_pdf_text_width (pdf, &big, "Hello world"), 2 * w, 1e-9);

  g_assert_cmpuint (ar_pdf_count_lines (pdf, &body, w, "Hello world"), ==, 1);
  g_assert_cmpuint (ar_pdf_count_lines (pdf, &body, w - 0.1, "Hello world"), ==, 2);
  /* Trailing spaces never force a break. */
  g_assert_cmpuint (ar_pdf_count_lines (pdf, &body, w, "Hello world   "), ==, 1);
  g_assert_cmpuint (ar_pdf_count_lines (pdf, &body, 1000, "a\nb\n\nc"), ==, 4);
  g_assert_cmpuint (ar_pdf_count_lines (pdf, &body, 1000, ""), ==, 0);
  /* A word is split only when it alone is wider than the line. */
  g_assert_cmpuint (ar_pdf_count_lines (pdf, &body, 100, word), >=, 2);
  g_assert_cmpuint (ar_pdf_count_lines (pdf, &body, 1000, word), ==, 1);
  g_assert_cmpuint (ar_pdf_count_lines (pdf, &body, ar_pdf_text_width (pdf, &body, "Hello"),
                                        "Hello Hello Hello"), ==, 3);
  /* A no-break space is not a break: "Total: EUR" fits, but "EUR\u00A01,234.00" is one
   * word wider than the line, so it goes to the next line and is split there. */
  g_assert_cmpuint (ar_pdf_count_lines (pdf, &body,
                                        ar_pdf_text_width (pdf, &body, "Total: EUR") + 0.1,
                                        "Total: EUR 1,234.00"), ==, 2);
  g_assert_cmpuint (ar_pdf_count_lines (pdf, &body,
                                        ar_pdf_text_width (pdf, &body, "Total: EUR") + 0.1,
                                        "Total: EUR\xC2\xA0" "1,234.00"), ==, 3);
  /* Ideographs break anywhere: thirty of them at 10 pt, 10 pt wide each, in 100 pt. */
  g_assert_cmpuint (ar_pdf_count_lines (pdf, &body, 100.0, cjk), ==, 3);
  /* ... but not before closing punctuation: "王小明。" in the width of three ideographs
   * breaks before 明, not before "。". */
  g_assert_cmpuint (ar_pdf_count_lines (pdf, &body, 30.0, "王小明。"), ==, 2);
  g_assert_cmpuint (ar_pdf_count_lines (pdf, &body, 20.0, "王小明。"), ==, 2);
}

/* The words of a long paragraph survive wrapping whole, and no line overflows the margin. */
static void
test_paragraph_words (void)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "words.pdf", NULL);
  g_autoptr(GString) source = g_string_new (NULL);
  g_autoptr(GHashTable) vocabulary = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) words = NULL;
  static const char *pool[] = {
    "outstanding", "balance", "Forderung", "überfällig", "Łódź", "Θεσσαλονίκη",
    "задолженность", "payment", "within", "fourteen", "days", "of", "the", "date",
  };
  double right;

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *word = g_strdup_printf ("%s%u", pool[i % G_N_ELEMENTS (pool)], i);

      g_string_append_printf (source, "%s ", word);
    }
  ar_pdf_paragraph (pdf, &body, source->str);
  right = ar_pdf_get_content_left (pdf) + ar_pdf_get_content_width (pdf);
  save (pdf, path);
  g_assert_cmpuint (ar_pdf_get_n_pages (pdf), >=, 2);

  if (!ar_test_have_tools ("pdftotext", NULL))
    goto out;
  words = pdf_words (path);
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *word = g_strdup_printf ("%s%u", pool[i % G_N_ELEMENTS (pool)], i);
      Word *found = find_word (words, word, 0);

      if (found == NULL)
        g_test_message ("word %s is missing or split", word);
      g_assert_nonnull (found);
      g_assert_cmpfloat (found->x_max, <=, right + 0.5);
    }
out:
  ar_test_remove_tree (dir);
}

/* Tables, sections and page numbers ------------------------------------------------------- */

static void
test_table_pages (void)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  g_autoptr(ArPdfTable) table = new_invoice_table ();
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "table.pdf", NULL);
  g_autofree char *page1 = NULL;
  g_autofree char *page2 = NULL;
  g_autofree char *page3 = NULL;
  g_autofree char *all = NULL;
  g_autoptr(GPtrArray) words = NULL;
  const char *total[] = { "", "Total", "", "123,456.78" };
  const char *last = NULL;
  double amount_right = -1.0;

  for (guint i = 0; i < 55; i++)
    {
      g_autofree char *number = g_strdup_printf ("R-%04u", 1001 + i);
      g_autofree char *due = g_strdup_printf ("2026-01-%02u", 1 + i % 28);
      /* Amounts of different lengths, to show they line up on the right. */
      g_autofree char *amount = g_strdup_printf ("%s%u.%02u", i % 7 == 0 ? "1," : "",
                                                 (i * 37) % 1000 + (i % 3 == 0 ? 0 : 100),
                                                 i % 100);

      ar_pdf_table_add (table, number, i == 5 ? "A description long enough to wrap onto a "
                                                "second line inside its column" : "Services",
                        due, amount);
    }
  ar_pdf_table_add_total_row (table, total);

  begin_letter (pdf, "Anna Schmidt\nLindenweg 3\n80331 München", "K-0001", NULL);
  ar_pdf_paragraph (pdf, &body, "The following invoices are open:");
  ar_pdf_table_draw (table, pdf);
  g_assert_cmpuint (ar_pdf_get_section_page (pdf), ==, 2);

  begin_letter (pdf, "Otto Normal\nAm Markt 1\n10115 Berlin", "K-0002", NULL);
  ar_pdf_paragraph (pdf, &body, "Second letter.");
  g_assert_cmpuint (ar_pdf_get_section_page (pdf), ==, 1);
  save (pdf, path);
  g_assert_cmpuint (ar_pdf_get_n_pages (pdf), ==, 3);

  if (!ar_test_have_tools ("pdftotext", "qpdf", NULL))
    goto out;
  assert_qpdf_ok (path);
  g_assert_cmpint (count_pages (path), ==, 3);
  page1 = pdf_text (path, 1);
  page2 = pdf_text (path, 2);
  page3 = pdf_text (path, 3);
  g_assert_nonnull (strstr (page1, "Page 1 of 2"));
  g_assert_null (strstr (page1, "Page 2 of 2"));
  g_assert_nonnull (strstr (page2, "Page 2 of 2"));
  g_assert_nonnull (strstr (page3, "Page 1 of 1"));
  /* The header repeats on page 2; the total is there too, with the last row. */
  g_assert_nonnull (strstr (page1, "Description"));
  g_assert_nonnull (strstr (page2, "Description"));
  g_assert_nonnull (strstr (page2, "Amount"));
  g_assert_nonnull (strstr (page2, "R-1055"));
  g_assert_nonnull (strstr (page2, "123,456.78"));
  g_assert_null (strstr (page3, "Description"));
  /* The footer's payment details are on every page. */
  g_assert_nonnull (strstr (page1, "IBAN DE89"));
  g_assert_nonnull (strstr (page2, "IBAN DE89"));
  g_assert_nonnull (strstr (page3, "IBAN DE89"));

  /* Every row once, in order, across the page break. */
  all = pdf_text (path, 0);
  for (guint i = 0; i < 55; i++)
    {
      g_autofree char *number = g_strdup_printf ("R-%04u", 1001 + i);
      const char *at = strstr (all, number);

      g_assert_nonnull (at);
      g_assert_null (strstr (at + 1, number));
      g_assert_true (last == NULL || at > last);
      last = at;
    }

  /* Amounts are right-aligned: one right edge for all of them. */
  words = pdf_words (path);
  for (guint i = 0; i < words->len; i++)
    {
      Word *word = g_ptr_array_index (words, i);

      if (word->page > 2 || !g_regex_match_simple ("^[0-9,]+\\.[0-9]{2}$", word->text, 0, 0))
        continue;
      if (amount_right < 0)
        amount_right = word->x_max;
      g_assert_cmpfloat_with_epsilon (word->x_max, amount_right, 0.3);
    }
  g_assert_cmpfloat (amount_right, >, 0.0);
out:
  ar_test_remove_tree (dir);
}

static void
test_keep_together (void)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  double top, bottom;

  ar_pdf_begin_section (pdf, NULL, NULL, NULL);
  ar_pdf_get_margins (pdf, &top, NULL, &bottom, NULL);
  g_assert_cmpfloat (ar_pdf_get_y (pdf), ==, top);
  /* Nothing on the page yet: another page would not help. */
  g_assert_false (ar_pdf_keep_together (pdf, 10000.0));
  g_assert_cmpuint (ar_pdf_get_section_page (pdf), ==, 1);

  ar_pdf_set_y (pdf, ar_pdf_get_page_height (pdf) - bottom - 10.0);
  g_assert_cmpfloat_with_epsilon (ar_pdf_get_remaining (pdf), 10.0, 1e-9);
  g_assert_false (ar_pdf_keep_together (pdf, 10.0));
  g_assert_true (ar_pdf_keep_together (pdf, 10.5));
  g_assert_cmpuint (ar_pdf_get_section_page (pdf), ==, 2);
  g_assert_cmpfloat (ar_pdf_get_y (pdf), ==, top);

  g_assert_cmpfloat (ar_pdf_reserve (pdf, 100.0), ==, top);
  g_assert_cmpfloat (ar_pdf_get_y (pdf), ==, top + 100.0);
  ar_pdf_skip (pdf, 100000.0);
  g_assert_cmpfloat (ar_pdf_get_remaining (pdf), ==, 0.0);
  g_assert_null (ar_pdf_get_error (pdf));
}

/* A paragraph never leaves its first line alone at the foot of a page, nor its last line
 * alone at the top of the next. */
static void
test_orphans_and_widows (void)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  double top, bottom, leading = ar_pdf_line_height (&body);
  const char *lines3 = "one\ntwo\nthree";
  const char *lines4 = "one\ntwo\nthree\nfour";

  ar_pdf_begin_section (pdf, NULL, NULL, NULL);
  ar_pdf_get_margins (pdf, &top, NULL, &bottom, NULL);
  bottom = ar_pdf_get_page_height (pdf) - bottom;

  /* Room for one line: the whole paragraph moves on. */
  ar_pdf_set_y (pdf, bottom - 1.5 * leading);
  ar_pdf_paragraph (pdf, &body, lines3);
  g_assert_cmpuint (ar_pdf_get_section_page (pdf), ==, 2);
  g_assert_cmpfloat_with_epsilon (ar_pdf_get_y (pdf), top + 3 * leading, 1e-6);

  /* Room for three of four lines: two stay, two move. */
  ar_pdf_set_y (pdf, bottom - 3.5 * leading);
  ar_pdf_paragraph (pdf, &body, lines4);
  g_assert_cmpuint (ar_pdf_get_section_page (pdf), ==, 3);
  g_assert_cmpfloat_with_epsilon (ar_pdf_get_y (pdf), top + 2 * leading, 1e-6);

  /* Room for two of three lines: one would be a widow, one left behind an orphan. */
  ar_pdf_set_y (pdf, bottom - 2.5 * leading);
  ar_pdf_paragraph (pdf, &body, lines3);
  g_assert_cmpuint (ar_pdf_get_section_page (pdf), ==, 4);
  g_assert_cmpfloat_with_epsilon (ar_pdf_get_y (pdf), top + 3 * leading, 1e-6);

  /* Room for two of four lines: a plain break. */
  ar_pdf_set_y (pdf, bottom - 2.5 * leading);
  ar_pdf_paragraph (pdf, &body, lines4);
  g_assert_cmpuint (ar_pdf_get_section_page (pdf), ==, 5);
  g_assert_cmpfloat_with_epsilon (ar_pdf_get_y (pdf), top + 2 * leading, 1e-6);
}

/* What a chart painter does: take a block from the flow, draw on the page with libharu in
 * top-left coordinates, label it with the engine's text and with the main font directly. */
static void
test_painter (void)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "painter.pdf", NULL);
  g_autoptr(GPtrArray) words = NULL;
  HPDF_Page page;
  double m[6], top, left = 100.0;
  Word *word;

  ar_pdf_paragraph (pdf, &body, "Above the chart");
  top = ar_pdf_reserve (pdf, 120.0);
  g_assert_cmpfloat (ar_pdf_get_y (pdf), ==, top + 120.0);
  page = ar_pdf_get_page (pdf);
  g_assert_nonnull (page);

  ar_pdf_get_matrix (pdf, m);
  g_assert_cmpfloat (ar_pdf_to_pdf_y (pdf, top), ==, ar_pdf_get_page_height (pdf) - top);
  HPDF_Page_GSave (page);
  HPDF_Page_Concat (page, m[0], m[1], m[2], m[3], m[4], m[5]);
  HPDF_Page_Rectangle (page, left, top + 10.0, 200.0, 100.0);   /* top-left origin here */
  HPDF_Page_Stroke (page);
  HPDF_Page_GRestore (page);

  ar_pdf_draw_text (pdf, &body, left + 5.0, top + 30.0, "Bar 王小明");
  HPDF_Page_BeginText (page);
  HPDF_Page_SetFontAndSize (page, ar_pdf_get_font (pdf, AR_PDF_BOLD), 9.0);
  HPDF_Page_TextOut (page, left + 5.0, ar_pdf_to_pdf_y (pdf, top + 60.0), "Axis");
  HPDF_Page_EndText (page);
  ar_pdf_paragraph (pdf, &body, "Below the chart");
  save (pdf, path);

  if (!ar_test_have_tools ("pdftotext", "qpdf", NULL))
    goto out;
  assert_qpdf_ok (path);
  words = pdf_words (path);
  word = find_word (words, "Bar", 1);
  g_assert_nonnull (word);
  g_assert_cmpfloat_with_epsilon (word->x_min, left + 5.0, 0.5);
  g_assert_cmpfloat (word->y_max, <=, top + 33.0);
  g_assert_cmpfloat (word->y_min, >=, top + 20.0);
  g_assert_nonnull (find_word (words, "王小明", 1));
  word = find_word (words, "Axis", 1);
  g_assert_nonnull (word);
  g_assert_cmpfloat (word->y_max, <=, top + 63.0);   /* baseline + descent */
  g_assert_cmpfloat (word->y_min, >=, top + 50.0);
  word = find_word (words, "Below", 1);
  g_assert_nonnull (word);
  g_assert_cmpfloat (word->y_min, >=, top + 120.0);
out:
  ar_test_remove_tree (dir);
}

/* Saving ------------------------------------------------------------------------------------- */

static void
test_save_fails_cleanly (void)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "letter.pdf", NULL);
  g_autofree char *path = g_build_filename (dir, "letter.pdf", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  ar_pdf_paragraph (pdf, &body, "Hello");
  g_assert_false (ar_pdf_save (pdf, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, 0);

  /* The document is still good: saving elsewhere works and replaces the old file whole. */
  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  save (pdf, path);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));

  /* In memory, the same bytes. */
  bytes = ar_pdf_save_to_bytes (pdf, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, len);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), len, data, len);
  ar_test_remove_tree (dir);
}

/* A libharu error (here a negative line width, drawn straight on the page as a chart painter
 * would) becomes the document's error: nothing more is drawn and nothing is saved. */
static void
test_libharu_error (void)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "broken.pdf", NULL);
  const GError *doc_error;

  ar_pdf_paragraph (pdf, &body, "Hello");
  g_assert_null (ar_pdf_get_error (pdf));
  HPDF_Page_SetLineWidth (ar_pdf_get_page (pdf), -5.0);
  doc_error = ar_pdf_get_error (pdf);
  g_assert_nonnull (doc_error);
  g_assert_true (g_error_matches (doc_error, AR_PDF_ERROR, AR_PDF_ERROR_LIBHARU));
  g_assert_nonnull (strstr (doc_error->message, "0x1056"));   /* HPDF_PAGE_OUT_OF_RANGE */
  g_assert_nonnull (strstr (doc_error->message, "out of range"));

  ar_pdf_paragraph (pdf, &body, "ignored");
  g_assert_false (ar_pdf_save (pdf, path, &error));
  g_assert_error (error, AR_PDF_ERROR, AR_PDF_ERROR_LIBHARU);
  g_assert_cmpuint (count_entries (dir), ==, 0);
  g_clear_error (&error);
  g_assert_null (ar_pdf_save_to_bytes (pdf, &error));
  g_assert_error (error, AR_PDF_ERROR, AR_PDF_ERROR_LIBHARU);
  ar_test_remove_tree (dir);
}

/* Images ----------------------------------------------------------------------------------- */

static void
test_images_once (void)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  g_autoptr(GBytes) png = make_png_logo ();
  g_autoptr(GBytes) jpeg = load_jpeg_logo ();
  g_autoptr(GBytes) bad = g_bytes_new_static ("GIF89a....", 10);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "logos.pdf", NULL);
  g_autofree char *list = NULL;
  g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = NULL;
  guint n_uses = 0;

  g_assert_null (ar_pdf_load_image (pdf, bad, &error));
  g_assert_error (error, AR_PDF_ERROR, AR_PDF_ERROR_IMAGE);
  g_clear_error (&error);

  for (guint i = 0; i < 3; i++)
    {
      /* A fresh GBytes with the same content each time: found by content, not by pointer. */
      g_autoptr(GBytes) copy = g_bytes_new (g_bytes_get_data (jpeg, NULL),
                                            g_bytes_get_size (jpeg));
      ArPdfImage *image;

      begin_letter (pdf, "Jan Kowalski\nul. Długa 5\n00-001 Warszawa\nPoland", "K-7", png);
      image = ar_pdf_load_image (pdf, copy, &error);
      g_assert_no_error (error);
      ar_pdf_draw_image (pdf, image, ar_pdf_get_content_left (pdf), ar_pdf_reserve (pdf, 40.0),
                         100.0, 40.0);
      if (i == 2)
        {
          /* A third page in the same section */
          ar_pdf_new_page (pdf);
          ar_pdf_draw_image (pdf, image, 100.0, 300.0, 50.0, 20.0);
        }
    }
  save (pdf, path);
  g_assert_cmpuint (n_warnings (pdf), ==, 0);

  if (!ar_test_have_tools ("pdfimages", "qpdf", NULL))
    goto out;
  assert_qpdf_ok (path);
  list = ar_test_run_tool ("pdfimages", "-list", path, NULL);
  lines = g_strsplit (list, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit_set (lines[i], " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint k = 0; cols[k] != NULL; k++)
        if (*cols[k] != '\0')
          g_ptr_array_add (words, cols[k]);
      if (words->len < 11 || g_strcmp0 (g_ptr_array_index (words, 2), "image") != 0)
        continue;
      n_uses++;
      g_hash_table_add (objects, g_strdup (g_ptr_array_index (words, 10)));
    }
  /* Seven uses (a logo on each first page, the JPEG on four pages), two image objects. */
  g_assert_cmpuint (n_uses, ==, 7);
  g_assert_cmpuint (g_hash_table_size (objects), ==, 2);
out:
  ar_test_remove_tree (dir);
}

/* Letters ----------------------------------------------------------------------------------- */

/* The recipient's address shows through the envelope window; the return address sits in the
 * top zone of the field. */
static void
check_window (ArPdfPaper  paper,
              double      x_min,
              double      x_max,
              double      y_min,
              double      y_max,
              double      return_y_max)
{
  g_autoptr(ArPdf) pdf = new_pdf (paper);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "window.pdf", NULL);
  g_autoptr(GPtrArray) words = NULL;
  static const char *recipient[] = { "Zofia", "Łukasiewicz", "Mickiewicza", "Kraków", "POLAND" };
  Word *word;

  begin_letter (pdf, "Zofia Łukasiewicz\nul. Mickiewicza 7\n30-059 Kraków\nPOLAND", "K-9", NULL);
  ar_pdf_paragraph (pdf, &body, "Body text.");
  save (pdf, path);
  g_assert_cmpuint (n_warnings (pdf), ==, 0);
  if (!ar_test_have_tools ("pdftotext", NULL))
    goto out;

  words = pdf_words (path);
  for (guint i = 0; i < G_N_ELEMENTS (recipient); i++)
    {
      word = find_word (words, recipient[i], 1);
      g_assert_nonnull (word);
      g_assert_cmpfloat (word->x_min, >=, x_min);
      g_assert_cmpfloat (word->x_max, <=, x_max);
      g_assert_cmpfloat (word->y_min, >=, y_min);
      g_assert_cmpfloat (word->y_max, <=, y_max);
    }
  /* The return address: "Nordbank ... · Hafenstraße 12 · ..." in small type above them */
  word = find_word_below (words, "Hafenstraße", 1, return_y_max - 20.0);
  g_assert_nonnull (word);
  g_assert_cmpfloat (word->y_max, <=, return_y_max);
  g_assert_cmpfloat (word->x_min, >=, x_min);
  /* The body starts below the window. */
  word = find_word (words, "Body", 1);
  g_assert_nonnull (word);
  g_assert_cmpfloat (word->y_min, >, y_max);
out:
  ar_test_remove_tree (dir);
}

static void
test_window_a4 (void)
{
  /* DIN 5008 form B: field 20–105 mm across, address zone 62.7–90 mm down, return zone
   * 45–50 mm. */
  check_window (AR_PDF_PAPER_A4, AR_PDF_MM (20.0), AR_PDF_MM (105.0), AR_PDF_MM (62.0),
                AR_PDF_MM (90.0), AR_PDF_MM (50.0));
}

static void
test_window_letter (void)
{
  /* #10 window seen on the page: 0.875–5.375 in across, 2.04–3.17 in down, less 1/8 in. */
  check_window (AR_PDF_PAPER_LETTER, AR_PDF_INCH (1.0), AR_PDF_INCH (5.25), AR_PDF_INCH (2.165),
                AR_PDF_INCH (3.045), AR_PDF_INCH (2.2));
}

/* The sample letter: letterhead with logo, window address, reference block, paragraphs, a
 * two-page table with a total and the footer. */
static void
test_sample_letter (void)
{
  g_autoptr(ArPdf) pdf = new_pdf (AR_PDF_PAPER_A4);
  g_autoptr(ArPdfTable) table = new_invoice_table ();
  g_autoptr(GBytes) logo = load_jpeg_logo ();
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sample.pdf", NULL);
  g_autofree char *text = NULL;
  const char *sample = g_getenv ("AR_PDF_SAMPLE");
  const char *total[] = { "", "Total due", "", "EUR 9,876.54" };
  ArPdfStyle small = body;

  for (guint i = 0; i < 46; i++)
    {
      g_autofree char *number = g_strdup_printf ("RE-2025-%04u", 311 + i * 7);
      g_autofree char *due = g_strdup_printf ("%02u.%02u.2025", 1 + (i * 11) % 28, 1 + i % 12);
      g_autofree char *amount = g_strdup_printf ("EUR %s%u.%02u", i % 5 == 0 ? "1," : "",
                                                 100 + (i * 53) % 900, (i * 17) % 100);

      ar_pdf_table_add (table, number,
                        i % 9 == 4 ? "Maintenance contract, second quarter, including travel "
                                     "expenses and materials"
                                   : (i % 2 ? "Consulting" : "Licence fee"),
                        due, amount);
    }
  ar_pdf_table_add_total_row (table, total);

  ar_pdf_set_metadata (pdf, "Zahlungserinnerung", "Nordbank", NULL);
  begin_letter (pdf, "Herrn\nΓιώργος Παπαδόπουλος\nc/o 王小明 Trading GmbH\nKönigsallee 92a\n"
                "40212 Düsseldorf", "K-204 117", logo);
  ar_pdf_paragraph (pdf, &body, "Dear Mr Papadopoulos,");
  ar_pdf_skip (pdf, 6.0);
  ar_pdf_paragraph (pdf, &body, "According to our records the invoices listed below are still "
                    "unpaid, although their due dates have passed. Perhaps this has escaped "
                    "your attention. Please transfer the total amount within fourteen days to "
                    "the account shown at the foot of this letter, quoting your customer "
                    "number. If you have paid in the meantime, please disregard this letter.");
  ar_pdf_skip (pdf, 8.0);
  ar_pdf_table_draw (table, pdf);
  ar_pdf_skip (pdf, 12.0);
  ar_pdf_keep_together (pdf, 4 * ar_pdf_line_height (&body));
  ar_pdf_paragraph (pdf, &body, "Yours sincerely,");
  ar_pdf_skip (pdf, 20.0);
  small.size = 9.0;
  small.color = 0x333333;
  ar_pdf_paragraph (pdf, &small, "Nordbank Forderungsmanagement GmbH — Accounts Receivable");

  save (pdf, path);
  if (sample != NULL)
    save (pdf, sample);
  g_assert_cmpuint (n_warnings (pdf), ==, 0);
  g_assert_cmpuint (ar_pdf_get_n_pages (pdf), ==, 2);

  if (!ar_test_have_tools ("pdftotext", "pdffonts", "qpdf", NULL))
    goto out;
  assert_qpdf_ok (path);
  text = pdf_text (path, 0);
  g_assert_nonnull (strstr (text, "Γιώργος Παπαδόπουλος"));
  g_assert_nonnull (strstr (text, "王小明"));
  g_assert_nonnull (strstr (text, "Reminder: overdue invoices"));
  g_assert_nonnull (strstr (text, "EUR 9,876.54"));
  g_assert_nonnull (strstr (text, "Page 2 of 2"));
  g_free (embedded_fonts (path));
out:
  ar_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf/fonts/scripts", test_scripts);
  g_test_add_func ("/pdf/fonts/no-cjk-font-without-cjk", test_no_cjk_font_without_cjk);
  g_test_add_func ("/pdf/fonts/once-per-document", test_fonts_once_per_document);
  g_test_add_func ("/pdf/fonts/warnings", test_warnings);
  g_test_add_func ("/pdf/fonts/glyphs-have-ink", test_glyphs_have_ink);
  g_test_add_func ("/pdf/text/wrap", test_wrap);
  g_test_add_func ("/pdf/text/paragraph-words", test_paragraph_words);
  g_test_add_func ("/pdf/flow/keep-together", test_keep_together);
  g_test_add_func ("/pdf/flow/orphans-and-widows", test_orphans_and_widows);
  g_test_add_func ("/pdf/flow/painter", test_painter);
  g_test_add_func ("/pdf/table/pages", test_table_pages);
  g_test_add_func ("/pdf/save/fails-cleanly", test_save_fails_cleanly);
  g_test_add_func ("/pdf/save/libharu-error", test_libharu_error);
  g_test_add_func ("/pdf/images/once", test_images_once);
  g_test_add_func ("/pdf/letter/window-a4", test_window_a4);
  g_test_add_func ("/pdf/letter/window-letter", test_window_letter);
  g_test_add_func ("/pdf/letter/sample", test_sample_letter);

  status = g_test_run ();
  /* fontconfig keeps its configuration until FcFini (); release it so LeakSanitizer sees a
   * clean exit. Nothing else in this process uses fontconfig any more. */
  FcFini ();
  return status;
}
