//! `storyline bench`: throughput of the stages on a fixed corpus, on one
//! core. Each subcommand reads its input once, then times only the stage,
//! over several passes, and checks that every pass gave the same result so
//! that a speed-up cannot hide a wrong answer. Times are CPU time summed
//! over the process's threads where Linux reports it (a stage may run on
//! rayon's pool), since the figure is per core and the shared machines it
//! runs on are oversubscribed. `dedup` lives in `bench_dedup.rs`.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::bail;
use clap::Subcommand;
use storyline_core::{CleanConfig, Cleaned, RawArticle, clean_batch, text};

use crate::input::Inputs;
use crate::output::exit_code;

/// The stages `storyline bench` can time.
#[derive(Debug, Subcommand)]
pub(crate) enum BenchCommand {
    /// Time cleaning (`clean_batch`) over the input, after reading it once.
    Clean(CleanArgs),
    /// Dedup: signatures/s, index articles/s and index memory per article.
    Dedup(super::bench_dedup::Args),
    /// Online clustering: articles/s and memory over a synthetic stream.
    Cluster(super::bench_cluster::Args),
}

/// Arguments of `storyline bench clean`.
#[derive(Debug, clap::Args)]
pub(crate) struct CleanArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// How many timed passes to run (the median is reported).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    passes: u32,
}

pub(crate) fn run(cmd: BenchCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        BenchCommand::Clean(args) => clean(args),
        BenchCommand::Dedup(args) => {
            super::bench_dedup::run(super::bench_dedup::BenchCommand::Dedup(args))
        }
        BenchCommand::Cluster(args) => super::bench_cluster::synthetic(args),
    }
}

/// What one cleaning pass produced, compared across passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CleanSummary {
    articles: usize,
    paragraphs: usize,
    kept_bytes: usize,
    removed_lines: usize,
}

impl CleanSummary {
    fn of(cleaned: &[Cleaned]) -> CleanSummary {
        let mut s = CleanSummary {
            articles: cleaned.len(),
            paragraphs: 0,
            kept_bytes: 0,
            removed_lines: 0,
        };
        for c in cleaned {
            s.paragraphs += c.article.paragraphs.len();
            s.kept_bytes += c.article.paragraphs.iter().map(String::len).sum::<usize>();
            s.removed_lines += c.article.removed.len();
        }
        s
    }
}

fn clean(args: CleanArgs) -> anyhow::Result<ExitCode> {
    let ingested = args.inputs.read()?;
    let skipped = ingested.skipped_any();
    let articles = ingested.articles;
    if articles.is_empty() {
        bail!("no articles to clean in the input; give files or directories of articles");
    }
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let cfg = CleanConfig::default();

    // The baseline: folding every article's text once, the least work any
    // text stage does. Cleaning is reported as a multiple of it, which
    // stays comparable across machines and loads where MB/s does not.
    let mut baseline = Vec::new();
    let mut folded_len = None;
    for _ in 0..args.passes {
        let (took, len) = timed(|| fold_all(&articles));
        if *folded_len.get_or_insert(len) != len {
            bail!("folding gave {len} bytes on one pass and {folded_len:?} on another");
        }
        baseline.push(took);
    }

    let mut times = Vec::new();
    let mut first: Option<CleanSummary> = None;
    for pass in 1..=args.passes {
        let (took, summary) = timed(|| CleanSummary::of(&clean_batch(&articles, &cfg)));
        match first {
            None => first = Some(summary),
            Some(f) if f != summary => bail!(
                "cleaning is not deterministic: pass {pass} gave {summary:?}, pass 1 gave {f:?}"
            ),
            Some(_) => {}
        }
        times.push(took);
    }
    let summary = first.expect("at least one pass ran");
    let clean_t = median(&mut times);
    let base_t = median(&mut baseline);
    let mb = bytes as f64 / 1e6;
    println!(
        "input        {} articles, {bytes} bytes ({mb:.1} MB) of text",
        articles.len()
    );
    println!(
        "result       {} paragraphs kept ({} bytes), {} lines removed, identical over {} passes",
        summary.paragraphs, summary.kept_bytes, summary.removed_lines, args.passes
    );
    println!("stage        median s   MB/s       articles/s   (cpu time, all threads)");
    for (name, t) in [("fold (base)", base_t), ("clean", clean_t)] {
        let s = t.as_secs_f64().max(1e-9);
        println!(
            "{name:<12} {s:<10.3} {:<10.1} {:.0}",
            mb / s,
            articles.len() as f64 / s
        );
    }
    println!(
        "clean / fold {:.1}x",
        clean_t.as_secs_f64() / base_t.as_secs_f64().max(1e-9)
    );
    match peak_memory_kb() {
        Some(kb) => println!(
            "peak memory  {:.1} MB (resident, whole run)",
            kb as f64 / 1e3
        ),
        None => println!("peak memory  unknown (no /proc/self/status on this system)"),
    }
    Ok(exit_code(skipped))
}

/// The process's peak resident set size in kB, as Linux reports it.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn fold_all(articles: &[RawArticle]) -> usize {
    articles.iter().map(|a| text::fold(&a.text).len()).sum()
}

/// Runs `f` and returns the time the process's threads spent on a CPU
/// doing it (from Linux's schedstat, so that other processes on an
/// oversubscribed machine do not count; all threads, since cleaning runs
/// on rayon's pool), or wall time where that is not available.
fn timed<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let cpu = super::bench_dedup::process_cpu_ns();
    let wall = Instant::now();
    let out = std::hint::black_box(f());
    let took = match (cpu, super::bench_dedup::process_cpu_ns()) {
        (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)),
        _ => wall.elapsed(),
    };
    (took, out)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}
