/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ar-ledger.h"

G_BEGIN_DECLS

/* Letter templates: plain text with merge fields.
 *
 *   Dear {debtor.name},
 *
 *   our records show {total_due} overdue:
 *
 *   {invoice_table}
 *
 *   Please pay by {deadline}.
 *
 * Rules:
 *  - A field is a known name between braces, nothing else: no expressions, no filters, no
 *    nesting. An unknown field, an unclosed "{", a "{" inside a field and a lone "}" are
 *    errors that name the line and column (1-based, in characters), both when a template is
 *    stored and when it is parsed for printing.
 *  - "{{" and "}}" stand for literal braces.
 *  - Values are inserted as text and never parsed again: a debtor called "{total_due}" is
 *    printed as exactly that.
 *  - {invoice_table} is not text: it stays a segment of its own that the renderer replaces
 *    with the table of items. */

#define AR_TEMPLATE_ERROR (ar_template_error_quark ())

typedef enum
{
  AR_TEMPLATE_ERROR_SYNTAX,         /* unbalanced or misplaced braces, invalid UTF-8 */
  AR_TEMPLATE_ERROR_UNKNOWN_FIELD,  /* {name} that is not a known field */
  AR_TEMPLATE_ERROR_NO_VALUE,       /* the lookup had no value for a field */
  AR_TEMPLATE_ERROR_INVALID,        /* a bad level, language, subject or body */
  AR_TEMPLATE_ERROR_NOT_FOUND,      /* no stored or built-in template for the level */
} ArTemplateError;

GQuark      ar_template_error_quark     (void);

/* Fields ---------------------------------------------------------------------------------- */

typedef enum
{
  AR_TEMPLATE_FIELD_DEBTOR_NAME,
  AR_TEMPLATE_FIELD_DEBTOR_COMPANY,
  AR_TEMPLATE_FIELD_DEBTOR_CONTACT,
  AR_TEMPLATE_FIELD_DEBTOR_ID,
  AR_TEMPLATE_FIELD_DEBTOR_ADDRESS,       /* several lines */
  AR_TEMPLATE_FIELD_COMPANY_NAME,
  AR_TEMPLATE_FIELD_COMPANY_ADDRESS,      /* several lines */
  AR_TEMPLATE_FIELD_COMPANY_PHONE,
  AR_TEMPLATE_FIELD_COMPANY_EMAIL,
  AR_TEMPLATE_FIELD_COMPANY_WEBSITE,
  AR_TEMPLATE_FIELD_COMPANY_PAYMENT_INSTRUCTIONS,
  AR_TEMPLATE_FIELD_COMPANY_IBAN,
  AR_TEMPLATE_FIELD_COMPANY_BIC,
  AR_TEMPLATE_FIELD_COMPANY_SIGNATURE,
  AR_TEMPLATE_FIELD_TOTAL_DUE,
  AR_TEMPLATE_FIELD_DEADLINE,
  AR_TEMPLATE_FIELD_DATE,
  AR_TEMPLATE_FIELD_CURRENCY,
  AR_TEMPLATE_FIELD_INVOICE_TABLE,        /* the table placeholder, never looked up */
  AR_TEMPLATE_FIELD_LEVEL_NAME,
  /* "…please contact us at PHONE or EMAIL.", worded for the level, with only the channels the
   * company has; empty when it has neither. Added after the others: the order is not stored,
   * but keeping the existing values keeps the renderer's bit masks and tests stable. */
  AR_TEMPLATE_FIELD_COMPANY_CONTACT_SENTENCE,
  AR_N_TEMPLATE_FIELDS
} ArTemplateField;

/* "debtor.name", ... as written between the braces (never translated). */
const char *ar_template_field_get_name        (ArTemplateField  field);
/* What the field holds, translated, for a template editor. */
const char *ar_template_field_get_description (ArTemplateField  field);
/* TRUE for the fields whose value can span several lines (addresses) and for the table:
 * these are refused in a subject line. */
gboolean    ar_template_field_is_multiline    (ArTemplateField  field);
gboolean    ar_template_field_from_name       (const char      *name,
                                               ArTemplateField *out);

/* Parsed templates ---------------------------------------------------------------------- */

typedef enum
{
  AR_TEMPLATE_SEGMENT_TEXT,   /* literal text (braces already unescaped) */
  AR_TEMPLATE_SEGMENT_FIELD,  /* a merge field */
  AR_TEMPLATE_SEGMENT_TABLE,  /* {invoice_table} */
} ArTemplateSegmentKind;

typedef struct
{
  ArTemplateSegmentKind  kind;
  ArTemplateField        field;   /* FIELD and TABLE */
  /* TEXT: the literal text. FIELD: NULL in a parsed template, the value in an expanded one.
   * TABLE: NULL. */
  const char            *text;
  guint                  line;    /* where the segment starts in the source, 1-based */
  guint                  column;  /* in characters, 1-based */
} ArTemplateSegment;

typedef struct _ArTemplate ArTemplate;

/* Parses @text (UTF-8). Adjacent literal text is one segment; an empty text gives no
 * segments. */
ArTemplate              *ar_template_parse            (const char        *text,
                                                       GError           **error);
