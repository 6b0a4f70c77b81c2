//! Cleaning: from a raw article's text to paragraphs of reporting plus the
//! metadata (title, dateline, byline, credits, date) found in it, with every
//! removed line kept and the reason it was removed.
//!
//! Cleaning reads the text line by line in four passes:
//!
//! 1. the header (the lines before the second line of prose) gives up its
//!    section labels, headline, byline, printed date, captions that repeat
//!    the headline and a place printed alone as a dateline;
//! 2. every line is checked against furniture wording (`furniture.rs`),
//!    credit lines (`credits.rs`), repetition (`repeat.rs`) and author bios;
//! 3. what is left is classed by its shape and its neighbours (`block.rs`):
//!    prose stays, menus and footers go;
//! 4. the first paragraph gives up its dateline, and attributions in the
//!    body ("..., AFP reported.") are recorded as credits.
//!
//! A sentence of ten words or more is never removed by shape or context,
//! only by wording that cannot be reporting, so the body stays intact.
//!
//! In a batch ([`clean_batch`]) two rules need the pile and run before the
//! passes: the lines of a source's template (`repeat.rs`) and the stock
//! passages (`stock.rs`: sentences and line openings), which are cut out of
//! their lines first so that the passes judge each line without them.

mod block;
mod byline;
mod credits;
mod dateline;
mod furniture;
mod headline;
mod lexicon;
mod line;
mod repeat;
mod stock;

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::model::{Article, CreditKind, Precision, RawArticle, RemovalReason, Removed, Timestamp};
use crate::text::{ascii_word_boundaries, fold};

use self::block::{Class, Thresholds};
use self::line::Line;

/// Settings for [`clean`] and [`clean_batch`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CleanConfig {
    /// Remove a paragraph that repeats an earlier one of the same article.
    pub drop_repeated: bool,
    /// Lines shorter than this many characters are judged by their
    /// neighbours unless they are sentences (default 70, as jusText).
    pub short_chars: usize,
    /// Function-word density at and above which a long line is prose
    /// (default 0.30).
    pub good_density: f32,
    /// Function-word density below which a long line without sentence
    /// structure is boilerplate (default 0.15).
    pub bad_density: f32,
    /// In [`clean_batch`], a line recurring in at least this many articles
    /// of one source is that source's template (default 3).
    pub template_min_articles: usize,
    /// ... and in at least this share of the source's articles (default 0.3).
    pub template_min_share: f32,
    /// In [`clean_batch`], a sentence of five words or more found in at
    /// least this many articles that otherwise share little is a stock
    /// passage (an archive banner, a reprints notice, a widget's prompt run
    /// into the text) and is removed from every one of them, as is a run of
    /// eight words or more that opens their lines (a player's notice glued
    /// to the report) (default 3; 0 turns both rules off).
    pub stock_min_articles: usize,
    /// A run of at least this many consecutive short lines that are not
    /// sentences is a menu or a list of links (default 3).
    pub fragment_run: usize,
}

impl Default for CleanConfig {
    fn default() -> Self {
        CleanConfig {
            drop_repeated: true,
            short_chars: 70,
            good_density: 0.30,
            bad_density: 0.15,
            template_min_articles: 3,
            template_min_share: 0.3,
            stock_min_articles: 3,
            fragment_run: 3,
        }
    }
}

/// A cleaned article and what was wrong with its input.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    /// The article.
    pub article: Article,
    /// Problems found while cleaning it.
    pub diagnostics: Vec<Diagnostic>,
}

/// Cleans one article.
///
/// ```
/// use storyline_core::{clean, ArticleId, CleanConfig, Location, RawArticle, RemovalReason};
/// let raw = RawArticle {
///     id: ArticleId::from("a1"),
///     origin: Location::file("a1.txt"),
///     url: None,
///     source: None,
///     published: None,
///     title: None,
///     text: "Floods close the valley road\n\
///            OSLO (AP) — Floods closed the valley road on Monday, police said.\n\
///            Leave a Reply"
///         .into(),
///     meta: Default::default(),
/// };
/// let a = clean(&raw, &CleanConfig::default()).article;
/// assert_eq!(a.title.as_deref(), Some("Floods close the valley road"));
/// assert_eq!(a.paragraphs, ["Floods closed the valley road on Monday, police said."]);
/// assert_eq!(a.dateline.unwrap().place.as_deref(), Some("OSLO"));
/// assert_eq!(a.credits[0].agency, "AP");
/// assert_eq!(a.removed[1].reason, RemovalReason::CommentForm);
/// ```
pub fn clean(raw: &RawArticle, cfg: &CleanConfig) -> Cleaned {
    clean_in(raw, cfg, Pile::default())
}

