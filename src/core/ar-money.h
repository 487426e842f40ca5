/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money is always an integer count of the currency's minor units plus its ISO 4217 code.
 * There is no floating point anywhere on the money path. */
typedef struct
{
  gint64 minor;        /* e.g. 123450 for USD 1234.50, 1234 for JPY 1234 */
  char   currency[4];  /* ISO 4217 alphabetic code, NUL-terminated, upper case */
} ArMoney;

#define AR_MONEY_ERROR (ar_money_error_quark ())

typedef enum
{
  AR_MONEY_ERROR_INVALID,   /* not a number in the expected form (empty, stray characters, ...) */
  AR_MONEY_ERROR_PRECISION, /* more decimals than the currency has */
  AR_MONEY_ERROR_RANGE,     /* beyond what gint64 minor units hold, or arithmetic overflow */
  AR_MONEY_ERROR_CURRENCY,  /* unknown currency code, or two different currencies mixed */
} ArMoneyError;

GQuark      ar_money_error_quark       (void);

/* ISO 4217 --------------------------------------------------------------------------------- */

/* Minor-unit exponent of an active ISO 4217 currency (USD 2, JPY 0, KWD 3, CLF 4),
 * or -1 if @code is not an active ISO 4217 code. Case-sensitive: codes are upper case. */
int         ar_currency_exponent       (const char   *code);
gboolean    ar_currency_is_valid       (const char   *code);
/* A short symbol for display ("$", "€", "£", "¥", "CHF" ...); the code itself when none.
 * Returns a static string, or @code itself when @code is not in the table. */
const char *ar_currency_symbol         (const char   *code);
/* The table itself, in ascending code order (for currency pickers and for tests):
 * index 0 .. ar_currency_get_n_codes () - 1. */
guint       ar_currency_get_n_codes    (void);
const char *ar_currency_get_code       (guint         index);

/* Parsing -------------------------------------------------------------------------------- */

/* Parses the plain machine form: an optional leading '-', one or more ASCII digits, and
 * optionally '.' followed by 1..exponent digits ("1234.5", "1234.50", "-0.05", "7" for JPY).
 * No '+', no grouping, no spaces, no exponent notation. Too many decimals is
 * AR_MONEY_ERROR_PRECISION (never rounded); a value beyond G_MAXINT64 minor units is
 * AR_MONEY_ERROR_RANGE (never wrapped). The message names what was wrong.
 *
 * Decisions: ".5", "1.", "-", "." and "" are AR_MONEY_ERROR_INVALID (a digit is required on
 * both sides of the point). Surplus decimals are AR_MONEY_ERROR_PRECISION even when they are
 * zeros ("1.230" for exponent 2) or when @exponent is 0 ("12.5" for JPY). Leading zeros are
 * accepted ("007.50"); "-0" and "-0.00" parse as 0. The negative range is one larger, so
 * G_MININT64 minor units parse ("-92233720368547758.08" for exponent 2). Syntax is checked
 * first, then precision, then range. @exponent is 0..18. On failure *out_minor is untouched. */
gboolean    ar_money_parse_minor       (const char   *text,
                                        int           exponent,
                                        gint64       *out_minor,
                                        GError      **error);
/* A percentage as typed by a person ("8", "8.5", " 8.50 % ") as basis points (hundredths of a
 * percent): surrounding space and one trailing '%' are allowed, up to two decimals, as
 * ar_money_parse_minor() reads them. Sign and range are the caller's to check. */
gboolean    ar_percent_parse_bp        (const char   *text,
                                        gint64       *out_bp);
/* Same, for a currency code (unknown codes are AR_MONEY_ERROR_CURRENCY). */
gboolean    ar_money_parse             (const char   *text,
                                        const char   *currency,
                                        ArMoney      *out,
                                        GError      **error);
