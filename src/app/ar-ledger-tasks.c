/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-ledger-tasks"
#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ar-date.h"
#include "ar-demo.h"
#include "ar-ledger-tasks.h"
#include "ar-plan-status.h"

/* The same seed every time: the demo book is the one the documentation describes. */
#define DEMO_SEED 20261122

typedef struct
{
  char  *path;
  guint  n_debtors;
} DemoJob;

static void
demo_job_free (DemoJob *job)
{
  g_free (job->path);
  g_free (job);
}

/* A plan that completed or defaulted since the book was last open leaves its debtor's status
 * "plan" (those endings are derived, never written); catch up as the book opens, so the list's
 * Status column and the filters tell the truth. Not being able to (a read-only copy) doesn't
 * stop the book from opening. */
static void
settle_plan_statuses (ArLedger *ledger)
{
  g_autoptr(GError) error = NULL;
  GDate today;
  guint changed = 0;

  ar_date_set_today (&today);
  if (!ar_ledger_settle_plan_statuses (ledger, ar_date_to_julian (&today), &changed, &error))
    g_debug ("Could not bring the statuses of ended plans up to date: %s", error->message);
  else if (changed > 0)
    g_debug ("%u debtors whose plans ended are active again", changed);
}

static void
open_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  ArLedger *ledger;

  if (g_task_return_error_if_cancelled (task))
    return;
  ledger = ar_ledger_open (path, &error);
  if (ledger == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  settle_plan_statuses (ledger);
  g_task_return_pointer (task, ledger, g_object_unref);
}

static void
create_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  ArLedger *ledger;

  if (g_task_return_error_if_cancelled (task))
    return;
  ledger = ar_ledger_create (path, &error);
  if (ledger == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ledger, g_object_unref);
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_remove (name);
    }
}

static void
demo_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DemoJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = NULL;
  g_autofree char *dir = g_path_get_dirname (job->path);
  g_autofree char *tmp = g_strconcat (job->path, ".new", NULL);
  GDate today;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Can’t create the folder “%s”: %s"), dir,
                               g_strerror (saved_errno));
      return;
    }

  /* A half-written demo from an earlier attempt is of no use. */
  remove_database (tmp);
  ledger = ar_ledger_create (tmp, &error);
  if (ledger == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ar_date_set_today (&today);
  if (!ar_demo_generate (ledger, job->n_debtors, DEMO_SEED, ar_date_to_julian (&today),
                         cancellable, &error))
    {
      g_clear_object (&ledger);
      remove_database (tmp);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Closing checkpoints the journal into the file, so the file alone is the ledger. */
  g_clear_object (&ledger);

  remove_database (job->path);
  if (g_rename (tmp, job->path) != 0)
    {
      int saved_errno = errno;

      remove_database (tmp);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Can’t write “%s”: %s"), job->path, g_strerror (saved_errno));
      return;
    }
  g_task_return_pointer (task, g_strdup (job->path), g_free);
}

void
ar_ledger_task_open_async (GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ar_ledger_task_open_async);
  g_task_set_task_data (task, g_file_get_path (file), g_free);
  if (g_task_get_task_data (task) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only local files can be opened as ledgers"));
      return;
    }
  g_task_run_in_thread (task, open_worker);
}

ArLedger *
ar_ledger_task_open_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ar_ledger_task_create_async (GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ar_ledger_task_create_async);
  g_task_set_task_data (task, g_file_get_path (file), g_free);
  if (g_task_get_task_data (task) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("A ledger can only be created as a local file"));
      return;
    }
  g_task_run_in_thread (task, create_worker);
}

ArLedger *
ar_ledger_task_create_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ar_ledger_task_demo_async (const char          *path,
                           guint                n_debtors,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DemoJob *job;

  g_return_if_fail (path != NULL);
  g_return_if_fail (n_debtors > 0);

  job = g_new0 (DemoJob, 1);
  job->path = g_strdup (path);
  job->n_debtors = n_debtors;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ar_ledger_task_demo_async);
  g_task_set_task_data (task, job, (GDestroyNotify) demo_job_free);
  g_task_run_in_thread (task, demo_worker);
}

char *
ar_ledger_task_demo_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
ar_ledger_task_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "arrears", "demo.arrears", NULL);
}
