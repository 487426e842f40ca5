/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-ledger.h"

G_BEGIN_DECLS

/* "Add Invoice": number, amount (in @currency, as the user's locale writes money), issue and
 * due date (today and 30 days later), description. Add stays insensitive until the fields
 * parse; a bad one is explained under the form, and a refusal of the core (a number already
 * in the book, a due date before the issue date) too. Add calls ar_ledger_add_invoice(),
 * emits "added" (invoice id, debtor id) and closes. */

#define AR_TYPE_INVOICE_DIALOG (ar_invoice_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ArInvoiceDialog, ar_invoice_dialog, AR, INVOICE_DIALOG, AdwWindow)

ArInvoiceDialog *ar_invoice_dialog_new            (GtkWindow       *parent,
                                                   ArLedger        *ledger,
                                                   gint64           debtor_id,
                                                   const char      *debtor_name,
                                                   const char      *currency);

/* For tests. */
GtkEditable     *ar_invoice_dialog_get_number_entry (ArInvoiceDialog *self);
GtkEditable     *ar_invoice_dialog_get_amount_entry (ArInvoiceDialog *self);
GtkEditable     *ar_invoice_dialog_get_due_entry    (ArInvoiceDialog *self);
GtkWidget       *ar_invoice_dialog_get_error_label  (ArInvoiceDialog *self);
GtkWidget       *ar_invoice_dialog_get_add_button   (ArInvoiceDialog *self);

G_END_DECLS
