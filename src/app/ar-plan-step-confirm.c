/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-plan-step-confirm"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ar-date.h"
#include "ar-money.h"
#include "ar-pdf-print.h"
#include "ar-plan-step-confirm.h"

struct _ArPlanStepConfirm
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkLabel      *summary_label;
  AdwComboRow   *channel_row;
  AdwEntryRow   *note_row;
  GtkLabel      *error_label;
  AdwStatusPage *saved_page;

  gboolean       complete;
  gboolean       saved;
  GBytes        *pdf;
  char          *name;
  GtkFileChooserNative *chooser;
};

static void ar_plan_step_confirm_iface_init (ArPlanStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ArPlanStepConfirm, ar_plan_step_confirm, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (AR_TYPE_PLAN_STEP,
                                                      ar_plan_step_confirm_iface_init))

enum { PROP_0, PROP_COMPLETE };

/* The combo's rows, in order. */
static const ArActivityKind channels[] = {
  AR_ACTIVITY_CALL, AR_ACTIVITY_LETTER, AR_ACTIVITY_EMAIL, AR_ACTIVITY_VISIT, AR_ACTIVITY_SMS,
};

static GtkWindow *
parent_window (ArPlanStepConfirm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
step_load (ArPlanStep *step, ArPlanDraft *draft)
{
  ArPlanStepConfirm *self = AR_PLAN_STEP_CONFIRM (step);
  g_autoptr(GError) error = NULL;
  const ArPlanSchedule *schedule = ar_plan_draft_get_schedule (draft, &error);
  const char *currency = ar_plan_draft_get_currency (draft);
  g_autoptr(GString) text = g_string_new (NULL);
  ArPlanTerms terms;

  ar_plan_draft_get_terms (draft, &terms);
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    if (channels[i] == ar_plan_draft_get_channel (draft))
      adw_combo_row_set_selected (self->channel_row, i);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row),
                         ar_plan_draft_get_note (draft) != NULL ? ar_plan_draft_get_note (draft)
                                                                : "");
  self->complete = schedule != NULL;
  if (schedule != NULL)
    {
      g_autofree char *total = ar_money_format (schedule->total, currency);
      g_autofree char *down = ar_money_format (schedule->down_payment, currency);
      char first[11];

      ar_date_format_julian (terms.first_due, first);
      /* Translators: "3 instalments (Monthly) from 2027-01-31, $1,000.00 in all." */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u instalment (%s) from %s, %s in all.",
                                                 "%u instalments (%s) from %s, %s in all.",
                                                 schedule->n_instalments),
                              schedule->n_instalments,
                              ar_plan_frequency_to_label (terms.frequency), first, total);
      if (schedule->down_payment > 0)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text, _("Down payment %s today."), down);
        }
      g_string_append (text, "\n\n");
      g_string_append_printf (text, _("Finish saves the plan with the agreement, logs it in "
                                      "the activity and sets the next action to %s."), first);
    }
  else
    g_string_append (text, error->message);
  if (ar_plan_draft_get_replaces_id (draft) != 0)
    {
      g_string_append (text, "\n\n");
      g_string_append (text, _("The plan it renegotiates ends and is linked to this one; its "
                               "history stays. The note is kept as the reason."));
    }
  gtk_label_set_text (self->summary_label, text->str);
  ar_plan_step_confirm_show_error (self, NULL);
  ar_plan_step_notify_complete (step);
}

static gboolean
step_is_complete (ArPlanStep *step)
{
  return AR_PLAN_STEP_CONFIRM (step)->complete;
}

static void
step_apply (ArPlanStep *step, ArPlanDraft *draft)
{
  ArPlanStepConfirm *self = AR_PLAN_STEP_CONFIRM (step);
  guint channel = adw_combo_row_get_selected (self->channel_row);
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));

  if (channel < G_N_ELEMENTS (channels))
    ar_plan_draft_set_channel (draft, channels[channel]);
  ar_plan_draft_set_note (draft, *note != '\0' ? note : NULL);
}

static void
ar_plan_step_confirm_iface_init (ArPlanStepInterface *iface)
{
  iface->load = step_load;
  iface->is_complete = step_is_complete;
  iface->apply = step_apply;
}

/* Save as PDF, Print, Open ------------------------------------------------------------------- */

