/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-rates"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-date.h"
#include "ar-ledger-private.h"
#include "ar-letter-data.h"
#include "ar-rates.h"

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID, message);
  return FALSE;
}

/* The shipped table, or an AR_LEDGER_ERROR naming the broken data. */
static const ArRateTable *
shipped_table (ArRateTableId table, GError **error)
{
  g_autoptr(GError) local = NULL;
  const ArRateTable *shipped = ar_rate_table_get (table, &local);

  if (shipped == NULL)
    g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID, local->message);
  return shipped;
}

gboolean
ar_rates_add (ArLedger *ledger, ArRateTableId table, guint32 from, gint32 rate_bp,
              const char *source, gboolean correct, GError **error)
{
  const ArRateTable *shipped;
  sqlite3_stmt *stmt;
  char day[11];
  gboolean exists;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (table < AR_N_RATE_TABLES, FALSE);
  g_return_val_if_fail (from > 0, FALSE);

  shipped = shipped_table (table, error);
  if (shipped == NULL)
    return FALSE;
  if (is_blank (source))
    return invalid (error, _("source: say where the rate was published (a URL, or the "
                             "publication and date)"));
  if (rate_bp < -10000 || rate_bp > 100000)
    return invalid (error, _("rate: should be a percentage between -100 and 1000"));
  if (ar_rate_table_is_half_yearly (shipped))
    {
      GDate date;

      ar_date_from_julian (from, &date);
      if (g_date_get_day (&date) != 1 ||
          (g_date_get_month (&date) != G_DATE_JANUARY && g_date_get_month (&date) != G_DATE_JULY))
        {
          g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                       _("from: %s changes only on 1 January and 1 July, not on %s"),
                       ar_rate_table_get_name (shipped), ar_date_format_julian (from, day));
          return FALSE;
        }
    }
  if (from <= ar_rate_table_get_last_day (shipped))
    {
      /* The shipped table is complete up to its last day: a recorded row there can only
       * repeat a shipped change, never alter the figures it gives. */
      ArRateRow row = { from, rate_bp, source, TRUE };
      g_autoptr(GError) local = NULL;
      g_autoptr(ArRateTable) merged = ar_rate_table_extend (shipped, &row, 1, 0, &local);

      if (merged == NULL)
        {
          g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID, "from: %s",
                       local->message);
          return FALSE;
        }
    }

  if (!ar_ledger_begin (ledger, correct ? "correct-reference-rate" : "add-reference-rate",
                        error))
    return FALSE;
  stmt = _ar_ledger_prepare (ledger,
    "SELECT EXISTS (SELECT 1 FROM reference_rates WHERE table_id = ?1 AND effective_date = ?2)",
    error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, ar_rate_table_id_to_string (table), -1, SQLITE_STATIC);
  _ar_bind_julian (stmt, 2, from);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _ar_ledger_set_sql_error (ledger, _("Could not read the recorded rates"), error);
      goto fail;
    }
  exists = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (exists && !correct)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_DUPLICATE,
                   _("from: a rate from %s is already recorded for %s; record it as a "
                     "correction to replace it"),
                   ar_date_format_julian (from, day), ar_rate_table_get_name (shipped));
      goto fail;
    }
  if (!exists && correct)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
                   _("from: no rate from %s is recorded for %s, so there is nothing to "
                     "correct"),
                   ar_date_format_julian (from, day), ar_rate_table_get_name (shipped));
      goto fail;
    }

  stmt = _ar_ledger_prepare (ledger,
    "INSERT INTO reference_rates (table_id, effective_date, rate_bp, source, correction)"
    " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, ar_rate_table_id_to_string (table), -1, SQLITE_STATIC);
  _ar_bind_julian (stmt, 2, from);
  sqlite3_bind_int (stmt, 3, rate_bp);
  sqlite3_bind_text (stmt, 4, g_strstrip (g_strdup (source)), -1, g_free);
  sqlite3_bind_int (stmt, 5, correct ? 1 : 0);
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not record the rate"), error))
    goto fail;
  return ar_ledger_commit (ledger, error);

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}

