/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-ledger-schema"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ar-ledger-private.h"
#include "ar-ledger-schema-private.h"

/* The ledger file's schema, one migration per version.
 *
 * CHECK constraints spell out "x = 'a' OR x = 'b'" rather than "x IN ('a', 'b')": SQLite builds
 * a temporary index for a constant IN list every time the statement runs, which made every
 * insert several times slower. Migrations only ever append: a released
 * migration is never edited. They run inside the transaction that ar_ledger_open() holds.
 *
 * Dates are ISO "YYYY-MM-DD" text in the recorded tables (readable, and ordered correctly as
 * text); the derived tables keep Julian day numbers so that aging needs no date parsing.
 * Amounts are INTEGER minor units and always positive; the entry kind gives the side. */

static const char schema_v1[] =
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"

  "CREATE TABLE company ("
  "  id                   INTEGER PRIMARY KEY CHECK (id = 1),"
  "  legal_name           TEXT NOT NULL DEFAULT '',"
  "  trade_name           TEXT NOT NULL DEFAULT '',"
  "  address_line1        TEXT NOT NULL DEFAULT '',"
  "  address_line2        TEXT NOT NULL DEFAULT '',"
  "  city                 TEXT NOT NULL DEFAULT '',"
  "  region               TEXT NOT NULL DEFAULT '',"
  "  postal_code          TEXT NOT NULL DEFAULT '',"
  "  country              TEXT NOT NULL DEFAULT '',"
  "  phone                TEXT NOT NULL DEFAULT '',"
  "  email                TEXT NOT NULL DEFAULT '',"
  "  website              TEXT NOT NULL DEFAULT '',"
  "  tax_id               TEXT NOT NULL DEFAULT '',"
  "  payment_instructions TEXT NOT NULL DEFAULT '',"
  "  bank_account         TEXT NOT NULL DEFAULT '',"
  "  iban                 TEXT NOT NULL DEFAULT '',"
  "  bic                  TEXT NOT NULL DEFAULT '',"
  "  routing_number       TEXT NOT NULL DEFAULT '',"
  "  default_currency     TEXT NOT NULL DEFAULT 'USD' CHECK (length (default_currency) = 3),"
  "  logo                 BLOB,"
  "  logo_mime_type       TEXT,"
  "  signature_name       TEXT NOT NULL DEFAULT ''"
  ");"
  "INSERT INTO company (id) VALUES (1);"

  "CREATE TABLE debtors ("
  "  id             INTEGER PRIMARY KEY,"
  "  external_id    TEXT NOT NULL UNIQUE CHECK (external_id <> ''),"
  "  kind           TEXT NOT NULL DEFAULT 'business'"
  "                 CHECK (kind = 'consumer' OR kind = 'sole_trader' OR kind = 'business'),"
  "  name           TEXT NOT NULL CHECK (name <> ''),"
  "  company        TEXT NOT NULL DEFAULT '',"
  "  contact_person TEXT NOT NULL DEFAULT '',"
  "  language       TEXT NOT NULL DEFAULT '',"
  "  country        TEXT NOT NULL DEFAULT '',"
  "  region         TEXT NOT NULL DEFAULT '',"
  "  time_zone      TEXT NOT NULL DEFAULT '',"
  "  status         TEXT NOT NULL DEFAULT 'active'"
  "                 CHECK (status = 'active' OR status = 'disputed' OR status = 'promise'"
  "                        OR status = 'plan' OR status = 'agency' OR status = 'legal'"
  "                        OR status = 'bankrupt' OR status = 'deceased' OR status = 'paid'"
  "                        OR status = 'written_off' OR status = 'closed'),"
  "  cease_contact  INTEGER NOT NULL DEFAULT 0 CHECK (cease_contact = 0 OR cease_contact = 1),"
  "  tags           TEXT NOT NULL DEFAULT '',"
  "  notes          TEXT NOT NULL DEFAULT '',"
  "  created_at     TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
  ");"
  "CREATE INDEX debtors_by_name ON debtors (name COLLATE NOCASE);"
  "CREATE INDEX debtors_by_status ON debtors (status);"

  /* Contact points: skip tracing adds rows and marks old ones bad; nothing is deleted. */
  "CREATE TABLE addresses ("
  "  id          INTEGER PRIMARY KEY,"
  "  debtor_id   INTEGER NOT NULL REFERENCES debtors (id),"
  "  label       TEXT NOT NULL DEFAULT '',"
  "  line1       TEXT NOT NULL DEFAULT '',"
  "  line2       TEXT NOT NULL DEFAULT '',"
  "  city        TEXT NOT NULL DEFAULT '',"
  "  region      TEXT NOT NULL DEFAULT '',"
  "  postal_code TEXT NOT NULL DEFAULT '',"
  "  country     TEXT NOT NULL DEFAULT '',"
  "  status      TEXT NOT NULL DEFAULT 'unverified'"
  "              CHECK (status = 'valid' OR status = 'unverified' OR status = 'bad'"
  "                     OR status = 'returned_mail'),"
  "  source      TEXT NOT NULL DEFAULT '',"
  "  since       TEXT NOT NULL"
  ");"
  "CREATE INDEX addresses_by_debtor ON addresses (debtor_id);"
  "CREATE TABLE phones ("
  "  id        INTEGER PRIMARY KEY,"
  "  debtor_id INTEGER NOT NULL REFERENCES debtors (id),"
  "  label     TEXT NOT NULL DEFAULT '',"
  "  number    TEXT NOT NULL CHECK (number <> ''),"
  "  status    TEXT NOT NULL DEFAULT 'unverified'"
  "            CHECK (status = 'valid' OR status = 'unverified' OR status = 'bad'"
  "                   OR status = 'disconnected'),"
  "  source    TEXT NOT NULL DEFAULT '',"
  "  since     TEXT NOT NULL"
  ");"
  "CREATE INDEX phones_by_debtor ON phones (debtor_id);"
  "CREATE INDEX phones_by_number ON phones (number);"
  "CREATE TABLE emails ("
  "  id        INTEGER PRIMARY KEY,"
  "  debtor_id INTEGER NOT NULL REFERENCES debtors (id),"
  "  label     TEXT NOT NULL DEFAULT '',"
  "  address   TEXT NOT NULL CHECK (address <> ''),"
  "  status    TEXT NOT NULL DEFAULT 'unverified'"
  "            CHECK (status = 'valid' OR status = 'unverified' OR status = 'bad'"
  "                   OR status = 'returned_mail'),"
  "  source    TEXT NOT NULL DEFAULT '',"
  "  since     TEXT NOT NULL"
  ");"
  "CREATE INDEX emails_by_debtor ON emails (debtor_id);"
  "CREATE INDEX emails_by_address ON emails (address COLLATE NOCASE);"

  "CREATE TABLE invoices ("
  "  id           INTEGER PRIMARY KEY,"
  "  debtor_id    INTEGER NOT NULL REFERENCES debtors (id),"
  "  number       TEXT NOT NULL UNIQUE CHECK (number <> ''),"
  "  issue_date   TEXT NOT NULL,"
  "  due_date     TEXT NOT NULL CHECK (due_date >= issue_date),"
  "  currency     TEXT NOT NULL CHECK (length (currency) = 3),"
  "  amount       INTEGER NOT NULL CHECK (amount > 0),"
  "  description  TEXT NOT NULL DEFAULT '',"
  "  external_ref TEXT NOT NULL DEFAULT '',"
  "  created_at   TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
  ");"
  "CREATE INDEX invoices_by_debtor ON invoices (debtor_id);"
  "CREATE INDEX invoices_by_due_date ON invoices (due_date);"

  /* The journal. Append-only: the triggers below refuse UPDATE and DELETE. */
  "CREATE TABLE entries ("
  "  id          INTEGER PRIMARY KEY,"
  "  debtor_id   INTEGER NOT NULL REFERENCES debtors (id),"
  "  kind        TEXT NOT NULL CHECK (kind = 'invoice' OR kind = 'payment' OR kind = 'credit_note'"
  "                                OR kind = 'refund' OR kind = 'fee' OR kind = 'interest'"
  "                                OR kind = 'write_off' OR kind = 'reversal'),"
  "  date        TEXT NOT NULL,"
  "  amount      INTEGER NOT NULL CHECK (amount > 0),"
  "  currency    TEXT NOT NULL CHECK (length (currency) = 3),"
  "  reference   TEXT NOT NULL DEFAULT '',"
  "  memo        TEXT NOT NULL DEFAULT '',"
  "  invoice_id  INTEGER REFERENCES invoices (id),"
  "  reverses_id INTEGER REFERENCES entries (id),"
  "  recorded_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),"
  "  CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),"
  "  CHECK ((kind <> 'invoice' AND kind <> 'write_off') OR invoice_id IS NOT NULL)"
  ");"
  "CREATE INDEX entries_by_debtor ON entries (debtor_id, currency, date);"
  "CREATE INDEX entries_by_invoice ON entries (invoice_id) WHERE invoice_id IS NOT NULL;"
  "CREATE INDEX entries_by_date ON entries (date);"
  /* An entry is reversed at most once. */
  "CREATE UNIQUE INDEX entries_by_reversed ON entries (reverses_id) WHERE reverses_id IS NOT NULL;"

  /* Derived from the journal by ar_allocate(); rewritten per debtor inside every transaction
   * that changes its journal. Not audited: `arrears-cli check` proves it reproducible. */
  "CREATE TABLE allocations ("
  "  source_id INTEGER NOT NULL REFERENCES entries (id),"
  "  target_id INTEGER NOT NULL REFERENCES entries (id),"
  "  debtor_id INTEGER NOT NULL,"
  "  currency  TEXT NOT NULL,"
  "  amount    INTEGER NOT NULL CHECK (amount > 0),"
  "  seq       INTEGER NOT NULL,"
  "  PRIMARY KEY (source_id, target_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX allocations_by_debtor ON allocations (debtor_id, currency);"
  "CREATE INDEX allocations_by_target ON allocations (target_id);"
  "CREATE TABLE open_items ("
  "  entry_id   INTEGER PRIMARY KEY REFERENCES entries (id),"
  "  debtor_id  INTEGER NOT NULL,"
  "  currency   TEXT NOT NULL,"
  "  invoice_id INTEGER,"
  "  due_jd     INTEGER NOT NULL,"
  "  issue_jd   INTEGER NOT NULL,"
  "  open       INTEGER NOT NULL CHECK (open > 0)"
  ");"
  "CREATE INDEX open_items_by_debtor ON open_items (debtor_id, currency);"
  "CREATE INDEX open_items_by_due ON open_items (currency, due_jd);"
  "CREATE INDEX open_items_by_invoice ON open_items (invoice_id) WHERE invoice_id IS NOT NULL;"
  "CREATE TABLE balances ("
  "  debtor_id  INTEGER NOT NULL REFERENCES debtors (id),"
  "  currency   TEXT NOT NULL,"
  "  balance    INTEGER NOT NULL,"
  "  open       INTEGER NOT NULL,"
  "  unapplied  INTEGER NOT NULL,"
  "  oldest_due_jd INTEGER,"
  "  PRIMARY KEY (debtor_id, currency)"
  ") WITHOUT ROWID;"
  "CREATE INDEX balances_by_oldest_due ON balances (oldest_due_jd) WHERE oldest_due_jd IS NOT NULL;"
  "CREATE INDEX balances_by_balance ON balances (currency, balance);"

  /* The contact log. */
  "CREATE TABLE activities ("
  "  id               INTEGER PRIMARY KEY,"
  "  debtor_id        INTEGER NOT NULL REFERENCES debtors (id),"
  "  kind             TEXT NOT NULL CHECK (kind = 'call' OR kind = 'letter' OR kind = 'email'"
  "                                     OR kind = 'visit' OR kind = 'sms' OR kind = 'note'),"
  "  direction        TEXT NOT NULL DEFAULT 'none'"
  "                   CHECK (direction = 'in' OR direction = 'out' OR direction = 'none'),"
  "  occurred_at      TEXT NOT NULL,"
  "  outcome          TEXT NOT NULL DEFAULT '',"
  "  summary          TEXT NOT NULL DEFAULT '',"
  "  next_action_date TEXT,"
  "  document         BLOB,"
  "  document_name    TEXT,"
  "  document_sha256  TEXT,"
  "  recorded_at      TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
  ");"
  "CREATE INDEX activities_by_debtor ON activities (debtor_id, occurred_at);"
  "CREATE INDEX activities_by_next_action ON activities (next_action_date)"
  "  WHERE next_action_date IS NOT NULL;"

  /* Files imported, so that importing the same file twice is refused. */
  "CREATE TABLE imports ("
  "  id          INTEGER PRIMARY KEY,"
  "  file_name   TEXT NOT NULL,"
  "  kind        TEXT NOT NULL,"
  "  sha256      TEXT NOT NULL UNIQUE,"
  "  rows        INTEGER NOT NULL,"
  "  imported_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
  ");"

  "CREATE TABLE audit ("
  "  id         INTEGER PRIMARY KEY,"
  "  at         TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),"
  "  action     TEXT NOT NULL,"
  "  table_name TEXT NOT NULL,"
  "  row_id     INTEGER,"
  "  last_row_id INTEGER,"  /* a bulk write's range of rows: row_id … last_row_id */
  "  old_values TEXT,"
  "  new_values TEXT"
  ");"
  "CREATE INDEX audit_by_row ON audit (table_name, row_id);"

  "CREATE TRIGGER entries_append_only_update BEFORE UPDATE ON entries BEGIN"
  "  SELECT RAISE (ABORT, 'entries are append-only: post a reversal instead');"
  "END;"
  "CREATE TRIGGER entries_append_only_delete BEFORE DELETE ON entries BEGIN"
  "  SELECT RAISE (ABORT, 'entries are append-only: post a reversal instead');"
  "END;"
  "CREATE TRIGGER invoices_append_only_update BEFORE UPDATE ON invoices BEGIN"
  "  SELECT RAISE (ABORT, 'invoices are append-only: post a credit note or reversal instead');"
  "END;"
  "CREATE TRIGGER invoices_append_only_delete BEFORE DELETE ON invoices BEGIN"
  "  SELECT RAISE (ABORT, 'invoices are append-only: post a credit note or reversal instead');"
  "END;"
  "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log is append-only');"
  "END;"
  "CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log is append-only');"
  "END;"
  "CREATE TRIGGER imports_append_only_delete BEFORE DELETE ON imports BEGIN"
  "  SELECT RAISE (ABORT, 'the import log is append-only');"
  "END;";

