/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-doc-statement"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-activity.h"
#include "ar-chart-model.h"
#include "ar-date.h"
#include "ar-doc-common.h"
#include "ar-doc-statement.h"
#include "ar-letter-data.h"
#include "ar-money.h"
#include "ar-pdf-letter.h"
#include "ar-pdf-table.h"

#define GREY_TEXT   0x555555
#define GREY_RULE   0xB0B0B0
#define DARK_RULE   0x404040
#define SHADE       0xF1F1F1
#define CELL_PAD    8.0      /* the table's padding left and right of a cell's text */

static const ArPdfStyle body_style = { AR_PDF_REGULAR, 9.5, 13.0, AR_PDF_ALIGN_LEFT, 0 };
static const ArPdfStyle heading_style = { AR_PDF_BOLD, 10.5, 14.0, AR_PDF_ALIGN_LEFT, 0 };
static const ArPdfStyle note_style = { AR_PDF_REGULAR, 8.0, 10.5, AR_PDF_ALIGN_LEFT, GREY_TEXT };
static const ArPdfStyle label_style = { AR_PDF_REGULAR, 7.5, 10.0, AR_PDF_ALIGN_LEFT, GREY_TEXT };
static const ArPdfStyle value_style = { AR_PDF_REGULAR, 9.0, 12.5, AR_PDF_ALIGN_LEFT, 0 };
static const ArPdfStyle bold_style = { AR_PDF_BOLD, 9.0, 12.5, AR_PDF_ALIGN_LEFT, 0 };
static const ArPdfStyle amount_style = { AR_PDF_REGULAR, 9.0, 12.5, AR_PDF_ALIGN_RIGHT, 0 };
static const ArPdfStyle total_style = { AR_PDF_BOLD, 9.0, 12.5, AR_PDF_ALIGN_RIGHT, 0 };
static const ArPdfStyle due_style = { AR_PDF_BOLD, 16.0, 19.0, AR_PDF_ALIGN_RIGHT, 0 };
static const ArPdfStyle slip_due_style = { AR_PDF_BOLD, 10.5, 13.0, AR_PDF_ALIGN_RIGHT, 0 };
static const ArPdfStyle scissors_style = { AR_PDF_REGULAR, 10.0, 12.0, AR_PDF_ALIGN_LEFT,
                                           GREY_TEXT };
static const ArPdfStyle table_header = { AR_PDF_BOLD, 8.5, 11.0, AR_PDF_ALIGN_LEFT, 0 };
static const ArPdfStyle table_body = { AR_PDF_REGULAR, 9.0, 11.5, AR_PDF_ALIGN_LEFT, 0 };

/* Words and formats ------------------------------------------------------------------------ */

static gboolean
is_set (const char *s)
{
  return s != NULL && *s != '\0';
}

static const char *
kind_label (ArEntryKind kind)
{
  switch (kind)
    {
    case AR_ENTRY_INVOICE:     return C_("statement entry", "Invoice");
    case AR_ENTRY_PAYMENT:     return C_("statement entry", "Payment");
    case AR_ENTRY_CREDIT_NOTE: return C_("statement entry", "Credit note");
    case AR_ENTRY_REFUND:      return C_("statement entry", "Refund");
    case AR_ENTRY_FEE:         return C_("statement entry", "Fee");
    case AR_ENTRY_INTEREST:    return C_("statement entry", "Interest");
    case AR_ENTRY_WRITE_OFF:   return C_("statement entry", "Write-off");
    case AR_ENTRY_REVERSAL:    return C_("statement entry", "Reversal");
    case AR_N_ENTRY_KINDS:
    default:                   return "?";
    }
}

/* A date in a table cell: "03 Jun 2026". */
static char *
short_date (guint32 julian)
{
  char buf[64], iso[11];
  GDate date;

  if (!g_date_valid_julian (julian))
    return g_strdup ("");
  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  /* Translators: the date format of statement tables, for strftime(): "%d %b %Y" gives
   * "03 Jun 2026". Keep it short; the columns are narrow. */
  /* xgettext:no-c-format */
  if (g_date_strftime (buf, sizeof buf, C_("statement date", "%d %b %Y"), &date) == 0)
    {
      g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &date);
      return g_strdup (iso);
    }
  return g_strdup (buf);
}

/* "01 Sep – 15 Nov 2026", or with both years when they differ. */
static char *
format_period (guint32 from,
               guint32 to)
{
  g_autofree char *end = short_date (to);
  g_autofree char *start = NULL;
  GDate a, b;
  char buf[64];

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_julian (&a, from);
  g_date_set_julian (&b, to);
  /* Translators: the first day of a statement's period when it is in the same year as the
   * last, for strftime(): "%d %b" gives "01 Sep" */
  /* xgettext:no-c-format */
  if (g_date_get_year (&a) == g_date_get_year (&b) &&
      g_date_strftime (buf, sizeof buf, C_("statement period", "%d %b"), &a) > 0)
    /* Translators: a statement's period: "01 Sep – 15 Nov 2026" */
    return g_strdup_printf (C_("statement period", "%s – %s"), buf, end);
  /* Two full dates don't fit the reference block on one line: break after the dash. */
  start = short_date (from);
  /* Translators: a statement's period over two years, on two lines:
   * "01 Oct 2025 –\n15 Nov 2026" */
  return g_strdup_printf (C_("statement period", "%s –\n%s"), start, end);
}

/* An IBAN as printed: groups of four ("DE89 3704 0044 0532 0130 00"); anything else as it
 * is. */
static char *
group_iban (const char *iban)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = iban; *p != '\0'; p++)
    {
      if (*p == ' ')
        continue;
      if (!g_ascii_isalnum (*p))
        {
          g_string_free (out, TRUE);
          return g_strdup (iban);
        }
      if (n > 0 && n % 4 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, g_ascii_toupper (*p));
      n++;
    }
  return g_string_free (out, FALSE);
}

