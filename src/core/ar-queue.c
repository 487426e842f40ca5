/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-queue"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ar-activity.h"
#include "ar-date.h"
#include "ar-dunning-run.h"
#include "ar-hold.h"
#include "ar-ledger-private.h"
#include "ar-money.h"
#include "ar-plan.h"
#include "ar-promise.h"
#include "ar-queue.h"

/* How far back broken promises and ended holds are looked for: older ones that nobody
 * followed up are the follow-ups' and the dunning run's business by then. */
#define BROKEN_PROMISE_DAYS 90
#define HOLD_ENDED_DAYS      7

/* SQL: activity a is its debtor's latest (by occurred_at, then id), on activities_by_debtor. */
#define A_IS_LATEST \
  "NOT EXISTS (SELECT 1 FROM activities n WHERE n.debtor_id = a.debtor_id" \
  "              AND n.occurred_at >= a.occurred_at" \
  "              AND (n.occurred_at > a.occurred_at OR n.id > a.id))"

/* The outcome of the note ar_queue_snooze() logs. */
#define SNOOZE_OUTCOME "snoozed"

struct _ArQueue
{
  guint32       as_of;
  GArray       *items;     /* ArQueueItem, by priority */
  GStringChunk *strings;   /* the items' strings */
};

static const struct
{
  const char *name;
  const char *label;
} kinds[AR_N_QUEUE_KINDS] = {
  [AR_QUEUE_PROMISE_BROKEN]    = { "promise_broken", N_("Broken promise") },
  [AR_QUEUE_INSTALMENT_MISSED] = { "instalment_missed", N_("Missed instalment") },
  [AR_QUEUE_PROMISE_DUE]       = { "promise_due", N_("Promise due") },
  [AR_QUEUE_DUNNING_DUE]       = { "dunning_due", N_("Dunning letter due") },
  [AR_QUEUE_FOLLOW_UP]         = { "follow_up", N_("Follow-up") },
  [AR_QUEUE_HOLD_ENDING]       = { "hold_ending", N_("Hold ending") },
  [AR_QUEUE_READY_FOR_AGENCY]  = { "ready_for_agency", N_("Ready for agency") },
};

const char *
ar_queue_kind_to_string (ArQueueKind kind)
{
  g_return_val_if_fail (kind < AR_N_QUEUE_KINDS, NULL);
  return kinds[kind].name;
}

const char *
ar_queue_kind_to_label (ArQueueKind kind)
{
  g_return_val_if_fail (kind < AR_N_QUEUE_KINDS, NULL);
  return _(kinds[kind].label);
}

/* Sources ------------------------------------------------------------------------------------ */

/* A source appends the items of one kind to @items: kind, debtor, and what it knows itself
 * (source id, since, detail). Amounts and names are filled in afterwards for all kinds at
 * once. Each is one query on an index. */
typedef gboolean (*QueueSource) (ArLedger     *ledger,
                                 guint32       as_of,
                                 GStringChunk *strings,
                                 GArray       *items,
                                 GError      **error);

static void
append_item (GArray *items, ArQueueKind kind, gint64 debtor_id, gint64 source_id,
             gint64 activity_id, guint32 since, const char *detail)
{
  ArQueueItem item = { 0 };

  item.kind = kind;
  item.debtor_id = debtor_id;
  item.source_id = source_id;
  item.activity_id = activity_id;
  item.since = since;
  item.detail = detail != NULL ? detail : "";
  g_array_append_val (items, item);
}

/* Whether an activity of @debtor_id other than @own (the one that recorded the promise or
 * plan, which is not acting on it) occurred on or after @day (activities_by_debtor): the
 * office has acted on what happened that day. */
static gboolean
acted_since (ArLedger *ledger, gint64 debtor_id, gint64 own, guint32 day, gboolean *out_acted,
             GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT 1 FROM activities WHERE debtor_id = ?1 AND occurred_at >= ?2 AND id <> ?3"
    " LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  sqlite3_bind_int64 (stmt, 3, own);
  /* occurred_at is "YYYY-MM-DDTHH:MM:SSZ": every moment of @day sorts after "YYYY-MM-DD". */
  _ar_bind_julian (stmt, 2, day);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the contact log"), error);
  *out_acted = rc == SQLITE_ROW;
  return TRUE;
}

