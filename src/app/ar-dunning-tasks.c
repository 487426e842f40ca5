/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-dunning-tasks"
#include "config.h"

#include "ar-doc-dunning.h"
#include "ar-dunning-tasks.h"

typedef struct
{
  char             *path;
  guint32           as_of;
  gint64            debtor_id;
  ArDunningPreview *preview;     /* borrowed from the caller (render, commit) */
  ArTaskProgress   *progress;    /* NULL: nobody watches */
  guint             n_letters;
  GPtrArray        *warnings;    /* char *, from the render */
  gboolean          hand_over;
  ArDunningCommitResult result;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_clear_pointer (&job->progress, ar_task_progress_unref);
  g_clear_pointer (&job->warnings, g_ptr_array_unref);
  g_free (job);
}

static GTask *
job_task (const char          *path,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          Job                **out_job)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->path = g_strdup (path);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* A cancelled run reports "cancelled" even when the worker had finished. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, TRUE);
  *out_job = job;
  return task;
}

/* Preview ---------------------------------------------------------------------------------- */

static void
preview_worker (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = NULL;
  ArDunningPreview *preview;

  if (g_task_return_error_if_cancelled (task))
    return;
  if ((ledger = ar_ledger_open (job->path, &error)) == NULL ||
      (preview = ar_dunning_preview_new_full (ledger, job->as_of,
                                              job->progress != NULL ? ar_task_progress_update
                                                                    : NULL,
                                              job->progress, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, preview, (GDestroyNotify) ar_dunning_preview_free);
}

void
ar_dunning_task_preview_async (const char          *path,
                               guint32              as_of,
                               ArTaskProgress      *progress,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (path != NULL);
  task = job_task (path, ar_dunning_task_preview_async, cancellable, callback, user_data, &job);
  job->as_of = as_of;
  job->progress = progress != NULL ? ar_task_progress_ref (progress) : NULL;
  g_task_run_in_thread (task, preview_worker);
}

ArDunningPreview *
ar_dunning_task_preview_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Render ----------------------------------------------------------------------------------- */

static GBytes *
render (ArLedger          *ledger,
        ArDunningPreview  *preview,
        GCancellable      *cancellable,
        Job               *job,
        GError           **error)
{
  g_clear_pointer (&job->warnings, g_ptr_array_unref);
  job->warnings = g_ptr_array_new_with_free_func (g_free);
  return ar_doc_dunning_render_full (ledger, preview,
                                     job->progress != NULL ? ar_task_progress_update : NULL,
                                     job->progress, cancellable, job->warnings,
                                     &job->n_letters, error);
}

static void
render_worker (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = NULL;
  GBytes *batch;

  if (g_task_return_error_if_cancelled (task))
    return;
  if ((ledger = ar_ledger_open (job->path, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  batch = render (ledger, job->preview, cancellable, job, &error);
  if (batch == NULL && error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, batch, (GDestroyNotify) g_bytes_unref);
}

void
ar_dunning_task_render_async (const char          *path,
                              ArDunningPreview    *preview,
                              ArTaskProgress      *progress,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (path != NULL && preview != NULL);
  task = job_task (path, ar_dunning_task_render_async, cancellable, callback, user_data, &job);
  job->preview = preview;
  job->progress = progress != NULL ? ar_task_progress_ref (progress) : NULL;
  g_task_run_in_thread (task, render_worker);
}

GBytes *
ar_dunning_task_render_finish (GAsyncResult  *result,
                               guint         *out_n_letters,
                               GPtrArray    **out_warnings,
                               GError       **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  job = g_task_get_task_data (G_TASK (result));
  if (out_n_letters != NULL)
    *out_n_letters = job->n_letters;
  if (out_warnings != NULL)
    *out_warnings = job->warnings != NULL ? g_ptr_array_ref (job->warnings) : NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Commit ----------------------------------------------------------------------------------- */

static void
commit_worker (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = NULL;

  /* Past this point the commit is not cancelled: it is one transaction, all or nothing. */
  if (g_task_return_error_if_cancelled (task))
    return;
  if ((ledger = ar_ledger_open (job->path, &error)) == NULL ||
      !ar_dunning_run_commit_full (ledger, job->preview,
                                   job->progress != NULL ? ar_task_progress_update : NULL,
                                   job->progress, &job->result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
ar_dunning_task_commit_async (const char          *path,
                              ArDunningPreview    *preview,
                              ArTaskProgress      *progress,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (path != NULL && preview != NULL);
  task = job_task (path, ar_dunning_task_commit_async, cancellable, callback, user_data, &job);
  job->preview = preview;
  job->progress = progress != NULL ? ar_task_progress_ref (progress) : NULL;
  /* Once started, a commit finishes: its result must reach the caller. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, commit_worker);
}

gboolean
ar_dunning_task_commit_finish (GAsyncResult           *result,
                               ArDunningCommitResult  *out_result,
                               GError                **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  job = g_task_get_task_data (G_TASK (result));
  if (out_result != NULL)
    *out_result = job->result;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* One debtor's letter ---------------------------------------------------------------------- */

static void
letter_worker (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(ArDunningPreview) preview = NULL;
  g_autoptr(GBytes) batch = NULL;
  ArDunningCommitResult result;
  guint n_selected = 0;

  if (g_task_return_error_if_cancelled (task))
    return;
  if ((ledger = ar_ledger_open (job->path, &error)) == NULL ||
      (preview = ar_dunning_preview_new (ledger, job->as_of, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
    {
      ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, i);

      p->selected = p->selected && p->debtor_id == job->debtor_id &&
                    p->outcome == AR_DUNNING_PROPOSED;
      if (p->selected)
        {
          n_selected++;
          job->hand_over = job->hand_over || p->hand_over;
        }
    }
  if (n_selected == 0)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  batch = render (ledger, preview, cancellable, job, &error);
  if ((batch == NULL && error != NULL) ||
      g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !ar_dunning_run_commit (ledger, preview, &result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&batch), (GDestroyNotify) g_bytes_unref);
}

void
ar_dunning_task_letter_async (const char          *path,
                              guint32              as_of,
                              gint64               debtor_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (path != NULL);
  task = job_task (path, ar_dunning_task_letter_async, cancellable, callback, user_data, &job);
  job->as_of = as_of;
  job->debtor_id = debtor_id;
  g_task_run_in_thread (task, letter_worker);
}

GBytes *
ar_dunning_task_letter_finish (GAsyncResult  *result,
                               gboolean      *out_hand_over,
                               GError       **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  job = g_task_get_task_data (G_TASK (result));
  if (out_hand_over != NULL)
    *out_hand_over = job->hand_over;
  return g_task_propagate_pointer (G_TASK (result), error);
}
