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
#include "ar-aging-trend.h"
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
  GtkDrawingArea *trend_area;
  GtkMenuButton  *date_button;
  GtkPopover     *date_popover;
  GtkCalendar    *calendar;
  GtkWidget      *spinner;

  ArLedger       *ledger;   /* owned */
  ArAgingReport  *report;   /* owned */
  ArAgingTrend   *trend;    /* owned; the shown currency's */
  ArChartModel   *chart;    /* owned; the shown currency's */
  ArChartModel   *trend_chart;
  char           *description;
  char           *trend_description;
  char           *currency; /* the shown currency; NULL until the first report */
  guint32         as_of;    /* Julian day; 0 = today, whatever day that is when computed */
  GCancellable   *cancellable;   /* the computation under way */
  guint           n_draws;
  guint           n_trend_draws;
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

  const ArChartPalette *palette = ar_chart_palette_get (dark ? AR_CHART_THEME_DARK
                                                              : AR_CHART_THEME_LIGHT);

  if (self->chart != NULL)
    ar_chart_model_set_palette (self->chart, palette);
  if (self->trend_chart != NULL)
    ar_chart_model_set_palette (self->trend_chart, palette);
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

static void
draw_trend (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  ArAgingView *self = user_data;

  if (self->trend_chart == NULL)
    return;
  self->n_trend_draws++;
  ar_chart_cairo_paint (self->trend_chart, cr, width, height);
}

static guint32
today_julian (void)
{
  GDate today;

  ar_date_set_today (&today);
  return ar_date_to_julian (&today);
}

/* The as-of day in effect: the chosen one, or today. */
static guint32
effective_as_of (ArAgingView *self)
{
  return self->as_of != 0 ? self->as_of : today_julian ();
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

/* The shown report's day is today: only then does a bar's bucket match the account list's
 * buckets, which are always as of today. */
static gboolean
shows_today (ArAgingView *self)
{
  return self->report != NULL && self->report->as_of == today_julian ();
}

static void
update_descriptions (ArAgingView *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description != NULL ? self->description : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->trend_area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->trend_description != NULL ? self->trend_description : "",
                                  -1);
  /* Say what a click does, and why it does nothing on a past day. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->chart_area),
                               self->report == NULL ? NULL
                               : shows_today (self)
                               ? _("Click a bar to list its debtors")
                               : _("Bars list their debtors only in today’s aging: the account "
                                   "list’s buckets are as of today"));
}

/* Builds the bar chart of the shown currency from the report in hand. */
static void
update_chart (ArAgingView *self)
{
  g_clear_pointer (&self->chart, ar_chart_model_free);
  g_clear_pointer (&self->description, g_free);

  if (self->report != NULL && self->currency != NULL)
    {
      self->chart = ar_chart_model_new_aging_report (self->report, self->currency);
      apply_palette (self);
      self->description = ar_chart_model_describe (self->chart);
    }
  update_descriptions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

static void
update_trend_chart (ArAgingView *self)
{
  g_clear_pointer (&self->trend_chart, ar_chart_model_free);
  g_clear_pointer (&self->trend_description, g_free);

  if (self->trend != NULL)
    {
      self->trend_chart = ar_chart_model_new_trend (self->trend);
      apply_palette (self);
      self->trend_description = ar_chart_model_describe (self->trend_chart);
    }
  update_descriptions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->trend_area));
}

static void
update_date_button (ArAgingView *self)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;
  GDate date;

  ar_date_from_julian (effective_as_of (self), &date);
  dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  /* TRANSLATORS: the as-of day on the aging view's date button; see g_date_time_format(). */
  text = g_date_time_format (dt, _("%-d %b %Y"));
  if (self->as_of == 0)
    {
      /* TRANSLATORS: the date button when the aging is as of today; %s is the date. */
      g_autofree char *today = g_strdup_printf (_("Today, %s"), text);

      gtk_menu_button_set_label (self->date_button, today);
    }
  else
    gtk_menu_button_set_label (self->date_button, text);
}

/* The computation of one as-of day, in a worker. */
typedef struct
{
  char    *path;
  guint32  as_of;
  char    *currency;   /* the one wanted; NULL: the first in the report */
  gboolean trend;      /* the second pass: the trend of @currency */
} AgingJob;

typedef struct
{
  ArAgingReport *report;
  ArAgingTrend  *trend;
  char          *currency;
} AgingResult;

static void
aging_job_free (AgingJob *job)
{
  g_free (job->path);
  g_free (job->currency);
  g_free (job);
}

static void
aging_result_free (AgingResult *result)
{
  g_clear_pointer (&result->report, ar_aging_report_free);
  g_clear_pointer (&result->trend, ar_aging_trend_free);
  g_free (result->currency);
  g_free (result);
}

