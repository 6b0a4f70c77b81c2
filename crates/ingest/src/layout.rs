//! What blocks of text does this page show, in reading order, and what do
//! their containers say they are? A [`Layout`] is the page's visible text
//! cut into blocks as a browser lays them out (one per paragraph, heading,
//! list item, cell), each with the share of its text inside links, whether
//! it sits in navigation, an aside, a footer or a form, and whether an
//! element around it names itself as the article's lead (`class="lead"`,
//! `teaser-text`, `intro`, `abstract`, `standfirst`, ...).
//!
//! The main-text extractor works on the same tree but keeps no such view
//! of it; [`crate::page`] reads the layout to find what the extractor left
//! out, such as the lead paragraph set above the article body in a
//! container of its own, which trafilatura passes over because it takes
//! the body container alone (and drops elements named "teaser").

use trafilatura::dom::{Document, NodeId};

use crate::html::{is_block, is_dropped, push_shown};
use crate::page::close_up_punctuation;

/// One block of visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// The text, whitespace collapsed and punctuation closed up after
    /// inline elements as in the extracted text
    /// ([`crate::page::close_up_punctuation`]), so the two compare.
    pub(crate) text: String,
    /// Characters of `text` inside links.
    pub(crate) link_chars: usize,
    /// Whether the block is, or is inside, an `<h1>`.
    pub(crate) h1: bool,
    /// Whether an element around the block (itself or one of its nearest
    /// [`LEAD_LEVELS`] ancestors) names itself as the article's lead, and
    /// no nearer one names itself a caption.
    pub(crate) lead_named: bool,
    /// Whether the block is inside `<nav>`, `<aside>`, `<footer>`,
    /// `<form>`, `<menu>`, an element with a navigation role or one that
    /// names itself a breadcrumb trail.
    pub(crate) furniture: bool,
    /// Whether the block is inside a `<figure>` or `<figcaption>`, or
    /// an element around it (as for `lead_named`) names itself a caption
    /// and no nearer one a lead: an image's caption or credit.
    pub(crate) caption: bool,
    /// Whether an element around the block names itself as something
    /// beside the article (sidebar, widget, related, share, author box).
    pub(crate) aside_named: bool,
    /// The index in [`Layout::elements`] of the nearest block element
    /// around the block (its `<p>`, `<li>`, heading or `<div>`), or
    /// [`NO_ELEMENT`] for text outside every element.
    pub(crate) element: u32,
}

/// The index of no element.
pub(crate) const NO_ELEMENT: u32 = u32::MAX;

/// What kind of element an [`Element`] is, as far as choosing the article's
/// container needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `<h2>` to `<h6>`.
    Subheading,
    /// `<h1>`.
    Headline,
    /// `<article>`, `<main>`, an element with `role=main` or
    /// `itemprop=articleBody`: the page's own mark for its main content.
    Marked,
    /// `<body>` or `<html>`.
    Page,
    /// Anything else.
    Other,
}

/// One element of the page, in document order (a parent comes before its
/// children, and an element's descendants are the indices up to `end`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    /// The index of the parent element, or [`NO_ELEMENT`].
    pub(crate) parent: u32,
    /// One past the index of the element's last descendant.
    pub(crate) end: u32,
    /// What kind of element it is.
    pub(crate) kind: Kind,
    /// Whether its class or id names content (`article-body`,
    /// `entry-content`, [`CONTENT_NAMES`]).
    pub(crate) content_named: bool,
    /// Whether its class or id names something that is not the article
    /// (`comments`, `sidebar`, `share`, [`NOT_CONTENT_NAMES`]), or it is
    /// furniture by its tag or role (`<nav>`, `<aside>`, `<footer>`,
    /// `<menu>`, navigation, breadcrumbs; not `<form>`).
    pub(crate) not_content_named: bool,
}

impl Block {
    /// The block's length in characters.
    pub(crate) fn chars(&self) -> usize {
        self.text.chars().count()
    }

    /// The share of the block's characters inside links.
    pub(crate) fn link_density(&self) -> f64 {
        let n = self.chars();
        if n == 0 {
            0.0
        } else {
            self.link_chars as f64 / n as f64
        }
    }
}

