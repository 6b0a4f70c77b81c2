//! `storyline cluster`: which story each article reports on, as one
//! `{"id","story"}` line per article in input order — the format
//! `storyline eval cluster` reads.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use storyline_core::cluster::{ClusterConfig, Clustering, Model, cluster};
use storyline_core::dedup::{DedupConfig, dedup};
use storyline_core::{Article, Severity};

use crate::input::Inputs;
use crate::output::exit_code;

/// Arguments of `storyline cluster`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// A model file written by `storyline train cluster` (default: the
    /// shipped model).
    #[arg(long, value_name = "MODEL")]
    model: Option<PathBuf>,
}

/// Reads a model file.
pub(crate) fn load_model(path: &Path) -> anyhow::Result<Model> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read model file {}", path.display()))?;
    Model::from_json(&text).with_context(|| format!("cannot use model file {}", path.display()))
}

/// Dedups and clusters `articles` with `cfg`.
pub(crate) fn run_pipeline(articles: &[Article], cfg: &ClusterConfig) -> Clustering {
    let syndication = dedup(articles, &DedupConfig::default());
    cluster(articles, &syndication, cfg)
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut cfg = ClusterConfig::default();
    if let Some(path) = &args.model {
        cfg.model = load_model(path)?;
    }
    let (cleaned, skipped) = args.inputs.read_cleaned();
    let articles: Vec<Article> = cleaned.into_iter().map(|c| c.article).collect();
    let clustering = run_pipeline(&articles, &cfg);
    for d in clustering
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
    {
        eprintln!("{d}");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (a, story) in articles.iter().zip(&clustering.story_of) {
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({"id": a.id, "story": story.to_string()}),
        )
        .context("cannot write output")?;
        writeln!(out).context("cannot write output")?;
    }
    out.flush().context("cannot write output")?;
    Ok(exit_code(skipped))
}