/* Lines of @text (split at '\n', blank ones dropped) joined with @separator. */
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

/* The address in the window: the debtor's name, the company when it is another name (or,
 * for a company, the person to attend to it), then the postal address. The second line is
 * left out when the address would not fit the window with it: @max_lines in all. */
static char *
recipient_lines (const ArDocumentDebtor *debtor,
                 guint                   max_lines)
{
  GString *out = g_string_new (debtor->name);
  g_auto(GStrv) address = g_strsplit (debtor->address != NULL ? debtor->address : "", "\n", -1);
  guint n_address = 0;
  g_autofree char *second = NULL;

  for (guint i = 0; address[i] != NULL; i++)
    n_address += *g_strstrip (address[i]) != '\0';
  if (is_set (debtor->company) && g_strcmp0 (debtor->company, debtor->name) != 0)
    second = g_strdup (debtor->company);
  else if (is_set (debtor->company) && is_set (debtor->contact_person) &&
           g_strcmp0 (debtor->contact_person, debtor->name) != 0)
    /* Translators: the person a letter to a company is for, under its name */
    second = g_strdup_printf (_("Attn. %s"), debtor->contact_person);

  if (second != NULL && 2 + n_address <= max_lines)
    g_string_append_printf (out, "\n%s", second);
  for (guint i = 0; address[i] != NULL; i++)
    if (*address[i] != '\0')
      g_string_append_printf (out, "\n%s", address[i]);
  return g_string_free (out, FALSE);
}

/* Drawing helpers -------------------------------------------------------------------------- */

static guint32
rgb (ArChartColor c)
{
  guint r = (guint) CLAMP (c.r * 255.0 + 0.5, 0.0, 255.0);
  guint g = (guint) CLAMP (c.g * 255.0 + 0.5, 0.0, 255.0);
  guint b = (guint) CLAMP (c.b * 255.0 + 0.5, 0.0, 255.0);

  return (r << 16) | (g << 8) | b;
}

/* Fits @text on one line of @width: smaller type down to 6 pt, then (unless @never_cut, for
 * amounts) cut with "…". Returns the width drawn. */
static double
draw_fitted (ArPdf            *pdf,
             const ArPdfStyle *style,
             double            x,
             double            baseline,
             double            width,
             const char       *text,
             gboolean          never_cut)
{
  ArPdfStyle fitted = *style;
  g_autofree char *cut = g_strdup (text);
  double w = ar_pdf_text_width (pdf, &fitted, cut);

  if (w > width && w > 0)
    {
      fitted.size = MAX (6.0, style->size * width / w);
      w = ar_pdf_text_width (pdf, &fitted, cut);
    }
  while (!never_cut && w > width && g_utf8_strlen (cut, -1) > 1)
    {
      glong n = g_utf8_strlen (cut, -1);
      g_autofree char *shorter = g_utf8_substring (cut, 0, n - 2);

      g_free (cut);
      cut = g_strconcat (shorter, "…", NULL);
      w = ar_pdf_text_width (pdf, &fitted, cut);
    }
  ar_pdf_draw_text (pdf, &fitted, x, baseline, cut);
  return w;
}

static void
stroke_rect (ArPdf   *pdf,
             double   x,
             double   y,
             double   width,
             double   height,
             double   line_width,
             guint32  color)
{
  ar_pdf_draw_line (pdf, x, y, x + width, y, line_width, color);
  ar_pdf_draw_line (pdf, x + width, y, x + width, y + height, line_width, color);
  ar_pdf_draw_line (pdf, x + width, y + height, x, y + height, line_width, color);
  ar_pdf_draw_line (pdf, x, y + height, x, y, line_width, color);
}

/* A dashed rule, with libharu directly (the engine draws solid lines only). */
static void
dashed_line (ArPdf   *pdf,
             double   x0,
             double   x1,
             double   y,
             guint32  color)
{
  HPDF_Page page = ar_pdf_get_page (pdf);
  static const HPDF_UINT16 dash[] = { 4, 3 };

  if (page == NULL || ar_pdf_get_error (pdf) != NULL)
    return;
  HPDF_Page_GSave (page);
  HPDF_Page_SetLineWidth (page, 0.6f);
  HPDF_Page_SetRGBStroke (page, ((color >> 16) & 0xFF) / 255.0f, ((color >> 8) & 0xFF) / 255.0f,
                          (color & 0xFF) / 255.0f);
  HPDF_Page_SetDash (page, dash, G_N_ELEMENTS (dash), 0);
  HPDF_Page_MoveTo (page, (HPDF_REAL) x0, (HPDF_REAL) ar_pdf_to_pdf_y (pdf, y));
  HPDF_Page_LineTo (page, (HPDF_REAL) x1, (HPDF_REAL) ar_pdf_to_pdf_y (pdf, y));
  HPDF_Page_Stroke (page);
  HPDF_Page_GRestore (page);
}

/* A section heading, kept with @keep points of what follows it. */
static void
heading (ArPdf      *pdf,
         const char *text,
         double      keep)
{
  double top;

  ar_pdf_get_margins (pdf, &top, NULL, NULL, NULL);
  if (ar_pdf_get_y (pdf) > top + 1.0)
    ar_pdf_skip (pdf, 14.0);
  ar_pdf_keep_together (pdf, ar_pdf_line_height (&heading_style) + 4.0 + keep);
  ar_pdf_paragraph (pdf, &heading_style, text);
  ar_pdf_skip (pdf, 4.0);
}

/* The widest cell of @column (measured in bold, as in a total row) and its title, plus the
 * table's cell padding. */
static double
column_width (ArPdf      *pdf,
              const char *title,
              GPtrArray  *cells,
              guint       column,
              guint       n_columns)
{
  double w = ar_pdf_text_width (pdf, &table_header, title);

  for (guint i = column; i < cells->len; i += n_columns)
    {
      const char *text = g_ptr_array_index (cells, i);

      if (is_set (text))
        w = MAX (w, ar_pdf_text_width (pdf, &total_style, text));
    }
  return w + CELL_PAD + 1.0;
}

