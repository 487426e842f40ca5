/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-plan-draft"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-date.h"
#include "ar-debtor-ledger.h"
#include "ar-ledger-private.h"
#include "ar-plan-private.h"

struct _ArPlanDraft
{
  GObject          parent_instance;

  ArLedger        *ledger;
  gint64           debtor_id;
  char             currency[4];
  guint32          today;
  gint64           replaces_id;

  GArray          *items;        /* ArPlanItem; strings in @strings */
  GStringChunk    *strings;
  gboolean         waive_fees;

  ArPlanTerms      terms;        /* principal is filled in when the schedule is computed */
  ArPlanLimits     limits;
  guint            grace_days;
  guint            default_after;

  ArPlanSchedule  *schedule;     /* cache of the current terms' schedule, or NULL */
  GError          *schedule_error;
  gboolean         schedule_valid;

  GBytes          *agreement;
  char            *agreement_name;
  ArActivityKind   channel;
  char            *note;
};

G_DEFINE_FINAL_TYPE (ArPlanDraft, ar_plan_draft, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

enum
{
  PROP_0,
  PROP_COVERED_TOTAL,
  PROP_N_INCLUDED,
  PROP_VALID,
  N_PROPS
};

static guint signals[N_SIGNALS];
static GParamSpec *properties[N_PROPS];

static void
ar_plan_draft_finalize (GObject *object)
{
  ArPlanDraft *self = AR_PLAN_DRAFT (object);

  g_clear_object (&self->ledger);
  g_array_unref (self->items);
  g_string_chunk_free (self->strings);
  g_clear_pointer (&self->schedule, ar_plan_schedule_free);
  g_clear_error (&self->schedule_error);
  g_clear_pointer (&self->agreement, g_bytes_unref);
  g_free (self->agreement_name);
  g_free (self->note);

  G_OBJECT_CLASS (ar_plan_draft_parent_class)->finalize (object);
}

static void
ar_plan_draft_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ArPlanDraft *self = AR_PLAN_DRAFT (object);

  switch (prop_id)
    {
    case PROP_COVERED_TOTAL:
      g_value_set_int64 (value, ar_plan_draft_get_covered_total (self));
      break;
    case PROP_N_INCLUDED:
      g_value_set_uint (value, ar_plan_draft_get_n_included (self));
      break;
    case PROP_VALID:
      g_value_set_boolean (value, ar_plan_draft_validate (self, NULL));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_plan_draft_class_init (ArPlanDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ar_plan_draft_finalize;
  object_class->get_property = ar_plan_draft_get_property;

  /* Read-only views for bindings (a step's "complete", a total label's text); they are
   * notified together with ::changed. */
  properties[PROP_COVERED_TOTAL] =
    g_param_spec_int64 ("covered-total", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_INCLUDED] =
    g_param_spec_uint ("n-included", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ArPlanDraft::changed:
   *
   * Something in the draft changed: the included items, the terms or the agreement. The
   * running total and the schedule may be different now.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ar_plan_draft_init (ArPlanDraft *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (ArPlanItem));
  self->strings = g_string_chunk_new (256);
  self->channel = AR_ACTIVITY_CALL;
  self->note = g_strdup ("");
}

/* Drops the cached schedule and tells the wizard. */
static void
changed (ArPlanDraft *self)
{
  self->schedule_valid = FALSE;
  g_clear_pointer (&self->schedule, ar_plan_schedule_free);
  g_clear_error (&self->schedule_error);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COVERED_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INCLUDED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
debtor_exists (ArLedger *ledger, gint64 debtor_id, GError **error)
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

/* The debtor's only currency with something open, else the company's default. */
static char *
default_currency (ArLedger *ledger, gint64 debtor_id, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT currency FROM balances WHERE debtor_id = ?1 AND open > 0 ORDER BY currency", error);
  g_autofree char *only = NULL;
  g_autoptr(GHashTable) company = NULL;
  guint n = 0;
  const char *code;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (n++ == 0)
        only = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (n == 1)
    return g_steal_pointer (&only);
  company = ar_ledger_get_company (ledger, error);
  if (company == NULL)
    return NULL;
  code = g_hash_table_lookup (company, "default_currency");
  return g_strdup (code != NULL && ar_currency_is_valid (code) ? code : "USD");
}

/* Loads the debtor's open invoices in the draft's currency, leaving out those in another
 * running plan. */
static gboolean
load_items (ArPlanDraft *self, GError **error)
{
  g_autoptr(GHashTable) in_plans = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                           g_free, g_free);
  sqlite3_stmt *stmt;
  gint64 other_plan = 0;
  int rc;

  if (!_ar_plan_running_invoices (self->ledger, self->debtor_id, self->replaces_id, self->today,
                                  in_plans, error))
    return FALSE;

  stmt = _ar_ledger_prepare (self->ledger,
    "SELECT i.id, i.number, i.issue_date, i.due_date, i.description, SUM (o.open),"
    "       SUM (CASE WHEN e.kind <> 'invoice' THEN o.open ELSE 0 END)"
    " FROM open_items o JOIN invoices i ON i.id = o.invoice_id JOIN entries e ON e.id = o.entry_id"
    " WHERE o.debtor_id = ?1 AND o.currency = ?2 AND o.invoice_id IS NOT NULL"
    " GROUP BY i.id ORDER BY i.due_date, i.number", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->debtor_id);
  sqlite3_bind_text (stmt, 2, self->currency, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ArPlanItem item = { 0 };
      gint64 *plan;

      item.invoice_id = sqlite3_column_int64 (stmt, 0);
      if ((plan = g_hash_table_lookup (in_plans, &item.invoice_id)) != NULL)
        {
          other_plan = *plan;
          continue;
        }
      item.number = g_string_chunk_insert_const (self->strings,
                                                 (const char *) sqlite3_column_text (stmt, 1));
      item.issue_date = _ar_column_julian (stmt, 2);
      item.due_date = _ar_column_julian (stmt, 3);
      item.description = g_string_chunk_insert_const (self->strings,
                                                      (const char *) sqlite3_column_text (stmt, 4));
      item.open = sqlite3_column_int64 (stmt, 5);
      item.fees = sqlite3_column_int64 (stmt, 6);
      item.included = TRUE;
      g_array_append_val (self->items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (self->ledger, _("Could not read the open invoices"), error);

  if (self->items->len == 0)
    {
      if (other_plan != 0)
        g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS,
                     _("invoices: everything open in %s is already in plan %" G_GINT64_FORMAT
                       "; renegotiate that plan instead"), self->currency, other_plan);
      else
        g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS,
                     _("invoices: the debtor has no open invoices in %s"), self->currency);
      return FALSE;
    }
  return TRUE;
}

static ArPlanDraft *
draft_new (ArLedger *ledger, gint64 debtor_id, const char *currency, guint32 today,
           gint64 replaces_id, GError **error)
{
  g_autoptr(ArPlanDraft) self = NULL;
  g_autofree char *code = NULL;
  GDate first;
  GDate date;

  if (!debtor_exists (ledger, debtor_id, error))
    return NULL;
  if (currency == NULL)
    {
      if ((code = default_currency (ledger, debtor_id, error)) == NULL)
        return NULL;
      currency = code;
    }
  else if (!ar_currency_is_valid (currency))
    {
      g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS,
                   _("currency: “%s” is not an ISO 4217 currency code"), currency);
      return NULL;
    }

  self = g_object_new (AR_TYPE_PLAN_DRAFT, NULL);
  self->ledger = g_object_ref (ledger);
  self->debtor_id = debtor_id;
  g_strlcpy (self->currency, currency, sizeof self->currency);
  if (today == 0)
    {
      ar_date_set_today (&date);
      today = ar_date_to_julian (&date);
    }
  self->today = today;
  self->replaces_id = replaces_id;
  ar_ledger_get_plan_limits (ledger, self->currency, &self->limits);
  self->grace_days = ar_ledger_get_plan_grace_days (ledger);
  self->default_after = ar_ledger_get_plan_default_after (ledger);

  self->terms.plan_date = today;
  self->terms.n_instalments = 3;
  self->terms.frequency = AR_PLAN_MONTHLY;
  ar_date_from_julian (today, &date);
  ar_date_add_months_clamped (&date, 1, &first);
  self->terms.first_due = ar_date_to_julian (&first);

  if (!load_items (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

ArPlanDraft *
ar_plan_draft_new (ArLedger *ledger, gint64 debtor_id, const char *currency, guint32 today,
                   GError **error)
{
  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  return draft_new (ledger, debtor_id, currency, today, 0, error);
}

ArPlanDraft *
ar_plan_draft_new_renegotiation (ArLedger *ledger, gint64 plan_id, guint32 today,
                                 GError **error)
{
  g_autoptr(ArPlan) old = NULL;
  ArPlanDraft *self;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  if ((old = ar_ledger_get_plan (ledger, plan_id, today, error)) == NULL)
    return NULL;
  if (old->state == AR_PLAN_STATE_CANCELLED || old->state == AR_PLAN_STATE_RENEGOTIATED)
    {
      g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_STATE,
                   _("plan %" G_GINT64_FORMAT " is %s already and can’t be renegotiated"),
                   plan_id, ar_plan_state_to_label (old->state));
      return NULL;
    }
  self = draft_new (ledger, old->debtor_id, old->currency, today, plan_id, error);
  if (self == NULL)
    return NULL;

  /* The old plan's invoices are included, the debtor's other open ones offered. */
  for (guint i = 0; i < self->items->len; i++)
    {
      ArPlanItem *item = &g_array_index (self->items, ArPlanItem, i);

      item->included = FALSE;
      for (guint j = 0; j < old->invoices->len; j++)
        if (g_array_index (old->invoices, ArPlanInvoice, j).invoice_id == item->invoice_id)
          item->included = TRUE;
    }
  self->terms.frequency = old->frequency;
  self->terms.apr_bp = old->apr_bp;
  if (ar_plan_draft_get_n_included (self) == 0)
    ar_plan_draft_set_all_included (self, TRUE);
  return self;
}

gint64
ar_plan_draft_get_debtor_id (ArPlanDraft *self)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), 0);
  return self->debtor_id;
}

const char *
ar_plan_draft_get_currency (ArPlanDraft *self)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), NULL);
  return self->currency;
}

