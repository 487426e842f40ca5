/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-pdf"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-pdf-letter.h"
#include "ar-pdf-private.h"

#define GREY_TEXT   0x555555
#define GREY_RULE   0xB0B0B0

/* Where things go on the first page, in points from the top-left corner.
 *
 * A4, DIN 5008:2020 form B ("Form B", for C4, C5/6 and DL window envelopes, DIN 680):
 *   letterhead 0–45 mm; address field 45 mm from the top and 20 mm from the left edge,
 *   85 × 45 mm, made of a 5 mm return-address zone, a 12.7 mm endorsement zone
 *   ("Zusatz- und Vermerkzone") and a 27.3 mm address zone starting 62.7 mm from the top;
 *   text starts 5 mm inside the field, at 25 mm, the left margin of the body;
 *   information (reference) block 125 mm from the left, 50 mm from the top; fold marks at
 *   105 and 210 mm, punch mark at 148.5 mm.
 *
 * US Letter, #10 window envelope (4 1/8 × 9 1/2 in): the common window is 1 1/8 × 4 1/2 in,
 *   7/8 in from the left and 1/2 in from the bottom of the envelope (USPS-recommended
 *   position, as given e.g. by university mail services). The sheet is folded in three
 *   (panels of 11/3 ≈ 3.67 in) and the top panel rests on the envelope's bottom edge, so the
 *   window shows the page from 3.67 − 0.5 − 1.125 ≈ 2.04 in to 3.17 in below its top edge,
 *   and from 0.875 in to 5.375 in from its left edge. The address must keep 1/8 in from the
 *   window's edges, so it is printed from 2.2 in to at most 3.04 in, starting at 1.0 in (the
 *   body's left margin); the field drawn here is 2.0 in from the top, 0.875 in from the
 *   left, 4 × 1.125 in. Fold marks at 11/3 and 22/3 in. */
typedef struct
{
  double margin_left;
  double margin_right;
  double head_top;         /* top of the letterhead */
  double field_x;          /* address field */
  double field_y;
  double field_width;
  double field_height;
  double field_inset;      /* text starts this far inside the field */
  double return_height;    /* the return-address zone at the top of the field */
  double zone_top;         /* the address zone proper */
  double zone_bottom;
  double info_x;           /* reference block */
  double info_y;
  double body_gap;         /* between the field (or reference block) and the subject */
  double cont_top;         /* continuation pages: running header baseline ... */
  double cont_body;        /* ... and where their body starts */
  double footer_bottom;    /* lowest baseline of the footer */
  double folds[3];
  double fold_length[3];
} Geometry;

static const Geometry *
get_geometry (ArPdfPaper paper)
{
  static const Geometry a4 = {
    .margin_left = AR_PDF_MM (25.0),
    .margin_right = AR_PDF_MM (20.0),
    .head_top = AR_PDF_MM (11.0),
    .field_x = AR_PDF_MM (20.0),
    .field_y = AR_PDF_MM (45.0),
    .field_width = AR_PDF_MM (85.0),
    .field_height = AR_PDF_MM (45.0),
    .field_inset = AR_PDF_MM (5.0),
    .return_height = AR_PDF_MM (5.0),
    .zone_top = AR_PDF_MM (62.7),
    .zone_bottom = AR_PDF_MM (90.0),
    .info_x = AR_PDF_MM (125.0),
    .info_y = AR_PDF_MM (50.0),
    .body_gap = AR_PDF_MM (8.5),
    .cont_top = AR_PDF_MM (13.0),
    .cont_body = AR_PDF_MM (22.0),
    .footer_bottom = AR_PDF_MM (287.0),
    .folds = { AR_PDF_MM (105.0), AR_PDF_MM (148.5), AR_PDF_MM (210.0) },
    .fold_length = { AR_PDF_MM (5.0), AR_PDF_MM (7.0), AR_PDF_MM (5.0) },
  };
  static const Geometry letter = {
    .margin_left = AR_PDF_INCH (1.0),
    .margin_right = AR_PDF_INCH (0.875),
    .head_top = AR_PDF_INCH (0.5),
    .field_x = AR_PDF_INCH (0.875),
    .field_y = AR_PDF_INCH (2.0),
    .field_width = AR_PDF_INCH (4.0),
    .field_height = AR_PDF_INCH (1.125),
    .field_inset = AR_PDF_INCH (0.125),
    .return_height = AR_PDF_INCH (0.14),
    .zone_top = AR_PDF_INCH (2.2),
    .zone_bottom = AR_PDF_INCH (3.04),
    .info_x = AR_PDF_INCH (5.25),
    .info_y = AR_PDF_INCH (2.2),
    .body_gap = AR_PDF_INCH (0.35),
    .cont_top = AR_PDF_INCH (0.55),
    .cont_body = AR_PDF_INCH (0.85),
    .footer_bottom = AR_PDF_INCH (10.6),
    .folds = { AR_PDF_INCH (11.0 / 3.0), AR_PDF_INCH (5.5), AR_PDF_INCH (22.0 / 3.0) },
    .fold_length = { AR_PDF_INCH (0.2), 0.0, AR_PDF_INCH (0.2) },
  };

  return paper == AR_PDF_PAPER_A4 ? &a4 : &letter;
}

