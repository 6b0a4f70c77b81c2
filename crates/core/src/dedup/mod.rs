//! Dedup: which articles are copies of the same reporting?
//!
//! Exact and near duplicates are found with MinHash over word shingles and
//! LSH banding; partial copies (a trimmed wire story, a long copy wrapped in
//! page furniture, a story that lifts paragraphs) with winnowed anchors and
//! containment measured on the exact shingle sets, at article and paragraph
//! level. Every candidate is verified exactly, so the sketches only decide
//! what is compared, never what is linked. Linked articles form syndication
//! groups (stars around a canonical member, so chains and stock passages do
//! not merge unrelated reporting); [`independent_sources`] turns the groups
//! into the source count corroboration needs.
//!
//! ```
//! use storyline_core::dedup::{DedupConfig, Relation, dedup};
//! # use storyline_core::{Article, ArticleId};
//! # fn article(id: &str, paragraphs: &[&str]) -> Article {
//! #     Article { id: ArticleId::from(id), url: None, source: None, published: None,
//! #         title: None, byline: None, dateline: None, credits: vec![],
//! #         paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(), removed: vec![], meta: Default::default() }
//! # }
//! let p1 = "The regional council voted on Tuesday to close the old quarry road to lorries from next spring.";
//! let p2 = "Residents had complained for years about dust and noise, the council leader told reporters.";
//! let p3 = "A bypass is planned but has no budget yet, and work is not expected to start before 2030.";
//! let full = article("full", &[p1, p2, p3]);
//! let trimmed = article("trimmed", &[p1]);
//! let groups = dedup(&[trimmed, full], &DedupConfig::default());
//! let g = &groups.groups[0];
//! assert_eq!(g.canonical.as_str(), "full");
//! assert_eq!(g.members[1].relation, Relation::Contained);
//! ```

use serde::{Deserialize, Serialize};

pub mod containment;
pub mod index;
pub mod lsh;
pub mod minhash;
pub mod shingle;
pub mod sources;
pub mod syndication;

pub use index::DedupIndex;
pub use sources::independent_sources;
pub use syndication::{Group, Member, Relation, Syndication};

use crate::model::Article;

/// Settings for dedup. The defaults are the ones the quality gate
/// (`storyline eval dedup`) measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DedupConfig {
    /// Words per shingle. Default 4: short enough that a typo or a changed
    /// word spoils few shingles, long enough that stock phrases rarely match.
    pub shingle_words: usize,
    /// LSH bands. Bands × rows is the MinHash signature length. Default 32.
    pub bands: usize,
    /// Values per LSH band. Default 4: with 32 bands, pairs with Jaccard 0.5
    /// become candidates with probability 0.87, 0.6 with 0.99.
    pub rows: usize,
    /// Seed of the MinHash permutations.
    pub seed: u64,
    /// Winnowing window in shingles. Default 6: any shared passage of
    /// `anchor_window + shingle_words - 1` = 9 words yields a common anchor.
    pub anchor_window: usize,
    /// Anchors two articles must share to be compared. Default 2.
    pub min_shared_anchors: usize,
    /// Anchors found in more articles than this are stock phrases, ignored
    /// when looking for candidates. Default 500.
    pub max_anchor_postings: usize,
    /// Jaccard similarity at or above which two articles are near copies.
    /// Default 0.6.
    pub near_jaccard: f32,
    /// Share of the smaller article found in the larger at or above which
    /// the two are copies. Default 0.6.
    pub containment: f32,
    /// The same share when both credit a common agency. Default 0.45.
    pub containment_with_credit: f32,
    /// Shingles a containment link needs at least. Default 12, so a
    /// one-sentence brief does not link to every story quoting it.
    pub min_shared_shingles: usize,
    /// Containment at or above which a member is `contained` in (or
    /// `contains`) the canonical text rather than sharing paragraphs.
    /// Default 0.8.
    pub contained: f32,
    /// Paragraphs with fewer shingles are not judged as shared. Default 6.
    pub paragraph_min_shingles: usize,
    /// Share of a paragraph's shingles another article must have for the
    /// paragraph to count as shared. Default 0.8.
    pub paragraph_containment: f32,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            shingle_words: 4,
            bands: 32,
            rows: 4,
            seed: 0x5107_11e5,
            anchor_window: 6,
            min_shared_anchors: 2,
            max_anchor_postings: 500,
            near_jaccard: 0.6,
            containment: 0.6,
            containment_with_credit: 0.45,
            min_shared_shingles: 12,
            contained: 0.8,
            paragraph_min_shingles: 6,
            paragraph_containment: 0.8,
        }
    }
}

/// Groups one batch of articles into syndication groups: the one-shot form
/// of [`DedupIndex`].
pub fn dedup(articles: &[Article], config: &DedupConfig) -> Syndication {
    let mut index = DedupIndex::new(config.clone());
    index.add(articles);
    index.syndication()
}

#[cfg(test)]
mod tests;
