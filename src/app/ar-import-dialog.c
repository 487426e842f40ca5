/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-import-dialog"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-import-dialog.h"

#define PREVIEW_ROWS   5
/* Every problem is listed up to this many (a list view, so the count costs nothing to show);
 * beyond it the list says how many more there are. */
#define MAX_PROBLEMS   10000
/* Typing in a combo or choosing files in a row starts one check, not several. */
#define CHECK_DELAY_MS 250
/* A one-line problem row: a line of text and its margins. */
#define PROBLEM_ROW_HEIGHT 33

static const char * const kind_titles[AR_N_IMPORT_KINDS] = {
  N_("Debtors"), N_("Invoices"), N_("Payments"),
};

/* One chosen file and the widgets made for it. */
typedef struct
{
  char       *path;
  char      **header;    /* trimmed column names of the file */
  GPtrArray  *rows;      /* char **, the first rows */
  GPtrArray  *combos;    /* AdwComboRow, one per Arrears column, in ar_import_columns() order */
} Source;

struct _ArImportDialog
{
  AdwWindow            parent_instance;

  /* Template children. */
  GtkWidget           *cancel_button;
  GtkWidget           *import_button;
  GtkWidget           *page_box;
  AdwActionRow        *debtors_row;
  AdwActionRow        *invoices_row;
  AdwActionRow        *payments_row;
  GtkWidget           *debtors_button;
  GtkWidget           *invoices_button;
  GtkWidget           *payments_button;
  GtkWidget           *debtors_clear;
  GtkWidget           *invoices_clear;
  GtkWidget           *payments_clear;
  AdwPreferencesGroup *columns_group;
  AdwPreferencesGroup *preview_group;
  AdwPreferencesGroup *problems_group;
  GtkListView         *problems_view;
  GtkScrolledWindow   *problems_scroller;
  GtkLabel            *status_label;
  GtkProgressBar      *progress_bar;

  /* Per kind, in ArImportKind order. */
  AdwActionRow        *file_rows[AR_N_IMPORT_KINDS];
  GtkWidget           *choose_buttons[AR_N_IMPORT_KINDS];
  GtkWidget           *clear_buttons[AR_N_IMPORT_KINDS];
  AdwExpanderRow      *expanders[AR_N_IMPORT_KINDS];
  GtkWidget           *previews[AR_N_IMPORT_KINDS];   /* a box holding the preview's frame */
  Source               sources[AR_N_IMPORT_KINDS];

  ArLedger            *ledger;        /* owned */
  GSettings           *settings;      /* owned */
  GtkStringList       *problems;      /* owned */
  GCancellable        *cancellable;   /* owned: of the running worker */
  guint                check_source;
  guint                generation;    /* bumped by every change: older checks are stale */
  const char          *state;
  gboolean             filling;       /* combos are being filled: not a user's change */
};

G_DEFINE_FINAL_TYPE (ArImportDialog, ar_import_dialog, ADW_TYPE_WINDOW)

enum { IMPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void schedule_check (ArImportDialog *self);

static void
source_clear (Source *source)
{
  g_clear_pointer (&source->path, g_free);
  g_clear_pointer (&source->header, g_strfreev);
  g_clear_pointer (&source->rows, g_ptr_array_unref);
  g_clear_pointer (&source->combos, g_ptr_array_unref);
}

static guint
n_chosen (ArImportDialog *self)
{
  guint n = 0;

  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    n += self->sources[k].path != NULL;
  return n;
}

/* The state, the status line, and what can be pressed in it. */
static void
set_state (ArImportDialog *self,
           const char     *state,
           const char     *status)
{
  gboolean working = g_str_equal (state, "importing");

  self->state = state;
  gtk_label_set_text (self->status_label, status);
  if (g_str_equal (state, "problems"))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar),
                          working || g_str_equal (state, "checking"));
  gtk_widget_set_sensitive (self->page_box, !working);
  gtk_widget_set_sensitive (self->import_button, g_str_equal (state, "ready"));
}

