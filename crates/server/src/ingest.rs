//! Ingest over HTTP: `POST /api/ingest` with the token, a body of JSON
//! lines, a JSON array, HTML or text (gzip accepted), read by the same
//! readers and stored by the same pipeline as `storyline ingest`.
//!
//! One writer at a time: the pipeline (its in-memory dedup index) lives
//! behind a mutex and is loaded on first use. Another process writing the
//! same store is fine: the pipeline catches up inside each transaction.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::Serialize;
use storyline_core::CleanConfig;
use storyline_ingest::{Event, IngestOptions, Ingester};
use storyline_store::{BatchReport, Pipeline, PipelineConfig, Store};

use crate::{App, Error};

/// The store's single writer.
#[derive(Debug, Clone)]
pub(crate) struct Writer {
    path: PathBuf,
    state: Arc<Mutex<Option<(Store, Pipeline)>>>,
}

/// What an ingest request did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct IngestReport {
    /// What the batch stored.
    report: BatchReport,
    /// Records the readers skipped or repaired, with reasons.
    diagnostics: Vec<String>,
}

impl Writer {
    pub(crate) fn new(path: PathBuf) -> Writer {
        Writer {
            path,
            state: Arc::new(Mutex::new(None)),
        }
    }

    fn ingest(&self, body: &[u8], received: &str) -> Result<IngestReport, Error> {
        let mut raws = Vec::new();
        let mut diagnostics = Vec::new();
        Ingester::new(IngestOptions::default()).read_stream("request", body, &mut |e| match e {
            Event::Article(a) => raws.push(*a),
            Event::Diagnostic(d) => diagnostics.push(d.to_string()),
            _ => {}
        });
        let mut guard = self.state.lock().map_err(|_| Error::Task)?;
        if guard.is_none() {
            let mut store = Store::open(&self.path)?;
            let pipeline = Pipeline::open(&mut store, PipelineConfig::default())?;
            *guard = Some((store, pipeline));
        }
        let (store, pipeline) = guard.as_mut().ok_or(Error::Task)?;
        let report =
            pipeline.ingest_raw(store, "http", received, &raws, &CleanConfig::default())?;
        Ok(IngestReport {
            report,
            diagnostics,
        })
    }
}

/// Now, as RFC 3339 in UTC (the server may read the clock; stages may not).
pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
}

/// `POST /api/ingest` (token)
#[utoipa::path(post, path = "/api/ingest", request_body(content = String,
        description = "JSON lines ({\"id\",\"text\" or \"html\",\"url\",\"source\",\"published\",\"title\"}), a JSON array, HTML or text; gzip accepted",
        content_type = "application/x-ndjson"),
    security(("token" = [])),
    responses((status = 200, body = IngestReport), (status = 401, description = "missing or wrong token"),
        (status = 403, description = "ingest is off"), (status = 413, description = "body too large")))]
pub(crate) async fn ingest(
    State(app): State<App>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<IngestReport>, Error> {
    crate::api::require_token(&app, &headers)?;
    let writer = app.inner.writer.clone();
    let received = now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let report = tokio::task::spawn_blocking(move || writer.ingest(&body, &received))
        .await
        .map_err(|_| Error::Task)??;
    Ok(Json(report))
}
