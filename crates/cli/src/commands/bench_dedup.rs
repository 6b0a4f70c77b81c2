//! `storyline bench dedup`: how fast dedup sketches and indexes articles, and
//! how much memory the index keeps per article, on one core.
//!
//! Reading and cleaning are done first and not timed. Then, on one thread:
//! shingles plus MinHash signatures for every article (the figure the issue
//! gates at 20,000 articles/s), the same with classic `n`-permutation
//! MinHash for comparison, LSH band inserts, and the whole incremental
//! index (candidates, exact verification, links). Each timing is the best
//! of `--repeat` runs, and each run's result is checked against the first so
//! a speed-up cannot hide a changed answer. Time is the thread's CPU time
//! (Linux schedstat; wall-clock time elsewhere), because the figure is per
//! core and the shared machines it runs on are often oversubscribed. `scripts/bench-dedup.sh` runs
//! this beside Python datasketch on the same articles and parameters.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// A clock for one thread's work: CPU time on Linux, wall time elsewhere.
struct Clock {
    start_cpu: Option<u64>,
    start_wall: Instant,
}

/// Nanoseconds this thread has run on a CPU, from `/proc/thread-self/schedstat`.
pub(crate) fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Nanoseconds every thread of this process has run on a CPU, summed over
/// `/proc/self/task/*/schedstat`: the cost of work spread over a thread
/// pool, whose threads outlive the work they did.
pub(crate) fn process_cpu_ns() -> Option<u64> {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let s = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += s.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total)
}

impl Clock {
    fn start() -> Clock {
        Clock {
            start_cpu: thread_cpu_ns(),
            start_wall: Instant::now(),
        }
    }

    fn seconds(&self) -> f64 {
        match (self.start_cpu, thread_cpu_ns()) {
            (Some(a), Some(b)) => (b.saturating_sub(a)) as f64 / 1e9,
            _ => self.start_wall.elapsed().as_secs_f64(),
        }
    }
}

use anyhow::{Context, bail, ensure};
use serde::Serialize;
use storyline_core::dedup::lsh::Bands;
use storyline_core::dedup::minhash::MinHasher;
use storyline_core::dedup::shingle::Shingler;
use storyline_core::dedup::{DedupConfig, DedupIndex};
use storyline_core::{Article, CleanConfig, clean_batch};
use storyline_ingest::{IngestOptions, read_inputs};

/// The things `storyline bench` measures.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum BenchCommand {
    /// Dedup: signatures/s, index articles/s and index memory per article.
    Dedup(Args),
}

/// Arguments of `storyline bench dedup`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Articles to measure on (a JSONL file or any input ingest reads).
    #[arg(long, value_name = "ARTICLES")]
    articles: PathBuf,
    /// Timed runs of each measurement; the best is reported.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// Also write the cleaned articles measured (`{"id","paragraphs"}` per
    /// line), so a peer tool can be run on exactly the same text.
    #[arg(long, value_name = "PATH")]
    write_cleaned: Option<PathBuf>,
}

#[derive(Serialize)]
struct CleanedLine<'a> {
    id: &'a str,
    paragraphs: &'a [String],
}

#[derive(Serialize)]
struct Report {
    articles: usize,
    words: u64,
    shingle_words: usize,
    permutations: usize,
    bands: usize,
    rows: usize,
    signature_seconds: f64,
    signatures_per_second: f64,
    classic_signature_seconds: f64,
    classic_signatures_per_second: f64,
    band_insert_seconds: f64,
    index_seconds: f64,
    index_articles_per_second: f64,
    index_bytes_per_article: f64,
    copy_groups: usize,
}

pub(crate) fn run(cmd: BenchCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        BenchCommand::Dedup(args) => dedup(args),
    }
}

