/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-import"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ar-country.h"
#include "ar-csv.h"
#include "ar-date.h"
#include "ar-import.h"
#include "ar-ledger-private.h"

/* The importer streams each file, validates each row and writes it at once inside the one
 * import transaction (so later files can refer to rows of earlier ones), and at the end
 * either commits everything or rolls everything back. A dry run always rolls back: it
 * validates exactly what a real import would. */

G_DEFINE_QUARK (ar-import-error-quark, ar_import_error)

#define DEFAULT_MAX_ERRORS 100
#define PROGRESS_EVERY     1024

enum { D_ID, D_NAME, D_EMAIL, D_PHONE, D_LINE1, D_LINE2, D_CITY, D_REGION, D_POSTAL, D_COUNTRY,
       D_KIND, D_LANGUAGE, D_TIME_ZONE, D_COMPANY, D_CONTACT, N_D };
static const char * const debtor_columns[] = {
  "id", "name", "email", "phone", "address_line1", "address_line2", "city", "region",
  "postal_code", "country", "kind", "language", "time_zone", "company", "contact", NULL,
};
static const gboolean debtor_required[] = {
  TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE,
  FALSE, FALSE, FALSE, FALSE, FALSE,
};

enum { I_DEBTOR, I_NUMBER, I_ISSUE, I_DUE, I_AMOUNT, I_CURRENCY, I_DESCRIPTION, N_I };
static const char * const invoice_columns[] = {
  "debtor_id", "invoice_number", "issue_date", "due_date", "amount", "currency", "description",
  NULL,
};
static const gboolean invoice_required[] = { TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE };

enum { P_DEBTOR, P_DATE, P_AMOUNT, P_CURRENCY, P_REFERENCE, P_INVOICE, N_P };
static const char * const payment_columns[] = {
  "debtor_id", "date", "amount", "currency", "reference", "invoice_number", NULL,
};
static const gboolean payment_required[] = { TRUE, TRUE, TRUE, TRUE, TRUE, TRUE };

static const char * const file_names[AR_N_IMPORT_KINDS] = {
  "debtors.csv", "invoices.csv", "payments.csv",
};

const char * const *
ar_import_columns (ArImportKind kind, const gboolean **required)
{
  static const char * const *columns[] = { debtor_columns, invoice_columns, payment_columns };
  static const gboolean *req[] = { debtor_required, invoice_required, payment_required };

  g_return_val_if_fail ((guint) kind < AR_N_IMPORT_KINDS, NULL);
  if (required != NULL)
    *required = req[kind];
  return columns[kind];
}

const char *
ar_import_kind_file_name (ArImportKind kind)
{
  g_return_val_if_fail ((guint) kind < AR_N_IMPORT_KINDS, NULL);
  return file_names[kind];
}

/* Column labels and guesses for mapping user interfaces ---------------------------------- */

static const char * const debtor_labels[] = {
  N_("Debtor’s id"), N_("Name"), N_("Email"), N_("Phone"), N_("Address line 1"),
  N_("Address line 2"), N_("City"), N_("Region or state"), N_("Postal code"),
  N_("Country (two letters)"), N_("Kind (consumer or business)"), N_("Language"),
  N_("Time zone"), N_("Company"), N_("Contact person"),
};
static const char * const invoice_labels[] = {
  N_("Debtor’s id"), N_("Invoice number"), N_("Issue date"), N_("Due date"), N_("Amount"),
  N_("Currency"), N_("Description"),
};
static const char * const payment_labels[] = {
  N_("Debtor’s id"), N_("Date"), N_("Amount"), N_("Currency"), N_("Reference"),
  N_("Invoice number"),
};
G_STATIC_ASSERT (G_N_ELEMENTS (debtor_labels) == N_D);
G_STATIC_ASSERT (G_N_ELEMENTS (invoice_labels) == N_I);
G_STATIC_ASSERT (G_N_ELEMENTS (payment_labels) == N_P);

/* The columns whose value every row needs (the others may be empty). */
static const gboolean debtor_needed[N_D] = { [D_ID] = TRUE, [D_NAME] = TRUE };
static const gboolean invoice_needed[N_I] = {
  TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE,
};
static const gboolean payment_needed[N_P] = { TRUE, TRUE, TRUE, TRUE, FALSE, FALSE };

/* Header names other programs use (accounting packages, practice software, spreadsheets),
 * compared with case, spaces and punctuation removed; "|" separates them. */
