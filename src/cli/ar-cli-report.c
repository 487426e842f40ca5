/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "arrears-cli"
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ar-aging.h"
#include "ar-cli-common.h"
#include "ar-csv.h"
#include "ar-date.h"
#include "ar-debtor-ledger.h"
#include "ar-debtor-list.h"

/* The reports: aging, debtors and show. Nothing here writes to the ledger. */

static void
write_csv_record (GString *buf, const char * const *fields, guint n_fields)
{
  g_string_truncate (buf, 0);
  ar_csv_append_record (buf, fields, n_fields);
  ar_cli_write_stdout (buf->str, buf->len);
}

/* For people: the entry kinds in words. The ledger's own names ("credit_note") are for files
 * and scripts. */
static const char *
entry_kind_label (ArEntryKind kind)
{
  switch (kind)
    {
    case AR_ENTRY_INVOICE:     return _("invoice");
    case AR_ENTRY_PAYMENT:     return _("payment");
    case AR_ENTRY_CREDIT_NOTE: return _("credit note");
    case AR_ENTRY_REFUND:      return _("refund");
    case AR_ENTRY_FEE:         return _("fee");
    case AR_ENTRY_INTEREST:    return _("interest");
    case AR_ENTRY_WRITE_OFF:   return _("write-off");
    case AR_ENTRY_REVERSAL:    return _("reversal");
    case AR_N_ENTRY_KINDS:
    default:                   return "?";
    }
}

/* aging ------------------------------------------------------------------------------------ */

static void
print_aging_json (const ArAgingReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  char date[11], label[32];
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "as_of");
  json_builder_add_string_value (builder, ar_date_format_julian (report->as_of, date));
  json_builder_set_member_name (builder, "basis");
  json_builder_add_string_value (builder,
                                 report->config.basis == AR_AGING_BY_DUE_DATE ? "due" : "issue");
  json_builder_set_member_name (builder, "totals");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->totals->len; i++)
    {
      const ArAgingTotal *t = &g_array_index (report->totals, ArAgingTotal, i);
      g_autofree char *unapplied = ar_money_format_plain (t->unapplied, t->currency);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, t->currency);
      json_builder_set_member_name (builder, "buckets");
      json_builder_begin_array (builder);
      for (guint b = 0; b < t->n_buckets; b++)
        {
          g_autofree char *amount = ar_money_format_plain (t->buckets[b], t->currency);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder,
                                         ar_aging_bucket_label (&report->config, b, label,
                                                                sizeof label));
          json_builder_set_member_name (builder, "amount");
          json_builder_add_string_value (builder, amount);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "unapplied_credit");
      json_builder_add_string_value (builder, unapplied);
      json_builder_set_member_name (builder, "open_debtors");
      json_builder_add_int_value (builder, t->open_debtors);
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
print_aging_csv (const ArAgingReport *report)
{
  static const char * const header[] = { "currency", "bucket", "amount" };
  g_autoptr(GString) buf = g_string_new (NULL);
  char label[32];

  write_csv_record (buf, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < report->totals->len; i++)
    {
      const ArAgingTotal *t = &g_array_index (report->totals, ArAgingTotal, i);
      g_autofree char *unapplied = ar_money_format_plain (t->unapplied, t->currency);
      g_autofree char *debtors = g_strdup_printf ("%u", t->open_debtors);
      const char *unapplied_row[] = { t->currency, "unapplied_credit", unapplied };
      const char *debtors_row[] = { t->currency, "open_debtors", debtors };

      for (guint b = 0; b < t->n_buckets; b++)
        {
          g_autofree char *amount = ar_money_format_plain (t->buckets[b], t->currency);
          const char *row[] = {
            t->currency, ar_aging_bucket_label (&report->config, b, label, sizeof label), amount,
          };

          write_csv_record (buf, row, G_N_ELEMENTS (row));
        }
      write_csv_record (buf, unapplied_row, G_N_ELEMENTS (unapplied_row));
      write_csv_record (buf, debtors_row, G_N_ELEMENTS (debtors_row));
    }
}

