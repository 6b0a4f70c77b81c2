//! What is the headline of this page? The page's metadata title (Open
//! Graph, JSON-LD or `<title>`) usually carries the site name too ("Mill
//! reopens | Valley Post") or is a variant written for search engines,
//! while the headline a reader sees is the page's `<h1>` (or, on blogs
//! whose `<h1>` is the site's name, an `<h2>`). [`choose`] weighs them.

use trafilatura::dom::Document;

/// The page's headings that may be its headline, whitespace collapsed, in
/// document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Headings {
    /// The texts of the first `<h1>` elements.
    pub(crate) h1: Vec<String>,
    /// The texts of the first `<h2>` elements.
    pub(crate) h2: Vec<String>,
    /// For each of `h1`, its main line: the text without a kicker set in
    /// an element of its own (`<h1><span>Klimaschutz</span> <span>Bohren,
    /// bis es heiß wird</span></h1>`), else the whole text.
    pub(crate) h1_main: Vec<String>,
}

impl Headings {
    /// The headings of a parsed page.
    pub(crate) fn of(doc: &Document) -> Self {
        let texts = |tag: &str| {
            doc.get_elements_by_tag_name(doc.root(), tag)
                .into_iter()
                .take(8)
                .filter_map(|id| collapse(&visible_text(doc, id)))
                .filter(|t| t.chars().count() >= 3 && t.len() < 400 && !is_furniture(t))
                .collect()
        };
        let h1s: Vec<(String, String)> = doc
            .get_elements_by_tag_name(doc.root(), "h1")
            .into_iter()
            .take(8)
            .filter_map(|id| {
                let text = collapse(&visible_text(doc, id))?;
                let main = main_line(doc, id).unwrap_or_else(|| text.clone());
                Some((text, main))
            })
            .filter(|(t, _)| t.chars().count() >= 3 && t.len() < 400 && !is_furniture(t))
            .collect();
        let (h1, h1_main) = h1s.into_iter().unzip();
        Headings {
            h1,
            h2: texts("h2"),
            h1_main,
        }
    }
}

/// Whether a heading is the page's furniture by its wording, as cleaning
/// judges a line: a comment form's "Leave a Reply", a newsletter or share
/// box names a block, not the article. Legal and related-link wording is
/// not taken: "Über uns" or "Datenschutz..." is often the page's own
/// title, and a teaser's shape ("... Alles andere kann warten…") a
/// headline's (trafilatura-eval: with these three kinds one title more is
/// right and none lost; with every kind two more and three lost).
fn is_furniture(heading: &str) -> bool {
    use storyline_core::RemovalReason::{CommentForm, Social, Subscription};
    storyline_core::clean::furniture_lines(heading)
        .iter()
        .any(|(_, r)| matches!(r, CommentForm | Subscription | Social))
}

/// The longest of a heading's parts when it is set in two or more
/// elements and holds more than all the others together: the headline
/// under a kicker. Descends through a lone wrapper (`<h1><a>...</a></h1>`).
fn main_line(doc: &Document, id: trafilatura::dom::NodeId) -> Option<String> {
    let mut at = id;
    for _ in 0..4 {
        let children = doc.children(at);
        let own_text = doc.text(at).trim().is_empty();
        if children.len() == 1 && own_text {
            at = children[0];
            continue;
        }
        if children.len() < 2 || !own_text {
            return None;
        }
        let texts: Vec<String> = children
            .iter()
            .filter(|c| !is_hidden(doc, **c))
            .filter_map(|c| collapse(&visible_text(doc, *c)))
            .collect();
        let total: usize = texts.iter().map(|t| t.chars().count()).sum();
        let longest = texts.iter().max_by_key(|t| t.chars().count())?;
        let n = longest.chars().count();
        return (texts.len() >= 2 && n * 2 > total).then(|| longest.clone());
    }
    None
}

/// The text of element `id` without that of the style sheets and scripts
/// inside it (CSS-in-JS sites set a `<style>` in their headline).
fn visible_text(doc: &Document, id: trafilatura::dom::NodeId) -> String {
    let mut out = String::new();
    push_visible(doc, id, &mut out, 0);
    out
}

