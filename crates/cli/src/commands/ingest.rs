//! `storyline ingest INPUT... [--db PATH]`: add articles to the store.
//!
//! Incremental and idempotent: articles whose id is stored are skipped, so
//! re-running after an interruption stores exactly what is missing. Each
//! batch is one transaction; a killed run loses at most the batch in
//! flight. A progress bar is drawn on stderr when it is a terminal.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Context;
use storyline_core::CleanConfig;
use storyline_store::{Pipeline, PipelineConfig};

use super::db::{Db, now};
use crate::input::Inputs;
use crate::output::exit_code;

/// Arguments of `storyline ingest`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    db: Db,
    /// Articles per transaction.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    batch_size: u32,
    /// Print a JSON summary instead of text.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let ingested = args.inputs.read()?;
    let skipped = ingested.skipped_any();
    let mut store = args.db.open()?;
    let mut pipeline = Pipeline::open(&mut store, PipelineConfig::default())
        .context("cannot load the ingest state from the store")?;
    let total = ingested.articles.len() as u64;
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} articles, {per_sec}, eta {eta} {msg}",
            )
            .context("bad progress template")?,
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let label = args
        .inputs
        .paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let (mut added, mut already, mut batches, mut hits) = (0usize, 0usize, 0usize, 0usize);
    let clean = CleanConfig::default();
    for chunk in ingested.articles.chunks(args.batch_size as usize) {
        let report = pipeline
            .ingest_raw(&mut store, &label, &now(), chunk, &clean)
            .with_context(|| format!("cannot store a batch from {label}"))?;
        added += report.added;
        already += report.already_stored;
        hits += report.watch_hits;
        batches += usize::from(report.batch.is_some());
        bar.inc(chunk.len() as u64);
    }
    // The next run then starts from the state, with nothing to replay.
    pipeline
        .save(&mut store)
        .context("cannot save the clusterer's state")?;
    bar.finish_and_clear();
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "added": added, "already_stored": already, "batches": batches,
                "watch_hits": hits, "articles": store.article_count()?,
            })
        );
    } else {
        eprintln!(
            "stored {added} new articles in {batches} batches ({already} already stored, {hits} watchlist matches); {} articles in {}",
            store.article_count()?,
            args.db.db.display()
        );
    }
    Ok(exit_code(skipped))
}
