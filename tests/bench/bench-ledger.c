/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ar-aging.h"
#include "ar-check.h"
#include "ar-date.h"
#include "ar-debtor-list.h"
#include "ar-demo.h"
#include "ar-dunning-run.h"
#include "ar-export.h"
#include "ar-import.h"

/* The ledger benchmark (issue 2, §9): a demo book of N debtors is exported to the interchange
 * CSV files; then, each in a fresh process so that peak memory is per step, the files are
 * imported into an empty ledger, aging is computed as of today and as of a past date, the
 * delinquent list is queried, and a dunning preview is made as of today. A bare SQLite insert
 * of the same number of rows, measured in the same run, is the baseline the import is compared
 * with.
 *
 *   bench-ledger [--debtors N] [--dir DIR]      run everything, print the table
 *   bench-ledger --phase P --dir DIR            one step (used by the above) */

static int n_debtors = 100000;
static char *dir_arg;
static char *phase;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static long
peak_rss_kib (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static guint32
today (void)
{
  GDate d;

  ar_date_set_today (&d);
  return ar_date_to_julian (&d);
}

static ArLedger *
open_or_die (const char *path)
{
  g_autoptr(GError) error = NULL;
  ArLedger *ledger = ar_ledger_open (path, &error);

  if (ledger == NULL)
    g_error ("%s", error->message);
  return ledger;
}

static int
phase_prepare (const char *dir)
{
  g_autofree char *book = g_build_filename (dir, "demo.arrears", NULL);
  g_autofree char *csv = g_build_filename (dir, "csv", NULL);
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  guint skipped = 0;
  double t0, t1, t2;

  ledger = ar_ledger_create (book, &error);
  if (ledger == NULL)
    g_error ("%s", error->message);
  t0 = now ();
  if (!ar_demo_generate (ledger, n_debtors, 1, today (), NULL, &error))
    g_error ("%s", error->message);
  t1 = now ();
  if (!ar_export_run (ledger, csv, &skipped, &error))
    g_error ("%s", error->message);
  t2 = now ();
  g_print ("demo %.3f\nexport %.3f\n", t1 - t0, t2 - t1);
  return 0;
}

static int
phase_import (const char *dir)
{
  g_autofree char *book = g_build_filename (dir, "imported.arrears", NULL);
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  ArImportOptions options = { { NULL } };
  ArImportResult result;
  double t0;

  g_unlink (book);
  ledger = ar_ledger_create (book, &error);
  if (ledger == NULL)
    g_error ("%s", error->message);
  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    options.paths[k] = g_build_filename (dir, "csv", ar_import_kind_file_name (k), NULL);
  ar_import_result_init (&result);
  t0 = now ();
  if (!ar_import_run (ledger, &options, &result, &error))
    g_error ("%s (%s)", error->message,
             result.errors->len ? (char *) g_ptr_array_index (result.errors, 0) : "");
  g_print ("import %.3f\nrows %u %u %u\nrss %ld\n", now () - t0,
           result.rows[0], result.rows[1], result.rows[2], peak_rss_kib ());
  ar_import_result_clear (&result);
  return 0;
}

static int
phase_aging (const char *dir)
{
  g_autofree char *book = g_build_filename (dir, "imported.arrears", NULL);
  g_autoptr(ArLedger) ledger = open_or_die (book);
  g_autoptr(GError) error = NULL;
  ArAgingConfig config;
  double t0, t1, t2;
  ArAgingReport *r;

  ar_aging_config_init_default (&config);
  t0 = now ();
  r = ar_aging_report_compute (ledger, today (), &config, &error);
  if (r == NULL)
    g_error ("%s", error->message);
  ar_aging_report_free (r);
  t1 = now ();
  r = ar_aging_report_compute (ledger, today () - 180, &config, &error);
  if (r == NULL)
    g_error ("%s", error->message);
  ar_aging_report_free (r);
  t2 = now ();
  g_print ("aging-today %.3f\naging-past %.3f\nrss %ld\n", t1 - t0, t2 - t1, peak_rss_kib ());
  return 0;
}

static void
count_reports (guint64 done, guint64 total, gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* The dunning preview as of today over the whole book (issue 6, §6: ≤ 2 s at 100,000
 * debtors), in the same process layout as the aging phase so that the two compare; then the
 * same preview with a progress callback (the window's), to show what progress costs. */
static int
phase_dunning (const char *dir)
{
  g_autofree char *book = g_build_filename (dir, "imported.arrears", NULL);
  g_autoptr(ArLedger) ledger = open_or_die (book);
  g_autoptr(GError) error = NULL;
  g_autoptr(ArDunningPreview) preview = NULL;
  g_autoptr(GBytes) stub = g_bytes_new_static ("%PDF-1.4 stand-in", 17);
  ArDunningCommitResult result = { 0 };
  guint proposed = 0, again = 0, n, reports = 0;
  double t0, t1, t2, t3, tp, tw, first;

  t0 = now ();
  preview = ar_dunning_preview_new (ledger, today (), NULL, &error);
  if (preview == NULL)
    g_error ("%s", error->message);
  t1 = now ();
  first = t1 - t0;
  {
    g_autoptr(ArDunningPreview) with = ar_dunning_preview_new_full (ledger, today (),
                                                                     count_reports, &reports,
                                                                     NULL, &error);
    g_autoptr(ArDunningPreview) without = NULL;

    if (with == NULL)
      g_error ("%s", error->message);
    tp = now () - t1;
    /* The same again without, just after: both with the connection's cache warm. */
    t1 = now ();
    without = ar_dunning_preview_new (ledger, today (), NULL, &error);
    if (without == NULL)
      g_error ("%s", error->message);
    tw = now () - t1;
  }
  t1 = now ();
  n = ar_dunning_preview_get_n_proposals (preview);
  for (guint i = 0; i < n; i++)
    {
      ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, i);

      proposed += p->outcome == AR_DUNNING_PROPOSED;
      /* The commit needs each letter's PDF; rendering is bench-pdf's business. */
      if (p->selected && !p->hand_over)
        ar_dunning_proposal_set_document (p, stub);
    }
  /* Record the run, then preview again: now every item has a level to look up and most
   * debtors are "already at their level", the common case of a weekly run. */
  if (!ar_dunning_run_commit (ledger, preview, &result, &error))
    g_error ("%s", error->message);
  t2 = now ();
  g_clear_pointer (&preview, ar_dunning_preview_free);
  preview = ar_dunning_preview_new (ledger, today () + 7, NULL, &error);
  if (preview == NULL)
    g_error ("%s", error->message);
  t3 = now ();
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
    again += ar_dunning_preview_get_proposal (preview, i)->outcome == AR_DUNNING_PROPOSED;
  g_print ("dunning-preview-progress %.3f\ndunning-preview-warm %.3f\n"
           "dunning-progress-reports %u\n", tp, tw, reports);
  g_print ("dunning-preview %.3f\ndunning-debtors %u\ndunning-proposed %u\n"
           "dunning-commit %.3f\ndunning-letters %u\ndunning-preview-again %.3f\n"
           "dunning-proposed-again %u\nrss %ld\n", first, n, proposed, t2 - t1,
           result.n_letters, t3 - t2, again, peak_rss_kib ());
  return 0;
}

/* ar-check.c logs each part's time as "part NAME SECONDS" (structured logging: core is built
 * with G_LOG_USE_STRUCTURED). */
static GLogWriterOutput
check_part (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
      domain = fields[i].value;
    else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      message = fields[i].value;
  if (g_strcmp0 (domain, "ar-check") == 0 && message != NULL && g_str_has_prefix (message, "part "))
    {
      g_print ("check-%s\n", message + 5);
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* `arrears-cli check` on the book after the dunning phase's run: the older parts (SQLite's
 * checks, the allocation and audit) next to the dunning and plan checks, in one process. */
static int
phase_check (const char *dir)
{
  g_autofree char *book = g_build_filename (dir, "imported.arrears", NULL);
  g_autoptr(ArLedger) ledger = open_or_die (book);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  double t0;

  g_log_set_writer_func (check_part, NULL, NULL);
  t0 = now ();
  if (!ar_check_run (ledger, problems, &error))
    g_error ("%s", error->message);
  g_print ("check-total %.3f\ncheck-problems %u\nrss %ld\n", now () - t0, problems->len,
           peak_rss_kib ());
  return 0;
}

static gboolean
count_row (const ArDebtorRow *row, gpointer user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static int
phase_list (const char *dir)
{
  g_autofree char *book = g_build_filename (dir, "imported.arrears", NULL);
  g_autoptr(ArLedger) ledger = open_or_die (book);
  g_autoptr(GError) error = NULL;
  ArDebtorQuery q;
  guint n_page = 0, n_all = 0;
  double t0, t1, t2;

  /* What the window asks for first: the 100 most overdue past 30 days... */
  ar_debtor_query_init (&q, today ());
  q.use_min_days = TRUE;
  q.min_days = 30;
  q.sort = AR_DEBTOR_SORT_DAYS;
  q.descending = TRUE;
  q.limit = 100;
  t0 = now ();
  if (!ar_debtor_list_run (ledger, &q, count_row, &n_page, &error))
    g_error ("%s", error->message);
  t1 = now ();
  /* ...and the whole delinquent list, streamed, as `arrears-cli debtors` prints it. */
  ar_debtor_query_init (&q, today ());
  q.use_min_days = TRUE;
  q.min_days = 1;
  if (!ar_debtor_list_run (ledger, &q, count_row, &n_all, &error))
    g_error ("%s", error->message);
  t2 = now ();
  g_print ("list-page %.4f\nlist-all %.3f\nlisted %u\nrss %ld\n", t1 - t0, t2 - t1, n_all,
           peak_rss_kib ());
  return 0;
}

/* The baseline: the same number of rows as the CSV files hold, inserted with one prepared
 * statement into a plain table with one index, in one transaction, synchronous FULL. */
static int
phase_baseline (const char *dir, guint rows)
{
  g_autofree char *path = g_build_filename (dir, "baseline.db", NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  double t0;

  g_unlink (path);
  sqlite3_open (path, &db);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                    "CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT, d TEXT, a INTEGER, c TEXT);"
                    "CREATE INDEX t_k ON t (k);", NULL, NULL, NULL);
  t0 = now ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO t (k, d, a, c) VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL);
  for (guint i = 0; i < rows; i++)
    {
      char key[32];
      g_snprintf (key, sizeof key, "C%08u", (i * 2654435761u) % rows);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, "2026-01-01", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, i);
      sqlite3_bind_text (stmt, 4, "USD", -1, SQLITE_STATIC);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  g_print ("baseline %.3f\n", now () - t0);
  sqlite3_close (db);
  return 0;
}

/* Runs this program for one phase and returns its "key value" lines as a table. */
static GHashTable *
run_phase (const char *self, const char *name, const char *dir, guint extra)
{
  g_autofree char *n = g_strdup_printf ("%d", n_debtors);
  g_autofree char *x = g_strdup_printf ("%u", extra);
  const char *argv[] = { self, "--phase", name, "--dir", dir, "--debtors", n, "--rows", x, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("phase %s: %s", name, error->message);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *space = strchr (lines[i], ' ');
      if (space != NULL)
        g_hash_table_insert (values, g_strndup (lines[i], space - lines[i]), g_strdup (space + 1));
    }
  return values;
}

static double
num (GHashTable *t, const char *key)
{
  const char *v = g_hash_table_lookup (t, key);
  return v ? g_ascii_strtod (v, NULL) : -1;
}

static guint rows_arg;

int
main (int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "debtors", 0, 0, G_OPTION_ARG_INT, &n_debtors, "Debtors in the demo book", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir_arg, "Work directory (default: a temp dir)", "DIR" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { "rows", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &rows_arg, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark the ledger core");
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) prep = NULL, imp = NULL, age = NULL, list = NULL, base = NULL;
  g_autoptr(GHashTable) dun = NULL, chk = NULL;
  g_autofree char *self = NULL;
  g_autofree char *dir = NULL;
  guint rows;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (phase != NULL)
    {
      if (g_str_equal (phase, "prepare")) return phase_prepare (dir_arg);
      if (g_str_equal (phase, "import")) return phase_import (dir_arg);
      if (g_str_equal (phase, "aging")) return phase_aging (dir_arg);
      if (g_str_equal (phase, "list")) return phase_list (dir_arg);
      if (g_str_equal (phase, "dunning")) return phase_dunning (dir_arg);
      if (g_str_equal (phase, "check")) return phase_check (dir_arg);
      if (g_str_equal (phase, "baseline")) return phase_baseline (dir_arg, rows_arg);
      return 2;
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  dir = dir_arg ? g_strdup (dir_arg) : g_dir_make_tmp ("arrears-bench-XXXXXX", NULL);
  g_print ("# Arrears ledger benchmark: %d debtors, work dir %s\n", n_debtors, dir);

  prep = run_phase (self, "prepare", dir, 0);
  imp = run_phase (self, "import", dir, 0);
  {
    g_auto(GStrv) r = g_strsplit (g_hash_table_lookup (imp, "rows"), " ", -1);
    rows = atoi (r[0]) + atoi (r[1]) + atoi (r[2]);
  }
  base = run_phase (self, "baseline", dir, rows);
  age = run_phase (self, "aging", dir, 0);
  list = run_phase (self, "list", dir, 0);
  dun = run_phase (self, "dunning", dir, 0);
  chk = run_phase (self, "check", dir, 0);

  g_print ("# rows imported: %s (debtors invoices payments)\n",
           (char *) g_hash_table_lookup (imp, "rows"));
  g_print ("%-34s %10s %10s %9s\n", "step", "seconds", "target", "of target");
  g_print ("%-34s %10.3f %10s %9s\n", "demo generation", num (prep, "demo"), "-", "-");
  g_print ("%-34s %10.3f %10s %9s\n", "export to CSV", num (prep, "export"), "-", "-");
  g_print ("%-34s %10.3f %10.3f %8.0f%%\n", "import (3 CSV files)", num (imp, "import"), 10.0,
           100 * num (imp, "import") / 10.0);
  g_print ("%-34s %10.3f %10.3f %8.0f%%\n", "aging as of today", num (age, "aging-today"), 0.25,
           100 * num (age, "aging-today") / 0.25);
  g_print ("%-34s %10.3f %10.3f %8.0f%%\n", "aging as of 180 days ago", num (age, "aging-past"),
           3.0, 100 * num (age, "aging-past") / 3.0);
  g_print ("%-34s %10.3f %10.3f %8.0f%%\n", "dunning preview as of today",
           num (dun, "dunning-preview"), 2.0, 100 * num (dun, "dunning-preview") / 2.0);
  g_print ("%-34s %10.3f %10s %9s\n", "dunning preview, with progress",
           num (dun, "dunning-preview-progress"), "-", "-");
  g_print ("# with progress / without, both warm: %.3f / %.3f = %.2f (%s reports)\n",
           num (dun, "dunning-preview-progress"), num (dun, "dunning-preview-warm"),
           num (dun, "dunning-preview-progress") / num (dun, "dunning-preview-warm"),
           (char *) g_hash_table_lookup (dun, "dunning-progress-reports"));
  g_print ("%-34s %10.3f %10.3f %8.0f%%\n", "dunning preview a week after a run",
           num (dun, "dunning-preview-again"), 2.0,
           100 * num (dun, "dunning-preview-again") / 2.0);
  g_print ("%-34s %10.3f %10s %9s\n", "dunning commit (stand-in PDFs)",
           num (dun, "dunning-commit"), "-", "-");
  g_print ("%-34s %10.3f %10s %9s\n", "check, after the dunning run", num (chk, "check-total"),
           "-", "-");
  g_print ("%-34s %10.4f %10s %9s\n", "delinquent list, first 100", num (list, "list-page"), "-",
           "-");
  g_print ("%-34s %10.3f %10s %9s\n", "delinquent list, all rows", num (list, "list-all"), "-",
           "-");
  g_print ("# import is %.1fx a bare SQLite insert of the same %u rows (%.3f s) in this run\n",
           num (imp, "import") / num (base, "baseline"), rows, num (base, "baseline"));
  g_print ("# dunning preview: %.0f debtors in the preview, %.0f letters proposed (%.0f "
           "recorded by the commit, %.0f proposed a week later); %.1fx the aging as of today in "
           "this run\n", num (dun, "dunning-debtors"), num (dun, "dunning-proposed"),
           num (dun, "dunning-letters"), num (dun, "dunning-proposed-again"),
           num (dun, "dunning-preview") / num (age, "aging-today"));
  g_print ("# check: %.0f problems; SQLite's checks %.3f s, allocation and audit %.3f s, "
           "dunning letters %.3f s (%.1f%% of the older parts), plans and promises %.3f s\n",
           num (chk, "check-problems"), num (chk, "check-sqlite"), num (chk, "check-ledger"),
           num (chk, "check-dunning"),
           100 * num (chk, "check-dunning") / (num (chk, "check-sqlite") + num (chk, "check-ledger")),
           num (chk, "check-plans"));
  g_print ("# peak RSS: import %.0f MiB, aging %.0f MiB, list %.0f MiB, dunning %.0f MiB\n",
           num (imp, "rss") / 1024, num (age, "rss") / 1024, num (list, "rss") / 1024,
           num (dun, "rss") / 1024);
  return 0;
}
