/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-ledger.h"

G_BEGIN_DECLS

/* "Exporting the Book": runs ar_export_run_full() into a folder in a worker thread (with its
 * own connection to the ledger's file, so the window keeps reading meanwhile), shows which file
 * it is writing in a progress bar, and offers Cancel (also Escape and closing the window),
 * after which no file is left in the folder. When the export has ended, "finished" is emitted
 * with whether it wrote the files and a sentence for a toast or an error, and the dialog
 * closes itself. */

#define AR_TYPE_EXPORT_DIALOG (ar_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ArExportDialog, ar_export_dialog, AR, EXPORT_DIALOG, AdwWindow)

/* Starts exporting @ledger's file into @folder at once. */
ArExportDialog *ar_export_dialog_new       (GtkWindow      *parent,
                                            ArLedger       *ledger,
                                            GFile          *folder);

/* For tests: "exporting", "cancelling" or "done". */
const char     *ar_export_dialog_get_state (ArExportDialog *self);

G_END_DECLS
