/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "arrears-cli"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-cli-common.h"
#include "ar-debtor-ledger.h"

/* The commands that post to the journal: pay, reverse, write-off and refund. Each posting is
 * one transaction of the ledger, checked there. */

static gint64
lookup_debtor (ArLedger *ledger, const char *external_id)
{
  gint64 id = ar_ledger_lookup_debtor (ledger, external_id);

  if (id == 0)
    ar_cli_error (_("no debtor has the id “%s”"), external_id);
  return id;
}

/* --currency if given; else the named invoice's; else the debtor's only currency; else the
 * company's default. */
static char *
posting_currency (ArLedger *ledger, gint64 debtor_id, const char *option,
                  const ArInvoiceRef *invoice, GError **error)
{
  g_auto(GStrv) currencies = NULL;

  if (option != NULL)
    return ar_cli_parse_currency ("--currency", option, error);
  if (invoice != NULL)
    return g_strdup (invoice->currency);
  currencies = ar_debtor_ledger_get_currencies (ledger, debtor_id, error);
  if (currencies == NULL)
    return NULL;
  if (g_strv_length (currencies) == 1)
    return g_strdup (currencies[0]);
  return ar_cli_default_currency (ledger);
}

static void
print_balance (ArLedger *ledger, gint64 debtor_id, const char *external_id,
               const char *currency)
{
  gint64 balance = 0, unapplied = 0;
  g_autofree char *text = NULL;

  if (!ar_ledger_get_balance (ledger, debtor_id, currency, &balance, &unapplied, NULL))
    return;
  text = ar_money_format (balance >= 0 ? balance : -balance, currency);
  if (balance > 0)
    g_print (_("%s now owes %s.\n"), external_id, text);
  else if (balance < 0)
    g_print (_("%s now has %s credit on account.\n"), external_id, text);
  else
    g_print (_("%s owes nothing in %s.\n"), external_id, currency);
}

/* pay and refund: a debtor, an amount and a currency. */
static int
post_amount (const ArCliCommand *command, GStrv *args, ArEntryKind kind)
{
  g_autofree char *currency_text = NULL, *date_text = NULL, *invoice_no = NULL;
  g_autofree char *reference = NULL, *memo = NULL;
  const GOptionEntry pay_entries[] = {
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency_text,
      N_("Currency of the amount (default: the invoice’s, else the debtor’s only currency, "
         "else the ledger’s default)"), "C" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("Day of the payment (default: today)"), N_("YYYY-MM-DD") },
    { "invoice", 0, 0, G_OPTION_ARG_STRING, &invoice_no,
      N_("The invoice this pays first (the rest pays the oldest items)"), N_("NO") },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &reference,
      N_("The payment’s reference (bank transaction, cheque number)"), "R" },
    { "memo", 0, 0, G_OPTION_ARG_STRING, &memo, N_("A note"), "M" },
    { NULL }
  };
  const GOptionEntry refund_entries[] = {
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency_text,
      N_("Currency of the amount (default: the debtor’s only currency, else the ledger’s "
         "default)"), "C" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("Day of the refund (default: today)"), N_("YYYY-MM-DD") },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &reference,
      N_("The refund’s reference (bank transaction, cheque number)"), "R" },
    { NULL }
  };
  gboolean pay = kind == AR_ENTRY_PAYMENT;
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *shown = NULL;
  ArInvoiceRef invoice;
  ArPosting posting = { 0 };
  gint64 entry_id = 0;
  const char *external_id;

  if (!ar_cli_parse_options (command, pay ? pay_entries : refund_entries,
                             pay ? _("Records AMOUNT received from the debtor DEBTOR_ID. With "
                                     "--invoice it pays that invoice first; any rest, and a "
                                     "payment naming no invoice, pays the oldest open items, "
                                     "and what is left is credit on account.")
                                 : _("Pays AMOUNT of the debtor’s credit on account back to "
                                     "them. It can’t be more than the credit."),
                             args, 3, 3))
    return AR_CLI_EXIT_USAGE;
  external_id = (*args)[2];
  if (!ar_cli_parse_date ("--date", date_text, &posting.date, &error))
    return ar_cli_fail (error);

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if ((posting.debtor_id = lookup_debtor (ledger, external_id)) == 0)
    return AR_CLI_EXIT_FAILURE;
  if (invoice_no != NULL && !ar_ledger_lookup_invoice (ledger, invoice_no, &invoice))
    {
      ar_cli_error (_("--invoice: no invoice has the number “%s”"), invoice_no);
      return AR_CLI_EXIT_FAILURE;
    }
  currency = posting_currency (ledger, posting.debtor_id, currency_text,
                               invoice_no != NULL ? &invoice : NULL, &error);
  if (currency == NULL)
    return ar_cli_fail (error);
  if (!ar_cli_parse_amount ("AMOUNT", (*args)[3], currency, &posting.amount, &error))
    return ar_cli_fail (error);

  posting.kind = kind;
  posting.currency = currency;
  posting.invoice_id = invoice_no != NULL ? invoice.id : 0;
  posting.reference = reference;
  posting.memo = memo;
  if (!ar_ledger_post (ledger, &posting, &entry_id, &error))
    return ar_cli_fail (error);

  shown = ar_money_format (posting.amount, currency);
  if (pay)
    g_print (_("Recorded a payment of %s from %s as entry %" G_GINT64_FORMAT ".\n"),
             shown, external_id, entry_id);
  else
    g_print (_("Recorded a refund of %s to %s as entry %" G_GINT64_FORMAT ".\n"),
             shown, external_id, entry_id);
  print_balance (ledger, posting.debtor_id, external_id, currency);
  return AR_CLI_EXIT_OK;
}

