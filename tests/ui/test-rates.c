/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
/* Reference rates in the window, on a demo book of 60 debtors whose interest calculator is
 * § 288 BGB for businesses (the Basiszinssatz, shipped up to 30 June 2026), "today" pinned to
 * 22 November 2026: the Dunning view and Preferences ▸ Dunning warn that statutory interest
 * can't be worked out and their button shows Preferences ▸ Reference Rates, and a debtor's
 * own statutory calculator adds its own line; the Record dialog
 * refuses a bad percent, a missing source, a day before the one already known and a
 * Basiszinssatz not on 1 January or 1 July inline, with Record off, and writes nothing; a
 * right one is recorded (rate and confirmation), listed at once as recorded in this book,
 * and the warning goes; Bank Rate, unchanged, is confirmed up to today but not beyond.
 * Screenshots of the warning, the page and the dialog with an error at
 * 1280×800 and 800×600 go to $G_TEST_BUILDDIR/screenshots. The rate recorded is a test
 * fixture, not a real publication. */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ar-date.h"
#include "ar-demo.h"
#include "ar-dunning.h"
#include "ar-dunning-levels-page.h"
#include "ar-dunning-view.h"
#include "ar-preferences-window.h"
#include "ar-rate-dialog.h"
#include "ar-rates.h"
#include "ar-rates-page.h"
#include "ar-rates-warning.h"
#include "ar-test-util.h"
#include "ar-ui-test.h"
#include "ar-window.h"

#define FIXTURE_SOURCE "test fixture, not a real publication"

static char     *tmp_dir;
static ArLedger *ledger;
static guint32   today;

/* Preferences, with "today" pinned. */
typedef struct
{
  GtkWidget           *window;
  ArDunningLevelsPage *dunning;
  ArRatesPage         *rates;
} Prefs;

static void
prefs_open (Prefs *prefs,
            int    width,
            int    height)
{
  ArPreferencesWindow *window = ar_preferences_window_new (NULL, ledger);

  ar_preferences_window_set_today (window, today);
  prefs->window = GTK_WIDGET (window);
  prefs->dunning = ar_preferences_window_get_dunning_page (window);
  prefs->rates = ar_preferences_window_get_rates_page (window);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "dunning");
  ar_ui_present_at (GTK_WINDOW (window), width, height);
  ar_ui_iterate_for (200);
}

/* Scrolls @page to its end, where the Basiszinssatz is. */
static void
scroll_to_end (ArRatesPage *page)
{
  GtkWidget *w = GTK_WIDGET (page);

  while (w != NULL && !GTK_IS_SCROLLED_WINDOW (w))
    w = gtk_widget_get_first_child (w);
  g_assert_nonnull (w);
  ar_ui_iterate_for (200);
  {
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (w));

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  }
}

static guint
count_recorded_rows (void)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint t = 0; t < AR_N_RATE_TABLES; t++)
    {
      guint32 until = 1;

      g_assert_true (ar_rates_get_known_until (ledger, (ArRateTableId) t, &until, NULL, &error));
      g_assert_no_error (error);
      n += until != 0;
    }
  return n;
}

static gboolean
count_rate (const ArRecordedRate *rate,
            gpointer              user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static guint
count_rates (void)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint t = 0; t < AR_N_RATE_TABLES; t++)
    g_assert_true (ar_rates_list (ledger, (ArRateTableId) t, count_rate, &n, &error));
  g_assert_no_error (error);
  return n;
}

