/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-pdf-print"
#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "ar-pdf-print.h"

/* GtkPrintOperation rather than GtkPrintUnixDialog sending the file as it is: it goes through
 * the print portal in the Flatpak (GtkPrintUnixDialog needs CUPS itself), and it can print to
 * a file without a dialog. The pages printed are the PDF's pages, drawn by poppler at the
 * printer's resolution (poppler_page_render_for_printing), not pictures of them. */

typedef struct
{
  PopplerDocument   *document;
  GtkPrintOperation *operation;    /* kept until the task is done with */
  char              *job_name;
  gboolean           finished;     /* "done" was emitted: the task has its result */
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->document);
  g_clear_object (&job->operation);
  g_free (job->job_name);
  g_free (job);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              GTask             *task)
{
  PrintJob *job = g_task_get_task_data (task);
  PopplerPage *page;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double w, h, scale;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      gtk_print_operation_cancel (operation);
      return;
    }
  /* One page at a time, when GTK asks for it: poppler keeps the parsed document, the page's
   * objects go with the page. */
  page = poppler_document_get_page (job->document, page_nr);
  if (page == NULL)
    return;
  poppler_page_get_size (page, &w, &h);
  /* Fit the page into what the printer offers, keeping its proportions. */
  scale = MIN (gtk_print_context_get_width (context) / w,
               gtk_print_context_get_height (context) / h);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  g_object_unref (page);
}

static void
return_error (GTask      *task,
              const char *job_name,
              GError     *error)
{
  /* Translators: %s is what was printed ("Dunning letters"), then the reason. */
  g_task_return_new_error (task, error->domain, error->code, _("Can’t print “%s”: %s"),
                           job_name, error->message);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         GTask                   *task)
{
  PrintJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (job->finished)
    return;
  job->finished = TRUE;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error == NULL)
        error = g_error_new_literal (GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                                     _("the printing system gave no reason"));
      return_error (task, job->job_name, error);
    }
  else
    g_task_return_int (task, result);
  /* The operation holds the task until here; the task holds the document. */
  g_signal_handlers_disconnect_by_data (operation, task);
  g_object_unref (task);
}

void
ar_pdf_print_async (GBytes              *pdf,
                    const char          *job_name,
                    GtkWindow           *parent,
                    const char          *export_path,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GError) error = NULL;
  PopplerPage *first;
  PrintJob *job;
  GtkPrintOperationResult result;
  double w, h;

  g_return_if_fail (pdf != NULL);
  g_return_if_fail (job_name != NULL);
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, ar_pdf_print_async);
  /* A cancelled print is a result (CANCEL), not an error. */
  g_task_set_check_cancellable (task, FALSE);
  job = g_new0 (PrintJob, 1);
  job->job_name = g_strdup (job_name);
  g_task_set_task_data (task, job, (GDestroyNotify) print_job_free);

  /* Parsed once for the whole run (poppler keeps a reference to the bytes). */
  job->document = poppler_document_new_from_bytes (pdf, NULL, &error);
  if (job->document == NULL)
    {
      return_error (task, job_name, error);
      return;
    }
  if (poppler_document_get_n_pages (job->document) < 1)
    {
      g_autoptr(GError) empty = g_error_new_literal (GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                                                     _("the document has no pages"));

      return_error (task, job_name, empty);
      return;
    }

  /* The paper the document was laid out on (A4 or Letter, from the company's country). */
  first = poppler_document_get_page (job->document, 0);
  poppler_page_get_size (first, &w, &h);
  g_object_unref (first);
  paper = gtk_paper_size_new_custom ("arrears-document", _("Document"), w, h, GTK_UNIT_POINTS);
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);

  operation = gtk_print_operation_new ();
  job->operation = g_object_ref (operation);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (job->document));
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* GTK's "Printing n" window with its Cancel, after a second of drawing: a batch of
   * letters takes a while. */
  gtk_print_operation_set_show_progress (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), task);
  /* "done" comes on every path (printed, cancelled, failed), during run () for an export and
   * later for the dialog; until then the operation keeps the task alive. */
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), g_object_ref (task));
  result = gtk_print_operation_run (operation,
                                    export_path != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                        : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, &error);
  if (!job->finished && result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      /* Refused before it started: no "done" will come. */
      job->finished = TRUE;
      g_signal_handlers_disconnect_by_data (operation, task);
      if (error == NULL)
        error = g_error_new_literal (GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                                     _("the printing system gave no reason"));
      return_error (task, job_name, error);
      g_object_unref (task);
    }
}

GtkPrintOperationResult
ar_pdf_print_finish (GAsyncResult  *result,
                     GError       **error)
{
  GError *local = NULL;
  gssize value;

  g_return_val_if_fail (G_IS_TASK (result), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (g_async_result_is_tagged (result, ar_pdf_print_async),
                        GTK_PRINT_OPERATION_RESULT_ERROR);

  value = g_task_propagate_int (G_TASK (result), &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  return (GtkPrintOperationResult) value;
}
