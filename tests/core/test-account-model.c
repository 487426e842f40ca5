/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ar-account-model.h"
#include "ar-activity.h"
#include "ar-arrangements.h"
#include "ar-date.h"
#include "ar-demo.h"
#include "ar-ledger-private.h"
#include "ar-promise.h"
#include "ar-test-util.h"

/* The account model against the ledger read directly: every row the model shows, and its
 * order, is computed here from plain SQL rows and sorted and filtered in C, independently of
 * the model's own SQL. */

static char *tmp_dir;
static guint counter;
static ArLedger *book;          /* the shared 2,000-debtor demo book (with a few extras) */
static gint64 special_id;       /* "100% Sure_Thing Ltd": no invoices, so no balances row */
static gint64 two_currency_id;  /* owes in EUR and in USD */

static guint32
test_today (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 15, G_DATE_MARCH, 2026);
  return ar_date_to_julian (&date);
}

static ArLedger *
new_ledger (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%u.arrears", ++counter);
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  ArLedger *ledger = ar_ledger_create (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ledger);
  return ledger;
}

static ArLedger *
new_demo (guint n)
{
  g_autoptr(GError) error = NULL;
  ArLedger *ledger = new_ledger ();

  g_assert_true (ar_demo_generate (ledger, n, 7, test_today (), NULL, &error));
  g_assert_no_error (error);
  return ledger;
}

static gint64
add_debtor (ArLedger *ledger, const char *external_id, const char *name, ArDebtorStatus status)
{
  g_autoptr(GError) error = NULL;
  ArDebtorInfo info = { .external_id = external_id, .name = name, .status = status,
                        .kind = AR_DEBTOR_BUSINESS };
  gint64 id = 0;

  g_assert_true (ar_ledger_add_debtor (ledger, &info, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
add_invoice (ArLedger *ledger, gint64 debtor, const char *number, const char *currency,
             gint64 amount, int due_days_ago)
{
  g_autoptr(GError) error = NULL;
  guint32 due = test_today () - due_days_ago;
  ArInvoiceInfo info = { .debtor_id = debtor, .number = number, .issue_date = due - 30,
                         .due_date = due, .currency = currency, .amount = amount };

  g_assert_true (ar_ledger_add_invoice (ledger, &info, NULL, &error));
  g_assert_no_error (error);
}

/* Contact log entries for every seventh debtor, some with a next action before and some after
 * the test's today. */
static void
add_activities (ArLedger *ledger)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  stmt = _ar_ledger_prepare (ledger, "SELECT id FROM debtors WHERE id % 7 = 0", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  g_assert_true (ar_ledger_begin (ledger, "test", &error));
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      for (guint k = 0; k < 1 + id % 3; k++)
        {
          g_autoptr(GDateTime) when =
            g_date_time_new_utc (2025 + (int) (k % 2), 1 + (int) ((id + k) % 12),
                                 1 + (int) ((id * 3 + k) % 28), (int) (id % 24), 30, 0);
          ArActivityInfo info = { .debtor_id = id, .kind = AR_ACTIVITY_CALL,
                                  .direction = AR_DIRECTION_OUT, .occurred_at = when,
                                  .summary = "called" };

          if ((id + k) % 2 == 0)
            info.next_action_date = test_today () - 20 + (guint32) ((id * 7 + k * 5) % 45);
          g_assert_true (ar_ledger_add_activity (ledger, &info, NULL, &error));
          g_assert_no_error (error);
        }
    }
  g_assert_true (ar_ledger_commit (ledger, &error));
  g_assert_no_error (error);
}

/* Expected rows --------------------------------------------------------------------------- */

typedef struct
{
  gint64          debtor_id;
  char            currency[4];     /* "" when the debtor has no balances row */
  char           *name;
  char           *external_id;
  ArDebtorStatus  status;
  gint64          balance;
  guint32         oldest_due;      /* 0: nothing open */
  guint32         oldest_issue;
  char           *last_contact;    /* max occurred_at, or NULL */
  char           *next_action;     /* earliest on or after today, or NULL */
  char           *search_text;     /* name, external id, invoices, emails, phones; lower case */
  gboolean        paused;          /* a running plan or pending promise covers the debtor */
} Row;

typedef struct
{
  GArray       *rows;              /* Row */
  GStringChunk *strings;
  guint32       as_of;
} Expected;

static void
expected_free (Expected *e)
{
  g_array_unref (e->rows);
  g_string_chunk_free (e->strings);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Expected, expected_free)

static char *
chunk (GStringChunk *strings, const unsigned char *text)
{
  return text != NULL ? g_string_chunk_insert (strings, (const char *) text) : NULL;
}

/* Appends every value of @sql (debtor_id, text) to the debtors' search texts in @texts. */
static void
collect_search_texts (ArLedger *ledger, const char *sql, GHashTable *texts)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, sql, &error);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GString *text = g_hash_table_lookup (texts, &id);

      if (text == NULL)
        {
          gint64 *key = g_new (gint64, 1);
          *key = id;
          text = g_string_new (NULL);
          g_hash_table_insert (texts, key, text);
        }
      g_string_append_c (text, '\n');
      g_string_append (text, (const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
}

static void
string_free (gpointer s)
{
  g_string_free (s, TRUE);
}

static gboolean
collect_paused (gint64 debtor_id, ArDunningPause pause, guint32 until, gpointer user_data)
{
  gint64 *key = g_new (gint64, 1);

  *key = debtor_id;
  g_hash_table_add (user_data, key);
  return TRUE;
}

static Expected *
expected_load (ArLedger *ledger, guint32 as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        string_free);
  Expected *e = g_new0 (Expected, 1);
  char as_of_text[11];
  sqlite3_stmt *stmt;

  e->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  e->strings = g_string_chunk_new (4096);
  e->as_of = as_of;

  g_autoptr(GHashTable) paused = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_assert_true (ar_ledger_foreach_dunning_pause (ledger, as_of, collect_paused, paused, &error));
  g_assert_no_error (error);
  collect_search_texts (ledger, "SELECT id, name FROM debtors", texts);
  collect_search_texts (ledger, "SELECT id, external_id FROM debtors", texts);
  collect_search_texts (ledger, "SELECT debtor_id, number FROM invoices", texts);
  collect_search_texts (ledger, "SELECT debtor_id, address FROM emails", texts);
  collect_search_texts (ledger, "SELECT debtor_id, number FROM phones", texts);

  stmt = _ar_ledger_prepare (ledger,
    "SELECT d.id, b.currency, d.name, d.external_id, d.status, b.balance, b.oldest_due_jd,"
    " (SELECT min (issue_jd) FROM open_items o WHERE o.debtor_id = d.id"
    "  AND o.currency = b.currency),"
    " (SELECT max (occurred_at) FROM activities a WHERE a.debtor_id = d.id),"
    " (SELECT min (next_action_date) FROM activities a WHERE a.debtor_id = d.id"
    "  AND next_action_date >= ?1)"
    " FROM debtors d LEFT JOIN balances b ON b.debtor_id = d.id", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, ar_date_format_julian (as_of, as_of_text), -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Row row = { 0 };
      GString *text;

      row.debtor_id = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        g_strlcpy (row.currency, (const char *) sqlite3_column_text (stmt, 1),
                   sizeof row.currency);
      row.name = chunk (e->strings, sqlite3_column_text (stmt, 2));
      row.external_id = chunk (e->strings, sqlite3_column_text (stmt, 3));
      g_assert_true (ar_debtor_status_from_string ((const char *) sqlite3_column_text (stmt, 4),
                                                   &row.status));
      row.balance = sqlite3_column_int64 (stmt, 5);
      row.oldest_due = (guint32) sqlite3_column_int64 (stmt, 6);
      row.oldest_issue = (guint32) sqlite3_column_int64 (stmt, 7);
      row.last_contact = chunk (e->strings, sqlite3_column_text (stmt, 8));
      row.next_action = chunk (e->strings, sqlite3_column_text (stmt, 9));
      row.paused = g_hash_table_contains (paused, &row.debtor_id);
      text = g_hash_table_lookup (texts, &row.debtor_id);
      g_assert_nonnull (text);
      {
        g_autofree char *lower = g_ascii_strdown (text->str, -1);
        row.search_text = g_string_chunk_insert (e->strings, lower);
      }
      g_array_append_val (e->rows, row);
    }
  sqlite3_reset (stmt);
  return e;
}

static int
days_overdue (const Row *r, guint32 as_of)
{
  return r->oldest_due != 0 ? (int) as_of - (int) r->oldest_due : 0;
}

static int
status_rank (const Row *r)
{
  return (int) r->status;
}

/* NULL after everything, in either direction. */
static int
compare_nullable (const char *a, const char *b, gboolean descending)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return descending ? -strcmp (a, b) : strcmp (a, b);
}

