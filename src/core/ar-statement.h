/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-aging.h"
#include "ar-debtor-ledger.h"
#include "ar-ledger.h"

G_BEGIN_DECLS

/* The data of an account statement: one debtor, one currency, one period [from, to] of
 * calendar days. The PDF renderer draws it; nothing here knows about pages or fonts.
 *
 * The figures come from two independent computations that must agree, and
 * ar_statement_validate() proves they do before a statement is handed out:
 *  - the journal: opening balance (every entry dated before @from: Σ debits − Σ credits, a
 *    reversal counting on the opposite side of the entry it cancels, so that the two net out),
 *    each entry in the period with its running balance, the closing balance;
 *  - the allocation as of @to (ar_allocate() over the entries dated on or before @to): the
 *    open items, their aging and the unapplied credit. A payment received after @to changes
 *    neither, so a statement reprinted later shows the same figures. */

/* The people on a document --------------------------------------------------------------- */

typedef struct
{
  gint64       id;
  const char  *external_id;
  const char  *name;
  const char  *company;          /* "" when none */
  const char  *contact_person;   /* "" when none */
  const char  *language;         /* BCP 47, "" when not set */
  const char  *country;          /* ISO 3166-1 alpha-2 of the debtor, "" when not set */
  /* The postal address for the letter window: the first address whose status is valid, else
   * the first unverified one (addresses marked bad or returned mail are never used), as lines
   * joined by "\n" (ar_postal_address_format()). "" when the debtor has no usable address. */
  const char  *address;
  gboolean     has_address;
  gboolean     cease_contact;
} ArDocumentDebtor;

typedef struct
{
  const char *name;              /* the legal name, or the trade name when it has none */
  const char *legal_name;
  const char *trade_name;
  const char *address;           /* lines joined by "\n" */
  const char *country;
  const char *phone;
  const char *email;
  const char *website;
  const char *tax_id;
  const char *payment_instructions;
  const char *bank_account;
  const char *iban;
  const char *bic;
  const char *routing_number;
  const char *signature_name;
} ArDocumentCompany;

/* Fills @debtor from @account (see ar-debtor-ledger.h) and the debtor's postal address, and
 * @company from the ledger's company details (either may be NULL); the strings are copied
 * into @strings. */
gboolean    ar_document_parties_load   (ArLedger             *ledger,
                                        const ArDebtorLedger *account,
                                        GStringChunk         *strings,
                                        ArDocumentDebtor     *debtor,
                                        ArDocumentCompany    *company,
                                        GError              **error);

/* An address as lines for an envelope window: line1, line2, then the city, region and postal
 * code as the destination country's post writes them (a small table of per-country patterns
 * in ar-statement.c: "Springfield, IL 62704", "00184 Roma RM", "10115 Berlin" — no region
 * where the national format has none), empty or blank parts left out with their separators,
 * and a region equal to the city printed once. When @country differs from @sender_country
 * (both set), the last line is the country's English name in capitals ("GERMANY"), as UPU
 * S42 asks of an address abroad. */
char       *ar_postal_address_format   (const char          *line1,
                                        const char          *line2,
                                        const char          *city,
                                        const char          *region,
                                        const char          *postal_code,
                                        const char          *country,
                                        const char          *sender_country);

/* The statement ----------------------------------------------------------------------------- */

#define AR_STATEMENT_ERROR (ar_statement_error_quark ())

typedef enum
{
  AR_STATEMENT_ERROR_INVALID,       /* a bad request: period, currency */
  AR_STATEMENT_ERROR_INCONSISTENT,  /* the figures don't add up; the message names them */
} ArStatementError;

GQuark      ar_statement_error_quark   (void);

typedef struct
{
  gint64       entry_id;
  guint32      date;             /* Julian day */
  ArEntryKind  kind;
  const char  *reference;
  const char  *description;      /* the entry's memo (an invoice's description; a reversal's
                                  * reason) */
  const char  *invoice_number;   /* NULL when the entry names no invoice */
  gint64       debit;            /* ≥ 0; exactly one of debit and credit is > 0 */
  gint64       credit;           /* ≥ 0 */
  gint64       running_balance;  /* the balance after this line */
  gint64       reverses_id;      /* a reversal: the entry it cancels, else 0 */
  gboolean     reversed;         /* reversed by an entry dated on or before @to */
} ArStatementLine;

/* One open debit item as of @to. Fees and interest are items of their own, listed under the
 * invoice they were charged on. */
typedef struct
{
  gint64       entry_id;
  ArEntryKind  kind;             /* invoice, fee, interest, or refund (credit paid out beyond
                                  * what was on account) */
  gint64       invoice_id;       /* 0 when the item belongs to no invoice */
  const char  *invoice_number;   /* NULL when @invoice_id is 0 */
  const char  *description;      /* the entry's memo */
  guint32      issue_date;       /* Julian days: the invoice's, or the item's own date */
  guint32      due_date;
  int          days_overdue;     /* @to − due date; 0 when not yet due */
  gint64       amount;           /* original amount of the item */
  gint64       open;             /* 0 < open ≤ amount */
} ArStatementItem;

typedef struct
{
  gint64             debtor_id;
  char               currency[4];
  guint32            from;               /* Julian days, from ≤ to */
  guint32            to;

  ArDocumentDebtor   debtor;
  ArDocumentCompany  company;

  gint64             opening_balance;    /* owed before @from (negative: credit) */
  GArray            *lines;              /* ArStatementLine, by date, then entry id */
  gint64             total_debits;       /* Σ lines' debits */
  gint64             total_credits;      /* Σ lines' credits */
  gint64             closing_balance;    /* owed at the end of @to */

  GArray            *open_items;         /* ArStatementItem, oldest due date first */
  gint64             open_total;         /* Σ open of the items */
  gint64             overdue_total;      /* Σ open of the items past due on @to */
  gint64             unapplied;          /* credit on account on @to */
  gint64             amount_due;         /* max (closing balance, 0) */

  ArAgingConfig      aging;              /* the ledger's aging settings */
  guint              n_buckets;          /* aging.n_limits + 2 */
  gint64             buckets[AR_AGING_MAX_BUCKETS];  /* Σ open per bucket, as of @to */

  /*< private >*/
  GStringChunk      *strings;
} ArStatement;

/* Builds the statement of @debtor_id in @currency for the days @from to @to (inclusive) and
 * validates it. All parts are read in one read transaction. */
ArStatement *ar_statement_build        (ArLedger            *ledger,
                                        gint64               debtor_id,
                                        const char          *currency,
                                        guint32              from,
                                        guint32              to,
                                        GError             **error);
/* Checks, in exact integer arithmetic, that
 *   closing = opening + Σ debits − Σ credits, and each line's running balance is the one
 *   before it plus its debit minus its credit;
 *   Σ buckets = Σ open items = open_total;
 *   open_total − unapplied = closing;
 *   amount_due = max (closing, 0);
 * and that every item has 0 < open ≤ amount. AR_STATEMENT_ERROR_INCONSISTENT names the
 * figures that disagree. */
gboolean     ar_statement_validate     (const ArStatement   *self,
                                        GError             **error);
void         ar_statement_free         (ArStatement         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArStatement, ar_statement_free)

G_END_DECLS
