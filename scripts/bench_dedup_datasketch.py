"""Peer baseline for `scripts/bench-dedup.sh`: Python datasketch MinHash and
MinHashLSH on the cleaned articles `storyline bench dedup` measured, with the
same parameters (word shingles per paragraph, permutations, bands x rows),
then the ratio to storyline's figures from the same run. Times are CPU
time, like storyline's, because the figures are per core on shared hosts."""

import json
import re
import sys
import time

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+(?:['.]\w+)*")


def shingles(paragraphs, k):
    out = set()
    for p in paragraphs:
        words = WORD.findall(p.casefold())
        if not words:
            continue
        if len(words) < k:
            out.add(" ".join(words).encode())
            continue
        for i in range(len(words) - k + 1):
            out.add(" ".join(words[i : i + k]).encode())
    return out


def main():
    cleaned_path, rust_path = sys.argv[1], sys.argv[2]
    rust = json.load(open(rust_path))
    k, perms, bands, rows = rust["shingle_words"], rust["permutations"], rust["bands"], rust["rows"]
    articles = [json.loads(line) for line in open(cleaned_path)]
    assert len(articles) == rust["articles"], "peer and storyline must see the same articles"

    start = time.process_time()
    sketches = []
    for a in articles:
        m = MinHash(num_perm=perms, seed=1)
        s = shingles(a["paragraphs"], k)
        if s:
            m.update_batch(list(s))
        sketches.append((a["id"], m))
    sig_s = time.process_time() - start

    lsh = MinHashLSH(num_perm=perms, params=(bands, rows))
    start = time.process_time()
    for key, m in sketches:
        lsh.insert(key, m, check_duplication=False)
    lsh_s = time.process_time() - start
    # The baseline must have done the work: every article is indexed.
    assert len(lsh.keys) == len(articles)

    n = len(articles)
    rust_sig = rust["signature_seconds"]
    rust_both = rust["signature_seconds"] + rust["band_insert_seconds"]
    rows_out = [
        ("signatures (shingles + MinHash)", n / sig_s, rust["signatures_per_second"], sig_s / rust_sig),
        (
            "  same, storyline classic n-perm",
            n / sig_s,
            rust["classic_signatures_per_second"],
            sig_s / rust["classic_signature_seconds"],
        ),
        (
            "signatures + LSH inserts",
            n / (sig_s + lsh_s),
            n / rust_both,
            (sig_s + lsh_s) / rust_both,
        ),
    ]
    print(f"articles {n}, {k}-word shingles, {perms} permutations, {bands} bands x {rows} rows, one core")
    print(f"{'measure':<34} {'datasketch/s':>14} {'storyline/s':>14} {'ratio':>8}")
    for name, peer, ours, ratio in rows_out:
        print(f"{name:<34} {peer:>14.0f} {ours:>14.0f} {ratio:>7.1f}x")
    print(f"storyline whole index (candidates, verification, links): {rust['index_articles_per_second']:.0f} articles/s")
    print(f"storyline index memory: {rust['index_bytes_per_article']:.0f} bytes per article")


if __name__ == "__main__":
    main()
