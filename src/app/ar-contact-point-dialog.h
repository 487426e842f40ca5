/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-debtor-ledger.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* "Add Contact": a phone number, an email address or a postal address for a debtor, with a
 * label, where it came from (the basics of skip tracing) and whether it is known to work.
 * Add stays insensitive until the number, the email address or the street and city are
 * given; an email without "@" or a country that is not a code is refused inline. Add calls
 * ar_ledger_add_contact_point() or ar_ledger_add_address(), emits "added" (debtor id) and
 * closes. */

#define AR_TYPE_CONTACT_POINT_DIALOG (ar_contact_point_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ArContactPointDialog, ar_contact_point_dialog, AR, CONTACT_POINT_DIALOG,
                      AdwWindow)

ArContactPointDialog *ar_contact_point_dialog_new          (GtkWindow            *parent,
                                                            ArLedger             *ledger,
                                                            gint64                debtor_id,
                                                            const char           *debtor_name,
                                                            ArDebtorContactKind   kind);
void                  ar_contact_point_dialog_set_kind     (ArContactPointDialog *self,
                                                            ArDebtorContactKind   kind);

/* For tests. */
GtkEditable          *ar_contact_point_dialog_get_value_entry  (ArContactPointDialog *self);
GtkEditable          *ar_contact_point_dialog_get_source_entry (ArContactPointDialog *self);
GtkWidget            *ar_contact_point_dialog_get_error_label  (ArContactPointDialog *self);
GtkWidget            *ar_contact_point_dialog_get_add_button   (ArContactPointDialog *self);

G_END_DECLS
