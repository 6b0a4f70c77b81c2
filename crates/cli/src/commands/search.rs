//! `storyline search QUERY [--source S --entity E --from D --to D]`: full
//! text search over the stored articles.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use storyline_store::{MATCH_END, MATCH_START, SearchQuery};

use super::db::Db;

/// Arguments of `storyline search`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Words (all must match), "quoted phrases", prefix*, OR.
    query: String,
    #[command(flatten)]
    db: Db,
    /// Only articles from this source (case-insensitive).
    #[arg(long)]
    source: Option<String>,
    /// Only articles naming this entity (its canonical name).
    #[arg(long)]
    entity: Option<String>,
    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<NaiveDate>,
    /// Only articles published on or before this day (YYYY-MM-DD).
    #[arg(long)]
    to: Option<NaiveDate>,
    /// At most this many hits.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// One JSON object per hit instead of text.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let q = SearchQuery {
        text: args.query.clone(),
        source: args.source,
        entity: args.entity,
        from: args.from,
        to: args.to,
        limit: args.limit,
        offset: 0,
    };
    let results = store.search(&q)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for h in &results.hits {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(h)?)?;
        } else {
            let a = &h.article;
            writeln!(
                out,
                "{}  {}  {}  {}",
                a.id,
                a.published
                    .as_deref()
                    .map_or("undated   ", |d| d.get(..10).unwrap_or(d)),
                a.source.as_deref().unwrap_or("-"),
                a.title.as_deref().unwrap_or("(untitled)")
            )?;
            let snippet: String = h
                .snippet
                .chars()
                .map(|c| {
                    if c == MATCH_START || c == MATCH_END {
                        '*'
                    } else {
                        c
                    }
                })
                .collect();
            writeln!(out, "    {}", snippet.replace('\n', " "))?;
        }
    }
    out.flush().context("cannot write output")?;
    if results.hits.is_empty() && !args.json {
        eprintln!("no articles match {:?}", args.query);
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
