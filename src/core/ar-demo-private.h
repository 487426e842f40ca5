/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"

G_BEGIN_DECLS

/* A debtor of the demo book's first debtors that the collections desk may work on. */
typedef struct
{
  gint64       debtor_id;
  const char  *currency;      /* static */
  gboolean     delinquent;    /* stopped paying months ago; else pays late */
} ArDemoCandidate;

/* How many of the first debtors get the desk's plans, promises, holds, letters and
 * follow-ups: a fixed cap, so that a 100,000-debtor book costs what it did. */
#define AR_DEMO_DESK_DEBTORS 240

/* Builds the living collections desk on @candidates (in order; their allocation must be
 * current) with the public core functions, relative to @today: payment plans (performing, one
 * instalment missed, defaulted, completed), promises (pending, due today, kept, broken), a
 * dispute on an invoice and snoozes, debtors handed to an agency, dunning letters at levels 1–3
 * sent by runs six, four and two weeks ago, and calls whose next action is today or past. Runs
 * inside the caller's transaction. Deterministic: no randomness of its own. */
gboolean _ar_demo_desk_build (ArLedger               *ledger,
                              const ArDemoCandidate  *candidates,
                              guint                   n_candidates,
                              guint32                 today,
                              GError                **error);

G_END_DECLS
