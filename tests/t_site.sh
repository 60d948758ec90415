#!/bin/bash
# nianbao site on a generated tree of 12 bodies over two years (the 60-body trees are t_batch
# and t_summary: every report here is also drawn as a 图解, which takes longer) with a broken file, a duplicated
# body, a non-report YAML and a symlink loop: the reports without errors are published (html, 图解,
# pdf, docx, json, md) with a page each listing every download with its size, the failing ones are
# listed with their diagnostics (exit 1); the year page is summary.html's body with links;
# python-docx opens a .docx; -j 1 and -j 2 write the same bytes; a crawl from index.html reaches
# every page and download through relative links only;
# Chromium opens the pages from file://; a second run rewrites nothing; without the Word module
# the site says so once and is published without .docx (the earlier ones removed, no broken
# link); a report removed from the tree has its files removed.
set -u
: "${NB_BIN:?}" "${NB_SOURCE_DIR:?}"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }
cd "$tmp" || exit 2

"$PY" "$NB_SOURCE_DIR/tests/bench/gen_reports.py" --bodies 12 --out tree --seed 7 || exit 2
dup=$(ls tree/2025/街道 | head -1)
mkdir -p tree/2025/收件箱 && cp "tree/2025/街道/$dup" "tree/2025/收件箱/副本.yaml"
printf 'format: 2021\norgan: {name: 坏文件乡人民政府, level: 乡镇\nyear: 2025\n' > tree/2025/broken.yaml
printf 'repos:\n  - repo: local\n' > tree/.pre-commit-config.yaml
ln -s .. tree/2024/loop

timeout 600 "$NB_BIN" site -j 1 -o p1 tree >p1.out 2>p1.err; rc=$?
[ $rc = 1 ] || fail "site of a tree with errors exited $rc, expected 1: $(tail -3 p1.err)"
grep -q "本次不生成" p1.err && fail "a format was left out: $(grep -B2 本次不生成 p1.err | head -3)"
timeout 600 "$NB_BIN" site -j 2 -o p2 tree >p2.out 2>p2.err
diff -r p1 p2 >/dev/null || fail "site -j 1 and -j 2 wrote different files: $(diff -rq p1 p2 | head -3)"
sed 's/ p2\// p1\//' p2.out | cmp -s - p1.out || fail "site messages differ with -j"
cmp -s p1.err p2.err || fail "site diagnostics differ with -j: $(diff p1.err p2.err | head -6)"
grep -q "broken.yaml" p1/problems.html || fail "the broken file is not on problems.html"
grep -q "NB803" p1/problems.html || fail "the duplicate is not on problems.html"

# the year page is summary.html's body (both written piece by piece), its rows linked
"$NB_BIN" summary --year 2025 -o sum tree >/dev/null 2>&1
"$PY" - p1/2025/index.html sum/summary.html <<'PYEOF' || fail "the year page is not summary.html's body with links"
import re, sys
def body(path, links):
    t = open(path, encoding="utf-8").read()
    t = t[t.index("<main"):t.index("</main>")]
    t = re.sub(r'<nav class="nb-crumbs">.*?</nav>\n', "", t)
    n = len(re.findall(r'<a href="[^"#]*/index.html">', t))
    assert n >= links, (path, n)
    return re.sub(r'<a href="[^"#]*/index.html">([^<]*)</a>', r"\1", t)
assert body(sys.argv[1], 10) == body(sys.argv[2], 0)
PYEOF