static gboolean
preferences_shown (gpointer data)
{
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (AR_IS_PREFERENCES_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      {
        *(gpointer *) data = l->data;
        g_list_free (l);
        return TRUE;
      }
  return FALSE;
}

static gboolean
previewed (gpointer data)
{
  return g_strcmp0 (ar_dunning_view_get_state (data), "preview") == 0;
}

/* The Dunning view says what is missing; its button opens Preferences ▸ Reference Rates. */
static void
test_dunning_view_warning (void)
{
  const struct { int width, height; } sizes[] = { { 1280, 800 }, { 800, 600 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *png = NULL;
      ArWindow *window = ar_window_new (NULL);
      ArDunningView *view;
      ArRatesWarning *warning;
      const char *message;

      g_object_ref_sink (window);
      g_assert_true (ar_window_set_ledger (window, ledger, &error));
      g_assert_no_error (error);
      ar_window_show_view (window, "dunning");
      view = AR_DUNNING_VIEW (ar_window_get_dunning_view (window));
      warning = ar_dunning_view_get_rates_warning (view);
      ar_rates_warning_set_today (warning, today);
      ar_ui_present_at (GTK_WINDOW (window), sizes[s].width, sizes[s].height);
      ar_dunning_view_preview (view);
      ar_ui_wait_for (previewed, view, "the preview");

      message = ar_rates_warning_get_message (warning);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, "can’t be worked out after 30 June 2026"));
      g_assert_nonnull (strstr (message, "record the current Basiszinssatz"));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (warning)));
      ar_ui_iterate_for (300);
      png = g_strdup_printf ("rates-warning-dunning-%dx%d.png", sizes[s].width,
                             sizes[s].height);
      ar_ui_save_screenshot (GTK_WIDGET (window), png);
      /* The tint is the theme's warning colour: readable in the dark style too. */
      if (s == 1)
        {
          AdwStyleManager *style = adw_style_manager_get_default ();

          adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
          ar_ui_iterate_for (300);
          ar_ui_save_screenshot (GTK_WIDGET (window), "rates-warning-dunning-800x600-dark.png");
          adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
        }

      if (s == 0)
        {
          gpointer prefs = NULL;

          gtk_widget_activate (ar_rates_warning_get_button (warning));
          ar_ui_wait_for (preferences_shown, &prefs, "Preferences");
          g_assert_cmpstr (adw_preferences_window_get_visible_page_name (prefs), ==, "rates");
          gtk_window_destroy (GTK_WINDOW (prefs));
        }
      gtk_window_destroy (GTK_WINDOW (window));
      g_object_unref (window);
    }
}

/* Preferences ▸ Dunning: the same warning; its button shows the Reference Rates page. */
static void
test_preferences_warning (void)
{
  const struct { int width, height; } sizes[] = { { 1280, 800 }, { 800, 600 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *png = NULL;
      Prefs prefs;
      ArRatesWarning *warning;

      prefs_open (&prefs, sizes[s].width, sizes[s].height);
      warning = ar_dunning_levels_page_get_rates_warning (prefs.dunning);
      g_assert_nonnull (ar_rates_warning_get_message (warning));
      g_assert_nonnull (strstr (ar_rates_warning_get_message (warning), "Basiszinssatz"));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (warning)));
      png = g_strdup_printf ("rates-warning-preferences-%dx%d.png", sizes[s].width,
                             sizes[s].height);
      ar_ui_iterate_for (300);
      ar_ui_save_screenshot (prefs.window, png);

      /* The button names the window's action, which shows the Reference Rates page. */
      g_assert_true (gtk_widget_get_sensitive (ar_rates_warning_get_button (warning)));
      gtk_widget_activate (ar_rates_warning_get_button (warning));
      ar_ui_iterate_for (500);  /* a button's "clicked" follows "activate" after 250 ms */
      g_assert_cmpstr (adw_preferences_window_get_visible_page_name (
                         ADW_PREFERENCES_WINDOW (prefs.window)), ==, "rates");
      gtk_window_destroy (GTK_WINDOW (prefs.window));
    }
}

