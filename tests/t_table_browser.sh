#!/bin/bash
# The tables as a reader sees them, in headless Chromium at 1280 pixels (a desktop) and at
# 390 pixels (a phone), measured from the DOM: every column header keeps its words whole (one
# line: "商业企/业", "结果维/持" are wrong), at 1280 pixels no table needs sideways scrolling,
# at 390 pixels the 表三 corner cell takes at most 40 % of the width and a table that scrolls
# shows that it does (the scroll cue above it is visible). Screenshots of both widths are kept
# in out/browser/ of the source tree to look at. Skipped (77) without Chromium.
set -u
: "${NB_BIN:?}" "${NB_SOURCE_DIR:?}"
CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$CHROMIUM" ] || { echo "chromium not installed: skipped"; exit 77; }
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shots=$NB_SOURCE_DIR/out/browser
mkdir -p "$shots"
failed=0
fx=$NB_SOURCE_DIR/fixtures
(cd "$tmp" && "$NB_BIN" render -f html -o html "$fx/2024-军屯乡人民政府.yaml" "$fx/2023-磁钟乡人民政府.yaml" \
  >/dev/null 2>&1) || { echo "FAIL: render"; exit 1; }

cat >"$tmp/measure.js" <<'EOF'
window.addEventListener("load", function () {
  var pre = document.createElement("pre");
  pre.id = "nb-measure";
  try {
  var out = {width: document.documentElement.clientWidth, heads: [], scrolls: [], corner: null};
  document.querySelectorAll('th[scope="col"], th[scope="colgroup"]').forEach(function (th) {
    var range = document.createRange();
    range.selectNodeContents(th);
    var tops = {};
    Array.prototype.forEach.call(range.getClientRects(), function (r) {
      if (r.width > 0) tops[Math.round(r.top)] = true;
    });
    out.heads.push([th.textContent, Object.keys(tops).length]);
  });
  document.querySelectorAll(".nb-scroll").forEach(function (s) {
    var cue = getComputedStyle(s, "::before");
    var t = s.querySelector("table");
    out.scrolls.push({table: t ? t.className : s.className, scrolls: s.scrollWidth > s.clientWidth + 1,
                      cue: cue.content !== "none" && cue.display !== "none" ? cue.content : ""});
  });
  var corner = document.querySelector(".nb-corner");
  if (corner) out.corner = corner.getBoundingClientRect().width;
  pre.textContent = JSON.stringify(out);
  } catch (e) {
    pre.textContent = JSON.stringify({error: String(e)});
  }
  parent.document.body.appendChild(pre);
});
EOF
for page in "$tmp"/html/*.html; do
  name=$(basename "$page" .html)
  for width in 1280 390; do
    "$PY" "$NB_SOURCE_DIR/tests/frame_page.py" "$page" "$tmp/measure.js" "$tmp/m-$name.html" "$width"
    for try in 1 2 3; do # a loaded machine may dump the page before the frame has loaded
      timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --user-data-dir="$tmp/profile" --window-size=1400,3000 \
        --virtual-time-budget=5000 --dump-dom "file://$tmp/m-$name.html" >"$tmp/dom.html" 2>/dev/null
      grep -q 'id="nb-measure"' "$tmp/dom.html" && break
    done
    "$PY" - "$tmp/dom.html" "$name" "$width" <<'EOF' || failed=1
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
name, width = sys.argv[2], int(sys.argv[3])
m = re.search(r'<pre id="nb-measure">(.*?)</pre>', dom, re.S)
if not m:
    print("FAIL: %s at %d px: no measurement (the page did not load?)" % (name, width))
    sys.exit(1)
d = json.loads(html.unescape(m.group(1)))
if "error" in d:
    print("FAIL: %s at %d px: the measuring script failed: %s" % (name, width, d["error"]))
    sys.exit(1)
bad = []
if len(d["heads"]) < 20:
    bad.append("only %d column headers" % len(d["heads"]))
for text, lines in d["heads"]:
    if lines != 1:
        bad.append("header %r is broken over %d lines" % (text, lines))
for s in d["scrolls"]:
    if width >= 1280 and s["scrolls"]:
        bad.append("%s needs sideways scrolling at %d px" % (s["table"], width))
    if s["scrolls"] and not s["cue"]:
        bad.append("%s scrolls sideways but nothing shows it" % s["table"])
if d["corner"] is None:
    bad.append("no 表三 corner cell")
elif width <= 390 and d["corner"] > 0.4 * d["width"]:
    bad.append("表三 corner is %.0f px of %d (%.0f %%)" % (d["corner"], d["width"], 100 * d["corner"] / d["width"]))
for b in bad:
    print("FAIL: %s at %d px: %s" % (name, width, b))
sys.exit(1 if bad else 0)
EOF
    timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
      --disable-background-networking --user-data-dir="$tmp/profile" \
      --window-size=$((width < 500 ? 500 : width)),4000 \
      --screenshot="$shots/table-$name-$width.png" "file://$tmp/m-$name.html" >/dev/null 2>&1 ||
      echo "warning: no screenshot of $name at $width px"
  done
done
echo "screenshots in $shots"
exit $failed