/* The window's ledger belongs to the main thread: the worker reads through its own. A past
 * day's aging of a large book takes a third of a second, its twelve month-ends several
 * seconds: the first pass computes the aging, which is shown at once, the second the trend. */
static void
aging_worker (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AgingJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ArLedger) ledger = NULL;
  AgingResult *result;
  ArAgingConfig config;

  if (g_task_return_error_if_cancelled (task))
    return;
  if ((ledger = ar_ledger_open (job->path, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!ar_aging_config_load (&config, ledger, &error))
    {
      g_warning ("Can’t read the aging buckets: %s", error->message);
      g_clear_error (&error);
      ar_aging_config_init_default (&config);
    }
  result = g_new0 (AgingResult, 1);
  if (job->trend)
    {
      result->currency = g_strdup (job->currency);
      result->trend = ar_aging_trend_compute (ledger, job->as_of, &config, job->currency, 12,
                                              &error);
      if (result->trend == NULL)
        {
          aging_result_free (result);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_task_return_pointer (task, result, (GDestroyNotify) aging_result_free);
      return;
    }
  result->report = ar_aging_report_compute (ledger, job->as_of, &config, &error);
  if (result->report == NULL)
    {
      aging_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < result->report->totals->len && result->currency == NULL; i++)
    if (g_strcmp0 (job->currency,
                   g_array_index (result->report->totals, ArAgingTotal, i).currency) == 0)
      result->currency = g_strdup (job->currency);
  if (result->currency == NULL && result->report->totals->len > 0)
    result->currency = g_strdup (g_array_index (result->report->totals, ArAgingTotal, 0).currency);
  /* A book with nothing open has no currency in its report: the charts' empty state. */
  if (result->currency == NULL)
    result->currency = fallback_currency (ledger);
  g_task_return_pointer (task, result, (GDestroyNotify) aging_result_free);
}

static void
set_computing (ArAgingView *self,
               gboolean     computing)
{
  gtk_widget_set_visible (self->spinner, computing);
}

static void start_pass (ArAgingView *self,
                        guint32      as_of,
                        gboolean     trend);

static void
aging_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(ArAgingView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  AgingResult *result;
  guint keep = 0;

  AgingJob *job = g_task_get_task_data (G_TASK (res));
  guint32 as_of = job->as_of;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer computation replaced it */
  if (result == NULL || job->trend)
    {
      g_clear_object (&self->cancellable);
      set_computing (self, FALSE);
    }
  if (result == NULL)
    {
      g_warning (job->trend ? "Can’t compute the aging trend: %s"
                            : "Can’t compute the aging: %s", error->message);
      return;
    }
  if (job->trend)
    {
      g_clear_pointer (&self->trend, ar_aging_trend_free);
      self->trend = g_steal_pointer (&result->trend);
      aging_result_free (result);
      update_trend_chart (self);
      return;
    }

  g_clear_pointer (&self->report, ar_aging_report_free);
  g_free (self->currency);
  self->report = g_steal_pointer (&result->report);
  self->currency = g_steal_pointer (&result->currency);
  aging_result_free (result);

  for (guint i = 0; i < self->report->totals->len; i++)
    {
      const ArAgingTotal *total = &g_array_index (self->report->totals, ArAgingTotal, i);

      if (g_strcmp0 (self->currency, total->currency) == 0)
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
  start_pass (self, as_of, TRUE);
}

/* One pass of the computation in a worker, under self->cancellable. */
static void
start_pass (ArAgingView *self,
            guint32      as_of,
            gboolean     trend)
{
  g_autoptr(GTask) task = NULL;
  AgingJob *job = g_new0 (AgingJob, 1);

  job->path = g_strdup (ar_ledger_get_path (self->ledger));
  job->as_of = as_of;
  job->currency = g_strdup (self->currency);
  job->trend = trend;
  task = g_task_new (NULL, self->cancellable, aging_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_pass);
  g_task_set_task_data (task, job, (GDestroyNotify) aging_job_free);
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, aging_worker);
}

/* Computes the aging of the chosen day, then (@trend_only: only) its trend, in a worker; the
 * charts in view stay until the new ones are ready. */
static void
start_compute (ArAgingView *self,
               gboolean     trend_only)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->ledger == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  set_computing (self, TRUE);
  start_pass (self, trend_only && self->report != NULL ? self->report->as_of
                                                       : effective_as_of (self),
              trend_only && self->report != NULL);
}

static void
on_selected_changed_cb (ArAgingView *self)
{
  guint selected = gtk_drop_down_get_selected (self->currency_dropdown);

  if (self->filling || selected == GTK_INVALID_LIST_POSITION)
    return;
  g_free (self->currency);
  self->currency = g_strdup (gtk_string_list_get_string (self->currencies, selected));
  /* The bars are in the report already; the trend is another currency's, computed anew. */
  update_chart (self);
  /* A computation under way may be of another day: it starts again, whole. */
  start_compute (self, self->cancellable == NULL);
}

static void
on_date_popover_show_cb (ArAgingView *self)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  ar_date_from_julian (effective_as_of (self), &date);
  dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  self->filling = TRUE;
  gtk_calendar_select_day (self->calendar, dt);
  self->filling = FALSE;
}

