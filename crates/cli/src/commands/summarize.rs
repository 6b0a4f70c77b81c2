//! `storyline summarize`: one extractive summary per story of a given
//! grouping, as JSONL `{"story","summary"}`, for `storyline eval summary`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;
use storyline_core::brief::{DocumentFrequencies, Method, SummaryConfig, Terms, summarize};

use super::brief::read_groups;
use crate::input::Inputs;
use crate::output::exit_code;

/// Arguments of `storyline summarize`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// The stories: JSONL of `{"id","story"}` (e.g. a corpus's `gold.jsonl`).
    #[arg(long, value_name = "GOLD")]
    groups: PathBuf,
    /// Word budget of each summary.
    #[arg(long, default_value_t = SummaryConfig::default().words)]
    words: usize,
    /// How sentences are chosen.
    #[arg(long, value_enum, default_value = "centroid")]
    method: MethodArg,
    /// Weight of the position prior (see `SummaryConfig`).
    #[arg(long, default_value_t = SummaryConfig::default().position_weight)]
    position_weight: f64,
    /// MMR redundancy penalty (see `SummaryConfig`).
    #[arg(long, default_value_t = SummaryConfig::default().redundancy)]
    redundancy: f64,
    /// Cosine at which a candidate repeats a picked sentence.
    #[arg(long, default_value_t = SummaryConfig::default().max_similarity)]
    max_similarity: f64,
    /// Centroid terms kept (0 = all).
    #[arg(long, default_value_t = SummaryConfig::default().centroid_terms)]
    centroid_terms: usize,
    /// Length exponent of the coverage method (see `SummaryConfig`).
    #[arg(long, default_value_t = SummaryConfig::default().length_exponent)]
    length_exponent: f64,
    /// Penalty for a sentence that does not end in a stop.
    #[arg(long, default_value_t = SummaryConfig::default().fragment_penalty)]
    fragment_penalty: f64,
    /// Shortest sentence picked while longer ones remain.
    #[arg(long, default_value_t = SummaryConfig::default().min_sentence_words)]
    min_sentence_words: usize,
    /// Longest sentence picked while shorter ones remain.
    #[arg(long, default_value_t = SummaryConfig::default().max_sentence_words)]
    max_sentence_words: usize,
    /// Weight of the similarity to the other articles' centroid.
    #[arg(long, default_value_t = SummaryConfig::default().cross_weight)]
    cross_weight: f64,
    /// Document frequencies from the whole input (`batch`) or from each
    /// story alone (`story`).
    #[arg(long, value_enum, default_value = "story")]
    idf: IdfScope,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum MethodArg {
    Lead,
    Centroid,
    Coverage,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum IdfScope {
    Batch,
    Story,
}

#[derive(Serialize)]
struct Line<'a> {
    story: &'a str,
    summary: String,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (cleaned, skipped) = args.inputs.read_cleaned()?;
    let articles: Vec<_> = cleaned.into_iter().map(|c| c.article).collect();
    let groups = read_groups(&args.groups, &articles)?;
    let cfg = SummaryConfig {
        words: args.words,
        method: match args.method {
            MethodArg::Lead => Method::Lead,
            MethodArg::Centroid => Method::Centroid,
            MethodArg::Coverage => Method::Coverage,
        },
        position_weight: args.position_weight,
        redundancy: args.redundancy,
        max_similarity: args.max_similarity,
        centroid_terms: args.centroid_terms,
        length_exponent: args.length_exponent,
        fragment_penalty: args.fragment_penalty,
        cross_weight: args.cross_weight,
        min_sentence_words: args.min_sentence_words,
        max_sentence_words: args.max_sentence_words,
    };
    let terms = Terms::default();
    let batch_df = match args.idf {
        IdfScope::Batch => Some(DocumentFrequencies::of(&articles, &terms)),
        IdfScope::Story => None,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (story, members) in &groups.stories {
        let story_articles: Vec<_> = members.iter().map(|&i| &articles[i]).collect();
        let story_df;
        let df = match &batch_df {
            Some(df) => df,
            None => {
                story_df = DocumentFrequencies::of(story_articles.iter().copied(), &terms);
                &story_df
            }
        };
        let picked = summarize(&story_articles, df, &terms, &cfg);
        let summary = picked
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        serde_json::to_writer(&mut out, &Line { story, summary }).context("cannot write output")?;
        writeln!(out).context("cannot write output")?;
    }
    out.flush().context("cannot write output")?;
    Ok(exit_code(skipped || groups.unassigned > 0))
}
