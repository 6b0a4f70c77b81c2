//! One-article files: plain text (`.txt`) and HTML pages (`.html`, `.htm`).
//!
//! The id is the file stem (a content hash on standard input). Plain text
//! goes to the article whole: lifting a headline from the first line is the
//! cleaner's job, which sees the text's structure. An HTML page is reduced
//! to its article here ([`crate::page`]: main text, title, date, canonical
//! URL, site name), so no later stage parses markup.

use std::io::Read;

use storyline_core::brief::render::counted;
use storyline_core::{ArticleId, Diagnostic, Location, RawArticle};

use crate::charset::{self, Basis, Decoded};
use crate::format::{Format, binary_reason};
use crate::page::{Page, extract_page_bytes_with};
use crate::{IngestOptions, Sink, megabytes, read_error};

/// Reads one article of `format` ([`Format::Text`] or [`Format::Html`]) from
/// `reader`. `stem` is its id, when it came from a named file.
pub(crate) fn read_document<R: Read>(
    name: &str,
    stem: Option<&str>,
    format: Format,
    reader: R,
    opts: &IngestOptions,
    sink: &mut Sink<'_>,
) {
    let loc = Location::file(name);
    let limit = opts.max_record_bytes;
    let mut bytes = Vec::new();
    // Read one byte past the limit to learn that the file is over it without
    // reading the rest.
    if let Err(e) = reader.take(limit as u64 + 1).read_to_end(&mut bytes) {
        // One file is one article: nothing before the failure is kept.
        sink.diagnostic(Diagnostic::error(
            loc,
            format!(
                "cannot read ({e}), file skipped; it may be truncated or corrupt, re-create it"
            ),
        ));
        return;
    }
    if bytes.len() > limit {
        sink.diagnostic(Diagnostic::error(
            loc,
            format!(
                "file is over the {} record size limit, skipped; split it or raise the limit",
                megabytes(limit as u64)
            ),
        ));
        return;
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    if let Some(why) = binary_reason(body).filter(|_| !charset::is_utf16(body)) {
        sink.diagnostic(Diagnostic::error(
            loc,
            format!("not a text file ({why}), skipped; remove it from the input"),
        ));
        return;
    }
    let mut page = None;
    let (title, text) = match format {
        Format::Html => {
            let mut p = extract_page_bytes_with(body, None, &opts.page);
            let text = std::mem::take(&mut p.text);
            let title = p.title.take();
            page = Some(p);
            (title, text)
        }
        _ => {
            let decoded = charset::decode_text(body);
            if let Some(d) = encoding_warning(&loc, body, &decoded) {
                sink.diagnostic(d);
            }
            let text = decoded.text;
            let text = if text.contains('\r') {
                text.replace("\r\n", "\n").replace('\r', "\n")
            } else {
                text
            };
            (None, text)
        }
    };
    if text.trim().is_empty() {
        sink.diagnostic(Diagnostic::error(
            loc,
            "file has no text, skipped; remove it or fill it",
        ));
        return;
    }
    let id = match stem.filter(|s| !s.is_empty()) {
        Some(stem) => ArticleId(stem.to_owned()),
        None => ArticleId::from_content(None, &text),
    };
    let meta = page.as_ref().map(Page::meta).unwrap_or_default();
    sink.article(RawArticle {
        id,
        origin: loc,
        url: page.as_mut().and_then(|p| p.url.take()),
        source: page.as_mut().and_then(|p| p.site_name.take()),
        published: page.as_ref().and_then(|p| p.published),
        title,
        text,
        meta,
    });
}

/// The warning for a text file that is not valid UTF-8 and was read by a
/// guess: the reader learns which encoding was taken and where the first
/// byte that is not UTF-8 is, to check the letters there.
fn encoding_warning(loc: &Location, body: &[u8], decoded: &Decoded) -> Option<Diagnostic> {
    let what = match decoded.basis {
        Basis::Bom | Basis::Utf8 | Basis::Served | Basis::Declared => return None,
        Basis::MostlyUtf8 { stray_bytes } => format!(
            "{} not valid utf-8, read as windows-1252",
            counted(stray_bytes as u64, "byte", "bytes")
        ),
        Basis::Guessed => format!(
            "not utf-8, read as {} (the encoding its bytes suggest)",
            decoded.encoding.name().to_ascii_lowercase()
        ),
    };
    let at = std::str::from_utf8(body)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let line = 1 + body[..at].iter().filter(|&&b| b == b'\n').count() as u64;
    Some(Diagnostic::warning(
        loc.clone().at_line(line),
        format!("{what}; if letters look wrong, re-encode the file as utf-8 (e.g. with iconv)"),
    ))
}

/// Reads a feed file: one article per entry that has text, its id the
/// entry's guid. A feed read from disk is not fetched further: a teaser
/// entry stays a teaser (`storyline fetch` reads the linked pages).
pub(crate) fn read_feed<R: Read>(name: &str, reader: R, opts: &IngestOptions, sink: &mut Sink<'_>) {
    let loc = Location::file(name);
    let mut bytes = Vec::new();
    if let Err(e) = reader
        .take(opts.max_record_bytes as u64 + 1)
        .read_to_end(&mut bytes)
    {
        sink.diagnostic(read_error(loc, &e));
        return;
    }
    if bytes.len() > opts.max_record_bytes {
        sink.diagnostic(Diagnostic::error(
            loc,
            format!(
                "feed is over the {} record size limit, skipped; raise the limit",
                megabytes(opts.max_record_bytes as u64)
            ),
        ));
        return;
    }
    let bytes = crate::charset::decode_feed(&bytes, None);
    let feed = match crate::feed::parse_feed(&bytes[..], None) {
        Ok(f) => f,
        Err(e) => {
            sink.diagnostic(Diagnostic::error(
                loc,
                format!("{e}, skipped; check that the file is a feed"),
            ));
            return;
        }
    };
    for (i, entry) in feed.entries.iter().enumerate() {
        let at = loc.clone().at_record(i as u64 + 1);
        match entry.to_article(feed.title.as_deref(), &at) {
            Some(a) => sink.article(a),
            None => sink.diagnostic(Diagnostic::warning(
                at.with_article(entry.id.clone()),
                "feed entry has no text, skipped; fetch its page with `storyline fetch`",
            )),
        }
    }
}
