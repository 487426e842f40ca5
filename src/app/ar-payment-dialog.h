/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-debtor-ledger.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* "Record Payment": amount (in the debtor's currency, parsed as the user's locale writes
 * money), date, an optional invoice, reference and memo. With two open invoices or more,
 * "Several invoices…" splits the payment: an amount per invoice instead of one amount,
 * posted with ar_ledger_post_split_payment() and announced by "recorded-split" (entry ids
 * as a GVariant "ax", debtor id). Record stays insensitive until the
 * amount and the date parse; a bad one is explained under the form. Record posts the payment
 * with ar_ledger_post(), emits "recorded" (entry id, debtor id, amount in minor units, date,
 * currency) and closes. */

#define AR_TYPE_PAYMENT_DIALOG (ar_payment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ArPaymentDialog, ar_payment_dialog, AR, PAYMENT_DIALOG, AdwWindow)

ArPaymentDialog *ar_payment_dialog_new (GtkWindow            *parent,
                                        ArLedger             *ledger,
                                        const ArDebtorLedger *debtor,
                                        const char           *currency);

/* Names the open invoice @invoice_id as the one paid (a plan's instalment pays the plan's
 * invoices first); FALSE when it is not among the debtor's open invoices. */
gboolean     ar_payment_dialog_set_invoice (ArPaymentDialog *self,
                                            gint64           invoice_id);
/* The invoice named, or 0 for the automatic choice. */
gint64       ar_payment_dialog_get_invoice (ArPaymentDialog *self);

/* For tests. */
GtkEditable *ar_payment_dialog_get_amount_entry (ArPaymentDialog *self);
GtkEditable *ar_payment_dialog_get_date_entry   (ArPaymentDialog *self);
GtkWidget   *ar_payment_dialog_get_error_label  (ArPaymentDialog *self);
GtkWidget   *ar_payment_dialog_get_record_button (ArPaymentDialog *self);
gboolean     ar_payment_dialog_set_split        (ArPaymentDialog *self);
GtkEditable *ar_payment_dialog_get_split_entry  (ArPaymentDialog *self,
                                                 guint            index,
                                                 gint64          *out_invoice_id);

G_END_DECLS
