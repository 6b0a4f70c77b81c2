//! Behaviour of dedup as a whole: grouping tables and property tests.

use expect_test::{Expect, expect};
use proptest::prelude::*;

use super::*;
use crate::model::{ArticleId, Credit, CreditKind, Timestamp};

fn article(id: &str, date: Option<&str>, paragraphs: &[&str]) -> Article {
    Article {
        id: ArticleId::from(id),
        url: None,
        source: Some(format!("outlet-{id}")),
        published: date.and_then(Timestamp::parse),
        title: None,
        byline: None,
        dateline: None,
        credits: Vec::new(),
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        removed: Vec::new(),
        meta: Default::default(),
    }
}

fn render(s: &Syndication) -> String {
    let mut out = String::new();
    for g in &s.groups {
        let members: Vec<String> = g
            .members
            .iter()
            .map(|m| format!("{}:{}:{:.2}", m.id, m.relation.as_str(), m.similarity))
            .collect();
        out.push_str(&members.join(" "));
        out.push('\n');
    }
    for (a, b, n) in &s.shared_passages {
        out.push_str(&format!("passage {a}~{b} ({n})\n"));
    }
    out
}

fn check(articles: &[Article], expect: Expect) {
    expect.assert_eq(&render(&dedup(articles, &DedupConfig::default())));
}

const P1: &str = "The regional council voted on Tuesday to close the old quarry road to lorries from next spring, ending a decade of argument.";
const P2: &str = "Residents had complained for years about dust, noise and cracked walls, the council leader told reporters after the vote.";
const P3: &str = "A bypass is planned but has no budget yet, and engineers do not expect work to start before the end of the decade.";
const P4: &str = "Hauliers said the closure would add forty minutes to each trip and warned that prices for gravel would rise across the county.";
const OTHER: &str = "A separate report published the same day found that bus services in the county had fallen by a third since the pandemic began.";
const Q1: &str = "The museum reopened its east wing on Saturday after two years of repairs to a roof that leaked during every winter storm.";
const Q2: &str = "Curators moved four hundred paintings back into the galleries, and the director said ticket prices would stay the same until autumn.";
const FURNITURE: &str = "Subscribe to our morning newsletter for the day's headlines, delivered free to your inbox before breakfast.";

