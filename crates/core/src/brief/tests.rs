//! Tests of briefs over fictional stories: summary selection and
//! redundancy, citations to syndicated copies, the timeline from relative
//! dates, the source list, and escaping in the renderers.

use expect_test::expect;
use proptest::prelude::*;

use super::*;
use crate::dedup::{DedupConfig, dedup};
use crate::model::Timestamp;

fn article(id: &str, source: &str, date: &str, title: &str, paragraphs: &[&str]) -> Article {
    Article {
        id: ArticleId::from(id),
        url: None,
        source: Some(source.to_owned()),
        published: Timestamp::parse(date),
        title: Some(title.to_owned()),
        byline: None,
        dateline: None,
        credits: vec![],
        paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
        removed: vec![],
        meta: Default::default(),
    }
}

const P1: &str = "The regional council of Ostmark voted on Tuesday to close the old harbour bridge to lorries after engineers found cracks in two of its piers.";
const P2: &str = "Council leader Mara Lindqvist said repairs would take at least eight months and cost about 12 million crowns.";
const P3: &str = "Lorry drivers will have to use the ring road, adding up to 40 minutes to a crossing, the haulage association said.";

fn story() -> Vec<Article> {
    vec![
        article(
            "wire",
            "Northern Wire",
            "2031-05-14",
            "Ostmark closes harbour bridge to lorries",
            &[P1, P2, P3],
        ),
        article(
            "copy",
            "Harbour Gazette",
            "2031-05-14",
            "Harbour bridge shut to lorries",
            &[P1, P2],
        ),
        article(
            "own",
            "Ostmark Radio",
            "2031-05-15",
            "Cracked bridge: repairs to take a year",
            &[
                "Repairs to the cracked harbour bridge in Ostmark will take a year and cost about 15 million crowns, the engineers' report published on Wednesday said.",
                "The bridge was opened in 1961.",
            ],
        ),
    ]
}

fn brief_of(articles: &[Article], words: usize) -> Brief {
    let syndication = dedup(articles, &DedupConfig::default());
    let refs: Vec<&Article> = articles.iter().collect();
    let mut cfg = BriefConfig::default();
    cfg.summary.words = words;
    brief(&refs, &syndication, &cfg)
}

