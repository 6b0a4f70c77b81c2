//! `storyline show STORY [--db PATH]`: one story: its brief, when made, and
//! its articles grouped by syndication.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use storyline_core::brief::render::counted;

use super::db::Db;

/// Arguments of `storyline show`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The story id (from `storyline stories`).
    story: i64,
    #[command(flatten)]
    db: Db,
    /// The story as JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open_existing()?;
    let Some(story) = store.story(args.story)? else {
        anyhow::bail!(
            "no story {} in {}; list them with `storyline stories`",
            args.story,
            args.db.db.display()
        );
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&story)?).context("cannot write output")?;
    } else {
        let s = &story.summary;
        writeln!(out, "{}", s.title.as_deref().unwrap_or("(untitled story)"))?;
        writeln!(
            out,
            "story {}: {} from {}, {} to {}",
            s.id,
            counted(s.articles.into(), "article", "articles"),
            counted(s.sources.into(), "source", "sources"),
            s.first_published.as_deref().unwrap_or("?"),
            s.last_published.as_deref().unwrap_or("?")
        )?;
        if let Some(brief) = &story.brief {
            // A brief stored by an older version may not read as today's
            // `Brief`: show it as stored rather than fail.
            match serde_json::from_value::<storyline_core::brief::Brief>(brief.clone()) {
                Ok(b) => writeln!(out, "\n{}", storyline_core::brief::render::text(&b))?,
                Err(_) => writeln!(out, "\n{}", serde_json::to_string_pretty(brief)?)?,
            }
        }
        writeln!(out)?;
        for a in &story.articles {
            let copy = match &a.syndication {
                Some(y) if y.canonical != a.id => {
                    format!("  [{} copy of {}]", y.relation, y.canonical)
                }
                _ => String::new(),
            };
            writeln!(
                out,
                "  {}  {}  {}{copy}",
                a.id,
                a.source.as_deref().unwrap_or("-"),
                a.title.as_deref().unwrap_or("(untitled)")
            )?;
        }
    }
    out.flush().context("cannot write output")?;
    Ok(ExitCode::SUCCESS)
}
