/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-rate-dialog"
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ar-date.h"
#include "ar-form.h"
#include "ar-letter-data.h"
#include "ar-money.h"
#include "ar-rate-dialog.h"
#include "ar-rates.h"

struct _ArRateDialog
{
  AdwWindow     parent_instance;

  /* Template children. */
  GtkWidget    *record_button;
  AdwComboRow  *series_row;
  AdwComboRow  *kind_row;
  GtkWidget    *until_row;
  GtkEntry     *until_entry;
  AdwActionRow *from_row;
  GtkEntry     *from_entry;
  GtkWidget    *rate_row;
  GtkEntry     *rate_entry;
  GtkEntry     *source_entry;
  GtkLabel     *confirm_label;
  GtkLabel     *error_label;

  ArLedger     *ledger;          /* owned */
  guint32       today;           /* 0: today */
  guint32       suggested_from;  /* the day put in Valid from for the series, 0 for none */
  gboolean      source_touched;  /* typed in once: empty is now worth saying */
  char         *problem;
};

G_DEFINE_FINAL_TYPE (ArRateDialog, ar_rate_dialog, ADW_TYPE_WINDOW)

enum { RECORDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static guint32
today_of (ArRateDialog *self)
{
  return self->today != 0 ? self->today : ar_form_today ();
}

static ArRateTableId
selected_table (ArRateDialog *self)
{
  return (ArRateTableId) MIN (adw_combo_row_get_selected (self->series_row),
                              AR_N_RATE_TABLES - 1);
}

/* "No change since the last rate": Bank Rate and the ECB rate only (the Basiszinssatz is
 * published for every half-year, unchanged or not). */
static gboolean
selected_unchanged (ArRateDialog *self)
{
  return adw_combo_row_get_selected (self->kind_row) == 1 &&
         selected_table (self) != AR_RATE_TABLE_DE_BASISZINSSATZ;
}

static const char *
text_of (GtkEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The core names the field ("from: …"); the form says it as the row does. */
static const struct
{
  const char *prefix;
  const char *title;
} core_fields[] = {
  { "from: ", N_("Valid from") },
  { "rate: ", N_("Rate") },
  { "source: ", N_("Source") },
};

enum { FIELD_FROM, FIELD_RATE, FIELD_SOURCE, N_FIELDS };

/* Reads and checks the form. Returns TRUE when it can be recorded; messages (one per field
 * at fault, each naming it) go to @messages. With @all, empty fields are problems too (what
 * Record says); without, an empty field only keeps Record off until it is filled. */
static gboolean
parse_form (ArRateDialog *self,
            gboolean      all,
            guint32      *out_from,
            gint64       *out_rate_bp,
            GString      *messages)
{
  g_autoptr(GError) error = NULL;
  char *field_messages[N_FIELDS] = { NULL };
  GtkWidget *fields[N_FIELDS] = {
    GTK_WIDGET (self->from_entry), GTK_WIDGET (self->rate_entry),
    GTK_WIDGET (self->source_entry),
  };
  ArRateTableId table = selected_table (self);
  const char *from_text = text_of (self->from_entry);
  const char *rate_text = text_of (self->rate_entry);
  const char *source = text_of (self->source_entry);
  gboolean have_from = FALSE, have_rate = FALSE, from_right, ok;
  guint32 from = 0;
  gint64 rate_bp = 0;

  if (!is_blank (from_text))
    {
      g_autofree char *message = NULL;

      have_from = ar_form_read_date (GTK_EDITABLE (self->from_entry), &from, &message);
      if (!have_from)
        field_messages[FIELD_FROM] = g_strdup_printf ("%s: %s", _("Valid from"), message);
    }
  else if (all)
    field_messages[FIELD_FROM] = g_strdup (_("Valid from: enter the day the rate took effect, "
                                             "as YYYY-MM-DD."));
  if (!is_blank (rate_text))
    {
      have_rate = ar_percent_parse_bp (rate_text, &rate_bp);
      if (!have_rate)
        /* Translators: %s is what was typed */
        field_messages[FIELD_RATE] = g_strdup_printf (_("Rate: “%s” is not a percentage. "
                                                        "Write it with at most two decimals, "
                                                        "like 3.75 or -0.12."), rate_text);
    }
  else if (all)
    field_messages[FIELD_RATE] = g_strdup (_("Rate: enter the rate in percent, like 3.75."));
  if (is_blank (source) && (all || self->source_touched))
    field_messages[FIELD_SOURCE] = g_strdup (_("Source: say where the rate was published: "
                                               "its URL, or the publication and its date."));

  /* The core's rules, as far as what is typed goes: the day first, then the rate. */
  if (have_from && (have_rate || is_blank (rate_text)) &&
      !ar_rates_check_new (self->ledger, table, from,
                           have_rate ? (gint32) CLAMP (rate_bp, G_MININT32, G_MAXINT32) : 0,
                           is_blank (source) ? "-" : source, &error))
    {
      guint f;

      for (f = 0; f < N_FIELDS; f++)
        if (g_str_has_prefix (error->message, core_fields[f].prefix))
          break;
      if (f == N_FIELDS)
        f = FIELD_FROM;
      if (field_messages[f] == NULL && (f != FIELD_RATE || have_rate))
        field_messages[f] = g_strdup_printf ("%s: %s", _(core_fields[f].title),
                                             error->message +
                                             (g_str_has_prefix (error->message,
                                                                core_fields[f].prefix)
                                              ? strlen (core_fields[f].prefix) : 0));
    }

  ar_form_mark (GTK_WIDGET (self->until_entry), NULL);
  ok = have_from && have_rate && !is_blank (source);
  from_right = have_from && field_messages[FIELD_FROM] == NULL;
  for (guint f = 0; f < N_FIELDS; f++)
    {
      ar_form_mark (fields[f], field_messages[f]);
      ar_form_add_message (messages, field_messages[f]);
      ok = ok && field_messages[f] == NULL;
      g_free (field_messages[f]);
    }

  /* What recording also says, once the day is right. */
  if (from_right)
    {
      g_autofree char *until = ar_letter_format_date (
        ar_rates_record_known_until (table, from, today_of (self)));
      g_autofree char *text =
        /* Translators: "Recording also confirms that the Basiszinssatz had no other change up
         * to 31 December 2026." */
        g_strdup_printf (_("Recording also confirms that the %s had no other change up to %s."),
                         ar_rates_describe (table), until);

      gtk_label_set_text (self->confirm_label, text);
    }
  else
    gtk_label_set_text (self->confirm_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_label), from_right);

  *out_from = from;
  *out_rate_bp = rate_bp;
  return ok;
}

/* The form in "No change" mode: the day up to which the last rate held, and the source. */
static gboolean
parse_unchanged (ArRateDialog *self,
                 gboolean      all,
                 guint32      *out_until,
                 GString      *messages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *until_message = NULL, *source_message = NULL;
  ArRateTableId table = selected_table (self);
  const char *source = text_of (self->source_entry);
  gboolean have_until = FALSE;
  guint32 until = 0;

  if (!is_blank (text_of (self->until_entry)))
    {
      g_autofree char *message = NULL;

      have_until = ar_form_read_date (GTK_EDITABLE (self->until_entry), &until, &message);
      if (!have_until)
        until_message = g_strdup_printf ("%s: %s", _("Unchanged up to"), message);
    }
  else if (all)
    until_message = g_strdup (_("Unchanged up to: enter the day you checked, as YYYY-MM-DD."));
  if (is_blank (source) && (all || self->source_touched))
    source_message = g_strdup (_("Source: say where you checked that no other change was "
                                 "published: its URL, or the publication and its date."));
  if (have_until &&
      !ar_rates_check_unchanged (self->ledger, table, until, today_of (self),
                                 is_blank (source) ? "-" : source, &error))
    {
      const char *text = error->message;

      if (g_str_has_prefix (text, "until: "))
        text += strlen ("until: ");
      until_message = g_strdup_printf ("%s: %s", _("Unchanged up to"), text);
    }

  ar_form_mark (GTK_WIDGET (self->until_entry), until_message);
  ar_form_mark (GTK_WIDGET (self->from_entry), NULL);
  ar_form_mark (GTK_WIDGET (self->rate_entry), NULL);
  ar_form_mark (GTK_WIDGET (self->source_entry), source_message);
  ar_form_add_message (messages, until_message);
  ar_form_add_message (messages, source_message);

  if (have_until && until_message == NULL)
    {
      ArRateStatus status;
      g_autoptr(GError) local = NULL;

      if (ar_rates_get_status (self->ledger, table, today_of (self), &status, &local))
        {
          g_autofree char *rate = ar_money_format_minor (status.rate_bp, 2);
          g_autofree char *day = ar_letter_format_date (until);
          g_autofree char *text =
            /* Translators: "Recording confirms that the Bank of England Bank Rate of 3.75 %
             * stayed in force, with no other change published, up to 22 November 2026." */
            g_strdup_printf (_("Recording confirms that the %s of %s %% stayed in force, with "
                               "no other change published, up to %s."),
                             ar_rates_describe (table), rate, day);

          gtk_label_set_text (self->confirm_label, text);
          ar_rate_status_clear (&status);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_label),
                          have_until && until_message == NULL);
  *out_until = until;
  return have_until && until_message == NULL && !is_blank (source);
}

static void
show_problem (ArRateDialog *self,
              GString      *messages)
{
  g_clear_pointer (&self->problem, g_free);
  if (messages->len > 0)
    self->problem = g_strdup (messages->str);
  ar_form_show_messages (self->error_label, messages);
}

static void
validate (ArRateDialog *self)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  guint32 from;
  gint64 rate_bp;
  gboolean ok;

