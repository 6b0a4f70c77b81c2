//! Corroboration: for one story, which figures and statements independent
//! sources agree on, and where they conflict.
//!
//! **Figures.** Every numeric claim of extraction is described by what it
//! measures (a quantity class from [`measure_of`], else the stem of the
//! noun counted), its unit, its subject (the story entities named in its
//! sentence) and its time (the article's own date). Two claims are about
//! the same thing when their units match, the places they name do not
//! exclude each other, and they measure the same class (or, without a
//! class, share a stem of the counted noun). A group is cut into points in time: claims
//! more than [`CorroborateConfig::series_gap_days`] apart are a series (a
//! death toll that grows over months), never a conflict. Within a point,
//! values are read as ranges ("more than 1 million" is 1 to 1.25 million,
//! "nearly 1,200" is 1,080 to 1,200) and overlapping ranges agree. Two or
//! more disjoint values from different articles are a conflict; different
//! values inside one article mean the group mixed two quantities, and it
//! is reported as such, not as a conflict.
//!
//! **Statements.** Quotes and attributed paraphrase with a known speaker
//! are grouped per speaker when their words overlap; each group counts the
//! sources that carry it.
//!
//! Support is always counted in *independent* sources
//! ([`crate::dedup::independent_sources`]): syndicated copies count once.

mod measure;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use measure::measure_of;

use crate::brief::Terms;
use crate::dedup::{Syndication, independent_sources};
use crate::extract::{EntityKind, NumericClaim, Qualifier, QuoteKind, Span, StoryExtraction};
use crate::model::{Article, ArticleId};
use crate::sentence;

/// Settings of corroboration, with documented defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CorroborateConfig {
    /// Claims whose dates are further apart than this many days are points
    /// of a series, not rival values. Default 7.
    pub series_gap_days: i64,
    /// How far above its number "more than X" / "at least X" is read to
    /// reach, as a fraction of X (writers round down to the nearest round
    /// figure). Default 0.25.
    pub floor_reach: f64,
    /// The spread of "about X" either side, as a fraction. Default 0.1.
    pub about_spread: f64,
    /// The spread allowed around a bare number, for rounding. Default 0.02.
    pub exact_spread: f64,
    /// Share of the smaller statement's terms the other must have for two
    /// statements of one speaker to be the same. Default 0.5.
    pub statement_overlap: f64,
}

impl Default for CorroborateConfig {
    fn default() -> Self {
        CorroborateConfig {
            series_gap_days: 7,
            floor_reach: 0.25,
            about_spread: 0.1,
            exact_spread: 0.02,
            statement_overlap: 0.5,
        }
    }
}

/// Where a claim was read: the article, its outlet, and the place in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The article.
    pub article: ArticleId,
    /// The outlet, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The claim's span in the article (paragraph, byte range).
    pub span: Span,
    /// The claim as printed ("more than a million").
    pub text: String,
    /// The sentence it was read in.
    pub sentence: String,
    /// The article's date, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

/// One value of a figure and who reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureValue {
    /// The most common printed form ("more than 1 million").
    pub text: String,
    /// The number read ("1 million" → 1000000).
    pub value: f64,
    /// Low end of the range the reports allow, together.
    pub low: f64,
    /// High end of the range the reports allow, together.
    pub high: f64,
    /// Independent sources reporting this value.
    pub independent_sources: usize,
    /// Every report of it.
    pub evidence: Vec<Evidence>,
}

/// The values of a figure at one point in time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigurePoint {
    /// The earliest article date of the point, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Values that do not agree with each other, most supported first.
    pub values: Vec<FigureValue>,
    /// Whether the values conflict (two or more values from different
    /// articles).
    pub conflict: bool,
}

/// What the reports of a figure say, taken together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum FigureStatus {
    /// One value from one independent source.
    Single,
    /// One value from two or more independent sources.
    Agreed,
    /// Different values at the same point in time from different articles.
    Conflict,
    /// Values at different points in time: a series.
    Series,
    /// Different values inside one article: probably different quantities
    /// that the grouping could not tell apart.
    Mixed,
}

