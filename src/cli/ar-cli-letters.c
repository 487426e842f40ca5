/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "arrears-cli"
#include "config.h"

#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <glib/gi18n.h>

#include "ar-cli-common.h"
#include "ar-date.h"
#include "ar-doc-letter.h"

/* letters: dunning letters as PDF. It only renders; recording a letter as sent and moving a
 * debtor to the next level belong to the dunning workflow. */

/* At most this many warnings are printed one by one; the rest are counted. */
#define MAX_WARNINGS 50

static void
show_progress (guint done, guint total, gpointer user_data)
{
  /* Only for batches big enough to take a moment, and only on a terminal. */
  if (total < 200 || (done % 100 != 0 && done != total))
    return;
  g_printerr ("\r");
  g_printerr (_("Writing letters… %u of %u"), done, total);
  if (done == total)
    g_printerr ("\r\033[K");
}

static void
print_warnings (GPtrArray *warnings)
{
  for (guint i = 0; i < warnings->len && i < MAX_WARNINGS; i++)
    ar_cli_error (_("warning: %s"), (const char *) g_ptr_array_index (warnings, i));
  if (warnings->len > MAX_WARNINGS)
    ar_cli_error (g_dngettext (GETTEXT_PACKAGE, "warning: and %u more warning",
                               "warning: and %u more warnings", warnings->len - MAX_WARNINGS),
                  warnings->len - MAX_WARNINGS);
}

