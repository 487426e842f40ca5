/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-csv"
#include "config.h"

#include <csv.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-csv.h"

#define CHUNK_SIZE      (64 * 1024)
#define PARSER_BLOCK    (16 * 1024)   /* libcsv grows its field buffer linearly by this much */
#define MAX_FIELD_BYTES AR_CSV_MAX_FIELD_BYTES
#define MAX_FIELDS      AR_CSV_MAX_FIELDS

G_STATIC_ASSERT (MAX_FIELD_BYTES == 1024 * 1024);   /* the error messages say "1 MiB" */

/* Line tracking: the input is fed to libcsv in "pieces" that end right after a CR or LF (or at
 * the end of the buffered chunk), so each piece holds at most one line-break byte, as its last
 * byte. libcsv only ends a record on a CR or LF, so at most one record ends per piece, and every
 * byte of a piece except the last is on the line that was current when the piece started. The
 * line counter counts LF, and CR not followed by LF, so LF, CRLF and lone CR each count once. */
struct _ArCsvReader
{
  GInputStream     *stream;          /* owned */
  char             *display_name;    /* owned */
  struct csv_parser parser;
  guchar           *buf;             /* owned, CHUNK_SIZE bytes */
  gsize             buf_len;
  gsize             buf_pos;
  guint64           offset;          /* bytes consumed, including a BOM */
  guint             line;            /* line of the next byte to feed */
  guint             piece_line;      /* line of the piece being fed */
  guint             record_line;     /* line on which the record being parsed starts */
  guint             field_line;      /* line on which the field being parsed starts */
  guint             current_line;    /* line of the record handed out by _next () */
  guint             prev_cr : 1;     /* the last byte fed was CR */
  guint             in_record : 1;   /* libcsv is inside a record */
  guint             record_done : 1; /* libcsv reported the end of a record */
  guint             bom_checked : 1;
  guint             eof : 1;
  guint             finished : 1;
  GString          *data;            /* fields of the current record, each NUL-terminated */
  GArray           *offsets;         /* gsize: where each field starts in @data */
  GError           *cb_error;        /* raised inside a libcsv callback */
  GError           *error;           /* sticky: once set, the reader is dead */
};

G_DEFINE_QUARK (ar-csv-error-quark, ar_csv_error)

static int
never_space (unsigned char c)
{
  /* Fields are byte-exact: libcsv would otherwise trim spaces and tabs around unquoted fields. */
  return 0;
}

static void
format_record_error (ArCsvReader *self,
                     GError     **dest,
                     ArCsvError   code,
                     guint        line,
                     const char  *format,
                     ...) G_GNUC_PRINTF (5, 6);

/* "NAME:LINE: what", plus where the record starts when that is an earlier line. */
static void
format_record_error (ArCsvReader *self,
                     GError     **dest,
                     ArCsvError   code,
                     guint        line,
                     const char  *format,
                     ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (line != self->record_line)
    g_set_error (dest, AR_CSV_ERROR, code, _("%s:%u: %s (in the record that starts on line %u)"),
                 self->display_name, line, what, self->record_line);
  else
    g_set_error (dest, AR_CSV_ERROR, code, "%s:%u: %s", self->display_name, line, what);
}

static void
field_cb (void   *s,
          size_t  len,
          void   *data)
{
  ArCsvReader *self = data;
  guint n = self->offsets->len;
  gsize start;

  if (self->cb_error != NULL)
    return;

  if (n >= MAX_FIELDS)
    {
      format_record_error (self, &self->cb_error, AR_CSV_ERROR_SYNTAX, self->record_line,
                           _("the record has more than %u fields"), (guint) MAX_FIELDS);
      return;
    }
  if (len > MAX_FIELD_BYTES)
    {
      format_record_error (self, &self->cb_error, AR_CSV_ERROR_SYNTAX, self->field_line,
                           _("field %u is longer than 1 MiB"), n + 1);
      return;
    }
  if (len > 0 && memchr (s, '\0', len) != NULL)
    {
      format_record_error (self, &self->cb_error, AR_CSV_ERROR_SYNTAX, self->field_line,
                           _("field %u contains a NUL byte"), n + 1);
      return;
    }

  start = self->data->len;
  g_array_append_val (self->offsets, start);
  if (len > 0)
    g_string_append_len (self->data, s, len);
  g_string_append_c (self->data, '\0');

  /* The next field starts right after the comma, which is never a line break. */
  self->field_line = self->piece_line;
}

