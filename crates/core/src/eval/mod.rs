//! Evaluation: the metrics every quality gate is measured with.
//!
//! Clustering is scored with B-cubed, pairwise P/R/F1, ARI and NMI
//! ([`score_clustering`]); summaries with ROUGE-1/2/L ([`score_summaries`]).
//! Both are pure functions over maps read by the CLI. [`republish`]
//! generates the dedup benchmark: copies of real articles with their truth.

mod cluster;
pub mod republish;
mod rouge;
pub mod segments;

pub use cluster::{ClusterScores, Prf, score_clustering};
pub use rouge::{RougeConfig, RougeScores, score_summaries, truncate_words};
