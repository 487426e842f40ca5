/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "arrears-cli"
#include "config.h"

#include <string.h>

#include <fontconfig/fontconfig.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ar-cli-common.h"
#include "ar-date.h"
#include "ar-doc-dunning.h"
#include "ar-dunning-run.h"
#include "ar-hold.h"

/* dunning preview|run, hold, levels, waive: the dunning workflow from the command line. */

#define MAX_WARNINGS 50

static char *
date_text (guint32 julian)
{
  char buf[11];

  return julian != 0 ? g_strdup (ar_date_format_julian (julian, buf)) : NULL;
}

static void
add_money (JsonBuilder *b, const char *name, gint64 amount, const char *currency)
{
  g_autofree char *text = ar_money_format_plain (amount, currency);

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, text);
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_bool (JsonBuilder *b, const char *name, gboolean value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
print_preview_json (ArDunningPreview *preview)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *as_of = date_text (ar_dunning_preview_get_as_of (preview));
  g_autofree char *data = NULL;
  guint proposed = ar_dunning_preview_get_n_proposed (preview);
  gsize length;

  json_builder_begin_object (b);
  add_string (b, "as_of", as_of);
  add_int (b, "proposed", proposed);
  add_int (b, "excluded", ar_dunning_preview_get_n_proposals (preview) - proposed);
  json_builder_set_member_name (b, "debtors");
  json_builder_begin_array (b);
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
    {
      const ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, i);
      const ArDunningLevel *level = ar_dunning_preview_get_level (preview, p->level);
      g_autofree char *deadline = date_text (p->deadline);
      g_autofree char *level_name = level != NULL ? ar_dunning_level_get_name (level) : NULL;

      json_builder_begin_object (b);
      add_string (b, "debtor", p->external_id);
      add_string (b, "name", p->name);
      add_string (b, "currency", p->currency);
      add_string (b, "outcome", ar_dunning_outcome_to_string (p->outcome));
      if (p->outcome == AR_DUNNING_PROPOSED)
        {
          add_int (b, "level", p->level);
          add_string (b, "level_name", level_name);
          add_bool (b, "hand_over", p->hand_over);
          add_string (b, "deadline", deadline);
        }
      else
        add_string (b, "reason", p->detail);
      add_money (b, "overdue", p->overdue, p->currency);
      add_money (b, "fees", p->fees, p->currency);
      add_money (b, "interest", p->interest, p->currency);
      add_money (b, "total_due", p->total_due != 0 ? p->total_due : p->overdue, p->currency);
      json_builder_set_member_name (b, "items");
      json_builder_begin_array (b);
      for (guint k = 0; k < p->n_items; k++)
        {
          const ArDunningItem *it = ar_dunning_preview_get_item (preview, p->first_item + k);
          g_autofree char *due = date_text (it->due_date);

          json_builder_begin_object (b);
          add_string (b, "invoice", it->invoice_number);
          add_string (b, "kind", ar_entry_kind_to_string (it->kind));
          add_string (b, "due", due);
          add_int (b, "days_overdue", it->days_overdue);
          add_money (b, "open", it->open, p->currency);
          add_int (b, "level", it->current_level);
          add_int (b, "next_level", it->next_level);
          add_bool (b, "on_hold", it->on_hold);
          add_money (b, "fee", it->fee, p->currency);
          add_money (b, "interest", it->interest, p->currency);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  ar_cli_write_stdout (data, length);
  ar_cli_write_stdout ("\n", 1);
}

static void
print_preview_table (ArDunningPreview *preview)
{
  g_autoptr(ArCliTable) table = ar_cli_table_new ("lllrrrrl");
  const char *header[] = {
    _("Debtor"), _("Currency"), _("Level"), _("Items"), _("Overdue"), _("Fees"), _("Interest"),
    _("Deadline or reason"),
  };
  guint proposed = 0;

  ar_cli_table_add_row (table, header);
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
    {
      const ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, i);
      const ArDunningLevel *level = ar_dunning_preview_get_level (preview, p->level);
      g_autofree char *name = level != NULL ? ar_dunning_level_get_name (level) : g_strdup ("–");
      g_autofree char *items = g_strdup_printf ("%u", p->n_items);
      g_autofree char *overdue = ar_money_format_plain (p->overdue, p->currency);
      g_autofree char *fees = ar_money_format_plain (p->fees, p->currency);
      g_autofree char *interest = ar_money_format_plain (p->interest, p->currency);
      g_autofree char *deadline = date_text (p->deadline);
      g_autofree char *what = NULL;
      const char *row[8];

      if (p->outcome == AR_DUNNING_PROPOSED)
        {
          proposed++;
          what = p->hand_over ? g_strdup (_("hand over to the agency")) : g_strdup (deadline);
        }
      else
        what = g_strdup_printf (_("excluded: %s"), p->detail);
      row[0] = p->external_id;
      row[1] = p->currency;
      row[2] = p->outcome == AR_DUNNING_PROPOSED ? name : "–";
      row[3] = items;
      row[4] = overdue;
      row[5] = fees;
      row[6] = interest;
      row[7] = what;
      ar_cli_table_add_row (table, row);
    }
  {
    g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u letter proposed, %u excluded",
                                                          "%u letters proposed, %u excluded",
                                                          proposed),
                                             proposed,
                                             ar_dunning_preview_get_n_proposals (preview) -
                                               proposed);
    ar_cli_table_add_note (table, note);
  }
  ar_cli_table_print (table, "");
}

