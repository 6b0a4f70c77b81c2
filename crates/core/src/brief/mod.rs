//! Briefs: for one story, what happened, who said what, which figures
//! independent sources agree on and where they conflict, every line traced
//! to the articles and byte offsets it came from.
//!
//! [`brief`] runs extraction over the story's articles, corroborates their
//! figures and statements, picks an extractive summary
//! ([`summarize`]) and cites each summary sentence to every article that
//! carries it ([`Citations`]), builds the dated [`timeline`], and lists
//! the sources grouped by syndication. [`render`] prints a brief as text,
//! Markdown or HTML (JSON is the serde form).
//!
//! ```
//! use storyline_core::brief::{brief, BriefConfig};
//! use storyline_core::dedup::{dedup, DedupConfig};
//! # use storyline_core::{Article, ArticleId, Timestamp};
//! # fn article(id: &str, source: &str, title: &str, text: &str) -> Article {
//! #     Article { id: ArticleId::from(id), url: None, source: Some(source.into()),
//! #         published: Timestamp::parse("2031-05-16"), title: Some(title.into()), byline: None,
//! #         dateline: None, credits: vec![], paragraphs: vec![text.to_owned()], removed: vec![], meta: Default::default() }
//! # }
//! let articles = vec![
//!     article("a", "Daily Post", "Veranto floods", "The river Veran burst its banks on Thursday. More than 2,000 people have fled Veranto."),
//!     article("b", "Evening Star", "Floods in Veranto", "Some 5,000 people have fled Veranto. The river Veran burst its banks on Thursday."),
//! ];
//! let syndication = dedup(&articles, &DedupConfig::default());
//! let refs: Vec<&Article> = articles.iter().collect();
//! let b = brief(&refs, &syndication, &BriefConfig::default());
//! assert_eq!(b.timeline[0].date.to_string(), "2031-05-15");
//! assert!(b.summary.iter().all(|s| !s.citations.is_empty()));
//! assert_eq!(b.summary[0].citations.len(), 2);
//! ```

mod citation;
pub mod render;
mod summary;
mod timeline;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use citation::{Citation, Citations};
pub use summary::{DocumentFrequencies, Method, Picked, SummaryConfig, Terms, summarize};
pub use timeline::{EventWords, SAME_EVENT_DAYS, TimelineEntry, opens_sentence, timeline};

use crate::corroborate::{CorroborateConfig, Corroboration, StatementGroup, corroborate};
use crate::dedup::{Relation, Syndication, independent_sources};
use crate::extract::{ExtractConfig, Span, extract_story};
use crate::model::{Article, ArticleId};

/// Settings of a brief, with documented defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BriefConfig {
    /// The summary: method and word budget (default 250 words).
    pub summary: SummaryConfig,
    /// Figure and statement grouping.
    pub corroborate: CorroborateConfig,
    /// Extraction.
    pub extract: ExtractConfig,
    /// Share of a summary sentence's word 3-shingles an article must carry
    /// in one sentence to be cited for it. Default 0.7.
    pub citation_overlap: f32,
}

impl Default for BriefConfig {
    fn default() -> Self {
        BriefConfig {
            summary: SummaryConfig::default(),
            corroborate: CorroborateConfig::default(),
            extract: ExtractConfig::default(),
            citation_overlap: 0.7,
        }
    }
}

/// A summary sentence and every article carrying it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    /// The sentence, as printed in the article it was taken from.
    pub text: String,
    /// The article it was taken from.
    pub article: ArticleId,
    /// Where it is in that article.
    pub span: Span,
    /// Every article carrying it (the one it was taken from included).
    pub citations: Vec<Citation>,
    /// Independent sources among the citations.
    pub independent_sources: usize,
}

/// What one speaker said in the story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerQuotes {
    /// The speaker's canonical name.
    pub speaker: String,
    /// Their statements, most supported first.
    pub quotes: Vec<StatementGroup>,
}

/// One article in the source list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceEntry {
    /// The article.
    pub article: ArticleId,
    /// The outlet: the source given, else the URL's host, else "unknown".
    pub outlet: String,
    /// The article's own date, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Its headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its byline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Agencies credited.
    pub credits: Vec<String>,
    /// How it relates to its group's canonical article.
    pub relation: Relation,
}

/// The articles of one piece of reporting: a canonical article and copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceGroup {
    /// The canonical article.
    pub canonical: ArticleId,
    /// Members, the canonical one first.
    pub members: Vec<SourceEntry>,
}

/// The brief of one story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    /// The story's name, when the caller gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// A headline: the most representative article title, else the start
    /// of the first summary sentence.
    pub headline: String,
    /// Articles in the story.
    pub articles: usize,
    /// Independent sources in the story.
    pub independent_sources: usize,
    /// The summary, most important sentence first.
    pub summary: Vec<SummarySentence>,
    /// Figures and statements, with agreement and conflict.
    pub claims: Corroboration,
    /// Quotes by speaker.
    pub quotes: Vec<SpeakerQuotes>,
    /// Dated events, earliest first.
    pub timeline: Vec<TimelineEntry>,
    /// Sources grouped by syndication.
    pub sources: Vec<SourceGroup>,
}

/// Briefs one story, with document frequencies from the story itself.
pub fn brief(articles: &[&Article], syndication: &Syndication, cfg: &BriefConfig) -> Brief {
    let terms = Terms::default();
    let df = DocumentFrequencies::of(articles.iter().copied(), &terms);
    brief_with(articles, syndication, &df, &terms, cfg)
}

