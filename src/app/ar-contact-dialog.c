/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-contact-dialog"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-activity.h"
#include "ar-contact-dialog.h"
#include "ar-date.h"
#include "ar-money.h"
#include "ar-promise.h"

struct _ArContactDialog
{
  AdwWindow    parent_instance;

  /* Template children. */
  GtkWidget   *save_button;
  AdwComboRow *kind_row;
  AdwComboRow *direction_row;
  AdwComboRow *outcome_row;
  GtkEntry    *next_action_entry;
  GtkTextView *summary_view;
  GtkLabel    *error_label;
  GtkWidget   *promise_group;
  AdwEntryRow *promise_amount_row;
  AdwEntryRow *promise_date_row;
  AdwComboRow *promise_repeat_row;
  AdwEntryRow *promise_times_row;

  ArLedger    *ledger;     /* owned */
  gint64       debtor_id;
  char        *currency;   /* for a promise; NULL: the company's default */
};

G_DEFINE_FINAL_TYPE (ArContactDialog, ar_contact_dialog, ADW_TYPE_WINDOW)

enum { LOGGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* What the ledger stores, in the order of the outcome row's items (the first is none). */
static const char * const outcomes[] = {
  NULL, "no_answer", "left_message", "spoke", "promised_to_pay", "refused", "wrong_number",
};

/* Days between the occurrences of a promise, in the order of the "Repeats" row (0: once). */
static const guint repeat_days[] = { 0, 7, 14, 28 };

#define PROMISED_TO_PAY 4   /* outcomes[] index */

static void
show_error (ArContactDialog *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The next action date: 0 when empty; FALSE (said inline) when it doesn't parse. */
static gboolean
parse_next_action (ArContactDialog *self,
                   guint32         *out_date)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->next_action_entry));
  GtkAccessible *accessible = GTK_ACCESSIBLE (self->next_action_entry);
  GDate date;

  *out_date = 0;
  if (text[0] == '\0' || ar_date_parse (text, &date, NULL))
    {
      if (text[0] != '\0')
        *out_date = ar_date_to_julian (&date);
      gtk_widget_remove_css_class (GTK_WIDGET (self->next_action_entry), "error");
      gtk_accessible_reset_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (accessible, GTK_ACCESSIBLE_STATE_INVALID);
      show_error (self, NULL);
      return TRUE;
    }
  else
    {
      /* Translators: keep YYYY-MM-DD as it is, it is the format the field reads */
      const char *message = _("The next action date must be written as YYYY-MM-DD, like 2026-01-31.");

      gtk_widget_add_css_class (GTK_WIDGET (self->next_action_entry), "error");
      gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
      gtk_accessible_update_state (accessible, GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      show_error (self, message);
      return FALSE;
    }
}

static gboolean
promise_wanted (ArContactDialog *self)
{
  return adw_combo_row_get_selected (self->kind_row) == AR_ACTIVITY_CALL &&
         adw_combo_row_get_selected (self->outcome_row) == PROMISED_TO_PAY;
}

