/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-plan-section"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-date.h"
#include "ar-money.h"
#include "ar-plan-section.h"
#include "ar-plan-wizard.h"
#include "ar-promise.h"

struct _ArPlanSection
{
  GtkWidget       parent_instance;

  GtkWidget      *none_box;
  GtkLabel       *none_label;
  GtkWidget      *plan_box;
  GtkLabel       *title_label;
  GtkLabel       *state_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *summary_label;
  GtkWidget      *actions_box;
  GtkListBox     *schedule_list;
  GtkListBox     *promise_list;

  ArLedger       *ledger;        /* owned */
  gint64          debtor_id;
  char           *currency;
  guint32         as_of;
  ArPlan         *plan;          /* shown: the running one, else the latest */
  GPtrArray      *row_states;    /* const char *, per instalment row */
  GPtrArray      *promise_texts; /* char *, per promise row */
  GtkWindow      *dialog;        /* weak: the wizard or the cancel question */
  GtkEditable    *reason_entry;  /* weak, in the cancel question */
  gint64          cancel_promise_id; /* the promise the open question is about, else 0 */
};

G_DEFINE_FINAL_TYPE (ArPlanSection, ar_plan_section, GTK_TYPE_WIDGET)

enum { CHANGED, RECORD_PAYMENT, N_SIGNALS };
static guint signals[N_SIGNALS];

static char *
money (ArPlanSection *self, gint64 amount, const char *currency)
{
  return ar_money_format (amount, currency != NULL ? currency : self->currency);
}

