/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-ledger-bulk"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ar-ledger-private.h"

/* Bulk writes for the importer: rows the caller has already validated, written with multi-row
 * INSERTs. Why: SQLite journals every page a statement touches (the statement journal that
 * triggers and foreign keys need), so a statement per row copies the same pages again and
 * again; a statement per 32 rows copies them once. The audit triggers still write one record
 * per row, and the rows land exactly as the public functions would write them — the public
 * functions remain the only path for single writes and for finding which row of a failed
 * batch is at fault.
 *
 * Each call runs in its own savepoint: it writes every row or none. The audit log gets one
 * record per table naming the range of rows the call added (the row-level audit triggers are
 * off meanwhile); the rows of invoices and entries can never change afterwards, and a later
 * change to a debtor or contact is audited with its old and new values. */

#define CHUNK 32

typedef ArBulkInsert BulkInsert;
typedef ArBindRow BindRow;

/* Bulk rows stay alive until their statement has run, so text is bound without a copy. */
static inline void
bind_static (sqlite3_stmt *stmt, int index, const char *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_STATIC);
}

static const char *
bulk_sql (BulkInsert *b, gboolean chunk)
{
  if (g_once_init_enter (&b->sql[chunk]))
    {
      GString *sql = g_string_new (NULL);
      guint rows = chunk ? CHUNK : 1;

      /* Only placeholders are generated here; every value is bound. */
      g_string_printf (sql, "INSERT INTO %s (%s) VALUES ", b->table, b->columns);
      for (guint r = 0; r < rows; r++)
        {
          g_string_append (sql, r ? ", (" : "(");
          for (guint c = 0; c < b->n_columns; c++)
            g_string_append (sql, c ? ", ?" : "?");
          g_string_append_c (sql, ')');
        }
      g_once_init_leave (&b->sql[chunk], g_string_free (sql, FALSE));
    }
  return b->sql[chunk];
}

/* Inserts @n rows of @size bytes each, CHUNK at a time. */
gboolean
_ar_ledger_insert_rows (ArLedger *self, ArBulkInsert *b, gconstpointer rows, gsize size, guint n,
                        ArBindRow bind, GError **error)
{
  const guint8 *row = rows;
  guint done = 0;

  while (done < n)
    {
      gboolean chunk = n - done >= CHUNK;
      guint k = chunk ? CHUNK : 1;
      sqlite3_stmt *stmt = _ar_ledger_prepare (self, bulk_sql (b, chunk), error);

      if (stmt == NULL)
        return FALSE;
      for (guint r = 0; r < k; r++)
        bind (stmt, 1 + r * b->n_columns, row + (done + r) * size);
      if (!_ar_ledger_step_done (self, stmt, _("Could not write to the ledger"), error))
        return FALSE;
      done += k;
    }
  return TRUE;
}

static gint64
next_id (ArLedger *self, const char *sql)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (self, sql, NULL);
  gint64 id = 1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0) + 1;
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return id;
}

/* Inserts rows whose table assigns their ids, and audits them as one range. @max_sql selects
 * the table's largest rowid. */
static gboolean
insert_audited (ArLedger *self, ArBulkInsert *b, const char *max_sql, gconstpointer rows,
                gsize size, guint n, ArBindRow bind, GError **error)
{
  gint64 first;

  if (n == 0)
    return TRUE;
  first = next_id (self, max_sql);
  return _ar_ledger_insert_rows (self, b, rows, size, n, bind, error) &&
         _ar_ledger_audit_range (self, b->table, first,
                                 sqlite3_last_insert_rowid (_ar_ledger_get_db (self)), error);
}

