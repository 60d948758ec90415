#!/usr/bin/env bash
# Benchmarks nianbao against what users would use instead, in the same run, as ratios.
#   lint:   Python (PyYAML + jsonschema), one process per file as a pre-commit hook runs it
#   render: pandoc turning the same Markdown into HTML
#   pdf:    WeasyPrint and Chromium --print-to-pdf on nianbao's own HTML
#   charts: the cost of seed 004's chart (with and without it) and of the 图解 poster
# Usage: bash tests/bench/bench.sh [build-dir]   (needs hyperfine; pandoc, weasyprint and
# chromium are optional: missing ones are skipped)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
nb=$build/nianbao
py=/usr/bin/python3
fixture=$root/fixtures/2024-军屯乡人民政府.yaml
schema=$root/schemas/report-2021.schema.json
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

mean() { # hyperfine JSON → mean seconds of command N
  $py -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["mean"])' "$1" "$2"
}
ratio() { $py -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{b/a:.1f}')" "$1" "$2"; }
ms() { $py -c "import sys; print(f'{float(sys.argv[1])*1000:.2f} ms')" "$1"; }
row() { printf '%-44s %12s %12s %8s×\n' "$1" "$(ms "$2")" "$(ms "$3")" "$(ratio "$2" "$3")"; }

echo "nianbao $("$nb" --version | cut -d' ' -f2) on $(nproc) cores; $(date -u +%F)"
printf '%-44s %12s %12s %9s\n' "task" "nianbao" "other" "ratio"

# --- lint: one file, process start included
hyperfine -N --warmup 5 --runs 50 --export-json l1.json \
  "$nb lint $fixture" "$py $root/tests/bench/pylint.py $schema $fixture" >/dev/null
row "lint 1 file (vs python jsonschema)" "$(mean l1.json 0)" "$(mean l1.json 1)"

# --- lint: 1000 files in one call; Python runs one process per file (50 measured, ×20)
mkdir -p many
for i in $(seq -w 1 1000); do cp "$fixture" "many/$i.yaml"; done
hyperfine -N --warmup 1 --runs 5 --export-json l1000.json "$nb lint $tmp/many/0001.yaml $(ls "$tmp"/many/*.yaml | tr '\n' ' ')" >/dev/null
py50=$( { /usr/bin/time -f %e bash -c "for f in $tmp/many/00[0-4]?.yaml; do $py $root/tests/bench/pylint.py $schema \$f >/dev/null; done" ; } 2>&1 )
py1000=$($py -c "print(float('$py50') * 20)")
row "lint 1000 files (python: 50 measured ×20)" "$(mean l1000.json 0)" "$py1000"
rss=$( { /usr/bin/time -f %M "$nb" lint "$tmp"/many/*.yaml >/dev/null; } 2>&1 )
rss1=$( { /usr/bin/time -f %M "$nb" lint "$fixture" >/dev/null; } 2>&1 )
echo "  max RSS: 1 file ${rss1} KB, 1000 files ${rss} KB"

if "$nb" help render >/dev/null 2>&1; then
  # --- render md+html+json
  # into an empty directory each time (an unchanged output is not rewritten at all)
  hyperfine -N --warmup 3 --runs 30 --prepare "rm -rf $tmp/out" --export-json r.json "$nb render -f md,html,json -o $tmp/out $fixture" >/dev/null
  "$nb" render -f md,html,json -o "$tmp/out" "$fixture" >/dev/null 2>&1
  md=$(ls "$tmp"/out/*.md | head -1)
  if command -v pandoc >/dev/null; then
    hyperfine -N --warmup 2 --runs 10 --export-json pd.json "pandoc -f commonmark -t html -s --metadata title=x -o $tmp/p.html $md" >/dev/null
    row "render md+html+json (vs pandoc md→html)" "$(mean r.json 0)" "$(mean pd.json 0)"
  else
    echo "render md+html+json: $(ms "$(mean r.json 0)") (pandoc not installed)"
  fi

  # --- charts: seed 004 with and without its chart (charts: 不画), so the difference is the
  # cost of the chart alone (limits: 1 ms for md+html, 5 ms for the PDF)
  cp "$fixture" "$tmp/nochart.yaml"
  printf 'charts:\n  published: 不画\n  applications: 不画\n' >>"$tmp/nochart.yaml"
  hyperfine -N --warmup 5 --runs 40 --prepare "rm -rf $tmp/c1 $tmp/c2" --export-json ch1.json \
    "$nb render -f md,html -o $tmp/c1 $fixture" "$nb render -f md,html -o $tmp/c2 $tmp/nochart.yaml" >/dev/null
  echo "charts in md+html: $(ms "$(mean ch1.json 0)") with, $(ms "$(mean ch1.json 1)") without: +$(ms "$($py -c "print($(mean ch1.json 0) - $(mean ch1.json 1))")") (limit 1 ms)"
  if "$nb" render -f pdf -o "$tmp/c3" "$fixture" >/dev/null 2>&1; then
    hyperfine -N --warmup 3 --runs 20 --prepare "rm -rf $tmp/c3 $tmp/c4" --export-json ch2.json \
      "$nb render -f pdf -o $tmp/c3 $fixture" "$nb render -f pdf -o $tmp/c4 $tmp/nochart.yaml" >/dev/null
    echo "charts in the PDF: $(ms "$(mean ch2.json 0)") with, $(ms "$(mean ch2.json 1)") without: +$(ms "$($py -c "print($(mean ch2.json 0) - $(mean ch2.json 1))")") (limit 5 ms)"
  fi
  # --- the 图解 poster: svg + pdf + png (limit 60 ms), and what the same command costs for
  # json alone (the check and the context), for scale
  if "$nb" render -f graphic -o "$tmp/g" "$fixture" >/dev/null 2>&1; then
    hyperfine -N --warmup 3 --runs 20 --prepare "rm -rf $tmp/g $tmp/j" --export-json gr.json \
      "$nb render -f graphic -o $tmp/g $fixture" "$nb render -f json -o $tmp/j $fixture" >/dev/null
    echo "图解 poster (svg+pdf+png): $(ms "$(mean gr.json 0)"); render -f json alone $(ms "$(mean gr.json 1)") (limit 60 ms)"
  fi
  html=$(ls "$tmp"/out/*.html | head -1)
  if "$nb" render -f pdf -o "$tmp/out" "$fixture" >/dev/null 2>&1; then
    hyperfine -N --warmup 3 --runs 20 --prepare "rm -f $tmp/out/*.pdf" --export-json pdf.json "$nb render -f pdf -o $tmp/out $fixture" >/dev/null
    "$nb" render -f pdf -o "$tmp/out" "$fixture" >/dev/null 2>&1
    pdf=$(ls "$tmp"/out/*.pdf | head -1)
    size=$(stat -c %s "$pdf")
    echo "  nianbao PDF: $(ms "$(mean pdf.json 0)"), $((size / 1024)) KB"
    # what the structure tags and PDF/A-2b cost: the same file without them
    mkdir -p "$tmp/plain"
    hyperfine -N --warmup 3 --runs 20 --prepare "rm -f $tmp/plain/*.pdf" --export-json plain.json "env NIANBAO_PDF_PLAIN=1 $nb render -f pdf -o $tmp/plain $fixture" >/dev/null
    NIANBAO_PDF_PLAIN=1 "$nb" render -f pdf -o "$tmp/plain" "$fixture" >/dev/null 2>&1
    psize=$(stat -c %s "$(ls "$tmp"/plain/*.pdf | head -1)")
    echo "  tagged + PDF/A-2b vs plain: time $(ms "$(mean pdf.json 0)") vs $(ms "$(mean plain.json 0)") ($($py -c "import sys; print(f'{(float(sys.argv[1])/float(sys.argv[2])-1)*100:+.1f} %')" "$(mean pdf.json 0)" "$(mean plain.json 0)")), size $size vs $psize bytes ($($py -c "import sys; print(f'{(int(sys.argv[1])/int(sys.argv[2])-1)*100:+.1f} %')" "$size" "$psize"))"
    if command -v weasyprint >/dev/null; then
      hyperfine -N --warmup 1 --runs 5 --export-json wp.json "weasyprint $html $tmp/w.pdf" >/dev/null
      row "pdf (vs WeasyPrint on nianbao's HTML)" "$(mean pdf.json 0)" "$(mean wp.json 0)"
      echo "  WeasyPrint PDF: $(( $(stat -c %s "$tmp/w.pdf") / 1024 )) KB (size ratio $(ratio "$size" "$(stat -c %s "$tmp/w.pdf")")×), faces: $(pdffonts "$tmp/w.pdf" 2>/dev/null | tail -n +3 | awk '{print $1}' | cut -d+ -f2 | tr '\n' ' ')"
      # the page's screen font stack is one sans face; with the faces of the PDF (宋 body, 黑 and
      # 楷 headings, as GB/T 9704 asks) the sizes compare like for like
      printf '%s\n' 'body, td, th { font-family: "AR PL SungtiL GB", "AR PL UMing CN"; }' \
        'h2 { font-family: "WenQuanYi Micro Hei"; } h3 { font-family: "LXGW WenKai", "AR PL UKai CN"; }' > "$tmp/faces.css"
      weasyprint -s "$tmp/faces.css" "$html" "$tmp/w2.pdf" 2>/dev/null
      echo "  WeasyPrint PDF with the same faces: $(( $(stat -c %s "$tmp/w2.pdf") / 1024 )) KB (size ratio $(ratio "$size" "$(stat -c %s "$tmp/w2.pdf")")×), faces: $(pdffonts "$tmp/w2.pdf" 2>/dev/null | tail -n +3 | awk '{print $1}' | cut -d+ -f2 | tr '\n' ' ')"
    fi
    if command -v chromium >/dev/null; then
      chrome="chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --user-data-dir=$tmp/chr --print-to-pdf=$tmp/c.pdf --no-pdf-header-footer file://$html"
      hyperfine --warmup 1 --runs 5 --export-json ch.json "$chrome" >/dev/null 2>&1
      row "pdf (vs Chromium --print-to-pdf)" "$(mean pdf.json 0)" "$(mean ch.json 0)"
      echo "  Chromium PDF: $(( $(stat -c %s "$tmp/c.pdf") / 1024 )) KB (size ratio $(ratio "$size" "$(stat -c %s "$tmp/c.pdf")")×)"
    fi
  fi
fi

# --- the Mustache engine alone (no ratio: nothing comparable is installed): 20,000 lines of
# text, variables, sections and comments (what test_mustache once timed)
printf 'n: 7\ns: [a]\n' > tpl.yaml
for i in $(seq 1 20000); do echo '第 {{n}} 行 {{#s}}<{{.}}>{{/s}} {{! note }}'; done > big.mustache
hyperfine -N --warmup 1 --runs 10 --export-json tpl.json "$nb template big.mustache --data tpl.yaml" >/dev/null
echo "template 20,000 lines (0.9 MB, under the 1 MiB limit): $(ms "$(mean tpl.json 0)")"


# --- Word: render -f docx beyond process start (nianbao --version), size; import of the .docx;
# LibreOffice converting the same .docx to PDF (what a clerk's office suite costs) alongside
if "$nb" render -f docx -o "$tmp/out" "$fixture" >/dev/null 2>&1; then
  docx=$(ls "$tmp"/out/*.docx | head -1)
  hyperfine -N --warmup 5 --runs 50 --prepare "rm -f $tmp/out/*.docx" --export-json dx.json \
    "$nb --version" "$nb render -f docx -o $tmp/out $fixture" >/dev/null
  "$nb" render -f docx -o "$tmp/out" "$fixture" >/dev/null 2>&1
  start=$(mean dx.json 0) render=$(mean dx.json 1)
  echo "render -f docx: $(ms "$render") ($(ms "$($py -c "print($render - $start)")") beyond process start $(ms "$start")), $(stat -c %s "$docx") bytes"
  hyperfine -N --warmup 3 --runs 30 --export-json di.json "$nb import $docx -o $tmp/imported.yaml --force" >/dev/null 2>&1 || true
  if command -v soffice >/dev/null; then
    lo="soffice --headless -env:UserInstallation=file://$tmp/lo --convert-to pdf --outdir $tmp/lo-out $docx"
    HOME=$tmp $lo >/dev/null 2>&1 # the profile is made once, as on a clerk's PC
    HOME=$tmp hyperfine --warmup 1 --runs 5 --export-json lo.json "$lo" >/dev/null 2>&1
    row "import .docx (vs LibreOffice .docx→pdf)" "$(mean di.json 0)" "$(mean lo.json 0)"
  else
    echo "import .docx: $(ms "$(mean di.json 0)") (LibreOffice not installed)"
  fi
fi
