/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ar-account-model.h"

G_BEGIN_DECLS

/* A column's sorter in the account list. It never sorts anything itself — the rows are
 * sorted in SQL by ArAccountModel — but it carries the column's sort key so that the list can
 * find out which column the user clicked on GTK 4.8, whose GtkColumnViewSorter has no getter
 * for its primary column (that came in 4.10). ar_column_sorter_probe() compares two probe
 * items through the view's sorter: the view asks its primary column's sorter first, that
 * sorter answers "smaller" and records its key, and the view inverts the answer when the
 * column is sorted in descending order. */

#define AR_TYPE_COLUMN_SORT_KEY (ar_column_sort_key_get_type ())
GType ar_column_sort_key_get_type (void) G_GNUC_CONST;

#define AR_TYPE_COLUMN_SORTER (ar_column_sorter_get_type ())
G_DECLARE_FINAL_TYPE (ArColumnSorter, ar_column_sorter, AR, COLUMN_SORTER, GtkSorter)

GtkSorter     *ar_column_sorter_new      (ArAccountSort  key);
ArAccountSort  ar_column_sorter_get_key  (ArColumnSorter *self);

/* Asks @view_sorter (gtk_column_view_get_sorter()) which column sorts first and in which
 * order. FALSE when no column with an ArColumnSorter sorts the view. */
gboolean       ar_column_sorter_probe    (GtkSorter      *view_sorter,
                                          ArAccountSort  *out_key,
                                          gboolean       *out_descending);
/* The same for @view: the column whose sorter sorts first (owned by @view), or NULL. Two
 * columns may sort by one key (Bucket and Days Overdue); this tells them apart. */
GtkColumnViewColumn *ar_column_sorter_probe_column (GtkColumnView *view,
                                                    gboolean      *out_descending);

G_END_DECLS
