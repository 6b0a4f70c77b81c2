//! Articles as stored: the cleaned article with its removed lines, where it
//! sits in syndication and which story it belongs to.

use std::collections::HashSet;

use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use storyline_core::Article;

use crate::{Error, Facts, Store};

/// An article's place in a syndication group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyndicationInfo {
    /// The group's canonical article id.
    pub canonical: String,
    /// This article's relation to it (`canonical`, `exact`, `near`, ...).
    pub relation: String,
    /// Similarity to the canonical article.
    pub similarity: f64,
}

/// One line of a listing: an article's metadata without its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleRow {
    /// Position in ingest order (unique, never reused).
    pub seq: i64,
    /// The article id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// URL as given by the input (untrusted: render escaped, never as a link
    /// unless it is http or https).
    pub url: Option<String>,
    /// Publication time: RFC 3339, or the day alone (`2026-03-20`) for an
    /// article dated only by its dateline or a header line.
    pub published: Option<String>,
    /// The story it belongs to, once clustered.
    pub story: Option<i64>,
    /// Its syndication group, when it has copies.
    pub syndication: Option<SyndicationInfo>,
}

/// An article with everything stored about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredArticle {
    /// Metadata and placement.
    pub row: ArticleRow,
    /// The cleaned article, removed lines included.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub article: Article,
    /// The batch that stored it.
    pub batch: i64,
    /// When that batch was received, RFC 3339.
    pub received: String,
}

/// The columns [`ArticleRow::from_row`] reads, over `articles a`, with
/// `story_members m` and `syndication y` / `articles c` (the canonical) left
/// joined.
pub(crate) const ROW_COLUMNS: &str =
    "a.seq, a.id, a.title, a.source, a.url, a.published, m.story, c.id, y.relation, y.similarity";

/// The joins [`ROW_COLUMNS`] needs.
pub(crate) const ROW_JOINS: &str = "LEFT JOIN story_members m ON m.article = a.seq \
     LEFT JOIN syndication y ON y.article = a.seq \
     LEFT JOIN articles c ON c.seq = y.canonical";

impl ArticleRow {
    pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<ArticleRow> {
        let canonical: Option<String> = r.get(7)?;
        let syndication = match canonical {
            Some(canonical) => Some(SyndicationInfo {
                canonical,
                relation: r.get(8)?,
                similarity: r.get(9)?,
            }),
            None => None,
        };
        Ok(ArticleRow {
            seq: r.get(0)?,
            id: r.get(1)?,
            title: r.get(2)?,
            source: r.get(3)?,
            url: r.get(4)?,
            published: r.get(5)?,
            story: r.get(6)?,
            syndication,
        })
    }
}

impl Store {
    /// Which of `ids` are already stored.
    pub fn known_ids<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashSet<String>, Error> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
        let mut known = HashSet::new();
        for id in ids {
            if stmt.exists([id])? {
                known.insert(id.to_owned());
            }
        }
        Ok(known)
    }

    /// One article by id.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>, Error> {
        let sql = format!(
            "SELECT {ROW_COLUMNS}, a.article, a.batch, b.received FROM articles a {ROW_JOINS} \
             JOIN batches b ON b.id = a.batch WHERE a.id = ?1"
        );
        let found = self
            .conn
            .query_row(&sql, [id], |r| {
                Ok((
                    ArticleRow::from_row(r)?,
                    r.get::<_, String>(10)?,
                    r.get::<_, i64>(11)?,
                    r.get::<_, String>(12)?,
                ))
            })
            .optional()?;
        match found {
            None => Ok(None),
            Some((row, json, batch, received)) => Ok(Some(StoredArticle {
                row,
                article: serde_json::from_str(&json)?,
                batch,
                received,
            })),
        }
    }

    /// The stored facts (quotes, dated sentences, figures) of the articles
    /// `seqs`, in the order given; articles without them are left out.
    pub fn facts(&self, seqs: &[i64]) -> Result<Vec<(i64, Facts)>, Error> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT facts FROM facts WHERE article = ?1")?;
        let mut out = Vec::with_capacity(seqs.len());
        for &seq in seqs {
            let json: Option<String> = stmt.query_row(params![seq], |r| r.get(0)).optional()?;
            if let Some(json) = json {
                out.push((seq, serde_json::from_str(&json)?));
            }
        }
        Ok(out)
    }

    /// The full stored articles `seqs`, in the order given.
    pub fn articles_by_seq(&self, seqs: &[i64]) -> Result<Vec<Article>, Error> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT article FROM articles WHERE seq = ?1")?;
        let mut out = Vec::with_capacity(seqs.len());
        for &seq in seqs {
            let json: String = stmt.query_row([seq], |r| r.get(0))?;
            out.push(serde_json::from_str(&json)?);
        }
        Ok(out)
    }

    /// The `limit` articles stored last, the latest first.
    pub fn recent_articles(&self, limit: usize) -> Result<Vec<Article>, Error> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT article FROM articles ORDER BY seq DESC LIMIT ?1")?;
        let rows = stmt.query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
            r.get::<_, String>(0)
        })?;
        let mut out = Vec::new();
        for json in rows {
            out.push(serde_json::from_str(&json?)?);
        }
        Ok(out)
    }

    /// Every stored article id with its sequence number, in ingest order.
    pub fn article_ids(&self) -> Result<Vec<(i64, String)>, Error> {
        let mut stmt = self
            .conn
            .prepare("SELECT seq, id FROM articles ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
