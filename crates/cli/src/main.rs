//! The `storyline` command-line tool: parses arguments and dispatches to one
//! module per subcommand under `commands/`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod commands;
mod input;
mod output;

/// storyline turns a pile of news articles into stories you can trust.
#[derive(Debug, Parser)]
#[command(name = "storyline", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Measure speed and memory of a stage on a corpus, on one core
    /// (throughput, not a test).
    #[command(subcommand)]
    Bench(commands::bench::BenchCommand),
    /// Print the brief of every story in the input (the main job).
    Brief(commands::brief::Args),
    /// Clean articles: strip page furniture, lift datelines, bylines and credits.
    Clean(commands::clean::Args),
    /// Find copies: syndication groups, canonical members and relations.
    Dedup(commands::dedup::Args),
    /// Extract entities, dates, quotes and numeric claims, one JSON line per article.
    Extract(commands::extract::Args),
    /// Fetch web pages, feeds and OPML lists politely; write their articles as JSON lines.
    Fetch(commands::fetch::Args),
    /// Measure the engine against gold data.
    #[command(subcommand)]
    Eval(commands::eval::EvalCommand),
    /// Add articles to the store (incremental, idempotent).
    Ingest(commands::ingest::Args),
    /// List stories in the store, fresh and large first.
    Stories(commands::stories::Args),
    /// Show one story from the store.
    Show(commands::show::Args),
    /// Search the stored articles.
    Search(commands::search::Args),
    /// Serve the web UI, JSON API and feeds over the store.
    Serve(commands::serve::Args),
    /// Check the store for damage.
    Check(commands::check::Args),
    /// Print the story of every article, as `{"id","story"}` lines.
    Cluster(commands::cluster::Args),
    /// Fit a model on gold data.
    #[command(subcommand)]
    Train(commands::train::TrainCommand),
    /// Write one extractive summary per story of a grouping, for evaluation.
    Summarize(commands::summarize::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Bench(cmd) => commands::bench::run(cmd),
        Command::Brief(args) => commands::brief::run(args),
        Command::Clean(args) => commands::clean::run(args),
        Command::Dedup(args) => commands::dedup::run(args),
        Command::Eval(cmd) => commands::eval::run(cmd),
        Command::Ingest(args) => commands::ingest::run(args),
        Command::Stories(args) => commands::stories::run(args),
        Command::Show(args) => commands::show::run(args),
        Command::Search(args) => commands::search::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Check(args) => commands::check::run(args),
        Command::Extract(args) => commands::extract::run(args),
        Command::Fetch(args) => commands::fetch::run(args),
        Command::Cluster(args) => commands::cluster::run(args),
        Command::Train(cmd) => commands::train::run(cmd),
        Command::Summarize(args) => commands::summarize::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
