/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-money"
#include "config.h"

#include <glib.h>
#include <locale.h>
#include <string.h>

#include "ar-money.h"

/* Helpers -------------------------------------------------------------------------------- */

/* Switches LC_ALL to @name, or skips the test case when this machine lacks the locale
 * (Debian: install "locales", uncomment the locale in /etc/locale.gen, run locale-gen). */
static gboolean
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("locale %s is not available", name);

      g_test_skip (msg);
      return FALSE;
    }
  return TRUE;
}

static void
restore_locale (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

static const gint64 interesting[] = {
  0, 1, -1, 5, -5, 9, 10, -10, 99, 100, -100, 101, 999, 1000, -1000, 12345, -12345, 123456,
  999999, 1000000, -1000000, 123456789, -123456789, 100000000000, 123456789012345678,
  G_MAXINT64, G_MININT64, G_MAXINT64 - 1, G_MININT64 + 1, G_MAXINT64 / 10, G_MININT64 / 10,
  G_MAXINT32, G_MININT32, (gint64) G_MAXINT32 + 1, (gint64) G_MININT32 - 1,
};

static gint64
random_int64 (void)
{
  guint64 hi = (guint32) g_test_rand_int ();
  guint64 lo = (guint32) g_test_rand_int ();
  int shift = g_test_rand_int_range (0, 64);

  /* Mix magnitudes: all bits, or shifted down to small values. */
  gint64 value = (gint64) (((hi << 32) | lo) >> shift);

  if (g_test_rand_bit () && value != G_MININT64)
    value = -value;
  return value;
}

/* ISO 4217 table ------------------------------------------------------------------------- */

static void
test_currency_table_sorted (void)
{
  guint n = ar_currency_get_n_codes ();
  const char *prev = NULL;

  /* List One has about 180 alphabetic codes; some 165 of them have a defined minor unit. */
  g_assert_cmpuint (n, >=, 160);
  g_assert_cmpuint (n, <=, 175);

  for (guint i = 0; i < n; i++)
    {
      const char *code = ar_currency_get_code (i);
      int exponent;

      g_assert_nonnull (code);
      g_assert_cmpuint (strlen (code), ==, 3);
      for (guint k = 0; k < 3; k++)
        g_assert_true (code[k] >= 'A' && code[k] <= 'Z');
      if (prev != NULL)
        g_assert_cmpint (strcmp (prev, code), <, 0);

      /* Every entry is found by the binary search, with a sane exponent. */
      exponent = ar_currency_exponent (code);
      g_assert_cmpint (exponent, >=, 0);
      g_assert_cmpint (exponent, <=, 4);
      g_assert_true (ar_currency_is_valid (code));
      g_assert_nonnull (ar_currency_symbol (code));

      prev = code;
    }
}

static void
test_currency_exponents (void)
{
  static const struct { const char *code; int exponent; } cases[] = {
    { "JPY", 0 }, { "KRW", 0 }, { "ISK", 0 }, { "CLP", 0 }, { "VND", 0 }, { "XAF", 0 },
    { "XOF", 0 }, { "XPF", 0 }, { "UGX", 0 }, { "PYG", 0 }, { "RWF", 0 }, { "KMF", 0 },
    { "GNF", 0 }, { "DJF", 0 }, { "VUV", 0 }, { "BIF", 0 }, { "UYI", 0 },
    { "USD", 2 }, { "EUR", 2 }, { "GBP", 2 }, { "CHF", 2 }, { "CAD", 2 }, { "AUD", 2 },
    { "CNY", 2 }, { "INR", 2 }, { "SEK", 2 }, { "HUF", 2 }, { "MGA", 2 }, { "IDR", 2 },
    { "XCD", 2 }, { "XCG", 2 }, { "ZWG", 2 }, { "SLE", 2 }, { "VES", 2 }, { "VED", 2 },
    { "CHE", 2 }, { "CHW", 2 }, { "BOV", 2 }, { "COU", 2 }, { "MXV", 2 }, { "USN", 2 },
    { "AED", 2 }, { "ZMW", 2 },
    { "BHD", 3 }, { "IQD", 3 }, { "JOD", 3 }, { "KWD", 3 }, { "LYD", 3 }, { "OMR", 3 },
    { "TND", 3 },
    { "CLF", 4 }, { "UYW", 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].code);
      g_assert_cmpint (ar_currency_exponent (cases[i].code), ==, cases[i].exponent);
      g_assert_true (ar_currency_is_valid (cases[i].code));
    }
}

static void
test_currency_invalid (void)
{
  static const char *cases[] = {
    "", "U", "US", "USDX", "usd", "Usd", "uSD", "US$", "123", "ZZZ", "AAA", "ZZZZ", " USD",
    "USD ", "€",
    /* "N.A." minor units: metals, SDR, bond units, test and no-currency codes */
    "XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "XBB", "XBC", "XBD", "XSU", "XUA", "XTS", "XXX",
    /* withdrawn */
    "HRK", "SLL", "ZWL", "VEF", "MRO", "STD", "BYR", "LTL", "DEM", "ANG", "BGN",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("“%s”", cases[i]);
      g_assert_cmpint (ar_currency_exponent (cases[i]), ==, -1);
      g_assert_false (ar_currency_is_valid (cases[i]));
    }
  g_assert_cmpint (ar_currency_exponent (NULL), ==, -1);
  g_assert_false (ar_currency_is_valid (NULL));
}

static void
test_currency_symbols (void)
{
  static const struct { const char *code; const char *symbol; } cases[] = {
    { "USD", "$" }, { "EUR", "€" }, { "GBP", "£" }, { "JPY", "¥" }, { "CNY", "¥" },
    { "INR", "₹" }, { "KRW", "₩" }, { "CHF", "CHF" }, { "CAD", "CA$" }, { "AUD", "A$" },
    { "NZD", "NZ$" }, { "HKD", "HK$" }, { "MXN", "MX$" }, { "BRL", "R$" }, { "ILS", "₪" },
    /* no symbol: the code */
    { "SEK", "SEK" }, { "KWD", "KWD" }, { "CLF", "CLF" }, { "BHD", "BHD" },
  };
  const char *unknown = "ZZZ";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (ar_currency_symbol (cases[i].code), ==, cases[i].symbol);

  /* Not in the table: @code itself. */
  g_assert_true (ar_currency_symbol (unknown) == unknown);
}

