/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"

G_BEGIN_DECLS

/* What payment plans and promises to pay say about dunning: the seam between the plans
 * (ar-plan*.c) and the dunning run (ar-dunning*.c). A pending promise pauses its debtor's
 * dunning until its date plus the grace days; a performing plan pauses it while the plan runs.
 * A broken promise or a defaulted plan pauses nothing, so the debtor returns to dunning at the
 * level its items had reached. */

typedef enum
{
  AR_DUNNING_PAUSE_PROMISE,     /* a pending promise to pay */
  AR_DUNNING_PAUSE_PLAN,        /* a performing payment plan */
} ArDunningPause;

/* @until is the last day of the pause as a Julian day (0 = while the plan performs). */
typedef gboolean (*ArDunningPauseFunc) (gint64          debtor_id,
                                        ArDunningPause  pause,
                                        guint32         until,
                                        gpointer        user_data);

/* Calls @func once for every debtor whose dunning is paused on @as_of (a Julian day; 0 =
 * today) by a promise or plan, in no particular order. A debtor with both is reported once,
 * for the plan. Cost is proportional to the debtors with plans or
 * promises, not to the ledger. */
gboolean ar_ledger_foreach_dunning_pause (ArLedger            *ledger,
                                          guint32              as_of,
                                          ArDunningPauseFunc   func,
                                          gpointer             user_data,
                                          GError             **error);

G_END_DECLS