static void
print_aging_table (const ArAgingReport *report)
{
  char date[11], label[32];

  ar_date_format_julian (report->as_of, date);
  g_print (report->config.basis == AR_AGING_BY_DUE_DATE
           ? _("Aging as of %s, by days past the due date\n")
           : _("Aging as of %s, by days since the issue date\n"), date);
  if (report->totals->len == 0)
    {
      g_print (_("Nothing is open.\n"));
      return;
    }

  for (guint i = 0; i < report->totals->len; i++)
    {
      const ArAgingTotal *t = &g_array_index (report->totals, ArAgingTotal, i);
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) amounts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *align = g_strnfill (t->n_buckets + 1, 'r');
      g_autoptr(ArCliTable) table = ar_cli_table_new (align);
      g_autofree char *unapplied = ar_money_format (t->unapplied, t->currency);
      g_autofree char *unapplied_line = NULL;
      g_autofree char *debtors_line = NULL;

      for (guint b = 0; b < t->n_buckets; b++)
        {
          g_ptr_array_add (labels, b == 0 ? g_strdup (_("Current"))
                                          : g_strdup (ar_aging_bucket_label (&report->config, b,
                                                                             label,
                                                                             sizeof label)));
          g_ptr_array_add (amounts, ar_money_format (t->buckets[b], t->currency));
        }
      g_ptr_array_add (labels, g_strdup (_("Total")));
      g_ptr_array_add (amounts, ar_money_format (t->total, t->currency));
      ar_cli_table_add_row (table, (const char * const *) labels->pdata);
      ar_cli_table_add_row (table, (const char * const *) amounts->pdata);

      unapplied_line = g_strdup_printf (_("Unapplied credit: %s"), unapplied);
      debtors_line = g_strdup_printf (_("Open debtors: %u"), t->open_debtors);
      ar_cli_table_add_note (table, unapplied_line);
      ar_cli_table_add_note (table, debtors_line);

      g_print ("\n%s\n", t->currency);
      ar_cli_table_print (table, "  ");
    }
}

int
ar_cli_run_aging (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *as_of_text = NULL, *buckets_text = NULL;
  gboolean json = FALSE, csv = FALSE, by_issue = FALSE;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Age as of this day: later entries are left out (default: today)"), N_("YYYY-MM-DD") },
    { "by-issue-date", 0, 0, G_OPTION_ARG_NONE, &by_issue,
      N_("Age by days since the issue date instead of past the due date"), NULL },
    { "buckets", 0, 0, G_OPTION_ARG_STRING, &buckets_text,
      N_("Upper day limits of the aged buckets (default: the ledger’s, else 30,60,90)"),
      N_("30,60,90") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { NULL }
  };
  g_autoptr(ArAgingReport) report = NULL;
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  ArAgingConfig config;
  guint32 as_of;

  if (!ar_cli_parse_options (command, entries,
                             _("Prints, per currency, the open amounts in each age bucket, "
                               "the unapplied credit and the number of debtors with something "
                               "open. The buckets are “current” (not yet due), then one per "
                               "limit (1-30, 31-60, 61-90) and the rest (91+).\n\n"
                               "--json prints one line:\n"
                               "  {\"as_of\":\"2026-11-15\",\"basis\":\"due\",\"totals\":"
                               "[{\"currency\":\"USD\",\"buckets\":[{\"label\":\"current\","
                               "\"amount\":\"1200.00\"},…],\"unapplied_credit\":\"50.00\","
                               "\"open_debtors\":42}]}\n"
                               "Amounts are strings in the currency’s plain form, never JSON "
                               "numbers.\n\n"
                               "--csv prints the header currency,bucket,amount and, per "
                               "currency, one row per bucket (named by its label), then a row "
                               "with bucket “unapplied_credit” and one with bucket "
                               "“open_debtors” whose amount column holds the count."),
                             args, 1, 1))
    return AR_CLI_EXIT_USAGE;
  if (json && csv)
    return ar_cli_usage_error (command, _("aging: --json and --csv can’t be combined"));
  if (!ar_cli_parse_date ("--as-of", as_of_text, &as_of, &error))
    return ar_cli_fail (error);

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if (!ar_aging_config_load (&config, ledger, &error))
    return ar_cli_fail (error);
  if (by_issue)
    config.basis = AR_AGING_BY_ISSUE_DATE;
  if (buckets_text != NULL && !ar_aging_config_parse_limits (&config, buckets_text, &error))
    return ar_cli_fail (error);

  report = ar_aging_report_compute (ledger, as_of, &config, &error);
  if (report == NULL)
    return ar_cli_fail (error);

  if (json)
    print_aging_json (report);
  else if (csv)
    print_aging_csv (report);
  else
    print_aging_table (report);
  return AR_CLI_EXIT_OK;
}

