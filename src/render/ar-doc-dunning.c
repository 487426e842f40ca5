/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-doc-dunning"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ar-activity.h"
#include "ar-date.h"
#include "ar-doc-common.h"
#include "ar-doc-dunning.h"
#include "ar-doc-letter.h"

/* The letter data of @p: as of the run's date, every overdue item, less the items on hold,
 * plus the charges the letter makes. */
static ArLetterData *
build_data (ArLedger *ledger, ArDunningPreview *preview, const ArDunningProposal *p,
            GError **error)
{
  g_autoptr(ArLetterData) data = NULL;

  data = ar_letter_data_build (ledger, p->debtor_id, p->currency,
                               ar_dunning_preview_get_as_of (preview), p->deadline_days, 0,
                               error);
  if (data == NULL)
    return NULL;
  for (guint i = 0; i < p->n_items; i++)
    {
      const ArDunningItem *it = ar_dunning_preview_get_item (preview, p->first_item + i);

      if (it->on_hold && it->invoice_id != 0)
        ar_letter_data_leave_out (data, it->invoice_id);
    }
  for (guint i = 0; i < p->n_items; i++)
    {
      const ArDunningItem *it = ar_dunning_preview_get_item (preview, p->first_item + i);
      g_autofree char *fee = NULL, *interest = NULL, *compensation = NULL;

      /* Translators: a line of a dunning letter: the fee this letter charges. */
      fee = g_strdup_printf (_("Dunning fee, level %u"), it->next_level);
      /* Translators: a line of a dunning letter: the interest this letter charges. */
      interest = g_strdup_printf (_("Interest, level %u"), it->next_level);
      /* Translators: a line of a dunning letter: the statutory fixed sum for a late payment. */
      compensation = g_strdup_printf (_("Late payment compensation, level %u"), it->next_level);
      /* In the order the commit posts them. */
      if ((it->fee > 0 &&
           !ar_letter_data_add_charge (data, AR_ENTRY_FEE, it->invoice_id, it->invoice_number,
                                       fee, it->fee, error)) ||
          (it->interest > 0 &&
           !ar_letter_data_add_charge (data, AR_ENTRY_INTEREST, it->invoice_id,
                                       it->invoice_number, interest, it->interest, error)) ||
          (it->compensation > 0 &&
           !ar_letter_data_add_charge (data, AR_ENTRY_FEE, it->invoice_id, it->invoice_number,
                                       compensation, it->compensation, error)))
        return NULL;
    }
  if (!ar_letter_data_validate (data, error))
    return NULL;
  return g_steal_pointer (&data);
}

GBytes *
ar_doc_dunning_render (ArLedger *ledger, ArDunningPreview *preview, GCancellable *cancellable,
                       GPtrArray *warnings, guint *out_n_letters, GError **error)
{
  return ar_doc_dunning_render_full (ledger, preview, NULL, NULL, cancellable, warnings,
                                     out_n_letters, error);
}

static gboolean
is_letter (const ArDunningProposal *p)
{
  return p->selected && p->outcome == AR_DUNNING_PROPOSED && !p->hand_over;
}

GBytes *
ar_doc_dunning_render_full (ArLedger *ledger, ArDunningPreview *preview,
                            ArDunningProgressFunc progress, gpointer progress_data,
                            GCancellable *cancellable, GPtrArray *warnings,
                            guint *out_n_letters, GError **error)
{
  GBytes *result;
  g_autoptr(ArPdf) batch = NULL;
  g_autoptr(GBytes) logo = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *mime = NULL;
  gboolean have_paper = FALSE;
  ArPdfPaper paper = AR_PDF_PAPER_A4;
  guint n_letters = 0;
  guint64 total = 0;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (preview != NULL, NULL);

  if (out_n_letters != NULL)
    *out_n_letters = 0;
  logo = ar_ledger_get_company_logo (ledger, &mime, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (progress != NULL)
    {
      for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
        total += is_letter (ar_dunning_preview_get_proposal (preview, i));
      progress (0, total, progress_data);
    }

  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
    {
      ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, i);
      g_autoptr(ArLetterData) data = NULL;
      g_autoptr(ArLetterTemplate) tmpl = NULL;
      g_autoptr(ArPdf) single = NULL;
      g_autoptr(GBytes) bytes = NULL;
      const char * const *pdf_warnings;
      guint n_warnings = 0;

      if (!is_letter (p))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      data = build_data (ledger, preview, p, &local_error);
      if (data != NULL)
        tmpl = ar_template_lookup (ledger, p->template_level, data->debtor.language,
                                   &local_error);
      if (tmpl != NULL && !have_paper)
        {
          paper = ar_doc_paper_for_ledger (ledger, &data->company);
          have_paper = TRUE;
          batch = ar_pdf_new (paper, &local_error);
          if (batch != NULL)
            ar_pdf_set_metadata (batch, _("Dunning letters"), data->company.name, NULL);
        }
      if (tmpl != NULL && (have_paper && batch != NULL))
        single = ar_pdf_new (paper, &local_error);
      if (single != NULL &&
          ar_doc_letter_render (single, data, tmpl, logo, &local_error) &&
          ar_doc_letter_render (batch, data, tmpl, logo, &local_error))
        bytes = ar_pdf_save_to_bytes (single, &local_error);
      if (bytes == NULL)
        {
          g_set_error (error, local_error->domain, local_error->code, "%s: %s",
                       p->external_id, local_error->message);
          return NULL;
        }
      ar_dunning_proposal_set_document (p, bytes);
      /* A letter takes a few milliseconds: every 8th is report enough. */
      if (++n_letters % 8 == 0 && progress != NULL)
        progress (n_letters, total, progress_data);

      pdf_warnings = ar_pdf_get_warnings (single, &n_warnings);
      for (guint w = 0; warnings != NULL && w < n_warnings; w++)
        g_ptr_array_add (warnings, g_strdup_printf ("%s: %s", p->external_id, pdf_warnings[w]));
      if (warnings != NULL && !data->debtor.has_address)
        g_ptr_array_add (warnings, g_strdup_printf (_("%s: no usable postal address: the "
                                                      "envelope window shows only the name"),
                                                    p->external_id));
    }
  if (out_n_letters != NULL)
    *out_n_letters = n_letters;
  if (batch == NULL)
    return NULL;
  result = ar_pdf_save_to_bytes (batch, error);
  if (result != NULL && progress != NULL)
    progress (total, total, progress_data);
  return result;
}
