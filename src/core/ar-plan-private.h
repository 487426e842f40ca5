/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-plan.h"
#include "ar-promise.h"

G_BEGIN_DECLS

/* Between the plan modules (ar-plan.c, ar-plan-draft.c, ar-promise.c, ar-arrangements.c). */

/* Fills @out (invoice id → plan id; a table made with g_int64_hash, g_int64_equal, g_free,
 * g_free, keys and values g_new'd gint64s) with the invoices of @debtor_id that are in a plan still running as of
 * @as_of (not cancelled or renegotiated, and not completed), leaving out plan @except_plan_id. */
gboolean  _ar_plan_running_invoices  (ArLedger     *ledger,
                                      gint64        debtor_id,
                                      gint64        except_plan_id,
                                      guint32       as_of,
                                      GHashTable   *out,
                                      GError      **error);

/* The draft's included items, for saving: invoice id and open amount at drafting. */
typedef struct
{
  gint64 invoice_id;
  gint64 open;
  gint64 fees;
  const char *number;
} ArPlanDraftCovered;

/* A new array of ArPlanDraftCovered, in the draft's order (due date, number). */
GArray   *_ar_plan_draft_get_covered (ArPlanDraft  *draft);

/* Sum of payments (not reversed as of @as_of) by @debtor_id in @currency dated in [@from, @to]. */
gboolean  _ar_ledger_sum_payments    (ArLedger     *ledger,
                                      gint64        debtor_id,
                                      const char   *currency,
                                      guint32       from,
                                      guint32       to,
                                      guint32       as_of,
                                      gint64       *out,
                                      GError      **error);

/* The ids the query @sql (a literal) gives, parameter 1 bound to @param and 2 to @day. */
GArray   *_ar_plan_query_ids          (ArLedger     *ledger,
                                       const char   *sql,
                                       gint64        param,
                                       guint32       day,
                                       GError      **error);

/* Every plan neither cancelled nor renegotiated and made by @as_of, tracked as of @as_of, in id
 * order: four queries for them all, one plan in memory at a time. @func must not call this. */
gboolean  _ar_ledger_foreach_running_plan (ArLedger    *ledger,
                                           guint32      as_of,
                                           ArPlanFunc   func,
                                           gpointer     user_data,
                                           GError     **error);

/* Promises pending as of @as_of, found through promises_by_date (ar-promise.c). */
gboolean  _ar_ledger_foreach_pending_promise (ArLedger      *ledger,
                                              guint32        as_of,
                                              ArPromiseFunc  func,
                                              gpointer       user_data,
                                              GError       **error);

G_END_DECLS
