/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-pdf"
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-pdf-private.h"

#define N_BMP         0x10000
#define WIDTH_UNKNOWN 0xFFFF
#define MAIN_FAMILY   "DejaVu Sans"

/* Coverage cache values */
enum { COVER_UNKNOWN = 0, COVER_YES, COVER_NO };

struct _ArPdfFace
{
  char         *file;
  int           index;
  FcCharSet    *charset;    /* owned */
  HPDF_Font     font;       /* NULL until loaded into the document */
  gboolean      failed;     /* libharu could not load it */
  guint8       *covers;     /* N_BMP entries, COVER_*, allocated on first use */
  guint16      *widths;     /* N_BMP entries in 1/1000 em, WIDTH_UNKNOWN until asked */
  guint8       *marked;     /* N_BMP bits: the glyph's components are marked for embedding */
  HPDF_FontDef  fontdef;    /* libharu's parsed TrueType font, for mark_components () */
  GMappedFile  *mapped;     /* the font file, read by mark_components () */
};

struct _ArPdfFonts
{
  ArPdf      *pdf;                 /* not owned: the document owns us */
  GHashTable *faces;               /* "file#index" → ArPdfFace, owned */
  ArPdfFace  *main[2];             /* indexed by ArPdfWeight */
  gboolean    bold_checked;        /* main[AR_PDF_BOLD] was loaded or replaced */
  GPtrArray  *fallbacks;           /* ArPdfFace found as fallbacks, in order found */
  GHashTable *choice[2];           /* gunichar → ArPdfFace or &no_face, per weight */
  gunichar    replacement;         /* U+FFFD, or '?' if the main face lacks it */
};

/* Marks "no installed font has this character" in the choice tables. */
static ArPdfFace no_face;

static void
face_free (gpointer data)
{
  ArPdfFace *face = data;

  g_free (face->file);
  if (face->charset != NULL)
    FcCharSetDestroy (face->charset);
  g_free (face->covers);
  g_free (face->widths);
  g_free (face->marked);
  g_clear_pointer (&face->mapped, g_mapped_file_unref);
  g_free (face);
}

static gboolean
ensure_fontconfig (void)
{
  static gsize initialised = 0;
  static gboolean ok = FALSE;

  /* FcInit loads the configuration and the font cache once per process; its state is global
   * and lives until exit, as fontconfig intends. */
  if (g_once_init_enter (&initialised))
    {
      ok = FcInit ();
      g_once_init_leave (&initialised, 1);
    }
  return ok;
}

/* TrueType collections need HPDF_LoadTTFontFromFile2 with the face index. */
static gboolean
is_collection (const char *file)
{
  char magic[4] = { 0 };
  FILE *fp = fopen (file, "rb");
  gboolean ttc;

  if (fp == NULL)
    return FALSE;
  ttc = fread (magic, 1, 4, fp) == 4 && memcmp (magic, "ttcf", 4) == 0;
  fclose (fp);
  return ttc;
}

/* The face for @file/@index of this document, created on first request. */
static ArPdfFace *
get_face (ArPdfFonts *fonts,
          const char *file,
          int         index,
          FcCharSet  *charset)
{
  g_autofree char *key = g_strdup_printf ("%s#%d", file, index);
  ArPdfFace *face = g_hash_table_lookup (fonts->faces, key);

  if (face != NULL)
    return face;
  face = g_new0 (ArPdfFace, 1);
  face->file = g_strdup (file);
  face->index = index;
  face->charset = FcCharSetCopy (charset);
  g_hash_table_insert (fonts->faces, g_steal_pointer (&key), face);
  return face;
}

/* Loads @face into the document once. FALSE if libharu can't read it; the failure is not an
 * error of the document (another font is tried), so it is taken off the error state. */
