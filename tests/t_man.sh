#!/usr/bin/env bash
# nianbao(1) and the bash completion agree with the program: the page's synopsis is
# `nianbao --help` and each command's section is `nianbao help 命令`, byte for byte once the roff
# escapes are undone; man renders it without troff warnings; every option a command's help
# names is offered by the completion and nothing else is; -f, --level and commands complete.
set -u
page=$NB_BUILD_DIR/nianbao.1
comp=$NB_SOURCE_DIR/packaging/nianbao.bash
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
[ -s "$page" ] || { echo "FAIL: no $page"; exit 1; }

# the no-fill block after the line $1 of the page, unescaped
block() {
  awk -v head="$1" '$0 == head {on = 1; next} on && $0 == ".nf" {inb = 1; next}
    inb && $0 == ".fi" {exit} inb {print}' "$page" |
    sed -e 's/^\\&//' -e 's/\\-/-/g' -e 's/\\e/\\/g'
}

"$NB_BIN" --help >"$tmp/want"
block ".SH 概要" >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" && ok || { bad "synopsis differs from nianbao --help"; diff "$tmp/want" "$tmp/got" | head; }

commands=$("$NB_BIN" --help | sed -n 's/^  \([a-z]\+\)  .*/\1/p')
[ "$(echo "$commands" | wc -l)" -ge 7 ] && ok || bad "commands from --help: $commands"
for c in $commands; do
  "$NB_BIN" help "$c" >"$tmp/want"
  block ".SS \"nianbao $c\"" >"$tmp/got"
  cmp -s "$tmp/want" "$tmp/got" && ok || { bad "section nianbao $c differs from nianbao help $c"; diff "$tmp/want" "$tmp/got" | head; }
done
# every rule code of README's table has an entry
for code in $(sed -n 's/^| \(NB[0-9]\{3\}\) |.*/\1/p' "$NB_SOURCE_DIR/README.md"); do
  grep -qx ".B $code" "$page" || bad "no entry for $code"
done
ok
for s in 名称 概要 命令 退出码 检查规则编号 文件 示例; do
  grep -q "^\.SH $s\$" "$page" && ok || bad "no section $s"
done

if command -v man >/dev/null; then
  LANG=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" >"$tmp/man.txt" 2>"$tmp/man.err"
  [ $? = 0 ] && [ ! -s "$tmp/man.err" ] && ok || { bad "man -l warns"; head -5 "$tmp/man.err"; }
  grep -q "nianbao lint" "$tmp/man.txt" && grep -q "NB201" "$tmp/man.txt" && ok || bad "rendered page lacks lint or NB201"
else
  echo "SKIP: man (man-db) not installed"
fi

# completion: the options of each command are those its help names (and --help)
# shellcheck source=/dev/null
source "$comp"
complete_line() { # words… → COMPREPLY, one per line
  COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
  _nianbao 2>/dev/null
  printf '%s\n' "${COMPREPLY[@]}"
}
for c in $commands; do
  want=$( { "$NB_BIN" help "$c" | sed -n 's/^  \(-[^ ].*\)/\1/p' | sed 's/   .*//' |
            grep -oE '(^|[ ,])--?[a-z][a-z-]*' | tr -d ' ,'; echo --help; } | grep -vx -- -h | sort -u)
  got=$(_nianbao_options "$c" | tr ' ' '\n' | sort -u)
  [ "$want" = "$got" ] && ok || bad "completion options of $c (packaging/nianbao.bash): want $(echo $want) got $(echo $got)"
done
offered=$(complete_line nianbao "" | grep -v '^-' | grep -vx help | sort)
[ "$offered" = "$(sort <<<"$commands")" ] && ok ||
  bad "commands completed (packaging/nianbao.bash): $(echo $offered), nianbao --help lists: $(echo $commands)"
[ "$(complete_line nianbao l)" = lint ] && ok || bad "nianbao l<TAB>: $(complete_line nianbao l)"
[ "$(complete_line nianbao render -f md,h)" = md,html ] && ok || bad "-f md,h<TAB>: $(complete_line nianbao render -f md,h)"
[ "$(complete_line nianbao init --level 县 | sort | tr '\n' ' ')" = "县级人民政府 县级部门 " ] && ok ||
  bad "--level 县<TAB>: $(complete_line nianbao init --level 县)"
[ "$(complete_line nianbao lint --st)" = --strict ] && ok || bad "lint --st<TAB>"
[ "$(complete_line nianbao help ren)" = render ] && ok || bad "help ren<TAB>"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
