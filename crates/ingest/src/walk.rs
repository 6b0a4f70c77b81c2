//! Inputs: a path names a file, or a directory read recursively in sorted
//! order (so two runs read the same files in the same order and assign the
//! same ids), skipping hidden entries and files of no known format.

use std::path::{Path, PathBuf};

use storyline_core::{Diagnostic, Location};
use walkdir::WalkDir;

use crate::ARTICLE_FILES;
use crate::format::{Format, NameHint};
use crate::jsonl::Naming;

/// One thing to read, or a problem met while looking for it.
#[derive(Debug)]
pub(crate) enum Entry {
    /// A file to read.
    File {
        /// Its path.
        path: PathBuf,
        /// Whether the user named it or a walk found it.
        naming: Naming,
    },
    /// A directory entry that could not be read, or a file passed over.
    Problem(Diagnostic),
}

/// The files under `path`: the path itself when it is not a directory (so
/// that a missing file is reported when it is opened).
pub(crate) fn entries(path: &Path) -> Box<dyn Iterator<Item = Entry>> {
    if !path.is_dir() {
        return Box::new(std::iter::once(Entry::File {
            path: path.to_owned(),
            naming: Naming::Named,
        }));
    }
    let walk = WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    Box::new(walk.filter_map(|entry| match entry {
        Err(e) => {
            let at = e
                .path()
                .map_or_else(|| "<directory>".to_owned(), |p| p.display().to_string());
            Some(Entry::Problem(Diagnostic::error(
                Location::file(at),
                format!("cannot read directory entry ({e}), skipped; check permissions"),
            )))
        }
        Ok(e) if e.file_type().is_dir() => None,
        // A list of feeds beside the feeds is no article file; named
        // alone, it is reported when read.
        Ok(e) if NameHint::of(e.path()).format == Some(Format::Opml) => {
            Some(Entry::Problem(Diagnostic::note(
                Location::file(e.path().display().to_string()),
                "an OPML list of feeds, passed over; `storyline fetch` reads its feeds",
            )))
        }
        Ok(e) if NameHint::of(e.path()).format.is_some() => Some(Entry::File {
            path: e.into_path(),
            naming: Naming::Found,
        }),
        Ok(e) => Some(Entry::Problem(Diagnostic::note(
            Location::file(e.path().display().to_string()),
            format!("not an article file ({ARTICLE_FILES}), passed over"),
        ))),
    }))
}
