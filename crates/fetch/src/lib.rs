//! Polite fetching of web pages and feeds: here is a URL, give me its
//! articles.
//!
//! [`Fetcher`] does HTTP(S) with rustls (the `ring` provider, which builds
//! without a C toolchain beyond `cc`), with connect and overall timeouts,
//! retries with exponential backoff on network errors, `429` and `5xx`
//! (honouring `Retry-After`), conditional requests from an on-disk cache
//! (`ETag` / `Last-Modified`, so an unchanged page costs a `304`),
//! robots.txt respected (fetched once per host, with its `Crawl-delay`), a
//! minimum interval between two requests to the same host, a limit on the
//! size of a body, and a user agent that says who we are.
//!
//! [`Fetcher::articles`] turns a URL into articles: a web page becomes one
//! (through `storyline_ingest::page`), a feed one per entry, with the
//! linked page fetched when the entry is only a teaser, and an OPML list
//! every feed it names. Network code lives in this crate alone, so nothing
//! else pays for an HTTP stack.

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use storyline_core::{ArticleId, Diagnostic, Location, RawArticle};
use storyline_ingest::charset::decode_feed;
use storyline_ingest::feed::{looks_like_feed, looks_like_opml, parse_feed, parse_opml};
use storyline_ingest::page::{PageOptions, extract_served_page};

mod cache;

use cache::{Cache, CacheEntry};

/// The user agent: our name and version, and what we are.
pub const USER_AGENT: &str = concat!(
    "storyline/",
    env!("CARGO_PKG_VERSION"),
    " (news story engine; polite fetcher; respects robots.txt)"
);

/// The product token robots.txt rules are matched against.
pub const ROBOTS_AGENT: &str = "storyline";

/// Settings for fetching, with documented defaults.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FetchConfig {
    /// Sent with every request. Default [`USER_AGENT`].
    pub user_agent: String,
    /// Limit on connecting (default 10 s).
    pub connect_timeout: Duration,
    /// Limit on a whole request, body included (default 30 s).
    pub timeout: Duration,
    /// Retries after the first attempt on network errors, `429` and `5xx`
    /// (default 2).
    pub retries: u32,
    /// The wait before the first retry, doubled for each further one
    /// (default 500 ms); a `Retry-After` of up to a minute replaces it.
    pub backoff: Duration,
    /// The least time between two requests to one host (default 1 s);
    /// a longer robots.txt `Crawl-delay` wins.
    pub host_interval: Duration,
    /// The largest body read (default 10 MB); a larger one is an error.
    pub max_bytes: u64,
    /// Where validators and bodies are kept for conditional requests;
    /// `None` fetches everything afresh.
    pub cache_dir: Option<PathBuf>,
    /// Fetch the linked page of a feed entry whose text is only a teaser
    /// (default true).
    pub follow_teasers: bool,
    /// The most feed entries read from one feed (default 200).
    pub max_entries: usize,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: USER_AGENT.to_owned(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            retries: 2,
            backoff: Duration::from_millis(500),
            host_interval: Duration::from_secs(1),
            max_bytes: 10_000_000,
            cache_dir: None,
            follow_teasers: true,
            max_entries: 200,
        }
    }
}

/// Why a fetch failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// The URL cannot be fetched (not http or https, or malformed).
    #[error("cannot fetch {url}: {why}")]
    BadUrl {
        /// The URL.
        url: String,
        /// What is wrong with it.
        why: String,
    },
    /// robots.txt of the host disallows the URL for us.
    #[error("{url} is disallowed by the site's robots.txt, not fetched")]
    Disallowed {
        /// The URL.
        url: String,
    },
    /// The server answered with an error status (after retries).
    #[error("{url} answered http {status}")]
    Status {
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The body is larger than the limit.
    #[error("{url} is over the {limit} byte size limit, not read")]
    TooLarge {
        /// The URL.
        url: String,
        /// The limit.
        limit: u64,
    },
    /// The request failed on the network (after retries).
    #[error("cannot fetch {url} ({})", causes(.source))]
    Network {
        /// The URL.
        url: String,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },
    /// The HTTP client could not be built.
    #[error("cannot set up the http client ({0})")]
    Client(#[source] reqwest::Error),
}

/// A fetched document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Fetched {
    /// The URL asked for.
    pub url: String,
    /// The URL after redirects.
    pub final_url: String,
    /// The content type the server named, lower-cased.
    pub content_type: Option<String>,
    /// The body.
    pub body: Vec<u8>,
    /// Whether the body came from the cache after a `304 Not Modified`.
    pub from_cache: bool,
}

