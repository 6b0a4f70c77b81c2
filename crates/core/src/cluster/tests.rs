//! Behaviour of the clusterer on our own small fixtures: the same event
//! groups, the same kind of event months later does not, syndicated copies
//! follow their canonical, and the result does not depend on input order
//! within a time window.

use proptest::prelude::*;

use super::*;
use crate::model::{ArticleId, Timestamp};

fn article(id: &str, day: Option<&str>, title: &str, text: &str) -> Article {
    Article {
        id: ArticleId::from(id),
        url: None,
        source: None,
        published: day.and_then(Timestamp::parse),
        title: (!title.is_empty()).then(|| title.to_owned()),
        byline: None,
        dateline: None,
        credits: vec![],
        paragraphs: text.split("\n\n").map(str::to_owned).collect(),
        removed: vec![],
        meta: Default::default(),
    }
}

fn fixtures() -> Vec<Article> {
    vec![
        article(
            "flood-1",
            Some("2031-03-02"),
            "Floods force thousands from Veranto",
            "Flood waters rose through Veranto on Monday and Mayor Ilse Brask ordered 4,000 residents to leave the river districts.\n\nThe Lindmark weather office said more rain would fall on the Veranto basin before Wednesday.",
        ),
        article(
            "flood-2",
            Some("2031-03-03"),
            "Veranto evacuates river districts",
            "Mayor Ilse Brusk said about 6,500 people had left Veranto's river districts as flood waters rose.\n\nEmergency shelters opened in schools across Veranto, the mayor said.",
        ),
        article(
            "mine-1",
            Some("2031-03-02"),
            "Miners trapped at Kessel Deep",
            "Twenty-three miners were trapped underground at the Kessel Deep mine after a tunnel collapsed on Monday.\n\nRescue teams from three Lindmark provinces drilled towards the trapped crew.",
        ),
        article(
            "mine-2",
            Some("2031-03-04"),
            "Rescuers reach Kessel Deep miners",
            "Rescue teams reached the 23 miners trapped at the Kessel Deep mine on Wednesday, the mine's operator said.\n\nAll of the Kessel Deep crew were brought to the surface alive.",
        ),
        article(
            "talks-1",
            Some("2031-03-02"),
            "Trade talks open in Lindmark",
            "Trade ministers of Lindmark and Pellaria opened talks in Orsk on Monday on tariffs for farm goods.\n\nPellaria's minister Tomas Okafor-Reyes said a deal on 140 product lines was close.",
        ),
        article(
            "talks-2",
            Some("2031-09-14"),
            "Lindmark and Pellaria sign trade accord",
            "Trade ministers of Lindmark and Pellaria signed an accord in Orsk on Sunday ending tariffs on farm goods.\n\nPellaria's minister Tomas Okafor-Reyes said the accord covered 160 product lines.",
        ),
    ]
}

fn partition(c: &Clustering, articles: &[Article]) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = c
        .stories
        .iter()
        .map(|s| {
            let mut ids: Vec<String> = s
                .members
                .iter()
                .map(|&i| articles[i].id.0.clone())
                .collect();
            ids.sort();
            ids
        })
        .collect();
    groups.sort();
    groups
}

