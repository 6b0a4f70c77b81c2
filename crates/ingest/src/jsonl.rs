//! The exchange format: one JSON object per line (`.jsonl`), or a JSON array
//! of the same objects (`.json`).
//!
//! A record is `{"id", "text" or "html", "url"?, "source"?, "published"?,
//! "title"?}`; unknown fields are ignored. The publication time may also be
//! given as `published_at`, `publish_date`, `date_publish`, `pubDate` or
//! `date`, as other exports name it. A record without an id gets one
//! from its source and content, so re-reading gives the same id. Every bad
//! line becomes a diagnostic and reading goes on with the next line.

use std::fmt;
use std::io::{self, BufRead, Read};

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer as _, SeqAccess, Visitor};
use storyline_core::{ArticleId, Diagnostic, Location, Meta, RawArticle, Timestamp};

use crate::format::binary_reason;
use crate::line::{Line, LineReader};
use crate::page::{Page, extract_page_with};
use crate::{IngestOptions, Sink, megabytes, read_error};

/// One record of the exchange format, as written.
#[derive(Debug, Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<Id>,
    #[serde(default)]
    text: Option<String>,
    /// news-please's name for the text, read when `text` is absent or blank.
    #[serde(default)]
    maintext: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
    /// news-please's outlet ("theguardian.com"), after `source` and the
    /// page's own site name.
    #[serde(default)]
    source_domain: Option<String>,
    /// Kept loose so that a malformed date costs a warning, not the record.
    #[serde(default)]
    published: Option<serde_json::Value>,
    /// The names other exports give the publication time, read when
    /// `published` is absent ([`DATE_FIELDS`]).
    #[serde(default)]
    published_at: Option<serde_json::Value>,
    #[serde(default)]
    publish_date: Option<serde_json::Value>,
    #[serde(default)]
    date_publish: Option<serde_json::Value>,
    #[serde(default, rename = "pubDate")]
    pub_date: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<String>,
    /// What `storyline fetch` and `clean` write besides (see `Meta`): kept,
    /// never decisive, so a value that does not read is dropped quietly.
    #[serde(default)]
    modified: Option<serde_json::Value>,
    /// news-please's name for it, read when `modified` is absent.
    #[serde(default)]
    date_modify: Option<serde_json::Value>,
    /// A list of names, or one name.
    #[serde(default)]
    authors: Option<serde_json::Value>,
    #[serde(default)]
    language: Option<serde_json::Value>,
    #[serde(default)]
    description: Option<serde_json::Value>,
}

/// An id as written: exports sometimes write numeric ids.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Int(i64),
    Uint(u64),
}

impl Record {
    fn has_body_field(&self) -> bool {
        self.text.is_some() || self.html.is_some() || self.maintext.is_some()
    }

    /// The publication time as written, and the field it was written in:
    /// the first of [`DATE_FIELDS`] that holds one.
    fn published(&mut self) -> Option<(&'static str, serde_json::Value)> {
        let fields = [
            &mut self.published,
            &mut self.published_at,
            &mut self.publish_date,
            &mut self.date_publish,
            &mut self.pub_date,
            &mut self.date,
        ];
        DATE_FIELDS
            .iter()
            .zip(fields)
            .find_map(|(name, field)| field.take().filter(|v| !is_blank(v)).map(|v| (*name, v)))
    }
}

/// The fields a record's publication time is read from, in order:
/// `published` (ours), then what news-please, news APIs and feed dumps
/// write.
const DATE_FIELDS: [&str; 6] = [
    "published",
    "published_at",
    "publish_date",
    "date_publish",
    "pubDate",
    "date",
];

fn is_blank(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Null => true,
        serde_json::Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A publication time as exports write it: a string [`Timestamp::parse`]
/// reads (RFC 3339 or 2822, a date with or without a time), or Unix seconds
/// (milliseconds when the number is too large for seconds).
fn published_time(value: &serde_json::Value) -> Option<Timestamp> {
    match value {
        serde_json::Value::String(s) => Timestamp::parse(s),
        serde_json::Value::Number(n) => {
            let n = n.as_i64()?;
            // Seconds reach 10^11 only in the year 5138.
            let seconds = if n.abs() >= 100_000_000_000 {
                n / 1000
            } else {
                n
            };
            chrono::DateTime::from_timestamp(seconds, 0)
                .map(|t| Timestamp::from_time(t.fixed_offset()))
        }
        _ => None,
    }
}

/// Whether a file was named by the user or found by walking a directory.
///
/// A found `.jsonl` whose first record has no body field (a gold or summary
/// file next to the articles) is passed over with a note; a named one gets
/// an error per record, since the user asked for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Naming {
    /// Named on the command line or given as a stream.
    Named,
    /// Found while walking a directory.
    Found,
}

