//! When was a page published, and when was it last changed? Dates from the
//! places publishers put them, most reliable first: JSON-LD
//! (`datePublished`, `dateModified`), `<meta>` tags (Open Graph, Dublin
//! Core, the common CMS names), `itemprop` and `<time>` elements, date
//! containers of the page (`class="date"`, `entry-meta`, ...), the URL
//! path (`/2024/03/22/`), a date the text labels ("Published:",
//! "Erschienen am"), and the first date near the top of the text. Each
//! source is a witness and the day with the most weight wins (see
//! [`page_dates`]); the order above breaks ties.
//!
//! Publication and modification are kept apart: a `dateModified` never
//! stands in for `datePublished`. A date is kept in the offset it was
//! written in: converting to UTC would move an evening article to the next
//! day. Dates before 1995 or after 2099 are not news dates and are ignored.

use std::collections::HashSet;
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use regex::Regex;
use serde::Serialize;
use storyline_core::text::ascii_word_boundaries;
use storyline_core::{Precision, Timestamp};
use trafilatura::dom::{Document, NodeId};

/// Where a date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DateSource {
    /// A JSON-LD object of the page.
    JsonLd,
    /// A `<meta>` tag.
    Meta,
    /// An element marked up as the date (`itemprop`, `<time>`, `abbr`).
    Markup,
    /// A date container of the page (`class="date"`, `entry-meta`, ...).
    DateContainer,
    /// The page's URL.
    Url,
    /// A date printed after a label ("Published:", "Erschienen am").
    Labelled,
    /// A date printed near the top of the page's text.
    Text,
    /// The main-text extractor's own metadata.
    Extractor,
}

/// A date and where it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// The date.
    pub time: Timestamp,
    /// Where it came from.
    pub source: DateSource,
}

/// The dates of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageDates {
    /// First publication.
    pub published: Option<FoundDate>,
    /// Last modification.
    pub modified: Option<FoundDate>,
}

/// `<meta>` names (lower-cased `property`, `name` or `itemprop`) that give
/// the publication date, most specific first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article.published",
    "published_time",
    "datepublished",
    "date_published",
    "publication_date",
    "citation_publication_date",
    "citation_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "dc.date.published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "parsely-pub-date",
    "sailthru.date",
    "article_date_original",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "date",
    "created",
    "datecreated",
];

/// `<meta>` names that give the modification date.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "article.updated",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "modified",
    "revised",
];

/// `<meta>` names among [`PUBLISHED_META`] that name no field in particular
/// ("date", "dc.date"): CMSs fill them with the day a page was generated or
/// changed about as often as with the day it was published.
const GENERIC_META: &[&str] = &["dc.date", "dcterms.date", "date", "created", "datecreated"];

/// One source's word on the publication day, and how much it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Witness {
    /// The date the source gives.
    pub time: Timestamp,
    /// The source.
    pub source: DateSource,
    /// In halves: 2 for a source that names the publication date, 3 for a
    /// date the page labels for its readers, 1 for one that is often
    /// something else (a generic `<meta>` name, the first date in the
    /// text, a modification date).
    pub weight: u8,
    /// A modification date: it supports a day that a publication source
    /// names, never stands for one alone.
    pub modified: bool,
    /// A timestamp written in UTC (`Z`, `+00:00`, `GMT`): the publisher's
    /// own day may be the one before or after.
    pub utc: bool,
}

/// A date as parsed, and whether it was written in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Dated {
    time: Timestamp,
    utc: bool,
}

impl Dated {
    /// A date written without a time zone, or in the page's own.
    fn local(time: Timestamp) -> Self {
        Dated { time, utc: false }
    }
}

/// Finds the publication and modification dates of a parsed page. `url` is
/// the page's address, when known (its path often carries the date).
///
/// Every source gives its date and the day with the most weight wins,
/// ties going to the more reliable source (in the order of the module
/// comment). Sources disagree on about one page in six of trafilatura's
/// evaluation set, and where they do the day that several of them print
/// (a JSON-LD date, the `<time>` under the headline, the URL, a date line
/// "Published: ...") is right more often than the first source alone: a
/// JSON-LD timestamp converted to UTC has moved across midnight, a generic
/// `<meta name=date>` holds the day the page was generated, or the page
/// shows its readers the day it was updated, which a modification date
/// then supports.
pub fn page_dates(doc: &Document, url: Option<&str>) -> PageDates {
    let (witnesses, modified) = witnesses(doc, url);
    PageDates {
        published: elect(&witnesses),
        modified,
    }
}

/// Every source's word on the publication day of a page (in order of
/// reliability), the evidence [`page_dates`] weighs: for explaining a
/// wrong date.
pub fn date_witnesses(html: &str, url: Option<&str>) -> Vec<Witness> {
    witnesses(&Document::parse(html), url).0
}

/// The witnesses of the publication day, and the modification date.
fn witnesses(doc: &Document, url: Option<&str>) -> (Vec<Witness>, Option<FoundDate>) {
    let (ld_pub, ld_mod) = json_ld_dates(doc);
    let meta = meta_dates(doc);
    let marked = Marked::of(doc);
    let text = PageText::of(doc, &marked.headlines);
    let witness = |d: Dated, source, weight| Witness {
        time: d.time,
        source,
        weight,
        modified: false,
        utc: d.utc,
    };
    let local = Dated::local;
    let mut witnesses: Vec<Witness> = Vec::new();
    let mut add = |w: Option<Witness>| witnesses.extend(w);
    add(ld_pub.map(|d| witness(d, DateSource::JsonLd, 2)));
    add(meta.published.map(|d| witness(d, DateSource::Meta, 2)));
    add(meta.generic.map(|d| witness(d, DateSource::Meta, 1)));
    add(markup_date(doc, &marked, &text).map(|d| witness(d, DateSource::Markup, 2)));
    add(url
        .and_then(url_date)
        .map(|t| witness(local(t), DateSource::Url, 2)));
    add(container_date(doc, &marked, &text)
        .map(|t| witness(local(t), DateSource::DateContainer, 2)));
    // A date the page labels for its readers counts for one and a half.
    add(labelled_date(&text).map(|t| witness(local(t), DateSource::Labelled, 3)));
    add(text_date(&text).map(|t| witness(local(t), DateSource::Text, 1)));
    for (d, source) in [
        (ld_mod, DateSource::JsonLd),
        (meta.modified, DateSource::Meta),
    ] {
        add(d.map(|d| Witness {
            modified: true,
            ..witness(d, source, 1)
        }));
    }
    let modified = ld_mod
        .map(|d| found(d.time, DateSource::JsonLd))
        .or_else(|| meta.modified.map(|d| found(d.time, DateSource::Meta)));
    (witnesses, modified)
}

