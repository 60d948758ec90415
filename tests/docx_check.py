"""Checks a .docx written by `nianbao render -f docx` against the report's HTML and JSON, with
python-docx (Debian python3-docx) as the reader: every part well-formed; the page set-up of
GB/T 9704; the styles; table 三 as a grid whose merged cells (gridSpan, vMerge) are exactly the
HTML table's (colspan, rowspan) and whose figures equal the JSON; header rows repeated, rows
not split; no Markdown mark left in the text. Usage: docx_check.py DOCX HTML JSON
Prints one line per problem; exit status 1 when there is one."""
import json
import re
import sys
import zipfile
from html.parser import HTMLParser
from xml.dom import minidom

import docx
from docx.oxml.ns import qn

problems = []


def bad(msg):
    problems.append(msg)


class Tables(HTMLParser):
    """The tables of an HTML page as lists of rows of (text, rowspan, colspan, is_head)."""

    def __init__(self):
        super().__init__()
        self.tables, self.cell, self.thead = [], None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append({"rows": [], "nhead": 0})
        elif tag == "thead":
            self.thead = True
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
            if self.thead:
                self.tables[-1]["nhead"] += 1
        elif tag in ("td", "th") and self.tables:
            self.cell = [int(a.get("rowspan", 1)), int(a.get("colspan", 1)), ""]

    def handle_endtag(self, tag):
        if tag == "thead":
            self.thead = False
        elif tag in ("td", "th") and self.cell is not None:
            rs, cs, text = self.cell
            self.tables[-1]["rows"][-1].append((text.strip(), rs, cs))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[2] += data


def place(rows):
    """HTML placement: {(row, col): (text, rowspan, colspan)} for each cell's top-left slot."""
    taken, cells = set(), {}
    for r, row in enumerate(rows):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            cells[(r, c)] = (text, rs, cs)
            for i in range(rs):
                for j in range(cs):
                    taken.add((r + i, c + j))
            c += cs
    return cells


def word_grid(tbl):
    """The same map from a w:tbl: gridSpan for colspan, vMerge restart/continue for rowspan."""
    cells, open_cells = {}, {}
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):
        c = 0
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span = pr.find(qn("w:gridSpan")) if pr is not None else None
            cs = int(span.get(qn("w:val"))) if span is not None else 1
            vm = pr.find(qn("w:vMerge")) if pr is not None else None
            text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                             for p in tc.findall(qn("w:p"))).strip()
            if vm is not None and vm.get(qn("w:val")) != "restart":
                top = open_cells.get(c)
                if top is None:
                    bad(f"row {r} column {c}: vMerge continues no cell")
                else:
                    t, rs, tcs = cells[top]
                    cells[top] = (t, rs + 1, tcs)
                    if tcs != cs:
                        bad(f"row {r} column {c}: continuation spans {cs}, its cell {tcs}")
            else:
                cells[(r, c)] = (text, 1, cs)
                for j in range(cs):  # only a restart opens a merge below it
                    open_cells.pop(c + j, None)
                if vm is not None:
                    open_cells[c] = (r, c)
            c += cs
    return cells


def check_parts(path):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        for n in names:
            try:
                minidom.parseString(z.read(n))
            except Exception as e:  # noqa: BLE001 - any parse error is a problem
                bad(f"{n}: not well-formed XML: {e}")
        for n in ("word/footer1.xml", "word/footer2.xml"):
            x = z.read(n).decode()
            if "PAGE" not in x or "— " not in x or " —" not in x:
                bad(f"{n}: no '— PAGE —' field")
        if "<w:evenAndOddHeaders/>" not in z.read("word/settings.xml").decode():
            bad("settings: no w:evenAndOddHeaders")
        body = z.read("word/document.xml").decode()
        for t in re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body):
            if "**" in t or re.search(r"(^|[^0-9])\*[^*\s]", t) or t.startswith("- ") or t.startswith("#"):
                bad(f"a Markdown mark is left in the text: {t!r}")


