//! Republication: a benchmark generator that derives copies of real articles
//! the way republishing outlets change them, with the truth of which
//! articles are copies of which.
//!
//! Dedup cannot be measured on a corpus without labelled copies, and no such
//! corpus is available here, so the benchmark is *generated* from real text
//! (the generator is kept in the repository, never its output). Each original
//! is cut into paragraphs of two sentences; a seeded share of originals gets
//! one to `max_copies` copies, each with a random mix of the changes
//! republication makes ([`Change`]). Every original of a story stays in the
//! corpus, so different reports of one story are the hard negatives: they
//! must not be grouped. Originals that already share much of their text with
//! another original (real corpora hold real copies) are left out, because the
//! truth could not honestly call them distinct.
//!
//! Randomness comes from ChaCha8 seeded per original (the run seed mixed with
//! the original's id), so one article's copies do not change when another
//! article is added or left out.

use std::collections::{BTreeMap, HashMap};

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::diagnostic::Location;
use crate::model::{ArticleId, RawArticle, Timestamp};

/// One kind of change republication makes to a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Change {
    /// Page furniture added at the top and bottom (share buttons, newsletter
    /// boxes, copyright lines, related links).
    Furniture,
    /// Paragraphs cut from the end (at most half of them).
    CutEnd,
    /// A paragraph inserted: the outlet's own line or a paragraph of an
    /// unrelated article.
    Inserted,
    /// The headline rewritten.
    Headline,
    /// Light copy edits: words replaced or dropped.
    CopyEdits,
    /// Typing errors: letters swapped, dropped or doubled.
    Typos,
    /// Quote style, dashes, spacing and paragraph breaks changed.
    Typography,
}

impl Change {
    /// Every change, in the order they are applied: the text is trimmed
    /// and added to before it is wrapped in furniture, as an outlet does.
    pub const ALL: [Change; 7] = [
        Change::CutEnd,
        Change::Inserted,
        Change::Furniture,
        Change::Headline,
        Change::CopyEdits,
        Change::Typos,
        Change::Typography,
    ];

    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Furniture => "furniture",
            Change::CutEnd => "cut-end",
            Change::Inserted => "inserted",
            Change::Headline => "headline",
            Change::CopyEdits => "copy-edits",
            Change::Typos => "typos",
            Change::Typography => "typography",
        }
    }

    /// How likely a copy is to get this change.
    fn probability(self) -> f64 {
        match self {
            Change::Furniture => 0.6,
            Change::CutEnd => 0.35,
            Change::Inserted => 0.3,
            Change::Headline => 0.8,
            Change::CopyEdits => 0.5,
            Change::Typos => 0.4,
            Change::Typography => 0.5,
        }
    }
}

/// Settings of the generator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepublishConfig {
    /// The run seed.
    pub seed: u64,
    /// Share of originals that get copies. Default 0.5.
    pub copy_share: f64,
    /// Most copies of one original. Default 3.
    pub max_copies: usize,
    /// Share of stories whose every original credits one wire agency, so
    /// that hard negatives also share a credit. Default 0.15.
    pub credit_share: f64,
    /// Originals sharing at least this share of the smaller text's word
    /// 5-grams with an earlier original are left out. Default 0.3.
    pub leave_out_overlap: f64,
}

impl Default for RepublishConfig {
    fn default() -> Self {
        RepublishConfig {
            seed: 7,
            copy_share: 0.5,
            max_copies: 3,
            credit_share: 0.15,
            leave_out_overlap: 0.3,
        }
    }
}

/// One generated copy and how it was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CopyInfo {
    /// The copy's id.
    pub id: ArticleId,
    /// The original it was derived from.
    pub original: ArticleId,
    /// The changes applied (none: a verbatim copy).
    pub changes: Vec<Change>,
}

/// The generated benchmark.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Republished {
    /// Originals (re-paragraphed) and copies, originals first, in input order.
    pub articles: Vec<RawArticle>,
    /// Article id to its truth group (the original's id).
    pub truth: HashMap<ArticleId, ArticleId>,
    /// Every copy and the changes it carries.
    pub copies: Vec<CopyInfo>,
    /// Originals left out because they overlap an earlier original.
    pub left_out: Vec<ArticleId>,
    /// Pairs of kept originals of the same story: the hard negatives.
    pub hard_negative_pairs: u64,
}

