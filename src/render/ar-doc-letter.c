/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-doc-letter"
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ar-activity.h"
#include "ar-date.h"
#include "ar-debtor-ledger.h"
#include "ar-doc-common.h"
#include "ar-doc-letter.h"
#include "ar-pdf-letter.h"
#include "ar-pdf-table.h"

G_DEFINE_QUARK (ar-doc-letter-error-quark, ar_doc_letter_error)

/* The body's type: a little larger than the table's, with room between the lines. */
static const ArPdfStyle body_style = { AR_PDF_REGULAR, 10.0, 14.0, AR_PDF_ALIGN_LEFT, 0 };
static const ArPdfStyle note_style = { AR_PDF_REGULAR, 8.5, 11.0, AR_PDF_ALIGN_LEFT, 0x555555 };
static const ArPdfStyle header_style = { AR_PDF_BOLD, 8.5, 11.0, AR_PDF_ALIGN_LEFT, 0 };
static const ArPdfStyle cell_style = { AR_PDF_REGULAR, 9.0, 11.5, AR_PDF_ALIGN_LEFT, 0 };
static const ArPdfStyle total_style = { AR_PDF_BOLD, 9.0, 11.5, AR_PDF_ALIGN_LEFT, 0 };

#define PARAGRAPH_GAP   7.0    /* a blank line in the template, between paragraphs */
#define TABLE_GAP       6.0    /* above and below the table, on top of the paragraph gap */
#define SIGNATURE_GAP  30.0    /* between the closing and the name, room for a signature */
#define CELL_PADDING    9.0    /* what ar-pdf-table.c puts around a cell's text, plus air */

/* Templates --------------------------------------------------------------------------------- */

/* A letter template parsed once for many letters. */
typedef struct
{
  guint       level;
  char       *name;       /* for messages: "the letter template of level 1 for “de”" */
  ArTemplate *subject;
  ArTemplate *body;
} Prepared;

static void
prepared_free (gpointer data)
{
  Prepared *p = data;

  if (p == NULL)
    return;
  g_free (p->name);
  ar_template_free (p->subject);
  ar_template_free (p->body);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prepared, prepared_free)

static char *
template_name (const ArLetterTemplate *tmpl)
{
  switch (tmpl->source)
    {
    case AR_LETTER_TEMPLATE_STORED:
      return g_strdup_printf (_("the letter template of level %u for “%s”"), tmpl->level,
                              tmpl->language);
    case AR_LETTER_TEMPLATE_DEFAULT:
      return g_strdup_printf (_("the letter template of level %u"), tmpl->level);
    case AR_LETTER_TEMPLATE_BUILTIN:
    default:
      return g_strdup_printf (_("the built-in letter of level %u"), tmpl->level);
    }
}

/* Parses the subject and body again: a template read from the ledger may have been written by
 * something that skipped ar_template_store ()'s checks. */
static Prepared *
prepare (const ArLetterTemplate *tmpl, GError **error)
{
  g_autoptr(Prepared) p = g_new0 (Prepared, 1);
  g_autoptr(GError) local_error = NULL;

  p->level = tmpl->level;
  p->name = template_name (tmpl);
  p->subject = ar_template_parse (tmpl->subject != NULL ? tmpl->subject : "", &local_error);
  if (p->subject == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, _("%s: subject: %s"),
                   p->name, local_error->message);
      return NULL;
    }
  for (guint i = 0; i < ar_template_get_n_segments (p->subject); i++)
    {
      const ArTemplateSegment *s = ar_template_get_segment (p->subject, i);

      if (s->kind != AR_TEMPLATE_SEGMENT_TEXT && ar_template_field_is_multiline (s->field))
        {
          g_set_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_INVALID,
                       _("%s: subject: line %u, column %u: the field “%s” can’t be used in a "
                         "subject line"), p->name, s->line, s->column,
                       ar_template_field_get_name (s->field));
          return NULL;
        }
    }
  p->body = ar_template_parse (tmpl->body != NULL ? tmpl->body : "", &local_error);
  if (p->body == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, _("%s: body: %s"),
                   p->name, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&p);
}

/* Formatting -------------------------------------------------------------------------------- */

/* @cache (may be NULL) keeps the dates formatted so far: formatting one converts from the
 * locale's encoding, which costs more than drawing it. The key tells the two forms apart. */
static const char *
cache_lookup (GHashTable *cache, guint32 julian, gboolean long_form)
{
  guint key = julian << 1 | (long_form ? 1u : 0u);

  return cache != NULL ? g_hash_table_lookup (cache, GUINT_TO_POINTER (key)) : NULL;
}

static char *
cache_insert (GHashTable *cache, guint32 julian, gboolean long_form, char *text)
{
  guint key = julian << 1 | (long_form ? 1u : 0u);

  if (cache != NULL)
    g_hash_table_insert (cache, GUINT_TO_POINTER (key), g_strdup (text));
  return text;
}

/* A date as the letter's text prints it ("30 June 2026"). */
static char *
format_long_date (GHashTable *cache, guint32 julian)
{
  const char *cached = cache_lookup (cache, julian, TRUE);

  if (cached != NULL)
    return g_strdup (cached);
  return cache_insert (cache, julian, TRUE, ar_letter_format_date (julian));
}

/* A date as the table prints it: short, but with the month spelled, so that 03/04 is never
 * read the wrong way round. */
static char *
format_table_date (GHashTable *cache, guint32 julian)
{
  char buf[64];
  const char *cached;
  GDate date;

  if (julian == 0 || !g_date_valid_julian (julian))
    return g_strdup ("");
  if ((cached = cache_lookup (cache, julian, FALSE)) != NULL)
    return g_strdup (cached);
  ar_date_from_julian (julian, &date);
  /* Translators: the date format in the table of a dunning letter, for strftime(): "%-d %b %Y"
   * gives "5 Jun 2026". Keep it short; the column is narrow. */
  /* xgettext:no-c-format */
  if (g_date_strftime (buf, sizeof buf, _("%-d %b %Y"), &date) == 0)
    ar_date_format_julian (julian, buf);
  return cache_insert (cache, julian, FALSE, g_strdup (buf));
}

