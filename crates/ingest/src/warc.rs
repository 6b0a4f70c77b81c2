//! WARC archives (`.warc`, `.warc.gz`, e.g. CC-NEWS crawls) as input:
//! every `response` record whose HTTP payload is an HTML page becomes an
//! article, read with the `warc` crate's streaming reader.
//!
//! Memory is bounded: records are read one at a time, and of each at most
//! the record size limit is kept; the rest of a larger record is skipped
//! unread by the reader. The HTTP status line and headers are parsed here
//! (a few lines; no crate is needed for them): only `200` responses with an
//! HTML content type (or none) are pages, and the `charset` of the
//! `Content-Type` header comes before the page's own declaration when the
//! body is decoded ([`crate::charset`]).

use std::io::{BufRead, Read};

use storyline_core::{ArticleId, Diagnostic, Location, RawArticle};

use crate::page::extract_served_page;
use crate::{IngestOptions, Sink, megabytes};

/// What the HTTP head of a response record says.
#[derive(Debug, Default, PartialEq, Eq)]
struct HttpHead {
    status: u16,
    content_type: Option<String>,
    /// Where the body starts in the payload.
    body_at: usize,
}

/// Splits an HTTP response payload into its status, content type and the
/// offset of the body. `None` when it does not start with a status line.
fn http_head(payload: &[u8]) -> Option<HttpHead> {
    let end = payload
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| payload.windows(2).position(|w| w == b"\n\n").map(|i| i + 2))?;
    let head = String::from_utf8_lossy(&payload[..end]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    let mut parts = status_line.split_whitespace();
    if !parts.next()?.starts_with("HTTP/") {
        return None;
    }
    let status = parts.next()?.parse().ok()?;
    let content_type = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.trim().to_ascii_lowercase());
    Some(HttpHead {
        status,
        content_type,
        body_at: end,
    })
}

/// Reads the records of a WARC stream (already decompressed) and hands on
/// an article for every HTML response.
pub(crate) fn read_warc<R: BufRead>(
    name: &str,
    reader: R,
    opts: &IngestOptions,
    sink: &mut Sink<'_>,
) {
    let mut warc = warc::WarcReader::new(reader);
    let mut records = warc.stream_records();
    let mut index = 0u64;
    let limit = opts.max_record_bytes;
    while let Some(next) = records.next_item() {
        index += 1;
        let loc = Location::file(name).at_record(index);
        let mut record = match next {
            Ok(r) => r,
            Err(e) => {
                sink.diagnostic(Diagnostic::error(
                    loc,
                    format!(
                        "cannot read the record ({e}), rest of the file skipped; the archive may be truncated or corrupt"
                    ),
                ));
                return;
            }
        };
        if *record.warc_type() != warc::RecordType::Response {
            continue;
        }
        let url = record
            .header(warc::WarcHeader::TargetURI)
            .map(|u| u.trim_matches(['<', '>', ' ']).to_owned());
        let record_id = record.warc_id().trim_matches(['<', '>']).to_owned();
        let length = record.content_length();
        let mut payload = Vec::with_capacity((length as usize).min(limit) + 1);
        if let Err(e) = (&mut record)
            .take(limit as u64 + 1)
            .read_to_end(&mut payload)
        {
            sink.diagnostic(Diagnostic::error(
                loc,
                format!("cannot read the record ({e}), rest of the file skipped; the archive may be truncated"),
            ));
            return;
        }
        drop(record);
        if (payload.len() as u64) < length.min(limit as u64 + 1) {
            sink.diagnostic(Diagnostic::error(
                loc,
                format!(
                    "cannot read the record (it ends after {} of its {length} bytes), rest of the file skipped; the archive is truncated",
                    payload.len()
                ),
            ));
            return;
        }
        if payload.len() > limit {
            sink.diagnostic(Diagnostic::warning(
                loc.clone(),
                format!(
                    "the record of {} is over the {} record size limit, skipped",
                    megabytes(length),
                    megabytes(limit as u64)
                ),
            ));
            continue;
        }
        let Some(head) = http_head(&payload) else {
            continue;
        };
        let is_html = head
            .content_type
            .as_deref()
            .is_none_or(|t| t.contains("html"));
        if head.status != 200 || !is_html {
            continue;
        }
        let body = &payload[head.body_at..];
        let page = extract_served_page(
            body,
            head.content_type.as_deref(),
            url.as_deref(),
            &opts.page,
        );
        if page.text.trim().is_empty() {
            continue;
        }
        let id = if record_id.is_empty() {
            ArticleId::from_content(url.as_deref(), &page.text)
        } else {
            ArticleId(record_id)
        };
        let meta = page.meta();
        sink.article(RawArticle {
            id,
            origin: loc,
            url: url.or(page.url),
            source: page.site_name,
            published: page.published,
            title: page.title,
            text: page.text,
            meta,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_heads() {
        let payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>";
        let h = http_head(payload).expect("a status line and headers");
        assert_eq!(h.status, 200);
        assert_eq!(
            h.content_type.as_deref(),
            Some("text/html; charset=iso-8859-1")
        );
        assert_eq!(&payload[h.body_at..], b"<p>");
        assert_eq!(http_head(b"GET / HTTP/1.1\r\n\r\n"), None);
        assert_eq!(http_head(b"HTTP/1.1 200 OK"), None);
    }
}