/// Briefs one story, with document frequencies from another collection
/// (e.g. the batch the story came from).
pub fn brief_with(
    articles: &[&Article],
    syndication: &Syndication,
    df: &DocumentFrequencies,
    terms: &Terms,
    cfg: &BriefConfig,
) -> Brief {
    let owned: Vec<Article> = articles.iter().map(|a| (*a).clone()).collect();
    let extraction = extract_story(&owned, &cfg.extract);
    let claims = corroborate(articles, &extraction, syndication, &cfg.corroborate);
    let citations = Citations::new(articles, cfg.citation_overlap);
    let summary: Vec<SummarySentence> = summarize(articles, df, terms, &cfg.summary)
        .into_iter()
        .map(|p| {
            let cites = citations.cite(&p.text, Some((p.article, p.span)));
            let carriers: Vec<&Article> = cites
                .iter()
                .filter_map(|c| articles.iter().copied().find(|a| a.id == c.article))
                .collect();
            SummarySentence {
                independent_sources: independent_sources(carriers, syndication),
                article: articles[p.article].id.clone(),
                span: p.span,
                text: p.text,
                citations: cites,
            }
        })
        .collect();
    let mut by_speaker: BTreeMap<String, Vec<StatementGroup>> = BTreeMap::new();
    for s in &claims.statements {
        by_speaker
            .entry(s.speaker.clone())
            .or_default()
            .push(s.clone());
    }
    let mut quotes: Vec<SpeakerQuotes> = by_speaker
        .into_iter()
        .map(|(speaker, quotes)| SpeakerQuotes { speaker, quotes })
        .collect();
    quotes.sort_by(|a, b| {
        b.quotes
            .len()
            .cmp(&a.quotes.len())
            .then(a.speaker.cmp(&b.speaker))
    });
    let dates: Vec<Option<NaiveDate>> = extraction
        .extractions
        .iter()
        .map(|x| x.date.as_ref().and_then(|d| d.value).map(|v| v.date))
        .collect();
    Brief {
        story: None,
        headline: headline(articles, &summary, terms),
        articles: articles.len(),
        independent_sources: independent_sources(articles.iter().copied(), syndication),
        summary,
        timeline: timeline(articles, &extraction, syndication),
        claims,
        quotes,
        sources: sources(articles, &dates, syndication),
    }
}

/// The title whose terms the most articles share, else the first summary
/// sentence cut to 16 words.
fn headline(articles: &[&Article], summary: &[SummarySentence], terms: &Terms) -> String {
    let bags: Vec<std::collections::HashSet<String>> = articles
        .iter()
        .map(|a| {
            let mut text = a.paragraphs.join(" ");
            if let Some(t) = &a.title {
                text.push(' ');
                text.push_str(t);
            }
            terms.of(&text).into_iter().collect()
        })
        .collect();
    let mut best: Option<(f64, &str)> = None;
    for a in articles {
        let Some(title) = a.title.as_deref().filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let t = terms.of(title);
        if t.is_empty() {
            continue;
        }
        let support: usize = t
            .iter()
            .map(|w| bags.iter().filter(|b| b.contains(w)).count())
            .sum();
        let score = support as f64 / t.len() as f64;
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, title.trim()));
        }
    }
    match best {
        Some((_, t)) => t.to_owned(),
        None => summary
            .first()
            .map(|s| {
                let words: Vec<&str> = s.text.split_whitespace().collect();
                let mut h = words[..words.len().min(16)].join(" ");
                if words.len() > 16 {
                    h.push_str(" …");
                }
                h
            })
            .unwrap_or_else(|| "(no text)".to_owned()),
    }
}

fn outlet(a: &Article) -> String {
    if let Some(s) = a.source.as_deref().filter(|s| !s.trim().is_empty()) {
        return s.trim().to_owned();
    }
    if let Some(url) = &a.url {
        let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.strip_prefix("www.").unwrap_or(host);
        if !host.is_empty() {
            return host.to_owned();
        }
    }
    "unknown".to_owned()
}

fn sources(
    articles: &[&Article],
    dates: &[Option<NaiveDate>],
    syndication: &Syndication,
) -> Vec<SourceGroup> {
    // Story members by syndication group; articles the groups do not know
    // are groups of their own.
    let mut groups: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        let g = syndication.group_of.get(&a.id).copied();
        match groups.iter_mut().find(|(k, _)| g.is_some() && *k == g) {
            Some((_, m)) => m.push(i),
            None => groups.push((g, vec![i])),
        }
    }
    groups
        .into_iter()
        .map(|(g, members)| {
            let group = g.and_then(|g| syndication.groups.get(g));
            let relation_of = |id: &ArticleId| {
                group
                    .and_then(|g| g.members.iter().find(|m| &m.id == id))
                    .map_or(Relation::Canonical, |m| m.relation)
            };
            let mut entries: Vec<SourceEntry> = members
                .iter()
                .map(|&i| {
                    let a = articles[i];
                    let mut credits: Vec<String> = Vec::new();
                    for c in &a.credits {
                        if !credits.contains(&c.agency) {
                            credits.push(c.agency.clone());
                        }
                    }
                    SourceEntry {
                        article: a.id.clone(),
                        outlet: outlet(a),
                        date: dates.get(i).copied().flatten(),
                        title: a.title.clone(),
                        url: a.url.clone(),
                        byline: a.byline.clone(),
                        credits,
                        relation: relation_of(&a.id),
                    }
                })
                .collect();
            // The group's canonical article first, if it is in the story.
            let canonical = group
                .map(|g| g.canonical.clone())
                .filter(|c| entries.iter().any(|e| &e.article == c))
                .unwrap_or_else(|| entries[0].article.clone());
            entries.sort_by_key(|e| (e.article != canonical, e.article.clone()));
            SourceGroup {
                canonical,
                members: entries,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
