#!/bin/bash
# Many reports at once: a generated tree of 70 bodies over two years with the troubles a county
# folder has (a missing report, a duplicated body, a broken file, a non-report YAML, a symlink
# loop, unreadable entries), through lint, lint --previous auto and render; -j 1 and -j 2 give
# the same bytes and the same messages in the same order.
set -u
: "${NB_BIN:?}" "${NB_SOURCE_DIR:?}"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }
cd "$tmp" || exit 2

# ---- the tree --------------------------------------------------------------------------
"$PY" "$NB_SOURCE_DIR/tests/bench/gen_reports.py" --bodies 70 --out tree || exit 2
good=$(find tree -name '*.yaml' | wc -l)
[ "$good" = 140 ] || fail "generator wrote $good files, expected 140"
mkdir -p clean && cp -r tree/. clean/
# a missing report: the body has 2024 and no 2025
missing=$(ls tree/2025/乡镇 | head -1)
rm "tree/2025/乡镇/$missing"
# a duplicated body: a second copy of a 2025 report elsewhere
dup=$(ls tree/2025/街道 | head -1)
mkdir -p tree/2025/收件箱 && cp "tree/2025/街道/$dup" "tree/2025/收件箱/副本.yaml"
# a broken file
printf 'format: 2021\norgan: {name: 坏文件乡人民政府, level: 乡镇\nyear: 2025\n' > tree/2025/broken.yaml
# YAML that is not a report, a hidden folder, other files
printf 'repos:\n  - repo: local\n' > tree/.pre-commit-config.yaml
printf 'steps: [build]\n' > tree/ci.yml
mkdir -p tree/.git && cp "clean/2025/街道/$dup" tree/.git/x.yaml
echo "说明" > tree/说明.txt
# a symlink loop, a dangling link named .yaml, a FIFO named .yaml (root reads any file, so
# "unreadable" is made of what nobody can read)
ln -s .. tree/2024/loop
ln -s nowhere.yaml tree/2025/dangling.yaml
mkfifo tree/2025/fifo.yaml

out=$(timeout 20 "$NB_BIN" lint tree 2>&1); rc=$?
[ $rc = 2 ] || fail "lint of the tree exited $rc, expected 2 (unreadable entries)"
echo "$out" | grep -q "^tree/2025/broken.yaml:3:1: 错误\[NB004\]" || echo "$out" | grep -q "^tree/2025/broken.yaml:[0-9]*:[0-9]*: 错误\[NB004\]" || fail "broken file not reported"
# folders are walked in byte order of names: 收件箱 comes before 街道
echo "$out" | grep -q "^tree/2025/街道/$dup: 错误\[NB803\] 与 tree/2025/收件箱/副本.yaml 是同一机关" || fail "duplicate not reported naming both: $(echo "$out" | grep NB803)"
echo "$out" | grep -q "^tree/2024/loop: 警告\[NB802\]" || fail "symlink loop not reported"
echo "$out" | grep -q "^tree/2025/dangling.yaml: 错误\[NB801\] 是指向不存在的文件的链接" || fail "dangling link not reported"
echo "$out" | grep -q "^tree/2025/fifo.yaml: 错误\[NB801\] 不是普通文件" || fail "FIFO not reported"
echo "$out" | grep -q "pre-commit\|ci.yml\|\.git/\|说明" && fail "non-report files were checked"
echo "$out" | grep -q "共检查 144 个文件" || fail "count: $(echo "$out" | tail -1)"

# the clean tree passes; -j 1 and -j 2 print the same bytes
timeout 20 "$NB_BIN" lint -j 1 clean >lint1.txt 2>&1; rc=$?
[ $rc = 0 ] || fail "lint of the clean tree exited $rc"
timeout 20 "$NB_BIN" lint -j 2 clean >lint2.txt 2>&1
cmp -s lint1.txt lint2.txt || fail "lint -j 1 and -j 2 differ"
# --previous auto compares each 2025 report with the same body's 2024 one
timeout 20 "$NB_BIN" lint --previous auto -j 2 clean >auto2.txt 2>&1; rc=$?
timeout 20 "$NB_BIN" lint --previous 同机关上年 -j 1 clean >auto1.txt 2>&1
[ $rc = 0 ] || fail "lint --previous auto exited $rc"
cmp -s auto1.txt auto2.txt || fail "lint --previous auto differs with -j"
grep -q "NB306.*从上一年度的" auto1.txt || fail "--previous auto found no tenfold jump (the generator makes some)"
grep -q "NB30[0-9]" lint1.txt && fail "plain lint compared years"
# a clerk's own previous year file wins when given
"$NB_BIN" lint --previous "clean/2024/街道/2024-${dup#2025-}" "clean/2025/街道/$dup" >/dev/null 2>&1 ||
  fail "lint --previous FILE"

# ---- render: nothing written on any error; same bytes for any -j --------------------------
timeout 60 "$NB_BIN" render -f md,html,json -o none tree >/dev/null 2>err.txt; rc=$?
[ $rc = 2 ] || fail "render of the troubled tree exited $rc, expected 2"
[ -e none ] && fail "render wrote files although the tree has errors"
grep -q "未生成任何文件" err.txt || fail "render did not say it wrote nothing"
timeout 120 "$NB_BIN" render -j 1 -f md,html,json -o r1 clean >r1.txt 2>r1.err || fail "render -j 1"
timeout 120 "$NB_BIN" render -j 2 -f md,html,json -o r2 clean >r2.txt 2>r2.err || fail "render -j 2"
# 140 reports × 3 formats, and the charts beside the Markdown (render/chart.h)
[ "$(ls r1 | grep -vc '\.svg$')" = 420 ] || fail "render wrote $(ls r1 | grep -vc '\.svg$') reports, expected 420"
diff -r r1 r2 >/dev/null || fail "render -j 1 and -j 2 wrote different files"
sed 's/ r2\// r1\//' r2.txt | cmp -s - r1.txt || fail "render messages differ with -j"
cmp -s r1.err r2.err || fail "render diagnostics differ with -j"
# a second run leaves every file alone
touch -d '2001-01-01' r1/*
"$NB_BIN" render -f md,html,json -o r1 clean >again.txt 2>&1 || fail "second render"
# (the unchanged files counted in one line, not listed one by one)
[ "$(tail -1 again.txt)" = "$(ls r1 | wc -l) 个文件没有变化，未重写。" ] || fail "second render: $(tail -1 again.txt)"
grep -q '^\(已生成\|未变化\) ' again.txt && fail "second render listed files: $(grep '^\(已生成\|未变化\) ' again.txt | head -2)"
[ -z "$(find r1 -type f -newermt '2002-01-01')" ] || fail "second render touched files"

[ $failed = 0 ] && echo "t_batch: all passed"
exit $failed
