/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-arrangements"
#include "config.h"

#include "ar-arrangements.h"

/* Placeholder until the plans land: nothing pauses dunning yet. */
gboolean
ar_ledger_foreach_dunning_pause (ArLedger            *ledger,
                                 guint32              as_of,
                                 ArDunningPauseFunc   func,
                                 gpointer             user_data,
                                 GError             **error)
{
  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  (void) as_of;
  (void) func;
  (void) user_data;
  (void) error;
  return TRUE;
}
