/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "arrears-cli"
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ar-cli-common.h"
#include "ar-date.h"
#include "ar-debtor-ledger.h"
#include "ar-plan.h"
#include "ar-promise.h"

/* Payment plans and promises to pay: `plan preview|create|show|cancel`, `promise add|list`
 * and the work-queue lists `plans --due-on D | --missed`. The arithmetic and every rule are
 * the core's (ArPlanDraft, ar-plan.h, ar-promise.h); this file parses and prints. */

/* Subcommands ------------------------------------------------------------------------------- */

typedef struct
{
  ArCliCommand command;     /* name is "plan preview" etc., for usage lines and --help */
  const char  *verb;
} Subcommand;

static int plan_preview (const ArCliCommand *command, GStrv *args);
static int plan_create  (const ArCliCommand *command, GStrv *args);
static int plan_show    (const ArCliCommand *command, GStrv *args);
static int plan_cancel  (const ArCliCommand *command, GStrv *args);
static int promise_add  (const ArCliCommand *command, GStrv *args);
static int promise_list (const ArCliCommand *command, GStrv *args);

#define TERMS_OPTIONS \
  "(--instalments N | --amount A) [--frequency weekly|biweekly|semimonthly|monthly] " \
  "[--first D] [--down A] [--apr PCT | --fee A] [--invoices NO,NO] [--currency C] " \
  "[--waive-fees] [--date D]"

static const Subcommand plan_subcommands[] = {
  { { "plan preview", "LEDGER DEBTOR_ID", TERMS_OPTIONS " [--json]",
      N_("Show the schedule a payment plan would have, without saving it"), plan_preview },
    "preview" },
  { { "plan create", "LEDGER DEBTOR_ID", TERMS_OPTIONS " [--note T] [--channel KIND]",
      N_("Save a payment plan on the debtor’s open invoices; prints the plan’s id"),
      plan_create },
    "create" },
  { { "plan show", "LEDGER PLAN_ID", "[--as-of D] [--json]",
      N_("A plan’s terms, schedule and each instalment’s state as of a date"), plan_show },
    "show" },
  { { "plan cancel", "LEDGER PLAN_ID", "--reason TEXT [--date D]",
      N_("Cancel a payment plan"), plan_cancel },
    "cancel" },
};

static const Subcommand promise_subcommands[] = {
  { { "promise add", "LEDGER DEBTOR_ID AMOUNT",
      "--date D [--every DAYS --times N] [--channel KIND] [--note T] [--currency C] "
      "[--made-on D]",
      N_("Record a promise to pay, or a repeating one; prints its id"), promise_add },
    "add" },
  { { "promise list", "LEDGER [DEBTOR_ID]", "[--as-of D] [--json]",
      N_("Promises to pay and whether they were kept, as of a date"), promise_list },
    "list" },
};

static void
print_subcommands (const ArCliCommand *command, const Subcommand *subs, guint n)
{
  g_print (_("Usage: arrears-cli %s %s\n\n"), command->name, command->params);
  g_print ("%s\n\n", _(command->summary));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *synopsis = g_strjoin (" ", "arrears-cli", subs[i].command.name,
                                             subs[i].command.params, subs[i].command.options,
                                             NULL);
      g_autofree char *wrapped = ar_cli_wrap (synopsis, 73);
      g_auto(GStrv) lines = g_strsplit (wrapped, "\n", -1);

      for (guint j = 0; lines[j] != NULL; j++)
        g_print ("%s%s\n", j == 0 ? "  " : "      ", lines[j]);
      g_print ("      %s\n", _(subs[i].command.summary));
    }
  g_print ("\n%s\n", _("Run “arrears-cli COMMAND SUBCOMMAND --help” for the options."));
}

/* Runs the subcommand named in (*args)[1]; its arguments follow. */
static int
dispatch (const ArCliCommand *command, GStrv *args, const Subcommand *subs, guint n)
{
  const char *verb = (*args)[1];
  g_auto(GStrv) rest = NULL;
  guint length;

  if (verb == NULL)
    return ar_cli_usage_error (command, _("%s: name a subcommand (%s)"), command->name,
                               command->params);
  if (strcmp (verb, "--help") == 0 || strcmp (verb, "-h") == 0)
    {
      print_subcommands (command, subs, n);
      return AR_CLI_EXIT_OK;
    }
  for (guint i = 0; i < n; i++)
    if (strcmp (subs[i].verb, verb) == 0)
      {
        length = g_strv_length (*args);
        rest = g_new0 (char *, length);
        rest[0] = g_strdup (subs[i].command.name);
        for (guint j = 2; j < length; j++)
          rest[j - 1] = g_strdup ((*args)[j]);
        return subs[i].command.run (&subs[i].command, &rest);
      }
  return ar_cli_usage_error (command, _("%s: unknown subcommand “%s” (expected %s)"),
                             command->name, verb, command->params);
}

int
ar_cli_run_plan (const ArCliCommand *command, GStrv *args)
{
  return dispatch (command, args, plan_subcommands, G_N_ELEMENTS (plan_subcommands));
}

int
ar_cli_run_promise (const ArCliCommand *command, GStrv *args)
{
  return dispatch (command, args, promise_subcommands, G_N_ELEMENTS (promise_subcommands));
}

