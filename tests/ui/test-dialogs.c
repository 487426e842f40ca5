/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
/* The debtor pane's actions on the real window over a demo ledger: "Record Payment" refuses a
 * bad amount inline, records a good one (the journal has it, the list's balance changes), and
 * its toast's "Undo" posts the reversal; "Log Contact" refuses a bad date inline and saves a
 * call with a promise to pay and a next action date. Screenshots of both dialogs are written
 * to $G_TEST_BUILDDIR/screenshots. */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ar-account-list.h"
#include "ar-activity.h"
#include "ar-contact-dialog.h"
#include "ar-date.h"
#include "ar-debtor-ledger.h"
#include "ar-debtor-pane.h"
#include "ar-demo.h"
#include "ar-money.h"
#include "ar-payment-dialog.h"
#include "ar-promise.h"
#include "ar-test-util.h"
#include "ar-ui-test.h"
#include "ar-window.h"

#define N_DEBTORS 60
#define PAYMENT   1250  /* minor units */

static char     *tmp_dir;
static char     *ledger_path;
static ArLedger *ledger;
static ArWindow *window;
static guint     position;   /* the account list row the tests work on */
static gint64    debtor_id;
static char      currency[4];

/* Main loop helpers ----------------------------------------------------------------------- */

typedef ArUiCondition Condition;

static ArAccountList *
account_list (void)
{
  return AR_ACCOUNT_LIST (ar_window_get_account_list (window));
}

static ArAccount *
account_at (guint pos)
{
  return g_list_model_get_item (G_LIST_MODEL (ar_account_list_get_model (account_list ())), pos);
}

static ArDebtorPane *
pane (void)
{
  return AR_DEBTOR_PANE (ar_window_get_debtor_pane (window));
}

static gint64
balance (void)
{
  g_autoptr(GError) error = NULL;
  gint64 owed = 0, unapplied = 0;

  g_assert_true (ar_ledger_get_balance (ledger, debtor_id, currency, &owed, &unapplied, &error));
  g_assert_no_error (error);
  return owed;
}

/* The one open window of @type (a dialog the pane opened). */
static GtkWindow *
find_window (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
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

static void
today_text (int  days_later,
            char buf[11])
{
  GDate today;

  ar_date_set_today (&today);
  ar_date_format_julian (ar_date_to_julian (&today) + days_later, buf);
}

/* Set-up: a demo book and the window on it, with a debtor selected who owes enough. ------ */

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

  model = G_LIST_MODEL (ar_account_list_get_model (account_list ()));
  for (position = 0; position < g_list_model_get_n_items (model); position++)
    {
      g_autoptr(ArAccount) account = account_at (position);

      if (ar_account_get_balance (account) > 10 * PAYMENT)
        break;
    }
  g_assert_cmpuint (position, <, g_list_model_get_n_items (model));

  gtk_single_selection_set_selected (ar_account_list_get_selection (account_list ()), position);
  {
    g_autoptr(ArAccount) account = account_at (position);

    g_assert_true (ar_debtor_pane_get_account (pane ()) == account);
    debtor_id = ar_account_get_debtor_id (account);
    g_strlcpy (currency, ar_account_get_currency (account), sizeof currency);
  }
  ar_ui_iterate_for (100);
}

/* Record Payment -------------------------------------------------------------------------- */

static gint64 payment_id;