/* A debtor's own statutory calculator counts too, said as such. */
static void
test_debtor_override_warning (void)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *warning = ar_rates_warning_new ();
  g_auto(GStrv) lines = NULL;

  g_object_ref_sink (warning);
  ar_rates_warning_set_today (AR_RATES_WARNING (warning), today);
  ar_rates_warning_set_ledger (AR_RATES_WARNING (warning), ledger);
  lines = g_strsplit (ar_rates_warning_get_message (AR_RATES_WARNING (warning)), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_clear_pointer (&lines, g_strfreev);

  g_assert_true (ar_dunning_set_interest_regime (ledger, 3, "uk-b2b", 0, &error));
  g_assert_no_error (error);
  ar_rates_warning_refresh (AR_RATES_WARNING (warning));
  lines = g_strsplit (ar_rates_warning_get_message (AR_RATES_WARNING (warning)), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "Statutory interest for debtors with their own calculator can’t "
                                 "be worked out after 5 February 2026: record the current Bank "
                                 "of England Bank Rate.");
  g_assert_cmpstr (lines[1], ==, "Statutory interest can’t be worked out after 30 June 2026: "
                                 "record the current Basiszinssatz.");

  g_assert_true (ar_dunning_set_interest_regime (ledger, 3, NULL, 0, &error));
  ar_rates_warning_refresh (AR_RATES_WARNING (warning));
  g_assert_nonnull (ar_rates_warning_get_message (AR_RATES_WARNING (warning)));
  g_assert_null (strchr (ar_rates_warning_get_message (AR_RATES_WARNING (warning)), '\n'));
  g_object_unref (warning);
}

