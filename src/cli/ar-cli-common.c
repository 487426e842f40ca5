/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "arrears-cli"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ar-cli-common.h"
#include "ar-date.h"

/* Messages --------------------------------------------------------------------------------- */

static void G_GNUC_PRINTF (1, 0)
print_error_valist (const char *format, va_list args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_printerr ("arrears-cli: %s\n", message);
}

void
ar_cli_error (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  print_error_valist (format, args);
  va_end (args);
}

int
ar_cli_fail (const GError *error)
{
  ar_cli_error ("%s", error->message);
  return AR_CLI_EXIT_FAILURE;
}

int
ar_cli_usage_error (const ArCliCommand *command, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  print_error_valist (format, args);
  va_end (args);

  if (command != NULL)
    {
      g_printerr (_("Usage: arrears-cli %s [OPTION…] %s\n"), command->name, command->params);
      g_printerr (_("Try “arrears-cli help %s” for more information.\n"), command->name);
    }
  else
    {
      g_printerr (_("Usage: arrears-cli COMMAND LEDGER [ARGUMENT…] [OPTION…]\n"));
      g_printerr (_("Try “arrears-cli --help” for the list of commands.\n"));
    }
  return AR_CLI_EXIT_USAGE;
}

/* Arguments -------------------------------------------------------------------------------- */

gboolean
ar_cli_parse_options (const ArCliCommand *command, const GOptionEntry *entries,
                      const char *description, GStrv *args, guint min_positional,
                      guint max_positional)
{
  g_autoptr(GOptionContext) context = g_option_context_new (command->params);
  g_autofree char *prgname = g_strdup_printf ("arrears-cli %s", command->name);
  g_autoptr(GError) error = NULL;
  guint n;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (description != NULL)
    {
      g_autofree char *wrapped = ar_cli_wrap (description, 79);
      g_option_context_set_description (context, wrapped);
    }
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  /* GOption prints "Usage: PRGNAME [OPTION…] PARAMS" in --help. */
  g_set_prgname (prgname);
  if (!g_option_context_parse_strv (context, args, &error))
    {
      ar_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }

  n = g_strv_length (*args) - 1;
  if (n < min_positional)
    {
      ar_cli_usage_error (command, _("%s: missing arguments (expected %s)"),
                          command->name, command->params);
      return FALSE;
    }
  if (n > max_positional)
    {
      ar_cli_usage_error (command, _("%s: unexpected argument “%s”"),
                          command->name, (*args)[max_positional + 1]);
      return FALSE;
    }
  return TRUE;
}

guint32
ar_cli_today (void)
{
  GDate today;

  ar_date_set_today (&today);
  return ar_date_to_julian (&today);
}

gboolean
ar_cli_parse_date (const char *option, const char *text, guint32 *out_julian, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  GDate date;

  if (text == NULL)
    {
      *out_julian = ar_cli_today ();
      return TRUE;
    }
  if (!ar_date_parse (text, &date, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", option,
                   local_error->message);
      return FALSE;
    }
  *out_julian = ar_date_to_julian (&date);
  return TRUE;
}

gboolean
ar_cli_parse_int (const char *what, const char *text, gint64 min, gint64 max, gint64 *out,
                  GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_ascii_string_to_signed (text, 10, min, max, out, &local_error))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: “%s” is not a whole number from %" G_GINT64_FORMAT " to %"
                     G_GINT64_FORMAT), what, text, min, max);
      return FALSE;
    }
  return TRUE;
}

gboolean
ar_cli_parse_amount (const char *what, const char *text, const char *currency,
                     gint64 *out_minor, GError **error)
{
  g_autoptr(GError) plain_error = NULL;
  ArMoney money;

  if (ar_money_parse (text, currency, &money, &plain_error))
    {
      *out_minor = money.minor;
      return TRUE;
    }
  /* Not the machine form: perhaps as the user's locale writes amounts ("1.234,50 €"). */
  if (g_error_matches (plain_error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID) &&
      ar_money_parse_locale (text, currency, &money, NULL))
    {
      *out_minor = money.minor;
      return TRUE;
    }
  g_set_error (error, plain_error->domain, plain_error->code, "%s: %s", what,
               plain_error->message);
  return FALSE;
}

char *
ar_cli_parse_currency (const char *what, const char *text, GError **error)
{
  g_autofree char *code = g_ascii_strup (text, -1);

  if (!ar_currency_is_valid (code))
    {
      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_CURRENCY,
                   _("%s: “%s” is not an ISO 4217 currency code (e.g. USD, EUR)"), what, text);
      return NULL;
    }
  return g_steal_pointer (&code);
}

/* Ledgers ---------------------------------------------------------------------------------- */