/* What the callbacks of the other modules' foreach functions need. */
typedef struct
{
  ArLedger     *ledger;
  guint32       as_of;
  GStringChunk *strings;
  GArray       *items;
  GError       *error;
} Gather;

/* The result of a foreach over @g: FALSE with an error when the foreach failed or one of the
 * callbacks stopped it with one (kept in @g). */
static gboolean
gather_done (Gather *g, gboolean ok, GError **error)
{
  if (g->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&g->error));
      return FALSE;
    }
  return ok;
}

static const char *
format_detail (GStringChunk *strings, char *text)
{
  const char *kept = g_string_chunk_insert (strings, text);

  g_free (text);
  return kept;
}

static gboolean
on_promise_broken (const ArPromise *promise, gpointer user_data)
{
  Gather *g = user_data;
  g_autofree char *amount = ar_money_format (promise->amount, promise->currency);
  g_autofree char *paid = ar_money_format (promise->paid, promise->currency);
  guint32 broke_on = promise->until + 1;
  gboolean acted = FALSE;
  char date[11];

  if (!acted_since (g->ledger, promise->debtor_id, promise->activity_id, broke_on, &acted,
                    &g->error))
    return FALSE;
  if (acted)
    return TRUE;
  ar_date_format_julian (promise->date, date);
  append_item (g->items, AR_QUEUE_PROMISE_BROKEN, promise->debtor_id, promise->id,
               promise->activity_id, broke_on,
               format_detail (g->strings, promise->paid > 0
                              /* TRANSLATORS: "Promised $50.00 for 2026-06-05; $20.00 paid" */
                              ? g_strdup_printf (_("Promised %s for %s; %s paid"), amount, date,
                                                 paid)
                              : g_strdup_printf (_("Promised %s for %s; nothing paid"), amount,
                                                 date)));
  return TRUE;
}

/* Promises broken in the last BROKEN_PROMISE_DAYS days and not acted on since. */
static gboolean
source_promises_broken (ArLedger *ledger, guint32 as_of, GStringChunk *strings, GArray *items,
                        GError **error)
{
  Gather g = { ledger, as_of, strings, items, NULL };

  return gather_done (&g, ar_ledger_foreach_promise_broken (ledger,
                                                            as_of > BROKEN_PROMISE_DAYS
                                                            ? as_of - BROKEN_PROMISE_DAYS : 1,
                                                            as_of, on_promise_broken, &g,
                                                            error), error);
}

static gboolean
on_plan_missed (const ArPlan *plan, gpointer user_data)
{
  Gather *g = user_data;
  guint32 missed_on = 0;
  gboolean acted = FALSE;
  char date[11];

  /* The day the latest missed row became missed, or the plan defaulted. */
  for (guint i = 0; i < plan->instalments->len; i++)
    {
      const ArPlanInstalment *row = &g_array_index (plan->instalments, ArPlanInstalment, i);

      if (row->state == AR_INSTALMENT_MISSED)
        missed_on = MAX (missed_on, row->due + plan->grace_days + 1);
    }
  if (plan->state == AR_PLAN_STATE_DEFAULTED && plan->defaulted_on != 0)
    missed_on = MAX (missed_on, plan->defaulted_on);
  if (missed_on == 0)
    return TRUE;
  if (!acted_since (g->ledger, plan->debtor_id, plan->activity_id, missed_on, &acted,
                    &g->error))
    return FALSE;
  if (acted)
    return TRUE;

  append_item (g->items, AR_QUEUE_INSTALMENT_MISSED, plan->debtor_id, plan->id,
               plan->activity_id, missed_on,
               format_detail (g->strings, plan->state == AR_PLAN_STATE_DEFAULTED
                              ? g_strdup_printf (_("The plan defaulted on %s"),
                                                 ar_date_format_julian (plan->defaulted_on,
                                                                        date))
                              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u instalment missed",
                                                              "%u instalments missed",
                                                              plan->n_missed),
                                                 plan->n_missed)));
  return TRUE;
}

/* Running plans with missed instalments, and defaulted plans, not acted on since. */
static gboolean
source_instalments_missed (ArLedger *ledger, guint32 as_of, GStringChunk *strings,
                           GArray *items, GError **error)
{
  Gather g = { ledger, as_of, strings, items, NULL };

  return gather_done (&g, ar_ledger_foreach_plan_missed (ledger, as_of, on_plan_missed, &g,
                                                         error), error);
}

