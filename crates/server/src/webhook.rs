//! Webhook deliveries for watchlists: each queued delivery is POSTed as
//! JSON, signed with HMAC-SHA256 over the body using the watchlist's
//! secret, and retried with exponential backoff until it is accepted (any
//! 2xx) or [`MAX_ATTEMPTS`] have failed.
//!
//! The queue lives in the store, so deliveries survive restarts and are
//! made whether the articles came in over HTTP or from `storyline ingest`.
//! Targets are `http` or `https` (reqwest with rustls, the `ring`
//! provider, certificates checked against the system's roots plus any the
//! configuration adds, for a private CA). Redirects are not followed: a
//! webhook goes to the URL its owner gave, or fails.

use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
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

/// The client deliveries are made with: `roots` are PEM certificates
/// trusted besides the system's.
pub(crate) fn client(roots: &[Vec<u8>]) -> Result<reqwest::Client, Error> {
    // The process-wide rustls provider: ring. Installing twice is harmless
    // (the first one stays), so the result is ignored.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut certs = Vec::new();
    for pem in roots {
        certs.extend(
            reqwest::Certificate::from_pem_bundle(pem).map_err(|e| {
                Error::Config(format!("cannot read a webhook root certificate: {e}"))
            })?,
        );
    }
    reqwest::Client::builder()
        .user_agent("storyline-webhook")
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(10))
        .tls_certs_merge(certs)
        .build()
        .map_err(|e| Error::Config(format!("cannot build the webhook client: {e}")))
}

/// Whether a URL is one deliveries can be made to at all.
fn deliverable(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

async fn post(
    client: &reqwest::Client,
    url: &str,
    id: i64,
    secret: &str,
    payload: String,
) -> Result<(), String> {
    if !deliverable(url) {
        return Err("webhook targets must be http or https URLs".into());
    }
    let signature = sign(secret, payload.as_bytes());
    let sent = client
        .post(url)
        .header("content-type", "application/json")
        .header("x-storyline-delivery", id.to_string())
        .header(SIGNATURE_HEADER, signature)
        .body(payload)
        .send()
        .await;
    match sent {
        Err(e) if e.is_timeout() => Err("timed out after 10 s".into()),
        Err(e) => Err(format!("request failed: {}", chain(&e))),
        Ok(response) if response.status().is_success() => Ok(()),
        Ok(response) => Err(format!("target answered {}", response.status())),
    }
}

/// An error with its causes, which for TLS failures say what was wrong
/// with the certificate.
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cause = c.source();
    }
    out
}

/// Sends every delivery due at `now_unix` once, recording each outcome.
/// Returns how many were accepted.
pub async fn deliver_due(app: &App, now_unix: i64) -> Result<usize, Error> {
    let due = app
        .pool()
        .run(move |s| Ok(s.due_deliveries(now_unix, 50)?))
        .await?;
    let client = &app.inner.webhooks;
    let mut accepted = 0;
    for d in due {
        let outcome = post(client, &d.url, d.id, &d.secret, d.payload.clone()).await;
        let attempts = d.attempts + 1;
        match outcome {
            Ok(()) => {
                accepted += 1;
                app.pool()
                    .run(move |s| Ok(s.delivered(d.id, now_unix)?))
                    .await?;
            }
            Err(reason) => {
                let retry = (attempts < MAX_ATTEMPTS && deliverable(&d.url))
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
