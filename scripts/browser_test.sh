#!/usr/bin/env bash
# Real-browser test of the web UI: installs Debian's chromium and
# playwright-core when missing, ingests the example corpus into a fresh
# store, serves it on loopback and runs tests/browser/ui.test.mjs, which
# saves screenshots to target/browser/.
#
# Usage: scripts/browser_test.sh [STORYLINE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
sl=${1:-target/release/storyline}
if [ ! -x /usr/bin/chromium ]; then
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi
(cd tests/browser && npm ci --no-audit --no-fund --silent)
out=target/browser
mkdir -p "$out"
work=$(mktemp -d)
"$sl" ingest examples/corpus --db "$work/ui.db" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$sl" serve --db "$work/ui.db" --addr "127.0.0.1:$port" 2>"$out/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do
    curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
    sleep 0.2
done
node tests/browser/ui.test.mjs "http://127.0.0.1:$port" "$out"
