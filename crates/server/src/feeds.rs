//! Atom feeds: new stories, one story's updates, a watchlist's matches and
//! a search's results, built with `atom_syndication` (which escapes every
//! text it writes; HTML content is rendered by maud first, so article text
//! is escaped twice over: once as HTML, once as XML).

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::html;
use storyline_core::Timestamp;
use storyline_core::brief::render::counted;
use storyline_store::{ArticleRow, StoryOrder};

use crate::pages::{SearchParams, article_href};
use crate::{App, Error};

const ATOM: &str = "application/atom+xml; charset=utf-8";

/// A stored time as Atom wants it: the store writes RFC 3339, or a day
/// alone for an article dated only by its dateline (midnight UTC here).
fn time(s: &str) -> FixedDateTime {
    Timestamp::parse(s).map(|t| t.time).unwrap_or_default()
}

fn link(href: String, rel: &str) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel);
    l
}

fn feed(
    app: &App,
    id: &str,
    title: &str,
    self_path: &str,
    page: &str,
    entries: Vec<Entry>,
) -> Response {
    let base = &app.config().public_url;
    let mut f = Feed::default();
    f.set_id(format!("urn:storyline:{id}"));
    f.set_title(title);
    let updated = entries
        .iter()
        .map(|e| *e.updated())
        .max()
        .unwrap_or_default();
    f.set_updated(updated);
    f.set_links(vec![
        link(format!("{base}{self_path}"), "self"),
        link(format!("{base}{page}"), "alternate"),
    ]);
    let mut author = Person::default();
    author.set_name("storyline");
    f.set_authors(vec![author]);
    f.set_entries(entries);
    ([(header::CONTENT_TYPE, ATOM)], f.to_string()).into_response()
}

fn article_entry(app: &App, a: &ArticleRow, updated: &str) -> Entry {
    let base = &app.config().public_url;
    let mut e = Entry::default();
    e.set_id(format!(
        "urn:storyline:article:{}",
        crate::pages::encode(&a.id)
    ));
    e.set_title(a.title.clone().unwrap_or_else(|| a.id.clone()));
    e.set_updated(time(updated));
    e.set_published(a.published.as_deref().map(time));
    e.set_links(vec![link(
        format!("{base}{}", article_href(&a.id)),
        "alternate",
    )]);
    if let Some(source) = &a.source {
        e.set_summary(Some(Text::plain(source.clone())));
    }
    e
}

fn html_content(markup: maud::Markup) -> Content {
    let mut c = Content::default();
    c.set_content_type(Some("html".to_owned()));
    c.set_value(Some(markup.into_string()));
    c
}

/// `GET /feeds/stories.atom`: every new story, newest first.
pub(crate) async fn stories(State(app): State<App>) -> Result<Response, Error> {
    let list = app
        .pool()
        .run(|s| Ok(s.stories(StoryOrder::New, 50, 0)?))
        .await?;
    let base = app.config().public_url.clone();
    let entries = list
        .iter()
        .map(|s| {
            let mut e = Entry::default();
            e.set_id(format!("urn:storyline:story:{}", s.id));
            e.set_title(s.title.clone().unwrap_or_else(|| format!("Story {}", s.id)));
            e.set_updated(time(&s.updated));
            e.set_published(Some(time(&s.created)));
            e.set_links(vec![link(format!("{base}/stories/{}", s.id), "alternate")]);
            e.set_summary(Some(Text::plain(format!(
                "{} from {}",
                counted(s.articles.into(), "article", "articles"),
                counted(s.sources.into(), "source", "sources")
            ))));
            e
        })
        .collect();
    Ok(feed(
        &app,
        "stories",
        "storyline: new stories",
        "/feeds/stories.atom",
        "/",
        entries,
    ))
}

/// `GET /stories/{id}/feed.atom`: one entry per batch that added to a story.
pub(crate) async fn story(State(app): State<App>, Path(id): Path<i64>) -> Result<Response, Error> {
    let (detail, updates) = app
        .pool()
        .run(move |s| Ok((s.story(id)?, s.story_updates(id, 50)?)))
        .await?;
    let Some(detail) = detail else {
        return Err(Error::NotFound(format!("story {id}")));
    };
    let sid = detail.summary.id;
    let title = detail
        .summary
        .title
        .clone()
        .unwrap_or_else(|| format!("Story {sid}"));
    let base = app.config().public_url.clone();
    let entries = updates
        .iter()
        .map(|u| {
            let mut e = Entry::default();
            e.set_id(format!("urn:storyline:story:{sid}:batch:{}", u.batch));
            e.set_title(format!("{title}: {} new article{}", u.added, if u.added == 1 { "" } else { "s" }));
            e.set_updated(time(&u.received));
            e.set_links(vec![link(format!("{base}/stories/{sid}"), "alternate")]);
            e.set_content(Some(html_content(html! {
                ul { @for a in &u.articles {
                    li { a href=(format!("{base}{}", article_href(&a.id))) { (a.title.as_deref().unwrap_or(&a.id)) }
                        " — " (a.source.as_deref().unwrap_or("unknown source")) }
                } }
            })));
            e
        })
        .collect();
    Ok(feed(
        &app,
        &format!("story:{sid}"),
        &format!("storyline: {title}"),
        &format!("/stories/{sid}/feed.atom"),
        &format!("/stories/{sid}"),
        entries,
    ))
}

/// `GET /watchlists/{id}/feed.atom`: the articles a watchlist matched.
pub(crate) async fn watchlist(
    State(app): State<App>,
    Path(id): Path<i64>,
) -> Result<Response, Error> {
    let found = app
        .pool()
        .run(move |s| {
            Ok(match s.watchlist(id)? {
                Some(w) => Some((w, s.watch_hits(id, 50)?)),
                None => None,
            })
        })
        .await?;
    let Some((w, hits)) = found else {
        return Err(Error::NotFound(format!("watchlist {id}")));
    };
    let entries = hits
        .iter()
        .map(|(a, received)| article_entry(&app, a, received))
        .collect();
    Ok(feed(
        &app,
        &format!("watchlist:{id}"),
        &format!("storyline watchlist: {}", w.name),
        &format!("/watchlists/{id}/feed.atom"),
        &format!("/watchlists/{id}"),
        entries,
    ))
}

/// `GET /search/feed.atom?q=...`: a search as a feed (a watchlist that
/// needs no account), newest articles first.
pub(crate) async fn search(
    State(app): State<App>,
    Query(p): Query<SearchParams>,
) -> Result<Response, Error> {
    let mut q = p.query()?;
    if q.is_empty() {
        return Err(Error::BadRequest(
            "a search feed needs a query; add ?q=words".into(),
        ));
    }
    q.limit = 50;
    q.offset = 0;
    let text = q.text.clone();
    let mut hits = app.pool().run(move |s| Ok(s.search(&q)?.hits)).await?;
    hits.sort_by_key(|h| std::cmp::Reverse(h.article.published.as_deref().map(time)));
    let entries = hits
        .iter()
        .map(|h| {
            let updated = h.article.published.clone().unwrap_or_default();
            let mut e = article_entry(&app, &h.article, &updated);
            e.set_content(Some(html_content(crate::pages::snippet(&h.snippet))));
            e
        })
        .collect();
    Ok(feed(
        &app,
        &format!("search:{}", crate::pages::encode(&text)),
        &format!("storyline search: {text}"),
        "/search/feed.atom",
        &format!("/search?q={}", crate::pages::encode(&text)),
        entries,
    ))
}
