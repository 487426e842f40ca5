/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-ledger.h"

G_BEGIN_DECLS

/* "Log Contact": kind, direction, the outcome of a call, a summary and an optional next action
 * date. Save adds the activity with ar_ledger_add_activity(), emits "logged" and closes. */

#define AR_TYPE_CONTACT_DIALOG (ar_contact_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ArContactDialog, ar_contact_dialog, AR, CONTACT_DIALOG, AdwWindow)

ArContactDialog *ar_contact_dialog_new (GtkWindow  *parent,
                                        ArLedger   *ledger,
                                        gint64      debtor_id,
                                        const char *debtor_name);

/* For tests: outcomes are "no_answer", "left_message", "spoke", "promised_to_pay",
 * "refused", "wrong_number" or NULL. */
void         ar_contact_dialog_set_outcome          (ArContactDialog *self,
                                                     const char      *outcome);
GtkEditable *ar_contact_dialog_get_next_action_entry (ArContactDialog *self);
GtkTextView *ar_contact_dialog_get_summary_view     (ArContactDialog *self);
GtkWidget   *ar_contact_dialog_get_error_label      (ArContactDialog *self);
GtkWidget   *ar_contact_dialog_get_save_button      (ArContactDialog *self);

/* With the outcome "promised to pay" the dialog asks for the promise (amount, date, repeat
 * every 1, 2 or 4 weeks, times) and Save records the call and the promise (ar_ledger_add_promise)
 * in one transaction. @currency is the promise's (NULL: the company's default). */
void         ar_contact_dialog_set_currency         (ArContactDialog *self,
                                                     const char      *currency);
/* For tests: 0 amount, 1 date, 2 times; @every_days 0, 7, 14 or 28. */
GtkEditable *ar_contact_dialog_get_promise_field    (ArContactDialog *self,
                                                     guint            field);
void         ar_contact_dialog_set_promise_repeat   (ArContactDialog *self,
                                                     guint            every_days);

G_END_DECLS
