/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-account-model"
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "ar-account-model.h"
#include "ar-arrangements.h"
#include "ar-date.h"
#include "ar-money.h"

/* How it works (measured on a 100,000-debtor demo book; tests/bench/bench-account-model.c).
 *
 * Positions. Each change of sort or filter runs one INSERT … SELECT … ORDER BY that writes the
 * (debtor, currency, balance) of every row shown, in order, into a temporary table whose
 * INTEGER PRIMARY KEY is the position; the table is emptied first, so positions run from 1. A
 * page is then a rowid range, O(log n) at any depth, where LIMIT/OFFSET steps over every row
 * before it (that way the last page took 34 ms of 100,000 rows and a second of a million).
 * The table costs about 25 bytes a row.
 *
 * Search. The debtors whose name, external id, email or phone contains the text are found by
 * one sequential pass over each (the name and external id through their covering indexes),
 * invoice numbers through the number's index, with a substring test of our own
 * (contains_func()); a source whose bytes can't make up the text is not read at all
 * (char_set_add(): no phone number holds an "m"); their ids go into a bitmap, and the rows of the sorted table whose debtor
 * is in it are copied, in order, into a second table: a keystroke never sorts. Typing on ("mul"
 * after "mu") can only narrow the result, so the rows shown are the source (a third table
 * takes the result), and when they are few only their debtors are tested again (by index
 * probes). Each row found keeps its position in the source, so the list can be told that the
 * leading rows stayed (emit_narrowing()), and rows that stay are the same objects.
 * An FTS5 trigram index (bookworm's SQLite has it) would find three-letter substrings without
 * the passes, but it would cost every import and demo book about a third more time (building
 * the four indexes of the 100,000-debtor book took 2.2 s; its import takes 7.6 s), it can't
 * help one- and two-letter searches, and SQLite doesn't hand it a LIKE with an ESCAPE clause.
 *
 * Statements. The model has a connection of its own (see open_connection()), so its temporary
 * tables have fixed names and every statement is a static string, prepared once; the ORDER BY
 * comes from the whitelist below and every value is a bound parameter. */

/* A jump of the scroll bar reads one or two pages: 64 rows cost a quarter of what 256 did, and
 * bench-window's frames after a jump went over 33 ms of CPU half as often. 32 pages keep the
 * 2,048 rows that 8 pages of 256 kept. */
#define PAGE_SIZE 64
#define MAX_PAGES 32
/* Narrow a search when at most 1/NARROW_RATIO of the sorted rows are in it: a narrowing costs
 * about 12 µs per row found (ten index probes), a full search about 0.7 µs per row of the
 * book (measured at 100,000 debtors). */
#define NARROW_RATIO 32
/* A search that narrows the rows shown keeps at most this many leading rows in place (see
 * emit_narrowing()). */
#define KEEP_ROWS 128
/* More than the 200 rows a GTK 4.8 list view keeps widgets for. */
#define REUSE_ROWS 256

enum { TABLE_BASE, TABLE_SEARCH_0, TABLE_SEARCH_1, N_TABLES };

/* The model's own connection has three temporary tables: the sorted rows and two for search
 * results (a narrowing reads one and writes the other). */
#define BASE "ar_rows"
#define FOUND_0 "ar_found_0"
#define FOUND_1 "ar_found_1"
/* src: a search table's row's position in the table it was found in (see emit_narrowing()). */
#define TABLE_COLUMNS "(pos INTEGER PRIMARY KEY, debtor_id INTEGER NOT NULL, currency TEXT," \
                      " balance INTEGER NOT NULL, src INTEGER)"
static const char create_sql[] =
  "CREATE TEMP TABLE " BASE " " TABLE_COLUMNS ";"
  "CREATE TEMP TABLE " FOUND_0 " " TABLE_COLUMNS ";"
  "CREATE TEMP TABLE " FOUND_1 " " TABLE_COLUMNS ";";

/* One statement per table: [TABLE_BASE], [TABLE_SEARCH_0], [TABLE_SEARCH_1]. */
#define PER_TABLE(MACRO) { MACRO (BASE), MACRO (FOUND_0), MACRO (FOUND_1) }

/* Parameters of every materialising statement: ?1 as of (Julian day), ?2 overdue only,
 * ?3 ?4 bucket range (Julian days of the oldest item, NULL: any bucket), ?5 aging basis
 * (1: by issue date), ?6 status or NULL, ?7 currency or NULL, ?8 plan or promise only,
 * ?9 as of ("YYYY-MM-DD", for next action dates), ?10 the debtors a running plan or a pending
 * promise pauses (a bitmap, see hit_func(); from ar_ledger_foreach_dunning_pause()). */
#define MAT_SELECT \
  "INSERT INTO temp." BASE " (debtor_id, currency, balance)" \
  " SELECT d.id, b.currency, coalesce (b.balance, 0)" \
  " FROM debtors d LEFT JOIN balances b ON b.debtor_id = d.id"
/* Only future next actions are in this range of the index: far fewer than the activities. */
#define MAT_NEXT_ACTION_JOIN \
  " LEFT JOIN (SELECT debtor_id, min (next_action_date) AS next_action" \
  "   FROM activities INDEXED BY activities_by_next_action WHERE next_action_date >= ?9" \
  "   GROUP BY debtor_id) n ON n.debtor_id = d.id"
#define OLDEST_ISSUE(debtor, currency) \
  "(SELECT min (o.issue_jd) FROM open_items o INDEXED BY open_items_by_debtor" \
  "  WHERE o.debtor_id = " debtor " AND o.currency = " currency ")"
#define MAT_WHERE \
  " WHERE (?2 = 0 OR b.oldest_due_jd < ?1)" \
  " AND (?3 IS NULL OR (b.oldest_due_jd IS NOT NULL" \
  "      AND (CASE WHEN ?5 = 1 THEN " OLDEST_ISSUE ("b.debtor_id", "b.currency") \
  "           ELSE b.oldest_due_jd END) BETWEEN ?3 AND ?4))" \
  " AND (?6 IS NULL OR d.status = ?6)" \
  " AND (?7 IS NULL OR b.currency = ?7)" \
  " AND (?8 = 0 OR d.status = 'plan' OR d.status = 'promise' OR ar_account_hit (?10, d.id))"
#define STATUS_RANK \
  "CASE d.status WHEN 'active' THEN 0 WHEN 'disputed' THEN 1 WHEN 'promise' THEN 2" \
  " WHEN 'plan' THEN 3 WHEN 'agency' THEN 4 WHEN 'legal' THEN 5 WHEN 'bankrupt' THEN 6" \
  " WHEN 'deceased' THEN 7 WHEN 'paid' THEN 8 WHEN 'written_off' THEN 9 ELSE 10 END"
#define LAST_CONTACT(debtor) \
  "(SELECT max (a.occurred_at) FROM activities a INDEXED BY activities_by_debtor" \
  "  WHERE a.debtor_id = " debtor ")"
#define DAYS_KEY "coalesce (?1 - b.oldest_due_jd, 0)"

#define MAT(order) MAT_SELECT MAT_WHERE " ORDER BY " order
#define MAT_NEXT(order) MAT_SELECT MAT_NEXT_ACTION_JOIN MAT_WHERE " ORDER BY " order

/* [sort][descending]: the only ORDER BY clauses there are. */
static const char * const materialise_sql[AR_N_ACCOUNT_SORTS][2] = {
  [AR_ACCOUNT_SORT_NAME] = {
    MAT ("d.name COLLATE NOCASE, d.id, b.currency"),
    MAT ("d.name COLLATE NOCASE DESC, d.id DESC, b.currency DESC") },
  [AR_ACCOUNT_SORT_BALANCE] = {
    MAT ("b.currency, coalesce (b.balance, 0), d.id"),
    MAT ("b.currency DESC, coalesce (b.balance, 0) DESC, d.id DESC") },
  [AR_ACCOUNT_SORT_DAYS_OVERDUE] = {
    MAT (DAYS_KEY ", d.id, b.currency"),
    MAT (DAYS_KEY " DESC, d.id DESC, b.currency DESC") },
  [AR_ACCOUNT_SORT_STATUS] = {
    MAT (STATUS_RANK ", d.id, b.currency"),
    MAT (STATUS_RANK " DESC, d.id DESC, b.currency DESC") },
  [AR_ACCOUNT_SORT_LAST_CONTACT] = {
    MAT (LAST_CONTACT ("d.id") " NULLS LAST, d.id, b.currency"),
    MAT (LAST_CONTACT ("d.id") " DESC NULLS LAST, d.id DESC, b.currency DESC") },
  [AR_ACCOUNT_SORT_NEXT_ACTION] = {
    MAT_NEXT ("n.next_action NULLS LAST, d.id, b.currency"),
    MAT_NEXT ("n.next_action DESC NULLS LAST, d.id DESC, b.currency DESC") },
  [AR_ACCOUNT_SORT_EXTERNAL_ID] = {
    MAT ("d.external_id, b.currency"),
    MAT ("d.external_id DESC, b.currency DESC") },
};

/* Where a search looks, one sequential pass over each (the name and external id through their
 * covering indexes), with ?1 the search in ASCII lower case and ?2 the source's number for
 * scan_func(). Invoices, three times as many rows with long descriptions, in two narrow passes
 * instead of one over the table: the invoices found, through the unique index on the number,
 * then (when there are any) their debtors, through invoices_by_debtor with ?1 the invoices'
 * bitmap. The first search after opening the book no longer reads the invoice table: 98 → 81
 * ms. */
