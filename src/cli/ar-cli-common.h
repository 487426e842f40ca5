/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ar-ledger.h"

G_BEGIN_DECLS

/* Exit statuses of arrears-cli. */
enum
{
  AR_CLI_EXIT_OK      = 0,  /* done */
  AR_CLI_EXIT_FAILURE = 1,  /* bad input, or the work failed; the reason is on stderr */
  AR_CLI_EXIT_USAGE   = 2,  /* unknown command or option, missing or extra arguments */
};

typedef struct _ArCliCommand ArCliCommand;

/* A subcommand. @args is a copy of the command line from the command name on (args[0] is the
 * name); the command may modify it. Returns the exit status. */
typedef int (*ArCliRunFunc) (const ArCliCommand *command,
                             GStrv              *args);

struct _ArCliCommand
{
  const char   *name;
  const char   *params;       /* positional arguments, e.g. "LEDGER DIR" */
  const char   *options;      /* the options in short, for the overview */
  const char   *summary;      /* one line, translatable (N_) */
  ArCliRunFunc  run;
};

/* The commands, in the order `arrears-cli --help` lists them (ar-cli.c). */
const ArCliCommand *ar_cli_find_command   (const char         *name);

int   ar_cli_run_init       (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_import     (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_aging      (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_debtors    (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_show       (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_pay        (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_reverse    (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_write_off  (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_refund     (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_export     (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_demo       (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_check      (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_backup     (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_statement  (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_chart      (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_letters    (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_interest   (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_queue      (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_dunning    (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_hold       (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_levels     (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_waive      (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_plan       (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_plans      (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_promise    (const ArCliCommand *command, GStrv *args);
int   ar_cli_run_dunning_config (const ArCliCommand *command, GStrv *args);

/* Messages --------------------------------------------------------------------------------- */

/* "arrears-cli: MESSAGE" on stderr. */
void  ar_cli_error          (const char         *format,
                             ...) G_GNUC_PRINTF (1, 2);
/* Prints @error and returns AR_CLI_EXIT_FAILURE. */
int   ar_cli_fail           (const GError       *error);
/* Prints "arrears-cli: MESSAGE", the command's usage line and a pointer to its help; returns
 * AR_CLI_EXIT_USAGE. @command may be NULL for the program as a whole. */
int   ar_cli_usage_error    (const ArCliCommand *command,
                             const char         *format,
                             ...) G_GNUC_PRINTF (2, 3);

/* Arguments -------------------------------------------------------------------------------- */

/* Parses the options of @command (its --help is generated from @entries, @command's summary
 * and @description) and checks that between @min_positional and @max_positional arguments
 * remain. On success *@args is the command name followed by those arguments. On a usage error
 * it prints one and returns FALSE (exit with AR_CLI_EXIT_USAGE). */
gboolean  ar_cli_parse_options  (const ArCliCommand  *command,
                                 const GOptionEntry  *entries,
                                 const char          *description,
                                 GStrv               *args,
                                 guint                min_positional,
                                 guint                max_positional);

/* Parses a date option ("YYYY-MM-DD"); NULL @text gives today. Errors name @option. */
gboolean  ar_cli_parse_date     (const char   *option,
                                 const char   *text,
                                 guint32      *out_julian,
                                 GError      **error);
/* Parses a whole number in [@min, @max]; errors name @what. */
gboolean  ar_cli_parse_int      (const char   *what,
                                 const char   *text,
                                 gint64        min,
                                 gint64        max,
                                 gint64       *out,
                                 GError      **error);
/* Parses an amount of @currency: the plain form ("1234.50"), or as written in the current
 * locale ("$1,234.50"). Errors name @what. */
gboolean  ar_cli_parse_amount   (const char   *what,
                                 const char   *text,
                                 const char   *currency,
                                 gint64       *out_minor,
                                 GError      **error);
/* An upper-cased ISO 4217 code, or an error naming @what. */
char     *ar_cli_parse_currency (const char   *what,
                                 const char   *text,
                                 GError      **error);

/* Ledgers ---------------------------------------------------------------------------------- */

/* Opens @path; on failure prints why and returns NULL. */
ArLedger *ar_cli_open_ledger    (const char   *path);
/* The company's default currency (USD when unset). */
char     *ar_cli_default_currency (ArLedger   *ledger);
guint32   ar_cli_today          (void);

/* Output ----------------------------------------------------------------------------------- */

/* Columns @text takes in a terminal: wide (East Asian) characters count two, combining marks
 * none. */
guint     ar_cli_text_width     (const char   *text);
/* Appends @text to @line padded with spaces to @width columns (@text is cut to fit with "…"
 * when @truncate is set). */
void      ar_cli_append_cell    (GString      *line,
                                 const char   *text,
                                 guint         width,
                                 gboolean      right_align,
                                 gboolean      truncate);
/* @text with each paragraph (line) wrapped at spaces to @width columns; lines that start
 * with a space are kept as they are. */
char     *ar_cli_wrap           (const char   *text,
                                 guint         width);
/* Writes @data unchanged to stdout (machine-readable output is never recoded). */
void      ar_cli_write_stdout   (const char   *data,
                                 gsize         length);

/* A small table that is aligned once all its rows are in (for reports of bounded size). */
typedef struct _ArCliTable ArCliTable;

/* @align has one character per column: 'l' or 'r'. */
ArCliTable *ar_cli_table_new    (const char   *align);
void        ar_cli_table_free   (ArCliTable   *table);
/* Adds a row: @cells holds as many cells as the table has columns; NULL cells are empty. */
void        ar_cli_table_add_row (ArCliTable  *table,
                                  const char * const *cells);
/* Adds a line printed as it is after the last row, outside the columns. */
void        ar_cli_table_add_note (ArCliTable *table,
                                  const char  *note);
/* Prints the table to stdout, each line prefixed by @indent. */
void        ar_cli_table_print  (ArCliTable   *table,
                                 const char   *indent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArCliTable, ar_cli_table_free)

G_END_DECLS