/* Rendering --------------------------------------------------------------------------------- */

typedef struct
{
  ArPdf             *pdf;
  const ArStatement *st;
  double             left;
  double             width;
} Doc;

static char *
money (const Doc *doc,
       gint64     amount)
{
  return ar_money_format (amount, doc->st->currency);
}

static void
begin_letter (Doc    *doc,
              GBytes *logo)
{
  const ArStatement *st = doc->st;
  g_autoptr(GStringChunk) strings = g_string_chunk_new (256);
  /* A #10 envelope's window shows five lines; DIN 5008's address field six. */
  g_autofree char *recipient =
    recipient_lines (&st->debtor, ar_pdf_get_paper (doc->pdf) == AR_PDF_PAPER_LETTER ? 5 : 6);
  g_autofree char *date = ar_letter_format_date (st->to);
  g_autofree char *period = format_period (st->from, st->to);
  ArPdfLetterhead letterhead;
  const ArPdfField references[] = {
    { _("Customer no."), st->debtor.external_id },
    { _("Statement date"), date },
    { _("Period"), period },
    { _("Currency"), st->currency },
  };
  const ArPdfLetter letter = {
    .recipient = recipient,
    .references = references,
    .n_references = G_N_ELEMENTS (references),
    .subject = _("Statement of account"),
  };

  ar_doc_letterhead_init (&letterhead, &st->company, logo, strings);
  ar_pdf_letter_begin (doc->pdf, &letterhead, &letter);
  doc->left = ar_pdf_get_content_left (doc->pdf);
  doc->width = ar_pdf_get_content_width (doc->pdf);
}

/* The reconciliation at the left, the amount due in a shaded box at the right. */
static void
draw_summary (Doc *doc)
{
  const ArStatement *st = doc->st;
  ArPdf *pdf = doc->pdf;
  g_autofree char *from = short_date (st->from);
  g_autofree char *to = short_date (st->to);
  g_autofree char *opening_label = g_strdup_printf (_("Opening balance on %s"), from);
  g_autofree char *closing_label = g_strdup_printf (_("Closing balance on %s"), to);
  g_autofree char *opening = money (doc, st->opening_balance);
  g_autofree char *debits = money (doc, st->total_debits);
  g_autofree char *credits = money (doc, -st->total_credits);
  g_autofree char *closing = money (doc, st->closing_balance);
  const char *labels[] = {
    opening_label, _("Debits in the period"), _("Credits in the period"), closing_label,
  };
  const char *amounts[] = { opening, debits, credits, closing };
  double leading = ar_pdf_line_height (&value_style);
  double ascent = ar_pdf_text_ascent (pdf, &value_style);
  double box_width = doc->width * 0.36;
  double left_width = doc->width - box_width - 24.0;
  double amount_width = 0.0, height = 4 * leading + 6.0, top, y;
  double box_x = doc->left + doc->width - box_width;

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    amount_width = MAX (amount_width, ar_pdf_text_width (pdf, &total_style, amounts[i]));
  amount_width = MIN (amount_width, left_width * 0.45);

  top = ar_pdf_reserve (pdf, height);
  y = top;
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gboolean last = i + 1 == G_N_ELEMENTS (labels);

      if (last)
        {
          ar_pdf_draw_line (pdf, doc->left, y + 1.5, doc->left + left_width, y + 1.5, 0.6,
                            DARK_RULE);
          y += 3.0;
        }
      draw_fitted (pdf, last ? &bold_style : &value_style,
                   doc->left, y + ascent, left_width - amount_width - 12.0, labels[i], FALSE);
      draw_fitted (pdf, last ? &total_style : &amount_style, doc->left + left_width, y + ascent,
                   amount_width, amounts[i], TRUE);
      y += leading;
    }

  /* The box: what to pay, or the credit there is. */
  ar_pdf_fill_rect (pdf, box_x, top, box_width, height, SHADE);
  {
    double x = box_x + 10.0, right = box_x + box_width - 10.0, inner = right - x;
    double by = top + 8.0;
    g_autofree char *due = money (doc, st->amount_due);

    draw_fitted (pdf, &label_style, x, by + ar_pdf_text_ascent (pdf, &label_style), inner,
                 _("Amount due"), FALSE);
    by += ar_pdf_line_height (&label_style);
    draw_fitted (pdf, &due_style, right, by + ar_pdf_text_ascent (pdf, &due_style), inner, due,
                 TRUE);
    by += ar_pdf_line_height (&due_style) + 2.0;
    if (st->overdue_total > 0)
      {
        g_autofree char *overdue = money (doc, st->overdue_total);
        g_autofree char *text = g_strdup_printf (_("Overdue items: %s"), overdue);
        ArPdfStyle style = note_style;

        style.align = AR_PDF_ALIGN_RIGHT;
        style.color = 0x000000;
        draw_fitted (pdf, &style, right, by + ar_pdf_text_ascent (pdf, &style), inner, text,
                     FALSE);
      }
    else if (st->unapplied > 0)
      {
        g_autofree char *credit = money (doc, st->unapplied);
        g_autofree char *text = g_strdup_printf (_("Credit on account: %s"), credit);
        ArPdfStyle style = note_style;

        style.align = AR_PDF_ALIGN_RIGHT;
        style.color = 0x000000;
        draw_fitted (pdf, &style, right, by + ar_pdf_text_ascent (pdf, &style), inner, text,
                     FALSE);
      }
  }
}