enum { SOURCE_NAME, SOURCE_EXTERNAL_ID, SOURCE_EMAIL, SOURCE_PHONE, SOURCE_INVOICE, N_SOURCES };
static const char * const source_sql[N_SOURCES] = {
  [SOURCE_NAME] = "SELECT id FROM debtors WHERE ar_account_scan (name, ?1, ?2)",
  [SOURCE_EXTERNAL_ID] = "SELECT id FROM debtors WHERE ar_account_scan (external_id, ?1, ?2)",
  [SOURCE_EMAIL] = "SELECT debtor_id FROM emails WHERE ar_account_scan (address, ?1, ?2)",
  [SOURCE_PHONE] = "SELECT debtor_id FROM phones WHERE ar_account_scan (number, ?1, ?2)",
  [SOURCE_INVOICE] = "SELECT id FROM invoices WHERE ar_account_scan (number, ?1, ?2)",
};
static const char invoice_debtors_sql[] =
  "SELECT debtor_id FROM invoices INDEXED BY invoices_by_debtor WHERE ar_account_hit (?1, id)";
static const char data_version_sql[] = "PRAGMA data_version";
static const char max_debtor_sql[] = "SELECT max (id) FROM debtors";
static const char currencies_sql[] = "SELECT DISTINCT currency FROM balances ORDER BY currency";
static const char max_invoice_sql[] = "SELECT max (id) FROM invoices";

/* ?1 the hits (a pointer, see hit_func()): the rows of @source whose debtor was found, in
 * order. The source is the sorted rows, or the rows of the search the new one extends. */
#define SEARCH(target, source) \
  "INSERT INTO temp." target " (debtor_id, currency, balance, src)" \
  " SELECT debtor_id, currency, balance, pos FROM temp." source \
  " WHERE ar_account_hit (?1, debtor_id) ORDER BY pos"
/* By source table; the target is the other search table (search_target()). */
static const char * const search_sql[N_TABLES] = {
  SEARCH (FOUND_0, BASE), SEARCH (FOUND_1, FOUND_0), SEARCH (FOUND_0, FOUND_1),
};

/* The same test, row by row, for the few rows of an earlier search. */
#define NARROW(target, source) \
  "INSERT INTO temp." target " (debtor_id, currency, balance, src)" \
  " SELECT v.debtor_id, v.currency, v.balance, v.pos FROM temp." source " v" \
  " WHERE EXISTS (SELECT 1 FROM debtors d WHERE d.id = v.debtor_id" \
  "               AND (ar_account_contains (d.name, ?1) OR ar_account_contains (d.external_id, ?1)))" \
  " OR EXISTS (SELECT 1 FROM invoices i INDEXED BY invoices_by_debtor" \
  "            WHERE i.debtor_id = v.debtor_id AND ar_account_contains (i.number, ?1))" \
  " OR EXISTS (SELECT 1 FROM emails e INDEXED BY emails_by_debtor" \
  "            WHERE e.debtor_id = v.debtor_id AND ar_account_contains (e.address, ?1))" \
  " OR EXISTS (SELECT 1 FROM phones p INDEXED BY phones_by_debtor" \
  "            WHERE p.debtor_id = v.debtor_id AND ar_account_contains (p.number, ?1))" \
  " ORDER BY v.pos"
/* By target table. */
static const char * const narrow_sql[N_TABLES] = {
  NULL, NARROW (FOUND_0, FOUND_1), NARROW (FOUND_1, FOUND_0),
};

/* ?1 ?2 the positions, ?3 as of ("YYYY-MM-DD"), ?4 aging basis (1: by issue date). */
#define PAGE(table) \
  "SELECT v.pos, v.debtor_id, d.external_id, d.name, d.status, v.currency, b.balance," \
  " b.oldest_due_jd," \
  " CASE WHEN ?4 = 1 AND b.oldest_due_jd IS NOT NULL" \
  "   THEN " OLDEST_ISSUE ("v.debtor_id", "v.currency") " END," \
  " " LAST_CONTACT ("v.debtor_id") "," \
  " (SELECT min (a.next_action_date) FROM activities a INDEXED BY activities_by_debtor" \
  "   WHERE a.debtor_id = v.debtor_id AND a.next_action_date >= ?3)" \
  " FROM temp." table " v LEFT JOIN debtors d ON d.id = v.debtor_id" \
  " LEFT JOIN balances b ON b.debtor_id = v.debtor_id AND b.currency = v.currency" \
  " WHERE v.pos BETWEEN ?1 AND ?2 ORDER BY v.pos"
static const char * const page_sql[N_TABLES] = PER_TABLE (PAGE);

/* The footer reads the rows shown once, in the table's order, and adds up in C: a currency's
 * rows are its debtors, since a (debtor, currency) is one row, and the balances are the ones
 * stored with the rows (kept current by ar_account_model_refresh()). With GROUP BY currency
 * and a count (DISTINCT) against the balances the footer took 50 ms at 100,000 rows, as long
 * as a search keystroke; this pass takes a fifth of it. */
#define SUMMARY_ROWS(table) "SELECT debtor_id, currency, balance FROM temp." table
static const char * const summary_sql[N_TABLES] = PER_TABLE (SUMMARY_ROWS);
/* The debtors with rows in more than one currency, counted once each. */
static const char multi_sql[] =
  "SELECT debtor_id FROM balances GROUP BY debtor_id HAVING count (*) > 1";
static const char debtor_currencies_sql[] = "SELECT count (*) FROM balances WHERE debtor_id = ?1";
#define POSITIONS(table) "SELECT pos FROM temp." table " WHERE debtor_id = ?1 ORDER BY pos"
static const char * const positions_sql[N_TABLES] = PER_TABLE (POSITIONS);
#define FIND(table) \
  "SELECT pos FROM temp." table " WHERE debtor_id = ?1 AND coalesce (currency, '') = ?2"
static const char * const find_sql[N_TABLES] = PER_TABLE (FIND);
#define SOURCES(table) "SELECT src FROM temp." table " WHERE pos BETWEEN 1 AND ?1 ORDER BY pos"
static const char * const sources_sql[N_TABLES] = PER_TABLE (SOURCES);
#define UPDATE_BALANCE(table) \
  "UPDATE temp." table " SET balance = coalesce ((SELECT b.balance FROM balances b" \
  "   WHERE b.debtor_id = ?1 AND b.currency = temp." table ".currency), 0)" \
  " WHERE debtor_id = ?1"
static const char * const update_balance_sql[N_TABLES] = PER_TABLE (UPDATE_BALANCE);
#define CLEAR(table) "DELETE FROM temp." table
static const char * const clear_sql[N_TABLES] = PER_TABLE (CLEAR);

/* One bit per debtor id (see hit_func()). */
typedef struct
{
  gint64  max_id;
  guint8 *bits;
} Hits;

typedef struct
{
  guint       index;    /* first position = index × PAGE_SIZE */
  guint       n;
  ArAccount **items;
} Page;

/* A set of bytes. */
typedef struct
{
  guint32 bits[8];
} CharSet;

struct _ArAccountModel
{
  GObject        parent_instance;

  ArLedger      *ledger;
  sqlite3       *db;               /* the model's own read-only connection */
  gboolean       ready;            /* the tables exist and the first query ran */
  GError        *init_error;

  guint32        as_of;
  char           as_of_text[11];
  ArAgingConfig  aging;
  char           bucket_labels[AR_AGING_MAX_BUCKETS][16];

  ArAccountSort  sort;
  gboolean       descending;
  ArAccountFilter filter;          /* filter.currency points at currency */
  char          *currency;
  char          *search;           /* NULL: no search */

  guint          view;             /* the table shown: TABLE_BASE or a search table */
  char          *view_search;      /* the search the search table holds, ASCII lower case */
  guint          n_base;
  guint          n_items;

  GQueue         pages;            /* Page *, most recently used first */

  /* Set by apply_search(): the rows found are some of the rows the list showed, in the same
   * order (the new search extends the old one), each with its position among them in src. */
  gboolean       narrowed;
  guint          narrow_source;    /* the table they came from, cleared after the change */
  /* After a change of search, until the next change: the rows the pages held before it, by
   * "debtor id:currency", so that a row that stays is the same object and GTK keeps its
   * widgets (account_from_row()). */
  GHashTable    *reuse;

  gboolean       same_rows;        /* the next requery only orders the rows anew */
  gboolean       have_summary;
  guint          summary_n_debtors;
  GArray        *summary_totals;
  Hits           multi;            /* debtors owing in two currencies or more; NULL bits:
                                    * not read yet */

  /* The bytes (ASCII folded to lower case) each search source holds, learnt during a full
   * pass (see scan_func()), valid while the book's data_version is the same. */
  CharSet        chars[N_SOURCES];
  gboolean       chars_known[N_SOURCES];
  CharSet        learning;         /* the source being read */
  gint64         chars_version;
  GCancellable  *learner;          /* the worker learning them at the start (learn_sources()) */

