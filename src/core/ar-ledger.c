/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-ledger"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ar-country.h"
#include "ar-date.h"
#include "ar-ledger-private.h"

struct _ArLedger
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;  /* const char *sql (by address) → sqlite3_stmt * */
  GPtrArray  *actions;     /* the audit action of each open transaction level */
  GHashTable *dirty;       /* gint64 * debtor ids whose allocation is stale */
  GArray     *flushed;     /* gint64 debtor ids recomputed inside the open transaction */
  GArray     *marks;       /* guint: flushed->len when each savepoint began */
  gboolean    bulk_audit;  /* row-level audit records off: a bulk write records ranges */
};

G_DEFINE_FINAL_TYPE (ArLedger, ar_ledger, G_TYPE_OBJECT)
G_DEFINE_QUARK (ar-ledger-error-quark, ar_ledger_error)

#define BUSY_TIMEOUT_MS 5000

static void
ar_ledger_finalize (GObject *object)
{
  ArLedger *self = (ArLedger *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* A transaction still open here was abandoned by its caller: roll it back. */
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->flushed, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (ar_ledger_parent_class)->finalize (object);
}

static void
ar_ledger_class_init (ArLedgerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ar_ledger_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
ar_ledger_init (ArLedger *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
  self->actions = g_ptr_array_new_with_free_func (g_free);
  self->dirty = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->flushed = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->marks = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* SQL helpers ---------------------------------------------------------------------------- */

sqlite3 *
_ar_ledger_get_db (ArLedger *self)
{
  return self->db;
}

gboolean
_ar_ledger_set_sql_error (ArLedger *self, const char *what, GError **error)
{
  int code = sqlite3_extended_errcode (self->db);
  const char *message = sqlite3_errmsg (self->db);
  ArLedgerError kind = AR_LEDGER_ERROR_SQL;

  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
    kind = AR_LEDGER_ERROR_DUPLICATE;
  else if (code == SQLITE_CONSTRAINT_TRIGGER && strstr (message, "append-only") != NULL)
    kind = AR_LEDGER_ERROR_APPEND_ONLY;
  else if ((code & 0xff) == SQLITE_CONSTRAINT)
    kind = AR_LEDGER_ERROR_INVALID;
  else if ((code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_FULL ||
           (code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN)
    kind = AR_LEDGER_ERROR_IO;

  g_set_error (error, AR_LEDGER_ERROR, kind, "%s: %s", what, message);
  return FALSE;
}

sqlite3_stmt *
_ar_ledger_prepare (ArLedger *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _ar_ledger_set_sql_error (self, _("Could not prepare a query"), error);
      g_critical ("Could not prepare %s: %s", sql, sqlite3_errmsg (self->db));
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_ar_ledger_step_done (ArLedger *self, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      _ar_ledger_set_sql_error (self, what, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_ar_ledger_exec (ArLedger *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (self, sql, error);

  return stmt != NULL && _ar_ledger_step_done (self, stmt, sql, error);
}

guint32
_ar_column_julian (sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? ar_date_parse_julian (text, NULL) : 0;
}

int
_ar_bind_julian (sqlite3_stmt *stmt, int index, guint32 julian)
{
  char buf[11];

  if (julian == 0)
    return sqlite3_bind_null (stmt, index);
  return sqlite3_bind_text (stmt, index, ar_date_format_julian (julian, buf), -1, SQLITE_TRANSIENT);
}

int
_ar_bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text == NULL)
    return sqlite3_bind_null (stmt, index);
  return sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

int
_ar_bind_text0 (sqlite3_stmt *stmt, int index, const char *text)
{
  return sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

/* The audit triggers call this to learn which operation is writing. */
static void
audit_action_func (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  ArLedger *self = sqlite3_user_data (context);
  const char *action = self->actions->len > 0
    ? g_ptr_array_index (self->actions, self->actions->len - 1)
    : "unknown";

  sqlite3_result_text (context, action, -1, SQLITE_TRANSIENT);
}

/* Row-level audit triggers ask this whether to write their record. */
static void
audit_row_level_func (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  ArLedger *self = sqlite3_user_data (context);

  sqlite3_result_int (context, !self->bulk_audit);
}

void
_ar_ledger_set_bulk_audit (ArLedger *self, gboolean bulk)
{
  self->bulk_audit = bulk;
}

gboolean
_ar_ledger_audit_range (ArLedger *self, const char *table, gint64 first, gint64 last,
                        GError **error)
{
  sqlite3_stmt *stmt;

  if (last < first)
    return TRUE;
  stmt = _ar_ledger_prepare (self,
    "INSERT INTO audit (action, table_name, row_id, last_row_id, new_values)"
    " VALUES (ar_audit_action (), ?1, ?2, ?3, json_object ('rows', ?3 - ?2 + 1))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, first);
  sqlite3_bind_int64 (stmt, 3, last);
  return _ar_ledger_step_done (self, stmt, _("Could not write the audit record"), error);
}

/* Opening -------------------------------------------------------------------------------- */

static gboolean
query_int (sqlite3 *db, const char *sql, int *out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out = sqlite3_column_int (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* Checks the 16-byte SQLite header without letting SQLite touch the file. */
static gboolean
looks_like_sqlite (const char *path, GError **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16] = { 0 };
  FILE *f = g_fopen (path, "rb");
  size_t n;

  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, AR_LEDGER_ERROR,
                   saved == ENOENT ? AR_LEDGER_ERROR_NOT_FOUND : AR_LEDGER_ERROR_IO,
                   _("Could not open “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, f);
  fclose (f);
  if (n != sizeof header || memcmp (header, magic, sizeof header) != 0)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_A_LEDGER,
                   _("“%s” is not an Arrears ledger (it is not an SQLite database)"), path);
      return FALSE;
    }
  return TRUE;
}

/* The page cache is a bound, not an allocation, but a scan fills it: on a 100,000-debtor book
 * (385 MB) the window's connections, each reading the whole book once (aging, the work queue,
 * the dunning preview), held 128 MB each, and the window peaked at 318 MiB. Reads are served
 * well enough by the operating system's file cache through a small one. A write transaction
 * gets the large one back: a large import rewrites the same index pages many times, and with
 * foreign keys every trigger's statement journal stays in memory, which makes bulk writes
 * several times faster; shrinking it at the end frees the pages. */
#define READ_CACHE "PRAGMA cache_size = -8192"
#define WRITE_CACHE "PRAGMA cache_size = -131072"

static ArLedger *
connect (const char *path, gboolean create, GError **error)
{
  g_autoptr(ArLedger) self = g_object_new (AR_TYPE_LEDGER, NULL);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;

  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_IO, _("Could not open “%s”: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_create_function (self->db, "ar_audit_action", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, self,
                           audit_action_func, NULL, NULL);
  sqlite3_create_function (self->db, "ar_audit_row_level", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, self,
                           audit_row_level_func, NULL, NULL);

  if (!create)
    {
      int app_id = 0, version = 0;

      /* Read-only checks first: a file we refuse must be left exactly as it was. */
      if (!query_int (self->db, "PRAGMA application_id", &app_id) ||
          !query_int (self->db, "PRAGMA user_version", &version))
        {
          g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_A_LEDGER,
                       _("“%s” is not an Arrears ledger: %s"), path, sqlite3_errmsg (self->db));
          return NULL;
        }
      if (app_id != AR_LEDGER_APPLICATION_ID)
        {
          g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_A_LEDGER,
                       _("“%s” is an SQLite database of another application, not an Arrears "
                         "ledger"), path);
          return NULL;
        }
      if (version > _ar_ledger_schema_latest ())
        {
          g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_TOO_NEW,
                       _("“%s” was written by a newer version of Arrears (ledger format %d; this "
                         "version reads up to %d). Update Arrears to open it."),
                       path, version, _ar_ledger_schema_latest ());
          return NULL;
        }
    }

  /* temp_store: with foreign keys on, every write that fires a trigger needs a statement
   * journal; in memory it costs no file. */
  if (!_ar_ledger_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_ar_ledger_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_ar_ledger_exec (self, "PRAGMA synchronous = FULL", error) ||
      !_ar_ledger_exec (self, "PRAGMA temp_store = MEMORY", error) ||
      !_ar_ledger_exec (self, READ_CACHE, error))
    return NULL;

  {
    int version = 0;
    char *message = NULL;

    if (sqlite3_exec (self->db, WRITE_CACHE "; BEGIN IMMEDIATE", NULL, NULL, &message) !=
        SQLITE_OK)
      {
        g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_IO,
                     _("Could not lock “%s”: %s"), path, message);
        sqlite3_free (message);
        return NULL;
      }
    g_ptr_array_add (self->actions, g_strdup ("migrate"));
    if (create &&
        sqlite3_exec (self->db, "PRAGMA application_id = " G_STRINGIFY (AR_LEDGER_APPLICATION_ID),
                      NULL, NULL, NULL) != SQLITE_OK)
      {
        _ar_ledger_set_sql_error (self, _("Could not mark the file as a ledger"), error);
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
        return NULL;
      }
    query_int (self->db, "PRAGMA user_version", &version);
    if (!_ar_ledger_schema_migrate (self->db, version, error) ||
        sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
      {
        if (error != NULL && *error == NULL)
          _ar_ledger_set_sql_error (self, _("Could not update the ledger’s structure"), error);
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
        return NULL;
      }
    g_ptr_array_set_size (self->actions, 0);
    sqlite3_exec (self->db, READ_CACHE, NULL, NULL, NULL);
  }

  return g_steal_pointer (&self);
}

ArLedger *
ar_ledger_create (const char *path, GError **error)
{
  ArLedger *self;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* O_EXCL: never clobber an existing file; 0600: a ledger holds personal data. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, AR_LEDGER_ERROR,
                   saved == EEXIST ? AR_LEDGER_ERROR_EXISTS : AR_LEDGER_ERROR_IO,
                   saved == EEXIST ? _("“%s” already exists; choose another name")
                                   : _("Could not create “%s”: %s"),
                   path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  self = connect (path, TRUE, error);
  if (self == NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
    }
  return self;
}

ArLedger *
ar_ledger_open (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (!looks_like_sqlite (path, error))
    return NULL;
  return connect (path, FALSE, error);
}

const char *
ar_ledger_get_path (ArLedger *self)
{
  g_return_val_if_fail (AR_IS_LEDGER (self), NULL);
  return self->path;
}

gboolean
ar_ledger_backup (ArLedger *self, const char *dest, GError **error)
{
  sqlite3 *out = NULL;
  sqlite3_backup *backup;
  int fd, rc;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  fd = g_open (dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, AR_LEDGER_ERROR,
                   saved == EEXIST ? AR_LEDGER_ERROR_EXISTS : AR_LEDGER_ERROR_IO,
                   _("Could not create the backup “%s”: %s"), dest, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (sqlite3_open_v2 (dest, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_IO,
                   _("Could not open the backup “%s”: %s"), dest, sqlite3_errmsg (out));
      sqlite3_close (out);
      g_unlink (dest);
      return FALSE;
    }
  backup = sqlite3_backup_init (out, "main", self->db, "main");
  if (backup == NULL)
    rc = sqlite3_errcode (out);
  else
    {
      /* Copy in steps so that a long backup doesn't hold the read lock in one piece. */
      do
        {
          rc = sqlite3_backup_step (backup, 1024);
          if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep (20);  /* another connection is writing: wait, don't spin */
        }
      while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
      sqlite3_backup_finish (backup);
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_IO,
                   _("Could not write the backup “%s”: %s"), dest, sqlite3_errstr (rc));
      sqlite3_close (out);
      g_unlink (dest);
      return FALSE;
    }
  sqlite3_close (out);
  return TRUE;
}

/* Transactions --------------------------------------------------------------------------- */

gboolean
_ar_ledger_in_transaction (ArLedger *self)
{
  return self->actions->len > 0;
}

gboolean
ar_ledger_begin (ArLedger *self, const char *action, GError **error)
{
  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (self->actions->len == 0)
    {
      if (!_ar_ledger_exec (self, WRITE_CACHE, error))
        return FALSE;
      if (!_ar_ledger_exec (self, "BEGIN IMMEDIATE", error))
        {
          _ar_ledger_exec (self, READ_CACHE, NULL);
          return FALSE;
        }
    }
  else if (!_ar_ledger_exec (self, "SAVEPOINT ar_write", error))
    return FALSE;
  g_ptr_array_add (self->actions, g_strdup (action));
  g_array_append_val (self->marks, self->flushed->len);
  return TRUE;
}

/* Recomputes one debtor into @batch and notes that it was. */
static gboolean
recompute (ArLedger *self, gint64 debtor_id, ArDerivedBatch *batch, GError **error)
{
  if (!_ar_ledger_derive_debtor (self, debtor_id, batch, error))
    return FALSE;
  g_hash_table_remove (self->dirty, &debtor_id);
  if (self->actions->len > 0)
    g_array_append_val (self->flushed, debtor_id);
  return TRUE;
}

static int
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

static gboolean
flush_dirty (ArLedger *self, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ArDerivedBatch *batch = _ar_derived_batch_new ();
  GHashTableIter iter;
  gpointer key;
  gboolean ok = TRUE;

  /* Recompute in id order so that the work (and any error) is deterministic, and write the
   * new rows of many debtors together. */
  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  g_array_sort (ids, compare_int64);
  for (guint i = 0; ok && i < ids->len; i++)
    {
      ok = recompute (self, g_array_index (ids, gint64, i), batch, error);
      if (ok && _ar_derived_batch_is_full (batch))
        ok = _ar_ledger_derive_write (self, batch, error);
    }
  ok = ok && _ar_ledger_derive_write (self, batch, error);
  _ar_derived_batch_free (batch);
  return ok;
}

gboolean
ar_ledger_commit (ArLedger *self, GError **error)
{
  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (self->actions->len > 0, FALSE);

  if (self->actions->len > 1)
    {
      if (!_ar_ledger_exec (self, "RELEASE ar_write", error))
        {
          ar_ledger_rollback (self);
          return FALSE;
        }
      g_ptr_array_set_size (self->actions, self->actions->len - 1);
      g_array_set_size (self->marks, self->marks->len - 1);
      return TRUE;
    }

  if (!flush_dirty (self, error) || !_ar_ledger_exec (self, "COMMIT", error))
    {
      ar_ledger_rollback (self);
      return FALSE;
    }
  g_ptr_array_set_size (self->actions, 0);
  g_array_set_size (self->marks, 0);
  g_array_set_size (self->flushed, 0);
  _ar_ledger_exec (self, READ_CACHE, NULL);
  return TRUE;
}

void
ar_ledger_rollback (ArLedger *self)
{
  g_return_if_fail (AR_IS_LEDGER (self));
  g_return_if_fail (self->actions->len > 0);

  if (self->actions->len > 1)
    {
      guint mark = g_array_index (self->marks, guint, self->marks->len - 1);

      _ar_ledger_exec (self, "ROLLBACK TO ar_write", NULL);
      _ar_ledger_exec (self, "RELEASE ar_write", NULL);
      /* The savepoint's rollback also undid the allocations recomputed inside it, while their
       * debtors' earlier changes stand: recompute those again at commit. (Stale marks made
       * inside the savepoint are harmless: recomputing an unchanged debtor changes nothing.) */
      for (guint i = mark; i < self->flushed->len; i++)
        _ar_ledger_mark_dirty (self, g_array_index (self->flushed, gint64, i));
      g_array_set_size (self->flushed, mark);
    }
  else
    {
      _ar_ledger_exec (self, "ROLLBACK", NULL);
      _ar_ledger_exec (self, READ_CACHE, NULL);
      g_hash_table_remove_all (self->dirty);
      g_array_set_size (self->flushed, 0);
    }
  g_ptr_array_set_size (self->actions, self->actions->len - 1);
  g_array_set_size (self->marks, self->marks->len - 1);
}

void
_ar_ledger_mark_dirty (ArLedger *self, gint64 debtor_id)
{
  if (!g_hash_table_contains (self->dirty, &debtor_id))
    g_hash_table_add (self->dirty, g_memdup2 (&debtor_id, sizeof debtor_id));
}

gboolean
_ar_ledger_flush_debtor (ArLedger *self, gint64 debtor_id, GError **error)
{
  ArDerivedBatch *batch;
  gboolean ok;

  if (!g_hash_table_contains (self->dirty, &debtor_id))
    return TRUE;
  batch = _ar_derived_batch_new ();
  ok = recompute (self, debtor_id, batch, error) && _ar_ledger_derive_write (self, batch, error);
  _ar_derived_batch_free (batch);
  return ok;
}

/* Settings ------------------------------------------------------------------------------- */

char *
ar_ledger_get_setting (ArLedger *self, const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (AR_IS_LEDGER (self), NULL);

  stmt = _ar_ledger_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
ar_ledger_set_setting (ArLedger *self, const char *key, const char *value, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (!ar_ledger_begin (self, "set-setting", error))
    return FALSE;
  stmt = _ar_ledger_prepare (self,
    "INSERT INTO settings (key, value) VALUES (?1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value <> excluded.value",
    error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (!_ar_ledger_step_done (self, stmt, _("Could not save the setting"), error))
    goto fail;
  return ar_ledger_commit (self, error);

fail:
  ar_ledger_rollback (self);
  return FALSE;
}

/* Company -------------------------------------------------------------------------------- */

static const char * const company_fields[] = {
  "legal_name", "trade_name", "address_line1", "address_line2", "city", "region",
  "postal_code", "country", "phone", "email", "website", "tax_id", "payment_instructions",
  "bank_account", "iban", "bic", "routing_number", "default_currency", "signature_name",
};

gboolean
ar_ledger_set_company (ArLedger *self, const ArCompanyInfo *info, GError **error)
{
  const char *values[G_N_ELEMENTS (company_fields)] = {
    info->legal_name, info->trade_name, info->address_line1, info->address_line2, info->city,
    info->region, info->postal_code, info->country, info->phone, info->email, info->website,
    info->tax_id, info->payment_instructions, info->bank_account, info->iban, info->bic,
    info->routing_number, info->default_currency, info->signature_name,
  };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);

  if (info->default_currency != NULL && !ar_currency_is_valid (info->default_currency))
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("default currency: “%s” is not an ISO 4217 currency code"),
                   info->default_currency);
      return FALSE;
    }

  if (!ar_ledger_begin (self, "set-company", error))
    return FALSE;
  /* Column names come from the constant list above; values are bound. NULL keeps a field. */
  stmt = _ar_ledger_prepare (self,
    "UPDATE company SET"
    " legal_name = coalesce (?1, legal_name), trade_name = coalesce (?2, trade_name),"
    " address_line1 = coalesce (?3, address_line1), address_line2 = coalesce (?4, address_line2),"
    " city = coalesce (?5, city), region = coalesce (?6, region),"
    " postal_code = coalesce (?7, postal_code), country = coalesce (?8, country),"
    " phone = coalesce (?9, phone), email = coalesce (?10, email),"
    " website = coalesce (?11, website), tax_id = coalesce (?12, tax_id),"
    " payment_instructions = coalesce (?13, payment_instructions),"
    " bank_account = coalesce (?14, bank_account), iban = coalesce (?15, iban),"
    " bic = coalesce (?16, bic), routing_number = coalesce (?17, routing_number),"
    " default_currency = coalesce (?18, default_currency),"
    " signature_name = coalesce (?19, signature_name)"
    " WHERE id = 1", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    _ar_bind_text (stmt, i + 1, values[i]);
  if (!_ar_ledger_step_done (self, stmt, _("Could not save the company details"), error))
    goto fail;
  return ar_ledger_commit (self, error);

fail:
  ar_ledger_rollback (self);
  return FALSE;
}

GHashTable *
ar_ledger_get_company (ArLedger *self, GError **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (self), NULL);

  stmt = _ar_ledger_prepare (self,
    "SELECT legal_name, trade_name, address_line1, address_line2, city, region, postal_code,"
    " country, phone, email, website, tax_id, payment_instructions, bank_account, iban, bic,"
    " routing_number, default_currency, signature_name FROM company WHERE id = 1", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _ar_ledger_set_sql_error (self, _("Could not read the company details"), error);
      sqlite3_reset (stmt);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (company_fields); i++)
    g_hash_table_insert (table, (gpointer) company_fields[i],
                         g_strdup ((const char *) sqlite3_column_text (stmt, i)));
  sqlite3_reset (stmt);
  return g_steal_pointer (&table);
}

/* Debtors -------------------------------------------------------------------------------- */

static gboolean
check_country (const char *country, GError **error)
{
  if (country == NULL || country[0] == '\0')
    return TRUE;
  if (ar_country_is_valid (country))
    return TRUE;
  g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
               _("country: “%s” is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. DE)"),
               country);
  return FALSE;
}

/* What adding a debtor and editing one both refuse. */
gboolean
_ar_debtor_info_check (const ArDebtorInfo *info, GError **error)
{
  if (info->external_id == NULL || info->external_id[0] == '\0')
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("id: a debtor needs an id"));
      return FALSE;
    }
  if (info->name == NULL || info->name[0] == '\0')
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("name: a debtor needs a name"));
      return FALSE;
    }
  if ((guint) info->kind >= AR_N_DEBTOR_KINDS || (guint) info->status >= AR_N_STATUSES)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("kind: unknown debtor kind or status"));
      return FALSE;
    }
  return check_country (info->country, error);
}

