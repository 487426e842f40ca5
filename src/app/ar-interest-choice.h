/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The interest calculators as a combo row lists them (ar-dunning.h's regime names, in this
 * order): "none", "simple", "uk-b2b", "eu-b2b", "de-b2b", "de-b2c". Shared by Preferences ▸
 * Dunning (the book's) and the Edit Debtor dialog (an override, after an "As the book" item). */
#define AR_N_INTEREST_CHOICES 6

/* The people's names in that order, after @first when it is not NULL. */
GtkStringList *ar_interest_choice_model  (const char  *first);
const char    *ar_interest_choice_regime (guint        index);
/* The index of @regime, or 0 ("none") for a name this list does not know. */
guint          ar_interest_choice_index  (const char  *regime);
/* A yearly rate typed as a percent ("8", "8.5 %", up to two decimals) as basis points
 * above 0; FALSE with a message for people otherwise. */
gboolean       ar_interest_choice_parse_apr (const char *text,
                                             gint64     *out_bp,
                                             GError    **error);
/* Basis points as the percent to show in the entry: 850 → "8.50". */
char          *ar_interest_choice_format_apr (gint64     apr_bp);

G_END_DECLS