  sqlite3_stmt  *materialise[AR_N_ACCOUNT_SORTS][2];
  sqlite3_stmt  *source_stmt[N_SOURCES];
  sqlite3_stmt  *data_version_stmt;
  sqlite3_stmt  *invoice_debtors_stmt;
  sqlite3_stmt  *max_debtor_stmt;
  sqlite3_stmt  *max_invoice_stmt;
  sqlite3_stmt  *search_stmt[N_TABLES];     /* from [i] into the other search table */
  sqlite3_stmt  *sources_stmt[N_TABLES];
  sqlite3_stmt  *narrow_stmt[N_TABLES];     /* into [i] from the other search table */
  sqlite3_stmt  *page_stmt[N_TABLES];
  sqlite3_stmt  *summary_stmt[N_TABLES];
  sqlite3_stmt  *multi_stmt;
  sqlite3_stmt  *debtor_currencies_stmt;
  sqlite3_stmt  *positions_stmt[N_TABLES];
  sqlite3_stmt  *find_stmt[N_TABLES];
  sqlite3_stmt  *currencies_stmt;
  sqlite3_stmt  *update_balance_stmt[N_TABLES];
  sqlite3_stmt  *clear_stmt[N_TABLES];
};

static void ar_account_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ArAccountModel, ar_account_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      ar_account_model_list_model_init))

enum
{
  PROP_0,
  PROP_LEDGER,
  PROP_AS_OF,
  PROP_SORT,
  PROP_DESCENDING,
  PROP_SEARCH,
  PROP_OVERDUE_ONLY,
  PROP_BUCKET,
  PROP_STATUS,
  PROP_CURRENCY,
  PROP_PLAN_OR_PROMISE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CHANGING, SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Statements ------------------------------------------------------------------------------ */

static gboolean
set_sql_error (ArAccountModel *self, const char *what, GError **error)
{
  g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_SQL, "%s: %s", what,
               sqlite3_errmsg (self->db));
  return FALSE;
}

/* The statement in @slot, prepared from @sql (a static string) at first use; reset. */
static sqlite3_stmt *
prepare (ArAccountModel  *self,
         sqlite3_stmt   **slot,
         const char      *sql,
         GError         **error)
{
  if (*slot != NULL)
    {
      sqlite3_reset (*slot);
      sqlite3_clear_bindings (*slot);
      return *slot;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK)
    {
      g_critical ("Could not prepare %s: %s", sql, sqlite3_errmsg (self->db));
      set_sql_error (self, _("Could not list the accounts"), error);
      g_clear_pointer (slot, sqlite3_finalize);
      return NULL;
    }
  return *slot;
}

static void
finalize_statements (sqlite3_stmt **stmts, guint n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&stmts[i], sqlite3_finalize);
}

/* Steps @stmt to completion and resets it. */
static gboolean
step_done (ArAccountModel *self, sqlite3_stmt *stmt, GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    set_sql_error (self, _("Could not list the accounts"), error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
clear_table (ArAccountModel *self, guint table, GError **error)
{
  sqlite3_stmt *stmt = prepare (self, &self->clear_stmt[table], clear_sql[table], error);

  return stmt != NULL && step_done (self, stmt, error);
}

/* Binding helpers for statements whose variants use a subset of the parameters. */
static void
bind_int64 (sqlite3_stmt *stmt, int index, gint64 value)
{
  if (index <= sqlite3_bind_parameter_count (stmt))
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (index <= sqlite3_bind_parameter_count (stmt) && text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Pages ----------------------------------------------------------------------------------- */

static void
page_free (Page *page)
{
  for (guint i = 0; i < page->n; i++)
    g_clear_object (&page->items[i]);
  g_free (page->items);
  g_free (page);
}

static void
clear_page_queue (GQueue *pages)
{
  Page *page;

  while ((page = g_queue_pop_head (pages)) != NULL)
    page_free (page);
}

static void
clear_pages (ArAccountModel *self)
{
  clear_page_queue (&self->pages);
}

static char *
reuse_key (gint64 debtor_id, const char *currency)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", debtor_id, currency != NULL ? currency : "");
}

/* Keeps the rows of the pages for the next pages to reuse, and lets go of the pages. */
static void
remember_rows (ArAccountModel *self)
{
  if (self->reuse == NULL)
    self->reuse = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      for (guint i = 0; i < page->n; i++)
        g_hash_table_replace (self->reuse,
                              reuse_key (ar_account_get_debtor_id (page->items[i]),
                                         ar_account_get_currency (page->items[i])),
                              g_object_ref (page->items[i]));
    }
  clear_pages (self);
}

static void
drop_kept_rows (ArAccountModel *self)
{
  g_clear_pointer (&self->reuse, g_hash_table_unref);
}

/* Before a change of search: the rows shown so far are the ones to reuse. */
static void
keep_rows (ArAccountModel *self)
{
  drop_kept_rows (self);
  remember_rows (self);
}

static void
clear_summary (ArAccountModel *self)
{
  self->have_summary = FALSE;
  g_clear_pointer (&self->summary_totals, g_array_unref);
}

/* "YYYY-MM-DD" of an ISO 8601 UTC timestamp, in the local time zone. */
static void
local_date (const char *timestamp, char buf[11])
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;

  buf[0] = '\0';
  if (timestamp == NULL)
    return;
  utc = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (utc == NULL || (local = g_date_time_to_local (utc)) == NULL)
    {
      g_strlcpy (buf, timestamp, 11);
      return;
    }
  text = g_date_time_format (local, "%Y-%m-%d");
  g_strlcpy (buf, text, 11);
}

static gboolean
same_text (const char *a, const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* Whether @account shows what @info does (a row kept through a change of search is reused
 * only when the ledger has not changed it meanwhile). */
static gboolean
same_account (ArAccount *account, const ArAccountInfo *info)
{
  return ar_account_get_balance (account) == info->balance &&
         ar_account_get_days_overdue (account) == info->days_overdue &&
         ar_account_get_bucket (account) == info->bucket &&
         ar_account_get_status (account) == info->status &&
         same_text (ar_account_get_name (account), info->name) &&
         same_text (ar_account_get_external_id (account), info->external_id) &&
         same_text (ar_account_get_bucket_label (account), info->bucket_label) &&
         same_text (ar_account_get_last_contact (account), info->last_contact) &&
         same_text (ar_account_get_next_action (account), info->next_action);
}

/* The account at the current row of @stmt (page_sql's columns). */
static ArAccount *
account_from_row (ArAccountModel *self, sqlite3_stmt *stmt)
{
  ArAccountInfo info = { 0 };
  ArDebtorStatus status = AR_STATUS_ACTIVE;
  char last_contact[11];

  info.debtor_id = sqlite3_column_int64 (stmt, 1);
  info.external_id = (const char *) sqlite3_column_text (stmt, 2);
  info.name = (const char *) sqlite3_column_text (stmt, 3);
  ar_debtor_status_from_string ((const char *) sqlite3_column_text (stmt, 4), &status);
  info.status = status;
  info.currency = (const char *) sqlite3_column_text (stmt, 5);
  info.balance = sqlite3_column_int64 (stmt, 6);
  info.bucket = AR_ACCOUNT_NO_BUCKET;
  info.bucket_label = "";
  if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
    {
      gint64 oldest_due = sqlite3_column_int64 (stmt, 7);
      gint64 days = (gint64) self->as_of - oldest_due;
      gint64 age = days;

      if (self->aging.basis == AR_AGING_BY_ISSUE_DATE &&
          sqlite3_column_type (stmt, 8) != SQLITE_NULL)
        age = (gint64) self->as_of - sqlite3_column_int64 (stmt, 8);
      info.days_overdue = (int) CLAMP (days, G_MININT, G_MAXINT);
      info.bucket = (int) ar_aging_bucket_for_days (&self->aging,
                                                    (int) CLAMP (age, G_MININT, G_MAXINT));
      info.bucket_label = self->bucket_labels[info.bucket];
    }
  local_date ((const char *) sqlite3_column_text (stmt, 9), last_contact);
  info.last_contact = last_contact;
  info.next_action = (const char *) sqlite3_column_text (stmt, 10);
  if (self->reuse != NULL)
    {
      g_autofree char *key = reuse_key (info.debtor_id, info.currency);
      ArAccount *kept = g_hash_table_lookup (self->reuse, key);

      if (kept != NULL && same_account (kept, &info))
        return g_object_ref (kept);
    }
  return ar_account_new (&info);
}

/* Reads positions [@first, @first + @n) (0-based) into @items, which has @n slots. Slots of
 * rows that could not be read get an empty account, so that get_item() never returns NULL
 * below n_items. */
static void
read_rows (ArAccountModel *self, guint table, guint first, guint n, ArAccount **items)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = prepare (self, &self->page_stmt[table], page_sql[table], &error);
  int rc = SQLITE_DONE;

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, (gint64) first + 1);
      sqlite3_bind_int64 (stmt, 2, (gint64) first + n);
      sqlite3_bind_text (stmt, 3, self->as_of_text, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, self->aging.basis == AR_AGING_BY_ISSUE_DATE);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 pos = sqlite3_column_int64 (stmt, 0) - 1 - (gint64) first;

          if (pos >= 0 && pos < n && items[pos] == NULL)
            items[pos] = account_from_row (self, stmt);
        }
      if (rc != SQLITE_DONE)
        set_sql_error (self, _("Could not list the accounts"), &error);
      sqlite3_reset (stmt);
    }
  if (error != NULL)
    g_warning ("%s", error->message);

  for (guint i = 0; i < n; i++)
    if (items[i] == NULL)
      {
        ArAccountInfo empty = { .bucket = AR_ACCOUNT_NO_BUCKET };
        items[i] = ar_account_new (&empty);
      }
}

static Page *
lookup_page (GQueue *pages, guint index)
{
  for (GList *l = pages->head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      if (page->index == index)
        {
          if (l != pages->head)
            {
              g_queue_unlink (pages, l);
              g_queue_push_head_link (pages, l);
            }
          return page;
        }
    }
  return NULL;
}