/* debtors ---------------------------------------------------------------------------------- */

/* The list is streamed, so its columns have fixed widths; names are cut to fit. */
enum
{
  WIDTH_ID      = 12,
  WIDTH_NAME    = 28,
  WIDTH_STATUS  = 11,
  WIDTH_BALANCE = 16,
  WIDTH_DAYS    = 8,
};

typedef struct
{
  gboolean  csv;
  GString  *buf;
  guint     n_rows;
} DebtorsOutput;

static void
print_debtors_header (DebtorsOutput *out)
{
  static const char * const header[] = {
    "external_id", "name", "status", "currency", "balance", "open", "unapplied", "oldest_due",
    "days_overdue",
  };

  if (out->csv)
    {
      write_csv_record (out->buf, header, G_N_ELEMENTS (header));
      return;
    }
  g_string_truncate (out->buf, 0);
  ar_cli_append_cell (out->buf, _("ID"), WIDTH_ID, FALSE, FALSE);
  g_string_append (out->buf, "  ");
  ar_cli_append_cell (out->buf, _("Name"), WIDTH_NAME, FALSE, TRUE);
  g_string_append (out->buf, "  ");
  ar_cli_append_cell (out->buf, _("Status"), WIDTH_STATUS, FALSE, TRUE);
  g_string_append (out->buf, "  ");
  ar_cli_append_cell (out->buf, _("Balance"), WIDTH_BALANCE, TRUE, FALSE);
  g_string_append (out->buf, "  ");
  ar_cli_append_cell (out->buf, _("Days"), WIDTH_DAYS, TRUE, FALSE);
  g_string_append (out->buf, "  ");
  g_string_append (out->buf, _("Oldest due"));
  g_print ("%s\n", out->buf->str);
}

static gboolean
print_debtor_row (const ArDebtorRow *row, gpointer user_data)
{
  DebtorsOutput *out = user_data;
  char due[11];
  g_autofree char *days = g_strdup_printf ("%d", row->days_overdue);

  ar_date_format_julian (row->oldest_due, due);
  out->n_rows++;
  if (out->csv)
    {
      g_autofree char *balance = ar_money_format_plain (row->balance, row->currency);
      g_autofree char *open = ar_money_format_plain (row->open, row->currency);
      g_autofree char *unapplied = ar_money_format_plain (row->unapplied, row->currency);
      const char *fields[] = {
        row->external_id, row->name, ar_debtor_status_to_string (row->status), row->currency,
        balance, open, unapplied, due, days,
      };

      write_csv_record (out->buf, fields, G_N_ELEMENTS (fields));
    }
  else
    {
      g_autofree char *balance = ar_money_format (row->balance, row->currency);

      g_string_truncate (out->buf, 0);
      ar_cli_append_cell (out->buf, row->external_id, WIDTH_ID, FALSE, FALSE);
      g_string_append (out->buf, "  ");
      ar_cli_append_cell (out->buf, row->name, WIDTH_NAME, FALSE, TRUE);
      g_string_append (out->buf, "  ");
      ar_cli_append_cell (out->buf, ar_debtor_status_to_string (row->status), WIDTH_STATUS,
                          FALSE, TRUE);
      g_string_append (out->buf, "  ");
      ar_cli_append_cell (out->buf, balance, WIDTH_BALANCE, TRUE, FALSE);
      g_string_append (out->buf, "  ");
      ar_cli_append_cell (out->buf, row->days_overdue >= 0 ? days : _("not due"), WIDTH_DAYS,
                          TRUE, FALSE);
      g_string_append (out->buf, "  ");
      g_string_append (out->buf, due);
      g_print ("%s\n", out->buf->str);
    }
  return TRUE;
}

