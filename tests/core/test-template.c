/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ar-ledger-private.h"
#include "ar-template.h"
#include "ar-test-util.h"

/* Parsing ----------------------------------------------------------------------------------- */

static const ArTemplateSegment *
segment (const ArTemplate *t, guint i)
{
  g_assert_cmpuint (i, <, ar_template_get_n_segments (t));
  return ar_template_get_segment (t, i);
}

static void
test_parse_segments (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArTemplate) t = ar_template_parse ("Dear {debtor.name},\n\nyou owe {total_due}.\n"
                                               "{invoice_table}\nBye", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ar_template_get_n_segments (t), ==, 7);
  g_assert_cmpint (segment (t, 0)->kind, ==, AR_TEMPLATE_SEGMENT_TEXT);
  g_assert_cmpstr (segment (t, 0)->text, ==, "Dear ");
  g_assert_cmpint (segment (t, 1)->kind, ==, AR_TEMPLATE_SEGMENT_FIELD);
  g_assert_cmpint (segment (t, 1)->field, ==, AR_TEMPLATE_FIELD_DEBTOR_NAME);
  g_assert_null (segment (t, 1)->text);
  g_assert_cmpuint (segment (t, 1)->line, ==, 1);
  g_assert_cmpuint (segment (t, 1)->column, ==, 6);
  g_assert_cmpstr (segment (t, 2)->text, ==, ",\n\nyou owe ");
  g_assert_cmpint (segment (t, 3)->field, ==, AR_TEMPLATE_FIELD_TOTAL_DUE);
  g_assert_cmpuint (segment (t, 3)->line, ==, 3);
  g_assert_cmpuint (segment (t, 3)->column, ==, 9);
  g_assert_cmpstr (segment (t, 4)->text, ==, ".\n");
  g_assert_cmpint (segment (t, 5)->kind, ==, AR_TEMPLATE_SEGMENT_TABLE);
  g_assert_cmpint (segment (t, 5)->field, ==, AR_TEMPLATE_FIELD_INVOICE_TABLE);
  g_assert_cmpuint (segment (t, 5)->line, ==, 4);
  g_assert_cmpuint (segment (t, 5)->column, ==, 1);
  g_assert_cmpstr (segment (t, 6)->text, ==, "\nBye");
  g_assert_true (ar_template_uses_field (t, AR_TEMPLATE_FIELD_INVOICE_TABLE));
  g_assert_false (ar_template_uses_field (t, AR_TEMPLATE_FIELD_DEADLINE));

  {
    g_autoptr(ArTemplate) empty = ar_template_parse ("", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ar_template_get_n_segments (empty), ==, 0);
  }
}

static void
assert_parse_error (const char *text, int code, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArTemplate) t = ar_template_parse (text, &error);

  g_assert_null (t);
  g_assert_error (error, AR_TEMPLATE_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s”: expected “%s” in “%s”", text, fragment, error->message);
}

static void
test_parse_errors (void)
{
  /* Unknown fields are named, with their line and column (in characters, not bytes). */
  assert_parse_error ("Hello\n  {debtor.nmae}", AR_TEMPLATE_ERROR_UNKNOWN_FIELD,
                      "line 2, column 3: unknown field “debtor.nmae”");
  assert_parse_error ("Grüße {Total_Due}", AR_TEMPLATE_ERROR_UNKNOWN_FIELD,
                      "line 1, column 7: unknown field “Total_Due”");
  assert_parse_error ("{ total_due }", AR_TEMPLATE_ERROR_UNKNOWN_FIELD, "“ total_due ”");
  assert_parse_error ("{}", AR_TEMPLATE_ERROR_UNKNOWN_FIELD, "unknown field “”");
  /* No expressions or code of any kind. */
  assert_parse_error ("{total_due + 1}", AR_TEMPLATE_ERROR_UNKNOWN_FIELD, "“total_due + 1”");
  assert_parse_error ("{debtor.name|upper}", AR_TEMPLATE_ERROR_UNKNOWN_FIELD,
                      "“debtor.name|upper”");
  /* Unbalanced braces. */
  assert_parse_error ("Pay {total_due by Friday", AR_TEMPLATE_ERROR_SYNTAX,
                      "line 1, column 5: “{” is not closed");
  assert_parse_error ("Pay {total_due\n}", AR_TEMPLATE_ERROR_SYNTAX, "line 1, column 5");
  assert_parse_error ("a }b", AR_TEMPLATE_ERROR_SYNTAX, "line 1, column 3: “}” without");
  assert_parse_error ("{total_due}}", AR_TEMPLATE_ERROR_SYNTAX, "line 1, column 12");
  assert_parse_error ("x\n{a{total_due}}", AR_TEMPLATE_ERROR_SYNTAX,
                      "line 2, column 1: a field can’t contain “{”");
  assert_parse_error ("ok\xff", AR_TEMPLATE_ERROR_SYNTAX, "line 1, column 3: the text is not "
                      "valid UTF-8");
}

