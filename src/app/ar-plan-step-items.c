/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-plan-step-items"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-date.h"
#include "ar-money.h"
#include "ar-plan-step-items.h"

struct _ArPlanStepItems
{
  GtkWidget     parent_instance;

  GtkListBox   *items_list;
  GtkSwitch    *waive_switch;
  GtkLabel     *total_label;
  GtkLabel     *error_label;

  ArPlanDraft  *draft;      /* owned */
  GPtrArray    *checks;     /* GtkCheckButton per item, borrowed */
  gboolean      loading;
};

static void ar_plan_step_items_iface_init (ArPlanStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ArPlanStepItems, ar_plan_step_items, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (AR_TYPE_PLAN_STEP,
                                                      ar_plan_step_items_iface_init))

enum { PROP_0, PROP_COMPLETE };

static void
update_total (ArPlanStepItems *self)
{
  g_autofree char *total = NULL;
  gboolean complete;

  if (self->draft == NULL)
    return;
  total = ar_money_format (ar_plan_draft_get_covered_total (self->draft),
                           ar_plan_draft_get_currency (self->draft));
  gtk_label_set_text (self->total_label, total);
  complete = ar_plan_draft_get_n_included (self->draft) > 0;
  gtk_label_set_text (self->error_label, _("Tick at least one invoice for the plan to cover."));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), !complete);
  ar_plan_step_notify_complete (AR_PLAN_STEP (self));
}

static void
on_check_toggled_cb (GtkCheckButton  *check,
                     ArPlanStepItems *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "index"));

  if (self->loading || self->draft == NULL)
    return;
  ar_plan_draft_set_item_included (self->draft, index, gtk_check_button_get_active (check));
  update_total (self);
}

static void
on_waive_changed_cb (ArPlanStepItems *self)
{
  if (self->loading || self->draft == NULL)
    return;
  ar_plan_draft_set_waive_fees (self->draft, gtk_switch_get_active (self->waive_switch));
  update_total (self);
}

static void
step_load (ArPlanStep *step, ArPlanDraft *draft)
{
  ArPlanStepItems *self = AR_PLAN_STEP_ITEMS (step);
  const char *currency = ar_plan_draft_get_currency (draft);

  g_set_object (&self->draft, draft);
  self->loading = TRUE;
  for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (self->items_list, 0)) != NULL;)
    gtk_list_box_remove (self->items_list, GTK_WIDGET (row));
  g_ptr_array_set_size (self->checks, 0);

  for (guint i = 0; i < ar_plan_draft_get_n_items (draft); i++)
    {
      const ArPlanItem *item = ar_plan_draft_get_item (draft, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *amount;
      g_autofree char *open = ar_money_format (item->open, currency);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      char due[11];

      ar_date_format_julian (item->due_date, due);
      /* Translators: under an invoice number in the plan wizard: "Due 2026-10-01" */
      g_string_append_printf (subtitle, _("Due %s"), due);
      if (item->description != NULL && *item->description != '\0')
        g_string_append_printf (subtitle, " · %s", item->description);
      if (item->fees > 0)
        {
          g_autofree char *fees = ar_money_format (item->fees, currency);

          /* Translators: the fees and interest included in an invoice's open amount */
          g_string_append (subtitle, " · ");
          g_string_append_printf (subtitle, _("incl. %s fees"), fees);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->number);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), item->included);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      item->number, -1);
      g_object_set_data (G_OBJECT (check), "index", GUINT_TO_POINTER (i));
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      amount = gtk_label_new (open);
      gtk_widget_add_css_class (amount, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
      gtk_list_box_append (self->items_list, row);
      g_ptr_array_add (self->checks, check);
    }
  gtk_switch_set_active (self->waive_switch, ar_plan_draft_get_waive_fees (draft));
  self->loading = FALSE;
  update_total (self);
}

static gboolean
step_is_complete (ArPlanStep *step)
{
  ArPlanStepItems *self = AR_PLAN_STEP_ITEMS (step);

  return self->draft != NULL && ar_plan_draft_get_n_included (self->draft) > 0;
}

static void
step_apply (ArPlanStep *step, ArPlanDraft *draft)
{
  /* Every tick went to the draft as it was made. */
}

static void
ar_plan_step_items_iface_init (ArPlanStepInterface *iface)
{
  iface->load = step_load;
  iface->is_complete = step_is_complete;
  iface->apply = step_apply;
}

static void
ar_plan_step_items_get_property (GObject *object, guint prop_id, GValue *value,
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
ar_plan_step_items_dispose (GObject *object)
{
  ArPlanStepItems *self = AR_PLAN_STEP_ITEMS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AR_TYPE_PLAN_STEP_ITEMS);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->draft);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  G_OBJECT_CLASS (ar_plan_step_items_parent_class)->dispose (object);
}

static void
ar_plan_step_items_class_init (ArPlanStepItemsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_plan_step_items_dispose;
  object_class->get_property = ar_plan_step_items_get_property;
  g_object_class_override_property (object_class, PROP_COMPLETE, "complete");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-plan-step-items.ui");
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepItems, items_list);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepItems, waive_switch);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepItems, total_label);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepItems, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_waive_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ar_plan_step_items_init (ArPlanStepItems *self)
{
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkCheckButton *
ar_plan_step_items_get_check (ArPlanStepItems *self, guint index)
{
  g_return_val_if_fail (AR_IS_PLAN_STEP_ITEMS (self), NULL);
  g_return_val_if_fail (index < self->checks->len, NULL);
  return g_ptr_array_index (self->checks, index);
}

const char *
ar_plan_step_items_get_total (ArPlanStepItems *self)
{
  g_return_val_if_fail (AR_IS_PLAN_STEP_ITEMS (self), NULL);
  return gtk_label_get_text (self->total_label);
}
