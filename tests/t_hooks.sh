#!/usr/bin/env bash
# The README's commit checks, taken from README.md as a user copies them, in real git
# repositories with Chinese file names (which git quotes unless core.quotepath is off):
#   - the plain .git/hooks/pre-commit script;
#   - pre-commit (Debian's package) with the `repo: local` config, and with the remote form
#     (`repo:` + `rev:`, pointed at a repository holding this checkout's .pre-commit-hooks.yaml);
#   - `verbose: true` shows a warning of a file that passes; `args: [--strict]` blocks it.
# Each time: a file with an error (NB201) is blocked with the diagnostics shown, a good one
# is committed.
set -u
command -v git >/dev/null || { echo "SKIP: git not installed"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home GIT_CONFIG_NOSYSTEM=1 PRE_COMMIT_HOME=$tmp/pre-commit-cache
mkdir -p "$HOME"
git config --global user.name 测试 && git config --global user.email test@example.invalid
git config --global init.defaultBranch main
export PATH=$(dirname "$NB_BIN"):$PATH # `nianbao` is the program under test
readme=$NB_SOURCE_DIR/README.md
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# the first fenced block of language $1 in README.md that contains $2
block() {
  awk -v lang="$1" -v pat="$2" '
    !inb && $0 == "```" lang {inb = 1; buf = ""; next}
    inb && $0 == "```" {inb = 0; if (index(buf, pat)) {printf "%s", buf; exit} next}
    inb {buf = buf $0 "\n"}' "$readme"
}

# a file without any problem (so that it passes --strict too), one with warnings only
good_src=
for f in "$NB_SOURCE_DIR"/fixtures/*.yaml; do [ -z "$(nianbao lint "$f")" ] && { good_src=$f; break; }; done
[ -n "$good_src" ] || { echo "FAIL: no fixture lints without problems"; exit 1; }
warn_src=$NB_SOURCE_DIR/fixtures/2024-军屯乡人民政府.yaml # NB211, a warning only
good="乡镇 报告/$(basename "$good_src")"
badf='2025-军屯乡人民政府.yaml'
# a repository with the bad file and the good one (and the warned one) ready to add
new_repo() {
  local r=$tmp/$1
  git init -q "$r"
  mkdir -p "$r/乡镇 报告"
  cp "$good_src" "$r/$good"
  # carry_forward 0 → 1: 一 + 二 ≠ （七）+ 四 in the 自然人 column
  sed 's/^  carry_forward: \[0,/  carry_forward: [1,/' "$good_src" >"$r/$badf"
  cp "$warn_src" "$r/2024-军屯乡人民政府.yaml"
  echo "$r"
}
# commit_case repo file expect(blocked|passes) [grep pattern the output must show]
commit_case() {
  local r=$1 f=$2 want=$3 pat=${4:-}
  git -C "$r" reset -q 2>/dev/null
  git -C "$r" add -- .pre-commit-config.yaml 2>/dev/null
  git -C "$r" add -- "$f"
  local out rc
  out=$(cd "$r" && git commit -q -m "add $f" 2>&1)
  rc=$?
  if [ "$want" = blocked ] && [ $rc = 0 ]; then
    bad "$r: $f was committed"
    git -C "$r" reset -q --soft HEAD~ 2>/dev/null
  elif [ "$want" = passes ] && [ $rc != 0 ]; then
    bad "$r: $f was blocked: $out"
  else
    ok
  fi
  if [ -n "$pat" ]; then
    grep -q -- "$pat" <<<"$out" && ok || { bad "$r: committing $f does not show $pat"; echo "$out" | head -20; }
  fi
}

# 1. the plain hook
hook=$(block sh '#!/bin/sh')
grep -q -- '-z' <<<"$hook" || bad "the README's hook does not use NUL-separated names"
r=$(new_repo plain)
printf '%s' "$hook" >"$r/.git/hooks/pre-commit" && chmod +x "$r/.git/hooks/pre-commit"
git -C "$r" config core.quotepath true # git's default: non-ASCII names are quoted
commit_case "$r" "$badf" blocked "错误\[NB201\]"
commit_case "$r" "$good" passes
commit_case "$r" "$(basename "$warn_src")" passes

if ! command -v pre-commit >/dev/null; then
  echo "$pass passed, $fail failed (SKIP: pre-commit not installed)"
  [ $fail = 0 ] && exit 77 || exit 1
fi

# 2. pre-commit, repo: local
local_cfg=$(block yaml 'repo: local')
r=$(new_repo local)
printf '%s' "$local_cfg" >"$r/.pre-commit-config.yaml"
(cd "$r" && pre-commit install >/dev/null) || bad "pre-commit install"
commit_case "$r" "$badf" blocked "错误\[NB201\]"
commit_case "$r" "$badf" blocked "$badf" # the Chinese name, as written
commit_case "$r" "$good" passes

# 3. pre-commit, the remote form with rev:, at a repository holding .pre-commit-hooks.yaml
remote_cfg=$(block yaml 'rev:')
rev=$(sed -n 's/^ *rev: *\([^ #]*\).*/\1/p' <<<"$remote_cfg")
[ -n "$rev" ] || bad "no rev: in the README's remote form"
hooks=$tmp/nianbao-hooks
git init -q "$hooks" && cp "$NB_SOURCE_DIR/.pre-commit-hooks.yaml" "$hooks/" &&
  git -C "$hooks" add .pre-commit-hooks.yaml && git -C "$hooks" commit -qm hooks && git -C "$hooks" tag "$rev"
r=$(new_repo remote)
sed "s#repo: https://[^ ]*#repo: $hooks#" <<<"$remote_cfg" >"$r/.pre-commit-config.yaml"
(cd "$r" && pre-commit install >/dev/null) || bad "pre-commit install (remote)"
commit_case "$r" "$badf" blocked "错误\[NB201\]"
commit_case "$r" "$good" passes

# 4. verbose: true shows the warning of a passing file; args: [--strict] blocks it
extra=$(block yaml 'verbose: true')
grep -q 'args: \[--strict\]' <<<"$extra" || bad "the README does not offer args: [--strict]"
verbose_line=$(grep 'verbose: true' <<<"$extra")
strict_line=$(grep 'args: \[--strict\]' <<<"$extra")
r=$(new_repo verbose)
awk -v add="$verbose_line" '{print} /- id: nianbao-lint/ {print add}' <<<"$local_cfg" >"$r/.pre-commit-config.yaml"
(cd "$r" && pre-commit install >/dev/null)
commit_case "$r" 2024-军屯乡人民政府.yaml passes "警告\[NB211\]"
r=$(new_repo strict)
awk -v add="$strict_line" '{print} /- id: nianbao-lint/ {print add}' <<<"$local_cfg" >"$r/.pre-commit-config.yaml"
(cd "$r" && pre-commit install >/dev/null)
commit_case "$r" 2024-军屯乡人民政府.yaml blocked "警告\[NB211\]"
commit_case "$r" "$good" passes

echo "$pass passed, $fail failed"
[ $fail = 0 ]
