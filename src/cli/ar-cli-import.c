/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "arrears-cli"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-cli-common.h"
#include "ar-import.h"

/* import: the interchange CSV files into a ledger, all or nothing. */

typedef struct
{
  char *paths[AR_N_IMPORT_KINDS];
} ImportFiles;

static void
import_files_clear (ImportFiles *files)
{
  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    g_clear_pointer (&files->paths[k], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportFiles, import_files_clear)

static void
print_counts (const ArImportResult *result, gboolean dry_run)
{
  g_autofree char *debtors = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%u debtor", "%u debtors", result->rows[AR_IMPORT_DEBTORS]),
    result->rows[AR_IMPORT_DEBTORS]);
  g_autofree char *invoices = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%u invoice", "%u invoices", result->rows[AR_IMPORT_INVOICES]),
    result->rows[AR_IMPORT_INVOICES]);
  g_autofree char *payments = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%u payment", "%u payments", result->rows[AR_IMPORT_PAYMENTS]),
    result->rows[AR_IMPORT_PAYMENTS]);

  if (dry_run)
    /* Translators: "Dry run: 3 debtors, 5 invoices and 4 payments are valid; …" */
    g_print (_("Dry run: %s, %s and %s are valid; nothing was written.\n"),
             debtors, invoices, payments);
  else
    g_print (_("Imported %s, %s and %s.\n"), debtors, invoices, payments);
}

int
ar_cli_run_import (const ArCliCommand *command, GStrv *args)
{
  g_auto(ImportFiles) files = { { NULL } };
  char **paths = files.paths;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "debtors", 0, 0, G_OPTION_ARG_FILENAME, &paths[AR_IMPORT_DEBTORS],
      N_("The debtors file"), N_("FILE") },
    { "invoices", 0, 0, G_OPTION_ARG_FILENAME, &paths[AR_IMPORT_INVOICES],
      N_("The invoices file"), N_("FILE") },
    { "payments", 0, 0, G_OPTION_ARG_FILENAME, &paths[AR_IMPORT_PAYMENTS],
      N_("The payments file"), N_("FILE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Validate and count the rows; write nothing"), NULL },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  ArImportOptions options = { { NULL } };
  ArImportResult result;
  gboolean any_file = FALSE;
  gboolean ok;

  if (!ar_cli_parse_options (command, entries,
                             _("Reads DIR/debtors.csv, DIR/invoices.csv and DIR/payments.csv "
                               "(whichever are there), or the files named by the options, in "
                               "that order. Every row is checked first; each problem is printed "
                               "as “file:line: field: message”, and unless every file is clean "
                               "nothing is imported. A file that was imported before is "
                               "refused."),
                             args, 1, 2))
    return AR_CLI_EXIT_USAGE;

  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    any_file |= paths[k] != NULL;
  if ((*args)[2] != NULL && any_file)
    return ar_cli_usage_error (command, _("import: give either DIR or --debtors, --invoices "
                                          "and --payments, not both"));
  if ((*args)[2] == NULL && !any_file)
    return ar_cli_usage_error (command, _("import: name a directory, or files with --debtors, "
                                          "--invoices or --payments"));

  if ((*args)[2] != NULL)
    {
      const char *dir = (*args)[2];

      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          ar_cli_error (_("%s is not a directory"), dir);
          return AR_CLI_EXIT_FAILURE;
        }
      for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
        {
          g_autofree char *path = g_build_filename (dir, ar_import_kind_file_name (k), NULL);

          if (g_file_test (path, G_FILE_TEST_EXISTS))
            {
              paths[k] = g_steal_pointer (&path);
              any_file = TRUE;
            }
        }
      if (!any_file)
        {
          ar_cli_error (_("%s holds none of debtors.csv, invoices.csv and payments.csv"), dir);
          return AR_CLI_EXIT_FAILURE;
        }
    }

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;

  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    options.paths[k] = paths[k];
  options.dry_run = dry_run;

  ar_import_result_init (&result);
  ok = ar_import_run (ledger, &options, &result, &error);

  for (guint i = 0; result.warnings != NULL && i < result.warnings->len; i++)
    ar_cli_error (_("warning: %s"), (const char *) g_ptr_array_index (result.warnings, i));

  if (ok)
    print_counts (&result, dry_run);
  else
    {
      guint listed = result.errors != NULL ? result.errors->len : 0;

      /* The exact "file:line: field: message" lines (or, for files imported before,
       * "file: …"), for people and for editors alike; then the verdict. */
      for (guint i = 0; i < listed; i++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (result.errors, i));
      if (result.n_errors > listed)
        ar_cli_error (_("only the first %u problems are listed"), listed);
      if (g_error_matches (error, AR_IMPORT_ERROR, AR_IMPORT_ERROR_INVALID) &&
          result.n_errors > 0)
        ar_cli_error (g_dngettext (GETTEXT_PACKAGE, "%u problem; nothing was imported",
                                   "%u problems; nothing was imported", result.n_errors),
                      result.n_errors);
      else
        ar_cli_fail (error);
    }

  ar_import_result_clear (&result);
  return ok ? AR_CLI_EXIT_OK : AR_CLI_EXIT_FAILURE;
}