static void
test_currency_get_code_range (void)
{
  if (g_test_subprocess ())
    {
      ar_currency_get_code (ar_currency_get_n_codes ());
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*index < *");
}

/* Plain parsing -------------------------------------------------------------------------- */

typedef struct
{
  const char *text;
  int         exponent;
  gint64      expected;
} ValidCase;

static void
test_parse_valid (void)
{
  static const ValidCase cases[] = {
    { "0", 2, 0 },
    { "0.00", 2, 0 },
    { "0.0", 2, 0 },
    { "-0", 2, 0 },
    { "-0.00", 2, 0 },
    { "1", 2, 100 },
    { "1.5", 2, 150 },
    { "1.50", 2, 150 },
    { "1234.50", 2, 123450 },
    { "1234.5", 2, 123450 },
    { "-1234.56", 2, -123456 },
    { "-0.05", 2, -5 },
    { "0.01", 2, 1 },
    { "007.50", 2, 750 },
    { "00000000000000000000000000000001", 2, 100 },
    { "92233720368547758.07", 2, G_MAXINT64 },
    { "-92233720368547758.08", 2, G_MININT64 },
    { "92233720368547758", 2, 9223372036854775800 },
    { "7", 0, 7 },
    { "-1234", 0, -1234 },
    { "9223372036854775807", 0, G_MAXINT64 },
    { "-9223372036854775808", 0, G_MININT64 },
    { "1.234", 3, 1234 },
    { "0.001", 3, 1 },
    { "-1.2", 3, -1200 },
    { "9223372036854775.807", 3, G_MAXINT64 },
    { "-9223372036854775.808", 3, G_MININT64 },
    { "1.0001", 4, 10001 },
    { "922337203685477.5807", 4, G_MAXINT64 },
    { "-922337203685477.5808", 4, G_MININT64 },
    { "9.223372036854775807", 18, G_MAXINT64 },
    { "-9.223372036854775808", 18, G_MININT64 },
    { "0.000000000000000001", 18, 1 },
    { "-0.000000000000000001", 18, -1 },
    { "0", 18, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = 42;

      g_test_message ("“%s” with %d decimals", cases[i].text, cases[i].exponent);
      g_assert_true (ar_money_parse_minor (cases[i].text, cases[i].exponent, &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, cases[i].expected);
    }
}

typedef struct
{
  const char *text;
  int         exponent;
  int         code;
  const char *message;   /* a substring of the message */
} InvalidCase;

static void
test_parse_invalid (void)
{
  static const InvalidCase cases[] = {
    /* empty and sign-only */
    { "", 2, AR_MONEY_ERROR_INVALID, "empty" },
    { "-", 2, AR_MONEY_ERROR_INVALID, "“-” has no digits" },
    { ".", 2, AR_MONEY_ERROR_INVALID, "“.” has no digits" },
    { "-.", 2, AR_MONEY_ERROR_INVALID, "no digits" },
    { "--", 2, AR_MONEY_ERROR_INVALID, "wrong place" },
    /* a digit on both sides of the point */
    { "1.", 2, AR_MONEY_ERROR_INVALID, "“1.” has no digits after the decimal separator" },
    { "-1.", 2, AR_MONEY_ERROR_INVALID, "no digits after" },
    { ".5", 2, AR_MONEY_ERROR_INVALID, "no digit before the decimal separator “.”; write “0.5”" },
    { "-.5", 2, AR_MONEY_ERROR_INVALID, "write “-0.5”" },
    { ".", 0, AR_MONEY_ERROR_INVALID, "no digits" },
    /* signs */
    { "+5", 2, AR_MONEY_ERROR_INVALID, "starts with “+”" },
    { "+0", 2, AR_MONEY_ERROR_INVALID, "starts with “+”" },
    { "-+5", 2, AR_MONEY_ERROR_INVALID, "“+”" },
    { "--5", 2, AR_MONEY_ERROR_INVALID, "“-” in the wrong place" },
    { "5-", 2, AR_MONEY_ERROR_INVALID, "“-” in the wrong place" },
    { "1.-5", 2, AR_MONEY_ERROR_INVALID, "wrong place" },
    /* spaces */
    { " 5", 2, AR_MONEY_ERROR_INVALID, "contains a space" },
    { "5 ", 2, AR_MONEY_ERROR_INVALID, "contains a space" },
    { "1 000", 2, AR_MONEY_ERROR_INVALID, "contains a space" },
    { "- 5", 2, AR_MONEY_ERROR_INVALID, "contains a space" },
    { "\t5", 2, AR_MONEY_ERROR_INVALID, "contains a space" },
    { "5\n", 2, AR_MONEY_ERROR_INVALID, "contains a space" },
    { "1\xc2\xa0" "000", 2, AR_MONEY_ERROR_INVALID, "contains a space" },
    { "1\xe2\x80\xaf" "000", 2, AR_MONEY_ERROR_INVALID, "contains a space" },
    /* grouping */
    { "1,000.00", 2, AR_MONEY_ERROR_INVALID, "grouping character “,”" },
    { "1,5", 2, AR_MONEY_ERROR_INVALID, "grouping character “,”" },
    { "1'000", 2, AR_MONEY_ERROR_INVALID, "grouping character “'”" },
    { "1_000", 2, AR_MONEY_ERROR_INVALID, "grouping character “_”" },
    /* points */
    { "1.2.3", 2, AR_MONEY_ERROR_INVALID, "more than one decimal point" },
    { "1..2", 2, AR_MONEY_ERROR_INVALID, "more than one decimal point" },
    /* stray characters and other notations */
    { "1e5", 2, AR_MONEY_ERROR_INVALID, "contains “e”" },
    { "1E5", 0, AR_MONEY_ERROR_INVALID, "contains “E”" },
    { "0x10", 2, AR_MONEY_ERROR_INVALID, "contains “x”" },
    { "12a", 2, AR_MONEY_ERROR_INVALID, "contains “a”" },
    { "$5", 2, AR_MONEY_ERROR_INVALID, "contains “$”" },
    { "5€", 2, AR_MONEY_ERROR_INVALID, "contains “€”" },
    { "NaN", 2, AR_MONEY_ERROR_INVALID, "contains “N”" },
    { "inf", 2, AR_MONEY_ERROR_INVALID, "contains “i”" },
    { "١٢", 2, AR_MONEY_ERROR_INVALID, "contains “١”" },
    { "５", 2, AR_MONEY_ERROR_INVALID, "contains “５”" },
    { "1/2", 2, AR_MONEY_ERROR_INVALID, "contains “/”" },
    { "5\xff", 2, AR_MONEY_ERROR_INVALID, "\\xff" },
    { "(5)", 2, AR_MONEY_ERROR_INVALID, "contains “(”" },
    /* precision: never rounded, not even trailing zeros */
    { "12.345", 2, AR_MONEY_ERROR_PRECISION, "“12.345” has 3 decimals; at most 2 are allowed" },
    { "1.230", 2, AR_MONEY_ERROR_PRECISION, "has 3 decimals" },
    { "0.001", 2, AR_MONEY_ERROR_PRECISION, "has 3 decimals" },
    { "-0.001", 2, AR_MONEY_ERROR_PRECISION, "has 3 decimals" },
    { "12.5", 0, AR_MONEY_ERROR_PRECISION, "has 1 decimal;" },
    { "1.0", 0, AR_MONEY_ERROR_PRECISION, "has 1 decimal;" },
    { "1.2345", 3, AR_MONEY_ERROR_PRECISION, "has 4 decimals" },
    { "1.00001", 4, AR_MONEY_ERROR_PRECISION, "has 5 decimals" },
    /* precision is reported before range */
    { "99999999999999999999.999", 2, AR_MONEY_ERROR_PRECISION, "has 3 decimals" },
    /* range: never wrapped */
    { "92233720368547758.08", 2, AR_MONEY_ERROR_RANGE,
      "too large; the largest amount with 2 decimals is 92233720368547758.07" },
    { "-92233720368547758.09", 2, AR_MONEY_ERROR_RANGE,
      "too small; the smallest amount with 2 decimals is -92233720368547758.08" },
    { "92233720368547759", 2, AR_MONEY_ERROR_RANGE, "too large" },
    { "99999999999999999999", 2, AR_MONEY_ERROR_RANGE, "too large" },
    { "100000000000000000000000000000", 2, AR_MONEY_ERROR_RANGE, "too large" },
    { "9223372036854775808", 0, AR_MONEY_ERROR_RANGE, "too large" },
    { "-9223372036854775809", 0, AR_MONEY_ERROR_RANGE, "too small" },
    { "18446744073709551616", 0, AR_MONEY_ERROR_RANGE, "too large" },
    { "9223372036854775.808", 3, AR_MONEY_ERROR_RANGE, "too large" },
    { "922337203685477.5808", 4, AR_MONEY_ERROR_RANGE, "too large" },
    { "10", 18, AR_MONEY_ERROR_RANGE, "too large" },
    { "9.223372036854775808", 18, AR_MONEY_ERROR_RANGE, "too large" },
    { "-9.223372036854775809", 18, AR_MONEY_ERROR_RANGE, "too small" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = 42;

      g_test_message ("“%s” with %d decimals", cases[i].text, cases[i].exponent);
      g_assert_false (ar_money_parse_minor (cases[i].text, cases[i].exponent, &minor, &error));
      g_assert_error (error, AR_MONEY_ERROR, cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, cases[i].message));
      /* Left alone on failure. */
      g_assert_cmpint (minor, ==, 42);
    }
}

static void
test_parse_long_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *zeros = g_strnfill (10000, '0');
  g_autofree char *long_zero = g_strconcat (zeros, "1.25", NULL);
  g_autofree char *long_junk = g_strconcat (zeros, "x", NULL);
  gint64 minor = 0;

  /* Leading zeros never overflow. */
  g_assert_true (ar_money_parse_minor (long_zero, 2, &minor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (minor, ==, 125);

  /* Messages quote a shortened text. */
  g_assert_false (ar_money_parse_minor (long_junk, 2, &minor, &error));
  g_assert_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID);
  g_assert_cmpuint (strlen (error->message), <, 300);
  g_assert_nonnull (strstr (error->message, "…"));
}

static void
test_parse_currency (void)
{
  static const struct
  {
    const char *text;
    const char *currency;
    int         code;
    const char *message;
  } errors[] = {
    { "12.345", "USD", AR_MONEY_ERROR_PRECISION, "“12.345” has 3 decimals; USD allows at most 2" },
    { "12.5", "JPY", AR_MONEY_ERROR_PRECISION,
      "“12.5” has 1 decimal; JPY amounts are whole numbers" },
    { "1.2345", "KWD", AR_MONEY_ERROR_PRECISION,
      "“1.2345” has 4 decimals; KWD allows at most 3" },
    { "92233720368547758.08", "USD", AR_MONEY_ERROR_RANGE,
      "“92233720368547758.08” is too large; the largest USD amount is 92233720368547758.07" },
    { "-92233720368547758.09", "EUR", AR_MONEY_ERROR_RANGE,
      "“-92233720368547758.09” is too small; the smallest EUR amount is -92233720368547758.08" },
    { "9223372036854775808", "JPY", AR_MONEY_ERROR_RANGE,
      "the largest JPY amount is 9223372036854775807" },
    { "1", "usd", AR_MONEY_ERROR_CURRENCY, "“usd” is not an ISO 4217 currency code" },
    { "1", "", AR_MONEY_ERROR_CURRENCY, "“” is not an ISO 4217 currency code" },
    { "1", "XAU", AR_MONEY_ERROR_CURRENCY, "“XAU”" },
    { "1", "USDX", AR_MONEY_ERROR_CURRENCY, "“USDX”" },
    /* the currency is checked first */
    { "abc", "ZZZ", AR_MONEY_ERROR_CURRENCY, "“ZZZ”" },
    { "", "USD", AR_MONEY_ERROR_INVALID, "empty; expected a number such as “1234.56”" },
    { "", "JPY", AR_MONEY_ERROR_INVALID, "such as “1234”" },
  };
  static const struct
  {
    const char *text;
    const char *currency;
    gint64      minor;
  } valid[] = {
    { "1234.50", "USD", 123450 },
    { "1234", "JPY", 1234 },
    { "1.234", "KWD", 1234 },
    { "1.2345", "CLF", 12345 },
    { "-0.05", "EUR", -5 },
    { "-92233720368547758.08", "GBP", G_MININT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_autoptr(GError) error = NULL;
      ArMoney money = { 42, "XYZ" };

      g_test_message ("“%s” in %s", errors[i].text, errors[i].currency);
      g_assert_false (ar_money_parse (errors[i].text, errors[i].currency, &money, &error));
      g_assert_error (error, AR_MONEY_ERROR, errors[i].code);
      g_assert_nonnull (strstr (error->message, errors[i].message));
      g_assert_cmpint (money.minor, ==, 42);
      g_assert_cmpstr (money.currency, ==, "XYZ");
    }

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      ArMoney money = { 42, "XYZ" };

      g_assert_true (ar_money_parse (valid[i].text, valid[i].currency, &money, &error));
      g_assert_no_error (error);
      g_assert_cmpint (money.minor, ==, valid[i].minor);
      g_assert_cmpstr (money.currency, ==, valid[i].currency);
    }

  /* The exact message from the brief. */
  {
    g_autoptr(GError) error = NULL;
    ArMoney money;

    g_assert_false (ar_money_parse ("12.345", "USD", &money, &error));
    g_assert_cmpstr (error->message, ==, "“12.345” has 3 decimals; USD allows at most 2");
  }
}

static void
test_parse_no_error_location (void)
{
  gint64 minor = 42;
  ArMoney money = { 42, "XYZ" };

  /* error may be NULL. */
  g_assert_false (ar_money_parse_minor ("1.234", 2, &minor, NULL));
  g_assert_false (ar_money_parse ("x", "USD", &money, NULL));
  g_assert_false (ar_money_parse_locale ("x", "USD", &money, NULL));
  g_assert_cmpint (minor, ==, 42);
  g_assert_cmpint (money.minor, ==, 42);
}

/* Plain formatting ----------------------------------------------------------------------- */

static void
test_format_plain (void)
{
  static const struct { gint64 minor; const char *currency; const char *expected; } cases[] = {
    { 123450, "USD", "1234.50" },
    { -5, "USD", "-0.05" },
    { 0, "USD", "0.00" },
    { 1, "USD", "0.01" },
    { -1, "EUR", "-0.01" },
    { 100, "EUR", "1.00" },
    { -100, "EUR", "-1.00" },
    { 123456789, "GBP", "1234567.89" },
    { 1234, "JPY", "1234" },
    { -1234, "JPY", "-1234" },
    { 0, "JPY", "0" },
    { 1234, "KWD", "1.234" },
    { -1, "KWD", "-0.001" },
    { 0, "KWD", "0.000" },
    { 12345, "CLF", "1.2345" },
    { 1, "CLF", "0.0001" },
    { G_MAXINT64, "USD", "92233720368547758.07" },
    { G_MININT64, "USD", "-92233720368547758.08" },
    { G_MAXINT64, "JPY", "9223372036854775807" },
    { G_MININT64, "JPY", "-9223372036854775808" },
    { G_MININT64, "KWD", "-9223372036854775.808" },
    { G_MININT64, "CLF", "-922337203685477.5808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ar_money_format_plain (cases[i].minor, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  {
    g_autofree char *a = ar_money_format_minor (G_MININT64, 18);
    g_autofree char *b = ar_money_format_minor (1, 18);
    g_autofree char *c = ar_money_format_minor (-7, 0);

    g_assert_cmpstr (a, ==, "-9.223372036854775808");
    g_assert_cmpstr (b, ==, "0.000000000000000001");
    g_assert_cmpstr (c, ==, "-7");
  }
}

static void
check_plain_round_trip (gint64 value,
                        int    exponent)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = ar_money_format_minor (value, exponent);
  gint64 back = value == 0 ? 1 : 0;

  if (!ar_money_parse_minor (text, exponent, &back, &error))
    g_error ("“%s” did not parse back: %s", text, error->message);
  g_assert_cmpint (back, ==, value);
}

static void
test_format_round_trip (void)
{
  for (int exponent = 0; exponent <= 18; exponent++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (interesting); i++)
        check_plain_round_trip (interesting[i], exponent);
      for (guint i = 0; i < 2000; i++)
        check_plain_round_trip (random_int64 (), exponent);
    }

  /* Every currency in the table, through the code-based API. */
  for (guint i = 0; i < ar_currency_get_n_codes (); i++)
    {
      const char *code = ar_currency_get_code (i);

      for (guint k = 0; k < G_N_ELEMENTS (interesting); k++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *text = ar_money_format_plain (interesting[k], code);
          ArMoney money;

          g_assert_true (ar_money_parse (text, code, &money, &error));
          g_assert_no_error (error);
          g_assert_cmpint (money.minor, ==, interesting[k]);
          g_assert_cmpstr (money.currency, ==, code);
        }
    }
}

static void
test_format_invalid_currency (void)
{
  if (g_test_subprocess ())
    {
      char *text = ar_money_format_plain (100, "ZZZ");

      g_assert_null (text);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*exponent >= 0*");
}

/* Locale formatting ---------------------------------------------------------------------- */

typedef struct
{
  gint64      minor;
  const char *currency;
  const char *expected;
} FormatCase;

static void
check_format_cases (const FormatCase *cases,
                    guint             n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *text = ar_money_format (cases[i].minor, cases[i].currency);

      g_test_message ("%" G_GINT64_FORMAT " %s", cases[i].minor, cases[i].currency);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_format_locale_c (void)
{
  static const FormatCase cases[] = {
    { 123450, "USD", "$1,234.50" },
    { 5, "USD", "$0.05" },
    { 0, "USD", "$0.00" },
    { -500, "USD", "-$5.00" },
    { -5, "USD", "-$0.05" },
    { 99999, "USD", "$999.99" },
    { 100000, "USD", "$1,000.00" },
    { 123456789, "USD", "$1,234,567.89" },
    { 123450, "CHF", "CHF 1,234.50" },
    { -123450, "CHF", "-CHF 1,234.50" },
    { 123450, "EUR", "€1,234.50" },
    { 123450, "GBP", "£1,234.50" },
    { 123456789, "CAD", "CA$1,234,567.89" },
    { 1234, "JPY", "¥1,234" },
    { 123, "JPY", "¥123" },
    { 1234567, "KRW", "₩1,234,567" },
    { 1234, "KWD", "KWD 1.234" },
    { 1234567, "KWD", "KWD 1,234.567" },
    { 12345, "CLF", "CLF 1.2345" },
    { 123450, "SEK", "SEK 1,234.50" },
    { 123450, "PLN", "zł 1,234.50" },
    { G_MAXINT64, "USD", "$92,233,720,368,547,758.07" },
    { G_MININT64, "USD", "-$92,233,720,368,547,758.08" },
    { G_MININT64, "JPY", "-¥9,223,372,036,854,775,808" },
  };

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  check_format_cases (cases, G_N_ELEMENTS (cases));

  /* The plain C locale behaves the same. */
  g_assert_nonnull (setlocale (LC_ALL, "C"));
  check_format_cases (cases, 4);
  restore_locale ();
}

static void
test_format_locale_de (void)
{
  static const FormatCase cases[] = {
    { 123450, "EUR", "1.234,50 €" },
    { -123450, "EUR", "-1.234,50 €" },
    { 5, "EUR", "0,05 €" },
    { 0, "EUR", "0,00 €" },
    { 123456789, "EUR", "1.234.567,89 €" },
    { 500, "USD", "5,00 $" },
    { -500, "USD", "-5,00 $" },
    { 123450, "CHF", "1.234,50 CHF" },
    { 1234, "JPY", "1.234 ¥" },
    { 1234567, "KWD", "1.234,567 KWD" },
    { G_MININT64, "EUR", "-92.233.720.368.547.758,08 €" },
  };

  if (!use_locale ("de_DE.UTF-8"))
    return;
  check_format_cases (cases, G_N_ELEMENTS (cases));
  restore_locale ();
}

static void
test_format_locale_en_us (void)
{
  static const FormatCase cases[] = {
    { 123450, "USD", "$1,234.50" },
    { -500, "USD", "-$5.00" },
    { 123450, "EUR", "€1,234.50" },
    { 123450, "CHF", "CHF 1,234.50" },
    { 123450, "CAD", "CA$1,234.50" },
    { 1234, "JPY", "¥1,234" },
    { G_MININT64, "USD", "-$92,233,720,368,547,758.08" },
  };

  if (!use_locale ("en_US.UTF-8"))
    return;
  check_format_cases (cases, G_N_ELEMENTS (cases));
  restore_locale ();
}

/* Locale parsing ------------------------------------------------------------------------- */

typedef struct
{
  const char *text;
  const char *currency;
  gint64      minor;
} LocaleValid;

typedef struct
{
  const char *text;
  const char *currency;
  int         code;
  const char *message;   /* a substring of the message, or NULL */
} LocaleInvalid;

static void
check_locale_cases (const LocaleValid   *valid,
                    guint                n_valid,
                    const LocaleInvalid *invalid,
                    guint                n_invalid)
{
  for (guint i = 0; i < n_valid; i++)
    {
      g_autoptr(GError) error = NULL;
      ArMoney money = { 42, "XYZ" };

      g_test_message ("valid “%s” in %s", valid[i].text, valid[i].currency);
      g_assert_true (ar_money_parse_locale (valid[i].text, valid[i].currency, &money, &error));
      g_assert_no_error (error);
      g_assert_cmpint (money.minor, ==, valid[i].minor);
      g_assert_cmpstr (money.currency, ==, valid[i].currency);
    }

  for (guint i = 0; i < n_invalid; i++)
    {
      g_autoptr(GError) error = NULL;
      ArMoney money = { 42, "XYZ" };

      g_test_message ("invalid “%s” in %s", invalid[i].text, invalid[i].currency);
      g_assert_false (ar_money_parse_locale (invalid[i].text, invalid[i].currency, &money,
                                             &error));
      g_assert_error (error, AR_MONEY_ERROR, invalid[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (invalid[i].message != NULL && strstr (error->message, invalid[i].message) == NULL)
        g_error ("“%s” not in “%s”", invalid[i].message, error->message);
      g_assert_cmpint (money.minor, ==, 42);
    }
}

static void
test_parse_locale_c (void)
{
  static const LocaleValid valid[] = {
    { "1234.50", "USD", 123450 },
    { "1,234.50", "USD", 123450 },
    { "$1,234.50", "USD", 123450 },
    { "$1234.50", "USD", 123450 },
    { "-$5.00", "USD", -500 },
    { "$-5.00", "USD", -500 },
    { "$ -5", "USD", -500 },
    { "-5.00 $", "USD", -500 },
    { "-5", "USD", -500 },
    { "USD 5", "USD", 500 },
    { "5 USD", "USD", 500 },
    { "5USD", "USD", 500 },
    { "usd 5", "USD", 500 },
    { "-USD 5", "USD", -500 },
    { "  5  ", "USD", 500 },
    { "\t$ 5\t", "USD", 500 },
    { "5\xc2\xa0USD", "USD", 500 },
    { "\xe2\x80\xaf$5\xc2\xa0", "USD", 500 },
    { "1,234,567.89", "USD", 123456789 },
    { "0.5", "USD", 50 },
    { "0", "USD", 0 },
    { "-0", "USD", 0 },
    { "999", "USD", 99900 },
    { "1,000", "USD", 100000 },
    { "12,345,678", "USD", 1234567800 },
    { "$92,233,720,368,547,758.07", "USD", G_MAXINT64 },
    { "-$92,233,720,368,547,758.08", "USD", G_MININT64 },
    { "CA$5", "CAD", 500 },
    { "CAD 5", "CAD", 500 },
    { "5 CA$", "CAD", 500 },
    { "CHF 1,234.50", "CHF", 123450 },
    { "-CHF 1,234.50", "CHF", -123450 },
    { "€1,234.50", "EUR", 123450 },
    { "1,234.50 €", "EUR", 123450 },
    { "¥1,234", "JPY", 1234 },
    { "1,234", "JPY", 1234 },
    { "KWD 1.234", "KWD", 1234 },
    { "KWD 1,234.567", "KWD", 1234567 },
    { "zł 5", "PLN", 500 },
  };
  static const LocaleInvalid invalid[] = {
    { "", "USD", AR_MONEY_ERROR_INVALID, "empty" },
    { "   ", "USD", AR_MONEY_ERROR_INVALID, "empty" },
    { "$", "USD", AR_MONEY_ERROR_INVALID, "“$” has no digits" },
    { "-$", "USD", AR_MONEY_ERROR_INVALID, "no digits" },
    { "-", "USD", AR_MONEY_ERROR_INVALID, "no digits" },
    { "USD", "USD", AR_MONEY_ERROR_INVALID, "no digits" },
    { "1,23.00", "USD", AR_MONEY_ERROR_INVALID, "grouping separator “,” in the wrong place" },
    { "12,34", "USD", AR_MONEY_ERROR_INVALID, "wrong place" },
    { "1234,567", "USD", AR_MONEY_ERROR_INVALID, "wrong place" },
    { "1,234,56", "USD", AR_MONEY_ERROR_INVALID, "wrong place" },
    { "1,2345", "USD", AR_MONEY_ERROR_INVALID, "wrong place" },
    { "0,123", "USD", AR_MONEY_ERROR_INVALID, "wrong place" },
    { ",123", "USD", AR_MONEY_ERROR_INVALID, "wrong place" },
    { "1,5", "USD", AR_MONEY_ERROR_INVALID, "wrong place" },
    { "1,", "USD", AR_MONEY_ERROR_INVALID, "“,” is not expected" },
    { "1,,234", "USD", AR_MONEY_ERROR_INVALID, "“,” is not expected" },
    { "1.234,50", "USD", AR_MONEY_ERROR_INVALID, "after the decimal separator" },
    { "1.5.0", "USD", AR_MONEY_ERROR_INVALID, "more than one decimal separator" },
    { "1.", "USD", AR_MONEY_ERROR_INVALID, "no digits after" },
    { ".5", "USD", AR_MONEY_ERROR_INVALID, "write “0.5”" },
    { "$.5", "USD", AR_MONEY_ERROR_INVALID, "no digit before" },
    { "$5$", "USD", AR_MONEY_ERROR_INVALID, "“$” is not expected" },
    { "$ 5 USD", "USD", AR_MONEY_ERROR_INVALID, "“U” is not expected" },
    { "USD 5 $", "USD", AR_MONEY_ERROR_INVALID, "not expected" },
    { "EUR 5", "USD", AR_MONEY_ERROR_CURRENCY, "“EUR 5” is in EUR, not USD" },
    { "5 EUR", "USD", AR_MONEY_ERROR_CURRENCY, "is in EUR, not USD" },
    { "5eur", "USD", AR_MONEY_ERROR_CURRENCY, "is in EUR, not USD" },
    { "€5", "USD", AR_MONEY_ERROR_INVALID, "“€” is not expected" },
    { "5 CA$", "USD", AR_MONEY_ERROR_INVALID, "not expected" },
    { "XYZ 5", "USD", AR_MONEY_ERROR_INVALID, "not expected" },
    { "+5", "USD", AR_MONEY_ERROR_INVALID, "“+”" },
    { "$+5", "USD", AR_MONEY_ERROR_INVALID, "“+”" },
    { "--5", "USD", AR_MONEY_ERROR_INVALID, "“-” is not expected" },
    { "-$-5", "USD", AR_MONEY_ERROR_INVALID, "“-” is not expected" },
    { "- 5", "USD", AR_MONEY_ERROR_INVALID, "a space is not expected" },
    { "5-", "USD", AR_MONEY_ERROR_INVALID, "“-” is not expected" },
    { "1 234", "USD", AR_MONEY_ERROR_INVALID, "a space is not expected" },
    { "1e5", "USD", AR_MONEY_ERROR_INVALID, "“e” is not expected" },
    { "12.345", "USD", AR_MONEY_ERROR_PRECISION, "“12.345” has 3 decimals; USD allows at most 2" },
    { "1,234.567", "USD", AR_MONEY_ERROR_PRECISION, "3 decimals" },
    { "¥1.5", "JPY", AR_MONEY_ERROR_PRECISION, "whole numbers" },
    { "$92,233,720,368,547,758.08", "USD", AR_MONEY_ERROR_RANGE, "too large" },
    { "-$92,233,720,368,547,758.09", "USD", AR_MONEY_ERROR_RANGE, "too small" },
    { "5", "ZZZ", AR_MONEY_ERROR_CURRENCY, "not an ISO 4217 currency code" },
  };

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  check_locale_cases (valid, G_N_ELEMENTS (valid), invalid, G_N_ELEMENTS (invalid));
}

static void
test_parse_locale_de (void)
{
  static const LocaleValid valid[] = {
    { "1.234,50 €", "EUR", 123450 },
    { "-1.234,50 €", "EUR", -123450 },
    { "1234,50", "EUR", 123450 },
    { "1.234,50", "EUR", 123450 },
    { "1.234.567,89", "EUR", 123456789 },
    { "€ 5", "EUR", 500 },
    { "5€", "EUR", 500 },
    { "5 EUR", "EUR", 500 },
    { "0,05", "EUR", 5 },
    { "1,5", "EUR", 150 },
    { "5,00 $", "USD", 500 },
    { "-5,00 $", "USD", -500 },
    { "5,00 USD", "USD", 500 },
    { "1.234 ¥", "JPY", 1234 },
    { "1.234,567 KWD", "KWD", 1234567 },
    { "-92.233.720.368.547.758,08 €", "EUR", G_MININT64 },
  };
  static const LocaleInvalid invalid[] = {
    { "1,234.50", "EUR", AR_MONEY_ERROR_INVALID, "after the decimal separator" },
    { "1.5", "EUR", AR_MONEY_ERROR_INVALID,
      "grouping separator “.” in the wrong place; digits are grouped by 3 and the decimal "
      "separator is “,”" },
    { "1.50", "EUR", AR_MONEY_ERROR_INVALID, "wrong place" },
    { "12.34,00", "EUR", AR_MONEY_ERROR_INVALID, "wrong place" },
    { "1,2,3", "EUR", AR_MONEY_ERROR_INVALID, "more than one decimal separator" },
    { ",5", "EUR", AR_MONEY_ERROR_INVALID, "write “0,5”" },
    { "1,", "EUR", AR_MONEY_ERROR_INVALID, "no digits after the decimal separator “,”" },
    { "1,234", "EUR", AR_MONEY_ERROR_PRECISION, "“1,234” has 3 decimals; EUR allows at most 2" },
    { "5 $", "EUR", AR_MONEY_ERROR_INVALID, "not expected" },
    { "5 USD", "EUR", AR_MONEY_ERROR_CURRENCY, "is in USD, not EUR" },
  };

  if (!use_locale ("de_DE.UTF-8"))
    return;
  check_locale_cases (valid, G_N_ELEMENTS (valid), invalid, G_N_ELEMENTS (invalid));
  restore_locale ();
}

static void
test_parse_locale_en_us (void)
{
  static const LocaleValid valid[] = {
    { "$1,234.50", "USD", 123450 },
    { "-$5.00", "USD", -500 },
    { "1234.5", "USD", 123450 },
  };
  static const LocaleInvalid invalid[] = {
    { "1.234,50", "USD", AR_MONEY_ERROR_INVALID, NULL },
    { "$1,23", "USD", AR_MONEY_ERROR_INVALID, "wrong place" },
  };

  if (!use_locale ("en_US.UTF-8"))
    return;
  check_locale_cases (valid, G_N_ELEMENTS (valid), invalid, G_N_ELEMENTS (invalid));
  restore_locale ();
}

/* fr_FR groups with U+202F NARROW NO-BREAK SPACE; people type plain spaces. */
static void
test_locale_fr (void)
{
  static const FormatCase formats[] = {
    { 123450, "EUR", "1\u202f234,50 €" },
    { -123456789, "EUR", "-1\u202f234\u202f567,89 €" },
  };
  static const LocaleValid valid[] = {
    { "1\u202f234,50 €", "EUR", 123450 },
    { "1 234,50 €", "EUR", 123450 },
    { "1\u00a0234,50", "EUR", 123450 },
    { "1 234 567,89 €", "EUR", 123456789 },
    { "1234,50 EUR", "EUR", 123450 },
    { "5 €", "EUR", 500 },
  };
  static const LocaleInvalid invalid[] = {
    { "12 34,50", "EUR", AR_MONEY_ERROR_INVALID, "wrong place" },
    { "1 234 5", "EUR", AR_MONEY_ERROR_INVALID, "wrong place" },
    { "1.234,50", "EUR", AR_MONEY_ERROR_INVALID, "“.” is not expected" },
  };

  if (!use_locale ("fr_FR.UTF-8"))
    return;
  check_format_cases (formats, G_N_ELEMENTS (formats));
  check_locale_cases (valid, G_N_ELEMENTS (valid), invalid, G_N_ELEMENTS (invalid));
  restore_locale ();
}

static void
check_locale_round_trip (void)
{
  static const char *currencies[] = {
    "USD", "EUR", "GBP", "JPY", "KRW", "KWD", "BHD", "CLF", "CHF", "CAD", "INR", "PLN", "SEK",
    "XAF", "UYW",
  };

  for (guint c = 0; c < G_N_ELEMENTS (currencies); c++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (interesting) + 200; i++)
        {
          g_autoptr(GError) error = NULL;
          gint64 value = i < G_N_ELEMENTS (interesting) ? interesting[i] : random_int64 ();
          g_autofree char *text = ar_money_format (value, currencies[c]);
          ArMoney money;

          if (!ar_money_parse_locale (text, currencies[c], &money, &error))
            g_error ("“%s” (%s) did not parse back: %s", text, currencies[c], error->message);
          g_assert_cmpint (money.minor, ==, value);
        }
    }
}

/* parse_locale (format (x)) == x, in the locale named by @data. */
static void
test_parse_locale_round_trip (gconstpointer data)
{
  if (!use_locale (data))
    return;
  check_locale_round_trip ();
  restore_locale ();
}

/* Arithmetic ----------------------------------------------------------------------------- */

typedef gboolean (*BinaryOp) (gint64, gint64, gint64 *, GError **);

static void
check_op (BinaryOp op,
          gint64   a,
          gint64   b,
          gboolean ok,
          gint64   expected)
{
  g_autoptr(GError) error = NULL;
  gint64 result = 42;

  if (ok)
    {
      g_assert_true (op (a, b, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpint (result, ==, expected);
    }
  else
    {
      g_assert_false (op (a, b, &result, &error));
      g_assert_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_RANGE);
      g_assert_cmpint (result, ==, 42);
    }
}

static void
test_arith_add (void)
{
  check_op (ar_money_add, 1, 2, TRUE, 3);
  check_op (ar_money_add, -1, -2, TRUE, -3);
  check_op (ar_money_add, G_MAXINT64, 0, TRUE, G_MAXINT64);
  check_op (ar_money_add, G_MAXINT64 - 1, 1, TRUE, G_MAXINT64);
  check_op (ar_money_add, G_MAXINT64, 1, FALSE, 0);
  check_op (ar_money_add, 1, G_MAXINT64, FALSE, 0);
  check_op (ar_money_add, G_MAXINT64, G_MAXINT64, FALSE, 0);
  check_op (ar_money_add, G_MININT64, -1, FALSE, 0);
  check_op (ar_money_add, G_MININT64, G_MININT64, FALSE, 0);
  check_op (ar_money_add, G_MININT64 + 1, -1, TRUE, G_MININT64);
  check_op (ar_money_add, G_MININT64, G_MAXINT64, TRUE, -1);
  check_op (ar_money_add, G_MAXINT64, -G_MAXINT64, TRUE, 0);

  {
    g_autoptr(GError) error = NULL;
    gint64 result;

    g_assert_false (ar_money_add (G_MAXINT64, 1, &result, &error));
    g_assert_nonnull (strstr (error->message, "9223372036854775807 and 1"));
  }
}

static void
test_arith_sub (void)
{
  check_op (ar_money_sub, 5, 3, TRUE, 2);
  check_op (ar_money_sub, 3, 5, TRUE, -2);
  check_op (ar_money_sub, G_MININT64, 0, TRUE, G_MININT64);
  check_op (ar_money_sub, G_MININT64, 1, FALSE, 0);
  check_op (ar_money_sub, 0, G_MININT64, FALSE, 0);
  check_op (ar_money_sub, -1, G_MININT64, TRUE, G_MAXINT64);
  check_op (ar_money_sub, G_MAXINT64, -1, FALSE, 0);
  check_op (ar_money_sub, G_MAXINT64, G_MAXINT64, TRUE, 0);
  check_op (ar_money_sub, G_MININT64, G_MININT64, TRUE, 0);
  check_op (ar_money_sub, 0, G_MAXINT64, TRUE, -G_MAXINT64);
}

static void
test_arith_mul (void)
{
  check_op (ar_money_mul, 123, 4, TRUE, 492);
  check_op (ar_money_mul, -123, 4, TRUE, -492);
  check_op (ar_money_mul, G_MAXINT64, 1, TRUE, G_MAXINT64);
  check_op (ar_money_mul, G_MAXINT64, -1, TRUE, -G_MAXINT64);
  check_op (ar_money_mul, G_MININT64, 1, TRUE, G_MININT64);
  check_op (ar_money_mul, G_MININT64, -1, FALSE, 0);
  check_op (ar_money_mul, -1, G_MININT64, FALSE, 0);
  check_op (ar_money_mul, G_MAXINT64, 2, FALSE, 0);
  check_op (ar_money_mul, G_MAXINT64 / 2, 2, TRUE, G_MAXINT64 - 1);
  check_op (ar_money_mul, G_MININT64 / 2, 2, TRUE, G_MININT64);
  check_op (ar_money_mul, (G_MAXINT64 / 2) + 1, 2, FALSE, 0);
  check_op (ar_money_mul, 4294967296, 4294967296, FALSE, 0);
  check_op (ar_money_mul, 3037000499, 3037000499, TRUE, 9223372030926249001);
  check_op (ar_money_mul, 3037000500, 3037000500, FALSE, 0);
  check_op (ar_money_mul, G_MININT64, 0, TRUE, 0);
  check_op (ar_money_mul, 0, G_MININT64, TRUE, 0);
}

static void
test_arith_add_checked (void)
{
  g_autoptr(GError) error = NULL;
  ArMoney a = { 150, "USD" };
  ArMoney b = { 250, "USD" };
  ArMoney e = { 100, "EUR" };
  ArMoney big = { G_MAXINT64, "USD" };
  ArMoney out = { 42, "XYZ" };

  g_assert_true (ar_money_add_checked (&a, &b, &out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (out.minor, ==, 400);
  g_assert_cmpstr (out.currency, ==, "USD");

  /* out may alias an input */
  g_assert_true (ar_money_add_checked (&a, &b, &a, &error));
  g_assert_cmpint (a.minor, ==, 400);
  g_assert_cmpstr (a.currency, ==, "USD");

  out = (ArMoney) { 42, "XYZ" };
  g_assert_false (ar_money_add_checked (&a, &e, &out, &error));
  g_assert_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_CURRENCY);
  g_assert_nonnull (strstr (error->message, "EUR"));
  g_assert_nonnull (strstr (error->message, "USD"));
  g_assert_cmpint (out.minor, ==, 42);
  g_clear_error (&error);

  g_assert_false (ar_money_add_checked (&big, &b, &out, &error));
  g_assert_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_RANGE);
  g_assert_cmpint (out.minor, ==, 42);
  g_assert_cmpstr (out.currency, ==, "XYZ");
}

static void
check_split (gint64        total,
             guint         n,
             const gint64 *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *parts = g_new0 (gint64, n);
  gint64 sum = 0;

  g_assert_true (ar_money_split (total, n, parts, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    {
      if (expected != NULL)
        g_assert_cmpint (parts[i], ==, expected[i]);
      /* Every part but the last is the quotient truncated toward zero. */
      if (i + 1 < n)
        g_assert_cmpint (parts[i], ==, total / (gint64) n);
      /* Parts share the sign of the total, so the running sum moves monotonically toward
       * it and can never overflow on the way. */
      g_assert_true (total >= 0 ? parts[i] >= 0 : parts[i] <= 0);
      g_assert_true (ar_money_add (sum, parts[i], &sum, NULL));
    }
  g_assert_cmpint (sum, ==, total);
}

static void
test_split (void)
{
  static const gint64 thirds[] = { 3333, 3333, 3334 };
  static const gint64 neg_thirds[] = { -3333, -3333, -3334 };
  static const gint64 small[] = { 0, 0, 0, 0, 2 };
  static const gint64 neg_small[] = { 0, 0, 0, 0, -2 };
  static const gint64 one[] = { 12345 };
  static const gint64 even[] = { 25, 25, 25, 25 };
  static const gint64 sevenths[] = { 1428, 1428, 1428, 1428, 1428, 1428, 1432 };
  static const gint64 min_two[] = { G_MININT64 / 2, G_MININT64 / 2 };
  static const gint64 max_two[] = { G_MAXINT64 / 2, G_MAXINT64 / 2 + 1 };
  static const gint64 min_one[] = { G_MININT64 };

  check_split (10000, 3, thirds);
  check_split (-10000, 3, neg_thirds);
  check_split (2, 5, small);
  check_split (-2, 5, neg_small);
  check_split (12345, 1, one);
  check_split (100, 4, even);
  check_split (10000, 7, sevenths);
  check_split (G_MININT64, 2, min_two);
  check_split (G_MAXINT64, 2, max_two);
  check_split (G_MININT64, 1, min_one);
  check_split (G_MININT64, 3, NULL);
  check_split (G_MAXINT64, 7, NULL);
  check_split (0, 9, NULL);
  check_split (99, 100, NULL);
  check_split (-99, 100, NULL);
  check_split (1, 100000, NULL);

  for (guint i = 0; i < 500; i++)
    check_split (random_int64 (), (guint) g_test_rand_int_range (1, 50), NULL);

  {
    g_autoptr(GError) error = NULL;
    gint64 part = 42;

    g_assert_false (ar_money_split (100, 0, &part, &error));
    g_assert_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID);
    g_assert_cmpint (part, ==, 42);
    g_clear_error (&error);

    /* parts may be NULL when n is 0: the error comes first. */
    g_assert_false (ar_money_split (100, 0, NULL, &error));
    g_assert_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID);
  }
}

static void
test_percent (void)
{
  static const struct { gint64 amount; gint64 rate; gint64 expected; } cases[] = {
    { 10000, 825, 825 },            /* 8.25 % of 100.00 = 8.25 */
    { 12345, 825, 1018 },           /* 1018.4625 → 1018 */
    { 12346, 825, 1019 },           /* 1018.545 → 1019 */
    { 1, 5000, 1 },                 /* 0.5 → 1, half away from zero */
    { -1, 5000, -1 },               /* -0.5 → -1 */
    { 1, -5000, -1 },
    { -1, -5000, 1 },
    { 3, 5000, 2 },                 /* 1.5 → 2 */
    { -3, 5000, -2 },
    { 5, 5000, 3 },                 /* 2.5 → 3, not banker's 2 */
    { -5, 5000, -3 },
    { 1, 4999, 0 },                 /* 0.4999 → 0 */
    { -1, 4999, 0 },
    { 1, 5001, 1 },
    { 0, 825, 0 },
    { 12345, 0, 0 },
    { 12345, 10000, 12345 },        /* 100 % */
    { 12345, 20000, 24690 },
    { 12345, -10000, -12345 },
    { 99, 1, 0 },                   /* 0.0099 → 0 */
    { 5000, 1, 1 },                 /* 0.5 → 1 */
    { -5000, 1, -1 },
    { 4999, 1, 0 },
    { G_MAXINT64, 10000, G_MAXINT64 },
    { G_MININT64, 10000, G_MININT64 },
    { G_MAXINT64, 5000, 4611686018427387904 },   /* 4611686018427387903.5 → …904 */
    { G_MININT64, 5000, -4611686018427387904 },
    { G_MAXINT64, 1, 922337203685478 },          /* 922337203685477.5807 → …478 */
    { G_MININT64, -1, 922337203685478 },         /* 922337203685477.5808 */
    { G_MAXINT64, -10000, -G_MAXINT64 },
    { 1, G_MAXINT64, 922337203685478 },
    { 10000, G_MAXINT64, G_MAXINT64 },
    { 10000, G_MININT64, G_MININT64 },
  };
  static const struct { gint64 amount; gint64 rate; } overflows[] = {
    { G_MAXINT64, 10001 },
    { G_MININT64, 10001 },
    { G_MININT64, -10000 },         /* -G_MININT64 */
    { G_MAXINT64, G_MAXINT64 },
    { G_MININT64, G_MININT64 },
    { 10001, G_MAXINT64 },
    { 20000, G_MININT64 },
    { G_MAXINT64, 20000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 result = 42;

      g_test_message ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT " bp",
                      cases[i].amount, cases[i].rate);
      g_assert_true (ar_money_percent_bp (cases[i].amount, cases[i].rate, &result, &error));
      g_assert_no_error (error);
      g_assert_cmpint (result, ==, cases[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (overflows); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 result = 42;

      g_assert_false (ar_money_percent_bp (overflows[i].amount, overflows[i].rate, &result,
                                           &error));
      g_assert_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_RANGE);
      g_assert_cmpint (result, ==, 42);
    }
}

#ifdef __SIZEOF_INT128__
/* The implementation avoids 128-bit integers (32-bit targets have none); check it against
 * them where the compiler has them. */
static void
test_percent_vs_int128 (void)
{
  for (guint i = 0; i < 200000; i++)
    {
      gint64 amount = random_int64 ();
      gint64 rate = i % 2 ? random_int64 () : g_test_rand_int_range (-30000, 30000);
      __int128 product = (__int128) amount * rate;
      __int128 q = product / 10000;
      __int128 r = product % 10000;
      gint64 result = 0;
      gboolean ok;

      if (r * 2 >= 10000)
        q++;
      else if (r * 2 <= -10000)
        q--;

      ok = ar_money_percent_bp (amount, rate, &result, NULL);
      if (q > G_MAXINT64 || q < G_MININT64)
        g_assert_false (ok);
      else
        {
          g_assert_true (ok);
          g_assert_cmpint (result, ==, (gint64) q);
        }
    }
}
#endif

/* A percentage as a person types it, as basis points. */
static void
test_percent_parse (void)
{
  gint64 bp = -1;

  g_assert_true (ar_percent_parse_bp ("8", &bp));
  g_assert_cmpint (bp, ==, 800);
  g_assert_true (ar_percent_parse_bp (" 8.5 % ", &bp));
  g_assert_cmpint (bp, ==, 850);
  g_assert_true (ar_percent_parse_bp ("-0.88%", &bp));
  g_assert_cmpint (bp, ==, -88);
  bp = 7;
  g_assert_false (ar_percent_parse_bp ("8.125", &bp));
  g_assert_false (ar_percent_parse_bp ("eight", &bp));
  g_assert_false (ar_percent_parse_bp ("%", &bp));
  g_assert_false (ar_percent_parse_bp ("8%%", &bp));
  g_assert_cmpint (bp, ==, 7);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* Tests switch locales themselves; start from a known one whatever the environment. */
  setlocale (LC_ALL, "C.UTF-8");

  g_test_add_func ("/money/currency/table-sorted", test_currency_table_sorted);
  g_test_add_func ("/money/currency/exponents", test_currency_exponents);
  g_test_add_func ("/money/currency/invalid", test_currency_invalid);
  g_test_add_func ("/money/currency/symbols", test_currency_symbols);
  g_test_add_func ("/money/currency/get-code-range", test_currency_get_code_range);
  g_test_add_func ("/money/parse/valid", test_parse_valid);
  g_test_add_func ("/money/parse/invalid", test_parse_invalid);
  g_test_add_func ("/money/parse/long-text", test_parse_long_text);
  g_test_add_func ("/money/parse/currency", test_parse_currency);
  g_test_add_func ("/money/parse/no-error-location", test_parse_no_error_location);
  g_test_add_func ("/money/format/plain", test_format_plain);
  g_test_add_func ("/money/format/round-trip", test_format_round_trip);
  g_test_add_func ("/money/format/invalid-currency", test_format_invalid_currency);
  g_test_add_func ("/money/format/locale-c", test_format_locale_c);
  g_test_add_func ("/money/format/locale-de", test_format_locale_de);
  g_test_add_func ("/money/format/locale-en-us", test_format_locale_en_us);
  g_test_add_func ("/money/parse-locale/c", test_parse_locale_c);
  g_test_add_func ("/money/parse-locale/de", test_parse_locale_de);
  g_test_add_func ("/money/parse-locale/en-us", test_parse_locale_en_us);
  g_test_add_func ("/money/parse-locale/fr", test_locale_fr);
  g_test_add_data_func ("/money/parse-locale/round-trip/c", "C", test_parse_locale_round_trip);
  g_test_add_data_func ("/money/parse-locale/round-trip/c-utf8", "C.UTF-8",
                        test_parse_locale_round_trip);
  g_test_add_data_func ("/money/parse-locale/round-trip/de", "de_DE.UTF-8",
                        test_parse_locale_round_trip);
  g_test_add_data_func ("/money/parse-locale/round-trip/en-us", "en_US.UTF-8",
                        test_parse_locale_round_trip);
  g_test_add_data_func ("/money/parse-locale/round-trip/fr", "fr_FR.UTF-8",
                        test_parse_locale_round_trip);
  g_test_add_func ("/money/arith/add", test_arith_add);
  g_test_add_func ("/money/arith/sub", test_arith_sub);
  g_test_add_func ("/money/arith/mul", test_arith_mul);
  g_test_add_func ("/money/arith/add-checked", test_arith_add_checked);
  g_test_add_func ("/money/split", test_split);
  g_test_add_func ("/money/percent", test_percent);
  g_test_add_func ("/money/percent/parse", test_percent_parse);
#ifdef __SIZEOF_INT128__
  g_test_add_func ("/money/percent/vs-int128", test_percent_vs_int128);
#endif

  return g_test_run ();
}
