//! The article model: what ingest produces and every later stage reads.
//!
//! Ingest turns bytes into [`RawArticle`]s (text, where it came from, and the
//! metadata the input carried). Cleaning turns a `RawArticle` into an
//! [`Article`]: paragraphs of reporting, with the metadata found in the text
//! (dateline, byline, wire credits) lifted out and every removed line kept
//! with the reason it was removed.

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::diagnostic::Location;

/// A stable article identifier.
///
/// Given by the input, or the file stem, or derived from the source and the
/// normalised content with [`ArticleId::from_content`], so that re-ingesting
/// the same input yields the same id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// Derives an id from the outlet and the text: a 64-bit xxh3 hash, in hex,
    /// of the source and the text lower-cased with whitespace collapsed.
    ///
    /// Content-derived ids survive re-encoding, re-wrapping and changes of
    /// letter case, which are the changes a re-export of the same article
    /// typically makes.
    ///
    /// ```
    /// use storyline_core::ArticleId;
    /// let a = ArticleId::from_content(Some("wire"), "Hello  World\n");
    /// let b = ArticleId::from_content(Some("wire"), "hello world");
    /// assert_eq!(a, b);
    /// assert_ne!(a, ArticleId::from_content(Some("other"), "hello world"));
    /// ```
    pub fn from_content(source: Option<&str>, text: &str) -> ArticleId {
        let mut normalised = String::with_capacity(text.len() + 16);
        normalised.push_str(source.unwrap_or("").trim());
        normalised.push('\u{1f}');
        for (i, word) in text.split_whitespace().enumerate() {
            if i > 0 {
                normalised.push(' ');
            }
            normalised.extend(word.chars().flat_map(char::to_lowercase));
        }
        let hash = xxhash_rust::xxh3::xxh3_64(normalised.as_bytes());
        ArticleId(format!("h{hash:016x}"))
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ArticleId {
    fn from(s: &str) -> Self {
        ArticleId(s.to_owned())
    }
}

/// How much of a [`Timestamp`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// The year and month are known.
    Month,
    /// The calendar day is known; the time of day is not.
    Day,
    /// The time is known to the minute.
    Minute,
    /// The time is known to the second or better.
    Second,
}

impl Precision {
    /// `date` as a reader should see it at this precision: "2026" for a
    /// year, "2026-03" for a month, the day otherwise (a date printed as
    /// "in March" is not March 1).
    ///
    /// ```
    /// # use storyline_core::Precision;
    /// let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    /// assert_eq!(Precision::Month.show(date), "2026-03");
    /// assert_eq!(Precision::Year.show(date), "2026");
    /// assert_eq!(Precision::Day.show(date), "2026-03-01");
    /// ```
    pub fn show(self, date: chrono::NaiveDate) -> String {
        match self {
            Precision::Year => date.format("%Y").to_string(),
            Precision::Month => date.format("%Y-%m").to_string(),
            Precision::Day | Precision::Minute | Precision::Second => date.to_string(),
        }
    }
}

/// A point in time together with how precisely it is known.
///
/// A date printed as "Mar. 22, 2024" becomes midnight of that day with
/// [`Precision::Day`]; consumers must not read a time of day into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Timestamp {
    /// The instant, with the offset it was given in (UTC when none was given).
    pub time: DateTime<FixedOffset>,
    /// How much of `time` is meaningful.
    pub precision: Precision,
}

