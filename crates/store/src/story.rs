//! Stories as stored: members, the figures a listing shows (size, sources,
//! first and last publication, rank), per-day volume, the batches that
//! updated a story, and its brief.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::article::{ArticleRow, ROW_COLUMNS, ROW_JOINS};
use crate::{Error, Store};

/// How to order a story listing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum StoryOrder {
    /// Fresh and big first: the latest publication, plus a day for every
    /// doubling of size (the default).
    #[default]
    Rank,
    /// Latest publication first.
    Fresh,
    /// Most articles first.
    Size,
    /// Newest story first (the order of the "new stories" feed).
    New,
}

/// A story as a listing shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StorySummary {
    /// Story id.
    pub id: i64,
    /// Headline: the earliest member's title, else the headline of the
    /// story's brief (the opening words of its summary); none while no
    /// member has a title or any text.
    pub title: Option<String>,
    /// Member articles.
    pub articles: u32,
    /// Independent sources among them: one per syndication group, else
    /// one per outlet, and an article with no outlet named counts as its
    /// own. The brief's count also merges an outlet with the groups it
    /// syndicates and copies that share a credited paragraph, so it can be
    /// lower; it is made over the briefed members only.
    pub sources: u32,
    /// Earliest member publication, as [`ArticleRow::published`] holds it.
    pub first_published: Option<String>,
    /// Latest member publication, as [`ArticleRow::published`] holds it.
    pub last_published: Option<String>,
    /// The batch that created the story.
    pub created_batch: i64,
    /// When that batch was received, RFC 3339.
    pub created: String,
    /// The latest batch that added to it.
    pub updated_batch: i64,
    /// When that batch was received, RFC 3339.
    pub updated: String,
}

/// Articles of a story published on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Volume {
    /// The day (UTC).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub day: NaiveDate,
    /// Articles published that day.
    pub articles: u32,
}

/// A batch that added articles to a story: one entry of its update feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoryUpdate {
    /// The batch.
    pub batch: i64,
    /// When it was received, RFC 3339.
    pub received: String,
    /// Articles it added.
    pub added: u32,
    /// Their rows.
    pub articles: Vec<ArticleRow>,
}

/// Everything stored about a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoryDetail {
    /// Its listing figures.
    pub summary: StorySummary,
    /// Members, by publication time.
    pub articles: Vec<ArticleRow>,
    /// Articles per day.
    pub volume: Vec<Volume>,
    /// The brief, as the brief stage serialised it, when one was made.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub brief: Option<serde_json::Value>,
}

const SUMMARY_SQL: &str = "SELECT s.id, coalesce(s.title, s.headline), s.articles, \
     (SELECT count(DISTINCT CASE \
        WHEN y.canonical IS NOT NULL THEN 'g' || y.canonical \
        WHEN trim(coalesce(a.source, '')) <> '' THEN 's' || lower(trim(a.source)) \
        ELSE 'a' || a.seq END) \
      FROM story_members m JOIN articles a ON a.seq = m.article \
      LEFT JOIN syndication y ON y.article = a.seq WHERE m.story = s.id), \
     (SELECT a.published FROM story_members m JOIN articles a ON a.seq = m.article \
      WHERE m.story = s.id AND a.published_unix = s.first_published_unix LIMIT 1), \
     (SELECT a.published FROM story_members m JOIN articles a ON a.seq = m.article \
      WHERE m.story = s.id AND a.published_unix = s.last_published_unix LIMIT 1), \
     s.created_batch, cb.received, s.updated_batch, ub.received \
     FROM stories s JOIN batches cb ON cb.id = s.created_batch JOIN batches ub ON ub.id = s.updated_batch";

fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<StorySummary> {
    Ok(StorySummary {
        id: r.get(0)?,
        title: r.get(1)?,
        articles: r.get(2)?,
        sources: r.get(3)?,
        first_published: r.get(4)?,
        last_published: r.get(5)?,
        created_batch: r.get(6)?,
        created: r.get(7)?,
        updated_batch: r.get(8)?,
        updated: r.get(9)?,
    })
}