fn push_visible(doc: &Document, id: trafilatura::dom::NodeId, out: &mut String, depth: usize) {
    if depth > MAX_HEADING_DEPTH || is_hidden(doc, id) {
        return;
    }
    out.push_str(&doc.text(id));
    for child in doc.children(id) {
        push_visible(doc, child, out, depth + 1);
        out.push_str(&doc.tail(child));
    }
}

/// How deep inside a heading its text is read.
const MAX_HEADING_DEPTH: usize = 32;

/// Whether element `id` holds no text a reader sees as part of the
/// heading: style sheets and scripts, and ruby readings (a learners' page
/// prints the reading above each word: "子<rt>こ</rt>ども" is "子ども").
fn is_hidden(doc: &Document, id: trafilatura::dom::NodeId) -> bool {
    let tag = doc.tag_name(id);
    matches!(tag, "style" | "script" | "noscript" | "template")
        || crate::html::RUBY_ANNOTATIONS.contains(&tag)
}

fn collapse(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Separators between a headline and the site name in a `<title>`.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " › ", " » ", " :: ", " · ", " / ",
];

/// `title` with a space either side of each separator written without
/// spaces beside a CJK character: Chinese and Japanese titles set no
/// spaces ("武汉的声音…！-新华网", "NEWS WEB EASY|子どもへの…"), so the
/// site's name is split off at a bare "-" or "|" there.
fn spaced_cjk_separators(title: &str) -> std::borrow::Cow<'_, str> {
    let chars: Vec<char> = title.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let bare = matches!(c, '-' | '|' | '｜' | '–' | '—')
            && before.is_some_and(|b| !b.is_whitespace())
            && after.is_some_and(|a| !a.is_whitespace())
            && (before.is_some_and(is_cjk) || after.is_some_and(is_cjk));
        if bare && out.is_empty() {
            // The first bare separator: what came before it, as written.
            out.reserve(title.len() + 8);
            out.extend(&chars[..i]);
        }
        if bare {
            out.push(' ');
            // "｜" is the full-width bar: the same separator.
            out.push(if c == '｜' { '|' } else { c });
            out.push(' ');
        } else if !out.is_empty() {
            out.push(c);
        }
    }
    if out.is_empty() {
        std::borrow::Cow::Borrowed(title)
    } else {
        std::borrow::Cow::Owned(out)
    }
}

/// Whether `c` is a Han, kana or Hangul character, or CJK punctuation and
/// full-width forms (the full stop "。", "！", "）").
fn is_cjk(c: char) -> bool {
    storyline_core::text::is_ideograph(c)
        || matches!(c as u32,
            0x3000..=0x303F        // CJK punctuation
            | 0xAC00..=0xD7AF      // Hangul syllables
            | 0xFF01..=0xFF60      // full-width forms
        )
}

/// Whether `c` may stand between a headline and what follows it.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':')
}

/// The text of `text` after `prefix`, when `text` begins with it as folded
/// text ([`fold`]: case, dashes and spacing aside).
fn after_prefix<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let want = fold(prefix);
    let want = want.trim_end();
    for (i, _) in text.char_indices().skip(1).chain([(text.len(), ' ')]) {
        let head = fold(&text[..i]);
        let head = head.trim_end();
        if head == want {
            return Some(&text[i..]);
        }
        if head.len() > want.len() {
            return None;
        }
    }
    None
}

/// Whether `rest`, the text of an `<h1>` after a title it begins with,
/// goes on with the headline: a lower-case word, or a colon or dash and
/// more.
fn goes_on(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => true,
        Some(':' | '-' | '–' | '—') => chars.next().is_some_and(char::is_whitespace),
        _ => false,
    }
}

fn fold(s: &str) -> String {
    storyline_core::text::fold(s)
}

/// The parts of a title between its separators, trimmed (the whole title
/// when it has none).
fn title_parts(title: &str) -> Vec<&str> {
    let mut parts = vec![title];
    for sep in TITLE_SEPARATORS {
        parts = parts
            .into_iter()
            .flat_map(|p| p.split(sep))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
    }
    parts
}

