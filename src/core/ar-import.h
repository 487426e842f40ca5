/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ar-ledger.h"

G_BEGIN_DECLS

/* Import of the interchange CSV format (debtors.csv, invoices.csv, payments.csv; see
 * README.md). Every row is validated; every problem is reported as "file:line: field: message"
 * (up to a cap); nothing is written unless every file is clean — the whole import is one
 * transaction. The files are streamed, never loaded whole. */

#define AR_IMPORT_ERROR (ar_import_error_quark ())

typedef enum
{
  AR_IMPORT_ERROR_INVALID,    /* the files have problems; see ArImportResult.errors */
  AR_IMPORT_ERROR_DUPLICATE,  /* a file was imported before */
  AR_IMPORT_ERROR_CANCELLED,
} ArImportError;

GQuark ar_import_error_quark (void);

typedef enum
{
  AR_IMPORT_DEBTORS,
  AR_IMPORT_INVOICES,
  AR_IMPORT_PAYMENTS,
  AR_N_IMPORT_KINDS
} ArImportKind;

/* Called now and then from the importing thread with the bytes read so far and in all. */
typedef void (*ArImportProgressFunc) (guint64  done,
                                      guint64  total,
                                      gpointer user_data);

typedef struct
{
  /* Any of the three may be NULL; they are read in this order. */
  const char          *paths[AR_N_IMPORT_KINDS];
  /* Optional: per file, Arrears column name → the header used in the file (for exports of
   * other programs whose columns are named differently). An empty header means the file has
   * no such column: its values are empty (refused for the columns every row needs, see
   * ar_import_column_needs_value()). */
  GHashTable          *column_maps[AR_N_IMPORT_KINDS];
  gboolean             dry_run;      /* validate and count, write nothing */
  guint                max_errors;   /* 0 = 100 */
  GCancellable        *cancellable;
  ArImportProgressFunc progress;
  gpointer             progress_data;
} ArImportOptions;

typedef struct
{
  guint      rows[AR_N_IMPORT_KINDS];  /* valid rows read (and imported, unless dry run) */
  guint      n_errors;                 /* all problems found, even past the cap */
  GPtrArray *errors;                   /* char *, "file:line: field: message", up to the cap */
  GPtrArray *warnings;                 /* char *, e.g. extra columns that were ignored */
} ArImportResult;

/* The column names of each file, for column-mapping user interfaces. */
const char * const *ar_import_columns          (ArImportKind      kind,
                                                const gboolean  **required);
const char          *ar_import_kind_file_name  (ArImportKind      kind);
/* What column @column (an index into ar_import_columns()) of @kind holds, translated
 * ("Debtor’s id"), for column-mapping user interfaces. */
const char          *ar_import_column_label    (ArImportKind      kind,
                                                guint             column);
/* TRUE when every row needs a value in @column, so "not in the file" can't be chosen. */
gboolean             ar_import_column_needs_value (ArImportKind   kind,
                                                guint             column);
/* Guesses which of the file's @header names holds each Arrears column of @kind: the same name
 * first, then the same once case, spaces and punctuation are ignored ("Debtor ID"), then names
 * other programs use ("Customer No", "Invoice #", "Total"). Each header name is used once.
 * Returns Arrears column name → header name; columns it can't place are left out. */
GHashTable          *ar_import_guess_columns   (ArImportKind        kind,
                                                const char * const *header);

/* The header and up to @max_rows records of the CSV file at @path, for a preview: *@out_header
 * a NULL-terminated array, *@out_rows a GPtrArray of NULL-terminated arrays (free with
 * g_ptr_array_unref). Reads only what it returns. */
gboolean             ar_import_read_head       (const char        *path,
                                                guint              max_rows,
                                                char            ***out_header,
                                                GPtrArray        **out_rows,
                                                GError           **error);

void      ar_import_result_init  (ArImportResult        *result);
void      ar_import_result_clear (ArImportResult        *result);

/* TRUE when everything was imported (or, with dry_run, would be). FALSE with
 * AR_IMPORT_ERROR_INVALID when the files have problems (listed in @result), or another error
 * when a file can't be read at all; in every FALSE case the ledger is unchanged. */
gboolean  ar_import_run          (ArLedger              *ledger,
                                  const ArImportOptions *options,
                                  ArImportResult        *result,
                                  GError               **error);

G_END_DECLS
