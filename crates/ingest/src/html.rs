//! HTML to plain text: one line per block element, markup and non-content
//! elements dropped, entities decoded, so that cleaning works on text alone.
//!
//! Parsing goes through html5ever (via scraper), which repairs broken markup
//! the way browsers do; the renderer itself never fails. Bytes are decoded
//! by [`crate::charset::decode_html_bytes`] first, honouring a declared charset.

use ego_tree::iter::Edge;
use scraper::{Html, Node};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A page reduced to text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HtmlText {
    /// The document's `<title>`, whitespace collapsed, when it has one.
    pub title: Option<String>,
    /// The visible text: one line per block element, inline text joined with
    /// single spaces, no empty lines.
    pub text: String,
}

/// Ruby annotations: the readings printed above Japanese and Chinese
/// characters. Read inline they double every annotated word ("子こども"
/// for "子ども").
pub(crate) const RUBY_ANNOTATIONS: [&str; 3] = ["rt", "rp", "rtc"];

/// Elements whose content is never visible text, or not the text itself
/// ([`RUBY_ANNOTATIONS`]).
pub(crate) fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "head"
            | "iframe"
            | "object"
            | "canvas"
            | "math"
            | "select"
            | "textarea"
    ) || RUBY_ANNOTATIONS.contains(&name)
}

/// Elements that start and end a line of their own.
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "br"
            | "hr"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "legend"
            | "address"
            | "details"
            | "summary"
            | "option"
            | "body"
            | "html"
            | "center"
            | "menu"
            | "label"
            | "button"
    )
}

/// A text node's characters as a browser shows them: soft hyphens dropped
/// (shown only at a line break) and Unicode normal form C, so that a word
/// typed with combining accents reads the same as its precomposed spelling.
fn as_shown(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(SOFT_HYPHEN) || is_nfc_quick(s.chars()) != IsNormalized::Yes {
        s.chars()
            .filter(|&c| c != SOFT_HYPHEN)
            .nfc()
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// Appends a text node to `line` as a browser shows it: whitespace
/// collapsed to single spaces (`pending_space` carries a space at the end
/// of one node to the next word) and characters [`as_shown`]. Returns the
/// number of characters of words added.
pub(crate) fn push_shown(line: &mut String, pending_space: &mut bool, s: &str) -> usize {
    let s = as_shown(s);
    let mut added = 0;
    for (i, word) in s.split(char::is_whitespace).enumerate() {
        if i > 0 {
            *pending_space = true;
        }
        if word.is_empty() {
            continue;
        }
        if *pending_space && !line.is_empty() {
            line.push(' ');
        }
        *pending_space = false;
        line.push_str(word);
        added += word.chars().count();
    }
    added
}

/// Accumulates text into lines, collapsing whitespace.
struct Lines {
    text: String,
    line: String,
    pending_space: bool,
}

/// The soft hyphen: a hint where a word may break, invisible otherwise.
const SOFT_HYPHEN: char = '\u{ad}';

impl Lines {
    /// Adds a text node, its whitespace collapsed and its characters
    /// ([`as_shown`]) as a browser shows them.
    fn push_text(&mut self, s: &str) {
        push_shown(&mut self.line, &mut self.pending_space, s);
    }

    /// Adds the text of a `<pre>` element: its line breaks are kept, as
    /// a browser keeps them (code, verse, tables typed as text).
    fn push_preformatted(&mut self, s: &str) {
        for (i, part) in s.split('\n').enumerate() {
            if i > 0 {
                self.break_line();
            }
            self.push_text(part);
        }
    }

    fn break_line(&mut self) {
        self.pending_space = false;
        if self.line.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(&self.line);
        self.line.clear();
    }
}

/// Renders an HTML document (or fragment) as plain text.
///
/// ```
/// use storyline_ingest::html::html_to_text;
/// let page = html_to_text(
///     "<html><head><title>Rain</title><style>p{}</style></head>\
///      <body><p>It <b>rained</b> &amp; poured.</p><ul><li>one<li>two</ul></body></html>",
/// );
/// assert_eq!(page.title.as_deref(), Some("Rain"));
/// assert_eq!(page.text, "It rained & poured.\none\ntwo");
/// ```
pub fn html_to_text(html: &str) -> HtmlText {
    let doc = Html::parse_document(html);
    let mut out = Lines {
        text: String::with_capacity(html.len() / 4),
        line: String::new(),
        pending_space: false,
    };
    let title = doc
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "title"))
        .map(|n| {
            let t: String = n
                .descendants()
                .filter_map(|d| d.value().as_text().map(|t| &**t))
                .collect();
            t.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|t| !t.is_empty());
    // The id of the dropped element whose subtree is being skipped. A flat
    // traversal, not recursion, so deeply nested broken markup cannot
    // overflow the stack.
    let mut skipping = None;
    // How many `<pre>` elements enclose the current node.
    let mut preformatted = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        let name = el.name();
                        if is_dropped(name) || name == "title" {
                            skipping = Some(node.id());
                        } else if is_block(name) {
                            out.break_line();
                        }
                        if name == "pre" && skipping.is_none() {
                            preformatted += 1;
                        }
                    }
                    Node::Text(t) if preformatted > 0 => out.push_preformatted(t),
                    Node::Text(t) => out.push_text(t),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    if el.name() == "pre" {
                        preformatted = preformatted.saturating_sub(1);
                    }
                    if is_block(el.name()) {
                        out.break_line();
                    } else {
                        // Inline elements end a word boundary only where the
                        // markup had whitespace; nothing to do.
                    }
                }
            }
        }
    }
    out.break_line();
    HtmlText {
        title,
        text: out.text,
    }
}

