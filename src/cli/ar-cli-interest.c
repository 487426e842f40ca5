/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "arrears-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ar-cli-common.h"
#include "ar-date.h"
#include "ar-interest.h"
#include "ar-money.h"
#include "ar-rates.h"

/* interest: the late-payment calculators on their own, without a ledger — to check a figure
 * before it goes on a letter, or to answer a debtor who asks how it was computed. With
 * --ledger the book's rate tables are used: the shipped rows plus the rates recorded in it
 * (arrears-cli rates), as a dunning run on that book would. */

static char *
format_rate (gint32 rate_bp)
{
  /* Basis points are hundredths of a percent: the same digits as two-decimal money. */
  return ar_money_format_minor (rate_bp, 2);
}

static void
print_json (const ArInterestResult *r)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *rate = format_rate (r->rate_bp);
  g_autofree char *interest = ar_money_format_plain (r->interest, r->currency);
  g_autofree char *compensation = ar_money_format_plain (r->compensation, r->currency);
  g_autofree char *data = NULL;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "days");
  json_builder_add_int_value (builder, r->days);
  json_builder_set_member_name (builder, "rate");
  json_builder_add_string_value (builder, rate);
  json_builder_set_member_name (builder, "interest");
  json_builder_add_string_value (builder, interest);
  json_builder_set_member_name (builder, "compensation");
  json_builder_add_string_value (builder, compensation);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, r->currency);

  /* Only when the rate changed during the late period (EU and German half-years): then
   * "rate" is the one running on the as-of date and the periods show the others. */
  if (r->periods->len > 1)
    {
      json_builder_set_member_name (builder, "periods");
      json_builder_begin_array (builder);
      for (guint i = 0; i < r->periods->len; i++)
        {
          const ArInterestPeriod *p = &g_array_index (r->periods, ArInterestPeriod, i);
          g_autofree char *period_rate = format_rate (p->rate_bp);
          g_autofree char *reference = format_rate (p->reference_bp);
          char first[11], last[11], reference_day[11];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "from");
          json_builder_add_string_value (builder, ar_date_format_julian (p->first_day, first));
          json_builder_set_member_name (builder, "to");
          json_builder_add_string_value (builder, ar_date_format_julian (p->last_day, last));
          json_builder_set_member_name (builder, "days");
          json_builder_add_int_value (builder, p->last_day - p->first_day + 1);
          json_builder_set_member_name (builder, "rate");
          json_builder_add_string_value (builder, period_rate);
          json_builder_set_member_name (builder, "reference_rate");
          json_builder_add_string_value (builder, reference);
          json_builder_set_member_name (builder, "reference_day");
          json_builder_add_string_value (builder,
                                         ar_date_format_julian (p->reference_day,
                                                                reference_day));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  ar_cli_write_stdout (data, length);
  ar_cli_write_stdout ("\n", 1);
}

/* "13.25 % (Bank Rate 5.25 % on 2023-12-31 + 8.00)" or "8.00 % (contractual)". */
static char *
describe_rate (const ArInterestResult *r, gint32 rate_bp, gint32 reference_bp,
               guint32 reference_day)
{
  g_autofree char *rate = format_rate (rate_bp);
  g_autofree char *reference = NULL, *margin = NULL;
  char day[11];

  if (r->regime == AR_INTEREST_SIMPLE)
    return g_strdup_printf (_("%s %% a year (contractual)"), rate);
  reference = format_rate (reference_bp);
  margin = format_rate (r->margin_bp);
  /* TRANSLATORS: "13.25 % a year (reference rate 5.25 % on 2023-12-31 + 8.00 points)" */
  return g_strdup_printf (_("%s %% a year (reference rate %s %% on %s + %s points)"), rate,
                          reference, ar_date_format_julian (reference_day, day), margin);
}

static void
print_readable (const ArInterestResult *r)
{
  g_autoptr(ArCliTable) table = ar_cli_table_new ("ll");
  g_autofree char *amount = ar_money_format (r->amount, r->currency);
  g_autofree char *interest = ar_money_format (r->interest, r->currency);
  g_autofree char *compensation = ar_money_format (r->compensation, r->currency);
  g_autofree char *days = g_strdup_printf ("%u", r->days);
  g_autofree char *rate = NULL;
  char due[11], as_of[11];

  g_print ("%s\n", ar_interest_regime_describe (r->regime));

  {
    const char *cells[] = { _("Amount"), amount };
    ar_cli_table_add_row (table, cells);
  }
  {
    const char *cells[] = { _("Due"), ar_date_format_julian (r->due, due) };
    ar_cli_table_add_row (table, cells);
  }
  {
    const char *cells[] = { _("As of"), ar_date_format_julian (r->as_of, as_of) };
    ar_cli_table_add_row (table, cells);
  }
  {
    const char *cells[] = { _("Days late"), days };
    ar_cli_table_add_row (table, cells);
  }

  if (r->periods->len <= 1)
    {
      if (r->periods->len == 1)
        {
          const ArInterestPeriod *p = &g_array_index (r->periods, ArInterestPeriod, 0);

          rate = describe_rate (r, r->rate_bp, p->reference_bp, p->reference_day);
        }
      else
        {
          /* Not late yet: the rate that would run from the day after the due date. */
          g_autofree char *text = format_rate (r->rate_bp);

          rate = g_strdup_printf (_("%s %% a year from the first day late"), text);
        }
      {
        const char *cells[] = { _("Rate"), rate };
        ar_cli_table_add_row (table, cells);
      }
    }
  else
    for (guint i = 0; i < r->periods->len; i++)
      {
        const ArInterestPeriod *p = &g_array_index (r->periods, ArInterestPeriod, i);
        g_autofree char *period_rate = describe_rate (r, p->rate_bp, p->reference_bp,
                                                      p->reference_day);
        g_autofree char *line = NULL;
        char first[11], last[11];

        /* TRANSLATORS: "2024-06-21 to 2024-06-30 (10 days): 12.62 % a year (…)" */
        line = g_strdup_printf (_("%s to %s (%u days): %s"),
                                ar_date_format_julian (p->first_day, first),
                                ar_date_format_julian (p->last_day, last),
                                p->last_day - p->first_day + 1, period_rate);
        {
          const char *cells[] = { i == 0 ? _("Rates") : "", line };
          ar_cli_table_add_row (table, cells);
        }
      }

  {
    const char *cells[] = { _("Interest"), interest };
    ar_cli_table_add_row (table, cells);
  }
  {
    const char *cells[] = { _("Compensation"), compensation };
    ar_cli_table_add_row (table, cells);
  }
  ar_cli_table_print (table, "  ");
}

