/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
/* The import dialog on the real window over an empty ledger: "Import…" on the empty page opens
 * it; CSV files of another program (its own column names) with a bad row list the problem
 * with its file and line, keep Import disabled and leave the ledger as it was; corrected files
 * import in the worker, and the account list shows the new debtors. The column chosen by hand
 * is remembered for the next import. Screenshots of the dialog (with problems and clean, at
 * 1280×800 and 800×600, light and dark) are written to $G_TEST_BUILDDIR/screenshots. */
#include "config.h"

#include <adwaita.h>

#include "ar-account-list.h"
#include "ar-debtor-list.h"
#include "ar-import-dialog.h"
#include "ar-test-util.h"
#include "ar-ui-test.h"
#include "ar-window.h"

static char     *tmp_dir;
static ArLedger *ledger;
static ArWindow *window;

static const char bad_debtors[] =
  "Customer No,Kundenname,E-mail,Town,Country\r\n"
  "C-1,Ada Dental,ada@example.com,Leeds,GB\r\n"
  "C-2,Bob Print,bob at example,York,GB\r\n"
  "C-3,Cleo Build,cleo@example.com,Hull,XX\r\n";
static const char good_debtors[] =
  "Customer No,Kundenname,E-mail,Town,Country\r\n"
  "C-1,Ada Dental,ada@example.com,Leeds,GB\r\n"
  "C-2,Bob Print,bob@example.com,York,GB\r\n"
  "C-3,Cleo Build,cleo@example.com,Hull,GB\r\n";
static const char invoices[] =
  "Invoice #,Customer ID,Date,Due Date,Total,Currency,Memo\r\n"
  "INV-1,C-1,2026-01-05,2026-02-04,120.50,GBP,Check-up\r\n"
  "INV-2,C-2,2026-01-07,2026-02-06,80.00,GBP,Leaflets\r\n"
  "INV-3,C-3,2026-01-09,2026-02-08,1500.00,GBP,Roof\r\n";

static GFile *
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gint64
n_debtors (void)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (ar_debtor_list_count_all (ledger, &n, &error));
  g_assert_no_error (error);
  return n;
}

static ArImportDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (AR_IS_IMPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
dialog_mapped (gpointer data)
{
  ArImportDialog *dialog = find_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
checked (gpointer data)
{
  const char *state = ar_import_dialog_get_state (data);

  return g_str_equal (state, "problems") || g_str_equal (state, "ready");
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static gboolean
list_shows_debtors (gpointer data)
{
  ArAccountList *list = AR_ACCOUNT_LIST (ar_window_get_account_list (window));
  GListModel *model = G_LIST_MODEL (ar_account_list_get_model (list));

  return g_strcmp0 (ar_window_get_state (window), "list") == 0 && model != NULL
         && g_list_model_get_n_items (model) == 3;
}

static gboolean
has_problem (ArImportDialog *dialog,
             const char     *prefix)
{
  GListModel *problems = ar_import_dialog_get_problems (dialog);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (problems, i);

      if (g_str_has_prefix (gtk_string_object_get_string (item), prefix))
        return TRUE;
    }
  return FALSE;
}

static void
screenshots (ArImportDialog *dialog,
             const char     *name)
{
  const struct { AdwColorScheme scheme; const char *name; } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "light" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "dark" },
  };
  const int sizes[][2] = { { 1280, 800 }, { 800, 600 } };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      /* A mapped window keeps its size: show it anew at each size. */
      gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);
      ar_ui_present_at (GTK_WINDOW (dialog), sizes[s][0], sizes[s][1]);
      for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
        {
          g_autofree char *png = g_strdup_printf ("import-%s-%dx%d-%s.png", name, sizes[s][0],
                                                  sizes[s][1], schemes[i].name);

          adw_style_manager_set_color_scheme (style, schemes[i].scheme);
          ar_ui_iterate_for (300);
          ar_ui_save_screenshot (GTK_WIDGET (dialog), png);
        }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_types (void)
{
  ArImportDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "types.arrears", NULL);
  g_autoptr(ArLedger) empty = ar_ledger_create (path, &error);

  g_assert_no_error (error);
  dialog = ar_import_dialog_new (NULL, empty);
  g_assert_true (AR_IS_IMPORT_DIALOG (dialog));
  g_assert_cmpstr (ar_import_dialog_get_state (dialog), ==, "empty");
  g_assert_false (gtk_widget_get_sensitive (ar_import_dialog_get_import_button (dialog)));
  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_open_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "empty.arrears", NULL);

  ledger = ar_ledger_create (path, &error);
  g_assert_no_error (error);
  window = ar_window_new (NULL);
  g_object_ref_sink (window);
  g_assert_true (ar_window_set_ledger (window, ledger, &error));
  g_assert_no_error (error);
  ar_ui_present_at (GTK_WINDOW (window), 1280, 800);
  g_assert_cmpstr (ar_window_get_state (window), ==, "empty");
  ar_ui_iterate_for (500);   /* the title's cross-fade */
  ar_ui_save_screenshot (GTK_WIDGET (window), "import-empty-ledger-1280x800-light.png");
}

