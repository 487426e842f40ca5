/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-queue-view"
#include "config.h"

#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ar-contact-dialog.h"
#include "ar-date.h"
#include "ar-dunning-tasks.h"
#include "ar-hold.h"
#include "ar-money.h"
#include "ar-queue.h"
#include "ar-queue-view.h"

/* One row: a copy of an ArQueueItem with its texts made for people. ----------------------- */

#define AR_TYPE_QUEUE_ROW (ar_queue_row_get_type ())
G_DECLARE_FINAL_TYPE (ArQueueRow, ar_queue_row, AR, QUEUE_ROW, GObject)

struct _ArQueueRow
{
  GObject         parent_instance;
  ArQueueKind     kind;
  gint64          debtor_id;
  char           *external_id;
  char           *name;
  char           *reason;
  char           *amount;
  guint           days_overdue;
  ArQueueActions  actions;
};

G_DEFINE_FINAL_TYPE (ArQueueRow, ar_queue_row, G_TYPE_OBJECT)

static void
ar_queue_row_finalize (GObject *object)
{
  ArQueueRow *self = (ArQueueRow *) object;

  g_free (self->external_id);
  g_free (self->name);
  g_free (self->reason);
  g_free (self->amount);
  G_OBJECT_CLASS (ar_queue_row_parent_class)->finalize (object);
}

static void
ar_queue_row_class_init (ArQueueRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ar_queue_row_finalize;
}

static void
ar_queue_row_init (ArQueueRow *self)
{
}

/* Why the item is in the queue, in a sentence. */
static char *
item_reason (const ArQueueItem *item,
             GArray            *levels)
{
  char since[11] = "";
  const char *detail = item->detail != NULL ? item->detail : "";

  if (item->since != 0)
    ar_date_format_julian (item->since, since);
  switch (item->kind)
    {
    case AR_QUEUE_FOLLOW_UP:
      if (item->detail != NULL && item->detail[0] != '\0')
        /* Translators: a follow-up's date, then the summary of the contact that set it. */
        return g_strdup_printf (_("Due %s: %s"), since, item->detail);
      return g_strdup_printf (_("Follow-up due %s"), since);
    case AR_QUEUE_READY_FOR_AGENCY:
      return g_strdup (_("Past the last dunning level: hand the account to the agency"));
    case AR_QUEUE_PROMISE_BROKEN:
      /* Translators: the day a promise to pay broke, then what was promised. */
      return g_strdup_printf (_("Broken %s: %s"), since, detail);
    case AR_QUEUE_INSTALMENT_MISSED:
      /* Translators: the day an instalment was missed, then how many are missed. */
      return g_strdup_printf (_("Missed %s: %s"), since, detail);
    case AR_QUEUE_PROMISE_DUE:
      return g_strdup_printf (_("Promised for today: %s"), detail);
    case AR_QUEUE_DUNNING_DUE:
      /* source_id is the level proposed: its name says which letter. */
      if (levels != NULL && item->source_id >= 1 && item->source_id <= levels->len)
        {
          g_autofree char *name = ar_dunning_level_get_name (
            &g_array_index (levels, ArDunningLevel, item->source_id - 1));

          /* Translators: a dunning level's name ("Friendly reminder") is due. */
          return g_strdup_printf (_("%s due"), name);
        }
      return g_strdup (detail[0] != '\0' ? detail : _("Next dunning letter due"));
    case AR_QUEUE_HOLD_ENDING:
      /* Translators: the last day of a dunning hold, then its reason. */
      return g_strdup_printf (_("Hold ends %s: %s"), since, detail);
    case AR_N_QUEUE_KINDS:
    default:
      break;
    }
  return g_strdup (detail);
}

