/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-money"
/* For the LC_MONETARY items of nl_langinfo () (glibc). */
#define _GNU_SOURCE
#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <string.h>

#include "ar-money.h"

/* Integer arithmetic only: amounts are gint64 minor units, and every step that could leave
 * the gint64 range is checked with the compiler's overflow builtins. */

G_DEFINE_QUARK (ar-money-error-quark, ar_money_error)

#define MAX_EXPONENT 18
#define QUOTE_MAX_CHARS 40

/* Helpers -------------------------------------------------------------------------------- */

/* @text as it may appear in a message: valid UTF-8, and not a whole paragraph. */
static char *
quote_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  if (g_utf8_strlen (valid, -1) > QUOTE_MAX_CHARS)
    {
      const char *cut = g_utf8_offset_to_pointer (valid, QUOTE_MAX_CHARS);

      return g_strdup_printf ("%.*s…", (int) (cut - valid), valid);
    }

  return g_steal_pointer (&valid);
}

/* Length of the space character at @p (ASCII space or tab, NBSP, narrow NBSP, thin space),
 * or 0. */
static gsize
space_len (const char *p,
           const char *end)
{
  gsize avail = (gsize) (end - p);

  if (avail >= 1 && (*p == ' ' || *p == '\t'))
    return 1;
  if (avail >= 2 && memcmp (p, "\xc2\xa0", 2) == 0)
    return 2;
  if (avail >= 3 && (memcmp (p, "\xe2\x80\xaf", 3) == 0 || memcmp (p, "\xe2\x80\x89", 3) == 0))
    return 3;
  return 0;
}

static const char *
skip_spaces (const char *p,
             const char *end)
{
  gsize n;

  while ((n = space_len (p, end)) > 0)
    p += n;
  return p;
}

/* The character at @p for a message: “x”, or "a space". */
static char *
describe_char (const char *p)
{
  gunichar c = g_utf8_get_char_validated (p, -1);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return g_strdup_printf ("“\\x%02x”", (guint) (guchar) *p);
  if (g_unichar_isspace (c) || space_len (p, p + strlen (p)) > 0)
    return g_strdup (_("a space"));

  return g_strdup_printf ("“%.*s”", (int) (g_utf8_next_char (p) - p), p);
}

/* An amount with @exponent decimals to show as an example ("1234.56"). */
static char *
example_amount (int exponent)
{
  return g_strdup_printf ("1234%s%.*s", exponent > 0 ? "." : "", exponent, "567890123456789012");
}

static guint64
magnitude (gint64 minor)
{
  /* Unsigned negation is defined for G_MININT64, unlike -minor. */
  return minor < 0 ? (guint64) 0 - (guint64) minor : (guint64) minor;
}

/* Size of integer group @index counted from the right, per a POSIX grouping string: the last
 * size repeats, and CHAR_MAX (or any value >= 127, or a negative char) ends the grouping.
 * 0 means no further grouping. */
static guint
group_size (const char *grouping,
            guint       index)
{
  guint last = 0;

  for (guint k = 0; ; k++)
    {
      guchar g = (guchar) grouping[k];

      if (g == '\0')
        return last;
      if (g >= 127)
        return 0;
      last = g;
      if (k == index)
        return last;
    }
}

/* Appends the integer digits @digits (length @len) to @out, grouped with @sep per @grouping
 * (no grouping when @sep is empty). */
static void
append_grouped (GString    *out,
                const char *digits,
                gsize       len,
                const char *sep,
                const char *grouping)
{
  guint sizes[64];
  guint n_sizes = 0;
  gsize remaining = len;

  if (sep[0] != '\0')
    {
      for (guint i = 0; n_sizes < G_N_ELEMENTS (sizes); i++)
        {
          guint size = group_size (grouping, i);

          if (size == 0 || size >= remaining)
            break;
          sizes[n_sizes++] = size;
          remaining -= size;
        }
    }

  g_string_append_len (out, digits, (gssize) remaining);
  digits += remaining;
  while (n_sizes > 0)
    {
      guint size = sizes[--n_sizes];

      g_string_append (out, sep);
      g_string_append_len (out, digits, size);
      digits += size;
    }
}

/* Appends |minor| with @exponent decimals: integer digits grouped per @sep/@grouping, then
 * @decimal and exactly @exponent fraction digits. */