/* "Payment, invoice A-1 – bank transfer (reversed)" */
static char *
describe_line (const ArStatementLine *line,
               GHashTable            *by_id)
{
  GString *out = g_string_new (NULL);

  if (line->kind == AR_ENTRY_REVERSAL)
    {
      const ArStatementLine *other = g_hash_table_lookup (by_id, &line->reverses_id);

      if (other != NULL && is_set (other->reference))
        /* Translators: "Reversal of P-3", the reference of the entry reversed */
        g_string_append_printf (out, _("Reversal of %s"), other->reference);
      else
        g_string_append (out, kind_label (line->kind));
    }
  else if (line->invoice_number != NULL && line->kind != AR_ENTRY_INVOICE)
    /* Translators: "Fee, invoice A-1" */
    g_string_append_printf (out, _("%s, invoice %s"), kind_label (line->kind),
                            line->invoice_number);
  else
    g_string_append (out, kind_label (line->kind));

  if (is_set (line->description))
    g_string_append_printf (out, " – %s", line->description);
  if (line->reversed)
    g_string_append_printf (out, " %s", _("(reversed)"));
  return g_string_free (out, FALSE);
}

enum { ACT_DATE, ACT_REF, ACT_TEXT, ACT_DEBIT, ACT_CREDIT, ACT_BALANCE, ACT_N };

static void
draw_activity (Doc *doc)
{
  const ArStatement *st = doc->st;
  ArPdf *pdf = doc->pdf;
  const char *titles[ACT_N] = {
    _("Date"), _("Reference"), _("Description"), _("Debit"), _("Credit"), _("Balance"),
  };
  const ArPdfAlign align[ACT_N] = {
    AR_PDF_ALIGN_LEFT, AR_PDF_ALIGN_LEFT, AR_PDF_ALIGN_LEFT, AR_PDF_ALIGN_RIGHT,
    AR_PDF_ALIGN_RIGHT, AR_PDF_ALIGN_RIGHT,
  };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_full ((st->lines->len + 2) * ACT_N, g_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(ArPdfTable) table = ar_pdf_table_new (ACT_N);
  double fixed = 0.0, widths[ACT_N] = { 0 };
  guint n_rows;

  for (guint i = 0; i < st->lines->len; i++)
    {
      ArStatementLine *line = &g_array_index (st->lines, ArStatementLine, i);

      g_hash_table_insert (by_id, &line->entry_id, line);
    }

  /* The opening balance, the period's entries, then the totals and the closing balance. */
  g_ptr_array_add (cells, short_date (st->from));
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (cells, g_strdup (_("Opening balance")));
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (cells, money (doc, st->opening_balance));
  for (guint i = 0; i < st->lines->len; i++)
    {
      const ArStatementLine *line = &g_array_index (st->lines, ArStatementLine, i);

      g_ptr_array_add (cells, short_date (line->date));
      g_ptr_array_add (cells, g_strdup (line->reference));
      g_ptr_array_add (cells, describe_line (line, by_id));
      g_ptr_array_add (cells, line->debit > 0 ? money (doc, line->debit) : NULL);
      g_ptr_array_add (cells, line->credit > 0 ? money (doc, line->credit) : NULL);
      g_ptr_array_add (cells, money (doc, line->running_balance));
    }
  g_ptr_array_add (cells, short_date (st->to));
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (cells, g_strdup (_("Closing balance and totals")));
  g_ptr_array_add (cells, money (doc, st->total_debits));
  g_ptr_array_add (cells, money (doc, st->total_credits));
  g_ptr_array_add (cells, money (doc, st->closing_balance));
  n_rows = cells->len / ACT_N;

  /* Every column but the description as wide as its widest cell; the description takes what
   * is left, and a long reference wraps rather than squeezing it below a third. */
  for (guint c = 0; c < ACT_N; c++)
    if (c != ACT_TEXT)
      {
        widths[c] = column_width (pdf, titles[c], cells, c, ACT_N);
        fixed += widths[c];
      }
  if (doc->width - fixed < doc->width / 3 && widths[ACT_REF] > 0)
    widths[ACT_REF] = MAX (ar_pdf_text_width (pdf, &table_header, titles[ACT_REF]) + CELL_PAD,
                           widths[ACT_REF] - (doc->width / 3 - (doc->width - fixed)));
  for (guint c = 0; c < ACT_N; c++)
    ar_pdf_table_set_column (table, c, titles[c], widths[c], align[c]);
  ar_pdf_table_set_styles (table, &table_header, &table_body);

  for (guint r = 0; r < n_rows; r++)
    {
      const char * const *row = (const char * const *) &cells->pdata[r * ACT_N];

      if (r + 1 == n_rows)
        ar_pdf_table_add_total_row (table, row);
      else
        ar_pdf_table_add_row (table, row);
    }

  heading (doc->pdf, _("Account activity"), 50.0);
  ar_pdf_table_draw (table, pdf);
}

enum { OPEN_ITEM, OPEN_TEXT, OPEN_ISSUED, OPEN_DUE, OPEN_DAYS, OPEN_AMOUNT, OPEN_OPEN, OPEN_N };

/* A row of the open items under the items: @label in the description, @amount (taken) in
 * the open column. */
static void
add_summary_row (GPtrArray  *cells,
                 const char *label,
                 char       *amount)
{
  for (guint c = 0; c < OPEN_N; c++)
    g_ptr_array_add (cells, c == OPEN_TEXT ? g_strdup (label)
                            : c == OPEN_OPEN ? amount : NULL);
}

static void
draw_open_items (Doc *doc)
{
  const ArStatement *st = doc->st;
  ArPdf *pdf = doc->pdf;
  const char *titles[OPEN_N] = {
    _("Invoice"), _("Description"), _("Issued"), _("Due"), _("Overdue"), _("Amount"),
    _("Open"),
  };
  const ArPdfAlign align[OPEN_N] = {
    AR_PDF_ALIGN_LEFT, AR_PDF_ALIGN_LEFT, AR_PDF_ALIGN_LEFT, AR_PDF_ALIGN_LEFT,
    AR_PDF_ALIGN_RIGHT, AR_PDF_ALIGN_RIGHT, AR_PDF_ALIGN_RIGHT,
  };
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(ArPdfTable) table = NULL;
  g_autofree char *to = short_date (st->to);
  g_autofree char *title = g_strdup_printf (_("Open items on %s"), to);
  double widths[OPEN_N] = { 0 };
  guint n_rows;

  if (st->open_items->len == 0)
    {
      heading (pdf, title, 14.0);
      if (st->unapplied > 0)
        {
          g_autofree char *credit = money (doc, st->unapplied);
          g_autofree char *text = g_strdup_printf (_("Nothing is open. There is a credit of %s "
                                                     "on your account."), credit);

          ar_pdf_paragraph (pdf, &body_style, text);
        }
      else
        ar_pdf_paragraph (pdf, &body_style, _("Nothing is open on your account."));
      return;
    }

  cells = g_ptr_array_new_full ((st->open_items->len + 3) * OPEN_N, g_free);
  for (guint i = 0; i < st->open_items->len; i++)
    {
      const ArStatementItem *item = &g_array_index (st->open_items, ArStatementItem, i);
      GString *text = g_string_new (NULL);

      if (item->kind != AR_ENTRY_INVOICE || item->invoice_number == NULL)
        g_string_append (text, kind_label (item->kind));
      if (is_set (item->description))
        g_string_append_printf (text, text->len > 0 ? " – %s" : "%s", item->description);

      g_ptr_array_add (cells, g_strdup (item->invoice_number != NULL ? item->invoice_number
                                                                     : "—"));
      g_ptr_array_add (cells, g_string_free (text, FALSE));
      g_ptr_array_add (cells, short_date (item->issue_date));
      g_ptr_array_add (cells, short_date (item->due_date));
      g_ptr_array_add (cells, item->days_overdue > 0
                                ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day",
                                                                "%d days",
                                                                (gulong) item->days_overdue),
                                                   item->days_overdue)
                                : g_strdup (_("not due")));
      g_ptr_array_add (cells, money (doc, item->amount));
      g_ptr_array_add (cells, money (doc, item->open));
    }
  /* With credit on account: the items' total, less the credit, gives the balance. */
  if (st->unapplied > 0)
    {
      add_summary_row (cells, _("Total of the open items"), money (doc, st->open_total));
      add_summary_row (cells, _("Less credit on account"), money (doc, -st->unapplied));
      add_summary_row (cells, _("Balance"), money (doc, st->closing_balance));
    }
  else
    add_summary_row (cells, _("Total open"), money (doc, st->open_total));
  n_rows = cells->len / OPEN_N;

  table = ar_pdf_table_new (OPEN_N);
  for (guint c = 0; c < OPEN_N; c++)
    {
      if (c != OPEN_TEXT)
        widths[c] = column_width (pdf, titles[c], cells, c, OPEN_N);
      ar_pdf_table_set_column (table, c, titles[c], widths[c], align[c]);
    }
  ar_pdf_table_set_styles (table, &table_header, &table_body);
  for (guint r = 0; r < n_rows; r++)
    {
      const char * const *row = (const char * const *) &cells->pdata[r * OPEN_N];

      /* The subtotal and the credit are plain rows; the last is the bold total. */
      if (r + 1 == n_rows)
        ar_pdf_table_add_total_row (table, row);
      else
        ar_pdf_table_add_row (table, row);
    }
  heading (pdf, title, 50.0);
  ar_pdf_table_draw (table, pdf);
}

