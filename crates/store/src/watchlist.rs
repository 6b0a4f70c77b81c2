//! Watchlists (an entity or a query a user follows), the articles that
//! matched them, and the webhook deliveries queued for them.
//!
//! Matching happens inside the ingest transaction, so a delivery is queued
//! exactly when its articles are committed; the server's delivery loop then
//! sends, retries with backoff, and records the outcome here.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::article::{ArticleRow, ROW_COLUMNS, ROW_JOINS};
use crate::query::fts_query;
use crate::{Error, Store};

/// What a watchlist follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum WatchKind {
    /// Articles mentioning an entity (canonical name, case-insensitive).
    Entity,
    /// Articles matching a full-text query.
    Query,
}

impl WatchKind {
    fn as_str(self) -> &'static str {
        match self {
            WatchKind::Entity => "entity",
            WatchKind::Query => "query",
        }
    }

    fn parse(s: &str) -> WatchKind {
        if s == "entity" {
            WatchKind::Entity
        } else {
            WatchKind::Query
        }
    }
}

/// A watchlist to create.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewWatchlist {
    /// A name for people.
    pub name: String,
    /// Entity or query.
    pub kind: WatchKind,
    /// The entity name or the query text.
    pub value: String,
    /// Where to POST matches, if anywhere.
    #[serde(default)]
    pub webhook_url: Option<String>,
    /// The key deliveries are signed with (HMAC-SHA256); required with a
    /// webhook.
    #[serde(default)]
    pub secret: Option<String>,
}

/// A stored watchlist. The secret is never read back out through this type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Watchlist {
    /// Its id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Entity or query.
    pub kind: WatchKind,
    /// The entity or query.
    pub value: String,
    /// Where matches are POSTed.
    pub webhook_url: Option<String>,
}

/// A queued webhook delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Delivery {
    /// Its id.
    pub id: i64,
    /// The watchlist.
    pub watchlist: i64,
    /// Target URL.
    pub url: String,
    /// Signing key.
    pub secret: String,
    /// The JSON body to send.
    pub payload: String,
    /// Attempts so far.
    pub attempts: u32,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    /// The last error, when an attempt failed.
    pub last_error: Option<String>,
}