static Page *
load_page (ArAccountModel *self, guint index)
{
  Page *page = g_new0 (Page, 1);
  guint first = index * PAGE_SIZE;

  page->index = index;
  page->n = MIN (PAGE_SIZE, self->n_items - first);
  page->items = g_new0 (ArAccount *, page->n);
  read_rows (self, self->view, first, page->n, page->items);

  g_queue_push_head (&self->pages, page);
  while (self->pages.length > MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
  return page;
}

/* GListModel ------------------------------------------------------------------------------ */

static GType
ar_account_model_get_item_type (GListModel *model)
{
  return AR_TYPE_ACCOUNT;
}

static guint
ar_account_model_get_n_items (GListModel *model)
{
  return AR_ACCOUNT_MODEL (model)->n_items;
}

static gpointer
ar_account_model_get_item (GListModel *model, guint position)
{
  ArAccountModel *self = AR_ACCOUNT_MODEL (model);
  Page *page;

  if (position >= self->n_items)
    return NULL;
  page = lookup_page (&self->pages, position / PAGE_SIZE);
  if (page == NULL)
    page = load_page (self, position / PAGE_SIZE);
  return g_object_ref (page->items[position % PAGE_SIZE]);
}

static void
ar_account_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ar_account_model_get_item_type;
  iface->get_n_items = ar_account_model_get_n_items;
  iface->get_item = ar_account_model_get_item;
}

/* Queries --------------------------------------------------------------------------------- */

/* ASCII lower case, for "does the new search contain the old one". */
static char *
fold (const char *text)
{
  return g_ascii_strdown (text, -1);
}

/* ar_account_contains (text, needle): whether @text contains @needle (in ASCII lower case),
 * ASCII case-insensitively: what LIKE '%needle%' means with its wildcards escaped (SQLite's
 * LIKE folds ASCII only). LIKE's pattern matcher tries the pattern at each character, decoding
 * UTF-8 and folding case as it goes; this looks for the needle's first byte and compares from
 * there. */
static gboolean
contains (const char *text, int n_text, const char *needle, int n_needle)
{
  char first = needle[0], first_upper = g_ascii_toupper (first);

  for (int i = 0; i + n_needle <= n_text; i++)
    if (n_needle == 0 ||
        ((text[i] == first || text[i] == first_upper) &&
         g_ascii_strncasecmp (text + i + 1, needle + 1, (gsize) n_needle - 1) == 0))
      return TRUE;
  return FALSE;
}

static void
contains_func (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  const char *needle = (const char *) sqlite3_value_text (argv[1]);

  sqlite3_result_int (context, text != NULL && needle != NULL &&
                               contains (text, sqlite3_value_bytes (argv[0]), needle,
                                         sqlite3_value_bytes (argv[1])));
}

/* Which bytes a source holds. A search whose text has a byte that no row of a source has can't
 * find anything there, and most sources hold few kinds of byte: phone numbers digits and
 * punctuation, invoice numbers and external ids a prefix and digits. So a full pass over a
 * source notes its bytes as it goes (scan_func()), and later searches skip the sources that
 * can't match: typing "mu" reads the names and the emails but neither the phones nor the
 * 300,000 invoice numbers of the 100,000-debtor demo book. The sets are forgotten when another
 * connection commits (PRAGMA data_version), since a new row may bring new bytes. */
static void
char_set_add (CharSet *set, const char *text, int n)
{
  for (int i = 0; i < n; i++)
    {
      guint8 byte = (guint8) g_ascii_tolower (text[i]);

      set->bits[byte >> 5] |= 1u << (byte & 31);
    }
}

static gboolean
char_set_has_all (const CharSet *set, const char *needle)
{
  for (const guint8 *p = (const guint8 *) needle; *p != 0; p++)
    if ((set->bits[*p >> 5] & (1u << (*p & 31))) == 0)
      return FALSE;
  return TRUE;
}

/* ar_account_scan (text, needle, source): contains_func() for a full pass over @source, noting
 * the bytes of every text it is shown into the model's learning set. */
static void
scan_func (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  ArAccountModel *self = sqlite3_user_data (context);
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  const char *needle = (const char *) sqlite3_value_text (argv[1]);
  int n_text = sqlite3_value_bytes (argv[0]);

  if (text != NULL)
    char_set_add (&self->learning, text, n_text);
  sqlite3_result_int (context, text != NULL && needle != NULL &&
                               contains (text, n_text, needle, sqlite3_value_bytes (argv[1])));
}

/* The debtors a search found: one bit per debtor id. The search statement reads it through
 * ar_account_hit (?1, debtor_id), ?1 bound with sqlite3_bind_pointer(): a bitmap of a million
 * debtors is 125 kB, and testing it costs less than building and probing SQLite's own set of
 * the ids an IN (…) would make (that took 60 of 150 ms for a one-letter search). */

#define HITS_POINTER_TYPE "ArAccountHits"

static void
hits_clear (Hits *hits)
{
  g_clear_pointer (&hits->bits, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Hits, hits_clear)

/* ar_account_hit (hits, id): is @id's bit set? */
static void
hit_func (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  const Hits *hits = sqlite3_value_pointer (argv[0], HITS_POINTER_TYPE);
  gint64 id = sqlite3_value_int64 (argv[1]);

  sqlite3_result_int (context, hits != NULL && id >= 0 && id <= hits->max_id &&
                               (hits->bits[id >> 3] & (1u << (id & 7))) != 0);
}

static gboolean
hits_init (ArAccountModel  *self,
           Hits            *hits,
           sqlite3_stmt   **slot,
           const char      *max_sql,
           GError         **error)
{
  sqlite3_stmt *stmt = prepare (self, slot, max_sql, error);

  if (stmt == NULL)
    return FALSE;
  hits->max_id = sqlite3_step (stmt) == SQLITE_ROW ? MAX (sqlite3_column_int64 (stmt, 0), 0) : 0;
  sqlite3_reset (stmt);
  hits->bits = g_malloc0 ((gsize) (hits->max_id / 8 + 1));
  return TRUE;
}

/* Steps @stmt (its bindings set), setting the bit in @hits of each id in its first column and
 * counting them into @n_found; then resets it and clears its bindings. */
static gboolean
step_ids (ArAccountModel  *self,
          sqlite3_stmt    *stmt,
          Hits            *hits,
          gint64          *n_found,
          GError         **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id >= 0 && id <= hits->max_id)
        hits->bits[id >> 3] |= (guint8) (1u << (id & 7));
      (*n_found)++;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return set_sql_error (self, _("Could not search the accounts"), error);
  return TRUE;
}

/* Sets the bit in @hits of every id @sql returns, with ?1 bound to @pattern or to @source;
 * counts them into @n_found. */
static gboolean
collect_hits (ArAccountModel  *self,
              sqlite3_stmt   **slot,
              const char      *sql,
              const char      *pattern,
              Hits            *source,
              Hits            *hits,
              gint64          *n_found,
              GError         **error)
{
  sqlite3_stmt *stmt = prepare (self, slot, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (source != NULL)
    sqlite3_bind_pointer (stmt, 1, source, HITS_POINTER_TYPE, NULL);
  else
    sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  return step_ids (self, stmt, hits, n_found, error);
}

/* The ids @source finds for @pattern, into @hits; nothing read when the source can't match. */
static gboolean
scan_source (ArAccountModel  *self,
             guint            source,
             const char      *pattern,
             Hits            *hits,
             gint64          *n_found,
             GError         **error)
{
  sqlite3_stmt *stmt;

  if (self->chars_known[source] && !char_set_has_all (&self->chars[source], pattern))
    return TRUE;
  if ((stmt = prepare (self, &self->source_stmt[source], source_sql[source], error)) == NULL)
    return FALSE;
  memset (&self->learning, 0, sizeof self->learning);
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (int) source);
  if (!step_ids (self, stmt, hits, n_found, error))
    return FALSE;
  self->chars[source] = self->learning;
  self->chars_known[source] = TRUE;
  return TRUE;
}

/* Forgets what the sources hold when another connection has committed since it was learnt. */
static gboolean
check_data_version (ArAccountModel *self, GError **error)
{
  sqlite3_stmt *stmt = prepare (self, &self->data_version_stmt, data_version_sql, error);
  gint64 version;

  if (stmt == NULL)
    return FALSE;
  version = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_reset (stmt);
  if (version < 0 || version != self->chars_version)
    memset (self->chars_known, 0, sizeof self->chars_known);
  self->chars_version = version;
  return TRUE;
}

/* Learning the sources' bytes ahead of the first search, in a worker with a connection of its
 * own: otherwise the first search reads every source (at 100,000 debtors 88 of its 106 ms, where
 * knowing them it reads two). What the worker learns is kept only if the model's connection
 * has seen no commit since the worker started (data_version unchanged): it can then only have
 * read the same rows, or newer ones, whose bytes are a superset, which costs a search nothing
 * but a pass it could have skipped. */

typedef struct
{
  char      *path;
  GWeakRef   model;
  gint64     version;   /* the model's data_version when the worker started */
  CharSet    chars[N_SOURCES];
} Learning;

static void
learning_free (Learning *learning)
{
  g_free (learning->path);
  g_weak_ref_clear (&learning->model);
  g_free (learning);
}

static void
learn_func (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text != NULL)
    char_set_add (sqlite3_user_data (context), text, sqlite3_value_bytes (argv[0]));
  sqlite3_result_int (context, 0);
}

