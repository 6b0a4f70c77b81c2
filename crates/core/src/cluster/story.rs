//! Live stories: what the clusterer remembers of a story while it may still
//! grow — a pruned centroid of its members' terms, a few recent members'
//! vectors, its names, places, printed dates and the span of its members'
//! own dates.
//!
//! Everything is pruned to a fixed size so that a story that runs for a
//! thousand articles costs what a story of ten does.

use serde::{Deserialize, Serialize};

use super::StoryId;
use super::features::Query;
use super::profile::{Day, Name};
use super::vector::{Term, TermVector};

/// Bounds on what a live story keeps.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(crate) struct Bounds {
    pub(crate) centroid_terms: usize,
    pub(crate) member_terms: usize,
    pub(crate) member_vectors: usize,
    pub(crate) average_terms: usize,
    pub(crate) names: usize,
    pub(crate) days: usize,
}

/// A story in the working set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct LiveStory {
    pub(crate) id: StoryId,
    /// Articles in the story.
    pub(crate) size: u32,
    /// Summed term counts of the members, pruned.
    pub(crate) centroid: TermVector,
    /// Term counts of the most recent members, pruned, oldest first.
    pub(crate) recent: Vec<TermVector>,
    /// Sum of the members' TF-IDF unit vectors (IDF as of each joining),
    /// pruned: its dot product with an article's unit vector over `size`
    /// is the article's mean cosine to the members (average link), and its
    /// length over `size` how alike the members are.
    #[serde(default)]
    pub(crate) unit_sum: TermVector,
    /// Summed name weights, sorted by hash.
    pub(crate) names: Vec<Name>,
    /// Summed place weights, sorted by hash.
    pub(crate) places: Vec<Name>,
    /// Days printed by members, sorted, distinct.
    pub(crate) days: Vec<Day>,
    /// Years printed by members, sorted, distinct.
    pub(crate) years: Vec<i32>,
    /// Earliest and latest date of a dated member.
    pub(crate) span: Option<(Day, Day)>,
    /// Latest metadata date of a member: what ages the story out.
    pub(crate) latest: Option<Day>,
    /// Earliest metadata date of a member.
    #[serde(default)]
    pub(crate) earliest: Option<Day>,
    /// Sequence number of the last article that joined.
    pub(crate) touched: u64,
    /// Terms under which the index lists this story.
    pub(crate) indexed: Vec<Term>,
    /// Stories merged into this one (their ids resolve here).
    pub(crate) absorbed: Vec<StoryId>,
    /// What scoring a candidate needs of the story that does not depend
    /// on the article, computed when the story changes rather than for
    /// every article that considers it. Not persisted: a story without it
    /// computes the same figures when scored.
    #[serde(skip)]
    pub(crate) cache: Option<Cache>,
}

/// The article-independent parts of a story's features.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Cache {
    /// Length of [`LiveStory::unit_sum`].
    pub(crate) unit_sum_norm: f32,
    /// The IDF-weighted unit vectors, kept only while document frequencies
    /// are fixed (a primed batch): with IDF learned from the stream they
    /// would go stale with every article.
    pub(crate) weighted: Option<Weighted>,
}

/// A story's vectors weighted by one fixed IDF and scaled to unit length.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Weighted {
    /// The centroid's.
    pub(crate) centroid: TermVector,
    /// Each recent member's, in the order of [`LiveStory::recent`].
    pub(crate) recent: Vec<TermVector>,
}

impl Cache {
    /// The cache of `s`; with the weighted vectors under `idf` when
    /// `fixed_idf`.
    pub(crate) fn of(s: &LiveStory, fixed_idf: bool, idf: impl Fn(Term) -> f32) -> Cache {
        Cache {
            unit_sum_norm: s.unit_sum.dot(&s.unit_sum).sqrt(),
            weighted: fixed_idf.then(|| Weighted::of(s, idf)),
        }
    }
}

impl Weighted {
    /// The vectors of `s` weighted by `idf`.
    pub(crate) fn of(s: &LiveStory, idf: impl Fn(Term) -> f32) -> Weighted {
        Weighted {
            centroid: s.centroid.weighted_unit(&idf),
            recent: s.recent.iter().map(|r| r.weighted_unit(&idf)).collect(),
        }
    }
}

