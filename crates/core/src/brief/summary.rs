//! Extractive multi-document summaries: which sentences of a story's
//! articles, up to a word budget, say the most of what the story is about?
//!
//! Every sentence of every article is a candidate. [`Method::Centroid`]
//! scores a sentence by the cosine between its TF-IDF vector and the story
//! centroid (the sum of the articles' normalised TF-IDF vectors, so a term
//! many articles use weighs more than one article's pet word), plus a prior
//! for sentences early in their article, where news puts what matters.
//! Sentences are then picked greedily by maximal marginal relevance: the
//! score minus the similarity to what was already picked, so a second
//! wording of the same fact loses to a new fact, and a near copy is never
//! picked at all. [`Method::Lead`] is the baseline: the first sentence of
//! each article, then the second of each, and so on.
//!
//! Terms are the tokens of the `rouge-score` tokenizer (lower-cased,
//! alphanumeric, Porter-stemmed) without English stop words; document
//! frequencies come from [`DocumentFrequencies`], built over the story (the
//! default, which measured best on Multi-News) or over a larger batch.

use std::collections::HashMap;

use rougers::Tokenizer;
use serde::{Deserialize, Serialize};

use crate::extract::Span;
use crate::model::Article;
use crate::sentence;

/// How sentences are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Method {
    /// The first sentence of each article, then the second of each, ...
    Lead,
    /// Centroid similarity with a position prior, picked by maximal marginal
    /// relevance.
    Centroid,
    /// Budgeted coverage: the sentence adding the most centroid weight of
    /// terms not yet covered, per word, with a position prior.
    Coverage,
}

/// Settings of the summariser. The defaults are the ones the Multi-News
/// gate measures (`BENCHMARKS.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SummaryConfig {
    /// Word budget: sentences are added until the summary has at least this
    /// many whitespace-separated words. Default 250.
    pub words: usize,
    /// How sentences are chosen. Default centroid.
    pub method: Method,
    /// Weight of the position prior `1 / sqrt(1 + k)` for the `k`-th
    /// sentence of an article, against a centroid cosine in `0..=1`.
    /// Default 0.5.
    pub position_weight: f64,
    /// MMR trade-off: a candidate's value is `relevance - redundancy * max
    /// cosine to a picked sentence`. Default 2.5: a sentence must say
    /// something new to be picked.
    pub redundancy: f64,
    /// Candidates at least this similar (cosine) to a picked sentence are
    /// never picked: they say the same thing. Default 0.6.
    pub max_similarity: f64,
    /// Sentences with fewer words are not picked while longer ones remain
    /// (datelines, fragments, captions). Default 6.
    pub min_sentence_words: usize,
    /// Sentences with more words are not picked while shorter ones remain
    /// (run-on text from a page without stops). Default 50.
    pub max_sentence_words: usize,
    /// Terms of the centroid kept, by weight; 0 keeps all. Default 100.
    pub centroid_terms: usize,
    /// Subtracted from the relevance of a sentence that does not end in a
    /// stop: the cut-off tail of a truncated article, a caption, a menu.
    /// Default 0.3.
    pub fragment_penalty: f64,
    /// Weight of the cosine to the centroid of the *other* articles: how
    /// much of a sentence other sources echo. Default 0.
    pub cross_weight: f64,
    /// [`Method::Coverage`] divides a sentence's gain by its length in
    /// words to this power: 1 is gain per word, 0 ignores length.
    /// Default 0.5.
    pub length_exponent: f64,
}

impl Default for SummaryConfig {
    fn default() -> Self {
        SummaryConfig {
            words: 250,
            method: Method::Centroid,
            position_weight: 0.5,
            redundancy: 2.5,
            max_similarity: 0.6,
            min_sentence_words: 6,
            max_sentence_words: 50,
            centroid_terms: 100,
            length_exponent: 0.5,
            fragment_penalty: 0.3,
            cross_weight: 0.0,
        }
    }
}