/// Derives the benchmark from `originals`; `story_of` names each original's
/// story (originals without one are their own story).
pub fn republish(
    originals: &[RawArticle],
    story_of: &HashMap<ArticleId, String>,
    cfg: &RepublishConfig,
) -> Republished {
    let kept_flags = leave_out(originals, cfg.leave_out_overlap);
    let kept: Vec<&RawArticle> = originals
        .iter()
        .zip(&kept_flags)
        .filter(|(_, k)| **k)
        .map(|(a, _)| a)
        .collect();
    let left_out = originals
        .iter()
        .zip(&kept_flags)
        .filter(|(_, k)| !**k)
        .map(|(a, _)| a.id.clone())
        .collect();
    let story = |a: &RawArticle| -> String {
        story_of
            .get(&a.id)
            .cloned()
            .unwrap_or_else(|| a.id.0.clone())
    };
    let mut per_story: BTreeMap<String, u64> = BTreeMap::new();
    for a in &kept {
        *per_story.entry(story(a)).or_default() += 1;
    }
    let hard_negative_pairs = per_story.values().map(|n| n * (n - 1) / 2).sum();
    // Paragraphs of every kept original, also the pool inserted paragraphs
    // are drawn from.
    let paragraphs: Vec<Vec<String>> = kept.iter().map(|a| paragraphs_of(&a.text)).collect();
    let mut out = Republished {
        articles: Vec::new(),
        truth: HashMap::new(),
        copies: Vec::new(),
        left_out,
        hard_negative_pairs,
    };
    let mut copies = Vec::new();
    for (i, a) in kept.iter().enumerate() {
        let story_name = story(a);
        let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed ^ xxh3_64(a.id.0.as_bytes()));
        let mut story_rng = ChaCha8Rng::seed_from_u64(cfg.seed ^ xxh3_64(story_name.as_bytes()));
        let story_day = story_rng.random_range(0..300u32);
        let credit = story_rng.random_bool(cfg.credit_share).then(|| {
            *AGENCIES
                .choose(&mut story_rng)
                .expect("agency list is not empty")
        });
        let mut paras = paragraphs[i].clone();
        if let Some(agency) = credit {
            paras.push(format!("{agency} contributed to this report."));
        }
        let hour = rng.random_range(0..12u32);
        let published = timestamp(story_day, hour);
        let source = (*OUTLETS.choose(&mut rng).expect("outlet list is not empty")).to_owned();
        let title = headline_of(&paras);
        out.truth.insert(a.id.clone(), a.id.clone());
        out.articles.push(RawArticle {
            id: a.id.clone(),
            origin: Location::default().with_article(a.id.as_str()),
            url: None,
            source: Some(source.clone()),
            published,
            title: Some(title.clone()),
            text: paras.join("\n\n"),
            meta: Default::default(),
        });
        if !rng.random_bool(cfg.copy_share) {
            continue;
        }
        let n = rng.random_range(1..=cfg.max_copies.max(1));
        for c in 1..=n {
            let id = ArticleId(format!("{}~c{c}", a.id));
            let mut changes: Vec<Change> = Change::ALL
                .iter()
                .copied()
                .filter(|ch| rng.random_bool(ch.probability()))
                .collect();
            let mut text = paras.clone();
            let outlet = *OUTLETS.choose(&mut rng).expect("outlet list is not empty");
            let mut title = title.clone();
            changes
                .retain(|&ch| apply(ch, &mut rng, &mut text, &mut title, outlet, &paragraphs, i));
            let delay_hours = rng.random_range(1..24 * 7);
            copies.push(RawArticle {
                id: id.clone(),
                origin: Location::default().with_article(id.as_str()),
                url: None,
                source: Some(outlet.to_owned()),
                published: timestamp(story_day, hour + delay_hours),
                title: Some(title),
                text: text.join("\n\n"),
                meta: Default::default(),
            });
            out.truth.insert(id.clone(), a.id.clone());
            out.copies.push(CopyInfo {
                id,
                original: a.id.clone(),
                changes,
            });
        }
    }
    out.articles.extend(copies);
    out
}

fn timestamp(day: u32, hours: u32) -> Option<Timestamp> {
    let base = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)?
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    let t = base
        + chrono::Duration::days(i64::from(day))
        + chrono::Duration::hours(6 + i64::from(hours));
    Some(Timestamp {
        time: t.fixed_offset(),
        precision: crate::model::Precision::Minute,
    })
}