/// Reads JSON lines from `reader`.
pub(crate) fn read_lines<R: BufRead>(
    name: &str,
    reader: R,
    naming: Naming,
    opts: &IngestOptions,
    sink: &mut Sink<'_>,
) {
    let mut lines = LineReader::new(reader, opts.max_record_bytes);
    let mut first_record = true;
    loop {
        let number = lines.number() + 1;
        let loc = Location::file(name).at_line(number);
        let bytes = match lines.next_line() {
            Ok(None) => break,
            Ok(Some(Line::TooLong { len })) => {
                sink.diagnostic(Diagnostic::error(
                    loc,
                    format!(
                        "record of {} is over the {} record size limit, skipped; split it or raise the limit",
                        megabytes(len),
                        megabytes(opts.max_record_bytes as u64)
                    ),
                ));
                continue;
            }
            Ok(Some(Line::Fits(bytes))) => bytes,
            Err(e) => {
                sink.diagnostic(read_error(loc, &e));
                break;
            }
        };
        let bytes = if number == 1 {
            bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
        } else {
            bytes
        };
        if bytes.trim_ascii().is_empty() {
            continue;
        }
        if first_record && let Some(why) = binary_reason(bytes) {
            // One diagnostic for the file, not one per line of noise.
            sink.diagnostic(Diagnostic::error(
                Location::file(name),
                format!("not a text file ({why}), skipped; remove it from the input"),
            ));
            return;
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                sink.diagnostic(Diagnostic::error(
                    loc,
                    format!(
                        "not valid utf-8 at column {}, record skipped; re-encode the file as utf-8",
                        e.valid_up_to() + 1
                    ),
                ));
                continue;
            }
        };
        // serde reads a struct from an array too, by position: a record
        // must be an object.
        if let Some(kind) = not_an_object(text) {
            sink.diagnostic(Diagnostic::error(
                loc,
                format!("record is {kind}, not a JSON object, skipped; write one object per line"),
            ));
            continue;
        }
        let record: Record = match serde_json::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                sink.diagnostic(Diagnostic::error(
                    loc,
                    format!("invalid json ({e}), record skipped; fix or remove the line"),
                ));
                continue;
            }
        };
        if first_record && naming == Naming::Found && !record.has_body_field() {
            sink.diagnostic(Diagnostic::note(
                Location::file(name),
                "records have no \"text\" or \"html\" field, file passed over as not articles (gold or summaries?)",
            ));
            return;
        }
        first_record = false;
        if let Some(article) = to_article(record, loc, sink) {
            sink.article(article);
        }
    }
}

/// What a line holds when it is valid JSON of another kind than an object
/// ("an array", "a number"); `None` for an object or for text serde will
/// report as invalid.
fn not_an_object(line: &str) -> Option<&'static str> {
    match line.trim_start().as_bytes().first()? {
        b'{' => None,
        b'[' => Some("an array"),
        b'"' => Some("a string"),
        b'-' | b'0'..=b'9' => Some("a number"),
        _ => match line.trim() {
            "true" | "false" => Some("a boolean"),
            "null" => Some("null"),
            _ => None,
        },
    }
}

/// Reads a JSON array of records from `reader`.
///
/// The array is streamed element by element; a syntax error ends the file
/// (JSON cannot be resynchronised), with the elements before it kept.
pub(crate) fn read_array<R: Read>(name: &str, reader: R, sink: &mut Sink<'_>) {
    let mut de = serde_json::Deserializer::from_reader(reader);
    let elements = Elements { name, sink };
    let result = (&mut de)
        .deserialize_seq(ElementsVisitor(elements))
        .and_then(|()| de.end());
    if let Err(e) = result {
        let loc = Location::file(name).at_line(e.line() as u64);
        let diagnostic = if e.is_io() {
            read_error(loc, &io::Error::other(e))
        } else {
            Diagnostic::error(
                loc,
                format!(
                    "invalid json ({e}), rest of the file skipped; fix the file or convert it to json lines"
                ),
            )
        };
        sink.diagnostic(diagnostic);
    }
}

/// The elements of a JSON array, handed to the sink as they are parsed.
struct Elements<'s, 'a> {
    name: &'s str,
    sink: &'s mut Sink<'a>,
}

struct ElementsVisitor<'s, 'a>(Elements<'s, 'a>);

