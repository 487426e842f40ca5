/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-preferences-window"
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ar-activity.h"
#include "ar-aging.h"
#include "ar-country.h"
#include "ar-dunning-levels-page.h"
#include "ar-preferences-window.h"
#include "ar-rates-page.h"
#include "ar-template.h"

typedef enum
{
  CHECK_NONE,
  CHECK_COUNTRY,
  CHECK_EMAIL,
  CHECK_IBAN,
  CHECK_BIC,
  CHECK_ROUTING,
} Check;

enum { GROUP_COMPANY, GROUP_ADDRESS, GROUP_CONTACT, GROUP_LETTERHEAD, GROUP_PAYMENT, N_GROUPS };

/* The company's details, in the order of their rows; the names are ArCompanyInfo's fields. */
static const struct
{
  const char *name;
  const char *label;
  guint       group;
  Check       check;
} company_fields[] = {
  { "legal_name", N_("Legal name"), GROUP_COMPANY, CHECK_NONE },
  { "trade_name", N_("Trading name, if different"), GROUP_COMPANY, CHECK_NONE },
  { "tax_id", N_("Tax or VAT number"), GROUP_COMPANY, CHECK_NONE },
  { "address_line1", N_("Address line 1"), GROUP_ADDRESS, CHECK_NONE },
  { "address_line2", N_("Address line 2"), GROUP_ADDRESS, CHECK_NONE },
  { "city", N_("City"), GROUP_ADDRESS, CHECK_NONE },
  { "region", N_("Region or state"), GROUP_ADDRESS, CHECK_NONE },
  { "postal_code", N_("Postal code"), GROUP_ADDRESS, CHECK_NONE },
  { "country", N_("Country (two letters, e.g. DE, GB, US)"), GROUP_ADDRESS, CHECK_COUNTRY },
  { "phone", N_("Phone"), GROUP_CONTACT, CHECK_NONE },
  { "email", N_("Email"), GROUP_CONTACT, CHECK_EMAIL },
  { "website", N_("Website"), GROUP_CONTACT, CHECK_NONE },
  { "signature_name", N_("Signed by (the name under the signature)"), GROUP_LETTERHEAD,
    CHECK_NONE },
  { "payment_instructions", N_("Payment instructions"), GROUP_PAYMENT, CHECK_NONE },
  { "bank_account", N_("Bank and account number"), GROUP_PAYMENT, CHECK_NONE },
  { "iban", N_("IBAN"), GROUP_PAYMENT, CHECK_IBAN },
  { "bic", N_("BIC (SWIFT code)"), GROUP_PAYMENT, CHECK_BIC },
  { "routing_number", N_("Routing number (US, nine digits)"), GROUP_PAYMENT, CHECK_ROUTING },
};
#define N_COMPANY_FIELDS G_N_ELEMENTS (company_fields)

static const char * const paper_values[] = { "auto", "a4", "letter" };

#define N_LEVELS AR_TEMPLATE_BUILTIN_LEVELS

