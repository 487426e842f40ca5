/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-debtor-ledger.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* The writes of the debtor pane that ar-ledger.h does not offer: editing a debtor's details,
 * status and notes, marking a contact point bad, a payment split over several invoices and
 * the reversal of several entries at once (the Undo of a split payment). Each runs in one
 * transaction named for the audit log ("edit-debtor", "change-status", "edit-notes",
 * "contact-status", "payment", "reversal"); a failure changes nothing. */

/* Replaces the details of debtor @debtor_id with @info (every field: a NULL string clears
 * it). The external id and the name are required; the external id stays unique. */
gboolean    ar_ledger_update_debtor       (ArLedger            *self,
                                           gint64               debtor_id,
                                           const ArDebtorInfo  *info,
                                           GError             **error);
gboolean    ar_ledger_set_debtor_status   (ArLedger            *self,
                                           gint64               debtor_id,
                                           ArDebtorStatus       status,
                                           GError             **error);
gboolean    ar_ledger_set_debtor_notes    (ArLedger            *self,
                                           gint64               debtor_id,
                                           const char          *notes,
                                           GError             **error);

/* TRUE when a contact point of @kind can have @status: addresses and emails can be returned
 * mail, phones disconnected; every kind can be valid, unverified or bad. */
gboolean    ar_contact_status_allowed     (ArDebtorContactKind  kind,
                                           ArContactStatus      status);
/* Sets the status of the address, phone or email @contact_id of @debtor_id (skip tracing
 * marks numbers disconnected and letters returned; nothing is deleted). */
gboolean    ar_ledger_set_contact_status  (ArLedger            *self,
                                           gint64               debtor_id,
                                           ArDebtorContactKind  kind,
                                           gint64               contact_id,
                                           ArContactStatus      status,
                                           GError             **error);

typedef struct
{
  gint64 invoice_id;   /* an open invoice of the debtor */
  gint64 amount;       /* > 0, minor units, no more than is open on the invoice */
} ArPaymentPart;

/* Posts one payment per part, each naming its invoice, with @payment's debtor, date,
 * currency, reference and memo (its amount and invoice are ignored), in one transaction: all
 * or nothing. A part larger than what is open on its invoice, two parts naming the same
 * invoice or no part at all is refused. The entry ids are appended to @out_entry_ids (gint64;
 * may be NULL). */
gboolean    ar_ledger_post_split_payment  (ArLedger            *self,
                                           const ArPosting     *payment,
                                           const ArPaymentPart *parts,
                                           guint                n_parts,
                                           GArray              *out_entry_ids,
                                           GError             **error);

/* Reverses the @n_ids entries @ids with @reason in one transaction, each dated @date or on
 * its own date when that is later. */
gboolean    ar_ledger_reverse_entries     (ArLedger            *self,
                                           const gint64        *ids,
                                           guint                n_ids,
                                           guint32              date,
                                           const char          *reason,
                                           GError             **error);

G_END_DECLS
