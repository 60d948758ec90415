#!/bin/bash
# nianbao site run again (four reports of two bodies over two years, every format): a report
# whose inputs and files are unchanged is not rendered again (said in the last line, its files
# keep their dates); a changed report, a deleted output and a changed template are rendered
# again, and only the files whose bytes change are rewritten; .nianbao-site is the same with
# -j 1 and -j 2; the unchanged files are counted in the last line, not listed one by one; a
# page that cannot be written leaves .nianbao-site with every name once.
set -u
: "${NB_BIN:?}" "${NB_SOURCE_DIR:?}"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }
cd "$tmp" || exit 2

"$PY" "$NB_SOURCE_DIR/tests/bench/gen_reports.py" --bodies 2 --out tree --seed 3 || exit 2
site() { timeout 600 "$NB_BIN" site "$@" >run.out 2>run.err; }
# the files written since the dates were set back, relative to p/ (not .nianbao-site)
fresh() { (cd p && find . -type f ! -name '.*' -newermt 2002-01-01 | sed 's|^\./||' | sort); }
old() { touch -d 2001-01-01 $(find p -type f); }
unchanged() { sed -n 's/.*（其中 \([0-9]*\) 份的数据.*/\1/p' run.out; }
same_files() { sed -n 's/.*；\([0-9]*\) 个文件没有变化，未重写。$/\1/p' run.out; }
listed() { grep -vc '^#' p/.nianbao-site; }
twice() { grep -v '^#' p/.nianbao-site | sort | uniq -d | head -3; }

site -j 1 -o p tree || fail "first run: $(tail -3 run.err)"
grep -q "本次不生成" run.err && fail "a format was left out: $(grep 本次不生成 run.err | head -2)"
[ -z "$(unchanged)" ] || fail "a first run said reports were unchanged"
grep -q '^#report [0-9a-f]\{16\} [0-9a-f]\{16\} [0-9]* 2025/' p/.nianbao-site ||
  fail ".nianbao-site has no report entries"
site -j 2 -o q tree
cmp -s p/.nianbao-site q/.nianbao-site || fail ".nianbao-site differs with -j"
diff -r p q >/dev/null || fail "-j 1 and -j 2 wrote different files"

# nothing changed: nothing rendered, nothing written
old
site -o p tree || fail "second run: $(tail -3 run.err)"
[ "$(unchanged)" = 4 ] || fail "second run: $(tail -1 run.out)"
[ -z "$(fresh)" ] || fail "second run wrote: $(fresh | head -3)"
[ "$(wc -l <run.out)" = 1 ] || fail "second run listed files: $(head -3 run.out)"
[ "$(same_files)" = "$(listed)" ] || fail "second run: $(same_files) files unchanged, $(listed) listed: $(tail -1 run.out)"

# a changed report: only it is rendered, only its changed files are written (and the year
# page, whose figures did not change, is left alone)
f=tree/2025/县级部门/2025-教育局.yaml
sed -i 's/本年度通过政府网站主动公开政府信息。/本年度通过政府网站和政务新媒体主动公开政府信息。/' "$f"
grep -q 政务新媒体主动公开 "$f" || { echo "the report could not be changed"; exit 2; }
old
site -o p tree
[ "$(unchanged)" = 3 ] || fail "a changed report: $(tail -1 run.out)"
other=$(fresh | grep -v '^2025/2025-教育局/')
[ -z "$other" ] || fail "a changed report rewrote other files: $other"
fresh | grep -q '^2025/2025-教育局/2025-教育局.html$' || fail "the changed report's page was not rewritten: $(fresh)"

# a deleted output: that report is rendered again, only the missing file is written
rm p/2024/2024-凤坡乡人民政府/2024-凤坡乡人民政府.pdf
old
site -o p tree
[ "$(unchanged)" = 3 ] || fail "a deleted output: $(tail -1 run.out)"
[ "$(fresh)" = "2024/2024-凤坡乡人民政府/2024-凤坡乡人民政府.pdf" ] || fail "a deleted output: wrote $(fresh)"