/// Applies one change; returns false when it could not apply (an article
/// too short to cut), so the copy's record stays true.
fn apply(
    change: Change,
    rng: &mut ChaCha8Rng,
    text: &mut Vec<String>,
    title: &mut String,
    outlet: &str,
    pool: &[Vec<String>],
    me: usize,
) -> bool {
    match change {
        Change::Furniture => {
            let top = rng.random_range(1..=3);
            let bottom = rng.random_range(1..=4);
            let mut head: Vec<String> = (0..top)
                .map(|_| furniture(rng, TOP, outlet, pool))
                .collect();
            let tail: Vec<String> = (0..bottom)
                .map(|_| furniture(rng, BOTTOM, outlet, pool))
                .collect();
            head.append(text);
            head.extend(tail);
            *text = head;
            true
        }
        Change::CutEnd => {
            if text.len() < 3 {
                return false;
            }
            let cut = rng.random_range(1..=text.len() / 2);
            text.truncate(text.len() - cut);
            true
        }
        Change::Inserted => {
            // A paragraph lifted from an unrelated article of at least four
            // paragraphs, so the lifted text is a passage of the donor and
            // not the donor itself (a whole short article inside another
            // would be a true copy, and the truth here says it is not).
            let donor = if rng.random_bool(0.5) && pool.len() > 1 {
                (0..20)
                    .map(|_| rng.random_range(0..pool.len()))
                    .find(|&d| d != me && pool[d].len() >= 4)
            } else {
                None
            };
            let paragraph = if let Some(d) = donor {
                match pool[d].choose(rng) {
                    Some(p) => p.clone(),
                    None => return false,
                }
            } else {
                fill(
                    INSERTS.choose(rng).expect("insert list is not empty"),
                    outlet,
                    "",
                )
            };
            let at = rng.random_range(1..=text.len().max(1)).min(text.len());
            text.insert(at, paragraph);
            true
        }
        Change::Headline => {
            let template = HEADLINES.choose(rng).expect("headline list is not empty");
            let words: Vec<&str> = title.split_whitespace().collect();
            let keep = words.len().min(rng.random_range(3..=6));
            *title = fill(template, outlet, &words[..keep].join(" "));
            true
        }
        Change::CopyEdits => {
            for p in text.iter_mut() {
                *p = copy_edit(rng, p);
            }
            true
        }
        Change::Typos => {
            for p in text.iter_mut() {
                *p = typos(rng, p);
            }
            true
        }
        Change::Typography => {
            for p in text.iter_mut() {
                *p = typography(rng, p);
            }
            if text.len() >= 2 && rng.random_bool(0.5) {
                // Moved paragraph breaks: two paragraphs run together.
                let at = rng.random_range(0..text.len() - 1);
                let next = text.remove(at + 1);
                text[at] = format!("{} {next}", text[at]);
            }
            true
        }
    }
}

/// The paragraphs of a text: its own lines when it has two or more, else
/// (a corpus that stores each article as one line) runs of two sentences.
pub fn paragraphs_of(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() >= 2 {
        return lines.into_iter().map(str::to_owned).collect();
    }
    sentence_pairs(text)
}

