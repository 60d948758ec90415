#!/usr/bin/env bash
# What changes on a terminal (a pseudo-terminal made by script(1)): lint always ends with one
# line counting in words, while into a pipe the output is as before (nothing when all is well,
# as pre-commit and scripts expect); --quiet lists errors only, and --strict still fails on the
# warnings it would hide; render refuses to write a PDF onto a terminal.
# Skipped (reported as not run) where no pseudo-terminal can be made, e.g. in a chroot without
# /dev/pts mounted.
set -u
command -v script >/dev/null || { echo "SKIP: script (bsdutils) not installed"; exit 77; }
script -qec true /dev/null >/dev/null 2>&1 ||
  { echo "SKIP: no pseudo-terminal can be made here (/dev/pts not mounted?)"; exit 77; }
fx=$NB_SOURCE_DIR/fixtures
# a file without problems and one with warnings only (NB211 at least: its source starts
# 存在的主要问题 with 2023), and how many warnings that one has today
good=
for f in "$fx"/*.yaml; do [ -z "$("$NB_BIN" lint "$f")" ] && { good=$f; break; }; done
[ -n "$good" ] || { echo "FAIL: no fixture lints without problems"; exit 1; }
warned=$fx/2024-军屯乡人民政府.yaml
nw=$("$NB_BIN" lint "$warned" | grep -c ': 警告\[')
[ "$nw" -ge 1 ] || { echo "FAIL: $warned has no warning"; exit 1; }
pass=0 fail=0
check() { # description, expected, actual
  if [ "$2" = "$3" ]; then pass=$((pass + 1)); else echo "FAIL: $1"; echo "  want: $2"; echo "  got:  $3"; fail=$((fail + 1)); fi
}
on_tty() { script -qec "$*" /dev/null | tr -d '\r'; }

check "pipe, clean file: no output" "" "$("$NB_BIN" lint "$good")"
check "pipe, warning: the old closing line" "共检查 2 个文件：0 个错误，$nw 个警告。" \
  "$("$NB_BIN" lint "$good" "$warned" | tail -1)"
check "terminal, clean file" "共检查 1 个文件：没有错误，没有警告。" "$(on_tty "$NB_BIN" lint "$good")"
check "terminal, warning" "共检查 2 个文件：没有错误，$nw 个警告。" \
  "$(on_tty "$NB_BIN" lint "$good" "$warned" | tail -1)"
check "terminal, json unchanged" "" "$(on_tty "$NB_BIN" lint --format json "$good" | grep 共检查)"

check "--quiet in a pipe: nothing" "" "$("$NB_BIN" lint --quiet "$good" "$warned")"
check "--quiet on a terminal: only the closing line" "共检查 2 个文件：没有错误，$nw 个警告（未列出）。" \
  "$(on_tty "$NB_BIN" lint --quiet "$good" "$warned")"
out=$("$NB_BIN" lint --quiet "$warned" "$fx/invalid/"*.yaml 2>/dev/null)
rc=$?
check "--quiet with errors: exit 1" 1 "$rc"
check "--quiet with errors: no 警告 lines" 0 "$(grep -c ': 警告\[' <<<"$out")"
check "--quiet with errors: errors listed" yes "$(grep -q ': 错误\[' <<<"$out" && echo yes)"
"$NB_BIN" lint --quiet --strict "$warned" >/dev/null
check "--quiet --strict: a warning still fails" 1 $?
check "--quiet --strict: the warnings are shown" "$nw" "$("$NB_BIN" lint --quiet --strict "$warned" | grep -c ': 警告\[')"

wy=$fx/2024-瓦窑沟乡人民政府.yaml
tty_out=$(on_tty "'$NB_BIN' render -f pdf -o - '$wy'; echo rc=\$?")
check "render -f pdf -o - onto a terminal: refused with exit 2" "rc=2" "$(tail -1 <<<"$tty_out")"
check "render -f pdf -o - onto a terminal: says why" yes \
  "$(grep -q 'PDF 不能显示在终端上' <<<"$tty_out" && echo yes)"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
