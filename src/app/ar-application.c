/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-application"
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ar-about.h"
#include "ar-application.h"
#include "ar-ledger-tasks.h"
#include "ar-window.h"

#define MAX_RECENT_LEDGERS 10

struct _ArApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (ArApplication, ar_application, ADW_TYPE_APPLICATION)

/* What an open, create or demo task needs when it finishes. */
typedef struct
{
  ArApplication *app;
  ArWindow      *window;
  GFile         *file;
} OpenJob;

static OpenJob *
open_job_new (ArApplication *app,
              ArWindow      *window,
              GFile         *file)
{
  OpenJob *job = g_new0 (OpenJob, 1);

  job->app = g_object_ref (app);
  job->window = g_object_ref (window);
  job->file = file != NULL ? g_object_ref (file) : NULL;
  return job;
}

static void
open_job_free (OpenJob *job)
{
  g_clear_object (&job->app);
  g_clear_object (&job->window);
  g_clear_object (&job->file);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenJob, open_job_free)

static ArWindow *
get_window (ArApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (AR_IS_WINDOW (window))
    return AR_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (AR_IS_WINDOW (l->data))
      return AR_WINDOW (l->data);

  return ar_window_new (GTK_APPLICATION (self));
}

/* Puts @path first in recent-ledgers and makes it the last ledger. */
static void
remember_ledger (ArApplication *self,
                 const char    *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-ledgers");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT_LEDGERS; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  list = g_strv_builder_end (builder);

  g_settings_delay (self->settings);
  g_settings_set_strv (self->settings, "recent-ledgers", (const char * const *) list);
  g_settings_set_string (self->settings, "last-ledger", path);
  g_settings_apply (self->settings);
}

/* Shows a ledger that a task opened or made, or the task's error. */
static void
show_ledger (OpenJob    *job,
             ArLedger   *ledger,
             GError     *error,
             const char *heading)
{
  g_autoptr(GError) model_error = NULL;

  ar_window_set_busy (job->window, NULL);

  if (ledger == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ar_window_show_error (job->window, heading, error->message);
      return;
    }

  if (!ar_window_set_ledger (job->window, ledger, &model_error))
    {
      ar_window_show_error (job->window, heading, model_error->message);
      return;
    }
  remember_ledger (job->app, ar_ledger_get_path (ledger));
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OpenJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = ar_ledger_task_open_finish (result, &error);

  show_ledger (job, ledger, error, _("Can’t Open the Ledger"));
}

static void
create_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OpenJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = ar_ledger_task_create_finish (result, &error);

  show_ledger (job, ledger, error, _("Can’t Create the Ledger"));
}

static void
start_open (ArApplication *self,
            ArWindow      *window,
            GFile         *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = g_strdup_printf (_("Opening “%s”…"), name);

  gtk_window_present (GTK_WINDOW (window));
  ar_window_set_busy (window, message);
  ar_ledger_task_open_async (file, ar_window_get_cancellable (window), open_cb,
                             open_job_new (self, window, file));
}

void
ar_application_open_file (ArApplication *self,
                          GFile         *file)
{
  g_return_if_fail (AR_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  start_open (self, get_window (self), file);
}

/* The demo ledger ------------------------------------------------------------------------- */

static void
demo_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OpenJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ar_ledger_task_demo_finish (result, &error);
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    {
      ar_window_set_busy (job->window, NULL);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ar_window_show_error (job->window, _("Can’t Create the Demo Ledger"), error->message);
      return;
    }

  file = g_file_new_for_path (path);
  ar_window_set_busy (job->window, NULL);
  start_open (job->app, job->window, file);
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  ArApplication *self = user_data;
  ArWindow *window = get_window (self);
  g_autofree char *path = ar_ledger_task_demo_path ();
  ArLedger *current = ar_window_get_ledger (window);

  if (ar_window_get_busy (window))
    return;

  /* The demo ledger is made anew, aged to today; the old one can't stay open meanwhile. */
  if (current != NULL && g_strcmp0 (ar_ledger_get_path (current), path) == 0)
    ar_window_set_ledger (window, NULL, NULL);

  gtk_window_present (GTK_WINDOW (window));
  ar_window_set_busy (window, _("Creating a demo ledger of 500 debtors…"));
  ar_ledger_task_demo_async (path, AR_DEMO_DEBTORS, ar_window_get_cancellable (window), demo_cb,
                             open_job_new (self, window, NULL));
}

/* File choosers --------------------------------------------------------------------------- */

static GtkFileFilter *
ledger_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Ledgers"));
  gtk_file_filter_add_pattern (filter, "*.arrears");
  gtk_file_filter_add_mime_type (filter, "application/x-arrears-ledger");
  return filter;
}

static void
on_open_chooser_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             gpointer         user_data)
{
  g_autoptr(OpenJob) job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        start_open (job->app, job->window, file);
    }
  g_object_unref (chooser);
}

