/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-export"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ar-csv.h"
#include "ar-export.h"
#include "ar-ledger-private.h"

/* The interchange CSV files, streamed row by row from SQL into temporary files that are
 * renamed into place only when all three are complete. */

#define FLUSH_BYTES (256 * 1024)

enum
{
  FILE_DEBTORS,
  FILE_INVOICES,
  FILE_PAYMENTS,
  N_FILES
};

static const char * const file_names[N_FILES] = {
  "debtors.csv", "invoices.csv", "payments.csv",
};

static const char * const debtor_columns[] = {
  "id", "name", "email", "phone", "address_line1", "address_line2", "city", "region",
  "postal_code", "country", "kind", "language", "time_zone", "company", "contact",
};
static const char * const invoice_columns[] = {
  "debtor_id", "invoice_number", "issue_date", "due_date", "amount", "currency", "description",
};
static const char * const payment_columns[] = {
  "debtor_id", "date", "amount", "currency", "reference", "invoice_number",
};

/* The first email, phone and address of each debtor (by id). The address supplies region
 * and country when it has them, else the debtor's own. */
static const char debtors_sql[] =
  "SELECT d.external_id, d.name,"
  " (SELECT address FROM emails WHERE debtor_id = d.id ORDER BY id LIMIT 1),"
  " (SELECT number FROM phones WHERE debtor_id = d.id ORDER BY id LIMIT 1),"
  " a.line1, a.line2, a.city,"
  " CASE WHEN coalesce (a.region, '') <> '' THEN a.region ELSE d.region END,"
  " a.postal_code,"
  " CASE WHEN coalesce (a.country, '') <> '' THEN a.country ELSE d.country END,"
  " d.kind, d.language, d.time_zone, d.company, d.contact_person"
  " FROM debtors d"
  " LEFT JOIN addresses a ON a.id = (SELECT min (id) FROM addresses WHERE debtor_id = d.id)"
  " ORDER BY d.id";

/* Invoices whose invoice entry has not been reversed. */
static const char invoices_sql[] =
  "SELECT d.external_id, i.number, i.issue_date, i.due_date, i.amount, i.currency,"
  " i.description"
  " FROM invoices i JOIN debtors d ON d.id = i.debtor_id"
  " WHERE NOT EXISTS (SELECT 1 FROM entries e JOIN entries r ON r.reverses_id = e.id"
  "                   WHERE e.invoice_id = i.id AND e.kind = 'invoice')"
  " ORDER BY i.id";

/* Payments that have not been reversed. A payment naming a reversed invoice names nothing in
 * the files: the allocation treats it the same way (its invoice has no items left). */
static const char payments_sql[] =
  "SELECT d.external_id, e.date, e.amount, e.currency, e.reference,"
  " CASE WHEN i.id IS NULL OR EXISTS (SELECT 1 FROM entries ie JOIN entries r"
  "                                   ON r.reverses_id = ie.id"
  "                                   WHERE ie.invoice_id = i.id AND ie.kind = 'invoice')"
  "      THEN '' ELSE i.number END"
  " FROM entries e JOIN debtors d ON d.id = e.debtor_id"
  " LEFT JOIN invoices i ON i.id = e.invoice_id"
  " WHERE e.kind = 'payment'"
  " AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id)"
  " ORDER BY e.id";

/* Entries the format has no place for; reversed ones cancel out and are not counted. */
static const char skipped_sql[] =
  "SELECT count (*) FROM entries e"
  " WHERE e.kind IN ('credit_note', 'refund', 'fee', 'interest', 'write_off')"
  " AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id)";

typedef struct
{
  char    *final_path;
  char    *tmp_path;
  FILE    *fp;
  GString *buf;
  gboolean renamed;
} OutFile;

static void
out_file_clear (OutFile *out)
{
  if (out->fp != NULL)
    fclose (out->fp);
  if (out->tmp_path != NULL)
    g_unlink (out->tmp_path);
  g_clear_pointer (&out->final_path, g_free);
  g_clear_pointer (&out->tmp_path, g_free);
  if (out->buf != NULL)
    g_string_free (out->buf, TRUE);
  memset (out, 0, sizeof *out);
}

static gboolean
set_io_error (GError     **error,
              int          saved_errno,
              const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
refuse_existing (const char  *path,
                 GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("“%s” already exists; export into an empty folder or move the file away"),
               name);
  return FALSE;
}

static gboolean
out_file_open (OutFile     *out,
               const char  *dir,
               const char  *name,
               GError     **error)
{
  g_autofree char *template = g_strconcat (name, ".XXXXXX", NULL);
  int fd;

  out->final_path = g_build_filename (dir, name, NULL);
  out->tmp_path = g_build_filename (dir, template, NULL);
  out->buf = g_string_sized_new (FLUSH_BYTES + 4096);

  /* 0600: the files hold personal data, like the ledger itself. */
  fd = g_mkstemp_full (out->tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_clear_pointer (&out->tmp_path, g_free);
      return set_io_error (error, saved, out->final_path);
    }
  out->fp = fdopen (fd, "wb");
  if (out->fp == NULL)
    {
      int saved = errno;
      close (fd);
      return set_io_error (error, saved, out->final_path);
    }
  return TRUE;
}

