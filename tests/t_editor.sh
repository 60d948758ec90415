#!/usr/bin/env bash
# The editor path, through the real yaml-language-server (the server of VS Code's YAML
# extension) driven over LSP by tests/lsp_client.py: for a file that `nianbao init` wrote in a
# folder far from this checkout (and for one the installed program wrote), the modeline leads
# to the schema, so completion offers nianbao's keys, hover shows the Chinese title, and a
# mistake gets a diagnostic with the schema's Chinese message.
set -u
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
command -v python3 >/dev/null || { echo "SKIP: python3 not installed"; exit 77; }
command -v node >/dev/null || { echo "SKIP: node not installed"; exit 77; }
modules=${NB_NODE_MODULES:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao/node/node_modules}
server=$modules/.bin/yaml-language-server
[ -x "$server" ] || server=$(command -v yaml-language-server) ||
  { echo "SKIP: yaml-language-server not installed (npm install yaml-language-server, as .ci/test.sh does)"; exit 77; }
lsp() { python3 "$NB_SOURCE_DIR/tests/lsp_client.py" "$server" "$@"; }
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# $1: a data file written by init; $2: what made it
check_file() {
  local f=$1 who=$2 n out
  # completion on a new line under organ: offers the keys init left out
  n=$(grep -n '^organ:' "$f" | cut -d: -f1)
  out=$(lsp "$f" complete "$n" 2 "  ")
  grep -qx region <<<"$out" && ok || bad "$who: no completion of organ.region: $(echo $out)"
  # hover on applications: the official Chinese title
  out=$(lsp "$f" hover applications)
  grep -q '三、收到和处理政府信息公开申请情况' <<<"$out" && ok || bad "$who: hover shows: $out"
  # mistakes users make, each with the schema's Chinese message
  out=$(lsp "$f" diagnose 'licensing: 0' 'licensing: 三')
  grep -q '半角阿拉伯数字' <<<"$out" && ok || bad "$who: a count written in Chinese: $out"
  out=$(lsp "$f" diagnose 'level: 乡镇' 'level: 乡')
  grep -q '机关层级只能填' <<<"$out" && ok || bad "$who: a level not in the list: $out"
  out=$(lsp "$f" diagnose '    upheld: 0  # 结果维持' $'    total: 3\n    upheld: 0  # 结果维持')
  grep -q '4项相加自动得出' <<<"$out" && ok || bad "$who: a total typed into 表四: $out"
  out=$(lsp "$f" diagnose '    in_force: 0  # 现行有效件数' '')
  grep -q 'in_force（现行有效件数）' <<<"$out" && ok || bad "$who: a missing 现行有效件数: $out"
  out=$(lsp "$f" complete "$(grep -n '^  review:' "$f" | cut -d: -f1)" 4 "    ")
  grep -qx total <<<"$out" && bad "$who: completion offers the computed total" || ok
}

# 1. the program in the build tree, a file in a folder elsewhere (spaces and Chinese in the path)
mkdir -p "$tmp/某县 政府办/2025年"
(cd "$tmp/某县 政府办/2025年" && "$NB_BIN" init --organ 瓦窑沟乡人民政府 --level 乡镇 --year 2025 2>/dev/null)
f="$tmp/某县 政府办/2025年/2025-瓦窑沟乡人民政府.yaml"
[ -s "$f" ] || { echo "FAIL: init wrote nothing"; exit 1; }
check_file "$f" "build tree"
# the date and the phone are commented out by init: give them, wrongly
out=$(lsp "$f" diagnose 'year: 2025' $'year: 2025\ndate: "2026-1-20"')
grep -q '月和日都写两位' <<<"$out" && ok || bad "a date without two-digit month: $out"
out=$(lsp "$f" diagnose 'year: 2025' $'year: 2025\ncontact:\n  phone: 05377984101')
grep -q '电话号码要加引号' <<<"$out" && ok || bad "an unquoted phone number: $out"

# 2. the installed program (absolute path to the installed schema)
cmake --install "$NB_BUILD_DIR" --prefix "$tmp/prefix" >/dev/null 2>&1 || bad "cmake --install"
mkdir -p "$tmp/别处"
(cd "$tmp/别处" && NIANBAO_PDF_MODULE= "$tmp/prefix/bin/nianbao" init --organ 瓦窑沟乡人民政府 --level 乡镇 --year 2025 2>/dev/null)
check_file "$tmp/别处/2025-瓦窑沟乡人民政府.yaml" "installed"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
