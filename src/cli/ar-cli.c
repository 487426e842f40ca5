/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "arrears-cli"
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ar-cli-common.h"

/* arrears-cli: the command-line front end. Each command lives in its own file and parses its
 * own options; this file only dispatches and prints the overview. */

static const ArCliCommand commands[] = {
  { "init", "LEDGER", "",
    N_("Create a new, empty ledger file"), ar_cli_run_init },
  { "import", "LEDGER [DIR]", "[--debtors F] [--invoices F] [--payments F] [--dry-run]",
    N_("Import debtors.csv, invoices.csv and payments.csv from DIR (or the files named); all "
       "or nothing"), ar_cli_run_import },
  { "aging", "LEDGER", "[--as-of D] [--json|--csv] [--by-issue-date] [--buckets 30,60,90]",
    N_("Open amounts by age bucket per currency, with unapplied credit and open debtors"),
    ar_cli_run_aging },
  { "debtors", "LEDGER",
    "[--min-days N] [--min-amount A] [--currency C] [--search TEXT] "
    "[--sort balance|days|name|id] [--reverse] [--limit N] [--csv]",
    N_("The debtors who owe something, one row per currency"), ar_cli_run_debtors },
  { "show", "LEDGER DEBTOR_ID", "",
    N_("A debtor’s details, balances, journal with running balance and allocations, and open "
       "items"), ar_cli_run_show },
  { "pay", "LEDGER DEBTOR_ID AMOUNT",
    "[--currency C] [--date D] [--invoice NO] [--reference R] [--memo M]",
    N_("Record a payment"), ar_cli_run_pay },
  { "reverse", "LEDGER ENTRY_ID", "--reason TEXT [--date D]",
    N_("Reverse a journal entry (posted entries are never edited)"), ar_cli_run_reverse },
  { "write-off", "LEDGER INVOICE_NO", "--reason TEXT [--amount A] [--date D]",
    N_("Write off what is open on an invoice, or part of it"), ar_cli_run_write_off },
  { "refund", "LEDGER DEBTOR_ID AMOUNT", "[--currency C] [--date D] [--reference R]",
    N_("Pay credit on account back to a debtor"), ar_cli_run_refund },
  { "export", "LEDGER DIR", "[--as-of D]",
    N_("Write the whole book as CSV files into DIR (debtors, invoices and payments as import "
       "reads them, and the rest)"), ar_cli_run_export },
  { "demo", "LEDGER", "--debtors N [--seed S] [--today D]",
    N_("Fill a new or empty ledger with a realistic demo book"), ar_cli_run_demo },
  { "check", "LEDGER", "[--as-of D]",
    N_("Verify a ledger’s integrity and invariants; exit status 1 if there are problems"),
    ar_cli_run_check },
  { "backup", "LEDGER DEST", "",
    N_("Copy a ledger consistently, even while it is in use"), ar_cli_run_backup },
  { "statement", "LEDGER DEBTOR_ID",
    "[--from D] [--to D] [--currency C] [--no-slip] -o FILE.pdf",
    N_("Write a debtor’s account statement for a period as a PDF"), ar_cli_run_statement },
  { "chart", "LEDGER",
    "[--as-of D] [--trend] [--currency C] [--dark] [--width W] [--height H] "
    "-o FILE.png|.svg|.pdf",
    N_("Draw the aging, or its trend over twelve month-ends, as PNG, SVG or PDF"),
    ar_cli_run_chart },
  { "letters", "LEDGER",
    "(--debtor ID | --all-overdue [--min-days N]) [--level N] [--as-of D] [--deadline-days N] "
    "(-o FILE.pdf | --dir DIR)",
    N_("Write dunning letters as PDF: one per debtor, into one file or a folder"),
    ar_cli_run_letters },
  { "queue", "LEDGER", "[--as-of D] [--json] [--limit N] [--with-dunning]",
    N_("Today’s actions by priority: promises, missed instalments, follow-ups, holds ending, "
       "debtors ready for the agency"),
    ar_cli_run_queue },
  { "interest", "",
    "--regime simple|uk-b2b|eu-b2b|de-b2b|de-b2c --amount A --currency C --due D [--as-of D] "
    "[--apr PCT] [--ledger LEDGER] [--json]",
    N_("Late-payment interest and fixed compensation for one debt (no ledger needed; with "
       "--ledger, the rates recorded in it count too)"),
    ar_cli_run_interest },
  { "rates", "[add|confirm] LEDGER",
    "[--table boe|ecb|bundesbank (--from D --rate PCT | --until D) --source TEXT]",
    N_("List the reference-rate tables with their sources; record a rate, or the day a table "
       "is known complete until"), ar_cli_run_rates },
  { "dunning", "preview|run LEDGER", "[--as-of D] [--json] [--exclude ID,ID] [-o FILE.pdf]",
    N_("Propose the next dunning level per debtor (preview), or send the letters, post the "
       "fees and record it all (run)"), ar_cli_run_dunning },
  { "hold", "LEDGER DEBTOR_ID",
    "(--reason TEXT [--until D] [--dispute] [--invoice NO] [--from D] | --release HOLD_ID | "
    "--list)",
    N_("Hold dunning for a debtor or an invoice: a snooze until a date, or a dispute"),
    ar_cli_run_hold },
  { "levels", "LEDGER",
    "[--set N [--days N] [--min-days N] [--fee A|P%|none] [--fee-currency C] "
    "[--interest yes|no] [--deadline-days N] [--template N] [--hand-over] | --remove N]",
    N_("List or change the dunning levels: days, fees, interest, letter and deadline"),
    ar_cli_run_levels },
  { "dunning-config", "LEDGER",
    "[--interest-regime R [--apr PCT]] [--debtor ID] [--minimum A] [--currency C]",
    N_("Show or set the interest calculator (book or debtor) and the minimum overdue for a "
       "letter"), ar_cli_run_dunning_config },
  { "waive", "LEDGER ENTRY_ID", "--reason TEXT [--date D]",
    N_("Waive a fee or interest charge (posts its reversal with the reason)"), ar_cli_run_waive },
  { "plan", "preview|create|show|cancel LEDGER ...",
    "(see “arrears-cli plan --help”)",
    N_("Payment plans: preview a schedule, create a plan, show how one is going, cancel one"),
    ar_cli_run_plan },
  { "plans", "LEDGER", "(--due-on D | --missed [--as-of D]) [--json]",
    N_("Plans with an instalment due on a day, or with missed instalments and defaulted"),
    ar_cli_run_plans },
  { "promise", "add|list LEDGER ...", "(see “arrears-cli promise --help”)",
    N_("Promises to pay: record one (or a repeating one), list them and whether they were "
       "kept"), ar_cli_run_promise },
};

