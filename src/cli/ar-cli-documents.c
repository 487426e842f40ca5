/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "arrears-cli"
#include "config.h"

#include <string.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib/gi18n.h>

#include "ar-aging.h"
#include "ar-aging-trend.h"
#include "ar-chart-cairo.h"
#include "ar-chart-model.h"
#include "ar-chart-pdf.h"
#include "ar-cli-common.h"
#include "ar-date.h"
#include "ar-debtor-ledger.h"
#include "ar-doc-statement.h"

/* The documents: account statements (PDF) and aging charts (PNG, SVG, PDF). Nothing here
 * writes to the ledger. */

static void
print_warnings (GPtrArray *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    ar_cli_error (_("warning: %s"), (const char *) g_ptr_array_index (warnings, i));
}

/* statement -------------------------------------------------------------------------------- */

/* The default period: the month of @to and the two before it, from the 1st. */
static guint32
default_from (guint32 to)
{
  GDate date, first;

  ar_date_from_julian (to, &date);
  g_date_set_day (&date, 1);
  ar_date_add_months_clamped (&date, -2, &first);
  return ar_date_to_julian (&first);
}

/* The debtor's only currency; the company's default when the debtor has no entries yet; an
 * error naming them when there are several. */
static char *
statement_currency (ArLedger *ledger, gint64 debtor_id, const char *external_id,
                    GError **error)
{
  g_auto(GStrv) currencies = ar_debtor_ledger_get_currencies (ledger, debtor_id, error);
  g_autofree char *list = NULL;

  if (currencies == NULL)
    return NULL;
  if (currencies[0] == NULL)
    return ar_cli_default_currency (ledger);
  if (currencies[1] == NULL)
    return g_strdup (currencies[0]);
  list = g_strjoinv (", ", currencies);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("%s has entries in %s; choose one with --currency"), external_id, list);
  return NULL;
}

