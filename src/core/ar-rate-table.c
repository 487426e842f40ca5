/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-rate-table"
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ar-core-resources.h"
#include "ar-date.h"
#include "ar-money.h"
#include "ar-rate-table.h"

G_DEFINE_QUARK (ar-rate-table-error-quark, ar_rate_table_error)

struct _ArRateTable
{
  char   *name;
  char   *source;
  char   *last_day_source;
  guint32 last_day;
  gboolean half_yearly;
  GArray *rows;          /* ArRateRow, ascending by from; sources owned by @strings */
  GStringChunk *strings;
};

static const char * const short_names[AR_N_RATE_TABLES] = {
  [AR_RATE_TABLE_BOE_BANK_RATE]    = "boe",
  [AR_RATE_TABLE_ECB_MRO]          = "ecb",
  [AR_RATE_TABLE_DE_BASISZINSSATZ] = "bundesbank",
};

static const char * const ids[AR_N_RATE_TABLES] = {
  [AR_RATE_TABLE_BOE_BANK_RATE]    = "boe-bank-rate",
  [AR_RATE_TABLE_ECB_MRO]          = "ecb-mro-rate",
  [AR_RATE_TABLE_DE_BASISZINSSATZ] = "bundesbank-basiszinssatz",
};

static const char * const shipped_files[AR_N_RATE_TABLES] = {
  [AR_RATE_TABLE_BOE_BANK_RATE]    = "boe-bank-rate.ini",
  [AR_RATE_TABLE_ECB_MRO]          = "ecb-mro-rate.ini",
  [AR_RATE_TABLE_DE_BASISZINSSATZ] = "bundesbank-basiszinssatz.ini",
};

#define RESOURCE_DIR "/io/github/arrears/Arrears/rates/"

void
ar_rate_table_free (ArRateTable *table)
{
  if (table == NULL)
    return;
  g_free (table->name);
  g_free (table->source);
  g_free (table->last_day_source);
  g_array_unref (table->rows);
  g_string_chunk_free (table->strings);
  g_free (table);
}

/* Sets "FILE: [GROUP]: KEY: MESSAGE" and returns NULL, for `return data_error (…);`. */
static gpointer
data_error (GError **error, const char *file, const char *group, const char *key,
            const char *message)
{
  if (*key != '\0')
    g_set_error (error, AR_RATE_TABLE_ERROR, AR_RATE_TABLE_ERROR_DATA, "%s: [%s]: %s: %s",
                 file, group, key, message);
  else
    g_set_error (error, AR_RATE_TABLE_ERROR, AR_RATE_TABLE_ERROR_DATA, "%s: [%s]: %s",
                 file, group, message);
  return NULL;
}

/* A required string key; the GKeyFile error rewritten to name file, group and key. */
static char *
get_required (GKeyFile *keys, const char *file, const char *group, const char *key,
              GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *value = g_key_file_get_string (keys, group, key, &local);

  if (value == NULL || *g_strstrip (value) == '\0')
    {
      return data_error (error, file, group, key, _("missing"));
    }
  return g_steal_pointer (&value);
}

