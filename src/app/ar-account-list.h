/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ar-account-model.h"

G_BEGIN_DECLS

/* The account list: a GtkColumnView over an ArAccountModel (sorted, searched and counted in
 * SQL), with a footer of the count and the totals per currency. Clicking a column header
 * sorts the model in SQL; the sort is kept in GSettings. The selected row is
 * "selected-account". */

#define AR_TYPE_ACCOUNT_LIST (ar_account_list_get_type ())
G_DECLARE_FINAL_TYPE (ArAccountList, ar_account_list, AR, ACCOUNT_LIST, GtkWidget)

GtkWidget          *ar_account_list_new                  (void);
ArAccountModel     *ar_account_list_get_model            (ArAccountList  *self);
void                ar_account_list_set_model            (ArAccountList  *self,
                                                          ArAccountModel *model);
ArAccount          *ar_account_list_get_selected_account (ArAccountList  *self);
GtkSingleSelection *ar_account_list_get_selection        (ArAccountList  *self);
/* The footer's text, for tests. */
const char         *ar_account_list_get_summary_text     (ArAccountList  *self);

G_END_DECLS