/* The aging of the open items: one horizontal bar, a segment per bucket in the chart's
 * colours, and a legend under it with each bucket's name and amount. Vector fills only. */
static void
draw_aging (Doc *doc)
{
  const ArStatement *st = doc->st;
  ArPdf *pdf = doc->pdf;
  ArAgingTotal total = { { 0 } };
  g_autoptr(ArChartModel) model = NULL;
  const ArChartPalette *palette = ar_chart_palette_get (AR_CHART_THEME_LIGHT);
  g_autofree char *to = short_date (st->to);
  g_autofree char *title = g_strdup_printf (_("Aging of the open items on %s"), to);
  g_autoptr(GPtrArray) amounts = g_ptr_array_new_with_free_func (g_free);
  guint n_cells = st->n_buckets + 1, per_row, n_legend_rows;
  double bar_height = 12.0, swatch = 7.0, cell_width, widest = 0.0;
  double label_leading = ar_pdf_line_height (&label_style);
  double value_leading = ar_pdf_line_height (&value_style);
  double legend_row = label_leading + value_leading + 4.0;
  double height, top, y, x;
  gint64 cumulative = 0;

  if (st->open_total <= 0 || st->n_buckets == 0)
    return;

  memcpy (total.currency, st->currency, sizeof total.currency);
  total.n_buckets = st->n_buckets;
  memcpy (total.buckets, st->buckets, sizeof total.buckets);
  total.total = st->open_total;
  total.unapplied = st->unapplied;
  model = ar_chart_model_new_aging (&st->aging, st->to, &total);
  g_return_if_fail (model != NULL);

  for (guint b = 0; b < st->n_buckets; b++)
    g_ptr_array_add (amounts, money (doc, st->buckets[b]));
  g_ptr_array_add (amounts, money (doc, st->open_total));
  for (guint i = 0; i < amounts->len; i++)
    widest = MAX (widest, ar_pdf_text_width (pdf, &total_style, g_ptr_array_index (amounts, i)));

  /* One legend row when every amount fits its cell, else two. */
  per_row = n_cells;
  if (widest + swatch + 10.0 > doc->width / n_cells)
    per_row = (n_cells + 1) / 2;
  n_legend_rows = (n_cells + per_row - 1) / per_row;
  cell_width = doc->width / per_row;

  height = ar_pdf_line_height (&note_style) + 4.0 + bar_height + 8.0 +
           n_legend_rows * legend_row;
  heading (pdf, title, height);
  top = ar_pdf_reserve (pdf, height);

  ar_pdf_draw_text (pdf, &note_style, doc->left, top + ar_pdf_text_ascent (pdf, &note_style),
                    st->aging.basis == AR_AGING_BY_DUE_DATE
                      ? _("By days past the due date.")
                      : _("By days since the issue date."));
  y = top + ar_pdf_line_height (&note_style) + 4.0;

  /* The bar: each segment from its cumulative start to its end, in proportion to the total
   * (only the geometry is floating point; the amounts are summed exactly). */
  for (guint b = 0; b < st->n_buckets; b++)
    {
      gint64 start = cumulative;
      double x0, x1;

      if (st->buckets[b] <= 0)
        continue;
      if (!ar_money_add (cumulative, st->buckets[b], &cumulative, NULL))
        break;
      x0 = doc->left + doc->width * ((double) start / (double) st->open_total);
      x1 = doc->left + doc->width * ((double) cumulative / (double) st->open_total);
      /* A hairline of white between neighbours; a sliver stays visible. */
      if (start > 0)
        x0 += 0.4;
      if (cumulative < st->open_total)
        x1 -= 0.4;
      x1 = MAX (x1, x0 + 0.8);
      ar_pdf_fill_rect (pdf, x0, y, x1 - x0, bar_height,
                        rgb (ar_chart_palette_series (palette, b, st->n_buckets)));
    }
  y += bar_height + 8.0;

  /* The legend: swatch, name, amount; the total last, in bold. */
  for (guint i = 0; i < n_cells; i++)
    {
      guint row = i / per_row, col = i % per_row;
      gboolean is_total = i == st->n_buckets;
      const char *name = is_total ? _("Total") : model->series_names[i];
      double cy = y + row * legend_row;
      double text_x;
      ArPdfStyle amount = is_total ? total_style : amount_style;

      x = doc->left + col * cell_width;
      text_x = x + swatch + 4.0;
      if (!is_total)
        ar_pdf_fill_rect (pdf, x, cy + 1.0, swatch, swatch,
                          rgb (ar_chart_palette_series (palette, i, st->n_buckets)));
      else
        {
          /* The total sits at the right edge, under the end of the bar. */
          ArPdfStyle right = label_style;

          right.align = AR_PDF_ALIGN_RIGHT;
          amount.align = AR_PDF_ALIGN_RIGHT;
          draw_fitted (pdf, &right, x + cell_width, cy + ar_pdf_text_ascent (pdf, &right),
                       cell_width - 4.0, name, FALSE);
          draw_fitted (pdf, &amount, x + cell_width,
                       cy + label_leading + ar_pdf_text_ascent (pdf, &amount), cell_width - 4.0,
                       g_ptr_array_index (amounts, i), TRUE);
          continue;
        }
      amount.align = AR_PDF_ALIGN_LEFT;
      draw_fitted (pdf, &label_style, text_x, cy + ar_pdf_text_ascent (pdf, &label_style),
                   cell_width - swatch - 10.0, name, FALSE);
      draw_fitted (pdf, &amount, text_x, cy + label_leading + ar_pdf_text_ascent (pdf, &amount),
                   cell_width - swatch - 10.0, g_ptr_array_index (amounts, i), TRUE);
    }
}

