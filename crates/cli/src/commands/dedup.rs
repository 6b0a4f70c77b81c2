//! `storyline dedup`: which articles are copies of one another. One JSON
//! line per input article (`{"id","group","canonical","relation",
//! "similarity"}`), or the groups for a person with `--format text`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;
use storyline_core::Article;
use storyline_core::dedup::{DedupConfig, DedupIndex, Syndication};

use crate::input::Inputs;
use crate::output::{Format, exit_code};

/// Arguments of `storyline dedup`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Exit with status 1 when any two articles are grouped as copies: a
    /// check for piles known to hold only distinct reporting.
    #[arg(long)]
    fail_on_copies: bool,
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    /// The group's position in the run's list of groups (ordered by
    /// canonical id).
    group: usize,
    canonical: &'a str,
    relation: &'a str,
    similarity: f64,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (cleaned, skipped) = args.inputs.read_cleaned()?;
    let articles: Vec<Article> = cleaned.into_iter().map(|c| c.article).collect();
    let mut index = DedupIndex::new(DedupConfig::default());
    for d in index.add(&articles) {
        eprintln!("{d}");
    }
    let groups = index.syndication();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => write_json(&mut out, &articles, &groups),
        Format::Text => write_text(&mut out, &articles, &groups),
    }
    .context("cannot write output")?;
    out.flush().context("cannot write output")?;
    let copies = groups.copies().count();
    if args.fail_on_copies && copies > 0 {
        eprintln!(
            "dedup check failed: {copies} group(s) of copies found where only distinct reporting was expected; see the output above"
        );
        return Ok(ExitCode::from(1));
    }
    Ok(exit_code(skipped))
}

/// Rounds a similarity to four decimals, enough for a person and stable
/// across platforms.
fn round(x: f32) -> f64 {
    (f64::from(x) * 1e4).round() / 1e4
}

fn write_json(
    out: &mut impl Write,
    articles: &[Article],
    groups: &Syndication,
) -> std::io::Result<()> {
    for a in articles {
        let Some(&g) = groups.group_of.get(&a.id) else {
            continue;
        };
        let group = &groups.groups[g];
        let Some(member) = group.members.iter().find(|m| m.id == a.id) else {
            continue;
        };
        let line = Line {
            id: a.id.as_str(),
            group: g,
            canonical: group.canonical.as_str(),
            relation: member.relation.as_str(),
            similarity: round(member.similarity),
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(())
}

fn write_text(
    out: &mut impl Write,
    articles: &[Article],
    groups: &Syndication,
) -> std::io::Result<()> {
    let by_id: std::collections::HashMap<&str, &Article> =
        articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let describe = |id: &str| -> String {
        let Some(a) = by_id.get(id) else {
            return String::new();
        };
        let mut s = Vec::new();
        if let Some(src) = &a.source {
            s.push(src.clone());
        }
        if let Some(p) = &a.published {
            s.push(p.date().to_string());
        }
        if !a.credits.is_empty() {
            let credits: Vec<&str> = a.credits.iter().map(|c| c.agency.as_str()).collect();
            s.push(format!("credits {}", credits.join("/")));
        }
        if s.is_empty() {
            String::new()
        } else {
            format!("  ({})", s.join(", "))
        }
    };
    let mut copies = 0;
    for (g, group) in groups.groups.iter().enumerate() {
        if group.members.len() < 2 {
            continue;
        }
        copies += 1;
        writeln!(
            out,
            "group {g}: {} copies of {}",
            group.members.len(),
            group.canonical
        )?;
        for m in &group.members {
            writeln!(
                out,
                "  {:<18} {:>5.2}  {}{}",
                m.relation.as_str(),
                m.similarity,
                m.id,
                describe(m.id.as_str())
            )?;
        }
        writeln!(out)?;
    }
    if !groups.shared_passages.is_empty() {
        writeln!(out, "shared paragraphs between groups:")?;
        for (a, b, n) in &groups.shared_passages {
            writeln!(out, "  {a} ~ {b}: {n} paragraph(s)")?;
        }
        writeln!(out)?;
    }
    let singles = groups.groups.len() - copies;
    writeln!(
        out,
        "{} articles: {copies} group(s) of copies, {singles} article(s) with no copy",
        articles.len()
    )
}
