/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-form"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-date.h"
#include "ar-form.h"

void
ar_form_mark (GtkWidget  *widget,
              const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (message != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

gboolean
ar_form_read_amount (GtkEditable  *entry,
                     const char   *currency,
                     ArFormFlags   flags,
                     gint64       *out_minor,
                     char        **out_message)
{
  const char *text = gtk_editable_get_text (entry);
  ArMoney amount;

  *out_message = NULL;
  *out_minor = 0;
  if (text[0] == '\0')
    return (flags & AR_FORM_OPTIONAL) != 0;
  if (!ar_money_parse_locale (text, currency, &amount, NULL))
    {
      g_autofree char *example = ar_money_format (123456, currency);

      /* Translators: the first %s is what was typed, the second an example: "$1,234.56" */
      *out_message = g_strdup_printf (_("“%s” is not an amount. Write it like %s."), text,
                                      example);
      return FALSE;
    }
  if (amount.minor <= 0)
    {
      *out_message = g_strdup (_("The amount must be more than zero."));
      return FALSE;
    }
  *out_minor = amount.minor;
  return TRUE;
}

gboolean
ar_form_read_date (GtkEditable  *entry,
                   guint32      *out_julian,
                   char        **out_message)
{
  GDate date;

  *out_message = NULL;
  if (!ar_date_parse (gtk_editable_get_text (entry), &date, NULL))
    {
      /* Translators: keep YYYY-MM-DD as it is, it is the format the field reads */
      *out_message = g_strdup (_("The date must be written as YYYY-MM-DD, like 2026-01-31."));
      return FALSE;
    }
  *out_julian = ar_date_to_julian (&date);
  return TRUE;
}

void
ar_form_set_date (GtkEditable *entry,
                  guint32      julian)
{
  char text[11];

  gtk_editable_set_text (entry, ar_date_format_julian (julian, text));
}

guint32
ar_form_today (void)
{
  GDate today;

  ar_date_set_today (&today);
  return ar_date_to_julian (&today);
}

void
ar_form_add_message (GString    *messages,
                     const char *message)
{
  if (message == NULL)
    return;
  if (messages->len > 0)
    g_string_append_c (messages, '\n');
  g_string_append (messages, message);
}

void
ar_form_show_messages (GtkLabel *label,
                       GString  *messages)
{
  gtk_label_set_text (label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (label), messages->len > 0);
}