static const char * const debtor_synonyms[N_D] = {
  "customerid|customerno|customernumber|clientid|clientno|clientnumber|accountno|"
  "accountnumber|account|patientid|patientno|debtorno|debtornumber|customercode|id",
  "customername|clientname|fullname|patientname|debtorname|displayname|customer|client|debtor",
  "emailaddress|mail|email1",
  "phonenumber|telephone|tel|mobile|phone1",
  "address|address1|street|streetaddress|billingaddress|billingaddress1|addressline1",
  "address2|addressline2|street2|billingaddress2",
  "town|billingcity|locality",
  "state|province|county|billingstate",
  "zip|zipcode|postcode|postalcode|billingzip|billingpostcode",
  "countrycode|billingcountry",
  "customertype|type",
  "lang|locale",
  "timezone|tz",
  "companyname|organization|organisation|business|businessname",
  "contactperson|contactname|attention|attn",
};
static const char * const invoice_synonyms[N_I] = {
  "customerid|customerno|customernumber|clientid|clientno|accountno|accountnumber|account|"
  "patientid|debtorid|customer|client",
  "invoiceno|invoicenum|invoicenumber|invoice|invoiceid|number|no|docnumber|documentnumber|"
  "documentno|num",
  "invoicedate|date|issued|issuedate|txndate|documentdate",
  "duedate|due|paymentdue|dueon",
  "total|amountdue|invoicetotal|totalamount|invoiceamount|amount|gross",
  "currencycode|curr|ccy",
  "memo|details|notes|description|item",
};
static const char * const payment_synonyms[N_P] = {
  "customerid|customerno|customernumber|clientid|clientno|accountno|accountnumber|account|"
  "patientid|debtorid|customer|client",
  "paymentdate|paiddate|datepaid|receiveddate|date|received",
  "paymentamount|amountpaid|amountreceived|paid|total|amount",
  "currencycode|curr|ccy",
  "ref|paymentref|paymentreference|checknumber|checkno|chequenumber|chequeno|transactionid|"
  "referencenumber|reference",
  "invoiceno|invoicenum|invoicenumber|invoice|appliedto",
};

const char *
ar_import_column_label (ArImportKind kind, guint column)
{
  static const char * const *labels[] = { debtor_labels, invoice_labels, payment_labels };
  static const guint n[] = { N_D, N_I, N_P };

  g_return_val_if_fail ((guint) kind < AR_N_IMPORT_KINDS, NULL);
  g_return_val_if_fail (column < n[kind], NULL);
  return _(labels[kind][column]);
}

gboolean
ar_import_column_needs_value (ArImportKind kind, guint column)
{
  static const gboolean *needed[] = { debtor_needed, invoice_needed, payment_needed };
  static const guint n[] = { N_D, N_I, N_P };

  g_return_val_if_fail ((guint) kind < AR_N_IMPORT_KINDS, FALSE);
  g_return_val_if_fail (column < n[kind], FALSE);
  return needed[kind][column];
}

/* "Invoice #" → "invoice", "Debtor_ID" → "debtorid": ASCII letters and digits, lower case. */
static char *
header_key (const char *name)
{
  GString *key = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, g_ascii_tolower (*p));
  return g_string_free (key, FALSE);
}

GHashTable *
ar_import_guess_columns (ArImportKind kind, const char * const *header)
{
  static const char * const *synonyms[] = { debtor_synonyms, invoice_synonyms, payment_synonyms };
  const char * const *columns;
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) trimmed = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *used = NULL;
  guint n_header, n_columns;

  g_return_val_if_fail ((guint) kind < AR_N_IMPORT_KINDS, NULL);
  g_return_val_if_fail (header != NULL, NULL);

  columns = ar_import_columns (kind, NULL);
  n_columns = g_strv_length ((char **) columns);
  n_header = g_strv_length ((char **) header);
  used = g_new0 (gboolean, n_header);
  for (guint h = 0; h < n_header; h++)
    {
      g_ptr_array_add (keys, header_key (header[h]));
      g_ptr_array_add (trimmed, g_strstrip (g_strdup (header[h])));
    }

  /* Three passes, most certain first, so that a weak guess never takes a header an exact
   * match needs ("Date" is the payment date only when nothing is called "Payment date"). */
  for (guint pass = 0; pass < 3; pass++)
    for (guint c = 0; c < n_columns; c++)
      {
        g_autofree char *column_key = header_key (columns[c]);
        g_auto(GStrv) alternatives = NULL;

        if (g_hash_table_contains (map, columns[c]))
          continue;
        if (pass == 2)
          alternatives = g_strsplit (synonyms[kind][c], "|", -1);
        for (guint a = 0; pass < 2 ? a == 0 : alternatives[a] != NULL; a++)
          {
            guint h;

            for (h = 0; h < n_header; h++)
              {
                gboolean match;

                if (used[h])
                  continue;
                if (pass == 0)
                  match = g_ascii_strcasecmp (g_ptr_array_index (trimmed, h), columns[c]) == 0;
                else if (pass == 1)
                  match = g_str_equal (g_ptr_array_index (keys, h), column_key);
                else
                  match = g_str_equal (g_ptr_array_index (keys, h), alternatives[a]);
                if (match)
                  break;
              }
            if (h < n_header)
              {
                used[h] = TRUE;
                g_hash_table_insert (map, g_strdup (columns[c]), g_strdup (header[h]));
                break;
              }
          }
      }
  return g_steal_pointer (&map);
}

gboolean
ar_import_read_head (const char   *path,
                     guint         max_rows,
                     char       ***out_header,
                     GPtrArray   **out_rows,
                     GError      **error)
{
  g_autoptr(ArCsvReader) reader = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) header = NULL;

  g_return_val_if_fail (path != NULL && out_header != NULL && out_rows != NULL, FALSE);

  reader = ar_csv_reader_new_for_path (path, error);
  if (reader == NULL)
    return FALSE;
  for (guint r = 0; r <= max_rows && ar_csv_reader_next (reader, &local); r++)
    {
      guint n = ar_csv_reader_get_n_fields (reader);
      char **record = g_new0 (char *, n + 1);

      for (guint i = 0; i < n; i++)
        {
          const char *value = ar_csv_reader_get_field (reader, i);

          /* A preview shows what it can: bytes that are not UTF-8 become U+FFFD. */
          record[i] = g_utf8_make_valid (value, -1);
          if (r == 0)
            g_strstrip (record[i]);
        }
      if (r == 0)
        header = record;
      else
        g_ptr_array_add (rows, record);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (header == NULL)
    {
      g_set_error (error, AR_CSV_ERROR, AR_CSV_ERROR_HEADER, _("%s:1: the file is empty"),
                   ar_csv_reader_get_display_name (reader));
      return FALSE;
    }
  *out_header = g_steal_pointer (&header);
  *out_rows = g_steal_pointer (&rows);
  return TRUE;
}

