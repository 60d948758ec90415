#!/usr/bin/env bash
# What README.md shows works when copied: the complete data file under 数据文件 lints with no
# errors and renders; the number of examples it names is what fixtures/ holds.
set -u
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
readme=$NB_SOURCE_DIR/README.md
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# the first yaml block of the README is the complete file
awk '/^```yaml$/ {n++; if (n == 1) {on = 1; next}} on && /^```$/ {exit} on' "$readme" >"$tmp/2024-军屯乡人民政府.yaml"
grep -q '^format: 2021' "$tmp/2024-军屯乡人民政府.yaml" || bad "the README's first yaml block is not a data file"
# (its placeholders in brackets may draw warnings about prose still to write, never an error)
out=$("$NB_BIN" lint "$tmp/2024-军屯乡人民政府.yaml")
[ $? = 0 ] && ! grep -q ': 错误\[' <<<"$out" && ok || { bad "the README's data file does not lint:"; echo "$out" | grep -E '错误'; }
"$NB_BIN" render -f md,html,json -o "$tmp/out" "$tmp/2024-军屯乡人民政府.yaml" >/dev/null 2>&1 && ok || bad "the README's data file does not render"

# “fixtures/ 中有四份…”: the count in words matches the files
count=$(ls "$NB_SOURCE_DIR"/fixtures/*.yaml | wc -l)
words=(零 一 两 三 四 五 六 七 八 九 十)
grep -q "\`fixtures/\` 中有${words[$count]}份" "$readme" && ok ||
  bad "README does not say fixtures/ has ${words[$count]}份 ($count files): $(grep -o '`fixtures/` 中有.份' "$readme")"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
