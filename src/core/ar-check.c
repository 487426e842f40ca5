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
#include "ar-plan.h"
#include "ar-promise.h"

/* The ledger's self-check: SQLite's own checks, then the derived tables (allocations,
 * open_items, balances) against a fresh allocation of every (debtor, currency), the balance
 * against an independent sum in SQL, the audit trail, the dunning letters and levels recorded
 * (with each letter's kept PDF against its SHA-256), and the plans and promises. Read-only,
 * in one read transaction. */

/* Beyond this many problems of one kind, the rest are only counted. */
#define MAX_PER_KIND 100

typedef struct
{
  ArLedger  *ledger;
  GPtrArray *problems;
  guint      n_kind;     /* problems of the current kind so far */
  guint32    as_of;      /* the day the statuses are checked on */
  GError    *row_error;  /* an error in a row function, which has no error of its own */
  gboolean   warnings;   /* @problems holds warnings (the statuses) */
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
                       check->warnings
                       ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "There is %u more debtor like the one above.",
                                                       "There are %u more debtors like the ones above.",
                                                       more),
                                          more)
                       : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
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
  while (check->row_error == NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (check, stmt);
  sqlite3_reset (stmt);
  end_kind (check);
  if (check->row_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&check->row_error));
      return FALSE;
    }
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

/* Dunning: the letters and the levels they recorded (ar-ledger-schema-dunning.c) ---------- */

static void
dunning_item_entry_row (Check        *check,
                        sqlite3_stmt *stmt)
{
  gint64 letter = sqlite3_column_int64 (stmt, 0);
  gint64 entry = sqlite3_column_int64 (stmt, 1);
  g_autofree char *debtor = debtor_name (check, sqlite3_column_int64 (stmt, 2));
  const char *currency = (const char *) sqlite3_column_text (stmt, 3);

  if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
    report (check, _("Dunning letter %" G_GINT64_FORMAT " to debtor %s lists entry %"
                     G_GINT64_FORMAT ", which does not exist."), letter, debtor, entry);
  else if (sqlite3_column_int64 (stmt, 4) != sqlite3_column_int64 (stmt, 2) ||
           g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5), currency) != 0)
    {
      g_autofree char *owner = debtor_name (check, sqlite3_column_int64 (stmt, 4));
      report (check, _("Dunning letter %" G_GINT64_FORMAT " to debtor %s (%s) lists entry %"
                       G_GINT64_FORMAT ", which belongs to debtor %s (%s)."),
              letter, debtor, currency, entry, owner,
              (const char *) sqlite3_column_text (stmt, 5));
    }
  else if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 6),
                      (const char *) sqlite3_column_text (stmt, 7)) != 0)
    report (check, _("Dunning letter %" G_GINT64_FORMAT " to debtor %s is dated %s, but its "
                     "item entry %" G_GINT64_FORMAT " is recorded on %s."),
            letter, debtor, (const char *) sqlite3_column_text (stmt, 7), entry,
            (const char *) sqlite3_column_text (stmt, 6));
  else
    report (check, _("Dunning letter %" G_GINT64_FORMAT " to debtor %s lists entry %"
                     G_GINT64_FORMAT ", a %s: only an invoice or a refund owed back can be "
                     "dunned."), letter, debtor, entry,
            (const char *) sqlite3_column_text (stmt, 8));
}

static void
dunning_level_undefined_row (Check        *check,
                             sqlite3_stmt *stmt)
{
  gint64 letter = sqlite3_column_int64 (stmt, 0);
  g_autofree char *debtor = debtor_name (check, sqlite3_column_int64 (stmt, 1));
  int level = sqlite3_column_int (stmt, 2);

  if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
    report (check, _("Dunning letter %" G_GINT64_FORMAT " to debtor %s is at level %d, which "
                     "is not defined and never was."), letter, debtor, level);
  else
    report (check, _("Dunning letter %" G_GINT64_FORMAT " to debtor %s records entry %"
                     G_GINT64_FORMAT " at level %d, which is not defined and never was."),
            letter, debtor, (gint64) sqlite3_column_int64 (stmt, 3), level);
}

static void
dunning_letter_level_row (Check        *check,
                          sqlite3_stmt *stmt)
{
  g_autofree char *debtor = debtor_name (check, sqlite3_column_int64 (stmt, 1));

  report (check, _("Dunning letter %" G_GINT64_FORMAT " to debtor %s is at level %d, but the "
                   "highest level its items reached with it is %d."),
          (gint64) sqlite3_column_int64 (stmt, 0), debtor, sqlite3_column_int (stmt, 2),
          sqlite3_column_int (stmt, 3));
}