/// The blocks of a page in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    /// The blocks, in document order.
    pub(crate) blocks: Vec<Block>,
    /// The elements, in document order (see [`Element`]).
    pub(crate) elements: Vec<Element>,
}

/// Parts of a class or id that name an article's content, in the languages
/// of the web's news sites (the list readability and trafilatura match,
/// with German, French, Spanish and Italian words added).
pub(crate) const CONTENT_NAMES: &[&str] = &[
    "article",
    "articles",
    "body",
    "content",
    "entry",
    "hentry",
    "main",
    "post",
    "text",
    "blog",
    "story",
    "artikel",
    "beitrag",
    "inhalt",
    "texte",
    "contenu",
    "contenido",
    "cuerpo",
    "texto",
    "testo",
    "corpo",
    "articolo",
    "articulo",
    "noticia",
];

/// Parts of a class or id after which the rest of the name says what the
/// element has or shows, not what it is.
const STATE_PARTS: &[&str] = &[
    "has", "no", "with", "without", "show", "hide", "enable", "enabled",
];

/// Parts of a class or id that name what is not the article: comments,
/// sidebars, sharing and social boxes, navigation, footers, advertising,
/// related and recommended links, tags, pagination, pop-ups.
pub(crate) const NOT_CONTENT_NAMES: &[&str] = &[
    "comment",
    "comments",
    "kommentare",
    "commentaires",
    "comentarios",
    "disqus",
    "respond",
    "replies",
    "sidebar",
    "share",
    "sharing",
    "social",
    "footer",
    "foot",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "sponsor",
    "sponsored",
    "promo",
    "related",
    "recommended",
    "popular",
    "trending",
    "tags",
    "pagination",
    "pager",
    "popup",
    "modal",
    "newsletter",
    "subscribe",
    "cookie",
    "masthead",
    "toolbar",
    "tools",
    "print",
    "rss",
    "outbrain",
    "taboola",
    "rating",
    "ratings",
    "teaser",
    "teasers",
    "author",
    "authors",
    "bio",
    "byline",
    "meta",
    "metadata",
    "cta",
    "promotion",
    "credits",
    "contributor",
    "contributors",
];

/// How many ancestors of a block are read for a lead name: the name sits
/// on the paragraph (`<p class="lead">`), its wrapper (`<div
/// class="teaser-text"><p>`) or up to two levels higher (`<div
/// class="intro"><div class="chapo"><div><p>`).
pub(crate) const LEAD_LEVELS: usize = 3;

/// Parts of a class or id that name an article's lead paragraph (the
/// standfirst under the headline): the common English names and the
/// French `chapo`. Matched against whole parts of a name split at `-`,
/// `_`, digits and lower-to-upper case changes, so `leader` or
/// `misleading` do not match.
pub(crate) const LEAD_NAMES: &[&str] = &[
    "lead",
    "lede",
    "intro",
    "introduction",
    "teaser",
    "abstract",
    "excerpt",
    "summary",
    "standfirst",
    "description",
    "subtitle",
    "subheadline",
    "subline",
    "deck",
    "dek",
    "chapo",
];

/// How many ancestors of a block are read for an aside name: author and
/// newsletter boxes wrap their lines in a few levels of their own.
pub(crate) const ASIDE_LEVELS: usize = 4;

/// Parts of a class or id that name an element beside the article inside
/// its container: an author box (`author-bio`), a newsletter or
/// promotion box, related links, an
/// image credit, a cookie notice. Measured one by one on half the
/// evaluation pages (BENCHMARKS.md): `sidebar`, `widget` (page builders
/// wrap article text in `elementor-widget-text-editor`), `share`, `social`
/// and `tweet` cost more segments than they saved and are not here.
pub(crate) const ASIDE_NAMES: &[&str] = &[
    "author",
    "newsletter",
    "promo",
    "related",
    "credit",
    "cookie",
];

