//! The timeline: what happened when, from the dates the articles print and
//! extraction resolved ("on Thursday" in a report dated Friday 22 March is
//! 21 March), not from publication dates alone.
//!
//! Each resolved date of day or month precision yields an entry: the
//! sentence it was printed in. Entries on the same date whose sentences
//! share most of their words are one event reported by several sources.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::corroborate::Evidence;
use crate::dedup::{Syndication, independent_sources};
use crate::extract::StoryExtraction;
use crate::model::{Article, Precision};
use crate::sentence::{self, Sentence};

/// One dated event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The first day of the event's date.
    pub date: NaiveDate,
    /// The last day (the same day for a day; the month's end for a month).
    pub end: NaiveDate,
    /// Day or month.
    pub precision: Precision,
    /// The sentence that dates it, from the first article reporting it.
    pub text: String,
    /// Independent sources reporting it.
    pub independent_sources: usize,
    /// Every report: `text` is the date as printed, `sentence` the sentence.
    pub evidence: Vec<Evidence>,
}

impl TimelineEntry {
    /// The date as a reader should see it: the day, or only the month
    /// when that is all the text says ("2026-03" for "in March").
    ///
    /// ```
    /// # use storyline_core::brief::TimelineEntry;
    /// # use storyline_core::Precision;
    /// # use chrono::NaiveDate;
    /// let day = |d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    /// let mut entry = TimelineEntry {
    ///     date: day("2026-03-01"), end: day("2026-03-31"), precision: Precision::Month,
    ///     text: String::new(), independent_sources: 1, evidence: vec![],
    /// };
    /// assert_eq!(entry.when(), "2026-03");
    /// entry.precision = Precision::Day;
    /// assert_eq!(entry.when(), "2026-03-01");
    /// ```
    pub fn when(&self) -> String {
        self.precision.show(self.date)
    }
}

/// Dates of one sentence at most this many days apart are one event.
pub const SAME_EVENT_DAYS: i64 = 7;

/// Whether a date that `lead` precedes in its sentence opens the sentence:
/// nothing, or one short word ("On", "In", "By"), comes before it. Such a
/// sentence is about that date, and later dates in it are background ("On
/// February 12, forces rescued two hostages taken on October 7").
///
/// ```
/// # use storyline_core::brief::opens_sentence;
/// assert!(opens_sentence("On "));
/// assert!(opens_sentence(""));
/// assert!(!opens_sentence("Talks began "));
/// ```
pub fn opens_sentence(lead: &str) -> bool {
    let lead = lead.trim();
    lead.len() <= 6 && !lead.contains(char::is_whitespace) && lead.chars().all(char::is_alphabetic)
}

/// The words of a sentence that tell its event from another: folded, of
/// more than three letters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventWords(HashSet<String>);

impl EventWords {
    /// The words of `sentence`.
    pub fn of(sentence: &str) -> EventWords {
        EventWords::of_folded(&crate::text::fold(sentence))
    }

    /// The words of a sentence already folded ([`crate::text::fold`]).
    pub fn of_folded(folded: &str) -> EventWords {
        EventWords(
            crate::text::words(folded)
                .filter(|w| w.chars().count() > 3)
                .map(str::to_owned)
                .collect(),
        )
    }

    /// Whether two sentences on the same date tell one event: they share at
    /// least half the words of the shorter.
    ///
    /// ```
    /// # use storyline_core::brief::EventWords;
    /// let a = EventWords::of("The bridge over the Lune closed on Monday.");
    /// let b = EventWords::of("On Monday the Lune bridge closed, officials said.");
    /// let c = EventWords::of("Talks on the budget resumed on Monday.");
    /// assert!(a.same_event(&b));
    /// assert!(!a.same_event(&c));
    /// ```
    pub fn same_event(&self, other: &EventWords) -> bool {
        let shared = self.0.intersection(&other.0).count() as f64;
        let smaller = self.0.len().min(other.0.len()).max(1) as f64;
        shared / smaller >= 0.5
    }
}

/// The timeline of one story, earliest first.
pub fn timeline(
    articles: &[&Article],
    extraction: &StoryExtraction,
    syndication: &Syndication,
) -> Vec<TimelineEntry> {
    struct Raw {
        article: usize,
        date: NaiveDate,
        end: NaiveDate,
        precision: Precision,
        sentence: Sentence,
        printed: String,
        words: EventWords,
        article_date: Option<NaiveDate>,
        opens: bool,
    }
    let mut raw: Vec<Raw> = Vec::new();
    for (a, x) in extraction
        .extractions
        .iter()
        .enumerate()
        .take(articles.len())
    {
        let sentences = sentence::split(&articles[a].paragraphs);
        let article_date = x.date.as_ref().and_then(|d| d.value).map(|v| v.date);
        for d in &x.dates {
            let Some(v) = d.value else { continue };
            if v.precision > Precision::Day || v.precision < Precision::Month {
                continue;
            }
            let Some(s) = sentences.iter().find(|s| {
                s.span.paragraph == d.span.paragraph
                    && s.span.start <= d.span.start
                    && d.span.start < s.span.end
            }) else {
                continue;
            };
            // A sentence printing two dates within a week of each other
            // ("said on Friday that the number evacuated on Thursday had
            // been revised", a range "between Sept. 17 and 19") is one
            // entry, under the first: news puts the main clause's date
            // first. Dates further apart are two events ("began in March",
            // "signed on Wednesday") and keep an entry each, unless the
            // first opens the sentence ([`opens_sentence`]).
            if raw.iter().any(|r| {
                r.article == a
                    && r.sentence.span == s.span
                    && (r.opens || (r.date - v.date).num_days().abs() <= SAME_EVENT_DAYS)
            }) {
                continue;
            }
            let para = &articles[a].paragraphs[d.span.paragraph];
            let lead = para.get(s.span.start..d.span.start).unwrap_or_default();
            raw.push(Raw {
                article: a,
                date: v.date,
                end: v.end,
                precision: v.precision,
                words: EventWords::of(&s.text),
                sentence: s.clone(),
                printed: d.text.clone(),
                article_date,
                opens: opens_sentence(lead),
            });
        }
    }
    raw.sort_by_key(|r| (r.date, r.end, r.article, r.sentence.span));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..raw.len() {
        let same = groups.iter_mut().find(|g| {
            let r = &raw[g[0]];
            r.date == raw[i].date && r.end == raw[i].end && r.words.same_event(&raw[i].words)
        });
        match same {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    groups
        .into_iter()
        .map(|g| {
            let first = &raw[g[0]];
            let members: Vec<&Article> = g.iter().map(|&i| articles[raw[i].article]).collect();
            TimelineEntry {
                date: first.date,
                end: first.end,
                precision: first.precision,
                text: first.sentence.text.clone(),
                independent_sources: independent_sources(members, syndication),
                evidence: g
                    .iter()
                    .map(|&i| {
                        let r = &raw[i];
                        let article = articles[r.article];
                        Evidence {
                            article: article.id.clone(),
                            source: article.source.clone(),
                            span: r.sentence.span,
                            text: r.printed.clone(),
                            sentence: r.sentence.text.clone(),
                            date: r.article_date,
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}