gboolean
ar_rates_confirm (ArLedger *ledger, ArRateTableId table, guint32 until, const char *source,
                  GError **error)
{
  const ArRateTable *shipped;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (table < AR_N_RATE_TABLES, FALSE);
  g_return_val_if_fail (until > 0, FALSE);

  shipped = shipped_table (table, error);
  if (shipped == NULL)
    return FALSE;
  if (is_blank (source))
    return invalid (error, _("source: say where you checked that no other change was "
                             "published (a URL, or the publication and date)"));

  if (!ar_ledger_begin (ledger, "confirm-reference-rates", error))
    return FALSE;
  stmt = _ar_ledger_prepare (ledger,
    "INSERT INTO reference_rates_known (table_id, known_until, source) VALUES (?1, ?2, ?3)",
    error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, ar_rate_table_id_to_string (table), -1, SQLITE_STATIC);
  _ar_bind_julian (stmt, 2, until);
  sqlite3_bind_text (stmt, 3, g_strstrip (g_strdup (source)), -1, g_free);
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not record the confirmation"), error))
    goto fail;
  return ar_ledger_commit (ledger, error);

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}

gboolean
ar_rates_list (ArLedger *ledger, ArRateTableId table, ArRecordedRateFunc func,
               gpointer user_data, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (table < AR_N_RATE_TABLES, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = _ar_ledger_prepare (ledger,
    "SELECT effective_date, rate_bp, source, recorded_at, correction FROM reference_rates"
    " WHERE table_id = ?1 ORDER BY effective_date, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ar_rate_table_id_to_string (table), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ArRecordedRate rate = {
        .table = table,
        .from = _ar_column_julian (stmt, 0),
        .rate_bp = sqlite3_column_int (stmt, 1),
        .source = (const char *) sqlite3_column_text (stmt, 2),
        .recorded_at = (const char *) sqlite3_column_text (stmt, 3),
        .correction = sqlite3_column_int (stmt, 4) != 0,
      };

      if (!func (&rate, user_data))
        break;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the recorded rates"), error);
  return TRUE;
}

gboolean
ar_rates_get_known_until (ArLedger *ledger, ArRateTableId table, guint32 *out_until,
                          char **out_source, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (table < AR_N_RATE_TABLES, FALSE);
  g_return_val_if_fail (out_until != NULL, FALSE);

  stmt = _ar_ledger_prepare (ledger,
    "SELECT known_until, source FROM reference_rates_known WHERE table_id = ?1"
    " ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ar_rate_table_id_to_string (table), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *out_until = rc == SQLITE_ROW ? _ar_column_julian (stmt, 0) : 0;
  if (out_source != NULL)
    *out_source = rc == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 1))
                                   : NULL;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the recorded rates"), error);
  return TRUE;
}

/* The merged tables kept with the ledger, and the newest row ids they were built from: a
 * dunning preview asks once per item, and one probe of two rowids is much cheaper than
 * reading and merging the rows again. */
typedef struct
{
  gint64       stamp_rates[AR_N_RATE_TABLES];
  gint64       stamp_known[AR_N_RATE_TABLES];
  ArRateTable *tables[AR_N_RATE_TABLES];
} RatesCache;

static void
rates_cache_free (gpointer data)
{
  RatesCache *cache = data;

  for (guint i = 0; i < AR_N_RATE_TABLES; i++)
    ar_rate_table_free (cache->tables[i]);
  g_free (cache);
}

static gboolean
collect_row (const ArRecordedRate *rate, gpointer user_data)
{
  GArray *rows = user_data;
  ArRateRow row = { rate->from, rate->rate_bp, g_strdup (rate->source), TRUE };

  /* Rows come by day, then in the order recorded: the later one of a day wins. */
  if (rows->len > 0 && g_array_index (rows, ArRateRow, rows->len - 1).from == rate->from)
    {
      ArRateRow *last = &g_array_index (rows, ArRateRow, rows->len - 1);

      g_free ((char *) last->source);
      *last = row;
    }
  else
    g_array_append_val (rows, row);
  return TRUE;
}

static void
clear_row (gpointer data)
{
  g_free ((char *) ((ArRateRow *) data)->source);
}