fn dedup(args: Args) -> anyhow::Result<ExitCode> {
    let ingested = read_inputs(
        std::slice::from_ref(&args.articles),
        &IngestOptions::default(),
    );
    if ingested.articles.is_empty() {
        bail!(
            "{}: no articles read; give a JSONL file of articles",
            args.articles.display()
        );
    }
    let articles: Vec<Article> = clean_batch(&ingested.articles, &CleanConfig::default())
        .into_iter()
        .map(|c| c.article)
        .collect();
    if let Some(p) = &args.write_cleaned {
        write_cleaned(p, &articles).with_context(|| format!("cannot write {}", p.display()))?;
    }
    let cfg = DedupConfig::default();
    let hasher = MinHasher::new(cfg.bands * cfg.rows, cfg.seed);
    let repeat = args.repeat.max(1);

    // Shingles and signatures: what every article costs before any lookup.
    let mut best_sig = f64::INFINITY;
    let mut checksum = None;
    let mut words = 0u64;
    let mut signatures: Vec<Vec<u32>> = Vec::new();
    for _ in 0..repeat {
        let mut shingler = Shingler::default();
        let mut sums = 0u64;
        words = 0;
        signatures.clear();
        let start = Clock::start();
        for a in &articles {
            let s = shingler.shingle(a.paragraphs.iter().map(String::as_str), cfg.shingle_words);
            let mut sig = Vec::new();
            hasher.signature_into(&s.set, &mut sig);
            words += u64::from(s.words);
            sums = sums.wrapping_mul(31).wrapping_add(u64::from(sig[0]));
            signatures.push(sig);
        }
        best_sig = best_sig.min(start.seconds());
        ensure!(
            *checksum.get_or_insert(sums) == sums,
            "signatures differ between runs: dedup is not deterministic"
        );
    }
    ensure!(
        signatures.iter().all(|s| s.len() == hasher.permutations()),
        "a signature has the wrong length"
    );

    // The same with classic n-permutation MinHash (datasketch's scheme), to
    // show what one-permutation hashing is worth.
    let mut best_classic = f64::INFINITY;
    for _ in 0..repeat {
        let mut shingler = Shingler::default();
        let mut sig = Vec::new();
        let mut filled = 0usize;
        let start = Clock::start();
        for a in &articles {
            let s = shingler.shingle(a.paragraphs.iter().map(String::as_str), cfg.shingle_words);
            hasher.permutation_signature_into(&s.set, &mut sig);
            filled += usize::from(sig.iter().any(|&v| v != u32::MAX));
        }
        best_classic = best_classic.min(start.seconds());
        ensure!(
            filled
                == signatures
                    .iter()
                    .filter(|s| s.iter().any(|&v| v != u32::MAX))
                    .count(),
            "classic and densified signatures disagree on which articles are empty"
        );
    }

    // Band inserts alone, the part of the index datasketch's LSH also does.
    let mut best_bands = f64::INFINITY;
    for _ in 0..repeat {
        let mut bands = Bands::new(cfg.bands, cfg.rows);
        let start = Clock::start();
        for (i, s) in signatures.iter().enumerate() {
            bands.insert(i as u32, s);
        }
        best_bands = best_bands.min(start.seconds());
        ensure!(
            bands.entries() == signatures.len() * cfg.bands,
            "band inserts lost entries"
        );
    }

    // The whole index: candidates, exact verification and links.
    let mut best_index = f64::INFINITY;
    let mut groups = None;
    let mut bytes = 0;
    for _ in 0..repeat {
        let mut index = DedupIndex::new(cfg.clone());
        let start = Clock::start();
        index.add(&articles);
        best_index = best_index.min(start.seconds());
        let copies = index.syndication().copies().count();
        ensure!(
            *groups.get_or_insert(copies) == copies,
            "groups differ between runs: dedup is not deterministic"
        );
        bytes = index.memory_bytes();
    }
    let n = articles.len();
    let report = Report {
        articles: n,
        words,
        shingle_words: cfg.shingle_words,
        permutations: hasher.permutations(),
        bands: cfg.bands,
        rows: cfg.rows,
        signature_seconds: best_sig,
        signatures_per_second: n as f64 / best_sig,
        classic_signature_seconds: best_classic,
        classic_signatures_per_second: n as f64 / best_classic,
        band_insert_seconds: best_bands,
        index_seconds: best_index,
        index_articles_per_second: n as f64 / best_index,
        index_bytes_per_article: bytes as f64 / n as f64,
        copy_groups: groups.unwrap_or(0),
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &report).context("cannot write output")?;
        writeln!(out).context("cannot write output")?;
    } else {
        (|| -> std::io::Result<()> {
            writeln!(out, "articles            {} ({} words)", n, report.words)?;
            writeln!(
                out,
                "parameters          {}-word shingles, {} permutations, {} bands x {} rows",
                report.shingle_words, report.permutations, report.bands, report.rows
            )?;
            writeln!(
                out,
                "signatures          {:.0} articles/s on one core ({:.3} s)",
                report.signatures_per_second, report.signature_seconds
            )?;
            writeln!(
                out,
                "band inserts        {:.3} s",
                report.band_insert_seconds
            )?;
            writeln!(
                out,
                "whole index         {:.0} articles/s on one core ({:.3} s)",
                report.index_articles_per_second, report.index_seconds
            )?;
            writeln!(
                out,
                "index memory        {:.0} bytes per article",
                report.index_bytes_per_article
            )?;
            writeln!(out, "groups of copies    {}", report.copy_groups)
        })()
        .context("cannot write output")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_cleaned(path: &std::path::Path, articles: &[Article]) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for a in articles {
        let line = CleanedLine {
            id: a.id.as_str(),
            paragraphs: &a.paragraphs,
        };
        serde_json::to_writer(&mut out, &line)?;
        writeln!(out)?;
    }
    out.flush()
}
