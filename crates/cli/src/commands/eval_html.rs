//! `storyline eval html`: how well the HTML → article path reads
//! trafilatura's evaluation pages: segment precision, recall and F of the
//! page text ingest produces (gated with `--min-f`) and of that text after
//! `storyline_core::clean` (reported), publication-date accuracy against
//! the gold dates (exact day, over pages with a gold date; gated with
//! `--min-date-accuracy`), and title accuracy (reported).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use serde::Deserialize;
use storyline_core::eval::segments::{SegmentCounts, normalise, score_page};
use storyline_core::{ArticleId, CleanConfig, Location, RawArticle, clean};
use storyline_ingest::page::{Page, PageOptions, extract_page_bytes_with};

use crate::input::ExtractorArg;

use super::eval_clean::read_archive;

/// Arguments of `storyline eval html`.
#[derive(Debug, clap::Args)]
pub(crate) struct HtmlArgs {
    /// trafilatura's `evaldata.json`.
    #[arg(long)]
    evaldata: PathBuf,
    /// The archive of the evaluation pages (`html.tar.gz`).
    #[arg(long)]
    archive: PathBuf,
    /// Exit with status 1 when the segment F of the page text (what ingest
    /// hands to the pipeline) is below this.
    #[arg(long)]
    min_f: Option<f64>,
    /// Exit with status 1 when publication-date accuracy is below this.
    #[arg(long)]
    min_date_accuracy: Option<f64>,
    /// Print, for every page, the segments and dates that were wrong
    /// (segments missed or leaked by the page text, and whether cleaning
    /// then removed them).
    #[arg(long)]
    explain: bool,
    /// Write one tab-separated line per page to this file: file name, then
    /// the page text's segment counts (with found, with missed, without
    /// found, without absent) and its length in characters, to compare two
    /// runs page by page.
    #[arg(long, value_name = "FILE")]
    per_page: Option<PathBuf>,
    /// Write each page's text to `DIR/<page file>.txt`, to read what was
    /// extracted.
    #[arg(long, value_name = "DIR")]
    text_dir: Option<PathBuf>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// After scoring, extract every page this many more times and print
    /// pages per second and resident memory after each pass (the speed
    /// and memory benchmark; `scripts/bench-html.sh` runs it).
    #[arg(long, default_value_t = 0)]
    passes: usize,
    /// The main-text extractor: `hybrid` (the default: ours where it is
    /// confident, the crate elsewhere), `trafilatura` (the crate on every
    /// page, as before) or `fast` (ours on every page).
    #[arg(long, value_enum, default_value_t = ExtractorArg::Hybrid)]
    extractor: ExtractorArg,
}

