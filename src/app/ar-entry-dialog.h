/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-debtor-ledger.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* One dialog for the entries that correct what a debtor owes, by @kind:
 *  - a credit note: amount, date, optionally the invoice it credits, memo;
 *  - a refund of credit on account: amount (the credit is shown), date, memo;
 *  - a write-off: the invoice, the amount (empty: all that is open on it), date and a reason,
 *    which is required; the button asks for confirmation first (AdwMessageDialog).
 * Amounts are read in the user's locale; bad input is refused inline, and the core's refusal
 * (a refund beyond the credit, a write-off beyond what is open) is shown under the form.
 * Posting emits "posted" (entry id, debtor id) and closes. */

#define AR_TYPE_ENTRY_DIALOG (ar_entry_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ArEntryDialog, ar_entry_dialog, AR, ENTRY_DIALOG, AdwWindow)

/* @invoice_id: the invoice to preselect, or 0. */
ArEntryDialog    *ar_entry_dialog_new                (GtkWindow            *parent,
                                                      ArLedger             *ledger,
                                                      const ArDebtorLedger *debtor,
                                                      const char           *currency,
                                                      ArEntryKind           kind,
                                                      gint64                invoice_id);
ArEntryKind       ar_entry_dialog_get_kind           (ArEntryDialog        *self);

/* For tests. */
GtkEditable      *ar_entry_dialog_get_amount_entry   (ArEntryDialog        *self);
GtkEditable      *ar_entry_dialog_get_memo_entry     (ArEntryDialog        *self);
AdwComboRow      *ar_entry_dialog_get_invoice_row    (ArEntryDialog        *self);
GtkWidget        *ar_entry_dialog_get_error_label    (ArEntryDialog        *self);
GtkWidget        *ar_entry_dialog_get_post_button    (ArEntryDialog        *self);
/* The confirmation shown, while it is. */
AdwMessageDialog *ar_entry_dialog_get_confirmation   (ArEntryDialog        *self);

G_END_DECLS
