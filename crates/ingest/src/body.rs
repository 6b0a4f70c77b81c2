//! Which blocks of the page are the article's body? [`Body::of`] chooses
//! the element that holds the page's prose and little else, from the
//! [`Layout`] walk that page reading already does, and gives its prose,
//! subheadings and list items in reading order, one per line.
//!
//! The choice is readability's and trafilatura's idea in one linear pass:
//! every block weighs for the elements around it, prose (long blocks with
//! little link text) for, link lists, short lines and anything inside an
//! element named as something other than the article (`comments`,
//! `sidebar`, `share`, [`crate::layout::NOT_CONTENT_NAMES`]) against; the
//! element whose blocks weigh most wins, with a bonus for the page's own
//! marks of its content (`<article>`, `<main>`, `itemprop=articleBody`, a
//! class naming content). Inside the chosen element the blocks that are not
//! the article's are left out.
//!
//! [`Body::confident`] says whether the choice is clear enough to stand
//! without the trafilatura crate's extraction: most of the page's prose
//! is in it and it is long enough to be an article (the rule is written in
//! [`CONFIDENT_SHARE`] and [`CONFIDENT_CHARS`]).

use crate::layout::{Block, Kind, Layout, NO_ELEMENT};

/// A block of at least this many characters with little link text is
/// prose ...
const PROSE_CHARS: usize = 80;

/// ... and so is one of at least this many that ends a sentence.
const SENTENCE_CHARS: usize = 30;

/// The largest share of link text in a prose block.
pub(crate) const PROSE_MAX_LINK_DENSITY: f64 = 0.25;

/// Blocks with more link text than this are link lists and left out of the
/// body.
const MAX_LINK_DENSITY: f64 = 0.5;

/// How much more an element weighs when the page marks it as its content
/// (`<article>`, `<main>`, `itemprop=articleBody`, a content class name),
/// as a share of its weight.
const MARKED_BONUS: f64 = 0.25;

/// The body is confident when it holds at least this share of the page's
/// prose (characters of prose blocks outside elements named as not the
/// article) ...
pub(crate) const CONFIDENT_SHARE: f64 = 0.9;

/// ... and its text is at least this many characters long: on shorter
/// texts, where extractors disagree most, ours did worse than the
/// trafilatura crate on half A of the evaluation pages (BENCHMARKS.md).
pub(crate) const CONFIDENT_CHARS: usize = 500;

/// The article's body as chosen from the page's layout.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Body {
    /// The body's blocks, one per line.
    pub(crate) text: String,
    /// The share of the page's prose the chosen element holds.
    pub(crate) prose_share: f64,
    /// Whether the body can stand alone ([`CONFIDENT_SHARE`],
    /// [`CONFIDENT_CHARS`]).
    pub(crate) confident: bool,
}

/// What a block says about the elements around it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Weight {
    /// Prose: its characters count for.
    Prose,
    /// A subheading: neutral.
    Neutral,
    /// A short line: half its characters count against.
    Short,
    /// A link list or a block inside an element named as not the article:
    /// its characters count against.
    Junk,
}

fn weight_of(b: &Block, junk: bool, kind: Kind) -> Weight {
    let chars = b.chars();
    let density = b.link_density();
    if junk || density > MAX_LINK_DENSITY {
        return Weight::Junk;
    }
    if kind == Kind::Subheading || kind == Kind::Headline {
        return Weight::Neutral;
    }
    let sentence = b
        .text
        .trim_end_matches(['"', '\'', '”', '’', '»', ')'])
        .ends_with(['.', '!', '?', '…', '。', '！', '？']);
    if density <= PROSE_MAX_LINK_DENSITY
        && (chars >= PROSE_CHARS || (sentence && chars >= SENTENCE_CHARS))
    {
        Weight::Prose
    } else {
        Weight::Short
    }
}

