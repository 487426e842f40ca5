/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-promise"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-date.h"
#include "ar-debtor-ledger.h"
#include "ar-ledger-private.h"
#include "ar-plan-private.h"
#include "ar-promise.h"

/* Promises to pay; see ar-promise.h for how their state is derived. */

static const char * const state_names[AR_N_PROMISE_STATES] = {
  "pending", "kept", "partly_kept", "broken", "cancelled",
};
static const char * const state_labels[AR_N_PROMISE_STATES] = {
  N_("Pending"), N_("Kept"), N_("Partly kept"), N_("Broken"), N_("Cancelled"),
};

#define MAX_EVERY_DAYS 366
#define MAX_TIMES      104

const char *
ar_promise_state_to_string (ArPromiseState state)
{
  g_return_val_if_fail ((guint) state < AR_N_PROMISE_STATES, NULL);
  return state_names[state];
}

const char *
ar_promise_state_to_label (ArPromiseState state)
{
  g_return_val_if_fail ((guint) state < AR_N_PROMISE_STATES, NULL);
  return _(state_labels[state]);
}

guint
ar_ledger_get_promise_grace_days (ArLedger *ledger)
{
  g_autofree char *text = NULL;
  guint64 value;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), AR_PROMISE_DEFAULT_GRACE_DAYS);

  text = ar_ledger_get_setting (ledger, "promises.grace-days");
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, 365, &value, NULL))
    return AR_PROMISE_DEFAULT_GRACE_DAYS;
  return (guint) value;
}

static guint32
today_julian (void)
{
  GDate today;

  ar_date_set_today (&today);
  return ar_date_to_julian (&today);
}

gboolean
_ar_ledger_sum_payments (ArLedger *ledger, gint64 debtor_id, const char *currency, guint32 from,
                         guint32 to, guint32 as_of, gint64 *out, GError **error)
{
  /* entries_by_debtor (debtor_id, currency, date) finds the range; entries_by_reversed the
   * reversals. */
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT COALESCE (SUM (e.amount), 0) FROM entries e"
    " WHERE e.debtor_id = ?1 AND e.currency = ?2 AND e.date >= ?3 AND e.date <= ?4"
    " AND e.kind = 'payment'"
    " AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id AND r.date <= ?5)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  sqlite3_bind_text (stmt, 2, currency, -1, SQLITE_TRANSIENT);
  _ar_bind_julian (stmt, 3, from);
  _ar_bind_julian (stmt, 4, to);
  _ar_bind_julian (stmt, 5, as_of);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _ar_ledger_set_sql_error (ledger, _("Could not read the payments"), error);
    }
  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Adding ------------------------------------------------------------------------------------ */

static gboolean
check_debtor (ArLedger *ledger, gint64 debtor_id, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, "SELECT 1 FROM debtors WHERE id = ?1", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
                 _("debtor: there is no debtor %" G_GINT64_FORMAT), debtor_id);
  return found;
}

static gboolean
check_activity (ArLedger *ledger, gint64 activity_id, gint64 debtor_id, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT 1 FROM activities WHERE id = ?1 AND debtor_id = ?2", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  sqlite3_bind_int64 (stmt, 2, debtor_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                 _("activity: activity %" G_GINT64_FORMAT " is not in this debtor’s log"),
                 activity_id);
  return found;
}

static char *
promise_currency (ArLedger *ledger, gint64 debtor_id, GError **error)
{
  g_auto(GStrv) currencies = ar_debtor_ledger_get_currencies (ledger, debtor_id, error);
  g_autoptr(GHashTable) company = NULL;
  const char *code;

  if (currencies == NULL)
    return NULL;
  if (g_strv_length (currencies) == 1)
    return g_strdup (currencies[0]);
  if ((company = ar_ledger_get_company (ledger, error)) == NULL)
    return NULL;
  code = g_hash_table_lookup (company, "default_currency");
  return g_strdup (code != NULL && ar_currency_is_valid (code) ? code : "USD");
}

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_info (const ArPromiseInfo *info, guint32 made_on, GError **error)
{
  if (info->amount <= 0)
    return invalid (error, _("amount: a promise is for an amount above zero"));
  if (info->date == 0)
    return invalid (error, _("date: say on which day the debtor promised to pay"));
  if (info->date < made_on)
    {
      char a[11], b[11];

      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("date: %s is before the day the promise was made (%s)"),
                   ar_date_format_julian (info->date, a), ar_date_format_julian (made_on, b));
      return FALSE;
    }
  if (info->every_days > MAX_EVERY_DAYS)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("every: a repeating promise repeats at most every %u days"),
                   MAX_EVERY_DAYS);
      return FALSE;
    }
  if (info->every_days > 0 && (info->times < 2 || info->times > MAX_TIMES))
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("times: a repeating promise has 2 to %u payments"), MAX_TIMES);
      return FALSE;
    }
  if ((guint) info->channel >= AR_N_ACTIVITY_KINDS)
    return invalid (error, _("channel: expected call, letter, email, visit, sms or note"));
  return TRUE;
}