static void
append_amount (GString    *out,
               gint64      minor,
               int         exponent,
               const char *decimal,
               const char *sep,
               const char *grouping)
{
  char digits[64];
  int len;
  gsize n_int;

  /* At least exponent + 1 digits, so that there is always an integer digit ("0.05"). */
  len = g_snprintf (digits, sizeof digits, "%0*" G_GUINT64_FORMAT, exponent + 1,
                    magnitude (minor));
  g_assert (len > exponent && (gsize) len < sizeof digits);

  n_int = (gsize) (len - exponent);
  append_grouped (out, digits, n_int, sep, grouping);
  if (exponent > 0)
    {
      g_string_append (out, decimal);
      g_string_append_len (out, digits + n_int, exponent);
    }
}

/* Parsing -------------------------------------------------------------------------------- */

/* The common tail of both parsers, once the syntax is known to be right: @int_digits and
 * @frac_digits are plain ASCII digits. Checks precision, then accumulates with overflow
 * checks. @shown is the user's text for messages; @currency may be NULL. */
static gboolean
accumulate (const char  *shown,
            gboolean     negative,
            const char  *int_digits,
            gsize        n_int,
            const char  *frac_digits,
            gsize        n_frac,
            int          exponent,
            const char  *currency,
            gint64      *out_minor,
            GError     **error)
{
  gint64 value = 0;

  if (n_frac > (gsize) exponent)
    {
      g_autofree char *quoted = quote_text (shown);
      g_autofree char *decimals = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u decimal",
                                                                "%u decimals",
                                                                (gulong) n_frac),
                                                   (guint) n_frac);

      if (currency != NULL && exponent == 0)
        g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_PRECISION,
                     /* Translators: "“12.5” has 1 decimal; JPY amounts are whole numbers" */
                     _("“%s” has %s; %s amounts are whole numbers"),
                     quoted, decimals, currency);
      else if (currency != NULL)
        g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_PRECISION,
                     /* Translators: "“12.345” has 3 decimals; USD allows at most 2" */
                     _("“%s” has %s; %s allows at most %d"),
                     quoted, decimals, currency, exponent);
      else
        g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_PRECISION,
                     _("“%s” has %s; at most %d are allowed"),
                     quoted, decimals, exponent);
      return FALSE;
    }

  /* Accumulate downwards: the negative range is the larger one, so G_MININT64 fits. */
  for (gsize i = 0; i < n_int + (gsize) exponent; i++)
    {
      int digit = 0;

      if (i < n_int)
        digit = int_digits[i] - '0';
      else if (i - n_int < n_frac)
        digit = frac_digits[i - n_int] - '0';

      if (__builtin_mul_overflow (value, 10, &value) ||
          __builtin_sub_overflow (value, digit, &value))
        goto out_of_range;
    }

  if (!negative)
    {
      if (value == G_MININT64)
        goto out_of_range;
      value = -value;
    }

  *out_minor = value;
  return TRUE;

out_of_range:
  {
    g_autofree char *quoted = quote_text (shown);
    g_autofree char *limit = ar_money_format_minor (negative ? G_MININT64 : G_MAXINT64, exponent);

    if (currency != NULL && negative)
      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_RANGE,
                   _("“%s” is too small; the smallest %s amount is %s"),
                   quoted, currency, limit);
    else if (currency != NULL)
      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_RANGE,
                   _("“%s” is too large; the largest %s amount is %s"),
                   quoted, currency, limit);
    else if (negative)
      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_RANGE,
                   _("“%s” is too small; the smallest amount with %d decimals is %s"),
                   quoted, exponent, limit);
    else
      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_RANGE,
                   _("“%s” is too large; the largest amount with %d decimals is %s"),
                   quoted, exponent, limit);
    return FALSE;
  }
}

static void
set_no_digits_error (GError     **error,
                     const char  *text,
                     int          exponent)
{
  g_autofree char *example = example_amount (exponent);

  if (text[0] == '\0')
    {
      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                   _("The amount is empty; expected a number such as “%s”"), example);
    }
  else
    {
      g_autofree char *quoted = quote_text (text);

      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                   _("“%s” has no digits; expected a number such as “%s”"), quoted, example);
    }
}