/* --exclude ID,ID: every id must be a debtor of the book. */
static gboolean
apply_excludes (ArLedger *ledger, ArDunningPreview *preview, const char *list, GError **error)
{
  g_auto(GStrv) ids = NULL;

  if (list == NULL)
    return TRUE;
  ids = g_strsplit (list, ",", -1);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_strstrip (ids[i]);
      if (ids[i][0] == '\0')
        continue;
      if (ar_ledger_lookup_debtor (ledger, ids[i]) == 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--exclude: no debtor has the id “%s”"), ids[i]);
          return FALSE;
        }
      ar_dunning_preview_deselect (preview, ids[i]);
    }
  return TRUE;
}

/* Writes @bytes to @path, which must not exist. */
static gboolean
write_new_file (const char *path, GBytes *bytes, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = g_file_create (file, G_FILE_CREATE_PRIVATE, NULL, error);
  gsize written;

  if (out == NULL)
    return FALSE;
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), &written, NULL, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error))
    {
      g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static int
run_dunning (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *as_of_text = NULL, *output = NULL, *exclude = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("The run’s date and the letters’ date (default: today)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("preview: print the proposals as JSON"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("run: write the letters into this PDF, for printing (never replaced)"),
      N_("FILE.pdf") },
    { "exclude", 0, 0, G_OPTION_ARG_STRING, &exclude,
      N_("Leave these debtors out of the run (ids from debtors.csv, comma-separated)"),
      N_("ID,ID") },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(ArDunningPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) batch = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  ArDunningCommitResult result = { 0 };
  gboolean run;
  guint32 as_of;
  guint n_letters = 0, n_selected = 0;
  g_autofree char *date = NULL;

  if (!ar_cli_parse_options (command, entries,
                             _("preview proposes, as of a date, the next dunning level for each "
                               "debtor with something overdue: one letter per debtor and "
                               "currency listing all its overdue items, with the fees and "
                               "interest it charges and the payment deadline, or the reason the "
                               "debtor is left out (cease contact; bankrupt, deceased, agency, "
                               "legal and similar statuses; a dispute or snooze; a pending "
                               "promise or a plan being kept; every overdue invoice on hold; "
                               "less overdue than the minimum; credit on account that covers "
                               "it; items already at their level or not long enough at it). "
                               "Nothing is written.\n\n"
                               "run renders the letters proposed into one PDF (-o) and records "
                               "them, in one transaction: each letter as sent with its exact "
                               "PDF, the items’ new levels, the fees and interest as entries of "
                               "their own naming invoice and level, and status “agency” for a "
                               "hand-over. Running again on the same day sends and posts "
                               "nothing twice. When nobody is due a letter, nothing is written "
                               "and the exit status is 0."),
                             args, 2, 2))
    return AR_CLI_EXIT_USAGE;
  if (g_strcmp0 ((*args)[1], "preview") != 0 && g_strcmp0 ((*args)[1], "run") != 0)
    return ar_cli_usage_error (command, _("dunning: say preview or run, not “%s”"), (*args)[1]);
  run = g_str_equal ((*args)[1], "run");
  if (run && output == NULL)
    return ar_cli_usage_error (command, _("dunning run: give -o FILE.pdf"));
  if (run && json)
    return ar_cli_usage_error (command, _("dunning run: --json is for preview"));
  if (!run && output != NULL)
    return ar_cli_usage_error (command, _("dunning preview: -o is for run"));
  if (!ar_cli_parse_date ("--as-of", as_of_text, &as_of, &error))
    return ar_cli_fail (error);
  if (run && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      ar_cli_error (_("“%s” already exists; letters never replace a file"), output);
      return AR_CLI_EXIT_FAILURE;
    }

  if ((ledger = ar_cli_open_ledger ((*args)[2])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  preview = ar_dunning_preview_new (ledger, as_of, NULL, &error);
  if (preview == NULL || !apply_excludes (ledger, preview, exclude, &error))
    return ar_cli_fail (error);

  if (!run)
    {
      if (json)
        print_preview_json (preview);
      else
        print_preview_table (preview);
      return AR_CLI_EXIT_OK;
    }

  date = date_text (as_of);
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
    {
      const ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, i);
      n_selected += p->selected && p->outcome == AR_DUNNING_PROPOSED;
    }
  if (n_selected == 0)
    {
      g_print (_("No debtor is due a dunning letter as of %s; nothing was sent or posted.\n"),
               date);
      return AR_CLI_EXIT_OK;
    }

  batch = ar_doc_dunning_render (ledger, preview, NULL, warnings, &n_letters, &error);
  if (batch == NULL && error != NULL)
    return ar_cli_fail (error);
  for (guint i = 0; i < warnings->len && i < MAX_WARNINGS; i++)
    ar_cli_error (_("warning: %s"), (const char *) g_ptr_array_index (warnings, i));
  /* The file first: if the ledger then refuses, the file goes again and nothing is recorded. */
  if (batch != NULL && !write_new_file (output, batch, &error))
    return ar_cli_fail (error);
  if (!ar_dunning_run_commit (ledger, preview, &result, &error))
    {
      if (batch != NULL)
        g_unlink (output);
      return ar_cli_fail (error);
    }

  if (result.n_letters > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u letter written to %s and recorded as sent\n",
                          "%u letters written to %s and recorded as sent\n", result.n_letters),
             result.n_letters, output);
  if (result.n_hand_overs > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u debtor marked ready for the agency\n",
                          "%u debtors marked ready for the agency\n", result.n_hand_overs),
             result.n_hand_overs);
  if (result.n_fees + result.n_interest > 0)
    g_print (_("Fee entries posted: %u; interest entries posted: %u\n"), result.n_fees,
             result.n_interest);
  if (result.n_skipped > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u letter was recorded already and was skipped\n",
                          "%u letters were recorded already and were skipped\n",
                          result.n_skipped), result.n_skipped);
  return AR_CLI_EXIT_OK;
}