static gboolean
on_promise_due (const ArPromise *promise, gpointer user_data)
{
  Gather *g = user_data;
  g_autofree char *amount = ar_money_format (promise->amount - promise->paid, promise->currency);

  append_item (g->items, AR_QUEUE_PROMISE_DUE, promise->debtor_id, promise->id,
               promise->activity_id, promise->date,
               /* TRANSLATORS: what is still to come in of a promise due today */
               format_detail (g->strings, g_strdup_printf (_("%s promised for today"),
                                                           amount)));
  return TRUE;
}

/* Promises due on the day and still pending. */
static gboolean
source_promises_due (ArLedger *ledger, guint32 as_of, GStringChunk *strings, GArray *items,
                     GError **error)
{
  Gather g = { ledger, as_of, strings, items, NULL };

  return ar_ledger_foreach_promise_due (ledger, as_of, on_promise_due, &g, error);
}

/* Follow-ups due: activities whose next action date has come (activities_by_next_action)
 * and that are still their debtor's latest (activities_by_debtor). */
static gboolean
source_follow_ups (ArLedger *ledger, guint32 as_of, GStringChunk *strings, GArray *items,
                   GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT a.id, a.debtor_id, a.next_action_date, a.summary FROM activities a"
    " WHERE a.next_action_date IS NOT NULL AND a.next_action_date <= ?1"
    "   AND " A_IS_LATEST, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _ar_bind_julian (stmt, 1, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    append_item (items, AR_QUEUE_FOLLOW_UP, sqlite3_column_int64 (stmt, 1),
                 sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 0),
                 _ar_column_julian (stmt, 2),
                 g_string_chunk_insert_const (strings,
                                              (const char *) sqlite3_column_text (stmt, 3)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the follow-ups"), error);
  return TRUE;
}

/* Debtors marked for the agency (debtors_by_status) with no activity logged since their
 * record last changed (activities_by_debtor, audit_by_row). "Since" is the order of the audit
 * records, which is exact where timestamps can tie. CROSS JOIN keeps SQLite from driving the
 * subquery by every activity's audit record instead of the debtor's few activities. */
static gboolean
source_ready_for_agency (ArLedger *ledger, guint32 as_of, GStringChunk *strings, GArray *items,
                         GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT d.id FROM debtors d WHERE d.status = 'agency'"
    "   AND NOT EXISTS (SELECT 1 FROM activities a"
    "                     CROSS JOIN audit ua"
    "                       ON ua.table_name = 'activities' AND ua.row_id = a.id"
    "                    WHERE a.debtor_id = d.id"
    "                      AND ua.id > COALESCE ((SELECT MAX (u.id) FROM audit u"
    "                                             WHERE u.table_name = 'debtors'"
    "                                               AND u.row_id = d.id), 0))", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    append_item (items, AR_QUEUE_READY_FOR_AGENCY, sqlite3_column_int64 (stmt, 0), 0, 0, 0,
                 NULL);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the debtors ready for the "
                                               "agency"), error);
  return TRUE;
}

/* A hold ending: the key of what it holds, to see whether another hold goes on. */
static char *
hold_key (gint64 debtor_id, gint64 invoice_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, debtor_id, invoice_id);
}

static gboolean
on_hold_in_force (const ArHold *hold, gpointer user_data)
{
  g_hash_table_add (user_data, hold_key (hold->debtor_id, hold->invoice_id));
  return TRUE;
}

typedef struct
{
  Gather      gather;
  GHashTable *continued;   /* hold_key()s held again the day after */
} HoldGather;

static gboolean
on_hold_ending (const ArHold *hold, gpointer user_data)
{
  HoldGather *hg = user_data;
  Gather *g = &hg->gather;
  g_autofree char *key = hold_key (hold->debtor_id, hold->invoice_id);
  g_autofree char *debtor_key = hold_key (hold->debtor_id, 0);
  gboolean acted = FALSE;
  char date[11];

  if (g_hash_table_contains (hg->continued, key) ||
      g_hash_table_contains (hg->continued, debtor_key))
    return TRUE;
  if (!acted_since (g->ledger, hold->debtor_id, 0, hold->until, &acted, &g->error))
    return FALSE;
  if (acted)
    return TRUE;

  ar_date_format_julian (hold->until, date);
  append_item (g->items, AR_QUEUE_HOLD_ENDING, hold->debtor_id, hold->id, 0, hold->until,
               format_detail (g->strings, hold->invoice_number != NULL
                              /* TRANSLATORS: "Snooze of INV-7 ends 2026-06-30: on holiday" */
                              ? g_strdup_printf (hold->kind == AR_HOLD_DISPUTE
                                                 ? _("Dispute of %s ends %s: %s")
                                                 : _("Snooze of %s ends %s: %s"),
                                                 hold->invoice_number, date, hold->reason)
                              : g_strdup_printf (hold->kind == AR_HOLD_DISPUTE
                                                 ? _("Dispute ends %s: %s")
                                                 : _("Snooze ends %s: %s"),
                                                 date, hold->reason)));
  return TRUE;
}