static void
mark_row (AdwEntryRow *row,
          const char  *message)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (row);

  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_reset_property (accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* The promise's currency: the one shown for the debtor, else the company's default. */
static const char *
promise_currency (ArContactDialog *self)
{
  if (self->currency == NULL)
    {
      g_autoptr(GHashTable) company = ar_ledger_get_company (self->ledger, NULL);
      const char *code = company != NULL ? g_hash_table_lookup (company, "default_currency")
                                         : NULL;

      self->currency = g_strdup (code != NULL && *code != '\0' ? code : "USD");
    }
  return self->currency;
}

/* The promise's fields into @info (amount, date, repeat); FALSE (said inline) when one is
 * wrong. An empty amount or date is not an error yet, only not savable. */
static gboolean
parse_promise (ArContactDialog *self,
               ArPromiseInfo   *info,
               gboolean         say)
{
  g_autoptr(GError) error = NULL;
  const char *amount = gtk_editable_get_text (GTK_EDITABLE (self->promise_amount_row));
  const char *date_text = gtk_editable_get_text (GTK_EDITABLE (self->promise_date_row));
  const char *times = gtk_editable_get_text (GTK_EDITABLE (self->promise_times_row));
  guint repeat = adw_combo_row_get_selected (self->promise_repeat_row);
  const char *message = NULL;
  AdwEntryRow *wrong = NULL;
  ArMoney money;
  GDate date;
  guint64 n = 1;

  mark_row (self->promise_amount_row, NULL);
  mark_row (self->promise_date_row, NULL);
  mark_row (self->promise_times_row, NULL);
  if (amount[0] == '\0' || date_text[0] == '\0')
    return FALSE;
  if (!ar_money_parse_locale (amount, promise_currency (self), &money, &error))
    {
      message = error->message;
      wrong = self->promise_amount_row;
    }
  else if (!ar_date_parse (date_text, &date, NULL))
    {
      message = _("Write the promised date as YYYY-MM-DD, like 2026-01-31.");
      wrong = self->promise_date_row;
    }
  else if (repeat > 0 && repeat < G_N_ELEMENTS (repeat_days) &&
           !g_ascii_string_to_unsigned (times, 10, 2, 104, &n, NULL))
    {
      message = _("A repeating promise is kept from 2 to 104 times.");
      wrong = self->promise_times_row;
    }
  if (wrong != NULL)
    {
      mark_row (wrong, message);
      if (say)
        show_error (self, message);
      return FALSE;
    }

  info->debtor_id = self->debtor_id;
  info->currency = self->currency;
  info->amount = money.minor;
  info->date = ar_date_to_julian (&date);
  info->every_days = repeat < G_N_ELEMENTS (repeat_days) ? repeat_days[repeat] : 0;
  info->times = info->every_days > 0 ? (guint) n : 1;
  return TRUE;
}

static void
validate (ArContactDialog *self)
{
  ArPromiseInfo promise = { 0 };
  guint32 date;
  gboolean ok = parse_next_action (self, &date);

  if (ok && promise_wanted (self))
    ok = parse_promise (self, &promise, TRUE);
  gtk_widget_set_sensitive (self->save_button, ok);
}

static void
on_outcome_changed_cb (ArContactDialog *self)
{
  gtk_widget_set_visible (self->promise_group, promise_wanted (self));
  gtk_widget_set_visible (GTK_WIDGET (self->promise_times_row),
                          adw_combo_row_get_selected (self->promise_repeat_row) > 0);
  validate (self);
}

/* Only calls have an outcome; a note has no direction. */
static void
on_kind_changed_cb (ArContactDialog *self)
{
  ArActivityKind kind = (ArActivityKind) adw_combo_row_get_selected (self->kind_row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->outcome_row), kind == AR_ACTIVITY_CALL);
  on_outcome_changed_cb (self);
  if (kind == AR_ACTIVITY_NOTE)
    adw_combo_row_set_selected (self->direction_row, AR_DIRECTION_NONE);
  else if (adw_combo_row_get_selected (self->direction_row) == AR_DIRECTION_NONE)
    adw_combo_row_set_selected (self->direction_row, AR_DIRECTION_OUT);
}

