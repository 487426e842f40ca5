/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ar-export.h"
#include "ar-export-dialog.h"

/* What the worker and the dialog share: the worker writes the file it is at, the dialog's
 * timer reads it. Reference-counted, as either may be the last to let go. */
typedef struct
{
  char           *ledger_path;
  char           *dir;
  gint            file;       /* ArExportFile being written (atomic) */
  ArExportCounts  counts;     /* written by the worker before it returns */
  GError         *error;
  gboolean        ok;
} Job;

struct _ArExportDialog
{
  AdwWindow       parent_instance;

  GtkLabel       *folder_label;
  GtkProgressBar *progress_bar;
  GtkButton      *cancel_button;

  GCancellable   *cancellable;
  Job            *job;
  guint           progress_source;
  const char     *state;
};

G_DEFINE_FINAL_TYPE (ArExportDialog, ar_export_dialog, ADW_TYPE_WINDOW)

enum
{
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
job_clear (Job *job)
{
  g_free (job->ledger_path);
  g_free (job->dir);
  g_clear_error (&job->error);
}

static void
job_release (gpointer job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

/* Called in the worker every thousand rows or so. */
static void
job_progress (ArExportFile file,
              guint64      rows_done,
              gpointer     user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->file, (gint) file);
}

/* The worker opens its own connection to the ledger's file: a connection is used by one
 * thread at a time, and the window goes on reading through its own meanwhile (WAL). */
static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(ArLedger) ledger = ar_ledger_open (job->ledger_path, &job->error);

  if (ledger != NULL)
    job->ok = ar_export_run_full (ledger, job->dir, 0, &job->counts, job_progress, job,
                                  cancellable, &job->error);
  g_task_return_boolean (task, TRUE);
}

static gboolean
progress_cb (gpointer user_data)
{
  ArExportDialog *self = user_data;
  ArExportFile file = (ArExportFile) g_atomic_int_get (&self->job->file);
  g_autofree char *text = NULL;

  if (g_str_equal (self->state, "cancelling"))
    return G_SOURCE_CONTINUE;
  /* Translators: %s is a file name, such as "plans.csv" */
  text = g_strdup_printf (_("Writing %s…"), ar_export_file_name (file));
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) file / AR_EXPORT_N_FILES);
  return G_SOURCE_CONTINUE;
}

static void
job_done_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ArExportDialog) self = user_data;
  Job *job = self->job;
  g_autofree char *message = NULL;
  gboolean cancelled = FALSE;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  self->state = "done";
  if (job->ok)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (job->dir);
      g_autofree char *name = g_file_get_basename (folder);
      guint n = job->counts.rows[AR_EXPORT_DEBTORS];

      /* Translators: the second %s is the folder's name */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Exported %u debtor and all their records to “%s”",
                                              "Exported %u debtors and all their records to “%s”",
                                              n), n, name);
    }
  else if (g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      cancelled = TRUE;
      message = g_strdup (_("Export cancelled; no files were written"));
    }
  else
    message = g_strdup (job->error != NULL ? job->error->message : _("The export failed"));

  g_signal_emit (self, signals[FINISHED], 0, job->ok, cancelled, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ArExportDialog *self = AR_EXPORT_DIALOG (widget);

  if (!g_str_equal (self->state, "exporting"))
    return;
  self->state = "cancelling";
  g_cancellable_cancel (self->cancellable);
  gtk_widget_action_set_enabled (widget, "export.cancel", FALSE);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
}

/* Closing the window is Cancel: it stays until the worker has taken back its files. */
static gboolean
ar_export_dialog_close_request (GtkWindow *window)
{
  ArExportDialog *self = AR_EXPORT_DIALOG (window);

  if (g_str_equal (self->state, "done"))
    return FALSE;
  cancel_action (GTK_WIDGET (self), "export.cancel", NULL);
  return TRUE;
}

static void
ar_export_dialog_dispose (GObject *object)
{
  ArExportDialog *self = AR_EXPORT_DIALOG (object);

  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->job, job_release);
  gtk_widget_dispose_template (GTK_WIDGET (self), AR_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (ar_export_dialog_parent_class)->dispose (object);
}

static void
ar_export_dialog_class_init (ArExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ar_export_dialog_dispose;
  window_class->close_request = ar_export_dialog_close_request;

  /**
   * ArExportDialog::finished:
   * @ok: whether the files were written
   * @cancelled: whether the person cancelled it
   * @message: a sentence saying what happened, for a toast, or the error
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_BOOLEAN,
                                    G_TYPE_BOOLEAN, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ArExportDialog, folder_label);
  gtk_widget_class_bind_template_child (widget_class, ArExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ArExportDialog, cancel_button);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
ar_export_dialog_init (ArExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->state = "exporting";
}

ArExportDialog *
ar_export_dialog_new (GtkWindow *parent,
                      ArLedger  *ledger,
                      GFile     *folder)
{
  ArExportDialog *self;
  g_autoptr(GTask) task = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  Job *job;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  self = g_object_new (AR_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  job = g_atomic_rc_box_new0 (Job);
  job->ledger_path = g_strdup (ar_ledger_get_path (ledger));
  job->dir = g_file_get_path (folder);
  self->job = job;
  self->cancellable = g_cancellable_new ();

  display = g_file_get_parse_name (folder);
  /* Translators: %s is a folder */
  text = g_strdup_printf (_("Writing the debtors, invoices, payments, the journal, contacts, "
                            "contact log, plans, promises, holds and letters sent as CSV files "
                            "into %s."), display);
  gtk_label_set_text (self->folder_label, text);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));

  task = g_task_new (NULL, self->cancellable, job_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, ar_export_dialog_new);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (job), job_release);
  g_task_run_in_thread (task, job_thread);
  self->progress_source = g_timeout_add (100, progress_cb, self);
  return self;
}

const char *
ar_export_dialog_get_state (ArExportDialog *self)
{
  g_return_val_if_fail (AR_IS_EXPORT_DIALOG (self), NULL);
  return self->state;
}
