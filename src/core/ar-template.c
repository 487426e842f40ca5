/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-template"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-ledger-private.h"
#include "ar-template.h"

G_DEFINE_QUARK (ar-template-error-quark, ar_template_error)

/* Fields ------------------------------------------------------------------------------------ */

static const struct
{
  const char *name;
  const char *description;
  gboolean    multiline;
} fields[] = {
  { "debtor.name", N_("The debtor’s name"), FALSE },
  { "debtor.company", N_("The debtor’s company, if any"), FALSE },
  { "debtor.contact", N_("The contact person at the debtor, if any"), FALSE },
  { "debtor.id", N_("The debtor’s customer number"), FALSE },
  { "debtor.address", N_("The debtor’s postal address, on several lines"), TRUE },
  { "company.name", N_("Your company’s name"), FALSE },
  { "company.address", N_("Your company’s address, on several lines"), TRUE },
  { "company.phone", N_("Your company’s phone number"), FALSE },
  { "company.email", N_("Your company’s e-mail address"), FALSE },
  { "company.website", N_("Your company’s website"), FALSE },
  { "company.payment_instructions", N_("How to pay you, from the company details"), FALSE },
  { "company.iban", N_("The IBAN of your bank account"), FALSE },
  { "company.bic", N_("The BIC of your bank"), FALSE },
  { "company.signature", N_("The name the letter is signed with"), FALSE },
  { "total_due", N_("The total amount due, with its currency"), FALSE },
  { "deadline", N_("The date by which payment is asked for"), FALSE },
  { "date", N_("The date of the letter"), FALSE },
  { "currency", N_("The currency code, such as EUR"), FALSE },
  { "invoice_table", N_("The table of overdue invoices, fees and interest"), TRUE },
  { "level.name", N_("The name of the reminder level, such as “First notice”"), FALSE },
  { "company.contact_sentence", N_("A sentence asking the debtor to contact you, with your "
                                   "phone number and e-mail address as far as you have them; "
                                   "left out when you have neither"), FALSE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == AR_N_TEMPLATE_FIELDS);

const char *
ar_template_field_get_name (ArTemplateField field)
{
  g_return_val_if_fail ((guint) field < AR_N_TEMPLATE_FIELDS, NULL);

  return fields[field].name;
}

const char *
ar_template_field_get_description (ArTemplateField field)
{
  g_return_val_if_fail ((guint) field < AR_N_TEMPLATE_FIELDS, NULL);

  return _(fields[field].description);
}

gboolean
ar_template_field_is_multiline (ArTemplateField field)
{
  g_return_val_if_fail ((guint) field < AR_N_TEMPLATE_FIELDS, FALSE);

  return fields[field].multiline;
}

gboolean
ar_template_field_from_name (const char *name, ArTemplateField *out)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (fields); i++)
    if (strcmp (name, fields[i].name) == 0)
      {
        if (out != NULL)
          *out = (ArTemplateField) i;
        return TRUE;
      }
  return FALSE;
}

/* Parsing ----------------------------------------------------------------------------------- */

struct _ArTemplate
{
  GArray       *segments;  /* ArTemplateSegment */
  GStringChunk *strings;
  gboolean      expanded;
};

static ArTemplate *
template_new (void)
{
  ArTemplate *self = g_new0 (ArTemplate, 1);

  self->segments = g_array_new (FALSE, FALSE, sizeof (ArTemplateSegment));
  self->strings = g_string_chunk_new (256);
  return self;
}

