/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-dunning-view"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "ar-date.h"
#include "ar-dunning-tasks.h"
#include "ar-dunning-view.h"
#include "ar-money.h"
#include "ar-pdf-print.h"
#include "ar-rates-warning.h"

/* One proposal as the lists show it. ----------------------------------------------------- */

#define AR_TYPE_DUNNING_ROW (ar_dunning_row_get_type ())
G_DECLARE_FINAL_TYPE (ArDunningRow, ar_dunning_row, AR, DUNNING_ROW, GObject)

enum { C_DEBTOR, C_LEVEL, C_ITEMS, C_OVERDUE, C_FEES, C_INTEREST, C_TOTAL, C_DEADLINE, N_C };

struct _ArDunningRow
{
  GObject  parent_instance;
  guint    index;          /* the proposal's in the preview */
  char    *external_id;
  char    *text[N_C];
  char    *reason;         /* excluded: why */
};

G_DEFINE_FINAL_TYPE (ArDunningRow, ar_dunning_row, G_TYPE_OBJECT)

static void
ar_dunning_row_finalize (GObject *object)
{
  ArDunningRow *self = (ArDunningRow *) object;

  g_free (self->external_id);
  for (guint i = 0; i < N_C; i++)
    g_free (self->text[i]);
  g_free (self->reason);
  G_OBJECT_CLASS (ar_dunning_row_parent_class)->finalize (object);
}

static void
ar_dunning_row_class_init (ArDunningRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ar_dunning_row_finalize;
}

static void
ar_dunning_row_init (ArDunningRow *self)
{
}

static ArDunningRow *
ar_dunning_row_new (ArDunningPreview *preview,
                    guint             index)
{
  ArDunningRow *self = g_object_new (AR_TYPE_DUNNING_ROW, NULL);
  const ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, index);
  const ArDunningLevel *level = ar_dunning_preview_get_level (preview, p->level);
  char date[11];

  self->index = index;
  self->external_id = g_strdup (p->external_id);
  self->text[C_DEBTOR] = g_strdup_printf ("%s · %s", p->name, p->external_id);
  self->text[C_LEVEL] = level != NULL ? ar_dunning_level_get_name (level) : g_strdup ("–");
  self->text[C_ITEMS] = g_strdup_printf ("%u", p->n_items);
  self->text[C_OVERDUE] = ar_money_format (p->overdue, p->currency);
  self->text[C_FEES] = ar_money_format (p->fees, p->currency);
  self->text[C_INTEREST] = ar_money_format (p->interest, p->currency);
  self->text[C_TOTAL] = ar_money_format (p->total_due != 0 ? p->total_due : p->overdue,
                                         p->currency);
  self->text[C_DEADLINE] = p->hand_over ? g_strdup (_("Hand over to the agency"))
                         : p->deadline != 0 ? g_strdup (ar_date_format_julian (p->deadline, date))
                         : g_strdup ("–");
  self->reason = g_strdup (p->detail != NULL ? p->detail : "");
  return self;
}

/* The view --------------------------------------------------------------------------------- */

typedef enum
{
  STATE_IDLE,
  STATE_PREVIEWING,
  STATE_PREVIEW,
  STATE_RENDERING,
  STATE_LETTERS,
  STATE_COMMITTING,
  STATE_COMMITTED,
} State;

static const char *state_names[] = {
  "idle", "previewing", "preview", "rendering", "letters", "committing", "committed",
};

struct _ArDunningView
{
  GtkWidget         parent_instance;

  /* Template children. */
  GtkEntry         *as_of_entry;
  GtkButton        *preview_button;
  GtkLabel         *summary_label;
  GtkButton        *letters_button;
  GtkButton        *commit_button;
  ArRatesWarning   *rates_warning;
  GtkRevealer      *progress_revealer;
  GtkProgressBar   *progress_bar;
  GtkLabel         *progress_label;
  GtkRevealer      *letters_revealer;
  GtkLabel         *letters_label;
  GtkLabel         *warnings_label;
  GtkStack         *stack;
  AdwStatusPage    *start_page;
  GtkColumnView    *proposals_view;
  GtkExpander      *excluded_expander;
  GtkListView      *excluded_view;
  GtkLabel         *problem_label;

