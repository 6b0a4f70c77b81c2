//! Reading the articles named on the command line, reporting what was skipped.

use std::path::PathBuf;

use clap::Args as ClapArgs;
use storyline_core::{CleanConfig, Cleaned, clean_batch};
use storyline_ingest::{IngestOptions, Ingested, read_inputs};

/// The inputs every article-reading subcommand takes.
#[derive(Debug, Clone, ClapArgs)]
pub(crate) struct Inputs {
    /// Files or directories to read (`.txt`, `.jsonl`, `.json`, `.html`,
    /// feeds `.rss`/`.atom`/`.xml`, `.warc`, optionally `.gz`); `-` or
    /// nothing reads standard input.
    #[arg(value_name = "INPUT")]
    pub(crate) paths: Vec<PathBuf>,
}

impl Inputs {
    /// Reads every input, printing each diagnostic to stderr.
    pub(crate) fn read(&self) -> Ingested {
        let paths = if self.paths.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            self.paths.clone()
        };
        let ingested = read_inputs(&paths, &IngestOptions::default());
        for d in &ingested.diagnostics {
            eprintln!("{d}");
        }
        ingested
    }

    /// Reads and cleans every input. Returns the cleaned articles and whether
    /// any record was skipped.
    pub(crate) fn read_cleaned(&self) -> (Vec<Cleaned>, bool) {
        let ingested = self.read();
        let cleaned = clean_batch(&ingested.articles, &CleanConfig::default());
        (cleaned, ingested.skipped_any())
    }
}
