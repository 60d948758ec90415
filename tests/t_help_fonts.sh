#!/usr/bin/env bash
# `nianbao help render` names the fonts a PDF really gets when no --font-* option is given:
# each default it names ("默认 字体名（软件包）") is embedded in a rendered report (pdffonts),
# matched through the PostScript name fontconfig gives for that family.
set -u
command -v pdffonts >/dev/null || { echo "SKIP: pdffonts (poppler-utils) not installed"; exit 77; }
command -v fc-list >/dev/null || { echo "SKIP: fc-list (fontconfig) not installed"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$NB_BIN" render -f pdf -o "$tmp/r.pdf" "$NB_SOURCE_DIR/fixtures/2024-瓦窑沟乡人民政府.yaml" >/dev/null 2>&1 ||
  { echo "FAIL: render -f pdf"; exit 1; }
fonts=$(pdffonts "$tmp/r.pdf" | awk 'NR > 2 {sub(/^[A-Z]+\+/, "", $1); print $1}')
pass=0 fail=0
names=$("$NB_BIN" help render | grep -oE '默认 [A-Za-z][A-Za-z ]+[A-Za-z]（' | sed -e 's/^默认 //' -e 's/（$//')
[ "$(echo "$names" | grep -c .)" = 3 ] || { echo "FAIL: help render names $(echo "$names" | grep -c .) default fonts, not 3"; exit 1; }
while read -r family; do
  ps=$(fc-list "$family" postscriptname | sed -n 's/.*postscriptname=//p' | sort -u)
  if [ -n "$ps" ] && grep -qxF -f <(echo "$ps") <<<"$fonts"; then
    pass=$((pass + 1))
  else
    echo "FAIL: help render says the default is $family ($(echo $ps)), the PDF embeds: $(echo $fonts)"
    fail=$((fail + 1))
  fi
done <<<"$names"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