void
ar_template_free (ArTemplate *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

typedef struct
{
  const char *p;
  guint       line;
  guint       column;
} Cursor;

static void
advance (Cursor *c)
{
  if (*c->p == '\n')
    {
      c->line++;
      c->column = 1;
    }
  else
    c->column++;
  c->p = g_utf8_next_char (c->p);
}

/* A field name for an error message: at most 40 characters. */
static char *
shorten (const char *name, gsize len)
{
  g_autofree char *copy = g_strndup (name, len);

  if (g_utf8_strlen (copy, -1) <= 40)
    return g_steal_pointer (&copy);
  *g_utf8_offset_to_pointer (copy, 40) = '\0';
  return g_strconcat (copy, "…", NULL);
}

static void
flush_literal (ArTemplate *self, GString *literal, guint line, guint column)
{
  ArTemplateSegment s = { AR_TEMPLATE_SEGMENT_TEXT, 0, NULL, line, column };

  if (literal->len == 0)
    return;
  s.text = g_string_chunk_insert_len (self->strings, literal->str, literal->len);
  g_array_append_val (self->segments, s);
  g_string_truncate (literal, 0);
}

ArTemplate *
ar_template_parse (const char *text, GError **error)
{
  g_autoptr(ArTemplate) self = NULL;
  g_autoptr(GString) literal = g_string_new (NULL);
  Cursor c = { text, 1, 1 };
  guint lit_line = 1, lit_column = 1;
  const char *valid_end;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, &valid_end))
    {
      Cursor v = { text, 1, 1 };

      while (v.p < valid_end)
        advance (&v);
      g_set_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_SYNTAX,
                   _("line %u, column %u: the text is not valid UTF-8"), v.line, v.column);
      return NULL;
    }

  self = template_new ();
  while (*c.p != '\0')
    {
      if ((c.p[0] == '{' && c.p[1] == '{') || (c.p[0] == '}' && c.p[1] == '}'))
        {
          /* An escaped brace. */
          if (literal->len == 0)
            {
              lit_line = c.line;
              lit_column = c.column;
            }
          g_string_append_c (literal, c.p[0]);
          advance (&c);
          advance (&c);
        }
      else if (c.p[0] == '}')
        {
          g_set_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_SYNTAX,
                       _("line %u, column %u: “}” without a “{” before it (write “}}” for a "
                         "brace)"), c.line, c.column);
          return NULL;
        }
      else if (c.p[0] == '{')
        {
          ArTemplateSegment s = { AR_TEMPLATE_SEGMENT_FIELD, 0, NULL, c.line, c.column };
          const char *name = c.p + 1, *q = name;
          g_autofree char *field_name = NULL;

          while (*q != '\0' && *q != '}' && *q != '{' && *q != '\n')
            q++;
          if (*q == '{')
            {
              g_set_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_SYNTAX,
                           _("line %u, column %u: a field can’t contain “{” (write “{{” for a "
                             "brace)"), c.line, c.column);
              return NULL;
            }
          if (*q != '}')
            {
              g_set_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_SYNTAX,
                           _("line %u, column %u: “{” is not closed by a “}” on the same line "
                             "(write “{{” for a brace)"), c.line, c.column);
              return NULL;
            }
          field_name = g_strndup (name, q - name);
          if (!ar_template_field_from_name (field_name, &s.field))
            {
              g_autofree char *shown = shorten (name, q - name);
              g_set_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_UNKNOWN_FIELD,
                           _("line %u, column %u: unknown field “%s”"), c.line, c.column, shown);
              return NULL;
            }
          if (s.field == AR_TEMPLATE_FIELD_INVOICE_TABLE)
            s.kind = AR_TEMPLATE_SEGMENT_TABLE;
          flush_literal (self, literal, lit_line, lit_column);
          g_array_append_val (self->segments, s);
          while (c.p <= q)
            advance (&c);
        }
      else
        {
          const char *next = g_utf8_next_char (c.p);

          if (literal->len == 0)
            {
              lit_line = c.line;
              lit_column = c.column;
            }
          g_string_append_len (literal, c.p, next - c.p);
          advance (&c);
        }
    }
  flush_literal (self, literal, lit_line, lit_column);
  return g_steal_pointer (&self);
}

guint
ar_template_get_n_segments (const ArTemplate *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->segments->len;
}

const ArTemplateSegment *
ar_template_get_segment (const ArTemplate *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->segments->len, NULL);

  return &g_array_index (self->segments, ArTemplateSegment, index);
}

