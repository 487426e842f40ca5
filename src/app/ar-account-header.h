/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ar-account-columns.h"

G_BEGIN_DECLS

/* The account list's column headers: one flat button per column, laid out like the rows
 * (ar_account_columns_layout()), showing the sort with an arrow. A click, or Space and Enter
 * on a focused header, emits "sort-requested" with the column and the direction the click asks
 * for: ascending, or the other way round when the column already has the arrow. */

#define AR_TYPE_ACCOUNT_HEADER (ar_account_header_get_type ())
G_DECLARE_FINAL_TYPE (ArAccountHeader, ar_account_header, AR, ACCOUNT_HEADER, GtkWidget)

GtkWidget *ar_account_header_new        (void);
void       ar_account_header_set_sort   (ArAccountHeader *self,
                                         int              column,
                                         gboolean         descending);
int        ar_account_header_get_sort   (ArAccountHeader *self,
                                         gboolean        *descending);
GtkWidget *ar_account_header_get_button (ArAccountHeader *self,
                                         ArAccountColumn  column);

G_END_DECLS
