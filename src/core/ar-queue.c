/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-queue"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ar-activity.h"
#include "ar-ledger-private.h"
#include "ar-money.h"
#include "ar-queue.h"

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
  [AR_QUEUE_FOLLOW_UP]        = { "follow_up", N_("Follow-up") },
  [AR_QUEUE_READY_FOR_AGENCY] = { "ready_for_agency", N_("Ready for agency") },
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
append_item (GArray *items, ArQueueKind kind, gint64 debtor_id, gint64 source_id, guint32 since,
             const char *detail)
{
  ArQueueItem item = { 0 };

  item.kind = kind;
  item.debtor_id = debtor_id;
  item.source_id = source_id;
  item.since = since;
  item.detail = detail != NULL ? detail : "";
  g_array_append_val (items, item);
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
    "   AND NOT EXISTS (SELECT 1 FROM activities n WHERE n.debtor_id = a.debtor_id"
    "                     AND n.occurred_at >= a.occurred_at"
    "                     AND (n.occurred_at > a.occurred_at OR n.id > a.id))", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _ar_bind_julian (stmt, 1, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    append_item (items, AR_QUEUE_FOLLOW_UP, sqlite3_column_int64 (stmt, 1),
                 sqlite3_column_int64 (stmt, 0), _ar_column_julian (stmt, 2),
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
    append_item (items, AR_QUEUE_READY_FOR_AGENCY, sqlite3_column_int64 (stmt, 0), 0, 0, NULL);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the debtors ready for the "
                                               "agency"), error);
  return TRUE;
}

static const QueueSource sources[] = {
  source_follow_ups,
  source_ready_for_agency,
};

/* Debtors snoozed on @as_of: their latest activity sets a next action date after it. Few:
 * only future follow-ups are read (activities_by_next_action). */
static gboolean
read_snoozed (ArLedger *ledger, guint32 as_of, GHashTable *snoozed, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT a.debtor_id FROM activities a"
    " WHERE a.next_action_date IS NOT NULL AND a.next_action_date > ?1"
    "   AND NOT EXISTS (SELECT 1 FROM activities n WHERE n.debtor_id = a.debtor_id"
    "                     AND n.occurred_at >= a.occurred_at"
    "                     AND (n.occurred_at > a.occurred_at OR n.id > a.id))", error);
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
  guint kept = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (!sources[i] (ledger, as_of, strings, items, error))
      return FALSE;
  if (!read_snoozed (ledger, as_of, snoozed, error))
    return FALSE;
  if (g_hash_table_size (snoozed) == 0)
    return TRUE;

  for (guint i = 0; i < items->len; i++)
    {
      ArQueueItem *item = &g_array_index (items, ArQueueItem, i);

      if (!g_hash_table_contains (snoozed, &item->debtor_id))
        g_array_index (items, ArQueueItem, kept++) = *item;
    }
  g_array_set_size (items, kept);
  return TRUE;
}

/* Amounts, names, score --------------------------------------------------------------------- */

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
          item->debtor_external_id =
            g_string_chunk_insert_const (strings, (const char *) sqlite3_column_text (stmt, 0));
          item->debtor_name =
            g_string_chunk_insert_const (strings, (const char *) sqlite3_column_text (stmt, 1));
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

  item->actions = AR_QUEUE_ACTION_SNOOZE | AR_QUEUE_ACTION_OPEN;
  if (item->kind == AR_QUEUE_FOLLOW_UP && !cease_contact)
    item->actions |= AR_QUEUE_ACTION_CALL | AR_QUEUE_ACTION_LETTER;
  return TRUE;
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
  for (guint i = 0; i < queue->items->len; i++)
    if (!fill_item (ledger, as_of, queue->strings,
                    &g_array_index (queue->items, ArQueueItem, i), error))
      return NULL;
  g_array_sort (queue->items, compare_items);
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
  info.outcome = "snoozed";
  info.summary = reason;
  info.next_action_date = until;
  return ar_ledger_add_activity (ledger, &info, NULL, error);
}
