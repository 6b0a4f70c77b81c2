//! Bytes to text: which encoding a page or a text file is written in.
//!
//! A page is read by, in order: its byte-order mark; UTF-8, when the bytes
//! are valid UTF-8 (a page labelled Latin-1 that is really UTF-8 is common,
//! the reverse is rare, because Latin-1 text is almost never valid UTF-8);
//! the charset its server sent (the HTTP `Content-Type` of `storyline
//! fetch` or of a WARC response), which the HTML standard puts before the
//! page's own; the page's `<meta>` declaration; and last a guess. A text
//! file has no declaration: byte-order mark, UTF-8, guess.
//!
//! The guess tells two kinds of bytes apart. Mostly UTF-8 with a few
//! stray bytes (a Latin-1 word pasted into a UTF-8 template,
//! "K\xfcchenblogs") is UTF-8 with each stray byte read as Windows-1252,
//! so the letter is kept where a replacement character would lose it.
//! Anything else is handed to chardetng, the detector Firefox uses for
//! unlabelled pages, told the top-level domain of the page's address when
//! there is one (`.jp` leans to Shift_JIS, `.ru` to windows-1251): it reads
//! undeclared Shift_JIS, GBK, KOI8-R and the like, where reading every
//! byte as Windows-1252 gave mojibake.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into a page its charset declaration is looked for. The HTML
/// standard's prescan reads 1,024 bytes, but its parser honours a `<meta>`
/// met later in the head, and pages put long scripts before it (one of
/// trafilatura's evaluation pages declares its charset after 58 KB).
const CHARSET_SCAN_BYTES: usize = 64 * 1024;

/// How much of the input the detector reads. Its guess settles within the
/// first few kilobytes of text; reading a whole huge page would only cost
/// time.
const GUESS_BYTES: usize = 256 * 1024;

/// Text decoded from bytes, and what it was decoded by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text.
    pub text: String,
    /// The encoding the text was read in (for [`Basis::MostlyUtf8`],
    /// UTF-8).
    pub encoding: &'static Encoding,
    /// What chose the encoding.
    pub basis: Basis,
}

/// What decided a [`Decoded`]'s encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A byte-order mark.
    Bom,
    /// The bytes are valid UTF-8.
    Utf8,
    /// The charset of the server's `Content-Type`.
    Served,
    /// The page's `<meta charset>` or `http-equiv` content type.
    Declared,
    /// UTF-8 with stray bytes read as Windows-1252.
    MostlyUtf8 {
        /// How many bytes were not UTF-8.
        stray_bytes: usize,
    },
    /// chardetng's guess from the bytes.
    Guessed,
}

/// Decodes the bytes of an HTML page. `served` is the HTTP `Content-Type`
/// the page came with, `url` its address (its top-level domain informs a
/// guess).
///
/// ```
/// use storyline_ingest::charset::{Basis, decode_page};
/// let latin1 = b"<p>Gr\xfc\xdfe</p>";
/// let page = decode_page(latin1, Some("text/html; charset=ISO-8859-1"), None);
/// assert_eq!(page.text, "<p>Grüße</p>");
/// assert_eq!(page.basis, Basis::Served);
/// ```
pub fn decode_page(bytes: &[u8], served: Option<&str>, url: Option<&str>) -> Decoded {
    if let Some(d) = by_bom_or_utf8(bytes) {
        return d;
    }
    let tld = url.and_then(top_level_domain);
    let labelled = served
        .and_then(served_charset)
        .map(|e| (e, Basis::Served))
        .or_else(|| declared_charset(bytes).map(|e| (e, Basis::Declared)));
    match labelled {
        // A page labelled UTF-8 whose bytes are not: stray bytes in UTF-8.
        Some((enc, _)) if enc == UTF_8 => mostly_utf8(bytes),
        Some((enc, basis)) => {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            // A `<meta>` that names a charset the bytes are not valid in
            // is wrong (a template's, copied): the guess reads better.
            // The server's label is kept whatever the bytes.
            if had_errors && basis == Basis::Declared {
                return guess(bytes, tld.as_deref());
            }
            Decoded {
                text: text.into_owned(),
                encoding: enc,
                basis,
            }
        }
        None => guess(bytes, tld.as_deref()),
    }
}