static gboolean
load_face (ArPdfFonts *fonts,
           ArPdfFace  *face)
{
  HPDF_Doc doc = fonts->pdf->doc;
  const char *name;
  HPDF_STATUS status;

  if (face->font != NULL)
    return TRUE;
  if (face->failed || !_ar_pdf_ok (fonts->pdf))
    return FALSE;

  if (face->index > 0 || is_collection (face->file))
    name = HPDF_LoadTTFontFromFile2 (doc, face->file, (HPDF_UINT) face->index, HPDF_TRUE);
  else
    name = HPDF_LoadTTFontFromFile (doc, face->file, HPDF_TRUE);
  if (name != NULL)
    face->font = HPDF_GetFont (doc, name, "UTF-8");

  status = _ar_pdf_take_hpdf_error (fonts->pdf);
  if (name == NULL || face->font == NULL || status != HPDF_OK)
    {
      g_debug ("libharu can't load %s (face %d): error 0x%04X", face->file, face->index,
               (unsigned) status);
      face->font = NULL;
      face->failed = TRUE;
      return FALSE;
    }

  /* For mark_components (): only TrueType font definitions have the glyph tables it uses. */
  face->fontdef = HPDF_GetFontDef (doc, name);
  _ar_pdf_take_hpdf_error (fonts->pdf);
  if (face->fontdef != NULL && face->fontdef->type == HPDF_FONTDEF_TYPE_TRUETYPE)
    face->mapped = g_mapped_file_new (face->file, FALSE, NULL);
  return TRUE;
}

static guint16
read_u16 (const guint8 *p)
{
  return (guint16) ((p[0] << 8) | p[1]);
}

/* Workaround for libharu 2.3.0: its subsetter keeps only the glyphs it has seen used, and for
 * a composite glyph (one built from other glyphs, as most ideographs in WenQuanYi Micro Hei
 * and many accented letters in DejaVu are) it marks the components one level deep and only
 * below glyph 32768 (it reads the index as a signed 16-bit number). Missing components print
 * as blanks. This walks the composite's components (all levels, all indices) in the font
 * file and marks them in libharu's glyph table (declared in the installed hpdf_fontdef.h). */
static void
mark_components (ArPdfFace *face,
                 guint      gid,
                 guint      depth)
{
  HPDF_TTFontDefAttr attr = face->fontdef->attr;
  const guint8 *data = (const guint8 *) g_mapped_file_get_contents (face->mapped);
  gsize size = g_mapped_file_get_length (face->mapped);
  gsize start, end, p;
  guint16 flags;

  if (gid >= attr->num_glyphs || depth > 8)
    return;
  attr->glyph_tbl.flgs[gid] = 1;

  start = attr->glyph_tbl.offsets[gid];
  end = attr->glyph_tbl.offsets[gid + 1];
  if (attr->header.index_to_loc_format == 0)
    {
      start *= 2;
      end *= 2;
    }
  start += attr->glyph_tbl.base_offset;
  end += attr->glyph_tbl.base_offset;
  if (end > size || start + 10 > end || (gint16) read_u16 (data + start) >= 0)
    return;   /* empty, out of the file, or a simple glyph */

  p = start + 10;   /* after numberOfContours and the bounding box */
  do
    {
      guint16 component;

      if (p + 4 > end)
        return;
      flags = read_u16 (data + p);
      component = read_u16 (data + p + 2);
      p += 4 + ((flags & 0x0001) ? 4 : 2);        /* ARG_1_AND_2_ARE_WORDS */
      if (flags & 0x0008)                         /* WE_HAVE_A_SCALE */
        p += 2;
      else if (flags & 0x0040)                    /* WE_HAVE_AN_X_AND_Y_SCALE */
        p += 4;
      else if (flags & 0x0080)                    /* WE_HAVE_A_TWO_BY_TWO */
        p += 8;
      mark_components (face, component, depth + 1);
    }
  while (flags & 0x0020);                         /* MORE_COMPONENTS */
}

/* Makes sure the glyph of @c and all its parts will be embedded. */
static void
mark_glyph (ArPdfFace *face,
            gunichar   c)
{
  if (face->mapped == NULL || c >= N_BMP)
    return;
  if (face->marked == NULL)
    face->marked = g_malloc0 (N_BMP / 8);
  if (face->marked[c / 8] & (1u << (c % 8)))
    return;
  face->marked[c / 8] |= (guint8) (1u << (c % 8));
  mark_components (face, HPDF_TTFontDef_GetGlyphid (face->fontdef, (HPDF_UINT16) c), 0);
}

