#!/usr/bin/env bash
# Crash test of the store: `storyline ingest` is killed with SIGKILL at a
# random moment ROUNDS times (default 20). After every kill the store must
# pass its integrity check, hold no duplicate article, and hold at least as
# many articles as before the kill (nothing committed is lost). A final run
# to completion must then hold every article of the corpus exactly once.
# Exits non-zero on the first violation.
#
# Usage: scripts/crash_test.sh [STORYLINE_BINARY] [ARTICLES] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
sl=${1:-target/release/storyline}
n=${2:-3000}
rounds=${3:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=$work/corpus.jsonl
db=$work/crash.db
python3 scripts/synth_corpus.py "$n" "$corpus" 11
expected=$(wc -l < "$corpus")

count() { "$sl" check --db "$db" --json; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

before=0
kills=0
for round in $(seq 1 "$rounds"); do
    "$sl" ingest "$corpus" --db "$db" --batch-size 50 >/dev/null 2>&1 &
    pid=$!
    # A random moment up to 3 s into the run (a run first rebuilds the
    # dedup index from the store, so later rounds need the longer waits).
    sleep "$(python3 -c "import random; print(round(random.uniform(0.05, 3.0), 3))")"
    if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
    wait "$pid" 2>/dev/null || true
    [ -f "$db" ] || continue
    report=$(count) || { echo "round $round: integrity check failed: $report"; exit 1; }
    articles=$(echo "$report" | field articles)
    distinct=$(echo "$report" | field distinct_ids)
    ok=$(echo "$report" | field ok)
    if [ "$ok" != "True" ] || [ "$articles" != "$distinct" ] || [ "$articles" -lt "$before" ]; then
        echo "round $round: damaged store: $report (had $before before)"
        exit 1
    fi
    echo "round $round: killed, $articles articles stored, consistent"
    before=$articles
    if [ "$articles" -ge "$expected" ]; then
        # Everything is in: start over so later kills land mid-ingest too.
        rm -f "$db" "$db-wal" "$db-shm"
        before=0
    fi
done
"$sl" ingest "$corpus" --db "$db" --batch-size 50 >/dev/null
report=$(count)
articles=$(echo "$report" | field articles)
distinct=$(echo "$report" | field distinct_ids)
if [ "$articles" != "$expected" ] || [ "$distinct" != "$expected" ]; then
    echo "after re-ingest: $articles articles ($distinct distinct), expected $expected"
    exit 1
fi
# Idempotent: one more run adds nothing.
again=$("$sl" ingest "$corpus" --db "$db" --json | field added)
[ "$again" = "0" ] || { echo "re-running ingest added $again articles"; exit 1; }
echo "crash test passed: $kills kills, $expected articles, none lost or duplicated"
