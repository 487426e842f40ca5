/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
/* Payment plans in the real window over a small book made here: the wizard driven through
 * every step with invalid and valid input to Finish (the ledger then has the plan, its
 * schedule and the activity with the agreement, whose text pdftotext reads); the debtor pane's
 * Plan section and its states; recording an instalment; a promise from the log-contact dialog;
 * renegotiating, cancelling, and closing a changed wizard. Screenshots of every step and of the
 * Plan section at 1280×800 and 800×600, light and dark, go to $G_TEST_BUILDDIR/screenshots. */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ar-account-list.h"
#include "ar-activity.h"
#include "ar-contact-dialog.h"
#include "ar-date.h"
#include "ar-debtor-pane.h"
#include "ar-doc-agreement-plan.h"
#include "ar-money.h"
#include "ar-payment-dialog.h"
#include "ar-plan.h"
#include "ar-plan-section.h"
#include "ar-plan-step-agreement.h"
#include "ar-plan-step-confirm.h"
#include "ar-plan-step-items.h"
#include "ar-plan-step-terms.h"
#include "ar-plan-wizard.h"
#include "ar-promise.h"
#include "ar-test-util.h"
#include "ar-ui-test.h"
#include "ar-window.h"

static char     *tmp_dir;
static ArLedger *ledger;
static ArWindow *window;
static gint64    debtor_id;
static gint64    other_id;      /* a German-speaking debtor, for the states and the language */
static guint32   today;
static gint64    plan_id;

/* Helpers --------------------------------------------------------------------------------- */

static ArDebtorPane *
pane (void)
{
  return AR_DEBTOR_PANE (ar_window_get_debtor_pane (window));
}

static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static ArPlanSection *
section (void)
{
  return AR_PLAN_SECTION (find_descendant (GTK_WIDGET (pane ()), AR_TYPE_PLAN_SECTION));
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
  return find->found != NULL && gtk_widget_get_mapped (GTK_WIDGET (find->found)) &&
         gtk_widget_get_width (GTK_WIDGET (find->found)) > 0;
}

static gboolean
no_window (gpointer data)
{
  return find_window (GPOINTER_TO_SIZE (data)) == NULL;
}

static GtkWindow *
wait_window (GType type, const char *what)
{
  Find find = { type, NULL };

  ar_ui_wait_for (window_mapped, &find, what);
  return find.found;
}

static gboolean
step_complete (gpointer data)
{
  return ar_plan_step_is_complete (AR_PLAN_STEP (data));
}

static char *
date_text (guint32 julian)
{
  char buf[11];

  return g_strdup (ar_date_format_julian (julian, buf));
}

static char *
usd (gint64 minor)
{
  return ar_money_format (minor, "USD");
}

/* @widget in light and dark, at its current size: <name>-<w>x<h>-<scheme>.png. */
static void
shoot (GtkWidget *widget, const char *name)
{
  const struct { AdwColorScheme scheme; const char *name; } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "light" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "dark" },
  };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%dx%d-%s.png", name,
                                               gtk_widget_get_width (widget),
                                               gtk_widget_get_height (widget), schemes[i].name);

      adw_style_manager_set_color_scheme (style, schemes[i].scheme);
      ar_ui_iterate_for (150);
      ar_ui_save_screenshot (widget, file);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* @window at 1280×800 and 800×600, light and dark. */
static void
present_at (GtkWindow *win, int width, int height)
{
  /* A mapped window keeps its size on a new default size: map it again. */
  gtk_widget_set_visible (GTK_WIDGET (win), FALSE);
  ar_ui_iterate_for (50);
  ar_ui_present_at (win, width, height);
}

static void
shoot_sizes (GtkWindow *win, const char *name)
{
  present_at (win, 1280, 800);
  shoot (GTK_WIDGET (win), name);
  present_at (win, 800, 600);
  shoot (GTK_WIDGET (win), name);
}

static gboolean
wizard_at (ArPlanWizard *wizard, guint position)
{
  return ar_plan_wizard_get_position (wizard) == position;
}

static void
next (ArPlanWizard *wizard)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
}

static char *
pdf_text (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "agreement.pdf", NULL);

  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf),
                       &error);
  g_assert_no_error (error);
  return ar_test_run_tool ("pdftotext", "-layout", path, "-", NULL);
}

/* The book: a dental practice, Jane Doe owing 600.00 and 400.00 on two overdue invoices, and
 * Max Mustermann (German) owing 300.00. ---------------------------------------------------- */

