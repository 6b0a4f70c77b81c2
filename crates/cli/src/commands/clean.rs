//! `storyline clean`: one JSON line per cleaned article.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;
use storyline_core::{Cleaned, Credit, Dateline, Diagnostic, Removed};

use crate::input::Inputs;
use crate::output::{Format, MetaFields, WRITE_ERROR, exit_code};

/// Arguments of `storyline clean`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    /// RFC 3339, or the date alone when no time of day is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    title: Option<&'a str>,
    #[serde(flatten)]
    meta: MetaFields<'a>,
    text: String,
    dateline: Option<&'a Dateline>,
    byline: Option<&'a str>,
    credits: &'a [Credit],
    removed: &'a [Removed],
    diagnostics: &'a [Diagnostic],
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (cleaned, skipped) = args.inputs.read_cleaned()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for c in &cleaned {
        match args.format {
            Format::Json => {
                serde_json::to_writer(&mut out, &line(c)).context(WRITE_ERROR)?;
                writeln!(out).context(WRITE_ERROR)?;
            }
            Format::Text => write_text(&mut out, c).context(WRITE_ERROR)?,
        }
    }
    out.flush().context(WRITE_ERROR)?;
    Ok(exit_code(skipped))
}

fn line(c: &Cleaned) -> Line<'_> {
    let a = &c.article;
    Line {
        id: a.id.as_str(),
        url: a.url.as_deref(),
        source: a.source.as_deref(),
        published: a.published.map(|t| t.written()),
        title: a.title.as_deref(),
        meta: MetaFields::of(&a.meta),
        text: a.text(),
        dateline: a.dateline.as_ref(),
        byline: a.byline.as_deref(),
        credits: &a.credits,
        removed: &a.removed,
        diagnostics: &c.diagnostics,
    }
}

fn write_text(out: &mut impl Write, c: &Cleaned) -> std::io::Result<()> {
    let a = &c.article;
    writeln!(out, "== {} ==", a.id)?;
    if let Some(t) = &a.title {
        writeln!(out, "title:    {t}")?;
    }
    if let Some(s) = &a.source {
        writeln!(out, "source:   {s}")?;
    }
    if let Some(u) = &a.url {
        writeln!(out, "url:      {u}")?;
    }
    if let Some(t) = &a.published {
        writeln!(out, "date:     {}", t.written())?;
    }
    if let Some(t) = &a.meta.modified {
        writeln!(out, "modified: {}", t.written())?;
    }
    if !a.meta.authors.is_empty() {
        writeln!(out, "authors:  {}", a.meta.authors.join("; "))?;
    }
    if let Some(l) = &a.meta.language {
        writeln!(out, "language: {l}")?;
    }
    if let Some(d) = &a.dateline {
        writeln!(out, "dateline: {}", d.text)?;
    }
    if let Some(b) = &a.byline {
        writeln!(out, "byline:   {b}")?;
    }
    for cr in &a.credits {
        writeln!(out, "credit:   {} ({})", cr.agency, cr.text)?;
    }
    writeln!(out)?;
    for p in &a.paragraphs {
        writeln!(out, "  {p}")?;
    }
    if !a.removed.is_empty() {
        writeln!(out, "\n  removed:")?;
        for r in &a.removed {
            writeln!(out, "  - [{:?}] line {}: {}", r.reason, r.line, r.text)?;
        }
    }
    for d in &c.diagnostics {
        writeln!(out, "  {d}")?;
    }
    writeln!(out)
}
