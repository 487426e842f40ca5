/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-contact-point-dialog"
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ar-contact-point-dialog.h"
#include "ar-country.h"
#include "ar-form.h"
#include "ar-labels.h"

/* The kind row's items, in this order. */
static const ArDebtorContactKind kinds[] = {
  AR_DEBTOR_CONTACT_PHONE, AR_DEBTOR_CONTACT_EMAIL, AR_DEBTOR_CONTACT_ADDRESS,
};
/* The status row's items: what a new contact can be. */
static const ArContactStatus statuses[] = { AR_CONTACT_UNVERIFIED, AR_CONTACT_VALID };

struct _ArContactPointDialog
{
  AdwWindow     parent_instance;

  /* Template children. */
  GtkWidget    *add_button;
  AdwComboRow  *kind_row;
  AdwActionRow *value_row;
  GtkEntry     *value_entry;
  GtkWidget    *line1_row;
  GtkEntry     *line1_entry;
  GtkWidget    *line2_row;
  GtkEntry     *line2_entry;
  GtkWidget    *postal_row;
  GtkEntry     *postal_entry;
  GtkWidget    *city_row;
  GtkEntry     *city_entry;
  GtkWidget    *country_row;
  GtkEntry     *country_entry;
  GtkEntry     *label_entry;
  GtkEntry     *source_entry;
  AdwComboRow  *status_row;
  GtkLabel     *error_label;

  ArLedger     *ledger;     /* owned */
  gint64        debtor_id;
};

G_DEFINE_FINAL_TYPE (ArContactPointDialog, ar_contact_point_dialog, ADW_TYPE_WINDOW)

enum { ADDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
text_of (GtkEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static ArDebtorContactKind
selected_kind (ArContactPointDialog *self)
{
  return kinds[MIN (adw_combo_row_get_selected (self->kind_row), G_N_ELEMENTS (kinds) - 1)];
}

static void
show_kind (ArContactPointDialog *self)
{
  ArDebtorContactKind kind = selected_kind (self);
  gboolean address = kind == AR_DEBTOR_CONTACT_ADDRESS;

  gtk_widget_set_visible (GTK_WIDGET (self->value_row), !address);
  gtk_widget_set_visible (self->line1_row, address);
  gtk_widget_set_visible (self->line2_row, address);
  gtk_widget_set_visible (self->postal_row, address);
  gtk_widget_set_visible (self->city_row, address);
  gtk_widget_set_visible (self->country_row, address);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value_row),
                                 kind == AR_DEBTOR_CONTACT_PHONE ? _("_Number")
                                                                 : _("_Email address"));
  gtk_entry_set_input_purpose (self->value_entry, kind == AR_DEBTOR_CONTACT_PHONE
                                                  ? GTK_INPUT_PURPOSE_PHONE
                                                  : GTK_INPUT_PURPOSE_EMAIL);
}

static gboolean
parse_form (ArContactPointDialog *self)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autofree char *value_message = NULL;
  g_autofree char *country_message = NULL;
  ArDebtorContactKind kind = selected_kind (self);
  const char *value = text_of (self->value_entry);
  const char *country = text_of (self->country_entry);
  gboolean ok;

  if (kind == AR_DEBTOR_CONTACT_ADDRESS)
    {
      if (country[0] != '\0' && !ar_country_is_valid (country))
        /* Translators: %s is what was typed */
        country_message = g_strdup_printf (_("“%s” is not a country code. Write two capital "
                                             "letters, like US, GB or DE."), country);
      ok = text_of (self->line1_entry)[0] != '\0' && text_of (self->city_entry)[0] != '\0'
           && country_message == NULL;
    }
  else
    {
      if (kind == AR_DEBTOR_CONTACT_EMAIL && value[0] != '\0' && strchr (value, '@') == NULL)
        /* Translators: %s is what was typed */
        value_message = g_strdup_printf (_("“%s” is not an email address. Write it like "
                                           "name@example.com."), value);
      ok = value[0] != '\0' && value_message == NULL;
    }

  ar_form_mark (GTK_WIDGET (self->value_entry), value_message);
  ar_form_mark (GTK_WIDGET (self->country_entry), country_message);
  ar_form_add_message (messages, value_message);
  ar_form_add_message (messages, country_message);
  ar_form_show_messages (self->error_label, messages);
  return ok;
}

static void
validate (ArContactPointDialog *self)
{
  show_kind (self);
  gtk_widget_set_sensitive (self->add_button, parse_form (self));
}

