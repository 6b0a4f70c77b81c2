//! Data-driven tests of extraction: each fixture in `tests/data/extract/`
//! is our own invented text (one article, or a story of several separated
//! by `=== id` lines), and the golden `.expected` file beside it lists what
//! extraction must find: entities with aliases, dates with values, quotes
//! with speakers, numeric claims. `UPDATE_EXPECT=1 cargo test` rewrites the
//! golden files after a deliberate change; read the diff.

use std::fmt::Write;

use expect_test::{ExpectFile, expect_file};
use proptest::prelude::*;
use storyline_core::extract::{ExtractConfig, Extraction, extract, extract_story};
use storyline_core::{Article, ArticleId, Dateline, Timestamp};

/// Parses a fixture into articles: `key: value` header lines (published,
/// dateline, title), a blank line, then paragraphs separated by blank lines.
fn parse(fixture: &str) -> Vec<Article> {
    let mut out = Vec::new();
    let blocks: Vec<(String, &str)> = if fixture.starts_with("=== ") {
        fixture
            .split("=== ")
            .filter(|b| !b.trim().is_empty())
            .map(|b| {
                let (id, rest) = b.split_once('\n').unwrap_or((b, ""));
                (id.trim().to_owned(), rest)
            })
            .collect()
    } else {
        vec![("t".to_owned(), fixture)]
    };
    for (id, text) in blocks {
        let mut a = Article {
            id: ArticleId(id),
            url: None,
            source: None,
            published: None,
            title: None,
            byline: None,
            dateline: None,
            credits: vec![],
            paragraphs: vec![],
            removed: vec![],
            meta: Default::default(),
        };
        let mut in_header = true;
        for para in text.split("\n\n") {
            let para = para.trim();
            if para.is_empty() {
                continue;
            }
            if in_header
                && para
                    .lines()
                    .all(|l| l.contains(": ") && l.len() < 80 && !l.starts_with('“'))
            {
                for line in para.lines() {
                    let (k, v) = line.split_once(": ").expect("a header line");
                    match k {
                        "published" => a.published = Timestamp::parse(v),
                        "dateline" => {
                            let date = v.split_once(", ").map(|(_, d)| d.to_owned());
                            a.dateline = Some(Dateline {
                                text: v.to_owned(),
                                place: None,
                                date,
                            });
                        }
                        "title" => a.title = Some(v.to_owned()),
                        other => panic!("unknown fixture header {other:?}"),
                    }
                }
                in_header = false;
                continue;
            }
            in_header = false;
            a.paragraphs.push(para.replace('\n', " "));
        }
        out.push(a);
    }
    out
}

/// One readable line per finding.
fn render(x: &Extraction, canonical: &dyn Fn(usize) -> String, out: &mut String) {
    if let Some(d) = &x.date {
        let v = d.value.map_or("?".to_owned(), |v| v.date.to_string());
        let inferred = if d.year_inferred {
            ", year from the story"
        } else {
            ""
        };
        writeln!(out, "date of article: {v} ({:?}{inferred})", d.source)
            .expect("writing to a String cannot fail");
    }
    for (e, ent) in x.entities.iter().enumerate() {
        let aliases: Vec<&str> = ent.aliases.iter().map(|a| a.text.as_str()).collect();
        writeln!(
            out,
            "entity {:?} {:?} aliases {aliases:?} roles {:?}",
            ent.kind,
            canonical(e),
            ent.roles
        )
        .expect("writing to a String cannot fail");
    }
    // Mentions printed otherwise than their entity's canonical name: the
    // aliases at work.
    for m in &x.mentions {
        let c = canonical(m.entity);
        if m.text != c {
            let place = if m.header { "header" } else { "body" };
            writeln!(out, "mention {:?} ({place}) -> {c:?}", m.text)
                .expect("writing to a String cannot fail");
        }
    }
    for d in &x.dates {
        let v = match d.value {
            Some(v) if v.end != v.date => format!("{}..{} {:?}", v.date, v.end, v.precision),
            Some(v) => format!("{} {:?}", v.date, v.precision),
            None => "?".to_owned(),
        };
        let src = d
            .source
            .map_or(String::new(), |s| format!(" against {s:?}"));
        writeln!(out, "date {:?} {:?} -> {v}{src}", d.text, d.kind)
            .expect("writing to a String cannot fail");
    }
    for q in &x.quotes {
        // An unnamed speaker ("the ministry") by its words, in brackets.
        let who = q.speaker.map(canonical).unwrap_or_else(|| {
            q.speaker_text
                .as_ref()
                .map_or("?".to_owned(), |t| format!("[{t}]"))
        });
        writeln!(
            out,
            "quote {:?} cue {:?} by {who:?}: {:?}",
            q.kind,
            q.cue.as_deref().unwrap_or("-"),
            q.text
        )
        .expect("writing to a String cannot fail");
    }
    for n in &x.numbers {
        let q = n.qualifier.map_or(String::new(), |q| format!(" {q:?}"));
        let unit = n
            .unit
            .as_deref()
            .map_or(String::new(), |u| format!(" unit {u}"));
        writeln!(
            out,
            "number {:?} = {}{q}{unit} [{}, {:?}] counting {:?} | {:?}",
            n.text, n.value, n.low, n.high, n.counted, n.context
        )
        .expect("writing to a String cannot fail");
    }
}

