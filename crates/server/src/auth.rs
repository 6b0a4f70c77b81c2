//! The ingest token, compared in constant time.
//!
//! Both sides are hashed with SHA-256 first, so the comparison takes the
//! same time whatever the length or content of the guess, and `subtle`
//! compares the digests without early exit.

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The expected token, kept only as its digest.
#[derive(Clone)]
pub(crate) struct Token {
    digest: [u8; 32],
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(..)")
    }
}

impl Token {
    pub(crate) fn new(token: &str) -> Token {
        Token {
            digest: Sha256::digest(token.as_bytes()).into(),
        }
    }

    /// Whether `headers` carry `Authorization: Bearer <token>`.
    pub(crate) fn admits(&self, headers: &HeaderMap) -> bool {
        let Some(value) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
            return false;
        };
        let Some(given) = value.strip_prefix("Bearer ") else {
            return false;
        };
        let given: [u8; 32] = Sha256::digest(given.trim().as_bytes()).into();
        given.ct_eq(&self.digest).into()
    }
}

#[cfg(test)]
mod tests {
    use super::Token;
    use axum::http::{HeaderMap, HeaderValue, header::AUTHORIZATION};

    fn with(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(AUTHORIZATION, HeaderValue::from_str(value).expect("header"));
        h
    }

    #[test]
    fn admits_only_the_exact_bearer_token() {
        let t = Token::new("s3cret-token");
        assert!(t.admits(&with("Bearer s3cret-token")));
        assert!(!t.admits(&with("Bearer s3cret-toke")));
        assert!(!t.admits(&with("Bearer s3cret-token2")));
        assert!(!t.admits(&with("Basic s3cret-token")));
        assert!(!t.admits(&with("s3cret-token")));
        assert!(!t.admits(&HeaderMap::new()));
        assert_eq!(format!("{t:?}"), "Token(..)");
    }
}
