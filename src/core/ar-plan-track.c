/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-plan"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-date.h"
#include "ar-ledger-private.h"
#include "ar-plan-private.h"

/* Plans tracked as of a date (see ar-plan.h for the rules): one plan, a debtor's plans, and
 * every running plan in one pass for the work queue and the dunning seam. Nothing here
 * writes. */

static guint32
today_julian (void)
{
  GDate today;

  ar_date_set_today (&today);
  return ar_date_to_julian (&today);
}

/* The ids the query @sql gives (parameter 1 bound to @param, 2 to @day), read to the end so
 * that the caller may query the ledger while going through them. */
GArray *
_ar_plan_query_ids (ArLedger *ledger, const char *sql, gint64 param, guint32 day, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, param);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    _ar_bind_julian (stmt, 2, day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _ar_ledger_set_sql_error (ledger, _("Could not read the plans"), error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Loading and tracking ------------------------------------------------------------------------ */

void
ar_plan_free (ArPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->debtor_external_id);
  g_free (plan->debtor_name);
  g_free (plan->note);
  g_free (plan->cancel_reason);
  if (plan->invoices != NULL)
    {
      for (guint i = 0; i < plan->invoices->len; i++)
        g_free (g_array_index (plan->invoices, ArPlanInvoice, i).number);
      g_array_unref (plan->invoices);
    }
  g_clear_pointer (&plan->instalments, g_array_unref);
  g_free (plan);
}

static gboolean
not_found (gint64 plan_id, GError **error)
{
  g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
               _("plan: there is no plan %" G_GINT64_FORMAT), plan_id);
  return FALSE;
}

/* The plan's own columns; plan_from_row() reads them from column 0 on. */
#define PLAN_COLUMNS \
  "p.id, p.debtor_id, d.external_id, d.name, p.currency, p.plan_date, p.frequency," \
  " p.n_instalments, p.principal, p.down_payment, p.apr_bp, p.interest, p.setup_fee," \
  " p.total, p.fees_waived, p.grace_days, p.default_after, p.note, p.activity_id," \
  " p.replaces_id, p.state, p.ended_on, p.cancel_reason," \
  " (SELECT r.id FROM plans r WHERE r.replaces_id = p.id)" \
  " FROM plans p JOIN debtors d ON d.id = p.debtor_id "

static void
plan_from_row (ArPlan *plan, sqlite3_stmt *stmt)
{
  const char *state;

  plan->id = sqlite3_column_int64 (stmt, 0);
  plan->debtor_id = sqlite3_column_int64 (stmt, 1);
  plan->debtor_external_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  plan->debtor_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  g_strlcpy (plan->currency, (const char *) sqlite3_column_text (stmt, 4), sizeof plan->currency);
  plan->plan_date = _ar_column_julian (stmt, 5);
  ar_plan_frequency_from_string ((const char *) sqlite3_column_text (stmt, 6), &plan->frequency);
  plan->n_instalments = sqlite3_column_int (stmt, 7);
  plan->principal = sqlite3_column_int64 (stmt, 8);
  plan->down_payment = sqlite3_column_int64 (stmt, 9);
  plan->apr_bp = sqlite3_column_int (stmt, 10);
  plan->interest = sqlite3_column_int64 (stmt, 11);
  plan->setup_fee = sqlite3_column_int64 (stmt, 12);
  plan->total = sqlite3_column_int64 (stmt, 13);
  plan->fees_waived = sqlite3_column_int (stmt, 14) != 0;
  plan->grace_days = sqlite3_column_int (stmt, 15);
  plan->default_after = sqlite3_column_int (stmt, 16);
  plan->note = g_strdup ((const char *) sqlite3_column_text (stmt, 17));
  plan->activity_id = sqlite3_column_int64 (stmt, 18);
  plan->replaces_id = sqlite3_column_int64 (stmt, 19);
  state = (const char *) sqlite3_column_text (stmt, 20);
  plan->state = state == NULL ? AR_PLAN_STATE_ACTIVE
              : g_str_equal (state, "cancelled") ? AR_PLAN_STATE_CANCELLED
              : AR_PLAN_STATE_RENEGOTIATED;
  plan->ended_on = _ar_column_julian (stmt, 21);
  plan->cancel_reason = g_strdup ((const char *) sqlite3_column_text (stmt, 22));
  plan->replaced_by_id = sqlite3_column_int64 (stmt, 23);
}