def check_layout(d):
    s = d.sections[0]
    mm = lambda v: round(v / 36000, 1)  # EMU → mm
    got = (mm(s.page_width), mm(s.page_height), mm(s.top_margin), mm(s.left_margin),
           mm(s.page_width - s.left_margin - s.right_margin),
           mm(s.page_height - s.top_margin - s.bottom_margin))
    want = (210.0, 297.0, 37.0, 28.0, 156.0, 225.0)
    for g, w, what in zip(got, want, ("width", "height", "top", "left", "area width", "area height")):
        if abs(g - w) > 0.2:
            bad(f"page {what} {g} mm, expected {w} mm")
    grid = s._sectPr.find(qn("w:docGrid"))
    if grid is None or grid.get(qn("w:type")) != "linesAndChars" or grid.get(qn("w:linePitch")) != "579":
        bad("docGrid is not linesAndChars with 22 lines (pitch 579)")
    fonts = {}
    for st in d.styles:
        rpr = st.element.find(qn("w:rPr"))
        rf = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if rf is not None:
            fonts[st.style_id] = (rf.get(qn("w:eastAsia")), rf.get(qn("w:ascii")))
    for sid, east in (("nbTitle", "方正小标宋简体"), ("nbH1", "黑体"), ("nbH2", "楷体_GB2312"),
                      ("nbBody", "仿宋_GB2312")):
        if fonts.get(sid, (None,))[0] != east:
            bad(f"style {sid}: East Asian font {fonts.get(sid)}, expected {east}")
        if fonts.get(sid, (None, None))[1] != "Times New Roman":
            bad(f"style {sid}: Latin font {fonts.get(sid)}, expected Times New Roman")
    cp = d.core_properties
    if not cp.title.endswith("政府信息公开工作年度报告") or not cp.author:
        bad(f"document properties: title {cp.title!r}, author {cp.author!r}")


def t3_figures(js):
    cols = ["natural", "business", "research", "nonprofit", "legal", "other", "total"]
    a = js["applications"]
    res = a["results"]
    rows = [a["new"], a["carried_over"], res["granted"], res["partially_granted"]]
    for g in ("denied", "unavailable", "not_processed", "other"):
        rows += [v for k, v in res[g].items()]
    rows += [res["total"], a["carry_forward"]]
    return [[str(r[c]) for c in cols] for r in rows]


def check_table3(d, html, js):
    p = Tables()
    p.feed(html)
    if len(p.tables) != 3 or len(d.tables) != 3:
        bad(f"{len(p.tables)} HTML tables, {len(d.tables)} Word tables; expected 3 and 3")
        return
    for k in range(3):
        want, got = place(p.tables[k]["rows"]), word_grid(d.tables[k]._tbl)
        if want != got:
            diff = sorted(set(want.items()) ^ set(got.items()))[:4]
            bad(f"table {'二三四'[k]}: Word grid differs from the HTML table: {diff}")
        trs = d.tables[k]._tbl.findall(qn("w:tr"))
        heads = [tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for tr in trs]
        if heads != [i < p.tables[k]["nhead"] for i in range(len(trs))]:
            bad(f"table {'二三四'[k]}: tblHeader rows {heads} do not match <thead>")
        if any(tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is None for tr in trs):
            bad(f"table {'二三四'[k]}: a row may split across pages")
    t3 = d.tables[1]
    rows = [[c.text for c in row.cells][3:] for row in t3.rows][3:]
    if rows != t3_figures(js):
        bad(f"table 三 figures {rows} differ from the JSON {t3_figures(js)}")


def main():
    path, html_path, json_path = sys.argv[1:4]
    check_parts(path)
    d = docx.Document(path)
    check_layout(d)
    with open(html_path, encoding="utf-8") as f:
        html = f.read()
    with open(json_path, encoding="utf-8") as f:
        js = json.load(f)
    check_table3(d, html, js)
    for p in problems:
        print(f"{path}: {p}")
    sys.exit(1 if problems else 0)


main()
