/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-rates-warning"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-form.h"
#include "ar-letter-data.h"
#include "ar-rates.h"
#include "ar-rates-warning.h"

struct _ArRatesWarning
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkLabel  *label;
  GtkWidget *button;
  ArLedger  *ledger;     /* owned */
  GtkRoot   *root;       /* the window watched while the warning is in it */
  guint32    today;      /* 0: today */
  char      *message;
};

G_DEFINE_FINAL_TYPE (ArRatesWarning, ar_rates_warning, GTK_TYPE_WIDGET)

static char *
describe_gap (const ArRatesGap *gap)
{
  g_autofree char *last = ar_letter_format_date (gap->last_day);

  if (gap->book)
    /* Translators: "Statutory interest can't be worked out after 30 June 2026: record the
     * current Basiszinssatz." */
    return g_strdup_printf (_("Statutory interest can’t be worked out after %s: record the "
                              "current %s."), last, ar_rates_describe (gap->table));
  /* Translators: as above, when only some debtors' own interest calculators need the rate */
  return g_strdup_printf (_("Statutory interest for debtors with their own calculator can’t "
                            "be worked out after %s: record the current %s."), last,
                          ar_rates_describe (gap->table));
}

void
ar_rates_warning_refresh (ArRatesWarning *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) gaps = NULL;
  g_autoptr(GString) text = NULL;

  g_return_if_fail (AR_IS_RATES_WARNING (self));

  g_clear_pointer (&self->message, g_free);
  if (self->ledger != NULL)
    {
      gaps = ar_rates_find_gaps (self->ledger,
                                 self->today != 0 ? self->today : ar_form_today (), &error);
      text = g_string_new (NULL);
      if (gaps == NULL)
        g_string_append (text, error->message);
      else
        for (guint i = 0; i < gaps->len; i++)
          {
            g_autofree char *line = describe_gap (&g_array_index (gaps, ArRatesGap, i));

            ar_form_add_message (text, line);
          }
      if (text->len > 0)
        self->message = g_string_free (g_steal_pointer (&text), FALSE);
    }
  gtk_label_set_text (self->label, self->message != NULL ? self->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self), self->message != NULL);
}

static void
on_root_active_cb (ArRatesWarning *self,
                   GParamSpec     *pspec,
                   GtkWindow      *window)
{
  if (gtk_window_is_active (window))
    ar_rates_warning_refresh (self);
}

/* Watched from the time the warning is in a window, shown or not: a hidden warning must
 * appear when the calculator was made statutory elsewhere (Preferences, Edit Debtor). */
static void
ar_rates_warning_root (GtkWidget *widget)
{
  ArRatesWarning *self = AR_RATES_WARNING (widget);

  GTK_WIDGET_CLASS (ar_rates_warning_parent_class)->root (widget);
  self->root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (self->root))
    g_signal_connect_object (self->root, "notify::is-active", G_CALLBACK (on_root_active_cb),
                             self, G_CONNECT_SWAPPED);
}

static void
ar_rates_warning_unroot (GtkWidget *widget)
{
  ArRatesWarning *self = AR_RATES_WARNING (widget);

  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, on_root_active_cb, self);
  self->root = NULL;
  GTK_WIDGET_CLASS (ar_rates_warning_parent_class)->unroot (widget);
}

static void
ar_rates_warning_dispose (GObject *object)
{
  ArRatesWarning *self = (ArRatesWarning *) object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->message, g_free);
  G_OBJECT_CLASS (ar_rates_warning_parent_class)->dispose (object);
}

static void
ar_rates_warning_class_init (ArRatesWarningClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_rates_warning_dispose;
  widget_class->root = ar_rates_warning_root;
  widget_class->unroot = ar_rates_warning_unroot;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ar-rates-warning");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ar_rates_warning_init (ArRatesWarning *self)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->box, "card");
  gtk_widget_add_css_class (self->box, "rates-warning");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warning"), -1);
  gtk_box_append (GTK_BOX (self->box), icon);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->label), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->label));

  self->button = gtk_button_new_with_mnemonic (_("Reference _Rates…"));
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->button,
                               _("Show the reference rates and record the current one"));
  gtk_box_append (GTK_BOX (self->box), self->button);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reference rates missing"), -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->label, NULL, -1);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
ar_rates_warning_new (void)
{
  return g_object_new (AR_TYPE_RATES_WARNING, NULL);
}

void
ar_rates_warning_set_ledger (ArRatesWarning *self,
                             ArLedger       *ledger)
{
  g_return_if_fail (AR_IS_RATES_WARNING (self));
  g_return_if_fail (ledger == NULL || AR_IS_LEDGER (ledger));

  g_set_object (&self->ledger, ledger);
  ar_rates_warning_refresh (self);
}

void
ar_rates_warning_set_action_name (ArRatesWarning *self,
                                  const char     *action_name)
{
  g_return_if_fail (AR_IS_RATES_WARNING (self));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), action_name);
}

void
ar_rates_warning_set_today (ArRatesWarning *self,
                            guint32         today)
{
  g_return_if_fail (AR_IS_RATES_WARNING (self));
  self->today = today;
  ar_rates_warning_refresh (self);
}

const char *
ar_rates_warning_get_message (ArRatesWarning *self)
{
  g_return_val_if_fail (AR_IS_RATES_WARNING (self), NULL);
  return self->message;
}

GtkWidget *
ar_rates_warning_get_button (ArRatesWarning *self)
{
  g_return_val_if_fail (AR_IS_RATES_WARNING (self), NULL);
  return self->button;
}
