/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ar-activity.h"
#include "ar-date.h"
#include "ar-demo.h"
#include "ar-dunning-run.h"
#include "ar-hold.h"
#include "ar-ledger-private.h"
#include "ar-plan.h"
#include "ar-promise.h"
#include "ar-queue.h"
#include "ar-test-util.h"

typedef struct
{
  char     *dir;
  ArLedger *ledger;
  int       minute;     /* activities are logged a minute apart, in the order of the test */
} Fixture;

static guint32
jd (const char *iso)
{
  return ar_date_parse_julian (iso, NULL);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("arrears-queue-XXXXXX", NULL);
  path = g_build_filename (f->dir, "book.arrears", NULL);
  f->ledger = ar_ledger_create (path, NULL);
  g_assert_nonnull (f->ledger);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ledger);
  ar_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
add_debtor (Fixture *f, const char *id, ArDebtorStatus status, gboolean cease)
{
  ArDebtorInfo info = { .external_id = id, .name = id, .status = status,
                        .cease_contact = cease };
  g_autoptr(GError) error = NULL;
  gint64 out = 0;

  g_assert_true (ar_ledger_add_debtor (f->ledger, &info, &out, &error));
  g_assert_no_error (error);
  return out;
}

static void
invoice (Fixture *f, gint64 debtor, const char *number, const char *due, gint64 amount,
         const char *currency)
{
  ArInvoiceInfo info = { .debtor_id = debtor, .number = number, .issue_date = jd (due) - 30,
                         .due_date = jd (due), .currency = currency, .amount = amount };
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_add_invoice (f->ledger, &info, NULL, &error));
  g_assert_no_error (error);
}

/* Logs a call; @next is its next action date or NULL. Each call happens a minute after the
 * previous one, so "latest" is the order of the test; @same_minute logs it at the same time
 * as the previous one (then the larger id is the later). */