static void
on_day_selected_cb (ArAgingView *self)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;
  guint32 day;

  if (self->filling)
    return;
  dt = gtk_calendar_get_date (self->calendar);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  day = ar_date_to_julian (&date);
  /* Today chosen on the calendar is "today", which follows the clock. */
  ar_aging_view_set_as_of (self, day == today_julian () ? 0 : day);
}

static void
on_today_clicked_cb (ArAgingView *self)
{
  ar_aging_view_set_as_of (self, 0);
  gtk_popover_popdown (self->date_popover);
}

static void
on_dark_changed_cb (ArAgingView *self)
{
  apply_palette (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
  gtk_widget_queue_draw (GTK_WIDGET (self->trend_area));
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
  /* The account list's buckets are today's: a past day's bar would list other debtors. */
  if (!shows_today (self))
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

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AR_TYPE_AGING_VIEW);
  /* The template's root box is no bound child, so it is not unparented for us. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->report, ar_aging_report_free);
  g_clear_pointer (&self->trend, ar_aging_trend_free);
  g_clear_pointer (&self->chart, ar_chart_model_free);
  g_clear_pointer (&self->trend_chart, ar_chart_model_free);

  G_OBJECT_CLASS (ar_aging_view_parent_class)->dispose (object);
}

static void
ar_aging_view_finalize (GObject *object)
{
  ArAgingView *self = (ArAgingView *) object;

  g_free (self->description);
  g_free (self->trend_description);
  g_free (self->currency);
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
  gtk_widget_class_bind_template_child (widget_class, ArAgingView, trend_area);
  gtk_widget_class_bind_template_child (widget_class, ArAgingView, date_button);
  gtk_widget_class_bind_template_child (widget_class, ArAgingView, date_popover);
  gtk_widget_class_bind_template_child (widget_class, ArAgingView, calendar);
  gtk_widget_class_bind_template_child (widget_class, ArAgingView, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_today_clicked_cb);
}

static void
ar_aging_view_init (ArAgingView *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart, self, NULL);
  gtk_drawing_area_set_draw_func (self->trend_area, draw_trend, self, NULL);
  update_date_button (self);
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
  g_return_if_fail (AR_IS_AGING_VIEW (self));

  /* The whole book's aging waits until the view is shown. */
  if (self->ledger != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  update_date_button (self);

  if (self->ledger == NULL)
    {
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      set_computing (self, FALSE);
      g_clear_pointer (&self->report, ar_aging_report_free);
      g_clear_pointer (&self->trend, ar_aging_trend_free);
      g_clear_pointer (&self->currency, g_free);
      self->filling = TRUE;
      gtk_string_list_splice (self->currencies, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->currencies)), NULL);
      self->filling = FALSE;
      gtk_widget_set_visible (self->currency_box, FALSE);
      update_chart (self);
      update_trend_chart (self);
      return;
    }
  start_compute (self, FALSE);
}

guint32
ar_aging_view_get_as_of (ArAgingView *self)
{
  g_return_val_if_fail (AR_IS_AGING_VIEW (self), 0);
  return self->as_of;
}

void
ar_aging_view_set_as_of (ArAgingView *self,
                         guint32      as_of)
{
  g_return_if_fail (AR_IS_AGING_VIEW (self));

  if (self->as_of == as_of)
    return;
  self->as_of = as_of;
  update_date_button (self);
  ar_aging_view_reload (self);
}

gboolean
ar_aging_view_get_computing (ArAgingView *self)
{
  g_return_val_if_fail (AR_IS_AGING_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

guint32
ar_aging_view_get_shown_as_of (ArAgingView *self)
{
  g_return_val_if_fail (AR_IS_AGING_VIEW (self), 0);
  return self->report != NULL ? self->report->as_of : 0;
}

const char *
ar_aging_view_get_trend_description (ArAgingView *self)
{
  g_return_val_if_fail (AR_IS_AGING_VIEW (self), NULL);
  return self->trend_description;
}

guint
ar_aging_view_get_n_trend_points (ArAgingView *self)
{
  g_return_val_if_fail (AR_IS_AGING_VIEW (self), 0);
  return self->trend_chart != NULL ? self->trend_chart->n_columns : 0;
}

guint
ar_aging_view_get_n_trend_draws (ArAgingView *self)
{
  g_return_val_if_fail (AR_IS_AGING_VIEW (self), 0);
  return self->n_trend_draws;
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
