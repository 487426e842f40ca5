/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "ar-date.h"
#include "ar-debtor-ledger.h"
#include "ar-ledger-edit.h"
#include "ar-ledger-private.h"
#include "ar-test-util.h"

/* The debtor pane's writes (ar-ledger-edit.h): each changes what it says, writes its audit
 * record under its action name, and changes nothing when refused. */

typedef struct
{
  char     *dir;
  char     *path;
  ArLedger *ledger;
  gint64    debtor;
  gint64    other;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ArDebtorInfo a = { .external_id = "C1", .name = "Zoë Ångström", .kind = AR_DEBTOR_CONSUMER };
  ArDebtorInfo b = { .external_id = "C2", .name = "王小明", .kind = AR_DEBTOR_BUSINESS };

  f->dir = g_dir_make_tmp ("arrears-test-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "book.arrears", NULL);
  f->ledger = ar_ledger_create (f->path, NULL);
  g_assert_nonnull (f->ledger);
  g_assert_true (ar_ledger_add_debtor (f->ledger, &a, &f->debtor, NULL));
  g_assert_true (ar_ledger_add_debtor (f->ledger, &b, &f->other, NULL));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ledger);
  ar_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
count (ArLedger *ledger, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_ar_ledger_get_db (ledger), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gint64
add_invoice (Fixture *f, const char *number, gint64 amount)
{
  ArInvoiceInfo info = {
    .debtor_id = f->debtor, .number = number, .issue_date = ar_date_parse_julian ("2026-01-01", NULL),
    .due_date = ar_date_parse_julian ("2026-01-31", NULL), .currency = "USD", .amount = amount,
  };
  gint64 id = 0;

  g_assert_true (ar_ledger_add_invoice (f->ledger, &info, &id, NULL));
  return id;
}

static void
test_update_debtor (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArDebtorLedger) d = NULL;
  ArDebtorInfo info = {
    .external_id = "C1", .name = "Zoë Ångström-Berg", .kind = AR_DEBTOR_SOLE_TRADER,
    .contact_person = "Ann", .language = "de", .country = "AT", .status = AR_STATUS_DISPUTED,
    .notes = "Prefers mornings",
  };
  gint64 audit_before;

  g_assert_true (ar_ledger_update_debtor (f->ledger, f->debtor, &info, &error));
  g_assert_no_error (error);
  d = ar_debtor_ledger_load (f->ledger, f->debtor, NULL);
  g_assert_cmpstr (d->debtor.name, ==, "Zoë Ångström-Berg");
  g_assert_cmpint (d->debtor.kind, ==, AR_DEBTOR_SOLE_TRADER);
  g_assert_cmpstr (d->debtor.contact_person, ==, "Ann");
  g_assert_cmpstr (d->debtor.country, ==, "AT");
  g_assert_cmpint (d->debtor.status, ==, AR_STATUS_DISPUTED);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit WHERE action = 'edit-debtor'"
                                     " AND json_extract (old_values, '$.name') = 'Zoë Ångström'"
                                     " AND json_extract (new_values, '$.name') = 'Zoë Ångström-Berg'"),
                   ==, 1);

  /* Refusals: a taken id, an empty name, a bad country, an unknown debtor. */
  audit_before = count (f->ledger, "SELECT count (*) FROM audit");
  info.external_id = "C2";
  g_assert_false (ar_ledger_update_debtor (f->ledger, f->debtor, &info, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_DUPLICATE);
  g_clear_error (&error);
  info.external_id = "C1";
  info.name = "";
  g_assert_false (ar_ledger_update_debtor (f->ledger, f->debtor, &info, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "name:"));
  g_clear_error (&error);
  info.name = "X";
  info.country = "Austria";
  g_assert_false (ar_ledger_update_debtor (f->ledger, f->debtor, &info, &error));
  g_assert_true (g_str_has_prefix (error->message, "country:"));
  g_clear_error (&error);
  info.country = NULL;
  g_assert_false (ar_ledger_update_debtor (f->ledger, 9999, &info, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit"), ==, audit_before);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM debtors WHERE name = 'X'"), ==, 0);
}