#[derive(Deserialize)]
struct EvalPage {
    file: String,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// The figures `eval html` reports.
#[derive(Debug, Default, serde::Serialize)]
struct Report {
    pages: usize,
    missing_from_archive: usize,
    extracted: SegmentCounts,
    article: SegmentCounts,
    fallback_pages: usize,
    own_body_pages: usize,
    dated_pages: usize,
    dates_right: usize,
    dates_missing: usize,
    dates_by_source: BTreeMap<String, (usize, usize)>,
    titled_pages: usize,
    titles_right: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Titles compared with whitespace collapsed and typographic variants
/// folded, as a reader would compare them.
fn same_title(a: &str, b: &str) -> bool {
    storyline_core::text::fold(&normalise(a)) == storyline_core::text::fold(&normalise(b))
}

pub(crate) fn html(args: HtmlArgs) -> anyhow::Result<ExitCode> {
    let evaldata: BTreeMap<String, EvalPage> = serde_json::from_slice(
        &std::fs::read(&args.evaldata)
            .with_context(|| format!("cannot read {}", args.evaldata.display()))?,
    )
    .with_context(|| format!("{}: not an evaluation file", args.evaldata.display()))?;
    if evaldata.is_empty() {
        bail!("{}: no pages to score", args.evaldata.display());
    }
    let pages: HashMap<String, Vec<u8>> = read_archive(&args.archive)?;
    let cfg = CleanConfig::default();
    let opts = args.extractor.options();
    let mut r = Report {
        pages: evaldata.len(),
        ..Report::default()
    };
    let mut per_page = String::new();
    for (url, gold) in &evaldata {
        let Some(bytes) = pages.get(&gold.file) else {
            r.missing_from_archive += 1;
            r.extracted.add(score_page("", &gold.with, &gold.without));
            r.article.add(score_page("", &gold.with, &gold.without));
            continue;
        };
        let page = extract_page_bytes_with(bytes, Some(url), &opts);
        r.fallback_pages += usize::from(page.fallback);
        r.own_body_pages += usize::from(page.own_body);
        let extracted = normalise(&page.text);
        let sc = score_page(&extracted, &gold.with, &gold.without);
        if args.per_page.is_some() {
            per_page.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\n",
                gold.file,
                sc.tp,
                sc.fn_,
                sc.fp,
                sc.tn,
                page.text.chars().count()
            ));
        }
        r.extracted.add(sc);
        if let Some(dir) = &args.text_dir {
            let path = dir.join(format!("{}.txt", gold.file));
            std::fs::write(&path, &page.text)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        let article = normalise(&article_text(&page, &gold.file, url, &cfg));
        let scored = score_page(&article, &gold.with, &gold.without);
        r.article.add(scored);
        let mut notes = Vec::new();
        if let Some(want) = gold.date.as_deref().filter(|d| !d.is_empty()) {
            r.dated_pages += 1;
            let got = page.published.map(|t| t.time.date_naive().to_string());
            let want = gold_day(want);
            let right = got.as_deref() == Some(want.as_str());
            r.dates_right += usize::from(right);
            r.dates_missing += usize::from(got.is_none());
            let source = page
                .published_from
                .map_or("none".to_owned(), |s| format!("{s:?}"));
            let e = r.dates_by_source.entry(source.clone()).or_default();
            e.0 += usize::from(right);
            e.1 += 1;
            if !right {
                let modified = page.modified.map(|t| t.time.date_naive().to_string());
                notes.push(format!(
                    "  date    want {want} got {got:?} from {source} (modified {modified:?})"
                ));
                if args.explain {
                    let html = storyline_ingest::charset::decode_html_bytes(bytes);
                    for w in storyline_ingest::pubdate::date_witnesses(&html, Some(url)) {
                        notes.push(format!(
                            "          witness {} {:?} weight {}{}",
                            w.time.time.date_naive(),
                            w.source,
                            w.weight,
                            if w.modified { " (modified)" } else { "" }
                        ));
                    }
                }
            }
        }
        if let Some(want) = gold.title.as_deref().filter(|t| !t.trim().is_empty()) {
            r.titled_pages += 1;
            let right = page.title.as_deref().is_some_and(|t| same_title(t, want));
            r.titles_right += usize::from(right);
            if !right {
                notes.push(format!("  title   want {want:?} got {:?}", page.title));
            }
        }
        if args.explain {
            for s in &gold.with {
                if !article.contains(&normalise(s)) {
                    let why = if extracted.contains(&normalise(s)) {
                        "removed by cleaning"
                    } else {
                        "not extracted"
                    };
                    notes.push(format!("  missed  {s:?} [{why}]"));
                }
            }
            for s in &gold.without {
                let s_n = normalise(s);
                if extracted.contains(&s_n) {
                    let why = if article.contains(&s_n) {
                        "kept by cleaning"
                    } else {
                        "removed by cleaning"
                    };
                    notes.push(format!("  leaked  {s:?} [{why}]"));
                }
            }
            if !notes.is_empty() {
                println!("== {} ({url})", gold.file);
                for n in &notes {
                    println!("{n}");
                }
            }
        }
    }
    if let Some(path) = &args.per_page {
        std::fs::write(path, per_page)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let date_accuracy = ratio(r.dates_right, r.dated_pages);
    let title_accuracy = ratio(r.titles_right, r.titled_pages);
    if args.json {
        let mut v = serde_json::to_value(&r).context("cannot serialise the report")?;
        v["page_f"] = r.extracted.f1().into();
        v["cleaned_f"] = r.article.f1().into();
        v["date_accuracy"] = date_accuracy.into();
        v["title_accuracy"] = title_accuracy.into();
        println!("{v}");
    } else {
        println!(
            "pages {} (missing from archive: {}, extractor fell back to the whole page: {}, read by our own body extractor: {})",
            r.pages, r.missing_from_archive, r.fallback_pages, r.own_body_pages
        );
        println!(
            "{:<10} {:>9} {:>7} {:>7} {:>9}",
            "text", "precision", "recall", "f", "accuracy"
        );
        for (name, c) in [("page", &r.extracted), ("cleaned", &r.article)] {
            println!(
                "{name:<10} {:>9.3} {:>7.3} {:>7.3} {:>9.3}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.accuracy()
            );
        }
        println!(
            "publication date  {:.3} ({} of {} dated pages right to the day, {} without a date)",
            date_accuracy, r.dates_right, r.dated_pages, r.dates_missing
        );
        for (source, (right, n)) in &r.dates_by_source {
            println!("  from {source:<14} {right:>4} of {n:>4} right");
        }
        println!(
            "title             {:.3} ({} of {} titled pages)",
            title_accuracy, r.titles_right, r.titled_pages
        );
    }
    if args.passes > 0 {
        bench(&evaldata, &pages, args.passes, &opts)?;
    }
    let mut failed = false;
    if let Some(min) = args.min_f
        && r.extracted.f1() < min
    {
        eprintln!(
            "page text f {:.3} is below the gate {min:.3}",
            r.extracted.f1()
        );
        failed = true;
    }
    if let Some(min) = args.min_date_accuracy
        && date_accuracy < min
    {
        eprintln!("publication-date accuracy {date_accuracy:.3} is below the gate {min:.3}");
        failed = true;
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The text the pipeline keeps of a page: the extracted main text after
/// cleaning (furniture lines, bylines and datelines lifted out).
fn article_text(page: &Page, file: &str, url: &str, cfg: &CleanConfig) -> String {
    let raw = RawArticle {
        id: ArticleId(file.to_owned()),
        origin: Location::file(file.to_owned()),
        url: Some(url.to_owned()),
        source: page.site_name.clone(),
        published: page.published,
        title: page.title.clone(),
        text: page.text.clone(),
        meta: Default::default(),
    };
    clean(&raw, cfg).article.paragraphs.join("\n")
}

/// A gold date as `YYYY-MM-DD`. A few gold dates of the set are mistyped
/// (`2022-29-11`, `2022-01.26`, `2022-11-1`): read them leniently, taking
/// a middle number over 12 as the day.
fn gold_day(s: &str) -> String {
    let parts: Vec<u32> = s
        .split(['-', '.', '/'])
        .filter_map(|p| p.trim().parse().ok())
        .collect();
    match parts[..] {
        [y, m, d] if m > 12 && d <= 12 => format!("{y:04}-{d:02}-{m:02}"),
        [y, m, d] => format!("{y:04}-{m:02}-{d:02}"),
        _ => s.to_owned(),
    }
}

/// Extracts every page `passes` times, printing the rate and memory of
/// each pass. The total text length must be the same in every pass, so a
/// speed-up cannot hide a changed answer.
fn bench(
    evaldata: &BTreeMap<String, EvalPage>,
    pages: &HashMap<String, Vec<u8>>,
    passes: usize,
    opts: &PageOptions,
) -> anyhow::Result<()> {
    let inputs: Vec<(&str, &[u8])> = evaldata
        .iter()
        .filter_map(|(url, g)| pages.get(&g.file).map(|b| (url.as_str(), b.as_slice())))
        .collect();
    let bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    let mut expected = None;
    for pass in 1..=passes {
        let start = std::time::Instant::now();
        let cpu_start = cpu_seconds();
        let mut chars = 0usize;
        for (url, body) in &inputs {
            chars += extract_page_bytes_with(body, Some(url), opts).text.len();
        }
        let wall = start.elapsed().as_secs_f64();
        // On a shared machine wall time counts other processes' turns too;
        // the time the process spent on a core is the per-core figure.
        let secs = cpu_start
            .zip(cpu_seconds())
            .map_or(wall, |(a, b)| b - a)
            .max(1e-9);
        if *expected.get_or_insert(chars) != chars {
            bail!("pass {pass} extracted {chars} bytes of text, pass 1 a different amount");
        }
        let (rss, peak) = memory_kb();
        println!(
            "pass {pass:>2}: {} pages ({:.1} MB) in {secs:.2} cpu-s ({wall:.2} s wall) = {:.0} pages/s per core, {:.1} MB/s; rss {} MB, peak rss {} MB",
            inputs.len(),
            bytes as f64 / 1e6,
            inputs.len() as f64 / secs,
            bytes as f64 / 1e6 / secs,
            rss / 1024,
            peak / 1024
        );
    }
    Ok(())
}

/// Current and peak resident memory in KiB, from `/proc/self/status`
/// (zeros where there is no such file).
fn memory_kb() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Seconds the process (all its threads: pages are extracted on a worker
/// thread each) has run on a core, from `/proc/self/stat` (`None` where
/// there is no such file). Linux counts in ticks of 1/100 s.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces; fields after it are plain.
    let rest = &s[s.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
