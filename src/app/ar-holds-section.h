/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ar-account.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* The debtor pane's Holds section: the debtor's disputes and snoozes (ar-hold.h), in force,
 * ended and released, newest first; a form to place one and a Release button on each in
 * force. Properties "ledger" and "account" (bound to the pane's). */

#define AR_TYPE_HOLDS_SECTION (ar_holds_section_get_type ())
G_DECLARE_FINAL_TYPE (ArHoldsSection, ar_holds_section, AR, HOLDS_SECTION, GtkWidget)

GtkWidget *ar_holds_section_new         (void);
void       ar_holds_section_set_ledger  (ArHoldsSection *self,
                                         ArLedger       *ledger);
void       ar_holds_section_set_account (ArHoldsSection *self,
                                         ArAccount      *account);
void       ar_holds_section_reload      (ArHoldsSection *self);
/* The rows shown (for tests). */
guint      ar_holds_section_get_n_holds (ArHoldsSection *self);
/* What the form's Place button does: @until 0 for an open-ended dispute. */
gboolean   ar_holds_section_place       (ArHoldsSection *self,
                                         gboolean        dispute,
                                         guint32         until,
                                         const char     *reason,
                                         GError        **error);

G_END_DECLS
