/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-debtor-ledger.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* "Edit Debtor": name, customer number, kind, company, contact person, language, country,
 * status and "do not contact", filled from @details. Save stays insensitive while the name or
 * the customer number is empty or the country is not two capital letters the core knows;
 * the core's refusal (a customer number already taken) is shown under the form. Save calls
 * ar_ledger_update_debtor() (region, time zone, tags and notes are kept), emits "saved"
 * (debtor id) and closes. */

#define AR_TYPE_DEBTOR_DIALOG (ar_debtor_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ArDebtorDialog, ar_debtor_dialog, AR, DEBTOR_DIALOG, AdwWindow)

ArDebtorDialog *ar_debtor_dialog_new             (GtkWindow             *parent,
                                                  ArLedger              *ledger,
                                                  const ArDebtorDetails *details);

/* For tests. */
GtkEditable    *ar_debtor_dialog_get_name_entry    (ArDebtorDialog        *self);
GtkEditable    *ar_debtor_dialog_get_country_entry (ArDebtorDialog        *self);
AdwComboRow    *ar_debtor_dialog_get_status_row    (ArDebtorDialog        *self);
GtkWidget      *ar_debtor_dialog_get_error_label   (ArDebtorDialog        *self);
GtkWidget      *ar_debtor_dialog_get_save_button   (ArDebtorDialog        *self);

/* For tests: the interest override ("As the book" first, then ar-interest-choice.h's list)
 * and the APR row shown for simple interest. */
AdwComboRow    *ar_debtor_dialog_get_interest_row  (ArDebtorDialog        *self);
GtkEditable    *ar_debtor_dialog_get_apr_row       (ArDebtorDialog        *self);

G_END_DECLS
