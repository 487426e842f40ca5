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

#include "ar-activity.h"
#include "ar-csv.h"
#include "ar-date.h"
#include "ar-export.h"
#include "ar-ledger-private.h"
#include "ar-plan.h"
#include "ar-plan-schedule.h"
#include "ar-promise.h"

/* The export: every file streamed row by row from prepared statements (or, for the states
 * that are derived as of a day, from one plan or one debtor's promises at a time) into
 * temporary files that are moved into place only when all of them are complete. */

#define FLUSH_BYTES (256 * 1024)
/* Rows between looks at the cancellable and calls of the progress function. */
#define REPORT_EVERY 1024

static const char * const file_names[AR_EXPORT_N_FILES] = {
  "debtors.csv", "invoices.csv", "payments.csv", "entries.csv", "contact_points.csv",
  "activities.csv", "plans.csv", "plan_invoices.csv", "plan_instalments.csv", "promises.csv",
  "holds.csv", "letters.csv", "letter_items.csv",
};

/* The interchange files: byte for byte what import reads (tests/cli checks the round trip). */
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

/* The rest of the book. Ids are the ledger's own row ids, so that rows refer to each other
 * (plan_instalments.plan_id, letter_items.letter_id, entries.reverses_id); debtors are named
 * by their customer number and invoices by their number, as in the interchange files. */
static const char * const entry_columns[] = {
  "id", "debtor_id", "kind", "date", "amount", "currency", "invoice_number", "reference",
  "memo", "reverses_id", "reversed_by_id",
};
static const char * const contact_point_columns[] = {
  "debtor_id", "type", "id", "label", "value", "address_line1", "address_line2", "city",
  "region", "postal_code", "country", "status", "source", "since",
};
static const char * const activity_columns[] = {
  "id", "debtor_id", "occurred_at", "kind", "direction", "outcome", "summary",
  "next_action_date", "document_name", "document_sha256",
};
static const char * const plan_columns[] = {
  "id", "debtor_id", "currency", "plan_date", "frequency", "first_due", "n_instalments",
  "principal", "down_payment", "apr", "interest", "setup_fee", "total", "fees_waived",
  "grace_days", "default_after", "note", "replaces_id", "replaced_by_id", "ended_on",
  "cancel_reason", "as_of", "state", "paid", "remaining", "missed", "completed_on",
  "defaulted_on",
};
static const char * const plan_invoice_columns[] = {
  "plan_id", "invoice_number", "amount", "currency",
};
static const char * const plan_instalment_columns[] = {
  "plan_id", "seq", "due_date", "amount", "currency", "as_of", "state", "paid", "paid_on",
};
static const char * const promise_columns[] = {
  "id", "debtor_id", "currency", "amount", "promised_date", "made_on", "channel", "note",
  "series_id", "series_index", "series_length", "cancelled_on", "cancel_reason", "as_of",
  "state", "paid", "until",
};
static const char * const hold_columns[] = {
  "id", "debtor_id", "invoice_number", "kind", "reason", "start_date", "end_date",
  "released_on", "release_reason",
};
static const char * const letter_columns[] = {
  "id", "debtor_id", "currency", "level", "letter_date", "deadline", "total_due", "hand_over",
  "document_name", "document_sha256",
};
static const char * const letter_item_columns[] = {
  "letter_id", "entry_id", "invoice_number", "level", "letter_date", "open", "currency",
  "fee_entry_id", "fee", "interest_entry_id", "interest", "compensation_entry_id",
  "compensation",
};

typedef struct
{
  const char * const *names;
  guint               n;
} Columns;

#define COLUMNS(a) { a, G_N_ELEMENTS (a) }