/* ".5" and "1.": a digit is required on both sides of the decimal separator. */
static void
set_bare_point_error (GError     **error,
                      const char  *text,
                      gboolean     negative,
                      gboolean     no_int_digits,
                      const char  *decimal,
                      const char  *frac_digits,
                      gsize        n_frac)
{
  g_autofree char *quoted = quote_text (text);

  if (no_int_digits)
    {
      g_autofree char *fixed = g_strdup_printf ("%s0%s%.*s", negative ? "-" : "", decimal,
                                                (int) n_frac, frac_digits);

      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                   _("“%s” has no digit before the decimal separator “%s”; write “%s”"),
                   quoted, decimal, fixed);
    }
  else
    {
      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                   _("“%s” has no digits after the decimal separator “%s”"),
                   quoted, decimal);
    }
}

static gboolean
parse_plain (const char  *text,
             int          exponent,
             const char  *currency,
             gint64      *out_minor,
             GError     **error)
{
  const char *p = text;
  const char *int_start;
  const char *frac_start = NULL;
  gsize n_int = 0;
  gsize n_frac = 0;
  gboolean negative = FALSE;

  if (*p == '+')
    {
      g_autofree char *quoted = quote_text (text);

      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                   _("“%s” starts with “+”; positive amounts are written without a sign"),
                   quoted);
      return FALSE;
    }

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  int_start = p;
  for (; *p != '\0'; p++)
    {
      g_autofree char *quoted = NULL;
      g_autofree char *what = NULL;

      if (g_ascii_isdigit (*p))
        {
          if (frac_start != NULL)
            n_frac++;
          else
            n_int++;
          continue;
        }
      if (*p == '.' && frac_start == NULL)
        {
          frac_start = p + 1;
          continue;
        }

      quoted = quote_text (text);
      if (*p == '.')
        g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                     _("“%s” has more than one decimal point"), quoted);
      else if (*p == '-')
        g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                     _("“%s” has “-” in the wrong place; only one leading “-” is allowed"),
                     quoted);
      else if (*p == '+')
        g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                     _("“%s” has “+” in it; only a leading “-” is allowed"), quoted);
      else if (*p == ',' || *p == '\'' || *p == '_')
        g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                     _("“%s” contains the grouping character “%c”; the plain form has no grouping"),
                     quoted, *p);
      else if (g_ascii_isspace (*p) || space_len (p, p + strlen (p)) > 0)
        g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                     _("“%s” contains a space; the plain form has no spaces"), quoted);
      else
        {
          what = describe_char (p);
          g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                       _("“%s” contains %s, which is not allowed in an amount; expected digits, "
                         "an optional leading “-” and “.”"),
                       quoted, what);
        }
      return FALSE;
    }

  if (n_int == 0 && n_frac == 0)
    {
      set_no_digits_error (error, text, exponent);
      return FALSE;
    }
  if (n_int == 0 || (frac_start != NULL && n_frac == 0))
    {
      set_bare_point_error (error, text, negative, n_int == 0, ".", frac_start, n_frac);
      return FALSE;
    }

  return accumulate (text, negative, int_start, n_int, frac_start, n_frac,
                     exponent, currency, out_minor, error);
}

static gboolean
check_currency (const char  *currency,
                int         *out_exponent,
                GError     **error)
{
  int exponent = ar_currency_exponent (currency);

  if (exponent < 0)
    {
      g_autofree char *quoted = quote_text (currency);

      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_CURRENCY,
                   _("“%s” is not an ISO 4217 currency code"), quoted);
      return FALSE;
    }

  *out_exponent = exponent;
  return TRUE;
}

gboolean
ar_percent_parse_bp (const char *text,
                     gint64     *out_bp)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  gsize len = strlen (copy);

  if (len > 0 && copy[len - 1] == '%')
    {
      copy[len - 1] = '\0';
      g_strstrip (copy);
    }
  /* Basis points are hundredths: the digits of a two-decimal amount. */
  return ar_money_parse_minor (copy, 2, out_bp, NULL);
}

