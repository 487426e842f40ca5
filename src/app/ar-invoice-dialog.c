/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-invoice-dialog"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-form.h"
#include "ar-invoice-dialog.h"

/* The usual payment term when the invoice doesn't say: 30 days. */
#define DEFAULT_TERM_DAYS 30

struct _ArInvoiceDialog
{
  AdwWindow  parent_instance;

  /* Template children. */
  GtkWidget *add_button;
  GtkLabel  *currency_label;
  GtkEntry  *number_entry;
  GtkEntry  *amount_entry;
  GtkEntry  *issue_entry;
  GtkEntry  *due_entry;
  GtkEntry  *description_entry;
  GtkLabel  *error_label;

  ArLedger  *ledger;     /* owned */
  gint64     debtor_id;
  char       currency[4];
};

G_DEFINE_FINAL_TYPE (ArInvoiceDialog, ar_invoice_dialog, ADW_TYPE_WINDOW)

enum { ADDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
parse_form (ArInvoiceDialog *self,
            ArInvoiceInfo   *info)
{
  g_autofree char *amount_message = NULL;
  g_autofree char *issue_message = NULL;
  g_autofree char *due_message = NULL;
  g_autoptr(GString) messages = g_string_new (NULL);
  const char *number = gtk_editable_get_text (GTK_EDITABLE (self->number_entry));
  gboolean ok;

  ok = ar_form_read_amount (GTK_EDITABLE (self->amount_entry), self->currency, AR_FORM_REQUIRED,
                            &info->amount, &amount_message);
  ok &= ar_form_read_date (GTK_EDITABLE (self->issue_entry), &info->issue_date, &issue_message);
  ok &= ar_form_read_date (GTK_EDITABLE (self->due_entry), &info->due_date, &due_message);
  if (issue_message == NULL && due_message == NULL && info->due_date < info->issue_date)
    {
      due_message = g_strdup (_("The due date can’t be before the issue date."));
      ok = FALSE;
    }
  ok &= number[0] != '\0';

  ar_form_mark (GTK_WIDGET (self->amount_entry), amount_message);
  ar_form_mark (GTK_WIDGET (self->issue_entry), issue_message);
  ar_form_mark (GTK_WIDGET (self->due_entry), due_message);
  ar_form_add_message (messages, amount_message);
  ar_form_add_message (messages, issue_message);
  ar_form_add_message (messages, due_message);
  ar_form_show_messages (self->error_label, messages);

  info->debtor_id = self->debtor_id;
  info->number = number;
  info->currency = self->currency;
  info->description = gtk_editable_get_text (GTK_EDITABLE (self->description_entry));
  return ok;
}

static void
validate (ArInvoiceDialog *self)
{
  ArInvoiceInfo info = { 0 };

  gtk_widget_set_sensitive (self->add_button, parse_form (self, &info));
}

static void
on_add_button_clicked_cb (ArInvoiceDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) message = g_string_new (NULL);
  ArInvoiceInfo info = { 0 };
  gint64 invoice_id = 0;

  if (!parse_form (self, &info))
    return;
  /* One row: milliseconds, on the connection the main thread owns (see ar-payment-dialog.c). */
  if (!ar_ledger_add_invoice (self->ledger, &info, &invoice_id, &error))
    {
      g_string_append (message, error->message);
      ar_form_show_messages (self->error_label, message);
      if (g_error_matches (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_DUPLICATE))
        ar_form_mark (GTK_WIDGET (self->number_entry), error->message);
      return;
    }
  g_signal_emit (self, signals[ADDED], 0, invoice_id, self->debtor_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_number_changed_cb (ArInvoiceDialog *self)
{
  ar_form_mark (GTK_WIDGET (self->number_entry), NULL);
}

static void
ar_invoice_dialog_dispose (GObject *object)
{
  ArInvoiceDialog *self = (ArInvoiceDialog *) object;

  g_clear_object (&self->ledger);
  G_OBJECT_CLASS (ar_invoice_dialog_parent_class)->dispose (object);
}

static void
ar_invoice_dialog_class_init (ArInvoiceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_invoice_dialog_dispose;

  /* (invoice id, debtor id) */
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-invoice-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ArInvoiceDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, ArInvoiceDialog, currency_label);
  gtk_widget_class_bind_template_child (widget_class, ArInvoiceDialog, number_entry);
  gtk_widget_class_bind_template_child (widget_class, ArInvoiceDialog, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, ArInvoiceDialog, issue_entry);
  gtk_widget_class_bind_template_child (widget_class, ArInvoiceDialog, due_entry);
  gtk_widget_class_bind_template_child (widget_class, ArInvoiceDialog, description_entry);
  gtk_widget_class_bind_template_child (widget_class, ArInvoiceDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, on_add_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ar_invoice_dialog_init (ArInvoiceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->number_entry, "changed", G_CALLBACK (on_number_changed_cb),
                            self);
}

ArInvoiceDialog *
ar_invoice_dialog_new (GtkWindow  *parent,
                       ArLedger   *ledger,
                       gint64      debtor_id,
                       const char *debtor_name,
                       const char *currency)
{
  ArInvoiceDialog *self;
  g_autofree char *title = NULL;
  g_autofree char *intro = NULL;
  guint32 today = ar_form_today ();

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (ar_currency_is_valid (currency), NULL);

  self = g_object_new (AR_TYPE_INVOICE_DIALOG, "transient-for", parent, NULL);
  self->ledger = g_object_ref (ledger);
  self->debtor_id = debtor_id;
  g_strlcpy (self->currency, currency, sizeof self->currency);

  /* Translators: the dialog's title: "Add Invoice for Jane Doe" */
  title = g_strdup_printf (_("Add Invoice for %s"), debtor_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  /* Translators: %s is a currency code: "Amounts in USD." */
  intro = g_strdup_printf (_("Amounts in %s."), currency);
  gtk_label_set_text (self->currency_label, intro);

  ar_form_set_date (GTK_EDITABLE (self->issue_entry), today);
  ar_form_set_date (GTK_EDITABLE (self->due_entry), today + DEFAULT_TERM_DAYS);
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->number_entry));
  return self;
}

GtkEditable *
ar_invoice_dialog_get_number_entry (ArInvoiceDialog *self)
{
  g_return_val_if_fail (AR_IS_INVOICE_DIALOG (self), NULL);
  return GTK_EDITABLE (self->number_entry);
}

GtkEditable *
ar_invoice_dialog_get_amount_entry (ArInvoiceDialog *self)
{
  g_return_val_if_fail (AR_IS_INVOICE_DIALOG (self), NULL);
  return GTK_EDITABLE (self->amount_entry);
}

GtkEditable *
ar_invoice_dialog_get_due_entry (ArInvoiceDialog *self)
{
  g_return_val_if_fail (AR_IS_INVOICE_DIALOG (self), NULL);
  return GTK_EDITABLE (self->due_entry);
}

GtkWidget *
ar_invoice_dialog_get_error_label (ArInvoiceDialog *self)
{
  g_return_val_if_fail (AR_IS_INVOICE_DIALOG (self), NULL);
  return GTK_WIDGET (self->error_label);
}

GtkWidget *
ar_invoice_dialog_get_add_button (ArInvoiceDialog *self)
{
  g_return_val_if_fail (AR_IS_INVOICE_DIALOG (self), NULL);
  return self->add_button;
}