static int
run_letters (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *debtor = NULL, *as_of_text = NULL, *output = NULL, *dir = NULL;
  g_autofree char *level_text = NULL, *min_days_text = NULL, *deadline_text = NULL;
  gboolean all_overdue = FALSE;
  const GOptionEntry entries[] = {
    { "debtor", 0, 0, G_OPTION_ARG_STRING, &debtor,
      N_("Write to this debtor (the id from debtors.csv)"), N_("ID") },
    { "all-overdue", 0, 0, G_OPTION_ARG_NONE, &all_overdue,
      N_("Write to every debtor with something overdue who may be written to"), NULL },
    { "min-days", 0, 0, G_OPTION_ARG_STRING, &min_days_text,
      N_("List only items at least N days overdue, and write only to debtors who have one "
         "(default: 1)"), N_("N") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level_text,
      N_("The dunning level whose letter is used, 1 to 9 (default: 1, a friendly reminder)"),
      N_("N") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("The letters’ date; items are listed as they stood on it (default: today)"),
      N_("YYYY-MM-DD") },
    { "deadline-days", 0, 0, G_OPTION_ARG_STRING, &deadline_text,
      N_("The payment deadline, N days after the letters’ date (default: 14)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write all letters into this one PDF, for printing in one go"), N_("FILE.pdf") },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir,
      N_("Write one PDF per letter into this folder, named after the customer number"),
      N_("DIR") },
    { NULL }
  };
  g_auto(ArDocLettersResult) result = { 0 };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  ArDocLettersOptions options = { 0 };
  gint64 value, debtor_id = 0;
  char date[11];
  gboolean ok;

  if (!ar_cli_parse_options (command, entries,
                             _("Writes payment reminders as PDF: one letter per debtor and "
                               "currency, listing every overdue invoice (number, issue and due "
                               "date, days overdue, original and open amount), the fees and "
                               "interest, the total due, the payment deadline, how to pay and "
                               "whom to contact, in the wording of the level’s letter template: "
                               "the one stored for the debtor’s language if there is one, else "
                               "the book’s own, else the built-in text.\n\n"
                               "With --all-overdue, every debtor with something overdue gets a "
                               "letter, except those who asked not to be contacted and those "
                               "whose status rules a reminder out (disputed, with an agency or "
                               "a lawyer, bankrupt, deceased, paid, written off, closed). "
                               "Naming such a debtor with --debtor is an error.\n\n"
                               "-o writes one PDF in which each letter starts on a new page and "
                               "numbers its own pages. --dir writes one PDF per letter, named "
                               "after the customer number (C000123.pdf; with the currency when "
                               "a debtor owes in several). Existing files are never replaced: "
                               "if one is in the way, nothing is written. When no debtor is due "
                               "a letter, the command says so, writes no file and exits with "
                               "status 0.\n\n"
                               "The deadline is at least 7 days after the letters’ date, and at "
                               "least 14 for a final demand (level 4 and above). A letter whose "
                               "total is not the sum of its lines is refused.\n\n"
                               "The letters are only written: nothing is recorded as sent and "
                               "no debtor’s level changes."),
                             args, 1, 1))
    return AR_CLI_EXIT_USAGE;
  if ((debtor != NULL) == all_overdue)
    return ar_cli_usage_error (command, _("letters: give either --debtor or --all-overdue"));
  if ((output != NULL) == (dir != NULL))
    return ar_cli_usage_error (command, _("letters: give either -o FILE.pdf or --dir DIR"));

  options.level = 1;
  options.deadline_days = 14;
  if (level_text != NULL)
    {
      if (!ar_cli_parse_int ("--level", level_text, 1, 9, &value, &error))
        return ar_cli_fail (error);
      options.level = (guint) value;
    }
  if (min_days_text != NULL)
    {
      if (!ar_cli_parse_int ("--min-days", min_days_text, 0, 36500, &value, &error))
        return ar_cli_fail (error);
      options.min_days = (guint) value;
    }
  if (deadline_text != NULL)
    {
      if (!ar_cli_parse_int ("--deadline-days", deadline_text, 0, 365, &value, &error))
        return ar_cli_fail (error);
      options.deadline_days = (guint) value;
    }
  if (!ar_cli_parse_date ("--as-of", as_of_text, &options.as_of, &error))
    return ar_cli_fail (error);

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if (debtor != NULL)
    {
      debtor_id = ar_ledger_lookup_debtor (ledger, debtor);
      if (debtor_id == 0)
        {
          ar_cli_error (_("--debtor: no debtor has the id “%s”"), debtor);
          return AR_CLI_EXIT_FAILURE;
        }
      options.debtor_ids = &debtor_id;
      options.n_debtor_ids = 1;
    }

  ar_doc_letters_result_init (&result);
  if (output != NULL)
    ok = ar_doc_letters_write_batch (ledger, &options, output,
                                     isatty (STDERR_FILENO) ? show_progress : NULL, NULL, NULL,
                                     &result, &error);
  else
    ok = ar_doc_letters_write_dir (ledger, &options, dir,
                                   isatty (STDERR_FILENO) ? show_progress : NULL, NULL, NULL,
                                   &result, &error);
  print_warnings (result.warnings);
  if (!ok)
    {
      if (result.files->len > 0)
        ar_cli_error (g_dngettext (GETTEXT_PACKAGE, "%u letter was written before the failure",
                                   "%u letters were written before the failure",
                                   result.files->len), result.files->len);
      return ar_cli_fail (error);
    }

  ar_date_format_julian (options.as_of, date);
  if (result.n_letters == 0 && debtor != NULL)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%s has nothing at least %u day overdue as of %s; no letter was "
                          "written.\n",
                          "%s has nothing at least %u days overdue as of %s; no letter was "
                          "written.\n", MAX (options.min_days, 1)),
             debtor, MAX (options.min_days, 1), date);
  else if (result.n_letters == 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "No debtor has anything at least %u day overdue as of %s; no letter "
                          "was written.\n",
                          "No debtor has anything at least %u days overdue as of %s; no letter "
                          "was written.\n", MAX (options.min_days, 1)),
             MAX (options.min_days, 1), date);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u letter written to %s\n",
                          "%u letters written to %s\n", result.n_letters),
             result.n_letters, output != NULL ? output : dir);
  return AR_CLI_EXIT_OK;
}

int
ar_cli_run_letters (const ArCliCommand *command, GStrv *args)
{
  int status = run_letters (command, args);

  /* The PDF engine keeps fontconfig's configuration until FcFini (): release it, so that
   * LeakSanitizer sees a clean exit. Nothing uses fontconfig after this. */
  FcFini ();
  return status;
}