const ArCliCommand *
ar_cli_find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

/* Wraps @text to 79 columns, the first line after @first, the others after @rest. */
static void
print_wrapped_indented (const char *text, const char *first, const char *rest)
{
  g_autofree char *wrapped = ar_cli_wrap (text, 79 - strlen (rest));
  g_auto(GStrv) lines = g_strsplit (wrapped, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_print ("%s%s\n", i == 0 ? first : rest, lines[i]);
}

/* Prints a synopsis wrapped only between its words and bracketed groups, never inside
 * "[--payments F]". */
static void
print_synopsis (const char *synopsis)
{
  g_autofree char *kept = g_strdup (synopsis);
  g_autofree char *wrapped = NULL;
  g_auto(GStrv) lines = NULL;
  int depth = 0;

  for (char *p = kept; *p != '\0'; p++)
    {
      depth += *p == '[' ? 1 : *p == ']' ? -1 : 0;
      if (*p == ' ' && depth > 0)
        *p = '\x01';
    }
  wrapped = ar_cli_wrap (kept, 73);
  g_strdelimit (wrapped, "\x01", ' ');
  lines = g_strsplit (wrapped, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_print ("%s%s\n", i == 0 ? "  " : "      ", lines[i]);
}

static void
print_wrapped (const char *text)
{
  g_autofree char *wrapped = ar_cli_wrap (text, 79);

  g_print ("%s\n", wrapped);
}

static void
print_help (void)
{
  g_print ("%s\n\n", _("Usage: arrears-cli COMMAND LEDGER [ARGUMENT…] [OPTION…]"));
  g_print ("%s\n\n", _("Keeps a book of receivables — debtors, invoices, payments — in one "
                       "ledger file."));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      /* A command without a LEDGER (interest) has no params: no double space then. */
      g_autofree char *synopsis = *commands[i].params == '\0'
        ? g_strjoin (" ", "arrears-cli", commands[i].name, commands[i].options, NULL)
        : g_strjoin (" ", "arrears-cli", commands[i].name, commands[i].params,
                     commands[i].options, NULL);

      g_strchomp (synopsis);
      print_synopsis (synopsis);
      print_wrapped_indented (_(commands[i].summary), "      ", "      ");
    }
  print_synopsis ("arrears-cli help [COMMAND]");
  print_wrapped_indented (_("This overview, or all the options of a command"), "      ",
                          "      ");
  g_print ("\n");

  g_print ("%s\n", _("Options:"));
  g_print ("  -h, --help   %s\n", _("Show this overview"));
  g_print ("  --version    %s\n\n", _("Show the version"));

  print_wrapped (_("Run “arrears-cli help COMMAND” or “arrears-cli COMMAND --help” for the "
                   "options of a command."));
  print_wrapped (_("Dates (D) are written YYYY-MM-DD and default to today. Amounts are written "
                   "1234.50 (or as your locale writes them) in the currency’s units; the "
                   "ledger keeps them as whole minor units."));
  print_wrapped (_("DEBTOR_ID is the debtor’s id from debtors.csv; ENTRY_ID is the number "
                   "“show” lists for each journal entry."));
  g_print ("\n");
  print_wrapped (_("Exit status: 0 success; 1 bad input or failure (the reason is on "
                   "stderr); 2 usage error (unknown command or option, missing arguments)."));
  g_print ("\n%s\n", _("Examples:"));
  g_print ("  arrears-cli init books.arrears\n");
  g_print ("  arrears-cli import books.arrears ./export --dry-run\n");
  g_print ("  arrears-cli aging books.arrears --as-of 2026-06-30 --json\n");
  g_print ("  arrears-cli debtors books.arrears --min-days 60 --sort days --limit 20\n");
  g_print ("  arrears-cli pay books.arrears C-1042 250.00 --invoice INV-2026-0107\n");
}

static int
run_help (int argc, char **argv)
{
  const ArCliCommand *command;
  g_auto(GStrv) args = NULL;

  if (argc == 2)
    {
      print_help ();
      return AR_CLI_EXIT_OK;
    }
  /* "help plan preview": a command with subcommands takes one more word. */
  if (argc > 4)
    return ar_cli_usage_error (NULL, _("help: name one command"));
  command = ar_cli_find_command (argv[2]);
  if (command == NULL)
    return ar_cli_usage_error (NULL, _("help: unknown command “%s”"), argv[2]);

  /* The command's own --help prints its options (and exits). */
  args = g_new0 (char *, 4);
  args[0] = g_strdup (command->name);
  if (argc == 4)
    args[1] = g_strdup (argv[3]);
  args[argc == 4 ? 2 : 1] = g_strdup ("--help");
  return command->run (command, &args);
}

int
main (int argc, char **argv)
{
  const ArCliCommand *command;
  g_auto(GStrv) args = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("arrears-cli");

  if (argc < 2)
    return ar_cli_usage_error (NULL, _("no command given"));
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "-?") == 0)
    {
      print_help ();
      return AR_CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("arrears-cli %s\n", PACKAGE_VERSION);
      return AR_CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "help") == 0)
    return run_help (argc, argv);
  if (argv[1][0] == '-')
    return ar_cli_usage_error (NULL, _("unknown option “%s”"), argv[1]);

  command = ar_cli_find_command (argv[1]);
  if (command == NULL)
    return ar_cli_usage_error (NULL, _("unknown command “%s”"), argv[1]);

  args = g_strdupv (argv + 1);
  status = command->run (command, &args);

  /* A full disk or a closed pipe must not pass for success. */
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      ar_cli_error (_("could not write the output"));
      return status == AR_CLI_EXIT_OK ? AR_CLI_EXIT_FAILURE : status;
    }
  return status;
}