# every published report has its .docx, linked from its page with its size; python-docx opens one
for page in $(find p1 -mindepth 3 -name index.html | sort); do
  dir=${page%/index.html}; stem=$(basename "$dir")
  [ -s "$dir/$stem.docx" ] || { fail "no $dir/$stem.docx"; break; }
  href=$("$PY" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$stem.docx")
  grep -q "<a href=\"$href\" download>Word 文档</a></td><td>修改、转载</td><td class=\"r\">[0-9]* KB</td>" "$page" ||
    { fail "$page does not link $stem.docx with its size"; break; }
done
one=$(find p1 -mindepth 3 -name '*.docx' | sort | head -1)
"$PY" -c 'import docx, sys; d = docx.Document(sys.argv[1]); assert len(d.tables) >= 3 and any("政府信息公开" in p.text for p in d.paragraphs), "no tables or title"' "$one" ||
  fail "python-docx could not read $one"

# a crawl from index.html: every link relative and to an existing file; every page and
# download reached (a second argument: without .docx)
cat >crawl.py <<'PYEOF'
import os, sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit
root = os.path.abspath(sys.argv[1])

class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for k in ("href", "src"):
            if k in a and a[k] is not None:
                self.links.append(a[k])

seen, todo, files = set(), [os.path.join(root, "index.html")], set()
bad = []
while todo:
    page = todo.pop()
    if page in seen:
        continue
    seen.add(page)
    p = Links()
    p.feed(open(page, encoding="utf-8").read())
    for link in p.links:
        u = urlsplit(link)
        if u.scheme or u.netloc or link.startswith("/"):
            bad.append((page, link, "not relative"))
            continue
        if not u.path:
            continue                      # #anchor on the same page
        target = os.path.normpath(os.path.join(os.path.dirname(page), unquote(u.path)))
        if not target.startswith(root + os.sep) or not os.path.isfile(target):
            bad.append((page, link, "missing"))
            continue
        files.add(target)
        if target.endswith(".html") and os.path.basename(target) == "index.html" or target.endswith("problems.html"):
            todo.append(target)
assert not bad, bad[:5]
written = {os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if not f.startswith(".")}
pages = {f for f in written if os.path.basename(f) == "index.html"}
missed = pages - seen
assert not missed, sorted(missed)[:5]
downloads = {f for f in written if f.endswith((".pdf", ".docx", ".json", ".md", ".png", "图解.svg")) or (f.endswith(".html") and os.path.basename(f) not in ("index.html", "problems.html"))}
assert downloads <= files, sorted(downloads - files)[:5]
if len(sys.argv) < 3:
    assert any(f.endswith(".docx") for f in files), "no .docx reached"
reports = [p for p in pages if p.count(os.sep) - root.count(os.sep) == 3]
assert len(reports) >= 22, len(reports)   # 24 reports, the failing ones not published
for f in written:
    if f.endswith(".html"):
        t = open(f, encoding="utf-8").read()
        assert "http://" not in t.replace("http://www.w3.org/2000/svg", "") and "https://" not in t or "/index.html" not in f, f
PYEOF
"$PY" crawl.py p1 || fail "crawl of the site"

# Chromium opens the pages from file://
if command -v chromium >/dev/null; then
  report=$(find p1/2025 -mindepth 2 -name index.html | sort | head -1)
  for page in p1/index.html p1/2025/index.html "$report"; do
    timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/chr" \
      --dump-dom "file://$tmp/$page" >dom.html 2>/dev/null
    grep -q "</main>" dom.html || fail "Chromium did not open $page"
  done
fi

# without the Word module: said once, published without .docx, no broken link; a report whose
# folder cannot be made (a file stands there) is not linked from its year page (exit 2)
blocked=$(ls p2/2025 | grep -v index.html | head -1)
rm -rf "p2/2025/$blocked" && touch "p2/2025/$blocked"
NIANBAO_OFFICE_MODULE=/nonexistent timeout 600 "$NB_BIN" site -o p2 tree >nodocx.out 2>nodocx.err; rc=$?
[ $rc = 2 ] || fail "a report that could not be written: exit $rc, expected 2"
grep -q "无法创建目录 p2/2025/$blocked" nodocx.err || fail "the blocked report is not said"
grep -q "href=\"[^\"]*$(printf %s "$blocked" | "$PY" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.read()))')/" p2/2025/index.html p2/index.html &&
  fail "a report without its page is still linked"
rm "p2/2025/$blocked"
[ "$(grep -c 'NB512' nodocx.err)" = 1 ] && [ "$(grep -c '本次不生成 Word' nodocx.err)" = 1 ] ||
  fail "the missing Word module is not said once: $(grep -c NB512 nodocx.err) times"
[ -z "$(find p2 -name '*.docx')" ] || fail "a .docx is left without the Word module"
grep -q "^已删除 p2/.*\.docx$" nodocx.out || fail "the earlier .docx files were not removed"
grep -rq "Word 文档" p2 && fail "a page still links a Word document"
"$PY" crawl.py p2 nodocx || fail "crawl of the site without the Word module"

# a second run rewrites nothing and keeps the dates
touch -d '2001-01-01' $(find p1 -type f)
timeout 600 "$NB_BIN" site -o p1 tree >again.out 2>/dev/null
grep -q "^已生成" again.out && fail "a second run rewrote: $(grep '^已生成' again.out | head -2)"
[ -z "$(find p1 -type f -newermt 2002-01-01)" ] || fail "a second run touched files"
# a report removed from the tree: its files and folder go
gone=$(ls tree/2024/乡镇 | head -1); gone=${gone%.yaml}
rm "tree/2024/乡镇/$gone.yaml"
timeout 600 "$NB_BIN" site tree -o p1/ >third.out 2>/dev/null   # options after the folder too
[ -e "p1/2024/$gone" ] && fail "the removed report's folder is still there"
grep -q "^已删除 p1/2024/$gone/$gone.pdf" third.out || fail "removal not reported: $(grep 已删除 third.out | head -2)"

[ $failed = 0 ] && echo "t_site: all passed"
exit $failed