/// What the parts of a class attribute, id or label name, read in one pass.
#[derive(Debug, Default, Clone, Copy)]
struct Names {
    /// The article's lead ([`LEAD_NAMES`]).
    lead: bool,
    /// Something beside the article ([`ASIDE_NAMES`]). Classes that carry
    /// a post's tags and categories (`tag-related-news`, `category-promo`)
    /// name its topics, not the element, and are passed over.
    aside: bool,
    /// An image caption (`wp-caption-text`).
    caption: bool,
    /// A breadcrumb trail.
    breadcrumb: bool,
    /// The article's content ([`CONTENT_NAMES`]).
    content: bool,
    /// What is not the article ([`NOT_CONTENT_NAMES`]).
    not_content: bool,
}

impl Names {
    fn of(name: &str) -> Self {
        let mut names = Names::default();
        for token in name.split_whitespace() {
            let topic = token.starts_with("tag-") || token.starts_with("category-");
            // A part after `has`, `no`, `with` ... names a state of the
            // element, not what it is (`o-section--has-ads`, `no-sidebar`).
            let mut modified = false;
            for_each_part(token, |p| {
                let kinds = part_kinds(p);
                let is = |k: u8| kinds & k != 0;
                modified |= is(STATE);
                names.lead |= is(LEAD);
                names.aside |= !topic && is(ASIDE);
                names.caption |= is(CAPTION);
                names.breadcrumb |= is(BREADCRUMB);
                names.content |= is(CONTENT);
                names.not_content |= !topic && !modified && is(NOT_CONTENT);
            });
        }
        names
    }

    fn or(self, other: Names) -> Names {
        Names {
            lead: self.lead || other.lead,
            aside: self.aside || other.aside,
            caption: self.caption || other.caption,
            breadcrumb: self.breadcrumb || other.breadcrumb,
            content: self.content || other.content,
            not_content: self.not_content || other.not_content,
        }
    }
}

// What a part of a name may name, as bits: one part can be in several
// lists (`related` names an aside and something not the article).
const LEAD: u8 = 1;
const ASIDE: u8 = 2;
const CAPTION: u8 = 4;
const BREADCRUMB: u8 = 8;
const CONTENT: u8 = 16;
const NOT_CONTENT: u8 = 32;
const STATE: u8 = 64;

