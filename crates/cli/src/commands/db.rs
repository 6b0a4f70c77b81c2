//! The `--db PATH` flag every store command takes.

use std::path::PathBuf;

use anyhow::Context;
use storyline_store::Store;

/// Where the store is.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct Db {
    /// The store file (SQLite); created when absent.
    #[arg(long, value_name = "PATH", default_value = "storyline.db")]
    pub(crate) db: PathBuf,
}

impl Db {
    /// Opens the store, migrating it when needed.
    pub(crate) fn open(&self) -> anyhow::Result<Store> {
        Store::open(&self.db).with_context(|| format!("cannot use store {}", self.db.display()))
    }

    /// Opens a store that must exist already (read commands do not create
    /// an empty one by mistake).
    pub(crate) fn open_existing(&self) -> anyhow::Result<Store> {
        if !self.db.exists() {
            anyhow::bail!(
                "store {} does not exist; run `storyline ingest INPUT --db {}` first",
                self.db.display(),
                self.db.display()
            );
        }
        self.open()
    }
}

/// Now, in UTC, as RFC 3339: when a batch was received.
pub(crate) fn now() -> String {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
