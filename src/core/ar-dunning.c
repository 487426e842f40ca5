/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-dunning"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-dunning.h"
#include "ar-ledger-private.h"
#include "ar-template.h"

static const char * const fee_kinds[] = { "none", "fixed", "percent" };
static const char * const regimes[] = {
  "none", "simple", "uk-b2b", "eu-b2b", "de-b2b", "de-b2c", NULL,
};

const char *
ar_dunning_fee_kind_to_string (ArDunningFeeKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (fee_kinds), NULL);
  return fee_kinds[kind];
}

gboolean
ar_dunning_fee_kind_from_string (const char *text, ArDunningFeeKind *out)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (fee_kinds); i++)
    if (strcmp (text, fee_kinds[i]) == 0)
      {
        *out = (ArDunningFeeKind) i;
        return TRUE;
      }
  return FALSE;
}

char *
ar_dunning_level_get_name (const ArDunningLevel *level)
{
  g_return_val_if_fail (level != NULL, NULL);

  if (level->hand_over)
    /* Translators: the dunning level that hands the debtor over to a collection agency. */
    return g_strdup (_("Hand-over"));
  return ar_template_level_name (level->template_level);
}

static gboolean
invalid (GError **error, guint level, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError **error, guint level, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: "level 3: days_past_due: must be …". */
  g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID, _("level %u: %s"), level,
               message);
  return FALSE;
}

gboolean
ar_dunning_levels_validate (const ArDunningLevel *levels, guint n, GError **error)
{
  guint final_letter = 0;

  g_return_val_if_fail (levels != NULL || n == 0, FALSE);

  if (n == 0 || n > AR_DUNNING_MAX_LEVELS)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("levels: there must be 1 to %d dunning levels, not %u"),
                   AR_DUNNING_MAX_LEVELS, n);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!levels[i].hand_over)
      final_letter = i + 1;

  for (guint i = 0; i < n; i++)
    {
      const ArDunningLevel *l = &levels[i];
      guint min_deadline = l->level == final_letter ? AR_DUNNING_MIN_FINAL_DEADLINE
                                                    : AR_DUNNING_MIN_DEADLINE_DAYS;

      if (l->level != i + 1)
        return invalid (error, l->level, _("levels are numbered 1, 2, 3 … without gaps; "
                                           "expected level %u here"), i + 1);
      if (l->days_past_due < 1 || l->days_past_due > 3650)
        return invalid (error, l->level, _("days_past_due: must be 1 to 3650, not %u"),
                        l->days_past_due);
      if (i > 0 && l->days_past_due <= levels[i - 1].days_past_due)
        return invalid (error, l->level, _("days_past_due: %u must be more than level %u’s %u"),
                        l->days_past_due, i, levels[i - 1].days_past_due);
      if (l->min_days_since_previous < AR_DUNNING_MIN_DAYS_BETWEEN ||
          l->min_days_since_previous > 3650)
        return invalid (error, l->level, _("min_days_since_previous: must be at least %d days "
                                           "(never two levels within a week), not %u"),
                        AR_DUNNING_MIN_DAYS_BETWEEN, l->min_days_since_previous);
      if (l->hand_over && i != n - 1)
        return invalid (error, l->level, _("hand_over: only the last level can hand the debtor "
                                           "over"));
      if (l->hand_over && l->template_level != 0)
        return invalid (error, l->level, _("template_level: a hand-over sends no letter"));
      if (!l->hand_over && (l->template_level < 1 || l->template_level > 9))
        return invalid (error, l->level, _("template_level: must be a letter template level, 1 "
                                           "to 9, not %u"), l->template_level);
      if (l->deadline_days < min_deadline || l->deadline_days > 365)
        return invalid (error, l->level, l->level == final_letter
                        ? _("deadline_days: the final demand gives %u to 365 days to pay, "
                            "not %u")
                        : _("deadline_days: a letter gives %u to 365 days to pay, not %u"),
                        min_deadline, l->deadline_days);
      switch (l->fee_kind)
        {
        case AR_DUNNING_FEE_NONE:
          break;
        case AR_DUNNING_FEE_FIXED:
          if (!ar_currency_is_valid (l->fee_currency))
            return invalid (error, l->level, _("fee_currency: “%s” is not an ISO 4217 code"),
                            l->fee_currency);
          if (l->fee_amount <= 0 || l->fee_amount > G_GINT64_CONSTANT (1000000000000))
            return invalid (error, l->level, _("fee_amount: a fixed fee must be greater than "
                                               "zero"));
          break;
        case AR_DUNNING_FEE_PERCENT:
          if (l->fee_rate_bp <= 0 || l->fee_rate_bp > 10000)
            return invalid (error, l->level, _("fee_rate: a percentage fee must be above 0 %% "
                                               "and at most 100 %%"));
          break;
        default:
          return invalid (error, l->level, _("fee_kind: unknown kind of fee"));
        }
      if (l->hand_over && (l->fee_kind != AR_DUNNING_FEE_NONE || l->charges_interest))
        return invalid (error, l->level, _("fee_kind: a hand-over sends no letter, so it can’t "
                                           "charge a fee or interest"));
    }
  return TRUE;
}

