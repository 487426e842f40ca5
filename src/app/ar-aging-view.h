/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ar-ledger.h"

G_BEGIN_DECLS

/* The aging of the whole book as of a chosen day (today by default): the render layer's aging
 * chart and its twelve-month trend, painted with cairo in two GtkDrawingAreas (light or dark
 * palette, following the style manager), one currency at a time, with the chart models' text
 * summaries as the drawing areas' accessible descriptions. A date button with a calendar
 * chooses the day. The report and the trend are computed in a worker, through a ledger
 * connection of its own, when the view is shown; the charts in view stay until the new ones
 * are ready. Clicking a bar of today's aging emits "bucket-activated" (guint bucket), for the
 * window to filter the account list to that bucket; on a past day a click does nothing (the
 * list's buckets are as of today) and the chart's tooltip says so. */

#define AR_TYPE_AGING_VIEW (ar_aging_view_get_type ())
G_DECLARE_FINAL_TYPE (ArAgingView, ar_aging_view, AR, AGING_VIEW, GtkWidget)

GtkWidget  *ar_aging_view_new             (void);
ArLedger   *ar_aging_view_get_ledger      (ArAgingView *self);
void        ar_aging_view_set_ledger      (ArAgingView *self,
                                           ArLedger    *ledger);
/* Computes the report again (after a write). */
void        ar_aging_view_reload          (ArAgingView *self);
/* The as-of day, a Julian day; 0 = today (the default), whatever day it is when computed. */
guint32     ar_aging_view_get_as_of       (ArAgingView *self);
void        ar_aging_view_set_as_of       (ArAgingView *self,
                                           guint32      as_of);

/* For tests: the accessible description set, and how often the chart was painted. */
const char *ar_aging_view_get_description (ArAgingView *self);
/* For tests: whether a computation is under way, the day of the charts shown (0: none), the
 * trend's accessible description, its number of columns, how often it was painted. */
gboolean    ar_aging_view_get_computing   (ArAgingView *self);
guint32     ar_aging_view_get_shown_as_of (ArAgingView *self);
const char *ar_aging_view_get_trend_description (ArAgingView *self);
guint       ar_aging_view_get_n_trend_points    (ArAgingView *self);
guint       ar_aging_view_get_n_trend_draws     (ArAgingView *self);
guint       ar_aging_view_get_n_draws     (ArAgingView *self);
/* For tests: where the bar of @bucket was painted (drawing-area pixels), and a click there. */
gboolean    ar_aging_view_get_bar_area    (ArAgingView     *self,
                                           guint            bucket,
                                           graphene_rect_t *out_area);
void        ar_aging_view_click           (ArAgingView     *self,
                                           double           x,
                                           double           y);

G_END_DECLS