gboolean
ar_template_uses_field (const ArTemplate *self, ArTemplateField field)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->segments->len; i++)
    {
      const ArTemplateSegment *s = &g_array_index (self->segments, ArTemplateSegment, i);
      if (s->kind != AR_TEMPLATE_SEGMENT_TEXT && s->field == field)
        return TRUE;
    }
  return FALSE;
}

char *
ar_template_to_source (const ArTemplate *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->segments->len; i++)
    {
      const ArTemplateSegment *s = &g_array_index (self->segments, ArTemplateSegment, i);

      if (s->kind == AR_TEMPLATE_SEGMENT_TEXT)
        for (const char *p = s->text; *p != '\0'; p++)
          {
            if (*p == '{' || *p == '}')
              g_string_append_c (out, *p);
            g_string_append_c (out, *p);
          }
      else
        g_string_append_printf (out, "{%s}", fields[s->field].name);
    }
  return g_string_free (out, FALSE);
}

/* An empty field in @copy's last segment (a FIELD, just appended), followed in @source by
 * segment @next: takes the spare whitespace around it with it, so an optional sentence or
 * paragraph leaves neither a stray space at the end of a line nor an empty paragraph. Returns
 * how many bytes to drop from the start of the following text segment. */
static gsize
tidy_empty_field (ArTemplate *copy, const ArTemplate *source, guint next)
{
  const ArTemplateSegment *after = next < source->segments->len
    ? &g_array_index (source->segments, ArTemplateSegment, next) : NULL;
  const char *after_text = after != NULL && after->kind == AR_TEMPLATE_SEGMENT_TEXT
    ? after->text : NULL;
  ArTemplateSegment *before = copy->segments->len >= 2
    ? &g_array_index (copy->segments, ArTemplateSegment, copy->segments->len - 2) : NULL;
  const char *before_text = before != NULL && before->kind == AR_TEMPLATE_SEGMENT_TEXT
    ? before->text : NULL;
  gsize before_len = before_text != NULL ? strlen (before_text) : 0;
  gboolean starts_paragraph = before == NULL ||
    (before_text != NULL && g_str_has_suffix (before_text, "\n\n"));
  gboolean ends_line = after == NULL || (after_text != NULL && after_text[0] == '\n');

  /* Alone as a paragraph: its blank line goes with it. */
  if (starts_paragraph && (after == NULL || (after_text != NULL &&
                                             g_str_has_prefix (after_text, "\n\n"))))
    {
      if (after != NULL)
        return 2;
      if (before_text != NULL)
        before->text = g_string_chunk_insert_len (copy->strings, before_text, before_len - 2);
      return 0;
    }
  /* At the end of a line after a space: the space goes with it. */
  if (ends_line && before_text != NULL && before_len > 0 && before_text[before_len - 1] == ' ')
    {
      while (before_len > 0 && before_text[before_len - 1] == ' ')
        before_len--;
      before->text = g_string_chunk_insert_len (copy->strings, before_text, before_len);
    }
  return 0;
}

ArTemplate *
ar_template_expand (const ArTemplate *self, ArTemplateLookupFunc lookup, gpointer user_data,
                    GError **error)
{
  g_autoptr(ArTemplate) copy = NULL;
  gsize skip = 0;  /* bytes to drop from the start of the next text segment */

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (lookup != NULL, NULL);

  copy = template_new ();
  copy->expanded = TRUE;
  for (guint i = 0; i < self->segments->len; i++)
    {
      ArTemplateSegment s = g_array_index (self->segments, ArTemplateSegment, i);

      if (s.kind == AR_TEMPLATE_SEGMENT_FIELD)
        {
          g_autofree char *value = lookup (s.field, user_data);

          skip = 0;
          if (value == NULL)
            {
              g_set_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_NO_VALUE,
                           _("line %u, column %u: there is no value for the field “%s”"),
                           s.line, s.column, fields[s.field].name);
              return NULL;
            }
          /* The value is copied as it is: it is never parsed for fields. */
          s.text = g_string_chunk_insert (copy->strings, value);
          g_array_append_val (copy->segments, s);
          if (*value == '\0')
            skip = tidy_empty_field (copy, self, i + 1);
          continue;
        }
      if (s.text != NULL)
        {
          if (skip > 0 && strlen (s.text) <= skip)
            {
              skip = 0;
              continue;  /* nothing left of it */
            }
          s.text = g_string_chunk_insert (copy->strings, s.text + skip);
        }
      skip = 0;
      g_array_append_val (copy->segments, s);
    }
  return g_steal_pointer (&copy);
}