void
ar_import_result_init (ArImportResult *result)
{
  memset (result, 0, sizeof *result);
  result->errors = g_ptr_array_new_with_free_func (g_free);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
}

void
ar_import_result_clear (ArImportResult *result)
{
  g_clear_pointer (&result->errors, g_ptr_array_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
}

typedef struct
{
  ArLedger              *ledger;
  const ArImportOptions *options;
  ArImportResult        *result;
  guint                  max_errors;
  guint64                bytes_before;  /* of the files already read */
  guint64                bytes_total;
  /* Rows above these ids were added by this import: a duplicate among them is a repeat inside
   * the files, not a clash with the ledger. */
  gint64                 last_debtor_before;
  gint64                 last_invoice_before;
  gint64                 last_entry_before;
  /* The current row */
  ArCsvReader           *reader;
  guint                  line;
  int                    index[N_D];
  gboolean               row_ok;
  GHashTable            *time_zones;  /* identifier → valid? */
  /* Validated rows waiting to be written in one batch (see ar-ledger-bulk.c), with the line
   * each came from and copies of their strings. */
  GArray                *batch;
  GArray                *batch_lines;
  GStringChunk          *batch_strings;
} Import;

#define BATCH_ROWS 1024

static void G_GNUC_PRINTF (3, 4)
row_error (Import *im, const char *field, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  im->row_ok = FALSE;
  im->result->n_errors++;
  if (im->result->errors->len >= im->max_errors)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (im->result->errors,
                   g_strdup_printf ("%s:%u: %s: %s", ar_csv_reader_get_display_name (im->reader),
                                    im->line, field, message));
}

/* Ledger errors read "field: message"; placed after "file:line: " they need no other field. */
static void
row_gerror (Import *im, const GError *error)
{
  im->row_ok = FALSE;
  im->result->n_errors++;
  if (im->result->errors->len >= im->max_errors)
    return;
  g_ptr_array_add (im->result->errors,
                   g_strdup_printf ("%s:%u: %s", ar_csv_reader_get_display_name (im->reader),
                                    im->line, error->message));
}

/* A field of the current row, checked for UTF-8; NULL (and an error) when it is not. */
static const char *
field (Import *im, int column, const char * const *names)
{
  const char *value;
  const char *end;

  if (im->index[column] < 0)
    return "";
  value = ar_csv_reader_get_field (im->reader, im->index[column]);
  if (!g_utf8_validate (value, -1, &end))
    {
      row_error (im, names[column], _("invalid UTF-8 at byte %u; save the file as UTF-8"),
                 (guint) (end - value) + 1);
      return NULL;
    }
  return value;
}

static const char *
required_field (Import *im, int column, const char * const *names)
{
  const char *value = field (im, column, names);

  if (value != NULL && value[0] == '\0')
    {
      row_error (im, names[column], _("is empty; a value is required"));
      return NULL;
    }
  return value;
}

static guint32
date_field (Import *im, int column, const char * const *names)
{
  const char *text = required_field (im, column, names);
  g_autoptr(GError) error = NULL;
  guint32 julian;

  if (text == NULL)
    return 0;
  julian = ar_date_parse_julian (text, &error);
  if (julian == 0)
    row_error (im, names[column], "%s", error->message);
  return julian;
}

static gboolean
currency_field (Import *im, int column, const char * const *names, const char **out)
{
  const char *text = required_field (im, column, names);

  *out = NULL;
  if (text == NULL)
    return FALSE;
  if (!ar_currency_is_valid (text))
    {
      row_error (im, names[column],
                 _("“%s” is not an ISO 4217 currency code (three capital letters, e.g. USD)"),
                 text);
      return FALSE;
    }
  *out = text;
  return TRUE;
}

/* A positive amount in the plain "1234.56" form; 0 (and an error) when it is not. */
static gint64
amount_field (Import *im, int column, const char * const *names, const char *currency)
{
  const char *text = required_field (im, column, names);
  g_autoptr(GError) error = NULL;
  ArMoney money;

  if (text == NULL || currency == NULL)
    return 0;
  if (!ar_money_parse (text, currency, &money, &error))
    {
      row_error (im, names[column], "%s", error->message);
      return 0;
    }
  if (money.minor <= 0)
    {
      row_error (im, names[column], _("“%s” must be greater than zero"), text);
      return 0;
    }
  return money.minor;
}

static gint64
debtor_field (Import *im, int column, const char * const *names)
{
  const char *id = required_field (im, column, names);
  gint64 debtor;

  if (id == NULL)
    return 0;
  debtor = ar_ledger_lookup_debtor (im->ledger, id);
  if (debtor == 0)
    row_error (im, names[column],
               _("unknown debtor “%s” (not in the ledger or in a valid row of debtors.csv)"), id);
  return debtor;
}

static gboolean
looks_like_language_tag (const char *tag)
{
  g_auto(GStrv) parts = g_strsplit (tag, "-", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gsize n = strlen (parts[i]);

      if (n < (i == 0 ? 2 : 1) || n > (i == 0 ? 3 : 8))
        return FALSE;
      for (gsize j = 0; j < n; j++)
        if (!g_ascii_isalnum (parts[i][j]) || (i == 0 && !g_ascii_isalpha (parts[i][j])))
          return FALSE;
    }
  return TRUE;
}

/* Loading a zone reads tzdata from disk; a book has a handful of zones, so remember them. */
static gboolean
valid_time_zone (Import *im, const char *identifier)
{
  gpointer known;
  GTimeZone *tz;

  if (g_hash_table_lookup_extended (im->time_zones, identifier, NULL, &known))
    return GPOINTER_TO_INT (known);
  tz = g_time_zone_new_identifier (identifier);
  g_hash_table_insert (im->time_zones, g_strdup (identifier), GINT_TO_POINTER (tz != NULL));
  g_clear_pointer (&tz, g_time_zone_unref);
  return g_hash_table_lookup (im->time_zones, identifier) != NULL;
}

/* Batches ----------------------------------------------------------------------------------- */

static void batch_flush (Import *im, ArImportKind kind);

static void
batch_add (Import *im, gconstpointer row)
{
  g_array_append_vals (im->batch, row, 1);
  g_array_append_val (im->batch_lines, im->line);
}

/* debtors.csv ---------------------------------------------------------------------------- */

static void
import_debtor (Import *im)
{
  const char * const *n = debtor_columns;
  const char *v[N_D];
  ArDebtorInfo info = { 0 };

  for (int c = 0; c < N_D; c++)
    v[c] = field (im, c, n);
  if (!im->row_ok)
    return;
  if (v[D_ID][0] == '\0')
    row_error (im, n[D_ID], _("is empty; a value is required"));
  if (v[D_NAME][0] == '\0')
    row_error (im, n[D_NAME], _("is empty; a value is required"));
  if (v[D_EMAIL][0] != '\0' &&
      (strchr (v[D_EMAIL], '@') == NULL || strpbrk (v[D_EMAIL], " \t\r\n,;") != NULL))
    row_error (im, n[D_EMAIL], _("“%s” is not an email address (expected name@example.com)"),
               v[D_EMAIL]);
  if (v[D_COUNTRY][0] != '\0' && !ar_country_is_valid (v[D_COUNTRY]))
    row_error (im, n[D_COUNTRY],
               _("“%s” is not an ISO 3166-1 alpha-2 country code (two capital letters, e.g. DE)"),
               v[D_COUNTRY]);
  if (v[D_KIND][0] != '\0' && !ar_debtor_kind_from_string (v[D_KIND], &info.kind))
    row_error (im, n[D_KIND], _("“%s” should be consumer, sole_trader or business"), v[D_KIND]);
  else if (v[D_KIND][0] == '\0')
    info.kind = v[D_COMPANY][0] != '\0' ? AR_DEBTOR_BUSINESS : AR_DEBTOR_CONSUMER;
  if (v[D_LANGUAGE][0] != '\0' && !looks_like_language_tag (v[D_LANGUAGE]))
    row_error (im, n[D_LANGUAGE], _("“%s” is not a language tag (e.g. en, de, pt-BR)"),
               v[D_LANGUAGE]);
  if (v[D_TIME_ZONE][0] != '\0' && !valid_time_zone (im, v[D_TIME_ZONE]))
    row_error (im, n[D_TIME_ZONE], _("“%s” is not a time zone (e.g. Europe/Berlin)"),
               v[D_TIME_ZONE]);
  if (!im->row_ok)
    return;

  {
    ArBulkDebtor row = { { 0 } };
    GStringChunk *c = im->batch_strings;

    row.info.kind = info.kind;
    row.info.external_id = g_string_chunk_insert (c, v[D_ID]);
    row.info.name = g_string_chunk_insert (c, v[D_NAME]);
    row.info.company = g_string_chunk_insert (c, v[D_COMPANY]);
    row.info.contact_person = g_string_chunk_insert (c, v[D_CONTACT]);
    row.info.language = g_string_chunk_insert (c, v[D_LANGUAGE]);
    row.info.country = g_string_chunk_insert (c, v[D_COUNTRY]);
    row.info.region = g_string_chunk_insert (c, v[D_REGION]);
    row.info.time_zone = g_string_chunk_insert (c, v[D_TIME_ZONE]);
    row.info.status = AR_STATUS_ACTIVE;
    row.has_address = v[D_LINE1][0] != '\0' || v[D_LINE2][0] != '\0' || v[D_CITY][0] != '\0' ||
                      v[D_POSTAL][0] != '\0';
    row.address.label = "import";
    row.address.source = "import";
    row.address.status = AR_CONTACT_UNVERIFIED;
    row.address.line1 = g_string_chunk_insert (c, v[D_LINE1]);
    row.address.line2 = g_string_chunk_insert (c, v[D_LINE2]);
    row.address.city = g_string_chunk_insert (c, v[D_CITY]);
    row.address.region = row.info.region;
    row.address.postal_code = g_string_chunk_insert (c, v[D_POSTAL]);
    row.address.country = row.info.country;
    row.email = g_string_chunk_insert (c, v[D_EMAIL]);
    row.phone = g_string_chunk_insert (c, v[D_PHONE]);
    batch_add (im, &row);
  }
}

/* The row-by-row path: what a batch that failed is retried with, to name the row at fault. */
static void
write_debtor (Import *im, const ArBulkDebtor *row)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!ar_ledger_add_debtor (im->ledger, &row->info, &id, &error))
    {
      gint64 existing = ar_ledger_lookup_debtor (im->ledger, row->info.external_id);

      if (existing > im->last_debtor_before)
        row_error (im, debtor_columns[D_ID], _("debtor “%s” appears more than once in this file"),
                   row->info.external_id);
      else
        row_gerror (im, error);
      return;
    }
  if (row->has_address && !ar_ledger_add_address (im->ledger, id, &row->address, NULL, &error))
    {
      row_gerror (im, error);
      return;
    }
  if (row->email[0] != '\0' &&
      !ar_ledger_add_contact_point (im->ledger, id, AR_CONTACT_POINT_EMAIL, "import", row->email,
                                    AR_CONTACT_UNVERIFIED, "import", NULL, &error))
    {
      row_gerror (im, error);
      return;
    }
  if (row->phone[0] != '\0' &&
      !ar_ledger_add_contact_point (im->ledger, id, AR_CONTACT_POINT_PHONE, "import", row->phone,
                                    AR_CONTACT_UNVERIFIED, "import", NULL, &error))
    row_gerror (im, error);
}