/* The column map of a file: Arrears column → the file's header, "" for not in the file. */
static GHashTable *
build_map (ArImportDialog *self,
           ArImportKind    kind)
{
  Source *source = &self->sources[kind];
  const char * const *columns = ar_import_columns (kind, NULL);
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint c = 0; columns[c] != NULL; c++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (source->combos, c));

      g_hash_table_insert (map, g_strdup (columns[c]),
                           g_strdup (selected > 0 && selected != GTK_INVALID_LIST_POSITION
                                     ? source->header[selected - 1] : ""));
    }
  return map;
}

/* Saved column maps ----------------------------------------------------------------------- */

/* The choices are kept per user in GSettings, keyed "debtors.csv/name": they describe the
 * files another program on this desk writes, not the book, and keeping them out of the
 * ledger keeps them out of its audit trail. */
static char *
saved_key (ArImportKind  kind,
           const char   *column)
{
  return g_strdup_printf ("%s/%s", ar_import_kind_file_name (kind), column);
}

static void
save_maps (ArImportDialog *self)
{
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "import-columns");
  g_autoptr(GHashTable) merged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GVariantBuilder builder;
  GHashTableIter iter;
  GVariantIter viter;
  const char *key, *value;
  gpointer k, v;

  g_variant_iter_init (&viter, old);
  while (g_variant_iter_next (&viter, "{&s&s}", &key, &value))
    g_hash_table_insert (merged, g_strdup (key), g_strdup (value));
  for (guint kind = 0; kind < AR_N_IMPORT_KINDS; kind++)
    {
      g_autoptr(GHashTable) map = NULL;

      if (self->sources[kind].path == NULL)
        continue;
      map = build_map (self, kind);
      g_hash_table_iter_init (&iter, map);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_insert (merged, saved_key (kind, k), g_strdup (v));
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, merged);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&builder, "{ss}", k, v);
  g_settings_set_value (self->settings, "import-columns", g_variant_builder_end (&builder));
}

/* The header chosen last time for @column, if this file has it ("" when it was left out). */
static const char *
saved_choice (GVariant     *saved,
              ArImportKind  kind,
              const char   *column)
{
  g_autofree char *key = saved_key (kind, column);
  const char *value = NULL;

  if (!g_variant_lookup (saved, key, "&s", &value))
    return NULL;
  return value;
}

/* Columns and preview ------------------------------------------------------------------- */

static void
update_preview (ArImportDialog *self,
                ArImportKind    kind)
{
  Source *source = &self->sources[kind];
  const char * const *columns = ar_import_columns (kind, NULL);
  GtkWidget *box = self->previews[kind];
  GtkWidget *child;
  GtkWidget *title, *frame, *scrolled, *grid;
  guint col = 0;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
  gtk_widget_set_visible (box, source->path != NULL);
  if (source->path == NULL)
    return;

  {
    g_autofree char *base = g_path_get_basename (source->path);
    /* Translators: a preview's heading: "Debtors: customers.csv" */
    g_autofree char *text = g_strdup_printf (_("%s: %s"), _(kind_titles[kind]), base);

    title = gtk_label_new (text);
  }
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 8);
  gtk_widget_set_margin_bottom (grid, 8);
  for (guint c = 0; columns[c] != NULL; c++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (source->combos, c));
      GtkWidget *label;

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        continue;
      label = gtk_label_new (ar_import_column_label (kind, c));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_grid_attach (GTK_GRID (grid), label, col, 0, 1, 1);
      for (guint r = 0; r < source->rows->len; r++)
        {
          char **row = g_ptr_array_index (source->rows, r);
          const char *value = selected - 1 < g_strv_length (row) ? row[selected - 1] : "";

          label = gtk_label_new (value);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
          gtk_grid_attach (GTK_GRID (grid), label, col, r + 1, 1, 1);
        }
      col++;
    }
  if (source->rows->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("The file has no rows below its header."));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), none, 0, 1, MAX (col, 1), 1);
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  gtk_box_append (GTK_BOX (box), frame);
}