char *
ar_template_to_text (const ArTemplate *self, const char *table_text)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->segments->len; i++)
    {
      const ArTemplateSegment *s = &g_array_index (self->segments, ArTemplateSegment, i);

      if (s->kind == AR_TEMPLATE_SEGMENT_TABLE)
        {
          if (table_text != NULL)
            g_string_append (out, table_text);
        }
      else if (s->text != NULL)
        g_string_append (out, s->text);
      else
        g_string_append_printf (out, "{%s}", fields[s->field].name);
    }
  return g_string_free (out, FALSE);
}

/* The built-in letters ---------------------------------------------------------------------- */

static const struct
{
  const char *name;
  const char *subject;
  const char *body;
} builtin[AR_TEMPLATE_BUILTIN_LEVELS] = {
  {
    /* Translators: the name of dunning level 1, the mildest letter. */
    N_("Friendly reminder"),
    /* Translators: the subject line of dunning level 1. */
    N_("Payment reminder"),
    /* Translators: the body of dunning level 1, a friendly payment reminder. Words in braces,
     * such as {debtor.name} or {invoice_table}, are merge fields that Arrears replaces with
     * the debtor's details: copy them exactly as they are, untranslated, and keep each one on
     * its own line where it stands alone. A literal brace would be written {{ or }}. */
    N_("Dear {debtor.name},\n"
       "\n"
       "This is a friendly reminder that, according to our records, the following amounts "
       "have passed their due date and are still open as of {date}:\n"
       "\n"
       "{invoice_table}\n"
       "\n"
       "Perhaps this has simply been overlooked. We would be grateful if you could arrange "
       "payment of {total_due} by {deadline}. {company.payment_instructions}\n"
       "\n"
       "If you have already paid, thank you, and please disregard this reminder. "
       "{company.contact_sentence}\n"
       "\n"
       "Kind regards,\n"
       "\n"
       "{company.signature}\n"
       "{company.name}"),
  },
  {
    /* Translators: the name of dunning level 2. */
    N_("First notice"),
    /* Translators: the subject line of dunning level 2. {total_due} is a merge field (the
     * amount owed): keep it exactly as it is, untranslated. */
    N_("First notice: overdue amount of {total_due}"),
    /* Translators: the body of dunning level 2, a polite but clear first notice. Words in
     * braces, such as {debtor.name} or {invoice_table}, are merge fields that Arrears replaces
     * with the debtor's details: copy them exactly as they are, untranslated. */
    N_("Dear {debtor.name},\n"
       "\n"
       "Our records show that the following amounts are overdue and remain unpaid as of "
       "{date}:\n"
       "\n"
       "{invoice_table}\n"
       "\n"
       "Please pay {total_due} by {deadline}. {company.payment_instructions}\n"
       "\n"
       "{company.contact_sentence}\n"
       "\n"
       "If you have paid in the meantime, thank you, and please disregard this notice.\n"
       "\n"
       "Yours sincerely,\n"
       "\n"
       "{company.signature}\n"
       "{company.name}"),
  },
  {
    /* Translators: the name of dunning level 3. */
    N_("Second notice"),
    /* Translators: the subject line of dunning level 3. {total_due} is a merge field (the
     * amount owed): keep it exactly as it is, untranslated. */
    N_("Second notice: {total_due} overdue"),
    /* Translators: the body of dunning level 3, a firm second notice. Words in braces, such
     * as {debtor.name} or {invoice_table}, are merge fields that Arrears replaces with the
     * debtor's details: copy them exactly as they are, untranslated. */
    N_("Dear {debtor.name},\n"
       "\n"
       "The following amounts are still overdue as of {date}:\n"
       "\n"
       "{invoice_table}\n"
       "\n"
       "We ask you to pay {total_due} in full by {deadline}. "
       "{company.payment_instructions}\n"
       "\n"
       "{company.contact_sentence}\n"
       "\n"
       "If you have paid in the meantime, thank you, and please disregard this notice.\n"
       "\n"
       "Yours sincerely,\n"
       "\n"
       "{company.signature}\n"
       "{company.name}"),
  },
  {
    /* Translators: the name of dunning level 4, the last letter before other steps. */
    N_("Final demand"),
    /* Translators: the subject line of dunning level 4. {total_due} is a merge field (the
     * amount owed): keep it exactly as it is, untranslated. */
    N_("Final demand: {total_due} overdue"),
    /* Translators: the body of dunning level 4, a final demand. It must stay firm but
     * factual: it says what the creditor may do, and must not be turned into a threat. Words
     * in braces, such as {debtor.name} or {invoice_table}, are merge fields that Arrears
     * replaces with the debtor's details: copy them exactly as they are, untranslated. */
    N_("Dear {debtor.name},\n"
       "\n"
       "This is our final demand for payment of the following overdue amounts, which remain "
       "unpaid as of {date}:\n"
       "\n"
       "{invoice_table}\n"
       "\n"
       "Please pay the full amount of {total_due} by {deadline}. {company.payment_instructions}\n"
       "\n"
       "If we have neither received payment nor heard from you by that date, we may pass "
       "the matter to a collection agency or seek legal advice on recovering the debt, which "
       "could include court proceedings. We would much rather settle this with you "
       "directly.\n"
       "\n"
       "{company.contact_sentence}\n"
       "\n"
       "If you have paid in the meantime, thank you, and please disregard this letter.\n"
       "\n"
       "Yours sincerely,\n"
       "\n"
       "{company.signature}\n"
       "{company.name}"),
  },
};

