//! Web inputs through `read_inputs`: HTML pages (a Latin-1 one among them),
//! `html` fields of JSON lines, feeds and gzipped WARC archives.

use std::io::Write;
use std::path::PathBuf;

use flate2::Compression;
use flate2::write::GzEncoder;
use storyline_ingest::{IngestOptions, read_inputs};

const BODY: &str = "<p>The old mill on the river reopened on Monday after two years of repairs, \
    its owners said, and forty people went back to work there this week.</p>\
    <p>The town council paid for half of the new roof and the rest came from a regional fund \
    for old industrial buildings, a spokesman for the council said.</p>";

fn page(title: &str, date: &str) -> String {
    format!(
        "<html><head><title>{title} | Valley Post</title>\
         <meta property=\"og:site_name\" content=\"Valley Post\">\
         <meta property=\"article:published_time\" content=\"{date}\"></head>\
         <body><nav>Home Sport Weather</nav><article><h1>{title}</h1>{BODY}</article>\
         <footer>Imprint</footer></body></html>"
    )
}

fn warc_record(kind: &str, uri: &str, payload: &str) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{}>\r\nWARC-Date: 2024-03-22T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        payload.len()
    )
    .into_bytes();
    out.extend_from_slice(payload.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn show(paths: &[PathBuf]) -> String {
    let got = read_inputs(paths, &IngestOptions::default());
    let mut s = String::new();
    for a in &got.articles {
        s += &format!(
            "{} title={:?} source={:?} published={:?} url={:?}\n  {}\n",
            a.id,
            a.title,
            a.source,
            a.published.map(|t| t.time.to_rfc3339()),
            a.url,
            a.text.lines().next().unwrap_or_default()
        );
    }
    for d in &got.diagnostics {
        s += &format!("! {d}\n");
    }
    s
}

#[test]
fn pages_jsonl_feeds_and_warc() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    std::fs::write(
        p.join("mill.html"),
        page("Mill reopens", "2024-03-22T10:15:00+01:00"),
    )
    .expect("write");
    // Latin-1 bytes, declared: "Grüße" must survive.
    let mut latin = b"<html><head><meta charset=\"iso-8859-1\"><title>Gr\xfc\xdfe</title></head><body><article><p>".to_vec();
    latin.extend_from_slice(&b"Viele Gr\xfc\xdfe aus dem Tal, wo die alte M\xfchle wieder l\xe4uft und vierzig Leute Arbeit haben. ".repeat(3));
    latin.extend_from_slice(b"</p></article></body></html>");
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(&latin).expect("gzip");
    std::fs::write(p.join("gruss.htm.gz"), gz.finish().expect("gzip")).expect("write");
    let record = serde_json::json!({"id": "j1", "html": page("Flood warning", "2024-03-20"), "url": "https://valley.example/flood"});
    std::fs::write(p.join("pages.jsonl"), format!("{record}\n")).expect("write");
    std::fs::write(
        p.join("news.rss"),
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Valley Post</title>\
         <item><title>Bridge</title><guid>b-1</guid><link>https://valley.example/bridge</link>\
         <pubDate>Thu, 21 Mar 2024 08:00:00 +0000</pubDate><description>The bridge is shut.</description></item>\
         <item><title>Empty</title><guid>e-1</guid></item></channel></rss>",
    )
    .expect("write");
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{}",
        page("Roof repaired", "2024-03-23")
    );
    let mut warc = warc_record("warcinfo", "", "software: test");
    warc.extend(warc_record(
        "request",
        "https://valley.example/roof",
        "GET /roof HTTP/1.1\r\n\r\n",
    ));
    warc.extend(warc_record(
        "response",
        "https://valley.example/roof",
        &http,
    ));
    warc.extend(warc_record(
        "response",
        "https://valley.example/logo.png",
        "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG",
    ));
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(&warc).expect("gzip");
    std::fs::write(p.join("crawl.warc.gz"), gz.finish().expect("gzip")).expect("write");
    let shown = show(&[p.to_owned()]).replace(&p.display().to_string(), "DIR");
    expect_test::expect![[r#"
        urn:uuid:27 title=Some("Roof repaired") source=Some("Valley Post") published=Some("2024-03-23T00:00:00+00:00") url=Some("https://valley.example/roof")
          Roof repaired
        gruss title=Some("Grüße") source=None published=None url=None
          Viele Grüße aus dem Tal, wo die alte Mühle wieder läuft und vierzig Leute Arbeit haben. Viele Grüße aus dem Tal, wo die alte Mühle wieder läuft und vierzig Leute Arbeit haben. Viele Grüße aus dem Tal, wo die alte Mühle wieder läuft und vierzig Leute Arbeit haben.
        mill title=Some("Mill reopens") source=Some("Valley Post") published=Some("2024-03-22T10:15:00+01:00") url=None
          Mill reopens
        b-1 title=Some("Bridge") source=Some("Valley Post") published=Some("2024-03-21T08:00:00+00:00") url=Some("https://valley.example/bridge")
          The bridge is shut.
        j1 title=Some("Flood warning") source=Some("Valley Post") published=Some("2024-03-20T00:00:00+00:00") url=Some("https://valley.example/flood")
          Flood warning
        ! warning: DIR/news.rss record 2 (article e-1): feed entry has no text, skipped; fetch its page with `storyline fetch`
    "#]]
    .assert_eq(&shown);
}

#[test]
fn truncated_warc_keeps_what_came_before() {
    let dir = tempfile::tempdir().expect("temp dir");
    let http = format!(
        "HTTP/1.1 200 OK\r\n\r\n{}",
        page("Roof repaired", "2024-03-23")
    );
    let mut warc = warc_record("response", "https://valley.example/roof", &http);
    let second = warc_record("response", "https://valley.example/b", &http);
    warc.extend_from_slice(&second[..second.len() / 2]);
    let path = dir.path().join("cut.warc");
    std::fs::write(&path, warc).expect("write");
    let shown = show(&[path]).replace(&dir.path().display().to_string(), "DIR");
    assert!(
        shown.starts_with("urn:uuid:27 title=Some(\"Roof repaired\")"),
        "{shown}"
    );
    assert!(
        shown.contains("DIR/cut.warc record 2: cannot read the record"),
        "{shown}"
    );
}

#[test]
fn what_a_page_or_record_says_of_itself_is_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let html = page("Mill reopens", "2024-03-22T10:15:00+01:00").replace(
        "</head>",
        "<meta name=\"author\" content=\"Ada Quill\">\
         <meta property=\"article:modified_time\" content=\"2024-03-23T08:00:00Z\"></head>",
    );
    let records = [
        serde_json::json!({"id": "page", "html": html, "language": "cy"}),
        serde_json::json!({"id": "text", "text": BODY.replace("<p>", "").replace("</p>", "\n\n"),
            "authors": ["Ada Quill", " ", "Ben Ro"], "modified": "2024-03-21", "description": "Mill news"}),
        serde_json::json!({"id": "bare", "text": "A line of text.", "authors": 7}),
    ];
    let lines: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    std::fs::write(dir.path().join("r.jsonl"), lines.join("\n")).expect("write");
    let got = read_inputs(&[dir.path().to_owned()], &IngestOptions::default());
    let shown: Vec<String> = got
        .articles
        .iter()
        .map(|a| {
            format!(
                "{} {:?} {:?} {:?} {:?}",
                a.id,
                a.meta.modified.map(|t| t.written()),
                a.meta.authors,
                a.meta.language,
                a.meta.description
            )
        })
        .collect();
    // The record's own word wins over its page's; a value that does not
    // read (authors: 7) is dropped.
    assert_eq!(
        shown,
        [
            r#"page Some("2024-03-23T08:00:00+00:00") ["Ada Quill"] Some("cy") None"#,
            r#"text Some("2024-03-21") ["Ada Quill", "Ben Ro"] None Some("Mill news")"#,
            "bare None [] None None",
        ]
    );
}

