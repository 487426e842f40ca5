/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-plan-step-terms"
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ar-date.h"
#include "ar-money.h"
#include "ar-plan-step-terms.h"

struct _ArPlanStepTerms
{
  GtkWidget     parent_instance;

  AdwEntryRow  *down_row;
  AdwComboRow  *mode_row;
  AdwEntryRow  *count_row;
  AdwComboRow  *frequency_row;
  AdwEntryRow  *first_row;
  AdwComboRow  *cost_row;
  AdwEntryRow  *cost_entry_row;
  GtkLabel     *error_label;
  GtkListBox   *schedule_list;
  GtkLabel     *summary_label;

  ArPlanDraft  *draft;      /* owned */
  gboolean      loading;
  gboolean      complete;
  guint         n_preview;
};

static void ar_plan_step_terms_iface_init (ArPlanStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ArPlanStepTerms, ar_plan_step_terms, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (AR_TYPE_PLAN_STEP,
                                                      ar_plan_step_terms_iface_init))

enum { PROP_0, PROP_COMPLETE };

enum { MODE_COUNT, MODE_AMOUNT };
enum { COST_NONE, COST_INTEREST, COST_FEE };

/* Marks @row as wrong (or right again), for the eye and for screen readers. */
static void
mark (AdwEntryRow *row, const char *message)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (row);

  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
      gtk_accessible_update_state (accessible, GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_reset_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (accessible, GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* An amount the user typed; "" is 0 when @empty_ok. */
static gboolean
parse_amount (ArPlanStepTerms *self, AdwEntryRow *row, gboolean empty_ok, gint64 *out,
              GString *problems, const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (text_of (row)));
  ArMoney money;

  *out = 0;
  if (*text == '\0' && empty_ok)
    return TRUE;
  if (ar_money_parse_locale (text, ar_plan_draft_get_currency (self->draft), &money, &error))
    {
      *out = money.minor;
      return TRUE;
    }
  /* Translators: a field's name, then what is wrong with it: "Down payment: …" */
  g_string_append_printf (problems, _("%s: %s\n"), field, error->message);
  mark (row, error->message);
  return FALSE;
}

/* A rate in percent with up to two decimals ("8.5", "8,50") as basis points. */
static gboolean
parse_rate (const char *text, guint32 *out_bp)
{
  g_autofree char *plain = g_strdelimit (g_strdup (text), ",", '.');
  gint64 bp;

  if (!ar_percent_parse_bp (plain, &bp) || bp < 0 || bp > G_MAXUINT32)
    return FALSE;
  *out_bp = (guint32) bp;
  return TRUE;
}

static void
clear_preview (ArPlanStepTerms *self)
{
  for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (self->schedule_list, 0)) != NULL;)
    gtk_list_box_remove (self->schedule_list, GTK_WIDGET (row));
  self->n_preview = 0;
}

static void
show_schedule (ArPlanStepTerms *self, const ArPlanSchedule *schedule)
{
  const char *currency = ar_plan_draft_get_currency (self->draft);
  g_autofree char *total = ar_money_format (schedule->total, currency);
  g_autofree char *cost = ar_money_format (schedule->cost, currency);
  g_autofree char *summary = NULL;

  clear_preview (self);
  for (guint i = 0; i < schedule->rows->len; i++)
    {
      const ArPlanScheduleRow *r = &g_array_index (schedule->rows, ArPlanScheduleRow, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *amount = ar_money_format (r->amount, currency);
      g_autofree char *title = NULL;
      GtkWidget *label;
      char due[11];

      ar_date_format_julian (r->due, due);
      title = r->seq == 0 ? g_strdup (_("Down payment"))
                          /* Translators: a row of the schedule preview: "Instalment 3" */
                          : g_strdup_printf (_("Instalment %u"), r->seq);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), due);
      label = gtk_label_new (amount);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->schedule_list, row);
      self->n_preview++;
    }
  /* Translators: under the schedule preview: "Total $1,012.34, of which $12.34 is the cost of
   * the plan (interest or fee)." */
  summary = schedule->cost > 0
              ? g_strdup_printf (_("Total %s, of which %s is the cost of the plan (interest or "
                                   "fee)."), total, cost)
              : g_strdup_printf (_("Total %s. The plan costs the debtor nothing extra."), total);
  gtk_label_set_text (self->summary_label, summary);
}

