/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-ledger.h"
#include "ar-rates-warning.h"

G_BEGIN_DECLS

/* "Dunning": a dunning run in the window (ar-dunning-run.h). Preview as of a date (in a
 * worker, with progress and Cancel) → deselect letters → Create Letters (the batch PDF, in a
 * worker) → Save as PDF or Open it → Commit (after a confirmation naming what is posted).
 * Nothing is written before Commit; changing the selection after the letters were made asks
 * for them again, so the ledger keeps exactly the letters that were shown. */

#define AR_TYPE_DUNNING_VIEW (ar_dunning_view_get_type ())
G_DECLARE_FINAL_TYPE (ArDunningView, ar_dunning_view, AR, DUNNING_VIEW, GtkWidget)

GtkWidget  *ar_dunning_view_new         (void);
void        ar_dunning_view_set_ledger  (ArDunningView *self,
                                         ArLedger      *ledger);

/* The state the view is in: "idle" (no preview), "previewing", "preview" (proposals shown),
 * "rendering", "letters" (the batch is made), "committing", "committed". For tests and the
 * screenshots; each change notifies "state". */
const char *ar_dunning_view_get_state   (ArDunningView *self);
void        ar_dunning_view_set_as_of   (ArDunningView *self,
                                         guint32        as_of);
/* What the progress bar shows while a worker runs (its fraction; a preview's is the core's
 * report, read every 100 ms) and the label beside it (*@text may be NULL). */
double      ar_dunning_view_get_progress (ArDunningView  *self,
                                          const char    **text);
/* What the buttons do. */
void        ar_dunning_view_preview     (ArDunningView *self);
void        ar_dunning_view_create_letters (ArDunningView *self);
/* Commits without asking (the Commit button asks first). */
void        ar_dunning_view_commit      (ArDunningView *self);
void        ar_dunning_view_cancel      (ArDunningView *self);
/* Unticks or ticks the letter(s) of debtor @external_id, as its check box does. */
gboolean    ar_dunning_view_set_selected (ArDunningView *self,
                                          const char    *external_id,
                                          gboolean       selected);
guint       ar_dunning_view_get_n_proposed (ArDunningView *self);
guint       ar_dunning_view_get_n_excluded (ArDunningView *self);
/* The batch PDF of the letters made (NULL before Create Letters). */
GBytes     *ar_dunning_view_get_letters (ArDunningView *self);
/* The warning that statutory interest lacks today's reference rate; its button activates
 * win.reference-rates. */
ArRatesWarning *ar_dunning_view_get_rates_warning (ArDunningView *self);
/* Prints the batch through ar_pdf_print_async () (what Print does: GTK's print dialog; with
 * @export_path, to that PDF without a dialog, for tests). The finish gives
 * GTK_PRINT_OPERATION_RESULT_APPLY, _CANCEL, or _ERROR with the reason. */
void        ar_dunning_view_print_async (ArDunningView       *self,
                                         const char          *export_path,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GtkPrintOperationResult ar_dunning_view_print_finish (ArDunningView  *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);
/* The text the Commit confirmation shows. */
char       *ar_dunning_view_dup_commit_summary (ArDunningView *self);

G_END_DECLS
