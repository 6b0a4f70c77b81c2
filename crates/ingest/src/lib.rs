//! Readers that turn files, directories and standard input into raw articles.
//!
//! PLACEHOLDER: reads `.txt` files only; the ingest work replaces this with
//! the real readers (JSONL, gzip, directories, stdin, HTML) and diagnostics.

use std::path::{Path, PathBuf};

use storyline_core::{ArticleId, Diagnostic, Location, RawArticle};

/// Settings for [`read_inputs`].
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {}

/// What reading produced: the articles, and a diagnostic for every record
/// that was skipped or repaired.
#[derive(Debug, Default)]
pub struct Ingested {
    /// Articles, in input order.
    pub articles: Vec<RawArticle>,
    /// Problems, in input order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Ingested {
    /// Whether any record was skipped.
    pub fn skipped_any(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_skip)
    }
}

/// Reads every input path (files, or directories recursively; `-` is stdin).
pub fn read_inputs(paths: &[PathBuf], _opts: &IngestOptions) -> Ingested {
    let mut out = Ingested::default();
    for p in paths {
        read_txt(p, &mut out);
    }
    out
}

fn read_txt(path: &Path, out: &mut Ingested) {
    let loc = Location::file(path.display().to_string());
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.articles.push(RawArticle {
                id: ArticleId(id),
                origin: loc,
                url: None,
                source: None,
                published: None,
                title: None,
                text,
            });
        }
        Err(e) => out
            .diagnostics
            .push(Diagnostic::error(loc, format!("cannot read file: {e}"))),
    }
}
