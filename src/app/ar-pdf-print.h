/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Prints a PDF the window made (a statement, a letter, a plan agreement, a dunning batch)
 * through GtkPrintOperation: GTK's print dialog (the print portal in a Flatpak), then each page
 * drawn by poppler onto the printer's cairo context when GTK asks for it, so a batch of
 * hundreds of pages is never rasterized up front. The document is parsed once; the paper is
 * its first page's size; GTK's own progress window shows while pages are drawn.
 *
 * With @export_path, the pages go to that PDF file without a dialog
 * (GTK_PRINT_OPERATION_ACTION_EXPORT), which the tests use. */
void                    ar_pdf_print_async  (GBytes              *pdf,
                                             const char          *job_name,
                                             GtkWindow           *parent,
                                             const char          *export_path,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* GTK_PRINT_OPERATION_RESULT_APPLY when the pages were sent (or exported),
 * GTK_PRINT_OPERATION_RESULT_CANCEL when the person cancelled the dialog (or @cancellable
 * was cancelled), GTK_PRINT_OPERATION_RESULT_ERROR with @error saying what failed
 * ("Can’t print “Letters”: …"). */
GtkPrintOperationResult ar_pdf_print_finish (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
