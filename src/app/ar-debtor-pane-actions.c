/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-debtor-pane-actions"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-contact-point-dialog.h"
#include "ar-debtor-dialog.h"
#include "ar-debtor-pane-private.h"
#include "ar-document-dialog.h"
#include "ar-entry-dialog.h"
#include "ar-entry-row.h"
#include "ar-form.h"
#include "ar-invoice-dialog.h"
#include "ar-labels.h"
#include "ar-ledger-edit.h"
#include "ar-reverse-dialog.h"

/* The debtor pane's write actions beyond payments and contacts (which ar-debtor-pane.c keeps):
 * invoices, credit notes, refunds, write-offs and reversals; editing the debtor, its status,
 * notes and contact points; and its documents. Each opens its dialog or writes through the
 * core, then refreshes the list's row and the pane and says what happened in a toast,
 * offering Undo where it is natural. */

/* The reversal reason "Undo" writes: data in the journal, like a memo, so not translated. */
#define UNDO_REASON "Undone"

static GtkWindow *
parent_window (ArDebtorPane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Undo ------------------------------------------------------------------------------------ */

/* The end every Undo shares: the error if the write failed, else the pane and the list show
 * the debtor again and a toast says so. */
static void
finish_undo (ArDebtorPane *self,
             gboolean      ok,
             gint64        debtor_id,
             const GError *error)
{
  if (!ok)
    {
      _ar_debtor_pane_show_error (self, _("Can’t Undo"), error);
      return;
    }
  _ar_debtor_pane_refresh (self, debtor_id);
  _ar_debtor_pane_toast (self, _("Undone"));
}

static void
undo_entries_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ArDebtorPane *self = user_data;
  ArLedger *ledger = ar_debtor_pane_get_ledger (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) ids = NULL;
  guint32 epoch;
  gint64 debtor_id;
  gsize n_ids;
  const gint64 *id;
  gboolean ok;

  g_variant_get (parameter, "(u@axx)", &epoch, &ids, &debtor_id);
  /* The window may show another ledger by now. */
  if (ledger == NULL || epoch != _ar_debtor_pane_get_epoch (self))
    return;
  id = g_variant_get_fixed_array (ids, &n_ids, sizeof (gint64));
  ok = ar_ledger_reverse_entries (ledger, id, n_ids, ar_form_today (), UNDO_REASON, &error);
  finish_undo (self, ok, debtor_id, error);
}

static void
undo_status_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ArDebtorPane *self = user_data;
  ArLedger *ledger = ar_debtor_pane_get_ledger (self);
  g_autoptr(GError) error = NULL;
  const char *name;
  ArDebtorStatus status;
  guint32 epoch;
  gint64 debtor_id;
  gboolean ok;

  g_variant_get (parameter, "(ux&s)", &epoch, &debtor_id, &name);
  if (ledger == NULL || epoch != _ar_debtor_pane_get_epoch (self)
      || !ar_debtor_status_from_string (name, &status))
    return;
  ok = ar_ledger_set_debtor_status (ledger, debtor_id, status, &error);
  finish_undo (self, ok, debtor_id, error);
}

static void
undo_contact_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ArDebtorPane *self = user_data;
  ArLedger *ledger = ar_debtor_pane_get_ledger (self);
  g_autoptr(GError) error = NULL;
  const char *name;
  ArContactStatus status;
  guint32 epoch;
  gint64 debtor_id, contact_id;
  gint32 kind;
  gboolean ok;

  g_variant_get (parameter, "(uxix&s)", &epoch, &debtor_id, &kind, &contact_id, &name);
  if (ledger == NULL || epoch != _ar_debtor_pane_get_epoch (self)
      || !ar_contact_status_from_string (name, &status))
    return;
  ok = ar_ledger_set_contact_status (ledger, debtor_id, kind, contact_id, status, &error);
  finish_undo (self, ok, debtor_id, error);
}

GActionGroup *
_ar_debtor_pane_undo_group_new (ArDebtorPane *self)
{
  static const GActionEntry entries[] = {
    { "undo-entries", undo_entries_cb, "(uaxx)", NULL, NULL, { 0 } },
    { "undo-status", undo_status_cb, "(uxs)", NULL, NULL, { 0 } },
    { "undo-contact", undo_contact_cb, "(uxixs)", NULL, NULL, { 0 } },
  };
  GSimpleActionGroup *group = g_simple_action_group_new ();

  /* The pane owns the group, so the pointer is valid while the group is. */
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  return G_ACTION_GROUP (group);
}

