/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Helpers shared by the ui suite's test programs. */

typedef gboolean (*ArUiCondition) (gpointer data);

/* Runs the main loop for @ms milliseconds. */
void ar_ui_iterate_for    (guint          ms);
/* Runs the main loop until @condition holds; fails the test after 20 s, naming @what. */
void ar_ui_wait_for       (ArUiCondition  condition,
                           gpointer       data,
                           const char    *what);
/* Shows @window with its widget (what a screenshot shows) @width × @height. */
void ar_ui_present_at     (GtkWindow     *window,
                           int            width,
                           int            height);
/* Renders @widget into <G_TEST_BUILT>/screenshots/@name as PNG. */
void ar_ui_save_screenshot (GtkWidget    *widget,
                           const char    *name);

G_END_DECLS
