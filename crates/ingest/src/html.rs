//! HTML to text, minimal stand-in: naive tag stripping so the readers can be
//! built and tested. The real extractor (main-text detection, charsets,
//! entities) lives in the HTML work and replaces this file at merge.

/// The text of an HTML page and its title.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HtmlText {
    /// The page's `<title>`, when it has one.
    pub(crate) title: Option<String>,
    /// The page's text, one block per line.
    pub(crate) text: String,
}

/// Reduces an HTML page to text by dropping tags, scripts and styles.
pub(crate) fn html_to_text(html: &str) -> HtmlText {
    let mut text = String::with_capacity(html.len() / 2);
    let mut title = None;
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after[..end].trim().to_ascii_lowercase();
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .find(|s| !s.is_empty());
        rest = &after[end + 1..];
        match name {
            Some(n @ ("script" | "style" | "title")) if !tag.starts_with('/') => {
                let close = format!("</{n}");
                let stop = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
                if n == "title" {
                    let t = rest[..stop].trim();
                    if !t.is_empty() {
                        title = Some(t.to_owned());
                    }
                }
                rest = &rest[stop..];
            }
            Some("p" | "br" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "tr") => {
                text.push('\n');
            }
            _ => {}
        }
    }
    text.push_str(rest);
    let text = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    HtmlText { title, text }
}

/// Decodes page bytes to a string: UTF-8, with invalid sequences replaced.
pub(crate) fn decode_html_bytes(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
