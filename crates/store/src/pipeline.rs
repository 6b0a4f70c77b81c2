//! The ingest pipeline over the store: each batch of cleaned articles is
//! deduplicated against everything stored, extracted, assigned to stories,
//! matched against watchlists and committed in one transaction.
//!
//! Only articles whose id is not stored yet are processed, so re-running an
//! ingest is idempotent and an interrupted one resumes where it stopped.
//! The dedup index is kept in memory between batches and rebuilt on open
//! from the stored articles, batch by batch as they were first indexed,
//! which reproduces it exactly (the index is deterministic per batch). It
//! is not persisted: its serde form holds every shingle set and measured
//! about 65 KB per article as JSON, ten times the article itself, while
//! rebuilding costs only shingling (no cleaning, extraction or writes).
//!
//! The online clusterer cannot be rebuilt that way cheaply, so its state is
//! saved, but not with every batch: it grows with the stories it keeps
//! (about 5 KB per article on multi-news), and writing all of it per batch
//! made ingest quadratic in the store's size. Each batch instead logs how
//! it pushed every article (`cluster_log`: order, canonical story, result)
//! and saves the state only once the articles pushed since the last save
//! reach a third of all pushed ([`CHECKPOINT_SHARE`]), so the bytes written
//! stay proportional to the store. Opening the pipeline loads the saved
//! state and replays the log after it, checking that every replayed push
//! lands where the log says.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};
use storyline_core::brief::{BriefConfig, brief};
use storyline_core::cluster::{ClusterConfig, Clusterer, StoryId};
use storyline_core::dedup::{DedupConfig, DedupIndex, Syndication};
use storyline_core::extract::{DateSource, ExtractConfig, extract};
use storyline_core::{
    Article, ArticleId, CleanConfig, RawArticle, Timestamp, clean_batch_among, context_of,
};
use xxhash_rust::xxh3::xxh3_128;

use crate::facts::facts;
use crate::{Error, Store, story, watchlist};

/// Settings of the pipeline, with documented defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PipelineConfig {
    /// Dedup settings (the dedup stage's defaults).
    pub dedup: DedupConfig,
    /// Extraction settings (the extract stage's defaults).
    pub extract: ExtractConfig,
    /// Clustering settings (the cluster stage's defaults).
    pub cluster: ClusterConfig,
    /// Brief settings (the brief stage's defaults).
    pub brief: BriefConfig,
}

/// Members a brief is made from at most (the earliest): enough for a
/// summary of the story's reporting, and bounded so that a batch touching
/// a story of thousands of articles does not re-brief all of them (each
/// batch re-briefs every story it touched; measured with 400 the crash
/// test's 3,000-article ingest ran for minutes).
const BRIEF_MEMBERS: i64 = 60;

/// Stored articles (the latest) that cleaning a new batch reads as
/// evidence for its batch rules (source templates, stock passages): a
/// day's worth of a busy feed list, read back in a few milliseconds.
const CLEAN_CONTEXT: usize = 1000;

/// The state row the clusterer is saved under.
const CLUSTER_STATE: &str = "clusterer";

/// The clusterer's state is saved when the articles pushed since the last
/// save are at least 1/`CHECKPOINT_SHARE` of all pushed: saves then come at
/// sizes growing by half each time (about three times the final state
/// written in all), and opening replays at most a third of the stream.
const CHECKPOINT_SHARE: usize = 3;

/// What one batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchReport {
    /// The batch id, when anything was new.
    pub batch: Option<i64>,
    /// Articles stored.
    pub added: usize,
    /// Articles skipped because their id was stored already (or repeated in
    /// the batch).
    pub already_stored: usize,
    /// Syndication groups that gained a member.
    pub groups_touched: usize,
    /// Stories that gained a member.
    pub stories_touched: usize,
    /// Watchlist matches recorded.
    pub watch_hits: usize,
}