gboolean
ar_ledger_add_debtor (ArLedger *self, const ArDebtorInfo *info, gint64 *out_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (!_ar_debtor_info_check (info, error))
    return FALSE;

  if (!ar_ledger_begin (self, "add-debtor", error))
    return FALSE;
  stmt = _ar_ledger_prepare (self,
    "INSERT INTO debtors (external_id, kind, name, company, contact_person, language, country,"
    " region, time_zone, status, cease_contact, tags, notes)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
  if (stmt == NULL)
    goto fail;
  _ar_bind_text0 (stmt, 1, info->external_id);
  _ar_bind_text0 (stmt, 2, ar_debtor_kind_to_string (info->kind));
  _ar_bind_text0 (stmt, 3, info->name);
  _ar_bind_text0 (stmt, 4, info->company);
  _ar_bind_text0 (stmt, 5, info->contact_person);
  _ar_bind_text0 (stmt, 6, info->language);
  _ar_bind_text0 (stmt, 7, info->country);
  _ar_bind_text0 (stmt, 8, info->region);
  _ar_bind_text0 (stmt, 9, info->time_zone);
  _ar_bind_text0 (stmt, 10, ar_debtor_status_to_string (info->status));
  sqlite3_bind_int (stmt, 11, info->cease_contact ? 1 : 0);
  _ar_bind_text0 (stmt, 12, info->tags);
  _ar_bind_text0 (stmt, 13, info->notes);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_DUPLICATE,
                     _("id: a debtor with id “%s” is already in the ledger"), info->external_id);
      else
        _ar_ledger_set_sql_error (self, _("Could not add the debtor"), error);
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);
  return ar_ledger_commit (self, error);

