#!/usr/bin/env bash
# lint --schema over every case of the JSON Schema Test Suite (draft 7): each case's schema
# and data written to files, then `nianbao lint --schema S D`. A schema nianbao does not take
# (remote $ref…) must be refused with a message; no case may crash (exit ≥ 128) or hang, and
# every case of a group the checker implements must give the suite's verdict (0 valid, 1
# invalid). Also the crash reported with the issue (valid data for a foreign schema) and the
# rules on a report schema with parts missing.
set -uo pipefail
bin=${NB_BIN:?} shared=${NB_SHARED_DIR:-}
suite=$shared/jsonschema-test-suite/draft7
[ -d "$suite" ] || { echo "SKIP: $suite not found"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# one folder per case: schema.json, data.yaml (JSON is YAML), expect (0/1), name
python3 - "$suite" "$work" <<'PY'
import json, os, sys, glob
suite, work = sys.argv[1:]
k = 0
for f in sorted(glob.glob(os.path.join(suite, '*.json'))):
    for g in json.load(open(f, encoding='utf-8')):
        for t in g['tests']:
            d = os.path.join(work, '%04d' % k); k += 1
            os.mkdir(d)
            json.dump(g['schema'], open(os.path.join(d, 'schema.json'), 'w', encoding='utf-8'), ensure_ascii=False)
            json.dump(t['data'], open(os.path.join(d, 'data.yaml'), 'w', encoding='utf-8'), ensure_ascii=False)
            open(os.path.join(d, 'expect'), 'w').write('0' if t['valid'] else '1')
            open(os.path.join(d, 'name'), 'w').write('%s / %s / %s' % (os.path.basename(f), g['description'], t['description']))
PY

cases=0 agree=0 refused=0 differ=0
for d in "$work"/[0-9]*; do
  cases=$((cases + 1))
  timeout 10 "$bin" lint --schema "$d/schema.json" "$d/data.yaml" >"$d/out" 2>&1
  rc=$?
  if [ $rc -ge 3 ]; then
    echo "FAIL: exit $rc (crash or hang): $(cat "$d/name")"; sed 's/^/    /' "$d/out" | head -20; fail=1
  elif grep -q 'NB100' "$d/out"; then
    refused=$((refused + 1))   # a schema nianbao does not take: refused with a message, exit 1
    [ $rc = 1 ] || { echo "FAIL: refused schema gave exit $rc: $(cat "$d/name")"; fail=1; }
  elif [ "$rc" = "$(cat "$d/expect")" ]; then
    agree=$((agree + 1))
  else
    differ=$((differ + 1))
    echo "differs (exit $rc, suite says $(cat "$d/expect")): $(cat "$d/name")"
  fi
done
echo "lint --schema over $cases suite cases: $agree as the suite says, $refused schemas refused (NB100), $differ different"
[ "$cases" -ge 400 ] || { echo "FAIL: only $cases cases"; fail=1; }
# through YAML a few JSON values read differently (e.g. a NUL character, which the loader
# refuses); anything beyond a handful is a bug
[ "$differ" -le 4 ] || { echo "FAIL: $differ cases differ from the suite"; fail=1; }

# the case of the report: valid data for a schema that is not a report's crashed
echo '{"type":"object","properties":{"a":{"type":"integer","minimum":3}},"required":["a"]}' >"$work/s.json"
printf 'a: 5\n' >"$work/ok.yaml"
printf 'a: 2\n' >"$work/bad.yaml"
"$bin" lint --schema "$work/s.json" "$work/ok.yaml" >"$work/o" 2>&1
rc=$?
[ $rc = 0 ] || { echo "FAIL: foreign schema, valid data: exit $rc"; cat "$work/o"; fail=1; }
grep -q '不是年报格式' "$work/o" || { echo "FAIL: no note that the report rules are not run"; fail=1; }
"$bin" lint --schema "$work/s.json" "$work/bad.yaml" >"$work/o" 2>&1
rc=$?
[ $rc = 1 ] && grep -q 'bad.yaml:1:4: 错误\[NB106\] 「a」不能小于 3' "$work/o" ||
  { echo "FAIL: foreign schema, invalid data: exit $rc"; cat "$work/o"; fail=1; }

# an unreadable schema is a usage error (2); a schema with errors is an error (1), positioned
echo '{"type":"object","properties":{"a":{"multipleOf":0}}}' >"$work/m.json"
"$bin" lint --schema "$work/m.json" "$work/ok.yaml" >"$work/o" 2>&1
rc=$?
[ $rc = 1 ] && grep -q 'm.json:1:50: 错误\[NB100\] “multipleOf”应是大于 0 的数' "$work/o" ||
  { echo "FAIL: multipleOf 0: exit $rc"; cat "$work/o"; fail=1; }
"$bin" lint --schema "$work/none.json" "$work/ok.yaml" >"$work/o" 2>&1
[ $? = 2 ] || { echo "FAIL: missing schema file is not exit 2"; cat "$work/o"; fail=1; }

# the built-in report schema, copied with one part made optional: a file without that part
# gets the other rules, no crash
python3 - "$NB_SOURCE_DIR/schemas/report-2021.schema.json" "$work/loose.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1], encoding='utf-8'))
s['required'] = [k for k in s['required'] if k not in ('applications', 'overview', 'other')]
json.dump(s, open(sys.argv[2], 'w', encoding='utf-8'), ensure_ascii=False)
PY
awk '/^[a-z_]+:/{skip=($1=="applications:"||$1=="overview:"||$1=="other:")} !skip' \
  "$NB_SOURCE_DIR/fixtures/2024-军屯乡人民政府.yaml" >"$work/partial.yaml"
"$bin" lint --schema "$work/loose.json" "$work/partial.yaml" >"$work/o" 2>&1
rc=$?
[ $rc -le 1 ] || { echo "FAIL: report schema with parts optional: exit $rc"; cat "$work/o"; fail=1; }
grep -q '不是年报格式' "$work/o" && { echo "FAIL: a report schema taken for a foreign one"; fail=1; }
# that file's 五 opens with 2023's problems (NB211) in stock phrases (NB229): rules of a part
# that is there
[ "$(grep -c ': \(错误\|警告\)\[' "$work/o")" = 2 ] && grep -q '警告\[NB211\]' "$work/o" &&
  grep -q '警告\[NB229\]' "$work/o" ||
  { echo "FAIL: the rules did not run on the parts present"; cat "$work/o"; fail=1; }

[ $fail = 0 ] && echo "t_schema_suite: all checks passed"
exit $fail
