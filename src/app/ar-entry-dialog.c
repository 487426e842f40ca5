/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-entry-dialog"
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ar-entry-dialog.h"
#include "ar-form.h"

struct _ArEntryDialog
{
  AdwWindow         parent_instance;

  /* Template children. */
  GtkWidget        *post_button;
  GtkLabel         *intro_label;
  AdwComboRow      *invoice_row;
  AdwActionRow     *amount_row;
  GtkEntry         *amount_entry;
  GtkEntry         *date_entry;
  AdwActionRow     *memo_row;
  GtkEntry         *memo_entry;
  GtkLabel         *error_label;

  AdwMessageDialog *confirmation;  /* weak */

  ArLedger         *ledger;        /* owned */
  gint64            debtor_id;
  ArEntryKind       kind;
  gboolean          no_credit;     /* a refund with no credit on account to pay back */
  char              currency[4];
  GArray           *invoice_ids;   /* gint64, parallel to the combo row's items */
  GPtrArray        *invoice_open;  /* char *: what is open on each, formatted */
  GPtrArray        *invoice_numbers; /* char *: their numbers */
};

G_DEFINE_FINAL_TYPE (ArEntryDialog, ar_entry_dialog, ADW_TYPE_WINDOW)

enum { POSTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gint64
selected_invoice (ArEntryDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->invoice_row);

  if (self->kind == AR_ENTRY_REFUND || selected >= self->invoice_ids->len)
    return 0;
  return g_array_index (self->invoice_ids, gint64, selected);
}

static gboolean
parse_form (ArEntryDialog *self,
            ArPosting     *posting)
{
  g_autofree char *amount_message = NULL;
  g_autofree char *date_message = NULL;
  g_autoptr(GString) messages = g_string_new (NULL);
  const char *memo = gtk_editable_get_text (GTK_EDITABLE (self->memo_entry));
  gboolean write_off = self->kind == AR_ENTRY_WRITE_OFF;
  gboolean ok;

  memset (posting, 0, sizeof *posting);
  ok = ar_form_read_amount (GTK_EDITABLE (self->amount_entry), self->currency,
                            write_off ? AR_FORM_OPTIONAL : AR_FORM_REQUIRED, &posting->amount,
                            &amount_message);
  ok &= ar_form_read_date (GTK_EDITABLE (self->date_entry), &posting->date, &date_message);
  /* A write-off needs an invoice and a reason; neither is an error before it is missed. */
  if (write_off)
    ok &= selected_invoice (self) != 0 && !is_blank (memo);
  ok &= !self->no_credit;

  ar_form_mark (GTK_WIDGET (self->amount_entry), amount_message);
  ar_form_mark (GTK_WIDGET (self->date_entry), date_message);
  ar_form_add_message (messages, amount_message);
  ar_form_add_message (messages, date_message);
  ar_form_show_messages (self->error_label, messages);

  posting->debtor_id = self->debtor_id;
  posting->kind = self->kind;
  posting->currency = self->currency;
  posting->invoice_id = selected_invoice (self);
  posting->memo = is_blank (memo) ? NULL : memo;
  return ok;
}

static void
validate (ArEntryDialog *self)
{
  ArPosting posting;
  guint selected = adw_combo_row_get_selected (self->invoice_row);

  /* A write-off's amount may stay empty: then it is what is open on the chosen invoice. */
  if (self->kind == AR_ENTRY_WRITE_OFF && selected < self->invoice_open->len)
    {
      /* Translators: a write-off's amount when left empty: "All that is open: $60.00" */
      g_autofree char *all = g_strdup_printf (_("Empty for all that is open: %s"),
                                              (char *) g_ptr_array_index (self->invoice_open,
                                                                          selected));
      adw_action_row_set_subtitle (self->amount_row, all);
    }
  gtk_widget_set_sensitive (self->post_button, parse_form (self, &posting));
}

static void
post (ArEntryDialog *self)
{
  g_autoptr(GError) error = NULL;
  ArPosting posting;
  gint64 entry_id = 0;

  if (!parse_form (self, &posting))
    return;
  if (!ar_ledger_post (self->ledger, &posting, &entry_id, &error))
    {
      g_autoptr(GString) message = g_string_new (error->message);

      ar_form_show_messages (self->error_label, message);
      if (g_str_has_prefix (error->message, "amount:"))
        ar_form_mark (GTK_WIDGET (self->amount_entry), error->message);
      return;
    }
  g_signal_emit (self, signals[POSTED], 0, entry_id, self->debtor_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
post_idle (gpointer user_data)
{
  g_autoptr(ArEntryDialog) self = user_data;

  post (self);
  return G_SOURCE_REMOVE;
}

/* Posting closes this dialog, the confirmation's parent, so it waits until the confirmation
 * has finished responding and gone. */
static void
on_confirmation_response_cb (ArEntryDialog    *self,
                             const char       *response,
                             AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "write-off") == 0)
    g_idle_add (post_idle, g_object_ref (self));
}

