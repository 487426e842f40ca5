/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-rates-page"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-form.h"
#include "ar-letter-data.h"
#include "ar-money.h"
#include "ar-rates.h"
#include "ar-rates-page.h"

/* What each series is for, under its name. */
static const char * const uses[AR_N_RATE_TABLES] = {
  [AR_RATE_TABLE_BOE_BANK_RATE] = N_("UK Late Payment Act: Bank Rate on the 30 June or "
                                     "31 December before the debt fell due, plus 8 points."),
  [AR_RATE_TABLE_ECB_MRO] = N_("EU Late Payment Directive 2011/7: the rate on 1 January or "
                               "1 July of each half-year, plus 8 points."),
  [AR_RATE_TABLE_DE_BASISZINSSATZ] = N_("§ 288 BGB: the Basiszinssatz of each half-year, "
                                        "plus 5 points (consumers) or 9 (businesses)."),
};

typedef struct
{
  AdwPreferencesGroup *group;
  AdwActionRow        *in_force_row;
  GtkLabel            *in_force;
  GtkWidget           *warning_icon;
  GtkLabel            *from;
  GtkLabel            *source;
  AdwActionRow        *origin_row;
  GtkLabel            *origin;
} SeriesRows;

struct _ArRatesPage
{
  AdwPreferencesPage  parent_instance;

  SeriesRows          series[AR_N_RATE_TABLES];
  ArLedger           *ledger;   /* owned */
  guint32             today;    /* 0: today */
};

G_DEFINE_FINAL_TYPE (ArRatesPage, ar_rates_page, ADW_TYPE_PREFERENCES_PAGE)

enum { RECORDED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* A row with a value on the right, which can be selected and copied; with @wrap it wraps
 * anywhere (sources are long URLs). */
static GtkLabel *
add_value_row (AdwPreferencesGroup *group,
               const char          *title,
               gboolean             wrap,
               AdwActionRow       **out_row)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_wrap (GTK_LABEL (value), wrap);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_label_set_justify (GTK_LABEL (value), GTK_JUSTIFY_RIGHT);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (value), 48);
  gtk_widget_set_margin_top (value, 6);
  gtk_widget_set_margin_bottom (value, 6);
  gtk_widget_set_hexpand (value, TRUE);
  /* Selectable labels take focus: Tab reaches them, and they are read with their row's name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  adw_preferences_group_add (group, row);
  if (out_row != NULL)
    *out_row = ADW_ACTION_ROW (row);
  return GTK_LABEL (value);
}

static void
on_dialog_recorded_cb (ArRatesPage *self,
                       guint        table)
{
  ar_rates_page_refresh (self);
  g_signal_emit (self, signals[RECORDED], 0, table);
}

static void
on_record_clicked_cb (GtkButton   *button,
                      ArRatesPage *self)
{
  guint table = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ar-rate-table"));

  /* The page's own button starts with the first series not known today. */
  if (table == AR_N_RATE_TABLES)
    {
      table = AR_RATE_TABLE_BOE_BANK_RATE;
      for (guint t = AR_N_RATE_TABLES; t-- > 0;)
        if (gtk_widget_get_visible (self->series[t].warning_icon))
          table = t;
    }
  gtk_window_present (GTK_WINDOW (ar_rates_page_record (self, (ArRateTableId) table)));
}

static GtkWidget *
record_button (ArRatesPage   *self,
               const char    *label,
               const char    *accessible,
               ArRateTableId  table)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data (G_OBJECT (button), "ar-rate-table", GUINT_TO_POINTER (table));
  g_signal_connect (button, "clicked", G_CALLBACK (on_record_clicked_cb), self);
  return button;
}