typedef struct
{
  ArAccountSort sort;
  gboolean      descending;
  guint32       as_of;
} SortSpec;

static int
compare_rows (gconstpointer pa, gconstpointer pb, gpointer data)
{
  const Row *a = pa, *b = pb;
  const SortSpec *spec = data;
  int sign = spec->descending ? -1 : 1;
  int c = 0;

  switch (spec->sort)
    {
    case AR_ACCOUNT_SORT_NAME:
      c = sign * g_ascii_strcasecmp (a->name, b->name);
      break;
    case AR_ACCOUNT_SORT_BALANCE:
      c = sign * strcmp (a->currency, b->currency);
      if (c == 0)
        c = sign * ((a->balance > b->balance) - (a->balance < b->balance));
      break;
    case AR_ACCOUNT_SORT_DAYS_OVERDUE:
      c = sign * (days_overdue (a, spec->as_of) - days_overdue (b, spec->as_of));
      break;
    case AR_ACCOUNT_SORT_STATUS:
      c = sign * (status_rank (a) - status_rank (b));
      break;
    case AR_ACCOUNT_SORT_LAST_CONTACT:
      c = compare_nullable (a->last_contact, b->last_contact, spec->descending);
      break;
    case AR_ACCOUNT_SORT_NEXT_ACTION:
      c = compare_nullable (a->next_action, b->next_action, spec->descending);
      break;
    case AR_ACCOUNT_SORT_EXTERNAL_ID:
      c = sign * strcmp (a->external_id, b->external_id);
      break;
    case AR_N_ACCOUNT_SORTS:
    default:
      g_assert_not_reached ();
    }
  if (c == 0)
    c = sign * ((a->debtor_id > b->debtor_id) - (a->debtor_id < b->debtor_id));
  if (c == 0)
    c = sign * strcmp (a->currency, b->currency);
  return c;
}

typedef gboolean (*RowPredicate) (const Row *row, gconstpointer data);

/* The rows of @e that pass @predicate (all when NULL), in the model's current order. */
static GArray *
expected_rows (const Expected *e, ArAccountModel *model, RowPredicate predicate,
               gconstpointer data)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));
  SortSpec spec = { 0 };

  spec.sort = ar_account_model_get_sort (model, &spec.descending);
  spec.as_of = e->as_of;
  for (guint i = 0; i < e->rows->len; i++)
    {
      const Row *r = &g_array_index (e->rows, Row, i);

      if (predicate == NULL || predicate (r, data))
        g_array_append_val (rows, *r);
    }
  g_array_sort_with_data (rows, compare_rows, &spec);
  return rows;
}

static void
assert_item_is_row (ArAccount *item, const Row *r, guint32 as_of, guint position)
{
  if (ar_account_get_debtor_id (item) != r->debtor_id ||
      strcmp (ar_account_get_currency (item), r->currency) != 0)
    g_error ("position %u: model has debtor %" G_GINT64_FORMAT " %s, expected %"
             G_GINT64_FORMAT " %s", position, ar_account_get_debtor_id (item),
             ar_account_get_currency (item), r->debtor_id, r->currency);
}

/* Every item of @model equals @rows, in order; each (debtor, currency) appears once. */
static void
assert_model_rows (ArAccountModel *model, GArray *rows, guint32 as_of)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_assert_cmpuint (n, ==, rows->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ArAccount) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      char *key;

      g_assert_nonnull (item);
      assert_item_is_row (item, &g_array_index (rows, Row, i), as_of, i);
      key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", ar_account_get_debtor_id (item),
                             ar_account_get_currency (item));
      g_assert_false (g_hash_table_contains (seen, key));
      g_hash_table_add (seen, key);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
}

