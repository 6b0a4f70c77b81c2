//! `storyline eval dates`: how often the article-date finder gets a page's
//! publication day right, from the page's text alone.
//!
//! Each of trafilatura's evaluation pages with a gold `date` is rendered to
//! text (ingest's `html_to_text`, so no HTML metadata is read), cleaned and
//! given to `extract::article_date` without a `published` field. A page
//! counts as right when the found date is the gold calendar day. The
//! baseline is the first full date printed anywhere in the rendered text.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use serde::Deserialize;
use storyline_core::extract::{DateKind, ExtractConfig, StoryContext, article_date, extract};
use storyline_core::{Article, CleanConfig, Precision, clean};

use super::eval_clean::read_archive;

/// Arguments of `storyline eval dates`.
#[derive(Debug, clap::Args)]
pub(crate) struct DatesArgs {
    /// trafilatura's `evaldata.json`.
    #[arg(long)]
    evaldata: PathBuf,
    /// The archive of the evaluation pages (`html.tar.gz`).
    #[arg(long)]
    archive: PathBuf,
    /// Exit with status 1 when the exact-day accuracy is below this (0 to 1).
    #[arg(long, value_name = "ACCURACY")]
    min_accuracy: Option<f64>,
    /// Print every page the finder got wrong.
    #[arg(long)]
    explain: bool,
}

#[derive(Deserialize)]
struct EvalPage {
    file: String,
    #[serde(default)]
    date: Option<String>,
}

/// Exact-day counts of one method.
#[derive(Default)]
struct Counts {
    right: usize,
    wrong: usize,
    none: usize,
}

impl Counts {
    fn add(&mut self, found: Option<String>, gold: &str) {
        match found {
            Some(d) if d == gold => self.right += 1,
            Some(_) => self.wrong += 1,
            None => self.none += 1,
        }
    }
    fn total(&self) -> usize {
        self.right + self.wrong + self.none
    }
    fn accuracy(&self) -> f64 {
        self.right as f64 / self.total().max(1) as f64
    }
    fn precision(&self) -> f64 {
        self.right as f64 / (self.right + self.wrong).max(1) as f64
    }
}

/// The first full date (day precision, year printed) in the page text.
fn first_full_date(article: &Article) -> Option<String> {
    let x = extract(article, &ExtractConfig::default());
    x.dates
        .iter()
        .filter(|d| d.kind == DateKind::Absolute && d.source.is_none())
        .find_map(|d| d.value.filter(|v| v.precision == Precision::Day))
        .map(|v| v.date.to_string())
}

pub(crate) fn run(args: DatesArgs) -> anyhow::Result<ExitCode> {
    let evaldata: BTreeMap<String, EvalPage> = serde_json::from_slice(
        &std::fs::read(&args.evaldata)
            .with_context(|| format!("cannot read {}", args.evaldata.display()))?,
    )
    .with_context(|| format!("{}: not an evaluation file", args.evaldata.display()))?;
    let pages = read_archive(&args.archive)?;
    let cfg = CleanConfig::default();
    let (mut finder, mut baseline) = (Counts::default(), Counts::default());
    let mut missing = 0;
    for (url, page) in &evaldata {
        let Some(gold) = page
            .date
            .as_deref()
            .filter(|d| !d.is_empty())
            .map(|d| d.get(..10).unwrap_or(d))
        else {
            continue;
        };
        let Some(bytes) = pages.get(&page.file) else {
            missing += 1;
            finder.add(None, gold);
            baseline.add(None, gold);
            continue;
        };
        let (rendered, raw) = super::eval_clean::rendered_page(&page.file, url, bytes);
        let article = clean(&raw, &cfg).article;
        let found = article_date(&article, &StoryContext::default())
            .and_then(|d| d.value)
            .map(|v| v.date.to_string());
        if args.explain && found.as_deref() != Some(gold) {
            println!("{}: found {found:?}, gold {gold} ({url})", page.file);
        }
        finder.add(found, gold);
        let whole = Article {
            paragraphs: rendered.lines().map(str::to_owned).collect(),
            ..article
        };
        baseline.add(first_full_date(&whole), gold);
    }
    if finder.total() == 0 {
        bail!("{}: no pages with a gold date", args.evaldata.display());
    }
    println!(
        "pages with a gold date {} (missing from archive: {missing})",
        finder.total()
    );
    println!(
        "{:<22} {:>9} {:>9} {:>7} {:>6} {:>6}",
        "", "accuracy", "precision", "right", "wrong", "none"
    );
    for (name, c) in [("article_date", &finder), ("first full date", &baseline)] {
        println!(
            "{name:<22} {:>9.3} {:>9.3} {:>7} {:>6} {:>6}",
            c.accuracy(),
            c.precision(),
            c.right,
            c.wrong,
            c.none
        );
    }
    let below = args.min_accuracy.is_some_and(|m| finder.accuracy() < m);
    if below {
        eprintln!(
            "date accuracy {:.3} is below the gate {:.3}",
            finder.accuracy(),
            args.min_accuracy.unwrap_or_default()
        );
    }
    Ok(if below {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
