#!/usr/bin/env bash
# No link-level cycle between the files of generator/: file A depends on file B when A's object
# uses a symbol B's object defines (read with nm from the objects of the build). A cycle
# (A → B → … → A) means neither file can be understood or tested without the other; the test
# fails naming every file of the first cycle found.
#   NB_CYCLES_OBJECTS  a directory to read objects from instead of the build (for trying it)
set -euo pipefail
src=${NB_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${NB_BUILD_DIR:-$src/build}
command -v nm >/dev/null || { echo "SKIP: nm is not installed"; exit 77; }

objdir=${NB_CYCLES_OBJECTS:-$build/CMakeFiles}
[ -d "$objdir" ] || { echo "FAIL: no object directory $objdir"; exit 1; }

# One object per source file (the PDF sources are compiled twice, for the module and the tests);
# objects of deleted sources left in the build tree are ignored.
declare -A seen=()
list=$(mktemp)
trap 'rm -f "$list"' EXIT
while IFS= read -r obj; do
  rel=generator/${obj#*/generator/}
  rel=${rel%.o}
  [ -n "${NB_CYCLES_OBJECTS:-}" ] || [ -e "$src/$rel" ] || continue
  [ -z "${seen[$rel]:-}" ] || continue
  seen[$rel]=1
  nm -P -g "$obj" | awk -v f="$rel" '{ print f, $1, ($2 == "U" ? "U" : "D") }' >>"$list"
done < <(find "$objdir" -path '*/generator/*' -name '*.c.o' | sort)

files=${#seen[@]}
[ "$files" -gt 40 ] || [ -n "${NB_CYCLES_OBJECTS:-}" ] || {
  echo "FAIL: only $files objects of generator/ found under $objdir (build first)"
  exit 1
}

awk '
  $1 != last { file[++nf] = $1; last = $1 }
  $3 == "D" { def[$2] = $1; next }
  { use[++nu] = $1 SUBSEP $2 }
  END {
    for (i = 1; i <= nu; i++) {
      split(use[i], p, SUBSEP)
      to = def[p[2]]
      if (to == "" || to == p[1] || ((p[1], to) in edge)) continue
      edge[p[1], to] = 1
      nedge++
      out[p[1]] = out[p[1]] " " to
    }
    for (k = 1; k <= nf; k++)
      if (!(file[k] in color) && dfs(file[k], 0)) exit 1
    printf "cycles: %d files, %d dependencies, no cycle\n", nf, nedge
  }
  # Depth-first search; a grey node reached again closes a cycle: print it from the stack.
  function dfs(v, depth,    m, list, j, w, c, k2) {
    color[v] = 1; stack[depth] = v
    m = split(out[v], list, " ")
    for (j = 1; j <= m; j++) {
      w = list[j]
      if ((w in color) && color[w] == 1) {
        c = w
        for (k2 = depth; stack[k2] != w; k2--) c = stack[k2] " → " c
        print "FAIL: link-level cycle: " w " → " c
        return 1
      }
      if (!(w in color) && dfs(w, depth + 1)) return 1
    }
    color[v] = 2
    return 0
  }
' "$list"
