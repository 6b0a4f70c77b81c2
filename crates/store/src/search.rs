//! Full-text search over articles (FTS5, BM25 ranking, Porter stemming)
//! with filters by source, entity and publication date.

use chrono::NaiveDate;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::article::{ArticleRow, ROW_COLUMNS, ROW_JOINS};
use crate::query::fts_query;
use crate::{Error, Store};

/// Marks the start of a matched term in [`SearchHit::snippet`] (a control
/// character no article text contains after cleaning, so a renderer can
/// escape the snippet first and then turn markers into highlighting).
pub const MATCH_START: char = '\u{2}';
/// Marks the end of a matched term in [`SearchHit::snippet`].
pub const MATCH_END: char = '\u{3}';

/// A search: text and filters. Empty text with filters lists the matching
/// articles newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchQuery {
    /// What to look for (words, "phrases", prefix*, OR).
    pub text: String,
    /// Only articles from this outlet (case-insensitive).
    pub source: Option<String>,
    /// Only articles mentioning this entity (canonical name, case-insensitive).
    pub entity: Option<String>,
    /// Only articles published on or after this day.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub from: Option<NaiveDate>,
    /// Only articles published on or before this day.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub to: Option<NaiveDate>,
    /// At most this many hits (default 20 when 0, at most 200).
    pub limit: usize,
    /// Skip this many hits.
    pub offset: usize,
}

impl SearchQuery {
    /// A search for `text` without filters.
    pub fn text(text: &str) -> SearchQuery {
        SearchQuery {
            text: text.to_owned(),
            ..SearchQuery::default()
        }
    }

    /// Whether the query asks for anything at all.
    pub fn is_empty(&self) -> bool {
        fts_query(&self.text).is_none()
            && self.source.is_none()
            && self.entity.is_none()
            && self.from.is_none()
            && self.to.is_none()
    }
}

/// One hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHit {
    /// The article.
    pub article: ArticleRow,
    /// A passage around the match, matched terms between [`MATCH_START`] and
    /// [`MATCH_END`]. Untrusted text: escape before rendering.
    pub snippet: String,
    /// BM25 score (lower is better), 0 for filter-only listings.
    pub score: f64,
}

/// The hits of a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResults {
    /// Hits, best first.
    pub hits: Vec<SearchHit>,
    /// Whether there are more beyond `offset + limit`.
    pub more: bool,
}

fn unix(date: NaiveDate) -> i64 {
    date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp()
}

impl Store {
    /// Runs a search.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, Error> {
        let limit = match q.limit {
            0 => 20,
            n => n.min(200),
        };
        let fts = fts_query(&q.text);
        if fts.is_none() && q.is_empty() {
            return Ok(SearchResults {
                hits: Vec::new(),
                more: false,
            });
        }
        let mut sql = String::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(fts) = &fts {
            sql.push_str(&format!(
                "SELECT {ROW_COLUMNS}, snippet(article_fts, 1, char(2), char(3), '…', 24), \
                 bm25(article_fts, 4.0, 1.0) AS score \
                 FROM article_fts JOIN articles a ON a.seq = article_fts.rowid {ROW_JOINS} \
                 WHERE article_fts MATCH ?"
            ));
            args.push(Value::Text(fts.clone()));
        } else {
            sql.push_str(&format!(
                "SELECT {ROW_COLUMNS}, substr(f.body, 1, 200), 0.0 AS score \
                 FROM articles a JOIN article_fts f ON f.rowid = a.seq {ROW_JOINS} WHERE 1"
            ));
        }
        if let Some(source) = &q.source {
            sql.push_str(" AND a.source = ? COLLATE NOCASE");
            args.push(Value::Text(source.clone()));
        }
        if let Some(entity) = &q.entity {
            sql.push_str(
                " AND EXISTS (SELECT 1 FROM article_entities e WHERE e.article = a.seq AND e.entity = ? COLLATE NOCASE)",
            );
            args.push(Value::Text(entity.clone()));
        }
        if let Some(from) = q.from {
            sql.push_str(" AND a.published_unix >= ?");
            args.push(Value::Integer(unix(from)));
        }
        if let Some(to) = q.to {
            sql.push_str(" AND a.published_unix < ?");
            args.push(Value::Integer(unix(to) + 86_400));
        }
        if fts.is_some() {
            sql.push_str(" ORDER BY score, a.seq");
        } else {
            sql.push_str(" ORDER BY a.published_unix DESC, a.seq DESC");
        }
        sql.push_str(" LIMIT ? OFFSET ?");
        args.push(Value::Integer(limit as i64 + 1));
        args.push(Value::Integer(q.offset as i64));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            Ok(SearchHit {
                article: ArticleRow::from_row(r)?,
                snippet: r.get(10)?,
                score: r.get(11)?,
            })
        })?;
        let mut hits = rows.collect::<Result<Vec<_>, _>>()?;
        let more = hits.len() > limit;
        hits.truncate(limit);
        Ok(SearchResults { hits, more })
    }

    /// Outlets with how many articles each has, most first.
    pub fn sources(&self) -> Result<Vec<(String, u64)>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT source, count(*) FROM articles WHERE source IS NOT NULL \
             GROUP BY source COLLATE NOCASE ORDER BY count(*) DESC, source LIMIT 500",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