static ArAccountModel *
new_model (ArLedger *ledger)
{
  g_autoptr(GError) error = NULL;
  ArAccountModel *model = ar_account_model_new (ledger, test_today (), &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

/* Tests ----------------------------------------------------------------------------------- */

static gint64
sql_int (ArLedger *ledger, const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static void
test_count (void)
{
  g_autoptr(ArAccountModel) model = new_model (book);
  gint64 n = sql_int (book, "SELECT count (*) FROM debtors d LEFT JOIN balances b"
                            " ON b.debtor_id = d.id");

  g_assert_cmpint (n, >, 2000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == AR_TYPE_ACCOUNT);
}

static void
test_sorts (void)
{
  g_autoptr(ArAccountModel) model = new_model (book);
  g_autoptr(Expected) e = expected_load (book, test_today ());
  guint n_last_contact = 0, n_next_action = 0;

  for (guint i = 0; i < e->rows->len; i++)
    {
      n_last_contact += g_array_index (e->rows, Row, i).last_contact != NULL;
      n_next_action += g_array_index (e->rows, Row, i).next_action != NULL;
    }
  /* The keys are worth sorting by. */
  g_assert_cmpuint (n_last_contact, >, 100);
  g_assert_cmpuint (n_next_action, >, 50);
  g_assert_cmpuint (n_next_action, <, e->rows->len / 2);

  for (int sort = 0; sort < AR_N_ACCOUNT_SORTS; sort++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autoptr(GArray) rows = NULL;
        guint n;

        ar_account_model_set_sort (model, sort, descending);
        rows = expected_rows (e, model, NULL, NULL);
        n = rows->len;
        /* First, middle and last, as asked for, before everything in order. */
        for (guint k = 0; k < 3; k++)
          {
            guint pos = k == 0 ? 0 : k == 1 ? n / 2 : n - 1;
            g_autoptr(ArAccount) item = g_list_model_get_item (G_LIST_MODEL (model), pos);

            assert_item_is_row (item, &g_array_index (rows, Row, pos), e->as_of, pos);
          }
        assert_model_rows (model, rows, e->as_of);
      }
}

static void
test_item_values (void)
{
  g_autoptr(ArAccountModel) model = new_model (book);
  g_autoptr(Expected) e = expected_load (book, test_today ());
  g_autoptr(GArray) rows = expected_rows (e, model, NULL, NULL);
  const ArAgingConfig *aging = ar_account_model_get_aging_config (model);
  guint checked_contact = 0, checked_next = 0, checked_bucket = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);
      g_autoptr(ArAccount) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *name = NULL;
      gint64 balance = 0;

      assert_item_is_row (item, r, e->as_of, i);
      g_assert_cmpstr (ar_account_get_name (item), ==, r->name);
      g_assert_cmpstr (ar_account_get_external_id (item), ==, r->external_id);
      g_assert_cmpint (ar_account_get_balance (item), ==, r->balance);
      g_assert_cmpint (ar_account_get_status (item), ==, r->status);
      g_assert_cmpstr (ar_account_get_status_name (item), ==,
                       ar_debtor_status_to_string (r->status));
      g_assert_cmpint (ar_account_get_days_overdue (item), ==, days_overdue (r, e->as_of));
      if (r->currency[0] != '\0')
        {
          g_autofree char *text = ar_money_format (r->balance, r->currency);
          g_assert_cmpstr (ar_account_get_balance_text (item), ==, text);
        }
      else
        g_assert_cmpstr (ar_account_get_balance_text (item), ==, "");
      if (r->oldest_due != 0)
        {
          char label[16];
          guint bucket = ar_aging_bucket_for_days (aging, days_overdue (r, e->as_of));

          g_assert_cmpint (ar_account_get_bucket (item), ==, bucket);
          g_assert_cmpstr (ar_account_get_bucket_label (item), ==,
                           ar_aging_bucket_label (aging, bucket, label, sizeof label));
          checked_bucket++;
        }
      else
        {
          g_assert_cmpint (ar_account_get_bucket (item), ==, AR_ACCOUNT_NO_BUCKET);
          g_assert_cmpstr (ar_account_get_bucket_label (item), ==, "");
        }
      /* TZ is UTC in the test environment: the local date is the timestamp's. */
      if (r->last_contact != NULL)
        {
          char date[11];
          g_strlcpy (date, r->last_contact, sizeof date);
          g_assert_cmpstr (ar_account_get_last_contact (item), ==, date);
          checked_contact++;
        }
      else
        g_assert_cmpstr (ar_account_get_last_contact (item), ==, "");
      g_assert_cmpstr (ar_account_get_next_action (item), ==,
                       r->next_action != NULL ? r->next_action : "");
      checked_next += r->next_action != NULL;

      /* The properties say the same as the getters. */
      g_object_get (item, "name", &name, "balance", &balance, NULL);
      g_assert_cmpstr (name, ==, r->name);
      g_assert_cmpint (balance, ==, r->balance);
    }
  g_assert_cmpuint (checked_contact, >, 0);
  g_assert_cmpuint (checked_next, >, 0);
  g_assert_cmpuint (checked_bucket, >, 0);
}

static gboolean
matches_search (const Row *r, gconstpointer data)
{
  g_autofree char *needle = g_ascii_strdown (data, -1);

  return strstr (r->search_text, needle) != NULL;
}

static void
assert_search (ArAccountModel *model, const Expected *e, const char *text, guint min_rows)
{
  g_autoptr(GArray) rows = NULL;

  ar_account_model_set_search (model, text);
  g_assert_cmpstr (ar_account_model_get_search (model), ==, text);
  rows = expected_rows (e, model, matches_search, text);
  if (rows->len < min_rows)
    g_error ("search “%s” finds %u rows; the test wants at least %u", text, rows->len,
             min_rows);
  assert_model_rows (model, rows, e->as_of);
}

static char *
first_value (ArLedger *ledger, const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, sql, &error);
  char *value;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static void
test_search (void)
{
  g_autoptr(ArAccountModel) model = new_model (book);
  g_autoptr(Expected) e = expected_load (book, test_today ());
  g_autofree char *invoice = first_value (book,
    "SELECT number FROM invoices WHERE debtor_id > 1000 ORDER BY id LIMIT 1");
  g_autofree char *email = first_value (book,
    "SELECT address FROM emails WHERE debtor_id > 500 ORDER BY id LIMIT 1");
  g_autofree char *phone = first_value (book,
    "SELECT number FROM phones WHERE debtor_id > 700 ORDER BY id LIMIT 1");
  g_autofree char *name = first_value (book,
    "SELECT name FROM debtors WHERE name GLOB '[A-Z][a-z][a-z][a-z]*' AND id > 300"
    " ORDER BY id LIMIT 1");
  g_autofree char *name_part = g_ascii_strup (name + 1, 3);
  g_autofree char *email_part = g_strndup (email, strchr (email, '@') - email);
  g_autofree char *phone_part = g_strdup (phone + strlen (phone) - 6);

  /* A name, in another case; an invoice number; part of an email and of a phone number. */
  assert_search (model, e, name_part, 1);
  assert_search (model, e, invoice, 1);
  assert_search (model, e, email_part, 1);
  assert_search (model, e, phone_part, 1);
  assert_search (model, e, "c0012", 10);

  /* The wildcards are matched literally: "0% S" only finds the special debtor, "e_T" only
   * "Sure_Thing" (as a wildcard it would find "eXt", "e t", ...), "%" and "_" alone only it. */
  assert_search (model, e, "0% S", 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  assert_search (model, e, "e_T", 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  assert_search (model, e, "%", 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  assert_search (model, e, "_", 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  assert_search (model, e, "\\", 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* Typing on (the narrowing path once the result is small), backspacing, and with other
   * sorts; then nothing. */
  assert_search (model, e, "m", 100);
  assert_search (model, e, "mu", 0);
  assert_search (model, e, "mul", 0);
  assert_search (model, e, "mull", 0);
  assert_search (model, e, "mul", 0);
  assert_search (model, e, "m", 100);
  assert_search (model, e, "a", 100);
  assert_search (model, e, "an", 10);
  assert_search (model, e, "and", 1);
  assert_search (model, e, "ande", 1);
  ar_account_model_set_sort (model, AR_ACCOUNT_SORT_BALANCE, TRUE);
  assert_model_rows (model, expected_rows (e, model, matches_search, "ande"), e->as_of);
  assert_search (model, e, "ander", 1);
  assert_search (model, e, "xyzzy", 0);

  ar_account_model_set_search (model, "");
  g_assert_null (ar_account_model_get_search (model));
  assert_model_rows (model, expected_rows (e, model, NULL, NULL), e->as_of);
}

typedef struct
{
  ArAccountFilter filter;
  guint32         as_of;
  gboolean        by_issue;
  const ArAgingConfig *aging;
} FilterSpec;

static gboolean
matches_filter (const Row *r, gconstpointer data)
{
  const FilterSpec *spec = data;
  const ArAccountFilter *f = &spec->filter;

  if (f->overdue_only && (r->oldest_due == 0 || r->oldest_due >= spec->as_of))
    return FALSE;
  if (f->bucket >= 0)
    {
      int age;

      if (r->oldest_due == 0)
        return FALSE;
      age = spec->by_issue ? (int) spec->as_of - (int) r->oldest_issue
                           : days_overdue (r, spec->as_of);
      if ((int) ar_aging_bucket_for_days (spec->aging, age) != f->bucket)
        return FALSE;
    }
  if (f->status >= 0 && (int) r->status != f->status)
    return FALSE;
  if (f->currency != NULL && strcmp (f->currency, r->currency) != 0)
    return FALSE;
  if (f->plan_or_promise && r->status != AR_STATUS_PLAN && r->status != AR_STATUS_PROMISE &&
      !r->paused)
    return FALSE;
  return TRUE;
}

static void
assert_filter (ArAccountModel *model, const Expected *e, const ArAccountFilter *filter,
               gboolean by_issue, guint min_rows)
{
  FilterSpec spec = { *filter, e->as_of, by_issue, ar_account_model_get_aging_config (model) };
  g_autoptr(GArray) rows = NULL;
  ArAccountFilter got;

  ar_account_model_set_filter (model, filter);
  ar_account_model_get_filter (model, &got);
  g_assert_cmpint (got.overdue_only, ==, filter->overdue_only);
  g_assert_cmpint (got.bucket, ==, filter->bucket);
  g_assert_cmpint (got.status, ==, filter->status);
  g_assert_cmpstr (got.currency, ==, filter->currency);
  g_assert_cmpint (got.plan_or_promise, ==, filter->plan_or_promise);
  rows = expected_rows (e, model, matches_filter, &spec);
  g_assert_cmpuint (rows->len, >=, min_rows);
  assert_model_rows (model, rows, e->as_of);
}

static void
test_filters (void)
{
  g_autoptr(ArAccountModel) model = new_model (book);
  g_autoptr(Expected) e = expected_load (book, test_today ());
  const ArAgingConfig *aging = ar_account_model_get_aging_config (model);
  ArAccountFilter f;

  ar_account_model_set_sort (model, AR_ACCOUNT_SORT_DAYS_OVERDUE, TRUE);

  ar_account_filter_init (&f);
  f.overdue_only = TRUE;
  assert_filter (model, e, &f, FALSE, 100);
  for (int b = 0; b < (int) aging->n_limits + 2; b++)
    {
      ar_account_filter_init (&f);
      f.bucket = b;
      assert_filter (model, e, &f, FALSE, 10);
    }
  ar_account_filter_init (&f);
  f.status = AR_STATUS_PROMISE;
  assert_filter (model, e, &f, FALSE, 10);
  f.status = AR_STATUS_ACTIVE;
  assert_filter (model, e, &f, FALSE, 1000);
  ar_account_filter_init (&f);
  f.currency = "EUR";
  assert_filter (model, e, &f, FALSE, 100);
  f.currency = "USD";
  assert_filter (model, e, &f, FALSE, 100);
  ar_account_filter_init (&f);
  f.plan_or_promise = TRUE;
  /* The desk's plans and promises only: the demo no longer draws the status promise at random. */
  assert_filter (model, e, &f, FALSE, 10);
  /* Together, and with a search on top. */
  f.overdue_only = TRUE;
  f.currency = "USD";
  f.bucket = (int) aging->n_limits + 1;
  assert_filter (model, e, &f, FALSE, 1);
  ar_account_model_set_search (model, "a");
  {
    FilterSpec spec = { f, e->as_of, FALSE, aging };
    g_autoptr(GArray) all = expected_rows (e, model, matches_filter, &spec);
    g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));

    for (guint i = 0; i < all->len; i++)
      if (matches_search (&g_array_index (all, Row, i), "a"))
        g_array_append_val (rows, g_array_index (all, Row, i));
    assert_model_rows (model, rows, e->as_of);
  }
  ar_account_model_set_search (model, NULL);

  /* The individual setters. */
  ar_account_filter_init (&f);
  ar_account_model_set_filter (model, &f);
  ar_account_model_set_currency (model, "EUR");
  ar_account_model_set_overdue_only (model, TRUE);
  ar_account_model_set_status (model, AR_STATUS_ACTIVE);
  ar_account_model_set_bucket (model, 1);
  f.currency = "EUR";
  f.overdue_only = TRUE;
  f.status = AR_STATUS_ACTIVE;
  f.bucket = 1;
  assert_filter (model, e, &f, FALSE, 1);
  ar_account_model_set_plan_or_promise (model, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

typedef struct
{
  FilterSpec  spec;
  const char *search;
} FilterSearch;

static gboolean
matches_filter_and_search (const Row *r, gconstpointer data)
{
  const FilterSearch *fs = data;

  return matches_filter (r, &fs->spec) && (fs->search == NULL || matches_search (r, fs->search));
}

/* Filters, a search and every sort together: each order of the same rows, found again by
 * ar_account_model_find(); typing on narrows within the filters. */
static void
test_filters_search_sorts (void)
{
  g_autoptr(ArAccountModel) model = new_model (book);
  g_autoptr(Expected) e = expected_load (book, test_today ());
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) currencies = NULL;
  FilterSearch fs = { { { 0 } }, NULL };
  const char *typed[] = { "a", "an", "and" };

  g_assert_false (ar_account_model_is_filtered (model));
  ar_account_filter_init (&fs.spec.filter);
  fs.spec.filter.overdue_only = TRUE;
  fs.spec.filter.currency = "EUR";
  fs.spec.as_of = e->as_of;
  fs.spec.aging = ar_account_model_get_aging_config (model);
  ar_account_model_set_filter (model, &fs.spec.filter);
  g_assert_true (ar_account_model_is_filtered (model));

  fs.search = "an";
  ar_account_model_set_search (model, fs.search);
  for (int sort = 0; sort < AR_N_ACCOUNT_SORTS; sort++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autoptr(GArray) rows = NULL;

        ar_account_model_set_sort (model, (ArAccountSort) sort, descending);
        rows = expected_rows (e, model, matches_filter_and_search, &fs);
        g_assert_cmpuint (rows->len, >=, 5);
        assert_model_rows (model, rows, e->as_of);
        for (guint i = 0; i < rows->len; i += 7)
          {
            const Row *r = &g_array_index (rows, Row, i);
            guint found = G_MAXUINT;

            g_assert_true (ar_account_model_find (model, r->debtor_id, r->currency, &found));
            g_assert_cmpuint (found, ==, i);
          }
      }
  /* A debtor the filters hide is not found. */
  for (guint i = 0; i < e->rows->len; i++)
    {
      const Row *r = &g_array_index (e->rows, Row, i);

      if (strcmp (r->currency, "USD") == 0)
        {
          g_assert_false (ar_account_model_find (model, r->debtor_id, r->currency, NULL));
          break;
        }
    }

  /* Typing on and back, within the filters. */
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(GArray) rows = NULL;

      fs.search = typed[i];
      ar_account_model_set_search (model, fs.search);
      rows = expected_rows (e, model, matches_filter_and_search, &fs);
      assert_model_rows (model, rows, e->as_of);
    }
  fs.search = NULL;
  ar_account_model_set_search (model, NULL);
  {
    g_autoptr(GArray) rows = expected_rows (e, model, matches_filter_and_search, &fs);

    assert_model_rows (model, rows, e->as_of);
  }

  ar_account_filter_init (&fs.spec.filter);
  ar_account_model_set_filter (model, &fs.spec.filter);
  g_assert_false (ar_account_model_is_filtered (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, e->rows->len);

  /* The currencies a filter can offer: the book's, sorted. */
  currencies = ar_account_model_list_currencies (model, &error);
  g_assert_no_error (error);
  g_assert_nonnull (currencies);
  g_assert_true (g_strv_contains ((const char * const *) currencies, "EUR"));
  g_assert_true (g_strv_contains ((const char * const *) currencies, "USD"));
  for (guint i = 1; currencies[i] != NULL; i++)
    g_assert_cmpint (strcmp (currencies[i - 1], currencies[i]), <, 0);
}

/* "Plan or promise" takes the debtors a pending promise covers, whatever their status. */
static void
test_filter_arrangements (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_demo (200);
  g_autoptr(ArAccountModel) model = new_model (ledger);
  g_autoptr(ArAccount) chosen = NULL;
  ArPromiseInfo promise = { 0 };
  guint n_before, found;

  g_autoptr(GHashTable) paused = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* Shown: the statuses plan and promise, and whoever a running plan or pending promise covers
   * (the demo book has promises made by debtors of other statuses). */
  g_assert_true (ar_ledger_foreach_dunning_pause (ledger, test_today (), collect_paused, paused,
                                                  &error));
  g_assert_no_error (error);
  ar_account_model_set_plan_or_promise (model, TRUE);
  n_before = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n_before; i++)
    {
      g_autoptr(ArAccount) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      ArDebtorStatus status = ar_account_get_status (item);
      gint64 id = ar_account_get_debtor_id (item);

      g_assert_true (status == AR_STATUS_PLAN || status == AR_STATUS_PROMISE ||
                     g_hash_table_contains (paused, &id));
    }

  /* An active debtor who owes: not shown, until a promise to pay covers them. */
  ar_account_model_set_plan_or_promise (model, FALSE);
  ar_account_model_set_status (model, AR_STATUS_ACTIVE);
  ar_account_model_set_overdue_only (model, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  chosen = g_list_model_get_item (G_LIST_MODEL (model), 0);
  ar_account_model_set_status (model, -1);
  ar_account_model_set_overdue_only (model, FALSE);
  ar_account_model_set_plan_or_promise (model, TRUE);
  g_assert_false (ar_account_model_find (model, ar_account_get_debtor_id (chosen),
                                         ar_account_get_currency (chosen), NULL));

  promise.debtor_id = ar_account_get_debtor_id (chosen);
  promise.currency = ar_account_get_currency (chosen);
  promise.amount = 100;
  promise.date = test_today () + 7;
  promise.made_on = test_today ();
  promise.channel = AR_ACTIVITY_CALL;
  {
    gint64 id = ar_ledger_add_promise (ledger, &promise, &error);

    g_assert_no_error (error);
    g_assert_cmpint (id, >, 0);
  }
  g_assert_true (ar_account_model_reload (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_before + 1);
  g_assert_true (ar_account_model_find (model, ar_account_get_debtor_id (chosen),
                                        ar_account_get_currency (chosen), &found));
  {
    g_autoptr(ArAccount) item = g_list_model_get_item (G_LIST_MODEL (model), found);

    g_assert_cmpint (ar_account_get_status (item), ==, AR_STATUS_ACTIVE);
  }
}

static void
test_filter_by_issue_date (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_demo (300);
  g_autoptr(ArAccountModel) model = new_model (ledger);
  g_autoptr(Expected) e = expected_load (ledger, test_today ());
  const ArAgingConfig *aging;
  guint differ = 0;

  g_assert_true (ar_ledger_set_setting (ledger, "aging.basis", "issue", &error));
  g_assert_true (ar_ledger_set_setting (ledger, "aging.limits", "15,45", &error));
  g_assert_no_error (error);
  g_assert_true (ar_account_model_reload (model, &error));
  g_assert_no_error (error);
  aging = ar_account_model_get_aging_config (model);
  g_assert_cmpint (aging->basis, ==, AR_AGING_BY_ISSUE_DATE);
  g_assert_cmpuint (aging->n_limits, ==, 2);

  for (int b = 0; b < 4; b++)
    {
      ArAccountFilter f;

      ar_account_filter_init (&f);
      f.bucket = b;
      assert_filter (model, e, &f, TRUE, b == 0 ? 0 : 1);
    }
  /* The items' buckets too; and the issue date makes a difference for some of them. */
  ar_account_model_set_bucket (model, -1);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(ArAccount) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      const Row *r = NULL;

      for (guint k = 0; k < e->rows->len && r == NULL; k++)
        {
          const Row *c = &g_array_index (e->rows, Row, k);
          if (c->debtor_id == ar_account_get_debtor_id (item) &&
              strcmp (c->currency, ar_account_get_currency (item)) == 0)
            r = c;
        }
      g_assert_nonnull (r);
      if (r->oldest_due != 0)
        {
          guint by_issue = ar_aging_bucket_for_days (aging, (int) e->as_of - (int) r->oldest_issue);
          g_assert_cmpint (ar_account_get_bucket (item), ==, by_issue);
          differ += by_issue != ar_aging_bucket_for_days (aging, days_overdue (r, e->as_of));
        }
    }
  g_assert_cmpuint (differ, >, 0);
}

typedef struct
{
  guint count;
  guint removed;         /* in all, over the emissions */
  guint added;
  guint changing;        /* "changing" and "changed" */
  guint changed;
  guint n_at_changing;
  guint n;               /* the rows as told so far */
} Changes;

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, Changes *c)
{
  c->count++;
  /* Rows go, then rows come: never many of both in one emission (GTK looks for the rows it
   * tracks among those added, reading each). */
  g_assert_true (removed == 0 || added <= 256);
  g_assert_cmpuint (c->changing, ==, 1);
  g_assert_cmpuint (c->changed, ==, 0);
  g_assert_cmpuint (position + removed, <=, c->n);
  c->removed += removed;
  c->added += added;
  c->n = c->n - removed + added;
  /* The model is consistent when it tells. */
  g_assert_cmpuint (c->n, ==, g_list_model_get_n_items (model));
  if (added > 0)
    {
      g_autoptr(GObject) first = g_list_model_get_item (model, position);
      g_autoptr(GObject) last = g_list_model_get_item (model, position + added - 1);

      g_assert_nonnull (first);
      g_assert_nonnull (last);
    }
}

static void
changing_cb (GListModel *model, Changes *c)
{
  c->changing++;
  c->n_at_changing = c->n = g_list_model_get_n_items (model);
}

static void
changed_cb (GListModel *model, Changes *c)
{
  c->changed++;
}

/* A change in place: the last one seen. */
typedef struct
{
  guint count;
  guint position;
  guint removed;
  guint added;
} RowChange;

static void
row_changed_cb (GListModel *model, guint position, guint removed, guint added, RowChange *c)
{
  c->count++;
  c->position = position;
  c->removed = removed;
  c->added = added;
  g_assert_cmpuint (position + added, <=, g_list_model_get_n_items (model));
}

/* Every old row removed and every new one added (in at most two emissions) between one
 * "changing" and one "changed"; no items-changed when the list was and stays empty. A search
 * that extends the one before (@narrowing) keeps the leading rows that stay. */
static void
assert_change (Changes *c, guint old, ArAccountModel *model, gboolean narrowing)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_assert_cmpuint (c->changing, ==, 1);
  g_assert_cmpuint (c->changed, ==, 1);
  g_assert_cmpuint (c->n_at_changing, ==, old);
  g_assert_cmpuint (c->n, ==, n);
  if (old == 0 && n == 0)
    g_assert_cmpuint (c->count, ==, 0);
  else if (!narrowing)
    {
      g_assert_cmpuint (c->count, ==, old != 0 && n != 0 ? 2 : 1);
      g_assert_cmpuint (c->removed, ==, old);
      g_assert_cmpuint (c->added, ==, n);
    }
  else
    {
      /* The leading rows that stay (at most 128) are neither removed nor added; the rows
       * that replace the others come in one or two emissions. */
      g_assert_cmpuint (c->count, <=, 2);
      g_assert_cmpuint (old - c->removed, ==, n - c->added);
      g_assert_cmpuint (old - c->removed, <=, 128);
    }
  memset (c, 0, sizeof *c);
}

static void
test_items_changed (void)
{
  g_autoptr(ArAccountModel) model = new_model (book);
  Changes c = { 0 };
  guint n;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &c);
  g_signal_connect (model, "changing", G_CALLBACK (changing_cb), &c);
  g_signal_connect (model, "changed", G_CALLBACK (changed_cb), &c);

#define ONCE(call) \
  G_STMT_START { n = g_list_model_get_n_items (G_LIST_MODEL (model)); call; \
                 assert_change (&c, n, model, FALSE); } G_STMT_END
#define NARROWS(call) \
  G_STMT_START { n = g_list_model_get_n_items (G_LIST_MODEL (model)); call; \
                 assert_change (&c, n, model, TRUE); } G_STMT_END
#define NEVER(call) \
  G_STMT_START { call; g_assert_cmpuint (c.count, ==, 0); g_assert_cmpuint (c.changing, ==, 0); \
                 } G_STMT_END

  ONCE (ar_account_model_set_sort (model, AR_ACCOUNT_SORT_BALANCE, FALSE));
  ONCE (ar_account_model_set_sort (model, AR_ACCOUNT_SORT_BALANCE, TRUE));
  NEVER (ar_account_model_set_sort (model, AR_ACCOUNT_SORT_BALANCE, TRUE));
  NARROWS (ar_account_model_set_search (model, "m"));
  NARROWS (ar_account_model_set_search (model, "mu"));
  NARROWS (ar_account_model_set_search (model, "mul"));
  NEVER (ar_account_model_set_search (model, "mul"));
  ONCE (ar_account_model_set_search (model, NULL));
  NEVER (ar_account_model_set_search (model, ""));
  ONCE (ar_account_model_set_overdue_only (model, TRUE));
  NEVER (ar_account_model_set_overdue_only (model, TRUE));
  ONCE (ar_account_model_set_currency (model, "EUR"));
  NEVER (ar_account_model_set_currency (model, "EUR"));
  ONCE (ar_account_model_set_plan_or_promise (model, TRUE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  ONCE (ar_account_model_set_status (model, AR_STATUS_PROMISE));
  ONCE (ar_account_model_set_bucket (model, 4));
  {
    ArAccountFilter f;
    ar_account_filter_init (&f);
    ONCE (ar_account_model_set_filter (model, &f));
    NEVER (ar_account_model_set_filter (model, &f));
  }
  /* Through properties, as a search entry bound to the model would. */
  NARROWS (g_object_set (model, "search", "ande", NULL));
  ONCE (g_object_set (model, "search", "x", NULL));
  ONCE (g_object_set (model, "sort", AR_ACCOUNT_SORT_NAME, NULL));
  ONCE (g_object_set (model, "descending", FALSE, NULL));
  ONCE (g_object_set (model, "overdue-only", TRUE, NULL));
  ONCE (g_object_set (model, "currency", "USD", NULL));
  ONCE (ar_account_model_set_as_of (model, test_today () - 40));
#undef ONCE
#undef NARROWS
#undef NEVER
}

/* A list that follows the model's items-changed the way a list view does: it takes the
 * rows added (get_item() at the time) and keeps the rest. */
static void
mirror_changed_cb (GListModel *model, guint position, guint removed, guint added,
                   GPtrArray *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->len);
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror, (int) (position + i), g_list_model_get_item (model, position + i));
  g_assert_cmpuint (mirror->len, ==, g_list_model_get_n_items (model));
}

static gpointer
copy_object (gconstpointer object, gpointer user_data)
{
  return g_object_ref ((gpointer) object);
}

/* The rows of @model as "debtor:currency" keys, in order. */
static GPtrArray *
row_keys (GListModel *model)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ArAccount) item = g_list_model_get_item (model, i);

      g_ptr_array_add (keys, g_strdup_printf ("%" G_GINT64_FORMAT ":%s",
                                              ar_account_get_debtor_id (item),
                                              ar_account_get_currency (item)));
    }
  return keys;
}