  ArLedger         *ledger;
  ArDunningPreview *preview;
  GListStore       *proposed;
  GListStore       *excluded;
  GBytes           *letters;
  char             *letters_path;    /* the batch written out for Open */
  GCancellable     *cancellable;
  ArTaskProgress   *progress;        /* the running preview's, read by tick_cb */
  guint             pulse_id;
  guint32           as_of;
  State             state;
  ArDunningCommitResult result;
};

G_DEFINE_FINAL_TYPE (ArDunningView, ar_dunning_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STATE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { LEDGER_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static guint32
today (void)
{
  GDate date;

  ar_date_set_today (&date);
  return ar_date_to_julian (&date);
}

static void
add_toast (ArDunningView *self,
           const char    *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static void
show_problem (ArDunningView *self,
              const char    *message)
{
  gtk_label_set_text (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

/* What the bar shows, every 100 ms while a worker runs: the fraction and count the core last
 * reported (ar-task-progress), or a pulse until the first report. */
static void
update_progress (ArDunningView *self)
{
  guint64 done = 0, total = 0;
  g_autofree char *n_done = NULL;
  g_autofree char *n_total = NULL;
  g_autofree char *text = NULL;
  gulong n;

  if (self->progress == NULL || !ar_task_progress_get (self->progress, &done, &total) ||
      total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return;
    }
  done = MIN (done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / (double) total);
  /* Grouped as the locale groups digits ("12,345" in English). */
  n_done = g_strdup_printf ("%'" G_GUINT64_FORMAT, done);
  n_total = g_strdup_printf ("%'" G_GUINT64_FORMAT, total);
  n = (gulong) MIN (total, G_MAXULONG);
  if (self->state == STATE_PREVIEWING)
    /* Translators: the Dunning view's progress while it previews; the numbers count the
     * debtors (per currency) looked at so far and in all. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Working out who is due a letter: %s of %s debtor",
                                         "Working out who is due a letter: %s of %s debtors", n),
                            n_done, n_total);
  else if (self->state == STATE_RENDERING)
    /* Translators: the Dunning view's progress while it draws the letters. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Making the letters: %s of %s",
                                         "Making the letters: %s of %s", n),
                            n_done, n_total);
  else if (self->state == STATE_COMMITTING)
    /* Translators: the Dunning view's progress while it commits; letters (and hand-overs to
     * the agency) recorded so far and in all. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Recording the letters: %s of %s",
                                         "Recording the letters: %s of %s", n),
                            n_done, n_total);
  if (text != NULL)
    gtk_label_set_text (self->progress_label, text);
}

static gboolean
pulse_cb (gpointer user_data)
{
  update_progress (user_data);
  return G_SOURCE_CONTINUE;
}

/* "31 of 32 letters ticked · 4 debtors excluded" */
static void
update_summary (ArDunningView *self)
{
  guint n_selected = 0;
  guint n_proposed = g_list_model_get_n_items (G_LIST_MODEL (self->proposed));
  guint n_excluded = g_list_model_get_n_items (G_LIST_MODEL (self->excluded));
  g_autofree char *ticked = NULL;
  g_autofree char *excluded = NULL;
  g_autofree char *text = NULL;

  if (self->preview == NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      return;
    }
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (self->preview); i++)
    {
      const ArDunningProposal *p = ar_dunning_preview_get_proposal (self->preview, i);

      n_selected += p->outcome == AR_DUNNING_PROPOSED && p->selected;
    }
  ticked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u letter ticked",
                                         "%u of %u letters ticked", n_proposed),
                            n_selected, n_proposed);
  excluded = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u debtor excluded",
                                           "%u debtors excluded", n_excluded), n_excluded);
  text = g_strdup_printf ("%s · %s", ticked, excluded);
  gtk_label_set_text (self->summary_label, text);
}

static gboolean
busy (State state)
{
  return state == STATE_PREVIEWING || state == STATE_RENDERING || state == STATE_COMMITTING;
}

static void
set_state (ArDunningView *self,
           State          state)
{
  gboolean working = busy (state);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->proposed));

  self->state = state;
  if (!busy (state))
    g_clear_pointer (&self->progress, ar_task_progress_unref);
  gtk_revealer_set_reveal_child (self->progress_revealer, working);
  if (working && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse_cb, self);
  else if (!working && self->pulse_id != 0)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  if (state == STATE_PREVIEWING)
    gtk_label_set_text (self->progress_label, _("Working out who is due a letter…"));
  else if (state == STATE_RENDERING)
    gtk_label_set_text (self->progress_label, _("Making the letters…"));
  else if (state == STATE_COMMITTING)
    gtk_label_set_text (self->progress_label, _("Recording the letters…"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->as_of_entry), !working);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_button), !working && self->ledger != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->letters_button),
                            state == STATE_PREVIEW && ar_dunning_view_get_n_proposed (self) > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->commit_button), state == STATE_LETTERS);
  /* A worker holds the preview: the check boxes wait. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->proposals_view), !working);
  gtk_revealer_set_reveal_child (self->letters_revealer, state == STATE_LETTERS);
  update_summary (self);

  if (state == STATE_IDLE || (state == STATE_PREVIEWING && self->preview == NULL))
    gtk_stack_set_visible_child_name (self->stack, "start");
  else if (state == STATE_COMMITTED)
    gtk_stack_set_visible_child_name (self->stack, "committed");
  else if (self->preview != NULL)
    gtk_stack_set_visible_child_name (self->stack, n > 0 ? "proposals" : "nothing");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
clear_letters (ArDunningView *self)
{
  g_clear_pointer (&self->letters, g_bytes_unref);
  if (self->letters_path != NULL)
    g_unlink (self->letters_path);
  g_clear_pointer (&self->letters_path, g_free);
}

static void
clear_preview (ArDunningView *self)
{
  clear_letters (self);
  g_list_store_remove_all (self->proposed);
  g_list_store_remove_all (self->excluded);
  g_clear_pointer (&self->preview, ar_dunning_preview_free);
  gtk_expander_set_label (self->excluded_expander, _("Excluded"));
}

static void
start_work (ArDunningView *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  show_problem (self, NULL);
}

/* Preview ---------------------------------------------------------------------------------- */