static gboolean
is_set (const char *s)
{
  return s != NULL && *s != '\0';
}

/* The first cell of a line of the table. */
static char *
line_label (const ArLetterLine *line)
{
  const char *what;

  switch (line->kind)
    {
    case AR_ENTRY_INVOICE:
      if (is_set (line->invoice_number))
        return g_strdup (line->invoice_number);
      what = _("Invoice");
      break;
    case AR_ENTRY_FEE:
      what = is_set (line->description) ? line->description : _("Fee");
      break;
    case AR_ENTRY_INTEREST:
      what = is_set (line->description) ? line->description : _("Interest");
      break;
    case AR_ENTRY_REFUND:
      /* Translators: a line of a dunning letter: a refund that was paid out and is owed back. */
      what = _("Refund paid out");
      break;
    default:
      what = is_set (line->description) ? line->description : "";
      break;
    }
  if (line->kind != AR_ENTRY_INVOICE && is_set (line->invoice_number))
    /* Translators: a fee or interest in a dunning letter's table, with the invoice it was
     * charged on: "Late fee (invoice INV-1042)". */
    return g_strdup_printf (_("%s (invoice %s)"), what, line->invoice_number);
  return g_strdup (what);
}

/* The recipient as the envelope window shows it: the name, the company and the contact
 * person when they differ from it, then the postal address. The contact person is left out
 * when the window would not hold the lines: a US #10 window holds five, the DIN 5008 field
 * nine (ar-pdf-letter.c). */
static char *
format_recipient (const ArDocumentDebtor *debtor, ArPdfPaper paper)
{
  GString *out = g_string_new (debtor->name);
  guint max_lines = paper == AR_PDF_PAPER_LETTER ? 5 : 9;
  guint n_lines = 1;

  if (is_set (debtor->address))
    {
      g_auto(GStrv) lines = g_strsplit (debtor->address, "\n", -1);

      n_lines += g_strv_length (lines);
    }
  if (is_set (debtor->company) && g_strcmp0 (debtor->company, debtor->name) != 0)
    {
      g_string_append_printf (out, "\n%s", debtor->company);
      n_lines++;
    }
  if (is_set (debtor->contact_person) && g_strcmp0 (debtor->contact_person, debtor->name) != 0 &&
      n_lines < max_lines)
    g_string_append_printf (out, "\n%s", debtor->contact_person);
  if (is_set (debtor->address))
    g_string_append_printf (out, "\n%s", debtor->address);
  return g_string_free (out, FALSE);
}

/* The letter's own reference: customer number, level and date, so that a reply can name the
 * letter it answers. */
static char *
format_reference (const ArLetterData *data, guint level)
{
  GDate date;

  ar_date_from_julian (data->as_of, &date);
  return g_strdup_printf ("%s-%u-%04u%02u%02u", data->debtor.external_id, level,
                          (guint) g_date_get_year (&date), (guint) g_date_get_month (&date),
                          (guint) g_date_get_day (&date));
}

/* The table ------------------------------------------------------------------------------- */

enum { COL_LABEL, COL_ISSUED, COL_DUE, COL_DAYS, COL_AMOUNT, COL_OPEN, N_COLUMNS };

/* The widest of @cells in @style. */
static double
widest (ArPdf *pdf, const ArPdfStyle *style, GPtrArray *cells, guint column, double width)
{
  for (guint i = column; i < cells->len; i += N_COLUMNS)
    width = MAX (width, ar_pdf_text_width (pdf, style, g_ptr_array_index (cells, i)));
  return width;
}

/* The widest word of a column title, so that a title may wrap but never inside a word. */
static double
widest_word (ArPdf *pdf, const char *title)
{
  g_auto(GStrv) words = g_strsplit (title, " ", -1);
  double width = 0.0;

  for (guint i = 0; words[i] != NULL; i++)
    width = MAX (width, ar_pdf_text_width (pdf, &header_style, words[i]));
  return width;
}

static void
add_line_cells (GPtrArray *cells, GHashTable *dates, const ArLetterData *data,
                const ArLetterLine *line, gboolean item)
{
  g_ptr_array_add (cells, line_label (line));
  g_ptr_array_add (cells, format_table_date (dates, line->issue_date));
  /* A charge is due when it is charged: its own due date and days would only repeat that. */
  g_ptr_array_add (cells, item ? format_table_date (dates, line->due_date) : g_strdup (""));
  g_ptr_array_add (cells, item ? g_strdup_printf ("%d", line->days_overdue) : g_strdup (""));
  g_ptr_array_add (cells, ar_money_format (line->amount, data->currency));
  g_ptr_array_add (cells, ar_money_format (line->open, data->currency));
}

