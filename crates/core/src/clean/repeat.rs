//! Repetition: a paragraph printed twice in one article, and lines that
//! recur across many articles of one source (the source's page template).

use std::collections::{HashMap, HashSet};

use crate::model::RawArticle;
use crate::text::{fold, fold_into};

/// Folded lines seen so far in one article, by the 64-bit hash of their
/// folded text (two paragraphs of one article sharing a hash would read as
/// one repeated).
#[derive(Debug, Default)]
pub(crate) struct Seen {
    keys: HashSet<u64>,
    buf: String,
}

impl Seen {
    /// Records `text` and says whether an equal paragraph (after folding
    /// case, quotes, dashes and spaces) came earlier.
    pub(crate) fn repeated(&mut self, text: &str) -> bool {
        self.buf.clear();
        fold_into(text, &mut self.buf);
        !self
            .keys
            .insert(xxhash_rust::xxh3::xxh3_64(self.buf.as_bytes()))
    }
}

/// How many articles of one source a line must recur in to count as the
/// source's template, and what share of the source's articles.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TemplateRule {
    pub(crate) min_articles: usize,
    pub(crate) min_share: f32,
}

/// The folded lines that recur across articles of each source. Lines that
/// read as sentences need twice the evidence, since one source may repeat
/// a background paragraph across its reports of a running story.
pub(crate) fn template_lines(
    raws: &[&RawArticle],
    rule: TemplateRule,
    is_sentence: impl Fn(&str) -> bool,
) -> HashMap<String, HashSet<String>> {
    let mut per_source: HashMap<&str, (usize, HashMap<String, usize>)> = HashMap::new();
    for raw in raws {
        let Some(source) = raw.source.as_deref() else {
            continue;
        };
        let entry = per_source.entry(source).or_default();
        entry.0 += 1;
        let mut mine = HashSet::new();
        for line in raw.text.lines() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let key = fold(line);
            if mine.insert(key.clone()) {
                *entry.1.entry(key).or_default() += 1;
            }
        }
    }
    let mut out = HashMap::new();
    for (source, (articles, counts)) in per_source {
        if articles < rule.min_articles {
            continue;
        }
        let lines: HashSet<String> = counts
            .into_iter()
            .filter(|(key, n)| {
                let factor = if is_sentence(key) { 2 } else { 1 };
                *n >= rule.min_articles * factor
                    && *n as f32 >= rule.min_share * factor as f32 * articles as f32
            })
            .map(|(key, _)| key)
            .collect();
        if !lines.is_empty() {
            out.insert(source.to_owned(), lines);
        }
    }
    out
}