static void
fill_lists (ArDunningView *self)
{
  g_autoptr(GPtrArray) proposed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) excluded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *label = NULL;

  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (self->preview); i++)
    {
      const ArDunningProposal *p = ar_dunning_preview_get_proposal (self->preview, i);

      g_ptr_array_add (p->outcome == AR_DUNNING_PROPOSED ? proposed : excluded,
                       ar_dunning_row_new (self->preview, i));
    }
  g_list_store_splice (self->proposed, 0, 0, proposed->pdata, proposed->len);
  g_list_store_splice (self->excluded, 0, 0, excluded->pdata, excluded->len);
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Excluded: %u debtor",
                                        "Excluded: %u debtors", excluded->len), excluded->len);
  gtk_expander_set_label (self->excluded_expander, label);
  gtk_widget_set_visible (GTK_WIDGET (self->excluded_expander), excluded->len > 0);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ArDunningView) self = user_data;
  g_autoptr(GError) error = NULL;
  ArDunningPreview *preview = ar_dunning_task_preview_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* Cancel (or a newer request) already set the state */
  if (preview == NULL)
    {
      show_problem (self, error->message);
      set_state (self, STATE_IDLE);
      return;
    }
  clear_preview (self);
  self->preview = preview;
  fill_lists (self);
  set_state (self, STATE_PREVIEW);
}