GArray *
ar_dunning_levels_load (ArLedger *ledger, GError **error)
{
  g_autoptr(GArray) levels = g_array_new (FALSE, TRUE, sizeof (ArDunningLevel));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  stmt = _ar_ledger_prepare (ledger,
    "SELECT level, days_past_due, min_days_since_previous, fee_kind, fee_amount, fee_currency,"
    " fee_rate_bp, charges_interest, coalesce (template_level, 0), deadline_days, hand_over"
    " FROM dunning_levels ORDER BY level", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ArDunningLevel l = { 0 };

      l.level = sqlite3_column_int (stmt, 0);
      l.days_past_due = sqlite3_column_int (stmt, 1);
      l.min_days_since_previous = sqlite3_column_int (stmt, 2);
      ar_dunning_fee_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &l.fee_kind);
      l.fee_amount = sqlite3_column_int64 (stmt, 4);
      g_strlcpy (l.fee_currency, (const char *) sqlite3_column_text (stmt, 5),
                 sizeof l.fee_currency);
      l.fee_rate_bp = sqlite3_column_int64 (stmt, 6);
      l.charges_interest = sqlite3_column_int (stmt, 7) != 0;
      l.template_level = sqlite3_column_int (stmt, 8);
      l.deadline_days = sqlite3_column_int (stmt, 9);
      l.hand_over = sqlite3_column_int (stmt, 10) != 0;
      g_array_append_val (levels, l);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _ar_ledger_set_sql_error (ledger, _("Could not read the dunning levels"), error);
      return NULL;
    }
  return g_steal_pointer (&levels);
}

static gboolean
level_has_letters (ArLedger *ledger, guint level, gboolean *out, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT EXISTS (SELECT 1 FROM dunning_letters WHERE level = ?1)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, level);
  *out = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