static ArQueueRow *
ar_queue_row_new (const ArQueueItem *item,
                  GArray            *levels)
{
  ArQueueRow *self = g_object_new (AR_TYPE_QUEUE_ROW, NULL);

  self->kind = item->kind;
  self->debtor_id = item->debtor_id;
  self->external_id = g_strdup (item->debtor_external_id);
  self->name = g_strdup (item->debtor_name);
  self->reason = item_reason (item, levels);
  self->amount = item->currency[0] != '\0' ? ar_money_format (item->overdue, item->currency)
                                           : g_strdup ("–");
  self->days_overdue = item->days_overdue;
  self->actions = item->actions;
  return self;
}

/* The view --------------------------------------------------------------------------------- */

struct _ArQueueView
{
  GtkWidget       parent_instance;

  /* Template children. */
  GtkStack       *stack;
  GtkListView    *list_view;
  GtkLabel       *summary_label;

  ArLedger       *ledger;
  GListStore     *rows;
  GCancellable   *cancellable;     /* the load under way */
  GCancellable   *letters;         /* letters under way, cancelled with the view */
  guint32         as_of;
  gboolean        loading;         /* the first pass: no rows of this load yet */
  gboolean        completing;      /* a pass is under way (the second adds letters due) */
  gboolean        shown_complete;  /* the rows shown came from a second pass */
  guint           n_letters;       /* letters under way */
  guint           n_hidden;        /* the actions past the MAX_ROWS shown */
};

G_DEFINE_FINAL_TYPE (ArQueueView, ar_queue_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_N_ITEMS, PROP_LOADING, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { OPEN_DEBTOR, LEDGER_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static guint32
today (void)
{
  GDate date;

  ar_date_set_today (&date);
  return ar_date_to_julian (&date);
}

static void
set_loading (ArQueueView *self,
             gboolean     loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The view lists the most urgent actions only: nobody works through more than a few hundred
 * calls and letters in a day (the Dunning view sends letters by the batch), and on a book of a
 * million debtors the queue holds over half a million, whose rows took 150 MiB (bench-window).
 * The count of them all stays in the summary and the sidebar's badge. */
#define MAX_ROWS 1000

static void
update_page (ArQueueView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  if (n == 0)
    gtk_stack_set_visible_child_name (self->stack, self->loading ? "loading" : "empty");
  else
    {
      g_autofree char *summary = NULL;
      char date[11];

      ar_date_format_julian (self->as_of, date);
      if (self->n_hidden > 0)
        /* Translators: "1,000 most urgent of 254,321 actions for 2026-11-22". */
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The %u most urgent of %u action for %s",
                                                "The %u most urgent of %u actions for %s",
                                                n + self->n_hidden),
                                   n, n + self->n_hidden, date);
      else
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u action for %s, most urgent first",
                                                "%u actions for %s, most urgent first", n),
                                   n, date);
      gtk_label_set_text (self->summary_label, summary);
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
}

/* Loading ---------------------------------------------------------------------------------- */

typedef struct
{
  char     *path;
  guint32   as_of;
  gboolean  with_dunning;   /* the second pass: the debtors due their next letter too */
  guint     n_total;        /* the queue's actions, of which the first MAX_ROWS are rows */
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  g_free (job);
}

