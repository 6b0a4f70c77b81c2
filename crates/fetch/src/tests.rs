//! Tests against a small HTTP server on loopback: robots.txt, conditional
//! requests, retries, size limits, feeds with teasers and OPML lists.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::*;

/// Requests seen by the server: path and the `If-None-Match` sent.
type Log = Arc<Mutex<Vec<(String, Option<String>)>>>;

const ARTICLE: &str = "<html><head><title>Mill reopens | Valley Post</title>\
    <meta property=\"og:site_name\" content=\"Valley Post\">\
    <meta property=\"article:published_time\" content=\"2024-03-22T10:15:00+01:00\"></head>\
    <body><nav><a href=/>Home</a> <a href=/sport>Sport</a></nav><article><h1>Mill reopens</h1>\
    <p>The old mill on the river reopened on Monday after two years of repairs, its owners \
    said, and forty people went back to work there this week.</p>\
    <p>The town council paid for half of the new roof and the rest came from a regional fund \
    for old industrial buildings, a spokesman for the council said on Tuesday.</p>\
    </article><footer>Imprint</footer></body></html>";

/// [`ARTICLE`] with a Russian paragraph in windows-1251 and a wrong
/// `<meta charset>`: only the server's `Content-Type` names its charset.
fn cyrillic_page() -> Vec<u8> {
    let russian = b"<p>\xd1\xf2\xe0\xf0\xe0\xff \xec\xe5\xeb\xfc\xed\xe8\xf6\xe0 \xed\xe0 \
        \xf0\xe5\xea\xe5 \xf1\xed\xee\xe2\xe0 \xee\xf2\xea\xf0\xfb\xeb\xe0\xf1\xfc \xe2 \
        \xef\xee\xed\xe5\xe4\xe5\xeb\xfc\xed\xe8\xea.</p>";
    let (before, after) = ARTICLE
        .split_once("</article>")
        .expect("an article element");
    let before = before.replace("<head>", "<head><meta charset=windows-1252>");
    [before.as_bytes(), russian, b"</article>", after.as_bytes()].concat()
}

/// A feed in windows-1251 whose XML declaration names no encoding: only the
/// server's `Content-Type` does.
fn cyrillic_feed() -> Vec<u8> {
    let title = b"\xcc\xe5\xeb\xfc\xed\xe8\xf6\xe0 \xee\xf2\xea\xf0\xfb\xeb\xe0\xf1\xfc";
    [
        &b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Valley</title>\
           <item><guid>m-1</guid><title>"[..],
        title,
        b"</title><description>",
        long_text().as_bytes(),
        b"</description></item></channel></rss>",
    ]
    .concat()
}

fn long_text() -> String {
    "The flood reached the lower town before dawn and the river kept rising all morning. "
        .repeat(12)
}

fn feed() -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Valley Post: Top stories</title>\
         <link>http://valley.example/</link>\
         <item><title>Flood</title><guid>flood-1</guid><link>/flood</link>\
         <pubDate>Wed, 20 Mar 2024 06:00:00 +0000</pubDate>\
         <description>{}</description></item>\
         <item><title>Mill reopens</title><guid>mill-1</guid><link>/page.html</link>\
         <description>The mill reopens.</description></item>\
         <item><title>Secret</title><guid>s-1</guid><link>/private/s</link>\
         <description>A teaser.</description></item></channel></rss>",
        long_text()
    )
}