/* Audited tables and their columns: one AFTER INSERT / UPDATE / DELETE trigger each writes the
 * old and new row as JSON. A bulk write (an import) turns the row-level records off through
 * ar_audit_row_level() and writes one record per table naming the range of rows it added
 * (ar-ledger-bulk.c): an import of a million rows would otherwise write a million more. The action comes from ar_audit_action(), a function the ledger
 * registers on its connection, so every mutation is attributed to the operation that made it
 * — and a tool that bypasses Arrears can't write without that function. */
static const ArAuditedTable audited_v1[] = {
  { "settings", "key value" },
  { "company", "legal_name trade_name address_line1 address_line2 city region postal_code country "
               "phone email website tax_id payment_instructions bank_account iban bic "
               "routing_number default_currency logo_mime_type signature_name" },
  { "debtors", "external_id kind name company contact_person language country region time_zone "
               "status cease_contact tags notes" },
  { "addresses", "debtor_id label line1 line2 city region postal_code country status source since" },
  { "phones", "debtor_id label number status source since" },
  { "emails", "debtor_id label address status source since" },
  { "invoices", "debtor_id number issue_date due_date currency amount description external_ref",
    TRUE },
  { "entries", "debtor_id kind date amount currency reference memo invoice_id reverses_id",
    TRUE },
  { "activities", "debtor_id kind direction occurred_at outcome summary next_action_date "
                  "document_name document_sha256" },
  { "imports", "file_name kind sha256 rows", TRUE },
};

