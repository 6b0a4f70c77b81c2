//! Script and style bodies cut out of a page before it is parsed.
//!
//! Scripts and style sheets are two fifths of the bytes of trafilatura's
//! evaluation pages (scripts 23%, styles 16%), and nothing reads them: no
//! browser shows them, our readers and the trafilatura crate drop them.
//! Parsing them still costs: html5ever's tokenizer walks every byte, and
//! every later pass over the page holds them. [`without_script_and_style`]
//! empties them first, tags kept, so the tree has the same elements.
//!
//! What is kept: script data (`type` naming JSON: JSON-LD, which dates and
//! titles are read from, and other data blocks), and any script body
//! holding `<!--`, where the HTML tokenizer's escaped states could end the
//! element elsewhere than its first `</script`. Why by hand: a rewriting
//! tokenizer (lol_html) would tokenize every tag of the page to find the
//! same two elements; this scan jumps from `<` to `<` and reads a tag only
//! to its end, which is what keeps a `<script>` inside an attribute value,
//! a comment, a `<title>` or a `<textarea>` from being taken for one.

use std::borrow::Cow;

use memchr::{memchr, memchr3, memmem};

/// Elements whose content is raw text the tokenizer does not look into
/// (html5ever parses with scripting on, so `<noscript>` is one): the two
/// emptied, and those read to their end tag and left alone, since a
/// `<script` in them is text.
const EMPTIED: [&[u8]; 2] = [b"script", b"style"];
const SKIPPED: [&[u8]; 8] = [
    b"title",
    b"textarea",
    b"xmp",
    b"plaintext",
    b"noscript",
    b"noembed",
    b"noframes",
    b"iframe",
];

/// `html` with the bodies of its `<script>` and `<style>` elements removed
/// (their tags kept), except script data blocks. Borrowed when nothing is
/// removed.
pub(crate) fn without_script_and_style(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(at) = memchr(b'<', &b[i..]) {
        let lt = i + at;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            // A comment ends at the first `-->`; unclosed, it runs to the end.
            match memmem::find(&b[lt + 4..], b"-->") {
                Some(end) => i = lt + 4 + end + 3,
                None => break,
            }
            continue;
        }
        let Some(name_len) = rest.iter().position(|c| !c.is_ascii_alphanumeric()) else {
            break;
        };
        let name = &rest[..name_len];
        if name.is_empty() || !rest[0].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let Some(open_end) = tag_end(b, lt + 1 + name_len) else {
            break;
        };
        // A tag name ends at a space, `/` or `>`: `<script-box>` is
        // another element.
        let whole = matches!(rest[name_len], b'/' | b'>') || rest[name_len].is_ascii_whitespace();
        let is = |names: &[&[u8]]| whole && names.iter().any(|e| e.eq_ignore_ascii_case(name));
        let emptied = is(&EMPTIED);
        if !emptied && !is(&SKIPPED) {
            i = open_end;
            continue;
        }
        let Some(close) = closing_tag(b, open_end, name) else {
            // Unclosed: the element runs to the end of the page.
            if emptied && !keeps_body(name, &b[lt..open_end], &b[open_end..]) {
                out.push_str(&html[copied..open_end]);
                copied = b.len();
            }
            break;
        };
        if emptied && !keeps_body(name, &b[lt..open_end], &b[open_end..close]) {
            out.push_str(&html[copied..open_end]);
            copied = close;
        }
        i = close;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Whether the body of a script or style is kept: a script whose `type`
/// names JSON, or whose body holds `<!--`.
fn keeps_body(name: &[u8], open_tag: &[u8], body: &[u8]) -> bool {
    if !name.eq_ignore_ascii_case(b"script") {
        return false;
    }
    if memmem::find(body, b"<!--").is_some() {
        return true;
    }
    open_tag.windows(4).any(|w| w.eq_ignore_ascii_case(b"json"))
}

/// The index just past the `>` that ends the tag whose attributes start at
/// `from`, or `None` when the page ends first. A quote opens an attribute
/// value only right after `=` (and spaces), as in the HTML tokenizer, so an
/// apostrophe in an unquoted value does not swallow the rest of the page.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        let at = memchr3(b'>', b'=', b'<', &b[i..])?;
        let p = i + at;
        match b[p] {
            b'>' => return Some(p + 1),
            // A `<` in a tag's attribute list is an error the tokenizer
            // reads as part of a name; it does not end the tag.
            b'<' => i = p + 1,
            _ => {
                let mut v = p + 1;
                while v < b.len() && b[v].is_ascii_whitespace() {
                    v += 1;
                }
                match b.get(v) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let close = memchr(q, &b[v + 1..])?;
                        i = v + 1 + close + 1;
                    }
                    Some(_) => i = v,
                    None => return None,
                }
            }
        }
    }
}

