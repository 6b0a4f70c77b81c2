//! The HTML pages: story list, story, article, search and watchlists.
//!
//! Server-rendered with maud, which escapes every interpolated value, so
//! article text, titles and URLs can carry any markup and stay inert. No
//! page uses JavaScript; filters are plain GET forms and removed furniture
//! is behind `<details>`. Each page that a feed follows advertises it with
//! `<link rel="alternate" type="application/atom+xml">`.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::Deserialize;
use storyline_core::brief::render::counted;
use storyline_core::{Precision, Timestamp};
use storyline_store::{ArticleRow, SearchQuery, StoryOrder};

use crate::digest::{Digest, Sourced, digest};
use crate::{App, Error, chart};

const STYLE: &str = "
body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#1d3557;color:#fff;padding:.6rem 1rem;display:flex;gap:1.2rem;align-items:center}
header a{color:#fff;text-decoration:none}header .brand{font-weight:700}
main{max-width:60rem;margin:0 auto;padding:1rem}
.story{display:flex;gap:1rem;align-items:center;padding:.6rem 0;border-bottom:1px solid #ddd}
.story .what{flex:1}.meta{color:#666;font-size:.85rem}
svg.volume rect{fill:#457b9d}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}
mark{background:#ffe08a}form.filters{display:flex;flex-wrap:wrap;gap:.5rem;margin-bottom:1rem}
form.filters input{padding:.3rem}details{margin:.5rem 0}blockquote{margin:.3rem 0 .3rem 1rem}
.removed li{color:#8a2b2b}td.conflict,td.status.conflict{color:#b00020;font-weight:600}.group{margin:.4rem 0 .8rem}.pager a{margin-right:1rem}
";

/// Query parameters of the story list.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListParams {
    sort: Option<StoryOrder>,
    page: Option<usize>,
}

/// Query parameters of a search (page and API).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct SearchParams {
    pub(crate) q: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) entity: Option<String>,
    pub(crate) from: Option<String>,
    pub(crate) to: Option<String>,
    pub(crate) page: Option<usize>,
    pub(crate) limit: Option<usize>,
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn date(s: &Option<String>, which: &str) -> Result<Option<chrono::NaiveDate>, Error> {
    match non_empty(s) {
        None => Ok(None),
        Some(d) => chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| Error::BadRequest(format!("{which} date {d:?} is not YYYY-MM-DD"))),
    }
}

impl SearchParams {
    pub(crate) fn query(&self) -> Result<SearchQuery, Error> {
        let limit = self.limit.unwrap_or(20).clamp(1, 100);
        Ok(SearchQuery {
            text: self.q.clone().unwrap_or_default(),
            source: non_empty(&self.source),
            entity: non_empty(&self.entity),
            from: date(&self.from, "from")?,
            to: date(&self.to, "to")?,
            limit,
            offset: self.page.unwrap_or(0).min(10_000) * limit,
        })
    }

    fn encoded(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("q", &self.q),
            ("source", &self.source),
            ("entity", &self.entity),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if let Some(v) = non_empty(v) {
                parts.push(format!("{k}={}", encode(&v)));
            }
        }
        parts.join("&")
    }
}

/// Percent-encodes a path segment or query value.
pub(crate) fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The link to an article page.
pub(crate) fn article_href(id: &str) -> String {
    format!("/articles/{}", encode(id))
}

/// `url` when it is safe to link to (http or https), else `None`: a
/// `javascript:` or `data:` URL from an article is shown as text only.
pub(crate) fn safe_url(url: &str) -> Option<&str> {
    let lower = url.trim_start().get(..8).unwrap_or("").to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(url.trim())
}

fn layout(title: &str, feed: Option<(&str, String)>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · storyline" }
                @if let Some((feed_title, href)) = &feed {
                    link rel="alternate" type="application/atom+xml" title=(feed_title) href=(href);
                }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    a.brand href="/" { "storyline" }
                    a href="/" { "Stories" }
                    a href="/search" { "Search" }
                    a href="/watchlists" { "Watchlists" }
                    @if let Some((_, href)) = &feed {
                        a href=(href) { "Feed" }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// An error shown as an HTML page (the API answers JSON instead).
#[derive(Debug)]
pub(crate) struct PageError(Error);

impl From<Error> for PageError {
    fn from(e: Error) -> Self {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, message) = self.0.public();
        let body = html! { h1 { (status.canonical_reason().unwrap_or("Error")) } p { (message) } p { a href="/" { "Back to the stories" } } };
        (status, layout(status.as_str(), None, body)).into_response()
    }
}

/// A story's first to last publication, once when they are the same.
fn span(first: Option<&str>, last: Option<&str>) -> String {
    let (first, last) = (when(first), when(last));
    if first == last {
        first
    } else {
        format!("{first} to {last}")
    }
}

/// A stored time for a reader: to the minute when the time of day is
/// known, else the day alone (an article dated by its dateline).
fn when(t: Option<&str>) -> String {
    match t.and_then(Timestamp::parse) {
        Some(t) if t.precision >= Precision::Minute => t.time.format("%Y-%m-%d %H:%M").to_string(),
        Some(t) => t.precision.show(t.date()),
        None => "undated".into(),
    }
}

fn article_line(a: &ArticleRow) -> Markup {
    html! {
        a href=(article_href(&a.id)) { (a.title.as_deref().unwrap_or(&a.id)) }
        span.meta {
            " — " (a.source.as_deref().unwrap_or("unknown source")) ", " (when(a.published.as_deref()))
        }
    }
}

/// `GET /`: stories, ranked.
pub(crate) async fn stories(
    State(app): State<App>,
    Query(p): Query<ListParams>,
) -> Result<Markup, PageError> {
    let order = p.sort.unwrap_or_default();
    let page = p.page.unwrap_or(0).min(10_000);
    let (list, volumes, total, articles) = app
        .pool()
        .run(move |s| {
            let list = s.stories(order, 30, page * 30)?;
            let ids: Vec<i64> = list.iter().map(|s| s.id).collect();
            Ok((list, s.volumes(&ids)?, s.story_count()?, s.article_count()?))
        })
        .await?;
    let body = html! {
        h1 { "Stories" }
        p.meta { (total) " stories from " (articles) " articles. Sort: "
            a href="/?sort=rank" { "top" } " · " a href="/?sort=fresh" { "latest" } " · "
            a href="/?sort=size" { "largest" } " · " a href="/?sort=new" { "newest" } }
        @if list.is_empty() {
            p.empty { "No stories yet. Ingest articles with " code { "storyline ingest" } "." }
        }
        ol.stories style="list-style:none;padding:0" {
            @for s in &list {
                li.story {
                    (chart::volume(volumes.get(&s.id).map_or(&[][..], Vec::as_slice)))
                    div.what {
                        a href=(format!("/stories/{}", s.id)) { (s.title.as_deref().unwrap_or("(untitled story)")) }
                        div.meta { (counted(s.articles.into(), "article", "articles")) ", "
                            (counted(s.sources.into(), "source", "sources")) " · "
                            (span(s.first_published.as_deref(), s.last_published.as_deref())) }
                    }
                }
            }
        }
        div.pager {
            @if page > 0 { a href=(format!("/?sort={}&page={}", order_name(order), page - 1)) { "← newer" } }
            @if list.len() == 30 { a href=(format!("/?sort={}&page={}", order_name(order), page + 1)) { "more →" } }
        }
    };
    Ok(layout(
        "Stories",
        Some(("New stories", "/feeds/stories.atom".into())),
        body,
    ))
}

fn order_name(o: StoryOrder) -> &'static str {
    match o {
        StoryOrder::Rank => "rank",
        StoryOrder::Fresh => "fresh",
        StoryOrder::Size => "size",
        StoryOrder::New => "new",
    }
}

fn sources_of(s: &Sourced) -> Markup {
    html! {
        span.meta { " — "
            @for (i, (id, source)) in s.sources.iter().enumerate() {
                @if i > 0 { ", " }
                a href=(article_href(id)) { (source.as_deref().unwrap_or(id)) }
            }
        }
    }
}

/// Links to the articles a list of citations or evidence names (each an
/// object with `article` and maybe `source`), deduplicated.
fn cited(items: &serde_json::Value) -> Markup {
    let mut seen = Vec::new();
    for item in items.as_array().map_or(&[][..], Vec::as_slice) {
        if let Some(id) = item["article"].as_str()
            && !seen.iter().any(|(i, _): &(&str, &str)| *i == id)
        {
            seen.push((id, item["source"].as_str().unwrap_or(id)));
        }
    }
    html! {
        @if !seen.is_empty() {
            span.meta { " — "
                @for (i, (id, source)) in seen.iter().enumerate() {
                    @if i > 0 { ", " }
                    a href=(article_href(id)) { (source) }
                }
            }
        }
    }
}

fn list(v: &serde_json::Value) -> &[serde_json::Value] {
    v.as_array().map_or(&[][..], Vec::as_slice)
}

/// The brief as the brief stage serialised it: read as JSON so that a
/// field this page does not know is skipped rather than an error.
fn brief_section(b: &serde_json::Value) -> Markup {
    let figures = list(&b["claims"]["figures"]);
    let statements = list(&b["claims"]["statements"]);
    html! {
        section.brief {
            h2 { "Brief" }
            @if let Some(h) = b["headline"].as_str() { p { strong { (h) } } }
            @if let (Some(n), Some(k)) = (b["articles"].as_u64(), b["independent_sources"].as_u64()) {
                p.meta { (counted(n, "article", "articles")) ", "
                    (counted(k, "independent source", "independent sources")) }
            }
            ol.summary { @for sentence in list(&b["summary"]) {
                li { (sentence["text"].as_str().unwrap_or_default())
                    @if let Some(k) = sentence["independent_sources"].as_u64() { span.meta { " (" (k) " independent)" } }
                    (cited(&sentence["citations"])) }
            } }
        }
        @if !figures.is_empty() || !statements.is_empty() {
            section.claims {
                h2 { "Claims" }
                table {
                    thead { tr { th { "claim" } th { "as reported" } th { "status" } } }
                    tbody {
                        @for f in figures.iter().take(40) {
                            tr {
                                td { (f["about"].as_str().unwrap_or_default()) }
                                td { @for point in list(&f["points"]) {
                                    div {
                                        @if let Some(d) = point["date"].as_str() { span.meta { (d) ": " } }
                                        @for (i, v) in list(&point["values"]).iter().enumerate() {
                                            @if i > 0 { " vs " }
                                            strong { (v["text"].as_str().unwrap_or_default()) }
                                            @if let Some(k) = v["independent_sources"].as_u64() { span.meta { " (" (k) " independent)" } }
                                            (cited(&v["evidence"]))
                                        }
                                    }
                                } }
                                td class=(format!("status {}", f["status"].as_str().unwrap_or_default())) { (f["status"].as_str().unwrap_or_default()) }
                            }
                        }
                        @for st in statements.iter().take(20) {
                            tr {
                                td { (st["speaker"].as_str().unwrap_or_default()) }
                                td { "“" (st["text"].as_str().unwrap_or_default()) "”" (cited(&st["evidence"])) }
                                td { @if let Some(k) = st["independent_sources"].as_u64() { (k) " independent" } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn digest_sections(d: &Digest) -> Markup {
    html! {
        section.figures {
            h2 { "Figures as reported" }
            @if d.figures.is_empty() { p.meta { "No figures reported." } }
            @else {
                table { thead { tr { th { "what" } th { "reported as" } } }
                    tbody { @for f in d.figures.iter().take(30) {
                        tr { td { (f.counted) } td { @for v in &f.values { div { (v.text) (sources_of(v)) } } } }
                    } } }
            }
        }
        section.quotes {
            h2 { "Quotes by speaker" }
            @if d.speakers.is_empty() { p.meta { "No attributed quotes." } }
            @for sp in d.speakers.iter().take(30) {
                h3 { (sp.name) }
                @for q in sp.quotes.iter().take(10) { blockquote { "“" (q.text) "”" (sources_of(q)) } }
            }
        }
        section.timeline {
            h2 { "Timeline" }
            @if d.timeline.is_empty() { p.meta { "No dated events." } }
            ol { @for e in d.timeline.iter().take(60) {
                li { strong { (e.when()) } ": " (e.what.text) (sources_of(&e.what)) }
            } }
        }
    }
}

/// `GET /stories/{id}`: the brief, figures, quotes, timeline and sources.
pub(crate) async fn story(
    State(app): State<App>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let cache = app.clone();
    let found = app
        .pool()
        .run(move |s| {
            let version = cache.pages().version()?;
            if let Some(page) = cache.pages().get(version, id) {
                return Ok(Err(page));
            }
            let Some(detail) = s.story(id)? else {
                return Ok(Ok(None));
            };
            // The digest reads at most 300 members: enough for what a page
            // shows, and bounded for the largest stories.
            let seqs: Vec<i64> = detail.articles.iter().take(300).map(|a| a.seq).collect();
            let d = digest(&detail.articles, &s.facts(&seqs)?);
            Ok(Ok(Some((version, detail, d))))
        })
        .await?;
    let (version, detail, d) = match found {
        Err(page) => return Ok(html_response(page)),
        Ok(None) => return Err(Error::NotFound(format!("story {id}")).into()),
        Ok(Some(found)) => found,
    };
    if detail.summary.id != id {
        let to = format!("/stories/{}", detail.summary.id);
        return Ok((
            StatusCode::MOVED_PERMANENTLY,
            [(axum::http::header::LOCATION, to)],
        )
            .into_response());
    }
    let s = &detail.summary;
    let title = s.title.clone().unwrap_or_else(|| format!("Story {}", s.id));
    // Sources grouped by syndication: copies of one text under their
    // canonical article.
    let mut groups: BTreeMap<String, Vec<&ArticleRow>> = BTreeMap::new();
    for a in &detail.articles {
        let key = a
            .syndication
            .as_ref()
            .map_or(a.id.clone(), |y| y.canonical.clone());
        groups.entry(key).or_default().push(a);
    }
    let mut groups: Vec<Vec<&ArticleRow>> = groups.into_values().collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    let body = html! {
        h1 { (title) }
        p.meta { (counted(s.articles.into(), "article", "articles")) " from "
            (counted(s.sources.into(), "source", "sources")) ", " (span(s.first_published.as_deref(), s.last_published.as_deref()))
            " · updated " (when(Some(&s.updated))) }
        (chart::volume(&detail.volume))
        @if let Some(b) = &detail.brief { (brief_section(b)) }
        (digest_sections(&d))
        section.sources {
            h2 { "Sources" }
            p.meta { (groups.len()) " independent texts; copies of one text are grouped." }
            @for g in &groups {
                div.group {
                    (article_line(g[0]))
                    @if g.len() > 1 {
                        ul { @for a in &g[1..] {
                            li { (article_line(a)) span.meta { " (" (a.syndication.as_ref().map_or("copy", |y| y.relation.as_str())) ")" } }
                        } }
                    }
                }
            }
        }
    };
    let page = Bytes::from(
        layout(
            &title,
            Some((
                &format!("Updates: {title}"),
                format!("/stories/{}/feed.atom", s.id),
            )),
            body,
        )
        .into_string(),
    );
    app.pages().put(version, id, page.clone());
    Ok(html_response(page))
}

/// A rendered page as maud would send it.
fn html_response(page: Bytes) -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

/// `GET /articles/{id}`: the cleaned text, with what cleaning removed
/// behind `<details>`.
pub(crate) async fn article(
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let wanted = id.clone();
    let found = app.pool().run(move |s| Ok(s.article(&wanted)?)).await?;
    let Some(stored) = found else {
        return Err(Error::NotFound(format!("article {id:?}")).into());
    };
    let a = &stored.article;
    let title = a.title.clone().unwrap_or_else(|| a.id.0.clone());
    let body = html! {
        h1 { (title) }
        p.meta {
            (a.source.as_deref().unwrap_or("unknown source")) ", " (when(stored.row.published.as_deref()))
            @if let Some(b) = &a.byline { " · by " (b) }
            @else if !a.meta.authors.is_empty() { " · by " (a.meta.authors.join(", ")) }
            @if let Some(d) = &a.dateline { " · " (d.text) }
            @if let Some(m) = &a.meta.modified { " · modified " (when(Some(&m.written()))) }
            @if let Some(l) = &a.meta.language { " · language " (l) }
        }
        @if let Some(url) = &a.url {
            p.meta { "Original: "
                @if let Some(safe) = safe_url(url) { a href=(safe) rel="noopener noreferrer nofollow" { (url) } }
                @else { (url) }
            }
        }
        @if let Some(story) = stored.row.story { p { "Part of " a href=(format!("/stories/{story}")) { "story " (story) } } }
        @if let Some(y) = &stored.row.syndication {
            @if y.canonical != a.id.0 {
                p.meta { "A " (y.relation) " copy of " a href=(article_href(&y.canonical)) { (y.canonical) } }
            }
        }
        @if !a.credits.is_empty() {
            p.meta { "Credited: " @for (i, c) in a.credits.iter().enumerate() { @if i > 0 { ", " } (c.agency) } }
        }
        article { @for p in &a.paragraphs { p { (p) } } }
        @if !a.removed.is_empty() {
            details.removed {
                summary { "Removed by cleaning (" (a.removed.len()) " lines)" }
                ul { @for r in &a.removed {
                    li { span.meta { "line " (r.line) ", " (serde_json::to_value(r.reason).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()) ": " } (r.text) }
                } }
            }
        }
    };
    Ok(layout(&title, None, body))
}

/// Escapes a snippet and turns the store's match markers into `<mark>`.
pub(crate) fn snippet(s: &str) -> Markup {
    let escaped = html! { (s) }.into_string();
    PreEscaped(
        escaped
            .replace(storyline_store::MATCH_START, "<mark>")
            .replace(storyline_store::MATCH_END, "</mark>"),
    )
}

/// `GET /search`: full-text search with filters.
pub(crate) async fn search(
    State(app): State<App>,
    Query(p): Query<SearchParams>,
) -> Result<Markup, PageError> {
    let q = p.query()?;
    let run = q.clone();
    let (results, sources) = app
        .pool()
        .run(move |s| Ok((s.search(&run)?, s.sources()?)))
        .await?;
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    let page = p.page.unwrap_or(0);
    let encoded = p.encoded();
    let body = html! {
        h1 { "Search" }
        form.filters method="get" action="/search" role="search" {
            input type="search" name="q" value=(v(&p.q)) placeholder="words, \"a phrase\", prefix*" aria-label="search words";
            input type="text" name="source" value=(v(&p.source)) placeholder="source" list="sources" aria-label="source";
            input type="text" name="entity" value=(v(&p.entity)) placeholder="person, place, organisation" aria-label="entity";
            label { "from " input type="date" name="from" value=(v(&p.from)); }
            label { "to " input type="date" name="to" value=(v(&p.to)); }
            button type="submit" { "Search" }
            datalist id="sources" { @for (s, _) in sources.iter().take(200) { option value=(s) {} } }
        }
        @if q.is_empty() { p.meta { "Type words to search every stored article." } }
        @else if results.hits.is_empty() { p.empty { "No articles match." } }
        @else {
            p.meta { "Follow this search: " a href=(format!("/search/feed.atom?{encoded}")) { "Atom feed" } }
            ol.hits start=(q.offset + 1) {
                @for h in &results.hits {
                    li.hit {
                        (article_line(&h.article))
                        @if let Some(story) = h.article.story { span.meta { " · " a href=(format!("/stories/{story}")) { "story" } } }
                        div.snippet { (snippet(&h.snippet)) }
                    }
                }
            }
            div.pager {
                @if page > 0 { a href=(format!("/search?{encoded}&page={}", page - 1)) { "← previous" } }
                @if results.more { a href=(format!("/search?{encoded}&page={}", page + 1)) { "next →" } }
            }
        }
    };
    let feed = (!q.is_empty()).then(|| ("This search", format!("/search/feed.atom?{encoded}")));
    Ok(layout("Search", feed, body))
}

/// `GET /watchlists`: every watchlist with its feed.
pub(crate) async fn watchlists(State(app): State<App>) -> Result<Markup, PageError> {
    let lists = app.pool().run(|s| Ok(s.watchlists()?)).await?;
    let body = html! {
        h1 { "Watchlists" }
        p.meta { "A watchlist follows an entity or a query; each has an Atom feed and may have a webhook. "
            "They are created through " code { "POST /api/watchlists" } " with the server's token." }
        @if lists.is_empty() { p.empty { "No watchlists yet." } }
        ul { @for w in &lists {
            li { a href=(format!("/watchlists/{}", w.id)) { (w.name) } span.meta { " — " (format!("{:?}", w.kind).to_lowercase()) " “" (w.value) "” · " a href=(format!("/watchlists/{}/feed.atom", w.id)) { "feed" } } }
        } }
    };
    Ok(layout("Watchlists", None, body))
}

/// `GET /watchlists/{id}`: the articles a watchlist matched.
pub(crate) async fn watchlist(
    State(app): State<App>,
    Path(id): Path<i64>,
) -> Result<Markup, PageError> {
    let found = app
        .pool()
        .run(move |s| {
            Ok(match s.watchlist(id)? {
                Some(w) => Some((w, s.watch_hits(id, 100)?)),
                None => None,
            })
        })
        .await?;
    let Some((w, hits)) = found else {
        return Err(Error::NotFound(format!("watchlist {id}")).into());
    };
    let body = html! {
        h1 { (w.name) }
        p.meta { (format!("{:?}", w.kind).to_lowercase()) " “" (w.value) "”" }
        @if hits.is_empty() { p.empty { "Nothing matched yet; matches are recorded as articles arrive." } }
        ul { @for (a, _) in &hits { li { (article_line(a)) } } }
    };
    Ok(layout(
        &w.name,
        Some((
            &format!("Watchlist: {}", w.name),
            format!("/watchlists/{id}/feed.atom"),
        )),
        body,
    ))
}

/// Any other path: a 404 page (JSON under `/api/`).
pub(crate) async fn not_found(uri: axum::http::Uri) -> Response {
    let e = Error::NotFound(format!("page {}", uri.path()));
    if uri.path().starts_with("/api/") {
        e.into_response()
    } else {
        PageError(e).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::{span, when};

    #[test]
    fn times_show_what_is_known_of_them() {
        assert_eq!(when(Some("2031-05-12T08:00:00+00:00")), "2031-05-12 08:00");
        // A day from a dateline gets no midnight nobody reported.
        assert_eq!(when(Some("2031-05-13")), "2031-05-13");
        assert_eq!(when(Some("not a time")), "undated");
        assert_eq!(when(None), "undated");
        let day = Some("2031-05-13");
        assert_eq!(span(day, day), "2031-05-13");
        assert_eq!(span(day, None), "2031-05-13 to undated");
    }
}