static void
assert_same_keys (GPtrArray *a, GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

/* Typing on narrows the rows shown (from the rows shown, keeping the leading rows that stay,
 * and the same objects for rows that stay): the same rows, in the same order, as the same search run afresh, with every
 * sort in both directions, with and without a filter; a list that follows the emissions ends
 * with the model's rows, and the first rows that stay are the objects it had. */
static void
test_narrowing (void)
{
  static const char * const typed[] = { "m", "mu", "mul", "mull", "a", "an", "and", "ande",
                                        "1", "12", "123" };
  g_autoptr(ArAccountModel) model = new_model (book);
  g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_kept = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_changed_cb), mirror);
  mirror_changed_cb (G_LIST_MODEL (model), 0, 0, g_list_model_get_n_items (G_LIST_MODEL (model)),
                     mirror);
  for (guint filtered = 0; filtered < 2; filtered++)
    for (int sort = 0; sort < AR_N_ACCOUNT_SORTS; sort++)
      for (int descending = 0; descending < 2; descending++)
        {
          ArAccountFilter filter;

          ar_account_filter_init (&filter);
          filter.overdue_only = filtered;
          ar_account_model_set_search (model, NULL);
          ar_account_model_set_filter (model, &filter);
          ar_account_model_set_sort (model, sort, descending);
          for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
            {
              g_autoptr(ArAccountModel) fresh = new_model (book);
              g_autoptr(GPtrArray) before = g_ptr_array_copy (mirror, copy_object, NULL);
              g_autoptr(GPtrArray) got = NULL;
              g_autoptr(GPtrArray) want = NULL;

              g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);

              g_ptr_array_set_free_func (before, g_object_unref);
              for (guint i = 0; i < MIN (before->len, 256); i++)
                {
                  g_autoptr(ArAccount) item = g_list_model_get_item (G_LIST_MODEL (model), i);

                  g_hash_table_add (shown, item);
                }
              ar_account_model_set_search (model, typed[t]);
              ar_account_model_set_filter (fresh, &filter);
              ar_account_model_set_sort (fresh, sort, descending);
              ar_account_model_set_search (fresh, typed[t]);
              got = row_keys (G_LIST_MODEL (model));
              want = row_keys (G_LIST_MODEL (fresh));
              assert_same_keys (got, want);
              /* The list that followed shows the same rows as the model. */
              g_assert_cmpuint (mirror->len, ==, got->len);
              for (guint i = 0; i < mirror->len; i++)
                {
                  g_autoptr(ArAccount) item = g_list_model_get_item (G_LIST_MODEL (model), i);
                  ArAccount *seen = g_ptr_array_index (mirror, i);

                  g_assert_cmpint (ar_account_get_debtor_id (seen), ==,
                                   ar_account_get_debtor_id (item));
                  g_assert_cmpstr (ar_account_get_currency (seen), ==,
                                   ar_account_get_currency (item));
                  g_assert_cmpint (ar_account_get_balance (seen), ==,
                                   ar_account_get_balance (item));
                  /* A row kept from the rows the list showed last (the first 256, read
                   * again just before, as a list view reads the rows it shows) is the
                   * object it had. */
                  if (i < 64 && g_hash_table_contains (shown, seen))
                    {
                      g_assert_true (item == seen);
                      n_kept++;
                    }
                }
            }
        }
  /* Rows stayed (and were not told as removed and added again). */
  g_assert_cmpuint (n_kept, >, 1000);
}

