/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ar-ledger.h"

G_BEGIN_DECLS

/* The files an export writes, in the order it writes them. The first three are the
 * interchange format `arrears-cli import` reads; the others carry the rest of the book (the
 * whole journal, contact points, the contact log, plans with their invoices and schedules,
 * promises, holds, the dunning letters sent and their items) for spreadsheets and other
 * programs. Their columns are listed in README.md ("Export"). */
typedef enum
{
  AR_EXPORT_DEBTORS,
  AR_EXPORT_INVOICES,
  AR_EXPORT_PAYMENTS,
  AR_EXPORT_ENTRIES,
  AR_EXPORT_CONTACT_POINTS,
  AR_EXPORT_ACTIVITIES,
  AR_EXPORT_PLANS,
  AR_EXPORT_PLAN_INVOICES,
  AR_EXPORT_PLAN_INSTALMENTS,
  AR_EXPORT_PROMISES,
  AR_EXPORT_HOLDS,
  AR_EXPORT_LETTERS,
  AR_EXPORT_LETTER_ITEMS,
  AR_EXPORT_N_FILES
} ArExportFile;

/* "debtors.csv" … "letter_items.csv". */
const char *ar_export_file_name (ArExportFile file);

typedef struct
{
  guint rows[AR_EXPORT_N_FILES];  /* data rows written to each file (headers not counted) */
  guint skipped;                  /* unreversed credit notes, refunds, fees, interest and
                                   * write-offs: in entries.csv, but not in the three files an
                                   * import reads */
} ArExportCounts;

/* Called on the exporting thread as rows are written: the file being written and the rows
 * written so far over all files. */
typedef void (*ArExportProgressFunc) (ArExportFile  file,
                                      guint64       rows_done,
                                      gpointer      user_data);

/* Writes every file of ArExportFile into @dir (created if missing; an existing file of one of
 * those names is refused before anything is written, never overwritten). Rows are streamed
 * from prepared statements inside one read transaction, so the files are one consistent
 * snapshot; each file is written under a temporary name and all are moved into place only when
 * all are complete, so a failed or cancelled export leaves nothing behind. Derived states
 * (plans: active, completed, defaulted …; promises: pending, kept, broken …; instalments)
 * are as of @as_of (0 = today). Importing debtors.csv, invoices.csv and payments.csv into an
 * empty ledger reproduces the debtors, invoices and payments (a reversed payment or invoice and
 * its reversal are both left out of those three; entries.csv has them). @counts, @progress and
 * @cancellable may be NULL. */
gboolean ar_export_run_full (ArLedger              *ledger,
                             const char            *dir,
                             guint32                as_of,
                             ArExportCounts        *counts,
                             ArExportProgressFunc   progress,
                             gpointer               user_data,
                             GCancellable          *cancellable,
                             GError               **error);

/* ar_export_run_full() as of today; @out_skipped receives ArExportCounts.skipped. */
gboolean ar_export_run (ArLedger    *ledger,
                        const char  *dir,
                        guint       *out_skipped,
                        GError     **error);

G_END_DECLS