static void
row_cb (int   c,
        void *data)
{
  ArCsvReader *self = data;

  self->record_done = TRUE;
}

static void
clear_record (ArCsvReader *self)
{
  g_string_truncate (self->data, 0);
  g_array_set_size (self->offsets, 0);
}

static gboolean
fail (ArCsvReader *self,
      GError     **error)
{
  g_assert (self->error != NULL);

  clear_record (self);
  self->finished = TRUE;
  if (error != NULL)
    *error = g_error_copy (self->error);
  return FALSE;
}

static gboolean
fill_buffer (ArCsvReader *self,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize n = 0;

  if (!g_input_stream_read_all (self->stream, self->buf, CHUNK_SIZE, &n, NULL, &local_error))
    {
      g_set_error (&self->error, AR_CSV_ERROR, AR_CSV_ERROR_IO,
                   _("%s: could not read the file: %s"), self->display_name, local_error->message);
      return fail (self, error);
    }

  self->buf_len = n;
  self->buf_pos = 0;
  /* read_all only comes back short at the end of the stream. */
  if (n < CHUNK_SIZE)
    self->eof = TRUE;

  if (!self->bom_checked)
    {
      self->bom_checked = TRUE;
      if (n >= 3 && memcmp (self->buf, "\xEF\xBB\xBF", 3) == 0)
        {
          self->buf_pos = 3;
          self->offset = 3;
        }
    }

  return TRUE;
}

/* A record of one empty field is a blank line (libcsv already drops truly empty lines). */
static gboolean
record_is_blank (ArCsvReader *self)
{
  return self->offsets->len == 1 && self->data->str[0] == '\0';
}

/* Feeds one piece to libcsv. Returns FALSE with self->error set on failure. */
static gboolean
feed_piece (ArCsvReader  *self,
            const guchar *piece,
            gsize         len)
{
  guchar last = piece[len - 1];
  gsize done;

  if (!self->in_record)
    self->record_line = self->field_line = self->line;
  self->piece_line = self->line;

  done = csv_parse (&self->parser, piece, len, field_cb, row_cb, self);

  if (self->cb_error != NULL)
    {
      self->error = g_steal_pointer (&self->cb_error);
      return FALSE;
    }

  if (done < len)
    {
      guint field = self->offsets->len + 1;

      if (csv_error (&self->parser) != CSV_EPARSE)
        g_set_error (&self->error, AR_CSV_ERROR, AR_CSV_ERROR_IO, "%s:%u: %s",
                     self->display_name, self->piece_line,
                     csv_strerror (csv_error (&self->parser)));
      /* In strict mode libcsv stops on a quote inside an unquoted field, or on anything but a
       * comma or line break after a closing quote. Neither byte is a line break. */
      else if (piece[done] == '"')
        format_record_error (self, &self->error, AR_CSV_ERROR_SYNTAX, self->piece_line,
                             _("field %u has a quote but does not start with one (a field "
                               "with quotes must be enclosed in quotes, each inner quote "
                               "doubled)"), field);
      else
        format_record_error (self, &self->error, AR_CSV_ERROR_SYNTAX, self->piece_line,
                             _("field %u has text after its closing quote (a quoted field "
                               "must be followed by a comma or the end of the line)"), field);
      return FALSE;
    }

  self->buf_pos += len;
  self->offset += len;

  if (last == '\r')
    {
      self->line++;
      self->prev_cr = TRUE;
    }
  else if (last == '\n')
    {
      /* The byte before this LF is a CR only when the LF is a piece of its own. */
      if (!(self->prev_cr && len == 1))
        self->line++;
      self->prev_cr = FALSE;
    }
  else
    {
      self->prev_cr = FALSE;
    }

  /* libcsv keeps the field being parsed in its own buffer; stop a runaway field before the
   * callback sees it. The buffer only grows when the current field fills it. */
  if (csv_get_buffer_size (&self->parser) > MAX_FIELD_BYTES + 2 * PARSER_BLOCK)
    {
      format_record_error (self, &self->error, AR_CSV_ERROR_SYNTAX, self->field_line,
                           _("field %u is longer than 1 MiB"), self->offsets->len + 1);
      return FALSE;
    }

  if (self->record_done)
    self->in_record = FALSE;
  else if (len > 1 || (last != '\r' && last != '\n'))
    self->in_record = TRUE;

  return TRUE;
}

