#!/usr/bin/env bash
# Load benchmark of the store and server, for BENCHMARKS.md:
# - ingest throughput into the store (articles/s) against `storyline clean`
#   over the same corpus (the cleaning share of ingest) as the baseline;
# - requests/s and p99 latency at 50 connections on loopback (wrk, 2
#   threads, 10 s each) for the largest story's page, a typical story's
#   page (the median size among stories of 2 or more articles), a search
#   page and, as the baseline in the same run, /api/health (no store work
#   beyond counts). Story pages are kept rendered until the store changes,
#   so wrk measures served pages; the first render of each (what a reader
#   waits for after an ingest) is timed with curl before.
# Each figure is checked for sanity (stories exist, every request got 200).
#
# Usage: scripts/load_bench.sh [STORYLINE_BINARY] [ARTICLES] [CORPUS.jsonl]
# (CORPUS: ingest the first ARTICLES lines of this file instead of the
# synthetic corpus, e.g. a real one.)
set -euo pipefail
cd "$(dirname "$0")/.."
sl=${1:-target/release/storyline}
n=${2:-5000}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=$work/corpus.jsonl
if [ -n "${3:-}" ]; then
    head -n "$n" "$3" > "$corpus"
    n=$(wc -l < "$corpus")
else
    python3 scripts/synth_corpus.py "$n" "$corpus" 5
fi

t0=$(date +%s.%N)
"$sl" clean "$corpus" >/dev/null
t1=$(date +%s.%N)
"$sl" ingest "$corpus" --db "$work/bench.db" --batch-size 200 >/dev/null
t2=$(date +%s.%N)
stored=$("$sl" check --db "$work/bench.db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
[ "$stored" = "$n" ] || { echo "stored $stored of $n articles"; exit 1; }
python3 - "$n" "$t0" "$t1" "$t2" <<'PY'
import sys
n, t0, t1, t2 = int(sys.argv[1]), *map(float, sys.argv[2:])
clean, ingest = n / (t1 - t0), n / (t2 - t1)
print(f"ingest: {n} articles in {t2 - t1:.1f} s = {ingest:.0f} articles/s; "
      f"clean alone {clean:.0f} articles/s; ingest/clean = {ingest / clean:.2f}")
PY

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$sl" serve --db "$work/bench.db" --addr "127.0.0.1:$port" 2>/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break; sleep 0.2; done
# The largest story, and the median-sized one among stories of 2 or more.
read -r big typical sizes < <("$sl" stories --db "$work/bench.db" --sort size --limit 100000 --json | python3 -c '
import json, sys
l = [json.loads(line) for line in sys.stdin]
multi = [s for s in l if s["articles"] >= 2]
if not multi:
    print("- - -")
else:
    mid = multi[len(multi) // 2]
    print(l[0]["id"], mid["id"], "%d/%d" % (l[0]["articles"], mid["articles"]))
')
run() {
    local name=$1 path=$2
    local out
    out=$(wrk -t2 -c50 -d10s --latency "http://127.0.0.1:$port$path")
    if echo "$out" | grep -q 'Non-2xx'; then echo "$name: non-2xx responses"; echo "$out"; exit 1; fi
    local rps p99
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    echo "$name ($path): $rps requests/s, p99 $p99"
}
first() {
    local name=$1 path=$2
    curl -fs -o /dev/null -w "$name ($path): first render %{time_total} s, %{size_download} bytes\n" "http://127.0.0.1:$port$path"
}
run "baseline /api/health" "/api/health"
if [ "$big" != "-" ]; then
    echo "stories: largest/typical have ${sizes} articles"
    first "largest story page" "/stories/$big"
    first "typical story page" "/stories/$typical"
    run "largest story page" "/stories/$big"
    run "typical story page" "/stories/$typical"
else
    echo "story pages: skipped, the store has no story of 2 or more articles"
fi
run "search page" "/search?q=bridge+closed"
run "search page, filtered" "/search?q=residents&source=Daily+Post"
