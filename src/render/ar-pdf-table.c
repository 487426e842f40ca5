/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-pdf"
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "ar-pdf-private.h"
#include "ar-pdf-table.h"

#define PAD_X        4.0     /* points inside each cell, left and right */
#define PAD_Y        2.5     /* points above and below the text of a row */
#define RULE_HEAVY   0.7     /* under the header, above and under totals */
#define RULE_LIGHT   0.3     /* between body rows */
#define COLOR_HEAVY  0x404040
#define COLOR_LIGHT  0xC8C8C8
#define EPSILON      1e-6

typedef struct
{
  char       *title;
  double      width;
  ArPdfAlign  align;
} Column;

typedef struct
{
  char     **cells;   /* n_columns strings */
  gboolean   total;
} Row;

struct _ArPdfTable
{
  guint       n_columns;
  Column     *columns;
  ArPdfStyle  header;
  ArPdfStyle  body;
  GPtrArray  *rows;    /* Row */
};

static void
row_free (gpointer data)
{
  Row *row = data;

  g_strfreev (row->cells);
  g_free (row);
}

ArPdfTable *
ar_pdf_table_new (guint n_columns)
{
  ArPdfTable *table;

  g_return_val_if_fail (n_columns > 0, NULL);

  table = g_new0 (ArPdfTable, 1);
  table->n_columns = n_columns;
  table->columns = g_new0 (Column, n_columns);
  table->header = (ArPdfStyle) { .weight = AR_PDF_BOLD, .size = 8.5, .leading = 11.0 };
  table->body = (ArPdfStyle) { .weight = AR_PDF_REGULAR, .size = 9.0, .leading = 11.5 };
  table->rows = g_ptr_array_new_with_free_func (row_free);
  return table;
}

void
ar_pdf_table_free (ArPdfTable *table)
{
  if (table == NULL)
    return;
  for (guint i = 0; i < table->n_columns; i++)
    g_free (table->columns[i].title);
  g_free (table->columns);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

void
ar_pdf_table_set_column (ArPdfTable *table,
                         guint       column,
                         const char *title,
                         double      width,
                         ArPdfAlign  align)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (column < table->n_columns);
  g_return_if_fail (width >= 0);

  g_free (table->columns[column].title);
  table->columns[column].title = g_strdup (title);
  table->columns[column].width = width;
  table->columns[column].align = align;
}

void
ar_pdf_table_set_styles (ArPdfTable       *table,
                         const ArPdfStyle *header,
                         const ArPdfStyle *body)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (header == NULL || header->size > 0);
  g_return_if_fail (body == NULL || body->size > 0);

  if (header != NULL)
    table->header = *header;
  if (body != NULL)
    table->body = *body;
}

static void
add_row (ArPdfTable         *table,
         const char * const *cells,
         gboolean            total)
{
  Row *row = g_new0 (Row, 1);

  row->cells = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    row->cells[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  row->total = total;
  g_ptr_array_add (table->rows, row);
}

void
ar_pdf_table_add_row (ArPdfTable         *table,
                      const char * const *cells)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (cells != NULL);

  add_row (table, cells, FALSE);
}

void
ar_pdf_table_add (ArPdfTable *table,
                  const char *first_cell,
                  ...)
{
  g_autofree const char **cells = NULL;
  va_list args;

  g_return_if_fail (table != NULL);

  cells = g_new0 (const char *, table->n_columns);
  cells[0] = first_cell;
  va_start (args, first_cell);
  for (guint i = 1; i < table->n_columns; i++)
    cells[i] = va_arg (args, const char *);
  va_end (args);
  add_row (table, cells, FALSE);
}

void
ar_pdf_table_add_total_row (ArPdfTable         *table,
                            const char * const *cells)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (cells != NULL);

  add_row (table, cells, TRUE);
}

guint
ar_pdf_table_get_n_rows (ArPdfTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->rows->len;
}

/* Drawing ---------------------------------------------------------------------------------- */

typedef struct
{
  ArPdfTable *table;
  ArPdf      *pdf;
  double      left;
  double      total_width;
  double     *x;         /* left edge of each column */
  double     *width;     /* width of each column */
  double      header_height;
} Layout;

static void
layout_columns (Layout *layout)
{
  ArPdfTable *table = layout->table;
  double fixed = 0.0, scale = 1.0, x;
  guint n_flexible = 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      fixed += table->columns[i].width;
      n_flexible += table->columns[i].width <= 0.0;
    }
  /* Fixed columns wider than the page shrink in proportion; flexible ones share the rest. */
  if (fixed > layout->total_width || (n_flexible == 0 && fixed > 0.0))
    scale = layout->total_width / fixed;
  x = layout->left;
  for (guint i = 0; i < table->n_columns; i++)
    {
      double w = table->columns[i].width * scale;

      if (table->columns[i].width <= 0.0)
        w = n_flexible > 0 ? MAX (0.0, layout->total_width - fixed * scale) / n_flexible : 0.0;
      layout->x[i] = x;
      layout->width[i] = w;
      x += w;
    }
}

/* Where the text of column @i goes: padded inside, but flush with the table's outer edges,
 * so the first and last columns line up with the text above and below the table. */
static void
cell_text_area (Layout *layout,
                guint   i,
                double *x,
                double *width)
{
  double left = i == 0 ? 0.0 : PAD_X;
  double right = i + 1 == layout->table->n_columns ? 0.0 : PAD_X;

  *x = layout->x[i] + left;
  *width = MAX (1.0, layout->width[i] - left - right);
}

