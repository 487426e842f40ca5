/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-account-row"
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ar-account-columns.h"
#include "ar-account-row.h"
#include "ar-chart-model.h"
#include "ar-labels.h"

/* Why one drawn widget per row rather than a GtkColumnView of labels. GTK 4.8's list views
 * keep widgets for about 200 rows, and a search or a sort that changes the rows shown throws
 * all of them away and builds new ones: no widget is reused across such a change unless its
 * row is the very same object. A column view row was a row widget, seven cell widgets with a
 * list item each, and seven labels; building and destroying those was most of what a search
 * keystroke cost on screen (bench-window, 100,000 debtors: 64 of 174 ms for "mu" with the
 * labels replaced by empty drawing areas, against 17 ms with one column). A row is now one
 * widget whose height comes from the font (nothing is shaped to measure it) and whose text is
 * laid out only when it is drawn. Its accessible label reads the whole row. */

struct _ArAccountRow
{
  GtkWidget  parent_instance;

  ArAccount *account;    /* owned */
  guint      n_buckets;  /* of the book, for the pill's colour */
};

G_DEFINE_FINAL_TYPE (ArAccountRow, ar_account_row, GTK_TYPE_WIDGET)

/* Above and below the text. */
#define ROW_PADDING 5
/* The bucket pill's padding around its text. */
#define PILL_PADDING_X 8
#define PILL_PADDING_Y 1

/* The height of a line of the widget's font. Pango's metrics for a font come from shaping a
 * sample text each time they are asked for, so the answer is kept for the last font asked
 * about (every row has the same one). Main thread only, like every widget. */
static int
line_height (GtkWidget *widget)
{
  static PangoFontDescription *cached_font;
  static double cached_resolution;
  static int cached_height;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);

  if (cached_font == NULL || resolution != cached_resolution ||
      !pango_font_description_equal (font, cached_font))
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);

      pango_layout_set_text (layout, "Ág", -1);
      pango_layout_get_pixel_size (layout, NULL, &cached_height);
      g_clear_pointer (&cached_font, pango_font_description_free);
      cached_font = pango_font_description_copy (font);
      cached_resolution = resolution;
    }
  return cached_height;
}

static PangoAttrList *
numeric_attributes (void)
{
  static PangoAttrList *attrs;

  if (attrs == NULL)
    {
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum 1"));
    }
  return attrs;
}

static PangoAttrList *
pill_attributes (void)
{
  static PangoAttrList *attrs;

  if (attrs == NULL)
    {
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum 1"));
      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    }
  return attrs;
}