static const Columns file_columns[AR_EXPORT_N_FILES] = {
  COLUMNS (debtor_columns), COLUMNS (invoice_columns), COLUMNS (payment_columns),
  COLUMNS (entry_columns), COLUMNS (contact_point_columns), COLUMNS (activity_columns),
  COLUMNS (plan_columns), COLUMNS (plan_invoice_columns), COLUMNS (plan_instalment_columns),
  COLUMNS (promise_columns), COLUMNS (hold_columns), COLUMNS (letter_columns),
  COLUMNS (letter_item_columns),
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


/* The whole journal, reversals and what they reverse included. */
static const char entries_sql[] =
  "SELECT e.id, d.external_id, e.kind, e.date, e.amount, e.currency, i.number, e.reference,"
  " e.memo, e.reverses_id, (SELECT r.id FROM entries r WHERE r.reverses_id = e.id)"
  " FROM entries e JOIN debtors d ON d.id = e.debtor_id"
  " LEFT JOIN invoices i ON i.id = e.invoice_id"
  " ORDER BY e.id";

/* One statement per kind of contact point, each in id order: no sort over the three. */
static const char phones_sql[] =
  "SELECT d.external_id, 'phone', p.id, p.label, p.number, '', '', '', '', '', '',"
  " p.status, p.source, p.since"
  " FROM phones p JOIN debtors d ON d.id = p.debtor_id ORDER BY p.id";
static const char emails_sql[] =
  "SELECT d.external_id, 'email', m.id, m.label, m.address, '', '', '', '', '', '',"
  " m.status, m.source, m.since"
  " FROM emails m JOIN debtors d ON d.id = m.debtor_id ORDER BY m.id";
static const char addresses_sql[] =
  "SELECT d.external_id, 'address', a.id, a.label, '', a.line1, a.line2, a.city, a.region,"
  " a.postal_code, a.country, a.status, a.source, a.since"
  " FROM addresses a JOIN debtors d ON d.id = a.debtor_id ORDER BY a.id";

/* The contact log without the documents' bytes (their name and SHA-256 say which they were). */
static const char activities_sql[] =
  "SELECT a.id, d.external_id, a.occurred_at, a.kind, a.direction, a.outcome, a.summary,"
  " a.next_action_date, a.document_name, a.document_sha256"
  " FROM activities a JOIN debtors d ON d.id = a.debtor_id ORDER BY a.id";

static const char plan_ids_sql[] = "SELECT id FROM plans ORDER BY id";
static const char promise_debtors_sql[] =
  "SELECT DISTINCT debtor_id FROM promises ORDER BY debtor_id";

static const char holds_sql[] =
  "SELECT h.id, d.external_id, i.number, h.kind, h.reason, h.start_date, h.end_date,"
  " h.released_on, h.release_reason"
  " FROM dunning_holds h JOIN debtors d ON d.id = h.debtor_id"
  " LEFT JOIN invoices i ON i.id = h.invoice_id ORDER BY h.id";

static const char letters_sql[] =
  "SELECT l.id, d.external_id, l.currency, l.level, l.letter_date, l.deadline, l.total_due,"
  " l.hand_over, a.document_name, a.document_sha256"
  " FROM dunning_letters l JOIN debtors d ON d.id = l.debtor_id"
  " LEFT JOIN activities a ON a.id = l.activity_id ORDER BY l.id";

/* In the order the run wrote them (rowid), so no sort. The item's entry is an invoice or a
 * refund; a refund has no invoice number. */
static const char letter_items_sql[] =
  "SELECT di.letter_id, di.entry_id, i.number, di.level, di.letter_date, di.open, l.currency,"
  " di.fee_entry_id, f.amount, di.interest_entry_id, n.amount, di.compensation_entry_id,"
  " c.amount"
  " FROM dunning_items di JOIN dunning_letters l ON l.id = di.letter_id"
  " JOIN entries e ON e.id = di.entry_id"
  " LEFT JOIN invoices i ON i.id = e.invoice_id"
  " LEFT JOIN entries f ON f.id = di.fee_entry_id"
  " LEFT JOIN entries n ON n.id = di.interest_entry_id"
  " LEFT JOIN entries c ON c.id = di.compensation_entry_id"
  " ORDER BY di.rowid";

typedef struct
{
  char    *final_path;
  char    *tmp_path;
  FILE    *fp;
  GString *buf;
  gboolean renamed;
} OutFile;

typedef struct
{
  ArLedger             *ledger;
  OutFile               files[AR_EXPORT_N_FILES];
  ArExportCounts        counts;
  guint32               as_of;
  ArExportProgressFunc  progress;
  gpointer              user_data;
  GCancellable         *cancellable;
  guint64               rows_done;
} Export;

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

static gboolean
unknown_currency (const char  *currency,
                  GError     **error)
{
  g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
               _("The ledger holds an amount in an unknown currency “%s”"), currency);
  return FALSE;
}