gboolean
ar_money_parse_minor (const char  *text,
                      int          exponent,
                      gint64      *out_minor,
                      GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (exponent >= 0 && exponent <= MAX_EXPONENT, FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return parse_plain (text, exponent, NULL, out_minor, error);
}

gboolean
ar_money_parse (const char  *text,
                const char  *currency,
                ArMoney     *out,
                GError     **error)
{
  int exponent;
  gint64 minor;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_currency (currency, &exponent, error) ||
      !parse_plain (text, exponent, currency, &minor, error))
    return FALSE;

  out->minor = minor;
  memcpy (out->currency, currency, sizeof out->currency);
  return TRUE;
}

/* Locale conventions --------------------------------------------------------------------- */

typedef struct
{
  char     decimal[16];
  char     group[16];        /* empty: no grouping */
  char     grouping[16];
  char     local_symbol[32]; /* the locale's own symbol when its currency is ours, else "" */
  gboolean p_precedes;
  gboolean n_precedes;
  gboolean p_space;
  gboolean n_space;
} Conventions;

static const char *
first_nonempty (const char *a,
                const char *b,
                const char *fallback)
{
  if (a != NULL && a[0] != '\0')
    return a;
  if (b != NULL && b[0] != '\0')
    return b;
  return fallback;
}

/* The calling thread's conventions, as localeconv () gives them. localeconv () itself fills
 * one static struct for the whole process, so a worker that formats a document in the
 * debtor's language (uselocale (), ar_doc_locale_push ()) and the main thread formatting at
 * the same time would read each other's separators. glibc's nl_langinfo () reads the calling
 * thread's locale and returns pointers into that locale's own data. */
static char
langinfo_char (nl_item item)
{
  const char *s = nl_langinfo (item);

  /* The C locale stores "unspecified" as '\377'; localeconv () reports it as CHAR_MAX. */
  if (s == NULL || s[0] == (char) -1)
    return CHAR_MAX;
  return s[0];
}

static const char *
langinfo_grouping (nl_item item)
{
  const char *s = nl_langinfo (item);

  /* As localeconv () does: "no grouping" is an empty string. */
  if (s == NULL || s[0] == CHAR_MAX || s[0] == (char) -1)
    return "";
  return s;
}

static void
thread_lconv (struct lconv *lc)
{
  memset (lc, 0, sizeof *lc);
  lc->decimal_point = nl_langinfo (RADIXCHAR);
  lc->thousands_sep = nl_langinfo (THOUSEP);
  lc->grouping = (char *) langinfo_grouping (GROUPING);
  lc->int_curr_symbol = nl_langinfo (INT_CURR_SYMBOL);
  lc->currency_symbol = nl_langinfo (CURRENCY_SYMBOL);
  lc->mon_decimal_point = nl_langinfo (MON_DECIMAL_POINT);
  lc->mon_thousands_sep = nl_langinfo (MON_THOUSANDS_SEP);
  lc->mon_grouping = (char *) langinfo_grouping (MON_GROUPING);
  lc->p_cs_precedes = langinfo_char (P_CS_PRECEDES);
  lc->n_cs_precedes = langinfo_char (N_CS_PRECEDES);
  lc->p_sep_by_space = langinfo_char (P_SEP_BY_SPACE);
  lc->n_sep_by_space = langinfo_char (N_SEP_BY_SPACE);
}

static void
get_conventions (const char  *currency,
                 Conventions *conv)
{
  struct lconv thread_lc;
  const struct lconv *lc = &thread_lc;

  thread_lconv (&thread_lc);
  /* C, C.UTF-8 and POSIX define no monetary conventions at all (CHAR_MAX everywhere). */
  gboolean defaults = lc->p_cs_precedes == CHAR_MAX;

  g_strlcpy (conv->decimal, first_nonempty (lc->mon_decimal_point, lc->decimal_point, "."),
             sizeof conv->decimal);
  g_strlcpy (conv->group, first_nonempty (lc->mon_thousands_sep, lc->thousands_sep,
                                          defaults ? "," : ""),
             sizeof conv->group);
  g_strlcpy (conv->grouping, first_nonempty (lc->mon_grouping, lc->grouping,
                                             defaults ? "\3" : ""),
             sizeof conv->grouping);
  if (g_str_equal (conv->group, conv->decimal) || group_size (conv->grouping, 0) == 0)
    conv->group[0] = '\0';

  conv->local_symbol[0] = '\0';
  if (lc->int_curr_symbol != NULL && strncmp (lc->int_curr_symbol, currency, 3) == 0 &&
      lc->currency_symbol != NULL)
    g_strlcpy (conv->local_symbol, lc->currency_symbol, sizeof conv->local_symbol);

  conv->p_precedes = lc->p_cs_precedes == CHAR_MAX || lc->p_cs_precedes != 0;
  conv->n_precedes = lc->n_cs_precedes == CHAR_MAX || lc->n_cs_precedes != 0;
  conv->p_space = lc->p_sep_by_space == 1;
  conv->n_space = lc->n_sep_by_space == 1;
}

