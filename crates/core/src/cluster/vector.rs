//! Weighted term vectors: what an article is about, as stemmed unigrams
//! (bigrams and headline or lead boosts are settings, off by default), and
//! the document frequencies, learned from the stream, that turn counts into
//! TF-IDF.
//!
//! Terms are hashed (xxh3, 64 bits) rather than interned so that the state
//! stays flat however many distinct words a stream brings. Document
//! frequencies live in a count-min sketch of fixed size for the same
//! reason: a vocabulary table would grow with every new name and bigram.
//! The sketch never under-counts, so a rare term can only look a little
//! more common than it is, never rarer.

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::model::Article;
use crate::text::{fold_char, words};

/// A hashed term (a stem or a pair of stems).
pub type Term = u64;

/// A sparse vector: `(term, weight)` sorted by term, no duplicates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TermVector {
    /// The entries, sorted by term.
    pub entries: Vec<(Term, f32)>,
}

impl TermVector {
    /// Builds a vector from unsorted `(term, weight)` pairs, summing
    /// duplicates.
    pub fn from_pairs(mut pairs: Vec<(Term, f32)>) -> TermVector {
        pairs.sort_unstable_by_key(|p| p.0);
        let mut entries: Vec<(Term, f32)> = Vec::with_capacity(pairs.len());
        for (t, w) in pairs {
            match entries.last_mut() {
                Some(last) if last.0 == t => last.1 += w,
                _ => entries.push((t, w)),
            }
        }
        TermVector { entries }
    }

    /// Whether the vector has no terms.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds `other` scaled by `scale` (a sorted merge).
    pub fn add(&mut self, other: &TermVector, scale: f32) {
        let mut out = Vec::with_capacity(self.entries.len() + other.entries.len());
        let (a, b) = (&self.entries, &other.entries);
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => {
                    out.push(a[i]);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.push((b[j].0, b[j].1 * scale));
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    out.push((a[i].0, a[i].1 + b[j].1 * scale));
                    i += 1;
                    j += 1;
                }
            }
        }
        out.extend_from_slice(&a[i..]);
        out.extend(b[j..].iter().map(|&(t, w)| (t, w * scale)));
        self.entries = out;
    }

    /// Keeps the `k` entries with the largest `weight(term) * value`,
    /// ties broken by term so the result never depends on order.
    pub fn prune(&mut self, k: usize, weight: impl Fn(Term) -> f32) {
        if self.entries.len() <= k {
            return;
        }
        let mut scored: Vec<(f32, Term, f32)> = self
            .entries
            .iter()
            .map(|&(t, w)| (w * weight(t), t, w))
            .collect();
        keep_least(&mut scored, k, |a, b| {
            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
        });
        let mut entries: Vec<(Term, f32)> = scored.into_iter().map(|(_, t, w)| (t, w)).collect();
        entries.sort_unstable_by_key(|p| p.0);
        self.entries = entries;
    }

    /// The vector with each weight multiplied by `weight(term)`, scaled to
    /// unit length (empty stays empty).
    pub fn weighted_unit(&self, weight: impl Fn(Term) -> f32) -> TermVector {
        let mut entries: Vec<(Term, f32)> = self
            .entries
            .iter()
            .map(|&(t, w)| (t, w * weight(t)))
            .collect();
        let norm = entries.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for e in &mut entries {
                e.1 /= norm;
            }
        }
        TermVector { entries }
    }

    /// The dot product with `other` (both sorted by term).
    pub fn dot(&self, other: &TermVector) -> f32 {
        let (a, b) = (&self.entries, &other.entries);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    /// The `k` terms of largest weight, largest first (ties by term).
    pub fn top_terms(&self, k: usize) -> Vec<(Term, f32)> {
        let mut v = self.entries.clone();
        keep_least(&mut v, k, heaviest_first);
        v.sort_unstable_by(heaviest_first);
        v
    }
}

