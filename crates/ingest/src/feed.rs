//! Feeds as input: RSS 0.9x, 1.0 and 2.0, Atom and JSON Feed (parsed by
//! `feed-rs`), and OPML lists of feeds (read with `quick-xml`, which
//! feed-rs already brings).
//!
//! Each entry becomes a [`FeedEntry`]: its link, title, dates, authors and
//! its text, extracted from the entry's HTML content (or summary) the same
//! way as a page. An entry whose text is only a teaser is marked
//! [`FeedEntry::is_teaser`]: the fetcher then reads the linked page for the
//! full article.

use std::io::Read;

use storyline_core::{ArticleId, Location, Meta, RawArticle, Timestamp};

use crate::html::html_to_text;

/// An entry with fewer words than this in its content is a teaser: the
/// article itself is on the linked page.
pub const TEASER_WORDS: usize = 120;

/// Why a feed or an OPML list could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FeedError {
    /// The bytes are not a feed in any format feed-rs knows.
    #[error("not a readable rss, atom or json feed ({0})")]
    Feed(String),
    /// The bytes are not a well-formed OPML document.
    #[error("not a readable opml list ({0})")]
    Opml(String),
}

/// A feed, read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Feed {
    /// The feed's title (usually the outlet's name).
    pub title: Option<String>,
    /// The site the feed belongs to.
    pub site_url: Option<String>,
    /// The entries, in feed order.
    pub entries: Vec<FeedEntry>,
}

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct FeedEntry {
    /// The entry's id (its guid), else its link.
    pub id: String,
    /// The article's address.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// When it was published (feeds give an instant; it is kept in UTC).
    pub published: Option<Timestamp>,
    /// When it was last updated.
    pub updated: Option<Timestamp>,
    /// The authors' names.
    pub authors: Vec<String>,
    /// The outlet the entry says it comes from (RSS `<source>`, Atom
    /// `<source><title>`): an aggregator's feed names each entry's own
    /// outlet there.
    pub source: Option<String>,
    /// The text of the entry's content, else of its summary: one paragraph
    /// per line.
    pub text: String,
    /// Whether `text` is too short to be the article (a summary or teaser).
    pub is_teaser: bool,
}

impl FeedEntry {
    /// The entry as an article, with its text; `None` when it has no text
    /// at all. Its source is the outlet the entry names, else `feed_title`.
    /// `origin` says where the feed was read from.
    pub fn to_article(&self, feed_title: Option<&str>, origin: &Location) -> Option<RawArticle> {
        if self.text.trim().is_empty() {
            return None;
        }
        let source = self.source.as_deref().or(feed_title);
        let id = if self.id.trim().is_empty() {
            ArticleId::from_content(source, &self.text)
        } else {
            ArticleId(self.id.trim().to_owned())
        };
        Some(RawArticle {
            id,
            origin: origin.clone(),
            url: self.url.clone(),
            source: source.map(str::to_owned),
            published: self.published.or(self.updated),
            title: self.title.clone(),
            text: self.text.clone(),
            meta: Meta {
                authors: self.authors.clone(),
                ..Meta::default()
            },
        })
    }
}

