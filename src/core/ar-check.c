/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-check"
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-check.h"
#include "ar-date.h"
#include "ar-ledger-private.h"

/* The ledger's self-check: SQLite's own checks, then the derived tables (allocations,
 * open_items, balances) against a fresh allocation of every (debtor, currency), the balance
 * against an independent sum in SQL, and the audit trail. Read-only, in one read transaction. */

/* Beyond this many problems of one kind, the rest are only counted. */
#define MAX_PER_KIND 100

typedef struct
{
  ArLedger  *ledger;
  GPtrArray *problems;
  guint      n_kind;     /* problems of the current kind so far */
} Check;

static void report (Check      *check,
                    const char *format,
                    ...) G_GNUC_PRINTF (2, 3);

static void
report (Check      *check,
        const char *format,
        ...)
{
  va_list args;

  if (check->n_kind++ >= MAX_PER_KIND)
    return;
  va_start (args, format);
  g_ptr_array_add (check->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Starts a new kind of problem; says how many of the previous kind were not listed. */
static void
end_kind (Check *check)
{
  if (check->n_kind > MAX_PER_KIND)
    {
      guint more = check->n_kind - MAX_PER_KIND;

      g_ptr_array_add (check->problems,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "There is %u more problem like the one above.",
                                                     "There are %u more problems like the ones above.",
                                                     more),
                                        more));
    }
  check->n_kind = 0;
}

static char *
money (gint64      minor,
       const char *currency)
{
  int exponent = ar_currency_exponent (currency);
  g_autofree char *plain = NULL;

  if (exponent < 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, minor);
  plain = ar_money_format_plain (minor, currency);
  return g_strdup_printf ("%s %s", plain, currency);
}

/* "C000123", or "#42" when the debtor row itself is missing. */
static char *
debtor_name (Check  *check,
             gint64  debtor_id)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (check->ledger,
    "SELECT external_id FROM debtors WHERE id = ?1", NULL);
  char *name = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, debtor_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return name != NULL ? name : g_strdup_printf ("#%" G_GINT64_FORMAT, debtor_id);
}

static char *
format_day (gint64 julian)
{
  char buf[11];

  if (julian <= 0 || julian > G_MAXUINT32 || !g_date_valid_julian ((guint32) julian))
    return g_strdup_printf ("%" G_GINT64_FORMAT, julian);
  return g_strdup (ar_date_format_julian ((guint32) julian, buf));
}

/* Steps @stmt to the end, calling @row for each row; FALSE with @error on an SQL error. */
typedef void (*RowFunc) (Check *check, sqlite3_stmt *stmt);