struct _ArPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template children. */
  AdwPreferencesGroup  *company_group;
  AdwPreferencesGroup  *address_group;
  AdwPreferencesGroup  *contact_group;
  AdwPreferencesGroup  *letterhead_group;
  AdwPreferencesGroup  *payment_group;
  AdwPreferencesGroup  *documents_group;
  AdwPreferencesGroup  *aging_group;
  AdwPreferencesGroup  *letters_group;
  AdwPreferencesGroup  *body_group;
  AdwActionRow         *logo_row;
  GtkImage             *logo_image;
  GtkWidget            *logo_remove_button;
  AdwComboRow          *paper_row;
  AdwEntryRow          *currency_row;
  AdwEntryRow          *buckets_row;
  AdwComboRow          *basis_row;
  AdwComboRow          *level_row;
  AdwEntryRow          *subject_row;
  GtkTextView          *body_view;
  AdwExpanderRow       *fields_row;

  AdwEntryRow          *company_rows[N_COMPANY_FIELDS];
  GtkLabel             *group_errors[N_GROUPS];
  GtkLabel             *documents_error;
  GtkLabel             *aging_error;
  GtkLabel             *letters_error;

  ArLedger             *ledger;          /* owned */
  ArDunningLevelsPage  *dunning_page;
  ArRatesPage          *rates_page;
  GHashTable           *company;         /* owned: the details as loaded */
  char                 *limits_loaded;
  guint                 paper_loaded;
  guint                 basis_loaded;
  GBytes               *logo;            /* owned: the logo to save, NULL for none */
  char                 *logo_mime;
  gboolean              logo_changed;
  char                 *subjects[N_LEVELS + 1];  /* drafts, by level; NULL until shown */
  char                 *bodies[N_LEVELS + 1];
  gboolean              template_dirty[N_LEVELS + 1];
  guint                 level;           /* the level shown, 1-based */
  char                 *problem;         /* the first problem shown */
  gboolean              loading;         /* fields are being filled: not a change */
  gboolean              dirty;
};