static void
test_problems_block_import (void)
{
  g_autoptr(GFile) debtors = write_file ("customers.csv", bad_debtors);
  g_autoptr(GFile) invoices_file = write_file ("invoices.csv", invoices);
  g_autoptr(GError) error = NULL;
  ArImportDialog *dialog;

  /* The empty page's "Import…" button runs win.import. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  ar_ui_wait_for (dialog_mapped, NULL, "the import dialog");
  dialog = find_dialog ();

  g_assert_true (ar_import_dialog_set_file (dialog, AR_IMPORT_DEBTORS, debtors, &error));
  g_assert_no_error (error);
  g_assert_true (ar_import_dialog_set_file (dialog, AR_IMPORT_INVOICES, invoices_file, &error));
  g_assert_no_error (error);

  /* "Kundenname" is nobody's guess: the name, which every row needs, is a problem of the
   * file until it is chosen. */
  ar_ui_wait_for (checked, dialog, "the first check");
  g_assert_cmpstr (ar_import_dialog_get_state (dialog), ==, "problems");
  g_assert_true (has_problem (dialog, "customers.csv:1: name: "));
  ar_import_dialog_map_column (dialog, AR_IMPORT_DEBTORS, "name", "Kundenname");
  g_assert_cmpstr (ar_import_dialog_get_state (dialog), ==, "checking");
  ar_ui_wait_for (checked, dialog, "the second check");

  /* Every bad row with its file and line, and what follows from it in the other file. */
  g_assert_cmpstr (ar_import_dialog_get_state (dialog), ==, "problems");
  g_assert_false (has_problem (dialog, "customers.csv:1:"));
  g_assert_true (has_problem (dialog, "customers.csv:3: email: "));
  g_assert_true (has_problem (dialog, "customers.csv:4: country: "));
  g_assert_true (has_problem (dialog, "invoices.csv:3: debtor_id: "));
  g_assert_true (has_problem (dialog, "invoices.csv:4: debtor_id: "));
  g_assert_false (gtk_widget_get_sensitive (ar_import_dialog_get_import_button (dialog)));
  /* The button is disabled; pressing it anyway changes nothing. */
  g_signal_emit_by_name (ar_import_dialog_get_import_button (dialog), "clicked");
  g_assert_cmpstr (ar_import_dialog_get_state (dialog), ==, "problems");
  g_assert_cmpint (n_debtors (), ==, 0);

  screenshots (dialog, "problems");
  g_assert_cmpint (n_debtors (), ==, 0);
  g_assert_cmpstr (ar_window_get_state (window), ==, "empty");
}

static void
test_clean_import (void)
{
  g_autoptr(GFile) debtors = write_file ("customers-corrected.csv", good_debtors);
  g_autoptr(GError) error = NULL;
  ArImportDialog *dialog = find_dialog ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.arrears.Arrears");
  g_autoptr(GVariant) saved = NULL;
  const char *name = NULL;
  gint64 debtor_id;

  g_assert_nonnull (dialog);
  g_assert_true (ar_import_dialog_set_file (dialog, AR_IMPORT_DEBTORS, debtors, &error));
  g_assert_no_error (error);
  /* A new file of the same program: the choice made by hand is not lost. */
  ar_import_dialog_map_column (dialog, AR_IMPORT_DEBTORS, "name", "Kundenname");
  ar_ui_wait_for (checked, dialog, "the check of the corrected files");
  g_assert_cmpstr (ar_import_dialog_get_state (dialog), ==, "ready");
  g_assert_cmpuint (g_list_model_get_n_items (ar_import_dialog_get_problems (dialog)), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (ar_import_dialog_get_import_button (dialog)));
  g_assert_cmpint (n_debtors (), ==, 0);   /* checking writes nothing */

  screenshots (dialog, "clean");

  g_signal_emit_by_name (ar_import_dialog_get_import_button (dialog), "clicked");
  ar_ui_wait_for (dialog_gone, NULL, "the import to finish");
  ar_ui_wait_for (list_shows_debtors, NULL, "the account list to show the imported debtors");

  g_assert_cmpint (n_debtors (), ==, 3);
  debtor_id = ar_ledger_lookup_debtor (ledger, "C-3");
  g_assert_cmpint (debtor_id, >, 0);
  {
    gint64 owed = 0, unapplied = 0;

    g_assert_true (ar_ledger_get_balance (ledger, debtor_id, "GBP", &owed, &unapplied, &error));
    g_assert_cmpint (owed, ==, 150000);
  }
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (GTK_WIDGET (window), "import-done-1280x800-light.png");

  /* The columns are remembered for the next import. */
  saved = g_settings_get_value (settings, "import-columns");
  g_assert_true (g_variant_lookup (saved, "debtors.csv/name", "&s", &name));
  g_assert_cmpstr (name, ==, "Kundenname");
}

