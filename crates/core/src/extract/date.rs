//! Dates in the text, resolved to calendar values against the article's own
//! date, and the article's own date found from its metadata and header.
//!
//! Absolute dates ("March 21, 2024", "18.09.2024", "Sept. 17 and 19",
//! "mid-February", "October last year") and relative ones ("Thursday",
//! "earlier in the day", "last month") are found by a handful of patterns.
//! A weekday or a date without a year resolves by tense: in a past-tense
//! clause to the most recent such day on or before the reference date, in a
//! future-tense clause ("is expected in Israel on Friday", "will meet",
//! "Starting in January, the tariffs will apply": a cue after the date
//! counts up to the clause's end or a past cue such as "said") to the next
//! one on or after it. Crates such as `interim` resolve a bare
//! weekday forwards, which is wrong for news, so this is hand-written over
//! `chrono`.

use std::sync::OnceLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::Regex;

use crate::text::ascii_word_boundaries;
use serde::{Deserialize, Serialize};

use super::Span;
use crate::model::{Article, Precision};

/// Whether a date was printed in full or must be resolved against the
/// article's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateKind {
    /// The text gives the calendar value ("March 21, 2024"), perhaps
    /// without the year.
    Absolute,
    /// The text is relative to the article's date ("Thursday", "last month").
    Relative,
}

/// A calendar value with its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateValue {
    /// The first day of the period (the day itself at day precision).
    pub date: NaiveDate,
    /// The last day, for ranges ("Sept. 17 and 19") and periods coarser than
    /// a day ("last week", "February").
    pub end: NaiveDate,
    /// How much of `date` is meaningful: day, month or year.
    pub precision: Precision,
}

impl DateValue {
    fn day(date: NaiveDate) -> DateValue {
        DateValue {
            date,
            end: date,
            precision: Precision::Day,
        }
    }

    fn month(year: i32, month: u32) -> Option<DateValue> {
        let date = NaiveDate::from_ymd_opt(year, month, 1)?;
        let end = date.checked_add_months(Months::new(1))?.pred_opt()?;
        Some(DateValue {
            date,
            end,
            precision: Precision::Month,
        })
    }

    fn year(year: i32) -> Option<DateValue> {
        Some(DateValue {
            date: NaiveDate::from_ymd_opt(year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(year, 12, 31)?,
            precision: Precision::Year,
        })
    }
}

/// A date found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    /// Where it is.
    pub span: Span,
    /// The text as printed.
    pub text: String,
    /// Printed in full or relative.
    pub kind: DateKind,
    /// The resolved value; `None` when it needs a reference date the
    /// article does not have.
    pub value: Option<DateValue>,
    /// What the value was resolved against: `None` when the text printed
    /// it in full, else the source of the article's date, or
    /// [`DateSource::Story`] when the story's dates placed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<DateSource>,
}

/// Where an article's own date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// `Article::published`.
    Published,
    /// The dateline ("Cairo, Mar. 22").
    Dateline,
    /// A header line ("Ahmed Asmar | 18.09.2024").
    Header,
    /// The dates of the other articles of the story (a yearless date in an
    /// undated article).
    Story,
    /// The first full date printed in the body: a last resort that often
    /// names an event rather than the publication, so a story's later
    /// article dates take precedence over it as a reference.
    Body,
}

/// An article's own date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDate {
    /// The date, when the year is known or could be inferred from the story.
    pub value: Option<DateValue>,
    /// Month and day as printed, when the year was missing.
    pub month_day: Option<(u32, u32)>,
    /// Whether the year was inferred from other articles of the story.
    pub year_inferred: bool,
    /// Where it came from.
    pub source: DateSource,
    /// The text it was read from.
    pub text: String,
}

/// What the other articles of a story say about when it happened: the
/// dates they carry with a year, and the articles' own dates. Used to give
/// a year to a dateline without one and to date the relative and yearless
/// dates of an undated article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryContext {
    anchors: Vec<NaiveDate>,
    /// The articles' own dates (published, dateline, header), sorted.
    article_dates: Vec<NaiveDate>,
}

impl StoryContext {
    /// The context of a story made of `articles`.
    pub fn new(articles: &[Article]) -> StoryContext {
        let mut anchors = Vec::new();
        let mut article_dates = Vec::new();
        let empty = StoryContext::default();
        let mut yearless = Vec::new();
        for a in articles {
            match article_date(a, &empty) {
                Some(ArticleDate { value: Some(d), .. }) => {
                    anchors.push(d.date);
                    article_dates.push(d.date);
                    continue;
                }
                Some(ArticleDate {
                    month_day: Some(md),
                    ..
                }) => yearless.push(md),
                _ => {}
            }
            // An undated article still tells the story's year through the
            // full dates it prints.
            for para in &a.paragraphs {
                for m in scan(para) {
                    if let (Some(y), Some(mo)) = (m.year, m.month)
                        && let Some(d) = NaiveDate::from_ymd_opt(y, mo, m.day.unwrap_or(1))
                    {
                        anchors.push(d);
                    }
                }
            }
        }
        anchors.sort();
        // Yearless datelines ("Mar. 22") are article dates too, once the
        // printed dates give them a year.
        let with_years = StoryContext {
            anchors: anchors.clone(),
            article_dates: Vec::new(),
        };
        article_dates.extend(
            yearless
                .into_iter()
                .filter_map(|(m, d)| infer_year(m, d, &with_years)),
        );
        article_dates.sort();
        StoryContext {
            anchors,
            article_dates,
        }
    }

