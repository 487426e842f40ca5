/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-payment-dialog"
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ar-date.h"
#include "ar-form.h"
#include "ar-ledger-edit.h"
#include "ar-money.h"
#include "ar-payment-dialog.h"

struct _ArPaymentDialog
{
  AdwWindow    parent_instance;

  /* Template children. */
  GtkWidget   *record_button;
  GtkWidget   *amount_row;
  GtkEntry    *amount_entry;
  GtkEntry    *date_entry;
  AdwComboRow *invoice_row;
  GtkEntry    *reference_entry;
  GtkEntry    *memo_entry;
  GtkLabel    *error_label;
  AdwPreferencesGroup *split_group;
  GtkWidget   *split_scroller;

  ArLedger    *ledger;       /* owned */
  gint64       debtor_id;
  char         currency[4];
  GArray      *invoice_ids;  /* gint64, parallel to the combo row's items */
  guint        split_index;  /* the combo row's "Several invoices" item, or G_MAXUINT */
  GPtrArray   *split_entries; /* GtkEntry, one per open invoice, parallel to @split_ids */
  GArray      *split_ids;    /* gint64 */
};

G_DEFINE_FINAL_TYPE (ArPaymentDialog, ar_payment_dialog, ADW_TYPE_WINDOW)

enum { RECORDED, RECORDED_SPLIT, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Marks @entry as wrong (or right again) for sight and for screen readers. */
static void
set_entry_error (GtkEntry   *entry,
                 const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
show_error (ArPaymentDialog *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Parses the form. Returns TRUE when it can be recorded; otherwise says why inline (an empty
 * amount is not an error yet, just not recordable). */
static gboolean
is_split (ArPaymentDialog *self)
{
  return adw_combo_row_get_selected (self->invoice_row) == self->split_index;
}

/* The parts of a split payment: each invoice's amount, read in the locale; empty ones are
 * left out. Returns FALSE (with the first message in @messages) when one doesn't parse or
 * none is given. */
static gboolean
parse_parts (ArPaymentDialog *self,
             GArray          *parts,
             GString         *messages)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < self->split_entries->len; i++)
    {
      GtkEditable *entry = g_ptr_array_index (self->split_entries, i);
      g_autofree char *message = NULL;
      ArPaymentPart part = { g_array_index (self->split_ids, gint64, i), 0 };

      if (ar_form_read_amount (entry, self->currency, AR_FORM_OPTIONAL, &part.amount, &message)
          && part.amount > 0)
        g_array_append_val (parts, part);
      ar_form_mark (GTK_WIDGET (entry), message);
      if (message != NULL && ok)
        ar_form_add_message (messages, message);
      ok &= message == NULL;
    }
  return ok && parts->len > 0;
}

static gboolean
parse_form (ArPaymentDialog *self,
            ArMoney         *out_amount,
            guint32         *out_date)
{
  const char *amount_text = gtk_editable_get_text (GTK_EDITABLE (self->amount_entry));
  const char *date_text = gtk_editable_get_text (GTK_EDITABLE (self->date_entry));
  g_autofree char *amount_message = NULL;
  g_autofree char *date_message = NULL;
  g_autoptr(GString) message = g_string_new (NULL);
  gboolean ok = TRUE;
  GDate date;

  gtk_widget_set_visible (self->amount_row, !is_split (self));
  gtk_widget_set_visible (self->split_scroller, is_split (self));
  if (is_split (self))
    {
      g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (ArPaymentPart));

      ok = parse_parts (self, parts, message);
      set_entry_error (self->amount_entry, NULL);
    }
  else if (amount_text[0] == '\0')
    ok = FALSE;
  else if (!ar_money_parse_locale (amount_text, self->currency, out_amount, NULL))
    {
      g_autofree char *example = ar_money_format (123456, self->currency);

      /* Translators: the first %s is what was typed, the second an example: "$1,234.56" */
      amount_message = g_strdup_printf (_("“%s” is not an amount. Write it like %s."),
                                        amount_text, example);
    }
  else if (out_amount->minor <= 0)
    amount_message = g_strdup (_("The amount must be more than zero."));

  if (!ar_date_parse (date_text, &date, NULL))
    /* Translators: keep YYYY-MM-DD as it is, it is the format the field reads */
    date_message = g_strdup (_("The date must be written as YYYY-MM-DD, like 2026-01-31."));
  else
    *out_date = ar_date_to_julian (&date);

  if (!is_split (self))
    set_entry_error (self->amount_entry, amount_message);
  set_entry_error (self->date_entry, date_message);
  if (amount_message != NULL && !is_split (self))
    ar_form_add_message (message, amount_message);
  ar_form_add_message (message, date_message);
  show_error (self, message->len > 0 ? message->str : NULL);

  return ok && (is_split (self) || amount_message == NULL) && date_message == NULL;
}

static void
validate (ArPaymentDialog *self)
{
  ArMoney amount;
  guint32 date;

  gtk_widget_set_sensitive (self->record_button, parse_form (self, &amount, &date));
}

