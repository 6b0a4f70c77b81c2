//! Fuzzing of the web readers: HTML pages, feeds and WARC archives get
//! generated hostile input (broken and deeply nested markup, random bytes,
//! truncated records) and must neither panic nor hang. The `#[ignore]`d
//! tests run for a fixed time from `scripts/fuzz-web.sh`; the quick ones run
//! a few hundred cases with the ordinary test suite.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use storyline_ingest::feed::{parse_feed, parse_opml};
use storyline_ingest::page::extract_page_bytes;
use storyline_ingest::{IngestOptions, read_inputs};

/// The longest one case may take before it counts as a hang.
const CASE_LIMIT: Duration = Duration::from_secs(10);

fn markup() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"<div>".to_vec()),
        Just(b"</div>".to_vec()),
        Just(b"<p>".to_vec()),
        Just(b"<table><tr><td>".to_vec()),
        Just(b"<script>var a='<p>';".to_vec()),
        Just(b"<meta charset=\"shift_jis\">".to_vec()),
        Just(b"<meta property=\"article:published_time\" content=\"2024-02-30T99:99\">".to_vec()),
        Just(b"<script type=\"application/ld+json\">{\"datePublished\":[{\"@graph\":".to_vec()),
        Just(b"<time datetime=\"".to_vec()),
        Just(b"<!--".to_vec()),
        Just(b"&#x110000;&amp".to_vec()),
        "[a-zA-Z .,]{0,40}".prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..16),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

/// Nesting far deeper than any real page.
fn deep(depth: usize, tag: &str) -> Vec<u8> {
    let mut s = format!("<{tag}>").repeat(depth);
    s.push_str("text");
    s.push_str(&format!("</{tag}>").repeat(depth / 2));
    s.into_bytes()
}

fn feedish() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"<?xml version=\"1.0\"?>".to_vec()),
        Just(b"<rss version=\"2.0\"><channel>".to_vec()),
        Just(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">".to_vec()),
        Just(b"<item><title>".to_vec()),
        Just(b"<entry><content type=\"html\">&lt;p&gt;".to_vec()),
        Just(b"<pubDate>Mon, 32 Foo 2024</pubDate>".to_vec()),
        Just(b"<opml><body><outline xmlUrl=\"".to_vec()),
        Just(b"{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[".to_vec()),
        "[a-z<>/\"= ]{0,30}".prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..16),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn warcish() -> impl Strategy<Value = Vec<u8>> {
    (markup(), 0usize..400, any::<bool>(), 0u64..5000).prop_map(|(body, cut, http, claimed)| {
        let payload = if http {
            [b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec(), body].concat()
        } else {
            body
        };
        let len = if claimed % 3 == 0 { claimed } else { payload.len() as u64 };
        let mut rec = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:x>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: http://a.example/\r\nContent-Length: {len}\r\n\r\n"
        )
        .into_bytes();
        rec.extend_from_slice(&payload);
        rec.extend_from_slice(b"\r\n\r\n");
        let keep = rec.len().saturating_sub(cut);
        rec.truncate(keep);
        rec
    })
}

fn read_warc_bytes(bytes: &[u8]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path: PathBuf = dir.path().join("f.warc");
    std::fs::write(&path, bytes).expect("write");
    let opts = IngestOptions::default().with_max_record_bytes(100_000);
    let _ = read_inputs(&[path], &opts);
}

fn timed(what: &str, f: impl FnOnce()) {
    let start = Instant::now();
    f();
    let took = start.elapsed();
    assert!(took < CASE_LIMIT, "{what} took {took:?}: a hang");
}

/// Runs `check` on values of `strategy` for `seconds`, or on 64 values
/// when no time is given. Generation is seeded from the clock in timed
/// runs (new inputs every run) and fixed otherwise (the quick tests are
/// reproducible); a failing input is printed.
fn fuzz<S: Strategy>(name: &str, strategy: S, check: impl Fn(S::Value), seconds: Option<u64>)
where
    S::Value: std::fmt::Debug + Clone,
{
    use proptest::strategy::ValueTree;
    let deadline = seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let mut runner = match seconds {
        Some(_) => TestRunner::new(Config::default()),
        None => TestRunner::deterministic(),
    };
    let mut n = 0u64;
    loop {
        match deadline {
            Some(d) if Instant::now() >= d => break,
            None if n >= 64 => break,
            _ => {}
        }
        let value = strategy
            .new_tree(&mut runner)
            .expect("a value can be generated")
            .current();
        let shown = value.clone();
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(value))).is_err() {
            let text = format!("{shown:?}");
            panic!("{name}: failed on input {}", &text[..text.len().min(4000)]);
        }
        n += 1;
    }
    if seconds.is_some() {
        println!("{name}: {n} cases, no panic, no hang");
    }
}

fn seconds() -> Option<u64> {
    Some(
        std::env::var("FUZZ_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(60),
    )
}

fn html_case(bytes: Vec<u8>) {
    timed("html", || {
        let _ = extract_page_bytes(&bytes, Some("http://a.example/2024/01/02/x"));
    });
}

fn feed_case(bytes: Vec<u8>) {
    timed("feed", || {
        let _ = parse_feed(&bytes[..], None);
        let _ = parse_opml(&bytes);
    });
}

fn warc_case(bytes: Vec<u8>) {
    timed("warc", || read_warc_bytes(&bytes));
}

#[test]
fn quick_html() {
    fuzz("html", markup(), html_case, None);
}

#[test]
fn quick_feed_and_warc() {
    fuzz("feed", feedish(), feed_case, None);
    fuzz("warc", warcish(), warc_case, None);
}

#[test]
fn deep_nesting_and_huge_pages() {
    for tag in ["div", "span", "table", "b", "li"] {
        html_case(deep(20_000, tag));
    }
    // A page over the size limit is read in part, not refused or held whole.
    let huge = [b"<p>".to_vec(), b"word ".repeat(2_000_000)].concat();
    html_case(huge);
}

#[test]
#[ignore = "runs for FUZZ_SECONDS from scripts/fuzz-web.sh"]
fn timed_html() {
    fuzz("html", markup(), html_case, seconds());
}

#[test]
#[ignore = "runs for FUZZ_SECONDS from scripts/fuzz-web.sh"]
fn timed_feed() {
    fuzz("feed", feedish(), feed_case, seconds());
}

#[test]
#[ignore = "runs for FUZZ_SECONDS from scripts/fuzz-web.sh"]
fn timed_warc() {
    fuzz("warc", warcish(), warc_case, seconds());
}