static gboolean
finish_input (ArCsvReader *self)
{
  if (csv_fini (&self->parser, field_cb, row_cb, self) != 0)
    {
      format_record_error (self, &self->error, AR_CSV_ERROR_SYNTAX, self->field_line,
                           _("unterminated quoted field %u (the closing quote is missing)"),
                           self->offsets->len + 1);
      return FALSE;
    }
  if (self->cb_error != NULL)
    {
      self->error = g_steal_pointer (&self->cb_error);
      return FALSE;
    }
  self->finished = TRUE;
  return TRUE;
}

static ArCsvReader *
reader_new (GInputStream *stream,
            const char   *display_name)
{
  ArCsvReader *self = g_new0 (ArCsvReader, 1);

  self->stream = stream;
  self->display_name = g_strdup (display_name);
  self->buf = g_malloc (CHUNK_SIZE);
  self->data = g_string_sized_new (256);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->line = 1;
  self->record_line = 1;
  self->field_line = 1;

  if (csv_init (&self->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    g_assert_not_reached ();   /* only fails for a NULL parser */
  csv_set_space_func (&self->parser, never_space);
  csv_set_blk_size (&self->parser, PARSER_BLOCK);

  return self;
}

ArCsvReader *
ar_csv_reader_new_for_path (const char  *path,
                            GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_path_get_basename (path);
  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, AR_CSV_ERROR, AR_CSV_ERROR_IO, _("%s: could not open the file: %s"),
                   name, local_error->message);
      return NULL;
    }

  return reader_new (G_INPUT_STREAM (g_steal_pointer (&stream)), name);
}

ArCsvReader *
ar_csv_reader_new_for_stream (GInputStream *stream,
                              const char   *display_name)
{
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  return reader_new (g_object_ref (stream), display_name != NULL ? display_name : "<stream>");
}

void
ar_csv_reader_free (ArCsvReader *reader)
{
  if (reader == NULL)
    return;

  csv_free (&reader->parser);
  g_clear_object (&reader->stream);
  g_free (reader->display_name);
  g_free (reader->buf);
  g_string_free (reader->data, TRUE);
  g_array_unref (reader->offsets);
  g_clear_error (&reader->cb_error);
  g_clear_error (&reader->error);
  g_free (reader);
}

const char *
ar_csv_reader_get_display_name (ArCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);

  return reader->display_name;
}

gboolean
ar_csv_reader_next (ArCsvReader *reader,
                    GError     **error)
{
  ArCsvReader *self = reader;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->error != NULL)
    return fail (self, error);
  clear_record (self);
  if (self->finished)
    return FALSE;

  for (;;)
    {
      const guchar *start;
      const guchar *end;
      const guchar *p;

      if (self->buf_pos == self->buf_len)
        {
          if (self->eof)
            {
              if (!finish_input (self))
                return fail (self, error);
              if (self->record_done && !record_is_blank (self))
                {
                  self->record_done = FALSE;
                  self->current_line = self->record_line;
                  return TRUE;
                }
              clear_record (self);
              return FALSE;
            }
          if (!fill_buffer (self, error))
            return FALSE;
          continue;
        }

      start = self->buf + self->buf_pos;
      end = self->buf + self->buf_len;
      for (p = start; p < end; p++)
        if (*p == '\n' || *p == '\r')
          {
            p++;
            break;
          }

      if (!feed_piece (self, start, p - start))
        return fail (self, error);

      if (self->record_done)
        {
          self->record_done = FALSE;
          if (!record_is_blank (self))
            {
              self->current_line = self->record_line;
              return TRUE;
            }
          clear_record (self);
        }
    }
}