guint32
ar_plan_draft_get_today (ArPlanDraft *self)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), 0);
  return self->today;
}

gint64
ar_plan_draft_get_replaces_id (ArPlanDraft *self)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), 0);
  return self->replaces_id;
}

/* Items ------------------------------------------------------------------------------------- */

guint
ar_plan_draft_get_n_items (ArPlanDraft *self)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), 0);
  return self->items->len;
}

const ArPlanItem *
ar_plan_draft_get_item (ArPlanDraft *self, guint index)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return &g_array_index (self->items, ArPlanItem, index);
}

void
ar_plan_draft_set_item_included (ArPlanDraft *self, guint index, gboolean included)
{
  ArPlanItem *item;

  g_return_if_fail (AR_IS_PLAN_DRAFT (self));
  g_return_if_fail (index < self->items->len);

  item = &g_array_index (self->items, ArPlanItem, index);
  if (item->included == !!included)
    return;
  item->included = !!included;
  changed (self);
}

void
ar_plan_draft_set_all_included (ArPlanDraft *self, gboolean included)
{
  gboolean any = FALSE;

  g_return_if_fail (AR_IS_PLAN_DRAFT (self));

  for (guint i = 0; i < self->items->len; i++)
    {
      ArPlanItem *item = &g_array_index (self->items, ArPlanItem, i);

      any |= item->included != !!included;
      item->included = !!included;
    }
  if (any)
    changed (self);
}

