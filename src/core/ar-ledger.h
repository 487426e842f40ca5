/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ar-money.h"
#include "ar-types.h"

G_BEGIN_DECLS

/* One book of receivables in one SQLite file (suggested extension ".arrears").
 *
 * Every write goes through this object: it runs in one transaction together with its audit
 * records (written by triggers in the file itself), posted entries are append-only (enforced
 * by triggers that raise), and the derived allocation of each debtor whose journal changed is
 * recomputed inside the same transaction before it commits. */

#define AR_TYPE_LEDGER (ar_ledger_get_type ())
G_DECLARE_FINAL_TYPE (ArLedger, ar_ledger, AR, LEDGER, GObject)

#define AR_LEDGER_ERROR (ar_ledger_error_quark ())

typedef enum
{
  AR_LEDGER_ERROR_IO,           /* can't create, open or read the file */
  AR_LEDGER_ERROR_NOT_A_LEDGER, /* not SQLite, or a SQLite file of another application */
  AR_LEDGER_ERROR_TOO_NEW,      /* written by a newer Arrears */
  AR_LEDGER_ERROR_EXISTS,       /* create: the file is already there */
  AR_LEDGER_ERROR_NOT_FOUND,    /* no such debtor, invoice or entry */
  AR_LEDGER_ERROR_DUPLICATE,    /* external id or invoice number already in the book */
  AR_LEDGER_ERROR_INVALID,      /* the request breaks a rule (refund beyond credit, ...) */
  AR_LEDGER_ERROR_APPEND_ONLY,  /* an attempt to change or delete a posted entry */
  AR_LEDGER_ERROR_SQL,          /* anything else SQLite reports */
} ArLedgerError;

GQuark      ar_ledger_error_quark        (void);

/* "Arre" in ASCII: PRAGMA application_id of every Arrears ledger. */
#define AR_LEDGER_APPLICATION_ID 0x41727265
#define AR_LEDGER_SCHEMA_VERSION 5

/* Creates a new, empty ledger with file mode 0600. Refuses an existing file. */
ArLedger   *ar_ledger_create             (const char    *path,
                                          GError       **error);
/* Opens an existing ledger and runs pending migrations in one transaction. A non-SQLite file,
 * a SQLite file of another application and a file from a newer Arrears are refused and left
 * untouched. */
ArLedger   *ar_ledger_open               (const char    *path,
                                          GError       **error);
const char *ar_ledger_get_path           (ArLedger      *self);
/* An online copy through the SQLite backup API; @dest must not exist. */
gboolean    ar_ledger_backup             (ArLedger      *self,
                                          const char    *dest,
                                          GError       **error);

/* Transactions ---------------------------------------------------------------------------- */

/* Groups several writes into one transaction; @action names it in the audit log ("import").
 * Nested calls join the outer transaction through savepoints, so a failed inner write rolls
 * back only itself. Commit recomputes the allocation of every debtor touched. */
gboolean    ar_ledger_begin              (ArLedger      *self,
                                          const char    *action,
                                          GError       **error);
gboolean    ar_ledger_commit             (ArLedger      *self,
                                          GError       **error);
void        ar_ledger_rollback           (ArLedger      *self);

/* Settings stored in the book ------------------------------------------------------------- */

char       *ar_ledger_get_setting        (ArLedger      *self,
                                          const char    *key);
gboolean    ar_ledger_set_setting        (ArLedger      *self,
                                          const char    *key,
                                          const char    *value,
                                          GError       **error);

/* The company (creditor) ------------------------------------------------------------------ */

typedef struct
{
  const char *legal_name;
  const char *trade_name;
  const char *address_line1;
  const char *address_line2;
  const char *city;
  const char *region;
  const char *postal_code;
  const char *country;
  const char *phone;
  const char *email;
  const char *website;
  const char *tax_id;
  const char *payment_instructions;
  const char *bank_account;
  const char *iban;
  const char *bic;
  const char *routing_number;
  const char *default_currency;
  const char *signature_name;
} ArCompanyInfo;

gboolean    ar_ledger_set_company        (ArLedger            *self,
                                          const ArCompanyInfo *info,
                                          GError             **error);
/* Returns a string table (field name → value) of the company; free with g_hash_table_unref. */
GHashTable *ar_ledger_get_company        (ArLedger            *self,
                                          GError             **error);

/* Debtors and their contact points -------------------------------------------------------- */