static char *
json_object_sql (const char *row, const char *columns)
{
  g_auto(GStrv) names = g_strsplit (columns, " ", -1);
  GString *sql = g_string_new ("json_object (");

  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (sql, "%s'%s', %s.%s", i ? ", " : "", names[i], row, names[i]);
  g_string_append_c (sql, ')');
  return g_string_free (sql, FALSE);
}

/* Builds the audit triggers from a constant table (no user data in this SQL). */
char *
_ar_schema_audit_triggers (const ArAuditedTable *tables, guint n)
{
  GString *sql = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      const char *t = tables[i].table;
      g_autofree char *new_json = json_object_sql ("NEW", tables[i].columns);
      g_autofree char *old_json = json_object_sql ("OLD", tables[i].columns);

      if (tables[i].append_only)
        {
          g_string_append_printf (sql,
            "CREATE TRIGGER %s_audit_insert AFTER INSERT ON %s WHEN ar_audit_row_level () BEGIN"
            "  INSERT INTO audit (action, table_name, row_id)"
            "  VALUES (ar_audit_action (), '%s', NEW.rowid);"
            "END;",
            t, t, t);
          continue;
        }
      g_string_append_printf (sql,
        "CREATE TRIGGER %s_audit_insert AFTER INSERT ON %s WHEN ar_audit_row_level () BEGIN"
        "  INSERT INTO audit (action, table_name, row_id, new_values)"
        "  VALUES (ar_audit_action (), '%s', NEW.rowid, %s);"
        "END;"
        "CREATE TRIGGER %s_audit_update AFTER UPDATE ON %s BEGIN"
        "  INSERT INTO audit (action, table_name, row_id, old_values, new_values)"
        "  VALUES (ar_audit_action (), '%s', NEW.rowid, %s, %s);"
        "END;"
        "CREATE TRIGGER %s_audit_delete AFTER DELETE ON %s BEGIN"
        "  INSERT INTO audit (action, table_name, row_id, old_values)"
        "  VALUES (ar_audit_action (), '%s', OLD.rowid, %s);"
        "END;",
        t, t, t, new_json,
        t, t, t, old_json, new_json,
        t, t, t, old_json);
    }
  return g_string_free (sql, FALSE);
}

