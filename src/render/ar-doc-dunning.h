/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ar-dunning-run.h"

G_BEGIN_DECLS

/* The letters of a dunning run (ar-dunning-run.h) as PDF. Each selected letter is drawn with
 * its level's template in the debtor's language (ar-doc-letter.h): every overdue item, the
 * fees and interest already open, the fees and interest this letter charges (lines of their
 * own, naming invoice and level) and the payment deadline. Items on hold are left out with a
 * note. */

/* Draws every selected, proposed letter of @preview: each into a PDF of its own, given to its
 * proposal with ar_dunning_proposal_set_document () (the exact bytes the commit keeps), and all
 * of them into one PDF for printing, which is returned (NULL with no error when no letter is
 * selected; a hand-over has no letter). Problems that don't stop a letter are appended to
 * @warnings (char *, "C000123: …"; may be NULL). Reads the ledger, never writes it: cancelling
 * after this changes nothing. */
GBytes *ar_doc_dunning_render (ArLedger          *ledger,
                               ArDunningPreview  *preview,
                               GCancellable      *cancellable,
                               GPtrArray         *warnings,
                               guint             *out_n_letters,
                               GError           **error);
/* The same with progress: the letters drawn so far and in all, (0, total) first, then every
 * 8th letter, and (total, total) once the batch is saved; from the calling thread. */
GBytes *ar_doc_dunning_render_full (ArLedger              *ledger,
                                    ArDunningPreview      *preview,
                                    ArDunningProgressFunc  progress,
                                    gpointer               progress_data,
                                    GCancellable          *cancellable,
                                    GPtrArray             *warnings,
                                    guint                 *out_n_letters,
                                    GError               **error);

G_END_DECLS