G_DEFINE_FINAL_TYPE (ArPreferencesWindow, ar_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

/* Marks @row as wrong (or right again) for sight and for screen readers. */
static void
mark_row (GtkWidget  *row,
          const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* Checks ----------------------------------------------------------------------------------- */

static gboolean
is_email (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && at[1] != '\0' && strchr (at + 1, '@') == NULL
         && strpbrk (text, " \t\r\n,;<>") == NULL;
}

/* ISO 13616: two letters, two check digits, up to 30 letters or digits (spaces are for
 * reading); the number with the first four moved to the end, letters as 10..35, is 1 mod 97. */
static gboolean
is_iban (const char *text, gboolean *checksum_ok)
{
  g_autoptr(GString) iban = g_string_new (NULL);
  guint remainder = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (iban, g_ascii_toupper (*p));
  *checksum_ok = FALSE;
  if (iban->len < 15 || iban->len > 34 || !g_ascii_isalpha (iban->str[0])
      || !g_ascii_isalpha (iban->str[1]) || !g_ascii_isdigit (iban->str[2])
      || !g_ascii_isdigit (iban->str[3]))
    return FALSE;
  for (gsize i = 0; i < iban->len; i++)
    {
      char c = iban->str[(i + 4) % iban->len];

      if (g_ascii_isdigit (c))
        remainder = (remainder * 10 + (guint) (c - '0')) % 97;
      else if (g_ascii_isupper (c))
        remainder = (remainder * 100 + (guint) (c - 'A' + 10)) % 97;
      else
        return FALSE;
    }
  *checksum_ok = remainder == 1;
  return TRUE;
}

static gboolean
is_bic (const char *text)
{
  gsize n = strlen (text);

  if (n != 8 && n != 11)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (text[i]) || (i < 6 && !g_ascii_isalpha (text[i])))
      return FALSE;
  return TRUE;
}

static char *
check_company_field (guint       i,
                     const char *text)
{
  gboolean checksum_ok;

  if (text[0] == '\0')
    return NULL;
  switch (company_fields[i].check)
    {
    case CHECK_COUNTRY:
      if (!ar_country_is_valid (text))
        return g_strdup_printf (_("Country: “%s” is not a two-letter country code such as DE, "
                                  "GB or US."), text);
      break;
    case CHECK_EMAIL:
      if (!is_email (text))
        return g_strdup_printf (_("Email: “%s” is not an email address like "
                                  "office@example.com."), text);
      break;
    case CHECK_IBAN:
      if (!is_iban (text, &checksum_ok))
        return g_strdup_printf (_("IBAN: “%s” is not an IBAN: two letters, two check digits, "
                                  "then up to 30 letters or digits."), text);
      if (!checksum_ok)
        return g_strdup_printf (_("IBAN: the check digits of “%s” don’t match; look for a "
                                  "mistyped character."), text);
      break;
    case CHECK_BIC:
      if (!is_bic (text))
        return g_strdup_printf (_("BIC: “%s” should be 8 or 11 letters and digits, like "
                                  "DEUTDEFF."), text);
      break;
    case CHECK_ROUTING:
      if (strlen (text) != 9 || strspn (text, "0123456789") != 9)
        return g_strdup_printf (_("Routing number: “%s” should be nine digits."), text);
      break;
    case CHECK_NONE:
    default:
      break;
    }
  return NULL;
}

/* "30, 60 ,90" → "30,60,90": the form the ledger keeps. */
static char *
normalized_limits (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ' && *p != '\t')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* A template's problem, or NULL: the core's parser names line and column; a subject is one
 * line without the multi-line fields; a body has at most one table. */
static char *
check_template (guint       level,
                const char *subject,
                const char *body)
{
  g_autofree char *name = ar_template_level_name (level);
  g_autoptr(ArTemplate) parsed = NULL;
  g_autoptr(GError) error = NULL;
  guint tables = 0;

  if (subject[0] == '\0' || strchr (subject, '\n') != NULL)
    /* Translators: the first %s is a letter's name, "Friendly reminder" */
    return g_strdup_printf (_("%s, subject: write one line."), name);
  parsed = ar_template_parse (subject, &error);
  if (parsed == NULL)
    return g_strdup_printf (_("%s, subject: %s"), name, error->message);
  for (guint i = 0; i < ar_template_get_n_segments (parsed); i++)
    {
      const ArTemplateSegment *segment = ar_template_get_segment (parsed, i);

      if (segment->kind != AR_TEMPLATE_SEGMENT_TEXT && ar_template_field_is_multiline (segment->field))
        return g_strdup_printf (_("%s, subject: {%s} spans several lines; use it in the body."),
                                name, ar_template_field_get_name (segment->field));
    }
  g_clear_pointer (&parsed, ar_template_free);

  if (body[0] == '\0')
    return g_strdup_printf (_("%s, body: the letter needs some text."), name);
  parsed = ar_template_parse (body, &error);
  if (parsed == NULL)
    return g_strdup_printf (_("%s, body: %s"), name, error->message);
  for (guint i = 0; i < ar_template_get_n_segments (parsed); i++)
    tables += ar_template_get_segment (parsed, i)->kind == AR_TEMPLATE_SEGMENT_TABLE;
  if (tables > 1)
    return g_strdup_printf (_("%s, body: {invoice_table} can appear only once."), name);
  return NULL;
}

static void
set_group_error (GtkLabel  *label,
                 GString   *messages)
{
  gtk_label_set_text (label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (label), messages->len > 0);
}

static void
add_message (GString    *messages,
             const char *message)
{
  if (messages->len > 0)
    g_string_append_c (messages, '\n');
  g_string_append (messages, message);
}

/* Checks every field, marks the wrong ones and says why under their group. TRUE when all is
 * right. */
static gboolean
validate (ArPreferencesWindow *self)
{
  GString *group_messages[N_GROUPS];
  g_autoptr(GString) documents = g_string_new (NULL);
  g_autoptr(GString) aging = g_string_new (NULL);
  g_autoptr(GString) letters = g_string_new (NULL);
  g_autofree char *first = NULL;
  const char *currency = text_of (self->currency_row);
  g_autofree char *limits = normalized_limits (text_of (self->buckets_row));
  g_autoptr(GError) error = NULL;
  ArAgingConfig config;
  char *message;

  for (guint g = 0; g < N_GROUPS; g++)
    group_messages[g] = g_string_new (NULL);

  for (guint i = 0; i < N_COMPANY_FIELDS; i++)
    {
      message = check_company_field (i, text_of (self->company_rows[i]));
      mark_row (GTK_WIDGET (self->company_rows[i]), message);
      if (message != NULL)
        {
          add_message (group_messages[company_fields[i].group], message);
          if (first == NULL)
            first = g_strdup (message);
        }
      g_free (message);
    }
  for (guint g = 0; g < N_GROUPS; g++)
    {
      set_group_error (self->group_errors[g], group_messages[g]);
      g_string_free (group_messages[g], TRUE);
    }

  message = NULL;
  if (currency[0] != '\0' && !ar_currency_is_valid (currency))
    message = g_strdup_printf (_("Default currency: “%s” is not an ISO 4217 code such as EUR, "
                                 "GBP or USD."), currency);
  mark_row (GTK_WIDGET (self->currency_row), message);
  if (message != NULL)
    add_message (documents, message);
  if (first == NULL && message != NULL)
    first = g_strdup (message);
  g_free (message);
  set_group_error (self->documents_error, documents);

  message = NULL;
  if (limits[0] == '\0')
    message = g_strdup (_("Bucket limits: write at least one number of days, e.g. 30, 60, 90."));
  else if (!ar_aging_config_parse_limits (&config, limits, &error))
    message = g_strdup_printf (_("Bucket limits: write increasing whole numbers of days "
                                 "between 1 and 3650, at most %u of them, e.g. 30, 60, 90."),
                               (guint) (AR_AGING_MAX_BUCKETS - 2));
  mark_row (GTK_WIDGET (self->buckets_row), message);
  if (message != NULL)
    add_message (aging, message);
  if (first == NULL && message != NULL)
    first = g_strdup (message);
  g_free (message);
  set_group_error (self->aging_error, aging);

  mark_row (GTK_WIDGET (self->subject_row), NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->body_view), "error");
  for (guint level = 1; level <= N_LEVELS; level++)
    {
      if (!self->template_dirty[level])
        continue;
      message = check_template (level, self->subjects[level], self->bodies[level]);
      if (message != NULL)
        {
          add_message (letters, message);
          if (level == self->level)
            mark_row (GTK_WIDGET (self->subject_row), message);
          if (first == NULL)
            first = g_strdup (message);
        }
      g_free (message);
    }
  set_group_error (self->letters_error, letters);

  g_free (self->problem);
  self->problem = g_steal_pointer (&first);
  return self->problem == NULL;
}

/* Loading ---------------------------------------------------------------------------------- */

static void
show_logo (ArPreferencesWindow *self)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (self->logo != NULL)
    texture = gdk_texture_new_from_bytes (self->logo, NULL);
  if (texture != NULL)
    gtk_image_set_from_paintable (self->logo_image, GDK_PAINTABLE (texture));
  else
    gtk_image_set_from_icon_name (self->logo_image, "image-x-generic-symbolic");
  gtk_widget_set_visible (self->logo_remove_button, self->logo != NULL);
}