/* The window's ledger belongs to the main thread: the worker reads through its own. */
static void
load_worker (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GArray) levels = NULL;
  GPtrArray *rows;
  ArQueue *queue;

  if (g_task_return_error_if_cancelled (task))
    return;
  if ((ledger = ar_ledger_open (job->path, &error)) == NULL ||
      (queue = ar_queue_build (ledger, job->as_of, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->with_dunning)
    {
      /* Finding who is due a letter is a pass over every overdue item (a second or more on a
       * large book): the rows are shown without it first, and this pass adds the letters
       * due, keeping of the dunning preview only who is due which level. */
      if (!ar_queue_add_dunning_due (queue, ledger, cancellable, &error))
        {
          ar_queue_free (queue);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* The level names for the letters due. */
      levels = ar_dunning_levels_load (ledger, NULL);
    }
  /* The rows are made here too: tens of thousands of them on a large book would stall the
   * main loop, which only splices them in. */
  job->as_of = ar_queue_get_as_of (queue);
  job->n_total = ar_queue_get_n_items (queue);
  rows = g_ptr_array_new_full (MIN (job->n_total, MAX_ROWS), g_object_unref);
  for (guint i = 0; i < MIN (job->n_total, MAX_ROWS); i++)
    g_ptr_array_add (rows, ar_queue_row_new (ar_queue_get_item (queue, i), levels));
  ar_queue_free (queue);
  g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

static void start_load (ArQueueView *self,
                        gboolean     with_dunning);

/* The worker's queue (at a million debtors over half a million items and their strings) was
 * freed in the worker's own malloc arena, which glibc keeps: the window stayed 45 MiB larger
 * for good, the next pass's worker could take another arena and add its own, and a sort's
 * scratch came on top (bench-window: a peak of 280 MiB). Once a pass's rows are in place, the
 * free pages go back to the system. */
static gboolean
release_memory_cb (gpointer user_data)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ArQueueView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  gboolean second = job->with_dunning;
  guint before, total_before;

  rows = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer load replaced it */
  if (second)
    {
      g_clear_object (&self->cancellable);
      self->completing = FALSE;
    }
  set_loading (self, FALSE);
  if (rows == NULL)
    {
      g_warning ("Could not build the work queue: %s", error->message);
      self->completing = FALSE;
      g_clear_object (&self->cancellable);
      update_page (self);
      return;
    }

  self->as_of = job->as_of;
  before = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  /* A reload keeps the complete list until the second pass replaces it (replacing tens of
   * thousands of rows twice would be felt); the first pass only fills an empty view. */
  if (!second && self->shown_complete)
    {
      start_load (self, TRUE);
      return;
    }
  self->shown_complete = second;
  total_before = before + self->n_hidden;
  self->n_hidden = job->n_total - rows->len;
  g_list_store_splice (self->rows, 0, before, rows->pdata, rows->len);
  if (total_before != job->n_total)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  update_page (self);
  /* Before the next pass: its worker may take another arena than the last one. */
  release_memory_cb (NULL);
  if (!second)
    start_load (self, TRUE);
}

/* One pass of the loader in a worker: the queue, or (@with_dunning) the queue with the
 * debtors due their next dunning letter. */
static void
start_load (ArQueueView *self,
            gboolean     with_dunning)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job = g_new0 (LoadJob, 1);

  job->path = g_strdup (ar_ledger_get_path (self->ledger));
  job->as_of = today ();
  job->with_dunning = with_dunning;
  self->completing = TRUE;
  task = g_task_new (NULL, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, ar_queue_view_reload);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, load_worker);
}

void
ar_queue_view_reload (ArQueueView *self)
{

  g_return_if_fail (AR_IS_QUEUE_VIEW (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->ledger == NULL)
    {
      guint before = g_list_model_get_n_items (G_LIST_MODEL (self->rows)) + self->n_hidden;

      g_list_store_remove_all (self->rows);
      self->n_hidden = 0;
      self->shown_complete = FALSE;
      set_loading (self, FALSE);
      if (before != 0)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      update_page (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  update_page (self);
  start_load (self, FALSE);
}

/* Actions ---------------------------------------------------------------------------------- */

/* Done at once: the rows of @debtor_id (only its letters due when @only_letters) leave before
 * the reload that confirms it. */
static void
remove_debtor_rows (ArQueueView *self,
                    gint64       debtor_id,
                    gboolean     only_letters)
{
  guint before = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = before; i > 0; i--)
    {
      g_autoptr(ArQueueRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i - 1);

      if (row->debtor_id == debtor_id && (!only_letters || row->kind == AR_QUEUE_DUNNING_DUE))
        g_list_store_remove (self->rows, i - 1);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->rows)) != before)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      update_page (self);
    }
}

