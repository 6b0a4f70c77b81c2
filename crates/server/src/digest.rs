//! What a story page shows beside the brief, read from the facts stored
//! with each article: quotes grouped by speaker, a timeline of the
//! dates the reports mention, and the figures as each source reported them.
//!
//! Copies of one wire text say the same thing; entries are keyed on their
//! folded text so a quote printed by ten outlets is listed once, with its
//! ten sources. The timeline follows the brief's rule for one event
//! ([`storyline_core::brief::timeline`]): sentences on one date that share
//! most of their words are one event, whoever worded them, and a sentence
//! printing two dates within a week is one event, under the first.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use storyline_core::Precision;
use storyline_core::brief::{EventWords, SAME_EVENT_DAYS};
use storyline_core::text::fold;
use storyline_store::{ArticleRow, DateFact, Facts};

/// One sourced statement: what was said or reported, and by whom.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Sourced {
    /// The text, as the first source printed it.
    pub(crate) text: String,
    /// `(article id, source)` of every article that printed it.
    pub(crate) sources: Vec<(String, Option<String>)>,
}

/// A speaker's quotes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Speaker {
    pub(crate) name: String,
    pub(crate) quotes: Vec<Sourced>,
}

/// A dated event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Event {
    pub(crate) date: chrono::NaiveDate,
    /// How much of `date` the reports say ("in March": a month).
    pub(crate) precision: Precision,
    pub(crate) what: Sourced,
}

impl Event {
    /// The date as a reader should see it ("2026-03" for a month).
    pub(crate) fn when(&self) -> String {
        self.precision.show(self.date)
    }
}

/// A figure as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Figure {
    /// What is counted ("people", "homes").
    pub(crate) counted: String,
    /// Each value reported, with its sources.
    pub(crate) values: Vec<Sourced>,
}

/// The digest of a story.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Digest {
    pub(crate) speakers: Vec<Speaker>,
    pub(crate) timeline: Vec<Event>,
    pub(crate) figures: Vec<Figure>,
}

/// Statements in the order first printed, each once per folded text (an
/// index by folded text, so a story of hundreds of copies costs one fold
/// per statement rather than one per statement and entry).
#[derive(Default)]
struct Statements {
    list: Vec<Sourced>,
    index: HashMap<String, usize>,
}

impl Statements {
    fn add(&mut self, text: &str, who: &(String, Option<String>)) {
        match self.index.entry(fold(text)) {
            Entry::Occupied(e) => {
                let s = &mut self.list[*e.get()];
                if !s.sources.iter().any(|x| x.0 == who.0) {
                    s.sources.push(who.clone());
                }
            }
            Entry::Vacant(e) => {
                e.insert(self.list.len());
                self.list.push(Sourced {
                    text: text.to_owned(),
                    sources: vec![who.clone()],
                });
            }
        }
    }
}

/// The events of one date, each listed once: a sentence joins the first
/// event whose sentence shares most of its words ([`EventWords`]) or reads
/// the same folded (a sentence of short words only has no such words).
#[derive(Default)]
struct Events {
    list: Vec<(EventWords, String, Sourced)>,
}

impl Events {
    fn add(&mut self, sentence: &str, who: &(String, Option<String>)) {
        let folded = fold(sentence);
        let words = EventWords::of_folded(&folded);
        match self
            .list
            .iter_mut()
            .find(|(w, f, _)| *f == folded || w.same_event(&words))
        {
            Some((_, _, s)) => {
                if !s.sources.iter().any(|x| x.0 == who.0) {
                    s.sources.push(who.clone());
                }
            }
            None => self.list.push((
                words,
                folded,
                Sourced {
                    text: sentence.to_owned(),
                    sources: vec![who.clone()],
                },
            )),
        }
    }
}