  /* Building the template fires the callbacks before there is a ledger to ask. */
  if (self->ledger == NULL)
    return;
  ok = selected_unchanged (self) ? parse_unchanged (self, FALSE, &from, messages)
                                 : parse_form (self, FALSE, &from, &rate_bp, messages);
  show_problem (self, messages);
  gtk_widget_set_sensitive (self->record_button, ok);
}

static void
on_source_changed_cb (ArRateDialog *self)
{
  self->source_touched = TRUE;
  validate (self);
}

/* The first 1 January or 1 July after @julian. */
static guint32
next_half_year (guint32 julian)
{
  GDate date;
  int year;

  ar_date_from_julian (julian, &date);
  year = g_date_get_year (&date);
  if (g_date_get_month (&date) <= G_DATE_JUNE)
    g_date_set_dmy (&date, 1, G_DATE_JULY, year);
  else
    g_date_set_dmy (&date, 1, G_DATE_JANUARY, year + 1);
  return ar_date_to_julian (&date);
}

/* The series or "what was published" changed: the rows that apply, the series' own hint, and
 * for the Basiszinssatz the next half-year it lacks. */
static void
on_choice_changed_cb (ArRateDialog *self)
{
  g_autoptr(GError) error = NULL;
  ArRateTableId table = selected_table (self);
  ArRateStatus status;
  guint32 suggestion = 0;

  if (self->ledger == NULL)
    return;
  /* "No change" is for the series that change when their committees meet. */
  gtk_widget_set_visible (GTK_WIDGET (self->kind_row), table != AR_RATE_TABLE_DE_BASISZINSSATZ);
  gtk_widget_set_visible (GTK_WIDGET (self->from_row), !selected_unchanged (self));
  gtk_widget_set_visible (self->rate_row, !selected_unchanged (self));
  gtk_widget_set_visible (self->until_row, selected_unchanged (self));
  if (is_blank (text_of (self->until_entry)))
    ar_form_set_date (GTK_EDITABLE (self->until_entry), today_of (self));
  adw_action_row_set_subtitle (self->from_row, table == AR_RATE_TABLE_DE_BASISZINSSATZ
                                               ? _("1 January or 1 July: it is set each half-year")
                                               : _("The day the new rate took effect"));
  if (table == AR_RATE_TABLE_DE_BASISZINSSATZ &&
      ar_rates_get_status (self->ledger, table, today_of (self), &status, &error))
    {
      suggestion = next_half_year (status.last_day);
      ar_rate_status_clear (&status);
    }
  /* Only over what was suggested before: never over a day the user typed. */
  if (is_blank (text_of (self->from_entry)) ||
      (self->suggested_from != 0 &&
       ar_date_parse_julian (text_of (self->from_entry), NULL) == self->suggested_from))
    {
      if (suggestion != 0)
        ar_form_set_date (GTK_EDITABLE (self->from_entry), suggestion);
      else
        gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
      self->suggested_from = suggestion;
    }
  validate (self);
}