/* invoices.csv --------------------------------------------------------------------------- */

static void
import_invoice (Import *im)
{
  const char * const *n = invoice_columns;
  ArInvoiceInfo info = { 0 };

  info.debtor_id = debtor_field (im, I_DEBTOR, n);
  info.number = required_field (im, I_NUMBER, n);
  info.issue_date = date_field (im, I_ISSUE, n);
  info.due_date = date_field (im, I_DUE, n);
  currency_field (im, I_CURRENCY, n, &info.currency);
  info.amount = amount_field (im, I_AMOUNT, n, info.currency);
  info.description = field (im, I_DESCRIPTION, n);
  if (info.issue_date != 0 && info.due_date != 0 && info.due_date < info.issue_date)
    row_error (im, n[I_DUE], _("%s is before the issue date %s"),
               ar_csv_reader_get_field (im->reader, im->index[I_DUE]),
               ar_csv_reader_get_field (im->reader, im->index[I_ISSUE]));
  if (!im->row_ok)
    return;

  info.number = g_string_chunk_insert (im->batch_strings, info.number);
  info.currency = g_string_chunk_insert (im->batch_strings, info.currency);
  info.description = g_string_chunk_insert (im->batch_strings, info.description);
  batch_add (im, &info);
}

static void
write_invoice (Import *im, const ArInvoiceInfo *info)
{
  g_autoptr(GError) error = NULL;

  if (!ar_ledger_add_invoice (im->ledger, info, NULL, &error))
    {
      ArInvoiceRef existing;

      if (g_error_matches (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_DUPLICATE) &&
          ar_ledger_lookup_invoice (im->ledger, info->number, &existing) &&
          existing.id > im->last_invoice_before)
        row_error (im, invoice_columns[I_NUMBER],
                   _("invoice “%s” appears more than once in this file"), info->number);
      else
        row_gerror (im, error);
    }
}

