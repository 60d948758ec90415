#!/bin/bash
# import from Word documents and web pages, and refusal of what cannot be read:
#   - round trips, each giving the same figures, identity and prose as the source data file
#     (roundtrip_check.py): YAML → docx → import; YAML → html → import; the html page inside a
#     portal's navigation, scripts and footer, in GB18030 → import; YAML → docx → re-saved as
#     .docx by LibreOffice (as a clerk editing it would) → import; YAML → docx → LibreOffice →
#     .html → import;
#   - bad files (fixtures/import-bad and hostile packages made here: a zip bomb, an entity
#     bomb, XML nested 300 deep, 3000 entries): the message's code, exit status 1, no file written.
# Needs python3-yaml; the LibreOffice round trips need libreoffice-writer-nogui.
set -u
bin=${NB_BIN:?}
src=${NB_SOURCE_DIR:?}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" -c 'import yaml' 2>/dev/null || { echo "skip: python3-yaml missing"; exit 77; }
command -v soffice >/dev/null || { echo "skip: soffice missing (apt-get install libreoffice-writer-nogui)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# import FILE, expect exit 0 and the data of SOURCE
roundtrip() {
  local what=$1 file=$2 source=$3 out="$tmp/rt-$RANDOM.yaml"
  "$bin" import "$file" -o "$out" 2>"$out.err"
  local rc=$?
  [ $rc = 0 ] || { bad "$what: import exited $rc: $(head -c 600 "$out.err")"; return; }
  "$PY" "$src/tests/roundtrip_check.py" "$source" "$out" || bad "$what: not the source's data"
}

mkdir docx html
for f in "$src"/fixtures/*.yaml; do
  "$bin" render -f docx,html -o "$tmp/out" "$f" >/dev/null 2>&1 || bad "render $f"
done
for f in "$src"/fixtures/*.yaml; do
  name=$(basename "$f" .yaml)
  roundtrip "docx $name" "out/$name.docx" "$f"
  roundtrip "html $name" "out/$name.html" "$f"
done

# a portal's page: navigation, breadcrumbs, scripts, a footer; GB18030 with a gb2312 meta
name=2024-瓦窑沟乡人民政府
body=$(sed -n '/<body/,/<\/body>/p' "out/$name.html" | sed '1d;$d')
{
  printf '<!DOCTYPE html><html><head><meta charset="gb2312"><title>%s</title>' "$name"
  printf '<script>var nav = "一、总体情况";</script></head><body>'
  printf '<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a>年度报告</a></div>'
  printf '<div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>'
  printf '<div class="list"><ul><li><a>关于开展2024年度政务公开工作的通知</a></li></ul></div>'
  printf '<div class="article">%s</div>' "$body"
  printf '<div class="footer">主办：某某县人民政府办公室 网站标识码：1234567890 <a>打印本页</a> <a>关闭窗口</a></div>'
  printf '<script>document.write("访问量");</script></body></html>'
} | iconv -f UTF-8 -t GB18030 >portal.html
roundtrip "portal page (GB18030)" portal.html "$src/fixtures/$name.yaml"

# LibreOffice: re-saved as .docx, and saved as a web page
lo=(soffice --headless "-env:UserInstallation=file://$tmp/profile")
mkdir lo-docx lo-html
cp out/*.docx lo-docx/
HOME=$tmp "${lo[@]}" --convert-to 'docx:MS Word 2007 XML' --outdir "$tmp/lo-docx/saved" lo-docx/*.docx >/dev/null 2>&1
HOME=$tmp "${lo[@]}" --convert-to html --outdir "$tmp/lo-html" out/*.docx >/dev/null 2>&1
for f in "$src"/fixtures/*.yaml; do
  name=$(basename "$f" .yaml)
  if [ -s "lo-docx/saved/$name.docx" ]; then
    roundtrip "docx re-saved by LibreOffice $name" "lo-docx/saved/$name.docx" "$f"
  else
    bad "LibreOffice did not re-save $name.docx"
  fi
  if [ -s "lo-html/$name.html" ]; then
    roundtrip "docx → LibreOffice html $name" "lo-html/$name.html" "$f"
  else
    bad "LibreOffice did not save $name.html"
  fi
done

# hostile packages
"$PY" - <<'PYEOF'
import zipfile
def docx(name, document, extra=()):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
        for n, d in extra:
            z.writestr(n, d)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
docx("bomb.docx", "<w:document %s><w:body><w:p><w:r><w:t>" % W + "a" * (80 << 20) + "</w:t></w:r></w:p></w:body></w:document>")
laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
    '<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i else "&lol;") * 10) for i in range(10)) + ']>'
docx("laughs.docx", laughs + "<w:document %s><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>" % W)
docx("deep.docx", "<w:document %s><w:body>" % W + "<w:sdt>" * 300 + "</w:sdt>" * 300 + "</w:body></w:document>")
docx("many.docx", "<w:document %s/>" % W, [("f%d.xml" % i, "") for i in range(3000)])
PYEOF

# refused: NAME CODE
refused() {
  local file=$1 code=$2 out="$tmp/refused-$RANDOM.yaml"
  "$bin" import "$file" -o "$out" >/dev/null 2>"$out.err"
  local rc=$?
  [ $rc = 1 ] || bad "$(basename "$file"): exit $rc, expected 1"
  grep -q "$code" "$out.err" || bad "$(basename "$file"): no $code in: $(head -c 400 "$out.err")"
  grep -q "没有写出数据文件" "$out.err" || bad "$(basename "$file"): does not say nothing was written"
  [ ! -e "$out" ] || bad "$(basename "$file"): a data file was written"
}
b=$src/fixtures/import-bad
refused "$b/old-word.doc" 'NB620.*旧版 Word 文档'
grep -q "另存为" "$tmp"/refused-*.err || bad "the .doc message does not say 另存为 .docx"
refused "$b/password.docx" 'NB621.*打开密码'
refused "$b/report.rtf" 'NB622.*RTF'
refused "$b/report.pdf" 'NB623.*PDF'
refused "$b/report.odt" 'NB624.*OpenDocument'
refused "$b/sheet.xlsx" 'NB624'
refused "$b/truncated.docx" 'NB625.*损坏'
refused bomb.docx 'NB626.*压缩炸弹'
refused laughs.docx 'NB626.*DTD'
refused deep.docx 'NB626.*嵌套'
refused many.docx 'NB626.*个文件'
printf '<!DOCTYPE html><html><body><div>首页</div><p>通知公告</p></body></html>' >nothing.html
refused nothing.html 'NB600'
exit $fail
