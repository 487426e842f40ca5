/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-ledger.h"

G_BEGIN_DECLS

/* "Today": the work queue (ar-queue.h) as of today, most urgent first, each item with its
 * one-step actions. The queue is built in a worker on a connection of its own, in two passes:
 * the queue itself, then again with the debtors due their next dunning letter
 * (ar_queue_add_dunning); the view shows the answers of the latest request only. "n-items" is the count the view switcher shows.
 * Emits "open-debtor" (external id) for the window to show the debtor in the accounts view. */

#define AR_TYPE_QUEUE_VIEW (ar_queue_view_get_type ())
G_DECLARE_FINAL_TYPE (ArQueueView, ar_queue_view, AR, QUEUE_VIEW, GtkWidget)

GtkWidget  *ar_queue_view_new        (void);
void        ar_queue_view_set_ledger (ArQueueView *self,
                                      ArLedger    *ledger);
/* Builds the queue again (after a change to the ledger). */
void        ar_queue_view_reload     (ArQueueView *self);
guint       ar_queue_view_get_n_items (ArQueueView *self);
/* TRUE until the first rows of a load are in (the queue without the letters due). */
gboolean    ar_queue_view_get_loading (ArQueueView *self);
/* TRUE once the debtors due their next dunning letter are in too (a second pass, as the
 * dunning preview takes a second or more on a large book). */
gboolean    ar_queue_view_get_complete (ArQueueView *self);
/* The listed debtors' external ids, in the queue's order (for tests). */
char      **ar_queue_view_dup_debtors (ArQueueView *self);
/* Snoozes the debtor until @until, as the row's Snooze button does: a snooze hold (out of
 * dunning runs) and a note with that next action date (off the queue), in one write. */
/* Sends the debtor's dunning letter due today, as the row's letter button does: preview,
 * render and commit for that debtor alone, in a worker; a toast says what happened and
 * offers to open the PDF. */
void        ar_queue_view_send_letter (ArQueueView *self,
                                       const char  *external_id);
guint       ar_queue_view_get_n_letters_pending (ArQueueView *self);
gboolean    ar_queue_view_snooze      (ArQueueView *self,
                                       const char  *external_id,
                                       guint32      until,
                                       const char  *reason,
                                       GError     **error);

G_END_DECLS