/* payments.csv --------------------------------------------------------------------------- */

/* A payment with the same debtor, date, amount and non-empty reference that was in the ledger
 * before this import is the same payment imported again. */
static gboolean
payment_already_posted (Import *im, gint64 debtor, guint32 date, gint64 amount,
                        const char *currency, const char *reference)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (im->ledger,
    "SELECT 1 FROM entries WHERE debtor_id = ?1 AND reference = ?2 AND kind = 'payment'"
    " AND date = ?3 AND amount = ?4 AND currency = ?5 AND id <= ?6", NULL);
  gboolean found;

  if (stmt == NULL || reference[0] == '\0')
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor);
  sqlite3_bind_text (stmt, 2, reference, -1, SQLITE_TRANSIENT);
  _ar_bind_julian (stmt, 3, date);
  sqlite3_bind_int64 (stmt, 4, amount);
  sqlite3_bind_text (stmt, 5, currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, im->last_entry_before);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static void
import_payment (Import *im)
{
  const char * const *n = payment_columns;
  ArPosting p = { .kind = AR_ENTRY_PAYMENT };
  const char *invoice_number;

  p.debtor_id = debtor_field (im, P_DEBTOR, n);
  p.date = date_field (im, P_DATE, n);
  currency_field (im, P_CURRENCY, n, &p.currency);
  p.amount = amount_field (im, P_AMOUNT, n, p.currency);
  p.reference = field (im, P_REFERENCE, n);
  invoice_number = field (im, P_INVOICE, n);
  if (!im->row_ok)
    return;

  if (invoice_number[0] != '\0')
    {
      ArInvoiceRef inv;

      if (!ar_ledger_lookup_invoice (im->ledger, invoice_number, &inv))
        row_error (im, n[P_INVOICE],
                   _("unknown invoice “%s” (not in the ledger or in a valid row of invoices.csv)"),
                   invoice_number);
      else if (inv.debtor_id != p.debtor_id)
        row_error (im, n[P_INVOICE], _("invoice “%s” belongs to another debtor"),
                   invoice_number);
      else if (strcmp (inv.currency, p.currency) != 0)
        row_error (im, n[P_CURRENCY], _("%s does not match invoice “%s”, which is in %s"),
                   p.currency, invoice_number, inv.currency);
      else
        p.invoice_id = inv.id;
    }
  if (im->row_ok &&
      payment_already_posted (im, p.debtor_id, p.date, p.amount, p.currency, p.reference))
    row_error (im, n[P_REFERENCE],
               _("payment “%s” of %s on %s is already in the ledger"), p.reference,
               ar_csv_reader_get_field (im->reader, im->index[P_AMOUNT]),
               ar_csv_reader_get_field (im->reader, im->index[P_DATE]));
  if (!im->row_ok)
    return;

  p.currency = g_string_chunk_insert (im->batch_strings, p.currency);
  p.reference = g_string_chunk_insert (im->batch_strings, p.reference);
  batch_add (im, &p);
}