/// What robots.txt says for one host.
enum Robots {
    /// Rules, and the crawl delay they ask for.
    Rules(Box<texting_robots::Robot>),
    /// No usable robots.txt (absent, an error page, unparseable): all
    /// allowed, as the robots exclusion standard says.
    AllowAll,
}

/// A polite HTTP fetcher. One per run: it remembers robots.txt and the time
/// of the last request for each host.
pub struct Fetcher {
    client: reqwest::blocking::Client,
    cfg: FetchConfig,
    robots: HashMap<String, Robots>,
    last_request: HashMap<String, Instant>,
    host_delay: HashMap<String, Duration>,
    cache: Option<Cache>,
}

impl Fetcher {
    /// A fetcher with `cfg`.
    pub fn new(cfg: FetchConfig) -> Result<Fetcher, FetchError> {
        // The process-wide rustls provider: ring. Installing twice is
        // harmless (the first one stays), so the result is ignored.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::blocking::Client::builder()
            .user_agent(cfg.user_agent.clone())
            .connect_timeout(cfg.connect_timeout)
            .timeout(cfg.timeout)
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(FetchError::Client)?;
        let cache = cfg.cache_dir.clone().map(Cache::new);
        Ok(Fetcher {
            client,
            cfg,
            robots: HashMap::new(),
            last_request: HashMap::new(),
            host_delay: HashMap::new(),
            cache,
        })
    }