    /// A context from known dates.
    pub fn from_dates(mut anchors: Vec<NaiveDate>) -> StoryContext {
        anchors.sort();
        StoryContext {
            anchors,
            article_dates: Vec::new(),
        }
    }

    /// The median of the story's dates.
    pub fn anchor(&self) -> Option<NaiveDate> {
        self.anchors.get(self.anchors.len() / 2).copied()
    }

    /// The date an undated article of the story is read against: the
    /// latest of the story's article dates (reports follow the events they
    /// report), else the median of the dates they print.
    pub fn reference(&self) -> Option<NaiveDate> {
        self.article_dates.last().copied().or_else(|| self.anchor())
    }
}

/// The year that puts month/day closest to the story's anchor.
fn infer_year(month: u32, day: u32, ctx: &StoryContext) -> Option<NaiveDate> {
    let anchor = ctx.anchor()?;
    (anchor.year() - 1..=anchor.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - anchor).num_days().abs())
}

/// The article's own date: `published`, else the dateline's date, else a
/// date on a header line (a lifted byline or title, or a short line at the
/// top of the body). A date without a year takes its year from `ctx`; with
/// no context, only the month and day are returned.
pub fn article_date(article: &Article, ctx: &StoryContext) -> Option<ArticleDate> {
    article_date_with(article, ctx, None)
}

/// [`article_date`], with the day patterns of the article's paragraphs
/// already read (`days`, one per paragraph) when the caller has them.
pub(crate) fn article_date_with(
    article: &Article,
    ctx: &StoryContext,
    days: Option<&[DayScan]>,
) -> Option<ArticleDate> {
    if let Some(p) = article.published {
        return Some(ArticleDate {
            value: Some(DateValue::day(p.date())),
            month_day: None,
            year_inferred: false,
            source: DateSource::Published,
            text: p.time.to_rfc3339(),
        });
    }
    let from_raw = |m: Raw, text: &str, source: DateSource| -> Option<ArticleDate> {
        let (month, day) = (m.month?, m.day?);
        let (value, inferred) = match m.year {
            Some(y) => (
                NaiveDate::from_ymd_opt(y, month, day).map(DateValue::day),
                false,
            ),
            None => (infer_year(month, day, ctx).map(DateValue::day), true),
        };
        Some(ArticleDate {
            value,
            month_day: m.year.is_none().then_some((month, day)),
            year_inferred: inferred && value.is_some(),
            source,
            text: text.to_owned(),
        })
    };
    let from = |text: &str, source: DateSource| from_raw(first_day(text)?, text, source);
    // Paragraph `i`, read through `days` when given.
    let from_paragraph = |i: usize, source: DateSource| {
        let text = article.paragraphs.get(i)?;
        match days.and_then(|d| d.get(i)) {
            Some(d) => from_raw(d.first_day()?, text, source),
            None => from(text, source),
        }
    };
    if let Some(d) = article
        .dateline
        .as_ref()
        .and_then(|d| d.date.as_deref().or(Some(d.text.as_str())))
        && let Some(found) = from(d, DateSource::Dateline)
    {
        return Some(found);
    }
    for r in article.removed.iter().filter(|r| r.reason.is_metadata()) {
        if let Some(found) = from(&r.text, DateSource::Header) {
            return Some(found);
        }
    }
    // A dateline still inside the first paragraph: "Cairo, Mar. 22, (dpa) –".
    if let Some(first) = article.paragraphs.first() {
        let head: String = first.chars().take(48).collect();
        if let Some(cut) = head.find(['–', '—', ':']).or_else(|| head.find(" - "))
            && let Some(found) = from(&head[..cut], DateSource::Dateline)
        {
            return Some(found);
        }
    }
    for (i, _) in article
        .paragraphs
        .iter()
        .enumerate()
        .take(6)
        .filter(|(_, p)| p.len() < HEADER_LINE_BYTES)
    {
        if let Some(found) = from_paragraph(i, DateSource::Header)
            && found.month_day.is_none()
        {
            return Some(found);
        }
    }
    // Web pages: a full date in any removed line (page furniture often
    // carries "Posted on ..."), else early in the body.
    let full = |text: &str| from(text, DateSource::Header).filter(|f| f.month_day.is_none());
    let body = |text: &str| from(text, DateSource::Body).filter(|f| f.month_day.is_none());
    let body_paragraph =
        |i: usize| from_paragraph(i, DateSource::Body).filter(|f| f.month_day.is_none());
    // Removed lines near the headline come first (a "Posted on" line), then
    // the head of the body, then any removed line.
    let title_line = article
        .removed
        .iter()
        .find(|r| r.reason == crate::model::RemovalReason::Title)
        .map_or(0, |r| r.line);
    let near = |r: &&crate::model::Removed| {
        r.line.abs_diff(title_line) <= NEAR_TITLE_LINES && r.text.len() < HEADER_LINE_BYTES
    };
    article
        .removed
        .iter()
        .filter(near)
        .find_map(|r| full(&r.text))
        .or_else(|| (0..article.paragraphs.len().min(HEAD_PARAGRAPHS)).find_map(body_paragraph))
        .or_else(|| {
            article.removed.iter().find_map(|r| {
                if r.text.len() < HEADER_LINE_BYTES {
                    full(&r.text)
                } else {
                    body(&r.text)
                }
            })
        })
        .or_else(|| (HEAD_PARAGRAPHS..article.paragraphs.len()).find_map(body_paragraph))
}