impl Store {
    /// Creates a watchlist. Stored articles that match (the latest
    /// [`BACKFILL`]) are recorded as its first hits, so its feed starts
    /// full; webhooks fire only for articles that arrive later.
    pub fn add_watchlist(&mut self, w: &NewWatchlist) -> Result<Watchlist, Error> {
        if w.name.trim().is_empty() || w.value.trim().is_empty() {
            return Err(Error::Invalid(
                "a watchlist needs a name and a value; give both".into(),
            ));
        }
        if w.kind == WatchKind::Query && fts_query(&w.value).is_none() {
            return Err(Error::Invalid(format!(
                "watchlist query {:?} has no searchable word; give words to look for",
                w.value
            )));
        }
        if let Some(url) = &w.webhook_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(Error::Invalid(format!(
                    "webhook url {url:?} is not http or https; give a full http(s) URL"
                )));
            }
            if w.secret.as_deref().is_none_or(|s| s.len() < 16) {
                return Err(Error::Invalid(
                    "a webhook needs a secret of at least 16 characters to sign deliveries with"
                        .into(),
                ));
            }
        }
        self.conn.execute(
            "INSERT INTO watchlists (name, kind, value, webhook_url, secret) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![w.name.trim(), w.kind.as_str(), w.value.trim(), w.webhook_url, w.secret],
        )?;
        let id = self.conn.last_insert_rowid();
        backfill(&self.conn, id, w.kind, w.value.trim())?;
        self.watchlist(id)?
            .ok_or_else(|| Error::NotFound(format!("watchlist {id}")))
    }

    /// Deletes a watchlist with its hits and deliveries. Returns whether it
    /// existed.
    pub fn remove_watchlist(&mut self, id: i64) -> Result<bool, Error> {
        Ok(self
            .conn
            .execute("DELETE FROM watchlists WHERE id = ?1", [id])?
            > 0)
    }

    /// One watchlist.
    pub fn watchlist(&self, id: i64) -> Result<Option<Watchlist>, Error> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, name, kind, value, webhook_url FROM watchlists WHERE id = ?1",
                [id],
                watchlist_row,
            )
            .optional()?)
    }

    /// Every watchlist.
    pub fn watchlists(&self) -> Result<Vec<Watchlist>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, kind, value, webhook_url FROM watchlists ORDER BY id",
        )?;
        let rows = stmt.query_map([], watchlist_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The articles that matched a watchlist, newest first, with when their
    /// batch was received.
    pub fn watch_hits(
        &self,
        watchlist: i64,
        limit: usize,
    ) -> Result<Vec<(ArticleRow, String)>, Error> {
        let sql = format!(
            "SELECT {ROW_COLUMNS}, b.received FROM watch_hits h JOIN articles a ON a.seq = h.article \
             JOIN batches b ON b.id = h.batch {ROW_JOINS} WHERE h.watchlist = ?1 \
             ORDER BY h.batch DESC, a.seq DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![watchlist, limit as i64], |r| {
            Ok((ArticleRow::from_row(r)?, r.get(10)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Deliveries due at `now_unix` (pending, next attempt not in the
    /// future), oldest first.
    pub fn due_deliveries(&self, now_unix: i64, limit: usize) -> Result<Vec<Delivery>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.watchlist, w.webhook_url, w.secret, d.payload, d.attempts, d.status, d.last_error \
             FROM webhook_deliveries d JOIN watchlists w ON w.id = d.watchlist \
             WHERE d.status = 'pending' AND d.next_attempt_unix <= ?1 AND w.webhook_url IS NOT NULL \
             ORDER BY d.id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![now_unix, limit as i64], delivery_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every delivery of a watchlist, newest first.
    pub fn deliveries(&self, watchlist: i64) -> Result<Vec<Delivery>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.watchlist, coalesce(w.webhook_url, ''), coalesce(w.secret, ''), d.payload, d.attempts, d.status, d.last_error \
             FROM webhook_deliveries d JOIN watchlists w ON w.id = d.watchlist \
             WHERE d.watchlist = ?1 ORDER BY d.id DESC",
        )?;
        let rows = stmt.query_map([watchlist], delivery_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records a successful delivery.
    pub fn delivered(&mut self, id: i64, now_unix: i64) -> Result<(), Error> {
        self.conn.execute(
            "UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, \
             delivered_unix = ?2, last_error = NULL WHERE id = ?1",
            params![id, now_unix],
        )?;
        Ok(())
    }

    /// Records a failed attempt: retried at `retry_at_unix`, or given up on
    /// when that is `None`.
    pub fn delivery_failed(
        &mut self,
        id: i64,
        error: &str,
        retry_at_unix: Option<i64>,
    ) -> Result<(), Error> {
        self.conn.execute(
            "UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = ?2, \
             status = CASE WHEN ?3 IS NULL THEN 'failed' ELSE 'pending' END, \
             next_attempt_unix = coalesce(?3, next_attempt_unix) WHERE id = ?1",
            params![id, error, retry_at_unix],
        )?;
        Ok(())
    }
}

/// How many stored articles a new watchlist is matched against.
pub const BACKFILL: usize = 1000;

fn backfill(conn: &Connection, id: i64, kind: WatchKind, value: &str) -> Result<(), Error> {
    match kind {
        WatchKind::Entity => conn.execute(
            "INSERT OR IGNORE INTO watch_hits (watchlist, article, batch) \
             SELECT ?1, a.seq, a.batch FROM articles a JOIN article_entities e ON e.article = a.seq \
             WHERE e.entity = ?2 COLLATE NOCASE ORDER BY a.seq DESC LIMIT ?3",
            params![id, value, BACKFILL as i64],
        )?,
        WatchKind::Query => match fts_query(value) {
            Some(q) => conn.execute(
                "INSERT OR IGNORE INTO watch_hits (watchlist, article, batch) \
                 SELECT ?1, a.seq, a.batch FROM article_fts JOIN articles a ON a.seq = article_fts.rowid \
                 WHERE article_fts MATCH ?2 ORDER BY a.seq DESC LIMIT ?3",
                params![id, q, BACKFILL as i64],
            )?,
            None => 0,
        },
    };
    Ok(())
}

fn watchlist_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Watchlist> {
    Ok(Watchlist {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: WatchKind::parse(&r.get::<_, String>(2)?),
        value: r.get(3)?,
        webhook_url: r.get(4)?,
    })
}

fn delivery_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Delivery> {
    Ok(Delivery {
        id: r.get(0)?,
        watchlist: r.get(1)?,
        url: r.get(2)?,
        secret: r.get(3)?,
        payload: r.get(4)?,
        attempts: r.get(5)?,
        status: r.get(6)?,
        last_error: r.get(7)?,
    })
}

/// Matches the articles of `batch` against every watchlist, records the
/// hits and queues one delivery per watchlist with a webhook. Returns the
/// number of hits.
pub(crate) fn match_batch(conn: &Connection, batch: i64) -> Result<usize, Error> {
    let mut lists = conn.prepare_cached("SELECT id, kind, value, webhook_url FROM watchlists")?;
    let lists = lists
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut total = 0;
    for (id, kind, value, webhook) in lists {
        let seqs: Vec<i64> = if kind == "entity" {
            let mut stmt = conn.prepare_cached(
                "SELECT DISTINCT a.seq FROM articles a JOIN article_entities e ON e.article = a.seq \
                 WHERE a.batch = ?1 AND e.entity = ?2 COLLATE NOCASE ORDER BY a.seq",
            )?;
            stmt.query_map(params![batch, value], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        } else if let Some(q) = fts_query(&value) {
            let mut stmt = conn.prepare_cached(
                "SELECT a.seq FROM article_fts JOIN articles a ON a.seq = article_fts.rowid \
                 WHERE article_fts MATCH ?2 AND a.batch = ?1 ORDER BY a.seq",
            )?;
            stmt.query_map(params![batch, q], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        } else {
            Vec::new()
        };
        if seqs.is_empty() {
            continue;
        }
        let mut hit = conn.prepare_cached(
            "INSERT OR IGNORE INTO watch_hits (watchlist, article, batch) VALUES (?1, ?2, ?3)",
        )?;
        for &seq in &seqs {
            hit.execute(params![id, seq, batch])?;
        }
        total += seqs.len();
        if webhook.is_some() {
            let payload = delivery_payload(conn, id, batch, &seqs)?;
            conn.execute(
                "INSERT INTO webhook_deliveries (watchlist, batch, payload) VALUES (?1, ?2, ?3)",
                params![id, batch, payload],
            )?;
        }
    }
    Ok(total)
}

fn delivery_payload(
    conn: &Connection,
    watchlist: i64,
    batch: i64,
    seqs: &[i64],
) -> Result<String, Error> {
    let (name, kind, value): (String, String, String) = conn.query_row(
        "SELECT name, kind, value FROM watchlists WHERE id = ?1",
        [watchlist],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let received: String =
        conn.query_row("SELECT received FROM batches WHERE id = ?1", [batch], |r| {
            r.get(0)
        })?;
    let sql = format!("SELECT {ROW_COLUMNS} FROM articles a {ROW_JOINS} WHERE a.seq = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut articles = Vec::with_capacity(seqs.len());
    for &seq in seqs {
        articles.push(stmt.query_row([seq], ArticleRow::from_row)?);
    }
    Ok(serde_json::to_string(&serde_json::json!({
        "watchlist": { "id": watchlist, "name": name, "kind": kind, "value": value },
        "batch": batch,
        "received": received,
        "articles": articles,
    }))?)
}