fail:
  ar_ledger_rollback (self);
  return FALSE;
}

static guint32
today_julian (void)
{
  GDate today;

  ar_date_set_today (&today);
  return ar_date_to_julian (&today);
}

gboolean
ar_ledger_add_address (ArLedger *self, gint64 debtor_id, const ArAddressInfo *info,
                       gint64 *out_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (!check_country (info->country, error))
    return FALSE;
  if (info->status == AR_CONTACT_DISCONNECTED || (guint) info->status >= AR_N_CONTACT_STATUSES)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("status: an address can be valid, unverified, bad or returned mail"));
      return FALSE;
    }
  if (!ar_ledger_begin (self, "add-address", error))
    return FALSE;
  stmt = _ar_ledger_prepare (self,
    "INSERT INTO addresses (debtor_id, label, line1, line2, city, region, postal_code, country,"
    " status, source, since) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  _ar_bind_text0 (stmt, 2, info->label);
  _ar_bind_text0 (stmt, 3, info->line1);
  _ar_bind_text0 (stmt, 4, info->line2);
  _ar_bind_text0 (stmt, 5, info->city);
  _ar_bind_text0 (stmt, 6, info->region);
  _ar_bind_text0 (stmt, 7, info->postal_code);
  _ar_bind_text0 (stmt, 8, info->country);
  _ar_bind_text0 (stmt, 9, ar_contact_status_to_string (info->status));
  _ar_bind_text0 (stmt, 10, info->source);
  _ar_bind_julian (stmt, 11, info->since ? info->since : today_julian ());
  if (!_ar_ledger_step_done (self, stmt, _("Could not add the address"), error))
    goto fail;
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);
  return ar_ledger_commit (self, error);