/// The ingest pipeline: the in-memory state that continues the stream.
#[derive(Debug)]
pub struct Pipeline {
    config: PipelineConfig,
    dedup: DedupIndex,
    /// The last batch folded into `dedup`.
    dedup_batch: i64,
    /// The online clusterer, as of the last committed batch.
    clusterer: Clusterer,
    /// The last batch pushed into `clusterer`.
    cluster_batch: i64,
    /// Articles pushed into `clusterer` in all, and since its state was
    /// last saved.
    pushed: usize,
    unsaved: usize,
    /// Article id to sequence number, for everything in `dedup`.
    seqs: HashMap<ArticleId, i64>,
    /// A fingerprint of each brief's input (members and their syndication)
    /// as stored in this run, so an unchanged brief is not made again.
    briefed: HashMap<i64, u128>,
    /// Set when a batch failed after touching the in-memory state, which
    /// then no longer matches the store and is rebuilt.
    stale: bool,
}

impl Pipeline {
    /// Loads the pipeline's state from the store: re-indexes every stored
    /// batch for dedup, loads the clusterer's saved state and replays the
    /// batches logged after it.
    pub fn open(store: &mut Store, config: PipelineConfig) -> Result<Pipeline, Error> {
        let (clusterer, cluster_batch) = match store.state(CLUSTER_STATE)? {
            None => (Clusterer::new(&config.cluster), 0),
            // Starting over would reuse story ids of the stored stories, so
            // a state this build cannot read is an error, not a reset.
            Some((batch, json)) => (
                serde_json::from_str(&json).map_err(|e| {
                    Error::Invalid(format!(
                        "the clusterer state saved with batch {batch} cannot be read by this build ({e}); ingest into a new store"
                    ))
                })?,
                batch,
            ),
        };
        // Every stored article was pushed; those after the saved state are
        // pushed again by the replay and counted as unsaved there.
        let pushed = store.article_count()?;
        let mut p = Pipeline {
            dedup: DedupIndex::new(config.dedup.clone()),
            clusterer,
            cluster_batch,
            pushed: pushed as usize,
            unsaved: 0,
            config,
            dedup_batch: 0,
            seqs: HashMap::new(),
            briefed: HashMap::new(),
            stale: false,
        };
        p.catch_up(&store.conn)?;
        Ok(p)
    }

