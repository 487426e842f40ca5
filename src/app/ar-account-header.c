/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-account-header"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-account-header.h"

/* Buttons rather than GtkColumnView's headers: those can't take the keyboard focus in GTK 4.8,
 * so sorting was for the mouse only. */

struct _ArAccountHeader
{
  GtkWidget      parent_instance;

  GtkWidget     *buttons[AR_N_ACCOUNT_COLUMNS];
  GtkWidget     *arrows[AR_N_ACCOUNT_COLUMNS];
  int            sorted_column;  /* the one with the arrow, or -1 */
  gboolean       descending;
};

G_DEFINE_FINAL_TYPE (ArAccountHeader, ar_account_header, GTK_TYPE_WIDGET)

enum { SIGNAL_SORT_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_button_clicked_cb (GtkButton       *button,
                      ArAccountHeader *self)
{
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "ar-column"));

  g_signal_emit (self, signals[SIGNAL_SORT_REQUESTED], 0, column,
                 column == self->sorted_column ? !self->descending : FALSE);
}

static void
ar_account_header_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  ArAccountHeader *self = AR_ACCOUNT_HEADER (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = ar_account_columns_min_width ();
      *natural = ar_account_columns_natural_width ();
      return;
    }
  *minimum = *natural = 0;
  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    {
      int child_min, child_nat;

      gtk_widget_measure (self->buttons[c], orientation, -1, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
ar_account_header_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  ArAccountHeader *self = AR_ACCOUNT_HEADER (widget);
  ArAccountColumnSlot slots[AR_N_ACCOUNT_COLUMNS];

  ar_account_columns_layout (width, gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL,
                             slots);
  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    {
      int min_width = 0;

      gtk_widget_set_child_visible (self->buttons[c], slots[c].visible);
      if (!slots[c].visible)
        continue;
      /* GTK measures a child before it is allocated; a column is never narrower than its
       * button can be (the labels ellipsize). */
      gtk_widget_measure (self->buttons[c], GTK_ORIENTATION_HORIZONTAL, height, &min_width, NULL,
                          NULL, NULL);
      gtk_widget_size_allocate (self->buttons[c],
                                &(GtkAllocation) { slots[c].x, 0,
                                                   MAX (slots[c].width, min_width), height },
                                -1);
    }
}

static void
ar_account_header_dispose (GObject *object)
{
  ArAccountHeader *self = (ArAccountHeader *) object;

  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    g_clear_pointer (&self->buttons[c], gtk_widget_unparent);
  G_OBJECT_CLASS (ar_account_header_parent_class)->dispose (object);
}

static void
ar_account_header_class_init (ArAccountHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_account_header_dispose;
  widget_class->measure = ar_account_header_measure;
  widget_class->size_allocate = ar_account_header_size_allocate;

  /**
   * ArAccountHeader::sort-requested:
   * @column: the #ArAccountColumn clicked
   * @descending: the direction asked for
   */
  signals[SIGNAL_SORT_REQUESTED] =
    g_signal_new ("sort-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_BOOLEAN);

  gtk_widget_class_set_css_name (widget_class, "accountheader");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ar_account_header_init (ArAccountHeader *self)
{
  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    {
      const char *title = ar_account_column_title (c);
      gboolean numeric = ar_account_column_aligns_end (c);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *label = gtk_label_new (title);
      g_autofree char *tooltip = NULL;

      /* Titles line up with their column's text: the amounts and the days to the end (GtkLabel
       * mirrors xalign right to left). */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0f : 0.0f);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      self->arrows[c] = gtk_image_new ();
      gtk_widget_set_visible (self->arrows[c], FALSE);
      gtk_box_append (GTK_BOX (box), self->arrows[c]);

      self->buttons[c] = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (self->buttons[c]), box);
      gtk_widget_add_css_class (self->buttons[c], "flat");
      gtk_widget_add_css_class (self->buttons[c], "account-header-button");
      /* Translators: the tooltip of an account list column header; %s is its title. */
      tooltip = g_strdup_printf (_("Sort by %s"), title);
      gtk_widget_set_tooltip_text (self->buttons[c], tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->buttons[c]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                      GTK_ACCESSIBLE_PROPERTY_SORT, GTK_ACCESSIBLE_SORT_NONE,
                                      -1);
      g_object_set_data (G_OBJECT (self->buttons[c]), "ar-column", GINT_TO_POINTER ((int) c));
      g_signal_connect (self->buttons[c], "clicked", G_CALLBACK (on_button_clicked_cb), self);
      gtk_widget_set_parent (self->buttons[c], GTK_WIDGET (self));
    }
  self->sorted_column = -1;
}

GtkWidget *
ar_account_header_new (void)
{
  return g_object_new (AR_TYPE_ACCOUNT_HEADER, NULL);
}

/* Shows the sort with an arrow on the header of @column (-1: none, for a sort no column shows,
 * the external id). */
void
ar_account_header_set_sort (ArAccountHeader *self,
                            int              column,
                            gboolean         descending)
{
  g_return_if_fail (AR_IS_ACCOUNT_HEADER (self));
  g_return_if_fail (column >= -1 && column < AR_N_ACCOUNT_COLUMNS);

  self->sorted_column = column;
  self->descending = descending;
  for (guint c = 0; c < AR_N_ACCOUNT_COLUMNS; c++)
    {
      gboolean sorted = (int) c == column;

      gtk_widget_set_visible (self->arrows[c], sorted);
      if (sorted)
        gtk_image_set_from_icon_name (GTK_IMAGE (self->arrows[c]),
                                      descending ? "pan-down-symbolic" : "pan-up-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->buttons[c]),
                                      GTK_ACCESSIBLE_PROPERTY_SORT,
                                      !sorted ? GTK_ACCESSIBLE_SORT_NONE
                                      : descending ? GTK_ACCESSIBLE_SORT_DESCENDING
                                                   : GTK_ACCESSIBLE_SORT_ASCENDING,
                                      -1);
    }
}

GtkWidget *
ar_account_header_get_button (ArAccountHeader *self,
                              ArAccountColumn  column)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_HEADER (self), NULL);
  g_return_val_if_fail (column < AR_N_ACCOUNT_COLUMNS, NULL);
  return self->buttons[column];
}

/* The column with the arrow, or -1. */
int
ar_account_header_get_sort (ArAccountHeader *self,
                            gboolean        *descending)
{
  g_return_val_if_fail (AR_IS_ACCOUNT_HEADER (self), -1);
  if (descending != NULL)
    *descending = self->descending;
  return self->sorted_column;
}