/// One figure of the story: claims about the same quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureGroup {
    /// A readable label: what is measured and of what ("displaced:
    /// Palestinians · Rafah").
    pub about: String,
    /// The quantity class or the stem of the counted noun.
    pub measure: String,
    /// The unit, when the number has one ("percent", "weeks").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The story entities the claims' sentences name, by canonical name.
    pub subject: Vec<String>,
    /// The figure's points in time, earliest first.
    pub points: Vec<FigurePoint>,
    /// Agreement, conflict or series.
    pub status: FigureStatus,
}

/// Something a speaker said, and who reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementGroup {
    /// The speaker's canonical name in the story.
    pub speaker: String,
    /// The longest wording reported.
    pub text: String,
    /// Whether any report quotes the words directly.
    pub direct: bool,
    /// Independent sources reporting it.
    pub independent_sources: usize,
    /// Every report of it.
    pub evidence: Vec<Evidence>,
}

/// Corroboration of one story.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Corroboration {
    /// Figures: conflicts first, then by support.
    pub figures: Vec<FigureGroup>,
    /// Statements: by support, then by speaker.
    pub statements: Vec<StatementGroup>,
}

/// One claim, described for grouping.
struct Claim<'a> {
    article: usize,
    claim: &'a NumericClaim,
    measure: String,
    class: Option<&'static str>,
    unit: Option<String>,
    /// Stems of the counted noun phrase (the unit's own stem left out).
    counted: BTreeSet<String>,
    /// Stems of the words after the number in its sentence.
    topic: BTreeSet<String>,
    /// Story entities named in the claim's sentence.
    subject: BTreeSet<usize>,
    /// The places among them.
    places: BTreeSet<usize>,
    date: Option<NaiveDate>,
    sentence: String,
    low: f64,
    high: f64,
}

/// The sentence of `sentences` containing `span`, or the paragraph.
fn sentence_at<'a>(
    sentences: &'a [sentence::Sentence],
    span: &Span,
) -> Option<&'a sentence::Sentence> {
    sentences.iter().find(|s| {
        s.span.paragraph == span.paragraph && s.span.start <= span.start && span.start < s.span.end
    })
}

/// Corroborates one story. `articles` and `extraction.extractions` are
/// parallel (as [`crate::extract::extract_story`] returns them);
/// `syndication` holds the syndication groups of a batch containing them.
///
/// ```
/// use storyline_core::corroborate::{corroborate, CorroborateConfig, FigureStatus};
/// use storyline_core::dedup::{dedup, DedupConfig};
/// use storyline_core::extract::{extract_story, ExtractConfig};
/// # use storyline_core::{Article, ArticleId, Timestamp};
/// # fn article(id: &str, source: &str, text: &str) -> Article {
/// #     Article { id: ArticleId::from(id), url: None, source: Some(source.into()),
/// #         published: Timestamp::parse("2031-05-16"), title: None, byline: None, dateline: None,
/// #         credits: vec![], paragraphs: vec![text.to_owned()], removed: vec![], meta: Default::default() }
/// # }
/// let articles = vec![
///     article("a", "Daily Post", "More than 2,000 people have fled Veranto, the mayor said."),
///     article("b", "Evening Star", "About 2,000 residents fled Veranto after the floods."),
///     article("c", "Valley Radio", "Some 5,000 people have fled Veranto since Monday."),
/// ];
/// let x = extract_story(&articles, &ExtractConfig::default());
/// let syndication = dedup(&articles, &DedupConfig::default());
/// let refs: Vec<&Article> = articles.iter().collect();
/// let c = corroborate(&refs, &x, &syndication, &CorroborateConfig::default());
/// assert_eq!(c.figures[0].status, FigureStatus::Conflict);
/// let values = &c.figures[0].points[0].values;
/// assert_eq!((values[0].independent_sources, values[1].independent_sources), (2, 1));
/// ```
pub fn corroborate(
    articles: &[&Article],
    extraction: &StoryExtraction,
    syndication: &Syndication,
    cfg: &CorroborateConfig,
) -> Corroboration {
    let sentences: Vec<Vec<sentence::Sentence>> = articles
        .iter()
        .map(|a| sentence::split(&a.paragraphs))
        .collect();
    let figures = figures(articles, extraction, &sentences, syndication, cfg);
    let statements = statements(articles, extraction, &sentences, syndication, cfg);
    Corroboration {
        figures,
        statements,
    }
}

