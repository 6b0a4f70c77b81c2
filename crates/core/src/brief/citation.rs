//! Citations: which articles of a story carry a sentence?
//!
//! A sentence is carried by an article when most of its word 3-shingles
//! (words folded with [`crate::text::fold`], so quote styles and case do not
//! matter) occur in one sentence of that article: a syndicated copy, a
//! trimmed copy or a lifted paragraph all carry it, a paraphrase does not.
//! The citation keeps the span of the carrying sentence, so every cited
//! sentence can be found in every source it is attributed to.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::extract::Span;
use crate::model::{Article, ArticleId};
use crate::sentence::{self, Sentence};

/// One article carrying a sentence, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// The article.
    pub article: ArticleId,
    /// Its outlet, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The carrying sentence's span in that article.
    pub span: Span,
    /// Share of the cited sentence's shingles found there (1 = verbatim).
    pub overlap: f32,
}

fn shingles(text: &str) -> HashSet<u64> {
    let folded = crate::text::fold(text);
    let words: Vec<&str> = crate::text::words(&folded).collect();
    let mut out = HashSet::new();
    if words.len() < 3 {
        if !words.is_empty() {
            out.insert(xxhash_rust::xxh3::xxh3_64(words.join(" ").as_bytes()));
        }
        return out;
    }
    for w in words.windows(3) {
        out.insert(xxhash_rust::xxh3::xxh3_64(w.join(" ").as_bytes()));
    }
    out
}

/// The sentences of a story's articles, indexed for citing.
#[derive(Debug)]
pub struct Citations<'a> {
    articles: &'a [&'a Article],
    sentences: Vec<Vec<(Sentence, HashSet<u64>)>>,
    min_overlap: f32,
}

impl<'a> Citations<'a> {
    /// Indexes `articles`; a sentence is carried where at least
    /// `min_overlap` of its shingles occur in one sentence.
    pub fn new(articles: &'a [&'a Article], min_overlap: f32) -> Self {
        let sentences = articles
            .iter()
            .map(|a| {
                sentence::split(&a.paragraphs)
                    .into_iter()
                    .map(|s| {
                        let sh = shingles(&s.text);
                        (s, sh)
                    })
                    .collect()
            })
            .collect();
        Citations {
            articles,
            sentences,
            min_overlap,
        }
    }

    /// Every article carrying `text`, in the order of the story's articles.
    /// `origin` (article index and span) is the sentence's own place and is
    /// always cited, whatever the overlap.
    pub fn cite(&self, text: &str, origin: Option<(usize, Span)>) -> Vec<Citation> {
        let mine = shingles(text);
        let mut out = Vec::new();
        for (a, sentences) in self.sentences.iter().enumerate() {
            let own = origin.filter(|(o, _)| *o == a).map(|(_, span)| span);
            let mut best: Option<(f32, Span)> = own.map(|span| (1.0, span));
            if best.is_none() && !mine.is_empty() {
                for (s, sh) in sentences {
                    let shared = mine.intersection(sh).count() as f32 / mine.len() as f32;
                    if shared >= self.min_overlap && best.is_none_or(|(b, _)| shared > b) {
                        best = Some((shared, s.span));
                    }
                }
            }
            if let Some((overlap, span)) = best {
                let article = self.articles[a];
                out.push(Citation {
                    article: article.id.clone(),
                    source: article.source.clone(),
                    span,
                    overlap,
                });
            }
        }
        out
    }
}