/* Shared ------------------------------------------------------------------------------------- */

static gint64
lookup_debtor (ArLedger *ledger, const char *external_id)
{
  gint64 id = ar_ledger_lookup_debtor (ledger, external_id);

  if (id == 0)
    ar_cli_error (_("no debtor has the id “%s”"), external_id);
  return id;
}

static gboolean
parse_id (const char *what, const char *text, gint64 *out)
{
  g_autoptr(GError) error = NULL;

  if (!ar_cli_parse_int (what, text, 1, G_MAXINT64, out, &error))
    {
      ar_cli_fail (error);
      return FALSE;
    }
  return TRUE;
}

static char *
format_day (guint32 julian)
{
  char buf[11];

  return julian != 0 ? g_strdup (ar_date_format_julian (julian, buf)) : g_strdup ("");
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *data = NULL;
  gsize length;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  ar_cli_write_stdout (data, length);
  ar_cli_write_stdout ("\n", 1);
}

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_money (JsonBuilder *builder, const char *name, gint64 minor, const char *currency)
{
  g_autofree char *text = ar_money_format_plain (minor, currency);

  add_string (builder, name, text);
}

static void
add_day (JsonBuilder *builder, const char *name, guint32 julian)
{
  char buf[11];

  json_builder_set_member_name (builder, name);
  if (julian == 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, ar_date_format_julian (julian, buf));
}

/* plan preview / create ------------------------------------------------------------------- */

typedef struct
{
  char     *instalments;
  char     *amount;
  char     *frequency;
  char     *first;
  char     *down;
  char     *apr;
  char     *fee;
  char     *invoices;
  char     *currency;
  char     *date;
  gboolean  waive_fees;
  gboolean  json;
  char     *note;
  char     *channel;
} TermsOptions;

static void
terms_options_clear (TermsOptions *o)
{
  g_free (o->instalments);
  g_free (o->amount);
  g_free (o->frequency);
  g_free (o->first);
  g_free (o->down);
  g_free (o->apr);
  g_free (o->fee);
  g_free (o->invoices);
  g_free (o->currency);
  g_free (o->date);
  g_free (o->note);
  g_free (o->channel);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TermsOptions, terms_options_clear)

/* The option that sets the field an AR_PLAN_ERROR is about. */
static const char *
option_for (const GError *error, const TermsOptions *o)
{
  if (error->domain != AR_PLAN_ERROR)
    return NULL;
  switch ((ArPlanError) error->code)
    {
    case AR_PLAN_ERROR_ITEMS:        return "--invoices";
    case AR_PLAN_ERROR_COUNT:        return o->amount != NULL ? "--amount" : "--instalments";
    case AR_PLAN_ERROR_AMOUNT:       return o->amount != NULL ? "--amount" : "--instalments";
    case AR_PLAN_ERROR_TERM:         return o->amount != NULL ? "--amount" : "--instalments";
    case AR_PLAN_ERROR_DOWN_PAYMENT: return "--down";
    case AR_PLAN_ERROR_FIRST_DUE:    return "--first";
    case AR_PLAN_ERROR_INTEREST:     return o->apr != NULL ? "--apr" : "--fee";
    case AR_PLAN_ERROR_FEE:          return "--fee";
    case AR_PLAN_ERROR_RANGE:
    case AR_PLAN_ERROR_STATE:
    default:                         return NULL;
    }
}

static int
plan_fail (const GError *error, const TermsOptions *o)
{
  const char *option = option_for (error, o);

  if (option == NULL)
    return ar_cli_fail (error);
  ar_cli_error ("%s: %s", option, error->message);
  return AR_CLI_EXIT_FAILURE;
}

/* Parses the terms options into a draft for the debtor named in (*args)[2]. Returns the exit
 * status on failure (and NULL). */
