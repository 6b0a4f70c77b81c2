//! The schema and its migrations: each migration is one SQL script, applied
//! in order inside a transaction, and `PRAGMA user_version` records how many
//! have been applied, so a store written by an older storyline is upgraded
//! in place and a store written by a newer one is refused.

use rusqlite::Connection;

use crate::Error;

/// The migrations, oldest first. Never edit one that has shipped: append.
const MIGRATIONS: &[&str] = &[
    // 1: articles, search, syndication, stories, briefs, watchlists, webhooks.
    r#"
CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    received TEXT NOT NULL
);
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    batch INTEGER NOT NULL REFERENCES batches(id),
    source TEXT,
    url TEXT,
    title TEXT,
    published TEXT,
    published_unix INTEGER,
    article TEXT NOT NULL
);
CREATE INDEX articles_by_published ON articles(published_unix);
CREATE INDEX articles_by_source ON articles(source COLLATE NOCASE);
CREATE INDEX articles_by_batch ON articles(batch);
CREATE TABLE removed_lines (
    article INTEGER NOT NULL REFERENCES articles(seq),
    line INTEGER NOT NULL,
    reason TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX removed_by_article ON removed_lines(article);
CREATE VIRTUAL TABLE article_fts USING fts5(
    title, body, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TABLE article_entities (
    article INTEGER NOT NULL REFERENCES articles(seq),
    entity TEXT NOT NULL,
    kind TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article, entity)
) WITHOUT ROWID;
CREATE INDEX entities_by_name ON article_entities(entity COLLATE NOCASE);
CREATE TABLE facts (
    article INTEGER PRIMARY KEY REFERENCES articles(seq),
    facts TEXT NOT NULL
);
CREATE TABLE syndication (
    article INTEGER PRIMARY KEY REFERENCES articles(seq),
    canonical INTEGER NOT NULL REFERENCES articles(seq),
    relation TEXT NOT NULL,
    similarity REAL NOT NULL
);
CREATE INDEX syndication_by_canonical ON syndication(canonical);
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    first_published_unix INTEGER,
    last_published_unix INTEGER,
    created_batch INTEGER NOT NULL REFERENCES batches(id),
    updated_batch INTEGER NOT NULL REFERENCES batches(id),
    rank REAL NOT NULL DEFAULT 0,
    merged_into INTEGER REFERENCES stories(id)
);
CREATE INDEX stories_by_rank ON stories(rank DESC);
CREATE TABLE story_members (
    article INTEGER PRIMARY KEY REFERENCES articles(seq),
    story INTEGER NOT NULL REFERENCES stories(id)
);
CREATE INDEX members_by_story ON story_members(story);
CREATE TABLE story_updates (
    story INTEGER NOT NULL REFERENCES stories(id),
    batch INTEGER NOT NULL REFERENCES batches(id),
    added INTEGER NOT NULL,
    PRIMARY KEY (story, batch)
) WITHOUT ROWID;
CREATE TABLE briefs (
    story INTEGER PRIMARY KEY REFERENCES stories(id),
    batch INTEGER NOT NULL REFERENCES batches(id),
    brief TEXT NOT NULL
);
CREATE TABLE state (
    name TEXT PRIMARY KEY,
    batch INTEGER NOT NULL,
    value TEXT NOT NULL
);
CREATE TABLE watchlists (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('entity', 'query')),
    value TEXT NOT NULL,
    webhook_url TEXT,
    secret TEXT
);
CREATE TABLE watch_hits (
    watchlist INTEGER NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,
    article INTEGER NOT NULL REFERENCES articles(seq),
    batch INTEGER NOT NULL REFERENCES batches(id),
    PRIMARY KEY (watchlist, article)
) WITHOUT ROWID;
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY,
    watchlist INTEGER NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,
    batch INTEGER NOT NULL REFERENCES batches(id),
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_unix INTEGER NOT NULL DEFAULT 0,
    delivered_unix INTEGER,
    last_error TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed'))
);
CREATE INDEX deliveries_pending ON webhook_deliveries(status, next_attempt_unix);
"#,
    // 2: the clusterer's log: every article as it was pushed, so the state
    // saved now and then (not every batch) can be brought up to date.
    r#"
CREATE TABLE cluster_log (
    article INTEGER PRIMARY KEY REFERENCES articles(seq),
    batch INTEGER NOT NULL REFERENCES batches(id),
    position INTEGER NOT NULL,
    canonical INTEGER,
    story INTEGER NOT NULL
);
CREATE INDEX cluster_log_by_batch ON cluster_log(batch, position);
"#,
    // 3: each story's headline from its brief (the most representative
    // member title, else the opening words of its summary), so that a
    // listing of stories whose articles carry no title names them without
    // reading their briefs; filled in from the briefs already stored.
    r#"
ALTER TABLE stories ADD COLUMN headline TEXT;
UPDATE stories SET headline = (
    SELECT json_extract(b.brief, '$.headline') FROM briefs b
    WHERE b.story = stories.id AND json_array_length(b.brief, '$.summary') > 0
);
"#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Applies every migration the store has not seen yet.
pub(crate) fn migrate(conn: &mut Connection) -> Result<u32, Error> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        // PRAGMA does not take bound parameters; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    Ok(current)
}
