/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-account.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* The detail pane beside the account list: one debtor's header (name, status, balance, days
 * overdue and a small aging bar), then their open items, ledger (every entry with its running
 * balance and allocations), activity log and contact points, from ar_debtor_ledger_load() and
 * ar_ledger_list_activities(). Its actions debtor.record-payment and debtor.log-contact open
 * ArPaymentDialog and ArContactDialog; after their write the pane and the list's row are
 * read again, and a payment's toast offers "Undo" (a reversal). Its "Plan" section
 * (ArPlanSection) shows the payment plan and the promises to pay; debtor.set-up-plan
 * (Ctrl+Shift+A) opens the plan wizard. */

#define AR_TYPE_DEBTOR_PANE (ar_debtor_pane_get_type ())
G_DECLARE_FINAL_TYPE (ArDebtorPane, ar_debtor_pane, AR, DEBTOR_PANE, GtkWidget)

GtkWidget  *ar_debtor_pane_new          (void);
ArLedger   *ar_debtor_pane_get_ledger   (ArDebtorPane *self);
void        ar_debtor_pane_set_ledger   (ArDebtorPane *self,
                                         ArLedger     *ledger);
ArAccount  *ar_debtor_pane_get_account  (ArDebtorPane *self);
/* The row of the account list to show (its debtor, in its currency), or NULL. */
void        ar_debtor_pane_set_account  (ArDebtorPane *self,
                                         ArAccount    *account);
/* Shows a section: "open", "ledger", "activity" or "contacts". */
void        ar_debtor_pane_show_section (ArDebtorPane *self,
                                         const char   *name);
/* Reads the debtor again (after a write). */
void        ar_debtor_pane_reload       (ArDebtorPane *self);

/* For tests: the name shown, and the ledger table's rows (ArEntryRow). */
const char *ar_debtor_pane_get_debtor_name (ArDebtorPane *self);
GListModel *ar_debtor_pane_get_entries     (ArDebtorPane *self);
/* For tests: the last payment's toast (its "Undo" action) while it is shown, or NULL. */
AdwToast   *ar_debtor_pane_get_undo_toast  (ArDebtorPane *self);

G_END_DECLS
