//! Similarity features between an incoming article and a live story: how
//! alike their words are, whether they name the same people and places,
//! whether the dates they print agree, and how far apart in time they are.
//!
//! The features are general on purpose (no corpus's quirks): they are what
//! tells "the same event" from "the same kind of event" anywhere — the same
//! words with other names, another place or another date is another story.

use super::profile::{Day, Name, Profile};
use super::story::{LiveStory, Weighted};

use super::vector::{Term, TermVector, Vocabulary};

/// The names of the features, in the order of [`Features::values`]; the
/// model file lists them so that a model never meets features it was not
/// fitted on.
pub const FEATURE_NAMES: &[&str] = &[
    "bias",
    "cosine",
    "cosine-max-member",
    "cosine-squared",
    "average-link",
    "coherence",
    "names-of-article",
    "names-of-story",
    "names-unknown",
    "places-shared",
    "places-conflict",
    "days-shared",
    "days-conflict",
    "years-conflict",
    "time-gap-log-days",
    "time-gap-unknown",
    "story-size-log",
];

/// Number of features.
pub const FEATURES: usize = 17;

/// One article–story feature vector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    /// The values, named by [`FEATURE_NAMES`].
    pub values: [f64; FEATURES],
}

/// The article's side, computed once per article.
pub(crate) struct Query<'a> {
    pub(crate) profile: &'a Profile,
    /// TF-IDF unit vector of the article.
    pub(crate) unit: TermVector,
    /// The weights of `unit` by term, for dot products with the story
    /// vectors: a lookup per story term (a member's 64 terms, a story's
    /// thousand) instead of a walk over both.
    weights: TermTable,
}

impl<'a> Query<'a> {
    /// The query of `profile`, whose TF-IDF unit vector is `unit`.
    pub(crate) fn new(profile: &'a Profile, unit: TermVector) -> Query<'a> {
        let weights = TermTable::of(&unit);
        Query {
            profile,
            unit,
            weights,
        }
    }

    /// The dot product of the article's unit vector with `v`, summed in
    /// `v`'s term order (as [`TermVector::dot`] sums, to the bit).
    pub(crate) fn dot(&self, v: &TermVector) -> f32 {
        v.entries
            .iter()
            .filter_map(|&(t, w)| self.weights.get(t).map(|q| q * w))
            .sum()
    }
}

/// A term's weight by open addressing. Terms are hashes already, so their
/// low bits are the slot; the table is kept at most a quarter full, so a
/// term not in it (most story terms) is told at the first or second slot.
/// A `FxHashMap` lookup per story term was a twentieth of clustering.
struct TermTable {
    slots: Vec<Slot>,
    mask: usize,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    used: bool,
    term: Term,
    weight: f32,
}

impl TermTable {
    fn of(v: &TermVector) -> TermTable {
        let size = (4 * v.entries.len()).next_power_of_two().max(8);
        let mut table = TermTable {
            slots: vec![Slot::default(); size],
            mask: size - 1,
        };
        for &(term, weight) in &v.entries {
            // Terms of a vector are distinct.
            let mut i = term as usize & table.mask;
            while table.slots[i].used {
                i = (i + 1) & table.mask;
            }
            table.slots[i] = Slot {
                used: true,
                term,
                weight,
            };
        }
        table
    }

    fn get(&self, term: Term) -> Option<f32> {
        let mut i = term as usize & self.mask;
        loop {
            let s = self.slots[i];
            if !s.used {
                return None;
            }
            if s.term == term {
                return Some(s.weight);
            }
            i = (i + 1) & self.mask;
        }
    }
}

fn shared_weight(a: &[Name], b: &[Name]) -> (f32, f32) {
    // Returns (weight of a found in b, weight of b found in a).
    let (mut i, mut j) = (0, 0);
    let (mut wa, mut wb) = (0.0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                wa += a[i].1;
                wb += b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    (wa, wb)
}

fn total(n: &[Name]) -> f32 {
    n.iter().map(|x| x.1).sum()
}

/// Days of `a` within `slack` days of some day of `b` (both sorted).
fn near_days(a: &[Day], b: &[Day], slack: Day) -> usize {
    a.iter()
        .filter(|&&d| {
            let k = b.partition_point(|&x| x < d - slack);
            b.get(k).is_some_and(|&x| x <= d + slack)
        })
        .count()
}

fn disjoint<T: Ord>(a: &[T], b: &[T]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return false,
        }
    }
    true
}

/// The features of `q` against `s`.
pub(crate) fn features(q: &Query<'_>, s: &LiveStory, vocab: &Vocabulary) -> Features {
    let idf = |t| vocab.idf(t);
    let p = q.profile;
    // The story's weighted vectors: cached in a primed batch, else weighed
    // now (a stream's IDF moves with every article).
    let fresh;
    let w = match s.cache.as_ref().and_then(|c| c.weighted.as_ref()) {
        Some(w) => w,
        None => {
            fresh = Weighted::of(s, idf);
            &fresh
        }
    };
    let cosine = f64::from(q.dot(&w.centroid));
    let max_member = f64::from(w.recent.iter().map(|r| q.dot(r)).fold(0.0, f32::max));
    let size = f64::from(s.size.max(1));
    let average_link = f64::from(q.dot(&s.unit_sum)) / size;
    let unit_sum_norm = match &s.cache {
        Some(c) => c.unit_sum_norm,
        None => s.unit_sum.dot(&s.unit_sum).sqrt(),
    };
    let coherence = f64::from(unit_sum_norm) / size;

    let (ta, ts) = (total(&p.names), total(&s.names));
    let (wa, ws) = shared_weight(&p.names, &s.names);
    let names_unknown = ta == 0.0 || ts == 0.0;
    let names_a = if names_unknown {
        0.0
    } else {
        f64::from(wa / ta)
    };
    let names_s = if names_unknown {
        0.0
    } else {
        f64::from(ws / ts)
    };

    let (pa, _) = shared_weight(&p.places, &s.places);
    let places_shared = pa > 0.0;
    let places_conflict = !places_shared && !p.places.is_empty() && !s.places.is_empty();

    let days_near = near_days(&p.days, &s.days, 1);
    let days_shared = if p.days.is_empty() {
        0.0
    } else {
        days_near as f64 / p.days.len() as f64
    };
    let days_conflict =
        !p.days.is_empty() && !s.days.is_empty() && near_days(&p.days, &s.days, 7) == 0;
    let years_conflict = !p.years.is_empty() && !s.years.is_empty() && disjoint(&p.years, &s.years);

    let gap = match (p.date, s.span) {
        (Some(d), Some((lo, hi))) => Some(if d < lo { lo - d } else { (d - hi).max(0) }),
        _ => None,
    };
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    Features {
        values: [
            1.0,
            cosine,
            max_member,
            cosine * cosine,
            average_link,
            coherence,
            names_a,
            names_s,
            b(names_unknown),
            b(places_shared),
            b(places_conflict),
            days_shared,
            b(days_conflict),
            b(years_conflict),
            gap.map_or(0.0, |g| (1.0 + f64::from(g)).ln()),
            b(gap.is_none()),
            (1.0 + f64::from(s.size)).ln(),
        ],
    }
}
