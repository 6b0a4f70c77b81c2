//! Times the publication-date search alone ([`storyline_ingest::pubdate::page_dates`])
//! over every page file under a directory, parsed once beforehand: the
//! measurement behind the page-dates row of BENCHMARKS.md. Prints the best
//! of six rounds and how many pages were dated.
//!
//! `tar xzf html.tar.gz -C DIR && cargo run --release -p storyline-ingest --example page_dates_speed -- DIR`

use std::path::PathBuf;
use std::time::Instant;

use trafilatura::dom::Document;

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: page_dates_speed DIR (a directory of HTML pages)");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(p) = stack.pop() {
        match std::fs::read_dir(&p) {
            Ok(entries) => stack.extend(entries.filter_map(|e| e.ok().map(|e| e.path()))),
            Err(_) => files.push(p),
        }
    }
    files.sort();
    let docs: Vec<Document> = files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .map(|b| Document::parse(&String::from_utf8_lossy(&b)))
        .collect();
    let (mut best, mut dated) = (f64::MAX, 0);
    for _ in 0..6 {
        let start = Instant::now();
        dated = docs
            .iter()
            .filter(|d| {
                storyline_ingest::pubdate::page_dates(d, None)
                    .published
                    .is_some()
            })
            .count();
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} pages, {dated} dated, best of 6 rounds {best:.3} s = {:.3} ms a page",
        docs.len(),
        best * 1e3 / docs.len().max(1) as f64
    );
}