static gboolean
pattern_is_truetype (FcPattern *pattern)
{
  FcChar8 *format = NULL;
  FcBool outline = FcFalse;

  /* libharu reads glyf/loca TrueType outlines only, not CFF ("OpenType-PS"). */
  if (FcPatternGetString (pattern, FC_FONTFORMAT, 0, &format) != FcResultMatch ||
      g_strcmp0 ((const char *) format, "TrueType") != 0)
    return FALSE;
  if (FcPatternGetBool (pattern, FC_OUTLINE, 0, &outline) == FcResultMatch && !outline)
    return FALSE;
  return TRUE;
}

/* The face of a font pattern returned by fontconfig, if it is TrueType, has @c (0: any) and
 * libharu loads it; else NULL. */
static ArPdfFace *
face_from_pattern (ArPdfFonts *fonts,
                   FcPattern  *pattern,
                   gunichar    c)
{
  FcChar8 *file = NULL;
  FcCharSet *charset = NULL;
  int index = 0;
  ArPdfFace *face;

  if (!pattern_is_truetype (pattern) ||
      FcPatternGetString (pattern, FC_FILE, 0, &file) != FcResultMatch ||
      FcPatternGetCharSet (pattern, FC_CHARSET, 0, &charset) != FcResultMatch)
    return NULL;
  if (c != 0 && !FcCharSetHasChar (charset, c))
    return NULL;
  if (FcPatternGetInteger (pattern, FC_INDEX, 0, &index) != FcResultMatch)
    index = 0;
  /* Variable fonts and named instances share a file; their index carries the instance in
   * the high 16 bits, which libharu doesn't know about. */
  if (index > 0xFFFF)
    return NULL;

  face = get_face (fonts, (const char *) file, index, charset);
  return load_face (fonts, face) ? face : NULL;
}

static FcPattern *
new_pattern (const char *family,
             ArPdfWeight weight)
{
  FcPattern *pattern = FcPatternCreate ();

  FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) family);
  FcPatternAddInteger (pattern, FC_WEIGHT,
                       weight == AR_PDF_BOLD ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcPatternAddInteger (pattern, FC_SLANT, FC_SLANT_ROMAN);
  FcPatternAddString (pattern, FC_FONTFORMAT, (const FcChar8 *) "TrueType");
  FcPatternAddBool (pattern, FC_SCALABLE, FcTrue);
  return pattern;
}

/* The main face for @weight: FcFontMatch for DejaVu Sans, or, if that is not a TrueType
 * font libharu can load, the best TrueType font fontconfig sorts for the same pattern. */
static ArPdfFace *
find_main_face (ArPdfFonts *fonts,
                ArPdfWeight weight)
{
  FcPattern *pattern = new_pattern (MAIN_FAMILY, weight);
  FcPattern *match;
  FcFontSet *set;
  FcResult result;
  ArPdfFace *face = NULL;

  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);

  match = FcFontMatch (NULL, pattern, &result);
  if (match != NULL)
    {
      int found_weight = FC_WEIGHT_REGULAR;

      FcPatternGetInteger (match, FC_WEIGHT, 0, &found_weight);
      /* No bold face: the caller prints bold text with the regular face. */
      if (weight != AR_PDF_BOLD || found_weight >= FC_WEIGHT_DEMIBOLD)
        face = face_from_pattern (fonts, match, 'A');
      FcPatternDestroy (match);
    }

  if (face == NULL && weight == AR_PDF_REGULAR)
    {
      set = FcFontSort (NULL, pattern, FcFalse, NULL, &result);
      for (int i = 0; set != NULL && i < set->nfont && face == NULL; i++)
        face = face_from_pattern (fonts, set->fonts[i], 'A');
      if (set != NULL)
        FcFontSetDestroy (set);
    }

  FcPatternDestroy (pattern);
  return face;
}

