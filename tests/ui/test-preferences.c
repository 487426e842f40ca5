/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences on the real window over a demo ledger: win.preferences opens them filled from the
 * ledger; wrong fields are refused inline (country, buckets, a template with an unknown field)
 * and closing then asks instead of writing; corrected, closing writes the company's name, the
 * buckets and a letter template in one transaction with their audit records, and the window's
 * title follows. Screenshots at 1280×800 and 800×600, light and dark, are written to
 * $G_TEST_BUILDDIR/screenshots. */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ar-aging.h"
#include "ar-date.h"
#include "ar-demo.h"
#include "ar-ledger-private.h"
#include "ar-preferences-window.h"
#include "ar-template.h"
#include "ar-test-util.h"
#include "ar-ui-test.h"
#include "ar-window.h"

static char     *tmp_dir;
static ArLedger *ledger;
static ArWindow *window;

static GtkWindow *
find_window (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
mapped (gpointer data)
{
  GtkWindow *found = find_window (GPOINTER_TO_SIZE (data));

  return found != NULL && gtk_widget_get_mapped (GTK_WIDGET (found));
}

static gboolean
gone (gpointer data)
{
  return find_window (GPOINTER_TO_SIZE (data)) == NULL;
}

static gint64
audit_count (const char *action)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT count(*) FROM audit WHERE action = ?1", NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static char *
company_field (const char *name)
{
  g_autoptr(GHashTable) company = ar_ledger_get_company (ledger, NULL);

  g_assert_nonnull (company);
  return g_strdup (g_hash_table_lookup (company, name));
}

static void
set_text (ArPreferencesWindow *prefs,
          const char          *field,
          const char          *text)
{
  gtk_editable_set_text (ar_preferences_window_get_field (prefs, field), text);
}

static void
screenshots (ArPreferencesWindow *prefs)
{
  const struct { AdwColorScheme scheme; const char *name; } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "light" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "dark" },
  };
  const int sizes[][2] = { { 1280, 800 }, { 800, 600 } };
  const char *pages[] = { "company", "documents", "letters" };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gtk_widget_set_visible (GTK_WIDGET (prefs), FALSE);
      ar_ui_present_at (GTK_WINDOW (prefs), sizes[s][0], sizes[s][1]);
      for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
        for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
          {
            g_autofree char *png = g_strdup_printf ("preferences-%s-%dx%d-%s.png", pages[p],
                                                    sizes[s][0], sizes[s][1], schemes[i].name);

            adw_style_manager_set_color_scheme (style, schemes[i].scheme);
            adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs),
                                                          pages[p]);
            ar_ui_iterate_for (300);
            ar_ui_save_screenshot (GTK_WIDGET (prefs), png);
          }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "company");
}

static void
test_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "types.arrears", NULL);
  g_autoptr(ArLedger) empty = ar_ledger_create (path, &error);
  ArPreferencesWindow *prefs;

  g_assert_no_error (error);
  prefs = ar_preferences_window_new (NULL, empty);
  g_assert_true (AR_IS_PREFERENCES_WINDOW (prefs));
  /* An empty ledger's preferences are right as they are: the default buckets, built-in
   * letters. */
  g_assert_null (ar_preferences_window_get_problem (prefs));
  g_assert_cmpstr (gtk_editable_get_text (ar_preferences_window_get_field (prefs,
                                                                           "aging_limits")),
                   ==, "30,60,90");
  g_object_ref (prefs);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_finalize_object (prefs);
}

static void
test_open_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "demo.arrears", NULL);
  GDate today;

  ledger = ar_ledger_create (path, &error);
  g_assert_no_error (error);
  ar_date_set_today (&today);
  ar_demo_generate (ledger, 40, 3, ar_date_to_julian (&today), NULL, &error);
  g_assert_no_error (error);
  window = ar_window_new (NULL);
  g_object_ref_sink (window);
  g_assert_true (ar_window_set_ledger (window, ledger, &error));
  g_assert_no_error (error);
  ar_ui_present_at (GTK_WINDOW (window), 1280, 800);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "Bright Smile Dental Practice");
}