/* Formatting ----------------------------------------------------------------------------- */

char *
ar_money_format_minor (gint64 minor,
                       int    exponent)
{
  GString *out;

  g_return_val_if_fail (exponent >= 0 && exponent <= MAX_EXPONENT, NULL);

  out = g_string_new (NULL);
  if (minor < 0)
    g_string_append_c (out, '-');
  append_amount (out, minor, exponent, ".", "", "");

  return g_string_free (out, FALSE);
}

char *
ar_money_format_plain (gint64      minor,
                       const char *currency)
{
  int exponent = ar_currency_exponent (currency);

  g_return_val_if_fail (exponent >= 0, NULL);

  return ar_money_format_minor (minor, exponent);
}

static gboolean
is_letter_at (const char *p)
{
  gunichar c = g_utf8_get_char_validated (p, -1);

  return c != (gunichar) -1 && c != (gunichar) -2 && g_unichar_isalpha (c);
}

static gboolean
ends_with_letter (const char *s)
{
  const char *last;

  if (s[0] == '\0')
    return FALSE;
  last = g_utf8_find_prev_char (s, s + strlen (s));

  return last != NULL && is_letter_at (last);
}

char *
ar_money_format (gint64      minor,
                 const char *currency)
{
  Conventions conv;
  GString *out;
  GString *number;
  const char *symbol;
  int exponent = ar_currency_exponent (currency);
  gboolean negative = minor < 0;
  gboolean precedes;
  gboolean space;

  g_return_val_if_fail (exponent >= 0, NULL);

  get_conventions (currency, &conv);
  symbol = conv.local_symbol[0] != '\0' ? conv.local_symbol : ar_currency_symbol (currency);
  precedes = negative ? conv.n_precedes : conv.p_precedes;
  space = negative ? conv.n_space : conv.p_space;
  /* "CHF 5.00" and "5.00 zł", never "CHF5.00": letters must not run into the digits. */
  if (precedes ? ends_with_letter (symbol) : is_letter_at (symbol))
    space = TRUE;

  number = g_string_new (NULL);
  append_amount (number, minor, exponent, conv.decimal, conv.group, conv.grouping);

  out = g_string_new (negative ? "-" : "");
  if (precedes)
    g_string_append_printf (out, "%s%s%s", symbol, space ? " " : "", number->str);
  else
    g_string_append_printf (out, "%s%s%s", number->str, space ? " " : "", symbol);
  g_string_free (number, TRUE);

  return g_string_free (out, FALSE);
}

/* Locale parsing ------------------------------------------------------------------------- */

static gsize
match_at (const char *p,
          const char *end,
          const char *what)
{
  gsize len = strlen (what);

  if (len == 0 || (gsize) (end - p) < len || memcmp (p, what, len) != 0)
    return 0;
  return len;
}

typedef struct
{
  const char *text;
  gboolean    ascii_case;
} Candidate;

/* The longest currency marker at @p (when @whole, one that spans exactly to @end), or 0. */
static gsize
match_symbol (const Candidate *cands,
              guint            n_cands,
              const char      *p,
              const char      *end,
              gboolean         whole)
{
  gsize best = 0;

  for (guint i = 0; i < n_cands; i++)
    {
      gsize len = strlen (cands[i].text);
      gboolean same;

      if (len == 0 || (gsize) (end - p) < len || len <= best)
        continue;
      if (whole && (gsize) (end - p) != len)
        continue;
      same = cands[i].ascii_case ? g_ascii_strncasecmp (p, cands[i].text, len) == 0
                                 : memcmp (p, cands[i].text, len) == 0;
      if (same)
        best = len;
    }

  return best;
}

