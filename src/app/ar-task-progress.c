/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-task-progress"
#include "config.h"

#include "ar-task-progress.h"

struct _ArTaskProgress
{
  GMutex   lock;      /* done and total change together */
  gboolean reported;
  guint64  done;
  guint64  total;
};

ArTaskProgress *
ar_task_progress_new (void)
{
  ArTaskProgress *self = g_atomic_rc_box_new0 (ArTaskProgress);

  g_mutex_init (&self->lock);
  return self;
}

ArTaskProgress *
ar_task_progress_ref (ArTaskProgress *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

static void
progress_clear (gpointer data)
{
  ArTaskProgress *self = data;

  g_mutex_clear (&self->lock);
}

void
ar_task_progress_unref (ArTaskProgress *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, progress_clear);
}

void
ar_task_progress_update (guint64  done,
                         guint64  total,
                         gpointer user_data)
{
  ArTaskProgress *self = user_data;

  g_return_if_fail (self != NULL);
  g_mutex_lock (&self->lock);
  self->reported = TRUE;
  self->done = done;
  self->total = total;
  g_mutex_unlock (&self->lock);
}

gboolean
ar_task_progress_get (ArTaskProgress *self,
                      guint64        *done,
                      guint64        *total)
{
  gboolean reported;

  g_return_val_if_fail (self != NULL, FALSE);
  g_mutex_lock (&self->lock);
  reported = self->reported;
  if (done != NULL)
    *done = self->done;
  if (total != NULL)
    *total = self->total;
  g_mutex_unlock (&self->lock);
  return reported;
}

double
ar_task_progress_get_fraction (ArTaskProgress *self)
{
  guint64 done, total;

  if (!ar_task_progress_get (self, &done, &total) || total == 0)
    return -1;
  return (double) MIN (done, total) / (double) total;
}