static void
draw_items_table (ArPdf *pdf, const ArLetterData *data, GHashTable *dates)
{
  /* Translators: column titles of the table in a dunning letter. They may wrap at spaces. */
  const char *titles[N_COLUMNS] = {
    _("Invoice"), _("Issued"), _("Due"), _("Days overdue"), _("Amount"), _("Open"),
  };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ArPdfTable) table = ar_pdf_table_new (N_COLUMNS);
  g_autofree char *total = ar_money_format (data->total_due, data->currency);
  const char *total_row[N_COLUMNS] = { _("Total due"), "", "", "", "", total };
  double widths[N_COLUMNS] = { 0 };

  for (guint i = 0; i < data->items->len; i++)
    add_line_cells (cells, dates, data, &g_array_index (data->items, ArLetterLine, i), TRUE);
  for (guint i = 0; i < data->charges->len; i++)
    add_line_cells (cells, dates, data, &g_array_index (data->charges, ArLetterLine, i), FALSE);

  /* Every column but the first is as wide as its widest cell and its title, which wraps only
   * when the first column would get too narrow; the first takes the rest. */
  for (guint pass = 0; pass < 2; pass++)
    {
      double fixed = 0.0;

      for (guint c = COL_ISSUED; c < N_COLUMNS; c++)
        {
          double title = pass == 0 ? ar_pdf_text_width (pdf, &header_style, titles[c])
                                   : widest_word (pdf, titles[c]);

          widths[c] = widest (pdf, &cell_style, cells, c, title);
          if (c == COL_OPEN)
            widths[c] = MAX (widths[c], ar_pdf_text_width (pdf, &total_style, total));
          widths[c] += c == COL_OPEN ? CELL_PADDING / 2 : CELL_PADDING;
          fixed += widths[c];
        }
      if (ar_pdf_get_content_width (pdf) - fixed >= 0.3 * ar_pdf_get_content_width (pdf))
        break;
    }
  for (guint c = COL_ISSUED; c < N_COLUMNS; c++)
    ar_pdf_table_set_column (table, c, titles[c], widths[c],
                             c >= COL_DAYS ? AR_PDF_ALIGN_RIGHT : AR_PDF_ALIGN_LEFT);
  ar_pdf_table_set_column (table, COL_LABEL, titles[COL_LABEL], 0.0, AR_PDF_ALIGN_LEFT);

  ar_pdf_table_set_styles (table, &header_style, &cell_style);
  for (guint r = 0; r < cells->len / N_COLUMNS; r++)
    ar_pdf_table_add_row (table, (const char * const *) &cells->pdata[r * N_COLUMNS]);
  ar_pdf_table_add_total_row (table, total_row);
  ar_pdf_table_draw (table, pdf);

  /* What the debtor owes besides the listed amounts, so that the total is not mistaken for
   * the balance of the account. */
  if (data->not_listed > 0)
    {
      g_autofree char *amount = ar_money_format (data->not_listed, data->currency);
      g_autofree char *note = NULL;

      if (MAX (data->min_days, 1) <= 1)
        note = g_strdup_printf (_("Not included above: %s on your account that is not yet due."),
                                amount);
      else
        note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Not included above: %s on your account that is "
                                             "not yet due or less than %u day overdue.",
                                             "Not included above: %s on your account that is "
                                             "not yet due or less than %u days overdue.",
                                             data->min_days), amount, data->min_days);
      ar_pdf_skip (pdf, 4.0);
      ar_pdf_paragraph (pdf, &note_style, note);
    }
  if (data->held > 0)
    {
      g_autofree char *amount = ar_money_format (data->held, data->currency);
      g_autofree char *note = g_strdup_printf (_("Not included above: %s under dispute or on "
                                                 "hold."), amount);

      ar_pdf_skip (pdf, 4.0);
      ar_pdf_paragraph (pdf, &note_style, note);
    }
}

/* The body ---------------------------------------------------------------------------------- */

typedef struct
{
  char     *text;       /* lines joined by '\n'; NULL for the table */
  guint     blank;      /* blank lines before it in the template */
} Block;

static void
block_clear (gpointer data)
{
  g_free (((Block *) data)->text);
}

/* Splits a run of text that is not the table into paragraphs at blank lines. @after_table:
 * the run starts on the table's line; @before_table: it ends on it. */
static void
split_blocks (GArray *blocks, const char *text, gboolean after_table, gboolean before_table,
              guint *blank)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);
  g_autoptr(GString) para = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      char *line = g_strchomp (g_strdelimit (lines[i], "\r", ' '));
      gboolean is_blank = *line == '\0' || strspn (line, " \t") == strlen (line);

      /* The rest of the table's line and the start of it are not lines of their own. */
      if (is_blank && ((i == 0 && after_table) || (i == n - 1 && before_table)))
        continue;
      if (is_blank)
        {
          if (para->len > 0)
            {
              Block b = { g_strdup (para->str), *blank };

              g_array_append_val (blocks, b);
              g_string_truncate (para, 0);
              *blank = 0;
            }
          (*blank)++;
          continue;
        }
      if (para->len > 0)
        g_string_append_c (para, '\n');
      g_string_append (para, line);
    }
  if (para->len > 0)
    {
      Block b = { g_strdup (para->str), *blank };

      g_array_append_val (blocks, b);
      *blank = 0;
    }
}

/* The body's paragraphs and the table, in order. */
static GArray *
body_blocks (const ArTemplate *body)
{
  GArray *blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  g_autoptr(GString) run = g_string_new (NULL);
  gboolean after_table = FALSE;
  guint blank = 0;

  g_array_set_clear_func (blocks, block_clear);
  for (guint i = 0; i < ar_template_get_n_segments (body); i++)
    {
      const ArTemplateSegment *s = ar_template_get_segment (body, i);

      if (s->kind == AR_TEMPLATE_SEGMENT_TABLE)
        {
          Block table = { NULL, 0 };

          split_blocks (blocks, run->str, after_table, TRUE, &blank);
          g_string_truncate (run, 0);
          table.blank = blank;
          g_array_append_val (blocks, table);
          blank = 0;
          after_table = TRUE;
        }
      else if (s->text != NULL)
        g_string_append (run, s->text);
    }
  split_blocks (blocks, run->str, after_table, FALSE, &blank);
  return blocks;
}

static double
block_height (ArPdf *pdf, const Block *block)
{
  return ar_pdf_count_lines (pdf, &body_style, ar_pdf_get_content_width (pdf), block->text) *
         ar_pdf_line_height (&body_style);
}

