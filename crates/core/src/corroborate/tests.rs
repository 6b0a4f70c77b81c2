//! Tests of corroboration over fictional stories: conflicts counted in
//! independent sources, series over time, mixed groups, statements.

use expect_test::{Expect, expect};
use proptest::prelude::*;

use super::*;
use crate::dedup::{DedupConfig, dedup};
use crate::extract::{ExtractConfig, extract_story};
use crate::model::Timestamp;

fn article(id: &str, source: &str, date: &str, paragraphs: &[&str]) -> Article {
    Article {
        id: ArticleId::from(id),
        url: None,
        source: Some(source.to_owned()),
        published: Timestamp::parse(date),
        title: None,
        byline: None,
        dateline: None,
        credits: vec![],
        paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
        removed: vec![],
        meta: Default::default(),
    }
}

fn run(articles: &[Article]) -> Corroboration {
    let x = extract_story(articles, &ExtractConfig::default());
    let syndication = dedup(articles, &DedupConfig::default());
    let refs: Vec<&Article> = articles.iter().collect();
    corroborate(&refs, &x, &syndication, &CorroborateConfig::default())
}

/// One line per figure that more than one claim backs: status, measure,
/// then per point its date and values with independent sources and
/// articles.
fn figures(c: &Corroboration) -> String {
    let mut out = String::new();
    for g in &c.figures {
        let claims: usize = g
            .points
            .iter()
            .flat_map(|p| &p.values)
            .map(|v| v.evidence.len())
            .sum();
        if claims < 2 {
            continue;
        }
        out.push_str(&format!("{:?} {}:", g.status, g.measure));
        for p in &g.points {
            let date = p.date.map_or("undated".to_owned(), |d| d.to_string());
            out.push_str(&format!(" [{date}"));
            for v in &p.values {
                let ids: Vec<&str> = v.evidence.iter().map(|e| e.article.as_str()).collect();
                out.push_str(&format!(" {:?}={}{:?}", v.text, v.independent_sources, ids));
            }
            out.push(']');
        }
        out.push('\n');
    }
    out
}

fn check(articles: &[Article], expect: Expect) {
    expect.assert_eq(&figures(&run(articles)));
}

const WIRE: &str = "Heavy rain flooded the harbour town of Ostmark on Sunday, and more than 3,000 people have fled their homes, the regional fire service said in a statement issued late in the evening.";