static void
write_payment (Import *im, const ArPosting *p)
{
  g_autoptr(GError) error = NULL;

  if (!ar_ledger_post (im->ledger, p, NULL, &error))
    row_gerror (im, error);
}

/* Writes the waiting rows in one go; if that fails, writes them one by one so that the row at
 * fault is reported with its line. */
static void
batch_flush (Import *im, ArImportKind kind)
{
  g_autoptr(GError) error = NULL;
  guint n = im->batch->len;
  gboolean ok;

  if (n == 0)
    return;
  switch (kind)
    {
    case AR_IMPORT_DEBTORS:
      ok = _ar_ledger_bulk_add_debtors (im->ledger, (ArBulkDebtor *) (gpointer) im->batch->data,
                                        n, &error);
      break;
    case AR_IMPORT_INVOICES:
      ok = _ar_ledger_bulk_add_invoices (im->ledger,
                                         (const ArInvoiceInfo *) (gpointer) im->batch->data,
                                         n, &error);
      break;
    case AR_IMPORT_PAYMENTS:
      ok = _ar_ledger_bulk_post (im->ledger, (const ArPosting *) (gpointer) im->batch->data, n,
                                 &error);
      break;
    case AR_N_IMPORT_KINDS:
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      g_debug ("Batch of %u rows failed (%s); retrying row by row", n, error->message);
      for (guint i = 0; i < n; i++)
        {
          gpointer row = im->batch->data + i * g_array_get_element_size (im->batch);

          im->line = g_array_index (im->batch_lines, guint, i);
          switch (kind)
            {
            case AR_IMPORT_DEBTORS: write_debtor (im, row); break;
            case AR_IMPORT_INVOICES: write_invoice (im, row); break;
            case AR_IMPORT_PAYMENTS: write_payment (im, row); break;
            case AR_N_IMPORT_KINDS:
            default: g_assert_not_reached ();
            }
        }
    }
  g_array_set_size (im->batch, 0);
  g_array_set_size (im->batch_lines, 0);
  g_string_chunk_clear (im->batch_strings);
}

/* Files ---------------------------------------------------------------------------------- */

static char *
file_sha256 (const char *path, guint64 *size, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = g_malloc (1 << 16);
  gssize n;

  if (in == NULL)
    return NULL;
  *size = 0;
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buf, 1 << 16, NULL, error)) > 0)
    {
      g_checksum_update (sum, buf, n);
      *size += n;
    }
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
already_imported (ArLedger *ledger, const char *sha256, char **when)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT imported_at FROM imports WHERE sha256 = ?1", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    *when = g_strndup ((const char *) sqlite3_column_text (stmt, 0), 10);
  sqlite3_reset (stmt);
  return found;
}

static gint64
max_id (ArLedger *ledger, const char *sql)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger, sql, NULL);
  gint64 id = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return id;
}

static gboolean
record_import (ArLedger *ledger, const char *name, ArImportKind kind, const char *sha256,
               guint rows, GError **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "INSERT INTO imports (file_name, kind, sha256, rows) VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, file_names[kind], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, rows);
  return _ar_ledger_step_done (ledger, stmt, _("Could not record the import"), error);
}

/* Reads one file. FALSE only for what stops the whole import (unreadable file, broken CSV
 * syntax, cancellation); row problems are collected in the result. */