fn story_entity(extraction: &StoryExtraction, article: usize, entity: usize) -> Option<usize> {
    extraction
        .entities
        .by_article
        .get(article)?
        .get(entity)
        .copied()
}

fn canonical(extraction: &StoryExtraction, id: usize) -> String {
    extraction
        .entities
        .entities
        .get(id)
        .map(|e| e.entity.canonical.clone())
        .unwrap_or_default()
}

/// The head of a counted noun phrase: the phrase up to the first
/// preposition, conjunction or participle ("miners trapped 400 metres
/// underground" → "miners", "days of talks" → "days").
fn head_of(counted: &str) -> &str {
    const STOP: &[&str] = &[
        "of", "in", "on", "at", "from", "to", "for", "with", "by", "over", "under", "and", "or",
        "who", "which", "that", "were", "was", "are", "is", "have", "had", "has",
    ];
    let mut end = counted.len();
    for (i, w) in counted.split_whitespace().enumerate() {
        let lower = w.to_lowercase();
        let verb_like = i > 0 && (lower.ends_with("ed") || lower.ends_with("ing"));
        if STOP.contains(&lower.as_str()) || verb_like {
            end = counted.find(w).unwrap_or(counted.len());
            break;
        }
    }
    counted[..end].trim()
}

/// A unit's comparison key: folded, singular ("Weeks" = "week").
fn unit_key(unit: &str) -> String {
    let u = crate::text::fold(unit);
    match u.strip_suffix('s') {
        Some(stem) if stem.len() >= 3 => stem.to_owned(),
        _ => u,
    }
}

fn range(c: &NumericClaim, cfg: &CorroborateConfig) -> (f64, f64) {
    let x = c.value;
    match c.qualifier {
        Some(Qualifier::MoreThan | Qualifier::AtLeast) => (x, x * (1.0 + cfg.floor_reach)),
        Some(Qualifier::About) => (x * (1.0 - cfg.about_spread), x * (1.0 + cfg.about_spread)),
        Some(Qualifier::Nearly) => (x * (1.0 - cfg.about_spread), x),
        Some(Qualifier::UpTo | Qualifier::LessThan) => (x * (1.0 - cfg.floor_reach), x),
        _ => (x * (1.0 - cfg.exact_spread), x * (1.0 + cfg.exact_spread)),
    }
}

fn evidence(
    article: &Article,
    date: Option<NaiveDate>,
    span: Span,
    text: &str,
    sentence: &str,
) -> Evidence {
    Evidence {
        article: article.id.clone(),
        source: article.source.clone(),
        span,
        text: text.to_owned(),
        sentence: sentence.to_owned(),
        date,
    }
}

fn article_date(extraction: &StoryExtraction, a: usize) -> Option<NaiveDate> {
    extraction
        .extractions
        .get(a)?
        .date
        .as_ref()?
        .value
        .map(|v| v.date)
}

