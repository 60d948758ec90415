#!/usr/bin/env bash
# 第二条命令：运行全部测试（gcc 构建一遍；模糊测试各 20 秒；clang + AddressSanitizer + UBSan 构建再一遍）。
# Runs the whole test suite: ctest on a gcc build, a short libFuzzer run of each harness,
# then ctest on a clang ASan+UBSan build. Warnings are errors in both builds.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
jobs=$(nproc)

# Programs only the tests use; README command one does not install them on a clerk's PC.
test_packages=(
  libcmocka-dev clang libclang-rt-14-dev   # unit tests; sanitizer and fuzzing builds
  llvm # llvm-symbolizer: the sanitizers name the functions of a report (tests/lsan.supp matches by name)
  python3 python3-jsonschema python3-yaml # schema agreement
  poppler-utils qpdf                       # PDF checks
  chromium                                 # browser checks
  nodejs                                   # axe-core accessibility check (t_axe)
  valgrind                                 # memory checks
  tesseract-ocr tesseract-ocr-chi-sim      # the 图解 PNG read back (t_graphic)
  python3-openpyxl libreoffice-calc-nogui  # summary.xlsx read by real clients
  git pre-commit                           # the README's commit checks (t_hooks)
  ca-certificates                          # npm ci below fetches over https
  libreoffice-writer-nogui python3-docx unzip # Word documents read by LibreOffice and python-docx
)
# npm: Debian's package, unless the node installed already brings its own (a nodejs build
# that bundles npm conflicts with Debian's npm package)
command -v npm >/dev/null || test_packages+=(npm)
source .ci/apt.sh
apt_install_missing 安装测试所需的软件包 "" "${test_packages[@]}"

# The npm packages the tests use (axe-core and puppeteer-core for t_axe, yaml-language-server
# for t_editor) at the versions of tests/npm/package-lock.json, installed with npm ci outside the
# repository; again whenever the lock file changes. puppeteer drives the system Chromium, so it
# downloads no browser of its own. npm's own environment is honoured as usual (https_proxy,
# npm_config_registry, npm_config_cafile, NODE_EXTRA_CA_CERTS). Node.js builds that carry their
# own list of root certificates (NodeSource, nvm) are also given the system's, so that a
# certificate the administrator added with update-ca-certificates (a TLS-inspecting proxy's)
# counts for npm too; Debian's nodejs uses the system's list already.
node_dir=${NB_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao/node}
if [ ! -d "$node_dir/node_modules" ] || ! cmp -s tests/npm/package-lock.json "$node_dir/package-lock.json"; then
  echo "== npm ci：axe-core、puppeteer-core、yaml-language-server（版本见 tests/npm/package-lock.json）→ $node_dir"
  mkdir -p "$node_dir"
  cp tests/npm/package.json tests/npm/package-lock.json "$node_dir/"
  npm_log=$(mktemp)
  if ! (
    cd "$node_dir"
    system_ca=/etc/ssl/certs/ca-certificates.crt
    [ -n "${NODE_EXTRA_CA_CERTS:-}" ] || [ ! -f "$system_ca" ] || export NODE_EXTRA_CA_CERTS=$system_ca
    PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  ) >"$npm_log" 2>&1; then
    cat "$npm_log"
    rm -f "$node_dir/package-lock.json" # the next run tries again
    if grep -q 'CERT\|certificate' "$npm_log"; then
      echo "npm 无法验证 npm 仓库的 HTTPS 证书。本机若经由检查 HTTPS 的代理上网，请把代理的根证书复制到"
      echo "/usr/local/share/ca-certificates/（扩展名 .crt），运行 update-ca-certificates，再重新运行本命令；"
      echo "或用环境变量 NODE_EXTRA_CA_CERTS=证书文件 指定（见 README“两条命令”）。"
    else
      echo "npm ci 失败（上面是 npm 的输出）。需要代理时设 https_proxy，用镜像时设 npm_config_registry。"
    fi
    exit 1
  fi
  rm -f "$npm_log"
  echo "   $(cd "$node_dir" && node -p 'const l = require("./package-lock.json").packages;
    ["axe-core", "puppeteer-core", "yaml-language-server"].map(n => n + " " + l["node_modules/" + n].version).join("、")')"
fi
export NB_NODE_MODULES=$node_dir/node_modules

