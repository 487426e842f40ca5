/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-debtor-ledger.h"
#include "ar-debtor-pane.h"

G_BEGIN_DECLS

/* What ar-debtor-pane-actions.c (the pane's write actions and documents) needs of the pane,
 * which keeps the display (gnome-text-editor's editor-window-actions.c split). */

/* The debtor shown, or NULL. */
const ArDebtorLedger *_ar_debtor_pane_get_debtor   (ArDebtorPane   *self);
/* The currency the header shows, or NULL when the debtor has none. */
const char           *_ar_debtor_pane_get_currency (ArDebtorPane   *self);
/* Changes with every ledger shown, so an Undo meant for another ledger does nothing. */
guint                 _ar_debtor_pane_get_epoch    (ArDebtorPane   *self);
/* After a write for @debtor_id: the account list's row and the pane. */
void                  _ar_debtor_pane_refresh      (ArDebtorPane   *self,
                                                    gint64          debtor_id);
void                  _ar_debtor_pane_toast        (ArDebtorPane   *self,
                                                    const char     *title);
/* A toast whose "Undo" activates "debtor-undo.@action" with @target (floating reference
 * taken); the group is put on the window's toast overlay. */
void                  _ar_debtor_pane_toast_undo   (ArDebtorPane   *self,
                                                    const char     *title,
                                                    const char     *action,
                                                    GVariant       *target);
void                  _ar_debtor_pane_show_error   (ArDebtorPane   *self,
                                                    const char     *heading,
                                                    const GError   *error);
/* The text of the notes editor. */
char                 *_ar_debtor_pane_get_notes    (ArDebtorPane   *self);

/* ar-debtor-pane-actions.c */
void                  _ar_debtor_pane_class_actions_init (GtkWidgetClass *widget_class);
void                  _ar_debtor_pane_actions_update     (ArDebtorPane   *self);
/* The "debtor-undo" group: undo-entries (u epoch, ax entries, x debtor), undo-status
 * (u epoch, x debtor, s status), undo-contact (u epoch, x debtor, i kind, x contact, s
 * status). */
GActionGroup         *_ar_debtor_pane_undo_group_new     (ArDebtorPane   *self);

G_END_DECLS