static void
learn_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  static const char * const learn_sql[N_SOURCES] = {
    [SOURCE_NAME] = "SELECT count (*) FROM debtors WHERE ar_learn (name)",
    [SOURCE_EXTERNAL_ID] = "SELECT count (*) FROM debtors WHERE ar_learn (external_id)",
    [SOURCE_EMAIL] = "SELECT count (*) FROM emails WHERE ar_learn (address)",
    [SOURCE_PHONE] = "SELECT count (*) FROM phones WHERE ar_learn (number)",
    [SOURCE_INVOICE] = "SELECT count (*) FROM invoices WHERE ar_learn (number)",
  };
  Learning *learning = task_data;
  sqlite3 *db = NULL;
  gboolean ok = sqlite3_open_v2 (learning->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK;

  if (ok)
    sqlite3_busy_timeout (db, 5000);
  for (guint source = 0; ok && source < N_SOURCES; source++)
    {
      sqlite3_stmt *stmt = NULL;

      ok = !g_cancellable_is_cancelled (cancellable) &&
           sqlite3_create_function (db, "ar_learn", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                    &learning->chars[source], learn_func, NULL, NULL)
             == SQLITE_OK &&
           sqlite3_prepare_v2 (db, learn_sql[source], -1, &stmt, NULL) == SQLITE_OK &&
           sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  g_task_return_boolean (task, ok);
}

static void
learn_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Learning *learning = g_task_get_task_data (G_TASK (result));
  g_autoptr(ArAccountModel) self = g_weak_ref_get (&learning->model);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || self == NULL || self->db == NULL ||
      !check_data_version (self, &error) || self->chars_version != learning->version)
    return;
  for (guint source = 0; source < N_SOURCES; source++)
    if (!self->chars_known[source])
      {
        self->chars[source] = learning->chars[source];
        self->chars_known[source] = TRUE;
      }
}

static void
learn_sources (ArAccountModel *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Learning *learning;

  if (!check_data_version (self, &error))
    return;
  learning = g_new0 (Learning, 1);
  learning->path = g_strdup (ar_ledger_get_path (self->ledger));
  g_weak_ref_init (&learning->model, self);
  learning->version = self->chars_version;
  self->learner = g_cancellable_new ();
  /* No source object: the task must not keep the model alive. */
  task = g_task_new (NULL, self->learner, learn_done_cb, NULL);
  g_task_set_source_tag (task, learn_sources);
  g_task_set_task_data (task, learning, (GDestroyNotify) learning_free);
  g_task_run_in_thread (task, learn_worker);
}

static gboolean
find_hits (ArAccountModel *self, const char *pattern, Hits *hits, GError **error)
{
  g_auto(Hits) invoices = { 0, NULL };
  gint64 n_debtors = 0, n_invoices = 0;

  if (!check_data_version (self, error) ||
      !hits_init (self, hits, &self->max_debtor_stmt, max_debtor_sql, error))
    return FALSE;
  for (guint source = SOURCE_NAME; source <= SOURCE_PHONE; source++)
    if (!scan_source (self, source, pattern, hits, &n_debtors, error))
      return FALSE;
  return hits_init (self, &invoices, &self->max_invoice_stmt, max_invoice_sql, error) &&
         scan_source (self, SOURCE_INVOICE, pattern, &invoices, &n_invoices, error) &&
         (n_invoices == 0 ||
          collect_hits (self, &self->invoice_debtors_stmt, invoice_debtors_sql, NULL, &invoices,
                        hits, &n_debtors, error));
}

/* The range of Julian days of the oldest item that puts a row in @bucket. */
static void
bucket_range (ArAccountModel *self, guint bucket, gint64 *lo, gint64 *hi)
{
  const ArAgingConfig *c = &self->aging;
  gint64 as_of = self->as_of;

  if (bucket == 0)  /* days ≤ 0 */
    {
      *lo = as_of;
      *hi = G_MAXINT64;
    }
  else if (bucket <= c->n_limits)  /* days in (previous limit, limit] */
    {
      gint64 previous = bucket == 1 ? 0 : c->limits[bucket - 2];

      *lo = as_of - c->limits[bucket - 1];
      *hi = as_of - previous - 1;
    }
  else  /* beyond the last limit */
    {
      *lo = G_MININT64;
      *hi = as_of - c->limits[c->n_limits - 1] - 1;
    }
}

static gboolean
collect_pause (gint64 debtor_id, ArDunningPause pause, guint32 until, gpointer user_data)
{
  Hits *hits = user_data;

  if (debtor_id >= 0 && debtor_id <= hits->max_id)
    hits->bits[debtor_id >> 3] |= (guint8) (1u << (debtor_id & 7));
  return TRUE;
}

/* The debtors a running plan or a pending promise covers as of the list's day. Their number
 * follows the arrangements, not the book. */
static gboolean
find_arrangements (ArAccountModel *self, Hits *hits, GError **error)
{
  return hits_init (self, hits, &self->max_debtor_stmt, max_debtor_sql, error) &&
         ar_ledger_foreach_dunning_pause (self->ledger, self->as_of, collect_pause, hits, error);
}

static gboolean
materialise (ArAccountModel *self, GError **error)
{
  g_auto(Hits) arranged = { 0, NULL };
  sqlite3_stmt *stmt;
  gboolean ok;

  for (guint t = 0; t < N_TABLES; t++)
    if (!clear_table (self, t, error))
      return FALSE;
  self->view = TABLE_BASE;
  g_clear_pointer (&self->view_search, g_free);
  self->n_base = self->n_items = 0;

  stmt = prepare (self, &self->materialise[self->sort][self->descending ? 1 : 0],
                  materialise_sql[self->sort][self->descending ? 1 : 0], error);
  if (stmt == NULL)
    return FALSE;
  bind_int64 (stmt, 1, self->as_of);
  bind_int64 (stmt, 2, self->filter.overdue_only ? 1 : 0);
  if (self->filter.bucket >= 0)
    {
      gint64 lo, hi;

      bucket_range (self, (guint) self->filter.bucket, &lo, &hi);
      bind_int64 (stmt, 3, lo);
      bind_int64 (stmt, 4, hi);
    }
  bind_int64 (stmt, 5, self->aging.basis == AR_AGING_BY_ISSUE_DATE);
  if (self->filter.status >= 0)
    bind_text (stmt, 6, ar_debtor_status_to_string ((ArDebtorStatus) self->filter.status));
  bind_text (stmt, 7, self->currency);
  bind_int64 (stmt, 8, self->filter.plan_or_promise ? 1 : 0);
  bind_text (stmt, 9, self->as_of_text);
  if (self->filter.plan_or_promise)
    {
      if (!find_arrangements (self, &arranged, error))
        return FALSE;
      sqlite3_bind_pointer (stmt, 10, &arranged, HITS_POINTER_TYPE, NULL);
    }
  ok = step_done (self, stmt, error);
  /* The bitmap is freed on return; the statement stays. */
  sqlite3_clear_bindings (stmt);
  if (!ok)
    return FALSE;
  self->n_base = self->n_items = (guint) sqlite3_changes (self->db);
  return TRUE;
}

static gboolean
apply_search (ArAccountModel *self, GError **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *pattern = NULL;
  g_auto(Hits) hits = { 0, NULL };
  sqlite3_stmt *stmt;
  guint target, source;
  gboolean extends, probe, ok;

  self->narrowed = FALSE;
  self->narrow_source = TABLE_BASE;
  if (self->search == NULL)
    {
      if (self->view != TABLE_BASE &&
          (!clear_table (self, TABLE_SEARCH_0, error) ||
           !clear_table (self, TABLE_SEARCH_1, error)))
        return FALSE;
      self->view = TABLE_BASE;
      g_clear_pointer (&self->view_search, g_free);
      self->n_items = self->n_base;
      return TRUE;
    }

  folded = fold (self->search);
  pattern = g_strdup (folded);
  /* Typing on ("mul" after "mu", or a first letter): only the rows shown can still match, so
   * they are the source, and the rows found keep their order and their positions in it. */
  extends = self->view == TABLE_BASE || strstr (folded, self->view_search) != NULL;
  if (extends)
    source = self->view;
  else
    {
      source = TABLE_BASE;
      if (!clear_table (self, TABLE_SEARCH_0, error) ||
          !clear_table (self, TABLE_SEARCH_1, error))
        return FALSE;
    }
  target = source == TABLE_SEARCH_0 ? TABLE_SEARCH_1 : TABLE_SEARCH_0;
  if (!clear_table (self, target, error))
    return FALSE;
  /* The few rows of an earlier search are tested again by index probes; else the book's
   * sources are read once into a bitmap. */
  probe = source != TABLE_BASE && (guint64) self->n_items * NARROW_RATIO <= self->n_base;
  if (probe)
    stmt = prepare (self, &self->narrow_stmt[target], narrow_sql[target], error);
  else
    {
      if (!find_hits (self, pattern, &hits, error))
        return FALSE;
      stmt = prepare (self, &self->search_stmt[source], search_sql[source], error);
    }
  if (stmt == NULL)
    return FALSE;
  if (probe)
    sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  else
    sqlite3_bind_pointer (stmt, 1, &hits, HITS_POINTER_TYPE, NULL);
  ok = step_done (self, stmt, error);
  /* The pattern and the hits are freed on return; the statement stays. */
  sqlite3_clear_bindings (stmt);
  if (!ok)
    return FALSE;
  self->n_items = (guint) sqlite3_changes (self->db);
  self->view = target;
  self->narrowed = extends;
  self->narrow_source = source;
  g_free (self->view_search);
  self->view_search = g_steal_pointer (&folded);
  return TRUE;
}