static void
on_save_clicked_cb (ArContactDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  GtkTextIter start, end;
  ArActivityInfo info = { 0 };
  guint outcome = adw_combo_row_get_selected (self->outcome_row);
  guint32 next_action;
  gint64 id = 0;

  if (!parse_next_action (self, &next_action))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  summary = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  info.debtor_id = self->debtor_id;
  info.kind = (ArActivityKind) adw_combo_row_get_selected (self->kind_row);
  info.direction = (ArDirection) adw_combo_row_get_selected (self->direction_row);
  info.outcome = info.kind == AR_ACTIVITY_CALL && outcome < G_N_ELEMENTS (outcomes)
                 ? outcomes[outcome] : NULL;
  info.summary = summary;
  info.next_action_date = next_action;

  if (promise_wanted (self))
    {
      /* The call and its promise in one transaction: both or neither. */
      ArPromiseInfo promise = { 0 };
      g_autofree char *amount = NULL;
      g_autofree char *logged = NULL;
      char date[11];

      if (!parse_promise (self, &promise, TRUE))
        return;
      promise.channel = info.kind;
      promise.note = summary;
      /* The timeline says what was promised, before what the user wrote. */
      amount = ar_money_format (promise.amount, promise_currency (self));
      ar_date_format_julian (promise.date, date);
      logged = promise.every_days > 0
                 /* Translators: an activity's summary: "Promised $50.00 every 7 days from
                  * 2026-11-27, 3 times." */
                 ? g_strdup_printf (_("Promised %s every %u days from %s, %u times."), amount,
                                    promise.every_days, date, promise.times)
                 /* Translators: an activity's summary: "Promised $50.00 by 2026-11-27." */
                 : g_strdup_printf (_("Promised %s by %s."), amount, date);
      if (*summary != '\0')
        {
          char *both = g_strconcat (logged, " ", summary, NULL);

          g_free (logged);
          logged = both;
        }
      info.summary = logged;
      if (!ar_ledger_begin (self->ledger, "log-contact-promise", &error) ||
          !ar_ledger_add_activity (self->ledger, &info, &id, &error) ||
          (promise.activity_id = id,
           ar_ledger_add_promise (self->ledger, &promise, &error) == 0) ||
          !ar_ledger_commit (self->ledger, &error))
        {
          ar_ledger_rollback (self->ledger);
          show_error (self, error->message);
          return;
        }
    }
  else if (!ar_ledger_add_activity (self->ledger, &info, &id, &error))
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[LOGGED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
ar_contact_dialog_dispose (GObject *object)
{
  ArContactDialog *self = (ArContactDialog *) object;

  g_clear_object (&self->ledger);
  g_clear_pointer (&self->currency, g_free);
  G_OBJECT_CLASS (ar_contact_dialog_parent_class)->dispose (object);
}

static void
ar_contact_dialog_class_init (ArContactDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_contact_dialog_dispose;

  /* (activity id) */
  signals[LOGGED] =
    g_signal_new ("logged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-contact-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ArContactDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ArContactDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ArContactDialog, direction_row);
  gtk_widget_class_bind_template_child (widget_class, ArContactDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, ArContactDialog, next_action_entry);
  gtk_widget_class_bind_template_child (widget_class, ArContactDialog, summary_view);
  gtk_widget_class_bind_template_child (widget_class, ArContactDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, ArContactDialog, promise_group);
  gtk_widget_class_bind_template_child (widget_class, ArContactDialog, promise_amount_row);
  gtk_widget_class_bind_template_child (widget_class, ArContactDialog, promise_date_row);
  gtk_widget_class_bind_template_child (widget_class, ArContactDialog, promise_repeat_row);
  gtk_widget_class_bind_template_child (widget_class, ArContactDialog, promise_times_row);
  gtk_widget_class_bind_template_callback (widget_class, on_outcome_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ar_contact_dialog_init (ArContactDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  on_kind_changed_cb (self);
}

ArContactDialog *
ar_contact_dialog_new (GtkWindow  *parent,
                       ArLedger   *ledger,
                       gint64      debtor_id,
                       const char *debtor_name)
{
  ArContactDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);

  self = g_object_new (AR_TYPE_CONTACT_DIALOG, "transient-for", parent, NULL);
  self->ledger = g_object_ref (ledger);
  self->debtor_id = debtor_id;
  if (debtor_name != NULL)
    {
      /* Translators: the contact dialog's title: "Log Contact with Jane Doe" */
      title = g_strdup_printf (_("Log Contact with %s"), debtor_name);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  return self;
}

void
ar_contact_dialog_set_outcome (ArContactDialog *self,
                               const char      *outcome)
{
  g_return_if_fail (AR_IS_CONTACT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    if (g_strcmp0 (outcomes[i], outcome) == 0)
      {
        adw_combo_row_set_selected (self->kind_row, AR_ACTIVITY_CALL);
        adw_combo_row_set_selected (self->outcome_row, i);
        return;
      }
  g_return_if_reached ();
}

GtkEditable *
ar_contact_dialog_get_next_action_entry (ArContactDialog *self)
{
  g_return_val_if_fail (AR_IS_CONTACT_DIALOG (self), NULL);
  return GTK_EDITABLE (self->next_action_entry);
}

GtkTextView *
ar_contact_dialog_get_summary_view (ArContactDialog *self)
{
  g_return_val_if_fail (AR_IS_CONTACT_DIALOG (self), NULL);
  return self->summary_view;
}

GtkWidget *
ar_contact_dialog_get_error_label (ArContactDialog *self)
{
  g_return_val_if_fail (AR_IS_CONTACT_DIALOG (self), NULL);
  return GTK_WIDGET (self->error_label);
}

GtkWidget *
ar_contact_dialog_get_save_button (ArContactDialog *self)
{
  g_return_val_if_fail (AR_IS_CONTACT_DIALOG (self), NULL);
  return self->save_button;
}

void
ar_contact_dialog_set_currency (ArContactDialog *self,
                                const char      *currency)
{
  g_return_if_fail (AR_IS_CONTACT_DIALOG (self));

  g_free (self->currency);
  self->currency = g_strdup (currency);
}

GtkEditable *
ar_contact_dialog_get_promise_field (ArContactDialog *self,
                                     guint            field)
{
  g_return_val_if_fail (AR_IS_CONTACT_DIALOG (self), NULL);

  switch (field)
    {
    case 0:  return GTK_EDITABLE (self->promise_amount_row);
    case 1:  return GTK_EDITABLE (self->promise_date_row);
    default: return GTK_EDITABLE (self->promise_times_row);
    }
}

void
ar_contact_dialog_set_promise_repeat (ArContactDialog *self,
                                      guint            every_days)
{
  g_return_if_fail (AR_IS_CONTACT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (repeat_days); i++)
    if (repeat_days[i] == every_days)
      {
        adw_combo_row_set_selected (self->promise_repeat_row, i);
        return;
      }
  g_return_if_reached ();
}