static ArPlanDraft *
terms_draft (const ArCliCommand *command, ArLedger *ledger, const char *external_id,
             TermsOptions *o, int *status)
{
  g_autoptr(ArPlanDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  ArPlanFrequency frequency = AR_PLAN_MONTHLY;
  guint32 today;
  gint64 debtor_id;

  *status = AR_CLI_EXIT_FAILURE;
  if (o->instalments != NULL && o->amount != NULL)
    {
      *status = ar_cli_usage_error (command, _("--instalments and --amount: give one, not both"));
      return NULL;
    }
  if (o->instalments == NULL && o->amount == NULL)
    {
      *status = ar_cli_usage_error (command, _("give --instalments N or --amount A"));
      return NULL;
    }
  if (o->apr != NULL && o->fee != NULL)
    {
      *status = ar_cli_usage_error (command, _("--apr and --fee: give one, not both"));
      return NULL;
    }
  if (o->frequency != NULL && !ar_plan_frequency_from_string (o->frequency, &frequency))
    {
      ar_cli_error (_("--frequency: expected weekly, biweekly, semimonthly or monthly, not "
                      "“%s”"), o->frequency);
      return NULL;
    }
  if (!ar_cli_parse_date ("--date", o->date, &today, &error))
    {
      ar_cli_fail (error);
      return NULL;
    }
  if (o->currency != NULL && (currency = ar_cli_parse_currency ("--currency", o->currency,
                                                                &error)) == NULL)
    {
      ar_cli_fail (error);
      return NULL;
    }
  if ((debtor_id = lookup_debtor (ledger, external_id)) == 0)
    return NULL;
  draft = ar_plan_draft_new (ledger, debtor_id, currency, today, &error);
  if (draft == NULL)
    {
      plan_fail (error, o);
      return NULL;
    }
  currency = g_strdup (ar_plan_draft_get_currency (draft));

  if (o->invoices != NULL)
    {
      g_auto(GStrv) numbers = g_strsplit (o->invoices, ",", -1);

      for (guint i = 0; numbers[i] != NULL; i++)
        g_strstrip (numbers[i]);
      if (numbers[0] == NULL || numbers[0][0] == '\0')
        {
          ar_cli_error (_("--invoices: expected invoice numbers separated by commas"));
          return NULL;
        }
      if (!ar_plan_draft_include_only (draft, (const char * const *) numbers, &error))
        {
          plan_fail (error, o);
          return NULL;
        }
    }
  ar_plan_draft_set_waive_fees (draft, o->waive_fees);

  if (o->instalments != NULL)
    {
      gint64 n;

      if (!ar_cli_parse_int ("--instalments", o->instalments, 1, AR_PLAN_MAX_INSTALMENTS, &n,
                             &error))
        {
          ar_cli_fail (error);
          return NULL;
        }
      ar_plan_draft_set_n_instalments (draft, (guint) n);
    }
  else
    {
      gint64 amount;

      if (!ar_cli_parse_amount ("--amount", o->amount, currency, &amount, &error))
        {
          ar_cli_fail (error);
          return NULL;
        }
      if (amount <= 0)
        {
          ar_cli_error (_("--amount: expected an amount above zero, not “%s”"), o->amount);
          return NULL;
        }
      ar_plan_draft_set_instalment_amount (draft, amount);
    }
  ar_plan_draft_set_frequency (draft, frequency);
  if (o->first != NULL)
    {
      guint32 first;

      if (!ar_cli_parse_date ("--first", o->first, &first, &error))
        {
          ar_cli_fail (error);
          return NULL;
        }
      ar_plan_draft_set_first_due (draft, first);
    }
  if (o->down != NULL)
    {
      gint64 down;

      if (!ar_cli_parse_amount ("--down", o->down, currency, &down, &error))
        {
          ar_cli_fail (error);
          return NULL;
        }
      ar_plan_draft_set_down_payment (draft, down);
    }
  if (o->fee != NULL)
    {
      gint64 fee;

      if (!ar_cli_parse_amount ("--fee", o->fee, currency, &fee, &error))
        {
          ar_cli_fail (error);
          return NULL;
        }
      ar_plan_draft_set_setup_fee (draft, fee);
    }
  if (o->apr != NULL)
    {
      gint64 bp;

      /* A percentage with up to two decimals is a whole number of basis points. */
      if (!ar_money_parse_minor (o->apr, 2, &bp, NULL) || bp < 0 || bp > G_MAXUINT32)
        {
          ar_cli_error (_("--apr: expected a yearly percentage such as 12 or 7.25, not “%s”"),
                        o->apr);
          return NULL;
        }
      ar_plan_draft_set_apr_bp (draft, (guint32) bp);
    }
  if (o->note != NULL)
    ar_plan_draft_set_note (draft, o->note);
  if (o->channel != NULL)
    {
      ArActivityKind channel;

      if (!ar_activity_kind_from_string (o->channel, &channel))
        {
          ar_cli_error (_("--channel: expected call, letter, email, visit, sms or note, not "
                          "“%s”"), o->channel);
          return NULL;
        }
      ar_plan_draft_set_channel (draft, channel);
    }

  if (!ar_plan_draft_validate (draft, &error))
    {
      plan_fail (error, o);
      return NULL;
    }
  *status = AR_CLI_EXIT_OK;
  return g_steal_pointer (&draft);
}

#define TERMS_ENTRIES(o) \
  { "instalments", 0, 0, G_OPTION_ARG_STRING, &(o).instalments, \
    N_("Number of instalments (after the down payment)"), "N" }, \
  { "amount", 0, 0, G_OPTION_ARG_STRING, &(o).amount, \
    N_("Amount of each instalment instead of their number; the last pays what remains"), "A" }, \
  { "frequency", 0, 0, G_OPTION_ARG_STRING, &(o).frequency, \
    N_("weekly, biweekly (every two weeks), semimonthly (twice a month) or monthly " \
       "(default)"), N_("FREQ") }, \
  { "first", 0, 0, G_OPTION_ARG_STRING, &(o).first, \
    N_("Due date of the first instalment (default: a month after --date)"), N_("YYYY-MM-DD") }, \
  { "down", 0, 0, G_OPTION_ARG_STRING, &(o).down, \
    N_("Down payment, due on the plan’s date"), "A" }, \
  { "apr", 0, 0, G_OPTION_ARG_STRING, &(o).apr, \
    N_("Simple interest, percent a year (actual/365, on the declining balance)"), N_("PCT") }, \
  { "fee", 0, 0, G_OPTION_ARG_STRING, &(o).fee, \
    N_("A set-up fee added to the plan (instead of interest)"), "A" }, \
  { "invoices", 0, 0, G_OPTION_ARG_STRING, &(o).invoices, \
    N_("The open invoices the plan covers (default: all)"), N_("NO,NO") }, \
  { "currency", 0, 0, G_OPTION_ARG_STRING, &(o).currency, \
    N_("Currency of the plan (default: the debtor’s only currency with something open)"), \
    "C" }, \
  { "waive-fees", 0, 0, G_OPTION_ARG_NONE, &(o).waive_fees, \
    N_("Waive the fees and interest already charged on the covered invoices"), NULL }, \
  { "date", 0, 0, G_OPTION_ARG_STRING, &(o).date, \
    N_("The day the plan is agreed (default: today)"), N_("YYYY-MM-DD") }

static void
print_schedule_json (ArPlanDraft *draft, const char *external_id, const ArPlanSchedule *s)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *currency = ar_plan_draft_get_currency (draft);

  json_builder_begin_object (builder);
  add_string (builder, "debtor", external_id);
  add_string (builder, "currency", currency);
  add_money (builder, "total", s->total, currency);
  add_money (builder, "down_payment", s->down_payment, currency);
  json_builder_set_member_name (builder, "instalments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < s->rows->len; i++)
    {
      const ArPlanScheduleRow *row = &g_array_index (s->rows, ArPlanScheduleRow, i);

      if (row->seq == 0)
        continue;
      json_builder_begin_object (builder);
      add_day (builder, "due", row->due);
      add_money (builder, "amount", row->amount, currency);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  print_json (builder);
}

static void
print_schedule_table (ArPlanDraft *draft, const char *external_id, const ArPlanSchedule *s)
{
  const char *currency = ar_plan_draft_get_currency (draft);
  g_autoptr(ArCliTable) table = ar_cli_table_new ("rlrl");
  g_autoptr(GString) covered = g_string_new (NULL);
  g_autofree char *total = ar_money_format (s->total, currency);
  g_autofree char *cost = ar_money_format (s->cost, currency);
  g_autofree char *principal = ar_money_format (s->principal, currency);
  const char *header[] = { "#", _("Due"), _("Amount"), "" };

  for (guint i = 0; i < ar_plan_draft_get_n_items (draft); i++)
    {
      const ArPlanItem *item = ar_plan_draft_get_item (draft, i);

      if (item->included)
        g_string_append_printf (covered, "%s%s", covered->len ? ", " : "", item->number);
    }
  g_print (_("Payment plan for %s in %s\n"), external_id, currency);
  g_print (_("  Covers:     %s (%s)\n"), covered->str, principal);
  g_print (_("  Total:      %s, of which the plan’s cost %s\n"), total, cost);
  g_print ("\n");
  ar_cli_table_add_row (table, header);
  for (guint i = 0; i < s->rows->len; i++)
    {
      const ArPlanScheduleRow *row = &g_array_index (s->rows, ArPlanScheduleRow, i);
      g_autofree char *seq = g_strdup_printf ("%u", row->seq);
      g_autofree char *due = format_day (row->due);
      g_autofree char *amount = ar_money_format (row->amount, currency);
      const char *cells[] = { seq, due, amount, row->seq == 0 ? _("down payment") : "" };

      ar_cli_table_add_row (table, cells);
    }
  ar_cli_table_print (table, "  ");
}

static int
plan_preview (const ArCliCommand *command, GStrv *args)
{
  g_auto(TermsOptions) o = { 0 };
  const GOptionEntry entries[] = {
    TERMS_ENTRIES (o),
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print JSON (amounts as decimal strings)"),
      NULL },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(ArPlanDraft) draft = NULL;
  const ArPlanSchedule *schedule;
  int status;

  if (!ar_cli_parse_options (command, entries,
                             _("Computes the schedule of a payment plan on the debtor’s open "
                               "invoices — equal instalments with the remainder on the last, "
                               "due dates by the frequency (monthly dates keep the first date’s "
                               "day, clamped to the month’s end) — and prints it. Nothing is "
                               "saved."),
                             args, 2, 2))
    return AR_CLI_EXIT_USAGE;
  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if ((draft = terms_draft (command, ledger, (*args)[2], &o, &status)) == NULL)
    return status;
  schedule = ar_plan_draft_get_schedule (draft, NULL);
  if (o.json)
    print_schedule_json (draft, (*args)[2], schedule);
  else
    print_schedule_table (draft, (*args)[2], schedule);
  return AR_CLI_EXIT_OK;
}

static int
plan_create (const ArCliCommand *command, GStrv *args)
{
  g_auto(TermsOptions) o = { 0 };
  const GOptionEntry entries[] = {
    TERMS_ENTRIES (o),
    { "note", 0, 0, G_OPTION_ARG_STRING, &o.note, N_("A note kept with the plan"), "T" },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &o.channel,
      N_("How the plan was agreed: call (default), letter, email, visit, sms or note"),
      N_("KIND") },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(ArPlanDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if (!ar_cli_parse_options (command, entries,
                             _("Saves a payment plan on the debtor’s open invoices, in one "
                               "transaction: the plan and its schedule, any set-up fee or "
                               "interest as a charge, an activity in the debtor’s log whose "
                               "next action is the first due date, and the debtor’s status "
                               "set to plan. Prints the new plan’s id."),
                             args, 2, 2))
    return AR_CLI_EXIT_USAGE;
  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if ((draft = terms_draft (command, ledger, (*args)[2], &o, &status)) == NULL)
    return status;
  if ((id = ar_ledger_save_plan (ledger, draft, &error)) == 0)
    return plan_fail (error, &o);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return AR_CLI_EXIT_OK;
}

/* plan show ------------------------------------------------------------------------------------ */

static void
print_plan_json (const ArPlan *plan)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, plan->id);
  add_string (builder, "debtor", plan->debtor_external_id);
  add_string (builder, "currency", plan->currency);
  add_day (builder, "as_of", plan->as_of);
  add_string (builder, "state", ar_plan_state_to_string (plan->state));
  add_day (builder, "plan_date", plan->plan_date);
  add_string (builder, "frequency", ar_plan_frequency_to_string (plan->frequency));
  add_money (builder, "principal", plan->principal, plan->currency);
  add_money (builder, "interest", plan->interest, plan->currency);
  add_money (builder, "setup_fee", plan->setup_fee, plan->currency);
  add_money (builder, "total", plan->total, plan->currency);
  add_money (builder, "down_payment", plan->down_payment, plan->currency);
  add_money (builder, "paid", plan->paid, plan->currency);
  add_money (builder, "remaining", plan->remaining, plan->currency);
  add_money (builder, "in_arrears", plan->in_arrears, plan->currency);
  json_builder_set_member_name (builder, "missed");
  json_builder_add_int_value (builder, plan->n_missed);
  add_day (builder, "defaulted_on", plan->defaulted_on);
  add_day (builder, "completed_on", plan->completed_on);
  add_day (builder, "ended_on", plan->ended_on);
  json_builder_set_member_name (builder, "replaces");
  if (plan->replaces_id != 0)
    json_builder_add_int_value (builder, plan->replaces_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "replaced_by");
  if (plan->replaced_by_id != 0)
    json_builder_add_int_value (builder, plan->replaced_by_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "invoices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < plan->invoices->len; i++)
    json_builder_add_string_value (builder,
                                   g_array_index (plan->invoices, ArPlanInvoice, i).number);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "instalments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < plan->instalments->len; i++)
    {
      const ArPlanInstalment *row = &g_array_index (plan->instalments, ArPlanInstalment, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "seq");
      json_builder_add_int_value (builder, row->seq);
      add_day (builder, "due", row->due);
      add_money (builder, "amount", row->amount, plan->currency);
      add_money (builder, "paid", row->paid, plan->currency);
      add_string (builder, "state", ar_instalment_state_to_string (row->state));
      add_day (builder, "paid_on", row->paid_on);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  print_json (builder);
}

static void
print_plan_table (const ArPlan *plan)
{
  g_autoptr(ArCliTable) details = ar_cli_table_new ("ll");
  g_autoptr(ArCliTable) rows = ar_cli_table_new ("rlrrll");
  g_autoptr(GString) covered = g_string_new (NULL);
  g_autofree char *total = ar_money_format (plan->total, plan->currency);
  g_autofree char *paid = ar_money_format (plan->paid, plan->currency);
  g_autofree char *remaining = ar_money_format (plan->remaining, plan->currency);
  g_autofree char *arrears = ar_money_format (plan->in_arrears, plan->currency);
  g_autofree char *made = format_day (plan->plan_date);
  g_autofree char *as_of = format_day (plan->as_of);
  g_autofree char *progress = g_strdup_printf ("%u %%", plan->progress_permille / 10);
  g_autofree char *state = NULL;
  const char *header[] = { "#", _("Due"), _("Amount"), _("Paid"), _("State"), _("Paid on") };

  for (guint i = 0; i < plan->invoices->len; i++)
    g_string_append_printf (covered, "%s%s", i ? ", " : "",
                            g_array_index (plan->invoices, ArPlanInvoice, i).number);
  if (plan->state == AR_PLAN_STATE_DEFAULTED)
    {
      g_autofree char *day = format_day (plan->defaulted_on);

      state = g_strdup_printf (_("%s on %s"), ar_plan_state_to_label (plan->state), day);
    }
  else if (plan->state == AR_PLAN_STATE_CANCELLED || plan->state == AR_PLAN_STATE_RENEGOTIATED)
    {
      g_autofree char *day = format_day (plan->ended_on);

      state = g_strdup_printf (_("%s on %s: %s"), ar_plan_state_to_label (plan->state), day,
                               plan->cancel_reason);
    }
  else
    state = g_strdup (ar_plan_state_to_label (plan->state));

  g_print (_("Plan %" G_GINT64_FORMAT " for %s (%s) as of %s\n"), plan->id, plan->debtor_name,
           plan->debtor_external_id, as_of);
  {
    const char *r1[] = { _("State:"), state };
    const char *r2[] = { _("Agreed on:"), made };
    const char *r3[] = { _("Frequency:"), ar_plan_frequency_to_label (plan->frequency) };
    const char *r4[] = { _("Covers:"), covered->str };
    const char *r5[] = { _("Total:"), total };
    const char *r6[] = { _("Paid:"), paid };
    const char *r7[] = { _("Remaining:"), remaining };
    const char *r8[] = { _("In arrears:"), arrears };
    const char *r9[] = { _("Progress:"), progress };

    ar_cli_table_add_row (details, r1);
    ar_cli_table_add_row (details, r2);
    ar_cli_table_add_row (details, r3);
    ar_cli_table_add_row (details, r4);
    ar_cli_table_add_row (details, r5);
    ar_cli_table_add_row (details, r6);
    ar_cli_table_add_row (details, r7);
    ar_cli_table_add_row (details, r8);
    ar_cli_table_add_row (details, r9);
  }
  if (plan->replaces_id != 0)
    {
      g_autofree char *note = g_strdup_printf (_("Renegotiates plan %" G_GINT64_FORMAT "."),
                                               plan->replaces_id);

      ar_cli_table_add_note (details, note);
    }
  if (plan->replaced_by_id != 0)
    {
      g_autofree char *note = g_strdup_printf (_("Replaced by plan %" G_GINT64_FORMAT "."),
                                               plan->replaced_by_id);

      ar_cli_table_add_note (details, note);
    }
  ar_cli_table_print (details, "  ");
  g_print ("\n");

  ar_cli_table_add_row (rows, header);
  for (guint i = 0; i < plan->instalments->len; i++)
    {
      const ArPlanInstalment *row = &g_array_index (plan->instalments, ArPlanInstalment, i);
      g_autofree char *seq = g_strdup_printf ("%u", row->seq);
      g_autofree char *due = format_day (row->due);
      g_autofree char *amount = ar_money_format (row->amount, plan->currency);
      g_autofree char *row_paid = ar_money_format (row->paid, plan->currency);
      g_autofree char *paid_on = format_day (row->paid_on);
      const char *cells[] = { seq, due, amount, row_paid,
                              ar_instalment_state_to_label (row->state), paid_on };

      ar_cli_table_add_row (rows, cells);
    }
  ar_cli_table_print (rows, "  ");
}

static int
plan_show (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *as_of_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Track the plan as of this day (default: today)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (amounts as decimal strings)"),
      NULL },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(ArPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  guint32 as_of;
  gint64 id;

  if (!ar_cli_parse_options (command, entries,
                             _("Prints the plan’s terms and, as of the date, each instalment: "
                               "paid, partly paid, missed (unpaid once its due date and the "
                               "grace days have passed) or pending, and whether the plan is "
                               "active, completed or defaulted."),
                             args, 2, 2))
    return AR_CLI_EXIT_USAGE;
  if (!parse_id ("PLAN_ID", (*args)[2], &id))
    return AR_CLI_EXIT_FAILURE;
  if (!ar_cli_parse_date ("--as-of", as_of_text, &as_of, &error))
    return ar_cli_fail (error);
  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if ((plan = ar_ledger_get_plan (ledger, id, as_of, &error)) == NULL)
    return ar_cli_fail (error);
  if (json)
    print_plan_json (plan);
  else
    print_plan_table (plan);
  return AR_CLI_EXIT_OK;
}

/* plan cancel ---------------------------------------------------------------------------------- */

static int
plan_cancel (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *reason = NULL;
  g_autofree char *date_text = NULL;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the plan is cancelled (required)"),
      N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("Day of the cancellation (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  guint32 date;
  gint64 id;

  if (!ar_cli_parse_options (command, entries,
                             _("Cancels the plan. Its history stays; its invoices can go into a "
                               "new plan, and the debtor returns to dunning."),
                             args, 2, 2))
    return AR_CLI_EXIT_USAGE;
  if (reason == NULL)
    return ar_cli_usage_error (command, _("--reason: say why the plan is cancelled"));
  if (!parse_id ("PLAN_ID", (*args)[2], &id))
    return AR_CLI_EXIT_FAILURE;
  if (!ar_cli_parse_date ("--date", date_text, &date, &error))
    return ar_cli_fail (error);
  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if (!ar_ledger_cancel_plan (ledger, id, date, reason, &error))
    return ar_cli_fail (error);
  g_print (_("Cancelled plan %" G_GINT64_FORMAT ".\n"), id);
  return AR_CLI_EXIT_OK;
}

/* plans --due-on | --missed ----------------------------------------------------------------- */

typedef struct
{
  ArCliTable  *table;
  JsonBuilder *builder;
  guint        n;
} PlanListing;

static gboolean
list_plan (const ArPlan *plan, gpointer user_data)
{
  PlanListing *listing = user_data;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, plan->id);
  g_autofree char *next_due = format_day (plan->next_due);
  g_autofree char *next_amount = ar_money_format (plan->next_amount, plan->currency);
  g_autofree char *arrears = ar_money_format (plan->in_arrears, plan->currency);
  g_autofree char *missed = g_strdup_printf ("%u", plan->n_missed);

  listing->n++;
  if (listing->builder != NULL)
    {
      JsonBuilder *b = listing->builder;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, plan->id);
      add_string (b, "debtor", plan->debtor_external_id);
      add_string (b, "currency", plan->currency);
      add_string (b, "state", ar_plan_state_to_string (plan->state));
      add_day (b, "next_due", plan->next_due);
      add_money (b, "next_amount", plan->next_amount, plan->currency);
      json_builder_set_member_name (b, "missed");
      json_builder_add_int_value (b, plan->n_missed);
      add_money (b, "in_arrears", plan->in_arrears, plan->currency);
      add_day (b, "defaulted_on", plan->defaulted_on);
      json_builder_end_object (b);
    }
  else
    {
      const char *cells[] = { id, plan->debtor_external_id, plan->debtor_name,
                              ar_plan_state_to_label (plan->state), next_due, next_amount,
                              missed, arrears };

      ar_cli_table_add_row (listing->table, cells);
    }
  return TRUE;
}

int
ar_cli_run_plans (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *due_on_text = NULL;
  g_autofree char *as_of_text = NULL;
  gboolean missed = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "due-on", 0, 0, G_OPTION_ARG_STRING, &due_on_text,
      N_("Running plans with an instalment due on this day that is not paid yet"),
      N_("YYYY-MM-DD") },
    { "missed", 0, 0, G_OPTION_ARG_NONE, &missed,
      N_("Plans with missed instalments, and defaulted plans"), NULL },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("With --missed: as of this day (default: today)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (amounts as decimal strings)"),
      NULL },
    { NULL }
  };
  const char *header[] = { _("Plan"), _("Debtor"), _("Name"), _("State"), _("Next due"),
                           _("Amount"), _("Missed"), _("In arrears") };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(ArCliTable) table = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  PlanListing listing = { 0 };
  guint32 day;
  gboolean ok;

  if (!ar_cli_parse_options (command, entries,
                             _("Lists plans for the day’s work: those with an instalment due "
                               "on a day, or those in arrears (missed instalments) and "
                               "defaulted."),
                             args, 1, 1))
    return AR_CLI_EXIT_USAGE;
  if ((due_on_text != NULL) == missed)
    return ar_cli_usage_error (command, _("give --due-on D or --missed, one of them"));
  if (due_on_text != NULL && as_of_text != NULL)
    return ar_cli_usage_error (command, _("--as-of goes with --missed; --due-on is its own "
                                          "date"));
  if (!ar_cli_parse_date (due_on_text != NULL ? "--due-on" : "--as-of",
                          due_on_text != NULL ? due_on_text : as_of_text, &day, &error))
    return ar_cli_fail (error);
  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      add_day (builder, due_on_text != NULL ? "due_on" : "as_of", day);
      json_builder_set_member_name (builder, "plans");
      json_builder_begin_array (builder);
      listing.builder = builder;
    }
  else
    {
      table = ar_cli_table_new ("rlllrrrr");
      ar_cli_table_add_row (table, header);
      listing.table = table;
    }
  ok = due_on_text != NULL
    ? ar_ledger_foreach_plan_due (ledger, day, list_plan, &listing, &error)
    : ar_ledger_foreach_plan_missed (ledger, day, list_plan, &listing, &error);
  if (!ok)
    return ar_cli_fail (error);

  if (json)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else if (listing.n == 0)
    g_print ("%s\n", due_on_text != NULL ? _("No plan has an instalment due that day.")
                                         : _("No plan has a missed instalment."));
  else
    ar_cli_table_print (table, "");
  return AR_CLI_EXIT_OK;
}

