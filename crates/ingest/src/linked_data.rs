//! What does the page's JSON-LD say? [`for_each_object`] visits every
//! object of a page's `<script type="application/ld+json">` blocks, in
//! document order, looking into arrays and `@graph` lists, so that
//! [`crate::pubdate`] (dates) and [`crate::colophon`] (headline, authors,
//! publisher) read the same objects the same way.

use serde_json::{Map, Value};
use trafilatura::dom::Document;

/// How deep JSON-LD is searched: real pages nest a few levels, and the
/// bound keeps a hostile page's nesting from costing more.
const MAX_DEPTH: usize = 16;

/// Calls `f` with every JSON object in the page's JSON-LD blocks that
/// parse, depth first in document order. The objects under a key in
/// `skip` are not visited (the dates of an author or a comment are not
/// the article's). Blocks that are not valid JSON are passed over.
pub(crate) fn for_each_object(
    doc: &Document,
    skip: &[&str],
    mut f: impl FnMut(&Map<String, Value>),
) {
    for script in doc.scripts_with_type(&["application/ld+json", "application/json+ld"]) {
        let raw = doc.text_content(script);
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let mut stack = vec![(&value, 0usize)];
        while let Some((v, depth)) = stack.pop() {
            if depth > MAX_DEPTH {
                continue;
            }
            match v {
                Value::Array(items) => {
                    stack.extend(items.iter().rev().map(|i| (i, depth + 1)));
                }
                Value::Object(map) => {
                    f(map);
                    for (k, child) in map {
                        if skip.contains(&k.as_str()) {
                            continue;
                        }
                        if child.is_object() || child.is_array() {
                            stack.push((child, depth + 1));
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_in_order_without_skipped_keys() {
        let doc = Document::parse(
            r#"<script type="application/ld+json">{"@graph":[{"@type":"A","author":{"@type":"P"}},
               {"@type":"B","x":[{"@type":"C"}]}]}</script>
               <script type="application/ld+json">not json</script>
               <script type="application/ld+json">[{"@type":"D"}]</script>"#,
        );
        let mut types = Vec::new();
        for_each_object(&doc, &["author"], |m| {
            types.push(
                m.get("@type")
                    .and_then(|t| t.as_str())
                    .unwrap_or("-")
                    .to_owned(),
            );
        });
        assert_eq!(types, ["-", "A", "B", "C", "D"]);
    }
}