/* Holds whose last day is the day or one of the HOLD_ENDED_DAYS before, unless held again the
 * next day or acted on since. */
static gboolean
source_holds_ending (ArLedger *ledger, guint32 as_of, GStringChunk *strings, GArray *items,
                     GError **error)
{
  g_autoptr(GHashTable) continued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);
  HoldGather hg = { { ledger, as_of, strings, items, NULL }, continued };

  if (!ar_holds_in_force (ledger, as_of + 1, on_hold_in_force, continued, error))
    return FALSE;
  return gather_done (&hg.gather,
                      ar_holds_ending (ledger, as_of > HOLD_ENDED_DAYS ? as_of - HOLD_ENDED_DAYS
                                                                       : 1,
                                       as_of, on_hold_ending, &hg, error), error);
}

static const QueueSource sources[] = {
  source_promises_broken,
  source_instalments_missed,
  source_promises_due,
  source_follow_ups,
  source_holds_ending,
  source_ready_for_agency,
};

/* Debtors snoozed on @as_of: their latest activity is a snooze (ar_queue_snooze()) ending
 * after it. Few: only future follow-ups are read (activities_by_next_action). */
static gboolean
read_snoozed (ArLedger *ledger, guint32 as_of, GHashTable *snoozed, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT a.debtor_id FROM activities a"
    " WHERE a.next_action_date IS NOT NULL AND a.next_action_date > ?1"
    "   AND a.outcome = '" SNOOZE_OUTCOME "'"
    "   AND " A_IS_LATEST, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _ar_bind_julian (stmt, 1, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (snoozed, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the snoozed debtors"), error);
  return TRUE;
}

/* All sources, less the snoozed debtors' items. */
static gboolean
collect (ArLedger *ledger, guint32 as_of, GStringChunk *strings, GArray *items, GError **error)
{
  g_autoptr(GHashTable) snoozed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         NULL);

  g_autoptr(GHashTable) named = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       NULL);
  guint kept = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (!sources[i] (ledger, as_of, strings, items, error))
      return FALSE;
  if (!read_snoozed (ledger, as_of, snoozed, error))
    return FALSE;

  /* The activities that recorded a listed promise or plan: their follow-up repeats it. */
  for (guint i = 0; i < items->len; i++)
    {
      ArQueueItem *item = &g_array_index (items, ArQueueItem, i);

      if (item->kind != AR_QUEUE_FOLLOW_UP && item->activity_id != 0)
        g_hash_table_add (named, g_memdup2 (&item->activity_id, sizeof (gint64)));
    }
  if (g_hash_table_size (snoozed) == 0 && g_hash_table_size (named) == 0)
    return TRUE;

  for (guint i = 0; i < items->len; i++)
    {
      ArQueueItem *item = &g_array_index (items, ArQueueItem, i);

      if (g_hash_table_contains (snoozed, &item->debtor_id) ||
          (item->kind == AR_QUEUE_FOLLOW_UP && g_hash_table_contains (named, &item->source_id)))
        continue;
      g_array_index (items, ArQueueItem, kept++) = *item;
    }
  g_array_set_size (items, kept);
  return TRUE;
}

/* Amounts, names, score --------------------------------------------------------------------- */