/// The publisher's day of each witness. A timestamp written in UTC says
/// which instant, not which day: an article published at 21:30 in New York
/// is stamped 02:30Z the next day, one published at 00:30 in Berlin 22:30Z
/// the day before. Where the instant falls on a neighbouring day in a time
/// zone people live in (UTC−10 to UTC+12), the page's own dates (written
/// without a zone or in the publisher's) name that day and none names the
/// UTC day, the UTC witness speaks for the publisher's day.
fn publisher_days(witnesses: &[Witness]) -> Vec<NaiveDate> {
    let named_locally = |day: NaiveDate| {
        witnesses
            .iter()
            .any(|w| !w.utc && !w.modified && w.time.time.date_naive() == day)
    };
    witnesses
        .iter()
        .map(|w| {
            let day = w.time.time.date_naive();
            if !w.utc || w.time.precision == Precision::Day {
                return day;
            }
            let earliest = (w.time.time - chrono::Duration::hours(10)).date_naive();
            let latest = (w.time.time + chrono::Duration::hours(12)).date_naive();
            let neighbour = if earliest != day { earliest } else { latest };
            if neighbour != day && named_locally(neighbour) && !named_locally(day) {
                neighbour
            } else {
                day
            }
        })
        .collect()
}

/// The publication date the witnesses (in order of reliability) agree on
/// most: the day with the greatest weight among the days some publication
/// source names, ties to the earlier witness; the date given is that of
/// the most reliable witness whose own date is that day (see
/// [`publisher_days`] for the witnesses that speak for another).
fn elect(witnesses: &[Witness]) -> Option<FoundDate> {
    let days = publisher_days(witnesses);
    let mut best: Option<(u32, NaiveDate)> = None;
    for (i, candidate) in witnesses.iter().enumerate() {
        if candidate.modified
            || witnesses[..i]
                .iter()
                .zip(&days)
                .any(|(w, d)| !w.modified && *d == days[i])
        {
            continue;
        }
        let weight: u32 = witnesses
            .iter()
            .zip(&days)
            .filter(|(_, d)| **d == days[i])
            .map(|(w, _)| u32::from(w.weight))
            .sum();
        if best.is_none_or(|(b, _)| weight > b) {
            best = Some((weight, days[i]));
        }
    }
    let (_, day) = best?;
    witnesses
        .iter()
        .filter(|w| !w.modified)
        .find(|w| w.time.time.date_naive() == day)
        .map(|w| found(w.time, w.source))
}

fn found(time: Timestamp, source: DateSource) -> FoundDate {
    FoundDate { time, source }
}

/// JSON-LD `datePublished` / `dateModified` of the first object that has
/// one, looking into `@graph` arrays and nested objects. An object whose
/// type names an article or posting wins over others (a `WebPage` or a
/// `BreadcrumbList` sometimes carries the date the page was generated).
fn json_ld_dates(doc: &Document) -> (Option<Dated>, Option<Dated>) {
    // The best (rank, date) so far for publication and for modification.
    type Ranked = Option<(u8, Dated)>;
    let mut best: (Ranked, Ranked) = (None, None);
    // The date of an author, an image or a comment is not the article's.
    let skip = ["author", "comment", "image", "publisher", "review", "video"];
    crate::linked_data::for_each_object(doc, &skip, |map| {
        let rank = map.get("@type").map_or(1, type_rank);
        for key in ["datePublished", "dateCreated", "dateModified"] {
            let Some(t) = map.get(key).and_then(|d| d.as_str()).and_then(parse_zoned) else {
                continue;
            };
            // dateCreated only when no datePublished at the same rank.
            let (rank, slot) = match key {
                "dateCreated" => (rank.saturating_sub(1), &mut best.0),
                "datePublished" => (rank, &mut best.0),
                _ => (rank, &mut best.1),
            };
            if slot.is_none_or(|(r, _)| rank > r) {
                *slot = Some((rank, t));
            }
        }
    });
    (best.0.map(|(_, t)| t), best.1.map(|(_, t)| t))
}

/// How much a JSON-LD `@type` says "this object is the article".
fn type_rank(t: &serde_json::Value) -> u8 {
    let names: Vec<&str> = match t {
        serde_json::Value::String(s) => vec![s.as_str()],
        serde_json::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
        _ => Vec::new(),
    };
    let mut rank = 1;
    for n in names {
        let n = n.to_ascii_lowercase();
        if n.contains("article")
            || n.contains("posting")
            || n.contains("report")
            || n == "blogposting"
            || n == "liveblogposting"
        {
            rank = rank.max(4);
        } else if n == "webpage" || n == "itempage" || n == "aboutpage" {
            rank = rank.max(2);
        } else if n.contains("event") || n.contains("person") || n.contains("organization") {
            rank = 0;
        }
    }
    rank
}

/// The dates of a page's `<meta>` tags.
struct MetaDates {
    /// The publication date under a specific name, by the order of
    /// [`PUBLISHED_META`].
    published: Option<Dated>,
    /// The publication date under a [`GENERIC_META`] name.
    generic: Option<Dated>,
    /// The modification date, by the order of [`MODIFIED_META`].
    modified: Option<Dated>,
}

/// Dates from `<meta>` tags, by the order of [`PUBLISHED_META`] and
/// [`MODIFIED_META`].
fn meta_dates(doc: &Document) -> MetaDates {
    let mut published: Option<(usize, Dated)> = None;
    let mut generic: Option<(usize, Dated)> = None;
    let mut modified: Option<(usize, Dated)> = None;
    for (name, content) in crate::meta::meta_tags(doc) {
        let slot = if GENERIC_META.contains(&name.as_str()) {
            &mut generic
        } else {
            &mut published
        };
        if let Some(rank) = PUBLISHED_META.iter().position(|m| *m == name)
            && slot.is_none_or(|(r, _)| rank < r)
            && let Some(t) = parse_zoned(&content)
        {
            *slot = Some((rank, t));
        }
        if let Some(rank) = MODIFIED_META.iter().position(|m| *m == name)
            && modified.is_none_or(|(r, _)| rank < r)
            && let Some(t) = parse_zoned(&content)
        {
            modified = Some((rank, t));
        }
    }
    MetaDates {
        published: published.map(|(_, t)| t),
        generic: generic.map(|(_, t)| t),
        modified: modified.map(|(_, t)| t),
    }
}

/// The page's visible text (scripts, styles and templates left out), and
/// the elements a date under them cannot be the article's: comment
/// sections and sidebars.
struct PageText {
    /// The body's text, one space between elements.
    body: String,
    /// The elements on the way from the root to each `<h1>`: a section that
    /// holds the headline is the article's, whatever its class says
    /// (`no-sidebars` on `<body>`, `layout-with-sidebar` around the main
    /// column).
    headline_path: HashSet<NodeId>,
    /// The innermost `<article>` element that holds the first headline, if
    /// any: the article's own date lines are inside it, while a date line
    /// outside it is the site's (a masthead's or weather box's "today").
    article: Option<NodeId>,
}

impl PageText {
    /// The page's text, and the paths to `headlines` (its first `<h1>`s).
    fn of(doc: &Document, headlines: &[NodeId]) -> Self {
        let body = doc
            .body()
            .map_or_else(String::new, |b| visible_text(doc, b, usize::MAX));
        let mut headline_path = HashSet::new();
        let mut article = None;
        for (i, &h1) in headlines.iter().enumerate() {
            let mut at = doc.parent(h1);
            while let Some(p) = at {
                // The first headline's path is walked whole: nothing is in
                // the set before it.
                if i == 0 && article.is_none() && doc.tag_name(p) == "article" {
                    article = Some(p);
                }
                if !headline_path.insert(p) {
                    break;
                }
                at = doc.parent(p);
            }
        }
        PageText {
            body,
            headline_path,
            article,
        }
    }

