#!/bin/sh
# Every source file with translatable strings must be listed in po/POTFILES.in, and every file
# listed there must exist. TAP output.
root=${1:-.}
cd "$root" || exit 1
n=0; failed=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
# Data files: desktop files with translatable keys, metainfo with text, and GSettings schemas
# with summaries or descriptions.
data_files=$( (find data -name '*.desktop.in*' -exec grep -lE '^(Name|GenericName|Comment|Keywords)=' {} + ;
               find data \( -name '*.metainfo.xml.in*' -o -name '*.appdata.xml.in*' \) \
                 -exec grep -lE '<(name|summary|p|li|caption)[ >]' {} + ;
               find data -name '*.gschema.xml*' -exec grep -lE '<(summary|description)>' {} + ) \
             2>/dev/null | sort)
for f in $(grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dn?gettext)[[:space:]]*\(' src --include='*.c' | sort) \
         $(grep -rl 'translatable="yes"' ui src 2>/dev/null --include='*.ui' | sort) \
         $data_files; do
  n=$((n + 1))
  if echo "$listed" | grep -qx "$f"; then
    echo "ok $n - $f is in POTFILES.in"
  else
    echo "not ok $n - $f has translatable strings but is missing from po/POTFILES.in"
    failed=$((failed + 1))
  fi
done
# A schema's summaries are only looked up in a catalogue when it names its gettext domain.
for f in $(echo "$data_files" | grep '\.gschema\.xml'); do
  n=$((n + 1))
  if grep -q 'gettext-domain="arrears"' "$f"; then
    echo "ok $n - $f names the gettext domain arrears"
  else
    echo "not ok $n - $f has translatable text but no gettext-domain=\"arrears\""
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
