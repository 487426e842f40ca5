/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-debtor-list"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-debtor-list.h"
#include "ar-ledger-private.h"

/* Every variant of the query is its own string literal: the statement cache is keyed by the
 * literal's address, the ORDER BY is chosen from this whitelist and never built from user
 * data, and each variant names the index that gives its order, so that a listing with a limit
 * stops early instead of sorting every row:
 *  - balance: balances_by_balance (currency, balance), a range when the currency is fixed,
 *  - days: balances_by_oldest_due (the partial index needs the IS NOT NULL term),
 *  - name: debtors_by_name, each debtor's balances then found by primary key,
 *  - id: the unique index on debtors.external_id, the same way.
 * Parameters: ?1 latest due date (as_of − min_days), ?2 least balance, ?3 currency or NULL,
 * ?4 LIKE pattern or NULL, ?5 limit (−1: none). */
#define LIST_COLUMNS \
  "SELECT b.debtor_id, d.external_id, d.name, d.status, b.currency, b.balance, b.open," \
  " b.unapplied, b.oldest_due_jd"
#define FROM_BALANCES(index) \
  " FROM balances b INDEXED BY " index " JOIN debtors d ON d.id = b.debtor_id"
#define FROM_DEBTORS(index) \
  " FROM debtors d INDEXED BY " index " CROSS JOIN balances b ON b.debtor_id = d.id"
#define LIST_WHERE \
  " WHERE b.oldest_due_jd IS NOT NULL AND b.oldest_due_jd <= ?1 AND b.balance >= ?2" \
  " AND (?4 IS NULL OR d.name LIKE ?4 ESCAPE '\\' OR d.external_id LIKE ?4 ESCAPE '\\')"
#define ANY_CURRENCY " AND ?3 IS NULL"
#define ONE_CURRENCY " AND b.currency = ?3"

#define BY_BALANCE(currency, order) \
  LIST_COLUMNS FROM_BALANCES ("balances_by_balance") LIST_WHERE currency " ORDER BY " order \
  " LIMIT ?5"
#define BY_DAYS(currency, order) \
  LIST_COLUMNS FROM_BALANCES ("balances_by_oldest_due") LIST_WHERE currency " ORDER BY " order \
  " LIMIT ?5"
#define BY_NAME(currency, order) \
  LIST_COLUMNS FROM_DEBTORS ("debtors_by_name") LIST_WHERE currency " ORDER BY " order \
  " LIMIT ?5"
/* The unique constraint's automatic index can't be named in INDEXED BY; with debtors as the
 * outer loop the planner takes it for the order by itself. */
#define BY_ID(currency, order) \
  LIST_COLUMNS " FROM debtors d CROSS JOIN balances b ON b.debtor_id = d.id" LIST_WHERE \
  currency " ORDER BY " order " LIMIT ?5"

/* Most days overdue is the oldest due date, so "days descending" walks the index forwards. */
#define LIST_VARIANTS(currency) \
  { \
    { BY_BALANCE (currency, "b.currency, b.balance, b.debtor_id"), \
      BY_BALANCE (currency, "b.currency, b.balance DESC, b.debtor_id DESC") }, \
    { BY_DAYS (currency, "b.oldest_due_jd DESC, b.debtor_id DESC, b.currency DESC"), \
      BY_DAYS (currency, "b.oldest_due_jd, b.debtor_id, b.currency") }, \
    { BY_NAME (currency, "d.name COLLATE NOCASE, d.id, b.currency"), \
      BY_NAME (currency, "d.name COLLATE NOCASE DESC, d.id DESC, b.currency DESC") }, \
    { BY_ID (currency, "d.external_id, b.currency"), \
      BY_ID (currency, "d.external_id DESC, b.currency DESC") }, \
  }

/* [one currency?][sort][descending?] */
static const char * const list_sql[2][AR_N_DEBTOR_SORTS][2] = {
  LIST_VARIANTS (ANY_CURRENCY),
  LIST_VARIANTS (ONE_CURRENCY),
};

static const char * const sort_names[AR_N_DEBTOR_SORTS] = { "balance", "days", "name", "id" };

void
ar_debtor_query_init (ArDebtorQuery *query, guint32 as_of)
{
  g_return_if_fail (query != NULL);

  memset (query, 0, sizeof *query);
  query->as_of = as_of;
  query->sort = AR_DEBTOR_SORT_BALANCE;
  query->descending = TRUE;
}

gboolean
ar_debtor_sort_from_string (const char *text, ArDebtorSort *out)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (sort_names); i++)
    if (strcmp (text, sort_names[i]) == 0)
      {
        *out = (ArDebtorSort) i;
        return TRUE;
      }
  return FALSE;
}

/* "%text%" with the LIKE wildcards and the escape character itself escaped. */
static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

gboolean
ar_debtor_list_run (ArLedger *ledger, const ArDebtorQuery *query, ArDebtorRowFunc func,
                    gpointer user_data, GError **error)
{
  g_autofree char *pattern = NULL;
  gboolean one_currency;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (query != NULL && func != NULL, FALSE);
  g_return_val_if_fail (query->as_of > 0, FALSE);
  g_return_val_if_fail ((guint) query->sort < AR_N_DEBTOR_SORTS, FALSE);

  one_currency = query->currency != NULL && query->currency[0] != '\0';
  stmt = _ar_ledger_prepare (ledger,
                             list_sql[one_currency][query->sort][query->descending ? 1 : 0],
                             error);
  if (stmt == NULL)
    return FALSE;

  if (query->use_min_days)
    sqlite3_bind_int64 (stmt, 1, (gint64) query->as_of - query->min_days);
  else
    sqlite3_bind_int64 (stmt, 1, G_MAXINT64);
  sqlite3_bind_int64 (stmt, 2, MAX (query->min_amount, 1));
  if (one_currency)
    sqlite3_bind_text (stmt, 3, query->currency, -1, SQLITE_TRANSIENT);
  if (query->search != NULL && query->search[0] != '\0')
    {
      pattern = like_pattern (query->search);
      sqlite3_bind_text (stmt, 4, pattern, -1, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, 5, query->limit > 0 ? (gint64) query->limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ArDebtorRow row = { 0 };
      ArDebtorStatus status = AR_STATUS_ACTIVE;

      ar_debtor_status_from_string ((const char *) sqlite3_column_text (stmt, 3), &status);
      row.debtor_id = sqlite3_column_int64 (stmt, 0);
      row.external_id = (const char *) sqlite3_column_text (stmt, 1);
      row.name = (const char *) sqlite3_column_text (stmt, 2);
      row.status = status;
      row.currency = (const char *) sqlite3_column_text (stmt, 4);
      row.balance = sqlite3_column_int64 (stmt, 5);
      row.open = sqlite3_column_int64 (stmt, 6);
      row.unapplied = sqlite3_column_int64 (stmt, 7);
      row.oldest_due = (guint32) sqlite3_column_int64 (stmt, 8);
      row.days_overdue = (int) ((gint64) query->as_of - (gint64) row.oldest_due);
      if (!func (&row, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  if (rc != SQLITE_DONE)
    _ar_ledger_set_sql_error (ledger, _("Could not list the debtors"), error);
  /* Unbind the pattern before it is freed: the statement outlives this call in the cache. */
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE;
}

gboolean
ar_debtor_list_count_all (ArLedger *ledger, gint64 *out_count, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  stmt = _ar_ledger_prepare (ledger, "SELECT count (*) FROM debtors", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _ar_ledger_set_sql_error (ledger, _("Could not count the debtors"), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  *out_count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}