#[test]
fn relations() {
    check(
        &[
            article("a-orig", Some("2024-03-01"), &[P1, P2, P3, P4]),
            article(
                "b-exact",
                Some("2024-03-02"),
                &[&P1.to_uppercase(), P2, P3, P4],
            ),
            article("c-trim", Some("2024-03-02"), &[P1, P2, P3]),
            article("d-wrapped", None, &[FURNITURE, P1, P2, P3, P4, FURNITURE]),
            article(
                "e-edited",
                None,
                &[
                    &P1.replace("Tuesday", "Tuseday"),
                    P2,
                    &P3.replace("bypass", "ring road"),
                    P4,
                ],
            ),
            article("f-other", Some("2024-03-01"), &[OTHER]),
            article(
                "g-lifts-one",
                Some("2024-03-03"),
                &[OTHER, P4, &P2.replace("dust", "grit")],
            ),
        ],
        expect![[r#"
            a-orig:canonical:1.00 b-exact:exact:1.00 c-trim:near:0.74 d-wrapped:near:0.85 e-edited:near:0.84
            f-other:canonical:1.00 g-lifts-one:contains:1.00
            passage a-orig~g-lifts-one (1)
            passage b-exact~g-lifts-one (1)
            passage d-wrapped~g-lifts-one (1)
            passage e-edited~g-lifts-one (1)
        "#]],
    );
}

#[test]
fn containment_of_short_copies() {
    check(
        &[
            article("long", Some("2024-03-05"), &[P1, P2, P3, P4, OTHER]),
            article("short", Some("2024-03-01"), &[P1, P2]),
        ],
        expect![[r#"
            short:canonical:1.00 long:contains:1.00
        "#]],
    );
}

#[test]
fn credits_support_but_never_suffice() {
    let afp = |mut a: Article| {
        a.credits.push(Credit {
            agency: "AFP".into(),
            text: "(AFP)".into(),
            kind: CreditKind::CreditLine,
        });
        a
    };
    // Same agency, different stories: never grouped.
    let different = [
        afp(article("x", None, &[P1, P2])),
        afp(article("y", None, &[OTHER, FURNITURE])),
    ];
    check(
        &different,
        expect![[r#"
        x:canonical:1.00
        y:canonical:1.00
    "#]],
    );
    // Half of the shorter text shared: grouped only with a common credit.
    let half = |credit: bool| {
        let a = article("p", None, &[P1, P2, P3, P4]);
        let b = article("q", None, &[P1, P2, OTHER, FURNITURE]);
        if credit {
            vec![afp(a), afp(b)]
        } else {
            vec![a, b]
        }
    };
    check(
        &half(false),
        expect![[r#"
        p:canonical:1.00
        q:canonical:1.00
        passage p~q (2)
    "#]],
    );
    check(
        &half(true),
        expect![[r#"
        p:canonical:1.00 q:shares-paragraphs:0.51
    "#]],
    );
    let articles = half(true);
    let groups = dedup(&articles, &DedupConfig::default());
    assert_eq!(independent_sources(&articles, &groups), 1);
    let articles = half(false);
    let groups = dedup(&articles, &DedupConfig::default());
    assert_eq!(independent_sources(&articles, &groups), 2);
}

#[test]
fn passages_shared_under_a_common_credit_are_not_independent() {
    let credit = |mut a: Article, agency: &str| {
        a.credits.push(Credit {
            agency: agency.into(),
            text: agency.into(),
            kind: CreditKind::InText,
        });
        a
    };
    let a = article("a", None, &[P1, P2, P3]);
    let b = article("b", None, &[OTHER, P2, FURNITURE, P4]);
    let plain = [a.clone(), b.clone()];
    let groups = dedup(&plain, &DedupConfig::default());
    assert_eq!(groups.shared_passages.len(), 1);
    assert_eq!(independent_sources(&plain, &groups), 2);
    let wired = [credit(a, "Reuters"), credit(b, "reuters")];
    let groups = dedup(&wired, &DedupConfig::default());
    assert_eq!(independent_sources(&wired, &groups), 1);
}

#[test]
fn empty_and_tiny_articles() {
    check(
        &[
            article("e1", None, &[]),
            article("e2", None, &["", "   "]),
            article("w1", None, &["Yes"]),
            article("w2", None, &["yes"]),
            article("w3", None, &["No"]),
        ],
        expect![[r#"
            e1:canonical:1.00
            e2:canonical:1.00
            w1:canonical:1.00 w2:exact:1.00
            w3:canonical:1.00
        "#]],
    );
}

#[test]
fn incremental_equals_one_batch() {
    let all = vec![
        article("a", Some("2024-03-01"), &[P1, P2, P3, P4]),
        article("b", None, &[P1, P2, P3]),
        article("c", None, &[OTHER]),
        article("d", None, &[FURNITURE, P1, P2, P3, P4]),
    ];
    let one = dedup(&all, &DedupConfig::default());
    let mut index = DedupIndex::new(DedupConfig::default());
    index.add(&all[2..]);
    index.add(&all[..2]);
    assert_eq!(index.syndication().groups, one.groups);
    // The index survives a serde round trip and keeps working.
    let json = serde_json::to_string(&index).expect("index serialises");
    let mut back: DedupIndex = serde_json::from_str(&json).expect("index deserialises");
    let notes = back.add(&all);
    assert_eq!(notes.len(), all.len(), "every id is already indexed");
    assert_eq!(back.syndication().groups, one.groups);
}

#[test]
fn a_stock_passage_does_not_gather_the_articles_that_carry_it() {
    // The earliest text is only a newsletter box; three unrelated reports
    // carry the same box below their own reporting.
    let boxed = |id: &str, body: &[&str]| {
        let mut paragraphs = body.to_vec();
        paragraphs.push(FURNITURE);
        article(id, Some("2024-03-02"), &paragraphs)
    };
    check(
        &[
            article("box", Some("2024-03-01"), &[FURNITURE]),
            boxed("r1", &[P1, P2]),
            boxed("r2", &[OTHER, P4]),
            boxed("r3", &[Q1, Q2]),
        ],
        expect![[r#"
            box:canonical:1.00
            r1:canonical:1.00
            r2:canonical:1.00
            r3:canonical:1.00
            passage box~r1 (1)
            passage box~r2 (1)
            passage box~r3 (1)
            passage r1~r2 (1)
            passage r1~r3 (1)
            passage r2~r3 (1)
        "#]],
    );
}

#[test]
fn chains_do_not_make_groups() {
    // b contains both a and c, which share one paragraph: b joins the
    // earlier of the two, c stays apart with its passage links.
    check(
        &[
            article("a", Some("2024-03-01"), &[P1, P2, P3]),
            article("b", Some("2024-03-02"), &[P1, P2, P3, P4, OTHER]),
            article("c", Some("2024-03-03"), &[P3, P4, OTHER]),
        ],
        expect![[r#"
            a:canonical:1.00 b:contains:1.00
            c:canonical:1.00
            passage a~c (1)
            passage b~c (3)
        "#]],
    );
}

fn arb_articles() -> impl Strategy<Value = Vec<Article>> {
    let pool = [P1, P2, P3, P4, OTHER, FURNITURE, "", "one", "Two words"];
    prop::collection::vec(
        (
            prop::collection::vec(0..pool.len(), 0..5),
            prop::option::of(1u32..28),
        ),
        0..8,
    )
    .prop_map(move |docs| {
        docs.into_iter()
            .enumerate()
            .map(|(i, (ps, day))| {
                let date = day.map(|d| format!("2024-03-{d:02}"));
                let paragraphs: Vec<&str> = ps.iter().map(|&p| pool[p]).collect();
                article(&format!("n{i}"), date.as_deref(), &paragraphs)
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn groups_do_not_depend_on_order(articles in arb_articles(), seed in any::<u64>()) {
        let cfg = DedupConfig::default();
        let forward = dedup(&articles, &cfg);
        let mut shuffled = articles.clone();
        // A seeded Fisher-Yates shuffle.
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            let j = (minhash::splitmix64(&mut state) % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        prop_assert_eq!(dedup(&shuffled, &cfg), forward);
    }

    #[test]
    fn groups_do_not_depend_on_threads(articles in arb_articles()) {
        // Articles are prepared in parallel: one thread or four, the same
        // groups.
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("thread pool");
            pool.install(|| dedup(&articles, &DedupConfig::default()))
        };
        prop_assert_eq!(run(1), run(4));
    }

    #[test]
    fn adding_twice_changes_nothing(articles in arb_articles()) {
        let mut index = DedupIndex::new(DedupConfig::default());
        index.add(&articles);
        let once = index.syndication();
        index.add(&articles);
        prop_assert_eq!(index.syndication(), once);
    }

    #[test]
    fn every_article_has_exactly_one_group(articles in arb_articles()) {
        let s = dedup(&articles, &DedupConfig::default());
        let members: usize = s.groups.iter().map(|g| g.members.len()).sum();
        prop_assert_eq!(members, articles.len());
        for g in &s.groups {
            prop_assert_eq!(&g.members[0].id, &g.canonical);
            prop_assert_eq!(g.members[0].relation, Relation::Canonical);
        }
    }

    #[test]
    fn incremental_batches_equal_one_batch(articles in arb_articles(), split in 0usize..8) {
        let cfg = DedupConfig::default();
        let one = dedup(&articles, &cfg);
        let split = split.min(articles.len());
        let mut index = DedupIndex::new(cfg);
        index.add(&articles[split..]);
        index.add(&articles[..split]);
        prop_assert_eq!(index.syndication(), one);
    }

    #[test]
    fn syndication_of_a_subset_agrees_with_the_whole(articles in arb_articles(), mask in any::<u16>()) {
        let mut index = DedupIndex::new(DedupConfig::default());
        index.add(&articles);
        let whole = index.syndication();
        let subset: Vec<&Article> = articles
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << (i % 16)) != 0)
            .map(|(_, a)| a)
            .collect();
        let part = index.syndication_of(subset.iter().map(|a| &a.id));
        for a in &subset {
            prop_assert_eq!(part.group(&a.id), whole.group(&a.id));
        }
        let among = |x: &ArticleId| subset.iter().any(|a| &a.id == x);
        let passages: Vec<_> = whole
            .shared_passages
            .iter()
            .filter(|(a, b, _)| among(a) && among(b))
            .cloned()
            .collect();
        prop_assert_eq!(&part.shared_passages, &passages);
        prop_assert_eq!(
            independent_sources(subset.iter().copied(), &part),
            independent_sources(subset.iter().copied(), &whole)
        );
    }

    #[test]
    fn empty_and_one_word_articles_never_panic(
        words in prop::collection::vec(prop::sample::select(vec!["", " ", "yes", "Yes.", "no", "\u{a0}", "«oui»"]), 0..6)
    ) {
        let articles: Vec<Article> = words
            .iter()
            .enumerate()
            .map(|(i, w)| article(&format!("w{i}"), None, &[w]))
            .collect();
        let s = dedup(&articles, &DedupConfig::default());
        let members: usize = s.groups.iter().map(|g| g.members.len()).sum();
        prop_assert_eq!(members, articles.len());
        prop_assert!(independent_sources(&articles, &s) <= articles.len());
    }

    #[test]
    fn arbitrary_text_never_panics(paragraphs in prop::collection::vec(".{0,80}", 0..4)) {
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let a = article("a", None, &refs);
        let s = dedup(&[a.clone(), a], &DedupConfig::default());
        prop_assert!(!s.groups.is_empty());
    }
}