static ArQueueRow *
row_of (GtkWidget *button)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (button), "list-item");

  return list_item != NULL ? gtk_list_item_get_item (list_item) : NULL;
}

static ArQueueView *
view_of (GtkWidget *widget)
{
  return AR_QUEUE_VIEW (gtk_widget_get_ancestor (widget, AR_TYPE_QUEUE_VIEW));
}

static void
add_toast (ArQueueView *self,
           AdwToast    *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
on_contact_logged_cb (ArContactDialog *dialog,
                      gint64           activity_id,
                      ArQueueView     *self)
{
  gint64 debtor_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "debtor-id"));

  ar_queue_view_reload (self);
  g_signal_emit (self, signals[LEDGER_CHANGED], 0, debtor_id);
}

static void
on_call_clicked_cb (GtkButton *button)
{
  ArQueueView *self = view_of (GTK_WIDGET (button));
  ArQueueRow *row = row_of (GTK_WIDGET (button));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ArContactDialog *dialog;

  if (row == NULL || self->ledger == NULL)
    return;
  dialog = ar_contact_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->ledger,
                                  row->debtor_id, row->name);
  /* A logged contact with no follow-up date, or a later one, is what makes the item done. */
  g_object_set_data (G_OBJECT (dialog), "debtor-id", GSIZE_TO_POINTER ((gsize) row->debtor_id));
  g_signal_connect_object (dialog, "logged", G_CALLBACK (on_contact_logged_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_open_clicked_cb (GtkButton *button)
{
  ArQueueView *self = view_of (GTK_WIDGET (button));
  ArQueueRow *row = row_of (GTK_WIDGET (button));

  if (row != NULL)
    g_signal_emit (self, signals[OPEN_DEBTOR], 0, row->external_id);
}

typedef struct
{
  ArQueueView *view;
  gint64       debtor_id;
  char        *name;
} LetterJob;

static void
letter_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LetterJob *job = user_data;
  ArQueueView *self = job->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *message = NULL;
  gboolean hand_over = FALSE;

  pdf = ar_dunning_task_letter_finish (result, &hand_over, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup_printf (_("Could not send the letter to %s: %s"), job->name,
                                   error->message);
    }
  else if (pdf != NULL)
    {
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "arrears", "letters",
                                               NULL);
      g_autofree char *file = NULL;
      char date[11];
      g_autofree char *base = NULL;

      /* The ledger keeps the exact letter; this copy is for printing it now. */
      ar_date_format_julian (today (), date);
      base = g_strdup_printf ("%s-%s.pdf", job->name, date);
      g_strdelimit (base, "/\\", '-');
      file = g_build_filename (dir, base, NULL);
      if (g_mkdir_with_parents (dir, 0700) == 0 &&
          g_file_set_contents (file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL))
        {
          g_autoptr(GFile) gfile = g_file_new_for_path (file);
          g_autofree char *uri = g_file_get_uri (gfile);
          AdwToast *toast;

          message = g_strdup_printf (_("Letter to %s recorded as sent"), job->name);
          toast = adw_toast_new (message);
          adw_toast_set_button_label (toast, _("_Open"));
          adw_toast_set_action_name (toast, "queue.open-file");
          adw_toast_set_action_target (toast, "s", uri);
          add_toast (self, toast);
          g_clear_pointer (&message, g_free);
        }
      else
        message = g_strdup_printf (_("Letter to %s recorded as sent"), job->name);
    }
  else if (hand_over)
    message = g_strdup_printf (_("%s marked ready for the agency"), job->name);
  if (error == NULL && (pdf != NULL || hand_over))
    remove_debtor_rows (self, job->debtor_id, TRUE);
  else
    message = g_strdup_printf (_("No letter is due for %s today"), job->name);

  if (message != NULL)
    add_toast (self, adw_toast_new (message));
  self->n_letters--;
  ar_queue_view_reload (self);
  g_signal_emit (self, signals[LEDGER_CHANGED], 0, job->debtor_id);
  g_object_unref (job->view);
  g_free (job->name);
  g_free (job);
}

