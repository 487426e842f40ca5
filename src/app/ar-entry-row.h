/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ar-debtor-ledger.h"

G_BEGIN_DECLS

/* One line of the debtor pane's ledger table: a journal entry as text, made once from an
 * ArDebtorEntry so that the table's cells only bind strings. Amounts are formatted by
 * ar_money_format(), never computed here. */

#define AR_TYPE_ENTRY_ROW (ar_entry_row_get_type ())
G_DECLARE_FINAL_TYPE (ArEntryRow, ar_entry_row, AR, ENTRY_ROW, GObject)

/* @ledger is the debtor's ledger @entry belongs to (to name the entries it was allocated
 * against). */
ArEntryRow *ar_entry_row_new              (const ArDebtorLedger *ledger,
                                           const ArDebtorEntry  *entry);
const char *ar_entry_row_get_date         (ArEntryRow           *self);
const char *ar_entry_row_get_description  (ArEntryRow           *self);
const char *ar_entry_row_get_reference    (ArEntryRow           *self);
const char *ar_entry_row_get_amount       (ArEntryRow           *self);
const char *ar_entry_row_get_balance      (ArEntryRow           *self);
const char *ar_entry_row_get_allocations  (ArEntryRow           *self);
gint64      ar_entry_row_get_entry_id     (ArEntryRow           *self);
/* FALSE for a reversal and for an entry already reversed. */
gboolean    ar_entry_row_get_reversible   (ArEntryRow           *self);

G_END_DECLS
