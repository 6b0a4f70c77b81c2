//! Cleaning: from a raw article's text to paragraphs of reporting plus the
//! metadata (dateline, byline, credits) found in it, with every removed line
//! kept and the reason it was removed.
//!
//! PLACEHOLDER: paragraph splitting only; the real cleaner replaces this.

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::model::{Article, RawArticle};

/// Settings for [`clean`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CleanConfig {
    /// Remove a paragraph that repeats an earlier one of the same article.
    pub drop_repeated: bool,
}

impl Default for CleanConfig {
    fn default() -> Self {
        CleanConfig {
            drop_repeated: true,
        }
    }
}

/// A cleaned article and what was wrong with its input.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    /// The article.
    pub article: Article,
    /// Problems found while cleaning it.
    pub diagnostics: Vec<Diagnostic>,
}

/// Cleans one article.
pub fn clean(raw: &RawArticle, _cfg: &CleanConfig) -> Cleaned {
    let paragraphs = raw
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "Leave a Reply")
        .map(str::to_owned)
        .collect();
    Cleaned {
        article: Article {
            id: raw.id.clone(),
            url: raw.url.clone(),
            source: raw.source.clone(),
            published: raw.published,
            title: raw.title.clone(),
            byline: None,
            dateline: None,
            credits: Vec::new(),
            paragraphs,
            removed: Vec::new(),
        },
        diagnostics: Vec::new(),
    }
}

/// Cleans a batch: like [`clean`] on each article, plus what only a batch
/// shows (lines repeated across many articles of one source).
pub fn clean_batch(raws: &[RawArticle], cfg: &CleanConfig) -> Vec<Cleaned> {
    raws.iter().map(|r| clean(r, cfg)).collect()
}