/// The words of a text, folded, for comparing a heading with a title.
fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The headline, from the metadata title `meta`, the page's headings and
/// the site name. The `<h1>` is what the reader sees as the headline and
/// wins over the metadata title, which is often a variant written for
/// search engines, unless it is the site's name or a fragment:
///
/// 1. an `<h1>` that the title contains (and that is no short section
///    label inside a long title, and does not name the site);
/// 2. the part of the title that the `<h1>` holds with more around it (a
///    kicker printed in the `<h1>`: "Interne Unterlagen im Netz Daten von
///    Rheinmetall gehackt");
/// 3. an `<h2>` that is the whole title or one of its parts (blogs whose
///    `<h1>` is the blog's name);
/// 4. an `<h1>` of two or more words sharing half of them with the title;
/// 5. an `<h1>` of three or more words that does not name the site;
/// 6. the title without the parts that name the site (without a known
///    site name, the last part by convention);
/// 7. the title as given; without one, the first `<h1>`;
/// 8. but when the answer names the site by the host name, the heading
///    right above the article's text (`above_body`), unless it names the
///    site too.
///
/// An `<h1>` chosen by rules 1, 4 or 5 is given as its main line, without
/// a kicker set in an element of its own.
pub(crate) fn choose(
    meta: Option<String>,
    headings: &Headings,
    above_body: Option<&str>,
    host: Option<&str>,
    site: Option<&str>,
) -> Option<String> {
    let chosen = choose_from_title(meta, headings, site);
    // 8. When all that gives the site's own name (most of its words are in
    //    the host name), the heading printed right above the text is the
    //    post's title: small sites put their name in `<title>` and `<h1>`.
    match (chosen, above_body) {
        (Some(c), Some(h)) if names_host(&c, host) && !names_host(h, host) => Some(h.to_owned()),
        (c, _) => c,
    }
}

/// Whether most words of `text` (of four letters or more, umlauts written
/// out) are part of the host name `host`: "Krimiblog-Archiv" on
/// archiv.krimiblog.de names the site; "Parallels Desktop for Mac" on
/// parallels.com does not.
fn names_host(text: &str, host: Option<&str>) -> bool {
    let Some(host) = host else { return false };
    let host = host.to_ascii_lowercase();
    let long: Vec<String> = words(&deunicode_ascii(text))
        .into_iter()
        .filter(|w| w.len() >= 4)
        .collect();
    let in_host = long.iter().filter(|w| host.contains(w.as_str())).count();
    in_host * 2 > long.len()
}

/// `text` with umlauts written out and other letters stripped of their
/// accents, as host names spell them ("Mäscot" is "maescot").
fn deunicode_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ä' | 'Ä' => out.push_str("ae"),
            'ö' | 'Ö' => out.push_str("oe"),
            'ü' | 'Ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out
}

