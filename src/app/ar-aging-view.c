/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-aging-view"
#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ar-aging-view.h"
#include "ar-aging.h"
#include "ar-chart-cairo.h"
#include "ar-chart-model.h"
#include "ar-date.h"
#include "ar-money.h"

struct _ArAgingView
{
  GtkWidget       parent_instance;

  /* Template children. */
  GtkWidget      *currency_box;
  GtkDropDown    *currency_dropdown;
  GtkStringList  *currencies;
  GtkDrawingArea *chart_area;

  ArLedger       *ledger;   /* owned */
  ArAgingReport  *report;   /* owned */
  ArChartModel   *chart;    /* owned; the shown currency's */
  char           *description;
  guint           n_draws;
  gboolean        filling;
  gboolean        stale;    /* the report is computed again when the view is shown */
};

G_DEFINE_FINAL_TYPE (ArAgingView, ar_aging_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_LEDGER, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_BUCKET_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
apply_palette (ArAgingView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (self->chart != NULL)
    ar_chart_model_set_palette (self->chart,
                                ar_chart_palette_get (dark ? AR_CHART_THEME_DARK
                                                           : AR_CHART_THEME_LIGHT));
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  ArAgingView *self = user_data;

  if (self->chart == NULL)
    return;
  self->n_draws++;
  ar_chart_cairo_paint (self->chart, cr, width, height);
}

/* The currency of a book with nothing open (its chart is the empty state): the company's
 * default currency, or the locale's, or US dollars. */
static char *
fallback_currency (ArLedger *ledger)
{
  g_autoptr(GHashTable) company = ar_ledger_get_company (ledger, NULL);
  const char *code = company != NULL ? g_hash_table_lookup (company, "default_currency") : NULL;
  const struct lconv *conv;

  if (code != NULL && ar_currency_is_valid (code))
    return g_strdup (code);
  conv = localeconv ();
  if (conv->int_curr_symbol != NULL && strlen (conv->int_curr_symbol) >= 3)
    {
      g_autofree char *local = g_strndup (conv->int_curr_symbol, 3);

      if (ar_currency_is_valid (local))
        return g_steal_pointer (&local);
    }
  return g_strdup ("USD");
}

/* Builds the chart of the currency picked in the drop-down. */
static void
update_chart (ArAgingView *self)
{
  g_autofree char *currency = NULL;
  guint selected = gtk_drop_down_get_selected (self->currency_dropdown);

  g_clear_pointer (&self->chart, ar_chart_model_free);
  g_clear_pointer (&self->description, g_free);

  if (self->report != NULL)
    {
      if (selected != GTK_INVALID_LIST_POSITION)
        currency = g_strdup (gtk_string_list_get_string (self->currencies, selected));
      /* A book with nothing open has no currency in its report: the chart's empty state. */
      if (currency == NULL)
        currency = fallback_currency (self->ledger);
      self->chart = ar_chart_model_new_aging_report (self->report, currency);
      apply_palette (self);
      self->description = ar_chart_model_describe (self->chart);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description != NULL ? self->description : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

static void
on_selected_changed_cb (ArAgingView *self)
{
  if (!self->filling)
    update_chart (self);
}

static void
on_dark_changed_cb (ArAgingView *self)
{
  apply_palette (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

/* The bucket of the bar at @x, @y of the drawing area, or -1: a bar, or anywhere in its
 * column of the plot (a small bar is a small target). The chart was laid out in the drawing
 * area's pixels when it was painted. */
static int
bucket_at (ArAgingView *self,
           double       x,
           double       y)
{
  const ArChartModel *chart = self->chart;

  if (chart == NULL || chart->bars == NULL || chart->kind != AR_CHART_KIND_AGING || chart->empty)
    return -1;
  if (y < chart->plot.y || y > chart->plot.y + chart->plot.height)
    return -1;
  for (guint i = 0; i < chart->bars->len; i++)
    {
      const ArChartBar *bar = &g_array_index (chart->bars, ArChartBar, i);

      if (x >= bar->rect.x && x <= bar->rect.x + bar->rect.width)
        return (int) bar->series;
    }
  return -1;
}

static void
on_chart_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      ArAgingView     *self)
{
  int bucket = bucket_at (self, x, y);

  if (bucket < 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[SIGNAL_BUCKET_ACTIVATED], 0, (guint) bucket);
}

static void
ar_aging_view_map (GtkWidget *widget)
{
  ArAgingView *self = AR_AGING_VIEW (widget);

  GTK_WIDGET_CLASS (ar_aging_view_parent_class)->map (widget);
  if (self->stale)
    ar_aging_view_reload (self);
}

static void
ar_aging_view_dispose (GObject *object)
{
  ArAgingView *self = (ArAgingView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), AR_TYPE_AGING_VIEW);
  /* The template's root box is no bound child, so it is not unparented for us. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->report, ar_aging_report_free);
  g_clear_pointer (&self->chart, ar_chart_model_free);

  G_OBJECT_CLASS (ar_aging_view_parent_class)->dispose (object);
}

static void
ar_aging_view_finalize (GObject *object)
{
  ArAgingView *self = (ArAgingView *) object;

  g_free (self->description);
  G_OBJECT_CLASS (ar_aging_view_parent_class)->finalize (object);
}

static void
ar_aging_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ArAgingView *self = AR_AGING_VIEW (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      g_value_set_object (value, self->ledger);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_aging_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ArAgingView *self = AR_AGING_VIEW (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      ar_aging_view_set_ledger (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_aging_view_class_init (ArAgingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_aging_view_dispose;
  object_class->finalize = ar_aging_view_finalize;
  object_class->get_property = ar_aging_view_get_property;
  object_class->set_property = ar_aging_view_set_property;

  properties[PROP_LEDGER] =
    g_param_spec_object ("ledger", NULL, NULL, AR_TYPE_LEDGER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A bar was clicked: the list can show that bucket's debtors. */
  signals[SIGNAL_BUCKET_ACTIVATED] =
    g_signal_new ("bucket-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  widget_class->map = ar_aging_view_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "agingview");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-aging-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ArAgingView, currency_box);
  gtk_widget_class_bind_template_child (widget_class, ArAgingView, currency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ArAgingView, currencies);
  gtk_widget_class_bind_template_child (widget_class, ArAgingView, chart_area);
}

static void
ar_aging_view_init (ArAgingView *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart, self, NULL);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_chart_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->chart_area), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (self->currency_dropdown, "notify::selected",
                            G_CALLBACK (on_selected_changed_cb), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
ar_aging_view_new (void)
{
  return g_object_new (AR_TYPE_AGING_VIEW, NULL);
}

ArLedger *
ar_aging_view_get_ledger (ArAgingView *self)
{
  g_return_val_if_fail (AR_IS_AGING_VIEW (self), NULL);
  return self->ledger;
}

void
ar_aging_view_set_ledger (ArAgingView *self,
                          ArLedger    *ledger)
{
  g_return_if_fail (AR_IS_AGING_VIEW (self));
  g_return_if_fail (ledger == NULL || AR_IS_LEDGER (ledger));

  if (!g_set_object (&self->ledger, ledger))
    return;
  ar_aging_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEDGER]);
}

void
ar_aging_view_reload (ArAgingView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  g_autofree char *previous = NULL;
  guint selected = gtk_drop_down_get_selected (self->currency_dropdown);
  guint keep = 0;

  g_return_if_fail (AR_IS_AGING_VIEW (self));

  /* The whole book's aging (about 0.1 s at 100,000 debtors) waits until the view is shown. */
  if (self->ledger != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;

  if (selected != GTK_INVALID_LIST_POSITION)
    previous = g_strdup (gtk_string_list_get_string (self->currencies, selected));
  g_clear_pointer (&self->report, ar_aging_report_free);

  if (self->ledger != NULL)
    {
      ArAgingConfig config;
      GDate today;

      ar_date_set_today (&today);
      if (!ar_aging_config_load (&config, self->ledger, &error))
        {
          g_warning ("Can’t read the aging buckets: %s", error->message);
          g_clear_error (&error);
          ar_aging_config_init_default (&config);
        }
      self->report = ar_aging_report_compute (self->ledger, ar_date_to_julian (&today), &config,
                                              &error);
      if (self->report == NULL)
        g_warning ("Can’t compute the aging: %s", error->message);
    }

  for (guint i = 0; self->report != NULL && i < self->report->totals->len; i++)
    {
      const ArAgingTotal *total = &g_array_index (self->report->totals, ArAgingTotal, i);

      if (g_strcmp0 (previous, total->currency) == 0)
        keep = i;
      g_strv_builder_add (builder, total->currency);
    }
  codes = g_strv_builder_end (builder);

  /* One chart update for the whole change, not one per list edit. */
  self->filling = TRUE;
  gtk_string_list_splice (self->currencies, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->currencies)),
                          (const char * const *) codes);
  if (codes[0] != NULL)
    gtk_drop_down_set_selected (self->currency_dropdown, keep);
  self->filling = FALSE;
  gtk_widget_set_visible (self->currency_box, g_strv_length (codes) > 1);

  update_chart (self);
}

const char *
ar_aging_view_get_description (ArAgingView *self)
{
  g_return_val_if_fail (AR_IS_AGING_VIEW (self), NULL);
  return self->description;
}

guint
ar_aging_view_get_n_draws (ArAgingView *self)
{
  g_return_val_if_fail (AR_IS_AGING_VIEW (self), 0);
  return self->n_draws;
}

gboolean
ar_aging_view_get_bar_area (ArAgingView     *self,
                            guint            bucket,
                            graphene_rect_t *out_area)
{
  g_return_val_if_fail (AR_IS_AGING_VIEW (self), FALSE);
  g_return_val_if_fail (out_area != NULL, FALSE);

  if (self->chart == NULL || self->chart->bars == NULL)
    return FALSE;
  for (guint i = 0; i < self->chart->bars->len; i++)
    {
      const ArChartBar *bar = &g_array_index (self->chart->bars, ArChartBar, i);

      if (bar->series == bucket)
        {
          graphene_rect_init (out_area, bar->rect.x, bar->rect.y, bar->rect.width,
                              bar->rect.height);
          return TRUE;
        }
    }
  return FALSE;
}

void
ar_aging_view_click (ArAgingView *self,
                     double       x,
                     double       y)
{
  int bucket;

  g_return_if_fail (AR_IS_AGING_VIEW (self));

  bucket = bucket_at (self, x, y);
  if (bucket >= 0)
    g_signal_emit (self, signals[SIGNAL_BUCKET_ACTIVATED], 0, (guint) bucket);
}