static guint n_finalized;

static void
item_finalized_cb (gpointer data, GObject *where_the_object_was)
{
  n_finalized++;
}

static void
test_cache_bounded (void)
{
  g_autoptr(ArLedger) ledger = new_demo (20000);
  ArAccountModel *model = new_model (ledger);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  guint n_created = 0, max_live = 0;
  ArAccount *again;

  g_assert_cmpuint (n, >=, 20000);
  n_finalized = 0;
  for (guint i = 0; i < n; i++)
    {
      ArAccount *item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_object_weak_ref (G_OBJECT (item), item_finalized_cb, NULL);
      n_created++;
      g_object_unref (item);
      max_live = MAX (max_live, n_created - n_finalized);
    }
  g_test_message ("%u items fetched, at most %u alive", n_created, max_live);
  /* 32 pages of 64 at most. */
  g_assert_cmpuint (max_live, <=, 32 * 64);
  g_assert_cmpuint (n_finalized, >=, n_created - 32 * 64);

  /* Asking twice for a cached row gives the same object. */
  again = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
  {
    ArAccount *same = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
    g_assert_true (again == same);
    g_object_unref (same);
  }
  g_object_unref (again);

  g_assert_finalize_object (model);
  g_assert_cmpuint (n_finalized, ==, n_created);
}

