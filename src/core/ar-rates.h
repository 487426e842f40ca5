/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"
#include "ar-rate-table.h"

G_BEGIN_DECLS

/* Reference rates recorded in a ledger, after the shipped tables end. Rates are never guessed:
 * the user looks up the official rate, records it with its source (ar_rates_add), and
 * confirms the day up to which the table is complete (ar_rates_confirm). A book's table is the
 * shipped one with its recorded rows merged by date and its last day the later of the shipped
 * ValidUntil and the latest confirmation (ar_rates_get_table). Both are append-only and
 * audited: a correction is a new row for the same day, asked for explicitly, and the latest
 * wins; the latest confirmation wins, so one made by mistake can be taken back. */

typedef struct
{
  ArRateTableId  table;
  guint32        from;         /* Julian day the rate took effect */
  gint32         rate_bp;
  const char    *source;
  const char    *recorded_at;  /* ISO 8601 UTC */
  gboolean       correction;
} ArRecordedRate;

/* Strings are valid during the call only. Return FALSE to stop. */
typedef gboolean (*ArRecordedRateFunc) (const ArRecordedRate *rate,
                                        gpointer              user_data);

/* Records that @table's rate is @rate_bp from @from, with @source (required: a URL or where
 * it was read). Refused with AR_LEDGER_ERROR_INVALID, naming the field: a blank source, a
 * rate outside -100 … 1000 %, a Basiszinssatz not on 1 January or 1 July, a day on or before
 * the shipped table's last day that is not the same rate on a shipped change; with
 * AR_LEDGER_ERROR_DUPLICATE a second row for the same day unless @correct is set (then the
 * new row replaces the old one in calculations; both stay in the ledger). */
gboolean      ar_rates_add       (ArLedger            *ledger,
                                  ArRateTableId        table,
                                  guint32              from,
                                  gint32               rate_bp,
                                  const char          *source,
                                  gboolean             correct,
                                  GError             **error);
/* Records that @table is complete up to @until (inclusive), with @source (required). */
gboolean      ar_rates_confirm   (ArLedger            *ledger,
                                  ArRateTableId        table,
                                  guint32              until,
                                  const char          *source,
                                  GError             **error);
/* Every row recorded for @table, corrections and the rows they replace included, by day
 * then in the order recorded. */
gboolean      ar_rates_list      (ArLedger            *ledger,
                                  ArRateTableId        table,
                                  ArRecordedRateFunc   func,
                                  gpointer             user_data,
                                  GError             **error);
/* The latest confirmation of @table: its day (0: none) and source (free with g_free; NULL
 * when none). */
gboolean      ar_rates_get_known_until (ArLedger      *ledger,
                                  ArRateTableId        table,
                                  guint32             *out_until,
                                  char               **out_source,
                                  GError             **error);
/* The book's @table: shipped rows plus the recorded ones (the latest per day), last day the
 * later of the shipped one and the confirmation. Kept with the ledger and read again only
 * when a rate or confirmation was recorded since; never free it, and do not keep it past the
 * next call. */
const ArRateTable *ar_rates_get_table (ArLedger       *ledger,
                                  ArRateTableId        table,
                                  GError             **error);

G_END_DECLS
