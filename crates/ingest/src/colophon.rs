//! Who published this page, under what title, where and in what language?
//! [`Colophon::of`] reads a page's metadata from its `<meta>` and `<link>`
//! elements, its JSON-LD and its `<html lang>`: the metadata title, site
//! name, authors, canonical URL, language and description, as the
//! trafilatura crate's metadata pass reads them, for pages whose main text
//! [`crate::body`] extracts without the crate.

use trafilatura::dom::Document;

/// A page's metadata. Every text has its whitespace collapsed; empty
/// values are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Colophon {
    /// The metadata title: JSON-LD `headline` of an article, else
    /// `og:title`, else `twitter:title` or `dc.title`, else `<title>`.
    pub(crate) title: Option<String>,
    /// `og:site_name`, else the JSON-LD publisher's name, else
    /// `application-name` or `twitter:site`.
    pub(crate) site_name: Option<String>,
    /// The JSON-LD authors' names, else `<meta name=author>` (and
    /// `article:author`, `dc.creator`) that are not URLs, else the text of
    /// `rel=author` links.
    pub(crate) authors: Vec<String>,
    /// `<link rel=canonical>`, else `og:url`, made absolute against the
    /// page's URL.
    pub(crate) url: Option<String>,
    /// `<html lang>`, else `content-language`, else `og:locale`.
    pub(crate) language: Option<String>,
    /// `<meta name=description>`, else `og:description`.
    pub(crate) description: Option<String>,
}

fn collapse(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// `title` mended from the page's `<title>` when broken markup cut it
/// short: a quotation mark left unescaped inside an attribute
/// (`content="Senator calls Biden "unfit""`) ends the value there, so the
/// metadata title is the `<title>` up to a quotation mark.
fn mend_cut(title: String, page_title: Option<&str>) -> String {
    let Some(page) = page_title else { return title };
    match page.strip_prefix(title.as_str()) {
        Some(rest) if rest.trim_start().starts_with(['"', '\'']) => page.to_owned(),
        _ => title,
    }
}

/// Sets `slot` to `value` (collapsed) when it has none yet.
fn first(slot: &mut Option<String>, value: &str) {
    if slot.is_none() {
        *slot = collapse(value);
    }
}

/// What the JSON-LD of a page says.
#[derive(Default)]
struct Linked {
    headline: Option<String>,
    publisher: Option<String>,
    authors: Vec<String>,
}

fn is_article_type(t: Option<&serde_json::Value>) -> bool {
    let names: Vec<&str> = match t {
        Some(serde_json::Value::String(s)) => vec![s.as_str()],
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|v| v.as_str()).collect(),
        _ => Vec::new(),
    };
    names.iter().any(|n| {
        let n = n.to_ascii_lowercase();
        n.contains("article") || n.contains("posting") || n.contains("report")
    })
}

/// A JSON-LD string, collapsed. Some sites (WordPress plugins) write HTML
/// character references into it ("Sorge &#8211; Finanzdaten", "&amp;"),
/// which no reader should see; a string that does not decode (a bare
/// "&") is kept as written.
fn ld_text(s: &str) -> Option<String> {
    if s.contains('&')
        && let Ok(decoded) = quick_xml::escape::unescape(s)
    {
        return collapse(&decoded);
    }
    collapse(s)
}

/// The name of a JSON-LD person or organisation: a string, or an object's
/// `name`.
fn name_of(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => ld_text(s),
        serde_json::Value::Object(m) => m.get("name").and_then(|n| n.as_str()).and_then(ld_text),
        _ => None,
    }
}

fn linked(doc: &Document) -> Linked {
    let mut out = Linked::default();
    let skip = ["author", "publisher", "comment", "review"];
    crate::linked_data::for_each_object(doc, &skip, |map| {
        if !is_article_type(map.get("@type")) {
            return;
        }
        if out.headline.is_none() {
            out.headline = map
                .get("headline")
                .and_then(|h| h.as_str())
                .and_then(ld_text);
        }
        if out.authors.is_empty() {
            out.authors = match map.get("author") {
                Some(serde_json::Value::Array(a)) => a.iter().filter_map(name_of).collect(),
                Some(a) => name_of(a).into_iter().collect(),
                None => Vec::new(),
            };
        }
        if out.publisher.is_none() {
            out.publisher = map.get("publisher").and_then(name_of);
        }
    });
    out
}