impl Store {
    /// Stories, best first by `order`.
    pub fn stories(
        &self,
        order: StoryOrder,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<StorySummary>, Error> {
        let by = match order {
            StoryOrder::Rank => "s.rank DESC, s.id",
            StoryOrder::Fresh => "s.last_published_unix DESC, s.id",
            StoryOrder::Size => "s.articles DESC, s.id",
            StoryOrder::New => "s.created_batch DESC, s.id DESC",
        };
        let sql = format!(
            "{SUMMARY_SQL} WHERE s.merged_into IS NULL AND s.articles > 0 ORDER BY {by} LIMIT ?1 OFFSET ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![limit as i64, offset as i64], summary)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many live stories there are.
    pub fn story_count(&self) -> Result<u64, Error> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM stories WHERE merged_into IS NULL AND articles > 0",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    /// One story with its members, volume and brief. A story merged into
    /// another resolves to the one it was merged into.
    pub fn story(&self, id: i64) -> Result<Option<StoryDetail>, Error> {
        let id = self.live_story(id)?;
        let sql = format!("{SUMMARY_SQL} WHERE s.id = ?1");
        let Some(summary) = self.conn.query_row(&sql, [id], summary).optional()? else {
            return Ok(None);
        };
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM story_members sm JOIN articles a ON a.seq = sm.article {ROW_JOINS} \
             WHERE sm.story = ?1 ORDER BY a.published_unix IS NULL, a.published_unix, a.seq"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let articles = stmt
            .query_map([id], ArticleRow::from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        let volume = self.volumes(&[id])?.remove(&id).unwrap_or_default();
        let brief: Option<String> = self
            .conn
            .query_row("SELECT brief FROM briefs WHERE story = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        let brief = brief.map(|b| serde_json::from_str(&b)).transpose()?;
        Ok(Some(StoryDetail {
            summary,
            articles,
            volume,
            brief,
        }))
    }

    /// Follows `merged_into` links to the story that holds the members now.
    fn live_story(&self, mut id: i64) -> Result<i64, Error> {
        for _ in 0..64 {
            let next: Option<Option<i64>> = self
                .conn
                .query_row("SELECT merged_into FROM stories WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?;
            match next {
                Some(Some(into)) => id = into,
                _ => break,
            }
        }
        Ok(id)
    }

    /// Articles per day for each of `stories`.
    pub fn volumes(&self, stories: &[i64]) -> Result<HashMap<i64, Vec<Volume>>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT date(a.published_unix, 'unixepoch'), count(*) FROM story_members m \
             JOIN articles a ON a.seq = m.article \
             WHERE m.story = ?1 AND a.published_unix IS NOT NULL GROUP BY 1 ORDER BY 1",
        )?;
        let mut out = HashMap::new();
        for &story in stories {
            let rows = stmt.query_map([story], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
            let mut days = Vec::new();
            for row in rows {
                let (day, articles) = row?;
                if let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
                    days.push(Volume { day, articles });
                }
            }
            out.insert(story, days);
        }
        Ok(out)
    }

    /// The batches that added to a story, newest first, with the articles
    /// each added.
    pub fn story_updates(&self, id: i64, limit: usize) -> Result<Vec<StoryUpdate>, Error> {
        let id = self.live_story(id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT u.batch, b.received, u.added FROM story_updates u JOIN batches b ON b.id = u.batch \
             WHERE u.story = ?1 ORDER BY u.batch DESC LIMIT ?2",
        )?;
        let updates = stmt
            .query_map(params![id, limit as i64], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM story_members sm JOIN articles a ON a.seq = sm.article {ROW_JOINS} \
             WHERE sm.story = ?1 AND a.batch = ?2 ORDER BY a.seq"
        );
        let mut rows = self.conn.prepare_cached(&sql)?;
        let mut out = Vec::with_capacity(updates.len());
        for (batch, received, added) in updates {
            let articles = rows
                .query_map(params![id, batch], ArticleRow::from_row)?
                .collect::<Result<Vec<_>, _>>()?;
            out.push(StoryUpdate {
                batch,
                received,
                added,
                articles,
            });
        }
        Ok(out)
    }

    /// Records story assignments made outside an ingest batch (a re-cluster,
    /// a correction), as part of the latest batch. Each pair is an article
    /// id and its story.
    pub fn assign_stories(&mut self, assignments: &[(&str, i64)]) -> Result<(), Error> {
        let tx = self.conn.transaction()?;
        let batch: i64 = tx
            .query_row("SELECT max(id) FROM batches", [], |r| {
                r.get::<_, Option<i64>>(0)
            })?
            .ok_or_else(|| Error::Invalid("nothing ingested yet; ingest articles first".into()))?;
        let mut by_story: HashMap<i64, Vec<i64>> = HashMap::new();
        for (article, story) in assignments {
            let seq: i64 = tx
                .query_row("SELECT seq FROM articles WHERE id = ?1", [article], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or_else(|| Error::NotFound(format!("article {article}")))?;
            by_story.entry(*story).or_default().push(seq);
        }
        let mut stories: Vec<_> = by_story.into_iter().collect();
        stories.sort();
        for (story, seqs) in stories {
            add_members(&tx, story, &seqs, batch)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Stores the brief of a story (any serialisable value).
    pub fn set_brief(&mut self, story: i64, brief: &serde_json::Value) -> Result<(), Error> {
        let batch: Option<i64> = self
            .conn
            .query_row("SELECT max(id) FROM batches", [], |r| r.get(0))?;
        let batch = batch
            .ok_or_else(|| Error::Invalid("nothing ingested yet; ingest articles first".into()))?;
        put_brief(&self.conn, story, batch, brief)
    }
}

/// Adds articles to a story in `batch` (creating the story, or moving the
/// articles from another), and refreshes the figures of every story touched.
pub(crate) fn add_members(
    conn: &Connection,
    story: i64,
    seqs: &[i64],
    batch: i64,
) -> Result<(), Error> {
    conn.execute(
        "INSERT INTO stories (id, created_batch, updated_batch) VALUES (?1, ?2, ?2) \
         ON CONFLICT (id) DO UPDATE SET updated_batch = excluded.updated_batch, merged_into = NULL",
        params![story, batch],
    )?;
    let mut previous = conn.prepare_cached("SELECT story FROM story_members WHERE article = ?1")?;
    let mut upsert = conn.prepare_cached(
        "INSERT INTO story_members (article, story) VALUES (?1, ?2) \
         ON CONFLICT (article) DO UPDATE SET story = excluded.story",
    )?;
    let mut touched = vec![story];
    let mut added = 0u32;
    for &seq in seqs {
        let before: Option<i64> = previous.query_row([seq], |r| r.get(0)).optional()?;
        if before == Some(story) {
            continue;
        }
        if let Some(before) = before {
            touched.push(before);
        }
        upsert.execute(params![seq, story])?;
        added += 1;
    }
    if added > 0 {
        conn.execute(
            "INSERT INTO story_updates (story, batch, added) VALUES (?1, ?2, ?3) \
             ON CONFLICT (story, batch) DO UPDATE SET added = added + excluded.added",
            params![story, batch, added],
        )?;
    }
    touched.sort_unstable();
    touched.dedup();
    for s in touched {
        refresh(conn, s)?;
    }
    Ok(())
}

/// Marks story `from` as merged into `into`, moving its members.
pub(crate) fn merge(conn: &Connection, from: i64, into: i64, batch: i64) -> Result<(), Error> {
    if from == into {
        return Ok(());
    }
    let mut stmt = conn.prepare_cached("SELECT article FROM story_members WHERE story = ?1")?;
    let seqs = stmt
        .query_map([from], |r| r.get::<_, i64>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    add_members(conn, into, &seqs, batch)?;
    conn.execute(
        "UPDATE stories SET merged_into = ?2 WHERE id = ?1",
        params![from, into],
    )?;
    Ok(())
}

/// Recomputes a story's size, dates, title and rank from its members.
fn refresh(conn: &Connection, story: i64) -> Result<(), Error> {
    let (n, first, last): (i64, Option<i64>, Option<i64>) = conn.query_row(
        "SELECT count(*), min(a.published_unix), max(a.published_unix) FROM story_members m \
         JOIN articles a ON a.seq = m.article WHERE m.story = ?1",
        [story],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let title: Option<String> = conn
        .query_row(
            "SELECT a.title FROM story_members m JOIN articles a ON a.seq = m.article \
             WHERE m.story = ?1 AND a.title IS NOT NULL \
             ORDER BY a.published_unix IS NULL, a.published_unix, a.seq LIMIT 1",
            [story],
            |r| r.get(0),
        )
        .optional()?;
    // Rank in days: the latest publication, plus one day per doubling of
    // size, so a big story stays above a fresh single report for a while.
    let rank = last.unwrap_or(0) as f64 / 86_400.0 + ((n.max(1)) as f64).log2();
    conn.execute(
        "UPDATE stories SET articles = ?2, first_published_unix = ?3, last_published_unix = ?4, \
         title = ?5, rank = ?6 WHERE id = ?1",
        params![story, n, first, last, title, rank],
    )?;
    Ok(())
}

/// Stores a brief, and its headline as the story's.
pub(crate) fn put_brief(
    conn: &Connection,
    story: i64,
    batch: i64,
    brief: &serde_json::Value,
) -> Result<(), Error> {
    conn.execute(
        "INSERT INTO briefs (story, batch, brief) VALUES (?1, ?2, ?3) \
         ON CONFLICT (story) DO UPDATE SET batch = excluded.batch, brief = excluded.brief",
        params![story, batch, serde_json::to_string(brief)?],
    )?;
    conn.execute(
        "UPDATE stories SET headline = ?2 WHERE id = ?1",
        params![story, headline(brief)],
    )?;
    Ok(())
}

/// A brief's headline, unless it has no summary to take one from (its
/// headline is then a placeholder, not a name for the story). Migration 3
/// applies the same rule in SQL to the briefs stored before it.
fn headline(brief: &serde_json::Value) -> Option<&str> {
    let summarised = brief
        .get("summary")
        .and_then(serde_json::Value::as_array)
        .is_some_and(|s| !s.is_empty());
    brief
        .get("headline")
        .and_then(serde_json::Value::as_str)
        .map(str::trim)
        .filter(|h| summarised && !h.is_empty())
}
