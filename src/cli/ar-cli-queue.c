/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "arrears-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ar-cli-common.h"
#include "ar-date.h"
#include "ar-money.h"
#include "ar-queue.h"

/* queue: today's actions, most urgent first (the window's work queue, headless). */

static const struct
{
  ArQueueActions action;
  const char    *name;
} action_names[] = {
  { AR_QUEUE_ACTION_CALL, "call" },
  { AR_QUEUE_ACTION_LETTER, "letter" },
  { AR_QUEUE_ACTION_SNOOZE, "snooze" },
  { AR_QUEUE_ACTION_OPEN, "open" },
};

static void
print_json (ArQueue *queue, guint shown)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  char date[11];
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "as_of");
  json_builder_add_string_value (builder, ar_date_format_julian (ar_queue_get_as_of (queue),
                                                                 date));
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, ar_queue_get_n_items (queue));
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < shown; i++)
    {
      const ArQueueItem *item = ar_queue_get_item (queue, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, ar_queue_kind_to_string (item->kind));
      json_builder_set_member_name (builder, "debtor");
      json_builder_add_string_value (builder, item->debtor_external_id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, item->debtor_name);
      if (item->currency[0] != '\0')
        {
          g_autofree char *overdue = ar_money_format_plain (item->overdue, item->currency);

          json_builder_set_member_name (builder, "currency");
          json_builder_add_string_value (builder, item->currency);
          json_builder_set_member_name (builder, "overdue");
          json_builder_add_string_value (builder, overdue);
        }
      else
        {
          json_builder_set_member_name (builder, "currency");
          json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "overdue");
          json_builder_add_null_value (builder);
        }
      json_builder_set_member_name (builder, "days_overdue");
      json_builder_add_int_value (builder, item->days_overdue);
      json_builder_set_member_name (builder, "score");
      json_builder_add_int_value (builder, item->score);
      json_builder_set_member_name (builder, "since");
      if (item->since != 0)
        json_builder_add_string_value (builder, ar_date_format_julian (item->since, date));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, item->detail);
      json_builder_set_member_name (builder, "actions");
      json_builder_begin_array (builder);
      for (guint a = 0; a < G_N_ELEMENTS (action_names); a++)
        if (item->actions & action_names[a].action)
          json_builder_add_string_value (builder, action_names[a].name);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  ar_cli_write_stdout (data, length);
  ar_cli_write_stdout ("\n", 1);
}

static void
print_table (ArQueue *queue, guint shown)
{
  g_autoptr(ArCliTable) table = ar_cli_table_new ("rlllrrll");
  guint n = ar_queue_get_n_items (queue);
  char date[11];
  const char *header[] = {
    "#", _("Kind"), _("Debtor"), _("Name"), _("Overdue"), _("Days"), _("Since"), _("Note"),
  };

  ar_date_format_julian (ar_queue_get_as_of (queue), date);
  if (n == 0)
    {
      g_print (_("Nothing to do on %s.\n"), date);
      return;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Work queue for %s: %u item\n",
                        "Work queue for %s: %u items\n", n), date, n);

  ar_cli_table_add_row (table, header);
  for (guint i = 0; i < shown; i++)
    {
      const ArQueueItem *item = ar_queue_get_item (queue, i);
      g_autofree char *rank = g_strdup_printf ("%u", i + 1);
      g_autofree char *overdue = item->currency[0] != '\0'
        ? ar_money_format (item->overdue, item->currency) : g_strdup ("—");
      g_autofree char *days = g_strdup_printf ("%u", item->days_overdue);
      char since[11] = "";
      const char *row[8];

      if (item->since != 0)
        ar_date_format_julian (item->since, since);
      row[0] = rank;
      row[1] = ar_queue_kind_to_label (item->kind);
      row[2] = item->debtor_external_id;
      row[3] = item->debtor_name;
      row[4] = overdue;
      row[5] = days;
      row[6] = since;
      row[7] = item->detail;
      ar_cli_table_add_row (table, row);
    }
  if (shown < n)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "… and %u more item",
                                                            "… and %u more items",
                                                            n - shown), n - shown);
      ar_cli_table_add_note (table, more);
    }
  ar_cli_table_print (table, "  ");
}

int
ar_cli_run_queue (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *as_of_text = NULL, *limit_text = NULL;
  gboolean json = FALSE, with_dunning = FALSE;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("The day to list the actions of (default: today)"), N_("YYYY-MM-DD") },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text,
      N_("List at most N items (the count is still the whole queue’s)"), "N" },
    { "with-dunning", 0, 0, G_OPTION_ARG_NONE, &with_dunning,
      N_("Also list the debtors due their next dunning level (runs the dunning preview: slower "
         "on a large book)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(ArQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  gint64 limit = G_MAXUINT;
  guint32 as_of;
  guint shown;

  if (!ar_cli_parse_options (command, entries,
                             _("Lists promises broken or due today, missed plan instalments, "
                               "follow-ups whose next action date has come, holds and snoozes "
                               "ending, and debtors ready for the agency, by priority: the "
                               "amount overdue weighted by how long it has waited (×2 at 30 "
                               "days, ×4 at 90). An item leaves the queue when it is done: "
                               "paid, cancelled, released or extended, or followed up by an "
                               "activity logged after it arose. With --with-dunning, the debtors "
                               "due their next dunning level too."),
                             args, 1, 1))
    return AR_CLI_EXIT_USAGE;
  if (!ar_cli_parse_date ("--as-of", as_of_text, &as_of, &error) ||
      (limit_text != NULL &&
       !ar_cli_parse_int ("--limit", limit_text, 0, G_MAXUINT, &limit, &error)))
    return ar_cli_fail (error);

  ledger = ar_cli_open_ledger ((*args)[1]);
  if (ledger == NULL)
    return AR_CLI_EXIT_FAILURE;
  queue = ar_queue_build (ledger, as_of, &error);
  if (queue == NULL)
    return ar_cli_fail (error);
  if (with_dunning)
    {
      g_autoptr(ArDunningPreview) preview = ar_dunning_preview_new (ledger, as_of, NULL, &error);

      if (preview == NULL || !ar_queue_add_dunning (queue, ledger, preview, &error))
        return ar_cli_fail (error);
    }

  shown = MIN (ar_queue_get_n_items (queue), (guint) limit);
  if (json)
    print_json (queue, shown);
  else
    print_table (queue, shown);
  return AR_CLI_EXIT_OK;
}