static GVariant *
entries_target (ArDebtorPane *self,
                const gint64 *ids,
                guint         n_ids,
                gint64        debtor_id)
{
  return g_variant_new ("(u@axx)", _ar_debtor_pane_get_epoch (self),
                        g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids, n_ids,
                                                   sizeof (gint64)),
                        debtor_id);
}

/* Invoices, credit notes, refunds, write-offs -------------------------------------------- */

static void
on_invoice_added_cb (ArDebtorPane    *self,
                     gint64           invoice_id,
                     gint64           debtor_id,
                     ArInvoiceDialog *dialog)
{
  _ar_debtor_pane_refresh (self, debtor_id);
  _ar_debtor_pane_toast (self, _("Invoice added"));
}

static void
add_invoice_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  ArDebtorPane *self = AR_DEBTOR_PANE (widget);
  const ArDebtorLedger *debtor = _ar_debtor_pane_get_debtor (self);
  const char *currency = _ar_debtor_pane_get_currency (self);
  g_autofree char *fallback = NULL;
  ArInvoiceDialog *dialog;

  if (debtor == NULL)
    return;
  /* A debtor with no entries yet gets invoices in the company's currency. */
  if (currency == NULL)
    {
      g_autoptr(GHashTable) company = ar_ledger_get_company (ar_debtor_pane_get_ledger (self),
                                                              NULL);
      const char *code = company != NULL ? g_hash_table_lookup (company, "default_currency")
                                         : NULL;

      fallback = g_strdup (code != NULL && ar_currency_is_valid (code) ? code : "USD");
      currency = fallback;
    }
  dialog = ar_invoice_dialog_new (parent_window (self), ar_debtor_pane_get_ledger (self),
                                  debtor->debtor.id, debtor->debtor.name, currency);
  g_signal_connect_object (dialog, "added", G_CALLBACK (on_invoice_added_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_entry_posted_cb (ArDebtorPane  *self,
                    gint64         entry_id,
                    gint64         debtor_id,
                    ArEntryDialog *dialog)
{
  const char *title;

  switch (ar_entry_dialog_get_kind (dialog))
    {
    case AR_ENTRY_CREDIT_NOTE: title = _("Credit note posted"); break;
    case AR_ENTRY_REFUND:      title = _("Refund posted"); break;
    case AR_ENTRY_WRITE_OFF:   title = _("Written off"); break;
    case AR_ENTRY_INVOICE:
    case AR_ENTRY_PAYMENT:
    case AR_ENTRY_FEE:
    case AR_ENTRY_INTEREST:
    case AR_ENTRY_REVERSAL:
    case AR_N_ENTRY_KINDS:
    default:                   title = _("Entry posted"); break;
    }
  _ar_debtor_pane_refresh (self, debtor_id);
  _ar_debtor_pane_toast_undo (self, title, "undo-entries",
                              entries_target (self, &entry_id, 1, debtor_id));
}

static void
open_entry_dialog (ArDebtorPane *self,
                   ArEntryKind   kind,
                   gint64        invoice_id)
{
  const ArDebtorLedger *debtor = _ar_debtor_pane_get_debtor (self);
  const char *currency = _ar_debtor_pane_get_currency (self);
  ArEntryDialog *dialog;

  if (debtor == NULL || currency == NULL)
    return;
  dialog = ar_entry_dialog_new (parent_window (self), ar_debtor_pane_get_ledger (self), debtor,
                                currency, kind, invoice_id);
  g_signal_connect_object (dialog, "posted", G_CALLBACK (on_entry_posted_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
credit_note_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  open_entry_dialog (AR_DEBTOR_PANE (widget), AR_ENTRY_CREDIT_NOTE, 0);
}

static void
refund_action (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  open_entry_dialog (AR_DEBTOR_PANE (widget), AR_ENTRY_REFUND, 0);
}

/* With an invoice id (an open item's button) or 0 (the menu). */
static void
write_off_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *parameter)
{
  open_entry_dialog (AR_DEBTOR_PANE (widget), AR_ENTRY_WRITE_OFF,
                     parameter != NULL ? g_variant_get_int64 (parameter) : 0);
}

/* Reversal -------------------------------------------------------------------------------- */

static void
on_reversed_cb (ArDebtorPane    *self,
                gint64           reversal_id,
                gint64           debtor_id,
                ArReverseDialog *dialog)
{
  _ar_debtor_pane_refresh (self, debtor_id);
  _ar_debtor_pane_toast (self, _("Entry reversed"));
}

static void
reverse_entry_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  ArDebtorPane *self = AR_DEBTOR_PANE (widget);
  const ArDebtorLedger *debtor = _ar_debtor_pane_get_debtor (self);
  gint64 entry_id = g_variant_get_int64 (parameter);
  const ArDebtorEntry *entry;
  g_autoptr(ArEntryRow) row = NULL;
  ArReverseDialog *dialog;

  if (debtor == NULL || (entry = ar_debtor_ledger_find_entry (debtor, entry_id)) == NULL)
    return;
  /* The ledger's own words for the entry. */
  row = ar_entry_row_new (debtor, entry);
  dialog = ar_reverse_dialog_new (parent_window (self), ar_debtor_pane_get_ledger (self), entry,
                                  debtor->debtor.id, ar_entry_row_get_description (row));
  g_signal_connect_object (dialog, "reversed", G_CALLBACK (on_reversed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The debtor: details, status, notes, contacts ------------------------------------------- */

static void
on_debtor_saved_cb (ArDebtorPane   *self,
                    gint64          debtor_id,
                    ArDebtorDialog *dialog)
{
  _ar_debtor_pane_refresh (self, debtor_id);
  _ar_debtor_pane_toast (self, _("Debtor saved"));
}

static void
edit_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  ArDebtorPane *self = AR_DEBTOR_PANE (widget);
  const ArDebtorLedger *debtor = _ar_debtor_pane_get_debtor (self);
  ArDebtorDialog *dialog;

  if (debtor == NULL)
    return;
  dialog = ar_debtor_dialog_new (parent_window (self), ar_debtor_pane_get_ledger (self),
                                 &debtor->debtor);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_debtor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_status_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  ArDebtorPane *self = AR_DEBTOR_PANE (widget);
  const ArDebtorLedger *debtor = _ar_debtor_pane_get_debtor (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  ArDebtorStatus status, before;
  gint64 debtor_id;

  if (debtor == NULL || !ar_debtor_status_from_string (g_variant_get_string (parameter, NULL),
                                                       &status))
    return;
  before = debtor->debtor.status;
  debtor_id = debtor->debtor.id;
  if (status == before)
    return;
  if (!ar_ledger_set_debtor_status (ar_debtor_pane_get_ledger (self), debtor_id, status, &error))
    {
      _ar_debtor_pane_show_error (self, _("Can’t Change the Status"), error);
      return;
    }
  _ar_debtor_pane_refresh (self, debtor_id);
  /* Translators: a toast: "Status changed to Disputed" */
  title = g_strdup_printf (_("Status changed to %s"), ar_label_debtor_status (status));
  _ar_debtor_pane_toast_undo (self, title, "undo-status",
                              g_variant_new ("(uxs)", _ar_debtor_pane_get_epoch (self),
                                             debtor_id, ar_debtor_status_to_string (before)));
}

static void
save_notes_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  ArDebtorPane *self = AR_DEBTOR_PANE (widget);
  const ArDebtorLedger *debtor = _ar_debtor_pane_get_debtor (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = _ar_debtor_pane_get_notes (self);
  gint64 debtor_id;

  if (debtor == NULL)
    return;
  debtor_id = debtor->debtor.id;
  if (!ar_ledger_set_debtor_notes (ar_debtor_pane_get_ledger (self), debtor_id, notes, &error))
    {
      _ar_debtor_pane_show_error (self, _("Can’t Save the Notes"), error);
      return;
    }
  _ar_debtor_pane_refresh (self, debtor_id);
  _ar_debtor_pane_toast (self, _("Notes saved"));
}

static void
on_contact_added_cb (ArDebtorPane         *self,
                     gint64                debtor_id,
                     ArContactPointDialog *dialog)
{
  _ar_debtor_pane_refresh (self, debtor_id);
  ar_debtor_pane_show_section (self, "contacts");
  _ar_debtor_pane_toast (self, _("Contact added"));
}

static void
add_contact_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  ArDebtorPane *self = AR_DEBTOR_PANE (widget);
  const ArDebtorLedger *debtor = _ar_debtor_pane_get_debtor (self);
  ArContactPointDialog *dialog;

  if (debtor == NULL)
    return;
  dialog = ar_contact_point_dialog_new (parent_window (self), ar_debtor_pane_get_ledger (self),
                                        debtor->debtor.id, debtor->debtor.name,
                                        AR_DEBTOR_CONTACT_PHONE);
  g_signal_connect_object (dialog, "added", G_CALLBACK (on_contact_added_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* (kind, contact id, status) from a contact row's menu. */
static void
contact_status_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *parameter)
{
  ArDebtorPane *self = AR_DEBTOR_PANE (widget);
  const ArDebtorLedger *debtor = _ar_debtor_pane_get_debtor (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *status_name;
  ArContactStatus status, before = AR_N_CONTACT_STATUSES;
  gint64 contact_id, debtor_id;
  gint32 kind;

  g_variant_get (parameter, "(ix&s)", &kind, &contact_id, &status_name);
  if (debtor == NULL || !ar_contact_status_from_string (status_name, &status))
    return;
  for (guint i = 0; i < debtor->contacts->len; i++)
    {
      const ArDebtorContact *c = &g_array_index (debtor->contacts, ArDebtorContact, i);

      if ((gint32) c->kind == kind && c->id == contact_id)
        before = c->status;
    }
  if (before == AR_N_CONTACT_STATUSES || before == status)
    return;
  debtor_id = debtor->debtor.id;
  if (!ar_ledger_set_contact_status (ar_debtor_pane_get_ledger (self), debtor_id, kind,
                                     contact_id, status, &error))
    {
      _ar_debtor_pane_show_error (self, _("Can’t Change the Contact"), error);
      return;
    }
  _ar_debtor_pane_refresh (self, debtor_id);
  /* Translators: a toast: "Marked as Bad" */
  title = g_strdup_printf (_("Marked as %s"), ar_label_contact_status (status));
  _ar_debtor_pane_toast_undo (self, title, "undo-contact",
                              g_variant_new ("(uxixs)", _ar_debtor_pane_get_epoch (self),
                                             debtor_id, kind, contact_id,
                                             ar_contact_status_to_string (before)));
}

/* Documents ------------------------------------------------------------------------------- */

static ArDocumentDialog *
open_document (ArDebtorPane   *self,
               ArDocumentKind  kind)
{
  const ArDebtorLedger *debtor = _ar_debtor_pane_get_debtor (self);
  const char *currency = _ar_debtor_pane_get_currency (self);
  ArDocumentDialog *dialog;

  if (debtor == NULL || currency == NULL)
    return NULL;
  dialog = ar_document_dialog_new (parent_window (self), ar_debtor_pane_get_ledger (self), kind,
                                   debtor->debtor.id, debtor->debtor.name,
                                   debtor->debtor.external_id, currency);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
statement_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *parameter)
{
  open_document (AR_DEBTOR_PANE (widget), AR_DOCUMENT_STATEMENT);
}

static void
print_statement_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  ArDocumentDialog *dialog = open_document (AR_DEBTOR_PANE (widget), AR_DOCUMENT_STATEMENT);

  if (dialog != NULL)
    ar_document_dialog_print_when_ready (dialog);
}

static void
letter_action (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  open_document (AR_DEBTOR_PANE (widget), AR_DOCUMENT_LETTER);
}

/* Set-up ---------------------------------------------------------------------------------- */

void
_ar_debtor_pane_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "debtor.add-invoice", NULL, add_invoice_action);
  gtk_widget_class_install_action (widget_class, "debtor.credit-note", NULL, credit_note_action);
  gtk_widget_class_install_action (widget_class, "debtor.refund", NULL, refund_action);
  gtk_widget_class_install_action (widget_class, "debtor.write-off", NULL, write_off_action);
  gtk_widget_class_install_action (widget_class, "debtor.write-off-invoice", "x",
                                   write_off_action);
  gtk_widget_class_install_action (widget_class, "debtor.reverse-entry", "x",
                                   reverse_entry_action);
  gtk_widget_class_install_action (widget_class, "debtor.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "debtor.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "debtor.save-notes", NULL, save_notes_action);
  gtk_widget_class_install_action (widget_class, "debtor.add-contact", NULL, add_contact_action);
  gtk_widget_class_install_action (widget_class, "debtor.contact-status", "(ixs)",
                                   contact_status_action);
  gtk_widget_class_install_action (widget_class, "debtor.statement", NULL, statement_action);
  gtk_widget_class_install_action (widget_class, "debtor.print-statement", NULL,
                                   print_statement_action);
  gtk_widget_class_install_action (widget_class, "debtor.letter", NULL, letter_action);
}

void
_ar_debtor_pane_actions_update (ArDebtorPane *self)
{
  static const char * const need_debtor[] = {
    "debtor.add-invoice", "debtor.edit", "debtor.set-status", "debtor.save-notes",
    "debtor.add-contact", "debtor.contact-status", "debtor.reverse-entry",
  };
  static const char * const need_currency[] = {
    "debtor.credit-note", "debtor.refund", "debtor.write-off", "debtor.write-off-invoice",
    "debtor.statement", "debtor.print-statement", "debtor.letter",
  };
  gboolean shown = ar_debtor_pane_get_ledger (self) != NULL
                   && _ar_debtor_pane_get_debtor (self) != NULL;
  gboolean currency = shown && _ar_debtor_pane_get_currency (self) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (need_debtor); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), need_debtor[i], shown);
  for (guint i = 0; i < G_N_ELEMENTS (need_currency); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), need_currency[i], currency);
}