const ArRateTable *
ar_rates_get_table (ArLedger *ledger, ArRateTableId table, GError **error)
{
  RatesCache *cache;
  const ArRateTable *shipped;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) local = NULL;
  sqlite3_stmt *stmt;
  gint64 stamp_rates, stamp_known;
  guint32 known_until;
  ArRateTable *merged;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (table < AR_N_RATE_TABLES, NULL);

  shipped = shipped_table (table, error);
  if (shipped == NULL)
    return NULL;

  stmt = _ar_ledger_prepare (ledger,
    "SELECT (SELECT coalesce (max (id), 0) FROM reference_rates WHERE table_id = ?1),"
    " (SELECT coalesce (max (id), 0) FROM reference_rates_known WHERE table_id = ?1)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, ar_rate_table_id_to_string (table), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _ar_ledger_set_sql_error (ledger, _("Could not read the recorded rates"), error);
      return NULL;
    }
  stamp_rates = sqlite3_column_int64 (stmt, 0);
  stamp_known = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);

  /* Nothing recorded: the shipped table itself. */
  if (stamp_rates == 0 && stamp_known == 0)
    return shipped;

  cache = g_object_get_data (G_OBJECT (ledger), "ar-rates-cache");
  if (cache == NULL)
    {
      cache = g_new0 (RatesCache, 1);
      g_object_set_data_full (G_OBJECT (ledger), "ar-rates-cache", cache, rates_cache_free);
    }
  if (cache->tables[table] != NULL && cache->stamp_rates[table] == stamp_rates &&
      cache->stamp_known[table] == stamp_known)
    return cache->tables[table];

  rows = g_array_new (FALSE, FALSE, sizeof (ArRateRow));
  g_array_set_clear_func (rows, clear_row);
  if (!ar_rates_list (ledger, table, collect_row, rows, error) ||
      !ar_rates_get_known_until (ledger, table, &known_until, NULL, error))
    return NULL;
  merged = ar_rate_table_extend (shipped, (const ArRateRow *) (gpointer) rows->data, rows->len,
                                 known_until, &local);
  if (merged == NULL)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID, local->message);
      return NULL;
    }
  g_clear_pointer (&cache->tables[table], ar_rate_table_free);
  cache->tables[table] = merged;
  cache->stamp_rates[table] = stamp_rates;
  cache->stamp_known[table] = stamp_known;
  return merged;
}