static void
dunning_level_skipped_row (Check        *check,
                           sqlite3_stmt *stmt)
{
  g_autofree char *debtor = debtor_name (check, sqlite3_column_int64 (stmt, 1));
  int level = sqlite3_column_int (stmt, 3);

  report (check, _("Dunning letter %" G_GINT64_FORMAT " to debtor %s takes entry %"
                   G_GINT64_FORMAT " to level %d, but no letter took it to level %d: an item "
                   "moves up one level at a time."),
          (gint64) sqlite3_column_int64 (stmt, 0), debtor,
          (gint64) sqlite3_column_int64 (stmt, 2), level, level - 1);
}

static void
dunning_charge_row (Check        *check,
                    sqlite3_stmt *stmt)
{
  gint64 letter = sqlite3_column_int64 (stmt, 0);
  gint64 entry = sqlite3_column_int64 (stmt, 1);
  int level = sqlite3_column_int (stmt, 2);
  const char *what = (const char *) sqlite3_column_text (stmt, 3);
  const char *want_kind = (const char *) sqlite3_column_text (stmt, 4);
  gint64 charge = sqlite3_column_int64 (stmt, 5);
  const char *kind = (const char *) sqlite3_column_text (stmt, 7);
  /* what: "fee", "interest" or "compensation", as the column it comes from */
  const char *label = g_strcmp0 (what, "interest") == 0 ? _("interest")
                    : g_strcmp0 (what, "compensation") == 0 ? _("compensation") : _("fee");

  if (sqlite3_column_type (stmt, 6) == SQLITE_NULL)
    report (check, _("Dunning letter %" G_GINT64_FORMAT ": the %s recorded for entry %"
                     G_GINT64_FORMAT " at level %d is entry %" G_GINT64_FORMAT ", which does "
                     "not exist."), letter, label, entry, level, charge);
  else if (g_strcmp0 (kind, want_kind) != 0)
    report (check, _("Dunning letter %" G_GINT64_FORMAT ": the %s recorded for entry %"
                     G_GINT64_FORMAT " at level %d is entry %" G_GINT64_FORMAT ", a %s, not "
                     "a %s."), letter, label, entry, level, charge, kind, want_kind);
  else
    report (check, _("Dunning letter %" G_GINT64_FORMAT ": the %s recorded for entry %"
                     G_GINT64_FORMAT " at level %d is entry %" G_GINT64_FORMAT ", which does "
                     "not name the item’s invoice or debtor."),
            letter, label, entry, level, charge);
}

static void
dunning_activity_row (Check        *check,
                      sqlite3_stmt *stmt)
{
  gint64 letter = sqlite3_column_int64 (stmt, 0);
  gint64 debtor_id = sqlite3_column_int64 (stmt, 1);
  gint64 activity = sqlite3_column_int64 (stmt, 2);
  g_autofree char *debtor = NULL;
  g_autofree char *actual = NULL;
  const char *expected;
  const void *blob;

  if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
    {
      if (sqlite3_column_int (stmt, 8) == 0)
        {
          debtor = debtor_name (check, debtor_id);
          report (check, _("Dunning letter %" G_GINT64_FORMAT " to debtor %s has no activity, "
                           "so the letter sent is not kept."), letter, debtor);
        }
      return;
    }
  if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
    {
      debtor = debtor_name (check, debtor_id);
      report (check, _("Dunning letter %" G_GINT64_FORMAT " to debtor %s names activity %"
                       G_GINT64_FORMAT ", which does not exist."), letter, debtor, activity);
      return;
    }
  if (sqlite3_column_int64 (stmt, 4) != debtor_id ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5), "letter") != 0)
    {
      debtor = debtor_name (check, debtor_id);
      report (check, _("Dunning letter %" G_GINT64_FORMAT " to debtor %s names activity %"
                       G_GINT64_FORMAT ", which is not a letter to that debtor."),
              letter, debtor, activity);
      return;
    }
  /* The letter as sent: its bytes against the SHA-256 recorded with them. */
  blob = sqlite3_column_blob (stmt, 6);
  expected = (const char *) sqlite3_column_text (stmt, 7);
  if (blob == NULL)
    {
      debtor = debtor_name (check, debtor_id);
      report (check, _("Dunning letter %" G_GINT64_FORMAT " to debtor %s: activity %"
                       G_GINT64_FORMAT " keeps no document."), letter, debtor, activity);
      return;
    }
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, blob,
                                        (gsize) sqlite3_column_bytes (stmt, 6));
  if (g_strcmp0 (actual, expected) != 0)
    {
      debtor = debtor_name (check, debtor_id);
      report (check, _("Dunning letter %" G_GINT64_FORMAT " to debtor %s: the document kept "
                       "with activity %" G_GINT64_FORMAT " does not match its SHA-256."),
              letter, debtor, activity);
    }
}

