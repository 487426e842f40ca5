/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-aging"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-aging.h"
#include "ar-ledger-private.h"

G_DEFINE_QUARK (ar-aging-error-quark, ar_aging_error)

void
ar_aging_config_init_default (ArAgingConfig *config)
{
  memset (config, 0, sizeof *config);
  config->basis = AR_AGING_BY_DUE_DATE;
  config->n_limits = 3;
  config->limits[0] = 30;
  config->limits[1] = 60;
  config->limits[2] = 90;
}

gboolean
ar_aging_config_parse_limits (ArAgingConfig *config, const char *text, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint n = g_strv_length (parts);
  guint limits[AR_AGING_MAX_BUCKETS - 2];

  if (n == 0 || n > G_N_ELEMENTS (limits))
    {
      g_set_error (error, AR_AGING_ERROR, AR_AGING_ERROR_CONFIG,
                   _("buckets: “%s” should list 1 to %u day limits, e.g. 30,60,90"),
                   text, (guint) G_N_ELEMENTS (limits));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      guint64 v;

      if (!g_ascii_string_to_unsigned (parts[i], 10, 1, 3650, &v, NULL) ||
          (i > 0 && v <= limits[i - 1]))
        {
          g_set_error (error, AR_AGING_ERROR, AR_AGING_ERROR_CONFIG,
                       _("buckets: “%s” should be increasing whole numbers of days between 1 "
                         "and 3650, e.g. 30,60,90"), text);
          return FALSE;
        }
      limits[i] = (guint) v;
    }
  config->n_limits = n;
  memcpy (config->limits, limits, n * sizeof limits[0]);
  return TRUE;
}

gboolean
ar_aging_config_load (ArAgingConfig *config, ArLedger *ledger, GError **error)
{
  g_autofree char *limits = ar_ledger_get_setting (ledger, "aging.limits");
  g_autofree char *basis = ar_ledger_get_setting (ledger, "aging.basis");

  ar_aging_config_init_default (config);
  if (basis != NULL && g_str_equal (basis, "issue"))
    config->basis = AR_AGING_BY_ISSUE_DATE;
  return limits == NULL || ar_aging_config_parse_limits (config, limits, error);
}

const char *
ar_aging_bucket_label (const ArAgingConfig *config, guint bucket, char *buf, gsize size)
{
  if (bucket == 0)
    g_strlcpy (buf, "current", size);
  else if (bucket <= config->n_limits)
    g_snprintf (buf, size, "%u-%u", bucket == 1 ? 1 : config->limits[bucket - 2] + 1,
                config->limits[bucket - 1]);
  else
    g_snprintf (buf, size, "%u+", config->limits[config->n_limits - 1] + 1);
  return buf;
}

guint
ar_aging_bucket_for_days (const ArAgingConfig *config, int days)
{
  if (days <= 0)
    return 0;
  for (guint i = 0; i < config->n_limits; i++)
    if ((guint) days <= config->limits[i])
      return i + 1;
  return config->n_limits + 1;
}

void
ar_aging_report_free (ArAgingReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->totals, g_array_unref);
  g_free (report);
}

static ArAgingTotal *
total_for (ArAgingReport *report, const char *currency)
{
  ArAgingTotal t = { { 0 } };
  guint i;

  /* A handful of currencies at most: a sorted linear scan beats hashing here. */
  for (i = 0; i < report->totals->len; i++)
    {
      ArAgingTotal *existing = &g_array_index (report->totals, ArAgingTotal, i);
      int c = strcmp (existing->currency, currency);

      if (c == 0)
        return existing;
      if (c > 0)
        break;
    }
  g_strlcpy (t.currency, currency, sizeof t.currency);
  t.n_buckets = report->config.n_limits + 2;
  g_array_insert_val (report->totals, i, t);
  return &g_array_index (report->totals, ArAgingTotal, i);
}

static void
add_item (ArAgingReport *report, ArAgingTotal *t, guint32 due, guint32 issue, gint64 open)
{
  guint32 from = report->config.basis == AR_AGING_BY_DUE_DATE ? due : issue;
  int days = (int) ((gint64) report->as_of - (gint64) from);
  guint b = ar_aging_bucket_for_days (&report->config, days);

  t->buckets[b] += open;
  t->total += open;
}

static guint32
newest_entry_date (ArLedger *ledger, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, "SELECT max (date) FROM entries", error);
  guint32 newest = 0;

  if (stmt == NULL)
    return G_MAXUINT32;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    newest = _ar_column_julian (stmt, 0);
  sqlite3_reset (stmt);
  return newest;
}

