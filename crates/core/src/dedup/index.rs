//! The dedup index: everything already seen, kept as plain data, so that a
//! new batch is checked against it without rescanning old articles.
//!
//! Adding an article shingles it once, finds candidates through LSH bands
//! (near copies) and winnowed anchors (partial copies), verifies every
//! candidate on the exact shingle sets, and records the links. Groups are the
//! connected components of the strong links; [`DedupIndex::syndication`]
//! names their canonical members and each member's relation.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use super::DedupConfig;
use super::containment::{Overlap, ParagraphRule, anchors, overlap};
use super::lsh::{Bands, Postings, heap_bytes};
use super::minhash::MinHasher;
use super::shingle::{Shingler, Shingles};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Article, ArticleId, Timestamp};

/// One indexed article: what dedup keeps of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The article's id.
    pub id: ArticleId,
    /// When it was published, for choosing the canonical member.
    pub published: Option<Timestamp>,
    /// The outlet, when known.
    pub source: Option<String>,
    /// Agencies the article credits (canonical short names, sorted, distinct).
    pub agencies: Vec<String>,
    /// Its shingles.
    pub shingles: Shingles,
    /// How many winnowed anchors it has, so the shared-anchor bar can be
    /// the same whichever of two articles was indexed first.
    pub anchors: u32,
}

/// How strongly two articles are linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// They share their reporting: same syndication group.
    Copy,
    /// They share at least one paragraph but not enough to be copies; kept
    /// for [`crate::dedup::independent_sources`].
    Passage,
}

/// A verified link between two indexed articles (`first < second`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Index of the first article in [`DedupIndex::entries`].
    pub first: u32,
    /// Index of the second article.
    pub second: u32,
    /// How they overlap (first seen from `first`).
    pub overlap: Overlap,
    /// Whether it makes them one group.
    pub strength: Strength,
}

/// An incremental index of articles for duplicate and syndication detection.
///
/// Deterministic (fixed seeds), independent of the order of articles within a
/// batch (a batch is processed in id order), and idempotent (an id already
/// indexed is skipped). It is plain data and serialises with serde.
///
/// ```
/// use storyline_core::dedup::{DedupConfig, DedupIndex};
/// # use storyline_core::{Article, ArticleId};
/// # fn article(id: &str, text: &str) -> Article {
/// #     Article { id: ArticleId::from(id), url: None, source: None, published: None,
/// #         title: None, byline: None, dateline: None, credits: vec![],
/// #         paragraphs: vec![text.to_owned()], removed: vec![], meta: Default::default() }
/// # }
/// let mut index = DedupIndex::new(DedupConfig::default());
/// let text = "The harbour board approved a new ferry timetable on Friday after a month of complaints from commuters on the island route.";
/// index.add(&[article("a", text)]);
/// index.add(&[article("b", &format!("{text} Advertisement"))]);
/// let groups = index.syndication();
/// assert_eq!(groups.groups.len(), 1);
/// assert_eq!(groups.groups[0].members.len(), 2);
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DedupIndex {
    config: DedupConfig,
    hasher: MinHasher,
    entries: Vec<Entry>,
    ids: HashMap<ArticleId, u32>,
    bands: Bands,
    /// Anchor hash to the articles that have it (Fx-hashed: the keys are
    /// already hashes).
    anchors: FxHashMap<u32, Postings>,
    links: Vec<Link>,
}

/// What is computed for an article before it is indexed.
struct Prepared {
    entry: Entry,
    signature: Vec<u32>,
    anchors: Vec<u32>,
}

impl DedupIndex {
    /// An empty index.
    pub fn new(config: DedupConfig) -> DedupIndex {
        let hasher = MinHasher::new(config.bands * config.rows, config.seed);
        let bands = Bands::new(config.bands, config.rows);
        DedupIndex {
            config,
            hasher,
            entries: Vec::new(),
            ids: HashMap::new(),
            bands,
            anchors: FxHashMap::default(),
            links: Vec::new(),
        }
    }

    /// The settings the index was built with.
    pub fn config(&self) -> &DedupConfig {
        &self.config
    }

    /// Every indexed article, in the order it was indexed.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every verified link.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// The position of an article in [`DedupIndex::entries`].
    pub fn position(&self, id: &ArticleId) -> Option<usize> {
        self.ids.get(id).map(|&i| i as usize)
    }

    fn prepare(&self, article: &Article, shingler: &mut Shingler) -> Prepared {
        let shingles = shingler.shingle(
            article.paragraphs.iter().map(String::as_str),
            self.config.shingle_words,
        );
        let signature = self.hasher.signature(&shingles.set);
        let mut anchor_list = Vec::new();
        anchors(
            shingler.sequence(),
            self.config.anchor_window,
            &mut anchor_list,
        );
        let mut agencies: Vec<String> = article
            .credits
            .iter()
            .map(|c| c.agency.to_lowercase())
            .collect();
        agencies.sort();
        agencies.dedup();
        Prepared {
            entry: Entry {
                id: article.id.clone(),
                published: article.published,
                source: article.source.clone(),
                agencies,
                shingles,
                anchors: anchor_list.len() as u32,
            },
            signature,
            anchors: anchor_list,
        }
    }