ArPdfFonts *
_ar_pdf_fonts_new (ArPdf   *pdf,
                   GError **error)
{
  g_autoptr(GHashTable) faces = NULL;
  ArPdfFonts *fonts;

  if (!ensure_fontconfig ())
    {
      g_set_error (error, AR_PDF_ERROR, AR_PDF_ERROR_FONT,
                   _("Fontconfig could not be initialised, so no fonts can be found"));
      return NULL;
    }

  fonts = g_new0 (ArPdfFonts, 1);
  fonts->pdf = pdf;
  fonts->faces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, face_free);
  fonts->fallbacks = g_ptr_array_new ();
  fonts->choice[AR_PDF_REGULAR] = g_hash_table_new (NULL, NULL);
  fonts->choice[AR_PDF_BOLD] = g_hash_table_new (NULL, NULL);

  fonts->main[AR_PDF_REGULAR] = find_main_face (fonts, AR_PDF_REGULAR);
  if (fonts->main[AR_PDF_REGULAR] == NULL)
    {
      const GError *doc_error = ar_pdf_get_error (pdf);

      if (doc_error != NULL)
        g_propagate_error (error, g_error_copy (doc_error));
      else
        g_set_error (error, AR_PDF_ERROR, AR_PDF_ERROR_FONT,
                     _("No TrueType font for PDF documents is installed (install the "
                       "DejaVu fonts, Debian package fonts-dejavu-core)"));
      _ar_pdf_fonts_free (fonts);
      return NULL;
    }
  fonts->replacement =
    FcCharSetHasChar (fonts->main[AR_PDF_REGULAR]->charset, 0xFFFD) ? 0xFFFD : '?';
  return fonts;
}

void
_ar_pdf_fonts_free (ArPdfFonts *fonts)
{
  if (fonts == NULL)
    return;
  g_hash_table_destroy (fonts->choice[AR_PDF_REGULAR]);
  g_hash_table_destroy (fonts->choice[AR_PDF_BOLD]);
  g_ptr_array_unref (fonts->fallbacks);
  g_hash_table_destroy (fonts->faces);
  g_free (fonts);
}

/* The bold face is looked up and embedded only when bold text is first used. */
static ArPdfFace *
get_main (ArPdfFonts *fonts,
          ArPdfWeight weight)
{
  if (weight == AR_PDF_BOLD && !fonts->bold_checked)
    {
      fonts->bold_checked = TRUE;
      fonts->main[AR_PDF_BOLD] = find_main_face (fonts, AR_PDF_BOLD);
      if (fonts->main[AR_PDF_BOLD] == NULL)
        {
          _ar_pdf_warn (fonts->pdf, _("No bold TrueType face of %s is installed; bold text "
                                      "is printed in the regular face"), MAIN_FAMILY);
          fonts->main[AR_PDF_BOLD] = fonts->main[AR_PDF_REGULAR];
        }
    }
  return fonts->main[weight == AR_PDF_BOLD ? AR_PDF_BOLD : AR_PDF_REGULAR];
}

static gboolean
face_has (ArPdfFace *face,
          gunichar   c)
{
  if (c >= N_BMP)
    return FALSE;
  if (face->covers == NULL)
    face->covers = g_malloc0 (N_BMP);
  if (face->covers[c] == COVER_UNKNOWN)
    face->covers[c] = FcCharSetHasChar (face->charset, c) ? COVER_YES : COVER_NO;
  return face->covers[c] == COVER_YES;
}

/* A fallback face for @c: one already in the document if it has @c (so a page of CJK names
 * embeds one CJK font), else the best TrueType font fontconfig sorts for a pattern carrying
 * @c. Remembered per character. */
static ArPdfFace *
find_fallback (ArPdfFonts *fonts,
               ArPdfWeight weight,
               gunichar    c)
{
  GHashTable *choice = fonts->choice[weight];
  ArPdfFace *face;
  FcPattern *pattern;
  FcCharSet *charset;
  FcFontSet *set;
  FcResult result;

  face = g_hash_table_lookup (choice, GUINT_TO_POINTER (c));
  if (face != NULL)
    return face == &no_face ? NULL : face;

  for (guint i = 0; i < fonts->fallbacks->len && face == NULL; i++)
    if (face_has (g_ptr_array_index (fonts->fallbacks, i), c))
      face = g_ptr_array_index (fonts->fallbacks, i);

  if (face == NULL && c < N_BMP)
    {
      pattern = new_pattern ("sans-serif", weight);
      charset = FcCharSetCreate ();
      FcCharSetAddChar (charset, c);
      FcPatternAddCharSet (pattern, FC_CHARSET, charset);
      FcCharSetDestroy (charset);
      FcConfigSubstitute (NULL, pattern, FcMatchPattern);
      FcDefaultSubstitute (pattern);

      /* Untrimmed: a CFF font that covers @c must not hide a TrueType one that also does. */
      set = FcFontSort (NULL, pattern, FcFalse, NULL, &result);
      for (int i = 0; set != NULL && i < set->nfont && face == NULL; i++)
        face = face_from_pattern (fonts, set->fonts[i], c);
      if (set != NULL)
        FcFontSetDestroy (set);
      FcPatternDestroy (pattern);

      if (face != NULL)
        {
          gboolean known = FALSE;

          for (guint i = 0; i < fonts->fallbacks->len; i++)
            known |= g_ptr_array_index (fonts->fallbacks, i) == face;
          if (!known)
            g_ptr_array_add (fonts->fallbacks, face);
        }
    }

  g_hash_table_insert (choice, GUINT_TO_POINTER (c), face != NULL ? face : &no_face);
  return face;
}

