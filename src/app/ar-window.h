/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-export-dialog.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* The main window: a header bar (ledger name, search, the Accounts/Aging switcher, the primary
 * menu) over either an empty state (no ledger, an empty ledger, busy) or the ledger: the
 * account list beside the debtor pane, and the aging view. */

#define AR_TYPE_WINDOW (ar_window_get_type ())
G_DECLARE_FINAL_TYPE (ArWindow, ar_window, AR, WINDOW, AdwApplicationWindow)

ArWindow   *ar_window_new            (GtkApplication *application);
ArLedger   *ar_window_get_ledger     (ArWindow       *self);
/* Shows @ledger (or the welcome page for NULL). FALSE with @error when its account list
 * can't be read; the window then shows what it showed before. */
gboolean    ar_window_set_ledger     (ArWindow       *self,
                                      ArLedger       *ledger,
                                      GError        **error);
/* Shows a spinner and @message instead of the content while a ledger is opened or made;
 * NULL shows the content again. */
void        ar_window_set_busy       (ArWindow       *self,
                                      const char     *message);
gboolean    ar_window_get_busy       (ArWindow       *self);
/* An AdwMessageDialog with @heading and @message (a ledger error's message). */
void        ar_window_show_error     (ArWindow       *self,
                                      const char     *heading,
                                      const char     *message);
void        ar_window_add_toast      (ArWindow       *self,
                                      const char     *title);
/* Cancelled when the window is closed: for work started on the window's behalf. */
GCancellable *ar_window_get_cancellable (ArWindow    *self);
/* What win.export does once a folder is chosen: exports the ledger into @folder in a worker,
 * the progress in a dialog (returned, for tests; NULL without a ledger), the result in a toast
 * or, for an error, a message dialog. */
ArExportDialog *ar_window_export_to  (ArWindow       *self,
                                      GFile          *folder);

/* For tests. */
GtkWidget  *ar_window_get_account_list (ArWindow     *self);
GtkWidget  *ar_window_get_debtor_pane  (ArWindow     *self);
GtkWidget  *ar_window_get_aging_view   (ArWindow     *self);
GtkWidget  *ar_window_get_search_entry (ArWindow     *self);
/* "welcome", "busy", "empty", "main"; within "main", "list" or "no-results". */
const char *ar_window_get_state        (ArWindow     *self);
void        ar_window_show_view        (ArWindow     *self,
                                        const char   *name);
/* Shows debtor @external_id in the accounts view, selected; FALSE when it is not listed. */
gboolean    ar_window_open_debtor      (ArWindow     *self,
                                        const char   *external_id);
GtkWidget  *ar_window_get_queue_view   (ArWindow     *self);
GtkWidget  *ar_window_get_dunning_view (ArWindow     *self);

G_END_DECLS
