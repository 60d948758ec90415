#!/bin/bash
# Checks the PDF of tests/pdf-sample.md with poppler and qpdf: A4 and the title, every face
# embedded as a subset with a Unicode map, a clean qpdf check, every heading, table label and
# figure in the extracted text, no line starting with a forbidden mark (GB/T 15834), and the
# same bytes from two separate runs. The PDF is written by the test_pdf program.
set -u
build=${NB_BUILD_DIR:?}
src=${NB_SOURCE_DIR:?}
prog=$build/tests/test_pdf
pdf=$build/pdf-sample.pdf
for tool in pdfinfo pdffonts pdftotext qpdf python3; do
  command -v "$tool" >/dev/null || { echo "skip: $tool missing"; exit 77; }
done
[ -x "$prog" ] || { echo "skip: $prog not built"; exit 77; }
rm -f "$pdf"
"$prog" >/dev/null 2>&1
[ -f "$pdf" ] || { echo "skip: no PDF rendered (fonts missing?)"; exit 77; }
fail=0
bad() { echo "FAIL: $*"; fail=1; }

cp "$pdf" "$pdf.first"
"$prog" >/dev/null 2>&1
cmp -s "$pdf" "$pdf.first" || bad "two runs gave different bytes"
rm -f "$pdf.first"

info=$(pdfinfo "$pdf")
grep -q 'Page size: *595.276 x 841.89 pts (A4)' <<<"$info" || bad "not A4: $info"
grep -q '^Title: *某某市某某局2024年政府信息公开工作年度报告$' <<<"$info" || bad "title"
grep -q '^Creator: *nianbao ' <<<"$info" || bad "creator"

fonts=$(pdffonts "$pdf" | tail -n +3)
[ -n "$fonts" ] || bad "no fonts"
while read -r line; do
  # columns from the right: object ID (2), uni, sub, emb
  set -- $line
  n=$#
  eval "emb=\${$((n - 4))} sub=\${$((n - 3))} uni=\${$((n - 2))}"
  [ "$emb $sub $uni" = "yes yes yes" ] || bad "font not embedded+subset+unicode: $line"
  case "$1" in ??????+*) ;; *) bad "font name without subset tag: $1" ;; esac
done <<<"$fonts"

qpdf --check "$pdf" >/dev/null 2>&1 || bad "qpdf --check: $(qpdf --check "$pdf" 2>&1 | tail -3)"

text=$(pdftotext -raw "$pdf" -)  # content order: a wrapped cell stays together
layout=$(pdftotext -layout "$pdf" -)
python3 - "$src/tests/pdf-sample.md" <<PY || fail=1
import re, sys
md = open(sys.argv[1], encoding="utf-8").read()
text = """$text"""
flat = re.sub(r"\s+", "", text)
want = [l.lstrip("#").strip() for l in md.splitlines() if l.startswith("#")]
want += [re.sub(r"\s+", "", c) for c in re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", md)]
missing = [w for w in want if w and w not in flat]
for w in missing:
    print("FAIL: not in the text:", w)
sys.exit(1 if missing else 0)
PY
forbidden='^[，。、；：？！）》〉】〕〗」』”’～·/]'
while IFS= read -r line; do
  trimmed=$(sed 's/^[[:space:]]*//' <<<"$line")
  if grep -q "$forbidden" <<<"$trimmed"; then bad "line starts with a forbidden mark: $line"; fi
done <<<"$layout"

[ $fail = 0 ] && echo "ok: $(stat -c %s "$pdf") bytes, $(grep Pages <<<"$info")"
exit $fail
