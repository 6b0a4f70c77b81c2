#!/usr/bin/env bash
# Speed of briefs and summaries over every multi-news-val story, with gold
# story groups, as throughput and as ratios to a baseline run in the same
# script (`storyline clean` over the same input: reading and cleaning, which
# every command below also pays). Each run's output is checked (one line
# per story) so a speed-up cannot hide a missing answer.
#
# Usage: scripts/bench-brief.sh [DATA_DIR]   (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}/multi-news-val
sl=target/release/storyline
cargo build --release -p storyline >/dev/null 2>&1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stories=$(python3 -c 'import json,sys; print(len({json.loads(l)["story"] for l in open(sys.argv[1])}))' "$data/gold.jsonl")
articles=$(wc -l < "$data/articles.jsonl")

measure() { # name, expected output lines, command...
    local name=$1 lines=$2
    shift 2
    /usr/bin/time -f "%e %U %M" -o "$tmp/time" "$@" > "$tmp/out" 2>/dev/null
    local got
    got=$(wc -l < "$tmp/out")
    if [ "$lines" != "-" ] && [ "$got" != "$lines" ]; then
        echo "bench: $name wrote $got lines, expected $lines" >&2
        exit 1
    fi
    read -r wall user kb < "$tmp/time"
    echo "$name $wall $user $kb"
}

{
    measure clean "$articles" "$sl" clean "$data/articles.jsonl"
    measure "summarize --method lead" "$stories" "$sl" summarize --groups "$data/gold.jsonl" "$data/articles.jsonl" --method lead
    measure "summarize (centroid)" "$stories" "$sl" summarize --groups "$data/gold.jsonl" "$data/articles.jsonl"
    measure "brief --format json" "$stories" "$sl" brief --groups "$data/gold.jsonl" "$data/articles.jsonl" --format json
    measure "brief (text)" - "$sl" brief --groups "$data/gold.jsonl" "$data/articles.jsonl"
} > "$tmp/results"

base=$(awk 'NR==1 {print $(NF-1)}' "$tmp/results")
echo "multi-news-val: $articles articles, $stories stories; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
echo "| command | wall s | CPU s | stories/s (CPU) | CPU × clean | peak MB |"
echo "|---|---|---|---|---|---|"
awk -v base="$base" -v stories="$stories" '{
    kb=$NF; user=$(NF-1); wall=$(NF-2); $NF=""; $(NF-1)=""; $(NF-2)="";
    sub(/ +$/, "");
    printf "| `%s` | %.2f | %.2f | %.0f | %.1f | %.0f |\n", $0, wall, user, stories / (user > 0 ? user : 1), user / base, kb / 1024
}' "$tmp/results"
