#!/usr/bin/env bash
# Page-text segment P / R / F of `storyline eval html` on two fixed halves of
# trafilatura's evaluation pages, so that a change tuned on one half can be
# checked on the other. A page is in half A when the first byte of the
# SHA-256 of its file name is even (536 pages; the half rules were developed
# on), else in half B (454 pages, held out). Prints both halves and the set.
# Usage: [DATA=dir-of-corpora] [BIN=storyline binary] [EXTRACTOR=trafilatura|hybrid|fast] scripts/eval-html-halves.sh
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-../shared/data}/trafilatura-eval
[ -d "$data" ] || { echo "halves skipped: $data is absent"; exit 0; }
bin=${BIN:-target/release/storyline}
per_page=$(mktemp)
trap 'rm -f "$per_page"' EXIT
"$bin" eval html --evaldata "$data/evaldata.json" --archive "$data/html.tar.gz" \
    --per-page "$per_page" --extractor "${EXTRACTOR:-hybrid}" > "${REPORT:-/dev/null}"
python3 - "$per_page" <<'PY'
import hashlib, sys
sums = {"A": [0, 0, 0], "B": [0, 0, 0]}
pages = {"A": 0, "B": 0}
for line in open(sys.argv[1], encoding="utf-8"):
    name, tp, fn, fp = line.rstrip("\n").split("\t")[:4]
    half = "A" if hashlib.sha256(name.encode()).digest()[0] % 2 == 0 else "B"
    pages[half] += 1
    for i, v in enumerate((tp, fn, fp)):
        sums[half][i] += int(v)
sums["all"] = [a + b for a, b in zip(sums["A"], sums["B"])]
pages["all"] = pages["A"] + pages["B"]
for half in ("A", "B", "all"):
    tp, fn, fp = sums[half]
    p, r = tp / (tp + fp), tp / (tp + fn)
    print(f"{half:>3} ({pages[half]} pages): P {p:.4f} R {r:.4f} F {2 * p * r / (p + r):.4f}")
PY