    /// Whether element `id` lies outside the article that holds the
    /// headline (never, when no `<article>` holds it).
    fn outside_article(&self, doc: &Document, id: NodeId) -> bool {
        self.article.is_some_and(|a| {
            !std::iter::successors(Some(id), |&p| doc.parent(p))
                .take(MAX_ANCESTORS)
                .any(|p| p == a)
        })
    }
}

/// How far up the tree an element's ancestors are looked at.
const MAX_ANCESTORS: usize = 64;

/// Elements whose text no reader sees.
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "object", "head",
];

/// Inline elements that run on with the text around them (`<b>22</b>.03.`).
const RUN_ON: &[&str] = &["b", "i", "em", "strong", "u", "font", "mark", "sup", "sub"];

/// The text of `id` as a reader sees it: no scripts or styles, a space
/// where one element ends and another starts; at most `max` bytes (more or
/// less, on a boundary).
fn visible_text(doc: &Document, id: NodeId, max: usize) -> String {
    let mut out = String::new();
    // Nodes still to visit, last first; `None` marks an element's end.
    let mut stack = vec![Some(id)];
    while let Some(next) = stack.pop() {
        if out.len() >= max {
            break;
        }
        let Some(node) = next else {
            out.push(' ');
            continue;
        };
        if doc.is_text(node) {
            out.push_str(&doc.text_content(node));
            continue;
        }
        let tag = doc.tag_name(node);
        if INVISIBLE.contains(&tag) {
            continue;
        }
        let separate = !RUN_ON.contains(&tag);
        if separate {
            out.push(' ');
            stack.push(None);
        }
        stack.extend(doc.child_nodes(node).into_iter().rev().map(Some));
    }
    out
}

/// The elements a date may be marked up in, gathered in one walk over the
/// page (in document order): a CSS query per selector walked the whole tree
/// each time, and matching the date containers' fourteen selectors on
/// every element was a third of finding a page's dates.
struct Marked {
    /// The candidates of [`MARKUP_SELECTORS`], by selector.
    markup: [Vec<NodeId>; MARKUP_SELECTORS],
    /// Every `<time>` element.
    times: Vec<NodeId>,
    /// Elements whose class or id names a date container
    /// ([`is_date_container`]).
    containers: Vec<NodeId>,
    /// The first [`HEADLINES`] `<h1>` elements.
    headlines: Vec<NodeId>,
}

/// How many of a page's `<h1>`s mark the article's sections
/// ([`PageText::headline_path`]).
const HEADLINES: usize = 8;

/// How many markup selectors [`Marked::markup`] holds, most specific
/// first: `[itemprop=datePublished]`, `[itemprop=dateCreated]`,
/// `time[pubdate]`, `abbr.published`, `time.published`, `time.entry-date`.
const MARKUP_SELECTORS: usize = 6;

impl Marked {
    fn of(doc: &Document) -> Self {
        let mut m = Marked {
            markup: Default::default(),
            times: Vec::new(),
            containers: Vec::new(),
            headlines: Vec::new(),
        };
        for id in doc.iter(doc.root(), &[]) {
            let tag = doc.tag_name(id);
            let class = doc.get_attribute(id, "class");
            let class = class.as_deref().unwrap_or("");
            let has_class = |name: &str| class.split_ascii_whitespace().any(|c| c == name);
            match doc.get_attribute(id, "itemprop").as_deref() {
                Some("datePublished") => m.markup[0].push(id),
                Some("dateCreated") => m.markup[1].push(id),
                _ => {}
            }
            match tag {
                "time" => {
                    if doc.get_attribute(id, "pubdate").is_some() {
                        m.markup[2].push(id);
                    }
                    if has_class("published") {
                        m.markup[4].push(id);
                    }
                    if has_class("entry-date") {
                        m.markup[5].push(id);
                    }
                    m.times.push(id);
                }
                "abbr" if has_class("published") => m.markup[3].push(id),
                "h1" if m.headlines.len() < HEADLINES => m.headlines.push(id),
                _ => {}
            }
            let id_attr = doc.get_attribute(id, "id");
            if is_date_container(class, id_attr.as_deref().unwrap_or("")) {
                m.containers.push(id);
            }
        }
        m
    }
}

/// Whether an element's class or id names it a date or a post's meta line
/// (the substrings are matched as written, as CSS's `[class*=...]` does):
/// `meta` covers a post's meta line (`entry-meta`, `article__meta`);
/// `datum` and `fecha` are German and Spanish; `submitted` is Drupal's line
/// "Submitted by ... on ...".
fn is_date_container(class: &str, id: &str) -> bool {
    // One search for all the names (the regex crate's literal search), not
    // a search for each.
    static IN_CLASS: OnceLock<Regex> = OnceLock::new();
    let in_class = IN_CLASS.get_or_init(|| {
        Regex::new(
            "date|Date|datum|Datum|fecha|posted|publish|meta|Meta|byline|timestamp|submitted",
        )
        .expect("valid regex")
    });
    id.contains("date") || in_class.is_match(class)
}

/// An element marked up as the publication date: `itemprop=datePublished`,
/// `<time pubdate>`, `<abbr class=published title=...>`, else the first
/// `<time datetime>` of the page that is not marked as a modification.
/// `<meta itemprop=...>` is left to [`meta_dates`], which reads it already.
fn markup_date(doc: &Document, marked: &Marked, text: &PageText) -> Option<Dated> {
    let is_meta = |id| doc.tag_name(id) == "meta";
    for &id in marked.markup.iter().flatten() {
        if is_meta(id) {
            continue;
        }
        if let Some(t) = element_date(doc, id) {
            return Some(t);
        }
    }
    for &id in &marked.times {
        let class = doc.class_name(id).to_ascii_lowercase();
        let itemprop = doc.get_attribute(id, "itemprop").unwrap_or_default();
        if class.contains("modified") || class.contains("updated") || itemprop == "dateModified" {
            continue;
        }
        if inside_comments(doc, id, text) {
            continue;
        }
        if let Some(t) = element_date(doc, id) {
            return Some(t);
        }
    }
    None
}

/// The date an element states: its `datetime`, `content` or `title`
/// attribute, else its text.
fn element_date(doc: &Document, id: NodeId) -> Option<Dated> {
    for attr in ["datetime", "content", "title"] {
        if let Some(t) = doc.get_attribute(id, attr).as_deref().and_then(parse_zoned) {
            return Some(t);
        }
    }
    let text = doc.text_content(id);
    if text.len() < 200 {
        return parse_zoned(&text).or_else(|| find_date_in_text(&text).map(Dated::local));
    }
    None
}

/// Whether `id` sits in a comment section or a sidebar (a reader's comment
/// has its own date, a sidebar lists other articles'), short of the
/// sections that hold the headline.
fn inside_comments(doc: &Document, id: NodeId, text: &PageText) -> bool {
    let mut at = doc.parent(id);
    let mut steps = 0;
    while let Some(p) = at {
        steps += 1;
        if steps > 40 {
            break;
        }
        if text.headline_path.contains(&p) {
            return false;
        }
        let marks = format!("{} {}", doc.class_name(p), doc.id_attr(p)).to_ascii_lowercase();
        if marks.contains("comment") || marks.contains("reply") || marks.contains("sidebar") {
            return true;
        }
        at = doc.parent(p);
    }
    false
}