fail:
  ar_ledger_rollback (self);
  return FALSE;
}

gboolean
ar_ledger_add_contact_point (ArLedger *self, gint64 debtor_id, ArContactPointKind kind,
                             const char *label, const char *value, ArContactStatus status,
                             const char *source, gint64 *out_id, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean phone = kind == AR_CONTACT_POINT_PHONE;

  g_return_val_if_fail (AR_IS_LEDGER (self), FALSE);

  if (value == NULL || value[0] == '\0')
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           phone ? _("phone: the number is empty")
                                 : _("email: the address is empty"));
      return FALSE;
    }
  if (!phone && strchr (value, '@') == NULL)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("email: “%s” is not an email address (expected name@example.com)"), value);
      return FALSE;
    }
  if ((guint) status >= AR_N_CONTACT_STATUSES ||
      (phone && status == AR_CONTACT_RETURNED_MAIL) ||
      (!phone && status == AR_CONTACT_DISCONNECTED))
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("status: not a status this kind of contact can have"));
      return FALSE;
    }

  if (!ar_ledger_begin (self, phone ? "add-phone" : "add-email", error))
    return FALSE;
  stmt = _ar_ledger_prepare (self, phone
    ? "INSERT INTO phones (debtor_id, label, number, status, source, since)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    : "INSERT INTO emails (debtor_id, label, address, status, source, since)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  _ar_bind_text0 (stmt, 2, label);
  _ar_bind_text0 (stmt, 3, value);
  _ar_bind_text0 (stmt, 4, ar_contact_status_to_string (status));
  _ar_bind_text0 (stmt, 5, source);
  _ar_bind_julian (stmt, 6, today_julian ());
  if (!_ar_ledger_step_done (self, stmt, _("Could not add the contact"), error))
    goto fail;
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (self->db);
  return ar_ledger_commit (self, error);

fail:
  ar_ledger_rollback (self);
  return FALSE;
}

gint64
ar_ledger_lookup_debtor (ArLedger *self, const char *external_id)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (AR_IS_LEDGER (self), 0);

  stmt = _ar_ledger_prepare (self, "SELECT id FROM debtors WHERE external_id = ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, external_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}
