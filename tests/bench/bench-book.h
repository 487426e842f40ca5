/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The book the benchmarks share: the demo book of @n_debtors made as of @today, plus a contact
 * log of 0 to 3 calls per debtor (1.5 on average) over the last 400 days, a third of them
 * setting a next action date 7 to 30 days after the call. Deterministic (seeds 1 and 42).
 * Written to @path.partial and renamed to @path when complete; prints how long each part
 * took; aborts on error. The same --dir can serve bench-account-model and bench-queue. */
void bench_make_book (const char *path,
                      guint       n_debtors,
                      guint32     today);

G_END_DECLS