typedef struct
{
  const char *label;
  char       *value;
} Pair;

static double
pairs_label_width (Doc  *doc,
                   Pair *pairs,
                   guint n_pairs)
{
  double label_width = 0.0;

  for (guint i = 0; i < n_pairs; i++)
    label_width = MAX (label_width, ar_pdf_text_width (doc->pdf, &label_style, pairs[i].label));
  return MIN (label_width + 10.0, doc->width * 0.35);
}

/* Labels in grey, values beside them, each pair kept on one page. With @draw FALSE, only
 * measures. Returns the height. */
static double
draw_pairs (Doc      *doc,
            Pair     *pairs,
            guint     n_pairs,
            gboolean  draw)
{
  ArPdf *pdf = doc->pdf;
  double label_width = pairs_label_width (doc, pairs, n_pairs);
  double value_width = doc->width - label_width, total = 0.0;

  for (guint i = 0; i < n_pairs; i++)
    {
      guint lines = ar_pdf_count_lines (pdf, &value_style, value_width, pairs[i].value);
      double h = lines * ar_pdf_line_height (&value_style);
      double y;

      total += h;
      if (!draw)
        continue;
      ar_pdf_keep_together (pdf, h);
      y = ar_pdf_get_y (pdf);
      draw_fitted (pdf, &label_style, doc->left, y + ar_pdf_text_ascent (pdf, &value_style),
                   label_width - 8.0, pairs[i].label, FALSE);
      ar_pdf_draw_text_box (pdf, &value_style, doc->left + label_width, y, value_width,
                            pairs[i].value);
      ar_pdf_set_y (pdf, y + h);
    }
  return total;
}

#define PAIRS_GAP 4.0
#define NOTE_GAP  6.0

/* What to pay and how, kept together on one page when it fits: the amount and the reference
 * to quote, the company's instructions, its bank details, and whom to ask. */