#[test]
fn syndicated_copies_count_once_against_a_rival_figure() {
    check(
        &[
            article("wire", "Northern Wire", "2031-04-07", &[WIRE]),
            article("copy", "Harbour Gazette", "2031-04-07", &[WIRE]),
            article(
                "own",
                "Ostmark Radio",
                "2031-04-07",
                &["About 5,000 residents have left their homes in Ostmark since the river rose."],
            ),
            article(
                "third",
                "Coast Daily",
                "2031-04-08",
                &[
                    "Officials said more than 3,000 people had been evacuated from Ostmark by Monday.",
                ],
            ),
        ],
        expect![[r#"
            Conflict displaced: [2031-04-07 "more than 3,000"=2["wire", "copy", "third"] "About 5,000"=1["own"]]
        "#]],
    );
}

#[test]
fn a_toll_months_later_is_a_series_not_a_conflict() {
    check(
        &[
            article(
                "march",
                "Coast Daily",
                "2031-03-02",
                &["At least 40 people were killed in the Ostmark floods, the fire service said."],
            ),
            article(
                "march2",
                "Ostmark Radio",
                "2031-03-03",
                &["The floods in Ostmark killed 41 people, officials said."],
            ),
            article(
                "june",
                "Coast Daily",
                "2031-06-20",
                &[
                    "More than 120 people have died in Ostmark since the floods began, officials said.",
                ],
            ),
        ],
        expect![[r#"
            Series deaths: [2031-03-02 "At least 40"=2["march", "march2"]] [2031-06-20 "More than 120"=1["june"]]
        "#]],
    );
}

#[test]
fn rounding_and_hedges_agree() {
    check(
        &[
            article(
                "a",
                "Coast Daily",
                "2031-04-07",
                &["Nearly 1,200 people were injured in Ostmark, the hospital said."],
            ),
            article(
                "b",
                "Ostmark Radio",
                "2031-04-07",
                &["In Ostmark, 1,180 people were injured, according to the hospital."],
            ),
            article(
                "c",
                "Northern Wire",
                "2031-04-07",
                &["About 1,250 people were wounded in Ostmark on Sunday."],
            ),
        ],
        expect![[r#"
            Agreed injuries: [2031-04-07 "Nearly 1,200"=3["a", "c", "b"]]
        "#]],
    );
}

#[test]
fn two_values_in_one_article_are_mixed_not_a_conflict() {
    check(
        &[
            article(
                "a",
                "Coast Daily",
                "2031-04-07",
                &[
                    "Twelve people were killed in Ostmark on Sunday and 300 people were killed across the region since January.",
                ],
            ),
            article(
                "b",
                "Ostmark Radio",
                "2031-04-07",
                &["Twelve people were killed in Ostmark."],
            ),
        ],
        expect![[r#"
            Mixed deaths: [2031-04-07 "Twelve"=2["a", "b"] "300"=1["a"]]
        "#]],
    );
}

#[test]
fn different_places_are_different_figures() {
    check(
        &[
            article(
                "a",
                "Coast Daily",
                "2031-04-07",
                &["More than 3,000 people have fled Ostmark."],
            ),
            article(
                "b",
                "Ostmark Radio",
                "2031-04-07",
                &["About 800 people have fled Varel."],
            ),
        ],
        expect![[r#"
            Conflict displaced: [2031-04-07 "About 800"=1["b"] "More than 3,000"=1["a"]]
        "#]],
    );
}

#[test]
fn statements_of_one_speaker_are_grouped_across_sources() {
    let c = run(&[
        article(
            "a",
            "Coast Daily",
            "2031-04-07",
            &[
                "“The water is falling, but the danger is not over,” Mayor Ines Halvorsen said on Monday.",
            ],
        ),
        article(
            "b",
            "Ostmark Radio",
            "2031-04-07",
            &[
                "Mayor Ines Halvorsen told reporters: “The water is falling, but the danger is not over.”",
            ],
        ),
    ]);
    let s: Vec<String> = c
        .statements
        .iter()
        .map(|s| {
            format!(
                "{} x{} {}",
                s.speaker,
                s.independent_sources,
                s.evidence.len()
            )
        })
        .collect();
    expect![[r#"
        [
            "Ines Halvorsen x2 2",
        ]
    "#]]
    .assert_debug_eq(&s);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Corroboration does not depend on the order of the articles.
    #[test]
    fn order_independent(rot in 0usize..4) {
        let mut articles = vec![
            article("wire", "Northern Wire", "2031-04-07", &[WIRE]),
            article("copy", "Harbour Gazette", "2031-04-07", &[WIRE]),
            article("own", "Ostmark Radio", "2031-04-07", &["About 5,000 residents have left their homes in Ostmark since the river rose."]),
            article("june", "Coast Daily", "2031-06-20", &["More than 9,000 people have fled Ostmark since April."]),
        ];
        let summary = |c: &Corroboration| {
            let mut v: Vec<String> = c.figures.iter().map(|g| {
                let mut vals: Vec<String> = g.points.iter().flat_map(|p| &p.values)
                    .map(|v| format!("{}:{}", v.value, v.independent_sources)).collect();
                vals.sort();
                format!("{:?} {} {:?}", g.status, g.measure, vals)
            }).collect();
            v.sort();
            v
        };
        let before = summary(&run(&articles));
        articles.rotate_left(rot);
        prop_assert_eq!(before, summary(&run(&articles)));
    }

    /// Arbitrary text never panics.
    #[test]
    fn no_panics(a in "\\PC{0,120}", b in "[0-9a-z ,.]{0,80}") {
        let _ = run(&[
            article("a", "A", "2031-04-07", &[a.as_str()]),
            article("b", "B", "", &[b.as_str()]),
        ]);
    }
}

/// The labels a reader sees: what is counted and in what unit, never a
/// stem nor the unit twice.
#[test]
fn labels_name_what_is_counted_in_its_unit() {
    let c = run(&[
        article(
            "a",
            "Coast Daily",
            "2031-03-02",
            &[
                "The sides agreed a six-week truce in Ostmark, officials said.",
                "Rescuers pulled a 12-year-old boy from the river in Ostmark.",
                "Aid came from 14 countries, the fire service said.",
            ],
        ),
        article(
            "b",
            "Ostmark Radio",
            "2031-03-02",
            &[
                "The truce will hold for at least six weeks, officials said.",
                "A 12-year-old boy was rescued from the river in Ostmark.",
                "Teams from 14 countries joined the search, the fire service said.",
            ],
        ),
    ]);
    let mut labels: Vec<&str> = c.figures.iter().map(|g| g.about.as_str()).collect();
    labels.sort_unstable();
    expect![[r#"
        [
            "boy (age) · Ostmark",
            "countries",
            "truce (weeks) · Ostmark",
            "weeks",
        ]
    "#]]
    .assert_debug_eq(&labels);
}