ArRateTable *
ar_rate_table_parse (const char *name, const char *data, gsize length, GError **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(ArRateTable) table = g_new0 (ArRateTable, 1);
  g_autoptr(GError) local = NULL;
  g_autofree char *until_text = NULL;
  g_auto(GStrv) groups = NULL;
  gboolean half_yearly;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  table->rows = g_array_new (FALSE, FALSE, sizeof (ArRateRow));
  table->strings = g_string_chunk_new (1024);

  if (!g_key_file_load_from_data (keys, data, length, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, AR_RATE_TABLE_ERROR, AR_RATE_TABLE_ERROR_DATA, "%s: %s", name,
                   local->message);
      return NULL;
    }

  if (!g_key_file_has_group (keys, "Table"))
    {
      g_set_error (error, AR_RATE_TABLE_ERROR, AR_RATE_TABLE_ERROR_DATA,
                   _("%s: the [Table] group is missing"), name);
      return NULL;
    }
  table->name = get_required (keys, name, "Table", "Name", error);
  if (table->name == NULL)
    return NULL;
  table->source = get_required (keys, name, "Table", "Source", error);
  if (table->source == NULL)
    return NULL;
  until_text = get_required (keys, name, "Table", "ValidUntil", error);
  if (until_text == NULL)
    return NULL;
  table->last_day = ar_date_parse_julian (until_text, &local);
  if (table->last_day == 0)
    return data_error (error, name, "Table", "ValidUntil", local->message);
  half_yearly = g_key_file_get_boolean (keys, "Table", "HalfYearly", NULL);
  table->half_yearly = half_yearly;
  table->last_day_source = g_key_file_get_string (keys, "Table", "ValidUntilSource", NULL);

  groups = g_key_file_get_groups (keys, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];
      g_autofree char *rate_text = NULL, *source = NULL;
      ArRateRow row = { 0 };
      gint64 rate_bp;

      if (strcmp (group, "Table") == 0)
        continue;
      row.from = ar_date_parse_julian (group, &local);
      if (row.from == 0)
        {
          g_set_error (error, AR_RATE_TABLE_ERROR, AR_RATE_TABLE_ERROR_DATA,
                       _("%s: [%s]: the group name should be the day the rate took effect: %s"),
                       name, group, local->message);
          return NULL;
        }
      if (table->rows->len > 0 &&
          row.from <= g_array_index (table->rows, ArRateRow, table->rows->len - 1).from)
        return data_error (error, name, group, "", _("rows must be in ascending date order, "
                                                     "each day once"));
      if (half_yearly)
        {
          GDate date;

          ar_date_from_julian (row.from, &date);
          if (g_date_get_day (&date) != 1 ||
              (g_date_get_month (&date) != G_DATE_JANUARY &&
               g_date_get_month (&date) != G_DATE_JULY))
            return data_error (error, name, group, "",
                               _("a half-yearly rate must start on 1 January or 1 July"));
        }

      rate_text = get_required (keys, name, group, "Rate", error);
      if (rate_text == NULL)
        return NULL;
      /* Percent with two decimals is exactly basis points: "5.25" → 525. */
      if (!ar_money_parse_minor (rate_text, 2, &rate_bp, &local))
        return data_error (error, name, group, "Rate", local->message);
      if (rate_bp < -10000 || rate_bp > 100000)
        return data_error (error, name, group, "Rate",
                           _("should be a percentage between -100 and 1000"));
      row.rate_bp = (gint32) rate_bp;

      source = get_required (keys, name, group, "Source", error);
      if (source == NULL)
        return NULL;
      row.source = g_string_chunk_insert (table->strings, source);
      g_array_append_val (table->rows, row);
    }

  if (table->rows->len == 0)
    {
      g_set_error (error, AR_RATE_TABLE_ERROR, AR_RATE_TABLE_ERROR_DATA,
                   _("%s: the table has no rates"), name);
      return NULL;
    }
  if (table->last_day < g_array_index (table->rows, ArRateRow, table->rows->len - 1).from)
    return data_error (error, name, "Table", "ValidUntil",
                       _("is before the last row of the table"));

  return g_steal_pointer (&table);
}

static ArRateTable *
load_shipped (ArRateTableId id, GError **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, shipped_files[id], NULL);
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  /* Looked up in our own resource rather than the global registry: a static library's
   * constructor that registers it could be dropped by the linker. */
  bytes = g_resource_lookup_data (ar_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                  error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return ar_rate_table_parse (shipped_files[id], data, length, error);
}

const ArRateTable *
ar_rate_table_get (ArRateTableId id, GError **error)
{
  static ArRateTable *tables[AR_N_RATE_TABLES];
  static char *errors[AR_N_RATE_TABLES];
  static gsize loaded[AR_N_RATE_TABLES];

  g_return_val_if_fail (id < AR_N_RATE_TABLES, NULL);

  if (g_once_init_enter (&loaded[id]))
    {
      g_autoptr(GError) local = NULL;

      tables[id] = load_shipped (id, &local);
      if (tables[id] == NULL)
        errors[id] = g_strdup (local->message);
      g_once_init_leave (&loaded[id], 1);
    }
  if (tables[id] == NULL)
    {
      g_set_error_literal (error, AR_RATE_TABLE_ERROR, AR_RATE_TABLE_ERROR_DATA, errors[id]);
      return NULL;
    }
  return tables[id];
}

const char *
ar_rate_table_get_name (const ArRateTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->name;
}

const char *
ar_rate_table_get_source (const ArRateTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->source;
}

guint32
ar_rate_table_get_first_day (const ArRateTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return g_array_index (table->rows, ArRateRow, 0).from;
}

guint32
ar_rate_table_get_last_day (const ArRateTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->last_day;
}

guint
ar_rate_table_get_n_rows (const ArRateTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->rows->len;
}

const ArRateRow *
ar_rate_table_get_row (const ArRateTable *table, guint index)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (index < table->rows->len, NULL);
  return &g_array_index (table->rows, ArRateRow, index);
}