/* Every query reads one table in its rowid order and looks the rest up by primary key or
 * index, so the check grows with the number of letters, never with its square. */
static gboolean
check_dunning (Check   *check,
               GError **error)
{
  return
    for_each_row (check,
      "SELECT i.letter_id, i.entry_id, l.debtor_id, l.currency, e.debtor_id, e.currency,"
      "       i.letter_date, l.letter_date, e.kind"
      " FROM dunning_items i JOIN dunning_letters l ON l.id = i.letter_id"
      " LEFT JOIN entries e ON e.id = i.entry_id"
      " WHERE e.id IS NULL OR e.debtor_id <> l.debtor_id OR e.currency <> l.currency"
      " OR i.letter_date <> l.letter_date OR (e.kind <> 'invoice' AND e.kind <> 'refund')"
      " ORDER BY i.letter_id, i.entry_id", dunning_item_entry_row, error) &&
    /* A level no longer defined is explained by the audit trail: it was defined once. */
    for_each_row (check,
      "SELECT l.id, l.debtor_id, l.level, NULL FROM dunning_letters l"
      " WHERE NOT EXISTS (SELECT 1 FROM dunning_levels v WHERE v.level = l.level)"
      " AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.table_name = 'dunning_levels'"
      "                 AND a.row_id = l.level)"
      " UNION ALL "
      "SELECT i.letter_id, l.debtor_id, i.level, i.entry_id FROM dunning_items i"
      " JOIN dunning_letters l ON l.id = i.letter_id"
      " WHERE NOT EXISTS (SELECT 1 FROM dunning_levels v WHERE v.level = i.level)"
      " AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.table_name = 'dunning_levels'"
      "                 AND a.row_id = i.level)"
      " ORDER BY 1, 4", dunning_level_undefined_row, error) &&
    for_each_row (check,
      "SELECT l.id, l.debtor_id, l.level, max (i.level) FROM dunning_letters l"
      " JOIN dunning_items i ON i.letter_id = l.id"
      " GROUP BY l.id HAVING max (i.level) <> l.level ORDER BY l.id",
      dunning_letter_level_row, error) &&
    /* ar-dunning-run.h: an item moves up one level at a time, whatever the levels say. */
    for_each_row (check,
      "SELECT i.letter_id, l.debtor_id, i.entry_id, i.level FROM dunning_items i"
      " JOIN dunning_letters l ON l.id = i.letter_id"
      " WHERE i.level > 1 AND NOT EXISTS (SELECT 1 FROM dunning_items p"
      "   WHERE p.entry_id = i.entry_id AND p.level = i.level - 1)"
      " ORDER BY i.letter_id, i.entry_id", dunning_level_skipped_row, error) &&
    for_each_row (check,
      "SELECT i.letter_id, i.entry_id, i.level, 'fee', 'fee', i.fee_entry_id, c.id, c.kind"
      " FROM dunning_items i INDEXED BY dunning_items_by_fee"
      " JOIN entries e ON e.id = i.entry_id LEFT JOIN entries c ON c.id = i.fee_entry_id"
      " WHERE i.fee_entry_id IS NOT NULL AND (c.id IS NULL OR c.kind <> 'fee'"
      "   OR c.invoice_id IS NOT e.invoice_id OR c.debtor_id <> e.debtor_id)"
      " UNION ALL "
      "SELECT i.letter_id, i.entry_id, i.level, 'interest', 'interest', i.interest_entry_id,"
      "       c.id, c.kind"
      " FROM dunning_items i INDEXED BY dunning_items_by_interest"
      " JOIN entries e ON e.id = i.entry_id LEFT JOIN entries c ON c.id = i.interest_entry_id"
      " WHERE i.interest_entry_id IS NOT NULL AND (c.id IS NULL OR c.kind <> 'interest'"
      "   OR c.invoice_id IS NOT e.invoice_id OR c.debtor_id <> e.debtor_id)"
      " UNION ALL "
      "SELECT i.letter_id, i.entry_id, i.level, 'compensation', 'fee', i.compensation_entry_id,"
      "       c.id, c.kind"
      " FROM dunning_items i INDEXED BY dunning_items_by_compensation"
      " JOIN entries e ON e.id = i.entry_id LEFT JOIN entries c ON c.id = i.compensation_entry_id"
      " WHERE i.compensation_entry_id IS NOT NULL AND (c.id IS NULL OR c.kind <> 'fee'"
      "   OR c.invoice_id IS NOT e.invoice_id OR c.debtor_id <> e.debtor_id)"
      " ORDER BY 1, 2, 4", dunning_charge_row, error) &&
    for_each_row (check,
      "SELECT l.id, l.debtor_id, l.activity_id, a.id, a.debtor_id, a.kind, a.document,"
      "       a.document_sha256, l.hand_over"
      " FROM dunning_letters l LEFT JOIN activities a ON a.id = l.activity_id"
      " WHERE l.activity_id IS NOT NULL OR l.hand_over = 0 ORDER BY l.id",
      dunning_activity_row, error);
}