guint
ar_csv_reader_get_n_fields (ArCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->offsets->len;
}

const char *
ar_csv_reader_get_field (ArCsvReader *reader,
                         guint        i)
{
  g_return_val_if_fail (reader != NULL, "");

  if (i >= reader->offsets->len)
    return "";
  return reader->data->str + g_array_index (reader->offsets, gsize, i);
}

guint
ar_csv_reader_get_line (ArCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->current_line;
}

guint64
ar_csv_reader_get_offset (ArCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->offset;
}

static char *
strip_blanks (const char *s)
{
  const char *end = s + strlen (s);

  while (*s == ' ' || *s == '\t')
    s++;
  while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  return g_strndup (s, end - s);
}

gboolean
ar_csv_reader_read_header (ArCsvReader        *reader,
                           const char * const *names,
                           const gboolean     *required,
                           guint               n_names,
                           int                *index_out,
                           GPtrArray          *extra_out,
                           GError            **error)
{
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) extra = NULL;
  g_autoptr(GString) missing = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_fields;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (n_names == 0 || (names != NULL && required != NULL), FALSE);
  g_return_val_if_fail (n_names == 0 || index_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ar_csv_reader_next (reader, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, AR_CSV_ERROR, AR_CSV_ERROR_HEADER,
                     _("%s: the file is empty; expected a header row"), reader->display_name);
      return FALSE;
    }

  for (guint i = 0; i < n_names; i++)
    index_out[i] = -1;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  extra = g_ptr_array_new_with_free_func (g_free);
  n_fields = ar_csv_reader_get_n_fields (reader);

  for (guint j = 0; j < n_fields; j++)
    {
      g_autofree char *name = strip_blanks (ar_csv_reader_get_field (reader, j));
      gboolean matched = FALSE;

      /* Unnamed columns (e.g. from a trailing comma) can't clash; they're just extra. */
      if (name[0] != '\0')
        {
          char *key = g_ascii_strdown (name, -1);

          if (!g_hash_table_add (seen, key))
            {
              g_set_error (error, AR_CSV_ERROR, AR_CSV_ERROR_HEADER,
                           _("%s:%u: column “%s” appears twice"), reader->display_name,
                           reader->current_line, name);
              return FALSE;
            }
        }

      for (guint i = 0; i < n_names; i++)
        if (g_ascii_strcasecmp (names[i], name) == 0)
          {
            if (index_out[i] < 0)
              index_out[i] = (int) j;
            matched = TRUE;
            break;
          }

      if (!matched)
        g_ptr_array_add (extra, g_steal_pointer (&name));
    }

  for (guint i = 0; i < n_names; i++)
    if (required[i] && index_out[i] < 0)
      {
        if (missing == NULL)
          missing = g_string_new (names[i]);
        else
          g_string_append_printf (missing, ", %s", names[i]);
      }
  if (missing != NULL)
    {
      g_set_error (error, AR_CSV_ERROR, AR_CSV_ERROR_HEADER,
                   _("%s:%u: missing required column(s): %s"), reader->display_name,
                   reader->current_line, missing->str);
      return FALSE;
    }

  if (extra_out != NULL)
    for (guint i = 0; i < extra->len; i++)
      g_ptr_array_add (extra_out, g_steal_pointer (&extra->pdata[i]));

  return TRUE;
}

static gboolean
needs_quotes (const char *field)
{
  gsize len = strlen (field);

  if (len == 0)
    return FALSE;
  if (field[0] == ' ' || field[0] == '\t' || field[len - 1] == ' ' || field[len - 1] == '\t')
    return TRUE;
  return strpbrk (field, ",\"\r\n") != NULL;
}

/* Hand-written: libcsv's writer (csv_write) always quotes every field. */
void
ar_csv_append_record (GString            *out,
                      const char * const *fields,
                      guint               n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (n_fields == 0 || fields != NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      const char *field = fields[i] != NULL ? fields[i] : "";

      if (i > 0)
        g_string_append_c (out, ',');

      if (!needs_quotes (field))
        {
          g_string_append (out, field);
          continue;
        }

      g_string_append_c (out, '"');
      for (const char *p = field; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append (out, "\r\n");
}