/// Serves a fixed site on 127.0.0.1 for at most `max` connections.
fn serve(max: usize) -> (String, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let log: Log = Arc::default();
    let seen = Arc::clone(&log);
    let flaky: Arc<Mutex<HashMap<String, u32>>> = Arc::default();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(max) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let mut inm = None;
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':')
                    && k.eq_ignore_ascii_case("if-none-match")
                {
                    inm = Some(v.trim().to_owned());
                }
            }
            seen.lock().expect("log").push((path.clone(), inm.clone()));
            let (status, ctype, body, extra): (&str, &str, String, &str) = match path.as_str() {
                "/robots.txt" => (
                    "200 OK",
                    "text/plain",
                    "User-agent: *\nDisallow: /private\n".to_owned(),
                    "",
                ),
                "/page.html" if inm.as_deref() == Some("\"v1\"") => (
                    "304 Not Modified",
                    "text/html",
                    String::new(),
                    "ETag: \"v1\"\r\n",
                ),
                "/page.html" | "/flood" => (
                    "200 OK",
                    "text/html; charset=utf-8",
                    ARTICLE.to_owned(),
                    "ETag: \"v1\"\r\n",
                ),
                "/flaky" => {
                    let mut f = flaky.lock().expect("flaky");
                    let n = f.entry(path.clone()).or_insert(0);
                    *n += 1;
                    if *n == 1 {
                        (
                            "503 Service Unavailable",
                            "text/plain",
                            "busy".to_owned(),
                            "Retry-After: 0\r\n",
                        )
                    } else {
                        ("200 OK", "text/html", ARTICLE.to_owned(), "")
                    }
                }
                "/big" => ("200 OK", "text/html", "x".repeat(5000), ""),
                "/cyrillic.html" => (
                    "200 OK",
                    "text/html; charset=windows-1251",
                    String::new(),
                    "",
                ),
                "/feed.xml" => ("200 OK", "application/rss+xml", feed(), ""),
                "/cyrillic.xml" => (
                    "200 OK",
                    "application/rss+xml; charset=windows-1251",
                    String::new(),
                    "",
                ),
                "/list.opml" => (
                    "200 OK",
                    "text/x-opml",
                    "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>\
                     <outline text=\"Valley\" xmlUrl=\"/feed.xml\"/></body></opml>"
                        .to_owned(),
                    "",
                ),
                _ => ("404 Not Found", "text/plain", "no".to_owned(), ""),
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n",
                body.len()
            );
            let body = match path.as_str() {
                "/cyrillic.html" => cyrillic_page(),
                "/cyrillic.xml" => cyrillic_feed(),
                _ => body.into_bytes(),
            };
            let head = head.replace(
                "Content-Length: 0\r\n",
                &format!("Content-Length: {}\r\n", body.len()),
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    (base, log)
}

fn fetcher(cache: Option<PathBuf>) -> Fetcher {
    let cfg = FetchConfig {
        host_interval: Duration::ZERO,
        backoff: Duration::from_millis(10),
        max_bytes: 4096,
        cache_dir: cache,
        ..FetchConfig::default()
    };
    Fetcher::new(cfg).expect("client")
}

#[test]
fn page_robots_and_conditional_requests() {
    let (base, log) = serve(50);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut f = fetcher(Some(dir.path().to_owned()));
    let first = f.fetch(&format!("{base}/page.html")).expect("page");
    assert!(!first.from_cache);
    let again = f.fetch(&format!("{base}/page.html")).expect("page again");
    assert!(again.from_cache, "a 304 serves the cached body");
    assert_eq!(again.body, first.body);
    let err = f
        .fetch(&format!("{base}/private/x"))
        .expect_err("disallowed");
    assert!(matches!(err, FetchError::Disallowed { .. }), "{err}");
    let err = f.fetch(&format!("{base}/big")).expect_err("too big");
    assert!(matches!(err, FetchError::TooLarge { .. }), "{err}");
    let err = f.fetch(&format!("{base}/missing")).expect_err("404");
    assert!(
        matches!(err, FetchError::Status { status: 404, .. }),
        "{err}"
    );
    let err = f.fetch("ftp://example.invalid/x").expect_err("scheme");
    assert!(matches!(err, FetchError::BadUrl { .. }), "{err}");
    let log = log.lock().expect("log").clone();
    let robots = log.iter().filter(|(p, _)| p == "/robots.txt").count();
    assert_eq!(robots, 1, "robots.txt is fetched once per host: {log:?}");
    assert!(!log.iter().any(|(p, _)| p.starts_with("/private")));
    assert_eq!(
        log.iter()
            .filter(|(p, _)| p == "/page.html")
            .map(|(_, inm)| inm.clone())
            .collect::<Vec<_>>(),
        [None, Some("\"v1\"".to_owned())]
    );
}

#[test]
fn the_servers_charset_decodes_the_page() {
    let (base, _) = serve(5);
    let mut f = fetcher(None);
    let fetched = f.fetch(&format!("{base}/cyrillic.html")).expect("page");
    let article = page_article(&fetched).expect("an article");
    assert!(
        article
            .text
            .contains("Старая мельница на реке снова открылась в понедельник."),
        "{}",
        article.text
    );
}