static gboolean
import_file (Import *im, ArImportKind kind, GError **error)
{
  const char *path = im->options->paths[kind];
  const gboolean *required = NULL;
  const char * const *columns = ar_import_columns (kind, &required);
  guint n_columns = g_strv_length ((char **) columns);
  const char *lookup[N_D];
  gboolean lookup_required[N_D];
  guint lookup_column[N_D];
  int lookup_index[N_D];
  guint n_lookup = 0;
  gboolean missing_needed = FALSE;
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ArCsvReader) reader = NULL;
  g_autoptr(GError) local = NULL;
  GHashTable *map = im->options->column_maps[kind];
  static const gsize row_sizes[] = { sizeof (ArBulkDebtor), sizeof (ArInvoiceInfo),
                                     sizeof (ArPosting) };
  g_autoptr(GArray) batch = g_array_sized_new (FALSE, FALSE, row_sizes[kind], BATCH_ROWS);
  guint rows = 0, records = 0, n_header;

  reader = ar_csv_reader_new_for_path (path, error);
  if (reader == NULL)
    return FALSE;
  im->reader = reader;
  im->batch = batch;

  /* With a column map, look for the file's own header names instead of ours; a column mapped
   * to "" is not in the file, and only the columns the map leaves are looked for. */
  for (guint c = 0; c < n_columns; c++)
    {
      const char *mapped = map != NULL ? g_hash_table_lookup (map, columns[c]) : NULL;

      im->index[c] = -1;
      if (mapped != NULL && mapped[0] == '\0')
        {
          if (ar_import_column_needs_value (kind, c))
            {
              im->result->n_errors++;
              if (im->result->errors->len < im->max_errors)
                g_ptr_array_add (im->result->errors,
                                 g_strdup_printf (_("%s:1: %s: no column of the file was chosen "
                                                    "for it, and every row needs a value"),
                                                  ar_csv_reader_get_display_name (reader),
                                                  columns[c]));
              missing_needed = TRUE;
            }
          continue;
        }
      lookup[n_lookup] = mapped != NULL ? mapped : columns[c];
      lookup_required[n_lookup] = required[c];
      lookup_column[n_lookup++] = c;
    }
  if (missing_needed ||
      !ar_csv_reader_read_header (reader, lookup, lookup_required, n_lookup, lookup_index, extra,
                                  &local))
    {
      if (missing_needed)
        {
          im->reader = NULL;
          im->batch = NULL;
          return TRUE;
        }
      /* A header problem is a problem of this file; keep going to report the other files. */
      im->result->n_errors++;
      if (im->result->errors->len < im->max_errors)
        g_ptr_array_add (im->result->errors, g_strdup (local->message));
      im->reader = NULL;
      im->batch = NULL;
      return TRUE;
    }
  for (guint i = 0; i < n_lookup; i++)
    im->index[lookup_column[i]] = lookup_index[i];
  n_header = ar_csv_reader_get_n_fields (reader);
  for (guint i = 0; i < extra->len; i++)
    g_ptr_array_add (im->result->warnings,
                     g_strdup_printf (_("%s:1: column “%s” is not an Arrears column and was "
                                        "ignored"), ar_csv_reader_get_display_name (reader),
                                      (const char *) g_ptr_array_index (extra, i)));

  while (ar_csv_reader_next (reader, &local))
    {
      guint n_fields = ar_csv_reader_get_n_fields (reader);

      im->row_ok = TRUE;
      im->line = ar_csv_reader_get_line (reader);
      /* A row with more or fewer fields than the header is usually a quoting mistake: taking
       * it would shift or silently drop values. */
      if (n_fields != n_header)
        row_error (im, "row", _("has %u fields but the header has %u; check the quoting"),
                   n_fields, n_header);
      if (im->row_ok)
        switch (kind)
          {
          case AR_IMPORT_DEBTORS: import_debtor (im); break;
          case AR_IMPORT_INVOICES: import_invoice (im); break;
          case AR_IMPORT_PAYMENTS: import_payment (im); break;
          case AR_N_IMPORT_KINDS:
          default: g_assert_not_reached ();
          }
      if (im->row_ok)
        rows++;
      if (batch->len == BATCH_ROWS)
        batch_flush (im, kind);

      if (++records % PROGRESS_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (im->options->cancellable, error))
            {
              im->batch = NULL;
              return FALSE;
            }
          if (im->options->progress != NULL)
            im->options->progress (im->bytes_before + ar_csv_reader_get_offset (reader),
                                   im->bytes_total, im->options->progress_data);
        }
    }
  if (local == NULL)
    batch_flush (im, kind);
  im->reader = NULL;
  im->batch = NULL;
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  im->result->rows[kind] = rows;
  return TRUE;
}

/* Secondary indexes that the import itself never reads. When an import is larger than what the
 * ledger holds, they are dropped inside the import's transaction and rebuilt before it commits:
 * building an index from sorted rows costs a fraction of updating it row by row in random key
 * order. A rollback brings them back unchanged. */
static const char * const deferrable_indexes[] = {
  "addresses_by_debtor", "debtors_by_name", "debtors_by_status", "emails_by_address",
  "emails_by_debtor", "entries_by_date", "entries_by_invoice", "invoices_by_debtor",
  "invoices_by_due_date", "phones_by_debtor", "phones_by_number",
};

/* Drops the deferrable indexes, returning their CREATE statements (from sqlite_master: the
 * ledger's own schema text) to rebuild them with. */
