/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-ledger.h"

G_BEGIN_DECLS

/* A debtor's statement or dunning letter: the PDF is rendered by src/render in a worker
 * thread (on a connection of its own to the ledger file) and its pages are shown as images
 * (rasterized by poppler in the same thread). From the header bar: Save as PDF (a file
 * chooser), Print (GTK's print dialog; ar-pdf-print draws the PDF's pages onto the printer's
 * cairo context) and Open (the system's PDF viewer). A letter has a level chooser, which renders
 * again. */

typedef enum
{
  AR_DOCUMENT_STATEMENT,
  AR_DOCUMENT_LETTER,
} ArDocumentKind;

#define AR_TYPE_DOCUMENT_DIALOG (ar_document_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ArDocumentDialog, ar_document_dialog, AR, DOCUMENT_DIALOG, AdwWindow)

/* @external_id names the saved file ("Statement C000123.pdf"). */
ArDocumentDialog *ar_document_dialog_new             (GtkWindow        *parent,
                                                      ArLedger         *ledger,
                                                      ArDocumentKind    kind,
                                                      gint64            debtor_id,
                                                      const char       *debtor_name,
                                                      const char       *external_id,
                                                      const char       *currency);
/* Opens the print dialog as soon as the document is ready (Ctrl+P). */
void              ar_document_dialog_print_when_ready (ArDocumentDialog *self);
void              ar_document_dialog_set_level       (ArDocumentDialog *self,
                                                      guint             level);

/* What the preview shows: TRUE once rendered, and then its number of pages. */
gboolean          ar_document_dialog_is_ready        (ArDocumentDialog *self);
guint             ar_document_dialog_get_n_pages     (ArDocumentDialog *self);
/* The message shown instead of a preview, or NULL. */
const char       *ar_document_dialog_get_error       (ArDocumentDialog *self);
/* Copies the rendered PDF to @file (what Save does after its file chooser). */
gboolean          ar_document_dialog_save_to         (ArDocumentDialog *self,
                                                      GFile            *file,
                                                      GError          **error);
/* Prints the document through ar_pdf_print_async () (GTK's print dialog; with @export_path,
 * to that PDF file without a dialog, for tests). The finish gives
 * GTK_PRINT_OPERATION_RESULT_APPLY, _CANCEL, or _ERROR with the reason (G_IO_ERROR_PENDING
 * before the document is ready). Print and Ctrl+P show the error as a toast. */
void                    ar_document_dialog_print_async  (ArDocumentDialog    *self,
                                                         const char          *export_path,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GtkPrintOperationResult ar_document_dialog_print_finish (ArDocumentDialog    *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
