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

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use regex::Regex;
use serde::Serialize;
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
struct Witness {
    time: Timestamp,
    source: DateSource,
    /// In halves: 2 for a source that names the publication date, 3 for a
    /// date the page labels for its readers, 1 for one that is often
    /// something else (a generic `<meta>` name, the first date in the
    /// text, a modification date).
    weight: u8,
    /// A modification date: it supports a day that a publication source
    /// names, never stands for one alone.
    modified: bool,
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
    let (ld_pub, ld_mod) = json_ld_dates(doc);
    let meta = meta_dates(doc);
    let strong = |time, source| Witness {
        time,
        source,
        weight: 2,
        modified: false,
    };
    let weak = |time, source| Witness {
        time,
        source,
        weight: 1,
        modified: false,
    };
    let mut witnesses: Vec<Witness> = Vec::new();
    let mut add = |w: Option<Witness>| witnesses.extend(w);
    add(ld_pub.map(|t| strong(t, DateSource::JsonLd)));
    add(meta.published.map(|t| strong(t, DateSource::Meta)));
    add(meta.generic.map(|t| weak(t, DateSource::Meta)));
    add(markup_date(doc).map(|t| strong(t, DateSource::Markup)));
    add(url.and_then(url_date).map(|t| strong(t, DateSource::Url)));
    add(container_date(doc).map(|t| strong(t, DateSource::DateContainer)));
    // A date the page labels for its readers counts for one and a half.
    add(labelled_date(doc).map(|time| Witness {
        time,
        source: DateSource::Labelled,
        weight: 3,
        modified: false,
    }));
    add(text_date(doc).map(|t| weak(t, DateSource::Text)));
    for (t, source) in [
        (ld_mod, DateSource::JsonLd),
        (meta.modified, DateSource::Meta),
    ] {
        add(t.map(|time| Witness {
            time,
            source,
            weight: 1,
            modified: true,
        }));
    }
    let mut out = PageDates {
        published: elect(&witnesses),
        modified: None,
    };
    out.modified = ld_mod
        .map(|t| found(t, DateSource::JsonLd))
        .or_else(|| meta.modified.map(|t| found(t, DateSource::Meta)));
    out
}

/// The publication date the witnesses (in order of reliability) agree on
/// most: the day with the greatest weight among the days some publication
/// source names, ties to the earlier witness; the date given is that of
/// the most reliable witness of the day.
fn elect(witnesses: &[Witness]) -> Option<FoundDate> {
    let day = |w: &Witness| w.time.time.date_naive();
    let mut best: Option<(u32, &Witness)> = None;
    for candidate in witnesses.iter().filter(|w| !w.modified) {
        if witnesses
            .iter()
            .take_while(|w| !std::ptr::eq(*w, candidate))
            .any(|w| !w.modified && day(w) == day(candidate))
        {
            continue;
        }
        let weight: u32 = witnesses
            .iter()
            .filter(|w| day(w) == day(candidate))
            .map(|w| u32::from(w.weight))
            .sum();
        if best.is_none_or(|(b, _)| weight > b) {
            best = Some((weight, candidate));
        }
    }
    best.map(|(_, w)| found(w.time, w.source))
}

fn found(time: Timestamp, source: DateSource) -> FoundDate {
    FoundDate { time, source }
}