static const ArPdfStyle name_style = { AR_PDF_BOLD, 15.0, 18.0, AR_PDF_ALIGN_LEFT, 0x000000 };
static const ArPdfStyle head_style = { AR_PDF_REGULAR, 8.0, 10.5, AR_PDF_ALIGN_LEFT, GREY_TEXT };
static const ArPdfStyle return_style = { AR_PDF_REGULAR, 6.5, 7.5, AR_PDF_ALIGN_LEFT, 0x000000 };
static const ArPdfStyle address_style = { AR_PDF_REGULAR, 10.0, 12.0, AR_PDF_ALIGN_LEFT, 0 };
static const ArPdfStyle label_style = { AR_PDF_REGULAR, 7.5, 12.0, AR_PDF_ALIGN_LEFT, GREY_TEXT };
static const ArPdfStyle value_style = { AR_PDF_REGULAR, 9.0, 12.0, AR_PDF_ALIGN_LEFT, 0x000000 };
static const ArPdfStyle subject_style = { AR_PDF_BOLD, 11.0, 14.0, AR_PDF_ALIGN_LEFT, 0 };
static const ArPdfStyle footer_style = { AR_PDF_REGULAR, 7.0, 9.0, AR_PDF_ALIGN_LEFT, GREY_TEXT };
static const ArPdfStyle footer_bold = { AR_PDF_BOLD, 7.0, 9.0, AR_PDF_ALIGN_LEFT, GREY_TEXT };
static const ArPdfStyle number_style = { AR_PDF_REGULAR, 7.0, 9.0, AR_PDF_ALIGN_RIGHT, GREY_TEXT };
static const ArPdfStyle running_style = { AR_PDF_REGULAR, 8.0, 10.0, AR_PDF_ALIGN_LEFT,
                                          GREY_TEXT };

/* What every page of one letter needs, copied out of the caller's structs. */
typedef struct
{
  const Geometry *geometry;
  char           *name;
  char           *address;         /* footer column 1, '\n'-separated */
  char           *payment;         /* footer column 2 */
  char           *running_left;    /* continuation header: subject and reference */
  double          footer_top;      /* top of the footer's first line */
} LetterState;

static void
letter_state_free (gpointer data)
{
  LetterState *state = data;

  g_free (state->name);
  g_free (state->address);
  g_free (state->payment);
  g_free (state->running_left);
  g_free (state);
}

static gboolean
is_set (const char *s)
{
  return s != NULL && *s != '\0';
}

/* Lines of @text (split at '\n', blank lines dropped) joined with @separator. */
static char *
join_lines (const char *text,
            const char *separator)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, lines[i]);
    }
  return g_string_free (out, FALSE);
}

static char *
first_line (const char *text)
{
  const char *end;

  if (text == NULL)
    return g_strdup ("");
  while (*text == '\n')
    text++;
  end = strchr (text, '\n');
  return end != NULL ? g_strndup (text, (gsize) (end - text)) : g_strdup (text);
}

