/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ar-money.h"

G_BEGIN_DECLS

/* What the debtor pane's dialogs share: reading money and dates typed in the user's locale
 * through the core (ar_money_parse_locale(), ar_date_parse()) with a message that says what
 * is wrong and how to write it, and marking a field wrong for sight and screen readers. */

typedef enum
{
  AR_FORM_REQUIRED = 0,      /* empty is not recordable (but not an error yet) */
  AR_FORM_OPTIONAL = 1 << 0, /* empty reads as 0 */
} ArFormFlags;

/* Marks @widget wrong with @message (the "error" style class, its accessible description and
 * invalid state), or right again when @message is NULL. */
void      ar_form_mark            (GtkWidget   *widget,
                                   const char  *message);

/* Reads the amount in @entry in @currency. Returns TRUE when it is usable; FALSE with
 * *@out_message NULL when it is just empty and required, or with a message saying why. A
 * usable amount is more than zero. */
gboolean  ar_form_read_amount     (GtkEditable *entry,
                                   const char  *currency,
                                   ArFormFlags  flags,
                                   gint64      *out_minor,
                                   char       **out_message);
/* Reads a YYYY-MM-DD date as a Julian day. */
gboolean  ar_form_read_date       (GtkEditable *entry,
                                   guint32     *out_julian,
                                   char       **out_message);
/* Sets @entry to the Julian day @julian written as YYYY-MM-DD. */
void      ar_form_set_date        (GtkEditable *entry,
                                   guint32      julian);
guint32   ar_form_today           (void);

/* Appends @message, when there is one, as a line of @messages. */
void      ar_form_add_message     (GString     *messages,
                                   const char  *message);
/* Shows @messages in @label, or hides it when empty. */
void      ar_form_show_messages   (GtkLabel    *label,
                                   GString     *messages);

G_END_DECLS