/* promise add ---------------------------------------------------------------------------------- */

static int
promise_add (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *date_text = NULL, *every_text = NULL, *times_text = NULL;
  g_autofree char *channel_text = NULL, *note = NULL, *currency_text = NULL;
  g_autofree char *made_on_text = NULL;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("The day the debtor promised to pay (the first day, for a repeating promise)"),
      N_("YYYY-MM-DD") },
    { "every", 0, 0, G_OPTION_ARG_STRING, &every_text,
      N_("A repeating promise: days between payments (7 = weekly)"), N_("DAYS") },
    { "times", 0, 0, G_OPTION_ARG_STRING, &times_text,
      N_("A repeating promise: how many payments"), "N" },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel_text,
      N_("How it was made: call (default), letter, email, visit, sms or note"), N_("KIND") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), "T" },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency_text,
      N_("Currency (default: the debtor’s only currency, else the ledger’s default)"), "C" },
    { "made-on", 0, 0, G_OPTION_ARG_STRING, &made_on_text,
      N_("The day the promise was made (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  ArPromiseInfo info = { 0 };
  gint64 id;

  if (!ar_cli_parse_options (command, entries,
                             _("Records that the debtor promised to pay AMOUNT on a day (with "
                               "--every and --times, a payment every so many days), logs it in "
                               "the debtor’s contact log and prints the promise’s id. A promise "
                               "is kept when payments made from that day on reach its amount "
                               "by its date plus the grace days (3 unless the ledger’s "
                               "promises.grace-days says otherwise)."),
                             args, 3, 3))
    return AR_CLI_EXIT_USAGE;
  if (date_text == NULL)
    return ar_cli_usage_error (command, _("--date: say on which day the debtor will pay"));
  if ((every_text != NULL) != (times_text != NULL))
    return ar_cli_usage_error (command, _("--every and --times go together"));
  if (!ar_cli_parse_date ("--date", date_text, &info.date, &error) ||
      !ar_cli_parse_date ("--made-on", made_on_text, &info.made_on, &error))
    return ar_cli_fail (error);
  if (every_text != NULL)
    {
      gint64 every, times;

      if (!ar_cli_parse_int ("--every", every_text, 1, 366, &every, &error) ||
          !ar_cli_parse_int ("--times", times_text, 2, 104, &times, &error))
        return ar_cli_fail (error);
      info.every_days = (guint) every;
      info.times = (guint) times;
    }
  info.channel = AR_ACTIVITY_CALL;
  if (channel_text != NULL && !ar_activity_kind_from_string (channel_text, &info.channel))
    {
      ar_cli_error (_("--channel: expected call, letter, email, visit, sms or note, not “%s”"),
                    channel_text);
      return AR_CLI_EXIT_FAILURE;
    }
  if (currency_text != NULL &&
      (currency = ar_cli_parse_currency ("--currency", currency_text, &error)) == NULL)
    return ar_cli_fail (error);

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if ((info.debtor_id = lookup_debtor (ledger, (*args)[2])) == 0)
    return AR_CLI_EXIT_FAILURE;
  if (currency == NULL)
    {
      /* The same default as `pay`: the debtor's only currency, else the ledger's. */
      g_auto(GStrv) currencies = ar_debtor_ledger_get_currencies (ledger, info.debtor_id,
                                                                   &error);

      if (currencies == NULL)
        return ar_cli_fail (error);
      currency = g_strv_length (currencies) == 1 ? g_strdup (currencies[0])
                                                 : ar_cli_default_currency (ledger);
    }
  info.currency = currency;
  if (!ar_cli_parse_amount ("AMOUNT", (*args)[3], currency, &info.amount, &error))
    return ar_cli_fail (error);
  info.note = note;
  if ((id = ar_ledger_add_promise (ledger, &info, &error)) == 0)
    return ar_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return AR_CLI_EXIT_OK;
}

/* promise list --------------------------------------------------------------------------------- */

typedef struct
{
  ArCliTable  *table;
  JsonBuilder *builder;
  guint        n;
} PromiseListing;

static gboolean
list_promise (const ArPromise *p, gpointer user_data)
{
  PromiseListing *listing = user_data;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, p->id);
  g_autofree char *date = format_day (p->date);
  g_autofree char *until = format_day (p->until);
  g_autofree char *amount = ar_money_format (p->amount, p->currency);
  g_autofree char *paid = ar_money_format (p->paid, p->currency);
  g_autofree char *series = p->series_length > 1
    ? g_strdup_printf ("%u/%u", p->series_index, p->series_length) : g_strdup ("");

  listing->n++;
  if (listing->builder != NULL)
    {
      JsonBuilder *b = listing->builder;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, p->id);
      add_string (b, "debtor", p->debtor_external_id);
      add_string (b, "currency", p->currency);
      add_money (b, "amount", p->amount, p->currency);
      add_day (b, "date", p->date);
      add_day (b, "until", p->until);
      add_money (b, "paid", p->paid, p->currency);
      add_string (b, "state", ar_promise_state_to_string (p->state));
      add_string (b, "channel", ar_activity_kind_to_string (p->channel));
      json_builder_set_member_name (b, "series_index");
      json_builder_add_int_value (b, p->series_index);
      json_builder_set_member_name (b, "series_length");
      json_builder_add_int_value (b, p->series_length);
      add_string (b, "note", p->note);
      json_builder_end_object (b);
    }
  else
    {
      const char *cells[] = { id, p->debtor_external_id, date, amount, paid,
                              ar_promise_state_to_label (p->state), until, series, p->note };

      ar_cli_table_add_row (listing->table, cells);
    }
  return TRUE;
}

