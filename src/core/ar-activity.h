/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"

G_BEGIN_DECLS

/* The contact log: calls, letters, emails, visits, text messages and notes, each with its
 * direction, outcome, summary, the next action date it sets, and optionally the document that
 * was sent (kept byte for byte with its SHA-256, so the letter sent can be shown later). */

typedef enum
{
  AR_ACTIVITY_CALL,
  AR_ACTIVITY_LETTER,
  AR_ACTIVITY_EMAIL,
  AR_ACTIVITY_VISIT,
  AR_ACTIVITY_SMS,
  AR_ACTIVITY_NOTE,
  AR_N_ACTIVITY_KINDS
} ArActivityKind;

typedef enum
{
  AR_DIRECTION_NONE,
  AR_DIRECTION_IN,
  AR_DIRECTION_OUT,
  AR_N_DIRECTIONS
} ArDirection;

typedef struct
{
  gint64          debtor_id;
  ArActivityKind  kind;
  ArDirection     direction;
  GDateTime      *occurred_at;       /* NULL = now */
  const char     *outcome;           /* e.g. "no_answer", "promised_to_pay" */
  const char     *summary;
  guint32         next_action_date;  /* Julian day, 0 = none */
  GBytes         *document;          /* optional */
  const char     *document_name;
} ArActivityInfo;

typedef struct
{
  gint64          id;
  ArActivityKind  kind;
  ArDirection     direction;
  const char     *occurred_at;       /* ISO 8601, UTC */
  const char     *outcome;
  const char     *summary;
  guint32         next_action_date;
  const char     *document_name;     /* NULL when there is no document */
  const char     *document_sha256;
} ArActivityRow;

typedef gboolean (*ArActivityFunc) (const ArActivityRow *row,
                                    gpointer             user_data);

const char *ar_activity_kind_to_string  (ArActivityKind         kind);
gboolean    ar_activity_kind_from_string (const char           *text,
                                          ArActivityKind       *out);

gboolean    ar_ledger_add_activity      (ArLedger              *ledger,
                                         const ArActivityInfo  *info,
                                         gint64                *out_id,
                                         GError               **error);
/* The debtor's log, newest first; strings are valid during the call only. */
gboolean    ar_ledger_list_activities   (ArLedger              *ledger,
                                         gint64                 debtor_id,
                                         ArActivityFunc         func,
                                         gpointer               user_data,
                                         GError               **error);
/* The document kept with an activity, checked against its stored SHA-256. */
GBytes     *ar_ledger_get_activity_document (ArLedger          *ledger,
                                         gint64                 activity_id,
                                         GError               **error);

/* The company's logo (PNG or JPEG) for letterheads. */
gboolean    ar_ledger_set_company_logo  (ArLedger              *ledger,
                                         GBytes                *image,
                                         const char            *mime_type,
                                         GError               **error);
/* NULL (and no error) when there is no logo. */
GBytes     *ar_ledger_get_company_logo  (ArLedger              *ledger,
                                         char                 **out_mime_type,
                                         GError               **error);

G_END_DECLS