static void
assert_summary (ArAccountModel *model, const Expected *e, GArray *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) totals = NULL;
  g_autoptr(GHashTable) debtors = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_debtors = 0;
  guint checked = 0;

  g_assert_true (ar_account_model_get_summary (model, &n_debtors, &totals, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (debtors, &g_array_index (rows, Row, i).debtor_id);
  g_assert_cmpuint (n_debtors, ==, g_hash_table_size (debtors));

  for (guint t = 0; t < totals->len; t++)
    {
      const ArAccountTotal *total = &g_array_index (totals, ArAccountTotal, t);
      g_autoptr(GHashTable) in_currency = g_hash_table_new (g_int64_hash, g_int64_equal);
      gint64 sum = 0;

      if (t > 0)
        g_assert_cmpstr (g_array_index (totals, ArAccountTotal, t - 1).currency, <,
                         total->currency);
      for (guint i = 0; i < rows->len; i++)
        {
          Row *r = &g_array_index (rows, Row, i);
          if (strcmp (r->currency, total->currency) == 0)
            {
              sum += r->balance;
              g_hash_table_add (in_currency, &r->debtor_id);
              checked++;
            }
        }
      g_assert_cmpint (total->balance, ==, sum);
      g_assert_cmpuint (total->n_debtors, ==, g_hash_table_size (in_currency));
    }
  /* Every row with a currency is in some total. */
  for (guint i = 0; i < rows->len; i++)
    checked -= g_array_index (rows, Row, i).currency[0] != '\0';
  g_assert_cmpuint (checked, ==, 0);
}

static void
test_summary (void)
{
  g_autoptr(ArAccountModel) model = new_model (book);
  g_autoptr(Expected) e = expected_load (book, test_today ());
  const ArAgingConfig *aging = ar_account_model_get_aging_config (model);
  g_autoptr(GArray) all = expected_rows (e, model, NULL, NULL);
  gint64 usd = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) totals = NULL;

  assert_summary (model, e, all);
  {
    /* The same figures straight from the stored balances. */
    g_assert_true (ar_account_model_get_summary (model, NULL, &totals, &error));
    for (guint t = 0; t < totals->len; t++)
      if (strcmp (g_array_index (totals, ArAccountTotal, t).currency, "USD") == 0)
        usd = g_array_index (totals, ArAccountTotal, t).balance;
    g_assert_cmpint (usd, ==, sql_int (book, "SELECT sum (balance) FROM balances"
                                             " WHERE currency = 'USD'"));
  }

  ar_account_model_set_overdue_only (model, TRUE);
  ar_account_model_set_search (model, "an");
  {
    ArAccountFilter f;
    FilterSpec spec;
    g_autoptr(GArray) filtered = NULL;
    g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));

    ar_account_filter_init (&f);
    f.overdue_only = TRUE;
    spec = (FilterSpec) { f, e->as_of, FALSE, aging };
    filtered = expected_rows (e, model, matches_filter, &spec);
    for (guint i = 0; i < filtered->len; i++)
      if (matches_search (&g_array_index (filtered, Row, i), "an"))
        g_array_append_val (rows, g_array_index (filtered, Row, i));
    g_assert_cmpuint (rows->len, >, 10);
    assert_summary (model, e, rows);
  }
  ar_account_model_set_search (model, "no such text");
  {
    g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (Row));
    assert_summary (model, e, none);
  }
}