/* As of a date on or after every entry: the stored allocation is the answer. */
static gboolean
compute_from_stored (ArLedger *ledger, ArAgingReport *report, GError **error)
{
  sqlite3_stmt *stmt;

  stmt = _ar_ledger_prepare (ledger, report->config.basis == AR_AGING_BY_DUE_DATE
    ? "SELECT currency, due_jd, sum (open) FROM open_items GROUP BY currency, due_jd"
    : "SELECT currency, issue_jd, sum (open) FROM open_items GROUP BY currency, issue_jd", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ArAgingTotal *t = total_for (report, (const char *) sqlite3_column_text (stmt, 0));
      guint32 day = (guint32) sqlite3_column_int64 (stmt, 1);

      add_item (report, t, day, day, sqlite3_column_int64 (stmt, 2));
    }
  sqlite3_reset (stmt);

  stmt = _ar_ledger_prepare (ledger,
    "SELECT currency, sum (unapplied), count (*) FILTER (WHERE open > 0)"
    " FROM balances GROUP BY currency", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ArAgingTotal *t = total_for (report, (const char *) sqlite3_column_text (stmt, 0));

      t->unapplied = sqlite3_column_int64 (stmt, 1);
      t->open_debtors = sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
accumulate_group (ArAgingReport *report, const char *currency, GArray *entries,
                  ArAllocResult *result)
{
  ArAgingTotal *t;
  gboolean open = FALSE;

  ar_allocate ((const ArAllocEntry *) (gpointer) entries->data, entries->len, result);
  if (result->items->len == 0 && result->unapplied == 0)
    return;
  t = total_for (report, currency);
  for (guint i = 0; i < result->items->len; i++)
    {
      const ArOpenItem *item = &g_array_index (result->items, ArOpenItem, i);
      if (item->open > 0)
        {
          add_item (report, t, item->due, item->issue, item->open);
          open = TRUE;
        }
    }
  t->unapplied += result->unapplied;
  t->open_debtors += open ? 1 : 0;
}

/* As of a past date: stream every entry up to that date, one debtor and currency at a time,
 * and allocate each group as of the date. Memory stays at one debtor's entries. */
static gboolean
compute_as_of (ArLedger *ledger, ArAgingReport *report, GError **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (ArAllocEntry));
  GStringChunk *strings = g_string_chunk_new (4096);
  sqlite3_stmt *stmt;
  ArAllocResult result;
  gint64 group_debtor = 0;
  char group_currency[4] = "";
  int rc;

  stmt = _ar_ledger_prepare (ledger,
    "SELECT e.debtor_id, e.currency, " AR_ALLOC_ENTRY_COLUMNS
    " FROM entries e LEFT JOIN invoices i ON i.id = e.invoice_id"
    " WHERE e.date <= ?1 ORDER BY e.debtor_id, e.currency", error);
  if (stmt == NULL)
    {
      g_string_chunk_free (strings);
      return FALSE;
    }
  _ar_bind_julian (stmt, 1, report->as_of);

  ar_alloc_result_init (&result);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 debtor = sqlite3_column_int64 (stmt, 0);
      const char *currency = (const char *) sqlite3_column_text (stmt, 1);
      ArAllocEntry e;

      if (debtor != group_debtor || strcmp (currency, group_currency) != 0)
        {
          if (entries->len > 0)
            accumulate_group (report, group_currency, entries, &result);
          g_array_set_size (entries, 0);
          g_string_chunk_clear (strings);
          group_debtor = debtor;
          g_strlcpy (group_currency, currency, sizeof group_currency);
        }
      _ar_alloc_entry_from_row (stmt, 2, strings, &e);
      g_array_append_val (entries, e);
    }
  if (rc == SQLITE_DONE && entries->len > 0)
    accumulate_group (report, group_currency, entries, &result);
  sqlite3_reset (stmt);
  ar_alloc_result_clear (&result);
  g_string_chunk_free (strings);

  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the ledger for aging"), error);
  return TRUE;
}

ArAgingReport *
ar_aging_report_compute (ArLedger *ledger, guint32 as_of, const ArAgingConfig *config,
                         GError **error)
{
  g_autoptr(ArAgingReport) report = g_new0 (ArAgingReport, 1);
  guint32 newest;
  gboolean ok;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (config != NULL && config->n_limits > 0, NULL);
  g_return_val_if_fail (as_of > 0, NULL);

  report->config = *config;
  report->as_of = as_of;
  report->totals = g_array_new (FALSE, FALSE, sizeof (ArAgingTotal));

  newest = newest_entry_date (ledger, error);
  if (newest == G_MAXUINT32)
    return NULL;
  ok = as_of >= newest ? compute_from_stored (ledger, report, error)
                       : compute_as_of (ledger, report, error);
  return ok ? g_steal_pointer (&report) : NULL;
}
