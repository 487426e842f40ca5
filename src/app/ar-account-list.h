/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ar-account-model.h"

G_BEGIN_DECLS

/* The account list: a GtkColumnView over an ArAccountModel (sorted, searched and counted in
 * SQL), with a bar of filters above it and a footer of the count and the totals per currency. Clicking a column header
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

/* Filters (overdue only, aging bucket, status, currency, plan or promise) are chosen in a
 * popover above the list, applied by the model in SQL together with the search and the sort,
 * and remembered in GSettings; "list.clear-filters" clears them. */
void                ar_account_list_set_bucket_filter    (ArAccountList  *self,
                                                          int             bucket);
void                ar_account_list_clear_filters        (ArAccountList  *self);
const char         *ar_account_list_get_filter_summary   (ArAccountList  *self);
GtkWidget          *ar_account_list_get_filter_button    (ArAccountList  *self);

/* The sort the headers show (clicking one, or Space on a focused one, sorts by it). */
void                ar_account_list_sort_by              (ArAccountList  *self,
                                                          ArAccountSort   sort,
                                                          gboolean        descending);
ArAccountSort       ar_account_list_get_sort             (ArAccountList  *self,
                                                          gboolean       *descending);
GtkWidget          *ar_account_list_get_header           (ArAccountList  *self);
GtkWidget          *ar_account_list_get_list_view        (ArAccountList  *self);

/* The Sort menu (Ctrl+Shift+S) sorts through the group "list" of stateful actions
 * "sort-by" (the settings' SortColumn nick of a column) and "sort-descending"; a header click
 * changes their states. The group, for tests (GTK 4.8 has no getter for a widget's groups). */
GActionGroup       *ar_account_list_get_sort_actions     (ArAccountList  *self);

G_END_DECLS
