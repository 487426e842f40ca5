/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"

G_BEGIN_DECLS

/* Verifies a ledger: SQLite's integrity_check and foreign_key_check, then the ledger's own
 * invariants — the stored allocation of every debtor equals what ar_allocate() gives from
 * scratch, every balance equals Σ debits − Σ credits of the journal, no allocation exceeds its
 * source or target, and every journal row has its audit record; the dunning letters (each
 * item's entry is the letter's debtor's invoice or refund, levels are defined or were, one
 * level at a time, the letter's level is its items' highest, the fee / interest entries exist,
 * are of their kind and name the item's invoice, the kept PDF matches its SHA-256), and the
 * plans and promises (the schedule sums to the total with the down payment as seq 0 and
 * n instalments, covered invoices are the plan's debtor's in its currency, a replaced plan is
 * cancelled or renegotiated, promises are positive). Each problem found is appended
 * to @problems (char *, a plain sentence naming the debtor or entry). Returns FALSE with @error
 * only when the check itself could not run. */
gboolean ar_check_run (ArLedger   *ledger,
                       GPtrArray  *problems,
                       GError    **error);

/* Warnings, not problems: debtors whose status says there is something the ledger does not have
 * on @as_of (a Julian day) — status plan with no running plan, promise with no pending promise,
 * disputed with no dispute hold in force. A person may set any status by hand, so these are
 * appended to @warnings (char *, a sentence naming the debtor) for the office to look at. The
 * statuses agency, legal and the rest mark a decision the ledger keeps no other record of and
 * are not checked. Returns FALSE with @error only when the check could not run. */
gboolean ar_check_statuses (ArLedger   *ledger,
                            guint32     as_of,
                            GPtrArray  *warnings,
                            GError    **error);

G_END_DECLS
