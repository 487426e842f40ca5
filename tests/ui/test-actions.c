/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
/* The debtor pane's write actions and documents on the real window over a demo ledger. Each
 * dialog is built and finalized; then driven: add an invoice (bad money refused inline),
 * write part of it off (through the confirmation), reverse the write-off with a reason, edit
 * the debtor, split a payment over two invoices and undo it, add a phone and an email (a
 * bad email refused inline), mark the phone bad and
 * undo it, change the status and save notes, each checked in the ledger through the core;
 * the statement preview renders pages, Save writes a PDF whose text pdftotext reads, and
 * Print exports one; a letter previews too. Screenshots of every dialog, light and dark, and
 * of the preview at 1280×800 and 800×600 go to $G_TEST_BUILDDIR/screenshots. */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ar-account-list.h"
#include "ar-contact-point-dialog.h"
#include "ar-date.h"
#include "ar-debtor-dialog.h"
#include "ar-debtor-ledger.h"
#include "ar-debtor-pane.h"
#include "ar-demo.h"
#include "ar-doc-statement.h"
#include "ar-document-dialog.h"
#include "ar-dunning.h"
#include "ar-entry-dialog.h"
#include "ar-invoice-dialog.h"
#include "ar-ledger-edit.h"
#include "ar-money.h"
#include "ar-payment-dialog.h"
#include "ar-reverse-dialog.h"
#include "ar-test-util.h"
#include "ar-ui-test.h"
#include "ar-window.h"

#define N_DEBTORS      60
#define INVOICE_NUMBER "T-1001"
#define INVOICE_AMOUNT 25000  /* minor units */
#define WRITE_OFF      10000

static char     *tmp_dir;
static char     *ledger_path;
static ArLedger *ledger;
static ArWindow *window;
static guint     position;
static gint64    debtor_id;
static char      currency[4];
static gint64    invoice_id;

/* Helpers --------------------------------------------------------------------------------- */

static ArAccountList *
account_list (void)
{
  return AR_ACCOUNT_LIST (ar_window_get_account_list (window));
}

static ArDebtorPane *
pane (void)
{
  return AR_DEBTOR_PANE (ar_window_get_debtor_pane (window));
}

static ArDebtorLedger *
load_debtor (void)
{
  g_autoptr(GError) error = NULL;
  ArDebtorLedger *debtor = ar_debtor_ledger_load (ledger, debtor_id, &error);

  g_assert_no_error (error);
  return debtor;
}

static gint64
invoice_open (void)
{
  g_autoptr(GError) error = NULL;
  gint64 open = -1;

  g_assert_true (ar_ledger_get_invoice_open (ledger, invoice_id, &open, &error));
  g_assert_no_error (error);
  return open;
}

static GtkWindow *
find_window (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

typedef struct
{
  GType      type;
  GtkWindow *found;
} Find;

static gboolean
window_mapped (gpointer data)
{
  Find *find = data;

  find->found = find_window (find->type);
  return find->found != NULL && gtk_widget_get_mapped (GTK_WIDGET (find->found))
         && gtk_widget_get_width (GTK_WIDGET (find->found)) > 0;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* An async call's result, kept for its finish. */
static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Activates @action on the pane and returns the dialog of @type it opened, watched by a weak
 * pointer in @find. */
static GtkWindow *
open_dialog (const char *action,
             GVariant   *parameter,
             Find       *find)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (pane ()), action, parameter));
  ar_ui_wait_for (window_mapped, find, action);
  g_object_add_weak_pointer (G_OBJECT (find->found), (gpointer *) &find->found);
  return find->found;
}

