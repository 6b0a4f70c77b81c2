//! Store tests over our own small fixtures: migrations, idempotent ingest,
//! search with filters, syndication, stories, watchlists and deliveries.

use expect_test::expect;
use storyline_core::{Article, ArticleId, RemovalReason, Removed, Timestamp};

use super::*;

fn article(id: &str, source: &str, day: &str, title: &str, paragraphs: &[&str]) -> Article {
    Article {
        id: ArticleId::from(id),
        url: Some(format!(
            "https://{}.example/{id}",
            source.to_lowercase().replace(' ', "")
        )),
        source: Some(source.into()),
        published: Timestamp::parse(day),
        title: Some(title.into()),
        byline: None,
        dateline: None,
        credits: vec![],
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        removed: vec![Removed {
            text: "Follow us on social media".into(),
            reason: RemovalReason::Social,
            line: 9,
        }],
        meta: Default::default(),
    }
}

const QUARRY: &[&str] = &[
    "The regional council voted on Tuesday to close the old quarry road to lorries from next spring, ending a dispute that has run for a decade.",
    "Residents had complained for years about dust and noise, council leader Maria Svensson told reporters after the vote in Eastbridge.",
];
const FERRY: &[&str] = &[
    "The harbour board approved a new ferry timetable on Friday after a month of complaints from commuters on the island route.",
    "Harbour master Tomas Lind said the first sailing would leave at six in the morning from Westport.",
];

fn corpus() -> Vec<Article> {
    vec![
        article(
            "q1",
            "Daily Post",
            "2031-05-13",
            "Council shuts quarry road",
            QUARRY,
        ),
        article(
            "q2",
            "Evening Star",
            "2031-05-14",
            "Quarry road to close",
            QUARRY,
        ),
        article(
            "f1",
            "Island Radio",
            "2031-05-16",
            "New ferry timetable",
            FERRY,
        ),
    ]
}

/// The default pipeline with a small clusterer sketch, so that saving the
/// clusterer's state per batch stays cheap in unoptimised test builds.
fn config() -> PipelineConfig {
    let mut c = PipelineConfig::default();
    c.cluster.sketch_bits = 10;
    c
}

/// A fresh store in a temporary directory, and its pipeline.
fn empty() -> (tempfile::TempDir, Store, Pipeline) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("t.db")).expect("open store");
    let p = Pipeline::open(&mut store, config()).expect("pipeline");
    (dir, store, p)
}

fn stored() -> (tempfile::TempDir, Store, Pipeline) {
    let (dir, mut store, mut p) = empty();
    p.ingest(&mut store, "fixture", "2031-05-16T10:00:00Z", &corpus())
        .expect("ingest");
    (dir, store, p)
}

#[test]
fn migrates_and_refuses_newer_schemas() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("m.db");
    let store = Store::open(&path).expect("open");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    drop(store);
    // Reopening does not re-run migrations.
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    store
        .conn
        .execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1))
        .expect("bump version");
    drop(store);
    let err = Store::open(&path).expect_err("newer schema refused");
    expect![[
        r#"store has schema version 4 but this storyline supports up to 3; upgrade storyline"#
    ]]
    .assert_eq(&err.to_string());
}

#[test]
fn ingest_is_idempotent_and_incremental() {
    let (_dir, mut store, mut p) = stored();
    assert_eq!(store.article_count().expect("count"), 3);
    let again = p
        .ingest(&mut store, "fixture", "2031-05-16T11:00:00Z", &corpus())
        .expect("re-ingest");
    assert_eq!(
        again,
        BatchReport {
            already_stored: 3,
            ..BatchReport::default()
        }
    );
    // A fresh pipeline (a new run) sees the same store and adds only the new.
    let mut p2 = Pipeline::open(&mut store, config()).expect("reopen");
    let mut more = corpus();
    more.push(article(
        "f2",
        "Coast News",
        "2031-05-17",
        "Ferry changes",
        FERRY,
    ));
    let r = p2
        .ingest(&mut store, "more", "2031-05-17T08:00:00Z", &more)
        .expect("incremental");
    assert_eq!((r.added, r.already_stored, r.groups_touched), (1, 3, 1));
    assert!(store.check().expect("check").is_empty());
    // The new copy joined the ferry group; the canonical is the earliest.
    let f2 = store.article("f2").expect("read").expect("f2 stored");
    let s = f2.row.syndication.expect("f2 syndicated");
    assert_eq!((s.canonical.as_str(), s.relation.as_str()), ("f1", "exact"));
    assert_eq!(f2.article.removed[0].reason, RemovalReason::Social);
    assert_eq!(f2.received, "2031-05-17T08:00:00Z");
}

