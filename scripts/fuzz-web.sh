#!/usr/bin/env bash
# Fuzzes the HTML, feed and WARC readers for a fixed time: proptest cases
# generated for FUZZ_SECONDS (default 60) per reader, in release mode. Passes
# when no input panics or hangs (each case has a time limit) and memory
# stays bounded (each case has a size limit). Usage: scripts/fuzz-web.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_SECONDS=${1:-${FUZZ_SECONDS:-60}}
cargo test --release -p storyline-ingest --test fuzz -- --ignored --nocapture --test-threads 1