void
ar_queue_view_send_letter (ArQueueView *self,
                           const char  *external_id)
{
  LetterJob *job;

  g_return_if_fail (AR_IS_QUEUE_VIEW (self));
  g_return_if_fail (self->ledger != NULL);

  job = g_new0 (LetterJob, 1);
  job->view = g_object_ref (self);
  job->debtor_id = ar_ledger_lookup_debtor (self->ledger, external_id);
  job->name = g_strdup (external_id);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    {
      g_autoptr(ArQueueRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (g_str_equal (row->external_id, external_id))
        {
          g_free (job->name);
          job->name = g_strdup (row->name);
        }
    }
  self->n_letters++;
  ar_dunning_task_letter_async (ar_ledger_get_path (self->ledger), today (), job->debtor_id,
                                self->letters, letter_done_cb, job);
}

static void
on_letter_clicked_cb (GtkButton *button)
{
  ArQueueView *self = view_of (GTK_WIDGET (button));
  ArQueueRow *row = row_of (GTK_WIDGET (button));

  if (row == NULL || self->ledger == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  ar_queue_view_send_letter (self, row->external_id);
}

guint
ar_queue_view_get_n_letters_pending (ArQueueView *self)
{
  g_return_val_if_fail (AR_IS_QUEUE_VIEW (self), 0);
  return self->n_letters;
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

gboolean
ar_queue_view_snooze (ArQueueView  *self,
                      const char   *external_id,
                      guint32       until,
                      const char   *reason,
                      GError      **error)
{
  ArHoldInfo info = { 0 };
  guint32 day = today ();

  g_return_val_if_fail (AR_IS_QUEUE_VIEW (self), FALSE);
  g_return_val_if_fail (self->ledger != NULL, FALSE);

  info.debtor_id = ar_ledger_lookup_debtor (self->ledger, external_id);
  info.kind = AR_HOLD_SNOOZE;
  info.reason = reason;
  info.start = day;
  info.until = until;
  /* One write: the snooze keeps the debtor out of dunning runs (ar-hold.h), and the note whose
   * next action date is @until takes every item off the queue until then (ar-queue.h). */
  if (!ar_ledger_begin (self->ledger, "queue-snooze", error))
    return FALSE;
  if (!ar_hold_place (self->ledger, &info, NULL, error) ||
      !ar_queue_snooze (self->ledger, info.debtor_id, day, until, reason, error) ||
      !ar_ledger_commit (self->ledger, error))
    {
      ar_ledger_rollback (self->ledger);
      return FALSE;
    }
  remove_debtor_rows (self, info.debtor_id, FALSE);
  ar_queue_view_reload (self);
  g_signal_emit (self, signals[LEDGER_CHANGED], 0, info.debtor_id);
  return TRUE;
}

static guint32
julian_of (GDateTime *dt)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  return ar_date_to_julian (&date);
}

static void
on_snooze_confirm_cb (GtkButton *button)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  GtkCalendar *calendar = g_object_get_data (G_OBJECT (popover), "calendar");
  GtkEditable *reason = g_object_get_data (G_OBJECT (popover), "reason");
  GtkLabel *problem = g_object_get_data (G_OBJECT (popover), "problem");
  GtkWidget *menu_button = gtk_widget_get_ancestor (popover, GTK_TYPE_MENU_BUTTON);
  ArQueueView *self = view_of (menu_button);
  ArQueueRow *row = row_of (menu_button);
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));
  guint32 until = julian_of (dt);
  char date[11];

  if (row == NULL)
    return;
  if (until <= today ())
    {
      gtk_label_set_text (problem, _("Choose a day after today"));
      gtk_widget_set_visible (GTK_WIDGET (problem), TRUE);
      return;
    }
  if (text[0] == '\0')
    {
      gtk_label_set_text (problem, _("Say why, for whoever picks it up"));
      gtk_widget_set_visible (GTK_WIDGET (problem), TRUE);
      return;
    }
  name = g_strdup (row->name);
  if (!ar_queue_view_snooze (self, row->external_id, until, text, &error))
    {
      gtk_label_set_text (problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (problem), TRUE);
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (popover));
  message = g_strdup_printf (_("%s snoozed until %s"), name,
                             ar_date_format_julian (until, date));
  add_toast (self, adw_toast_new (message));
}