/* Tells the list a narrowing (apply_search()) so that GTK keeps the widgets of the rows that
 * stay near the top. The leading rows whose position is the same are not touched. The rest
 * is replaced in one emission that adds at most REUSE_ROWS rows, then the other rows are
 * added: in that first emission GTK's list item manager takes back the widget of a row removed
 * and added again when it is the same object (account_from_row() reuses them), and when a row
 * it tracks (the anchor, the focus) is among those removed it looks for it among the rows
 * added, which is why they are few: one emission replacing every row read every row of the
 * book (see requery()). Rows kept this way are bound again but not built again (GTK 4.8's
 * GtkSignalListItemFactory binds a row whenever its position changes).
 *
 * Keeping the first 128 rows found in place instead, by removing the runs of old rows between
 * them (up to 129 emissions), cost more than it saved: each run removed rebound every row
 * below it, and a list view keeps widgets for 200 rows (bench-window: 3,000 to 6,500 cell
 * binds for a keystroke, against 1,435 for replacing every row). FALSE (nothing emitted) when
 * the positions can't be read. */
static gboolean
emit_narrowing (ArAccountModel *self, guint n_old, guint n_new)
{
  g_autoptr(GError) error = NULL;
  guint k = MIN (n_new, KEEP_ROWS), kept = 0, first;
  sqlite3_stmt *stmt = prepare (self, &self->sources_stmt[self->view],
                                sources_sql[self->view], &error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, k);
  /* The leading rows whose position did not change. */
  while (kept < k && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) == kept + 1)
    kept++;
  sqlite3_reset (stmt);

  first = MIN (n_new - kept, REUSE_ROWS);
  if (n_old > kept || first > 0)
    {
      self->n_items = kept + first;
      g_list_model_items_changed (G_LIST_MODEL (self), kept, n_old - kept, first);
      /* A page read meanwhile stopped at the rows told so far. */
      remember_rows (self);
    }
  self->n_items = n_new;
  if (n_new > kept + first)
    g_list_model_items_changed (G_LIST_MODEL (self), kept + first, 0, n_new - kept - first);
  return TRUE;
}

/* Runs the query again (from the sort and filters when @all, else only the search) and emits
 * items-changed. */
static gboolean
requery (ArAccountModel *self, gboolean all, GError **error)
{
  guint old = self->n_items, new;
  gboolean ok;

  g_signal_emit (self, signals[SIGNAL_CHANGING], 0);
  if (all)
    {
      clear_pages (self);
      drop_kept_rows (self);
    }
  else
    keep_rows (self);
  /* A new order shows the same rows: the footer stays (50 ms at 100,000 rows). */
  if (!self->same_rows)
    clear_summary (self);
  self->same_rows = FALSE;
  ok = (!all || materialise (self, error)) && apply_search (self, error);
  if (!ok)
    {
      clear_summary (self);
      self->n_items = 0;
      self->view = TABLE_BASE;
      self->narrowed = FALSE;
    }
  new = self->n_items;
  if (ok && !all && self->narrowed && old != 0 && emit_narrowing (self, old, new))
    ;
  /* Else two emissions, with no rows in between: when the rows a list view tracks (its
   * focus, its anchor, the selection) are among those removed, GTK's list item manager looks
   * for them among the rows added by pointer (gtk_list_item_manager_model_items_changed_cb()),
   * and the rows are new objects: one items-changed (0, n, n) read every row of the list,
   * the whole book. Removing, then adding, leaves it nothing to look through. */
  else if (old != 0 && new != 0)
    {
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
      self->n_items = new;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, new);
    }
  else if (old != 0 || new != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, new);
  /* The search table narrowed from is read until the list has been told. */
  if (self->narrowed && self->narrow_source != TABLE_BASE && self->narrow_source != self->view)
    {
      g_autoptr(GError) clear_error = NULL;

      if (!clear_table (self, self->narrow_source, &clear_error))
        g_warning ("%s", clear_error->message);
    }
  self->narrowed = FALSE;
  if (old != new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return ok;
}

/* For setters, which have no GError: the list is then empty and the reason logged. */
static void
requery_or_warn (ArAccountModel *self, gboolean all)
{
  g_autoptr(GError) error = NULL;

  if (self->ready && !requery (self, all, &error))
    g_warning ("%s", error->message);
}

static void
set_as_of_internal (ArAccountModel *self, guint32 as_of)
{
  GDate date;

  if (as_of == 0)
    {
      ar_date_set_today (&date);
      as_of = ar_date_to_julian (&date);
    }
  self->as_of = as_of;
  ar_date_format_julian (as_of, self->as_of_text);
}

static gboolean
load_aging (ArAccountModel *self, GError **error)
{
  if (!ar_aging_config_load (&self->aging, self->ledger, error))
    return FALSE;
  for (guint b = 0; b < self->aging.n_limits + 2; b++)
    ar_aging_bucket_label (&self->aging, b, self->bucket_labels[b], sizeof self->bucket_labels[b]);
  return TRUE;
}

/* GObject --------------------------------------------------------------------------------- */

/* The model reads through a connection of its own, opened read-only on the ledger's file (WAL:
 * it sees what the ledger has committed). On the ledger's connection, whose 128 MB page cache
 * is sized for imports, the pages the list's queries scan filled that cache: with a million
 * debtors the process peaked at 242 MiB. An 8 MB cache of its own is enough: the list's queries
 * scan (the sorts, the searches) or probe by key (a page), and the operating system keeps the
 * file's pages; with 32 MB the window at a million debtors peaked 40 MiB higher (bench-window)
 * for no gain at 100,000. Temporary tables and sorts stay in memory (a temporary file made
 * searches about a fifth slower): at a million rows that is 25 MB per table and about 65 MB
 * for the largest sort, while it runs. The temporary database vacuums itself (auto_vacuum),
 * so a search table emptied gives its pages back: after a one-letter search at a million
 * debtors they stayed, and the next sort's scratch came on top. */
#define CACHE_KIB 8192
#define BUSY_TIMEOUT_MS 5000