/// Decodes the bytes of an HTML page that came with no transport
/// information (a file on disk). See [`decode_page`].
///
/// ```
/// use storyline_ingest::charset::decode_html_bytes;
/// let latin1 = b"<meta charset=\"iso-8859-1\"><p>Gr\xfc\xdfe</p>";
/// assert!(decode_html_bytes(latin1).contains("Grüße"));
/// ```
pub fn decode_html_bytes(bytes: &[u8]) -> String {
    decode_page(bytes, None, None).text
}

/// Decodes a plain-text file: byte-order mark (UTF-8 or UTF-16), UTF-8,
/// else a guess.
///
/// ```
/// use storyline_ingest::charset::{Basis, decode_text};
/// let utf16 = b"\xff\xfeH\x00i\x00";
/// assert_eq!(decode_text(utf16).text, "Hi");
/// assert_eq!(decode_text(b"caf\xe9 au lait").text, "café au lait");
/// assert_eq!(decode_text(b"caf\xe9 au lait").basis, Basis::Guessed);
/// ```
pub fn decode_text(bytes: &[u8]) -> Decoded {
    by_bom_or_utf8(bytes).unwrap_or_else(|| guess(bytes, None))
}

/// The bytes of a feed as its parser should read them. An XML feed names
/// its encoding in its declaration (`<?xml version="1.0"
/// encoding="windows-1251"?>`), which the parser follows, or is UTF-8 (or
/// UTF-16 by its byte-order mark): those are returned as they are, and so
/// are valid UTF-8 bytes. A feed that declares nothing and is not UTF-8 is
/// transcoded to UTF-8 from the charset its server sent (`served`, the
/// HTTP `Content-Type`), else from the guess pages get; without this the
/// parser read such a feed as UTF-8 and failed on its first letter
/// outside ASCII.
///
/// ```
/// use storyline_ingest::charset::decode_feed;
/// let rss = b"<rss><channel><title>Gr\xfc\xdfe</title></channel></rss>";
/// let utf8 = decode_feed(rss, Some("application/rss+xml; charset=iso-8859-1"));
/// assert_eq!(&utf8[..], "<rss><channel><title>Grüße</title></channel></rss>".as_bytes());
/// ```
pub fn decode_feed<'a>(bytes: &'a [u8], served: Option<&str>) -> std::borrow::Cow<'a, [u8]> {
    use std::borrow::Cow;
    if Encoding::for_bom(bytes).is_some()
        || declares_xml_encoding(bytes)
        || std::str::from_utf8(bytes).is_ok()
    {
        return Cow::Borrowed(bytes);
    }
    let text = match served.and_then(served_charset) {
        Some(enc) if enc != UTF_8 => enc.decode_without_bom_handling(bytes).0.into_owned(),
        _ => guess(bytes, None).text,
    };
    Cow::Owned(text.into_bytes())
}

/// Whether the bytes open with an XML declaration that names an encoding.
fn declares_xml_encoding(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let rest = &bytes[start..];
    if !rest.starts_with(b"<?xml") {
        return false;
    }
    let decl = &rest[..rest
        .windows(2)
        .position(|w| w == b"?>")
        .unwrap_or(rest.len())];
    find_ascii_ci(decl, b"encoding").is_some()
}

/// Whether the bytes open with a UTF-16 byte-order mark (their NUL bytes
/// are text, not a sign of a binary file).
pub(crate) fn is_utf16(bytes: &[u8]) -> bool {
    Encoding::for_bom(bytes).is_some_and(|(e, _)| e != UTF_8)
}

fn by_bom_or_utf8(bytes: &[u8]) -> Option<Decoded> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Some(Decoded {
            text: text.into_owned(),
            encoding: enc,
            basis: Basis::Bom,
        });
    }
    std::str::from_utf8(bytes).ok().map(|s| Decoded {
        text: s.to_owned(),
        encoding: UTF_8,
        basis: Basis::Utf8,
    })
}

