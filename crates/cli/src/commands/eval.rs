//! `storyline eval`: measure the engine against gold data.
//!
//! `eval cluster` scores a predicted grouping of articles into stories,
//! `eval summary` scores story summaries with ROUGE. Both print a readable
//! table, or one JSON object with `--json`, and take `--min-*` thresholds that
//! make the exit code 1 when a figure falls short, so CI can gate on them.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{eval_clean, eval_dedup, eval_html};
use anyhow::{Context, bail};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use storyline_core::eval::{
    ClusterScores, RougeConfig, RougeScores, score_clustering, score_summaries,
};

/// The things `storyline eval` measures.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum EvalCommand {
    /// Score a clustering: B-cubed, pairwise P/R/F1, ARI and NMI.
    Cluster(ClusterArgs),
    /// Score summaries: ROUGE-1/2/L F1 with Porter stemming.
    Summary(SummaryArgs),
    /// Lines removed by cleaning against gold furniture line numbers.
    CleanLines(eval_clean::CleanLinesArgs),
    /// Segment P/R/F of HTML page text after cleaning (trafilatura's set).
    Extraction(eval_clean::ExtractionArgs),
    /// Pairwise P/R/F1 of syndication groups on generated copies.
    Dedup(eval_dedup::DedupArgs),
    /// Publication dates found in page text against trafilatura's gold dates.
    Dates(super::eval_dates::DatesArgs),
    /// Main text, publication date and title of HTML pages (trafilatura's set).
    Html(eval_html::HtmlArgs),
}

/// Arguments of `storyline eval cluster`.
#[derive(Debug, clap::Args)]
pub(crate) struct ClusterArgs {
    /// Gold clustering: JSONL of `{"id","story"}`, or a corpus directory
    /// holding `gold.jsonl`.
    #[arg(long, value_name = "GOLD")]
    gold: PathBuf,
    /// Predicted clustering: JSONL of `{"id","story"}`.
    #[arg(long, value_name = "PRED")]
    pred: PathBuf,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// Fail (exit 1) when B-cubed F1 is below this (0 to 1).
    #[arg(long, value_name = "F1")]
    min_bcubed_f1: Option<f64>,
    /// Fail (exit 1) when pairwise F1 is below this (0 to 1).
    #[arg(long, value_name = "F1")]
    min_pairwise_f1: Option<f64>,
    /// Fail (exit 1) when the adjusted Rand index is below this.
    #[arg(long, value_name = "ARI")]
    min_ari: Option<f64>,
    /// Fail (exit 1) when NMI is below this (0 to 1).
    #[arg(long, value_name = "NMI")]
    min_nmi: Option<f64>,
}

/// Arguments of `storyline eval summary`.
#[derive(Debug, clap::Args)]
pub(crate) struct SummaryArgs {
    /// Reference summaries: JSONL of `{"story","summary"}`, or a corpus
    /// directory holding `summaries.jsonl`.
    #[arg(long, value_name = "REFS")]
    refs: PathBuf,
    /// System summaries: JSONL of `{"story","summary"}`.
    #[arg(long, value_name = "PRED")]
    pred: PathBuf,
    /// Cut each system summary to this many whitespace-separated words
    /// (0 scores summaries whole).
    #[arg(long, default_value_t = 250)]
    words: usize,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// Fail (exit 1) when mean ROUGE-1 F1 ×100 is below this.
    #[arg(long, value_name = "SCORE")]
    min_rouge1: Option<f64>,
    /// Fail (exit 1) when mean ROUGE-2 F1 ×100 is below this.
    #[arg(long, value_name = "SCORE")]
    min_rouge2: Option<f64>,
    /// Fail (exit 1) when mean ROUGE-L F1 ×100 is below this.
    #[arg(long = "min-rougeL", alias = "min-rouge-l", value_name = "SCORE")]
    min_rouge_l: Option<f64>,
}

pub(crate) fn run(cmd: EvalCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        EvalCommand::Cluster(args) => cluster(args),
        EvalCommand::Summary(args) => summary(args),
        EvalCommand::CleanLines(args) => eval_clean::clean_lines(args),
        EvalCommand::Extraction(args) => eval_clean::extraction(args),
        EvalCommand::Dedup(args) => eval_dedup::dedup(args),
        EvalCommand::Dates(args) => super::eval_dates::run(args),
        EvalCommand::Html(args) => eval_html::html(args),
    }
}

#[derive(Deserialize)]
pub(crate) struct Membership {
    pub(crate) id: String,
    pub(crate) story: String,
}

#[derive(Deserialize)]
struct StorySummary {
    story: String,
    summary: String,
}

fn cluster(args: ClusterArgs) -> anyhow::Result<ExitCode> {
    let gold_path = in_corpus(&args.gold, "gold.jsonl");
    let gold = read_map(&gold_path, |m: Membership| (m.id, m.story))?;
    let pred = read_map(&args.pred, |m: Membership| (m.id, m.story))?;
    let s = score_clustering(&gold, &pred);
    if args.json {
        print_json(&s)?;
    } else {
        print_cluster_table(&s)?;
    }
    let gates = [
        ("bcubed-f1", s.bcubed.f1, args.min_bcubed_f1),
        ("pairwise-f1", s.pairwise.f1, args.min_pairwise_f1),
        ("ari", s.ari, args.min_ari),
        ("nmi", s.nmi, args.min_nmi),
    ];
    Ok(gate(&gates))
}