impl Timestamp {
    /// Parses a time as exports write it, returning `None` for anything
    /// else: RFC 3339 ("2024-03-22T10:15:00Z"), a bare date ("2024-03-22"),
    /// RFC 2822 (feeds: "Fri, 22 Mar 2024 10:15:00 GMT"), or a date and time
    /// without an offset ("2024-03-22 10:15:00", news-please), read as UTC so
    /// that the day stays the one written.
    ///
    /// ```
    /// use storyline_core::{Precision, Timestamp};
    /// let t = Timestamp::parse("2024-03-22").unwrap();
    /// assert_eq!(t.precision, Precision::Day);
    /// let t = Timestamp::parse("2024-03-22T10:15:00+02:00").unwrap();
    /// assert_eq!(t.precision, Precision::Minute);
    /// let t = Timestamp::parse("Fri, 22 Mar 2024 10:15:30 GMT").unwrap();
    /// assert_eq!(t.precision, Precision::Second);
    /// let t = Timestamp::parse("2024-03-22 23:15").unwrap();
    /// assert_eq!(t.date().to_string(), "2024-03-22");
    /// assert!(Timestamp::parse("last week").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<Timestamp> {
        let s = s.trim();
        if let Ok(time) =
            DateTime::parse_from_rfc3339(s).or_else(|_| DateTime::parse_from_rfc2822(s))
        {
            return Some(Timestamp::from_time(time));
        }
        if let Some(time) = [
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M",
        ]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(s, f).ok())
        {
            return Some(Timestamp::from_time(time.and_utc().fixed_offset()));
        }
        let date = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
        Some(Timestamp::from_date(date, Precision::Day))
    }

    /// `time`, known to the minute when it falls on one, else to the second.
    pub fn from_time(time: DateTime<FixedOffset>) -> Timestamp {
        let precision = if time.timestamp() % 60 == 0 && time.timestamp_subsec_nanos() == 0 {
            Precision::Minute
        } else {
            Precision::Second
        };
        Timestamp { time, precision }
    }

    /// Midnight UTC of `date`, known to `precision` (at most a day).
    pub fn from_date(date: chrono::NaiveDate, precision: Precision) -> Timestamp {
        let time = date
            .and_time(chrono::NaiveTime::MIN)
            .and_utc()
            .fixed_offset();
        Timestamp {
            time,
            precision: precision.min(Precision::Day),
        }
    }

    /// The calendar date, in the timestamp's own offset (never shifted to UTC,
    /// which would move a late-evening story to the next day).
    pub fn date(&self) -> chrono::NaiveDate {
        self.time.date_naive()
    }

    /// The time as text that says no more than is known: RFC 3339 when the
    /// time of day is known, else the date to its precision
    /// (`2026-03-20`, `2026-03`), so that no reader sees a midnight nobody
    /// reported. [`Timestamp::parse`] reads it back.
    ///
    /// ```
    /// use storyline_core::Timestamp;
    /// for s in ["2026-03-20T08:15:00+01:00", "2026-03-20"] {
    ///     assert_eq!(Timestamp::parse(s).map(|t| t.written()).as_deref(), Some(s));
    /// }
    /// ```
    pub fn written(&self) -> String {
        if self.precision >= Precision::Minute {
            self.time.to_rfc3339()
        } else {
            self.precision.show(self.date())
        }
    }
}

/// An article as ingest read it: text plus the metadata the input carried,
/// before any cleaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawArticle {
    /// The article's id (given, file stem, or content hash).
    pub id: ArticleId,
    /// Where the article was read from, for diagnostics.
    pub origin: Location,
    /// The article's URL, when known.
    pub url: Option<String>,
    /// The outlet that published it, when known.
    pub source: Option<String>,
    /// When it was published, when the input said so.
    pub published: Option<Timestamp>,
    /// The headline, when the input carried one separately from the text.
    pub title: Option<String>,
    /// The text, paragraphs separated by line breaks. Ingest reduces HTML to
    /// text before an article gets here, so stages never parse markup.
    pub text: String,
    /// What the input said of itself beyond these fields (a web page's
    /// modified date, authors, language).
    #[serde(default, skip_serializing_if = "Meta::is_empty")]
    pub meta: Meta,
}

/// What a page (or a record) says about itself that no stage needs but a
/// reader does: kept from ingest to output, never used to decide anything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// When the page says it was last modified, kept apart from
    /// publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<Timestamp>,
    /// The authors, as the page names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// The language: ISO 639-1 where one exists (`en`), else ISO 639-3,
    /// declared by the page or guessed from its text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The page's own summary (meta description).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Meta {
    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        self == &Meta::default()
    }
}

/// The place and date printed at the head of a report, e.g.
/// "Cairo, Mar. 22, (dpa/GNA) –" or "CAIRO:".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The dateline exactly as printed.
    pub text: String,
    /// The place, as printed ("Cairo", "ANKARA").
    pub place: Option<String>,
    /// The date, as printed ("Mar. 22").
    pub date: Option<String>,
}

