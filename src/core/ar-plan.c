/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-plan"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-activity.h"
#include "ar-date.h"
#include "ar-ledger-private.h"
#include "ar-plan-private.h"

/* Payment plans in the ledger (see ar-plan.h for what is recorded and what is derived): the
 * names of states, the settings, and the writes. Tracking is in ar-plan-track.c. */

static const char * const state_names[AR_N_PLAN_STATES] = {
  "active", "completed", "defaulted", "cancelled", "renegotiated",
};
static const char * const state_labels[AR_N_PLAN_STATES] = {
  N_("Active"), N_("Completed"), N_("Defaulted"), N_("Cancelled"), N_("Renegotiated"),
};
static const char * const instalment_names[AR_N_INSTALMENT_STATES] = {
  "pending", "partly_paid", "paid", "missed",
};
static const char * const instalment_labels[AR_N_INSTALMENT_STATES] = {
  N_("Pending"), N_("Partly paid"), N_("Paid"), N_("Missed"),
};

#define DEFAULT_GRACE_DAYS    5
#define DEFAULT_DEFAULT_AFTER 2

const char *
ar_plan_state_to_string (ArPlanState state)
{
  g_return_val_if_fail ((guint) state < AR_N_PLAN_STATES, NULL);
  return state_names[state];
}

const char *
ar_plan_state_to_label (ArPlanState state)
{
  g_return_val_if_fail ((guint) state < AR_N_PLAN_STATES, NULL);
  return _(state_labels[state]);
}

const char *
ar_instalment_state_to_string (ArInstalmentState state)
{
  g_return_val_if_fail ((guint) state < AR_N_INSTALMENT_STATES, NULL);
  return instalment_names[state];
}

const char *
ar_instalment_state_to_label (ArInstalmentState state)
{
  g_return_val_if_fail ((guint) state < AR_N_INSTALMENT_STATES, NULL);
  return _(instalment_labels[state]);
}

/* Settings ---------------------------------------------------------------------------------- */

/* A whole-number setting in [@min, @max], or @fallback. */
static guint
setting_uint (ArLedger *ledger, const char *key, guint min, guint max, guint fallback)
{
  g_autofree char *text = ar_ledger_get_setting (ledger, key);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return fallback;
  return (guint) value;
}

void
ar_ledger_get_plan_limits (ArLedger *ledger, const char *currency, ArPlanLimits *out)
{
  g_autofree char *text = NULL;
  int exponent;
  ArMoney min;

  g_return_if_fail (AR_IS_LEDGER (ledger));
  g_return_if_fail (out != NULL);

  exponent = currency != NULL ? ar_currency_exponent (currency) : -1;
  out->min_instalment = AR_PLAN_DEFAULT_MIN_INSTALMENT_UNITS;
  for (int i = 0; i < exponent; i++)
    out->min_instalment *= 10;
  text = ar_ledger_get_setting (ledger, "plans.min-instalment");
  if (text != NULL && exponent >= 0 && ar_money_parse (text, currency, &min, NULL) &&
      min.minor >= 0)
    out->min_instalment = min.minor;
  out->max_term_months = setting_uint (ledger, "plans.max-term-months", 0, 1200,
                                       AR_PLAN_DEFAULT_MAX_TERM_MONTHS);
}

guint
ar_ledger_get_plan_grace_days (ArLedger *ledger)
{
  g_return_val_if_fail (AR_IS_LEDGER (ledger), DEFAULT_GRACE_DAYS);
  return setting_uint (ledger, "plans.grace-days", 0, 365, DEFAULT_GRACE_DAYS);
}

guint
ar_ledger_get_plan_default_after (ArLedger *ledger)
{
  g_return_val_if_fail (AR_IS_LEDGER (ledger), DEFAULT_DEFAULT_AFTER);
  return setting_uint (ledger, "plans.default-after", 1, 100, DEFAULT_DEFAULT_AFTER);
}

static guint32
today_julian (void)
{
  GDate today;

  ar_date_set_today (&today);
  return ar_date_to_julian (&today);
}