static void
draw_how_to_pay (Doc *doc)
{
  const ArStatement *st = doc->st;
  const ArDocumentCompany *company = &st->company;
  ArPdf *pdf = doc->pdf;
  g_autofree char *due = money (doc, st->amount_due);
  g_autofree char *request = NULL;
  g_autofree char *question = NULL;
  const char *instructions = NULL;
  Pair pairs[7];
  guint n = 0;
  double height = 0.0;

  if (st->amount_due <= 0)
    {
      g_autofree char *credit = money (doc, st->unapplied);

      request = st->unapplied > 0
                  ? g_strdup_printf (_("Nothing is due. The credit of %s on your account will "
                                       "be set against your next invoice."), credit)
                  : g_strdup (_("Nothing is due. Thank you."));
    }
  else
    {
      request = is_set (st->debtor.external_id)
                  ? g_strdup_printf (_("Please pay %s, quoting your customer number %s."), due,
                                     st->debtor.external_id)
                  : g_strdup_printf (_("Please pay %s."), due);
      if (is_set (company->payment_instructions))
        instructions = company->payment_instructions;
      if (is_set (company->bank_account) || is_set (company->iban))
        pairs[n++] = (Pair) { _("Account holder"),
                              g_strdup (is_set (company->legal_name) ? company->legal_name
                                                                     : company->name) };
      if (is_set (company->bank_account))
        pairs[n++] = (Pair) { _("Bank account"), g_strdup (company->bank_account) };
      if (is_set (company->iban))
        pairs[n++] = (Pair) { _("IBAN"), group_iban (company->iban) };
      if (is_set (company->bic))
        pairs[n++] = (Pair) { _("BIC"), g_strdup (company->bic) };
      if (is_set (company->routing_number))
        pairs[n++] = (Pair) { _("Routing no."), g_strdup (company->routing_number) };
      if (n > 0 && is_set (st->debtor.external_id))
        pairs[n++] = (Pair) { _("Reference"), g_strdup (st->debtor.external_id) };
    }

  if (is_set (company->phone) && is_set (company->email))
    question = g_strdup_printf (_("Questions about this statement? Call us on %s or write to "
                                  "%s."), company->phone, company->email);
  else if (is_set (company->phone))
    question = g_strdup_printf (_("Questions about this statement? Call us on %s."),
                                company->phone);
  else if (is_set (company->email))
    question = g_strdup_printf (_("Questions about this statement? Write to %s."),
                                company->email);

  /* Measure, keep together (up to a page), draw. */
  height += ar_pdf_count_lines (pdf, &body_style, doc->width, request) *
            ar_pdf_line_height (&body_style);
  if (instructions != NULL)
    height += ar_pdf_count_lines (pdf, &body_style, doc->width, instructions) *
              ar_pdf_line_height (&body_style);
  if (n > 0)
    height += PAIRS_GAP + draw_pairs (doc, pairs, n, FALSE);
  if (question != NULL)
    height += NOTE_GAP + ar_pdf_count_lines (pdf, &note_style, doc->width, question) *
                         ar_pdf_line_height (&note_style);

  heading (pdf, st->amount_due > 0 ? _("How to pay") : _("Payment"), height);
  ar_pdf_paragraph (pdf, &body_style, request);
  if (instructions != NULL)
    ar_pdf_paragraph (pdf, &body_style, instructions);
  if (n > 0)
    {
      ar_pdf_skip (pdf, PAIRS_GAP);
      draw_pairs (doc, pairs, n, TRUE);
    }
  if (question != NULL)
    {
      ar_pdf_skip (pdf, NOTE_GAP);
      ar_pdf_paragraph (pdf, &note_style, question);
    }
  for (guint i = 0; i < n; i++)
    g_free (pairs[i].value);
}

/* The remittance slip at the foot of the last page, below a dashed cut line. */
static void
draw_slip (Doc *doc)
{
  const ArStatement *st = doc->st;
  ArPdf *pdf = doc->pdf;
  double bottom_margin, page_height = ar_pdf_get_page_height (pdf);
  double leading = ar_pdf_line_height (&value_style);
  double ascent = ar_pdf_text_ascent (pdf, &value_style);
  double left_width = doc->width * 0.54, right_x = doc->left + doc->width * 0.60;
  double right = doc->left + doc->width, right_width = right - right_x;
  double label_width = 0.0, cut_area = 22.0, title_height = 18.0, left_height, right_height;
  double height, top, y;
  g_autofree char *date = ar_letter_format_date (st->to);
  g_autofree char *due = money (doc, st->amount_due);
  g_autofree char *company_address = join_lines (st->company.address, ", ");
  g_autofree char *send_to = NULL;
  Pair pairs[4];
  guint n = 0;

  if (is_set (st->company.name) && *company_address != '\0')
    send_to = g_strdup_printf ("%s\n%s", st->company.name, company_address);
  else
    send_to = g_strdup (is_set (st->company.name) ? st->company.name : company_address);

  pairs[n++] = (Pair) { _("Customer"), (char *) st->debtor.name };
  pairs[n++] = (Pair) { _("Customer no."), (char *) st->debtor.external_id };
  pairs[n++] = (Pair) { _("Statement date"), date };
  if (*send_to != '\0')
    pairs[n++] = (Pair) { _("Send to"), send_to };

  for (guint i = 0; i < n; i++)
    label_width = MAX (label_width, ar_pdf_text_width (pdf, &label_style, pairs[i].label));
  label_width = MIN (label_width + 10.0, left_width * 0.4);
  left_height = 0.0;
  for (guint i = 0; i < n; i++)
    left_height += ar_pdf_count_lines (pdf, &value_style, left_width - label_width,
                                       pairs[i].value) * leading;
  right_height = 2 * ar_pdf_line_height (&label_style) + leading + 4.0 + 24.0;
  height = cut_area + title_height + MAX (left_height, right_height);

  ar_pdf_keep_together (pdf, height + 16.0);
  ar_pdf_get_margins (pdf, NULL, NULL, &bottom_margin, NULL);
  top = page_height - bottom_margin - height;

  /* The cut line across the page, a caption over it on a white ground. */
  {
    const char *caption = _("Please detach and return this slip with your payment");
    ArPdfStyle centred = label_style;
    double line_y = top + 6.0, w;

    centred.align = AR_PDF_ALIGN_CENTER;
    w = ar_pdf_text_width (pdf, &centred, caption);
    dashed_line (pdf, AR_PDF_MM (10.0), ar_pdf_get_page_width (pdf) - AR_PDF_MM (10.0), line_y,
                 GREY_TEXT);
    ar_pdf_fill_rect (pdf, doc->left + doc->width / 2 - w / 2 - 8.0, line_y - 5.0, w + 16.0,
                      10.0, 0xFFFFFF);
    ar_pdf_draw_text (pdf, &centred, doc->left + doc->width / 2, line_y + 2.5, caption);
    ar_pdf_fill_rect (pdf, AR_PDF_MM (14.0) - 2.0, line_y - 5.0, 14.0, 10.0, 0xFFFFFF);
    ar_pdf_draw_text (pdf, &scissors_style, AR_PDF_MM (14.0), line_y + 3.5, "✂");
  }

  y = top + cut_area;
  draw_fitted (pdf, &heading_style, doc->left, y + ar_pdf_text_ascent (pdf, &heading_style),
               left_width, _("Remittance slip"), FALSE);
  y += title_height;

  /* Left: who pays, and where to. */
  {
    double ly = y;

    for (guint i = 0; i < n; i++)
      {
        guint lines = ar_pdf_count_lines (pdf, &value_style, left_width - label_width,
                                          pairs[i].value);

        draw_fitted (pdf, &label_style, doc->left, ly + ascent, label_width - 8.0,
                     pairs[i].label, FALSE);
        if (lines <= 1)
          draw_fitted (pdf, &value_style, doc->left + label_width, ly + ascent,
                       left_width - label_width, pairs[i].value, FALSE);
        else
          ar_pdf_draw_text_box (pdf, &value_style, doc->left + label_width, ly,
                                left_width - label_width, pairs[i].value);
        ly += lines * leading;
      }
  }

  /* Right: the amount due and the box for the amount enclosed. */
  {
    double ry = y, box_height = 24.0;
    double box_width = MIN (right_width, 150.0);

    draw_fitted (pdf, &label_style, right_x, ry + ascent, right_width * 0.5, _("Amount due"),
                 FALSE);
    draw_fitted (pdf, &slip_due_style, right, ry + ascent, right_width * 0.55, due, TRUE);
    ry += leading + 6.0;
    draw_fitted (pdf, &label_style, right_x, ry + ar_pdf_text_ascent (pdf, &label_style),
                 right_width, _("Amount enclosed"), FALSE);
    ry += ar_pdf_line_height (&label_style) + 1.0;
    stroke_rect (pdf, right - box_width, ry, box_width, box_height, 0.7, DARK_RULE);
    ar_pdf_draw_text (pdf, &label_style, right - box_width + 5.0, ry + box_height - 6.0,
                      st->currency);
  }

  ar_pdf_set_y (pdf, page_height - bottom_margin);
}

