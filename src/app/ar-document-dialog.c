/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-document-dialog"
#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "ar-date.h"
#include "ar-doc-letter.h"
#include "ar-doc-statement.h"
#include "ar-document-dialog.h"
#include "ar-form.h"
#include "ar-page-raster.h"
#include "ar-pdf-print.h"
#include "ar-template.h"

/* poppler-glib 22.12 (Debian bookworm) declares no g_autoptr cleanups, and later versions
 * may: these are local names so the two never clash. */
typedef PopplerDocument ArPopplerDocument;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArPopplerDocument, g_object_unref)

/* The preview's resolution: 1.15 × 72 dpi puts a Letter page at 704 pixels wide (A4 at 684),
 * shown at that size (a viewport gives its child only its minimum height, so a page that may
 * shrink would be squashed), which still fits the dialog in an 800-pixel wide screen. */
#define PREVIEW_SCALE 1.15
/* A letter's payment deadline, as the CLI's default: long enough for a final demand. */
#define LETTER_DEADLINE_DAYS 14

struct _ArDocumentDialog
{
  AdwWindow        parent_instance;

  /* Template children. */
  AdwToastOverlay *toast_overlay;
  GtkDropDown     *level_dropdown;
  GtkWidget       *print_button;
  GtkWidget       *save_button;
  GtkWidget       *open_button;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkLabel        *loading_label;
  AdwStatusPage   *error_page;
  GtkBox          *pages_box;

  char            *ledger_path;
  ArDocumentKind   kind;
  gint64           debtor_id;
  char            *external_id;
  char             currency[4];
  guint            level;

  char            *tmp_dir;       /* owned directory, removed with the dialog */
  char            *pdf_path;      /* the rendered document, in @tmp_dir; NULL until ready */
  guint            n_pages;
  char            *error;
  GCancellable    *cancellable;   /* the render in progress */
  gboolean         print_when_ready;
  gboolean         disposed;        /* a print finishing later has nowhere to report */
};

G_DEFINE_FINAL_TYPE (ArDocumentDialog, ar_document_dialog, ADW_TYPE_WINDOW)

/* The worker ------------------------------------------------------------------------------ */

typedef struct
{
  char           *ledger_path;
  ArDocumentKind  kind;
  gint64          debtor_id;
  char            currency[4];
  guint           level;
  guint32         today;
  char           *pdf_path;
} RenderJob;

typedef struct
{
  GPtrArray *pages;   /* ArPageRaster */
} RenderResult;

static void
render_job_free (RenderJob *job)
{
  g_free (job->ledger_path);
  g_free (job->pdf_path);
  g_free (job);
}

static void
render_result_free (RenderResult *result)
{
  g_ptr_array_unref (result->pages);
  g_free (result);
}

/* The statement's default period, as the CLI's: the month of @to and the two before it. */
static guint32
statement_from (guint32 to)
{
  GDate date, first;

  ar_date_from_julian (to, &date);
  g_date_set_day (&date, 1);
  ar_date_add_months_clamped (&date, -2, &first);
  return ar_date_to_julian (&first);
}

static gboolean
write_document (RenderJob     *job,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(ArLedger) ledger = NULL;

  /* The window's connection belongs to the main thread: the worker reads the file through a
   * connection of its own, which sees everything committed. */
  ledger = ar_ledger_open (job->ledger_path, error);
  if (ledger == NULL)
    return FALSE;

  if (job->kind == AR_DOCUMENT_STATEMENT)
    return ar_doc_statement_write (ledger, job->debtor_id, job->currency,
                                   statement_from (job->today), job->today, TRUE, job->pdf_path,
                                   NULL, error);
  else
    {
      g_auto(ArDocLettersResult) result = { 0 };
      ArDocLettersOptions options = {
        .as_of = job->today, .level = job->level, .deadline_days = LETTER_DEADLINE_DAYS,
        .currency = job->currency, .debtor_ids = &job->debtor_id, .n_debtor_ids = 1,
      };

      ar_doc_letters_result_init (&result);
      if (!ar_doc_letters_write_batch (ledger, &options, job->pdf_path, NULL, NULL, cancellable,
                                       &result, error))
        return FALSE;
      if (result.n_letters == 0)
        {
          g_set_error_literal (error, AR_DOC_LETTER_ERROR, AR_DOC_LETTER_ERROR_INVALID,
                               _("Nothing this debtor owes is overdue, so there is no letter "
                                 "to write."));
          return FALSE;
        }
      return TRUE;
    }
}