static int
run_statement (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *from_text = NULL, *to_text = NULL, *currency_text = NULL, *output = NULL;
  gboolean no_slip = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("First day of the period (default: the 1st of the month two months before --to)"),
      N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Last day of the period and the statement’s date (default: today)"), N_("YYYY-MM-DD") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency_text,
      N_("The currency of the statement (default: the debtor’s only currency)"), "C" },
    { "no-slip", 0, 0, G_OPTION_ARG_NONE, &no_slip,
      N_("Leave out the remittance slip at the foot of the last page"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the PDF to FILE (required)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  gint64 debtor_id;
  guint32 from, to;
  char from_iso[11], to_iso[11];

  if (!ar_cli_parse_options (command, entries,
                             _("Writes the account statement of one debtor in one currency as a "
                               "PDF: the opening balance, every entry of the period with the "
                               "balance after it, the closing balance, the items open at the "
                               "end of the period with their aging, how to pay, and a "
                               "remittance slip to send back with the payment. The paper is "
                               "the ledger’s setting document.paper (a4 or letter), else US "
                               "Letter for a company in the US, Canada and the other countries "
                               "that use it, and A4 elsewhere.\n\n"
                               "The period runs from --from to --to, both included; by default "
                               "it is the month of --to and the two months before it, so a "
                               "statement made on 15 June covers 1 April to 15 June. Without "
                               "--currency the statement is in the one currency the debtor "
                               "has entries in (the ledger’s default currency when there are "
                               "none); a debtor with entries in several currencies needs "
                               "--currency.\n\n"
                               "Problems that don’t stop the document (an address too long for "
                               "the envelope window, a character no installed font has) are "
                               "printed as warnings."),
                             args, 2, 2))
    return AR_CLI_EXIT_USAGE;
  if (output == NULL)
    return ar_cli_usage_error (command, _("statement: -o FILE is required"));

  if (!ar_cli_parse_date ("--to", to_text, &to, &error))
    return ar_cli_fail (error);
  if (from_text == NULL)
    from = default_from (to);
  else if (!ar_cli_parse_date ("--from", from_text, &from, &error))
    return ar_cli_fail (error);
  if (from > to)
    {
      ar_cli_error (_("--from %s is after --to %s"), ar_date_format_julian (from, from_iso),
                    ar_date_format_julian (to, to_iso));
      return AR_CLI_EXIT_FAILURE;
    }
  if (currency_text != NULL &&
      (currency = ar_cli_parse_currency ("--currency", currency_text, &error)) == NULL)
    return ar_cli_fail (error);

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  debtor_id = ar_ledger_lookup_debtor (ledger, (*args)[2]);
  if (debtor_id == 0)
    {
      ar_cli_error (_("no debtor has the id “%s”"), (*args)[2]);
      return AR_CLI_EXIT_FAILURE;
    }
  if (currency == NULL &&
      (currency = statement_currency (ledger, debtor_id, (*args)[2], &error)) == NULL)
    return ar_cli_fail (error);

  if (!ar_doc_statement_write (ledger, debtor_id, currency, from, to, !no_slip, output,
                               warnings, &error))
    return ar_cli_fail (error);
  print_warnings (warnings);
  g_print (_("Wrote the statement of %s in %s from %s to %s to %s.\n"), (*args)[2], currency,
           ar_date_format_julian (from, from_iso), ar_date_format_julian (to, to_iso), output);
  return AR_CLI_EXIT_OK;
}

/* chart ------------------------------------------------------------------------------------ */

typedef enum
{
  CHART_PNG,
  CHART_SVG,
  CHART_PDF,
} ChartFormat;

static gboolean
chart_format_from_path (const char *path, ChartFormat *format)
{
  const char *dot = strrchr (path, '.');

  if (dot == NULL || strchr (dot, '/') != NULL)
    return FALSE;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    *format = CHART_PNG;
  else if (g_ascii_strcasecmp (dot, ".svg") == 0)
    *format = CHART_SVG;
  else if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    *format = CHART_PDF;
  else
    return FALSE;
  return TRUE;
}

/* --currency; else the report's only currency; else the company's default. */
static char *
chart_currency (ArLedger *ledger, const ArAgingReport *report)
{
  if (report->totals->len == 1)
    return g_strdup (g_array_index (report->totals, ArAgingTotal, 0).currency);
  return ar_cli_default_currency (ledger);
}

static int
run_chart (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *as_of_text = NULL, *currency_text = NULL, *output = NULL;
  g_autofree char *width_text = NULL, *height_text = NULL;
  gboolean trend = FALSE, dark = FALSE;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Age as of this day (default: today); the trend ends on it"), N_("YYYY-MM-DD") },
    { "trend", 0, 0, G_OPTION_ARG_NONE, &trend,
      N_("The aging at each of the last twelve month-ends instead of one day’s"), NULL },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency_text,
      N_("The currency to chart (default: the only one open, else the ledger’s default)"),
      "C" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Use the dark palette"), NULL },
    { "width", 0, 0, G_OPTION_ARG_STRING, &width_text,
      N_("Width in pixels, or points for PDF (default: 800, PDF 480)"), "W" },
    { "height", 0, 0, G_OPTION_ARG_STRING, &height_text,
      N_("Height in pixels, or points for PDF (default: 450, PDF 270)"), "H" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the chart to FILE: .png, .svg or .pdf (required)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(ArAgingReport) report = NULL;
  g_autoptr(ArAgingTrend) points = NULL;
  g_autoptr(ArChartModel) model = NULL;
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  ArAgingConfig config;
  ChartFormat format;
  gint64 width, height;
  guint32 as_of;
  gboolean ok = FALSE;

  if (!ar_cli_parse_options (command, entries,
                             _("Draws the aging of one currency as a bar chart: the open "
                               "amounts per age bucket as of a day, or with --trend one "
                               "stacked column per month-end for the last twelve months, the "
                               "last column being the --as-of day. The format follows the "
                               "extension of FILE: PNG and SVG in pixels, PDF in points with "
                               "the chart as vector drawing and its font embedded. The buckets "
                               "are the ledger’s (aging.limits), else 30, 60 and 90 days."),
                             args, 1, 1))
    return AR_CLI_EXIT_USAGE;
  if (output == NULL)
    return ar_cli_usage_error (command, _("chart: -o FILE is required"));
  if (!chart_format_from_path (output, &format))
    return ar_cli_usage_error (command, _("chart: “%s” is not a .png, .svg or .pdf file"),
                               output);

  width = format == CHART_PDF ? 480 : 800;
  height = format == CHART_PDF ? 270 : 450;
  if (!ar_cli_parse_date ("--as-of", as_of_text, &as_of, &error))
    return ar_cli_fail (error);
  if (width_text != NULL && !ar_cli_parse_int ("--width", width_text, 100, 8000, &width, &error))
    return ar_cli_fail (error);
  if (height_text != NULL &&
      !ar_cli_parse_int ("--height", height_text, 80, 8000, &height, &error))
    return ar_cli_fail (error);
  if (currency_text != NULL &&
      (currency = ar_cli_parse_currency ("--currency", currency_text, &error)) == NULL)
    return ar_cli_fail (error);

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if (!ar_aging_config_load (&config, ledger, &error))
    return ar_cli_fail (error);
  report = ar_aging_report_compute (ledger, as_of, &config, &error);
  if (report == NULL)
    return ar_cli_fail (error);
  if (currency == NULL)
    currency = chart_currency (ledger, report);

  if (trend)
    {
      points = ar_aging_trend_compute (ledger, as_of, &config, currency, 12, &error);
      if (points == NULL)
        return ar_cli_fail (error);
      model = ar_chart_model_new_trend (points);
    }
  else
    model = ar_chart_model_new_aging_report (report, currency);
  if (dark)
    ar_chart_model_set_palette (model, ar_chart_palette_get (AR_CHART_THEME_DARK));

  switch (format)
    {
    case CHART_PNG:
      ok = ar_chart_write_png (model, output, width, height, 1.0, &error);
      break;
    case CHART_SVG:
      ok = ar_chart_write_svg (model, output, width, height, &error);
      break;
    case CHART_PDF:
    default:
      ok = ar_chart_write_pdf (model, output, width, height, &error);
      break;
    }
  if (!ok)
    return ar_cli_fail (error);
  g_print (_("Wrote the chart to %s.\n"), output);
  return AR_CLI_EXIT_OK;
}

/* The PDF engine and cairo keep fontconfig's configuration and their font caches until the
 * process ends; release them once the document is written, so that LeakSanitizer sees a
 * clean exit. Nothing in arrears-cli uses fonts after a command has run. */

int
ar_cli_run_statement (const ArCliCommand *command, GStrv *args)
{
  int status = run_statement (command, args);

  FcFini ();
  return status;
}

int
ar_cli_run_chart (const ArCliCommand *command, GStrv *args)
{
  int status = run_chart (command, args);

  cairo_debug_reset_static_data ();
  FcFini ();
  return status;
}
