/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ar-account-columns.h"

/* The Debtor column takes what the others leave. When the list is too narrow for every
 * column, the least needed go first (a narrow window or a wide debtor pane), rather than the
 * list scrolling sideways: the last contact, then the next action, the status, the days, and
 * last the bucket pill (it says nearly what the days do, in less room). Debtor and Balance
 * always stay. */
static const struct
{
  const char    *title;
  ArAccountSort  sort;
  int            width;      /* fixed, or the Debtor column's least */
  gboolean       numeric;
  int            drop_rank;  /* 0: never dropped; the higher, the sooner */
} columns[AR_N_ACCOUNT_COLUMNS] = {
  [AR_ACCOUNT_COLUMN_NAME] = { N_("Debtor"), AR_ACCOUNT_SORT_NAME, 120, FALSE, 0 },
  [AR_ACCOUNT_COLUMN_BALANCE] = { N_("Balance"), AR_ACCOUNT_SORT_BALANCE, 110, TRUE, 0 },
  [AR_ACCOUNT_COLUMN_DAYS] = { N_("Days Overdue"), AR_ACCOUNT_SORT_DAYS_OVERDUE, 140, TRUE, 2 },
  [AR_ACCOUNT_COLUMN_BUCKET] = { N_("Bucket"), AR_ACCOUNT_SORT_DAYS_OVERDUE, 84, FALSE, 1 },
  [AR_ACCOUNT_COLUMN_STATUS] = { N_("Status"), AR_ACCOUNT_SORT_STATUS, 115, FALSE, 3 },
  [AR_ACCOUNT_COLUMN_LAST_CONTACT] = { N_("Last Contact"), AR_ACCOUNT_SORT_LAST_CONTACT, 105,
                                       TRUE, 5 },
  [AR_ACCOUNT_COLUMN_NEXT_ACTION] = { N_("Next Action"), AR_ACCOUNT_SORT_NEXT_ACTION, 105, TRUE,
                                      4 },
};

/* The Debtor column's width when every column fits with room to spare. */
#define NAME_NATURAL 220

const char *
ar_account_column_title (ArAccountColumn column)
{
  g_return_val_if_fail (column < AR_N_ACCOUNT_COLUMNS, "");
  return _(columns[column].title);
}

ArAccountSort
ar_account_column_sort (ArAccountColumn column)
{
  g_return_val_if_fail (column < AR_N_ACCOUNT_COLUMNS, AR_ACCOUNT_SORT_NAME);
  return columns[column].sort;
}

gboolean
ar_account_column_is_numeric (ArAccountColumn column)
{
  g_return_val_if_fail (column < AR_N_ACCOUNT_COLUMNS, FALSE);
  return columns[column].numeric;
}

gboolean
ar_account_column_aligns_end (ArAccountColumn column)
{
  return column == AR_ACCOUNT_COLUMN_BALANCE || column == AR_ACCOUNT_COLUMN_DAYS;
}

int
ar_account_column_for_sort (ArAccountSort sort)
{
  /* The first column with the key: Days Overdue rather than Bucket. */
  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    if (columns[c].sort == sort)
      return (int) c;
  return -1;
}

int
ar_account_columns_min_width (void)
{
  int width = 2 * AR_ACCOUNT_ROW_MARGIN;

  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    if (columns[c].drop_rank == 0)
      width += columns[c].width;
  return width;
}

int
ar_account_columns_natural_width (void)
{
  int width = 2 * AR_ACCOUNT_ROW_MARGIN + NAME_NATURAL - columns[AR_ACCOUNT_COLUMN_NAME].width;

  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    width += columns[c].width;
  return width;
}

/**
 * ar_account_columns_layout:
 * @width: the row's width
 * @rtl: whether the row runs right to left (the columns then run from the right)
 * @slots: (out): where each column goes
 *
 * Drops columns, least needed first, until the rest fit with the Debtor column at its least,
 * then gives the Debtor column the width left over.
 */
void
ar_account_columns_layout (int                 width,
                           gboolean            rtl,
                           ArAccountColumnSlot slots[AR_N_ACCOUNT_COLUMNS])
{
  int used = 2 * AR_ACCOUNT_ROW_MARGIN, x = AR_ACCOUNT_ROW_MARGIN;

  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    {
      slots[c].visible = TRUE;
      slots[c].width = columns[c].width;
      used += columns[c].width;
    }
  for (int rank = 5; rank > 0 && used > width; rank--)
    for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
      if (columns[c].drop_rank == rank)
        {
          slots[c].visible = FALSE;
          used -= columns[c].width;
        }
  slots[AR_ACCOUNT_COLUMN_NAME].width += MAX (width - used, 0);

  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    {
      if (!slots[c].visible)
        {
          slots[c].x = 0;
          slots[c].width = 0;
          continue;
        }
      slots[c].x = rtl ? width - x - slots[c].width : x;
      x += slots[c].width;
    }
}
