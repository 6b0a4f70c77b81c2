//! A web page reduced to an article: the main text with its paragraph
//! structure, and the page's metadata (title, publication and modification
//! dates kept apart, authors, site name, canonical URL, language).
//!
//! Main text is read by our own `body.rs` (metadata by
//! `colophon.rs`) where it is confident, else by the `trafilatura`
//! crate (a port of go-trafilatura, the best of the maintained Rust
//! extractors on trafilatura's own evaluation set): [`Extractor`] chooses.
//! Around either we add what the crate lacks: bytes
//! are decoded by their declared charset ([`crate::charset::decode_page`]), dates come
//! from our own [`crate::pubdate`] heuristics (which keep publication and
//! modification apart and never shift a day by converting time zones), the
//! language is guessed from the text when the page does not declare it,
//! the article's lead is put back where the extractor left it out (read
//! from the page's layout, `layout.rs`), lines that are furniture by their
//! wording are dropped from the text, and
//! an extraction that fails or panics falls back to the whole page rendered
//! as text, so a page always yields something and never takes the batch down.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::mpsc;

use storyline_core::{Meta, Timestamp};
use trafilatura::dom::Document;

use crate::body::{Body, PROSE_MAX_LINK_DENSITY};
use crate::charset::decode_page;
use crate::colophon::Colophon;
use crate::headline::{self, Headings};
use crate::html::html_to_text;
use crate::layout::{Kind, Layout};
use crate::pubdate::{self, DateSource};
use crate::raw_text::without_script_and_style;

/// The largest page (in bytes, after decoding) handed to the extractor;
/// beyond it only the first part of the page is read. Real articles are far
/// smaller; the limit bounds time and memory on generated or hostile pages.
pub const MAX_PAGE_BYTES: usize = 8_000_000;

/// An article read from a web page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Page {
    /// The headline.
    pub title: Option<String>,
    /// The main text: one paragraph (or heading, list item, table row) per
    /// line.
    pub text: String,
    /// When the page says it was first published.
    pub published: Option<Timestamp>,
    /// Where the publication date was found.
    pub published_from: Option<DateSource>,
    /// When the page says it was last modified, kept apart from publication.
    pub modified: Option<Timestamp>,
    /// The authors, as the page names them.
    pub authors: Vec<String>,
    /// The site or outlet name.
    pub site_name: Option<String>,
    /// The canonical URL the page declares, else the URL it was read from.
    pub url: Option<String>,
    /// The page's language: an ISO 639-1 code where one exists (`en`, `de`),
    /// else ISO 639-3, declared by the page or guessed from its text.
    pub language: Option<String>,
    /// The page's description (meta description), when it has one.
    pub description: Option<String>,
    /// Whether the main-text extractor gave up and `text` is the whole page
    /// rendered as text.
    pub fallback: bool,
    /// Whether the main text is our own body extraction ([`Extractor::Fast`],
    /// or [`Extractor::Hybrid`] on a page where it is confident) rather than
    /// the trafilatura crate's.
    pub own_body: bool,
}

impl Page {
    /// What the page says of itself that an article carries only as
    /// [`Meta`]: modified date, authors, language, description.
    pub fn meta(&self) -> Meta {
        Meta {
            modified: self.modified,
            authors: self.authors.clone(),
            language: self.language.clone(),
            description: self.description.clone(),
        }
    }
}

/// Extracts the article from the raw bytes of a page, decoding them by
/// their byte-order mark or declared charset first. `url` is where the page
/// was read from, when known: it resolves relative links and is a source of
/// dates.
///
/// ```
/// use storyline_ingest::page::extract_page_bytes;
/// let page = extract_page_bytes(
///     b"<html lang=en><head><title>Mill reopens | Valley Post</title>\
///       <meta property=\"article:published_time\" content=\"2024-03-22T10:15:00+02:00\">\
///       </head><body><nav>Home | Sport</nav><article><h1>Mill reopens</h1>\
///       <p>The old mill on the river reopened on Monday after two years of repairs, \
///       its owners said, and forty people went back to work there this week.</p>\
///       <p>The town council paid for half of the new roof and the rest came from a \
///       regional fund for old industrial buildings, a spokesman said.</p>\
///       </article></body></html>",
///     Some("https://valley.example/2024/03/22/mill"),
/// );
/// assert_eq!(page.title.as_deref(), Some("Mill reopens"));
/// assert!(page.text.contains("The old mill on the river reopened"));
/// assert!(!page.text.contains("Sport"));
/// assert_eq!(page.published.unwrap().time.to_rfc3339(), "2024-03-22T10:15:00+02:00");
/// assert_eq!(page.language.as_deref(), Some("en"));
/// ```
pub fn extract_page_bytes(bytes: &[u8], url: Option<&str>) -> Page {
    extract_page_bytes_with(bytes, url, &PageOptions::default())
}

/// [`extract_page_bytes`] with options.
pub fn extract_page_bytes_with(bytes: &[u8], url: Option<&str>, opts: &PageOptions) -> Page {
    extract_served_page(bytes, None, url, opts)
}

/// [`extract_page_bytes_with`] for a page that came over HTTP with the
/// `Content-Type` `served`, whose charset comes before the page's own
/// declaration.
pub fn extract_served_page(
    bytes: &[u8],
    served: Option<&str>,
    url: Option<&str>,
    opts: &PageOptions,
) -> Page {
    let head = &bytes[..bytes.len().min(MAX_PAGE_BYTES)];
    extract_page_with(&decode_page(head, served, url).text, url, opts)
}

/// The stack of the thread a page is extracted on. The extractor and the
/// parser recurse over the tree, and hostile pages nest tens of thousands
/// of elements deep; the default 2 MB of a thread overflows on them. The
/// stack is reserved, not committed: only the depth a page needs is used.
const EXTRACT_STACK: usize = 1 << 30;

/// Extracts the article from a page already decoded to a string.
///
/// Extraction runs on a thread with a large stack (one for each calling
/// thread, kept for its next pages), so that deep nesting cannot overflow
/// the caller's stack, and a panic in the extractor costs the page its
/// main-text extraction (the whole page is rendered as text instead), never
/// the batch.
pub fn extract_page(html: &str, url: Option<&str>) -> Page {
    extract_page_with(html, url, &PageOptions::default())
}

