/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-about"
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ar-about.h"

#define METAINFO_RESOURCE "/io/github/arrears/Arrears/metainfo.xml"

/* What the About window shows, read from the metainfo. Only the untranslated elements are
 * taken (a merged file also has xml:lang copies); they are translated through gettext, where
 * the metainfo's strings are too. */
typedef struct
{
  GPtrArray *path;           /* element names from the root */
  guint      translated;     /* depth of the element with xml:lang we are in, or 0 */
  char      *url_type;       /* of the <url> being read */
  char      *name;
  char      *summary;
  char      *developer;
  char      *homepage;
  char      *bugtracker;
  char      *version;        /* of the first (newest) release */
  GString   *notes;          /* its description, as the markup AdwAboutWindow accepts */
  guint      releases;
} Metainfo;

static gboolean
at (Metainfo   *info,
    const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);

  if (n > info->path->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_str_equal (parts[i], g_ptr_array_index (info->path, i)))
      return FALSE;
  return n == info->path->len;
}

/* Inside the newest release's description (at any depth below it). */
static gboolean
in_notes (Metainfo *info)
{
  return info->releases == 1 && info->path->len > 4
         && g_str_equal (g_ptr_array_index (info->path, 3), "description");
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  Metainfo *info = user_data;

  g_ptr_array_add (info->path, g_strdup (element));
  for (guint i = 0; names[i] != NULL && info->translated == 0; i++)
    if (g_str_equal (names[i], "xml:lang"))
      info->translated = info->path->len;

  if (at (info, "component/releases/release") && info->releases++ == 0)
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "version"))
          info->version = g_strdup (values[i]);
    }
  else if (at (info, "component/url"))
    {
      g_clear_pointer (&info->url_type, g_free);
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "type"))
          info->url_type = g_strdup (values[i]);
    }
  else if (in_notes (info) && info->translated == 0
           && (g_str_equal (element, "p") || g_str_equal (element, "ul")
               || g_str_equal (element, "ol") || g_str_equal (element, "li")))
    g_string_append_printf (info->notes, "<%s>", element);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  Metainfo *info = user_data;

  if (in_notes (info) && info->translated == 0
      && (g_str_equal (element, "p") || g_str_equal (element, "ul")
          || g_str_equal (element, "ol") || g_str_equal (element, "li")))
    g_string_append_printf (info->notes, "</%s>", element);
  if (info->translated == info->path->len)
    info->translated = 0;
  g_ptr_array_set_size (info->path, info->path->len - 1);
}

static void
text (GMarkupParseContext  *context,
      const char           *text,
      gsize                 length,
      gpointer              user_data,
      GError              **error)
{
  Metainfo *info = user_data;
  g_autofree char *value = NULL;

  if (info->translated != 0)
    return;
  value = g_strstrip (g_strndup (text, length));
  if (value[0] == '\0')
    return;
  if (at (info, "component/name") && info->name == NULL)
    info->name = g_steal_pointer (&value);
  else if (at (info, "component/summary") && info->summary == NULL)
    info->summary = g_steal_pointer (&value);
  else if (at (info, "component/developer/name") && info->developer == NULL)
    info->developer = g_steal_pointer (&value);
  else if (at (info, "component/url") && g_strcmp0 (info->url_type, "homepage") == 0
           && info->homepage == NULL)
    info->homepage = g_steal_pointer (&value);
  else if (at (info, "component/url") && g_strcmp0 (info->url_type, "bugtracker") == 0
           && info->bugtracker == NULL)
    info->bugtracker = g_steal_pointer (&value);
  else if (in_notes (info))
    {
      g_autofree char *escaped = g_markup_escape_text (value, -1);

      /* Line breaks inside a paragraph of the XML are spaces in the text. */
      g_strdelimit (escaped, "\n", ' ');
      g_string_append (info->notes, escaped);
    }
}

static void
metainfo_clear (Metainfo *info)
{
  g_clear_pointer (&info->path, g_ptr_array_unref);
  g_clear_pointer (&info->url_type, g_free);
  g_clear_pointer (&info->name, g_free);
  g_clear_pointer (&info->summary, g_free);
  g_clear_pointer (&info->developer, g_free);
  g_clear_pointer (&info->homepage, g_free);
  g_clear_pointer (&info->bugtracker, g_free);
  g_clear_pointer (&info->version, g_free);
  if (info->notes != NULL)
    g_string_free (g_steal_pointer (&info->notes), TRUE);
}

GtkWidget *
ar_about_window_new (GtkWindow *parent)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  const char *developers[] = { NULL, NULL };
  g_autoptr(GBytes) bytes = g_resources_lookup_data (METAINFO_RESOURCE, 0, NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Metainfo info = { 0 };
  GtkWidget *about;
  gsize size;
  const char *data;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  info.path = g_ptr_array_new_with_free_func (g_free);
  info.notes = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, 0, &info, NULL);
  data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;
  if (data == NULL || !g_markup_parse_context_parse (context, data, size, &error)
      || !g_markup_parse_context_end_parse (context, &error))
    g_warning ("Can’t read the metainfo: %s", error != NULL ? error->message : "not found");

  developers[0] = info.developer != NULL ? _(info.developer) : NULL;
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", parent != NULL,
                        "application-name", info.name != NULL ? _(info.name) : _("Arrears"),
                        "application-icon", APP_ID,
                        "developer-name", developers[0],
                        "developers", developers[0] != NULL ? developers : NULL,
                        "version", info.version != NULL ? info.version : PACKAGE_VERSION,
                        "comments", info.summary != NULL ? _(info.summary) : NULL,
                        "website", info.homepage,
                        "issue-url", info.bugtracker,
                        "release-notes", info.notes->str,
                        "release-notes-version", info.version,
                        "copyright", _("© 2026 The Arrears authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  metainfo_clear (&info);
  return about;
}
