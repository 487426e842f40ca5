#!/bin/sh
# The README's Quick start, in one place:
#   tests/quickstart.sh demo   install what is missing, build, open the demo ledger
#   tests/quickstart.sh test   install what is missing, build, run every test suite
#                              (plain build, then AddressSanitizer + UBSan) and print
#                              "N passed, N failed"
# Debian bookworm; uses sudo for apt-get unless run as root.
set -eu

mode=${1:-}
case "$mode" in
  demo|test) ;;
  *) echo "usage: $0 demo|test" >&2; exit 2 ;;
esac

src=$(cd "$(dirname "$0")/.." && pwd)
cd "$src"

# What the build and the tests need, by Debian package name.
packages="gcc meson ninja-build pkg-config gettext python3
libglib2.0-dev libsqlite3-dev libcsv-dev libjson-glib-dev
libcairo2-dev libfontconfig-dev libhpdf-dev fonts-dejavu-core fonts-wqy-microhei
poppler-utils qpdf sqlite3
desktop-file-utils appstream libglib2.0-bin libxml2-utils shared-mime-info
libgtk-4-dev libadwaita-1-dev libpoppler-glib-dev librsvg2-common libgtk-4-bin xvfb xauth xfonts-base dbus
locales"

as_root () {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing:$missing"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

# The money tests format amounts in German, US English and French as well as in C.UTF-8.
for loc in de_DE.UTF-8 en_US.UTF-8 fr_FR.UTF-8; do
  if ! locale -a 2>/dev/null | grep -qi "^$(echo "$loc" | sed 's/UTF-8/utf8/')$"; then
    as_root sed -i "s/^# *\($loc UTF-8\)/\1/" /etc/locale.gen
    need_locale_gen=1
  fi
done
if [ "${need_locale_gen:-0}" = 1 ]; then
  as_root locale-gen >/dev/null
fi

build=${ARREARS_BUILD_DIR:-_build}
[ -f "$build/build.ninja" ] || meson setup "$build" >/dev/null
ninja -C "$build"

if [ "$mode" = demo ]; then
  data=${XDG_DATA_HOME:-$HOME/.local/share}/arrears
  ledger="$data/demo.arrears"
  mkdir -p "$data"
  [ -f "$ledger" ] || "$build/src/cli/arrears-cli" demo "$ledger" --debtors 500
  echo "Demo ledger: $ledger"
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    GSETTINGS_SCHEMA_DIR="$build/data" exec "$build/src/app/arrears" "$ledger"
  fi
  echo "No display found, so the window can't open here. The same ledger from the command line:"
  echo "  $build/src/cli/arrears-cli aging $ledger"
  exec "$build/src/cli/arrears-cli" aging "$ledger"
fi

status=0
meson test -C "$build" --print-errorlogs --num-processes 2 || status=1

# The same suites under AddressSanitizer and UndefinedBehaviorSanitizer.
asan=${build}-asan
[ -f "$asan/build.ninja" ] ||
  meson setup "$asan" -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug >/dev/null
ninja -C "$asan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  meson test -C "$asan" --print-errorlogs --num-processes 2 --suite core --suite cli \
  --suite render --suite build --suite data || status=1

python3 tests/summarize.py "$build/meson-logs/testlog.json" "$asan/meson-logs/testlog.json"
exit $status