# an output changed by hand, same size and date: its report is rendered again and mended
json=p/2024/2024-教育局/2024-教育局.json
cp -p "$json" saved.json
sed -i '0,/[0-9]/s/[0-9]/x/' "$json"
touch -r saved.json "$json"
site -o p tree
cmp -s "$json" saved.json || fail "an output changed by hand was not mended"

# a changed template: every report is rendered again; only the pages it makes are rewritten
mkdir tpl && cp "$NB_SOURCE_DIR/templates/site-report.html.mustache" tpl/
site -o p tree --templates tpl
[ -z "$(unchanged)" ] || fail "a template dir: $(tail -1 run.out)"
old
site -o p tree --templates tpl
[ "$(unchanged)" = 4 ] || fail "the same template dir: $(tail -1 run.out)"
sed -i 's|</main>|<p>（本页由政务公开办维护）</p></main>|' tpl/site-report.html.mustache
grep -q 政务公开办维护 tpl/site-report.html.mustache || { echo "the template could not be changed"; exit 2; }
site -o p tree --templates tpl
[ -z "$(unchanged)" ] || fail "a changed template: $(tail -1 run.out)"
[ "$(fresh | grep -vc '/index.html$')" = 0 ] || fail "a changed template rewrote: $(fresh | grep -v /index.html | head -3)"
[ "$(fresh | grep -c '^202[45]/.*/index.html$')" = 4 ] || fail "a changed template: pages $(fresh)"
grep -q 政务公开办维护 p/2025/2025-教育局/index.html || fail "the changed template is not used"

# a report's page that cannot be written (a folder in its place): the pages linking it are
# written again without the link, and .nianbao-site lists every file once; once mended, the
# report is published again
page=p/2025/2025-教育局/index.html
rm "$page" && mkdir "$page"
site -o p tree; rc=$?
[ $rc = 2 ] || fail "a page not written: exit $rc, expected 2"
grep -q "无法写入 $page" run.err || fail "a page not written was not said: $(tail -2 run.err)"
[ -z "$(twice)" ] || fail "a page not written: listed twice in .nianbao-site: $(twice)"
link='href="2025-%E6%95%99%E8%82%B2%E5%B1%80/index.html"' # 2025-教育局/index.html
grep -q "$link" p/2025/index.html && fail "the year page links the page not written"
rmdir "$page"
site -o p tree || fail "the page mended: $(tail -3 run.err)"
[ -f "$page" ] || fail "the page mended was not written"
grep -q "$link" p/2025/index.html || fail "the year page does not link the page mended"
[ -z "$(twice)" ] || fail "the page mended: listed twice in .nianbao-site: $(twice)"
grep -q '^已生成 p/2025/2025-教育局/index.html$' run.out || fail "the page mended was not listed: $(cat run.out)"
grep -q '^未变化' run.out && fail "unchanged files listed one by one: $(grep '^未变化' run.out | head -2)"
ls -a p | grep -q '^\.nianbao-site.' && fail "a temporary file of .nianbao-site remains: $(ls -a p)"

# two bodies whose names differ only in a character a file name cannot hold would share a
# folder: the later is not published (NB808), and no file is listed twice
mkdir clash
sed '0,/^  name: .*/s//  name: 示例县教育局\/一/' "$f" >clash/a.yaml
sed '0,/^  name: .*/s//  name: 示例县教育局_一/' "$f" >clash/b.yaml
site -o c clash; rc=$?
[ $rc = 1 ] || fail "two bodies in one folder: exit $rc, expected 1"
grep -q '^clash/b.yaml: 错误\[NB808\].*clash/a.yaml' run.err || fail "two bodies in one folder were not said: $(grep -v '^ ' run.err | tail -2)"
grep -q NB808 c/problems.html || fail "two bodies in one folder: not on problems.html"
grep -q '^已发布 1 份报告' run.out || fail "two bodies in one folder: $(tail -1 run.out)"
[ -z "$(grep -v '^#' c/.nianbao-site | sort | uniq -d)" ] || fail "two bodies in one folder: lines twice in .nianbao-site"

[ $failed = 0 ] && echo "t_site_again: all passed"
exit $failed
