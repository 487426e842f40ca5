/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The kinds of journal entry. Amounts are always stored positive; the kind gives the side. */
typedef enum
{
  AR_ENTRY_INVOICE,      /* debit: the debt itself */
  AR_ENTRY_PAYMENT,      /* credit */
  AR_ENTRY_CREDIT_NOTE,  /* credit */
  AR_ENTRY_REFUND,       /* debit: pays unapplied credit back out */
  AR_ENTRY_FEE,          /* debit */
  AR_ENTRY_INTEREST,     /* debit */
  AR_ENTRY_WRITE_OFF,    /* credit: closes what is left of the invoice it names */
  AR_ENTRY_REVERSAL,     /* cancels the entry it names */
  AR_N_ENTRY_KINDS
} ArEntryKind;

typedef enum
{
  AR_DEBTOR_CONSUMER,
  AR_DEBTOR_SOLE_TRADER,
  AR_DEBTOR_BUSINESS,
  AR_N_DEBTOR_KINDS
} ArDebtorKind;

typedef enum
{
  AR_STATUS_ACTIVE,
  AR_STATUS_DISPUTED,
  AR_STATUS_PROMISE,
  AR_STATUS_PLAN,
  AR_STATUS_AGENCY,
  AR_STATUS_LEGAL,
  AR_STATUS_BANKRUPT,
  AR_STATUS_DECEASED,
  AR_STATUS_PAID,
  AR_STATUS_WRITTEN_OFF,
  AR_STATUS_CLOSED,
  AR_N_STATUSES
} ArDebtorStatus;

typedef enum
{
  AR_CONTACT_VALID,
  AR_CONTACT_UNVERIFIED,
  AR_CONTACT_BAD,
  AR_CONTACT_RETURNED_MAIL,
  AR_CONTACT_DISCONNECTED,
  AR_N_CONTACT_STATUSES
} ArContactStatus;

/* The names stored in the ledger file and used on the command line ("credit_note", ...). */
const char *ar_entry_kind_to_string     (ArEntryKind     kind);
gboolean    ar_entry_kind_from_string   (const char     *text,
                                         ArEntryKind    *out);
/* TRUE for kinds that increase what the debtor owes. */
gboolean    ar_entry_kind_is_debit      (ArEntryKind     kind);
const char *ar_debtor_kind_to_string    (ArDebtorKind    kind);
gboolean    ar_debtor_kind_from_string  (const char     *text,
                                         ArDebtorKind   *out);
const char *ar_debtor_status_to_string  (ArDebtorStatus  status);
gboolean    ar_debtor_status_from_string (const char    *text,
                                         ArDebtorStatus *out);
const char *ar_contact_status_to_string (ArContactStatus status);
gboolean    ar_contact_status_from_string (const char   *text,
                                         ArContactStatus *out);

G_END_DECLS