static void
draw_body (ArPdf *pdf, const ArLetterData *data, GArray *blocks, GHashTable *dates)
{
  guint n = blocks->len;
  /* A closing of one line ("Kind regards,") followed by a short last block (the signature
   * name and the company) gets room for a handwritten signature between them. */
  gboolean signature = n >= 2 &&
                       g_array_index (blocks, Block, n - 1).text != NULL &&
                       g_array_index (blocks, Block, n - 2).text != NULL &&
                       g_array_index (blocks, Block, n - 1).blank > 0 &&
                       block_height (pdf, &g_array_index (blocks, Block, n - 2)) <=
                         ar_pdf_line_height (&body_style) &&
                       block_height (pdf, &g_array_index (blocks, Block, n - 1)) <=
                         3 * ar_pdf_line_height (&body_style);

  /* A template without {invoice_table} still lists the items: before the closing. */
  guint table_at = G_MAXUINT;

  for (guint i = 0; i < n && table_at == G_MAXUINT; i++)
    if (g_array_index (blocks, Block, i).text == NULL)
      table_at = i;
  if (table_at == G_MAXUINT)
    table_at = signature ? n - 2 : n;
  else
    table_at = G_MAXUINT;

  for (guint i = 0; i <= n; i++)
    {
      const Block *b = i < n ? &g_array_index (blocks, Block, i) : NULL;
      double gap = i == 0 || b == NULL ? 0.0
                   : b->blank > 0 ? PARAGRAPH_GAP + (b->blank - 1) *
                                    ar_pdf_line_height (&body_style)
                   : 0.0;

      if (i == table_at)
        {
          ar_pdf_skip (pdf, PARAGRAPH_GAP + TABLE_GAP);
          draw_items_table (pdf, data, dates);
          gap = MAX (gap, PARAGRAPH_GAP) + TABLE_GAP;
        }
      if (b == NULL)
        break;
      if (b->text == NULL)
        {
          ar_pdf_skip (pdf, gap + TABLE_GAP);
          draw_items_table (pdf, data, dates);
          continue;
        }
      if (i > 0 && g_array_index (blocks, Block, i - 1).text == NULL)
        gap += TABLE_GAP;
      if (signature && i == n - 1)
        gap = MAX (gap, SIGNATURE_GAP);
      /* The closing stays on the page of the signature. */
      if (signature && i == n - 2)
        ar_pdf_keep_together (pdf, gap + block_height (pdf, b) + SIGNATURE_GAP +
                                   block_height (pdf, &g_array_index (blocks, Block, n - 1)));
      ar_pdf_skip (pdf, gap);
      ar_pdf_paragraph (pdf, &body_style, b->text);
    }
}

/* One letter -------------------------------------------------------------------------------- */

/* The fields' values for ar_template_expand (); the empty ones are marked in @empty. */
typedef struct
{
  const ArLetterData *data;
  guint               level;
  GHashTable         *dates;     /* may be NULL */
  guint32            *empty;     /* 1 << field; may be NULL */
} FieldContext;

G_STATIC_ASSERT (AR_N_TEMPLATE_FIELDS <= 32);

/* The company's details are the same in every letter: an empty one is worth one warning per
 * batch, not one per letter. */
static gboolean
is_company_field (ArTemplateField field)
{
  return (field >= AR_TEMPLATE_FIELD_COMPANY_NAME && field <= AR_TEMPLATE_FIELD_COMPANY_SIGNATURE) ||
         field == AR_TEMPLATE_FIELD_COMPANY_CONTACT_SENTENCE;
}

static char *
lookup_field (ArTemplateField field, gpointer user_data)
{
  FieldContext *ctx = user_data;
  char *value;

  /* The same in every letter of a batch. */
  if (field == AR_TEMPLATE_FIELD_DATE)
    value = format_long_date (ctx->dates, ctx->data->as_of);
  else if (field == AR_TEMPLATE_FIELD_DEADLINE)
    value = format_long_date (ctx->dates, ctx->data->deadline);
  else
    value = ar_letter_data_get_field (ctx->data, ctx->level, field);

  if (ctx->empty != NULL && value != NULL && *value == '\0')
    *ctx->empty |= 1u << field;
  return value;
}

static gboolean
render_prepared (ArPdf *pdf, const ArLetterData *data, const Prepared *tmpl, GBytes *logo,
                 GHashTable *dates, guint32 *empty_fields, GError **error)
{
  FieldContext ctx = { data, tmpl->level, dates, empty_fields };
  g_autoptr(ArTemplate) subject = NULL;
  g_autoptr(ArTemplate) body = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GStringChunk) strings = g_string_chunk_new (512);
  g_autoptr(GArray) blocks = NULL;
  g_autofree char *subject_text = NULL;
  g_autofree char *recipient = NULL;
  g_autofree char *date = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *reference = NULL;
  ArPdfLetterhead head;
  ArPdfField refs[4];
  ArPdfLetter letter;
  guint n_refs = 0;

  /* Everything that can refuse the letter comes before the first mark on the page. */
  if (!ar_letter_data_validate (data, error))
    return FALSE;
  if (data->items->len == 0)
    {
      g_set_error (error, AR_DOC_LETTER_ERROR, AR_DOC_LETTER_ERROR_INVALID,
                   _("letter: nothing is overdue, so there is nothing to write about"));
      return FALSE;
    }
  subject = ar_template_expand (tmpl->subject, lookup_field, &ctx, &local_error);
  if (subject != NULL)
    body = ar_template_expand (tmpl->body, lookup_field, &ctx, &local_error);
  if (body == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", tmpl->name,
                   local_error->message);
      return FALSE;
    }
  if (ar_pdf_get_error (pdf) != NULL)
    {
      g_propagate_error (error, g_error_copy (ar_pdf_get_error (pdf)));
      return FALSE;
    }

  subject_text = ar_template_to_text (subject, NULL);
  g_strstrip (subject_text);
  recipient = format_recipient (&data->debtor, ar_pdf_get_paper (pdf));
  date = format_long_date (dates, data->as_of);
  deadline = format_long_date (dates, data->deadline);
  reference = format_reference (data, tmpl->level);

  /* Translators: the reference block of a letter, beside the address. The date comes after
   * the references, as DIN 5008 has it; continuation pages repeat the first one. */
  if (is_set (data->debtor.external_id))
    refs[n_refs++] = (ArPdfField) { _("Customer no."), data->debtor.external_id };
  refs[n_refs++] = (ArPdfField) { _("Our reference"), reference };
  refs[n_refs++] = (ArPdfField) { _("Date"), date };
  refs[n_refs++] = (ArPdfField) { _("Please pay by"), deadline };

  ar_doc_letterhead_init (&head, &data->company, logo, strings);
  letter = (ArPdfLetter) {
    .recipient = recipient,
    .references = refs,
    .n_references = n_refs,
    .subject = subject_text,
  };
  ar_pdf_letter_begin (pdf, &head, &letter);

  blocks = body_blocks (body);
  draw_body (pdf, data, blocks, dates);

  if (ar_pdf_get_error (pdf) != NULL)
    {
      g_propagate_error (error, g_error_copy (ar_pdf_get_error (pdf)));
      return FALSE;
    }
  return TRUE;
}