void
ar_dunning_view_preview (ArDunningView *self)
{
  g_autoptr(GError) error = NULL;
  guint32 as_of;

  g_return_if_fail (AR_IS_DUNNING_VIEW (self));
  if (self->ledger == NULL || busy (self->state))
    return;
  as_of = ar_date_parse_julian (gtk_editable_get_text (GTK_EDITABLE (self->as_of_entry)), &error);
  if (as_of == 0)
    {
      g_autofree char *message = g_strdup_printf (_("As of: %s"), error->message);

      gtk_widget_add_css_class (GTK_WIDGET (self->as_of_entry), "error");
      show_problem (self, message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->as_of_entry), "error");
  self->as_of = as_of;
  start_work (self);
  clear_preview (self);
  /* A progress of its own: a cancelled preview still finishing reports into its old one. */
  g_clear_pointer (&self->progress, ar_task_progress_unref);
  self->progress = ar_task_progress_new ();
  set_state (self, STATE_PREVIEWING);
  ar_dunning_task_preview_async (ar_ledger_get_path (self->ledger), as_of, self->progress,
                                 self->cancellable, preview_done_cb, g_object_ref (self));
}

/* Letters ---------------------------------------------------------------------------------- */

/* A hand-over sends no letter, yet is committed. */
static gboolean
any_hand_over (ArDunningView *self)
{
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (self->preview); i++)
    {
      const ArDunningProposal *p = ar_dunning_preview_get_proposal (self->preview, i);

      if (p->outcome == AR_DUNNING_PROPOSED && p->selected && p->hand_over)
        return TRUE;
    }
  return FALSE;
}

static void
render_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ArDunningView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *ready = NULL;
  guint n_letters = 0;
  GBytes *letters = ar_dunning_task_render_finish (result, &n_letters, &warnings, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      show_problem (self, error->message);
      set_state (self, STATE_PREVIEW);
      return;
    }
  if (letters == NULL && n_letters == 0 && !any_hand_over (self))
    {
      show_problem (self, _("No letter is ticked."));
      set_state (self, STATE_PREVIEW);
      return;
    }
  clear_letters (self);
  self->letters = letters;
  ready = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u letter is ready. Print it or save it, then commit.",
                                       "%u letters are ready. Print them or save them, then commit.",
                                       n_letters), n_letters);
  gtk_label_set_text (self->letters_label, ready);
  /* What the renderer had to say about some letters (an address that does not fit the window,
   * none at all): worth a look before printing. The first few, and how many more. */
  for (guint i = 0; warnings != NULL && i < warnings->len && i < 3; i++)
    {
      /* An address quoted in a warning keeps its line breaks: one line here. */
      g_auto(GStrv) lines = g_strsplit (warnings->pdata[i], "\n", -1);
      g_autofree char *line = g_strjoinv (", ", lines);

      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", line);
    }
  if (warnings != NULL && warnings->len > 3)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "\n…and %u more warning",
                                               "\n…and %u more warnings", warnings->len - 3),
                            warnings->len - 3);
  gtk_label_set_text (self->warnings_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), text->len > 0);
  set_state (self, STATE_LETTERS);
}

void
ar_dunning_view_create_letters (ArDunningView *self)
{
  g_return_if_fail (AR_IS_DUNNING_VIEW (self));
  if (self->state != STATE_PREVIEW || self->preview == NULL)
    return;
  start_work (self);
  g_clear_pointer (&self->progress, ar_task_progress_unref);
  self->progress = ar_task_progress_new ();
  set_state (self, STATE_RENDERING);
  ar_dunning_task_render_async (ar_ledger_get_path (self->ledger), self->preview, self->progress,
                                self->cancellable, render_done_cb, g_object_ref (self));
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(ArDunningView) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->letters != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      if (!g_file_replace_contents (file, g_bytes_get_data (self->letters, NULL),
                                    g_bytes_get_size (self->letters), NULL, FALSE,
                                    G_FILE_CREATE_NONE, NULL, NULL, &error))
        show_problem (self, error->message);
      else
        add_toast (self, _("Letters saved"));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ArDunningView *self = AR_DUNNING_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  char date[11];

  if (self->letters == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Save Letters"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* Translators: the file name offered for a run's letters; %s is the date. */
  name = g_strdup_printf (_("dunning-letters-%s.pdf"), ar_date_format_julian (self->as_of, date));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The batch as a file, for the viewer (removed with the letters). */
static gboolean
letters_file (ArDunningView  *self,
              GError        **error)
{
  int fd;

  if (self->letters_path != NULL)
    return TRUE;
  fd = g_file_open_tmp ("arrears-letters-XXXXXX.pdf", &self->letters_path, error);
  if (fd < 0)
    return FALSE;
  close (fd);
  return g_file_set_contents (self->letters_path, g_bytes_get_data (self->letters, NULL),
                              g_bytes_get_size (self->letters), error);
}

static void
print_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ArDunningView) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult printed = ar_dunning_view_print_finish (self, result, &error);

  if (self->problem_label == NULL)
    return;   /* the view went while the pages were drawn */
  switch (printed)
    {
    case GTK_PRINT_OPERATION_RESULT_ERROR:
      show_problem (self, error->message);
      break;
    case GTK_PRINT_OPERATION_RESULT_APPLY:
      add_toast (self, _("Letters sent to the printer"));
      break;
    case GTK_PRINT_OPERATION_RESULT_CANCEL:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
    default:
      break;
    }
}

