//! Extraction: who, where, when, who said what, and how many.
//!
//! [`extract`] reads one cleaned [`Article`] and returns its entity
//! mentions (linked into article entities), dates resolved against the
//! article's own date, quotes with speakers, and numeric claims. Offsets
//! are byte offsets into `article.paragraphs[span.paragraph]`.
//! [`extract_story`] does the same for the articles of one story, giving
//! yearless datelines the story's year and merging entities across
//! articles so that every name has one canonical form per story.
//!
//! ```
//! use storyline_core::extract::{extract, ExtractConfig};
//! use storyline_core::{Article, ArticleId};
//! let article = Article {
//!     id: ArticleId::from("a"),
//!     url: None, source: None, published: storyline_core::Timestamp::parse("2031-05-16"),
//!     title: None, byline: None, dateline: None, credits: vec![],
//!     paragraphs: vec!["Mayor Ada Okafor said on Thursday that more than 2,000 people had left.".into()],
//!     removed: vec![], meta: Default::default(),
//! };
//! let x = extract(&article, &ExtractConfig::default());
//! assert_eq!(x.entities[0].canonical, "Ada Okafor");
//! assert_eq!(x.dates[0].value.unwrap().date.to_string(), "2031-05-15");
//! assert_eq!(x.numbers[0].value, 2000.0);
//! ```

mod alias;
mod date;
mod entity;
mod gazetteer;
mod number;
mod quote;
mod token;

use serde::{Deserialize, Serialize};

use crate::model::{Article, ArticleId};

pub use alias::{Alias, Entity, EntityTable, StoryEntity, resolve_entities};
pub use date::{
    ArticleDate, DateKind, DateMention, DateSource, DateValue, StoryContext, article_date,
};
pub use entity::{EntityKind, EntityMention};
pub use number::{NumericClaim, Qualifier};
pub use quote::{Quote, QuoteKind};

/// Where something is: a paragraph of the article and a byte range in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Index into `Article::paragraphs`.
    pub paragraph: usize,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Knobs of extraction, with documented defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExtractConfig {
    /// Largest edit distance between two name tokens, as a fraction of the
    /// longer token, for them to count as one spelling (default 0.2:
    /// "bliken" = "blinken").
    pub max_edit_ratio: f32,
    /// Shortest token that may match with edits (default 5: "Joan" ≠ "John").
    pub min_fuzzy_len: usize,
    /// Whether to read quotes and numeric claims (default true). A reader
    /// that needs only names and dates, such as the clusterer, turns it
    /// off; entities and dates come out the same either way.
    pub claims: bool,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        ExtractConfig {
            max_edit_ratio: 0.2,
            min_fuzzy_len: 5,
            claims: true,
        }
    }
}

/// Everything extracted from one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The article.
    pub article: ArticleId,
    /// The article's own date, and where it came from.
    pub date: Option<ArticleDate>,
    /// The article's entities; mentions point into this list.
    pub entities: Vec<Entity>,
    /// Entity mentions, in text order.
    pub mentions: Vec<EntityMention>,
    /// Dates, in text order.
    pub dates: Vec<DateMention>,
    /// Quotes and paraphrase, in text order.
    pub quotes: Vec<Quote>,
    /// Numeric claims, in text order.
    pub numbers: Vec<NumericClaim>,
    /// The header lines searched for known names: the title, then short
    /// title and navigation lines cleaning removed (tag lines). Header
    /// mentions ([`EntityMention::header`]) index into this list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<String>,
}

/// Longest removed line, in words, still read as a header (a tag line).
const HEADER_MAX_WORDS: usize = 8;

/// The title, then the short title and navigation lines cleaning removed.
fn header_lines(article: &Article) -> Vec<String> {
    use crate::model::RemovalReason;
    let mut out: Vec<String> = article.title.iter().cloned().collect();
    for r in &article.removed {
        let short = r.text.split_whitespace().count() <= HEADER_MAX_WORDS;
        if short
            && matches!(r.reason, RemovalReason::Title | RemovalReason::Navigation)
            && !out.contains(&r.text)
        {
            out.push(r.text.clone());
        }
    }
    out
}

/// The extractions of a story's articles and the story's entity table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryExtraction {
    /// One per article, in input order.
    pub extractions: Vec<Extraction>,
    /// Entities merged across the story.
    pub entities: EntityTable,
}

/// Extracts one article on its own (no story context).
pub fn extract(article: &Article, cfg: &ExtractConfig) -> Extraction {
    extract_in(article, &StoryContext::default(), cfg)
}