#[test]
fn the_servers_charset_decodes_a_feed_that_declares_none() {
    let (base, _) = serve(5);
    let mut f = fetcher(None);
    let (articles, diagnostics) = f.articles(&format!("{base}/cyrillic.xml"));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].title.as_deref(), Some("Мельница открылась"));
}

#[test]
fn a_local_list_names_feeds_by_address() {
    // A list read from a file has no address of its own: its feeds are
    // fetched by the addresses it gives.
    let (base, _) = serve(20);
    let mut f = fetcher(None);
    let list = format!(
        "<opml version=\"2.0\"><body><outline text=\"Valley\" xmlUrl=\"{base}/feed.xml\"/>\
         <outline text=\"Gone\" xmlUrl=\"{base}/gone.xml\"/></body></opml>"
    );
    let (articles, diagnostics) = f.list_articles("feeds.opml", list.as_bytes(), None);
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["flood-1", "mill-1", "s-1"]);
    let shown: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        shown
            .iter()
            .any(|d| d.contains("/gone.xml") && d.contains("404")),
        "{shown:?}"
    );
}

#[test]
fn a_network_error_says_why() {
    // A port nobody listens on: the connection is refused, and the message
    // says so rather than only naming the request.
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind loopback")
        .local_addr()
        .expect("address")
        .port();
    let cfg = FetchConfig {
        retries: 0,
        ..FetchConfig::default()
    };
    let mut f = Fetcher::new(cfg).expect("client");
    let (articles, diagnostics) = f.articles(&format!("http://127.0.0.1:{port}/page.html"));
    assert!(articles.is_empty());
    let shown = diagnostics[0].to_string();
    assert!(shown.contains("connect"), "{shown}");
}

#[test]
fn retries_then_succeeds() {
    let (base, log) = serve(20);
    let mut f = fetcher(None);
    let page = f.fetch(&format!("{base}/flaky")).expect("second attempt");
    assert!(String::from_utf8_lossy(&page.body).contains("Mill reopens"));
    let hits = log
        .lock()
        .expect("log")
        .iter()
        .filter(|(p, _)| p == "/flaky")
        .count();
    assert_eq!(hits, 2);
}

#[test]
fn host_interval_is_kept() {
    let (base, _log) = serve(20);
    let cfg = FetchConfig {
        host_interval: Duration::from_millis(150),
        ..FetchConfig::default()
    };
    let mut f = Fetcher::new(cfg).expect("client");
    let start = Instant::now();
    f.fetch(&format!("{base}/page.html")).expect("page");
    f.fetch(&format!("{base}/flood")).expect("page");
    // robots.txt, then two pages: at least two intervals between them.
    assert!(start.elapsed() >= Duration::from_millis(300));
}

#[test]
fn feeds_and_opml_become_articles() {
    let (base, log) = serve(50);
    let mut f = fetcher(None);
    let (articles, diagnostics) = f.articles(&format!("{base}/list.opml"));
    let shown: Vec<String> = articles
        .iter()
        .map(|a| {
            format!(
                "{} {:?} {:?} {:?} words={}",
                a.id,
                a.title,
                a.source,
                a.published.map(|t| t.time.to_rfc3339()),
                a.text.split_whitespace().count()
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            // A full entry is of the feed's title; a followed teaser of
            // the outlet its page names.
            "flood-1 Some(\"Flood\") Some(\"Valley Post: Top stories\") Some(\"2024-03-20T06:00:00+00:00\") words=180",
            "mill-1 Some(\"Mill reopens\") Some(\"Valley Post\") Some(\"2024-03-22T10:15:00+01:00\") words=59",
            "s-1 Some(\"Secret\") Some(\"Valley Post: Top stories\") None words=2",
        ]
    );
    assert!(articles[1].text.contains("forty people went back"));
    assert!(!articles[1].text.contains("Sport"));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    // Which feed and entry, then which page and why.
    let warning = diagnostics[0].to_string();
    assert!(
        warning.contains("/feed.xml")
            && warning.contains("s-1")
            && warning.contains("/private/s")
            && warning.contains("robots.txt"),
        "{warning}"
    );
    let log = log.lock().expect("log").clone();
    assert!(
        !log.iter().any(|(p, _)| p == "/flood"),
        "a full entry is not fetched again"
    );
    let (page, _) = f.articles(&format!("{base}/page.html"));
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].title.as_deref(), Some("Mill reopens"));
}
