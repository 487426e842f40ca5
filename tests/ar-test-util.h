/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Helpers shared by the test programs. */

/* Deletes @path and everything below it (a test's temporary directory). */
void      ar_test_remove_tree (const char *path);

/* TRUE when every tool named (NULL-terminated) is on the PATH; otherwise skips the test case
 * with a message naming the missing tool and its Debian packages, and returns FALSE. */
gboolean  ar_test_have_tools  (const char *first,
                               ...) G_GNUC_NULL_TERMINATED;

/* Runs a tool (NULL-terminated argument list, looked up on the PATH), asserts that it exits
 * with status 0, and returns its standard output. */
char     *ar_test_run_tool    (const char *first,
                               ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