/// Longest line (in bytes) read as a header line rather than reporting.
const HEADER_LINE_BYTES: usize = 120;

/// How far from the headline (in lines) a removed line still counts as
/// part of the article's header.
const NEAR_TITLE_LINES: usize = 12;

/// How many body paragraphs the last resort of [`article_date`] reads.
const HEAD_PARAGRAPHS: usize = 10;

/// English month names and abbreviations, and the German and French
/// names that differ from them (web pages are often German or French).
const MONTH: &str = r"((?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|maerz|mai|juni|juli|oktober|okt|dezember|dez|janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\b\.?)";

struct Patterns {
    numeric: Regex,
    iso: Regex,
    month_day: Regex,
    day_month: Regex,
    month: Regex,
    weekday: Regex,
    relative: Regex,
    year: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        // Word boundaries are ASCII ones: the words around a date are, and
        // with Unicode ones date scanning was most of reading an article.
        let re = |s: &str| {
            Regex::new(&ascii_word_boundaries(&s.replace("MONTH", MONTH)))
                .expect("date patterns are valid")
        };
        Patterns {
            numeric: re(r"\b(\d{1,2})([./])(\d{1,2})[./](\d{4})\b"),
            iso: re(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
            month_day: re(r"(?i)\b(?:(early|mid|late)[- ])?MONTH\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:\s*(?:and|-|–|to|through)\s*(\d{1,2})\b(?:st|nd|rd|th)?)?(?:,?\s+(\d{4})\b|\s+(last|this|next)\s+year\b)?"),
            day_month: re(r"(?i)\b(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?MONTH(?:,?\s+(\d{4})\b)?"),
            month: re(r"(?i)\b(?:(early|mid|late)[- ])?MONTH(?:,?\s+(\d{4})\b|\s+(last|this|next)\s+year\b)?"),
            weekday: re(r"(?i)\b(?:(earlier|later|early|late|last|next|this|on|by|since|until)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(morning|afternoon|evening|night))?\b"),
            relative: re(r"(?i)\b(today|tonight|yesterday|tomorrow|earlier in the day|later in the day|earlier today|later today|this (?:morning|afternoon|evening)|last night|(?:last|this|next|past) (?:week|month|year)|(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten) (day|week|month|year)s? ago)\b"),
            year: re(r"(?i)\b(?:in|since|by|until|from|during|of|early|late|mid|before|after)\s+((?:19|20)\d{2})\b"),
        }
    })
}

/// A date pattern match before resolution.
#[derive(Debug, Clone)]
struct Raw {
    start: usize,
    end: usize,
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    end_day: Option<u32>,
    year_shift: Option<i32>,
    part: Option<&'static str>,
    relative: Option<Relative>,
}

