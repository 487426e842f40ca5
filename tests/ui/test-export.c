/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
/* Export from the window over a demo book: the dialog shows the file being written, the
 * thirteen files land in the folder chosen and "finished" says so; a folder that already holds
 * them is refused with the reason and an error dialog; Cancel (and closing the dialog) leaves
 * no file behind. A screenshot of the dialog while it writes is saved as
 * export-progress-light.png when the export is slow enough to catch. */
#include "config.h"

#include <adwaita.h>

#include "ar-demo.h"
#include "ar-date.h"
#include "ar-export.h"
#include "ar-export-dialog.h"
#include "ar-test-util.h"
#include "ar-ui-test.h"
#include "ar-window.h"

static char     *tmp_dir;
static ArLedger *ledger;
static ArWindow *window;

typedef struct
{
  gboolean  done;
  gboolean  ok;
  gboolean  cancelled;
  char     *message;
} Finished;

static void
on_finished_cb (ArExportDialog *dialog,
                gboolean        ok,
                gboolean        cancelled,
                const char     *message,
                Finished       *f)
{
  f->done = TRUE;
  f->ok = ok;
  f->cancelled = cancelled;
  f->message = g_strdup (message);
}

static gboolean
finished (gpointer data)
{
  return ((Finished *) data)->done;
}

typedef struct
{
  GtkWidget *dialog;
  Finished  *finished;
} Watch;

/* The dialog drawn (it has a size), or the export over already (the dialog is gone then). */
static gboolean
shown_or_finished (gpointer data)
{
  Watch *w = data;

  return w->finished->done ||
         (gtk_widget_get_mapped (w->dialog) && gtk_widget_get_width (w->dialog) > 0);
}

static char *
new_dir (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static guint
n_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static ArExportDialog *
start (const char *dir,
       Finished   *f)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  ArExportDialog *dialog = ar_window_export_to (window, folder);

  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished_cb), f);
  return dialog;
}

static void
test_open_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "demo.arrears", NULL);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_MARCH, 2026);
  ledger = ar_ledger_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (ar_demo_generate (ledger, 20000, 3, ar_date_to_julian (&today), NULL, &error));
  g_assert_no_error (error);
  window = ar_window_new (NULL);
  g_object_ref_sink (window);
  g_assert_true (ar_window_set_ledger (window, ledger, &error));
  g_assert_no_error (error);
  ar_ui_present_at (GTK_WINDOW (window), 1280, 800);
  ar_ui_iterate_for (300);
}

static void
test_export (void)
{
  g_autofree char *dir = new_dir ("out");
  g_autofree char *plans = g_build_filename (dir, "plans.csv", NULL);
  Finished f = { 0 };
  ArExportDialog *dialog = start (dir, &f);
  Watch watch;

  /* The dialog names the folder and says which file it is at. */
  watch.dialog = GTK_WIDGET (dialog);
  watch.finished = &f;
  ar_ui_wait_for (shown_or_finished, &watch, "the export dialog");
  ar_ui_iterate_for (150);   /* the progress timer's first tick */
  if (!f.done && gtk_widget_get_mapped (GTK_WIDGET (dialog)))
    {
      g_assert_cmpstr (ar_export_dialog_get_state (dialog), ==, "exporting");
      ar_ui_save_screenshot (GTK_WIDGET (dialog), "export-progress-light.png");
    }
  else
    g_test_message ("the export finished before the screenshot");
  ar_ui_wait_for (finished, &f, "the export");
  g_assert_true (f.ok);
  g_assert_false (f.cancelled);
  g_assert_nonnull (strstr (f.message, "Exported 20000 debtors"));
  g_assert_nonnull (strstr (f.message, "“out”"));
  g_assert_cmpuint (n_files (dir), ==, AR_EXPORT_N_FILES);
  g_assert_true (g_file_test (plans, G_FILE_TEST_IS_REGULAR));
  g_free (f.message);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* The same folder again: refused, with the file named, in an error dialog; nothing changes. */
static void
test_refused (void)
{
  g_autofree char *dir = new_dir ("out");
  Finished f = { 0 };
  AdwMessageDialog *message;

  start (dir, &f);
  ar_ui_wait_for (finished, &f, "the refused export");
  g_assert_false (f.ok);
  g_assert_false (f.cancelled);
  g_assert_nonnull (strstr (f.message, "already exists"));
  ar_ui_wait_for (message_dialog_shown, NULL, "the error dialog");
  message = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Can’t Export the Book");
  gtk_window_close (GTK_WINDOW (message));
  g_assert_cmpuint (n_files (dir), ==, AR_EXPORT_N_FILES);
  g_free (f.message);
}

/* Cancel at once, and closing the dialog while it exports: no file is left either way. */
static void
test_cancel (void)
{
  g_autofree char *dir = new_dir ("cancelled");
  g_autofree char *closed = new_dir ("closed");
  Finished f = { 0 };
  Finished g = { 0 };
  ArExportDialog *dialog = start (dir, &f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL));
  g_assert_cmpstr (ar_export_dialog_get_state (dialog), ==, "cancelling");
  ar_ui_wait_for (finished, &f, "the cancelled export");
  g_assert_false (f.ok);
  g_assert_true (f.cancelled);
  g_assert_cmpstr (f.message, ==, "Export cancelled; no files were written");
  g_assert_cmpuint (n_files (dir), ==, 0);
  g_free (f.message);

  dialog = start (closed, &g);
  gtk_window_close (GTK_WINDOW (dialog));
  ar_ui_wait_for (finished, &g, "the export closed");
  g_assert_true (g.cancelled);
  g_assert_cmpuint (n_files (closed), ==, 0);
  g_free (g.message);
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action,
                 char      **label)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", label);
      for (const char *kind = G_MENU_LINK_SECTION; kind != NULL;
           kind = g_str_equal (kind, G_MENU_LINK_SECTION) ? G_MENU_LINK_SUBMENU : NULL)
        if ((link = g_menu_model_get_item_link (model, i, kind)) != NULL)
          {
            gboolean found = menu_has_action (link, action, label);

            g_object_unref (link);
            if (found)
              return TRUE;
          }
    }
  return FALSE;
}

/* The main menu offers Export… beside Import…; shown as the window shows it. */
static void
test_menu (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/arrears/Arrears/gtk/menus.ui");
  GMenuModel *menu = G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu"));
  g_autofree char *label = NULL;
  GtkWidget *popover;

  g_assert_nonnull (menu);
  g_assert_true (menu_has_action (menu, "win.export", &label));
  g_assert_cmpstr (label, ==, "_Export…");

  popover = gtk_popover_menu_new_from_model (menu);
  gtk_widget_set_parent (popover, GTK_WIDGET (window));
  gtk_popover_popup (GTK_POPOVER (popover));
  ar_ui_iterate_for (400);
  if (gtk_widget_get_mapped (popover) && gtk_widget_get_width (popover) > 0)
    ar_ui_save_screenshot (popover, "export-main-menu-light.png");
  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_unparent (popover);
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
  tmp_dir = g_dir_make_tmp ("arrears-export-ui-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/export-dialog/open-window", test_open_window);
  g_test_add_func ("/export-dialog/menu", test_menu);
  g_test_add_func ("/export-dialog/export", test_export);
  g_test_add_func ("/export-dialog/refused", test_refused);
  g_test_add_func ("/export-dialog/cancel", test_cancel);
  g_test_add_func ("/export-dialog/close", test_close);
  status = g_test_run ();

  g_clear_object (&ledger);
  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