/* Appends one record to @file, counts it, and now and then flushes, reports progress and
 * looks at the cancellable. */
static gboolean
emit_record (Export              *ex,
             ArExportFile         file,
             const char * const  *fields,
             GError             **error)
{
  OutFile *out = &ex->files[file];

  ar_csv_append_record (out->buf, fields, file_columns[file].n);
  ex->counts.rows[file]++;
  if (out->buf->len >= FLUSH_BYTES && !out_file_flush (out, error))
    return FALSE;
  if (++ex->rows_done % REPORT_EVERY == 0)
    {
      if (g_cancellable_set_error_if_cancelled (ex->cancellable, error))
        return FALSE;
      if (ex->progress != NULL)
        ex->progress (file, ex->rows_done, ex->user_data);
    }
  return TRUE;
}

/* Runs @sql and writes one record per row: text columns as they are, except the columns in
 * the bit mask @amount_columns (minor units, formatted with the currency in
 * @currency_column). */
static gboolean
write_query (Export        *ex,
             ArExportFile   file,
             const char    *sql,
             guint32        amount_columns,
             int            currency_column,
             GError       **error)
{
  const char *fields[32];
  char *amounts[32] = { NULL };
  guint n_columns = file_columns[file].n;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_assert (n_columns <= G_N_ELEMENTS (fields));

  stmt = _ar_ledger_prepare (ex->ledger, sql, error);
  if (stmt == NULL)
    return FALSE;

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < n_columns; i++)
        {
          fields[i] = column_text (stmt, i);
          if ((amount_columns & (1u << i)) == 0 || sqlite3_column_type (stmt, i) == SQLITE_NULL)
            continue;
          amounts[i] = ar_money_format_plain (sqlite3_column_int64 (stmt, i),
                                              column_text (stmt, currency_column));
          if (amounts[i] == NULL)
            {
              ok = unknown_currency (column_text (stmt, currency_column), error);
              break;
            }
          fields[i] = amounts[i];
        }
      ok = ok && emit_record (ex, file, fields, error);
      for (guint i = 0; i < n_columns; i++)
        g_clear_pointer (&amounts[i], g_free);
    }
  sqlite3_reset (stmt);
  if (ok && rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ex->ledger, _("Could not read the ledger"), error);
  return ok;
}

#define BIT(n) (1u << (n))

static char *
format_day (guint32 julian)
{
  char buf[11];

  return julian != 0 ? g_strdup (ar_date_format_julian (julian, buf)) : g_strdup ("");
}

static char *
format_id (gint64 id)
{
  return id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("");
}

/* Basis points as a percentage with two decimals ("12.50"), in integers. */
static char *
format_bp (guint32 bp)
{
  return g_strdup_printf ("%u.%02u", bp / 100, bp % 100);
}

/* A record whose fields are made one by one: each is owned by the record. */
typedef struct
{
  char  *fields[32];
  guint  n;
} Record;

static void
record_add (Record *r,
            char   *owned)
{
  g_assert (r->n < G_N_ELEMENTS (r->fields));
  r->fields[r->n++] = owned;
}

static void
record_clear (Record *r)
{
  for (guint i = 0; i < r->n; i++)
    g_free (r->fields[i]);
  r->n = 0;
}