/// Which main-text extractor reads a page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Extractor {
    /// The trafilatura crate's extraction on every page (with our layers
    /// on top).
    Trafilatura,
    /// The default: our own `body.rs` where it is confident (90% of the
    /// page's prose in one element, 500 characters or more; about four
    /// pages in five), the trafilatura crate elsewhere. Where our dates
    /// find none, the crate's date search reads the page's tree (its
    /// metadata pass, without an extraction).
    #[default]
    Hybrid,
    /// Our own `body.rs` on every page that has prose: faster, less
    /// accurate.
    Fast,
}

/// How a page is read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PageOptions {
    /// The main-text extractor.
    pub extractor: Extractor,
}

impl PageOptions {
    /// The same options with another extractor.
    pub fn with_extractor(mut self, extractor: Extractor) -> PageOptions {
        self.extractor = extractor;
        self
    }
}

/// [`extract_page`] with options.
pub fn extract_page_with(html: &str, url: Option<&str>, opts: &PageOptions) -> Page {
    let html = truncate_at_char(html, MAX_PAGE_BYTES);
    // Every reader of the page (html5ever's parse, our walks, the crate)
    // drops scripts and styles; they are two fifths of a page's bytes.
    let html = without_script_and_style(html);
    let extracted = WORKER.with(|worker| {
        let mut worker = worker.borrow_mut();
        if worker.is_none() {
            *worker = Worker::start();
        }
        let done = worker.as_ref()?.extract(&html, url, opts);
        if done.is_none() {
            // The worker is gone: the next page starts another.
            *worker = None;
        }
        done
    });
    match extracted {
        Some(Some(page)) => page,
        // The extractor panicked.
        Some(None) => fallback_page(&html, url),
        // No thread could be started: extract here.
        None => extract_on_this_thread(&html, url, opts),
    }
}

thread_local! {
    /// The extraction thread of this thread, started with its first page.
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

/// A thread with an [`EXTRACT_STACK`] stack that extracts the pages of one
/// calling thread, one after another, for as long as the caller lives.
/// A thread started for every page cost about 5% of a page's time and 60 MB
/// of resident memory over trafilatura's evaluation pages (the allocator's
/// arenas and stacks of threads come and gone).
struct Worker {
    jobs: mpsc::Sender<Job>,
    done: mpsc::Receiver<Option<Page>>,
}

/// One page to extract (owned: the worker outlives any borrow).
struct Job {
    html: String,
    url: Option<String>,
    opts: PageOptions,
}

impl Worker {
    /// A new worker, or `None` when no thread can be started.
    fn start() -> Option<Worker> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, done) = mpsc::channel();
        std::thread::Builder::new()
            .name("page-extract".to_owned())
            .stack_size(EXTRACT_STACK)
            .spawn(move || {
                for job in inbox {
                    let page = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        extract_on_this_thread(&job.html, job.url.as_deref(), &job.opts)
                    }))
                    .ok();
                    if outbox.send(page).is_err() {
                        break;
                    }
                }
            })
            .ok()?;
        Some(Worker { jobs, done })
    }

    /// The page extracted (`None` inside when the extractor panicked), or
    /// `None` when the worker is gone.
    fn extract(&self, html: &str, url: Option<&str>, opts: &PageOptions) -> Option<Option<Page>> {
        self.jobs
            .send(Job {
                html: html.to_owned(),
                url: url.map(str::to_owned),
                opts: opts.clone(),
            })
            .ok()?;
        self.done.recv().ok()
    }
}

/// The whole page rendered as text, for when extraction failed.
fn fallback_page(html: &str, url: Option<&str>) -> Page {
    let rendered = html_to_text(html);
    let mut page = Page {
        language: guess_language(&rendered.text),
        text: rendered.text,
        title: rendered.title,
        url: url.map(str::to_owned),
        fallback: true,
        ..Page::default()
    };
    if page.text.trim().is_empty() {
        page.language = None;
    }
    page
}

/// Container elements nested deeper than this mark a generated or hostile
/// page: real articles stay under a hundred (a few broken ones leave
/// hundreds of `<font>` or `<span>` open). trafilatura's work grows with
/// the square of the depth (a page of 20,000 nested `<div>`s takes over a
/// minute), so such pages are rendered whole instead.
const MAX_NESTING: usize = 1500;

/// trafilatura's text shorter than this (in characters) is extracted again
/// with its fallback on (about one page in nine of the evaluation set).
const FALLBACK_BELOW_CHARS: usize = 1000;

/// Whether container elements (`div`, `section`, `table`, ...: those that
/// pages close explicitly) nest deeper than `limit`, by a scan of the tags
/// that needs no parse.
fn nests_deeper_than(html: &str, limit: usize) -> bool {
    const CONTAINERS: &[&[u8]] = &[
        b"div",
        b"section",
        b"article",
        b"span",
        b"table",
        b"main",
        b"aside",
        b"header",
        b"footer",
        b"nav",
        b"ul",
        b"ol",
        b"blockquote",
        b"form",
        b"figure",
        b"center",
        b"font",
    ];
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'<') {
        i += at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |n| start + n);
        let name = &bytes[start..end];
        if !CONTAINERS.iter().any(|c| c.eq_ignore_ascii_case(name)) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > limit {
                return true;
            }
        }
    }
    false
}

fn extract_on_this_thread(html: &str, url: Option<&str>, opts: &PageOptions) -> Page {
    if nests_deeper_than(html, MAX_NESTING) {
        return fallback_page(html, url);
    }
    let doc = Document::parse(html);
    let dates = pubdate::page_dates(&doc, url);
    let headings = Headings::of(&doc);
    let layout = Layout::of(&doc);
    let ours = match opts.extractor {
        Extractor::Trafilatura => None,
        Extractor::Hybrid => Body::of(&layout).filter(|b| b.confident),
        Extractor::Fast => Body::of(&layout).filter(|b| !b.text.trim().is_empty()),
    };
    let mut page = match ours {
        Some(body) => {
            let mut page = own_page(body, &doc, &layout, &headings, html, url);
            if dates.published.is_none() {
                // trafilatura's date search is the fallback of ours; its
                // metadata pass alone reads it, without an extraction.
                page.published = crate_date(&doc, url);
                page.published_from = page.published.map(|_| DateSource::Extractor);
            }
            page
        }
        None => trafilatura_page(
            doc,
            &layout,
            &headings,
            html,
            url,
            dates.published.is_some(),
        ),
    };
    if let Some(d) = dates.published {
        page.published = Some(d.time);
        page.published_from = Some(d.source);
    }
    page.modified = dates.modified.map(|d| d.time);
    if page.url.is_none() {
        page.url = url.map(str::to_owned);
    }
    // Our own body's language was guessed from this same text already.
    if page.language.is_none() && !page.own_body {
        page.language = guess_language(&page.text);
    }
    page
}