/* The expander's summary, and the combos that leave out a column every row needs. */
static void
update_columns (ArImportDialog *self,
                ArImportKind    kind)
{
  Source *source = &self->sources[kind];
  guint found = 0, missing = 0;
  g_autofree char *subtitle = NULL;
  g_autofree char *base = NULL;

  for (guint c = 0; c < source->combos->len; c++)
    {
      GtkWidget *combo = g_ptr_array_index (source->combos, c);
      gboolean absent = adw_combo_row_get_selected (ADW_COMBO_ROW (combo)) == 0;

      found += !absent;
      if (absent && ar_import_column_needs_value (kind, c))
        {
          missing++;
          gtk_widget_add_css_class (combo, "error");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (combo),
                                       _("Every row needs this: choose the column that has it"));
        }
      else
        {
          gtk_widget_remove_css_class (combo, "error");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (combo), NULL);
        }
    }
  base = g_path_get_basename (source->path);
  if (missing > 0)
    /* Translators: "customers.csv: 1 needed column is not chosen" */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s: %u needed column is not chosen",
                                             "%s: %u needed columns are not chosen", missing),
                                base, missing);
  else
    /* Translators: "customers.csv: 12 of 15 Arrears columns found" */
    subtitle = g_strdup_printf (_("%s: %u of %u Arrears columns found"), base, found,
                                source->combos->len);
  adw_expander_row_set_subtitle (self->expanders[kind], subtitle);
  if (missing > 0)
    adw_expander_row_set_expanded (self->expanders[kind], TRUE);
}

static void
on_combo_selected_cb (ArImportDialog *self)
{
  if (self->filling)
    return;
  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    if (self->sources[k].path != NULL)
      {
        update_columns (self, k);
        update_preview (self, k);
      }
  schedule_check (self);
}

/* Fills the expander of @kind with one combo per Arrears column: the saved choice if the file
 * has it, else the guess, else "not in the file". */
static void
fill_columns (ArImportDialog *self,
              ArImportKind    kind)
{
  Source *source = &self->sources[kind];
  const char * const *columns = ar_import_columns (kind, NULL);
  g_autoptr(GHashTable) guess = ar_import_guess_columns (kind,
                                                         (const char * const *) source->header);
  g_autoptr(GVariant) saved = g_settings_get_value (self->settings, "import-columns");
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  guint n_header = g_strv_length (source->header);

  gtk_string_list_append (choices, _("Not in the file"));
  for (guint h = 0; h < n_header; h++)
    gtk_string_list_append (choices, source->header[h][0] != '\0'
                                     ? source->header[h] : _("(unnamed column)"));

  self->filling = TRUE;
  source->combos = g_ptr_array_new ();
  for (guint c = 0; columns[c] != NULL; c++)
    {
      GtkWidget *combo = adw_combo_row_new ();
      const char *want = saved_choice (saved, kind, columns[c]);
      guint selected = 0;

      /* A header this file lacks, or "not in the file" last time, gives way to a guess. */
      if (want == NULL || want[0] == '\0'
          || !g_strv_contains ((const char * const *) source->header, want))
        want = g_hash_table_lookup (guess, columns[c]);
      for (guint h = 0; want != NULL && want[0] != '\0' && h < n_header; h++)
        if (g_str_equal (source->header[h], want))
          {
            selected = h + 1;
            break;
          }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo),
                                     ar_import_column_label (kind, c));
      adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (choices));
      adw_combo_row_set_selected (ADW_COMBO_ROW (combo), selected);
      g_signal_connect_object (combo, "notify::selected", G_CALLBACK (on_combo_selected_cb),
                               self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (self->expanders[kind], combo);
      g_ptr_array_add (source->combos, combo);
    }
  self->filling = FALSE;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->expanders[kind]),
                                 _(kind_titles[kind]));
  update_columns (self, kind);
}

static void
remove_source (ArImportDialog *self,
               ArImportKind    kind)
{
  Source *source = &self->sources[kind];

  for (guint c = 0; source->combos != NULL && c < source->combos->len; c++)
    adw_expander_row_remove (self->expanders[kind], g_ptr_array_index (source->combos, c));
  source_clear (source);
}