static GtkWindow *
parent_window (ArPlanSection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  /* Rows only: the placeholder is a child too. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static const char *
state_css (ArPlanState state)
{
  switch (state)
    {
    case AR_PLAN_STATE_ACTIVE:    return "accent";
    case AR_PLAN_STATE_COMPLETED: return "success";
    case AR_PLAN_STATE_DEFAULTED: return "error";
    default:                      return "dim-label";
    }
}

static void
fill_plan (ArPlanSection *self)
{
  const ArPlan *plan = self->plan;
  static const char *classes[] = { "accent", "success", "error", "dim-label" };
  g_autofree char *paid = NULL;
  g_autofree char *total = NULL;
  g_autofree char *progress = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *title = NULL;
  gboolean running;
  char date[11];

  clear_list (self->schedule_list);
  g_ptr_array_set_size (self->row_states, 0);
  gtk_widget_set_visible (self->plan_box, plan != NULL);
  running = plan != NULL && plan->state == AR_PLAN_STATE_ACTIVE;
  gtk_widget_set_visible (self->none_box, !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.record-instalment", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.renegotiate",
                                 plan != NULL && (running ||
                                                  plan->state == AR_PLAN_STATE_DEFAULTED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.cancel",
                                 plan != NULL && (running ||
                                                  plan->state == AR_PLAN_STATE_DEFAULTED));
  gtk_widget_set_visible (self->actions_box, plan != NULL &&
                                             (running || plan->state == AR_PLAN_STATE_DEFAULTED));
  if (plan == NULL)
    return;

  gtk_label_set_text (self->none_label, _("No payment plan is running. The latest plan:"));
  /* Translators: the plan's heading: "Payment plan of 2027-01-05" */
  title = g_strdup_printf (_("Payment plan of %s"), ar_date_format_julian (plan->plan_date, date));
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->state_label, ar_plan_state_to_label (plan->state));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), state_css (plan->state));

  paid = money (self, plan->paid, plan->currency);
  total = money (self, plan->total, plan->currency);
  /* Translators: on the plan's progress bar: "$333.33 of $1,000.00 paid" */
  progress = g_strdup_printf (_("%s of %s paid"), paid, total);
  gtk_progress_bar_set_text (self->progress_bar, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, plan->progress_permille / 1000.0);

  if (running && plan->next_due != 0)
    {
      g_autofree char *next = money (self, plan->next_amount, plan->currency);

      /* Translators: "Next: $333.33 due 2027-02-28." */
      g_string_append_printf (summary, _("Next: %s due %s."), next,
                              ar_date_format_julian (plan->next_due, date));
    }
  if (plan->n_missed > 0 && plan->state == AR_PLAN_STATE_ACTIVE)
    {
      if (summary->len > 0)
        g_string_append_c (summary, ' ');
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE,
                                                    "%u instalment missed; the plan defaults "
                                                    "after %u in a row.",
                                                    "%u instalments missed; the plan defaults "
                                                    "after %u in a row.", plan->n_missed),
                              plan->n_missed, plan->default_after);
    }
  if (plan->state == AR_PLAN_STATE_DEFAULTED)
    {
      if (summary->len > 0)
        g_string_append_c (summary, ' ');
      g_string_append_printf (summary, _("Defaulted on %s: the debtor is back in dunning."),
                              ar_date_format_julian (plan->defaulted_on, date));
    }
  else if (plan->state == AR_PLAN_STATE_CANCELLED || plan->state == AR_PLAN_STATE_RENEGOTIATED)
    {
      if (summary->len > 0)
        g_string_append_c (summary, ' ');
      /* Translators: "Ended on 2027-02-01: moved house" */
      g_string_append_printf (summary, _("Ended on %s: %s"),
                              ar_date_format_julian (plan->ended_on, date),
                              plan->cancel_reason != NULL ? plan->cancel_reason : "");
    }
  else if (plan->state == AR_PLAN_STATE_COMPLETED)
    {
      if (summary->len > 0)
        g_string_append_c (summary, ' ');
      g_string_append_printf (summary, _("Paid in full on %s."),
                              ar_date_format_julian (plan->completed_on, date));
    }
  gtk_label_set_text (self->summary_label, summary->str);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary->len > 0);

  for (guint i = 0; i < plan->instalments->len; i++)
    {
      const ArPlanInstalment *in = &g_array_index (plan->instalments, ArPlanInstalment, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *amount_label, *state;
      g_autofree char *amount = money (self, in->amount, plan->currency);
      g_autofree char *row_title = in->seq == 0 ? g_strdup (_("Down payment"))
                                                : g_strdup_printf (_("Instalment %u"), in->seq);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      const char *state_text = ar_instalment_state_to_label (in->state);

      /* Translators: under an instalment: "Due 2027-01-31" */
      g_string_append_printf (subtitle, _("Due %s"), ar_date_format_julian (in->due, date));
      if (in->state == AR_INSTALMENT_PARTLY_PAID)
        {
          g_autofree char *part = money (self, in->paid, plan->currency);

          g_string_append (subtitle, " · ");
          /* Translators: what went in on a partly paid instalment */
          g_string_append_printf (subtitle, _("%s paid"), part);
        }
      else if (in->state == AR_INSTALMENT_PAID && in->paid_on != 0)
        {
          g_string_append (subtitle, " · ");
          g_string_append_printf (subtitle, _("paid %s"),
                                  ar_date_format_julian (in->paid_on, date));
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      amount_label = gtk_label_new (amount);
      gtk_widget_add_css_class (amount_label, "numeric");
      state = gtk_label_new (state_text);
      gtk_widget_set_size_request (state, 90, -1);
      gtk_label_set_xalign (GTK_LABEL (state), 1.0);
      gtk_widget_add_css_class (state, "caption-heading");
      if (in->state == AR_INSTALMENT_MISSED)
        gtk_widget_add_css_class (state, "error");
      else if (in->state == AR_INSTALMENT_PAID)
        gtk_widget_add_css_class (state, "success");
      else if (in->state == AR_INSTALMENT_PARTLY_PAID)
        gtk_widget_add_css_class (state, "warning");
      else
        gtk_widget_add_css_class (state, "dim-label");
      gtk_box_append (GTK_BOX (box), amount_label);
      gtk_box_append (GTK_BOX (box), state);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      gtk_list_box_append (self->schedule_list, row);
      g_ptr_array_add (self->row_states, (gpointer) state_text);
    }
}

static gboolean
add_promise_row (const ArPromise *promise, gpointer user_data)
{
  ArPlanSection *self = user_data;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state = gtk_label_new (ar_promise_state_to_label (promise->state));
  g_autofree char *amount = money (self, promise->amount, promise->currency);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  char date[11];

  /* Translators: a promise: "$50.00 on 2026-12-04" */
  title = g_strdup_printf (_("%s on %s"), amount, ar_date_format_julian (promise->date, date));
  if (promise->series_length > 1)
    /* Translators: "2 of 6" in a repeating promise */
    g_string_append_printf (subtitle, _("%u of %u"), promise->series_index,
                            promise->series_length);
  if (promise->paid > 0 && promise->state != AR_PROMISE_KEPT)
    {
      g_autofree char *paid = money (self, promise->paid, promise->currency);

      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, _("%s paid"), paid);
    }
  if (promise->note != NULL && *promise->note != '\0')
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, promise->note);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle->len > 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_widget_add_css_class (state, "caption-heading");
  gtk_widget_add_css_class (state, promise->state == AR_PROMISE_BROKEN ? "error"
                                   : promise->state == AR_PROMISE_KEPT ? "success"
                                   : promise->state == AR_PROMISE_PARTLY_KEPT ? "warning"
                                   : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  if (promise->state == AR_PROMISE_PENDING)
    {
      GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel…"));
      g_autofree char *label = g_strdup_printf (_("Cancel the promise of %s"), title);

      gtk_widget_add_css_class (cancel, "flat");
      gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (cancel, _("Cancel Promise"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "plan.cancel-promise");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (cancel),
                                              g_variant_new_int64 (promise->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), cancel);
    }
  gtk_list_box_append (self->promise_list, row);
  g_ptr_array_add (self->promise_texts,
                   g_strdup_printf ("%s %s", title, ar_promise_state_to_label (promise->state)));
  return TRUE;
}

