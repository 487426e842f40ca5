#!/bin/sh
# Every source file with translatable strings must be listed in po/POTFILES.in, and every file
# listed there must exist. TAP output.
root=${1:-.}
cd "$root" || exit 1
n=0; failed=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
for f in $(grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dn?gettext)[[:space:]]*\(' src --include='*.c' | sort) \
         $(grep -rl 'translatable="yes"' ui src 2>/dev/null --include='*.ui' | sort); do
  n=$((n + 1))
  if echo "$listed" | grep -qx "$f"; then
    echo "ok $n - $f is in POTFILES.in"
  else
    echo "not ok $n - $f has translatable strings but is missing from po/POTFILES.in"
    failed=$((failed + 1))
  fi
done
for f in $listed; do
  n=$((n + 1))
  if [ -f "$f" ]; then
    echo "ok $n - $f exists"
  else
    echo "not ok $n - po/POTFILES.in lists $f, which does not exist"
    failed=$((failed + 1))
  fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