/* The sentence asking the debtor to get in touch, per built-in level, in the three forms a
 * company's details allow: a letter never prints "contact us at  or .", and with neither a
 * phone nor an e-mail address the sentence is left out (the letterhead still gives the postal
 * address). Whole sentences, so that translators never glue fragments together; placeholders
 * in braces like the merge fields translators already know, not printf conversions, so that a
 * translation can't break a letter by getting one wrong. */
static const struct
{
  const char *both;
  const char *phone;
  const char *email;
} contact[AR_TEMPLATE_BUILTIN_LEVELS] = {
  {
    /* Translators: in the friendly reminder. Keep {phone} and {email} exactly as they are:
     * Arrears replaces them with the company's phone number and e-mail address. */
    N_("If you have any questions about these amounts, please contact us at {phone} or "
       "{email}."),
    /* Translators: in the friendly reminder. Keep {phone} exactly as it is. */
    N_("If you have any questions about these amounts, please call us at {phone}."),
    /* Translators: in the friendly reminder. Keep {email} exactly as it is. */
    N_("If you have any questions about these amounts, please write to us at {email}."),
  },
  {
    /* Translators: in the first notice. Keep {phone} and {email} exactly as they are. */
    N_("If you believe that any of these amounts is not owed, or if you cannot pay by that "
       "date, please contact us at {phone} or {email} so that we can look into it with you."),
    /* Translators: in the first notice. Keep {phone} exactly as it is. */
    N_("If you believe that any of these amounts is not owed, or if you cannot pay by that "
       "date, please call us at {phone} so that we can look into it with you."),
    /* Translators: in the first notice. Keep {email} exactly as it is. */
    N_("If you believe that any of these amounts is not owed, or if you cannot pay by that "
       "date, please write to us at {email} so that we can look into it with you."),
  },
  {
    /* Translators: in the second notice. Keep {phone} and {email} exactly as they are. */
    N_("If you are having difficulty paying, or if you dispute any of these amounts, please "
       "contact us before that date at {phone} or {email}. We are willing to discuss a "
       "payment arrangement, but we need to hear from you."),
    /* Translators: in the second notice. Keep {phone} exactly as it is. */
    N_("If you are having difficulty paying, or if you dispute any of these amounts, please "
       "call us before that date at {phone}. We are willing to discuss a payment "
       "arrangement, but we need to hear from you."),
    /* Translators: in the second notice. Keep {email} exactly as it is. */
    N_("If you are having difficulty paying, or if you dispute any of these amounts, please "
       "write to us before that date at {email}. We are willing to discuss a payment "
       "arrangement, but we need to hear from you."),
  },
  {
    /* Translators: in the final demand. Keep {deadline}, {phone} and {email} exactly as they
     * are: Arrears replaces them with the payment deadline, the company's phone number and
     * its e-mail address. */
    N_("If you dispute any of these amounts, or if you cannot pay in full, please contact us "
       "before {deadline} at {phone} or {email}. We are willing to discuss a payment "
       "arrangement."),
    /* Translators: in the final demand. Keep {deadline} and {phone} exactly as they are. */
    N_("If you dispute any of these amounts, or if you cannot pay in full, please call us "
       "before {deadline} at {phone}. We are willing to discuss a payment arrangement."),
    /* Translators: in the final demand. Keep {deadline} and {email} exactly as they are. */
    N_("If you dispute any of these amounts, or if you cannot pay in full, please write to "
       "us before {deadline} at {email}. We are willing to discuss a payment arrangement."),
  },
};

