//! `storyline eval dedup`: syndication groups against a generated benchmark.
//!
//! Real articles are read, copies are derived from them the way
//! republication changes text ([`storyline_core::eval::republish`]), the
//! whole pile is cleaned and deduplicated like any other input, and the
//! groups are scored pairwise against the generator's truth. Different
//! articles of one gold story are the hard negatives: grouping them is a
//! false positive, counted on its own line.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use storyline_core::dedup::{DedupConfig, DedupIndex};
use storyline_core::eval::republish::{Change, RepublishConfig, republish};
use storyline_core::eval::{Prf, score_clustering};
use storyline_core::{Article, ArticleId, CleanConfig, clean_batch};
use storyline_ingest::{IngestOptions, read_inputs};

/// Arguments of `storyline eval dedup`.
#[derive(Debug, clap::Args)]
pub(crate) struct DedupArgs {
    /// Original articles: a corpus directory holding `articles.jsonl`, or
    /// any input `storyline dedup` reads.
    #[arg(long, value_name = "ARTICLES")]
    articles: PathBuf,
    /// Gold stories, `{"id","story"}` per line; by default `gold.jsonl`
    /// beside the articles. Without one every original is its own story.
    #[arg(long, value_name = "GOLD")]
    gold: Option<PathBuf>,
    /// The generator's seed.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Share of originals that get copies.
    #[arg(long, default_value_t = 0.5)]
    copy_share: f64,
    /// Most copies of one original.
    #[arg(long, default_value_t = 3)]
    max_copies: usize,
    /// Use only the first N originals (0: all).
    #[arg(long, default_value_t = 0)]
    limit: usize,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// Also write the generated articles to this JSONL file (with a
    /// `group` field holding the truth), to inspect or feed to other tools.
    #[arg(long, value_name = "PATH")]
    write_corpus: Option<PathBuf>,
    /// Print up to N wrongly grouped and N missed pairs to stderr.
    #[arg(long, default_value_t = 0, value_name = "N")]
    show_errors: usize,
    /// Fail (exit 1) when pairwise F1 is below this (0 to 1).
    #[arg(long, value_name = "F1")]
    min_f1: Option<f64>,
    /// Fail (exit 1) when pairwise precision is below this (0 to 1).
    #[arg(long, value_name = "P")]
    min_precision: Option<f64>,
}

#[derive(Deserialize)]
struct Membership {
    id: String,
    story: String,
}

/// What the run measured, as printed with `--json`.
#[derive(Serialize)]
struct Report {
    seed: u64,
    originals_read: usize,
    originals_left_out: usize,
    originals: usize,
    copies: usize,
    copies_by_change: BTreeMap<&'static str, usize>,
    verbatim_copies: usize,
    true_pairs: u64,
    hard_negative_pairs: u64,
    pairwise: Prf,
    false_pairs_same_story: u64,
    false_pairs_other: u64,
    recall_by_change: BTreeMap<&'static str, f64>,
    canonical_is_original: f64,
}

