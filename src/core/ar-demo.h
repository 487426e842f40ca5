/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ar-ledger.h"

G_BEGIN_DECLS

/* Fills an empty ledger with a realistic demo book: @n_debtors debtors (names in several
 * scripts, consumers and businesses, addresses, phones and emails), about 3 invoices and 2.5
 * payments per debtor, partial payments, overpayments that leave credit on account, and open
 * items in every aging bucket relative to @today (Julian day). The same @seed gives the same
 * book. The company profile is set to a demo company. One transaction. */
gboolean ar_demo_generate (ArLedger      *ledger,
                           guint          n_debtors,
                           guint64        seed,
                           guint32        today,
                           GCancellable  *cancellable,
                           GError       **error);

G_END_DECLS