static gboolean
has_text (const char *s)
{
  if (s == NULL)
    return FALSE;
  for (; *s != '\0'; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return TRUE;
  return FALSE;
}

char *
ar_template_contact_sentence (guint level, const char *phone, const char *email,
                              const char *deadline)
{
  gboolean has_phone = has_text (phone), has_email = has_text (email);
  guint i = CLAMP (level, 1, AR_TEMPLATE_BUILTIN_LEVELS) - 1;
  GString *out;

  if (has_phone && has_email)
    out = g_string_new (_(contact[i].both));
  else if (has_phone)
    out = g_string_new (_(contact[i].phone));
  else if (has_email)
    out = g_string_new (_(contact[i].email));
  else
    return g_strdup ("");
  /* The deadline first: a phone number or address is never searched for placeholders. */
  g_string_replace (out, "{deadline}", deadline != NULL ? deadline : "", 0);
  if (has_phone)
    g_string_replace (out, "{phone}", phone, 0);
  if (has_email)
    g_string_replace (out, "{email}", email, 0);
  return g_string_free (out, FALSE);
}

char *
ar_template_level_name (guint level)
{
  if (level >= 1 && level <= AR_TEMPLATE_BUILTIN_LEVELS)
    return g_strdup (_(builtin[level - 1].name));
  /* Translators: the name of a dunning level the user added beyond the built-in four. */
  return g_strdup_printf (_("Level %u"), level);
}

gboolean
ar_template_get_builtin (guint level, const char **out_subject, const char **out_body)
{
  if (level < 1 || level > AR_TEMPLATE_BUILTIN_LEVELS)
    return FALSE;
  if (out_subject != NULL)
    *out_subject = _(builtin[level - 1].subject);
  if (out_body != NULL)
    *out_body = _(builtin[level - 1].body);
  return TRUE;
}

/* Storage ----------------------------------------------------------------------------------- */

char *
ar_template_normalize_language (const char *tag)
{
  g_auto(GStrv) parts = NULL;
  GString *out;

  if (tag == NULL)
    return NULL;
  if (tag[0] == '\0')
    return g_strdup ("");

  parts = g_strsplit_set (tag, "-_", -1);
  out = g_string_new (NULL);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gsize len = strlen (parts[i]);
      gboolean alpha = TRUE;

      if (len < (i == 0 ? 2 : 1) || len > 8)
        goto invalid;
      for (const char *p = parts[i]; *p != '\0'; p++)
        {
          if (!g_ascii_isalnum (*p))
            goto invalid;
          alpha = alpha && g_ascii_isalpha (*p);
        }
      if (i == 0 && !alpha)
        goto invalid;
      if (i > 0)
        g_string_append_c (out, '-');
      /* Case as BCP 47 recommends: "de", "AT", "Latn"; everything else in lower case. */
      for (gsize k = 0; k < len; k++)
        {
          char ch = parts[i][k];

          if (i > 0 && alpha && (len == 2 || (len == 4 && k == 0)))
            g_string_append_c (out, g_ascii_toupper (ch));
          else
            g_string_append_c (out, g_ascii_tolower (ch));
        }
    }
  return g_string_free (out, FALSE);

invalid:
  g_string_free (out, TRUE);
  return NULL;
}

