/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-types"
#include "config.h"

#include <string.h>

#include "ar-types.h"

/* These strings are the ledger file's vocabulary (CHECK constraints in ar-ledger-schema.c use
 * the same words), so they are never translated. */
static const char * const entry_kinds[AR_N_ENTRY_KINDS] = {
  "invoice", "payment", "credit_note", "refund", "fee", "interest", "write_off", "reversal",
};
static const char * const debtor_kinds[AR_N_DEBTOR_KINDS] = {
  "consumer", "sole_trader", "business",
};
static const char * const statuses[AR_N_STATUSES] = {
  "active", "disputed", "promise", "plan", "agency", "legal", "bankrupt", "deceased", "paid",
  "written_off", "closed",
};
static const char * const contact_statuses[AR_N_CONTACT_STATUSES] = {
  "valid", "unverified", "bad", "returned_mail", "disconnected",
};

static gboolean
lookup (const char * const *names, guint n, const char *text, guint *out)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (strcmp (names[i], text) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_NAMES(Type, prefix, table, count)                                   \
  const char *prefix##_to_string (Type value)                                      \
  {                                                                                \
    g_return_val_if_fail ((guint) value < count, NULL);                            \
    return table[value];                                                           \
  }                                                                                \
  gboolean prefix##_from_string (const char *text, Type *out)                      \
  {                                                                                \
    guint i;                                                                       \
    if (!lookup (table, count, text, &i))                                          \
      return FALSE;                                                                \
    *out = (Type) i;                                                               \
    return TRUE;                                                                   \
  }

DEFINE_NAMES (ArEntryKind, ar_entry_kind, entry_kinds, AR_N_ENTRY_KINDS)
DEFINE_NAMES (ArDebtorKind, ar_debtor_kind, debtor_kinds, AR_N_DEBTOR_KINDS)
DEFINE_NAMES (ArDebtorStatus, ar_debtor_status, statuses, AR_N_STATUSES)
DEFINE_NAMES (ArContactStatus, ar_contact_status, contact_statuses, AR_N_CONTACT_STATUSES)

gboolean
ar_entry_kind_is_debit (ArEntryKind kind)
{
  return kind == AR_ENTRY_INVOICE || kind == AR_ENTRY_REFUND || kind == AR_ENTRY_FEE ||
         kind == AR_ENTRY_INTEREST;
}
