//! End-to-end tests of `storyline brief` and `storyline summarize` on the
//! fictional example corpus: the checks of an expectations file, output
//! formats, and error messages.

use std::path::PathBuf;
use std::process::{Command, Output};

use expect_test::{Expect, expect};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the cli crate lives two levels below the workspace root")
        .to_path_buf()
}

fn storyline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storyline"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("the storyline binary runs")
}

fn check(args: &[&str], expect: Expect) {
    let out = storyline(args);
    let actual = format!(
        "exit {}\n{}{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    expect.assert_eq(&actual);
}

#[test]
fn example_corpus_passes_its_expectations() {
    check(
        &[
            "brief",
            "examples/corpus",
            "--groups",
            "examples/gold.jsonl",
            "--check",
            "crates/cli/tests/data/brief/examples.json",
        ],
        expect![[r#"
            exit 0
            pass conflict on displaced in the story of 01-wire-veranto-floods: 4000 (2 sources) vs 6500 (1 sources)
            pass conflict on line in the story of 04-ledger-trade-talks-march: 140 (1 sources) vs 150 (1 sources)
            pass conflict on miner in the story of 08-wire-kessel-mine: 23 (1 sources) vs 25 (1 sources)
            pass no figure of 06-ledger-trade-talks-september set against 04-ledger-trade-talks-march, 05-pellaria-today-trade-talks-march (story briefs and pooled brief)
            pass timeline of the story of 03-daily-lantern-veranto-floods places "burst their banks" on 2026-03-12
            pass timeline of the story of 04-ledger-trade-talks-march places "opened two days of talks" on 2026-03-19
            pass timeline of the story of 10-dorsa-post-kessel-mine places "collapse happened" on 2026-06-02
            pass every summary sentence (24) carries its citations
        "#]],
    );
}

#[test]
fn a_failed_expectation_fails_the_run() {
    check(
        &[
            "brief",
            "examples/corpus",
            "--groups",
            "examples/gold.jsonl",
            "--check",
            "crates/cli/tests/data/brief/wrong.json",
        ],
        expect![[r#"
            exit 1
            FAIL conflict on displaced in the story of 08-wire-kessel-mine: 4000 (2 sources)
            FAIL timeline of the story of 04-ledger-trade-talks-march places "opened two days of talks" on 2026-03-20
        "#]],
    );
}

#[test]
fn json_lines_one_per_story() {
    let out = storyline(&[
        "brief",
        "examples/corpus",
        "--groups",
        "examples/gold.jsonl",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stories: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("each line is a JSON brief");
            format!(
                "{} {}",
                v["story"],
                v["summary"].as_array().map_or(0, Vec::len)
            )
        })
        .collect();
    expect![[r#"
        [
            "\"veranto-floods-2026-03\" 6",
            "\"lindmark-pellaria-talks-2026-03\" 5",
            "\"lindmark-pellaria-accord-2026-09\" 7",
            "\"kessel-mine-2026-06\" 6",
        ]
    "#]]
    .assert_debug_eq(&stories);
}

#[test]
fn html_is_a_page_with_escaped_text() {
    let out = storyline(&[
        "brief",
        "examples/corpus",
        "--groups",
        "examples/gold.jsonl",
        "--format",
        "html",
    ]);
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(html.starts_with("<!doctype html>"));
    assert_eq!(html.matches("<article class=\"brief\">").count(), 4);
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn summarize_writes_one_summary_per_story() {
    let out = storyline(&[
        "summarize",
        "examples/corpus",
        "--groups",
        "examples/gold.jsonl",
        "--words",
        "20",
        "--method",
        "lead",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let first = String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_owned();
    expect![[r#"{"story":"veranto-floods-2026-03","summary":"Rivers burst their banks across the northern Lindmark city of Veranto on Thursday, forcing more than 4,000 people from their homes and cutting the main rail line to the capital, city officials said."}"#]]
    .assert_eq(&first);
}

#[test]
fn missing_groups_file_is_reported() {
    check(
        &["summarize", "examples/corpus", "--groups", "nowhere.jsonl"],
        expect![[r#"
            exit 2
            error: cannot open nowhere.jsonl: No such file or directory (os error 2)
        "#]],
    );
}