/// Parses an RSS, Atom or JSON feed. `base` is the feed's own address, used
/// to resolve relative links.
///
/// ```
/// use storyline_ingest::feed::parse_feed;
/// let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Post</title>
///   <item><title>Mill reopens</title><link>https://valley.example/mill</link>
///   <guid>mill-1</guid><pubDate>Fri, 22 Mar 2024 10:15:00 +0100</pubDate>
///   <description>&lt;p&gt;The mill reopened.&lt;/p&gt;</description></item></channel></rss>"#;
/// let feed = parse_feed(&rss[..], None).unwrap();
/// assert_eq!(feed.title.as_deref(), Some("Valley Post"));
/// let e = &feed.entries[0];
/// assert_eq!(e.url.as_deref(), Some("https://valley.example/mill"));
/// assert_eq!(e.text, "The mill reopened.");
/// assert!(e.is_teaser);
/// ```
pub fn parse_feed(mut reader: impl Read, base: Option<&str>) -> Result<Feed, FeedError> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| FeedError::Feed(e.to_string()))?;
    let parser = feed_rs::parser::Builder::new().base_uri(base).build();
    let parsed = parser
        .parse(&bytes[..])
        .map_err(|e| FeedError::Feed(e.to_string()))?;
    let title = parsed
        .title
        .map(|t| collapse(&t.content))
        .filter(|t| !t.is_empty());
    let site_url = parsed
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.clone());
    let mut entries: Vec<FeedEntry> = parsed.entries.into_iter().map(entry).collect();
    // feed-rs does not read an entry's `<source>`; it is read here, and
    // given to the entries only when both reads count the same entries.
    let sources = entry_sources(&bytes);
    if sources.len() == entries.len() {
        for (e, source) in entries.iter_mut().zip(sources) {
            e.source = source;
        }
    }
    Ok(Feed {
        title,
        site_url,
        entries,
    })
}

fn entry(e: feed_rs::model::Entry) -> FeedEntry {
    let url = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| e.links.first())
        .map(|l| l.href.clone());
    let body = e
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .filter(|b| !b.trim().is_empty())
        .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
        .unwrap_or_default();
    // Feed bodies are HTML fragments (or plain text, which renders as
    // itself); the whole fragment is the entry, so it is rendered, not
    // run through main-text extraction.
    let text = html_to_text(&body).text;
    let words = text.split_whitespace().count();
    let stamp = |d: chrono::DateTime<chrono::Utc>| Timestamp {
        time: d.fixed_offset(),
        precision: storyline_core::Precision::Second,
    };
    FeedEntry {
        id: if e.id.trim().is_empty() {
            url.clone().unwrap_or_default()
        } else {
            e.id.clone()
        },
        url,
        title: e
            .title
            .map(|t| collapse(&html_to_text(&t.content).text))
            .filter(|t| !t.is_empty()),
        published: e.published.map(stamp),
        updated: e.updated.map(stamp),
        authors: e
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().map(collapse))
            .filter(|n| !n.is_empty())
            .collect(),
        source: None,
        text,
        is_teaser: words < TEASER_WORDS,
    }
}