/* Print: GTK's print dialog, then the batch's pages drawn one by one as the printer takes them
 * (ar-pdf-print), so it works through the print portal in a Flatpak too. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ArDunningView *self = AR_DUNNING_VIEW (widget);

  if (self->letters == NULL)
    return;
  show_problem (self, NULL);
  ar_dunning_view_print_async (self, NULL, print_done_cb, g_object_ref (self));
}

/* Open: the batch in the PDF viewer. */
static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ArDunningView *self = AR_DUNNING_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (self->letters == NULL)
    return;
  if (!letters_file (self, &error))
    {
      show_problem (self, error->message);
      return;
    }
  file = g_file_new_for_path (self->letters_path);
  uri = g_file_get_uri (file);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* Commit ----------------------------------------------------------------------------------- */

static void
commit_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ArDunningView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!ar_dunning_task_commit_finish (result, &self->result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (self, error->message);
      set_state (self, STATE_LETTERS);
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u letter recorded as sent",
                                       "%u letters recorded as sent", self->result.n_letters),
                          self->result.n_letters);
  add_toast (self, text);
  adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->stack,
                                                                                  "committed")),
                                   text);
  clear_preview (self);
  set_state (self, STATE_COMMITTED);
  g_signal_emit (self, signals[LEDGER_CHANGED], 0, (gint64) 0);
}

void
ar_dunning_view_commit (ArDunningView *self)
{
  g_return_if_fail (AR_IS_DUNNING_VIEW (self));
  if (self->state != STATE_LETTERS)
    return;
  start_work (self);
  g_clear_pointer (&self->progress, ar_task_progress_unref);
  self->progress = ar_task_progress_new ();
  set_state (self, STATE_COMMITTING);
  ar_dunning_task_commit_async (ar_ledger_get_path (self->ledger), self->preview, self->progress,
                                self->cancellable, commit_done_cb, g_object_ref (self));
}

char *
ar_dunning_view_dup_commit_summary (ArDunningView *self)
{
  guint n_letters = 0, n_hand_overs = 0, n_fees = 0, n_interest = 0;
  g_autofree char *letters = NULL;
  g_autofree char *charges = NULL;

  g_return_val_if_fail (AR_IS_DUNNING_VIEW (self), NULL);
  if (self->preview == NULL)
    return g_strdup ("");
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (self->preview); i++)
    {
      const ArDunningProposal *p = ar_dunning_preview_get_proposal (self->preview, i);

      if (!p->selected || p->outcome != AR_DUNNING_PROPOSED)
        continue;
      if (p->hand_over)
        n_hand_overs++;
      else
        n_letters++;
      for (guint k = 0; k < p->n_items; k++)
        {
          const ArDunningItem *item = ar_dunning_preview_get_item (self->preview,
                                                                   p->first_item + k);
          /* The statutory compensation is a fee entry of its own. */
          n_fees += (item->fee != 0) + (item->compensation != 0);
          n_interest += item->interest != 0;
        }
    }
  letters = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u letter will be recorded as sent",
                                          "%u letters will be recorded as sent", n_letters),
                             n_letters);
  charges = g_strdup_printf (_("%s, with %u fee entries and %u interest entries posted to the "
                               "ledger; %u debtors will be marked ready for the agency. This "
                               "cannot be undone, only reversed entry by entry."),
                             letters, n_fees, n_interest, n_hand_overs);
  return g_steal_pointer (&charges);
}

