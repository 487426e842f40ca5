/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"
#include "ar-statement.h"
#include "ar-template.h"

G_BEGIN_DECLS

/* The input of a dunning letter: what one debtor owes in one currency and is overdue as of a
 * date, read with the allocation as of that date (a payment that arrives later doesn't change
 * a letter reprinted later).
 *
 * The letter lists
 *  - the overdue items: invoices (their own open amount, without fees) and any refund paid
 *    out beyond the credit on account, due at least max (min_days, 1) days before @as_of;
 *  - the charges: every open fee and interest item, each a line of its own, that belongs to a
 *    listed invoice or to no invoice at all (a charge on an invoice that is not listed is left
 *    out with its invoice);
 * and the total due is the sum of exactly these lines. */

#define AR_LETTER_DATA_ERROR (ar_letter_data_error_quark ())

typedef enum
{
  AR_LETTER_DATA_ERROR_INVALID,       /* a bad request: currency, date */
  AR_LETTER_DATA_ERROR_INCONSISTENT,  /* the total is not the sum of the lines */
} ArLetterDataError;

GQuark      ar_letter_data_error_quark  (void);

typedef struct
{
  gint64       entry_id;
  ArEntryKind  kind;              /* items: invoice or refund; charges: fee or interest */
  gint64       invoice_id;        /* 0 when the line belongs to no invoice */
  const char  *invoice_number;    /* NULL when @invoice_id is 0 */
  const char  *description;       /* the entry's memo */
  guint32      issue_date;        /* Julian days: the invoice's, or the line's own date */
  guint32      due_date;
  int          days_overdue;      /* @as_of − due date; 0 when not yet due */
  gint64       amount;            /* original amount */
  gint64       open;              /* 0 < open ≤ amount */
} ArLetterLine;

typedef struct
{
  gint64             debtor_id;
  char               currency[4];
  guint32            as_of;       /* the letter's date, Julian day */
  guint32            deadline;    /* @as_of + the days given */
  guint              min_days;

  ArDocumentDebtor   debtor;
  ArDocumentCompany  company;

  GArray            *items;       /* ArLetterLine, oldest due date first */
  GArray            *charges;     /* ArLetterLine, fees and interest, oldest first */
  gint64             total_due;   /* Σ open of @items and @charges */
  gint64             not_listed;  /* open on @as_of but not in the letter (not yet due, or
                                   * fewer than @min_days days overdue) */
  gint64             held;        /* left out as disputed or on hold (ar_letter_data_leave_out) */

  /*< private >*/
  GStringChunk      *strings;
} ArLetterData;

/* Builds the letter data of @debtor_id in @currency as of @as_of, with a payment deadline
 * @deadline_days after it; only items at least @min_days days overdue are listed (0: every
 * overdue item). A debtor with nothing overdue gives empty lists and a total of 0. Validated
 * before it is returned. */
ArLetterData *ar_letter_data_build      (ArLedger            *ledger,
                                         gint64               debtor_id,
                                         const char          *currency,
                                         guint32              as_of,
                                         guint                deadline_days,
                                         guint                min_days,
                                         GError             **error);
/* Adds a charge that the letter itself makes (a dunning run posts it when the letter is
 * recorded as sent): a line of its own among the charges, with no entry yet (@entry_id 0),
 * dated and due on the letter's date, included in the total. @kind is a fee or interest;
 * @invoice_id (0: none) and @invoice_number name the invoice it is charged on. */
gboolean      ar_letter_data_add_charge (ArLetterData        *self,
                                         ArEntryKind          kind,
                                         gint64               invoice_id,
                                         const char          *invoice_number,
                                         const char          *description,
                                         gint64               amount,
                                         GError             **error);
/* Leaves invoice @invoice_id and the charges on it out of the letter (a disputed or snoozed
 * invoice): their open amounts move from the total to @held. */
void          ar_letter_data_leave_out  (ArLetterData        *self,
                                         gint64               invoice_id);
/* Checks that the total due is the sum of the lines' open amounts, that every line has
 * 0 < open ≤ amount, that every item is overdue by at least max (min_days, 1) days and that
 * the deadline is not before the letter's date. */
gboolean      ar_letter_data_validate   (const ArLetterData  *self,
                                         GError             **error);
void          ar_letter_data_free       (ArLetterData        *self);

/* The value of @field for this letter at dunning @level, newly allocated: names and
 * addresses as stored, the total in the current locale's money format (ar_money_format()),
 * dates in the letter's date format. NULL for the table placeholder. */
char         *ar_letter_data_get_field  (const ArLetterData  *self,
                                         guint                level,
                                         ArTemplateField      field);
/* @tmpl expanded with this letter's fields (ar_template_expand()). */
ArTemplate   *ar_letter_data_expand     (const ArLetterData  *self,
                                         guint                level,
                                         const ArTemplate    *tmpl,
                                         GError             **error);
/* A date as printed in letters, in the current locale ("30 June 2026" in English). */
char         *ar_letter_format_date     (guint32              julian);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArLetterData, ar_letter_data_free)

/* Batch letters ----------------------------------------------------------------------------- */

/* A (debtor, currency) pair with items overdue, from the stored (current) allocation. */
typedef struct
{
  gint64          debtor_id;
  const char     *external_id;
  const char     *name;
  ArDebtorStatus  status;
  const char     *currency;
  gint64          balance;        /* what the debtor owes in @currency now */
  gint64          overdue;        /* Σ open of the items due at least min_days before as_of */
  guint32         oldest_due;     /* Julian day the oldest open item fell due */
  int             days_overdue;   /* as_of − oldest_due */
} ArLetterCandidate;

/* Receives each candidate; the strings stay valid only during the call. Return FALSE to stop.
 * The callback may read the ledger (build the letter data) but must not write to it. */
typedef gboolean (*ArLetterCandidateFunc) (const ArLetterCandidate *candidate,
                                           gpointer                 user_data);

/* Streams the debtors who have something at least max (@min_days, 1) days overdue on @as_of
 * in @currency (NULL: every currency), longest overdue first, from the stored balances and
 * open items through their indexes. Left out: debtors who asked not to be contacted
 * (cease_contact) and debtors whose status rules out a reminder — disputed, with an agency or
 * a lawyer, bankrupt, deceased, paid, written off, closed; "promise" and "plan" are listed
 * (their status says what was agreed; the caller decides). Because the stored allocation is
 * the current one, a debtor who has paid since @as_of is not listed. */
gboolean      ar_letter_candidates_run  (ArLedger              *ledger,
                                         guint32                as_of,
                                         guint                  min_days,
                                         const char            *currency,
                                         ArLetterCandidateFunc  func,
                                         gpointer               user_data,
                                         GError               **error);

G_END_DECLS
