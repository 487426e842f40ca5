/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ar-csv.h"

static char *tmp_dir;

typedef struct
{
  guint   line;
  GStrv   fields;
} Record;

static void
record_free (gpointer data)
{
  Record *record = data;

  g_strfreev (record->fields);
  g_free (record);
}

static char *
write_file (const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  if (len < 0)
    len = strlen (contents);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

/* Reads every record of @contents (written to a real file). On a reader error, returns NULL
 * and sets @error_out; the records read before the error are discarded. */
static GPtrArray *
read_records_len (const char  *contents,
                  gssize       len,
                  GError     **error_out)
{
  g_autofree char *path = write_file ("data.csv", contents, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(ArCsvReader) reader = ar_csv_reader_new_for_path (path, &error);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  guint64 last_offset = 0;

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_cmpstr (ar_csv_reader_get_display_name (reader), ==, "data.csv");

  while (ar_csv_reader_next (reader, &error))
    {
      Record *record = g_new0 (Record, 1);
      guint n = ar_csv_reader_get_n_fields (reader);

      record->line = ar_csv_reader_get_line (reader);
      record->fields = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        record->fields[i] = g_strdup (ar_csv_reader_get_field (reader, i));
      g_assert_cmpstr (ar_csv_reader_get_field (reader, n), ==, "");
      g_assert_cmpuint (ar_csv_reader_get_offset (reader), >, last_offset);
      last_offset = ar_csv_reader_get_offset (reader);
      g_ptr_array_add (records, record);
    }

  g_remove (path);
  if (error != NULL)
    {
      /* The reader is dead after an error and says so again. */
      g_autoptr(GError) again = NULL;

      g_assert_false (ar_csv_reader_next (reader, &again));
      g_assert_error (again, error->domain, error->code);
      g_assert_cmpstr (again->message, ==, error->message);
      g_propagate_error (error_out, g_steal_pointer (&error));
      return NULL;
    }

  /* At the end, the whole file has been consumed, and the end is sticky. */
  g_assert_cmpuint (ar_csv_reader_get_offset (reader), ==,
                    (guint64) (len < 0 ? strlen (contents) : (gsize) len));
  g_assert_false (ar_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&records);
}

static GPtrArray *
read_records (const char *contents)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = read_records_len (contents, -1, &error);

  g_assert_no_error (error);
  return records;
}

static void assert_record (GPtrArray  *records,
                           guint       index,
                           guint       line,
                           const char *first,
                           ...) G_GNUC_NULL_TERMINATED;

static void
assert_record (GPtrArray  *records,
               guint       index,
               guint       line,
               const char *first,
               ...)
{
  Record *record;
  va_list args;
  guint i = 0;

  g_assert_cmpuint (index, <, records->len);
  record = records->pdata[index];
  g_assert_cmpuint (record->line, ==, line);

  va_start (args, first);
  for (const char *expected = first; expected != NULL; expected = va_arg (args, const char *))
    {
      g_assert_nonnull (record->fields[i]);
      g_assert_cmpstr (record->fields[i], ==, expected);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (g_strv_length (record->fields), ==, i);
}

static void
assert_read_error (const char *contents,
                   gssize      len,
                   int         code,
                   const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = read_records_len (contents, len, &error);

  g_assert_null (records);
  g_assert_error (error, AR_CSV_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_quoting (void)
{
  g_autoptr(GPtrArray) records =
    read_records ("a,\"b,c\",\"say \"\"hi\"\"\",\"\"\n"
                  "\"\"\"\",\"x\"\"\",,\"\"\"\"\"\"\n");

  g_assert_cmpuint (records->len, ==, 2);
  assert_record (records, 0, 1, "a", "b,c", "say \"hi\"", "", NULL);
  assert_record (records, 1, 2, "\"", "x\"", "", "\"\"", NULL);
}

static void
test_embedded_line_breaks (void)
{
  g_autoptr(GPtrArray) records =
    read_records ("h1,h2\n"
                  "\"x\ny\",z\n"
                  "\"p\r\nq\",\"r\r\n\r\ns\"\r\n"
                  "\"lone\rcr\",1\n"
                  "last,2\n");

  g_assert_cmpuint (records->len, ==, 5);
  assert_record (records, 0, 1, "h1", "h2", NULL);
  assert_record (records, 1, 2, "x\ny", "z", NULL);
  assert_record (records, 2, 4, "p\r\nq", "r\r\n\r\ns", NULL);
  assert_record (records, 3, 8, "lone\rcr", "1", NULL);
  assert_record (records, 4, 10, "last", "2", NULL);
}

static void
test_line_ends (void)
{
  g_autoptr(GPtrArray) crlf = read_records ("a,1\r\nb,2\r\nc,3\r\n");
  g_autoptr(GPtrArray) cr = read_records ("a,1\rb,2\rc,3\r");
  g_autoptr(GPtrArray) mixed = read_records ("a\r\nb\nc\rd\n\re\r\r\nf");

  g_assert_cmpuint (crlf->len, ==, 3);
  assert_record (crlf, 0, 1, "a", "1", NULL);
  assert_record (crlf, 1, 2, "b", "2", NULL);
  assert_record (crlf, 2, 3, "c", "3", NULL);

  g_assert_cmpuint (cr->len, ==, 3);
  assert_record (cr, 0, 1, "a", "1", NULL);
  assert_record (cr, 1, 2, "b", "2", NULL);
  assert_record (cr, 2, 3, "c", "3", NULL);

  /* Lines: a | b | c | d | (LF CR: blank) | e | (CR: blank, CRLF) | f */
  g_assert_cmpuint (mixed->len, ==, 6);
  assert_record (mixed, 0, 1, "a", NULL);
  assert_record (mixed, 1, 2, "b", NULL);
  assert_record (mixed, 2, 3, "c", NULL);
  assert_record (mixed, 3, 4, "d", NULL);
  assert_record (mixed, 4, 6, "e", NULL);
  assert_record (mixed, 5, 8, "f", NULL);
}

/* The reader buffers 64 KiB at a time; a CRLF or a quoted line break split across two
 * buffers must count once. Try several split points around the boundary. */
static void
test_chunk_boundaries (void)
{
  for (int shift = -3; shift <= 3; shift++)
    {
      g_autoptr(GString) s = g_string_new ("h\r\n");
      g_autoptr(GPtrArray) records = NULL;
      gsize filler = 65536 - s->len - 1 + shift;

      g_string_append (s, "\"");
      for (gsize i = 1; i < filler; i++)
        g_string_append_c (s, 'x');
      g_string_append (s, "\r\n");      /* around byte 65535 */
      g_string_append (s, "still quoted\"\r\nnext\r\n\r\nlast\r\n");

      records = read_records (s->str);
      g_assert_cmpuint (records->len, ==, 4);
      assert_record (records, 0, 1, "h", NULL);
      g_assert_cmpuint (((Record *) records->pdata[1])->line, ==, 2);
      g_assert_true (g_str_has_suffix (((Record *) records->pdata[1])->fields[0],
                                       "xx\r\nstill quoted"));
      assert_record (records, 2, 4, "next", NULL);
      assert_record (records, 3, 6, "last", NULL);
    }

  for (int shift = -3; shift <= 3; shift++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(GPtrArray) records = NULL;

      for (gsize i = 0; i < (gsize) (65535 + shift); i++)
        g_string_append_c (s, 'y');
      g_string_append (s, "\r\nz\rw\n");

      records = read_records (s->str);
      g_assert_cmpuint (records->len, ==, 3);
      g_assert_cmpuint (strlen (((Record *) records->pdata[0])->fields[0]), ==, 65535 + shift);
      assert_record (records, 1, 2, "z", NULL);
      assert_record (records, 2, 3, "w", NULL);
    }
}

static void
test_bom (void)
{
  g_autoptr(GPtrArray) records = read_records ("\xEF\xBB\xBFname,amount\n\xEF\xBB\xBFx,1\n");
  g_autoptr(GPtrArray) only_bom = read_records ("\xEF\xBB\xBF");
  g_autoptr(GPtrArray) quoted = read_records ("\xEF\xBB\xBF\"a,b\"\n");

  g_assert_cmpuint (records->len, ==, 2);
  assert_record (records, 0, 1, "name", "amount", NULL);
  /* Only at the very start of the file. */
  assert_record (records, 1, 2, "\xEF\xBB\xBFx", "1", NULL);

  g_assert_cmpuint (only_bom->len, ==, 0);
  g_assert_cmpuint (quoted->len, ==, 1);
  assert_record (quoted, 0, 1, "a,b", NULL);
}

static void
test_no_trailing_newline (void)
{
  g_autoptr(GPtrArray) plain = read_records ("a,b\nc,d");
  g_autoptr(GPtrArray) empty_last = read_records ("a,b\nc,");
  g_autoptr(GPtrArray) quoted_last = read_records ("a,b\r\n\"c\nd\",\"e\"");
  g_autoptr(GPtrArray) single = read_records ("x");

  g_assert_cmpuint (plain->len, ==, 2);
  assert_record (plain, 1, 2, "c", "d", NULL);
  g_assert_cmpuint (empty_last->len, ==, 2);
  assert_record (empty_last, 1, 2, "c", "", NULL);
  g_assert_cmpuint (quoted_last->len, ==, 2);
  assert_record (quoted_last, 1, 2, "c\nd", "e", NULL);
  g_assert_cmpuint (single->len, ==, 1);
  assert_record (single, 0, 1, "x", NULL);
}

static void
test_blank_lines (void)
{
  g_autoptr(GPtrArray) records =
    read_records ("\n\nh\n\n\r\nx,1\n\"\"\n\r\r,\n \ny\n\n\n");

  /* Line 7 is "" (one empty field): blank. Line 10 is "," (two empty fields): a record.
   * Line 11 is a space: a record whose field is one space. */
  g_assert_cmpuint (records->len, ==, 5);
  assert_record (records, 0, 3, "h", NULL);
  assert_record (records, 1, 6, "x", "1", NULL);
  assert_record (records, 2, 10, "", "", NULL);
  assert_record (records, 3, 11, " ", NULL);
  assert_record (records, 4, 12, "y", NULL);
}

static void
test_whitespace_preserved (void)
{
  g_autoptr(GPtrArray) records =
    read_records (" a ,\tb\t,  ,\"  q  \", \t \n"
                  "  lead,trail  ,\" \",\"\t\"\n");

  g_assert_cmpuint (records->len, ==, 2);
  assert_record (records, 0, 1, " a ", "\tb\t", "  ", "  q  ", " \t ", NULL);
  assert_record (records, 1, 2, "  lead", "trail  ", " ", "\t", NULL);
}

static void
test_scripts (void)
{
  g_autoptr(GPtrArray) records =
    read_records ("name,city\n"
                  "王小明,北京\n"
                  "\"Ζωή Παπαδοπούλου\",Αθήνα\n"
                  "Jan Łukasiewicz,\"Łódź, Polska\"\n"
                  "محمد عبد الله,\"القاهرة\"\n"
                  "Đặng Thị Ngọc Thịnh,Hà Nội 🏠\n");

  g_assert_cmpuint (records->len, ==, 6);
  assert_record (records, 1, 2, "王小明", "北京", NULL);
  assert_record (records, 2, 3, "Ζωή Παπαδοπούλου", "Αθήνα", NULL);
  assert_record (records, 3, 4, "Jan Łukasiewicz", "Łódź, Polska", NULL);
  assert_record (records, 4, 5, "محمد عبد الله", "القاهرة", NULL);
  assert_record (records, 5, 6, "Đặng Thị Ngọc Thịnh", "Hà Nội 🏠", NULL);
}

static void
test_large_field (void)
{
  g_autoptr(GString) field = g_string_new (NULL);
  g_autoptr(GString) file = g_string_new ("id,notes\n1,\"");
  g_autoptr(GPtrArray) records = NULL;
  guint newlines = 0;

  for (guint i = 0; field->len < 200 * 1024; i++)
    {
      g_string_append_printf (field, "line %u, with \"quotes\" and 王小明", i);
      if (i % 10 == 9)
        {
          g_string_append_c (field, '\n');
          newlines++;
        }
    }
  for (const char *p = field->str; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (file, '"');
      g_string_append_c (file, *p);
    }
  g_string_append (file, "\"\n2,after\n");

  records = read_records (file->str);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpstr (((Record *) records->pdata[1])->fields[1], ==, field->str);
  assert_record (records, 2, 3 + newlines, "2", "after", NULL);
}

static void
test_limits (void)
{
  g_autoptr(GString) file = g_string_new ("h\n\"");
  g_autoptr(GString) unquoted = g_string_new ("h\nok,");
  g_autoptr(GString) many = g_string_new ("h\n");
  g_autoptr(GPtrArray) records = NULL;

  /* Exactly the limit is fine. */
  g_string_set_size (file, 3 + AR_CSV_MAX_FIELD_BYTES);
  memset (file->str + 3, 'a', AR_CSV_MAX_FIELD_BYTES);
  g_string_append (file, "\"\n");
  records = read_records (file->str);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpuint (strlen (((Record *) records->pdata[1])->fields[0]), ==, AR_CSV_MAX_FIELD_BYTES);

  /* One byte more is not, whether the field ends in this buffer or not. */
  g_string_insert_c (file, 3, 'b');
  assert_read_error (file->str, -1, AR_CSV_ERROR_SYNTAX,
                     "data.csv:2: field 1 is longer than 1 MiB");

  for (guint i = 0; i < 3 * AR_CSV_MAX_FIELD_BYTES; i++)
    g_string_append_c (unquoted, 'u');
  assert_read_error (unquoted->str, -1, AR_CSV_ERROR_SYNTAX,
                     "data.csv:2: field 2 is longer than 1 MiB");

  for (guint i = 0; i < AR_CSV_MAX_FIELDS; i++)
    g_string_append (many, i == 0 ? "f" : ",f");
  g_string_append (many, "\n");
  g_clear_pointer (&records, g_ptr_array_unref);
  records = read_records (many->str);
  g_assert_cmpuint (g_strv_length (((Record *) records->pdata[1])->fields), ==, AR_CSV_MAX_FIELDS);

  g_string_insert (many, 2, "f,");
  assert_read_error (many->str, -1, AR_CSV_ERROR_SYNTAX,
                     "data.csv:2: the record has more than 1000 fields");
}

static void
test_syntax_errors (void)
{
  assert_read_error ("h,i\nab\"c,d\n", -1, AR_CSV_ERROR_SYNTAX,
                     "data.csv:2: field 1 has a quote but does not start with one (a field "
                     "with quotes must be enclosed in quotes, each inner quote doubled)");
  assert_read_error ("h,i\r\nx, \"y\"\r\n", -1, AR_CSV_ERROR_SYNTAX,
                     "data.csv:2: field 2 has a quote but does not start with one (a field "
                     "with quotes must be enclosed in quotes, each inner quote doubled)");
  assert_read_error ("h,i\n1,2\n\"ab\"c,d\n", -1, AR_CSV_ERROR_SYNTAX,
                     "data.csv:3: field 1 has text after its closing quote (a quoted field "
                     "must be followed by a comma or the end of the line)");
  assert_read_error ("h,i\n\"ab\" ,d\n", -1, AR_CSV_ERROR_SYNTAX,
                     "data.csv:2: field 1 has text after its closing quote (a quoted field "
                     "must be followed by a comma or the end of the line)");
  /* In a record that spans lines, the line of the problem, and where the record starts. */
  assert_read_error ("h,i\nx,\"a\nb\nc\"d\n", -1, AR_CSV_ERROR_SYNTAX,
                     "data.csv:4: field 2 has text after its closing quote (a quoted field "
                     "must be followed by a comma or the end of the line) (in the record that "
                     "starts on line 2)");
  /* Unterminated: the line where the quoted field opens. */
  assert_read_error ("h,i\n1,2\nx,\"abc\ndef\n", -1, AR_CSV_ERROR_SYNTAX,
                     "data.csv:3: unterminated quoted field 2 (the closing quote is missing)");
  assert_read_error ("h,i\n\"a\nb\",\"c\nd,e\r\n", -1, AR_CSV_ERROR_SYNTAX,
                     "data.csv:3: unterminated quoted field 2 (the closing quote is missing) "
                     "(in the record that starts on line 2)");
  assert_read_error ("\"", -1, AR_CSV_ERROR_SYNTAX,
                     "data.csv:1: unterminated quoted field 1 (the closing quote is missing)");
}

static void
test_nul_byte (void)
{
  static const char with_nul[] = "h,i\na,b\0c\n";
  static const char quoted_nul[] = "h,i\n\"x\ny\",\"\0\"\n";
  static const char last_nul[] = "h,i\nq,\0";

  assert_read_error (with_nul, sizeof with_nul - 1, AR_CSV_ERROR_SYNTAX,
                     "data.csv:2: field 2 contains a NUL byte");
  assert_read_error (quoted_nul, sizeof quoted_nul - 1, AR_CSV_ERROR_SYNTAX,
                     "data.csv:3: field 2 contains a NUL byte (in the record that starts on "
                     "line 2)");
  assert_read_error (last_nul, sizeof last_nul - 1, AR_CSV_ERROR_SYNTAX,
                     "data.csv:2: field 2 contains a NUL byte");
}

static const char * const header_names[] = { "name", "amount", "due_date", "note" };
static const gboolean header_required[] = { TRUE, TRUE, TRUE, FALSE };

static gboolean
read_header (const char  *contents,
             int         *columns,
             GPtrArray   *extra,
             GError     **error)
{
  g_autofree char *path = write_file ("invoices.csv", contents, -1);
  g_autoptr(ArCsvReader) reader = ar_csv_reader_new_for_path (path, error);
  gboolean ok;

  g_assert_nonnull (reader);
  ok = ar_csv_reader_read_header (reader, header_names, header_required,
                                  G_N_ELEMENTS (header_names), columns, extra, error);
  if (ok)
    {
      g_autoptr(GError) local_error = NULL;

      /* The reader continues with the first data row. */
      g_assert_cmpuint (ar_csv_reader_get_line (reader), ==, 1);
      g_assert_true (ar_csv_reader_next (reader, &local_error));
      g_assert_no_error (local_error);
      g_assert_cmpuint (ar_csv_reader_get_line (reader), ==, 2);
    }
  g_remove (path);
  return ok;
}

static void
test_header_mapping (void)
{
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int columns[4];

  g_assert_true (read_header ("\xEF\xBB\xBF Amount ,NAME,\tColour\t,Due_Date,,王\r\n"
                              "1,2,3,4,5,6\r\n",
                              columns, extra, &error));
  g_assert_no_error (error);
  g_assert_cmpint (columns[0], ==, 1);
  g_assert_cmpint (columns[1], ==, 0);
  g_assert_cmpint (columns[2], ==, 3);
  g_assert_cmpint (columns[3], ==, -1);
  g_assert_cmpuint (extra->len, ==, 3);
  g_assert_cmpstr (extra->pdata[0], ==, "Colour");
  g_assert_cmpstr (extra->pdata[1], ==, "");
  g_assert_cmpstr (extra->pdata[2], ==, "王");

  g_ptr_array_set_size (extra, 0);
  g_assert_true (read_header ("note,due_date,amount,name\nx\n", columns, extra, &error));
  g_assert_no_error (error);
  g_assert_cmpint (columns[0], ==, 3);
  g_assert_cmpint (columns[1], ==, 2);
  g_assert_cmpint (columns[2], ==, 1);
  g_assert_cmpint (columns[3], ==, 0);
  g_assert_cmpuint (extra->len, ==, 0);

  /* extra_out is optional. */
  g_assert_true (read_header ("name,amount,due_date,other\nx\n", columns, NULL, &error));
  g_assert_no_error (error);
}

static void
test_header_errors (void)
{
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  int columns[4];
  struct {
    const char *contents;
    const char *message;
  } cases[] = {
    { "name,note\n", "invoices.csv:1: missing required column(s): amount, due_date" },
    { "other\n", "invoices.csv:1: missing required column(s): name, amount, due_date" },
    { "name,amount,due_date, Amount \n", "invoices.csv:1: column “Amount” appears twice" },
    { "x,name,amount,due_date,X\n", "invoices.csv:1: column “X” appears twice" },
    { "", "invoices.csv: the file is empty; expected a header row" },
    { "\n\r\n\r", "invoices.csv: the file is empty; expected a header row" },
    { "\xEF\xBB\xBF", "invoices.csv: the file is empty; expected a header row" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (read_header (cases[i].contents, columns, extra, &error));
      g_assert_error (error, AR_CSV_ERROR, AR_CSV_ERROR_HEADER);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpuint (extra->len, ==, 0);
    }

  {
    g_autoptr(GError) error = NULL;

    /* A syntax error in the header row is reported as such. */
    g_assert_false (read_header ("na\"me\n", columns, extra, &error));
    g_assert_error (error, AR_CSV_ERROR, AR_CSV_ERROR_SYNTAX);
  }
}

static void
test_writer (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char * const plain[] = { "a", "", "1.00", "王小明", "x y" };
  const char * const nasty[] = { "a,b", "say \"hi\"", "l1\nl2", "cr\r", " lead", "trail ",
                                 "\ttab", "tab\t", " ", "\"", NULL };

  ar_csv_append_record (out, plain, G_N_ELEMENTS (plain));
  g_assert_cmpstr (out->str, ==, "a,,1.00,王小明,x y\r\n");

  g_string_truncate (out, 0);
  ar_csv_append_record (out, nasty, G_N_ELEMENTS (nasty));
  g_assert_cmpstr (out->str, ==,
                   "\"a,b\",\"say \"\"hi\"\"\",\"l1\nl2\",\"cr\r\",\" lead\",\"trail \","
                   "\"\ttab\",\"tab\t\",\" \",\"\"\"\",\r\n");

  g_string_truncate (out, 0);
  ar_csv_append_record (out, NULL, 0);
  g_assert_cmpstr (out->str, ==, "\r\n");
}

/* The line the next byte after @text is on: LF, CRLF and lone CR each end a line. */
static guint
count_lines (const char *text)
{
  guint line = 1;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
      line++;
  return line;
}

static void
test_round_trip (void)
{
  const char * const nasty[] = {
    "", " ", "   ", "\t", " \t ", "\"", "\"\"", "\"\"\"", ",", ",,", "a\r\nb", "\r", "\n",
    "\r\n", "\n\n", " lead", "trail ", "in\"side", "\"quoted\"", "=1+2", "王小明, Ζωή",
    "Łukasiewicz\r\n\"x\"", "مرحبا ", "\xEF\xBB\xBF", "plain",
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) records = NULL;
  guint expected_lines[G_N_ELEMENTS (nasty)];

  /* One record of everything, then each value alone after its index. */
  ar_csv_append_record (out, nasty, G_N_ELEMENTS (nasty));
  for (guint i = 0; i < G_N_ELEMENTS (nasty); i++)
    {
      g_autofree char *idx = g_strdup_printf ("%u", i);
      const char *fields[] = { idx, nasty[i] };

      expected_lines[i] = count_lines (out->str);
      ar_csv_append_record (out, fields, G_N_ELEMENTS (fields));
    }

  records = read_records (out->str);
  g_assert_cmpuint (records->len, ==, G_N_ELEMENTS (nasty) + 1);
  {
    Record *all = records->pdata[0];

    g_assert_cmpuint (g_strv_length (all->fields), ==, G_N_ELEMENTS (nasty));
    for (guint i = 0; i < G_N_ELEMENTS (nasty); i++)
      g_assert_cmpstr (all->fields[i], ==, nasty[i]);
  }
  for (guint i = 0; i < G_N_ELEMENTS (nasty); i++)
    {
      Record *record = records->pdata[i + 1];

      g_assert_cmpuint (record->line, ==, expected_lines[i]);
      g_assert_cmpuint (g_strv_length (record->fields), ==, 2);
      g_assert_cmpstr (record->fields[1], ==, nasty[i]);
    }
}

static void
test_offset (void)
{
  const char *contents = "\xEF\xBB\xBFh\r\nabc,def\r\n\"x\ny\"\r\nlast";
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (contents, -1, NULL);
  g_autoptr(ArCsvReader) reader = ar_csv_reader_new_for_stream (stream, "memory.csv");
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (ar_csv_reader_get_offset (reader), ==, 0);
  g_assert_cmpuint (ar_csv_reader_get_n_fields (reader), ==, 0);
  g_assert_cmpstr (ar_csv_reader_get_field (reader, 0), ==, "");
  g_assert_cmpstr (ar_csv_reader_get_display_name (reader), ==, "memory.csv");

  g_assert_true (ar_csv_reader_next (reader, &error));
  g_assert_cmpuint (ar_csv_reader_get_offset (reader), ==, 3 + strlen ("h\r"));
  g_assert_true (ar_csv_reader_next (reader, &error));
  g_assert_cmpuint (ar_csv_reader_get_offset (reader), ==, 3 + strlen ("h\r\nabc,def\r"));
  g_assert_true (ar_csv_reader_next (reader, &error));
  g_assert_cmpuint (ar_csv_reader_get_line (reader), ==, 3);
  g_assert_true (ar_csv_reader_next (reader, &error));
  g_assert_cmpuint (ar_csv_reader_get_line (reader), ==, 5);
  g_assert_cmpstr (ar_csv_reader_get_field (reader, 0), ==, "last");
  g_assert_cmpuint (ar_csv_reader_get_offset (reader), ==, strlen (contents));
  g_assert_false (ar_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ar_csv_reader_get_n_fields (reader), ==, 0);
}

static void
test_open_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "missing.csv", NULL);
  ArCsvReader *reader = ar_csv_reader_new_for_path (path, &error);

  g_assert_null (reader);
  g_assert_error (error, AR_CSV_ERROR, AR_CSV_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "missing.csv: "));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("test-csv-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/csv/read/quoting", test_quoting);
  g_test_add_func ("/csv/read/embedded-line-breaks", test_embedded_line_breaks);
  g_test_add_func ("/csv/read/line-ends", test_line_ends);
  g_test_add_func ("/csv/read/chunk-boundaries", test_chunk_boundaries);
  g_test_add_func ("/csv/read/bom", test_bom);
  g_test_add_func ("/csv/read/no-trailing-newline", test_no_trailing_newline);
  g_test_add_func ("/csv/read/blank-lines", test_blank_lines);
  g_test_add_func ("/csv/read/whitespace-preserved", test_whitespace_preserved);
  g_test_add_func ("/csv/read/scripts", test_scripts);
  g_test_add_func ("/csv/read/large-field", test_large_field);
  g_test_add_func ("/csv/read/limits", test_limits);
  g_test_add_func ("/csv/read/syntax-errors", test_syntax_errors);
  g_test_add_func ("/csv/read/nul-byte", test_nul_byte);
  g_test_add_func ("/csv/read/offset", test_offset);
  g_test_add_func ("/csv/read/open-error", test_open_error);
  g_test_add_func ("/csv/header/mapping", test_header_mapping);
  g_test_add_func ("/csv/header/errors", test_header_errors);
  g_test_add_func ("/csv/write/quoting", test_writer);
  g_test_add_func ("/csv/write/round-trip", test_round_trip);

  ret = g_test_run ();

  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
