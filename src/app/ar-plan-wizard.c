/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-plan-wizard"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-plan.h"
#include "ar-plan-step-agreement.h"
#include "ar-plan-step-confirm.h"
#include "ar-plan-step-items.h"
#include "ar-plan-step-terms.h"
#include "ar-plan-wizard.h"

struct _ArPlanWizard
{
  AdwWindow            parent_instance;

  /* Template children. */
  AdwWindowTitle      *window_title;
  GtkWidget           *cancel_button;
  GtkWidget           *back_button;
  GtkWidget           *next_button;
  GtkWidget           *finish_button;
  GtkWidget           *close_button;
  GtkStack            *stack;
  ArPlanStepItems     *items_step;
  ArPlanStepTerms     *terms_step;
  ArPlanStepAgreement *agreement_step;
  ArPlanStepConfirm   *confirm_step;

  ArLedger            *ledger;    /* owned */
  ArPlanDraft         *draft;     /* owned */
  GPtrArray           *steps;     /* ArPlanStep, in order, borrowed */
  guint                position;
  gboolean             loading;
  gboolean             changed;
  gint64               plan_id;
  GtkWindow           *discard_dialog;   /* weak */
};

G_DEFINE_FINAL_TYPE (ArPlanWizard, ar_plan_wizard, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static ArPlanStep *
current_step (ArPlanWizard *self)
{
  return g_ptr_array_index (self->steps, self->position);
}

static void
update_actions (ArPlanWizard *self)
{
  gboolean last = self->position + 1 == self->steps->len;
  gboolean complete = ar_plan_step_is_complete (current_step (self));
  gboolean saved = self->plan_id != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", self->position > 0 && !saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", !last && complete);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.finish", last && complete && !saved);
  gtk_widget_set_visible (self->next_button, !last);
  gtk_widget_set_visible (self->finish_button, last && !saved);
  gtk_widget_set_visible (self->back_button, !saved);
  gtk_widget_set_visible (self->cancel_button, !saved);
  gtk_widget_set_visible (self->close_button, saved);
}

static void
on_step_complete_cb (ArPlanWizard *self)
{
  update_actions (self);
}

static void
on_draft_changed_cb (ArPlanWizard *self)
{
  if (!self->loading)
    self->changed = TRUE;
}

static void
show_step (ArPlanWizard *self, guint position)
{
  ArPlanStep *step = g_ptr_array_index (self->steps, position);
  g_autofree char *subtitle = NULL;

  self->position = position;
  self->loading = TRUE;
  ar_plan_step_load (step, self->draft);
  self->loading = FALSE;
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (step));
  /* Translators: under the wizard's title: "Step 2 of 4: Terms" */
  subtitle = g_strdup_printf (_("Step %u of %u: %s"), position + 1, self->steps->len,
                              gtk_stack_page_get_title (gtk_stack_get_page (self->stack,
                                                                            GTK_WIDGET (step))));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  update_actions (self);
  gtk_widget_child_focus (GTK_WIDGET (step), GTK_DIR_TAB_FORWARD);
}

static void
back_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ArPlanWizard *self = AR_PLAN_WIZARD (widget);

  if (self->position > 0 && self->plan_id == 0)
    show_step (self, self->position - 1);
}

static void
next_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ArPlanWizard *self = AR_PLAN_WIZARD (widget);
  ArPlanStep *step = current_step (self);

  if (self->position + 1 >= self->steps->len || !ar_plan_step_is_complete (step))
    return;
  ar_plan_step_apply (step, self->draft);
  self->changed = TRUE;
  show_step (self, self->position + 1);
}

static void
finish_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ArPlanWizard *self = AR_PLAN_WIZARD (widget);
  g_autoptr(GError) error = NULL;
  ArPlanTerms terms;
  gint64 replaces, id;

  if (self->plan_id != 0 || !ar_plan_step_is_complete (current_step (self)))
    return;
  for (guint i = 0; i < self->steps->len; i++)
    ar_plan_step_apply (g_ptr_array_index (self->steps, i), self->draft);
  if (!ar_plan_draft_validate (self->draft, &error))
    {
      ar_plan_step_confirm_show_error (self->confirm_step, error->message);
      return;
    }
  replaces = ar_plan_draft_get_replaces_id (self->draft);
  id = replaces != 0
         ? ar_ledger_renegotiate_plan (self->ledger, replaces, self->draft,
                                       ar_plan_draft_get_note (self->draft), &error)
         : ar_ledger_save_plan (self->ledger, self->draft, &error);
  if (id == 0)
    {
      ar_plan_step_confirm_show_error (self->confirm_step, error->message);
      return;
    }
  self->plan_id = id;
  ar_plan_draft_get_terms (self->draft, &terms);
  ar_plan_step_confirm_show_saved (self->confirm_step, terms.first_due,
                                   ar_plan_step_agreement_get_pdf (self->agreement_step),
                                   ar_plan_step_agreement_get_name (self->agreement_step));
  adw_window_title_set_subtitle (self->window_title, _("Saved"));
  update_actions (self);
  g_signal_emit (self, signals[SAVED], 0, id, ar_plan_draft_get_debtor_id (self->draft));
}