/* Shows which files are chosen and whether the groups below have anything to show. */
static void
update_files (ArImportDialog *self)
{
  gboolean any = FALSE;

  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    {
      Source *source = &self->sources[k];
      g_autofree char *base = source->path != NULL ? g_path_get_basename (source->path) : NULL;

      adw_action_row_set_subtitle (self->file_rows[k], base != NULL ? base : _("No file chosen"));
      gtk_widget_set_visible (self->clear_buttons[k], source->path != NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->expanders[k]), source->path != NULL);
      update_preview (self, k);
      any |= source->path != NULL;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), any);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), any);
}

/* Checking and importing in a worker -------------------------------------------------- */

typedef struct
{
  char           *ledger_path;
  char           *paths[AR_N_IMPORT_KINDS];
  GHashTable     *maps[AR_N_IMPORT_KINDS];
  gboolean        dry_run;
  guint           generation;
  ArImportDialog *dialog;     /* not owned: the callback's data holds the reference */
  ArImportResult  result;
  gboolean        ok;
  GError         *error;
} Job;

static void
job_free (Job *job)
{
  g_free (job->ledger_path);
  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    {
      g_free (job->paths[k]);
      g_clear_pointer (&job->maps[k], g_hash_table_unref);
    }
  ar_import_result_clear (&job->result);
  g_clear_error (&job->error);
  g_free (job);
}

typedef struct
{
  ArImportDialog *dialog;   /* owned */
  guint           generation;
  double          fraction;
} Progress;

static gboolean
progress_idle_cb (gpointer data)
{
  Progress *progress = data;

  if (progress->generation == progress->dialog->generation && progress->dialog->ledger != NULL)
    gtk_progress_bar_set_fraction (progress->dialog->progress_bar, progress->fraction);
  g_object_unref (progress->dialog);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* Called in the worker: the dialog is alive while the job runs (the task holds it). */
static void
job_progress (guint64  done,
              guint64  total,
              gpointer user_data)
{
  Job *job = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->dialog = g_object_ref (job->dialog);
  progress->generation = job->generation;
  progress->fraction = total > 0 ? (double) done / (double) total : 0;
  g_idle_add (progress_idle_cb, progress);
}

/* The worker opens its own connection to the ledger's file: a connection is used by one
 * thread at a time, and the window goes on reading through its own meanwhile (WAL). */
static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(ArLedger) ledger = ar_ledger_open (job->ledger_path, &job->error);
  ArImportOptions options = { { NULL } };

  if (ledger != NULL)
    {
      for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
        {
          options.paths[k] = job->paths[k];
          options.column_maps[k] = job->maps[k];
        }
      options.dry_run = job->dry_run;
      options.max_errors = MAX_PROBLEMS;
      options.cancellable = cancellable;
      options.progress = job_progress;
      options.progress_data = job;
      job->ok = ar_import_run (ledger, &options, &job->result, &job->error);
    }
  g_task_return_boolean (task, TRUE);
}

static void
show_problems (ArImportDialog *self,
               Job            *job)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  guint listed = job->result.errors->len;
  guint n_problems = MAX (job->result.n_errors, listed);

  /* A file that can't be read at all (or broken quoting) stops the check: that is the
   * problem to show, with the rows' problems found before it. */
  if (!job->ok && job->error != NULL && !g_error_matches (job->error, AR_IMPORT_ERROR,
                                                          AR_IMPORT_ERROR_INVALID)
      && !g_error_matches (job->error, AR_IMPORT_ERROR, AR_IMPORT_ERROR_DUPLICATE))
    {
      g_ptr_array_add (lines, g_strdup (job->error->message));
      n_problems++;
    }
  for (guint i = 0; i < listed; i++)
    g_ptr_array_add (lines, g_strdup (g_ptr_array_index (job->result.errors, i)));
  if (job->result.n_errors > listed)
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "… and %u more problem",
                                                          "… and %u more problems",
                                                          job->result.n_errors - listed),
                                             job->result.n_errors - listed));
  g_ptr_array_add (lines, NULL);
  gtk_string_list_splice (self->problems, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->problems)),
                          (const char * const *) lines->pdata);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), n_problems > 0);
  /* A list view asks for little height of its own: show up to seven rows, then scroll. */
  gtk_scrolled_window_set_min_content_height (self->problems_scroller,
                                              MIN (lines->len - 1, 7) * PROBLEM_ROW_HEIGHT);
  if (n_problems > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Problem",
                                                             "%u Problems", n_problems),
                                                n_problems);
      g_autofree char *status = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%u problem was found; nothing can be imported until it is corrected.",
                     "%u problems were found; nothing can be imported until they are corrected.",
                     n_problems), n_problems);

      adw_preferences_group_set_title (self->problems_group, title);
      set_state (self, "problems", status);
    }
}

