#!/usr/bin/env bash
# Pathological inputs through lint and render (every format): each must end within its time
# limit (10 s of CPU; 40 s in a sanitizer build) with exit 0, 1 or 2 and a message — never a crash,
# never a hang. The inputs are made
# here from a seed fixture, each with one part blown up.
set -u
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
base="$NB_SOURCE_DIR/fixtures/2024-瓦窑沟乡人民政府.yaml"
py=/usr/bin/python3
[ -x "$py" ] || { echo "需要 python3 生成测试输入，跳过"; exit 77; }
"$py" - "$base" "$tmp" <<'PYEOF'
import re, sys
base = open(sys.argv[1], encoding="utf-8").read()
out = sys.argv[2]
block = re.search(r"  on_request: \|\n(    .*\n)+", base).group(0)
def prose(name, text):
    body = "".join("    " + line + "\n" for line in text.split("\n"))
    open(f"{out}/{name}.yaml", "w", encoding="utf-8").write(base.replace(block, "  on_request: |\n" + body))
prose("quotes", ">" * 50000 + " 深")                       # blockquotes in blockquotes
prose("lists", "- " * 30000 + "深")                        # lists in lists
prose("emphasis", "*a " * 50000 + "深" + " a*" * 50000)    # emphasis in emphasis
prose("brackets", "[" * 50000 + "深" + "]" * 50000)         # link brackets
prose("backticks", "`" * 20000 + "深" + "`" * 19999)        # unmatched code spans
prose("entities", "&amp;" * 100000)
prose("long-line", "政务公开" * 200000)                      # one 2.4 MB paragraph
prose("many-paragraphs", "一段。\n\n" * 100000)
prose("html", "<div>" * 30000 + "深")
prose("table-like", "| a | b |\n" * 50000)
cats = "".join(f"    - {{category: 类别{i}, count: 1}}\n" for i in range(20000))
open(f"{out}/categories.yaml", "w", encoding="utf-8").write(
    re.sub(r"  published_items:\n(    - .*\n)+", "  published_items:\n" + cats, base))
same = "".join("    - {category: 同名, count: 1}\n" for i in range(20000))   # 20,000 warnings
open(f"{out}/same-categories.yaml", "w", encoding="utf-8").write(
    re.sub(r"  published_items:\n(    - .*\n)+", "  published_items:\n" + same, base))
PYEOF
# a sanitizer build runs several times slower: same inputs, a longer limit (CPU seconds)
limit=10
nm "$NB_BIN" 2>/dev/null | grep -q __asan_init && limit=40
pass=0 fail=0
for f in "$tmp"/*.yaml; do
  name=$(basename "$f" .yaml)
  for cmd in "lint" "render -o $tmp/out-$name"; do
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    # the limit is CPU time (all threads), so a busy machine does not fail the test; a run that
    # waits without computing is stopped by the wall-clock backstop
    ( ulimit -t $limit; exec timeout $((limit * 6)) "$NB_BIN" $cmd "$f" ) >"$tmp/out" 2>&1
    rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ $rc -le 2 ] && [ -s "$tmp/out" ] || [ $rc = 0 ]; then
      pass=$((pass + 1))
    else
      fail=$((fail + 1)); echo "FAIL: $cmd $name: exit $rc after $ms ms"; tail -3 "$tmp/out"
    fi
    echo "  $name: ${cmd%% *} exit $rc, $ms ms"
  done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