const char *
ar_rates_describe (ArRateTableId table)
{
  switch (table)
    {
    case AR_RATE_TABLE_BOE_BANK_RATE:
      return _("Bank of England Bank Rate");
    case AR_RATE_TABLE_ECB_MRO:
      return _("ECB main refinancing rate");
    case AR_RATE_TABLE_DE_BASISZINSSATZ:
      return _("Basiszinssatz");
    case AR_N_RATE_TABLES:
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
ar_rates_get_status (ArLedger *ledger, ArRateTableId table, guint32 day, ArRateStatus *out,
                     GError **error)
{
  const ArRateTable *merged;
  const ArRateTable *shipped;
  const ArRateRow *row = NULL;
  g_autofree char *confirm_source = NULL;
  guint32 confirmed = 0;
  gint32 rate_bp = 0;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (table < AR_N_RATE_TABLES, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->table = table;
  if ((shipped = shipped_table (table, error)) == NULL ||
      !ar_rates_get_known_until (ledger, table, &confirmed, &confirm_source, error) ||
      (merged = ar_rates_get_table (ledger, table, error)) == NULL)
    return FALSE;

  out->last_day = ar_rate_table_get_last_day (merged);
  out->confirmed = confirmed != 0 && confirmed == out->last_day &&
                   confirmed > ar_rate_table_get_last_day (shipped);
  out->confirm_source = out->confirmed ? g_steal_pointer (&confirm_source) : NULL;
  out->known = day >= ar_rate_table_get_first_day (merged) && day <= out->last_day;
  /* The last day is always covered: the tables start long before it. */
  if (!ar_rate_table_lookup (merged, out->known ? day : out->last_day, &rate_bp, &row, NULL))
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("%s: no rate in force on its last day"), ar_rate_table_get_name (merged));
      ar_rate_status_clear (out);
      return FALSE;
    }
  out->rate_bp = rate_bp;
  out->from = row->from;
  out->source = g_strdup (row->source);
  out->recorded = row->recorded;
  return TRUE;
}

void
ar_rate_status_clear (ArRateStatus *status)
{
  g_return_if_fail (status != NULL);

  g_clear_pointer (&status->confirm_source, g_free);
  g_clear_pointer (&status->source, g_free);
}

guint32
ar_rates_record_known_until (ArRateTableId table, guint32 from, guint32 today)
{
  GDate date;

  g_return_val_if_fail (table < AR_N_RATE_TABLES, 0);

  if (table != AR_RATE_TABLE_DE_BASISZINSSATZ)
    return MAX (from, today);
  /* § 247 BGB: the rate of 1 January holds until 30 June, that of 1 July until 31 December. */
  ar_date_from_julian (from, &date);
  if (g_date_get_month (&date) <= G_DATE_JUNE)
    g_date_set_dmy (&date, 30, G_DATE_JUNE, g_date_get_year (&date));
  else
    g_date_set_dmy (&date, 31, G_DATE_DECEMBER, g_date_get_year (&date));
  return MAX (ar_date_to_julian (&date), today);
}

gboolean
ar_rates_check_new (ArLedger *ledger, ArRateTableId table, guint32 from, gint32 rate_bp,
                    const char *source, GError **error)
{
  const ArRateTable *shipped;
  const ArRateTable *merged;
  char day[11];

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (table < AR_N_RATE_TABLES, FALSE);
  g_return_val_if_fail (from > 0, FALSE);

  if ((shipped = shipped_table (table, error)) == NULL ||
      (merged = ar_rates_get_table (ledger, table, error)) == NULL)
    return FALSE;
  if (from <= ar_rate_table_get_last_day (merged))
    {
      g_autofree char *last = ar_letter_format_date (ar_rate_table_get_last_day (merged));

      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("from: the %s is already known up to %s, so a new rate takes effect "
                     "after that day. A rate recorded by mistake is corrected with "
                     "“arrears-cli rates add --correct”."),
                   ar_rates_describe (table), last);
      return FALSE;
    }
  if (ar_rate_table_is_half_yearly (shipped))
    {
      GDate date;

      ar_date_from_julian (from, &date);
      if (g_date_get_day (&date) != 1 ||
          (g_date_get_month (&date) != G_DATE_JANUARY && g_date_get_month (&date) != G_DATE_JULY))
        {
          g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                       _("from: the %s changes only on 1 January and 1 July, not on %s"),
                       ar_rates_describe (table), ar_date_format_julian (from, day));
          return FALSE;
        }
    }
  if (rate_bp < -10000 || rate_bp > 100000)
    return invalid (error, _("rate: should be a percentage between -100 and 1000"));
  if (is_blank (source))
    return invalid (error, _("source: say where the rate was published (a URL, or the "
                             "publication and date)"));
  return TRUE;
}

gboolean
ar_rates_record (ArLedger *ledger, ArRateTableId table, guint32 from, gint32 rate_bp,
                 const char *source, guint32 today, GError **error)
{
  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (table < AR_N_RATE_TABLES, FALSE);
  g_return_val_if_fail (today > 0, FALSE);

  if (!ar_rates_check_new (ledger, table, from, rate_bp, source, error))
    return FALSE;
  if (!ar_ledger_begin (ledger, "record-reference-rate", error))
    return FALSE;
  if (!ar_rates_add (ledger, table, from, rate_bp, source, FALSE, error) ||
      !ar_rates_confirm (ledger, table, ar_rates_record_known_until (table, from, today), source,
                         error))
    {
      ar_ledger_rollback (ledger);
      return FALSE;
    }
  return ar_ledger_commit (ledger, error);
}

