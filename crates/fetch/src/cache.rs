//! The conditional-request cache: for each URL fetched with a validator
//! (`ETag` or `Last-Modified`), the validators and the body, so that the
//! next fetch asks "changed since?" and an unchanged page costs a `304`.
//!
//! One file per URL, named by the xxh3 hash of the URL, holding a JSON
//! header line and then the body. A file that cannot be read is a miss.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// A cached response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CacheEntry {
    /// The URL after redirects.
    pub(crate) final_url: String,
    /// The `ETag` the server sent.
    pub(crate) etag: Option<String>,
    /// The `Last-Modified` the server sent.
    pub(crate) last_modified: Option<String>,
    /// The content type the server sent.
    pub(crate) content_type: Option<String>,
    /// The body (not in the JSON header line).
    #[serde(skip)]
    pub(crate) body: Vec<u8>,
}

/// The version of the cache file layout, part of every file name.
const LAYOUT: u32 = 1;

/// A directory of cached responses.
#[derive(Debug, Clone)]
pub(crate) struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache in `dir` (created on the first write).
    pub(crate) fn new(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    fn path(&self, url: &str) -> PathBuf {
        let h = xxhash_rust::xxh3::xxh3_128(url.as_bytes());
        self.dir.join(format!("{h:032x}.v{LAYOUT}"))
    }

    /// The cached response for `url`, if there is a readable one.
    pub(crate) fn get(&self, url: &str) -> Option<CacheEntry> {
        let file = std::fs::File::open(self.path(url)).ok()?;
        let mut reader = BufReader::new(file);
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let (cached_url, mut entry): (String, CacheEntry) = serde_json::from_str(&header).ok()?;
        // Two URLs with one hash: treat as a miss.
        if cached_url != url {
            return None;
        }
        reader.read_to_end(&mut entry.body).ok()?;
        Some(entry)
    }

    /// Stores the response for `url`, replacing the file atomically.
    pub(crate) fn put(&self, url: &str, entry: &CacheEntry) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let path = self.path(url);
        let tmp = path.with_extension("tmp");
        let mut f = std::fs::File::create(&tmp)?;
        serde_json::to_writer(&mut f, &(url, entry))?;
        f.write_all(b"\n")?;
        f.write_all(&entry.body)?;
        f.sync_all()?;
        std::fs::rename(tmp, path)
    }
}