/// JSON-LD `datePublished` / `dateModified` of the first object that has
/// one, looking into `@graph` arrays and nested objects. An object whose
/// type names an article or posting wins over others (a `WebPage` or a
/// `BreadcrumbList` sometimes carries the date the page was generated).
fn json_ld_dates(doc: &Document) -> (Option<Timestamp>, Option<Timestamp>) {
    // The best (rank, date) so far for publication and for modification.
    type Ranked = Option<(u8, Timestamp)>;
    let mut best: (Ranked, Ranked) = (None, None);
    for script in doc.scripts_with_type(&["application/ld+json", "application/json+ld"]) {
        let raw = doc.text_content(script);
        let Ok(value) = serde_json::from_str::<serde_json::Value>(raw.trim()) else {
            continue;
        };
        let mut stack = vec![(&value, 0usize)];
        while let Some((v, depth)) = stack.pop() {
            if depth > 16 {
                continue;
            }
            match v {
                serde_json::Value::Array(items) => {
                    stack.extend(items.iter().rev().map(|i| (i, depth + 1)));
                }
                serde_json::Value::Object(map) => {
                    let rank = map.get("@type").map_or(1, type_rank);
                    for key in ["datePublished", "dateCreated", "dateModified"] {
                        let Some(t) = map.get(key).and_then(|d| d.as_str()).and_then(parse_date)
                        else {
                            continue;
                        };
                        // dateCreated only when no datePublished at the
                        // same rank.
                        let (rank, slot) = match key {
                            "dateCreated" => (rank.saturating_sub(1), &mut best.0),
                            "datePublished" => (rank, &mut best.0),
                            _ => (rank, &mut best.1),
                        };
                        if slot.is_none_or(|(r, _)| rank > r) {
                            *slot = Some((rank, t));
                        }
                    }
                    for (k, child) in map {
                        // The date of an author, an image or a comment is
                        // not the article's.
                        if matches!(
                            k.as_str(),
                            "author" | "comment" | "image" | "publisher" | "review" | "video"
                        ) {
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
    published: Option<Timestamp>,
    /// The publication date under a [`GENERIC_META`] name.
    generic: Option<Timestamp>,
    /// The modification date, by the order of [`MODIFIED_META`].
    modified: Option<Timestamp>,
}

/// Dates from `<meta>` tags, by the order of [`PUBLISHED_META`] and
/// [`MODIFIED_META`].
fn meta_dates(doc: &Document) -> MetaDates {
    let mut published: Option<(usize, Timestamp)> = None;
    let mut generic: Option<(usize, Timestamp)> = None;
    let mut modified: Option<(usize, Timestamp)> = None;
    for id in doc.get_elements_by_tag_name(doc.root(), "meta") {
        let Some(content) = doc.get_attribute(id, "content") else {
            continue;
        };
        for attr in ["property", "name", "itemprop", "http-equiv"] {
            let Some(name) = doc.get_attribute(id, attr) else {
                continue;
            };
            let name = name.trim().to_ascii_lowercase();
            let slot = if GENERIC_META.contains(&name.as_str()) {
                &mut generic
            } else {
                &mut published
            };
            if let Some(rank) = PUBLISHED_META.iter().position(|m| *m == name)
                && slot.is_none_or(|(r, _)| rank < r)
                && let Some(t) = parse_date(&content)
            {
                *slot = Some((rank, t));
            }
            if let Some(rank) = MODIFIED_META.iter().position(|m| *m == name)
                && modified.is_none_or(|(r, _)| rank < r)
                && let Some(t) = parse_date(&content)
            {
                modified = Some((rank, t));
            }
        }
    }
    MetaDates {
        published: published.map(|(_, t)| t),
        generic: generic.map(|(_, t)| t),
        modified: modified.map(|(_, t)| t),
    }
}

/// An element marked up as the publication date: `itemprop=datePublished`,
/// `<time pubdate>`, `<abbr class=published title=...>`, else the first
/// `<time datetime>` of the page that is not marked as a modification.
fn markup_date(doc: &Document) -> Option<Timestamp> {
    let root = doc.root();
    for sel in [
        "[itemprop=datePublished]",
        "[itemprop=dateCreated]",
        "time[pubdate]",
        "abbr.published",
        "time.published",
        "time.entry-date",
    ] {
        for id in doc.query_selector_all(root, sel) {
            if let Some(t) = element_date(doc, id) {
                return Some(t);
            }
        }
    }
    for id in doc.get_elements_by_tag_name(root, "time") {
        let class = doc.class_name(id).to_ascii_lowercase();
        let itemprop = doc.get_attribute(id, "itemprop").unwrap_or_default();
        if class.contains("modified") || class.contains("updated") || itemprop == "dateModified" {
            continue;
        }
        if inside_comments(doc, id) {
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
fn element_date(doc: &Document, id: NodeId) -> Option<Timestamp> {
    for attr in ["datetime", "content", "title"] {
        if let Some(t) = doc.get_attribute(id, attr).as_deref().and_then(parse_date) {
            return Some(t);
        }
    }
    let text = doc.text_content(id);
    if text.len() < 200 {
        return parse_date(&text).or_else(|| find_date_in_text(&text));
    }
    None
}

/// Whether `id` sits in a comment section (a reader's comment has its own
/// date).
fn inside_comments(doc: &Document, id: NodeId) -> bool {
    let mut at = doc.parent(id);
    let mut steps = 0;
    while let Some(p) = at {
        steps += 1;
        if steps > 40 {
            break;
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
/// post's meta line, outside comments and sidebars.
fn container_date(doc: &Document) -> Option<Timestamp> {
    let sel = "[class*=date], [class*=Date], [id*=date], [class*=posted], [class*=publish], \
               [class*=entry-meta], [class*=post-meta], [class*=article-meta], [class*=byline], \
               [class*=timestamp], [class*=dateline], [class*=meta-info], [class*=postmeta]";
    for id in doc.query_selector_all(doc.root(), sel) {
        let class = format!("{} {}", doc.class_name(id), doc.id_attr(id)).to_ascii_lowercase();
        if class.contains("update") || class.contains("modif") || inside_comments(doc, id) {
            continue;
        }
        let text = doc.iter_text(id, " ");
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
fn text_date(doc: &Document) -> Option<Timestamp> {
    let body = doc.body()?;
    let text = doc.iter_text(body, " ");
    let head = crate_prefix(&text, 3000);
    find_date_in_text(head)
}

/// A date printed after a label that says what it is ("Published:",
/// "Erschienen am", "Stand:", "Publié le", "Updated"): the first such date
/// in the body text. The page shows it to its readers as the article's
/// date, whether the day it appeared or the day it was brought up to date.
fn labelled_date(doc: &Document) -> Option<Timestamp> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)\b(?:published|updated|posted(?: on)?|erschienen(?: am)?|erstellt(?: am)?|",
            r"veröffentlicht(?: am)?|publiziert(?: am)?|aktualisiert(?: am)?|stand|",
            r"erscheinungsdatum|zuletzt (?:geändert |aktualisiert |bearbeitet )?am|",
            r"publié le|mis à jour le|publicado(?: el)?|publicada(?: el)?|",
            r"actualizado(?: el)?|pubblicato(?: il)?|aggiornato(?: il)?|datum|date)\b\s*[:\-–]?\s*"
        ))
        .expect("valid regex")
    });
    let body = doc.body()?;
    let text = doc.iter_text(body, " ");
    re.find_iter(&text).find_map(|m| {
        // The date must follow the label, not stand somewhere after it.
        let window = crate_prefix(&text[m.end()..], 40);
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
/// `/20240322/`.
pub fn url_date(url: &str) -> Option<Timestamp> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2]|[1-9])[/_-]?(0[1-9]|[12]\d|3[01]|[1-9])(?:[/_.-]|$)")
            .expect("valid regex")
    });
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let c = re.captures(path)?;
    day(&c[1], &c[2], &c[3])
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
    let s = s.trim();
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return stamp(t, Precision::Second);
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return stamp(t, Precision::Second);
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
            return Some(Timestamp::from_date(date, Precision::Day));
        };
        let time = NaiveTime::from_hms_opt(
            hour.as_str().parse().ok()?,
            c[5].parse().ok()?,
            c.get(6).map_or(Some(0), |s| s.as_str().parse().ok())?,
        )?;
        let offset = match c.get(7).map(|m| m.as_str()) {
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
        return stamp(t, precision);
    }
    find_date_in_text(s)
}

fn stamp(t: DateTime<FixedOffset>, precision: Precision) -> Option<Timestamp> {
    plausible(t.date_naive()).then_some(Timestamp { time: t, precision })
}

/// Month names and abbreviations in the languages most pages are written
/// in (English, German, French, Spanish, Italian, Portuguese, Dutch), to
/// month numbers. Matched against lower-cased text without a trailing dot.
fn month(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.');
    Some(match n {
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
        _ => return None,
    })
}

/// The first date printed in running text: "22 March 2024", "22. März
/// 2024", "March 22nd, 2024", "22.03.2024", "2024-03-22", "22/03/2024"
/// (day first unless the first number cannot be a day... of a month:
/// `03/22/2024` is read as March 22).
pub fn find_date_in_text(text: &str) -> Option<Timestamp> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)(?:",
            // 2024-03-22, 2024/03/22
            r"\b(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})\b",
            r"|",
            // 22.03.2024, 22/03/2024, 22-03-2024
            r"\b(?P<nd>\d{1,2})[./-](?P<nm>\d{1,2})[./-](?P<ny>(?:19|20)\d{2})\b",
            r"|",
            // 22 March 2024, 22. März 2024, 22 de marzo de 2024
            r"\b(?P<td>\d{1,2})(?:\.|er|st|nd|rd|th)?\s*(?:de\s+)?(?P<tm>[\p{L}]{3,10}\.?),?\s*(?:de\s+)?(?P<ty>(?:19|20)\d{2})\b",
            r"|",
            // March 22, 2024; March 22nd 2024
            r"\b(?P<mm>[\p{L}]{3,10}\.?)\s+(?P<md>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<my>(?:19|20)\d{2})\b",
            r")"
        ))
        .expect("valid regex")
    });
    for c in re.captures_iter(text) {
        let ymd = if let Some(y) = c.name("iy") {
            Some((
                y.as_str().parse().ok(),
                c["im"].parse().ok(),
                c["id"].parse().ok(),
            ))
        } else if let Some(y) = c.name("ny") {
            let (a, b): (u32, u32) = (c["nd"].parse().ok()?, c["nm"].parse().ok()?);
            // Day first, as most of the world writes it, unless that is
            // impossible.
            let (d, m) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
            Some((y.as_str().parse().ok(), Some(m), Some(d)))
        } else if let Some(y) = c.name("ty") {
            month(&c["tm"].to_lowercase())
                .map(|m| (y.as_str().parse().ok(), Some(m), c["td"].parse().ok()))
        } else if let Some(y) = c.name("my") {
            month(&c["mm"].to_lowercase())
                .map(|m| (y.as_str().parse().ok(), Some(m), c["md"].parse().ok()))
        } else {
            None
        };
        if let Some((Some(y), Some(m), Some(d))) = ymd
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
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
        check_text("Copyright 2024, all rights", expect!["none"]);
        check_text("in 12 Monkeys 2024", expect!["none"]);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            show(url_date("https://a.example/2019/08/02/json-parsing/")),
            "2019-08-02T00:00:00+00:00 Day"
        );
        assert_eq!(
            show(url_date("https://a.example/news/2019-8-2-title")),
            "2019-08-02T00:00:00+00:00 Day"
        );
        assert_eq!(show(url_date("https://a.example/2019/page")), "none");
        assert_eq!(show(url_date("https://a.example/?d=2019/08/02")), "none");
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
}