char *
ar_account_row_get_text (ArAccountRow *self,
                         guint         column)
{
  ArAccount *account;
  const char *text = NULL;

  g_return_val_if_fail (AR_IS_ACCOUNT_ROW (self), NULL);

  if ((account = self->account) == NULL)
    return g_strdup ("");
  switch ((ArAccountColumn) column)
    {
    case AR_ACCOUNT_COLUMN_NAME:
      text = ar_account_get_name (account);
      break;
    case AR_ACCOUNT_COLUMN_BALANCE:
      text = ar_account_get_balance_text (account);
      break;
    case AR_ACCOUNT_COLUMN_DAYS:
      if (ar_account_get_days_overdue (account) > 0)
        return g_strdup_printf ("%d", ar_account_get_days_overdue (account));
      break;
    case AR_ACCOUNT_COLUMN_BUCKET:
      if (ar_account_get_bucket (account) >= 0)
        return ar_label_bucket_short (ar_account_get_bucket_label (account));
      break;
    case AR_ACCOUNT_COLUMN_STATUS:
      text = ar_label_debtor_status (ar_account_get_status (account));
      break;
    case AR_ACCOUNT_COLUMN_LAST_CONTACT:
      text = ar_account_get_last_contact (account);
      break;
    case AR_ACCOUNT_COLUMN_NEXT_ACTION:
      text = ar_account_get_next_action (account);
      break;
    case AR_N_ACCOUNT_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
  return g_strdup (text != NULL ? text : "");
}

/* The row read out as one sentence of its columns, for screen readers. */
static char *
describe (ArAccountRow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    {
      g_autofree char *value = ar_account_row_get_text (self, c);

      if (value[0] == '\0')
        continue;
      if (text->len > 0)
        /* Translators: between the columns of an account list row read by a screen reader. */
        g_string_append (text, _(", "));
      if (c == AR_ACCOUNT_COLUMN_NAME)
        g_string_append (text, value);
      else
        /* Translators: a column of an account list row read by a screen reader: "Balance:
         * €1,200.00". */
        g_string_append_printf (text, _("%s: %s"), ar_account_column_title (c), value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
append_text (ArAccountRow              *self,
             GtkSnapshot               *snapshot,
             PangoLayout               *layout,
             const ArAccountColumnSlot *slot,
             const char                *text,
             gboolean                   numeric,
             gboolean                   align_end,
             const GdkRGBA             *color)
{
  int width = slot->width - 2 * AR_ACCOUNT_CELL_PADDING, height;

  if (text[0] == '\0' || width <= 0)
    return;
  pango_layout_set_attributes (layout, numeric ? numeric_attributes () : NULL);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_alignment (layout, align_end ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, NULL, &height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (slot->x + AR_ACCOUNT_CELL_PADDING,
                                                (gtk_widget_get_height (GTK_WIDGET (self)) -
                                                 height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The bucket as a pill in the colour the aging chart gives it (render/ar-chart-model.c), so
 * that the list and the chart agree in either style. */
static void
append_pill (ArAccountRow              *self,
             GtkSnapshot               *snapshot,
             PangoLayout               *layout,
             const ArAccountColumnSlot *slot)
{
  int bucket = ar_account_get_bucket (self->account);
  g_autofree char *text = ar_account_row_get_text (self, AR_ACCOUNT_COLUMN_BUCKET);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const ArChartPalette *palette = ar_chart_palette_get (dark ? AR_CHART_THEME_DARK
                                                             : AR_CHART_THEME_LIGHT);
  ArChartColor fill;
  GdkRGBA background, foreground;
  graphene_rect_t bounds;
  GskRoundedRect pill;
  int width, height, room = slot->width - 2 * AR_ACCOUNT_CELL_PADDING;

  if (bucket < 0 || text[0] == '\0' || room <= 2 * PILL_PADDING_X)
    return;
  fill = ar_chart_palette_series (palette, (guint) bucket, MAX (self->n_buckets, 1));
  background = (GdkRGBA) { fill.r, fill.g, fill.b, 1 };
  /* Black text on the light colours of the ramp, white on the dark ones (WCAG's relative
   * luminance, with the threshold where both contrasts are equal). */
  foreground = 0.2126 * fill.r + 0.7152 * fill.g + 0.0722 * fill.b > 0.179
                 ? (GdkRGBA) { 0, 0, 0, 1 } : (GdkRGBA) { 1, 1, 1, 1 };

  pango_layout_set_attributes (layout, pill_attributes ());
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (room - 2 * PILL_PADDING_X) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, &width, &height);

  graphene_rect_init (&bounds,
                      gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL
                        ? slot->x + slot->width - AR_ACCOUNT_CELL_PADDING - width
                            - 2 * PILL_PADDING_X
                        : slot->x + AR_ACCOUNT_CELL_PADDING,
                      (gtk_widget_get_height (GTK_WIDGET (self)) - height) / 2 - PILL_PADDING_Y,
                      width + 2 * PILL_PADDING_X, height + 2 * PILL_PADDING_Y);
  gsk_rounded_rect_init_from_rect (&pill, &bounds, bounds.size.height / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &pill);
  gtk_snapshot_append_color (snapshot, &background, &bounds);
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (bounds.origin.x + PILL_PADDING_X,
                                                          bounds.origin.y + PILL_PADDING_Y));
  gtk_snapshot_append_layout (snapshot, layout, &foreground);
  gtk_snapshot_restore (snapshot);
}

static void
ar_account_row_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  ArAccountRow *self = AR_ACCOUNT_ROW (widget);
  ArAccountColumnSlot slots[AR_N_ACCOUNT_COLUMNS];
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA color;

  if (self->account == NULL)
    return;
  ar_account_columns_layout (gtk_widget_get_width (widget),
                             gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL, slots);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  layout = gtk_widget_create_pango_layout (widget, NULL);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    {
      g_autofree char *text = NULL;

      if (!slots[c].visible)
        continue;
      if (c == AR_ACCOUNT_COLUMN_BUCKET)
        {
          append_pill (self, snapshot, layout, &slots[c]);
          continue;
        }
      text = ar_account_row_get_text (self, c);
      append_text (self, snapshot, layout, &slots[c], text, ar_account_column_is_numeric (c),
                   ar_account_column_aligns_end (c), &color);
    }
}

static void
ar_account_row_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = ar_account_columns_min_width ();
      *natural = ar_account_columns_natural_width ();
    }
  else
    *minimum = *natural = line_height (widget) + 2 * ROW_PADDING;
}

/* The full name of a debtor whose name the column cuts short. */
static gboolean
ar_account_row_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  ArAccountRow *self = AR_ACCOUNT_ROW (widget);
  ArAccountColumnSlot slots[AR_N_ACCOUNT_COLUMNS];
  const ArAccountColumnSlot *name = &slots[AR_ACCOUNT_COLUMN_NAME];
  g_autoptr(PangoLayout) layout = NULL;
  const char *text;
  int width;

  if (self->account == NULL || (text = ar_account_get_name (self->account)) == NULL ||
      text[0] == '\0')
    return FALSE;
  ar_account_columns_layout (gtk_widget_get_width (widget),
                             gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL, slots);
  if (!keyboard_mode && (x < name->x || x >= name->x + name->width))
    return FALSE;
  layout = gtk_widget_create_pango_layout (widget, text);
  pango_layout_get_pixel_size (layout, &width, NULL);
  if (width <= name->width - 2 * AR_ACCOUNT_CELL_PADDING)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
ar_account_row_dispose (GObject *object)
{
  ArAccountRow *self = (ArAccountRow *) object;

  g_clear_object (&self->account);
  G_OBJECT_CLASS (ar_account_row_parent_class)->dispose (object);
}

static void
ar_account_row_class_init (ArAccountRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_account_row_dispose;
  widget_class->snapshot = ar_account_row_snapshot;
  widget_class->measure = ar_account_row_measure;
  widget_class->query_tooltip = ar_account_row_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "accountrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
ar_account_row_init (ArAccountRow *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
ar_account_row_new (void)
{
  return g_object_new (AR_TYPE_ACCOUNT_ROW, NULL);
}

void
ar_account_row_set_account (ArAccountRow *self,
                            ArAccount    *account,
                            guint         n_buckets)
{
  g_autofree char *label = NULL;

  g_return_if_fail (AR_IS_ACCOUNT_ROW (self));
  g_return_if_fail (account == NULL || AR_IS_ACCOUNT (account));

  /* GTK 4.8 binds every row again after a change; the same account draws the same. */
  if (self->account == account && self->n_buckets == n_buckets)
    return;
  g_set_object (&self->account, account);
  self->n_buckets = n_buckets;
  label = account != NULL ? describe (self) : g_strdup ("");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

ArAccount *
ar_account_row_get_account (ArAccountRow *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_ROW (self), NULL);
  return self->account;
}