static ArQueueActions
actions_for (ArQueueKind kind, gboolean cease_contact)
{
  ArQueueActions actions = AR_QUEUE_ACTION_SNOOZE | AR_QUEUE_ACTION_OPEN;

  if (cease_contact)
    return actions;
  switch (kind)
    {
    case AR_QUEUE_FOLLOW_UP:
      return actions | AR_QUEUE_ACTION_CALL | AR_QUEUE_ACTION_LETTER;
    case AR_QUEUE_DUNNING_DUE:
      return actions | AR_QUEUE_ACTION_LETTER;
    case AR_QUEUE_PROMISE_BROKEN:
    case AR_QUEUE_INSTALMENT_MISSED:
    case AR_QUEUE_PROMISE_DUE:
      return actions | AR_QUEUE_ACTION_CALL;
    case AR_QUEUE_HOLD_ENDING:
    case AR_QUEUE_READY_FOR_AGENCY:
    case AR_N_QUEUE_KINDS:
    default:
      return actions;
    }
}

/* overdue × (30 + days) / 10^exponent, saturating (only the order matters). */
static gint64
score_of (gint64 overdue, guint days, int exponent)
{
  gint64 weighted, scale = 1;

  if (overdue <= 0)
    return 0;
  if (__builtin_mul_overflow (overdue, (gint64) 30 + days, &weighted))
    return G_MAXINT64;
  for (int i = 0; i < exponent; i++)
    scale *= 10;
  return weighted / scale;
}

/* Fills in the debtor's names, flags and its amount at stake (the currency scoring highest).
 * The unary + keeps SQLite on open_items_by_debtor: open_items_by_due would read every open
 * item of the currency due before the day, for each item of the queue. */
static gboolean
fill_item (ArLedger *ledger, guint32 as_of, GStringChunk *strings, ArQueueItem *item,
           GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT d.external_id, d.name, d.cease_contact, b.currency, b.oldest_due_jd,"
    "       (SELECT COALESCE (SUM (o.open), 0) FROM open_items o"
    "         WHERE o.debtor_id = b.debtor_id AND o.currency = b.currency AND +o.due_jd < ?2)"
    " FROM debtors d LEFT JOIN balances b ON b.debtor_id = d.id WHERE d.id = ?1", error);
  gboolean cease_contact = FALSE, found = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item->debtor_id);
  sqlite3_bind_int64 (stmt, 2, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *currency = (const char *) sqlite3_column_text (stmt, 3);
      gint64 oldest = sqlite3_column_int64 (stmt, 4);
      gint64 overdue = sqlite3_column_int64 (stmt, 5);
      guint days;
      gint64 score;

      if (!found)
        {
          /* Read once per debtor (fill_items), so nothing to share: no hashing. */
          item->debtor_external_id =
            g_string_chunk_insert (strings, (const char *) sqlite3_column_text (stmt, 0));
          item->debtor_name =
            g_string_chunk_insert (strings, (const char *) sqlite3_column_text (stmt, 1));
          cease_contact = sqlite3_column_int (stmt, 2) != 0;
          found = TRUE;
        }
      if (currency == NULL || overdue <= 0)
        continue;
      days = oldest > 0 && oldest < as_of ? (guint) (as_of - oldest) : 0;
      score = score_of (overdue, days, ar_currency_exponent (currency));
      if (item->currency[0] == '\0' || score > item->score ||
          (score == item->score && days > item->days_overdue))
        {
          g_strlcpy (item->currency, currency, sizeof item->currency);
          item->overdue = overdue;
          item->days_overdue = days;
          item->score = score;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read a debtor of the work queue"),
                                     error);
  if (!found)
    {
      /* A source named a debtor that does not exist: the ledger is inconsistent. */
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
                   _("The work queue names debtor %" G_GINT64_FORMAT ", who is not in the "
                     "ledger"), item->debtor_id);
      return FALSE;
    }

  item->cease_contact = cease_contact;
  item->actions = actions_for (item->kind, cease_contact);
  return TRUE;
}

static int
compare_debtors (gconstpointer pa, gconstpointer pb)
{
  const ArQueueItem *a = pa, *b = pb;

  return a->debtor_id < b->debtor_id ? -1 : a->debtor_id > b->debtor_id;
}

/* What fill_item() found for the debtor of @from, for another item of the same debtor. */
static void
copy_debtor (ArQueueItem *to, const ArQueueItem *from)
{
  to->debtor_external_id = from->debtor_external_id;
  to->debtor_name = from->debtor_name;
  memcpy (to->currency, from->currency, sizeof to->currency);
  to->overdue = from->overdue;
  to->days_overdue = from->days_overdue;
  to->score = from->score;
  to->actions = actions_for (to->kind, from->cease_contact);
}

