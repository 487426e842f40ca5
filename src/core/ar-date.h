/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates in Arrears are calendar days: GDate, stored as ISO "YYYY-MM-DD" text. */

#define AR_DATE_ERROR (ar_date_error_quark ())

typedef enum
{
  AR_DATE_ERROR_INVALID,  /* not YYYY-MM-DD, or no such day (2026-02-30) */
} ArDateError;

GQuark    ar_date_error_quark         (void);

/* Strict ISO 8601 calendar date, exactly 10 characters "YYYY-MM-DD", year 1000..9999,
 * a day that exists. */
gboolean  ar_date_parse               (const char  *text,
                                       GDate       *out,
                                       GError     **error);
/* "YYYY-MM-DD" into @buf, which must hold 11 bytes. Returns @buf. */
char     *ar_date_format              (const GDate *date,
                                       char         buf[11]);
/* Today in the local time zone. */
void      ar_date_set_today           (GDate       *date);
/* to − from, in days (negative when @to is before @from). */
int       ar_date_days_between        (const GDate *from,
                                       const GDate *to);
/* @anchor plus @months months, the day clamped to the month's end and measured from the
 * anchor, so that repeated monthly steps don't drift: 31 Jan + 1 → 28/29 Feb,
 * 31 Jan + 2 → 31 Mar. @months may be negative. */
void      ar_date_add_months_clamped  (const GDate *anchor,
                                       int          months,
                                       GDate       *out);
/* Julian day number (days since 1 Jan 1 CE, GDate's numbering): cheap to compare and store. */
guint32   ar_date_to_julian           (const GDate *date);
void      ar_date_from_julian         (guint32      julian,
                                       GDate       *out);
/* Parses "YYYY-MM-DD" straight to a Julian day; 0 and an error on failure. */
guint32   ar_date_parse_julian        (const char  *text,
                                       GError     **error);
/* Formats a Julian day as "YYYY-MM-DD" into @buf (11 bytes). */
char     *ar_date_format_julian       (guint32      julian,
                                       char         buf[11]);

G_END_DECLS