static void
test_invalid_changes_nothing (void)
{
  ArPreferencesWindow *prefs;
  g_autofree char *country = NULL;
  g_autofree char *limits = NULL;
  gint64 company_audits = audit_count ("set-company");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  ar_ui_wait_for (mapped, GSIZE_TO_POINTER (AR_TYPE_PREFERENCES_WINDOW), "the preferences");
  prefs = AR_PREFERENCES_WINDOW (find_window (AR_TYPE_PREFERENCES_WINDOW));

  /* Filled from the ledger, and right as they are. */
  g_assert_cmpstr (gtk_editable_get_text (ar_preferences_window_get_field (prefs,
                                                                           "legal_name")),
                   ==, "Bright Smile Dental Practice, PLLC");
  g_assert_null (ar_preferences_window_get_problem (prefs));

  set_text (prefs, "country", "XX");
  g_assert_nonnull (strstr (ar_preferences_window_get_problem (prefs), "“XX”"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (ar_preferences_window_get_field (prefs,
                                                                                      "country")),
                                           "error"));
  set_text (prefs, "country", "US");
  g_assert_null (ar_preferences_window_get_problem (prefs));

  set_text (prefs, "iban", "GB34BUKB20201555555555");
  g_assert_true (g_str_has_prefix (ar_preferences_window_get_problem (prefs), "IBAN: the check"));
  set_text (prefs, "iban", "GB33 BUKB 2020 1555 5555 55");
  g_assert_null (ar_preferences_window_get_problem (prefs));

  set_text (prefs, "aging_limits", "60, 30");
  g_assert_true (g_str_has_prefix (ar_preferences_window_get_problem (prefs), "Bucket limits"));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "documents");
  ar_ui_iterate_for (200);
  ar_ui_save_screenshot (GTK_WIDGET (prefs), "preferences-error-1280x800-light.png");

  /* Closing with a wrong field asks and writes nothing. */
  set_text (prefs, "trade_name", "Harbour Dental");
  gtk_window_close (GTK_WINDOW (prefs));
  ar_ui_wait_for (mapped, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the question");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (prefs)));
  {
    AdwMessageDialog *question = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG));

    /* What the button does: the response, then the dialog closes. */
    adw_message_dialog_response (question, "edit");
    gtk_window_close (GTK_WINDOW (question));
    ar_ui_wait_for (gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the question to go");
  }
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (prefs)));
  country = company_field ("trade_name");
  g_assert_cmpstr (country, ==, "Bright Smile Dental Practice");
  limits = ar_ledger_get_setting (ledger, "aging.limits");
  g_assert_null (limits);
  g_assert_cmpint (audit_count ("set-company"), ==, company_audits);
}

static void
test_save (void)
{
  ArPreferencesWindow *prefs = AR_PREFERENCES_WINDOW (find_window (AR_TYPE_PREFERENCES_WINDOW));
  g_autofree char *trade = NULL;
  g_autofree char *limits = NULL;
  g_autoptr(ArLetterTemplate) letter = NULL;
  g_autoptr(GError) error = NULL;
  ArAgingConfig config;
  gint64 company_audits = audit_count ("set-company");
  gint64 setting_audits = audit_count ("set-setting");

  g_assert_nonnull (prefs);
  set_text (prefs, "aging_limits", "15, 45, 90, 180");
  g_assert_null (ar_preferences_window_get_problem (prefs));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "letters");
  set_text (prefs, "subject", "Reminder from {company.nam}");
  g_assert_nonnull (strstr (ar_preferences_window_get_problem (prefs), "company.nam"));
  set_text (prefs, "subject", "A reminder from {company.name}");
  g_assert_null (ar_preferences_window_get_problem (prefs));

  screenshots (prefs);

  /* Closing writes every change in one go. */
  gtk_window_close (GTK_WINDOW (prefs));
  ar_ui_wait_for (gone, GSIZE_TO_POINTER (AR_TYPE_PREFERENCES_WINDOW), "the preferences to close");

  trade = company_field ("trade_name");
  g_assert_cmpstr (trade, ==, "Harbour Dental");
  limits = ar_ledger_get_setting (ledger, "aging.limits");
  g_assert_cmpstr (limits, ==, "15,45,90,180");
  g_assert_true (ar_aging_config_load (&config, ledger, &error));
  g_assert_cmpuint (config.n_limits, ==, 4);
  g_assert_cmpuint (config.limits[0], ==, 15);
  letter = ar_template_lookup (ledger, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (letter->source, ==, AR_LETTER_TEMPLATE_DEFAULT);
  g_assert_cmpstr (letter->subject, ==, "A reminder from {company.name}");
  /* Each change has its audit record; the IBAN written with spaces is one of them. */
  g_assert_cmpint (audit_count ("set-company"), ==, company_audits + 1);
  g_assert_cmpint (audit_count ("set-setting"), ==, setting_audits + 1);
  g_assert_cmpint (audit_count ("store-letter-template"), ==, 1);

  /* The window shows the new name. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Harbour Dental");
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

  tmp_dir = g_dir_make_tmp ("arrears-preferences-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/preferences/types", test_types);
  g_test_add_func ("/preferences/open-window", test_open_window);
  g_test_add_func ("/preferences/invalid-changes-nothing", test_invalid_changes_nothing);
  g_test_add_func ("/preferences/save", test_save);
  g_test_add_func ("/preferences/close", test_close);

  status = g_test_run ();

  g_clear_object (&ledger);
  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