#[test]
fn summary_sentences_cite_every_carrier_and_skip_repeats() {
    let b = brief_of(&story(), 60);
    let lines: Vec<String> = b
        .summary
        .iter()
        .map(|s| {
            let ids: Vec<&str> = s.citations.iter().map(|c| c.article.as_str()).collect();
            format!("{} {:?} x{}", &s.text[..40], ids, s.independent_sources)
        })
        .collect();
    expect![[r#"
        [
            "The regional council of Ostmark voted on [\"wire\", \"copy\"] x1",
            "Council leader Mara Lindqvist said repai [\"wire\", \"copy\"] x1",
            "Repairs to the cracked harbour bridge in [\"own\"] x1",
        ]
    "#]]
    .assert_debug_eq(&lines);
    // Every citation's span holds the sentence in the cited article.
    let articles = story();
    for s in &b.summary {
        for c in &s.citations {
            let a = articles
                .iter()
                .find(|a| a.id == c.article)
                .expect("cited article exists");
            assert_eq!(
                &a.paragraphs[c.span.paragraph][c.span.start..c.span.end],
                s.text
            );
        }
    }
}

#[test]
fn lead_takes_first_sentences_in_turn() {
    let articles = story();
    let refs: Vec<&Article> = articles.iter().collect();
    let terms = Terms::default();
    let df = DocumentFrequencies::of(refs.iter().copied(), &terms);
    let cfg = SummaryConfig {
        words: 60,
        method: Method::Lead,
        ..SummaryConfig::default()
    };
    let picked: Vec<(usize, usize)> = summarize(&refs, &df, &terms, &cfg)
        .iter()
        .map(|p| (p.article, p.position))
        .collect();
    assert_eq!(picked, [(0, 0), (1, 0), (2, 0)]);
}

#[test]
fn timeline_resolves_weekdays_and_figures_conflict() {
    let b = brief_of(&story(), 60);
    let t: Vec<String> = b
        .timeline
        .iter()
        .map(|e| {
            format!(
                "{} {:?} {}",
                e.date,
                e.evidence
                    .iter()
                    .map(|x| x.article.as_str())
                    .collect::<Vec<_>>(),
                &e.text[..30]
            )
        })
        .collect();
    expect![[r#"
        [
            "2031-05-13 [\"wire\", \"copy\"] The regional council of Ostmar",
            "2031-05-14 [\"own\"] Repairs to the cracked harbour",
        ]
    "#]]
    .assert_debug_eq(&t);
    let conflicts: Vec<String> = b
        .claims
        .figures
        .iter()
        .filter(|g| g.status == crate::corroborate::FigureStatus::Conflict)
        .map(|g| {
            let v: Vec<String> = g.points[0]
                .values
                .iter()
                .map(|v| format!("{}={}", v.text, v.independent_sources))
                .collect();
            format!("{}: {}", g.measure, v.join(" vs "))
        })
        .collect();
    expect![[r#"
        [
            "crown: about 12 million=1 vs about 15 million=1",
        ]
    "#]]
    .assert_debug_eq(&conflicts);
}

#[test]
fn a_sentence_dates_one_event_unless_its_dates_lie_apart_after_its_opening() {
    let articles = [article(
        "one",
        "Ostmark Post",
        "2031-05-16",
        "Bridge figures revised",
        &[
            "The council said on Friday that the number of lorries diverted on Thursday had been revised upward after a second count.",
            "The bridge reopened to cars on Friday, two years after its piers were first found cracked in May 2029.",
            // Opened by its date, the sentence is about that day: the
            // earlier date is background.
            "On Saturday, crews repainted the railings first fitted in March 2030.",
        ],
    )];
    let b = brief_of(&articles, 60);
    let t: Vec<String> = b
        .timeline
        .iter()
        .map(|e| format!("{} {}", e.when(), &e.text[..24]))
        .collect();
    expect![[r#"
        [
            "2029-05 The bridge reopened to c",
            "2031-05-10 On Saturday, crews repai",
            "2031-05-16 The council said on Frid",
            "2031-05-16 The bridge reopened to c",
        ]
    "#]]
    .assert_debug_eq(&t);
}

#[test]
fn sources_are_grouped_by_syndication() {
    let b = brief_of(&story(), 40);
    let s: Vec<String> = b
        .sources
        .iter()
        .map(|g| {
            let m: Vec<String> = g
                .members
                .iter()
                .map(|e| format!("{} {} {}", e.article, e.outlet, e.relation.as_str()))
                .collect();
            m.join(" | ")
        })
        .collect();
    expect![[r#"
        [
            "wire Northern Wire canonical | copy Harbour Gazette near",
            "own Ostmark Radio canonical",
        ]
    "#]]
    .assert_debug_eq(&s);
    assert_eq!(b.independent_sources, 2);
}

#[test]
fn renderers_escape_untrusted_text() {
    let articles = vec![article(
        "x",
        "<b>Outlet</b>",
        "2031-05-14",
        "<script>alert('x')</script> & [link](javascript:alert(1))",
        &[
            "The council of Ostmark met on Tuesday <img src=x onerror=alert(1)> to discuss the bridge and its repairs.",
        ],
    )];
    let b = brief_of(&articles, 40);
    let html = render::html(&b);
    assert!(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;"));
    let md = render::markdown(&b);
    assert!(md.contains("\\<script\\>") && md.contains("\\[link\\]\\(javascript:alert\\(1\\)\\)"));
    assert!(md.contains("\\<img") && !md.contains(" <img"));
    let json = serde_json::to_string(&b).expect("a brief serialises");
    let back: Brief = serde_json::from_str(&json).expect("and reads back");
    assert_eq!(back, b);
}

#[test]
fn text_rendering() {
    let b = brief_of(&story(), 40);
    expect![[r#"
        == Ostmark closes harbour bridge to lorries ==
        3 articles · 2 independent sources

        Summary
          The regional council of Ostmark voted on Tuesday to close the old harbour bridge to lorries after engineers found cracks in two of its piers. [1,2]
          Council leader Mara Lindqvist said repairs would take at least eight months and cost about 12 million crowns. [1,2]

        Figures
          CONFLICT      crowns · Mara Lindqvist, Council
              2031-05-14  "about 12 million": 1 independent source [1,2]
              2031-05-14  "about 15 million": 1 independent source [3]

        Quotes
          Mara Lindqvist
            repairs would take at least eight months and cost about 12 million crowns [1,2]

        Timeline
          2031-05-13  The regional council of Ostmark voted on Tuesday to close the old harbour bridge to lorries after engineers found cracks in two of its piers. [1,2]
          2031-05-14  Repairs to the cracked harbour bridge in Ostmark will take a year and cost about 15 million crowns, the engineers' report published on Wednesday said. [3]

        Sources (grouped by syndication)
          [1] Northern Wire · 2031-05-14 · wire
              copy: [2] Harbour Gazette · 2031-05-14 · copy (near)
          [3] Ostmark Radio · 2031-05-15 · own
    "#]]
    .assert_eq(&render::text(&b));
}

#[test]
fn a_single_report_reads_as_one() {
    let b = brief_of(&story()[2..], 40);
    let text = render::text(&b);
    assert!(
        text.contains("1 article · 1 independent source\n"),
        "{text}"
    );
    assert!(
        text.contains("Figures\n  none that two reports give\n"),
        "{text}"
    );
    assert!(render::markdown(&b).contains("1 article, 1 independent source."));
    assert!(render::html(&b).contains("1 article, 1 independent source</p>"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The summary never exceeds the budget by more than one sentence, and
    /// every sentence cites the article it came from.
    #[test]
    fn budget_and_own_citation(words in 1usize..80, text in "[A-Za-z ,.]{0,300}") {
        let articles = vec![
            article("a", "A", "2031-05-14", "t", &[text.as_str(), P1]),
            article("b", "B", "2031-05-14", "t", &[P2, P3]),
        ];
        let b = brief_of(&articles, words);
        let total: usize = b.summary.iter().map(|s| s.text.split_whitespace().count()).sum();
        let last = b.summary.last().map_or(0, |s| s.text.split_whitespace().count());
        prop_assert!(total < words + last.max(1));
        for s in &b.summary {
            prop_assert!(s.citations.iter().any(|c| c.article == s.article && c.span == s.span));
        }
    }
}
