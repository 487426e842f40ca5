/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* RFC 4180 CSV, streamed record by record over libcsv, with the physical line each record
 * starts on (for "file:line: field: message" errors). Never loads the whole file. */

#define AR_CSV_ERROR (ar_csv_error_quark ())

typedef enum
{
  AR_CSV_ERROR_IO,        /* the file can't be opened or read */
  AR_CSV_ERROR_SYNTAX,    /* malformed quoting, unterminated quoted field, NUL byte */
  AR_CSV_ERROR_HEADER,    /* empty file, missing required column, duplicate column */
} ArCsvError;

GQuark       ar_csv_error_quark          (void);

/* Limits that protect memory; a record beyond them is an AR_CSV_ERROR_SYNTAX error. */
#define AR_CSV_MAX_FIELD_BYTES (1024 * 1024)
#define AR_CSV_MAX_FIELDS      1000

typedef struct _ArCsvReader ArCsvReader;

/* A leading UTF-8 BOM is skipped. @display_name is what errors call the file (the basename
 * of @path for _new_for_path). */
ArCsvReader *ar_csv_reader_new_for_path  (const char    *path,
                                          GError       **error);
ArCsvReader *ar_csv_reader_new_for_stream (GInputStream *stream,
                                          const char    *display_name);
void         ar_csv_reader_free          (ArCsvReader   *reader);
const char  *ar_csv_reader_get_display_name (ArCsvReader *reader);

/* Advances to the next record. TRUE: a record is available. FALSE with *error unset: end of
 * file. FALSE with *error set: a syntax or I/O error ("debtors.csv:12: unterminated quoted
 * field"); the reader can't continue after that. Blank lines (a record of one empty field)
 * are skipped. Fields stay valid until the next call. Fields are byte-exact: no trimming of
 * spaces, quotes removed only as RFC 4180 says, embedded line breaks kept as they were. */
gboolean     ar_csv_reader_next          (ArCsvReader   *reader,
                                          GError       **error);
guint        ar_csv_reader_get_n_fields  (ArCsvReader   *reader);
/* NUL-terminated field @i, or "" when the record has fewer fields. */
const char  *ar_csv_reader_get_field     (ArCsvReader   *reader,
                                          guint          i);
/* 1-based physical line on which the current record starts (the header is line 1). */
guint        ar_csv_reader_get_line      (ArCsvReader   *reader);
/* Bytes consumed so far, for progress reporting. */
guint64      ar_csv_reader_get_offset    (ArCsvReader   *reader);

/* Reads the header row and maps columns by name (ASCII case-insensitive, surrounding spaces
 * ignored, any order). @names has @n_names entries; @required says which must be present.
 * On success @index_out[i] is the field index of @names[i], or -1 if an optional column is
 * absent, and @extra_out (if not NULL) receives the names of columns that are not in @names,
 * to be reported and ignored (newly allocated strings: give @extra_out g_free as its free
 * function). Header names are trimmed of spaces and tabs. A missing required column is an
 * AR_CSV_ERROR_HEADER error naming every missing column:
 * "invoices.csv:1: missing required column(s): due_date, amount". A column name that appears
 * twice is an AR_CSV_ERROR_HEADER error too; unnamed columns are extra, never duplicates. */
gboolean     ar_csv_reader_read_header   (ArCsvReader        *reader,
                                          const char * const *names,
                                          const gboolean     *required,
                                          guint               n_names,
                                          int                *index_out,
                                          GPtrArray          *extra_out,
                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArCsvReader, ar_csv_reader_free)

/* Appends one RFC 4180 record to @out, terminated by CRLF. A field is quoted when it contains
 * a comma, a double quote, CR or LF, or starts or ends with a space or tab; quotes are doubled. */
void         ar_csv_append_record        (GString            *out,
                                          const char * const *fields,
                                          guint               n_fields);

G_END_DECLS