    /// Brings the in-memory state up to the last committed batch (written
    /// by an earlier run, or by another process writing the same store):
    /// indexes each batch for dedup and replays its clusterer log.
    fn catch_up(&mut self, conn: &Connection) -> Result<(), Error> {
        let max: Option<i64> = conn.query_row("SELECT max(id) FROM batches", [], |r| r.get(0))?;
        let mut stmt =
            conn.prepare_cached("SELECT seq, article FROM articles WHERE batch = ?1 ORDER BY seq")?;
        let mut log = conn.prepare_cached(
            "SELECT article, canonical, story FROM cluster_log WHERE batch = ?1 ORDER BY position",
        )?;
        for batch in self.dedup_batch.min(self.cluster_batch) + 1..=max.unwrap_or(0) {
            let rows = stmt.query_map([batch], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?;
            let mut articles = Vec::new();
            let mut by_seq = HashMap::new();
            for row in rows {
                let (seq, json) = row?;
                let article: Article = serde_json::from_str(&json)?;
                self.seqs.insert(article.id.clone(), seq);
                by_seq.insert(seq, articles.len());
                articles.push(article);
            }
            if batch > self.dedup_batch {
                self.dedup.add(&articles);
                self.dedup_batch = batch;
            }
            if batch > self.cluster_batch {
                let profiles = self.clusterer.read_batch(&articles);
                let pushes = log.query_map([batch], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        r.get::<_, i64>(2)?,
                    ))
                })?;
                for push in pushes {
                    let (seq, canonical, story) = push?;
                    let i = by_seq.get(&seq).copied().ok_or_else(|| {
                        Error::Invalid(format!(
                            "the clusterer log of batch {batch} names article {seq}, which that batch does not hold; ingest into a new store"
                        ))
                    })?;
                    let got = self
                        .clusterer
                        .push_profile(&profiles[i], canonical.map(|c| StoryId(c as u64)));
                    if got.0 as i64 != story {
                        return Err(Error::Invalid(format!(
                            "replaying the clusterer log of batch {batch} put article {} in story {} where the store has {story}; the saved state does not match the log (was the store written by another build?); ingest into a new store",
                            articles[i].id, got.0
                        )));
                    }
                    self.unsaved += 1;
                }
                // The merges were applied to the store when first made.
                self.clusterer.take_merges();
                self.cluster_batch = batch;
            }
        }
        Ok(())
    }

    /// Saves the clusterer's state now (the next open replays nothing), in
    /// its own transaction. Long-running callers need not call it: ingest
    /// saves the state often enough on its own; a command that ingests and
    /// exits calls it once at the end.
    pub fn save(&mut self, store: &mut Store) -> Result<(), Error> {
        if self.stale {
            *self = Pipeline::open(store, self.config.clone())?;
        }
        if self.unsaved == 0 {
            return Ok(());
        }
        let tx = store
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        self.catch_up(&tx)?;
        self.save_clusterer(&tx)?;
        tx.commit()?;
        Ok(())
    }

    fn save_clusterer(&mut self, conn: &Connection) -> Result<(), Error> {
        conn.execute(
            "INSERT INTO state (name, batch, value) VALUES (?1, ?2, ?3) \
             ON CONFLICT (name) DO UPDATE SET batch = excluded.batch, value = excluded.value",
            params![
                CLUSTER_STATE,
                self.cluster_batch,
                serde_json::to_string(&self.clusterer)?
            ],
        )?;
        self.unsaved = 0;
        Ok(())
    }

    /// Stores one batch of cleaned articles. `label` says where they came
    /// from; `received` (RFC 3339) is when, as the caller's clock says (the
    /// pipeline never reads the clock). Articles already stored are skipped.
    pub fn ingest(
        &mut self,
        store: &mut Store,
        label: &str,
        received: &str,
        articles: &[Article],
    ) -> Result<BatchReport, Error> {
        if self.stale {
            *self = Pipeline::open(store, self.config.clone())?;
        }
        let result = self.ingest_batch(store, label, received, articles);
        if result.is_err() {
            self.stale = true;
        }
        result
    }

    /// Cleans and stores raw articles: those whose id is stored already are
    /// dropped before cleaning (so they cost a lookup, not a clean), the
    /// rest are cleaned together and ingested as one batch. Cleaning learns
    /// each source's template lines and the stock passages from the batch
    /// and the 1,000 articles stored last, so that a batch of a few
    /// articles is cleaned as a large one would be; stored articles are
    /// never cleaned again.
    pub fn ingest_raw(
        &mut self,
        store: &mut Store,
        label: &str,
        received: &str,
        raws: &[RawArticle],
        clean: &CleanConfig,
    ) -> Result<BatchReport, Error> {
        let known = store.known_ids(raws.iter().map(|r| r.id.as_str()))?;
        let fresh: Vec<RawArticle> = raws
            .iter()
            .filter(|r| !known.contains(r.id.as_str()))
            .cloned()
            .collect();
        let context: Vec<RawArticle> = if fresh.is_empty() {
            Vec::new()
        } else {
            store
                .recent_articles(CLEAN_CONTEXT)?
                .iter()
                .map(context_of)
                .collect()
        };
        let articles: Vec<Article> = clean_batch_among(&fresh, &context, clean)
            .into_iter()
            .map(|c| c.article)
            .collect();
        let mut report = self.ingest(store, label, received, &articles)?;
        report.already_stored += raws.len() - fresh.len();
        Ok(report)
    }

    fn ingest_batch(
        &mut self,
        store: &mut Store,
        label: &str,
        received: &str,
        articles: &[Article],
    ) -> Result<BatchReport, Error> {
        let tx = store
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        self.catch_up(&tx)?;
        let mut report = BatchReport::default();
        let mut seen = HashSet::new();
        let mut fresh: Vec<&Article> = Vec::new();
        {
            let mut exists = tx.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
            for a in articles {
                if seen.insert(&a.id) && !exists.exists([a.id.as_str()])? {
                    fresh.push(a);
                } else {
                    report.already_stored += 1;
                }
            }
        }
        if fresh.is_empty() {
            tx.commit()?;
            return Ok(report);
        }
        tx.execute(
            "INSERT INTO batches (label, received) VALUES (?1, ?2)",
            params![label, received],
        )?;
        let batch = tx.last_insert_rowid();
        report.batch = Some(batch);
        let mut stored = Vec::with_capacity(fresh.len());
        for a in &fresh {
            let seq = insert_article(&tx, a, batch, &self.config.extract)?;
            self.seqs.insert(a.id.clone(), seq);
            stored.push((seq, *a));
        }
        report.added = stored.len();
        let owned: Vec<Article> = fresh.iter().map(|a| (*a).clone()).collect();
        self.dedup.add(&owned);
        self.dedup_batch = batch;
        // Only the batch's groups can have changed (see `write_syndication`).
        let syndication = self.dedup.syndication_of(fresh.iter().map(|a| &a.id));
        report.groups_touched = self.write_syndication(&tx, &syndication, &fresh)?;
        let touched = self.assign_stories(&tx, batch, &stored, &owned, &syndication)?;
        report.stories_touched = touched.len();
        self.write_briefs(&tx, &touched, batch)?;
        report.watch_hits = watchlist::match_batch(&tx, batch)?;
        tx.commit()?;
        Ok(report)
    }

    /// Writes the groups that gained a member in this batch (only those can
    /// have changed: links are never removed, so a group only grows and its
    /// canonical member changes only when it does).
    fn write_syndication(
        &self,
        conn: &Connection,
        syndication: &Syndication,
        fresh: &[&Article],
    ) -> Result<usize, Error> {
        let mut groups: Vec<usize> = fresh
            .iter()
            .filter_map(|a| syndication.group_of.get(&a.id).copied())
            .filter(|&g| syndication.groups[g].members.len() > 1)
            .collect();
        groups.sort_unstable();
        groups.dedup();
        let mut upsert = conn.prepare_cached(
            "INSERT INTO syndication (article, canonical, relation, similarity) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (article) DO UPDATE SET canonical = excluded.canonical, \
             relation = excluded.relation, similarity = excluded.similarity",
        )?;
        for &g in &groups {
            let group = &syndication.groups[g];
            let canonical = self.seq(&group.canonical)?;
            for m in &group.members {
                upsert.execute(params![
                    self.seq(&m.id)?,
                    canonical,
                    m.relation.as_str(),
                    f64::from(m.similarity)
                ])?;
            }
        }
        Ok(groups.len())
    }

    fn seq(&self, id: &ArticleId) -> Result<i64, Error> {
        self.seqs
            .get(id)
            .copied()
            .ok_or_else(|| Error::NotFound(format!("article {id} in the dedup index")))
    }

    /// Assigns the batch's articles to stories with the online clusterer:
    /// a syndicated copy joins the story of the first stored member of its
    /// group; merges the clusterer reports move the absorbed story's
    /// members. Every push is logged in the same transaction, and the
    /// clusterer's state saved when a checkpoint is due, so the next batch
    /// (or the next run) continues exactly here. Returns the stories
    /// touched.
    fn assign_stories(
        &mut self,
        conn: &Connection,
        batch: i64,
        stored: &[(i64, &Article)],
        owned: &[Article],
        syndication: &Syndication,
    ) -> Result<Vec<i64>, Error> {
        // Read and ordered as the one-shot `cluster` reads and orders a
        // batch; a replay (`catch_up`) reads the batch the same way.
        let profiles = self.clusterer.read_batch(owned);
        let order = self.clusterer.batch_order(owned, &profiles);
        let mut story_of: HashMap<i64, i64> = HashMap::new();
        let mut members: std::collections::BTreeMap<i64, Vec<i64>> =
            std::collections::BTreeMap::new();
        let mut lookup =
            conn.prepare_cached("SELECT story FROM story_members WHERE article = ?1")?;
        let mut log = conn.prepare_cached(
            "INSERT INTO cluster_log (article, batch, position, canonical, story) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (position, &i) in order.iter().enumerate() {
            let (seq, article) = stored[i];
            let mut canonical = None;
            if let Some(group) = syndication.group(&article.id) {
                for m in &group.members {
                    if m.id == article.id {
                        continue;
                    }
                    let Some(&other) = self.seqs.get(&m.id) else {
                        continue;
                    };
                    let story = match story_of.get(&other) {
                        Some(&s) => Some(s),
                        None => lookup
                            .query_row([other], |r| r.get::<_, i64>(0))
                            .optional()?,
                    };
                    if let Some(story) = story {
                        canonical = Some(StoryId(story as u64));
                        break;
                    }
                }
            }
            let id = self.clusterer.push_profile(&profiles[i], canonical).0 as i64;
            log.execute(params![
                seq,
                batch,
                position as i64,
                canonical.map(|c| c.0 as i64),
                id
            ])?;
            story_of.insert(seq, id);
            members.entry(id).or_default().push(seq);
        }
        let mut touched: Vec<i64> = members.keys().copied().collect();
        for (story, seqs) in &members {
            story::add_members(conn, *story, seqs, batch)?;
        }
        for m in self.clusterer.take_merges() {
            story::merge(conn, m.from.0 as i64, m.into.0 as i64, batch)?;
            touched.push(m.into.0 as i64);
        }
        self.cluster_batch = batch;
        self.pushed += order.len();
        self.unsaved += order.len();
        if self.unsaved * CHECKPOINT_SHARE >= self.pushed {
            self.save_clusterer(conn)?;
        }
        touched.sort_unstable();
        touched.dedup();
        Ok(touched)
    }

    /// Briefs the stories a batch touched from their stored members (at
    /// most [`BRIEF_MEMBERS`] each) and stores the briefs. Each brief sees
    /// the syndication of its own members only (see [`PassageIndex`]),
    /// taken from the index once for all of them.
    fn write_briefs(
        &mut self,
        conn: &Connection,
        stories: &[i64],
        batch: i64,
    ) -> Result<(), Error> {
        let mut stmt = conn.prepare_cached(
            "SELECT a.article FROM story_members m JOIN articles a ON a.seq = m.article \
             WHERE m.story = ?1 ORDER BY a.published_unix IS NULL, a.published_unix, a.seq LIMIT ?2",
        )?;
        let mut members: Vec<(i64, Vec<Article>)> = Vec::with_capacity(stories.len());
        for &story in stories {
            let mut articles: Vec<Article> = Vec::new();
            for json in stmt.query_map(params![story, BRIEF_MEMBERS], |r| r.get::<_, String>(0))? {
                articles.push(serde_json::from_str(&json?)?);
            }
            if !articles.is_empty() {
                members.push((story, articles));
            }
        }
        let syndication = self
            .dedup
            .syndication_of(members.iter().flat_map(|(_, m)| m.iter().map(|a| &a.id)));
        let passages = PassageIndex::new(&syndication);
        for (story, articles) in &members {
            let refs: Vec<&Article> = articles.iter().collect();
            let local = passages.restrict(&syndication, &refs);
            // A brief is a pure function of its members and their
            // syndication: when neither changed (a large story whose
            // earliest members are all briefed already), the stored brief
            // stands.
            // (`group_of` is a hash map, serialised in no fixed order, and
            // follows from `groups`.)
            let mut input = serde_json::to_vec(&(&local.groups, &local.shared_passages))?;
            for a in &refs {
                input.extend_from_slice(a.id.as_str().as_bytes());
                input.push(0);
            }
            let fingerprint = xxh3_128(&input);
            if self.briefed.get(story) == Some(&fingerprint) {
                continue;
            }
            let b = brief(&refs, &local, &self.config.brief);
            story::put_brief(conn, *story, batch, &serde_json::to_value(&b)?)?;
            self.briefed.insert(*story, fingerprint);
        }
        Ok(())
    }
}

