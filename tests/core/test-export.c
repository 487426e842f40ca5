/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ar-csv.h"
#include "ar-date.h"
#include "ar-demo.h"
#include "ar-export.h"
#include "ar-ledger-private.h"
#include "ar-money.h"
#include "ar-plan.h"
#include "ar-promise.h"
#include "ar-test-util.h"

static char *tmp_dir;
static guint counter;

static char *
new_path (const char *suffix)
{
  g_autofree char *name = g_strdup_printf ("%u%s", ++counter, suffix);

  return g_build_filename (tmp_dir, name, NULL);
}

static ArLedger *
new_ledger (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = new_path (".arrears");
  ArLedger *ledger = ar_ledger_create (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ledger);
  return ledger;
}

static guint32
day (int year,
     int month,
     int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) month, (GDateYear) year);
  return ar_date_to_julian (&date);
}

static char *
read_text (const char *dir,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* The names in @dir, sorted, joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  for (guint i = 1; i < names->len; i++)
    for (guint j = i; j > 0 && strcmp (g_ptr_array_index (names, j - 1),
                                       g_ptr_array_index (names, j)) > 0; j--)
      {
        gpointer t = names->pdata[j];
        names->pdata[j] = names->pdata[j - 1];
        names->pdata[j - 1] = t;
      }
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static gint64
add_debtor (ArLedger           *ledger,
            const ArDebtorInfo *info)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (ar_ledger_add_debtor (ledger, info, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
add_invoice (ArLedger   *ledger,
             gint64      debtor_id,
             const char *number,
             guint32     issue,
             guint32     due,
             const char *currency,
             gint64      amount,
             const char *description)
{
  g_autoptr(GError) error = NULL;
  ArInvoiceInfo info = { debtor_id, number, issue, due, currency, amount, description, NULL };
  gint64 id = 0;

  g_assert_true (ar_ledger_add_invoice (ledger, &info, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
post (ArLedger    *ledger,
      gint64       debtor_id,
      ArEntryKind  kind,
      guint32      date,
      gint64       amount,
      const char  *currency,
      gint64       invoice_id,
      const char  *reference)
{
  g_autoptr(GError) error = NULL;
  ArPosting p = { debtor_id, kind, date, amount, currency, invoice_id, reference, NULL };
  gint64 id = 0;

  g_assert_true (ar_ledger_post (ledger, &p, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
reverse (ArLedger *ledger,
         gint64    entry_id,
         guint32   date)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_reverse (ledger, entry_id, date, "mistake", NULL, &error));
  g_assert_no_error (error);
}

static gint64
invoice_entry (ArLedger *ledger,
               gint64    invoice_id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT id FROM entries WHERE invoice_id = ?1 AND kind = 'invoice'", &error);
  gint64 id;

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static void
test_refuses_existing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_ledger ();
  g_autofree char *dir = new_path ("-csv");
  g_autofree char *existing = g_build_filename (dir, "invoices.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  guint skipped = 0;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (existing, "keep me", -1, &error));
  g_assert_no_error (error);

  g_assert_false (ar_export_run (ledger, dir, &skipped, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "invoices.csv"));
  g_clear_error (&error);

  /* The file is untouched and nothing else was left behind. */
  contents = read_text (dir, "invoices.csv");
  g_assert_cmpstr (contents, ==, "keep me");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "invoices.csv");
}

static void
test_second_export_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_ledger ();
  g_autofree char *dir = new_path ("-csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ArDebtorInfo d = { .external_id = "X1", .name = "Ann" };

  add_debtor (ledger, &d);
  g_assert_true (ar_export_run (ledger, dir, NULL, &error));
  g_assert_no_error (error);
  before = read_text (dir, "debtors.csv");

  d.external_id = "X2";
  add_debtor (ledger, &d);
  g_assert_false (ar_export_run (ledger, dir, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "debtors.csv"));
  after = read_text (dir, "debtors.csv");
  g_assert_cmpstr (before, ==, after);
}

static void
test_creates_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_ledger ();
  g_autofree char *parent = new_path ("-nested");
  g_autofree char *dir = g_build_filename (parent, "a", "b", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *debtors = NULL;
  g_autofree char *payments = NULL;
  GStatBuf st;

  g_assert_true (ar_export_run (ledger, dir, NULL, &error));
  g_assert_no_error (error);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "activities.csv contact_points.csv debtors.csv entries.csv "
                   "holds.csv invoices.csv letter_items.csv letters.csv payments.csv "
                   "plan_instalments.csv plan_invoices.csv plans.csv promises.csv");

  /* Headers only, CRLF, and private like the ledger. */
  debtors = read_text (dir, "debtors.csv");
  g_assert_cmpstr (debtors, ==,
                   "id,name,email,phone,address_line1,address_line2,city,region,postal_code,"
                   "country,kind,language,time_zone,company,contact\r\n");
  payments = g_build_filename (dir, "payments.csv", NULL);
  g_assert_cmpint (g_stat (payments, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

typedef struct
{
  const char *id;
  const char *name;
  const char *email;
  const char *city;
  const char *company;
} Nasty;

static const Nasty nasty[] = {
  { "N1", "Smith, John", "john@example.com", "Springfield, IL", "" },
  { "N2", "\"Quoted\" Name", "q\"uote@example.com", "Paris", "\"ACME\" Ltd" },
  { "N3", "Line one\nLine two", "lines@example.com", "Köln", "" },
  { "N4", "  Leading spaces", "lead@example.com", " Space City", "" },
  { "N5", "Trailing space ", "trail@example.com", "Tail ", "" },
  { "N6", "Mixed, \"all\"\r\nof it", "mix@example.com", "a,b", "x\ny" },
  { "N7", "王小明", "wang@example.com", "上海", "Ünïcødé, GmbH" },
  { "N8", "\tTabbed", "tab@example.com", "\"", "" },
  { "N9", "Plain", "plain@example.com", "", "" },
};

static void
test_nasty_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_ledger ();
  g_autofree char *dir = new_path ("-csv");
  g_autofree char *path = NULL;
  g_autoptr(ArCsvReader) reader = NULL;
  guint row = 0;

  for (guint i = 0; i < G_N_ELEMENTS (nasty); i++)
    {
      ArDebtorInfo d = {
        .external_id = nasty[i].id,
        .kind = AR_DEBTOR_BUSINESS,
        .name = nasty[i].name,
        .company = nasty[i].company,
        .contact_person = "Jane \"JJ\" Doe, CFO",
        .country = "DE",
        .language = "de",
        .time_zone = "Europe/Berlin",
      };
      ArAddressInfo a = {
        .line1 = "12 Main St, Apt 4",
        .line2 = "c/o \"Front desk\"",
        .city = nasty[i].city,
        .region = "",
        .postal_code = "01234",
        .country = "",
        .status = AR_CONTACT_VALID,
      };
      ArAddressInfo later = { .line1 = "Second address", .city = "Elsewhere", .country = "FR" };
      gint64 id = add_debtor (ledger, &d);

      if (i == G_N_ELEMENTS (nasty) - 1)
        continue;  /* N9 has no contact details at all */
      g_assert_true (ar_ledger_add_address (ledger, id, &a, NULL, &error));
      g_assert_true (ar_ledger_add_address (ledger, id, &later, NULL, &error));
      g_assert_true (ar_ledger_add_contact_point (ledger, id, AR_CONTACT_POINT_EMAIL, "work",
                                                  nasty[i].email, AR_CONTACT_VALID, NULL, NULL,
                                                  &error));
      g_assert_true (ar_ledger_add_contact_point (ledger, id, AR_CONTACT_POINT_EMAIL, "old",
                                                  "second@example.com", AR_CONTACT_VALID, NULL,
                                                  NULL, &error));
      g_assert_true (ar_ledger_add_contact_point (ledger, id, AR_CONTACT_POINT_PHONE, "office",
                                                  "+49 30 123, ext. 4", AR_CONTACT_VALID, NULL,
                                                  NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_true (ar_export_run (ledger, dir, NULL, &error));
  g_assert_no_error (error);

  path = g_build_filename (dir, "debtors.csv", NULL);
  reader = ar_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_true (ar_csv_reader_next (reader, &error));
  g_assert_cmpuint (ar_csv_reader_get_n_fields (reader), ==, 15);
  g_assert_cmpstr (ar_csv_reader_get_field (reader, 14), ==, "contact");

  while (ar_csv_reader_next (reader, &error))
    {
      const Nasty *n = &nasty[row];
      gboolean bare = row == G_N_ELEMENTS (nasty) - 1;

      g_assert_cmpuint (ar_csv_reader_get_n_fields (reader), ==, 15);
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 0), ==, n->id);
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 1), ==, n->name);
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 2), ==, bare ? "" : n->email);
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 3), ==, bare ? "" : "+49 30 123, ext. 4");
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 4), ==, bare ? "" : "12 Main St, Apt 4");
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 5), ==, bare ? "" : "c/o \"Front desk\"");
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 6), ==, bare ? "" : n->city);
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 7), ==, "");
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 8), ==, bare ? "" : "01234");
      /* The address has no country: the debtor's. */
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 9), ==, "DE");
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 10), ==, "business");
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 11), ==, "de");
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 12), ==, "Europe/Berlin");
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 13), ==, n->company);
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 14), ==, "Jane \"JJ\" Doe, CFO");
      row++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (row, ==, G_N_ELEMENTS (nasty));
}