/* Plans and promises (ar-ledger-schema-plans.c) ----------------------------------------- */

static void
plan_schedule_row (Check        *check,
                   sqlite3_stmt *stmt)
{
  gint64 plan = sqlite3_column_int64 (stmt, 0);
  g_autofree char *debtor = debtor_name (check, sqlite3_column_int64 (stmt, 1));
  const char *currency = (const char *) sqlite3_column_text (stmt, 2);
  gint64 total = sqlite3_column_int64 (stmt, 3);
  gint64 down = sqlite3_column_int64 (stmt, 4);
  gint64 n = sqlite3_column_int64 (stmt, 5);
  gint64 scheduled = sqlite3_column_int64 (stmt, 6);
  gint64 scheduled_down = sqlite3_column_int64 (stmt, 7);
  gint64 n_scheduled = sqlite3_column_int64 (stmt, 8);

  if (scheduled != total)
    {
      g_autofree char *t = money (total, currency);
      g_autofree char *s = money (scheduled, currency);
      report (check, _("Plan %" G_GINT64_FORMAT " of debtor %s: its schedule comes to %s, but "
                       "its total is %s."), plan, debtor, s, t);
    }
  if (scheduled_down != down)
    {
      g_autofree char *d = money (down, currency);
      g_autofree char *s = money (scheduled_down, currency);
      report (check, _("Plan %" G_GINT64_FORMAT " of debtor %s: its down payment is %s, but "
                       "the schedule has %s."), plan, debtor, d, s);
    }
  if (n_scheduled != n)
    report (check, _("Plan %" G_GINT64_FORMAT " of debtor %s has %" G_GINT64_FORMAT
                     " instalments, but the schedule has %" G_GINT64_FORMAT "."),
            plan, debtor, n, n_scheduled);
}

static void
plan_invoice_row (Check        *check,
                  sqlite3_stmt *stmt)
{
  gint64 plan = sqlite3_column_int64 (stmt, 0);
  g_autofree char *debtor = debtor_name (check, sqlite3_column_int64 (stmt, 1));
  g_autofree char *owner = debtor_name (check, sqlite3_column_int64 (stmt, 4));

  report (check, _("Plan %" G_GINT64_FORMAT " of debtor %s (%s) covers invoice “%s”, which "
                   "belongs to debtor %s (%s)."),
          plan, debtor, (const char *) sqlite3_column_text (stmt, 2),
          (const char *) sqlite3_column_text (stmt, 3), owner,
          (const char *) sqlite3_column_text (stmt, 5));
}