/// Bytes that are not valid UTF-8: mostly UTF-8 when its valid non-ASCII
/// characters outnumber the stray bytes, else the detector's guess.
fn guess(bytes: &[u8], tld: Option<&str>) -> Decoded {
    let (mut multibyte, mut stray) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().bytes().filter(|&b| b >= 0xc0).count();
        stray += chunk.invalid().len();
    }
    if multibyte >= stray {
        return mostly_utf8(bytes);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(GUESS_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    let enc = detector.guess(tld.map(str::as_bytes), Utf8Detection::Deny);
    Decoded {
        text: enc.decode_without_bom_handling(bytes).0.into_owned(),
        encoding: enc,
        basis: Basis::Guessed,
    }
}

/// UTF-8 whose invalid bytes are read as Windows-1252, one by one.
fn mostly_utf8(bytes: &[u8]) -> Decoded {
    let mut text = String::with_capacity(bytes.len());
    let mut stray_bytes = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        stray_bytes += chunk.invalid().len();
        let (slip, _) = WINDOWS_1252.decode_without_bom_handling(chunk.invalid());
        text.push_str(&slip);
    }
    Decoded {
        text,
        encoding: UTF_8,
        basis: Basis::MostlyUtf8 { stray_bytes },
    }
}

/// The encoding named by the `charset` parameter of a `Content-Type`.
fn served_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| charset_label(value.as_bytes()))
            .flatten()
    })
}

/// The rightmost label of the address's host, lower-case ASCII (the
/// `url` crate gives an internationalised one in Punycode), for the
/// detector. None for an address without a domain name.
fn top_level_domain(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let Some(url::Host::Domain(host)) = parsed.host() else {
        return None;
    };
    let tld = host.trim_end_matches('.').rsplit('.').next()?;
    (!tld.is_empty() && tld.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .then(|| tld.to_ascii_lowercase())
}

/// The encoding declared by the first `<meta charset>` or `<meta
/// http-equiv="Content-Type" content="...; charset=...">` of the page.
/// Only `<meta>` declares the page's charset: a `<script charset>` names its
/// script's (web archives put their own UTF-8 scripts before a page's
/// `<meta charset=gb2312>`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(CHARSET_SCAN_BYTES)];
    let mut from = 0;
    while let Some(at) = find_ascii_ci(&head[from..], b"<meta") {
        let tag = &head[from + at..];
        let tag = &tag[..tag.iter().position(|&b| b == b'>').unwrap_or(tag.len())];
        if let Some(c) = find_ascii_ci(tag, b"charset=") {
            return charset_label(&tag[c + b"charset=".len()..]);
        }
        from += at + tag.len();
    }
    None
}

