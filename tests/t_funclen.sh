#!/usr/bin/env bash
# No function of generator/ is longer than 60 lines (from its opening to its closing brace),
# except one marked with the comment "dispatch table" on the line before its name: a long
# switch or table that reads best in one place. Fails naming each function that is longer.
set -euo pipefail
src=${NB_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}/generator
limit=60
awk -v limit=$limit '
  FNR == 1 { name = ""; prev = ""; start = 0 }
  /^[A-Za-z_].*\(/ && !/;[[:space:]]*$/ { name = $0; allowed = prev ~ /dispatch table/ }
  /^\{/ { start = FNR }
  /^\}/ && start {
    n = FNR - start + 1
    if (n > limit && !allowed) {
      sub(/\(.*/, "", name); k = split(name, w, /[ *]+/)
      printf "FAIL: %s:%d: %s is %d lines (more than %d)\n", FILENAME, start, w[k], n, limit
      bad = 1
    }
    start = 0
  }
  { if ($0 !~ /^[[:space:]]*$/) prev = $0 }
  END { exit bad }
' $(find "$src" -name '*.c' | sort) && echo "funclen: no function of generator/ over $limit lines"