static void
test_refresh (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_demo (500);
  g_autoptr(ArAccountModel) model = new_model (ledger);
  g_autoptr(ArAccount) before = NULL;
  g_autoptr(ArAccount) after = NULL;
  g_autoptr(GArray) totals_before = NULL;
  g_autoptr(GArray) totals_after = NULL;
  RowChange c = { 0 };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  guint pos = G_MAXUINT;
  ArPosting payment = { 0 };
  gint64 balance_before = 0, balance_after = 0;

  /* A row deep in the list with something open. */
  ar_account_model_set_sort (model, AR_ACCOUNT_SORT_BALANCE, FALSE);
  for (guint i = n - 1; i > n / 2 && pos == G_MAXUINT; i--)
    {
      g_autoptr(ArAccount) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      if (ar_account_get_balance (item) > 10000)
        pos = i;
    }
  g_assert_cmpuint (pos, !=, G_MAXUINT);
  before = g_list_model_get_item (G_LIST_MODEL (model), pos);
  g_assert_true (ar_account_model_get_summary (model, NULL, &totals_before, &error));

  payment.debtor_id = ar_account_get_debtor_id (before);
  payment.kind = AR_ENTRY_PAYMENT;
  payment.date = test_today ();
  payment.amount = 2500;
  payment.currency = ar_account_get_currency (before);
  g_assert_true (ar_ledger_post (ledger, &payment, NULL, &error));
  g_assert_no_error (error);

  g_signal_connect (model, "items-changed", G_CALLBACK (row_changed_cb), &c);
  g_assert_true (ar_account_model_refresh (model, payment.debtor_id, &error));
  g_assert_no_error (error);
  /* One row for that debtor (demo debtors owe in one currency), changed in place. */
  g_assert_cmpuint (c.count, ==, 1);
  g_assert_cmpuint (c.position, ==, pos);
  g_assert_cmpuint (c.removed, ==, 1);
  g_assert_cmpuint (c.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);

  after = g_list_model_get_item (G_LIST_MODEL (model), pos);
  g_assert_true (after != before);
  g_assert_cmpint (ar_account_get_debtor_id (after), ==, payment.debtor_id);
  g_assert_cmpint (ar_account_get_balance (after), ==, ar_account_get_balance (before) - 2500);
  g_assert_cmpstr (ar_account_get_balance_text (after), !=, ar_account_get_balance_text (before));

  /* The footer follows. */
  g_assert_true (ar_account_model_get_summary (model, NULL, &totals_after, &error));
  for (guint t = 0; t < totals_before->len; t++)
    if (strcmp (g_array_index (totals_before, ArAccountTotal, t).currency,
                payment.currency) == 0)
      {
        balance_before = g_array_index (totals_before, ArAccountTotal, t).balance;
        balance_after = g_array_index (totals_after, ArAccountTotal, t).balance;
      }
  g_assert_cmpint (balance_after, ==, balance_before - 2500);

  /* A debtor that isn't shown: nothing happens. */
  c.count = 0;
  ar_account_model_set_search (model, ar_account_get_external_id (after));
  c.count = 0;
  g_assert_true (ar_account_model_refresh (model, payment.debtor_id + 1, &error));
  g_assert_cmpuint (c.count, ==, 0);
}

