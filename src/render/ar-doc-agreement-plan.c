/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-doc-agreement-plan"
#include "config.h"

#include "ar-activity.h"
#include "ar-date.h"
#include "ar-debtor-ledger.h"
#include "ar-doc-agreement-plan.h"
#include "ar-doc-common.h"
#include "ar-money.h"

void
ar_agreement_data_free (ArAgreementData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->logo, g_bytes_unref);
  g_clear_pointer (&data->strings, g_string_chunk_free);
  g_clear_pointer (&data->debts, g_array_unref);
  g_clear_pointer (&data->instalments, g_array_unref);
  g_free (data);
}

ArAgreementData *
ar_agreement_data_new (ArLedger *ledger, ArPlanDraft *draft, GError **error)
{
  g_autoptr(ArAgreementData) data = g_new0 (ArAgreementData, 1);
  g_autoptr(ArDebtorLedger) account = NULL;
  const ArPlanSchedule *schedule;
  ArAgreement *ag = &data->agreement;
  ArPlanTerms terms;
  gint64 open_total = 0, waived = 0;
  char iso[11];

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (draft), NULL);

  schedule = ar_plan_draft_get_schedule (draft, error);
  if (schedule == NULL)
    return NULL;
  account = ar_debtor_ledger_load (ledger, ar_plan_draft_get_debtor_id (draft), error);
  if (account == NULL)
    return NULL;

  data->strings = g_string_chunk_new (512);
  data->debts = g_array_new (FALSE, TRUE, sizeof (ArAgreementDebt));
  data->instalments = g_array_new (FALSE, TRUE, sizeof (ArAgreementInstalment));
  if (!ar_document_parties_load (ledger, account, data->strings, &ag->debtor, &ag->company,
                                 error))
    return NULL;
  data->paper = ar_doc_paper_for_ledger (ledger, &ag->company);
  {
    g_autoptr(GError) local_error = NULL;

    data->logo = ar_ledger_get_company_logo (ledger, NULL, &local_error);
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return NULL;
      }
  }

  ar_plan_draft_get_terms (draft, &terms);
  ag->currency = g_string_chunk_insert (data->strings, ar_plan_draft_get_currency (draft));
  ag->date = terms.plan_date;
  ar_date_format_julian (terms.plan_date, iso);
  /* "C-0042-20270105": the customer number and the plan date, without the dashes. */
  {
    g_autofree char *compact = g_strdup_printf ("%.4s%.2s%.2s", iso, iso + 5, iso + 8);
    g_autofree char *reference = g_strdup_printf ("%s-%s", account->debtor.external_id, compact);

    ag->reference = g_string_chunk_insert (data->strings, reference);
  }

  /* The debts at what is open on them; the fees a waiver removes are summed apart, so the
   * table reads: balance acknowledged − fees waived (+ fee or interest) = total. */
  for (guint i = 0; i < ar_plan_draft_get_n_items (draft); i++)
    {
      const ArPlanItem *item = ar_plan_draft_get_item (draft, i);
      ArAgreementDebt debt;

      if (!item->included)
        continue;
      debt.number = g_string_chunk_insert (data->strings, item->number);
      debt.issued = item->issue_date;
      debt.due = item->due_date;
      debt.amount = item->open;
      g_array_append_val (data->debts, debt);
      if (!ar_money_add (open_total, item->open, &open_total, error) ||
          (ar_plan_draft_get_waive_fees (draft) &&
           !ar_money_add (waived, item->fees, &waived, error)))
        return NULL;
    }
  ag->debts = (const ArAgreementDebt *) data->debts->data;
  ag->n_debts = data->debts->len;
  ag->debts_total = open_total;
  ag->fees_waived = waived;
  ag->setup_fee = schedule->setup_fee;
  ag->apr_bp = terms.apr_bp;
  ag->interest = schedule->interest;
  ag->total = schedule->total;
  ag->down_payment = schedule->down_payment;
  ag->frequency = ar_plan_frequency_to_string (terms.frequency);

  for (guint i = 0; i < schedule->rows->len; i++)
    {
      const ArPlanScheduleRow *row = &g_array_index (schedule->rows, ArPlanScheduleRow, i);
      ArAgreementInstalment instalment = { row->due, row->amount };

      if (row->seq == 0)
        ag->down_payment_due = row->due;
      else
        g_array_append_val (data->instalments, instalment);
    }
  ag->instalments = (const ArAgreementInstalment *) data->instalments->data;
  ag->n_instalments = data->instalments->len;
  ag->grace_days = ar_plan_draft_get_grace_days (draft);
  ag->default_after = ar_plan_draft_get_default_after (draft);

  return g_steal_pointer (&data);
}