static void
on_commit_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ArDunningView    *self)
{
  if (g_str_equal (response, "commit"))
    ar_dunning_view_commit (self);
}

static void
commit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ArDunningView *self = AR_DUNNING_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *body = ar_dunning_view_dup_commit_summary (self);
  GtkWidget *dialog;

  if (self->state != STATE_LETTERS)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Record These Letters?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "commit", _("_Commit"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "commit",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_commit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
ar_dunning_view_cancel (ArDunningView *self)
{
  g_return_if_fail (AR_IS_DUNNING_VIEW (self));

  /* A commit under way is one transaction and finishes (or fails) whole. */
  if (self->state == STATE_COMMITTING)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->state == STATE_PREVIEWING)
    set_state (self, self->preview != NULL ? STATE_PREVIEW : STATE_IDLE);
  else if (self->state == STATE_RENDERING)
    set_state (self, STATE_PREVIEW);
}

/* Check boxes ------------------------------------------------------------------------------ */

/* A changed selection makes the letters already made stale: they are made again. */
static void
selection_changed (ArDunningView *self)
{
  if (self->state == STATE_LETTERS)
    {
      clear_letters (self);
      set_state (self, STATE_PREVIEW);
    }
  else
    set_state (self, self->state);
}

gboolean
ar_dunning_view_set_selected (ArDunningView *self,
                              const char    *external_id,
                              gboolean       selected)
{
  gboolean found = FALSE;

  g_return_val_if_fail (AR_IS_DUNNING_VIEW (self), FALSE);
  if (self->preview == NULL || busy (self->state))
    return FALSE;
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (self->preview); i++)
    {
      ArDunningProposal *p = ar_dunning_preview_get_proposal (self->preview, i);

      if (p->outcome == AR_DUNNING_PROPOSED && g_strcmp0 (p->external_id, external_id) == 0)
        {
          p->selected = selected;
          found = TRUE;
        }
    }
  if (found)
    {
      /* Show it in the rows that are bound. */
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->proposed)); i++)
        {
          g_autoptr(ArDunningRow) row = g_list_model_get_item (G_LIST_MODEL (self->proposed), i);

          if (g_str_equal (row->external_id, external_id))
            g_list_model_items_changed (G_LIST_MODEL (self->proposed), i, 1, 1);
        }
      selection_changed (self);
    }
  return found;
}

static void
on_check_toggled_cb (GtkCheckButton *check,
                     GtkListItem    *list_item)
{
  ArDunningView *self = AR_DUNNING_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (check),
                                                                  AR_TYPE_DUNNING_VIEW));
  ArDunningRow *row = gtk_list_item_get_item (list_item);
  ArDunningProposal *p;

  if (self == NULL || row == NULL || self->preview == NULL)
    return;
  p = ar_dunning_preview_get_proposal (self->preview, row->index);
  if (p->selected == gtk_check_button_get_active (check))
    return;
  p->selected = gtk_check_button_get_active (check);
  selection_changed (self);
}

static void
setup_check_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), list_item);
  gtk_list_item_set_child (list_item, check);
}

static void
bind_check_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               ArDunningView            *self)
{
  ArDunningRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *check = gtk_list_item_get_child (list_item);
  g_autofree char *label = g_strdup_printf (_("Send a letter to %s"), row->text[C_DEBTOR]);
  gboolean selected = self->preview != NULL &&
                      ar_dunning_preview_get_proposal (self->preview, row->index)->selected;

  g_signal_handlers_block_by_func (check, on_check_toggled_cb, list_item);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), selected);
  g_signal_handlers_unblock_by_func (check, on_check_toggled_cb, list_item);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  column)
{
  GtkWidget *label = gtk_label_new (NULL);
  guint c = GPOINTER_TO_UINT (column);

  gtk_label_set_xalign (GTK_LABEL (label), c == C_DEBTOR || c == C_LEVEL ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (c != C_DEBTOR && c != C_LEVEL)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_text_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  column)
{
  ArDunningRow *row = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      row->text[GPOINTER_TO_UINT (column)]);
}

