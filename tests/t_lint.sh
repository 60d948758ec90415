#!/usr/bin/env bash
# Lint golden tests: every fixture's diagnostics and exit code against tests/golden/lint/,
# plus the bad-input cases that cannot live in a file (directory, missing file, huge file).
# UPDATE=1 rewrites the golden files (review them before committing).
set -u
cd "$NB_SOURCE_DIR" || exit 2
golden=tests/golden/lint
pass=0 fail=0
check() { # name, expected, actual
  if [ "$2" == "$3" ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL: $1"; diff <(echo "$2") <(echo "$3") | head -20; fi
}
run_lint() { # prints the output and the exit code; must finish within 2 s
  local out rc
  out=$(timeout 2 "$NB_BIN" lint "$@" 2>&1); rc=$?
  printf '%s\nexit %d\n' "$out" "$rc"
}

for f in fixtures/*.yaml fixtures/gaps/*.yaml fixtures/encoding/*.yaml fixtures/invalid/*.yaml fixtures/near/*.yaml; do
  name=$(echo "${f#fixtures/}" | tr '/' '_'); name=${name%.yaml}.txt
  actual=$(run_lint "$f")
  if [ "${UPDATE:-}" = 1 ]; then mkdir -p "$golden"; printf '%s\n' "$actual" > "$golden/$name"; fi
  if [ ! -f "$golden/$name" ]; then fail=$((fail + 1)); echo "FAIL: no golden file $golden/$name"; continue; fi
  check "$f" "$(cat "$golden/$name")" "$actual"
done

# Every invalid fixture must fail (exit 1), except the rule files whose finding is a warning.
for f in fixtures/invalid/*.yaml; do
  rc=$(run_lint "$f" | tail -1)
  case "$f" in *rule-duplicate-category*|*rule-phone*|*rule-in-force*|*rule-date-before*|*rule-date-deadline*|*rule-on-request*|*rule-period*|*rule-prose-*|*rule-part5-*|*rule-township*)
    check "$f warns" "exit 0" "$rc"; check "$f --strict" "exit 1" "$(run_lint --strict "$f" | tail -1)";;
  *) check "$f fails" "exit 1" "$rc";; esac
done

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Across two years (fixtures/crossyear/NAME-prev.yaml and NAME-cur.yaml): golden output of
# lint --previous; the near misses must not give NB308 or NB309.
for cur in fixtures/crossyear/*-cur.yaml; do
  prev=${cur%-cur.yaml}-prev.yaml; name=crossyear_$(basename "${cur%-cur.yaml}").txt
  actual=$(run_lint --previous "$prev" "$cur")
  if [ "${UPDATE:-}" = 1 ]; then printf '%s\n' "$actual" > "$golden/$name"; fi
  check "$cur" "$(cat "$golden/$name" 2>/dev/null)" "$actual"
  case "$cur" in */near-*) check "$cur has no NB308/NB309" "0" "$(echo "$actual" | grep -c 'NB30[89]')";; esac
done

# .nianbao.yaml: the data files of fixtures/config/ follow the local rules of that folder's
# config (deadline, limits, levels, inline exceptions); fixtures/config-bad/'s config is wrong
# and is reported (NB901) with its own file:line:column.
for f in fixtures/config/*.yaml fixtures/config-bad/*.yaml; do
  name=$(echo "${f#fixtures/}" | tr '/' '_'); name=${name%.yaml}.txt
  actual=$(run_lint "$f")
  if [ "${UPDATE:-}" = 1 ]; then printf '%s\n' "$actual" > "$golden/$name"; fi
  check "$f" "$(cat "$golden/$name" 2>/dev/null)" "$actual"
done
json=$(timeout 2 "$NB_BIN" lint --format json fixtures/config/2024-瓦窑沟乡人民政府.yaml)
if command -v /usr/bin/python3 >/dev/null; then
  echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
f = d["files"][0]
assert (f["errors"], f["warnings"]) == (1, 3), f
ignored = [x for x in f["diagnostics"] if x["severity"] == "ignored"]
assert [x["code"] for x in ignored] == ["NB227"] and "对口帮扶" in ignored[0]["hint"], ignored
assert not [x for x in f["diagnostics"] if x["code"] == "NB229"], f
' && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: config json: $json"; }
fi
cp fixtures/config/2024-瓦窑沟乡人民政府.yaml "$tmp/"   # outside the folder: no config
check "without the config" "0" "$(run_lint "$tmp/2024-瓦窑沟乡人民政府.yaml" | grep -c 'NB231')"

# lint --score: the deductions of seed 004 (NB211 −2, NB229 −5 under 第五部分具体) and of a file
# missing its URL and telephone; JSON lists the scores with the files.
check "score text" "评分：fixtures/2024-军屯乡人民政府.yaml 93/100（第五部分具体 −2 NB211；第五部分具体 −5 NB229）" \
  "$(timeout 2 "$NB_BIN" lint --score fixtures/2024-军屯乡人民政府.yaml | grep '^评分')"
check "score of 磁钟乡" "90" "$(timeout 2 "$NB_BIN" lint --score fixtures/2023-磁钟乡人民政府.yaml | sed -n 's/^评分：.* \([0-9]*\)\/100.*/\1/p')"
if command -v /usr/bin/python3 >/dev/null; then
  timeout 2 "$NB_BIN" lint --score --format json fixtures/2024-军屯乡人民政府.yaml fixtures/invalid/empty.yaml | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
s = d["scores"]
assert [x["score"] for x in s] == [93, 0], s
assert [x["code"] for x in s[0]["deductions"]] == ["NB211", "NB229"], s
' && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: score json"; }
fi

