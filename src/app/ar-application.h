/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The application: one instance per session (a second start hands its files to the first),
 * the app.* actions (new, open, open the demo ledger, about, quit), and opening ledgers off
 * the main thread. Remembers the last ledger and the recent ones in GSettings. */

#define AR_TYPE_APPLICATION (ar_application_get_type ())
G_DECLARE_FINAL_TYPE (ArApplication, ar_application, AR, APPLICATION, AdwApplication)

/* The number of debtors in the demo ledger. */
#define AR_DEMO_DEBTORS 500

ArApplication *ar_application_new       (void);
/* Opens @file in the application's window (made if there is none), in a worker thread; an
 * error is shown in a dialog. */
void           ar_application_open_file (ArApplication *self,
                                         GFile         *file);

G_END_DECLS
