/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "ar-ui-test.h"

typedef ArUiCondition Condition;

typedef struct
{
  GtkWidget *widget;
  int        width;
  int        height;
} Size;

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
ar_ui_iterate_for (guint ms)
{
  gboolean done = FALSE;
  guint id = g_timeout_add (ms, timeout_cb, &done);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  (void) id;
}

void
ar_ui_wait_for (Condition   condition,
                gpointer    data,
                const char *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (id);
}

static gboolean
has_size (gpointer data)
{
  Size *size = data;

  return gtk_widget_get_mapped (size->widget)
         && gtk_widget_get_width (size->widget) == size->width
         && gtk_widget_get_height (size->widget) == size->height;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* Shows @win with its widget (what a screenshot shows) @width × @height. The default size
 * counts the client-side decorations' invisible resize borders too, so the first size is
 * corrected by the difference. */
void
ar_ui_present_at (GtkWindow *win,
                  int        width,
                  int        height)
{
  Size size = { GTK_WIDGET (win), width, height };

  gtk_window_set_default_size (GTK_WINDOW (win), width, height);
  gtk_window_present (GTK_WINDOW (win));
  ar_ui_wait_for (is_mapped, win, "the window to map");
  if (!has_size (&size))
    {
      int extra_w = width - gtk_widget_get_width (GTK_WIDGET (win));
      int extra_h = height - gtk_widget_get_height (GTK_WIDGET (win));

      g_test_message ("window %d×%d for %d×%d", gtk_widget_get_width (GTK_WIDGET (win)),
                      gtk_widget_get_height (GTK_WIDGET (win)), width, height);
      gtk_window_set_default_size (GTK_WINDOW (win), width + extra_w, height + extra_h);
    }
  if (!has_size (&size))
    {
      int min_w, min_h;

      /* Say why when the content can't shrink that far: a failure names the minimum. */
      gtk_widget_measure (GTK_WIDGET (win), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL,
                          NULL);
      gtk_widget_measure (GTK_WIDGET (win), GTK_ORIENTATION_VERTICAL, -1, &min_h, NULL, NULL,
                          NULL);
      g_test_message ("asked %d×%d; the window's content needs at least %d×%d", width, height,
                      min_w, min_h);
    }
  ar_ui_wait_for (has_size, &size, "the window to take its size");
}

void
ar_ui_save_screenshot (GtkWidget  *widget,
                       const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}