static void
test_escaping (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArTemplate) t = ar_template_parse ("{{total_due}} is {{{total_due}}}; }} {{", &error);
  g_autofree char *source = NULL;
  g_autoptr(ArTemplate) again = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (ar_template_get_n_segments (t), ==, 3);
  g_assert_cmpstr (segment (t, 0)->text, ==, "{total_due} is {");
  g_assert_cmpint (segment (t, 1)->kind, ==, AR_TEMPLATE_SEGMENT_FIELD);
  g_assert_cmpuint (segment (t, 1)->column, ==, 20);
  g_assert_cmpstr (segment (t, 2)->text, ==, "}; } {");

  /* Written out again, it parses to the same segments. */
  source = ar_template_to_source (t);
  g_assert_cmpstr (source, ==, "{{total_due}} is {{{total_due}}}; }} {{");
  again = ar_template_parse (source, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ar_template_get_n_segments (again), ==, 3);
  g_assert_cmpstr (segment (again, 0)->text, ==, "{total_due} is {");
}

static char *
hostile_lookup (ArTemplateField field, gpointer user_data)
{
  switch (field)
    {
    case AR_TEMPLATE_FIELD_DEBTOR_NAME:
      return g_strdup ("{total_due}");
    case AR_TEMPLATE_FIELD_DEBTOR_COMPANY:
      return g_strdup ("}} {{ {invoice_table} {");
    case AR_TEMPLATE_FIELD_TOTAL_DUE:
      return g_strdup ("$10.00");
    case AR_TEMPLATE_FIELD_INVOICE_TABLE:
      g_assert_not_reached ();
    default:
      return NULL;
    }
}

static void
test_values_are_literal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArTemplate) t = ar_template_parse ("Dear {debtor.name} ({debtor.company}),\n"
                                               "{invoice_table}\nTotal: {total_due}", &error);
  g_autoptr(ArTemplate) out = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  out = ar_template_expand (t, hostile_lookup, NULL, &error);
  g_assert_no_error (error);
  /* The values are text: not parsed, not unescaped, no extra table appears. */
  g_assert_cmpuint (ar_template_get_n_segments (out), ==, 8);
  g_assert_cmpint (segment (out, 1)->kind, ==, AR_TEMPLATE_SEGMENT_FIELD);
  g_assert_cmpstr (segment (out, 1)->text, ==, "{total_due}");
  g_assert_cmpstr (segment (out, 3)->text, ==, "}} {{ {invoice_table} {");
  g_assert_cmpint (segment (out, 5)->kind, ==, AR_TEMPLATE_SEGMENT_TABLE);
  g_assert_null (segment (out, 5)->text);
  text = ar_template_to_text (out, "[TABLE]");
  g_assert_cmpstr (text, ==, "Dear {total_due} (}} {{ {invoice_table} {),\n[TABLE]\n"
                             "Total: $10.00");
  /* The parsed template is not changed by expanding it. */
  g_assert_null (segment (t, 1)->text);
}