/* Light and dark screenshots of a dialog, "<name>-light.png" and "<name>-dark.png". */
static void
screenshot_both (GtkWidget  *widget,
                 const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  ar_ui_iterate_for (250);
  ar_ui_save_screenshot (widget, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  ar_ui_iterate_for (250);
  ar_ui_save_screenshot (widget, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  ar_ui_iterate_for (50);
}

/* Set-up ---------------------------------------------------------------------------------- */

static void
test_open_window (void)
{
  g_autoptr(GError) error = NULL;
  GListModel *model;
  GDate today;

  ledger_path = g_build_filename (tmp_dir, "demo.arrears", NULL);
  ledger = ar_ledger_create (ledger_path, &error);
  g_assert_no_error (error);
  ar_date_set_today (&today);
  ar_demo_generate (ledger, N_DEBTORS, 42, ar_date_to_julian (&today), NULL, &error);
  g_assert_no_error (error);

  window = ar_window_new (NULL);
  g_object_ref_sink (window);
  g_assert_true (ar_window_set_ledger (window, ledger, &error));
  g_assert_no_error (error);
  ar_ui_present_at (GTK_WINDOW (window), 1280, 800);
  ar_ui_iterate_for (200);

  /* A debtor who owes something overdue and may get letters. */
  model = G_LIST_MODEL (ar_account_list_get_model (account_list ()));
  for (position = 0; position < g_list_model_get_n_items (model); position++)
    {
      g_autoptr(ArAccount) account = g_list_model_get_item (model, position);
      g_autoptr(ArDebtorLedger) d = NULL;

      if (ar_account_get_days_overdue (account) <= 30 || ar_account_get_balance (account) <= 0)
        continue;
      d = ar_debtor_ledger_load (ledger, ar_account_get_debtor_id (account), NULL);
      if (d->debtor.status == AR_STATUS_ACTIVE && !d->debtor.cease_contact)
        break;
    }
  g_assert_cmpuint (position, <, g_list_model_get_n_items (model));

  gtk_single_selection_set_selected (ar_account_list_get_selection (account_list ()), position);
  {
    g_autoptr(ArAccount) account = g_list_model_get_item (model, position);

    debtor_id = ar_account_get_debtor_id (account);
    g_strlcpy (currency, ar_account_get_currency (account), sizeof currency);
  }
  ar_ui_iterate_for (100);
}

/* Every dialog builds from its template and is finalized. -------------------------------- */

static void
destroy_and_finalize (GtkWindow *dialog)
{
  g_object_ref (dialog);
  gtk_window_destroy (dialog);
  g_assert_finalize_object (dialog);
}

static void
test_templates (void)
{
  g_autoptr(ArDebtorLedger) debtor = load_debtor ();
  const ArEntryKind kinds[] = { AR_ENTRY_CREDIT_NOTE, AR_ENTRY_REFUND, AR_ENTRY_WRITE_OFF };
  const ArDebtorEntry *entry = &g_array_index (debtor->entries, ArDebtorEntry, 0);

  destroy_and_finalize (GTK_WINDOW (ar_invoice_dialog_new (NULL, ledger, debtor_id, "X",
                                                           currency)));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      ArEntryDialog *dialog = ar_entry_dialog_new (NULL, ledger, debtor, currency, kinds[i], 0);

      g_assert_cmpint (ar_entry_dialog_get_kind (dialog), ==, kinds[i]);
      destroy_and_finalize (GTK_WINDOW (dialog));
    }
  destroy_and_finalize (GTK_WINDOW (ar_debtor_dialog_new (NULL, ledger, &debtor->debtor)));
  destroy_and_finalize (GTK_WINDOW (ar_contact_point_dialog_new (NULL, ledger, debtor_id, "X",
                                                                 AR_DEBTOR_CONTACT_ADDRESS)));
  destroy_and_finalize (GTK_WINDOW (ar_reverse_dialog_new (NULL, ledger, entry, debtor_id,
                                                           "Invoice")));
}

/* Add an invoice -------------------------------------------------------------------------- */

static void
test_add_invoice (void)
{
  g_autofree char *amount = ar_money_format (INVOICE_AMOUNT, currency);
  Find find = { AR_TYPE_INVOICE_DIALOG, NULL };
  ArInvoiceDialog *dialog = AR_INVOICE_DIALOG (open_dialog ("debtor.add-invoice", NULL, &find));
  GtkWidget *add = ar_invoice_dialog_get_add_button (dialog);
  GtkWidget *error_label = ar_invoice_dialog_get_error_label (dialog);
  ArInvoiceRef ref;

  /* Empty: not addable, and not an error yet. */
  g_assert_false (gtk_widget_get_sensitive (add));
  g_assert_false (gtk_widget_get_visible (error_label));

  /* Bad money is refused inline, naming what was typed. */
  gtk_editable_set_text (ar_invoice_dialog_get_number_entry (dialog), INVOICE_NUMBER);
  gtk_editable_set_text (ar_invoice_dialog_get_amount_entry (dialog), "12,34.5");
  g_assert_false (gtk_widget_get_sensitive (add));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "12,34.5"));
  gtk_editable_set_text (ar_invoice_dialog_get_amount_entry (dialog), "-5");
  g_assert_false (gtk_widget_get_sensitive (add));
  g_assert_true (gtk_widget_get_visible (error_label));
  screenshot_both (GTK_WIDGET (dialog), "invoice-dialog-error");

  /* A due date before the issue date too. */
  gtk_editable_set_text (ar_invoice_dialog_get_amount_entry (dialog), amount);
  g_assert_true (gtk_widget_get_sensitive (add));
  gtk_editable_set_text (ar_invoice_dialog_get_due_entry (dialog), "2000-01-01");
  g_assert_false (gtk_widget_get_sensitive (add));
  g_assert_true (gtk_widget_get_visible (error_label));
  {
    char due[11];
    GDate today;

    ar_date_set_today (&today);
    ar_date_format_julian (ar_date_to_julian (&today) + 14, due);
    gtk_editable_set_text (ar_invoice_dialog_get_due_entry (dialog), due);
  }
  g_assert_true (gtk_widget_get_sensitive (add));
  g_assert_false (gtk_widget_get_visible (error_label));
  screenshot_both (GTK_WIDGET (dialog), "invoice-dialog");

  g_signal_emit_by_name (add, "clicked");
  ar_ui_wait_for (is_null, &find.found, "the invoice dialog to close");

  g_assert_true (ar_ledger_lookup_invoice (ledger, INVOICE_NUMBER, &ref));
  g_assert_cmpint (ref.debtor_id, ==, debtor_id);
  g_assert_cmpint (ref.amount, ==, INVOICE_AMOUNT);
  g_assert_cmpstr (ref.currency, ==, currency);
  invoice_id = ref.id;
  g_assert_cmpint (invoice_open (), ==, INVOICE_AMOUNT);

  /* A number already in the book is refused by the core, shown under the form. */
  find.found = NULL;
  dialog = AR_INVOICE_DIALOG (open_dialog ("debtor.add-invoice", NULL, &find));
  gtk_editable_set_text (ar_invoice_dialog_get_number_entry (dialog), INVOICE_NUMBER);
  gtk_editable_set_text (ar_invoice_dialog_get_amount_entry (dialog), amount);
  g_signal_emit_by_name (ar_invoice_dialog_get_add_button (dialog), "clicked");
  g_assert_nonnull (find.found);
  g_assert_true (gtk_widget_get_visible (ar_invoice_dialog_get_error_label (dialog)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (ar_invoice_dialog_get_error_label (dialog))),
                            INVOICE_NUMBER));
  gtk_window_close (GTK_WINDOW (dialog));
  ar_ui_wait_for (is_null, &find.found, "the invoice dialog to close");
}

/* Write part of it off, through the confirmation ------------------------------------------ */

static gint64 write_off_id;