/// The dates of one article's facts that are events of their own, by the
/// brief's rule: a sentence that prints two dates within
/// [`SAME_EVENT_DAYS`] of each other ("said on Friday that the number
/// evacuated on Thursday had been revised"), or whose first date opens it,
/// is one event, under the date printed first.
fn own_events(dates: &[DateFact]) -> impl Iterator<Item = &DateFact> {
    dates.iter().enumerate().filter_map(move |(i, d)| {
        let earlier = dates[..i].iter().any(|e| {
            e.sentence == d.sentence
                && (e.opens || (e.date - d.date).num_days().abs() <= SAME_EVENT_DAYS)
        });
        (!earlier).then_some(d)
    })
}

/// Builds the digest of a story from its member rows and their facts.
pub(crate) fn digest(rows: &[ArticleRow], facts: &[(i64, Facts)]) -> Digest {
    let by_seq: HashMap<i64, &ArticleRow> = rows.iter().map(|r| (r.seq, r)).collect();
    let mut speakers: BTreeMap<String, Statements> = BTreeMap::new();
    let mut events: BTreeMap<(chrono::NaiveDate, Precision), Events> = BTreeMap::new();
    let mut figures: BTreeMap<String, Statements> = BTreeMap::new();
    for (seq, f) in facts {
        let Some(row) = by_seq.get(seq) else { continue };
        let who = (row.id.clone(), row.source.clone());
        for q in &f.quotes {
            speakers
                .entry(q.speaker.clone())
                .or_default()
                .add(&q.text, &who);
        }
        for d in own_events(&f.dates) {
            events
                .entry((d.date, d.precision))
                .or_default()
                .add(&d.sentence, &who);
        }
        for n in &f.figures {
            figures
                .entry(n.counted.clone())
                .or_default()
                .add(&n.text, &who);
        }
    }
    let mut speakers: Vec<Speaker> = speakers
        .into_iter()
        .map(|(name, quotes)| Speaker {
            name,
            quotes: quotes.list,
        })
        .collect();
    speakers.sort_by(|a, b| {
        b.quotes
            .len()
            .cmp(&a.quotes.len())
            .then(a.name.cmp(&b.name))
    });
    let timeline = events
        .into_iter()
        .flat_map(|((date, precision), whats)| {
            whats.list.into_iter().map(move |(_, _, what)| Event {
                date,
                precision,
                what,
            })
        })
        .collect();
    let mut figures: Vec<Figure> = figures
        .into_iter()
        .map(|(counted, values)| Figure {
            counted,
            values: values.list,
        })
        .collect();
    figures.sort_by(|a, b| {
        let n = |f: &Figure| f.values.iter().map(|v| v.sources.len()).sum::<usize>();
        n(b).cmp(&n(a)).then(a.counted.cmp(&b.counted))
    });
    Digest {
        speakers,
        timeline,
        figures,
    }
}

#[cfg(test)]
mod tests {
    use storyline_core::Precision;
    use storyline_store::{ArticleRow, DateFact, Facts, FigureFact, QuoteFact};

    use super::digest;

    fn row(seq: i64, id: &str, source: &str) -> ArticleRow {
        ArticleRow {
            seq,
            id: id.into(),
            title: None,
            source: Some(source.into()),
            url: None,
            published: None,
            story: Some(1),
            syndication: None,
        }
    }