/* Rasterizes every page of the PDF at @path for the preview. */
static GPtrArray *
rasterize (const char  *path,
           GError     **error)
{
  g_autoptr(ArPopplerDocument) document = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, error);

  if (uri == NULL)
    return NULL;
  document = poppler_document_new_from_file (uri, NULL, error);
  if (document == NULL)
    return NULL;
  return ar_page_raster_document (document, PREVIEW_SCALE, NULL);
}

static void
render_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  g_autoptr(GError) error = NULL;
  RenderResult *result;
  GPtrArray *pages;

  g_unlink (job->pdf_path);
  if (!write_document (job, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  pages = rasterize (job->pdf_path, &error);
  if (pages == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = g_new0 (RenderResult, 1);
  result->pages = pages;
  g_task_return_pointer (task, result, (GDestroyNotify) render_result_free);
}

/* The dialog ------------------------------------------------------------------------------ */

static void
set_ready (ArDocumentDialog *self,
           gboolean          ready)
{
  gtk_widget_set_sensitive (self->print_button, ready);
  gtk_widget_set_sensitive (self->save_button, ready);
  gtk_widget_set_sensitive (self->open_button, ready);
}

static void
clear_pages (ArDocumentDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))) != NULL)
    gtk_box_remove (self->pages_box, child);
  self->n_pages = 0;
}

static void
show_error (ArDocumentDialog *self,
            const char       *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_spinner_stop (self->spinner);
}

static void
toast (ArDocumentDialog *self,
       const char       *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void print_document (ArDocumentDialog *self);

static void
render_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(ArDocumentDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  RenderResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  clear_pages (self);
  for (guint i = 0; i < result->pages->len; i++)
    {
      g_autoptr(GdkTexture) texture =
        ar_page_raster_texture (g_ptr_array_index (result->pages, i));
      g_autofree char *name = NULL;
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
      gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (picture, "document-page");
      /* Translators: the accessible name of a page in the preview: "Page 1 of 2" */
      name = g_strdup_printf (_("Page %u of %u"), i + 1, result->pages->len);
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      gtk_box_append (self->pages_box, picture);
    }
  self->n_pages = result->pages->len;
  render_result_free (result);

  g_free (self->error);
  self->error = NULL;
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  set_ready (self, TRUE);

  if (self->print_when_ready)
    {
      self->print_when_ready = FALSE;
      print_document (self);
    }
}

static void
start_render (ArDocumentDialog *self)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;
  g_autofree char *name = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->pdf_path, g_free);
  set_ready (self, FALSE);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  /* Each render writes a file of its own, so a cancelled one can't overwrite the next. */
  name = g_strdup_printf ("document-%u.pdf", g_random_int ());
  job = g_new0 (RenderJob, 1);
  job->ledger_path = g_strdup (self->ledger_path);
  job->kind = self->kind;
  job->debtor_id = self->debtor_id;
  g_strlcpy (job->currency, self->currency, sizeof job->currency);
  job->level = self->level;
  job->today = ar_form_today ();
  job->pdf_path = g_build_filename (self->tmp_dir, name, NULL);

  task = g_task_new (NULL, self->cancellable, render_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  g_object_set_data_full (G_OBJECT (task), "pdf-path", g_strdup (job->pdf_path), g_free);
  g_task_run_in_thread (task, render_worker);
  self->pdf_path = g_strdup (job->pdf_path);
}

static char *
suggested_name (ArDocumentDialog *self)
{
  g_autofree char *stem = ar_doc_letter_file_stem (self->external_id);

  if (self->kind == AR_DOCUMENT_STATEMENT)
    /* Translators: the file name a saved statement gets: "Statement C000123.pdf" */
    return g_strdup_printf (_("Statement %s.pdf"), stem);
  /* Translators: the file name a saved letter gets: "Letter C000123.pdf" */
  return g_strdup_printf (_("Letter %s.pdf"), stem);
}

static void
on_save_response_cb (ArDocumentDialog     *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (!ar_document_dialog_save_to (self, file, &error))
        toast (self, error->message);
      else
        toast (self, _("Saved"));
    }
  g_object_unref (chooser);
}

