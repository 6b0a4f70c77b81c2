#!/usr/bin/env bash
# Dedup speed and memory: storyline's signatures/s per core, index memory per
# article, and Python datasketch MinHash + MinHashLSH on the same cleaned
# articles with the same parameters, in one run (ratio reported).
#
# Usage: scripts/bench-dedup.sh [ARTICLES.jsonl]   (default: multi-news-val)
set -euo pipefail
cd "$(dirname "$0")/.."

articles=${1:-../shared/data/multi-news-val/articles.jsonl}
venv=${VENV:-../venv}
[ -f "$articles" ] || { echo "bench-dedup: $articles is absent; pass an articles.jsonl" >&2; exit 2; }

cargo build --release -p storyline
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Python peer, only for this benchmark (never a product dependency).
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c 'import datasketch' 2>/dev/null || "$venv/bin/pip" install -q datasketch

target/release/storyline bench dedup --articles "$articles" --repeat 3 \
    --write-cleaned "$tmp/cleaned.jsonl" --json >"$tmp/rust.json"
echo
"$venv/bin/python" scripts/bench_dedup_datasketch.py "$tmp/cleaned.jsonl" "$tmp/rust.json"