static gint64
add_debtor (const char *external_id, const char *name, const char *language,
            const char *line1, const char *city, const char *postal_code, const char *region,
            const char *country)
{
  g_autoptr(GError) error = NULL;
  ArDebtorInfo info = { 0 };
  ArAddressInfo address = { 0 };
  gint64 id = 0;

  info.external_id = external_id;
  info.kind = AR_DEBTOR_CONSUMER;
  info.name = name;
  info.language = language;
  info.country = country;
  g_assert_true (ar_ledger_add_debtor (ledger, &info, &id, &error));
  g_assert_no_error (error);
  address.line1 = line1;
  address.city = city;
  address.region = region;
  address.postal_code = postal_code;
  address.country = country;
  address.status = AR_CONTACT_VALID;
  g_assert_true (ar_ledger_add_address (ledger, id, &address, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static void
add_invoice (gint64 debtor, const char *number, gint64 amount)
{
  gboolean older = g_str_equal (number, "INV-0999");
  g_autoptr(GError) error = NULL;
  ArInvoiceInfo info = { 0 };

  info.debtor_id = debtor;
  info.number = number;
  info.issue_date = older ? today - 120 : today - 90;
  info.due_date = older ? today - 100 : today - 60;
  info.currency = "USD";
  info.amount = amount;
  info.description = "Dental treatment";
  g_assert_true (ar_ledger_add_invoice (ledger, &info, NULL, &error));
  g_assert_no_error (error);
}

/* The button labelled @label below @root (depth first), or NULL. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_open_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "plans.arrears", NULL);
  ArCompanyInfo company = { 0 };
  GListModel *model;
  GDate date;

  ar_date_set_today (&date);
  today = ar_date_to_julian (&date);
  ledger = ar_ledger_create (path, &error);
  g_assert_no_error (error);
  company.legal_name = "Bright Smile Dental LLC";
  company.trade_name = "Bright Smile Dental";
  company.address_line1 = "12 Main Street";
  company.city = "Springfield";
  company.region = "IL";
  company.postal_code = "62704";
  company.country = "US";
  company.phone = "+1 217 555 0100";
  company.email = "billing@brightsmile.example";
  company.payment_instructions = "Pay by check or bank transfer.";
  company.bank_account = "000123456789";
  company.routing_number = "071000013";
  company.default_currency = "USD";
  g_assert_true (ar_ledger_set_company (ledger, &company, &error));
  g_assert_no_error (error);

  debtor_id = add_debtor ("C-0042", "Jane Doe", "", "40 Elm Road", "Springfield", "62701", "IL",
                          "US");
  add_invoice (debtor_id, "INV-1001", 60000);
  /* Older and left out of the plan: an instalment must not pay it. */
  add_invoice (debtor_id, "INV-0999", 5000);
  add_invoice (debtor_id, "INV-1002", 40000);
  other_id = add_debtor ("C-0043", "Max Mustermann", "de", "Hauptstraße 1", "Berlin", "10115",
                         NULL, "DE");
  add_invoice (other_id, "INV-2001", 30000);

  window = ar_window_new (NULL);
  g_object_ref_sink (window);
  g_assert_true (ar_window_set_ledger (window, ledger, &error));
  g_assert_no_error (error);
  ar_ui_present_at (GTK_WINDOW (window), 1280, 800);
  ar_ui_iterate_for (200);

  model = G_LIST_MODEL (ar_account_list_get_model (AR_ACCOUNT_LIST (ar_window_get_account_list (window))));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ArAccount) account = g_list_model_get_item (model, i);

      if (ar_account_get_debtor_id (account) == debtor_id)
        gtk_single_selection_set_selected (
          ar_account_list_get_selection (AR_ACCOUNT_LIST (ar_window_get_account_list (window))), i);
    }
  ar_ui_iterate_for (100);
  g_assert_cmpstr (ar_debtor_pane_get_debtor_name (pane ()), ==, "Jane Doe");
  g_assert_null (ar_plan_section_get_plan (section ()));
}

/* The wizard, step by step ------------------------------------------------------------------ */

typedef struct
{
  gint64   id;
  guint32  next_action;
  gboolean document;
  gboolean found;
} Activity;

static gboolean
find_activity (const ArActivityRow *row, gpointer user_data)
{
  Activity *act = user_data;

  if (row->id == act->id)
    {
      act->found = TRUE;
      act->document = row->document_name != NULL && g_str_has_suffix (row->document_name, ".pdf");
      act->next_action = row->next_action_date;
    }
  return TRUE;
}