    /// Fetches one URL politely: robots.txt checked, the host's interval
    /// kept, a cached copy revalidated, errors retried.
    pub fn fetch(&mut self, url: &str) -> Result<Fetched, FetchError> {
        let parsed = reqwest::Url::parse(url).map_err(|e| FetchError::BadUrl {
            url: url.to_owned(),
            why: e.to_string(),
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(FetchError::BadUrl {
                url: url.to_owned(),
                why: format!("scheme {} is not http or https", parsed.scheme()),
            });
        }
        let host = host_key(&parsed);
        self.ensure_robots(&parsed, &host);
        if let Some(Robots::Rules(r)) = self.robots.get(&host)
            && !r.allowed(url)
        {
            return Err(FetchError::Disallowed {
                url: url.to_owned(),
            });
        }
        let cached = self.cache.as_ref().and_then(|c| c.get(url));
        let mut request_headers = Vec::new();
        if let Some(c) = &cached {
            if let Some(etag) = &c.etag {
                request_headers.push((reqwest::header::IF_NONE_MATCH, etag.clone()));
            }
            if let Some(lm) = &c.last_modified {
                request_headers.push((reqwest::header::IF_MODIFIED_SINCE, lm.clone()));
            }
        }
        let response = self.get_with_retries(url, &host, &request_headers)?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_MODIFIED
            && let Some(c) = cached
        {
            return Ok(Fetched {
                url: url.to_owned(),
                final_url: c.final_url.clone(),
                content_type: c.content_type.clone(),
                body: c.body,
                from_cache: true,
            });
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                url: url.to_owned(),
                status: status.as_u16(),
            });
        }
        let header = |name: reqwest::header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let etag = header(reqwest::header::ETAG);
        let last_modified = header(reqwest::header::LAST_MODIFIED);
        let content_type = header(reqwest::header::CONTENT_TYPE).map(|t| t.to_ascii_lowercase());
        let final_url = response.url().to_string();
        let body = read_limited(response, url, self.cfg.max_bytes)?;
        if let Some(cache) = &self.cache
            && (etag.is_some() || last_modified.is_some())
        {
            // A cache that cannot be written costs only the next
            // conditional request; the fetch itself succeeded.
            let _ = cache.put(
                url,
                &CacheEntry {
                    final_url: final_url.clone(),
                    etag,
                    last_modified,
                    content_type: content_type.clone(),
                    body: body.clone(),
                },
            );
        }
        Ok(Fetched {
            url: url.to_owned(),
            final_url,
            content_type,
            body,
            from_cache: false,
        })
    }

    /// A GET with the host's interval kept and retries on transient errors.
    fn get_with_retries(
        &mut self,
        url: &str,
        host: &str,
        headers: &[(reqwest::header::HeaderName, String)],
    ) -> Result<reqwest::blocking::Response, FetchError> {
        let mut attempt = 0;
        loop {
            self.wait_for_host(host);
            let mut req = self.client.get(url);
            for (k, v) in headers {
                req = req.header(k, v);
            }
            let result = req.send();
            self.last_request.insert(host.to_owned(), Instant::now());
            let transient = |r: &reqwest::blocking::Response| {
                r.status().as_u16() == 429 || r.status().is_server_error()
            };
            let result = match result {
                Ok(r) if !transient(&r) => return Ok(r),
                other => other,
            };
            if attempt >= self.cfg.retries {
                return match result {
                    Ok(r) => Err(FetchError::Status {
                        url: url.to_owned(),
                        status: r.status().as_u16(),
                    }),
                    Err(source) => Err(FetchError::Network {
                        url: url.to_owned(),
                        source,
                    }),
                };
            }
            let retry_after = result.as_ref().ok().and_then(|r| {
                r.headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(|s| Duration::from_secs(s.min(60)))
            });
            let backoff = self.cfg.backoff * 2u32.saturating_pow(attempt);
            std::thread::sleep(retry_after.unwrap_or(backoff));
            attempt += 1;
        }
    }

    /// Sleeps until the host's interval since the last request has passed.
    fn wait_for_host(&self, host: &str) {
        let interval = self
            .host_delay
            .get(host)
            .copied()
            .unwrap_or(self.cfg.host_interval)
            .max(self.cfg.host_interval);
        if let Some(last) = self.last_request.get(host) {
            let since = last.elapsed();
            if since < interval {
                std::thread::sleep(interval - since);
            }
        }
    }

    /// Fetches and parses the host's robots.txt once.
    fn ensure_robots(&mut self, url: &reqwest::Url, host: &str) {
        if self.robots.contains_key(host) {
            return;
        }
        let robots_url = format!("{}://{}/robots.txt", url.scheme(), host);
        let rules = match self.get_with_retries(&robots_url, host, &[]) {
            Ok(r) if r.status().is_success() => read_limited(r, &robots_url, 512 * 1024)
                .ok()
                .and_then(|body| texting_robots::Robot::new(ROBOTS_AGENT, &body).ok())
                .map_or(Robots::AllowAll, |r| Robots::Rules(Box::new(r))),
            // 4xx: no rules. 5xx or unreachable after retries: the
            // standard says to assume complete disallow, but a flaky
            // robots.txt would then block a whole site for the run; we
            // treat it as no rules and still keep the host interval.
            _ => Robots::AllowAll,
        };
        if let Robots::Rules(r) = &rules
            && let Some(d) = r.delay
            && d.is_finite()
            && d > 0.0
        {
            self.host_delay
                .insert(host.to_owned(), Duration::from_secs_f32(d.min(60.0)));
        }
        self.robots.insert(host.to_owned(), rules);
    }

    /// The articles behind a URL: a page, a feed's entries, or the entries
    /// of every feed an OPML list names. Problems (a feed that failed, an
    /// entry whose page was disallowed) become diagnostics; the articles
    /// that could be read are returned.
    pub fn articles(&mut self, url: &str) -> (Vec<RawArticle>, Vec<Diagnostic>) {
        let mut articles = Vec::new();
        let mut diagnostics = Vec::new();
        let fetched = match self.fetch(url) {
            Ok(f) => f,
            Err(e) => {
                diagnostics.push(fetch_diagnostic(url, &e));
                return (articles, diagnostics);
            }
        };
        if looks_like_opml(&fetched.body) {
            let (a, d) = self.list_articles(url, &fetched.body, Some(&fetched.final_url));
            articles.extend(a);
            diagnostics.extend(d);
        } else if is_feed(&fetched) {
            let (a, d) = self.feed_articles(url, Some(fetched));
            articles.extend(a);
            diagnostics.extend(d);
        } else {
            match page_article(&fetched) {
                Some(a) => articles.push(a),
                None => diagnostics.push(Diagnostic::error(
                    Location::file(url.to_owned()),
                    "page has no text, skipped",
                )),
            }
        }
        (articles, diagnostics)
    }

    /// The entries of every feed an OPML list names. `name` stands for the
    /// list in diagnostics (its URL, or its path when it is a file); `base`
    /// is the address relative feed URLs are resolved against.
    pub fn list_articles(
        &mut self,
        name: &str,
        list: &[u8],
        base: Option<&str>,
    ) -> (Vec<RawArticle>, Vec<Diagnostic>) {
        let mut articles = Vec::new();
        let mut diagnostics = Vec::new();
        let feeds = match parse_opml(list) {
            Ok(feeds) => feeds,
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    Location::file(name.to_owned()),
                    format!("{e}, skipped; check the list"),
                ));
                return (articles, diagnostics);
            }
        };
        for feed in feeds {
            // Lists name feeds by absolute URL as a rule, but a relative
            // one is resolved against the list's.
            let feed_url = base
                .and_then(|b| reqwest::Url::parse(b).ok())
                .and_then(|b| b.join(&feed.url).ok())
                .map_or(feed.url.clone(), |u| u.to_string());
            let (a, d) = self.feed_articles(&feed_url, None);
            articles.extend(a);
            diagnostics.extend(d);
        }
        (articles, diagnostics)
    }

    /// The entries of one feed as articles, fetching a teaser's page.
    fn feed_articles(
        &mut self,
        url: &str,
        fetched: Option<Fetched>,
    ) -> (Vec<RawArticle>, Vec<Diagnostic>) {
        let mut articles = Vec::new();
        let mut diagnostics = Vec::new();
        let loc = Location::file(url.to_owned());
        let fetched = match fetched.map_or_else(|| self.fetch(url), Ok) {
            Ok(f) => f,
            Err(e) => {
                diagnostics.push(fetch_diagnostic(url, &e));
                return (articles, diagnostics);
            }
        };
        let body = decode_feed(&fetched.body, fetched.content_type.as_deref());
        let feed = match parse_feed(&body[..], Some(&fetched.final_url)) {
            Ok(f) => f,
            Err(e) => {
                diagnostics.push(Diagnostic::error(loc, format!("{e}, skipped")));
                return (articles, diagnostics);
            }
        };
        for entry in feed.entries.iter().take(self.cfg.max_entries) {
            let mut article = entry.to_article(feed.title.as_deref(), &loc);
            if self.cfg.follow_teasers
                && entry.is_teaser
                && let Some(link) = &entry.url
            {
                match self.fetch(link) {
                    Ok(page) => {
                        if let Some(mut full) = page_article(&page) {
                            // The feed's id, title and date are the
                            // publisher's own; the page fills the rest.
                            // The outlet is the one the entry names, else
                            // the page's own (an aggregator's feed title
                            // is not the outlet, and an outlet's feed
                            // title often carries a section), else the
                            // feed's title.
                            if let Some(a) = &article {
                                full.id = a.id.clone();
                                full.title = a.title.clone().or(full.title);
                                full.published = a.published.or(full.published);
                                full.source =
                                    entry.source.clone().or(full.source).or(a.source.clone());
                                if full.meta.authors.is_empty() {
                                    full.meta.authors = a.meta.authors.clone();
                                }
                            }
                            article = Some(full);
                        }
                    }
                    // The error names the page; the location names the
                    // feed and its entry.
                    Err(e) => diagnostics.push(Diagnostic::warning(
                        loc.clone().with_article(entry.id.clone()),
                        format!("{e}; kept the feed's teaser"),
                    )),
                }
            }
            match article {
                Some(a) => articles.push(a),
                None => diagnostics.push(Diagnostic::warning(
                    loc.clone().with_article(entry.id.clone()),
                    "feed entry has no text and no readable page, skipped",
                )),
            }
        }
        (articles, diagnostics)
    }
}