/* If the @len bytes at @p are another ISO 4217 code, sets a currency error. */
static gboolean
is_other_currency (const char  *p,
                   gsize        len,
                   const char  *text,
                   const char  *currency,
                   GError     **error)
{
  char code[4];

  if (len != 3 || !g_ascii_isalpha (p[0]) || !g_ascii_isalpha (p[1]) || !g_ascii_isalpha (p[2]))
    return FALSE;
  for (guint i = 0; i < 3; i++)
    code[i] = g_ascii_toupper (p[i]);
  code[3] = '\0';
  if (!ar_currency_is_valid (code) || g_str_equal (code, currency))
    return FALSE;

  {
    g_autofree char *quoted = quote_text (text);

    g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_CURRENCY,
                 /* Translators: "“EUR 5” is in EUR, not USD" */
                 _("“%s” is in %s, not %s"), quoted, code, currency);
  }
  return TRUE;
}

static void
set_unexpected_error (GError     **error,
                      const char  *text,
                      const char  *p)
{
  g_autofree char *quoted = quote_text (text);
  g_autofree char *what = describe_char (p);

  if (*p == '+')
    g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                 _("“%s” has a “+”; positive amounts are written without a sign"), quoted);
  else
    g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                 /* Translators: the second %s is “x” or "a space" */
                 _("“%s” is not an amount: %s is not expected here"), quoted, what);
}

/* Checks the digit runs of a grouped integer part (@n_runs >= 2, left to right). */
static gboolean
grouping_is_valid (const guint *runs,
                   guint        n_runs,
                   const char  *grouping,
                   gboolean     leading_zero)
{
  guint index = 0;
  guint lead_max;

  if (leading_zero)
    return FALSE;

  for (guint i = n_runs - 1; i >= 1; i--, index++)
    {
      guint size = group_size (grouping, index);

      if (size == 0 || runs[i] != size)
        return FALSE;
    }

  lead_max = group_size (grouping, index);
  return runs[0] >= 1 && (lead_max == 0 || runs[0] <= lead_max);
}