/// Where a wire credit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CreditKind {
    /// Inside the dateline: "Cairo, Mar. 22, (dpa/GNA) –".
    Dateline,
    /// A credit line such as "AFP/ Al Jazeera" or "(Reporting by ...)".
    CreditLine,
    /// A sentence saying reporting came from an agency: "Information for this
    /// report was obtained in part from The Associated Press".
    Contribution,
    /// Attribution inside the body: "..., AFP reported."
    InText,
}

/// A news agency or outlet credited with (part of) the reporting.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Credit {
    /// The agency's canonical short name: "AFP", "AP", "Reuters", "dpa".
    pub agency: String,
    /// The text it was read from.
    pub text: String,
    /// Where it was found.
    pub kind: CreditKind,
}

/// Why cleaning removed a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RemovalReason {
    /// A comment form: "Leave a Reply", "Your email address will not be published".
    CommentForm,
    /// A newsletter or subscription prompt or notice.
    Subscription,
    /// "Follow us on ...", share buttons, social links.
    Social,
    /// A CMS shortcode such as `[mc4wp_form id="206"]`.
    Shortcode,
    /// An author's biography or name line.
    AuthorBio,
    /// "Related Articles", "See also", "READ:" teasers and similar links.
    Related,
    /// A cookie or privacy notice.
    Cookie,
    /// A photo credit or caption.
    PhotoCredit,
    /// A paragraph that repeats an earlier one.
    Repeated,
    /// A line that repeats across many articles of the same source.
    SourceTemplate,
    /// A sentence, or a run of words opening a line, found in many
    /// articles that share nothing else (an archive banner, a reprints
    /// notice, an embedded post's prompt, a player's notice): removed from
    /// inside its line, the rest of the line kept.
    StockPassage,
    /// Navigation, section labels, menus and other short non-sentences.
    Navigation,
    /// A line that addresses the reader to make them act on the site:
    /// "Enter your email address", "Besuchen Sie unseren Fan-Shop!".
    CallToAction,
    /// Legal and copyright lines.
    Legal,
    /// A byline, lifted into [`Article::byline`].
    Byline,
    /// A wire credit line, lifted into [`Article::credits`].
    Credit,
    /// A dateline on a line of its own, lifted into [`Article::dateline`].
    Dateline,
    /// The headline, lifted into [`Article::title`].
    Title,
    /// A printed publication date, lifted into [`Article::published`].
    Date,
    /// Anything else that scored as boilerplate.
    Boilerplate,
}

impl RemovalReason {
    /// Whether the removed line carried metadata that was lifted into the
    /// article rather than thrown away.
    pub fn is_metadata(self) -> bool {
        matches!(
            self,
            RemovalReason::Byline
                | RemovalReason::Credit
                | RemovalReason::Dateline
                | RemovalReason::Title
                | RemovalReason::Date
        )
    }
}

/// A line that cleaning took out of the body, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// The text removed.
    pub text: String,
    /// Why.
    pub reason: RemovalReason,
    /// The 1-based line of the body it came from.
    pub line: usize,
}

/// A cleaned article: what every stage after cleaning reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id, as ingest assigned it.
    pub id: ArticleId,
    /// The article's URL, when known.
    pub url: Option<String>,
    /// The outlet, when known.
    pub source: Option<String>,
    /// When it was published: from the input, else from a date line or a
    /// byline's date among the header lines. A date inside the dateline
    /// ("VERANTO, March 20, 2026 —") is left to extraction
    /// ([`crate::extract::article_date`]), which says where it found it.
    pub published: Option<Timestamp>,
    /// The headline.
    pub title: Option<String>,
    /// The byline as printed, without "By".
    pub byline: Option<String>,
    /// The dateline, when the report opens with one.
    pub dateline: Option<Dateline>,
    /// Agencies credited with the reporting.
    pub credits: Vec<Credit>,
    /// The paragraphs of reporting, in order.
    pub paragraphs: Vec<String>,
    /// What cleaning removed, in body order.
    pub removed: Vec<Removed>,
    /// What the input said of itself besides (see [`Meta`]).
    #[serde(default, skip_serializing_if = "Meta::is_empty")]
    pub meta: Meta,
}

impl Article {
    /// The body as one string, paragraphs separated by a blank line.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}