static void
add_column (ArDunningView *self,
            const char    *title,
            guint          column,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_text_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_text_cb), GUINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (self->proposals_view, col);
  g_object_unref (col);
}

static void
setup_excluded_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_width_chars (GTK_LABEL (name), 30);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 30);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_ellipsize (GTK_LABEL (reason), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (reason, TRUE);
  gtk_widget_add_css_class (reason, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_excluded_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  ArDunningRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *reason = gtk_widget_get_next_sibling (name);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", row->text[C_DEBTOR], row->reason);

  gtk_label_set_text (GTK_LABEL (name), row->text[C_DEBTOR]);
  gtk_label_set_text (GTK_LABEL (reason), row->reason);
  gtk_widget_set_tooltip_text (reason, row->reason);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
preview_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ar_dunning_view_preview (AR_DUNNING_VIEW (widget));
}

static void
letters_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ar_dunning_view_create_letters (AR_DUNNING_VIEW (widget));
}

static void
cancel_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ar_dunning_view_cancel (AR_DUNNING_VIEW (widget));
}

static void
ar_dunning_view_dispose (GObject *object)
{
  ArDunningView *self = (ArDunningView *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_pointer (&self->progress, ar_task_progress_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), AR_TYPE_DUNNING_VIEW);
  /* The template's root box is not a bound child: it goes here. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  clear_letters (self);
  g_clear_pointer (&self->preview, ar_dunning_preview_free);
  g_clear_object (&self->proposed);
  g_clear_object (&self->excluded);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->ledger);
  G_OBJECT_CLASS (ar_dunning_view_parent_class)->dispose (object);
}

static void
ar_dunning_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ArDunningView *self = AR_DUNNING_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_string (value, ar_dunning_view_get_state (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_dunning_view_class_init (ArDunningViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_dunning_view_dispose;
  object_class->get_property = ar_dunning_view_get_property;

  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, "idle",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A commit wrote to many debtors (0): the window reloads its lists. */
  signals[LEDGER_CHANGED] =
    g_signal_new ("ledger-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-dunning-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, as_of_entry);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, preview_button);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, letters_button);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, commit_button);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, rates_warning);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, letters_revealer);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, letters_label);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, stack);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, start_page);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, proposals_view);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, excluded_expander);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, excluded_view);
  gtk_widget_class_bind_template_child (widget_class, ArDunningView, problem_label);

  gtk_widget_class_bind_template_callback (widget_class, ar_dunning_view_preview);
  gtk_widget_class_install_action (widget_class, "dunning.preview", NULL, preview_action);
  gtk_widget_class_install_action (widget_class, "dunning.create-letters", NULL, letters_action);
  gtk_widget_class_install_action (widget_class, "dunning.commit", NULL, commit_action);
  gtk_widget_class_install_action (widget_class, "dunning.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "dunning.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "dunning.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "dunning.print", NULL, print_action);
}

static void
ar_dunning_view_init (ArDunningView *self)
{
  GtkListItemFactory *factory;
  GtkColumnViewColumn *col;
  char date[11];

  g_type_ensure (AR_TYPE_RATES_WARNING);
  gtk_widget_init_template (GTK_WIDGET (self));
  ar_rates_warning_set_action_name (self->rates_warning, "win.reference-rates");
  self->proposed = g_list_store_new (AR_TYPE_DUNNING_ROW);
  self->excluded = g_list_store_new (AR_TYPE_DUNNING_ROW);
  self->as_of = today ();
  gtk_editable_set_text (GTK_EDITABLE (self->as_of_entry),
                         ar_date_format_julian (self->as_of, date));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_check_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_check_cb), self);
  col = gtk_column_view_column_new (NULL, factory);
  gtk_column_view_append_column (self->proposals_view, col);
  g_object_unref (col);
  add_column (self, _("Debtor"), C_DEBTOR, TRUE);
  add_column (self, _("Level"), C_LEVEL, FALSE);
  add_column (self, _("Items"), C_ITEMS, FALSE);
  add_column (self, _("Overdue"), C_OVERDUE, FALSE);
  add_column (self, _("Fees"), C_FEES, FALSE);
  add_column (self, _("Interest"), C_INTEREST, FALSE);
  add_column (self, _("Total"), C_TOTAL, FALSE);
  add_column (self, _("Deadline"), C_DEADLINE, FALSE);
  gtk_column_view_set_model (self->proposals_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (
                               G_LIST_MODEL (g_object_ref (self->proposed)))));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_excluded_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_excluded_cb), NULL);
  gtk_list_view_set_factory (self->excluded_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->excluded_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             G_LIST_MODEL (g_object_ref (self->excluded)))));
  set_state (self, STATE_IDLE);
}