#[test]
fn a_reopened_pipeline_continues_the_stream() {
    let (_dir, mut store, mut p) = stored();
    p.ingest(
        &mut store,
        "b2",
        "2031-05-17T08:00:00Z",
        &[article("f2", "Coast News", "2031-05-17", "Ferry", FERRY)],
    )
    .expect("batch 2");
    // A new run rebuilds the dedup index from the stored batches.
    let mut p2 = Pipeline::open(&mut store, config()).expect("reopen");
    p2.ingest(
        &mut store,
        "b3",
        "2031-05-18T08:00:00Z",
        &[article("f3", "Bay Times", "2031-05-18", "Ferry", FERRY)],
    )
    .expect("batch 3");
    let f3 = store.article("f3").expect("read").expect("f3");
    assert_eq!(f3.row.syndication.expect("grouped").canonical, "f1");
    // A pipeline that missed batches written by another writer catches up
    // inside its next transaction.
    p.ingest(
        &mut store,
        "b4",
        "2031-05-19T08:00:00Z",
        &[article(
            "f4",
            "Bay Times",
            "2031-05-19",
            "Ferry again",
            FERRY,
        )],
    )
    .expect("batch 4");
    let f4 = store.article("f4").expect("read").expect("f4");
    assert_eq!(f4.row.syndication.expect("grouped").canonical, "f1");
    assert!(store.check().expect("check").is_empty());
}

#[test]
fn search_ranks_stems_and_filters() {
    let (_dir, store, _p) = stored();
    let ids = |q: &SearchQuery| -> Vec<String> {
        store
            .search(q)
            .expect("search")
            .hits
            .into_iter()
            .map(|h| h.article.id)
            .collect()
    };
    // All words must match; stemming finds "lorries" for "lorry".
    assert_eq!(
        ids(&SearchQuery::text("ferry quarries")),
        Vec::<String>::new()
    );
    assert_eq!(ids(&SearchQuery::text("lorry")), ["q1", "q2"]);
    assert_eq!(ids(&SearchQuery::text("quarries")), ["q1", "q2"]);
    assert_eq!(ids(&SearchQuery::text("ferry OR quarry")).len(), 3);
    let by_source = SearchQuery {
        source: Some("evening star".into()),
        ..SearchQuery::text("quarry")
    };
    assert_eq!(ids(&by_source), ["q2"]);
    let by_entity = SearchQuery {
        entity: Some("tomas lind".into()),
        ..SearchQuery::default()
    };
    assert_eq!(ids(&by_entity), ["f1"]);
    let by_date = SearchQuery {
        from: chrono::NaiveDate::from_ymd_opt(2031, 5, 14),
        to: chrono::NaiveDate::from_ymd_opt(2031, 5, 14),
        ..SearchQuery::text("quarry")
    };
    assert_eq!(ids(&by_date), ["q2"]);
    let hit = &store
        .search(&SearchQuery::text("timetable"))
        .expect("search")
        .hits[0];
    assert!(
        hit.snippet.contains("\u{2}timetable\u{3}"),
        "{}",
        hit.snippet
    );
    assert!(
        store
            .search(&SearchQuery::text("\""))
            .expect("search")
            .hits
            .is_empty()
    );
}