    #[test]
    fn copies_are_listed_once_with_all_their_sources() {
        let said = Facts {
            quotes: vec![QuoteFact {
                speaker: "Ada Okafor".into(),
                text: "We are ready".into(),
            }],
            dates: vec![DateFact {
                date: chrono::NaiveDate::from_ymd_opt(2031, 5, 12).expect("date"),
                precision: Precision::Day,
                sentence: "On Monday the bridge closed.".into(),
                opens: true,
            }],
            figures: vec![FigureFact {
                counted: "drivers".into(),
                text: "12,000 drivers".into(),
            }],
        };
        let mut other = said.clone();
        other.quotes[0].text = "we are  ready".into();
        other.figures[0].text = "11,000 drivers".into();
        let d = digest(
            &[row(1, "a", "Post"), row(2, "b", "Star")],
            &[(1, said), (2, other), (9, Facts::default())],
        );
        let got = serde_json::to_string(&d).expect("json");
        expect_test::expect![[r#"{"speakers":[{"name":"Ada Okafor","quotes":[{"text":"We are ready","sources":[["a","Post"],["b","Star"]]}]}],"timeline":[{"date":"2031-05-12","precision":"day","what":{"text":"On Monday the bridge closed.","sources":[["a","Post"],["b","Star"]]}}],"figures":[{"counted":"drivers","values":[{"text":"12,000 drivers","sources":[["a","Post"]]},{"text":"11,000 drivers","sources":[["b","Star"]]}]}]}"#]].assert_eq(&got);
    }

    #[test]
    fn a_month_is_shown_as_a_month_and_kept_apart_from_its_first_day() {
        let first = chrono::NaiveDate::from_ymd_opt(2031, 3, 1).expect("date");
        let facts = Facts {
            dates: vec![
                DateFact {
                    date: first,
                    precision: Precision::Month,
                    sentence: "Repairs began in March.".into(),
                    opens: false,
                },
                DateFact {
                    date: first,
                    precision: Precision::Day,
                    sentence: "The bridge reopened on March 1.".into(),
                    opens: false,
                },
            ],
            ..Facts::default()
        };
        let d = digest(&[row(1, "a", "Post")], &[(1, facts)]);
        let shown: Vec<(String, &str)> = d
            .timeline
            .iter()
            .map(|e| (e.when(), e.what.text.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("2031-03".to_owned(), "Repairs began in March."),
                ("2031-03-01".to_owned(), "The bridge reopened on March 1."),
            ]
        );
    }

    #[test]
    fn one_event_in_other_words_is_listed_once() {
        let day = |d| chrono::NaiveDate::from_ymd_opt(2031, 5, d).expect("date");
        let fact = |d, sentence: &str| DateFact {
            date: day(d),
            precision: Precision::Day,
            sentence: sentence.into(),
            opens: sentence.starts_with("On "),
        };
        let post = Facts {
            dates: vec![
                fact(12, "The Lune bridge closed on Monday after the flood."),
                // Two dates of one sentence, three days apart: one event.
                fact(
                    15,
                    "Engineers said on Thursday the bridge had closed on Monday.",
                ),
                fact(
                    12,
                    "Engineers said on Thursday the bridge had closed on Monday.",
                ),
            ],
            ..Facts::default()
        };
        let star = Facts {
            dates: vec![
                fact(
                    12,
                    "After the flood, the bridge over the Lune closed on Monday.",
                ),
                fact(12, "Budget talks resumed on Monday."),
                // The sentence opens with its date: the earlier one is
                // background, not an event of its own.
                fact(13, "On Tuesday crews cleared the road built in March 2029."),
                DateFact {
                    date: chrono::NaiveDate::from_ymd_opt(2029, 3, 1).expect("date"),
                    precision: Precision::Month,
                    sentence: "On Tuesday crews cleared the road built in March 2029.".into(),
                    opens: false,
                },
            ],
            ..Facts::default()
        };
        let d = digest(
            &[row(1, "a", "Post"), row(2, "b", "Star")],
            &[(1, post), (2, star)],
        );
        let shown: Vec<(String, &str, usize)> = d
            .timeline
            .iter()
            .map(|e| (e.when(), e.what.text.as_str(), e.what.sources.len()))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "2031-05-12".to_owned(),
                    "The Lune bridge closed on Monday after the flood.",
                    2
                ),
                (
                    "2031-05-12".to_owned(),
                    "Budget talks resumed on Monday.",
                    1
                ),
                (
                    "2031-05-13".to_owned(),
                    "On Tuesday crews cleared the road built in March 2029.",
                    1
                ),
                (
                    "2031-05-15".to_owned(),
                    "Engineers said on Thursday the bridge had closed on Monday.",
                    1
                ),
            ]
        );
    }

    #[test]
    fn facts_stored_before_precision_read_as_days() {
        let old: DateFact = serde_json::from_str(
            r#"{"date":"2031-05-12","sentence":"On Monday the bridge closed."}"#,
        )
        .expect("an old fact");
        assert_eq!(old.precision, Precision::Day);
    }
}