/// The page with the main text of our own [`Body`] and the metadata of
/// our own [`Colophon`].
fn own_page(
    body: Body,
    doc: &Document,
    layout: &Layout,
    headings: &Headings,
    html: &str,
    url: Option<&str>,
) -> Page {
    let c = Colophon::of(doc, url);
    let title = page_title(
        c.title,
        headings,
        &body.text,
        layout,
        url,
        c.site_name.as_deref(),
    );
    let text = with_readability_if_under(body.text, layout, html, url);
    let text = with_lead(text, layout, title.as_deref());
    let text = without_furniture(without_asides(text, layout));
    // The language of the text first, as the crate gives it (whatlang on
    // its extraction): pages often declare a template's `lang="en-US"`
    // over text in another language. The declared one when the text says
    // too little.
    let language = guess_language(&text).or_else(|| c.language.map(|l| primary_subtag(&l)));
    Page {
        text,
        title,
        authors: c.authors,
        site_name: c.site_name,
        url: c.url,
        language,
        description: c.description,
        own_body: true,
        ..Page::default()
    }
}

/// Whether `html` may hold ruby annotations (`<rt>`, `<rp>`, `<rtc>`): a
/// byte search, so that pages without them skip the tree walk that strips
/// them.
fn has_ruby_annotations(html: &str) -> bool {
    html.as_bytes().windows(3).any(|w| {
        w[0] == b'<'
            && w[1].eq_ignore_ascii_case(&b'r')
            && matches!(w[2], b't' | b'T' | b'p' | b'P')
    })
}

/// The publication date the trafilatura crate's metadata pass (its
/// htmldate port) reads, as a day; `None` when it finds none or panics.
fn crate_date(doc: &Document, url: Option<&str>) -> Option<Timestamp> {
    let mut opts = trafilatura::Options::default();
    if let Some(u) = url.and_then(|u| url::Url::parse(u).ok()) {
        opts = opts.with_url(u);
    }
    let m = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        trafilatura::metadata::extract_metadata(doc, &opts)
    }))
    .ok()?;
    m.date.and_then(crate_day)
}

/// A date of the trafilatura crate as a day, except the first of January:
/// the crate's htmldate port dates a page that gives no day by any year it
/// prints (a footer's "Copyright 2024", a body's "in 2021") as that year's
/// first day, and a made-up day would drive every relative date of the
/// article ("on Tuesday") and its place in the timeline.
fn crate_day(d: chrono::NaiveDate) -> Option<Timestamp> {
    use chrono::Datelike;
    (d.month() != 1 || d.day() != 1)
        .then(|| Timestamp::from_date(d, storyline_core::Precision::Day))
}

/// The page with the main text and metadata of the trafilatura crate's
/// extraction. `dated` is whether our own date sources dated the page (the
/// crate's date search is skipped then).
fn trafilatura_page(
    doc: Document,
    layout: &Layout,
    headings: &Headings,
    html: &str,
    url: Option<&str>,
    dated: bool,
) -> Page {
    let mut opts = trafilatura::Options::default();
    // trafilatura's own date is read only when ours finds none: skip its
    // date search otherwise (about 5% of an extraction).
    if dated {
        opts.html_date_mode = trafilatura::HtmlDateMode::Disabled;
    }
    if let Some(u) = url.and_then(|u| url::Url::parse(u).ok()) {
        opts = opts.with_url(u);
    }
    let annotated = has_ruby_annotations(html);
    let run = |mut doc: Document, opts: &trafilatura::Options| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // The crate drops ruby readings in its own extraction but not
            // in its whole-page fallback.
            if annotated {
                let root = doc.root();
                doc.strip_elements(root, true, &crate::html::RUBY_ANNOTATIONS);
            }
            trafilatura::extract_document(doc, opts)
        }))
    };
    let mut extracted = run(doc, &opts);
    // trafilatura's fallback (readability and jusText candidates compared
    // with its own; off in the crate, on in Python trafilatura) costs
    // about 40% of an extraction. Measured on the evaluation set it
    // changes the answer almost only where trafilatura's own text is
    // short, so it runs (on a fresh parse: extraction consumes the tree)
    // only then: F 0.912 without it, 0.916 with it on every page or only
    // under FALLBACK_BELOW_CHARS.
    let short = match &extracted {
        Ok(Ok(r)) => r.content_text.chars().count() < FALLBACK_BELOW_CHARS,
        _ => true,
    };
    if short {
        extracted = run(Document::parse(html), &opts.clone().with_fallback(true));
    }
    let mut page = Page::default();
    match extracted {
        Ok(Ok(result)) if !result.content_text.trim().is_empty() => {
            let m = result.metadata;
            // The extracted HTML keeps the blocks (trafilatura's plain
            // text does not always break between them): one line per block.
            let blocks = close_up_punctuation(&html_to_text(&result.content_html).text);
            let text = if blocks.trim().is_empty() {
                paragraphs(&result.content_text)
            } else {
                blocks
            };
            // On short pages the crate sometimes runs sibling paragraphs
            // together ("…in the valley.The mine has…"); the page's own
            // blocks split them back.
            let text = if short {
                let blocks: Vec<&str> = layout.blocks.iter().map(|b| b.text.as_str()).collect();
                crate::html::split_run_together(&text, &blocks)
            } else {
                text
            };
            page.site_name = non_empty(m.sitename);
            page.title = page_title(
                non_empty(m.title),
                headings,
                &text,
                layout,
                url,
                page.site_name.as_deref(),
            );
            let text = with_readability_if_under(text, layout, html, url);
            let text = with_lead(text, layout, page.title.as_deref());
            page.text = without_furniture(without_asides(text, layout));
            page.authors = split_authors(&m.author);
            page.url = non_empty(m.url);
            page.language = non_empty(m.language).map(|l| primary_subtag(&l));
            page.description = non_empty(m.description);
            if !dated {
                page.published = m.date.and_then(crate_day);
                page.published_from = page.published.map(|_| DateSource::Extractor);
            }
        }
        _ => {
            let rendered = html_to_text(html);
            page.text = rendered.text;
            page.title = rendered.title;
            page.fallback = true;
        }
    }
    page
}