int
ar_cli_run_debtors (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *min_days_text = NULL, *min_amount_text = NULL, *currency_text = NULL;
  g_autofree char *sort_text = NULL, *limit_text = NULL, *search = NULL;
  gboolean reverse = FALSE, csv = FALSE;
  const GOptionEntry entries[] = {
    { "min-days", 0, 0, G_OPTION_ARG_STRING, &min_days_text,
      N_("Only debtors whose oldest open item is at least N days overdue"), "N" },
    { "min-amount", 0, 0, G_OPTION_ARG_STRING, &min_amount_text,
      N_("Only balances of at least this amount (see below)"), "A" },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency_text,
      N_("Only balances in this currency"), "C" },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Only debtors whose name or id contains TEXT (ignoring case)"), N_("TEXT") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_text,
      N_("Sort by balance (largest first, the default), days (most overdue first), name or id"),
      "balance|days|name|id" },
    { "reverse", 0, 0, G_OPTION_ARG_NONE, &reverse, N_("Reverse the order"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("List at most N rows"), "N" },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) buf = g_string_new (NULL);
  g_autofree char *currency = NULL;
  DebtorsOutput out = { FALSE, NULL, 0 };
  ArDebtorQuery query;
  gint64 value;

  if (!ar_cli_parse_options (command, entries,
                             _("Lists, as of today, every debtor with something open: one row "
                               "per debtor and currency, with the balance, the days the oldest "
                               "open item is overdue and its due date. Balances in different "
                               "currencies are sorted per currency.\n\n"
                               "--min-amount is read in the --currency, or else in the "
                               "ledger’s default currency, and the same number of minor units "
                               "is then applied to each row in that row’s own currency.\n\n"
                               "--csv prints the columns external_id, name, status, currency, "
                               "balance, open, unapplied, oldest_due, days_overdue with plain "
                               "amounts; days_overdue is negative while the oldest open item "
                               "is not due yet."),
                             args, 1, 1))
    return AR_CLI_EXIT_USAGE;

  ar_debtor_query_init (&query, ar_cli_today ());
  query.search = search;
  if (sort_text != NULL && !ar_debtor_sort_from_string (sort_text, &query.sort))
    {
      ar_cli_error (_("--sort: “%s” is not one of balance, days, name, id"), sort_text);
      return AR_CLI_EXIT_FAILURE;
    }
  /* Largest balance and most days first; names and ids A to Z. */
  query.descending = (query.sort == AR_DEBTOR_SORT_BALANCE || query.sort == AR_DEBTOR_SORT_DAYS)
                     != reverse;
  if (min_days_text != NULL)
    {
      if (!ar_cli_parse_int ("--min-days", min_days_text, 0, 100000, &value, &error))
        return ar_cli_fail (error);
      query.use_min_days = TRUE;
      query.min_days = (int) value;
    }
  if (limit_text != NULL)
    {
      if (!ar_cli_parse_int ("--limit", limit_text, 1, G_MAXUINT, &value, &error))
        return ar_cli_fail (error);
      query.limit = (guint) value;
    }
  if (currency_text != NULL &&
      (currency = ar_cli_parse_currency ("--currency", currency_text, &error)) == NULL)
    return ar_cli_fail (error);
  query.currency = currency;

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if (min_amount_text != NULL)
    {
      g_autofree char *in = currency != NULL ? g_strdup (currency)
                                             : ar_cli_default_currency (ledger);

      if (!ar_cli_parse_amount ("--min-amount", min_amount_text, in, &query.min_amount, &error))
        return ar_cli_fail (error);
    }

  out.csv = csv;
  out.buf = buf;
  print_debtors_header (&out);
  if (!ar_debtor_list_run (ledger, &query, print_debtor_row, &out, &error))
    return ar_cli_fail (error);
  if (!csv && out.n_rows == 0)
    g_print ("%s\n", _("No debtor matches."));
  return AR_CLI_EXIT_OK;
}

/* show ------------------------------------------------------------------------------------- */

static void
add_detail (ArCliTable *table, const char *label, const char *value)
{
  if (value != NULL && value[0] != '\0')
    ar_cli_table_add_row (table, (const char * const[]) { label, value });
}