/// Cleans a batch: like [`clean`] on each article, plus what only a batch
/// shows (lines repeated across many articles of one source, sentences
/// repeated across unrelated articles).
pub fn clean_batch(raws: &[RawArticle], cfg: &CleanConfig) -> Vec<Cleaned> {
    clean_batch_among(raws, &[], cfg)
}

/// [`clean_batch`], with `context`: articles cleaned earlier (a store's
/// recent ones, as [`context_of`] gives them) that count as evidence for
/// the batch rules but are neither cleaned again nor returned. A store that
/// takes a few articles at a time passes them so that a source's template
/// or a stock sentence is recognised in a batch that holds it only once.
pub fn clean_batch_among(
    raws: &[RawArticle],
    context: &[RawArticle],
    cfg: &CleanConfig,
) -> Vec<Cleaned> {
    let pile: Vec<&RawArticle> = raws.iter().chain(context).collect();
    let rule = repeat::TemplateRule {
        min_articles: cfg.template_min_articles.max(2),
        min_share: cfg.template_min_share,
    };
    let templates =
        repeat::template_lines(&pile, rule, |folded| Line::new(0, folded).is_sentence());
    let stock = if cfg.stock_min_articles == 0 {
        stock::Stock::default()
    } else {
        stock::stock_passages(
            &pile,
            stock::StockRule {
                min_articles: cfg.stock_min_articles,
                min_words: STOCK_MIN_WORDS,
            },
        )
    };
    // Each article is cleaned on its own once the pile's templates and
    // stock sentences are known, so in parallel; `collect` keeps input order.
    use rayon::prelude::*;
    raws.par_iter()
        .enumerate()
        .map(|(i, r)| {
            let pile = Pile {
                template: r.source.as_deref().and_then(|s| templates.get(s)),
                stock: stock.hosts.contains(&i).then_some(&stock),
            };
            clean_in(r, cfg, pile)
        })
        .collect()
}

/// What a cleaned article contributes as context to a later batch
/// ([`clean_batch_among`]): its paragraphs, and the lines and sentences
/// the batch rules removed from it, each on a line of its own, so that what
/// was recognised once still counts.
pub fn context_of(article: &Article) -> RawArticle {
    let mut text = article.paragraphs.join("\n");
    for r in &article.removed {
        if matches!(
            r.reason,
            RemovalReason::SourceTemplate | RemovalReason::StockPassage
        ) {
            text.push('\n');
            text.push_str(&r.text);
        }
    }
    RawArticle {
        id: article.id.clone(),
        origin: crate::diagnostic::Location::default().with_article(article.id.as_str()),
        url: article.url.clone(),
        source: article.source.clone(),
        published: article.published,
        title: article.title.clone(),
        text,
        meta: Default::default(),
    }
}

/// Words a recurring sentence needs to be a stock passage.
const STOCK_MIN_WORDS: usize = 5;

/// What [`clean_batch`] learned from the whole pile that cleaning one
/// article uses.
#[derive(Debug, Clone, Copy, Default)]
struct Pile<'a> {
    /// The folded template lines of the article's source.
    template: Option<&'a HashSet<String>>,
    /// The pile's stock passages, when the article holds one.
    stock: Option<&'a stock::Stock>,
}

