//! Tidy checks over the whole workspace, in the manner of rust-analyzer's
//! tidy test: every Rust source file opens with a `//!` paragraph saying what
//! it is for, and no module is named after a non-noun like `utils`.

use std::fs;
use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the cli crate lives two levels below the workspace root")
        .to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_rust_file_opens_with_a_module_doc() {
    let mut files = Vec::new();
    rust_files(&workspace_root().join("crates"), &mut files);
    assert!(files.len() > 5, "found too few files: {files:?}");
    let missing: Vec<_> = files
        .iter()
        .filter(|p| {
            let text = fs::read_to_string(p).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .collect();
    assert!(
        missing.is_empty(),
        "these files do not open with a `//!` paragraph: {missing:?}"
    );
}

#[test]
fn no_grab_bag_modules() {
    let mut files = Vec::new();
    rust_files(&workspace_root().join("crates"), &mut files);
    let bad: Vec<_> = files
        .iter()
        .filter(|p| {
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
            matches!(stem.as_deref(), Some("utils" | "util" | "misc" | "helpers"))
        })
        .collect();
    assert!(bad.is_empty(), "grab-bag modules: {bad:?}");
}
