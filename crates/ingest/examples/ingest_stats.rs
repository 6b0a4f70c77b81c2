//! Reads the inputs named on the command line and prints how many articles
//! and diagnostics came through, the ids of the first few articles, and the
//! read throughput: the measurement behind the ingest row of BENCHMARKS.md.
//!
//! `cargo run --release -p storyline-ingest --example ingest_stats -- PATH...`

use std::path::PathBuf;
use std::time::Instant;

use storyline_ingest::{IngestOptions, read_inputs};

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    let start = Instant::now();
    let ingested = read_inputs(&paths, &IngestOptions::default());
    let secs = start.elapsed().as_secs_f64();
    for d in &ingested.diagnostics {
        eprintln!("{d}");
    }
    let ids: Vec<&str> = ingested
        .articles
        .iter()
        .take(5)
        .map(|a| a.id.as_str())
        .collect();
    let text: usize = ingested.articles.iter().map(|a| a.text.len()).sum();
    println!(
        "articles {} diagnostics {} skipped {} first ids {:?}",
        ingested.articles.len(),
        ingested.diagnostics.len(),
        ingested.skipped_any(),
        ids
    );
    println!(
        "read {:.1} MB of files ({:.1} MB of text) in {:.3} s: {:.0} articles/s, {:.1} MB/s",
        bytes as f64 / 1e6,
        text as f64 / 1e6,
        secs,
        ingested.articles.len() as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}
