#!/bin/bash
# nianbao summary on a generated tree of 70 bodies over two years with a missing report, a
# duplicated body, a broken file, a non-report YAML, a symlink loop and a FIFO: every output is
# written, identical for -j 1 and -j 2; openpyxl reads summary.xlsx and every figure equals the
# sum computed from the reports' own JSON (render -f json); LibreOffice converts it to CSV;
# Chromium opens summary.html (with its two charts); the region-wide data file passes lint and
# render, and a region-wide file in the tree is compared with the sums; the tree's
# .nianbao.yaml gives expected units and rule levels, so summary and lint count alike, and
# each report's score is lint's; without the Excel module the rest is written and NB807 says
# how to get it.
set -u
: "${NB_BIN:?}" "${NB_SOURCE_DIR:?}"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" -c 'import openpyxl' 2>/dev/null || { echo "SKIP: python3-openpyxl is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }
cd "$tmp" || exit 2

"$PY" "$NB_SOURCE_DIR/tests/bench/gen_reports.py" --bodies 70 --out tree || exit 2
missing=$(ls tree/2025/乡镇 | head -1)
rm "tree/2025/乡镇/$missing"
missing=${missing#2025-}; missing=${missing%.yaml}
dup=$(ls tree/2025/街道 | head -1)
mkdir -p tree/2025/收件箱 && cp "tree/2025/街道/$dup" "tree/2025/收件箱/副本.yaml"
printf 'format: 2021\norgan: {name: 坏文件乡人民政府, level: 乡镇\nyear: 2025\n' > tree/2025/broken.yaml
printf 'repos:\n  - repo: local\n' > tree/.pre-commit-config.yaml
ln -s .. tree/2024/loop
mkfifo tree/2025/fifo.yaml
printf '# 应交报告的单位\n%s\n县外来局\n\n' "$missing" > 名单.txt

timeout 60 "$NB_BIN" summary -j 1 --expect 名单.txt -o s1 tree >s1.out 2>s1.err; rc=$?
[ $rc = 2 ] || fail "summary of the troubled tree exited $rc, expected 2 (a FIFO cannot be read)"
timeout 60 "$NB_BIN" summary -j 2 --expect 名单.txt -o s2 tree >s2.out 2>s2.err
for f in summary.html summary.csv summary.json summary.xlsx "2025-示例省示例市示例县（汇总）.yaml"; do
  [ -s "s1/$f" ] || fail "$f not written"
  cmp -s "s1/$f" "s2/$f" || fail "$f differs between -j 1 and -j 2"
done
cmp -s s1.err s2.err || fail "diagnostics differ between -j 1 and -j 2"
grep -q "NB803" s1.err || fail "the duplicate is not reported"

# every figure of the workbook against the reports' own JSON
rm -f tree/2025/fifo.yaml tree/2025/broken.yaml tree/2025/收件箱/副本.yaml
timeout 120 "$NB_BIN" render -f json -o json tree/2025 >/dev/null 2>&1 || fail "render -f json of the year"
"$PY" - s1 json "$missing" <<'PYEOF' || fail "summary figures do not match the reports"
import json, os, sys, openpyxl
out, jdir, missing = sys.argv[1:4]
reports = {}
for f in os.listdir(jdir):
    d = json.load(open(os.path.join(jdir, f), encoding="utf-8"))
    reports[d["organ"]["name"]] = d
s = json.load(open(os.path.join(out, "summary.json"), encoding="utf-8"))
assert s["year"] == 2025, s["year"]
c = s["counts"]
assert c["missing"] == 2, c            # last year's body and the one from the list
assert c["with_errors"] >= 3, c        # broken, duplicate, fifo
names = {b["name"]: b for b in s["bodies"]}
assert names[missing]["status"] == "缺报告", names[missing]
assert names["县外来局"]["status"] == "缺报告"

def walk(d, prefix=""):
    for k, v in d.items():
        key = prefix + k
        if isinstance(v, dict):
            yield from walk(v, key + ".")
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            yield key, v

def flat(r):
    f = {}
    for k, v in walk({"disclosure": r["disclosure"], "reviews": r["reviews"], "other": r["other"]}):
        f[k] = v
    for k, v in walk(r["applications"]):
        f["applications." + k] = v
    f["overview.published_total"] = r["overview"]["published_total"]
    return f

want = {}
summed = [b for b in s["bodies"] if b["summed"]]
# one of the two files of the duplicated body has the error; the other is summed
assert len(summed) == len(reports), (len(summed), len(reports))
for b in summed:
    f = flat(reports[b["name"]])
    for k, v in f.items():
        want[k] = want.get(k, 0) + v
        assert abs(float(b["figures"][k]) - v) < 1e-9, (b["name"], k, b["figures"][k], v)
for k, v in want.items():
    assert abs(float(s["sums"][k]) - v) < 1e-6, (k, s["sums"][k], v)

wb = openpyxl.load_workbook(os.path.join(out, "summary.xlsx"))
assert wb.sheetnames == ["汇总", "表二", "表三", "表四", "问题"], wb.sheetnames
ws = wb["汇总"]
assert ws.freeze_panes == "B2", ws.freeze_panes
assert ws.auto_filter.ref, "no autofilter"
rows = list(ws.iter_rows(values_only=True))
assert len(rows) == 1 + len(s["bodies"]), len(rows)
assert rows[0][0] == "机关名称"
for r in rows[1:]:
    if r[3] == "通过" or r[3] == "有警告":
        assert isinstance(r[6], (int, float)), r   # numbers stored as numbers
checked = 0
for sheet in ("表二", "表三", "表四"):
    ws = wb[sheet]
    rows = list(ws.iter_rows(values_only=True))
    head = rows[0]
    by_name = {r[0]: r for r in rows[1:] if r[0]}
    total = by_name["合计（没有错误的报告）"]
    for b in summed:
        r = by_name[b["name"]]
        for col in range(2, len(head)):
            label = head[col]
            assert isinstance(r[col], (int, float)), (sheet, b["name"], label, r[col])
            checked += 1
    for col in range(2, len(head)):
        assert abs(total[col] - sum(by_name[b["name"]][col] for b in summed)) < 1e-6, (sheet, head[col])
assert checked > 60 * 190, checked
probs = list(wb["问题"].iter_rows(values_only=True))
assert any(p[4] == "NB803" for p in probs[1:]), "duplicate not on the 问题 sheet"
assert any(p[4] == "NB805" for p in probs[1:]), "missing report not on the 问题 sheet"
PYEOF

# LibreOffice reads the workbook
if command -v soffice >/dev/null; then
  timeout 120 soffice --headless -env:UserInstallation=file://$tmp/lo --convert-to "csv:Text - txt - csv (StarCalc):44,34,76" --outdir lo s1/summary.xlsx >lo.log 2>&1 ||
    fail "LibreOffice could not convert summary.xlsx: $(cat lo.log)"
  [ -s lo/summary.csv ] && grep -q "机关名称" lo/summary.csv || fail "LibreOffice's CSV lacks the header: $(head -c 300 lo/summary.csv)"
else
  echo "note: LibreOffice (libreoffice-calc-nogui) is not installed; conversion not checked"
fi

# the CSV opens in Excel: UTF-8 with BOM
head -c 3 s1/summary.csv | od -An -tx1 | grep -q "ef bb bf" || fail "summary.csv has no BOM"

# the region-wide file passes lint and render; in the tree it is compared with the sums
region="s1/2025-示例省示例市示例县（汇总）.yaml"
"$NB_BIN" lint "$region" >/dev/null || fail "lint of the region-wide file"
"$NB_BIN" render -f md,html,json -o regionout "$region" >/dev/null || fail "render of the region-wide file"
sed 's/^  licensing: \([0-9]*\)$/  licensing: 1/' "$region" > tree/2025/全县.yaml
"$NB_BIN" summary -o s3 tree >/dev/null 2>&1
grep -q 'NB806' s3/summary.json || fail "a region-wide file that differs is not reported"
grep -q '区域汇总文件 tree/2025/全县.yaml 中「行政许可 › 本年处理决定数量」为 1' s3/summary.json ||
  fail "the difference is not named: $(grep -o 'NB806[^}]*' s3/summary.json | head -2)"
# NB806 made an error by the tree's config fails the run, once for the file
printf 'rules:\n  NB806: error\n' > tree/.nianbao.yaml
"$NB_BIN" summary -o s5 tree >/dev/null 2>s5.err; rc=$?
[ $rc = 1 ] || fail "NB806 made an error by the config: summary exited $rc, expected 1"
grep -q '"code":"NB806","severity":"error"' s5/summary.json || fail "NB806 is not an error in summary.json"
rm tree/.nianbao.yaml
cp "$region" tree/2025/全县.yaml
"$NB_BIN" summary -o s4 tree >/dev/null 2>&1; rc=$?
[ $rc = 0 ] || fail "summary of the clean tree with its region file exited $rc"
grep -q 'NB806' s4/summary.json && fail "an equal region-wide file is reported as different"
# a second run leaves the outputs alone
"$NB_BIN" summary -o s4 tree 2>/dev/null | grep -q "^已生成" && fail "a second summary rewrote files"

# .nianbao.yaml of the tree: its units are expected bodies (NB805), its rule levels count as in
# lint, and each report's score is the one lint --score gives
"$PY" "$NB_SOURCE_DIR/tests/bench/gen_reports.py" --bodies 8 --out ctree >/dev/null || exit 2
printf 'units:\n  - 县配置名单局\nrules:\n  NB228: error\n' > ctree/.nianbao.yaml
"$NB_BIN" summary ctree -o c1/ >c1.out 2>c1.err; rc=$? # options after the folder, as in README
grep -q "^已生成 c1/summary.html$" c1.out || fail "summary ctree -o c1/: $(head -3 c1.out)"
"$NB_BIN" lint --score --format json ctree >lint.json 2>/dev/null
"$PY" - c1/summary.json lint.json c1/summary.csv <<'PYEOF' || fail "summary and lint disagree, or the config's units are not expected"
import csv, json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))
lint = json.load(open(sys.argv[2], encoding="utf-8"))
names = {b["name"]: b for b in s["bodies"]}
assert names["县配置名单局"]["status"] == "缺报告", names.get("县配置名单局")
assert any(p["code"] == "NB805" and p["body"] == "县配置名单局" for p in s["problems"])
files = {f["file"]: f for f in lint["files"]}
scores = {f["file"]: f["score"] for f in lint["scores"]}
present = [b for b in s["bodies"] if b["file"]]
assert present and any(b["errors"] for b in present), "NB228: error does not count"
for b in present:
    f = files[b["file"]]
    assert (b["errors"], b["warnings"]) == (f["errors"], f["warnings"]), (b["file"], b["errors"], b["warnings"], f)
    assert b["score"] == scores[b["file"]], (b["file"], b["score"], scores[b["file"]])