/* Writes ---------------------------------------------------------------------------------- */

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
set_debtor_status (ArLedger *ledger, gint64 debtor_id, const char *from, const char *to,
                   GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "UPDATE debtors SET status = ?3 WHERE id = ?1 AND (?2 IS NULL OR status = ?2)"
    " AND status <> ?3", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  _ar_bind_text (stmt, 2, from);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_STATIC);
  return _ar_ledger_step_done (ledger, stmt, _("Could not update the debtor’s status"), error);
}

/* Reverses the open fee and interest charges of the covered invoices (the waiver). */
static gboolean
waive_fees (ArLedger *ledger, const GArray *covered, guint32 date, GError **error)
{
  for (guint i = 0; i < covered->len; i++)
    {
      const ArPlanDraftCovered *c = &g_array_index (covered, ArPlanDraftCovered, i);
      g_autoptr(GArray) ids = NULL;

      if (c->fees == 0)
        continue;
      ids = _ar_plan_query_ids (ledger,
                       "SELECT e.id FROM entries e JOIN open_items o ON o.entry_id = e.id"
                       " WHERE e.invoice_id = ?1 AND (e.kind = 'fee' OR e.kind = 'interest')"
                       " ORDER BY e.id", c->invoice_id, 0, error);
      if (ids == NULL)
        return FALSE;
      for (guint j = 0; j < ids->len; j++)
        if (!ar_ledger_reverse (ledger, g_array_index (ids, gint64, j), date,
                                _("Waived under a payment plan"), NULL, error))
          return FALSE;
    }
  return TRUE;
}

/* The covered invoices must still have open what the draft saw (less the waived fees). */
static gboolean
check_still_open (ArLedger *ledger, ArPlanDraft *draft, const GArray *covered, GError **error)
{
  gboolean waived = ar_plan_draft_get_waive_fees (draft);

  if (!_ar_ledger_flush_debtor (ledger, ar_plan_draft_get_debtor_id (draft), error))
    return FALSE;
  for (guint i = 0; i < covered->len; i++)
    {
      const ArPlanDraftCovered *c = &g_array_index (covered, ArPlanDraftCovered, i);
      gint64 expected = c->open - (waived ? c->fees : 0);
      gint64 open = 0;

      if (!ar_ledger_get_invoice_open (ledger, c->invoice_id, &open, error))
        return FALSE;
      if (open != expected)
        {
          g_autofree char *was = ar_money_format (expected, ar_plan_draft_get_currency (draft));
          g_autofree char *now = ar_money_format (open, ar_plan_draft_get_currency (draft));

          g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS,
                       _("invoices: what is open on “%s” changed since the plan was drafted "
                         "(%s then, %s now); review the plan again"), c->number, was, now);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_not_in_other_plan (ArLedger *ledger, ArPlanDraft *draft, const GArray *covered,
                         GError **error)
{
  g_autoptr(GHashTable) in_plans = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                           g_free, g_free);

  if (!_ar_plan_running_invoices (ledger, ar_plan_draft_get_debtor_id (draft),
                                  ar_plan_draft_get_replaces_id (draft),
                                  ar_plan_draft_get_today (draft), in_plans, error))
    return FALSE;
  for (guint i = 0; i < covered->len; i++)
    {
      const ArPlanDraftCovered *c = &g_array_index (covered, ArPlanDraftCovered, i);
      gint64 *plan = g_hash_table_lookup (in_plans, &c->invoice_id);

      if (plan != NULL)
        {
          g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS,
                       _("invoices: “%s” is already in plan %" G_GINT64_FORMAT "; renegotiate "
                         "that plan instead"), c->number, *plan);
          return FALSE;
        }
    }
  return TRUE;
}