impl Body {
    /// The body of a page, or `None` when the page has no prose.
    pub(crate) fn of(layout: &Layout) -> Option<Body> {
        let elements = &layout.elements;
        let n = elements.len();
        if n == 0 {
            return None;
        }
        // Elements on the way to an `<h1>` hold the article whatever their
        // names say (Drupal's `<body class="one-sidebar">`, a column named
        // `main-with-sidebar`); so do `<body>`, `<html>` and the page's own
        // marks.
        let mut holds_headline = vec![false; n];
        for b in layout.blocks.iter().filter(|b| b.h1).take(8) {
            let mut at = b.element;
            while let Some(e) = elements.get(at as usize) {
                if holds_headline[at as usize] {
                    break;
                }
                holds_headline[at as usize] = true;
                at = e.parent;
            }
        }
        let named_not = |i: usize| {
            let e = &elements[i];
            e.not_content_named
                && !holds_headline[i]
                && !matches!(e.kind, Kind::Page | Kind::Marked)
        };
        // Whether an element is, or is inside, one named as not the
        // article (parents come before their children).
        let mut junk = vec![false; n];
        for i in 0..n {
            let parent = elements[i].parent;
            junk[i] = named_not(i) || (parent != NO_ELEMENT && junk[parent as usize]);
        }
        // The weight and the prose of each element's subtree.
        let mut weight = vec![0.0f64; n];
        let mut prose = vec![0usize; n];
        let mut total_prose = 0;
        let mut weights: Vec<Weight> = layout
            .blocks
            .iter()
            .map(|b| match elements.get(b.element as usize) {
                Some(e) => weight_of(b, junk[b.element as usize], e.kind),
                None => Weight::Junk,
            })
            .collect();
        // A short line or a heading just before a list of links or of
        // other lines that are not the article (two or more) is the list's
        // label ("More on this", "Related topics").
        let labels: Vec<usize> = (1..weights.len().saturating_sub(1))
            .filter(|&i| {
                weights[i] == Weight::Junk
                    && weights[i + 1] == Weight::Junk
                    && matches!(weights[i - 1], Weight::Short | Weight::Neutral)
            })
            .map(|i| i - 1)
            .collect();
        for i in labels {
            weights[i] = Weight::Junk;
        }
        for (b, w) in layout.blocks.iter().zip(&weights) {
            let i = b.element as usize;
            if i >= n {
                continue;
            }
            let chars = b.chars() as f64;
            weight[i] += match w {
                Weight::Prose => chars,
                Weight::Neutral => 0.0,
                Weight::Short => -chars / 2.0,
                Weight::Junk => -chars,
            };
            if *w == Weight::Prose {
                prose[i] += b.chars();
                total_prose += b.chars();
            }
        }
        if total_prose == 0 {
            return None;
        }
        for i in (1..n).rev() {
            let parent = elements[i].parent;
            if parent != NO_ELEMENT && (parent as usize) < i {
                weight[parent as usize] += weight[i];
                prose[parent as usize] += prose[i];
            }
        }
        let score = |i: usize| {
            let e = &elements[i];
            let marked = e.kind == Kind::Marked || (e.content_named && !e.not_content_named);
            if marked {
                weight[i] * (1.0 + MARKED_BONUS)
            } else {
                weight[i]
            }
        };
        let chosen = (0..n)
            .filter(|&i| !junk[i] && prose[i] > 0)
            .max_by(|&a, &b| score(a).total_cmp(&score(b)).then(b.cmp(&a)))?;
        // An element's descendants end after it and within the page.
        let end = (elements[chosen].end as usize).clamp(chosen + 1, n);
        // Inside the chosen element, the elements named as not the article.
        let mut left_out = vec![false; end - chosen];
        for i in chosen + 1..end {
            let parent = elements[i].parent as usize;
            let inherited = parent > chosen && parent < end && left_out[parent - chosen];
            left_out[i - chosen] = named_not(i) || inherited;
        }
        let mut text = String::new();
        for (b, w) in layout.blocks.iter().zip(&weights) {
            let i = b.element as usize;
            if i < chosen || i >= end || left_out[i - chosen] {
                continue;
            }
            if *w == Weight::Junk || b.caption || elements[i].kind == Kind::Headline {
                continue;
            }
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&b.text);
        }
        let prose_share = prose[chosen] as f64 / total_prose as f64;
        let confident = prose_share >= CONFIDENT_SHARE && text.chars().count() >= CONFIDENT_CHARS;
        Some(Body {
            text,
            prose_share,
            confident,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};
    use proptest::prelude::*;
    use trafilatura::dom::Document;

    fn body(html: &str) -> Option<Body> {
        Body::of(&Layout::of(&Document::parse(html)))
    }

    fn check(html: &str, expect: Expect) {
        let b = body(html).expect("the page has prose");
        expect.assert_eq(&format!(
            "{}\n-- share {:.2}, confident {}",
            b.text, b.prose_share, b.confident
        ));
    }

    /// A sentence of about 150 characters about the harbour, numbered.
    fn prose(i: usize) -> String {
        format!(
            "<p>The harbour board met for the {i}th time this year, and its members \
             agreed, after a long debate, that the pier needs a new roof before winter.</p>"
        )
    }

    /// A news page: navigation, the article with a subheading, a list, a
    /// share box and a related-links list, a sidebar and comments.
    fn news_page(paragraphs: usize) -> String {
        let body: String = (1..=paragraphs).map(prose).collect();
        format!(
            "<html><body><nav><a href=/>Home</a> <a href=/n>News</a> <a href=/s>Sport</a></nav>\
             <div class=\"layout has-sidebar\"><div class=main-column>\
             <article><h1>Pier gets a new roof</h1>\
             <div class=entry-content>{body}<h2>What happens next</h2>\
             <ul><li>Work starts in May.</li><li>The pier stays open.</li></ul>\
             <div class=share-box><p>Share this article</p></div>\
             <h3>More from the harbour</h3>\
             <ul><li><a href=/a>Ferry returns to the island after repairs</a></li>\
             <li><a href=/b>Fishermen ask for berths of their own</a></li></ul>\
             </div></article>\
             <section id=comments><p>I have walked on that pier every morning for forty \
             years, and the roof has leaked for at least ten of them, so about time.</p></section>\
             </div><aside class=sidebar><p>Most read today: the weather for the weekend, \
             the results of the regional league and the new bus timetable, all in one place.</p>\
             </aside></div></body></html>"
        )
    }

    #[test]
    fn the_article_without_its_furniture() {
        check(
            &news_page(7),
            expect![[r#"
                The harbour board met for the 1th time this year, and its members agreed, after a long debate, that the pier needs a new roof before winter.
                The harbour board met for the 2th time this year, and its members agreed, after a long debate, that the pier needs a new roof before winter.
                The harbour board met for the 3th time this year, and its members agreed, after a long debate, that the pier needs a new roof before winter.
                The harbour board met for the 4th time this year, and its members agreed, after a long debate, that the pier needs a new roof before winter.
                The harbour board met for the 5th time this year, and its members agreed, after a long debate, that the pier needs a new roof before winter.
                The harbour board met for the 6th time this year, and its members agreed, after a long debate, that the pier needs a new roof before winter.
                The harbour board met for the 7th time this year, and its members agreed, after a long debate, that the pier needs a new roof before winter.
                What happens next
                Work starts in May.
                The pier stays open.
                -- share 1.00, confident true"#]],
        );
    }

    #[test]
    fn a_short_article_is_not_confident() {
        check(
            &news_page(2),
            expect![[r#"
                The harbour board met for the 1th time this year, and its members agreed, after a long debate, that the pier needs a new roof before winter.
                The harbour board met for the 2th time this year, and its members agreed, after a long debate, that the pier needs a new roof before winter.
                What happens next
                Work starts in May.
                The pier stays open.
                -- share 1.00, confident false"#]],
        );
    }

    #[test]
    fn prose_in_two_places_is_not_confident() {
        // Two columns of prose, neither named, the second under a long
        // list of links: the column with more prose wins, and the choice
        // is not sure.
        let left: String = (1..=8).map(prose).collect();
        let right: String = (11..=13).map(prose).collect();
        let links: String = (1..=40)
            .map(|i| {
                format!("<li><a href=/{i}>Another story from the harbour, number {i}</a></li>")
            })
            .collect();
        let html = format!(
            "<html><body><div class=a><div>{left}</div></div>\
             <div class=b><ul>{links}</ul><div>{right}</div></div></body></html>"
        );
        let b = body(&html).expect("prose");
        assert!(b.text.contains("8th time") && !b.text.contains("11th time"));
        assert!(
            (b.prose_share - 8.0 / 11.0).abs() < 0.01,
            "{}",
            b.prose_share
        );
        assert!(!b.confident);
    }

    #[test]
    fn names_of_a_state_are_not_names_of_furniture() {
        // `has-ads` says the section carries ads, not that it is one.
        let paragraphs: String = (1..=8).map(prose).collect();
        let html = format!(
            "<html><body><section class=\"o-section--has-ads\"><div class=copy>{paragraphs}\
             </div></section><div class=ads><p>Buy the best boots of the season now at \
             half price, only this week, in every one of our shops in the region.</p></div>\
             </body></html>"
        );
        let b = body(&html).expect("prose");
        assert!(
            b.text.contains("1th time") && !b.text.contains("boots"),
            "{}",
            b.text
        );
        assert!(b.confident);
    }

    #[test]
    fn deep_nesting_is_read_without_recursion() {
        // Far deeper than a thread's default stack would take recursively.
        let paragraphs: String = (1..=8).map(prose).collect();
        let html = format!(
            "{}<h1>Pier roof</h1>{paragraphs}",
            "<div class=\"comments\">".repeat(20_000)
        );
        let b = body(&html).expect("prose");
        // The headline's containers are the article's whatever their names.
        assert!(b.text.contains("8th time") && b.confident, "{}", b.text);
    }

    #[test]
    fn a_page_without_prose_has_no_body() {
        assert_eq!(body("<html><body><a href=/>Home</a></body></html>"), None);
        assert_eq!(body(""), None);
    }

    /// Markup of the elements the body weighs, with names of content and of
    /// what is not the article, and prose or short text, in any order and
    /// nesting (broken markup included).
    fn markup() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("<div class=entry-content>".to_owned()),
            Just("<div class=comments>".to_owned()),
            Just("<aside>".to_owned()),
            Just("<article>".to_owned()),
            Just("</div>".to_owned()),
            Just("</article>".to_owned()),
            Just("<h1>Pier roof</h1>".to_owned()),
            Just("<ul><li><a href=/a>A link of a list of links</a></li></ul>".to_owned()),
            Just("<p>Short line</p>".to_owned()),
            (0usize..50).prop_map(prose),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn the_body_is_blocks_of_the_page_in_their_order(html in markup()) {
            let layout = Layout::of(&Document::parse(&html));
            if let Some(b) = Body::of(&layout) {
                // Every line is a block of the page, found after the one
                // before it.
                let mut from = 0;
                for line in b.text.lines() {
                    let at = layout.blocks[from..].iter().position(|x| x.text == line);
                    prop_assert!(at.is_some(), "{line:?} not a block after {from}");
                    from += at.unwrap_or(0) + 1;
                }
                prop_assert!((0.0..=1.0).contains(&b.prose_share));
                prop_assert_eq!(
                    b.confident,
                    b.prose_share >= CONFIDENT_SHARE && b.text.chars().count() >= CONFIDENT_CHARS
                );
            }
        }
    }
}