static void
add_series (ArRatesPage   *self,
            ArRateTableId  table)
{
  SeriesRows *rows = &self->series[table];
  g_autofree char *accessible = NULL;
  GtkWidget *button;

  rows->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (rows->group, ar_rates_describe (table));
  adw_preferences_group_set_description (rows->group, _(uses[table]));
  /* Translators: the accessible name of a series' Record… button */
  accessible = g_strdup_printf (_("Record a new %s"), ar_rates_describe (table));
  button = record_button (self, _("Record…"), accessible, table);
  gtk_widget_add_css_class (button, "flat");
  adw_preferences_group_set_header_suffix (rows->group, button);

  /* The warning sign sits before the value: a hidden prefix would still indent the title. */
  rows->warning_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (rows->warning_icon, "warning");
  gtk_widget_set_valign (rows->warning_icon, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (rows->warning_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
  rows->in_force = add_value_row (rows->group, _("In force today"), FALSE,
                                  &rows->in_force_row);
  gtk_widget_set_hexpand (GTK_WIDGET (rows->in_force), FALSE);
  gtk_widget_set_hexpand (rows->warning_icon, TRUE);
  gtk_widget_set_halign (rows->warning_icon, GTK_ALIGN_END);
  gtk_widget_insert_before (rows->warning_icon,
                            gtk_widget_get_parent (GTK_WIDGET (rows->in_force)),
                            GTK_WIDGET (rows->in_force));
  rows->from = add_value_row (rows->group, _("Valid from"), FALSE, NULL);
  rows->source = add_value_row (rows->group, _("Source"), TRUE, NULL);
  rows->origin = add_value_row (rows->group, _("Where it came from"), FALSE,
                                &rows->origin_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), rows->group);
}

static void
show_series (ArRatesPage   *self,
             ArRateTableId  table)
{
  SeriesRows *rows = &self->series[table];
  g_autoptr(GError) error = NULL;
  g_autofree char *rate = NULL, *in_force = NULL, *from = NULL, *last = NULL;
  g_autofree char *origin = NULL, *complete = NULL;
  ArRateStatus status;

  if (!ar_rates_get_status (self->ledger, table, self->today != 0 ? self->today
                                                                  : ar_form_today (),
                            &status, &error))
    {
      gtk_label_set_text (rows->in_force, error->message);
      gtk_widget_set_visible (rows->warning_icon, TRUE);
      return;
    }
  rate = ar_money_format_minor (status.rate_bp, 2);
  last = ar_letter_format_date (status.last_day);
  from = ar_letter_format_date (status.from);
  /* Translators: a rate in percent, "3.75 %" */
  in_force = status.known ? g_strdup_printf (_("%s %%"), rate)
                          /* Translators: "Not known after 30 June 2026" */
                          : g_strdup_printf (_("Not known after %s"), last);
  gtk_label_set_text (rows->in_force, in_force);
  gtk_widget_set_visible (rows->warning_icon, !status.known);
  if (status.known)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (rows->in_force), "warning");
      adw_action_row_set_subtitle (rows->in_force_row, "");
    }
  else
    {
      g_autofree char *subtitle =
        /* Translators: "Last known: 1.27 %" */
        g_strdup_printf (_("Last known: %s %%"), rate);

      gtk_widget_add_css_class (GTK_WIDGET (rows->in_force), "warning");
      adw_action_row_set_subtitle (rows->in_force_row, subtitle);
    }
  gtk_label_set_text (rows->from, from);
  gtk_label_set_text (rows->source, status.source);

  if (status.confirmed)
    /* Translators: "Confirmed complete up to 31 December 2026: <source>" */
    complete = g_strdup_printf (_("Confirmed complete up to %s: %s"), last,
                                status.confirm_source);
  else
    /* Translators: "Complete up to 5 February 2026" */
    complete = g_strdup_printf (_("Complete up to %s"), last);
  adw_action_row_set_subtitle (rows->origin_row, complete);
  origin = g_strdup (status.recorded ? _("Recorded in this book") : _("Came with Arrears"));
  gtk_label_set_text (rows->origin, origin);
  ar_rate_status_clear (&status);
}

void
ar_rates_page_refresh (ArRatesPage *self)
{
  g_return_if_fail (AR_IS_RATES_PAGE (self));

  for (guint t = 0; t < AR_N_RATE_TABLES; t++)
    show_series (self, (ArRateTableId) t);
}

static void
ar_rates_page_dispose (GObject *object)
{
  ArRatesPage *self = (ArRatesPage *) object;

  g_clear_object (&self->ledger);
  G_OBJECT_CLASS (ar_rates_page_parent_class)->dispose (object);
}

static void
ar_rates_page_class_init (ArRatesPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ar_rates_page_dispose;

  /* (ArRateTableId) */
  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
ar_rates_page_init (ArRatesPage *self)
{
  AdwPreferencesGroup *intro = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *button;

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Reference Rates"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self),
                                      "accessories-calculator-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "rates");

  adw_preferences_group_set_title (intro, _("Reference Rates"));
  adw_preferences_group_set_description (intro,
    _("Statutory interest is a central bank’s reference rate plus points set by law. Arrears "
      "comes with the rates up to its release; after that, look each new rate up where it is "
      "published and record it here with its source. A day no rate covers is never guessed: "
      "interest for it is refused."));
  button = record_button (self, _("_Record a Rate…"), _("Record a new reference rate"),
                          AR_N_RATE_TABLES);
  gtk_widget_add_css_class (button, "suggested-action");
  adw_preferences_group_set_header_suffix (intro, button);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), intro);

  for (guint t = 0; t < AR_N_RATE_TABLES; t++)
    add_series (self, (ArRateTableId) t);
}

ArRatesPage *
ar_rates_page_new (ArLedger *ledger)
{
  ArRatesPage *self;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  self = g_object_new (AR_TYPE_RATES_PAGE, NULL);
  self->ledger = g_object_ref (ledger);
  ar_rates_page_refresh (self);
  return self;
}

ArRateDialog *
ar_rates_page_record (ArRatesPage   *self,
                      ArRateTableId  table)
{
  ArRateDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (AR_IS_RATES_PAGE (self), NULL);
  g_return_val_if_fail (table < AR_N_RATE_TABLES, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ar_rate_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->ledger,
                               table);
  if (self->today != 0)
    ar_rate_dialog_set_today (dialog, self->today);
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_dialog_recorded_cb), self,
                           G_CONNECT_SWAPPED);
  return dialog;
}

void
ar_rates_page_set_today (ArRatesPage *self,
                         guint32      today)
{
  g_return_if_fail (AR_IS_RATES_PAGE (self));
  self->today = today;
  ar_rates_page_refresh (self);
}

const char *
ar_rates_page_get_in_force (ArRatesPage   *self,
                            ArRateTableId  table)
{
  g_return_val_if_fail (AR_IS_RATES_PAGE (self), NULL);
  g_return_val_if_fail (table < AR_N_RATE_TABLES, NULL);
  return gtk_label_get_text (self->series[table].in_force);
}

const char *
ar_rates_page_get_origin (ArRatesPage   *self,
                          ArRateTableId  table)
{
  g_return_val_if_fail (AR_IS_RATES_PAGE (self), NULL);
  g_return_val_if_fail (table < AR_N_RATE_TABLES, NULL);
  return gtk_label_get_text (self->series[table].origin);
}