static void
on_add_button_clicked_cb (ArContactPointDialog *self)
{
  g_autoptr(GError) error = NULL;
  ArDebtorContactKind kind = selected_kind (self);
  ArContactStatus status =
    statuses[MIN (adw_combo_row_get_selected (self->status_row), G_N_ELEMENTS (statuses) - 1)];
  const char *label = text_of (self->label_entry);
  const char *source = text_of (self->source_entry);
  gboolean ok;

  if (!parse_form (self))
    return;

  if (kind == AR_DEBTOR_CONTACT_ADDRESS)
    {
      ArAddressInfo info = {
        .label = label, .line1 = text_of (self->line1_entry),
        .line2 = text_of (self->line2_entry), .city = text_of (self->city_entry),
        .postal_code = text_of (self->postal_entry), .country = text_of (self->country_entry),
        .status = status, .source = source,
      };

      ok = ar_ledger_add_address (self->ledger, self->debtor_id, &info, NULL, &error);
    }
  else
    ok = ar_ledger_add_contact_point (self->ledger, self->debtor_id,
                                      kind == AR_DEBTOR_CONTACT_PHONE ? AR_CONTACT_POINT_PHONE
                                                                      : AR_CONTACT_POINT_EMAIL,
                                      label, text_of (self->value_entry), status, source, NULL,
                                      &error);
  if (!ok)
    {
      g_autoptr(GString) message = g_string_new (error->message);

      ar_form_show_messages (self->error_label, message);
      return;
    }
  g_signal_emit (self, signals[ADDED], 0, self->debtor_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
ar_contact_point_dialog_dispose (GObject *object)
{
  ArContactPointDialog *self = (ArContactPointDialog *) object;

  g_clear_object (&self->ledger);
  G_OBJECT_CLASS (ar_contact_point_dialog_parent_class)->dispose (object);
}

static void
ar_contact_point_dialog_class_init (ArContactPointDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_contact_point_dialog_dispose;

  /* (debtor id) */
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-contact-point-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, value_row);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, value_entry);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, line1_row);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, line1_entry);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, line2_row);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, line2_entry);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, postal_row);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, postal_entry);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, city_row);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, city_entry);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, country_row);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, country_entry);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, label_entry);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, source_entry);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, ArContactPointDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, on_add_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ar_contact_point_dialog_init (ArContactPointDialog *self)
{
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) status_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_names, ar_label_contact_kind (kinds[i]));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    gtk_string_list_append (status_names, ar_label_contact_status (statuses[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (status_names));
}

ArContactPointDialog *
ar_contact_point_dialog_new (GtkWindow           *parent,
                             ArLedger            *ledger,
                             gint64               debtor_id,
                             const char          *debtor_name,
                             ArDebtorContactKind  kind)
{
  ArContactPointDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  self = g_object_new (AR_TYPE_CONTACT_POINT_DIALOG, "transient-for", parent, NULL);
  self->ledger = g_object_ref (ledger);
  self->debtor_id = debtor_id;
  /* Translators: the dialog's title: "Add Contact for Jane Doe" */
  title = g_strdup_printf (_("Add Contact for %s"), debtor_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  ar_contact_point_dialog_set_kind (self, kind);
  gtk_widget_grab_focus (GTK_WIDGET (self->value_entry));
  return self;
}

void
ar_contact_point_dialog_set_kind (ArContactPointDialog *self,
                                  ArDebtorContactKind   kind)
{
  g_return_if_fail (AR_IS_CONTACT_POINT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i] == kind)
      adw_combo_row_set_selected (self->kind_row, i);
  validate (self);
}

GtkEditable *
ar_contact_point_dialog_get_value_entry (ArContactPointDialog *self)
{
  g_return_val_if_fail (AR_IS_CONTACT_POINT_DIALOG (self), NULL);
  return GTK_EDITABLE (self->value_entry);
}

GtkEditable *
ar_contact_point_dialog_get_source_entry (ArContactPointDialog *self)
{
  g_return_val_if_fail (AR_IS_CONTACT_POINT_DIALOG (self), NULL);
  return GTK_EDITABLE (self->source_entry);
}

GtkWidget *
ar_contact_point_dialog_get_error_label (ArContactPointDialog *self)
{
  g_return_val_if_fail (AR_IS_CONTACT_POINT_DIALOG (self), NULL);
  return GTK_WIDGET (self->error_label);
}

GtkWidget *
ar_contact_point_dialog_get_add_button (ArContactPointDialog *self)
{
  g_return_val_if_fail (AR_IS_CONTACT_POINT_DIALOG (self), NULL);
  return self->add_button;
}