static void
test_record_payment (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArDebtorLedger) debtor = NULL;
  g_autoptr(ArAccount) before = account_at (position);
  g_autoptr(ArAccount) after = NULL;
  g_autofree char *before_text = g_strdup (ar_account_get_balance_text (before));
  g_autofree char *amount = ar_money_format (PAYMENT, currency);
  g_autofree char *toast_title = NULL;
  gint64 owed = balance ();
  Find find = { AR_TYPE_PAYMENT_DIALOG, NULL };
  ArPaymentDialog *dialog;
  GtkWidget *record, *error_label;
  char today[11];

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "debtor.record-payment",
                                             NULL));
  ar_ui_wait_for (window_mapped, &find, "the payment dialog");
  dialog = AR_PAYMENT_DIALOG (find.found);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &find.found);
  record = ar_payment_dialog_get_record_button (dialog);
  error_label = ar_payment_dialog_get_error_label (dialog);

  /* Nothing typed yet: not recordable, but not an error either; the date is today. */
  today_text (0, today);
  g_assert_cmpstr (gtk_editable_get_text (ar_payment_dialog_get_date_entry (dialog)), ==, today);
  g_assert_false (gtk_widget_get_sensitive (record));
  g_assert_false (gtk_widget_get_visible (error_label));

  /* Bad amounts are refused inline. */
  gtk_editable_set_text (ar_payment_dialog_get_amount_entry (dialog), "abc");
  g_assert_false (gtk_widget_get_sensitive (record));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "abc"));
  gtk_editable_set_text (ar_payment_dialog_get_amount_entry (dialog), "12,34.5");
  g_assert_false (gtk_widget_get_sensitive (record));
  g_assert_true (gtk_widget_get_visible (error_label));
  ar_ui_iterate_for (200);
  ar_ui_save_screenshot (GTK_WIDGET (dialog), "payment-dialog-error-light.png");

  /* So is a bad date, and a good one clears it. */
  gtk_editable_set_text (ar_payment_dialog_get_amount_entry (dialog), amount);
  g_assert_true (gtk_widget_get_sensitive (record));
  g_assert_false (gtk_widget_get_visible (error_label));
  gtk_editable_set_text (ar_payment_dialog_get_date_entry (dialog), "2026-13-45");
  g_assert_false (gtk_widget_get_sensitive (record));
  g_assert_true (gtk_widget_get_visible (error_label));
  gtk_editable_set_text (ar_payment_dialog_get_date_entry (dialog), today);
  g_assert_true (gtk_widget_get_sensitive (record));
  ar_ui_iterate_for (200);
  ar_ui_save_screenshot (GTK_WIDGET (dialog), "payment-dialog-light.png");

  /* Record: the journal has the payment, the balance fell, the dialog closed. */
  g_signal_emit_by_name (record, "clicked");
  ar_ui_wait_for (is_null, &find.found, "the payment dialog to close");
  g_assert_cmpint (balance (), ==, owed - PAYMENT);

  debtor = ar_debtor_ledger_load (ledger, debtor_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < debtor->entries->len; i++)
    {
      const ArDebtorEntry *e = &g_array_index (debtor->entries, ArDebtorEntry, i);

      if (e->kind == AR_ENTRY_PAYMENT && e->amount == -PAYMENT && e->id > payment_id
          && e->date == ar_date_parse_julian (today, NULL))
        payment_id = e->id;
    }
  g_assert_cmpint (payment_id, >, 0);

  /* The list's row and the pane show the new balance. */
  after = account_at (position);
  g_assert_cmpint (ar_account_get_debtor_id (after), ==, debtor_id);
  g_assert_cmpint (ar_account_get_balance (after), ==, owed - PAYMENT);
  g_assert_cmpstr (ar_account_get_balance_text (after), !=, before_text);
  g_assert_nonnull (ar_debtor_pane_get_account (pane ()));
  g_assert_cmpstr (ar_debtor_pane_get_debtor_name (pane ()), ==, ar_account_get_name (after));

  /* The toast says so and offers Undo. */
  g_assert_nonnull (ar_debtor_pane_get_undo_toast (pane ()));
  toast_title = g_strdup_printf ("Payment of %s recorded",  amount);
  g_assert_cmpstr (adw_toast_get_title (ar_debtor_pane_get_undo_toast (pane ())), ==, toast_title);
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (GTK_WIDGET (window), "payment-recorded-light.png");
}

static void
test_undo_payment (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArDebtorLedger) debtor = NULL;
  g_autoptr(ArAccount) after = NULL;
  AdwToast *toast = ar_debtor_pane_get_undo_toast (pane ());
  gint64 owed = balance ();
  gboolean reversed = FALSE;

  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  /* What the toast's button does: its action, looked up from inside the overlay. */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (pane ()),
                                                     adw_toast_get_action_name (toast),
                                                     adw_toast_get_action_target_value (toast)));
  ar_ui_iterate_for (100);
  g_assert_cmpint (balance (), ==, owed + PAYMENT);

  debtor = ar_debtor_ledger_load (ledger, debtor_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < debtor->entries->len; i++)
    {
      const ArDebtorEntry *e = &g_array_index (debtor->entries, ArDebtorEntry, i);

      if (e->reverses_id == payment_id)
        {
          reversed = TRUE;
          g_assert_cmpint (e->amount, ==, PAYMENT);
          g_assert_cmpstr (e->memo, ==, "Undone");
        }
    }
  g_assert_true (reversed);

  after = account_at (position);
  g_assert_cmpint (ar_account_get_balance (after), ==, owed + PAYMENT);
  g_assert_nonnull (ar_debtor_pane_get_account (pane ()));
}

