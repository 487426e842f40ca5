/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ar-dunning-run.h"
#include "ar-task-progress.h"

G_BEGIN_DECLS

/* The steps of a dunning run (ar-dunning-run.h) in worker threads, for the Dunning and Today
 * views. Each worker opens its own connection to the ledger at @path (the window's ArLedger
 * belongs to the main thread; WAL lets both read, and the commit's write is one transaction).
 * A preview handed to a worker must not be touched by the caller until the task finishes. */

/* Builds the preview as of @as_of; @progress (may be NULL) gets the core's reports
 * (ar_dunning_preview_new_full ()). */
void              ar_dunning_task_preview_async  (const char           *path,
                                                  guint32               as_of,
                                                  ArTaskProgress       *progress,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
ArDunningPreview *ar_dunning_task_preview_finish (GAsyncResult         *result,
                                                  GError              **error);

/* Renders the selected letters of @preview (each gets its document) and returns the batch
 * PDF; NULL with no error when no letter is selected. *@out_warnings (may be NULL) gets the
 * problems that did not stop a letter ("C000123: …"), an array of strings. @progress (may be
 * NULL) gets the letters drawn (ar_doc_dunning_render_full ()). */
void              ar_dunning_task_render_async   (const char           *path,
                                                  ArDunningPreview     *preview,
                                                  ArTaskProgress       *progress,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GBytes           *ar_dunning_task_render_finish  (GAsyncResult         *result,
                                                  guint                *out_n_letters,
                                                  GPtrArray           **out_warnings,
                                                  GError              **error);

/* Commits the selected, rendered proposals of @preview; @progress (may be NULL) gets the
 * core's reports (ar_dunning_run_commit_full ()). */
void              ar_dunning_task_commit_async   (const char           *path,
                                                  ArDunningPreview     *preview,
                                                  ArTaskProgress       *progress,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean          ar_dunning_task_commit_finish  (GAsyncResult         *result,
                                                  ArDunningCommitResult *out_result,
                                                  GError              **error);

/* The whole run for one debtor as of @as_of (the work queue's "send the letter"): preview,
 * only @debtor_id selected, render, commit. Returns the letters' PDF, or NULL with no error
 * when no letter is due for the debtor (*@out_hand_over tells a hand-over, which has none). */
void              ar_dunning_task_letter_async   (const char           *path,
                                                  guint32               as_of,
                                                  gint64                debtor_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GBytes           *ar_dunning_task_letter_finish  (GAsyncResult         *result,
                                                  gboolean             *out_hand_over,
                                                  GError              **error);

G_END_DECLS