void                     ar_template_free             (ArTemplate        *self);
guint                    ar_template_get_n_segments   (const ArTemplate  *self);
const ArTemplateSegment *ar_template_get_segment      (const ArTemplate  *self,
                                                       guint              index);
/* TRUE if @field occurs in the template. */
gboolean                 ar_template_uses_field       (const ArTemplate  *self,
                                                       ArTemplateField    field);
/* The template written out again, literal braces escaped: parsing it gives the same
 * segments. For an expanded template, use ar_template_to_text(). */
char                    *ar_template_to_source        (const ArTemplate  *self);

/* Returns the value of @field, newly allocated, or NULL when it has none (an error naming
 * the field). Never called for the table placeholder. */
typedef char *(*ArTemplateLookupFunc) (ArTemplateField  field,
                                       gpointer         user_data);

/* A copy of @self whose FIELD segments hold their values as text (not parsed again); TEXT
 * and TABLE segments stay as they are. A field whose value is empty takes its surroundings'
 * spare whitespace with it: the space before it when it ends a line ("… thank you. {f}\n"),
 * or the blank line after it when it stands alone as a paragraph ("\n\n{f}\n\n"), so an
 * optional sentence or paragraph leaves no trace. */
ArTemplate              *ar_template_expand           (const ArTemplate  *self,
                                                       ArTemplateLookupFunc lookup,
                                                       gpointer           user_data,
                                                       GError           **error);
/* The text of an expanded template, the table placeholder replaced by @table_text (NULL:
 * nothing). For plain-text output such as e-mail and for tests. */
char                    *ar_template_to_text          (const ArTemplate  *self,
                                                       const char        *table_text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArTemplate, ar_template_free)

/* Dunning levels and their letters -------------------------------------------------------- */

#define AR_TEMPLATE_MIN_LEVEL     1
#define AR_TEMPLATE_MAX_LEVEL     9
/* 1 friendly reminder, 2 first notice, 3 second notice, 4 final demand. */
#define AR_TEMPLATE_BUILTIN_LEVELS 4

/* The name of @level, translated: "Friendly reminder", ..., "Level 7" above the built-ins. */
char       *ar_template_level_name      (guint            level);
/* The built-in subject and body of @level (1..4) in the current locale's language; FALSE for
 * other levels. The strings are static. */
gboolean    ar_template_get_builtin     (guint            level,
                                         const char     **out_subject,
                                         const char     **out_body);
/* The built-in letters' sentence asking the debtor to get in touch, worded for @level (levels
 * above the built-in ones use the last built-in wording), naming @phone, @email or both, and
 * "" when both are NULL or blank. @deadline: the deadline as printed on the letter. */
char       *ar_template_contact_sentence (guint           level,
                                          const char     *phone,
                                          const char     *email,
                                          const char     *deadline);

/* "de-AT" from "de_AT", "DE-at", ...; "" stays "". NULL when @tag is not a well-formed
 * language tag (letters and digits in subtags of 1 to 8, the first 2 to 8 letters). */
char       *ar_template_normalize_language (const char   *tag);

typedef enum
{
  AR_LETTER_TEMPLATE_STORED,    /* stored for the language asked for (or a less specific one:
                                 * "de" for "de-AT") */
  AR_LETTER_TEMPLATE_DEFAULT,   /* stored for the book's default language ('') */
  AR_LETTER_TEMPLATE_BUILTIN,   /* the built-in text, translated into the current locale */
} ArLetterTemplateSource;

typedef struct
{
  guint                   level;
  ArLetterTemplateSource  source;
  char                   *language;    /* the stored row's language ("" = default); NULL for
                                        * a built-in */
  char                   *subject;
  char                   *body;
  char                   *updated_at;  /* ISO 8601 UTC; NULL for a built-in */
} ArLetterTemplate;

void        ar_letter_template_free     (ArLetterTemplate *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArLetterTemplate, ar_letter_template_free)

/* Checks @subject (one line, no multi-line fields, no table) and @body (at most one
 * {invoice_table}) and stores them as the template of @level (1..9) for @language ("" or
 * NULL: the book's default), replacing what was there. Audited; one transaction. */
gboolean    ar_template_store           (ArLedger         *ledger,
                                         guint             level,
                                         const char       *language,
                                         const char       *subject,
                                         const char       *body,
                                         GError          **error);
/* Removes the stored template of @level for @language, so that lookups fall back again.
 * Removing one that isn't there is not an error. Audited. */
gboolean    ar_template_delete          (ArLedger         *ledger,
                                         guint             level,
                                         const char       *language,
                                         GError          **error);
/* The template to print @level with for a debtor whose language is @language (BCP 47, "" or
 * NULL when unknown; a malformed tag counts as unknown): the one stored for that language or
 * a less specific form of it, else the one stored for the book's default language, else the
 * built-in text. The built-in text comes from gettext in the current locale, not in
 * @language: to write to a debtor in another language, store a template in that language.
 * A level above the built-ins with nothing stored is AR_TEMPLATE_ERROR_NOT_FOUND. */
ArLetterTemplate *ar_template_lookup    (ArLedger         *ledger,
                                         guint             level,
                                         const char       *language,
                                         GError          **error);

G_END_DECLS