/* Log Contact ----------------------------------------------------------------------------- */

typedef struct
{
  gboolean found;
  guint32  next_action;
} Promise;

static gboolean
find_promise (const ArActivityRow *row,
              gpointer             user_data)
{
  Promise *promise = user_data;

  if (row->kind == AR_ACTIVITY_CALL && g_strcmp0 (row->outcome, "promised_to_pay") == 0
      && g_str_has_prefix (row->summary, "Promised ")
      && g_str_has_suffix (row->summary, " Will pay on Friday"))
    {
      promise->found = TRUE;
      promise->next_action = row->next_action_date;
    }
  return TRUE;
}

static gboolean
count_pending_promise (const ArPromise *p,
                       gpointer         user_data)
{
  if (p->amount == 5000 && p->state == AR_PROMISE_PENDING && g_strcmp0 (p->note, "Will pay on Friday") == 0)
    (*(guint *) user_data)++;
  return TRUE;
}

static void
test_log_contact (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArAccount) after = NULL;
  Find find = { AR_TYPE_CONTACT_DIALOG, NULL };
  Promise promise = { FALSE, 0 };
  ArContactDialog *dialog;
  GtkWidget *save, *error_label;
  g_autofree char *promised_amount = NULL;
  guint n_promises = 0;
  char today[11], promised[11];

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "debtor.log-contact", NULL));
  ar_ui_wait_for (window_mapped, &find, "the contact dialog");
  dialog = AR_CONTACT_DIALOG (find.found);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &find.found);
  save = ar_contact_dialog_get_save_button (dialog);
  error_label = ar_contact_dialog_get_error_label (dialog);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_false (gtk_widget_get_visible (error_label));

  ar_contact_dialog_set_outcome (dialog, "promised_to_pay");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (ar_contact_dialog_get_summary_view (dialog)),
                            "Will pay on Friday", -1);

  /* A promise to pay needs its amount and date: not savable without them, a bad amount is
   * refused inline. */
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (ar_contact_dialog_get_promise_field (dialog, 0), "fifty");
  today_text (7, promised);
  gtk_editable_set_text (ar_contact_dialog_get_promise_field (dialog, 1), promised);
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_get_visible (error_label));
  promised_amount = ar_money_format (5000, currency);
  gtk_editable_set_text (ar_contact_dialog_get_promise_field (dialog, 0), promised_amount);
  g_assert_true (gtk_widget_get_sensitive (save));

  /* A bad next action date is refused inline. */
  gtk_editable_set_text (ar_contact_dialog_get_next_action_entry (dialog), "next week");
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_get_visible (error_label));

  today_text (0, today);
  gtk_editable_set_text (ar_contact_dialog_get_next_action_entry (dialog), today);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_false (gtk_widget_get_visible (error_label));
  ar_ui_iterate_for (200);
  ar_ui_save_screenshot (GTK_WIDGET (dialog), "contact-dialog-light.png");

  g_signal_emit_by_name (save, "clicked");
  ar_ui_wait_for (is_null, &find.found, "the contact dialog to close");

  g_assert_true (ar_ledger_list_activities (ledger, debtor_id, find_promise, &promise, &error));
  g_assert_no_error (error);
  g_assert_true (promise.found);
  g_assert_cmpuint (promise.next_action, ==, ar_date_parse_julian (today, NULL));
  /* … and the promise itself, pending. */
  g_assert_true (ar_ledger_list_promises (ledger, debtor_id, 0, count_pending_promise, &n_promises,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_promises, ==, 1);

  /* The list's Last Contact and Next Action: both today now. */
  after = account_at (position);
  g_assert_cmpint (ar_account_get_debtor_id (after), ==, debtor_id);
  g_assert_cmpstr (ar_account_get_next_action (after), ==, today);
  g_assert_cmpstr (ar_account_get_last_contact (after), ==, today);
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (GTK_WIDGET (window), "contact-logged-light.png");
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

  tmp_dir = g_dir_make_tmp ("arrears-dialogs-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/dialogs/open-window", test_open_window);
  g_test_add_func ("/dialogs/record-payment", test_record_payment);
  g_test_add_func ("/dialogs/undo-payment", test_undo_payment);
  g_test_add_func ("/dialogs/log-contact", test_log_contact);
  g_test_add_func ("/dialogs/close", test_close);

  status = g_test_run ();

  g_clear_object (&ledger);
  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmp_dir);

    ar_test_remove_tree (g_file_peek_path (dir));
  }
  g_free (ledger_path);
  g_free (tmp_dir);
  return status;
}
