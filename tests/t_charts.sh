#!/bin/bash
# The charts (generator/render/chart.h) of every fixture, parsed back from the files render
# writes: each .svg beside the Markdown is well-formed XML whose slice angles are proportional
# to the counts of the data file (±0.1°) and add up to 360°, whose bar lengths are
# proportional to the counts, whose printed percentages add up to exactly 100, and which has
# every category's name and figures; the Markdown names the file; the HTML page carries the
# same chart inline. Seed 004 (军屯乡, 15 categories, 49 items) also in the PDF's text layer, with
# no raster image in the PDF. Edge cases: one category, 50 categories, 40-character names,
# counts at the schema's maximum, markup and bidirectional marks in names, no published items,
# the charts: setting, and stale chart files removed.
set -u
: "${NB_BIN:?}" "${NB_SOURCE_DIR:?}"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" -c 'import yaml' 2>/dev/null || { echo "python3-yaml missing: skipped"; exit 77; }
tmp=$(mktemp -d)
trap '[ -n "${NB_KEEP:-}" ] || rm -rf "$tmp"' EXIT
fixtures=$NB_SOURCE_DIR/fixtures
failed=0
fail() {
  echo "FAIL: $*"
  failed=1
}

# check_svg DATA.yaml OUTDIR: every chart of the report rendered from DATA into OUTDIR
check_svg() {
  "$PY" - "$1" "$2" <<'EOF'
import math, os, re, sys, xml.etree.ElementTree as ET
import yaml

data = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
outdir = sys.argv[2]
NS = "{http://www.w3.org/2000/svg}"
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x1f\x7f]")
organ, year = data["organ"]["name"], data["year"]
base = "%s-%s" % (year, re.sub(r'[/\\:*?"<>|\x00-\x1f\x7f]', "_", organ))
md = open(os.path.join(outdir, base + ".md"), encoding="utf-8").read()
page = open(os.path.join(outdir, base + ".html"), encoding="utf-8").read()
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


items = [(BIDI.sub("", str(i["category"])), int(i["count"]))
         for i in data["overview"]["published_items"]]
total = sum(c for _, c in items)
setting = (data.get("charts") or {}).get("published", "自动")
nonzero = [(n, c) for n, c in items if c > 0]
pie = setting == "饼图" or (setting in ("自动", None) and len(nonzero) <= 8)
expect = nonzero if pie else items
if total == 0 or setting == "不画":
    check("-图1.svg" not in md or "申请办理结果" in md, "a published chart although there is none")
    expect = None


def arc_angle(cx, cy, x, y):
    return math.degrees(math.atan2(x - cx, cy - y)) % 360


def slices(root):
    centre = [t for t in root.iter(NS + "text") if (t.text or "").startswith("共")]
    cx, cy = float(centre[0].get("x")), float(centre[0].get("y"))
    out = []
    for g in root.iter(NS + "g"):
        title = g.find(NS + "title").text
        d = g.find(NS + "path").get("d")
        nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
        if d.count("A") == 4:  # the whole ring: two half arcs outside, two inside
            angle = 360.0
        else:
            a0 = arc_angle(cx, cy, nums[0], nums[1])
            a1 = arc_angle(cx, cy, nums[7], nums[8])
            angle = (a1 - a0) % 360
            if angle < 1e-9:
                angle = 360.0
        texts = [t.text for t in g.iter(NS + "text")]
        out.append((title, angle, texts))
    return out


