//! One-article files: plain text (`.txt`) and HTML pages (`.html`, `.htm`).
//!
//! The id is the file stem (a content hash on standard input). Plain text
//! goes to the article whole: lifting a headline from the first line is the
//! cleaner's job, which sees the text's structure. HTML is reduced to text
//! here, so no later stage parses markup.

use std::io::Read;

use storyline_core::{ArticleId, Diagnostic, Location, RawArticle};

use crate::format::{Format, binary_reason};
use crate::html::{decode_html_bytes, html_to_text};
use crate::{IngestOptions, Sink, megabytes};

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
    if let Some(why) = binary_reason(body) {
        sink.diagnostic(Diagnostic::error(
            loc,
            format!("not a text file ({why}), skipped; remove it from the input"),
        ));
        return;
    }
    let (title, text) = match format {
        Format::Html => {
            let page = html_to_text(&decode_html_bytes(body));
            (page.title, page.text)
        }
        _ => match std::str::from_utf8(body) {
            Ok(s) if s.contains('\r') => (None, s.replace("\r\n", "\n").replace('\r', "\n")),
            Ok(s) => (None, s.to_owned()),
            Err(e) => {
                let at = e.valid_up_to();
                let line = 1 + body[..at].iter().filter(|&&b| b == b'\n').count() as u64;
                sink.diagnostic(Diagnostic::error(
                    loc.at_line(line),
                    "not valid utf-8, skipped; re-encode the file as utf-8 (e.g. with iconv)",
                ));
                return;
            }
        },
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
    sink.article(RawArticle {
        id,
        origin: loc,
        url: None,
        source: None,
        published: None,
        title,
        text,
    });
}
