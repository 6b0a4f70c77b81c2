//! Output helpers shared by subcommands: output formats and exit codes.

use std::process::ExitCode;

use clap::ValueEnum;
use serde::Serialize;
use storyline_core::Meta;

/// How a subcommand prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// One JSON object per line, for machines.
    Json,
    /// Readable text, for a person at a terminal.
    Text,
}

/// The exit code of a run: 0 when every record was used, 1 when some input
/// was skipped (the diagnostics on stderr say which).
pub(crate) fn exit_code(skipped_any: bool) -> ExitCode {
    if skipped_any {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The context of a failed write to standard output: the disk is full or
/// the reader of the pipe went away.
pub(crate) const WRITE_ERROR: &str = "cannot write output to stdout; check that the disk has room and that the command reading the pipe is still running";

/// What an article's input said of itself ([`Meta`]) as the JSON lines of
/// `clean` and `fetch` write it (flattened into the line; times as
/// [`storyline_core::Timestamp::written`]), each field only when known.
#[derive(Serialize)]
pub(crate) struct MetaFields<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
}

impl<'a> MetaFields<'a> {
    pub(crate) fn of(meta: &'a Meta) -> MetaFields<'a> {
        MetaFields {
            modified: meta.modified.map(|t| t.written()),
            authors: &meta.authors,
            language: meta.language.as_deref(),
            description: meta.description.as_deref(),
        }
    }
}
