//! `storyline eval clean-lines` and `storyline eval extraction`: how well
//! cleaning separates page furniture from reporting.
//!
//! `clean-lines` compares the lines cleaning removed with a gold list of
//! furniture line numbers. A line counts as removed when it appears in the
//! article's removed lines for any reason, metadata included: a title,
//! byline, dateline, credit or date line lifted out of the body is handled
//! furniture. A dateline split off the head of a paragraph leaves its line
//! in the body, so it is neither. Every non-empty line the gold file does
//! not list is reporting and must stay.
//!
//! `extraction` renders trafilatura's evaluation pages to text, cleans them
//! and scores the segment metric, beside the baseline of the rendered text
//! with nothing removed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use serde::Deserialize;
use storyline_core::eval::segments::{SegmentCounts, normalise, score_page};
use storyline_core::{ArticleId, CleanConfig, Location, RawArticle, clean, clean_batch};
use storyline_ingest::charset::decode_html_bytes;
use storyline_ingest::html::html_to_text;

/// Arguments of `storyline eval clean-lines`.
#[derive(Debug, clap::Args)]
pub(crate) struct CleanLinesArgs {
    /// Gold file: one JSON object per line, `{"id", "furniture": [line, ...]}`
    /// with 1-based line numbers of page furniture.
    #[arg(long)]
    gold: PathBuf,
    /// Plain-text articles (`.txt` files or directories of them); the id of
    /// each is its file stem.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,
    /// Exit with status 1 when a furniture line is kept or a reporting line
    /// removed.
    #[arg(long)]
    check: bool,
}

#[derive(Deserialize)]
struct GoldLine {
    id: String,
    furniture: Vec<usize>,
}

