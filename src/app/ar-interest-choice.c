/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-interest-choice"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-interest.h"
#include "ar-interest-choice.h"
#include "ar-money.h"

/* "none" is the ledger's own word (ar-dunning.h); the others are ar-interest.h's regimes. */
static const char * const names[AR_N_INTEREST_CHOICES] = {
  "none", "simple", "uk-b2b", "eu-b2b", "de-b2b", "de-b2c",
};

GtkStringList *
ar_interest_choice_model (const char *first)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  if (first != NULL)
    gtk_string_list_append (list, first);
  gtk_string_list_append (list, _("No interest"));
  for (guint i = 1; i < AR_N_INTEREST_CHOICES; i++)
    {
      ArInterestRegime regime;

      if (!ar_interest_regime_from_string (names[i], &regime))
        g_return_val_if_reached (list);
      gtk_string_list_append (list, ar_interest_regime_describe (regime));
    }
  return list;
}

const char *
ar_interest_choice_regime (guint index)
{
  g_return_val_if_fail (index < AR_N_INTEREST_CHOICES, "none");
  return names[index];
}

guint
ar_interest_choice_index (const char *regime)
{
  for (guint i = 0; i < AR_N_INTEREST_CHOICES; i++)
    if (g_strcmp0 (regime, names[i]) == 0)
      return i;
  return 0;
}

gboolean
ar_interest_choice_parse_apr (const char  *text,
                              gint64      *out_bp,
                              GError     **error)
{
  gint64 bp;

  if (!ar_percent_parse_bp (text, &bp) || bp <= 0)
    {
      g_autofree char *copy = g_strstrip (g_strdup (text));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is what was typed */
                   _("Yearly rate: “%s” is not a percentage above 0 with up to two decimals, "
                     "like 8 or 8.5"), copy);
      return FALSE;
    }
  *out_bp = bp;
  return TRUE;
}

char *
ar_interest_choice_format_apr (gint64 apr_bp)
{
  return ar_money_format_minor (apr_bp, 2);
}
