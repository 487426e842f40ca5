/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ar-date.h"
#include "ar-statement.h"
#include "ar-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  ArLedger *ledger;
  gint64    debtor;
  gint64    a1, a2;          /* invoice ids */
  gint64    late_payment;    /* 2026-06-25, reversed on 2026-06-28 */
} Fixture;

static guint32
jd (const char *iso)
{
  return ar_date_parse_julian (iso, NULL);
}

static gint64
invoice (Fixture *f, const char *number, const char *issue, const char *due, gint64 amount,
         const char *currency)
{
  ArInvoiceInfo info = { .debtor_id = f->debtor, .number = number, .issue_date = jd (issue),
                         .due_date = jd (due), .currency = currency, .amount = amount,
                         .description = "Consulting" };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (ar_ledger_add_invoice (f->ledger, &info, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
post (Fixture *f, ArEntryKind kind, const char *date, gint64 amount, gint64 invoice_id,
      const char *reference)
{
  ArPosting p = { .debtor_id = f->debtor, .kind = kind, .date = jd (date), .amount = amount,
                  .currency = "USD", .invoice_id = invoice_id, .reference = reference,
                  .memo = "memo" };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (ar_ledger_post (f->ledger, &p, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
reverse (Fixture *f, gint64 entry, const char *date)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_reverse (f->ledger, entry, jd (date), "bounced", NULL, &error));
  g_assert_no_error (error);
}

static void
address (Fixture *f, const char *line1, ArContactStatus status, const char *country)
{
  ArAddressInfo a = { .line1 = line1, .city = "Springfield", .region = "IL",
                      .postal_code = "62704", .country = country, .status = status,
                      .since = jd ("2026-01-01") };
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_add_address (f->ledger, f->debtor, &a, NULL, &error));
  g_assert_no_error (error);
}

/* The book, by hand (USD, amounts in cents):
 *  2026-05-01 invoice A-1 100000, due 05-31
 *  2026-05-15 payment  20000
 *  2026-05-20 payment   1000, reversed on 06-03
 *  -- opening balance on 06-01: 100000 − 20000 − 1000 = 79000
 *  2026-06-03 reversal  +1000    80000
 *  2026-06-05 invoice A-2 40000, due 07-05     120000
 *  2026-06-10 fee on A-1 2500                  122500
 *  2026-06-12 payment −30000                    92500
 *  2026-06-20 credit note on A-2 −5000          87500
 *  2026-06-25 payment −10000                    77500
 *  2026-06-28 reversal of it +10000             87500 = closing on 06-30
 *  2026-07-10 payment 50000 (after the period)
 *  EUR: 2026-06-01 invoice E-1 70000, due 06-30.
 * As of 06-30 the payments of 05-15 and 06-12 (50000) pay A-1 down to 50000; the credit note
 * pays A-2 down to 35000; the fee is open: 50000 + 2500 + 35000 = 87500. */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ArDebtorInfo info = { .external_id = "C-100", .name = "Ada Lovelace", .company = "Engines Ltd",
                        .contact_person = "Ada", .language = "en", .country = "US" };
  ArCompanyInfo company = { .legal_name = "Acme Receivables LLC", .trade_name = "Acme",
                            .address_line1 = "1 Main St", .city = "Boston", .region = "MA",
                            .postal_code = "02108", .country = "US", .phone = "+1 555 0100",
                            .email = "ar@acme.test", .iban = "DE89370400440532013000" };
  gint64 early;

  f->dir = g_dir_make_tmp ("arrears-statement-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "book.arrears", NULL);
  f->ledger = ar_ledger_create (f->path, NULL);
  g_assert_true (ar_ledger_add_debtor (f->ledger, &info, &f->debtor, NULL));
  g_assert_true (ar_ledger_set_company (f->ledger, &company, NULL));
  address (f, "9 Old Rd", AR_CONTACT_BAD, "US");
  address (f, "10 Maybe Ave", AR_CONTACT_UNVERIFIED, "US");
  address (f, "11 Sure St", AR_CONTACT_VALID, "US");

  f->a1 = invoice (f, "A-1", "2026-05-01", "2026-05-31", 100000, "USD");
  post (f, AR_ENTRY_PAYMENT, "2026-05-15", 20000, 0, "P-1");
  early = post (f, AR_ENTRY_PAYMENT, "2026-05-20", 1000, 0, "P-early");
  reverse (f, early, "2026-06-03");
  f->a2 = invoice (f, "A-2", "2026-06-05", "2026-07-05", 40000, "USD");
  post (f, AR_ENTRY_FEE, "2026-06-10", 2500, f->a1, "FEE-1");
  post (f, AR_ENTRY_PAYMENT, "2026-06-12", 30000, 0, "P-2");
  post (f, AR_ENTRY_CREDIT_NOTE, "2026-06-20", 5000, f->a2, "CN-1");
  f->late_payment = post (f, AR_ENTRY_PAYMENT, "2026-06-25", 10000, 0, "P-3");
  reverse (f, f->late_payment, "2026-06-28");
  post (f, AR_ENTRY_PAYMENT, "2026-07-10", 50000, 0, "P-4");
  invoice (f, "E-1", "2026-06-01", "2026-06-30", 70000, "EUR");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ledger);
  ar_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static const ArStatementLine *
line (const ArStatement *s, guint i)
{
  g_assert_cmpuint (i, <, s->lines->len);
  return &g_array_index (s->lines, ArStatementLine, i);
}

static const ArStatementItem *
item (const ArStatement *s, guint i)
{
  g_assert_cmpuint (i, <, s->open_items->len);
  return &g_array_index (s->open_items, ArStatementItem, i);
}

static ArStatement *
build (Fixture *f, const char *currency, const char *from, const char *to)
{
  g_autoptr(GError) error = NULL;
  ArStatement *s = ar_statement_build (f->ledger, f->debtor, currency, jd (from), jd (to),
                                       &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static void
test_june (Fixture *f, gconstpointer data)
{
  g_autoptr(ArStatement) s = build (f, "USD", "2026-06-01", "2026-06-30");
  const struct { const char *date; ArEntryKind kind; gint64 debit, credit, running; } expect[] = {
    { "2026-06-03", AR_ENTRY_REVERSAL, 1000, 0, 80000 },
    { "2026-06-05", AR_ENTRY_INVOICE, 40000, 0, 120000 },
    { "2026-06-10", AR_ENTRY_FEE, 2500, 0, 122500 },
    { "2026-06-12", AR_ENTRY_PAYMENT, 0, 30000, 92500 },
    { "2026-06-20", AR_ENTRY_CREDIT_NOTE, 0, 5000, 87500 },
    { "2026-06-25", AR_ENTRY_PAYMENT, 0, 10000, 77500 },
    { "2026-06-28", AR_ENTRY_REVERSAL, 10000, 0, 87500 },
  };

  g_assert_cmpstr (s->currency, ==, "USD");
  g_assert_cmpint (s->opening_balance, ==, 79000);
  g_assert_cmpuint (s->lines->len, ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      g_assert_cmpuint (line (s, i)->date, ==, jd (expect[i].date));
      g_assert_cmpint (line (s, i)->kind, ==, expect[i].kind);
      g_assert_cmpint (line (s, i)->debit, ==, expect[i].debit);
      g_assert_cmpint (line (s, i)->credit, ==, expect[i].credit);
      g_assert_cmpint (line (s, i)->running_balance, ==, expect[i].running);
    }
  g_assert_cmpstr (line (s, 1)->invoice_number, ==, "A-2");
  g_assert_cmpstr (line (s, 1)->reference, ==, "A-2");
  g_assert_cmpstr (line (s, 1)->description, ==, "Consulting");
  g_assert_cmpstr (line (s, 2)->invoice_number, ==, "A-1");
  g_assert_null (line (s, 3)->invoice_number);
  g_assert_cmpstr (line (s, 3)->reference, ==, "P-2");
  g_assert_cmpstr (line (s, 6)->description, ==, "bounced");
  g_assert_cmpint (line (s, 6)->reverses_id, ==, f->late_payment);
  g_assert_true (line (s, 5)->reversed);
  g_assert_false (line (s, 3)->reversed);
  g_assert_cmpint (s->total_debits, ==, 53500);
  g_assert_cmpint (s->total_credits, ==, 45000);
  g_assert_cmpint (s->closing_balance, ==, 87500);

  /* Open items as of 06-30: the July payment doesn't count. */
  g_assert_cmpuint (s->open_items->len, ==, 3);
  g_assert_cmpstr (item (s, 0)->invoice_number, ==, "A-1");
  g_assert_cmpint (item (s, 0)->kind, ==, AR_ENTRY_INVOICE);
  g_assert_cmpuint (item (s, 0)->issue_date, ==, jd ("2026-05-01"));
  g_assert_cmpuint (item (s, 0)->due_date, ==, jd ("2026-05-31"));
  g_assert_cmpint (item (s, 0)->days_overdue, ==, 30);
  g_assert_cmpint (item (s, 0)->amount, ==, 100000);
  g_assert_cmpint (item (s, 0)->open, ==, 50000);
  g_assert_cmpint (item (s, 1)->kind, ==, AR_ENTRY_FEE);
  g_assert_cmpstr (item (s, 1)->invoice_number, ==, "A-1");
  g_assert_cmpint (item (s, 1)->days_overdue, ==, 20);
  g_assert_cmpint (item (s, 1)->open, ==, 2500);
  g_assert_cmpstr (item (s, 2)->invoice_number, ==, "A-2");
  g_assert_cmpint (item (s, 2)->days_overdue, ==, 0);
  g_assert_cmpint (item (s, 2)->amount, ==, 40000);
  g_assert_cmpint (item (s, 2)->open, ==, 35000);
  g_assert_cmpint (s->open_total, ==, 87500);
  g_assert_cmpint (s->overdue_total, ==, 52500);
  g_assert_cmpint (s->unapplied, ==, 0);
  g_assert_cmpint (s->amount_due, ==, 87500);

  /* Aging by due date, current / 1–30 / 31–60 / 61–90 / 91+. */
  g_assert_cmpuint (s->n_buckets, ==, 5);
  g_assert_cmpint (s->buckets[0], ==, 35000);
  g_assert_cmpint (s->buckets[1], ==, 52500);
  g_assert_cmpint (s->buckets[2] + s->buckets[3] + s->buckets[4], ==, 0);
}

static void
test_parties (Fixture *f, gconstpointer data)
{
  g_autoptr(ArStatement) s = build (f, "USD", "2026-06-01", "2026-06-30");

  g_assert_cmpstr (s->debtor.name, ==, "Ada Lovelace");
  g_assert_cmpstr (s->debtor.external_id, ==, "C-100");
  g_assert_cmpstr (s->debtor.company, ==, "Engines Ltd");
  g_assert_true (s->debtor.has_address);
  /* The valid address, not the bad one nor the unverified one added before it. */
  g_assert_cmpstr (s->debtor.address, ==, "11 Sure St\nSpringfield, IL 62704");
  g_assert_cmpstr (s->company.name, ==, "Acme Receivables LLC");
  g_assert_cmpstr (s->company.trade_name, ==, "Acme");
  g_assert_cmpstr (s->company.address, ==, "1 Main St\nBoston, MA 02108");
  g_assert_cmpstr (s->company.phone, ==, "+1 555 0100");
  g_assert_cmpstr (s->company.iban, ==, "DE89370400440532013000");
}

static void
test_address_choice (Fixture *f, gconstpointer data)
{
  ArDebtorInfo info = { .external_id = "C-200", .name = "Bob" };
  ArAddressInfo returned = { .line1 = "1 Gone Way", .city = "Berlin", .postal_code = "10115",
                             .country = "DE", .status = AR_CONTACT_RETURNED_MAIL };
  ArAddressInfo unverified = { .line1 = "Hauptstr. 5", .city = "Berlin", .postal_code = "10115",
                               .country = "DE", .status = AR_CONTACT_UNVERIFIED };
  g_autoptr(GError) error = NULL;
  g_autoptr(ArStatement) s = NULL;
  gint64 bob;

  g_assert_true (ar_ledger_add_debtor (f->ledger, &info, &bob, NULL));
  g_assert_true (ar_ledger_add_address (f->ledger, bob, &returned, NULL, NULL));
  s = ar_statement_build (f->ledger, bob, "USD", jd ("2026-06-01"), jd ("2026-06-30"), &error);
  g_assert_no_error (error);
  g_assert_false (s->debtor.has_address);
  g_assert_cmpstr (s->debtor.address, ==, "");
  g_clear_pointer (&s, ar_statement_free);

  /* An unverified address is used when there is no valid one; abroad, the country is added. */
  g_assert_true (ar_ledger_add_address (f->ledger, bob, &unverified, NULL, NULL));
  s = ar_statement_build (f->ledger, bob, "USD", jd ("2026-06-01"), jd ("2026-06-30"), &error);
  g_assert_no_error (error);
  g_assert_true (s->debtor.has_address);
  g_assert_cmpstr (s->debtor.address, ==, "Hauptstr. 5\n10115 Berlin\nGERMANY");
}

static void
test_address_format (void)
{
  const struct { const char *l1, *l2, *city, *region, *postal, *country, *sender, *out; } c[] = {
    { "1 Main St", "Apt 2", "Springfield", "IL", "62704", "US", "US",
      "1 Main St\nApt 2\nSpringfield, IL 62704" },
    { "10 Downing St", "", "London", "", "SW1A 2AA", "GB", "DE",
      "10 Downing St\nLondon\nSW1A 2AA\nUNITED KINGDOM" },
    { "Hauptstr. 5", NULL, "Berlin", NULL, "10115", "DE", "DE", "Hauptstr. 5\n10115 Berlin" },
    { "Rue 1", "", "Paris", "", "", "FR", "", "Rue 1\nParis" },
    { "", "", "", "", "", "", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (c); i++)
    {
      g_autofree char *out = ar_postal_address_format (c[i].l1, c[i].l2, c[i].city, c[i].region,
                                                       c[i].postal, c[i].country, c[i].sender);
      g_assert_cmpstr (out, ==, c[i].out);
    }
}

/* As of the end of the period, before the July payment; as of August, after it. */
static void
test_later_payments (Fixture *f, gconstpointer data)
{
  g_autoptr(ArStatement) june = build (f, "USD", "2026-06-26", "2026-06-26");
  g_autoptr(ArStatement) august = build (f, "USD", "2026-08-01", "2026-08-31");

  /* 06-26: the 06-25 payment is not yet reversed; it pays A-1 down to 40000. */
  g_assert_cmpint (june->opening_balance, ==, 77500);
  g_assert_cmpuint (june->lines->len, ==, 0);
  g_assert_cmpint (june->closing_balance, ==, 77500);
  g_assert_cmpint (g_array_index (june->open_items, ArStatementItem, 0).open, ==, 40000);

  /* The 06-25 payment is not shown as reversed until the reversal falls in the statement. */
  {
    g_autoptr(ArStatement) s = build (f, "USD", "2026-06-25", "2026-06-27");
    g_assert_cmpuint (s->lines->len, ==, 1);
    g_assert_cmpint (line (s, 0)->entry_id, ==, f->late_payment);
    g_assert_false (line (s, 0)->reversed);
  }

  /* A period with no entries: the balance carries over, the July payment paid off A-1. */
  g_assert_cmpint (august->opening_balance, ==, 37500);
  g_assert_cmpuint (august->lines->len, ==, 0);
  g_assert_cmpint (august->total_debits, ==, 0);
  g_assert_cmpint (august->total_credits, ==, 0);
  g_assert_cmpint (august->closing_balance, ==, 37500);
  g_assert_cmpuint (august->open_items->len, ==, 2);
  g_assert_cmpint (item (august, 0)->kind, ==, AR_ENTRY_FEE);
  g_assert_cmpint (item (august, 0)->open, ==, 2500);
  g_assert_cmpint (item (august, 0)->days_overdue, ==, 82);
  g_assert_cmpstr (item (august, 1)->invoice_number, ==, "A-2");
  g_assert_cmpint (item (august, 1)->days_overdue, ==, 57);
  g_assert_cmpint (august->buckets[2], ==, 35000);
  g_assert_cmpint (august->buckets[3], ==, 2500);

  /* The June statement is the same when built again after everything else. */
  {
    g_autoptr(ArStatement) again = build (f, "USD", "2026-06-01", "2026-06-30");
    g_assert_cmpint (again->closing_balance, ==, 87500);
    g_assert_cmpint (item (again, 0)->open, ==, 50000);
  }
}

static void
test_other_currency (Fixture *f, gconstpointer data)
{
  g_autoptr(ArStatement) eur = build (f, "EUR", "2026-06-01", "2026-06-30");
  g_autoptr(ArStatement) gbp = build (f, "GBP", "2026-01-01", "2026-12-31");

  g_assert_cmpint (eur->opening_balance, ==, 0);
  g_assert_cmpuint (eur->lines->len, ==, 1);
  g_assert_cmpstr (line (eur, 0)->invoice_number, ==, "E-1");
  g_assert_cmpint (line (eur, 0)->debit, ==, 70000);
  g_assert_cmpint (eur->closing_balance, ==, 70000);
  g_assert_cmpuint (eur->open_items->len, ==, 1);
  g_assert_cmpint (item (eur, 0)->days_overdue, ==, 0);
  g_assert_cmpint (eur->buckets[0], ==, 70000);
  g_assert_cmpint (eur->overdue_total, ==, 0);

  g_assert_cmpint (gbp->opening_balance, ==, 0);
  g_assert_cmpuint (gbp->lines->len, ==, 0);
  g_assert_cmpuint (gbp->open_items->len, ==, 0);
  g_assert_cmpint (gbp->closing_balance, ==, 0);
  g_assert_cmpint (gbp->amount_due, ==, 0);
}

static void
test_credit_balance (Fixture *f, gconstpointer data)
{
  g_autoptr(ArStatement) s = NULL;

  /* Overpaying leaves credit on account: a negative closing balance and nothing due. */
  post (f, AR_ENTRY_PAYMENT, "2026-07-20", 40000, 0, "P-5");
  s = build (f, "USD", "2026-07-01", "2026-07-31");
  g_assert_cmpint (s->closing_balance, ==, -2500);
  g_assert_cmpint (s->unapplied, ==, 2500);
  g_assert_cmpuint (s->open_items->len, ==, 0);
  g_assert_cmpint (s->amount_due, ==, 0);
}

static void
test_aging_settings (Fixture *f, gconstpointer data)
{
  g_autoptr(ArStatement) s = NULL;

  /* By issue date with buckets current, 1–45, 46+. */
  g_assert_true (ar_ledger_set_setting (f->ledger, "aging.basis", "issue", NULL));
  g_assert_true (ar_ledger_set_setting (f->ledger, "aging.limits", "45", NULL));
  s = build (f, "USD", "2026-06-01", "2026-06-30");
  g_assert_cmpuint (s->n_buckets, ==, 3);
  /* A-1 issued 05-01 (60 days), the fee 06-10 (20), A-2 06-05 (25). */
  g_assert_cmpint (s->buckets[0], ==, 0);
  g_assert_cmpint (s->buckets[1], ==, 37500);
  g_assert_cmpint (s->buckets[2], ==, 50000);
}

static void
assert_inconsistent (ArStatement *s, const char *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ar_statement_validate (s, &error));
  g_assert_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INCONSISTENT);
  if (strstr (error->message, fragment) == NULL)
    g_error ("expected “%s” in “%s”", fragment, error->message);
}

static void
test_validate_catches_tampering (Fixture *f, gconstpointer data)
{
  g_autoptr(ArStatement) s = build (f, "USD", "2026-06-01", "2026-06-30");
  ArStatementLine *l = &g_array_index (s->lines, ArStatementLine, 3);
  ArStatementItem *it = &g_array_index (s->open_items, ArStatementItem, 0);

  g_assert_true (ar_statement_validate (s, NULL));

  s->closing_balance += 1;
  assert_inconsistent (s, "closing balance 875.01 is not the opening balance 790.00 plus "
                          "debits 535.00 minus credits 450.00, which is 875.00");
  s->closing_balance -= 1;

  s->opening_balance -= 100;
  assert_inconsistent (s, "line 1");
  s->opening_balance += 100;

  l->credit += 1;
  assert_inconsistent (s, "line 4");
  l->running_balance -= 1;
  for (guint i = 4; i < s->lines->len; i++)
    g_array_index (s->lines, ArStatementLine, i).running_balance -= 1;
  /* The lines agree with each other again, but not with the totals. */
  assert_inconsistent (s, "are not the sums of the lines");
  l->credit -= 1;
  l->running_balance += 1;
  for (guint i = 4; i < s->lines->len; i++)
    g_array_index (s->lines, ArStatementLine, i).running_balance += 1;
  g_assert_true (ar_statement_validate (s, NULL));

  l->debit = 5;
  assert_inconsistent (s, "exactly one must be positive");
  l->debit = 0;

  s->buckets[0] += 1;
  assert_inconsistent (s, "aging buckets add up to 875.01");
  s->buckets[0] -= 1;

  it->open -= 1;
  assert_inconsistent (s, "open items add up to 874.99");
  it->open = it->amount + 1;
  assert_inconsistent (s, "open item 1");
  it->open = 50000;

  s->unapplied = 100;
  assert_inconsistent (s, "minus the unapplied credit 1.00 make 874.00, but the closing "
                          "balance is 875.00");
  s->unapplied = 0;

  s->amount_due = 0;
  assert_inconsistent (s, "amount due 0.00");
  s->amount_due = 87500;

  s->buckets[1] = G_MAXINT64;
  assert_inconsistent (s, "too large");
  s->buckets[1] = 52500;

  g_assert_true (ar_statement_validate (s, NULL));
}

static void
test_bad_requests (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (ar_statement_build (f->ledger, f->debtor, "USD", jd ("2026-06-30"),
                                     jd ("2026-06-01"), &error));
  g_assert_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "period:"));
  g_clear_error (&error);

  g_assert_null (ar_statement_build (f->ledger, f->debtor, "usd", jd ("2026-06-01"),
                                     jd ("2026-06-30"), &error));
  g_assert_error (error, AR_STATEMENT_ERROR, AR_STATEMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "currency:"));
  g_clear_error (&error);

  g_assert_null (ar_statement_build (f->ledger, 9999, "USD", jd ("2026-06-01"),
                                     jd ("2026-06-30"), &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (ar_ledger_set_setting (f->ledger, "aging.limits", "90,30", NULL));
  g_assert_null (ar_statement_build (f->ledger, f->debtor, "USD", jd ("2026-06-01"),
                                     jd ("2026-06-30"), &error));
  g_assert_error (error, AR_AGING_ERROR, AR_AGING_ERROR_CONFIG);
}

/* Built inside a write transaction, the statement sees the uncommitted entries. */
static void
test_inside_transaction (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArStatement) s = NULL;

  g_assert_true (ar_ledger_begin (f->ledger, "test", &error));
  post (f, AR_ENTRY_PAYMENT, "2026-06-29", 7500, 0, "P-tx");
  s = build (f, "USD", "2026-06-01", "2026-06-30");
  g_assert_cmpint (s->closing_balance, ==, 80000);
  g_assert_cmpint (item (s, 0)->open, ==, 42500);
  ar_ledger_rollback (f->ledger);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/statement/address-format", test_address_format);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/statement/june", test_june);
  ADD ("/statement/parties", test_parties);
  ADD ("/statement/address-choice", test_address_choice);
  ADD ("/statement/later-payments", test_later_payments);
  ADD ("/statement/other-currency", test_other_currency);
  ADD ("/statement/credit-balance", test_credit_balance);
  ADD ("/statement/aging-settings", test_aging_settings);
  ADD ("/statement/validate-catches-tampering", test_validate_catches_tampering);
  ADD ("/statement/bad-requests", test_bad_requests);
  ADD ("/statement/inside-transaction", test_inside_transaction);
#undef ADD
  return g_test_run ();
}
