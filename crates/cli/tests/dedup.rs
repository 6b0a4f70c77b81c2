//! End-to-end tests of `storyline dedup` and `storyline eval dedup` on the
//! project's own example corpus: output formats, the copies check and the
//! benchmark's gates.

use std::path::PathBuf;
use std::process::Command;

use expect_test::{Expect, expect};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `storyline` from the repository root and compares exit code,
/// stdout and stderr.
fn check(args: &[&str], expect: Expect) {
    let out = Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the storyline binary runs");
    let actual = format!(
        "exit {}\n{}{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    expect.assert_eq(&actual);
}

#[test]
fn json_lines() {
    check(
        &["dedup", "examples/corpus"],
        expect![[r#"
            exit 0
            {"id":"01-wire-veranto-floods","group":0,"canonical":"01-wire-veranto-floods","relation":"canonical","similarity":1.0}
            {"id":"02-coastal-herald-veranto-floods","group":0,"canonical":"01-wire-veranto-floods","relation":"near","similarity":0.9138}
            {"id":"03-daily-lantern-veranto-floods","group":1,"canonical":"03-daily-lantern-veranto-floods","relation":"canonical","similarity":1.0}
            {"id":"04-ledger-trade-talks-march","group":2,"canonical":"04-ledger-trade-talks-march","relation":"canonical","similarity":1.0}
            {"id":"05-pellaria-today-trade-talks-march","group":3,"canonical":"05-pellaria-today-trade-talks-march","relation":"canonical","similarity":1.0}
            {"id":"06-ledger-trade-talks-september","group":4,"canonical":"06-ledger-trade-talks-september","relation":"canonical","similarity":1.0}
            {"id":"07-north-star-trade-accord","group":5,"canonical":"07-north-star-trade-accord","relation":"canonical","similarity":1.0}
            {"id":"08-wire-kessel-mine","group":6,"canonical":"08-wire-kessel-mine","relation":"canonical","similarity":1.0}
            {"id":"09-valley-voice-kessel-mine","group":6,"canonical":"08-wire-kessel-mine","relation":"exact","similarity":1.0}
            {"id":"10-dorsa-post-kessel-mine","group":7,"canonical":"10-dorsa-post-kessel-mine","relation":"canonical","similarity":1.0}
            {"id":"lantern-web-floods-aid","group":9,"canonical":"lantern-web-floods-aid","relation":"canonical","similarity":1.0}
            {"id":"kessel-explainer","group":8,"canonical":"kessel-explainer","relation":"canonical","similarity":1.0}
        "#]],
    );
}

#[test]
fn text_groups_and_the_copies_check() {
    check(
        &[
            "dedup",
            "--format",
            "text",
            "--fail-on-copies",
            "examples/corpus",
        ],
        expect![[r#"
            exit 1
            group 0: 2 copies of 01-wire-veranto-floods
              canonical           1.00  01-wire-veranto-floods  (credits AP)
              near                0.91  02-coastal-herald-veranto-floods  (credits AP)

            group 6: 2 copies of 08-wire-kessel-mine
              canonical           1.00  08-wire-kessel-mine  (credits AP)
              exact               1.00  09-valley-voice-kessel-mine  (credits AP)

            12 articles: 2 group(s) of copies, 8 article(s) with no copy
            dedup check failed: 2 group(s) of copies found where only distinct reporting was expected; see the output above
        "#]],
    );
}

#[test]
fn no_copies_in_distinct_reports() {
    check(
        &[
            "dedup",
            "--fail-on-copies",
            "examples/corpus/04-ledger-trade-talks-march.txt",
            "examples/corpus/08-wire-kessel-mine.txt",
        ],
        expect![[r#"
            exit 0
            {"id":"04-ledger-trade-talks-march","group":0,"canonical":"04-ledger-trade-talks-march","relation":"canonical","similarity":1.0}
            {"id":"08-wire-kessel-mine","group":1,"canonical":"08-wire-kessel-mine","relation":"canonical","similarity":1.0}
        "#]],
    );
}

#[test]
fn eval_on_generated_copies_with_gates() {
    check(
        &[
            "eval",
            "dedup",
            "--articles",
            "examples/corpus",
            "--gold",
            "examples/gold.jsonl",
            "--seed",
            "7",
            "--copy-share",
            "1",
            "--min-f1",
            "0.5",
            "--min-precision",
            "1.01",
        ],
        expect![[r#"
            exit 1
            originals  12 read, 2 left out (they share >= 30% of their word 5-grams with another original), 10 kept
            copies     21 (0 verbatim), seed 7
              cut-end           7 copies, found with their original 1.0000
              inserted          5 copies, found with their original 1.0000
              furniture        10 copies, found with their original 1.0000
              headline         17 copies, found with their original 1.0000
              copy-edits       11 copies, found with their original 1.0000
              typos             8 copies, found with their original 1.0000
              typography       11 copies, found with their original 1.0000
            pairs      35 true, 8 hard negatives (originals of one story)

            pairwise   precision 1.0000  recall 1.0000  f1 1.0000
            false pairs: 0 within one gold story, 0 across stories
            canonical is the original in 1.0000 of groups
            gate failed: pairwise-precision is 1.0000, below the required 1.01
        "#]],
    );
}