/* What a person types in the current locale: accepts the locale's decimal separator and
 * grouping separator (only in valid positions), surrounding spaces, an optional currency
 * symbol or code before or after, and a leading '-'. Same strictness otherwise.
 *
 * Details: the separators are the ones ar_money_format() uses (in the C locale '.' and ',' by
 * 3). Grouping is optional ("1234.50" is fine), but once used, every group must sit where the
 * locale's grouping puts it and the first group may not start with 0 ("1,23.00", "12,34" and
 * "0,123" are AR_MONEY_ERROR_INVALID). When the grouping separator is a space (U+0020, U+00A0,
 * U+202F, U+2009), any of those spaces is accepted in its place. The symbol may be
 * ar_currency_symbol (@currency), the locale's own symbol when the locale's currency is
 * @currency, or the code (ASCII case-insensitive); at most once, before the number (also
 * before or after the '-': "-$5", "$-5") or after it, with optional spaces in between. Another
 * ISO code in its place ("EUR 5" for USD) is AR_MONEY_ERROR_CURRENCY. The only minus sign is
 * ASCII '-'. */
gboolean    ar_money_parse_locale      (const char   *text,
                                        const char   *currency,
                                        ArMoney      *out,
                                        GError      **error);

/* Formatting ----------------------------------------------------------------------------- */

/* The machine form: "1234.50", "-0.05", "1234" (JPY), "1.234" (KWD). Never grouped.
 * Exactly @exponent decimals, so ar_money_parse (ar_money_format_plain (x)) == x for every
 * gint64 x, G_MININT64 included. @currency must be valid (NULL and a critical otherwise). */
char       *ar_money_format_plain      (gint64        minor,
                                        const char   *currency);
/* The same for a bare exponent (0..18), the inverse of ar_money_parse_minor(). */
char       *ar_money_format_minor      (gint64        minor,
                                        int           exponent);
/* For people, in the current LC_MONETARY/LC_NUMERIC locale: decimal point, grouping and
 * symbol placement from localeconv() ("$1,234.50" in en_US, "1.234,50 €" in de_DE).
 *
 * Details: mon_decimal_point, mon_thousands_sep and mon_grouping, each falling back to its
 * LC_NUMERIC twin when empty. A locale without monetary conventions (C, C.UTF-8, POSIX) gets
 * '.', ',' grouped by 3, and the symbol first: "$1,234.50", "CHF 1,234.50". The symbol is the
 * locale's own currency_symbol when the locale's currency is @currency, otherwise
 * ar_currency_symbol(). A space separates symbol and number when the locale says so
 * (p/n_sep_by_space == 1) and always when the symbol's side next to the number is a letter
 * ("CHF 5.00", never "CHF5.00"). Negative amounts always start with '-', before the symbol:
 * "-$5.00", "-1.234,50 €" (the locale's sign position is not used, so the result always
 * parses back with ar_money_parse_locale()). Uses localeconv(), so it is not thread-safe with
 * respect to setlocale(). @currency must be valid (NULL and a critical otherwise). */
char       *ar_money_format            (gint64        minor,
                                        const char   *currency);

/* Arithmetic ----------------------------------------------------------------------------- */

/* Overflow-checked; on overflow returns FALSE with AR_MONEY_ERROR_RANGE and leaves *out alone. */
gboolean    ar_money_add               (gint64        a,
                                        gint64        b,
                                        gint64       *out,
                                        GError      **error);
gboolean    ar_money_sub               (gint64        a,
                                        gint64        b,
                                        gint64       *out,
                                        GError      **error);
gboolean    ar_money_mul               (gint64        a,
                                        gint64        factor,
                                        gint64       *out,
                                        GError      **error);
/* Adds b to a only if both have the same currency (AR_MONEY_ERROR_CURRENCY otherwise). */
gboolean    ar_money_add_checked       (const ArMoney *a,
                                        const ArMoney *b,
                                        ArMoney       *out,
                                        GError       **error);
/* Splits @total into @n parts that sum exactly to @total: equal parts truncated toward zero,
 * the remainder on the last part (100.00 / 3 → 33.33, 33.33, 33.34). @parts has @n slots.
 * n == 0 is an error (AR_MONEY_ERROR_INVALID). */
gboolean    ar_money_split             (gint64        total,
                                        guint         n,
                                        gint64       *parts,
                                        GError      **error);
/* @amount × @rate_bp / 10000 rounded half away from zero, overflow-checked (rates in basis
 * points: 8.25 % = 825). Used for percentage fees. */
gboolean    ar_money_percent_bp        (gint64        amount,
                                        gint64        rate_bp,
                                        gint64       *out,
                                        GError      **error);

G_END_DECLS
