#!/bin/bash
# Accessibility of every HTML page nianbao writes (the fixtures' reports and the XSS fixture's):
# axe-core's wcag2a, wcag2aa, wcag21aa and best-practice rules in headless Chromium, zero
# violations, each one printed. axe-core and puppeteer-core come from npm (.ci/test.sh installs
# them into $NB_NODE_MODULES, default ~/.cache/nianbao/node/node_modules); the browser is the
# system's Chromium. Skipped (77) when node, Chromium or the npm packages are missing.
set -u
: "${NB_BIN:?}" "${NB_SOURCE_DIR:?}"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
modules=${NB_NODE_MODULES:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao/node/node_modules}
command -v node >/dev/null || { echo "skip: node missing"; exit 77; }
[ -n "$CHROMIUM" ] || { echo "skip: chromium missing"; exit 77; }
[ -d "$modules/axe-core" ] && [ -d "$modules/puppeteer-core" ] ||
  { echo "skip: axe-core/puppeteer-core not in $modules (run .ci/test.sh)"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && "$NB_BIN" render -f html -o html "$NB_SOURCE_DIR"/fixtures/*.yaml \
  "$NB_SOURCE_DIR"/fixtures/xss/*.yaml >/dev/null 2>&1) || { echo "FAIL: render"; exit 1; }
shopt -s nullglob
pages=("$tmp"/html/*.html)
[ ${#pages[@]} -ge 5 ] || { echo "FAIL: expected at least 5 pages, got ${#pages[@]}"; exit 1; }
HOME=$tmp NODE_PATH=$modules timeout 240 node "$NB_SOURCE_DIR/tests/axe.js" "$CHROMIUM" "${pages[@]}"
