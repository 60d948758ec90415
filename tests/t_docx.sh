#!/bin/bash
# render -f docx checked by the programs offices and their IT use, not by our own reader:
#   - two runs give the same bytes (SOURCE_DATE_EPOCH);
#   - python-docx (docx_check.py): page set-up, styles, fonts, properties, the three tables as
#     grids whose merged cells equal the HTML tables, table 三's figures equal the JSON, no
#     Markdown mark left; the checker itself fails on a docx with one merge removed; the charts
#     are DrawingML charts with the data's figures and their captions;
#   - LibreOffice converts every .docx to PDF and to text headless (a file it had to repair
#     would not convert); the text has every part heading, every table-三 label and figure.
# Needs libreoffice-writer-nogui, python3-docx, poppler-utils (.ci/test.sh installs them).
set -u
bin=${NB_BIN:?}
src=${NB_SOURCE_DIR:?}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
command -v soffice >/dev/null || { echo "skip: soffice missing (apt-get install libreoffice-writer-nogui)"; exit 77; }
command -v pdfinfo >/dev/null || { echo "skip: pdfinfo missing (poppler-utils)"; exit 77; }
"$PY" -c 'import docx' 2>/dev/null || { echo "skip: python3-docx missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# inputs: the fixtures, and one whose prose has emphasis, strong text and a list
mkdir "$tmp/in"
cp "$src"/fixtures/*.yaml "$tmp/in/"
sed -e 's/^\(  active_disclosure: |\)$/\1\n    本年度**重点**公开了*财政预算*信息：\n\n    1. 预算公开\n    2. 决算公开\n/' \
    -e 's/^  name: 瓦窑沟乡人民政府/  name: 强调乡人民政府/' \
    "$src/fixtures/2024-瓦窑沟乡人民政府.yaml" >"$tmp/in/2024-强调乡人民政府.yaml"

export SOURCE_DATE_EPOCH=1737331200
"$bin" render -f docx,html,json -o "$tmp/a" "$tmp"/in/*.yaml >/dev/null 2>&1 || bad "render failed"
"$bin" render -f docx -o "$tmp/b" "$tmp"/in/*.yaml >/dev/null 2>&1 || bad "second render failed"
n=0
for f in "$tmp"/a/*.docx; do
  n=$((n + 1))
  cmp -s "$f" "$tmp/b/$(basename "$f")" || bad "$(basename "$f"): two runs gave different bytes"
  size=$(stat -c %s "$f")
  [ "$size" -le 30720 ] || bad "$(basename "$f"): $size bytes, more than 30 KB"
  base=${f%.docx}
  "$PY" "$src/tests/docx_check.py" "$f" "$base.html" "$base.json" || bad "$(basename "$f"): python-docx check"
done
[ $n = 5 ] || bad "$n .docx files written, expected 5"

# emphasis and lists became runs and paragraphs
emph="$tmp/a/2024-强调乡人民政府.docx"
doc=$(unzip -p "$emph" word/document.xml)
grep -q '<w:rStyle w:val="nbStrong"/></w:rPr><w:t xml:space="preserve">重点</w:t>' <<<"$doc" || bad "**重点** is not a strong run"
grep -q '<w:rStyle w:val="nbEm"/></w:rPr><w:t xml:space="preserve">财政预算</w:t>' <<<"$doc" || bad "*财政预算* is not an emphasis run"
grep -q '<w:t xml:space="preserve">1.</w:t></w:r><w:r><w:t xml:space="preserve">预算公开</w:t>' <<<"$doc" || bad "list item 1 is not a numbered paragraph"

# charts (render/chart.h) are DrawingML charts python-docx sees as inline chart shapes, each
# with its figures in the chart part and its caption under it
"$PY" - "$tmp/a/2024-瓦窑沟乡人民政府.docx" "$tmp/a/2024-瓦窑沟乡人民政府.json" <<'PYEOF' || bad "charts in the .docx"
import json, re, sys, zipfile
import docx
from docx.enum.shape import WD_INLINE_SHAPE
d = docx.Document(sys.argv[1])
kinds = [s.type for s in d.inline_shapes]
assert kinds == [WD_INLINE_SHAPE.CHART], kinds
xml = zipfile.ZipFile(sys.argv[1]).read("word/charts/chart1.xml").decode()
items = json.load(open(sys.argv[2], encoding="utf-8"))["overview"]["published_items"]
vals = re.findall(r"<c:numCache>.*?</c:numCache>", xml)[0]
assert sorted(int(v) for v in re.findall(r"<c:v>(\d+)</c:v>", vals)) == sorted(i["count"] for i in items), vals
caps = [p.text for p in d.paragraphs if p.style.style_id == "nbCaption"]
assert caps and caps[0].startswith("图1"), caps
PYEOF

# the checker can fail: a docx with table 三's corner cell unmerged
"$PY" - "$emph" "$tmp/broken.docx" <<'PYEOF'
import sys, zipfile
zi, zo = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for n in zi.namelist():
    d = zi.read(n)
    if n == "word/document.xml":
        d = d.replace(b'<w:gridSpan w:val="3"/><w:vMerge w:val="restart"/>', b'<w:gridSpan w:val="3"/>', 1)
    zo.writestr(n, d)
zo.close()
PYEOF
base=${emph%.docx}
"$PY" "$src/tests/docx_check.py" "$tmp/broken.docx" "$base.html" "$base.json" >/dev/null &&
  bad "docx_check.py accepted a table 三 without its merged corner"

# LibreOffice: PDF and text, headless
lo=(soffice --headless "-env:UserInstallation=file://$tmp/profile")
HOME=$tmp "${lo[@]}" --convert-to pdf --outdir "$tmp/pdf" "$tmp"/a/*.docx >/dev/null 2>&1
HOME=$tmp "${lo[@]}" --convert-to txt:Text --outdir "$tmp/txt" "$tmp"/a/*.docx >/dev/null 2>&1
for f in "$tmp"/a/*.docx; do
  name=$(basename "$f" .docx)
  pdf="$tmp/pdf/$name.pdf" txt="$tmp/txt/$name.txt"
  [ -s "$pdf" ] || { bad "$name: LibreOffice made no PDF"; continue; }
  pdfinfo "$pdf" | grep -q 'Page size: *595.* x 841.* pts (A4)' || bad "$name: LibreOffice PDF is not A4"
  [ -s "$txt" ] || { bad "$name: LibreOffice made no text"; continue; }
  "$PY" - "$txt" "$tmp/a/$name.json" "$src/templates/table3.mustache" <<'PYEOF' || bad "$name: LibreOffice text"
import json, re, sys
text = open(sys.argv[1], encoding="utf-8-sig").read()
js = json.load(open(sys.argv[2], encoding="utf-8"))
tpl = open(sys.argv[3], encoding="utf-8").read()
ok = True
def bad(m):
    global ok
    ok = False
    print(m)
for h in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
          "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
    if h not in text:
        bad(f"heading {h} missing")
for label in re.findall(r'<th[^>]*>([^<{]+)</th>', tpl):
    if label not in text:
        bad(f"table 三 label {label} missing")
cols = ["natural", "business", "research", "nonprofit", "legal", "other", "total"]
a = js["applications"]; res = a["results"]
rows = [a["new"], a["carried_over"], res["granted"], res["partially_granted"]]
for g in ("denied", "unavailable", "not_processed", "other"):
    rows += list(res[g].values())
rows += [res["total"], a["carry_forward"]]
want = [str(r[c]) for r in rows for c in cols]
part = text[text.index("三、收到和处理政府信息公开申请情况"):text.index("四、政府信息公开行政复议")]
got = [l.strip() for l in part.splitlines() if re.fullmatch(r"\d+", l.strip())]
if got != want:
    bad(f"table 三 figures in the text {got} differ from the JSON {want}")
sys.exit(0 if ok else 1)
PYEOF
done
exit $fail
