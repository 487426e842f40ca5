/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-reverse-dialog"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-date.h"
#include "ar-form.h"
#include "ar-reverse-dialog.h"

struct _ArReverseDialog
{
  AdwMessageDialog  parent_instance;

  GtkEntry         *reason_entry;
  ArLedger         *ledger;      /* owned */
  gint64            entry_id;
  gint64            debtor_id;
  guint32           entry_date;
};

G_DEFINE_FINAL_TYPE (ArReverseDialog, ar_reverse_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum { REVERSED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
on_reason_changed_cb (ArReverseDialog *self)
{
  adw_message_dialog_set_response_enabled (
    ADW_MESSAGE_DIALOG (self), "reverse",
    !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->reason_entry))));
}

static void
on_reason_activate_cb (ArReverseDialog *self)
{
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "reverse"))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "reverse");
}

static void
ar_reverse_dialog_response (AdwMessageDialog *dialog,
                            const char       *response)
{
  ArReverseDialog *self = AR_REVERSE_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_entry));
  gint64 reversal_id = 0;

  if (g_strcmp0 (response, "reverse") == 0)
    {
      if (ar_ledger_reverse (self->ledger, self->entry_id,
                             MAX (ar_form_today (), self->entry_date), reason, &reversal_id,
                             &error))
        g_signal_emit (self, signals[REVERSED], 0, reversal_id, self->debtor_id);
      else
        {
          GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
          GtkWidget *message = adw_message_dialog_new (parent, _("Can’t Reverse the Entry"),
                                                       error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (message));
        }
    }
  /* libadwaita 1.2 has no default handler (it closes the dialog after the signal). */
  if (ADW_MESSAGE_DIALOG_CLASS (ar_reverse_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (ar_reverse_dialog_parent_class)->response (dialog, response);
}

static void
ar_reverse_dialog_dispose (GObject *object)
{
  ArReverseDialog *self = (ArReverseDialog *) object;

  g_clear_object (&self->ledger);
  G_OBJECT_CLASS (ar_reverse_dialog_parent_class)->dispose (object);
}

static void
ar_reverse_dialog_class_init (ArReverseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = ar_reverse_dialog_dispose;
  dialog_class->response = ar_reverse_dialog_response;

  /* (reversal entry id, debtor id) */
  signals[REVERSED] = g_signal_new ("reversed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64,
                                    G_TYPE_INT64);
}

static void
ar_reverse_dialog_init (ArReverseDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  self->reason_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->reason_entry, _("Reason, kept in the ledger"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reason_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  g_signal_connect_swapped (self->reason_entry, "changed", G_CALLBACK (on_reason_changed_cb),
                            self);
  g_signal_connect_swapped (self->reason_entry, "activate", G_CALLBACK (on_reason_activate_cb),
                            self);
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (self->reason_entry));

  adw_message_dialog_set_heading (dialog, _("Reverse Entry?"));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "reverse", _("_Reverse"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "reverse", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "reverse", FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
}

ArReverseDialog *
ar_reverse_dialog_new (GtkWindow           *parent,
                       ArLedger            *ledger,
                       const ArDebtorEntry *entry,
                       gint64               debtor_id,
                       const char          *description)
{
  ArReverseDialog *self;
  g_autofree char *amount = NULL;
  g_autofree char *body = NULL;
  char date[11];

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (AR_TYPE_REVERSE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->ledger = g_object_ref (ledger);
  self->entry_id = entry->id;
  self->debtor_id = debtor_id;
  self->entry_date = entry->date;

  /* The sign is the ledger's; the sentence names the size. */
  amount = ar_money_format (ABS (entry->amount), entry->currency);
  /* Translators: "Payment · INV-1001 of $50.00 on 2026-03-01 will be cancelled by a
   * reversal entry. The journal keeps both, with the reason below." */
  body = g_strdup_printf (_("%s of %s on %s will be cancelled by a reversal entry. The "
                            "ledger keeps both, with the reason below."),
                          description, amount, ar_date_format_julian (entry->date, date));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_entry));
  return self;
}

GtkEditable *
ar_reverse_dialog_get_reason_entry (ArReverseDialog *self)
{
  g_return_val_if_fail (AR_IS_REVERSE_DIALOG (self), NULL);
  return GTK_EDITABLE (self->reason_entry);
}