void
ar_letter_template_free (ArLetterTemplate *self)
{
  if (self == NULL)
    return;
  g_free (self->language);
  g_free (self->subject);
  g_free (self->body);
  g_free (self->updated_at);
  g_free (self);
}

static gboolean
check_level (guint level, GError **error)
{
  if (level >= AR_TEMPLATE_MIN_LEVEL && level <= AR_TEMPLATE_MAX_LEVEL)
    return TRUE;
  g_set_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_INVALID,
               _("level: %u is not a reminder level (%d to %d)"),
               level, AR_TEMPLATE_MIN_LEVEL, AR_TEMPLATE_MAX_LEVEL);
  return FALSE;
}

static char *
check_language (const char *language, GError **error)
{
  char *normal = ar_template_normalize_language (language != NULL ? language : "");

  if (normal == NULL)
    g_set_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_INVALID,
                 _("language: “%s” is not a language tag such as “en” or “de-AT”"), language);
  return normal;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
check_subject (const char *subject, GError **error)
{
  g_autoptr(ArTemplate) parsed = NULL;

  if (is_blank (subject))
    {
      g_set_error_literal (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_INVALID,
                           _("subject: the subject line is empty"));
      return FALSE;
    }
  if (strpbrk (subject, "\r\n") != NULL)
    {
      g_set_error_literal (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_INVALID,
                           _("subject: the subject must be a single line"));
      return FALSE;
    }
  parsed = ar_template_parse (subject, error);
  if (parsed == NULL)
    {
      g_prefix_error (error, _("subject: "));
      return FALSE;
    }
  for (guint i = 0; i < parsed->segments->len; i++)
    {
      const ArTemplateSegment *s = &g_array_index (parsed->segments, ArTemplateSegment, i);

      if (s->kind != AR_TEMPLATE_SEGMENT_TEXT && fields[s->field].multiline)
        {
          g_set_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_INVALID,
                       _("subject: line %u, column %u: the field “%s” can’t be used in a "
                         "subject line"), s->line, s->column, fields[s->field].name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_body (const char *body, GError **error)
{
  g_autoptr(ArTemplate) parsed = NULL;
  gboolean table = FALSE;

  if (is_blank (body))
    {
      g_set_error_literal (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_INVALID,
                           _("body: the letter is empty"));
      return FALSE;
    }
  parsed = ar_template_parse (body, error);
  if (parsed == NULL)
    {
      g_prefix_error (error, _("body: "));
      return FALSE;
    }
  for (guint i = 0; i < parsed->segments->len; i++)
    {
      const ArTemplateSegment *s = &g_array_index (parsed->segments, ArTemplateSegment, i);

      if (s->kind != AR_TEMPLATE_SEGMENT_TABLE)
        continue;
      if (table)
        {
          g_set_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_INVALID,
                       _("body: line %u, column %u: the invoice table can appear only once"),
                       s->line, s->column);
          return FALSE;
        }
      table = TRUE;
    }
  return TRUE;
}

gboolean
ar_template_store (ArLedger *ledger, guint level, const char *language, const char *subject,
                   const char *body, GError **error)
{
  g_autofree char *lang = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (subject != NULL && body != NULL, FALSE);

  if (!check_level (level, error) || (lang = check_language (language, error)) == NULL ||
      !check_subject (subject, error) || !check_body (body, error))
    return FALSE;

  if (!ar_ledger_begin (ledger, "store-letter-template", error))
    return FALSE;
  /* An unchanged template is not written again, so it leaves no audit record. */
  stmt = _ar_ledger_prepare (ledger,
    "INSERT INTO letter_templates (level, language, subject, body) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (level, language) DO UPDATE SET subject = excluded.subject,"
    " body = excluded.body, updated_at = excluded.updated_at"
    " WHERE subject <> excluded.subject OR body <> excluded.body", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, (int) level);
  sqlite3_bind_text (stmt, 2, lang, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_TRANSIENT);
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not save the letter template"), error))
    goto fail;
  return ar_ledger_commit (ledger, error);

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}

gboolean
ar_template_delete (ArLedger *ledger, guint level, const char *language, GError **error)
{
  g_autofree char *lang = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);

  if (!check_level (level, error) || (lang = check_language (language, error)) == NULL)
    return FALSE;
  if (!ar_ledger_begin (ledger, "delete-letter-template", error))
    return FALSE;
  stmt = _ar_ledger_prepare (ledger,
    "DELETE FROM letter_templates WHERE level = ?1 AND language = ?2", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, (int) level);
  sqlite3_bind_text (stmt, 2, lang, -1, SQLITE_TRANSIENT);
  if (!_ar_ledger_step_done (ledger, stmt, _("Could not remove the letter template"), error))
    goto fail;
  return ar_ledger_commit (ledger, error);

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}

/* Reads the row for (@level, @language) into a new ArLetterTemplate; *out stays NULL when
 * there is none. */
static gboolean
read_stored (ArLedger *ledger, guint level, const char *language, ArLetterTemplate **out,
             GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT subject, body, updated_at FROM letter_templates WHERE level = ?1 AND language = ?2",
    error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) level);
  sqlite3_bind_text (stmt, 2, language, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      ArLetterTemplate *t = g_new0 (ArLetterTemplate, 1);

      t->level = level;
      t->source = language[0] != '\0' ? AR_LETTER_TEMPLATE_STORED : AR_LETTER_TEMPLATE_DEFAULT;
      t->language = g_strdup (language);
      t->subject = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      t->body = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      t->updated_at = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      *out = t;
    }
  else if (rc != SQLITE_DONE)
    {
      _ar_ledger_set_sql_error (ledger, _("Could not read the letter template"), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

ArLetterTemplate *
ar_template_lookup (ArLedger *ledger, guint level, const char *language, GError **error)
{
  g_autofree char *lang = NULL;
  ArLetterTemplate *found = NULL;
  const char *subject, *body;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  if (!check_level (level, error))
    return NULL;

  /* "de-AT", then "de", then the default "". A malformed tag counts as no language. */
  lang = ar_template_normalize_language (language != NULL ? language : "");
  if (lang == NULL)
    lang = g_strdup ("");
  for (;;)
    {
      char *dash;

      if (!read_stored (ledger, level, lang, &found, error))
        return NULL;
      if (found != NULL)
        return found;
      if (lang[0] == '\0')
        break;
      dash = strrchr (lang, '-');
      *(dash != NULL ? dash : lang) = '\0';
    }

  if (!ar_template_get_builtin (level, &subject, &body))
    {
      g_set_error (error, AR_TEMPLATE_ERROR, AR_TEMPLATE_ERROR_NOT_FOUND,
                   _("level: there is no letter template for level %u"), level);
      return NULL;
    }
  found = g_new0 (ArLetterTemplate, 1);
  found->level = level;
  found->source = AR_LETTER_TEMPLATE_BUILTIN;
  found->subject = g_strdup (subject);
  found->body = g_strdup (body);
  return found;
}