/// `text` with each line that is two or more whole lines of `blocks` run
/// together (an extractor that joined the text of sibling paragraphs:
/// "…in the valley.The mine has…") split back into them. A line is split
/// only when it is exactly such a run, so text an extractor joined on
/// purpose, or that the page printed as one block, stays as it is.
///
/// ```
/// use storyline_ingest::html::split_run_together;
/// let blocks = ["The mine opened in 1962.", "It employs 1,100 people.", "Subscribe"];
/// assert_eq!(
///     split_run_together("The mine opened in 1962.It employs 1,100 people.", &blocks),
///     "The mine opened in 1962.\nIt employs 1,100 people."
/// );
/// assert_eq!(split_run_together("The mine opened in 1962. More", &blocks), "The mine opened in 1962. More");
/// ```
pub fn split_run_together(text: &str, blocks: &[&str]) -> String {
    let blocks: Vec<&str> = blocks
        .iter()
        .map(|b| b.trim())
        .filter(|b| !b.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        match run_of_blocks(line.trim(), &blocks) {
            Some(parts) if parts.len() > 1 => out.extend(parts.into_iter().map(str::to_owned)),
            _ => out.push(line.to_owned()),
        }
    }
    out.join("\n")
}

/// The whole lines of `blocks` that `line` is made of, end to end with
/// nothing between them, longest first at each step; `None` when it is not
/// such a run.
fn run_of_blocks<'a>(line: &'a str, blocks: &[&str]) -> Option<Vec<&'a str>> {
    let mut parts = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let len = blocks
            .iter()
            .filter(|b| rest.starts_with(**b))
            .map(|b| b.len())
            // A block that ends inside a run must meet the next without
            // white space: that is what running together looks like.
            .filter(|&n| n == rest.len() || !rest[n..].starts_with(char::is_whitespace))
            .max()?;
        parts.push(&rest[..len]);
        rest = &rest[len..];
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};
    use proptest::prelude::*;

    use super::*;

    fn check(html: &str, expect: Expect) {
        let page = html_to_text(html);
        let shown = format!("title: {:?}\n{}", page.title, page.text);
        expect.assert_eq(&shown);
    }

    #[test]
    fn blocks_and_inline() {
        check(
            "<html><head><title> The  Mill </title><script>var x = '<p>';</script></head>\
             <body><h1>Mill reopens</h1><div>By <a href='#'>Ann Lee</a></div>\
             <p>The mill<br>reopened on <em>Monday</em>, workers&nbsp;said.</p>\
             <table><tr><td>a</td><td>b</td></tr></table>\
             <noscript>enable js</noscript><svg><text>icon</text></svg></body></html>",
            expect![[r#"
                title: Some("The Mill")
                Mill reopens
                By Ann Lee
                The mill
                reopened on Monday, workers said.
                a
                b"#]],
        );
    }

    #[test]
    fn run_together_blocks_split_back_only_when_the_line_is_exactly_them() {
        let blocks = ["Rain fell.", "Rivers rose.", "Rain", "Subscribe now"];
        let split = |t: &str| split_run_together(t, &blocks);
        assert_eq!(split("Rain fell.Rivers rose."), "Rain fell.\nRivers rose.");
        // Longest block first: "Rain" does not cut "Rain fell.".
        assert_eq!(
            split("Rain fell.Rivers rose.Rain"),
            "Rain fell.\nRivers rose.\nRain"
        );
        // Text between or after the blocks, or a space where they meet:
        // not a run of blocks, left alone.
        assert_eq!(split("Rain fell. Rivers rose."), "Rain fell. Rivers rose.");
        assert_eq!(
            split("Rain fell.Rivers rose.And more"),
            "Rain fell.Rivers rose.And more"
        );
        // One block, other lines and empty text pass through.
        assert_eq!(split("Rain fell.\nA line\n"), "Rain fell.\nA line");
        assert_eq!(split(""), "");
    }

    #[test]
    fn broken_markup() {
        check(
            "<p>one <b>two<p>three</i> four<div><li>five",
            expect![[r#"
                title: None
                one two
                three four
                five"#]],
        );
        check("", expect!["title: None\n"]);
        check(
            "plain &lt;text&gt; &#8220;quoted&#8221;",
            expect![[r#"
            title: None
            plain <text> “quoted”"#]],
        );
    }

    #[test]
    fn invisible_and_decomposed_characters() {
        // Soft hyphens go, combining accents are composed (NFC), and line
        // breaks inside <pre> are kept while other whitespace collapses.
        check(
            "<p>Wa\u{ad}ter\u{ad}stand f\u{75}\u{308}r   alle</p>\
             <pre>let a = 1;\n  let b = 2;\n\nend</pre><p>after\nthe pre</p>",
            expect![[r#"
                title: None
                Waterstand für alle
                let a = 1;
                let b = 2;
                end
                after the pre"#]],
        );
        assert_eq!(html_to_text("f\u{75}\u{308}r").text, "f\u{fc}r");
    }

    proptest! {
        #[test]
        fn never_panics(s in "(<[a-z/!]{0,6}[ a-z=\"']{0,8}>?|[a-z &;#0-9]{0,6}){0,40}") {
            let page = html_to_text(&s);
            prop_assert!(!page.text.contains("\n\n"));
        }
    }
}