static gboolean
record_add_money (Record      *r,
                  gint64       minor,
                  const char  *currency,
                  GError     **error)
{
  char *text = ar_money_format_plain (minor, currency);

  if (text == NULL)
    return unknown_currency (currency, error);
  record_add (r, text);
  return TRUE;
}

static gboolean
record_emit (Export        *ex,
             ArExportFile   file,
             Record        *r,
             GError       **error)
{
  gboolean ok;

  g_assert (r->n == file_columns[file].n);
  ok = emit_record (ex, file, (const char * const *) r->fields, error);
  record_clear (r);
  return ok;
}

static gboolean
write_plan (Export        *ex,
            const ArPlan  *plan,
            GError       **error)
{
  const char *cur = plan->currency;
  Record r = { { NULL }, 0 };
  guint32 first_due = 0;

  /* Row 0 of the schedule is the down payment; the first instalment is row 1. */
  for (guint i = 0; i < plan->instalments->len && first_due == 0; i++)
    if (g_array_index (plan->instalments, ArPlanInstalment, i).seq == 1)
      first_due = g_array_index (plan->instalments, ArPlanInstalment, i).due;

  record_add (&r, format_id (plan->id));
  record_add (&r, g_strdup (plan->debtor_external_id));
  record_add (&r, g_strdup (cur));
  record_add (&r, format_day (plan->plan_date));
  record_add (&r, g_strdup (ar_plan_frequency_to_string (plan->frequency)));
  record_add (&r, format_day (first_due));
  record_add (&r, g_strdup_printf ("%u", plan->n_instalments));
  if (!record_add_money (&r, plan->principal, cur, error) ||
      !record_add_money (&r, plan->down_payment, cur, error))
    goto fail;
  record_add (&r, format_bp (plan->apr_bp));
  if (!record_add_money (&r, plan->interest, cur, error) ||
      !record_add_money (&r, plan->setup_fee, cur, error) ||
      !record_add_money (&r, plan->total, cur, error))
    goto fail;
  record_add (&r, g_strdup (plan->fees_waived ? "1" : "0"));
  record_add (&r, g_strdup_printf ("%u", plan->grace_days));
  record_add (&r, g_strdup_printf ("%u", plan->default_after));
  record_add (&r, g_strdup (plan->note != NULL ? plan->note : ""));
  record_add (&r, format_id (plan->replaces_id));
  record_add (&r, format_id (plan->replaced_by_id));
  record_add (&r, format_day (plan->ended_on));
  record_add (&r, g_strdup (plan->cancel_reason != NULL ? plan->cancel_reason : ""));
  record_add (&r, format_day (plan->as_of));
  record_add (&r, g_strdup (ar_plan_state_to_string (plan->state)));
  if (!record_add_money (&r, plan->paid, cur, error) ||
      !record_add_money (&r, plan->remaining, cur, error))
    goto fail;
  record_add (&r, g_strdup_printf ("%u", plan->n_missed));
  record_add (&r, format_day (plan->completed_on));
  record_add (&r, format_day (plan->defaulted_on));
  if (!record_emit (ex, AR_EXPORT_PLANS, &r, error))
    return FALSE;

  for (guint i = 0; i < plan->invoices->len; i++)
    {
      const ArPlanInvoice *inv = &g_array_index (plan->invoices, ArPlanInvoice, i);

      record_add (&r, format_id (plan->id));
      record_add (&r, g_strdup (inv->number));
      if (!record_add_money (&r, inv->amount, cur, error))
        goto fail;
      record_add (&r, g_strdup (cur));
      if (!record_emit (ex, AR_EXPORT_PLAN_INVOICES, &r, error))
        return FALSE;
    }

  for (guint i = 0; i < plan->instalments->len; i++)
    {
      const ArPlanInstalment *row = &g_array_index (plan->instalments, ArPlanInstalment, i);

      record_add (&r, format_id (plan->id));
      record_add (&r, g_strdup_printf ("%u", row->seq));
      record_add (&r, format_day (row->due));
      if (!record_add_money (&r, row->amount, cur, error))
        goto fail;
      record_add (&r, g_strdup (cur));
      record_add (&r, format_day (plan->as_of));
      record_add (&r, g_strdup (ar_instalment_state_to_string (row->state)));
      if (!record_add_money (&r, row->paid, cur, error))
        goto fail;
      record_add (&r, format_day (row->paid_on));
      if (!record_emit (ex, AR_EXPORT_PLAN_INSTALMENTS, &r, error))
        return FALSE;
    }
  return TRUE;

fail:
  record_clear (&r);
  return FALSE;
}