/// Reads `.txt` files directly (not through ingest) so that line numbers
/// are those of the file, whatever ingest does with a leading title line.
fn txt_files(inputs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut dir: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("cannot read directory {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            dir.sort();
            out.extend(dir);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

pub(crate) fn clean_lines(args: CleanLinesArgs) -> anyhow::Result<ExitCode> {
    let gold_text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("cannot read gold file {}", args.gold.display()))?;
    let mut gold: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (i, line) in gold_text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldLine = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: invalid gold record", args.gold.display(), i + 1))?;
        gold.insert(g.id, g.furniture.into_iter().collect());
    }
    let mut raws = Vec::new();
    for path in txt_files(&args.inputs)? {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        raws.push(RawArticle {
            id: ArticleId(id),
            origin: Location::file(path.display().to_string()),
            url: None,
            source: None,
            published: None,
            title: None,
            text,
            meta: Default::default(),
        });
    }
    let cleaned = clean_batch(&raws, &CleanConfig::default());
    let (mut furniture, mut furniture_removed, mut reporting, mut reporting_removed) = (0, 0, 0, 0);
    let mut problems = Vec::new();
    for (raw, c) in raws.iter().zip(&cleaned) {
        let Some(gold_lines) = gold.get(raw.id.as_str()) else {
            eprintln!(
                "{}: no gold record for id {}; add it to the gold file",
                args.gold.display(),
                raw.id
            );
            continue;
        };
        let removed: BTreeMap<usize, _> = c
            .article
            .removed
            .iter()
            .map(|r| (r.line, r.reason))
            .collect();
        for (i, line) in raw.text.lines().enumerate() {
            let no = i + 1;
            if line.trim().is_empty() {
                continue;
            }
            let short: String = line.trim().chars().take(70).collect();
            match (gold_lines.contains(&no), removed.get(&no)) {
                (true, Some(_)) => {
                    furniture += 1;
                    furniture_removed += 1;
                }
                (true, None) => {
                    furniture += 1;
                    problems.push(format!("furniture kept  {}:{no}: {short}", raw.id));
                }
                (false, Some(reason)) => {
                    reporting += 1;
                    reporting_removed += 1;
                    problems.push(format!(
                        "reporting removed ({reason:?}) {}:{no}: {short}",
                        raw.id
                    ));
                }
                (false, None) => reporting += 1,
            }
        }
    }
    println!("articles            {}", raws.len());
    println!("furniture removed   {furniture_removed} / {furniture}");
    println!("reporting removed   {reporting_removed} / {reporting}");
    for p in &problems {
        println!("  {p}");
    }
    let failed = furniture_removed < furniture || reporting_removed > 0;
    Ok(if args.check && failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Arguments of `storyline eval extraction`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExtractionArgs {
    /// trafilatura's `evaldata.json`.
    #[arg(long)]
    evaldata: PathBuf,
    /// The archive of the evaluation pages (`html.tar.gz`).
    #[arg(long)]
    archive: PathBuf,
    /// Also score the baseline: the rendered text with nothing removed.
    #[arg(long)]
    baseline: bool,
    /// Exit with status 1 when the cleaned F is below this.
    #[arg(long)]
    min_f: Option<f64>,
    /// Print, for every page, the segments the cleaner got wrong.
    #[arg(long)]
    explain: bool,
}

#[derive(Deserialize)]
struct EvalPage {
    file: String,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
}

/// Every regular file in a gzip-compressed tar archive, by file name.
pub(crate) fn read_archive(path: &Path) -> anyhow::Result<HashMap<String, Vec<u8>>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut out = HashMap::new();
    for entry in archive
        .entries()
        .with_context(|| format!("cannot read archive {}", path.display()))?
    {
        let mut entry = entry.with_context(|| format!("corrupt archive {}", path.display()))?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let name = entry
            .path()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .with_context(|| format!("corrupt archive {}: entry {name}", path.display()))?;
        out.insert(name, bytes);
    }
    Ok(out)
}

/// An evaluation page rendered to text with nothing removed, and the raw
/// article cleaning reads from it (the page's file as its id).
pub(crate) fn rendered_page(file: &str, url: &str, bytes: &[u8]) -> (String, RawArticle) {
    let rendered = html_to_text(&decode_html_bytes(bytes));
    let raw = RawArticle {
        id: ArticleId(file.to_owned()),
        origin: Location::file(file.to_owned()),
        url: Some(url.to_owned()),
        source: None,
        published: None,
        title: rendered.title,
        text: rendered.text.clone(),
        meta: Default::default(),
    };
    (rendered.text, raw)
}

pub(crate) fn extraction(args: ExtractionArgs) -> anyhow::Result<ExitCode> {
    let evaldata: BTreeMap<String, EvalPage> = serde_json::from_slice(
        &std::fs::read(&args.evaldata)
            .with_context(|| format!("cannot read {}", args.evaldata.display()))?,
    )
    .with_context(|| format!("{}: not an evaluation file", args.evaldata.display()))?;
    let pages = read_archive(&args.archive)?;
    let cfg = CleanConfig::default();
    let (mut cleaned_total, mut baseline_total) =
        (SegmentCounts::default(), SegmentCounts::default());
    let mut missing = 0;
    for (url, page) in &evaldata {
        let Some(bytes) = pages.get(&page.file) else {
            missing += 1;
            cleaned_total.add(score_page("", &page.with, &page.without));
            baseline_total.add(score_page("", &page.with, &page.without));
            continue;
        };
        let (rendered, raw) = rendered_page(&page.file, url, bytes);
        let article = clean(&raw, &cfg).article;
        let output = normalise(&article.paragraphs.join("\n"));
        let scored = score_page(&output, &page.with, &page.without);
        cleaned_total.add(scored);
        baseline_total.add(score_page(&normalise(&rendered), &page.with, &page.without));
        if args.explain && (scored.fn_ > 0 || scored.fp > 0) {
            println!("== {} ({url})", page.file);
            for s in &page.with {
                if !output.contains(&normalise(s)) {
                    let why = article
                        .removed
                        .iter()
                        .find(|r| normalise(&r.text).contains(&normalise(s)))
                        .map_or("not in rendered text".to_owned(), |r| {
                            format!("{:?} line {}", r.reason, r.line)
                        });
                    println!("  missed  {s:?}  [{why}]");
                }
            }
            for s in &page.without {
                if output.contains(&normalise(s)) {
                    println!("  leaked  {s:?}");
                }
            }
        }
    }
    if evaldata.is_empty() {
        bail!("{}: no pages to score", args.evaldata.display());
    }
    println!("pages {} (missing from archive: {missing})", evaldata.len());
    println!(
        "{:<10} {:>9} {:>7} {:>7} {:>9}",
        "", "precision", "recall", "f1", "accuracy"
    );
    let row = |name: &str, c: &SegmentCounts| {
        println!(
            "{name:<10} {:>9.3} {:>7.3} {:>7.3} {:>9.3}",
            c.precision(),
            c.recall(),
            c.f1(),
            c.accuracy()
        );
    };
    row("cleaned", &cleaned_total);
    if args.baseline {
        row("baseline", &baseline_total);
    }
    let below = args.min_f.is_some_and(|m| cleaned_total.f1() < m);
    if below {
        eprintln!(
            "extraction f1 {:.3} is below the gate {:.3}",
            cleaned_total.f1(),
            args.min_f.unwrap_or_default()
        );
    }
    Ok(if below {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