/// The start of the first ASCII-case-insensitive occurrence of `needle`.
fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// The encoding whose label starts `rest` (after `charset=`, quotes and
/// spaces skipped).
fn charset_label(rest: &[u8]) -> Option<&'static Encoding> {
    let rest = rest
        .iter()
        .position(|b| !matches!(b, b'"' | b'\'' | b' '))
        .map_or(&rest[..0], |s| &rest[s..]);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets() {
        assert_eq!(decode_html_bytes(b"\xef\xbb\xbfhi"), "hi");
        let declared = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\x93q\x94";
        assert!(decode_html_bytes(declared).ends_with("\u{201c}q\u{201d}"));
        // Latin-1 bytes in UTF-8, or an undeclared Latin-1 page.
        assert_eq!(
            decode_html_bytes(b"<meta charset=utf-8>\xc3\xbc and K\xfcchen"),
            "<meta charset=utf-8>\u{fc} and K\u{fc}chen"
        );
        assert_eq!(
            decode_html_bytes(b"Gr\xfc\xdfe \x93q\x94"),
            "Gr\u{fc}\u{df}e \u{201c}q\u{201d}"
        );
        // A script's charset is its own, not the page's.
        let archived = b"<script src=\"a.js\" charset=\"utf-8\"></script>\
            <META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gb2312\"><p>\xd6\xd0</p>";
        assert!(decode_html_bytes(archived).contains("<p>\u{4e2d}</p>"));
        // A declaration after long scripts still counts.
        let late = [
            b"<script>".as_slice(),
            &[b'x'; 20_000],
            b"</script><meta charset=latin1>\xe9",
        ]
        .concat();
        assert!(decode_html_bytes(&late).ends_with('\u{e9}'));
        assert_eq!(
            decode_html_bytes("<meta charset=latin1>é".as_bytes()),
            "<meta charset=latin1>é"
        );
    }

    /// Shift_JIS for "東京の天気は晴れです。", KOI8-R for "Москва сегодня".
    const SJIS: &[u8] =
        b"\x93\x8c\x8b\x9e\x82\xcc\x93\x56\x8b\x43\x82\xcd\x90\xb0\x82\xea\x82\xc5\x82\xb7\x81\x42";
    const KOI8: &[u8] = b"\xed\xcf\xd3\xcb\xd7\xc1 \xd3\xc5\xc7\xcf\xc4\xce\xd1";

    #[test]
    fn the_servers_charset_comes_before_the_pages() {
        let page = [b"<meta charset=windows-1252><p>".as_slice(), SJIS].concat();
        let d = decode_page(&page, Some("text/html; Charset=\"Shift_JIS\""), None);
        assert_eq!(d.basis, Basis::Served);
        assert!(d.text.contains("東京の天気は晴れです。"), "{}", d.text);
        // Valid UTF-8 still wins over a server's default Latin-1 label.
        let d = decode_page(
            "<p>Grüße".as_bytes(),
            Some("text/html; charset=iso-8859-1"),
            None,
        );
        assert_eq!((d.text.as_str(), d.basis), ("<p>Grüße", Basis::Utf8));
        // A label no encoding answers to is ignored.
        let d = decode_page(b"<p>\xe9t\xe9", Some("text/html; charset=x-unknown"), None);
        assert_eq!(d.text, "<p>été");
    }

    #[test]
    fn a_meta_charset_the_bytes_are_not_valid_in_is_passed_over() {
        // windows-1251 under a Shift_JIS label: "я" (0xff) is no Shift_JIS byte.
        let cp1251 =
            b"\xd1\xf2\xe0\xf0\xe0\xff \xec\xe5\xeb\xfc\xed\xe8\xf6\xe0 \xed\xe0 \xf0\xe5\xea\xe5";
        let page = [b"<meta charset=shift_jis><p>".as_slice(), cp1251].concat();
        let d = decode_page(&page, None, None);
        assert_eq!(d.basis, Basis::Guessed);
        assert!(d.text.contains("Старая мельница на реке"), "{}", d.text);
    }

    #[test]
    fn an_unlabelled_legacy_page_is_guessed() {
        let page = [b"<html><body><p>".as_slice(), SJIS, b"</p></body></html>"].concat();
        let d = decode_page(&page, None, Some("https://news.example.jp/a"));
        assert_eq!(
            (d.encoding, d.basis),
            (encoding_rs::SHIFT_JIS, Basis::Guessed)
        );
        assert!(d.text.contains("東京の天気は晴れです。"));
        // chardetng names KOI8-U, which reads Russian as KOI8-R does.
        let d = decode_text(KOI8);
        assert_eq!(
            (d.text.as_str(), d.basis),
            ("Москва сегодня", Basis::Guessed)
        );
    }

    #[test]
    fn stray_bytes_in_utf8_stay_utf8() {
        let d = decode_text(
            "Zürich und M\u{fc}nchen: K"
                .bytes()
                .chain(*b"\xfcche")
                .collect::<Vec<_>>()
                .as_slice(),
        );
        assert_eq!(d.text, "Zürich und München: Küche");
        assert_eq!(d.basis, Basis::MostlyUtf8 { stray_bytes: 1 });
    }

    #[test]
    fn text_files_by_bom() {
        assert!(is_utf16(b"\xfe\xff\x00H"));
        assert!(!is_utf16(b"\xef\xbb\xbfH"));
        assert_eq!(decode_text(b"\xfe\xff\x00H\x00i").text, "Hi");
        assert_eq!(decode_text(b"\xef\xbb\xbfHi").basis, Basis::Bom);
        assert_eq!(
            top_level_domain("https://Www.Example.CO.JP./x").as_deref(),
            Some("jp")
        );
        assert_eq!(top_level_domain("http://127.0.0.1:8080/"), None);
    }
}