static void
show_level (ArPreferencesWindow *self,
            guint                level)
{
  self->level = level;
  if (self->subjects[level] == NULL)
    {
      g_autoptr(ArLetterTemplate) template = ar_template_lookup (self->ledger, level, NULL, NULL);

      self->subjects[level] = g_strdup (template != NULL ? template->subject : "");
      self->bodies[level] = g_strdup (template != NULL ? template->body : "");
    }
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), self->subjects[level]);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), self->bodies[level], -1);
  self->loading = FALSE;
}

static void
load (ArPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *paper = ar_ledger_get_setting (self->ledger, "document.paper");
  g_autofree char *limits = ar_ledger_get_setting (self->ledger, "aging.limits");
  g_autofree char *basis = ar_ledger_get_setting (self->ledger, "aging.basis");
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  const char *currency;

  self->loading = TRUE;
  self->company = ar_ledger_get_company (self->ledger, &error);
  if (self->company == NULL)
    {
      g_warning ("Can’t read the company’s details: %s", error->message);
      self->company = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }
  for (guint i = 0; i < N_COMPANY_FIELDS; i++)
    {
      const char *value = g_hash_table_lookup (self->company, company_fields[i].name);

      gtk_editable_set_text (GTK_EDITABLE (self->company_rows[i]), value != NULL ? value : "");
    }
  currency = g_hash_table_lookup (self->company, "default_currency");
  gtk_editable_set_text (GTK_EDITABLE (self->currency_row), currency != NULL ? currency : "");

  self->paper_loaded = 0;
  for (guint i = 0; paper != NULL && i < G_N_ELEMENTS (paper_values); i++)
    if (g_str_equal (paper, paper_values[i]))
      self->paper_loaded = i;
  adw_combo_row_set_selected (self->paper_row, self->paper_loaded);
  self->limits_loaded = g_strdup (limits != NULL ? limits : "30,60,90");
  gtk_editable_set_text (GTK_EDITABLE (self->buckets_row), self->limits_loaded);
  self->basis_loaded = basis != NULL && g_str_equal (basis, "issue") ? 1 : 0;
  adw_combo_row_set_selected (self->basis_row, self->basis_loaded);

  g_clear_pointer (&self->logo_mime, g_free);
  self->logo = ar_ledger_get_company_logo (self->ledger, &self->logo_mime, NULL);
  show_logo (self);

  for (guint level = 1; level <= N_LEVELS; level++)
    {
      g_autofree char *name = ar_template_level_name (level);

      gtk_string_list_append (levels, name);
    }
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (levels));
  adw_combo_row_set_selected (self->level_row, 0);
  show_level (self, 1);
  self->loading = FALSE;
  self->dirty = FALSE;
  validate (self);
}

