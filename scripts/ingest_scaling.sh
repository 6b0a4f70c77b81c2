#!/usr/bin/env bash
# Ingest scaling of the store, for BENCHMARKS.md: `storyline ingest` into a
# fresh store of the first N articles, for N = 500, 1,500 and 5,000, in
# batches of 200, reporting articles/s (wall and CPU) and each size's
# throughput as a ratio to the 500-article run of the same script (1.00 =
# flat; below 1 the cost per article grows with the store). Runs the
# synthetic corpus (`scripts/synth_corpus.py`, seed 5) and, when given, the
# first lines of a real corpus in the exchange format. Fails when a store
# does not hold every article.
#
# Usage: scripts/ingest_scaling.sh [STORYLINE_BINARY] [REAL_CORPUS.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
sl=${1:-target/release/storyline}
real=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/synth_corpus.py 5000 "$work/synth.jsonl" 5

one() {
    local name=$1 corpus=$2 n=$3
    head -n "$n" "$corpus" > "$work/in.jsonl"
    rm -f "$work/s.db"*
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$sl" ingest "$work/in.jsonl" --db "$work/s.db" --batch-size 200 >/dev/null 2>&1
    local stored
    stored=$("$sl" check --db "$work/s.db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
    [ "$stored" = "$n" ] || { echo "$name $n: stored $stored of $n articles"; exit 1; }
    read -r wall user sys < "$work/time"
    echo "$name $n $wall $user $sys"
}

{
    for n in 500 1500 5000; do one synthetic "$work/synth.jsonl" "$n"; done
    if [ -n "$real" ]; then
        for n in 500 1500 5000; do one "$(basename "$(dirname "$real")")" "$real" "$n"; done
    fi
} | python3 -c '
import sys
base = {}
print("| corpus | articles | wall s | CPU s | articles/s (wall) | articles/s (CPU) | CPU throughput / 500-article run |")
print("|---|---:|---:|---:|---:|---:|---:|")
for line in sys.stdin:
    name, n, wall, user, sys_ = line.split()
    n, wall, cpu = int(n), float(wall), float(user) + float(sys_)
    rate = n / cpu
    base.setdefault(name, rate)
    print(f"| {name} | {n:,} | {wall:.2f} | {cpu:.2f} | {n / wall:.0f} | {rate:.0f} | {rate / base[name]:.2f} |")
'