static GPtrArray *
drop_deferrable_indexes (ArLedger *ledger, GError **error)
{
  g_autoptr(GPtrArray) creates = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = _ar_ledger_get_db (ledger);

  for (guint i = 0; i < G_N_ELEMENTS (deferrable_indexes); i++)
    {
      sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1", error);
      g_autofree char *drop = NULL;
      char *create = NULL;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, deferrable_indexes[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        create = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (create == NULL)
        continue;
      g_ptr_array_add (creates, create);
      drop = g_strdup_printf ("DROP INDEX %s", deferrable_indexes[i]);
      if (sqlite3_exec (db, drop, NULL, NULL, NULL) != SQLITE_OK)
        {
          _ar_ledger_set_sql_error (ledger, _("Could not prepare the import"), error);
          return NULL;
        }
    }
  return g_steal_pointer (&creates);
}

static gboolean
rebuild_indexes (ArLedger *ledger, GPtrArray *creates, GError **error)
{
  for (guint i = 0; creates != NULL && i < creates->len; i++)
    if (sqlite3_exec (_ar_ledger_get_db (ledger), g_ptr_array_index (creates, i), NULL, NULL,
                      NULL) != SQLITE_OK)
      return _ar_ledger_set_sql_error (ledger, _("Could not rebuild an index"), error);
  return TRUE;
}

static gboolean
import_is_large (ArLedger *ledger, guint64 bytes)
{
  /* About 64 bytes a row in the interchange files; compare with the journal's size. */
  return bytes / 64 > (guint64) max_id (ledger, "SELECT coalesce (max (id), 0) FROM entries") &&
         bytes > 1024 * 1024;
}

static gboolean run_import (Import *im, GError **error);

gboolean
ar_import_run (ArLedger *ledger, const ArImportOptions *options, ArImportResult *result,
               GError **error)
{
  g_autoptr(GHashTable) time_zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) batch_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  GStringChunk *batch_strings;
  Import im = { 0 };
  gboolean ok;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (options != NULL && result != NULL, FALSE);
  g_return_val_if_fail (!_ar_ledger_in_transaction (ledger), FALSE);

  batch_strings = g_string_chunk_new (64 * 1024);
  im.time_zones = time_zones;
  im.batch_lines = batch_lines;
  im.batch_strings = batch_strings;
  im.ledger = ledger;
  im.options = options;
  im.result = result;
  im.max_errors = options->max_errors ? options->max_errors : DEFAULT_MAX_ERRORS;
  ok = run_import (&im, error);
  g_string_chunk_free (batch_strings);
  return ok;
}

static gboolean
run_import (Import *im, GError **error)
{
  const ArImportOptions *options = im->options;
  ArImportResult *result = im->result;
  ArLedger *ledger = im->ledger;
  g_autoptr(GPtrArray) sha = g_ptr_array_new_full (AR_N_IMPORT_KINDS, g_free);
  g_autoptr(GPtrArray) deferred = NULL;
  guint64 sizes[AR_N_IMPORT_KINDS] = { 0 };
  gboolean any = FALSE;

  g_ptr_array_set_size (sha, AR_N_IMPORT_KINDS);

  /* A file that was imported before is refused whole, before anything is read into the
   * ledger: importing the same export twice would double every payment. */
  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    {
      g_autofree char *when = NULL;
      g_autofree char *base = NULL;

      if (options->paths[k] == NULL)
        continue;
      any = TRUE;
      sha->pdata[k] = file_sha256 (options->paths[k], &sizes[k], error);
      if (sha->pdata[k] == NULL)
        return FALSE;
      im->bytes_total += sizes[k];
      base = g_path_get_basename (options->paths[k]);
      if (already_imported (ledger, sha->pdata[k], &when))
        {
          result->n_errors++;
          g_ptr_array_add (result->errors,
                           g_strdup_printf (_("%s: this file was already imported on %s"),
                                            base, when));
        }
    }
  if (!any)
    {
      g_set_error_literal (error, AR_IMPORT_ERROR, AR_IMPORT_ERROR_INVALID,
                           _("Nothing to import: name debtors.csv, invoices.csv or payments.csv"));
      return FALSE;
    }
  if (result->n_errors > 0)
    {
      g_set_error_literal (error, AR_IMPORT_ERROR, AR_IMPORT_ERROR_DUPLICATE,
                           _("These files were imported before; nothing was imported"));
      return FALSE;
    }

  im->last_debtor_before = max_id (ledger, "SELECT coalesce (max (id), 0) FROM debtors");
  im->last_invoice_before = max_id (ledger, "SELECT coalesce (max (id), 0) FROM invoices");
  im->last_entry_before = max_id (ledger, "SELECT coalesce (max (id), 0) FROM entries");

  if (!ar_ledger_begin (ledger, "import", error))
    return FALSE;
  if (!options->dry_run && import_is_large (ledger, im->bytes_total))
    {
      deferred = drop_deferrable_indexes (ledger, error);
      if (deferred == NULL)
        {
          ar_ledger_rollback (ledger);
          return FALSE;
        }
    }
  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    {
      if (options->paths[k] == NULL)
        continue;
      if (!import_file (im, k, error))
        {
          ar_ledger_rollback (ledger);
          if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_clear_error (error);
              g_set_error_literal (error, AR_IMPORT_ERROR, AR_IMPORT_ERROR_CANCELLED,
                                   _("The import was cancelled; nothing was imported"));
            }
          return FALSE;
        }
      im->bytes_before += sizes[k];
    }

  if (result->n_errors > 0)
    {
      ar_ledger_rollback (ledger);
      g_set_error (error, AR_IMPORT_ERROR, AR_IMPORT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%u problem; nothing was imported",
                                "%u problems; nothing was imported", result->n_errors),
                   result->n_errors);
      return FALSE;
    }
  if (options->dry_run)
    {
      ar_ledger_rollback (ledger);
      return TRUE;
    }
  for (guint k = 0; k < AR_N_IMPORT_KINDS; k++)
    {
      g_autofree char *base = NULL;

      if (options->paths[k] == NULL)
        continue;
      base = g_path_get_basename (options->paths[k]);
      if (!record_import (ledger, base, k, sha->pdata[k], result->rows[k], error))
        {
          ar_ledger_rollback (ledger);
          return FALSE;
        }
    }
  if (!rebuild_indexes (ledger, deferred, error))
    {
      ar_ledger_rollback (ledger);
      return FALSE;
    }
  if (!ar_ledger_commit (ledger, error))
    return FALSE;
  if (options->progress != NULL)
    options->progress (im->bytes_total, im->bytes_total, options->progress_data);
  return TRUE;
}
