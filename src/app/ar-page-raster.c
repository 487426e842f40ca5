/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-page-raster"
#include "config.h"

#include "ar-page-raster.h"

void
ar_page_raster_free (ArPageRaster *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->pixels, g_bytes_unref);
  g_free (page);
}

GPtrArray *
ar_page_raster_document (PopplerDocument *document,
                         double           scale,
                         GCancellable    *cancellable)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) ar_page_raster_free);

  g_return_val_if_fail (POPPLER_IS_DOCUMENT (document), pages);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page;
      ArPageRaster *raster;
      cairo_surface_t *surface;
      cairo_t *cr;
      double w, h;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      /* Poppler 22.12 has no g_autoptr for its types. */
      page = poppler_document_get_page (document, i);
      raster = g_new0 (ArPageRaster, 1);
      poppler_page_get_size (page, &w, &h);
      raster->width = (int) (w * scale + 0.5);
      raster->height = (int) (h * scale + 0.5);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, raster->width, raster->height);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      poppler_page_render (page, cr);
      cairo_destroy (cr);
      g_object_unref (page);
      cairo_surface_flush (surface);
      raster->stride = cairo_image_surface_get_stride (surface);
      raster->pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                                    (gsize) raster->stride * raster->height);
      cairo_surface_destroy (surface);
      g_ptr_array_add (pages, raster);
    }
  return pages;
}

GdkTexture *
ar_page_raster_texture (const ArPageRaster *page)
{
  g_return_val_if_fail (page != NULL, NULL);

  return gdk_memory_texture_new (page->width, page->height, GDK_MEMORY_DEFAULT, page->pixels,
                                 page->stride);
}
