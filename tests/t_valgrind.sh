#!/usr/bin/env bash
# The program under valgrind: no invalid read or write, no use of uninitialised memory, no
# leak, for lint on every fixture (good and bad), render in every format, summary and site (on
# two threads) and the unit tests.
# Skipped (77) without valgrind, and in sanitizer builds (the two do not mix).
set -u
command -v valgrind >/dev/null || { echo "valgrind 未安装，跳过"; exit 77; }
if nm "$NB_BIN" 2>/dev/null | grep -q __asan_init; then echo "AddressSanitizer 构建，跳过 valgrind"; exit 77; fi
cd "$NB_SOURCE_DIR" || exit 2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
vg() { valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
         --show-leak-kinds=definite,indirect "$@"; }
pass=0 fail=0
run() { # name, command...
  local name=$1; shift
  "$@" >"$tmp/out" 2>&1
  if [ $? -eq 99 ] || grep -Eq "==[0-9]+==" "$tmp/out"; then
    fail=$((fail + 1)); echo "FAIL: $name"; grep -E "==[0-9]+==" "$tmp/out" | head -30
  else pass=$((pass + 1)); fi
}
run "lint good" vg "$NB_BIN" lint fixtures/*.yaml fixtures/gaps/*.yaml fixtures/encoding/*.yaml
run "lint bad" vg "$NB_BIN" lint fixtures/invalid/*.yaml
run "lint json" vg "$NB_BIN" lint --format json fixtures/invalid/*.yaml
run "lint previous" vg "$NB_BIN" lint --previous fixtures/2024-瓦窑沟乡人民政府.yaml fixtures/2024-军屯乡人民政府.yaml
run "render" vg "$NB_BIN" render -o "$tmp" fixtures/2024-军屯乡人民政府.yaml
run "render refused" vg "$NB_BIN" render -o "$tmp" fixtures/invalid/rule-balance.yaml
run "summary" vg "$NB_BIN" summary -j 2 -o "$tmp/summary" fixtures/*.yaml fixtures/invalid/rule-balance.yaml
# the site without the 图解 module (pango keeps each thread's fonts past its end): its own
# paths, the trial of the modules, PDF and Word on two threads
NIANBAO_GRAPHIC_MODULE=/nonexistent run "site" vg "$NB_BIN" site -j 2 -o "$tmp/site" \
  fixtures/2024-军屯乡人民政府.yaml fixtures/invalid/rule-balance.yaml
for t in test_load test_schema test_rules test_mustache; do
  [ -x "$NB_BUILD_DIR/tests/$t" ] && run "$t" vg "$NB_BUILD_DIR/tests/$t"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