if expect is not None:
    path = os.path.join(outdir, base + "-图1.svg")
    check("](%s)" % re.sub(r"[^\w\u0080-\uffff.~-]", lambda m: "%%%02X" % ord(m.group()), base + "-图1.svg") in md,
          "the Markdown does not show 图1")
    root = ET.parse(path).getroot()
    check(root.get("role") == "img", "svg without role=img")
    check(root.find(NS + "title") is not None and root.find(NS + "desc") is not None,
          "svg without title/desc")
    caption = "图1 %d年主动公开政府信息分类情况" % year
    check(root.find(NS + "title").text == caption, "caption %r" % root.find(NS + "title").text)
    percents = []
    if pie:
        got = slices(root)
        check(len(got) == len(expect), "%d slices for %d categories" % (len(got), len(expect)))
        s = 0
        for (name, count), (title, angle, texts) in zip(expect, got):
            want = 360.0 * count / total
            check(abs(angle - want) <= 0.1, "%s: %.3f° for %d of %d" % (name, angle, count, total))
            s += angle
            m = re.fullmatch(r"(.*)：(\d+)条，(\d+)%", title)
            check(m and m.group(1) == name and int(m.group(2)) == count,
                  "slice title %r for %s" % (title, name))
            percents.append(int(m.group(3)) if m else 0)
            check("%d条 %s%%" % (count, m.group(3) if m else "?") in texts,
                  "figures of %s not printed" % name)
        check(abs(s - 360.0) <= 0.1, "angles sum to %.3f°" % s)
    else:
        bars = [g for g in root.iter(NS + "g")]
        check(len(bars) == len(expect), "%d bars for %d categories" % (len(bars), len(expect)))
        most = max(c for _, c in expect)
        order = sorted(expect, key=lambda x: -x[1])
        for (name, count), g in zip(order, bars):
            title = g.find(NS + "title").text
            m = re.fullmatch(r"(.*)：(\d+)条，(\d+)%", title)
            check(m and m.group(1) == name and int(m.group(2)) == count,
                  "bar title %r for %s" % (title, name))
            percents.append(int(m.group(3)) if m else 0)
            w = float(g.find(NS + "rect").get("width"))
            check(abs(w - 370.0 * count / most) <= max(0.01, 1.0 if count else 0),
                  "%s: bar %.2f long" % (name, w))
    check(sum(percents) == 100, "percentages sum to %d" % sum(percents))
    # the HTML page: the same chart inline, the figures as text
    check(page.count('<figure class="nb-figure"') >= 1, "no figure in the HTML")
    for name, count in expect:
        esc = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")
        check("<li>%s：%d条，占" % (esc, count) in page, "%s missing from the HTML list" % name)
for p in problems:
    print("%s: %s" % (os.path.basename(sys.argv[1]), p))
sys.exit(1 if problems else 0)
EOF
}

