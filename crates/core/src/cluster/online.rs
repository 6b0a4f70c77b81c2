//! The online clusterer: articles arrive one at a time and each joins the
//! live story it fits best, or starts a new one; an article that fits two
//! live stories well enough merges them.
//!
//! The working set is bounded twice: a story whose latest dated article is
//! more than `window_days` behind the stream's clock leaves it, and when
//! more than `max_stories` are live the least recently joined leaves. So
//! memory depends on the configuration, not on the length of the stream.
//! A story that has left is never joined again: a report weeks later of
//! the same people in the same place is treated as a new story.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::features::{Features, Query, features};
use chrono::Datelike;

use super::profile::{Day, Profile, date_of};

/// Whether the article, dated `day`, names a year of the story's time
/// `lo..=hi` other than its own ("the 2010 shooting" in a report of 2012):
/// a reference back to the story. Its own year says nothing: a second
/// visit in the same year prints it too.
fn names_earlier_year(p: &Profile, day: Day, lo: Day, hi: Day) -> bool {
    let year = |d: Day| date_of(d).map(|d| d.year());
    let (Some(own), Some(first), Some(last)) = (year(day), year(lo), year(hi)) else {
        return false;
    };
    p.years
        .iter()
        .any(|&y| y != own && (first..=last).contains(&y))
}

/// Days between two spans of days (`(first, last)`); 0 or less when they
/// overlap.
fn days_between(a: (Day, Day), b: (Day, Day)) -> Day {
    (b.0 - a.1).max(a.0 - b.1)
}

/// Whether one of `days` (sorted) falls within a day of `lo..=hi`.
fn points_back(days: &[Day], lo: Day, hi: Day) -> bool {
    let k = days.partition_point(|&d| d < lo - 1);
    days.get(k).is_some_and(|&d| d <= hi + 1)
}
use super::story::{Bounds, Cache, LiveStory};
use super::vector::{Term, Vocabulary};
use super::{ClusterConfig, Merge, StoryId};
use crate::model::Article;

/// The online clustering state. Serde-serialisable, so a store can persist
/// it and continue the stream later.
///
/// ```
/// use storyline_core::cluster::{ClusterConfig, Clusterer};
/// # use storyline_core::{Article, ArticleId};
/// # fn article(id: &str, text: &str) -> Article {
/// #     Article { id: ArticleId::from(id), url: None, source: None, published: None,
/// #         title: None, byline: None, dateline: None, credits: vec![],
/// #         paragraphs: vec![text.to_string()], removed: vec![], meta: Default::default() }
/// # }
/// let mut c = Clusterer::new(&ClusterConfig::default());
/// let a = c.push(&article("a", "The Lindmark mine at Kessel Deep flooded on Monday, trapping 23 miners."), None);
/// let b = c.push(&article("b", "Rescuers at the Kessel Deep mine in Lindmark reached the 23 trapped miners."), None);
/// let x = c.push(&article("x", "Pellaria's central bank raised its interest rate by half a point."), None);
/// assert_eq!(a, b);
/// assert_ne!(a, x);
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Clusterer {
    cfg: ClusterConfig,
    vocab: Vocabulary,
    slots: Vec<Option<LiveStory>>,
    free: Vec<u32>,
    index: super::index::StoryIndex,
    /// Live story ids, and ids merged into live stories, to their slot.
    by_id: HashMap<StoryId, u32>,
    /// `(touched, slot)` of every live story: the least recent leaves first.
    by_touch: BTreeSet<(u64, u32)>,
    /// `(latest metadata date, slot)` of live stories with such a member.
    by_date: BTreeSet<(Day, u32)>,
    next_id: u64,
    seq: u64,
    clock: Option<Day>,
    merges: Vec<Merge>,
    live: usize,
    /// Whether document frequencies were learned ahead from the whole batch
    /// ([`Clusterer::learn_terms`]), so pushes must not count them again.
    primed: bool,
}

/// A candidate story and how the model scored it.
pub(crate) struct Scored {
    pub(crate) slot: u32,
    pub(crate) id: StoryId,
    pub(crate) features: Features,
    pub(crate) probability: f64,
}