gboolean
_ar_schema_exec (sqlite3 *db, const char *sql, GError **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_SQL,
                   _("Could not update the ledger’s structure: %s"), message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate_to_1 (sqlite3 *db, GError **error)
{
  g_autofree char *triggers = _ar_schema_audit_triggers (audited_v1, G_N_ELEMENTS (audited_v1));

  return _ar_schema_exec (db, schema_v1, error) && _ar_schema_exec (db, triggers, error);
}

/* Version 2: letter templates (ar-template.c). One row per dunning level and language; ''
 * is the book's default language. The built-in texts are not stored: a level with no row
 * uses them. */
static const char schema_v2[] =
  "CREATE TABLE letter_templates ("
  "  id         INTEGER PRIMARY KEY,"
  "  level      INTEGER NOT NULL CHECK (level >= 1 AND level <= 9),"
  "  language   TEXT NOT NULL DEFAULT '',"
  "  subject    TEXT NOT NULL,"
  "  body       TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),"
  "  UNIQUE (level, language)"
  ");";

static const ArAuditedTable audited_v2[] = {
  /* Edited in place (and removed), so every change keeps its old and new values. */
  { "letter_templates", "level language subject body updated_at", FALSE },
};

static gboolean
migrate_to_2 (sqlite3 *db, GError **error)
{
  g_autofree char *triggers = _ar_schema_audit_triggers (audited_v2, G_N_ELEMENTS (audited_v2));

  return _ar_schema_exec (db, schema_v2, error) && _ar_schema_exec (db, triggers, error);
}

typedef gboolean (*MigrationFunc) (sqlite3 *db, GError **error);

static const MigrationFunc migrations[] = {
  migrate_to_1,
  migrate_to_2,
  _ar_schema_migrate_to_3,  /* ar-ledger-schema-plans.c */
  _ar_schema_migrate_to_4,  /* ar-ledger-schema-dunning.c */
  _ar_schema_migrate_to_5,  /* ar-ledger-schema-rates.c */
};

int
_ar_ledger_schema_latest (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
_ar_ledger_schema_migrate (sqlite3 *db, int from_version, GError **error)
{
  for (int v = from_version; v < (int) G_N_ELEMENTS (migrations); v++)
    {
      g_autofree char *pragma = NULL;

      if (!migrations[v] (db, error))
        return FALSE;
      pragma = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      if (!_ar_schema_exec (db, pragma, error))
        return FALSE;
    }
  return TRUE;
}
