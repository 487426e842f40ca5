/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"

G_BEGIN_DECLS

/* Verifies a ledger: SQLite's integrity_check and foreign_key_check, then the ledger's own
 * invariants — the stored allocation of every debtor equals what ar_allocate() gives from
 * scratch, every balance equals Σ debits − Σ credits of the journal, no allocation exceeds its
 * source or target, and every journal row has its audit record. Each problem found is appended
 * to @problems (char *, a plain sentence naming the debtor or entry). Returns FALSE with @error
 * only when the check itself could not run. */
gboolean ar_check_run (ArLedger   *ledger,
                       GPtrArray  *problems,
                       GError    **error);

G_END_DECLS