static void
plan_replaces_row (Check        *check,
                   sqlite3_stmt *stmt)
{
  gint64 plan = sqlite3_column_int64 (stmt, 0);
  g_autofree char *debtor = debtor_name (check, sqlite3_column_int64 (stmt, 1));
  gint64 old = sqlite3_column_int64 (stmt, 2);

  if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
    report (check, _("Plan %" G_GINT64_FORMAT " of debtor %s replaces plan %" G_GINT64_FORMAT
                     ", which does not exist."), plan, debtor, old);
  else if (sqlite3_column_int64 (stmt, 3) != sqlite3_column_int64 (stmt, 1))
    report (check, _("Plan %" G_GINT64_FORMAT " of debtor %s replaces plan %" G_GINT64_FORMAT
                     ", a plan of another debtor."), plan, debtor, old);
  else
    report (check, _("Plan %" G_GINT64_FORMAT " of debtor %s replaces plan %" G_GINT64_FORMAT
                     ", which was neither cancelled nor renegotiated."), plan, debtor, old);
}

static void
promise_amount_row (Check        *check,
                    sqlite3_stmt *stmt)
{
  g_autofree char *debtor = debtor_name (check, sqlite3_column_int64 (stmt, 1));
  g_autofree char *amount = money (sqlite3_column_int64 (stmt, 2),
                                   (const char *) sqlite3_column_text (stmt, 3));

  report (check, _("Promise %" G_GINT64_FORMAT " of debtor %s is for %s: a promise is for a "
                   "positive amount."), (gint64) sqlite3_column_int64 (stmt, 0), debtor, amount);
}

static gboolean
check_plans (Check   *check,
             GError **error)
{
  return
    /* The schedule through its UNIQUE (plan_id, seq) index; seq 0 is the down payment. */
    for_each_row (check,
      "SELECT p.id, p.debtor_id, p.currency, p.total, p.down_payment, p.n_instalments,"
      "       coalesce (sum (s.amount), 0),"
      "       coalesce (sum (CASE WHEN s.seq = 0 THEN s.amount END), 0),"
      "       count (CASE WHEN s.seq > 0 THEN 1 END)"
      " FROM plans p LEFT JOIN plan_schedule s ON s.plan_id = p.id"
      " GROUP BY p.id"
      " HAVING coalesce (sum (s.amount), 0) <> p.total"
      " OR coalesce (sum (CASE WHEN s.seq = 0 THEN s.amount END), 0) <> p.down_payment"
      " OR count (CASE WHEN s.seq > 0 THEN 1 END) <> p.n_instalments"
      " ORDER BY p.id", plan_schedule_row, error) &&
    for_each_row (check,
      "SELECT c.plan_id, p.debtor_id, p.currency, i.number, i.debtor_id, i.currency"
      " FROM plan_invoices c JOIN plans p ON p.id = c.plan_id"
      " JOIN invoices i ON i.id = c.invoice_id"
      " WHERE i.debtor_id <> p.debtor_id OR i.currency <> p.currency"
      " ORDER BY c.plan_id, i.number", plan_invoice_row, error) &&
    for_each_row (check,
      "SELECT p.id, p.debtor_id, p.replaces_id, o.debtor_id FROM plans p"
      " LEFT JOIN plans o ON o.id = p.replaces_id"
      " WHERE p.replaces_id IS NOT NULL AND (o.id IS NULL OR o.debtor_id <> p.debtor_id"
      "   OR o.state IS NULL OR (o.state <> 'cancelled' AND o.state <> 'renegotiated'))"
      " ORDER BY p.id", plan_replaces_row, error) &&
    for_each_row (check,
      "SELECT id, debtor_id, amount, currency FROM promises WHERE amount <= 0 ORDER BY id",
      promise_amount_row, error);
}

static gboolean
check_sqlite (Check   *check,
              GError **error)
{
  return
    for_each_row (check, "PRAGMA integrity_check", integrity_row, error) &&
    for_each_row (check, "PRAGMA foreign_key_check", foreign_key_row, error);
}