/// The first date in an element whose class or id names it a date or a
/// post's meta line ([`is_date_container`]), outside comments and sidebars.
fn container_date(doc: &Document, marked: &Marked, text: &PageText) -> Option<Timestamp> {
    for &id in &marked.containers {
        let class = format!("{} {}", doc.class_name(id), doc.id_attr(id)).to_ascii_lowercase();
        if class.contains("update")
            || class.contains("modif")
            || inside_comments(doc, id, text)
            || text.outside_article(doc, id)
        {
            continue;
        }
        let text = visible_text(doc, id, 400);
        if text.len() > 300 {
            continue;
        }
        if let Some(t) = find_date_in_text(&text) {
            return Some(t);
        }
    }
    None
}

/// A date printed in the first lines of the body text: the extensive
/// search of htmldate, limited to the top of the page where an article's
/// date stands (further down are comments and archives).
fn text_date(text: &PageText) -> Option<Timestamp> {
    find_date_in_text(crate_prefix(&text.body, 3000))
}

/// A date printed after a label that says what it is ("Published:",
/// "Erschienen am", "Stand:", "Publié le", "Updated"): the first such date
/// in the body text. The page shows it to its readers as the article's
/// date, whether the day it appeared or the day it was brought up to date.
fn labelled_date(text: &PageText) -> Option<Timestamp> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        // ASCII word boundaries around the labels that begin and end with
        // ASCII letters (`ascii_word_boundaries`: with Unicode ones this
        // search was a quarter of reading a page); the Cyrillic ones are
        // checked by hand below.
        Regex::new(&ascii_word_boundaries(concat!(
            r"(?i)(?:\b(?:published|updated|posted(?: on)?|erschienen(?: am)?|erstellt(?: am)?|",
            r"veröffentlicht(?: am)?|publiziert(?: am)?|aktualisiert(?: am)?|stand|",
            r"erscheinungsdatum|zuletzt (?:geändert |aktualisiert |bearbeitet )?am|",
            r"letzte änderung|last modified|",
            r"publié le|mis à jour le|publicado(?: el| em)?|publicada(?: el| em)?|",
            r"actualizado(?: el)?|atualizado(?: em)?|pubblicato(?: il)?|aggiornato(?: il)?|",
            r"gepubliceerd(?: op)?|bijgewerkt(?: op)?|opublikowano|",
            r"datum|date)\b|опубликовано|обновлено)\s*[:\-–]?\s*"
        )))
        .expect("valid regex")
    });
    let body = text.body.as_str();
    let whole_word = |m: &regex::Match<'_>| {
        let before = body[..m.start()].chars().next_back();
        let after = body[m.end()..].chars().next();
        let last = m.as_str().chars().next_back();
        let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        // No letter before the label, and the label does not run on.
        !(letter(before) || letter(last) && letter(after))
    };
    re.find_iter(body).filter(whole_word).find_map(|m| {
        // The date must follow the label, not stand somewhere after it.
        let window = crate_prefix(&text.body[m.end()..], 40);
        find_date_in_text(window)
    })
}

fn crate_prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A date in the path of a URL: `/2024/03/22/`, `/2024-03-22-`,
/// `/2024_03_22`, `/20240322/`. The separator is the same between year,
/// month and day, and a month or day without one has two digits: `/2021/22/`
/// (a season) and `/2021_11_info` (a month) are no dates.
pub fn url_date(url: &str) -> Option<Timestamp> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let re = RE.get_or_init(|| {
        let (m, d) = (r"(0?[1-9]|1[0-2])", r"(0?[1-9]|[12]\d|3[01])");
        let tail = r"(?:[/_.-]|$)";
        Regex::new(&format!(
            r"/((?:19|20)\d{{2}})/{m}/{d}{tail}|/((?:19|20)\d{{2}})-{m}-{d}{tail}|/((?:19|20)\d{{2}})_{m}_{d}{tail}|/((?:19|20)\d{{2}})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]){tail}"
        ))
        .expect("valid regex")
    });
    re.captures_iter(path).find_map(|c| {
        let groups: Vec<&str> = c.iter().skip(1).flatten().map(|m| m.as_str()).collect();
        match groups.as_slice() {
            [y, m, d] => day(y, m, d),
            _ => None,
        }
    })
}

fn day(y: &str, m: &str, d: &str) -> Option<Timestamp> {
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    plausible(date).then(|| Timestamp::from_date(date, Precision::Day))
}

fn plausible(date: NaiveDate) -> bool {
    use chrono::Datelike;
    (1995..=2099).contains(&date.year())
}

/// Parses a date as written in an attribute or a metadata field: RFC 3339
/// and its loose variants (`2024-03-22 10:15`, `2024-03-22T10:15:00.000+0200`),
/// RFC 2822, bare days (`2024-03-22`, `20240322`) and printed dates.
pub fn parse_date(s: &str) -> Option<Timestamp> {
    parse_zoned(s).map(|d| d.time)
}

/// [`parse_date`], saying whether the date was written in UTC.
fn parse_zoned(s: &str) -> Option<Dated> {
    let s = s.trim();
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    let zoned = |t: DateTime<FixedOffset>, precision, utc: bool| match local_midnight(t, utc) {
        Some(t) => stamp(t, Precision::Day).map(Dated::local),
        None => stamp(t, precision).map(|time| Dated { time, utc }),
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return zoned(t, Precision::Second, t.offset().local_minus_utc() == 0);
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return zoned(t, Precision::Second, t.offset().local_minus_utc() == 0);
    }
    static ISO: OnceLock<Regex> = OnceLock::new();
    let iso = ISO.get_or_init(|| {
        Regex::new(
            r"^((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?",
        )
        .expect("valid regex")
    });
    if let Some(c) = iso.captures(s) {
        let date =
            NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
        if !plausible(date) {
            return None;
        }
        let Some(hour) = c.get(4) else {
            return Some(Dated::local(Timestamp::from_date(date, Precision::Day)));
        };
        let time = NaiveTime::from_hms_opt(
            hour.as_str().parse().ok()?,
            c[5].parse().ok()?,
            c.get(6).map_or(Some(0), |s| s.as_str().parse().ok())?,
        )?;
        let zone = c.get(7).map(|m| m.as_str());
        let offset = match zone {
            None | Some("Z") => FixedOffset::east_opt(0)?,
            Some(o) => {
                let sign = if o.starts_with('-') { -1 } else { 1 };
                let digits: String = o.chars().filter(char::is_ascii_digit).collect();
                let h: i32 = digits.get(..2)?.parse().ok()?;
                let m: i32 = digits.get(2..4)?.parse().ok()?;
                FixedOffset::east_opt(sign * (h * 3600 + m * 60))?
            }
        };
        let t = date.and_time(time).and_local_timezone(offset).single()?;
        let precision = if c.get(6).is_some() {
            Precision::Second
        } else {
            Precision::Minute
        };
        // No zone at all is the publisher's local time, not UTC.
        let utc = zone.is_some() && offset.local_minus_utc() == 0;
        return zoned(t, precision, utc);
    }
    find_date_in_text(s).map(Dated::local)
}