static void
test_wizard (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArPlan) plan = NULL;
  g_autofree char *first = date_text (today + 31);
  g_autofree char *total = usd (100000);
  g_autofree char *text = NULL;
  ArPlanWizard *wizard;
  ArPlanStepItems *items;
  ArPlanStepTerms *terms;
  ArPlanStepAgreement *agreement;
  ArPlanStepConfirm *confirm;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "debtor.set-up-plan", NULL));
  wizard = AR_PLAN_WIZARD (wait_window (AR_TYPE_PLAN_WIZARD, "the plan wizard"));
  items = AR_PLAN_STEP_ITEMS (ar_plan_wizard_get_step (wizard, 0));
  terms = AR_PLAN_STEP_TERMS (ar_plan_wizard_get_step (wizard, 1));
  agreement = AR_PLAN_STEP_AGREEMENT (ar_plan_wizard_get_step (wizard, 2));
  confirm = AR_PLAN_STEP_CONFIRM (ar_plan_wizard_get_step (wizard, 3));
  g_assert_false (ar_plan_wizard_is_changed (wizard));

  /* 1. What is included: every open invoice ticked (INV-0999 first, the oldest), the running
   * total follows the ticks, and nothing ticked can't go on. */
  g_assert_cmpuint (ar_plan_wizard_get_position (wizard), ==, 0);
  {
    g_autofree char *all = usd (105000);

    g_assert_cmpstr (ar_plan_step_items_get_total (items), ==, all);
  }
  gtk_check_button_set_active (ar_plan_step_items_get_check (items, 0), FALSE);
  g_assert_cmpstr (ar_plan_step_items_get_total (items), ==, total);
  gtk_check_button_set_active (ar_plan_step_items_get_check (items, 1), FALSE);
  gtk_check_button_set_active (ar_plan_step_items_get_check (items, 2), FALSE);
  g_assert_false (ar_plan_step_is_complete (AR_PLAN_STEP (items)));
  {
    g_autofree char *zero = usd (0);

    g_assert_cmpstr (ar_plan_step_items_get_total (items), ==, zero);
  }
  next (wizard);
  g_assert_cmpuint (ar_plan_wizard_get_position (wizard), ==, 0);
  gtk_check_button_set_active (ar_plan_step_items_get_check (items, 1), TRUE);
  {
    g_autofree char *six = usd (60000);

    g_assert_cmpstr (ar_plan_step_items_get_total (items), ==, six);
  }
  gtk_check_button_set_active (ar_plan_step_items_get_check (items, 2), TRUE);
  g_assert_cmpstr (ar_plan_step_items_get_total (items), ==, total);
  g_assert_true (ar_plan_wizard_is_changed (wizard));
  shoot_sizes (GTK_WINDOW (wizard), "plan-step1-items");
  next (wizard);
  g_assert_cmpuint (ar_plan_wizard_get_position (wizard), ==, 1);

  /* 2. Terms: impossible terms are explained and stop Next; good ones preview the schedule. */
  g_assert_true (ar_plan_step_is_complete (AR_PLAN_STEP (terms)));
  gtk_editable_set_text (ar_plan_step_terms_get_field (terms, AR_PLAN_TERMS_COUNT), "0");
  g_assert_false (ar_plan_step_is_complete (AR_PLAN_STEP (terms)));
  g_assert_nonnull (ar_plan_step_terms_get_error (terms));
  g_assert_cmpuint (ar_plan_step_terms_get_n_preview (terms), ==, 0);
  next (wizard);
  g_assert_cmpuint (ar_plan_wizard_get_position (wizard), ==, 1);
  gtk_editable_set_text (ar_plan_step_terms_get_field (terms, AR_PLAN_TERMS_COUNT), "abc");
  g_assert_nonnull (strstr (ar_plan_step_terms_get_error (terms), "whole number"));
  /* An instalment below the book's minimum (10.00). */
  gtk_editable_set_text (ar_plan_step_terms_get_field (terms, AR_PLAN_TERMS_COUNT), "200");
  g_assert_false (ar_plan_step_is_complete (AR_PLAN_STEP (terms)));
  g_assert_nonnull (ar_plan_step_terms_get_error (terms));
  /* Longer than the book's maximum term (36 months). */
  gtk_editable_set_text (ar_plan_step_terms_get_field (terms, AR_PLAN_TERMS_COUNT), "40");
  g_assert_false (ar_plan_step_is_complete (AR_PLAN_STEP (terms)));
  g_assert_nonnull (ar_plan_step_terms_get_error (terms));
  gtk_editable_set_text (ar_plan_step_terms_get_field (terms, AR_PLAN_TERMS_COUNT), "3");
  gtk_editable_set_text (ar_plan_step_terms_get_field (terms, AR_PLAN_TERMS_FIRST_DUE),
                         "2027-02-30");
  g_assert_false (ar_plan_step_is_complete (AR_PLAN_STEP (terms)));
  g_assert_nonnull (strstr (ar_plan_step_terms_get_error (terms), "YYYY-MM-DD"));
  gtk_editable_set_text (ar_plan_step_terms_get_field (terms, AR_PLAN_TERMS_FIRST_DUE), first);
  gtk_editable_set_text (ar_plan_step_terms_get_field (terms, AR_PLAN_TERMS_DOWN), "2000");
  g_assert_false (ar_plan_step_is_complete (AR_PLAN_STEP (terms)));
  g_assert_nonnull (ar_plan_step_terms_get_error (terms));
  ar_ui_iterate_for (500);   /* past the stack's slide */
  ar_ui_save_screenshot (GTK_WIDGET (wizard), "plan-step2-terms-invalid-light.png");
  gtk_editable_set_text (ar_plan_step_terms_get_field (terms, AR_PLAN_TERMS_DOWN), "");
  g_assert_true (ar_plan_step_is_complete (AR_PLAN_STEP (terms)));
  g_assert_null (ar_plan_step_terms_get_error (terms));
  g_assert_cmpuint (ar_plan_step_terms_get_n_preview (terms), ==, 3);
  g_assert_nonnull (strstr (ar_plan_step_terms_get_summary (terms), total));

  /* Interest shows its cost; by amount, the count follows. */
  ar_plan_step_terms_set_cost_kind (terms, 1);
  gtk_editable_set_text (ar_plan_step_terms_get_field (terms, AR_PLAN_TERMS_COST), "8.5");
  g_assert_true (ar_plan_step_is_complete (AR_PLAN_STEP (terms)));
  g_assert_nonnull (strstr (ar_plan_step_terms_get_summary (terms), "cost of the plan"));
  gtk_editable_set_text (ar_plan_step_terms_get_field (terms, AR_PLAN_TERMS_COST), "lots");
  g_assert_false (ar_plan_step_is_complete (AR_PLAN_STEP (terms)));
  ar_plan_step_terms_set_cost_kind (terms, 0);
  ar_plan_step_terms_set_mode (terms, 1);
  gtk_editable_set_text (ar_plan_step_terms_get_field (terms, AR_PLAN_TERMS_COUNT), "400");
  g_assert_true (ar_plan_step_is_complete (AR_PLAN_STEP (terms)));
  g_assert_cmpuint (ar_plan_step_terms_get_n_preview (terms), ==, 3);
  ar_plan_step_terms_set_mode (terms, 0);
  gtk_editable_set_text (ar_plan_step_terms_get_field (terms, AR_PLAN_TERMS_COUNT), "3");
  ar_plan_step_terms_set_frequency (terms, AR_PLAN_MONTHLY);
  g_assert_true (ar_plan_step_is_complete (AR_PLAN_STEP (terms)));
  g_assert_cmpuint (ar_plan_step_terms_get_n_preview (terms), ==, 3);
  g_assert_nonnull (strstr (ar_plan_step_terms_get_summary (terms), "costs the debtor nothing"));
  shoot_sizes (GTK_WINDOW (wizard), "plan-step2-terms");
  next (wizard);
  g_assert_cmpuint (ar_plan_wizard_get_position (wizard), ==, 2);

  /* 3. The agreement, rendered on a worker thread. */
  ar_ui_wait_for (step_complete, agreement, "the agreement preview");
  g_assert_cmpuint (ar_plan_step_agreement_get_n_pages (agreement), >=, 1);
  shoot_sizes (GTK_WINDOW (wizard), "plan-step3-agreement");
  text = pdf_text (ar_plan_step_agreement_get_pdf (agreement));
  g_assert_nonnull (strstr (text, "Payment plan agreement"));
  g_assert_nonnull (strstr (text, "Jane Doe"));
  g_assert_nonnull (strstr (text, "INV-1001"));
  g_assert_nonnull (strstr (text, "INV-1002"));
  g_assert_null (strstr (text, "INV-0999"));
  g_assert_nonnull (strstr (text, "$333.33"));
  g_assert_nonnull (strstr (text, "$333.34"));
  g_assert_nonnull (strstr (text, "Bright Smile Dental LLC"));
  g_assert_nonnull (strstr (text, "consecutive payments are missed"));
  next (wizard);
  g_assert_cmpuint (ar_plan_wizard_get_position (wizard), ==, 3);

  /* 4. Confirm, then Finish saves. Back is still possible before. */
  g_assert_nonnull (strstr (ar_plan_step_confirm_get_summary (confirm), "3 instalments"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL));
  ar_ui_wait_for (step_complete, agreement, "the agreement again");
  g_assert_true (wizard_at (wizard, 2));
  next (wizard);
  g_assert_true (wizard_at (wizard, 3));
  gtk_editable_set_text (ar_plan_step_confirm_get_note (confirm), "Agreed on the phone");
  shoot_sizes (GTK_WINDOW (wizard), "plan-step4-confirm");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.finish", NULL));
  plan_id = ar_plan_wizard_get_plan_id (wizard);
  g_assert_cmpint (plan_id, >, 0);
  g_assert_true (ar_plan_step_confirm_is_saved (confirm));
  shoot_sizes (GTK_WINDOW (wizard), "plan-step4-saved");

  /* Print… on the saved agreement opens GTK's print dialog (ar-pdf-print, the window's one
   * print path); cancelled, it prints nothing and the page shows no error. */
  {
    GtkWidget *print = find_button (GTK_WIDGET (confirm), "_Print…");
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *dialog = NULL;

    g_assert_nonnull (print);
    g_signal_emit_by_name (print, "clicked");
    ar_ui_iterate_for (300);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) top = g_list_model_get_item (toplevels, i);

        if (g_str_equal (G_OBJECT_TYPE_NAME (top), "GtkPrintUnixDialog"))
          dialog = top;
      }
    g_assert_nonnull (dialog);
    g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (wizard));
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
    ar_ui_iterate_for (200);
    g_assert_true (ar_plan_step_confirm_is_saved (confirm));
  }

  /* The ledger: the plan, its schedule, and the activity with the agreement and the next
   * action on the first due date. */
  plan = ar_ledger_get_plan (ledger, plan_id, today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan->debtor_id, ==, debtor_id);
  g_assert_cmpint (plan->state, ==, AR_PLAN_STATE_ACTIVE);
  g_assert_cmpint (plan->total, ==, 100000);
  g_assert_cmpint (plan->down_payment, ==, 0);
  g_assert_cmpuint (plan->n_instalments, ==, 3);
  g_assert_cmpuint (plan->invoices->len, ==, 2);
  g_assert_cmpuint (plan->instalments->len, ==, 3);
  g_assert_cmpint (g_array_index (plan->instalments, ArPlanInstalment, 0).amount, ==, 33333);
  g_assert_cmpint (g_array_index (plan->instalments, ArPlanInstalment, 1).amount, ==, 33333);
  g_assert_cmpint (g_array_index (plan->instalments, ArPlanInstalment, 2).amount, ==, 33334);
  g_assert_cmpuint (g_array_index (plan->instalments, ArPlanInstalment, 0).due, ==, today + 31);
  g_assert_cmpint (plan->activity_id, >, 0);
  {
    Activity act = { plan->activity_id, 0, FALSE, FALSE };

    g_assert_true (ar_ledger_list_activities (ledger, debtor_id, find_activity, &act, &error));
    g_assert_no_error (error);
    g_assert_true (act.found);
    g_assert_true (act.document);
    g_assert_cmpuint (act.next_action, ==, today + 31);
  }

  /* Saved: closing asks nothing. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "window.close", NULL);
  ar_ui_wait_for (no_window, GSIZE_TO_POINTER (AR_TYPE_PLAN_WIZARD), "the wizard to close");
}

/* The Plan section ------------------------------------------------------------------------ */