static void
test_status_and_notes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_set_debtor_status (f->ledger, f->debtor, AR_STATUS_LEGAL, &error));
  g_assert_true (ar_ledger_set_debtor_notes (f->ledger, f->debtor, "Lawyer: Dr. Ruiz\nCall after 3",
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM debtors WHERE status = 'legal'"
                                     " AND notes = 'Lawyer: Dr. Ruiz' || char (10) || 'Call after 3'"),
                   ==, 1);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit WHERE action = 'change-status'"
                                     " AND json_extract (new_values, '$.status') = 'legal'"), ==, 1);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit WHERE action = 'edit-notes'"),
                   ==, 1);
  /* The other debtor is untouched. */
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM debtors WHERE status = 'active'"), ==, 1);

  g_assert_false (ar_ledger_set_debtor_status (f->ledger, f->debtor, AR_N_STATUSES, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ar_ledger_set_debtor_notes (f->ledger, 4242, "x", &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND);
}

static void
test_contact_status (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArDebtorLedger) d = NULL;
  ArAddressInfo address = { .line1 = "1 Main St", .city = "Springfield", .source = "import" };
  gint64 phone, email, addr, others_phone;

  g_assert_true (ar_ledger_add_contact_point (f->ledger, f->debtor, AR_CONTACT_POINT_PHONE, "home",
                                              "+1 555 0100", AR_CONTACT_VALID, "import", &phone,
                                              NULL));
  g_assert_true (ar_ledger_add_contact_point (f->ledger, f->debtor, AR_CONTACT_POINT_EMAIL, NULL,
                                              "zoe@example.com", AR_CONTACT_UNVERIFIED,
                                              "skip trace", &email, NULL));
  g_assert_true (ar_ledger_add_address (f->ledger, f->debtor, &address, &addr, NULL));
  g_assert_true (ar_ledger_add_contact_point (f->ledger, f->other, AR_CONTACT_POINT_PHONE, NULL,
                                              "+1 555 0199", AR_CONTACT_VALID, NULL,
                                              &others_phone, NULL));

  /* The loaded contacts carry their row ids. */
  d = ar_debtor_ledger_load (f->ledger, f->debtor, NULL);
  g_assert_cmpuint (d->contacts->len, ==, 3);
  g_assert_cmpint (g_array_index (d->contacts, ArDebtorContact, 0).id, ==, addr);
  g_assert_cmpint (g_array_index (d->contacts, ArDebtorContact, 1).id, ==, phone);
  g_assert_cmpint (g_array_index (d->contacts, ArDebtorContact, 2).id, ==, email);

  g_assert_true (ar_ledger_set_contact_status (f->ledger, f->debtor, AR_DEBTOR_CONTACT_PHONE, phone,
                                               AR_CONTACT_DISCONNECTED, &error));
  g_assert_true (ar_ledger_set_contact_status (f->ledger, f->debtor, AR_DEBTOR_CONTACT_ADDRESS,
                                               addr, AR_CONTACT_RETURNED_MAIL, &error));
  g_assert_true (ar_ledger_set_contact_status (f->ledger, f->debtor, AR_DEBTOR_CONTACT_EMAIL, email,
                                               AR_CONTACT_BAD, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM phones WHERE status = 'disconnected'"),
                   ==, 1);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM addresses WHERE status = 'returned_mail'"),
                   ==, 1);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM emails WHERE status = 'bad'"), ==, 1);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM audit WHERE action = 'contact-status'"),
                   ==, 3);

  /* A phone can't be returned mail; another debtor's phone is not this debtor's. */
  g_assert_false (ar_contact_status_allowed (AR_DEBTOR_CONTACT_PHONE, AR_CONTACT_RETURNED_MAIL));
  g_assert_false (ar_contact_status_allowed (AR_DEBTOR_CONTACT_EMAIL, AR_CONTACT_DISCONNECTED));
  g_assert_false (ar_ledger_set_contact_status (f->ledger, f->debtor, AR_DEBTOR_CONTACT_PHONE,
                                                phone, AR_CONTACT_RETURNED_MAIL, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ar_ledger_set_contact_status (f->ledger, f->debtor, AR_DEBTOR_CONTACT_PHONE,
                                                others_phone, AR_CONTACT_BAD, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM phones WHERE status = 'bad'"), ==, 0);
}

static void
test_split_payment (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 a = add_invoice (f, "INV-A", 10000);
  gint64 b = add_invoice (f, "INV-B", 5000);
  gint64 c = add_invoice (f, "INV-C", 2000);
  gint64 open, entries_before;
  ArPosting payment = {
    .debtor_id = f->debtor, .date = ar_date_parse_julian ("2026-02-10", NULL), .currency = "USD",
    .reference = "CHK 1001",
  };
  /* Unlike "oldest first", which would put it all on INV-A. */
  ArPaymentPart parts[] = { { b, 5000 }, { c, 1500 } };
  ArPaymentPart too_much[] = { { a, 10001 } };
  ArPaymentPart twice[] = { { a, 100 }, { a, 100 } };

  g_assert_true (ar_ledger_post_split_payment (f->ledger, &payment, parts, 2, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_true (ar_ledger_get_invoice_open (f->ledger, a, &open, NULL));
  g_assert_cmpint (open, ==, 10000);
  g_assert_true (ar_ledger_get_invoice_open (f->ledger, b, &open, NULL));
  g_assert_cmpint (open, ==, 0);
  g_assert_true (ar_ledger_get_invoice_open (f->ledger, c, &open, NULL));
  g_assert_cmpint (open, ==, 500);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM entries WHERE kind = 'payment'"
                                     " AND reference = 'CHK 1001'"), ==, 2);

  /* All or nothing. */
  entries_before = count (f->ledger, "SELECT count (*) FROM entries");
  g_assert_false (ar_ledger_post_split_payment (f->ledger, &payment, too_much, 1, ids, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "amount:"));
  g_clear_error (&error);
  g_assert_false (ar_ledger_post_split_payment (f->ledger, &payment, twice, 2, ids, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ar_ledger_post_split_payment (f->ledger, &payment, parts, 0, ids, &error));
  g_clear_error (&error);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM entries"), ==, entries_before);
  g_assert_cmpuint (ids->len, ==, 2);

  /* Undo: both parts reversed in one go. */
  g_assert_true (ar_ledger_reverse_entries (f->ledger, (gint64 *) ids->data, ids->len,
                                            ar_date_parse_julian ("2026-01-01", NULL), "Undone",
                                            &error));
  g_assert_no_error (error);
  g_assert_true (ar_ledger_get_invoice_open (f->ledger, b, &open, NULL));
  g_assert_cmpint (open, ==, 5000);
  /* Dated on the payment's own day, since a reversal can't precede its entry. */
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM entries WHERE kind = 'reversal'"
                                     " AND date = '2026-02-10' AND memo = 'Undone'"), ==, 2);
  /* Reversing again fails and leaves nothing half done. */
  entries_before = count (f->ledger, "SELECT count (*) FROM entries");
  g_assert_false (ar_ledger_reverse_entries (f->ledger, (gint64 *) ids->data, ids->len,
                                             payment.date, "Again", &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_assert_cmpint (count (f->ledger, "SELECT count (*) FROM entries"), ==, entries_before);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ledger-edit/update-debtor", Fixture, NULL, fixture_setup, test_update_debtor,
              fixture_teardown);
  g_test_add ("/ledger-edit/status-and-notes", Fixture, NULL, fixture_setup,
              test_status_and_notes, fixture_teardown);
  g_test_add ("/ledger-edit/contact-status", Fixture, NULL, fixture_setup, test_contact_status,
              fixture_teardown);
  g_test_add ("/ledger-edit/split-payment", Fixture, NULL, fixture_setup, test_split_payment,
              fixture_teardown);
  return g_test_run ();
}