/* Reads every field into the draft and shows the preview or what is wrong. */
static void
update (ArPlanStepTerms *self)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const ArPlanSchedule *schedule = NULL;
  gboolean by_amount = adw_combo_row_get_selected (self->mode_row) == MODE_AMOUNT;
  guint cost_kind = adw_combo_row_get_selected (self->cost_row);
  gboolean parsed = TRUE, complete;
  gint64 down = 0;
  GDate first;

  if (self->loading || self->draft == NULL)
    return;
  mark (self->down_row, NULL);
  mark (self->count_row, NULL);
  mark (self->first_row, NULL);
  mark (self->cost_entry_row, NULL);

  if (parse_amount (self, self->down_row, TRUE, &down, problems, _("Down payment")))
    ar_plan_draft_set_down_payment (self->draft, down);
  else
    parsed = FALSE;

  if (by_amount)
    {
      gint64 amount;

      if (parse_amount (self, self->count_row, FALSE, &amount, problems,
                        _("Instalment amount")))
        ar_plan_draft_set_instalment_amount (self->draft, amount);
      else
        parsed = FALSE;
    }
  else
    {
      guint64 n;
      const char *text = text_of (self->count_row);

      if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &n, NULL))
        ar_plan_draft_set_n_instalments (self->draft, (guint) n);
      else
        {
          const char *message = _("Write the number of instalments as a whole number, like 6.");

          g_string_append_printf (problems, "%s\n", message);
          mark (self->count_row, message);
          parsed = FALSE;
        }
    }

  if (adw_combo_row_get_selected (self->frequency_row) < AR_N_PLAN_FREQUENCIES)
    ar_plan_draft_set_frequency (self->draft,
                                 (ArPlanFrequency) adw_combo_row_get_selected (self->frequency_row));

  if (ar_date_parse (text_of (self->first_row), &first, NULL))
    ar_plan_draft_set_first_due (self->draft, ar_date_to_julian (&first));
  else
    {
      /* Translators: keep YYYY-MM-DD as it is, it is the format the field reads */
      const char *message = _("Write the first due date as YYYY-MM-DD, like 2027-01-31.");

      g_string_append_printf (problems, "%s\n", message);
      mark (self->first_row, message);
      parsed = FALSE;
    }

  ar_plan_draft_set_apr_bp (self->draft, 0);
  ar_plan_draft_set_setup_fee (self->draft, 0);
  if (cost_kind == COST_INTEREST)
    {
      guint32 bp;

      if (parse_rate (text_of (self->cost_entry_row), &bp))
        ar_plan_draft_set_apr_bp (self->draft, bp);
      else
        {
          const char *message = _("Write the annual rate in percent, like 8.5.");

          g_string_append_printf (problems, "%s\n", message);
          mark (self->cost_entry_row, message);
          parsed = FALSE;
        }
    }
  else if (cost_kind == COST_FEE)
    {
      gint64 fee;

      if (parse_amount (self, self->cost_entry_row, FALSE, &fee, problems, _("Set-up fee")))
        ar_plan_draft_set_setup_fee (self->draft, fee);
      else
        parsed = FALSE;
    }

  if (parsed)
    {
      schedule = ar_plan_draft_get_schedule (self->draft, &error);
      if (schedule == NULL)
        {
          AdwEntryRow *row = NULL;

          g_string_append (problems, error->message);
          if (g_error_matches (error, AR_PLAN_ERROR, AR_PLAN_ERROR_DOWN_PAYMENT))
            row = self->down_row;
          else if (g_error_matches (error, AR_PLAN_ERROR, AR_PLAN_ERROR_COUNT) ||
                   g_error_matches (error, AR_PLAN_ERROR, AR_PLAN_ERROR_AMOUNT) ||
                   g_error_matches (error, AR_PLAN_ERROR, AR_PLAN_ERROR_TERM))
            row = self->count_row;
          else if (g_error_matches (error, AR_PLAN_ERROR, AR_PLAN_ERROR_FIRST_DUE))
            row = self->first_row;
          else if (g_error_matches (error, AR_PLAN_ERROR, AR_PLAN_ERROR_INTEREST) ||
                   g_error_matches (error, AR_PLAN_ERROR, AR_PLAN_ERROR_FEE))
            row = self->cost_entry_row;
          if (row != NULL)
            mark (row, error->message);
        }
    }

  if (schedule != NULL)
    show_schedule (self, schedule);
  else
    {
      clear_preview (self);
      gtk_label_set_text (self->summary_label, "");
    }
  while (problems->len > 0 && problems->str[problems->len - 1] == '\n')
    g_string_truncate (problems, problems->len - 1);
  gtk_label_set_text (self->error_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), problems->len > 0);

  complete = schedule != NULL;
  if (complete != self->complete)
    {
      self->complete = complete;
      ar_plan_step_notify_complete (AR_PLAN_STEP (self));
    }
}