/* Closing: ask before throwing away a plan that was worked on. */
static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (AdwMessageDialog *dialog, const char *response, ArPlanWizard *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->changed = FALSE;
      /* Not from inside the question's response: closing the wizard destroys the question
       * (it is transient for it) while it still emits. */
      g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
    }
}

static gboolean
ar_plan_wizard_close_request (GtkWindow *window)
{
  ArPlanWizard *self = AR_PLAN_WIZARD (window);
  GtkWidget *dialog;

  if (!self->changed || self->plan_id != 0)
    return GTK_WINDOW_CLASS (ar_plan_wizard_parent_class)->close_request (window);
  if (self->discard_dialog != NULL)
    return TRUE;

  dialog = adw_message_dialog_new (window, _("Discard the Payment Plan?"),
                                   _("The plan has not been saved. Closing now throws away "
                                     "what was entered."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  g_set_weak_pointer (&self->discard_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
ar_plan_wizard_dispose (GObject *object)
{
  ArPlanWizard *self = AR_PLAN_WIZARD (object);

  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_clear_object (&self->draft);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_weak_pointer (&self->discard_dialog);
  G_OBJECT_CLASS (ar_plan_wizard_parent_class)->dispose (object);
}

static void
ar_plan_wizard_class_init (ArPlanWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ar_plan_wizard_dispose;
  window_class->close_request = ar_plan_wizard_close_request;

  /* (plan id, debtor id) */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  g_type_ensure (AR_TYPE_PLAN_STEP_ITEMS);
  g_type_ensure (AR_TYPE_PLAN_STEP_TERMS);
  g_type_ensure (AR_TYPE_PLAN_STEP_AGREEMENT);
  g_type_ensure (AR_TYPE_PLAN_STEP_CONFIRM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-plan-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, ArPlanWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, ArPlanWizard, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ArPlanWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, ArPlanWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, ArPlanWizard, finish_button);
  gtk_widget_class_bind_template_child (widget_class, ArPlanWizard, close_button);
  gtk_widget_class_bind_template_child (widget_class, ArPlanWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, ArPlanWizard, items_step);
  gtk_widget_class_bind_template_child (widget_class, ArPlanWizard, terms_step);
  gtk_widget_class_bind_template_child (widget_class, ArPlanWizard, agreement_step);
  gtk_widget_class_bind_template_child (widget_class, ArPlanWizard, confirm_step);

  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.finish", NULL, finish_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK,
                                       "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK,
                                       "wizard.back", NULL);
}

static void
ar_plan_wizard_init (ArPlanWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->steps = g_ptr_array_new ();
  g_ptr_array_add (self->steps, self->items_step);
  g_ptr_array_add (self->steps, self->terms_step);
  g_ptr_array_add (self->steps, self->agreement_step);
  g_ptr_array_add (self->steps, self->confirm_step);
  for (guint i = 0; i < self->steps->len; i++)
    g_signal_connect_object (g_ptr_array_index (self->steps, i), "notify::complete",
                             G_CALLBACK (on_step_complete_cb), self, G_CONNECT_SWAPPED);
}

ArPlanWizard *
ar_plan_wizard_new (GtkWindow *parent, ArLedger *ledger, ArPlanDraft *draft)
{
  ArPlanWizard *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (draft), NULL);

  self = g_object_new (AR_TYPE_PLAN_WIZARD, "transient-for", parent, NULL);
  self->ledger = g_object_ref (ledger);
  self->draft = g_object_ref (draft);
  g_signal_connect_object (draft, "changed", G_CALLBACK (on_draft_changed_cb), self,
                           G_CONNECT_SWAPPED);
  ar_plan_step_agreement_set_ledger (self->agreement_step, ledger);
  if (ar_plan_draft_get_replaces_id (draft) != 0)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Renegotiate Payment Plan"));
      adw_window_title_set_title (self->window_title, _("Renegotiate Payment Plan"));
    }
  show_step (self, 0);
  return self;
}

guint
ar_plan_wizard_get_position (ArPlanWizard *self)
{
  g_return_val_if_fail (AR_IS_PLAN_WIZARD (self), 0);
  return self->position;
}

GtkWidget *
ar_plan_wizard_get_step (ArPlanWizard *self, guint position)
{
  g_return_val_if_fail (AR_IS_PLAN_WIZARD (self), NULL);
  g_return_val_if_fail (position < self->steps->len, NULL);
  return g_ptr_array_index (self->steps, position);
}

gint64
ar_plan_wizard_get_plan_id (ArPlanWizard *self)
{
  g_return_val_if_fail (AR_IS_PLAN_WIZARD (self), 0);
  return self->plan_id;
}

gboolean
ar_plan_wizard_is_changed (ArPlanWizard *self)
{
  g_return_val_if_fail (AR_IS_PLAN_WIZARD (self), FALSE);
  return self->changed;
}

GtkWindow *
ar_plan_wizard_get_discard_dialog (ArPlanWizard *self)
{
  g_return_val_if_fail (AR_IS_PLAN_WIZARD (self), NULL);
  return self->discard_dialog;
}