static void
test_section (void)
{
  g_autofree char *zero_of = NULL;
  g_autofree char *zero = usd (0);
  g_autofree char *total = usd (100000);
  g_autofree char *first = usd (33333);
  g_autofree char *paid_of = NULL;
  ArPaymentDialog *dialog;

  ar_debtor_pane_show_section (pane (), "plan");
  ar_ui_iterate_for (100);
  g_assert_nonnull (ar_plan_section_get_plan (section ()));

  /* A second plan while one runs: explained at once, no wizard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "debtor.set-up-plan", NULL));
  ar_ui_iterate_for (200);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (ar_plan_section_get_dialog (section ())));
  g_assert_null (find_window (AR_TYPE_PLAN_WIZARD));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (ar_plan_section_get_dialog (section ())),
                               "close");
  ar_ui_iterate_for (100);
  g_assert_cmpint (ar_plan_section_get_plan (section ())->id, ==, plan_id);
  g_assert_cmpstr (ar_plan_section_get_state_text (section ()), ==, "Active");
  g_assert_cmpuint (ar_plan_section_get_n_rows (section ()), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (ar_plan_section_get_row_state (section (), i), ==, "Pending");
  zero_of = g_strdup_printf ("%s of %s paid", zero, total);
  g_assert_cmpstr (ar_plan_section_get_progress_text (section ()), ==, zero_of);
  shoot_sizes (GTK_WINDOW (window), "plan-section-active");
  present_at (GTK_WINDOW (window), 1280, 800);

  /* Record Instalment: the payment dialog, prefilled with the next instalment. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (section ()), "plan.record-instalment",
                                             NULL));
  dialog = AR_PAYMENT_DIALOG (wait_window (AR_TYPE_PAYMENT_DIALOG, "the payment dialog"));
  g_assert_cmpstr (gtk_editable_get_text (ar_payment_dialog_get_amount_entry (dialog)), ==,
                   first);
  g_assert_true (gtk_widget_get_sensitive (ar_payment_dialog_get_record_button (dialog)));
  {
    ArInvoiceRef first_invoice;

    g_assert_true (ar_ledger_lookup_invoice (ledger, "INV-1001", &first_invoice));
    g_assert_cmpint (ar_payment_dialog_get_invoice (dialog), ==, first_invoice.id);
  }
  g_signal_emit_by_name (ar_payment_dialog_get_record_button (dialog), "clicked");
  ar_ui_wait_for (no_window, GSIZE_TO_POINTER (AR_TYPE_PAYMENT_DIALOG), "the payment dialog to close");
  ar_debtor_pane_show_section (pane (), "plan");
  ar_ui_iterate_for (100);
  g_assert_cmpstr (ar_plan_section_get_row_state (section (), 0), ==, "Paid");
  g_assert_cmpstr (ar_plan_section_get_row_state (section (), 1), ==, "Pending");
  paid_of = g_strdup_printf ("%s of %s paid", first, total);
  g_assert_cmpstr (ar_plan_section_get_progress_text (section ()), ==, paid_of);
}

/* A promise from the log-contact dialog: in the section and in the timeline. */
static gboolean
find_promise_call (const ArActivityRow *row, gpointer user_data)
{
  if (row->kind == AR_ACTIVITY_CALL && g_strcmp0 (row->outcome, "promised_to_pay") == 0 &&
      g_strrstr (row->summary, "every 7 days from") != NULL &&
      g_str_has_suffix (row->summary, "3 times. Will pay 50 every Friday"))
    *(gboolean *) user_data = TRUE;
  return TRUE;
}

static void
test_promise (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = date_text (today + 3);
  g_autofree char *amount = usd (5000);
  ArContactDialog *dialog;
  gboolean in_timeline = FALSE;

  g_assert_cmpuint (ar_plan_section_get_n_promises (section ()), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "debtor.log-contact", NULL));
  dialog = AR_CONTACT_DIALOG (wait_window (AR_TYPE_CONTACT_DIALOG, "the contact dialog"));
  ar_contact_dialog_set_outcome (dialog, "promised_to_pay");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (ar_contact_dialog_get_summary_view (dialog)),
                            "Will pay 50 every Friday", -1);
  g_assert_false (gtk_widget_get_sensitive (ar_contact_dialog_get_save_button (dialog)));
  gtk_editable_set_text (ar_contact_dialog_get_promise_field (dialog, 0), amount);
  gtk_editable_set_text (ar_contact_dialog_get_promise_field (dialog, 1), date);
  ar_contact_dialog_set_promise_repeat (dialog, 7);
  gtk_editable_set_text (ar_contact_dialog_get_promise_field (dialog, 2), "1");
  g_assert_false (gtk_widget_get_sensitive (ar_contact_dialog_get_save_button (dialog)));
  gtk_editable_set_text (ar_contact_dialog_get_promise_field (dialog, 2), "3");
  g_assert_true (gtk_widget_get_sensitive (ar_contact_dialog_get_save_button (dialog)));
  ar_ui_iterate_for (150);
  ar_ui_save_screenshot (GTK_WIDGET (dialog), "plan-promise-dialog-light.png");
  g_signal_emit_by_name (ar_contact_dialog_get_save_button (dialog), "clicked");
  ar_ui_wait_for (no_window, GSIZE_TO_POINTER (AR_TYPE_CONTACT_DIALOG), "the contact dialog to close");

  g_assert_true (ar_ledger_list_activities (ledger, debtor_id, find_promise_call, &in_timeline,
                                            &error));
  g_assert_no_error (error);
  g_assert_true (in_timeline);
  ar_debtor_pane_show_section (pane (), "plan");
  ar_ui_iterate_for (100);
  g_assert_cmpuint (ar_plan_section_get_n_promises (section ()), ==, 3);
  /* Reading the debtor again replaces the rows, never adds to them. */
  ar_debtor_pane_reload (pane ());
  g_assert_cmpuint (ar_plan_section_get_n_promises (section ()), ==, 3);
  g_assert_cmpuint (ar_plan_section_get_n_rows (section ()), ==, 3);
  /* The state is the core's, from the payments: the instalment of $333.33 recorded today
   * counts for promises made today, so all three are already kept. */
  for (guint i = 0; i < 3; i++)
    g_assert_nonnull (strstr (ar_plan_section_get_promise_text (section (), i), "Kept"));
  g_assert_nonnull (strstr (ar_plan_section_get_promise_text (section (), 0), amount));
  g_assert_nonnull (strstr (ar_plan_section_get_promise_text (section (), 0), date));
  shoot_sizes (GTK_WINDOW (window), "plan-section-promises");
  present_at (GTK_WINDOW (window), 1280, 800);
}