static void
on_new_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            gpointer         user_data)
{
  g_autoptr(OpenJob) job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

      if (file != NULL && !g_str_has_suffix (name, ".arrears"))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *with_suffix = g_strconcat (name, ".arrears", NULL);

          GFile *child = g_file_get_child (parent, with_suffix);

          g_object_unref (file);
          file = child;
        }
      if (file != NULL)
        {
          g_autofree char *base = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Creating “%s”…"), base);

          ar_window_set_busy (job->window, message);
          ar_ledger_task_create_async (file, ar_window_get_cancellable (job->window), create_cb,
                                       open_job_new (job->app, job->window, file));
        }
    }
  g_object_unref (chooser);
}

static void
open_ledger_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ArApplication *self = user_data;
  ArWindow *window = get_window (self);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = ledger_filter ();

  if (ar_window_get_busy (window))
    return;
  gtk_window_present (GTK_WINDOW (window));
  chooser = gtk_file_chooser_native_new (_("Open Ledger"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_chooser_response_cb),
                    open_job_new (self, window, NULL));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_ledger_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  ArApplication *self = user_data;
  ArWindow *window = get_window (self);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = ledger_filter ();

  if (ar_window_get_busy (window))
    return;
  gtk_window_present (GTK_WINDOW (window));
  chooser = gtk_file_chooser_native_new (_("New Ledger"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the suggested file name of a new ledger; keep the .arrears */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Receivables.arrears"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_new_chooser_response_cb),
                    open_job_new (self, window, NULL));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Recent ledgers ------------------------------------------------------------------------- */

/* The primary menu's "Recent Ledgers" from the recent-ledgers setting (GSettings rather than
 * GtkRecentManager: the list is this application's own, ordered, and testable with the
 * memory backend). Files that are gone are left out. */
static void
update_recent_menu (ArApplication *self)
{
  GMenu *menu = gtk_application_get_menu_by_id (GTK_APPLICATION (self), "recent_menu");
  g_auto(GStrv) recent = NULL;
  guint shown = 0;

  if (menu == NULL)
    return;
  recent = g_settings_get_strv (self->settings, "recent-ledgers");
  g_menu_remove_all (menu);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (recent[i]);
      g_autoptr(GMenuItem) item = NULL;

      if (!g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
        continue;
      if (g_str_has_suffix (base, ".arrears") && strlen (base) > strlen (".arrears"))
        base[strlen (base) - strlen (".arrears")] = '\0';
      item = g_menu_item_new (base, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-recent",
                                               g_variant_new_string (recent[i]));
      g_menu_append_item (menu, item);
      shown++;
    }
  if (shown == 0)
    g_menu_append (menu, _("No Recent Ledgers"), "app.no-recent");
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ArApplication *self = user_data;
  ArWindow *window = get_window (self);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  if (ar_window_get_busy (window))
    return;
  start_open (self, window, file);
}

/* About and quit -------------------------------------------------------------------------- */

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  ArApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (ar_about_window_new (parent)));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ArApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing (not destroying) lets each window save its size and ledger. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_actions[] = {
  { "new-ledger", new_ledger_action },
  { "open-ledger", open_ledger_action },
  { "open-demo", open_demo_action },
  { "open-recent", open_recent_action, "s" },
  { "about", about_action },
  { "quit", quit_action },
};

/* GApplication ---------------------------------------------------------------------------- */

static void
ar_application_startup (GApplication *application)
{
  ArApplication *self = AR_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *import_accels[] = { "<Control>i", NULL };
  static const char *export_accels[] = { "<Control><Shift>e", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  g_autoptr(GSimpleAction) no_recent = g_simple_action_new ("no-recent", NULL);

  G_APPLICATION_CLASS (ar_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APP_ID);
  self->settings = g_settings_new ("io.github.arrears.Arrears");

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-ledger", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open-ledger", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.import", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.export", export_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.preferences",
                                         preferences_accels);

  /* The placeholder of an empty "Recent Ledgers" shows greyed out. */
  g_simple_action_set_enabled (no_recent, FALSE);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (no_recent));
  g_signal_connect_object (self->settings, "changed::recent-ledgers",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);
}

static void
ar_application_activate (GApplication *application)
{
  ArApplication *self = AR_APPLICATION (application);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  ArWindow *window;
  g_autofree char *last = NULL;

  if (active != NULL)
    {
      gtk_window_present (active);
      return;
    }

  window = get_window (self);
  gtk_window_present (GTK_WINDOW (window));

  /* Reopen what was open when the last window closed, if it is still there. */
  last = g_settings_get_string (self->settings, "last-ledger");
  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (last);

      start_open (self, window, file);
    }
}

static void
ar_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  ArApplication *self = AR_APPLICATION (application);

  /* One window shows one ledger: the first file given is opened. */
  if (n_files > 0)
    ar_application_open_file (self, files[0]);
}

static void
ar_application_dispose (GObject *object)
{
  ArApplication *self = (ArApplication *) object;

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (ar_application_parent_class)->dispose (object);
}

static void
ar_application_class_init (ArApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ar_application_dispose;
  app_class->startup = ar_application_startup;
  app_class->activate = ar_application_activate;
  app_class->open = ar_application_open;
}

static void
ar_application_init (ArApplication *self)
{
}

ArApplication *
ar_application_new (void)
{
  /* The resources live under the stable id's path, also in the .Devel profile. */
  return g_object_new (AR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/arrears/Arrears",
                       NULL);
}