/* Callbacks -------------------------------------------------------------------------------- */

static void
on_changed_cb (ArPreferencesWindow *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  validate (self);
}

static void
on_template_changed_cb (ArPreferencesWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  if (self->loading || self->level == 0)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (self->subjects[self->level]);
  g_free (self->bodies[self->level]);
  self->subjects[self->level] = g_strdup (text_of (self->subject_row));
  self->bodies[self->level] = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  self->template_dirty[self->level] = TRUE;
  on_changed_cb (self);
}

static void
on_level_selected_cb (ArPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->level_row);

  if (self->loading || selected == GTK_INVALID_LIST_POSITION)
    return;
  show_level (self, selected + 1);
  validate (self);
}

static void
on_reset_clicked_cb (ArPreferencesWindow *self)
{
  const char *subject, *body;

  if (!ar_template_get_builtin (self->level, &subject, &body))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), subject);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body, -1);
}

static void
on_logo_remove_clicked_cb (ArPreferencesWindow *self)
{
  g_clear_pointer (&self->logo, g_bytes_unref);
  g_clear_pointer (&self->logo_mime, g_free);
  self->logo_changed = TRUE;
  show_logo (self);
  on_changed_cb (self);
}

static void
on_logo_chooser_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             gpointer         user_data)
{
  g_autoptr(ArPreferencesWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *type = NULL;
      gsize length = 0;

      /* A logo is a few hundred kilobytes: read here, checked by the core when saved. */
      if (file != NULL && g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
        {
          g_autofree char *mime = NULL;

          type = g_content_type_guess (NULL, (const guchar *) contents, length, NULL);
          mime = g_content_type_get_mime_type (type);
          if (g_strcmp0 (mime, "image/png") != 0 && g_strcmp0 (mime, "image/jpeg") != 0)
            {
              gtk_label_set_text (self->group_errors[GROUP_LETTERHEAD],
                                  _("Logo: the file is not a PNG or JPEG image; the logo was "
                                    "not changed."));
              gtk_widget_set_visible (GTK_WIDGET (self->group_errors[GROUP_LETTERHEAD]), TRUE);
              g_object_unref (chooser);
              return;
            }
          g_clear_pointer (&self->logo, g_bytes_unref);
          g_free (self->logo_mime);
          self->logo_mime = g_steal_pointer (&mime);
          self->logo = g_bytes_new_take (g_steal_pointer (&contents), length);
          self->logo_changed = TRUE;
          show_logo (self);
          on_changed_cb (self);
        }
      else if (error != NULL)
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                          adw_toast_new (error->message));
    }
  g_object_unref (chooser);
}

