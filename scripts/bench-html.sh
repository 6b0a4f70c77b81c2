#!/usr/bin/env bash
# Speed and memory of the HTML -> article path on trafilatura's evaluation
# pages, beside Python trafilatura (from PyPI) on the same pages in the same
# run. Prints pages/s per core, peak RSS, the ratio, and RSS over 10 passes.
# Usage: [DATA=dir-of-corpora] [EXTRACTOR=hybrid|trafilatura|fast] scripts/bench-html.sh [PASSES]
# (run from anywhere; EXTRACTOR picks the main-text path, default the hybrid)
set -euo pipefail
cd "$(dirname "$0")/.."
passes=${1:-10}
data=${DATA:-../shared/data}/trafilatura-eval
venv=${VENV:-/work/wt/venv}
[ -d "$data" ] || { echo "bench skipped: $data is absent"; exit 0; }

cargo build --release -q -p storyline
sl=target/release/storyline

echo "== storyline (one thread), $passes passes after the scoring pass"
# taskset pins the run to one core so pages/s is per core. SKIP_STORYLINE=1
# reuses the last run's figures (to re-run only the Python side).
if [ -z "${SKIP_STORYLINE:-}" ]; then
    /usr/bin/time -f "storyline: %e s wall, %U s user, peak rss %M KB" \
        taskset -c 0 "$sl" eval html --evaldata "$data/evaldata.json" --archive "$data/html.tar.gz" \
        --passes "$passes" --extractor "${EXTRACTOR:-hybrid}" | tee /tmp/bench-html-storyline.txt
fi

echo "== Python trafilatura (one process, one pass)"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
# lxml_html_clean: trafilatura imports it, newer lxml no longer ships it.
"$venv/bin/python" -c "import trafilatura" 2>/dev/null ||
    "$venv/bin/pip" install -q trafilatura lxml_html_clean
/usr/bin/time -f "trafilatura: %e s wall, %U s user, peak rss %M KB" \
    taskset -c 0 "$venv/bin/python" - "$data" <<'PY' | tee /tmp/bench-html-python.txt
import json, sys, tarfile, time, os
import trafilatura
data = sys.argv[1]
gold = json.load(open(os.path.join(data, "evaldata.json")))
pages = {}
with tarfile.open(os.path.join(data, "html.tar.gz")) as t:
    for m in t.getmembers():
        if m.isfile():
            pages[os.path.basename(m.name)] = t.extractfile(m).read()
inputs = [(u, pages[g["file"]]) for u, g in gold.items() if g["file"] in pages]
start = time.process_time()
chars = 0
for url, body in inputs:
    out = trafilatura.extract(body, url=url) or ""
    chars += len(out)
secs = time.process_time() - start
print(f"python trafilatura {trafilatura.__version__}: {len(inputs)} pages in {secs:.2f} cpu-s = {len(inputs)/secs:.0f} pages/s per core")
PY

ours=$(grep -oE '= [0-9]+ pages/s per core' /tmp/bench-html-storyline.txt | tail -1 | grep -oE '[0-9]+')
theirs=$(grep -oE '= [0-9]+ pages/s per core' /tmp/bench-html-python.txt | grep -oE '[0-9]+')
echo "== ratio: storyline $ours pages/s vs python trafilatura $theirs pages/s = $(awk -v a="$ours" -v b="$theirs" 'BEGIN{printf "%.1f", a/b}')x"
echo "== rss after each pass (MB):" $(grep -oE 'rss [0-9]+ MB,' /tmp/bench-html-storyline.txt | grep -oE '[0-9]+')

echo "== huge generated pages (one article of N one-sentence paragraphs): seconds should grow with N, not N squared"
# A check that the page code stays linear in the page's blocks: 40,000
# paragraphs took 37 s before the layout lookups went by line.
huge=$(mktemp -d)
for n in 10000 40000; do
    python3 -c "import sys; n = int(sys.argv[1]); print('<html><body><article><h1>Big page</h1>' + ''.join(f'<p>Paragraph {i} says the council met again and voted on item {i} of the agenda today.</p>' for i in range(n)) + '</article></body></html>')" \
        "$n" >"$huge/page.html"
    /usr/bin/time -f "$n paragraphs ($(($(wc -c <"$huge/page.html") / 1024)) KB): %e s wall, %U s user, peak rss %M KB" \
        "$sl" clean --extractor "${EXTRACTOR:-hybrid}" "$huge/page.html" >/dev/null
done
rm -rf "$huge"