/// Extracts one article, taking a missing year and, for an undated
/// article, the reference date of its relative and yearless dates from the
/// story `ctx`.
pub fn extract_in(article: &Article, ctx: &StoryContext, cfg: &ExtractConfig) -> Extraction {
    // The day patterns of each paragraph, read once for the article's own
    // date and for its date mentions.
    let mut days: Vec<date::DayScan> = article
        .paragraphs
        .iter()
        .map(|p| date::DayScan::of(p))
        .collect();
    let date = date::article_date_with(article, ctx, Some(&days));
    let story_anchor = ctx.anchor();
    // An undated article of a dated story reads its relative dates against
    // the story's latest article date (see `StoryContext::reference`):
    // reports of one story are written within days of each other, so a
    // weekday or "last month" still lands right; the source says so.
    let own = date
        .as_ref()
        .and_then(|d| d.value.map(|v| (v.date, d.source)));
    // A date read from the body is an event date, a lower bound on the
    // publication: a later article date of the story replaces it.
    let (reference, reference_source) = match (own, ctx.reference()) {
        (Some((d, DateSource::Body)), Some(r)) if r > d => (Some(r), Some(DateSource::Story)),
        (Some((d, source)), _) => (Some(d), Some(source)),
        (None, r) => (r, r.map(|_| DateSource::Story)),
    };
    let n = article.paragraphs.len();
    let mut tokens = Vec::with_capacity(n);
    let mut mentions = Vec::new();
    let mut dates = Vec::new();
    let mut numbers = Vec::new();
    let mut skip = Vec::new();
    for para in &article.paragraphs {
        let mut toks = Vec::new();
        token::tokenize(para, &mut toks);
        tokens.push(toks);
    }
    // In text without case (a corpus lower-cased but for each sentence's
    // first letter, a transcript, a telex) a capital says nothing: the
    // names found would be the words that begin sentences ("Dubai",
    // "Claim"), or every run of words.
    let caseless = is_caseless(&article.paragraphs, &tokens);
    // Sentences serve the names and the quotes: without either, none.
    let sentences: Vec<Vec<_>> = if caseless && !cfg.claims {
        vec![Vec::new(); n]
    } else {
        article
            .paragraphs
            .iter()
            .map(|p| token::sentences(p))
            .collect()
    };
    for (p, para) in article.paragraphs.iter().enumerate() {
        if !caseless {
            entity::find(p, para, &tokens[p], &sentences[p], &mut mentions);
        }
        let first_date = dates.len();
        date::find_with(
            p,
            para,
            std::mem::take(&mut days[p]),
            reference,
            reference_source,
            story_anchor,
            &mut dates,
        );
        skip.clear();
        skip.extend(
            dates[first_date..]
                .iter()
                .map(|d: &DateMention| (d.span.start, d.span.end)),
        );
        if cfg.claims {
            number::find(p, para, &tokens[p], &skip, &mut numbers);
        }
    }
    // Dates and numbers are not names: drop mentions inside date spans
    // ("Mar. 22" read as a name run).
    mentions.retain(|m: &EntityMention| {
        !dates.iter().any(|d| {
            d.span.paragraph == m.span.paragraph
                && m.span.start < d.span.end
                && d.span.start < m.span.end
        })
    });
    let mut entities = alias::link(&mut mentions, cfg);
    let quotes = if cfg.claims {
        quote::find(&quote::Context {
            paragraphs: &article.paragraphs,
            tokens: &tokens,
            sentences: &sentences,
            mentions: &mentions,
        })
    } else {
        Vec::new()
    };
    // After the quotes: header mentions are not in the body the quote
    // finder reads.
    let headers = header_lines(article);
    alias::link_headers(&headers, &mut mentions, &mut entities, cfg);
    Extraction {
        article: article.id.clone(),
        date,
        entities,
        mentions,
        dates,
        quotes,
        numbers,
        headers,
    }
}

/// Words inside a sentence (after another word) an article needs before
/// [`is_caseless`] judges it.
const CASE_EVIDENCE_WORDS: usize = 50;

/// Whether the text has no case: of the words that follow another word
/// (not a sentence's first), those written in a script with case, none in
/// two hundred begins with a capital, or nine in ten are in capitals
/// throughout (a telex, a shouted notice). Cased prose capitalises names,
/// titles and "I" at about one word in ten in news, and sets few words in
/// capitals.
fn is_caseless(paragraphs: &[String], tokens: &[Vec<token::Token>]) -> bool {
    let (mut inner, mut capitalised, mut shouted) = (0usize, 0usize, 0usize);
    for (para, toks) in paragraphs.iter().zip(tokens) {
        for pair in toks.windows(2) {
            let (before, word) = (pair[0], pair[1]);
            if before.kind != token::TokenKind::Word || word.kind != token::TokenKind::Word {
                continue;
            }
            let text = word.text(para);
            let Some(first) = text.chars().next() else {
                continue;
            };
            if first.is_uppercase() {
                capitalised += 1;
                inner += 1;
                if text.chars().nth(1).is_some() && !text.chars().any(char::is_lowercase) {
                    shouted += 1;
                }
            } else if first.is_lowercase() {
                inner += 1;
            }
        }
    }
    inner >= CASE_EVIDENCE_WORDS && (capitalised * 200 < inner || shouted * 10 > inner * 9)
}

/// Extracts the articles of one story: the story context gives yearless
/// datelines their year, and entities are merged across the articles.
pub fn extract_story(articles: &[Article], cfg: &ExtractConfig) -> StoryExtraction {
    let ctx = StoryContext::new(articles);
    let extractions: Vec<Extraction> = articles.iter().map(|a| extract_in(a, &ctx, cfg)).collect();
    let entities = resolve_entities(&extractions, cfg);
    StoryExtraction {
        extractions,
        entities,
    }
}
