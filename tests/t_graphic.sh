#!/bin/bash
# render -f graphic (图解): for every seed fixture the poster's three files — an SVG that parses
# and shows the title and the headline figures, a one-page vector PDF (no raster image, every
# font embedded as a subset with a Unicode map, the title and figures in its text layer) and a
# PNG 1080 pixels wide that is not blank — the same bytes from a second run, and the refusals
# (-o FILE). Tesseract (chi_sim) reads the title and the headline figures back from the PNG
# of seed 004: the characters are really drawn. Skipped (77) when the 图解 module, poppler,
# python3 or Tesseract is missing.
set -u
: "${NB_BIN:?}" "${NB_SOURCE_DIR:?}"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
for tool in pdftotext pdffonts pdfimages pdfinfo tesseract; do
  command -v "$tool" >/dev/null || { echo "$tool missing: skipped"; exit 77; }
done
tesseract --list-langs 2>/dev/null | grep -qx chi_sim || { echo "tesseract-ocr-chi-sim missing: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() {
  echo "FAIL: $*"
  failed=1
}
cd "$tmp" || exit 1
fixtures=$NB_SOURCE_DIR/fixtures
"$NB_BIN" render -f graphic -o g "$fixtures"/*.yaml >log 2>err
rc=$?
if [ $rc != 0 ] && grep -q 'NB522' err; then
  echo "the 图解 module is missing: skipped"
  exit 77
fi
[ $rc = 0 ] || { cat err; fail "render -f graphic exited $rc"; }

for yaml in "$fixtures"/*.yaml; do
  base=g/$(basename "$yaml" .yaml)-图解
  for ext in svg pdf png; do
    [ -s "$base.$ext" ] || fail "$base.$ext missing"
  done
  [ -s "$base.pdf" ] || continue
  "$PY" - "$yaml" "$base" <<'EOF' || fail "$(basename "$base")"
import re, struct, sys, zlib, xml.etree.ElementTree as ET
import yaml
data = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
base = sys.argv[2]
bad = []
title = "%s%d年政府信息公开工作年度报告" % (data["organ"]["name"], data["year"])
total = sum(i["count"] for i in data["overview"]["published_items"])
root = ET.parse(base + ".svg").getroot()
texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
for want in (data["organ"]["name"], "%d年政府信息公开工作年度报告" % data["year"],
             "%d条" % total, "%d件" % data["disclosure"]["licensing"]):
    if want not in texts:
        bad.append("SVG lacks %r" % want)
# the PNG: 1080 pixels wide, not blank
png = open(base + ".png", "rb").read()
if png[:8] != b"\x89PNG\r\n\x1a\n":
    bad.append("not a PNG")
else:
    w, h = struct.unpack(">II", png[16:24])
    if w != 1080:
        bad.append("PNG %d pixels wide" % w)
    idat, pos = b"", 8
    while pos < len(png):
        n, kind = struct.unpack(">I4s", png[pos:pos + 8])
        crc, = struct.unpack(">I", png[pos + 8 + n:pos + 12 + n])
        if crc != zlib.crc32(png[pos + 4:pos + 8 + n]):
            bad.append("PNG chunk %r has a wrong CRC" % kind)
        if kind == b"IDAT":
            idat += png[pos + 8:pos + 8 + n]
        pos += 12 + n
    raw = zlib.decompress(idat)
    if len(set(raw[::97])) < 8:
        bad.append("PNG looks blank")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
EOF
  [ "$(pdfinfo "$base.pdf" | sed -n 's/^Pages: *//p')" = 1 ] || fail "$base.pdf is not one page"
  [ "$(pdfimages -list "$base.pdf" | tail -n +3 | wc -l)" = 0 ] || fail "$base.pdf holds a raster image"
  pdffonts "$base.pdf" | tail -n +3 | awk '$(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes" {bad=1} END {exit bad}' ||
    fail "$base.pdf has a font not embedded as a subset with a Unicode map"
  pdftotext -raw "$base.pdf" - | grep -q "年政府信息公开工作年度报告" || fail "$base.pdf: no title in the text"
done

# the same bytes again
"$NB_BIN" render -f graphic -o again "$fixtures"/*.yaml >/dev/null 2>&1
for f in g/*; do
  cmp -s "$f" "again/$(basename "$f")" || fail "$(basename "$f") differs on a second run"
done

# Tesseract reads the title and the headline figures of seed 004 (49 items, 57 licences)
png=g/2024-军屯乡人民政府-图解.png
if [ -s "$png" ]; then
  tesseract "$png" ocr -l chi_sim+eng >/dev/null 2>&1 || fail "tesseract failed"
  tr -d ' ' <ocr.txt >ocr-flat.txt
  grep -q '2024年政府信息公开工作年度报告' ocr-flat.txt || fail "OCR does not find the title: $(head -5 ocr.txt)"
  grep -q '49' ocr-flat.txt || fail "OCR does not find 49 (主动公开)"
  grep -q '57' ocr-flat.txt || fail "OCR does not find 57 (行政许可)"
  grep -q '主动公开政府信息' ocr-flat.txt || fail "OCR does not find the label 主动公开政府信息"
fi

# refused: -o FILE (three files need a folder), -o -
"$NB_BIN" render -f graphic -o one.pdf "$fixtures/2024-瓦窑沟乡人民政府.yaml" >/dev/null 2>&1
[ $? = 2 ] || fail "-f graphic -o one.pdf was not refused"
"$NB_BIN" render -f graphic -o - "$fixtures/2024-瓦窑沟乡人民政府.yaml" >/dev/null 2>&1
[ $? = 2 ] || fail "-f graphic -o - was not refused"
ls one.* >/dev/null 2>&1 && fail "a refused render wrote files"
# 图解 is the Chinese name of the format
"$NB_BIN" render -f 图解 -o zh "$fixtures/2024-瓦窑沟乡人民政府.yaml" >/dev/null 2>&1 || fail "-f 图解"
[ -s "zh/2024-瓦窑沟乡人民政府-图解.png" ] || fail "-f 图解 wrote no PNG"
exit $failed