static void
test_write_off (void)
{
  g_autofree char *amount = ar_money_format (WRITE_OFF, currency);
  g_autoptr(ArDebtorLedger) debtor = NULL;
  Find find = { AR_TYPE_ENTRY_DIALOG, NULL };
  ArEntryDialog *dialog =
    AR_ENTRY_DIALOG (open_dialog ("debtor.write-off-invoice", g_variant_new_int64 (invoice_id),
                                  &find));
  GtkWidget *post = ar_entry_dialog_get_post_button (dialog);
  GtkWidget *error_label = ar_entry_dialog_get_error_label (dialog);
  AdwMessageDialog *confirmation;

  g_assert_cmpint (ar_entry_dialog_get_kind (dialog), ==, AR_ENTRY_WRITE_OFF);
  /* The invoice is preselected; the reason is still missing. */
  g_assert_false (gtk_widget_get_sensitive (post));

  gtk_editable_set_text (ar_entry_dialog_get_amount_entry (dialog), "abc");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "abc"));
  gtk_editable_set_text (ar_entry_dialog_get_amount_entry (dialog), amount);
  gtk_editable_set_text (ar_entry_dialog_get_memo_entry (dialog), "Goodwill: late delivery");
  g_assert_true (gtk_widget_get_sensitive (post));
  g_assert_false (gtk_widget_get_visible (error_label));
  screenshot_both (GTK_WIDGET (dialog), "write-off-dialog");

  /* Posting asks first; cancelling writes nothing. */
  g_signal_emit_by_name (post, "clicked");
  confirmation = ar_entry_dialog_get_confirmation (dialog);
  g_assert_nonnull (confirmation);
  ar_ui_iterate_for (300);
  screenshot_both (GTK_WIDGET (confirmation), "write-off-confirmation");
  adw_message_dialog_response (confirmation, "cancel");
  gtk_window_close (GTK_WINDOW (confirmation));
  ar_ui_iterate_for (100);
  g_assert_cmpint (invoice_open (), ==, INVOICE_AMOUNT);
  g_assert_nonnull (find.found);

  g_signal_emit_by_name (post, "clicked");
  confirmation = ar_entry_dialog_get_confirmation (dialog);
  g_assert_nonnull (confirmation);
  adw_message_dialog_response (confirmation, "write-off");
  gtk_window_close (GTK_WINDOW (confirmation));
  ar_ui_wait_for (is_null, &find.found, "the write-off dialog to close");
  g_assert_cmpint (invoice_open (), ==, INVOICE_AMOUNT - WRITE_OFF);

  debtor = load_debtor ();
  for (guint i = 0; i < debtor->entries->len; i++)
    {
      const ArDebtorEntry *e = &g_array_index (debtor->entries, ArDebtorEntry, i);

      if (e->kind == AR_ENTRY_WRITE_OFF && e->invoice_id == invoice_id)
        {
          write_off_id = e->id;
          g_assert_cmpint (e->amount, ==, -WRITE_OFF);
          g_assert_cmpstr (e->memo, ==, "Goodwill: late delivery");
        }
    }
  g_assert_cmpint (write_off_id, >, 0);
  /* The toast offers Undo. */
  g_assert_nonnull (ar_debtor_pane_get_undo_toast (pane ()));
}

/* Reverse it from the ledger's row, with a reason ---------------------------------------- */

static void
test_reverse (void)
{
  g_autoptr(ArDebtorLedger) debtor = NULL;
  const ArDebtorEntry *entry, *reversal = NULL;
  Find find = { AR_TYPE_REVERSE_DIALOG, NULL };
  AdwMessageDialog *dialog;

  ar_debtor_pane_show_section (pane (), "ledger");
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (GTK_WIDGET (window), "ledger-reverse-column-light.png");

  dialog = ADW_MESSAGE_DIALOG (open_dialog ("debtor.reverse-entry",
                                            g_variant_new_int64 (write_off_id), &find));
  /* No reason, no reversal. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reverse"));
  gtk_editable_set_text (ar_reverse_dialog_get_reason_entry (AR_REVERSE_DIALOG (dialog)), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reverse"));
  gtk_editable_set_text (ar_reverse_dialog_get_reason_entry (AR_REVERSE_DIALOG (dialog)),
                         "Posted to the wrong invoice");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "reverse"));
  screenshot_both (GTK_WIDGET (dialog), "reverse-dialog");
  /* What the Reverse button does: respond, then close. */
  adw_message_dialog_response (dialog, "reverse");
  gtk_window_close (GTK_WINDOW (dialog));
  ar_ui_wait_for (is_null, &find.found, "the reverse dialog to close");

  g_assert_cmpint (invoice_open (), ==, INVOICE_AMOUNT);
  debtor = load_debtor ();
  entry = ar_debtor_ledger_find_entry (debtor, write_off_id);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->reversed_by_id, >, 0);
  reversal = ar_debtor_ledger_find_entry (debtor, entry->reversed_by_id);
  g_assert_cmpint (reversal->kind, ==, AR_ENTRY_REVERSAL);
  g_assert_cmpstr (reversal->memo, ==, "Posted to the wrong invoice");
  ar_debtor_pane_show_section (pane (), "open");
}

/* Credit note and refund ------------------------------------------------------------------ */