static void
test_special_rows (void)
{
  g_autoptr(ArAccountModel) model = new_model (book);
  guint found_special = 0, found_two = 0;
  g_autoptr(GArray) totals = NULL;
  guint n_debtors = 0;
  g_autoptr(GError) error = NULL;

  ar_account_model_set_search (model, "C90000");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(ArAccount) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (ar_account_get_debtor_id (item) == special_id)
        {
          found_special++;
          g_assert_cmpstr (ar_account_get_currency (item), ==, "");
          g_assert_cmpint (ar_account_get_balance (item), ==, 0);
          g_assert_cmpstr (ar_account_get_balance_text (item), ==, "");
          g_assert_cmpint (ar_account_get_bucket (item), ==, AR_ACCOUNT_NO_BUCKET);
          g_assert_cmpint (ar_account_get_days_overdue (item), ==, 0);
        }
      if (ar_account_get_debtor_id (item) == two_currency_id)
        found_two++;
    }
  g_assert_cmpuint (found_special, ==, 1);
  g_assert_cmpuint (found_two, ==, 2);
  /* Two rows, one debtor. */
  g_assert_true (ar_account_model_get_summary (model, &n_debtors, &totals, &error));
  g_assert_cmpuint (n_debtors, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_cmpuint (totals->len, ==, 2);
}

static void
test_empty_book (void)
{
  g_autoptr(ArLedger) ledger = new_ledger ();
  g_autoptr(ArAccountModel) model = new_model (ledger);
  g_autoptr(GArray) totals = NULL;
  g_autoptr(GError) error = NULL;
  guint n_debtors = 1;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
  ar_account_model_set_search (model, "x");
  ar_account_model_set_sort (model, AR_ACCOUNT_SORT_NEXT_ACTION, TRUE);
  g_assert_true (ar_account_model_get_summary (model, &n_debtors, &totals, &error));
  g_assert_cmpuint (n_debtors, ==, 0);
  g_assert_cmpuint (totals->len, ==, 0);
}

/* A search skips the sources that can't hold its text (no name has a "q"), and learns again
 * when the book changes: a debtor added since is found. */
static void
test_search_learns_again (void)
{
  g_autoptr(ArLedger) ledger = new_ledger ();
  g_autoptr(ArAccountModel) model = NULL;

  add_debtor (ledger, "A1", "Alpha Ltd", AR_STATUS_ACTIVE);
  add_debtor (ledger, "B2", "Beta GmbH", AR_STATUS_ACTIVE);
  model = new_model (ledger);

  ar_account_model_set_search (model, "q");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  ar_account_model_set_search (model, NULL);
  ar_account_model_set_search (model, "q");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  ar_account_model_set_search (model, "ha l");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  add_debtor (ledger, "Q3", "Quill & Co", AR_STATUS_ACTIVE);
  g_assert_true (ar_account_model_reload (model, NULL));
  ar_account_model_set_search (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  ar_account_model_set_search (model, "QUI");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  ar_account_model_set_search (model, "q3");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
}

/* The worker that learns the sources at the start: what it learnt before a commit the model
 * has seen is not used (a debtor added meanwhile is found), and the searches it speeds up find
 * what they did. */
static void
test_search_learnt_ahead (void)
{
  g_autoptr(ArLedger) ledger = new_ledger ();
  g_autoptr(ArAccountModel) model = NULL;

  add_debtor (ledger, "A1", "Alpha Ltd", AR_STATUS_ACTIVE);
  add_debtor (ledger, "B2", "Beta GmbH", AR_STATUS_ACTIVE);
  model = new_model (ledger);
  add_debtor (ledger, "Q3", "Quill & Co", AR_STATUS_ACTIVE);
  /* The worker's answer arrives on this thread's main context. */
  for (guint i = 0; i < 100; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
  g_assert_true (ar_account_model_reload (model, NULL));
  ar_account_model_set_search (model, "qu");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  ar_account_model_set_search (model, "b2");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  ar_account_model_set_search (model, "zz");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_clear_object (&model);
}

static void
test_two_models (void)
{
  g_autoptr(ArAccountModel) a = new_model (book);
  g_autoptr(ArAccountModel) b = new_model (book);
  g_autoptr(ArAccount) first_a = NULL;
  g_autoptr(ArAccount) first_b = NULL;

  ar_account_model_set_sort (a, AR_ACCOUNT_SORT_EXTERNAL_ID, FALSE);
  ar_account_model_set_sort (b, AR_ACCOUNT_SORT_EXTERNAL_ID, TRUE);
  ar_account_model_set_search (b, "C0001");
  first_a = g_list_model_get_item (G_LIST_MODEL (a), 0);
  first_b = g_list_model_get_item (G_LIST_MODEL (b), 0);
  g_assert_cmpstr (ar_account_get_external_id (first_a), ==, "C000001");
  g_assert_cmpstr (ar_account_get_external_id (first_b), ==, "C000199");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (b)), ==, 99 + 1);
}

static void
make_book (void)
{
  book = new_demo (2000);
  add_activities (book);
  special_id = add_debtor (book, "C900001", "100% Sure_Thing Ltd", AR_STATUS_ACTIVE);
  two_currency_id = add_debtor (book, "C900002", "Twofold Trading", AR_STATUS_PROMISE);
  add_invoice (book, two_currency_id, "TWO-EUR-1", "EUR", 120000, 75);
  add_invoice (book, two_currency_id, "TWO-USD-1", "USD", 99000, 5);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("arrears-test-account-model-XXXXXX", &error);
  g_assert_no_error (error);
  make_book ();

  g_test_add_func ("/account-model/count", test_count);
  g_test_add_func ("/account-model/sorts", test_sorts);
  g_test_add_func ("/account-model/item-values", test_item_values);
  g_test_add_func ("/account-model/search", test_search);
  g_test_add_func ("/account-model/filters", test_filters);
  g_test_add_func ("/account-model/filters-search-sorts", test_filters_search_sorts);
  g_test_add_func ("/account-model/filter-arrangements", test_filter_arrangements);
  g_test_add_func ("/account-model/filter-by-issue-date", test_filter_by_issue_date);
  g_test_add_func ("/account-model/items-changed", test_items_changed);
  g_test_add_func ("/account-model/narrowing", test_narrowing);
  g_test_add_func ("/account-model/cache-bounded", test_cache_bounded);
  g_test_add_func ("/account-model/summary", test_summary);
  g_test_add_func ("/account-model/refresh", test_refresh);
  g_test_add_func ("/account-model/special-rows", test_special_rows);
  g_test_add_func ("/account-model/empty-book", test_empty_book);
  g_test_add_func ("/account-model/two-models", test_two_models);
  g_test_add_func ("/account-model/search-learns-again", test_search_learns_again);
  g_test_add_func ("/account-model/search-learnt-ahead", test_search_learnt_ahead);
  ret = g_test_run ();

  g_clear_object (&book);
  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