static gboolean
open_connection (ArAccountModel *self, GError **error)
{
  const char *path = ar_ledger_get_path (self->ledger);
  char *message = NULL;

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_IO, "%s: %s",
                   _("Could not list the accounts"), sqlite3_errmsg (self->db));
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_create_function (self->db, "ar_account_hit", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
                           hit_func, NULL, NULL);
  sqlite3_create_function (self->db, "ar_account_contains", 2,
                           SQLITE_UTF8 | SQLITE_DIRECTONLY | SQLITE_DETERMINISTIC, NULL,
                           contains_func, NULL, NULL);
  /* Not deterministic: it notes what it is shown (see char_set_add()). */
  sqlite3_create_function (self->db, "ar_account_scan", 3, SQLITE_UTF8 | SQLITE_DIRECTONLY, self,
                           scan_func, NULL, NULL);
  /* temp_store first: it applies when the temporary database is created. */
  if (sqlite3_exec (self->db,
                    "PRAGMA temp_store = MEMORY;"
                    "PRAGMA temp.auto_vacuum = FULL;"
                    "PRAGMA cache_size = -" G_STRINGIFY (CACHE_KIB) ";",
                    NULL, NULL, &message) != SQLITE_OK ||
      sqlite3_exec (self->db, create_sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_SQL, "%s: %s",
                   _("Could not list the accounts"), message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static void
ar_account_model_constructed (GObject *object)
{
  ArAccountModel *self = (ArAccountModel *) object;

  G_OBJECT_CLASS (ar_account_model_parent_class)->constructed (object);

  if (self->ledger == NULL)
    {
      g_set_error_literal (&self->init_error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           "ArAccountModel needs a ledger");
      return;
    }
  if (!open_connection (self, &self->init_error) || !load_aging (self, &self->init_error))
    return;
  self->ready = TRUE;
  if (!requery (self, TRUE, &self->init_error))
    self->ready = FALSE;
  else
    learn_sources (self);
}

static void
ar_account_model_dispose (GObject *object)
{
  ArAccountModel *self = (ArAccountModel *) object;

  g_cancellable_cancel (self->learner);
  g_clear_object (&self->learner);
  clear_pages (self);
  drop_kept_rows (self);
  clear_summary (self);
  hits_clear (&self->multi);
  finalize_statements (&self->materialise[0][0], AR_N_ACCOUNT_SORTS * 2);
  finalize_statements (self->source_stmt, N_SOURCES);
  finalize_statements (&self->data_version_stmt, 1);
  finalize_statements (&self->invoice_debtors_stmt, 1);
  finalize_statements (&self->max_debtor_stmt, 1);
  finalize_statements (&self->max_invoice_stmt, 1);
  finalize_statements (self->search_stmt, N_TABLES);
  finalize_statements (self->sources_stmt, N_TABLES);
  finalize_statements (self->narrow_stmt, N_TABLES);
  finalize_statements (self->page_stmt, N_TABLES);
  finalize_statements (self->summary_stmt, N_TABLES);
  finalize_statements (&self->multi_stmt, 1);
  finalize_statements (&self->debtor_currencies_stmt, 1);
  finalize_statements (self->positions_stmt, N_TABLES);
  finalize_statements (self->find_stmt, N_TABLES);
  finalize_statements (&self->currencies_stmt, 1);
  finalize_statements (self->update_balance_stmt, N_TABLES);
  finalize_statements (self->clear_stmt, N_TABLES);
  /* The temporary tables and their file go with the connection. */
  g_clear_pointer (&self->db, sqlite3_close_v2);
  self->ready = FALSE;
  g_clear_object (&self->ledger);

  G_OBJECT_CLASS (ar_account_model_parent_class)->dispose (object);
}

static void
ar_account_model_finalize (GObject *object)
{
  ArAccountModel *self = (ArAccountModel *) object;

  g_clear_error (&self->init_error);
  g_free (self->currency);
  g_free (self->search);
  g_free (self->view_search);

  G_OBJECT_CLASS (ar_account_model_parent_class)->finalize (object);
}

static void
ar_account_model_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ArAccountModel *self = AR_ACCOUNT_MODEL (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      g_value_set_object (value, self->ledger);
      break;
    case PROP_AS_OF:
      g_value_set_uint (value, self->as_of);
      break;
    case PROP_SORT:
      g_value_set_int (value, self->sort);
      break;
    case PROP_DESCENDING:
      g_value_set_boolean (value, self->descending);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_OVERDUE_ONLY:
      g_value_set_boolean (value, self->filter.overdue_only);
      break;
    case PROP_BUCKET:
      g_value_set_int (value, self->filter.bucket);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->filter.status);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_PLAN_OR_PROMISE:
      g_value_set_boolean (value, self->filter.plan_or_promise);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_account_model_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ArAccountModel *self = AR_ACCOUNT_MODEL (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      self->ledger = g_value_dup_object (value);
      break;
    case PROP_AS_OF:
      ar_account_model_set_as_of (self, g_value_get_uint (value));
      break;
    case PROP_SORT:
      ar_account_model_set_sort (self, g_value_get_int (value), self->descending);
      break;
    case PROP_DESCENDING:
      ar_account_model_set_sort (self, self->sort, g_value_get_boolean (value));
      break;
    case PROP_SEARCH:
      ar_account_model_set_search (self, g_value_get_string (value));
      break;
    case PROP_OVERDUE_ONLY:
      ar_account_model_set_overdue_only (self, g_value_get_boolean (value));
      break;
    case PROP_BUCKET:
      ar_account_model_set_bucket (self, g_value_get_int (value));
      break;
    case PROP_STATUS:
      ar_account_model_set_status (self, g_value_get_int (value));
      break;
    case PROP_CURRENCY:
      ar_account_model_set_currency (self, g_value_get_string (value));
      break;
    case PROP_PLAN_OR_PROMISE:
      ar_account_model_set_plan_or_promise (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_account_model_class_init (ArAccountModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = ar_account_model_constructed;
  object_class->dispose = ar_account_model_dispose;
  object_class->finalize = ar_account_model_finalize;
  object_class->get_property = ar_account_model_get_property;
  object_class->set_property = ar_account_model_set_property;

  properties[PROP_LEDGER] =
    g_param_spec_object ("ledger", NULL, NULL, AR_TYPE_LEDGER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* 0 = today. */
  properties[PROP_AS_OF] = g_param_spec_uint ("as-of", NULL, NULL, 0, G_MAXUINT32, 0, rw);
  properties[PROP_SORT] =
    g_param_spec_int ("sort", NULL, NULL, 0, AR_N_ACCOUNT_SORTS - 1, AR_ACCOUNT_SORT_NAME, rw);
  properties[PROP_DESCENDING] = g_param_spec_boolean ("descending", NULL, NULL, FALSE, rw);
  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL, rw);
  properties[PROP_OVERDUE_ONLY] = g_param_spec_boolean ("overdue-only", NULL, NULL, FALSE, rw);
  properties[PROP_BUCKET] =
    g_param_spec_int ("bucket", NULL, NULL, -1, AR_AGING_MAX_BUCKETS - 1, -1, rw);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, -1, AR_N_STATUSES - 1, -1, rw);
  properties[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, NULL, rw);
  properties[PROP_PLAN_OR_PROMISE] =
    g_param_spec_boolean ("plan-or-promise", NULL, NULL, FALSE, rw);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted before every row is replaced (a new sort, filter or search) while the rows are
   * still the old ones, and after the items-changed of the new rows: a selection can note
   * its row in "changing" and find it again in "changed". */
  signals[SIGNAL_CHANGING] =
    g_signal_new ("changing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ar_account_model_init (ArAccountModel *self)
{
  ar_account_filter_init (&self->filter);
  set_as_of_internal (self, 0);
  self->sort = AR_ACCOUNT_SORT_NAME;
}

/* Public API ------------------------------------------------------------------------------ */

void
ar_account_filter_init (ArAccountFilter *filter)
{
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->bucket = -1;
  filter->status = -1;
}

/**
 * ar_account_model_new:
 * @ledger: the book
 * @as_of: the Julian day the list is as of, or 0 for today
 * @error: return location for an error
 *
 * Returns: (transfer full): a model sorted by name with no filter, or %NULL with @error set
 */
ArAccountModel *
ar_account_model_new (ArLedger *ledger, guint32 as_of, GError **error)
{
  g_autoptr(ArAccountModel) self = NULL;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (AR_TYPE_ACCOUNT_MODEL, "ledger", ledger, "as-of", as_of, NULL);
  if (self->init_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->init_error));
      return NULL;
    }
  return g_steal_pointer (&self);
}

ArLedger *
ar_account_model_get_ledger (ArAccountModel *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_MODEL (self), NULL);
  return self->ledger;
}

guint32
ar_account_model_get_as_of (ArAccountModel *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_MODEL (self), 0);
  return self->as_of;
}

void
ar_account_model_set_as_of (ArAccountModel *self, guint32 as_of)
{
  guint32 old;

  g_return_if_fail (AR_IS_ACCOUNT_MODEL (self));

  old = self->as_of;
  set_as_of_internal (self, as_of);
  if (old == self->as_of)
    return;
  requery_or_warn (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

const ArAgingConfig *
ar_account_model_get_aging_config (ArAccountModel *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_MODEL (self), NULL);
  return &self->aging;
}

void
ar_account_model_set_sort (ArAccountModel *self, ArAccountSort sort, gboolean descending)
{
  gboolean sort_changed, descending_changed;

  g_return_if_fail (AR_IS_ACCOUNT_MODEL (self));
  g_return_if_fail ((guint) sort < AR_N_ACCOUNT_SORTS);

  descending = !!descending;
  sort_changed = self->sort != sort;
  descending_changed = self->descending != descending;
  if (!sort_changed && !descending_changed)
    return;
  self->sort = sort;
  self->descending = descending;
  self->same_rows = TRUE;
  requery_or_warn (self, TRUE);
  if (sort_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
  if (descending_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCENDING]);
}

ArAccountSort
ar_account_model_get_sort (ArAccountModel *self, gboolean *out_descending)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_MODEL (self), AR_ACCOUNT_SORT_NAME);

  if (out_descending != NULL)
    *out_descending = self->descending;
  return self->sort;
}

void
ar_account_model_set_search (ArAccountModel *self, const char *text)
{
  g_return_if_fail (AR_IS_ACCOUNT_MODEL (self));

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (self->search, text) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (text);
  requery_or_warn (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

const char *
ar_account_model_get_search (ArAccountModel *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_MODEL (self), NULL);
  return self->search;
}

void
ar_account_model_set_filter (ArAccountModel *self, const ArAccountFilter *filter)
{
  const char *currency;
  gboolean changed[N_PROPS] = { FALSE };
  gboolean any = FALSE;

  g_return_if_fail (AR_IS_ACCOUNT_MODEL (self));
  g_return_if_fail (filter != NULL);
  g_return_if_fail (filter->bucket >= -1 && filter->bucket < (int) self->aging.n_limits + 2);
  g_return_if_fail (filter->status >= -1 && filter->status < AR_N_STATUSES);

  currency = filter->currency != NULL && filter->currency[0] != '\0' ? filter->currency : NULL;
  changed[PROP_OVERDUE_ONLY] = !self->filter.overdue_only != !filter->overdue_only;
  changed[PROP_BUCKET] = self->filter.bucket != filter->bucket;
  changed[PROP_STATUS] = self->filter.status != filter->status;
  changed[PROP_CURRENCY] = g_strcmp0 (self->currency, currency) != 0;
  changed[PROP_PLAN_OR_PROMISE] = !self->filter.plan_or_promise != !filter->plan_or_promise;
  for (guint p = 0; p < N_PROPS; p++)
    any |= changed[p];
  if (!any)
    return;

  self->filter.overdue_only = !!filter->overdue_only;
  self->filter.bucket = filter->bucket;
  self->filter.status = filter->status;
  self->filter.plan_or_promise = !!filter->plan_or_promise;
  if (changed[PROP_CURRENCY])
    {
      g_free (self->currency);
      self->currency = g_strdup (currency);
    }
  self->filter.currency = self->currency;
  requery_or_warn (self, TRUE);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint p = 0; p < N_PROPS; p++)
    if (changed[p])
      g_object_notify_by_pspec (G_OBJECT (self), properties[p]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
ar_account_model_get_filter (ArAccountModel *self, ArAccountFilter *out)
{
  g_return_if_fail (AR_IS_ACCOUNT_MODEL (self));
  g_return_if_fail (out != NULL);

  *out = self->filter;
  out->currency = self->currency;
}

void
ar_account_model_set_overdue_only (ArAccountModel *self, gboolean overdue_only)
{
  ArAccountFilter filter;

  g_return_if_fail (AR_IS_ACCOUNT_MODEL (self));
  ar_account_model_get_filter (self, &filter);
  filter.overdue_only = overdue_only;
  ar_account_model_set_filter (self, &filter);
}

void
ar_account_model_set_bucket (ArAccountModel *self, int bucket)
{
  ArAccountFilter filter;

  g_return_if_fail (AR_IS_ACCOUNT_MODEL (self));
  ar_account_model_get_filter (self, &filter);
  filter.bucket = bucket;
  ar_account_model_set_filter (self, &filter);
}

void
ar_account_model_set_status (ArAccountModel *self, int status)
{
  ArAccountFilter filter;

  g_return_if_fail (AR_IS_ACCOUNT_MODEL (self));
  ar_account_model_get_filter (self, &filter);
  filter.status = status;
  ar_account_model_set_filter (self, &filter);
}

void
ar_account_model_set_currency (ArAccountModel *self, const char *currency)
{
  ArAccountFilter filter;

  g_return_if_fail (AR_IS_ACCOUNT_MODEL (self));
  ar_account_model_get_filter (self, &filter);
  filter.currency = currency;
  ar_account_model_set_filter (self, &filter);
}

void
ar_account_model_set_plan_or_promise (ArAccountModel *self, gboolean plan_or_promise)
{
  ArAccountFilter filter;

  g_return_if_fail (AR_IS_ACCOUNT_MODEL (self));
  ar_account_model_get_filter (self, &filter);
  filter.plan_or_promise = plan_or_promise;
  ar_account_model_set_filter (self, &filter);
}

gboolean
ar_account_model_has_debtors (ArAccountModel *self)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gboolean any;

  g_return_val_if_fail (AR_IS_ACCOUNT_MODEL (self), FALSE);

  if (self->db == NULL)
    return FALSE;
  stmt = prepare (self, &self->max_debtor_stmt, max_debtor_sql, &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return FALSE;
    }
  any = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  sqlite3_reset (stmt);
  return any;
}

gboolean
ar_account_model_is_filtered (ArAccountModel *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_MODEL (self), FALSE);

  return self->filter.overdue_only || self->filter.bucket >= 0 || self->filter.status >= 0 ||
         self->currency != NULL || self->filter.plan_or_promise;
}