fn check(fixture: &str, expected: ExpectFile) {
    let articles = parse(fixture);
    let cfg = ExtractConfig::default();
    let mut out = String::new();
    if articles.len() == 1 {
        let x = extract(&articles[0], &cfg);
        render(&x, &|e| x.entities[e].canonical.clone(), &mut out);
    } else {
        let sx = extract_story(&articles, &cfg);
        for (k, x) in sx.extractions.iter().enumerate() {
            writeln!(out, "== {}", x.article).expect("writing to a String cannot fail");
            render(
                x,
                &|e| {
                    sx.entities
                        .of(k, e)
                        .map_or("?".to_owned(), |s| s.entity.canonical.clone())
                },
                &mut out,
            );
        }
        writeln!(out, "== story").expect("writing to a String cannot fail");
        for se in &sx.entities.entities {
            let aliases: Vec<&str> = se.entity.aliases.iter().map(|a| a.text.as_str()).collect();
            writeln!(
                out,
                "story entity {:?} {:?} aliases {aliases:?} in {} articles",
                se.entity.kind,
                se.entity.canonical,
                se.members.len()
            )
            .expect("writing to a String cannot fail");
        }
    }
    expected.assert_eq(&out);
}

#[test]
fn entities_titles_possessives_acronyms_roles() {
    check(
        include_str!("data/extract/entities.txt"),
        expect_file!["data/extract/entities.expected"],
    );
}

#[test]
fn dates_absolute_and_relative() {
    check(
        include_str!("data/extract/dates.txt"),
        expect_file!["data/extract/dates.expected"],
    );
}

#[test]
fn quotes_direct_split_continued_paraphrase() {
    check(
        include_str!("data/extract/quotes.txt"),
        expect_file!["data/extract/quotes.expected"],
    );
}

#[test]
fn numbers_qualifiers_and_what_is_counted() {
    check(
        include_str!("data/extract/numbers.txt"),
        expect_file!["data/extract/numbers.expected"],
    );
}

#[test]
fn story_years_weekdays_misspellings_and_roles() {
    check(
        include_str!("data/extract/story.txt"),
        expect_file!["data/extract/story.expected"],
    );
}

fn article(paragraphs: Vec<String>) -> Article {
    Article {
        id: ArticleId::from("p"),
        url: None,
        source: None,
        published: Timestamp::parse("2031-05-16"),
        title: Some(paragraphs.first().cloned().unwrap_or_default()),
        byline: None,
        dateline: None,
        credits: vec![],
        paragraphs,
        removed: vec![],
        meta: Default::default(),
    }
}

