/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ar-ledger.h"

G_BEGIN_DECLS

/* The aging of the whole book as of today: the render layer's aging chart painted with cairo
 * in a GtkDrawingArea (light or dark palette, following the style manager), one currency at a
 * time, with the chart model's text summary as the drawing area's accessible description.
 * The report is computed when the view is shown. Clicking a bar emits "bucket-activated"
 * (guint bucket), for the window to filter the account list to that bucket. */

#define AR_TYPE_AGING_VIEW (ar_aging_view_get_type ())
G_DECLARE_FINAL_TYPE (ArAgingView, ar_aging_view, AR, AGING_VIEW, GtkWidget)

GtkWidget  *ar_aging_view_new             (void);
ArLedger   *ar_aging_view_get_ledger      (ArAgingView *self);
void        ar_aging_view_set_ledger      (ArAgingView *self,
                                           ArLedger    *ledger);
/* Computes the report again (after a write). */
void        ar_aging_view_reload          (ArAgingView *self);

/* For tests: the accessible description set, and how often the chart was painted. */
const char *ar_aging_view_get_description (ArAgingView *self);
guint       ar_aging_view_get_n_draws     (ArAgingView *self);
/* For tests: where the bar of @bucket was painted (drawing-area pixels), and a click there. */
gboolean    ar_aging_view_get_bar_area    (ArAgingView     *self,
                                           guint            bucket,
                                           graphene_rect_t *out_area);
void        ar_aging_view_click           (ArAgingView     *self,
                                           double           x,
                                           double           y);

G_END_DECLS
