/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <poppler.h>

G_BEGIN_DECLS

/* A PDF page as pixels for a preview: rasterized by poppler in a worker, made into a texture on
 * the main thread (the document dialog's and the plan wizard's previews). */
typedef struct
{
  int     width;
  int     height;
  int     stride;
  GBytes *pixels;     /* cairo ARGB32, premultiplied, native endian */
} ArPageRaster;

void        ar_page_raster_free        (ArPageRaster    *page);
/* Every page of @document at @scale × 72 dpi, on white (poppler draws only the ink), as
 * ArPageRasters; when @cancellable is cancelled, the pages done so far. Any thread. */
GPtrArray  *ar_page_raster_document    (PopplerDocument *document,
                                        double           scale,
                                        GCancellable    *cancellable);
GdkTexture *ar_page_raster_texture     (const ArPageRaster *page);

G_END_DECLS
