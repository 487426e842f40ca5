/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-date"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ar-date.h"

G_DEFINE_QUARK (ar-date-error-quark, ar_date_error)

#define DATE_LEN 10
#define QUOTE_MAX_CHARS 40

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

/* The value of @n ASCII digits at @p, or -1 if one of them is not a digit. */
static int
digits_value (const char *p,
              guint       n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return -1;
      value = value * 10 + (p[i] - '0');
    }

  return value;
}

gboolean
ar_date_parse (const char  *text,
               GDate       *out,
               GError     **error)
{
  g_autofree char *quoted = NULL;
  int year;
  int month;
  int day;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* strnlen: don't walk a long string just to learn it is too long. */
  if (strnlen (text, DATE_LEN + 1) == DATE_LEN && text[4] == '-' && text[7] == '-')
    {
      year = digits_value (text, 4);
      month = digits_value (text + 5, 2);
      day = digits_value (text + 8, 2);

      if (year >= 1000 && month >= 1 && month <= 12 && day >= 1 &&
          g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        {
          g_date_clear (out, 1);
          g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
          return TRUE;
        }

      quoted = quote_text (text);
      if (year >= 0 && year < 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 31)
        {
          g_set_error (error, AR_DATE_ERROR, AR_DATE_ERROR_INVALID,
                       _("“%s” is not a valid date; the year must be from 1000 to 9999"),
                       quoted);
          return FALSE;
        }
      if (year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 31)
        {
          guint8 days = g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);

          g_set_error (error, AR_DATE_ERROR, AR_DATE_ERROR_INVALID,
                       /* Translators: "“2026-02-29” is not a valid date; 2026-02 has 28 days" */
                       _("“%s” is not a valid date; %04d-%02d has %u days"),
                       quoted, year, month, (guint) days);
          return FALSE;
        }
    }

  if (quoted == NULL)
    quoted = quote_text (text);
  g_set_error (error, AR_DATE_ERROR, AR_DATE_ERROR_INVALID,
               _("“%s” is not a valid date; expected YYYY-MM-DD"), quoted);
  return FALSE;
}

char *
ar_date_format (const GDate *date,
                char         buf[11])
{
  g_return_val_if_fail (buf != NULL, NULL);

  buf[0] = '\0';
  g_return_val_if_fail (date != NULL && g_date_valid (date), buf);
  g_return_val_if_fail (g_date_get_year (date) <= 9999, buf);

  g_snprintf (buf, DATE_LEN + 1, "%04u-%02u-%02u",
              (guint) g_date_get_year (date),
              (guint) g_date_get_month (date),
              (guint) g_date_get_day (date));
  return buf;
}

void
ar_date_set_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year;
  int month;
  int day;

  g_return_if_fail (date != NULL);

  g_date_time_get_ymd (now, &year, &month, &day);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

int
ar_date_days_between (const GDate *from,
                      const GDate *to)
{
  g_return_val_if_fail (from != NULL && g_date_valid (from), 0);
  g_return_val_if_fail (to != NULL && g_date_valid (to), 0);

  return g_date_days_between (from, to);
}

void
ar_date_add_months_clamped (const GDate *anchor,
                            int          months,
                            GDate       *out)
{
  gint64 index;
  gint64 year;
  int month;
  guint day;
  guint8 last;

  g_return_if_fail (anchor != NULL && g_date_valid (anchor));
  g_return_if_fail (out != NULL);

  /* Months since January of year 0; GDate years start at 1, so a valid result has
   * index >= 12 and all divisions below are of non-negative numbers. */
  index = (gint64) g_date_get_year (anchor) * 12 + (g_date_get_month (anchor) - 1) + months;
  if (index < 12 || index / 12 > G_MAXUINT16)
    {
      g_date_clear (out, 1);
      g_return_if_fail (index >= 12 && index / 12 <= G_MAXUINT16);
    }
  year = index / 12;
  month = (int) (index % 12);
  day = g_date_get_day (anchor);

  last = g_date_get_days_in_month ((GDateMonth) (month + 1), (GDateYear) year);
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) MIN (day, last), (GDateMonth) (month + 1), (GDateYear) year);
}

guint32
ar_date_to_julian (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), G_DATE_BAD_JULIAN);

  return g_date_get_julian (date);
}

void
ar_date_from_julian (guint32  julian,
                     GDate   *out)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (g_date_valid_julian (julian));

  g_date_clear (out, 1);
  g_date_set_julian (out, julian);
}

/* Julian days are converted arithmetically (Howard Hinnant's days-from-civil algorithm) rather
 * than through GDate, whose conversions walk calendar tables: import and aging convert every
 * date they read, millions of times. tests/core/test-date.c checks both agree on every day. */
#define DAYS_0001_01_01_TO_1970_01_01 719162

static gboolean
is_leap (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static guint32
julian_from_civil (int y, int m, int d)
{
  int era, yoe, doy, doe;

  y -= m <= 2;
  era = y / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (guint32) (era * 146097 + doe - 719468 + DAYS_0001_01_01_TO_1970_01_01 + 1);
}

static void
civil_from_julian (guint32 julian, int *year, int *month, int *day)
{
  int z = (int) julian - 1 - DAYS_0001_01_01_TO_1970_01_01 + 719468;
  int era = z / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;

  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = yoe + era * 400 + (*month <= 2);
}

guint32
ar_date_parse_julian (const char  *text,
                      GError     **error)
{
  static const guint8 days_in_month[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  GDate date;

  /* The common case, a well-formed date, without GDate. */
  if (text != NULL && strnlen (text, DATE_LEN + 1) == DATE_LEN && text[4] == '-' && text[7] == '-')
    {
      int year = digits_value (text, 4);
      int month = digits_value (text + 5, 2);
      int day = digits_value (text + 8, 2);

      if (year >= 1000 && month >= 1 && month <= 12 && day >= 1 &&
          day <= days_in_month[month - 1] + (month == 2 && is_leap (year)))
        return julian_from_civil (year, month, day);
    }

  /* Anything else takes the slow path, which explains what is wrong. */
  if (!ar_date_parse (text, &date, error))
    return G_DATE_BAD_JULIAN;

  return g_date_get_julian (&date);
}

char *
ar_date_format_julian (guint32 julian,
                       char    buf[11])
{
  int year, month, day;

  g_return_val_if_fail (buf != NULL, NULL);

  buf[0] = '\0';
  g_return_val_if_fail (g_date_valid_julian (julian), buf);

  civil_from_julian (julian, &year, &month, &day);
  g_return_val_if_fail (year <= 9999, buf);
  buf[0] = '0' + year / 1000;
  buf[1] = '0' + year / 100 % 10;
  buf[2] = '0' + year / 10 % 10;
  buf[3] = '0' + year % 10;
  buf[4] = '-';
  buf[5] = '0' + month / 10;
  buf[6] = '0' + month % 10;
  buf[7] = '-';
  buf[8] = '0' + day / 10;
  buf[9] = '0' + day % 10;
  buf[10] = '\0';
  return buf;
}