/* The page lists each series; the dialog refuses bad input inline and writes nothing. */
static void
test_dialog_refuses (void)
{
  g_autoptr(GError) error = NULL;
  Prefs prefs;
  ArRateDialog *dialog;
  GtkEditable *from, *rate, *source;
  GtkWidget *record;
  const char *problem;

  prefs_open (&prefs, 1280, 800);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs.window), "rates");
  ar_ui_iterate_for (300);
  g_assert_cmpstr (ar_rates_page_get_in_force (prefs.rates, AR_RATE_TABLE_DE_BASISZINSSATZ), ==,
                   "Not known after 30 June 2026");
  g_assert_cmpstr (ar_rates_page_get_in_force (prefs.rates, AR_RATE_TABLE_BOE_BANK_RATE), ==,
                   "Not known after 5 February 2026");
  g_assert_cmpstr (ar_rates_page_get_origin (prefs.rates, AR_RATE_TABLE_DE_BASISZINSSATZ), ==,
                   "Came with Arrears");
  ar_ui_save_screenshot (prefs.window, "rates-page-shipped-1280x800.png");

  dialog = ar_rates_page_record (prefs.rates, AR_RATE_TABLE_DE_BASISZINSSATZ);
  from = ar_rate_dialog_get_from_entry (dialog);
  rate = ar_rate_dialog_get_rate_entry (dialog);
  source = ar_rate_dialog_get_source_entry (dialog);
  record = ar_rate_dialog_get_record_button (dialog);
  ar_ui_present_at (GTK_WINDOW (dialog), 560, 480);
  ar_ui_iterate_for (200);

  /* The half-year the Basiszinssatz lacks is suggested; nothing is wrong yet. */
  g_assert_cmpstr (gtk_editable_get_text (from), ==, "2026-07-01");
  g_assert_null (ar_rate_dialog_get_problem (dialog));
  g_assert_false (gtk_widget_get_sensitive (record));
  g_assert_nonnull (strstr (ar_rate_dialog_get_confirmation (dialog), "31 December 2026"));

  /* A bad percent. */
  gtk_editable_set_text (rate, "1,2x");
  problem = ar_rate_dialog_get_problem (dialog);
  g_assert_nonnull (problem);
  g_assert_true (g_str_has_prefix (problem, "Rate: “1,2x” is not a percentage"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (rate), "error"));
  g_assert_false (gtk_widget_get_sensitive (record));
  gtk_editable_set_text (rate, "1.234");
  g_assert_nonnull (ar_rate_dialog_get_problem (dialog));
  gtk_editable_set_text (rate, "1.27");
  g_assert_null (ar_rate_dialog_get_problem (dialog));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (rate), "error"));

  /* No source: Record stays off, and once the field was touched it says why. */
  g_assert_false (gtk_widget_get_sensitive (record));
  gtk_editable_set_text (source, "x");
  gtk_editable_set_text (source, "   ");
  problem = ar_rate_dialog_get_problem (dialog);
  g_assert_nonnull (problem);
  g_assert_true (g_str_has_prefix (problem, "Source: say where the rate was published"));
  g_assert_false (gtk_widget_get_sensitive (record));
  g_assert_false (ar_rate_dialog_record (dialog, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A day before the one already known, and one that is not a half-year. */
  gtk_editable_set_text (source, FIXTURE_SOURCE);
  gtk_editable_set_text (from, "2026-06-01");
  problem = ar_rate_dialog_get_problem (dialog);
  g_assert_nonnull (problem);
  g_assert_true (g_str_has_prefix (problem, "Valid from: the Basiszinssatz is already known up "
                                            "to 30 June 2026"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (from), "error"));
  g_assert_false (gtk_widget_get_sensitive (record));
  g_assert_false (ar_rate_dialog_record (dialog, &error));
  g_clear_error (&error);
  g_assert_null (ar_rate_dialog_get_confirmation (dialog));
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (GTK_WIDGET (dialog), "rates-dialog-error.png");

  gtk_editable_set_text (from, "2026-08-01");
  g_assert_nonnull (strstr (ar_rate_dialog_get_problem (dialog), "1 January and 1 July"));
  g_assert_false (gtk_widget_get_sensitive (record));
  gtk_editable_set_text (from, "1 July");
  g_assert_true (g_str_has_prefix (ar_rate_dialog_get_problem (dialog), "Valid from: The date "
                                                                          "must be written"));

  /* Nothing was written; the warning is still there. */
  g_assert_cmpuint (count_rates (), ==, 0);
  g_assert_cmpuint (count_recorded_rows (), ==, 0);
  g_assert_nonnull (ar_rates_warning_get_message (
                      ar_dunning_levels_page_get_rates_warning (prefs.dunning)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (prefs.window));

  /* The page, and the dialog with an error, at both window sizes (a window of its own for
   * each: a mapped X11 window keeps its size). */
  {
    const struct { int width, height; } sizes[] = { { 1280, 800 }, { 800, 600 } };

    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autofree char *png = g_strdup_printf ("rates-page-%dx%d.png", sizes[s].width,
                                                sizes[s].height);
        g_autofree char *dialog_png = g_strdup_printf ("rates-dialog-error-%dx%d.png",
                                                       sizes[s].width, sizes[s].height);

        prefs_open (&prefs, sizes[s].width, sizes[s].height);
        adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs.window),
                                                      "rates");
        ar_ui_iterate_for (300);
        ar_ui_save_screenshot (prefs.window, png);

        dialog = ar_rates_page_record (prefs.rates, AR_RATE_TABLE_ECB_MRO);
        gtk_editable_set_text (ar_rate_dialog_get_from_entry (dialog), "2026-03-19");
        gtk_editable_set_text (ar_rate_dialog_get_rate_entry (dialog), "two");
        gtk_editable_set_text (ar_rate_dialog_get_source_entry (dialog), "x");
        gtk_editable_set_text (ar_rate_dialog_get_source_entry (dialog), "");
        g_assert_nonnull (strstr (ar_rate_dialog_get_problem (dialog), "Rate: “two”"));
        g_assert_nonnull (strstr (ar_rate_dialog_get_problem (dialog), "\nSource: "));
        ar_ui_present_at (GTK_WINDOW (dialog), sizes[s].width, sizes[s].height);
        ar_ui_iterate_for (300);
        ar_ui_save_screenshot (GTK_WIDGET (dialog), dialog_png);
        gtk_window_destroy (GTK_WINDOW (dialog));
        gtk_window_destroy (GTK_WINDOW (prefs.window));
      }
  }
  g_assert_cmpuint (count_rates (), ==, 0);
}

static void
note_recorded (guint    *out,
               guint     table,
               gpointer  dialog)
{
  *out = table;
}

