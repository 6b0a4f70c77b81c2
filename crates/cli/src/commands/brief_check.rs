//! `storyline brief --check EXPECT`: test briefs against an expectations
//! file, for quality gates. The file is JSON:
//!
//! ```json
//! {
//!   "conflicts": [{"article": "a1", "measure": "displaced",
//!                  "values": [{"value": 1000000, "independent_sources": 3}]}],
//!   "no_conflict": [{"article": "a9", "against": ["a1", "a2"]}],
//!   "timeline": [{"article": "a1", "date": "2031-03-21", "contains": "Cairo"}],
//!   "summary_cited": true
//! }
//! ```
//!
//! - `conflicts`: the brief of the story holding `article` reports a
//!   conflicting figure of that measure whose values include each listed
//!   value (within 5%) with exactly that many independent sources.
//! - `no_conflict`: no conflicting figure sets a claim of `article` against
//!   a claim of any `against` article, neither in the story briefs nor in a
//!   brief of all the listed articles pooled as one story (as a clustering
//!   mistake would pool them).
//! - `timeline`: the brief of the story holding `article` has a timeline
//!   entry dated `date` whose sentence contains `contains` (ignoring case).
//! - `summary_cited`: every summary sentence of every story cites at least
//!   one article, cites the article it was taken from, and every cited span
//!   holds text that shares the sentence's words.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Context;
use serde::Deserialize;
use storyline_core::brief::{Brief, BriefConfig};
use storyline_core::corroborate::FigureStatus;

use super::brief::Batch;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectations {
    #[serde(default)]
    conflicts: Vec<ConflictExpectation>,
    #[serde(default)]
    no_conflict: Vec<NoConflict>,
    #[serde(default)]
    timeline: Vec<TimelineExpectation>,
    #[serde(default)]
    summary_cited: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConflictExpectation {
    article: String,
    measure: String,
    values: Vec<ValueExpectation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueExpectation {
    value: f64,
    independent_sources: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoConflict {
    article: String,
    against: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineExpectation {
    article: String,
    date: chrono::NaiveDate,
    contains: String,
}

/// Runs the checks of `path` over `batch`, printing one line per check.
/// Returns whether all passed.
pub(crate) fn check(batch: &Batch, cfg: &BriefConfig, path: &Path) -> anyhow::Result<bool> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let expect: Expectations = serde_json::from_str(&text).with_context(|| {
        format!(
            "{}: not a valid expectations file (see `storyline brief --help`)",
            path.display()
        )
    })?;
    let briefs: Vec<Brief> = (0..batch.stories.len())
        .map(|k| batch.brief(k, cfg))
        .collect();
    let story_of = |id: &str| -> anyhow::Result<&Brief> {
        let k = batch
            .stories
            .iter()
            .position(|(_, m)| m.iter().any(|&i| batch.articles[i].id.as_str() == id))
            .with_context(|| format!("{}: article {id} is not in the input", path.display()))?;
        Ok(&briefs[k])
    };
    let mut ok = true;
    let mut report = |pass: bool, what: String| {
        println!("{} {what}", if pass { "pass" } else { "FAIL" });
        ok &= pass;
    };
    for c in &expect.conflicts {
        let b = story_of(&c.article)?;
        let found = b.claims.figures.iter().any(|g| {
            g.status == FigureStatus::Conflict
                && g.measure == c.measure
                && g.points.iter().any(|p| {
                    p.conflict
                        && c.values.iter().all(|want| {
                            p.values.iter().any(|v| {
                                (v.value - want.value).abs() <= 0.05 * want.value.abs()
                                    && v.independent_sources == want.independent_sources
                            })
                        })
                })
        });
        let values: Vec<String> = c
            .values
            .iter()
            .map(|v| format!("{} ({} sources)", v.value, v.independent_sources))
            .collect();
        report(
            found,
            format!(
                "conflict on {} in the story of {}: {}",
                c.measure,
                c.article,
                values.join(" vs ")
            ),
        );
    }
    for nc in &expect.no_conflict {
        let mut members: Vec<usize> = Vec::new();
        for id in std::iter::once(&nc.article).chain(&nc.against) {
            let i = batch
                .articles
                .iter()
                .position(|a| a.id.as_str() == id)
                .with_context(|| format!("{}: article {id} is not in the input", path.display()))?;
            members.push(i);
        }
        let pooled = batch.brief_of(None, &members, cfg);
        let against: HashSet<&str> = nc.against.iter().map(String::as_str).collect();
        let clash = |b: &Brief| {
            b.claims.figures.iter().any(|g| {
                g.points.iter().any(|p| {
                    p.conflict && {
                        let ids: Vec<&str> = p
                            .values
                            .iter()
                            .flat_map(|v| &v.evidence)
                            .map(|e| e.article.as_str())
                            .collect();
                        ids.contains(&nc.article.as_str())
                            && ids.iter().any(|i| against.contains(i))
                    }
                })
            })
        };
        let pass = !clash(story_of(&nc.article)?) && !clash(&pooled);
        report(
            pass,
            format!(
                "no figure of {} set against {} (story briefs and pooled brief)",
                nc.article,
                nc.against.join(", ")
            ),
        );
    }
    for t in &expect.timeline {
        let b = story_of(&t.article)?;
        let needle = t.contains.to_lowercase();
        let found = b
            .timeline
            .iter()
            .any(|e| e.date == t.date && e.text.to_lowercase().contains(&needle));
        report(
            found,
            format!(
                "timeline of the story of {} places \"{}\" on {}",
                t.article, t.contains, t.date
            ),
        );
    }
    if expect.summary_cited {
        let mut bad = Vec::new();
        let mut sentences = 0;
        for b in &briefs {
            for s in &b.summary {
                sentences += 1;
                let own = s
                    .citations
                    .iter()
                    .any(|c| c.article == s.article && c.span == s.span);
                let spans_hold = s.citations.iter().all(|c| {
                    batch
                        .articles
                        .iter()
                        .find(|a| a.id == c.article)
                        .and_then(|a| a.paragraphs.get(c.span.paragraph))
                        .and_then(|p| p.get(c.span.start..c.span.end))
                        .is_some_and(|cited| shares_words(cited, &s.text))
                });
                if s.citations.is_empty() || !own || !spans_hold {
                    bad.push(format!("{} at {:?}", s.article, s.span));
                }
            }
        }
        report(
            bad.is_empty() && sentences > 0,
            format!(
                "every summary sentence ({sentences}) carries its citations{}",
                if bad.is_empty() {
                    String::new()
                } else {
                    format!("; not: {}", bad.join(", "))
                }
            ),
        );
    }
    Ok(ok)
}

/// Whether `cited` holds most of the words of `sentence`.
fn shares_words(cited: &str, sentence: &str) -> bool {
    let fold = |s: &str| -> HashSet<String> {
        storyline_core::text::words(&storyline_core::text::fold(s))
            .map(str::to_owned)
            .collect()
    };
    let (a, b) = (fold(cited), fold(sentence));
    !b.is_empty() && a.intersection(&b).count() * 2 >= b.len()
}
