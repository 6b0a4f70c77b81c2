//! `storyline fetch URL|FEED|OPML...`: fetch pages, feeds and feed lists
//! politely and write their articles as JSON lines in the exchange format
//! (`{"id","text","url","source","published","title"}`), ready for
//! `storyline clean` or `brief`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use serde::Serialize;
use storyline_core::RawArticle;
use storyline_fetch::{FetchConfig, Fetcher};

use crate::output::{MetaFields, exit_code};

/// Arguments of `storyline fetch`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Web pages, feeds (RSS, Atom, JSON Feed) or OPML lists of feeds, by
    /// address; an OPML list may also be a local file.
    #[arg(value_name = "URL", required = true)]
    urls: Vec<String>,
    /// Write the articles here instead of standard output.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Keep ETag / Last-Modified validators and bodies here, so a second run
    /// asks only for what changed.
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// Least time between two requests to one host, in milliseconds (a
    /// longer robots.txt crawl delay wins).
    #[arg(long, default_value_t = 1000)]
    delay_ms: u64,
    /// Limit on one request, in seconds.
    #[arg(long, default_value_t = 30)]
    timeout_s: u64,
    /// Retries on network errors, 429 and 5xx.
    #[arg(long, default_value_t = 2)]
    retries: u32,
    /// The largest body read, in bytes.
    #[arg(long, default_value_t = 10_000_000)]
    max_bytes: u64,
    /// Keep a feed entry's teaser instead of fetching its page.
    #[arg(long)]
    no_follow: bool,
}

#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(flatten)]
    meta: MetaFields<'a>,
}

fn record(a: &RawArticle) -> Record<'_> {
    Record {
        id: a.id.as_str(),
        text: &a.text,
        url: a.url.as_deref(),
        source: a.source.as_deref(),
        published: a.published.map(|t| t.written()),
        title: a.title.as_deref(),
        meta: MetaFields::of(&a.meta),
    }
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut cfg = FetchConfig::default();
    cfg.host_interval = Duration::from_millis(args.delay_ms);
    cfg.timeout = Duration::from_secs(args.timeout_s);
    cfg.retries = args.retries;
    cfg.max_bytes = args.max_bytes;
    cfg.cache_dir = args.cache.clone();
    cfg.follow_teasers = !args.no_follow;
    let mut fetcher = Fetcher::new(cfg).context("cannot start fetching")?;
    let mut out: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut skipped = false;
    for url in &args.urls {
        let (articles, diagnostics) = match local_list(url)? {
            Some(list) => fetcher.list_articles(url, &list, None),
            None => fetcher.articles(url),
        };
        for d in &diagnostics {
            eprintln!("{d}");
            skipped |= d.is_skip();
        }
        for a in &articles {
            serde_json::to_writer(&mut out, &record(a)).context("cannot write output")?;
            writeln!(out).context("cannot write output")?;
        }
    }
    out.flush().context("cannot write output")?;
    Ok(exit_code(skipped))
}

/// The bytes of `arg` when it names a local OPML list of feeds rather than
/// an address; an error when it names another local file, which `clean`
/// and `brief` read themselves.
fn local_list(arg: &str) -> anyhow::Result<Option<Vec<u8>>> {
    let path = std::path::Path::new(arg);
    if arg.contains("://") || !path.is_file() {
        return Ok(None);
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {arg}"))?;
    if !storyline_ingest::feed::looks_like_opml(&bytes) {
        anyhow::bail!(
            "{arg} is a local file, not an address or an OPML list of feeds; \
             read it with `storyline clean` or `storyline brief`"
        );
    }
    Ok(Some(bytes))
}