#[test]
fn a_story_of_untitled_articles_is_named_by_its_brief() {
    let (dir, mut store, mut p) = empty();
    let mut untitled = article("u1", "Island Radio", "2031-05-16", "", FERRY);
    untitled.title = None;
    p.ingest(&mut store, "b1", "2031-05-16T10:00:00Z", &[untitled])
        .expect("ingest");
    let opening = "The harbour board approved a new ferry timetable on Friday after a month of complaints from …";
    let titles = |store: &Store| -> Vec<Option<String>> {
        let list = store.stories(StoryOrder::Rank, 10, 0).expect("list");
        list.into_iter().map(|s| s.title).collect()
    };
    assert_eq!(titles(&store), [Some(opening.to_owned())]);
    // A brief with no summary names nothing.
    let story = store.stories(StoryOrder::Rank, 1, 0).expect("list")[0].id;
    store
        .set_brief(
            story,
            &serde_json::json!({"headline": "(no text)", "summary": []}),
        )
        .expect("brief");
    assert_eq!(titles(&store), [None]);

    // A store written before migration 3 takes the headlines of the briefs
    // it holds.
    store
        .set_brief(
            story,
            &serde_json::json!({"headline": "Ferry timetable", "summary": [{}]}),
        )
        .expect("brief");
    store
        .conn
        .execute_batch("ALTER TABLE stories DROP COLUMN headline; PRAGMA user_version = 2")
        .expect("back to schema 2");
    drop((store, p));
    let store = Store::open(&dir.path().join("t.db")).expect("reopen");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(titles(&store), [Some("Ferry timetable".to_owned())]);
}

#[test]
fn stories_list_volume_and_updates() {
    let (_dir, mut store, mut p) = stored();
    store
        .assign_stories(&[("q1", 7), ("q2", 7), ("f1", 9)])
        .expect("assign");
    p.ingest(
        &mut store,
        "b2",
        "2031-05-17T08:00:00Z",
        &[article(
            "f2",
            "Coast News",
            "2031-05-17",
            "Ferry changes",
            FERRY,
        )],
    )
    .expect("batch 2");
    store.assign_stories(&[("f2", 9)]).expect("assign f2");
    let list: Vec<(i64, u32, u32)> = store
        .stories(StoryOrder::Rank, 10, 0)
        .expect("list")
        .iter()
        .map(|s| (s.id, s.articles, s.sources))
        .collect();
    // Each story's two reports print one text: one syndication group, one
    // independent source.
    assert_eq!(list, [(9, 2, 1), (7, 2, 1)]);
    let detail = store.story(9).expect("read").expect("story 9");
    assert_eq!(detail.summary.title.as_deref(), Some("New ferry timetable"));
    let days: Vec<String> = detail
        .volume
        .iter()
        .map(|v| format!("{} {}", v.day, v.articles))
        .collect();
    assert_eq!(days, ["2031-05-16 1", "2031-05-17 1"]);
    let updates = store.story_updates(9, 10).expect("updates");
    assert_eq!(
        updates
            .iter()
            .map(|u| (u.batch, u.added))
            .collect::<Vec<_>>(),
        [(2, 1), (1, 1)]
    );
    assert_eq!(updates[0].articles[0].id, "f2");
    // Moving an article refreshes both stories.
    store.assign_stories(&[("q2", 9)]).expect("move");
    assert_eq!(
        store.story(7).expect("read").expect("7").summary.articles,
        1
    );
    assert_eq!(
        store.story(9).expect("read").expect("9").summary.articles,
        3
    );
    store
        .set_brief(9, &serde_json::json!({"headline": "Ferry timetable"}))
        .expect("brief");
    assert_eq!(
        store
            .story(9)
            .expect("read")
            .expect("9")
            .brief
            .expect("brief")["headline"],
        "Ferry timetable"
    );
    assert!(store.check().expect("check").is_empty());
    assert!(store.assign_stories(&[("nope", 1)]).is_err());
}

