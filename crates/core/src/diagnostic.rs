//! Diagnostics: bad input is data, reported with where it was found.
//!
//! Stages and readers never fail a whole batch because of one bad record.
//! They return what they could make of the input together with a list of
//! [`Diagnostic`]s that say what was wrong, where, and what was done about it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where in the input something was found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Location {
    /// The file, or `-` for standard input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The 1-based line within the file (JSONL record number).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The 1-based record within a file whose records are not lines: a
    /// WARC archive's record, a feed's entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// The article id, once known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
}

impl Location {
    /// A location in `file`.
    pub fn file(file: impl Into<String>) -> Location {
        Location {
            file: Some(file.into()),
            ..Location::default()
        }
    }

    /// The same location at `line`.
    pub fn at_line(mut self, line: u64) -> Location {
        self.line = Some(line);
        self
    }

    /// The same location at the `record`th record of the file (a WARC
    /// record, a feed entry), which is not its line.
    pub fn at_record(mut self, record: u64) -> Location {
        self.record = Some(record);
        self
    }

    /// The same location, naming `article`.
    pub fn with_article(mut self, article: impl Into<String>) -> Location {
        self.article = Some(article.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote = false;
        if let Some(file) = &self.file {
            f.write_str(file)?;
            wrote = true;
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            wrote = true;
        }
        if let Some(record) = self.record {
            if wrote {
                f.write_str(" ")?;
            }
            write!(f, "record {record}")?;
            wrote = true;
        }
        if let Some(article) = &self.article {
            if wrote {
                f.write_str(" ")?;
            }
            write!(f, "(article {article})")?;
            wrote = true;
        }
        if !wrote {
            f.write_str("<input>")?;
        }
        Ok(())
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing was lost.
    Note,
    /// Something was guessed or ignored; the record was still used.
    Warning,
    /// The record was skipped.
    Error,
}

/// One thing that was wrong with the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// How serious it is; [`Severity::Error`] means the record was skipped.
    pub severity: Severity,
    /// Where it was found.
    pub location: Location,
    /// What went wrong and what to do, lower-case, no trailing period.
    pub message: String,
}

impl Diagnostic {
    /// A record was skipped.
    pub fn error(location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
        }
    }

    /// Something was guessed or ignored.
    pub fn warning(location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            location,
            message: message.into(),
        }
    }

    /// Worth knowing.
    pub fn note(location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Note,
            location,
            message: message.into(),
        }
    }

    /// Whether the record this diagnostic is about was skipped.
    pub fn is_skip(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: {}: {}", self.location, self.message)
    }
}