gboolean
ar_doc_letter_render (ArPdf *pdf, const ArLetterData *data, const ArLetterTemplate *tmpl,
                      GBytes *logo, GError **error)
{
  g_autoptr(Prepared) prepared = NULL;

  g_return_val_if_fail (pdf != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (tmpl != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  prepared = prepare (tmpl, error);
  if (prepared == NULL)
    return FALSE;
  return render_prepared (pdf, data, prepared, logo, NULL, NULL, error);
}

/* Batches ----------------------------------------------------------------------------------- */

void
ar_doc_letters_result_init (ArDocLettersResult *result)
{
  g_return_if_fail (result != NULL);

  memset (result, 0, sizeof *result);
  result->files = g_ptr_array_new_with_free_func (g_free);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
}

void
ar_doc_letters_result_clear (ArDocLettersResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->files, g_ptr_array_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  memset (result, 0, sizeof *result);
}

char *
ar_doc_letter_file_stem (const char *external_id)
{
  GString *out = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (external_id != NULL ? external_id : "", -1);
  guint n = 0;

  for (const char *p = valid; *p != '\0' && n < 64; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '-' || c == '_')
        g_string_append_unichar (out, c);
      else
        g_string_append_c (out, '_');
    }
  if (out->len == 0 || strspn (out->str, "_") == out->len)
    g_string_assign (out, "debtor");
  return g_string_free (out, FALSE);
}

/* One letter to write: a debtor and a currency. */
typedef struct
{
  gint64  debtor_id;
  char    currency[4];
  char   *external_id;
  char   *stem;           /* the file name without ".pdf", for the folder */
} Target;

static void
target_clear (gpointer data)
{
  Target *t = data;

  g_free (t->external_id);
  g_free (t->stem);
}

static gboolean
collect_candidate (const ArLetterCandidate *candidate, gpointer user_data)
{
  GArray *targets = user_data;
  Target t = { 0 };

  t.debtor_id = candidate->debtor_id;
  g_strlcpy (t.currency, candidate->currency, sizeof t.currency);
  t.external_id = g_strdup (candidate->external_id);
  g_array_append_val (targets, t);
  return TRUE;
}

static gboolean
check_options (const ArDocLettersOptions *options, GError **error)
{
  guint min_deadline = options->level >= AR_TEMPLATE_BUILTIN_LEVELS
                         ? AR_DOC_LETTER_MIN_FINAL_DEADLINE_DAYS
                         : AR_DOC_LETTER_MIN_DEADLINE_DAYS;

  if (options->level < AR_TEMPLATE_MIN_LEVEL || options->level > AR_TEMPLATE_MAX_LEVEL)
    {
      g_set_error (error, AR_DOC_LETTER_ERROR, AR_DOC_LETTER_ERROR_INVALID,
                   _("level: %u is not a reminder level (%d to %d)"), options->level,
                   AR_TEMPLATE_MIN_LEVEL, AR_TEMPLATE_MAX_LEVEL);
      return FALSE;
    }
  if (options->as_of == 0 || !g_date_valid_julian (options->as_of))
    {
      g_set_error_literal (error, AR_DOC_LETTER_ERROR, AR_DOC_LETTER_ERROR_INVALID,
                           _("date: the letters need a valid date"));
      return FALSE;
    }
  if (options->deadline_days < min_deadline || options->deadline_days > 365)
    {
      g_set_error (error, AR_DOC_LETTER_ERROR, AR_DOC_LETTER_ERROR_INVALID,
                   _("deadline: a letter of level %u gives %u to 365 days to pay, not %u"),
                   options->level, min_deadline, options->deadline_days);
      return FALSE;
    }
  return TRUE;
}

/* A debtor named in the request: refused when a letter is ruled out, as
 * ar_letter_candidates_run () would leave the debtor out; otherwise a target for each currency
 * in which the debtor owes something due long enough, by the same rule. */
static gboolean
collect_named (ArLedger *ledger, const ArDocLettersOptions *options, gint64 debtor_id,
               GArray *targets, GError **error)
{
  g_autoptr(ArDebtorLedger) account = ar_debtor_ledger_load (ledger, debtor_id, error);
  const ArDebtorDetails *d;
  gint64 latest_due = (gint64) options->as_of - MAX (options->min_days, 1);

  if (account == NULL)
    return FALSE;
  d = &account->debtor;
  if (d->cease_contact)
    {
      g_set_error (error, AR_DOC_LETTER_ERROR, AR_DOC_LETTER_ERROR_REFUSED,
                   _("%s: the debtor asked not to be contacted; no letter was written"),
                   d->external_id);
      return FALSE;
    }
  if (d->status != AR_STATUS_ACTIVE && d->status != AR_STATUS_PROMISE &&
      d->status != AR_STATUS_PLAN)
    {
      g_set_error (error, AR_DOC_LETTER_ERROR, AR_DOC_LETTER_ERROR_REFUSED,
                   _("%s: the debtor’s status is “%s”, which rules out a payment reminder; no "
                     "letter was written"),
                   d->external_id, ar_debtor_status_to_string (d->status));
      return FALSE;
    }
  for (guint i = 0; i < account->balances->len; i++)
    {
      const ArDebtorBalance *b = &g_array_index (account->balances, ArDebtorBalance, i);
      Target t = { 0 };

      if ((options->currency != NULL && g_strcmp0 (options->currency, b->currency) != 0) ||
          b->balance <= 0 || b->oldest_due == 0 || (gint64) b->oldest_due > latest_due)
        continue;
      t.debtor_id = debtor_id;
      g_strlcpy (t.currency, b->currency, sizeof t.currency);
      t.external_id = g_strdup (d->external_id);
      g_array_append_val (targets, t);
    }
  return TRUE;
}

/* The (debtor, currency) pairs the request asks for: every candidate, longest overdue first,
 * or the debtors named, in their order. */
static GArray *
collect_targets (ArLedger *ledger, const ArDocLettersOptions *options, GError **error)
{
  g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (Target));
  g_autoptr(GHashTable) seen = NULL;

  g_array_set_clear_func (targets, target_clear);
  if (options->debtor_ids == NULL)
    {
      if (!ar_letter_candidates_run (ledger, options->as_of, options->min_days,
                                     options->currency, collect_candidate, targets, error))
        return NULL;
      return g_steal_pointer (&targets);
    }

  /* Named debtors are looked at one by one rather than picked out of all candidates. */
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < options->n_debtor_ids; i++)
    {
      if (!g_hash_table_add (seen, (gpointer) &options->debtor_ids[i]))
        continue;
      if (!collect_named (ledger, options, options->debtor_ids[i], targets, error))
        return NULL;
    }
  return g_steal_pointer (&targets);
}