#[test]
fn watchlists_match_new_batches_and_queue_deliveries() {
    let (_dir, mut store, mut p) = stored();
    let ferry = store
        .add_watchlist(&NewWatchlist {
            name: "ferries".into(),
            kind: WatchKind::Query,
            value: "ferry".into(),
            webhook_url: Some("http://127.0.0.1:9/hook".into()),
            secret: Some("0123456789abcdef".into()),
        })
        .expect("add");
    let lind = store
        .add_watchlist(&NewWatchlist {
            name: "Lind".into(),
            kind: WatchKind::Entity,
            value: "Tomas Lind".into(),
            webhook_url: None,
            secret: None,
        })
        .expect("add");
    let r = p
        .ingest(
            &mut store,
            "b2",
            "2031-05-17T08:00:00Z",
            &[article(
                "f2",
                "Coast News",
                "2031-05-17",
                "Ferry changes",
                FERRY,
            )],
        )
        .expect("batch 2");
    assert_eq!(r.watch_hits, 2);
    assert_eq!(store.watch_hits(ferry.id, 10).expect("hits")[0].0.id, "f2");
    // Stored matches are backfilled at creation (f1), new ones recorded (f2).
    assert_eq!(store.watch_hits(lind.id, 10).expect("hits").len(), 2);
    let due = store.due_deliveries(0, 10).expect("due");
    assert_eq!(due.len(), 1);
    let payload: serde_json::Value = serde_json::from_str(&due[0].payload).expect("json");
    assert_eq!(payload["articles"][0]["id"], "f2");
    store
        .delivery_failed(due[0].id, "connection refused", Some(100))
        .expect("retry");
    assert!(store.due_deliveries(99, 10).expect("due").is_empty());
    assert_eq!(store.due_deliveries(100, 10).expect("due")[0].attempts, 1);
    store.delivered(due[0].id, 101).expect("delivered");
    assert_eq!(
        store.deliveries(ferry.id).expect("list")[0].status,
        "delivered"
    );
    // Bad watchlists are refused with a reason.
    let bad = NewWatchlist {
        name: "x".into(),
        kind: WatchKind::Query,
        value: "\"".into(),
        webhook_url: None,
        secret: None,
    };
    assert!(store.add_watchlist(&bad).is_err());
    let weak = NewWatchlist {
        secret: Some("short".into()),
        webhook_url: Some("http://x/".into()),
        value: "ferry".into(),
        ..bad.clone()
    };
    assert!(store.add_watchlist(&weak).is_err());
    let file = NewWatchlist {
        webhook_url: Some("file:///etc/passwd".into()),
        secret: Some("0123456789abcdef".into()),
        value: "ferry".into(),
        ..bad
    };
    assert!(store.add_watchlist(&file).is_err());
    assert!(store.remove_watchlist(ferry.id).expect("remove"));
    assert!(store.due_deliveries(1000, 10).expect("due").is_empty());
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]
        // However the stream is cut into batches, repeated and restarted,
        // every article is stored exactly once and the store stays sound.
        #[test]
        fn any_batching_stores_each_article_once(
            cuts in proptest::collection::vec(0usize..6, 1..8),
            restart in proptest::bool::ANY,
        ) {
            let mut all = corpus();
            all.push(article("f2", "Coast News", "2031-05-17", "Ferry changes", FERRY));
            all.push(article("q3", "Hill Gazette", "2031-05-15", "Quarry", &QUARRY[..1]));
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("p.db");
            let mut store = Store::open(&path).expect("open");
            let mut p = Pipeline::open(&mut store, config()).expect("pipeline");
            for (i, &cut) in cuts.iter().enumerate() {
                let end = cut.min(all.len());
                let start = end.saturating_sub(3);
                p.ingest(&mut store, "b", "2031-05-20T00:00:00Z", &all[start..end]).expect("ingest");
                if restart && i % 2 == 1 {
                    p = Pipeline::open(&mut store, config()).expect("reopen");
                }
            }
            p.ingest(&mut store, "all", "2031-05-21T00:00:00Z", &all).expect("ingest all");
            prop_assert_eq!(store.article_count().expect("count"), all.len() as u64);
            prop_assert!(store.check().expect("check").is_empty());
            let f2 = store.article("f2").expect("read").expect("stored");
            prop_assert_eq!(f2.row.syndication.map(|s| s.canonical), Some("f1".to_owned()));
        }
    }
}