proptest! {
    /// Any text: no panic, and every span is a valid slice printing what
    /// the finding says it printed.
    #[test]
    fn spans_are_valid_slices(paragraphs in proptest::collection::vec("[A-Za-z0-9 .,;:'’“”\"()–-]{0,120}", 1..4)) {
        let a = article(paragraphs);
        let x = extract(&a, &ExtractConfig::default());
        for m in x.mentions.iter().filter(|m| !m.header) {
            prop_assert_eq!(a.paragraphs[m.span.paragraph].get(m.span.start..m.span.end), Some(m.text.as_str()));
        }
        for m in x.mentions.iter().filter(|m| m.header) {
            prop_assert_eq!(x.headers[m.span.paragraph].get(m.span.start..m.span.end), Some(m.text.as_str()));
        }
        for d in &x.dates {
            prop_assert_eq!(a.paragraphs[d.span.paragraph].get(d.span.start..d.span.end), Some(d.text.as_str()));
        }
        for n in &x.numbers {
            prop_assert_eq!(a.paragraphs[n.span.paragraph].get(n.span.start..n.span.end), Some(n.text.as_str()));
        }
        for m in &x.mentions {
            prop_assert!(m.entity < x.entities.len());
        }
        for q in x.quotes.iter().filter(|q| q.kind == storyline_core::extract::QuoteKind::Paraphrase) {
            prop_assert_eq!(a.paragraphs[q.span.paragraph].get(q.span.start..q.span.end), Some(q.text.as_str()));
        }
    }

    /// The story's entity table does not depend on the order of its articles.
    #[test]
    fn story_entities_do_not_depend_on_order(seed in 0usize..6) {
        let mut articles = parse(include_str!("data/extract/story.txt"));
        let len = articles.len();
        articles.rotate_left(seed % len);
        if seed >= 3 { articles.reverse(); }
        let sx = extract_story(&articles, &ExtractConfig::default());
        let mut names: Vec<String> = sx.entities.entities.iter().map(|e| e.entity.canonical.clone()).collect();
        names.sort();
        prop_assert_eq!(names, vec!["Kesh".to_owned(), "Tamsin Okafor".to_owned()]);
    }
}

/// Turning claims off (quotes and numbers, which the clusterer does not
/// read) leaves entities, mentions and dates exactly as they were.
#[test]
fn names_and_dates_do_not_depend_on_claims() {
    let no_claims = ExtractConfig {
        claims: false,
        ..ExtractConfig::default()
    };
    let mut claims = 0;
    for fixture in [
        include_str!("data/extract/entities.txt"),
        include_str!("data/extract/dates.txt"),
        include_str!("data/extract/quotes.txt"),
        include_str!("data/extract/numbers.txt"),
        include_str!("data/extract/story.txt"),
    ] {
        for a in parse(fixture) {
            let (all, some) = (
                extract(&a, &ExtractConfig::default()),
                extract(&a, &no_claims),
            );
            assert_eq!(all.entities, some.entities, "{}", a.id);
            assert_eq!(all.mentions, some.mentions, "{}", a.id);
            assert_eq!(all.dates, some.dates, "{}", a.id);
            assert_eq!(all.date, some.date, "{}", a.id);
            assert!(some.quotes.is_empty() && some.numbers.is_empty());
            claims += all.quotes.len() + all.numbers.len();
        }
    }
    assert!(claims > 0, "the fixtures hold quotes and numbers");
}

/// In text without case, a capital only marks a sentence's start (or every
/// word): no names are read from it. Cased text keeps its names.
#[test]
fn text_without_case_yields_no_names_from_capitals() {
    let cased = "Harbour officials in Port Veranto said on Monday that the ferry run by \
        Tamsin Okafor would resume. The crossing had been closed since the storm, and \
        Okafor told the council that repairs to the pier were finished. Residents of \
        Port Veranto welcomed the news, while the council said that a second boat \
        would join the service in the spring if the numbers held up through the winter.";
    // Lower case but for each sentence's first letter, as some corpora are.
    let caseless: String = cased
        .to_lowercase()
        .split(". ")
        .map(|s| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(". ");
    let names = |text: &str| {
        let mut a = article(vec![text.to_owned()]);
        a.title = None;
        let x = extract(&a, &ExtractConfig::default());
        x.entities
            .iter()
            .map(|e| e.canonical.clone())
            .collect::<Vec<_>>()
    };
    let found = names(cased);
    assert!(found.contains(&"Tamsin Okafor".to_owned()), "{found:?}");
    assert_eq!(names(&caseless), Vec::<String>::new());
    // Capitals throughout are no case either ("FERRY RUN", "COUNCIL SAID").
    assert_eq!(names(&cased.to_uppercase()), Vec::<String>::new());
}