static void
on_chooser_response_cb (GtkNativeDialog   *chooser,
                        int                response,
                        ArPlanStepConfirm *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->pdf != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (!g_file_replace_contents (file, g_bytes_get_data (self->pdf, NULL),
                                    g_bytes_get_size (self->pdf), NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        adw_status_page_set_description (self->saved_page, error->message);
    }
  g_clear_object (&self->chooser);
}

static void
on_save_pdf_clicked_cb (ArPlanStepConfirm *self)
{
  if (self->pdf == NULL)
    return;
  /* GtkFileDialog is GTK 4.10; 4.8 has the native chooser (STYLE.md §6). */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save Agreement"), parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), self->name);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
print_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ArPlanStepConfirm) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ar_pdf_print_finish (result, &error) == GTK_PRINT_OPERATION_RESULT_ERROR &&
      self->saved_page != NULL)
    adw_status_page_set_description (self->saved_page, error->message);
}

static void
on_print_clicked_cb (ArPlanStepConfirm *self)
{
  if (self->pdf == NULL)
    return;
  ar_pdf_print_async (self->pdf, self->name, parent_window (self), NULL, NULL, print_done_cb,
                      g_object_ref (self));
}

/* Writes the agreement to the user's cache and opens it with the default PDF viewer. */
static void
on_open_clicked_cb (ArPlanStepConfirm *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "arrears", NULL);
  g_autofree char *path = g_build_filename (dir, self->name, NULL);
  g_autofree char *uri = NULL;

  if (self->pdf == NULL)
    return;
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents (path, g_bytes_get_data (self->pdf, NULL),
                            (gssize) g_bytes_get_size (self->pdf), &error))
    {
      adw_status_page_set_description (self->saved_page,
                                       error != NULL ? error->message : g_strerror (errno));
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

/* GObject ------------------------------------------------------------------------------------ */

static void
ar_plan_step_confirm_get_property (GObject *object, guint prop_id, GValue *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_COMPLETE:
      g_value_set_boolean (value, AR_PLAN_STEP_CONFIRM (object)->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_plan_step_confirm_dispose (GObject *object)
{
  ArPlanStepConfirm *self = AR_PLAN_STEP_CONFIRM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AR_TYPE_PLAN_STEP_CONFIRM);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (ar_plan_step_confirm_parent_class)->dispose (object);
}

static void
ar_plan_step_confirm_class_init (ArPlanStepConfirmClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_plan_step_confirm_dispose;
  object_class->get_property = ar_plan_step_confirm_get_property;
  g_object_class_override_property (object_class, PROP_COMPLETE, "complete");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-plan-step-confirm.ui");
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepConfirm, stack);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepConfirm, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepConfirm, channel_row);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepConfirm, note_row);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepConfirm, error_label);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepConfirm, saved_page);
  gtk_widget_class_bind_template_callback (widget_class, on_save_pdf_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_print_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ar_plan_step_confirm_init (ArPlanStepConfirm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
ar_plan_step_confirm_show_error (ArPlanStepConfirm *self, const char *message)
{
  g_return_if_fail (AR_IS_PLAN_STEP_CONFIRM (self));
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

void
ar_plan_step_confirm_show_saved (ArPlanStepConfirm *self, guint32 first_due, GBytes *pdf,
                                 const char *name)
{
  g_autofree char *description = NULL;
  char date[11];

  g_return_if_fail (AR_IS_PLAN_STEP_CONFIRM (self));

  self->saved = TRUE;
  g_clear_pointer (&self->pdf, g_bytes_unref);
  self->pdf = pdf != NULL ? g_bytes_ref (pdf) : NULL;
  g_free (self->name);
  self->name = g_strdup (name);
  /* Translators: after saving a plan; %s is the first due date */
  description = g_strdup_printf (_("The agreement is kept with the debtor’s activity. Next "
                                   "action: %s, the first due date."),
                                 ar_date_format_julian (first_due, date));
  adw_status_page_set_description (self->saved_page, description);
  gtk_stack_set_visible_child_name (self->stack, "saved");
}

const char *
ar_plan_step_confirm_get_summary (ArPlanStepConfirm *self)
{
  g_return_val_if_fail (AR_IS_PLAN_STEP_CONFIRM (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

GtkEditable *
ar_plan_step_confirm_get_note (ArPlanStepConfirm *self)
{
  g_return_val_if_fail (AR_IS_PLAN_STEP_CONFIRM (self), NULL);
  return GTK_EDITABLE (self->note_row);
}

gboolean
ar_plan_step_confirm_is_saved (ArPlanStepConfirm *self)
{
  g_return_val_if_fail (AR_IS_PLAN_STEP_CONFIRM (self), FALSE);
  return self->saved;
}
