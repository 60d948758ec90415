#!/usr/bin/env bash
# 第二条命令：运行全部测试（普通构建一遍，AddressSanitizer + UBSan 构建再一遍）。
# Runs the whole test suite: ctest on the normal build, then on an ASan+UBSan build.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
jobs=$(nproc)

# gcc, warnings as errors
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNB_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

# clang, warnings as errors, AddressSanitizer + UndefinedBehaviorSanitizer
CC=clang cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DNB_ASAN=ON -DNB_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"
