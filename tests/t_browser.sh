#!/bin/bash
# The HTML reports in a real browser: headless Chromium loads each rendered page, the DOM it
# built is checked for the official cell structure of tables 二, 三 and 四 (rows, columns after
# rowspan/colspan, merged cells, the corner label) and for the absence of any script, and a
# screenshot of each page is saved under out/browser/ of the source tree (git-ignored) to look
# at. Skipped (77) when Chromium is not installed.
set -u
: "${NB_BIN:?}" "${NB_SOURCE_DIR:?}"
CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$CHROMIUM" ]; then
  echo "chromium not installed: skipped"
  exit 77
fi
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shots=$NB_SOURCE_DIR/out/browser
mkdir -p "$shots"
failed=0

(cd "$tmp" && "$NB_BIN" render -f html -o html "$NB_SOURCE_DIR"/fixtures/*.yaml \
  "$NB_SOURCE_DIR"/fixtures/xss/*.yaml >/dev/null 2>&1) || {
  echo "FAIL: render"
  exit 1
}

browse() {
  # a fresh profile each time: no state leaks between pages or runs
  timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --user-data-dir="$tmp/profile" "$@" 2>/dev/null
}

for page in "$tmp"/html/*.html; do
  name=$(basename "$page" .html)
  if ! browse --dump-dom "file://$page" >"$tmp/dom.html" || [ ! -s "$tmp/dom.html" ]; then
    echo "FAIL: chromium could not load $name"
    failed=1
    continue
  fi
  if ! "$PY" - "$tmp/dom.html" "$name" <<'EOF'; then
import html.parser
import sys


class Tables(html.parser.HTMLParser):
    """Collects every table as rows of cells (tag, rowspan, colspan, text), and notes
    scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.cell, self.scripts, self.h2 = [], None, 0, []
        self.in_h2 = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        elif tag == "table":
            self.tables.append({"cls": a.get("class", ""), "rows": []})
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self.cell = [tag, int(a.get("rowspan", 1)), int(a.get("colspan", 1)), "",
                         a.get("scope")]
            self.tables[-1]["rows"][-1].append(self.cell)
        elif tag == "h2":
            self.in_h2 = True
            self.h2.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None
        elif tag == "h2":
            self.in_h2 = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[3] += data.strip()
        if self.in_h2:
            self.h2[-1] += data.strip()


def grid(rows):
    """Places cells as HTML does; returns (number of rows, columns per row)."""
    taken = {}
    widths = []
    for r, row in enumerate(rows):
        c = 0
        for tag, rs, cs, text, scope in row:
            while (r, c) in taken:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    taken[(r + dr, c + dc)] = True
            c += cs
        widths.append(max([cc + 1 for (rr, cc) in taken if rr == r] or [0]))
    return len(rows), widths


dom, name = sys.argv[1], sys.argv[2]
p = Tables()
p.feed(open(dom, encoding="utf-8").read())
problems = []


def expect(what, got, want):
    if got != want:
        problems.append("%s: %r, expected %r" % (what, got, want))


expect("scripts", p.scripts, 0)
expect("tables", [t["cls"] for t in p.tables],
       ["nb-table nb-t2", "nb-table nb-t3", "nb-table nb-t4"])
expect("parts", p.h2, ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                       "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                       "六、其他需要报告的事项"])
if len(p.tables) == 3:
    t2, t3, t4 = (t["rows"] for t in p.tables)
    n, w = grid(t2)
    expect("table 二 rows", n, 14)
    expect("table 二 columns", set(w), {4})
    expect("table 二 block headers", [r[0][3] for r in t2 if r[0][2] == 4],
           ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"])
    n, w = grid(t3)
    expect("table 三 rows", n, 28)
    expect("table 三 columns", set(w), {10})
    corner = t3[0][0]
    expect("table 三 corner", corner[:4], ["td", 3, 3, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"])
    expect("table 三 data cells per row", [sum(1 for c in r if c[0] == "td") for r in t3[3:]], [7] * 25)
    spans = [(c[3], c[1]) for r in t3 for c in r if c[0] == "th" and c[1] > 1]
    expect("table 三 merged row labels", spans,
           [("自然人", 2), ("总计", 2), ("三、本年度办理结果", 22), ("（三）不予公开", 8),
            ("（四）无法提供", 3), ("（五）不予处理", 5), ("（六）其他处理", 3)])
    expect("table 三 last row", t3[-1][0][3], "四、结转下年度继续办理")
    expect("table 三 row headers have scope", [c[3] for r in t3[3:] for c in r
                                              if c[0] == "th" and not c[4]], [])
    n, w = grid(t4)
    expect("table 四 rows", n, 4)
    expect("table 四 columns", set(w), {15})
    expect("table 四 first header row", [(c[3], c[2]) for c in t4[0]], [("行政复议", 5), ("行政诉讼", 10)])
    expect("table 四 cells spanning two rows", [c[3] for c in t4[1] if c[1] == 2],
           ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
    expect("table 四 figures", len(t4[3]), 15)
for problem in problems:
    print("%s: %s" % (name, problem))
sys.exit(1 if problems else 0)
EOF
    failed=1
  fi
  browse --screenshot="$shots/$name.png" --window-size=1200,5200 "file://$page" >/dev/null ||
    echo "warning: no screenshot of $name"
done
browse --screenshot="$shots/phone.png" --window-size=390,2400 \
  "file://$tmp/html/2024-军屯乡人民政府.html" >/dev/null
echo "screenshots in $shots"
exit $failed