typedef struct
{
  const char     *external_id;     /* required, unique in the book */
  ArDebtorKind    kind;
  const char     *name;            /* required, non-empty */
  const char     *company;
  const char     *contact_person;
  const char     *language;        /* BCP 47 ("en", "de-AT") */
  const char     *country;         /* ISO 3166-1 alpha-2 */
  const char     *region;
  const char     *time_zone;       /* IANA ("Europe/Berlin") */
  ArDebtorStatus  status;
  gboolean        cease_contact;
  const char     *tags;
  const char     *notes;
} ArDebtorInfo;

typedef struct
{
  const char      *label;
  const char      *line1;
  const char      *line2;
  const char      *city;
  const char      *region;
  const char      *postal_code;
  const char      *country;
  ArContactStatus  status;
  const char      *source;
  guint32          since;          /* Julian day, 0 = today */
} ArAddressInfo;

typedef enum { AR_CONTACT_POINT_PHONE, AR_CONTACT_POINT_EMAIL } ArContactPointKind;

gboolean    ar_ledger_add_debtor         (ArLedger           *self,
                                          const ArDebtorInfo *info,
                                          gint64             *out_id,
                                          GError            **error);
gboolean    ar_ledger_add_address        (ArLedger           *self,
                                          gint64              debtor_id,
                                          const ArAddressInfo *info,
                                          gint64             *out_id,
                                          GError            **error);
/* A phone number or an email address, with its label, status and source. */
gboolean    ar_ledger_add_contact_point  (ArLedger           *self,
                                          gint64              debtor_id,
                                          ArContactPointKind  kind,
                                          const char         *label,
                                          const char         *value,
                                          ArContactStatus     status,
                                          const char         *source,
                                          gint64             *out_id,
                                          GError            **error);
/* 0 when no debtor has @external_id. */
gint64      ar_ledger_lookup_debtor      (ArLedger           *self,
                                          const char         *external_id);

/* Invoices and journal entries ------------------------------------------------------------ */

typedef struct
{
  gint64      debtor_id;
  const char *number;        /* required, unique in the book */
  guint32     issue_date;    /* Julian days */
  guint32     due_date;      /* ≥ issue_date */
  const char *currency;
  gint64      amount;        /* > 0, minor units */
  const char *description;
  const char *external_ref;
} ArInvoiceInfo;

typedef struct
{
  gint64  id;
  gint64  debtor_id;
  char    currency[4];
  guint32 issue_date;
  guint32 due_date;
  gint64  amount;
} ArInvoiceRef;

/* Adds the invoice and posts its invoice entry. */
gboolean    ar_ledger_add_invoice        (ArLedger            *self,
                                          const ArInvoiceInfo *info,
                                          gint64              *out_invoice_id,
                                          GError             **error);
/* FALSE when no invoice has @number. */
gboolean    ar_ledger_lookup_invoice     (ArLedger            *self,
                                          const char          *number,
                                          ArInvoiceRef        *out);

typedef struct
{
  gint64       debtor_id;
  ArEntryKind  kind;          /* payment, credit note, refund, fee, interest, write-off */
  guint32      date;          /* Julian day */
  gint64       amount;        /* > 0; for a write-off 0 means "all that is open" */
  const char  *currency;
  gint64       invoice_id;    /* 0 = names no invoice (a write-off must name one) */
  const char  *reference;
  const char  *memo;
} ArPosting;

/* Posts a journal entry after checking it: the named invoice belongs to the debtor and has the
 * same currency; a refund is no larger than the unapplied credit; a write-off names an invoice
 * with something open and writes off no more than that. */
gboolean    ar_ledger_post               (ArLedger            *self,
                                          const ArPosting     *posting,
                                          gint64              *out_entry_id,
                                          GError             **error);
/* Posts the reversal of entry @entry_id dated @date (not before the entry) with @reason. An
 * entry can be reversed once; a reversal can't be reversed. */
gboolean    ar_ledger_reverse            (ArLedger            *self,
                                          gint64               entry_id,
                                          guint32              date,
                                          const char          *reason,
                                          gint64              *out_entry_id,
                                          GError             **error);

/* What the debtor owes in @currency and the credit on account, from the stored allocation. */
gboolean    ar_ledger_get_balance        (ArLedger            *self,
                                          gint64               debtor_id,
                                          const char          *currency,
                                          gint64              *out_balance,
                                          gint64              *out_unapplied,
                                          GError             **error);
/* Open amount of an invoice (with its fees and interest), from the stored allocation. */
gboolean    ar_ledger_get_invoice_open   (ArLedger            *self,
                                          gint64               invoice_id,
                                          gint64              *out_open,
                                          GError             **error);

/* Derived data ---------------------------------------------------------------------------- */

/* Recomputes the stored allocation of every debtor from scratch (a repair tool; normal writes
 * keep it current). */
gboolean    ar_ledger_recompute_all      (ArLedger            *self,
                                          GError             **error);

G_END_DECLS
