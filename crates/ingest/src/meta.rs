//! A page's `<meta>` tags as (name, content) pairs: what `colophon.rs`
//! reads the page's metadata from and `pubdate.rs` its dates.

use trafilatura::dom::Document;

/// The attributes that name a `<meta>` tag's content, in the order they
/// are read (a tag may carry several: `property` and `name` both).
const NAMING: [&str; 4] = ["property", "name", "itemprop", "http-equiv"];

/// Every `<meta>` tag's content under each name it carries (trimmed and
/// lower-cased), in document order.
pub(crate) fn meta_tags(doc: &Document) -> Vec<(String, String)> {
    let mut tags = Vec::new();
    for id in doc.get_elements_by_tag_name(doc.root(), "meta") {
        let Some(content) = doc.get_attribute(id, "content") else {
            continue;
        };
        for attr in NAMING {
            if let Some(name) = doc.get_attribute(id, attr) {
                tags.push((name.trim().to_ascii_lowercase(), content.clone()));
            }
        }
    }
    tags
}