/// The outlet each `<item>` or `<entry>` of an XML feed names in its
/// `<source>` (RSS: the element's text; Atom: its `<title>`), in document
/// order; empty for a JSON Feed or XML quick-xml cannot read through.
fn entry_sources(bytes: &[u8]) -> Vec<Option<String>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut out: Vec<Option<String>> = Vec::new();
    // Depth inside the current entry (0: outside any), and inside its
    // `<source>`: the depth of the source element and the text seen.
    let (mut entry_depth, mut source_depth) = (0usize, 0usize);
    let (mut direct, mut title, mut in_title) = (String::new(), String::new(), false);
    loop {
        let Ok(event) = reader.read_event_into(&mut buf) else {
            return Vec::new();
        };
        match event {
            Event::Start(ref el) => {
                let name = el.name();
                let local = name.local_name();
                let local = local.as_ref();
                if entry_depth == 0 {
                    if local == "item" || local == "entry" {
                        entry_depth = 1;
                        out.push(None);
                    }
                } else {
                    entry_depth += 1;
                    if source_depth == 0 && local == "source" {
                        source_depth = entry_depth;
                        direct.clear();
                        title.clear();
                    } else if source_depth != 0 && local == "title" {
                        in_title = true;
                    }
                }
            }
            Event::End(_) if entry_depth > 0 => {
                if source_depth == entry_depth {
                    source_depth = 0;
                    let name = collapse(if title.trim().is_empty() {
                        &direct
                    } else {
                        &title
                    });
                    if let Some(last) = out.last_mut()
                        && !name.is_empty()
                    {
                        *last = Some(name);
                    }
                }
                in_title = false;
                entry_depth -= 1;
            }
            Event::Text(ref t) if source_depth != 0 => {
                let text = t.xml_content(quick_xml::XmlVersion::Implicit1_0);
                if in_title { &mut title } else { &mut direct }.push_str(&text);
            }
            // `&amp;`, `&#8211;` and the HTML names feeds use.
            Event::GeneralRef(ref r) if source_depth != 0 => {
                let name = r.xml10_content();
                if let Ok(text) = quick_xml::escape::unescape(&format!("&{name};")) {
                    if in_title { &mut title } else { &mut direct }.push_str(&text);
                }
            }
            Event::CData(ref c) if source_depth != 0 => {
                let text: &str = c.as_ref();
                if in_title { &mut title } else { &mut direct }.push_str(text);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A feed named by an OPML list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRef {
    /// The feed's address (`xmlUrl`).
    pub url: String,
    /// Its title (`title`, else `text`).
    pub title: Option<String>,
}

/// The feeds of an OPML list: every `<outline>` with an `xmlUrl`, at any
/// depth, in document order.
///
/// ```
/// use storyline_ingest::feed::parse_opml;
/// let opml = br#"<opml version="2.0"><body><outline text="News">
///   <outline type="rss" text="Valley Post" xmlUrl="https://valley.example/feed"/>
/// </outline></body></opml>"#;
/// let feeds = parse_opml(&opml[..]).unwrap();
/// assert_eq!(feeds[0].url, "https://valley.example/feed");
/// assert_eq!(feeds[0].title.as_deref(), Some("Valley Post"));
/// ```
pub fn parse_opml(bytes: &[u8]) -> Result<Vec<FeedRef>, FeedError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut saw_opml = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| FeedError::Opml(e.to_string()))?;
        match event {
            Event::Start(ref el) | Event::Empty(ref el) => {
                let name = el.name();
                let local = name.local_name();
                if local.as_ref().eq_ignore_ascii_case("opml") {
                    saw_opml = true;
                }
                if !local.as_ref().eq_ignore_ascii_case("outline") {
                    buf.clear();
                    continue;
                }
                let (mut url, mut title, mut text) = (None, None, None);
                for attr in el.attributes().flatten() {
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| collapse(&v))
                        .unwrap_or_default();
                    match attr.key.local_name().as_ref() {
                        "xmlUrl" | "xmlurl" => url = Some(value),
                        "title" => title = Some(value),
                        "text" => text = Some(value),
                        _ => {}
                    }
                }
                if let Some(url) = url.filter(|u| !u.is_empty()) {
                    out.push(FeedRef {
                        url,
                        title: title.or(text).filter(|t| !t.is_empty()),
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_opml {
        return Err(FeedError::Opml("no <opml> element".to_owned()));
    }
    Ok(out)
}

/// Whether the first bytes of a document look like a feed rather than a
/// web page: an `<rss`, `<feed` or `<rdf:RDF` root, or a JSON Feed
/// `version`.
pub fn looks_like_feed(head: &[u8]) -> bool {
    let head = lower_head(head);
    let t = head.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') {
        return t.contains("jsonfeed.org/version");
    }
    let root = root_element(t);
    root.starts_with("<rss") || root.starts_with("<feed") || root.starts_with("<rdf:rdf")
}

/// Whether the first bytes of a document open an OPML list of feeds (its
/// root element is `<opml>`).
///
/// ```
/// use storyline_ingest::feed::looks_like_opml;
/// assert!(looks_like_opml(b"<?xml version=\"1.0\"?>\n<opml version=\"2.0\">"));
/// assert!(!looks_like_opml(b"<html><p>see our opml list</p>"));
/// ```
pub fn looks_like_opml(head: &[u8]) -> bool {
    let head = lower_head(head);
    root_element(head.trim_start_matches('\u{feff}').trim_start()).starts_with("<opml")
}

/// The first kilobyte of `head`, lower-cased.
fn lower_head(head: &[u8]) -> String {
    String::from_utf8_lossy(&head[..head.len().min(1024)]).to_ascii_lowercase()
}

/// `t` from its root element on: the XML declaration, processing
/// instructions, comments and a document type (RSS 0.91 declares
/// Netscape's DTD) skipped.
fn root_element(t: &str) -> &str {
    let mut rest = t;
    loop {
        let (r, close) = if let Some(r) = rest.strip_prefix("<!--") {
            (r, "-->")
        } else if let Some(r) = rest.strip_prefix("<?").or_else(|| rest.strip_prefix("<!")) {
            (r, ">")
        } else {
            break;
        };
        let end = r.find(close).map_or(r.len(), |i| i + close.len());
        rest = r[end..].trim_start();
    }
    rest
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};
    use proptest::prelude::*;

    use super::*;

    fn check(feed: &str, expect: Expect) {
        let shown = match parse_feed(feed.as_bytes(), Some("https://valley.example/feed")) {
            Err(e) => format!("error: {e}"),
            Ok(f) => {
                let mut s = format!("title {:?} site {:?}\n", f.title, f.site_url);
                for e in &f.entries {
                    s += &format!(
                        "- {} url={:?} title={:?} published={:?} authors={:?} teaser={}\n  {}\n",
                        e.id,
                        e.url,
                        e.title,
                        e.published.map(|t| t.time.to_rfc3339()),
                        e.authors,
                        e.is_teaser,
                        e.text.replace('\n', " / ")
                    );
                }
                s
            }
        };
        expect.assert_eq(&shown);
    }

    #[test]
    fn an_aggregators_entries_keep_their_own_outlets() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Top stories - Aggregator</title>
<item><title>Mill reopens</title><link>https://valley.example/mill</link>
<source url="https://valley.example/rss">Valley Post &amp; Echo</source>
<description>The mill reopened.</description></item>
<item><title>Bridge shut</title><link>https://hill.example/bridge</link>
<description>The bridge shut.</description></item>
<item><title>Ferry back</title><link>https://coast.example/ferry</link>
<source url="https://coast.example/rss"><![CDATA[Coast Herald]]></source>
<description>The ferry is back.</description></item></channel></rss>"#;
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Planet</title>
<entry><id>a</id><title>Mill reopens</title><source><id>tag:valley</id><title>Valley Post</title></source>
<content>The mill reopened.</content></entry></feed>"#;
        let at = Location::file("feed.xml");
        let sources = |xml: &str| {
            let f = parse_feed(xml.as_bytes(), None).expect("a feed");
            f.entries
                .iter()
                .map(|e| e.to_article(f.title.as_deref(), &at).and_then(|a| a.source))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            sources(rss),
            [
                Some("Valley Post & Echo".to_owned()),
                Some("Top stories - Aggregator".to_owned()),
                Some("Coast Herald".to_owned())
            ]
        );
        assert_eq!(sources(atom), [Some("Valley Post".to_owned())]);
    }

    #[test]
    fn atom() {
        check(
            r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Post</title>
<link href="https://valley.example/"/>
<entry><id>tag:valley.example,2024:mill</id><title type="html">Mill &lt;em&gt;reopens&lt;/em&gt;</title>
<link rel="alternate" href="/2024/03/22/mill"/><published>2024-03-22T10:15:00+01:00</published>
<updated>2024-03-23T08:00:00Z</updated><author><name>Ann Lee</name></author>
<content type="html">&lt;p&gt;The mill reopened.&lt;/p&gt;&lt;p&gt;Forty jobs return.&lt;/p&gt;</content></entry>
</feed>"#,
            expect![[r#"
                title Some("Valley Post") site Some("https://valley.example/")
                - tag:valley.example,2024:mill url=Some("https://valley.example/2024/03/22/mill") title=Some("Mill reopens") published=Some("2024-03-22T09:15:00+00:00") authors=["Ann Lee"] teaser=true
                  The mill reopened. / Forty jobs return.
            "#]],
        );
    }

    #[test]
    fn an_entry_article_keeps_its_authors() {
        let feed = parse_feed(
            &br#"<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Valley Post</title>
               <item><title>Mill</title><guid>m</guid><dc:creator>Ann Lee</dc:creator>
               <description>The mill reopened.</description></item></channel></rss>"#[..],
            None,
        )
        .expect("a feed");
        let a = feed.entries[0]
            .to_article(feed.title.as_deref(), &Location::file("f.rss"))
            .expect("an article");
        assert_eq!(a.source.as_deref(), Some("Valley Post"));
        assert_eq!(a.meta.authors, ["Ann Lee"]);
    }

    #[test]
    fn json_feed_and_rss_09() {
        check(
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"Valley Post",
                "items":[{"id":"7","url":"https://valley.example/7","title":"Flood",
                "content_text":"The river rose.","date_published":"2024-03-20T06:00:00Z"}]}"#,
            expect![[r#"
                title Some("Valley Post") site None
                - 7 url=Some("https://valley.example/7") title=Some("Flood") published=Some("2024-03-20T06:00:00+00:00") authors=[] teaser=true
                  The river rose.
            "#]],
        );
        check(
            r#"<rss version="0.91"><channel><title>Old</title><item><title>One</title>
               <link>https://old.example/1</link><description>First.</description></item></channel></rss>"#,
            expect![[r#"
                title Some("Old") site None
                - 46e9b3e2b3a18df68488a7e746ddba87 url=Some("https://old.example/1") title=Some("One") published=None authors=[] teaser=true
                  First.
            "#]],
        );
        check(
            "<html><body>not a feed</body></html>",
            expect![
                "error: not a readable rss, atom or json feed (unable to parse feed: no root element)"
            ],
        );
    }

    #[test]
    fn opml_and_sniffing() {
        let list = parse_opml(
            br#"<?xml version="1.0"?><opml version="1.0"><head/><body>
            <outline text="A" xmlUrl="https://a.example/rss"/>
            <outline text="Group"><outline title="B" text="b" xmlUrl="https://b.example/atom"/></outline>
            <outline text="no url"/></body></opml>"#,
        )
        .map(|l| l.into_iter().map(|f| format!("{} {:?}", f.url, f.title)).collect::<Vec<_>>());
        expect![[r#"
            Ok(
                [
                    "https://a.example/rss Some(\"A\")",
                    "https://b.example/atom Some(\"B\")",
                ],
            )
        "#]]
        .assert_debug_eq(&list);
        assert!(parse_opml(b"<html/>").is_err());
        assert!(looks_like_feed(
            b"<?xml version='1.0'?>\n<!-- x --><rss version='2.0'>"
        ));
        assert!(looks_like_feed(
            b"<feed xmlns='http://www.w3.org/2005/Atom'>"
        ));
        assert!(looks_like_feed(
            br#"{"version": "https://jsonfeed.org/version/1"}"#
        ));
        assert!(!looks_like_feed(b"<!doctype html><html>"));
        assert!(looks_like_feed(
            b"<?xml version=\"1.0\"?>\n<!-- a > b -->\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"rss-0.91.dtd\">\n<rss version=\"0.91\">"
        ));
        assert!(!looks_like_feed(br#"{"id": "a", "text": "b"}"#));
    }

    proptest! {
        #[test]
        fn feeds_never_panic(s in "(<[a-z:/!?]{0,8}[ a-z=\"']{0,10}>?|[a-z &;#0-9]{0,6}|<rss>|<feed>|<item>|<entry>){0,40}") {
            let _ = parse_feed(s.as_bytes(), None);
            let _ = parse_opml(s.as_bytes());
        }
    }
}
