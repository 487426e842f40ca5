/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-interest.h"
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

/* For people: "Bank of England Bank Rate", "ECB main refinancing rate", "Basiszinssatz"
 * (translated; short enough for a sentence). */
const char   *ar_rates_describe  (ArRateTableId        table);

/* Where a book's table stands on a day: what Preferences ▸ Reference Rates shows. */
typedef struct
{
  ArRateTableId  table;
  guint32        last_day;        /* the last day the book's table is known complete */
  gboolean       confirmed;       /* last_day comes from a confirmation recorded in the book */
  char          *confirm_source;  /* that confirmation's source, or NULL */
  gboolean       known;           /* the asked day is on or before last_day */
  gint32         rate_bp;         /* the rate in force that day, or on last_day when unknown */
  guint32        from;            /* the day that rate took effect */
  char          *source;          /* that rate's source */
  gboolean       recorded;        /* that rate was recorded in the book, not shipped */
} ArRateStatus;

/* Fills @out for @table on @day (Julian). Cheap: the book's merged table is cached
 * (ar_rates_get_table). Clear @out with ar_rate_status_clear. */
gboolean      ar_rates_get_status (ArLedger           *ledger,
                                  ArRateTableId        table,
                                  guint32              day,
                                  ArRateStatus        *out,
                                  GError             **error);
void          ar_rate_status_clear (ArRateStatus      *status);

/* The day ar_rates_record confirms @table up to when a rate from @from is recorded on
 * @today: for the Basiszinssatz, fixed by law for a half-year, the last day of @from's
 * half-year (or @today if later); for Bank Rate and the ECB rate, which change whenever their
 * committees meet, @today (or @from, when an announced change takes effect later). */
guint32       ar_rates_record_known_until (ArRateTableId table,
                                  guint32              from,
                                  guint32              today);
/* Checks a new rate as ar_rates_record would, without writing: errors are
 * AR_LEDGER_ERROR_INVALID naming the field ("from: …", "rate: …", "source: …"). Besides
 * ar_rates_add's rules, @from must be after the last day the book's table is already known
 * complete: a change there would alter figures already worked out, which is a correction
 * (arrears-cli rates add --correct), not a new rate. */
gboolean      ar_rates_check_new (ArLedger            *ledger,
                                  ArRateTableId        table,
                                  guint32              from,
                                  gint32               rate_bp,
                                  const char          *source,
                                  GError             **error);
/* Records a new official rate the way the window does: ar_rates_check_new, then the rate
 * (ar_rates_add) and the confirmation up to ar_rates_record_known_until (@table, @from,
 * @today) (ar_rates_confirm), both with @source, in one transaction ("record-reference-rate");
 * nothing is written when any part is refused. */
gboolean      ar_rates_record    (ArLedger            *ledger,
                                  ArRateTableId        table,
                                  guint32              from,
                                  gint32               rate_bp,
                                  const char          *source,
                                  guint32              today,
                                  GError             **error);

/* Checks, without writing, that @table can be confirmed unchanged up to @until on @today: the
 * last rate stayed in force and no other change was published. AR_LEDGER_ERROR_INVALID naming
 * the field: "until: …" when @until is on or before the day the book's table is already known
 * up to, or after @today (nobody can know that yet), or the table is the Basiszinssatz (it is
 * published for every half-year, so the half-year's rate is recorded even when unchanged);
 * "source: …" when @source is blank. */
gboolean      ar_rates_check_unchanged  (ArLedger      *ledger,
                                         ArRateTableId  table,
                                         guint32        until,
                                         guint32        today,
                                         const char    *source,
                                         GError       **error);
/* ar_rates_check_unchanged, then ar_rates_confirm: nothing is written when it is refused. */
gboolean      ar_rates_record_unchanged (ArLedger      *ledger,
                                         ArRateTableId  table,
                                         guint32        until,
                                         guint32        today,
                                         const char    *source,
                                         GError       **error);

/* A statutory calculator in use in the book whose table has no rate for a day. */
typedef struct
{
  ArRateTableId     table;
  ArInterestRegime  regime;       /* the first calculator in use that reads @table */
  gboolean          book;         /* the book's own calculator reads it (else only debtors') */
  guint32           needed;       /* the day whose rate is missing */
  guint32           last_day;     /* the last day the book's table covers */
} ArRatesGap;

/* The tables that statutory interest running on @day would need and the book lacks: for the
 * book's calculator and every debtor's own (one query over the overrides, not the book),
 * ar_interest_regime_reference_day (regime, @day) after the table's last day. An array of
 * ArRatesGap in ArRateTableId order, empty when nothing is missing. */
GArray       *ar_rates_find_gaps (ArLedger            *ledger,
                                  guint32              day,
                                  GError             **error);

G_END_DECLS