static void
reload (ArPlanSection *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plans = NULL;

  g_clear_pointer (&self->plan, ar_plan_free);
  clear_list (self->promise_list);
  g_ptr_array_set_size (self->promise_texts, 0);
  gtk_label_set_text (self->none_label, _("No payment plan is running."));
  if (self->ledger == NULL)
    {
      fill_plan (self);
      return;
    }

  self->plan = ar_ledger_get_active_plan (self->ledger, self->debtor_id, self->as_of, &error);
  if (self->plan == NULL && error == NULL)
    {
      plans = ar_ledger_list_plans (self->ledger, self->debtor_id, self->as_of, &error);
      if (plans != NULL && plans->len > 0)
        self->plan = g_ptr_array_steal_index (plans, 0);
    }
  if (error != NULL)
    {
      gtk_label_set_text (self->none_label, error->message);
      g_clear_error (&error);
    }
  fill_plan (self);

  if (!ar_ledger_list_promises (self->ledger, self->debtor_id, self->as_of, add_promise_row, self,
                                &error))
    g_warning ("Promises of debtor %" G_GINT64_FORMAT ": %s", self->debtor_id, error->message);
}

/* The wizard ------------------------------------------------------------------------------- */

static void
on_wizard_saved_cb (ArPlanSection *self, gint64 plan_id, gint64 debtor_id)
{
  reload (self);
  g_signal_emit (self, signals[CHANGED], 0, debtor_id);
}

static void
show_message (ArPlanSection *self, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_wizard (ArPlanSection *self, ArPlanDraft *draft)
{
  ArPlanWizard *wizard = ar_plan_wizard_new (parent_window (self), self->ledger, draft);

  g_signal_connect_object (wizard, "saved", G_CALLBACK (on_wizard_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (wizard));
  gtk_window_present (GTK_WINDOW (wizard));
}

void
ar_plan_section_new_plan (ArPlanSection *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArPlanDraft) draft = NULL;

  g_return_if_fail (AR_IS_PLAN_SECTION (self));
  if (self->ledger == NULL)
    return;
  if (self->plan != NULL && self->plan->state == AR_PLAN_STATE_ACTIVE)
    {
      show_message (self, _("A Payment Plan Is Running"),
                    _("Renegotiate the running plan to change its terms, or cancel it first."));
      return;
    }

  draft = ar_plan_draft_new (self->ledger, self->debtor_id, self->currency, self->as_of, &error);
  if (draft == NULL)
    {
      show_message (self, _("No Payment Plan Possible"), error->message);
      return;
    }
  open_wizard (self, draft);
}

static void
renegotiate_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ArPlanSection *self = AR_PLAN_SECTION (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(ArPlanDraft) draft = NULL;

  if (self->ledger == NULL || self->plan == NULL)
    return;
  draft = ar_plan_draft_new_renegotiation (self->ledger, self->plan->id, self->as_of, &error);
  if (draft == NULL)
    {
      show_message (self, _("The Plan Cannot Be Renegotiated"), error->message);
      return;
    }
  open_wizard (self, draft);
}

static void
record_instalment_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ArPlanSection *self = AR_PLAN_SECTION (widget);

  if (self->plan == NULL || self->plan->next_due == 0)
    return;
  g_signal_emit (self, signals[RECORD_PAYMENT], 0, self->plan->next_amount);
}