gboolean
ar_money_parse_locale (const char  *text,
                       const char  *currency,
                       ArMoney     *out,
                       GError     **error)
{
  Conventions conv;
  Candidate cands[3];
  guint n_cands = 0;
  const char *p;
  const char *end;
  const char *rest;
  gboolean negative = FALSE;
  gboolean prefix_symbol = FALSE;
  gboolean group_is_space;
  g_autoptr(GString) int_digits = g_string_new (NULL);
  g_autoptr(GString) frac_digits = g_string_new (NULL);
  guint runs[64] = { 0 };   /* digits per group of the integer part, left to right */
  guint n_runs = 1;
  gboolean too_many_groups = FALSE;
  guint n_points = 0;
  gboolean group_after_point = FALSE;
  int exponent;
  gint64 minor;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_currency (currency, &exponent, error))
    return FALSE;

  get_conventions (currency, &conv);
  group_is_space = conv.group[0] != '\0' &&
                   space_len (conv.group, conv.group + strlen (conv.group)) == strlen (conv.group);

  if (conv.local_symbol[0] != '\0')
    cands[n_cands++] = (Candidate) { conv.local_symbol, FALSE };
  cands[n_cands++] = (Candidate) { ar_currency_symbol (currency), FALSE };
  cands[n_cands++] = (Candidate) { currency, TRUE };

  /* Trim the surrounding spaces. */
  p = skip_spaces (text, text + strlen (text));
  end = p + strlen (p);
  while (end > p)
    {
      const char *prev = g_utf8_find_prev_char (p, end);

      if (prev == NULL || space_len (prev, end) != (gsize) (end - prev))
        break;
      end = prev;
    }

  if (p == end)
    {
      set_no_digits_error (error, "", exponent);
      return FALSE;
    }

  /* [-] [symbol [spaces]] [-] number [[spaces] symbol] */
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  {
    gsize n = match_symbol (cands, n_cands, p, end, FALSE);

    if (n > 0)
      {
        prefix_symbol = TRUE;
        p = skip_spaces (p + n, end);
      }
    else if (end - p >= 3 && !g_ascii_isalpha (p[3]) &&
             is_other_currency (p, 3, text, currency, error))
      {
        return FALSE;
      }
  }
  if (!negative && p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }

  /* The number: digits, decimal separators and grouping separators (a grouping separator
   * only counts when a digit follows it). Validated after the scan. */
  while (p < end)
    {
      gsize n;

      if (g_ascii_isdigit (*p))
        {
          if (n_points > 0)
            g_string_append_c (frac_digits, *p);
          else
            {
              g_string_append_c (int_digits, *p);
              runs[n_runs - 1]++;
            }
          p++;
          continue;
        }

      if ((n = match_at (p, end, conv.decimal)) > 0)
        {
          n_points++;
          p += n;
          continue;
        }

      n = conv.group[0] != '\0' ? match_at (p, end, conv.group) : 0;
      if (n == 0 && group_is_space)
        n = space_len (p, end);
      if (n > 0 && p + n < end && g_ascii_isdigit (p[n]))
        {
          if (n_points > 0)
            group_after_point = TRUE;
          else if (n_runs < G_N_ELEMENTS (runs))
            runs[n_runs++] = 0;   /* a leading separator leaves runs[0] == 0: invalid */
          else
            too_many_groups = TRUE;
          p += n;
          continue;
        }

      break;
    }

  /* What follows the number: nothing, or a currency marker. */
  rest = skip_spaces (p, end);
  if (rest < end)
    {
      gsize n = prefix_symbol ? 0 : match_symbol (cands, n_cands, rest, end, TRUE);

      if (n == 0)
        {
          if (!prefix_symbol &&
              is_other_currency (rest, (gsize) (end - rest), text, currency, error))
            return FALSE;
          /* "1 234" in a locale that groups with ',': the space is the culprit. */
          set_unexpected_error (error, text, rest > p && g_ascii_isdigit (*rest) ? p : rest);
          return FALSE;
        }
    }

  if (int_digits->len == 0 && frac_digits->len == 0)
    {
      set_no_digits_error (error, text, exponent);
      return FALSE;
    }
  if (n_points > 1)
    {
      g_autofree char *quoted = quote_text (text);

      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                   _("“%s” has more than one decimal separator “%s”"), quoted, conv.decimal);
      return FALSE;
    }
  if (group_after_point)
    {
      g_autofree char *quoted = quote_text (text);

      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                   _("“%s” has the grouping separator “%s” after the decimal separator “%s”"),
                   quoted, conv.group, conv.decimal);
      return FALSE;
    }
  if (int_digits->len == 0 || (n_points == 1 && frac_digits->len == 0))
    {
      set_bare_point_error (error, text, negative, int_digits->len == 0, conv.decimal,
                            frac_digits->str, frac_digits->len);
      return FALSE;
    }
  if (n_runs >= 2 &&
      (too_many_groups ||
       !grouping_is_valid (runs, n_runs, conv.grouping, int_digits->str[0] == '0')))
    {
      g_autofree char *quoted = quote_text (text);

      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                   _("“%s” has the grouping separator “%s” in the wrong place; digits are "
                     "grouped by %u and the decimal separator is “%s”"),
                   quoted, conv.group, group_size (conv.grouping, 0), conv.decimal);
      return FALSE;
    }

  if (!accumulate (text, negative, int_digits->str, int_digits->len,
                   frac_digits->str, frac_digits->len, exponent, currency, &minor, error))
    return FALSE;

  out->minor = minor;
  memcpy (out->currency, currency, sizeof out->currency);
  return TRUE;
}

/* Arithmetic ----------------------------------------------------------------------------- */

static void
set_overflow_error (GError     **error,
                    const char  *operation,
                    gint64       a,
                    gint64       b)
{
  g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_RANGE,
               /* Translators: "The sum of 9223372036854775807 and 1 minor units is beyond
                * the range of amounts (±9223372036854775807)" */
               _("The %s of %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT " is beyond the range "
                 "of amounts (±%" G_GINT64_FORMAT " minor units)"),
               operation, a, b, G_MAXINT64);
}

gboolean
ar_money_add (gint64   a,
              gint64   b,
              gint64  *out,
              GError **error)
{
  gint64 result;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_add_overflow (a, b, &result))
    {
      set_overflow_error (error, _("sum"), a, b);
      return FALSE;
    }

  *out = result;
  return TRUE;
}

gboolean
ar_money_sub (gint64   a,
              gint64   b,
              gint64  *out,
              GError **error)
{
  gint64 result;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_sub_overflow (a, b, &result))
    {
      set_overflow_error (error, _("difference"), a, b);
      return FALSE;
    }

  *out = result;
  return TRUE;
}