# ctest, and in CI (CI=true) a failure when any test was skipped: CI installs everything the
# tests need, so a skip there means a check silently did not run.
run_ctest() {
  local log rc
  log=$(mktemp)
  set +e
  ctest "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  if [ "${CI:-}" = true ] && grep -q '\*\*\*Skipped\|(Skipped)' "$log"; then
    echo "CI: these tests were skipped (something they need is missing):"
    grep '\*\*\*Skipped' "$log"
    rc=1
  fi
  rm -f "$log"
  return "$rc"
}

# gcc, warnings as errors
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNB_WERROR=ON -DBUILD_TESTING=ON >/dev/null
cmake --build build -j"$jobs"
run_ctest --test-dir build --output-on-failure -j"$jobs"

# clang libFuzzer harnesses (tests/fuzz), a short run of each from the fixtures and seeds
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DNB_FUZZ=ON -DNB_ASAN=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build build-fuzz -j"$jobs" --target fuzz_check fuzz_render fuzz_import fuzz_template fuzz_pdf fuzz_office
corpus=$(mktemp -d)
mkdir -p "$corpus/check" "$corpus/render" "$corpus/import" "$corpus/template" "$corpus/pdf" "$corpus/office"
cp fixtures/*.yaml fixtures/invalid/*.yaml "$corpus/check/"
# (schema, data) pairs for fuzz_check: the schema's JSON, a NUL, the data
if [ -d ../shared/jsonschema-test-suite/draft7 ]; then
  python3 - ../shared/jsonschema-test-suite/draft7 "$corpus/check" <<'PY'
import json, glob, os, sys
for f in sorted(glob.glob(os.path.join(sys.argv[1], '*.json'))):
    for i, g in enumerate(json.load(open(f, encoding='utf-8'))):
        t = g['tests'][0]
        name = '%s-%d' % (os.path.basename(f)[:-5], i)
        with open(os.path.join(sys.argv[2], name), 'wb') as out:
            out.write(json.dumps(g['schema']).encode() + b'\0' + json.dumps(t['data']).encode())
PY
fi
cp fixtures/*.yaml fixtures/xss/*.yaml "$corpus/render/"
cp fixtures/import/* "$corpus/import/"
[ -d ../shared/seeds ] && cp ../shared/seeds/*.txt "$corpus/import/"
cp templates/*.mustache templates/docx/*.mustache "$corpus/template/"
cp tests/pdf-sample.md tests/golden/render/*.md "$corpus/pdf/"
# office: a selector byte (0 docx, 1 document.xml, 2 html, 3 Markdown) before each file
build/nianbao render -f docx,html,md -o "$corpus/office-src" fixtures/*.yaml >/dev/null 2>&1
for f in "$corpus"/office-src/*.docx fixtures/import-bad/*; do
  { printf '\000'; cat "$f"; } >"$corpus/office/0-$(basename "$f")"
done
for f in "$corpus"/office-src/*.docx; do
  { printf '\001'; unzip -p "$f" word/document.xml | head -c 30000 || true; } >"$corpus/office/1-$(basename "$f").xml"
done
for f in "$corpus"/office-src/*.html; do { printf '\002'; cat "$f"; } >"$corpus/office/2-$(basename "$f")"; done
for f in "$corpus"/office-src/*.md; do { printf '\003'; cat "$f"; } >"$corpus/office/3-$(basename "$f")"; done
for h in check render import template pdf office; do
  echo "== fuzz_$h (20 s)"
  build-fuzz/fuzz_$h -seed=1 -max_total_time=20 -max_len=32768 -rss_limit_mb=4096 -timeout=10 \
    -artifact_prefix="$corpus/" "$corpus/$h" 2>&1 | grep -E "DONE|ERROR|SUMMARY|Timeout" || true
  if ls "$corpus"/crash-* "$corpus"/leak-* "$corpus"/timeout-* >/dev/null 2>&1; then
    echo "fuzz_$h found a problem: $(ls "$corpus"/crash-* "$corpus"/leak-* "$corpus"/timeout-* 2>/dev/null)"
    exit 1
  fi
done
rm -rf "$corpus"

# clang, warnings as errors, AddressSanitizer + UndefinedBehaviorSanitizer
CC=clang cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DNB_ASAN=ON -DNB_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_ctest --test-dir build-asan --output-on-failure -j"$jobs"