# ---- the fixtures --------------------------------------------------------------------
mkdir "$tmp/out"
for f in "$fixtures"/*.yaml "$fixtures"/xss/*.yaml; do
  "$NB_BIN" render -f md,html -o "$tmp/out" "$f" >/dev/null 2>&1 || fail "render $f"
  check_svg "$f" "$tmp/out" || fail "charts of $(basename "$f")"
done

# ---- edge cases: made from seed 004 ----------------------------------------------------
seed=$fixtures/2024-军屯乡人民政府.yaml
variant() { # NAME ITEMS-YAML [SETTING]: seed 004 with other published items
  "$PY" - "$seed" "$tmp/$1.yaml" "$2" "${3:-}" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
items = sys.argv[3]
text = re.sub(r"(?ms)^  published_items:\n(    - .*?\n)+", "  published_items:\n" + items, text)
total = sum(int(c) for c in re.findall(r"count: (\d+)", items))
text = re.sub(r"全年通过政府网站公开政府信息数49条", "全年通过政府网站公开政府信息", text)
text = re.sub(r"主动公开政府信息49条，其中.*?。", "主动公开政府信息。", text)
if sys.argv[4]:
    text += "charts:\n  published: %s\n" % sys.argv[4]
open(sys.argv[2], "w", encoding="utf-8").write(text)
EOF
}
long=$(printf '很长的类别名称%.0s' 1 2 3 4 5 6)一二三四  # 46 characters
variant one '    - {category: 各类信息, count: 7}\n' 
variant many "$(for i in $(seq 1 50); do printf '    - {category: 类别%02d, count: %d}\n' "$i" "$i"; done)"$'\n'
variant long "    - {category: $long, count: 999999999}"$'\n'"    - {category: 短, count: 999999999}"$'\n'
variant marks $'    - {category: "A<b>&\\"\'\u202e甲\u200f", count: 2}\n    - {category: 乙, count: 1}\n'
variant zero $'    - {category: 甲, count: 0}\n    - {category: 乙, count: 0}\n'
variant forced $'    - {category: 甲, count: 3}\n    - {category: 乙, count: 1}\n' 条形图
variant nine "$(for i in 1 2 3 4 5 6 7 8 9; do printf '    - {category: 类%d, count: %d}\n' "$i" "$i"; done)"$'\n' 饼图
for v in one many long marks zero forced nine; do
  sed -i 's/\\n/\n/g' "$tmp/$v.yaml"
  mkdir -p "$tmp/$v"
  if ! "$NB_BIN" render -f md,html -o "$tmp/$v" "$tmp/$v.yaml" >"$tmp/log" 2>&1; then
    grep -q '错误' "$tmp/log" && { cat "$tmp/log"; fail "render of the $v variant"; continue; }
  fi
  check_svg "$tmp/$v.yaml" "$tmp/$v" || fail "charts of the $v variant"
done
grep -q $'\u202e' "$tmp/marks/"*-图1.svg && fail "a right-to-left override reached the SVG"
ls "$tmp/zero/"*-图*.svg >/dev/null 2>&1 && fail "a chart although nothing was published"
grep -q '很长的类别名称很长…' "$tmp/long/"*-图1.svg || fail "a long name is not shortened"
grep -q "<title>$long：999999999条，50%</title>" "$tmp/long/"*-图1.svg || fail "the full long name is not in <title>"

# ---- stale charts go: the setting 不画 removes the file of an earlier run -----------------
variant stale $'    - {category: 甲, count: 3}\n' 不画
sed -i 's/\\n/\n/g' "$tmp/stale.yaml"
"$NB_BIN" render -f md -o "$tmp/one" "$tmp/stale.yaml" >/dev/null 2>&1
ls "$tmp/one/"*-图1.svg >/dev/null 2>&1 && fail "a stale chart file was left beside the Markdown"

# ---- a chart template with a Mustache error: positioned NB4xx, nothing written ----------
mkdir -p "$tmp/badtpl"
printf '<svg>\n{{#slices}}\n' >"$tmp/badtpl/chart-pie.svg.mustache"
for fmt in md html graphic; do
  "$NB_BIN" render --templates "$tmp/badtpl" -f $fmt -o "$tmp/bad-$fmt" "$fixtures/2024-瓦窑沟乡人民政府.yaml" \
    >/dev/null 2>"$tmp/err"
  rc=$?
  [ $rc = 1 ] || fail "a broken chart template: render -f $fmt exited $rc, expected 1"
  grep -q 'chart-pie.svg.mustache:2:1: 错误\[NB401\]' "$tmp/err" || fail "-f $fmt: no positioned NB401: $(cat "$tmp/err")"
  ls "$tmp/bad-$fmt"/* >/dev/null 2>&1 && fail "-f $fmt wrote files although a chart template is broken"
done

# ---- seed 004: 15 categories, 49 items, in the HTML, the SVG and the PDF ---------------
"$NB_BIN" render -f md,html -o "$tmp/s4" "$seed" >/dev/null 2>&1 || fail "render of seed 004"
if command -v pdftotext >/dev/null && command -v pdfimages >/dev/null; then
  if "$NB_BIN" render -f pdf -o "$tmp/s4" "$seed" >/dev/null 2>"$tmp/err"; then
    pdftotext -raw "$tmp/s4/2024-军屯乡人民政府.pdf" "$tmp/s4/pdf.txt"
    [ "$(pdfimages -list "$tmp/s4/2024-军屯乡人民政府.pdf" | tail -n +3 | wc -l)" = 0 ] ||
      fail "the report PDF holds a raster image"
    grep -q '^图1 2024年主动公开政府信息分类情况$' "$tmp/s4/pdf.txt" || fail "no caption in the PDF"
  elif grep -q 'NB501' "$tmp/err"; then
    echo "note: fonts missing, the PDF is not checked"
  else
    fail "render -f pdf of seed 004: $(cat "$tmp/err")"
  fi
fi
"$PY" - "$seed" "$tmp/s4" <<'EOF' || fail "seed 004's chart"
import os, sys, yaml
data = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
items = data["overview"]["published_items"]
d = sys.argv[2]
svg = open(os.path.join(d, "2024-军屯乡人民政府-图1.svg"), encoding="utf-8").read()
page = open(os.path.join(d, "2024-军屯乡人民政府.html"), encoding="utf-8").read()
txt = os.path.join(d, "pdf.txt")
pdf = open(txt, encoding="utf-8").read() if os.path.exists(txt) else None
total = sum(i["count"] for i in items)
bad = []
if len(items) != 15 or total != 49:
    bad.append("seed 004 has %d categories summing to %d, not 15 and 49" % (len(items), total))
# the largest-remainder percentages, computed here independently
floors = [i["count"] * 100 // total for i in items]
rest = sorted(range(len(items)), key=lambda k: (-(items[k]["count"] * 100 % total), k))
for k in rest[:100 - sum(floors)]:
    floors[k] += 1
for i, pc in zip(items, floors):
    name, fig = i["category"], "%d条 %d%%" % (i["count"], pc)
    if "<title>%s：%d条，%d%%</title>" % (name, i["count"], pc) not in svg:
        bad.append("SVG lacks %s %s" % (name, fig))
    if "<li>%s：%d条，占%d%%</li>" % (name, i["count"], pc) not in page:
        bad.append("HTML lacks %s %s" % (name, fig))
    if pdf is not None and ("%s\n%s" % (name, fig) not in pdf and "%s %s" % (name, fig) not in pdf):
        bad.append("PDF text lacks %s %s" % (name, fig))
if sum(floors) != 100:
    bad.append("percentages sum to %d" % sum(floors))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
EOF
exit $failed