ar_dunning_level_store (ArLedger *ledger, const ArDunningLevel *level, GError **error)
{
  g_autoptr(GArray) levels = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (level != NULL, FALSE);

  if (!ar_ledger_begin (ledger, "store-dunning-level", error))
    return FALSE;
  levels = ar_dunning_levels_load (ledger, error);
  if (levels == NULL)
    goto fail;
  if (level->level >= 1 && level->level <= levels->len)
    g_array_index (levels, ArDunningLevel, level->level - 1) = *level;
  else if (level->level == levels->len + 1)
    g_array_append_val (levels, *level);
  else
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("level: %u is neither an existing level nor the next one (%u)"),
                   level->level, levels->len + 1);
      goto fail;
    }
  if (!ar_dunning_levels_validate ((const ArDunningLevel *) (gpointer) levels->data,
                                   levels->len, error))
    goto fail;

  stmt = _ar_ledger_prepare (ledger,
    "INSERT INTO dunning_levels (level, days_past_due, min_days_since_previous, fee_kind,"
    " fee_amount, fee_currency, fee_rate_bp, charges_interest, template_level, deadline_days,"
    " hand_over) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT (level) DO UPDATE SET days_past_due = excluded.days_past_due,"
    " min_days_since_previous = excluded.min_days_since_previous, fee_kind = excluded.fee_kind,"
    " fee_amount = excluded.fee_amount, fee_currency = excluded.fee_currency,"
    " fee_rate_bp = excluded.fee_rate_bp, charges_interest = excluded.charges_interest,"
    " template_level = excluded.template_level, deadline_days = excluded.deadline_days,"
    " hand_over = excluded.hand_over", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, level->level);
  sqlite3_bind_int (stmt, 2, level->days_past_due);
  sqlite3_bind_int (stmt, 3, level->min_days_since_previous);
  sqlite3_bind_text (stmt, 4, fee_kinds[level->fee_kind], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, level->fee_kind == AR_DUNNING_FEE_FIXED ? level->fee_amount : 0);
  sqlite3_bind_text (stmt, 6, level->fee_kind == AR_DUNNING_FEE_FIXED ? level->fee_currency : "",
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, level->fee_kind == AR_DUNNING_FEE_PERCENT ? level->fee_rate_bp : 0);
  sqlite3_bind_int (stmt, 8, level->charges_interest ? 1 : 0);
  if (!level->hand_over)
    sqlite3_bind_int (stmt, 9, level->template_level);
  sqlite3_bind_int (stmt, 10, level->deadline_days);
  sqlite3_bind_int (stmt, 11, level->hand_over ? 1 : 0);
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not save the dunning level"), error))
    goto fail;
  return ar_ledger_commit (ledger, error);

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}

gboolean
ar_dunning_level_remove (ArLedger *ledger, guint level, GError **error)
{
  g_autoptr(GArray) levels = NULL;
  gboolean used = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);

  if (!ar_ledger_begin (ledger, "remove-dunning-level", error))
    return FALSE;
  levels = ar_dunning_levels_load (ledger, error);
  if (levels == NULL || !level_has_letters (ledger, level, &used, error))
    goto fail;
  if (level != levels->len || levels->len == 1)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("level: only the last level can be removed, and one must remain"));
      goto fail;
    }
  if (used)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("level: letters were sent at level %u, so it stays"), level);
      goto fail;
    }
  g_array_set_size (levels, levels->len - 1);
  /* The level before becomes the final demand and must give 14 days. */
  if (!ar_dunning_levels_validate ((const ArDunningLevel *) (gpointer) levels->data,
                                   levels->len, error))
    goto fail;
  stmt = _ar_ledger_prepare (ledger, "DELETE FROM dunning_levels WHERE level = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, level);
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not remove the dunning level"), error))
    goto fail;
  return ar_ledger_commit (ledger, error);

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}

gint64
ar_dunning_get_minimum (ArLedger *ledger, const char *currency)
{
  sqlite3_stmt *stmt;
  gint64 amount = 0;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), 0);

  stmt = _ar_ledger_prepare (ledger, "SELECT amount FROM dunning_minimums WHERE currency = ?1",
                             NULL);
  if (stmt == NULL)
    return 0;
  _ar_bind_text0 (stmt, 1, currency);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    amount = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return amount;
}

gboolean
ar_dunning_set_minimum (ArLedger *ledger, const char *currency, gint64 amount, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);

  if (currency == NULL || !ar_currency_is_valid (currency))
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("currency: “%s” is not an ISO 4217 currency code (e.g. USD, EUR)"),
                   currency != NULL ? currency : "");
      return FALSE;
    }
  if (amount < 0)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("amount: the minimum can’t be negative"));
      return FALSE;
    }
  if (!ar_ledger_begin (ledger, "set-dunning-minimum", error))
    return FALSE;
  stmt = _ar_ledger_prepare (ledger,
    "INSERT INTO dunning_minimums (currency, amount) VALUES (?1, ?2)"
    " ON CONFLICT (currency) DO UPDATE SET amount = excluded.amount"
    " WHERE amount <> excluded.amount", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, amount);
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not save the minimum"), error))
    goto fail;
  return ar_ledger_commit (ledger, error);

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}

