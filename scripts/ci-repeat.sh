#!/usr/bin/env bash
# Runs `.ci/run` N times in a row, each on a fresh clean clone of this repository's HEAD, optionally beside a
# CPU-heavy process (one busy loop per core), and prints one line per run. Exits non-zero if any run failed.
# Use: bash scripts/ci-repeat.sh [N=5] [--load]   (issue 19, item 13: CI must pass five times in a row).
set -uo pipefail
runs=${1:-5}
load=${2:-}
repo=$(cd "$(dirname "$0")/.." && pwd)
logs=$(mktemp -d -t cb-ci-repeat-XXXX)
hogs=()
if [ "$load" = "--load" ]; then
  for _ in $(seq 1 "$(nproc)"); do (while :; do :; done) & hogs+=($!); done
fi
trap 'for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null; done' EXIT
failed=0
for i in $(seq 1 "$runs"); do
  clone="$logs/clone"
  rm -rf "$clone"
  git clone -q "$repo" "$clone"
  started=$(date +%s)
  (cd "$clone" && CI=true bash .ci/run) > "$logs/run$i.log" 2>&1
  status=$?
  [ "$status" -ne 0 ] && failed=1
  echo "run $i: exit $status in $(($(date +%s) - started)) s, load $(cut -d' ' -f1 /proc/loadavg): $(tail -n 1 "$logs/run$i.log") (log: $logs/run$i.log)"
done
rm -rf "$logs/clone"
exit "$failed"