/// Reads at most `limit` bytes of a body; more is an error.
fn read_limited(
    response: reqwest::blocking::Response,
    url: &str,
    limit: u64,
) -> Result<Vec<u8>, FetchError> {
    if response.content_length().is_some_and(|n| n > limit) {
        return Err(FetchError::TooLarge {
            url: url.to_owned(),
            limit,
        });
    }
    let mut body = Vec::new();
    response
        .take(limit + 1)
        .read_to_end(&mut body)
        .map_err(|e| FetchError::BadUrl {
            url: url.to_owned(),
            why: format!("the body could not be read ({e})"),
        })?;
    if body.len() as u64 > limit {
        return Err(FetchError::TooLarge {
            url: url.to_owned(),
            limit,
        });
    }
    Ok(body)
}

/// The `host[:port]` a URL names: the unit of politeness.
fn host_key(url: &reqwest::Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_owned(),
        _ => String::new(),
    }
}

fn is_feed(f: &Fetched) -> bool {
    let by_type = f.content_type.as_deref().is_some_and(|t| {
        t.contains("rss") || t.contains("atom") || t.contains("feed+json") || t.contains("/xml")
    });
    by_type
        && !f
            .content_type
            .as_deref()
            .is_some_and(|t| t.contains("html"))
        || looks_like_feed(&f.body)
}

