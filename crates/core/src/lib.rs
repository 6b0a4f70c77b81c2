//! storyline's core: the article model and the pure stages that turn a pile of
//! articles into stories.
//!
//! Everything here is a function over plain data. Nothing in this crate reads
//! files, the network or the clock; time comes in with the articles.
//!
//! ```
//! use storyline_core::{clean, ArticleId, CleanConfig, Location, RawArticle};
//! let raw = RawArticle {
//!     id: ArticleId::from("a1"),
//!     origin: Location::file("a1.txt"),
//!     url: None,
//!     source: None,
//!     published: None,
//!     title: Some("Rain in Springfield".into()),
//!     text: "It rained in Springfield on Monday, officials said.\n\nLeave a Reply".into(),
//!     meta: Default::default(),
//! };
//! let cleaned = clean(&raw, &CleanConfig::default());
//! assert_eq!(cleaned.article.paragraphs.len(), 1);
//! ```

pub mod brief;
pub mod clean;
pub mod cluster;
pub mod corroborate;
pub mod dedup;
pub mod diagnostic;
pub mod eval;
pub mod extract;
pub mod model;
pub mod sentence;
pub mod text;

pub use clean::{CleanConfig, Cleaned, clean, clean_batch, clean_batch_among, context_of};
pub use diagnostic::{Diagnostic, Location, Severity};
pub use model::{
    Article, ArticleId, Credit, CreditKind, Dateline, Meta, Precision, RawArticle, RemovalReason,
    Removed, Timestamp,
};
