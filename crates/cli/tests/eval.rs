//! End-to-end tests of `storyline eval` on small invented fixtures in
//! `tests/data/eval/`: tables, JSON, thresholds and error messages.

use std::path::PathBuf;
use std::process::{Command, Output};

use expect_test::{Expect, expect};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/eval")
        .join(name)
}

fn storyline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args(args)
        .output()
        .expect("the storyline binary runs")
}

/// Runs `storyline eval ...` with fixture names replaced by their paths and
/// compares exit code, stdout and stderr (with the data directory shortened
/// to `DATA`).
fn check(args: &[&str], expect: Expect) {
    let dir = data("");
    let dir = dir.to_string_lossy();
    let args: Vec<String> = args
        .iter()
        .map(|a| match a.strip_prefix('@') {
            Some(name) => data(name).to_string_lossy().into_owned(),
            None => (*a).to_owned(),
        })
        .collect();
    let mut full = vec!["eval"];
    full.extend(args.iter().map(String::as_str));
    let out = storyline(&full);
    let actual = format!(
        "exit {}\n{}{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr).replace(dir.as_ref(), "DATA/"),
    );
    expect.assert_eq(&actual);
}

#[test]
fn cluster_table() {
    // Same case as the hand-computed unit test in core's eval::cluster.
    check(
        &["cluster", "--gold", "@gold.jsonl", "--pred", "@pred.jsonl"],
        expect![[r#"
            exit 0
            items     5 (0 missing from prediction, scored as singletons; 0 only in prediction, ignored)
            clusters  gold 2, predicted 2

            metric     precision  recall     f1
            b-cubed    0.7333     0.7333     0.7333
            pairwise   0.5000     0.5000     0.5000
            ari        0.1667
            nmi        0.4325 (arithmetic-mean normalisation)
        "#]],
    );
}

#[test]
fn cluster_json_with_corpus_dir_and_gate() {
    check(
        &[
            "cluster",
            "--gold",
            "@",
            "--pred",
            "@pred.jsonl",
            "--json",
            "--min-bcubed-f1",
            "0.9",
            "--min-ari",
            "0.1",
        ],
        expect![[r#"
            exit 1
            {"items":5,"gold_clusters":2,"predicted_clusters":2,"missing":0,"extra":0,"bcubed":{"precision":0.7333333333333334,"recall":0.7333333333333333,"f1":0.7333333333333333},"pairwise":{"precision":0.5,"recall":0.5,"f1":0.5},"ari":0.16666666666666663,"nmi":0.4325380677663126}
            gate failed: bcubed-f1 is 0.7333, below the required 0.9
        "#]],
    );
}

#[test]
fn bad_jsonl_names_file_and_line() {
    check(
        &["cluster", "--gold", "@gold.jsonl", "--pred", "@bad.jsonl"],
        expect![[r#"
            exit 2
            error: DATA/bad.jsonl:2: not a valid record, fix or remove the line: EOF while parsing a value at line 1 column 20
        "#]],
    );
    check(
        &[
            "cluster",
            "--gold",
            "@gold.jsonl",
            "--pred",
            "@nowhere.jsonl",
        ],
        expect![[r#"
            exit 2
            error: cannot open DATA/nowhere.jsonl: No such file or directory (os error 2)
        "#]],
    );
}

#[test]
fn summary_table_and_gate() {
    // harbour-fire: ref 11 tokens, system 13 (adds "firefighters said"),
    // all 11 ref tokens matched: P = 11/13, R = 1, F = 22/24 = .9167.
    // mayor-vote has no system summary: 0. Mean ROUGE-1 = 45.83.
    check(
        &[
            "summary",
            "--refs",
            "@",
            "--pred",
            "@system.jsonl",
            "--min-rouge1",
            "40",
        ],
        expect![[r#"
            exit 0
            stories   2 (1 without a system summary, scored 0; 0 summaries without a reference, ignored)
            summaries cut to 250 words, Porter stemming, F1 ×100

            rouge1    45.83
            rouge2    45.45
            rougeL    45.83
        "#]],
    );
    // Cut to 3 words: "A fire broke" matches 3 of 11 ref tokens:
    // P = 1, R = 3/11, F = 6/14 = .4286; mean 21.43 < 40.
    check(
        &[
            "summary",
            "--refs",
            "@summaries.jsonl",
            "--pred",
            "@system.jsonl",
            "--words",
            "3",
            "--json",
            "--min-rouge1",
            "40",
        ],
        expect![[r#"
            exit 1
            {"words":3,"stories":2,"missing":1,"extra":0,"rouge1":0.21428571428571427,"rouge2":0.16666666666666669,"rouge_l":0.21428571428571427}
            gate failed: rouge1 is 21.4286, below the required 40
        "#]],
    );
}
