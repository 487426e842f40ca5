/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-ledger-schema"
#include "config.h"

#include "ar-ledger-schema-private.h"

/* Version 3: payment plans and promises to pay. */

gboolean
_ar_schema_migrate_to_3 (sqlite3 *db, GError **error)
{
  (void) db;
  (void) error;
  return TRUE;
}
