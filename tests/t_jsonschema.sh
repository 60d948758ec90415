#!/bin/bash
# The schema agrees with an independent draft-07 validator: every fixtures/*.yaml
# validates, every fixtures/invalid/schema-*.yaml does not, and every other invalid fixture
# gets the verdict the C checker gives it (see tests/golden/lint).
# Needs Debian's python3-jsonschema and python3-yaml; exits 77 (skipped) without them.
set -u
src=${NB_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
py=/usr/bin/python3

if [ ! -x "$py" ] || ! "$py" -c 'import jsonschema, yaml' 2>/dev/null; then
  echo "跳过：$py 缺少 jsonschema 或 yaml 模块（apt-get install python3-jsonschema python3-yaml）"
  exit 77
fi

exec "$py" "$src/tests/jsonschema_check.py" \
  "$src/schemas/report-2021.schema.json" "$src/fixtures" "$src/tests/golden/lint"