static void
on_record_clicked_cb (ArPaymentDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *reference = gtk_editable_get_text (GTK_EDITABLE (self->reference_entry));
  const char *memo = gtk_editable_get_text (GTK_EDITABLE (self->memo_entry));
  guint selected = adw_combo_row_get_selected (self->invoice_row);
  ArPosting posting = { 0 };
  ArMoney amount;
  guint32 date = 0;
  gint64 entry_id = 0;

  if (!parse_form (self, &amount, &date))
    return;

  if (is_split (self))
    {
      g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (ArPaymentPart));
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GString) ignored = g_string_new (NULL);

      posting.debtor_id = self->debtor_id;
      posting.date = date;
      posting.currency = self->currency;
      posting.reference = reference[0] != '\0' ? reference : NULL;
      posting.memo = memo[0] != '\0' ? memo : NULL;
      parse_parts (self, parts, ignored);
      if (!ar_ledger_post_split_payment (self->ledger, &posting, (ArPaymentPart *) parts->data,
                                         parts->len, ids, &error))
        {
          show_error (self, error->message);
          return;
        }
      g_signal_emit (self, signals[RECORDED_SPLIT], 0,
                     g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data, ids->len,
                                                sizeof (gint64)),
                     self->debtor_id);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  posting.debtor_id = self->debtor_id;
  posting.kind = AR_ENTRY_PAYMENT;
  posting.date = date;
  posting.amount = amount.minor;
  posting.currency = self->currency;
  posting.invoice_id = selected < self->invoice_ids->len
                       ? g_array_index (self->invoice_ids, gint64, selected) : 0;
  posting.reference = reference[0] != '\0' ? reference : NULL;
  posting.memo = memo[0] != '\0' ? memo : NULL;

  /* A single-row write takes milliseconds, and the ledger's connection belongs to the main
   * thread while the window shows it, so it is posted here rather than in a worker. */
  if (!ar_ledger_post (self->ledger, &posting, &entry_id, &error))
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[RECORDED], 0, entry_id, self->debtor_id, amount.minor, date,
                 self->currency);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
ar_payment_dialog_dispose (GObject *object)
{
  ArPaymentDialog *self = (ArPaymentDialog *) object;

  g_clear_object (&self->ledger);
  g_clear_pointer (&self->invoice_ids, g_array_unref);
  g_clear_pointer (&self->split_entries, g_ptr_array_unref);
  g_clear_pointer (&self->split_ids, g_array_unref);
  G_OBJECT_CLASS (ar_payment_dialog_parent_class)->dispose (object);
}

static void
ar_payment_dialog_class_init (ArPaymentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_payment_dialog_dispose;

  /* (entry id, debtor id, amount in minor units, Julian date, currency) */
  signals[RECORDED] =
    g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 5, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_UINT,
                  G_TYPE_STRING);
  /* (entry ids "ax", debtor id): a payment split over several invoices, one entry per
   * invoice. */
  signals[RECORDED_SPLIT] =
    g_signal_new ("recorded-split", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_VARIANT, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-payment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ArPaymentDialog, record_button);
  gtk_widget_class_bind_template_child (widget_class, ArPaymentDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, ArPaymentDialog, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, ArPaymentDialog, split_group);
  gtk_widget_class_bind_template_child (widget_class, ArPaymentDialog, split_scroller);
  gtk_widget_class_bind_template_child (widget_class, ArPaymentDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, ArPaymentDialog, invoice_row);
  gtk_widget_class_bind_template_child (widget_class, ArPaymentDialog, reference_entry);
  gtk_widget_class_bind_template_child (widget_class, ArPaymentDialog, memo_entry);
  gtk_widget_class_bind_template_child (widget_class, ArPaymentDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, on_record_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ar_payment_dialog_init (ArPaymentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->invoice_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->split_entries = g_ptr_array_new ();
  self->split_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->split_index = G_MAXUINT;
}

static void
add_split_row (ArPaymentDialog *self,
               const char      *number,
               const char      *open,
               gint64           invoice_id)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *subtitle = g_strdup_printf (_("%s open"), open);
  g_autofree char *name = g_strdup_printf (_("Amount for invoice %s"), number);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), number);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 1);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
  gtk_widget_add_css_class (entry, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (validate), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  adw_preferences_group_add (self->split_group, row);
  g_ptr_array_add (self->split_entries, entry);
  g_array_append_val (self->split_ids, invoice_id);
}