/* Renegotiating: the wizard on the running plan; the new plan replaces it. */
static void
test_renegotiate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArPlan) old = NULL;
  g_autoptr(ArPlan) renewed = NULL;
  ArPlanWizard *wizard;
  ArPlanStepTerms *terms;
  gint64 new_id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (section ()), "plan.renegotiate", NULL));
  wizard = AR_PLAN_WIZARD (wait_window (AR_TYPE_PLAN_WIZARD, "the renegotiation wizard"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (wizard)), ==, "Renegotiate Payment Plan");
  g_assert_true (ar_plan_step_is_complete (AR_PLAN_STEP (ar_plan_wizard_get_step (wizard, 0))));
  next (wizard);
  terms = AR_PLAN_STEP_TERMS (ar_plan_wizard_get_step (wizard, 1));
  gtk_editable_set_text (ar_plan_step_terms_get_field (terms, AR_PLAN_TERMS_COUNT), "4");
  g_assert_true (ar_plan_step_is_complete (AR_PLAN_STEP (terms)));
  next (wizard);
  ar_ui_wait_for (step_complete, ar_plan_wizard_get_step (wizard, 2), "the agreement");
  next (wizard);
  gtk_editable_set_text (ar_plan_step_confirm_get_note (AR_PLAN_STEP_CONFIRM (ar_plan_wizard_get_step (wizard, 3))),
                         "Lower instalments after job loss");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.finish", NULL));
  new_id = ar_plan_wizard_get_plan_id (wizard);
  g_assert_cmpint (new_id, >, 0);
  g_assert_cmpint (new_id, !=, plan_id);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "window.close", NULL);
  ar_ui_wait_for (no_window, GSIZE_TO_POINTER (AR_TYPE_PLAN_WIZARD), "the wizard to close");

  old = ar_ledger_get_plan (ledger, plan_id, today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (old->state, ==, AR_PLAN_STATE_RENEGOTIATED);
  g_assert_cmpint (old->replaced_by_id, ==, new_id);
  renewed = ar_ledger_get_plan (ledger, new_id, today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (renewed->replaces_id, ==, plan_id);
  g_assert_cmpint (renewed->state, ==, AR_PLAN_STATE_ACTIVE);
  g_assert_cmpuint (renewed->n_instalments, ==, 4);
  plan_id = new_id;
  ar_ui_iterate_for (100);
  g_assert_cmpint (ar_plan_section_get_plan (section ())->id, ==, new_id);
}

static gboolean
find_cancelled (const ArPromise *promise, gpointer user_data)
{
  if (promise->state == AR_PROMISE_CANCELLED &&
      g_strcmp0 (promise->cancel_reason, "Insurer paid instead") == 0)
    *(gboolean *) user_data = TRUE;
  return TRUE;
}

/* Cancelling asks for a reason. */
static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArPlan) plan = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (section ()), "plan.cancel", NULL));
  ar_ui_iterate_for (200);
  g_assert_nonnull (ar_plan_section_get_dialog (section ()));
  ar_ui_save_screenshot (GTK_WIDGET (ar_plan_section_get_dialog (section ())),
                         "plan-cancel-dialog-light.png");
  ar_plan_section_confirm_cancel (section (), "Moved away");
  ar_ui_iterate_for (100);

  plan = ar_ledger_get_plan (ledger, plan_id, today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan->state, ==, AR_PLAN_STATE_CANCELLED);
  g_assert_cmpstr (plan->cancel_reason, ==, "Moved away");
  g_assert_cmpstr (ar_plan_section_get_state_text (section ()), ==, "Cancelled");
  shoot (GTK_WIDGET (window), "plan-section-cancelled");
}

