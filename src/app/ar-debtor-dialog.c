/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-debtor-dialog"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-country.h"
#include "ar-debtor-dialog.h"
#include "ar-dunning.h"
#include "ar-form.h"
#include "ar-interest-choice.h"
#include "ar-labels.h"
#include "ar-ledger-edit.h"

struct _ArDebtorDialog
{
  AdwWindow    parent_instance;

  /* Template children. */
  GtkWidget   *save_button;
  GtkEntry    *name_entry;
  GtkEntry    *external_id_entry;
  AdwComboRow *kind_row;
  GtkEntry    *company_entry;
  GtkEntry    *contact_person_entry;
  GtkEntry    *language_entry;
  GtkEntry    *country_entry;
  AdwComboRow *status_row;
  GtkSwitch   *cease_switch;
  AdwComboRow *interest_row;  /* "As the book", then ar-interest-choice.h's list */
  AdwEntryRow *apr_row;
  GtkLabel    *error_label;

  ArLedger    *ledger;     /* owned */
  gint64       debtor_id;
  /* Kept as they were: the dialog doesn't show them. */
  char        *region;
  char        *time_zone;
  char        *tags;
  char        *notes;
};

G_DEFINE_FINAL_TYPE (ArDebtorDialog, ar_debtor_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
text_of (GtkEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

/* The override the rows say: *@out_regime NULL for "As the book". */
static gboolean
parse_interest (ArDebtorDialog  *self,
                const char     **out_regime,
                gint64          *out_apr_bp,
                char           **out_message)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->interest_row);

  *out_regime = selected == 0 || selected == GTK_INVALID_LIST_POSITION
                ? NULL : ar_interest_choice_regime (selected - 1);
  *out_apr_bp = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->apr_row), g_strcmp0 (*out_regime, "simple") == 0);
  if (g_strcmp0 (*out_regime, "simple") == 0 &&
      !ar_interest_choice_parse_apr (gtk_editable_get_text (GTK_EDITABLE (self->apr_row)),
                                     out_apr_bp, &error))
    {
      *out_message = g_strdup (error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_form (ArDebtorDialog *self,
            ArDebtorInfo   *info,
            const char    **out_regime,
            gint64         *out_apr_bp)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  const char *country = text_of (self->country_entry);
  g_autofree char *country_message = NULL;

  if (country[0] != '\0' && !ar_country_is_valid (country))
    /* Translators: %s is what was typed */
    country_message = g_strdup_printf (_("“%s” is not a country code. Write two capital "
                                         "letters, like US, GB or DE."), country);
  g_autofree char *interest_message = NULL;

  ar_form_mark (GTK_WIDGET (self->country_entry), country_message);
  ar_form_add_message (messages, country_message);
  parse_interest (self, out_regime, out_apr_bp, &interest_message);
  ar_form_mark (GTK_WIDGET (self->apr_row), interest_message);
  ar_form_add_message (messages, interest_message);
  ar_form_show_messages (self->error_label, messages);

  *info = (ArDebtorInfo) {
    .external_id = text_of (self->external_id_entry),
    .kind = adw_combo_row_get_selected (self->kind_row),
    .name = text_of (self->name_entry),
    .company = text_of (self->company_entry),
    .contact_person = text_of (self->contact_person_entry),
    .language = text_of (self->language_entry),
    .country = country,
    .region = self->region,
    .time_zone = self->time_zone,
    .status = adw_combo_row_get_selected (self->status_row),
    .cease_contact = gtk_switch_get_active (self->cease_switch),
    .tags = self->tags,
    .notes = self->notes,
  };
  return country_message == NULL && interest_message == NULL && info->name[0] != '\0' && info->external_id[0] != '\0';
}

static void
validate (ArDebtorDialog *self)
{
  ArDebtorInfo info;
  const char *regime;
  gint64 apr_bp;

  if (self->ledger == NULL)  /* the template's signals, before _new() fills the rows */
    return;
  gtk_widget_set_sensitive (self->save_button, parse_form (self, &info, &regime, &apr_bp));
}

/* The details and the interest override are one edit: both or neither. */
static gboolean
save (ArDebtorDialog      *self,
      const ArDebtorInfo  *info,
      const char          *regime,
      gint64               apr_bp,
      GError             **error)
{
  if (!ar_ledger_begin (self->ledger, "edit-debtor", error))
    return FALSE;
  if (!ar_ledger_update_debtor (self->ledger, self->debtor_id, info, error) ||
      !ar_dunning_set_interest_regime (self->ledger, self->debtor_id, regime, apr_bp, error))
    {
      ar_ledger_rollback (self->ledger);
      return FALSE;
    }
  return ar_ledger_commit (self->ledger, error);
}

static void
on_save_button_clicked_cb (ArDebtorDialog *self)
{
  g_autoptr(GError) error = NULL;
  ArDebtorInfo info;
  const char *regime;
  gint64 apr_bp;

  if (!parse_form (self, &info, &regime, &apr_bp))
    return;
  if (!save (self, &info, regime, apr_bp, &error))
    {
      g_autoptr(GString) message = g_string_new (error->message);

      ar_form_show_messages (self->error_label, message);
      if (g_error_matches (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_DUPLICATE))
        ar_form_mark (GTK_WIDGET (self->external_id_entry), error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, self->debtor_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
ar_debtor_dialog_dispose (GObject *object)
{
  ArDebtorDialog *self = (ArDebtorDialog *) object;

  g_clear_object (&self->ledger);
  G_OBJECT_CLASS (ar_debtor_dialog_parent_class)->dispose (object);
}

static void
ar_debtor_dialog_finalize (GObject *object)
{
  ArDebtorDialog *self = (ArDebtorDialog *) object;

  g_free (self->region);
  g_free (self->time_zone);
  g_free (self->tags);
  g_free (self->notes);
  G_OBJECT_CLASS (ar_debtor_dialog_parent_class)->finalize (object);
}

static void
ar_debtor_dialog_class_init (ArDebtorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_debtor_dialog_dispose;
  object_class->finalize = ar_debtor_dialog_finalize;

  /* (debtor id) */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-debtor-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ArDebtorDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorDialog, external_id_entry);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorDialog, company_entry);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorDialog, contact_person_entry);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorDialog, language_entry);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorDialog, country_entry);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorDialog, cease_switch);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorDialog, interest_row);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorDialog, apr_row);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ar_debtor_dialog_init (ArDebtorDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The combo rows list the enums in their order, so the index is the value. */
  for (guint i = 0; i < AR_N_DEBTOR_KINDS; i++)
    gtk_string_list_append (kinds, ar_label_debtor_kind (i));
  for (guint i = 0; i < AR_N_STATUSES; i++)
    gtk_string_list_append (statuses, ar_label_debtor_status (i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
}

static void
set_text (GtkEntry   *entry,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

ArDebtorDialog *
ar_debtor_dialog_new (GtkWindow             *parent,
                      ArLedger              *ledger,
                      const ArDebtorDetails *details)
{
  ArDebtorDialog *self;
  g_autofree char *title = NULL;
  g_autofree char *book_regime = NULL;
  g_autofree char *own_regime = NULL;
  g_autofree char *as_book = NULL;
  g_autoptr(GtkStringList) interest = NULL;
  gint64 book_apr_bp = 0, own_apr_bp = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (details != NULL, NULL);

  self = g_object_new (AR_TYPE_DEBTOR_DIALOG, "transient-for", parent, NULL);
  self->ledger = g_object_ref (ledger);
  self->debtor_id = details->id;
  self->region = g_strdup (details->region);
  self->time_zone = g_strdup (details->time_zone);
  self->tags = g_strdup (details->tags);
  self->notes = g_strdup (details->notes);

  /* Translators: the dialog's title: "Edit Jane Doe" */
  title = g_strdup_printf (_("Edit %s"), details->name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  set_text (self->name_entry, details->name);
  set_text (self->external_id_entry, details->external_id);
  adw_combo_row_set_selected (self->kind_row, details->kind);
  set_text (self->company_entry, details->company);
  set_text (self->contact_person_entry, details->contact_person);
  set_text (self->language_entry, details->language);
  set_text (self->country_entry, details->country);
  adw_combo_row_set_selected (self->status_row, details->status);
  gtk_switch_set_active (self->cease_switch, details->cease_contact);

  /* A ledger that cannot be read shows "As the book" and no override; Save reports it. */
  if (!ar_dunning_get_interest_regime (ledger, 0, &book_regime, &book_apr_bp, NULL))
    book_regime = g_strdup ("none");
  if (!ar_dunning_get_interest_override (ledger, details->id, &own_regime, &own_apr_bp, NULL))
    own_regime = NULL;
  {
    GListModel *names = G_LIST_MODEL (ar_interest_choice_model (NULL));
    guint index = ar_interest_choice_index (book_regime);

    /* Translators: the first choice of a debtor's interest: "As the book (No interest)" */
    as_book = g_strdup_printf (_("As the book (%s)"),
                               gtk_string_list_get_string (GTK_STRING_LIST (names), index));
    g_object_unref (names);
  }
  interest = ar_interest_choice_model (as_book);
  adw_combo_row_set_model (self->interest_row, G_LIST_MODEL (interest));
  adw_combo_row_set_selected (self->interest_row,
                              own_regime != NULL ? ar_interest_choice_index (own_regime) + 1 : 0);
  if (own_apr_bp > 0)
    {
      g_autofree char *apr = ar_interest_choice_format_apr (own_apr_bp);

      gtk_editable_set_text (GTK_EDITABLE (self->apr_row), apr);
    }
  g_signal_connect_swapped (self->cease_switch, "notify::active", G_CALLBACK (validate), self);
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  return self;
}

GtkEditable *
ar_debtor_dialog_get_name_entry (ArDebtorDialog *self)
{
  g_return_val_if_fail (AR_IS_DEBTOR_DIALOG (self), NULL);
  return GTK_EDITABLE (self->name_entry);
}

GtkEditable *
ar_debtor_dialog_get_country_entry (ArDebtorDialog *self)
{
  g_return_val_if_fail (AR_IS_DEBTOR_DIALOG (self), NULL);
  return GTK_EDITABLE (self->country_entry);
}

AdwComboRow *
ar_debtor_dialog_get_status_row (ArDebtorDialog *self)
{
  g_return_val_if_fail (AR_IS_DEBTOR_DIALOG (self), NULL);
  return self->status_row;
}

GtkWidget *
ar_debtor_dialog_get_error_label (ArDebtorDialog *self)
{
  g_return_val_if_fail (AR_IS_DEBTOR_DIALOG (self), NULL);
  return GTK_WIDGET (self->error_label);
}

GtkWidget *
ar_debtor_dialog_get_save_button (ArDebtorDialog *self)
{
  g_return_val_if_fail (AR_IS_DEBTOR_DIALOG (self), NULL);
  return self->save_button;
}

AdwComboRow *
ar_debtor_dialog_get_interest_row (ArDebtorDialog *self)
{
  g_return_val_if_fail (AR_IS_DEBTOR_DIALOG (self), NULL);
  return self->interest_row;
}

GtkEditable *
ar_debtor_dialog_get_apr_row (ArDebtorDialog *self)
{
  g_return_val_if_fail (AR_IS_DEBTOR_DIALOG (self), NULL);
  return GTK_EDITABLE (self->apr_row);
}
