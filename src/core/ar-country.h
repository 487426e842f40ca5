/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE if @code is an officially assigned ISO 3166-1 alpha-2 code ("DE", "GB", "US"). */
gboolean ar_country_is_valid (const char *code);

G_END_DECLS
