//! `storyline eval`: measure the engine against gold data.
//!
//! PLACEHOLDER: filled by the evaluation harness.

use std::process::ExitCode;

/// The things `storyline eval` measures.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum EvalCommand {}

pub(crate) fn run(cmd: EvalCommand) -> anyhow::Result<ExitCode> {
    match cmd {}
}