/* Each time it opens: a week from today, the default reason, no problem shown. */
static void
on_snooze_popover_show_cb (GtkPopover *popover)
{
  GtkCalendar *calendar = g_object_get_data (G_OBJECT (popover), "calendar");
  GtkEditable *reason = g_object_get_data (G_OBJECT (popover), "reason");
  GtkWidget *problem = g_object_get_data (G_OBJECT (popover), "problem");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) week = g_date_time_add_days (now, 7);

  gtk_calendar_select_day (calendar, week);
  gtk_editable_set_text (reason, _("Snoozed from Today"));
  gtk_widget_set_visible (problem, FALSE);
}

static GtkWidget *
snooze_popover (void)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Snooze Until"));
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *reason = gtk_entry_new ();
  GtkWidget *problem = gtk_label_new (NULL);
  GtkWidget *confirm = gtk_button_new_with_mnemonic (_("_Snooze"));

  gtk_widget_add_css_class (title, "heading");
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for the snooze"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Snooze until"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (reason), TRUE);
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (problem), 30);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_set_visible (problem, FALSE);
  gtk_widget_add_css_class (confirm, "suggested-action");
  g_signal_connect (confirm, "clicked", G_CALLBACK (on_snooze_confirm_cb), NULL);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), calendar);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_box_append (GTK_BOX (box), problem);
  gtk_box_append (GTK_BOX (box), confirm);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), confirm);
  g_object_set_data (G_OBJECT (popover), "calendar", calendar);
  g_object_set_data (G_OBJECT (popover), "reason", reason);
  g_object_set_data (G_OBJECT (popover), "problem", problem);
  g_signal_connect (popover, "show", G_CALLBACK (on_snooze_popover_show_cb), NULL);
  return popover;
}

static void
create_snooze_popover (GtkMenuButton *button,
                       gpointer       user_data)
{
  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_popover (button, snooze_popover ());
}

/* Rows ------------------------------------------------------------------------------------- */

enum { W_KIND, W_NAME, W_REASON, W_AMOUNT, W_DAYS, W_CALL, W_LETTER, W_SNOOZE, W_OPEN, N_W };