static void
print_details (const ArDebtorLedger *account)
{
  const ArDebtorDetails *d = &account->debtor;
  g_autoptr(ArCliTable) table = ar_cli_table_new ("ll");
  g_autofree char *since = g_strndup (d->created_at, 10);

  g_print ("%s (%s)\n", d->name, d->external_id);
  add_detail (table, _("Kind:"), ar_debtor_kind_to_string (d->kind));
  add_detail (table, _("Status:"), ar_debtor_status_to_string (d->status));
  if (d->cease_contact)
    add_detail (table, _("Contact:"), _("ceased — do not contact"));
  add_detail (table, _("Company:"), d->company);
  add_detail (table, _("Contact person:"), d->contact_person);
  add_detail (table, _("Language:"), d->language);
  add_detail (table, _("Country:"), d->country);
  add_detail (table, _("Region:"), d->region);
  add_detail (table, _("Time zone:"), d->time_zone);
  add_detail (table, _("Tags:"), d->tags);
  add_detail (table, _("Notes:"), d->notes);
  add_detail (table, _("In the ledger since:"), since);
  ar_cli_table_print (table, "  ");
}

static void
print_contacts (const ArDebtorLedger *account)
{
  g_autoptr(ArCliTable) table = ar_cli_table_new ("llll");

  if (account->contacts->len == 0)
    return;
  for (guint i = 0; i < account->contacts->len; i++)
    {
      const ArDebtorContact *c = &g_array_index (account->contacts, ArDebtorContact, i);
      const char *kind = c->kind == AR_DEBTOR_CONTACT_ADDRESS ? _("address")
                       : c->kind == AR_DEBTOR_CONTACT_PHONE ? _("phone") : _("email");

      ar_cli_table_add_row (table, (const char * const[]) {
        kind, c->label, c->value, ar_contact_status_to_string (c->status),
      });
    }
  g_print ("\n%s\n", _("Contacts"));
  ar_cli_table_print (table, "  ");
}

static void
print_balances (const ArDebtorLedger *account)
{
  g_autoptr(ArCliTable) table = ar_cli_table_new ("lrrrl");

  g_print ("\n%s\n", _("Balance"));
  if (account->balances->len == 0)
    {
      g_print ("  %s\n", _("Nothing owed and no credit on account."));
      return;
    }
  ar_cli_table_add_row (table, (const char * const[]) {
    _("Currency"), _("Owed"), _("Open"), _("Credit on account"), _("Oldest due"),
  });
  for (guint i = 0; i < account->balances->len; i++)
    {
      const ArDebtorBalance *b = &g_array_index (account->balances, ArDebtorBalance, i);
      g_autofree char *balance = ar_money_format (b->balance, b->currency);
      g_autofree char *open = ar_money_format (b->open, b->currency);
      g_autofree char *unapplied = ar_money_format (b->unapplied, b->currency);
      char due[11] = "";

      if (b->oldest_due != 0)
        ar_date_format_julian (b->oldest_due, due);
      ar_cli_table_add_row (table, (const char * const[]) {
        b->currency, balance, open, unapplied, due,
      });
    }
  ar_cli_table_print (table, "  ");
}

static char *
describe_other (const ArDebtorLedger *account, gint64 other_id)
{
  const ArDebtorEntry *other = ar_debtor_ledger_find_entry (account, other_id);
  char date[11];

  if (other == NULL)
    return g_strdup_printf (_("entry %" G_GINT64_FORMAT), other_id);
  ar_date_format_julian (other->date, date);
  if (other->invoice_number != NULL)
    /* Translators: "invoice 12 (INV-7) of 2026-03-01" */
    return g_strdup_printf (_("%s %" G_GINT64_FORMAT " (%s) of %s"),
                            entry_kind_label (other->kind), other->id, other->invoice_number,
                            date);
  /* Translators: "payment 15 of 2026-04-02" */
  return g_strdup_printf (_("%s %" G_GINT64_FORMAT " of %s"),
                          entry_kind_label (other->kind), other->id, date);
}

/* A line under a journal entry, indented past its number. */
static void
add_entry_note (ArCliTable *table, const char *text)
{
  g_autofree char *note = g_strconcat ("       ↳ ", text, NULL);

  ar_cli_table_add_note (table, note);
}

