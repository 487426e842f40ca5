/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-labels"
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ar-labels.h"

const char *
ar_label_debtor_status (ArDebtorStatus status)
{
  switch (status)
    {
    case AR_STATUS_ACTIVE:      return C_("debtor status", "Active");
    case AR_STATUS_DISPUTED:    return C_("debtor status", "Disputed");
    case AR_STATUS_PROMISE:     return C_("debtor status", "Promise to pay");
    case AR_STATUS_PLAN:        return C_("debtor status", "Payment plan");
    case AR_STATUS_AGENCY:      return C_("debtor status", "With agency");
    case AR_STATUS_LEGAL:       return C_("debtor status", "Legal action");
    case AR_STATUS_BANKRUPT:    return C_("debtor status", "Bankrupt");
    case AR_STATUS_DECEASED:    return C_("debtor status", "Deceased");
    case AR_STATUS_PAID:        return C_("debtor status", "Paid");
    case AR_STATUS_WRITTEN_OFF: return C_("debtor status", "Written off");
    case AR_STATUS_CLOSED:      return C_("debtor status", "Closed");
    case AR_N_STATUSES:
    default:                    return _("Unknown");
    }
}

const char *
ar_label_debtor_kind (ArDebtorKind kind)
{
  switch (kind)
    {
    case AR_DEBTOR_CONSUMER:    return C_("debtor kind", "Consumer");
    case AR_DEBTOR_SOLE_TRADER: return C_("debtor kind", "Sole trader");
    case AR_DEBTOR_BUSINESS:    return C_("debtor kind", "Business");
    case AR_N_DEBTOR_KINDS:
    default:                    return _("Unknown");
    }
}

const char *
ar_label_entry_kind (ArEntryKind kind)
{
  switch (kind)
    {
    case AR_ENTRY_INVOICE:     return C_("entry kind", "Invoice");
    case AR_ENTRY_PAYMENT:     return C_("entry kind", "Payment");
    case AR_ENTRY_CREDIT_NOTE: return C_("entry kind", "Credit note");
    case AR_ENTRY_REFUND:      return C_("entry kind", "Refund");
    case AR_ENTRY_FEE:         return C_("entry kind", "Fee");
    case AR_ENTRY_INTEREST:    return C_("entry kind", "Interest");
    case AR_ENTRY_WRITE_OFF:   return C_("entry kind", "Write-off");
    case AR_ENTRY_REVERSAL:    return C_("entry kind", "Reversal");
    case AR_N_ENTRY_KINDS:
    default:                   return _("Unknown");
    }
}

const char *
ar_label_activity_kind (ArActivityKind kind)
{
  switch (kind)
    {
    case AR_ACTIVITY_CALL:   return C_("activity kind", "Call");
    case AR_ACTIVITY_LETTER: return C_("activity kind", "Letter");
    case AR_ACTIVITY_EMAIL:  return C_("activity kind", "Email");
    case AR_ACTIVITY_VISIT:  return C_("activity kind", "Visit");
    case AR_ACTIVITY_SMS:    return C_("activity kind", "Text message");
    case AR_ACTIVITY_NOTE:   return C_("activity kind", "Note");
    case AR_N_ACTIVITY_KINDS:
    default:                 return _("Unknown");
    }
}

const char *
ar_label_direction (ArDirection direction)
{
  switch (direction)
    {
    case AR_DIRECTION_IN:   return C_("activity direction", "Incoming");
    case AR_DIRECTION_OUT:  return C_("activity direction", "Outgoing");
    case AR_DIRECTION_NONE:
    case AR_N_DIRECTIONS:
    default:                return "";
    }
}

const char *
ar_label_contact_kind (ArDebtorContactKind kind)
{
  switch (kind)
    {
    case AR_DEBTOR_CONTACT_ADDRESS: return C_("contact kind", "Address");
    case AR_DEBTOR_CONTACT_PHONE:   return C_("contact kind", "Phone");
    case AR_DEBTOR_CONTACT_EMAIL:   return C_("contact kind", "Email");
    default:                        return _("Unknown");
    }
}

const char *
ar_label_contact_status (ArContactStatus status)
{
  switch (status)
    {
    case AR_CONTACT_VALID:         return C_("contact status", "Valid");
    case AR_CONTACT_UNVERIFIED:    return C_("contact status", "Unverified");
    case AR_CONTACT_BAD:           return C_("contact status", "Bad");
    case AR_CONTACT_RETURNED_MAIL: return C_("contact status", "Returned mail");
    case AR_CONTACT_DISCONNECTED:  return C_("contact status", "Disconnected");
    case AR_N_CONTACT_STATUSES:
    default:                       return _("Unknown");
    }
}

char *
ar_label_bucket (const char *bucket_label)
{
  if (bucket_label == NULL || bucket_label[0] == '\0')
    return g_strdup ("");
  if (strcmp (bucket_label, "current") == 0)
    return g_strdup (C_("aging bucket", "Current"));

  /* The core's labels are "1-30" and "91+"; an en dash reads better between numbers. */
  {
    g_autofree char *range = g_strdelimit (g_strdup (bucket_label), "-", '\0');
    const char *dash = strchr (bucket_label, '-');

    if (dash != NULL)
      /* Translators: an aging bucket, e.g. "1–30 days" */
      return g_strdup_printf (C_("aging bucket", "%s–%s days"), range, dash + 1);
    /* Translators: the oldest aging bucket, e.g. "91+ days" */
    return g_strdup_printf (C_("aging bucket", "%s days"), bucket_label);
  }
}

char *
ar_label_bucket_short (const char *bucket_label)
{
  if (bucket_label == NULL || bucket_label[0] == '\0')
    return g_strdup ("");
  if (strcmp (bucket_label, "current") == 0)
    return g_strdup (C_("aging bucket", "Current"));
  {
    g_auto(GStrv) parts = g_strsplit (bucket_label, "-", 2);

    return g_strjoinv ("–", parts);
  }
}

char *
ar_label_outcome (const char *outcome)
{
  if (outcome == NULL)
    return g_strdup ("");
  return g_strdelimit (g_strdup (outcome), "_", ' ');
}
