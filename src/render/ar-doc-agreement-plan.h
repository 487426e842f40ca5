/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-doc-agreement.h"
#include "ar-plan-draft.h"

G_BEGIN_DECLS

/* The agreement's figures from a plan draft (ar-plan-draft.h): the parties from the ledger, the
 * debts the draft includes, and the schedule, totals and cost the core computed for its
 * terms. Read on the thread that owns the ledger (the main thread in the window); the
 * rendering (ar_doc_agreement_to_bytes()) may then run on a worker, since the data owns
 * every string it points to. */

typedef struct
{
  ArAgreement  agreement;
  ArPdfPaper   paper;      /* the ledger's paper (ar_doc_paper_for_ledger()) */
  GBytes      *logo;       /* the company's logo, or NULL */

  /*< private >*/
  GStringChunk *strings;
  GArray       *debts;
  GArray       *instalments;
} ArAgreementData;

/* NULL with the draft's AR_PLAN_ERROR when its terms give no schedule, or a ledger error. The
 * plan's reference, quoted with payments, is the customer number and the plan date
 * ("C-0042-20270105"). */
ArAgreementData *ar_agreement_data_new   (ArLedger         *ledger,
                                          ArPlanDraft      *draft,
                                          GError          **error);
void             ar_agreement_data_free  (ArAgreementData  *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArAgreementData, ar_agreement_data_free)

G_END_DECLS