static int
promise_list (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *as_of_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Whether kept as of this day (default: today)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (amounts as decimal strings)"),
      NULL },
    { NULL }
  };
  const char *header[] = { _("Id"), _("Debtor"), _("Date"), _("Amount"), _("Paid"), _("State"),
                           _("Until"), _("Series"), _("Note") };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(ArCliTable) table = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  PromiseListing listing = { 0 };
  gint64 debtor_id = 0;
  guint32 as_of;

  if (!ar_cli_parse_options (command, entries,
                             _("Lists the promises to pay of one debtor, or of everyone, with "
                               "what was paid toward each and its state: pending, kept, partly "
                               "kept, broken or cancelled."),
                             args, 1, 2))
    return AR_CLI_EXIT_USAGE;
  if (!ar_cli_parse_date ("--as-of", as_of_text, &as_of, &error))
    return ar_cli_fail (error);
  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if ((*args)[2] != NULL && (debtor_id = lookup_debtor (ledger, (*args)[2])) == 0)
    return AR_CLI_EXIT_FAILURE;

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      add_day (builder, "as_of", as_of);
      json_builder_set_member_name (builder, "promises");
      json_builder_begin_array (builder);
      listing.builder = builder;
    }
  else
    {
      table = ar_cli_table_new ("rllrrllll");
      ar_cli_table_add_row (table, header);
      listing.table = table;
    }
  if (!ar_ledger_list_promises (ledger, debtor_id, as_of, list_promise, &listing, &error))
    return ar_cli_fail (error);
  if (json)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else if (listing.n == 0)
    g_print ("%s\n", _("No promises to pay."));
  else
    ar_cli_table_print (table, "");
  return AR_CLI_EXIT_OK;
}
