//! The JSON API under `/api/`: the same data the pages show, for machines.
//! Reads are open; watchlist changes need the ingest token.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use storyline_store::{
    ArticleRow, NewWatchlist, SearchResults, StoredArticle, StoryDetail, StoryOrder, StorySummary,
    StoryUpdate, Watchlist,
};

use crate::pages::SearchParams;
use crate::{App, Error};

/// Checks the ingest token on a write request.
pub(crate) fn require_token(app: &App, headers: &HeaderMap) -> Result<(), Error> {
    match &app.inner.token {
        None => Err(Error::Forbidden(
            "writes are off on this server; start it with an ingest token (storyline serve --token-file PATH)".into(),
        )),
        Some(t) if t.admits(headers) => Ok(()),
        Some(_) => Err(Error::Unauthorized),
    }
}

/// The store's state.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct Health {
    status: &'static str,
    schema_version: u32,
    articles: u64,
    stories: u64,
}

/// `GET /api/health`
#[utoipa::path(get, path = "/api/health", responses((status = 200, body = Health)))]
pub(crate) async fn health(State(app): State<App>) -> Result<Json<Health>, Error> {
    let h = app
        .pool()
        .run(|s| {
            Ok(Health {
                status: "ok",
                schema_version: s.schema_version()?,
                articles: s.article_count()?,
                stories: s.story_count()?,
            })
        })
        .await?;
    Ok(Json(h))
}

/// Paging of a story listing.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub(crate) struct ListParams {
    /// `rank` (default), `fresh`, `size` or `new`.
    sort: Option<StoryOrder>,
    /// At most this many (default 30, at most 200).
    limit: Option<usize>,
    /// Skip this many.
    offset: Option<usize>,
}

/// `GET /api/stories`
#[utoipa::path(get, path = "/api/stories", params(ListParams),
    responses((status = 200, body = Vec<StorySummary>)))]
pub(crate) async fn stories(
    State(app): State<App>,
    Query(p): Query<ListParams>,
) -> Result<Json<Vec<StorySummary>>, Error> {
    let order = p.sort.unwrap_or_default();
    let limit = p.limit.unwrap_or(30).clamp(1, 200);
    let offset = p.offset.unwrap_or(0);
    Ok(Json(
        app.pool()
            .run(move |s| Ok(s.stories(order, limit, offset)?))
            .await?,
    ))
}

/// `GET /api/stories/{id}`
#[utoipa::path(get, path = "/api/stories/{id}", params(("id" = i64, Path, description = "story id")),
    responses((status = 200, body = StoryDetail), (status = 404, description = "no such story")))]
pub(crate) async fn story(
    State(app): State<App>,
    Path(id): Path<i64>,
) -> Result<Json<StoryDetail>, Error> {
    app.pool()
        .run(move |s| Ok(s.story(id)?))
        .await?
        .map(Json)
        .ok_or_else(|| Error::NotFound(format!("story {id}")))
}

/// `GET /api/stories/{id}/updates`
#[utoipa::path(get, path = "/api/stories/{id}/updates", params(("id" = i64, Path, description = "story id")),
    responses((status = 200, body = Vec<StoryUpdate>), (status = 404, description = "no such story")))]
pub(crate) async fn story_updates(
    State(app): State<App>,
    Path(id): Path<i64>,
) -> Result<Json<Vec<StoryUpdate>>, Error> {
    let (exists, updates) = app
        .pool()
        .run(move |s| Ok((s.story(id)?.is_some(), s.story_updates(id, 100)?)))
        .await?;
    if !exists {
        return Err(Error::NotFound(format!("story {id}")));
    }
    Ok(Json(updates))
}

/// `GET /api/articles/{id}`
#[utoipa::path(get, path = "/api/articles/{id}", params(("id" = String, Path, description = "article id, percent-encoded")),
    responses((status = 200, body = StoredArticle), (status = 404, description = "no such article")))]