gboolean
ar_doc_statement_render_full (ArPdf               *pdf,
                              const ArStatement   *statement,
                              GBytes              *logo,
                              ArDocStatementFlags  flags,
                              GError             **error)
{
  Doc doc = { pdf, statement };
  const GError *pdf_error;

  g_return_val_if_fail (pdf != NULL, FALSE);
  g_return_val_if_fail (statement != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((pdf_error = ar_pdf_get_error (pdf)) != NULL)
    {
      g_propagate_error (error, g_error_copy (pdf_error));
      return FALSE;
    }
  /* The figures must add up, exactly, before anything is put on paper. */
  if (!ar_statement_validate (statement, error))
    return FALSE;

  begin_letter (&doc, logo);
  draw_summary (&doc);
  draw_activity (&doc);
  draw_open_items (&doc);
  draw_aging (&doc);
  draw_how_to_pay (&doc);
  if (!(flags & AR_DOC_STATEMENT_NO_SLIP))
    draw_slip (&doc);

  if ((pdf_error = ar_pdf_get_error (pdf)) != NULL)
    {
      g_propagate_error (error, g_error_copy (pdf_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
ar_doc_statement_render (ArPdf              *pdf,
                         const ArStatement  *statement,
                         GBytes             *logo,
                         GError            **error)
{
  return ar_doc_statement_render_full (pdf, statement, logo, AR_DOC_STATEMENT_DEFAULT, error);
}

gboolean
ar_doc_statement_write (ArLedger    *ledger,
                        gint64       debtor_id,
                        const char  *currency,
                        guint32      from,
                        guint32      to,
                        gboolean     remittance_slip,
                        const char  *path,
                        GPtrArray   *warnings,
                        GError     **error)
{
  g_autoptr(ArStatement) statement = NULL;
  g_autoptr(GBytes) logo = NULL;
  g_autoptr(ArPdf) pdf = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;
  const char * const *messages;
  char from_text[11], to_text[11];
  GError *local_error = NULL;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  statement = ar_statement_build (ledger, debtor_id, currency, from, to, error);
  if (statement == NULL)
    return FALSE;
  logo = ar_ledger_get_company_logo (ledger, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  pdf = ar_pdf_new (ar_doc_paper_for_ledger (ledger, &statement->company), error);
  if (pdf == NULL)
    return FALSE;
  /* Translators: the PDF's title: "Statement of account – Ada Lovelace" */
  title = g_strdup_printf (_("Statement of account – %s"), statement->debtor.name);
  /* Translators: the PDF's subject: customer number, currency, first and last day */
  subject = g_strdup_printf (_("Customer %s, %s, %s to %s"), statement->debtor.external_id,
                             statement->currency, ar_date_format_julian (from, from_text),
                             ar_date_format_julian (to, to_text));
  ar_pdf_set_metadata (pdf, title, statement->company.name, subject);

  if (!ar_doc_statement_render_full (pdf, statement, logo,
                                     remittance_slip ? AR_DOC_STATEMENT_DEFAULT
                                                     : AR_DOC_STATEMENT_NO_SLIP,
                                     error))
    return FALSE;
  if (!ar_pdf_save (pdf, path, error))
    return FALSE;

  if (warnings != NULL)
    {
      if (!statement->debtor.has_address)
        g_ptr_array_add (warnings,
                         g_strdup_printf (_("%s (%s) has no usable postal address; the "
                                            "window shows the name only"),
                                          statement->debtor.name,
                                          statement->debtor.external_id));
      messages = ar_pdf_get_warnings (pdf, NULL);
      for (guint i = 0; messages != NULL && messages[i] != NULL; i++)
        g_ptr_array_add (warnings, g_strdup (messages[i]));
    }
  return TRUE;
}
