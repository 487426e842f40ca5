/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ar-account.h"

G_BEGIN_DECLS

/* One row of the account list: a single widget that draws every column of an ArAccount
 * (see ar-account-columns.h for where each goes). */

#define AR_TYPE_ACCOUNT_ROW (ar_account_row_get_type ())
G_DECLARE_FINAL_TYPE (ArAccountRow, ar_account_row, AR, ACCOUNT_ROW, GtkWidget)

GtkWidget  *ar_account_row_new         (void);
void        ar_account_row_set_account (ArAccountRow *self,
                                        ArAccount    *account,
                                        guint         n_buckets);
ArAccount  *ar_account_row_get_account (ArAccountRow *self);
/* What the row shows in @column, as drawn ("" for nothing); for tests and the tooltip. */
char       *ar_account_row_get_text    (ArAccountRow *self,
                                        guint         column);

G_END_DECLS
