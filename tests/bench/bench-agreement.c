/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "ar-date.h"
#include "ar-doc-agreement-plan.h"
#include "ar-plan.h"

/* The plan wizard's agreement step, in one run, median of N rounds each:
 *  (a) reading the agreement's figures from the ledger and the draft (ar_agreement_data_new),
 *      the only part on the main thread;
 *  (b) rendering the PDF (ar_doc_agreement_to_bytes) and (c) rasterizing its pages with
 *      poppler at the preview's 1.5 px a point, both on the worker;
 * for 3 monthly and 36 weekly instalments, and (d) the same render in the debtor's language
 * (a per-thread locale switch) against the book's. Target: (a) under 5 % of (a + b + c), so
 * the step never blocks the window noticeably.
 *
 *   bench-agreement [--rounds N] */

static int rounds = 20;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static int
compare (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare);
  return g_array_index (times, double, times->len / 2);
}

static void
rasterize (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (pdf, NULL, &error);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      cairo_surface_t *surface;
      cairo_t *cr;
      double w, h;

      poppler_page_get_size (page, &w, &h);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (w * 1.5), (int) (h * 1.5));
      cr = cairo_create (surface);
      cairo_scale (cr, 1.5, 1.5);
      poppler_page_render (page, cr);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      g_object_unref (page);
    }
  g_object_unref (document);
}

typedef struct
{
  double data, render, raster;
} Times;

static void
measure (ArLedger *ledger, ArPlanDraft *draft, const char *language, Times *out)
{
  g_autoptr(GArray) data_t = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) render_t = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raster_t = g_array_new (FALSE, FALSE, sizeof (double));

  for (int r = 0; r < rounds; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ArAgreementData) data = NULL;
      g_autoptr(GBytes) pdf = NULL;
      double t0 = now (), t1, t2, t3;

      data = ar_agreement_data_new (ledger, draft, &error);
      g_assert_no_error (error);
      t1 = now ();
      data->agreement.debtor.language = language;
      pdf = ar_doc_agreement_to_bytes (&data->agreement, data->paper, data->logo, &error);
      g_assert_no_error (error);
      t2 = now ();
      rasterize (pdf);
      t3 = now ();
      g_array_append_vals (data_t, (double[]) { t1 - t0 }, 1);
      g_array_append_vals (render_t, (double[]) { t2 - t1 }, 1);
      g_array_append_vals (raster_t, (double[]) { t3 - t2 }, 1);
    }
  out->data = median (data_t);
  out->render = median (render_t);
  out->raster = median (raster_t);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(ArPlanDraft) draft = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Rounds per measurement", "N" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  ArCompanyInfo company = { 0 };
  ArDebtorInfo debtor = { 0 };
  Times short_plan, long_plan, german;
  guint32 today;
  gint64 debtor_id;
  GDate date;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  ar_date_set_today (&date);
  today = ar_date_to_julian (&date);
  dir = g_dir_make_tmp ("bench-agreement-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.arrears", NULL);
  ledger = ar_ledger_create (path, &error);
  g_assert_no_error (error);
  company.legal_name = "Bright Smile Dental LLC";
  company.address_line1 = "12 Main Street";
  company.city = "Springfield";
  company.country = "US";
  company.default_currency = "USD";
  company.payment_instructions = "Pay by check or bank transfer.";
  g_assert_true (ar_ledger_set_company (ledger, &company, &error));
  debtor.external_id = "C-1";
  debtor.name = "Jane Doe";
  debtor.kind = AR_DEBTOR_CONSUMER;
  g_assert_true (ar_ledger_add_debtor (ledger, &debtor, &debtor_id, &error));
  for (int i = 0; i < 12; i++)
    {
      g_autofree char *number = g_strdup_printf ("INV-%d", 1000 + i);
      ArInvoiceInfo invoice = { debtor_id, number, today - 90 + i, today - 60 + i, "USD",
                                10000 + 100 * i, "Treatment", NULL };

      g_assert_true (ar_ledger_add_invoice (ledger, &invoice, NULL, &error));
    }
  g_assert_no_error (error);

  draft = ar_plan_draft_new (ledger, debtor_id, "USD", today, &error);
  g_assert_no_error (error);
  ar_plan_draft_set_n_instalments (draft, 3);
  ar_plan_draft_set_frequency (draft, AR_PLAN_MONTHLY);
  ar_plan_draft_set_first_due (draft, today + 30);
  measure (ledger, draft, "", &short_plan);
  ar_plan_draft_set_n_instalments (draft, 36);
  ar_plan_draft_set_frequency (draft, AR_PLAN_WEEKLY);
  measure (ledger, draft, "", &long_plan);
  measure (ledger, draft, "de", &german);

  g_print ("agreement, 3 instalments:  data %.2f ms, render %.2f ms, rasterize %.2f ms; "
           "main thread %.1f %% of the step\n",
           short_plan.data * 1e3, short_plan.render * 1e3, short_plan.raster * 1e3,
           100.0 * short_plan.data / (short_plan.data + short_plan.render + short_plan.raster));
  g_print ("agreement, 36 instalments: data %.2f ms, render %.2f ms, rasterize %.2f ms; "
           "main thread %.1f %% of the step\n",
           long_plan.data * 1e3, long_plan.render * 1e3, long_plan.raster * 1e3,
           100.0 * long_plan.data / (long_plan.data + long_plan.render + long_plan.raster));
  g_print ("render 36 / 3 instalments: %.2f×; in German (per-thread locale) / the book's "
           "locale: %.2f×\n",
           long_plan.render / short_plan.render, german.render / long_plan.render);

  g_clear_object (&ledger);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  FcFini ();
  return 0;
}
