/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-ledger-schema"
#include "config.h"

#include "ar-ledger-schema-private.h"

/* Version 4: dunning levels, holds, letters sent per item, fee and interest regimes.
 *
 * The level an item has reached is never stored as a counter: it is the highest level in
 * dunning_items for the item's entry, and UNIQUE (entry_id, level) makes a second letter at
 * the same level for the same item impossible, whatever the caller does. Fees and interest are
 * ordinary journal entries (kind 'fee' / 'interest' naming the invoice); dunning_items names
 * them so that a charge can be traced to the letter and level that caused it. */

static const char schema_v4[] =
  /* The escalation sequence, level 1 upwards without gaps (ar-dunning.c checks the sequence as
   * a whole). template_level NULL: the level sends no letter (the hand-over). */
  "CREATE TABLE dunning_levels ("
  "  level            INTEGER PRIMARY KEY CHECK (level >= 1 AND level <= 9),"
  "  days_past_due    INTEGER NOT NULL CHECK (days_past_due >= 1),"
  "  min_days_since_previous INTEGER NOT NULL DEFAULT 7 CHECK (min_days_since_previous >= 7),"
  "  fee_kind         TEXT NOT NULL DEFAULT 'none'"
  "                   CHECK (fee_kind = 'none' OR fee_kind = 'fixed' OR fee_kind = 'percent'),"
  "  fee_amount       INTEGER NOT NULL DEFAULT 0 CHECK (fee_amount >= 0),"
  "  fee_currency     TEXT NOT NULL DEFAULT '',"
  "  fee_rate_bp      INTEGER NOT NULL DEFAULT 0 CHECK (fee_rate_bp >= 0 AND fee_rate_bp <= 10000),"
  "  charges_interest INTEGER NOT NULL DEFAULT 0 CHECK (charges_interest = 0 OR charges_interest = 1),"
  "  template_level   INTEGER CHECK (template_level >= 1 AND template_level <= 9),"
  "  deadline_days    INTEGER NOT NULL CHECK (deadline_days >= 7 AND deadline_days <= 365),"
  "  hand_over        INTEGER NOT NULL DEFAULT 0 CHECK (hand_over = 0 OR hand_over = 1),"
  "  CHECK ((hand_over = 1) = (template_level IS NULL)),"
  "  CHECK (fee_kind <> 'fixed' OR (fee_amount > 0 AND length (fee_currency) = 3)),"
  "  CHECK (fee_kind <> 'percent' OR fee_rate_bp > 0)"
  ");"
  /* Issue 6's default sequence: 7, 21, 35, 50 days past due, then the hand-over at 65. No
   * fee and no interest until the user says the agreement or the law allows them. */
  "INSERT INTO dunning_levels (level, days_past_due, min_days_since_previous, template_level,"
  " deadline_days, hand_over) VALUES"
  " (1, 7, 7, 1, 14, 0), (2, 21, 7, 2, 14, 0), (3, 35, 7, 3, 14, 0), (4, 50, 7, 4, 14, 0),"
  " (5, 65, 7, NULL, 14, 1);"

  /* Disputes and snoozes, of a whole debtor (invoice_id NULL) or one invoice. Released, never
   * deleted. A snooze ends on end_date; a dispute lasts until released unless it has one. */
  "CREATE TABLE dunning_holds ("
  "  id             INTEGER PRIMARY KEY,"
  "  debtor_id      INTEGER NOT NULL REFERENCES debtors (id),"
  "  invoice_id     INTEGER REFERENCES invoices (id),"
  "  kind           TEXT NOT NULL CHECK (kind = 'dispute' OR kind = 'snooze'),"
  "  reason         TEXT NOT NULL CHECK (reason <> ''),"
  "  start_date     TEXT NOT NULL,"
  "  end_date       TEXT CHECK (end_date IS NULL OR end_date >= start_date),"
  "  released_on    TEXT,"
  "  release_reason TEXT NOT NULL DEFAULT '',"
  "  created_at     TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),"
  "  CHECK (kind = 'dispute' OR end_date IS NOT NULL)"
  ");"
  "CREATE INDEX dunning_holds_by_debtor ON dunning_holds (debtor_id);"
  "CREATE INDEX dunning_holds_by_invoice ON dunning_holds (invoice_id) WHERE invoice_id IS NOT NULL;"
  "CREATE INDEX dunning_holds_by_end ON dunning_holds (end_date)"
  "  WHERE end_date IS NOT NULL AND released_on IS NULL;"
  "CREATE INDEX dunning_holds_open ON dunning_holds (start_date) WHERE released_on IS NULL;"
  "CREATE TRIGGER dunning_holds_no_delete BEFORE DELETE ON dunning_holds BEGIN"
  "  SELECT RAISE (ABORT, 'holds are append-only: release the hold instead');"
  "END;"

  /* One row per letter sent (or hand-over made) to a debtor in a currency: the activity keeps
   * the exact PDF with its SHA-256. */
  "CREATE TABLE dunning_letters ("
  "  id          INTEGER PRIMARY KEY,"
  "  debtor_id   INTEGER NOT NULL REFERENCES debtors (id),"
  "  currency    TEXT NOT NULL CHECK (length (currency) = 3),"
  "  level       INTEGER NOT NULL CHECK (level >= 1 AND level <= 9),"
  "  letter_date TEXT NOT NULL,"
  "  deadline    TEXT,"
  "  total_due   INTEGER NOT NULL CHECK (total_due >= 0),"
  "  hand_over   INTEGER NOT NULL DEFAULT 0 CHECK (hand_over = 0 OR hand_over = 1),"
  "  activity_id INTEGER REFERENCES activities (id),"
  "  recorded_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),"
  "  CHECK (hand_over = 1 OR activity_id IS NOT NULL)"
  ");"
  "CREATE INDEX dunning_letters_by_debtor ON dunning_letters (debtor_id, currency, letter_date);"
  "CREATE INDEX dunning_letters_by_date ON dunning_letters (letter_date);"
  "CREATE INDEX dunning_letters_by_activity ON dunning_letters (activity_id)"
  "  WHERE activity_id IS NOT NULL;"

  /* The level each item (an open item's entry: an invoice, or a refund owed back) reached with
   * a letter, and the charges that level posted on it. */
  "CREATE TABLE dunning_items ("
  "  letter_id          INTEGER NOT NULL REFERENCES dunning_letters (id),"
  "  entry_id           INTEGER NOT NULL REFERENCES entries (id),"
  "  level              INTEGER NOT NULL CHECK (level >= 1 AND level <= 9),"
  "  letter_date        TEXT NOT NULL,"
  "  open               INTEGER NOT NULL CHECK (open > 0),"
  "  fee_entry_id       INTEGER REFERENCES entries (id),"
  "  interest_entry_id  INTEGER REFERENCES entries (id),"
  "  compensation_entry_id INTEGER REFERENCES entries (id),"
  "  UNIQUE (entry_id, level)"
  ");"
  "CREATE INDEX dunning_items_by_letter ON dunning_items (letter_id);"
  "CREATE INDEX dunning_items_by_fee ON dunning_items (fee_entry_id) WHERE fee_entry_id IS NOT NULL;"
  "CREATE INDEX dunning_items_by_interest ON dunning_items (interest_entry_id)"
  "  WHERE interest_entry_id IS NOT NULL;"
  "CREATE INDEX dunning_items_by_compensation ON dunning_items (compensation_entry_id)"
  "  WHERE compensation_entry_id IS NOT NULL;"

  "CREATE TRIGGER dunning_letters_append_only_update BEFORE UPDATE ON dunning_letters BEGIN"
  "  SELECT RAISE (ABORT, 'letters sent are append-only');"
  "END;"
  "CREATE TRIGGER dunning_letters_append_only_delete BEFORE DELETE ON dunning_letters BEGIN"
  "  SELECT RAISE (ABORT, 'letters sent are append-only');"
  "END;"
  "CREATE TRIGGER dunning_items_append_only_update BEFORE UPDATE ON dunning_items BEGIN"
  "  SELECT RAISE (ABORT, 'letters sent are append-only');"
  "END;"
  "CREATE TRIGGER dunning_items_append_only_delete BEFORE DELETE ON dunning_items BEGIN"
  "  SELECT RAISE (ABORT, 'letters sent are append-only');"
  "END;"

  /* The interest calculator: one row for the book (debtor_id 0), one per debtor that
   * overrides it. regime: none, simple (with apr_bp), uk-b2b, eu-b2b, de-b2b, de-b2c. */
  "CREATE TABLE interest_regimes ("
  "  debtor_id INTEGER PRIMARY KEY,"
  "  regime    TEXT NOT NULL CHECK (regime = 'none' OR regime = 'simple' OR regime = 'uk-b2b'"
  "                                 OR regime = 'eu-b2b' OR regime = 'de-b2b' OR regime = 'de-b2c'),"
  "  apr_bp    INTEGER NOT NULL DEFAULT 0 CHECK (apr_bp >= 0 AND apr_bp <= 100000),"
  "  CHECK (regime <> 'simple' OR apr_bp > 0)"
  ");"
  "INSERT INTO interest_regimes (debtor_id, regime) VALUES (0, 'none');"

  /* Debtors whose overdue total in a currency is below the minimum get no letter. */
  "CREATE TABLE dunning_minimums ("
  "  currency TEXT PRIMARY KEY CHECK (length (currency) = 3),"
  "  amount   INTEGER NOT NULL CHECK (amount >= 0)"
  ");";

static const ArAuditedTable audited_v4[] = {
  { "dunning_levels", "level days_past_due min_days_since_previous fee_kind fee_amount "
                      "fee_currency fee_rate_bp charges_interest template_level deadline_days "
                      "hand_over", FALSE },
  { "dunning_holds", "debtor_id invoice_id kind reason start_date end_date released_on "
                     "release_reason", FALSE },
  { "dunning_letters", "debtor_id currency level letter_date deadline total_due hand_over "
                       "activity_id", TRUE },
  { "dunning_items", "letter_id entry_id level letter_date open fee_entry_id interest_entry_id "
                     "compensation_entry_id", TRUE },
  { "interest_regimes", "debtor_id regime apr_bp", FALSE },
  { "dunning_minimums", "currency amount", FALSE },
};

gboolean
_ar_schema_migrate_to_4 (sqlite3 *db, GError **error)
{
  g_autofree char *triggers = _ar_schema_audit_triggers (audited_v4, G_N_ELEMENTS (audited_v4));

  /* The triggers after the seeded rows: those are part of the structure, like the company
   * row of version 1, and are not audited. */
  return _ar_schema_exec (db, schema_v4, error) && _ar_schema_exec (db, triggers, error);
}