fn summary(args: SummaryArgs) -> anyhow::Result<ExitCode> {
    let refs_path = in_corpus(&args.refs, "summaries.jsonl");
    let refs = read_map(&refs_path, |s: StorySummary| (s.story, s.summary))?;
    let pred = read_map(&args.pred, |s: StorySummary| (s.story, s.summary))?;
    let config = RougeConfig {
        words: (args.words > 0).then_some(args.words),
        ..RougeConfig::default()
    };
    let s = score_summaries(&refs, &pred, &config);
    if args.json {
        print_json(&SummaryJson {
            words: config.words,
            scores: &s,
        })?;
    } else {
        print_summary_table(&s, config.words)?;
    }
    let gates = [
        ("rouge1", s.rouge1 * 100.0, args.min_rouge1),
        ("rouge2", s.rouge2 * 100.0, args.min_rouge2),
        ("rougeL", s.rouge_l * 100.0, args.min_rouge_l),
    ];
    Ok(gate(&gates))
}

#[derive(serde::Serialize)]
struct SummaryJson<'a> {
    words: Option<usize>,
    #[serde(flatten)]
    scores: &'a RougeScores,
}

/// `path` itself, or `path/name` when `path` is a directory.
pub(crate) fn in_corpus(path: &Path, name: &str) -> PathBuf {
    if path.is_dir() {
        path.join(name)
    } else {
        path.to_owned()
    }
}

/// Reads a JSONL file of records into a map with `entry`. Blank lines are
/// skipped; a malformed record or a repeated key is an error naming the file
/// and line, because a gold or prediction file with holes would give figures
/// nobody can trust.
pub(crate) fn read_map<T: DeserializeOwned>(
    path: &Path,
    entry: impl Fn(T) -> (String, String),
) -> anyhow::Result<HashMap<String, String>> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut map = HashMap::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let n = i + 1;
        let line = line.with_context(|| format!("{}:{n}: cannot read line", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: T = serde_json::from_str(&line).with_context(|| {
            format!(
                "{}:{n}: not a valid record, fix or remove the line",
                path.display()
            )
        })?;
        let (key, value) = entry(record);
        match first_line.entry(key.clone()) {
            Entry::Occupied(first) => bail!(
                "{}:{n}: `{key}` appears again (first on line {}), keep one line per key",
                path.display(),
                first.get()
            ),
            Entry::Vacant(slot) => {
                slot.insert(n);
            }
        }
        map.insert(key, value);
    }
    Ok(map)
}

fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, value).context("cannot write output")?;
    writeln!(out).context("cannot write output")
}

fn print_cluster_table(s: &ClusterScores) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let w = &mut out;
    (|| -> std::io::Result<()> {
        writeln!(
            w,
            "items     {} ({} missing from prediction, scored as singletons; {} only in prediction, ignored)",
            s.items, s.missing, s.extra
        )?;
        writeln!(
            w,
            "clusters  gold {}, predicted {}",
            s.gold_clusters, s.predicted_clusters
        )?;
        writeln!(w)?;
        writeln!(w, "metric     precision  recall     f1")?;
        for (name, m) in [("b-cubed", s.bcubed), ("pairwise", s.pairwise)] {
            writeln!(
                w,
                "{name:<10} {:<10.4} {:<10.4} {:.4}",
                m.precision, m.recall, m.f1
            )?;
        }
        writeln!(w, "ari        {:.4}", s.ari)?;
        writeln!(w, "nmi        {:.4} (arithmetic-mean normalisation)", s.nmi)
    })()
    .context("cannot write output")
}

fn print_summary_table(s: &RougeScores, words: Option<usize>) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let w = &mut out;
    (|| -> std::io::Result<()> {
        let budget = match words {
            Some(n) => format!("cut to {n} words"),
            None => "not cut".to_owned(),
        };
        writeln!(
            w,
            "stories   {} ({} without a system summary, scored 0; {} summaries without a reference, ignored)",
            s.stories, s.missing, s.extra
        )?;
        writeln!(w, "summaries {budget}, Porter stemming, F1 ×100")?;
        writeln!(w)?;
        writeln!(w, "rouge1    {:.2}", s.rouge1 * 100.0)?;
        writeln!(w, "rouge2    {:.2}", s.rouge2 * 100.0)?;
        writeln!(w, "rougeL    {:.2}", s.rouge_l * 100.0)
    })()
    .context("cannot write output")
}

/// Checks each `(name, value, minimum)`; prints every shortfall to stderr and
/// returns exit code 1 when there was one.
fn gate(gates: &[(&str, f64, Option<f64>)]) -> ExitCode {
    let mut failed = false;
    for &(name, value, min) in gates {
        if let Some(min) = min
            && value < min
        {
            eprintln!("gate failed: {name} is {value:.4}, below the required {min}");
            failed = true;
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