static void
on_logo_choose_clicked_cb (ArPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PNG and JPEG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  chooser = gtk_file_chooser_native_new (_("Choose the Logo"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_logo_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_invalid_response_cb (ArPreferencesWindow *self,
                        const char          *response)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->dirty = FALSE;
  /* Not from inside the response: destroying this window destroys the message dialog with it
   * while the dialog is still emitting, and the dialog's last unref then finalizes it against
   * its destroyed parent (a crash in gtk_window_set_transient_for). Close once it is done. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

/* Saving ---------------------------------------------------------------------------------- */

static gboolean
company_changed (ArPreferencesWindow *self)
{
  const char *currency = g_hash_table_lookup (self->company, "default_currency");

  for (guint i = 0; i < N_COMPANY_FIELDS; i++)
    if (g_strcmp0 (text_of (self->company_rows[i]),
                   g_hash_table_lookup (self->company, company_fields[i].name)) != 0)
      return TRUE;
  return g_strcmp0 (text_of (self->currency_row), currency != NULL ? currency : "") != 0;
}

static gboolean
write_changes (ArPreferencesWindow  *self,
               GError              **error)
{
  g_autofree char *limits = normalized_limits (text_of (self->buckets_row));
  guint paper = adw_combo_row_get_selected (self->paper_row);
  guint basis = adw_combo_row_get_selected (self->basis_row);

  if (company_changed (self))
    {
      const char *values[N_COMPANY_FIELDS];
      const char *currency = text_of (self->currency_row);
      ArCompanyInfo info = { 0 };

      for (guint i = 0; i < N_COMPANY_FIELDS; i++)
        values[i] = text_of (self->company_rows[i]);
      info.legal_name = values[0];
      info.trade_name = values[1];
      info.tax_id = values[2];
      info.address_line1 = values[3];
      info.address_line2 = values[4];
      info.city = values[5];
      info.region = values[6];
      info.postal_code = values[7];
      info.country = values[8];
      info.phone = values[9];
      info.email = values[10];
      info.website = values[11];
      info.signature_name = values[12];
      info.payment_instructions = values[13];
      info.bank_account = values[14];
      info.iban = values[15];
      info.bic = values[16];
      info.routing_number = values[17];
      /* An empty currency keeps the one the ledger has. */
      info.default_currency = currency[0] != '\0' ? currency : NULL;
      if (!ar_ledger_set_company (self->ledger, &info, error))
        return FALSE;
    }
  if (paper != self->paper_loaded && paper < G_N_ELEMENTS (paper_values)
      && !ar_ledger_set_setting (self->ledger, "document.paper", paper_values[paper], error))
    return FALSE;
  if (g_strcmp0 (limits, self->limits_loaded) != 0
      && !ar_ledger_set_setting (self->ledger, "aging.limits", limits, error))
    return FALSE;
  if (basis != self->basis_loaded
      && !ar_ledger_set_setting (self->ledger, "aging.basis", basis == 1 ? "issue" : "due",
                                 error))
    return FALSE;
  if (self->logo_changed
      && !ar_ledger_set_company_logo (self->ledger, self->logo, self->logo_mime, error))
    return FALSE;
  for (guint level = 1; level <= N_LEVELS; level++)
    {
      const char *subject, *body;

      if (!self->template_dirty[level])
        continue;
      /* The built-in text again: drop the stored copy, so translations and future fixes of
       * the built-in letter apply. */
      if (ar_template_get_builtin (level, &subject, &body)
          && g_str_equal (subject, self->subjects[level])
          && g_str_equal (body, self->bodies[level]))
        {
          if (!ar_template_delete (self->ledger, level, NULL, error))
            return FALSE;
        }
      else if (!ar_template_store (self->ledger, level, NULL, self->subjects[level],
                                   self->bodies[level], error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ar_preferences_window_save (ArPreferencesWindow  *self,
                            GError              **error)
{
  g_return_val_if_fail (AR_IS_PREFERENCES_WINDOW (self), FALSE);

  if (!validate (self))
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID, self->problem);
      return FALSE;
    }
  if (!self->dirty)
    return TRUE;
  /* One transaction: each write inside it keeps its own audit action. */
  if (!ar_ledger_begin (self->ledger, "preferences", error))
    return FALSE;
  if (!write_changes (self, error))
    {
      ar_ledger_rollback (self->ledger);
      return FALSE;
    }
  if (!ar_ledger_commit (self->ledger, error))
    return FALSE;
  self->dirty = FALSE;
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

/* GObject --------------------------------------------------------------------------------- */

/* Asks whether to discard the changes (@heading, @body): closing must stay possible even when
 * they can't be saved. */
static void
ask_discard (ArPreferencesWindow *self,
             const char          *heading,
             const char          *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard Changes"),
                                    "edit", _("_Keep Editing"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "edit");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "edit");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_invalid_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
ar_preferences_window_close_request (GtkWindow *window)
{
  ArPreferencesWindow *self = AR_PREFERENCES_WINDOW (window);
  g_autoptr(GError) error = NULL;

  if (self->dirty && !validate (self))
    {
      ask_discard (self, _("Some Preferences Are Not Valid"), self->problem);
      return TRUE;
    }
  /* Nothing was written (one transaction), and the write may keep failing (a full disk, a file
   * made read-only): the window must still be able to close. */
  if (self->dirty && !ar_preferences_window_save (self, &error))
    {
      ask_discard (self, _("Can’t Save the Preferences"), error->message);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (ar_preferences_window_parent_class)->close_request (window);
}

static void
ar_preferences_window_dispose (GObject *object)
{
  ArPreferencesWindow *self = (ArPreferencesWindow *) object;

  g_clear_object (&self->ledger);
  g_clear_pointer (&self->company, g_hash_table_unref);
  g_clear_pointer (&self->logo, g_bytes_unref);
  G_OBJECT_CLASS (ar_preferences_window_parent_class)->dispose (object);
}

static void
ar_preferences_window_finalize (GObject *object)
{
  ArPreferencesWindow *self = (ArPreferencesWindow *) object;

  for (guint level = 0; level <= N_LEVELS; level++)
    {
      g_free (self->subjects[level]);
      g_free (self->bodies[level]);
    }
  g_free (self->logo_mime);
  g_free (self->limits_loaded);
  g_free (self->problem);
  G_OBJECT_CLASS (ar_preferences_window_parent_class)->finalize (object);
}

static void
show_rates_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (widget), "rates");
}

static void
ar_preferences_window_class_init (ArPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ar_preferences_window_dispose;
  object_class->finalize = ar_preferences_window_finalize;
  window_class->close_request = ar_preferences_window_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);

  /* The missing-rate warning's button on the Dunning page. */
  gtk_widget_class_install_action (widget_class, "preferences.show-rates", NULL,
                                   show_rates_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, company_group);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, address_group);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, contact_group);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, letterhead_group);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, payment_group);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, documents_group);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, aging_group);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, letters_group);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, body_group);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, logo_image);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, logo_remove_button);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, buckets_row);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, basis_row);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, level_row);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, subject_row);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, body_view);
  gtk_widget_class_bind_template_child (widget_class, ArPreferencesWindow, fields_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_template_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_level_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_logo_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_logo_remove_clicked_cb);
}

