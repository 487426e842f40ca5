/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "ar-allocation.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* For the core's own modules (import, export, aging, check, demo): direct SQL access with a
 * cache of prepared statements. Nothing outside src/core sees SQL. */

sqlite3      *_ar_ledger_get_db            (ArLedger      *self);
/* A prepared statement for @sql (a string literal: the cache is keyed by its address), reset
 * and with its bindings cleared, owned by the ledger. */
sqlite3_stmt *_ar_ledger_prepare           (ArLedger      *self,
                                            const char    *sql,
                                            GError       **error);
/* Sets @error from the connection's last error, prefixed with @what. Always returns FALSE. */
gboolean      _ar_ledger_set_sql_error     (ArLedger      *self,
                                            const char    *what,
                                            GError       **error);
/* Steps @stmt to completion (SQLITE_DONE), mapping errors; resets it. */
gboolean      _ar_ledger_step_done         (ArLedger      *self,
                                            sqlite3_stmt  *stmt,
                                            const char    *what,
                                            GError       **error);
gboolean      _ar_ledger_exec              (ArLedger      *self,
                                            const char    *sql,
                                            GError       **error);
/* Marks @debtor_id's allocation stale; it is recomputed before the transaction commits. */
void          _ar_ledger_mark_dirty        (ArLedger      *self,
                                            gint64         debtor_id);
/* Recomputes @debtor_id's stored allocation now if it is stale. */
gboolean      _ar_ledger_flush_debtor      (ArLedger      *self,
                                            gint64         debtor_id,
                                            GError       **error);
/* Loads @debtor_id's entries in @currency (all of them when @as_of is 0, else those dated on or
 * before @as_of) and runs the allocation into @result. */
gboolean      _ar_ledger_allocate_debtor   (ArLedger      *self,
                                            gint64         debtor_id,
                                            const char    *currency,
                                            guint32        as_of,
                                            ArAllocResult *result,
                                            GError       **error);
gboolean      _ar_ledger_in_transaction    (ArLedger      *self);
/* Checks what a debtor's details need (an id, a name, a known kind and status, a country
 * code or none), for adding and editing alike. */
gboolean      _ar_debtor_info_check        (const ArDebtorInfo *info,
                                            GError       **error);
/* TRUE when @debtor_id names a debtor, else FALSE with AR_LEDGER_ERROR_NOT_FOUND. */
gboolean      _ar_ledger_check_debtor      (ArLedger      *self,
                                            gint64         debtor_id,
                                            GError       **error);

/* The columns _ar_alloc_entry_from_row() reads, for "FROM entries e LEFT JOIN invoices i". */
#define AR_ALLOC_ENTRY_COLUMNS \
  "e.id, e.kind, e.date, e.amount, e.invoice_id, e.reverses_id, i.due_date, i.issue_date, i.number"
/* Fills @entry from the row at @stmt, columns from @first_column on; strings are copied into
 * @strings. */
void          _ar_alloc_entry_from_row     (sqlite3_stmt  *stmt,
                                            int            first_column,
                                            GStringChunk  *strings,
                                            ArAllocEntry  *entry);

/* A multi-row INSERT of @n_columns placeholders per row into @table; the SQL is generated
 * once from these constants (never from data) and kept for the process. */
typedef struct
{
  const char *table;
  const char *columns;    /* comma-separated column names */
  guint       n_columns;
  char       *sql[2];     /* one row, and a chunk of rows; NULL until first use */
} ArBulkInsert;

/* Binds one row's values from @row, starting at parameter @first. */
typedef void (*ArBindRow) (sqlite3_stmt  *stmt,
                           int            first,
                           gconstpointer  row);

gboolean      _ar_ledger_insert_rows       (ArLedger            *self,
                                            ArBulkInsert        *insert,
                                            gconstpointer        rows,
                                            gsize                row_size,
                                            guint                n_rows,
                                            ArBindRow            bind,
                                            GError             **error);

/* Derived data (ar-ledger-derive.c): the stored allocation, rebuilt per debtor. Rows are
 * collected in a batch and written together. */
typedef struct _ArDerivedBatch ArDerivedBatch;

ArDerivedBatch *_ar_derived_batch_new      (void);
void          _ar_derived_batch_free       (ArDerivedBatch      *batch);
/* Deletes @debtor_id's stored allocation and computes the new one into @batch. */
gboolean      _ar_ledger_derive_debtor     (ArLedger            *self,
                                            gint64               debtor_id,
                                            ArDerivedBatch      *batch,
                                            GError             **error);
/* Writes and empties @batch. */
gboolean      _ar_ledger_derive_write      (ArLedger            *self,
                                            ArDerivedBatch      *batch,
                                            GError             **error);
/* TRUE when @batch holds enough rows to be worth writing now. */
gboolean      _ar_derived_batch_is_full    (ArDerivedBatch      *batch);

/* Bulk audit: while on, the row-level audit triggers write nothing and the bulk writer records
 * one range per table with _ar_ledger_audit_range(). */
void          _ar_ledger_set_bulk_audit    (ArLedger            *self,
                                            gboolean             bulk);
gboolean      _ar_ledger_audit_range       (ArLedger            *self,
                                            const char          *table,
                                            gint64               first,
                                            gint64               last,
                                            GError             **error);

/* Bulk writes (ar-ledger-bulk.c) for rows the caller has validated: multi-row INSERTs in one
 * savepoint, all rows or none. The importer falls back to the public functions, row by row, to
 * find the row at fault when a batch fails. */
typedef struct
{
  ArDebtorInfo  info;
  gboolean      has_address;
  ArAddressInfo address;
  const char   *email;    /* NULL or "" for none */
  const char   *phone;
  gint64        id;       /* out: the new debtor's id */
} ArBulkDebtor;

gboolean      _ar_ledger_bulk_add_debtors  (ArLedger            *self,
                                            ArBulkDebtor        *rows,
                                            guint                n,
                                            GError             **error);
gboolean      _ar_ledger_bulk_add_invoices (ArLedger            *self,
                                            const ArInvoiceInfo *rows,
                                            guint                n,
                                            GError             **error);
/* Payments, credit notes, fees and interest only: refunds and write-offs depend on the
 * allocation at the time and go through ar_ledger_post(). */
gboolean      _ar_ledger_bulk_post         (ArLedger            *self,
                                            const ArPosting     *rows,
                                            guint                n,
                                            GError             **error);

/* Schema (ar-ledger-schema.c) */
int           _ar_ledger_schema_latest     (void);
gboolean      _ar_ledger_schema_migrate    (sqlite3       *db,
                                            int            from_version,
                                            GError       **error);

/* Converts "YYYY-MM-DD" from a column to a Julian day (0 for NULL). */
guint32       _ar_column_julian            (sqlite3_stmt  *stmt,
                                            int            column);
/* Binds a Julian day as "YYYY-MM-DD". */
int           _ar_bind_julian              (sqlite3_stmt  *stmt,
                                            int            index,
                                            guint32        julian);
/* Binds @text, or SQL NULL when it is NULL. */
int           _ar_bind_text                (sqlite3_stmt  *stmt,
                                            int            index,
                                            const char    *text);
/* Binds @text, or '' when it is NULL (for NOT NULL DEFAULT '' columns). */
int           _ar_bind_text0               (sqlite3_stmt  *stmt,
                                            int            index,
                                            const char    *text);

G_END_DECLS