static void
test_missing_value (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArTemplate) t = ar_template_parse ("Hi {debtor.name},\npay by {deadline}", &error);

  g_assert_no_error (error);
  g_assert_null (ar_template_expand (t, hostile_lookup, NULL, &error));
  g_assert_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_NO_VALUE);
  g_assert_nonnull (strstr (error->message, "line 2, column 8"));
  g_assert_nonnull (strstr (error->message, "“deadline”"));
}

static void
test_fields (void)
{
  g_assert_cmpint (AR_N_TEMPLATE_FIELDS, ==, 21);
  for (guint i = 0; i < AR_N_TEMPLATE_FIELDS; i++)
    {
      const char *name = ar_template_field_get_name (i);
      g_autofree char *text = g_strdup_printf ("{%s}", name);
      g_autoptr(ArTemplate) t = NULL;
      ArTemplateField back;

      g_assert_true (ar_template_field_from_name (name, &back));
      g_assert_cmpint (back, ==, i);
      g_assert_cmpuint (strlen (ar_template_field_get_description (i)), >, 5);
      t = ar_template_parse (text, NULL);
      g_assert_nonnull (t);
      g_assert_cmpint (segment (t, 0)->kind, ==, i == AR_TEMPLATE_FIELD_INVOICE_TABLE
                                                 ? AR_TEMPLATE_SEGMENT_TABLE
                                                 : AR_TEMPLATE_SEGMENT_FIELD);
    }
  g_assert_true (ar_template_field_from_name ("debtor.address", NULL));
  g_assert_true (ar_template_field_is_multiline (AR_TEMPLATE_FIELD_DEBTOR_ADDRESS));
  g_assert_false (ar_template_field_is_multiline (AR_TEMPLATE_FIELD_DEBTOR_NAME));
  g_assert_false (ar_template_field_from_name ("debtor", NULL));
  g_assert_false (ar_template_field_from_name (NULL, NULL));
}

static void
test_builtin_levels (void)
{
  const char *names[] = { "Friendly reminder", "First notice", "Second notice", "Final demand" };

  for (guint level = 1; level <= AR_TEMPLATE_BUILTIN_LEVELS; level++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ArTemplate) subject = NULL, body = NULL;
      g_autofree char *name = ar_template_level_name (level);
      const char *s, *b;
      guint tables = 0;

      g_assert_cmpstr (name, ==, names[level - 1]);
      g_assert_true (ar_template_get_builtin (level, &s, &b));
      g_assert_null (strchr (s, '\n'));
      subject = ar_template_parse (s, &error);
      g_assert_no_error (error);
      body = ar_template_parse (b, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < ar_template_get_n_segments (body); i++)
        tables += segment (body, i)->kind == AR_TEMPLATE_SEGMENT_TABLE;
      g_assert_cmpuint (tables, ==, 1);
      g_assert_true (ar_template_uses_field (body, AR_TEMPLATE_FIELD_TOTAL_DUE));
      g_assert_true (ar_template_uses_field (body, AR_TEMPLATE_FIELD_DEADLINE));
      g_assert_true (ar_template_uses_field (body, AR_TEMPLATE_FIELD_DEBTOR_NAME));
      g_assert_true (ar_template_uses_field (body, AR_TEMPLATE_FIELD_COMPANY_NAME));
      /* Every letter tells the debtor how to raise a question or a dispute, through the
       * sentence that adapts to the phone and e-mail the company has. */
      g_assert_true (ar_template_uses_field (body, AR_TEMPLATE_FIELD_COMPANY_CONTACT_SENTENCE));
      g_assert_false (ar_template_uses_field (body, AR_TEMPLATE_FIELD_COMPANY_PHONE));
    }
  /* Only the final demand mentions further steps. */
  for (guint level = 1; level <= AR_TEMPLATE_BUILTIN_LEVELS; level++)
    {
      const char *b;

      g_assert_true (ar_template_get_builtin (level, NULL, &b));
      g_assert_cmpint (strstr (b, "collection agency") != NULL, ==, level == 4);
    }
  g_assert_false (ar_template_get_builtin (0, NULL, NULL));
  g_assert_false (ar_template_get_builtin (5, NULL, NULL));
  {
    g_autofree char *name = ar_template_level_name (7);
    g_assert_cmpstr (name, ==, "Level 7");
  }
}