/// The lines of `text` that are page furniture by their wording alone, as
/// `(line number from 1, reason)` pairs: comment forms, subscription,
/// follow and share prompts, cookie and legal notices, shortcodes,
/// read-also teasers, advertising labels and disclosures, and the labels
/// of the blocks around an article ("Empfohlene Beiträge", "You may also
/// like"). Nothing is judged by shape, position or neighbours
/// (as [`clean`] does), so the text of pages that are not news (recipes,
/// lists, how-tos, forum posts), where short lines are content, is safe.
/// Ingest runs it over the main text of web pages.
///
/// ```
/// use storyline_core::RemovalReason;
/// use storyline_core::clean::furniture_lines;
/// let text = "The mill reopened on Monday.\nRead more: Mill owners buy a second site\n\
///             200 g flour\nLeave a Reply";
/// assert_eq!(
///     furniture_lines(text),
///     [(2, RemovalReason::Related), (4, RemovalReason::CommentForm)]
/// );
/// ```
pub fn furniture_lines(text: &str) -> Vec<(usize, RemovalReason)> {
    use RemovalReason::*;
    text.lines()
        .enumerate()
        .map(|(i, l)| Line::new(i + 1, l.trim()))
        .filter(|line| line.words > 0)
        .filter_map(|line| {
            let reason = match furniture::by_wording(&line) {
                Some(
                    r
                    @ (CommentForm | Subscription | Social | Shortcode | Related | Cookie | Legal),
                ) => r,
                // Photo credits, navigation words and calls to action
                // measured as often content as furniture on web pages.
                Some(_) => return None,
                None if furniture::is_teaser(&line) || furniture::is_page_label(&line) => Related,
                None if furniture::is_ad_disclosure(&line) => Legal,
                None => return None,
            };
            Some((line.no, reason))
        })
        .collect()
}

/// What one pass decided about a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Not decided yet.
    Open,
    /// Removed for this reason.
    Removed(RemovalReason),
}

fn clean_in(raw: &RawArticle, cfg: &CleanConfig, pile: Pile<'_>) -> Cleaned {
    let mut diagnostics = Vec::new();
    // Stock sentences go first, so that every later pass judges the line
    // without them: a report that a newsletter box was run into is not a
    // newsletter box.
    let mut stock_removed = Vec::new();
    let texts: Vec<(usize, Cow<'_, str>)> = raw
        .text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .map(|(no, l)| match pile.stock {
            Some(stock) => (no, without_stock(no, l, stock, &mut stock_removed)),
            None => (no, Cow::Borrowed(l)),
        })
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let lines: Vec<Line<'_>> = texts.iter().map(|(no, l)| Line::new(*no, l)).collect();
    let mut verdicts = vec![Verdict::Open; lines.len()];
    let mut article = Article {
        id: raw.id.clone(),
        url: raw.url.clone(),
        source: raw.source.clone(),
        published: raw.published,
        title: raw.title.clone(),
        byline: None,
        dateline: None,
        credits: Vec::new(),
        paragraphs: Vec::new(),
        removed: Vec::new(),
        meta: raw.meta.clone(),
    };

    header(&lines, &mut verdicts, &mut article);
    furniture_pass(&lines, &mut verdicts, &mut article, cfg, pile.template);
    author_bios(&lines, &mut verdicts);

    // Shape and context, over the lines still open.
    let thresholds = Thresholds {
        short_chars: cfg.short_chars,
        good_density: cfg.good_density,
        bad_density: cfg.bad_density,
    };
    let open: Vec<usize> = (0..lines.len())
        .filter(|&i| verdicts[i] == Verdict::Open)
        .collect();
    let mut initial: Vec<Class> = open
        .iter()
        .map(|&i| block::initial(&lines[i], &thresholds))
        .collect();
    let open_lines: Vec<&Line<'_>> = open.iter().map(|&i| &lines[i]).collect();
    block::mark_fragment_runs(&open_lines, &mut initial, cfg.fragment_run);
    let finals = block::classify(&initial);
    // A text whose every open line reads as furniture by shape alone is
    // not a page with furniture but an article in an odd shape (one long
    // list, a caption run): keep it rather than return nothing.
    let shape_keeps_something = finals.contains(&Class::Good);
    for (&i, class) in open.iter().zip(&finals) {
        if *class == Class::Bad && shape_keeps_something {
            verdicts[i] = Verdict::Removed(if lines[i].words <= 6 {
                RemovalReason::Navigation
            } else {
                RemovalReason::Boilerplate
            });
        }
    }

    // Assemble: paragraphs in order, the dateline split off the first.
    for (line, verdict) in lines.iter().zip(&verdicts) {
        match verdict {
            Verdict::Open => {
                let mut text = line.text;
                if article.paragraphs.is_empty()
                    && article.dateline.is_none()
                    && let Some(head) = dateline::split_head(text)
                {
                    if let Some(c) = head.credit {
                        credits::record(&mut article.credits, c, CreditKind::Dateline);
                    }
                    article.dateline = Some(head.dateline);
                    text = head.rest;
                }
                credits::in_text(&mut article.credits, text);
                article.paragraphs.push(text.to_owned());
            }
            Verdict::Removed(reason) => article.removed.push(Removed {
                text: line.text.to_owned(),
                reason: *reason,
                line: line.no,
            }),
        }
    }
    if !stock_removed.is_empty() {
        // In body order: a line's stock sentences before the line itself
        // when the rest of it went too (the sort is stable).
        article.removed.extend(stock_removed);
        article.removed.sort_by_key(|r| r.line);
    }
    if article.paragraphs.is_empty() && !(lines.is_empty() && article.removed.is_empty()) {
        diagnostics.push(Diagnostic::warning(
            raw.origin.clone().with_article(raw.id.as_str()),
            "cleaning removed every line of the article; check whether the input is article text",
        ));
    }
    Cleaned {
        article,
        diagnostics,
    }
}

/// Line `no`, `text`, without its stock sentences and then its stock
/// opening (found in what the sentences leave, so that a stock sentence
/// that opens the line goes whole), each recorded as removed.
fn without_stock<'a>(
    no: usize,
    text: &'a str,
    stock: &stock::Stock,
    removed: &mut Vec<Removed>,
) -> Cow<'a, str> {
    let kept = without_stock_sentences(no, text, &stock.keys, removed);
    let Some(end) = stock::cut_opening(&kept, &stock.openings) else {
        return kept;
    };
    removed.push(Removed {
        text: kept[..end].trim_end().to_owned(),
        reason: RemovalReason::StockPassage,
        line: no,
    });
    match kept {
        Cow::Borrowed(text) => Cow::Borrowed(&text[end..]),
        Cow::Owned(mut text) => {
            text.drain(..end);
            Cow::Owned(text)
        }
    }
}

