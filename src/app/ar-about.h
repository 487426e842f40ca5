/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The About window, filled from the AppStream metainfo compiled into the resources (name,
 * summary, developer, links, the newest release and its notes), so the two never disagree.
 * adw_about_window_new_from_appdata() would do this, but it is libadwaita 1.5. */
GtkWidget *ar_about_window_new (GtkWindow *parent);

G_END_DECLS