/* The state of one run of either kind. */
/* Batches with more letters than this store their pages uncompressed (ar_pdf_set_compress_pages). */
#define LARGE_BATCH 100

typedef struct
{
  ArLedger                  *ledger;
  const ArDocLettersOptions *options;
  GBytes                    *logo;
  GHashTable                *templates;   /* language → Prepared */
  ArDocLettersResult        *result;
  gboolean                   have_paper;
  ArPdfPaper                 paper;
  char                      *company;     /* its name, for the documents' metadata */
  GHashTable                *dates;       /* Julian day → the table's date */
  guint32                    reported;    /* 1 << field: company fields warned about */
  guint                      n_targets;   /* letters the batch may write */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->company, g_free);
  g_clear_pointer (&run->dates, g_hash_table_unref);
  g_clear_pointer (&run->logo, g_bytes_unref);
  g_clear_pointer (&run->templates, g_hash_table_unref);
}

static gboolean
run_init (Run *run, ArLedger *ledger, const ArDocLettersOptions *options,
          ArDocLettersResult *result, GError **error)
{
  g_autoptr(ArLetterTemplate) fallback = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *mime = NULL;
  Prepared *prepared;

  memset (run, 0, sizeof *run);
  run->ledger = ledger;
  run->options = options;
  run->result = result;
  run->templates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, prepared_free);
  run->dates = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  /* The book's own template first: a level without one fails before any work. */
  fallback = ar_template_lookup (ledger, options->level, NULL, error);
  if (fallback == NULL || (prepared = prepare (fallback, error)) == NULL)
    return FALSE;
  g_hash_table_insert (run->templates, g_strdup (""), prepared);

  /* Read once for the whole run: the documents embed it once each. */
  run->logo = ar_ledger_get_company_logo (ledger, &mime, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static const Prepared *
run_get_template (Run *run, const char *language, GError **error)
{
  g_autoptr(ArLetterTemplate) tmpl = NULL;
  Prepared *prepared;
  const char *key = language != NULL ? language : "";

  prepared = g_hash_table_lookup (run->templates, key);
  if (prepared != NULL)
    return prepared;
  tmpl = ar_template_lookup (run->ledger, run->options->level, key, error);
  if (tmpl == NULL || (prepared = prepare (tmpl, error)) == NULL)
    return NULL;
  g_hash_table_insert (run->templates, g_strdup (key), prepared);
  return prepared;
}

/* One letter on its way: read from the ledger (build_job ()), then drawn (render_job ()). */
typedef struct
{
  const Target   *target;     /* NULL: the end of the run */
  ArLetterData   *data;       /* NULL: nothing to list as of the letter's date (or @error) */
  const Prepared *tmpl;       /* owned by the run */
  GError         *error;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->data, ar_letter_data_free);
  g_clear_error (&job->error);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/* Everything that reads the ledger for one letter: its data, its template and, with the first
 * letter, the book's paper. Errors are kept in the job, named after the debtor. */
static Job *
build_job (Run *run, const Target *target)
{
  const ArDocLettersOptions *o = run->options;
  g_autoptr(GError) local_error = NULL;
  Job *job = g_new0 (Job, 1);

  job->target = target;
  job->data = ar_letter_data_build (run->ledger, target->debtor_id, target->currency, o->as_of,
                                    o->deadline_days, o->min_days, &local_error);
  /* Paid between the date of the letter and now, or the other way round: no letter. */
  if (job->data != NULL && job->data->items->len == 0)
    g_clear_pointer (&job->data, ar_letter_data_free);
  else if (job->data != NULL)
    {
      if (!run->have_paper)
        {
          run->paper = ar_doc_paper_for_ledger (run->ledger, &job->data->company);
          run->company = g_strdup (job->data->company.name);
          run->have_paper = TRUE;
        }
      job->tmpl = run_get_template (run, job->data->debtor.language, &local_error);
    }
  if (local_error != NULL)
    {
      g_clear_pointer (&job->data, ar_letter_data_free);
      g_set_error (&job->error, local_error->domain, local_error->code, "%s: %s",
                   target->external_id, local_error->message);
    }
  return job;
}

/* Draws the letter of @job into @pdf (created with the first letter, on the book's paper);
 * *@written tells whether there was one to draw. Problems that don't stop the letter go to
 * the result's warnings as "@prefix: …". Never reads the ledger. */
static gboolean
render_job (Run *run, Job *job, ArPdf **pdf, const char *prefix, gboolean *written,
            GError **error)
{
  g_autoptr(GError) local_error = NULL;
  const char * const *warnings;
  guint n_before = 0, n_after = 0;
  guint32 empty = 0;
  GPtrArray *out = run->result->warnings;

  *written = FALSE;
  if (job->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }
  if (job->data == NULL)
    return TRUE;
  if (*pdf == NULL)
    {
      if ((*pdf = ar_pdf_new (run->paper, error)) == NULL)
        return FALSE;
      /* A print run of hundreds of letters is written twice as fast with uncompressed pages,
       * at some 8 KB a letter; a few letters stay small. */
      ar_pdf_set_compress_pages (*pdf, run->n_targets <= LARGE_BATCH);
    }

  ar_pdf_get_warnings (*pdf, &n_before);
  if (!render_prepared (*pdf, job->data, job->tmpl, run->logo, run->dates, &empty,
                        &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s",
                   job->target->external_id, local_error->message);
      return FALSE;
    }

  if (!job->data->debtor.has_address)
    g_ptr_array_add (out, g_strdup_printf (_("%s: no usable postal address: the envelope "
                                             "window shows only the name"), prefix));
  for (guint f = 0; f < AR_N_TEMPLATE_FIELDS; f++)
    {
      const char *name = ar_template_field_get_name ((ArTemplateField) f);

      if (!(empty & (1u << f)))
        continue;
      if (!is_company_field ((ArTemplateField) f))
        g_ptr_array_add (out, g_strdup_printf (_("%s: the field “%s” is empty, so the letter "
                                                 "prints nothing in its place"),
                                               prefix, name));
      else if (!(run->reported & (1u << f)))
        g_ptr_array_add (out, g_strdup_printf (_("the field “%s” is empty, so the letters "
                                                 "print nothing in its place: fill in the "
                                                 "company details"), name));
    }
  run->reported |= empty;
  warnings = ar_pdf_get_warnings (*pdf, &n_after);
  for (guint i = n_before; i < n_after; i++)
    g_ptr_array_add (out, g_strdup_printf ("%s: %s", prefix, warnings[i]));
  *written = TRUE;
  return TRUE;
}

/* A batch reads the ledger in a thread of its own while the letters are drawn: SQLite and the
 * PDF engine then take turns on two cores instead of one. The main thread does not touch the
 * ledger until the worker is done, and the worker never touches the document. */

#define PIPELINE_DEPTH 32   /* letters read ahead at most */

typedef struct
{
  Run          *run;
  GArray       *targets;
  GCancellable *cancellable;
  GAsyncQueue  *jobs;       /* Job *, the last one with target NULL */
  GAsyncQueue  *slots;      /* tokens: a job may be built when the worker can take one */
  gint          stop;       /* atomic: the main thread gave up */
} Pipeline;

static gpointer
pipeline_worker (gpointer user_data)
{
  Pipeline *p = user_data;

  for (guint i = 0; i < p->targets->len; i++)
    {
      gboolean failed;
      Job *job;

      g_async_queue_pop (p->slots);
      if (g_atomic_int_get (&p->stop) || g_cancellable_is_cancelled (p->cancellable))
        break;
      job = build_job (p->run, &g_array_index (p->targets, Target, i));
      /* Once pushed, the job belongs to the main thread, which may free it at once. */
      failed = job->error != NULL;
      g_async_queue_push (p->jobs, job);
      if (failed)
        break;
    }
  g_async_queue_push (p->jobs, g_new0 (Job, 1));
  return NULL;
}

/* Draws every target's letter into *@pdf, reading them ahead in a worker thread when one can
 * be had. */
static gboolean
render_all (Run *run, GArray *targets, ArPdf **pdf, ArDocLettersProgress progress,
            gpointer progress_data, GCancellable *cancellable, GError **error)
{
  Pipeline p = { run, targets, cancellable, NULL, NULL, 0 };
  g_autoptr(GThread) thread = NULL;
  gboolean ok = TRUE;
  guint done = 0;

  run->n_targets = targets->len;
  p.jobs = g_async_queue_new ();
  p.slots = g_async_queue_new ();
  for (guint i = 0; i < PIPELINE_DEPTH; i++)
    g_async_queue_push (p.slots, GUINT_TO_POINTER (1));
  if (targets->len > 1)
    thread = g_thread_try_new ("ar-letters", pipeline_worker, &p, NULL);

  for (;;)
    {
      g_autoptr(Job) job = NULL;
      gboolean written;

      if (thread != NULL)
        job = g_async_queue_pop (p.jobs);
      else if (done < targets->len)
        job = build_job (run, &g_array_index (targets, Target, done));
      if (job == NULL || job->target == NULL)
        break;
      if (!ok)
        continue;   /* draining the worker after a failure */

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !render_job (run, job, pdf, job->target->external_id, &written, error))
        {
          ok = FALSE;
          if (thread == NULL)
            break;
          /* Wake the worker if it waits for a slot, so that it sees the flag and ends. */
          g_atomic_int_set (&p.stop, TRUE);
          g_async_queue_push (p.slots, GUINT_TO_POINTER (1));
          continue;
        }
      if (written)
        run->result->n_letters++;
      g_async_queue_push (p.slots, GUINT_TO_POINTER (1));
      done++;
      if (progress != NULL)
        progress (done, targets->len, progress_data);
    }
  if (thread != NULL)
    g_thread_join (g_steal_pointer (&thread));
  g_async_queue_unref (p.jobs);
  g_async_queue_unref (p.slots);
  /* The worker also stops when the run is cancelled: then not every letter is in. */
  if (ok && done < targets->len)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The letters stopped before the last one"));
      ok = FALSE;
    }
  return ok;
}