int
ar_cli_run_interest (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *regime_text = NULL, *amount_text = NULL, *currency_text = NULL;
  g_autofree char *due_text = NULL, *as_of_text = NULL, *apr_text = NULL;
  g_autofree char *ledger_path = NULL;
  g_autoptr(ArLedger) ledger = NULL;
  const ArRateTable *table = NULL;
  ArRateTableId table_id;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "regime", 0, 0, G_OPTION_ARG_STRING, &regime_text,
      N_("simple, uk-b2b, eu-b2b, de-b2b or de-b2c (required)"), N_("REGIME") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text,
      N_("The amount overdue (required)"), "A" },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency_text,
      N_("Its currency: GBP for uk-b2b, EUR for eu-b2b and de-* (required)"), "C" },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due_text,
      N_("The due date: interest runs from the day after (required)"), N_("YYYY-MM-DD") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("The last day of interest, included (default: today)"), N_("YYYY-MM-DD") },
    { "apr", 0, 0, G_OPTION_ARG_STRING, &apr_text,
      N_("The contractual annual rate in percent, for simple only (e.g. 8.5)"), N_("PCT") },
    { "ledger", 0, 0, G_OPTION_ARG_FILENAME, &ledger_path,
      N_("Also use the reference rates recorded in this ledger (arrears-cli rates)"),
      N_("LEDGER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ArInterestResult) result = NULL;
  g_autofree char *currency = NULL;
  ArInterestRegime regime;
  guint32 due, as_of;
  gint64 amount, apr_bp = -1;

  if (!ar_cli_parse_options (command, entries,
                             _("Interest is simple, from the day after the due date up to and "
                               "including the as-of date, actual/365, rounded half up to the "
                               "cent. The statutory rates come from dated tables shipped with "
                               "Arrears (with their sources); a day outside them is refused. "
                               "The compensation is the fixed sum for a late commercial debt "
                               "(£40/£70/£100 in the UK, €40 in the EU and for German "
                               "businesses)."),
                             args, 0, 0))
    return AR_CLI_EXIT_USAGE;
  if (regime_text == NULL || amount_text == NULL || currency_text == NULL || due_text == NULL)
    return ar_cli_usage_error (command, _("interest: --regime, --amount, --currency and --due "
                                          "are required"));
  if (!ar_interest_regime_from_string (regime_text, &regime))
    return ar_cli_usage_error (command, _("interest: --regime: “%s” is not one of simple, "
                                          "uk-b2b, eu-b2b, de-b2b, de-b2c"), regime_text);
  if (regime == AR_INTEREST_SIMPLE && apr_text == NULL)
    return ar_cli_usage_error (command, _("interest: --regime simple needs --apr"));
  if (regime != AR_INTEREST_SIMPLE && apr_text != NULL)
    return ar_cli_usage_error (command, _("interest: --apr is only for --regime simple; %s "
                                          "takes its rate from the law"), regime_text);

  currency = ar_cli_parse_currency ("--currency", currency_text, &error);
  if (currency == NULL ||
      !ar_cli_parse_amount ("--amount", amount_text, currency, &amount, &error) ||
      !ar_cli_parse_date ("--due", due_text, &due, &error) ||
      !ar_cli_parse_date ("--as-of", as_of_text, &as_of, &error))
    return ar_cli_fail (error);
  if (apr_text != NULL && !ar_money_parse_minor (apr_text, 2, &apr_bp, &error))
    {
      ar_cli_error (_("--apr: “%s” should be a percentage with at most two decimals, e.g. "
                      "8.5: %s"), apr_text, error->message);
      return AR_CLI_EXIT_FAILURE;
    }
  if (apr_bp > 100000 || (apr_text != NULL && apr_bp < 0))
    {
      ar_cli_error (_("--apr: “%s” should be between 0 and 1000 percent"), apr_text);
      return AR_CLI_EXIT_FAILURE;
    }

  if (ledger_path != NULL && ar_interest_regime_get_table (regime, &table_id))
    {
      ledger = ar_cli_open_ledger (ledger_path);
      if (ledger == NULL)
        return AR_CLI_EXIT_FAILURE;
      table = ar_rates_get_table (ledger, table_id, &error);
      if (table == NULL)
        return ar_cli_fail (error);
    }

  result = ar_interest_compute_with_table (regime, amount, currency, due, as_of,
                                           (gint32) apr_bp, table, &error);
  if (result == NULL)
    return ar_cli_fail (error);

  if (json)
    print_json (result);
  else
    print_readable (result);
  return AR_CLI_EXIT_OK;
}
