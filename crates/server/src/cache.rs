//! Rendered story pages, kept until the store changes.
//!
//! A story page reads every member, the brief and the facts of up to 300
//! members, and renders them all: hundreds of KB for a story of thousands
//! of articles, tens of milliseconds of work. Between two writes to the
//! store the page cannot change, so it is rendered once and served from
//! memory until the next write. A write is any commit by another
//! connection (an ingest batch, by this server or by `storyline ingest`
//! in another process, or a story assigned by hand), which SQLite reports
//! through `PRAGMA data_version` on a connection kept for that purpose
//! alone. The least recently served pages are dropped beyond the capacity.

use std::sync::Mutex;

use axum::body::Bytes;
use hashlink::LruCache;
use storyline_store::Store;

use crate::Error;

/// Story pages by story id, as of one version of the store.
#[derive(Debug)]
pub(crate) struct PageCache {
    /// Reads the store's data version, and nothing else.
    probe: Mutex<Store>,
    pages: Mutex<Pages>,
}

#[derive(Debug)]
struct Pages {
    version: i64,
    lru: LruCache<i64, Bytes>,
}

impl PageCache {
    /// A cache of at most `capacity` pages over the store at `path`.
    pub(crate) fn open(path: &std::path::Path, capacity: usize) -> Result<PageCache, Error> {
        let probe = Store::open(path)?;
        let version = probe.data_version()?;
        Ok(PageCache {
            probe: Mutex::new(probe),
            pages: Mutex::new(Pages {
                version,
                lru: LruCache::new(capacity.max(1)),
            }),
        })
    }

    /// The store's current version; pages of an older one are dropped.
    /// Blocking (one pragma on the probe connection).
    pub(crate) fn version(&self) -> Result<i64, Error> {
        let version = self.probe.lock().map_err(|_| Error::Task)?.data_version()?;
        let mut pages = self.pages.lock().map_err(|_| Error::Task)?;
        if pages.version != version {
            pages.lru.clear();
            pages.version = version;
        }
        Ok(version)
    }

    /// The page of `story` rendered at `version`, if kept.
    pub(crate) fn get(&self, version: i64, story: i64) -> Option<Bytes> {
        let mut pages = self.pages.lock().ok()?;
        if pages.version != version {
            return None;
        }
        pages.lru.get(&story).cloned()
    }

    /// Keeps the page of `story` rendered from the store at `version`
    /// (read before rendering began, so a write during rendering makes the
    /// page stale at once rather than kept).
    pub(crate) fn put(&self, version: i64, story: i64, page: Bytes) {
        if let Ok(mut pages) = self.pages.lock()
            && pages.version == version
        {
            pages.lru.insert(story, page);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_dropped_when_another_connection_commits() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("c.db");
        let cache = PageCache::open(&path, 2).expect("cache");
        let v = cache.version().expect("version");
        cache.put(v, 1, Bytes::from_static(b"one"));
        cache.put(v, 2, Bytes::from_static(b"two"));
        assert_eq!(cache.get(v, 1).as_deref(), Some(&b"one"[..]));
        // Beyond the capacity the least recently served page goes.
        cache.put(v, 3, Bytes::from_static(b"three"));
        assert_eq!(cache.get(v, 2), None);
        assert_eq!(cache.get(v, 1).as_deref(), Some(&b"one"[..]));
        // A commit elsewhere makes a new version; older pages are gone, and
        // a page rendered from the older version is not kept.
        let mut other = Store::open(&path).expect("store");
        other
            .add_watchlist(&storyline_store::NewWatchlist {
                name: "w".into(),
                kind: storyline_store::WatchKind::Query,
                value: "bridge".into(),
                webhook_url: None,
                secret: None,
            })
            .expect("write");
        let w = cache.version().expect("version");
        assert_ne!(w, v);
        assert_eq!(cache.get(w, 1), None);
        cache.put(v, 1, Bytes::from_static(b"stale"));
        assert_eq!(cache.get(w, 1), None);
    }
}
