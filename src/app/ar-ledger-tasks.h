/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ar-ledger.h"

G_BEGIN_DECLS

/* The slow ledger operations the window starts, each run in a worker thread through GTask so
 * the window stays responsive. A ledger's connection is used by one thread at a time: the
 * worker hands the ArLedger over to the main thread when it finishes and never touches it
 * again. */

/* Opens the ledger at @file (migrating it if needed). */
void      ar_ledger_task_open_async   (GFile                *file,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
ArLedger *ar_ledger_task_open_finish  (GAsyncResult         *result,
                                       GError              **error);

/* Creates a new, empty ledger at @file; an existing file is refused. */
void      ar_ledger_task_create_async (GFile                *file,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
ArLedger *ar_ledger_task_create_finish (GAsyncResult        *result,
                                       GError              **error);

/* Writes a demo book of @n_debtors debtors, aged relative to today, to @path, replacing a
 * demo ledger that is there (the new one is built beside it and renamed over it, so a failure
 * leaves the old one alone). The ledger at @path must not be open. Returns the path. */
void      ar_ledger_task_demo_async   (const char           *path,
                                       guint                 n_debtors,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
char     *ar_ledger_task_demo_finish  (GAsyncResult         *result,
                                       GError              **error);

/* g_get_user_data_dir()/arrears/demo.arrears */
char     *ar_ledger_task_demo_path    (void);

G_END_DECLS
