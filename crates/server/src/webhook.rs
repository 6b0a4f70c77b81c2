//! Webhook deliveries for watchlists: each queued delivery is POSTed as
//! JSON, signed with HMAC-SHA256 over the body using the watchlist's
//! secret, and retried with exponential backoff until it is accepted (any
//! 2xx) or [`MAX_ATTEMPTS`] have failed.
//!
//! The queue lives in the store, so deliveries survive restarts and are
//! made whether the articles came in over HTTP or from `storyline ingest`.
//! The client speaks plain HTTP (hyper); an `https` target is recorded as a
//! failed delivery with the reason, since this build carries no TLS stack.

use std::time::Duration;

use axum::body::Bytes;
use hmac::{Hmac, KeyInit, Mac};
use http_body_util::Full;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use sha2::Sha256;

use crate::{App, Error};

/// The header carrying the signature: `sha256=<hex HMAC of the body>`.
pub const SIGNATURE_HEADER: &str = "x-storyline-signature";
/// Attempts before a delivery is given up.
pub const MAX_ATTEMPTS: u32 = 8;
/// The wait before the first retry; each later retry waits twice as long.
const FIRST_RETRY_SECS: i64 = 10;

/// The signature of `body` under `secret`, as sent in [`SIGNATURE_HEADER`].
///
/// ```
/// let sig = storyline_server::sign("0123456789abcdef", b"{}");
/// assert!(sig.starts_with("sha256=") && sig.len() == 7 + 64);
/// ```
pub fn sign(secret: &str, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .expect("hmac takes keys of any length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

fn client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

async fn post(
    client: &HttpClient,
    url: &str,
    id: i64,
    secret: &str,
    payload: String,
) -> Result<(), String> {
    if !url.starts_with("http://") {
        return Err("only http webhook targets are supported by this build".into());
    }
    let signature = sign(secret, payload.as_bytes());
    let request = axum::http::Request::post(url)
        .header("content-type", "application/json")
        .header("user-agent", "storyline-webhook")
        .header("x-storyline-delivery", id.to_string())
        .header(SIGNATURE_HEADER, signature)
        .body(Full::new(Bytes::from(payload)))
        .map_err(|e| format!("bad webhook url: {e}"))?;
    match tokio::time::timeout(Duration::from_secs(10), client.request(request)).await {
        Err(_) => Err("timed out after 10 s".into()),
        Ok(Err(e)) => Err(format!("request failed: {e}")),
        Ok(Ok(response)) if response.status().is_success() => Ok(()),
        Ok(Ok(response)) => Err(format!("target answered {}", response.status())),
    }
}

/// Sends every delivery due at `now_unix` once, recording each outcome.
/// Returns how many were accepted.
pub async fn deliver_due(app: &App, now_unix: i64) -> Result<usize, Error> {
    let due = app
        .pool()
        .run(move |s| Ok(s.due_deliveries(now_unix, 50)?))
        .await?;
    let client = client();
    let mut accepted = 0;
    for d in due {
        let outcome = post(&client, &d.url, d.id, &d.secret, d.payload.clone()).await;
        let attempts = d.attempts + 1;
        match outcome {
            Ok(()) => {
                accepted += 1;
                app.pool()
                    .run(move |s| Ok(s.delivered(d.id, now_unix)?))
                    .await?;
            }
            Err(reason) => {
                let retry = (attempts < MAX_ATTEMPTS && d.url.starts_with("http://"))
                    .then(|| now_unix + FIRST_RETRY_SECS * (1i64 << (attempts - 1).min(20)));
                app.pool()
                    .run(move |s| Ok(s.delivery_failed(d.id, &reason, retry)?))
                    .await?;
            }
        }
    }
    Ok(accepted)
}

/// The delivery loop the server runs in the background.
pub(crate) async fn run(app: App) {
    let mut tick = tokio::time::interval(app.config().webhook_poll);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let now = crate::ingest::now().timestamp();
        if let Err(e) = deliver_due(&app, now).await {
            eprintln!("error: webhook deliveries: {e}");
        }
    }
}