/// The longest prefix of `s` of at most `max` bytes that ends on a
/// character boundary.
fn truncate_at_char(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Removes the space the extractor's serialised HTML leaves between an
/// inline element and the full stop or comma after it ("on <b>Tuesday</b>
/// ." reads "on Tuesday."). Only `.` and `,`: French sets a space before
/// `;`, `:`, `!` and `?`.
pub(crate) fn close_up_punctuation(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' '
            && let Some(&next) = chars.peek()
            && matches!(next, '.' | ',')
            && out.chars().last().is_some_and(char::is_alphanumeric)
        {
            // A number's decimals (". 5") never follow a letter and a space
            // in running text; an ellipsis after a space is kept.
            let mut ahead = chars.clone();
            ahead.next();
            if ahead.peek() != Some(&'.') {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The text without its lines that are furniture by their wording alone
/// ([`storyline_core::clean::furniture_lines`]: "Read more: ...", comment
/// forms, subscription prompts, cookie and legal notices). A text that is
/// nothing but such lines is kept whole: the page is then about them.
fn without_furniture(text: String) -> String {
    let drop = storyline_core::clean::furniture_lines(&text);
    if drop.is_empty() {
        return text;
    }
    let mut drop = drop.iter().map(|&(no, _)| no).peekable();
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        if drop.next_if_eq(&(i + 1)).is_some() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    if out.trim().is_empty() { text } else { out }
}

/// How many blocks above the start of the extracted text are searched for
/// a lead the extraction left out, at most.
const LEAD_SEARCH_BLOCKS: usize = 12;

/// A block of at least this many characters found in the extracted text
/// marks where the extraction begins; a lead is searched for above it.
const BODY_START_CHARS: usize = 40;

/// The extracted text with the article's lead put back when the extractor
/// left it out: a block a little above the first block the extraction
/// holds (below the headline or the page's `<h1>`, when that is there:
/// above it sit the site's name and tagline), whose container
/// names itself as the lead ([`crate::layout::LEAD_NAMES`]), of at least
/// five words, under half link text, outside navigation, asides, footers,
/// forms, breadcrumb trails and captions. Pages often set the standfirst in the article's header,
/// outside the body container that trafilatura takes, and trafilatura drops
/// elements named "teaser".
/// The headline ([`headline::choose`]) of a page whose metadata title is
/// `meta` and whose extracted text is `text`.
fn page_title(
    meta: Option<String>,
    headings: &Headings,
    text: &str,
    layout: &Layout,
    url: Option<&str>,
    site: Option<&str>,
) -> Option<String> {
    let above = heading_above_body(text, layout);
    let host = url.and_then(|u| url::Url::parse(u).ok());
    headline::choose(
        meta,
        headings,
        above.as_deref(),
        host.as_ref().and_then(url::Url::host_str),
        site,
    )
}

/// Where the extracted text starts among the page's blocks: the first block
/// outside furniture, of [`BODY_START_CHARS`] or more, that it holds.
fn body_start(layout: &Layout, extracted: &Holder<'_>) -> Option<usize> {
    layout
        .blocks
        .iter()
        .position(|b| !b.furniture && b.chars() >= BODY_START_CHARS && extracted.holds(&b.text))
}

/// The heading printed right above the start of the extracted text (an
/// `<h1>` to `<h6>` within [`HEADING_SEARCH_BLOCKS`] blocks of it, outside
/// furniture, asides and captions): on blogs and small sites the post's
/// own title, where the metadata title and the first `<h1>` are the site's.
fn heading_above_body(text: &str, layout: &Layout) -> Option<String> {
    let start = body_start(layout, &Holder::new(text))?;
    layout.blocks[..start]
        .iter()
        .rev()
        .take(HEADING_SEARCH_BLOCKS)
        .find(|b| {
            let heading = layout
                .elements
                .get(b.element as usize)
                .is_some_and(|e| matches!(e.kind, Kind::Headline | Kind::Subheading));
            heading
                && !b.furniture
                && !b.aside_named
                && !b.caption
                && b.link_density() < 0.5
                && (2..=25).contains(&b.text.split_whitespace().count())
        })
        .map(|b| b.text.clone())
}

/// How many blocks above the extracted text [`heading_above_body`] looks.
const HEADING_SEARCH_BLOCKS: usize = 3;

fn with_lead(text: String, layout: &Layout, headline: Option<&str>) -> String {
    let blocks = &layout.blocks;
    let extracted = Holder::new(&text);
    let Some(start) = body_start(layout, &extracted) else {
        return text;
    };
    let mut leads = Vec::new();
    // The search stops at the nearest `<h1>` above the start, and at the
    // headline where it is first shown (a page may repeat it lower down,
    // over a video or in a share box).
    let headline = headline.map(storyline_core::text::fold);
    let first_headline = headline.as_deref().and_then(|h| {
        blocks[..start].iter().position(|b| {
            // Folding keeps a text's length within a factor of two.
            let (n, m) = (b.text.len(), h.len());
            !b.furniture
                && n <= 2 * m + 8
                && m <= 2 * n + 8
                && storyline_core::text::fold(&b.text) == h
        })
    });
    let nearest_h1 = blocks[..start].iter().rposition(|b| b.h1 && !b.furniture);
    let floor = first_headline.max(nearest_h1).map_or(0, |i| i + 1);
    for b in blocks[floor..start].iter().rev().take(LEAD_SEARCH_BLOCKS) {
        if b.lead_named
            && !b.furniture
            && !b.caption
            && b.text.split_whitespace().count() >= 5
            && b.link_density() < 0.5
            && !extracted.holds(&b.text)
        {
            leads.push(b.text.as_str());
        }
    }
    if leads.is_empty() {
        return text;
    }
    leads.reverse();
    let mut out = leads.join("\n");
    out.push('\n');
    out.push_str(&text);
    out
}

/// A block of at least this many words, under [`PROSE_MAX_LINK_DENSITY`]
/// link text (the body extractor's bound), outside furniture and asides, is
/// prose: the stuff of an article, whether or not the extraction holds it.
const PROSE_MIN_WORDS: usize = 12;

/// An extraction holding less than this share of the page's prose, and
/// missing at least [`UNDER_MISSING_CHARS`] of it, may have taken the wrong
/// part of the page (a calendar, a menu, one box of many).
const UNDER_COVERAGE: f64 = 0.5;

/// See [`UNDER_COVERAGE`].
const UNDER_MISSING_CHARS: usize = 1000;

/// The readability candidate replaces such an extraction when it holds at
/// least this many times its prose ...
const CANDIDATE_GAIN: usize = 2;

/// ... at least this many characters of prose more ...
const CANDIDATE_MIN_ADDED: usize = 500;

/// ... and at least half of the prose the extraction held (a candidate
/// elsewhere on the page is another wrong part, not a better one).
const CANDIDATE_KEEPS: f64 = 0.5;

/// The prose blocks of a page ([`PROSE_MIN_WORDS`]).
fn prose(layout: &Layout) -> impl Iterator<Item = &crate::layout::Block> {
    layout.blocks.iter().filter(|b| {
        !b.furniture
            && !b.aside_named
            && b.link_density() <= PROSE_MAX_LINK_DENSITY
            && b.text.split_whitespace().nth(PROSE_MIN_WORDS - 1).is_some()
    })
}

/// A text to look blocks up in: a block is in it when it is one of its
/// lines (a hash lookup: the usual case, since both are one line per
/// block), else when it occurs in the lines joined by spaces.
struct Holder<'a> {
    lines: HashSet<&'a str>,
    joined: String,
}

impl<'a> Holder<'a> {
    fn new(text: &'a str) -> Self {
        Holder {
            lines: text.lines().map(str::trim).collect(),
            joined: text.lines().collect::<Vec<_>>().join(" "),
        }
    }

    fn holds(&self, block: &str) -> bool {
        self.lines.contains(block) || self.joined.contains(block)
    }
}

/// Pages of more prose blocks than this are not read again by
/// readability: every block not found among the text's lines is searched
/// for in the whole text, so the check grows with blocks times text (a
/// 4 MB page of 40,000 paragraphs took 37 s), and an article is never that
/// long.
const READABILITY_MAX_BLOCKS: usize = 3_000;

/// The extracted text, or readability's reading of the page (the
/// `libreadability` crate, which trafilatura's own fallback uses) when the
/// extraction holds little of the page's prose and readability holds much
/// more of it, including most of what the extraction held
/// ([`UNDER_COVERAGE`] and the constants after it). trafilatura's own
/// fallback compares lengths only, and its recall retry runs only on short
/// extractions, so a long wrong part (a booking calendar, a menu) stays.
fn with_readability_if_under(
    text: String,
    layout: &Layout,
    html: &str,
    url: Option<&str>,
) -> String {
    let prose: Vec<&crate::layout::Block> = prose(layout).collect();
    if prose.len() > READABILITY_MAX_BLOCKS {
        return text;
    }
    let ours = Holder::new(&text);
    let (mut total, mut held) = (0, 0);
    for b in &prose {
        total += b.chars();
        if ours.holds(&b.text) {
            held += b.chars();
        }
    }
    if total - held < UNDER_MISSING_CHARS || held as f64 > UNDER_COVERAGE * total as f64 {
        return text;
    }
    let url = url.and_then(|u| url::Url::parse(u).ok());
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        libreadability::Parser::new().parse(html, url.as_ref())
    }));
    let Ok(Ok(article)) = read else {
        return text;
    };
    let candidate = close_up_punctuation(&html_to_text(&article.content).text);
    let theirs = Holder::new(&candidate);
    let (mut gained, mut kept) = (0, 0);
    for b in &prose {
        if theirs.holds(&b.text) {
            gained += b.chars();
            if ours.holds(&b.text) {
                kept += b.chars();
            }
        }
    }
    let better = gained > CANDIDATE_GAIN * held
        && gained >= held + CANDIDATE_MIN_ADDED
        && kept as f64 >= CANDIDATE_KEEPS * held as f64;
    if better { candidate } else { text }
}

