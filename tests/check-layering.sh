#!/bin/sh
# The layers are walled by meson dependency lists; this test makes the wall visible in review:
# src/core may not include GTK, GDK, libadwaita, cairo or libharu headers, and src/render may
# not include GTK, GDK or libadwaita headers. TAP output.
root=${1:-.}
n=0; failed=0
check () {
  n=$((n + 1))
  dir=$1; pattern=$2
  if [ ! -d "$root/$dir" ]; then
    echo "ok $n - $dir does not exist yet # SKIP"; return
  fi
  hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pattern)" "$root/$dir" \
         --include='*.c' --include='*.h' || true)
  if [ -n "$hits" ]; then
    echo "not ok $n - $dir includes a forbidden header"
    echo "$hits" | sed 's/^/# /'
    failed=$((failed + 1))
  else
    echo "ok $n - $dir includes none of: $pattern"
  fi
}
check src/core 'gtk/|gdk/|adwaita|cairo|hpdf|graphene|pango'
check src/render 'gtk/|gdk/|adwaita'
check src/cli 'gtk/|gdk/|adwaita'
echo "1..$n"
[ "$failed" -eq 0 ]
