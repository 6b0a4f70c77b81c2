//! Article profiles: what the clusterer keeps of one article — its term
//! counts, the names and places it mentions, the dates it prints and its own
//! date — read once, when the article arrives.
//!
//! Names and dates come from [`crate::extract`] (entities with fuzzy
//! aliases, places from the gazetteer, dates resolved against the article's
//! own date or, when it has none, against the stream's clock). Names are
//! kept as hashes of their folded canonical form so that state stays small.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::vector::{TermVector, VectorConfig, term_counts};
use crate::extract::{DateKind, EntityKind, ExtractConfig, StoryContext, extract_in};
use crate::model::{Article, Precision};

/// A day, as days since 1970-01-01.
pub type Day = i32;

/// The day number of `date`.
pub fn day_of(date: NaiveDate) -> Day {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("the epoch is a valid date");
    (date - epoch).num_days() as Day
}

/// The date of day number `day`.
pub fn date_of(day: Day) -> Option<NaiveDate> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    epoch.checked_add_signed(chrono::Duration::days(i64::from(day)))
}

/// A hashed, weighted name.
pub type Name = (u64, f32);

/// What the clusterer knows of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Boosted, sublinear term counts.
    pub terms: TermVector,
    /// People, organisations and other names: hashed canonical form and
    /// mention count, sorted by hash.
    pub names: Vec<Name>,
    /// Places, the same way.
    pub places: Vec<Name>,
    /// Days printed in the text (day precision, year known), sorted, distinct.
    pub days: Vec<Day>,
    /// Years printed or implied by full dates, sorted, distinct.
    pub years: Vec<i32>,
    /// The article's own date: published, else its dateline or header,
    /// else the latest full date it prints.
    pub date: Option<Day>,
    /// Whether `date` came from the article's metadata (published,
    /// dateline, header) rather than from a date printed in the body. Only
    /// such dates move the stream's clock and age stories out: a printed
    /// date may be an earlier event's.
    pub dated_by_metadata: bool,
    /// Whether the article prints a date without a year (a dateline "Mar.
    /// 22", "on March 21") that a reference date would place.
    pub needs_reference: bool,
}

fn name_hash(name: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(crate::text::fold(name).as_bytes())
}

fn collect(names: Vec<Name>) -> Vec<Name> {
    let mut names = names;
    names.sort_unstable_by_key(|n| n.0);
    let mut out: Vec<Name> = Vec::with_capacity(names.len());
    for (h, w) in names {
        match out.last_mut() {
            Some(last) if last.0 == h => last.1 += w,
            _ => out.push((h, w)),
        }
    }
    out
}

impl Profile {
    /// Reads `article`. `clock` is the stream's current day, used to place
    /// dates printed without a year when the article carries no date.
    pub fn read(article: &Article, clock: Option<Day>, cfg: &VectorConfig) -> Profile {
        Profile::read_with_terms(article, clock, term_counts(article, cfg))
    }

    /// [`Profile::read`] again against `clock`, for an article whose
    /// dates need a reference: its terms do not depend on one, so they are
    /// kept rather than counted again.
    pub(crate) fn reread(&mut self, article: &Article, clock: Option<Day>) {
        let terms = std::mem::take(&mut self.terms);
        *self = Profile::read_with_terms(article, clock, terms);
    }

    /// The profile of `article` whose term counts are `terms`.
    fn read_with_terms(article: &Article, clock: Option<Day>, terms: TermVector) -> Profile {
        let ctx = match clock.and_then(date_of) {
            Some(d) => StoryContext::from_dates(vec![d]),
            None => StoryContext::default(),
        };
        let names_and_dates = ExtractConfig {
            claims: false,
            ..ExtractConfig::default()
        };
        let x = extract_in(article, &ctx, &names_and_dates);
        let mut names = Vec::new();
        let mut places = Vec::new();
        for e in &x.entities {
            let w = e.mentions.max(1) as f32;
            let h = name_hash(&e.canonical);
            match e.kind {
                EntityKind::Place => places.push((h, w)),
                _ => names.push((h, w)),
            }
        }
        let own = x
            .date
            .as_ref()
            .and_then(|d| d.value)
            .map(|v| day_of(v.date));
        let mut days = Vec::new();
        let mut years = Vec::new();
        for d in &x.dates {
            let Some(v) = d.value else { continue };
            // "Thursday" in an undated article was resolved against the
            // stream's clock, a guess: only printed dates count then.
            if own.is_none() && d.kind == DateKind::Relative {
                continue;
            }
            match v.precision {
                Precision::Day | Precision::Minute | Precision::Second => {
                    days.push(day_of(v.date));
                    years.push(v.date.year());
                }
                Precision::Month | Precision::Year => years.push(v.date.year()),
            }
        }
        days.sort_unstable();
        days.dedup();
        years.sort_unstable();
        years.dedup();
        // An article without a dateline is usually written on or just
        // after the latest day it reports; earlier days are background.
        // With a reference (the stream's clock), days more than a week
        // after it are announcements or misread tenses, not its date.
        let latest_plausible = clock.map_or(Day::MAX, |c| c + 7);
        let date = own.or_else(|| days.iter().rev().find(|&&d| d <= latest_plausible).copied());
        Profile {
            terms,
            names: collect(names),
            places: collect(places),
            days,
            years,
            date,
            dated_by_metadata: own.is_some(),
            needs_reference: x.date.as_ref().is_some_and(|d| d.value.is_none())
                || x.dates
                    .iter()
                    .any(|d| d.value.is_none() && d.kind == DateKind::Absolute),
        }
    }
}
