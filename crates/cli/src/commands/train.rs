//! `storyline train cluster`: fit the clustering decision model on gold
//! stories and write it as a versioned JSON model file.
//!
//! Each INPUT is one stream (a corpus is clustered on its own, never mixed
//! with another). Stories are split into a training and a development part
//! by a hash of the story label, so no story is in both; the model is fitted
//! on the training part and both parts are reported.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use storyline_core::Article;
use storyline_core::cluster::{ClusterConfig, StreamExamples, fit, read_profiles, stream_f1};
use storyline_core::dedup::{DedupConfig, dedup};

use super::eval::{Membership, in_corpus, read_map};
use crate::input::Inputs;

/// What `storyline train` fits.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum TrainCommand {
    /// Fit the clustering model on gold stories.
    Cluster(ClusterArgs),
}

/// Arguments of `storyline train cluster`.
#[derive(Debug, clap::Args)]
pub(crate) struct ClusterArgs {
    /// Gold stories: JSONL of `{"id","story"}` or a corpus directory holding
    /// `gold.jsonl`; repeat for several corpora.
    #[arg(long, value_name = "GOLD", required = true)]
    gold: Vec<PathBuf>,
    /// Corpora to train on, one stream each.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long, value_name = "MODEL")]
    out: PathBuf,
    /// One story in this many goes to the development part (0: train on
    /// everything).
    #[arg(long, default_value_t = 5)]
    dev_every: u64,
    /// L2 penalty of the logistic regression.
    #[arg(long, default_value_t = 1.0)]
    l2: f64,
    /// Clustering settings to train under: a file holding a JSON object of
    /// `ClusterConfig` fields, or the object itself.
    #[arg(long, value_name = "CONFIG")]
    config: Option<PathBuf>,
}

pub(crate) fn run(cmd: TrainCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        TrainCommand::Cluster(args) => cluster(args),
    }
}

fn is_dev(story: &str, every: u64) -> bool {
    every > 0 && xxhash_rust::xxh3::xxh3_64(story.as_bytes()).is_multiple_of(every)
}

/// The articles of `articles` whose gold story is (or is not) in the
/// development part, as a stream.
fn part(
    name: &str,
    articles: &[Article],
    gold: &HashMap<String, String>,
    dev: bool,
    every: u64,
) -> StreamExamples {
    let picked: Vec<Article> = articles
        .iter()
        .filter(|a| {
            gold.get(a.id.as_str())
                .is_some_and(|s| is_dev(s, every) == dev)
        })
        .cloned()
        .collect();
    let labels = picked
        .iter()
        .map(|a| gold.get(a.id.as_str()).cloned())
        .collect();
    let syndication = dedup(&picked, &DedupConfig::default());
    StreamExamples {
        name: name.to_owned(),
        articles: picked,
        syndication,
        gold: labels,
    }
}

fn cluster(args: ClusterArgs) -> anyhow::Result<ExitCode> {
    let mut gold = HashMap::new();
    for g in &args.gold {
        let path = in_corpus(g, "gold.jsonl");
        gold.extend(read_map(&path, |m: Membership| (m.id, m.story))?);
    }
    let cfg = super::cluster::load_config(args.config.as_deref())?;
    let mut train = Vec::new();
    let mut dev = Vec::new();
    for input in &args.inputs {
        let (cleaned, _) = Inputs {
            paths: vec![input.clone()],
            extractor: Default::default(),
        }
        .read_cleaned()?;
        let articles: Vec<Article> = cleaned.into_iter().map(|c| c.article).collect();
        // A corpus is named by its directory ("ecbplus-dev/articles.jsonl").
        let named = if input.is_file() {
            input.parent().unwrap_or(input)
        } else {
            input.as_path()
        };
        let name = named.file_name().map_or_else(
            || input.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        if !articles.iter().any(|a| gold.contains_key(a.id.as_str())) {
            bail!(
                "no article of {} has a gold story; give its gold file with --gold",
                input.display()
            );
        }
        train.push(part(&name, &articles, &gold, false, args.dev_every));
        if args.dev_every > 0 {
            dev.push(part(&name, &articles, &gold, true, args.dev_every));
        }
    }
    let config = args
        .config
        .as_ref()
        .map_or(String::new(), |c| format!(" --config {}", c.display()));
    let command = format!(
        "storyline train cluster {} {}{config} --dev-every {} --l2 {} --out model.json",
        args.gold
            .iter()
            .map(|g| format!("--gold {}", g.display()))
            .collect::<Vec<_>>()
            .join(" "),
        args.inputs
            .iter()
            .map(|i| i.display().to_string())
            .collect::<Vec<_>>()
            .join(" "),
        args.dev_every,
        args.l2,
    );
    let fitted = fit(&train, &cfg, args.l2, "");
    let mut model = fitted.model;
    let run_cfg = ClusterConfig {
        model: model.clone(),
        ..cfg.clone()
    };
    let mut report = Vec::new();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "stream                 articles(train/dev)  candidate-recall  bcubed-f1 train  dev"
    )
    .context("cannot write output")?;
    for (i, t) in fitted.scores.iter().enumerate() {
        let dev_f1 = dev.get(i).map(|d| {
            let profiles = read_profiles(&d.articles, &run_cfg.vector);
            (d.articles.len(), stream_f1(d, &profiles, &run_cfg))
        });
        let (dn, df) = dev_f1.unwrap_or((0, f64::NAN));
        writeln!(
            out,
            "{:<22} {:>6}/{:<6}        {:.4}            {:.4}           {:.4}",
            t.name,
            train[i].articles.len(),
            dn,
            t.candidate_recall,
            t.bcubed_f1,
            df
        )
        .context("cannot write output")?;
        report.push(format!(
            "{}: train {:.4}, dev {:.4}",
            t.name, t.bcubed_f1, df
        ));
    }
    model.provenance = format!("{command}; b-cubed f1 {}", report.join("; "));
    std::fs::write(&args.out, model.to_json() + "\n")
        .with_context(|| format!("cannot write model file {}", args.out.display()))?;
    writeln!(out, "model written to {}", args.out.display()).context("cannot write output")?;
    Ok(ExitCode::SUCCESS)
}
