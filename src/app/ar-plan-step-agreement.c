/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-plan-step-agreement"
#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "ar-doc-agreement-plan.h"
#include "ar-page-raster.h"
#include "ar-plan-step-agreement.h"

/* Preview resolution: 1.5 px a point (108 dpi), sharp at the wizard's width. */
#define PREVIEW_SCALE 1.5

struct _ArPlanStepAgreement
{
  GtkWidget     parent_instance;

  GtkStack     *stack;
  GtkSpinner   *spinner;
  AdwStatusPage *error_page;
  GtkLabel     *language_label;
  GtkBox       *pages_box;

  ArLedger     *ledger;        /* owned */
  GCancellable *cancellable;   /* of the running job */
  GBytes       *pdf;
  char         *name;
  guint         n_pages;
};

static void ar_plan_step_agreement_iface_init (ArPlanStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ArPlanStepAgreement, ar_plan_step_agreement, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (AR_TYPE_PLAN_STEP,
                                                      ar_plan_step_agreement_iface_init))

enum { PROP_0, PROP_COMPLETE };

/* The worker ---------------------------------------------------------------------------------- */

typedef struct
{
  ArAgreementData *data;
  GBytes          *pdf;
  GPtrArray       *pages;   /* ArPageRaster */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  ar_agreement_data_free (job->data);
  g_clear_pointer (&job->pdf, g_bytes_unref);
  g_clear_pointer (&job->pages, g_ptr_array_unref);
  g_free (job);
}

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;

  job->pdf = ar_doc_agreement_to_bytes (&job->data->agreement, job->data->paper,
                                        job->data->logo, &error);
  if (job->pdf == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  document = poppler_document_new_from_bytes (job->pdf, NULL, &error);
  if (document == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->pages = ar_page_raster_document (document, PREVIEW_SCALE, cancellable);
  g_object_unref (document);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

static void
on_rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ArPlanStepAgreement *self = AR_PLAN_STEP_AGREEMENT (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_spinner_stop (self->spinner);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  gtk_spinner_stop (self->spinner);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  self->pdf = g_bytes_ref (job->pdf);
  g_free (self->name);
  /* Translators: the agreement's file name, with the plan's reference */
  self->name = g_strdup_printf (_("payment-plan-agreement-%s.pdf"), job->data->agreement.reference);
  for (guint i = 0; i < job->pages->len; i++)
    {
      const ArPageRaster *page = g_ptr_array_index (job->pages, i);
      g_autoptr(GdkTexture) texture = ar_page_raster_texture (page);
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      g_autofree char *label = g_strdup_printf (_("Page %u of %u"), i + 1, job->pages->len);

      /* A page at 1 px a point, the size of the printed page on a 72 dpi screen; the
       * pixels are 1.5× for sharpness. */
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
      gtk_widget_set_size_request (picture, (int) (page->width / PREVIEW_SCALE),
                                   (int) (page->height / PREVIEW_SCALE));
      gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (picture, "card");
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_box_append (self->pages_box, picture);
    }
  self->n_pages = job->pages->len;
  gtk_stack_set_visible_child_name (self->stack, "preview");
  ar_plan_step_notify_complete (AR_PLAN_STEP (self));
}

/* The step ------------------------------------------------------------------------------------ */

static void
reset (ArPlanStepAgreement *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_pointer (&self->name, g_free);
  self->n_pages = 0;
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box)));)
    gtk_box_remove (self->pages_box, child);
}

static void
step_load (ArPlanStep *step, ArPlanDraft *draft)
{
  ArPlanStepAgreement *self = AR_PLAN_STEP_AGREEMENT (step);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  ArAgreementData *data;
  Job *job;

  reset (self);
  ar_plan_step_notify_complete (step);
  g_return_if_fail (self->ledger != NULL);

  data = ar_agreement_data_new (self->ledger, draft, &error);
  if (data == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  if (data->agreement.debtor.language != NULL && *data->agreement.debtor.language != '\0')
    {
      g_autofree char *text =
        /* Translators: above the agreement preview; %s is a language tag like "de" */
        g_strdup_printf (_("In the debtor’s language (%s), where Arrears has a translation; "
                           "dates and amounts are written as in that language."),
                         data->agreement.debtor.language);

      gtk_label_set_text (self->language_label, text);
    }
  else
    gtk_label_set_text (self->language_label,
                        _("The debtor has no language set: the agreement is in the book’s "
                          "language."));

  job = g_new0 (Job, 1);
  job->data = data;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_rendered_cb, NULL);
  g_task_set_source_tag (task, step_load);
  g_task_set_task_data (task, job, job_free);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "working");
  g_task_run_in_thread (task, render_thread);
}

static gboolean
step_is_complete (ArPlanStep *step)
{
  return AR_PLAN_STEP_AGREEMENT (step)->pdf != NULL;
}

static void
step_apply (ArPlanStep *step, ArPlanDraft *draft)
{
  ArPlanStepAgreement *self = AR_PLAN_STEP_AGREEMENT (step);

  ar_plan_draft_set_agreement (draft, self->pdf, self->name);
}

static void
ar_plan_step_agreement_iface_init (ArPlanStepInterface *iface)
{
  iface->load = step_load;
  iface->is_complete = step_is_complete;
  iface->apply = step_apply;
}

static void
ar_plan_step_agreement_get_property (GObject *object, guint prop_id, GValue *value,
                                     GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_COMPLETE:
      g_value_set_boolean (value, step_is_complete (AR_PLAN_STEP (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_plan_step_agreement_dispose (GObject *object)
{
  ArPlanStepAgreement *self = AR_PLAN_STEP_AGREEMENT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AR_TYPE_PLAN_STEP_AGREEMENT);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_pointer (&self->name, g_free);
  G_OBJECT_CLASS (ar_plan_step_agreement_parent_class)->dispose (object);
}

static void
ar_plan_step_agreement_class_init (ArPlanStepAgreementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_plan_step_agreement_dispose;
  object_class->get_property = ar_plan_step_agreement_get_property;
  g_object_class_override_property (object_class, PROP_COMPLETE, "complete");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-plan-step-agreement.ui");
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepAgreement, stack);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepAgreement, spinner);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepAgreement, error_page);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepAgreement, language_label);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepAgreement, pages_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ar_plan_step_agreement_init (ArPlanStepAgreement *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
ar_plan_step_agreement_set_ledger (ArPlanStepAgreement *self, ArLedger *ledger)
{
  g_return_if_fail (AR_IS_PLAN_STEP_AGREEMENT (self));
  g_set_object (&self->ledger, ledger);
}

GBytes *
ar_plan_step_agreement_get_pdf (ArPlanStepAgreement *self)
{
  g_return_val_if_fail (AR_IS_PLAN_STEP_AGREEMENT (self), NULL);
  return self->pdf;
}

const char *
ar_plan_step_agreement_get_name (ArPlanStepAgreement *self)
{
  g_return_val_if_fail (AR_IS_PLAN_STEP_AGREEMENT (self), NULL);
  return self->name;
}

guint
ar_plan_step_agreement_get_n_pages (ArPlanStepAgreement *self)
{
  g_return_val_if_fail (AR_IS_PLAN_STEP_AGREEMENT (self), 0);
  return self->n_pages;
}
