/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "arrears-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ar-cli-common.h"
#include "ar-date.h"
#include "ar-money.h"
#include "ar-rates.h"

/* rates: the reference-rate tables a book's statutory interest reads — the shipped rows and
 * the ones recorded in the ledger, each with its source — and recording a rate, or the day up
 * to which a table is complete, once the shipped tables end. */

static int rates_add     (const ArCliCommand *command, GStrv *args);
static int rates_confirm (const ArCliCommand *command, GStrv *args);

static const ArCliCommand add_command = {
  "rates add", "LEDGER",
  "--table boe|ecb|bundesbank --from YYYY-MM-DD --rate PCT --source TEXT [--correct]",
  N_("Record an official reference rate with its source"), rates_add
};
static const ArCliCommand confirm_command = {
  "rates confirm", "LEDGER", "--table boe|ecb|bundesbank --until YYYY-MM-DD --source TEXT",
  N_("Record the day up to which a reference-rate table is complete"), rates_confirm
};

static char *
format_rate (gint32 rate_bp)
{
  return ar_money_format_minor (rate_bp, 2);
}

/* The core names its fields ("from: …"); on the command line they are options ("--from: …"). */
static int
fail_naming_option (const GError *error)
{
  static const char * const fields[] = { "from: ", "rate: ", "source: ", "until: " };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_has_prefix (error->message, fields[i]))
      {
        ar_cli_error ("--%s", error->message);
        return AR_CLI_EXIT_FAILURE;
      }
  return ar_cli_fail (error);
}