/// The order of (key, weight) pairs by weight, heaviest first, ties by key:
/// a total order, so a ranking never depends on the order keys came in.
pub(crate) fn heaviest_first<K: Ord>(a: &(K, f32), b: &(K, f32)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

/// Keeps the `k` least items of `v` by `order` (a total order), in no
/// particular order: a selection, not a sort of the whole vector (term
/// vectors and candidate lists are hundreds long, the kept ones a few
/// dozen at most).
pub(crate) fn keep_least<T>(
    v: &mut Vec<T>,
    k: usize,
    order: impl Fn(&T, &T) -> std::cmp::Ordering,
) {
    if v.len() <= k {
        return;
    }
    if k > 0 {
        v.select_nth_unstable_by(k - 1, order);
    }
    v.truncate(k);
}

/// How an article's words become term counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VectorConfig {
    /// Weight of a headline term. Default 1: with the average link, a
    /// boosted headline made stories of the same kind look alike (measured
    /// on the development sets; see BENCHMARKS.md).
    pub title_boost: f32,
    /// Weight of a term in the lead paragraph(s). Default 1, for the same
    /// reason.
    pub lead_boost: f32,
    /// Words that count as the lead. Default 60 (the first paragraph or two).
    pub lead_words: usize,
    /// Words of an article read at most. Default 5,000: the whole of a news
    /// report; a bound for pathological input.
    pub max_words: usize,
    /// Whether adjacent content stems also count as a bigram. Default
    /// false: bigrams cost B-cubed F1 on Multi-News (0.85 to 0.79) for
    /// 0.005 on ECB+.
    pub bigrams: bool,
    /// Whether words are stemmed (Snowball English). Default true.
    pub stem: bool,
}

impl Default for VectorConfig {
    fn default() -> Self {
        VectorConfig {
            title_boost: 1.0,
            lead_boost: 1.0,
            lead_words: 60,
            max_words: 5_000,
            bigrams: false,
            stem: true,
        }
    }
}

struct Analyzer {
    stemmer: Stemmer,
    stop: HashSet<String>,
}

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer {
        stemmer: Stemmer::create(Algorithm::English),
        // NLTK's short English list: the long ISO list drops words such as
        // "million" and "state" that do tell stories apart.
        stop: stop_words::lookup("en")
            .unwrap_or(&[])
            .iter()
            .map(|w| w.to_string())
            .chain(NEWS_STOP.iter().map(|w| w.to_string()))
            .collect(),
    })
}

/// Words that every news report uses and that say nothing about which
/// story it is; the general stop list does not have them.
const NEWS_STOP: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "according",
    "reported",
    "report",
    "reports",
    "news",
    "mr",
    "mrs",
    "ms",
    "percent",
    "year",
    "years",
    "week",
    "weeks",
    "day",
    "days",
    "time",
    "people",
    "also",
    "would",
    "could",
    "one",
    "two",
    "new",
    "like",
    "just",
    "get",
];

/// A folded lower-case word, possessive dropped, digits' separators
/// removed; `None` for tokens that cannot be a term.
fn normalise(word: &str, buf: &mut String) -> bool {
    buf.clear();
    if word.is_ascii() {
        // Most words: the same folding byte by byte, without decoding.
        for b in word.bytes() {
            match b {
                b',' => {}
                b'`' => buf.push('\''),
                b if char::from(b).is_whitespace() => buf.push(' '),
                b => buf.push(char::from(b.to_ascii_lowercase())),
            }
        }
    } else {
        for c in word.chars() {
            let c = fold_char(c);
            if c == ',' {
                continue;
            }
            buf.extend(c.to_lowercase());
        }
    }
    if let Some(stripped) = buf.strip_suffix("'s") {
        let n = stripped.len();
        buf.truncate(n);
    }
    while buf.ends_with('\'') {
        buf.pop();
    }
    if buf.is_ascii() {
        return buf.len() >= 2 && buf.bytes().any(|b| b.is_ascii_alphanumeric());
    }
    let chars = buf.chars().count();
    chars >= 2 && buf.chars().any(char::is_alphanumeric)
}

