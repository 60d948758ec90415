#!/usr/bin/env bash
# Many reports at once: generates N synthetic reports (tests/bench/gen_reports.py: N/2 bodies
# over two years, realistic variation in levels, categories, figures and prose lengths) and
# measures lint, render in every format, summary and site on them — wall time and peak RSS —
# then projects the national figure (about 40,000 township and street reports) linearly from
# the largest N.
# Usage: bash tests/bench/batch.sh [build-dir] [N...]   (default N: 1000 10000)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
nb=$build/nianbao
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Wall time depends on what else the machine runs; CPU time (user + system, all threads) does
# not, so both are shown and the projection uses CPU time spread over the cores.
measure() { # label, N, command...
  local label=$1 n=$2; shift 2
  /usr/bin/time -o "$tmp/t" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
  local wall user sys kb cpu
  read -r wall user sys kb < <(tail -1 "$tmp/t")
  cpu=$(echo "$user + $sys" | bc -l)
  printf '%-24s %7d %9.2f s %9.2f s %8.1f MB %8.2f ms\n' "$label" "$n" "$wall" "$cpu" \
    "$(echo "$kb / 1024" | bc -l)" "$(echo "$cpu * 1000 / $n" | bc -l)"
  echo "$label|$n|$cpu|$kb" >>"$tmp/results"
}

echo "nianbao $("$nb" --version | cut -d' ' -f2) on $(nproc) cores; $(date -u +%F)"
printf '%-24s %7s %11s %11s %11s %11s\n' task reports wall "CPU time" "peak RSS" "CPU/report"
for n in "${sizes[@]}"; do
  rm -rf "$tmp/tree" "$tmp/out"
  "$py" "$root/tests/bench/gen_reports.py" --bodies $((n / 2)) --out "$tmp/tree" --seed 42
  measure "lint" "$n" "$nb" lint "$tmp/tree"
  measure "lint --previous auto" "$n" "$nb" lint --previous auto "$tmp/tree"
  measure "render md,html,json" "$n" "$nb" render -f md,html,json -o "$tmp/out/mhj" "$tmp/tree"
  measure "render all formats" "$n" "$nb" render -o "$tmp/out/all" "$tmp/tree"
  measure "summary" "$n" "$nb" summary -o "$tmp/out/summary" "$tmp/tree"
  measure "site" "$n" "$nb" site -o "$tmp/out/site" "$tmp/tree"
  measure "site again (unchanged)" "$n" "$nb" site -o "$tmp/out/site" "$tmp/tree"
  rm -rf "$tmp/out"
done
big=${sizes[-1]}
echo
cores=$(nproc)
echo "Projected to 40,000 reports on $cores cores (CPU time from $big reports / $cores, linear):"
while IFS='|' read -r label n cpu kb; do
  [ "$n" = "$big" ] || continue
  t=$(echo "$cpu * 40000 / $n / $cores" | bc -l)
  printf '  %-24s %8.0f s (%.1f min)\n' "$label" "$t" "$(echo "$t / 60" | bc -l)"
done <"$tmp/results"