/// A sentence the summary took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Picked {
    /// Index of the article in the slice given to [`summarize`].
    pub article: usize,
    /// Where the sentence is in that article.
    pub span: Span,
    /// Its position among the article's sentences (0 = first).
    pub position: usize,
    /// The sentence text.
    pub text: String,
    /// The value it was picked with (relevance, less redundancy).
    pub score: f64,
}

/// Splits text into summary terms: `rouge-score` tokens (lower-cased,
/// alphanumeric, Porter-stemmed) without stop words. One instance is built
/// per batch and reused.
#[derive(Debug, Clone)]
pub struct Terms {
    stem: Tokenizer,
    /// The stop words, stemmed as the tokenizer stems, so that one pass
    /// of the tokenizer over a text is all `of` needs.
    stop: std::collections::HashSet<String>,
}

impl Default for Terms {
    fn default() -> Self {
        let stem = Tokenizer::new(true);
        let stop = stop_words::lookup("en")
            .unwrap_or(&[])
            .iter()
            .flat_map(|w| stem.tokenize(w))
            .collect();
        Terms { stem, stop }
    }
}

impl Terms {
    /// The terms of `text`, in order, stemmed, stop words removed.
    pub fn of(&self, text: &str) -> Vec<String> {
        let mut t = self.stem.tokenize(text);
        t.retain(|t| t.len() > 1 && !self.stop.contains(t.as_str()));
        t
    }
}

/// In how many documents of a collection each term occurs: the IDF side of
/// TF-IDF, built over the story itself or over a larger batch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentFrequencies {
    /// Documents counted.
    pub documents: usize,
    /// Documents containing each term.
    pub counts: HashMap<String, u32>,
}

impl DocumentFrequencies {
    /// Counts the terms of `articles`.
    pub fn of<'a>(articles: impl IntoIterator<Item = &'a Article>, terms: &Terms) -> Self {
        let mut df = DocumentFrequencies::default();
        for a in articles {
            df.add(a, terms);
        }
        df
    }

    /// Adds one article.
    pub fn add(&mut self, article: &Article, terms: &Terms) {
        let mut seen: Vec<String> = article
            .paragraphs
            .iter()
            .flat_map(|p| terms.of(p))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            *self.counts.entry(t).or_insert(0) += 1;
        }
        self.documents += 1;
    }

    /// Smoothed inverse document frequency of `term`.
    pub fn idf(&self, term: &str) -> f64 {
        let df = f64::from(self.counts.get(term).copied().unwrap_or(0));
        ((1.0 + self.documents as f64) / (1.0 + df)).ln() + 1.0
    }
}

/// A sparse vector over term ids, sorted by id.
type Vector = Vec<(u32, f64)>;

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot // vectors are unit length
}

fn normalise(v: &mut Vector) {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
}

struct Candidate {
    article: usize,
    complete: bool,
    position: usize,
    span: Span,
    text: String,
    words: usize,
    vector: Vector,
}