ArLedger *
ar_cli_open_ledger (const char *path)
{
  g_autoptr(GError) error = NULL;
  ArLedger *ledger = ar_ledger_open (path, &error);

  if (ledger == NULL)
    ar_cli_fail (error);
  return ledger;
}

char *
ar_cli_default_currency (ArLedger *ledger)
{
  g_autoptr(GHashTable) company = ar_ledger_get_company (ledger, NULL);
  const char *code = company != NULL ? g_hash_table_lookup (company, "default_currency") : NULL;

  return g_strdup (code != NULL && ar_currency_is_valid (code) ? code : "USD");
}

/* Output ----------------------------------------------------------------------------------- */

guint
ar_cli_text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

char *
ar_cli_wrap (const char *text, guint width)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      guint column = 0;

      if (i > 0)
        g_string_append_c (out, '\n');
      /* Indented lines are examples: kept as they are. */
      if (lines[i][0] == ' ' || lines[i][0] == '\0')
        {
          g_string_append (out, lines[i]);
          continue;
        }
      words = g_strsplit (lines[i], " ", -1);
      for (guint w = 0; words[w] != NULL; w++)
        {
          guint word_width = ar_cli_text_width (words[w]);

          if (column > 0 && column + 1 + word_width > width)
            {
              g_string_append_c (out, '\n');
              column = 0;
            }
          else if (column > 0)
            {
              g_string_append_c (out, ' ');
              column++;
            }
          g_string_append (out, words[w]);
          column += word_width;
        }
    }
  return g_string_free (out, FALSE);
}

void
ar_cli_append_cell (GString *line, const char *text, guint width, gboolean right_align,
                    gboolean truncate)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  guint text_width = ar_cli_text_width (valid);

  if (truncate && text_width > width && width > 0)
    {
      GString *cut = g_string_new (NULL);
      guint w = 0;

      /* Keep whole characters up to width − 1 columns, then the ellipsis. */
      for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          guint cw = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;

          if (w + cw > width - 1)
            break;
          g_string_append_unichar (cut, c);
          w += cw;
        }
      g_string_append (cut, "…");
      g_free (valid);
      valid = g_string_free (cut, FALSE);
      text_width = w + 1;
    }

  if (right_align)
    for (guint i = text_width; i < width; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, valid);
  if (!right_align)
    for (guint i = text_width; i < width; i++)
      g_string_append_c (line, ' ');
}

void
ar_cli_write_stdout (const char *data, gsize length)
{
  fwrite (data, 1, length, stdout);
}

typedef struct
{
  gboolean  note;   /* a line of its own, outside the columns */
  GStrv     cells;  /* n_columns cells, or the note's text alone */
} TableRow;

struct _ArCliTable
{
  char      *align;
  guint      n_columns;
  GPtrArray *rows;  /* TableRow */
};

static void
table_row_free (gpointer data)
{
  TableRow *row = data;

  g_strfreev (row->cells);
  g_free (row);
}

ArCliTable *
ar_cli_table_new (const char *align)
{
  ArCliTable *table = g_new0 (ArCliTable, 1);

  table->align = g_strdup (align);
  table->n_columns = strlen (align);
  table->rows = g_ptr_array_new_with_free_func (table_row_free);
  return table;
}

void
ar_cli_table_free (ArCliTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->rows);
  g_free (table->align);
  g_free (table);
}

void
ar_cli_table_add_row (ArCliTable *table, const char * const *cells)
{
  TableRow *row = g_new0 (TableRow, 1);

  row->cells = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    row->cells[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (table->rows, row);
}

void
ar_cli_table_add_note (ArCliTable *table, const char *note)
{
  TableRow *row = g_new0 (TableRow, 1);

  row->note = TRUE;
  row->cells = g_new0 (char *, 2);
  row->cells[0] = g_strdup (note);
  g_ptr_array_add (table->rows, row);
}

void
ar_cli_table_print (ArCliTable *table, const char *indent)
{
  g_autofree guint *widths = g_new0 (guint, table->n_columns);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint r = 0; r < table->rows->len; r++)
    {
      TableRow *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; !row->note && c < table->n_columns; c++)
        widths[c] = MAX (widths[c], ar_cli_text_width (row->cells[c]));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      TableRow *row = g_ptr_array_index (table->rows, r);

      g_string_assign (line, indent);
      if (row->note)
        g_string_append (line, row->cells[0]);
      else
        for (guint c = 0; c < table->n_columns; c++)
          {
            ar_cli_append_cell (line, row->cells[c], widths[c], table->align[c] == 'r', FALSE);
            if (c + 1 < table->n_columns)
              g_string_append (line, "  ");
          }
      /* No trailing blanks after a short left-aligned last column. */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}
