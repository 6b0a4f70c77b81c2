//! Input formats: which reader a file needs, decided by its name and, when
//! the name does not say (standard input, unknown extensions), by sniffing
//! its first bytes. Compression is decided by the gzip magic bytes, so a
//! compressed stream is recognised on standard input too.

use std::io::{self, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

/// How the records of an input are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// One article per file, plain text.
    Text,
    /// One article per file, an HTML page.
    Html,
    /// One JSON object per line, in the exchange format.
    Jsonl,
    /// A JSON array of exchange-format objects.
    JsonArray,
    /// An RSS, Atom or JSON feed: one article per entry.
    Feed,
    /// A WARC archive: one article per HTML response record.
    Warc,
    /// An OPML list of feeds: no articles of its own (`storyline fetch`
    /// reads its feeds).
    Opml,
}

/// The gzip magic bytes.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// How many leading bytes content sniffing looks at.
const SNIFF_BYTES: usize = 512;

/// What a file name says about its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NameHint {
    /// The format the extension names, if it names a known one.
    pub(crate) format: Option<Format>,
    /// Whether the name ends in `.gz`.
    pub(crate) gz: bool,
    /// The file name without its format and compression extensions: the id
    /// of a one-article file.
    pub(crate) stem: String,
}

impl NameHint {
    /// Reads the extensions of `path` (`a.txt.gz` is gzip-compressed text
    /// with stem `a`).
    pub(crate) fn of(path: &Path) -> NameHint {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (base, gz) = match strip_suffix_ci(&name, ".gz") {
            Some(b) => (b, true),
            None => (name.as_str(), false),
        };
        let (stem, ext) = match base.rfind('.') {
            Some(i) if i > 0 => (&base[..i], base[i + 1..].to_ascii_lowercase()),
            _ => (base, String::new()),
        };
        let format = match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "json" => Some(Format::JsonArray),
            "rss" | "atom" | "xml" => Some(Format::Feed),
            "warc" => Some(Format::Warc),
            "opml" => Some(Format::Opml),
            _ => None,
        };
        let stem = if format.is_some() { stem } else { base };
        NameHint {
            format,
            gz,
            stem: stem.to_owned(),
        }
    }
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    (s.is_char_boundary(cut) && s[cut..].eq_ignore_ascii_case(suffix) && cut > 0).then(|| &s[..cut])
}

/// A reader that replays peeked bytes, then goes on with the rest.
pub(crate) type Replay<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

/// Reads up to `n` bytes from the front of `reader` without losing them:
/// returns the bytes and a reader that yields them again, then the rest.
pub(crate) fn peek<R: Read>(mut reader: R, n: usize) -> io::Result<(Vec<u8>, Replay<R>)> {
    let mut head = Vec::with_capacity(n);
    (&mut reader).take(n as u64).read_to_end(&mut head)?;
    let replay = head.clone();
    Ok((replay, io::Cursor::new(head).chain(reader)))
}

/// Whether `head` starts with the gzip magic bytes.
pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&GZIP_MAGIC)
}

/// A reader that decompresses every gzip member of `reader` in turn.
pub(crate) fn gunzip<R: Read>(reader: R) -> MultiGzDecoder<R> {
    MultiGzDecoder::new(reader)
}

/// Guesses the format from the first bytes of the (decompressed) content:
/// `WARC/` starts a WARC archive, an `<rss`, `<feed` or `<rdf:RDF` root (or a
/// JSON Feed `version`) a feed, `{` JSONL, `[` a JSON array, `<` HTML,
/// anything else is text.
pub(crate) fn sniff(head: &[u8]) -> Format {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    if head.starts_with(b"WARC/") {
        return Format::Warc;
    }
    if crate::feed::looks_like_feed(head) {
        return Format::Feed;
    }
    if crate::feed::looks_like_opml(head) {
        return Format::Opml;
    }
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Format::Jsonl,
        Some(b'[') => Format::JsonArray,
        Some(b'<') => Format::Html,
        _ => Format::Text,
    }
}

/// How many bytes content sniffing needs.
pub(crate) const fn sniff_len() -> usize {
    SNIFF_BYTES
}

/// Why a block of bytes is not text, if it is not.
///
/// A NUL byte never occurs in text, and text has few control characters
/// besides tab, line feed, carriage return and form feed; more than one in
/// ten bytes of those means a binary file.
pub(crate) fn binary_reason(bytes: &[u8]) -> Option<String> {
    if let Some(at) = memchr_nul(bytes) {
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        return Some(format!("contains a NUL byte on line {line}"));
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c) || b == 0x7f)
        .count();
    (sample.len() >= 16 && control * 10 > sample.len()).then(|| {
        format!(
            "{control} of its first {} bytes are control characters",
            sample.len()
        )
    })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    fn check(name: &str, expect: Expect) {
        let h = NameHint::of(Path::new(name));
        expect.assert_eq(&format!("{:?} gz={} stem={}", h.format, h.gz, h.stem));
    }

    #[test]
    fn names() {
        check("dir/a.txt", expect!["Some(Text) gz=false stem=a"]);
        check("a.TXT.gz", expect!["Some(Text) gz=true stem=a"]);
        check(
            "x/articles.jsonl.gz",
            expect!["Some(Jsonl) gz=true stem=articles"],
        );
        check("page.htm", expect!["Some(Html) gz=false stem=page"]);
        check("list.json", expect!["Some(JsonArray) gz=false stem=list"]);
        check("README", expect!["None gz=false stem=README"]);
        check("notes.md", expect!["None gz=false stem=notes.md"]);
        check(".gz", expect!["None gz=false stem=.gz"]);
        check("a.b.c.txt", expect!["Some(Text) gz=false stem=a.b.c"]);
        check("crawl.warc.gz", expect!["Some(Warc) gz=true stem=crawl"]);
        check("news.rss", expect!["Some(Feed) gz=false stem=news"]);
        check("feeds.opml", expect!["Some(Opml) gz=false stem=feeds"]);
    }

    fn check_sniff(head: &str, expect: Expect) {
        expect.assert_eq(&format!("{:?}", sniff(head.as_bytes())));
    }

    #[test]
    fn sniffing() {
        check_sniff("  {\"id\":1}", expect!["Jsonl"]);
        check_sniff("\u{feff}{}", expect!["Jsonl"]);
        check_sniff("[{}]", expect!["JsonArray"]);
        check_sniff("\n<!doctype html>", expect!["Html"]);
        check_sniff("Headline\n\nBody.", expect!["Text"]);
        check_sniff("", expect!["Text"]);
        check_sniff("WARC/1.0\r\n", expect!["Warc"]);
        check_sniff("<?xml version=\"1.0\"?><rss>", expect!["Feed"]);
        check_sniff(
            "<?xml version=\"1.0\"?>\n<opml version=\"2.0\">",
            expect!["Opml"],
        );
        check_sniff(
            "{\"version\": \"https://jsonfeed.org/version/1.1\"}",
            expect!["Feed"],
        );
    }

    #[test]
    fn binary() {
        assert_eq!(binary_reason(b"plain text\nline two\n"), None);
        assert_eq!(
            binary_reason(b"ab\ncd\0ef").as_deref(),
            Some("contains a NUL byte on line 2")
        );
        let noisy: Vec<u8> = (1u8..=31).cycle().take(64).collect();
        assert!(binary_reason(&noisy).is_some());
    }
}