/// Chooses the summary sentences of one story, in the order they were
/// picked (the most valuable first, so a reader or a scorer that cuts the
/// summary short loses the least).
///
/// ```
/// use storyline_core::brief::{summarize, DocumentFrequencies, SummaryConfig, Terms};
/// # use storyline_core::{Article, ArticleId};
/// # fn article(id: &str, text: &str) -> Article {
/// #     Article { id: ArticleId::from(id), url: None, source: None, published: None,
/// #         title: None, byline: None, dateline: None, credits: vec![],
/// #         paragraphs: vec![text.to_owned()], removed: vec![], meta: Default::default() }
/// # }
/// let a = article("a", "The river Veran burst its banks on Monday, flooding the old town. Shops were closed.");
/// let b = article("b", "Floods hit the old town of Veranto after the river Veran burst its banks. A bakery reopened.");
/// let terms = Terms::default();
/// let df = DocumentFrequencies::of([&a, &b], &terms);
/// let cfg = SummaryConfig { words: 10, ..SummaryConfig::default() };
/// let picked = summarize(&[&a, &b], &df, &terms, &cfg);
/// assert!(picked[0].text.contains("burst its banks"));
/// assert_eq!(picked.len(), 1);
/// ```
pub fn summarize(
    articles: &[&Article],
    df: &DocumentFrequencies,
    terms: &Terms,
    cfg: &SummaryConfig,
) -> Vec<Picked> {
    let mut vocabulary: HashMap<String, u32> = HashMap::new();
    let mut candidates = Vec::new();
    let mut article_vectors: Vec<Vector> = Vec::with_capacity(articles.len());
    for (a, article) in articles.iter().enumerate() {
        let mut article_tf: HashMap<u32, f64> = HashMap::new();
        for (position, s) in sentence::split(&article.paragraphs).into_iter().enumerate() {
            let mut tf: HashMap<u32, f64> = HashMap::new();
            for t in terms.of(&s.text) {
                let idf = df.idf(&t);
                let next = vocabulary.len() as u32;
                let id = *vocabulary.entry(t).or_insert(next);
                *tf.entry(id).or_insert(0.0) += idf;
                *article_tf.entry(id).or_insert(0.0) += idf;
            }
            let mut vector: Vector = tf.into_iter().collect();
            vector.sort_unstable_by_key(|&(id, _)| id);
            normalise(&mut vector);
            let complete = s
                .text
                .trim_end_matches(|c: char| {
                    matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ' ')
                })
                .ends_with(['.', '!', '?']);
            candidates.push(Candidate {
                article: a,
                complete,
                position,
                span: s.span,
                words: s.text.split_whitespace().count(),
                text: s.text,
                vector,
            });
        }
        let mut v: Vector = article_tf.into_iter().collect();
        v.sort_unstable_by_key(|&(id, _)| id);
        normalise(&mut v);
        article_vectors.push(v);
    }
    match cfg.method {
        Method::Lead => lead(candidates, cfg),
        Method::Centroid => centroid(candidates, &article_vectors, cfg),
        Method::Coverage => coverage(candidates, &article_vectors, cfg),
    }
}

fn lead(mut candidates: Vec<Candidate>, cfg: &SummaryConfig) -> Vec<Picked> {
    candidates.sort_by_key(|c| (c.position, c.article));
    let mut out = Vec::new();
    let mut words = 0;
    for c in candidates {
        if words >= cfg.words {
            break;
        }
        words += c.words;
        out.push(picked(c, 0.0));
    }
    out
}

fn picked(c: Candidate, score: f64) -> Picked {
    Picked {
        article: c.article,
        span: c.span,
        position: c.position,
        text: c.text,
        score,
    }
}

fn centre(articles: &[Vector], cfg: &SummaryConfig) -> Vector {
    let mut sum: HashMap<u32, f64> = HashMap::new();
    for v in articles {
        for &(id, w) in v {
            *sum.entry(id).or_insert(0.0) += w;
        }
    }
    let mut centre: Vector = sum.into_iter().collect();
    if cfg.centroid_terms > 0 && centre.len() > cfg.centroid_terms {
        centre.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        centre.truncate(cfg.centroid_terms);
    }
    centre.sort_unstable_by_key(|&(id, _)| id);
    normalise(&mut centre);
    centre
}

fn fits(c: &Candidate, cfg: &SummaryConfig) -> bool {
    c.words >= cfg.min_sentence_words && c.words <= cfg.max_sentence_words && !c.vector.is_empty()
}

fn into_picked(candidates: Vec<Candidate>, chosen: Vec<(usize, f64)>) -> Vec<Picked> {
    let mut by_index: Vec<Option<Candidate>> = candidates.into_iter().map(Some).collect();
    chosen
        .into_iter()
        .filter_map(|(i, score)| by_index[i].take().map(|c| picked(c, score)))
        .collect()
}