static gint64
log_promise (ArLedger *ledger, const ArPromiseInfo *info, const char *currency, guint n,
             guint32 last, GError **error)
{
  g_autofree char *amount = ar_money_format (info->amount, currency);
  g_autofree char *summary = NULL;
  ArActivityInfo activity = { 0 };
  char day[11];
  gint64 id = 0;

  if (n == 1)
    summary = g_strdup_printf (_("Promised to pay %s on %s."), amount,
                               ar_date_format_julian (info->date, day));
  else
    summary = g_strdup_printf (ngettext ("Promised to pay %s every %u day, %u times, from %s.",
                                         "Promised to pay %s every %u days, %u times, from %s.",
                                         info->every_days),
                               amount, info->every_days, n,
                               ar_date_format_julian (info->date, day));
  if (info->note != NULL && info->note[0] != '\0')
    {
      char *with_note = g_strdup_printf ("%s\n%s", summary, info->note);

      g_free (summary);
      summary = with_note;
    }
  activity.debtor_id = info->debtor_id;
  activity.kind = info->channel;
  activity.direction = AR_DIRECTION_NONE;
  activity.outcome = "promised_to_pay";
  activity.summary = summary;
  /* Follow up the day after the last chance to keep it. */
  activity.next_action_date = last + ar_ledger_get_promise_grace_days (ledger) + 1;
  if (!ar_ledger_add_activity (ledger, &activity, &id, error))
    return 0;
  return id;
}

static gboolean
insert_promises (ArLedger *ledger, const ArPromiseInfo *info, const char *currency,
                 guint32 made_on, guint n, gint64 activity_id, gint64 *out_first, GError **error)
{
  gint64 first = 0;

  for (guint i = 0; i < n; i++)
    {
      sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
        "INSERT INTO promises (debtor_id, currency, amount, promised_date, made_on, channel,"
        " note, series_id, series_index, activity_id)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, info->debtor_id);
      sqlite3_bind_text (stmt, 2, currency, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, info->amount);
      _ar_bind_julian (stmt, 4, info->date + i * info->every_days);
      _ar_bind_julian (stmt, 5, made_on);
      sqlite3_bind_text (stmt, 6, ar_activity_kind_to_string (info->channel), -1, SQLITE_STATIC);
      _ar_bind_text0 (stmt, 7, info->note);
      if (first != 0)
        sqlite3_bind_int64 (stmt, 8, first);
      sqlite3_bind_int (stmt, 9, (int) i + 1);
      sqlite3_bind_int64 (stmt, 10, activity_id);
      if (!_ar_ledger_step_done (ledger, stmt, _("Could not save the promise"), error))
        return FALSE;
      if (i == 0)
        first = sqlite3_last_insert_rowid (_ar_ledger_get_db (ledger));
    }
  if (n > 1)
    {
      /* The first occurrence names its own series, so one index finds them all. */
      sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
        "UPDATE promises SET series_id = ?1 WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, first);
      if (!_ar_ledger_step_done (ledger, stmt, _("Could not save the promise"), error))
        return FALSE;
    }
  *out_first = first;
  return TRUE;
}

gint64
ar_ledger_add_promise (ArLedger *ledger, const ArPromiseInfo *info, GError **error)
{
  g_autofree char *currency = NULL;
  guint32 made_on;
  gint64 activity_id;
  gint64 first = 0;
  guint n;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), 0);
  g_return_val_if_fail (info != NULL, 0);

  made_on = info->made_on != 0 ? info->made_on : today_julian ();
  if (!check_debtor (ledger, info->debtor_id, error) || !check_info (info, made_on, error))
    return 0;
  if (info->currency != NULL)
    {
      if (!ar_currency_is_valid (info->currency))
        {
          g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                       _("currency: “%s” is not an ISO 4217 currency code"), info->currency);
          return 0;
        }
      currency = g_strdup (info->currency);
    }
  else if ((currency = promise_currency (ledger, info->debtor_id, error)) == NULL)
    return 0;
  if (info->activity_id != 0 && !check_activity (ledger, info->activity_id, info->debtor_id,
                                                 error))
    return 0;
  n = info->every_days > 0 ? info->times : 1;

  if (!ar_ledger_begin (ledger, "add-promise", error))
    return 0;
  activity_id = info->activity_id;
  if (activity_id == 0)
    activity_id = log_promise (ledger, info, currency, n,
                               info->date + (n - 1) * info->every_days, error);
  if (activity_id == 0 ||
      !insert_promises (ledger, info, currency, made_on, n, activity_id, &first, error))
    {
      ar_ledger_rollback (ledger);
      return 0;
    }
  if (!ar_ledger_commit (ledger, error))
    return 0;
  return first;
}