int
ar_cli_run_pay (const ArCliCommand *command, GStrv *args)
{
  return post_amount (command, args, AR_ENTRY_PAYMENT);
}

int
ar_cli_run_refund (const ArCliCommand *command, GStrv *args)
{
  return post_amount (command, args, AR_ENTRY_REFUND);
}

int
ar_cli_run_reverse (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *reason = NULL, *date_text = NULL;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("Why the entry is reversed (required)"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("Day of the reversal, not before the entry’s (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  gint64 entry_id, reversal_id = 0;
  guint32 date;

  if (!ar_cli_parse_options (command, entries,
                             _("Posts the reversal of journal entry ENTRY_ID (the number "
                               "“show” lists). Posted entries are never changed or deleted; "
                               "an entry and its reversal both stay in the journal and cancel "
                               "each other. An entry can be reversed once."),
                             args, 2, 2))
    return AR_CLI_EXIT_USAGE;
  if (reason == NULL)
    return ar_cli_usage_error (command, _("reverse: --reason TEXT is required"));
  if (!ar_cli_parse_int ("ENTRY_ID", (*args)[2], 1, G_MAXINT64, &entry_id, &error) ||
      !ar_cli_parse_date ("--date", date_text, &date, &error))
    return ar_cli_fail (error);

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if (!ar_ledger_reverse (ledger, entry_id, date, reason, &reversal_id, &error))
    return ar_cli_fail (error);
  g_print (_("Reversed entry %" G_GINT64_FORMAT " with entry %" G_GINT64_FORMAT ".\n"),
           entry_id, reversal_id);
  return AR_CLI_EXIT_OK;
}

int
ar_cli_run_write_off (const ArCliCommand *command, GStrv *args)
{
  g_autofree char *reason = NULL, *amount_text = NULL, *date_text = NULL;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("Why it is written off (required)"), N_("TEXT") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text,
      N_("Write off only this much (default: all that is open)"), "A" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("Day of the write-off (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(ArLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  ArInvoiceRef invoice;
  ArPosting posting = { 0 };
  gint64 entry_id = 0, open_before = 0, open_after = 0;

  if (!ar_cli_parse_options (command, entries,
                             _("Closes what is open on invoice INVOICE_NO (its fees and "
                               "interest included), or --amount of it, as a bad debt."),
                             args, 2, 2))
    return AR_CLI_EXIT_USAGE;
  if (reason == NULL)
    return ar_cli_usage_error (command, _("write-off: --reason TEXT is required"));
  if (!ar_cli_parse_date ("--date", date_text, &posting.date, &error))
    return ar_cli_fail (error);

  if ((ledger = ar_cli_open_ledger ((*args)[1])) == NULL)
    return AR_CLI_EXIT_FAILURE;
  if (!ar_ledger_lookup_invoice (ledger, (*args)[2], &invoice))
    {
      ar_cli_error (_("no invoice has the number “%s”"), (*args)[2]);
      return AR_CLI_EXIT_FAILURE;
    }
  if (amount_text != NULL &&
      !ar_cli_parse_amount ("--amount", amount_text, invoice.currency, &posting.amount, &error))
    return ar_cli_fail (error);
  if (!ar_ledger_get_invoice_open (ledger, invoice.id, &open_before, &error))
    return ar_cli_fail (error);

  posting.kind = AR_ENTRY_WRITE_OFF;
  posting.debtor_id = invoice.debtor_id;
  posting.currency = invoice.currency;
  posting.invoice_id = invoice.id;
  posting.memo = reason;
  if (!ar_ledger_post (ledger, &posting, &entry_id, &error) ||
      !ar_ledger_get_invoice_open (ledger, invoice.id, &open_after, &error))
    return ar_cli_fail (error);

  shown = ar_money_format (open_before - open_after, invoice.currency);
  g_print (_("Wrote off %s on invoice %s as entry %" G_GINT64_FORMAT ".\n"),
           shown, (*args)[2], entry_id);
  return AR_CLI_EXIT_OK;
}