fn coverage(candidates: Vec<Candidate>, articles: &[Vector], cfg: &SummaryConfig) -> Vec<Picked> {
    let centre = centre(articles, cfg);
    let weight: HashMap<u32, f64> = centre.into_iter().collect();
    let mut covered: std::collections::HashSet<u32> = std::collections::HashSet::new();
    let mut taken = vec![false; candidates.len()];
    let mut chosen: Vec<(usize, f64)> = Vec::new();
    let mut words = 0;
    for strict in [true, false] {
        while words < cfg.words {
            let mut best: Option<(usize, f64)> = None;
            for (i, c) in candidates.iter().enumerate() {
                if taken[i] || (strict && !fits(c, cfg)) {
                    continue;
                }
                let gain: f64 = c
                    .vector
                    .iter()
                    .filter(|(id, _)| !covered.contains(id))
                    .map(|(id, _)| weight.get(id).copied().unwrap_or(0.0))
                    .sum();
                let value = gain / (c.words.max(1) as f64).powf(cfg.length_exponent)
                    + cfg.position_weight / (1.0 + c.position as f64).sqrt();
                if best.is_none_or(|(_, v)| value > v) {
                    best = Some((i, value));
                }
            }
            let Some((i, value)) = best else { break };
            taken[i] = true;
            words += candidates[i].words;
            covered.extend(candidates[i].vector.iter().map(|&(id, _)| id));
            chosen.push((i, value));
        }
    }
    into_picked(candidates, chosen)
}

fn centroid(candidates: Vec<Candidate>, articles: &[Vector], cfg: &SummaryConfig) -> Vec<Picked> {
    let centre = centre(articles, cfg);
    // The centroid of the other articles, for each article (only when there
    // are others and the weight asks for it).
    let others: Vec<Option<Vector>> = (0..articles.len())
        .map(|a| {
            (cfg.cross_weight > 0.0 && articles.len() > 1).then(|| {
                let rest: Vec<Vector> = articles
                    .iter()
                    .enumerate()
                    .filter(|&(b, _)| b != a)
                    .map(|(_, v)| v.clone())
                    .collect();
                self::centre(&rest, cfg)
            })
        })
        .collect();
    let relevance: Vec<f64> = candidates
        .iter()
        .map(|c| {
            let fragment = if c.complete {
                0.0
            } else {
                cfg.fragment_penalty
            };
            let cross = others[c.article]
                .as_ref()
                .map_or(0.0, |o| cfg.cross_weight * cosine(&c.vector, o));
            cosine(&c.vector, &centre)
                + cross
                + cfg.position_weight / (1.0 + c.position as f64).sqrt()
                - fragment
        })
        .collect();
    let mut taken = vec![false; candidates.len()];
    let mut chosen: Vec<usize> = Vec::new();
    let mut words = 0;
    // Two passes: well-formed sentences first, then anything left, so a
    // story made only of fragments still gets a summary.
    for strict in [true, false] {
        while words < cfg.words {
            let mut best: Option<(usize, f64)> = None;
            for (i, c) in candidates.iter().enumerate() {
                if taken[i] || (strict && !fits(c, cfg)) {
                    continue;
                }
                let overlap = chosen
                    .iter()
                    .map(|&j| cosine(&c.vector, &candidates[j].vector))
                    .fold(0.0, f64::max);
                if overlap >= cfg.max_similarity {
                    continue;
                }
                let value = relevance[i] - cfg.redundancy * overlap;
                // Ties go to the earlier article and sentence, so the choice
                // never depends on hash order.
                if best.is_none_or(|(_, v)| value > v) {
                    best = Some((i, value));
                }
            }
            let Some((i, _)) = best else { break };
            taken[i] = true;
            words += candidates[i].words;
            chosen.push(i);
        }
    }
    let chosen = chosen.into_iter().map(|i| (i, relevance[i])).collect();
    into_picked(candidates, chosen)
}