static void
set_io_error (GError **error, int saved_errno, const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
}

static void
set_exists_error (GError **error, const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, AR_DOC_LETTER_ERROR, AR_DOC_LETTER_ERROR_EXISTS,
               _("“%s” already exists; letters never replace a file"), display);
}

/* Saves @pdf as @path, which must not exist: written completely under a temporary name beside
 * it, then linked to @path, which fails if something is there by then. */
static gboolean
save_new_file (ArPdf *pdf, const char *path, guint64 *out_size, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  GStatBuf st;
  int fd, saved_errno = 0;

  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      set_io_error (error, errno, path);
      return FALSE;
    }
  close (fd);
  if (!ar_pdf_save (pdf, tmp, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (link (tmp, path) != 0)
    {
      saved_errno = errno;
      /* A file system without hard links: check, then rename. */
      if (saved_errno == EPERM || saved_errno == EOPNOTSUPP || saved_errno == ENOSYS)
        saved_errno = g_file_test (path, G_FILE_TEST_EXISTS) ? EEXIST
                      : g_rename (tmp, path) != 0 ? errno : 0;
    }
  g_unlink (tmp);
  if (saved_errno == EEXIST)
    {
      set_exists_error (error, path);
      return FALSE;
    }
  if (saved_errno != 0)
    {
      set_io_error (error, saved_errno, path);
      return FALSE;
    }
  if (out_size != NULL)
    *out_size = g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
  return TRUE;
}

static void
set_metadata (ArPdf *pdf, const ArDocLettersOptions *options, const char *company,
              const char *who)
{
  g_autofree char *level = ar_template_level_name (options->level);
  char date[11];
  g_autofree char *title = NULL;

  ar_date_format_julian (options->as_of, date);
  title = who != NULL ? g_strdup_printf ("%s %s %s", level, who, date)
                      : g_strdup_printf ("%s %s", level, date);
  ar_pdf_set_metadata (pdf, title, company, level);
}

gboolean
ar_doc_letters_write_batch (ArLedger *ledger, const ArDocLettersOptions *options,
                            const char *path, ArDocLettersProgress progress,
                            gpointer progress_data, GCancellable *cancellable,
                            ArDocLettersResult *result, GError **error)
{
  g_autoptr(GArray) targets = NULL;
  g_autoptr(ArPdf) pdf = NULL;
  Run run;
  gboolean ok = FALSE;
  guint64 size = 0;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL && result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_options (options, error))
    return FALSE;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      set_exists_error (error, path);
      return FALSE;
    }
  if (!run_init (&run, ledger, options, result, error))
    goto out;
  targets = collect_targets (ledger, options, error);
  if (targets == NULL)
    goto out;

  if (!render_all (&run, targets, &pdf, progress, progress_data, cancellable, error))
    goto out;

  if (result->n_letters > 0)
    {
      set_metadata (pdf, options, run.company, NULL);
      if (!save_new_file (pdf, path, &size, error))
        goto out;
      result->n_pages += ar_pdf_get_n_pages (pdf);
      result->n_bytes += size;
      g_ptr_array_add (result->files, g_strdup (path));
    }
  ok = TRUE;