/// Lines of more words than this are never dropped as asides: prose that
/// long is the article's, whatever its container is called.
const ASIDE_MAX_WORDS: usize = 40;

/// The text without its lines that the page shows only inside elements
/// named as something beside the article ([`crate::layout::ASIDE_NAMES`]:
/// author boxes, newsletter and promotion boxes, related links, image
/// credits, cookie notices), which trafilatura keeps when they sit inside
/// the article container. A line is dropped only when every block of the
/// page with its text is so placed and it has at most [`ASIDE_MAX_WORDS`]
/// words; when that would drop more than a quarter of the text, the names
/// are taken to be the page's own wording for its article container
/// (`js-truncate-related-to-my-size`) and nothing is dropped.
fn without_asides(text: String, layout: &Layout) -> String {
    // The texts shown in asides, then those of them also shown elsewhere.
    let mut only_aside: HashMap<&str, bool> = layout
        .blocks
        .iter()
        .filter(|b| b.aside_named)
        .map(|b| (b.text.as_str(), true))
        .collect();
    if only_aside.is_empty() {
        return text;
    }
    for b in layout.blocks.iter().filter(|b| !b.aside_named) {
        if let Some(only) = only_aside.get_mut(b.text.as_str()) {
            *only = false;
        }
    }
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| {
            !(only_aside.get(*l) == Some(&true) && l.split_whitespace().count() <= ASIDE_MAX_WORDS)
        })
        .collect();
    let kept_len: usize = kept.iter().map(|l| l.len()).sum::<usize>() + kept.len();
    if kept.is_empty() || kept_len >= text.len() || 4 * (text.len() - kept_len) > text.len() {
        return text;
    }
    kept.join("\n")
}

/// One paragraph per line, whitespace inside each collapsed, no empty lines.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let Some(first) = words.next() else { continue };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(first);
        for w in words {
            out.push(' ');
            out.push_str(w);
        }
    }
    out
}

fn non_empty(s: String) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// trafilatura joins several authors with "; ".
fn split_authors(s: &str) -> Vec<String> {
    s.split(';')
        .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|a| !a.is_empty())
        .collect()
}

/// `de-DE` → `de`.
fn primary_subtag(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or(lang)
        .trim()
        .to_ascii_lowercase()
}

/// The language of `text` by whatlang, when it is confident: ISO 639-1
/// where the language has a two-letter code.
fn guess_language(text: &str) -> Option<String> {
    let sample = truncate_at_char(text, 4000);
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    Some(iso639_1(info.lang()).map_or_else(|| info.lang().code().to_owned(), str::to_owned))
}

