/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-promise"
#include "config.h"

#include <string.h>

#include <glib.h>

#include "ar-activity.h"
#include "ar-arrangements.h"
#include "ar-date.h"
#include "ar-ledger-private.h"
#include "ar-plan.h"
#include "ar-promise.h"
#include "ar-test-util.h"

/* Promises to pay: kept, partly kept, broken, repeating, the grace days, cancelling, the work
 * queue's lookups, and the seam the dunning run reads (ar_ledger_foreach_dunning_pause). */

typedef struct
{
  char     *dir;
  char     *path;
  ArLedger *ledger;
  gint64    debtor;
  gint64    other;
} Fixture;

static guint32
jd (const char *iso)
{
  g_autoptr(GError) error = NULL;
  guint32 julian = ar_date_parse_julian (iso, &error);

  g_assert_no_error (error);
  return julian;
}

static void
add_invoice (Fixture *f, gint64 debtor, const char *number, gint64 amount)
{
  ArInvoiceInfo info = {
    .debtor_id = debtor, .number = number, .issue_date = jd ("2026-10-01"),
    .due_date = jd ("2026-11-01"), .currency = "USD", .amount = amount,
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_add_invoice (f->ledger, &info, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ArDebtorInfo a = { .external_id = "C1", .name = "Ana Lima" };
  ArDebtorInfo b = { .external_id = "C2", .name = "Bo Chen" };
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("arrears-promise-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "book.arrears", NULL);
  f->ledger = ar_ledger_create (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (ar_ledger_add_debtor (f->ledger, &a, &f->debtor, &error));
  g_assert_true (ar_ledger_add_debtor (f->ledger, &b, &f->other, &error));
  add_invoice (f, f->debtor, "INV-1", 100000);
  add_invoice (f, f->other, "INV-2", 50000);
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
count (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (f->ledger, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static gint64
pay_by (Fixture *f, gint64 debtor, const char *date, gint64 amount)
{
  ArPosting p = {
    .debtor_id = debtor, .kind = AR_ENTRY_PAYMENT, .date = jd (date), .amount = amount,
    .currency = "USD",
  };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (ar_ledger_post (f->ledger, &p, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
pay (Fixture *f, const char *date, gint64 amount)
{
  return pay_by (f, f->debtor, date, amount);
}

/* 100.00 on 10 Jan 2027, made on 5 Jan by phone. */
static gint64
promise_single (Fixture *f)
{
  ArPromiseInfo info = {
    .debtor_id = f->debtor, .amount = 10000, .date = jd ("2027-01-10"),
    .channel = AR_ACTIVITY_CALL, .note = "Pays on payday", .made_on = jd ("2027-01-05"),
  };
  g_autoptr(GError) error = NULL;
  gint64 id = ar_ledger_add_promise (f->ledger, &info, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gboolean
collect (const ArPromise *promise, gpointer user_data)
{
  ArPromise copy = *promise;

  /* Strings are valid during the call only. */
  copy.debtor_external_id = copy.debtor_name = copy.currency = copy.note = NULL;
  copy.cancel_reason = NULL;
  g_array_append_val ((GArray *) user_data, copy);
  return TRUE;
}

/* The promises of @debtor (all when 0) as of @as_of. */
static GArray *
list (Fixture *f, gint64 debtor, const char *as_of)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (ArPromise));
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_list_promises (f->ledger, debtor, jd (as_of), collect, out, &error));
  g_assert_no_error (error);
  return out;
}

static ArPromiseState
state_of (Fixture *f, const char *as_of, guint index)
{
  g_autoptr(GArray) promises = list (f, f->debtor, as_of);

  g_assert_cmpuint (index, <, promises->len);
  return g_array_index (promises, ArPromise, index).state;
}

/* Single promises ------------------------------------------------------------------------------ */

static void
test_kept (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) promises = NULL;
  g_autofree char *next = NULL;
  ArPromise *p;

  promise_single (f);
  pay (f, "2027-01-09", 10000);
  g_assert_cmpuint (state_of (f, "2027-01-08", 0), ==, AR_PROMISE_PENDING);
  g_assert_cmpuint (state_of (f, "2027-01-09", 0), ==, AR_PROMISE_KEPT);
  g_assert_cmpuint (state_of (f, "2027-03-01", 0), ==, AR_PROMISE_KEPT);

  promises = list (f, f->debtor, "2027-01-09");
  p = &g_array_index (promises, ArPromise, 0);
  g_assert_cmpint (p->amount, ==, 10000);
  g_assert_cmpint (p->paid, ==, 10000);
  g_assert_cmpuint (p->until, ==, jd ("2027-01-13"));
  g_assert_cmpuint (p->made_on, ==, jd ("2027-01-05"));
  g_assert_cmpuint (p->channel, ==, AR_ACTIVITY_CALL);
  g_assert_cmpuint (p->series_length, ==, 1);
  g_assert_cmpint (p->series_id, ==, 0);

  /* Logged as an activity whose next action is the day after the grace ends. */
  g_assert_cmpint (p->activity_id, >, 0);
  g_assert_cmpint (count (f, "SELECT count (*) FROM activities WHERE outcome = 'promised_to_pay'"
                             " AND kind = 'call' AND next_action_date = '2027-01-14'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count (*) FROM audit WHERE action = 'add-promise'"
                             " AND table_name = 'promises'"), ==, 1);
}

static void
test_partly_kept_and_broken (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) promises = NULL;

  promise_single (f);
  /* A payment before the promise was made doesn't keep it. */
  pay (f, "2027-01-04", 10000);
  g_assert_cmpuint (state_of (f, "2027-01-13", 0), ==, AR_PROMISE_PENDING);
  g_assert_cmpuint (state_of (f, "2027-01-14", 0), ==, AR_PROMISE_BROKEN);
  /* Paid in part within the grace days: partly kept once they are over. */
  pay (f, "2027-01-12", 4000);
  g_assert_cmpuint (state_of (f, "2027-01-13", 0), ==, AR_PROMISE_PENDING);
  g_assert_cmpuint (state_of (f, "2027-01-14", 0), ==, AR_PROMISE_PARTLY_KEPT);
  promises = list (f, f->debtor, "2027-01-14");
  g_assert_cmpint (g_array_index (promises, ArPromise, 0).paid, ==, 4000);
  /* A payment after the grace days is too late for the promise. */
  pay (f, "2027-01-15", 6000);
  g_assert_cmpuint (state_of (f, "2027-01-20", 0), ==, AR_PROMISE_PARTLY_KEPT);
}

static void
test_reversed_payment (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 entry;

  promise_single (f);
  entry = pay (f, "2027-01-10", 10000);
  g_assert_cmpuint (state_of (f, "2027-01-11", 0), ==, AR_PROMISE_KEPT);
  /* The cheque bounced. */
  g_assert_true (ar_ledger_reverse (f->ledger, entry, jd ("2027-01-12"), "Bounced", NULL,
                                    &error));
  g_assert_cmpuint (state_of (f, "2027-01-11", 0), ==, AR_PROMISE_KEPT);
  g_assert_cmpuint (state_of (f, "2027-01-14", 0), ==, AR_PROMISE_BROKEN);
}

static void
test_grace_setting (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (ar_ledger_get_promise_grace_days (f->ledger), ==, 3);
  g_assert_true (ar_ledger_set_setting (f->ledger, "promises.grace-days", "0", &error));
  g_assert_cmpuint (ar_ledger_get_promise_grace_days (f->ledger), ==, 0);
  promise_single (f);
  g_assert_cmpuint (state_of (f, "2027-01-10", 0), ==, AR_PROMISE_PENDING);
  g_assert_cmpuint (state_of (f, "2027-01-11", 0), ==, AR_PROMISE_BROKEN);
  g_assert_true (ar_ledger_set_setting (f->ledger, "promises.grace-days", "nonsense", &error));
  g_assert_cmpuint (ar_ledger_get_promise_grace_days (f->ledger), ==, 3);
}

/* Repeating promises ------------------------------------------------------------------------- */

static gint64
promise_weekly (Fixture *f)
{
  /* 50.00 every Friday for 6 weeks, from Friday 1 Jan 2027. */
  ArPromiseInfo info = {
    .debtor_id = f->debtor, .amount = 5000, .date = jd ("2027-01-01"), .every_days = 7,
    .times = 6, .channel = AR_ACTIVITY_VISIT, .made_on = jd ("2026-12-30"),
  };
  g_autoptr(GError) error = NULL;
  gint64 id = ar_ledger_add_promise (f->ledger, &info, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_repeating (Fixture *f, gconstpointer data)
{
  gint64 first = promise_weekly (f);
  g_autoptr(GArray) promises = NULL;
  const ArPromiseState expected[] = {
    AR_PROMISE_KEPT, AR_PROMISE_KEPT, AR_PROMISE_PARTLY_KEPT, AR_PROMISE_BROKEN,
    AR_PROMISE_BROKEN, AR_PROMISE_BROKEN,
  };

  g_assert_cmpint (count (f, "SELECT count (*) FROM promises"), ==, 6);
  g_assert_cmpint (count (f, "SELECT count (*) FROM activities"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count (*) FROM activities"
                             " WHERE next_action_date = '2027-02-09'"), ==, 1);

  pay (f, "2027-01-01", 5000);
  pay (f, "2027-01-08", 5000);
  pay (f, "2027-01-15", 2000);
  promises = list (f, f->debtor, "2027-02-20");
  g_assert_cmpuint (promises->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      ArPromise *p = &g_array_index (promises, ArPromise, i);
      char day[11];

      g_assert_cmpuint (p->state, ==, expected[i]);
      g_assert_cmpint (p->series_id, ==, first);
      g_assert_cmpuint (p->series_index, ==, i + 1);
      g_assert_cmpuint (p->series_length, ==, 6);
      g_assert_cmpuint (p->date, ==, jd ("2027-01-01") + 7 * i);
      (void) day;
    }
  g_assert_cmpint (g_array_index (promises, ArPromise, 2).paid, ==, 2000);

  /* Paying ahead fills the next occurrences in order. */
  pay (f, "2027-01-16", 10000);
  g_clear_pointer (&promises, g_array_unref);
  promises = list (f, f->debtor, "2027-01-16");
  g_assert_cmpuint (g_array_index (promises, ArPromise, 2).state, ==, AR_PROMISE_KEPT);
  g_assert_cmpuint (g_array_index (promises, ArPromise, 3).state, ==, AR_PROMISE_KEPT);
  g_assert_cmpuint (g_array_index (promises, ArPromise, 4).state, ==, AR_PROMISE_PENDING);
  g_assert_cmpint (g_array_index (promises, ArPromise, 4).paid, ==, 2000);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  gint64 first = promise_weekly (f);
  g_autoptr(GArray) promises = NULL;
  g_autoptr(GError) error = NULL;
  gint64 third = first + 2;

  g_assert_false (ar_ledger_cancel_promise (f->ledger, third, jd ("2027-01-10"), "", &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ar_ledger_cancel_promise (f->ledger, 999, jd ("2027-01-10"), "Gone", &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Cancelling the third cancels it and the later ones, not the earlier. */
  g_assert_true (ar_ledger_cancel_promise (f->ledger, third, jd ("2027-01-10"),
                                           "Agreed a plan instead", &error));
  g_assert_no_error (error);
  promises = list (f, f->debtor, "2027-01-10");
  g_assert_cmpuint (g_array_index (promises, ArPromise, 1).state, !=, AR_PROMISE_CANCELLED);
  for (guint i = 2; i < 6; i++)
    g_assert_cmpuint (g_array_index (promises, ArPromise, i).state, ==, AR_PROMISE_CANCELLED);
  g_assert_cmpint (count (f, "SELECT count (*) FROM audit WHERE action = 'cancel-promise'"),
                   ==, 4);
  g_assert_false (ar_ledger_cancel_promise (f->ledger, third, jd ("2027-01-11"), "Again",
                                            &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  /* A promise's terms can't be edited, nor can it be deleted. */
  g_assert_false (_ar_ledger_exec (f->ledger, "UPDATE promises SET amount = 1", &error));
  g_clear_error (&error);
  g_assert_false (_ar_ledger_exec (f->ledger, "DELETE FROM promises", &error));
}

static void
test_refusals (Fixture *f, gconstpointer data)
{
  ArPromiseInfo good = {
    .debtor_id = f->debtor, .amount = 5000, .date = jd ("2027-01-10"),
    .channel = AR_ACTIVITY_CALL, .made_on = jd ("2027-01-05"),
  };
  struct { ArPromiseInfo info; int code; const char *fragment; } cases[] = {
    { good, AR_LEDGER_ERROR_NOT_FOUND, "no debtor" },
    { good, AR_LEDGER_ERROR_INVALID, "amount:" },
    { good, AR_LEDGER_ERROR_INVALID, "date: 2027-01-04 is before the day the promise was made" },
    { good, AR_LEDGER_ERROR_INVALID, "times: a repeating promise has 2 to 104 payments" },
    { good, AR_LEDGER_ERROR_INVALID, "every: a repeating promise repeats at most every 366" },
    { good, AR_LEDGER_ERROR_INVALID, "currency: “EURO” is not" },
    { good, AR_LEDGER_ERROR_INVALID, "activity: activity 99 is not in this debtor’s log" },
    { good, AR_LEDGER_ERROR_INVALID, "date: say on which day" },
  };

  cases[0].info.debtor_id = 999;
  cases[1].info.amount = 0;
  cases[2].info.date = jd ("2027-01-04");
  cases[3].info.every_days = 7;
  cases[3].info.times = 1;
  cases[4].info.every_days = 400;
  cases[4].info.times = 2;
  cases[5].info.currency = "EURO";
  cases[6].info.activity_id = 99;
  cases[7].info.date = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (ar_ledger_add_promise (f->ledger, &cases[i].info, &error), ==, 0);
      g_assert_error (error, AR_LEDGER_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].fragment) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].fragment);
    }
  g_assert_cmpint (count (f, "SELECT count (*) FROM promises"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count (*) FROM activities"), ==, 0);
}

static void
test_linked_activity (Fixture *f, gconstpointer data)
{
  ArActivityInfo call = {
    .debtor_id = f->debtor, .kind = AR_ACTIVITY_CALL, .direction = AR_DIRECTION_OUT,
    .outcome = "promised_to_pay", .summary = "Will pay Friday",
  };
  ArPromiseInfo info = {
    .debtor_id = f->debtor, .amount = 5000, .date = jd ("2027-01-10"),
    .channel = AR_ACTIVITY_CALL, .made_on = jd ("2027-01-05"),
  };
  g_autoptr(GArray) promises = NULL;
  g_autoptr(GError) error = NULL;
  gint64 activity = 0;

  g_assert_true (ar_ledger_add_activity (f->ledger, &call, &activity, &error));
  info.activity_id = activity;
  g_assert_cmpint (ar_ledger_add_promise (f->ledger, &info, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count (*) FROM activities"), ==, 1);
  promises = list (f, 0, "2027-01-05");
  g_assert_cmpint (g_array_index (promises, ArPromise, 0).activity_id, ==, activity);

  /* Another debtor's activity can't record this debtor's promise. */
  info.debtor_id = f->other;
  g_assert_cmpint (ar_ledger_add_promise (f->ledger, &info, &error), ==, 0);
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
}

/* Work queue ---------------------------------------------------------------------------------- */

static gboolean
collect_ids (const ArPromise *promise, gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, promise->id);
  return TRUE;
}

static void
test_queues (Fixture *f, gconstpointer data)
{
  gint64 id = promise_single (f);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_foreach_promise_due (f->ledger, jd ("2027-01-10"), collect_ids, ids,
                                                &error));
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);
  g_array_set_size (ids, 0);
  g_assert_true (ar_ledger_foreach_promise_due (f->ledger, jd ("2027-01-11"), collect_ids, ids,
                                                &error));
  g_assert_cmpuint (ids->len, ==, 0);

  /* Broken on 14 January, the day after its grace ended. */
  g_assert_true (ar_ledger_foreach_promise_broken (f->ledger, jd ("2027-01-01"),
                                                   jd ("2027-01-13"), collect_ids, ids, &error));
  g_assert_cmpuint (ids->len, ==, 0);
  g_assert_true (ar_ledger_foreach_promise_broken (f->ledger, jd ("2027-01-14"),
                                                   jd ("2027-01-20"), collect_ids, ids, &error));
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_set_size (ids, 0);
  g_assert_true (ar_ledger_foreach_promise_broken (f->ledger, jd ("2027-01-21"),
                                                   jd ("2027-01-31"), collect_ids, ids, &error));
  g_assert_cmpuint (ids->len, ==, 0);

  /* Kept promises are neither due nor broken. */
  pay (f, "2027-01-08", 10000);
  g_assert_true (ar_ledger_foreach_promise_due (f->ledger, jd ("2027-01-10"), collect_ids, ids,
                                                &error));
  g_assert_true (ar_ledger_foreach_promise_broken (f->ledger, jd ("2027-01-14"),
                                                   jd ("2027-01-20"), collect_ids, ids, &error));
  g_assert_cmpuint (ids->len, ==, 0);
  g_assert_no_error (error);
}

/* The dunning seam ---------------------------------------------------------------------------- */

typedef struct
{
  gint64          debtor;
  ArDunningPause  pause;
  guint32         until;
} Pause;

static gboolean
collect_pause (gint64 debtor, ArDunningPause pause, guint32 until, gpointer user_data)
{
  Pause p = { debtor, pause, until };

  g_array_append_val ((GArray *) user_data, p);
  return TRUE;
}

static GArray *
pauses (Fixture *f, const char *as_of)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Pause));
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_foreach_dunning_pause (f->ledger, jd (as_of), collect_pause, out,
                                                  &error));
  g_assert_no_error (error);
  return out;
}

static void
test_dunning_pause (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) p = NULL;
  g_autoptr(ArPlanDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  ArPromiseInfo other = {
    .debtor_id = f->other, .amount = 5000, .date = jd ("2027-01-20"),
    .channel = AR_ACTIVITY_EMAIL, .made_on = jd ("2027-01-05"),
  };
  gint64 other_promise;

  /* Nothing arranged: nothing paused. */
  p = pauses (f, "2027-01-06");
  g_assert_cmpuint (p->len, ==, 0);
  g_clear_pointer (&p, g_array_unref);

  /* A pending promise pauses its debtor until its date plus grace; not before it was made. */
  promise_single (f);
  p = pauses (f, "2027-01-04");
  g_assert_cmpuint (p->len, ==, 0);
  g_clear_pointer (&p, g_array_unref);
  p = pauses (f, "2027-01-06");
  g_assert_cmpuint (p->len, ==, 1);
  g_assert_cmpint (g_array_index (p, Pause, 0).debtor, ==, f->debtor);
  g_assert_cmpuint (g_array_index (p, Pause, 0).pause, ==, AR_DUNNING_PAUSE_PROMISE);
  g_assert_cmpuint (g_array_index (p, Pause, 0).until, ==, jd ("2027-01-13"));
  g_clear_pointer (&p, g_array_unref);
  p = pauses (f, "2027-01-13");
  g_assert_cmpuint (p->len, ==, 1);
  g_clear_pointer (&p, g_array_unref);
  /* Broken: the debtor returns to dunning. */
  p = pauses (f, "2027-01-14");
  g_assert_cmpuint (p->len, ==, 0);
  g_clear_pointer (&p, g_array_unref);

  /* A cancelled promise pauses nothing. */
  other_promise = ar_ledger_add_promise (f->ledger, &other, &error);
  g_assert_no_error (error);
  p = pauses (f, "2027-01-15");
  g_assert_cmpuint (p->len, ==, 1);
  g_assert_cmpint (g_array_index (p, Pause, 0).debtor, ==, f->other);
  g_clear_pointer (&p, g_array_unref);
  g_assert_true (ar_ledger_cancel_promise (f->ledger, other_promise, jd ("2027-01-15"),
                                           "Withdrawn", &error));
  p = pauses (f, "2027-01-15");
  g_assert_cmpuint (p->len, ==, 0);
  g_clear_pointer (&p, g_array_unref);

  /* A performing plan pauses its debtor (until 0: while it performs), and a promise of the
   * same debtor does not report it twice. */
  draft = ar_plan_draft_new (f->ledger, f->debtor, NULL, jd ("2027-01-06"), &error);
  g_assert_no_error (error);
  ar_plan_draft_set_first_due (draft, jd ("2027-02-01"));
  g_assert_cmpint (ar_ledger_save_plan (f->ledger, draft, &error), >, 0);
  g_assert_no_error (error);
  p = pauses (f, "2027-01-07");
  g_assert_cmpuint (p->len, ==, 1);
  g_assert_cmpuint (g_array_index (p, Pause, 0).pause, ==, AR_DUNNING_PAUSE_PLAN);
  g_assert_cmpuint (g_array_index (p, Pause, 0).until, ==, 0);
  g_clear_pointer (&p, g_array_unref);
  /* Not before the plan was made (the promise then). */
  p = pauses (f, "2027-01-05");
  g_assert_cmpuint (p->len, ==, 1);
  g_assert_cmpuint (g_array_index (p, Pause, 0).pause, ==, AR_DUNNING_PAUSE_PROMISE);
  g_clear_pointer (&p, g_array_unref);
  /* Defaulted (1 Feb and 1 Mar missed, 5 grace days): the pause ends. */
  p = pauses (f, "2027-03-06");
  g_assert_cmpuint (p->len, ==, 1);
  g_clear_pointer (&p, g_array_unref);
  p = pauses (f, "2027-03-07");
  g_assert_cmpuint (p->len, ==, 0);
}

/* A repeating promise pauses dunning while it is kept; once an occurrence is missed, the later
 * ones (still pending) pause nothing. */
static void
test_dunning_pause_series (Fixture *f, gconstpointer data)
{
  g_autoptr(GArray) p = NULL;
  g_autoptr(GArray) promises = NULL;

  promise_weekly (f);   /* 50.00 on 1, 8, 15, 22, 29 Jan and 5 Feb 2027; grace 3 days */
  p = pauses (f, "2027-01-02");
  g_assert_cmpuint (p->len, ==, 1);
  g_assert_cmpuint (g_array_index (p, Pause, 0).until, ==, jd ("2027-02-08"));
  g_clear_pointer (&p, g_array_unref);

  /* The first paid, the second not: from 12 January nothing pauses. */
  pay (f, "2027-01-01", 5000);
  p = pauses (f, "2027-01-11");
  g_assert_cmpuint (p->len, ==, 1);
  g_clear_pointer (&p, g_array_unref);
  p = pauses (f, "2027-01-12");
  g_assert_cmpuint (p->len, ==, 0);
  g_clear_pointer (&p, g_array_unref);
  promises = list (f, f->debtor, "2027-01-12");
  g_assert_cmpuint (g_array_index (promises, ArPromise, 1).state, ==, AR_PROMISE_BROKEN);
  g_assert_cmpuint (g_array_index (promises, ArPromise, 2).state, ==, AR_PROMISE_PENDING);
  g_assert_true (g_array_index (promises, ArPromise, 2).series_broken);
  g_assert_false (g_array_index (promises, ArPromise, 1).series_broken);

  /* Catching up (the second and third paid together) keeps the series pausing again. */
  pay (f, "2027-01-13", 10000);
  g_clear_pointer (&promises, g_array_unref);
  promises = list (f, f->debtor, "2027-01-13");
  g_assert_cmpuint (g_array_index (promises, ArPromise, 2).state, ==, AR_PROMISE_KEPT);
  g_assert_cmpuint (g_array_index (promises, ArPromise, 3).state, ==, AR_PROMISE_PENDING);
  /* The second stays broken (paid after its grace), so the series stays broken for dunning. */
  g_assert_true (g_array_index (promises, ArPromise, 3).series_broken);
}

static void
test_state_names (void)
{
  for (guint i = 0; i < AR_N_PROMISE_STATES; i++)
    {
      g_assert_nonnull (ar_promise_state_to_string (i));
      g_assert_nonnull (ar_promise_state_to_label (i));
    }
  g_assert_cmpstr (ar_promise_state_to_string (AR_PROMISE_PARTLY_KEPT), ==, "partly_kept");
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/promise/kept", test_kept);
  ADD ("/promise/partly-kept-and-broken", test_partly_kept_and_broken);
  ADD ("/promise/reversed-payment", test_reversed_payment);
  ADD ("/promise/grace-setting", test_grace_setting);
  ADD ("/promise/repeating", test_repeating);
  ADD ("/promise/cancel", test_cancel);
  ADD ("/promise/refusals", test_refusals);
  ADD ("/promise/linked-activity", test_linked_activity);
  ADD ("/promise/queues", test_queues);
  ADD ("/promise/dunning-pause", test_dunning_pause);
  ADD ("/promise/dunning-pause-series", test_dunning_pause_series);
  g_test_add_func ("/promise/state-names", test_state_names);

  return g_test_run ();
}