/* "12 debtors, 30 invoices and 4 payments" */
static char *
describe_rows (const ArImportResult *result,
               gboolean              have[AR_N_IMPORT_KINDS])
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (have[AR_IMPORT_DEBTORS])
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u debtor",
                                                          "%u debtors",
                                                          result->rows[AR_IMPORT_DEBTORS]),
                                             result->rows[AR_IMPORT_DEBTORS]));
  if (have[AR_IMPORT_INVOICES])
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u invoice",
                                                          "%u invoices",
                                                          result->rows[AR_IMPORT_INVOICES]),
                                             result->rows[AR_IMPORT_INVOICES]));
  if (have[AR_IMPORT_PAYMENTS])
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u payment",
                                                          "%u payments",
                                                          result->rows[AR_IMPORT_PAYMENTS]),
                                             result->rows[AR_IMPORT_PAYMENTS]));
  if (parts->len == 1)
    return g_strdup (g_ptr_array_index (parts, 0));
  if (parts->len == 2)
    /* Translators: "12 debtors and 30 invoices" */
    return g_strdup_printf (_("%s and %s"), (char *) g_ptr_array_index (parts, 0),
                            (char *) g_ptr_array_index (parts, 1));
  /* Translators: "12 debtors, 30 invoices and 4 payments" */
  return g_strdup_printf (_("%s, %s and %s"), (char *) g_ptr_array_index (parts, 0),
                          (char *) g_ptr_array_index (parts, 1),
                          (char *) g_ptr_array_index (parts, 2));
}