#[derive(Debug, Clone, Copy)]
enum Relative {
    Weekday(Weekday, Option<Tense>),
    Days(i64),
    Weeks(i64),
    Months(i32),
    Years(i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
}

/// "March", "June" or "July" spelt out (English).
fn is_full_month_name(s: &str) -> bool {
    ["march", "june", "july"]
        .iter()
        .any(|m| s.eq_ignore_ascii_case(m))
}

/// Whether the word at `start..end` follows a preposition of time ("in",
/// "from", "since", "until", "through", "during") and is no possessive.
fn after_preposition(para: &str, start: usize, end: usize) -> bool {
    let rest = &para[end..];
    if rest.starts_with("'s") || rest.starts_with("\u{2019}s") {
        return false;
    }
    let head = para[..start].trim_end_matches(' ');
    if head.len() == start {
        return false;
    }
    let word = head
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    ["in", "from", "since", "until", "through", "during"]
        .iter()
        .any(|p| word.eq_ignore_ascii_case(p))
}

fn month_number(s: &str) -> Option<u32> {
    let l = s.trim_end_matches('.').to_ascii_lowercase();
    let m = match l.as_str() {
        "mai" => return Some(5),
        "juin" => return Some(6),
        "juillet" => return Some(7),
        "août" | "aout" => return Some(8),
        "mars" => return Some(3),
        "avril" => return Some(4),
        _ if l.starts_with("fév") => return Some(2),
        _ if l.starts_with("déc") => return Some(12),
        _ => l.get(..3)?,
    };
    let m = match m {
        "jan" => 1,
        "mär" | "mae" => 3,
        "okt" => 10,
        "dez" => 12,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday(s: &str) -> Option<Weekday> {
    s.to_ascii_lowercase().parse().ok()
}

fn small_number(s: &str) -> Option<i64> {
    Some(match s.to_ascii_lowercase().as_str() {
        "a" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        d => d.parse().ok()?,
    })
}

fn shift_word(s: Option<&str>) -> Option<i32> {
    match s?.to_ascii_lowercase().as_str() {
        "last" => Some(-1),
        "this" => Some(0),
        "next" => Some(1),
        _ => None,
    }
}

fn part_word(s: Option<&str>) -> Option<&'static str> {
    match s?.to_ascii_lowercase().as_str() {
        "early" => Some("early"),
        "mid" => Some("mid"),
        "late" => Some("late"),
        _ => None,
    }
}

/// A month word that is also an ordinary word ("may", "march") counts only
/// when capitalised.
fn month_ok(text: &str) -> bool {
    !(text.starts_with("may") || text.starts_with("march") || text.starts_with("mar "))
}

/// The first date in `text` with a month and a day, as [`scan`] would find
/// it: only the patterns that give both are run (the others only add
/// matches where these left room, and never a day).
fn first_day(text: &str) -> Option<Raw> {
    DayScan::of(text).first_day()
}

/// Whether `a..b` overlaps no match in `out`.
fn free(out: &[Raw], s: usize, e: usize) -> bool {
    out.iter().all(|r| e <= r.start || s >= r.end)
}

/// A match of `s..e` with nothing read yet.
fn base(s: usize, e: usize) -> Raw {
    Raw {
        start: s,
        end: e,
        year: None,
        month: None,
        day: None,
        end_day: None,
        year_shift: None,
        part: None,
        relative: None,
    }
}

/// The matches of the patterns that read a month and a day (numeric, ISO,
/// "March 22", "22 March"), in that order of precedence, pushed onto
/// `out`; false when `para` has no ASCII digit, so none can match.
fn scan_days(para: &str, out: &mut Vec<Raw>) -> bool {
    if !para.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let pat = patterns();
    for c in pat.numeric.captures_iter(para) {
        let m = c.get(0).expect("match");
        let (a, b): (u32, u32) = (c[1].parse().unwrap_or(0), c[3].parse().unwrap_or(0));
        // Day first with dots (European), month first with slashes (US),
        // swapped when the first cannot be a month.
        let (day, month) = if &c[2] == "." || a > 12 {
            (a, b)
        } else {
            (b, a)
        };
        let year: i32 = c[4].parse().unwrap_or(0);
        if NaiveDate::from_ymd_opt(year, month, day).is_some() {
            out.push(Raw {
                year: Some(year),
                month: Some(month),
                day: Some(day),
                ..base(m.start(), m.end())
            });
        }
    }
    for c in pat.iso.captures_iter(para) {
        let m = c.get(0).expect("match");
        if free(out, m.start(), m.end()) {
            let (y, mo, d) = (
                c[1].parse().unwrap_or(0),
                c[2].parse().unwrap_or(0),
                c[3].parse().unwrap_or(0),
            );
            if NaiveDate::from_ymd_opt(y, mo, d).is_some() {
                out.push(Raw {
                    year: Some(y),
                    month: Some(mo),
                    day: Some(d),
                    ..base(m.start(), m.end())
                });
            }
        }
    }
    for c in pat.month_day.captures_iter(para) {
        let m = c.get(0).expect("match");
        let mtext = c.get(2).map_or("", |x| x.as_str());
        if !free(out, m.start(), m.end())
            || (!month_ok(mtext) && c.get(5).is_none())
                && mtext.chars().next().is_some_and(char::is_lowercase)
        {
            continue;
        }
        let day: u32 = c[3].parse().unwrap_or(0);
        if !(1..=31).contains(&day) {
            continue;
        }
        out.push(Raw {
            month: month_number(mtext),
            day: Some(day),
            end_day: c
                .get(4)
                .and_then(|d| d.as_str().parse().ok())
                .filter(|d| (day..=31).contains(d)),
            year: c.get(5).and_then(|y| y.as_str().parse().ok()),
            year_shift: shift_word(c.get(6).map(|x| x.as_str())),
            part: part_word(c.get(1).map(|x| x.as_str())),
            ..base(m.start(), m.end())
        });
    }
    for c in pat.day_month.captures_iter(para) {
        let m = c.get(0).expect("match");
        let mtext = &c[2];
        if !free(out, m.start(), m.end())
            || (!month_ok(mtext) && mtext.chars().next().is_some_and(char::is_lowercase))
        {
            continue;
        }
        let day: u32 = c[1].parse().unwrap_or(0);
        if !(1..=31).contains(&day) {
            continue;
        }
        out.push(Raw {
            month: month_number(mtext),
            day: Some(day),
            year: c.get(3).and_then(|y| y.as_str().parse().ok()),
            ..base(m.start(), m.end())
        });
    }
    true
}

/// The matches of the day patterns ([`scan_days`]) in one paragraph, read
/// once for both the article's own date and its date mentions.
#[derive(Debug, Clone, Default)]
pub(crate) struct DayScan {
    raws: Vec<Raw>,
    digits: bool,
}

impl DayScan {
    /// The day patterns' matches in `para`.
    pub(crate) fn of(para: &str) -> DayScan {
        let mut raws = Vec::new();
        let digits = scan_days(para, &mut raws);
        DayScan { raws, digits }
    }

    /// The first match with a month and a day.
    fn first_day(&self) -> Option<Raw> {
        self.raws
            .iter()
            .filter(|m| m.month.is_some() && m.day.is_some())
            .min_by_key(|m| m.start)
            .cloned()
    }
}

/// Finds the date patterns of `para`, longest and most specific first,
/// without overlaps.
fn scan(para: &str) -> Vec<Raw> {
    scan_with(para, DayScan::of(para))
}

/// [`scan`], the day patterns already read into `days`.
fn scan_with(para: &str, days: DayScan) -> Vec<Raw> {
    let pat = patterns();
    // Every match of the day patterns and of `year` holds an ASCII digit
    // (a day or year in other digits does not parse, and is not kept).
    let DayScan {
        raws: mut out,
        digits,
    } = days;
    for c in pat.month.captures_iter(para) {
        let m = c.get(0).expect("match");
        let mtext = &c[2];
        let has_more = c.get(1).is_some() || c.get(3).is_some() || c.get(4).is_some();
        let capital = mtext.chars().next().is_some_and(char::is_uppercase);
        // A bare month needs a capital; "May" and "March" need more, which
        // for "March", "June" and "July" a preposition before them gives
        // ("From March, prices rose"; "in May" is too often Theresa May).
        let bare_ambiguous = !has_more
            && (month_number(mtext) == Some(5)
                || mtext.eq_ignore_ascii_case("march")
                || mtext.len() <= 4)
            && !(is_full_month_name(mtext) && after_preposition(para, m.start(), m.end()));
        if !free(&out, m.start(), m.end()) || (!has_more && !capital) || bare_ambiguous {
            continue;
        }
        // "Mar." and friends without a day are too often something else.
        out.push(Raw {
            month: month_number(mtext),
            year: c.get(3).and_then(|y| y.as_str().parse().ok()),
            year_shift: shift_word(c.get(4).map(|x| x.as_str())),
            part: part_word(c.get(1).map(|x| x.as_str())),
            ..base(m.start(), m.end())
        });
    }
    for c in pat.weekday.captures_iter(para) {
        let m = c.get(0).expect("match");
        if !free(&out, m.start(), m.end()) {
            continue;
        }
        let Some(wd) = weekday(&c[2]) else { continue };
        let tense = match c.get(1).map(|x| x.as_str().to_ascii_lowercase()).as_deref() {
            Some("last" | "earlier" | "since") => Some(Tense::Past),
            Some("next" | "later" | "until") => Some(Tense::Future),
            _ => None,
        };
        out.push(Raw {
            relative: Some(Relative::Weekday(wd, tense)),
            ..base(m.start(), m.end())
        });
    }
    for c in pat.relative.captures_iter(para) {
        let m = c.get(0).expect("match");
        if !free(&out, m.start(), m.end()) {
            continue;
        }
        let t = c[1].to_ascii_lowercase();
        let rel = if let (Some(n), Some(unit)) = (c.get(2), c.get(3)) {
            let n = small_number(n.as_str()).unwrap_or(1);
            match unit.as_str().to_ascii_lowercase().as_str() {
                "day" => Relative::Days(-n),
                "week" => Relative::Weeks(-n),
                "month" => Relative::Months(-(n as i32)),
                _ => Relative::Years(-(n as i32)),
            }
        } else {
            match t.as_str() {
                "yesterday" | "last night" => Relative::Days(-1),
                "tomorrow" => Relative::Days(1),
                s if s.ends_with("week") => {
                    Relative::Weeks(shift_word(s.split(' ').next()).unwrap_or(-1) as i64)
                }
                s if s.ends_with("month") => {
                    Relative::Months(shift_word(s.split(' ').next()).unwrap_or(-1))
                }
                s if s.ends_with("year") => {
                    Relative::Years(shift_word(s.split(' ').next()).unwrap_or(-1))
                }
                _ => Relative::Days(0),
            }
        };
        out.push(Raw {
            relative: Some(rel),
            ..base(m.start(), m.end())
        });
    }
    if digits {
        for c in pat.year.captures_iter(para) {
            let y = c.get(1).expect("year group");
            if free(&out, y.start(), y.end()) {
                out.push(Raw {
                    year: y.as_str().parse().ok(),
                    ..base(y.start(), y.end())
                });
            }
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

const FUTURE_CUES: &[&str] = &[
    "will ",
    "'ll ",
    "’ll ",
    "expected",
    "is due",
    "are due",
    "set to",
    "scheduled",
    "plans to",
    "plan to",
    "planned",
    "ahead of",
    "is to ",
    "are to ",
    "would ",
    "upcoming",
    "going to",
    "shall ",
    "next ",
    "intends",
    "hopes to",
];

/// Where one clause ends and the next begins, for [`tense_at`].
const CLAUSE_BOUNDARIES: &[&str] = &[". ", "; ", " and ", " but ", ", while ", "! ", "? "];

/// Words that put a clause in the past, or report it ("said"): after a
/// date, a future cue beyond one of them is another clause's ("In January,
/// officials said they will ...").
const PAST_CUES: &[&str] = &[
    " said",
    " says",
    " told",
    " announced",
    " added",
    " reported",
    " was ",
    " were ",
    " had ",
    " did ",
    "ed ",
];

/// The tense of the clause around a date printed at `start..end`: future
/// when a future cue appears between the clause's start and the date, or
/// after the date and before the clause's end and any past cue
/// ("Starting in January, the tariffs will apply"); past otherwise.
fn tense_at(para: &str, start: usize, end: usize) -> Tense {
    tense_cued(para, start, end).0
}

/// [`tense_at`], and whether a cue said so (a past tense by default is not
/// cued).
fn tense_cued(para: &str, start: usize, end: usize) -> (Tense, bool) {
    let head = &para[..start];
    let from = CLAUSE_BOUNDARIES
        .iter()
        .filter_map(|b| head.rfind(b).map(|i| i + b.len()))
        .max()
        .unwrap_or(0);
    let clause = head[from..].to_lowercase();
    if FUTURE_CUES.iter().any(|c| clause.contains(c)) {
        return (Tense::Future, true);
    }
    if PAST_CUES.iter().any(|c| clause.contains(c)) {
        return (Tense::Past, true);
    }
    let rest = &para[end.min(para.len())..];
    let to = CLAUSE_BOUNDARIES
        .iter()
        .filter_map(|b| rest.find(b))
        .min()
        .unwrap_or(rest.len());
    let tail = rest[..to].to_lowercase();
    let past_at = PAST_CUES.iter().filter_map(|c| tail.find(c)).min();
    if FUTURE_CUES
        .iter()
        .any(|c| tail[..past_at.unwrap_or(tail.len())].contains(c))
    {
        (Tense::Future, true)
    } else {
        (Tense::Past, past_at.is_some())
    }
}

/// What a date was resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Basis {
    /// The text printed it in full.
    Text,
    /// The article's own date.
    Reference,
    /// The story's anchor date.
    Story,
}

/// The basis a resolution of `r` uses, given which reference dates exist.
fn basis(r: &Raw, reference: Option<NaiveDate>) -> Basis {
    let needs_reference = r.relative.is_some() || (r.month.is_some() && r.year.is_none());
    match (needs_reference, reference) {
        (false, _) => Basis::Text,
        (true, Some(_)) => Basis::Reference,
        (true, None) => Basis::Story,
    }
}

fn resolve(
    r: &Raw,
    para: &str,
    reference: Option<NaiveDate>,
    firm: bool,
    story: Option<NaiveDate>,
) -> Option<DateValue> {
    if let Some(rel) = r.relative {
        let rd = reference?;
        return match rel {
            Relative::Weekday(wd, tense) => {
                let tense = tense.unwrap_or_else(|| tense_at(para, r.start, r.end));
                let diff = (rd.weekday().num_days_from_monday() as i64
                    - wd.num_days_from_monday() as i64)
                    .rem_euclid(7);
                let d = match tense {
                    Tense::Past => rd.checked_sub_days(Days::new(diff as u64))?,
                    Tense::Future => rd.checked_add_days(Days::new(((7 - diff) % 7) as u64))?,
                };
                Some(DateValue::day(d))
            }
            Relative::Days(n) => Some(DateValue::day(
                rd.checked_add_signed(chrono::Duration::days(n))?,
            )),
            Relative::Weeks(n) => {
                let monday =
                    rd.checked_sub_days(Days::new(rd.weekday().num_days_from_monday() as u64))?;
                let start = monday.checked_add_signed(chrono::Duration::weeks(n))?;
                Some(DateValue {
                    date: start,
                    end: start.checked_add_days(Days::new(6))?,
                    precision: Precision::Day,
                })
            }
            Relative::Months(n) => {
                let first = NaiveDate::from_ymd_opt(rd.year(), rd.month(), 1)?;
                let d = if n < 0 {
                    first.checked_sub_months(Months::new(n.unsigned_abs()))?
                } else {
                    first.checked_add_months(Months::new(n as u32))?
                };
                DateValue::month(d.year(), d.month())
            }
            Relative::Years(n) => DateValue::year(rd.year() + n),
        };
    }
    let reference = reference.or(story);
    let month = match r.month {
        Some(m) => m,
        None => return DateValue::year(r.year?),
    };
    let year = match (r.year, r.year_shift) {
        (Some(y), _) => y,
        (None, Some(shift)) => reference?.year() + shift,
        (None, None) => {
            let rd = reference?;
            let (tense, cued) = tense_cued(para, r.start, r.end);
            // The most recent occurrence on or before the reference in a
            // past-tense clause, the next one on or after it in a future one;
            // a week's slack either way for events around the report's date,
            // a month's for a month in a clause of no stated tense or
            // against a body date. A month in a clause cued as past has begun
            // by the report's own date ("the company reported in January",
            // printed in December, is last January).
            let candidates = (rd.year() - 1..=rd.year() + 1).filter_map(|y| {
                NaiveDate::from_ymd_opt(y, month, r.day.unwrap_or(1)).map(|d| (y, d))
            });
            let slack = match (r.day, tense, cued) {
                (Some(_), _, _) => 7,
                (None, Tense::Past, true) if firm => 0,
                (None, _, _) => 31,
            };
            let pick = match tense {
                Tense::Past => candidates
                    .filter(|(_, d)| (*d - rd).num_days() <= slack)
                    .max_by_key(|(_, d)| *d),
                Tense::Future => candidates
                    .filter(|(_, d)| (rd - *d).num_days() <= slack)
                    .min_by_key(|(_, d)| *d),
            };
            pick?.0
        }
    };
    match r.day {
        Some(day) => {
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            let end = r
                .end_day
                .and_then(|e| NaiveDate::from_ymd_opt(year, month, e))
                .unwrap_or(date);
            Some(DateValue {
                date,
                end,
                precision: Precision::Day,
            })
        }
        None => {
            let mut v = DateValue::month(year, month)?;
            // Early/mid/late narrow the month to its thirds, still at month
            // precision.
            let (a, b) = match r.part {
                Some("early") => (1, 10),
                Some("mid") => (11, 20),
                Some("late") => (21, 31),
                _ => return Some(v),
            };
            v.date = NaiveDate::from_ymd_opt(year, month, a)?;
            v.end = NaiveDate::from_ymd_opt(year, month, b)
                .unwrap_or(v.end)
                .min(v.end);
            Some(v)
        }
    }
}

/// The date mentions of paragraph `p`, resolved against `reference` (the
/// article's date) or, for dates that print a month, against `story` (the
/// story's anchor date) when the article has no date of its own.
///
/// `reference_source` says where the article's date came from; it becomes
/// the `source` of every mention resolved against it.
#[cfg(test)]
fn find(
    p: usize,
    para: &str,
    reference: Option<NaiveDate>,
    reference_source: Option<DateSource>,
    story: Option<NaiveDate>,
    out: &mut Vec<DateMention>,
) {
    find_with(
        p,
        para,
        DayScan::of(para),
        reference,
        reference_source,
        story,
        out,
    );
}

/// The date mentions of paragraph `p` (see `find` in the tests), the day
/// patterns of `para` already read into `days` ([`DayScan::of`]).
pub(crate) fn find_with(
    p: usize,
    para: &str,
    days: DayScan,
    reference: Option<NaiveDate>,
    reference_source: Option<DateSource>,
    story: Option<NaiveDate>,
    out: &mut Vec<DateMention>,
) {
    // A publication, dateline or header date is the report's own; a body
    // date (a photo caption's, an event's) may lie before it.
    let firm = matches!(
        reference_source,
        Some(DateSource::Published | DateSource::Dateline | DateSource::Header)
    );
    for r in scan_with(para, days) {
        let value = resolve(&r, para, reference, firm, story);
        let source = match (basis(&r, reference), value) {
            (_, None) | (Basis::Text, _) => None,
            (Basis::Reference, Some(_)) => reference_source,
            (Basis::Story, Some(_)) => Some(DateSource::Story),
        };
        out.push(DateMention {
            span: Span {
                paragraph: p,
                start: r.start,
                end: r.end,
            },
            text: para[r.start..r.end].to_owned(),
            kind: if r.relative.is_some() {
                DateKind::Relative
            } else {
                DateKind::Absolute
            },
            value,
            source,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, Dateline};
    use expect_test::{Expect, expect};

    fn check(reference: &str, para: &str, expect: Expect) {
        check_from(reference, None, para, expect);
    }

    /// [`check`] with the reference date read from `source`.
    fn check_from(reference: &str, source: Option<DateSource>, para: &str, expect: Expect) {
        let rd = NaiveDate::parse_from_str(reference, "%Y-%m-%d").ok();
        let mut out = Vec::new();
        find(0, para, rd, source, None, &mut out);
        let got: Vec<String> = out
            .iter()
            .map(|m| match m.value {
                Some(v) if v.end != v.date => {
                    format!("{:?} -> {}..{} {:?}", m.text, v.date, v.end, v.precision)
                }
                Some(v) => format!("{:?} -> {} {:?}", m.text, v.date, v.precision),
                None => format!("{:?} -> ?", m.text),
            })
            .collect();
        expect.assert_eq(&got.join("\n"));
    }

    #[test]
    fn weekdays_follow_tense() {
        // 2031-05-16 is a Friday.
        check(
            "2031-05-16",
            "The mayor spoke on Thursday and is expected in Lagos on Friday. She will fly home Monday.",
            expect![[r#"
                "on Thursday" -> 2031-05-15 Day
                "on Friday" -> 2031-05-16 Day
                "Monday" -> 2031-05-19 Day"#]],
        );
        check(
            "2031-05-16",
            "Officials met earlier in the day, a week after talks last month and yesterday.",
            expect![[r#"
                "earlier in the day" -> 2031-05-16 Day
                "last month" -> 2031-04-01..2031-04-30 Month
                "yesterday" -> 2031-05-15 Day"#]],
        );
    }

    #[test]
    fn march_june_and_july_after_a_preposition_are_months() {
        check(
            "2031-11-17",
            "From March, prices rose. In July alone they lost money. March's marchers and Theresa May met in May; June Carter sang.",
            expect![[r#"
                "March" -> 2031-03-01..2031-03-31 Month
                "July" -> 2031-07-01..2031-07-31 Month"#]],
        );
    }

    #[test]
    fn a_month_cued_as_past_has_begun_by_the_reports_own_date() {
        let para = "The company reported in January that profits fell. The plant opens in January.";
        // Printed on 1 December: last January, then (no stated tense, a
        // month's slack) the coming one.
        check_from(
            "2031-12-01",
            Some(DateSource::Published),
            para,
            expect![[r#"
                "January" -> 2031-01-01..2031-01-31 Month
                "January." -> 2032-01-01..2032-01-31 Month"#]],
        );
        // Against a date printed in the body (a photo caption's, which may
        // lie months before the report), the slack stays.
        check_from(
            "2031-12-01",
            Some(DateSource::Body),
            para,
            expect![[r#"
                "January" -> 2032-01-01..2032-01-31 Month
                "January." -> 2032-01-01..2032-01-31 Month"#]],
        );
    }

    #[test]
    fn a_future_cue_after_the_date_counts_within_its_clause() {
        check(
            "2031-11-17",
            "Starting in January, the new tariffs will apply to steel. In April, talks would resume.",
            expect![[r#"
                "January" -> 2032-01-01..2032-01-31 Month
                "April" -> 2032-04-01..2032-04-30 Month"#]],
        );
        // A report of what was said, and another clause, stay in the past.
        check(
            "2031-11-17",
            "In January, officials said they will raise tariffs. Prices rose in April and will fall.",
            expect![[r#"
                "January" -> 2031-01-01..2031-01-31 Month
                "April" -> 2031-04-01..2031-04-30 Month"#]],
        );
        // 2031-12-01 is a Monday.
        check(
            "2031-12-01",
            "On Friday the minister will visit; on Thursday she signed the accord.",
            expect![[r#"
                "On Friday" -> 2031-12-05 Day
                "on Thursday" -> 2031-11-27 Day"#]],
        );
    }

    #[test]
    fn absolute_dates() {
        check(
            "2031-05-16",
            "Fighting since mid-February, a vote on March 21, 2030, talks between Sept. 17 and 19, the raid of Oct. 7 and an accord signed 18.09.2029 and in October last year.",
            expect![[r#"
                "mid-February" -> 2031-02-11..2031-02-20 Month
                "March 21, 2030" -> 2030-03-21 Day
                "Sept. 17 and 19" -> 2030-09-17..2030-09-19 Day
                "Oct. 7" -> 2030-10-07 Day
                "18.09.2029" -> 2029-09-18 Day
                "October last year" -> 2030-10-01..2030-10-31 Month"#]],
        );
        check(
            "",
            "It began in late February, in 2019.",
            expect![[r#"
            "late February" -> ?
            "2019" -> 2019-01-01..2019-12-31 Year"#]],
        );
    }

    fn article(dateline: Option<&str>, paragraphs: &[&str]) -> Article {
        Article {
            id: ArticleId::from("t"),
            url: None,
            source: None,
            published: None,
            title: None,
            byline: None,
            dateline: dateline.map(|d| Dateline {
                text: d.into(),
                place: None,
                date: Some(d.into()),
            }),
            credits: vec![],
            paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
            removed: vec![],
            meta: Default::default(),
        }
    }

    #[test]
    fn article_dates_take_the_story_year() {
        let a = article(Some("Apr. 3"), &["Talks went on."]);
        let alone = article_date(&a, &StoryContext::default()).expect("a dateline date");
        assert_eq!((alone.value, alone.month_day), (None, Some((4, 3))));
        let other = article(None, &["The accord of April 2, 2031 held."]);
        let ctx = StoryContext::new(&[a.clone(), other]);
        let d = article_date(&a, &ctx)
            .and_then(|d| d.value)
            .expect("inferred");
        assert_eq!(d.date.to_string(), "2031-04-03");
        let header = article(
            None,
            &[
                "World",
                "Jane Roe | 05.01.2030 - Update : 05.01.2030",
                "Body text here.",
            ],
        );
        let d = article_date(&header, &StoryContext::default())
            .and_then(|d| d.value)
            .expect("header");
        assert_eq!(d.date.to_string(), "2030-01-05");
        let inline = article(None, &["Lagos, Jun. 4, (wire) – Body text."]);
        let d = article_date(
            &inline,
            &StoryContext::from_dates(vec![NaiveDate::from_ymd_opt(2030, 6, 1).expect("date")]),
        )
        .and_then(|d| d.value)
        .expect("inline");
        assert_eq!(d.date.to_string(), "2030-06-04");
    }
}