static gboolean
load_row (ArLedger *ledger, gint64 plan_id, ArPlan *plan, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT " PLAN_COLUMNS "WHERE p.id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return not_found (plan_id, error);
    }
  plan_from_row (plan, stmt);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
load_invoices (ArLedger *ledger, ArPlan *plan, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT pi.invoice_id, i.number, pi.amount FROM plan_invoices pi"
    " JOIN invoices i ON i.id = pi.invoice_id WHERE pi.plan_id = ?1 ORDER BY pi.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  plan->invoices = g_array_new (FALSE, FALSE, sizeof (ArPlanInvoice));
  sqlite3_bind_int64 (stmt, 1, plan->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ArPlanInvoice inv = {
        sqlite3_column_int64 (stmt, 0),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        sqlite3_column_int64 (stmt, 2),
      };

      g_array_append_val (plan->invoices, inv);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the plan’s invoices"), error);
  return TRUE;
}

static gboolean
load_schedule (ArLedger *ledger, ArPlan *plan, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT seq, due_date, amount FROM plan_schedule WHERE plan_id = ?1 ORDER BY seq", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  plan->instalments = g_array_new (FALSE, TRUE, sizeof (ArPlanInstalment));
  sqlite3_bind_int64 (stmt, 1, plan->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ArPlanInstalment row = { 0 };

      row.seq = sqlite3_column_int (stmt, 0);
      row.due = _ar_column_julian (stmt, 1);
      row.amount = sqlite3_column_int64 (stmt, 2);
      g_array_append_val (plan->instalments, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the plan’s schedule"), error);
  return TRUE;
}

typedef struct
{
  guint32 date;
  gint64  amount;
} Payment;

/* What payments dated from the plan date to @as_of allocated to the covered invoices (their
 * items, fees and interest included), summed per day in date order. The stored allocation is
 * read, through allocations_by_target and entries_by_invoice. */
static gboolean
load_payments (ArLedger *ledger, const ArPlan *plan, guint32 as_of, GArray *out, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT s.date, SUM (a.amount) FROM plan_invoices pi"
    " JOIN entries t ON t.invoice_id = pi.invoice_id"
    " JOIN allocations a ON a.target_id = t.id"
    " JOIN entries s ON s.id = a.source_id"
    " WHERE pi.plan_id = ?1 AND s.kind = 'payment' AND s.date >= ?2 AND s.date <= ?3"
    " GROUP BY s.date ORDER BY s.date", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan->id);
  _ar_bind_julian (stmt, 2, plan->plan_date);
  _ar_bind_julian (stmt, 3, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Payment p = { _ar_column_julian (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (out, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the plan’s payments"), error);
  return TRUE;
}

/* Paid in total by the end of @day. */
static gint64
paid_by (const GArray *payments, guint32 day)
{
  gint64 sum = 0;

  for (guint i = 0; i < payments->len; i++)
    {
      const Payment *p = &g_array_index (payments, Payment, i);

      if (p->date > day)
        break;
      sum += p->amount;
    }
  return sum;
}

/* The first day by whose end @amount had been paid, or 0. */
static guint32
day_reaching (const GArray *payments, gint64 amount)
{
  gint64 sum = 0;

  for (guint i = 0; i < payments->len; i++)
    {
      const Payment *p = &g_array_index (payments, Payment, i);

      sum += p->amount;
      if (sum >= amount)
        return p->date;
    }
  return 0;
}

/* Rows missed in a run as of @day: those past their grace whose cumulative amount the payments
 * by @day don't reach. Payments fill rows in order, so they form one run. */
static guint
missed_as_of (const ArPlan *plan, const GArray *payments, guint32 day)
{
  gint64 paid = paid_by (payments, day);
  gint64 required = 0;
  guint missed = 0;

  for (guint i = 0; i < plan->instalments->len; i++)
    {
      const ArPlanInstalment *row = &g_array_index (plan->instalments, ArPlanInstalment, i);

      required += row->amount;
      if (row->due + plan->grace_days >= day)
        break;
      if (paid < required)
        missed++;
    }
  return missed;
}

static void
track (ArPlan *plan, const GArray *payments, guint32 as_of)
{
  gint64 paid_total = paid_by (payments, as_of);
  gint64 required = 0;

  plan->as_of = as_of;
  plan->paid = MIN (paid_total, plan->total);
  plan->remaining = plan->total - plan->paid;
  plan->n_paid = plan->n_missed = 0;
  plan->in_arrears = 0;
  plan->next_due = 0;
  plan->next_amount = 0;

  for (guint i = 0; i < plan->instalments->len; i++)
    {
      ArPlanInstalment *row = &g_array_index (plan->instalments, ArPlanInstalment, i);
      gint64 before = required;

      required += row->amount;
      row->paid = CLAMP (paid_total - before, 0, row->amount);
      row->paid_on = row->paid == row->amount ? day_reaching (payments, required) : 0;
      if (row->paid == row->amount)
        row->state = AR_INSTALMENT_PAID;
      else if (as_of > row->due + plan->grace_days)
        row->state = AR_INSTALMENT_MISSED;
      else if (row->paid > 0)
        row->state = AR_INSTALMENT_PARTLY_PAID;
      else
        row->state = AR_INSTALMENT_PENDING;
      plan->n_paid += row->state == AR_INSTALMENT_PAID;
      plan->n_missed += row->state == AR_INSTALMENT_MISSED;
      if (row->state == AR_INSTALMENT_MISSED)
        plan->in_arrears += row->amount - row->paid;
      if (row->state != AR_INSTALMENT_PAID && plan->next_due == 0)
        {
          plan->next_due = row->due;
          plan->next_amount = row->amount - row->paid;
        }
    }

  /* Defaulted on the first day a run of default_after rows was missed: each row's first
   * missed day is the only day a run can grow. */
  plan->defaulted_on = 0;
  for (guint i = 0; i < plan->instalments->len && plan->defaulted_on == 0; i++)
    {
      guint32 day = g_array_index (plan->instalments, ArPlanInstalment, i).due +
                    plan->grace_days + 1;

      if (day <= as_of && missed_as_of (plan, payments, day) >= plan->default_after)
        plan->defaulted_on = day;
    }

  plan->completed_on = paid_total >= plan->total ? day_reaching (payments, plan->total) : 0;
  if (plan->total > G_MAXINT64 / 1000)
    plan->progress_permille = (guint) (plan->paid / (plan->total / 1000));
  else
    plan->progress_permille = (guint) (plan->paid * 1000 / plan->total);
  plan->progress_permille = MIN (plan->progress_permille, 1000);

  /* A recorded end counts from its day on; before it the plan ran. */
  if ((plan->state == AR_PLAN_STATE_CANCELLED || plan->state == AR_PLAN_STATE_RENEGOTIATED) &&
      plan->ended_on <= as_of)
    return;
  if (plan->completed_on != 0)
    plan->state = AR_PLAN_STATE_COMPLETED;
  else if (plan->defaulted_on != 0)
    plan->state = AR_PLAN_STATE_DEFAULTED;
  else
    plan->state = AR_PLAN_STATE_ACTIVE;
}

ArPlan *
ar_ledger_get_plan (ArLedger *ledger, gint64 plan_id, guint32 as_of, GError **error)
{
  g_autoptr(ArPlan) plan = g_new0 (ArPlan, 1);
  g_autoptr(GArray) payments = g_array_new (FALSE, FALSE, sizeof (Payment));

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  if (as_of == 0)
    as_of = today_julian ();
  if (!load_row (ledger, plan_id, plan, error) ||
      !load_invoices (ledger, plan, error) ||
      !load_schedule (ledger, plan, error) ||
      !load_payments (ledger, plan, as_of, payments, error))
    return NULL;
  track (plan, payments, as_of);
  return g_steal_pointer (&plan);
}

/* Every running plan at once ----------------------------------------------------------------- */

/* A statement read in step with others, all ordered by plan id. */
typedef struct
{
  sqlite3_stmt *stmt;
  int           rc;
} Cursor;

static gboolean
cursor_start (ArLedger *ledger, Cursor *cursor, const char *sql, guint32 as_of, GError **error)
{
  if ((cursor->stmt = _ar_ledger_prepare (ledger, sql, error)) == NULL)
    return FALSE;
  _ar_bind_julian (cursor->stmt, 1, as_of);
  cursor->rc = sqlite3_step (cursor->stmt);
  return TRUE;
}

/* TRUE while the cursor's current row belongs to plan @id. */
static gboolean
cursor_at (const Cursor *cursor, gint64 id)
{
  return cursor->rc == SQLITE_ROW && sqlite3_column_int64 (cursor->stmt, 0) == id;
}

static void
cursor_finish (Cursor *cursor)
{
  if (cursor->stmt != NULL)
    sqlite3_reset (cursor->stmt);
}

gboolean
_ar_ledger_foreach_running_plan (ArLedger *ledger, guint32 as_of, ArPlanFunc func,
                                 gpointer user_data, GError **error)
{
  Cursor plans = { 0 }, schedule = { 0 }, invoices = { 0 }, payments = { 0 };
  g_autoptr(GArray) paid = g_array_new (FALSE, FALSE, sizeof (Payment));
  gboolean ok = FALSE;

  /* Four statements over the running plans made by @as_of, each ordered by plan id and read
   * in step, so that one plan at a time is in memory and the whole costs four queries. */
  if (!cursor_start (ledger, &plans,
                     "SELECT " PLAN_COLUMNS "WHERE p.state IS NULL AND p.plan_date <= ?1"
                     " ORDER BY p.id", as_of, error) ||
      !cursor_start (ledger, &schedule,
                     "SELECT s.plan_id, s.seq, s.due_date, s.amount FROM plans p"
                     " JOIN plan_schedule s ON s.plan_id = p.id"
                     " WHERE p.state IS NULL AND p.plan_date <= ?1 ORDER BY s.plan_id, s.seq",
                     as_of, error) ||
      !cursor_start (ledger, &invoices,
                     "SELECT pi.plan_id, pi.invoice_id, i.number, pi.amount FROM plans p"
                     " JOIN plan_invoices pi ON pi.plan_id = p.id"
                     " JOIN invoices i ON i.id = pi.invoice_id"
                     " WHERE p.state IS NULL AND p.plan_date <= ?1 ORDER BY pi.plan_id, pi.id",
                     as_of, error) ||
      !cursor_start (ledger, &payments,
                     /* CROSS JOIN fixes the order: from the plans out, never a scan of
                      * the allocations (which the planner otherwise picks). */
                     "SELECT p.id, s.date, SUM (a.amount) FROM plans p"
                     " CROSS JOIN plan_invoices pi ON pi.plan_id = p.id"
                     " CROSS JOIN entries t ON t.invoice_id = pi.invoice_id"
                     " CROSS JOIN allocations a ON a.target_id = t.id"
                     " CROSS JOIN entries s ON s.id = a.source_id"
                     " WHERE p.state IS NULL AND p.plan_date <= ?1 AND s.kind = 'payment'"
                     " AND s.date >= p.plan_date AND s.date <= ?1"
                     " GROUP BY p.id, s.date ORDER BY p.id, s.date", as_of, error))
    goto out;

  for (; plans.rc == SQLITE_ROW; plans.rc = sqlite3_step (plans.stmt))
    {
      g_autoptr(ArPlan) plan = g_new0 (ArPlan, 1);

      plan_from_row (plan, plans.stmt);
      plan->invoices = g_array_new (FALSE, FALSE, sizeof (ArPlanInvoice));
      plan->instalments = g_array_new (FALSE, TRUE, sizeof (ArPlanInstalment));
      g_array_set_size (paid, 0);

      /* Rows of plans that are not in the plans cursor can't exist (same WHERE). */
      for (; cursor_at (&schedule, plan->id); schedule.rc = sqlite3_step (schedule.stmt))
        {
          ArPlanInstalment row = { 0 };

          row.seq = sqlite3_column_int (schedule.stmt, 1);
          row.due = _ar_column_julian (schedule.stmt, 2);
          row.amount = sqlite3_column_int64 (schedule.stmt, 3);
          g_array_append_val (plan->instalments, row);
        }
      for (; cursor_at (&invoices, plan->id); invoices.rc = sqlite3_step (invoices.stmt))
        {
          ArPlanInvoice inv = {
            sqlite3_column_int64 (invoices.stmt, 1),
            g_strdup ((const char *) sqlite3_column_text (invoices.stmt, 2)),
            sqlite3_column_int64 (invoices.stmt, 3),
          };

          g_array_append_val (plan->invoices, inv);
        }
      for (; cursor_at (&payments, plan->id); payments.rc = sqlite3_step (payments.stmt))
        {
          Payment p = {
            _ar_column_julian (payments.stmt, 1), sqlite3_column_int64 (payments.stmt, 2),
          };

          g_array_append_val (paid, p);
        }
      track (plan, paid, as_of);
      if (!func (plan, user_data))
        break;
    }
  if (plans.rc != SQLITE_ROW && plans.rc != SQLITE_DONE)
    {
      _ar_ledger_set_sql_error (ledger, _("Could not read the plans"), error);
      goto out;
    }
  ok = TRUE;

out:
  cursor_finish (&plans);
  cursor_finish (&schedule);
  cursor_finish (&invoices);
  cursor_finish (&payments);
  return ok;
}

GPtrArray *
ar_ledger_list_plans (ArLedger *ledger, gint64 debtor_id, guint32 as_of, GError **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func ((GDestroyNotify) ar_plan_free);
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  ids = _ar_plan_query_ids (ledger,
                   "SELECT id FROM plans WHERE debtor_id = ?1 ORDER BY plan_date DESC, id DESC",
                   debtor_id, 0, error);
  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      ArPlan *plan = ar_ledger_get_plan (ledger, g_array_index (ids, gint64, i), as_of, error);

      if (plan == NULL)
        return NULL;
      g_ptr_array_add (plans, plan);
    }
  return g_steal_pointer (&plans);
}

ArPlan *
ar_ledger_get_active_plan (ArLedger *ledger, gint64 debtor_id, guint32 as_of, GError **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  ids = _ar_plan_query_ids (ledger,
                   "SELECT id FROM plans WHERE debtor_id = ?1 AND state IS NULL"
                   " ORDER BY plan_date DESC, id DESC", debtor_id, 0, error);
  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ArPlan) plan = ar_ledger_get_plan (ledger, g_array_index (ids, gint64, i),
                                                   as_of, error);

      if (plan == NULL)
        return NULL;
      if (plan->state == AR_PLAN_STATE_ACTIVE && plan->plan_date <= plan->as_of)
        return g_steal_pointer (&plan);
    }
  return NULL;
}

gboolean
_ar_plan_running_invoices (ArLedger *ledger, gint64 debtor_id, gint64 except_plan_id,
                           guint32 as_of, GHashTable *out, GError **error)
{
  g_autoptr(GArray) ids = _ar_plan_query_ids (ledger,
    "SELECT id FROM plans WHERE debtor_id = ?1 AND state IS NULL", debtor_id, 0, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(ArPlan) plan = NULL;

      if (id == except_plan_id)
        continue;
      if ((plan = ar_ledger_get_plan (ledger, id, as_of, error)) == NULL)
        return FALSE;
      if (plan->state == AR_PLAN_STATE_COMPLETED)
        continue;
      for (guint j = 0; j < plan->invoices->len; j++)
        g_hash_table_insert (out,
                             g_memdup2 (&g_array_index (plan->invoices, ArPlanInvoice,
                                                        j).invoice_id, sizeof (gint64)),
                             g_memdup2 (&id, sizeof id));
    }
  return TRUE;
}

/* Work queue -------------------------------------------------------------------------------- */

gboolean
ar_ledger_foreach_plan_due (ArLedger *ledger, guint32 date, ArPlanFunc func, gpointer user_data,
                            GError **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  ids = _ar_plan_query_ids (ledger,
                   "SELECT DISTINCT s.plan_id FROM plan_schedule s JOIN plans p ON p.id = s.plan_id"
                   " WHERE s.due_date = ?2 AND p.state IS NULL ORDER BY s.plan_id",
                   0, date, error);
  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ArPlan) plan = ar_ledger_get_plan (ledger, g_array_index (ids, gint64, i), date,
                                                   error);
      gboolean due = FALSE;

      if (plan == NULL)
        return FALSE;
      if (plan->state != AR_PLAN_STATE_ACTIVE)
        continue;
      for (guint j = 0; j < plan->instalments->len; j++)
        {
          const ArPlanInstalment *row = &g_array_index (plan->instalments, ArPlanInstalment, j);

          due |= row->due == date && row->state != AR_INSTALMENT_PAID;
        }
      if (due && !func (plan, user_data))
        break;
    }
  return TRUE;
}

typedef struct
{
  ArPlanFunc func;
  gpointer   user_data;
} MissedFilter;

static gboolean
only_missed (const ArPlan *plan, gpointer user_data)
{
  MissedFilter *filter = user_data;

  if ((plan->state == AR_PLAN_STATE_ACTIVE && plan->n_missed > 0) ||
      plan->state == AR_PLAN_STATE_DEFAULTED)
    return filter->func (plan, filter->user_data);
  return TRUE;
}

gboolean
ar_ledger_foreach_plan_missed (ArLedger *ledger, guint32 as_of, ArPlanFunc func,
                               gpointer user_data, GError **error)
{
  MissedFilter filter = { func, user_data };

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (as_of == 0)
    as_of = today_julian ();
  return _ar_ledger_foreach_running_plan (ledger, as_of, only_missed, &filter, error);
}