static void
test_normalize_language (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "", "" }, { "en", "en" }, { "DE-at", "de-AT" }, { "de_AT", "de-AT" },
    { "zh-hant-tw", "zh-Hant-TW" }, { "es-419", "es-419" }, { "sr-Latn", "sr-Latn" },
    { "e", NULL }, { "en-", NULL }, { "de_AT.UTF-8", NULL }, { "12", NULL },
    { "toolongtag", NULL }, { "en US", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = ar_template_normalize_language (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
  g_assert_null (ar_template_normalize_language (NULL));
}

/* Storage ----------------------------------------------------------------------------------- */

typedef struct
{
  char     *dir;
  char     *path;
  ArLedger *ledger;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("arrears-template-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "book.arrears", NULL);
  f->ledger = ar_ledger_create (f->path, NULL);
  g_assert_nonnull (f->ledger);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ledger);
  ar_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
query_int (ArLedger *ledger, const char *sql)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static char *
query_text (ArLedger *ledger, const char *sql)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, sql, NULL);
  char *text;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static void
test_schema_version (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (AR_LEDGER_SCHEMA_VERSION, ==, 5);
  g_assert_cmpint (query_int (f->ledger, "PRAGMA user_version"), ==, 5);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM sqlite_master"
                                         " WHERE type = 'table' AND name = 'letter_templates'"),
                   ==, 1);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM sqlite_master WHERE type ="
                                         " 'trigger' AND tbl_name = 'letter_templates'"), ==, 3);
}