/// A day stored as its local midnight and written in UTC: a content
/// system east of Greenwich that keeps a bare date writes 7 November as
/// `2022-11-06T23:00:00.000Z` (UTC+1) or `22:00` (UTC+2). A UTC stamp on
/// the hour from 20:00 to 23:00, to the second, is such a midnight (UTC+1
/// to UTC+4: Europe and its east); an article really published then would
/// be stamped to the minute it went out. Earlier whole hours are left
/// alone: a US publisher's morning (`15:00:00Z`) is its own day already.
fn local_midnight(t: DateTime<FixedOffset>, utc: bool) -> Option<DateTime<FixedOffset>> {
    use chrono::Timelike;
    let time = t.time();
    let on_the_hour = time.minute() == 0 && time.second() == 0 && time.nanosecond() == 0;
    if !utc || !on_the_hour || !(20..=23).contains(&time.hour()) {
        return None;
    }
    let east = FixedOffset::east_opt(i32::try_from(24 - time.hour()).ok()? * 3600)?;
    Some(t.with_timezone(&east))
}

fn stamp(t: DateTime<FixedOffset>, precision: Precision) -> Option<Timestamp> {
    plausible(t.date_naive()).then_some(Timestamp { time: t, precision })
}

/// Month names and abbreviations in the languages most pages are written
/// in, to month numbers: English, German, French, Spanish, Catalan,
/// Italian, Portuguese, Dutch, the Scandinavian languages, Finnish,
/// Romanian, Turkish, Polish, Czech, Russian and Ukrainian (nominative and
/// genitive: "15 августа"). Matched against lower-cased text without a
/// trailing dot. No crate on crates.io carries such tables for parsing
/// (chrono reads English names only), hence our own.
fn month(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.');
    let m = match n {
        "january" | "jan" | "januar" | "jänner" | "janvier" | "enero" | "ene" | "gennaio"
        | "gen" | "janeiro" | "januari" | "janv" => 1,
        "february" | "feb" | "februar" | "feber" | "février" | "fevrier" | "févr" | "fev"
        | "febrero" | "febbraio" | "fevereiro" | "februari" => 2,
        "march" | "mar" | "märz" | "maerz" | "mär" | "mars" | "marzo" | "março" | "marco"
        | "maart" | "mrt" => 3,
        "april" | "apr" | "avril" | "avr" | "abril" | "abr" | "aprile" => 4,
        "may" | "mai" | "mayo" | "maggio" | "mag" | "maio" | "mei" => 5,
        "june" | "jun" | "juni" | "juin" | "junio" | "giugno" | "giu" | "junho" => 6,
        "july" | "jul" | "juli" | "juillet" | "juil" | "julio" | "luglio" | "lug" | "julho" => 7,
        "august" | "aug" | "août" | "aout" | "agosto" | "ago" | "augustus" => 8,
        "september" | "sep" | "sept" | "septembre" | "septiembre" | "settembre" | "set"
        | "setembro" => 9,
        "october" | "oct" | "oktober" | "okt" | "octobre" | "octubre" | "ottobre" | "ott"
        | "outubro" | "out" => 10,
        "november" | "nov" | "novembre" | "noviembre" | "novembro" => 11,
        "december" | "dec" | "dezember" | "dez" | "décembre" | "decembre" | "déc" | "diciembre"
        | "dic" | "dicembre" | "dezembro" => 12,
        _ => return more_months(n),
    };
    Some(m)
}

/// The month names of [`month`] beyond the western European languages.
fn more_months(n: &str) -> Option<u32> {
    Some(match n {
        // Catalan, Scandinavian, Romanian, Turkish, Finnish.
        "gener" | "ianuarie" | "ocak" | "tammikuuta" | "tammikuu" => 1,
        "febrer" | "februarie" | "şubat" | "subat" | "helmikuuta" | "helmikuu" => 2,
        "març" | "marts" | "martie" | "mart" | "maaliskuuta" | "maaliskuu" => 3,
        "aprilie" | "nisan" | "huhtikuuta" | "huhtikuu" => 4,
        "maig" | "maj" | "mayıs" | "mayis" | "toukokuuta" | "toukokuu" => 5,
        "juny" | "iunie" | "haziran" | "kesäkuuta" | "kesäkuu" => 6,
        "juliol" | "iulie" | "temmuz" | "heinäkuuta" | "heinäkuu" => 7,
        "agost" | "augusti" | "ağustos" | "agustos" | "elokuuta" | "elokuu" => 8,
        "setembre" | "septembrie" | "eylül" | "eylul" | "syyskuuta" | "syyskuu" => 9,
        "octombrie" | "ekim" | "lokakuuta" | "lokakuu" => 10,
        "noiembrie" | "kasım" | "kasim" | "marraskuuta" | "marraskuu" => 11,
        "desembre" | "desember" | "decembrie" | "aralık" | "aralik" | "joulukuuta" | "joulukuu" => {
            12
        }
        // Polish, Czech.
        "styczeń" | "stycznia" | "leden" | "ledna" => 1,
        "luty" | "lutego" | "únor" | "února" => 2,
        "marzec" | "marca" | "březen" | "března" => 3,
        "kwiecień" | "kwietnia" | "duben" | "dubna" => 4,
        "maja" | "květen" | "května" => 5,
        "czerwiec" | "czerwca" | "červen" | "června" => 6,
        "lipiec" | "lipca" | "červenec" | "července" => 7,
        "sierpień" | "sierpnia" | "srpen" | "srpna" => 8,
        "wrzesień" | "września" | "září" => 9,
        "październik" | "października" | "říjen" | "října" => 10,
        "listopad" | "listopada" | "listopadu" => 11,
        "grudzień" | "grudnia" | "prosinec" | "prosince" => 12,
        // Russian, Ukrainian.
        "январь" | "января" | "янв" | "січень" | "січня" => 1,
        "февраль" | "февраля" | "фев" | "лютий" | "лютого" => 2,
        "март" | "марта" | "мар" | "березень" | "березня" => 3,
        "апрель" | "апреля" | "апр" | "квітень" | "квітня" => 4,
        "май" | "мая" | "травень" | "травня" => 5,
        "июнь" | "июня" | "июн" | "червень" | "червня" => 6,
        "июль" | "июля" | "июл" | "липень" | "липня" => 7,
        "август" | "августа" | "авг" | "серпень" | "серпня" => 8,
        "сентябрь" | "сентября" | "сен" | "сент" | "вересень" | "вересня" => {
            9
        }
        "октябрь" | "октября" | "окт" | "жовтень" | "жовтня" => 10,
        "ноябрь" | "ноября" | "ноя" | "нояб" | "листопада" => 11,
        "декабрь" | "декабря" | "дек" | "грудень" | "грудня" => 12,
        _ => return None,
    })
}

