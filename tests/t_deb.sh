#!/usr/bin/env bash
# The Debian package: cpack -G DEB makes nianbao_<version>_amd64.deb; its Depends names the
# package of every library the program and its modules link (readelf NEEDED → dpkg -S) and
# every font package .ci/setup.sh installs; installed with dpkg into an empty root (its own
# dpkg database, nothing installed on this machine) the program renders a report, writes a
# summary with its workbook (the Excel module) and shows its manual page; removing the
# package (dpkg -P) leaves no file behind.
set -u
for p in cpack dpkg dpkg-deb readelf; do
  command -v $p >/dev/null || { echo "SKIP: $p not installed"; exit 77; }
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

version=$("$NB_BIN" --version | awk '{print $2}')
(cd "$tmp" && cpack -G DEB -B "$tmp" --config "$NB_BUILD_DIR/CPackConfig.cmake" >"$tmp/cpack.log" 2>&1) ||
  { cat "$tmp/cpack.log"; echo "FAIL: cpack -G DEB"; exit 1; }
deb=$tmp/nianbao_${version}_amd64.deb
[ -s "$deb" ] && ok || { bad "no $(basename "$deb"): $(ls "$tmp")"; exit 1; }

depends=$(dpkg-deb -f "$deb" Depends | tr -d ' ' | tr ',' '\n' | sed 's/(.*//')
dpkg-deb -I "$deb" | grep -q '^ Depends: .*libyaml' && ok || bad "dpkg-deb -I shows no Depends"
# the fonts setup installs
for f in $(sed -n '/^packages=(/,/^)/p' "$NB_SOURCE_DIR/.ci/setup.sh" | grep -oE '\bfonts-[a-z0-9-]+'); do
  grep -qx "$f" <<<"$depends" && ok || bad "Depends lacks the font package $f"
done
# the libraries the program and its modules link
dpkg-deb -x "$deb" "$tmp/x"
elves=$(find "$tmp/x" -type f -exec sh -c 'head -c 4 "$1" | grep -q ELF' _ {} \; -print)
[ "$(echo "$elves" | grep -c .)" -ge 2 ] && ok || bad "ELF files in the package: $elves"
for elf in $elves; do
  for lib in $(readelf -d "$elf" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    case $lib in libasan* | libubsan* | libclang_rt* | ld-linux*) continue ;; esac
    file=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ {print $NF; exit}')
    [ -n "$file" ] || { bad "$lib not found by ldconfig"; continue; }
    pkg=$(dpkg -S "$file" 2>/dev/null || dpkg -S "$(realpath "$file")" 2>/dev/null || dpkg -S "${file#/usr}" 2>/dev/null)
    pkg=${pkg%%:*}
    grep -qx "$pkg" <<<"$depends" && ok || bad "$(basename "$elf") links $lib from ${pkg:-?}, not in Depends"
  done
done

# install into an empty root with its own dpkg database
root=$tmp/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --log=/dev/null --force-depends --force-not-root --force-script-chrootless \
  -i "$deb" >"$tmp/dpkg.log" 2>&1 && ok || { bad "dpkg -i into $root"; cat "$tmp/dpkg.log"; }
(
  cd "$tmp" && unset NIANBAO_PDF_MODULE &&
    "$root/usr/bin/nianbao" render -o out "$NB_SOURCE_DIR/fixtures/2024-瓦窑沟乡人民政府.yaml" >/dev/null 2>&1
) && ok || bad "the packaged program does not render"
for ext in md html pdf json; do
  [ -s "$tmp/out/2024-瓦窑沟乡人民政府.$ext" ] && ok || bad "no .$ext from the packaged program"
done
head -c 5 "$tmp/out/2024-瓦窑沟乡人民政府.pdf" | grep -q '%PDF-' && ok || bad "the .pdf is not a PDF"
(
  cd "$tmp" && unset NIANBAO_XLSX_MODULE &&
    "$root/usr/bin/nianbao" summary -o sum "$NB_SOURCE_DIR/fixtures/2024-瓦窑沟乡人民政府.yaml" >/dev/null 2>&1
) && ok || bad "the packaged program does not write a summary"
[ "$(head -c 2 "$tmp/sum/summary.xlsx" 2>/dev/null)" = PK ] && ok || bad "no summary.xlsx from the packaged program"
[ -s "$root/usr/share/man/man1/nianbao.1" ] && ok || bad "no man page in the package"
[ -s "$root/usr/share/bash-completion/completions/nianbao" ] && ok || bad "no bash completion in the package"
if command -v man >/dev/null; then
  LANG=C.UTF-8 MANPATH=$root/usr/share/man man nianbao 2>/dev/null | grep -q "nianbao lint" && ok || bad "man nianbao from the package"
fi
# an init from the packaged program points editors at the packaged schema
(cd "$tmp" && "$root/usr/bin/nianbao" init --organ 瓦窑沟乡人民政府 --level 乡镇 --year 2025 -o new.yaml 2>/dev/null)
[ "$(head -1 "$tmp/new.yaml")" = "# yaml-language-server: \$schema=$(realpath "$root/usr/share/nianbao/schemas/report-2021.schema.json")" ] &&
  ok || bad "packaged init modeline: $(head -1 "$tmp/new.yaml")"

dpkg --root="$root" --log=/dev/null --force-not-root --force-script-chrootless -P nianbao >>"$tmp/dpkg.log" 2>&1 &&
  ok || { bad "dpkg -P"; cat "$tmp/dpkg.log"; }
left=$(cd "$root" && find . -mindepth 1 -not -path './var' -not -path './var/lib' -not -path './var/lib/dpkg' -not -path './var/lib/dpkg/*')
[ -z "$left" ] && ok || bad "left behind after dpkg -P: $left"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
