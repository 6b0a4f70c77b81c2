//! Reading the articles named on the command line, reporting what was skipped.

use std::path::PathBuf;

use clap::Args as ClapArgs;
use storyline_core::{CleanConfig, Cleaned, clean_batch};
use storyline_ingest::page::{Extractor, PageOptions};
use storyline_ingest::{ARTICLE_FILES, IngestOptions, Ingested, read_inputs};

/// The inputs every article-reading subcommand takes.
#[derive(Debug, Clone, ClapArgs)]
pub(crate) struct Inputs {
    /// Files or directories to read (`.txt`, `.jsonl`, `.json`, `.html`,
    /// feeds `.rss`/`.atom`/`.xml`, `.warc`, optionally `.gz`); `-` or
    /// nothing reads standard input.
    #[arg(value_name = "INPUT")]
    pub(crate) paths: Vec<PathBuf>,
    /// Who reads the main text of web pages: `hybrid` (our own body
    /// extractor where it is confident, the trafilatura crate elsewhere),
    /// `trafilatura` (the crate on every page: a little more accurate on
    /// some sites, half the speed) or `fast` (ours on every page: faster,
    /// less accurate).
    #[arg(long, value_enum, default_value_t = ExtractorArg::Hybrid)]
    pub(crate) extractor: ExtractorArg,
}

/// The extractors `--extractor` names.
#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
pub(crate) enum ExtractorArg {
    /// The trafilatura crate on every page.
    Trafilatura,
    /// Ours where it is confident, the crate elsewhere.
    #[default]
    Hybrid,
    /// Ours on every page.
    Fast,
}

impl ExtractorArg {
    /// The page options that choose this extractor.
    pub(crate) fn options(self) -> PageOptions {
        PageOptions::default().with_extractor(match self {
            ExtractorArg::Trafilatura => Extractor::Trafilatura,
            ExtractorArg::Hybrid => Extractor::Hybrid,
            ExtractorArg::Fast => Extractor::Fast,
        })
    }
}

impl Inputs {
    /// Reads every input, printing each diagnostic to stderr. Reading no
    /// article at all is an error: an empty directory, a wrong path or
    /// input that was skipped whole would otherwise print nothing and
    /// succeed.
    pub(crate) fn read(&self) -> anyhow::Result<Ingested> {
        let paths = if self.paths.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            self.paths.clone()
        };
        let opts = IngestOptions::default().with_page(self.extractor.options());
        let ingested = read_inputs(&paths, &opts);
        for d in &ingested.diagnostics {
            eprintln!("{d}");
        }
        if ingested.articles.is_empty() {
            let named = paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            if ingested.skipped_any() {
                anyhow::bail!(
                    "no article read from {named}: nothing in it could be read (see above)"
                );
            }
            anyhow::bail!(
                "no article in {named}; give files storyline reads ({ARTICLE_FILES}) or `-` for standard input"
            );
        }
        Ok(ingested)
    }

    /// Reads and cleans every input. Returns the cleaned articles and whether
    /// any record was skipped.
    pub(crate) fn read_cleaned(&self) -> anyhow::Result<(Vec<Cleaned>, bool)> {
        let ingested = self.read()?;
        let cleaned = clean_batch(&ingested.articles, &CleanConfig::default());
        Ok((cleaned, ingested.skipped_any()))
    }
}