static void
job_done_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ArImportDialog) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  gboolean have[AR_N_IMPORT_KINDS];
  g_autofree char *rows = NULL;

  /* The dialog changed since this job started (or it is being closed): a newer one counts. */
  if (job->generation != self->generation || self->ledger == NULL)
    return;
  g_clear_object (&self->cancellable);
  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    have[k] = job->paths[k] != NULL;
  rows = describe_rows (&job->result, have);

  if (g_error_matches (job->error, AR_IMPORT_ERROR, AR_IMPORT_ERROR_CANCELLED))
    {
      set_state (self, "ready", _("The import was cancelled; nothing was imported."));
      return;
    }
  if (!job->ok)
    {
      show_problems (self, job);
      return;
    }

  gtk_string_list_splice (self->problems, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->problems)), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
  if (job->dry_run)
    {
      /* Translators: %s is "12 debtors, 30 invoices and 4 payments" */
      g_autofree char *status = g_strdup_printf (_("No problems found. Ready to import %s."),
                                                 rows);

      set_state (self, "ready", status);
      return;
    }

  save_maps (self);
  set_state (self, "done", rows);
  g_signal_emit (self, signals[IMPORTED], 0, job->result.rows[AR_IMPORT_DEBTORS],
                 job->result.rows[AR_IMPORT_INVOICES], job->result.rows[AR_IMPORT_PAYMENTS],
                 rows);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_job (ArImportDialog *self,
           gboolean        dry_run)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  job->ledger_path = g_strdup (ar_ledger_get_path (self->ledger));
  job->dry_run = dry_run;
  job->generation = self->generation;
  job->dialog = self;
  ar_import_result_init (&job->result);
  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    if (self->sources[k].path != NULL)
      {
        job->paths[k] = g_strdup (self->sources[k].path);
        job->maps[k] = build_map (self, k);
      }

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);

  task = g_task_new (NULL, self->cancellable, job_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  ArImportDialog *self = user_data;

  self->check_source = 0;
  start_job (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Something changed: whatever was checked before no longer counts. */
static void
schedule_check (ArImportDialog *self)
{
  self->generation++;
  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (n_chosen (self) == 0)
    {
      gtk_string_list_splice (self->problems, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->problems)), NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
      set_state (self, "empty", _("Choose the files to import."));
      return;
    }
  set_state (self, "checking", _("Checking the files…"));
  self->check_source = g_timeout_add (CHECK_DELAY_MS, check_timeout_cb, self);
}

/* Callbacks --------------------------------------------------------------------------- */

static ArImportKind
kind_of (GtkWidget * const *widgets,
         GtkWidget         *widget)
{
  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    if (widgets[k] == widget)
      return k;
  g_return_val_if_reached (AR_IMPORT_DEBTORS);
}

typedef struct
{
  ArImportDialog *dialog;   /* owned */
  ArImportKind    kind;
} Choose;

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  Choose *choose = user_data;
  ArImportDialog *self = choose->dialog;

  if (response == GTK_RESPONSE_ACCEPT && self->ledger != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (file != NULL && !ar_import_dialog_set_file (self, choose->kind, file, &error))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                      _("Can’t Read the File"), error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  g_object_unref (choose->dialog);
  g_free (choose);
  g_object_unref (chooser);
}

static void
on_choose_clicked_cb (ArImportDialog *self,
                      GtkWidget      *button)
{
  static const char *titles[] = {
    N_("Choose the Debtors File"), N_("Choose the Invoices File"), N_("Choose the Payments File"),
  };
  ArImportKind kind = kind_of (self->choose_buttons, button);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  Choose *choose = g_new0 (Choose, 1);

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = gtk_file_chooser_native_new (_(titles[kind]), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  choose->dialog = g_object_ref (self);
  choose->kind = kind;
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), choose);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_clear_clicked_cb (ArImportDialog *self,
                     GtkWidget      *button)
{
  ar_import_dialog_set_file (self, kind_of (self->clear_buttons, button), NULL, NULL);
}

static void
on_import_clicked_cb (ArImportDialog *self)
{
  if (!g_str_equal (self->state, "ready"))
    return;
  self->generation++;
  set_state (self, "importing", _("Importing… Cancel stops it and leaves the ledger as it was."));
  start_job (self, FALSE);
}

static void
on_cancel_clicked_cb (ArImportDialog *self)
{
  if (g_str_equal (self->state, "importing"))
    {
      /* The worker rolls the whole import back and then reports "cancelled". */
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_text (self->status_label, _("Cancelling…"));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* GObject --------------------------------------------------------------------------------- */

static gboolean
ar_import_dialog_close_request (GtkWindow *window)
{
  ArImportDialog *self = AR_IMPORT_DIALOG (window);

  /* An import in progress is cancelled first; the dialog stays until it has rolled back, so
   * what the window shows never differs from the ledger. */
  if (g_str_equal (self->state, "importing"))
    {
      on_cancel_clicked_cb (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (ar_import_dialog_parent_class)->close_request (window);
}

static void
ar_import_dialog_dispose (GObject *object)
{
  ArImportDialog *self = (ArImportDialog *) object;

  /* Progress and results still on their way are for a dialog that is gone. */
  self->generation++;
  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    source_clear (&self->sources[k]);
  g_clear_object (&self->ledger);
  g_clear_object (&self->settings);
  g_clear_object (&self->problems);
  G_OBJECT_CLASS (ar_import_dialog_parent_class)->dispose (object);
}

static void
ar_import_dialog_class_init (ArImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ar_import_dialog_dispose;
  window_class->close_request = ar_import_dialog_close_request;

  /* (debtors, invoices, payments imported; the same in words: "3 debtors and 3 invoices") */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, page_box);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, debtors_row);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, invoices_row);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, payments_row);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, debtors_button);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, invoices_button);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, payments_button);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, debtors_clear);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, invoices_clear);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, payments_clear);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, problems_view);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, problems_scroller);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, ArImportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ar_import_dialog_init (ArImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new ("io.github.arrears.Arrears");
  self->problems = gtk_string_list_new (NULL);
  gtk_list_view_set_model (self->problems_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->problems)))));

  self->file_rows[AR_IMPORT_DEBTORS] = self->debtors_row;
  self->file_rows[AR_IMPORT_INVOICES] = self->invoices_row;
  self->file_rows[AR_IMPORT_PAYMENTS] = self->payments_row;
  self->choose_buttons[AR_IMPORT_DEBTORS] = self->debtors_button;
  self->choose_buttons[AR_IMPORT_INVOICES] = self->invoices_button;
  self->choose_buttons[AR_IMPORT_PAYMENTS] = self->payments_button;
  self->clear_buttons[AR_IMPORT_DEBTORS] = self->debtors_clear;
  self->clear_buttons[AR_IMPORT_INVOICES] = self->invoices_clear;
  self->clear_buttons[AR_IMPORT_PAYMENTS] = self->payments_clear;

  /* One expander and one preview per kind, made once so that they keep the kinds' order. */
  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    {
      self->expanders[k] = ADW_EXPANDER_ROW (adw_expander_row_new ());
      gtk_widget_set_visible (GTK_WIDGET (self->expanders[k]), FALSE);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (self->expanders[k]));
      self->previews[k] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_visible (self->previews[k], FALSE);
      if (k > 0)
        gtk_widget_set_margin_top (self->previews[k], 12);
      adw_preferences_group_add (self->preview_group, self->previews[k]);
    }
  set_state (self, "empty", _("Choose the files to import."));
}