gboolean
ar_money_mul (gint64   a,
              gint64   factor,
              gint64  *out,
              GError **error)
{
  gint64 result;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_mul_overflow (a, factor, &result))
    {
      set_overflow_error (error, _("product"), a, factor);
      return FALSE;
    }

  *out = result;
  return TRUE;
}

gboolean
ar_money_add_checked (const ArMoney  *a,
                      const ArMoney  *b,
                      ArMoney        *out,
                      GError        **error)
{
  char currency[4];
  gint64 minor;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (strncmp (a->currency, b->currency, sizeof a->currency) != 0)
    {
      /* Not necessarily NUL-terminated if the caller filled them in by hand. */
      g_autofree char *ca = g_strndup (a->currency, sizeof a->currency);
      g_autofree char *cb = g_strndup (b->currency, sizeof b->currency);
      g_autofree char *qa = quote_text (ca);
      g_autofree char *qb = quote_text (cb);

      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_CURRENCY,
                   _("Cannot add an amount in %s to an amount in %s"), qb, qa);
      return FALSE;
    }

  if (!ar_money_add (a->minor, b->minor, &minor, error))
    return FALSE;

  /* @out may be @a or @b. */
  memcpy (currency, a->currency, sizeof currency);
  out->minor = minor;
  memcpy (out->currency, currency, sizeof out->currency);
  return TRUE;
}

gboolean
ar_money_split (gint64   total,
                guint    n,
                gint64  *parts,
                GError **error)
{
  gint64 part;
  gint64 remainder;

  if (n == 0)
    {
      g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_INVALID,
                   _("Cannot split an amount into 0 parts"));
      return FALSE;
    }

  g_return_val_if_fail (parts != NULL, FALSE);

  /* n >= 1 and C division truncates toward zero, so neither overflows (even G_MININT64 / 1);
   * |remainder| < n, so the last part (part + remainder) stays in range for n >= 2. */
  part = total / (gint64) n;
  remainder = total % (gint64) n;

  for (guint i = 0; i + 1 < n; i++)
    parts[i] = part;
  parts[n - 1] = part + remainder;

  return TRUE;
}

gboolean
ar_money_percent_bp (gint64   amount,
                     gint64   rate_bp,
                     gint64  *out,
                     GError **error)
{
  /* amount × rate / 10000 without a 128-bit type: with amount = qa·10⁴ + ra and
   * rate = qr·10⁴ + rr (C division, so ra, rr carry the signs of their operands),
   *   amount × rate / 10⁴ = amount·qr + qa·rr + ra·rr / 10⁴,   |ra·rr| < 10⁸.
   * All three terms have the sign of the product (or are 0), so the integer part is the sum
   * of amount·qr, qa·rr and ra·rr / 10⁴ truncated, and an overflow of any partial sum is an
   * overflow of the result. The fraction is (ra·rr % 10⁴) / 10⁴, which decides rounding. */
  const gint64 scale = 10000;
  gint64 qa = amount / scale;
  gint64 ra = amount % scale;
  gint64 qr = rate_bp / scale;
  gint64 rr = rate_bp % scale;
  gint64 small = ra * rr;
  gint64 result;
  gint64 term;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_mul_overflow (amount, qr, &result) ||
      __builtin_mul_overflow (qa, rr, &term) ||
      __builtin_add_overflow (result, term, &result) ||
      __builtin_add_overflow (result, small / scale, &result))
    goto overflow;

  /* Half away from zero: |fraction| >= 1/2. */
  if ((small % scale) * 2 >= scale)
    {
      if (__builtin_add_overflow (result, 1, &result))
        goto overflow;
    }
  else if ((small % scale) * 2 <= -scale)
    {
      if (__builtin_sub_overflow (result, 1, &result))
        goto overflow;
    }

  *out = result;
  return TRUE;

overflow:
  g_set_error (error, AR_MONEY_ERROR, AR_MONEY_ERROR_RANGE,
               _("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT " basis points is beyond the "
                 "range of amounts (±%" G_GINT64_FORMAT " minor units)"),
               amount, rate_bp, G_MAXINT64);
  return FALSE;
}