/* A pending promise's Cancel… asks for a reason; the promise is then cancelled in the ledger. */
static void
test_cancel_promise (void)
{
  g_autoptr(GError) error = NULL;
  ArPromiseInfo info = {
    .debtor_id = debtor_id, .currency = "USD", .amount = 500000, .date = today + 10,
    .channel = AR_ACTIVITY_CALL, .note = "Pays when the refund arrives",
  };
  gint64 id = ar_ledger_add_promise (ledger, &info, &error);
  guint n, pending = G_MAXUINT;
  gboolean cancelled = FALSE;

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  ar_debtor_pane_reload (pane ());
  ar_debtor_pane_show_section (pane (), "plan");
  ar_ui_iterate_for (100);
  n = ar_plan_section_get_n_promises (section ());
  for (guint i = 0; i < n; i++)
    if (strstr (ar_plan_section_get_promise_text (section (), i), "Pending") != NULL)
      pending = i;
  g_assert_cmpuint (pending, <, n);
  shoot (GTK_WIDGET (window), "plan-section-promise-pending");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (section ()), "plan.cancel-promise", "x",
                                             id));
  ar_ui_iterate_for (200);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (ar_plan_section_get_dialog (section ())));
  ar_ui_save_screenshot (GTK_WIDGET (ar_plan_section_get_dialog (section ())),
                         "plan-cancel-promise-dialog-light.png");
  /* Keep Promise changes nothing. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (ar_plan_section_get_dialog (section ())),
                               "keep");
  ar_ui_iterate_for (100);
  g_assert_nonnull (strstr (ar_plan_section_get_promise_text (section (), pending), "Pending"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (section ()), "plan.cancel-promise", "x",
                                             id));
  ar_ui_iterate_for (200);
  ar_plan_section_confirm_cancel (section (), "Insurer paid instead");
  ar_ui_iterate_for (100);
  g_assert_true (ar_ledger_list_promises (ledger, debtor_id, today, find_cancelled, &cancelled,
                                          &error));
  g_assert_no_error (error);
  g_assert_true (cancelled);
  g_assert_cmpuint (ar_plan_section_get_n_promises (section ()), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_null (strstr (ar_plan_section_get_promise_text (section (), i), "Pending"));
}

/* Escape on a changed wizard asks first; on an untouched one it just closes. */
static void
test_discard (void)
{
  ArPlanWizard *wizard;
  GtkWindow *question;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "debtor.set-up-plan", NULL));
  wizard = AR_PLAN_WIZARD (wait_window (AR_TYPE_PLAN_WIZARD, "the wizard"));
  g_assert_false (ar_plan_wizard_is_changed (wizard));
  gtk_widget_activate_action (GTK_WIDGET (wizard), "window.close", NULL);
  ar_ui_wait_for (no_window, GSIZE_TO_POINTER (AR_TYPE_PLAN_WIZARD), "the untouched wizard to close");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "debtor.set-up-plan", NULL));
  wizard = AR_PLAN_WIZARD (wait_window (AR_TYPE_PLAN_WIZARD, "the wizard"));
  gtk_check_button_set_active (
    ar_plan_step_items_get_check (AR_PLAN_STEP_ITEMS (ar_plan_wizard_get_step (wizard, 0)), 1),
    FALSE);
  g_assert_true (ar_plan_wizard_is_changed (wizard));
  gtk_widget_activate_action (GTK_WIDGET (wizard), "window.close", NULL);
  ar_ui_iterate_for (200);
  question = ar_plan_wizard_get_discard_dialog (wizard);
  g_assert_nonnull (question);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (wizard)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "cancel");
  ar_ui_iterate_for (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (wizard)));
  gtk_widget_activate_action (GTK_WIDGET (wizard), "window.close", NULL);
  ar_ui_iterate_for (200);
  question = ar_plan_wizard_get_discard_dialog (wizard);
  g_assert_nonnull (question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "discard");
  ar_ui_wait_for (no_window, GSIZE_TO_POINTER (AR_TYPE_PLAN_WIZARD), "the discarded wizard to close");
}

