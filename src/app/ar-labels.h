/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ar-activity.h"
#include "ar-debtor-ledger.h"
#include "ar-types.h"

G_BEGIN_DECLS

/* The ledger's vocabulary ("written_off") as people read it, translated. Static strings. */

const char *ar_label_debtor_status  (ArDebtorStatus      status);
const char *ar_label_debtor_kind    (ArDebtorKind        kind);
const char *ar_label_entry_kind     (ArEntryKind         kind);
const char *ar_label_activity_kind  (ArActivityKind      kind);
const char *ar_label_direction      (ArDirection         direction);
const char *ar_label_contact_kind   (ArDebtorContactKind kind);
const char *ar_label_contact_status (ArContactStatus     status);
/* "current" → "Current"; "1-30" → "1–30 days"; "91+" → "91+ days". Newly allocated. */
char       *ar_label_bucket         (const char         *bucket_label);
/* The same without "days", for the list's pills: "Current", "1–30", "91+". */
char       *ar_label_bucket_short   (const char         *bucket_label);
/* "Unknown" for anything out of range; a free-form outcome ("no_answer") with its underscores
 * as spaces. Newly allocated. */
char       *ar_label_outcome        (const char         *outcome);

G_END_DECLS