gboolean
ar_dunning_set_interest_regime (ArLedger *ledger, gint64 debtor_id, const char *regime,
                                gint64 apr_bp, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);

  if (regime == NULL && debtor_id == 0)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("regime: the book needs a regime (“none” for no interest)"));
      return FALSE;
    }
  if (regime != NULL && !g_strv_contains (regimes, regime))
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("regime: “%s” is not one of none, simple, uk-b2b, eu-b2b, de-b2b, de-b2c"),
                   regime);
      return FALSE;
    }
  if (regime != NULL && g_str_equal (regime, "simple") && (apr_bp <= 0 || apr_bp > 100000))
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("apr: simple interest needs a yearly rate above 0 %"));
      return FALSE;
    }

  if (!ar_ledger_begin (ledger, "set-interest-regime", error))
    return FALSE;
  stmt = _ar_ledger_prepare (ledger, regime != NULL
    ? "INSERT INTO interest_regimes (debtor_id, regime, apr_bp) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (debtor_id) DO UPDATE SET regime = excluded.regime, apr_bp = excluded.apr_bp"
    : "DELETE FROM interest_regimes WHERE debtor_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  if (regime != NULL)
    {
      sqlite3_bind_text (stmt, 2, regime, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, g_str_equal (regime, "simple") ? apr_bp : 0);
    }
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not save the interest regime"), error))
    goto fail;
  return ar_ledger_commit (ledger, error);

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}

gboolean
ar_dunning_get_interest_regime (ArLedger *ledger, gint64 debtor_id, char **out_regime,
                                gint64 *out_apr_bp, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);

  /* The debtor's own row sorts first; the book's (0) is the fallback. */
  stmt = _ar_ledger_prepare (ledger,
    "SELECT regime, apr_bp FROM interest_regimes WHERE debtor_id = ?1 OR debtor_id = 0"
    " ORDER BY debtor_id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      if (out_regime != NULL)
        *out_regime = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (out_apr_bp != NULL)
        *out_apr_bp = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (!found)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the interest regime"), error);
  return TRUE;
}

gboolean
ar_dunning_get_interest_override (ArLedger *ledger, gint64 debtor_id, char **out_regime,
                                  gint64 *out_apr_bp, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (debtor_id > 0, FALSE);
  g_return_val_if_fail (out_regime != NULL, FALSE);

  stmt = _ar_ledger_prepare (ledger,
    "SELECT regime, apr_bp FROM interest_regimes WHERE debtor_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  *out_regime = NULL;
  if (out_apr_bp != NULL)
    *out_apr_bp = 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_regime = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (out_apr_bp != NULL)
        *out_apr_bp = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _ar_ledger_set_sql_error (ledger, _("Could not read the interest regime"), error);
  return TRUE;
}

gboolean
ar_dunning_waive_charge (ArLedger *ledger, gint64 entry_id, guint32 date, const char *reason,
                         gint64 *out_reversal_id, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *kind = NULL;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);

  stmt = _ar_ledger_prepare (ledger, "SELECT kind FROM entries WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (kind == NULL)
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_NOT_FOUND,
                   _("entry: there is no entry number %" G_GINT64_FORMAT), entry_id);
      return FALSE;
    }
  if (!g_str_equal (kind, "fee") && !g_str_equal (kind, "interest"))
    {
      g_set_error (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                   _("entry: entry %" G_GINT64_FORMAT " is of kind “%s”, not a fee or interest; "
                     "use reverse for other corrections"), entry_id, kind);
      return FALSE;
    }
  return ar_ledger_reverse (ledger, entry_id, date, reason, out_reversal_id, error);
}