/* Reversed entries drop out, a payment naming a reversed invoice names nothing, amounts use the
 * currency's decimals, and entries the format can't carry are counted. */
static void
test_journal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_ledger ();
  g_autofree char *dir = new_path ("-csv");
  g_autofree char *invoices = NULL;
  g_autofree char *payments = NULL;
  ArDebtorInfo d = { .external_id = "A1", .name = "Ann" };
  ArDebtorInfo e = { .external_id = "B2", .name = "Bob" };
  gint64 a, b, inv1, inv2, inv3, inv4, pay3, cn2;
  guint skipped = 0;

  a = add_debtor (ledger, &d);
  b = add_debtor (ledger, &e);
  inv1 = add_invoice (ledger, a, "INV-1", day (2026, 1, 10), day (2026, 2, 9), "USD", 123450,
                      "Crown, porcelain");
  inv2 = add_invoice (ledger, a, "INV-2", day (2026, 1, 12), day (2026, 1, 12), "JPY", 5000, NULL);
  inv3 = add_invoice (ledger, a, "INV-3", day (2026, 1, 13), day (2026, 2, 13), "USD", 10000,
                      "Wrong");
  inv4 = add_invoice (ledger, b, "INV-4", day (2026, 1, 14), day (2026, 2, 14), "EUR", 7, "Tiny");
  post (ledger, a, AR_ENTRY_PAYMENT, day (2026, 1, 20), 20000, "USD", inv1, "Check 1");
  post (ledger, a, AR_ENTRY_PAYMENT, day (2026, 1, 21), 5005, "USD", 0, "Cash");
  pay3 = post (ledger, a, AR_ENTRY_PAYMENT, day (2026, 1, 22), 1000, "USD", inv1, "Oops");
  reverse (ledger, pay3, day (2026, 1, 23));
  reverse (ledger, invoice_entry (ledger, inv3), day (2026, 1, 24));
  post (ledger, a, AR_ENTRY_PAYMENT, day (2026, 1, 25), 3000, "USD", inv3, "Transfer");
  post (ledger, a, AR_ENTRY_PAYMENT, day (2026, 1, 26), 4000, "JPY", inv2, "=1+1");
  post (ledger, b, AR_ENTRY_PAYMENT, day (2026, 1, 27), 7, "EUR", inv4, NULL);
  post (ledger, a, AR_ENTRY_CREDIT_NOTE, day (2026, 1, 28), 500, "USD", inv1, "CN-1");
  post (ledger, a, AR_ENTRY_FEE, day (2026, 1, 29), 1500, "USD", inv1, "Late fee");
  cn2 = post (ledger, a, AR_ENTRY_CREDIT_NOTE, day (2026, 1, 30), 100, "USD", inv1, "CN-2");
  reverse (ledger, cn2, day (2026, 1, 31));

  g_assert_true (ar_export_run (ledger, dir, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (skipped, ==, 2);

  invoices = read_text (dir, "invoices.csv");
  g_assert_cmpstr (invoices, ==,
                   "debtor_id,invoice_number,issue_date,due_date,amount,currency,description\r\n"
                   "A1,INV-1,2026-01-10,2026-02-09,1234.50,USD,\"Crown, porcelain\"\r\n"
                   "A1,INV-2,2026-01-12,2026-01-12,5000,JPY,\r\n"
                   "B2,INV-4,2026-01-14,2026-02-14,0.07,EUR,Tiny\r\n");
  payments = read_text (dir, "payments.csv");
  g_assert_cmpstr (payments, ==,
                   "debtor_id,date,amount,currency,reference,invoice_number\r\n"
                   "A1,2026-01-20,200.00,USD,Check 1,INV-1\r\n"
                   "A1,2026-01-21,50.05,USD,Cash,\r\n"
                   "A1,2026-01-25,30.00,USD,Transfer,\r\n"
                   "A1,2026-01-26,4000,JPY,=1+1,INV-2\r\n"
                   "B2,2026-01-27,0.07,EUR,,INV-4\r\n");
}

/* Streams a book larger than one write buffer and keeps rows in id order. */
static void
test_many (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_ledger ();
  g_autofree char *dir = new_path ("-csv");
  g_autofree char *path = NULL;
  g_autoptr(ArCsvReader) reader = NULL;
  guint n = 0;

  g_assert_true (ar_ledger_begin (ledger, "test", &error));
  for (guint i = 0; i < 4000; i++)
    {
      g_autofree char *id = g_strdup_printf ("M%05u", i);
      g_autofree char *name = g_strdup_printf ("Debtor number %u with a rather long name, "
                                               "to fill the buffer", i);
      ArDebtorInfo d = { .external_id = id, .name = name, .notes = "x" };

      add_debtor (ledger, &d);
    }
  g_assert_true (ar_ledger_commit (ledger, &error));
  g_assert_no_error (error);

  g_assert_true (ar_export_run (ledger, dir, NULL, &error));
  g_assert_no_error (error);
  path = g_build_filename (dir, "debtors.csv", NULL);
  reader = ar_csv_reader_new_for_path (path, &error);
  g_assert_true (ar_csv_reader_next (reader, &error));
  while (ar_csv_reader_next (reader, &error))
    {
      g_autofree char *id = g_strdup_printf ("M%05u", n++);
      g_assert_cmpstr (ar_csv_reader_get_field (reader, 0), ==, id);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4000);
}

/* One CSV file read whole for the assertions: a header and rows of fields. */
typedef struct
{
  GPtrArray *header;  /* char * */
  GPtrArray *rows;    /* GPtrArray of char * */
} Table;

static void
table_free (Table *t)
{
  g_ptr_array_unref (t->header);
  g_ptr_array_unref (t->rows);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

static Table *
read_table (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(ArCsvReader) reader = ar_csv_reader_new_for_path (path, &error);
  Table *t = g_new0 (Table, 1);

  g_assert_no_error (error);
  t->header = g_ptr_array_new_with_free_func (g_free);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_assert_true (ar_csv_reader_next (reader, &error));
  for (guint i = 0; i < ar_csv_reader_get_n_fields (reader); i++)
    g_ptr_array_add (t->header, g_strdup (ar_csv_reader_get_field (reader, i)));
  while (ar_csv_reader_next (reader, &error))
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

      /* Every record has as many fields as the header. */
      g_assert_cmpuint (ar_csv_reader_get_n_fields (reader), ==, t->header->len);
      for (guint i = 0; i < ar_csv_reader_get_n_fields (reader); i++)
        g_ptr_array_add (row, g_strdup (ar_csv_reader_get_field (reader, i)));
      g_ptr_array_add (t->rows, row);
    }
  g_assert_no_error (error);
  return t;
}

static char *
table_header (Table *t)
{
  g_ptr_array_add (t->header, NULL);
  return g_strjoinv (",", (char **) t->header->pdata);
}

static const char *
cell (Table      *t,
      guint       row,
      const char *column)
{
  for (guint i = 0; i < t->header->len; i++)
    if (g_strcmp0 (g_ptr_array_index (t->header, i), column) == 0)
      return g_ptr_array_index ((GPtrArray *) g_ptr_array_index (t->rows, row), i);
  g_assert_not_reached ();
}

static gint64
cell_money (Table      *t,
            guint       row,
            const char *column)
{
  g_autoptr(GError) error = NULL;
  ArMoney m;

  g_assert_true (ar_money_parse (cell (t, row, column), cell (t, row, "currency"), &m, &error));
  g_assert_no_error (error);
  return m.minor;
}

static const struct
{
  const char *file;
  const char *header;
} headers[] = {
  { "entries.csv", "id,debtor_id,kind,date,amount,currency,invoice_number,reference,memo,"
                   "reverses_id,reversed_by_id" },
  { "contact_points.csv", "debtor_id,type,id,label,value,address_line1,address_line2,city,"
                          "region,postal_code,country,status,source,since" },
  { "activities.csv", "id,debtor_id,occurred_at,kind,direction,outcome,summary,"
                      "next_action_date,document_name,document_sha256" },
  { "plans.csv", "id,debtor_id,currency,plan_date,frequency,first_due,n_instalments,principal,"
                 "down_payment,apr,interest,setup_fee,total,fees_waived,grace_days,"
                 "default_after,note,replaces_id,replaced_by_id,ended_on,cancel_reason,as_of,"
                 "state,paid,remaining,missed,completed_on,defaulted_on" },
  { "plan_invoices.csv", "plan_id,invoice_number,amount,currency" },
  { "plan_instalments.csv", "plan_id,seq,due_date,amount,currency,as_of,state,paid,paid_on" },
  { "promises.csv", "id,debtor_id,currency,amount,promised_date,made_on,channel,note,series_id,"
                    "series_index,series_length,cancelled_on,cancel_reason,as_of,state,paid,"
                    "until" },
  { "holds.csv", "id,debtor_id,invoice_number,kind,reason,start_date,end_date,released_on,"
                 "release_reason" },
  { "letters.csv", "id,debtor_id,currency,level,letter_date,deadline,total_due,hand_over,"
                   "document_name,document_sha256" },
  { "letter_items.csv", "letter_id,entry_id,invoice_number,level,letter_date,open,currency,"
                        "fee_entry_id,fee,interest_entry_id,interest,compensation_entry_id,"
                        "compensation" },
};

typedef struct
{
  guint    n;
  guint64  last;
} Progress;

static void
count_progress (ArExportFile file,
                guint64      rows_done,
                gpointer     user_data)
{
  Progress *p = user_data;

  g_assert_cmpuint (file, <, AR_EXPORT_N_FILES);
  g_assert_cmpuint (rows_done, >, p->last);
  p->last = rows_done;
  p->n++;
}

/* The demo book's desk comes out whole: every file's header, counts that match the files, a
 * plan's schedule that adds up to its total, the states derived as of the export's day. */
static void
test_demo_book (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_ledger ();
  g_autofree char *dir = new_path ("-csv");
  guint32 today = day (2026, 3, 15);
  ArExportCounts counts;
  Progress progress = { 0 };
  g_autoptr(Table) plans = NULL;
  g_autoptr(Table) rows = NULL;
  g_autoptr(Table) promises = NULL;
  g_autoptr(Table) letters = NULL;
  g_autoptr(Table) items = NULL;
  g_autoptr(Table) holds = NULL;
  g_autoptr(Table) entries = NULL;
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n_defaulted = 0, n_broken = 0, n_kept = 0, n_disputes = 0;

  g_assert_true (ar_demo_generate (ledger, 300, 1, today, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ar_export_run_full (ledger, dir, today, &counts, count_progress, &progress,
                                     NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.n, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(Table) t = read_table (dir, headers[i].file);
      g_autofree char *header = table_header (t);

      g_assert_cmpstr (header, ==, headers[i].header);
      for (guint k = 0; k < AR_EXPORT_N_FILES; k++)
        if (g_str_equal (ar_export_file_name (k), headers[i].file))
          g_assert_cmpuint (counts.rows[k], ==, t->rows->len);
    }

  /* Each plan's instalments (down payment included) add up to its total, and what the file
   * says was paid on them is what the plan says it was paid. */
  plans = read_table (dir, "plans.csv");
  rows = read_table (dir, "plan_instalments.csv");
  g_assert_cmpuint (plans->rows->len, >=, 4);
  for (guint r = 0; r < rows->rows->len; r++)
    {
      gint64 *sum = g_hash_table_lookup (sums, cell (rows, r, "plan_id"));

      if (sum == NULL)
        {
          sum = g_new0 (gint64, 2);
          g_hash_table_insert (sums, g_strdup (cell (rows, r, "plan_id")), sum);
        }
      sum[0] += cell_money (rows, r, "amount");
      sum[1] += cell_money (rows, r, "paid");
      g_assert_cmpstr (cell (rows, r, "as_of"), ==, "2026-03-15");
    }
  for (guint r = 0; r < plans->rows->len; r++)
    {
      gint64 *sum = g_hash_table_lookup (sums, cell (plans, r, "id"));
      g_autoptr(ArPlan) plan = ar_ledger_get_plan (ledger,
                                                   g_ascii_strtoll (cell (plans, r, "id"), NULL,
                                                                    10), today, &error);

      g_assert_no_error (error);
      g_assert_nonnull (sum);
      g_assert_cmpint (sum[0], ==, cell_money (plans, r, "total"));
      g_assert_cmpint (sum[1], ==, cell_money (plans, r, "paid"));
      g_assert_cmpint (plan->total, ==, cell_money (plans, r, "total"));
      g_assert_cmpstr (cell (plans, r, "state"), ==, ar_plan_state_to_string (plan->state));
      g_assert_cmpstr (cell (plans, r, "debtor_id"), ==, plan->debtor_external_id);
      if (g_str_equal (cell (plans, r, "state"), "defaulted"))
        {
          n_defaulted++;
          g_assert_cmpstr (cell (plans, r, "defaulted_on"), !=, "");
        }
    }
  g_assert_cmpuint (n_defaulted, >=, 1);

  /* The desk's broken promise is broken, the kept one kept and paid in full. */
  promises = read_table (dir, "promises.csv");
  for (guint r = 0; r < promises->rows->len; r++)
    {
      const char *state = cell (promises, r, "state");

      if (g_str_equal (state, "broken"))
        {
          n_broken++;
          g_assert_cmpint (cell_money (promises, r, "paid"), ==, 0);
          g_assert_cmpstr (cell (promises, r, "until"), <, "2026-03-15");
        }
      else if (g_str_equal (state, "kept"))
        {
          n_kept++;
          g_assert_cmpint (cell_money (promises, r, "paid"), ==,
                           cell_money (promises, r, "amount"));
        }
    }
  g_assert_cmpuint (n_broken, >=, 1);
  g_assert_cmpuint (n_kept, >=, 1);

  /* The disputed invoice is named by its number. */
  holds = read_table (dir, "holds.csv");
  for (guint r = 0; r < holds->rows->len; r++)
    if (g_str_equal (cell (holds, r, "kind"), "dispute"))
      {
        n_disputes++;
        g_assert_true (g_str_has_prefix (cell (holds, r, "invoice_number"), "INV-"));
      }
  g_assert_cmpuint (n_disputes, >=, 1);

  /* Every letter item belongs to a letter in the file, at most at the letter's level. */
  letters = read_table (dir, "letters.csv");
  items = read_table (dir, "letter_items.csv");
  g_assert_cmpuint (letters->rows->len, >, 0);
  g_assert_cmpuint (items->rows->len, >=, letters->rows->len);
  for (guint r = 0; r < items->rows->len; r++)
    {
      gboolean found = FALSE;

      for (guint l = 0; l < letters->rows->len && !found; l++)
        if (g_str_equal (cell (letters, l, "id"), cell (items, r, "letter_id")))
          {
            found = TRUE;
            g_assert_cmpstr (cell (letters, l, "currency"), ==, cell (items, r, "currency"));
            g_assert_cmpstr (cell (items, r, "level"), <=, cell (letters, l, "level"));
          }
      g_assert_true (found);
    }

  /* The whole journal, in id order. */
  entries = read_table (dir, "entries.csv");
  g_assert_cmpuint (entries->rows->len, >, counts.rows[AR_EXPORT_PAYMENTS]);
  for (guint r = 1; r < entries->rows->len; r++)
    g_assert_cmpint (g_ascii_strtoll (cell (entries, r - 1, "id"), NULL, 10), <,
                     g_ascii_strtoll (cell (entries, r, "id"), NULL, 10));
}

/* A cancelled export leaves nothing behind. */
static void
test_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = new_ledger ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = new_path ("-csv");
  g_autoptr(GDir) d = NULL;

  g_assert_true (ar_demo_generate (ledger, 30, 1, day (2026, 3, 15), NULL, &error));
  g_cancellable_cancel (cancellable);
  g_assert_false (ar_export_run_full (ledger, dir, 0, NULL, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  g_assert_null (g_dir_read_name (d));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("arrears-test-export-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/export/refuses-existing", test_refuses_existing);
  g_test_add_func ("/export/second-export-refused", test_second_export_refused);
  g_test_add_func ("/export/creates-dir", test_creates_dir);
  g_test_add_func ("/export/nasty-names", test_nasty_names);
  g_test_add_func ("/export/journal", test_journal);
  g_test_add_func ("/export/many", test_many);
  g_test_add_func ("/export/demo-book", test_demo_book);
  g_test_add_func ("/export/cancelled", test_cancelled);
  ret = g_test_run ();

  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