fn choose_from_title(
    meta: Option<String>,
    headings: &Headings,
    site: Option<&str>,
) -> Option<String> {
    let Some(meta) = meta else {
        return headings.h1.first().cloned();
    };
    let folded = fold(&meta);
    let parts = title_parts(&meta);
    let site = site.map(fold);
    let names_site = |p: &str| {
        let p = fold(p);
        site.as_deref()
            .is_some_and(|s| p == s || (p.len() >= 3 && s.contains(&p)))
    };
    // A short generic heading ("Opinion", "News") inside a long title is a
    // section label, not the headline.
    let long_enough = |h: &str| h.chars().count() * 10 >= meta.chars().count() * 3;
    let main = |i: usize| headings.h1_main.get(i).unwrap_or(&headings.h1[i]).clone();
    if let Some(i) = headings
        .h1
        .iter()
        .position(|h| long_enough(h) && folded.contains(&fold(h)) && !names_site(h))
    {
        return Some(main(i));
    }
    let whole = meta.as_str();
    let in_h1 = headings.h1.iter().find_map(|h| {
        let fh = fold(h);
        let n = h.chars().count();
        let part = parts
            .iter()
            .chain(std::iter::once(&whole))
            .filter(|p| !names_site(p) && p.chars().count() * 2 >= n)
            .filter(|p| fh.contains(&fold(p)) && fold(p) != fh)
            .max_by_key(|p| p.len())?;
        // An <h1> that begins with the title part and goes on with the
        // same sentence ("... vom Blech: einfach köstlich!", "... in
        // Tennessee") is the whole headline: the title was cut short (at a
        // " - " of the headline's own, or a JSON-LD headline at 110
        // characters), not given a kicker. A "|", a date or a capitalised
        // line after it is the site's name or a deck, not the headline.
        let rest = after_prefix(h, part).map(str::trim_start);
        Some(match rest {
            Some(rest) if goes_on(rest) && !names_site(rest.trim_start_matches(is_separator)) => {
                h.clone()
            }
            _ => (*part).to_owned(),
        })
    });
    if in_h1.is_some() {
        return in_h1;
    }
    if let Some(h) = headings.h2.iter().find(|h| {
        let f = fold(h);
        !names_site(h) && long_enough(h) && (f == folded || parts.iter().any(|p| fold(p) == f))
    }) {
        return Some(h.clone());
    }
    let title_words = words(&meta);
    if let Some(i) = headings.h1.iter().position(|h| {
        let w = words(h);
        let shared = w.iter().filter(|x| title_words.contains(x)).count();
        !names_site(h) && w.len() >= 2 && shared * 2 >= w.len()
    }) {
        return Some(main(i));
    }
    if let Some(i) = headings
        .h1
        .iter()
        .position(|h| !names_site(h) && words(h).len() >= 3)
    {
        return Some(main(i));
    }
    let spaced = spaced_cjk_separators(&meta);
    for sep in TITLE_SEPARATORS {
        if !spaced.contains(sep) {
            continue;
        }
        let parts: Vec<&str> = spaced
            .split(sep)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let n = parts.len();
        let kept: Vec<&str> = parts.iter().copied().filter(|p| !names_site(p)).collect();
        // With a known site name, drop only the parts naming it; without
        // one, the site name is the last part by convention.
        let kept = if kept.len() < parts.len() {
            kept
        } else if parts.len() >= 2
            && parts[parts.len() - 1].chars().count()
                < parts[..parts.len() - 1].join(sep).chars().count()
        {
            parts[..parts.len() - 1].to_vec()
        } else {
            parts
        };
        // Nothing dropped, the title stands as written (not as spaced).
        if kept.len() == n {
            break;
        }
        if !kept.is_empty() {
            return Some(kept.join(sep));
        }
    }
    Some(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(meta: Option<&str>, h1: &[&str], h2: &[&str], site: Option<&str>) -> String {
        let own = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect();
        let headings = Headings {
            h1: own(h1),
            h2: own(h2),
            h1_main: own(h1),
        };
        choose(meta.map(str::to_owned), &headings, None, None, site).unwrap_or_default()
    }

    #[test]
    fn a_title_naming_the_host_gives_way_to_the_heading_above_the_text() {
        let headings = Headings {
            h1: vec!["Krimiblog-Archiv".into()],
            h2: vec![],
            h1_main: vec!["Krimiblog-Archiv".into()],
        };
        let pick = |host| {
            choose(
                Some("Krimiblog-Archiv".into()),
                &headings,
                Some("Das neue Musikvideo"),
                host,
                None,
            )
        };
        assert_eq!(
            pick(Some("archiv.krimiblog.de")).as_deref(),
            Some("Das neue Musikvideo")
        );
        // On another host the title is no site name.
        assert_eq!(
            pick(Some("example.org")).as_deref(),
            Some("Krimiblog-Archiv")
        );
        // A brand word alone does not make the site's name.
        assert!(!names_host(
            "Parallels Desktop for Mac",
            Some("www.parallels.com")
        ));
        assert!(names_host("Mäscot", Some("maescot.de")));
    }

    #[test]
    fn ruby_readings_are_not_read_into_a_heading() {
        let doc = Document::parse(
            "<h1><ruby>港<rt>みなと</rt></ruby>の<ruby>船<rp>(</rp><rt>ふね</rt><rp>)</rp></ruby></h1>",
        );
        assert_eq!(Headings::of(&doc).h1, ["港の船"]);
    }

    #[test]
    fn the_title_loses_the_site_name() {
        assert_eq!(
            title(
                Some("Mill reopens | Valley Post"),
                &["Mill reopens"],
                &[],
                None
            ),
            "Mill reopens"
        );
        assert_eq!(
            title(
                Some("Valley Post - Mill reopens"),
                &[],
                &[],
                Some("Valley Post")
            ),
            "Mill reopens"
        );
        assert_eq!(
            title(
                Some("Mill reopens - in part - Valley Post"),
                &["Menu"],
                &[],
                None
            ),
            "Mill reopens - in part"
        );
        assert_eq!(title(Some("Mill reopens"), &[], &[], None), "Mill reopens");
        // CJK titles set no spaces around the separator.
        assert_eq!(
            title(Some("武汉的声音：有英勇的你！-新华网"), &[], &[], None),
            "武汉的声音：有英勇的你！"
        );
        assert_eq!(title(Some("港の船｜NHK"), &[], &[], Some("NHK")), "港の船");
        // A hyphen inside a Latin word of a CJK title is no separator.
        assert_eq!(
            title(Some("COVID-19疫情的报道"), &[], &[], None),
            "COVID-19疫情的报道"
        );
        assert_eq!(title(None, &["Head"], &[], None), "Head");
    }

    #[test]
    fn the_headline_a_reader_sees_wins() {
        // The title written for search engines loses to the <h1>.
        assert_eq!(
            title(
                Some("Mill reopening: what it means for jobs | Valley Post"),
                &["Old mill on the river reopens after two years"],
                &[],
                None
            ),
            "Old mill on the river reopens after two years"
        );
        // A kicker in the <h1>: the part of the title it holds.
        assert_eq!(
            title(
                Some("Old mill reopens - Valley Post"),
                &["Repairs Old mill reopens"],
                &[],
                None
            ),
            "Old mill reopens"
        );
        // A title cut short is no headline under a kicker: the <h1> goes
        // on past it.
        assert_eq!(
            title(
                Some("Old mill reopens - Valley Post"),
                &["Old mill reopens - with a bakery"],
                &[],
                None
            ),
            "Old mill reopens - with a bakery"
        );
        assert_eq!(
            title(
                Some("Old mill reopens - Valley Post"),
                &["Old mill reopens | Valley Post"],
                &[],
                Some("Valley Post")
            ),
            "Old mill reopens"
        );
        // A blog whose <h1> is its name: the <h2> that the title holds.
        assert_eq!(
            title(
                Some("Notes on small integers | Four Seasons"),
                &["Four Seasons"],
                &["Notes on small integers", "Archive"],
                Some("Four Seasons")
            ),
            "Notes on small integers"
        );
        // An <h1> naming the site is no headline.
        assert_eq!(
            title(
                Some("Mill reopens | Valley Post"),
                &["Valley Post News"],
                &[],
                Some("Valley Post News")
            ),
            "Mill reopens"
        );
        // Two words sharing none with the title are a label, not the
        // headline.
        assert_eq!(
            title(
                Some("Mill reopens after repairs"),
                &["Main menu"],
                &[],
                None
            ),
            "Mill reopens after repairs"
        );
    }

    #[test]
    fn a_furniture_heading_is_no_headline() {
        let doc = Document::parse(
            "<h1>Leave a Reply</h1><h1>Über uns</h1><h2>Subscribe to our newsletter</h2>\
             <h2>Mill reopens after two years</h2>",
        );
        let h = Headings::of(&doc);
        assert_eq!(h.h1, ["Über uns"]);
        assert_eq!(h.h2, ["Mill reopens after two years"]);
    }

    #[test]
    fn a_kicker_in_its_own_element_is_left_out() {
        let doc = Document::parse(
            r#"<h1><a href="/x"><span class="kicker">Klimaschutz:</span>
            <span>Bohren, bis es heiß wird</span></a></h1>
            <h1>Plain <b>headline</b> with bold</h1>
            <h1><style>.k{color:red}</style>Styled <i>in</i> place<script>x()</script></h1>"#,
        );
        let h = Headings::of(&doc);
        assert_eq!(
            h.h1,
            [
                "Klimaschutz: Bohren, bis es heiß wird",
                "Plain headline with bold",
                "Styled in place"
            ]
        );
        assert_eq!(
            h.h1_main,
            [
                "Bohren, bis es heiß wird",
                "Plain headline with bold",
                "Styled in place"
            ]
        );
        assert_eq!(
            choose(
                Some("Klimaschutz: Bohren, bis es heiß wird | Zeitung".into()),
                &h,
                None,
                None,
                None
            )
            .as_deref(),
            Some("Bohren, bis es heiß wird")
        );
    }
}