static void
test_credit_note_and_refund (void)
{
  g_autofree char *amount = ar_money_format (150, currency);
  g_autoptr(ArDebtorLedger) debtor = NULL;
  Find find = { AR_TYPE_ENTRY_DIALOG, NULL };
  ArEntryDialog *dialog;
  AdwToast *toast;
  gint64 credit_id = 0;
  gint64 balance_before = 0, balance = 0, unapplied = 0;

  g_assert_true (ar_ledger_get_balance (ledger, debtor_id, currency, &balance_before, NULL, NULL));

  /* A credit note on the new invoice. */
  dialog = AR_ENTRY_DIALOG (open_dialog ("debtor.credit-note", NULL, &find));
  g_assert_cmpint (ar_entry_dialog_get_kind (dialog), ==, AR_ENTRY_CREDIT_NOTE);
  g_assert_false (gtk_widget_get_sensitive (ar_entry_dialog_get_post_button (dialog)));
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (ar_entry_dialog_get_invoice_row (dialog))); i++)
    {
      g_autoptr(GtkStringObject) item =
        g_list_model_get_item (adw_combo_row_get_model (ar_entry_dialog_get_invoice_row (dialog)), i);

      if (g_str_has_prefix (gtk_string_object_get_string (item), INVOICE_NUMBER))
        adw_combo_row_set_selected (ar_entry_dialog_get_invoice_row (dialog), i);
    }
  gtk_editable_set_text (ar_entry_dialog_get_amount_entry (dialog), amount);
  gtk_editable_set_text (ar_entry_dialog_get_memo_entry (dialog), "Scratched crown");
  g_assert_true (gtk_widget_get_sensitive (ar_entry_dialog_get_post_button (dialog)));
  screenshot_both (GTK_WIDGET (dialog), "credit-note-dialog");
  g_signal_emit_by_name (ar_entry_dialog_get_post_button (dialog), "clicked");
  ar_ui_wait_for (is_null, &find.found, "the credit note dialog to close");
  g_assert_cmpint (invoice_open (), ==, INVOICE_AMOUNT - 150);

  debtor = load_debtor ();
  for (guint i = 0; i < debtor->entries->len; i++)
    {
      const ArDebtorEntry *e = &g_array_index (debtor->entries, ArDebtorEntry, i);

      if (e->kind == AR_ENTRY_CREDIT_NOTE && e->invoice_id == invoice_id)
        credit_id = e->id;
    }
  g_assert_cmpint (credit_id, >, 0);

  /* Its Undo posts the reversal. */
  toast = ar_debtor_pane_get_undo_toast (pane ());
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Credit note posted");
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (pane ()),
                                                     adw_toast_get_action_name (toast),
                                                     adw_toast_get_action_target_value (toast)));
  g_assert_cmpint (invoice_open (), ==, INVOICE_AMOUNT);
  g_assert_true (ar_ledger_get_balance (ledger, debtor_id, currency, &balance, &unapplied, NULL));
  g_assert_cmpint (balance, ==, balance_before);

  /* A refund pays back credit on account; with none, the dialog says so and can't post. */
  g_assert_cmpint (unapplied, ==, 0);
  dialog = AR_ENTRY_DIALOG (open_dialog ("debtor.refund", NULL, &find));
  g_assert_cmpint (ar_entry_dialog_get_kind (dialog), ==, AR_ENTRY_REFUND);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ar_entry_dialog_get_invoice_row (dialog))));
  gtk_editable_set_text (ar_entry_dialog_get_amount_entry (dialog), amount);
  g_assert_false (gtk_widget_get_sensitive (ar_entry_dialog_get_post_button (dialog)));
  screenshot_both (GTK_WIDGET (dialog), "refund-dialog");
  g_assert_true (ar_ledger_get_balance (ledger, debtor_id, currency, &balance, NULL, NULL));
  g_assert_cmpint (balance, ==, balance_before);
  gtk_window_close (GTK_WINDOW (dialog));
  ar_ui_wait_for (is_null, &find.found, "the refund dialog to close");
}

/* With credit on account, a refund beyond it is refused by the core, in the dialog; within
 * it, it posts. */
static void
test_refund (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *too_much = ar_money_format (300, currency);
  g_autofree char *credit = ar_money_format (200, currency);
  Find find = { AR_TYPE_ENTRY_DIALOG, NULL };
  ArEntryDialog *dialog;
  gint64 owed = 0, unapplied = 0, payment_id = 0;
  ArPosting overpay = { .debtor_id = debtor_id, .kind = AR_ENTRY_PAYMENT, .currency = currency };
  GDate today;

  /* An overpayment of 2.00, written through the core. */
  g_assert_true (ar_ledger_get_balance (ledger, debtor_id, currency, &owed, NULL, NULL));
  ar_date_set_today (&today);
  overpay.date = ar_date_to_julian (&today);
  overpay.amount = owed + 200;
  g_assert_true (ar_ledger_post (ledger, &overpay, &payment_id, &error));
  g_assert_no_error (error);
  ar_debtor_pane_reload (pane ());

  dialog = AR_ENTRY_DIALOG (open_dialog ("debtor.refund", NULL, &find));
  gtk_editable_set_text (ar_entry_dialog_get_amount_entry (dialog), too_much);
  g_assert_true (gtk_widget_get_sensitive (ar_entry_dialog_get_post_button (dialog)));
  g_signal_emit_by_name (ar_entry_dialog_get_post_button (dialog), "clicked");
  g_assert_nonnull (find.found);
  g_assert_true (gtk_widget_get_visible (ar_entry_dialog_get_error_label (dialog)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (ar_entry_dialog_get_error_label (dialog))),
                            "credit on account"));
  screenshot_both (GTK_WIDGET (dialog), "refund-dialog-error");
  g_assert_true (ar_ledger_get_balance (ledger, debtor_id, currency, NULL, &unapplied, NULL));
  g_assert_cmpint (unapplied, ==, 200);

  gtk_editable_set_text (ar_entry_dialog_get_amount_entry (dialog), credit);
  g_signal_emit_by_name (ar_entry_dialog_get_post_button (dialog), "clicked");
  ar_ui_wait_for (is_null, &find.found, "the refund dialog to close");
  g_assert_true (ar_ledger_get_balance (ledger, debtor_id, currency, &owed, &unapplied, NULL));
  g_assert_cmpint (unapplied, ==, 0);
  g_assert_cmpint (owed, ==, 0);

  /* Back to where the other tests expect the account: the refund and the overpayment
   * reversed. */
  {
    g_autoptr(ArDebtorLedger) debtor = load_debtor ();
    gint64 ids[2] = { payment_id, 0 };

    for (guint i = 0; i < debtor->entries->len; i++)
      if (g_array_index (debtor->entries, ArDebtorEntry, i).kind == AR_ENTRY_REFUND)
        ids[1] = g_array_index (debtor->entries, ArDebtorEntry, i).id;
    g_assert_cmpint (ids[1], >, 0);
    g_assert_true (ar_ledger_reverse_entries (ledger, ids, 2, overpay.date, "Test set-up",
                                              &error));
    g_assert_no_error (error);
  }
  ar_debtor_pane_reload (pane ());
  g_assert_cmpint (invoice_open (), ==, INVOICE_AMOUNT);
}