GStrv
ar_account_model_list_currencies (ArAccountModel *self, GError **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AR_IS_ACCOUNT_MODEL (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->db == NULL)
    return g_new0 (char *, 1);
  stmt = prepare (self, &self->currencies_stmt, currencies_sql, error);
  if (stmt == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, _("Could not list the currencies"), error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* The bitmap of the debtors who owe in more than one currency, kept until a reload. */
static gboolean
load_multi (ArAccountModel *self, GError **error)
{
  g_auto(Hits) multi = { 0, NULL };
  gint64 n = 0;

  if (self->multi.bits != NULL)
    return TRUE;
  if (!hits_init (self, &multi, &self->max_debtor_stmt, max_debtor_sql, error) ||
      !collect_hits (self, &self->multi_stmt, multi_sql, NULL, NULL, &multi, &n, error))
    return FALSE;
  self->multi = multi;
  multi.bits = NULL;
  return TRUE;
}

static gboolean
is_hit (const Hits *hits, gint64 id)
{
  return id >= 0 && id <= hits->max_id && (hits->bits[id >> 3] & (1u << (id & 7))) != 0;
}

static gboolean
compute_summary (ArAccountModel *self, GError **error)
{
  g_autoptr(GArray) totals = g_array_new (FALSE, TRUE, sizeof (ArAccountTotal));
  g_autofree guint8 *seen = NULL;
  sqlite3_stmt *stmt;
  guint n_debtors = 0;
  int rc;

  if (!load_multi (self, error))
    return FALSE;
  seen = g_malloc0 ((gsize) (self->multi.max_id / 8 + 1));
  stmt = prepare (self, &self->summary_stmt[self->view], summary_sql[self->view], error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 debtor_id = sqlite3_column_int64 (stmt, 0);
      const char *currency = (const char *) sqlite3_column_text (stmt, 1);
      ArAccountTotal *total = NULL;

      if (!is_hit (&self->multi, debtor_id))
        n_debtors++;
      else if ((seen[debtor_id >> 3] & (1u << (debtor_id & 7))) == 0)
        {
          seen[debtor_id >> 3] |= (guint8) (1u << (debtor_id & 7));
          n_debtors++;
        }
      if (currency == NULL)
        continue;
      /* A handful of currencies: a linear look-up, kept sorted at the end. */
      for (guint i = 0; i < totals->len && total == NULL; i++)
        if (strcmp (g_array_index (totals, ArAccountTotal, i).currency, currency) == 0)
          total = &g_array_index (totals, ArAccountTotal, i);
      if (total == NULL)
        {
          ArAccountTotal fresh = { { 0 } };

          g_strlcpy (fresh.currency, currency, sizeof fresh.currency);
          g_array_append_val (totals, fresh);
          total = &g_array_index (totals, ArAccountTotal, totals->len - 1);
        }
      total->n_debtors++;
      if (!ar_money_add (total->balance, sqlite3_column_int64 (stmt, 2), &total->balance, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sql_error (self, _("Could not count the accounts"), error);
  g_array_sort (totals, (GCompareFunc) strcmp);   /* the currency is the first member */
  self->summary_n_debtors = n_debtors;
  self->summary_totals = g_steal_pointer (&totals);
  self->have_summary = TRUE;
  return TRUE;
}

gboolean
ar_account_model_get_summary (ArAccountModel  *self,
                              guint           *out_n_debtors,
                              GArray         **out_totals,
                              GError         **error)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_MODEL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Kept until the next change: the footer asks after every items-changed. */
  if (!self->have_summary && !compute_summary (self, error))
    return FALSE;
  if (out_n_debtors != NULL)
    *out_n_debtors = self->summary_n_debtors;
  if (out_totals != NULL)
    {
      *out_totals = g_array_sized_new (FALSE, TRUE, sizeof (ArAccountTotal),
                                       self->summary_totals->len);
      g_array_append_vals (*out_totals, self->summary_totals->data, self->summary_totals->len);
    }
  return TRUE;
}

gboolean
ar_account_model_refresh (ArAccountModel *self, gint64 debtor_id, GError **error)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AR_IS_ACCOUNT_MODEL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = prepare (self, &self->positions_stmt[self->view], positions_sql[self->view], error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pos = sqlite3_column_int64 (stmt, 0) - 1;

      if (pos >= 0 && pos < self->n_items)
        {
          guint p = (guint) pos;
          g_array_append_val (positions, p);
        }
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (self, _("Could not list the accounts"), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  /* The balances kept with the rows, for the footer: in the table shown and in the sorted
   * table a later search starts from. */
  for (guint t = 0; t < N_TABLES; t++)
    if (t == TABLE_BASE || t == self->view)
      {
        stmt = prepare (self, &self->update_balance_stmt[t], update_balance_sql[t], error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, debtor_id);
        if (!step_done (self, stmt, error))
          return FALSE;
      }

  /* The debtor may now owe in one currency more or less. */
  if (self->multi.bits != NULL)
    {
      if (debtor_id < 0 || debtor_id > self->multi.max_id)
        hits_clear (&self->multi);
      else
        {
          stmt = prepare (self, &self->debtor_currencies_stmt, debtor_currencies_sql, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, debtor_id);
          if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 1)
            self->multi.bits[debtor_id >> 3] |= (guint8) (1u << (debtor_id & 7));
          else
            self->multi.bits[debtor_id >> 3] &= (guint8) ~(1u << (debtor_id & 7));
          sqlite3_reset (stmt);
        }
    }
  clear_summary (self);
  for (guint i = 0; i < positions->len; i++)
    {
      guint pos = g_array_index (positions, guint, i);

      /* Only the cached item of that row is replaced; the rest of its page stays. */
      for (GList *l = self->pages.head; l != NULL; l = l->next)
        {
          Page *page = l->data;

          if (page->index == pos / PAGE_SIZE)
            {
              ArAccount *fresh[1] = { NULL };

              read_rows (self, self->view, pos, 1, fresh);
              g_object_unref (page->items[pos % PAGE_SIZE]);
              page->items[pos % PAGE_SIZE] = fresh[0];
              break;
            }
        }
    }
  for (guint i = 0; i < positions->len; i++)
    g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (positions, guint, i), 1, 1);
  return TRUE;
}

gboolean
ar_account_model_find (ArAccountModel *self,
                       gint64          debtor_id,
                       const char     *currency,
                       guint          *out_position)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (AR_IS_ACCOUNT_MODEL (self), FALSE);

  if (!self->ready)
    return FALSE;
  stmt = prepare (self, &self->find_stmt[self->view], find_sql[self->view], &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  sqlite3_bind_text (stmt, 2, currency != NULL ? currency : "", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 pos = sqlite3_column_int64 (stmt, 0) - 1;

      found = pos >= 0 && pos < self->n_items;
      if (found && out_position != NULL)
        *out_position = (guint) pos;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return found;
}

gboolean
ar_account_model_reload (ArAccountModel *self, GError **error)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_MODEL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!load_aging (self, error))
    return FALSE;
  hits_clear (&self->multi);
  if (self->filter.bucket >= (int) self->aging.n_limits + 2)
    self->filter.bucket = -1;
  return requery (self, TRUE, error);
}