/* The states of a plan made through the core for the German debtor: active today, then (no
 * payments) missed and defaulted later; its agreement in German formats. */
static void
test_states (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArPlanDraft) draft = ar_plan_draft_new (ledger, other_id, "USD", today, &error);
  g_autoptr(ArAgreementData) data = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  GtkWidget *win, *shown;
  ArPlanSection *alone;
  gint64 id;

  g_assert_no_error (error);
  ar_plan_draft_set_n_instalments (draft, 2);
  ar_plan_draft_set_frequency (draft, AR_PLAN_WEEKLY);
  ar_plan_draft_set_first_due (draft, today + 7);
  data = ar_agreement_data_new (ledger, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data->agreement.debtor.language, ==, "de");
  pdf = ar_doc_agreement_to_bytes (&data->agreement, data->paper, data->logo, &error);
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Max Mustermann"));
  /* 150.00 in German formats, when the de_DE locale is installed. */
  if (strstr (text, "150,00") == NULL)
    g_assert_nonnull (strstr (text, "150.00"));
  id = ar_ledger_save_plan (ledger, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  win = adw_window_new ();
  g_object_ref_sink (win);
  alone = AR_PLAN_SECTION (ar_plan_section_new ());
  adw_window_set_content (ADW_WINDOW (win), GTK_WIDGET (alone));
  ar_ui_present_at (GTK_WINDOW (win), 800, 600);

  ar_plan_section_load (alone, ledger, other_id, "USD", today);
  g_assert_cmpstr (ar_plan_section_get_state_text (alone), ==, "Active");
  ar_plan_section_load (alone, ledger, other_id, "USD", today + 7 + 6);
  g_assert_cmpstr (ar_plan_section_get_row_state (alone, 0), ==, "Missed");
  g_assert_cmpstr (ar_plan_section_get_row_state (alone, 1), ==, "Pending");
  g_assert_cmpstr (ar_plan_section_get_state_text (alone), ==, "Active");
  ar_plan_section_load (alone, ledger, other_id, "USD", today + 14 + 6);
  g_assert_cmpstr (ar_plan_section_get_row_state (alone, 1), ==, "Missed");
  g_assert_cmpstr (ar_plan_section_get_state_text (alone), ==, "Defaulted");
  shown = GTK_WIDGET (alone);
  ar_ui_iterate_for (100);
  shoot (win, "plan-section-defaulted");
  (void) shown;

  /* Paid in full: completed, every row paid. */
  {
    ArPosting payment = { other_id, AR_ENTRY_PAYMENT, today, 30000, "USD", 0, "Cheque 12", NULL };

    g_assert_true (ar_ledger_post (ledger, &payment, NULL, &error));
    g_assert_no_error (error);
  }
  ar_plan_section_load (alone, ledger, other_id, "USD", today + 1);
  g_assert_cmpstr (ar_plan_section_get_state_text (alone), ==, "Completed");
  g_assert_cmpstr (ar_plan_section_get_row_state (alone, 0), ==, "Paid");
  g_assert_cmpstr (ar_plan_section_get_row_state (alone, 1), ==, "Paid");
  ar_ui_iterate_for (100);
  ar_ui_save_screenshot (win, "plan-section-completed-light.png");
  gtk_window_destroy (GTK_WINDOW (win));
  g_object_unref (win);
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
main (int argc, char *argv[])
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
  tmp_dir = g_dir_make_tmp ("arrears-plan-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/plan/open-window", test_open_window);
  g_test_add_func ("/plan/wizard", test_wizard);
  g_test_add_func ("/plan/section", test_section);
  g_test_add_func ("/plan/promise", test_promise);
  g_test_add_func ("/plan/renegotiate", test_renegotiate);
  g_test_add_func ("/plan/cancel", test_cancel);
  g_test_add_func ("/plan/cancel-promise", test_cancel_promise);
  g_test_add_func ("/plan/discard", test_discard);
  g_test_add_func ("/plan/states", test_states);
  g_test_add_func ("/plan/close", test_close);

  status = g_test_run ();

  g_clear_object (&ledger);
  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