rows = list(csv.reader(open(sys.argv[3], encoding="utf-8-sig")))
col = rows[0].index("评分")
by_file = {r[rows[0].index("文件")]: r for r in rows[1:]}
for b in present:
    assert by_file[b["file"]][col] == str(b["score"]), (b["file"], by_file[b["file"]][col])
PYEOF
[ $rc = 1 ] || fail "summary with NB228 made an error by the config exited $rc, expected 1"
"$PY" - c1/summary.xlsx c1/summary.json <<'PYEOF' || fail "the score in the 汇总 sheet"
import json, sys, openpyxl
s = json.load(open(sys.argv[2], encoding="utf-8"))
rows = list(openpyxl.load_workbook(sys.argv[1])["汇总"].iter_rows(values_only=True))
col = rows[0].index("评分")
for b, r in zip(s["bodies"], rows[1:]):
    assert r[0] == b["name"] and r[col] == b["score"], (r, b["name"], b["score"])
PYEOF
grep -q '<th scope="col"><button type="button" data-col="5">评分</button></th>' c1/summary.html ||
  fail "no 评分 column in summary.html"
# the config's levels apply to the summary's own findings too: NB805 as an error fails the run,
# turned off it is not reported (the body is still listed as missing)
printf 'units:\n  - 县配置名单局\nrules:\n  NB805: error\n' > ctree/.nianbao.yaml
"$NB_BIN" summary -o c2 ctree >/dev/null 2>&1; rc=$?
[ $rc = 1 ] || fail "NB805 made an error by the config: summary exited $rc, expected 1"
grep -q '"code":"NB805","severity":"error"' c2/summary.json || fail "NB805 is not an error in summary.json"
printf 'units:\n  - 县配置名单局\nrules:\n  NB805: off\n' > ctree/.nianbao.yaml
"$NB_BIN" summary -o c3 ctree >/dev/null 2>&1; rc=$?
[ $rc = 0 ] || fail "NB805 turned off by the config: summary exited $rc, expected 0"
grep -q 'NB805' c3/summary.json && fail "NB805 turned off is still reported"
grep -q '"name":"县配置名单局","level":null,"file":null,"status":"缺报告"' c3/summary.json ||
  fail "the missing unit is no longer listed when NB805 is off"