/// The fixtures as the shipped model clusters them: each event is one
/// story, and the two trade reports six months apart are two stories (the
/// first fell silent long before the second, which prints none of its
/// days).
#[test]
fn fixtures_cluster_as_recorded() {
    let a = fixtures();
    let c = cluster(&a, &Syndication::default(), &ClusterConfig::default());
    expect_test::expect![[r#"
        [
            [
                "flood-1",
                "flood-2",
            ],
            [
                "mine-1",
                "mine-2",
            ],
            [
                "talks-1",
            ],
            [
                "talks-2",
            ],
        ]
    "#]]
    .assert_debug_eq(&partition(&c, &a));
    assert_eq!(c.story_of.len(), a.len());
}

#[test]
fn a_syndicated_copy_joins_its_canonical_story() {
    let a = fixtures();
    // Tell clustering that the second trade report is a copy of the first:
    // it must follow it, whatever its words say.
    let syndication = crate::dedup::dedup(&[], &crate::dedup::DedupConfig::default());
    let mut syndication = syndication;
    syndication.group_of.insert(a[4].id.clone(), 0);
    syndication.group_of.insert(a[5].id.clone(), 0);
    let c = cluster(&a, &syndication, &ClusterConfig::default());
    assert_eq!(c.story_of[4], c.story_of[5]);
}

#[test]
fn an_empty_article_is_its_own_story_with_a_note() {
    let mut a = fixtures();
    a.push(article("empty", None, "", ""));
    let c = cluster(&a, &Syndication::default(), &ClusterConfig::default());
    assert_eq!(c.diagnostics.len(), 1);
    let last = *c.story_of.last().expect("one per article");
    assert_eq!(c.story_of.iter().filter(|&&s| s == last).count(), 1);
}

#[test]
fn the_working_set_stays_bounded() {
    let cfg = ClusterConfig {
        max_stories: 3,
        ..ClusterConfig::default()
    };
    let mut c = Clusterer::new(&cfg);
    for (i, a) in fixtures().iter().cycle().take(30).enumerate() {
        let mut a = a.clone();
        a.id = ArticleId(format!("a{i}"));
        c.push(&a, None);
        assert!(c.live_stories() <= 3);
    }
}

#[test]
fn stories_outside_the_time_window_are_not_joined() {
    let a = fixtures();
    let mut later = a[0].clone();
    later.id = ArticleId::from("flood-late");
    later.published = Timestamp::parse("2031-06-02");
    let cfg = ClusterConfig {
        window_days: 30,
        ..ClusterConfig::default()
    };
    let mut c = Clusterer::new(&cfg);
    let first = c.push(&a[0], None);
    let again = c.push(&later, None);
    assert_ne!(first, again);
}

#[test]
fn the_clusterer_state_round_trips_through_json() {
    let a = fixtures();
    let mut c = Clusterer::new(&ClusterConfig::default());
    c.push(&a[0], None);
    let json = serde_json::to_string(&c).expect("serialises");
    let mut back: Clusterer = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back.push(&a[1], None), c.push(&a[1], None));
}

#[test]
fn cached_story_vectors_score_as_freshly_weighted_ones() {
    // A primed batch caches each story's weighted vectors; a clusterer
    // read back from JSON has no cache and weighs them when scoring.
    let a = fixtures();
    let cfg = ClusterConfig::default();
    let profiles: Vec<Profile> = a
        .iter()
        .map(|x| Profile::read(x, None, &cfg.vector))
        .collect();
    let mut c = Clusterer::new(&cfg);
    c.learn_terms(&profiles);
    for i in [0, 2, 4] {
        c.push_profile(&profiles[i], None);
    }
    let back: Clusterer =
        serde_json::from_str(&serde_json::to_string(&c).expect("serialises")).expect("reads");
    for p in [&profiles[1], &profiles[3]] {
        let scores = |c: &mut Clusterer| {
            let q = c.begin(p);
            let mut f: Vec<(StoryId, Features)> = c
                .score(&q)
                .into_iter()
                .map(|s| (s.id, s.features))
                .collect();
            f.sort_by_key(|x| x.0);
            f
        };
        let (mut c, mut back) = (c.clone(), back.clone());
        let (cached, fresh) = (scores(&mut c), scores(&mut back));
        assert!(!cached.is_empty());
        assert_eq!(cached, fresh);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn order_within_a_time_window_does_not_matter(seed in any::<u64>()) {
        // Every fixture on the same day: one window, any order.
        let mut a = fixtures();
        for x in &mut a {
            x.published = Timestamp::parse("2031-03-02");
        }
        let base = partition(&cluster(&a, &Syndication::default(), &ClusterConfig::default()), &a);
        let shuffled = shuffle(&a, seed);
        let got = partition(&cluster(&shuffled, &Syndication::default(), &ClusterConfig::default()), &shuffled);
        prop_assert_eq!(base, got);
    }

    #[test]
    fn the_input_order_does_not_change_the_processing_order(seed in any::<u64>()) {
        let a = half_dated();
        let shuffled = shuffle(&a, seed);
        prop_assert_eq!(taken(&a, Order::Neighbours), taken(&shuffled, Order::Neighbours));
    }
}

/// The fixtures with the second report of each event undated.
fn half_dated() -> Vec<Article> {
    let mut a = fixtures();
    for x in &mut a {
        if x.id.as_str().ends_with("-2") {
            x.published = None;
        }
    }
    a
}

/// The ids of `a` in the order a batch takes them.
fn taken(a: &[Article], order: Order) -> Vec<String> {
    let profiles = read_profiles(a, &VectorConfig::default());
    let mut vocab = Vocabulary::new(ClusterConfig::default().sketch_bits);
    for p in &profiles {
        vocab.observe(&p.terms);
    }
    order::processing_order(a, &profiles, &vocab, order)
        .into_iter()
        .map(|i| a[i].id.0.clone())
        .collect()
}

#[test]
fn a_listed_order_follows_the_input() {
    // What the property above rules out for the neighbour order: listed,
    // an undated article takes the key of whatever is listed before it.
    let a = half_dated();
    let reversed: Vec<Article> = a.iter().rev().cloned().collect();
    assert_ne!(taken(&a, Order::Listed), taken(&reversed, Order::Listed));
}

fn shuffle(a: &[Article], seed: u64) -> Vec<Article> {
    let mut shuffled = a.to_vec();
    let mut state = seed | 1;
    for i in (1..shuffled.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        shuffled.swap(i, (state % (i as u64 + 1)) as usize);
    }
    shuffled
}

#[test]
fn an_undated_report_is_taken_with_the_dated_reports_of_its_event() {
    // The undated flood report is listed last, after the September trade
    // talks: listed, it takes September's key; by neighbours, the flood's.
    let mut a: Vec<Article> = fixtures()
        .into_iter()
        .filter(|x| x.id.as_str() != "flood-2")
        .collect();
    let mut undated = fixtures()
        .into_iter()
        .find(|x| x.id.as_str() == "flood-2")
        .expect("the fixture has this id");
    undated.published = None;
    a.push(undated);
    let position = |ids: &[String], id: &str| ids.iter().position(|x| x == id).expect("taken");
    let listed = taken(&a, Order::Listed);
    let neighbours = taken(&a, Order::Neighbours);
    assert_eq!(
        listed.last().map(String::as_str),
        Some("flood-2"),
        "{listed:?}"
    );
    assert!(
        position(&neighbours, "flood-2") < position(&neighbours, "talks-2"),
        "{neighbours:?}"
    );
}

#[test]
fn a_late_report_joins_a_silent_story_only_when_it_points_back_to_its_time() {
    let late = |day: &str, text: &str| {
        let mut a: Vec<Article> = fixtures()
            .into_iter()
            .filter(|x| x.id.as_str() != "talks-2")
            .collect();
        a.push(article(
            "talks-3",
            Some(day),
            "Lindmark and Pellaria trade talks revisited",
            text,
        ));
        let c = cluster(&a, &Syndication::default(), &ClusterConfig::default());
        let story = |id: &str| {
            c.story_of[a
                .iter()
                .position(|x| x.id.as_str() == id)
                .expect("the fixture has this id")]
        };
        story("talks-3") == story("talks-1")
    };
    // A year later, naming the story's year (not its own) points back too.
    assert!(late(
        "2032-09-15",
        "Trade ministers of Lindmark and Pellaria, whose talks in Orsk in March 2031 on tariffs for farm goods set the 140 product lines, met again.\n\nPellaria's minister Tomas Okafor-Reyes said the talks of March 2031 had opened trade."
    ));
    assert!(!late(
        "2032-09-15",
        "Trade ministers of Lindmark and Pellaria, whose talks in Orsk on tariffs for farm goods set the 140 product lines, met again.\n\nPellaria's minister Tomas Okafor-Reyes said the talks had opened trade."
    ));
    assert!(late(
        "2031-09-15",
        "Trade ministers of Lindmark and Pellaria, whose talks opened in Orsk on March 2, 2031 on tariffs for farm goods, met again.\n\nPellaria's minister Tomas Okafor-Reyes said the talks of March 2 had set the 140 product lines."
    ));
    assert!(!late(
        "2031-09-15",
        "Trade ministers of Lindmark and Pellaria, whose talks opened in Orsk on tariffs for farm goods, met again.\n\nPellaria's minister Tomas Okafor-Reyes said the talks had set the 140 product lines."
    ));
}

#[test]
fn a_batch_without_dates_reads_yearless_dates_against_the_streams_clock() {
    let report = article(
        "flood-3",
        None,
        "",
        "Veranto's mayor said on March 3 that the river districts would reopen.",
    );
    let fresh = Clusterer::new(&ClusterConfig::default());
    assert!(
        fresh.read_batch(std::slice::from_ref(&report))[0]
            .days
            .is_empty()
    );
    let mut running = Clusterer::new(&ClusterConfig::default());
    running.push(&fixtures()[0], None);
    let march_3 = day_of(chrono::NaiveDate::from_ymd_opt(2031, 3, 3).expect("a valid date"));
    assert_eq!(running.read_batch(&[report])[0].days, vec![march_3]);
}
