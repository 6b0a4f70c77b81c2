//! `storyline stories [--db PATH]`: recent stories, by size and freshness.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use storyline_core::brief::render::noun;
use storyline_store::StoryOrder;

use super::db::Db;

/// How to order stories.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Sort {
    /// Fresh and large first (a day of freshness per doubling of size).
    Rank,
    /// Latest publication first.
    Fresh,
    /// Most articles first.
    Size,
    /// Newest story first.
    New,
}

/// Arguments of `storyline stories`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    db: Db,
    /// Order.
    #[arg(long, value_enum, default_value_t = Sort::Rank)]
    sort: Sort,
    /// At most this many stories.
    #[arg(long, default_value_t = 30)]
    limit: usize,
    /// One JSON object per line instead of text.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let order = match args.sort {
        Sort::Rank => StoryOrder::Rank,
        Sort::Fresh => StoryOrder::Fresh,
        Sort::Size => StoryOrder::Size,
        Sort::New => StoryOrder::New,
    };
    let stories = store.stories(order, args.limit, 0)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for s in &stories {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(s)?)
        } else {
            writeln!(
                out,
                "{:>6}  {:>4} {:<8} {:>3} {:<7}  {}  {}",
                s.id,
                s.articles,
                noun(s.articles.into(), "article", "articles"),
                s.sources,
                noun(s.sources.into(), "source", "sources"),
                s.last_published
                    .as_deref()
                    .map_or("undated   ", |d| d.get(..10).unwrap_or(d)),
                s.title.as_deref().unwrap_or("(untitled)")
            )
        }
        .context("cannot write output")?;
    }
    if stories.is_empty() && !args.json {
        eprintln!("no stories in {}", args.db.db.display());
    }
    out.flush().context("cannot write output")?;
    Ok(ExitCode::SUCCESS)
}