    /// Adds a batch of articles, linking each to everything already indexed
    /// and to the rest of the batch. Articles whose id is already indexed
    /// are skipped (so adding a batch twice changes nothing) with a note.
    pub fn add(&mut self, articles: &[Article]) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        // Preparing an article (shingles, signature, anchors) reads nothing
        // but the article, so the batch is prepared in parallel; the index
        // is then built in one deterministic order below.
        use rayon::prelude::*;
        let mut batch: Vec<Prepared> = articles
            .par_iter()
            .map_init(Shingler::default, |shingler, a| self.prepare(a, shingler))
            .collect();
        // Id order (then content) makes the result independent of the order
        // the batch came in, even where posting caps apply.
        batch.sort_by(|a, b| {
            (&a.entry.id, a.entry.shingles.exact, a.entry.shingles.words).cmp(&(
                &b.entry.id,
                b.entry.shingles.exact,
                b.entry.shingles.words,
            ))
        });
        let mut candidates = Vec::new();
        for p in batch {
            if self.ids.contains_key(&p.entry.id) {
                diagnostics.push(Diagnostic::note(
                    Location::default().with_article(p.entry.id.as_str()),
                    "article id already indexed for dedup; the later copy was ignored",
                ));
                continue;
            }
            self.insert(p, &mut candidates);
        }
        diagnostics
    }

    fn insert(&mut self, p: Prepared, candidates: &mut Vec<u32>) {
        let doc = self.entries.len() as u32;
        let indexable = p.entry.shingles.words > 0;
        if indexable {
            candidates.clear();
            self.bands.candidates(&p.signature, candidates);
            self.anchor_candidates(&p.anchors, candidates);
            candidates.sort_unstable();
            candidates.dedup();
            let rule = self.paragraph_rule();
            for &other in candidates.iter() {
                let e = &self.entries[other as usize];
                let o = overlap(&e.shingles, &p.entry.shingles, rule);
                if let Some(strength) = self.decide(&o, e, &p.entry) {
                    self.links.push(Link {
                        first: other,
                        second: doc,
                        overlap: o,
                        strength,
                    });
                }
            }
            self.bands.insert(doc, &p.signature);
            for &a in &p.anchors {
                self.anchors.entry(a).or_default().push(doc);
            }
        }
        self.ids.insert(p.entry.id.clone(), doc);
        self.entries.push(p.entry);
    }

    /// Pushes articles sharing at least `min_shared_anchors` anchors (or all
    /// the anchors of the shorter of the two) onto `out`. Anchors on more
    /// than `max_anchor_postings` articles are stock phrases and are skipped.
    fn anchor_candidates(&self, anchors: &[u32], out: &mut Vec<u32>) {
        let mut hits: Vec<u32> = Vec::new();
        for a in anchors {
            if let Some(docs) = self.anchors.get(a)
                && docs.len() <= self.config.max_anchor_postings
            {
                hits.extend_from_slice(docs);
            }
        }
        // The bar depends on both articles' anchor counts, never on which
        // was indexed first, so batch splits do not change the candidates.
        let mine = anchors.len();
        hits.sort_unstable();
        for run in hits.chunk_by(|a, b| a == b) {
            let theirs = self.entries[run[0] as usize].anchors as usize;
            let need = self.config.min_shared_anchors.min(mine).min(theirs).max(1);
            if run.len() >= need {
                out.push(run[0]);
            }
        }
    }

    fn paragraph_rule(&self) -> ParagraphRule {
        ParagraphRule {
            min_shingles: self.config.paragraph_min_shingles,
            min_containment: self.config.paragraph_containment,
        }
    }

    /// Whether an overlap makes two articles copies, sharers of a passage,
    /// or neither. Wire credits lower the bar but never link on their own.
    fn decide(&self, o: &Overlap, a: &Entry, b: &Entry) -> Option<Strength> {
        let c = &self.config;
        let enough = o.shared as usize >= c.min_shared_shingles;
        let common_credit = a.agencies.iter().any(|x| b.agencies.contains(x));
        let contain = if common_credit {
            c.containment_with_credit
        } else {
            c.containment
        };
        if o.exact || o.jaccard >= c.near_jaccard || (enough && o.of_smaller() >= contain) {
            Some(Strength::Copy)
        } else if o.paragraphs_shared() > 0 {
            Some(Strength::Passage)
        } else {
            None
        }
    }

    /// Approximate heap bytes the index holds, for the benchmark's memory
    /// per article figure.
    pub fn memory_bytes(&self) -> usize {
        let mut n = 0;
        for e in &self.entries {
            let s = &e.shingles;
            n += std::mem::size_of::<Entry>()
                + 4 * (s.set.capacity() + s.by_paragraph.capacity() + s.paragraph_ends.capacity())
                + e.id.0.capacity()
                + e.source.as_ref().map_or(0, String::capacity)
                + e.agencies.iter().map(String::capacity).sum::<usize>();
        }
        // Hash maps: key + value + one control byte per slot, at ~7/8 load.
        let slot = |k: usize, v: usize| (k + v + 1) * 8 / 7;
        let postings = std::mem::size_of::<Postings>();
        n += self.bands.buckets() * slot(8, postings) + self.bands.heap_bytes();
        n += self.anchors.len() * slot(4, postings)
            + self.anchors.values().map(heap_bytes).sum::<usize>();
        n += self.ids.len() * slot(24, 4) + self.links.capacity() * std::mem::size_of::<Link>();
        n
    }

    /// The union-find roots of the copy links: component label per entry.
    pub(crate) fn components(&self) -> Vec<u32> {
        let mut parent: Vec<u32> = (0..self.entries.len() as u32).collect();
        fn find(parent: &mut [u32], mut x: u32) -> u32 {
            while parent[x as usize] != x {
                parent[x as usize] = parent[parent[x as usize] as usize];
                x = parent[x as usize];
            }
            x
        }
        for l in self.links.iter().filter(|l| l.strength == Strength::Copy) {
            let (a, b) = (find(&mut parent, l.first), find(&mut parent, l.second));
            if a != b {
                parent[a.max(b) as usize] = a.min(b);
            }
        }
        (0..self.entries.len() as u32)
            .map(|x| find(&mut parent, x))
            .collect()
    }
}