/* Paid invoices in the open items -------------------------------------------------------- */

static void
collect (GtkWidget  *widget,
         GType       type,
         const char *css_class,
         GPtrArray  *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, css_class, found);
}

static guint
count_paid_rows (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (GTK_WIDGET (pane ()), ADW_TYPE_ACTION_ROW, "paid-item", rows);
  return rows->len;
}

static void
test_show_paid (void)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(ArDebtorLedger) debtor = NULL;
  g_autoptr(GError) error = NULL;
  guint settled = 0;
  guint32 today;
  ArInvoiceInfo small = {
    .debtor_id = debtor_id, .number = "T-1002", .currency = currency, .amount = 500,
  };
  ArPosting paid = { .debtor_id = debtor_id, .kind = AR_ENTRY_PAYMENT, .amount = 500,
                     .currency = currency };

  /* An invoice paid in full, written through the core as another program would. */
  {
    GDate date;

    ar_date_set_today (&date);
    today = ar_date_to_julian (&date);
  }
  small.issue_date = small.due_date = paid.date = today;
  g_assert_true (ar_ledger_add_invoice (ledger, &small, &paid.invoice_id, &error));
  g_assert_true (ar_ledger_post (ledger, &paid, NULL, &error));
  g_assert_no_error (error);
  ar_debtor_pane_reload (pane ());
  debtor = load_debtor ();

  /* The invoices nothing is open on any more, from the core's data. */
  for (guint i = 0; i < debtor->entries->len; i++)
    {
      const ArDebtorEntry *e = &g_array_index (debtor->entries, ArDebtorEntry, i);
      gboolean open = FALSE;

      if (e->kind != AR_ENTRY_INVOICE || e->reversed_by_id != 0)
        continue;
      for (guint j = 0; j < debtor->open_items->len; j++)
        open |= g_array_index (debtor->open_items, ArDebtorOpenItem, j).invoice_id == e->invoice_id;
      settled += !open;
    }

  g_assert_cmpuint (settled, >, 0);
  collect (GTK_WIDGET (pane ()), GTK_TYPE_CHECK_BUTTON, NULL, checks);
  g_assert_cmpuint (checks->len, ==, 1);
  g_assert_cmpuint (count_paid_rows (), ==, 0);
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);
  g_assert_cmpuint (count_paid_rows (), ==, settled);
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), FALSE);
  g_assert_cmpuint (count_paid_rows (), ==, 0);
}

/* A payment split over two invoices, and its Undo ---------------------------------------- */

static void
test_split_payment (void)
{
  g_autofree char *part = ar_money_format (5000, currency);
  g_autofree char *other_part = ar_money_format (100, currency);
  Find find = { AR_TYPE_PAYMENT_DIALOG, NULL };
  ArPaymentDialog *dialog =
    AR_PAYMENT_DIALOG (open_dialog ("debtor.record-payment", NULL, &find));
  GtkWidget *record = ar_payment_dialog_get_record_button (dialog);
  GtkEditable *mine = NULL, *other = NULL;
  gint64 other_id = 0, other_open_before, other_open_after;
  AdwToast *toast;

  g_assert_true (ar_payment_dialog_set_split (dialog));
  for (guint i = 0; ; i++)
    {
      gint64 id;
      GtkEditable *entry = ar_payment_dialog_get_split_entry (dialog, i, &id);

      if (entry == NULL)
        break;
      if (id == invoice_id)
        mine = entry;
      else if (other == NULL)
        {
          other = entry;
          other_id = id;
        }
    }
  g_assert_nonnull (mine);
  g_assert_nonnull (other);
  g_assert_true (ar_ledger_get_invoice_open (ledger, other_id, &other_open_before, NULL));

  /* Nothing given yet: not recordable; a bad part is refused inline. */
  g_assert_false (gtk_widget_get_sensitive (record));
  gtk_editable_set_text (mine, "fifty");
  g_assert_false (gtk_widget_get_sensitive (record));
  g_assert_true (gtk_widget_get_visible (ar_payment_dialog_get_error_label (dialog)));
  gtk_editable_set_text (mine, part);
  gtk_editable_set_text (other, other_part);
  g_assert_true (gtk_widget_get_sensitive (record));
  screenshot_both (GTK_WIDGET (dialog), "payment-dialog-split");

  g_signal_emit_by_name (record, "clicked");
  ar_ui_wait_for (is_null, &find.found, "the payment dialog to close");
  g_assert_cmpint (invoice_open (), ==, INVOICE_AMOUNT - 5000);
  g_assert_true (ar_ledger_get_invoice_open (ledger, other_id, &other_open_after, NULL));
  g_assert_cmpint (other_open_after, ==, other_open_before - 100);

  /* Undo reverses both parts. */
  toast = ar_debtor_pane_get_undo_toast (pane ());
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Payment recorded on 2 invoices");
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (pane ()),
                                                     adw_toast_get_action_name (toast),
                                                     adw_toast_get_action_target_value (toast)));
  g_assert_cmpint (invoice_open (), ==, INVOICE_AMOUNT);
  g_assert_true (ar_ledger_get_invoice_open (ledger, other_id, &other_open_after, NULL));
  g_assert_cmpint (other_open_after, ==, other_open_before);
}

/* Documents ------------------------------------------------------------------------------- */

static gboolean
document_done (gpointer data)
{
  ArDocumentDialog *dialog = data;

  return ar_document_dialog_is_ready (dialog) || ar_document_dialog_get_error (dialog) != NULL;
}

