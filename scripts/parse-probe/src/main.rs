//! Parse time of every page of an `html.tar.gz`, html5ever against tl.

use std::io::Read;

/// CPU seconds this thread has run (Linux schedstat), so other load on a
/// shared host does not count.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: parse-probe HTML.tar.gz")?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(std::fs::File::open(&path)?));
    let mut pages = Vec::new();
    for entry in archive.entries()? {
        let mut entry = entry?;
        if entry.header().entry_type().is_file() {
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes)?;
            pages.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    for round in 1..=3 {
        let start = cpu_seconds();
        let html5ever_nodes: usize = pages
            .iter()
            .map(|p| scraper::Html::parse_document(p).tree.nodes().count())
            .sum();
        let html5ever = cpu_seconds() - start;
        let start = cpu_seconds();
        let tl_nodes: usize = pages
            .iter()
            .filter_map(|p| tl::parse(p, tl::ParserOptions::default()).ok())
            .map(|d| d.nodes().len())
            .sum();
        let tl = cpu_seconds() - start;
        let per_page = |s: f64| 1e3 * s / pages.len() as f64;
        println!(
            "round {round}: {} pages; html5ever {:.2} ms a page ({html5ever_nodes} nodes), tl {:.2} ms a page ({tl_nodes} nodes): {:.1}x",
            pages.len(),
            per_page(html5ever),
            per_page(tl),
            html5ever / tl
        );
    }
    Ok(())
}