static GtkWidget *
icon_button (GType        type,
             const char  *icon,
             const char  *label,
             GtkListItem *list_item)
{
  GtkWidget *button = g_object_new (type, "icon-name", icon, "tooltip-text", label,
                                    "valign", GTK_ALIGN_CENTER, NULL);

  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data (G_OBJECT (button), "list-item", list_item);
  return button;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *kind;
  GtkWidget **w = g_new0 (GtkWidget *, N_W);

  /* The pill is as wide as its text; the box keeps the column. */
  kind = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_size_request (kind, 150, -1);
  w[W_KIND] = gtk_label_new (NULL);
  gtk_widget_set_halign (w[W_KIND], GTK_ALIGN_START);
  gtk_widget_set_valign (w[W_KIND], GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (kind), w[W_KIND]);
  gtk_widget_add_css_class (w[W_KIND], "queue-kind");
  gtk_widget_add_css_class (w[W_KIND], "caption-heading");

  w[W_NAME] = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w[W_NAME]), 0);
  gtk_label_set_ellipsize (GTK_LABEL (w[W_NAME]), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (w[W_NAME], "heading");
  w[W_REASON] = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w[W_REASON]), 0);
  gtk_label_set_ellipsize (GTK_LABEL (w[W_REASON]), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (w[W_REASON], "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), w[W_NAME]);
  gtk_box_append (GTK_BOX (text), w[W_REASON]);

  w[W_AMOUNT] = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w[W_AMOUNT]), 1);
  gtk_label_set_width_chars (GTK_LABEL (w[W_AMOUNT]), 12);
  gtk_widget_add_css_class (w[W_AMOUNT], "numeric");
  w[W_DAYS] = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w[W_DAYS]), 1);
  gtk_label_set_width_chars (GTK_LABEL (w[W_DAYS]), 9);
  gtk_widget_add_css_class (w[W_DAYS], "numeric");
  gtk_widget_add_css_class (w[W_DAYS], "dim-label");

  w[W_CALL] = icon_button (GTK_TYPE_BUTTON, "call-start-symbolic", _("Call and Log the Outcome"),
                           list_item);
  g_signal_connect (w[W_CALL], "clicked", G_CALLBACK (on_call_clicked_cb), NULL);
  w[W_LETTER] = icon_button (GTK_TYPE_BUTTON, "mail-send-symbolic", _("Send the Letter"),
                             list_item);
  g_signal_connect (w[W_LETTER], "clicked", G_CALLBACK (on_letter_clicked_cb), NULL);
  w[W_SNOOZE] = icon_button (GTK_TYPE_MENU_BUTTON, "alarm-symbolic", _("Snooze"), list_item);
  /* A calendar per row would cost more than the rest of the row: made when first opened. */
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (w[W_SNOOZE]), create_snooze_popover,
                                         NULL, NULL);
  w[W_OPEN] = icon_button (GTK_TYPE_BUTTON, "go-next-symbolic", _("Open the Debtor"),
                           list_item);
  g_signal_connect (w[W_OPEN], "clicked", G_CALLBACK (on_open_clicked_cb), NULL);
  for (guint i = W_CALL; i <= W_OPEN; i++)
    gtk_box_append (GTK_BOX (buttons), w[i]);

  gtk_box_append (GTK_BOX (row), kind);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), w[W_AMOUNT]);
  gtk_box_append (GTK_BOX (row), w[W_DAYS]);
  gtk_box_append (GTK_BOX (row), buttons);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 6);
  g_object_set_data_full (G_OBJECT (row), "widgets", w, g_free);
  gtk_list_item_set_child (list_item, row);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  ArQueueRow *row = gtk_list_item_get_item (list_item);
  GtkWidget **w = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "widgets");
  g_autofree char *days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days",
                                                        row->days_overdue),
                                           row->days_overdue);
  g_autofree char *accessible = NULL;

  gtk_label_set_text (GTK_LABEL (w[W_KIND]), ar_queue_kind_to_label (row->kind));
  /* Something went wrong (a broken promise, a missed instalment, the agency) or simply
   * came due. */
  gtk_widget_set_css_classes (w[W_KIND], (const char *[]) {
    "queue-kind", "caption-heading",
    row->kind == AR_QUEUE_READY_FOR_AGENCY || row->kind == AR_QUEUE_PROMISE_BROKEN ||
    row->kind == AR_QUEUE_INSTALMENT_MISSED ? "agency" : "follow-up", NULL });
  gtk_label_set_text (GTK_LABEL (w[W_NAME]), row->name);
  gtk_label_set_text (GTK_LABEL (w[W_REASON]), row->reason);
  gtk_widget_set_tooltip_text (w[W_REASON], row->reason);
  gtk_label_set_text (GTK_LABEL (w[W_AMOUNT]), row->amount);
  gtk_label_set_text (GTK_LABEL (w[W_DAYS]), days);
  gtk_widget_set_sensitive (w[W_CALL], (row->actions & AR_QUEUE_ACTION_CALL) != 0);
  gtk_widget_set_sensitive (w[W_LETTER], (row->actions & AR_QUEUE_ACTION_LETTER) != 0);
  gtk_widget_set_sensitive (w[W_SNOOZE], (row->actions & AR_QUEUE_ACTION_SNOOZE) != 0);
  gtk_widget_set_sensitive (w[W_OPEN], (row->actions & AR_QUEUE_ACTION_OPEN) != 0);
  accessible = g_strdup_printf ("%s, %s, %s, %s, %s", ar_queue_kind_to_label (row->kind),
                                row->name, row->amount, days, row->reason);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (list_item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
ar_queue_view_map (GtkWidget *widget)
{
  ArQueueView *self = AR_QUEUE_VIEW (widget);

  GTK_WIDGET_CLASS (ar_queue_view_parent_class)->map (widget);
  /* Shown again: whatever changed elsewhere in the window (a payment, a contact) counts. */
  if (self->ledger != NULL && !self->completing)
    ar_queue_view_reload (self);
}

static void
ar_queue_view_dispose (GObject *object)
{
  ArQueueView *self = (ArQueueView *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->letters);
  gtk_widget_dispose_template (GTK_WIDGET (self), AR_TYPE_QUEUE_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->letters);
  g_clear_object (&self->ledger);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (ar_queue_view_parent_class)->dispose (object);
}

static void
ar_queue_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ArQueueView *self = AR_QUEUE_VIEW (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, ar_queue_view_get_n_items (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_queue_view_class_init (ArQueueViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_queue_view_dispose;
  object_class->get_property = ar_queue_view_get_property;
  widget_class->map = ar_queue_view_map;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_DEBTOR] =
    g_signal_new ("open-debtor", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The view wrote to debtor @debtor_id: the window refreshes the debtor's row and pane. */
  signals[LEDGER_CHANGED] =
    g_signal_new ("ledger-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-queue-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ArQueueView, stack);
  gtk_widget_class_bind_template_child (widget_class, ArQueueView, list_view);
  gtk_widget_class_bind_template_child (widget_class, ArQueueView, summary_label);
  gtk_widget_class_install_action (widget_class, "queue.open-file", "s", open_file_action);
}

static void
ar_queue_view_init (ArQueueView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_list_store_new (AR_TYPE_QUEUE_ROW);
  self->letters = g_cancellable_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             G_LIST_MODEL (g_object_ref (self->rows)))));
  g_object_unref (factory);
  update_page (self);
}

/* Public API ------------------------------------------------------------------------------- */

GtkWidget *
ar_queue_view_new (void)
{
  return g_object_new (AR_TYPE_QUEUE_VIEW, NULL);
}

void
ar_queue_view_set_ledger (ArQueueView *self,
                          ArLedger    *ledger)
{
  g_return_if_fail (AR_IS_QUEUE_VIEW (self));
  g_return_if_fail (ledger == NULL || AR_IS_LEDGER (ledger));

  if (g_set_object (&self->ledger, ledger))
    {
      self->shown_complete = FALSE;
      g_list_store_remove_all (self->rows);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      ar_queue_view_reload (self);
    }
}

guint
ar_queue_view_get_n_items (ArQueueView *self)
{
  g_return_val_if_fail (AR_IS_QUEUE_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows)) + self->n_hidden;
}

gboolean
ar_queue_view_get_loading (ArQueueView *self)
{
  g_return_val_if_fail (AR_IS_QUEUE_VIEW (self), FALSE);
  return self->loading;
}

gboolean
ar_queue_view_get_complete (ArQueueView *self)
{
  g_return_val_if_fail (AR_IS_QUEUE_VIEW (self), FALSE);
  return self->ledger == NULL || !self->completing;
}

char **
ar_queue_view_dup_debtors (ArQueueView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (AR_IS_QUEUE_VIEW (self), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    {
      g_autoptr(ArQueueRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      g_strv_builder_add (builder, row->external_id);
    }
  return g_strv_builder_end (builder);
}
