//! Readers that turn files, directories and standard input into raw
//! articles, reporting every record they could not use.
//!
//! Inputs are `.txt` and `.html` files (one article each; a page is reduced
//! to its article by [`page`]), `.jsonl` files in the exchange format (one
//! article per line, `"html"` fields read as pages) and `.json` arrays of
//! the same records, feeds (`.rss`, `.atom`, `.xml`, JSON Feed: one article
//! per entry, see [`feed`]) and WARC archives (`.warc`: one article per
//! HTML response), each optionally gzip-compressed (an OPML list of feeds
//! is reported, not read: its feeds are for `storyline fetch`); directories are read
//! recursively in sorted order and `-` is standard input. A bad record
//! (invalid JSON or UTF-8, a binary file, empty text, a record over the size
//! limit, a truncated stream) becomes a [`Diagnostic`] naming file, line and
//! reason, and reading goes on. Files are streamed: at most one record is
//! held in memory, however large the input.
//!
//! ```no_run
//! use std::path::PathBuf;
//! use storyline_ingest::{IngestOptions, read_inputs};
//! let ingested = read_inputs(&[PathBuf::from("examples")], &IngestOptions::default());
//! for d in &ingested.diagnostics {
//!     eprintln!("{d}");
//! }
//! println!("{} articles", ingested.articles.len());
//! ```

use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use storyline_core::{Diagnostic, Location, RawArticle};

mod body;
pub mod charset;
mod colophon;
pub mod feed;
mod format;
mod headline;
pub mod html;
mod ids;
mod jsonl;
pub(crate) mod layout;
mod line;
mod linked_data;
mod meta;
pub mod page;
pub mod pubdate;
mod raw_text;
mod txt;
mod walk;
mod warc;

use crate::format::{Format, NameHint};
use crate::ids::{Admission, IdRegistry};
use crate::jsonl::Naming;

/// The kinds of file that hold articles, as a user is told them.
pub const ARTICLE_FILES: &str =
    ".txt, .html, .jsonl, .json, .rss, .atom, .xml, .warc, optionally .gz";

/// The default limit on one record: 10 MB.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 10_000_000;

/// Settings for reading.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct IngestOptions {
    /// The largest record (a JSONL line, a whole `.txt` or `.html` file,
    /// after decompression) that is read; larger ones are skipped with a
    /// diagnostic, without being held in memory. Defaults to
    /// [`DEFAULT_MAX_RECORD_BYTES`].
    pub max_record_bytes: usize,
    /// How web pages are read (which main-text extractor).
    pub page: page::PageOptions,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            page: page::PageOptions::default(),
        }
    }
}

impl IngestOptions {
    /// The same options with another record size limit.
    pub fn with_max_record_bytes(mut self, bytes: usize) -> IngestOptions {
        self.max_record_bytes = bytes;
        self
    }

    /// The same options with other page options.
    pub fn with_page(mut self, page: page::PageOptions) -> IngestOptions {
        self.page = page;
        self
    }
}

/// One thing reading produced, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event {
    /// An article.
    Article(Box<RawArticle>),
    /// A problem with the input; [`Diagnostic::is_skip`] when a record was
    /// skipped.
    Diagnostic(Diagnostic),
}

/// What reading produced: the articles, and a diagnostic for every record
/// that was skipped or repaired.
#[derive(Debug, Default)]
pub struct Ingested {
    /// Articles, in input order, with unique ids.
    pub articles: Vec<RawArticle>,
    /// Problems, in input order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Ingested {
    /// Whether any record was skipped.
    pub fn skipped_any(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_skip)
    }

    fn push(&mut self, event: Event) {
        match event {
            Event::Article(a) => self.articles.push(*a),
            Event::Diagnostic(d) => self.diagnostics.push(d),
        }
    }
}

/// Reads every input path (files, or directories recursively; `-` is
/// standard input) and collects the articles and diagnostics.
pub fn read_inputs(paths: &[PathBuf], opts: &IngestOptions) -> Ingested {
    let mut out = Ingested::default();
    for_each_event(paths, opts, |e| out.push(e));
    out
}

/// Reads every input path like [`read_inputs`], handing each article and
/// diagnostic to `on` as soon as it is read instead of collecting them, for
/// inputs too large to hold.
pub fn for_each_event(paths: &[PathBuf], opts: &IngestOptions, mut on: impl FnMut(Event)) {
    let mut ingester = Ingester::new(opts.clone());
    for path in paths {
        ingester.read_path(path, &mut on);
    }
}

/// A reading session: keeps ids unique across everything it reads.
///
/// Two records with the same id and the same content are one article read
/// twice: the second copy is dropped with a note. Two different articles
/// with the same id are both kept, the later one renamed `<id>#2` (`#3`,
/// ...) with a warning. Renaming depends only on input order, so reading
/// the same inputs again yields the same ids.
#[derive(Debug, Default)]
pub struct Ingester {
    opts: IngestOptions,
    ids: IdRegistry,
}

impl Ingester {
    /// A session with `opts`.
    pub fn new(opts: IngestOptions) -> Ingester {
        Ingester {
            opts,
            ids: IdRegistry::default(),
        }
    }

    /// Reads a file, a directory (recursively, in sorted order) or, for
    /// `-`, standard input.
    pub fn read_path(&mut self, path: &Path, on: &mut dyn FnMut(Event)) {
        if path.as_os_str() == "-" {
            self.read_stream("-", io::stdin().lock(), on);
            return;
        }
        for entry in walk::entries(path) {
            match entry {
                walk::Entry::Problem(d) => on(Event::Diagnostic(d)),
                walk::Entry::File { path, naming } => self.read_file(&path, naming, on),
            }
        }
    }

