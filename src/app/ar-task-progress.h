/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How far a worker has got, handed to the main thread without a message per report: the worker
 * calls ar_task_progress_update () (it has the signature of the core's progress callbacks,
 * ArDunningProgressFunc and ArImportProgressFunc, so it is passed to them as is, with the
 * ArTaskProgress as their data), and the window reads the latest figures from a timer it already
 * runs (the Dunning view's, every 100 ms). However often the core reports, the window redraws
 * at the timer's pace. Each run gets its own ArTaskProgress, so a cancelled worker still
 * finishing can't move the next run's bar. Reference counted; any thread. */
typedef struct _ArTaskProgress ArTaskProgress;

ArTaskProgress *ar_task_progress_new      (void);
ArTaskProgress *ar_task_progress_ref      (ArTaskProgress *self);
void            ar_task_progress_unref    (ArTaskProgress *self);
/* @user_data is the ArTaskProgress. */
void            ar_task_progress_update   (guint64         done,
                                           guint64         total,
                                           gpointer        user_data);
/* The last figures reported; FALSE before the first report (then *@done and *@total are 0). */
gboolean        ar_task_progress_get      (ArTaskProgress *self,
                                           guint64        *done,
                                           guint64        *total);
/* done / total in [0, 1]; a negative number before the first report or while the total is 0
 * (the bar pulses then). */
double          ar_task_progress_get_fraction (ArTaskProgress *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArTaskProgress, ar_task_progress_unref)

G_END_DECLS
