/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-holds-section"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-date.h"
#include "ar-hold.h"
#include "ar-holds-section.h"

struct _ArHoldsSection
{
  GtkWidget     parent_instance;

  /* Template children. */
  GtkScrolledWindow *scroller;
  GtkListBox    *list;
  AdwComboRow   *kind_row;
  AdwEntryRow   *until_row;
  AdwEntryRow   *reason_row;
  GtkLabel      *problem_label;

  ArLedger      *ledger;
  ArAccount     *account;
  guint          n_holds;
};

G_DEFINE_FINAL_TYPE (ArHoldsSection, ar_holds_section, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_LEDGER, PROP_ACCOUNT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static guint32
today (void)
{
  GDate date;

  ar_date_set_today (&date);
  return ar_date_to_julian (&date);
}

static void
show_problem (ArHoldsSection *self,
              const char     *message)
{
  gtk_label_set_text (self->problem_label, message != NULL ? message : "");
}

static void
on_release_clicked_cb (GtkButton      *button,
                       ArHoldsSection *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "hold-id"));
  g_autoptr(GError) error = NULL;

  if (!ar_hold_release (self->ledger, id, today (), _("Released in the debtor pane"), &error))
    show_problem (self, error->message);
  ar_holds_section_reload (self);
}

static gboolean
add_row (const ArHold *hold,
         gpointer      user_data)
{
  ArHoldsSection *self = user_data;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *what = NULL;
  char start[11], until[11], released[11];
  guint32 day = today ();
  gboolean in_force = hold->released == 0 && hold->start <= day &&
                      (hold->until == 0 || hold->until >= day);

  ar_date_format_julian (hold->start, start);
  if (hold->until != 0)
    ar_date_format_julian (hold->until, until);
  what = hold->invoice_number != NULL
         ? g_strdup_printf (_("invoice %s"), hold->invoice_number)
         : g_strdup (_("all invoices"));
  if (hold->kind == AR_HOLD_DISPUTE)
    title = hold->until != 0 ? g_strdup_printf (_("Dispute until %s, %s"), until, what)
                             : g_strdup_printf (_("Dispute, %s"), what);
  else
    title = g_strdup_printf (_("Snooze until %s, %s"), until, what);
  if (hold->released != 0)
    subtitle = g_strdup_printf (_("From %s, released %s. %s"), start,
                                ar_date_format_julian (hold->released, released), hold->reason);
  else if (!in_force)
    subtitle = g_strdup_printf (_("From %s, ended. %s"), start, hold->reason);
  else
    subtitle = g_strdup_printf (_("From %s. %s"), start, hold->reason);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (in_force)
    {
      GtkWidget *button = gtk_button_new_with_label (_("Release"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "hold-id", GSIZE_TO_POINTER ((gsize) hold->id));
      g_signal_connect (button, "clicked", G_CALLBACK (on_release_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else
    gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (self->list, row);
  self->n_holds++;
  return TRUE;
}

void
ar_holds_section_reload (ArHoldsSection *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (AR_IS_HOLDS_SECTION (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL &&
         ADW_IS_PREFERENCES_ROW (child))
    gtk_list_box_remove (self->list, child);
  self->n_holds = 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->ledger != NULL && self->account != NULL);
  if (self->ledger == NULL || self->account == NULL)
    return;
  if (!ar_hold_list_for_debtor (self->ledger, ar_account_get_debtor_id (self->account), add_row,
                                self, &error))
    show_problem (self, error->message);
}

gboolean
ar_holds_section_place (ArHoldsSection  *self,
                        gboolean         dispute,
                        guint32          until,
                        const char      *reason,
                        GError         **error)
{
  ArHoldInfo info = { 0 };

  g_return_val_if_fail (AR_IS_HOLDS_SECTION (self), FALSE);
  g_return_val_if_fail (self->ledger != NULL && self->account != NULL, FALSE);

  info.debtor_id = ar_account_get_debtor_id (self->account);
  info.kind = dispute ? AR_HOLD_DISPUTE : AR_HOLD_SNOOZE;
  info.reason = reason;
  info.start = today ();
  info.until = until;
  if (!ar_hold_place (self->ledger, &info, NULL, error))
    return FALSE;
  ar_holds_section_reload (self);
  return TRUE;
}

static void
place_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ArHoldsSection *self = AR_HOLDS_SECTION (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
  const char *until_text = gtk_editable_get_text (GTK_EDITABLE (self->until_row));
  gboolean dispute = adw_combo_row_get_selected (self->kind_row) == 1;
  guint32 until = 0;

  gtk_widget_remove_css_class (GTK_WIDGET (self->until_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->reason_row), "error");
  if (until_text[0] != '\0' && (until = ar_date_parse_julian (until_text, &error)) == 0)
    {
      g_autofree char *message = g_strdup_printf (_("Until: %s"), error->message);

      gtk_widget_add_css_class (GTK_WIDGET (self->until_row), "error");
      show_problem (self, message);
      return;
    }
  if (!dispute && until == 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->until_row), "error");
      show_problem (self, _("Until: a snooze needs its last day"));
      return;
    }
  if (reason[0] == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->reason_row), "error");
      show_problem (self, _("Reason: say why dunning is held"));
      return;
    }
  if (!ar_holds_section_place (self, dispute, until, reason, &error))
    {
      show_problem (self, error->message);
      return;
    }
  show_problem (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->until_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
}

/* GObject ---------------------------------------------------------------------------------- */

static void
ar_holds_section_dispose (GObject *object)
{
  ArHoldsSection *self = (ArHoldsSection *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), AR_TYPE_HOLDS_SECTION);
  g_clear_object (&self->ledger);
  g_clear_object (&self->account);
  G_OBJECT_CLASS (ar_holds_section_parent_class)->dispose (object);
}