static int
compare_items (gconstpointer pa, gconstpointer pb)
{
  const ArQueueItem *a = pa, *b = pb;

  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  if (a->days_overdue != b->days_overdue)
    return a->days_overdue > b->days_overdue ? -1 : 1;
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->debtor_id != b->debtor_id)
    return a->debtor_id < b->debtor_id ? -1 : 1;
  return a->source_id < b->source_id ? -1 : a->source_id > b->source_id;
}

/* The queue ----------------------------------------------------------------------------------- */

/* Fills in the items from @first on and sorts the whole queue by priority. */
static gboolean
fill_items (ArLedger *ledger, ArQueue *queue, guint first, GError **error)
{
  GArray *items = queue->items;

  /* In debtor order, the lookups walk debtors, balances and open_items (all keyed by debtor)
   * front to back instead of jumping about, and a debtor with several items is read once. */
  if (first < items->len)
    qsort (&g_array_index (items, ArQueueItem, first), items->len - first, sizeof (ArQueueItem),
           compare_debtors);
  for (guint i = first; i < items->len; i++)
    {
      ArQueueItem *item = &g_array_index (items, ArQueueItem, i);
      const ArQueueItem *prev = i > first ? item - 1 : NULL;

      if (prev != NULL && prev->debtor_id == item->debtor_id)
        copy_debtor (item, prev);
      else if (!fill_item (ledger, queue->as_of, queue->strings, item, error))
        return FALSE;
    }
  g_array_sort (items, compare_items);
  return TRUE;
}

void
ar_queue_free (ArQueue *queue)
{
  if (queue == NULL)
    return;
  g_array_unref (queue->items);
  g_string_chunk_free (queue->strings);
  g_free (queue);
}

ArQueue *
ar_queue_build (ArLedger *ledger, guint32 as_of, GError **error)
{
  g_autoptr(ArQueue) queue = NULL;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (as_of > 0, NULL);

  queue = g_new0 (ArQueue, 1);
  queue->as_of = as_of;
  queue->items = g_array_new (FALSE, FALSE, sizeof (ArQueueItem));
  queue->strings = g_string_chunk_new (4096);

  if (!collect (ledger, as_of, queue->strings, queue->items, error))
    return NULL;

  if (!fill_items (ledger, queue, 0, error))
    return NULL;
  return g_steal_pointer (&queue);
}

guint32
ar_queue_get_as_of (ArQueue *queue)
{
  g_return_val_if_fail (queue != NULL, 0);
  return queue->as_of;
}

guint
ar_queue_get_n_items (ArQueue *queue)
{
  g_return_val_if_fail (queue != NULL, 0);
  return queue->items->len;
}

const ArQueueItem *
ar_queue_get_item (ArQueue *queue, guint index)
{
  g_return_val_if_fail (queue != NULL, NULL);
  g_return_val_if_fail (index < queue->items->len, NULL);
  return &g_array_index (queue->items, ArQueueItem, index);
}

typedef struct
{
  ArQueue    *queue;
  GHashTable *snoozed;
  guint8     *listed;      /* a bit per debtor id: a hash set of 380,000 ids took 20 MiB */
  gint64      max_id;
} DueGather;

static gboolean
on_due (gint64 debtor_id, const char *currency, guint level, gboolean hand_over,
        gpointer user_data)
{
  DueGather *g = user_data;
  const char *detail;

  /* One item per debtor (a debtor owing in two currencies is due twice). */
  if (debtor_id < 0 || debtor_id > g->max_id ||
      (g->listed[debtor_id >> 3] & (1u << (debtor_id & 7))) != 0 ||
      g_hash_table_contains (g->snoozed, &debtor_id))
    return TRUE;
  g->listed[debtor_id >> 3] |= (guint8) (1u << (debtor_id & 7));
  /* The same few texts for every debtor: kept once each. */
  if (hand_over)
    detail = g_string_chunk_insert_const (g->queue->strings, _("Hand-over to the agency"));
  else
    {
      g_autofree char *text = g_strdup_printf (_("Letter of level %u"), level);

      detail = g_string_chunk_insert_const (g->queue->strings, text);
    }
  append_item (g->queue->items, AR_QUEUE_DUNNING_DUE, debtor_id, level, 0, 0, detail);
  return TRUE;
}

/* The snoozed debtors, and the debtors listed so far (one item per debtor), for both ways of
 * adding the letters due. */
