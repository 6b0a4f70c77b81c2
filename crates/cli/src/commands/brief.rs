//! `storyline brief`: the main job. For now, the cleaned articles with their
//! metadata; later stages fill in stories, claims and timelines.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

use crate::input::Inputs;
use crate::output::{WRITE_ERROR, exit_code};

/// Arguments of `storyline brief`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    inputs: Inputs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (cleaned, skipped) = args.inputs.read_cleaned();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for c in &cleaned {
        let a = &c.article;
        writeln!(
            out,
            "{} — {}",
            a.id,
            a.title.as_deref().unwrap_or("(untitled)")
        )
        .context(WRITE_ERROR)?;
        for p in &a.paragraphs {
            writeln!(out, "  {p}").context(WRITE_ERROR)?;
        }
    }
    out.flush().context(WRITE_ERROR)?;
    Ok(exit_code(skipped))
}
