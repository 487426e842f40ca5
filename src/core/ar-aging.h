/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"

G_BEGIN_DECLS

/* Aging: who owes what, and for how long, as of any date.
 *
 * As of a date, only entries dated on or before it count and allocation is computed as of that
 * date, so a report as of 30 June doesn't change when a July payment arrives. As of a date on or
 * after the newest entry, the stored allocation is exactly that and is read directly. */

#define AR_AGING_MAX_BUCKETS 8

typedef enum
{
  AR_AGING_BY_DUE_DATE,    /* days past the due date; "current" means not yet due */
  AR_AGING_BY_ISSUE_DATE,  /* days since the issue date */
} ArAgingBasis;

typedef struct
{
  ArAgingBasis basis;
  /* Upper bounds (in days) of the aged buckets after "current": {30, 60, 90} gives
   * current, 1–30, 31–60, 61–90, 91+. Strictly increasing, at least one. */
  guint        n_limits;
  guint        limits[AR_AGING_MAX_BUCKETS - 2];
} ArAgingConfig;

typedef struct
{
  char   currency[4];
  guint  n_buckets;                       /* n_limits + 2 */
  gint64 buckets[AR_AGING_MAX_BUCKETS];   /* open amounts per bucket */
  gint64 total;                           /* Σ buckets */
  gint64 unapplied;                       /* credit on account, apart from the buckets */
  guint  open_debtors;                    /* debtors with something open in this currency */
} ArAgingTotal;

typedef struct
{
  ArAgingConfig config;
  guint32       as_of;   /* Julian day */
  GArray       *totals;  /* ArAgingTotal, one per currency, sorted by code */
} ArAgingReport;

#define AR_AGING_ERROR (ar_aging_error_quark ())
typedef enum { AR_AGING_ERROR_CONFIG } ArAgingError;
GQuark         ar_aging_error_quark      (void);

/* The default: by due date, buckets current, 1–30, 31–60, 61–90, 91+. */
void           ar_aging_config_init_default (ArAgingConfig       *config);
/* Parses "30,60,90" into @config's limits. */
gboolean       ar_aging_config_parse_limits (ArAgingConfig       *config,
                                             const char          *text,
                                             GError             **error);
/* The configuration stored in the ledger (settings aging.limits and aging.basis), or the
 * default. */
gboolean       ar_aging_config_load      (ArAgingConfig       *config,
                                          ArLedger            *ledger,
                                          GError             **error);
/* "current", "1-30", ..., "91+" into @buf. */
const char    *ar_aging_bucket_label     (const ArAgingConfig *config,
                                          guint                bucket,
                                          char                *buf,
                                          gsize                size);
/* Bucket index for an item @days old (days past due, or since issue). */
guint          ar_aging_bucket_for_days  (const ArAgingConfig *config,
                                          int                  days);

ArAgingReport *ar_aging_report_compute   (ArLedger            *ledger,
                                          guint32              as_of,
                                          const ArAgingConfig *config,
                                          GError             **error);
void           ar_aging_report_free      (ArAgingReport       *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArAgingReport, ar_aging_report_free)

G_END_DECLS