static void
on_changed_cb (ArPlanStepTerms *self)
{
  update (self);
}

static void
on_mode_changed_cb (ArPlanStepTerms *self)
{
  guint cost_kind = adw_combo_row_get_selected (self->cost_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->count_row),
                                 adw_combo_row_get_selected (self->mode_row) == MODE_AMOUNT
                                   ? _("Instalment _amount")
                                   : _("N_umber of instalments"));
  gtk_widget_set_visible (GTK_WIDGET (self->cost_entry_row), cost_kind != COST_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cost_entry_row),
                                 cost_kind == COST_FEE ? _("Set-up fe_e")
                                                       : _("Annual ra_te in %"));
  update (self);
}

static void
step_load (ArPlanStep *step, ArPlanDraft *draft)
{
  ArPlanStepTerms *self = AR_PLAN_STEP_TERMS (step);
  const char *currency = ar_plan_draft_get_currency (draft);
  ArPlanTerms terms;
  g_autofree char *down = NULL;
  char first[11];

  g_set_object (&self->draft, draft);
  ar_plan_draft_get_terms (draft, &terms);
  self->loading = TRUE;
  down = terms.down_payment > 0 ? ar_money_format (terms.down_payment, currency) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->down_row), down);
  if (terms.instalment_amount > 0)
    {
      g_autofree char *amount = ar_money_format (terms.instalment_amount, currency);

      adw_combo_row_set_selected (self->mode_row, MODE_AMOUNT);
      gtk_editable_set_text (GTK_EDITABLE (self->count_row), amount);
    }
  else
    {
      g_autofree char *n = g_strdup_printf ("%u", terms.n_instalments);

      adw_combo_row_set_selected (self->mode_row, MODE_COUNT);
      gtk_editable_set_text (GTK_EDITABLE (self->count_row), n);
    }
  adw_combo_row_set_selected (self->frequency_row, terms.frequency);
  gtk_editable_set_text (GTK_EDITABLE (self->first_row),
                         terms.first_due != 0 ? ar_date_format_julian (terms.first_due, first)
                                              : "");
  if (terms.apr_bp > 0)
    {
      g_autofree char *rate = g_strdup_printf ("%u.%02u", terms.apr_bp / 100, terms.apr_bp % 100);

      adw_combo_row_set_selected (self->cost_row, COST_INTEREST);
      gtk_editable_set_text (GTK_EDITABLE (self->cost_entry_row), rate);
    }
  else if (terms.setup_fee > 0)
    {
      g_autofree char *fee = ar_money_format (terms.setup_fee, currency);

      adw_combo_row_set_selected (self->cost_row, COST_FEE);
      gtk_editable_set_text (GTK_EDITABLE (self->cost_entry_row), fee);
    }
  else
    adw_combo_row_set_selected (self->cost_row, COST_NONE);
  self->loading = FALSE;
  self->complete = FALSE;
  on_mode_changed_cb (self);
  ar_plan_step_notify_complete (step);
}

static gboolean
step_is_complete (ArPlanStep *step)
{
  return AR_PLAN_STEP_TERMS (step)->complete;
}

