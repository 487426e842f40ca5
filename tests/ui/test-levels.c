/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences ▸ Dunning adds and removes levels: on a new ledger (the default five levels, the
 * last a hand-over) Add Level is off with the reason shown; Remove Last Level… asks, and
 * Cancel writes nothing; Remove takes the hand-over away; Add Level then appends a letter two
 * weeks after the last, listed on the page and stored (ar_dunning_levels_load), one audit
 * record each; it is removed again, and at one level Remove is off. On a demo ledger with
 * letters sent at levels 1–3 the removal of a level letters were sent at is refused with the
 * core's message and writes nothing (the audit log neither). Screenshots of the page at
 * 1280×800 and 800×600, light and dark, go to $G_TEST_BUILDDIR/screenshots. */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "ar-date.h"
#include "ar-demo.h"
#include "ar-dunning.h"
#include "ar-dunning-levels-page.h"
#include "ar-ledger-private.h"
#include "ar-test-util.h"
#include "ar-ui-test.h"

static char *tmp_dir;

static ArLedger *
new_ledger (const char *name,
            gboolean    demo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  ArLedger *ledger = ar_ledger_create (path, &error);

  g_assert_no_error (error);
  if (demo)
    {
      g_assert_true (ar_demo_generate (ledger, 60, 7, ar_date_parse_julian ("2026-11-22", NULL),
                                       NULL, &error));
      g_assert_no_error (error);
    }
  return ledger;
}

static GArray *
stored (ArLedger *ledger)
{
  g_autoptr(GError) error = NULL;
  GArray *levels = ar_dunning_levels_load (ledger, &error);

  g_assert_no_error (error);
  return levels;
}

/* The audit records of the levels table written under @action (NULL: any action). */
static gint64
audit_count (ArLedger   *ledger,
             const char *action)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT count(*) FROM audit WHERE table_name = 'dunning_levels'"
    " AND (?1 IS NULL OR action = ?1)", NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  if (action != NULL)
    sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 1);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
assert_same_levels (GArray *a,
                    GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpmem (a->data, a->len * sizeof (ArDunningLevel),
                   b->data, b->len * sizeof (ArDunningLevel));
}

static GtkWidget *
page_window (ArDunningLevelsPage *page,
             int                  width,
             int                  height)
{
  GtkWidget *win = adw_preferences_window_new ();

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (win), ADW_PREFERENCES_PAGE (page));
  ar_ui_present_at (GTK_WINDOW (win), width, height);
  ar_ui_iterate_for (200);
  return win;
}

/* Answers the confirmation Remove Last Level… shows. */
static void
click_remove (ArDunningLevelsPage *page,
              const char          *response)
{
  AdwMessageDialog *confirmation;

  g_signal_emit_by_name (ar_dunning_levels_page_get_remove_button (page), "clicked");
  confirmation = ar_dunning_levels_page_get_confirmation (page);
  g_assert_nonnull (confirmation);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (confirmation, "remove"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_close_response (confirmation), ==, "cancel");
  ar_ui_iterate_for (100);
  adw_message_dialog_response (confirmation, response);
  ar_ui_iterate_for (100);
}

