/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "arrears-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ar-check.h"
#include "ar-cli-common.h"
#include "ar-date.h"
#include "ar-debtor-list.h"
#include "ar-demo.h"
#include "ar-export.h"

/* The commands that manage whole ledgers: init, demo, export, check and backup. */

int
ar_cli_run_init (const ArCliCommand *command, GStrv *args)
{
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;

  if (!ar_cli_parse_options (command, NULL,
                             _("Creates LEDGER (readable by you only); an existing file is "
                               "never overwritten."),
                             args, 1, 1))
    return AR_CLI_EXIT_USAGE;

  ledger = ar_ledger_create ((*args)[1], &error);
  if (ledger == NULL)
    return ar_cli_fail (error);
  g_print (_("Created the ledger %s.\n"), (*args)[1]);
  return AR_CLI_EXIT_OK;
}

static void
remove_ledger_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

int
ar_cli_run_demo (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *debtors_text = NULL, *seed_text = NULL, *today_text = NULL;
  const GOptionEntry entries[] = {
    { "debtors", 0, 0, G_OPTION_ARG_STRING, &debtors_text,
      N_("How many debtors to make (required)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed of the generator: the same seed gives the same book (default 1)"), "S" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("The day the book is made as of (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  gboolean created = FALSE;
  gint64 n_debtors, seed = 1, existing = 0;
  guint32 today;

  if (!ar_cli_parse_options (command, entries,
                             _("Creates LEDGER if it does not exist. A ledger that already "
                               "holds debtors is refused."),
                             args, 1, 1))
    return AR_CLI_EXIT_USAGE;
  if (debtors_text == NULL)
    return ar_cli_usage_error (command, _("demo: --debtors N is required"));

  path = (*args)[1];
  if (!ar_cli_parse_int ("--debtors", debtors_text, 1, 1000000, &n_debtors, &error) ||
      (seed_text != NULL &&
       !ar_cli_parse_int ("--seed", seed_text, 0, G_MAXINT64, &seed, &error)) ||
      !ar_cli_parse_date ("--today", today_text, &today, &error))
    return ar_cli_fail (error);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      ledger = ar_ledger_open (path, &error);
      if (ledger == NULL)
        return ar_cli_fail (error);
      if (!ar_debtor_list_count_all (ledger, &existing, &error))
        return ar_cli_fail (error);
      if (existing > 0)
        {
          ar_cli_error (_("%s already holds debtors; the demo fills only a new or empty "
                          "ledger"), path);
          return AR_CLI_EXIT_FAILURE;
        }
    }
  else
    {
      ledger = ar_ledger_create (path, &error);
      if (ledger == NULL)
        return ar_cli_fail (error);
      created = TRUE;
    }

  if (!ar_demo_generate (ledger, (guint) n_debtors, (guint64) seed, today, NULL, &error))
    {
      /* Leave no half-made file behind. */
      g_clear_object (&ledger);
      if (created)
        remove_ledger_files (path);
      return ar_cli_fail (error);
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Made a demo book of %u debtor in %s.\n",
                        "Made a demo book of %u debtors in %s.\n", (gulong) n_debtors),
           (guint) n_debtors, path);
  return AR_CLI_EXIT_OK;
}

int
ar_cli_run_export (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *as_of_text = NULL;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("The day the states of plans, instalments and promises are given as of (default: "
         "today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  ArExportCounts counts;
  guint32 as_of;

  if (!ar_cli_parse_options (command, entries,
                             _("Writes the book into DIR (created if missing; existing files "
                               "are not overwritten, and a failed export leaves none): "
                               "debtors.csv, invoices.csv and payments.csv, which import reads "
                               "back into the same debtors, invoices and payments; entries.csv "
                               "(the whole journal), contact_points.csv, activities.csv (the "
                               "contact log), plans.csv, plan_invoices.csv, "
                               "plan_instalments.csv, promises.csv, holds.csv, letters.csv and "
                               "letter_items.csv (the dunning letters sent). Prints the rows "
                               "written to each file."),
                             args, 2, 2))
    return AR_CLI_EXIT_USAGE;
  if (!ar_cli_parse_date ("--as-of", as_of_text, &as_of, &error))
    return ar_cli_fail (error);

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if (!ar_export_run_full (ledger, (*args)[2], as_of, &counts, NULL, NULL, NULL, &error))
    return ar_cli_fail (error);
  if (counts.skipped > 0)
    ar_cli_error (g_dngettext (GETTEXT_PACKAGE,
                               "note: %u entry (credit note, refund, fee, interest or "
                               "write-off) is in entries.csv only: import does not read it",
                               "note: %u entries (credit notes, refunds, fees, interest or "
                               "write-offs) are in entries.csv only: import does not read them",
                               counts.skipped), counts.skipped);
  g_print (_("Exported %s to %s:\n"), (*args)[1], (*args)[2]);
  for (guint k = 0; k < AR_EXPORT_N_FILES; k++)
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %-22s %u row\n", "  %-22s %u rows\n",
                          counts.rows[k]),
             ar_export_file_name ((ArExportFile) k), counts.rows[k]);
  return AR_CLI_EXIT_OK;
}

int
ar_cli_run_check (const ArCliCommand *command, GStrv *args)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *as_of_text = NULL;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("The day the debtors’ statuses are checked on (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  guint32 as_of;

  if (!ar_cli_parse_options (command, entries,
                             _("Runs SQLite’s integrity and foreign key checks, then the "
                               "ledger’s own: the stored allocation is what the journal gives, "
                               "every balance adds up, and every journal row has its audit "
                               "record. Prints each problem found and exits with status 1 if "
                               "there is any. Then warns, without failing, about debtors whose "
                               "status the ledger does not bear out: plan with no running plan, "
                               "promise with no pending promise, disputed with no dispute on "
                               "hold (statuses can be set by hand)."),
                             args, 1, 1))
    return AR_CLI_EXIT_USAGE;
  if (!ar_cli_parse_date ("--as-of", as_of_text, &as_of, &error))
    return ar_cli_fail (error);

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if (!ar_check_run (ledger, problems, &error) ||
      !ar_check_statuses (ledger, as_of, warnings, &error))
    return ar_cli_fail (error);
  for (guint i = 0; i < warnings->len; i++)
    /* TRANSLATORS: a warning of arrears-cli check, before a sentence about one debtor */
    g_print (_("warning: %s\n"), (const char *) g_ptr_array_index (warnings, i));
  if (problems->len == 0)
    {
      if (warnings->len == 0)
        g_print (_("No problems found in %s.\n"), (*args)[1]);
      else
        g_print (_("No problems found in %s; the warnings above are about debtors’ statuses.\n"),
                 (*args)[1]);
      return AR_CLI_EXIT_OK;
    }
  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (problems, i));
  ar_cli_error (g_dngettext (GETTEXT_PACKAGE, "%u problem found in %s",
                             "%u problems found in %s", problems->len),
                problems->len, (*args)[1]);
  return AR_CLI_EXIT_FAILURE;
}

int
ar_cli_run_backup (const ArCliCommand *command, GStrv *args)
{
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;

  if (!ar_cli_parse_options (command, NULL,
                             _("Copies LEDGER to DEST through SQLite’s online backup, so the "
                               "copy is consistent even while the app has the ledger open. "
                               "DEST must not exist."),
                             args, 2, 2))
    return AR_CLI_EXIT_USAGE;

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if (!ar_ledger_backup (ledger, (*args)[2], &error))
    return ar_cli_fail (error);
  g_print (_("Backed up %s to %s.\n"), (*args)[1], (*args)[2]);
  return AR_CLI_EXIT_OK;
}