static void
on_post_button_clicked_cb (ArEntryDialog *self)
{
  g_autofree char *body = NULL;
  g_autofree char *amount = NULL;
  ArPosting posting;
  guint selected = adw_combo_row_get_selected (self->invoice_row);
  AdwMessageDialog *dialog;

  if (!parse_form (self, &posting))
    return;
  if (self->kind != AR_ENTRY_WRITE_OFF)
    {
      post (self);
      return;
    }

  /* A write-off gives up on money: say how much, and ask. */
  amount = posting.amount > 0 ? ar_money_format (posting.amount, self->currency)
                              : g_strdup (g_ptr_array_index (self->invoice_open, selected));
  /* Translators: "$60.00 of invoice INV-1001 will no longer be owed. …" */
  body = g_strdup_printf (_("%s of invoice %s will no longer be owed. The write-off can be "
                            "reversed later from the ledger."),
                          amount, (char *) g_ptr_array_index (self->invoice_numbers, selected));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Write Off?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "write-off", _("_Write Off"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "write-off", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirmation_response_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->confirmation, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ar_entry_dialog_dispose (GObject *object)
{
  ArEntryDialog *self = (ArEntryDialog *) object;

  g_clear_object (&self->ledger);
  g_clear_pointer (&self->invoice_ids, g_array_unref);
  g_clear_pointer (&self->invoice_open, g_ptr_array_unref);
  g_clear_pointer (&self->invoice_numbers, g_ptr_array_unref);
  g_clear_weak_pointer (&self->confirmation);
  G_OBJECT_CLASS (ar_entry_dialog_parent_class)->dispose (object);
}

static void
ar_entry_dialog_class_init (ArEntryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_entry_dialog_dispose;

  /* (entry id, debtor id) */
  signals[POSTED] = g_signal_new ("posted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-entry-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ArEntryDialog, post_button);
  gtk_widget_class_bind_template_child (widget_class, ArEntryDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, ArEntryDialog, invoice_row);
  gtk_widget_class_bind_template_child (widget_class, ArEntryDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, ArEntryDialog, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, ArEntryDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, ArEntryDialog, memo_row);
  gtk_widget_class_bind_template_child (widget_class, ArEntryDialog, memo_entry);
  gtk_widget_class_bind_template_child (widget_class, ArEntryDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, on_post_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ar_entry_dialog_init (ArEntryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->invoice_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->invoice_open = g_ptr_array_new_with_free_func (g_free);
  self->invoice_numbers = g_ptr_array_new_with_free_func (g_free);
}

static const ArDebtorBalance *
find_balance (const ArDebtorLedger *debtor,
              const char           *currency)
{
  for (guint i = 0; i < debtor->balances->len; i++)
    {
      const ArDebtorBalance *b = &g_array_index (debtor->balances, ArDebtorBalance, i);

      if (strcmp (b->currency, currency) == 0)
        return b;
    }
  return NULL;
}

ArEntryDialog *
ar_entry_dialog_new (GtkWindow            *parent,
                     ArLedger             *ledger,
                     const ArDebtorLedger *debtor,
                     const char           *currency,
                     ArEntryKind           kind,
                     gint64                invoice_id)
{
  ArEntryDialog *self;
  g_autoptr(GtkStringList) invoices = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *intro = NULL;
  const ArDebtorBalance *balance;
  guint preselect = 0;
  gint64 none = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (debtor != NULL, NULL);
  g_return_val_if_fail (ar_currency_is_valid (currency), NULL);
  g_return_val_if_fail (kind == AR_ENTRY_CREDIT_NOTE || kind == AR_ENTRY_REFUND
                        || kind == AR_ENTRY_WRITE_OFF, NULL);

  self = g_object_new (AR_TYPE_ENTRY_DIALOG, "transient-for", parent, NULL);
  self->ledger = g_object_ref (ledger);
  self->debtor_id = debtor->debtor.id;
  self->kind = kind;
  g_strlcpy (self->currency, currency, sizeof self->currency);
  balance = find_balance (debtor, currency);

  switch (kind)
    {
    case AR_ENTRY_CREDIT_NOTE:
      /* Translators: a dialog's title: "Credit Note for Jane Doe" */
      title = g_strdup_printf (_("Credit Note for %s"), debtor->debtor.name);
      intro = g_strdup_printf (_("Reduces what the debtor owes, in %s. Without an invoice it "
                                 "pays the oldest items first."), currency);
      gtk_button_set_label (GTK_BUTTON (self->post_button), _("_Post"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->memo_row), _("_Memo"));
      gtk_string_list_append (invoices, _("None (oldest items first)"));
      g_array_append_val (self->invoice_ids, none);
      g_ptr_array_add (self->invoice_open, g_strdup (""));
      g_ptr_array_add (self->invoice_numbers, g_strdup (""));
      break;
    case AR_ENTRY_REFUND:
      {
        g_autofree char *credit = ar_money_format (balance != NULL ? balance->unapplied : 0,
                                                   currency);

        /* Translators: a dialog's title: "Refund to Jane Doe" */
        title = g_strdup_printf (_("Refund to %s"), debtor->debtor.name);
        /* Translators: %s is an amount: "Pays credit on account back. Credit on account: $20.00" */
        intro = g_strdup_printf (_("Pays credit on account back to the debtor. Credit on "
                                   "account: %s."), credit);
        gtk_button_set_label (GTK_BUTTON (self->post_button), _("_Refund"));
        self->no_credit = balance == NULL || balance->unapplied <= 0;
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->memo_row), _("_Memo"));
        gtk_widget_set_visible (GTK_WIDGET (self->invoice_row), FALSE);
      }
      break;
    case AR_ENTRY_WRITE_OFF:
      /* Translators: a dialog's title: "Write Off for Jane Doe" */
      title = g_strdup_printf (_("Write Off for %s"), debtor->debtor.name);
      intro = g_strdup (_("Gives up on what is open on an invoice, or on part of it."));
      gtk_button_set_label (GTK_BUTTON (self->post_button), _("_Write Off…"));
      gtk_widget_remove_css_class (self->post_button, "suggested-action");
      gtk_widget_add_css_class (self->post_button, "destructive-action");
      gtk_entry_set_placeholder_text (self->amount_entry, _("All"));
      break;
    case AR_ENTRY_INVOICE:
    case AR_ENTRY_PAYMENT:
    case AR_ENTRY_FEE:
    case AR_ENTRY_INTEREST:
    case AR_ENTRY_REVERSAL:
    case AR_N_ENTRY_KINDS:
    default:
      g_assert_not_reached ();
    }
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->intro_label, intro);

  for (guint i = 0; i < debtor->open_items->len; i++)
    {
      const ArDebtorOpenItem *item = &g_array_index (debtor->open_items, ArDebtorOpenItem, i);
      g_autofree char *open = NULL;
      g_autofree char *text = NULL;

      if (item->invoice_id == 0 || item->invoice_number == NULL
          || strcmp (item->currency, currency) != 0)
        continue;
      open = ar_money_format (item->open, item->currency);
      /* Translators: an open invoice: "INV-1001 (60.00 open)" */
      text = g_strdup_printf (_("%s (%s open)"), item->invoice_number, open);
      if (item->invoice_id == invoice_id)
        preselect = self->invoice_ids->len;
      gtk_string_list_append (invoices, text);
      g_array_append_val (self->invoice_ids, item->invoice_id);
      g_ptr_array_add (self->invoice_open, g_steal_pointer (&open));
      g_ptr_array_add (self->invoice_numbers, g_strdup (item->invoice_number));
    }
  adw_combo_row_set_model (self->invoice_row, G_LIST_MODEL (invoices));
  adw_combo_row_set_selected (self->invoice_row, preselect);
  if (kind == AR_ENTRY_WRITE_OFF && self->invoice_ids->len == 0)
    gtk_label_set_text (self->intro_label, _("Nothing is open on an invoice to write off."));
  if (self->no_credit)
    gtk_label_set_text (self->intro_label, _("There is no credit on account to pay back."));

  ar_form_set_date (GTK_EDITABLE (self->date_entry), ar_form_today ());
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
  return self;
}

ArEntryKind
ar_entry_dialog_get_kind (ArEntryDialog *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_DIALOG (self), AR_N_ENTRY_KINDS);
  return self->kind;
}

GtkEditable *
ar_entry_dialog_get_amount_entry (ArEntryDialog *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_DIALOG (self), NULL);
  return GTK_EDITABLE (self->amount_entry);
}

GtkEditable *
ar_entry_dialog_get_memo_entry (ArEntryDialog *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_DIALOG (self), NULL);
  return GTK_EDITABLE (self->memo_entry);
}

AdwComboRow *
ar_entry_dialog_get_invoice_row (ArEntryDialog *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_DIALOG (self), NULL);
  return self->invoice_row;
}

GtkWidget *
ar_entry_dialog_get_error_label (ArEntryDialog *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_DIALOG (self), NULL);
  return GTK_WIDGET (self->error_label);
}

GtkWidget *
ar_entry_dialog_get_post_button (ArEntryDialog *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_DIALOG (self), NULL);
  return self->post_button;
}

AdwMessageDialog *
ar_entry_dialog_get_confirmation (ArEntryDialog *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_DIALOG (self), NULL);
  return self->confirmation;
}
