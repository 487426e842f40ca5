/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dated tables of reference interest rates (Bank Rate, ECB main refinancing rate,
 * Basiszinssatz), shipped as data with their sources in src/core/data/ and compiled into the
 * core library as a GResource. A table is a list of changes — each row says "from this day
 * the rate is R" — plus the last day the table is known to be complete. Asking for a day
 * before the first row or after that day is an error, never a guess. */

#define AR_RATE_TABLE_ERROR (ar_rate_table_error_quark ())

typedef enum
{
  AR_RATE_TABLE_ERROR_OUT_OF_RANGE,  /* the day is outside the table's dates */
  AR_RATE_TABLE_ERROR_DATA,          /* the table itself is malformed (names group and key) */
} ArRateTableError;

GQuark ar_rate_table_error_quark (void);

/* The tables shipped with Arrears. */
typedef enum
{
  AR_RATE_TABLE_BOE_BANK_RATE,      /* data/boe-bank-rate.ini */
  AR_RATE_TABLE_ECB_MRO,            /* data/ecb-mro-rate.ini */
  AR_RATE_TABLE_DE_BASISZINSSATZ,   /* data/bundesbank-basiszinssatz.ini */
  AR_N_RATE_TABLES,
} ArRateTableId;

typedef struct
{
  guint32     from;      /* Julian day the rate took effect */
  gint32      rate_bp;   /* annual rate in basis points (5.25 % = 525; may be negative) */
  const char *source;    /* URL of the row's source */
  gboolean    recorded;  /* TRUE: recorded by the user in a ledger (ar-rates.h), not shipped */
} ArRateRow;

typedef struct _ArRateTable ArRateTable;

/* Parses a table in the shipped format (a GKeyFile: a [Table] group with Name, Source and
 * ValidUntil, then one group per change named YYYY-MM-DD with Rate — percent, at most two
 * decimals — and Source; groups in strictly ascending order; with HalfYearly=true every row
 * must fall on 1 January or 1 July). @name prefixes error messages ("boe-bank-rate.ini:
 * [2023-08-03]: Rate: …"). */
ArRateTable     *ar_rate_table_parse        (const char         *name,
                                             const char         *data,
                                             gsize               length,
                                             GError            **error);
void             ar_rate_table_free         (ArRateTable        *table);

/* One of the shipped tables, loaded and checked once and then shared (thread-safe); never
 * free it. NULL and an error only if the shipped data is broken. */
const ArRateTable *ar_rate_table_get        (ArRateTableId       id,
                                             GError            **error);

const char      *ar_rate_table_get_name     (const ArRateTable  *table);
const char      *ar_rate_table_get_source   (const ArRateTable  *table);
/* First day covered (the first row) and last day covered (ValidUntil), as Julian days. */
guint32          ar_rate_table_get_first_day (const ArRateTable *table);
guint32          ar_rate_table_get_last_day (const ArRateTable  *table);
guint            ar_rate_table_get_n_rows   (const ArRateTable  *table);
const ArRateRow *ar_rate_table_get_row      (const ArRateTable  *table,
                                             guint               index);

/* The rate in force on @julian; the row it comes from in *@out_row when non-NULL.
 * AR_RATE_TABLE_ERROR_OUT_OF_RANGE (naming the table, the day and its coverage) outside
 * ar_rate_table_get_first_day() … ar_rate_table_get_last_day(). */
gboolean         ar_rate_table_lookup       (const ArRateTable  *table,
                                             guint32             julian,
                                             gint32             *out_rate_bp,
                                             const ArRateRow   **out_row,
                                             GError            **error);

/* "boe", "ecb", "bundesbank": the names people type (arrears-cli rates --table). */
const char      *ar_rate_table_id_to_short  (ArRateTableId       id);
/* "boe-bank-rate", "ecb-mro-rate", "bundesbank-basiszinssatz": the shipped file's name
 * without ".ini", and the id a ledger stores its recorded rows under. */
const char      *ar_rate_table_id_to_string (ArRateTableId       id);
/* Accepts either form. */
gboolean         ar_rate_table_id_from_string (const char       *text,
                                               ArRateTableId    *out_id);
/* TRUE when every row must fall on 1 January or 1 July (the Basiszinssatz). */
gboolean         ar_rate_table_is_half_yearly (const ArRateTable *table);
/* The source of ValidUntil (the key ValidUntilSource), or the table's source. */
const char      *ar_rate_table_get_last_day_source (const ArRateTable *table);

/* A copy of @shipped with the rows a user recorded (@rows, ascending by from, each day once;
 * their sources are copied) and the last day extended to @known_until when that is later
 * (0: not extended). The shipped table is complete up to its last day, so a recorded row on
 * or before it must repeat a shipped row exactly (same day, same rate) and is then dropped;
 * any other is an AR_RATE_TABLE_ERROR_DATA naming the day. A recorded row after the last day
 * is kept but, like any day after the last day, only used once the last day reaches it. */
ArRateTable     *ar_rate_table_extend       (const ArRateTable  *shipped,
                                             const ArRateRow    *rows,
                                             guint               n_rows,
                                             guint32             known_until,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArRateTable, ar_rate_table_free)

G_END_DECLS