static void
on_save_clicked_cb (ArDocumentDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = suggested_name (self);

  chooser = gtk_file_chooser_native_new (_("Save as PDF"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
print_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ArDocumentDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ar_document_dialog_print_finish (self, result, &error) == GTK_PRINT_OPERATION_RESULT_ERROR
      && !self->disposed && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
}

/* Not cancelled with the preview's renders: a new level or a closed dialog leaves the pages
 * already on their way to the printer alone. */
static void
print_document (ArDocumentDialog *self)
{
  ar_document_dialog_print_async (self, NULL, NULL, print_done_cb,
                                  g_object_ref (self));
}

static void
on_print_clicked_cb (ArDocumentDialog *self)
{
  print_document (self);
}

static void
launch_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ArDocumentDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    toast (self, error->message);
}

/* The viewer gets a copy in the cache folder that outlives the dialog (it may still be
 * reading it when the dialog closes); the next document of the same name replaces it. */
static void
on_open_clicked_cb (ArDocumentDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "arrears", "documents", NULL);
  g_autofree char *name = suggested_name (self);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *message = g_strdup_printf (_("Can’t create the folder “%s”: %s"), dir,
                                                  g_strerror (saved_errno));

      toast (self, message);
      return;
    }
  if (!ar_document_dialog_save_to (self, file, &error))
    {
      toast (self, error->message);
      return;
    }
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, launch_cb, g_object_ref (self));
}

static void
on_level_selected_cb (ArDocumentDialog *self)
{
  guint level = gtk_drop_down_get_selected (self->level_dropdown) + AR_TEMPLATE_MIN_LEVEL;

  if (level != self->level)
    {
      self->level = level;
      start_render (self);
    }
}

static gboolean
save_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  ArDocumentDialog *self = AR_DOCUMENT_DIALOG (widget);

  if (!ar_document_dialog_is_ready (self))
    return FALSE;
  on_save_clicked_cb (self);
  return TRUE;
}

static void
ar_document_dialog_dispose (GObject *object)
{
  ArDocumentDialog *self = (ArDocumentDialog *) object;

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (ar_document_dialog_parent_class)->dispose (object);
}

/* The temporary folder and what is in it (the renders; nothing else is written there). */
static void
remove_tmp_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
ar_document_dialog_finalize (GObject *object)
{
  ArDocumentDialog *self = (ArDocumentDialog *) object;

  if (self->tmp_dir != NULL)
    remove_tmp_dir (self->tmp_dir);
  g_free (self->tmp_dir);
  g_free (self->pdf_path);
  g_free (self->ledger_path);
  g_free (self->external_id);
  g_free (self->error);
  G_OBJECT_CLASS (ar_document_dialog_parent_class)->finalize (object);
}

static void
ar_document_dialog_class_init (ArDocumentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_document_dialog_dispose;
  object_class->finalize = ar_document_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-document-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ArDocumentDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ArDocumentDialog, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ArDocumentDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, ArDocumentDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ArDocumentDialog, open_button);
  gtk_widget_class_bind_template_child (widget_class, ArDocumentDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ArDocumentDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ArDocumentDialog, loading_label);
  gtk_widget_class_bind_template_child (widget_class, ArDocumentDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, ArDocumentDialog, pages_box);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_print_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  /* Ctrl+P prints (Print is the default widget), Ctrl+S saves. */
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "activate-default", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut_cb, NULL);
}

static void
ar_document_dialog_init (ArDocumentDialog *self)
{
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint level = AR_TEMPLATE_MIN_LEVEL; level <= AR_TEMPLATE_BUILTIN_LEVELS; level++)
    {
      g_autofree char *name = ar_template_level_name (level);

      gtk_string_list_append (levels, name);
    }
  gtk_drop_down_set_model (self->level_dropdown, G_LIST_MODEL (levels));
  self->level = AR_TEMPLATE_MIN_LEVEL;
}