/// Line `no`, `text`, without its stock sentences.
fn without_stock_sentences<'a>(
    no: usize,
    text: &'a str,
    stock: &FxHashSet<u64>,
    removed: &mut Vec<Removed>,
) -> Cow<'a, str> {
    let mut pieces = Vec::new();
    stock::pieces(text, |p| pieces.push(p));
    if !pieces.iter().any(|p| stock.contains(&p.key)) {
        return Cow::Borrowed(text);
    }
    // The text between stock sentences, as printed.
    let mut kept = String::new();
    let mut from = 0;
    let keep = |text: &str, kept: &mut String| {
        let text = text.trim();
        if !text.is_empty() {
            if !kept.is_empty() {
                kept.push(' ');
            }
            kept.push_str(text);
        }
    };
    for p in pieces.iter().filter(|p| stock.contains(&p.key)) {
        keep(&text[from..p.start], &mut kept);
        removed.push(Removed {
            text: text[p.start..p.end].to_owned(),
            reason: RemovalReason::StockPassage,
            line: no,
        });
        from = p.end;
    }
    keep(&text[from..], &mut kept);
    Cow::Owned(kept)
}

/// How many lines the header may span at most.
const HEADER_MAX_LINES: usize = 15;

/// Pass 1: the header, up to the second line of prose.
fn header(lines: &[Line<'_>], verdicts: &mut [Verdict], article: &mut Article) {
    let mut prose_seen = false;
    let mut sentences_seen = 0;
    let mut folded_title = article.title.as_deref().map(fold);
    let end = lines.len().min(HEADER_MAX_LINES);
    for i in 0..end {
        let line = &lines[i];
        if line.is_sentence() {
            sentences_seen += 1;
            if sentences_seen == 2 {
                break;
            }
        }
        // Furniture above the headline ("Share this article", a menu) is
        // left to the furniture pass, so that it is not taken as the title.
        if furniture::by_wording(line).is_some() || furniture::is_link_list(line) {
            continue;
        }
        let before_prose = !prose_seen;
        prose_seen |= line.is_prose();
        let reason = if let Some(b) = byline::byline(line) {
            if article.byline.is_none() {
                article.byline = Some(b.name);
            }
            if let Some(d) = b.date {
                set_published(article, d);
            }
            Some(RemovalReason::Byline)
        } else if let Some(d) = byline::date_line(line) {
            set_published(article, d);
            Some(RemovalReason::Date)
        } else if folded_title
            .as_deref()
            .is_some_and(|t| fold(line.text) == t)
        {
            Some(RemovalReason::Title)
        } else if folded_title
            .as_deref()
            .is_some_and(|t| headline::repeats_title(line, t))
        {
            Some(RemovalReason::PhotoCredit)
        } else if before_prose && article.title.is_none() && headline::is_headline(line) {
            article.title = Some(line.text.to_owned());
            folded_title = Some(fold(line.text));
            Some(RemovalReason::Title)
        } else if article.dateline.is_none()
            && dateline::is_place_line(line)
            && lines.get(i + 1).is_some_and(Line::is_prose)
        {
            let place = line.text.trim_end_matches([':', ' ', '-', '–', '—']);
            article.dateline = Some(crate::model::Dateline {
                text: line.text.to_owned(),
                place: Some(place.to_owned()),
                date: None,
            });
            Some(RemovalReason::Dateline)
        } else if before_prose && headline::is_label(line) {
            Some(RemovalReason::Navigation)
        } else {
            None
        };
        if let Some(r) = reason {
            verdicts[i] = Verdict::Removed(r);
        }
    }
}

fn set_published(article: &mut Article, date: chrono::NaiveDate) {
    if article.published.is_none() {
        article.published = Some(Timestamp::from_date(date, Precision::Day));
    }
}

/// Pass 2: wording, credit lines, repetition and the source's template.
fn furniture_pass(
    lines: &[Line<'_>],
    verdicts: &mut [Verdict],
    article: &mut Article,
    cfg: &CleanConfig,
    template: Option<&HashSet<String>>,
) {
    let mut seen = repeat::Seen::default();
    for (line, verdict) in lines.iter().zip(verdicts.iter_mut()) {
        if *verdict != Verdict::Open {
            seen.repeated(line.text);
            continue;
        }
        let reason = if template.is_some_and(|t| t.contains(&fold(line.text))) {
            Some(RemovalReason::SourceTemplate)
        } else if let Some(kind) = credits::credit_line(line) {
            credits::record(&mut article.credits, line.text, kind);
            Some(RemovalReason::Credit)
        } else if let Some(r) = furniture::by_wording(line) {
            Some(r)
        } else if cfg.drop_repeated && seen.repeated(line.text) {
            Some(RemovalReason::Repeated)
        } else if furniture::is_link_list(line) {
            Some(RemovalReason::Navigation)
        } else if furniture::is_call_to_action(line) {
            Some(RemovalReason::CallToAction)
        } else if furniture::is_teaser(line) {
            Some(RemovalReason::Related)
        } else {
            None
        };
        if let Some(r) = reason {
            *verdict = Verdict::Removed(r);
        }
    }
}

/// ASCII word boundaries, as in `credits::CONTRIBUTION`.
static BIO_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_word_boundaries(r"(?i)\b(writer|journalist|reporter|correspondent|editor|author|blogger|columnist|freelance|contributor|degree|graduated?|bachelor|master's|studied|autor(in)?|journalist(in)?|redakteur(in)?|korrespondent(in)?|bloggerin|studierte)\b"))
        .expect("bio pattern is valid")
});

/// Pass 2b: an author's name on a line of its own followed by a paragraph
/// about that person, in the second half of the text.
fn author_bios(lines: &[Line<'_>], verdicts: &mut [Verdict]) {
    let half = lines.len() / 2;
    for i in half..lines.len().saturating_sub(1) {
        let name = &lines[i];
        let is_name = (1..=4).contains(&name.words)
            && !name.terminal
            && name
                .text
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !name.text.chars().any(|c| c.is_ascii_digit());
        if !is_name {
            continue;
        }
        let first = name.text.split_whitespace().next().unwrap_or_default();
        let bio = &lines[i + 1];
        if bio.text.starts_with(first) && BIO_WORDS.is_match(bio.text) {
            for j in [i, i + 1] {
                if verdicts[j] == Verdict::Open {
                    verdicts[j] = Verdict::Removed(RemovalReason::AuthorBio);
                }
            }
        }
    }
}