/* Cancelling ------------------------------------------------------------------------------- */

static void
on_cancel_response_cb (AdwMessageDialog *dialog, const char *response, ArPlanSection *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  if (g_strcmp0 (response, "cancel-plan") != 0 || self->plan == NULL || self->reason_entry == NULL)
    return;
  reason = g_strstrip (g_strdup (gtk_editable_get_text (self->reason_entry)));
  if (!ar_ledger_cancel_plan (self->ledger, self->plan->id, self->as_of, reason, &error))
    {
      show_message (self, _("The Plan Was Not Cancelled"), error->message);
      return;
    }
  reload (self);
  g_signal_emit (self, signals[CHANGED], 0, self->debtor_id);
}

static void
on_reason_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "cancel-plan", *reason != '\0');
}

static void
cancel_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ArPlanSection *self = AR_PLAN_SECTION (widget);
  GtkWidget *dialog, *entry;

  if (self->plan == NULL)
    return;
  dialog = adw_message_dialog_new (parent_window (self), _("Cancel the Payment Plan?"),
                                   _("The plan ends today and the debtor returns to dunning. "
                                     "Its history stays. Say why:"));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for cancelling"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Plan"),
                                    "cancel-plan", _("_Cancel Plan"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-plan",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel-plan", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response_cb), self, 0);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  g_set_weak_pointer (&self->reason_entry, GTK_EDITABLE (entry));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Cancelling a promise ------------------------------------------------------------------------ */

static void
on_cancel_promise_response_cb (AdwMessageDialog *dialog, const char *response,
                               ArPlanSection *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 id = self->cancel_promise_id;

  self->cancel_promise_id = 0;
  if (g_strcmp0 (response, "cancel-promise") != 0 || id == 0 || self->reason_entry == NULL)
    return;
  reason = g_strstrip (g_strdup (gtk_editable_get_text (self->reason_entry)));
  if (!ar_ledger_cancel_promise (self->ledger, id, self->as_of, reason, &error))
    {
      show_message (self, _("The Promise Was Not Cancelled"), error->message);
      return;
    }
  reload (self);
  g_signal_emit (self, signals[CHANGED], 0, self->debtor_id);
}

static void
on_promise_reason_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "cancel-promise", *reason != '\0');
}

static void
cancel_promise_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  ArPlanSection *self = AR_PLAN_SECTION (widget);
  GtkWidget *dialog, *entry;

  if (self->ledger == NULL || g_variant_get_int64 (parameter) <= 0)
    return;
  self->cancel_promise_id = g_variant_get_int64 (parameter);
  dialog = adw_message_dialog_new (parent_window (self), _("Cancel the Promise?"),
                                   _("The promise (and the later payments of a repeating one) "
                                     "no longer pauses dunning. Its history stays. Say why:"));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for cancelling"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Promise"),
                                    "cancel-promise", _("_Cancel Promise"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-promise",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel-promise", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (entry, "changed", G_CALLBACK (on_promise_reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_promise_response_cb), self,
                           0);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  g_set_weak_pointer (&self->reason_entry, GTK_EDITABLE (entry));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject ---------------------------------------------------------------------------------- */

static void
ar_plan_section_dispose (GObject *object)
{
  ArPlanSection *self = AR_PLAN_SECTION (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AR_TYPE_PLAN_SECTION);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->plan, ar_plan_free);
  g_clear_pointer (&self->row_states, g_ptr_array_unref);
  g_clear_pointer (&self->promise_texts, g_ptr_array_unref);
  g_clear_weak_pointer (&self->dialog);
  g_clear_weak_pointer (&self->reason_entry);
  G_OBJECT_CLASS (ar_plan_section_parent_class)->dispose (object);
}