static gint64
log_activity (ArLedger *ledger, ArPlanDraft *draft, const ArPlanSchedule *schedule,
              GError **error)
{
  const char *currency = ar_plan_draft_get_currency (draft);
  const ArPlanScheduleRow *first = &g_array_index (schedule->rows, ArPlanScheduleRow, 0);
  const ArPlanScheduleRow *one = &g_array_index (schedule->rows, ArPlanScheduleRow,
                                                 schedule->rows->len - schedule->n_instalments);
  g_autofree char *total = ar_money_format (schedule->total, currency);
  g_autofree char *each = ar_money_format (one->amount, currency);
  g_autofree char *summary = NULL;
  ArPlanTerms terms;
  ArActivityInfo info = { 0 };
  char day[11];
  const char *name = NULL;
  gint64 id = 0;

  ar_plan_draft_get_terms (draft, &terms);
  summary = g_strdup_printf (ngettext ("Payment plan agreed: %s in %u instalment of %s (%s), "
                                       "the first due %s.",
                                       "Payment plan agreed: %s in %u instalments of %s (%s), "
                                       "the first due %s.", schedule->n_instalments),
                             total, schedule->n_instalments, each,
                             ar_plan_frequency_to_label (terms.frequency),
                             ar_date_format_julian (one->due, day));
  if (!is_blank (ar_plan_draft_get_note (draft)))
    {
      char *with_note = g_strdup_printf ("%s\n%s", summary, ar_plan_draft_get_note (draft));

      g_free (summary);
      summary = with_note;
    }
  info.debtor_id = ar_plan_draft_get_debtor_id (draft);
  info.kind = ar_plan_draft_get_channel (draft);
  info.direction = AR_DIRECTION_NONE;
  info.outcome = "payment_plan";
  info.summary = summary;
  info.next_action_date = first->due;
  info.document = ar_plan_draft_get_agreement (draft, &name);
  info.document_name = name;
  if (!ar_ledger_add_activity (ledger, &info, &id, error))
    return 0;
  return id;
}

/* Inserts the plan, its invoices and schedule, posts its cost; inside the caller's
 * transaction. */