static void
print_journal (const ArDebtorLedger *account)
{
  g_autoptr(ArCliTable) table = ar_cli_table_new ("rlllrrll");

  g_print ("\n%s\n", _("Journal"));
  if (account->entries->len == 0)
    {
      g_print ("  %s\n", _("No entries."));
      return;
    }
  ar_cli_table_add_row (table, (const char * const[]) {
    _("Entry"), _("Date"), _("Kind"), _("Invoice"), _("Amount"), _("Balance"), _("Reference"),
    _("Memo"),
  });
  for (guint i = 0; i < account->entries->len; i++)
    {
      const ArDebtorEntry *e = &g_array_index (account->entries, ArDebtorEntry, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);
      g_autofree char *amount = ar_money_format (e->amount, e->currency);
      g_autofree char *running = ar_money_format (e->running_balance, e->currency);
      char date[11];

      ar_date_format_julian (e->date, date);
      ar_cli_table_add_row (table, (const char * const[]) {
        id, date, entry_kind_label (e->kind), e->invoice_number, amount, running, e->reference,
        e->memo,
      });
      if (e->reverses_id != 0)
        {
          g_autofree char *other = describe_other (account, e->reverses_id);
          g_autofree char *note = g_strdup_printf (_("reverses %s"), other);
          add_entry_note (table, note);
        }
      if (e->reversed_by_id != 0)
        {
          g_autofree char *note = g_strdup_printf (_("reversed by entry %" G_GINT64_FORMAT),
                                                   e->reversed_by_id);
          add_entry_note (table, note);
        }
      for (guint j = 0; e->allocations != NULL && j < e->allocations->len; j++)
        {
          const ArEntryAllocation *a = &g_array_index (e->allocations, ArEntryAllocation, j);
          g_autofree char *other = describe_other (account, a->other_id);
          g_autofree char *paid = ar_money_format (a->amount, e->currency);
          /* Translators: "$50.00 paid by payment 15 of 2026-04-02" */
          g_autofree char *note = g_strdup_printf (a->paid_by ? _("%s paid by %s")
                                                              : _("%s paid to %s"),
                                                   paid, other);
          add_entry_note (table, note);
        }
    }
  ar_cli_table_print (table, "  ");
}

static void
print_open_items (const ArDebtorLedger *account, guint32 today)
{
  g_autoptr(ArCliTable) table = ar_cli_table_new ("llllrrr");

  g_print ("\n%s\n", _("Open items"));
  if (account->open_items->len == 0)
    {
      g_print ("  %s\n", _("Nothing is open."));
      return;
    }
  ar_cli_table_add_row (table, (const char * const[]) {
    _("Invoice"), _("Kind"), _("Issued"), _("Due"), _("Amount"), _("Open"), _("Days overdue"),
  });
  for (guint i = 0; i < account->open_items->len; i++)
    {
      const ArDebtorOpenItem *o = &g_array_index (account->open_items, ArDebtorOpenItem, i);
      g_autofree char *amount = ar_money_format (o->amount, o->currency);
      g_autofree char *open = ar_money_format (o->open, o->currency);
      g_autofree char *days = NULL;
      g_autofree char *entry = NULL;
      char issued[11], due[11];

      if (today > o->due_date)
        days = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) today - (gint64) o->due_date);
      if (o->invoice_number == NULL)
        entry = g_strdup_printf (_("entry %" G_GINT64_FORMAT), o->entry_id);
      ar_cli_table_add_row (table, (const char * const[]) {
        o->invoice_number != NULL ? o->invoice_number : entry, entry_kind_label (o->kind),
        ar_date_format_julian (o->issue_date, issued), ar_date_format_julian (o->due_date, due),
        amount, open, days != NULL ? days : _("not due"),
      });
    }
  ar_cli_table_print (table, "  ");
}

int
ar_cli_run_show (const ArCliCommand *command, GStrv *args)
{
  g_autoptr(ArDebtorLedger) account = NULL;
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  gint64 debtor_id;

  if (!ar_cli_parse_options (command, NULL,
                             _("Prints the debtor’s details and contacts, the balance per "
                               "currency, every journal entry in date order with its number, "
                               "signed amount (+ owed, − paid) and running balance, what each "
                               "entry paid or was paid by, and the items still open."),
                             args, 2, 2))
    return AR_CLI_EXIT_USAGE;

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  debtor_id = ar_ledger_lookup_debtor (ledger, (*args)[2]);
  if (debtor_id == 0)
    {
      ar_cli_error (_("no debtor has the id “%s”"), (*args)[2]);
      return AR_CLI_EXIT_FAILURE;
    }
  account = ar_debtor_ledger_load (ledger, debtor_id, &error);
  if (account == NULL)
    return ar_cli_fail (error);

  print_details (account);
  print_contacts (account);
  print_balances (account);
  print_journal (account);
  print_open_items (account, ar_cli_today ());
  return AR_CLI_EXIT_OK;
}