static double
row_height (Layout            *layout,
            const ArPdfStyle  *style,
            char             **cells)
{
  guint lines = 1;

  for (guint i = 0; i < layout->table->n_columns; i++)
    {
      double x, width;

      cell_text_area (layout, i, &x, &width);
      lines = MAX (lines, ar_pdf_count_lines (layout->pdf, style, width, cells[i]));
    }
  return lines * ar_pdf_line_height (style) + 2 * PAD_Y;
}

static void
draw_cells (Layout            *layout,
            const ArPdfStyle  *style,
            char             **cells)
{
  ArPdf *pdf = layout->pdf;
  double top = pdf->y + PAD_Y;
  double leading = ar_pdf_line_height (style);

  for (guint i = 0; i < layout->table->n_columns; i++)
    {
      ArPdfStyle cell_style = *style;
      g_autofree char *tmp = NULL;
      const char *text = _ar_pdf_valid_text (pdf, cells[i], &tmp);
      double x, width;
      guint n;

      cell_text_area (layout, i, &x, &width);
      n = _ar_pdf_wrap (pdf, style, width, text);
      cell_style.align = layout->table->columns[i].align;
      /* pdf->lines is stable here: no page break happens inside a row. */
      for (guint k = 0; k < n; k++)
        _ar_pdf_show_aligned (pdf, &cell_style, x, width, top + k * leading, text,
                              &g_array_index (pdf->lines, ArPdfLine, k));
    }
}

static void
rule (Layout  *layout,
      double   y,
      double   width,
      guint32  color)
{
  ar_pdf_draw_line (layout->pdf, layout->left, y, layout->left + layout->total_width, y, width,
                    color);
}

static void
draw_header (Layout *layout)
{
  ArPdf *pdf = layout->pdf;
  g_autofree char **titles = g_new0 (char *, layout->table->n_columns + 1);

  for (guint i = 0; i < layout->table->n_columns; i++)
    titles[i] = layout->table->columns[i].title != NULL ? layout->table->columns[i].title : "";
  draw_cells (layout, &layout->table->header, titles);
  pdf->y += layout->header_height;
  rule (layout, pdf->y, RULE_HEAVY, COLOR_HEAVY);
}

void
ar_pdf_table_draw (ArPdfTable *table,
                   ArPdf      *pdf)
{
  g_autofree double *x = NULL;
  g_autofree double *width = NULL;
  g_autofree char **titles = NULL;
  Layout layout = { table, pdf };
  gboolean header_on_page = FALSE;
  double next_height = 0.0;

  g_return_if_fail (table != NULL);
  g_return_if_fail (pdf != NULL);

  if (!_ar_pdf_ok (pdf))
    return;
  if (pdf->page == NULL)
    ar_pdf_new_page (pdf);

  x = g_new0 (double, table->n_columns);
  width = g_new0 (double, table->n_columns);
  layout.x = x;
  layout.width = width;
  layout.left = ar_pdf_get_content_left (pdf);
  layout.total_width = ar_pdf_get_content_width (pdf);
  layout_columns (&layout);

  titles = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    titles[i] = table->columns[i].title != NULL ? table->columns[i].title : "";
  layout.header_height = row_height (&layout, &table->header, titles);

  if (table->rows->len == 0)
    {
      ar_pdf_keep_together (pdf, layout.header_height);
      draw_header (&layout);
      return;
    }

  for (guint r = 0; r < table->rows->len && _ar_pdf_ok (pdf); r++)
    {
      Row *row = g_ptr_array_index (table->rows, r);
      Row *next = r + 1 < table->rows->len ? g_ptr_array_index (table->rows, r + 1) : NULL;
      const ArPdfStyle *style = row->total ? &table->header : &table->body;
      ArPdfStyle total_style;
      double height, need;

      if (row->total)
        {
          total_style = table->body;
          total_style.weight = AR_PDF_BOLD;
          style = &total_style;
        }
      height = r > 0 && next_height > 0.0 ? next_height : row_height (&layout, style, row->cells);
      need = height;
      next_height = 0.0;
      if (next != NULL && next->total)
        {
          ArPdfStyle next_style = table->body;

          next_style.weight = AR_PDF_BOLD;
          next_height = row_height (&layout, &next_style, next->cells);
          need += next_height;
        }
      if (!header_on_page)
        need += layout.header_height;

      if (pdf->y + need > _ar_pdf_content_bottom (pdf) + EPSILON &&
          pdf->y > pdf->page_top + EPSILON && !pdf->in_page_func)
        {
          ar_pdf_new_page (pdf);
          header_on_page = FALSE;
        }
      if (!header_on_page)
        {
          draw_header (&layout);
          header_on_page = TRUE;
        }

      if (row->total)
        rule (&layout, pdf->y, RULE_HEAVY, COLOR_HEAVY);
      draw_cells (&layout, style, row->cells);
      pdf->y += height;

      if (row->total)
        {
          /* The accountant's double rule under a total */
          rule (&layout, pdf->y, RULE_HEAVY / 2, COLOR_HEAVY);
          rule (&layout, pdf->y + 1.5, RULE_HEAVY / 2, COLOR_HEAVY);
          pdf->y += 1.5;
        }
      else if (next == NULL)
        rule (&layout, pdf->y, RULE_HEAVY, COLOR_HEAVY);
      else if (!next->total)
        rule (&layout, pdf->y, RULE_LIGHT, COLOR_LIGHT);
    }
}