static gint64
insert_plan (ArLedger *ledger, ArPlanDraft *draft, GError **error)
{
  g_autoptr(GArray) covered = _ar_plan_draft_get_covered (draft);
  const char *currency = ar_plan_draft_get_currency (draft);
  gint64 debtor_id = ar_plan_draft_get_debtor_id (draft);
  guint32 today = ar_plan_draft_get_today (draft);
  const ArPlanSchedule *schedule;
  ArPlanTerms terms;
  sqlite3_stmt *stmt;
  gint64 activity_id;
  gint64 plan_id;

  if (!ar_plan_draft_validate (draft, error) ||
      !check_not_in_other_plan (ledger, draft, covered, error))
    return 0;
  if (ar_plan_draft_get_waive_fees (draft) && !waive_fees (ledger, covered, today, error))
    return 0;
  if (!check_still_open (ledger, draft, covered, error))
    return 0;
  schedule = ar_plan_draft_get_schedule (draft, error);
  ar_plan_draft_get_terms (draft, &terms);
  if ((activity_id = log_activity (ledger, draft, schedule, error)) == 0)
    return 0;

  stmt = _ar_ledger_prepare (ledger,
    "INSERT INTO plans (debtor_id, currency, plan_date, frequency, first_due, n_instalments,"
    " instalment_amount, principal, down_payment, apr_bp, interest, setup_fee, total,"
    " fees_waived, grace_days, default_after, note, activity_id, replaces_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  sqlite3_bind_text (stmt, 2, currency, -1, SQLITE_TRANSIENT);
  _ar_bind_julian (stmt, 3, today);
  sqlite3_bind_text (stmt, 4, ar_plan_frequency_to_string (terms.frequency), -1, SQLITE_STATIC);
  _ar_bind_julian (stmt, 5, terms.first_due);
  sqlite3_bind_int (stmt, 6, (int) schedule->n_instalments);
  if (terms.instalment_amount > 0)
    sqlite3_bind_int64 (stmt, 7, terms.instalment_amount);
  sqlite3_bind_int64 (stmt, 8, schedule->principal);
  sqlite3_bind_int64 (stmt, 9, schedule->down_payment);
  sqlite3_bind_int64 (stmt, 10, terms.apr_bp);
  sqlite3_bind_int64 (stmt, 11, schedule->interest);
  sqlite3_bind_int64 (stmt, 12, schedule->setup_fee);
  sqlite3_bind_int64 (stmt, 13, schedule->total);
  sqlite3_bind_int (stmt, 14, ar_plan_draft_get_waive_fees (draft));
  sqlite3_bind_int (stmt, 15, (int) ar_plan_draft_get_grace_days (draft));
  sqlite3_bind_int (stmt, 16, (int) ar_plan_draft_get_default_after (draft));
  _ar_bind_text0 (stmt, 17, ar_plan_draft_get_note (draft));
  sqlite3_bind_int64 (stmt, 18, activity_id);
  if (ar_plan_draft_get_replaces_id (draft) != 0)
    sqlite3_bind_int64 (stmt, 19, ar_plan_draft_get_replaces_id (draft));
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not save the plan"), error))
    return 0;
  plan_id = sqlite3_last_insert_rowid (_ar_ledger_get_db (ledger));

  for (guint i = 0; i < covered->len; i++)
    {
      const ArPlanDraftCovered *c = &g_array_index (covered, ArPlanDraftCovered, i);

      stmt = _ar_ledger_prepare (ledger,
        "INSERT INTO plan_invoices (plan_id, invoice_id, amount) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sqlite3_bind_int64 (stmt, 2, c->invoice_id);
      sqlite3_bind_int64 (stmt, 3, c->open - (ar_plan_draft_get_waive_fees (draft) ? c->fees : 0));
      if (!_ar_ledger_step_done (ledger, stmt, _("Could not save the plan’s invoices"), error))
        return 0;
    }
  for (guint i = 0; i < schedule->rows->len; i++)
    {
      const ArPlanScheduleRow *row = &g_array_index (schedule->rows, ArPlanScheduleRow, i);

      stmt = _ar_ledger_prepare (ledger,
        "INSERT INTO plan_schedule (plan_id, seq, due_date, amount) VALUES (?1, ?2, ?3, ?4)",
        error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, plan_id);
      sqlite3_bind_int (stmt, 2, (int) row->seq);
      _ar_bind_julian (stmt, 3, row->due);
      sqlite3_bind_int64 (stmt, 4, row->amount);
      if (!_ar_ledger_step_done (ledger, stmt, _("Could not save the plan’s schedule"), error))
        return 0;
    }

  /* The plan's cost is owed like the debt: a fee or interest charge on the first covered
   * invoice, so that the balances and the plan's payments include it. */
  if (schedule->cost > 0)
    {
      g_autofree char *reference = g_strdup_printf ("plan %" G_GINT64_FORMAT, plan_id);
      ArPosting posting = { 0 };

      posting.debtor_id = debtor_id;
      posting.kind = schedule->interest > 0 ? AR_ENTRY_INTEREST : AR_ENTRY_FEE;
      posting.date = today;
      posting.amount = schedule->cost;
      posting.currency = currency;
      posting.invoice_id = g_array_index (covered, ArPlanDraftCovered, 0).invoice_id;
      posting.reference = reference;
      posting.memo = schedule->interest > 0 ? _("Interest under a payment plan")
                                            : _("Set-up fee of a payment plan");
      if (!ar_ledger_post (ledger, &posting, NULL, error))
        return 0;
    }

  if (!set_debtor_status (ledger, debtor_id, NULL, "plan", error))
    return 0;
  return plan_id;
}

gint64
ar_ledger_save_plan (ArLedger *ledger, ArPlanDraft *draft, GError **error)
{
  gint64 plan_id;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), 0);
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (draft), 0);

  if (ar_plan_draft_get_replaces_id (draft) != 0)
    return ar_ledger_renegotiate_plan (ledger, ar_plan_draft_get_replaces_id (draft), draft,
                                       NULL, error);
  if (!ar_ledger_begin (ledger, "create-plan", error))
    return 0;
  if ((plan_id = insert_plan (ledger, draft, error)) == 0 || !ar_ledger_commit (ledger, error))
    {
      if (plan_id == 0)
        ar_ledger_rollback (ledger);
      return 0;
    }
  return plan_id;
}