out:
  run_clear (&run);
  return ok;
}

/* Gives each target its file name: the customer number, with the currency when the debtor
 * gets letters in several, and a counter when two reduce to the same name. */
static void
name_targets (GArray *targets)
{
  g_autoptr(GHashTable) per_debtor = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < targets->len; i++)
    {
      Target *t = &g_array_index (targets, Target, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_debtor, &t->debtor_id));

      g_hash_table_insert (per_debtor, &t->debtor_id, GUINT_TO_POINTER (n + 1));
    }
  for (guint i = 0; i < targets->len; i++)
    {
      Target *t = &g_array_index (targets, Target, i);
      g_autofree char *stem = ar_doc_letter_file_stem (t->external_id);
      g_autofree char *name = NULL;

      if (GPOINTER_TO_UINT (g_hash_table_lookup (per_debtor, &t->debtor_id)) > 1)
        {
          char *with = g_strdup_printf ("%s-%s", stem, t->currency);

          g_free (stem);
          stem = with;
        }
      /* Compared without case: the folder may be on a file system that ignores it. */
      name = g_utf8_casefold (stem, -1);
      for (guint k = 2; g_hash_table_contains (used, name); k++)
        {
          g_free (t->stem);
          t->stem = g_strdup_printf ("%s-%u", stem, k);
          g_free (name);
          name = g_utf8_casefold (t->stem, -1);
        }
      if (t->stem == NULL)
        t->stem = g_steal_pointer (&stem);
      g_hash_table_add (used, g_steal_pointer (&name));
    }
}

gboolean
ar_doc_letters_write_dir (ArLedger *ledger, const ArDocLettersOptions *options,
                          const char *dir, ArDocLettersProgress progress,
                          gpointer progress_data, GCancellable *cancellable,
                          ArDocLettersResult *result, GError **error)
{
  g_autoptr(GArray) targets = NULL;
  Run run;
  gboolean ok = FALSE;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (options != NULL && dir != NULL && result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_options (options, error))
    return FALSE;
  if (!run_init (&run, ledger, options, result, error))
    goto out;
  targets = collect_targets (ledger, options, error);
  if (targets == NULL)
    goto out;
  name_targets (targets);

  /* Every name is checked before the first letter is written. */
  for (guint i = 0; i < targets->len; i++)
    {
      const Target *t = &g_array_index (targets, Target, i);
      g_autofree char *file = g_strconcat (t->stem, ".pdf", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          set_exists_error (error, path);
          goto out;
        }
    }
  if (targets->len > 0 && g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_io_error (error, errno, dir);
      goto out;
    }

  for (guint i = 0; i < targets->len; i++)
    {
      const Target *t = &g_array_index (targets, Target, i);
      g_autofree char *file = g_strconcat (t->stem, ".pdf", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autoptr(ArPdf) pdf = NULL;
      g_autoptr(Job) job = NULL;
      gboolean written;
      guint64 size = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      job = build_job (&run, t);
      if (!render_job (&run, job, &pdf, file, &written, error))
        goto out;
      if (written)
        {
          set_metadata (pdf, options, run.company, t->external_id);
          if (!save_new_file (pdf, path, &size, error))
            goto out;
          result->n_letters++;
          result->n_pages += ar_pdf_get_n_pages (pdf);
          result->n_bytes += size;
          g_ptr_array_add (result->files, g_steal_pointer (&path));
        }
      if (progress != NULL)
        progress (i + 1, targets->len, progress_data);
    }
  ok = TRUE;

out:
  run_clear (&run);
  return ok;
}