#[test]
fn check_reports_damage() {
    let (_dir, store, _p) = stored();
    assert_eq!(store.check().expect("check"), Vec::<String>::new());
    store
        .conn
        .execute("DELETE FROM article_fts WHERE rowid = 1", [])
        .expect("damage the index");
    expect![[r#"["3 articles but 2 search entries; re-ingest the inputs into a new store"]"#]]
        .assert_eq(&format!("{:?}", store.check().expect("check")));
}

#[test]
fn ingest_assigns_stories_and_continues_the_stream() {
    let (_dir, mut store, _p) = stored();
    let story =
        |store: &Store, id: &str| store.article(id).expect("read").expect("stored").row.story;
    let quarry = story(&store, "q1").expect("q1 clustered");
    assert_eq!(story(&store, "q2"), Some(quarry));
    let ferry = story(&store, "f1").expect("f1 clustered");
    assert_ne!(ferry, quarry);
    // A new run loads the clusterer's state and continues: a copy of the
    // ferry report joins the ferry story.
    let mut p = Pipeline::open(&mut store, config()).expect("reopen");
    p.ingest(
        &mut store,
        "b2",
        "2031-05-17T08:00:00Z",
        &[article(
            "f2",
            "Coast News",
            "2031-05-17",
            "Ferry changes",
            FERRY,
        )],
    )
    .expect("batch 2");
    assert_eq!(story(&store, "f2"), Some(ferry));
    assert_eq!(
        store
            .story(ferry)
            .expect("read")
            .expect("story")
            .summary
            .articles,
        2
    );
    assert!(store.state("clusterer").expect("state").is_some());
    // Each touched story was briefed from its members.
    let brief = store
        .story(ferry)
        .expect("read")
        .expect("story")
        .brief
        .expect("briefed");
    assert_eq!(brief["articles"], 2);
}

#[test]
fn briefs_see_the_same_sources_through_the_restricted_syndication() {
    use storyline_core::brief::{BriefConfig, brief};
    use storyline_core::dedup::{DedupConfig, DedupIndex};
    use storyline_core::{Credit, CreditKind};
    let shared = "Harbour master Tomas Lind said the first sailing would leave at six in the morning from Westport, weather permitting.";
    let credited = |mut a: Article| {
        a.credits.push(Credit {
            agency: "AFP".into(),
            text: "(AFP)".into(),
            kind: CreditKind::CreditLine,
        });
        a
    };
    let articles = vec![
        credited(article(
            "a",
            "Daily Post",
            "2031-05-16",
            "Ferry timetable",
            &[FERRY[0], shared],
        )),
        credited(article(
            "b",
            "Evening Star",
            "2031-05-16",
            "New sailings",
            &[
                "Commuters on the island route will get an earlier boat from next month, the harbour board decided on Friday.",
                shared,
            ],
        )),
        article(
            "c",
            "Island Radio",
            "2031-05-17",
            "Ferry board",
            &[FERRY[1]],
        ),
        // Outside the story: two more sharers of one passage.
        article(
            "x",
            "Coast News",
            "2031-05-13",
            "Quarry",
            &[QUARRY[0], shared],
        ),
        article(
            "y",
            "Valley Voice",
            "2031-05-14",
            "Quarry vote",
            &[QUARRY[1], shared],
        ),
    ];
    let mut index = DedupIndex::new(DedupConfig::default());
    index.add(&articles);
    let whole = index.syndication();
    let story: Vec<&Article> = articles[..3].iter().collect();
    let part = index.syndication_of(story.iter().map(|a| &a.id));
    let local = PassageIndex::new(&part).restrict(&part, &story);
    // The restriction drops the passages that leave the story ...
    assert!(local.shared_passages.len() < whole.shared_passages.len());
    assert!(!local.shared_passages.is_empty());
    // ... and changes nothing in the brief.
    let cfg = BriefConfig::default();
    assert_eq!(brief(&story, &local, &cfg), brief(&story, &whole, &cfg));
}

/// Three batches: the corpus, a copy of the ferry report (too small a
/// batch for a checkpoint), then a follow-up and a new story.
fn three_batches() -> Vec<Vec<Article>> {
    vec![
        corpus(),
        vec![article(
            "f2",
            "Coast News",
            "2031-05-17",
            "Ferry changes",
            FERRY,
        )],
        vec![
            article(
                "q3",
                "Valley Voice",
                "2031-05-18",
                "Quarry road closure upheld",
                &[
                    QUARRY[0],
                    "Lorry drivers said on Thursday they would appeal against the closure of the quarry road in Eastbridge.",
                ],
            ),
            article(
                "m1",
                "Metro Ledger",
                "2031-05-18",
                "Museum reopens",
                &[
                    "The city museum reopened its north wing on Thursday after two years of repairs to the roof and the lifts.",
                ],
            ),
        ],
    ]
}

#[test]
fn a_reopened_pipeline_replays_the_clusterer_log_exactly() {
    let batches = three_batches();
    let received = [
        "2031-05-16T10:00:00Z",
        "2031-05-17T10:00:00Z",
        "2031-05-18T10:00:00Z",
    ];
    // One run over all three batches.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut one = Store::open(&dir.path().join("one.db")).expect("open");
    let mut p = Pipeline::open(&mut one, config()).expect("pipeline");
    for (b, r) in batches.iter().zip(received) {
        p.ingest(&mut one, "b", r, b).expect("ingest");
    }
    // Two runs, the second starting after the second batch, whose push was
    // logged but not saved.
    let mut two = Store::open(&dir.path().join("two.db")).expect("open");
    let mut p = Pipeline::open(&mut two, config()).expect("pipeline");
    for (b, r) in batches[..2].iter().zip(received) {
        p.ingest(&mut two, "b", r, b).expect("ingest");
    }
    drop(p);
    assert_eq!(two.state("clusterer").expect("state").map(|s| s.0), Some(1));
    let mut p = Pipeline::open(&mut two, config()).expect("reopen replays batch 2");
    p.ingest(&mut two, "b", received[2], &batches[2])
        .expect("ingest");
    let stories = |s: &Store| -> Vec<(String, Option<i64>)> {
        batches
            .iter()
            .flatten()
            .map(|a| {
                let row = s.article(a.id.as_str()).expect("read").expect("stored").row;
                (a.id.to_string(), row.story)
            })
            .collect()
    };
    assert_eq!(stories(&two), stories(&one));
    let f2 = stories(&one)[3].1;
    assert_eq!(
        f2,
        stories(&one)[2].1,
        "the ferry copy joined the ferry story"
    );
    // Both saved the state with the third batch, and it is the same state.
    // (Compared as JSON values: maps serialise in hash order.)
    let state = |s: &Store| {
        let (batch, json) = s.state("clusterer").expect("state").expect("saved");
        let value: serde_json::Value = serde_json::from_str(&json).expect("json");
        (batch, value)
    };
    assert_eq!(state(&two).0, 3);
    assert!(
        state(&two) == state(&one),
        "replayed clusterer state differs"
    );
}

#[test]
fn a_clusterer_log_that_disagrees_with_the_state_is_refused() {
    let batches = three_batches();
    let (_dir, mut store, mut p) = empty();
    p.ingest(&mut store, "b", "2031-05-16T10:00:00Z", &batches[0])
        .expect("ingest");
    p.ingest(&mut store, "b", "2031-05-17T10:00:00Z", &batches[1])
        .expect("ingest");
    drop(p);
    store
        .conn
        .execute(
            "UPDATE cluster_log SET story = story + 100 WHERE batch = 2",
            [],
        )
        .expect("tamper");
    let err = Pipeline::open(&mut store, config()).expect_err("log refused");
    expect![[r#"replaying the clusterer log of batch 2 put article f2 in story 1 where the store has 101; the saved state does not match the log (was the store written by another build?); ingest into a new store"#]]
        .assert_eq(&err.to_string());
}

#[test]
fn an_undated_report_takes_the_day_of_its_dateline() {
    let (_dir, mut store, mut p) = empty();
    let mut datelined = article("d1", "Daily Post", "", "Council shuts quarry road", QUARRY);
    datelined.source = None;
    datelined.paragraphs[0] = format!("EASTBRIDGE, May 13, 2031 — {}", QUARRY[0]);
    // A date in the body names some other event: the article stays undated.
    let mut undated = article("u1", "Evening Star", "", "New ferry timetable", FERRY);
    undated.source = None;
    undated.paragraphs[0] = format!("{} The old timetable dated from May 2, 2029.", FERRY[0]);
    p.ingest(
        &mut store,
        "b1",
        "2031-05-16T10:00:00Z",
        &[datelined, undated],
    )
    .expect("ingest");
    let row = |id: &str| {
        store
            .article(id)
            .expect("read")
            .expect("stored")
            .row
            .published
    };
    assert_eq!(row("d1").as_deref(), Some("2031-05-13"));
    assert_eq!(row("u1"), None);
    let list: Vec<(Option<String>, u32)> = store
        .stories(StoryOrder::Fresh, 10, 0)
        .expect("list")
        .into_iter()
        .map(|s| (s.first_published, s.sources))
        .collect();
    // The dated story ranks first; an article with no outlet named counts
    // as a source of its own.
    assert_eq!(list, [(Some("2031-05-13".to_owned()), 1), (None, 1)]);
}

/// Cleaning a batch reads the articles stored last as evidence: a stock
/// sentence (a newsletter prompt run into the text) that each batch holds
/// once is recognised once three unrelated articles have carried it, and
/// from then on in every batch; what is stored is never cleaned again.
#[test]
fn cleaning_a_small_batch_reads_the_stored_articles_as_evidence() {
    use storyline_core::{CleanConfig, Location, RawArticle};
    let stock = "Sign up for the Morning Ledger, our free newsletter, delivered weekday mornings.";
    let bodies = [
        "The harbour authority of Tressel closed the northern quay on Tuesday after divers found cracks in three concrete pillars. Engineers expect repairs to take until autumn. {stock} Ferries will dock at the southern terminal meanwhile, and fishermen complained that the detour adds an hour to every crossing. The quay was built in 1962 and last renovated two decades ago. Shipping companies asked for compensation for the extra fuel.",
        "Veranto's orchestra named Imani Duarte its principal conductor, ending a search that lasted two seasons. Duarte trained in Lisbon and Vienna. {stock} Musicians welcomed the appointment and praised her rehearsal manners. Her first programme pairs Sibelius with new commissions from young composers. The previous conductor retired after nineteen years with the ensemble.",
        "Farmers across the Dorsa valley began harvesting wheat a fortnight early because of the drought, cooperatives reported. Yields are down by a third. {stock} Millers warned that bread could cost more by winter. Irrigation reservoirs stand at their lowest level since records began, and the agriculture ministry promised emergency loans for smaller holdings.",
        "A striker from Kallan United signed a contract extension through 2029, the club announced after weeks of speculation. Supporters cheered outside. {stock} He scored twenty-one league goals last season. The chairman called the deal a statement of intent for the championship, and ticket sales for the opening match rose sharply.",
    ];
    let (_dir, mut store, mut p) = empty();
    for (i, body) in bodies.iter().enumerate() {
        let raw = RawArticle {
            id: ArticleId::from(format!("n{i}").as_str()),
            origin: Location::file(format!("n{i}.txt")),
            url: None,
            source: Some(format!("Outlet {i}")),
            published: Timestamp::parse(&format!("2031-05-1{i}")),
            title: None,
            text: body.replace("{stock}", stock),
            meta: Default::default(),
        };
        p.ingest_raw(
            &mut store,
            &format!("b{i}"),
            "2031-05-16T10:00:00Z",
            &[raw],
            &CleanConfig::default(),
        )
        .expect("ingest");
    }
    let cut: Vec<bool> = (0..bodies.len())
        .map(|i| {
            let a = store
                .article(&format!("n{i}"))
                .expect("read")
                .expect("stored")
                .article;
            let removed = a
                .removed
                .iter()
                .any(|r| r.reason == RemovalReason::StockPassage && r.text == stock);
            assert_eq!(removed, !a.text().contains("Morning Ledger"));
            removed
        })
        .collect();
    assert_eq!(cut, [false, false, true, true]);
}