static void
ar_plan_section_class_init (ArPlanSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_plan_section_dispose;

  /* (debtor id) after a plan was saved or cancelled */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* (amount in minor units) owed on the next instalment */
  signals[RECORD_PAYMENT] = g_signal_new ("record-payment", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-plan-section.ui");
  gtk_widget_class_bind_template_child (widget_class, ArPlanSection, none_box);
  gtk_widget_class_bind_template_child (widget_class, ArPlanSection, none_label);
  gtk_widget_class_bind_template_child (widget_class, ArPlanSection, plan_box);
  gtk_widget_class_bind_template_child (widget_class, ArPlanSection, title_label);
  gtk_widget_class_bind_template_child (widget_class, ArPlanSection, state_label);
  gtk_widget_class_bind_template_child (widget_class, ArPlanSection, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ArPlanSection, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ArPlanSection, actions_box);
  gtk_widget_class_bind_template_child (widget_class, ArPlanSection, schedule_list);
  gtk_widget_class_bind_template_child (widget_class, ArPlanSection, promise_list);
  gtk_widget_class_install_action (widget_class, "plan.record-instalment", NULL,
                                   record_instalment_action);
  gtk_widget_class_install_action (widget_class, "plan.renegotiate", NULL, renegotiate_action);
  gtk_widget_class_install_action (widget_class, "plan.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "plan.cancel-promise", "x",
                                   cancel_promise_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ar_plan_section_init (ArPlanSection *self)
{
  self->row_states = g_ptr_array_new ();
  self->promise_texts = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_plan (self);
}

GtkWidget *
ar_plan_section_new (void)
{
  return g_object_new (AR_TYPE_PLAN_SECTION, NULL);
}

void
ar_plan_section_load (ArPlanSection *self, ArLedger *ledger, gint64 debtor_id,
                      const char *currency, guint32 as_of)
{
  g_return_if_fail (AR_IS_PLAN_SECTION (self));

  g_set_object (&self->ledger, ledger);
  self->debtor_id = debtor_id;
  g_free (self->currency);
  self->currency = g_strdup (currency);
  self->as_of = as_of;
  reload (self);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

const ArPlan *
ar_plan_section_get_plan (ArPlanSection *self)
{
  g_return_val_if_fail (AR_IS_PLAN_SECTION (self), NULL);
  return self->plan;
}

const char *
ar_plan_section_get_state_text (ArPlanSection *self)
{
  g_return_val_if_fail (AR_IS_PLAN_SECTION (self), NULL);
  return self->plan != NULL ? gtk_label_get_text (self->state_label) : NULL;
}

const char *
ar_plan_section_get_progress_text (ArPlanSection *self)
{
  g_return_val_if_fail (AR_IS_PLAN_SECTION (self), NULL);
  return gtk_progress_bar_get_text (self->progress_bar);
}

guint
ar_plan_section_get_n_rows (ArPlanSection *self)
{
  g_return_val_if_fail (AR_IS_PLAN_SECTION (self), 0);
  g_warn_if_fail (count_rows (self->schedule_list) == self->row_states->len);
  return count_rows (self->schedule_list);
}

const char *
ar_plan_section_get_row_state (ArPlanSection *self, guint index)
{
  g_return_val_if_fail (AR_IS_PLAN_SECTION (self), NULL);
  g_return_val_if_fail (index < self->row_states->len, NULL);
  return g_ptr_array_index (self->row_states, index);
}

guint
ar_plan_section_get_n_promises (ArPlanSection *self)
{
  g_return_val_if_fail (AR_IS_PLAN_SECTION (self), 0);
  return count_rows (self->promise_list);
}

const char *
ar_plan_section_get_promise_text (ArPlanSection *self, guint index)
{
  g_return_val_if_fail (AR_IS_PLAN_SECTION (self), NULL);
  g_return_val_if_fail (index < self->promise_texts->len, NULL);
  return g_ptr_array_index (self->promise_texts, index);
}

GtkWindow *
ar_plan_section_get_dialog (ArPlanSection *self)
{
  g_return_val_if_fail (AR_IS_PLAN_SECTION (self), NULL);
  return self->dialog;
}

void
ar_plan_section_confirm_cancel (ArPlanSection *self, const char *reason)
{
  g_return_if_fail (AR_IS_PLAN_SECTION (self));
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (self->dialog) && self->reason_entry != NULL);

  gtk_editable_set_text (self->reason_entry, reason);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self->dialog),
                               self->cancel_promise_id != 0 ? "cancel-promise" : "cancel-plan");
}
