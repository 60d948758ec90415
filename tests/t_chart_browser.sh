#!/bin/bash
# The charts in a real browser: headless Chromium lays out the HTML reports of the seed
# fixtures (a pie, 15 bars, a single ring, two charts in the payload fixture) at 1280 and at
# 390 pixels (a phone); measured from the DOM, every chart lies inside the viewport's width
# and no two of its text boxes overlap. The pages forbid scripts (Content-Security-Policy), so
# the measuring script goes into a copy without that meta element. Screenshots of the charts
# are kept in out/browser/ of the source tree. Skipped (77) without Chromium.
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
fail() {
  echo "FAIL: $*"
  failed=1
}
fx=$NB_SOURCE_DIR/fixtures
(cd "$tmp" && "$NB_BIN" render -f html -o html "$fx/2024-军屯乡人民政府.yaml" "$fx/2024-瓦窑沟乡人民政府.yaml" \
  "$fx/2024-酒后镇人民政府.yaml" "$fx/xss/2024-xss.yaml" >/dev/null 2>&1) || { echo "FAIL: render"; exit 1; }

cat >"$tmp/measure.js" <<'EOF'
window.addEventListener("load", function () {
  var out = {width: document.documentElement.clientWidth, charts: []};
  document.querySelectorAll("svg.nb-chart").forEach(function (svg) {
    var r = svg.getBoundingClientRect();
    var texts = [];
    svg.querySelectorAll("text").forEach(function (t) {
      var b = t.getBoundingClientRect();
      if (b.width > 0) texts.push([b.left, b.top, b.right, b.bottom, t.textContent]);
    });
    out.charts.push({left: r.left, right: r.right, texts: texts});
  });
  var pre = document.createElement("pre");
  pre.id = "nb-measure";
  pre.textContent = JSON.stringify(out);
  parent.document.body.appendChild(pre); /* the frame's page: the wrapper's DOM is dumped */
});
EOF
for page in "$tmp"/html/*.html; do
  name=$(basename "$page" .html)
  for width in 1280 390; do
    # the copy (no CSP, the measuring script at the end) in a frame WIDTH pixels wide: a
    # headless window is never narrower than 500 pixels
    "$PY" "$NB_SOURCE_DIR/tests/frame_page.py" "$page" "$tmp/measure.js" "$tmp/m-$name.html" "$width"
    timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
      --disable-background-networking --user-data-dir="$tmp/profile" --window-size=1400,3000 \
      --virtual-time-budget=3000 --dump-dom "file://$tmp/m-$name.html" >"$tmp/dom.html" 2>/dev/null
    "$PY" - "$tmp/dom.html" "$name" "$width" <<'EOF' || fail "$name at $width px"
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="nb-measure">(.*?)</pre>', dom, re.S)
if not m:
    print("no measurement (the page did not load?)")
    sys.exit(1)
d = json.loads(html.unescape(m.group(1)))
bad = []
if d["width"] != int(sys.argv[3]) and d["width"] != int(sys.argv[3]) - 15:  # a scroll bar
    bad.append("laid out %d pixels wide" % d["width"])
if not d["charts"] or not all(c["texts"] for c in d["charts"]):
    bad.append("no chart, or a chart without text")
for i, c in enumerate(d["charts"]):
    if c["left"] < -0.5 or c["right"] > d["width"] + 0.5:
        bad.append("chart %d spans %.1f–%.1f, outside 0–%d" % (i + 1, c["left"], c["right"], d["width"]))
    t = c["texts"]
    for a in range(len(t)):
        for b in range(a + 1, len(t)):
            x = min(t[a][2], t[b][2]) - max(t[a][0], t[b][0])
            y = min(t[a][3], t[b][3]) - max(t[a][1], t[b][1])
            if x > 0.5 and y > 0.5:
                bad.append("chart %d: %r overlaps %r" % (i + 1, t[a][4], t[b][4]))
for b in bad:
    print("%s at %s px: %s" % (sys.argv[2], sys.argv[3], b))
sys.exit(1 if bad else 0)
EOF
    # what was measured, to look at (the frame at its width)
    timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
      --disable-background-networking --user-data-dir="$tmp/profile" \
      --window-size=$((width < 500 ? 500 : width)),2600 \
      --screenshot="$shots/chart-$name-$width.png" "file://$tmp/m-$name.html" >/dev/null 2>&1 ||
      echo "warning: no screenshot of $name at $width px"
  done
done
echo "screenshots in $shots"
exit $failed