static gboolean
check_ledger (Check   *check,
              GError **error)
{
  return
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

/* Each part's time goes to the debug log ("part NAME SECONDS", G_MESSAGES_DEBUG=ar-check):
 * tests/bench/bench-ledger reads it to set the newer parts against the older ones. */
static gboolean
timed (Check       *check,
       const char  *part,
       gboolean   (*func) (Check *check, GError **error),
       GError     **error)
{
  gint64 start = g_get_monotonic_time ();
  gboolean ok = func (check, error);

  g_debug ("part %s %.3f", part, (g_get_monotonic_time () - start) / 1e6);
  return ok;
}

static gboolean
run_checks (Check   *check,
            GError **error)
{
  return timed (check, "sqlite", check_sqlite, error) &&
         timed (check, "ledger", check_ledger, error) &&
         timed (check, "dunning", check_dunning, error) &&
         timed (check, "plans", check_plans, error);
}

gboolean
ar_check_run (ArLedger   *ledger,
              GPtrArray  *problems,
              GError    **error)
{
  Check check = { ledger, problems, 0, 0, NULL, FALSE };
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

/* Statuses -------------------------------------------------------------------------------- */

/* A status is what a person decided, and Edit Debtor and Change Status set any of them by
 * hand, so a status without its record is a warning, not a broken ledger: the office may have
 * set "promise" after a call without recording the promise, or a promise was broken since. */

static void
status_plan_row (Check        *check,
                 sqlite3_stmt *stmt)
{
  g_autoptr(ArPlan) plan = ar_ledger_get_active_plan (check->ledger,
                                                      sqlite3_column_int64 (stmt, 0),
                                                      check->as_of, &check->row_error);
  g_autofree char *day = format_day (check->as_of);

  if (plan == NULL && check->row_error == NULL)
    report (check, _("Debtor %s has the status plan, but none of their plans is running on "
                     "%s."), (const char *) sqlite3_column_text (stmt, 1), day);
}

static gboolean
find_pending (const ArPromise *promise,
              gpointer         user_data)
{
  gboolean *pending = user_data;

  *pending = promise->state == AR_PROMISE_PENDING;
  return !*pending;
}

static void
status_promise_row (Check        *check,
                    sqlite3_stmt *stmt)
{
  g_autofree char *day = format_day (check->as_of);
  gboolean pending = FALSE;

  if (!ar_ledger_list_promises (check->ledger, sqlite3_column_int64 (stmt, 0), check->as_of,
                                find_pending, &pending, &check->row_error))
    return;
  if (!pending)
    report (check, _("Debtor %s has the status promise, but none of their promises is pending "
                     "on %s."), (const char *) sqlite3_column_text (stmt, 1), day);
}

static void
status_disputed_row (Check        *check,
                     sqlite3_stmt *stmt)
{
  g_autofree char *day = format_day (check->as_of);

  report (check, _("Debtor %s has the status disputed, but no dispute of theirs is on hold on "
                   "%s."), (const char *) sqlite3_column_text (stmt, 1), day);
}

/* Each reads the debtors of one status through debtors_by_status, then their plans, promises
 * or holds by debtor: the cost is that of the debtors with the status. */
static gboolean
check_statuses (Check   *check,
                GError **error)
{
  sqlite3_stmt *stmt;

  if (!for_each_row (check,
                     "SELECT id, external_id FROM debtors WHERE status = 'plan' ORDER BY id",
                     status_plan_row, error) ||
      !for_each_row (check,
                     "SELECT id, external_id FROM debtors WHERE status = 'promise' ORDER BY id",
                     status_promise_row, error))
    return FALSE;

  /* In force as ar-hold.h says: started, not ended, not released on or before the day. */
  stmt = _ar_ledger_prepare (check->ledger,
    "SELECT d.id, d.external_id FROM debtors d WHERE d.status = 'disputed'"
    " AND NOT EXISTS (SELECT 1 FROM dunning_holds h WHERE h.debtor_id = d.id"
    "                 AND h.kind = 'dispute' AND h.start_date <= ?1"
    "                 AND (h.end_date IS NULL OR h.end_date >= ?1)"
    "                 AND (h.released_on IS NULL OR h.released_on > ?1))"
    " ORDER BY d.id", error);
  if (stmt == NULL)
    return FALSE;
  _ar_bind_julian (stmt, 1, check->as_of);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    status_disputed_row (check, stmt);
  if (sqlite3_reset (stmt) != SQLITE_OK)
    return _ar_ledger_set_sql_error (check->ledger, _("Could not check the ledger"), error);
  end_kind (check);
  return TRUE;
}

gboolean
ar_check_statuses (ArLedger   *ledger,
                   guint32     as_of,
                   GPtrArray  *warnings,
                   GError    **error)
{
  Check check = { ledger, warnings, 0, as_of, NULL, TRUE };
  gboolean ok;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (g_date_valid_julian (as_of), FALSE);
  g_return_val_if_fail (warnings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_ar_ledger_exec (ledger, "SAVEPOINT ar_check_statuses", error))
    return FALSE;
  ok = check_statuses (&check, error);
  _ar_ledger_exec (ledger, "RELEASE ar_check_statuses", NULL);
  return ok;
}