fn figures(
    articles: &[&Article],
    extraction: &StoryExtraction,
    sentences: &[Vec<sentence::Sentence>],
    syndication: &Syndication,
    cfg: &CorroborateConfig,
) -> Vec<FigureGroup> {
    let terms = Terms::default();
    let mut claims: Vec<Claim<'_>> = Vec::new();
    for (a, x) in extraction
        .extractions
        .iter()
        .enumerate()
        .take(articles.len())
    {
        let date = article_date(extraction, a);
        for c in &x.numbers {
            // Ordinals ("sixth trip") and bare numbers with nothing counted
            // are not figures anyone reports.
            if c.ordinal
                || (c.counted.trim().is_empty() && c.unit.is_none())
                || !c.value.is_finite()
            {
                continue;
            }
            let sent = sentence_at(&sentences[a], &c.span);
            let sentence_text = sent.map_or(c.context.as_str(), |s| s.text.as_str());
            // What is measured: the unit when there is one ("six weeks"),
            // else a quantity class read from the counted noun, then the
            // words after the number, then the words before it, else the
            // stem of the counted noun.
            let para = articles[a]
                .paragraphs
                .get(c.span.paragraph)
                .map_or("", String::as_str);
            let (before, after) = match sent {
                Some(s) if s.span.start <= c.span.start && c.span.end <= s.span.end => {
                    let before: Vec<&str> = para
                        .get(s.span.start..c.span.start)
                        .unwrap_or("")
                        .split_whitespace()
                        .collect();
                    let after: Vec<&str> = para
                        .get(c.span.end..s.span.end)
                        .unwrap_or("")
                        .split_whitespace()
                        .collect();
                    (
                        before[before.len().saturating_sub(6)..].join(" "),
                        after[..after.len().min(12)].join(" "),
                    )
                }
                _ => (String::new(), c.context.clone()),
            };
            let class = [c.counted.as_str(), after.as_str(), before.as_str()]
                .into_iter()
                .find_map(|t| measure_of(&crate::text::fold(t)));
            let measure = match (&c.unit, class) {
                (Some(u), _) => unit_key(u),
                (None, Some(m)) => m.to_owned(),
                (None, None) => terms
                    .of(head_of(&c.counted))
                    .last()
                    .cloned()
                    .unwrap_or_default(),
            };
            let subject: BTreeSet<usize> = sent
                .map(|s| {
                    x.mentions
                        .iter()
                        .filter(|m| {
                            m.span.paragraph == s.span.paragraph
                                && m.span.start >= s.span.start
                                && m.span.end <= s.span.end
                        })
                        .filter_map(|m| story_entity(extraction, a, m.entity))
                        .collect()
                })
                .unwrap_or_default();
            let (low, high) = range(c, cfg);
            let unit = c.unit.as_deref().map(unit_key);
            let counted: BTreeSet<String> = terms
                .of(&c.counted)
                .into_iter()
                .filter(|t| unit.as_deref().is_none_or(|u| !u.starts_with(t.as_str())))
                .collect();
            let topic: BTreeSet<String> = terms.of(&after).into_iter().collect();
            let places: BTreeSet<usize> = subject
                .iter()
                .copied()
                .filter(|&e| {
                    extraction
                        .entities
                        .entities
                        .get(e)
                        .is_some_and(|s| s.entity.kind == EntityKind::Place)
                })
                .collect();
            claims.push(Claim {
                article: a,
                claim: c,
                measure,
                class,
                unit,
                counted,
                topic,
                places,
                subject,
                date,
                sentence: sentence_text.to_owned(),
                low,
                high,
            });
        }
    }
    // Claims about the same thing: connected components of `same_thing`.
    let n = claims.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for i in 0..n {
        for j in i + 1..n {
            if same_thing(&claims[i], &claims[j]) {
                union(&mut parent, i, j);
            }
        }
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        members.entry(r).or_default().push(i);
    }
    let mut roots: Vec<usize> = members.keys().copied().collect();
    roots.sort_unstable();
    let mut groups: Vec<FigureGroup> = roots
        .into_iter()
        .map(|r| {
            figure_group(
                &members[&r],
                &claims,
                articles,
                extraction,
                syndication,
                cfg,
            )
        })
        .collect();
    groups.sort_by(|a, b| {
        let rank = |g: &FigureGroup| match g.status {
            FigureStatus::Conflict => 0,
            FigureStatus::Agreed => 1,
            FigureStatus::Series => 2,
            FigureStatus::Mixed => 3,
            FigureStatus::Single => 4,
        };
        let support = |g: &FigureGroup| {
            g.points
                .iter()
                .flat_map(|p| &p.values)
                .map(|v| v.independent_sources)
                .sum::<usize>()
        };
        rank(a)
            .cmp(&rank(b))
            .then(support(b).cmp(&support(a)))
            .then(a.about.cmp(&b.about))
    });
    groups
}