impl Clusterer {
    /// An empty clusterer.
    pub fn new(cfg: &ClusterConfig) -> Clusterer {
        Clusterer {
            cfg: cfg.clone(),
            vocab: Vocabulary::new(cfg.sketch_bits),
            slots: Vec::new(),
            free: Vec::new(),
            index: super::index::StoryIndex::default(),
            by_id: HashMap::new(),
            by_touch: BTreeSet::new(),
            by_date: BTreeSet::new(),
            next_id: 0,
            seq: 0,
            clock: None,
            merges: Vec::new(),
            live: 0,
            primed: false,
        }
    }

    /// Learns document frequencies from articles ahead of pushing them (a
    /// batch knows its whole stream up front). After this, pushes stop
    /// counting terms, so call it once, before the first push.
    pub fn learn_terms<'a>(&mut self, profiles: impl IntoIterator<Item = &'a Profile>) {
        for p in profiles {
            self.vocab.observe(&p.terms);
        }
        self.primed = true;
    }

    /// The document frequencies learned so far.
    pub(crate) fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    /// Reads `article` and places it: into the story `canonical` (the story
    /// of the article's syndication canonical) when given, else into the best-fitting live story, else into a new one. Returns
    /// the story it joined.
    pub fn push(&mut self, article: &Article, canonical: Option<StoryId>) -> StoryId {
        let profile = Profile::read(article, self.clock, &self.cfg.vector);
        self.push_profile(&profile, canonical)
    }

    /// Reads a batch of articles the way [`super::cluster`] reads one:
    /// dates printed without a year against the batch's own dated
    /// articles, else against the stream's clock.
    pub fn read_batch(&self, articles: &[Article]) -> Vec<Profile> {
        super::read_profiles_after(articles, &self.cfg.vector, self.clock)
    }

    /// The order [`super::cluster`] would take a batch in (read by
    /// [`Clusterer::read_batch`]), weighing terms by the document
    /// frequencies of the stream so far and of the batch. Push the batch
    /// in that order with [`Clusterer::push_profile`].
    pub fn batch_order(&self, articles: &[Article], profiles: &[Profile]) -> Vec<usize> {
        let mut vocab = self.vocab.clone();
        if !self.primed {
            for p in profiles {
                vocab.observe(&p.terms);
            }
        }
        super::order::processing_order(articles, profiles, &vocab, self.cfg.order)
    }

    /// [`Clusterer::push`] for an article already read into a [`Profile`].
    pub fn push_profile(&mut self, p: &Profile, canonical: Option<StoryId>) -> StoryId {
        let query = self.begin(p);
        if let Some(c) = canonical {
            // A copy belongs to its canonical's story even when that story
            // has left the working set: it is the same reporting, late.
            return match self.by_id.get(&c).copied() {
                Some(slot) => self.join(slot, &query),
                None => c,
            };
        }
        let scored = self.score(&query);
        let best = scored
            .iter()
            .filter(|s| s.probability >= self.cfg.model.threshold)
            .max_by(|a, b| {
                a.probability
                    .total_cmp(&b.probability)
                    .then(b.id.cmp(&a.id))
            });
        match best {
            Some(best) => {
                let into = best.slot;
                let others: Vec<u32> = scored
                    .iter()
                    .filter(|s| {
                        s.slot != into
                            && s.probability >= self.cfg.model.merge_threshold
                            && !self.apart(into, s.slot)
                    })
                    .map(|s| s.slot)
                    .collect();
                let id = self.join(into, &query);
                for other in others {
                    self.merge(into, other);
                }
                id
            }
            None => self.open(&query),
        }
    }

    /// The merges made since the last call: the stories named `from` are
    /// now part of `into`.
    pub fn take_merges(&mut self) -> Vec<Merge> {
        std::mem::take(&mut self.merges)
    }

    /// Stories in the working set.
    pub fn live_stories(&self) -> usize {
        self.live
    }

    /// Terms listed in the candidate index.
    pub fn indexed_terms(&self) -> usize {
        self.index.terms()
    }

    /// The stream's clock: the latest metadata date of an article seen.
    pub fn clock(&self) -> Option<Day> {
        self.clock
    }

    /// Counts the article's terms, moves the clock and lets expired stories
    /// go; returns the article's query.
    pub(crate) fn begin<'a>(&mut self, p: &'a Profile) -> Query<'a> {
        self.seq += 1;
        if !self.primed {
            self.vocab.observe(&p.terms);
        }
        if let (Some(d), true) = (p.date, p.dated_by_metadata)
            && self.clock.is_none_or(|c| d > c)
        {
            self.clock = Some(d);
            self.expire();
        }
        let vocab = &self.vocab;
        Query::new(p, p.terms.weighted_unit(|t| vocab.idf(t)))
    }

    /// The live stories the index proposes for `q`, scored.
    pub(crate) fn score(&self, q: &Query<'_>) -> Vec<Scored> {
        let top = q.unit.top_terms(self.cfg.query_terms);
        // Stories closed to the article by their silence are passed over
        // before the best candidates are taken: a stream of months keeps
        // old stories of the same people in the index, and they must not
        // take the places of live ones.
        let open = |slot: u32| {
            self.slots[slot as usize]
                .as_ref()
                .is_some_and(|s| !self.fell_silent(q.profile, s))
        };
        self.index
            .candidates(&top, self.cfg.candidates, self.cfg.max_postings, open)
            .into_iter()
            .filter_map(|slot| {
                let s = self.slots[slot as usize].as_ref()?;
                let f = features(q, s, &self.vocab);
                Some(Scored {
                    slot,
                    id: s.id,
                    probability: self.cfg.model.probability(&f),
                    features: f,
                })
            })
            .collect()
    }

    /// Whether `s` is closed to `p` by [`ClusterConfig::silence_days`]:
    /// the article is dated by its metadata, more than that many days lie
    /// between its date and the metadata dates of the story's members, and the article prints no
    /// day of that time (background days that both print, such as the
    /// start of a war, do not count). Only metadata dates delimit the
    /// story: a body date may be an earlier event's.
    fn fell_silent(&self, p: &Profile, s: &LiveStory) -> bool {
        let (Some(day), true, Some(earliest), Some(latest)) =
            (p.date, p.dated_by_metadata, s.earliest, s.latest)
        else {
            return false;
        };
        days_between((day, day), (earliest, latest)) > self.cfg.silence_days
            && !points_back(&p.days, earliest, latest)
            && !names_earlier_year(p, day, earliest, latest)
    }

    /// Whether the stories in slots `a` and `b` lie more than
    /// [`ClusterConfig::silence_days`] apart by their members' metadata
    /// dates: then they are two events, however well an undated article
    /// fits both, and are not merged.
    fn apart(&self, a: u32, b: u32) -> bool {
        let span = |slot: u32| {
            let s = self.slots[slot as usize].as_ref()?;
            Some((s.earliest?, s.latest?))
        };
        match (span(a), span(b)) {
            (Some(a), Some(b)) => days_between(a, b) > self.cfg.silence_days,
            _ => false,
        }
    }

    /// Scores one live story by id (training needs the gold story even when
    /// the index does not propose it).
    pub(crate) fn score_story(&self, q: &Query<'_>, id: StoryId) -> Option<Scored> {
        let slot = *self.by_id.get(&id)?;
        let s = self.slots[slot as usize].as_ref()?;
        let f = features(q, s, &self.vocab);
        Some(Scored {
            slot,
            id: s.id,
            probability: self.cfg.model.probability(&f),
            features: f,
        })
    }

    /// The live story `id` resolves to (itself or the story it merged into).
    pub(crate) fn live_id(&self, id: StoryId) -> Option<StoryId> {
        let slot = *self.by_id.get(&id)?;
        self.slots[slot as usize].as_ref().map(|s| s.id)
    }

    fn bounds(&self) -> Bounds {
        Bounds {
            centroid_terms: self.cfg.centroid_terms,
            member_terms: self.cfg.member_terms,
            member_vectors: self.cfg.member_vectors,
            average_terms: self.cfg.average_terms,
            names: 48,
            days: 32,
        }
    }

    fn list(&mut self, slot: u32) {
        let Some(s) = self.slots[slot as usize].as_mut() else {
            return;
        };
        self.by_touch.insert((s.touched, slot));
        if let Some(hi) = s.latest {
            self.by_date.insert((hi, slot));
        }
        let vocab = &self.vocab;
        let idf = |t| vocab.idf(t);
        let cache = Cache::of(s, self.primed, idf);
        let top = match &cache.weighted {
            Some(w) => w.centroid.top_terms(self.cfg.index_terms),
            None => s
                .centroid
                .weighted_unit(idf)
                .top_terms(self.cfg.index_terms),
        };
        s.cache = Some(cache);
        let new: Vec<Term> = top.into_iter().map(|t| t.0).collect();
        let old = std::mem::replace(&mut s.indexed, new.clone());
        self.index.remove(slot, &old);
        self.index.insert(slot, &new);
    }

    fn unlist(&mut self, slot: u32) {
        if let Some(s) = self.slots[slot as usize].as_ref() {
            self.by_touch.remove(&(s.touched, slot));
            if let Some(hi) = s.latest {
                self.by_date.remove(&(hi, slot));
            }
        }
    }

    /// Adds the article of `q` to the live story in `slot`.
    pub(crate) fn join(&mut self, slot: u32, q: &Query<'_>) -> StoryId {
        self.unlist(slot);
        let b = self.bounds();
        let (seq, vocab) = (self.seq, &self.vocab);
        let s = self.slots[slot as usize]
            .as_mut()
            .expect("joined slots are live");
        s.add(q, seq, &b, |t| vocab.idf(t));
        let id = s.id;
        self.list(slot);
        id
    }

    /// Starts a new story of the article of `q`.
    pub(crate) fn open(&mut self, q: &Query<'_>) -> StoryId {
        let id = StoryId(self.next_id);
        self.next_id += 1;
        let b = self.bounds();
        let vocab = &self.vocab;
        let story = LiveStory::new(id, q, self.seq, &b, |t| vocab.idf(t));
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slots[slot as usize] = Some(story);
                slot
            }
            None => {
                self.slots.push(Some(story));
                u32::try_from(self.slots.len() - 1).expect("fewer than 2^32 live stories")
            }
        };
        self.by_id.insert(id, slot);
        self.live += 1;
        self.list(slot);
        self.shrink();
        id
    }

    /// Merges the story in `from` into the story in `into`.
    fn merge(&mut self, into: u32, from: u32) {
        self.unlist(from);
        self.unlist(into);
        let Some(gone) = self.slots[from as usize].take() else {
            return;
        };
        self.index.remove(from, &gone.indexed);
        self.free.push(from);
        self.live -= 1;
        for id in std::iter::once(gone.id).chain(gone.absorbed.iter().copied()) {
            self.by_id.insert(id, into);
        }
        let b = self.bounds();
        let vocab = &self.vocab;
        let s = self.slots[into as usize]
            .as_mut()
            .expect("merge targets are live");
        self.merges.push(Merge {
            from: gone.id,
            into: s.id,
        });
        s.absorb(gone, &b, |t| vocab.idf(t));
        self.list(into);
    }

    fn evict(&mut self, slot: u32) {
        self.unlist(slot);
        let Some(gone) = self.slots[slot as usize].take() else {
            return;
        };
        self.index.remove(slot, &gone.indexed);
        for id in std::iter::once(gone.id).chain(gone.absorbed.iter().copied()) {
            self.by_id.remove(&id);
        }
        self.free.push(slot);
        self.live -= 1;
    }

    /// Lets go of stories whose latest dated article is out of the window.
    fn expire(&mut self) {
        let Some(clock) = self.clock else { return };
        let horizon = clock - self.cfg.window_days;
        while let Some(&(day, slot)) = self.by_date.first() {
            if day >= horizon {
                break;
            }
            self.evict(slot);
        }
    }

    /// Lets go of the least recently joined stories beyond `max_stories`.
    fn shrink(&mut self) {
        while self.live > self.cfg.max_stories {
            let Some(&(_, slot)) = self.by_touch.first() else {
                break;
            };
            self.evict(slot);
        }
    }
}
