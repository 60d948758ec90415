#!/usr/bin/env bash
# The layering of generator/ (see generator/README.md): every #include "folder/…" of a file must
# name its own folder or one the folder may depend on. Fails, naming the line, otherwise.
set -euo pipefail
src=${NB_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}/generator

allowed() { # folder → the folders it may include
  case $1 in
  core) echo "core" ;;
  check | mustache) echo "core $1" ;;
  pdf) echo "core pdf" ;;
  graphic) echo "core graphic" ;;
  office) echo "core office" ;;
  xlsx) echo "xlsx" ;;
  render) echo "core check mustache render pdf/pdf.h graphic/graphic.h office/office.h" ;;
  author) echo "core check author office/office.h" ;;
  batch) echo "core check mustache render pdf/pdf.h graphic/graphic.h office/office.h xlsx/xlsx.h author batch" ;;
  cli) echo "core check mustache render pdf/pdf.h graphic/graphic.h office/office.h xlsx/xlsx.h author batch cli" ;;
  tools) echo "core check tools" ;;
  *) echo "" ;;
  esac
}

bad=0 files=0
for dir in "$src"/*/; do
  layer=$(basename "$dir")
  ok=$(allowed "$layer")
  if [ -z "$ok" ]; then echo "FAIL: unknown layer generator/$layer (add it to $0 and generator/README.md)"; bad=1; continue; fi
  for f in "$dir"*.[ch]; do
    [ -e "$f" ] || continue
    files=$((files + 1))
    while IFS=: read -r line inc; do
      target=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"$inc")
      case $target in */*) ;; *) echo "FAIL: generator/$layer/$(basename "$f"):$line: include without its folder: $target"; bad=1; continue ;; esac
      hit=0
      for a in $ok; do
        case $a in */*) [ "$target" = "$a" ] && hit=1 ;; *) [ "${target%%/*}" = "$a" ] && hit=1 ;; esac
      done
      if [ $hit = 0 ]; then
        echo "FAIL: generator/$layer/$(basename "$f"):$line: $layer may not include $target"; bad=1
      fi
    done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" || true)
  done
done
[ "$files" -gt 50 ] || { echo "FAIL: only $files files found under $src"; exit 1; }
if [ $bad = 0 ]; then echo "layers: $files files, every include within its layer's dependencies"; fi
exit $bad
