/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "ar-test-util.h"

void
ar_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        ar_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

gboolean
ar_test_have_tools (const char *first,
                    ...)
{
  va_list args;
  gboolean ok = TRUE;

  va_start (args, first);
  for (const char *tool = first; tool != NULL && ok; tool = va_arg (args, const char *))
    {
      g_autofree char *path = g_find_program_in_path (tool);

      if (path == NULL)
        {
          g_autofree char *msg = g_strdup_printf ("%s is not installed (Debian: poppler-utils, "
                                                  "qpdf)", tool);

          g_test_skip (msg);
          ok = FALSE;
        }
    }
  va_end (args);
  return ok;
}

char *
ar_test_run_tool (const char *first,
                  ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list args;
  int status = 0;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_test_message ("%s failed: %s", first, err);
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}