int
ar_cli_run_dunning (const ArCliCommand *command, GStrv *args)
{
  int status = run_dunning (command, args);

  /* As in `letters`: release fontconfig so that LeakSanitizer sees a clean exit. */
  FcFini ();
  return status;
}

/* hold ---------------------------------------------------------------------------------------- */

static gboolean
print_hold (const ArHold *h, gpointer user_data)
{
  ArCliTable *table = user_data;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, h->id);
  g_autofree char *start = date_text (h->start);
  g_autofree char *until = h->until ? date_text (h->until) : g_strdup ("–");
  g_autofree char *released = h->released ? date_text (h->released) : g_strdup ("–");
  const char *row[] = {
    id, ar_hold_kind_to_string (h->kind), h->invoice_number ? h->invoice_number : "–",
    start, until, released, h->reason,
  };

  ar_cli_table_add_row (table, row);
  return TRUE;
}

int
ar_cli_run_hold (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *until_text = NULL, *reason = NULL, *invoice = NULL, *release = NULL;
  g_autofree char *from_text = NULL;
  gboolean dispute = FALSE, list = FALSE;
  const GOptionEntry entries[] = {
    { "until", 0, 0, G_OPTION_ARG_STRING, &until_text,
      N_("The last day of the hold (a snooze needs one; a dispute without one lasts until "
         "released)"), N_("YYYY-MM-DD") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why dunning is held"), N_("TEXT") },
    { "invoice", 0, 0, G_OPTION_ARG_STRING, &invoice,
      N_("Hold only this invoice, not the whole debtor"), N_("NO") },
    { "dispute", 0, 0, G_OPTION_ARG_NONE, &dispute,
      N_("The debtor disputes the debt (default: a snooze)"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("The first day of the hold, or of the release (default: today)"), N_("YYYY-MM-DD") },
    { "release", 0, 0, G_OPTION_ARG_STRING, &release,
      N_("Release the hold with this number (see --list)"), N_("HOLD_ID") },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the debtor’s holds"), NULL },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  ArHoldInfo info = { 0 };
  gint64 debtor_id, id = 0;
  guint32 from = 0;

  if (!ar_cli_parse_options (command, entries,
                             _("Holds keep a debtor, or one invoice with --invoice, out of "
                               "dunning runs: a snooze until a date, or a dispute (--dispute) "
                               "until released. Both are recorded with their reason and shown "
                               "with the debtor; they are released, never deleted."),
                             args, 2, 2))
    return AR_CLI_EXIT_USAGE;
  if ((release != NULL) + list + (reason != NULL) != 1)
    return ar_cli_usage_error (command, _("hold: give --reason to place a hold, --release "
                                          "HOLD_ID to release one, or --list"));
  if (from_text != NULL && !ar_cli_parse_date ("--from", from_text, &from, &error))
    return ar_cli_fail (error);
  if (until_text != NULL && !ar_cli_parse_date ("--until", until_text, &info.until, &error))
    return ar_cli_fail (error);

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  debtor_id = ar_ledger_lookup_debtor (ledger, (*args)[2]);
  if (debtor_id == 0)
    {
      ar_cli_error (_("debtor: no debtor has the id “%s”"), (*args)[2]);
      return AR_CLI_EXIT_FAILURE;
    }

  if (list)
    {
      g_autoptr(ArCliTable) table = ar_cli_table_new ("rllllll");
      const char *header[] = {
        _("Hold"), _("Kind"), _("Invoice"), _("From"), _("Until"), _("Released"), _("Reason"),
      };

      ar_cli_table_add_row (table, header);
      if (!ar_hold_list_for_debtor (ledger, debtor_id, print_hold, table, &error))
        return ar_cli_fail (error);
      ar_cli_table_print (table, "");
      return AR_CLI_EXIT_OK;
    }
  if (release != NULL)
    {
      gint64 hold_id;

      if (!ar_cli_parse_int ("--release", release, 1, G_MAXINT64, &hold_id, &error) ||
          !ar_hold_release (ledger, hold_id, from, "", &error))
        return ar_cli_fail (error);
      g_print (_("Hold %" G_GINT64_FORMAT " released\n"), hold_id);
      return AR_CLI_EXIT_OK;
    }

  info.debtor_id = debtor_id;
  info.kind = dispute ? AR_HOLD_DISPUTE : AR_HOLD_SNOOZE;
  info.reason = reason;
  info.start = from;
  if (invoice != NULL)
    {
      ArInvoiceRef ref;

      if (!ar_ledger_lookup_invoice (ledger, invoice, &ref))
        {
          ar_cli_error (_("--invoice: there is no invoice “%s”"), invoice);
          return AR_CLI_EXIT_FAILURE;
        }
      info.invoice_id = ref.id;
    }
  if (!ar_hold_place (ledger, &info, &id, &error))
    return ar_cli_fail (error);
  g_print (_("Hold %" G_GINT64_FORMAT " placed\n"), id);
  return AR_CLI_EXIT_OK;
}

/* levels -------------------------------------------------------------------------------------- */

/* "5.00" (with @currency) or "2.5%" into @level's fee; "none" removes it. */
static gboolean
parse_fee (const char *text, const char *currency, ArDunningLevel *level, GError **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize len = strlen (copy);

  if (g_str_equal (copy, "none"))
    {
      level->fee_kind = AR_DUNNING_FEE_NONE;
      return TRUE;
    }
  if (len > 1 && copy[len - 1] == '%')
    {
      gint64 bp;

      copy[len - 1] = '\0';
      /* Basis points are a currency with two decimals: "2.5" → 250. */
      if (!ar_money_parse_minor (g_strstrip (copy), 2, &bp, NULL) || bp <= 0 || bp > 10000)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--fee: “%s” is not a percentage above 0 and at most 100 (e.g. 2.5%%)"),
                       text);
          return FALSE;
        }
      level->fee_kind = AR_DUNNING_FEE_PERCENT;
      level->fee_rate_bp = bp;
      return TRUE;
    }
  if (currency == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--fee: a fixed fee needs --fee-currency"));
      return FALSE;
    }
  if (!ar_cli_parse_amount ("--fee", copy, currency, &level->fee_amount, error))
    return FALSE;
  level->fee_kind = AR_DUNNING_FEE_FIXED;
  g_strlcpy (level->fee_currency, currency, sizeof level->fee_currency);
  return TRUE;
}

static gboolean
parse_count (const char *what, const char *text, guint *out, GError **error)
{
  gint64 value;

  if (text == NULL)
    return TRUE;
  if (!ar_cli_parse_int (what, text, 0, 3650, &value, error))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static int
set_level (ArLedger *ledger, GArray *levels, guint number, const char *days, const char *min_days,
           const char *fee, const char *fee_currency, const char *interest, const char *deadline,
           const char *template_level, gboolean hand_over)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  ArDunningLevel l = { 0 };
  guint tmpl = 0;

  if (number >= 1 && number <= levels->len)
    l = g_array_index (levels, ArDunningLevel, number - 1);
  else
    {
      l.level = number;
      l.min_days_since_previous = 7;
      l.deadline_days = 14;
      l.template_level = number;
    }
  if (fee_currency != NULL && (currency = ar_cli_parse_currency ("--fee-currency", fee_currency,
                                                                 &error)) == NULL)
    return ar_cli_fail (error);
  if (!parse_count ("--days", days, &l.days_past_due, &error) ||
      !parse_count ("--min-days", min_days, &l.min_days_since_previous, &error) ||
      !parse_count ("--deadline-days", deadline, &l.deadline_days, &error) ||
      !parse_count ("--template", template_level, &tmpl, &error) ||
      (fee != NULL && !parse_fee (fee, currency, &l, &error)))
    return ar_cli_fail (error);
  if (template_level != NULL)
    l.template_level = tmpl;
  if (interest != NULL)
    {
      if (!g_str_equal (interest, "yes") && !g_str_equal (interest, "no"))
        return ar_cli_usage_error (NULL, _("--interest: say yes or no"));
      l.charges_interest = g_str_equal (interest, "yes");
    }
  if (hand_over)
    {
      l.hand_over = TRUE;
      l.template_level = 0;
    }
  if (!ar_dunning_level_store (ledger, &l, &error))
    return ar_cli_fail (error);
  g_print (_("Level %u saved\n"), l.level);
  return AR_CLI_EXIT_OK;
}

int
ar_cli_run_levels (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *set = NULL, *remove = NULL, *days = NULL, *min_days = NULL, *fee = NULL;
  g_autofree char *fee_currency = NULL, *interest = NULL, *deadline = NULL, *tmpl = NULL;
  gboolean hand_over = FALSE;
  const GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING, &set,
      N_("Change level N, or add it when it is the next number"), N_("N") },
    { "days", 0, 0, G_OPTION_ARG_STRING, &days, N_("--set: days past due to reach it"), N_("N") },
    { "min-days", 0, 0, G_OPTION_ARG_STRING, &min_days,
      N_("--set: days at least since the previous level (7 or more)"), N_("N") },
    { "fee", 0, 0, G_OPTION_ARG_STRING, &fee,
      N_("--set: the fee on each item reaching the level: an amount (with --fee-currency), a "
         "percentage of the item’s open amount (2.5%), or none"), N_("A|P%|none") },
    { "fee-currency", 0, 0, G_OPTION_ARG_STRING, &fee_currency,
      N_("--set: the currency of a fixed fee; items in other currencies pay none"), N_("C") },
    { "interest", 0, 0, G_OPTION_ARG_STRING, &interest,
      N_("--set: whether the level charges interest"), N_("yes|no") },
    { "deadline-days", 0, 0, G_OPTION_ARG_STRING, &deadline,
      N_("--set: the payment deadline, days after the letter (7 or more; 14 for the final "
         "demand)"), N_("N") },
    { "template", 0, 0, G_OPTION_ARG_STRING, &tmpl,
      N_("--set: the letter template’s level"), N_("N") },
    { "hand-over", 0, 0, G_OPTION_ARG_NONE, &hand_over,
      N_("--set: the level sends no letter and marks the debtor ready for the agency"), NULL },
    { "remove", 0, 0, G_OPTION_ARG_STRING, &remove,
      N_("Remove the last level (not one letters were sent at)"), N_("N") },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) levels = NULL;
  g_autoptr(ArCliTable) table = ar_cli_table_new ("rlrrlllr");
  const char *header[] = {
    _("Level"), _("Name"), _("Days past due"), _("Days since previous"), _("Fee"),
    _("Interest"), _("Letter"), _("Deadline days"),
  };

  if (!ar_cli_parse_options (command, entries,
                             _("Lists the dunning levels: when each is reached, what it "
                               "charges, which letter it sends and the payment deadline it "
                               "gives. --set changes a level (or adds the next one); the whole "
                               "sequence is checked before anything is saved."),
                             args, 1, 1))
    return AR_CLI_EXIT_USAGE;
  if (set != NULL && remove != NULL)
    return ar_cli_usage_error (command, _("levels: give --set or --remove, not both"));
  if (set == NULL && (days || min_days || fee || fee_currency || interest || deadline || tmpl ||
                      hand_over))
    return ar_cli_usage_error (command, _("levels: these options go with --set N"));
  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  levels = ar_dunning_levels_load (ledger, &error);
  if (levels == NULL)
    return ar_cli_fail (error);

  if (set != NULL || remove != NULL)
    {
      gint64 number;

      if (!ar_cli_parse_int (set != NULL ? "--set" : "--remove", set != NULL ? set : remove,
                             1, AR_DUNNING_MAX_LEVELS, &number, &error))
        return ar_cli_fail (error);
      if (set != NULL)
        return set_level (ledger, levels, (guint) number, days, min_days, fee, fee_currency,
                          interest, deadline, tmpl, hand_over);
      if (!ar_dunning_level_remove (ledger, (guint) number, &error))
        return ar_cli_fail (error);
      g_print (_("Level %u removed\n"), (guint) number);
      return AR_CLI_EXIT_OK;
    }

  ar_cli_table_add_row (table, header);
  for (guint i = 0; i < levels->len; i++)
    {
      const ArDunningLevel *l = &g_array_index (levels, ArDunningLevel, i);
      g_autofree char *level = g_strdup_printf ("%u", l->level);
      g_autofree char *name = ar_dunning_level_get_name (l);
      g_autofree char *days_text = g_strdup_printf ("%u", l->days_past_due);
      g_autofree char *since = g_strdup_printf ("%u", l->min_days_since_previous);
      g_autofree char *fee_text = NULL;
      g_autofree char *letter = l->hand_over ? g_strdup (_("none (status “agency”)"))
                                             : g_strdup_printf (_("template %u"),
                                                                l->template_level);
      g_autofree char *deadline_text = l->hand_over ? g_strdup ("–")
                                                    : g_strdup_printf ("%u", l->deadline_days);
      const char *row[8];

      switch (l->fee_kind)
        {
        case AR_DUNNING_FEE_FIXED:
          {
            g_autofree char *amount = ar_money_format_plain (l->fee_amount, l->fee_currency);
            fee_text = g_strdup_printf ("%s %s", amount, l->fee_currency);
          }
          break;
        case AR_DUNNING_FEE_PERCENT:
          {
            g_autofree char *rate = ar_money_format_minor (l->fee_rate_bp, 2);
            fee_text = g_strdup_printf ("%s %%", rate);
          }
          break;
        case AR_DUNNING_FEE_NONE:
        default:
          fee_text = g_strdup (_("none"));
          break;
        }
      row[0] = level;
      row[1] = name;
      row[2] = days_text;
      row[3] = since;
      row[4] = fee_text;
      row[5] = l->charges_interest ? _("yes") : _("no");
      row[6] = letter;
      row[7] = deadline_text;
      ar_cli_table_add_row (table, row);
    }
  ar_cli_table_print (table, "");
  return AR_CLI_EXIT_OK;
}