fn hash(s: &str) -> Term {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

fn pair(a: Term, b: Term) -> Term {
    // Order matters ("new york" is not "york new"); mixing keeps pairs
    // apart from unigrams.
    xxhash_rust::xxh3::xxh3_64_with_seed(&[a.to_le_bytes(), b.to_le_bytes()].concat(), 0xb1)
}

/// Distinct words remembered per thread before the memo starts afresh.
const MEMO_WORDS: usize = 1 << 18;

/// Word to term (`None`: a stop word), stemmed and not, keyed by the
/// word's 64-bit hash: looking up a `String` key compared the word's bytes
/// again after hashing them, and stored a copy of every word. Two words of
/// one memo (at most [`MEMO_WORDS`]) sharing a hash would share a term, as
/// two terms sharing a hash already do.
type Memo = FxHashMap<u64, Option<Term>>;

thread_local! {
    /// Per thread: the word memos (news repeats its vocabulary, and
    /// stemming and hashing each occurrence again was a tenth of reading an
    /// article) and the buffer an article's terms are gathered in (grown
    /// once, not once per article).
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// See [`SCRATCH`].
#[derive(Default)]
struct Scratch {
    /// Unstemmed and stemmed.
    memos: [Memo; 2],
    pairs: Vec<(Term, f32)>,
}

/// The term of the normalised word `word`, or `None` for a stop word.
fn term_of(an: &Analyzer, memo: &mut Memo, word: &str, stem: bool) -> Option<Term> {
    let key = hash(word);
    if let Some(&t) = memo.get(&key) {
        return t;
    }
    let t = (!an.stop.contains(word)).then(|| {
        if stem {
            hash(&an.stemmer.stem(word))
        } else {
            key
        }
    });
    if memo.len() >= MEMO_WORDS {
        memo.clear();
    }
    memo.insert(key, t);
    t
}

/// The raw, boosted term counts of `article` (sublinear: `1 + ln tf`).
pub(crate) fn term_counts(article: &Article, cfg: &VectorConfig) -> TermVector {
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        let Scratch { memos, pairs } = &mut *scratch;
        let memo = &mut memos[usize::from(cfg.stem)];
        pairs.clear();
        gather_terms(article, cfg, memo, pairs);
        // Counts to sublinear weights: a word said ten times is not ten
        // times as telling. Boosts are kept by scaling by the mean boost.
        pairs.sort_unstable_by_key(|p| p.0);
        let mut entries: Vec<(Term, f32)> = Vec::with_capacity(pairs.len());
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            let tf = run.len() as f32;
            let boost: f32 = run.iter().fold(0.0, |sum, p| sum + p.1);
            entries.push((run[0].0, (1.0 + tf.ln()) * (boost / tf)));
        }
        TermVector { entries }
    })
}

/// Pushes every term of `article` (title, then paragraphs up to
/// `cfg.max_words` words) with its boost onto `pairs`.
fn gather_terms(
    article: &Article,
    cfg: &VectorConfig,
    memo: &mut Memo,
    pairs: &mut Vec<(Term, f32)>,
) {
    let an = analyzer();
    let mut buf = String::new();
    let mut push_text = |text: &str, boost_of: &dyn Fn(usize) -> f32, start: usize| -> usize {
        let mut n = start;
        let mut prev: Option<Term> = None;
        for w in words(text) {
            if n >= cfg.max_words {
                break;
            }
            if !normalise(w, &mut buf) {
                prev = None;
                continue;
            }
            n += 1;
            // A stop word breaks no bigram: "secretary of state" pairs
            // "secretary" with "state".
            let Some(t) = term_of(an, memo, &buf, cfg.stem) else {
                continue;
            };
            let boost = boost_of(n);
            pairs.push((t, boost));
            if cfg.bigrams
                && let Some(p) = prev
            {
                pairs.push((pair(p, t), boost));
            }
            prev = Some(t);
        }
        n
    };
    if let Some(title) = &article.title {
        push_text(title, &|_| cfg.title_boost, 0);
    }
    let mut n = 0;
    for para in &article.paragraphs {
        n = push_text(
            para,
            &|k| {
                if k <= cfg.lead_words {
                    cfg.lead_boost
                } else {
                    1.0
                }
            },
            n,
        );
        if n >= cfg.max_words {
            break;
        }
    }
}

