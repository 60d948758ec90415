#!/bin/bash
# The tagged PDF read back by poppler and qpdf, for every fixtures/*.yaml (the seed reports):
# pdfinfo says "Tagged: yes"; the structure tree that `pdfinfo -struct-text` prints has the
# title as H1, the six part headings as H2 in order, and each of the report's tables as a
# Table whose TR/TH/TD (with their RowSpan/ColSpan, placed as HTML places cells) hold, slot by
# slot, the cells of the table in the report's Markdown: every label in a TH (with /Scope for
# the column and row headers), every figure in a TD of the same row and column; qpdf --check
# is clean; qpdf --json shows PDF/A-2b: XMP metadata (uncompressed) with pdfaid:part 2 and
# pdfaid:conformance B whose title, author, subject, keywords, tools and dates equal the
# information dictionary's (dates also under SOURCE_DATE_EPOCH), an sRGB output intent with an
# RGB ICC profile, a file identifier, /Lang (zh-CN), /MarkInfo, /DisplayDocTitle, no /Encrypt
# and no JavaScript; and the tags move nothing: every page rendered by pdftoppm is pixel-identical to
# the same page of the untagged file (NIANBAO_PDF_PLAIN=1).
# Skipped (77) when poppler, qpdf, python3 or the fonts are missing.
set -u
bin=${NB_BIN:?}
src=${NB_SOURCE_DIR:?}
for tool in pdfinfo pdftoppm qpdf python3; do
  command -v "$tool" >/dev/null || { echo "skip: $tool missing"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

check_one() {
  local yaml=$1 name pdf
  name=$(basename "$yaml" .yaml)
  rm -rf "$tmp/a" "$tmp/p" "$tmp/e" "$tmp/img"
  mkdir -p "$tmp/a" "$tmp/p" "$tmp/e" "$tmp/img"
  if ! "$bin" render -f pdf,md -o "$tmp/a" "$yaml" >/dev/null 2>"$tmp/err"; then
    if grep -q 'NB501' "$tmp/err"; then echo "skip: fonts missing"; exit 77; fi
    bad "$name: render failed: $(tail -3 "$tmp/err")"
    return
  fi
  pdf=$tmp/a/$name.pdf
  pdfinfo "$pdf" | grep -q '^Tagged: *yes' || bad "$name: pdfinfo does not say Tagged: yes"
  qpdf --check "$pdf" >"$tmp/qpdf" 2>&1 || bad "$name: qpdf --check: $(tail -3 "$tmp/qpdf")"
  pdfinfo -struct-text "$pdf" >"$tmp/struct.txt" 2>"$tmp/struct.err" ||
    bad "$name: pdfinfo -struct-text failed: $(head -3 "$tmp/struct.err")"
  python3 - "$tmp/a/$name.md" "$tmp/struct.txt" "$name" <<'PY' || fail=1
import html.parser, re, sys
md_path, struct_path, name = sys.argv[1:4]
md = open(md_path, encoding="utf-8").read()
bad = []

# ---- the tree pdfinfo printed: "<indent>Type[ (block)][:]", attribute lines "/Key value",
# text lines "\"…\"" under their element
root = {"type": "root", "attrs": {}, "text": "", "kids": []}
stack = [(-1, root)]
for line in open(struct_path, encoding="utf-8").read().splitlines():
    if not line.strip():
        continue
    indent = len(line) - len(line.lstrip(" "))
    body = line.strip()
    while stack[-1][0] >= indent:
        stack.pop()
    owner = stack[-1][1]
    if body.startswith('"'):
        owner["text"] += body[1:-1]
    elif body.startswith("/"):
        key, _, value = body[1:].partition(" ")
        owner["attrs"][key] = value.strip()
    else:
        node = {"type": re.sub(r"[ :].*$", "", body), "attrs": {}, "text": "", "kids": []}
        owner["kids"].append(node)
        stack.append((indent, node))

def walk(n):
    yield n
    for k in n["kids"]:
        yield from walk(k)

def text(n):
    return "".join(x["text"] for x in walk(n))

nodes = list(walk(root))
docs = [n for n in nodes if n["type"] == "Document"]
if len(docs) != 1:
    bad.append(f"{len(docs)} Document elements, not one")

flat = lambda s: re.sub(r"\s+", "", s)
title = re.search(r"(?m)^# (.+)$", md).group(1)
h1 = [text(n) for n in nodes if n["type"] == "H1"]
if [flat(t) for t in h1] != [flat(title)]:
    bad.append(f"H1 is {h1}, not [{title}]")
parts = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
         "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
         "六、其他需要报告的事项"]
h2 = [flat(text(n)) for n in nodes if n["type"] == "H2"]
if h2 != parts:
    bad.append(f"H2 in order are {h2}")
for n in nodes:
    if n["type"] in ("H3", "P") and not text(n).strip():
        bad.append(f"an empty {n['type']}")

# ---- grids: slot (row, col) -> (tag, text, rowspan, colspan, scope), placed as HTML does
def place(rows):
    grid, taken = {}, set()
    for r, cells in enumerate(rows):
        c = 0
        for tag, rs, cs, txt, scope in cells:
            while (r, c) in taken:
                c += 1
            for i in range(rs):
                for j in range(cs):
                    taken.add((r + i, c + j))
            grid[(r, c)] = (tag, flat(txt), rs, cs, scope)
            c += cs
    return grid

class Tables(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.cell = [], None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            scope = {"col": "Column", "colgroup": "Column", "row": "Row",
                     "rowgroup": "Row"}.get(a.get("scope", ""), None)
            self.cell = [tag.upper(), int(a.get("rowspan", 1)), int(a.get("colspan", 1)), "",
                         scope if tag == "th" else None]
            self.tables[-1][-1].append(self.cell)
    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            self.cell = None
    def handle_data(self, data):
        if self.cell is not None:
            self.cell[3] += data

p = Tables()
p.feed(md)
want = [place([[tuple(c) for c in row] for row in t]) for t in p.tables]

got = []
for t in (n for n in nodes if n["type"] == "Table"):
    rows = []
    for tr in t["kids"]:
        if tr["type"] != "TR":
            bad.append(f"a {tr['type']} directly in a Table")
            continue
        rows.append([(c["type"], int(c["attrs"].get("RowSpan", 1)),
                      int(c["attrs"].get("ColSpan", 1)), text(c),
                      c["attrs"].get("Scope", "").lstrip("/") or None)
                     for c in tr["kids"] if c["type"] in ("TH", "TD")])
    got.append(place(rows))

if len(got) != len(want):
    bad.append(f"{len(got)} tables tagged, the report has {len(want)}")
for k, (g, w) in enumerate(zip(got, want)):
    for slot, cell in sorted(w.items()):
        if g.get(slot) != cell:
            bad.append(f"table {k + 1} row {slot[0] + 1} column {slot[1] + 1}: "
                       f"tagged {g.get(slot)}, the report has {cell}")
    extra = sorted(set(g) - set(w))
    if extra:
        bad.append(f"table {k + 1}: cells at {extra} that the report does not have")
    if not any(c[0] == "TD" and re.fullmatch(r"[\d.]+", c[1]) for c in w.values()):
        bad.append(f"table {k + 1}: no figure found (the test reads the wrong thing)")

for b in bad[:20]:
    print(f"FAIL: {name}: {b}")
sys.exit(1 if bad else 0)
PY

  # PDF/A-2b and the catalog entries, as qpdf reads them
  local files=("$pdf")
  if [ "$yaml" = "${all[0]}" ]; then # the dates under SOURCE_DATE_EPOCH: once is enough
    SOURCE_DATE_EPOCH=1735689600 "$bin" render -f pdf -o "$tmp/e" "$yaml" >/dev/null 2>&1
    files+=("$tmp/e/$name.pdf")
  fi
  for f in "${files[@]}"; do
    qpdf --json=2 --json-stream-data=none "$f" >"$tmp/q.json" 2>"$tmp/q.err" ||
      { bad "$name: qpdf --json: $(head -3 "$tmp/q.err")"; continue; }
    python3 - "$tmp/q.json" "$name" "$f" <<'PY' || fail=1
import json, re, subprocess, sys
path, name, pdf = sys.argv[1:4]
d = json.load(open(path))
objs = d["qpdf"][1]
bad = []
def obj(ref):
    return objs.get("obj:" + ref, {})
def val(ref):
    return obj(ref).get("value", obj(ref).get("stream", {}).get("dict")) or {}
def data(ref):  # the stream's decoded bytes, by qpdf
    num = ref.split()[0] if ref else "0"
    r = subprocess.run(["qpdf", f"--show-object={num}", "--filtered-stream-data", pdf],
                       capture_output=True)
    return r.stdout if r.returncode == 0 else b""
def text(v):  # qpdf's "u:…" strings
    return v[2:] if isinstance(v, str) and v.startswith("u:") else v
trailer = objs["trailer"]["value"]
root = val(trailer["/Root"])
info = val(trailer["/Info"])
if root.get("/MarkInfo", {}).get("/Marked") is not True:
    bad.append("no /MarkInfo << /Marked true >>")
if text(root.get("/Lang")) != "zh-CN":
    bad.append(f"/Lang is {root.get('/Lang')}")
if root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is not True:
    bad.append("no /ViewerPreferences << /DisplayDocTitle true >>")
if not root.get("/StructTreeRoot"):
    bad.append("no /StructTreeRoot")
ids = trailer.get("/ID", [])
if len(ids) != 2 or not all(re.fullmatch(r"b:[0-9a-f]{32}", i) for i in ids):
    bad.append(f"file identifier /ID is {ids}")
if "/Encrypt" in trailer or d.get("encrypt", {}).get("encrypted"):
    bad.append("encrypted")
raw = open(pdf, "rb").read()
for o in objs.values():
    v = o.get("value", o.get("stream", {}).get("dict"))
    if isinstance(v, dict) and ("/JS" in v or v.get("/S") == "/JavaScript"):
        bad.append("JavaScript")
intents = root.get("/OutputIntents", [])
if len(intents) != 1 or intents[0].get("/S") != "/GTS_PDFA1":
    bad.append(f"output intents {intents}")
else:
    prof = intents[0].get("/DestOutputProfile", "")
    icc = data(prof)
    if val(prof).get("/N") != 3 or icc[36:40] != b"acsp" or icc[16:20] != b"RGB ":
        bad.append("the output intent's profile is not an RGB ICC profile")
meta = root.get("/Metadata")
xmp = data(meta).decode("utf-8") if meta else ""
if meta and (val(meta) or {}).get("/Filter"):
    bad.append("the XMP metadata stream is compressed")
def xmp_field(tag):
    m = re.search(rf"<{tag}>(?:<rdf:(?:Alt|Seq)><rdf:li[^>]*>)?(.*?)<", xmp, re.S)
    return m.group(1) if m else None
if xmp_field("pdfaid:part") != "2" or xmp_field("pdfaid:conformance") != "B":
    bad.append("XMP lacks pdfaid:part 2 / pdfaid:conformance B")
for key, tag in (("/Title", "dc:title"), ("/Author", "dc:creator"), ("/Subject", "dc:description"),
                 ("/Keywords", "pdf:Keywords"), ("/Creator", "xmp:CreatorTool"),
                 ("/Producer", "pdf:Producer")):
    if text(info.get(key)) != xmp_field(tag):
        bad.append(f"Info {key} {text(info.get(key))!r} but XMP {tag} {xmp_field(tag)!r}")
def info_date(v):  # D:YYYYMMDDHHmmSS… → YYYY-MM-DDTHH:mm:SS
    m = re.match(r"(?:u:)?D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)", v or "")
    return m and "{}-{}-{}T{}:{}:{}".format(*m.groups())
for key, tag in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
    if info_date(info.get(key)) != ((xmp_field(tag) or "")[:19] or None):
        bad.append(f"Info {key} {info.get(key)} but XMP {tag} {xmp_field(tag)}")
if "/e/" in pdf and xmp_field("xmp:CreateDate") != "2025-01-01T00:00:00Z":
    bad.append(f"SOURCE_DATE_EPOCH=1735689600 but xmp:CreateDate {xmp_field('xmp:CreateDate')}")
for b in bad:
    print(f"FAIL: {name}: {b}")
sys.exit(1 if bad else 0)
PY
  done

  # the tags move nothing on the page
  NIANBAO_PDF_PLAIN=1 "$bin" render -f pdf -o "$tmp/p" "$yaml" >/dev/null 2>&1
  pdfinfo "$tmp/p/$name.pdf" | grep -q '^Tagged: *no' || bad "$name: NIANBAO_PDF_PLAIN=1 still tagged"
  pdftoppm -r 60 "$pdf" "$tmp/img/t"
  pdftoppm -r 60 "$tmp/p/$name.pdf" "$tmp/img/p"
  local n=0 page
  for page in "$tmp"/img/t-*.ppm; do
    n=$((n + 1))
    cmp -s "$page" "$tmp/img/p-${page##*/t-}" || bad "$name: page ${page##*/t-} differs from the untagged one"
  done
  [ "$n" -gt 0 ] && [ "$n" -eq "$(ls "$tmp"/img/p-*.ppm | wc -l)" ] ||
    bad "$name: $n tagged pages, $(ls "$tmp"/img/p-*.ppm | wc -l) untagged"
  echo "ok: $name: $n pages"
}

shopt -s nullglob
all=("$src"/fixtures/*.yaml)
[ ${#all[@]} -gt 0 ] || { echo "skip: no fixtures"; exit 77; }
for f in "${all[@]}"; do
  check_one "$f"
done
exit $fail
