//! storyline's web server: a server-rendered UI usable without JavaScript,
//! a JSON API under `/api/` described at `/api/openapi.json`, Atom feeds
//! (new stories, one story's updates, watchlists, searches), signed and
//! retried webhooks for watchlists, and ingest over HTTP behind a token.
//!
//! Everything but ingest and watchlist management is read-only. Article
//! content is untrusted: every page is rendered by maud, which escapes all
//! interpolated text, and pages are served with a Content-Security-Policy
//! that forbids scripts. Requests have size and time limits. No route reads
//! the file system, so there is no path to traverse: ids in paths are only
//! ever looked up in the store.
//!
//! ```no_run
//! # async fn run() -> Result<(), storyline_server::Error> {
//! let config = storyline_server::ServerConfig::new("storyline.db".into());
//! let app = storyline_server::App::open(config)?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! storyline_server::serve(app, listener).await?;
//! # Ok(()) }
//! ```

mod api;
mod auth;
mod cache;
mod chart;
mod digest;
mod error;
mod feeds;
mod ingest;
mod openapi;
mod pages;
mod pool;
mod webhook;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, StatusCode, header};
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::Error;
pub use webhook::{MAX_ATTEMPTS, SIGNATURE_HEADER, deliver_due, sign};

use auth::Token;
use cache::PageCache;
use pool::Pool;

/// How the server runs, with documented defaults.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The store to serve.
    pub db: PathBuf,
    /// The token `POST /api/ingest` and watchlist changes require; `None`
    /// turns them off (the server is then entirely read-only).
    pub ingest_token: Option<String>,
    /// The address links in feeds and webhooks point at, e.g.
    /// `http://127.0.0.1:8080`.
    pub public_url: String,
    /// Longest a request may take (default 10 s).
    pub request_timeout: Duration,
    /// Largest request body outside ingest (default 64 KiB).
    pub max_body_bytes: usize,
    /// Largest ingest request body (default 16 MiB).
    pub max_ingest_bytes: usize,
    /// Store connections for readers (default 8).
    pub readers: usize,
    /// How often the webhook loop looks for due deliveries (default 2 s).
    pub webhook_poll: Duration,
    /// PEM certificates (each entry one file, possibly a bundle) trusted for
    /// `https` webhook targets besides the system's roots, e.g. a private
    /// CA (default none).
    pub webhook_roots: Vec<Vec<u8>>,
    /// Rendered story pages kept in memory until the store changes
    /// (default 128; the largest pages are a few hundred KB).
    pub page_cache: usize,
}

impl ServerConfig {
    /// The defaults, serving `db`.
    pub fn new(db: PathBuf) -> ServerConfig {
        ServerConfig {
            db,
            ingest_token: None,
            public_url: "http://127.0.0.1:8080".into(),
            request_timeout: Duration::from_secs(10),
            max_body_bytes: 64 * 1024,
            max_ingest_bytes: 16 * 1024 * 1024,
            readers: 8,
            webhook_poll: Duration::from_secs(2),
            webhook_roots: Vec::new(),
            page_cache: 128,
        }
    }
}

/// The application: configuration and the store's connections.
#[derive(Debug, Clone)]
pub struct App {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: ServerConfig,
    pool: Pool,
    pages: PageCache,
    token: Option<Token>,
    writer: ingest::Writer,
    webhooks: reqwest::Client,
}

impl App {
    /// Opens the store (creating and migrating it when needed).
    pub fn open(config: ServerConfig) -> Result<App, Error> {
        let pool = Pool::open(&config.db, config.readers.max(1))?;
        let pages = PageCache::open(&config.db, config.page_cache)?;
        let token = config.ingest_token.as_deref().map(Token::new);
        let writer = ingest::Writer::new(config.db.clone());
        let webhooks = webhook::client(&config.webhook_roots)?;
        Ok(App {
            inner: Arc::new(Inner {
                config,
                pool,
                pages,
                token,
                writer,
                webhooks,
            }),
        })
    }

    pub(crate) fn pool(&self) -> &Pool {
        &self.inner.pool
    }

    pub(crate) fn pages(&self) -> &PageCache {
        &self.inner.pages
    }

    pub(crate) fn config(&self) -> &ServerConfig {
        &self.inner.config
    }

    /// The router with every route and limit, for serving or for tests.
    pub fn router(&self) -> Router {
        let config = self.config();
        let csp = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
                   form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        let ingest = Router::new()
            .route("/api/ingest", post(ingest::ingest))
            .layer(DefaultBodyLimit::max(config.max_ingest_bytes));
        Router::new()
            .route("/", get(pages::stories))
            .route("/stories/{id}", get(pages::story))
            .route("/stories/{id}/feed.atom", get(feeds::story))
            .route("/articles/{id}", get(pages::article))
            .route("/search", get(pages::search))
            .route("/search/feed.atom", get(feeds::search))
            .route("/watchlists", get(pages::watchlists))
            .route("/watchlists/{id}", get(pages::watchlist))
            .route("/watchlists/{id}/feed.atom", get(feeds::watchlist))
            .route("/feeds/stories.atom", get(feeds::stories))
            .route("/api/health", get(api::health))
            .route("/api/openapi.json", get(openapi::document))
            .route("/api/stories", get(api::stories))
            .route("/api/stories/{id}", get(api::story))
            .route("/api/stories/{id}/updates", get(api::story_updates))
            .route("/api/articles/{id}", get(api::article))
            .route("/api/search", get(api::search))
            .route(
                "/api/watchlists",
                get(api::watchlists).post(api::add_watchlist),
            )
            .route(
                "/api/watchlists/{id}",
                get(api::watchlist).delete(api::remove_watchlist),
            )
            .layer(DefaultBodyLimit::max(config.max_body_bytes))
            .merge(ingest)
            .fallback(pages::not_found)
            .layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                config.request_timeout,
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(csp),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ))
            .with_state(self.clone())
    }
}

/// Serves `app` on `listener` until Ctrl-C, delivering webhooks in the
/// background.
pub async fn serve(app: App, listener: tokio::net::TcpListener) -> Result<(), Error> {
    let hooks = tokio::spawn(webhook::run(app.clone()));
    let router = app.router();
    let result = axum::serve(listener, router)
        .with_graceful_shutdown(async {
            // If the signal handler cannot be installed the server still
            // runs; it then stops only when killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await;
    hooks.abort();
    result.map_err(Error::Io)
}