gboolean
ar_plan_draft_include_only (ArPlanDraft *self, const char * const *numbers, GError **error)
{
  g_autofree gboolean *include = NULL;

  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), FALSE);
  g_return_val_if_fail (numbers != NULL, FALSE);

  include = g_new0 (gboolean, self->items->len + 1);
  for (guint n = 0; numbers[n] != NULL; n++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < self->items->len; i++)
        if (strcmp (g_array_index (self->items, ArPlanItem, i).number, numbers[n]) == 0)
          {
            include[i] = TRUE;
            found = TRUE;
          }
      if (!found)
        {
          g_set_error (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS,
                       _("invoices: “%s” is not an open invoice of this debtor in %s (or it is "
                         "in another plan)"), numbers[n], self->currency);
          return FALSE;
        }
    }
  for (guint i = 0; i < self->items->len; i++)
    g_array_index (self->items, ArPlanItem, i).included = include[i];
  changed (self);
  return TRUE;
}

void
ar_plan_draft_set_waive_fees (ArPlanDraft *self, gboolean waive)
{
  g_return_if_fail (AR_IS_PLAN_DRAFT (self));

  if (self->waive_fees == !!waive)
    return;
  self->waive_fees = !!waive;
  changed (self);
}

gboolean
ar_plan_draft_get_waive_fees (ArPlanDraft *self)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), FALSE);
  return self->waive_fees;
}