static void
test_statement (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArDebtorLedger) debtor = load_debtor ();
  g_autofree char *pdf = g_build_filename (tmp_dir, "statement.pdf", NULL);
  g_autofree char *printed = g_build_filename (tmp_dir, "printed.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autofree char *direct = g_build_filename (tmp_dir, "direct.pdf", NULL);
  Find find = { AR_TYPE_DOCUMENT_DIALOG, NULL };
  ArDocumentDialog *dialog;
  const struct { int w, h; } sizes[] = { { 1280, 800 }, { 800, 600 } };
  gint64 start, preview_us, write_us;
  guint32 to;

  /* A figure for the report, never asserted: the preview (a connection of its own, the PDF,
   * every page rasterized) against writing the same PDF alone, in this run. */
  start = g_get_monotonic_time ();
  dialog = AR_DOCUMENT_DIALOG (open_dialog ("debtor.statement", NULL, &find));
  ar_ui_wait_for (document_done, dialog, "the statement to render");
  preview_us = g_get_monotonic_time () - start;
  {
    GDate date, first;

    ar_date_set_today (&date);
    to = ar_date_to_julian (&date);
    g_date_set_day (&date, 1);
    ar_date_add_months_clamped (&date, -2, &first);
    start = g_get_monotonic_time ();
    g_assert_true (ar_doc_statement_write (ledger, debtor_id, currency, ar_date_to_julian (&first),
                                           to, TRUE, direct, NULL, &error));
    write_us = g_get_monotonic_time () - start;
  }
  g_test_message ("statement: preview ready in %.1f ms (from the action, dialog mapped), PDF "
                  "alone %.1f ms, ratio %.2f", preview_us / 1000.0, write_us / 1000.0,
                  (double) preview_us / (double) MAX (write_us, 1));
  g_assert_null (ar_document_dialog_get_error (dialog));
  g_assert_cmpuint (ar_document_dialog_get_n_pages (dialog), >=, 1);

  /* The preview at both sizes: a window takes its size before it is shown. */
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *name = g_strdup_printf ("statement-preview-%dx%d", sizes[i].w, sizes[i].h);
      ArDocumentDialog *shot = ar_document_dialog_new (GTK_WINDOW (window), ledger,
                                                       AR_DOCUMENT_STATEMENT, debtor_id,
                                                       debtor->debtor.name,
                                                       debtor->debtor.external_id, currency);

      ar_ui_present_at (GTK_WINDOW (shot), sizes[i].w, sizes[i].h);
      ar_ui_wait_for (document_done, shot, "the statement to render");
      screenshot_both (GTK_WIDGET (shot), name);
      destroy_and_finalize (GTK_WINDOW (shot));
    }

  /* Save writes the PDF; its text names the debtor and the invoice just added. */
  g_assert_true (ar_document_dialog_save_to (dialog, file, &error));
  g_assert_no_error (error);
  if (ar_test_have_tools ("pdftotext", NULL))
    {
      text = ar_test_run_tool ("pdftotext", "-layout", pdf, "-", NULL);
      g_assert_nonnull (text);
      g_assert_nonnull (strstr (text, debtor->debtor.name));
      g_assert_nonnull (strstr (text, INVOICE_NUMBER));
    }
  else
    g_test_message ("pdftotext is not installed: the saved text was not checked");

  /* Print, exported to a file instead of a printer: every page drawn. */
  {
    g_autoptr(GAsyncResult) printing = NULL;

    ar_document_dialog_print_async (dialog, printed, NULL, store_result_cb, &printing);
    ar_ui_wait_for (is_set, &printing, "the statement to print");
    g_assert_cmpint (ar_document_dialog_print_finish (dialog, printing, &error), ==,
                     GTK_PRINT_OPERATION_RESULT_APPLY);
    g_assert_no_error (error);
  }
  g_assert_true (g_file_get_contents (printed, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  /* Kept beside the screenshots, to look at what the printer gets. */
  {
    g_autofree char *kept = g_build_filename (g_test_get_dir (G_TEST_BUILT), "screenshots",
                                              "statement-printed.pdf", NULL);

    g_assert_true (g_file_set_contents (kept, contents, length, NULL));
  }

  gtk_window_close (GTK_WINDOW (dialog));
  ar_ui_wait_for (is_null, &find.found, "the statement preview to close");
}

static void
test_letter (void)
{
  Find find = { AR_TYPE_DOCUMENT_DIALOG, NULL };
  ArDocumentDialog *dialog = AR_DOCUMENT_DIALOG (open_dialog ("debtor.letter", NULL, &find));
  guint pages;

  ar_ui_wait_for (document_done, dialog, "the letter to render");
  g_assert_null (ar_document_dialog_get_error (dialog));
  pages = ar_document_dialog_get_n_pages (dialog);
  g_assert_cmpuint (pages, >=, 1);
  screenshot_both (GTK_WIDGET (dialog), "letter-preview");

  /* Another level renders again. */
  ar_document_dialog_set_level (dialog, 3);
  g_assert_false (ar_document_dialog_is_ready (dialog));
  ar_ui_wait_for (document_done, dialog, "the level 3 letter to render");
  g_assert_null (ar_document_dialog_get_error (dialog));
  g_assert_cmpuint (ar_document_dialog_get_n_pages (dialog), >=, 1);

  gtk_window_close (GTK_WINDOW (dialog));
  ar_ui_wait_for (is_null, &find.found, "the letter preview to close");
}

/* The debtor: edit, contacts, status, notes ---------------------------------------------- */

static void
test_edit_debtor (void)
{
  g_autoptr(ArDebtorLedger) debtor = NULL;
  Find find = { AR_TYPE_DEBTOR_DIALOG, NULL };
  ArDebtorDialog *dialog = AR_DEBTOR_DIALOG (open_dialog ("debtor.edit", NULL, &find));
  GtkWidget *save = ar_debtor_dialog_get_save_button (dialog);
  GtkWidget *error_label = ar_debtor_dialog_get_error_label (dialog);

  g_assert_true (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (ar_debtor_dialog_get_country_entry (dialog), "Germany");
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_get_visible (error_label));
  gtk_editable_set_text (ar_debtor_dialog_get_country_entry (dialog), "DE");
  gtk_editable_set_text (ar_debtor_dialog_get_name_entry (dialog), "");
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (ar_debtor_dialog_get_name_entry (dialog), "Renata Okonkwo-Weiß");
  adw_combo_row_set_selected (ar_debtor_dialog_get_status_row (dialog), AR_STATUS_PROMISE);
  g_assert_true (gtk_widget_get_sensitive (save));
  screenshot_both (GTK_WIDGET (dialog), "debtor-dialog");

  g_signal_emit_by_name (save, "clicked");
  ar_ui_wait_for (is_null, &find.found, "the debtor dialog to close");

  debtor = load_debtor ();
  g_assert_cmpstr (debtor->debtor.name, ==, "Renata Okonkwo-Weiß");
  g_assert_cmpstr (debtor->debtor.country, ==, "DE");
  g_assert_cmpint (debtor->debtor.status, ==, AR_STATUS_PROMISE);
  g_assert_cmpstr (ar_debtor_pane_get_debtor_name (pane ()), ==, "Renata Okonkwo-Weiß");
}

/* The debtor's interest override: simple at 8 % on a book with none, then back to the book's. */
static void
test_edit_debtor_interest (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *regime = NULL;
  gint64 apr_bp = -1;
  Find find = { AR_TYPE_DEBTOR_DIALOG, NULL };
  ArDebtorDialog *dialog;
  AdwComboRow *row;
  GtkEditable *apr;
  GtkWidget *save;

  g_assert_true (ar_dunning_set_interest_regime (ledger, 0, "none", 0, &error));
  g_assert_no_error (error);
  dialog = AR_DEBTOR_DIALOG (open_dialog ("debtor.edit", NULL, &find));
  row = ar_debtor_dialog_get_interest_row (dialog);
  apr = ar_debtor_dialog_get_apr_row (dialog);
  save = ar_debtor_dialog_get_save_button (dialog);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (apr)));

  adw_combo_row_set_selected (row, 2 /* simple, after "As the book" */);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (apr)));
  g_assert_false (gtk_widget_get_sensitive (save));  /* no rate yet */
  gtk_editable_set_text (apr, "8");
  g_assert_true (gtk_widget_get_sensitive (save));
  screenshot_both (GTK_WIDGET (dialog), "debtor-dialog-interest");
  g_signal_emit_by_name (save, "clicked");
  ar_ui_wait_for (is_null, &find.found, "the debtor dialog to close");
  g_assert_true (ar_dunning_get_interest_regime (ledger, debtor_id, &regime, &apr_bp, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (regime, ==, "simple");
  g_assert_cmpint (apr_bp, ==, 800);
  g_clear_pointer (&regime, g_free);
  g_assert_true (ar_dunning_get_interest_regime (ledger, 0, &regime, NULL, &error));
  g_assert_cmpstr (regime, ==, "none");
  g_clear_pointer (&regime, g_free);

  /* Opened again it shows the override; "As the book" removes it. */
  dialog = AR_DEBTOR_DIALOG (open_dialog ("debtor.edit", NULL, &find));
  row = ar_debtor_dialog_get_interest_row (dialog);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (ar_debtor_dialog_get_apr_row (dialog)), ==, "8.00");
  adw_combo_row_set_selected (row, 0);
  g_signal_emit_by_name (ar_debtor_dialog_get_save_button (dialog), "clicked");
  ar_ui_wait_for (is_null, &find.found, "the debtor dialog to close");
  g_assert_true (ar_dunning_get_interest_override (ledger, debtor_id, &regime, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (regime);
}

static const ArDebtorContact *
find_contact (const ArDebtorLedger *debtor,
              ArDebtorContactKind   kind,
              const char           *value)
{
  for (guint i = 0; i < debtor->contacts->len; i++)
    {
      const ArDebtorContact *c = &g_array_index (debtor->contacts, ArDebtorContact, i);

      if (c->kind == kind && g_strcmp0 (c->value, value) == 0)
        return c;
    }
  return NULL;
}

static void
test_contacts (void)
{
  g_autoptr(ArDebtorLedger) debtor = NULL;
  g_autoptr(ArDebtorLedger) marked = NULL;
  g_autoptr(ArDebtorLedger) undone = NULL;
  const ArDebtorContact *phone, *email;
  Find find = { AR_TYPE_CONTACT_POINT_DIALOG, NULL };
  ArContactPointDialog *dialog;
  AdwToast *toast;

  /* A phone number, with where it came from. */
  dialog = AR_CONTACT_POINT_DIALOG (open_dialog ("debtor.add-contact", NULL, &find));
  g_assert_false (gtk_widget_get_sensitive (ar_contact_point_dialog_get_add_button (dialog)));
  gtk_editable_set_text (ar_contact_point_dialog_get_value_entry (dialog), "+1 555 0142");
  gtk_editable_set_text (ar_contact_point_dialog_get_source_entry (dialog), "skip trace");
  g_assert_true (gtk_widget_get_sensitive (ar_contact_point_dialog_get_add_button (dialog)));
  screenshot_both (GTK_WIDGET (dialog), "contact-point-dialog");
  g_signal_emit_by_name (ar_contact_point_dialog_get_add_button (dialog), "clicked");
  ar_ui_wait_for (is_null, &find.found, "the contact dialog to close");

  /* An email address: without "@" it is refused inline. */
  dialog = AR_CONTACT_POINT_DIALOG (open_dialog ("debtor.add-contact", NULL, &find));
  ar_contact_point_dialog_set_kind (dialog, AR_DEBTOR_CONTACT_EMAIL);
  gtk_editable_set_text (ar_contact_point_dialog_get_value_entry (dialog), "renata.example.com");
  g_assert_false (gtk_widget_get_sensitive (ar_contact_point_dialog_get_add_button (dialog)));
  g_assert_true (gtk_widget_get_visible (ar_contact_point_dialog_get_error_label (dialog)));
  screenshot_both (GTK_WIDGET (dialog), "contact-point-dialog-error");
  gtk_editable_set_text (ar_contact_point_dialog_get_value_entry (dialog), "renata@example.com");
  gtk_editable_set_text (ar_contact_point_dialog_get_source_entry (dialog), "the debtor");
  g_assert_true (gtk_widget_get_sensitive (ar_contact_point_dialog_get_add_button (dialog)));
  g_signal_emit_by_name (ar_contact_point_dialog_get_add_button (dialog), "clicked");
  ar_ui_wait_for (is_null, &find.found, "the contact dialog to close");

  debtor = load_debtor ();
  phone = find_contact (debtor, AR_DEBTOR_CONTACT_PHONE, "+1 555 0142");
  email = find_contact (debtor, AR_DEBTOR_CONTACT_EMAIL, "renata@example.com");
  g_assert_nonnull (phone);
  g_assert_nonnull (email);
  g_assert_cmpstr (phone->source, ==, "skip trace");
  g_assert_cmpstr (email->source, ==, "the debtor");

  ar_debtor_pane_show_section (pane (), "contacts");
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (GTK_WIDGET (window), "contacts-light.png");

  /* The header's shortcuts: a tel: link of digits and a mailto: link. */
  {
    g_autoptr(GPtrArray) links = g_ptr_array_new ();
    gboolean tel = FALSE, mailto = FALSE;

    collect (GTK_WIDGET (pane ()), GTK_TYPE_LINK_BUTTON, NULL, links);
    for (guint i = 0; i < links->len; i++)
      {
        const char *uri = gtk_link_button_get_uri (g_ptr_array_index (links, i));

        if (g_str_has_prefix (uri, "tel:+"))
          tel = strspn (uri + 5, "0123456789") == strlen (uri + 5);
        mailto |= g_str_has_prefix (uri, "mailto:") && strchr (uri, '@') != NULL;
      }
    g_assert_true (tel);
    g_assert_true (mailto);
  }

  /* Mark the phone bad from its row's menu, then Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "debtor.contact-status",
                                             "(ixs)", (gint32) AR_DEBTOR_CONTACT_PHONE,
                                             phone->id, "bad"));
  marked = load_debtor ();
  g_assert_cmpint (find_contact (marked, AR_DEBTOR_CONTACT_PHONE, "+1 555 0142")->status, ==,
                   AR_CONTACT_BAD);
  toast = ar_debtor_pane_get_undo_toast (pane ());
  g_assert_nonnull (toast);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (pane ()),
                                                     adw_toast_get_action_name (toast),
                                                     adw_toast_get_action_target_value (toast)));
  undone = load_debtor ();
  g_assert_cmpint (find_contact (undone, AR_DEBTOR_CONTACT_PHONE, "+1 555 0142")->status, ==,
                   phone->status);
  ar_debtor_pane_show_section (pane (), "open");
}

static void
test_status_and_notes (void)
{
  g_autoptr(ArDebtorLedger) legal = NULL;
  g_autoptr(ArDebtorLedger) back = NULL;
  g_autoptr(ArDebtorLedger) noted = NULL;
  g_autoptr(ArDebtorLedger) before = load_debtor ();
  GtkTextView *notes = NULL;
  AdwToast *toast;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "debtor.set-status", "s",
                                             "legal"));
  legal = load_debtor ();
  g_assert_cmpint (legal->debtor.status, ==, AR_STATUS_LEGAL);
  toast = ar_debtor_pane_get_undo_toast (pane ());
  g_assert_nonnull (toast);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (pane ()),
                                                     adw_toast_get_action_name (toast),
                                                     adw_toast_get_action_target_value (toast)));
  back = load_debtor ();
  g_assert_cmpint (back->debtor.status, ==, before->debtor.status);

  /* Notes: typed in the Notes section and saved through the core. */
  ar_debtor_pane_show_section (pane (), "notes");
  ar_ui_iterate_for (200);
  for (GtkWidget *w = GTK_WIDGET (pane ()); w != NULL; )
    {
      /* The only text view in the pane. */
      if (GTK_IS_TEXT_VIEW (w))
        {
          notes = GTK_TEXT_VIEW (w);
          break;
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (notes);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (notes), "Prefers calls after 3 pm.", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "debtor.save-notes", NULL));
  noted = load_debtor ();
  g_assert_cmpstr (noted->debtor.notes, ==, "Prefers calls after 3 pm.");
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (GTK_WIDGET (window), "notes-light.png");
  ar_debtor_pane_show_section (pane (), "open");
}

static void
test_close (void)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  g_assert_finalize_object (window);
  window = NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/arrears/Arrears/icons");
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/arrears/Arrears/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  tmp_dir = g_dir_make_tmp ("arrears-actions-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/actions/open-window", test_open_window);
  g_test_add_func ("/actions/templates", test_templates);
  g_test_add_func ("/actions/add-invoice", test_add_invoice);
  g_test_add_func ("/actions/write-off", test_write_off);
  g_test_add_func ("/actions/reverse", test_reverse);
  g_test_add_func ("/actions/credit-note-and-refund", test_credit_note_and_refund);
  g_test_add_func ("/actions/refund", test_refund);
  g_test_add_func ("/actions/split-payment", test_split_payment);
  g_test_add_func ("/actions/show-paid", test_show_paid);
  g_test_add_func ("/actions/statement", test_statement);
  g_test_add_func ("/actions/letter", test_letter);
  g_test_add_func ("/actions/edit-debtor", test_edit_debtor);
  g_test_add_func ("/actions/edit-debtor-interest", test_edit_debtor_interest);
  g_test_add_func ("/actions/contacts", test_contacts);
  g_test_add_func ("/actions/status-and-notes", test_status_and_notes);
  g_test_add_func ("/actions/close", test_close);
  status = g_test_run ();

  g_clear_object (&ledger);
  ar_test_remove_tree (tmp_dir);
  g_free (ledger_path);
  g_free (tmp_dir);
  return status;
}