/* Footer and fold marks on every page; the running header from page 2 on. */
static void
letter_page (ArPdf    *pdf,
             guint     page,
             gpointer  user_data)
{
  LetterState *state = user_data;
  const Geometry *g = state->geometry;
  double left = g->margin_left;
  double width = ar_pdf_get_page_width (pdf) - g->margin_left - g->margin_right;
  double col1 = width * 0.36, col2 = width * 0.42;
  double y = state->footer_top;

  for (guint i = 0; i < G_N_ELEMENTS (g->folds); i++)
    if (g->fold_length[i] > 0.0)
      ar_pdf_draw_line (pdf, AR_PDF_MM (3.0), g->folds[i], AR_PDF_MM (3.0) + g->fold_length[i],
                        g->folds[i], 0.4, GREY_RULE);

  ar_pdf_draw_line (pdf, left, y - 5.0, left + width, y - 5.0, 0.4, GREY_RULE);
  if (is_set (state->name))
    y += ar_pdf_draw_text_box (pdf, &footer_bold, left, y, col1 - 8.0, state->name);
  ar_pdf_draw_text_box (pdf, &footer_style, left, y, col1 - 8.0, state->address);
  ar_pdf_draw_text_box (pdf, &footer_style, left + col1, state->footer_top, col2 - 8.0,
                        state->payment);

  if (page > 1)
    {
      ArPdfStyle right = running_style;
      double rule_y = g->cont_top + 4.0;

      right.align = AR_PDF_ALIGN_RIGHT;
      ar_pdf_draw_text (pdf, &running_style, left, g->cont_top, state->running_left);
      ar_pdf_draw_text (pdf, &right, left + width, g->cont_top, state->name);
      ar_pdf_draw_line (pdf, left, rule_y, left + width, rule_y, 0.4, GREY_RULE);
      ar_pdf_set_y (pdf, g->cont_body);
    }
}

/* Fits @text on one line of @width: smaller type down to 5 pt, then cut with "…". */
static void
draw_fitted (ArPdf            *pdf,
             const ArPdfStyle *style,
             double            x,
             double            baseline,
             double            width,
             const char       *text,
             gboolean          underline)
{
  ArPdfStyle fitted = *style;
  g_autofree char *cut = g_strdup (text);
  double w = ar_pdf_text_width (pdf, &fitted, cut);

  if (w > width)
    {
      fitted.size = MAX (5.0, style->size * width / w);
      w = ar_pdf_text_width (pdf, &fitted, cut);
    }
  while (w > width && g_utf8_strlen (cut, -1) > 1)
    {
      glong n = g_utf8_strlen (cut, -1);
      g_autofree char *shorter = g_utf8_substring (cut, 0, n - 2);

      g_free (cut);
      cut = g_strconcat (shorter, "…", NULL);
      w = ar_pdf_text_width (pdf, &fitted, cut);
    }
  ar_pdf_draw_text (pdf, &fitted, x, baseline, cut);
  if (underline)
    ar_pdf_draw_line (pdf, x, baseline + 1.2, x + w, baseline + 1.2, 0.3, 0x000000);
}

/* @items joined with " · ", a new line started wherever the next item would not fit, so no
 * separator dangles at the end of a line. */
static char *
pack_items (ArPdf            *pdf,
            const ArPdfStyle *style,
            double            width,
            GPtrArray        *items)
{
  GString *out = g_string_new (NULL);
  gsize line_start = 0;

  for (guint i = 0; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);
      g_autofree char *candidate = NULL;

      if (out->len == line_start)
        {
          g_string_append (out, item);
          continue;
        }
      candidate = g_strconcat (out->str + line_start, " · ", item, NULL);
      if (ar_pdf_text_width (pdf, style, candidate) <= width)
        g_string_append_printf (out, " · %s", item);
      else
        {
          g_string_append_c (out, '\n');
          line_start = out->len;
          g_string_append (out, item);
        }
    }
  return g_string_free (out, FALSE);
}

