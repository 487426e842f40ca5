/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"

G_BEGIN_DECLS

/* A debtor's stored status says "plan" while one of its payment plans runs. Saving a plan sets
 * it and cancelling the last running plan clears it (ar-plan.h), in their own transactions.
 * Completion and default are derived from the journal as of a day, never stored, so no write
 * marks the moment a plan ends that way. This catches up: every debtor whose status is "plan",
 * who has plans recorded and none of them running as of @as_of (all completed, defaulted,
 * cancelled or renegotiated), is set back to "active" — the status that puts the debtor back
 * into dunning, as a defaulted plan must — in ONE audited transaction ("plan-ended"), with
 * @out_changed (may be NULL) the count. A status "plan" a person set without a plan in the
 * ledger is left alone. Idempotent: a second call changes nothing. */
gboolean ar_ledger_settle_plan_statuses (ArLedger  *ledger,
                                         guint32    as_of,
                                         guint     *out_changed,
                                         GError   **error);

G_END_DECLS
