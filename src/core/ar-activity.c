/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-activity"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-activity.h"
#include "ar-ledger-private.h"

/* The ledger file's words for the enums (CHECK constraints in ar-ledger-schema.c). */
static const char * const kinds[AR_N_ACTIVITY_KINDS] = {
  "call", "letter", "email", "visit", "sms", "note",
};
static const char * const directions[AR_N_DIRECTIONS] = { "none", "in", "out" };

/* Documents kept in the log are letters and statements, not archives. */
#define MAX_DOCUMENT_BYTES (32 * 1024 * 1024)

const char *
ar_activity_kind_to_string (ArActivityKind kind)
{
  g_return_val_if_fail ((guint) kind < AR_N_ACTIVITY_KINDS, NULL);
  return kinds[kind];
}

gboolean
ar_activity_kind_from_string (const char *text, ArActivityKind *out)
{
  for (guint i = 0; text != NULL && i < AR_N_ACTIVITY_KINDS; i++)
    if (strcmp (kinds[i], text) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
ar_ledger_add_activity (ArLedger *ledger, const ArActivityInfo *info, gint64 *out_id,
                        GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *when = NULL;
  g_autofree char *sha256 = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if ((guint) info->kind >= AR_N_ACTIVITY_KINDS || (guint) info->direction >= AR_N_DIRECTIONS)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("kind: unknown kind of activity or direction"));
      return FALSE;
    }
  if (info->document != NULL && g_bytes_get_size (info->document) > MAX_DOCUMENT_BYTES)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("document: %s is larger than the %u MiB a logged document may be"),
                   info->document_name ? info->document_name : "", MAX_DOCUMENT_BYTES >> 20);
      return FALSE;
    }

  utc = g_date_time_to_utc (info->occurred_at ? info->occurred_at : now);
  when = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  if (info->document != NULL)
    sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, info->document);

  if (!ar_ledger_begin (ledger, "log-activity", error))
    return FALSE;
  stmt = _ar_ledger_prepare (ledger,
    "INSERT INTO activities (debtor_id, kind, direction, occurred_at, outcome, summary,"
    " next_action_date, document, document_name, document_sha256)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, info->debtor_id);
  sqlite3_bind_text (stmt, 2, kinds[info->kind], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, directions[info->direction], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, when, -1, SQLITE_STATIC);
  _ar_bind_text0 (stmt, 5, info->outcome);
  _ar_bind_text0 (stmt, 6, info->summary);
  _ar_bind_julian (stmt, 7, info->next_action_date);
  if (info->document != NULL)
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (info->document, &size);

      sqlite3_bind_blob64 (stmt, 8, data, size, SQLITE_STATIC);
      _ar_bind_text0 (stmt, 9, info->document_name);
      sqlite3_bind_text (stmt, 10, sha256, -1, SQLITE_STATIC);
    }
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not log the activity"), error))
    goto fail;
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (_ar_ledger_get_db (ledger));
  return ar_ledger_commit (ledger, error);

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}

gboolean
ar_ledger_list_activities (ArLedger *ledger, gint64 debtor_id, ArActivityFunc func,
                           gpointer user_data, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT id, kind, direction, occurred_at, outcome, summary, next_action_date,"
    " document_name, document_sha256 FROM activities WHERE debtor_id = ?1"
    " ORDER BY occurred_at DESC, id DESC", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ArActivityRow row = { 0 };
      const char *direction = (const char *) sqlite3_column_text (stmt, 2);

      row.id = sqlite3_column_int64 (stmt, 0);
      ar_activity_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &row.kind);
      for (guint i = 0; i < AR_N_DIRECTIONS; i++)
        if (g_strcmp0 (directions[i], direction) == 0)
          row.direction = i;
      row.occurred_at = (const char *) sqlite3_column_text (stmt, 3);
      row.outcome = (const char *) sqlite3_column_text (stmt, 4);
      row.summary = (const char *) sqlite3_column_text (stmt, 5);
      row.next_action_date = _ar_column_julian (stmt, 6);
      row.document_name = (const char *) sqlite3_column_text (stmt, 7);
      row.document_sha256 = (const char *) sqlite3_column_text (stmt, 8);
      if (!func (&row, user_data))
        break;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the contact log"), error);
  return TRUE;
}

GBytes *
ar_ledger_get_activity_document (ArLedger *ledger, gint64 activity_id, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT document, document_sha256 FROM activities WHERE id = ?1 AND document IS NOT NULL",
    error);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      expected = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (bytes == NULL)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
                   _("activity: number %" G_GINT64_FORMAT " has no document"), activity_id);
      return NULL;
    }
  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_strcmp0 (actual, expected) != 0)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("activity: the document kept with number %" G_GINT64_FORMAT " does not "
                     "match its SHA-256; the ledger may be damaged"), activity_id);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

static gboolean
looks_like_image (GBytes *image, const char *mime_type)
{
  gsize size;
  const guint8 *p = g_bytes_get_data (image, &size);
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (g_strcmp0 (mime_type, "image/png") == 0)
    return size > sizeof png && memcmp (p, png, sizeof png) == 0;
  if (g_strcmp0 (mime_type, "image/jpeg") == 0)
    return size > 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff;
  return FALSE;
}

gboolean
ar_ledger_set_company_logo (ArLedger *ledger, GBytes *image, const char *mime_type,
                            GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);

  if (image != NULL && !looks_like_image (image, mime_type))
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("logo: the image is not a PNG or JPEG file"));
      return FALSE;
    }
  if (!ar_ledger_begin (ledger, "set-logo", error))
    return FALSE;
  stmt = _ar_ledger_prepare (ledger,
    "UPDATE company SET logo = ?1, logo_mime_type = ?2 WHERE id = 1", error);
  if (stmt == NULL)
    goto fail;
  if (image != NULL)
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (image, &size);

      sqlite3_bind_blob64 (stmt, 1, data, size, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, mime_type, -1, SQLITE_STATIC);
    }
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not save the logo"), error))
    goto fail;
  return ar_ledger_commit (ledger, error);

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}

GBytes *
ar_ledger_get_company_logo (ArLedger *ledger, char **out_mime_type, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT logo, logo_mime_type FROM company WHERE id = 1 AND logo IS NOT NULL", error);
  GBytes *bytes = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      if (out_mime_type != NULL)
        *out_mime_type = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return bytes;
}
