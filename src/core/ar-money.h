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
/* A short symbol for display ("$", "€", "£", "¥", "CHF" ...); the code itself when none. */
const char *ar_currency_symbol         (const char   *code);

/* Parsing -------------------------------------------------------------------------------- */

/* Parses the plain machine form: an optional leading '-', one or more ASCII digits, and
 * optionally '.' followed by 1..exponent digits ("1234.5", "1234.50", "-0.05", "7" for JPY).
 * No '+', no grouping, no spaces, no exponent notation. Too many decimals is
 * AR_MONEY_ERROR_PRECISION (never rounded); a value beyond G_MAXINT64 minor units is
 * AR_MONEY_ERROR_RANGE (never wrapped). The message names what was wrong. */
gboolean    ar_money_parse_minor       (const char   *text,
                                        int           exponent,
                                        gint64       *out_minor,
                                        GError      **error);
/* Same, for a currency code (unknown codes are AR_MONEY_ERROR_CURRENCY). */
gboolean    ar_money_parse             (const char   *text,
                                        const char   *currency,
                                        ArMoney      *out,
                                        GError      **error);
/* What a person types in the current locale: accepts the locale's decimal separator and
 * grouping separator (only in valid positions), surrounding spaces, an optional currency
 * symbol or code before or after, and a leading '-'. Same strictness otherwise. */
gboolean    ar_money_parse_locale      (const char   *text,
                                        const char   *currency,
                                        ArMoney      *out,
                                        GError      **error);

/* Formatting ----------------------------------------------------------------------------- */

/* The machine form: "1234.50", "-0.05", "1234" (JPY), "1.234" (KWD). Never grouped. */
char       *ar_money_format_plain      (gint64        minor,
                                        const char   *currency);
/* For people, in the current LC_MONETARY/LC_NUMERIC locale: decimal point, grouping and
 * symbol placement from localeconv() ("$1,234.50" in en_US, "1.234,50 €" in de_DE). */
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