/// The two-letter code of the languages whatlang knows that have one.
fn iso639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Ces => "cs",
        Slk => "sk",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Bul => "bg",
        Ron => "ro",
        Hun => "hu",
        Fin => "fi",
        Est => "et",
        Lav => "lv",
        Lit => "lt",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Ell => "el",
        Tur => "tr",
        Ara => "ar",
        Heb => "he",
        Pes => "fa",
        Hin => "hi",
        Ben => "bn",
        Urd => "ur",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Vie => "vi",
        Tha => "th",
        Ind => "id",
        Epo => "eo",
        Cat => "ca",
        Afr => "af",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_alone_is_no_publication_day() {
        let prose = "The county council voted on Tuesday to close the old bridge to heavy \
            lorries after engineers found cracks in two of its supports, its leader said. ";
        let html = format!(
            "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>\
             <p>{prose}</p><p>{prose}</p></article><footer>Copyright 2024 Example Media</footer>\
             </body></html>"
        );
        assert_eq!(extract_page(&html, None).published, None);
        assert_eq!(
            crate_day(chrono::NaiveDate::from_ymd_opt(2024, 1, 2).expect("a day"))
                .map(|t| t.written()),
            Some("2024-01-02".to_owned())
        );
    }

    #[test]
    fn a_text_holds_its_lines_and_what_occurs_in_them() {
        let text = "The mill reopened on Monday.\nWorkers returned at dawn.\n  Shifts resume.  ";
        let held = Holder::new(text);
        assert!(held.holds("The mill reopened on Monday."));
        assert!(held.holds("Shifts resume."));
        // Inside a line, or across two joined by a space.
        assert!(held.holds("reopened on Monday"));
        assert!(held.holds("Monday. Workers"));
        assert!(!held.holds("The mill closed."));
    }

    #[test]
    fn a_page_of_thousands_of_paragraphs_is_not_read_again_by_readability() {
        // Past the bound the page keeps trafilatura's text whatever the
        // coverage: the check would cost blocks times text.
        // Each paragraph is prose (12 words or more), none of it held by
        // the text, so without the bound readability would replace it.
        let paragraphs: String = (0..READABILITY_MAX_BLOCKS + 2)
            .map(|i| {
                format!(
                    "<p>Paragraph {i} says the council of the town met again and voted on the bridge today.</p>"
                )
            })
            .collect();
        let html = format!("<html><body><article>{paragraphs}</article></body></html>");
        let layout = Layout::of(&Document::parse(&html));
        let text = "A wrong extraction of one line.".to_owned();
        assert_eq!(
            with_readability_if_under(text.clone(), &layout, &html, None),
            text
        );
    }

    #[test]
    fn punctuation_closes_up_after_inline_elements() {
        assert_eq!(
            close_up_punctuation("on Tuesday . Traffic , they said ; wait … 3 . 5 then ..."),
            "on Tuesday. Traffic, they said ; wait … 3. 5 then ..."
        );
    }

    #[test]
    fn paragraph_lines() {
        assert_eq!(paragraphs("  a  b \n\n c\t"), "a b\nc");
        assert_eq!(split_authors("Ann Lee; Bo  Chan;"), ["Ann Lee", "Bo Chan"]);
        assert_eq!(primary_subtag("de-AT"), "de");
        assert_eq!(truncate_at_char("aé", 2), "a");
    }

    #[test]
    fn furniture_lines_leave_the_page_text() {
        let html = "<html lang=en><head><title>Ferry returns</title></head><body>\
            <article><h1>Ferry returns</h1>\
            <p>The island ferry sailed again on Friday morning after a month in the \
            yard at the harbour, with its new engine running quietly, the crew said.</p>\
            <p>Read more: Harbour board approves the budget for the new pier</p>\
            <p>Forty passengers made the first crossing, most of them islanders who \
            had waited on the mainland since the ferry was taken out of service.</p>\
            <p>The timetable of the winter months is back from next week, with four \
            crossings a day and an extra boat on market days, the operator added.</p>\
            <p>Your email address will not be published. Required fields are marked *</p>\
            </article></body></html>";
        let page = extract_page(html, Some("https://isle.example/ferry"));
        assert!(!page.fallback);
        assert!(
            page.text.contains("The island ferry sailed again"),
            "{}",
            page.text
        );
        assert!(page.text.contains("Forty passengers"), "{}", page.text);
        assert!(!page.text.contains("Read more"), "{}", page.text);
        assert!(!page.text.contains("email address"), "{}", page.text);
    }

    #[test]
    fn furniture_alone_is_kept() {
        assert_eq!(
            without_furniture("Leave a Reply\nRead more: Ferry returns".to_owned()),
            "Leave a Reply\nRead more: Ferry returns"
        );
        assert_eq!(
            without_furniture("A line.\nLeave a Reply\nB line.".to_owned()),
            "A line.\nB line."
        );
    }

    /// A news page whose standfirst sits in the article's header, outside
    /// the body container the extractor takes.
    fn page_with_lead(lead_class: &str) -> String {
        format!(
            "<html lang=en><head><title>Ferry returns | Isle News</title></head><body>\
            <header class=site><div class=site-description><p>The news of the island, \
            every day of the year since 1921</p></div></header>\
            <nav class=breadcrumbs><p>Home » Island » Ferry returns to the harbour after its \
            repairs</p></nav>\
            <div class=article-header><h1>Ferry returns</h1>\
            <div class=\"{lead_class}\"><p>The island ferry is back in service after a month \
            in the yard, and the winter timetable starts again next week.</p></div>\
            <figure><figcaption>The ferry leaving the yard on Friday morning, seen from \
            the pier.</figcaption></figure></div>\
            <div class=article-content>\
            <p>The ferry sailed again on Friday morning after a month in the yard at the \
            harbour, with its new engine running quietly, the crew said on arrival.</p>\
            <p>Forty passengers made the first crossing, most of them islanders who had \
            waited on the mainland since the ferry was taken out of service in October.</p>\
            <p>The timetable of the winter months is back from next week, with four \
            crossings a day and an extra boat on market days, the operator added.</p>\
            </div></body></html>"
        )
    }

    #[test]
    fn ruby_readings_are_not_read_as_text() {
        // Pages for learners print the reading of each word above it; the
        // readings, read inline, doubled every annotated word.
        let ruby = |word: &str, reading: &str| format!("<ruby>{word}<rt>{reading}</rt></ruby>");
        let p = |n: usize| {
            format!(
                "<p>{}の{}が{n}{}から{}を{}しました。{}は{}と{}べました。</p>",
                ruby("港", "みなと"),
                ruby("船", "ふね"),
                ruby("日", "か"),
                ruby("運航", "うんこう"),
                ruby("再開", "さいかい"),
                ruby("市", "し"),
                ruby("安全", "あんぜん"),
                ruby("述", "の"),
            )
        };
        let html = format!(
            "<html lang=ja><head><title>港の船</title></head><body><article><h1>港の船</h1>{}</article></body></html>",
            (1..=6).map(p).collect::<String>()
        );
        for extractor in [Extractor::Hybrid, Extractor::Trafilatura, Extractor::Fast] {
            let opts = PageOptions::default().with_extractor(extractor);
            let page = extract_page_with(&html, None, &opts);
            assert!(
                page.text.contains("港の船が1日から運航を再開しました。"),
                "{extractor:?}: {}",
                page.text
            );
            assert!(
                !page.text.contains("みなと"),
                "{extractor:?}: {}",
                page.text
            );
        }
    }

    #[test]
    fn the_lead_above_the_body_is_put_back() {
        let page = extract_page(&page_with_lead("teaser-text"), None);
        let lines: Vec<&str> = page.text.lines().collect();
        let lead = lines
            .iter()
            .position(|l| l.starts_with("The island ferry is back"));
        let body = lines
            .iter()
            .position(|l| l.starts_with("The ferry sailed again"));
        assert!(lead.is_some() && lead < body, "{}", page.text);
        // Not the caption, the breadcrumb trail or the site's tagline above
        // the headline.
        assert!(!page.text.contains("leaving the yard"), "{}", page.text);
        assert!(!page.text.contains("Home »"), "{}", page.text);
        assert!(!page.text.contains("since 1921"), "{}", page.text);
        assert_eq!(page.text.matches("The island ferry is back").count(), 1);
    }

    #[test]
    fn a_block_not_named_as_the_lead_stays_out() {
        let page = extract_page(&page_with_lead("share-box"), None);
        assert!(
            !page.text.contains("The island ferry is back"),
            "{}",
            page.text
        );
        assert!(
            page.text.contains("The ferry sailed again"),
            "{}",
            page.text
        );
    }

    #[test]
    fn a_lead_the_extractor_kept_is_not_repeated() {
        let layout = Layout::of(&Document::parse(&page_with_lead("lead")));
        let text = "The island ferry is back in service after a month in the yard, and the \
            winter timetable starts again next week.\nThe ferry sailed again on Friday morning \
            after a month in the yard at the harbour, with its new engine running quietly, the \
            crew said on arrival.";
        assert_eq!(
            with_lead(text.to_owned(), &layout, Some("Ferry returns")),
            text
        );
        // With no block of the text on the page, nothing is added.
        assert_eq!(
            with_lead("Another text.".to_owned(), &layout, None),
            "Another text."
        );
    }

    #[test]
    fn lines_shown_only_in_boxes_beside_the_article_leave() {
        let html = "<html lang=en><head><title>Pier vote</title></head><body>\
            <article><h1>Pier vote</h1><div class=entry-content>\
            <p>The harbour board approved the budget for the new pier on Tuesday, after \
            a debate of three hours in the town hall, its chairman said afterwards.</p>\
            <p>Work on the pier starts in spring and should take two years, with the old \
            landing stage kept open for the ferry until the new one is finished.</p>\
            <div class=author-box><p>Ann Lee writes about the harbour.</p></div>\
            <p>The board will publish the plans on its website next week.</p>\
            <div class=newsletter-signup><p>Get the harbour news every morning</p></div>\
            <p>Fishermen asked for berths of their own at the new pier, and the board \
            said it would look at that before the plans are final.</p>\
            </div></article>\
            <footer><p>The board will publish the plans on its website next week.</p></footer>\
            </body></html>";
        let layout = Layout::of(&Document::parse(html));
        let text = "The harbour board approved the budget for the new pier on Tuesday, after \
            a debate of three hours in the town hall, its chairman said afterwards.\n\
            Work on the pier starts in spring and should take two years, with the old \
            landing stage kept open for the ferry until the new one is finished.\n\
            Ann Lee writes about the harbour.\n\
            The board will publish the plans on its website next week.\n\
            Get the harbour news every morning";
        assert_eq!(
            without_asides(text.to_owned(), &layout),
            "The harbour board approved the budget for the new pier on Tuesday, after a \
             debate of three hours in the town hall, its chairman said afterwards.\n\
             Work on the pier starts in spring and should take two years, with the old \
             landing stage kept open for the ferry until the new one is finished.\n\
             The board will publish the plans on its website next week."
        );
        let page = extract_page(html, None);
        assert!(page.text.contains("approved the budget"), "{}", page.text);
        assert!(!page.text.contains("Ann Lee writes"), "{}", page.text);
        assert!(!page.text.contains("every morning"), "{}", page.text);
        assert!(page.text.contains("Fishermen asked"), "{}", page.text);
    }

    #[test]
    fn aside_names_never_take_the_article_itself() {
        // A line also shown outside a named box stays, and so does long
        // prose; names that would take over a quarter of the text are the
        // page's own wording for its article container.
        let layout = Layout::of(&Document::parse(
            "<body><div class=related-links><p>Pier plans out</p>\
             <p>Short line in the box</p></div><p>Pier plans out</p>\
             <div class=js-related-size><p>The whole article is in here and it is a \
             long one.</p></div></body>",
        ));
        let text = "Pier plans out\nShort line in the box\nThe body of the article, long \
            enough to keep the box line under a quarter of the text, and then some more.";
        assert_eq!(
            without_asides(text.to_owned(), &layout),
            "Pier plans out\nThe body of the article, long enough to keep the box line under \
             a quarter of the text, and then some more."
        );
        let text = "The whole article is in here and it is a long one.\nShort line in the box";
        assert_eq!(without_asides(text.to_owned(), &layout), text);
    }

    /// A holiday-home page: a booking calendar, then the description.
    fn page_with_calendar() -> String {
        let days: String = (1..=31).map(|d| format!("<td>{d}</td>")).collect();
        let prose = [
            "The house stands on a quiet canal at the south end of the town, ten minutes \
             by bicycle from the beach and the market, with a garden that runs down to the water.",
            "Four bedrooms sleep eight guests, and the kitchen was rebuilt last winter with a \
             new stove, a dishwasher and a long table that seats the whole party for dinner.",
            "The pool is heated from October to April and cleaned every week by the owners, \
             who live next door and look after the garden and the boat dock as well.",
            "Guests who arrive by car park in the drive; the nearest airport is forty minutes \
             away, and the owners can arrange a taxi from the arrivals hall on request.",
            "Prices include the final cleaning and the bed linen; each further guest over \
             eight pays a small fee per night, agreed with the owners before the stay.",
            "The terrace faces west, so the evening sun stays on it until late, and a gas \
             grill and a shaded table stand ready there for meals outside in the warm months.",
            "Children find bicycles, a kayak and fishing rods in the boathouse; life jackets \
             in every size hang by the door, and the canal is calm and shallow at the dock.",
        ];
        let paragraphs: String = prose.iter().map(|p| format!("<p>{p}</p>")).collect();
        format!(
            "<html lang=en><head><title>Canal house</title></head><body>\
             <div class=calendar><table><tr>{days}</tr></table></div>\
             <div class=description>{paragraphs}</div></body></html>"
        )
    }

    #[test]
    fn an_extraction_of_the_wrong_part_gives_way_to_readability() {
        let html = page_with_calendar();
        let layout = Layout::of(&Document::parse(&html));
        let calendar: String = (1..=31).map(|d| format!("{d}\n")).collect();
        let text = with_readability_if_under(calendar, &layout, &html, None);
        assert!(text.contains("The house stands on a quiet canal"), "{text}");
        assert!(text.contains("Prices include the final cleaning"), "{text}");
    }

    #[test]
    fn an_extraction_holding_the_prose_stays() {
        let html = page_with_calendar();
        let layout = Layout::of(&Document::parse(&html));
        let ours = html_to_text(&html)
            .text
            .lines()
            .filter(|l| l.split_whitespace().count() > 12)
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(
            with_readability_if_under(ours.clone(), &layout, &html, None),
            ours
        );
    }

    #[test]
    fn a_short_page_is_extracted_with_the_fallback() {
        // Under FALLBACK_BELOW_CHARS: the second extraction runs, and the
        // page still reads.
        let html = "<html><body><div><p>The bakery on the corner closed on Sunday \
            after forty years, its owner said.</p></div></body></html>";
        let page = extract_page(html, None);
        assert!(
            page.text.contains("The bakery on the corner closed"),
            "{}",
            page.text
        );
    }

    /// A dated article of `n` paragraphs under a menu, beside comments.
    fn dated_article(n: usize) -> String {
        let paragraphs: String = (0..n)
            .map(|i| {
                format!(
                    "<p>On day {i} of the works the crew replaced another part of the old \
                     pier roof, and the harbour master said the work was on time and on budget.</p>"
                )
            })
            .collect();
        format!(
            "<html lang=en><head><title>Pier roof | Harbour News</title>\
             <meta property=\"og:site_name\" content=\"Harbour News\">\
             <meta property=\"article:published_time\" content=\"2024-05-02T09:00:00Z\">\
             <link rel=canonical href=\"https://harbour.example/pier-roof\"></head><body>\
             <nav><a href=/>Home</a> <a href=/p>Pier</a></nav><article><h1>Pier roof</h1>\
             {paragraphs}</article><div class=comments><p>Great work by the crew, and \
             about time too, the roof has leaked for years.</p></div></body></html>"
        )
    }

    #[test]
    fn the_hybrid_reads_confident_pages_itself() {
        let hybrid = PageOptions::default().with_extractor(Extractor::Hybrid);
        let page = extract_page_with(&dated_article(9), None, &hybrid);
        assert!(page.own_body, "{page:?}");
        assert_eq!(page.title.as_deref(), Some("Pier roof"));
        assert_eq!(page.site_name.as_deref(), Some("Harbour News"));
        assert_eq!(
            page.url.as_deref(),
            Some("https://harbour.example/pier-roof")
        );
        assert_eq!(page.language.as_deref(), Some("en"));
        assert_eq!(page.text.lines().count(), 9, "{}", page.text);
        assert!(!page.text.contains("Great work"), "{}", page.text);
        // Too short to be sure: trafilatura reads it.
        let page = extract_page_with(&dated_article(3), None, &hybrid);
        assert!(
            !page.own_body && page.text.contains("On day 2"),
            "{}",
            page.text
        );
        // A date only trafilatura's search reads (in a meta element of no
        // known name): its metadata pass dates the page, still read by ours.
        let undated = dated_article(9).replace("article:published_time", "x-stamp");
        let page = extract_page_with(&undated, None, &hybrid);
        assert!(page.own_body, "{page:?}");
        assert_eq!(page.published_from, Some(DateSource::Extractor));
        assert_eq!(
            page.published.map(|t| t.time.date_naive().to_string()),
            Some("2024-05-02".to_owned())
        );
        // The default is the hybrid; `Trafilatura` reads every page with
        // the crate, `Fast` none.
        assert!(extract_page(&dated_article(9), None).own_body);
        let crate_only = PageOptions::default().with_extractor(Extractor::Trafilatura);
        assert!(!extract_page_with(&dated_article(9), None, &crate_only).own_body);
        let fast = PageOptions::default().with_extractor(Extractor::Fast);
        assert!(extract_page_with(&dated_article(3), None, &fast).own_body);
    }

    #[test]
    fn nesting() {
        assert!(!nests_deeper_than("<div><div></div></div><p><p><p>", 2));
        assert!(nests_deeper_than("<div><DIV><span>", 2));
        assert!(!nests_deeper_than(&"<div></div>".repeat(1000), 2));
        let deep = "<div>".repeat(5000);
        let page = extract_page(&deep, None);
        assert!(page.fallback && page.text.is_empty());
    }

    #[test]
    fn pages_from_several_threads_at_once_read_as_one_by_one() {
        // Each calling thread hands its pages to an extraction thread of
        // its own, which keeps no page's state for the next.
        let pages: Vec<String> = (1..=6).map(dated_article).collect();
        let alone: Vec<Page> = pages.iter().map(|p| extract_page(p, None)).collect();
        let together: Vec<Vec<Page>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..3)
                .map(|k| {
                    let pages = &pages;
                    scope.spawn(move || {
                        // Each thread reads the pages in another order.
                        let mut order: Vec<usize> = (0..pages.len()).collect();
                        order.rotate_left(k * 2);
                        let mut got: Vec<(usize, Page)> = order
                            .into_iter()
                            .map(|i| (i, extract_page(&pages[i], None)))
                            .collect();
                        got.sort_by_key(|(i, _)| *i);
                        got.into_iter().map(|(_, p)| p).collect()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("thread"))
                .collect()
        });
        for got in together {
            assert_eq!(got, alone);
        }
    }
}
