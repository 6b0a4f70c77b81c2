//! `storyline cluster`: which story each article reports on, as one
//! `{"id","story"}` line per article in input order — the format
//! `storyline eval cluster` reads.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use storyline_core::cluster::{
    ClusterConfig, Clustering, Model, cluster_profiles, date_of, read_profiles,
};
use storyline_core::dedup::{DedupConfig, Syndication, dedup};
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
    /// Clustering settings: a file holding a JSON object of `ClusterConfig`
    /// fields, or the object itself (`--config '{"candidates":4}'`); fields
    /// left out keep their defaults.
    #[arg(long, value_name = "CONFIG")]
    config: Option<PathBuf>,
    /// Also print the date clustering read for each article (`"date"`,
    /// and whether it came from metadata, `"dated_by_metadata"`).
    #[arg(long)]
    explain: bool,
}

/// Reads settings (JSON, any subset of `ClusterConfig` fields) from a
/// file, or from the argument itself when it is a JSON object rather than
/// the name of a file.
pub(crate) fn load_config(path: Option<&Path>) -> anyhow::Result<ClusterConfig> {
    let Some(path) = path else {
        return Ok(ClusterConfig::default());
    };
    let inline = path.to_str().filter(|s| s.trim_start().starts_with('{'));
    if let Some(json) = inline.filter(|_| !path.exists()) {
        return serde_json::from_str(json).with_context(|| {
            format!("--config {json} is not valid clustering settings (a JSON object of ClusterConfig fields)")
        });
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read settings file {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| {
        format!(
            "settings file {} is not valid clustering settings",
            path.display()
        )
    })
}

/// Reads a model file.
pub(crate) fn load_model(path: &Path) -> anyhow::Result<Model> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read model file {}", path.display()))?;
    Model::from_json(&text).with_context(|| format!("cannot use model file {}", path.display()))
}

/// Dedups and clusters `articles` with `cfg`. Dedup and the reading of
/// the clusterer's profiles need nothing of each other, so they run side
/// by side (dedup's index is built on one thread).
pub(crate) fn run_pipeline(articles: &[Article], cfg: &ClusterConfig) -> (Syndication, Clustering) {
    let (syndication, profiles) = rayon::join(
        || dedup(articles, &DedupConfig::default()),
        || read_profiles(articles, &cfg.vector),
    );
    let clustering = cluster_profiles(articles, &profiles, &syndication, cfg);
    (syndication, clustering)
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut cfg = load_config(args.config.as_deref())?;
    if let Some(path) = &args.model {
        cfg.model = load_model(path)?;
    }
    let (cleaned, skipped, origins) = args.inputs.read_cleaned_with_origins()?;
    let articles: Vec<Article> = cleaned.into_iter().map(|c| c.article).collect();
    let (_, clustering) = run_pipeline(&articles, &cfg);
    for d in clustering
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
    {
        eprintln!("{}", origins.locate(d));
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let explained = args.explain.then(|| read_profiles(&articles, &cfg.vector));
    for (i, (a, story)) in articles.iter().zip(&clustering.story_of).enumerate() {
        let mut line = serde_json::json!({"id": a.id, "story": story.to_string()});
        if let Some(profiles) = &explained {
            let p = &profiles[i];
            line["date"] = serde_json::json!(p.date.and_then(date_of).map(|d| d.to_string()));
            line["dated_by_metadata"] = serde_json::json!(p.dated_by_metadata);
        }
        serde_json::to_writer(&mut out, &line).context("cannot write output")?;
        writeln!(out).context("cannot write output")?;
    }
    out.flush().context("cannot write output")?;
    Ok(exit_code(skipped))
}