/// Document frequencies learned from the stream, in a count-min sketch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vocabulary {
    /// Articles seen.
    documents: u64,
    /// log2 of the width of each sketch row.
    bits: u32,
    /// Two rows of `1 << bits` counters each.
    rows: Vec<u32>,
}

impl Vocabulary {
    /// An empty vocabulary with rows of `1 << bits` counters.
    pub fn new(bits: u32) -> Vocabulary {
        let bits = bits.clamp(8, 28);
        Vocabulary {
            documents: 0,
            bits,
            rows: vec![0; 2usize << bits],
        }
    }

    fn slots(&self, t: Term) -> [usize; 2] {
        let mask = (1usize << self.bits) - 1;
        let w = 1usize << self.bits;
        [(t as usize) & mask, w + (((t >> 32) as usize) & mask)]
    }

    /// Counts one article's distinct terms.
    pub fn observe(&mut self, terms: &TermVector) {
        self.documents += 1;
        for &(t, _) in &terms.entries {
            for s in self.slots(t) {
                self.rows[s] = self.rows[s].saturating_add(1);
            }
        }
    }

    /// Articles seen so far.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// The document frequency of `t` (an upper bound, exact unless it
    /// collides in both rows).
    pub fn df(&self, t: Term) -> u32 {
        let [a, b] = self.slots(t);
        self.rows[a].min(self.rows[b])
    }

    /// Smoothed inverse document frequency: `ln((n + 1) / (df + 1)) + 1`.
    pub fn idf(&self, t: Term) -> f32 {
        let n = self.documents as f32;
        ((n + 1.0) / (self.df(t) as f32 + 1.0)).ln() + 1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleId;

    fn article(title: &str, body: &str) -> Article {
        Article {
            id: ArticleId::from("a"),
            url: None,
            source: None,
            published: None,
            title: Some(title.into()),
            byline: None,
            dateline: None,
            credits: vec![],
            paragraphs: vec![body.into()],
            removed: vec![],
            meta: Default::default(),
        }
    }

    proptest::proptest! {
        /// The selection keeps what a full sort would, in its order.
        #[test]
        fn top_terms_are_the_sorted_prefix(
            weights in proptest::collection::vec(0u8..8, 0..60),
            k in 0usize..70,
        ) {
            let v = TermVector {
                entries: weights
                    .iter()
                    .enumerate()
                    .map(|(t, &w)| (t as Term, f32::from(w)))
                    .collect(),
            };
            let mut sorted = v.entries.clone();
            sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            sorted.truncate(k);
            proptest::prop_assert_eq!(v.top_terms(k), sorted.clone());
            let mut pruned = v.clone();
            pruned.prune(k, |_| 1.0);
            sorted.sort_by_key(|e| e.0);
            proptest::prop_assert_eq!(pruned.entries, sorted);
        }
    }

    #[test]
    fn stems_and_possessives_meet() {
        let a = term_counts(&article("", "Blinken's talks"), &VectorConfig::default());
        let b = term_counts(&article("", "Blinken talked"), &VectorConfig::default());
        let (ua, ub) = (a.weighted_unit(|_| 1.0), b.weighted_unit(|_| 1.0));
        assert!(ua.dot(&ub) > 0.99, "{}", ua.dot(&ub));
    }

    #[test]
    fn stop_words_are_not_terms_and_do_not_break_bigrams() {
        let cfg = VectorConfig {
            bigrams: true,
            ..VectorConfig::default()
        };
        let a = term_counts(&article("", "the secretary of state"), &cfg);
        // "secretari", "state" and the pair.
        assert_eq!(a.entries.len(), 3);
    }

    #[test]
    fn idf_falls_with_document_frequency() {
        let mut v = Vocabulary::new(12);
        let common = term_counts(&article("", "ceasefire"), &VectorConfig::default());
        let rare = term_counts(&article("", "rafah"), &VectorConfig::default());
        for _ in 0..9 {
            v.observe(&common);
        }
        v.observe(&rare);
        assert!(v.idf(rare.entries[0].0) > v.idf(common.entries[0].0));
    }
}
