/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-column-sorter"
#include "config.h"

#include "ar-column-sorter.h"

struct _ArColumnSorter
{
  GtkSorter     parent_instance;
  ArAccountSort key;
};

G_DEFINE_FINAL_TYPE (ArColumnSorter, ar_column_sorter, GTK_TYPE_SORTER)

G_DEFINE_ENUM_TYPE (ArColumnSortKey, ar_column_sort_key,
  G_DEFINE_ENUM_VALUE (AR_ACCOUNT_SORT_NAME, "name"),
  G_DEFINE_ENUM_VALUE (AR_ACCOUNT_SORT_BALANCE, "balance"),
  G_DEFINE_ENUM_VALUE (AR_ACCOUNT_SORT_DAYS_OVERDUE, "days-overdue"),
  G_DEFINE_ENUM_VALUE (AR_ACCOUNT_SORT_STATUS, "status"),
  G_DEFINE_ENUM_VALUE (AR_ACCOUNT_SORT_LAST_CONTACT, "last-contact"),
  G_DEFINE_ENUM_VALUE (AR_ACCOUNT_SORT_NEXT_ACTION, "next-action"),
  G_DEFINE_ENUM_VALUE (AR_ACCOUNT_SORT_EXTERNAL_ID, "external-id"))

enum { PROP_0, PROP_KEY, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* Marks the two objects ar_column_sorter_probe() passes in; the answer goes on the first. */
static GQuark probe_quark;
static GQuark answer_quark;

static GtkOrdering
ar_column_sorter_compare (GtkSorter *sorter,
                          gpointer   item1,
                          gpointer   item2)
{
  ArColumnSorter *self = AR_COLUMN_SORTER (sorter);

  if (g_object_get_qdata (item1, probe_quark) == NULL)
    return GTK_ORDERING_EQUAL;   /* not a probe: the rows are already in SQL order */

  g_object_set_qdata (item1, answer_quark, self);
  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
ar_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_NONE;
}

static void
ar_column_sorter_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ArColumnSorter *self = AR_COLUMN_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_enum (value, self->key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_column_sorter_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ArColumnSorter *self = AR_COLUMN_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_column_sorter_class_init (ArColumnSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->get_property = ar_column_sorter_get_property;
  object_class->set_property = ar_column_sorter_set_property;
  sorter_class->compare = ar_column_sorter_compare;
  sorter_class->get_order = ar_column_sorter_get_order;

  properties[PROP_KEY] =
    g_param_spec_enum ("key", NULL, NULL, AR_TYPE_COLUMN_SORT_KEY, AR_ACCOUNT_SORT_NAME,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  probe_quark = g_quark_from_static_string ("ar-column-sorter-probe");
  answer_quark = g_quark_from_static_string ("ar-column-sorter-answer");
}

static void
ar_column_sorter_init (ArColumnSorter *self)
{
}

GtkSorter *
ar_column_sorter_new (ArAccountSort key)
{
  return g_object_new (AR_TYPE_COLUMN_SORTER, "key", key, NULL);
}

ArAccountSort
ar_column_sorter_get_key (ArColumnSorter *self)
{
  g_return_val_if_fail (AR_IS_COLUMN_SORTER (self), AR_ACCOUNT_SORT_NAME);
  return self->key;
}

/* The column sorter that sorts @view_sorter first, and whether the view inverts it. */
static ArColumnSorter *
probe (GtkSorter *view_sorter,
       gboolean  *out_descending)
{
  g_autoptr(GObject) a = NULL;
  g_autoptr(GObject) b = NULL;
  ArColumnSorter *answer;
  GtkOrdering order;

  /* The quarks are set in class_init. */
  g_type_ensure (AR_TYPE_COLUMN_SORTER);

  a = g_object_new (G_TYPE_OBJECT, NULL);
  b = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_qdata (a, probe_quark, GINT_TO_POINTER (1));
  g_object_set_qdata (b, probe_quark, GINT_TO_POINTER (1));

  order = gtk_sorter_compare (view_sorter, a, b);
  /* Whether the view inverts the answer or swaps the items for a descending column, the
   * column that answered left itself on one of them. */
  answer = g_object_get_qdata (a, answer_quark);
  if (answer == NULL)
    answer = g_object_get_qdata (b, answer_quark);
  if (order == GTK_ORDERING_EQUAL || answer == NULL)
    return NULL;

  if (out_descending != NULL)
    *out_descending = order == GTK_ORDERING_LARGER;
  return answer;
}

gboolean
ar_column_sorter_probe (GtkSorter     *view_sorter,
                        ArAccountSort *out_key,
                        gboolean      *out_descending)
{
  ArColumnSorter *answer;

  g_return_val_if_fail (GTK_IS_SORTER (view_sorter), FALSE);

  answer = probe (view_sorter, out_descending);
  if (answer == NULL)
    return FALSE;
  if (out_key != NULL)
    *out_key = answer->key;
  return TRUE;
}

GtkColumnViewColumn *
ar_column_sorter_probe_column (GtkColumnView *view,
                               gboolean      *out_descending)
{
  ArColumnSorter *answer;
  GListModel *columns;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);

  answer = probe (gtk_column_view_get_sorter (view), out_descending);
  if (answer == NULL)
    return NULL;

  /* Two columns may sort by the same key (Bucket and Days Overdue), so the column is found
   * by its sorter, not by the key. */
  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_sorter (column) == GTK_SORTER (answer))
        return column;
    }
  return NULL;
}