# without the Excel module (missing, or a file that is not one): NB807 says where it was looked
# for and how to fix it, the other files are written as before, an earlier summary.xlsx (which
# would no longer match them) is removed, and the exit code is 2
echo "不是模块" > notamodule.so
for module in /nonexistent "$tmp/notamodule.so"; do
  rm -rf c4 && cp -r c3 c4
  NIANBAO_XLSX_MODULE=$module timeout 60 "$NB_BIN" summary -o c4 ctree >c4.out 2>c4.err; rc=$?
  [ $rc = 2 ] || fail "without the Excel module ($module): summary exited $rc, expected 2"
  [ "$(grep -c '错误\[NB807\] 找不到 Excel 模块 nianbao-xlsx.so（查找了：'"$module"'）' c4.err)" = 1 ] &&
    grep -q '修改：请重新安装 nianbao，或用环境变量 NIANBAO_XLSX_MODULE 指明模块位置' c4.err &&
    grep -q '本次不生成 summary.xlsx，其他文件照常生成' c4.err ||
    fail "the missing Excel module ($module) is not said once with its fix: $(tail -3 c4.err)"
  [ -e c4/summary.xlsx ] && fail "an earlier summary.xlsx is left without the Excel module"
  grep -q '^已删除 c4/summary.xlsx$' c4.out || fail "the removal of summary.xlsx is not said"
  for f in summary.html summary.csv summary.json; do
    cmp -s "c3/$f" "c4/$f" || fail "$f differs without the Excel module"
  done
done

# Chromium opens the page: every body is a row, the tables are there
if command -v chromium >/dev/null; then
  timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/chr" \
    --dump-dom "file://$tmp/s4/summary.html" >dom.html 2>/dev/null
  "$PY" - dom.html <<'PYEOF' || fail "the summary page in Chromium"
import sys
d = open(sys.argv[1], encoding="utf-8").read()
assert d.count('<tr><td class="num" data-v=') == 70, d.count('<tr><td class="num" data-v=')
for t in ("nb-t2", "nb-t3", "nb-t4", "缺少的报告", "需要核实的数字"):
    assert t in d, t
# the charts: figures with a caption and a text alternative, drawn by the report's chart code
assert d.count('<figure class="nb-figure"') == 2, d.count('<figure class="nb-figure"')
assert "各机关新收政府信息公开申请数量（最多的15个机关；其余" in d
assert "政府信息公开申请办理结果</figcaption>" in d
assert d.count('role="img" aria-labelledby=') == 2
assert "http://" not in d.replace('http://www.w3.org', '') and "https://" not in d, "external reference"
PYEOF
fi

[ $failed = 0 ] && echo "t_summary: all passed"
exit $failed