/// The index of the `</name` that ends the raw-text element whose content
/// starts at `from`: case-insensitive, followed by a space, `/` or `>`.
fn closing_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(at) = memmem::find(&b[i..], b"</") {
        let p = i + at;
        let after = p + 2 + name.len();
        if b.len() >= after
            && b[p + 2..after].eq_ignore_ascii_case(name)
            && b.get(after)
                .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
        {
            return Some(p);
        }
        i = p + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::without_script_and_style as strip;

    #[test]
    fn script_and_style_bodies_go_and_their_tags_stay() {
        let page = "<head><style>p{color:red}</style><SCRIPT src=a.js></SCRIPT>\
                    <script>var a = '<p>x</p>';</script ></head><body><p>Text</p></body>";
        assert_eq!(
            strip(page),
            "<head><style></style><SCRIPT src=a.js></SCRIPT><script></script ></head>\
             <body><p>Text</p></body>"
        );
    }

    #[test]
    fn data_blocks_and_escaped_scripts_are_kept() {
        let page = r#"<script type="application/ld+json">{"datePublished":"2024-03-21"}</script>
            <script><!-- document.write("<script>x</script>") --></script><p>Text</p>"#;
        assert_eq!(strip(page), page);
    }

    #[test]
    fn a_script_that_is_text_is_left_alone() {
        for page in [
            r#"<a title="<script>">x</a><p>Text</p><script>y</script>"#,
            "<!-- <script> --><p>Text</p><script>y</script>",
            "<title>a <script> b</title><p>Text</p><script>y</script>",
            "<textarea><style>q</style></textarea><p>Text</p><script>y</script>",
            "<script-box>z</script-box><p>Text</p><script>y</script>",
            "<title-bar><script>y</script></title-bar>",
        ] {
            let want = page.replace("<script>y</script>", "<script></script>");
            assert_eq!(strip(page), want, "{page}");
        }
    }

    #[test]
    fn an_apostrophe_in_an_unquoted_value_ends_nothing() {
        let page = "<a href=it's>x</a><script>y</script><p>Text</p>";
        assert_eq!(
            strip(page),
            "<a href=it's>x</a><script></script><p>Text</p>"
        );
    }

    #[test]
    fn unclosed_and_truncated_pages_do_not_lose_text() {
        assert_eq!(strip("<p>Text</p><script>var a"), "<p>Text</p><script>");
        assert_eq!(strip("<p>Text</p><script"), "<p>Text</p><script");
        assert_eq!(strip("<p>Text</p><title>x"), "<p>Text</p><title>x");
        assert_eq!(strip("<p>a < b</p><"), "<p>a < b</p><");
        assert_eq!(strip(""), "");
    }

    #[test]
    fn multibyte_text_around_scripts_is_kept_whole() {
        let page = "<p>Grüße – 子ども</p><script>ü</script><p>é</p>";
        assert_eq!(
            strip(page),
            "<p>Grüße – 子ども</p><script></script><p>é</p>"
        );
    }

    proptest::proptest! {
        /// What a reader sees of a page is the same with the bodies cut:
        /// pages made of tags, quotes, comments, scripts, styles and raw
        /// text elements in any order, closed or not.
        #[test]
        fn the_visible_text_does_not_change(parts in proptest::collection::vec(0usize..PARTS.len(), 0..24)) {
            let page: String = parts.iter().map(|&k| PARTS[k]).collect();
            let stripped = strip(&page);
            proptest::prop_assert_eq!(
                crate::html::html_to_text(&stripped),
                crate::html::html_to_text(&page)
            );
        }
    }

    const PARTS: [&str; 22] = [
        "<p>",
        "</p>",
        "text ",
        "<script>",
        "</script>",
        "var s = '</scr' + 'ipt>';",
        "<style>",
        "</style>",
        "p > a { x: '<p>' }",
        "<!--",
        "-->",
        "<title>",
        "</title>",
        "<textarea>",
        "</textarea>",
        "<a title=\"<script>\">",
        "<a href=it's>",
        "</a>",
        "<script type=\"application/ld+json\">",
        "{\"a\": \"<b>\"}",
        "<",
        "é 子",
    ];
}