pub(crate) async fn article(
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<Json<StoredArticle>, Error> {
    let wanted = id.clone();
    app.pool()
        .run(move |s| Ok(s.article(&wanted)?))
        .await?
        .map(Json)
        .ok_or_else(|| Error::NotFound(format!("article {id:?}")))
}

/// `GET /api/search`
#[utoipa::path(get, path = "/api/search", params(
        ("q" = Option<String>, Query, description = "words, \"phrases\", prefix*, OR"),
        ("source" = Option<String>, Query, description = "only this outlet"),
        ("entity" = Option<String>, Query, description = "only articles naming this entity"),
        ("from" = Option<String>, Query, description = "published on or after, YYYY-MM-DD"),
        ("to" = Option<String>, Query, description = "published on or before, YYYY-MM-DD"),
        ("page" = Option<usize>, Query, description = "page, from 0"),
        ("limit" = Option<usize>, Query, description = "hits per page, 1 to 100 (default 20)")),
    responses((status = 200, body = SearchResults), (status = 400, description = "bad filter")))]
pub(crate) async fn search(
    State(app): State<App>,
    Query(p): Query<SearchParams>,
) -> Result<Json<SearchResults>, Error> {
    let q = p.query()?;
    Ok(Json(app.pool().run(move |s| Ok(s.search(&q)?)).await?))
}

/// `GET /api/watchlists`
#[utoipa::path(get, path = "/api/watchlists", responses((status = 200, body = Vec<Watchlist>)))]
pub(crate) async fn watchlists(State(app): State<App>) -> Result<Json<Vec<Watchlist>>, Error> {
    Ok(Json(app.pool().run(|s| Ok(s.watchlists()?)).await?))
}

/// `POST /api/watchlists` (token)
#[utoipa::path(post, path = "/api/watchlists", request_body = NewWatchlist,
    security(("token" = [])),
    responses((status = 201, body = Watchlist), (status = 400, description = "bad watchlist"),
        (status = 401, description = "missing or wrong token"), (status = 403, description = "writes are off")))]
pub(crate) async fn add_watchlist(
    State(app): State<App>,
    headers: HeaderMap,
    Json(w): Json<NewWatchlist>,
) -> Result<(StatusCode, Json<Watchlist>), Error> {
    require_token(&app, &headers)?;
    let w = app.pool().run(move |s| Ok(s.add_watchlist(&w)?)).await?;
    Ok((StatusCode::CREATED, Json(w)))
}

/// A watchlist with its latest matches.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct WatchlistHits {
    watchlist: Watchlist,
    hits: Vec<ArticleRow>,
}

/// `GET /api/watchlists/{id}`
#[utoipa::path(get, path = "/api/watchlists/{id}", params(("id" = i64, Path, description = "watchlist id")),
    responses((status = 200, body = WatchlistHits), (status = 404, description = "no such watchlist")))]
pub(crate) async fn watchlist(
    State(app): State<App>,
    Path(id): Path<i64>,
) -> Result<Json<WatchlistHits>, Error> {
    app.pool()
        .run(move |s| {
            Ok(match s.watchlist(id)? {
                Some(watchlist) => Some(WatchlistHits {
                    watchlist,
                    hits: s.watch_hits(id, 100)?.into_iter().map(|(a, _)| a).collect(),
                }),
                None => None,
            })
        })
        .await?
        .map(Json)
        .ok_or_else(|| Error::NotFound(format!("watchlist {id}")))
}

/// `DELETE /api/watchlists/{id}` (token)
#[utoipa::path(delete, path = "/api/watchlists/{id}", params(("id" = i64, Path, description = "watchlist id")),
    security(("token" = [])),
    responses((status = 204, description = "deleted"), (status = 404, description = "no such watchlist"),
        (status = 401, description = "missing or wrong token")))]
pub(crate) async fn remove_watchlist(
    State(app): State<App>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<StatusCode, Error> {
    require_token(&app, &headers)?;
    if app.pool().run(move |s| Ok(s.remove_watchlist(id)?)).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(Error::NotFound(format!("watchlist {id}")))
    }
}