/* Company name and contact lines at the left, the logo at the right margin. */
static void
draw_letterhead (ArPdf                 *pdf,
                 const Geometry        *g,
                 const ArPdfLetterhead *head)
{
  double right = ar_pdf_get_page_width (pdf) - g->margin_right;
  double text_right = right;
  double y = g->head_top;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contact = g_ptr_array_new_with_free_func (g_free);

  if (head->logo != NULL)
    {
      g_autoptr(GError) error = NULL;
      ArPdfImage *logo = ar_pdf_load_image (pdf, head->logo, &error);

      if (logo == NULL)
        _ar_pdf_warn (pdf, _("The logo was left out: %s"), error->message);
      else
        {
          guint pw, ph;
          double max_w = AR_PDF_MM (55.0), max_h = AR_PDF_MM (20.0), w, h;

          ar_pdf_image_get_size (logo, &pw, &ph);
          w = max_w;
          h = pw > 0 ? max_w * ph / pw : max_h;
          if (h > max_h)
            {
              h = max_h;
              w = ph > 0 ? max_h * pw / ph : max_w;
            }
          ar_pdf_draw_image (pdf, logo, right - w, y, w, h);
          text_right = right - w - AR_PDF_MM (6.0);
        }
    }

  if (is_set (head->name))
    {
      ArPdfStyle style = name_style;
      double width = text_right - g->margin_left;
      double w = ar_pdf_text_width (pdf, &style, head->name);

      /* One line if it can be had at 11 pt or more; else wrapped. */
      if (w > width)
        style.size = MAX (11.0, style.size * width / w);
      style.leading = style.size * 1.2;
      y += ar_pdf_draw_text_box (pdf, &style, g->margin_left, y - 3.0, width, head->name) + 1.0;
    }

  if (is_set (head->address))
    {
      g_auto(GStrv) parts = g_strsplit (head->address, "\n", -1);
      g_autoptr(GPtrArray) items = g_ptr_array_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        if (*g_strstrip (parts[i]) != '\0')
          g_ptr_array_add (items, parts[i]);
      g_ptr_array_add (lines, pack_items (pdf, &head_style, text_right - g->margin_left, items));
    }
  if (is_set (head->phone))
    g_ptr_array_add (contact, g_strdup_printf (_("Phone %s"), head->phone));
  if (is_set (head->email))
    g_ptr_array_add (contact, g_strdup (head->email));
  if (is_set (head->website))
    g_ptr_array_add (contact, g_strdup (head->website));
  if (contact->len > 0)
    g_ptr_array_add (lines, pack_items (pdf, &head_style, text_right - g->margin_left, contact));
  if (is_set (head->tax_id))
    g_ptr_array_add (lines, g_strdup_printf (_("Tax ID %s"), head->tax_id));

  for (guint i = 0; i < lines->len; i++)
    y += ar_pdf_draw_text_box (pdf, &head_style, g->margin_left, y,
                               text_right - g->margin_left, g_ptr_array_index (lines, i));
}

static void
draw_address (ArPdf                 *pdf,
              const Geometry        *g,
              const ArPdfLetterhead *head,
              const ArPdfLetter     *letter)
{
  double x = g->field_x + g->field_inset;
  double width = g->field_width - 2 * g->field_inset;
  double leading = ar_pdf_line_height (&address_style);
  double top, field_bottom = g->field_y + g->field_height;
  g_autofree char *sender = NULL;
  guint n;

  sender = is_set (head->return_address) ? g_strdup (head->return_address) : NULL;
  if (sender == NULL && (is_set (head->name) || is_set (head->address)))
    {
      g_autofree char *address = join_lines (head->address, " · ");

      sender = is_set (head->name) && *address != '\0'
                 ? g_strconcat (head->name, " · ", address, NULL)
                 : g_strdup (is_set (head->name) ? head->name : address);
    }
  if (sender != NULL)
    draw_fitted (pdf, &return_style, x, g->field_y + g->return_height - 1.8, width, sender, TRUE);

  /* The address sits in the address zone; a long one grows up into the endorsement zone. */
  n = ar_pdf_count_lines (pdf, &address_style, width, letter->recipient);
  top = g->zone_top;
  if (top + n * leading > g->zone_bottom)
    top = MAX (g->field_y + g->return_height + 1.0, g->zone_bottom - n * leading);
  if (top + n * leading > field_bottom + 0.5)
    _ar_pdf_warn (pdf, _("The recipient’s address has %u lines and does not fit the envelope "
                         "window: “%s”"), n, letter->recipient);
  ar_pdf_draw_text_box (pdf, &address_style, x, top, width, letter->recipient);
}