#[test]
fn news_please_records_read_as_they_are() {
    let dir = tempfile::tempdir().expect("temp dir");
    let record = serde_json::json!({
        "title": "Mill reopens", "maintext": "The old mill on the river reopened on Monday.",
        "source_domain": "valley.example", "url": "https://valley.example/mill",
        "date_publish": "2024-03-22 10:15:00", "date_modify": "2024-03-23 08:00:00",
        "authors": ["Ada Quill"], "language": "en", "description": null, "image_url": null,
    });
    std::fs::write(dir.path().join("np.jsonl"), format!("{record}\n")).expect("write");
    let got = read_inputs(&[dir.path().to_owned()], &IngestOptions::default());
    assert!(got.diagnostics.is_empty(), "{:?}", got.diagnostics);
    let a = &got.articles[0];
    assert_eq!(
        format!(
            "{} | {:?} | {:?} | {:?} | {:?} | {:?}",
            a.text,
            a.source,
            a.published.map(|t| t.written()),
            a.meta.modified.map(|t| t.written()),
            a.meta.authors,
            a.meta.language
        ),
        r#"The old mill on the river reopened on Monday. | Some("valley.example") | Some("2024-03-22T10:15:00+00:00") | Some("2024-03-23T08:00:00+00:00") | ["Ada Quill"] | Some("en")"#
    );
}
