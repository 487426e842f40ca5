/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Helpers shared by the test programs. */

/* Deletes @path and everything below it (a test's temporary directory). */
void ar_test_remove_tree (const char *path);

G_END_DECLS