static gboolean
out_file_flush (OutFile  *out,
                GError  **error)
{
  if (out->buf->len == 0)
    return TRUE;
  if (fwrite (out->buf->str, 1, out->buf->len, out->fp) != out->buf->len)
    return set_io_error (error, errno ? errno : EIO, out->final_path);
  g_string_truncate (out->buf, 0);
  return TRUE;
}

static gboolean
out_file_finish (OutFile  *out,
                 GError  **error)
{
  FILE *fp = out->fp;

  if (!out_file_flush (out, error))
    return FALSE;
  out->fp = NULL;
  if (fflush (fp) != 0 || fsync (fileno (fp)) != 0)
    {
      int saved = errno;
      fclose (fp);
      return set_io_error (error, saved, out->final_path);
    }
  if (fclose (fp) != 0)
    return set_io_error (error, errno, out->final_path);
  return TRUE;
}

/* Moves the complete file into place without replacing anything that appeared meanwhile:
 * link() refuses an existing name; where links are not supported, check, then rename. */
static gboolean
out_file_commit (OutFile  *out,
                 GError  **error)
{
  if (link (out->tmp_path, out->final_path) == 0)
    {
      g_unlink (out->tmp_path);
    }
  else if (errno == EEXIST)
    return refuse_existing (out->final_path, error);
  else if (g_file_test (out->final_path, G_FILE_TEST_EXISTS))
    return refuse_existing (out->final_path, error);
  else if (g_rename (out->tmp_path, out->final_path) != 0)
    return set_io_error (error, errno, out->final_path);

  g_clear_pointer (&out->tmp_path, g_free);
  out->renamed = TRUE;
  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/* Runs @sql and writes one record per row: text columns as they are, except @amount_column
 * (minor units, formatted with the currency in @currency_column); -1 for none. */
static gboolean
write_rows (ArLedger           *ledger,
            OutFile            *out,
            const char         *sql,
            const char * const *columns,
            guint               n_columns,
            int                 amount_column,
            int                 currency_column,
            GError            **error)
{
  const char *fields[32];
  sqlite3_stmt *stmt;
  int rc;

  g_assert (n_columns <= G_N_ELEMENTS (fields));

  ar_csv_append_record (out->buf, columns, n_columns);
  stmt = _ar_ledger_prepare (ledger, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *amount = NULL;

      for (guint i = 0; i < n_columns; i++)
        fields[i] = column_text (stmt, i);
      if (amount_column >= 0)
        {
          const char *currency = column_text (stmt, currency_column);

          amount = ar_money_format_plain (sqlite3_column_int64 (stmt, amount_column), currency);
          if (amount == NULL)
            {
              sqlite3_reset (stmt);
              g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("The ledger holds an amount in an unknown currency “%s”"),
                           currency);
              return FALSE;
            }
          fields[amount_column] = amount;
        }
      ar_csv_append_record (out->buf, fields, n_columns);
      if (out->buf->len >= FLUSH_BYTES && !out_file_flush (out, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the ledger"), error);
  return out_file_finish (out, error);
}

static gboolean
count_skipped (ArLedger  *ledger,
               guint     *out,
               GError   **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, skipped_sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _ar_ledger_set_sql_error (ledger, _("Could not read the ledger"), error);
    }
  *out = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
write_all (ArLedger  *ledger,
           OutFile   *files,
           guint     *out_skipped,
           GError   **error)
{
  guint skipped = 0;

  if (!write_rows (ledger, &files[FILE_DEBTORS], debtors_sql, debtor_columns,
                   G_N_ELEMENTS (debtor_columns), -1, -1, error) ||
      !write_rows (ledger, &files[FILE_INVOICES], invoices_sql, invoice_columns,
                   G_N_ELEMENTS (invoice_columns), 4, 5, error) ||
      !write_rows (ledger, &files[FILE_PAYMENTS], payments_sql, payment_columns,
                   G_N_ELEMENTS (payment_columns), 2, 3, error) ||
      !count_skipped (ledger, &skipped, error))
    return FALSE;
  if (out_skipped != NULL)
    *out_skipped = skipped;
  return TRUE;
}

gboolean
ar_export_run (ArLedger    *ledger,
               const char  *dir,
               guint       *out_skipped,
               GError     **error)
{
  OutFile files[N_FILES] = { { 0 } };
  gboolean ok = FALSE;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }

  /* Refuse before writing anything. */
  for (guint k = 0; k < N_FILES; k++)
    {
      g_autofree char *path = g_build_filename (dir, file_names[k], NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
        return refuse_existing (path, error);
    }

  for (guint k = 0; k < N_FILES; k++)
    if (!out_file_open (&files[k], dir, file_names[k], error))
      goto out;

  /* One read transaction, so that the three files are one consistent snapshot. A savepoint
   * works both on its own and inside a caller's transaction. */
  if (!_ar_ledger_exec (ledger, "SAVEPOINT ar_export", error))
    goto out;
  ok = write_all (ledger, files, out_skipped, error);
  _ar_ledger_exec (ledger, "RELEASE ar_export", NULL);
  if (!ok)
    goto out;

  for (guint k = 0; ok && k < N_FILES; k++)
    ok = out_file_commit (&files[k], error);

  /* All three or none: take back the files already moved into place. */
  if (!ok)
    for (guint k = 0; k < N_FILES; k++)
      if (files[k].renamed)
        g_unlink (files[k].final_path);

out:
  for (guint k = 0; k < N_FILES; k++)
    out_file_clear (&files[k]);
  return ok;
}