pub(crate) fn dedup(args: DedupArgs) -> anyhow::Result<ExitCode> {
    // A corpus directory holding `articles.jsonl`, else any input ingest
    // reads (a file, or a directory of `.txt` articles).
    let path = if args.articles.join("articles.jsonl").is_file() {
        args.articles.join("articles.jsonl")
    } else {
        args.articles.clone()
    };
    let ingested = read_inputs(std::slice::from_ref(&path), &IngestOptions::default());
    if ingested.skipped_any() {
        for d in &ingested.diagnostics {
            eprintln!("{d}");
        }
        bail!(
            "{}: some records could not be read; fix them so the benchmark is complete",
            path.display()
        );
    }
    let mut originals = ingested.articles;
    if args.limit > 0 {
        originals.truncate(args.limit);
    }
    let gold_path = args.gold.clone().or_else(|| {
        let p = path.with_file_name("gold.jsonl");
        p.exists().then_some(p)
    });
    let story_of = match &gold_path {
        Some(p) => read_gold(p)?,
        None => HashMap::new(),
    };
    let cfg = RepublishConfig {
        seed: args.seed,
        copy_share: args.copy_share,
        max_copies: args.max_copies,
        ..RepublishConfig::default()
    };
    let bench = republish(&originals, &story_of, &cfg);
    if let Some(p) = &args.write_corpus {
        write_corpus(p, &bench).with_context(|| format!("cannot write {}", p.display()))?;
    }
    let articles: Vec<Article> = clean_batch(&bench.articles, &CleanConfig::default())
        .into_iter()
        .map(|c| c.article)
        .collect();
    let mut index = DedupIndex::new(DedupConfig::default());
    index.add(&articles);
    let groups = index.syndication();
    let predicted: HashMap<ArticleId, usize> = groups
        .group_of
        .iter()
        .map(|(id, &g)| (id.clone(), g))
        .collect();
    let scores = score_clustering(&bench.truth, &predicted);

    // False pairs, split into hard negatives (one gold story) and others.
    let story = |id: &ArticleId| -> &str {
        let original = &bench.truth[id];
        story_of
            .get(original)
            .map(String::as_str)
            .unwrap_or(original.as_str())
    };
    let (mut same_story, mut other) = (0u64, 0u64);
    let mut wrong = Vec::new();
    for g in groups.copies() {
        for (i, a) in g.members.iter().enumerate() {
            for b in &g.members[i + 1..] {
                if bench.truth[&a.id] != bench.truth[&b.id] {
                    if story(&a.id) == story(&b.id) {
                        same_story += 1;
                    } else {
                        other += 1;
                    }
                    wrong.push((a.id.clone(), b.id.clone()));
                }
            }
        }
    }
    // Recall of copy-to-original pairs by change, and canonical choice.
    let mut by_change: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    let mut copies_by_change: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut missed = Vec::new();
    let mut verbatim = 0;
    for c in &bench.copies {
        let found = predicted.get(&c.id) == predicted.get(&c.original);
        if !found {
            missed.push((c.id.clone(), c.original.clone(), c.changes.clone()));
        }
        if c.changes.is_empty() {
            verbatim += 1;
        }
        for ch in &c.changes {
            let e = by_change.entry(ch.as_str()).or_default();
            e.0 += 1;
            e.1 += usize::from(found);
            *copies_by_change.entry(ch.as_str()).or_default() += 1;
        }
    }
    let with_copies: Vec<&ArticleId> = {
        let mut v: Vec<&ArticleId> = bench.copies.iter().map(|c| &c.original).collect();
        v.dedup();
        v
    };
    let canonical_ok = with_copies
        .iter()
        .filter(|o| groups.group(o).is_some_and(|g| &g.canonical == **o))
        .count();
    let true_pairs = {
        let mut sizes: HashMap<&ArticleId, u64> = HashMap::new();
        for g in bench.truth.values() {
            *sizes.entry(g).or_default() += 1;
        }
        sizes.values().map(|n| n * (n - 1) / 2).sum()
    };
    let report = Report {
        seed: args.seed,
        originals_read: originals.len(),
        originals_left_out: bench.left_out.len(),
        originals: originals.len() - bench.left_out.len(),
        copies: bench.copies.len(),
        copies_by_change,
        verbatim_copies: verbatim,
        true_pairs,
        hard_negative_pairs: bench.hard_negative_pairs,
        pairwise: scores.pairwise,
        false_pairs_same_story: same_story,
        false_pairs_other: other,
        recall_by_change: by_change
            .iter()
            .map(|(k, (n, f))| (*k, *f as f64 / (*n).max(1) as f64))
            .collect(),
        canonical_is_original: canonical_ok as f64 / with_copies.len().max(1) as f64,
    };
    for (a, b) in wrong.iter().take(args.show_errors) {
        eprintln!("wrongly grouped: {a} ~ {b}");
    }
    for (c, o, ch) in missed.iter().take(args.show_errors) {
        let ch: Vec<&str> = ch.iter().map(|c| c.as_str()).collect();
        eprintln!("missed copy: {c} of {o} ({})", ch.join(", "));
    }
    if args.json {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer(&mut out, &report).context("cannot write output")?;
        writeln!(out).context("cannot write output")?;
    } else {
        print_table(&report).context("cannot write output")?;
    }
    let mut failed = false;
    for (name, value, min) in [
        ("pairwise-f1", report.pairwise.f1, args.min_f1),
        (
            "pairwise-precision",
            report.pairwise.precision,
            args.min_precision,
        ),
    ] {
        if let Some(min) = min
            && value < min
        {
            eprintln!("gate failed: {name} is {value:.4}, below the required {min}");
            failed = true;
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(Serialize)]
struct CorpusLine<'a> {
    id: &'a str,
    group: &'a str,
    source: Option<&'a str>,
    published: Option<String>,
    title: Option<&'a str>,
    text: &'a str,
}

fn write_corpus(
    path: &std::path::Path,
    bench: &storyline_core::eval::republish::Republished,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for a in &bench.articles {
        let line = CorpusLine {
            id: a.id.as_str(),
            group: bench.truth[&a.id].as_str(),
            source: a.source.as_deref(),
            published: a.published.map(|t| t.time.to_rfc3339()),
            title: a.title.as_deref(),
            text: &a.text,
        };
        serde_json::to_writer(&mut out, &line)?;
        writeln!(out)?;
    }
    out.flush()
}

fn read_gold(path: &std::path::Path) -> anyhow::Result<HashMap<ArticleId, String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read gold file {}", path.display()))?;
    let mut out = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let m: Membership = serde_json::from_str(line).with_context(|| {
            format!(
                "{}:{}: not a valid gold record, fix or remove the line",
                path.display(),
                i + 1
            )
        })?;
        out.insert(ArticleId(m.id), m.story);
    }
    Ok(out)
}

fn print_table(r: &Report) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let w = &mut out;
    writeln!(
        w,
        "originals  {} read, {} left out (they share >= 30% of their word 5-grams with another original), {} kept",
        r.originals_read, r.originals_left_out, r.originals
    )?;
    writeln!(
        w,
        "copies     {} ({} verbatim), seed {}",
        r.copies, r.verbatim_copies, r.seed
    )?;
    for ch in Change::ALL {
        let n = r.copies_by_change.get(ch.as_str()).copied().unwrap_or(0);
        let rec = r.recall_by_change.get(ch.as_str()).copied().unwrap_or(0.0);
        writeln!(
            w,
            "  {:<12} {n:>6} copies, found with their original {rec:.4}",
            ch.as_str()
        )?;
    }
    writeln!(
        w,
        "pairs      {} true, {} hard negatives (originals of one story)",
        r.true_pairs, r.hard_negative_pairs
    )?;
    writeln!(w)?;
    writeln!(
        w,
        "pairwise   precision {:.4}  recall {:.4}  f1 {:.4}",
        r.pairwise.precision, r.pairwise.recall, r.pairwise.f1
    )?;
    writeln!(
        w,
        "false pairs: {} within one gold story, {} across stories",
        r.false_pairs_same_story, r.false_pairs_other
    )?;
    writeln!(
        w,
        "canonical is the original in {:.4} of groups",
        r.canonical_is_original
    )
}
