/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-ledger-schema"
#include "config.h"

#include "ar-ledger-schema-private.h"

/* Version 5: reference rates the user recorded (ar-rates.c).
 *
 * The shipped rate tables end on the last day their sources confirm; after that a statutory
 * calculation is refused, never guessed. The user can look up the official rate and record it
 * with its source, and confirm the day up to which a table is complete. Both tables are
 * append-only: a correction is a new row for the same table and day, made on purpose
 * (ar_rates_add (…, correct = TRUE)), and the latest row (highest id) wins; the latest
 * confirmation wins too, so an over-eager one can be taken back. table_id is the shipped
 * file's name without ".ini" (ar_rate_table_id_to_string ()). */

static const char schema_v5[] =
  "CREATE TABLE reference_rates ("
  "  id             INTEGER PRIMARY KEY,"
  "  table_id       TEXT NOT NULL CHECK (table_id = 'boe-bank-rate' OR table_id = 'ecb-mro-rate'"
  "                                      OR table_id = 'bundesbank-basiszinssatz'),"
  "  effective_date TEXT NOT NULL CHECK (length (effective_date) = 10),"
  "  rate_bp        INTEGER NOT NULL CHECK (rate_bp >= -10000 AND rate_bp <= 100000),"
  "  source         TEXT NOT NULL CHECK (trim (source) <> ''),"
  "  correction     INTEGER NOT NULL DEFAULT 0 CHECK (correction = 0 OR correction = 1),"
  "  recorded_at    TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
  ");"
  "CREATE INDEX reference_rates_by_table ON reference_rates (table_id, effective_date, id);"

  "CREATE TABLE reference_rates_known ("
  "  id          INTEGER PRIMARY KEY,"
  "  table_id    TEXT NOT NULL CHECK (table_id = 'boe-bank-rate' OR table_id = 'ecb-mro-rate'"
  "                                   OR table_id = 'bundesbank-basiszinssatz'),"
  "  known_until TEXT NOT NULL CHECK (length (known_until) = 10),"
  "  source      TEXT NOT NULL CHECK (trim (source) <> ''),"
  "  recorded_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
  ");"
  "CREATE INDEX reference_rates_known_by_table ON reference_rates_known (table_id, id);"

  "CREATE TRIGGER reference_rates_no_update BEFORE UPDATE ON reference_rates BEGIN"
  "  SELECT RAISE (ABORT, 'recorded rates are append-only: record a correction instead');"
  "END;"
  "CREATE TRIGGER reference_rates_no_delete BEFORE DELETE ON reference_rates BEGIN"
  "  SELECT RAISE (ABORT, 'recorded rates are append-only: record a correction instead');"
  "END;"
  "CREATE TRIGGER reference_rates_known_no_update BEFORE UPDATE ON reference_rates_known BEGIN"
  "  SELECT RAISE (ABORT, 'rate confirmations are append-only: confirm again instead');"
  "END;"
  "CREATE TRIGGER reference_rates_known_no_delete BEFORE DELETE ON reference_rates_known BEGIN"
  "  SELECT RAISE (ABORT, 'rate confirmations are append-only: confirm again instead');"
  "END;";

static const ArAuditedTable audited_v5[] = {
  { "reference_rates", "table_id effective_date rate_bp source correction recorded_at", TRUE },
  { "reference_rates_known", "table_id known_until source recorded_at", TRUE },
};

gboolean
_ar_schema_migrate_to_5 (sqlite3 *db, GError **error)
{
  g_autofree char *triggers = _ar_schema_audit_triggers (audited_v5, G_N_ELEMENTS (audited_v5));

  return _ar_schema_exec (db, schema_v5, error) && _ar_schema_exec (db, triggers, error);
}
