//! Reading the articles named on the command line, reporting what was skipped.

use std::collections::HashMap;
use std::path::PathBuf;

use clap::Args as ClapArgs;
use storyline_core::{ArticleId, CleanConfig, Cleaned, Diagnostic, Location, clean_batch};
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
        let (cleaned, skipped, _) = self.read_cleaned_with_origins()?;
        Ok((cleaned, skipped))
    }

    /// [`Inputs::read_cleaned`], and where each article was read from, to
    /// place the later stages' diagnostics, which name only the article.
    pub(crate) fn read_cleaned_with_origins(
        &self,
    ) -> anyhow::Result<(Vec<Cleaned>, bool, Origins)> {
        let ingested = self.read()?;
        let cleaned = clean_batch(&ingested.articles, &CleanConfig::default());
        let skipped = ingested.skipped_any();
        let origins = Origins(
            ingested
                .articles
                .into_iter()
                .map(|a| (a.id, a.origin))
                .collect(),
        );
        Ok((cleaned, skipped, origins))
    }
}

/// Where each article of a run was read from (file, line, record).
pub(crate) struct Origins(HashMap<ArticleId, Location>);

impl Origins {
    /// `d` placed at its article's origin when it names an article but no
    /// file: the stages after reading know articles by id only.
    pub(crate) fn locate(&self, d: &Diagnostic) -> Diagnostic {
        let mut d = d.clone();
        if d.location.file.is_none()
            && let Some(origin) = d
                .location
                .article
                .as_deref()
                .and_then(|id| self.0.get(&ArticleId::from(id)))
        {
            d.location.file.clone_from(&origin.file);
            d.location.line = origin.line;
            d.location.record = origin.record;
        }
        d
    }
}
