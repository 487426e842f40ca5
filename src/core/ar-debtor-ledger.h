/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"

G_BEGIN_DECLS

/* One debtor's account, as `arrears-cli show` and the debtor pane present it: the debtor's
 * details and contact points, the balance per currency, every journal entry in date order with
 * a running balance per currency and what it paid or was paid by, and what is still open.
 * Everything is read in one read transaction, so the parts agree with each other. Strings are
 * owned by the ArDebtorLedger and live as long as it does. */

typedef struct
{
  gint64          id;
  const char     *external_id;
  ArDebtorKind    kind;
  const char     *name;
  const char     *company;
  const char     *contact_person;
  const char     *language;
  const char     *country;
  const char     *region;
  const char     *time_zone;
  ArDebtorStatus  status;
  gboolean        cease_contact;
  const char     *tags;
  const char     *notes;
  const char     *created_at;      /* ISO 8601 UTC timestamp */
} ArDebtorDetails;

typedef enum
{
  AR_DEBTOR_CONTACT_ADDRESS,
  AR_DEBTOR_CONTACT_PHONE,
  AR_DEBTOR_CONTACT_EMAIL,
} ArDebtorContactKind;

typedef struct
{
  ArDebtorContactKind  kind;
  const char          *label;
  const char          *value;      /* an address's non-empty parts joined by ", " */
  ArContactStatus      status;
  const char          *source;
  guint32              since;      /* Julian day */
  gint64               id;         /* the row id in its table (addresses, phones or emails) */
} ArDebtorContact;

typedef struct
{
  char    currency[4];
  gint64  balance;                 /* owed (negative: credit on account) */
  gint64  open;                    /* Σ open items */
  gint64  unapplied;               /* credit on account */
  guint32 oldest_due;              /* Julian day; 0 when nothing is open */
} ArDebtorBalance;

/* One side of a stored allocation, seen from the entry it is listed under. */
typedef struct
{
  gint64   other_id;               /* the entry on the other side */
  gint64   amount;                 /* > 0, minor units */
  gboolean paid_by;                /* TRUE: @other_id paid this entry; FALSE: this entry paid
                                    * @other_id */
} ArEntryAllocation;

typedef struct
{
  gint64       id;
  guint32      date;               /* Julian day */
  ArEntryKind  kind;
  char         currency[4];
  /* Signed, minor units: + for a debit (invoice, refund, fee, interest), − for a credit
   * (payment, credit note, write-off); a reversal has the opposite sign of the entry it
   * reverses. */
  gint64       amount;
  gint64       running_balance;    /* Σ amount of the entries so far in @currency */
  const char  *reference;
  const char  *memo;               /* for a reversal: the reason */
  gint64       invoice_id;         /* 0 when the entry names no invoice */
  const char  *invoice_number;     /* NULL when the entry names no invoice */
  gint64       reverses_id;        /* for a reversal: the entry it reverses, else 0 */
  gint64       reversed_by_id;     /* the reversal of this entry, or 0 */
  GArray      *allocations;        /* ArEntryAllocation in allocation order, or NULL */
} ArDebtorEntry;

typedef struct
{
  gint64       entry_id;           /* the first open item (the invoice entry itself if open) */
  ArEntryKind  kind;               /* invoice, or fee, interest, refund for items of their own */
  gint64       invoice_id;         /* 0 for an item that belongs to no invoice */
  const char  *invoice_number;     /* NULL when @invoice_id is 0 */
  char         currency[4];
  guint32      issue_date;         /* Julian days: the invoice's, or the item's date */
  guint32      due_date;
  gint64       amount;             /* the invoice amount, or the item's */
  gint64       open;               /* still open, fees and interest on the invoice included */
} ArDebtorOpenItem;

typedef struct
{
  ArDebtorDetails  debtor;
  GArray          *contacts;       /* ArDebtorContact: addresses, phones, emails, each by id */
  GArray          *balances;       /* ArDebtorBalance, by currency code */
  GArray          *entries;        /* ArDebtorEntry, by date, then id */
  GArray          *open_items;     /* ArDebtorOpenItem, oldest due date first */

  /*< private >*/
  GStringChunk    *strings;
  GHashTable      *entry_index;    /* entry id → index + 1 in @entries */
} ArDebtorLedger;

/* Loads debtor @debtor_id (the ledger's row id; see ar_ledger_lookup_debtor()). An unknown id
 * is AR_LEDGER_ERROR_NOT_FOUND. */
ArDebtorLedger      *ar_debtor_ledger_load       (ArLedger             *ledger,
                                                  gint64                debtor_id,
                                                  GError              **error);
void                 ar_debtor_ledger_free       (ArDebtorLedger       *self);
/* The entry with id @entry_id, or NULL when it is not this debtor's. */
const ArDebtorEntry *ar_debtor_ledger_find_entry (const ArDebtorLedger *self,
                                                  gint64                entry_id);

/* The currencies @debtor_id has journal entries in, sorted (empty when none); NULL with
 * @error on failure. */
GStrv                ar_debtor_ledger_get_currencies (ArLedger             *ledger,
                                                      gint64                debtor_id,
                                                      GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArDebtorLedger, ar_debtor_ledger_free)

G_END_DECLS
