//! The store's error type.

/// What can go wrong reading or writing the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database file could not be opened.
    #[error(
        "cannot open store {path}: {source}; check the path and that no other program holds it"
    )]
    Open {
        /// The path given.
        path: String,
        /// SQLite's reason.
        source: rusqlite::Error,
    },
    /// The file was written by a newer storyline.
    #[error(
        "store has schema version {found} but this storyline supports up to {supported}; upgrade storyline"
    )]
    SchemaTooNew {
        /// The version found in the file.
        found: u32,
        /// The newest version this build knows.
        supported: u32,
    },
    /// SQLite failed.
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored JSON value did not parse, or a value did not serialise.
    #[error("store: bad stored value ({0}); the file may come from an incompatible build")]
    Json(#[from] serde_json::Error),
    /// A request named something that is not there.
    #[error("{0} not found")]
    NotFound(String),
    /// A request was malformed.
    #[error("{0}")]
    Invalid(String),
}