static void
on_record_button_clicked_cb (ArRateDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (ar_rate_dialog_record (self, &error))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
ar_rate_dialog_dispose (GObject *object)
{
  ArRateDialog *self = (ArRateDialog *) object;

  g_clear_object (&self->ledger);
  g_clear_pointer (&self->problem, g_free);
  G_OBJECT_CLASS (ar_rate_dialog_parent_class)->dispose (object);
}

static void
ar_rate_dialog_class_init (ArRateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_rate_dialog_dispose;

  /* (ArRateTableId) */
  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-rate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ArRateDialog, record_button);
  gtk_widget_class_bind_template_child (widget_class, ArRateDialog, series_row);
  gtk_widget_class_bind_template_child (widget_class, ArRateDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ArRateDialog, until_row);
  gtk_widget_class_bind_template_child (widget_class, ArRateDialog, until_entry);
  gtk_widget_class_bind_template_child (widget_class, ArRateDialog, rate_row);
  gtk_widget_class_bind_template_child (widget_class, ArRateDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, ArRateDialog, from_entry);
  gtk_widget_class_bind_template_child (widget_class, ArRateDialog, rate_entry);
  gtk_widget_class_bind_template_child (widget_class, ArRateDialog, source_entry);
  gtk_widget_class_bind_template_child (widget_class, ArRateDialog, confirm_label);
  gtk_widget_class_bind_template_child (widget_class, ArRateDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, on_source_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_record_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ar_rate_dialog_init (ArRateDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint t = 0; t < AR_N_RATE_TABLES; t++)
    gtk_string_list_append (names, ar_rates_describe ((ArRateTableId) t));
  adw_combo_row_set_model (self->series_row, G_LIST_MODEL (names));
  gtk_string_list_append (kinds, _("A new rate"));
  gtk_string_list_append (kinds, _("No change"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
}

ArRateDialog *
ar_rate_dialog_new (GtkWindow     *parent,
                    ArLedger      *ledger,
                    ArRateTableId  table)
{
  ArRateDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (table < AR_N_RATE_TABLES, NULL);

  self = g_object_new (AR_TYPE_RATE_DIALOG, "transient-for", parent, NULL);
  self->ledger = g_object_ref (ledger);
  if (adw_combo_row_get_selected (self->series_row) == (guint) table)
    on_choice_changed_cb (self);
  else
    adw_combo_row_set_selected (self->series_row, table);
  gtk_widget_grab_focus (GTK_WIDGET (self->from_entry));
  return self;
}

gboolean
ar_rate_dialog_record (ArRateDialog  *self,
                       GError       **error)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GError) local = NULL;
  ArRateTableId table;
  guint32 from;
  gint64 rate_bp;

  g_return_val_if_fail (AR_IS_RATE_DIALOG (self), FALSE);

  table = selected_table (self);
  if (selected_unchanged (self))
    {
      guint32 until;

      if (!parse_unchanged (self, TRUE, &until, messages))
        {
          show_problem (self, messages);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, messages->str);
          return FALSE;
        }
      if (!ar_rates_record_unchanged (self->ledger, table, until, today_of (self),
                                      text_of (self->source_entry), &local))
        {
          g_string_assign (messages, local->message);
          show_problem (self, messages);
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_signal_emit (self, signals[RECORDED], 0, (guint) table);
      return TRUE;
    }
  if (!parse_form (self, TRUE, &from, &rate_bp, messages))
    {
      show_problem (self, messages);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, messages->str);
      return FALSE;
    }
  if (!ar_rates_record (self->ledger, table, from, (gint32) rate_bp,
                        text_of (self->source_entry), today_of (self), &local))
    {
      g_string_assign (messages, local->message);
      show_problem (self, messages);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_signal_emit (self, signals[RECORDED], 0, (guint) table);
  return TRUE;
}

void
ar_rate_dialog_set_today (ArRateDialog *self,
                          guint32       today)
{
  g_return_if_fail (AR_IS_RATE_DIALOG (self));
  self->today = today;
  ar_form_set_date (GTK_EDITABLE (self->until_entry), today_of (self));
  on_choice_changed_cb (self);
}

AdwComboRow *
ar_rate_dialog_get_series_row (ArRateDialog *self)
{
  g_return_val_if_fail (AR_IS_RATE_DIALOG (self), NULL);
  return self->series_row;
}

AdwComboRow *
ar_rate_dialog_get_kind_row (ArRateDialog *self)
{
  g_return_val_if_fail (AR_IS_RATE_DIALOG (self), NULL);
  return self->kind_row;
}

GtkEditable *
ar_rate_dialog_get_until_entry (ArRateDialog *self)
{
  g_return_val_if_fail (AR_IS_RATE_DIALOG (self), NULL);
  return GTK_EDITABLE (self->until_entry);
}

GtkEditable *
ar_rate_dialog_get_from_entry (ArRateDialog *self)
{
  g_return_val_if_fail (AR_IS_RATE_DIALOG (self), NULL);
  return GTK_EDITABLE (self->from_entry);
}

GtkEditable *
ar_rate_dialog_get_rate_entry (ArRateDialog *self)
{
  g_return_val_if_fail (AR_IS_RATE_DIALOG (self), NULL);
  return GTK_EDITABLE (self->rate_entry);
}

GtkEditable *
ar_rate_dialog_get_source_entry (ArRateDialog *self)
{
  g_return_val_if_fail (AR_IS_RATE_DIALOG (self), NULL);
  return GTK_EDITABLE (self->source_entry);
}

GtkWidget *
ar_rate_dialog_get_record_button (ArRateDialog *self)
{
  g_return_val_if_fail (AR_IS_RATE_DIALOG (self), NULL);
  return self->record_button;
}

const char *
ar_rate_dialog_get_problem (ArRateDialog *self)
{
  g_return_val_if_fail (AR_IS_RATE_DIALOG (self), NULL);
  return self->problem;
}

const char *
ar_rate_dialog_get_confirmation (ArRateDialog *self)
{
  g_return_val_if_fail (AR_IS_RATE_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->confirm_label))
         ? gtk_label_get_text (self->confirm_label) : NULL;
}
