//! `storyline check [--db PATH]`: is the store sound? SQLite's integrity
//! check plus the store's own consistency checks.

use std::process::ExitCode;

use super::db::Db;

/// Arguments of `storyline check`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    db: Db,
    /// Print a JSON report instead of text.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let problems = store.check()?;
    let ids = store.article_ids()?;
    let mut distinct: Vec<&str> = ids.iter().map(|(_, id)| id.as_str()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "ok": problems.is_empty(), "problems": problems,
                "articles": ids.len(), "distinct_ids": distinct.len(),
                "stories": store.story_count()?, "schema_version": store.schema_version()?,
            })
        );
    } else {
        for p in &problems {
            println!("problem: {p}");
        }
        println!(
            "{}: {} articles ({} distinct ids), {} stories, schema {}",
            if problems.is_empty() { "ok" } else { "damaged" },
            ids.len(),
            distinct.len(),
            store.story_count()?,
            store.schema_version()?
        );
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