/* Labels in grey on the left, values beside them; returns the bottom of the block. */
static double
draw_references (ArPdf             *pdf,
                 const Geometry    *g,
                 const ArPdfLetter *letter)
{
  double right = ar_pdf_get_page_width (pdf) - g->margin_right;
  double width = right - g->info_x;
  double label_width = 0.0;
  double y = g->info_y;

  for (guint i = 0; i < letter->n_references; i++)
    label_width = MAX (label_width,
                       ar_pdf_text_width (pdf, &label_style, letter->references[i].label));
  label_width = MIN (label_width + 6.0, width * 0.5);

  for (guint i = 0; i < letter->n_references; i++)
    {
      const ArPdfField *field = &letter->references[i];
      /* The smaller label sits on the baseline of the value's first line. */
      if (is_set (field->label))
        draw_fitted (pdf, &label_style, g->info_x, y + ar_pdf_text_ascent (pdf, &value_style),
                     label_width - 4.0, field->label, FALSE);
      y += MAX (ar_pdf_line_height (&value_style),
                ar_pdf_draw_text_box (pdf, &value_style, g->info_x + label_width, y,
                                      width - label_width, field->value));
    }
  return y;
}

void
ar_pdf_letter_begin (ArPdf                 *pdf,
                     const ArPdfLetterhead *letterhead,
                     const ArPdfLetter     *letter)
{
  const Geometry *g;
  LetterState *state;
  double page_width, page_height, bottom, y;
  guint footer_lines, address_lines, payment_lines;

  g_return_if_fail (pdf != NULL);
  g_return_if_fail (letterhead != NULL);
  g_return_if_fail (letter != NULL);
  g_return_if_fail (letter->n_references == 0 || letter->references != NULL);

  if (ar_pdf_get_error (pdf) != NULL)
    return;

  g = get_geometry (ar_pdf_get_paper (pdf));
  page_width = ar_pdf_get_page_width (pdf);
  page_height = ar_pdf_get_page_height (pdf);

  state = g_new0 (LetterState, 1);
  state->geometry = g;
  state->name = g_strdup (is_set (letterhead->name) ? letterhead->name : "");
  state->address = g_strdup (letterhead->address != NULL ? letterhead->address : "");
  state->payment = g_strdup (letterhead->payment_details != NULL
                               ? letterhead->payment_details : "");
  /* Continuation pages name the letter by its subject and first reference (the address's
   * first line is often "Mr" or a company's department). */
  {
    GString *running = g_string_new (is_set (letter->subject) ? letter->subject : NULL);

    if (letter->n_references > 0 && is_set (letter->references[0].value))
      {
        if (running->len > 0)
          g_string_append (running, " · ");
        if (is_set (letter->references[0].label))
          g_string_append_printf (running, "%s ", letter->references[0].label);
        g_string_append (running, letter->references[0].value);
      }
    if (running->len == 0)
      {
        g_autofree char *who = first_line (letter->recipient);

        g_string_append (running, who);
      }
    state->running_left = g_string_free (running, FALSE);
  }

  /* The footer grows upwards from its lowest baseline by as many lines as it needs. */
  {
    double width = page_width - g->margin_left - g->margin_right;

    address_lines = ar_pdf_count_lines (pdf, &footer_bold, width * 0.36 - 8.0, state->name) +
                    ar_pdf_count_lines (pdf, &footer_style, width * 0.36 - 8.0, state->address);
    payment_lines = ar_pdf_count_lines (pdf, &footer_style, width * 0.42 - 8.0, state->payment);
    /* At most 12 lines (108 pt): more would eat the page. */
    footer_lines = CLAMP (MAX (address_lines, payment_lines), 1, 12);
  }
  state->footer_top = g->footer_bottom - (footer_lines - 1) * ar_pdf_line_height (&footer_style) -
                      ar_pdf_text_ascent (pdf, &footer_style);
  bottom = page_height - (state->footer_top - AR_PDF_MM (8.0));

  ar_pdf_set_margins (pdf, g->cont_body, g->margin_right, bottom, g->margin_left);
  ar_pdf_begin_section (pdf, letter_page, state, letter_state_free);
  ar_pdf_set_page_numbers (pdf, page_width - g->margin_right,
                           state->footer_top + ar_pdf_text_ascent (pdf, &number_style),
                           &number_style);

  draw_letterhead (pdf, g, letterhead);
  draw_address (pdf, g, letterhead, letter);
  y = MAX (g->field_y + g->field_height, draw_references (pdf, g, letter)) + g->body_gap;

  if (is_set (letter->subject))
    {
      ar_pdf_set_y (pdf, y);
      ar_pdf_paragraph (pdf, &subject_style, letter->subject);
      y = ar_pdf_get_y (pdf) + ar_pdf_line_height (&address_style);
    }
  ar_pdf_set_y (pdf, y);
}