gboolean
ar_rate_table_lookup (const ArRateTable *table, guint32 julian, gint32 *out_rate_bp,
                      const ArRateRow **out_row, GError **error)
{
  const ArRateRow *rows;
  guint lo = 0, hi;

  g_return_val_if_fail (table != NULL, FALSE);

  rows = (const ArRateRow *) (gpointer) table->rows->data;
  if (julian < rows[0].from || julian > table->last_day)
    {
      char day[11], first[11], last[11];

      g_set_error (error, AR_RATE_TABLE_ERROR, AR_RATE_TABLE_ERROR_OUT_OF_RANGE,
                   _("%s: no rate is known for %s; the table covers %s to %s"), table->name,
                   ar_date_format_julian (julian, day), ar_date_format_julian (rows[0].from, first),
                   ar_date_format_julian (table->last_day, last));
      return FALSE;
    }

  /* The last row that took effect on or before @julian. */
  hi = table->rows->len;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (rows[mid].from <= julian)
        lo = mid;
      else
        hi = mid;
    }
  if (out_rate_bp != NULL)
    *out_rate_bp = rows[lo].rate_bp;
  if (out_row != NULL)
    *out_row = &rows[lo];
  return TRUE;
}

const char *
ar_rate_table_id_to_short (ArRateTableId id)
{
  g_return_val_if_fail (id < AR_N_RATE_TABLES, NULL);
  return short_names[id];
}

const char *
ar_rate_table_id_to_string (ArRateTableId id)
{
  g_return_val_if_fail (id < AR_N_RATE_TABLES, NULL);
  return ids[id];
}

gboolean
ar_rate_table_id_from_string (const char *text, ArRateTableId *out_id)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < AR_N_RATE_TABLES; i++)
    if (strcmp (text, short_names[i]) == 0 || strcmp (text, ids[i]) == 0)
      {
        if (out_id != NULL)
          *out_id = (ArRateTableId) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
ar_rate_table_is_half_yearly (const ArRateTable *table)
{
  g_return_val_if_fail (table != NULL, FALSE);
  return table->half_yearly;
}

const char *
ar_rate_table_get_last_day_source (const ArRateTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->last_day_source != NULL ? table->last_day_source : table->source;
}

/* The shipped row that starts on @julian, or NULL. */
static const ArRateRow *
row_on (const ArRateTable *table, guint32 julian)
{
  for (guint i = 0; i < table->rows->len; i++)
    if (g_array_index (table->rows, ArRateRow, i).from == julian)
      return &g_array_index (table->rows, ArRateRow, i);
  return NULL;
}

ArRateTable *
ar_rate_table_extend (const ArRateTable *shipped, const ArRateRow *rows, guint n_rows,
                      guint32 known_until, GError **error)
{
  g_autoptr(ArRateTable) table = g_new0 (ArRateTable, 1);

  g_return_val_if_fail (shipped != NULL, NULL);
  g_return_val_if_fail (rows != NULL || n_rows == 0, NULL);

  table->name = g_strdup (shipped->name);
  table->source = g_strdup (shipped->source);
  table->last_day_source = g_strdup (shipped->last_day_source);
  table->half_yearly = shipped->half_yearly;
  table->last_day = MAX (shipped->last_day, known_until);
  table->rows = g_array_sized_new (FALSE, FALSE, sizeof (ArRateRow), shipped->rows->len + n_rows);
  table->strings = g_string_chunk_new (1024);
  /* The shipped sources are static for the life of the process (ar_rate_table_get) but not
   * for a parsed table: copy them too. */
  for (guint i = 0; i < shipped->rows->len; i++)
    {
      ArRateRow row = g_array_index (shipped->rows, ArRateRow, i);

      row.source = g_string_chunk_insert_const (table->strings, row.source);
      g_array_append_val (table->rows, row);
    }

  for (guint i = 0; i < n_rows; i++)
    {
      ArRateRow row = rows[i];
      char day[11], last[11];

      if (i > 0 && row.from <= rows[i - 1].from)
        {
          g_set_error (error, AR_RATE_TABLE_ERROR, AR_RATE_TABLE_ERROR_DATA,
                       _("%s: the recorded rates are not in date order at %s"), shipped->name,
                       ar_date_format_julian (row.from, day));
          return NULL;
        }
      if (row.from <= shipped->last_day)
        {
          const ArRateRow *same = row_on (shipped, row.from);

          if (same != NULL && same->rate_bp == row.rate_bp)
            continue;
          g_set_error (error, AR_RATE_TABLE_ERROR, AR_RATE_TABLE_ERROR_DATA,
                       same != NULL
                       ? _("%s: the rate recorded from %s differs from the shipped rate of "
                           "that day; the shipped table is complete up to %s")
                       : _("%s: a rate recorded from %s falls inside the shipped table, "
                           "which is complete up to %s and has no change on that day"),
                       shipped->name, ar_date_format_julian (row.from, day),
                       ar_date_format_julian (shipped->last_day, last));
          return NULL;
        }
      row.source = g_string_chunk_insert_const (table->strings, row.source);
      row.recorded = TRUE;
      g_array_append_val (table->rows, row);
    }
  return g_steal_pointer (&table);
}
