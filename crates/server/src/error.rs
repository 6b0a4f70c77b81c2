//! The server's error type and its one mapping to HTTP responses: clients
//! see a status and a short reason, never internals (those go to stderr).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// What can go wrong serving a request or starting the server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] storyline_store::Error),
    /// Binding or serving failed.
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
    /// The thing asked for does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// The request was malformed.
    #[error("{0}")]
    BadRequest(String),
    /// The request needs the ingest token and did not carry the right one.
    #[error("missing or wrong token; send `Authorization: Bearer <token>`")]
    Unauthorized,
    /// The operation is switched off in this server's configuration.
    #[error("{0}")]
    Forbidden(String),
    /// A blocking task panicked or was cancelled.
    #[error("internal task failed")]
    Task,
    /// The configuration cannot be used (a certificate that does not parse).
    #[error("{0}")]
    Config(String),
}

impl Error {
    /// The status and the message a client may see. Internal errors are
    /// logged to stderr here and shown only as "internal error".
    pub(crate) fn public(&self) -> (StatusCode, String) {
        match self {
            Error::NotFound(_) | Error::Store(storyline_store::Error::NotFound(_)) => {
                (StatusCode::NOT_FOUND, self.to_string())
            }
            Error::BadRequest(_) | Error::Store(storyline_store::Error::Invalid(_)) => {
                (StatusCode::BAD_REQUEST, self.to_string())
            }
            Error::Unauthorized => (StatusCode::UNAUTHORIZED, self.to_string()),
            Error::Forbidden(_) => (StatusCode::FORBIDDEN, self.to_string()),
            Error::Store(_) | Error::Io(_) | Error::Task | Error::Config(_) => {
                eprintln!("error: {self}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal error; the server log has details".to_owned(),
                )
            }
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, message) = self.public();
        let body = serde_json::json!({ "error": message, "status": status.as_u16() });
        (status, axum::Json(body)).into_response()
    }
}
