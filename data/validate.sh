#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Arrears authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# validate.sh TOOL [ARG…]: runs a validator, or exits 77 (a skip to `meson test`) when the tool
# is not installed, so a machine without desktop-file-utils or appstream skips instead of failing.
tool=$1
shift
if ! command -v "$tool" >/dev/null 2>&1; then
  echo "SKIP: $tool is not installed"
  exit 77
fi
exec "$tool" "$@"