/* Public API ------------------------------------------------------------------------------- */

GtkWidget *
ar_dunning_view_new (void)
{
  return g_object_new (AR_TYPE_DUNNING_VIEW, NULL);
}

void
ar_dunning_view_set_ledger (ArDunningView *self,
                            ArLedger      *ledger)
{
  g_return_if_fail (AR_IS_DUNNING_VIEW (self));
  g_return_if_fail (ledger == NULL || AR_IS_LEDGER (ledger));

  if (!g_set_object (&self->ledger, ledger))
    return;
  ar_rates_warning_set_ledger (self->rates_warning, ledger);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  clear_preview (self);
  show_problem (self, NULL);
  set_state (self, STATE_IDLE);
}

const char *
ar_dunning_view_get_state (ArDunningView *self)
{
  g_return_val_if_fail (AR_IS_DUNNING_VIEW (self), NULL);
  return state_names[self->state];
}

void
ar_dunning_view_set_as_of (ArDunningView *self,
                           guint32        as_of)
{
  char date[11];

  g_return_if_fail (AR_IS_DUNNING_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->as_of_entry), ar_date_format_julian (as_of, date));
}

guint
ar_dunning_view_get_n_proposed (ArDunningView *self)
{
  g_return_val_if_fail (AR_IS_DUNNING_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->proposed));
}

guint
ar_dunning_view_get_n_excluded (ArDunningView *self)
{
  g_return_val_if_fail (AR_IS_DUNNING_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->excluded));
}

ArRatesWarning *
ar_dunning_view_get_rates_warning (ArDunningView *self)
{
  g_return_val_if_fail (AR_IS_DUNNING_VIEW (self), NULL);
  return self->rates_warning;
}

GBytes *
ar_dunning_view_get_letters (ArDunningView *self)
{
  g_return_val_if_fail (AR_IS_DUNNING_VIEW (self), NULL);
  return self->letters;
}

void
ar_dunning_view_print_async (ArDunningView       *self,
                             const char          *export_path,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GtkRoot *root;

  g_return_if_fail (AR_IS_DUNNING_VIEW (self));

  if (self->letters == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

      g_task_set_source_tag (task, ar_dunning_view_print_async);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("No letters have been made yet"));
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  ar_pdf_print_async (self->letters, _("Dunning letters"),
                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, export_path, NULL,
                      callback, user_data);
}

GtkPrintOperationResult
ar_dunning_view_print_finish (ArDunningView  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (AR_IS_DUNNING_VIEW (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  if (g_async_result_is_tagged (result, ar_dunning_view_print_async))
    {
      g_task_propagate_boolean (G_TASK (result), error);
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  return ar_pdf_print_finish (result, error);
}

double
ar_dunning_view_get_progress (ArDunningView  *self,
                              const char    **text)
{
  g_return_val_if_fail (AR_IS_DUNNING_VIEW (self), 0);

  if (text != NULL)
    *text = gtk_label_get_text (self->progress_label);
  return gtk_progress_bar_get_fraction (self->progress_bar);
}
