/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-import.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* "Import from CSV Files": choose the debtors, invoices and payments files, map their columns
 * to Arrears columns (guessed from the headers with ar_import_guess_columns(), the choices kept
 * in GSettings for the next time), see the first rows and every problem with its file and line
 * (a dry run of the core importer in a worker thread, started again after every change), then
 * import in a worker thread with a progress bar and Cancel. Import stays disabled while a
 * problem remains. The workers use their own connection to the ledger's file, so the window
 * keeps reading the ledger meanwhile; "imported" is emitted after the commit. */

#define AR_TYPE_IMPORT_DIALOG (ar_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ArImportDialog, ar_import_dialog, AR, IMPORT_DIALOG, AdwWindow)

ArImportDialog *ar_import_dialog_new        (GtkWindow      *parent,
                                             ArLedger       *ledger);

/* Uses @file as the file of @kind (what "Choose…" does), or leaves the kind out for NULL. FALSE
 * (and the file left out) when its header can't be read. */
gboolean        ar_import_dialog_set_file   (ArImportDialog *self,
                                             ArImportKind    kind,
                                             GFile          *file,
                                             GError        **error);

/* For tests. "empty", "checking", "problems", "ready", "importing" or "done". */
const char     *ar_import_dialog_get_state    (ArImportDialog *self);
/* The problems listed, as GtkStringObjects "file:line: field: message". */
GListModel     *ar_import_dialog_get_problems (ArImportDialog *self);
GtkWidget      *ar_import_dialog_get_import_button (ArImportDialog *self);
/* Chooses header @header (NULL: not in the file) for Arrears column @column of @kind. */
void            ar_import_dialog_map_column   (ArImportDialog *self,
                                               ArImportKind    kind,
                                               const char     *column,
                                               const char     *header);

G_END_DECLS