/* dunning-config ------------------------------------------------------------------------------ */

int
ar_cli_run_dunning_config (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *regime = NULL, *apr = NULL, *debtor = NULL, *minimum = NULL;
  g_autofree char *currency_text = NULL;
  const GOptionEntry entries[] = {
    { "interest-regime", 0, 0, G_OPTION_ARG_STRING, &regime,
      N_("The interest calculator for the book, or with --debtor for one debtor (“default” "
         "removes a debtor’s own)"), N_("none|simple|uk-b2b|eu-b2b|de-b2b|de-b2c") },
    { "apr", 0, 0, G_OPTION_ARG_STRING, &apr,
      N_("The yearly rate of simple interest, in percent"), N_("PCT") },
    { "debtor", 0, 0, G_OPTION_ARG_STRING, &debtor,
      N_("Set or show the regime of this debtor (the id from debtors.csv)"), N_("ID") },
    { "minimum", 0, 0, G_OPTION_ARG_STRING, &minimum,
      N_("Write to nobody who owes less than this overdue (with --currency)"), N_("A") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency_text,
      N_("The currency of --minimum (default: the company’s)"), N_("C") },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL, *current = NULL;
  gint64 debtor_id = 0, apr_bp = 0, amount;

  if (!ar_cli_parse_options (command, entries,
                             _("Shows or sets what a dunning run charges besides the levels’ "
                               "fees: the interest calculator of the book and of single debtors "
                               "(the statutory regimes apply only where the law does: uk-b2b "
                               "to companies, eu-b2b to anyone but consumers, de-b2b/de-b2c by "
                               "the debtor’s kind), and the smallest overdue total that gets a "
                               "letter, per currency."),
                             args, 1, 1))
    return AR_CLI_EXIT_USAGE;
  if (apr != NULL && regime == NULL)
    return ar_cli_usage_error (command, _("dunning-config: --apr goes with --interest-regime"));
  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if (debtor != NULL && (debtor_id = ar_ledger_lookup_debtor (ledger, debtor)) == 0)
    {
      ar_cli_error (_("--debtor: no debtor has the id “%s”"), debtor);
      return AR_CLI_EXIT_FAILURE;
    }
  currency = currency_text != NULL ? ar_cli_parse_currency ("--currency", currency_text, &error)
                                   : ar_cli_default_currency (ledger);
  if (currency == NULL)
    return ar_cli_fail (error);

  if (regime != NULL)
    {
      if (apr != NULL && (!ar_money_parse_minor (apr, 2, &apr_bp, NULL) || apr_bp <= 0))
        {
          ar_cli_error (_("--apr: “%s” is not a rate above 0 (e.g. 8.5)"), apr);
          return AR_CLI_EXIT_FAILURE;
        }
      if (!ar_dunning_set_interest_regime (ledger, debtor_id,
                                           g_str_equal (regime, "default") && debtor_id != 0
                                             ? NULL : regime, apr_bp, &error))
        return ar_cli_fail (error);
    }
  if (minimum != NULL)
    {
      if (!ar_cli_parse_amount ("--minimum", minimum, currency, &amount, &error) ||
          !ar_dunning_set_minimum (ledger, currency, amount, &error))
        return ar_cli_fail (error);
    }

  if (!ar_dunning_get_interest_regime (ledger, debtor_id, &current, &apr_bp, &error))
    return ar_cli_fail (error);
  {
    g_autofree char *rate = ar_money_format_minor (apr_bp, 2);
    g_autofree char *min = ar_money_format_plain (ar_dunning_get_minimum (ledger, currency),
                                                  currency);

    if (g_str_equal (current, "simple"))
      g_print (_("interest regime%s%s: simple, %s %% a year\n"), debtor ? " " : "",
               debtor ? debtor : "", rate);
    else
      g_print (_("interest regime%s%s: %s\n"), debtor ? " " : "", debtor ? debtor : "", current);
    g_print (_("minimum overdue for a letter: %s %s\n"), min, currency);
  }
  return AR_CLI_EXIT_OK;
}

/* waive --------------------------------------------------------------------------------------- */

int
ar_cli_run_waive (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *reason = NULL, *date_arg = NULL;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the charge is waived (required)"),
      N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_arg, N_("The waiver’s date (default: today)"),
      N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  gint64 entry_id, reversal = 0;
  guint32 date;

  if (!ar_cli_parse_options (command, entries,
                             _("Waives a fee or interest charge by posting its reversal with the "
                               "reason, so the waiver shows on statements. Other entries are "
                               "corrected with reverse."),
                             args, 2, 2))
    return AR_CLI_EXIT_USAGE;
  if (reason == NULL)
    return ar_cli_usage_error (command, _("waive: give --reason"));
  if (!ar_cli_parse_int ("ENTRY_ID", (*args)[2], 1, G_MAXINT64, &entry_id, &error) ||
      !ar_cli_parse_date ("--date", date_arg, &date, &error))
    return ar_cli_fail (error);
  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if (!ar_dunning_waive_charge (ledger, entry_id, date, reason, &reversal, &error))
    return ar_cli_fail (error);
  g_print (_("Charge %" G_GINT64_FORMAT " waived (reversal %" G_GINT64_FORMAT ")\n"), entry_id,
           reversal);
  return AR_CLI_EXIT_OK;
}