/* Reading ----------------------------------------------------------------------------------- */

#define PROMISE_SELECT \
  "SELECT p.id, p.debtor_id, d.external_id, d.name, p.currency, p.amount, p.promised_date," \
  " p.made_on, p.channel, p.note, p.series_id, p.series_index," \
  " CASE WHEN p.series_id IS NULL THEN 1" \
  "      ELSE (SELECT COUNT (*) FROM promises q WHERE q.series_id = p.series_id) END," \
  " p.activity_id, p.cancelled_on, p.cancel_reason" \
  " FROM promises p JOIN debtors d ON d.id = p.debtor_id "

typedef struct
{
  GArray       *rows;     /* ArPromise */
  GStringChunk *strings;
} PromiseList;

static void
promise_list_init (PromiseList *list)
{
  list->rows = g_array_new (FALSE, TRUE, sizeof (ArPromise));
  list->strings = g_string_chunk_new (1024);
}

static void
promise_list_clear (PromiseList *list)
{
  g_array_unref (list->rows);
  g_string_chunk_free (list->strings);
}

static const char *
column_string (PromiseList *list, sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_string_chunk_insert_const (list->strings, text != NULL ? text : "");
}

/* Reads the rows of @stmt (bound, PROMISE_SELECT columns) into @list. */
static gboolean
read_promises (ArLedger *ledger, sqlite3_stmt *stmt, PromiseList *list, GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ArPromise p = { 0 };

      p.id = sqlite3_column_int64 (stmt, 0);
      p.debtor_id = sqlite3_column_int64 (stmt, 1);
      p.debtor_external_id = column_string (list, stmt, 2);
      p.debtor_name = column_string (list, stmt, 3);
      p.currency = column_string (list, stmt, 4);
      p.amount = sqlite3_column_int64 (stmt, 5);
      p.date = _ar_column_julian (stmt, 6);
      p.made_on = _ar_column_julian (stmt, 7);
      p.channel = AR_ACTIVITY_NOTE;
      ar_activity_kind_from_string ((const char *) sqlite3_column_text (stmt, 8), &p.channel);
      p.note = column_string (list, stmt, 9);
      p.series_id = sqlite3_column_int64 (stmt, 10);
      p.series_index = sqlite3_column_int (stmt, 11);
      p.series_length = sqlite3_column_int (stmt, 12);
      p.activity_id = sqlite3_column_int64 (stmt, 13);
      p.cancelled_on = _ar_column_julian (stmt, 14);
      p.cancel_reason = column_string (list, stmt, 15);
      g_array_append_val (list->rows, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the promises"), error);
  return TRUE;
}

/* What the earlier occurrences of @p's series ask for: all of them (those not cancelled by
 * @as_of) when @ended_before is 0, else only those dated before it; and the date of the last of
 * them (0 when there is none). */
static gboolean
series_before (ArLedger *ledger, const ArPromise *p, guint32 as_of, guint32 ended_before,
               gint64 *out, guint32 *out_last, GError **error)
{
  sqlite3_stmt *stmt;

  *out = 0;
  *out_last = 0;
  if (p->series_id == 0 || p->series_index <= 1)
    return TRUE;
  stmt = _ar_ledger_prepare (ledger,
    "SELECT COALESCE (SUM (amount), 0), MAX (promised_date) FROM promises"
    " WHERE series_id = ?1 AND series_index < ?2"
    " AND (cancelled_on IS NULL OR cancelled_on > ?3)"
    " AND (?4 IS NULL OR promised_date < ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->series_id);
  sqlite3_bind_int (stmt, 2, (int) p->series_index);
  _ar_bind_julian (stmt, 3, as_of);
  _ar_bind_julian (stmt, 4, ended_before);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _ar_ledger_set_sql_error (ledger, _("Could not read the promises"), error);
    }
  *out = sqlite3_column_int64 (stmt, 0);
  *out_last = _ar_column_julian (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Derives @p's state as of @as_of with @grace days. */
static gboolean
derive (ArLedger *ledger, ArPromise *p, guint32 as_of, guint grace, GError **error)
{
  gint64 before = 0;
  gint64 payments = 0;
  guint32 previous = 0;

  p->until = p->date + grace;
  p->paid = 0;
  p->series_broken = FALSE;
  if (p->cancelled_on != 0 && p->cancelled_on <= as_of)
    {
      p->state = AR_PROMISE_CANCELLED;
      return TRUE;
    }
  if (as_of < p->made_on)
    {
      p->state = AR_PROMISE_PENDING;
      return TRUE;
    }
  if (!series_before (ledger, p, as_of, 0, &before, &previous, error) ||
      !_ar_ledger_sum_payments (ledger, p->debtor_id, p->currency, p->made_on,
                                MIN (as_of, p->until), as_of, &payments, error))
    return FALSE;
  p->paid = CLAMP (payments - before, 0, p->amount);
  if (p->paid == p->amount)
    p->state = AR_PROMISE_KEPT;
  else if (as_of <= p->until)
    p->state = AR_PROMISE_PENDING;
  else if (p->paid > 0)
    p->state = AR_PROMISE_PARTLY_KEPT;
  else
    p->state = AR_PROMISE_BROKEN;

  /* Was an earlier occurrence not kept by the end of its grace? Payments fill the occurrences
   * in order, so it is enough to look at the last one whose grace has ended: had the payments
   * by then reached all that the series asked for up to it? */
  if (previous != 0 && p->state != AR_PROMISE_KEPT)
    {
      guint32 ended_before = as_of > grace ? as_of - grace : 1;
      gint64 required = 0;
      gint64 by_then = 0;
      guint32 last = 0;

      if (!series_before (ledger, p, as_of, ended_before, &required, &last, error))
        return FALSE;
      if (last != 0)
        {
          if (!_ar_ledger_sum_payments (ledger, p->debtor_id, p->currency, p->made_on,
                                        last + grace, as_of, &by_then, error))
            return FALSE;
          p->series_broken = by_then < required;
        }
    }
  return TRUE;
}

typedef gboolean (*KeepFunc) (const ArPromise *p, gpointer data);

/* Derives each promise of @list as of @as_of and calls @func for those @keep accepts. */
static gboolean
emit (ArLedger *ledger, PromiseList *list, guint32 as_of, KeepFunc keep, gpointer keep_data,
      ArPromiseFunc func, gpointer user_data, GError **error)
{
  guint grace = ar_ledger_get_promise_grace_days (ledger);

  for (guint i = 0; i < list->rows->len; i++)
    {
      ArPromise *p = &g_array_index (list->rows, ArPromise, i);

      if (!derive (ledger, p, as_of, grace, error))
        return FALSE;
      if ((keep == NULL || keep (p, keep_data)) && !func (p, user_data))
        break;
    }
  return TRUE;
}

gboolean
ar_ledger_list_promises (ArLedger *ledger, gint64 debtor_id, guint32 as_of, ArPromiseFunc func,
                         gpointer user_data, GError **error)
{
  PromiseList list;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (as_of == 0)
    as_of = today_julian ();
  stmt = debtor_id != 0
    ? _ar_ledger_prepare (ledger, PROMISE_SELECT
                          "WHERE p.debtor_id = ?1 ORDER BY p.promised_date, p.id", error)
    : _ar_ledger_prepare (ledger, PROMISE_SELECT "ORDER BY p.promised_date, p.id", error);
  if (stmt == NULL)
    return FALSE;
  if (debtor_id != 0)
    sqlite3_bind_int64 (stmt, 1, debtor_id);
  promise_list_init (&list);
  ok = read_promises (ledger, stmt, &list, error) &&
       emit (ledger, &list, as_of, NULL, NULL, func, user_data, error);
  promise_list_clear (&list);
  return ok;
}

static gboolean
keep_pending (const ArPromise *p, gpointer data)
{
  return p->state == AR_PROMISE_PENDING;
}

static gboolean
keep_broken (const ArPromise *p, gpointer data)
{
  return p->state == AR_PROMISE_BROKEN || p->state == AR_PROMISE_PARTLY_KEPT;
}

gboolean
ar_ledger_foreach_promise_due (ArLedger *ledger, guint32 date, ArPromiseFunc func,
                               gpointer user_data, GError **error)
{
  PromiseList list;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = _ar_ledger_prepare (ledger, PROMISE_SELECT
    "WHERE p.promised_date = ?1 AND p.cancelled_on IS NULL ORDER BY p.id", error);
  if (stmt == NULL)
    return FALSE;
  _ar_bind_julian (stmt, 1, date);
  promise_list_init (&list);
  ok = read_promises (ledger, stmt, &list, error) &&
       emit (ledger, &list, date, keep_pending, NULL, func, user_data, error);
  promise_list_clear (&list);
  return ok;
}

gboolean
ar_ledger_foreach_promise_broken (ArLedger *ledger, guint32 from, guint32 to, ArPromiseFunc func,
                                  gpointer user_data, GError **error)
{
  guint grace;
  PromiseList list;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (from <= to, FALSE);

  grace = ar_ledger_get_promise_grace_days (ledger);
  stmt = _ar_ledger_prepare (ledger, PROMISE_SELECT
    "WHERE p.promised_date >= ?1 AND p.promised_date <= ?2 AND p.cancelled_on IS NULL"
    " ORDER BY p.promised_date, p.id", error);
  if (stmt == NULL)
    return FALSE;
  _ar_bind_julian (stmt, 1, from > grace + 1 ? from - grace - 1 : 1);
  _ar_bind_julian (stmt, 2, to > grace + 1 ? to - grace - 1 : 1);
  promise_list_init (&list);
  ok = read_promises (ledger, stmt, &list, error) &&
       emit (ledger, &list, to, keep_broken, NULL, func, user_data, error);
  promise_list_clear (&list);
  return ok;
}

static gboolean
keep_pausing (const ArPromise *p, gpointer data)
{
  return p->state == AR_PROMISE_PENDING && !p->series_broken;
}

/* Pending promises as of @as_of (the dunning seam): those whose grace has not ended, of series
 * whose earlier occurrences were kept. */
gboolean
_ar_ledger_foreach_pending_promise (ArLedger *ledger, guint32 as_of, ArPromiseFunc func,
                                    gpointer user_data, GError **error)
{
  guint grace = ar_ledger_get_promise_grace_days (ledger);
  PromiseList list;
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = _ar_ledger_prepare (ledger, PROMISE_SELECT
    "WHERE p.promised_date >= ?1 AND p.made_on <= ?2 AND p.cancelled_on IS NULL"
    " ORDER BY p.promised_date, p.id", error);
  if (stmt == NULL)
    return FALSE;
  _ar_bind_julian (stmt, 1, as_of > grace ? as_of - grace : 1);
  _ar_bind_julian (stmt, 2, as_of);
  promise_list_init (&list);
  ok = read_promises (ledger, stmt, &list, error) &&
       emit (ledger, &list, as_of, keep_pausing, NULL, func, user_data, error);
  promise_list_clear (&list);
  return ok;
}

/* Cancelling -------------------------------------------------------------------------------- */

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
ar_ledger_cancel_promise (ArLedger *ledger, gint64 promise_id, guint32 date, const char *reason,
                          GError **error)
{
  sqlite3_stmt *stmt;
  gint64 series_id;
  int series_index;
  gboolean cancelled;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);

  if (is_blank (reason))
    return invalid (error, _("reason: say why the promise is cancelled"));
  if (date == 0)
    date = today_julian ();

  stmt = _ar_ledger_prepare (ledger,
    "SELECT series_id, series_index, cancelled_on IS NOT NULL FROM promises WHERE id = ?1",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, promise_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
                   _("promise: there is no promise %" G_GINT64_FORMAT), promise_id);
      return FALSE;
    }
  series_id = sqlite3_column_int64 (stmt, 0);
  series_index = sqlite3_column_int (stmt, 1);
  cancelled = sqlite3_column_int (stmt, 2) != 0;
  sqlite3_reset (stmt);
  if (cancelled)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("promise: promise %" G_GINT64_FORMAT " was cancelled already"), promise_id);
      return FALSE;
    }

  if (!ar_ledger_begin (ledger, "cancel-promise", error))
    return FALSE;
  stmt = _ar_ledger_prepare (ledger,
    "UPDATE promises SET cancelled_on = ?4, cancel_reason = ?5"
    " WHERE cancelled_on IS NULL"
    " AND (id = ?1 OR (?2 IS NOT NULL AND series_id = ?2 AND series_index > ?3))", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, promise_id);
  if (series_id != 0)
    sqlite3_bind_int64 (stmt, 2, series_id);
  sqlite3_bind_int (stmt, 3, series_index);
  _ar_bind_julian (stmt, 4, date);
  sqlite3_bind_text (stmt, 5, reason, -1, SQLITE_TRANSIENT);
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not cancel the promise"), error))
    goto fail;
  return ar_ledger_commit (ledger, error);

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}
