/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ar-account-model.h"

G_BEGIN_DECLS

/* The account list's columns: their titles, widths and sort keys, and where each one goes in a
 * row of a given width. The header (ArAccountHeader) and every row (ArAccountRow) lay out from
 * ar_account_columns_layout() with their own width, so they agree without talking. */

typedef enum
{
  AR_ACCOUNT_COLUMN_NAME,
  AR_ACCOUNT_COLUMN_BALANCE,
  AR_ACCOUNT_COLUMN_DAYS,
  AR_ACCOUNT_COLUMN_BUCKET,
  AR_ACCOUNT_COLUMN_STATUS,
  AR_ACCOUNT_COLUMN_LAST_CONTACT,
  AR_ACCOUNT_COLUMN_NEXT_ACTION,
  AR_N_ACCOUNT_COLUMNS
} ArAccountColumn;

/* Space at each end of a row, and between a column's edge and its text. */
#define AR_ACCOUNT_ROW_MARGIN 6
#define AR_ACCOUNT_CELL_PADDING 6

typedef struct
{
  gboolean visible;
  int      x;        /* from the row's left edge */
  int      width;
} ArAccountColumnSlot;

const char    *ar_account_column_title       (ArAccountColumn      column);
ArAccountSort  ar_account_column_sort        (ArAccountColumn      column);
/* Whether the column shows figures (drawn with tabular digits), and whether they line up at
 * the column's end (amounts and counts; dates read from the start). */
gboolean       ar_account_column_is_numeric  (ArAccountColumn      column);
gboolean       ar_account_column_aligns_end  (ArAccountColumn      column);
/* The column whose header shows @sort (NAME … NEXT_ACTION), or -1 (the external id). */
int            ar_account_column_for_sort    (ArAccountSort        sort);
int            ar_account_columns_min_width  (void);
int            ar_account_columns_natural_width (void);
void           ar_account_columns_layout     (int                  width,
                                              gboolean             rtl,
                                              ArAccountColumnSlot  slots[AR_N_ACCOUNT_COLUMNS]);

G_END_DECLS
