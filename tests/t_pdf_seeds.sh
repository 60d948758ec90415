#!/bin/bash
# The PDFs of the real reports (every fixtures/*.yaml, made from the seed reports) checked with
# poppler and qpdf: A4 and the title 〈机关名称〉〈年度〉年政府信息公开工作年度报告, every face
# embedded as a subset with a Unicode map, a clean qpdf check, the six part headings, every
# sub-heading, paragraph and table row of the report's Markdown (each row's label followed by
# its figures) and every label of the national format's tables (国办公开办函〔2021〕30号) in the
# extracted text, no line starting with a mark GB/T 15834 keeps off line starts, the same bytes
# from every run (with and without SOURCE_DATE_EPOCH), and a file under 160 KB (charts included).
# Skipped (77) when poppler, qpdf, python3 or the fonts are missing.
set -u
bin=${NB_BIN:?}
src=${NB_SOURCE_DIR:?}
for tool in pdfinfo pdffonts pdftotext qpdf python3; do
  command -v "$tool" >/dev/null || { echo "skip: $tool missing"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
max_bytes=$((160 * 1024))
epoch=$(date +%s) # now: a report year is never later

check_one() {
  local yaml=$1 name pdf md
  name=$(basename "$yaml" .yaml)
  mkdir -p "$tmp/a" "$tmp/b" "$tmp/c"
  if ! "$bin" render -f pdf -o "$tmp/a" "$yaml" >/dev/null 2>"$tmp/err"; then
    if grep -q 'NB501' "$tmp/err"; then echo "skip: fonts missing"; exit 77; fi
    bad "$name: render failed: $(tail -3 "$tmp/err")"
    return
  fi
  pdf=$tmp/a/$name.pdf
  [ -f "$pdf" ] || { bad "$name: no $name.pdf written"; return; }
  "$bin" render -f md -o "$tmp/a" "$yaml" >/dev/null 2>&1
  md=$tmp/a/$name.md

  # dated by the report date, or by SOURCE_DATE_EPOCH when set: equal bytes either way
  "$bin" render -f pdf -o "$tmp/b" "$yaml" >/dev/null 2>&1
  cmp -s "$pdf" "$tmp/b/$name.pdf" || bad "$name: two runs gave different bytes"
  SOURCE_DATE_EPOCH=$epoch "$bin" render -f pdf -o "$tmp/b" "$yaml" >/dev/null 2>&1
  SOURCE_DATE_EPOCH=$epoch "$bin" render -f pdf -o "$tmp/c" "$yaml" >/dev/null 2>&1
  [ -f "$tmp/c/$name.pdf" ] || bad "$name: no PDF with SOURCE_DATE_EPOCH=$epoch"
  cmp -s "$tmp/b/$name.pdf" "$tmp/c/$name.pdf" ||
    bad "$name: two runs with SOURCE_DATE_EPOCH=$epoch gave different bytes"

  local size
  size=$(stat -c %s "$pdf")
  [ "$size" -lt "$max_bytes" ] || bad "$name: $size bytes, not under $max_bytes"

  local info title
  info=$(pdfinfo "$pdf")
  grep -q 'Page size: *595.276 x 841.89 pts (A4)' <<<"$info" || bad "$name: not A4"
  title=$(python3 - "$yaml" <<'PY'
import re, sys
y = open(sys.argv[1], encoding="utf-8").read()
organ = re.search(r"(?m)^organ:\n(?:[ \t]+.*\n)*?[ \t]+name:[ \t]*(.+)$", y).group(1).strip()
year = re.search(r"(?m)^year:[ \t]*(\d{4})", y).group(1)
print(f"{organ.strip(chr(34))}{year}年政府信息公开工作年度报告")
PY
)
  grep -qxF "Title:           $title" <<<"$info" || bad "$name: title is not $title: $(grep Title <<<"$info")"

  local fonts line emb sub uni n
  fonts=$(pdffonts "$pdf" | tail -n +3)
  [ "$(wc -l <<<"$fonts")" -ge 3 ] || bad "$name: fewer than three faces: $fonts"
  while read -r line; do
    set -- $line
    n=$#
    eval "emb=\${$((n - 4))} sub=\${$((n - 3))} uni=\${$((n - 2))}"
    [ "$emb $sub $uni" = "yes yes yes" ] || bad "$name: font not embedded+subset+unicode: $line"
  done <<<"$fonts"
  # letters and figures of the 宋 text: Liberation Serif, a subset (tag "ABCDEF+") embedded
  grep -q '^[A-Z]\{6\}+LiberationSerif .* yes yes yes' <<<"$fonts" ||
    bad "$name: Liberation Serif not embedded as a subset: $fonts"

  qpdf --check "$pdf" >"$tmp/qpdf" 2>&1 || bad "$name: qpdf --check: $(tail -3 "$tmp/qpdf")"

  pdftotext -raw "$pdf" "$tmp/raw.txt"
  pdftotext -layout "$pdf" "$tmp/layout.txt"
  python3 - "$md" "$tmp/raw.txt" "$tmp/layout.txt" "$name" <<'PY' || fail=1
import html, re, sys
md_path, raw_path, layout_path, name = sys.argv[1:5]
md = open(md_path, encoding="utf-8").read()
raw = open(raw_path, encoding="utf-8").read()
raw = re.sub(r"(?m)^— \d+ —$", "", raw)  # page numbers, inside a paragraph broken across pages
flat = re.sub(r"\s+", "", raw)
bad = []

def need(what, text):
    text = re.sub(r"\s+", "", text)
    if text and text not in flat:
        bad.append(f"{what}: {text}")

# the national format (国办公开办函〔2021〕30号): part headings and every table label
FORMAT = """
一、总体情况|二、主动公开政府信息情况|三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况|五、存在的主要问题及改进情况|六、其他需要报告的事项
第二十条第（一）项|第二十条第（五）项|第二十条第（六）项|第二十条第（八）项|信息内容
规章|行政规范性文件|本年制发件数|本年废止件数|现行有效件数|行政许可|本年处理决定数量
行政处罚|行政强制|行政事业性收费|本年收费金额（单位：万元）
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
申请人情况|自然人|法人或其他组织|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计
一、本年新收政府信息公开申请数量|二、上年结转政府信息公开申请数量|三、本年度办理结果
（一）予以公开|（二）部分公开（区分处理的，只计这一情形，不计其他情形）|（三）不予公开
1.属于国家秘密|2.其他法律行政法规禁止公开|3.危及“三安全一稳定”|4.保护第三方合法权益
5.属于三类内部事务信息|6.属于四类过程性信息|7.属于行政执法案卷|8.属于行政查询事项
（四）无法提供|1.本机关不掌握相关政府信息|2.没有现成信息需要另行制作|3.补正后申请内容仍不明确
（五）不予处理|1.信访举报投诉类申请|2.重复申请|3.要求提供公开出版物|4.无正当理由大量反复申请
5.要求行政机关确认或重新出具已获取信息|（六）其他处理
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请|3.其他
（七）总计|四、结转下年度继续办理|行政复议|行政诉讼|未经复议直接起诉|复议后起诉
结果维持|结果纠正|其他结果|尚未审结
"""
for label in re.split(r"[|\n]", FORMAT):
    need("format label", label)

def text_of(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))

# the report itself: headings, paragraphs, and each table row's label with its figures
for line in md.splitlines():
    if line.startswith("#"):
        need("heading", line.lstrip("#"))
for block in re.split(r"\n\s*\n", md):
    b = block.strip()
    if not b or b.startswith(("#", "<", "|", "![")):  # a chart: checked by t_charts
        continue
    b = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", b, flags=re.M)  # list markers
    b = re.sub(r"\*\*|\*|__|\\(?=[^\w\s])", "", b)               # emphasis, escapes
    need("paragraph", b)
for row in re.findall(r"<tr>(.*?)</tr>", md, re.S):
    ths = re.findall(r"<th[^>]*>(.*?)</th>", row, re.S)
    tds = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    if tds and 'scope="row"' in row:  # a row label, then its figures
        need("table row", text_of(ths[-1]) + "".join(text_of(t) for t in tds))
    else:
        for t in ths + tds:
            need("table cell", text_of(t))

# GB/T 15834: these never start a line
forbidden = re.compile(r"^[，。、；：？！）》〉】〕〗」』”’～·/]")
for line in open(layout_path, encoding="utf-8"):
    if forbidden.match(line.strip()):
        bad.append(f"line starts with a forbidden mark: {line.strip()}")

for b in bad:
    print(f"FAIL: {name}: {b}")
sys.exit(1 if bad else 0)
PY
  # table 二 fits on one page: it is kept whole, with its heading, on one page
  local pages p first="" last="" heading=""
  pages=$(awk '/^Pages:/{print $2}' <<<"$info")
  for p in $(seq 1 "$pages"); do
    pdftotext -f "$p" -l "$p" "$pdf" "$tmp/page.txt"
    grep -q '二、主动公开政府信息情况' "$tmp/page.txt" && heading=${heading:-$p}
    grep -q '第二十条第（一）项' "$tmp/page.txt" && first=${first:-$p}
    grep -q '行政事业性收费' "$tmp/page.txt" && last=$p
  done
  [ -n "$first" ] && [ "$first" = "$last" ] && [ "$heading" = "$first" ] ||
    bad "$name: table 二 split or apart from its heading (heading p$heading, table p$first–p$last)"
  echo "ok: $name: $size bytes, $(grep Pages <<<"$info" | tr -s ' ')"
}

shopt -s nullglob
files=("$src"/fixtures/*.yaml)
[ ${#files[@]} -gt 0 ] || { echo "skip: no fixtures"; exit 77; }
for f in "${files[@]}"; do
  check_one "$f"
done
exit $fail