typedef enum
{
  GLYPH_SKIP,          /* not printed */
  GLYPH_OK,
  GLYPH_SUBSTITUTED,   /* no font has it: the replacement character instead */
} GlyphKind;

static GlyphKind
resolve (ArPdfFonts *fonts,
         ArPdfWeight weight,
         gunichar    c,
         ArPdfFace **out_face,
         gunichar   *out_c)
{
  ArPdfFace *face;

  if (c == '\t' || c == '\n' || c == '\r')
    c = ' ';
  else if (c < 0x20 || (c >= 0x7F && c < 0xA0))
    return GLYPH_SKIP;
  else if (c >= 0xAD && g_unichar_type (c) == G_UNICODE_FORMAT)
    return GLYPH_SKIP;   /* soft hyphen, zero-width space and joiners, direction marks, BOM */

  *out_c = c;
  face = get_main (fonts, weight);
  if (face_has (face, c))
    {
      *out_face = face;
      return GLYPH_OK;
    }
  if (weight == AR_PDF_BOLD && face_has (fonts->main[AR_PDF_REGULAR], c))
    {
      *out_face = fonts->main[AR_PDF_REGULAR];
      return GLYPH_OK;
    }
  face = find_fallback (fonts, weight, c);
  if (face != NULL)
    {
      *out_face = face;
      return GLYPH_OK;
    }
  *out_face = fonts->main[AR_PDF_REGULAR];
  *out_c = fonts->replacement;
  return GLYPH_SUBSTITUTED;
}

static int
face_advance (ArPdfFace *face,
              gunichar   c)
{
  if (c >= N_BMP)
    return 0;
  if (face->widths == NULL)
    {
      face->widths = g_new (guint16, N_BMP);
      memset (face->widths, 0xFF, N_BMP * sizeof (guint16));
    }
  if (face->widths[c] == WIDTH_UNKNOWN)
    face->widths[c] = (guint16) CLAMP (HPDF_Font_GetUnicodeWidth (face->font, (HPDF_UNICODE) c),
                                       0, WIDTH_UNKNOWN - 1);
  return face->widths[c];
}

int
_ar_pdf_fonts_advance (ArPdfFonts *fonts,
                       ArPdfWeight weight,
                       gunichar    c)
{
  ArPdfFace *face = NULL;
  gunichar out_c = 0;

  if (resolve (fonts, weight, c, &face, &out_c) == GLYPH_SKIP)
    return 0;
  return face_advance (face, out_c);
}

void
_ar_pdf_fonts_get_metrics (ArPdfFonts *fonts,
                           int        *ascent,
                           int        *descent)
{
  HPDF_Font font = fonts->main[AR_PDF_REGULAR]->font;

  *ascent = HPDF_Font_GetAscent (font);
  *descent = HPDF_Font_GetDescent (font);
  if (*ascent <= 0)
    *ascent = 800;
  if (*descent >= 0)
    *descent = -200;
}

HPDF_Font
_ar_pdf_face_get_font (ArPdfFace *face)
{
  return face->font;
}

HPDF_Font
_ar_pdf_fonts_get_main (ArPdfFonts *fonts,
                        ArPdfWeight weight)
{
  return get_main (fonts, weight)->font;
}