/// The first date printed in running text: "22 March 2024", "22. März
/// 2024", "March 22nd, 2024", "22.03.2024", "4. 2. 2022", "2024-03-22",
/// "22/03/2024" (day first unless the first number cannot be a day of a
/// month: `03/22/2024` is read as March 22), "22.03.24" (two-digit
/// years with dots, not inside a version number), "Fri Mar 22 10:15:00 CET
/// 2024" (Java's way), "2024年3月22日" and "2024년 3월 22일".
pub fn find_date_in_text(text: &str) -> Option<Timestamp> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        // ASCII word boundaries (around digits, and before an English-style
        // month name): with Unicode ones the regex engine runs its slow NFA
        // over the text, a tenth of reading a page.
        Regex::new(&storyline_core::text::ascii_word_boundaries(concat!(
            r"(?i)(?:",
            // 2024-03-22, 2024/03/22
            r"\b(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})\b",
            r"|",
            // 22.03.2024, 22/03/2024, 22-03-2024, 4. 2. 2022
            r"\b(?P<nd>\d{1,2})(?:[./-]|\.\s{1,2})(?P<nm>\d{1,2})(?:[./-]|\.\s{1,2})(?P<ny>(?:19|20)\d{2})\b",
            r"|",
            // 22 March 2024, 22. März 2024, 22 de marzo de 2024
            r"\b(?P<td>\d{1,2})(?:\.|er|st|nd|rd|th)?\s*(?:de\s+)?(?P<tm>[\p{L}]{3,12}\.?),?\s*(?:de\s+)?(?P<ty>(?:19|20)\d{2})\b",
            r"|",
            // March 22, 2024; March 22nd 2024
            r"\b(?P<mm>[\p{L}]{3,12}\.?)\s+(?P<md>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<my>(?:19|20)\d{2})\b",
            r"|",
            // Fri Mar 22 10:15:00 CET 2024
            r"\b(?P<jm>[\p{L}]{3})\s+(?P<jd>\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:[A-Z]{2,5}\s+)?(?P<jy>(?:19|20)\d{2})\b",
            r"|",
            // 2024年3月22日, 2024년 3월 22일
            r"(?P<cy>(?:19|20)\d{2})\s*[年년]\s*(?P<cm>\d{1,2})\s*[月월]\s*(?P<cd>\d{1,2})\s*[日일]",
            r"|",
            // 28.09.19 (not a version number 1.2.19.4)
            r"(?:^|[^\d.])(?P<sd>\d{2})\.(?P<sm>\d{2})\.(?P<sy>\d{2})(?:$|[^\d.]|\.(?:$|\D))",
            r")"
        )))
        .expect("valid regex")
    });
    for c in re.captures_iter(text) {
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let named = |name: &str| c.name(name).and_then(|m| month(&m.as_str().to_lowercase()));
        let ymd = if c.name("iy").is_some() {
            Some((num("iy"), num("im"), num("id")))
        } else if c.name("ny").is_some() {
            let (Some(a), Some(b)) = (num("nd"), num("nm")) else {
                continue;
            };
            // Day first, as most of the world writes it, unless that is
            // impossible.
            let (d, m) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
            Some((num("ny"), Some(m), Some(d)))
        } else if c.name("ty").is_some() {
            named("tm").map(|m| (num("ty"), Some(m), num("td")))
        } else if c.name("my").is_some() {
            named("mm").map(|m| (num("my"), Some(m), num("md")))
        } else if c.name("jy").is_some() {
            named("jm").map(|m| (num("jy"), Some(m), num("jd")))
        } else if c.name("cy").is_some() {
            Some((num("cy"), num("cm"), num("cd")))
        } else if c.name("sy").is_some() {
            num("sy").map(|y| {
                (
                    Some(if y < 70 { 2000 + y } else { 1900 + y }),
                    num("sm"),
                    num("sd"),
                )
            })
        } else {
            None
        };
        if let Some((Some(y), Some(m), Some(d))) = ymd
            && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
            && plausible(date)
        {
            return Some(Timestamp::from_date(date, Precision::Day));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    fn show(t: Option<Timestamp>) -> String {
        t.map_or("none".to_owned(), |t| {
            format!("{} {:?}", t.time.to_rfc3339(), t.precision)
        })
    }

    fn check_parse(s: &str, expect: Expect) {
        expect.assert_eq(&show(parse_date(s)));
    }

    #[test]
    fn parses_attribute_dates() {
        check_parse(
            "2024-03-22T23:15:00-05:00",
            expect!["2024-03-22T23:15:00-05:00 Second"],
        );
        check_parse(
            "2024-03-22 23:15",
            expect!["2024-03-22T23:15:00+00:00 Minute"],
        );
        check_parse(
            "2024-03-22T10:15:00.000+0200",
            expect!["2024-03-22T10:15:00+02:00 Second"],
        );
        check_parse("20240322", expect!["2024-03-22T00:00:00+00:00 Day"]);
        check_parse(
            "Fri, 22 Mar 2024 10:15:00 +0100",
            expect!["2024-03-22T10:15:00+01:00 Second"],
        );
        check_parse("22. März 2024", expect!["2024-03-22T00:00:00+00:00 Day"]);
        // A bare day kept as local midnight east of UTC, written in UTC.
        check_parse(
            "2022-11-06T23:00:00.000Z",
            expect!["2022-11-07T00:00:00+01:00 Day"],
        );
        check_parse(
            "2022-11-06T22:00:00+00:00",
            expect!["2022-11-07T00:00:00+02:00 Day"],
        );
        // A stamp to the minute, or a whole hour earlier in the day, is an
        // instant.
        check_parse(
            "2022-11-06T23:07:00Z",
            expect!["2022-11-06T23:07:00+00:00 Second"],
        );
        check_parse(
            "2017-07-27T15:00:00.000Z",
            expect!["2017-07-27T15:00:00+00:00 Second"],
        );
        check_parse("1970-01-01", expect!["none"]);
        check_parse("2024-02-30", expect!["none"]);
        check_parse("soon", expect!["none"]);
    }

    fn check_text(s: &str, expect: Expect) {
        expect.assert_eq(&show(find_date_in_text(s)));
    }

    #[test]
    fn finds_printed_dates() {
        check_text(
            "Posted on March 22nd, 2024 by Ann",
            expect!["2024-03-22T00:00:00+00:00 Day"],
        );
        check_text(
            "Veröffentlicht am 3. Februar 2019 um 10 Uhr",
            expect!["2019-02-03T00:00:00+00:00 Day"],
        );
        check_text("le 1er mai 2020", expect!["2020-05-01T00:00:00+00:00 Day"]);
        check_text(
            "Madrid, 5 de junio de 2018",
            expect!["2018-06-05T00:00:00+00:00 Day"],
        );
        check_text("am 22.03.2024", expect!["2024-03-22T00:00:00+00:00 Day"]);
        check_text("on 03/22/2024", expect!["2024-03-22T00:00:00+00:00 Day"]);
        check_text(
            "15 августа 2016, 13:43",
            expect!["2016-08-15T00:00:00+00:00 Day"],
        );
        check_text(
            "3 października 2020",
            expect!["2020-10-03T00:00:00+00:00 Day"],
        );
        check_text("5. března 2019", expect!["2019-03-05T00:00:00+00:00 Day"]);
        check_text(
            "19 helmikuuta 2019",
            expect!["2019-02-19T00:00:00+00:00 Day"],
        );
        check_text(
            "Von Ann 4.\u{2009}2.\u{2009}2022.",
            expect!["2022-02-04T00:00:00+00:00 Day"],
        );
        check_text(
            "Mon Oct 11 14:57:21 CEST 2021",
            expect!["2021-10-11T00:00:00+00:00 Day"],
        );
        check_text("2019年2月19日", expect!["2019-02-19T00:00:00+00:00 Day"]);
        check_text("2019년 2월 19일", expect!["2019-02-19T00:00:00+00:00 Day"]);
        check_text("version 1. 2. 3", expect!["none"]);
        check_text(
            "Beitrag vom 28.09.19, 12:44",
            expect!["2019-09-28T00:00:00+00:00 Day"],
        );
        check_text("am 06.11.98.", expect!["1998-11-06T00:00:00+00:00 Day"]);
        check_text("release 2.10.12.20 and 10.12.20.1", expect!["none"]);
        check_text("Copyright 2024, all rights", expect!["none"]);
        check_text("in 12 Monkeys 2024", expect!["none"]);
    }

    #[test]
    fn url_dates() {
        let days = |urls: &[&str]| {
            urls.iter()
                .map(|u| format!("{u} {}\n", show(url_date(u))))
                .collect::<String>()
        };
        expect![[r#"
            https://a.example/2019/08/02/json-parsing/ 2019-08-02T00:00:00+00:00 Day
            https://a.example/news/2019-8-2-title 2019-08-02T00:00:00+00:00 Day
            https://a.example/home/2017/7/12/slug 2017-07-12T00:00:00+00:00 Day
            https://a.example/n/20190802/x 2019-08-02T00:00:00+00:00 Day
            https://a.example/d/2021_11_30_info.html 2021-11-30T00:00:00+00:00 Day
        "#]]
        .assert_eq(&days(&[
            "https://a.example/2019/08/02/json-parsing/",
            "https://a.example/news/2019-8-2-title",
            "https://a.example/home/2017/7/12/slug",
            "https://a.example/n/20190802/x",
            "https://a.example/d/2021_11_30_info.html",
        ]));
        // A season, a week number, a month with a suffix, a month alone,
        // a query: no day.
        expect![[r#"
            https://a.example/liga/2021-22/x/ none
            https://a.example/2021/22/week.html none
            https://a.example/2021_11_info.html none
            https://a.example/2021/1/x none
            https://a.example/2019/page none
            https://a.example/?d=2019/08/02 none
        "#]]
        .assert_eq(&days(&[
            "https://a.example/liga/2021-22/x/",
            "https://a.example/2021/22/week.html",
            "https://a.example/2021_11_info.html",
            "https://a.example/2021/1/x",
            "https://a.example/2019/page",
            "https://a.example/?d=2019/08/02",
        ]));
    }

    #[test]
    fn utc_is_told_apart() {
        let utc = |s: &str| parse_zoned(s).map(|d| d.utc);
        assert_eq!(utc("2024-03-22T10:00:00Z"), Some(true));
        assert_eq!(utc("2024-03-22T10:00:00+00:00"), Some(true));
        assert_eq!(utc("Fri, 22 Mar 2024 10:15:00 GMT"), Some(true));
        assert_eq!(utc("2024-03-22T10:00:00+02:00"), Some(false));
        assert_eq!(utc("2024-03-22 10:00"), Some(false));
        assert_eq!(utc("2024-03-22"), Some(false));
    }

    fn dates_of(html: &str, url: Option<&str>) -> String {
        let doc = Document::parse(html);
        let d = page_dates(&doc, url);
        let one = |f: Option<FoundDate>| {
            f.map_or("none".to_owned(), |f| {
                format!("{} from {:?}", f.time.time.date_naive(), f.source)
            })
        };
        format!(
            "published {}; modified {}",
            one(d.published),
            one(d.modified)
        )
    }

    #[test]
    fn a_date_line_outside_the_headlines_article_is_the_sites() {
        // The masthead's weather box shows the day the page was served.
        let page = |article: &str| {
            format!(
                r#"<body><div class="weather-date"><div class="date">November 9, 2023</div></div>
                <{article}><h1>Mayor elected</h1>
                <div class="byline">By Ann Lee, November 8, 2023</div><p>Text.</p></{article}></body>"#
            )
        };
        assert_eq!(
            dates_of(&page("article"), None),
            "published 2023-11-08 from DateContainer; modified none"
        );
        // Without an <article> around the headline, the first date line
        // is all there is to go by.
        assert_eq!(
            dates_of(&page("div"), None),
            "published 2023-11-09 from DateContainer; modified none"
        );
    }

    #[test]
    fn page_sources_in_order() {
        let ld = r#"<script type="application/ld+json">{"@graph":[
            {"@type":"WebPage","datePublished":"2020-01-01"},
            {"@type":"NewsArticle","datePublished":"2024-03-21T22:30:00-04:00",
             "dateModified":"2024-03-25","author":{"@type":"Person","birthDate":"1970-01-01"}}]}</script>"#;
        expect!["published 2024-03-21 from JsonLd; modified 2024-03-25 from JsonLd"]
            .assert_eq(&dates_of(ld, None));
        let meta = r#"<meta property="article:modified_time" content="2024-04-01">
            <meta name="date" content="2024-03-01"><meta property="article:published_time" content="2024-03-22">"#;
        expect!["published 2024-03-22 from Meta; modified 2024-04-01 from Meta"]
            .assert_eq(&dates_of(meta, None));
        let time = r#"<div class="comments"><time datetime="2024-05-01">May</time></div>
            <p>x</p><time datetime="2024-03-22T09:00">Friday</time>"#;
        expect!["published 2024-03-22 from Markup; modified none"].assert_eq(&dates_of(time, None));
        expect!["published 2019-08-02 from Url; modified none"].assert_eq(&dates_of(
            "<p>no date</p>",
            Some("http://b.example/2019/08/02/x"),
        ));
        let container = r#"<h1>T</h1><span class="post-date">Posted 2. Mai 2012</span>"#;
        expect!["published 2012-05-02 from DateContainer; modified none"]
            .assert_eq(&dates_of(container, None));
        expect!["published 2012-05-31 from Text; modified none"]
            .assert_eq(&dates_of("<h1>T</h1><p>31. Mai 2012 – Text</p>", None));
        expect!["published none; modified none"].assert_eq(&dates_of("<p>undated</p>", None));
    }

    #[test]
    fn the_day_most_sources_give_wins() {
        // JSON-LD alone says the 21st (a UTC timestamp past midnight);
        // the <time> under the headline and the URL say the 22nd.
        let page = r#"<script type="application/ld+json">{"@type":"NewsArticle",
            "datePublished":"2024-03-21T23:30:00Z"}</script>
            <h1>T</h1><time datetime="2024-03-22T01:30+02:00">22 March</time>"#;
        expect!["published 2024-03-22 from Markup; modified none"]
            .assert_eq(&dates_of(page, Some("https://a.example/2024/03/22/t")));
        // A generic <meta name=date> (the day the page was generated)
        // loses to the date the page labels for its readers.
        let page = r#"<meta name="date" content="2024-04-02"><h1>T</h1>
            <p>Erschienen am: 12.03.2024</p><p>Text</p>"#;
        expect!["published 2024-03-12 from Labelled; modified none"]
            .assert_eq(&dates_of(page, None));
        // A modification date supports the day the page shows ("Updated"),
        // but never stands alone for the publication date.
        let page = r#"<meta property="article:published_time" content="2024-03-01">
            <meta property="article:modified_time" content="2024-03-09">
            <h1>T</h1><p>Updated March 9, 2024</p>"#;
        expect!["published 2024-03-09 from Labelled; modified 2024-03-09 from Meta"]
            .assert_eq(&dates_of(page, None));
        let page = r#"<meta property="article:modified_time" content="2024-03-09">"#;
        expect!["published none; modified 2024-03-09 from Meta"].assert_eq(&dates_of(page, None));
    }

    #[test]
    fn labels_are_whole_words_in_any_script() {
        // A Cyrillic label after curly quotes, and one inside a longer word.
        let page = "<h1>T</h1><p>«Новости» Опубликовано: 12.03.2024</p>";
        expect!["published 2024-03-12 from Labelled; modified none"]
            .assert_eq(&dates_of(page, None));
        let page = "<h1>T</h1><p>Переопубликовано 12.03.2024</p><p>Text</p>";
        expect!["published 2024-03-12 from Text; modified none"].assert_eq(&dates_of(page, None));
        // "Datum" inside "Datumsgrenze" labels nothing; after "Ä" it does.
        let page = "<h1>T</h1><p>Datumsgrenze 12.03.2024</p><p>Text</p>";
        expect!["published 2024-03-12 from Text; modified none"].assert_eq(&dates_of(page, None));
        let page = "<h1>T</h1><p>Änderungen – Datum: 12.03.2024</p>";
        expect!["published 2024-03-12 from Labelled; modified none"]
            .assert_eq(&dates_of(page, None));
    }

    #[test]
    fn a_utc_stamp_speaks_for_the_publishers_day() {
        // 21:30 in New York is 02:30Z the next day: the page's own <time>
        // names the 22nd and nothing local names the 23rd.
        let page = r#"<script type="application/ld+json">{"@type":"NewsArticle",
            "datePublished":"2024-03-23T02:30:00Z"}</script>
            <meta property="article:published_time" content="2024-03-23T02:30:00+00:00">
            <h1>T</h1><time datetime="2024-03-22T21:30:00-05:00">March 22</time>"#;
        expect!["published 2024-03-22 from Markup; modified none"].assert_eq(&dates_of(page, None));
        // The URL names the UTC day: it stays.
        expect!["published 2024-03-23 from JsonLd; modified none"]
            .assert_eq(&dates_of(page, Some("https://a.example/2024/03/23/t")));
        // Noon UTC is the same day from UTC-10 to UTC+12: a local date a
        // day off is another witness, not the same instant.
        let page = r#"<meta property="article:published_time" content="2024-03-23T11:00:00Z">
            <meta property="og:published_time" content="2024-03-23T11:00:00Z">
            <h1>T</h1><time datetime="2024-03-22">March 22</time>"#;
        expect!["published 2024-03-23 from Meta; modified none"].assert_eq(&dates_of(page, None));
    }

    #[test]
    fn a_meta_element_counts_once() {
        // <meta itemprop=datePublished> is a meta witness, not markup too:
        // the <time> under the headline and the URL outweigh it.
        let page = r#"<meta itemprop="datePublished" content="2024-03-01">
            <h1>T</h1><time datetime="2024-03-02T10:00">2 March</time>"#;
        expect!["published 2024-03-02 from Markup; modified none"]
            .assert_eq(&dates_of(page, Some("https://a.example/2024/03/02/t")));
    }

    #[test]
    fn sidebars_and_comments_but_not_the_headlines_section() {
        let page = r#"<body class="no-sidebars"><div class="layout-with-sidebar">
            <h1>T</h1><time datetime="2024-03-22">22 March</time></div>
            <aside class="sidebar"><time datetime="2024-01-01">1 Jan</time></aside></body>"#;
        expect!["published 2024-03-22 from Markup; modified none"].assert_eq(&dates_of(page, None));
        let page = r#"<h1>T</h1><aside class="sidebar"><time datetime="2024-01-01">1 Jan</time>
            </aside><div class="comments"><time datetime="2024-01-02">2 Jan</time></div>"#;
        expect!["published none; modified none"].assert_eq(&dates_of(page, None));
    }

    #[test]
    fn markup_in_the_order_of_its_selectors() {
        // An `itemprop` date further down outranks a `<time>` above it, and
        // a `<time pubdate>` outranks an `<abbr class=published>`.
        let page = r#"<h1>T</h1><time datetime="2024-01-05">5 Jan</time>
            <abbr class="x published" title="2024-01-04">4 Jan</abbr>
            <time pubdate datetime="2024-01-03">3 Jan</time>
            <span itemprop="datePublished">2 January 2024</span>"#;
        expect!["published 2024-01-02 from Markup; modified none"].assert_eq(&dates_of(page, None));
        let page = r#"<h1>T</h1><time datetime="2024-01-05">5 Jan</time>
            <abbr class="x published" title="2024-01-04">4 Jan</abbr>"#;
        expect!["published 2024-01-04 from Markup; modified none"].assert_eq(&dates_of(page, None));
        // Container names match inside a class or id as written: `postDate`
        // and an id `pubdate-1` do, a class `DATE` does not.
        for (page, want) in [
            (
                r#"<h1>T</h1><span class="postDate">7 May 2012</span>"#,
                "2012-05-07",
            ),
            (
                r#"<h1>T</h1><span id="pubdate-1">7 May 2012</span>"#,
                "2012-05-07",
            ),
            (
                r#"<span class="DATE">7 May 2012</span><p>x</p>"#,
                "2012-05-07 from Text",
            ),
        ] {
            assert!(
                dates_of(page, None).contains(want),
                "{page}: {}",
                dates_of(page, None)
            );
        }
    }

    #[test]
    fn only_visible_text_is_read() {
        // A cookie's expiry in a script is no date of the page.
        let page = r#"<body><script>document.cookie="x; expires=Thu, 31 Dec 2099 23:59:59 UTC"</script>
            <h1>T</h1><p>Text of 22 March 2024 and more</p></body>"#;
        expect!["published 2024-03-22 from Text; modified none"].assert_eq(&dates_of(page, None));
        // Drupal's "Submitted by ... on ..." line is a date container.
        let page = r#"<h1>T</h1><div class="submitted">Gespeichert von <span>ann</span>
            am 24. Juli 2017 - 18:55</div>"#;
        expect!["published 2017-07-24 from DateContainer; modified none"]
            .assert_eq(&dates_of(page, None));
        // A German date box, its parts in elements of their own; a post's
        // meta line.
        let page = r#"<h1>T</h1><div class="datum"><span class="monat">Feb</span>
            <span class="tag">18</span><span class="jahr">2009</span></div>"#;
        expect!["published 2009-02-18 from DateContainer; modified none"]
            .assert_eq(&dates_of(page, None));
        let page = r#"<h1>T</h1><p class="article__meta">Von Ann, 3. März 2020</p>"#;
        expect!["published 2020-03-03 from DateContainer; modified none"]
            .assert_eq(&dates_of(page, None));
    }
}