/// Cuts a text into paragraphs of two sentences. Sentence ends are `.`,
/// `?` or `!` followed by a space; the corpus text is tokenised and partly
/// lower-cased, so nothing subtler is reliable.
fn sentence_pairs(text: &str) -> Vec<String> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'?' | b'!') && bytes.get(i + 1) == Some(&b' ') && i + 1 - start > 20
        {
            sentences.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        sentences.push(text[start..].trim());
    }
    sentences
        .chunks(2)
        .map(|c| c.join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// A headline made of the first sentence's words after its first: a real
/// headline restates the lead rather than printing its first words, and a
/// line that starts with the headline is what cleaning takes for a caption.
fn headline_of(paragraphs: &[String]) -> String {
    let first = paragraphs.first().map(String::as_str).unwrap_or("");
    let words: Vec<&str> = first.split_whitespace().skip(1).take(8).collect();
    let mut s = words.join(" ");
    if let Some(c) = s.get(..1) {
        s = c.to_uppercase() + &s[1..];
    }
    s
}

/// Fills `{outlet}` and `{words}` in a template.
fn fill(template: &str, outlet: &str, words: &str) -> String {
    template
        .replace("{outlet}", outlet)
        .replace("{words}", words)
}

fn furniture(rng: &mut ChaCha8Rng, list: &[&str], outlet: &str, pool: &[Vec<String>]) -> String {
    let template = list.choose(rng).expect("furniture list is not empty");
    let words = if template.contains("{words}") && !pool.is_empty() {
        let other = &pool[rng.random_range(0..pool.len())];
        headline_of(other)
    } else {
        String::new()
    };
    fill(template, outlet, &words)
}

/// Replaces or drops about one word in thirty.
fn copy_edit(rng: &mut ChaCha8Rng, p: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for w in p.split_whitespace() {
        if rng.random_bool(1.0 / 30.0) {
            let lower = w.to_lowercase();
            if let Some((_, to)) = EDITS.iter().find(|(from, _)| *from == lower) {
                out.push((*to).to_owned());
            } else if w.len() > 3 && rng.random_bool(0.5) {
                // A dropped word.
                continue;
            } else {
                out.push(w.to_owned());
            }
        } else {
            out.push(w.to_owned());
        }
    }
    out.join(" ")
}

/// Swaps, drops or doubles a letter in about one word in fifty.
fn typos(rng: &mut ChaCha8Rng, p: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for w in p.split_whitespace() {
        let chars: Vec<char> = w.chars().collect();
        if chars.len() >= 4 && chars.iter().all(|c| c.is_alphabetic()) && rng.random_bool(0.02) {
            let i = rng.random_range(1..chars.len() - 1);
            let mut c = chars.clone();
            match rng.random_range(0..3) {
                0 => c.swap(i, i + 1),
                1 => {
                    c.remove(i);
                }
                _ => c.insert(i, chars[i]),
            }
            out.push(c.into_iter().collect());
        } else {
            out.push(w.to_owned());
        }
    }
    out.join(" ")
}

/// Curly quotes, long dashes, doubled and non-breaking spaces.
fn typography(rng: &mut ChaCha8Rng, p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    let mut open = true;
    for w in p.split(' ') {
        if !out.is_empty() {
            out.push(match rng.random_range(0..20) {
                0 => '\u{a0}',
                1 => '\t',
                _ => ' ',
            });
            if rng.random_bool(0.03) {
                out.push(' ');
            }
        }
        let w = match w {
            "-" | "--" => "\u{2014}".to_owned(),
            "\"" | "'" => {
                let q = if open { '\u{201c}' } else { '\u{201d}' };
                open = !open;
                q.to_string()
            }
            _ => w.replace('\'', "\u{2019}"),
        };
        out.push_str(&w);
    }
    out
}

/// Leaves out originals that share at least `threshold` of the smaller
/// text's word 5-grams with an earlier kept original (earlier by id). Word
/// 5-grams of lower-cased alphanumeric runs: deliberately not dedup's own
/// shingles, so the truth does not inherit dedup's choices.
fn leave_out(originals: &[RawArticle], threshold: f64) -> Vec<bool> {
    let grams: Vec<Vec<u64>> = originals
        .iter()
        .map(|a| {
            let words: Vec<String> = a
                .text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            let mut g: Vec<u64> = words
                .windows(5.min(words.len().max(1)))
                .map(|w| xxh3_64(w.join(" ").as_bytes()))
                .collect();
            g.sort_unstable();
            g.dedup();
            g
        })
        .collect();
    let mut order: Vec<usize> = (0..originals.len()).collect();
    order.sort_by(|&a, &b| originals[a].id.cmp(&originals[b].id));
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut kept = vec![false; originals.len()];
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for i in order {
        counts.clear();
        for g in &grams[i] {
            if let Some(docs) = postings.get(g) {
                for &d in docs {
                    *counts.entry(d).or_default() += 1;
                }
            }
        }
        let overlaps = counts.iter().any(|(&d, &n)| {
            let smaller = grams[i].len().min(grams[d as usize].len()).max(1);
            f64::from(n) / smaller as f64 >= threshold
        });
        if overlaps || grams[i].is_empty() {
            continue;
        }
        kept[i] = true;
        for &g in &grams[i] {
            postings.entry(g).or_default().push(i as u32);
        }
    }
    kept
}

const AGENCIES: &[&str] = &["The Associated Press", "Reuters", "Agence France-Presse"];

const OUTLETS: &[&str] = &[
    "The Harbour Gazette",
    "Northfield Courier",
    "Daily Lantern",
    "Westmark Herald",
    "The Evening Ledger",
    "Riverside Post",
    "Lakeshore Times",
    "Capital Wire Digest",
    "The Morning Signal",
    "Valley Chronicle",
    "Eastport Observer",
    "Metro Bulletin",
];

const TOP: &[&str] = &[
    "Advertisement",
    "Skip to main content",
    "Share this article: Facebook Twitter Email WhatsApp",
    "{outlet} | News | World",
    "Sign up for the {outlet} daily newsletter",
    "Updated moments ago",
    "Listen to this article",
    "Breaking news from {outlet}",
];

const BOTTOM: &[&str] = &[
    "Related: {words}",
    "Read more: {words}",
    "Copyright 2024 {outlet}. All rights reserved.",
    "This material may not be published, broadcast, rewritten or redistributed.",
    "Follow {outlet} on Twitter and Facebook for the latest updates.",
    "Comments are closed.",
    "More from {outlet}: {words}",
    "Get the latest news delivered to your inbox. Subscribe now to the {outlet} morning briefing, free every weekday.",
    "Have a news tip? Email the newsroom at {outlet} or call our hotline.",
];

const INSERTS: &[&str] = &[
    "{outlet} has asked the authorities involved for comment and will update this story when they respond.",
    "Check back with {outlet} for updates on this developing story as more details become available.",
    "The story was first reported by another outlet earlier in the day and could not be independently verified by {outlet}.",
    "Readers who want to share their experience can write to the {outlet} newsroom using the form below.",
];

const HEADLINES: &[&str] = &[
    "{words}: what we know so far",
    "WATCH: {words}",
    "{outlet} explains: {words}",
    "Report: {words}",
    "{words} (updated)",
    "Why {words} matters",
];

/// Copy edits house styles make: the word and what it becomes.
const EDITS: &[(&str, &str)] = &[
    ("said", "says"),
    ("says", "said"),
    ("percent", "per cent"),
    ("about", "around"),
    ("because", "as"),
    ("people", "residents"),
    ("also", "too"),
    ("however,", "but"),
    ("u.s.", "US"),
    ("mr.", ""),
    ("big", "large"),
    ("told", "said to"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(id: &str, text: &str) -> RawArticle {
        RawArticle {
            id: ArticleId::from(id),
            origin: Location::default(),
            url: None,
            source: None,
            published: None,
            title: None,
            text: text.to_owned(),
            meta: Default::default(),
        }
    }

    const A: &str = "The ferry company cancelled all crossings on Monday after a storm damaged the pier. Engineers said repairs could take a week. Passengers were offered refunds or places on the next available boat. The harbour master said the pier had not been inspected since the spring. A spokesman for the company declined to comment on the inspection record.";
    const B: &str = "Volunteers planted four hundred trees along the old railway line on Saturday in a scheme run by the parish council. Organisers said the saplings would form a green corridor for birds. The council hopes to extend the path next year if funding allows.";

    #[test]
    fn paragraphs_of_two_sentences() {
        let p = paragraphs_of(A);
        assert_eq!(p.len(), 3);
        assert!(p[0].starts_with("The ferry company") && p[0].ends_with("a week."));
        assert!(paragraphs_of("").is_empty());
        assert_eq!(
            paragraphs_of("Title line\n\nFirst. Second.\nThird."),
            ["Title line", "First. Second.", "Third."]
        );
        assert_eq!(paragraphs_of("one"), ["one"]);
    }

    #[test]
    fn generation_is_seeded_and_truthful() {
        let originals = [raw("a", A), raw("b", B), raw("a-copy", A)];
        let cfg = RepublishConfig {
            copy_share: 1.0,
            ..RepublishConfig::default()
        };
        let story: HashMap<ArticleId, String> = [
            (ArticleId::from("a"), "s".to_owned()),
            (ArticleId::from("b"), "s".to_owned()),
        ]
        .into_iter()
        .collect();
        let one = republish(&originals, &story, &cfg);
        assert_eq!(
            one,
            republish(&originals, &story, &cfg),
            "same seed, same output"
        );
        // "a-copy" repeats "a": left out, not called distinct.
        assert_eq!(one.left_out, [ArticleId::from("a-copy")]);
        assert_eq!(one.hard_negative_pairs, 1);
        assert!(!one.copies.is_empty());
        for c in &one.copies {
            assert_eq!(one.truth[&c.id], c.original);
        }
        assert_eq!(one.truth.len(), one.articles.len());
        let other = republish(
            &originals,
            &story,
            &RepublishConfig {
                seed: 8,
                ..cfg.clone()
            },
        );
        assert_ne!(one.articles, other.articles, "another seed, other copies");
    }

    #[test]
    fn changes_do_what_they_say() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let t = typography(&mut rng, "he said ' yes ' - and left 'quickly'");
        assert!(t.contains('\u{201c}') && t.contains('\u{2014}'), "{t}");
        let mut text = paragraphs_of(A);
        let mut title = String::from("Storm shuts ferry pier");
        assert!(apply(
            Change::CutEnd,
            &mut rng,
            &mut text,
            &mut title,
            "X",
            &[],
            0
        ));
        assert!(text.len() < 3);
        let mut short = vec!["One paragraph only.".to_owned()];
        assert!(!apply(
            Change::CutEnd,
            &mut rng,
            &mut short,
            &mut title,
            "X",
            &[],
            0
        ));
        assert!(apply(
            Change::Headline,
            &mut rng,
            &mut text,
            &mut title,
            "X",
            &[],
            0
        ));
        assert_ne!(title, "Storm shuts ferry pier");
    }
}