static gboolean
for_each_row (Check         *check,
              const char    *sql,
              RowFunc        row,
              GError       **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (check->ledger, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (check, stmt);
  sqlite3_reset (stmt);
  end_kind (check);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (check->ledger, _("Could not check the ledger"), error);
  return TRUE;
}

/* SQLite's checks ------------------------------------------------------------------------- */

static void
integrity_row (Check        *check,
               sqlite3_stmt *stmt)
{
  const char *text = (const char *) sqlite3_column_text (stmt, 0);

  if (text != NULL && strcmp (text, "ok") != 0)
    report (check, _("SQLite’s integrity check reports: %s"), text);
}

static void
foreign_key_row (Check        *check,
                 sqlite3_stmt *stmt)
{
  const char *table = (const char *) sqlite3_column_text (stmt, 0);
  const char *parent = (const char *) sqlite3_column_text (stmt, 2);

  if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
    report (check, _("A row of table “%s” refers to a missing row of table “%s”."),
            table, parent);
  else
    report (check, _("Row %" G_GINT64_FORMAT " of table “%s” refers to a missing row of table "
                     "“%s”."), (gint64) sqlite3_column_int64 (stmt, 1), table, parent);
}

/* The stored allocation against a fresh one ----------------------------------------------- */

typedef struct
{
  gint64 source_id;
  gint64 target_id;
  gint64 amount;
} AllocKey;

static int
compare_alloc_keys (gconstpointer a,
                    gconstpointer b)
{
  const AllocKey *x = a, *y = b;

  if (x->source_id != y->source_id)
    return x->source_id < y->source_id ? -1 : 1;
  return (x->target_id > y->target_id) - (x->target_id < y->target_id);
}

static int
compare_open_items (gconstpointer a,
                    gconstpointer b)
{
  const ArOpenItem *x = a, *y = b;

  return (x->entry_id > y->entry_id) - (x->entry_id < y->entry_id);
}

typedef struct
{
  gint64      debtor_id;
  const char *currency;
  char       *name;  /* lazily looked up */
} Group;

static const char *
group_name (Check *check,
            Group *group)
{
  if (group->name == NULL)
    group->name = debtor_name (check, group->debtor_id);
  return group->name;
}

static gboolean
compare_allocations (Check          *check,
                     Group          *group,
                     const ArAllocResult *result,
                     GArray         *expected,
                     GError        **error)
{
  sqlite3_stmt *stmt;
  guint i = 0;
  int rc;

  /* Expected, summed per (source, target) as the store does. */
  g_array_set_size (expected, 0);
  for (guint k = 0; k < result->allocations->len; k++)
    {
      const ArAllocation *a = &g_array_index (result->allocations, ArAllocation, k);
      AllocKey key = { a->source_id, a->target_id, a->amount };
      g_array_append_val (expected, key);
    }
  g_array_sort (expected, compare_alloc_keys);
  for (guint k = 1; k < expected->len; k++)
    {
      AllocKey *prev = &g_array_index (expected, AllocKey, i);
      AllocKey *cur = &g_array_index (expected, AllocKey, k);

      if (compare_alloc_keys (prev, cur) == 0)
        prev->amount += cur->amount;
      else
        g_array_index (expected, AllocKey, ++i) = *cur;
    }
  if (expected->len > 0)
    g_array_set_size (expected, i + 1);

  stmt = _ar_ledger_prepare (check->ledger,
    "SELECT source_id, target_id, sum (amount) FROM allocations"
    " WHERE debtor_id = ?1 AND currency = ?2"
    " GROUP BY source_id, target_id ORDER BY source_id, target_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group->debtor_id);
  sqlite3_bind_text (stmt, 2, group->currency, -1, SQLITE_TRANSIENT);

  i = 0;
  for (;;)
    {
      AllocKey stored = { 0 };
      const AllocKey *want = i < expected->len ? &g_array_index (expected, AllocKey, i) : NULL;
      gboolean have;

      rc = sqlite3_step (stmt);
      have = rc == SQLITE_ROW;
      if (have)
        {
          stored.source_id = sqlite3_column_int64 (stmt, 0);
          stored.target_id = sqlite3_column_int64 (stmt, 1);
          stored.amount = sqlite3_column_int64 (stmt, 2);
        }

      /* Every expected key before the stored one is missing. */
      while (want != NULL && (!have || compare_alloc_keys (want, &stored) < 0))
        {
          g_autofree char *m = money (want->amount, group->currency);
          report (check, _("Debtor %s (%s): recomputing allocates %s of entry %" G_GINT64_FORMAT
                           " to entry %" G_GINT64_FORMAT ", but no such allocation is stored."),
                  group_name (check, group), group->currency, m, want->source_id,
                  want->target_id);
          want = ++i < expected->len ? &g_array_index (expected, AllocKey, i) : NULL;
        }
      if (!have)
        break;

      if (want != NULL && compare_alloc_keys (want, &stored) == 0)
        {
          if (want->amount != stored.amount)
            {
              g_autofree char *s = money (stored.amount, group->currency);
              g_autofree char *w = money (want->amount, group->currency);
              report (check, _("Debtor %s (%s): the stored allocation of entry %" G_GINT64_FORMAT
                               " to entry %" G_GINT64_FORMAT " is %s, but recomputing gives %s."),
                      group_name (check, group), group->currency, stored.source_id,
                      stored.target_id, s, w);
            }
          i++;
        }
      else
        {
          g_autofree char *s = money (stored.amount, group->currency);
          report (check, _("Debtor %s (%s): %s of entry %" G_GINT64_FORMAT " is stored as "
                           "allocated to entry %" G_GINT64_FORMAT ", but recomputing allocates "
                           "nothing there."),
                  group_name (check, group), group->currency, s, stored.source_id,
                  stored.target_id);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (check->ledger, _("Could not read the allocations"), error);
  return TRUE;
}

static gboolean
compare_open_item_rows (Check               *check,
                        Group               *group,
                        const ArAllocResult *result,
                        GArray              *expected,
                        GError             **error)
{
  sqlite3_stmt *stmt;
  guint i = 0;
  int rc;

  g_array_set_size (expected, 0);
  for (guint k = 0; k < result->items->len; k++)
    {
      const ArOpenItem *item = &g_array_index (result->items, ArOpenItem, k);
      if (item->open != 0)
        g_array_append_val (expected, *item);
    }
  g_array_sort (expected, compare_open_items);

  stmt = _ar_ledger_prepare (check->ledger,
    "SELECT entry_id, coalesce (invoice_id, 0), due_jd, issue_jd, open FROM open_items"
    " WHERE debtor_id = ?1 AND currency = ?2 ORDER BY entry_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group->debtor_id);
  sqlite3_bind_text (stmt, 2, group->currency, -1, SQLITE_TRANSIENT);

  for (;;)
    {
      const ArOpenItem *want = i < expected->len ? &g_array_index (expected, ArOpenItem, i) : NULL;
      gint64 entry_id = 0, invoice_id, due, issue, open;
      gboolean have;

      rc = sqlite3_step (stmt);
      have = rc == SQLITE_ROW;
      if (have)
        entry_id = sqlite3_column_int64 (stmt, 0);

      while (want != NULL && (!have || want->entry_id < entry_id))
        {
          g_autofree char *m = money (want->open, group->currency);
          report (check, _("Debtor %s (%s): recomputing leaves %s open on entry %" G_GINT64_FORMAT
                           ", but no open item is stored for it."),
                  group_name (check, group), group->currency, m, want->entry_id);
          want = ++i < expected->len ? &g_array_index (expected, ArOpenItem, i) : NULL;
        }
      if (!have)
        break;

      invoice_id = sqlite3_column_int64 (stmt, 1);
      due = sqlite3_column_int64 (stmt, 2);
      issue = sqlite3_column_int64 (stmt, 3);
      open = sqlite3_column_int64 (stmt, 4);
      if (want != NULL && want->entry_id == entry_id)
        {
          if (want->open != open)
            {
              g_autofree char *s = money (open, group->currency);
              g_autofree char *w = money (want->open, group->currency);
              report (check, _("Debtor %s (%s): entry %" G_GINT64_FORMAT " is stored with %s "
                               "open, but recomputing gives %s."),
                      group_name (check, group), group->currency, entry_id, s, w);
            }
          if (want->due != due || want->issue != issue || want->invoice_id != invoice_id)
            {
              g_autofree char *sd = format_day (due);
              g_autofree char *wd = format_day (want->due);
              report (check, _("Debtor %s (%s): the open item of entry %" G_GINT64_FORMAT
                               " (due %s) does not match the journal (due %s)."),
                      group_name (check, group), group->currency, entry_id, sd, wd);
            }
          i++;
        }
      else
        {
          g_autofree char *s = money (open, group->currency);
          report (check, _("Debtor %s (%s): entry %" G_GINT64_FORMAT " is stored with %s open, "
                           "but recomputing leaves nothing open on it."),
                  group_name (check, group), group->currency, entry_id, s);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (check->ledger, _("Could not read the open items"), error);
  return TRUE;
}

static gboolean
compare_balance (Check               *check,
                 Group               *group,
                 const ArAllocResult *result,
                 GError             **error)
{
  sqlite3_stmt *stmt;
  gboolean want_row = result->items->len > 0 || result->unapplied != 0;
  gint64 open = 0;
  gint64 oldest = 0;
  int rc;

  for (guint k = 0; k < result->items->len; k++)
    {
      const ArOpenItem *item = &g_array_index (result->items, ArOpenItem, k);
      if (item->open == 0)
        continue;
      open += item->open;
      if (oldest == 0 || item->due < oldest)
        oldest = item->due;
    }

  stmt = _ar_ledger_prepare (check->ledger,
    "SELECT balance, open, unapplied, coalesce (oldest_due_jd, 0) FROM balances"
    " WHERE debtor_id = ?1 AND currency = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group->debtor_id);
  sqlite3_bind_text (stmt, 2, group->currency, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gint64 s_balance = sqlite3_column_int64 (stmt, 0);
      gint64 s_open = sqlite3_column_int64 (stmt, 1);
      gint64 s_unapplied = sqlite3_column_int64 (stmt, 2);
      gint64 s_oldest = sqlite3_column_int64 (stmt, 3);

      if (!want_row)
        report (check, _("Debtor %s (%s): a balance is stored, but the journal has nothing "
                         "that would give one."), group_name (check, group), group->currency);
      if (s_balance != result->balance)
        {
          g_autofree char *s = money (s_balance, group->currency);
          g_autofree char *w = money (result->balance, group->currency);
          report (check, _("Debtor %s (%s): the stored balance is %s, but recomputing gives %s."),
                  group_name (check, group), group->currency, s, w);
        }
      if (s_open != open)
        {
          g_autofree char *s = money (s_open, group->currency);
          g_autofree char *w = money (open, group->currency);
          report (check, _("Debtor %s (%s): the stored open amount is %s, but recomputing gives "
                           "%s."), group_name (check, group), group->currency, s, w);
        }
      if (s_unapplied != result->unapplied)
        {
          g_autofree char *s = money (s_unapplied, group->currency);
          g_autofree char *w = money (result->unapplied, group->currency);
          report (check, _("Debtor %s (%s): the stored credit on account is %s, but recomputing "
                           "gives %s."), group_name (check, group), group->currency, s, w);
        }
      if (s_oldest != oldest)
        {
          g_autofree char *s = s_oldest ? format_day (s_oldest) : g_strdup (_("none"));
          g_autofree char *w = oldest ? format_day (oldest) : g_strdup (_("none"));
          report (check, _("Debtor %s (%s): the stored oldest due date is %s, but recomputing "
                           "gives %s."), group_name (check, group), group->currency, s, w);
        }
      rc = SQLITE_DONE;
    }
  else if (rc == SQLITE_DONE && want_row)
    {
      g_autofree char *w = money (result->balance, group->currency);
      report (check, _("Debtor %s (%s): no balance is stored, but recomputing gives %s."),
              group_name (check, group), group->currency, w);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (check->ledger, _("Could not read the balances"), error);
  return TRUE;
}

static gboolean
check_allocation (Check   *check,
                  GError **error)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (AllocKey));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (ArOpenItem));
  sqlite3_stmt *groups;
  ArAllocResult result;
  gboolean ok = TRUE;
  int rc;

  groups = _ar_ledger_prepare (check->ledger,
    "SELECT DISTINCT debtor_id, currency FROM entries ORDER BY debtor_id, currency", error);
  if (groups == NULL)
    return FALSE;

  ar_alloc_result_init (&result);
  while (ok && (rc = sqlite3_step (groups)) == SQLITE_ROW)
    {
      g_autofree char *currency = g_strdup ((const char *) sqlite3_column_text (groups, 1));
      Group group = { sqlite3_column_int64 (groups, 0), currency, NULL };

      ok = _ar_ledger_allocate_debtor (check->ledger, group.debtor_id, currency, 0, &result,
                                       error) &&
           compare_allocations (check, &group, &result, keys, error) &&
           compare_open_item_rows (check, &group, &result, items, error) &&
           compare_balance (check, &group, &result, error);
      g_free (group.name);
    }
  ar_alloc_result_clear (&result);
  sqlite3_reset (groups);
  end_kind (check);
  if (ok && rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (check->ledger, _("Could not read the journal"), error);
  return ok;
}

/* Derived rows for a (debtor, currency) that has no journal entries at all. */
static void
stray_row (Check        *check,
           sqlite3_stmt *stmt)
{
  g_autofree char *name = debtor_name (check, sqlite3_column_int64 (stmt, 0));
  const char *currency = (const char *) sqlite3_column_text (stmt, 1);
  const char *table = (const char *) sqlite3_column_text (stmt, 2);

  report (check, _("Debtor %s (%s): table “%s” has rows, but the journal has no entries for "
                   "this debtor in this currency."), name, currency, table);
}

static void
over_allocated_row (Check        *check,
                    sqlite3_stmt *stmt)
{
  const char *currency = (const char *) sqlite3_column_text (stmt, 3);
  g_autofree char *allocated = money (sqlite3_column_int64 (stmt, 1), currency);
  g_autofree char *amount = money (sqlite3_column_int64 (stmt, 2), currency);

  report (check, _("Entry %" G_GINT64_FORMAT " of %s has %s allocated, more than its amount."),
          (gint64) sqlite3_column_int64 (stmt, 0), amount, allocated);
}

static void
wrong_sides_row (Check        *check,
                 sqlite3_stmt *stmt)
{
  report (check, _("Entry %" G_GINT64_FORMAT " (%s) is stored as allocated to entry %"
                   G_GINT64_FORMAT " (%s); only a credit can pay a debit."),
          (gint64) sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          (gint64) sqlite3_column_int64 (stmt, 2), (const char *) sqlite3_column_text (stmt, 3));
}

static void
over_open_row (Check        *check,
               sqlite3_stmt *stmt)
{
  const char *currency = (const char *) sqlite3_column_text (stmt, 3);
  g_autofree char *open = money (sqlite3_column_int64 (stmt, 1), currency);
  g_autofree char *amount = money (sqlite3_column_int64 (stmt, 2), currency);

  report (check, _("Entry %" G_GINT64_FORMAT " of %s is stored with %s open, more than its "
                   "amount."), (gint64) sqlite3_column_int64 (stmt, 0), amount, open);
}

/* The balance against Σ debits − Σ credits --------------------------------------------- */

static void
journal_balance_row (Check        *check,
                     sqlite3_stmt *stmt)
{
  g_autofree char *name = debtor_name (check, sqlite3_column_int64 (stmt, 0));
  const char *currency = (const char *) sqlite3_column_text (stmt, 1);
  g_autofree char *journal = money (sqlite3_column_int64 (stmt, 2), currency);
  g_autofree char *stored = money (sqlite3_column_int64 (stmt, 3), currency);

  report (check, _("Debtor %s (%s): the stored balance is %s, but the journal’s debits minus "
                   "credits come to %s."), name, currency, stored, journal);
}

/* The audit trail ------------------------------------------------------------------------- */

static void
unaudited_entry_row (Check        *check,
                     sqlite3_stmt *stmt)
{
  report (check, _("Entry %" G_GINT64_FORMAT " has no audit record."),
          (gint64) sqlite3_column_int64 (stmt, 0));
}

static void
unaudited_invoice_row (Check        *check,
                       sqlite3_stmt *stmt)
{
  report (check, _("Invoice “%s” has no audit record."),
          (const char *) sqlite3_column_text (stmt, 1));
}

static void
unaudited_debtor_row (Check        *check,
                      sqlite3_stmt *stmt)
{
  report (check, _("Debtor %s has no audit record."),
          (const char *) sqlite3_column_text (stmt, 1));
}

static gboolean
run_checks (Check   *check,
            GError **error)
{
  return
    for_each_row (check, "PRAGMA integrity_check", integrity_row, error) &&
    for_each_row (check, "PRAGMA foreign_key_check", foreign_key_row, error) &&
    check_allocation (check, error) &&
    for_each_row (check,
      "SELECT debtor_id, currency, 'allocations' FROM allocations a"
      " WHERE NOT EXISTS (SELECT 1 FROM entries e"
      "                   WHERE e.debtor_id = a.debtor_id AND e.currency = a.currency)"
      " GROUP BY debtor_id, currency"
      " UNION ALL "
      "SELECT debtor_id, currency, 'open_items' FROM open_items o"
      " WHERE NOT EXISTS (SELECT 1 FROM entries e"
      "                   WHERE e.debtor_id = o.debtor_id AND e.currency = o.currency)"
      " GROUP BY debtor_id, currency"
      " UNION ALL "
      "SELECT debtor_id, currency, 'balances' FROM balances b"
      " WHERE NOT EXISTS (SELECT 1 FROM entries e"
      "                   WHERE e.debtor_id = b.debtor_id AND e.currency = b.currency)"
      " ORDER BY 1, 2, 3", stray_row, error) &&
    for_each_row (check,
      "SELECT a.source_id, sum (a.amount), e.amount, e.currency FROM allocations a"
      " JOIN entries e ON e.id = a.source_id GROUP BY a.source_id HAVING sum (a.amount) > e.amount"
      " UNION ALL "
      "SELECT a.target_id, sum (a.amount), e.amount, e.currency FROM allocations a"
      " JOIN entries e ON e.id = a.target_id GROUP BY a.target_id HAVING sum (a.amount) > e.amount"
      " ORDER BY 1", over_allocated_row, error) &&
    for_each_row (check,
      "SELECT a.source_id, s.kind, a.target_id, t.kind FROM allocations a"
      " JOIN entries s ON s.id = a.source_id JOIN entries t ON t.id = a.target_id"
      " WHERE s.kind NOT IN ('payment', 'credit_note', 'write_off')"
      " OR t.kind NOT IN ('invoice', 'fee', 'interest', 'refund')"
      " ORDER BY 1, 3", wrong_sides_row, error) &&
    for_each_row (check,
      "SELECT o.entry_id, o.open, e.amount, e.currency FROM open_items o"
      " JOIN entries e ON e.id = o.entry_id WHERE o.open > e.amount ORDER BY 1",
      over_open_row, error) &&
    /* Independent of ar_allocate(): a reversal and the entry it reverses both drop out. */
    for_each_row (check,
      "SELECT j.debtor_id, j.currency, j.total, coalesce (b.balance, 0) FROM"
      " (SELECT debtor_id, currency,"
      "         sum (CASE WHEN kind IN ('invoice', 'refund', 'fee', 'interest') THEN amount"
      "                   ELSE -amount END) AS total"
      "  FROM entries e"
      "  WHERE kind <> 'reversal'"
      "  AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id)"
      "  GROUP BY debtor_id, currency) j"
      " LEFT JOIN balances b ON b.debtor_id = j.debtor_id AND b.currency = j.currency"
      " WHERE coalesce (b.balance, 0) <> j.total"
      " ORDER BY 1, 2", journal_balance_row, error) &&
    for_each_row (check,
      "SELECT e.id FROM entries e WHERE NOT EXISTS"
      " (SELECT 1 FROM (SELECT row_id, last_row_id FROM audit"
      "   WHERE table_name = 'entries' AND row_id <= e.id ORDER BY row_id DESC LIMIT 1) a"
      "  WHERE coalesce (a.last_row_id, a.row_id) >= e.id)"
      " ORDER BY e.id", unaudited_entry_row, error) &&
    for_each_row (check,
      "SELECT i.id, i.number FROM invoices i WHERE NOT EXISTS"
      " (SELECT 1 FROM (SELECT row_id, last_row_id FROM audit"
      "   WHERE table_name = 'invoices' AND row_id <= i.id ORDER BY row_id DESC LIMIT 1) a"
      "  WHERE coalesce (a.last_row_id, a.row_id) >= i.id)"
      " ORDER BY i.id", unaudited_invoice_row, error) &&
    for_each_row (check,
      "SELECT d.id, d.external_id FROM debtors d WHERE NOT EXISTS"
      /* Inserts only (an update of an earlier debtor, such as its status, has old values and
       * must not hide the range record that covers this one). */
      " (SELECT 1 FROM (SELECT row_id, last_row_id FROM audit"
      "   WHERE table_name = 'debtors' AND old_values IS NULL AND row_id <= d.id"
      "   ORDER BY row_id DESC LIMIT 1) a"
      "  WHERE coalesce (a.last_row_id, a.row_id) >= d.id)"
      " ORDER BY d.id", unaudited_debtor_row, error);
}

gboolean
ar_check_run (ArLedger   *ledger,
              GPtrArray  *problems,
              GError    **error)
{
  Check check = { ledger, problems, 0 };
  gboolean ok;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  /* Inside a write transaction the stored allocation of touched debtors is stale until the
   * commit, so it would not compare. */
  g_return_val_if_fail (!_ar_ledger_in_transaction (ledger), FALSE);

  /* One read transaction: every query sees the same state of the file. */
  if (!_ar_ledger_exec (ledger, "SAVEPOINT ar_check", error))
    return FALSE;
  ok = run_checks (&check, error);
  _ar_ledger_exec (ledger, "RELEASE ar_check", NULL);
  return ok;
}