gboolean
ar_rates_check_unchanged (ArLedger *ledger, ArRateTableId table, guint32 until, guint32 today,
                          const char *source, GError **error)
{
  const ArRateTable *shipped;
  const ArRateTable *merged;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (table < AR_N_RATE_TABLES, FALSE);
  g_return_val_if_fail (until > 0 && today > 0, FALSE);

  if ((shipped = shipped_table (table, error)) == NULL ||
      (merged = ar_rates_get_table (ledger, table, error)) == NULL)
    return FALSE;
  if (ar_rate_table_is_half_yearly (shipped))
    {
      g_autofree char *next = ar_letter_format_date (ar_rate_table_get_last_day (merged) + 1);

      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("until: the %s is published for every half-year: record the rate from %s, "
                     "even when it is unchanged"), ar_rates_describe (table), next);
      return FALSE;
    }
  if (until <= ar_rate_table_get_last_day (merged))
    {
      g_autofree char *last = ar_letter_format_date (ar_rate_table_get_last_day (merged));

      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("until: the %s is already known up to %s"), ar_rates_describe (table),
                   last);
      return FALSE;
    }
  if (until > today)
    {
      g_autofree char *shown = ar_letter_format_date (today);

      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("until: no one can know yet that nothing changes after today, %s"), shown);
      return FALSE;
    }
  if (is_blank (source))
    return invalid (error, _("source: say where you checked that no other change was "
                             "published (a URL, or the publication and date)"));
  return TRUE;
}

gboolean
ar_rates_record_unchanged (ArLedger *ledger, ArRateTableId table, guint32 until, guint32 today,
                           const char *source, GError **error)
{
  return ar_rates_check_unchanged (ledger, table, until, today, source, error) &&
         ar_rates_confirm (ledger, table, until, source, error);
}

/* The statutory calculators the book and its debtors' overrides use: one scan of the
 * overrides (a row per debtor with its own calculator, never the book's debtors). */
static gboolean
regimes_in_use (ArLedger *ledger, gboolean in_use[AR_N_INTEREST_REGIMES],
                gboolean by_book[AR_N_INTEREST_REGIMES], GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _ar_ledger_prepare (ledger,
    "SELECT regime, max (debtor_id = 0) FROM interest_regimes GROUP BY regime", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ArInterestRegime regime;

      if (ar_interest_regime_from_string ((const char *) sqlite3_column_text (stmt, 0), &regime))
        {
          in_use[regime] = TRUE;
          by_book[regime] = sqlite3_column_int (stmt, 1) != 0;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the interest regimes"), error);
  return TRUE;
}

GArray *
ar_rates_find_gaps (ArLedger *ledger, guint32 day, GError **error)
{
  gboolean in_use[AR_N_INTEREST_REGIMES] = { FALSE };
  gboolean by_book[AR_N_INTEREST_REGIMES] = { FALSE };
  g_autoptr(GArray) gaps = NULL;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (day > 0, NULL);

  if (!regimes_in_use (ledger, in_use, by_book, error))
    return NULL;
  gaps = g_array_new (FALSE, TRUE, sizeof (ArRatesGap));
  for (guint t = 0; t < AR_N_RATE_TABLES; t++)
    {
      ArRatesGap gap = { .table = (ArRateTableId) t };
      gboolean loaded = FALSE, found = FALSE;

      for (guint r = 0; r < AR_N_INTEREST_REGIMES; r++)
        {
          ArRateTableId id;
          guint32 needed;

          if (!in_use[r] || !ar_interest_regime_get_table ((ArInterestRegime) r, &id) || id != t)
            continue;
          needed = ar_interest_regime_reference_day ((ArInterestRegime) r, day);
          if (!loaded)
            {
              const ArRateTable *merged = ar_rates_get_table (ledger, id, error);

              if (merged == NULL)
                return NULL;
              gap.last_day = ar_rate_table_get_last_day (merged);
              loaded = TRUE;
            }
          if (needed <= gap.last_day)
            continue;
          if (!found || (by_book[r] && !gap.book))
            gap.regime = (ArInterestRegime) r;
          gap.needed = MAX (gap.needed, needed);
          gap.book = gap.book || by_book[r];
          found = TRUE;
        }
      if (found)
        g_array_append_val (gaps, gap);
    }
  return g_steal_pointer (&gaps);
}
