/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"

G_BEGIN_DECLS

/* Writes the ledger as the interchange CSV format: debtors.csv, invoices.csv and payments.csv
 * in @dir (created if missing; existing files of those names are refused, not overwritten).
 * Importing the three files into an empty ledger reproduces the debtors, invoices and payments
 * (a reversed payment or invoice and its reversal are both left out). Entries the format can't
 * carry (credit notes, refunds, fees, interest, write-offs) are counted in @out_skipped so that
 * the caller can warn. Files are written to a temporary name and renamed when complete. */
gboolean ar_export_run (ArLedger    *ledger,
                        const char  *dir,
                        guint       *out_skipped,
                        GError     **error);

G_END_DECLS