/* Scripts whose letters change shape with their neighbours or are written right to left:
 * without a shaping engine they are printed one character after the other in logical order,
 * which is legible for names but not typographically right, so the document says so. */
static const char *
shaping_script_name (GUnicodeScript script)
{
  switch ((int) script)
    {
    case G_UNICODE_SCRIPT_ARABIC: return _("Arabic");
    case G_UNICODE_SCRIPT_HEBREW: return _("Hebrew");
    case G_UNICODE_SCRIPT_SYRIAC: return _("Syriac");
    case G_UNICODE_SCRIPT_THAANA: return _("Thaana");
    case G_UNICODE_SCRIPT_NKO: return _("N’Ko");
    case G_UNICODE_SCRIPT_DEVANAGARI: return _("Devanagari");
    case G_UNICODE_SCRIPT_BENGALI: return _("Bengali");
    case G_UNICODE_SCRIPT_GURMUKHI: return _("Gurmukhi");
    case G_UNICODE_SCRIPT_GUJARATI: return _("Gujarati");
    case G_UNICODE_SCRIPT_ORIYA: return _("Odia");
    case G_UNICODE_SCRIPT_TAMIL: return _("Tamil");
    case G_UNICODE_SCRIPT_TELUGU: return _("Telugu");
    case G_UNICODE_SCRIPT_KANNADA: return _("Kannada");
    case G_UNICODE_SCRIPT_MALAYALAM: return _("Malayalam");
    case G_UNICODE_SCRIPT_SINHALA: return _("Sinhala");
    case G_UNICODE_SCRIPT_TIBETAN: return _("Tibetan");
    case G_UNICODE_SCRIPT_MYANMAR: return _("Myanmar");
    case G_UNICODE_SCRIPT_KHMER: return _("Khmer");
    case G_UNICODE_SCRIPT_MONGOLIAN: return _("Mongolian");
    default: return NULL;
    }
}

/* Up to 60 characters of @text, for warnings. */
static char *
snippet (const char *text,
         gsize       len)
{
  g_autofree char *copy = g_strndup (text, len);
  g_autofree char *start = NULL;

  if (g_utf8_strlen (copy, -1) <= 60)
    return g_steal_pointer (&copy);
  start = g_utf8_substring (copy, 0, 59);
  return g_strconcat (start, "…", NULL);
}

guint
_ar_pdf_fonts_split (ArPdfFonts *fonts,
                     ArPdfWeight weight,
                     const char *text,
                     gsize       len,
                     GString    *buf,
                     GArray     *runs)
{
  const char *end = text + len;
  ArPdfFace *current = NULL;
  GUnicodeScript warned = G_UNICODE_SCRIPT_COMMON;

  g_string_truncate (buf, 0);
  g_array_set_size (runs, 0);

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      ArPdfFace *face = NULL;
      gunichar out_c = 0;
      GlyphKind kind;

      if (c >= 0x0590)
        {
          GUnicodeScript script = g_unichar_get_script (c);
          const char *name;

          if (script != warned && (name = shaping_script_name (script)) != NULL)
            {
              g_autofree char *quote = snippet (text, len);

              warned = script;
              _ar_pdf_warn (fonts->pdf, _("%s text is printed without shaping or "
                                          "right-to-left ordering, in logical order: “%s”"),
                            name, quote);
            }
        }

      kind = resolve (fonts, weight, c, &face, &out_c);
      if (kind == GLYPH_SKIP)
        continue;
      if (kind == GLYPH_SUBSTITUTED)
        {
          char utf8[8] = { 0 };

          g_unichar_to_utf8 (c, utf8);
          _ar_pdf_warn (fonts->pdf, _("No installed font has a glyph for U+%04X “%s”; it is "
                                      "printed as “%s”"),
                        (unsigned) c, utf8, out_c == '?' ? "?" : "\xEF\xBF\xBD");
        }
      mark_glyph (face, out_c);
      if (face != current)
        {
          ArPdfRun run;

          if (current != NULL)
            g_string_append_c (buf, '\0');
          run.face = face;
          run.offset = (guint) buf->len;
          g_array_append_val (runs, run);
          current = face;
        }
      g_string_append_unichar (buf, out_c);
    }
  if (current != NULL)
    g_string_append_c (buf, '\0');
  return runs->len;
}