/// Whether two claims count the same thing: the same unit; places that do
/// not exclude each other (a shared place, or none named on one side);
/// and the same quantity class when both have one, else a shared stem of
/// the counted noun ("miners trapped" and "miners"), or, for two figures
/// of a bare unit ("six weeks"), two shared stems in what follows.
fn same_thing(a: &Claim<'_>, b: &Claim<'_>) -> bool {
    if a.unit != b.unit {
        return false;
    }
    if !a.places.is_empty() && !b.places.is_empty() && a.places.is_disjoint(&b.places) {
        return false;
    }
    match (a.class, b.class) {
        (Some(x), Some(y)) => x == y,
        _ if !a.counted.is_empty() || !b.counted.is_empty() => !a.counted.is_disjoint(&b.counted),
        _ => a.unit.is_some() && a.topic.intersection(&b.topic).count() >= 2,
    }
}

fn figure_group(
    idx: &[usize],
    claims: &[Claim<'_>],
    articles: &[&Article],
    extraction: &StoryExtraction,
    syndication: &Syndication,
    cfg: &CorroborateConfig,
) -> FigureGroup {
    // Points in time: dated claims split where the gap between consecutive
    // dates exceeds the series gap; undated claims join the only point, or
    // stand as a point of their own when there are several.
    let mut dated: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| claims[i].date.is_some())
        .collect();
    dated.sort_by_key(|&i| (claims[i].date, i));
    let undated: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| claims[i].date.is_none())
        .collect();
    let mut points: Vec<Vec<usize>> = Vec::new();
    let mut last: Option<NaiveDate> = None;
    for i in dated {
        let d = claims[i].date;
        let gap = match (last, d) {
            (Some(l), Some(d)) => (d - l).num_days() > cfg.series_gap_days,
            _ => true,
        };
        if gap || points.is_empty() {
            points.push(Vec::new());
        }
        if let Some(p) = points.last_mut() {
            p.push(i);
        }
        last = d;
    }
    if !undated.is_empty() {
        if points.len() == 1 {
            points[0].extend(undated);
        } else {
            points.push(undated);
        }
    }
    let mut mixed = false;
    let points: Vec<FigurePoint> = points
        .iter()
        .map(|p| {
            let (point, is_mixed) = figure_point(p, claims, articles, syndication);
            mixed |= is_mixed;
            point
        })
        .collect();
    let first = &claims[idx[0]];
    // The subject shown: entities named with at least half of the claims
    // (the claims' sentences name much else besides).
    let mut named: BTreeMap<usize, usize> = BTreeMap::new();
    for &i in idx {
        for &e in &claims[i].subject {
            *named.entry(e).or_insert(0) += 1;
        }
    }
    let mut subject: Vec<String> = named
        .into_iter()
        .filter(|&(_, k)| 2 * k >= idx.len())
        .map(|(e, _)| canonical(extraction, e))
        .filter(|s| !s.is_empty())
        .collect();
    subject.dedup();
    // What the claims count, where they say ("at least six weeks" says
    // nothing, "a six-week ceasefire" does).
    let counted = most_common(
        idx.iter()
            .map(|&i| shown_counted(claims[i].claim, claims[i].unit.as_deref()))
            .filter(|c| !c.is_empty()),
    );
    let status = if points.iter().any(|p| p.conflict) {
        FigureStatus::Conflict
    } else if mixed {
        FigureStatus::Mixed
    } else if points.len() > 1 {
        FigureStatus::Series
    } else if points
        .first()
        .and_then(|p| p.values.first())
        .is_some_and(|v| v.independent_sources >= 2)
    {
        FigureStatus::Agreed
    } else {
        FigureStatus::Single
    };
    let mut about = label(&first.measure, first.class, first.unit.as_deref(), &counted);
    if !subject.is_empty() {
        about = format!("{about} · {}", subject.join(", "));
    }
    FigureGroup {
        about,
        measure: first.measure.clone(),
        unit: first.unit.clone(),
        subject,
        points,
        status,
    }
}

