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
    /// Print the brief of every story in the input (the main job).
    Brief(commands::brief::Args),
    /// Clean articles: strip page furniture, lift datelines, bylines and credits.
    Clean(commands::clean::Args),
    /// Find copies: syndication groups, canonical members and relations.
    Dedup(commands::dedup::Args),
    /// Measure speed and memory on a corpus (throughput, not a test).
    #[command(subcommand)]
    Bench(commands::bench_dedup::BenchCommand),
    /// Extract entities, dates, quotes and numeric claims, one JSON line per article.
    Extract(commands::extract::Args),
    /// Measure the engine against gold data.
    #[command(subcommand)]
    Eval(commands::eval::EvalCommand),
    /// Write one extractive summary per story of a grouping, for evaluation.
    Summarize(commands::summarize::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Brief(args) => commands::brief::run(args),
        Command::Clean(args) => commands::clean::run(args),
        Command::Dedup(args) => commands::dedup::run(args),
        Command::Bench(cmd) => commands::bench_dedup::run(cmd),
        Command::Eval(cmd) => commands::eval::run(cmd),
        Command::Extract(args) => commands::extract::run(args),
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