gboolean
ar_ledger_post_plan_payment (ArLedger *ledger, gint64 plan_id, gint64 amount, guint32 date,
                             const char *reference, gint64 *out_entry_id, GError **error)
{
  g_autoptr(ArPlan) plan = NULL;
  g_autofree char *memo = NULL;
  ArPosting posting = { 0 };

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);

  if (date == 0)
    date = today_julian ();
  if ((plan = ar_ledger_get_plan (ledger, plan_id, date, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < plan->invoices->len && posting.invoice_id == 0; i++)
    {
      gint64 invoice_id = g_array_index (plan->invoices, ArPlanInvoice, i).invoice_id;
      gint64 open = 0;

      if (!ar_ledger_get_invoice_open (ledger, invoice_id, &open, error))
        return FALSE;
      if (open > 0)
        posting.invoice_id = invoice_id;
    }
  if (posting.invoice_id == 0)
    {
      g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_STATE,
                   _("plan %" G_GINT64_FORMAT ": its invoices are paid; record the payment "
                     "on the debtor’s account instead"), plan_id);
      return FALSE;
    }
  memo = g_strdup_printf (_("Instalment of payment plan %" G_GINT64_FORMAT), plan_id);
  posting.debtor_id = plan->debtor_id;
  posting.kind = AR_ENTRY_PAYMENT;
  posting.date = date;
  posting.amount = amount;
  posting.currency = plan->currency;
  posting.reference = reference;
  posting.memo = memo;
  return ar_ledger_post (ledger, &posting, out_entry_id, error);
}

/* Records how plan @plan_id ended; inside the caller's transaction. */
static gboolean
end_plan (ArLedger *ledger, gint64 plan_id, const char *state, guint32 date, const char *reason,
          GError **error)
{
  g_autoptr(ArPlan) plan = ar_ledger_get_plan (ledger, plan_id, date, error);
  g_autoptr(ArPlan) still = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  if (plan == NULL)
    return FALSE;
  if (plan->ended_on != 0)
    {
      g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_STATE,
                   _("plan %" G_GINT64_FORMAT " was %s already"), plan_id,
                   ar_plan_state_to_label (plan->state == AR_PLAN_STATE_CANCELLED
                                           ? AR_PLAN_STATE_CANCELLED
                                           : AR_PLAN_STATE_RENEGOTIATED));
      return FALSE;
    }
  if (date < plan->plan_date)
    {
      char a[11], b[11];

      g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_STATE,
                   _("date: %s is before the plan was made (%s)"),
                   ar_date_format_julian (date, a), ar_date_format_julian (plan->plan_date, b));
      return FALSE;
    }
  stmt = _ar_ledger_prepare (ledger,
    "UPDATE plans SET state = ?2, ended_on = ?3, cancel_reason = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_text (stmt, 2, state, -1, SQLITE_STATIC);
  _ar_bind_julian (stmt, 3, date);
  _ar_bind_text0 (stmt, 4, reason);
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not update the plan"), error))
    return FALSE;

  /* Back to active unless another plan of the debtor still runs. */
  still = ar_ledger_get_active_plan (ledger, plan->debtor_id, date, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (still == NULL)
    return set_debtor_status (ledger, plan->debtor_id, "plan", "active", error);
  return TRUE;
}

gboolean
ar_ledger_cancel_plan (ArLedger *ledger, gint64 plan_id, guint32 date, const char *reason,
                       GError **error)
{
  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);

  if (is_blank (reason))
    {
      g_set_error_literal (error, AR_PLAN_ERROR, AR_PLAN_ERROR_STATE,
                           _("reason: say why the plan is cancelled"));
      return FALSE;
    }
  if (date == 0)
    date = today_julian ();
  if (!ar_ledger_begin (ledger, "cancel-plan", error))
    return FALSE;
  if (!end_plan (ledger, plan_id, "cancelled", date, reason, error))
    {
      ar_ledger_rollback (ledger);
      return FALSE;
    }
  return ar_ledger_commit (ledger, error);
}

gint64
ar_ledger_renegotiate_plan (ArLedger *ledger, gint64 plan_id, ArPlanDraft *draft,
                            const char *reason, GError **error)
{
  gint64 new_id;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), 0);
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (draft), 0);

  if (ar_plan_draft_get_replaces_id (draft) != plan_id)
    {
      g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_STATE,
                   _("plan: the draft was not made to renegotiate plan %" G_GINT64_FORMAT),
                   plan_id);
      return 0;
    }
  if (!ar_ledger_begin (ledger, "renegotiate-plan", error))
    return 0;
  if (!end_plan (ledger, plan_id, "renegotiated", ar_plan_draft_get_today (draft),
                 is_blank (reason) ? _("Renegotiated") : reason, error) ||
      (new_id = insert_plan (ledger, draft, error)) == 0)
    {
      ar_ledger_rollback (ledger);
      return 0;
    }
  if (!ar_ledger_commit (ledger, error))
    return 0;
  return new_id;
}