static gboolean
due_gather_init (DueGather *g, ArQueue *queue, ArLedger *ledger, GError **error)
{
  sqlite3_stmt *stmt;

  g->queue = queue;
  g->snoozed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (!read_snoozed (ledger, queue->as_of, g->snoozed, error) ||
      (stmt = _ar_ledger_prepare (ledger, "SELECT max (id) FROM debtors", error)) == NULL)
    {
      g_clear_pointer (&g->snoozed, g_hash_table_unref);
      return FALSE;
    }
  g->max_id = sqlite3_step (stmt) == SQLITE_ROW ? MAX (sqlite3_column_int64 (stmt, 0), 0) : 0;
  sqlite3_reset (stmt);
  g->listed = g_malloc0 ((gsize) (g->max_id / 8 + 1));
  return TRUE;
}

static void
due_gather_clear (DueGather *g)
{
  g_clear_pointer (&g->snoozed, g_hash_table_unref);
  g_clear_pointer (&g->listed, g_free);
}

gboolean
ar_queue_add_dunning (ArQueue *queue, ArLedger *ledger, ArDunningPreview *preview,
                      GError **error)
{
  DueGather g = { 0 };
  gboolean ok;
  guint first;

  g_return_val_if_fail (queue != NULL, FALSE);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (preview != NULL, FALSE);

  if (ar_dunning_preview_get_as_of (preview) != queue->as_of)
    {
      char queue_day[11], preview_day[11];

      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("The dunning preview is as of %s, the work queue as of %s"),
                   ar_date_format_julian (ar_dunning_preview_get_as_of (preview), preview_day),
                   ar_date_format_julian (queue->as_of, queue_day));
      return FALSE;
    }
  if (!due_gather_init (&g, queue, ledger, error))
    return FALSE;
  first = queue->items->len;
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
    {
      const ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, i);

      if (p->outcome == AR_DUNNING_PROPOSED)
        on_due (p->debtor_id, p->currency, p->level, p->hand_over, &g);
    }
  ok = fill_items (ledger, queue, first, error);
  due_gather_clear (&g);
  return ok;
}

/**
 * ar_queue_add_dunning_due:
 * @queue: the queue
 * @ledger: its book
 * @cancellable: (nullable): checked as the dunning pass reads
 * @error: the reason it failed
 *
 * ar_queue_add_dunning() without a preview kept whole: the debtors due their next letter come
 * from ar_dunning_foreach_due(), one at a time. At a million debtors the preview held about
 * 200 MiB of letters the queue reads only the debtor and the level of.
 */
gboolean
ar_queue_add_dunning_due (ArQueue *queue, ArLedger *ledger, GCancellable *cancellable,
                          GError **error)
{
  DueGather g = { 0 };
  gboolean ok;
  guint first;

  g_return_val_if_fail (queue != NULL, FALSE);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);

  if (!due_gather_init (&g, queue, ledger, error))
    return FALSE;
  first = queue->items->len;
  ok = ar_dunning_foreach_due (ledger, queue->as_of, on_due, &g, cancellable, error) &&
       fill_items (ledger, queue, first, error);
  due_gather_clear (&g);
  return ok;
}

gboolean
ar_queue_count (ArLedger *ledger, guint32 as_of, guint *out_count, GError **error)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (ArQueueItem));
  GStringChunk *strings = g_string_chunk_new (4096);
  gboolean ok;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  ok = collect (ledger, as_of, strings, items, error);
  g_string_chunk_free (strings);
  if (ok)
    *out_count = items->len;
  return ok;
}

gboolean
ar_queue_snooze (ArLedger *ledger, gint64 debtor_id, guint32 today, guint32 until,
                 const char *reason, GError **error)
{
  ArActivityInfo info = { 0 };

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);

  if (until <= today)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("until: a snooze ends on a day after today"));
      return FALSE;
    }
  if (reason == NULL || *reason == '\0')
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("reason: say why the debtor is snoozed"));
      return FALSE;
    }

  info.debtor_id = debtor_id;
  info.kind = AR_ACTIVITY_NOTE;
  info.direction = AR_DIRECTION_NONE;
  info.outcome = SNOOZE_OUTCOME;
  info.summary = reason;
  info.next_action_date = until;
  return ar_ledger_add_activity (ledger, &info, NULL, error);
}