static void
screenshots (ArDunningLevelsPage *page,
             GtkWidget           *win,
             const char          *what)
{
  static const struct { int width, height; } sizes[] = { { 1280, 800 }, { 800, 600 } };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint dark = 0; dark < 2; dark++)
      {
        g_autofree char *png = g_strdup_printf ("levels-%s-%dx%d-%s.png", what, sizes[s].width,
                                                sizes[s].height, dark ? "dark" : "light");

        adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                        : ADW_COLOR_SCHEME_DEFAULT);
        gtk_window_set_default_size (GTK_WINDOW (win), sizes[s].width, sizes[s].height);
        ar_ui_iterate_for (300);
        /* The buttons under the list, in view. */
        gtk_widget_grab_focus (GTK_WIDGET (ar_dunning_levels_page_get_add_button (page)));
        ar_ui_iterate_for (300);
        ar_ui_save_screenshot (win, png);
      }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_add_remove (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_ledger ("new.arrears", FALSE);
  g_autoptr(GArray) before = stored (ledger);
  g_autoptr(GArray) after = NULL;
  ArDunningLevelsPage *page = ar_dunning_levels_page_new (ledger);
  GtkWidget *win = page_window (page, 1280, 800);
  GtkWidget *add = GTK_WIDGET (ar_dunning_levels_page_get_add_button (page));
  GtkWidget *remove = GTK_WIDGET (ar_dunning_levels_page_get_remove_button (page));
  const ArDunningLevel *fourth, *added;
  gint64 audited = audit_count (ledger, NULL);

  /* The defaults end with the hand-over: nothing can follow it, and the page says why. */
  g_assert_cmpuint (before->len, ==, 5);
  g_assert_true (g_array_index (before, ArDunningLevel, 4).hand_over);
  g_assert_false (gtk_widget_get_sensitive (add));
  g_assert_true (gtk_widget_get_sensitive (remove));
  g_assert_true (gtk_widget_get_focusable (remove));
  g_assert_true (gtk_widget_get_focusable (add));
  g_assert_false (ar_dunning_levels_page_add_level (page, &error));
  g_test_message ("add after the hand-over: %s", error->message);
  g_assert_nonnull (strstr (error->message, "agency"));
  g_clear_error (&error);
  after = stored (ledger);
  assert_same_levels (before, after);
  g_clear_pointer (&after, g_array_unref);
  screenshots (page, win, "hand-over-last");

  g_assert_cmpint (audit_count (ledger, NULL), ==, audited);

  /* Cancel: nothing written. */
  click_remove (page, "cancel");
  after = stored (ledger);
  assert_same_levels (before, after);
  g_assert_cmpint (audit_count (ledger, NULL), ==, audited);
  g_clear_pointer (&after, g_array_unref);
  g_assert_null (ar_dunning_levels_page_get_sequence_problem (page));

  /* Remove: the hand-over goes; the final demand is last and can be followed. */
  click_remove (page, "remove");
  g_assert_null (ar_dunning_levels_page_get_sequence_problem (page));
  after = stored (ledger);
  g_assert_cmpuint (after->len, ==, 4);
  g_clear_pointer (&after, g_array_unref);
  g_assert_true (gtk_widget_get_sensitive (add));
  g_assert_cmpint (audit_count (ledger, "remove-dunning-level"), ==, 1);
  g_assert_cmpint (audit_count (ledger, NULL), ==, audited + 1);

  /* Add: level 5, two weeks after level 4, its letter and fee, listed and stored. */
  g_signal_emit_by_name (add, "clicked");
  ar_ui_iterate_for (100);
  g_assert_null (ar_dunning_levels_page_get_sequence_problem (page));
  /* One write, audited under the level store's name. */
  g_assert_cmpint (audit_count (ledger, "store-dunning-level"), ==, 1);
  g_assert_cmpint (audit_count (ledger, NULL), ==, audited + 2);
  after = stored (ledger);
  g_assert_cmpuint (after->len, ==, 5);
  fourth = &g_array_index (after, ArDunningLevel, 3);
  added = &g_array_index (after, ArDunningLevel, 4);
  g_assert_cmpuint (added->level, ==, 5);
  g_assert_cmpuint (added->days_past_due, ==, fourth->days_past_due + 14);
  g_assert_false (added->hand_over);
  g_assert_cmpuint (added->template_level, ==, fourth->template_level);
  g_assert_cmpint (added->fee_kind, ==, fourth->fee_kind);
  g_assert_cmpuint (added->deadline_days, >=, AR_DUNNING_MIN_FINAL_DEADLINE);
  {
    g_autofree char *days = g_strdup_printf ("%u", added->days_past_due);

    g_assert_cmpstr (gtk_editable_get_text (ar_dunning_levels_page_get_field (page, 5,
                                                                              "days_past_due")),
                     ==, days);
    g_assert_null (ar_dunning_levels_page_get_problem (page, 5));
  }
  g_clear_pointer (&after, g_array_unref);
  screenshots (page, win, "added");

  /* The new level is edited and saved like the others. */
  gtk_editable_set_text (ar_dunning_levels_page_get_field (page, 5, "deadline_days"), "21");
  g_assert_true (ar_dunning_levels_page_save (page, 5, &error));
  g_assert_no_error (error);
  after = stored (ledger);
  g_assert_cmpuint (g_array_index (after, ArDunningLevel, 4).deadline_days, ==, 21);
  g_clear_pointer (&after, g_array_unref);

  /* Removed again, then down to one level: Remove goes off. */
  click_remove (page, "remove");
  after = stored (ledger);
  g_assert_cmpuint (after->len, ==, 4);
  g_clear_pointer (&after, g_array_unref);
  for (guint n = 4; n > 1; n--)
    click_remove (page, "remove");
  after = stored (ledger);
  g_assert_cmpuint (after->len, ==, 1);
  g_clear_pointer (&after, g_array_unref);
  g_assert_false (gtk_widget_get_sensitive (remove));
  g_assert_true (gtk_widget_get_sensitive (add));
  /* Asked anyway (a stale click): no confirmation, nothing written. */
  ar_dunning_levels_page_ask_remove_last (page);
  g_assert_null (ar_dunning_levels_page_get_confirmation (page));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The demo ledger has letters sent at levels 1–3: removing from the end stops at the first
 * level letters were sent at, with the core's reason, and nothing changes. */
static void
test_refused (void)
{
  g_autoptr(ArLedger) ledger = new_ledger ("demo.arrears", TRUE);
  ArDunningLevelsPage *page = ar_dunning_levels_page_new (ledger);
  GtkWidget *win = page_window (page, 1280, 800);
  const char *problem = NULL;
  guint removed = 0;

  while (problem == NULL)
    {
      g_autoptr(GArray) before = stored (ledger);
      g_autoptr(GArray) after = NULL;
      gint64 audited = audit_count (ledger, NULL);

      g_assert_cmpuint (before->len, >, 1);
      click_remove (page, "remove");
      problem = ar_dunning_levels_page_get_sequence_problem (page);
      after = stored (ledger);
      if (problem != NULL)
        {
          g_test_message ("refused at level %u: %s", before->len, problem);
          g_assert_nonnull (strstr (problem, "Letters were sent at level"));
          assert_same_levels (before, after);
          g_assert_cmpint (audit_count (ledger, NULL), ==, audited);
          g_assert_cmpuint (before->len, >=, 3);
        }
      else
        {
          g_assert_cmpuint (after->len, ==, before->len - 1);
          removed++;
        }
    }
  g_test_message ("%u levels removed before the refusal", removed);
  screenshots (page, win, "refused");
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tmp_dir = g_dir_make_tmp ("arrears-levels-ui-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/levels/add-remove", test_add_remove);
  g_test_add_func ("/levels/refused", test_refused);

  status = g_test_run ();

  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