impl<'de> Visitor<'de> for ElementsVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of article objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Elements { name, sink } = self.0;
        let mut index = 0u64;
        while let Some(value) = seq.next_element_seed(ValueSeed)? {
            index += 1;
            let loc = Location::file(name);
            match Record::deserialize(value) {
                Ok(record) => {
                    if let Some(article) = to_article(record, loc, sink) {
                        sink.article(article);
                    }
                }
                Err(e) => sink.diagnostic(Diagnostic::error(
                    loc,
                    format!(
                        "element {index} is not an article record ({e}), skipped; fix the element"
                    ),
                )),
            }
        }
        Ok(())
    }
}

/// Parses one element as a generic value, so that a wrongly typed field
/// costs only its element.
struct ValueSeed;

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = serde_json::Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        serde_json::Value::deserialize(d)
    }
}

/// Turns a record into an article, reporting what is wrong with it. `None`
/// when the record has to be skipped.
fn to_article(mut record: Record, loc: Location, sink: &mut Sink<'_>) -> Option<RawArticle> {
    let written_date = record.published();
    let given_id = record.id.map(|id| match id {
        Id::Text(s) => s.trim().to_owned(),
        Id::Int(n) => n.to_string(),
        Id::Uint(n) => n.to_string(),
    });
    let given_id = given_id.filter(|s| !s.is_empty());
    let loc = match &given_id {
        Some(id) => loc.with_article(id.clone()),
        None => loc,
    };
    let mut title = record
        .title
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    let record_url = record
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_owned);
    if record.text.as_deref().is_none_or(|t| t.trim().is_empty()) && record.maintext.is_some() {
        record.text = record.maintext.take();
    }
    let mut page_meta: Option<Page> = None;
    let text = match (record.text, record.html) {
        (Some(text), _) if !text.trim().is_empty() => text,
        (_, Some(html)) if !html.trim().is_empty() => {
            let mut page = extract_page_with(&html, record_url.as_deref(), sink.page);
            if title.is_none() {
                title = page.title.take();
            }
            let text = std::mem::take(&mut page.text);
            page_meta = Some(page);
            text
        }
        (None, None) => {
            sink.diagnostic(Diagnostic::error(
                loc,
                "record has neither \"text\" nor \"html\", skipped; give every record one of them",
            ));
            return None;
        }
        _ => {
            sink.diagnostic(Diagnostic::error(
                loc,
                "record has empty text, skipped; give it a non-empty \"text\" or \"html\"",
            ));
            return None;
        }
    };
    if text.trim().is_empty() {
        sink.diagnostic(Diagnostic::error(
            loc,
            "record's html has no text, skipped; check that \"html\" holds the page",
        ));
        return None;
    }
    // What the record says wins; the page fills in what it does not say.
    let source = record
        .source
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .or_else(|| page_meta.as_mut().and_then(|p| p.site_name.take()))
        .or_else(|| {
            record
                .source_domain
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        });
    let id = match given_id {
        Some(id) => ArticleId(id),
        None => ArticleId::from_content(source.as_deref(), &text),
    };
    let page_published = page_meta.as_ref().and_then(|p| p.published);
    let published = match written_date {
        None => page_published,
        Some((field, value)) => {
            let parsed = published_time(&value);
            if parsed.is_none() {
                sink.diagnostic(Diagnostic::warning(
                    loc.clone().with_article(id.as_str()),
                    format!(
                        "cannot read \"{field}\" {value} as a time (rfc 3339, rfc 2822, yyyy-mm-dd with or without hh:mm:ss, or unix seconds), kept the article without it; fix the date"
                    ),
                ));
            }
            parsed
        }
    };
    let origin = Location {
        article: None,
        ..loc
    };
    // As for the other fields, the record's word wins over its page's.
    let page = page_meta.as_ref().map(Page::meta).unwrap_or_default();
    let text_of = |v: Option<serde_json::Value>| match v {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    };
    let authors: Vec<String> = match record.authors {
        Some(serde_json::Value::Array(names)) => {
            names.into_iter().filter_map(|n| text_of(Some(n))).collect()
        }
        one => text_of(one).into_iter().collect(),
    };
    let meta = Meta {
        modified: text_of(record.modified)
            .or_else(|| text_of(record.date_modify))
            .and_then(|s| Timestamp::parse(&s))
            .or(page.modified),
        authors: if authors.is_empty() {
            page.authors
        } else {
            authors
        },
        language: text_of(record.language).or(page.language),
        description: text_of(record.description).or(page.description),
    };
    Some(RawArticle {
        id,
        origin,
        url: record_url.or_else(|| page_meta.and_then(|p| p.url)),
        source,
        published,
        title,
        text,
        meta,
    })
}