guint
ar_plan_draft_get_n_included (ArPlanDraft *self)
{
  guint n = 0;

  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    n += g_array_index (self->items, ArPlanItem, i).included;
  return n;
}

gint64
ar_plan_draft_get_covered_total (ArPlanDraft *self)
{
  gint64 total = 0;

  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), 0);

  /* The ledger refuses postings whose totals would not fit in gint64, so this sum fits. */
  for (guint i = 0; i < self->items->len; i++)
    {
      const ArPlanItem *item = &g_array_index (self->items, ArPlanItem, i);

      if (item->included)
        total += item->open - (self->waive_fees ? item->fees : 0);
    }
  return total;
}

GArray *
_ar_plan_draft_get_covered (ArPlanDraft *self)
{
  GArray *covered = g_array_new (FALSE, FALSE, sizeof (ArPlanDraftCovered));

  for (guint i = 0; i < self->items->len; i++)
    {
      const ArPlanItem *item = &g_array_index (self->items, ArPlanItem, i);
      ArPlanDraftCovered c = { item->invoice_id, item->open, item->fees, item->number };

      if (item->included)
        g_array_append_val (covered, c);
    }
  return covered;
}

/* Terms ------------------------------------------------------------------------------------- */

#define SET_TERM(field, value) \
  G_STMT_START { \
    if (self->terms.field != (value)) \
      { \
        self->terms.field = (value); \
        changed (self); \
      } \
  } G_STMT_END

void
ar_plan_draft_set_down_payment (ArPlanDraft *self, gint64 amount)
{
  g_return_if_fail (AR_IS_PLAN_DRAFT (self));
  SET_TERM (down_payment, amount);
}

void
ar_plan_draft_set_n_instalments (ArPlanDraft *self, guint n)
{
  g_return_if_fail (AR_IS_PLAN_DRAFT (self));

  if (self->terms.n_instalments == n && self->terms.instalment_amount == 0)
    return;
  self->terms.n_instalments = n;
  self->terms.instalment_amount = 0;
  changed (self);
}

void
ar_plan_draft_set_instalment_amount (ArPlanDraft *self, gint64 amount)
{
  g_return_if_fail (AR_IS_PLAN_DRAFT (self));

  if (self->terms.instalment_amount == amount && self->terms.n_instalments == 0)
    return;
  self->terms.instalment_amount = amount;
  self->terms.n_instalments = 0;
  changed (self);
}

void
ar_plan_draft_set_frequency (ArPlanDraft *self, ArPlanFrequency frequency)
{
  g_return_if_fail (AR_IS_PLAN_DRAFT (self));
  g_return_if_fail ((guint) frequency < AR_N_PLAN_FREQUENCIES);
  SET_TERM (frequency, frequency);
}

