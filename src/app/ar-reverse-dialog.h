/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-debtor-ledger.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* "Reverse Entry?": the confirmation a reversal needs, with the reason the journal keeps
 * (required: Reverse stays disabled until one is typed). Reverse posts the reversal with
 * ar_ledger_reverse(), dated today (or on the entry's own date when that is later), and
 * emits "reversed" (reversal entry id, debtor id); a refusal of the core is shown in a
 * message of its own. */

#define AR_TYPE_REVERSE_DIALOG (ar_reverse_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ArReverseDialog, ar_reverse_dialog, AR, REVERSE_DIALOG, AdwMessageDialog)

/* @description: how the ledger lists the entry ("Payment · INV-1001"). */
ArReverseDialog *ar_reverse_dialog_new              (GtkWindow           *parent,
                                                     ArLedger            *ledger,
                                                     const ArDebtorEntry *entry,
                                                     gint64               debtor_id,
                                                     const char          *description);

/* For tests. */
GtkEditable     *ar_reverse_dialog_get_reason_entry (ArReverseDialog     *self);

G_END_DECLS
