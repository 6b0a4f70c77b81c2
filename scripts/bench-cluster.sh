#!/usr/bin/env bash
# Clustering quality and speed for BENCHMARKS.md, beside two baselines run in
# the same script on the same articles. Run from the repository root after
# `cargo build --release -p storyline`. SYNTHETIC sets the length of the
# generated stream (default 1,000,000).
set -euo pipefail
cd "$(dirname "$0")/.."
sl=target/release/storyline
data=../shared/data
out=target/bench-cluster
mkdir -p "$out"
venv=/work/wt/venv

echo "== quality (storyline eval cluster)"
for corpus in cairo-2024 ecbplus-dev multi-news-val; do
    "$sl" cluster "$data/$corpus" >"$out/$corpus.pred.jsonl" 2>/dev/null
    printf '%s ' "$corpus"
    "$sl" eval cluster --json --gold "$data/$corpus" --pred "$out/$corpus.pred.jsonl"
done

echo "== the same corpora in file order (seed 0) and with their lines shuffled (seeds 1, 2, 3): what the figures owe to input order"
# The corpora list articles grouped by gold story and most carry no date.
# The default order takes an undated article with its nearest neighbours;
# the listed order (`"order": "listed"`) lets it take the time key of the
# article listed before it, which the corpora's own order flatters.
echo '{"order": "listed"}' >"$out/listed.json"
for corpus in ecbplus-dev multi-news-val; do
    for seed in 0 1 2 3; do
        if [ "$seed" = 0 ]; then
            cp "$data/$corpus/articles.jsonl" "$out/shuffled.jsonl"
        else
            python3 -c 'import random, sys; lines = open(sys.argv[1]).readlines(); random.seed(int(sys.argv[2])); random.shuffle(lines); sys.stdout.writelines(lines)' \
                "$data/$corpus/articles.jsonl" "$seed" >"$out/shuffled.jsonl"
        fi
        for order in neighbours listed; do
            config=()
            [ "$order" = listed ] && config=(--config "$out/listed.json")
            "$sl" cluster "${config[@]}" "$out/shuffled.jsonl" >"$out/shuffled.pred.jsonl" 2>/dev/null
            printf '%s seed %s %s ' "$corpus" "$seed" "$order"
            "$sl" eval cluster --json --gold "$data/$corpus" --pred "$out/shuffled.pred.jsonl"
        done
    done
done

echo "== speed: multi-news-val end to end (ingest, clean, dedup, cluster), 1 thread"
/usr/bin/time -v "$sl" cluster "$data/multi-news-val/articles.jsonl" >/dev/null 2>"$out/time.txt"
secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2,t,":"); s=0; for(i=1;i<=length(t);i++) s=s*60+t[i]; print s}' "$out/time.txt")
user=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u + s}' "$out/time.txt")
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.txt")
n=$(wc -l <"$data/multi-news-val/articles.jsonl")
echo "storyline: ${secs} s wall, ${user} s CPU (user + system), $(awk -v n="$n" -v s="$user" 'BEGIN{printf "%.0f", n/s}') articles per CPU-second, peak RSS $((rss / 1024)) MiB"

echo "== baselines (scikit-learn TF-IDF + average-link agglomerative; single-pass TF-IDF centroid)"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/python" -c "import sklearn" 2>/dev/null || "$venv/bin/pip" install -q scikit-learn
for corpus in ecbplus-dev multi-news-val; do
    "$venv/bin/python" scripts/cluster_baselines.py "$data/$corpus"
done | tee "$out/baselines.jsonl"
fastest=$(awk -F'"seconds": ' '/multi-news-val/ {split($2,a,"}"); print a[1]}' "$out/baselines.jsonl" | sort -g | head -1)
echo "ratio: fastest multi-news-val baseline ${fastest} CPU s / storyline ${user} CPU s = $(awk -v a="$fastest" -v b="$user" 'BEGIN{printf "%.1f", a/b}')x"

echo "== synthetic stream (generated, not stored)"
/usr/bin/time -v "$sl" bench cluster --synthetic "${SYNTHETIC:-1000000}" 2>"$out/synthetic-time.txt"
echo "peak RSS $(( $(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/synthetic-time.txt") / 1024 )) MiB"