/// The values at one point in time, and whether the point mixes two
/// quantities (one article with two disjoint values).
fn figure_point(
    idx: &[usize],
    claims: &[Claim<'_>],
    articles: &[&Article],
    syndication: &Syndication,
) -> (FigurePoint, bool) {
    let mut order: Vec<usize> = idx.to_vec();
    order.sort_by(|&a, &b| claims[a].low.total_cmp(&claims[b].low).then(a.cmp(&b)));
    // Single linkage over overlapping ranges, in order of their low ends.
    let mut bands: Vec<(f64, f64, Vec<usize>)> = Vec::new();
    for i in order {
        let c = &claims[i];
        match bands.last_mut() {
            Some((_, hi, m)) if c.low <= *hi => {
                *hi = hi.max(c.high);
                m.push(i);
            }
            _ => bands.push((c.low, c.high, vec![i])),
        }
    }
    let band_of_article =
        |band: &[usize]| -> BTreeSet<usize> { band.iter().map(|&i| claims[i].article).collect() };
    let sets: Vec<BTreeSet<usize>> = bands.iter().map(|(_, _, m)| band_of_article(m)).collect();
    let mixed = sets.len() > 1
        && sets
            .iter()
            .enumerate()
            .any(|(i, s)| sets.iter().skip(i + 1).any(|t| !s.is_disjoint(t)));
    let mut values: Vec<FigureValue> = bands
        .into_iter()
        .map(|(low, high, m)| {
            let band_articles: Vec<&Article> =
                m.iter().map(|&i| articles[claims[i].article]).collect();
            let text = most_common(m.iter().map(|&i| claims[i].claim.text.clone()));
            let value = m
                .iter()
                .map(|&i| claims[i].claim.value)
                .fold(f64::NAN, f64::min);
            FigureValue {
                text,
                value,
                low,
                high,
                independent_sources: independent_sources(band_articles, syndication),
                evidence: m
                    .iter()
                    .map(|&i| {
                        let c = &claims[i];
                        evidence(
                            articles[c.article],
                            c.date,
                            c.claim.span,
                            &c.claim.text,
                            &c.sentence,
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    values.sort_by(|a, b| {
        b.independent_sources
            .cmp(&a.independent_sources)
            .then(a.value.total_cmp(&b.value))
    });
    let date = idx.iter().filter_map(|&i| claims[i].date).min();
    let conflict = values.len() > 1 && !mixed;
    (
        FigurePoint {
            date,
            values,
            conflict,
        },
        mixed,
    )
}

/// The counted phrase as a reader sees it, without the unit's own words.
/// A unit glued to its number is followed by what it measures ("six-week
/// truce", "a 12-year-old boy"); a unit of its own only by "of" ("six
/// months of house arrest"), else the phrase runs on into other words
/// ("six weeks ago", "15 years over charges").
fn shown_counted(claim: &NumericClaim, unit: Option<&str>) -> String {
    let words: Vec<&str> = claim
        .counted
        .split_whitespace()
        .filter(|w| unit.is_none_or(|u| unit_key(w) != u))
        .collect();
    let glued = claim
        .unit
        .as_ref()
        .is_none_or(|raw| claim.text.to_lowercase().ends_with(raw.as_str()));
    match words.as_slice() {
        _ if glued => words.join(" "),
        ["of", rest @ ..] => rest.join(" "),
        _ => String::new(),
    }
}

/// A figure's label: what is counted and in what unit ("truce (weeks)",
/// "deaths: people", "countries"). `measure` is the grouping key, which
/// for a plain count is a stem ("countri") and not shown.
fn label(measure: &str, class: Option<&str>, unit: Option<&str>, counted: &str) -> String {
    match (unit, class) {
        (Some(u), _) => {
            let unit = if u.ends_with("-old") {
                "age".to_owned()
            } else {
                plural_unit(u)
            };
            if counted.is_empty() {
                unit
            } else {
                format!("{counted} ({unit})")
            }
        }
        // "missing girls" says "missing" already.
        (None, Some(class)) if counted.split(' ').any(|w| w.eq_ignore_ascii_case(class)) => {
            counted.to_owned()
        }
        (None, Some(class)) if !counted.is_empty() => format!("{class}: {counted}"),
        (None, Some(class)) => class.to_owned(),
        (None, None) if counted.is_empty() => measure.to_owned(),
        (None, None) => counted.to_owned(),
    }
}

/// The plural of a unit key where the unit has one ("week" -> "weeks",
/// "percent" and "km" stay).
fn plural_unit(key: &str) -> String {
    match key {
        "year" | "month" | "week" | "day" | "hour" | "minute" | "second" | "mile" | "metre"
        | "meter" | "kilometre" | "kilometer" | "dollar" | "euro" | "pound" | "ton" | "tonne"
        | "barrel" | "point" => format!("{key}s"),
        _ => key.to_owned(),
    }
}

/// The most frequent string, ties to the first seen.
fn most_common(items: impl Iterator<Item = String>) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for s in items {
        match counts.iter_mut().find(|(t, _)| *t == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    let mut best: Option<(String, usize)> = None;
    for (s, n) in counts {
        if best.as_ref().is_none_or(|(_, m)| n > *m) {
            best = Some((s, n));
        }
    }
    best.map(|(s, _)| s).unwrap_or_default()
}

fn statements(
    articles: &[&Article],
    extraction: &StoryExtraction,
    sentences: &[Vec<sentence::Sentence>],
    syndication: &Syndication,
    cfg: &CorroborateConfig,
) -> Vec<StatementGroup> {
    let terms = Terms::default();
    struct Said {
        article: usize,
        speaker: usize,
        text: String,
        direct: bool,
        terms: BTreeSet<String>,
        span: Span,
    }
    let mut said: Vec<Said> = Vec::new();
    for (a, x) in extraction
        .extractions
        .iter()
        .enumerate()
        .take(articles.len())
    {
        for q in &x.quotes {
            let Some(speaker) = q.speaker.and_then(|e| story_entity(extraction, a, e)) else {
                continue;
            };
            let t: BTreeSet<String> = terms.of(&q.text).into_iter().collect();
            if t.len() < 3 {
                continue;
            }
            said.push(Said {
                article: a,
                speaker,
                text: q.text.clone(),
                direct: q.kind == QuoteKind::Direct,
                terms: t,
                span: q.span,
            });
        }
    }
    let n = said.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&said[i], &said[j]);
            if a.speaker != b.speaker {
                continue;
            }
            let shared = a.terms.intersection(&b.terms).count() as f64;
            let smaller = a.terms.len().min(b.terms.len()).max(1) as f64;
            if shared / smaller >= cfg.statement_overlap {
                union(&mut parent, i, j);
            }
        }
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        members.entry(r).or_default().push(i);
    }
    let mut roots: Vec<usize> = members.keys().copied().collect();
    roots.sort_unstable();
    let mut out: Vec<StatementGroup> = roots
        .into_iter()
        .map(|r| {
            let m = &members[&r];
            let longest = m
                .iter()
                .copied()
                .max_by(|&x, &y| said[x].text.len().cmp(&said[y].text.len()).then(y.cmp(&x)))
                .unwrap_or(r);
            let group_articles: Vec<&Article> =
                m.iter().map(|&i| articles[said[i].article]).collect();
            StatementGroup {
                speaker: canonical(extraction, said[r].speaker),
                text: said[longest].text.clone(),
                direct: m.iter().any(|&i| said[i].direct),
                independent_sources: independent_sources(group_articles, syndication),
                evidence: m
                    .iter()
                    .map(|&i| {
                        let s = &said[i];
                        let sentence = sentence_at(&sentences[s.article], &s.span)
                            .map_or(s.text.as_str(), |x| x.text.as_str());
                        evidence(
                            articles[s.article],
                            article_date(extraction, s.article),
                            s.span,
                            &s.text,
                            sentence,
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.independent_sources
            .cmp(&a.independent_sources)
            .then(a.speaker.cmp(&b.speaker))
            .then(a.text.cmp(&b.text))
    });
    out
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

#[cfg(test)]
mod tests;