/* One plan at a time, tracked as of the export's day by the plans module itself. */
static gboolean
write_plans (Export  *ex,
             GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ex->ledger, plan_ids_sql, error);
  gboolean ok = TRUE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ArPlan) plan = ar_ledger_get_plan (ex->ledger, sqlite3_column_int64 (stmt, 0),
                                                   ex->as_of, error);

      ok = plan != NULL && write_plan (ex, plan, error);
    }
  sqlite3_reset (stmt);
  if (ok && rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ex->ledger, _("Could not read the ledger"), error);
  return ok;
}

typedef struct
{
  Export  *ex;
  GError  *error;
} PromiseWrite;

static gboolean
write_promise (const ArPromise *p,
               gpointer         user_data)
{
  PromiseWrite *pw = user_data;
  Record r = { { NULL }, 0 };

  record_add (&r, format_id (p->id));
  record_add (&r, g_strdup (p->debtor_external_id));
  record_add (&r, g_strdup (p->currency));
  if (!record_add_money (&r, p->amount, p->currency, &pw->error))
    goto fail;
  record_add (&r, format_day (p->date));
  record_add (&r, format_day (p->made_on));
  record_add (&r, g_strdup (ar_activity_kind_to_string (p->channel)));
  record_add (&r, g_strdup (p->note != NULL ? p->note : ""));
  record_add (&r, format_id (p->series_id));
  record_add (&r, g_strdup_printf ("%u", p->series_index));
  record_add (&r, g_strdup_printf ("%u", p->series_length));
  record_add (&r, format_day (p->cancelled_on));
  record_add (&r, g_strdup (p->cancel_reason != NULL ? p->cancel_reason : ""));
  record_add (&r, format_day (pw->ex->as_of));
  record_add (&r, g_strdup (ar_promise_state_to_string (p->state)));
  if (!record_add_money (&r, p->paid, p->currency, &pw->error))
    goto fail;
  record_add (&r, format_day (p->until));
  return record_emit (pw->ex, AR_EXPORT_PROMISES, &r, &pw->error);

fail:
  record_clear (&r);
  return FALSE;
}