/* Public API ------------------------------------------------------------------------------ */

ArImportDialog *
ar_import_dialog_new (GtkWindow *parent,
                      ArLedger  *ledger)
{
  ArImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  self = g_object_new (AR_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->ledger = g_object_ref (ledger);
  return self;
}

gboolean
ar_import_dialog_set_file (ArImportDialog  *self,
                           ArImportKind     kind,
                           GFile           *file,
                           GError         **error)
{
  g_autofree char *path = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (AR_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail ((guint) kind < AR_N_IMPORT_KINDS, FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  remove_source (self, kind);
  if (file != NULL)
    {
      path = g_file_get_path (file);
      if (path == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only files on this computer can be imported."));
          ok = FALSE;
        }
      /* A few lines of one file: quick enough for the main thread. */
      else if (!ar_import_read_head (path, PREVIEW_ROWS, &header, &rows, error))
        ok = FALSE;
    }
  if (ok && file != NULL)
    {
      Source *source = &self->sources[kind];

      source->path = g_steal_pointer (&path);
      source->header = g_steal_pointer (&header);
      source->rows = g_steal_pointer (&rows);
      fill_columns (self, kind);
    }
  update_files (self);
  schedule_check (self);
  return ok;
}

const char *
ar_import_dialog_get_state (ArImportDialog *self)
{
  g_return_val_if_fail (AR_IS_IMPORT_DIALOG (self), NULL);
  return self->state;
}

GListModel *
ar_import_dialog_get_problems (ArImportDialog *self)
{
  g_return_val_if_fail (AR_IS_IMPORT_DIALOG (self), NULL);
  return G_LIST_MODEL (self->problems);
}

GtkWidget *
ar_import_dialog_get_import_button (ArImportDialog *self)
{
  g_return_val_if_fail (AR_IS_IMPORT_DIALOG (self), NULL);
  return self->import_button;
}

void
ar_import_dialog_map_column (ArImportDialog *self,
                             ArImportKind    kind,
                             const char     *column,
                             const char     *header)
{
  Source *source;
  const char * const *columns;

  g_return_if_fail (AR_IS_IMPORT_DIALOG (self));
  g_return_if_fail ((guint) kind < AR_N_IMPORT_KINDS);

  source = &self->sources[kind];
  g_return_if_fail (source->path != NULL);
  columns = ar_import_columns (kind, NULL);
  for (guint c = 0; columns[c] != NULL; c++)
    if (g_str_equal (columns[c], column))
      {
        guint selected = 0;

        for (guint h = 0; header != NULL && source->header[h] != NULL; h++)
          if (g_str_equal (source->header[h], header))
            selected = h + 1;
        adw_combo_row_set_selected (g_ptr_array_index (source->combos, c), selected);
        return;
      }
  g_return_if_reached ();
}