static GtkLabel *
add_error_label (AdwPreferencesGroup *group)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_visible (label, FALSE);
  gtk_widget_add_css_class (label, "error");
  /* Not a row: AdwPreferencesGroup puts it below the group's rows. */
  adw_preferences_group_add (group, label);
  return GTK_LABEL (label);
}

static void
ar_preferences_window_init (ArPreferencesWindow *self)
{
  AdwPreferencesGroup *groups[N_GROUPS];

  gtk_widget_init_template (GTK_WIDGET (self));

  groups[GROUP_COMPANY] = self->company_group;
  groups[GROUP_ADDRESS] = self->address_group;
  groups[GROUP_CONTACT] = self->contact_group;
  groups[GROUP_LETTERHEAD] = self->letterhead_group;
  groups[GROUP_PAYMENT] = self->payment_group;
  for (guint i = 0; i < N_COMPANY_FIELDS; i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(company_fields[i].label));
      if (company_fields[i].check == CHECK_EMAIL)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
      else if (company_fields[i].check == CHECK_ROUTING)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
      g_signal_connect_object (row, "changed", G_CALLBACK (on_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (groups[company_fields[i].group], row);
      self->company_rows[i] = ADW_ENTRY_ROW (row);
    }
  for (guint g = 0; g < N_GROUPS; g++)
    self->group_errors[g] = add_error_label (groups[g]);
  self->documents_error = add_error_label (self->documents_group);
  self->aging_error = add_error_label (self->aging_group);
  self->letters_error = add_error_label (self->body_group);
  g_signal_connect_object (gtk_text_view_get_buffer (self->body_view), "changed",
                           G_CALLBACK (on_template_changed_cb), self, G_CONNECT_SWAPPED);

  for (guint f = 0; f < AR_N_TEMPLATE_FIELDS; f++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *braced = g_strdup_printf ("{%s}", ar_template_field_get_name (f));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), braced);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ar_template_field_get_description (f));
      /* Field names are code, never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "property");
      adw_expander_row_add_row (self->fields_row, row);
    }
}

/* Public API ------------------------------------------------------------------------------ */

