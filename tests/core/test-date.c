/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-date"
#include "config.h"

#include <glib.h>
#include <string.h>

#include "ar-date.h"

static void
set_dmy (GDate *date,
         int    year,
         int    month,
         int    day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_assert_true (g_date_valid (date));
}

static void
assert_date (const GDate *date,
             int          year,
             int          month,
             int          day)
{
  char buf[11];
  char want[32];

  g_snprintf (want, sizeof want, "%04d-%02d-%02d", year, month, day);
  g_assert_true (g_date_valid (date));
  g_assert_cmpstr (ar_date_format (date, buf), ==, want);
}

/* Parsing -------------------------------------------------------------------------------- */

static void
test_parse_valid (void)
{
  static const struct { const char *text; int year, month, day; } cases[] = {
    { "2026-01-01", 2026, 1, 1 },
    { "2026-12-31", 2026, 12, 31 },
    { "2024-02-29", 2024, 2, 29 },   /* leap year */
    { "2000-02-29", 2000, 2, 29 },   /* divisible by 400: leap */
    { "2028-02-29", 2028, 2, 29 },
    { "2026-02-28", 2026, 2, 28 },
    { "2026-04-30", 2026, 4, 30 },
    { "2026-01-31", 2026, 1, 31 },
    { "1000-01-01", 1000, 1, 1 },    /* smallest year */
    { "9999-12-31", 9999, 12, 31 },  /* largest year */
    { "1970-01-01", 1970, 1, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_test_message ("%s", cases[i].text);
      g_assert_true (ar_date_parse (cases[i].text, &date, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_date_get_year (&date), ==, cases[i].year);
      g_assert_cmpint (g_date_get_month (&date), ==, cases[i].month);
      g_assert_cmpint (g_date_get_day (&date), ==, cases[i].day);
    }
}

static void
test_parse_invalid (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    /* no such day */
    { "2026-02-29", "“2026-02-29” is not a valid date; 2026-02 has 28 days" },
    { "1900-02-29", "1900-02 has 28 days" },    /* divisible by 100, not 400 */
    { "2100-02-29", "2100-02 has 28 days" },
    { "2024-02-30", "2024-02 has 29 days" },
    { "2026-04-31", "2026-04 has 30 days" },
    { "2026-06-31", "has 30 days" },
    { "2026-09-31", "has 30 days" },
    { "2026-11-31", "has 30 days" },
    /* no such month or day number */
    { "2026-13-01", "“2026-13-01” is not a valid date; expected YYYY-MM-DD" },
    { "2026-00-10", "expected YYYY-MM-DD" },
    { "2026-01-00", "expected YYYY-MM-DD" },
    { "2026-01-32", "expected YYYY-MM-DD" },
    { "2026-99-99", "expected YYYY-MM-DD" },
    /* year range */
    { "0999-12-31", "the year must be from 1000 to 9999" },
    { "0000-01-01", "the year must be from 1000 to 9999" },
    { "10000-01-01", "expected YYYY-MM-DD" },
    /* not the exact shape */
    { "", "“” is not a valid date; expected YYYY-MM-DD" },
    { "2026-1-01", "expected YYYY-MM-DD" },
    { "2026-01-1", "expected YYYY-MM-DD" },
    { "26-01-01", "expected YYYY-MM-DD" },
    { "20260101", "expected YYYY-MM-DD" },
    { "2026/01/01", "expected YYYY-MM-DD" },
    { "2026.01.01", "expected YYYY-MM-DD" },
    { "01-01-2026", "expected YYYY-MM-DD" },
    { "2026-01-01T00:00", "expected YYYY-MM-DD" },
    { "2026-01-01 ", "expected YYYY-MM-DD" },
    { " 2026-01-01", "expected YYYY-MM-DD" },
    { "2026-01-01\n", "expected YYYY-MM-DD" },
    { "2026-01-0a", "expected YYYY-MM-DD" },
    { "+026-01-01", "expected YYYY-MM-DD" },
    { "-026-01-01", "expected YYYY-MM-DD" },
    { "2026--1-01", "expected YYYY-MM-DD" },
    { "2026-+1-01", "expected YYYY-MM-DD" },
    { "2026- 1-01", "expected YYYY-MM-DD" },
    { "abcd-ef-gh", "expected YYYY-MM-DD" },
    { "２０２６-01-01", "expected YYYY-MM-DD" },   /* full-width digits */
    { "2026-01-01\xff", "expected YYYY-MM-DD" },
    { "\xff\xff\xff\xff-01-01", "expected YYYY-MM-DD" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      {
        g_autofree char *shown = g_utf8_make_valid (cases[i].text, -1);
        g_test_message ("“%s”", shown);
      }
      set_dmy (&date, 2001, 2, 3);
      g_assert_false (ar_date_parse (cases[i].text, &date, &error));
      g_assert_error (error, AR_DATE_ERROR, AR_DATE_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("“%s” not in “%s”", cases[i].message, error->message);
      /* Left alone on failure. */
      assert_date (&date, 2001, 2, 3);
    }

  /* The exact message. */
  {
    g_autoptr(GError) error = NULL;
    GDate date;

    g_assert_false (ar_date_parse ("2026-13-01", &date, &error));
    g_assert_cmpstr (error->message, ==, "“2026-13-01” is not a valid date; expected YYYY-MM-DD");
  }

  /* error may be NULL. */
  {
    GDate date;

    g_assert_false (ar_date_parse ("nope", &date, NULL));
  }
}

static void
test_parse_every_day (void)
{
  GDate day;
  GDate end;

  /* Every day of 1999..2031 (leap years, century rule at 2000) parses back to itself. */
  set_dmy (&day, 1999, 1, 1);
  set_dmy (&end, 2032, 1, 1);
  for (; g_date_compare (&day, &end) < 0; g_date_add_days (&day, 1))
    {
      g_autoptr(GError) error = NULL;
      char buf[11];
      GDate back;

      ar_date_format (&day, buf);
      g_assert_cmpuint (strlen (buf), ==, 10);
      g_assert_true (ar_date_parse (buf, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_date_compare (&day, &back), ==, 0);
    }
}

/* Formatting ----------------------------------------------------------------------------- */

static void
test_format (void)
{
  GDate date;
  char buf[11];

  set_dmy (&date, 2024, 2, 29);
  g_assert_true (ar_date_format (&date, buf) == buf);
  g_assert_cmpstr (buf, ==, "2024-02-29");

  set_dmy (&date, 1000, 1, 1);
  g_assert_cmpstr (ar_date_format (&date, buf), ==, "1000-01-01");
  set_dmy (&date, 9999, 12, 31);
  g_assert_cmpstr (ar_date_format (&date, buf), ==, "9999-12-31");
  set_dmy (&date, 5, 6, 7);
  g_assert_cmpstr (ar_date_format (&date, buf), ==, "0005-06-07");
}

static void
test_format_invalid (void)
{
  if (g_test_subprocess ())
    {
      GDate date;
      char buf[11] = "xxxxxxxxxx";

      g_date_clear (&date, 1);
      g_assert_true (ar_date_format (&date, buf) == buf);
      g_assert_cmpstr (buf, ==, "");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*g_date_valid*");
}

static void
test_format_year_too_large (void)
{
  if (g_test_subprocess ())
    {
      GDate date;
      char buf[11];

      set_dmy (&date, 10000, 1, 1);
      ar_date_format (&date, buf);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*9999*");
}

/* Arithmetic ----------------------------------------------------------------------------- */

static void
test_days_between (void)
{
  static const struct { int y1, m1, d1, y2, m2, d2, days; } cases[] = {
    { 2026, 1, 1, 2026, 1, 1, 0 },
    { 2026, 1, 1, 2026, 1, 2, 1 },
    { 2026, 1, 2, 2026, 1, 1, -1 },
    { 2024, 1, 1, 2025, 1, 1, 366 },     /* leap year */
    { 2025, 1, 1, 2026, 1, 1, 365 },
    { 2023, 3, 1, 2024, 3, 1, 366 },     /* crosses 2024-02-29 */
    { 2024, 3, 1, 2025, 3, 1, 365 },
    { 2024, 2, 28, 2024, 3, 1, 2 },
    { 2026, 2, 28, 2026, 3, 1, 1 },
    { 2026, 3, 1, 2026, 2, 28, -1 },
    { 2000, 1, 1, 2100, 1, 1, 36525 },   /* 2000 is leap, 2100 is not */
    { 1900, 1, 1, 2000, 1, 1, 36524 },   /* 1900 is not leap */
    { 2026, 12, 31, 2027, 1, 1, 1 },
    { 2027, 1, 1, 2026, 12, 31, -1 },
    { 1000, 1, 1, 9999, 12, 31, 3287181 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate from;
      GDate to;

      set_dmy (&from, cases[i].y1, cases[i].m1, cases[i].d1);
      set_dmy (&to, cases[i].y2, cases[i].m2, cases[i].d2);
      g_assert_cmpint (ar_date_days_between (&from, &to), ==, cases[i].days);
      g_assert_cmpint (ar_date_days_between (&to, &from), ==, -cases[i].days);
    }
}

static void
test_add_months (void)
{
  static const struct { int y, m, d, months, ey, em, ed; } cases[] = {
    { 2027, 1, 31, 1, 2027, 2, 28 },     /* clamped to the end of February */
    { 2027, 1, 31, 2, 2027, 3, 31 },     /* measured from the anchor: no drift */
    { 2027, 1, 31, 3, 2027, 4, 30 },
    { 2028, 1, 31, 1, 2028, 2, 29 },     /* leap year */
    { 2026, 11, 30, 3, 2027, 2, 28 },    /* across a year end */
    { 2027, 11, 30, 3, 2028, 2, 29 },
    { 2026, 12, 31, 1, 2027, 1, 31 },
    { 2026, 12, 15, 13, 2028, 1, 15 },
    { 2026, 5, 31, 1, 2026, 6, 30 },
    { 2026, 1, 31, 0, 2026, 1, 31 },
    { 2026, 3, 31, -1, 2026, 2, 28 },    /* negative */
    { 2024, 3, 31, -1, 2024, 2, 29 },
    { 2026, 1, 15, -1, 2025, 12, 15 },   /* back across a year end */
    { 2026, 1, 31, -2, 2025, 11, 30 },
    { 2026, 1, 31, -13, 2024, 12, 31 },
    { 2026, 8, 31, -6, 2026, 2, 28 },
    { 2026, 8, 31, -18, 2025, 2, 28 },
    { 2026, 1, 1, -12, 2025, 1, 1 },
    { 2026, 1, 1, -24, 2024, 1, 1 },
    { 2026, 12, 1, -12, 2025, 12, 1 },
    { 2026, 12, 1, -11, 2026, 1, 1 },
    { 2024, 2, 29, 12, 2025, 2, 28 },
    { 2024, 2, 29, 48, 2028, 2, 29 },
    { 2024, 2, 29, -48, 2020, 2, 29 },
    { 2026, 6, 15, 1200, 2126, 6, 15 },
    { 2026, 6, 15, -1200, 1926, 6, 15 },
    { 1000, 1, 31, 1, 1000, 2, 28 },     /* 1000 is not a leap year */
    { 9999, 12, 31, -1, 9999, 11, 30 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate anchor;
      GDate out;

      g_test_message ("%04d-%02d-%02d %+d", cases[i].y, cases[i].m, cases[i].d, cases[i].months);
      set_dmy (&anchor, cases[i].y, cases[i].m, cases[i].d);
      ar_date_add_months_clamped (&anchor, cases[i].months, &out);
      assert_date (&out, cases[i].ey, cases[i].em, cases[i].ed);
      /* The anchor is not touched. */
      assert_date (&anchor, cases[i].y, cases[i].m, cases[i].d);

      /* @out may be the anchor itself. */
      ar_date_add_months_clamped (&anchor, cases[i].months, &anchor);
      assert_date (&anchor, cases[i].ey, cases[i].em, cases[i].ed);
    }
}

static void
test_add_months_no_drift (void)
{
  GDate anchor;

  /* A monthly schedule anchored on the 31st: every step lands on the month's last day. */
  set_dmy (&anchor, 2027, 1, 31);
  for (int k = -30; k <= 30; k++)
    {
      GDate out;
      int index = 2027 * 12 + k;
      int year = index / 12;
      int month = index % 12 + 1;

      ar_date_add_months_clamped (&anchor, k, &out);
      assert_date (&out, year, month,
                   g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
    }

  /* Anchored on the 30th: 30 everywhere except February. */
  set_dmy (&anchor, 2026, 11, 30);
  for (int k = 0; k <= 40; k++)
    {
      GDate out;

      ar_date_add_months_clamped (&anchor, k, &out);
      if (g_date_get_month (&out) == G_DATE_FEBRUARY)
        g_assert_cmpint (g_date_get_day (&out), ==,
                         g_date_is_leap_year (g_date_get_year (&out)) ? 29 : 28);
      else
        g_assert_cmpint (g_date_get_day (&out), ==, 30);
    }
}

static void
test_add_months_out_of_range (void)
{
  if (g_test_subprocess ())
    {
      GDate anchor;
      GDate out;

      set_dmy (&anchor, 1, 1, 1);
      ar_date_add_months_clamped (&anchor, -1, &out);
      g_assert_false (g_date_valid (&out));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*index >= 12*");
}

/* Julian days ---------------------------------------------------------------------------- */

static void
test_julian (void)
{
  g_autoptr(GError) error = NULL;
  GDate date;
  GDate back;
  char buf[11];
  guint32 j;

  set_dmy (&date, 1, 1, 1);
  g_assert_cmpuint (ar_date_to_julian (&date), ==, 1);

  set_dmy (&date, 2024, 2, 29);
  j = ar_date_to_julian (&date);
  g_assert_cmpuint (j, ==, g_date_get_julian (&date));
  ar_date_from_julian (j, &back);
  assert_date (&back, 2024, 2, 29);
  ar_date_from_julian (j + 1, &back);
  assert_date (&back, 2024, 3, 1);
  g_assert_cmpstr (ar_date_format_julian (j - 1, buf), ==, "2024-02-28");

  g_assert_cmpuint (ar_date_parse_julian ("2024-02-29", &error), ==, j);
  g_assert_no_error (error);
  g_assert_cmpuint (ar_date_parse_julian ("2024-03-01", &error) - j, ==, 1);
  g_assert_cmpuint (ar_date_parse_julian ("2025-02-28", &error) - j, ==, 365);

  g_assert_cmpuint (ar_date_parse_julian ("2026-02-29", &error), ==, 0);
  g_assert_error (error, AR_DATE_ERROR, AR_DATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (ar_date_parse_julian ("", NULL), ==, 0);

  /* Round trip over a stretch of days. */
  for (guint32 k = ar_date_parse_julian ("1999-12-01", NULL);
       k < ar_date_parse_julian ("2030-03-01", NULL); k++)
    {
      ar_date_format_julian (k, buf);
      g_assert_cmpuint (ar_date_parse_julian (buf, &error), ==, k);
      g_assert_no_error (error);
    }

  g_assert_cmpuint (ar_date_parse_julian ("1000-01-01", NULL), <,
                    ar_date_parse_julian ("9999-12-31", NULL));
}

static void
test_today (void)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autoptr(GDateTime) after = NULL;
  GDate today;
  GDate expected_before;
  GDate expected_after;

  ar_date_set_today (&today);
  after = g_date_time_new_now_local ();

  g_assert_true (g_date_valid (&today));
  set_dmy (&expected_before, g_date_time_get_year (before), g_date_time_get_month (before),
           g_date_time_get_day_of_month (before));
  set_dmy (&expected_after, g_date_time_get_year (after), g_date_time_get_month (after),
           g_date_time_get_day_of_month (after));
  /* Around midnight the day may change between the calls. */
  g_assert_true (g_date_compare (&today, &expected_before) == 0 ||
                 g_date_compare (&today, &expected_after) == 0);
}

static void
test_julian_fast_path_matches_gdate (void)
{
  /* ar_date_parse_julian and ar_date_format_julian compute without GDate; they must agree with
   * it on every day from 1000-01-01 to 9999-12-31. */
  GDate d;
  char buf[11], expected[11];

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, 1, 1000);
  while (g_date_get_year (&d) <= 9999)
    {
      guint32 j = g_date_get_julian (&d);

      g_snprintf (expected, sizeof expected, "%04u-%02u-%02u", g_date_get_year (&d),
                  g_date_get_month (&d), g_date_get_day (&d));
      if (ar_date_parse_julian (expected, NULL) != j)
        g_error ("parse %s gave %u, GDate %u", expected, ar_date_parse_julian (expected, NULL), j);
      ar_date_format_julian (j, buf);
      if (strcmp (buf, expected) != 0)
        g_error ("format %u gave %s, expected %s", j, buf, expected);
      g_date_add_days (&d, 1);
    }
  g_assert_cmpuint (ar_date_parse_julian ("2026-02-29", NULL), ==, G_DATE_BAD_JULIAN);
  g_assert_cmpuint (ar_date_parse_julian ("2024-02-29", NULL), !=, G_DATE_BAD_JULIAN);
  g_assert_cmpuint (ar_date_parse_julian ("1900-02-29", NULL), ==, G_DATE_BAD_JULIAN);
  g_assert_cmpuint (ar_date_parse_julian ("2000-02-29", NULL), !=, G_DATE_BAD_JULIAN);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/valid", test_parse_valid);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);
  g_test_add_func ("/date/parse/every-day", test_parse_every_day);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/format/invalid", test_format_invalid);
  g_test_add_func ("/date/format/year-too-large", test_format_year_too_large);
  g_test_add_func ("/date/days-between", test_days_between);
  g_test_add_func ("/date/add-months", test_add_months);
  g_test_add_func ("/date/add-months/no-drift", test_add_months_no_drift);
  g_test_add_func ("/date/add-months/out-of-range", test_add_months_out_of_range);
  g_test_add_func ("/date/julian", test_julian);
  g_test_add_func ("/date/today", test_today);

  g_test_add_func ("/date/julian-fast-path", test_julian_fast_path_matches_gdate);
  return g_test_run ();
}