/// A fetched web page as an article.
fn page_article(f: &Fetched) -> Option<RawArticle> {
    let page = extract_served_page(
        &f.body,
        f.content_type.as_deref(),
        Some(&f.final_url),
        &PageOptions::default(),
    );
    if page.text.trim().is_empty() {
        return None;
    }
    let url = page.url.clone().unwrap_or_else(|| f.final_url.clone());
    let meta = page.meta();
    Some(RawArticle {
        id: ArticleId::from_content(Some(&url), &page.text),
        origin: Location::file(f.url.clone()),
        url: Some(url),
        source: page.site_name,
        published: page.published,
        title: page.title,
        text: page.text,
        meta,
    })
}

/// What went wrong under a network error, innermost cause last ("client
/// error (Connect): tcp connect error: Connection refused (os error 111)"):
/// reqwest's own message names only the request, its causes say why.
fn causes(e: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = std::error::Error::source(e);
    while let Some(cause) = next {
        let text = cause.to_string();
        if parts.last() != Some(&text) {
            parts.push(text);
        }
        next = cause.source();
    }
    if parts.is_empty() {
        e.to_string()
    } else {
        parts.join(": ")
    }
}

fn fetch_diagnostic(url: &str, e: &FetchError) -> Diagnostic {
    let what_to_do = match e {
        FetchError::Disallowed { .. } => "skipped as the site asks",
        FetchError::TooLarge { .. } => "skipped; raise --max-bytes if it is an article",
        _ => "skipped; check the address or try again later",
    };
    Diagnostic::error(Location::file(url.to_owned()), format!("{e}, {what_to_do}"))
}

#[cfg(test)]
mod tests;