ArPaymentDialog *
ar_payment_dialog_new (GtkWindow            *parent,
                       ArLedger             *ledger,
                       const ArDebtorLedger *debtor,
                       const char           *currency)
{
  ArPaymentDialog *self;
  g_autoptr(GtkStringList) invoices = NULL;
  g_autofree char *title = NULL;
  char today_text[11];
  GDate today;
  gint64 none = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (debtor != NULL, NULL);
  g_return_val_if_fail (ar_currency_is_valid (currency), NULL);

  self = g_object_new (AR_TYPE_PAYMENT_DIALOG, "transient-for", parent, NULL);
  self->ledger = g_object_ref (ledger);
  self->debtor_id = debtor->debtor.id;
  g_strlcpy (self->currency, currency, sizeof self->currency);

  /* Translators: the payment dialog's title: "Record Payment from Jane Doe" */
  title = g_strdup_printf (_("Record Payment from %s"), debtor->debtor.name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* The debtor's open invoices in this currency, after the automatic choice. */
  invoices = gtk_string_list_new (NULL);
  gtk_string_list_append (invoices, _("Oldest first (automatic)"));
  g_array_append_val (self->invoice_ids, none);
  for (guint i = 0; i < debtor->open_items->len; i++)
    {
      const ArDebtorOpenItem *item = &g_array_index (debtor->open_items, ArDebtorOpenItem, i);
      g_autofree char *open = NULL;
      g_autofree char *text = NULL;

      if (item->invoice_id == 0 || item->invoice_number == NULL
          || strcmp (item->currency, currency) != 0)
        continue;
      open = ar_money_format (item->open, item->currency);
      /* Translators: an open invoice to pay: "INV-1001 (60.00 open)" */
      text = g_strdup_printf (_("%s (%s open)"), item->invoice_number, open);
      gtk_string_list_append (invoices, text);
      g_array_append_val (self->invoice_ids, item->invoice_id);
      add_split_row (self, item->invoice_number, open, item->invoice_id);
    }
  /* With two open invoices or more, the payment can be split over them. */
  if (self->split_ids->len >= 2)
    {
      self->split_index = self->invoice_ids->len;
      gtk_string_list_append (invoices, _("Several invoices…"));
      g_array_append_val (self->invoice_ids, none);
    }
  adw_combo_row_set_model (self->invoice_row, G_LIST_MODEL (invoices));

  ar_date_set_today (&today);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry),
                         ar_date_format_julian (ar_date_to_julian (&today), today_text));
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
  return self;
}

GtkEditable *
ar_payment_dialog_get_amount_entry (ArPaymentDialog *self)
{
  g_return_val_if_fail (AR_IS_PAYMENT_DIALOG (self), NULL);
  return GTK_EDITABLE (self->amount_entry);
}

GtkEditable *
ar_payment_dialog_get_date_entry (ArPaymentDialog *self)
{
  g_return_val_if_fail (AR_IS_PAYMENT_DIALOG (self), NULL);
  return GTK_EDITABLE (self->date_entry);
}

GtkWidget *
ar_payment_dialog_get_error_label (ArPaymentDialog *self)
{
  g_return_val_if_fail (AR_IS_PAYMENT_DIALOG (self), NULL);
  return GTK_WIDGET (self->error_label);
}

GtkWidget *
ar_payment_dialog_get_record_button (ArPaymentDialog *self)
{
  g_return_val_if_fail (AR_IS_PAYMENT_DIALOG (self), NULL);
  return self->record_button;
}

/* For tests: select "Several invoices…" (FALSE when the debtor has fewer than two open
 * invoices) and the amount entry of the @index-th open invoice. */
gboolean
ar_payment_dialog_set_split (ArPaymentDialog *self)
{
  g_return_val_if_fail (AR_IS_PAYMENT_DIALOG (self), FALSE);
  if (self->split_index == G_MAXUINT)
    return FALSE;
  adw_combo_row_set_selected (self->invoice_row, self->split_index);
  return TRUE;
}

GtkEditable *
ar_payment_dialog_get_split_entry (ArPaymentDialog *self,
                                   guint            index,
                                   gint64          *out_invoice_id)
{
  g_return_val_if_fail (AR_IS_PAYMENT_DIALOG (self), NULL);
  if (index >= self->split_entries->len)
    return NULL;
  if (out_invoice_id != NULL)
    *out_invoice_id = g_array_index (self->split_ids, gint64, index);
  return g_ptr_array_index (self->split_entries, index);
}

gboolean
ar_payment_dialog_set_invoice (ArPaymentDialog *self,
                               gint64           invoice_id)
{
  g_return_val_if_fail (AR_IS_PAYMENT_DIALOG (self), FALSE);

  for (guint i = 1; i < self->invoice_ids->len; i++)
    if (g_array_index (self->invoice_ids, gint64, i) == invoice_id)
      {
        adw_combo_row_set_selected (self->invoice_row, i);
        return TRUE;
      }
  return FALSE;
}

gint64
ar_payment_dialog_get_invoice (ArPaymentDialog *self)
{
  guint selected;

  g_return_val_if_fail (AR_IS_PAYMENT_DIALOG (self), 0);
  selected = adw_combo_row_get_selected (self->invoice_row);
  return selected < self->invoice_ids->len ? g_array_index (self->invoice_ids, gint64, selected)
                                           : 0;
}