# Near misses (fixtures/near/) look like a rule's trigger but must not fire anything.
for f in fixtures/near/*.yaml; do
  check "$f is quiet" "$(printf "\nexit 0")" "$(run_lint --strict "$f")"
done

mkdir -p "$tmp/空文件夹"; echo "a: 1" > "$tmp/空文件夹/other.yaml"
check "folder without reports" "exit 2" "$(run_lint "$tmp/空文件夹" | tail -1)"
run_lint "$tmp/空文件夹" | grep -q "NB801.*没有年报数据文件" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: folder message"; }
check "missing file" "exit 2" "$(run_lint "$tmp/不存在.yaml" | tail -1)"
head -c 100000000 /dev/zero | tr '\0' 'a' > "$tmp/huge.yaml"
start=$(date +%s%N); out=$(run_lint "$tmp/huge.yaml"); ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "100 MB file refused" "exit 2" "$(echo "$out" | tail -1)"
echo "$out" | grep -q NB002 && [ "$ms" -lt 1000 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: huge file: $ms ms: $out"; }
check "standard input" "exit 0" "$(run_lint - < fixtures/2024-瓦窑沟乡人民政府.yaml | tail -1)"
check "many files" "exit 1" "$(run_lint fixtures/*.yaml fixtures/invalid/empty.yaml | tail -1)"
check "usage" "exit 2" "$(run_lint --format xml fixtures/2024-瓦窑沟乡人民政府.yaml | tail -1)"
json=$(timeout 2 "$NB_BIN" lint --format json fixtures/invalid/rule-balance.yaml fixtures/2024-瓦窑沟乡人民政府.yaml)
if command -v /usr/bin/python3 >/dev/null; then
  echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["errors"] == 2 and len(d["files"]) == 2, d
g = d["files"][0]["diagnostics"]
assert [x["code"] for x in g] == ["NB209", "NB201", "NB201", "NB229"], g
assert g[1]["line"] == 60 and g[1]["path"] == "applications.carry_forward[0]", g[1]
' && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: json output"; }
fi
if [ "$(id -u)" -ne 0 ]; then
  cp fixtures/2024-瓦窑沟乡人民政府.yaml "$tmp/locked.yaml"; chmod 000 "$tmp/locked.yaml"
  check "unreadable" "exit 2" "$(run_lint "$tmp/locked.yaml" | tail -1)"
fi
# Many files at once are checked in parallel but reported exactly as one by one, in order.
files=(fixtures/invalid/*.yaml fixtures/*.yaml fixtures/invalid/*.yaml)
together=$(timeout 10 "$NB_BIN" lint "${files[@]}" | grep -v '^共检查')
apart=$(for f in "${files[@]}"; do timeout 2 "$NB_BIN" lint "$f" | grep -v '^共检查'; done)
check "parallel output in order" "$apart" "$together"

# Across two years: a copy of last year's file a year later repeats its prose (NB304) and
# breaks nothing else; a changed carry-over breaks NB302; a wrong year is NB301.
sed 's/^year: 2024/year: 2025/' fixtures/2024-瓦窑沟乡人民政府.yaml > "$tmp/2025.yaml"
out=$(run_lint --previous fixtures/2024-瓦窑沟乡人民政府.yaml "$tmp/2025.yaml")
check "copied prose warns" "exit 0" "$(echo "$out" | tail -1)"
[ "$(echo "$out" | grep -c 'NB304')" -ge 5 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: NB304: $out"; }
sed -i 's/^  carried_over: \[0, 0, 0, 0, 0, 0\]/  carried_over: [0, 2, 0, 0, 0, 0]/; s/^  carry_forward: \[0, 0, 0, 0, 0, 0\]/  carry_forward: [0, 2, 0, 0, 0, 0]/' "$tmp/2025.yaml"
out=$(run_lint --previous fixtures/2024-瓦窑沟乡人民政府.yaml "$tmp/2025.yaml")
check "carry-over mismatch fails" "exit 1" "$(echo "$out" | tail -1)"
echo "$out" | grep -q "错误\[NB302\].*商业企业" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: NB302: $out"; }
out=$(run_lint --previous fixtures/2024-瓦窑沟乡人民政府.yaml fixtures/2024-酒后镇人民政府.yaml)
echo "$out" | grep -q "NB301" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: NB301: $out"; }
check "previous with errors" "exit 1" "$(run_lint --previous fixtures/invalid/empty.yaml fixtures/2024-瓦窑沟乡人民政府.yaml | tail -1)"

# NB227 by the names of the same run: a township's prose naming another township checked
# in the same call ("磁钟乡", no 人民政府) is flagged only when both are linted together.
sed 's/上年结转1件，/上年结转1件（磁钟乡转来），/' fixtures/near/rule-prose-count.yaml > "$tmp/2024-瓦窑沟乡人民政府.yaml"
check "peer name alone" "0" "$(run_lint "$tmp/2024-瓦窑沟乡人民政府.yaml" | grep -c NB227)"
check "peer name together" "1" "$(run_lint "$tmp/2024-瓦窑沟乡人民政府.yaml" fixtures/2023-磁钟乡人民政府.yaml | grep -c 'NB227.*磁钟乡')"

# Inputs are never modified.
sum_before=$(cat fixtures/invalid/*.yaml fixtures/*.yaml | md5sum)
run_lint fixtures/*.yaml fixtures/invalid/*.yaml >/dev/null
check "inputs unchanged" "$sum_before" "$(cat fixtures/invalid/*.yaml fixtures/*.yaml | md5sum)"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
