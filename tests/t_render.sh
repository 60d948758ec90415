#!/bin/bash
# nianbao render: golden .md/.html/.json of every fixture (byte for byte), the markup payloads
# of fixtures/xss/ (no live markup in the HTML), and the command's contract (nothing written
# on errors, -o FILE, refused options, identical bytes on a second run).
#
# NB_UPDATE_GOLDEN=1 rewrites tests/golden/render/ from the current outputs instead of
# comparing; look at every changed file before committing it.
set -u
: "${NB_BIN:?}" "${NB_SOURCE_DIR:?}"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
golden=$NB_SOURCE_DIR/tests/golden/render
fixtures=$NB_SOURCE_DIR/fixtures
failed=0
fail() {
  echo "FAIL: $*"
  failed=1
}

# ---- golden outputs ------------------------------------------------------------------
inputs=("$fixtures"/*.yaml "$fixtures"/xss/*.yaml)
if ! (cd "$tmp" && "$NB_BIN" render -f md,html,json -o gold "${inputs[@]}" >"$tmp/log" 2>&1); then
  cat "$tmp/log"
  fail "render of the fixtures"
fi
if [ "${NB_UPDATE_GOLDEN:-0}" = 1 ]; then
  mkdir -p "$golden"
  rm -f "$golden"/*
  cp "$tmp"/gold/* "$golden"/
  echo "golden files rewritten in $golden"
fi
for f in "$golden"/*; do
  name=$(basename "$f")
  if [ ! -e "$tmp/gold/$name" ]; then
    fail "golden $name has no output any more"
  elif ! cmp -s "$f" "$tmp/gold/$name"; then
    fail "$name differs from the golden file"
    diff -u "$f" "$tmp/gold/$name" | head -40
  fi
done
for f in "$tmp"/gold/*; do
  [ -e "$golden/$(basename "$f")" ] || fail "$(basename "$f") has no golden file"
done

# ---- JSON parses, and its figures add up ------------------------------------------------
for j in "$tmp"/gold/*.json; do
  "$PY" - "$j" <<'EOF' || fail "$(basename "$j") is not consistent JSON"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
a = d["applications"]
cols = ["natural", "business", "research", "nonprofit", "legal", "other"]
rows = [a["new"], a["carried_over"], a["carry_forward"], a["results"]["granted"],
        a["results"]["partially_granted"]]
for group in ("denied", "unavailable", "not_processed", "other"):
    rows += a["results"][group].values()
for row in rows + [a["results"]["total"]]:
    assert row["total"] == sum(row[c] for c in cols), row
numbered = rows[3:]
for c in cols + ["total"]:
    assert a["results"]["total"][c] == sum(r[c] for r in numbered), c
for g in d["reviews"].values():
    assert g["total"] == g["upheld"] + g["corrected"] + g["other"] + g["pending"], g
items = d["overview"]["published_items"]
assert d["overview"]["published_total"] == sum(i["count"] for i in items)
EOF
done

# ---- the same bytes again --------------------------------------------------------------
(cd "$tmp" && "$NB_BIN" render -f md,html,json -o again "${inputs[@]}" >/dev/null 2>&1)
diff -r "$tmp/gold" "$tmp/again" >/dev/null || fail "a second run gave different bytes"

# ---- markup payloads: nothing live in the HTML ----------------------------------------
for html in "$tmp"/gold/*.html; do
  if ! "$PY" - "$html" <<'EOF'; then
import html.parser
import sys

BODY_TAGS = {"a", "blockquote", "br", "caption", "code", "col", "colgroup", "div", "em", "h1",
             "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "span", "strong",
             "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "main"}
# the charts: inline SVG figures (no script, no link, no foreign content)
FIGURE_TAGS = {"figure", "figcaption", "svg", "g", "path", "polyline", "line", "rect", "text",
               "title", "desc"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "background", "poster",
             "srcdoc", "data", "srcset", "ping", "cite"}


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.stack = []
        self.styles = 0
        self.tables = 0
        self.style_text = ""

    def problem(self, what):
        self.problems.append("%s (line %d)" % (what, self.getpos()[0]))

    def handle_starttag(self, tag, attrs):
        in_body = "body" in self.stack
        if tag in PAGE_TAGS and not (in_body and tag != "main"):
            if tag == "style":
                self.styles += 1
        elif not (in_body and (tag in BODY_TAGS or tag in FIGURE_TAGS)):
            self.problem("element <%s>" % tag)
        if tag == "table":
            self.tables += 1
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problem("event attribute %s on <%s>" % (name, tag))
            if name == "style":
                self.problem("style attribute on <%s>" % tag)
            if name in URL_ATTRS:
                if tag != "a" or name != "href":
                    self.problem("URL attribute %s on <%s>" % (name, tag))
                url = "".join(c for c in value if ord(c) > 0x20).lower()
                scheme = url.split(":", 1)[0] if ":" in url.split("/", 1)[0] else ""
                if scheme not in ("", "http", "https", "mailto", "tel"):
                    self.problem("link to %r" % value)
        if tag not in ("meta", "br", "hr", "col"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style":
            self.style_text += data

    def handle_comment(self, data):
        if "body" in self.stack:
            self.problem("comment in the body")

    def handle_pi(self, data):
        self.problem("processing instruction")

    def unknown_decl(self, data):
        self.problem("declaration <!%s>" % data)


path = sys.argv[1]
c = Checker()
c.feed(open(path, encoding="utf-8").read())
c.close()
if c.styles != 1:
    c.problem("%d style elements" % c.styles)
for bad in ("url(", "@import", "expression("):
    if bad in c.style_text:
        c.problem("style sheet contains %s" % bad)
if c.tables != 3:
    c.problem("%d tables, expected 3" % c.tables)
for p in c.problems:
    print("%s: %s" % (path, p))
sys.exit(1 if c.problems else 0)
EOF
    fail "live markup in $(basename "$html")"
  fi
done
xss_html=$(ls "$tmp"/gold/*script*.html 2>/dev/null | head -1)
if [ -z "$xss_html" ]; then
  fail "no output for fixtures/xss"
else
  # the payloads are still there, as text
  grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$xss_html" || fail "payload text missing"
  grep -q '<a href="https://www.gov.cn/">a safe link</a>' "$xss_html" || fail "safe link lost"
  grep -q '<strong>bold</strong>' "$xss_html" || fail "emphasis lost"
fi

# ---- the command's contract -------------------------------------------------------------
cd "$tmp" || exit 1
# a file with errors: exit 1, diagnostics as lint prints them, nothing written
bad=$fixtures/gaps/2024-蔡家堡乡人民政府.yaml
"$NB_BIN" render -o none "$fixtures/2024-军屯乡人民政府.yaml" "$bad" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 1 ] || fail "render of a file with errors exited $rc, expected 1"
[ -e none ] && fail "render wrote files although an input has errors"
"$NB_BIN" lint "$bad" >"$tmp/lint" 2>&1
grep -q '错误\[NB' "$tmp/err" || fail "render printed no diagnostics"
head -3 "$tmp/lint" | while IFS= read -r line; do
  grep -qF -- "$line" "$tmp/err" || echo "FAIL: render diagnostics differ from lint: $line"
done | grep . && failed=1

# default directory out/, every format (the PDF needs its module and fonts)
mkdir default
(cd default && "$NB_BIN" render "$fixtures/2024-瓦窑沟乡人民政府.yaml" >/dev/null 2>"$tmp/err")
rc=$?
exts="md html pdf json"
if [ $rc != 0 ] && grep -q 'NB501\|NB511' "$tmp/err"; then
  echo "note: the PDF module or its fonts are missing; default formats checked without pdf"
  [ -e default/out ] && fail "render wrote files although the PDF failed"
  (cd default && "$NB_BIN" render -f md,html,json "$fixtures/2024-瓦窑沟乡人民政府.yaml" >/dev/null 2>&1)
  exts="md html json"
elif [ $rc != 0 ]; then
  cat "$tmp/err"
  fail "default render exited $rc"
fi
for ext in $exts; do
  [ -s "default/out/2024-瓦窑沟乡人民政府.$ext" ] || fail "default output .$ext missing"
done
for ext in md html json; do
  cmp -s "default/out/2024-瓦窑沟乡人民政府.$ext" "$golden/2024-瓦窑沟乡人民政府.$ext" ||
    fail "default output .$ext differs from the golden file"
done

# a character the PDF fonts cannot draw is reported where it stands in the data file
if [ "$exts" = "md html pdf json" ]; then
  sed 's/^  region: 卢氏县$/  region: 卢氏县\ncontact:\n  office: 𠮷野办公室䶮/' \
    "$fixtures/2024-瓦窑沟乡人民政府.yaml" > rare.yaml
  "$NB_BIN" render -f pdf -o rare.pdf rare.yaml >/dev/null 2>"$tmp/err" || fail "render of rare characters"
  grep -q '^rare.yaml:16:11: 警告\[NB505\] 字符 U+20BB7「𠮷」' "$tmp/err" ||
    fail "the character outside the BMP is not reported at its place: $(cat "$tmp/err")"
  grep -q '^rare.yaml:16:16: 警告\[NB503\] 字符 U+4DAE「䶮」' "$tmp/err" ||
    fail "the character missing from the 宋 face is not reported at its place"
fi

# a missing font is reported against the data file given, not the intermediate Markdown
"$NB_BIN" render -f pdf -o nofont.pdf --font-song /nonexistent/song.ttf "$fixtures/2024-瓦窑沟乡人民政府.yaml" \
  >/dev/null 2>"$tmp/err"
grep -q "^$fixtures/2024-瓦窑沟乡人民政府.yaml: 错误\[NB501\]" "$tmp/err" ||
  fail "NB501 does not name the data file: $(cat "$tmp/err")"

# -o FILE: one format, taken from the extension
"$NB_BIN" render -o single.html "$fixtures/2024-瓦窑沟乡人民政府.yaml" >/dev/null 2>&1 ||
  fail "render -o single.html"
cmp -s single.html "$golden/2024-瓦窑沟乡人民政府.html" || fail "-o single.html differs"
"$NB_BIN" render -f json -o x.json "$fixtures/2024-瓦窑沟乡人民政府.yaml" >/dev/null 2>&1 ||
  fail "render -f json -o x.json"
cmp -s x.json "$golden/2024-瓦窑沟乡人民政府.json" || fail "-o x.json differs"

# -o -: standard output, as for init, next and import (never a directory named "-")
wy=$fixtures/2024-瓦窑沟乡人民政府.yaml
"$NB_BIN" render -f md -o - "$wy" 2>/dev/null | cmp -s - "$golden/2024-瓦窑沟乡人民政府.md" ||
  fail "render -f md -o - does not write the Markdown to standard output"
"$NB_BIN" render -o - "$wy" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 2 ] && grep -q '只能输出一种格式' "$tmp/err" || fail "render -o - of every format exited $rc: $(cat "$tmp/err")"
"$NB_BIN" render -f md -o - "$wy" "$fixtures/2024-军屯乡人民政府.yaml" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 2 ] && grep -q '只能用于一个数据文件' "$tmp/err" || fail "render -o - of two files exited $rc"
[ -e ./- ] && fail "render -o - made a file or directory named -"
# option values joined to the option, as getopt takes them: -fmd, -oDIR, --jobs=1, -j1
"$NB_BIN" render -fmd "-o$tmp/joined" --jobs=1 "$wy" >/dev/null 2>&1 &&
  [ -s "$tmp/joined/2024-瓦窑沟乡人民政府.md" ] && [ "$(ls "$tmp/joined" | grep -vc '\.svg$')" = 1 ] ||
  fail "render -fmd -oDIR --jobs=1 did not write only the Markdown into DIR"
"$NB_BIN" lint -j1 "$wy" >/dev/null 2>&1 || fail "lint -j1 refused"

# refused: -o FILE for two formats or two inputs, unknown format, unknown option, no input
expect_usage() {
  "$NB_BIN" render "$@" >/dev/null 2>&1
  local rc=$?
  [ $rc = 2 ] || fail "render $* exited $rc, expected 2"
}
expect_usage -f md,html -o two.md "$fixtures/2024-瓦窑沟乡人民政府.yaml"
expect_usage -o two.md "$fixtures/2024-瓦窑沟乡人民政府.yaml" "$fixtures/2024-军屯乡人民政府.yaml"
expect_usage -f doc "$fixtures/2024-瓦窑沟乡人民政府.yaml"
expect_usage --bogus "$fixtures/2024-瓦窑沟乡人民政府.yaml"
expect_usage
expect_usage -o dup "$fixtures/2024-瓦窑沟乡人民政府.yaml" "$fixtures/2024-瓦窑沟乡人民政府.yaml"
[ -e two.md ] || [ -e dup ] && fail "a refused render wrote files"

# --templates: a province overrides one block of the layout, the rest stays built in
mkdir tpl
printf '%s\n' '{{<layout.md}}{{$opening}}' '本报告由{{organ.name}}编制。' '' '{{/opening}}{{/layout.md}}' \
  >tpl/report.md.mustache
"$NB_BIN" render -f md -o custom.md --templates tpl "$fixtures/2024-瓦窑沟乡人民政府.yaml" \
  >/dev/null 2>&1 || fail "render --templates"
grep -q '^本报告由瓦窑沟乡人民政府编制。$' custom.md || fail "the overriding block is missing"
grep -q '^## 三、收到和处理政府信息公开申请情况$' custom.md || fail "the built-in parts are missing"
# a template error is reported with its position and nothing is written
printf '%s\n' '{{#organ}}' >tpl/report.md.mustache
"$NB_BIN" render -f md -o broken.md --templates tpl "$fixtures/2024-瓦窑沟乡人民政府.yaml" \
  >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 1 ] || fail "a broken template exited $rc, expected 1"
grep -q 'report.md.mustache:1:' "$tmp/err" || fail "template error without its position"
[ -e broken.md ] && fail "a broken template wrote a file"

# an unchanged output is left alone: same bytes, same modification time
"$NB_BIN" render -f json -o same.json "$fixtures/2024-瓦窑沟乡人民政府.yaml" >/dev/null 2>&1
touch -d '2000-01-01' same.json
out=$("$NB_BIN" render -f json -o same.json "$fixtures/2024-瓦窑沟乡人民政府.yaml" 2>/dev/null)
[ "$out" = "1 个文件没有变化，未重写。" ] || fail "unchanged output was not reported as such: $out"
[ "$(stat -c %Y same.json)" = "$(date -d 2000-01-01 +%s)" ] || fail "an unchanged output was rewritten"
echo '{}' > same.json
"$NB_BIN" render -f json -o same.json "$fixtures/2024-瓦窑沟乡人民政府.yaml" >/dev/null 2>&1
grep -q '"published_total"' same.json || fail "a changed output was not rewritten"

exit $failed