void
ar_plan_draft_set_first_due (ArPlanDraft *self, guint32 julian)
{
  g_return_if_fail (AR_IS_PLAN_DRAFT (self));
  SET_TERM (first_due, julian);
}

void
ar_plan_draft_set_apr_bp (ArPlanDraft *self, guint32 apr_bp)
{
  g_return_if_fail (AR_IS_PLAN_DRAFT (self));
  SET_TERM (apr_bp, apr_bp);
}

void
ar_plan_draft_set_setup_fee (ArPlanDraft *self, gint64 amount)
{
  g_return_if_fail (AR_IS_PLAN_DRAFT (self));
  SET_TERM (setup_fee, amount);
}

#undef SET_TERM

void
ar_plan_draft_get_terms (ArPlanDraft *self, ArPlanTerms *out)
{
  g_return_if_fail (AR_IS_PLAN_DRAFT (self));
  g_return_if_fail (out != NULL);

  *out = self->terms;
  out->principal = ar_plan_draft_get_covered_total (self);
}

const ArPlanLimits *
ar_plan_draft_get_limits (ArPlanDraft *self)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), NULL);
  return &self->limits;
}

guint
ar_plan_draft_get_grace_days (ArPlanDraft *self)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), 0);
  return self->grace_days;
}

guint
ar_plan_draft_get_default_after (ArPlanDraft *self)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), 0);
  return self->default_after;
}

const ArPlanSchedule *
ar_plan_draft_get_schedule (ArPlanDraft *self, GError **error)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), NULL);

  if (!self->schedule_valid)
    {
      ArPlanTerms terms;

      ar_plan_draft_get_terms (self, &terms);
      self->schedule = ar_plan_schedule_compute (&terms, &self->limits, self->currency,
                                                 &self->schedule_error);
      self->schedule_valid = TRUE;
    }
  if (self->schedule == NULL && error != NULL)
    *error = g_error_copy (self->schedule_error);
  return self->schedule;
}

gboolean
ar_plan_draft_validate (ArPlanDraft *self, GError **error)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), FALSE);

  if (ar_plan_draft_get_n_included (self) == 0)
    {
      g_set_error_literal (error, AR_PLAN_ERROR, AR_PLAN_ERROR_ITEMS,
                           _("invoices: choose at least one open invoice for the plan to cover"));
      return FALSE;
    }
  return ar_plan_draft_get_schedule (self, error) != NULL;
}

/* Agreement --------------------------------------------------------------------------------- */

void
ar_plan_draft_set_agreement (ArPlanDraft *self, GBytes *document, const char *document_name)
{
  g_return_if_fail (AR_IS_PLAN_DRAFT (self));

  g_clear_pointer (&self->agreement, g_bytes_unref);
  g_clear_pointer (&self->agreement_name, g_free);
  if (document != NULL)
    {
      self->agreement = g_bytes_ref (document);
      self->agreement_name = g_strdup (document_name != NULL ? document_name : "agreement.pdf");
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

void
ar_plan_draft_set_channel (ArPlanDraft *self, ArActivityKind channel)
{
  g_return_if_fail (AR_IS_PLAN_DRAFT (self));
  g_return_if_fail ((guint) channel < AR_N_ACTIVITY_KINDS);

  self->channel = channel;
}

void
ar_plan_draft_set_note (ArPlanDraft *self, const char *note)
{
  g_return_if_fail (AR_IS_PLAN_DRAFT (self));

  g_free (self->note);
  self->note = g_strdup (note != NULL ? note : "");
}

GBytes *
ar_plan_draft_get_agreement (ArPlanDraft *self, const char **out_name)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), NULL);

  if (out_name != NULL)
    *out_name = self->agreement_name;
  return self->agreement;
}

ArActivityKind
ar_plan_draft_get_channel (ArPlanDraft *self)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), AR_ACTIVITY_NOTE);
  return self->channel;
}

const char *
ar_plan_draft_get_note (ArPlanDraft *self)
{
  g_return_val_if_fail (AR_IS_PLAN_DRAFT (self), NULL);
  return self->note;
}