/* One debtor's promises at a time (a series is tracked whole), debtors in id order. */
static gboolean
write_promises (Export  *ex,
                GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ex->ledger, promise_debtors_sql, error);
  PromiseWrite pw = { ex, NULL };
  gboolean ok = TRUE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ok = ar_ledger_list_promises (ex->ledger, sqlite3_column_int64 (stmt, 0), ex->as_of,
                                    write_promise, &pw, error);
      if (pw.error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&pw.error));
          ok = FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (ok && rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ex->ledger, _("Could not read the ledger"), error);
  return ok;
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
write_all (Export  *ex,
           GError **error)
{
  for (guint k = 0; k < AR_EXPORT_N_FILES; k++)
    ar_csv_append_record (ex->files[k].buf, file_columns[k].names, file_columns[k].n);

  if (!write_query (ex, AR_EXPORT_DEBTORS, debtors_sql, 0, -1, error) ||
      !write_query (ex, AR_EXPORT_INVOICES, invoices_sql, BIT (4), 5, error) ||
      !write_query (ex, AR_EXPORT_PAYMENTS, payments_sql, BIT (2), 3, error) ||
      !write_query (ex, AR_EXPORT_ENTRIES, entries_sql, BIT (4), 5, error) ||
      !write_query (ex, AR_EXPORT_CONTACT_POINTS, phones_sql, 0, -1, error) ||
      !write_query (ex, AR_EXPORT_CONTACT_POINTS, emails_sql, 0, -1, error) ||
      !write_query (ex, AR_EXPORT_CONTACT_POINTS, addresses_sql, 0, -1, error) ||
      !write_query (ex, AR_EXPORT_ACTIVITIES, activities_sql, 0, -1, error) ||
      !write_plans (ex, error) ||
      !write_promises (ex, error) ||
      !write_query (ex, AR_EXPORT_HOLDS, holds_sql, 0, -1, error) ||
      !write_query (ex, AR_EXPORT_LETTERS, letters_sql, BIT (6), 2, error) ||
      !write_query (ex, AR_EXPORT_LETTER_ITEMS, letter_items_sql,
                    BIT (5) | BIT (8) | BIT (10) | BIT (12), 6, error) ||
      !count_skipped (ex->ledger, &ex->counts.skipped, error))
    return FALSE;

  for (guint k = 0; k < AR_EXPORT_N_FILES; k++)
    if (!out_file_finish (&ex->files[k], error))
      return FALSE;
  return TRUE;
}

const char *
ar_export_file_name (ArExportFile file)
{
  g_return_val_if_fail (file < AR_EXPORT_N_FILES, NULL);
  return file_names[file];
}

gboolean
ar_export_run_full (ArLedger              *ledger,
                    const char            *dir,
                    guint32                as_of,
                    ArExportCounts        *counts,
                    ArExportProgressFunc   progress,
                    gpointer               user_data,
                    GCancellable          *cancellable,
                    GError               **error)
{
  Export ex = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (as_of == 0 || g_date_valid_julian (as_of), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (as_of == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
      as_of = ar_date_to_julian (&date);
    }
  ex.ledger = ledger;
  ex.as_of = as_of;
  ex.progress = progress;
  ex.user_data = user_data;
  ex.cancellable = cancellable;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }

  /* Refuse before writing anything. */
  for (guint k = 0; k < AR_EXPORT_N_FILES; k++)
    {
      g_autofree char *path = g_build_filename (dir, file_names[k], NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
        return refuse_existing (path, error);
    }

  for (guint k = 0; k < AR_EXPORT_N_FILES; k++)
    if (!out_file_open (&ex.files[k], dir, file_names[k], error))
      goto out;

  /* One read transaction, so that the files are one consistent snapshot. A savepoint works
   * both on its own and inside a caller's transaction. */
  if (!_ar_ledger_exec (ledger, "SAVEPOINT ar_export", error))
    goto out;
  ok = write_all (&ex, error);
  _ar_ledger_exec (ledger, "RELEASE ar_export", NULL);
  if (!ok)
    goto out;

  /* The last look: once the files start moving into place, the export finishes. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      ok = FALSE;
      goto out;
    }
  for (guint k = 0; ok && k < AR_EXPORT_N_FILES; k++)
    ok = out_file_commit (&ex.files[k], error);

  /* All or none: take back the files already moved into place. */
  if (!ok)
    for (guint k = 0; k < AR_EXPORT_N_FILES; k++)
      if (ex.files[k].renamed)
        g_unlink (ex.files[k].final_path);

out:
  for (guint k = 0; k < AR_EXPORT_N_FILES; k++)
    out_file_clear (&ex.files[k]);
  if (ok && counts != NULL)
    *counts = ex.counts;
  return ok;
}

gboolean
ar_export_run (ArLedger    *ledger,
               const char  *dir,
               guint       *out_skipped,
               GError     **error)
{
  ArExportCounts counts;

  if (!ar_export_run_full (ledger, dir, 0, &counts, NULL, NULL, NULL, error))
    return FALSE;
  if (out_skipped != NULL)
    *out_skipped = counts.skipped;
  return TRUE;
}