static void
step_apply (ArPlanStep *step, ArPlanDraft *draft)
{
  /* Every change went to the draft as it was typed; read the fields once more. */
  update (AR_PLAN_STEP_TERMS (step));
}

static void
ar_plan_step_terms_iface_init (ArPlanStepInterface *iface)
{
  iface->load = step_load;
  iface->is_complete = step_is_complete;
  iface->apply = step_apply;
}

static void
ar_plan_step_terms_get_property (GObject *object, guint prop_id, GValue *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_COMPLETE:
      g_value_set_boolean (value, AR_PLAN_STEP_TERMS (object)->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_plan_step_terms_dispose (GObject *object)
{
  ArPlanStepTerms *self = AR_PLAN_STEP_TERMS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AR_TYPE_PLAN_STEP_TERMS);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->draft);
  G_OBJECT_CLASS (ar_plan_step_terms_parent_class)->dispose (object);
}

static void
ar_plan_step_terms_class_init (ArPlanStepTermsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_plan_step_terms_dispose;
  object_class->get_property = ar_plan_step_terms_get_property;
  g_object_class_override_property (object_class, PROP_COMPLETE, "complete");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-plan-step-terms.ui");
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepTerms, down_row);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepTerms, mode_row);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepTerms, count_row);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepTerms, frequency_row);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepTerms, first_row);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepTerms, cost_row);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepTerms, cost_entry_row);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepTerms, error_label);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepTerms, schedule_list);
  gtk_widget_class_bind_template_child (widget_class, ArPlanStepTerms, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ar_plan_step_terms_init (ArPlanStepTerms *self)
{
  g_autoptr(GtkStringList) frequencies = gtk_string_list_new (NULL);

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint f = 0; f < AR_N_PLAN_FREQUENCIES; f++)
    gtk_string_list_append (frequencies, ar_plan_frequency_to_label ((ArPlanFrequency) f));
  adw_combo_row_set_model (self->frequency_row, G_LIST_MODEL (frequencies));
  self->loading = FALSE;
}

GtkEditable *
ar_plan_step_terms_get_field (ArPlanStepTerms *self, ArPlanTermsField field)
{
  g_return_val_if_fail (AR_IS_PLAN_STEP_TERMS (self), NULL);

  switch (field)
    {
    case AR_PLAN_TERMS_DOWN:      return GTK_EDITABLE (self->down_row);
    case AR_PLAN_TERMS_COUNT:     return GTK_EDITABLE (self->count_row);
    case AR_PLAN_TERMS_FIRST_DUE: return GTK_EDITABLE (self->first_row);
    case AR_PLAN_TERMS_COST:      return GTK_EDITABLE (self->cost_entry_row);
    default:                      g_return_val_if_reached (NULL);
    }
}

void
ar_plan_step_terms_set_mode (ArPlanStepTerms *self, guint mode)
{
  g_return_if_fail (AR_IS_PLAN_STEP_TERMS (self));
  adw_combo_row_set_selected (self->mode_row, mode);
}

void
ar_plan_step_terms_set_cost_kind (ArPlanStepTerms *self, guint kind)
{
  g_return_if_fail (AR_IS_PLAN_STEP_TERMS (self));
  adw_combo_row_set_selected (self->cost_row, kind);
}

void
ar_plan_step_terms_set_frequency (ArPlanStepTerms *self, ArPlanFrequency frequency)
{
  g_return_if_fail (AR_IS_PLAN_STEP_TERMS (self));
  adw_combo_row_set_selected (self->frequency_row, frequency);
}

const char *
ar_plan_step_terms_get_error (ArPlanStepTerms *self)
{
  g_return_val_if_fail (AR_IS_PLAN_STEP_TERMS (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
           ? gtk_label_get_text (self->error_label) : NULL;
}

guint
ar_plan_step_terms_get_n_preview (ArPlanStepTerms *self)
{
  g_return_val_if_fail (AR_IS_PLAN_STEP_TERMS (self), 0);
  return self->n_preview;
}

const char *
ar_plan_step_terms_get_summary (ArPlanStepTerms *self)
{
  g_return_val_if_fail (AR_IS_PLAN_STEP_TERMS (self), NULL);
  return gtk_label_get_text (self->summary_label);
}
