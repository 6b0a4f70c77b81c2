//! storyline's store: articles, their cleaned text and removed lines,
//! syndication groups, story assignments, briefs, watchlists and webhook
//! deliveries in one SQLite file, with full-text search over FTS5.
//!
//! The file is opened in WAL mode, so readers (the web server) never block
//! the writer (ingest) and a process killed mid-write leaves the last
//! committed state intact. The schema is versioned (`PRAGMA user_version`)
//! and migrated forward on open. Everything an ingest batch writes (its
//! articles, groups, stories, briefs, watchlist hits, the clusterer's state)
//! is committed in one transaction, so a batch is stored whole or not at all.
//!
//! ```
//! use storyline_store::{Pipeline, PipelineConfig, SearchQuery, Store};
//! # use storyline_core::{Article, ArticleId};
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = Store::open(&dir.path().join("s.db")).unwrap();
//! let article = Article {
//!     id: ArticleId::from("a1"), url: None, source: Some("Daily Post".into()),
//!     published: None, title: Some("Ferry timetable approved".into()), byline: None,
//!     dateline: None, credits: vec![], removed: vec![], meta: Default::default(),
//!     paragraphs: vec!["The harbour board approved a new ferry timetable on Friday.".into()],
//! };
//! let mut pipeline = Pipeline::open(&mut store, PipelineConfig::default()).unwrap();
//! let report = pipeline.ingest(&mut store, "example", "2031-05-16T09:00:00Z", &[article.clone()]).unwrap();
//! assert_eq!(report.added, 1);
//! // Re-ingesting is idempotent.
//! let again = pipeline.ingest(&mut store, "example", "2031-05-16T09:05:00Z", &[article]).unwrap();
//! assert_eq!((again.added, again.already_stored), (0, 1));
//! let hits = store.search(&SearchQuery::text("ferries")).unwrap();
//! assert_eq!(hits.hits[0].article.id, "a1");
//! ```

mod article;
mod error;
mod facts;
mod pipeline;
mod query;
mod schema;
mod search;
mod story;
mod watchlist;

use std::path::Path;

use rusqlite::{Connection, OptionalExtension};

pub use article::{ArticleRow, StoredArticle, SyndicationInfo};
pub use error::Error;
pub use facts::{DateFact, Facts, FigureFact, QuoteFact, facts, sentence};
#[cfg(test)]
use pipeline::PassageIndex;
pub use pipeline::{BatchReport, Pipeline, PipelineConfig};
pub use query::fts_query;
pub use schema::SCHEMA_VERSION;
pub use search::{MATCH_END, MATCH_START, SearchHit, SearchQuery, SearchResults};
pub use story::{StoryDetail, StoryOrder, StorySummary, StoryUpdate, Volume};
pub use watchlist::{BACKFILL, Delivery, NewWatchlist, WatchKind, Watchlist};

/// A storyline store: one SQLite database file.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and migrates its
    /// schema to [`SCHEMA_VERSION`].
    pub fn open(path: &Path) -> Result<Store, Error> {
        let conn = Connection::open(path).map_err(|source| Error::Open {
            path: path.display().to_string(),
            source,
        })?;
        Store::from_connection(conn)
    }

    fn from_connection(mut conn: Connection) -> Result<Store, Error> {
        // WAL lets the server read while ingest writes. `synchronous=NORMAL`
        // is durable against a killed process (the WAL is in the OS page
        // cache); only a power cut can lose the last commits, never corrupt.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<u32, Error> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs SQLite's integrity check and the store's own consistency checks
    /// (every article indexed for search exactly once, every member's story
    /// present). Returns the problems found; empty means sound.
    pub fn check(&self) -> Result<Vec<String>, Error> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(format!("sqlite: {row}"));
            }
        }
        let articles = self.article_count()?;
        let indexed: i64 = self
            .conn
            .query_row("SELECT count(*) FROM article_fts", [], |r| r.get(0))?;
        if indexed as u64 != articles {
            problems.push(format!(
                "{articles} articles but {indexed} search entries; re-ingest the inputs into a new store"
            ));
        }
        let orphans: i64 = self.conn.query_row(
            "SELECT count(*) FROM article_fts f LEFT JOIN articles a ON a.seq = f.rowid WHERE a.seq IS NULL",
            [],
            |r| r.get(0),
        )?;
        if orphans > 0 {
            problems.push(format!("{orphans} search entries without an article"));
        }
        let lost: i64 = self.conn.query_row(
            "SELECT count(*) FROM story_members m LEFT JOIN stories s ON s.id = m.story WHERE s.id IS NULL",
            [],
            |r| r.get(0),
        )?;
        if lost > 0 {
            problems.push(format!("{lost} story members point at no story"));
        }
        Ok(problems)
    }

    /// How many articles are stored.
    pub fn article_count(&self) -> Result<u64, Error> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// The latest batch, when anything was ingested: its id and when it was
    /// received.
    pub fn latest_batch(&self) -> Result<Option<(i64, String)>, Error> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, received FROM batches ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// A number that changes whenever another connection commits a write
    /// to the store (`PRAGMA data_version`): readers that keep derived data
    /// (the server's rendered pages) compare it to know when to drop it.
    pub fn data_version(&self) -> Result<i64, Error> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// A state blob saved by the pipeline (the clusterer's, dedup's): the
    /// batch it includes and its JSON.
    pub fn state(&self, name: &str) -> Result<Option<(i64, String)>, Error> {
        Ok(self
            .conn
            .query_row(
                "SELECT batch, value FROM state WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests;