static gint64
log_call (Fixture *f, gint64 debtor, const char *summary, const char *next, gboolean same_minute)
{
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GError) error = NULL;
  ArActivityInfo info = { .debtor_id = debtor, .kind = AR_ACTIVITY_CALL,
                          .direction = AR_DIRECTION_OUT, .summary = summary,
                          .next_action_date = next != NULL ? jd (next) : 0 };
  gint64 id = 0;

  if (!same_minute)
    f->minute++;
  at = g_date_time_new_utc (2026, 6, 1, 9, f->minute, 0);
  info.occurred_at = at;
  g_assert_true (ar_ledger_add_activity (f->ledger, &info, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* Logs a call on @day (at noon, a minute after the previous one). */
static gint64
log_call_on (Fixture *f, gint64 debtor, const char *day, const char *summary, const char *next)
{
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GError) error = NULL;
  GDate date;
  ArActivityInfo info = { .debtor_id = debtor, .kind = AR_ACTIVITY_CALL,
                          .direction = AR_DIRECTION_OUT, .summary = summary,
                          .next_action_date = next != NULL ? jd (next) : 0 };
  gint64 id = 0;

  g_assert_true (ar_date_parse (day, &date, NULL));
  at = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date), 12, ++f->minute % 60, 0);
  info.occurred_at = at;
  g_assert_true (ar_ledger_add_activity (f->ledger, &info, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
pay (Fixture *f, gint64 debtor, const char *day, gint64 amount)
{
  ArPosting p = { .debtor_id = debtor, .kind = AR_ENTRY_PAYMENT, .date = jd (day),
                  .amount = amount, .currency = "USD" };
  g_autoptr(GError) error = NULL;

  g_assert_true (ar_ledger_post (f->ledger, &p, NULL, &error));
  g_assert_no_error (error);
}

/* A promise of @amount on @day, made on @made with its own call then (whose follow-up is the
 * day after the grace, as the ledger would set it). Returns the promise's id. */
static gint64
promise (Fixture *f, gint64 debtor, const char *made, const char *day, gint64 amount,
         gint64 *out_activity)
{
  g_autoptr(GError) error = NULL;
  char next[11];
  ArPromiseInfo info = { .debtor_id = debtor, .currency = "USD", .amount = amount,
                         .date = jd (day), .channel = AR_ACTIVITY_CALL, .made_on = jd (made) };
  gint64 id;

  ar_date_format_julian (jd (day) + AR_PROMISE_DEFAULT_GRACE_DAYS + 1, next);
  info.activity_id = log_call_on (f, debtor, made, "Promised to pay", next);
  id = ar_ledger_add_promise (f->ledger, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  if (out_activity != NULL)
    *out_activity = info.activity_id;
  return id;
}

static ArQueue *
build (Fixture *f, const char *as_of)
{
  g_autoptr(GError) error = NULL;
  ArQueue *queue = ar_queue_build (f->ledger, jd (as_of), &error);
  guint count = G_MAXUINT;

  g_assert_no_error (error);
  g_assert_nonnull (queue);
  /* The sidebar's count is the same list without the amounts. */
  g_assert_true (ar_queue_count (f->ledger, jd (as_of), &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, ar_queue_get_n_items (queue));
  return queue;
}

/* The item of @kind for @debtor, or NULL. */
static const ArQueueItem *
find (ArQueue *queue, ArQueueKind kind, gint64 debtor)
{
  for (guint i = 0; i < ar_queue_get_n_items (queue); i++)
    {
      const ArQueueItem *item = ar_queue_get_item (queue, i);

      if (item->kind == kind && item->debtor_id == debtor)
        return item;
    }
  return NULL;
}

/* Follow-ups ---------------------------------------------------------------------------------- */

static void
test_follow_up_due (Fixture *f, gconstpointer data)
{
  gint64 d = add_debtor (f, "D1", AR_STATUS_ACTIVE, FALSE);
  gint64 call = log_call (f, d, "Call back after payday", "2026-06-10", FALSE);
  g_autoptr(ArQueue) before = NULL, on = NULL, after = NULL;
  const ArQueueItem *item;

  before = build (f, "2026-06-09");
  g_assert_cmpuint (ar_queue_get_n_items (before), ==, 0);

  on = build (f, "2026-06-10");
  g_assert_cmpuint (ar_queue_get_n_items (on), ==, 1);
  item = ar_queue_get_item (on, 0);
  g_assert_cmpint (item->kind, ==, AR_QUEUE_FOLLOW_UP);
  g_assert_cmpint (item->debtor_id, ==, d);
  g_assert_cmpstr (item->debtor_external_id, ==, "D1");
  g_assert_cmpint (item->source_id, ==, call);
  g_assert_cmpuint (item->since, ==, jd ("2026-06-10"));
  g_assert_cmpstr (item->detail, ==, "Call back after payday");
  g_assert_cmpstr (item->currency, ==, "");
  g_assert_cmpint (item->overdue, ==, 0);
  g_assert_cmpint (item->actions, ==, AR_QUEUE_ACTION_CALL | AR_QUEUE_ACTION_LETTER |
                                      AR_QUEUE_ACTION_SNOOZE | AR_QUEUE_ACTION_OPEN);

  /* Not done by time passing: still there a month later. */
  after = build (f, "2026-07-10");
  g_assert_nonnull (find (after, AR_QUEUE_FOLLOW_UP, d));
}

/* Done items leave the queue: a newer activity without a next action date resolves the
 * follow-up; one with a later date replaces it until that date. */
static void
test_follow_up_done (Fixture *f, gconstpointer data)
{
  gint64 d = add_debtor (f, "D1", AR_STATUS_ACTIVE, FALSE);
  gint64 later;
  g_autoptr(ArQueue) done = NULL, replaced = NULL, back = NULL;

  log_call (f, d, "first", "2026-06-10", FALSE);
  log_call (f, d, "spoke, will pay", NULL, FALSE);
  done = build (f, "2026-06-15");
  g_assert_cmpuint (ar_queue_get_n_items (done), ==, 0);

  later = log_call (f, d, "no answer", "2026-06-20", FALSE);
  replaced = build (f, "2026-06-15");
  g_assert_cmpuint (ar_queue_get_n_items (replaced), ==, 0);
  back = build (f, "2026-06-20");
  g_assert_cmpuint (ar_queue_get_n_items (back), ==, 1);
  g_assert_cmpint (ar_queue_get_item (back, 0)->source_id, ==, later);
}

/* Two activities at the same time: the later logged (larger id) is the latest. */
static void
test_follow_up_tie (Fixture *f, gconstpointer data)
{
  gint64 d = add_debtor (f, "D1", AR_STATUS_ACTIVE, FALSE);
  g_autoptr(ArQueue) queue = NULL;

  log_call (f, d, "first", "2026-06-10", FALSE);
  log_call (f, d, "second, same minute", NULL, TRUE);
  queue = build (f, "2026-06-15");
  g_assert_cmpuint (ar_queue_get_n_items (queue), ==, 0);
}

/* Ready for agency --------------------------------------------------------------------------- */

static void
test_ready_for_agency (Fixture *f, gconstpointer data)
{
  gint64 agency = add_debtor (f, "AG", AR_STATUS_AGENCY, FALSE);
  g_autoptr(ArQueue) marked = NULL, handed = NULL, changed = NULL;
  const ArQueueItem *item;

  add_debtor (f, "LEGAL", AR_STATUS_LEGAL, FALSE);
  invoice (f, agency, "AG-1", "2026-03-31", 250000, "USD");

  marked = build (f, "2026-06-30");
  g_assert_cmpuint (ar_queue_get_n_items (marked), ==, 1);
  item = ar_queue_get_item (marked, 0);
  g_assert_cmpint (item->kind, ==, AR_QUEUE_READY_FOR_AGENCY);
  g_assert_cmpint (item->debtor_id, ==, agency);
  g_assert_cmpint (item->overdue, ==, 250000);
  g_assert_cmpuint (item->days_overdue, ==, 91);
  g_assert_cmpint (item->actions, ==, AR_QUEUE_ACTION_SNOOZE | AR_QUEUE_ACTION_OPEN);

  /* Logging the hand-over makes it done. */
  log_call (f, agency, "Handed to Acme Collections", NULL, FALSE);
  handed = build (f, "2026-06-30");
  g_assert_cmpuint (ar_queue_get_n_items (handed), ==, 0);

  /* The record changing after that (marked again) brings it back. */
  {
    g_autoptr(GError) error = NULL;
    sqlite3_stmt *stmt;

    g_assert_true (ar_ledger_begin (f->ledger, "edit-debtor", &error));
    stmt = _ar_ledger_prepare (f->ledger, "UPDATE debtors SET notes = 'again' WHERE id = ?1",
                               &error);
    g_assert_nonnull (stmt);
    sqlite3_bind_int64 (stmt, 1, agency);
    g_assert_true (_ar_ledger_step_done (f->ledger, stmt, "update", &error));
    g_assert_true (ar_ledger_commit (f->ledger, &error));
    g_assert_no_error (error);
  }
  changed = build (f, "2026-06-30");
  g_assert_nonnull (find (changed, AR_QUEUE_READY_FOR_AGENCY, agency));
}

/* Priority ------------------------------------------------------------------------------------ */

/* As of 2026-06-30, score = overdue × (30 + days) / 100 (two-decimal currencies):
 *   D1 USD 1,000.00 due 05-31, 30 days:  100000 × 60 / 100  = 60,000
 *   D2 USD   500.00 due 03-02, 120 days:  50000 × 150 / 100 = 75,000
 *   D3 USD 2,000.00 due 07-15: nothing overdue: 0
 *   D4 EUR   800.00 due 06-20, 10 days:   80000 × 40 / 100  = 32,000
 *   D5 USD   100.00 due 06-01 and EUR 300.00 due 06-25 (29 and 5 days):
 *      USD 10000 × 59 / 100 = 5,900; EUR 30000 × 35 / 100 = 10,500 → EUR
 * so D2, D1, D4, D5, D3. */
static void
test_priority (Fixture *f, gconstpointer data)
{
  gint64 d1 = add_debtor (f, "D1", AR_STATUS_ACTIVE, FALSE);
  gint64 d2 = add_debtor (f, "D2", AR_STATUS_ACTIVE, FALSE);
  gint64 d3 = add_debtor (f, "D3", AR_STATUS_ACTIVE, FALSE);
  gint64 d4 = add_debtor (f, "D4", AR_STATUS_ACTIVE, TRUE);
  gint64 d5 = add_debtor (f, "D5", AR_STATUS_ACTIVE, FALSE);
  const gint64 order[] = { d2, d1, d4, d5, d3 };
  const gint64 scores[] = { 75000, 60000, 32000, 10500, 0 };
  g_autoptr(ArQueue) queue = NULL;
  const ArQueueItem *item;

  invoice (f, d1, "I-1", "2026-05-31", 100000, "USD");
  invoice (f, d2, "I-2", "2026-03-02", 50000, "USD");
  invoice (f, d3, "I-3", "2026-07-15", 200000, "USD");
  invoice (f, d4, "I-4", "2026-06-20", 80000, "EUR");
  invoice (f, d5, "I-5", "2026-06-01", 10000, "USD");
  invoice (f, d5, "I-6", "2026-06-25", 30000, "EUR");
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    log_call (f, order[G_N_ELEMENTS (order) - 1 - i], "call", "2026-06-29", FALSE);

  queue = build (f, "2026-06-30");
  g_assert_cmpuint (ar_queue_get_n_items (queue), ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      item = ar_queue_get_item (queue, i);
      g_assert_cmpint (item->debtor_id, ==, order[i]);
      g_assert_cmpint (item->score, ==, scores[i]);
    }

  item = find (queue, AR_QUEUE_FOLLOW_UP, d2);
  g_assert_cmpstr (item->currency, ==, "USD");
  g_assert_cmpint (item->overdue, ==, 50000);
  g_assert_cmpuint (item->days_overdue, ==, 120);
  item = find (queue, AR_QUEUE_FOLLOW_UP, d5);
  g_assert_cmpstr (item->currency, ==, "EUR");
  g_assert_cmpint (item->overdue, ==, 30000);
  g_assert_cmpuint (item->days_overdue, ==, 5);
  item = find (queue, AR_QUEUE_FOLLOW_UP, d3);
  g_assert_cmpstr (item->currency, ==, "");
  g_assert_cmpuint (item->days_overdue, ==, 0);
  /* Cease contact: no call, no letter. */
  item = find (queue, AR_QUEUE_FOLLOW_UP, d4);
  g_assert_cmpint (item->actions, ==, AR_QUEUE_ACTION_SNOOZE | AR_QUEUE_ACTION_OPEN);
}

/* Snoozing ------------------------------------------------------------------------------------ */

static void
test_snooze (Fixture *f, gconstpointer data)
{
  gint64 agency = add_debtor (f, "AG", AR_STATUS_AGENCY, FALSE);
  gint64 other = add_debtor (f, "OT", AR_STATUS_ACTIVE, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(ArQueue) snoozed = NULL, back = NULL;
  const ArQueueItem *item;

  log_call (f, other, "call back", "2026-06-05", FALSE);

  g_assert_false (ar_queue_snooze (f->ledger, other, jd ("2026-06-10"), jd ("2026-06-10"),
                                   "later", &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ar_queue_snooze (f->ledger, other, jd ("2026-06-10"), jd ("2026-06-20"),
                                   "", &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ar_queue_snooze (f->ledger, other, jd ("2026-06-10"), jd ("2026-06-20"),
                                  "On holiday", &error));
  g_assert_no_error (error);
  g_assert_true (ar_queue_snooze (f->ledger, agency, jd ("2026-06-10"), jd ("2026-06-20"),
                                  "Agency closed until the 20th", &error));
  g_assert_no_error (error);

  snoozed = build (f, "2026-06-10");
  g_assert_cmpuint (ar_queue_get_n_items (snoozed), ==, 0);

  /* On the day it ends, each comes back as a follow-up naming the reason. */
  back = build (f, "2026-06-20");
  g_assert_cmpuint (ar_queue_get_n_items (back), ==, 2);
  item = find (back, AR_QUEUE_FOLLOW_UP, other);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->detail, ==, "On holiday");
  g_assert_nonnull (find (back, AR_QUEUE_FOLLOW_UP, agency));
}

/* Promises ------------------------------------------------------------------------------------ */

/* Due today: listed until it is paid. Its own follow-up (after the grace) is not due yet. */
static void
test_promise_due (Fixture *f, gconstpointer data)
{
  gint64 d = add_debtor (f, "P1", AR_STATUS_ACTIVE, FALSE);
  gint64 activity = 0;
  gint64 id;
  g_autoptr(ArQueue) before = NULL, due = NULL, paid = NULL;
  const ArQueueItem *item;

  invoice (f, d, "P-1", "2026-05-01", 20000, "USD");
  id = promise (f, d, "2026-06-05", "2026-06-10", 5000, &activity);

  before = build (f, "2026-06-09");
  g_assert_cmpuint (ar_queue_get_n_items (before), ==, 0);

  due = build (f, "2026-06-10");
  g_assert_cmpuint (ar_queue_get_n_items (due), ==, 1);
  item = ar_queue_get_item (due, 0);
  g_assert_cmpint (item->kind, ==, AR_QUEUE_PROMISE_DUE);
  g_assert_cmpint (item->source_id, ==, id);
  g_assert_cmpint (item->activity_id, ==, activity);
  g_assert_cmpuint (item->since, ==, jd ("2026-06-10"));
  g_assert_cmpstr (item->detail, ==, "$50.00 promised for today");
  g_assert_cmpint (item->overdue, ==, 20000);
  g_assert_cmpint (item->actions, ==, AR_QUEUE_ACTION_CALL | AR_QUEUE_ACTION_SNOOZE |
                                      AR_QUEUE_ACTION_OPEN);

  pay (f, d, "2026-06-10", 5000);
  paid = build (f, "2026-06-10");
  g_assert_cmpuint (ar_queue_get_n_items (paid), ==, 0);
}

/* Broken once the grace (3 days) has passed: listed from the day after, instead of the
 * promise's own follow-up; done when a call is logged about it. */
static void
test_promise_broken (Fixture *f, gconstpointer data)
{
  gint64 d = add_debtor (f, "P1", AR_STATUS_ACTIVE, FALSE);
  gint64 id;
  g_autoptr(ArQueue) grace = NULL, broken = NULL, partly = NULL, acted = NULL;
  const ArQueueItem *item;

  invoice (f, d, "P-1", "2026-05-01", 20000, "USD");
  id = promise (f, d, "2026-06-05", "2026-06-10", 5000, NULL);

  /* The last day of grace: due no more, not broken yet. */
  grace = build (f, "2026-06-13");
  g_assert_cmpuint (ar_queue_get_n_items (grace), ==, 0);

  broken = build (f, "2026-06-14");
  g_assert_cmpuint (ar_queue_get_n_items (broken), ==, 1);
  item = ar_queue_get_item (broken, 0);
  g_assert_cmpint (item->kind, ==, AR_QUEUE_PROMISE_BROKEN);
  g_assert_cmpint (item->source_id, ==, id);
  g_assert_cmpuint (item->since, ==, jd ("2026-06-14"));
  g_assert_cmpstr (item->detail, ==, "Promised $50.00 for 2026-06-10; nothing paid");

  pay (f, d, "2026-06-11", 2000);
  partly = build (f, "2026-06-14");
  g_assert_cmpuint (ar_queue_get_n_items (partly), ==, 1);
  g_assert_cmpstr (ar_queue_get_item (partly, 0)->detail, ==,
                   "Promised $50.00 for 2026-06-10; $20.00 paid");

  log_call_on (f, d, "2026-06-15", "Asked about the promise", NULL);
  acted = build (f, "2026-06-16");
  g_assert_cmpuint (ar_queue_get_n_items (acted), ==, 0);
}

/* Plans --------------------------------------------------------------------------------------- */

static gint64
save_plan (Fixture *f, gint64 debtor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArPlanDraft) draft = ar_plan_draft_new (f->ledger, debtor, "USD", jd ("2026-05-01"),
                                                    &error);
  gint64 id;

  g_assert_no_error (error);
  ar_plan_draft_set_n_instalments (draft, 3);
  ar_plan_draft_set_first_due (draft, jd ("2026-06-01"));
  id = ar_ledger_save_plan (f->ledger, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* 300.00 in 3 monthly instalments from 1 June, 5 days' grace: the first is missed from 7 June.
 * The plan's own follow-up (its first due date) is not listed beside it. */
static void
test_instalment_missed (Fixture *f, gconstpointer data)
{
  gint64 d = add_debtor (f, "PL", AR_STATUS_ACTIVE, FALSE);
  gint64 plan;
  g_autoptr(ArQueue) grace = NULL, missed = NULL, acted = NULL;
  const ArQueueItem *item;

  invoice (f, d, "PL-1", "2026-04-01", 30000, "USD");
  plan = save_plan (f, d);

  grace = build (f, "2026-06-06");
  g_assert_null (find (grace, AR_QUEUE_INSTALMENT_MISSED, d));

  missed = build (f, "2026-06-10");
  g_assert_cmpuint (ar_queue_get_n_items (missed), ==, 1);
  item = ar_queue_get_item (missed, 0);
  g_assert_cmpint (item->kind, ==, AR_QUEUE_INSTALMENT_MISSED);
  g_assert_cmpint (item->source_id, ==, plan);
  g_assert_cmpint (item->activity_id, !=, 0);
  g_assert_cmpuint (item->since, ==, jd ("2026-06-07"));
  g_assert_cmpstr (item->detail, ==, "1 instalment missed");

  log_call_on (f, d, "2026-06-08", "Asked about the instalment", NULL);
  acted = build (f, "2026-06-10");
  g_assert_null (find (acted, AR_QUEUE_INSTALMENT_MISSED, d));
}

/* Paid late, the instalment is no longer missed. */
static void
test_instalment_paid (Fixture *f, gconstpointer data)
{
  gint64 d = add_debtor (f, "PL", AR_STATUS_ACTIVE, FALSE);
  g_autoptr(ArQueue) paid = NULL;

  invoice (f, d, "PL-1", "2026-04-01", 30000, "USD");
  save_plan (f, d);
  pay (f, d, "2026-06-09", 10000);
  paid = build (f, "2026-06-10");
  g_assert_null (find (paid, AR_QUEUE_INSTALMENT_MISSED, d));
}

/* Holds --------------------------------------------------------------------------------------- */

static gint64
hold (Fixture *f, gint64 debtor, ArHoldKind kind, const char *start, const char *until,
      const char *reason)
{
  ArHoldInfo info = { .debtor_id = debtor, .kind = kind, .reason = reason,
                      .start = jd (start), .until = until != NULL ? jd (until) : 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (ar_hold_place (f->ledger, &info, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* Listed from its last day for a week, unless acted on or held again. */
static void
test_hold_ending (Fixture *f, gconstpointer data)
{
  gint64 d = add_debtor (f, "H1", AR_STATUS_ACTIVE, FALSE);
  gint64 e = add_debtor (f, "H2", AR_STATUS_ACTIVE, FALSE);
  gint64 g = add_debtor (f, "H3", AR_STATUS_ACTIVE, FALSE);
  gint64 id;
  g_autoptr(ArQueue) running = NULL, ending = NULL, week = NULL, later = NULL, acted = NULL;
  const ArQueueItem *item;

  id = hold (f, d, AR_HOLD_SNOOZE, "2026-06-01", "2026-06-20", "On holiday");
  /* Extended the day after: not ending. */
  hold (f, e, AR_HOLD_SNOOZE, "2026-06-01", "2026-06-20", "Waiting for the insurer");
  hold (f, e, AR_HOLD_SNOOZE, "2026-06-21", "2026-07-20", "Still waiting");
  /* A dispute with an end date. */
  hold (f, g, AR_HOLD_DISPUTE, "2026-06-01", "2026-06-20", "Wrong quantity");

  running = build (f, "2026-06-19");
  g_assert_cmpuint (ar_queue_get_n_items (running), ==, 0);

  ending = build (f, "2026-06-20");
  g_assert_cmpuint (ar_queue_get_n_items (ending), ==, 2);
  item = find (ending, AR_QUEUE_HOLD_ENDING, d);
  g_assert_nonnull (item);
  g_assert_cmpint (item->source_id, ==, id);
  g_assert_cmpuint (item->since, ==, jd ("2026-06-20"));
  g_assert_cmpstr (item->detail, ==, "Snooze ends 2026-06-20: On holiday");
  g_assert_cmpint (item->actions, ==, AR_QUEUE_ACTION_SNOOZE | AR_QUEUE_ACTION_OPEN);
  g_assert_cmpstr (find (ending, AR_QUEUE_HOLD_ENDING, g)->detail, ==,
                   "Dispute ends 2026-06-20: Wrong quantity");
  g_assert_null (find (ending, AR_QUEUE_HOLD_ENDING, e));

  week = build (f, "2026-06-27");
  g_assert_nonnull (find (week, AR_QUEUE_HOLD_ENDING, d));
  later = build (f, "2026-06-28");
  g_assert_null (find (later, AR_QUEUE_HOLD_ENDING, d));

  log_call_on (f, d, "2026-06-21", "Back from holiday, will pay", NULL);
  acted = build (f, "2026-06-22");
  g_assert_null (find (acted, AR_QUEUE_HOLD_ENDING, d));
  g_assert_nonnull (find (acted, AR_QUEUE_HOLD_ENDING, g));
}

/* One debtor can have several items: its hold ends, and it is ready for the agency. */
static void
test_two_items_per_debtor (Fixture *f, gconstpointer data)
{
  gint64 d = add_debtor (f, "AG", AR_STATUS_AGENCY, FALSE);
  g_autoptr(ArQueue) queue = NULL;

  hold (f, d, AR_HOLD_SNOOZE, "2026-06-01", "2026-06-20", "On holiday");
  queue = build (f, "2026-06-20");
  g_assert_nonnull (find (queue, AR_QUEUE_HOLD_ENDING, d));
  g_assert_nonnull (find (queue, AR_QUEUE_READY_FOR_AGENCY, d));
}

/* Dunning ------------------------------------------------------------------------------------- */

/* Due its first level (7 days past due) as of 2026-06-10: listed only when a preview is added;
 * gone once the run is committed. */
static void
test_dunning_due (Fixture *f, gconstpointer data)
{
  gint64 d = add_debtor (f, "DU", AR_STATUS_ACTIVE, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(ArQueue) queue = NULL, sent = NULL;
  g_autoptr(ArDunningPreview) preview = NULL, other_day = NULL, after = NULL;
  const ArQueueItem *item;

  invoice (f, d, "DU-1", "2026-06-01", 10000, "USD");
  queue = build (f, "2026-06-10");
  g_assert_cmpuint (ar_queue_get_n_items (queue), ==, 0);

  preview = ar_dunning_preview_new (f->ledger, jd ("2026-06-10"), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ar_queue_add_dunning (queue, f->ledger, preview, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ar_queue_get_n_items (queue), ==, 1);
  item = ar_queue_get_item (queue, 0);
  g_assert_cmpint (item->kind, ==, AR_QUEUE_DUNNING_DUE);
  g_assert_cmpint (item->debtor_id, ==, d);
  g_assert_cmpint (item->source_id, ==, 1);
  g_assert_cmpstr (item->detail, ==, "Letter of level 1");
  g_assert_cmpint (item->overdue, ==, 10000);
  g_assert_cmpuint (item->days_overdue, ==, 9);
  g_assert_cmpint (item->actions, ==, AR_QUEUE_ACTION_LETTER | AR_QUEUE_ACTION_SNOOZE |
                                      AR_QUEUE_ACTION_OPEN);

  /* A preview of another day does not mix in. */
  other_day = ar_dunning_preview_new (f->ledger, jd ("2026-06-11"), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (ar_queue_add_dunning (queue, f->ledger, other_day, &error));
  g_assert_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID);
  g_clear_error (&error);

  /* Sent: the next preview proposes nothing. */
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
    {
      g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n", 9);

      ar_dunning_proposal_set_document (ar_dunning_preview_get_proposal (preview, i), pdf);
    }
  g_assert_true (ar_dunning_run_commit (f->ledger, preview, NULL, &error));
  g_assert_no_error (error);
  sent = build (f, "2026-06-10");
  after = ar_dunning_preview_new (f->ledger, jd ("2026-06-10"), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ar_queue_add_dunning (sent, f->ledger, after, &error));
  g_assert_null (find (sent, AR_QUEUE_DUNNING_DUE, d));
}

/* The lean pass (ar_queue_add_dunning_due) lists what the kept preview does, in the same order
 * with the same amounts, on a demo book with every kind of item; and stops when asked. */
static gboolean
stop_at_first (gint64 debtor_id, const char *currency, guint level, gboolean hand_over,
               gpointer user_data)
{
  (*(guint *) user_data)++;
  return FALSE;
}

static void
test_dunning_due_lean (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("arrears-queue-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.arrears", NULL);
  g_autoptr(ArLedger) ledger = ar_ledger_create (path, &error);
  g_autoptr(ArDunningPreview) preview = NULL;
  g_autoptr(ArQueue) kept = NULL, lean = NULL;
  guint32 today = jd ("2026-06-10");
  guint n_called = 0, n_due = 0;

  g_assert_no_error (error);
  g_assert_true (ar_demo_generate (ledger, 1500, 11, today, NULL, &error));
  g_assert_no_error (error);
  kept = ar_queue_build (ledger, today, &error);
  g_assert_no_error (error);
  preview = ar_dunning_preview_new (ledger, today, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ar_queue_add_dunning (kept, ledger, preview, &error));
  lean = ar_queue_build (ledger, today, &error);
  g_assert_no_error (error);
  g_assert_true (ar_queue_add_dunning_due (lean, ledger, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (ar_queue_get_n_items (lean), ==, ar_queue_get_n_items (kept));
  for (guint i = 0; i < ar_queue_get_n_items (kept); i++)
    {
      const ArQueueItem *a = ar_queue_get_item (kept, i);
      const ArQueueItem *b = ar_queue_get_item (lean, i);

      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpint (a->debtor_id, ==, b->debtor_id);
      g_assert_cmpint (a->source_id, ==, b->source_id);
      g_assert_cmpstr (a->detail, ==, b->detail);
      g_assert_cmpstr (a->currency, ==, b->currency);
      g_assert_cmpint (a->overdue, ==, b->overdue);
      g_assert_cmpint (a->score, ==, b->score);
      n_due += a->kind == AR_QUEUE_DUNNING_DUE;
    }
  g_assert_cmpuint (n_due, >, 100);

  g_assert_true (ar_dunning_foreach_due (ledger, today, stop_at_first, &n_called, NULL, &error));
  g_assert_cmpuint (n_called, ==, 1);

  g_clear_object (&ledger);
  ar_test_remove_tree (dir);
}

static void
test_kind_names (void)
{
  static const char * const names[] = {
    "promise_broken", "instalment_missed", "promise_due", "dunning_due", "follow_up",
    "hold_ending", "ready_for_agency",
  };

  g_assert_cmpuint (G_N_ELEMENTS (names), ==, AR_N_QUEUE_KINDS);
  for (guint i = 0; i < AR_N_QUEUE_KINDS; i++)
    {
      g_assert_cmpstr (ar_queue_kind_to_string (i), ==, names[i]);
      g_assert_nonnull (ar_queue_kind_to_label (i));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/queue/follow-up/due", test_follow_up_due);
  ADD ("/queue/follow-up/done", test_follow_up_done);
  ADD ("/queue/follow-up/tie", test_follow_up_tie);
  ADD ("/queue/ready-for-agency", test_ready_for_agency);
  ADD ("/queue/priority", test_priority);
  ADD ("/queue/snooze", test_snooze);
  ADD ("/queue/two-items-per-debtor", test_two_items_per_debtor);
  ADD ("/queue/promise/due", test_promise_due);
  ADD ("/queue/promise/broken", test_promise_broken);
  ADD ("/queue/plan/instalment-missed", test_instalment_missed);
  ADD ("/queue/plan/instalment-paid", test_instalment_paid);
  ADD ("/queue/hold-ending", test_hold_ending);
  ADD ("/queue/dunning-due", test_dunning_due);
#undef ADD
  g_test_add_func ("/queue/kind-names", test_kind_names);
  g_test_add_func ("/queue/dunning-due-lean", test_dunning_due_lean);

  return g_test_run ();
}
