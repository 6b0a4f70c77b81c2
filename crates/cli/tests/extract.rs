//! End-to-end tests of `storyline extract` on small invented fixtures in
//! `tests/data/extract/`: the JSON line, story grouping, and the `--check`
//! gate passing and failing.

use std::path::PathBuf;
use std::process::{Command, Output};

use expect_test::{Expect, expect};

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/extract")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn storyline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args(args)
        .output()
        .expect("the storyline binary runs")
}

/// Exit code and stderr, with the fixture directory shortened to `DATA`.
fn check(args: &[&str], expect: Expect) {
    let out = storyline(args);
    let dir = data("");
    let actual = format!(
        "exit {}\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).replace(&dir, "DATA/")
    );
    expect.assert_eq(&actual);
}

#[test]
fn check_passes_on_a_story() {
    check(
        &[
            "extract",
            "--groups",
            &data("groups.jsonl"),
            "--check",
            &data("expected.jsonl"),
            &data("a.txt"),
            &data("b.jsonl"),
        ],
        expect![[r#"
            exit 0
            ok    DATA/expected.jsonl:1: 4 forms name Tamsin Okafor
            ok    DATA/expected.jsonl:2: Direct quote by Tamsin Okafor (said)
            ok    DATA/expected.jsonl:3: 1 mention(s) of "Thursday" resolve to 2031-05-29
            ok    DATA/expected.jsonl:4: article date 2031-06-04
            ok    DATA/expected.jsonl:5: "more than 20" counting "people"
            5 of 5 expectations met
        "#]],
    );
}

#[test]
fn check_fails_when_an_expectation_is_missed() {
    check(
        &[
            "extract",
            "--groups",
            &data("groups.jsonl"),
            "--check",
            &data("bad.jsonl"),
            &data("a.txt"),
            &data("b.jsonl"),
        ],
        expect![[r#"
            exit 1
            MISS  DATA/bad.jsonl:1: article date is 2031-06-04
            MISS  DATA/bad.jsonl:2: article missing is not in the input
            0 of 2 expectations met
        "#]],
    );
}

#[test]
fn json_line_per_article() {
    let out = storyline(&[
        "extract",
        "--groups",
        &data("groups.jsonl"),
        &data("a.txt"),
        &data("b.jsonl"),
    ]);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 2);
    let a = &lines[0];
    assert_eq!(a["id"], "a");
    assert_eq!(a["story"], "s1");
    assert_eq!(a["date"]["value"]["date"], "2031-06-04");
    let okafor = a["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .find(|e| e["kind"] == "person")
        .expect("a person");
    assert_eq!(okafor["story_canonical"], "Tamsin Okafor");
    assert_eq!(a["quotes"][0]["speaker_canonical"], "Tamsin Okafor");
    assert_eq!(a["quotes"][0]["kind"], "direct");
    assert_eq!(lines[1]["numbers"][0]["qualifier"], "more-than");
}