ArPreferencesWindow *
ar_preferences_window_new (GtkWindow *parent,
                           ArLedger  *ledger)
{
  ArPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  self = g_object_new (AR_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->ledger = g_object_ref (ledger);
  load (self);
  /* Dunning levels are saved level by level, each checked by the core as typed. */
  self->dunning_page = ar_dunning_levels_page_new (ledger);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (self->dunning_page));
  /* A rate is recorded at once, in its own audited write; the Dunning page's warning follows. */
  self->rates_page = ar_rates_page_new (ledger);
  g_signal_connect_object (self->rates_page, "recorded",
                           G_CALLBACK (ar_dunning_levels_page_refresh_warning),
                           self->dunning_page, G_CONNECT_SWAPPED);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (self->rates_page));
  return self;
}

GtkEditable *
ar_preferences_window_get_field (ArPreferencesWindow *self,
                                 const char          *name)
{
  g_return_val_if_fail (AR_IS_PREFERENCES_WINDOW (self), NULL);

  if (g_str_equal (name, "default_currency"))
    return GTK_EDITABLE (self->currency_row);
  if (g_str_equal (name, "aging_limits"))
    return GTK_EDITABLE (self->buckets_row);
  if (g_str_equal (name, "subject"))
    return GTK_EDITABLE (self->subject_row);
  for (guint i = 0; i < N_COMPANY_FIELDS; i++)
    if (g_str_equal (name, company_fields[i].name))
      return GTK_EDITABLE (self->company_rows[i]);
  g_return_val_if_reached (NULL);
}

const char *
ar_preferences_window_get_problem (ArPreferencesWindow *self)
{
  g_return_val_if_fail (AR_IS_PREFERENCES_WINDOW (self), NULL);
  return self->problem;
}

void
ar_preferences_window_set_today (ArPreferencesWindow *self,
                                 guint32              today)
{
  g_return_if_fail (AR_IS_PREFERENCES_WINDOW (self));
  ar_rates_warning_set_today (ar_dunning_levels_page_get_rates_warning (self->dunning_page),
                              today);
  ar_rates_page_set_today (self->rates_page, today);
}

ArDunningLevelsPage *
ar_preferences_window_get_dunning_page (ArPreferencesWindow *self)
{
  g_return_val_if_fail (AR_IS_PREFERENCES_WINDOW (self), NULL);
  return self->dunning_page;
}

ArRatesPage *
ar_preferences_window_get_rates_page (ArPreferencesWindow *self)
{
  g_return_val_if_fail (AR_IS_PREFERENCES_WINDOW (self), NULL);
  return self->rates_page;
}