fn add_names(into: &mut Vec<Name>, from: &[Name], keep: usize) {
    let mut all: Vec<Name> = into.iter().chain(from).copied().collect();
    all.sort_unstable_by_key(|n| n.0);
    let mut merged: Vec<Name> = Vec::with_capacity(all.len());
    for (h, w) in all {
        match merged.last_mut() {
            Some(last) if last.0 == h => last.1 += w,
            _ => merged.push((h, w)),
        }
    }
    if merged.len() > keep {
        merged.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        merged.truncate(keep);
        merged.sort_unstable_by_key(|n| n.0);
    }
    *into = merged;
}

fn add_sorted<T: Ord + Copy>(into: &mut Vec<T>, from: &[T], keep: usize) {
    into.extend_from_slice(from);
    into.sort_unstable();
    into.dedup();
    if into.len() > keep {
        // The latest are the ones a new report is likeliest to repeat.
        let cut = into.len() - keep;
        into.drain(..cut);
    }
}

impl LiveStory {
    /// A story of one article.
    pub(crate) fn new(
        id: StoryId,
        q: &Query<'_>,
        touched: u64,
        b: &Bounds,
        idf: impl Fn(Term) -> f32,
    ) -> LiveStory {
        let mut s = LiveStory {
            id,
            size: 0,
            centroid: TermVector::default(),
            recent: Vec::new(),
            unit_sum: TermVector::default(),
            names: Vec::new(),
            places: Vec::new(),
            days: Vec::new(),
            years: Vec::new(),
            span: None,
            latest: None,
            earliest: None,
            touched,
            indexed: Vec::new(),
            absorbed: Vec::new(),
            cache: None,
        };
        s.add(q, touched, b, idf);
        s
    }

    /// Adds one article (its profile, and its TF-IDF unit vector as the
    /// query already computed it).
    pub(crate) fn add(
        &mut self,
        q: &Query<'_>,
        touched: u64,
        b: &Bounds,
        idf: impl Fn(Term) -> f32,
    ) {
        let p = q.profile;
        self.size += 1;
        self.touched = self.touched.max(touched);
        self.centroid.add(&p.terms, 1.0);
        self.centroid.prune(b.centroid_terms, &idf);
        self.unit_sum.add(&q.unit, 1.0);
        self.unit_sum.prune(b.average_terms, |_| 1.0);
        let mut member = p.terms.clone();
        member.prune(b.member_terms, &idf);
        self.recent.push(member);
        if self.recent.len() > b.member_vectors {
            self.recent.remove(0);
        }
        add_names(&mut self.names, &p.names, b.names);
        add_names(&mut self.places, &p.places, b.names);
        add_sorted(&mut self.days, &p.days, b.days);
        add_sorted(&mut self.years, &p.years, b.days);
        if let Some(d) = p.date {
            self.span = Some(match self.span {
                Some((lo, hi)) => (lo.min(d), hi.max(d)),
                None => (d, d),
            });
            if p.dated_by_metadata {
                self.latest = Some(self.latest.map_or(d, |l| l.max(d)));
                self.earliest = Some(self.earliest.map_or(d, |e| e.min(d)));
            }
        }
    }

    /// Takes in everything of `other` (a merge).
    pub(crate) fn absorb(&mut self, other: LiveStory, b: &Bounds, idf: impl Fn(Term) -> f32) {
        self.size += other.size;
        self.touched = self.touched.max(other.touched);
        self.centroid.add(&other.centroid, 1.0);
        self.centroid.prune(b.centroid_terms, &idf);
        self.unit_sum.add(&other.unit_sum, 1.0);
        self.unit_sum.prune(b.average_terms, |_| 1.0);
        self.recent.extend(other.recent);
        while self.recent.len() > b.member_vectors {
            self.recent.remove(0);
        }
        add_names(&mut self.names, &other.names, b.names);
        add_names(&mut self.places, &other.places, b.names);
        add_sorted(&mut self.days, &other.days, b.days);
        add_sorted(&mut self.years, &other.years, b.days);
        self.span = match (self.span, other.span) {
            (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
            (x, None) | (None, x) => x,
        };
        self.latest = self.latest.max(other.latest);
        self.earliest = match (self.earliest, other.earliest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (x, None) | (None, x) => x,
        };
        self.absorbed.push(other.id);
        self.absorbed.extend(other.absorbed);
    }
}