static void
ar_holds_section_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ArHoldsSection *self = AR_HOLDS_SECTION (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      g_value_set_object (value, self->ledger);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_holds_section_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ArHoldsSection *self = AR_HOLDS_SECTION (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      ar_holds_section_set_ledger (self, g_value_get_object (value));
      break;
    case PROP_ACCOUNT:
      ar_holds_section_set_account (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_holds_section_class_init (ArHoldsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_holds_section_dispose;
  object_class->get_property = ar_holds_section_get_property;
  object_class->set_property = ar_holds_section_set_property;

  properties[PROP_LEDGER] =
    g_param_spec_object ("ledger", NULL, NULL, AR_TYPE_LEDGER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, AR_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-holds-section.ui");
  gtk_widget_class_bind_template_child (widget_class, ArHoldsSection, scroller);
  gtk_widget_class_bind_template_child (widget_class, ArHoldsSection, list);
  gtk_widget_class_bind_template_child (widget_class, ArHoldsSection, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ArHoldsSection, until_row);
  gtk_widget_class_bind_template_child (widget_class, ArHoldsSection, reason_row);
  gtk_widget_class_bind_template_child (widget_class, ArHoldsSection, problem_label);
  gtk_widget_class_install_action (widget_class, "holds.place", NULL, place_action);
}

static void
ar_holds_section_init (ArHoldsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

GtkWidget *
ar_holds_section_new (void)
{
  return g_object_new (AR_TYPE_HOLDS_SECTION, NULL);
}

void
ar_holds_section_set_ledger (ArHoldsSection *self,
                             ArLedger       *ledger)
{
  g_return_if_fail (AR_IS_HOLDS_SECTION (self));

  if (g_set_object (&self->ledger, ledger))
    {
      ar_holds_section_reload (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEDGER]);
    }
}

void
ar_holds_section_set_account (ArHoldsSection *self,
                              ArAccount      *account)
{
  g_return_if_fail (AR_IS_HOLDS_SECTION (self));

  if (g_set_object (&self->account, account))
    {
      show_problem (self, NULL);
      ar_holds_section_reload (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
    }
}

guint
ar_holds_section_get_n_holds (ArHoldsSection *self)
{
  g_return_val_if_fail (AR_IS_HOLDS_SECTION (self), 0);
  return self->n_holds;
}
