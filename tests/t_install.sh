#!/usr/bin/env bash
# The installed tree works on its own: cmake --install into a scratch prefix, then the
# installed program lints, renders every format (finding its PDF module relative to itself),
# writes a summary with its workbook (the Excel module) and prints its schema, with no help
# from the build directory. The program itself links only what lint and render md, html and
# json need: the other libraries come with the modules that use them.
set -u
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
cmake --install "$NB_BUILD_DIR" --prefix "$tmp/prefix" >/dev/null || { echo "FAIL: cmake --install"; exit 1; }
bin=$tmp/prefix/bin/nianbao
unset NIANBAO_PDF_MODULE NIANBAO_XLSX_MODULE
cd "$tmp" || exit 2
cp "$NB_SOURCE_DIR/fixtures/2024-瓦窑沟乡人民政府.yaml" data.yaml
"$bin" lint data.yaml >/dev/null || { echo "FAIL: installed lint"; fail=1; }
"$bin" render -o out data.yaml >/dev/null 2>&1 || { echo "FAIL: installed render"; fail=1; }
for ext in md html pdf json; do
  [ -s "out/2024-瓦窑沟乡人民政府.$ext" ] || { echo "FAIL: no .$ext from the installed program"; fail=1; }
done
"$bin" summary -o sum data.yaml >/dev/null 2>&1 || { echo "FAIL: installed summary"; fail=1; }
[ "$(head -c 2 sum/summary.xlsx 2>/dev/null)" = PK ] || { echo "FAIL: no summary.xlsx from the installed program"; fail=1; }
if command -v readelf >/dev/null; then
  for lib in $(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    case $lib in
    libyaml-0.so.* | libcmark.so.* | libm.so.* | libc.so.* | ld-linux*) ;;
    libasan* | libubsan* | libclang_rt* | libgcc_s.so.*) ;; # sanitizer builds: the runtime
    *) echo "FAIL: the program links $lib, which only a module should need"; fail=1 ;;
    esac
  done
fi
"$bin" schema | cmp -s - "$tmp/prefix/share/nianbao/schemas/report-2021.schema.json" \
  || { echo "FAIL: installed schema differs from the built-in one"; fail=1; }
# the manual page and the bash completion, where man and bash-completion look
[ -s "$tmp/prefix/share/man/man1/nianbao.1" ] || { echo "FAIL: no share/man/man1/nianbao.1"; fail=1; }
[ -s "$tmp/prefix/share/bash-completion/completions/nianbao" ] || { echo "FAIL: no bash completion"; fail=1; }
if command -v man >/dev/null; then
  LANG=C.UTF-8 MANPATH=$tmp/prefix/share/man man nianbao 2>/dev/null | grep -q "nianbao render" ||
    { echo "FAIL: man nianbao from the install tree"; fail=1; }
fi
# a data file made by the installed program points editors at the installed schema
"$bin" init --organ 瓦窑沟乡人民政府 --level 乡镇 --year 2025 -o new.yaml 2>/dev/null
want="# yaml-language-server: \$schema=$(realpath "$tmp/prefix/share/nianbao/schemas/report-2021.schema.json")"
[ "$(head -1 new.yaml)" = "$want" ] || { echo "FAIL: installed init modeline: $(head -1 new.yaml)"; fail=1; }
[ $fail = 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit $fail