static void
test_saved_columns (void)
{
  static const char more[] =
    "Customer No,Kundenname,E-mail,Town,Country\r\n"
    "C-4,Dora Garden,dora@example.com,Bath,GB\r\n";
  g_autoptr(GFile) file = write_file ("customers-2.csv", more);
  g_autoptr(GError) error = NULL;
  ArImportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  ar_ui_wait_for (dialog_mapped, NULL, "the import dialog");
  dialog = find_dialog ();
  g_assert_true (ar_import_dialog_set_file (dialog, AR_IMPORT_DEBTORS, file, &error));
  ar_ui_wait_for (checked, dialog, "the check with the saved columns");
  g_assert_cmpstr (ar_import_dialog_get_state (dialog), ==, "ready");

  /* Closing without importing writes nothing. */
  gtk_window_close (GTK_WINDOW (dialog));
  ar_ui_wait_for (dialog_gone, NULL, "the dialog to close");
  g_assert_cmpint (ar_ledger_lookup_debtor (ledger, "C-4"), ==, 0);
}

static gboolean
not_importing (gpointer data)
{
  return !g_str_equal (ar_import_dialog_get_state (data), "importing");
}

/* Cancel during the import: the worker rolls it all back, and the files can be imported
 * later. */
static void
test_cancel_import (void)
{
  g_autoptr(GString) csv = g_string_new ("id,name,email,phone,address_line1,address_line2,"
                                         "city,region,postal_code,country\r\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  ArImportDialog *dialog;

  for (guint i = 1; i <= 20000; i++)
    g_string_append_printf (csv, "B-%u,Big Customer %u,,,,,,,,\r\n", i, i);
  file = write_file ("big.csv", csv->str);

  /* Closed while it checks: the check is dropped, whenever its answer comes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  ar_ui_wait_for (dialog_mapped, NULL, "the import dialog");
  dialog = find_dialog ();
  g_assert_true (ar_import_dialog_set_file (dialog, AR_IMPORT_DEBTORS, file, &error));
  ar_ui_iterate_for (300);   /* past the 250 ms pause: the worker is checking */
  if (!g_str_equal (ar_import_dialog_get_state (dialog), "checking"))
    g_test_message ("the check finished before the dialog was closed");
  gtk_window_close (GTK_WINDOW (dialog));
  ar_ui_wait_for (dialog_gone, NULL, "the dialog to close while checking");
  ar_ui_iterate_for (1500);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  ar_ui_wait_for (dialog_mapped, NULL, "the import dialog");
  dialog = find_dialog ();
  g_assert_true (ar_import_dialog_set_file (dialog, AR_IMPORT_DEBTORS, file, &error));
  ar_ui_wait_for (checked, dialog, "the check of the big file");
  g_assert_cmpstr (ar_import_dialog_get_state (dialog), ==, "ready");

  g_signal_emit_by_name (ar_import_dialog_get_import_button (dialog), "clicked");
  g_assert_cmpstr (ar_import_dialog_get_state (dialog), ==, "importing");
  g_assert_false (gtk_widget_get_sensitive (ar_import_dialog_get_import_button (dialog)));
  /* Closing the window while importing cancels instead of closing. */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  ar_ui_wait_for (not_importing, dialog, "the import to stop");
  g_assert_cmpstr (ar_import_dialog_get_state (dialog), ==, "ready");
  g_assert_cmpint (ar_ledger_lookup_debtor (ledger, "B-1"), ==, 0);
  g_assert_cmpint (n_debtors (), ==, 3);

  gtk_window_close (GTK_WINDOW (dialog));
  ar_ui_wait_for (dialog_gone, NULL, "the dialog to close");
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
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/arrears/Arrears/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  tmp_dir = g_dir_make_tmp ("arrears-import-ui-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/import-dialog/types", test_types);
  g_test_add_func ("/import-dialog/open-window", test_open_window);
  g_test_add_func ("/import-dialog/problems-block-import", test_problems_block_import);
  g_test_add_func ("/import-dialog/clean-import", test_clean_import);
  g_test_add_func ("/import-dialog/saved-columns", test_saved_columns);
  g_test_add_func ("/import-dialog/cancel-import", test_cancel_import);
  g_test_add_func ("/import-dialog/close", test_close);

  status = g_test_run ();

  g_clear_object (&ledger);
  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
