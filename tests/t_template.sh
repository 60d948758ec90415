#!/bin/bash
# nianbao template: output, partial search order, error format and exit codes.
set -u
bin=${NB_BIN:?NB_BIN is not set}
[ -x "$bin" ] || { echo "skipped: $bin not built"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failed=0

check() { # name expected actual
  if [ "$2" != "$3" ]; then
    printf 'FAIL %s\n--- expected\n%s\n--- actual\n%s\n' "$1" "$2" "$3"
    failed=1
  fi
}

mkdir -p "$dir/own" "$dir/parts"
cat > "$dir/data.yaml" <<'EOF'
title: 年报 & "公开"
rows:
  - {name: 一, n: 1}
  - {name: 二, n: 2}
EOF
printf '# {{title}}\n{{#rows}}\n  {{> row}}\n{{/rows}}\n{{<frame}}{{$body}}正文{{/body}}{{/frame}}\n' \
  > "$dir/own/report.mustache"
printf -- '- {{name}}: {{n}}\n' > "$dir/own/row.mustache"
printf -- '* {{name}}\n' > "$dir/parts/row.mustache"
printf '[{{$body}}默认{{/body}}]\n' > "$dir/own/frame.mustache"

out=$("$bin" template "$dir/own/report.mustache" --data "$dir/data.yaml")
check "partials beside the template" "# 年报 &amp; &quot;公开&quot;
  - 一: 1
  - 二: 2
[正文]" "$out"

out=$("$bin" template "$dir/own/report.mustache" --data "$dir/data.yaml" --partials "$dir/parts" \
      --escape none)
check "--partials first, --escape none" "# 年报 & \"公开\"
  * 一
  * 二
[正文]" "$out"

out=$(printf '{{#a}}\n{{/b}}\n' | "$bin" template - 2>&1)
check "exit code for a template error" 1 "$?"
case $out in *"标准输入:2:1: 错误[NB402]"*) ;; *) echo "FAIL NB402 message: $out"; failed=1 ;; esac

out=$(printf '{{> ../secret}}' > "$dir/esc.mustache"; "$bin" template "$dir/esc.mustache" 2>&1)
check "exit code for an unsafe partial" 1 "$?"
case $out in *"esc.mustache:1:1: 错误[NB407]"*) ;; *) echo "FAIL NB407 message: $out"; failed=1 ;; esac

"$bin" template "$dir/own/nothing.mustache" 2>/dev/null
check "exit code for a missing template" 2 "$?"
"$bin" template 2>/dev/null
check "exit code without arguments" 2 "$?"
"$bin" template "$dir/own/report.mustache" --data 2>/dev/null
check "exit code for --data without a file" 2 "$?"
printf 'a: [\n' > "$dir/bad.yaml"
"$bin" template "$dir/own/report.mustache" --data "$dir/bad.yaml" 2>/dev/null
check "exit code for bad data" 1 "$?"
"$bin" template --help | grep -q '用法：nianbao template'
check "--help" 0 "$?"

exit $failed
