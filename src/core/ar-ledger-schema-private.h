/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include <glib.h>

G_BEGIN_DECLS

/* For the migrations, which live one feature to a file (ar-ledger-schema*.c) so that features
 * built side by side never edit the same migration. A released migration is never edited. */

typedef struct
{
  const char *table;
  const char *columns;      /* space-separated */
  /* An append-only table's rows never change after they are written, so the audit record of
   * an insert names the row instead of copying it (a copy doubled the size of an imported
   * ledger); mutable tables keep the full new and old values. */
  gboolean    append_only;
} ArAuditedTable;

/* Runs constant SQL (never user data) during a migration. */
gboolean  _ar_schema_exec            (sqlite3              *db,
                                      const char           *sql,
                                      GError              **error);
/* The audit triggers for @tables: every insert, update and delete writes an audit record. */
char     *_ar_schema_audit_triggers  (const ArAuditedTable *tables,
                                      guint                 n);

/* Version 3: payment plans and promises to pay (ar-ledger-schema-plans.c). */
gboolean  _ar_schema_migrate_to_3    (sqlite3              *db,
                                      GError              **error);
/* Version 4: dunning levels, holds, letters sent per item, fee and interest regimes
 * (ar-ledger-schema-dunning.c). */
gboolean  _ar_schema_migrate_to_4    (sqlite3              *db,
                                      GError              **error);

/* Version 5: reference rates recorded by the user, and how far each table is known complete
 * (ar-ledger-schema-rates.c). */
gboolean  _ar_schema_migrate_to_5    (sqlite3              *db,
                                      GError              **error);

G_END_DECLS