static gboolean
parse_table (const char *text, ArRateTableId *out)
{
  if (text == NULL)
    {
      ar_cli_error (_("--table: name the table: boe (Bank of England Bank Rate), ecb (ECB main "
                      "refinancing rate) or bundesbank (Basiszinssatz)"));
      return FALSE;
    }
  if (!ar_rate_table_id_from_string (text, out))
    {
      ar_cli_error (_("--table: “%s” is not one of boe, ecb, bundesbank"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_date_required (const char *option, const char *text, guint32 *out)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    {
      ar_cli_error (_("%s: the date is required (YYYY-MM-DD)"), option);
      return FALSE;
    }
  if (!ar_cli_parse_date (option, text, out, &error))
    {
      ar_cli_fail (error);
      return FALSE;
    }
  return TRUE;
}

static int
rates_add (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *table_text = NULL, *from_text = NULL, *rate_text = NULL;
  g_autofree char *source = NULL;
  gboolean correct = FALSE;
  const GOptionEntry entries[] = {
    { "table", 0, 0, G_OPTION_ARG_STRING, &table_text,
      N_("boe, ecb or bundesbank (required)"), N_("TABLE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("The day the rate took effect (required)"), N_("YYYY-MM-DD") },
    { "rate", 0, 0, G_OPTION_ARG_STRING, &rate_text,
      N_("The rate in percent, at most two decimals, e.g. 4.25 or -0.88 (required)"),
      N_("PCT") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("Where the rate was published: a URL, or the publication and date (required)"),
      N_("TEXT") },
    { "correct", 0, 0, G_OPTION_ARG_NONE, &correct,
      N_("Replace a rate recorded for the same day (both stay in the ledger)"), NULL },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  ArRateTableId table;
  guint32 from;
  gint64 rate_bp;
  char day[11];

  if (!ar_cli_parse_options (command, entries,
                             _("Rates are never guessed: look up the official rate (the Bank of "
                               "England’s Bank Rate history, the ECB’s key interest rates, the "
                               "Bundesbank’s Basiszinssatz) and record it with where you read "
                               "it. Then confirm with “arrears-cli rates confirm” the day up to "
                               "which no other change was published; interest for later days is "
                               "still refused."),
                             args, 1, 1))
    return AR_CLI_EXIT_USAGE;
  if (!parse_table (table_text, &table) || !parse_date_required ("--from", from_text, &from))
    return AR_CLI_EXIT_FAILURE;
  if (rate_text == NULL)
    {
      ar_cli_error (_("--rate: the rate is required, as a percentage with at most two "
                      "decimals (e.g. 4.25; may be negative for the Basiszinssatz)"));
      return AR_CLI_EXIT_FAILURE;
    }
  if (!ar_money_parse_minor (rate_text, 2, &rate_bp, &error) || rate_bp < -10000 ||
      rate_bp > 100000)
    {
      ar_cli_error (_("--rate: “%s” should be a percentage between -100 and 1000 with at most "
                      "two decimals, e.g. 4.25 or -0.88"), rate_text);
      return AR_CLI_EXIT_FAILURE;
    }
  if (source == NULL || *g_strstrip (source) == '\0')
    {
      ar_cli_error (_("--source: say where the rate was published (a URL, or the publication "
                      "and date)"));
      return AR_CLI_EXIT_FAILURE;
    }

  ledger = ar_cli_open_ledger ((*args)[1]);
  if (ledger == NULL)
    return AR_CLI_EXIT_FAILURE;
  if (!ar_rates_add (ledger, table, from, (gint32) rate_bp, source, correct, &error))
    return fail_naming_option (error);
  shown = format_rate ((gint32) rate_bp);
  g_print (_("Recorded %s: %s %% from %s.\n"), ar_rate_table_id_to_short (table), shown,
           ar_date_format_julian (from, day));
  return AR_CLI_EXIT_OK;
}

static int
rates_confirm (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *table_text = NULL, *until_text = NULL, *source = NULL;
  const GOptionEntry entries[] = {
    { "table", 0, 0, G_OPTION_ARG_STRING, &table_text,
      N_("boe, ecb or bundesbank (required)"), N_("TABLE") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until_text,
      N_("The last day the table is known complete, included (required)"), N_("YYYY-MM-DD") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("Where you checked that no other change was published (required)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  ArRateTableId table;
  guint32 until;
  char day[11];

  if (!ar_cli_parse_options (command, entries,
                             _("Interest for a day is computed only when the table is known "
                               "complete up to that day. The latest confirmation counts, so a "
                               "mistaken one is taken back by confirming again with the right "
                               "day."),
                             args, 1, 1))
    return AR_CLI_EXIT_USAGE;
  if (!parse_table (table_text, &table) || !parse_date_required ("--until", until_text, &until))
    return AR_CLI_EXIT_FAILURE;
  if (source == NULL || *g_strstrip (source) == '\0')
    {
      ar_cli_error (_("--source: say where you checked that no other change was published (a "
                      "URL, or the publication and date)"));
      return AR_CLI_EXIT_FAILURE;
    }

  ledger = ar_cli_open_ledger ((*args)[1]);
  if (ledger == NULL)
    return AR_CLI_EXIT_FAILURE;
  if (!ar_rates_confirm (ledger, table, until, source, &error))
    return fail_naming_option (error);
  g_print (_("Confirmed %s complete until %s.\n"), ar_rate_table_id_to_short (table),
           ar_date_format_julian (until, day));
  return AR_CLI_EXIT_OK;
}

static gboolean
print_recorded (const ArRecordedRate *rate, gpointer user_data)
{
  ArCliTable *table = user_data;
  g_autofree char *shown = format_rate (rate->rate_bp);
  g_autofree char *origin = g_strdup_printf (rate->correction ? _("recorded %s (correction)")
                                                              : _("recorded %s"),
                                             rate->recorded_at);
  char day[11];
  const char *cells[] = { ar_date_format_julian (rate->from, day), shown, origin,
                          rate->source };

  ar_cli_table_add_row (table, cells);
  return TRUE;
}

static int
rates_list (const ArCliCommand *command, GStrv *args)
{
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;

  if (!ar_cli_parse_options (command, NULL,
                             _("Lists each reference-rate table: the shipped rows, the rows "
                               "recorded in this ledger, and the day up to which the table is "
                               "known complete, each with its source."),
                             args, 1, 1))
    return AR_CLI_EXIT_USAGE;
  ledger = ar_cli_open_ledger ((*args)[1]);
  if (ledger == NULL)
    return AR_CLI_EXIT_FAILURE;

  for (guint t = 0; t < AR_N_RATE_TABLES; t++)
    {
      const ArRateTable *shipped = ar_rate_table_get ((ArRateTableId) t, &error);
      const ArRateTable *merged;
      g_autoptr(ArCliTable) rows = ar_cli_table_new ("lrll");
      g_autofree char *confirmed_source = NULL;
      guint32 confirmed = 0;
      char day[11], until[11];

      if (shipped == NULL ||
          !ar_rates_get_known_until (ledger, (ArRateTableId) t, &confirmed, &confirmed_source,
                                     &error))
        return ar_cli_fail (error);
      merged = ar_rates_get_table (ledger, (ArRateTableId) t, &error);

      g_print ("%s%s (%s)\n", t > 0 ? "\n" : "", ar_rate_table_get_name (shipped),
               ar_rate_table_id_to_short ((ArRateTableId) t));
      for (guint i = 0; i < ar_rate_table_get_n_rows (shipped); i++)
        {
          const ArRateRow *row = ar_rate_table_get_row (shipped, i);
          g_autofree char *shown = format_rate (row->rate_bp);
          const char *cells[] = { ar_date_format_julian (row->from, day), shown, _("shipped"),
                                  row->source };

          ar_cli_table_add_row (rows, cells);
        }
      if (!ar_rates_list (ledger, (ArRateTableId) t, print_recorded, rows, &error))
        return ar_cli_fail (error);
      ar_cli_table_print (rows, "  ");

      g_print (_("  Shipped table complete until %s (%s)\n"),
               ar_date_format_julian (ar_rate_table_get_last_day (shipped), until),
               ar_rate_table_get_last_day_source (shipped));
      if (confirmed != 0)
        g_print (_("  Confirmed complete until %s (%s)\n"),
                 ar_date_format_julian (confirmed, day), confirmed_source);
      if (merged != NULL)
        g_print (_("  Interest is computed up to %s\n"),
                 ar_date_format_julian (ar_rate_table_get_last_day (merged), until));
      else
        {
          /* A recorded row that contradicts the shipped table (it can only come from an
           * older Arrears): said here, and every calculation with the table is refused. */
          g_print (_("  Not usable: %s\n"), error->message);
          g_clear_error (&error);
        }
    }
  return AR_CLI_EXIT_OK;
}

int
ar_cli_run_rates (const ArCliCommand *command, GStrv *args)
{
  const char *verb = (*args)[1];
  const ArCliCommand *sub = NULL;
  g_auto(GStrv) rest = NULL;
  guint length;

  if (verb != NULL && strcmp (verb, "add") == 0)
    sub = &add_command;
  else if (verb != NULL && strcmp (verb, "confirm") == 0)
    sub = &confirm_command;
  if (sub == NULL)
    return rates_list (command, args);

  length = g_strv_length (*args);
  rest = g_new0 (char *, length);
  rest[0] = g_strdup (sub->name);
  for (guint j = 2; j < length; j++)
    rest[j - 1] = g_strdup ((*args)[j]);
  return sub->run (sub, &rest);
}
