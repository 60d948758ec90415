#!/bin/bash
# nianbao site on a generated tree of 20 bodies over two years (the 60-body trees are t_batch
# and t_summary: every report here is also drawn as a 图解, which takes longer) with a broken file, a duplicated
# body, a non-report YAML and a symlink loop: the reports without errors are published (html, 图解,
# pdf, json, md) with a page each, the failing ones are listed with their diagnostics (exit 1);
# -j 1 and -j 2 write the same bytes; a crawl from index.html reaches every page and download
# through relative links only; Chromium opens the pages from file://; a second run rewrites
# nothing; a report removed from the tree has its files removed.
set -u
: "${NB_BIN:?}" "${NB_SOURCE_DIR:?}"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }
cd "$tmp" || exit 2

"$PY" "$NB_SOURCE_DIR/tests/bench/gen_reports.py" --bodies 20 --out tree --seed 7 || exit 2
dup=$(ls tree/2025/街道 | head -1)
mkdir -p tree/2025/收件箱 && cp "tree/2025/街道/$dup" "tree/2025/收件箱/副本.yaml"
printf 'format: 2021\norgan: {name: 坏文件乡人民政府, level: 乡镇\nyear: 2025\n' > tree/2025/broken.yaml
printf 'repos:\n  - repo: local\n' > tree/.pre-commit-config.yaml
ln -s .. tree/2024/loop

timeout 280 "$NB_BIN" site -j 1 -o p1 tree >p1.out 2>p1.err; rc=$?
if [ $rc = 2 ] && grep -q 'NB501\|NB511' p1.err; then
  echo "SKIP: the PDF module or its fonts are missing"; exit 77
fi
[ $rc = 1 ] || fail "site of a tree with errors exited $rc, expected 1: $(tail -3 p1.err)"
timeout 280 "$NB_BIN" site -j 2 -o p2 tree >p2.out 2>p2.err
diff -r p1 p2 >/dev/null || fail "site -j 1 and -j 2 wrote different files: $(diff -rq p1 p2 | head -3)"
sed 's/ p2\// p1\//' p2.out | cmp -s - p1.out || fail "site messages differ with -j"
cmp -s p1.err p2.err || fail "site diagnostics differ with -j"
grep -q "broken.yaml" p1/problems.html || fail "the broken file is not on problems.html"
grep -q "NB803" p1/problems.html || fail "the duplicate is not on problems.html"

# a crawl from index.html: every link relative and to an existing file; every page reached
"$PY" - p1 <<'PYEOF' || fail "crawl of the site"
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
downloads = {f for f in written if f.endswith((".pdf", ".json", ".md")) or (f.endswith(".html") and os.path.basename(f) not in ("index.html", "problems.html"))}
assert downloads <= files, sorted(downloads - files)[:5]
reports = [p for p in pages if p.count(os.sep) - root.count(os.sep) == 3]
assert len(reports) >= 36, len(reports)   # 40 reports, the failing ones not published
for f in written:
    if f.endswith(".html"):
        t = open(f, encoding="utf-8").read()
        assert "http://" not in t.replace("http://www.w3.org/2000/svg", "") and "https://" not in t or "/index.html" not in f, f
PYEOF

# Chromium opens the pages from file://
if command -v chromium >/dev/null; then
  report=$(find p1/2025 -mindepth 2 -name index.html | sort | head -1)
  for page in p1/index.html p1/2025/index.html "$report"; do
    timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/chr" \
      --dump-dom "file://$tmp/$page" >dom.html 2>/dev/null
    grep -q "</main>" dom.html || fail "Chromium did not open $page"
  done
fi

# a second run rewrites nothing and keeps the dates
touch -d '2001-01-01' $(find p1 -type f)
timeout 280 "$NB_BIN" site -o p1 tree >again.out 2>/dev/null
grep -q "^已生成" again.out && fail "a second run rewrote: $(grep '^已生成' again.out | head -2)"
[ -z "$(find p1 -type f -newermt 2002-01-01)" ] || fail "a second run touched files"
# a report removed from the tree: its files and folder go
gone=$(ls tree/2024/乡镇 | head -1); gone=${gone%.yaml}
rm "tree/2024/乡镇/$gone.yaml"
timeout 280 "$NB_BIN" site -o p1 tree >third.out 2>/dev/null
[ -e "p1/2024/$gone" ] && fail "the removed report's folder is still there"
grep -q "^已删除 p1/2024/$gone/$gone.pdf" third.out || fail "removal not reported: $(grep 已删除 third.out | head -2)"

[ $failed = 0 ] && echo "t_site: all passed"
exit $failed