static gboolean
was_recorded (gpointer data)
{
  return *(guint *) data != G_MAXUINT;
}

/* A right rate: recorded with its confirmation, listed at once, and the warning goes. */
static void
test_record (void)
{
  g_autoptr(GError) error = NULL;
  Prefs prefs;
  ArRateDialog *dialog;
  ArRateStatus status;
  guint recorded = G_MAXUINT;

  prefs_open (&prefs, 1280, 800);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs.window), "rates");
  dialog = ar_rates_page_record (prefs.rates, AR_RATE_TABLE_DE_BASISZINSSATZ);
  g_signal_connect_swapped (dialog, "recorded", G_CALLBACK (note_recorded), &recorded);
  gtk_window_present (GTK_WINDOW (dialog));
  ar_ui_iterate_for (200);
  g_assert_cmpstr (gtk_editable_get_text (ar_rate_dialog_get_from_entry (dialog)), ==,
                   "2026-07-01");
  gtk_editable_set_text (ar_rate_dialog_get_rate_entry (dialog), "1.27 %");
  gtk_editable_set_text (ar_rate_dialog_get_source_entry (dialog), FIXTURE_SOURCE);
  g_assert_null (ar_rate_dialog_get_problem (dialog));
  g_assert_true (gtk_widget_get_sensitive (ar_rate_dialog_get_record_button (dialog)));

  /* Record, as the button does: the dialog closes itself. */
  gtk_widget_activate (ar_rate_dialog_get_record_button (dialog));
  ar_ui_wait_for (was_recorded, &recorded, "the rate recorded");
  g_assert_cmpuint (recorded, !=, G_MAXUINT);

  g_assert_true (ar_rates_get_status (ledger, AR_RATE_TABLE_DE_BASISZINSSATZ, today, &status,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (status.known);
  g_assert_true (status.recorded);
  g_assert_true (status.confirmed);
  g_assert_cmpint (status.rate_bp, ==, 127);
  g_assert_cmpuint (status.from, ==, ar_date_parse_julian ("2026-07-01", NULL));
  g_assert_cmpuint (status.last_day, ==, ar_date_parse_julian ("2026-12-31", NULL));
  g_assert_cmpstr (status.source, ==, FIXTURE_SOURCE);
  ar_rate_status_clear (&status);
  g_assert_cmpuint (count_rates (), ==, 1);

  g_assert_cmpstr (ar_rates_page_get_in_force (prefs.rates, AR_RATE_TABLE_DE_BASISZINSSATZ), ==,
                   "1.27 %");
  g_assert_cmpstr (ar_rates_page_get_origin (prefs.rates, AR_RATE_TABLE_DE_BASISZINSSATZ), ==,
                   "Recorded in this book");
  g_assert_null (ar_rates_warning_get_message (
                   ar_dunning_levels_page_get_rates_warning (prefs.dunning)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (
                    ar_dunning_levels_page_get_rates_warning (prefs.dunning))));
  scroll_to_end (prefs.rates);
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (prefs.window, "rates-page-recorded-1280x800.png");
  gtk_window_destroy (GTK_WINDOW (prefs.window));

  /* A second time: the half-year is now known, so the same day is refused. */
  prefs_open (&prefs, 800, 600);
  dialog = ar_rates_page_record (prefs.rates, AR_RATE_TABLE_DE_BASISZINSSATZ);
  g_assert_cmpstr (gtk_editable_get_text (ar_rate_dialog_get_from_entry (dialog)), ==,
                   "2027-01-01");
  gtk_editable_set_text (ar_rate_dialog_get_from_entry (dialog), "2026-07-01");
  g_assert_nonnull (strstr (ar_rate_dialog_get_problem (dialog), "31 December 2026"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs.window), "rates");
  scroll_to_end (prefs.rates);
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (prefs.window, "rates-page-recorded-800x600.png");
  gtk_window_destroy (GTK_WINDOW (prefs.window));
  g_assert_cmpuint (count_rates (), ==, 1);
}

/* No change since the last rate: Bank Rate confirmed up to today, never beyond. */
static void
test_unchanged (void)
{
  g_autoptr(GError) error = NULL;
  Prefs prefs;
  ArRateDialog *dialog;
  GtkEditable *until;
  guint recorded = G_MAXUINT;

  prefs_open (&prefs, 800, 600);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs.window), "rates");

  /* Not offered for the Basiszinssatz. */
  dialog = ar_rates_page_record (prefs.rates, AR_RATE_TABLE_DE_BASISZINSSATZ);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ar_rate_dialog_get_kind_row (dialog))));
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = ar_rates_page_record (prefs.rates, AR_RATE_TABLE_BOE_BANK_RATE);
  g_signal_connect_swapped (dialog, "recorded", G_CALLBACK (note_recorded), &recorded);
  ar_ui_present_at (GTK_WINDOW (dialog), 560, 420);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (ar_rate_dialog_get_kind_row (dialog))));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (ar_rate_dialog_get_rate_entry (dialog))));
  adw_combo_row_set_selected (ar_rate_dialog_get_kind_row (dialog), 1);
  until = ar_rate_dialog_get_until_entry (dialog);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (until)));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (ar_rate_dialog_get_rate_entry (dialog))));
  g_assert_cmpstr (gtk_editable_get_text (until), ==, "2026-11-22");

  gtk_editable_set_text (until, "2026-11-23");
  g_assert_true (g_str_has_prefix (ar_rate_dialog_get_problem (dialog),
                                   "Unchanged up to: no one can know yet"));
  gtk_editable_set_text (until, "2026-01-31");
  g_assert_nonnull (strstr (ar_rate_dialog_get_problem (dialog), "already known up to "
                                                                 "5 February 2026"));
  gtk_editable_set_text (until, "2026-11-22");
  g_assert_null (ar_rate_dialog_get_problem (dialog));
  g_assert_nonnull (strstr (ar_rate_dialog_get_confirmation (dialog), "of 3.75 % stayed in "
                                                                      "force"));
  g_assert_false (gtk_widget_get_sensitive (ar_rate_dialog_get_record_button (dialog)));
  gtk_editable_set_text (ar_rate_dialog_get_source_entry (dialog), FIXTURE_SOURCE);
  g_assert_true (gtk_widget_get_sensitive (ar_rate_dialog_get_record_button (dialog)));
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (GTK_WIDGET (dialog), "rates-dialog-unchanged.png");

  g_assert_true (ar_rate_dialog_record (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (recorded, ==, AR_RATE_TABLE_BOE_BANK_RATE);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (ar_rates_page_get_in_force (prefs.rates, AR_RATE_TABLE_BOE_BANK_RATE), ==,
                   "3.75 %");
  g_assert_cmpstr (ar_rates_page_get_origin (prefs.rates, AR_RATE_TABLE_BOE_BANK_RATE), ==,
                   "Came with Arrears");
  gtk_window_destroy (GTK_WINDOW (prefs.window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
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

  tmp_dir = g_dir_make_tmp ("arrears-rates-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmp_dir, "book.arrears", NULL);
  today = ar_date_parse_julian ("2026-11-22", NULL);
  ledger = ar_ledger_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (ar_demo_generate (ledger, 60, 7, today, NULL, &error));
  g_assert_true (ar_dunning_set_interest_regime (ledger, 0, "de-b2b", 0, &error));
  g_assert_no_error (error);

  g_test_add_func ("/rates/dunning-view-warning", test_dunning_view_warning);
  g_test_add_func ("/rates/preferences-warning", test_preferences_warning);
  g_test_add_func ("/rates/debtor-override-warning", test_debtor_override_warning);
  g_test_add_func ("/rates/dialog-refuses", test_dialog_refuses);
  g_test_add_func ("/rates/record", test_record);
  g_test_add_func ("/rates/unchanged", test_unchanged);

  status = g_test_run ();

  g_clear_object (&ledger);
  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
