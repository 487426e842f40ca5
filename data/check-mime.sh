#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Arrears authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-mime.sh MIME_XML: installs the MIME package into a scratch XDG data directory and checks
# that GIO sniffs an Arrears ledger header (SQLite header plus application_id "Arre") as
# application/x-arrears-ledger, a plain SQLite file as something else, and *.arrears by name.
# Exits 77 (skip) without update-mime-database or gio.
mime_xml=$1
for tool in update-mime-database gio; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed"
    exit 77
  fi
done

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/mime/packages" "$tmp/files"
cp "$mime_xml" "$tmp/mime/packages/arrears.xml"
if ! XDG_DATA_HOME="$tmp" update-mime-database "$tmp/mime" >"$tmp/update.log" 2>&1 || [ -s "$tmp/update.log" ]; then
  echo "not ok 1 - update-mime-database accepts the package"
  sed 's/^/# /' "$tmp/update.log"
  echo "1..1"
  exit 1
fi
echo "ok 1 - update-mime-database accepts the package"

# The first 100 bytes of an SQLite header: the magic string, zeros, application_id at 68.
header () # FILE APPLICATION_ID
{
  { printf 'SQLite format 3\000'
    head -c 52 /dev/zero
    printf '%s' "$2"
    head -c 4124 /dev/zero; } >"$1"
}
header "$tmp/files/ledger" 'Arre'
header "$tmp/files/other-database" 'Gpkg'
printf 'not a database\n' >"$tmp/files/by-name.arrears"

n=1; failed=0
check () # FILE EXPECTED|!UNEXPECTED
{
  n=$((n + 1))
  got=$(XDG_DATA_HOME="$tmp" XDG_DATA_DIRS="${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
        GIO_USE_VFS=local gio info -a standard::content-type "$tmp/files/$1" 2>&1 |
        sed -n 's/^ *standard::content-type: //p')
  case $2 in
    !*) [ "$got" != "${2#!}" ] ;;
    *)  [ "$got" = "$2" ] ;;
  esac
  if [ $? -eq 0 ]; then
    echo "ok $n - $1 is $got"
  else
    echo "not ok $n - $1 is '$got', expected $2"
    failed=$((failed + 1))
  fi
}
check ledger application/x-arrears-ledger
check other-database '!application/x-arrears-ledger'
check by-name.arrears application/x-arrears-ledger
echo "1..$n"
[ "$failed" -eq 0 ]