/* A version 1 file (the current schema without what version 2 added) is migrated on open. */
static void
test_migration_from_v1 (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) again = NULL;
  g_autoptr(ArLetterTemplate) t = NULL;
  sqlite3 *raw;

  g_clear_object (&f->ledger);
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  /* What version 3 (plans and promises) added goes too. */
  g_assert_cmpint (sqlite3_exec (raw, "DROP TABLE plan_schedule; DROP TABLE plan_invoices;"
                                 " DROP TABLE promises; DROP TABLE plans;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DROP TABLE letter_templates; PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  /* What version 4 (dunning) added, so that it can be added again. */
  g_assert_cmpint (sqlite3_exec (raw, "DROP TABLE dunning_items; DROP TABLE dunning_letters;"
                                 " DROP TABLE dunning_holds; DROP TABLE dunning_levels;"
                                 " DROP TABLE interest_regimes; DROP TABLE dunning_minimums;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  /* And version 5's (recorded reference rates). */
  g_assert_cmpint (sqlite3_exec (raw, "DROP TABLE reference_rates;"
                                 " DROP TABLE reference_rates_known;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  again = ar_ledger_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (again, "PRAGMA user_version"), ==, 5);
  g_assert_true (ar_template_store (again, 1, "", "Hello", "Pay {total_due}.", &error));
  g_assert_no_error (error);
  t = ar_template_lookup (again, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (t->body, ==, "Pay {total_due}.");
  g_assert_cmpint (query_int (again, "SELECT count (*) FROM audit"
                                     " WHERE table_name = 'letter_templates'"), ==, 1);
}

static void
test_store_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLetterTemplate) t = NULL;
  const char *body = "Dear {debtor.name},\n\n{invoice_table}\n\nPay {{now}} by {deadline}.";

  g_assert_true (ar_template_store (f->ledger, 2, "DE", "Mahnung: {total_due}", body, &error));
  g_assert_no_error (error);
  t = ar_template_lookup (f->ledger, 2, "de", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (t->level, ==, 2);
  g_assert_cmpint (t->source, ==, AR_LETTER_TEMPLATE_STORED);
  g_assert_cmpstr (t->language, ==, "de");
  g_assert_cmpstr (t->subject, ==, "Mahnung: {total_due}");
  g_assert_cmpstr (t->body, ==, body);
  g_assert_nonnull (t->updated_at);
  g_clear_pointer (&t, ar_letter_template_free);

  /* Replacing it keeps one row. */
  g_assert_true (ar_template_store (f->ledger, 2, "de", "Mahnung", "Bitte {total_due}.", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM letter_templates"), ==, 1);
  t = ar_template_lookup (f->ledger, 2, "de-DE", &error);
  g_assert_cmpstr (t->subject, ==, "Mahnung");
  g_assert_cmpstr (t->body, ==, "Bitte {total_due}.");

  /* It survives closing and opening the file. */
  g_clear_pointer (&t, ar_letter_template_free);
  g_clear_object (&f->ledger);
  f->ledger = ar_ledger_open (f->path, &error);
  g_assert_no_error (error);
  t = ar_template_lookup (f->ledger, 2, "de", &error);
  g_assert_cmpstr (t->body, ==, "Bitte {total_due}.");
}

static void
assert_store_error (Fixture *f, guint level, const char *language, const char *subject,
                    const char *body, int code, const char *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ar_template_store (f->ledger, level, language, subject, body, &error));
  g_assert_error (error, AR_TEMPLATE_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("expected “%s” in “%s”", fragment, error->message);
}

static void
test_store_refuses (Fixture *f, gconstpointer data)
{
  assert_store_error (f, 1, "", "Reminder", "Dear {debtor.nam},", AR_TEMPLATE_ERROR_UNKNOWN_FIELD,
                      "body: line 1, column 6: unknown field “debtor.nam”");
  assert_store_error (f, 1, "", "Re: {totl}", "Hello", AR_TEMPLATE_ERROR_UNKNOWN_FIELD,
                      "subject: line 1, column 5: unknown field “totl”");
  assert_store_error (f, 1, "", "Reminder", "Pay {total_due", AR_TEMPLATE_ERROR_SYNTAX,
                      "body: line 1, column 5");
  assert_store_error (f, 1, "", "Two\nlines", "Hello", AR_TEMPLATE_ERROR_INVALID,
                      "subject: the subject must be a single line");
  assert_store_error (f, 1, "", "To {debtor.address}", "Hello", AR_TEMPLATE_ERROR_INVALID,
                      "subject: line 1, column 4: the field “debtor.address”");
  assert_store_error (f, 1, "", "Re {invoice_table}", "Hello", AR_TEMPLATE_ERROR_INVALID,
                      "“invoice_table” can’t be used in a subject");
  assert_store_error (f, 1, "", "Reminder", "{invoice_table}\n{invoice_table}",
                      AR_TEMPLATE_ERROR_INVALID, "body: line 2, column 1: the invoice table");
  assert_store_error (f, 1, "", " ", "Hello", AR_TEMPLATE_ERROR_INVALID, "subject:");
  assert_store_error (f, 1, "", "Reminder", "\n\n", AR_TEMPLATE_ERROR_INVALID, "body:");
  assert_store_error (f, 0, "", "Reminder", "Hello", AR_TEMPLATE_ERROR_INVALID, "level: 0");
  assert_store_error (f, 10, "", "Reminder", "Hello", AR_TEMPLATE_ERROR_INVALID, "level: 10");
  assert_store_error (f, 1, "de_AT.UTF-8", "Reminder", "Hello", AR_TEMPLATE_ERROR_INVALID,
                      "language: “de_AT.UTF-8”");

  /* Nothing was written, nor audited. */
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM letter_templates"), ==, 0);
  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM audit"
                                         " WHERE table_name = 'letter_templates'"), ==, 0);
}

static void
test_language_fallback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ArLetterTemplate *t;
  const char *builtin_subject;

  g_assert_true (ar_template_store (f->ledger, 1, NULL, "Default", "Default body", &error));
  g_assert_true (ar_template_store (f->ledger, 1, "de", "Deutsch", "Deutscher Text", &error));
  g_assert_true (ar_template_store (f->ledger, 1, "de-CH", "Schweiz", "Schweizer Text", &error));
  g_assert_no_error (error);

  t = ar_template_lookup (f->ledger, 1, "de_CH", &error);
  g_assert_cmpint (t->source, ==, AR_LETTER_TEMPLATE_STORED);
  g_assert_cmpstr (t->subject, ==, "Schweiz");
  ar_letter_template_free (t);

  t = ar_template_lookup (f->ledger, 1, "de-AT", &error);
  g_assert_cmpint (t->source, ==, AR_LETTER_TEMPLATE_STORED);
  g_assert_cmpstr (t->language, ==, "de");
  g_assert_cmpstr (t->subject, ==, "Deutsch");
  ar_letter_template_free (t);

  for (guint i = 0; i < 4; i++)
    {
      const char *languages[] = { "fr", "", NULL, "not a tag" };

      t = ar_template_lookup (f->ledger, 1, languages[i], &error);
      g_assert_no_error (error);
      g_assert_cmpint (t->source, ==, AR_LETTER_TEMPLATE_DEFAULT);
      g_assert_cmpstr (t->language, ==, "");
      g_assert_cmpstr (t->subject, ==, "Default");
      ar_letter_template_free (t);
    }

  /* Without a default, the built-in text. */
  g_assert_true (ar_template_delete (f->ledger, 1, "", &error));
  g_assert_no_error (error);
  g_assert_true (ar_template_get_builtin (1, &builtin_subject, NULL));
  t = ar_template_lookup (f->ledger, 1, "fr", &error);
  g_assert_no_error (error);
  g_assert_cmpint (t->source, ==, AR_LETTER_TEMPLATE_BUILTIN);
  g_assert_null (t->language);
  g_assert_null (t->updated_at);
  g_assert_cmpstr (t->subject, ==, builtin_subject);
  ar_letter_template_free (t);

  /* Levels above the built-ins exist only once stored. */
  g_assert_null (ar_template_lookup (f->ledger, 5, "de", &error));
  g_assert_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (ar_template_store (f->ledger, 5, "", "Agency notice", "{level.name}", &error));
  t = ar_template_lookup (f->ledger, 5, "de", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (t->subject, ==, "Agency notice");
  ar_letter_template_free (t);
  g_assert_null (ar_template_lookup (f->ledger, 10, NULL, &error));
  g_assert_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_INVALID);
}

static void
test_audit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *action = NULL, *old_body = NULL, *new_body = NULL, *deleted = NULL;

  g_assert_true (ar_template_store (f->ledger, 3, "en", "S1", "Body one", &error));
  g_assert_true (ar_template_store (f->ledger, 3, "en", "S1", "Body two", &error));
  /* Storing the same text again writes nothing. */
  g_assert_true (ar_template_store (f->ledger, 3, "en", "S1", "Body two", &error));
  g_assert_true (ar_template_delete (f->ledger, 3, "en", &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (f->ledger, "SELECT count (*) FROM audit"
                                         " WHERE table_name = 'letter_templates'"), ==, 3);
  action = query_text (f->ledger, "SELECT group_concat (action, ',') FROM (SELECT action"
                                  " FROM audit WHERE table_name = 'letter_templates' ORDER BY id)");
  g_assert_cmpstr (action, ==, "store-letter-template,store-letter-template,"
                               "delete-letter-template");
  old_body = query_text (f->ledger, "SELECT json_extract (old_values, '$.body') FROM audit"
                                    " WHERE table_name = 'letter_templates'"
                                    " AND old_values IS NOT NULL AND new_values IS NOT NULL");
  new_body = query_text (f->ledger, "SELECT json_extract (new_values, '$.body') FROM audit"
                                    " WHERE table_name = 'letter_templates'"
                                    " AND old_values IS NOT NULL AND new_values IS NOT NULL");
  g_assert_cmpstr (old_body, ==, "Body one");
  g_assert_cmpstr (new_body, ==, "Body two");
  deleted = query_text (f->ledger, "SELECT json_extract (old_values, '$.language') FROM audit"
                                   " WHERE table_name = 'letter_templates'"
                                   " AND new_values IS NULL");
  g_assert_cmpstr (deleted, ==, "en");
}


static char *
empty_lookup (ArTemplateField field, gpointer user_data)
{
  return g_strdup (field == AR_TEMPLATE_FIELD_DEBTOR_NAME ? "Ann" : "");
}

/* An empty field takes the spare space or blank line around it with it, and nothing else. */
static void
test_empty_field_tidy (void)
{
  static const struct
  {
    const char *source;
    const char *want;
  } cases[] = {
    { "Dear {debtor.name},\n\nThanks. {company.contact_sentence}\n\nBye",
      "Dear Ann,\n\nThanks.\n\nBye" },
    { "A\n\n{company.contact_sentence}\n\nB", "A\n\nB" },
    { "A\n\n{company.contact_sentence}", "A" },
    { "{company.contact_sentence}\n\nB", "B" },
    { "Call {company.phone} now", "Call  now" },        /* mid-sentence: left alone */
    { "Hi {debtor.name} {company.email}", "Hi Ann" },
    { "Hi {debtor.name}\n{company.email}\nX", "Hi Ann\n\nX" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ArTemplate) t = ar_template_parse (cases[i].source, &error);
      g_autoptr(ArTemplate) out = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      out = ar_template_expand (t, empty_lookup, NULL, &error);
      g_assert_no_error (error);
      text = ar_template_to_text (out, NULL);
      g_assert_cmpstr (text, ==, cases[i].want);
    }
}

/* The contact sentence: both channels, one, or none (blank counts as none). */
static void
test_contact_sentence (void)
{
  for (guint level = 1; level <= AR_TEMPLATE_MAX_LEVEL; level++)
    {
      g_autofree char *both = ar_template_contact_sentence (level, "555", "a@b.test", "1 May");
      g_autofree char *phone = ar_template_contact_sentence (level, "555", NULL, "1 May");
      g_autofree char *email = ar_template_contact_sentence (level, " ", "a@b.test", "1 May");
      g_autofree char *none = ar_template_contact_sentence (level, "", "\t", "1 May");

      g_assert_nonnull (strstr (both, "555 or a@b.test"));
      g_assert_nonnull (strstr (phone, "call us"));
      g_assert_nonnull (strstr (phone, "555"));
      g_assert_null (strstr (phone, "555 or"));
      g_assert_nonnull (strstr (email, "write to us"));
      g_assert_nonnull (strstr (email, "a@b.test"));
      g_assert_null (strchr (both, '{'));
      g_assert_null (strchr (phone, '{'));
      g_assert_null (strchr (email, '{'));
      g_assert_cmpstr (none, ==, "");
      g_assert_cmpint (strstr (both, "1 May") != NULL, ==, level >= 4);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/parse/segments", test_parse_segments);
  g_test_add_func ("/template/parse/errors", test_parse_errors);
  g_test_add_func ("/template/parse/escaping", test_escaping);
  g_test_add_func ("/template/expand/literal-values", test_values_are_literal);
  g_test_add_func ("/template/expand/missing-value", test_missing_value);
  g_test_add_func ("/template/fields", test_fields);
  g_test_add_func ("/template/builtin-levels", test_builtin_levels);
  g_test_add_func ("/template/normalize-language", test_normalize_language);
  g_test_add_func ("/template/empty-field-tidy", test_empty_field_tidy);
  g_test_add_func ("/template/contact-sentence", test_contact_sentence);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/template/store/schema-version", test_schema_version);
  ADD ("/template/store/migration-from-v1", test_migration_from_v1);
  ADD ("/template/store/round-trip", test_store_round_trip);
  ADD ("/template/store/refuses", test_store_refuses);
  ADD ("/template/store/language-fallback", test_language_fallback);
  ADD ("/template/store/audit", test_audit);
#undef ADD
  return g_test_run ();
}