ArDocumentDialog *
ar_document_dialog_new (GtkWindow      *parent,
                        ArLedger       *ledger,
                        ArDocumentKind  kind,
                        gint64          debtor_id,
                        const char     *debtor_name,
                        const char     *external_id,
                        const char     *currency)
{
  ArDocumentDialog *self;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (ar_currency_is_valid (currency), NULL);

  self = g_object_new (AR_TYPE_DOCUMENT_DIALOG, "transient-for", parent, NULL);
  self->ledger_path = g_strdup (ar_ledger_get_path (ledger));
  self->kind = kind;
  self->debtor_id = debtor_id;
  self->external_id = g_strdup (external_id);
  g_strlcpy (self->currency, currency, sizeof self->currency);

  if (kind == AR_DOCUMENT_STATEMENT)
    /* Translators: the dialog's title: "Statement for Jane Doe" */
    title = g_strdup_printf (_("Statement for %s"), debtor_name);
  else
    /* Translators: the dialog's title: "Letter to Jane Doe" */
    title = g_strdup_printf (_("Letter to %s"), debtor_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->loading_label, kind == AR_DOCUMENT_STATEMENT
                                           ? _("Preparing the statement…")
                                           : _("Preparing the letter…"));
  gtk_widget_set_visible (GTK_WIDGET (self->level_dropdown), kind == AR_DOCUMENT_LETTER);
  g_signal_connect_swapped (self->level_dropdown, "notify::selected",
                            G_CALLBACK (on_level_selected_cb), self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->print_button);

  self->tmp_dir = g_dir_make_tmp ("arrears-document-XXXXXX", &error);
  if (self->tmp_dir == NULL)
    show_error (self, error->message);
  else
    start_render (self);
  return self;
}

void
ar_document_dialog_print_when_ready (ArDocumentDialog *self)
{
  g_return_if_fail (AR_IS_DOCUMENT_DIALOG (self));

  if (ar_document_dialog_is_ready (self))
    print_document (self);
  else
    self->print_when_ready = TRUE;
}

void
ar_document_dialog_set_level (ArDocumentDialog *self,
                              guint             level)
{
  g_return_if_fail (AR_IS_DOCUMENT_DIALOG (self));
  g_return_if_fail (level >= AR_TEMPLATE_MIN_LEVEL && level <= AR_TEMPLATE_BUILTIN_LEVELS);

  gtk_drop_down_set_selected (self->level_dropdown, level - AR_TEMPLATE_MIN_LEVEL);
}

gboolean
ar_document_dialog_is_ready (ArDocumentDialog *self)
{
  g_return_val_if_fail (AR_IS_DOCUMENT_DIALOG (self), FALSE);
  return gtk_widget_get_sensitive (self->save_button);
}

guint
ar_document_dialog_get_n_pages (ArDocumentDialog *self)
{
  g_return_val_if_fail (AR_IS_DOCUMENT_DIALOG (self), 0);
  return self->n_pages;
}

const char *
ar_document_dialog_get_error (ArDocumentDialog *self)
{
  g_return_val_if_fail (AR_IS_DOCUMENT_DIALOG (self), NULL);
  return self->error;
}

gboolean
ar_document_dialog_save_to (ArDocumentDialog  *self,
                            GFile             *file,
                            GError           **error)
{
  g_autoptr(GFile) source = NULL;

  g_return_val_if_fail (AR_IS_DOCUMENT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!ar_document_dialog_is_ready (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("The document is not ready yet"));
      return FALSE;
    }
  source = g_file_new_for_path (self->pdf_path);
  /* The file chooser has asked before replacing a file. */
  return g_file_copy (source, file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
}

/* Printing goes through ar-pdf-print (GtkPrintOperation, pages drawn by poppler as GTK asks
 * for them): the print portal in the Flatpak, a PDF file without a dialog in the tests. */
void
ar_document_dialog_print_async (ArDocumentDialog    *self,
                                const char          *export_path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *job_name = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_if_fail (AR_IS_DOCUMENT_DIALOG (self));

  if (!ar_document_dialog_is_ready (self))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, ar_document_dialog_print_async);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The document is not ready yet"));
      return;
    }
  if (!g_file_get_contents (self->pdf_path, &contents, &length, &error))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, ar_document_dialog_print_async);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  pdf = g_bytes_new_take (g_steal_pointer (&contents), length);
  job_name = suggested_name (self);
  ar_pdf_print_async (pdf, job_name, GTK_WINDOW (self), export_path, cancellable, callback,
                      user_data);
}

GtkPrintOperationResult
ar_document_dialog_print_finish (ArDocumentDialog  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (AR_IS_DOCUMENT_DIALOG (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  if (g_async_result_is_tagged (result, ar_document_dialog_print_async))
    {
      g_task_propagate_boolean (G_TASK (result), error);
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  return ar_pdf_print_finish (result, error);
}