/// A site name as the crate writes it: without a leading `@` (a Twitter
/// handle), and with capitals at word starts when it has none and no dot
/// (`gofeminin` → `Gofeminin`, `valley.example` stays).
fn site_case(name: &str) -> String {
    let name = name.trim_start_matches('@');
    if name.contains('.') || name.chars().next().is_some_and(char::is_uppercase) {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for ch in name.chars() {
        if start {
            out.extend(ch.to_uppercase());
        } else {
            out.push(ch);
        }
        start = ch.is_whitespace() || ch == '-';
    }
    out
}

/// The host of a URL without `www.` (or `www2.`, ...): what names a site
/// that names itself nowhere else.
fn host_name(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_owned();
    let bare = match host.split_once('.') {
        Some((first, rest))
            if first.starts_with('w')
                && (first == "www" || first[1..].bytes().all(|b| b.is_ascii_digit()))
                && first.len() > 1 =>
        {
            rest.to_owned()
        }
        _ => host,
    };
    Some(bare)
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

/// `href` made absolute against `base`; `None` when it cannot be.
fn absolute(href: &str, base: Option<&url::Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    match url::Url::parse(href) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => Some(u.to_string()),
        Ok(_) => None,
        Err(_) => base.and_then(|b| b.join(href).ok()).map(|u| u.to_string()),
    }
}

impl Colophon {
    /// The metadata of a parsed page read from `url` (when known: relative
    /// canonical links are resolved against it).
    pub(crate) fn of(doc: &Document, url: Option<&str>) -> Colophon {
        let base = url.and_then(|u| url::Url::parse(u).ok());
        let mut c = Colophon::default();
        let (mut og_title, mut other_title, mut og_url, mut og_description) =
            (None, None, None, None);
        let (mut app_name, mut og_locale, mut content_language) = (None, None, None);
        let mut meta_authors = Vec::new();
        for (key, content) in crate::meta::meta_tags(doc) {
            match key.as_str() {
                "og:title" => first(&mut og_title, &content),
                "twitter:title" | "dc.title" | "title" | "headline" => {
                    first(&mut other_title, &content);
                }
                "og:site_name" => first(&mut c.site_name, &content),
                "application-name" | "twitter:site" | "twitter:app:name:iphone" => {
                    first(&mut app_name, content.trim_start_matches('@'));
                }
                "author" | "article:author" | "dc.creator" | "byl" | "sailthru.author" => {
                    if !is_url(content.trim())
                        && let Some(a) = collapse(&content)
                        && !meta_authors.contains(&a)
                    {
                        meta_authors.push(a);
                    }
                }
                "og:url" => first(&mut og_url, &content),
                "description" => first(&mut c.description, &content),
                "og:description" => first(&mut og_description, &content),
                "og:locale" => first(&mut og_locale, &content),
                "content-language" => first(&mut content_language, &content),
                _ => {}
            }
        }
        let mut canonical = None;
        let mut rel_authors = Vec::new();
        for id in doc.get_elements_by_tag_name(doc.root(), "link") {
            let rel = doc.get_attribute(id, "rel").unwrap_or_default();
            if rel
                .split_whitespace()
                .any(|r| r.eq_ignore_ascii_case("canonical"))
                && let Some(href) = doc.get_attribute(id, "href")
            {
                first(&mut canonical, &href);
            }
        }
        for id in doc.get_elements_by_tag_name(doc.root(), "a").into_iter() {
            let is_author = doc.get_attribute(id, "rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("author"))
            });
            if is_author
                && let Some(a) = collapse(&doc.text_content(id))
                && a.chars().count() < 80
                && !rel_authors.contains(&a)
            {
                rel_authors.push(a);
            }
        }
        let ld = linked(doc);
        let page_title = doc
            .get_elements_by_tag_name(doc.root(), "title")
            .first()
            .and_then(|&t| collapse(&doc.text_content(t)));
        c.title = match ld.headline.or(og_title).or(other_title) {
            Some(t) => Some(mend_cut(t, page_title.as_deref())),
            None => page_title,
        };
        c.site_name = c
            .site_name
            .or(ld.publisher)
            .or(app_name)
            .map(|s| site_case(&s));
        c.authors = if !ld.authors.is_empty() {
            ld.authors
        } else if !meta_authors.is_empty() {
            meta_authors
        } else {
            rel_authors
        };
        c.url = canonical
            .as_deref()
            .and_then(|u| absolute(u, base.as_ref()))
            .or_else(|| og_url.as_deref().and_then(|u| absolute(u, base.as_ref())));
        let html_lang = doc
            .get_elements_by_tag_name(doc.root(), "html")
            .first()
            .and_then(|&h| doc.get_attribute(h, "lang"))
            .and_then(|l| collapse(&l));
        c.language = html_lang.or(content_language).or(og_locale);
        // As the crate does, the host names the site when nothing else
        // does, so that one outlet's pages name it alike whichever
        // extractor read them.
        if c.site_name.is_none() {
            c.site_name = c.url.as_deref().or(url).and_then(host_name);
        }
        c.description = c.description.or(og_description);
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_from_meta_links_and_json_ld() {
        let html = r#"<html lang="de-AT"><head><title>Mühle öffnet | Talbote</title>
            <meta property="og:title" content="Mühle öffnet wieder">
            <meta property="og:site_name" content="Talbote">
            <meta name="author" content="https://talbote.example/autor/ann">
            <meta name="description" content="Die alte  Mühle ist wieder offen.">
            <link rel="canonical" href="/2024/03/muehle">
            <script type="application/ld+json">{"@graph":[{"@type":"WebPage","headline":"Seite"},
              {"@type":"NewsArticle","headline":"Die Mühle öffnet",
               "author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chan"}],
               "publisher":{"name":"Talbote Verlag"}}]}</script>
            </head><body><a rel="author" href="/a">Someone Else</a></body></html>"#;
        let c = Colophon::of(&Document::parse(html), Some("https://talbote.example/x"));
        assert_eq!(
            c,
            Colophon {
                title: Some("Die Mühle öffnet".into()),
                site_name: Some("Talbote".into()),
                authors: vec!["Ann Lee".into(), "Bo Chan".into()],
                url: Some("https://talbote.example/2024/03/muehle".into()),
                language: Some("de-AT".into()),
                description: Some("Die alte Mühle ist wieder offen.".into()),
            }
        );
    }

    #[test]
    fn character_references_in_json_ld_are_decoded() {
        let page = |headline: &str| {
            format!(
                r#"<script type="application/ld+json">{{"@type":"Article","headline":"{headline}",
                "author":{{"name":"Ann &amp; Bo"}}}}</script>"#
            )
        };
        let c = Colophon::of(
            &Document::parse(&page("Mill in Sorge &#8211; Jobs &amp; Pay")),
            None,
        );
        assert_eq!(c.title.as_deref(), Some("Mill in Sorge – Jobs & Pay"));
        assert_eq!(c.authors, ["Ann & Bo"]);
        // A bare ampersand is text.
        let c = Colophon::of(&Document::parse(&page("Tom & Jerry; again")), None);
        assert_eq!(c.title.as_deref(), Some("Tom & Jerry; again"));
    }

    #[test]
    fn a_title_cut_by_an_unescaped_quote_is_mended_from_the_title_element() {
        let page = |og: &str| {
            format!(
                r#"<html><head><title>Senator calls Biden "unfit" | Post</title>
                <meta property="og:title" content="{og}"></head></html>"#
            )
        };
        let cut = Colophon::of(
            &Document::parse(&page(r#"Senator calls Biden "unfit""#)),
            None,
        );
        assert_eq!(
            cut.title.as_deref(),
            Some(r#"Senator calls Biden "unfit" | Post"#)
        );
        // A metadata title that is only shorter stays as it is.
        let short = Colophon::of(&Document::parse(&page("Senator calls")), None);
        assert_eq!(short.title.as_deref(), Some("Senator calls"));
    }

    #[test]
    fn fallbacks_when_the_first_sources_are_missing() {
        let html = r#"<html><head><title>Mill reopens</title>
            <meta name="application-name" content="Valley Post">
            <meta property="og:url" content="https://valley.example/mill">
            <meta property="og:locale" content="en_GB">
            <meta property="og:description" content="The mill is open.">
            <meta name="author" content="Ann Lee">
            </head><body><a rel="author nofollow" href="/a">Bo Chan</a></body></html>"#;
        let c = Colophon::of(&Document::parse(html), None);
        assert_eq!(c.title.as_deref(), Some("Mill reopens"));
        assert_eq!(c.site_name.as_deref(), Some("Valley Post"));
        assert_eq!(c.authors, ["Ann Lee"]);
        assert_eq!(c.url.as_deref(), Some("https://valley.example/mill"));
        assert_eq!(c.language.as_deref(), Some("en_GB"));
        assert_eq!(c.description.as_deref(), Some("The mill is open."));
        let bare = Colophon::of(&Document::parse("<p>x</p>"), None);
        assert_eq!(bare, Colophon::default());
        // Without a name of its own, the site is named by its host.
        let hosted = Colophon::of(
            &Document::parse("<p>x</p>"),
            Some("https://www.valley.example/mill"),
        );
        assert_eq!(hosted.site_name.as_deref(), Some("valley.example"));
    }

    #[test]
    fn site_names_are_written_as_the_crate_writes_them() {
        assert_eq!(site_case("@valleypost"), "Valleypost");
        assert_eq!(site_case("valley post-news"), "Valley Post-News");
        assert_eq!(site_case("valley.example"), "valley.example");
        assert_eq!(site_case("ValleyPost"), "ValleyPost");
        assert_eq!(
            host_name("https://w3.valley.example/x").as_deref(),
            Some("valley.example")
        );
        assert_eq!(
            host_name("https://news.valley.example/").as_deref(),
            Some("news.valley.example")
        );
        assert_eq!(host_name("not a url"), None);
    }
}
