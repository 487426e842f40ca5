/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE if @code is an officially assigned ISO 3166-1 alpha-2 code ("DE", "GB", "US"). */
gboolean    ar_country_is_valid (const char *code);
/* The country's English short name ("Germany", "United Kingdom", "Côte d'Ivoire") for @code in
 * either case, or NULL when @code is not an assigned code. Not translated: the last line of
 * an address is read by the postal services on the way, for whom English is one of the two
 * languages the UPU allows (S42). */
const char *ar_country_get_name (const char *code);

G_END_DECLS
