/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-ledger-schema"
#include "config.h"

#include "ar-ledger-schema-private.h"

/* Version 3: payment plans and promises to pay (ar-plan.c, ar-promise.c).
 *
 * Only what people decided is recorded: the terms, the covered invoices, the agreed schedule,
 * the promises, and a cancellation or renegotiation. Whether an instalment was paid, a plan
 * completed or defaulted, a promise kept or broken is derived from the journal as of any date,
 * so a past view never changes when later payments arrive and nothing has to be kept in step.
 *
 * No floating point: APR is integer basis points. Dates are ISO text, as in the other recorded
 * tables. The schedule and the covered invoices are append-only (a change of terms is a new,
 * renegotiated plan); a plan's row changes only to record how it ended, and a promise's only
 * to record its cancellation. */

static const char schema_v3[] =
  "CREATE TABLE plans ("
  "  id             INTEGER PRIMARY KEY,"
  "  debtor_id      INTEGER NOT NULL REFERENCES debtors (id),"
  "  currency       TEXT NOT NULL CHECK (length (currency) = 3),"
  "  plan_date      TEXT NOT NULL,"
  "  frequency      TEXT NOT NULL CHECK (frequency = 'weekly' OR frequency = 'biweekly'"
  "                                   OR frequency = 'semimonthly' OR frequency = 'monthly'),"
  "  first_due      TEXT NOT NULL CHECK (first_due >= plan_date),"
  "  n_instalments  INTEGER NOT NULL CHECK (n_instalments > 0),"
  "  instalment_amount INTEGER CHECK (instalment_amount IS NULL OR instalment_amount > 0),"
  "  principal      INTEGER NOT NULL CHECK (principal > 0),"
  "  down_payment   INTEGER NOT NULL DEFAULT 0 CHECK (down_payment >= 0),"
  "  apr_bp         INTEGER NOT NULL DEFAULT 0 CHECK (apr_bp >= 0),"
  "  interest       INTEGER NOT NULL DEFAULT 0 CHECK (interest >= 0),"
  "  setup_fee      INTEGER NOT NULL DEFAULT 0 CHECK (setup_fee >= 0),"
  "  total          INTEGER NOT NULL"
  "                 CHECK (total = principal + interest + setup_fee AND down_payment < total),"
  "  fees_waived    INTEGER NOT NULL DEFAULT 0 CHECK (fees_waived = 0 OR fees_waived = 1),"
  "  grace_days     INTEGER NOT NULL CHECK (grace_days >= 0),"
  "  default_after  INTEGER NOT NULL CHECK (default_after >= 1),"
  "  note           TEXT NOT NULL DEFAULT '',"
  "  activity_id    INTEGER REFERENCES activities (id),"
  "  replaces_id    INTEGER REFERENCES plans (id),"
  /* NULL while the plan runs; completed and defaulted are derived, never stored. */
  "  state          TEXT CHECK (state IS NULL OR state = 'cancelled' OR state = 'renegotiated'),"
  "  ended_on       TEXT,"
  "  cancel_reason  TEXT NOT NULL DEFAULT '',"
  "  created_at     TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')),"
  "  CHECK ((state IS NULL) = (ended_on IS NULL))"
  ");"
  "CREATE INDEX plans_by_debtor ON plans (debtor_id);"
  /* The running plans (the work queue's and the dunning run's starting point). */
  "CREATE INDEX plans_running ON plans (debtor_id) WHERE state IS NULL;"
  /* A plan is renegotiated at most once. */
  "CREATE UNIQUE INDEX plans_by_replaces ON plans (replaces_id) WHERE replaces_id IS NOT NULL;"

  "CREATE TABLE plan_invoices ("
  "  id         INTEGER PRIMARY KEY,"
  "  plan_id    INTEGER NOT NULL REFERENCES plans (id),"
  "  invoice_id INTEGER NOT NULL REFERENCES invoices (id),"
  "  amount     INTEGER NOT NULL CHECK (amount > 0),"  /* open on it when the plan was made */
  "  UNIQUE (plan_id, invoice_id)"
  ");"
  "CREATE INDEX plan_invoices_by_invoice ON plan_invoices (invoice_id);"

  /* The agreed schedule; seq 0 is the down payment. */
  "CREATE TABLE plan_schedule ("
  "  id       INTEGER PRIMARY KEY,"
  "  plan_id  INTEGER NOT NULL REFERENCES plans (id),"
  "  seq      INTEGER NOT NULL CHECK (seq >= 0),"
  "  due_date TEXT NOT NULL,"
  "  amount   INTEGER NOT NULL CHECK (amount > 0),"
  "  UNIQUE (plan_id, seq)"
  ");"
  "CREATE INDEX plan_schedule_by_due ON plan_schedule (due_date);"

  "CREATE TABLE promises ("
  "  id            INTEGER PRIMARY KEY,"
  "  debtor_id     INTEGER NOT NULL REFERENCES debtors (id),"
  "  currency      TEXT NOT NULL CHECK (length (currency) = 3),"
  "  amount        INTEGER NOT NULL CHECK (amount > 0),"
  "  promised_date TEXT NOT NULL,"
  "  made_on       TEXT NOT NULL CHECK (made_on <= promised_date),"
  "  channel       TEXT NOT NULL DEFAULT 'call'"
  "                CHECK (channel = 'call' OR channel = 'letter' OR channel = 'email'"
  "                       OR channel = 'visit' OR channel = 'sms' OR channel = 'note'),"
  "  note          TEXT NOT NULL DEFAULT '',"
  /* A repeating promise is one row per occurrence; series_id is its first row's id. */
  "  series_id     INTEGER REFERENCES promises (id),"
  "  series_index  INTEGER NOT NULL DEFAULT 1 CHECK (series_index >= 1),"
  "  activity_id   INTEGER REFERENCES activities (id),"
  "  cancelled_on  TEXT,"
  "  cancel_reason TEXT NOT NULL DEFAULT '',"
  "  created_at    TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
  ");"
  "CREATE INDEX promises_by_debtor ON promises (debtor_id, promised_date);"
  "CREATE INDEX promises_by_date ON promises (promised_date) WHERE cancelled_on IS NULL;"
  "CREATE INDEX promises_by_series ON promises (series_id) WHERE series_id IS NOT NULL;"

  "CREATE TRIGGER plan_invoices_append_only_update BEFORE UPDATE ON plan_invoices BEGIN"
  "  SELECT RAISE (ABORT, 'a plan''s invoices are append-only: renegotiate the plan instead');"
  "END;"
  "CREATE TRIGGER plan_invoices_append_only_delete BEFORE DELETE ON plan_invoices BEGIN"
  "  SELECT RAISE (ABORT, 'a plan''s invoices are append-only: renegotiate the plan instead');"
  "END;"
  "CREATE TRIGGER plan_schedule_append_only_update BEFORE UPDATE ON plan_schedule BEGIN"
  "  SELECT RAISE (ABORT, 'a plan''s schedule is append-only: renegotiate the plan instead');"
  "END;"
  "CREATE TRIGGER plan_schedule_append_only_delete BEFORE DELETE ON plan_schedule BEGIN"
  "  SELECT RAISE (ABORT, 'a plan''s schedule is append-only: renegotiate the plan instead');"
  "END;"
  /* Plans and promises are never deleted, and their terms never change. */
  "CREATE TRIGGER plans_no_delete BEFORE DELETE ON plans BEGIN"
  "  SELECT RAISE (ABORT, 'plans are never deleted: cancel the plan instead');"
  "END;"
  "CREATE TRIGGER plans_terms_fixed BEFORE UPDATE ON plans"
  "  WHEN OLD.state IS NOT NULL"
  "    OR NEW.debtor_id IS NOT OLD.debtor_id OR NEW.currency IS NOT OLD.currency"
  "    OR NEW.plan_date IS NOT OLD.plan_date OR NEW.first_due IS NOT OLD.first_due"
  "    OR NEW.total IS NOT OLD.total OR NEW.principal IS NOT OLD.principal"
  "    OR NEW.n_instalments IS NOT OLD.n_instalments BEGIN"
  "  SELECT RAISE (ABORT, 'a plan''s terms are fixed: renegotiate the plan instead');"
  "END;"
  "CREATE TRIGGER promises_no_delete BEFORE DELETE ON promises BEGIN"
  "  SELECT RAISE (ABORT, 'promises are never deleted: cancel the promise instead');"
  "END;"
  "CREATE TRIGGER promises_terms_fixed BEFORE UPDATE ON promises"
  "  WHEN OLD.cancelled_on IS NOT NULL"
  "    OR NEW.amount IS NOT OLD.amount OR NEW.promised_date IS NOT OLD.promised_date"
  "    OR NEW.debtor_id IS NOT OLD.debtor_id OR NEW.currency IS NOT OLD.currency BEGIN"
  "  SELECT RAISE (ABORT, 'a promise''s terms are fixed: cancel it and record a new one');"
  "END;";

static const ArAuditedTable audited_v3[] = {
  { "plans", "debtor_id currency plan_date frequency first_due n_instalments instalment_amount "
             "principal down_payment apr_bp interest setup_fee total fees_waived grace_days "
             "default_after note activity_id replaces_id state ended_on cancel_reason" },
  { "plan_invoices", "plan_id invoice_id amount", TRUE },
  { "plan_schedule", "plan_id seq due_date amount", TRUE },
  { "promises", "debtor_id currency amount promised_date made_on channel note series_id "
                "series_index activity_id cancelled_on cancel_reason" },
};

gboolean
_ar_schema_migrate_to_3 (sqlite3 *db, GError **error)
{
  g_autofree char *triggers = _ar_schema_audit_triggers (audited_v3, G_N_ELEMENTS (audited_v3));

  return _ar_schema_exec (db, schema_v3, error) && _ar_schema_exec (db, triggers, error);
}