/// What the lists of names say a part of a class or id names, matched
/// without regard to ASCII case: one hash lookup instead of a comparison
/// with every name of every list (every element of every page is read).
fn part_kinds(part: &str) -> u8 {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static KINDS: OnceLock<(HashMap<&'static str, u8>, usize)> = OnceLock::new();
    let (kinds, longest) = KINDS.get_or_init(|| {
        let mut kinds: HashMap<&'static str, u8> = HashMap::new();
        let lists: [(&[&'static str], u8); 7] = [
            (LEAD_NAMES, LEAD),
            (ASIDE_NAMES, ASIDE),
            (&["caption"], CAPTION),
            (&["breadcrumb", "breadcrumbs"], BREADCRUMB),
            (CONTENT_NAMES, CONTENT),
            (NOT_CONTENT_NAMES, NOT_CONTENT),
            (STATE_PARTS, STATE),
        ];
        for (list, kind) in lists {
            for name in list {
                *kinds.entry(name).or_default() |= kind;
            }
        }
        let longest = kinds.keys().map(|k| k.len()).max().unwrap_or(0);
        (kinds, longest)
    });
    if part.len() > *longest {
        return 0;
    }
    if part.bytes().any(|b| b.is_ascii_uppercase()) {
        kinds
            .get(part.to_ascii_lowercase().as_str())
            .copied()
            .unwrap_or(0)
    } else {
        kinds.get(part).copied().unwrap_or(0)
    }
}

/// Calls `f` with each part of a class token or id: split at `-`, `_`,
/// digits and where a lower-case letter is followed by an upper-case one
/// (`documentDescription` → `document`, `Description`).
fn for_each_part(token: &str, mut f: impl FnMut(&str)) {
    for word in token.split(|c: char| c == '-' || c == '_' || c.is_ascii_digit()) {
        let bytes = word.as_bytes();
        let mut start = 0;
        for i in 1..bytes.len() {
            if bytes[i - 1].is_ascii_lowercase() && bytes[i].is_ascii_uppercase() {
                f(&word[start..i]);
                start = i;
            }
        }
        if start < word.len() {
            f(&word[start..]);
        }
    }
}

/// An element open on the way down the tree.
struct Frame {
    /// Whether the element ends the block when it closes.
    block: bool,
    /// Whether the element itself names a lead.
    lead_named: bool,
    furniture: bool,
    /// Whether the element is a `<figure>` or `<figcaption>`.
    figure: bool,
    /// Whether the element's class or id names a caption.
    caption_named: bool,
    aside_named: bool,
    link: bool,
    h1: bool,
    /// The element's index in [`Layout::elements`].
    element: u32,
}

/// The block being filled.
#[derive(Default)]
struct Open {
    text: String,
    link_chars: usize,
    pending_space: bool,
}

impl Layout {
    /// The layout of a parsed page. A flat walk over the tree, not
    /// recursion, so deep nesting cannot overflow the stack.
    pub(crate) fn of(doc: &Document) -> Self {
        let mut blocks = Vec::new();
        let mut elements: Vec<Element> = Vec::new();
        let mut open = Open::default();
        let mut frames: Vec<Frame> = Vec::new();
        // Nodes still to visit, each with whether it is the closing visit of
        // an element.
        let mut todo: Vec<(NodeId, bool)> = vec![(doc.root(), false)];
        while let Some((id, closing)) = todo.pop() {
            if closing {
                // The block ends inside its element, so that the element
                // is part of the block's context.
                if frames.last().is_some_and(|f| f.block) {
                    flush(&mut open, &frames, &mut blocks);
                }
                let end = index(elements.len());
                if let Some(f) = frames.pop()
                    && let Some(e) = elements.get_mut(f.element as usize)
                {
                    e.end = end;
                }
                continue;
            }
            if doc.is_text(id) {
                let in_link = frames.iter().any(|f| f.link);
                push_text(&mut open, &doc.text_content(id), in_link);
                continue;
            }
            let tag = doc.tag_name(id);
            if !tag.is_empty() && (is_dropped(tag) || tag == "title") {
                continue;
            }
            let is_element = doc.is_element(id);
            if is_element {
                let block = is_block(tag);
                if block {
                    flush(&mut open, &frames, &mut blocks);
                }
                let names = Names::of(&doc.class_name(id)).or(Names::of(&doc.id_attr(id)));
                let role = doc.get_attribute(id, "role");
                let label = doc.get_attribute(id, "aria-label");
                let furniture = matches!(tag, "nav" | "aside" | "footer" | "form" | "menu")
                    || role
                        .as_deref()
                        .is_some_and(|r| r.eq_ignore_ascii_case("navigation"))
                    || names.breadcrumb
                    || label.is_some_and(|l| Names::of(&l).breadcrumb);
                let marked = matches!(tag, "article" | "main")
                    || role.is_some_and(|r| r.eq_ignore_ascii_case("main"))
                    || doc
                        .get_attribute(id, "itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"));
                let kind = match tag {
                    "h1" => Kind::Headline,
                    "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Subheading,
                    "body" | "html" => Kind::Page,
                    _ if marked => Kind::Marked,
                    _ => Kind::Other,
                };
                let element = index(elements.len());
                elements.push(Element {
                    parent: frames.last().map_or(NO_ELEMENT, |f| f.element),
                    end: element + 1,
                    kind,
                    content_named: names.content,
                    // A `<form>` is furniture for the lead, but ASP.NET pages wrap
                    // the whole page in one.
                    not_content_named: names.not_content || (furniture && tag != "form"),
                });
                frames.push(Frame {
                    element,
                    block,
                    lead_named: names.lead,
                    aside_named: names.aside,
                    furniture,
                    figure: matches!(tag, "figure" | "figcaption"),
                    caption_named: names.caption,
                    link: tag == "a",
                    h1: tag == "h1",
                });
                todo.push((id, true));
            }
            let children = doc.child_nodes(id);
            todo.extend(children.into_iter().rev().map(|c| (c, false)));
        }
        flush(&mut open, &frames, &mut blocks);
        Layout { blocks, elements }
    }
}

/// An index into [`Layout::elements`]; a page has far fewer than 2³²
/// elements ([`crate::page::MAX_PAGE_BYTES`] bounds it).
fn index(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(NO_ELEMENT)
}

fn push_text(open: &mut Open, s: &str, in_link: bool) {
    let added = push_shown(&mut open.text, &mut open.pending_space, s);
    if in_link {
        open.link_chars += added;
    }
}

/// Ends the open block, if it holds any text, in the context of the
/// elements open around it.
fn flush(open: &mut Open, frames: &[Frame], blocks: &mut Vec<Block>) {
    let taken = std::mem::take(open);
    if taken.text.is_empty() {
        return;
    }
    // The nearest enclosing block element is the block's own; it, the
    // inline elements inside it and LEAD_LEVELS ancestors above it are
    // read for a lead name.
    let own_block = frames.iter().rposition(|f| f.block);
    let own = own_block.unwrap_or(0);
    let lead_from = own.saturating_sub(LEAD_LEVELS);
    // The nearest element that names itself a lead or a caption decides
    // (a lead wins on an element named both: `teaser caption-s5`).
    let nearest = frames[lead_from..]
        .iter()
        .rev()
        .find(|f| f.lead_named || f.caption_named);
    let lead_named = nearest.is_some_and(|f| f.lead_named);
    let caption_named = nearest.is_some_and(|f| !f.lead_named);
    let text = if taken.text.contains(" .") || taken.text.contains(" ,") {
        close_up_punctuation(&taken.text)
    } else {
        taken.text
    };
    blocks.push(Block {
        text,
        link_chars: taken.link_chars,
        h1: frames.iter().any(|f| f.h1),
        lead_named,
        furniture: frames.iter().any(|f| f.furniture),
        caption: caption_named || frames.iter().any(|f| f.figure),
        aside_named: frames[own.saturating_sub(ASIDE_LEVELS)..]
            .iter()
            .any(|f| f.aside_named),
        element: own_block
            .and_then(|i| frames.get(i))
            .map_or(NO_ELEMENT, |f| f.element),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for yes in [
            "lead",
            "teaser-text",
            "article-intro",
            "documentDescription",
            "v-A_-lead",
            "contentHeader__abstract",
            "post excerpt",
            "c-article-head__subtitle",
            "field-name-field-intro-text",
        ] {
            assert!(Names::of(yes).lead, "{yes}");
        }
        for no in [
            "leader",
            "misleading",
            "content",
            "article-body",
            "introvert",
            "",
        ] {
            assert!(!Names::of(no).lead, "{no}");
        }
    }

    #[test]
    fn aside_names() {
        for yes in [
            "author-box",
            "newsletterSignup",
            "related_posts",
            "photo-credit",
        ] {
            assert!(Names::of(yes).aside, "{yes}");
        }
        for no in [
            "authorized",
            "entry-content",
            "post tag-related-news category-promo",
        ] {
            assert!(!Names::of(no).aside, "{no}");
        }
        assert!(Names::of("wp-caption-text").caption && !Names::of("captions2").caption);
        assert!(Names::of("site-breadcrumbs").breadcrumb && Names::of("Breadcrumb").breadcrumb);
    }

    #[test]
    fn blocks_carry_their_context() {
        let doc = Document::parse(
            "<html><body><nav><a href=/>Home</a> <a href=/s>Sport</a></nav>\
             <article><h1>Mill <b>reopens</b></h1>\
             <div class=\"teaser-text\"><p>The old mill reopened.</p></div>\
             <p class=lead>A lead of its own.</p>\
             <p>Forty people <a href=/w>went back</a> to work.</p></article>\
             <script>var x = 1;</script></body></html>",
        );
        let layout = Layout::of(&doc);
        let texts: Vec<&str> = layout.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Home Sport",
                "Mill reopens",
                "The old mill reopened.",
                "A lead of its own.",
                "Forty people went back to work."
            ]
        );
        let b = &layout.blocks;
        assert!(b[0].furniture && b[0].link_density() > 0.8);
        assert!(b[1].h1 && !b[1].lead_named);
        assert!(b[2].lead_named && !b[2].furniture);
        assert!(b[3].lead_named);
        assert!(!b[4].lead_named && !b[4].aside_named);
        assert_eq!(b[4].link_chars, "wentback".len());
    }
}
