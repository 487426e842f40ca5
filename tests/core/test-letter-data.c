/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ar-date.h"
#include "ar-letter-data.h"
#include "ar-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  ArLedger *ledger;
  gint64    d1, d2, d3, d4, d5;
  gint64    a1, a2;
} Fixture;

static guint32
jd (const char *iso)
{
  return ar_date_parse_julian (iso, NULL);
}

static gint64
add_debtor (Fixture *f, const char *id, const char *name, ArDebtorStatus status, gboolean cease)
{
  ArDebtorInfo info = { .external_id = id, .name = name, .status = status,
                        .cease_contact = cease };
  g_autoptr(GError) error = NULL;
  gint64 out;

  g_assert_true (ar_ledger_add_debtor (f->ledger, &info, &out, &error));
  g_assert_no_error (error);
  return out;
}

static gint64
invoice (Fixture *f, gint64 debtor, const char *number, const char *issue, const char *due,
         gint64 amount, const char *currency)
{
  ArInvoiceInfo info = { .debtor_id = debtor, .number = number, .issue_date = jd (issue),
                         .due_date = jd (due), .currency = currency, .amount = amount,
                         .description = "Widgets" };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (ar_ledger_add_invoice (f->ledger, &info, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
post (Fixture *f, gint64 debtor, ArEntryKind kind, const char *date, gint64 amount,
      gint64 invoice_id, const char *memo)
{
  ArPosting p = { .debtor_id = debtor, .kind = kind, .date = jd (date), .amount = amount,
                  .currency = "USD", .invoice_id = invoice_id, .memo = memo };
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_post (f->ledger, &p, NULL, &error));
  g_assert_no_error (error);
}

/* d1 (USD), as of 2026-06-30:
 *   A-1 100000 due 05-31, paid down to 50000 by 06-12; a fee of 2500 on it (06-10)
 *   A-2  40000 due 06-25, a fee of 1000 on it (06-27)
 *   interest 300 on no invoice (06-15)
 *   a payment of 60000 on 07-10 (after the letter's date)
 * The allocation pays the oldest due first: as of 06-30, A-1 50000, fee 2500, interest 300,
 * A-2 40000 and its fee 1000 are open.
 * d2: overdue but asked for no contact. d3: overdue but disputed. d4: nothing due yet.
 * d5: overdue in EUR, on a payment plan. */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ArCompanyInfo company = { .legal_name = "Acme LLC", .phone = "555-0100",
                            .email = "ar@acme.test", .signature_name = "Jo Smith",
                            .payment_instructions = "Pay to IBAN DE89 3704 0044 0532 0130 00." };

  f->dir = g_dir_make_tmp ("arrears-letter-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "book.arrears", NULL);
  f->ledger = ar_ledger_create (f->path, NULL);
  g_assert_true (ar_ledger_set_company (f->ledger, &company, NULL));

  /* A name that looks like a merge field must be printed as it is. */
  f->d1 = add_debtor (f, "D1", "{total_due} Ltd", AR_STATUS_ACTIVE, FALSE);
  f->d2 = add_debtor (f, "D2", "Quiet", AR_STATUS_ACTIVE, TRUE);
  f->d3 = add_debtor (f, "D3", "Disputing", AR_STATUS_DISPUTED, FALSE);
  f->d4 = add_debtor (f, "D4", "Early", AR_STATUS_ACTIVE, FALSE);
  f->d5 = add_debtor (f, "D5", "Euro", AR_STATUS_PLAN, FALSE);

  f->a1 = invoice (f, f->d1, "A-1", "2026-05-01", "2026-05-31", 100000, "USD");
  post (f, f->d1, AR_ENTRY_PAYMENT, "2026-05-15", 20000, 0, NULL);
  post (f, f->d1, AR_ENTRY_FEE, "2026-06-10", 2500, f->a1, "Late fee");
  post (f, f->d1, AR_ENTRY_PAYMENT, "2026-06-12", 30000, 0, NULL);
  post (f, f->d1, AR_ENTRY_INTEREST, "2026-06-15", 300, 0, "Interest May");
  f->a2 = invoice (f, f->d1, "A-2", "2026-05-26", "2026-06-25", 40000, "USD");
  post (f, f->d1, AR_ENTRY_FEE, "2026-06-27", 1000, f->a2, "Late fee A-2");
  post (f, f->d1, AR_ENTRY_PAYMENT, "2026-07-10", 60000, 0, NULL);

  invoice (f, f->d2, "B-1", "2026-04-01", "2026-05-01", 5000, "USD");
  invoice (f, f->d3, "C-1", "2026-04-01", "2026-05-01", 6000, "USD");
  invoice (f, f->d4, "E-1", "2026-06-20", "2026-07-20", 7000, "USD");
  invoice (f, f->d5, "F-1", "2026-05-01", "2026-06-01", 8000, "EUR");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ledger);
  ar_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static const ArLetterLine *
line (GArray *lines, guint i)
{
  g_assert_cmpuint (i, <, lines->len);
  return &g_array_index (lines, ArLetterLine, i);
}

static ArLetterData *
build (Fixture *f, gint64 debtor, const char *currency, const char *as_of, guint days,
       guint min_days)
{
  g_autoptr(GError) error = NULL;
  ArLetterData *d = ar_letter_data_build (f->ledger, debtor, currency, jd (as_of), days,
                                          min_days, &error);

  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

static void
test_lines_and_total (Fixture *f, gconstpointer data)
{
  g_autoptr(ArLetterData) d = build (f, f->d1, "USD", "2026-06-30", 14, 0);

  g_assert_cmpuint (d->as_of, ==, jd ("2026-06-30"));
  g_assert_cmpuint (d->deadline, ==, jd ("2026-07-14"));

  /* The invoices, oldest due first, each with its own open amount (the July payment doesn't
   * count as of June). */
  g_assert_cmpuint (d->items->len, ==, 2);
  g_assert_cmpstr (line (d->items, 0)->invoice_number, ==, "A-1");
  g_assert_cmpint (line (d->items, 0)->kind, ==, AR_ENTRY_INVOICE);
  g_assert_cmpuint (line (d->items, 0)->issue_date, ==, jd ("2026-05-01"));
  g_assert_cmpuint (line (d->items, 0)->due_date, ==, jd ("2026-05-31"));
  g_assert_cmpint (line (d->items, 0)->days_overdue, ==, 30);
  g_assert_cmpint (line (d->items, 0)->amount, ==, 100000);
  g_assert_cmpint (line (d->items, 0)->open, ==, 50000);
  g_assert_cmpstr (line (d->items, 1)->invoice_number, ==, "A-2");
  g_assert_cmpint (line (d->items, 1)->days_overdue, ==, 5);
  g_assert_cmpint (line (d->items, 1)->open, ==, 40000);

  /* Fees and interest are lines of their own. */
  g_assert_cmpuint (d->charges->len, ==, 3);
  g_assert_cmpint (line (d->charges, 0)->kind, ==, AR_ENTRY_FEE);
  g_assert_cmpstr (line (d->charges, 0)->invoice_number, ==, "A-1");
  g_assert_cmpstr (line (d->charges, 0)->description, ==, "Late fee");
  g_assert_cmpint (line (d->charges, 0)->open, ==, 2500);
  g_assert_cmpint (line (d->charges, 1)->kind, ==, AR_ENTRY_INTEREST);
  g_assert_null (line (d->charges, 1)->invoice_number);
  g_assert_cmpstr (line (d->charges, 1)->description, ==, "Interest May");
  g_assert_cmpint (line (d->charges, 1)->open, ==, 300);
  g_assert_cmpint (line (d->charges, 1)->days_overdue, ==, 15);
  g_assert_cmpstr (line (d->charges, 2)->invoice_number, ==, "A-2");
  g_assert_cmpint (line (d->charges, 2)->open, ==, 1000);

  g_assert_cmpint (d->total_due, ==, 50000 + 40000 + 2500 + 300 + 1000);
  g_assert_cmpint (d->not_listed, ==, 0);
  g_assert_cmpstr (d->debtor.name, ==, "{total_due} Ltd");
  g_assert_cmpstr (d->company.name, ==, "Acme LLC");
}

static void
test_min_days (Fixture *f, gconstpointer data)
{
  g_autoptr(ArLetterData) d = build (f, f->d1, "USD", "2026-06-30", 7, 10);

  /* A-2 is 5 days overdue: left out, and its fee with it; the interest belongs to no invoice. */
  g_assert_cmpuint (d->items->len, ==, 1);
  g_assert_cmpstr (line (d->items, 0)->invoice_number, ==, "A-1");
  g_assert_cmpuint (d->charges->len, ==, 2);
  g_assert_cmpint (line (d->charges, 0)->open, ==, 2500);
  g_assert_cmpint (line (d->charges, 1)->open, ==, 300);
  g_assert_cmpint (d->total_due, ==, 52800);
  g_assert_cmpint (d->not_listed, ==, 41000);
  g_assert_cmpuint (d->deadline, ==, jd ("2026-07-07"));
}

static void
test_after_payment (Fixture *f, gconstpointer data)
{
  /* After the July payment of 60000: A-1 and its fee are paid, the interest and 7200 of A-2 are
   * paid (oldest due first); 32800 of A-2 and its 1000 fee remain. */
  g_autoptr(ArLetterData) d = build (f, f->d1, "USD", "2026-07-15", 10, 0);

  g_assert_cmpuint (d->items->len, ==, 1);
  g_assert_cmpstr (line (d->items, 0)->invoice_number, ==, "A-2");
  g_assert_cmpint (line (d->items, 0)->open, ==, 32800);
  g_assert_cmpuint (d->charges->len, ==, 1);
  g_assert_cmpint (line (d->charges, 0)->open, ==, 1000);
  g_assert_cmpint (d->total_due, ==, 33800);
}

static void
test_nothing_overdue (Fixture *f, gconstpointer data)
{
  g_autoptr(ArLetterData) d = build (f, f->d4, "USD", "2026-06-30", 14, 0);
  g_autoptr(ArLetterData) eur = build (f, f->d1, "EUR", "2026-06-30", 14, 0);

  g_assert_cmpuint (d->items->len, ==, 0);
  g_assert_cmpuint (d->charges->len, ==, 0);
  g_assert_cmpint (d->total_due, ==, 0);
  g_assert_cmpint (d->not_listed, ==, 7000);
  /* Only the requested currency. */
  g_assert_cmpuint (eur->items->len, ==, 0);
  g_assert_cmpint (eur->total_due, ==, 0);
  g_assert_cmpint (eur->not_listed, ==, 0);
}

static void
test_validate (Fixture *f, gconstpointer data)
{
  g_autoptr(ArLetterData) d = build (f, f->d1, "USD", "2026-06-30", 14, 0);
  g_autoptr(GError) error = NULL;
  ArLetterLine *charge = &g_array_index (d->charges, ArLetterLine, 1);
  ArLetterLine *item = &g_array_index (d->items, ArLetterLine, 1);

  g_assert_true (ar_letter_data_validate (d, NULL));

  d->total_due += 1;
  g_assert_false (ar_letter_data_validate (d, &error));
  g_assert_error (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INCONSISTENT);
  g_assert_nonnull (strstr (error->message, "total due 938.01 is not the sum of the listed "
                                            "amounts, 938.00"));
  g_clear_error (&error);
  d->total_due -= 1;

  charge->open = 0;
  g_assert_false (ar_letter_data_validate (d, &error));
  g_assert_nonnull (strstr (error->message, "0.00 open of 3.00"));
  g_clear_error (&error);
  charge->open = 300;

  item->due_date = d->as_of;
  g_assert_false (ar_letter_data_validate (d, &error));
  g_assert_nonnull (strstr (error->message, "is not at least 1 days overdue"));
  g_clear_error (&error);
  item->due_date = jd ("2026-06-25");

  d->deadline = d->as_of - 1;
  g_assert_false (ar_letter_data_validate (d, &error));
  g_assert_nonnull (strstr (error->message, "deadline 2026-06-29"));
  g_clear_error (&error);
  d->deadline = d->as_of + 14;

  g_assert_true (ar_letter_data_validate (d, NULL));
}

static void
test_fields_and_expansion (Fixture *f, gconstpointer data)
{
  g_autoptr(ArLetterData) d = build (f, f->d1, "USD", "2026-06-30", 14, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(ArTemplate) body = NULL, out = NULL;
  g_autofree char *text = NULL, *total = NULL, *deadline = NULL, *level = NULL;
  const char *builtin;

  total = ar_letter_data_get_field (d, 2, AR_TEMPLATE_FIELD_TOTAL_DUE);
  g_assert_cmpstr (total, ==, "$938.00");
  deadline = ar_letter_data_get_field (d, 2, AR_TEMPLATE_FIELD_DEADLINE);
  g_assert_cmpstr (deadline, ==, "14 July 2026");
  level = ar_letter_data_get_field (d, 2, AR_TEMPLATE_FIELD_LEVEL_NAME);
  g_assert_cmpstr (level, ==, "First notice");
  g_assert_null (ar_letter_data_get_field (d, 2, AR_TEMPLATE_FIELD_INVOICE_TABLE));
  for (guint i = 0; i < AR_N_TEMPLATE_FIELDS; i++)
    if (i != AR_TEMPLATE_FIELD_INVOICE_TABLE)
      {
        g_autofree char *value = ar_letter_data_get_field (d, 1, i);
        g_assert_nonnull (value);
      }

  g_assert_true (ar_template_get_builtin (2, NULL, &builtin));
  body = ar_template_parse (builtin, &error);
  g_assert_no_error (error);
  out = ar_letter_data_expand (d, 2, body, &error);
  g_assert_no_error (error);
  text = ar_template_to_text (out, "<table>");
  g_assert_true (g_str_has_prefix (text, "Dear {total_due} Ltd,\n"));
  g_assert_nonnull (strstr (text, "\n<table>\n"));
  g_assert_nonnull (strstr (text, "Please pay $938.00 by 14 July 2026."));
  g_assert_nonnull (strstr (text, "by 14 July 2026. Pay to IBAN"));
  g_assert_nonnull (strstr (text, "remain unpaid as of 30 June 2026:"));
  g_assert_true (g_str_has_suffix (text, "Jo Smith\nAcme LLC"));
}

typedef struct
{
  Fixture  *f;
  GString  *seen;
  gint64    letters_total;
} Batch;

static gboolean
collect_candidate (const ArLetterCandidate *c, gpointer user_data)
{
  Batch *batch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLetterData) d = NULL;

  g_string_append_printf (batch->seen, "%s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d;",
                          c->external_id, c->currency, c->balance, c->overdue, c->days_overdue);
  /* The batch builds each letter while the list is being read. */
  d = ar_letter_data_build (batch->f->ledger, c->debtor_id, c->currency, jd ("2026-07-15"), 14,
                            0, &error);
  g_assert_no_error (error);
  batch->letters_total += d->total_due;
  return TRUE;
}

static void
test_candidates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  Batch batch = { f, seen, 0 };

  /* From the current allocation, as of 07-15: d1 owes A-2 (due 06-25) 32800 and its fee (due
   * 06-27) 1000; d5 is on a plan (listed) and owes EUR; d2, d3 and d4 are not listed. */
  g_assert_true (ar_letter_candidates_run (f->ledger, jd ("2026-07-15"), 0, NULL,
                                           collect_candidate, &batch, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==, "D5 EUR 8000 8000 44;D1 USD 33800 33800 20;");
  g_assert_cmpint (batch.letters_total, ==, 8000 + 33800);

  /* At least 19 days overdue: d1's fee (18 days) is not counted in its overdue sum. */
  g_string_truncate (seen, 0);
  g_assert_true (ar_letter_candidates_run (f->ledger, jd ("2026-07-15"), 19, "USD",
                                           collect_candidate, &batch, &error));
  g_assert_cmpstr (seen->str, ==, "D1 USD 33800 32800 20;");

  /* At least 21 days overdue: nobody in USD. */
  g_string_truncate (seen, 0);
  g_assert_true (ar_letter_candidates_run (f->ledger, jd ("2026-07-15"), 21, "USD",
                                           collect_candidate, &batch, &error));
  g_assert_cmpstr (seen->str, ==, "");
}

static gboolean
stop_at_first (const ArLetterCandidate *c, gpointer user_data)
{
  (*(guint *) user_data)++;
  return FALSE;
}

static void
test_candidates_stop (Fixture *f, gconstpointer data)
{
  guint calls = 0;

  g_assert_true (ar_letter_candidates_run (f->ledger, jd ("2026-07-15"), 0, NULL, stop_at_first,
                                           &calls, NULL));
  g_assert_cmpuint (calls, ==, 1);
}

static void
test_bad_requests (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (ar_letter_data_build (f->ledger, f->d1, "XXX", jd ("2026-06-30"), 14, 0,
                                       &error));
  g_assert_error (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (ar_letter_data_build (f->ledger, f->d1, "USD", 0, 14, 0, &error));
  g_assert_error (error, AR_LETTER_DATA_ERROR, AR_LETTER_DATA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (ar_letter_data_build (f->ledger, 4242, "USD", jd ("2026-06-30"), 14, 0,
                                       &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND);
}

/* The built-in letters' contact sentence adapts to the phone and e-mail the company has, in
 * every level; with neither it is left out without leaving a gap. */
static void
test_contact_sentence (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *phone;
    const char *email;
    const char *want;       /* in every level's text; NULL: no contact sentence */
    const char *unwanted;
  } cases[] = {
    { "555-0100", "ar@acme.test", "at 555-0100 or ar@acme.test", "call us" },
    { "555-0100", "", "call us", "ar@acme.test" },
    { "  ", "ar@acme.test", "write to us", "555" },
    { "", "", NULL, "contact us" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      ArCompanyInfo company = { .legal_name = "Acme LLC", .phone = cases[c].phone,
                                .email = cases[c].email, .signature_name = "Jo Smith" };
      g_autoptr(ArLetterData) d = NULL;

      g_assert_true (ar_ledger_set_company (f->ledger, &company, NULL));
      d = build (f, f->d1, "USD", "2026-06-30", 14, 0);
      for (guint level = 1; level <= AR_TEMPLATE_BUILTIN_LEVELS; level++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(ArTemplate) body = NULL, out = NULL;
          g_autofree char *text = NULL;
          const char *builtin;

          g_test_message ("case %u, level %u", c, level);
          g_assert_true (ar_template_get_builtin (level, NULL, &builtin));
          body = ar_template_parse (builtin, &error);
          g_assert_no_error (error);
          out = ar_letter_data_expand (d, level, body, &error);
          g_assert_no_error (error);
          text = ar_template_to_text (out, "<table>");
          g_test_message ("%s", text);

          g_assert_null (strstr (text, "at  or"));
          g_assert_null (strstr (text, " or ."));
          g_assert_null (strstr (text, "  "));
          g_assert_null (strstr (text, " \n"));
          g_assert_null (strstr (text, "\n\n\n"));
          g_assert_null (strstr (text, cases[c].unwanted));
          if (cases[c].want != NULL)
            g_assert_nonnull (strstr (text, cases[c].want));
          else
            {
              g_assert_null (strstr (text, "call us"));
              g_assert_null (strstr (text, "write to us"));
              g_assert_null (strstr (text, "We are willing"));
            }
          /* The final demand names the deadline in the sentence. */
          if (level == 4 && cases[c].want != NULL)
            g_assert_nonnull (strstr (text, "before 14 July 2026 at "));
          /* The letter still ends as it should. */
          g_assert_true (g_str_has_suffix (text, "Jo Smith\nAcme LLC"));
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/letter-data/lines-and-total", test_lines_and_total);
  ADD ("/letter-data/min-days", test_min_days);
  ADD ("/letter-data/after-payment", test_after_payment);
  ADD ("/letter-data/nothing-overdue", test_nothing_overdue);
  ADD ("/letter-data/validate", test_validate);
  ADD ("/letter-data/fields-and-expansion", test_fields_and_expansion);
  ADD ("/letter-data/candidates", test_candidates);
  ADD ("/letter-data/candidates-stop", test_candidates_stop);
  ADD ("/letter-data/bad-requests", test_bad_requests);
  ADD ("/letter-data/contact-sentence", test_contact_sentence);
#undef ADD
  return g_test_run ();
}