/// The shared passages of a syndication by article, so that a story's
/// brief can be given only the pairs among its own members.
///
/// Corroboration counts independent sources many times per brief (every
/// claim, sentence and timeline entry), and each count scans the
/// syndication's `shared_passages`. Across many stories those grow with
/// the square of the articles that reuse stock paragraphs, so briefing with
/// the store-wide syndication made each batch cost more than the last
/// (1,500 synthetic articles: 18 s, against 1 s for 500). A count only
/// looks at pairs with both articles among those it counts, and those are
/// always the brief's members, so the restriction changes no figure.
pub(crate) struct PassageIndex<'a> {
    /// Article id to positions in `shared_passages`.
    of: HashMap<&'a ArticleId, Vec<usize>>,
}

impl<'a> PassageIndex<'a> {
    pub(crate) fn new(syndication: &'a Syndication) -> PassageIndex<'a> {
        let mut of: HashMap<&ArticleId, Vec<usize>> = HashMap::new();
        for (i, (a, b, _)) in syndication.shared_passages.iter().enumerate() {
            of.entry(a).or_default().push(i);
            of.entry(b).or_default().push(i);
        }
        PassageIndex { of }
    }

    /// The syndication as `articles` see it: the groups they belong to
    /// (whole, so relations to canonical members outside the set stay
    /// known) and the shared passages between two of them, in the original
    /// order.
    pub(crate) fn restrict(&self, syndication: &Syndication, articles: &[&Article]) -> Syndication {
        let ids: HashSet<&ArticleId> = articles.iter().map(|a| &a.id).collect();
        let mut local = Syndication::default();
        let mut kept: HashSet<usize> = HashSet::new();
        for a in articles {
            let Some(&g) = syndication.group_of.get(&a.id) else {
                continue;
            };
            if !kept.insert(g) {
                continue;
            }
            let group = &syndication.groups[g];
            for m in &group.members {
                local.group_of.insert(m.id.clone(), local.groups.len());
            }
            local.groups.push(group.clone());
        }
        let mut pairs: Vec<usize> = ids
            .iter()
            .filter_map(|id| self.of.get(id))
            .flatten()
            .copied()
            .filter(|&i| {
                let (a, b, _) = &syndication.shared_passages[i];
                ids.contains(a) && ids.contains(b)
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        local.shared_passages = pairs
            .into_iter()
            .map(|i| syndication.shared_passages[i].clone())
            .collect();
        local
    }
}

/// The day an undated article gives as its own in its dateline or a header
/// line ("VERANTO, March 20, 2026 —"): without it, a pile of plain text
/// reports would list as undated stories, rank below every dated one and
/// leave feeds without times, although the clusterer and the brief read
/// that day. A date printed in the body is not taken (it often names an
/// earlier event), nor one without a year (no story gives it one here).
fn stated_day(x: &storyline_core::extract::Extraction) -> Option<Timestamp> {
    let d = x.date.as_ref()?;
    let value = d.value.filter(|_| !d.year_inferred)?;
    matches!(d.source, DateSource::Dateline | DateSource::Header)
        .then(|| Timestamp::from_date(value.date, value.precision))
}

/// Inserts one article with its removed lines, search entry, extraction and
/// entities. Returns its sequence number.
fn insert_article(
    conn: &Connection,
    a: &Article,
    batch: i64,
    extract_config: &ExtractConfig,
) -> Result<i64, Error> {
    let x = extract(a, extract_config);
    let published = a.published.or_else(|| stated_day(&x));
    let published_unix = published.map(|t| t.time.timestamp());
    let published = published.map(|t| t.written());
    conn.prepare_cached(
        "INSERT INTO articles (id, batch, source, url, title, published, published_unix, article) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        a.id.as_str(),
        batch,
        a.source,
        a.url,
        a.title,
        published,
        published_unix,
        serde_json::to_string(a)?
    ])?;
    let seq = conn.last_insert_rowid();
    let mut removed = conn.prepare_cached(
        "INSERT INTO removed_lines (article, line, reason, text) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for r in &a.removed {
        let reason = serde_json::to_value(r.reason)?;
        removed.execute(params![
            seq,
            r.line as i64,
            reason.as_str().unwrap_or("other"),
            r.text
        ])?;
    }
    conn.prepare_cached("INSERT INTO article_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![
            seq,
            a.title.as_deref().unwrap_or(""),
            a.paragraphs.join("\n\n")
        ])?;
    let mut entity = conn.prepare_cached(
        "INSERT INTO article_entities (article, entity, kind, mentions) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (article, entity) DO UPDATE SET mentions = mentions + excluded.mentions",
    )?;
    for e in &x.entities {
        let kind = serde_json::to_value(e.kind)?;
        entity.execute(params![
            seq,
            e.canonical,
            kind.as_str().unwrap_or("other"),
            e.mentions as i64
        ])?;
    }
    conn.prepare_cached("INSERT INTO facts (article, facts) VALUES (?1, ?2)")?
        .execute(params![seq, serde_json::to_string(&facts(a, &x))?])?;
    Ok(seq)
}
