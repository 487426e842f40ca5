/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"

G_BEGIN_DECLS

/* Holds keep a debtor, or one of its invoices, out of dunning runs: a dispute (until it is
 * released, or until an end date when one is given) or a snooze (until its end date). Each has
 * a reason. Holds are recorded and audited in the ledger and never deleted: releasing one
 * records the date and why. A hold is in force on day D when it started on or before D, has no
 * end date or ends on or after D, and was not released on or before D. */

typedef enum
{
  AR_HOLD_DISPUTE,
  AR_HOLD_SNOOZE,
} ArHoldKind;

typedef struct
{
  gint64       debtor_id;
  gint64       invoice_id;   /* 0: the whole debtor */
  ArHoldKind   kind;
  const char  *reason;       /* required */
  guint32      start;        /* Julian day; 0 = today */
  guint32      until;        /* last day held; required for a snooze, 0 = open-ended dispute */
} ArHoldInfo;

typedef struct
{
  gint64       id;
  gint64       debtor_id;
  const char  *external_id;     /* the debtor's */
  gint64       invoice_id;      /* 0: the whole debtor */
  const char  *invoice_number;  /* NULL when @invoice_id is 0 */
  ArHoldKind   kind;
  const char  *reason;
  guint32      start;
  guint32      until;           /* 0: until released */
  guint32      released;        /* 0: not released */
  const char  *release_reason;
} ArHold;

/* Strings are valid during the call only. Return FALSE to stop. */
typedef gboolean (*ArHoldFunc) (const ArHold *hold,
                                gpointer      user_data);

const char *ar_hold_kind_to_string  (ArHoldKind          kind);

/* Records a hold. The invoice must be the debtor's; a snooze needs an end date not before its
 * start. */
gboolean    ar_hold_place           (ArLedger           *ledger,
                                     const ArHoldInfo   *info,
                                     gint64             *out_id,
                                     GError            **error);
/* Releases hold @hold_id as of @date (0 = today) with @reason (may be empty). Releasing a hold
 * that was released already is an error. */
gboolean    ar_hold_release         (ArLedger           *ledger,
                                     gint64              hold_id,
                                     guint32             date,
                                     const char         *reason,
                                     GError            **error);
/* Every hold of @debtor_id (in force, ended and released), newest first. */
gboolean    ar_hold_list_for_debtor (ArLedger           *ledger,
                                     gint64              debtor_id,
                                     ArHoldFunc          func,
                                     gpointer            user_data,
                                     GError            **error);
/* The holds not released whose end date lies in [@from, @to] (Julian days), soonest first:
 * what the work queue shows as "holds and snoozes ending". */
gboolean    ar_holds_ending         (ArLedger           *ledger,
                                     guint32             from,
                                     guint32             to,
                                     ArHoldFunc          func,
                                     gpointer            user_data,
                                     GError            **error);
/* The holds in force on @date, in no particular order (the dunning run reads them all at
 * once). */
gboolean    ar_holds_in_force       (ArLedger           *ledger,
                                     guint32             date,
                                     ArHoldFunc          func,
                                     gpointer            user_data,
                                     GError            **error);

G_END_DECLS