    /// Reads a stream whose format is not known from a name (standard
    /// input, a socket): gzip is recognised by its magic bytes and the
    /// format by the first character (`{` JSON lines, `[` a JSON array, `<`
    /// HTML, else plain text). `name` stands for the stream in diagnostics.
    pub fn read_stream(&mut self, name: &str, reader: impl Read, on: &mut dyn FnMut(Event)) {
        let hint = NameHint {
            format: None,
            gz: false,
            stem: String::new(),
        };
        self.read_source(name, &hint, Naming::Named, reader, on);
    }

    fn read_file(&mut self, path: &Path, naming: Naming, on: &mut dyn FnMut(Event)) {
        let name = path.display().to_string();
        match std::fs::File::open(path) {
            Ok(file) => self.read_source(&name, &NameHint::of(path), naming, file, on),
            Err(e) => on(Event::Diagnostic(Diagnostic::error(
                Location::file(name),
                format!("cannot open file ({e}), skipped; check the path and its permissions"),
            ))),
        }
    }

    fn read_source(
        &mut self,
        name: &str,
        hint: &NameHint,
        naming: Naming,
        reader: impl Read,
        on: &mut dyn FnMut(Event),
    ) {
        let mut sink = Sink {
            ids: &mut self.ids,
            on,
            page: &self.opts.page,
        };
        let (head, reader) = match format::peek(reader, 2) {
            Ok(peeked) => peeked,
            Err(e) => return sink.diagnostic(unreadable(Location::file(name), &e)),
        };
        let gz = format::is_gzip(&head);
        if hint.gz && !gz {
            sink.diagnostic(Diagnostic::warning(
                Location::file(name),
                "named .gz but not gzip-compressed, read as uncompressed; rename it",
            ));
        }
        let reader: Box<dyn Read + '_> = if gz {
            Box::new(format::gunzip(reader))
        } else {
            Box::new(reader)
        };
        // The content decides when it is unmistakably a WARC archive or a
        // feed (a feed saved as `.html` or `.json`, an archive without its
        // extension); else the name, else the content.
        let (format, reader): (Format, Box<dyn Read + '_>) =
            match format::peek(reader, format::sniff_len()) {
                Ok((head, reader)) => {
                    let sniffed = format::sniff(&head);
                    let format = match (sniffed, hint.format) {
                        (Format::Warc | Format::Feed | Format::Opml, _) | (_, None) => sniffed,
                        (_, Some(named)) => named,
                    };
                    (format, Box::new(reader))
                }
                Err(e) => return sink.diagnostic(unreadable(Location::file(name), &e)),
            };
        let stem = Some(hint.stem.as_str()).filter(|s| !s.is_empty());
        match format {
            Format::Jsonl => jsonl::read_lines(
                name,
                BufReader::with_capacity(64 * 1024, reader),
                naming,
                &self.opts,
                &mut sink,
            ),
            Format::JsonArray => {
                jsonl::read_array(name, BufReader::with_capacity(64 * 1024, reader), &mut sink)
            }
            Format::Text | Format::Html => {
                txt::read_document(name, stem, format, reader, &self.opts, &mut sink)
            }
            Format::Feed => txt::read_feed(name, reader, &self.opts, &mut sink),
            Format::Opml => sink.diagnostic(Diagnostic::error(
                Location::file(name),
                "an OPML list of feeds holds no articles, skipped; fetch its feeds with `storyline fetch` and read what it writes",
            )),
            Format::Warc => warc::read_warc(
                name,
                BufReader::with_capacity(64 * 1024, reader),
                &self.opts,
                &mut sink,
            ),
        }
    }
}

/// Where readers put what they read: ids are made unique on the way out.
pub(crate) struct Sink<'a> {
    ids: &'a mut IdRegistry,
    on: &'a mut dyn FnMut(Event),
    /// How web pages in the input are read.
    pub(crate) page: &'a page::PageOptions,
}

impl Sink<'_> {
    /// Hands on an article, dropping a repeat and renaming a colliding id.
    pub(crate) fn article(&mut self, mut raw: RawArticle) {
        match self.ids.admit(&mut raw) {
            Admission::New => {}
            Admission::Repeat(first) => {
                let d = Diagnostic::note(
                    raw.origin.clone().with_article(raw.id.as_str()),
                    format!("same article as at {first}, this copy skipped"),
                );
                return (self.on)(Event::Diagnostic(d));
            }
            Admission::Renamed { from, first } => {
                let d = Diagnostic::warning(
                    raw.origin.clone().with_article(raw.id.as_str()),
                    format!(
                        "id {from} is already used by a different article at {first}, this one renamed {}; give articles unique ids",
                        raw.id
                    ),
                );
                (self.on)(Event::Diagnostic(d));
            }
        }
        (self.on)(Event::Article(Box::new(raw)));
    }

    /// Hands on a diagnostic.
    pub(crate) fn diagnostic(&mut self, d: Diagnostic) {
        (self.on)(Event::Diagnostic(d));
    }
}

/// A diagnostic for a read that failed part-way, e.g. a truncated gzip
/// stream.
/// The diagnostic for a file that fails before its first record is read.
fn unreadable(loc: Location, e: &io::Error) -> Diagnostic {
    Diagnostic::error(
        loc,
        format!("cannot read ({e}), file skipped; it may be truncated or corrupt, re-create it"),
    )
}

/// The diagnostic for a read that fails after some records were read.
pub(crate) fn read_error(loc: Location, e: &io::Error) -> Diagnostic {
    Diagnostic::error(
        loc,
        format!(
            "cannot read ({e}), rest of the file skipped; it may be truncated or corrupt, re-create it (records before this point were kept)"
        ),
    )
}

/// A byte count for messages: "10.0 MB".
pub(crate) fn megabytes(n: u64) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}