static guint32
today_julian (void)
{
  GDateTime *now = g_date_time_new_now_local ();
  int y, m, d;
  GDate date;

  g_date_time_get_ymd (now, &y, &m, &d);
  g_date_time_unref (now);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

/* Debtors ------------------------------------------------------------------------------------ */

static BulkInsert debtor_insert = {
  "debtors",
  "id, external_id, kind, name, company, contact_person, language, country, region, time_zone,"
  " status, cease_contact, tags, notes", 14, { NULL, NULL },
};
static BulkInsert address_insert = {
  "addresses",
  "debtor_id, label, line1, line2, city, region, postal_code, country, status, source, since",
  11, { NULL, NULL },
};
static BulkInsert phone_insert = {
  "phones", "debtor_id, label, number, status, source, since", 6, { NULL, NULL },
};
static BulkInsert email_insert = {
  "emails", "debtor_id, label, address, status, source, since", 6, { NULL, NULL },
};

static void
bind_debtor (sqlite3_stmt *stmt, int i, gconstpointer data)
{
  const ArBulkDebtor *d = data;

  sqlite3_bind_int64 (stmt, i, d->id);
  bind_static (stmt, i + 1, d->info.external_id);
  bind_static (stmt, i + 2, ar_debtor_kind_to_string (d->info.kind));
  bind_static (stmt, i + 3, d->info.name);
  bind_static (stmt, i + 4, d->info.company);
  bind_static (stmt, i + 5, d->info.contact_person);
  bind_static (stmt, i + 6, d->info.language);
  bind_static (stmt, i + 7, d->info.country);
  bind_static (stmt, i + 8, d->info.region);
  bind_static (stmt, i + 9, d->info.time_zone);
  bind_static (stmt, i + 10, ar_debtor_status_to_string (d->info.status));
  sqlite3_bind_int (stmt, i + 11, d->info.cease_contact ? 1 : 0);
  bind_static (stmt, i + 12, d->info.tags);
  bind_static (stmt, i + 13, d->info.notes);
}

typedef struct
{
  gint64               debtor_id;
  const ArAddressInfo *address;
  guint32              since;
} AddressRow;

static void
bind_address (sqlite3_stmt *stmt, int i, gconstpointer data)
{
  const AddressRow *r = data;
  const ArAddressInfo *a = r->address;

  sqlite3_bind_int64 (stmt, i, r->debtor_id);
  bind_static (stmt, i + 1, a->label);
  bind_static (stmt, i + 2, a->line1);
  bind_static (stmt, i + 3, a->line2);
  bind_static (stmt, i + 4, a->city);
  bind_static (stmt, i + 5, a->region);
  bind_static (stmt, i + 6, a->postal_code);
  bind_static (stmt, i + 7, a->country);
  bind_static (stmt, i + 8, ar_contact_status_to_string (a->status));
  bind_static (stmt, i + 9, a->source);
  _ar_bind_julian (stmt, i + 10, a->since ? a->since : r->since);
}

typedef struct
{
  gint64      debtor_id;
  const char *value;
  guint32     since;
} ContactRow;

/* Imported contact points are labelled and sourced "import" and unverified. */
static void
bind_contact (sqlite3_stmt *stmt, int i, gconstpointer data)
{
  const ContactRow *r = data;

  sqlite3_bind_int64 (stmt, i, r->debtor_id);
  sqlite3_bind_text (stmt, i + 1, "import", -1, SQLITE_STATIC);
  bind_static (stmt, i + 2, r->value);
  sqlite3_bind_text (stmt, i + 3, "unverified", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, i + 4, "import", -1, SQLITE_STATIC);
  _ar_bind_julian (stmt, i + 5, r->since);
}

gboolean
_ar_ledger_bulk_add_debtors (ArLedger *self, ArBulkDebtor *rows, guint n, GError **error)
{
  g_autoptr(GArray) addresses = g_array_new (FALSE, FALSE, sizeof (AddressRow));
  g_autoptr(GArray) phones = g_array_new (FALSE, FALSE, sizeof (ContactRow));
  g_autoptr(GArray) emails = g_array_new (FALSE, FALSE, sizeof (ContactRow));
  guint32 today = today_julian ();
  gboolean ok;
  gint64 id;

  if (n == 0)
    return TRUE;
  if (!ar_ledger_begin (self, "import", error))
    return FALSE;

  id = next_id (self, "SELECT coalesce (max (id), 0) FROM debtors");
  for (guint i = 0; i < n; i++)
    {
      rows[i].id = id++;
      if (rows[i].has_address)
        {
          AddressRow a = { rows[i].id, &rows[i].address, today };
          g_array_append_val (addresses, a);
        }
      if (rows[i].phone != NULL && rows[i].phone[0] != '\0')
        {
          ContactRow c = { rows[i].id, rows[i].phone, today };
          g_array_append_val (phones, c);
        }
      if (rows[i].email != NULL && rows[i].email[0] != '\0')
        {
          ContactRow c = { rows[i].id, rows[i].email, today };
          g_array_append_val (emails, c);
        }
    }

  _ar_ledger_set_bulk_audit (self, TRUE);
  ok = _ar_ledger_insert_rows (self, &debtor_insert, rows, sizeof *rows, n, bind_debtor, error) &&
       _ar_ledger_audit_range (self, "debtors", rows[0].id, rows[n - 1].id, error) &&
       insert_audited (self, &address_insert, "SELECT coalesce (max (id), 0) FROM addresses",
                       addresses->data, sizeof (AddressRow), addresses->len, bind_address,
                       error) &&
       insert_audited (self, &email_insert, "SELECT coalesce (max (id), 0) FROM emails",
                       emails->data, sizeof (ContactRow), emails->len, bind_contact, error) &&
       insert_audited (self, &phone_insert, "SELECT coalesce (max (id), 0) FROM phones",
                       phones->data, sizeof (ContactRow), phones->len, bind_contact, error);
  _ar_ledger_set_bulk_audit (self, FALSE);
  if (!ok)
    {
      ar_ledger_rollback (self);
      return FALSE;
    }
  return ar_ledger_commit (self, error);
}

/* Invoices and entries ----------------------------------------------------------------------- */

static BulkInsert invoice_insert = {
  "invoices",
  "id, debtor_id, number, issue_date, due_date, currency, amount, description, external_ref",
  9, { NULL, NULL },
};
static BulkInsert entry_insert = {
  "entries",
  "debtor_id, kind, date, amount, currency, reference, memo, invoice_id",
  8, { NULL, NULL },
};

typedef struct
{
  gint64       id;
  const ArInvoiceInfo *info;
} InvoiceRow;

static void
bind_invoice (sqlite3_stmt *stmt, int i, gconstpointer data)
{
  const InvoiceRow *r = data;
  const ArInvoiceInfo *info = r->info;

  sqlite3_bind_int64 (stmt, i, r->id);
  sqlite3_bind_int64 (stmt, i + 1, info->debtor_id);
  bind_static (stmt, i + 2, info->number);
  _ar_bind_julian (stmt, i + 3, info->issue_date);
  _ar_bind_julian (stmt, i + 4, info->due_date);
  bind_static (stmt, i + 5, info->currency);
  sqlite3_bind_int64 (stmt, i + 6, info->amount);
  bind_static (stmt, i + 7, info->description);
  bind_static (stmt, i + 8, info->external_ref);
}

/* The invoice entry is written exactly as ar_ledger_add_invoice() writes it. */
static void
bind_invoice_entry (sqlite3_stmt *stmt, int i, gconstpointer data)
{
  const InvoiceRow *r = data;
  const ArInvoiceInfo *info = r->info;

  sqlite3_bind_int64 (stmt, i, info->debtor_id);
  sqlite3_bind_text (stmt, i + 1, "invoice", -1, SQLITE_STATIC);
  _ar_bind_julian (stmt, i + 2, info->issue_date);
  sqlite3_bind_int64 (stmt, i + 3, info->amount);
  bind_static (stmt, i + 4, info->currency);
  bind_static (stmt, i + 5, info->number);
  bind_static (stmt, i + 6, info->description);
  sqlite3_bind_int64 (stmt, i + 7, r->id);
}

gboolean
_ar_ledger_bulk_add_invoices (ArLedger *self, const ArInvoiceInfo *rows, guint n, GError **error)
{
  g_autofree InvoiceRow *r = g_new (InvoiceRow, MAX (n, 1));
  gboolean ok;
  gint64 id;

  if (n == 0)
    return TRUE;
  if (!ar_ledger_begin (self, "import", error))
    return FALSE;
  id = next_id (self, "SELECT coalesce (max (id), 0) FROM invoices");
  for (guint i = 0; i < n; i++)
    {
      r[i].id = id++;
      r[i].info = &rows[i];
      _ar_ledger_mark_dirty (self, rows[i].debtor_id);
    }
  _ar_ledger_set_bulk_audit (self, TRUE);
  ok = _ar_ledger_insert_rows (self, &invoice_insert, r, sizeof *r, n, bind_invoice, error) &&
       _ar_ledger_audit_range (self, "invoices", r[0].id, r[n - 1].id, error) &&
       insert_audited (self, &entry_insert, "SELECT coalesce (max (id), 0) FROM entries", r,
                       sizeof *r, n, bind_invoice_entry, error);
  _ar_ledger_set_bulk_audit (self, FALSE);
  if (!ok)
    {
      ar_ledger_rollback (self);
      return FALSE;
    }
  return ar_ledger_commit (self, error);
}

static void
bind_posting (sqlite3_stmt *stmt, int i, gconstpointer data)
{
  const ArPosting *p = data;

  sqlite3_bind_int64 (stmt, i, p->debtor_id);
  sqlite3_bind_text (stmt, i + 1, ar_entry_kind_to_string (p->kind), -1, SQLITE_STATIC);
  _ar_bind_julian (stmt, i + 2, p->date);
  sqlite3_bind_int64 (stmt, i + 3, p->amount);
  bind_static (stmt, i + 4, p->currency);
  bind_static (stmt, i + 5, p->reference);
  bind_static (stmt, i + 6, p->memo);
  if (p->invoice_id != 0)
    sqlite3_bind_int64 (stmt, i + 7, p->invoice_id);
  else
    sqlite3_bind_null (stmt, i + 7);
}

gboolean
_ar_ledger_bulk_post (ArLedger *self, const ArPosting *rows, guint n, GError **error)
{
  gboolean ok;

  if (n == 0)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      /* Refunds and write-offs depend on the allocation at the time: they go one by one. */
      g_return_val_if_fail (rows[i].kind == AR_ENTRY_PAYMENT || rows[i].kind == AR_ENTRY_CREDIT_NOTE ||
                            rows[i].kind == AR_ENTRY_FEE || rows[i].kind == AR_ENTRY_INTEREST,
                            FALSE);
    }
  if (!ar_ledger_begin (self, "import", error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    _ar_ledger_mark_dirty (self, rows[i].debtor_id);
  _ar_ledger_set_bulk_audit (self, TRUE);
  ok = insert_audited (self, &entry_insert, "SELECT coalesce (max (id), 0) FROM entries", rows,
                       sizeof *rows, n, bind_posting, error);
  _ar_ledger_set_bulk_audit (self, FALSE);
  if (!ok)
    {
      ar_ledger_rollback (self);
      return FALSE;
    }
  return ar_ledger_commit (self, error);
}
