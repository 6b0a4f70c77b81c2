//! Quotes: who said what. Direct quotes in straight or curly quotation
//! marks, split quotes ("“...,” he said. “...”"), quotes running on across
//! paragraphs, and attributed paraphrase ("Blinken said negotiators were
//! continuing ..."), each with its cue verb and speaker.
//!
//! The speaker is the mention next to the cue verb: between the closing
//! mark and the cue ("”, Blinken added"), right after the cue ("said
//! Shoukry"), or before a cue that opens the quote ("Blinken told a news
//! conference: “"). A pronoun goes back to the last person mentioned
//! outside quotes; a role ("the US official") was already linked to its
//! holder by [`super::alias`].

use serde::{Deserialize, Serialize};

use super::Span;
use super::entity::{EntityKind, EntityMention};
use super::token::{Token, TokenKind};

/// A direct quote or an attributed paraphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum QuoteKind {
    /// Words in quotation marks.
    Direct,
    /// Reported speech without quotation marks ("X said that ...").
    Paraphrase,
    /// A direct quote in pieces around its attribution
    /// ("“...,” he said. “...”"); `text` joins the pieces.
    Split,
    /// A direct quote running on into the next paragraph(s) (the
    /// paragraph ends with no closing mark, the next opens with one).
    Continued,
}

impl QuoteKind {
    /// Whether the words were printed in quotation marks.
    pub fn is_direct(self) -> bool {
        !matches!(self, QuoteKind::Paraphrase)
    }
}

/// One quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Where the quoted words start and end: paragraph and byte offset of
    /// the start; `end_paragraph` and `span.end` give the end.
    pub span: Span,
    /// The paragraph the quote ends in (later than `span.paragraph` for a
    /// quote running on across paragraphs).
    pub end_paragraph: usize,
    /// The quoted words, pieces of a split quote joined by a space.
    pub text: String,
    /// Direct or paraphrase.
    pub kind: QuoteKind,
    /// The cue verb ("said", "added", "according to").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// The speaker as printed ("he", "the US official", "Shoukry").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_text: Option<String>,
    /// The speaker's entity in [`super::Extraction::entities`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<usize>,
}

/// Cue verbs, and whether each reports a clause without "that" ("said the
/// bridge would close"); the others ("stressed", "warned", "continued") as
/// often take a noun, so without quotation marks they need "that".
const CUES: &[(&str, bool)] = &[
    ("said", true),
    ("says", true),
    ("say", true),
    ("added", true),
    ("adds", true),
    ("told", true),
    ("tells", true),
    ("stressed", false),
    ("noted", false),
    ("warned", false),
    ("asked", false),
    ("insisted", true),
    ("explained", true),
    ("urged", false),
    ("wrote", true),
    ("writes", true),
    ("declared", true),
    ("stated", true),
    ("argued", true),
    ("replied", false),
    ("acknowledged", true),
    ("announced", false),
    ("reiterated", false),
    ("tweeted", false),
    ("claimed", true),
    ("confirmed", false),
    ("denied", false),
    ("suggested", false),
    ("predicted", true),
    ("emphasised", false),
    ("emphasized", false),
    ("underscored", false),
    ("recalled", false),
    ("cautioned", false),
    ("continued", false),
    ("reported", true),
    ("posted", false),
    ("admitted", true),
    ("vowed", false),
    ("pledged", false),
    ("remarked", false),
];

/// Whether `word` is a cue verb.
fn is_cue(word: &str) -> bool {
    CUES.iter().any(|(w, _)| *w == word)
}

/// Whether the cue `cue` reports a clause without "that".
fn reports_clause(cue: &str) -> bool {
    CUES.iter().any(|&(w, clause)| clause && w == cue)
}

const PRONOUNS: &[&str] = &["he", "she", "they", "He", "She", "They"];

fn is_open(c: char) -> bool {
    matches!(c, '\u{201c}' | '"')
}

fn is_close(c: char) -> bool {
    matches!(c, '\u{201d}' | '"')
}

/// Quoted segments of a paragraph: `(start, end, closed)`, offsets of the
/// words inside the marks.
fn segments(para: &str) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in para.char_indices() {
        match open {
            None if is_open(c) => open = Some(i + c.len_utf8()),
            Some(s) if is_close(c) => {
                out.push((s, i, true));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        out.push((s, para.len(), false));
    }
    out
}

/// A cue verb in `para` outside quotes: `(start, end, text)`.
fn cues(para: &str, toks: &[Token], segs: &[(usize, usize, bool)]) -> Vec<(usize, usize, String)> {
    let inside = |pos: usize| segs.iter().any(|&(s, e, _)| pos >= s && pos < e);
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if t.kind != TokenKind::Word || inside(t.start) {
            continue;
        }
        let w = t.text(para);
        if is_cue(w) {
            out.push((t.start, t.end, w.to_owned()));
        } else if w.eq_ignore_ascii_case("according")
            && toks.get(k + 1).is_some_and(|n| n.text(para) == "to")
        {
            out.push((t.start, toks[k + 1].end, "according to".to_owned()));
        }
    }
    out
}

/// Everything the quote finder needs about the article.
pub(crate) struct Context<'a> {
    /// The paragraphs.
    pub(crate) paragraphs: &'a [String],
    /// The tokens of each paragraph.
    pub(crate) tokens: &'a [Vec<Token>],
    /// The sentence ranges of each paragraph.
    pub(crate) sentences: &'a [Vec<(usize, usize)>],
    /// The linked entity mentions, in text order.
    pub(crate) mentions: &'a [EntityMention],
}

struct Speaker {
    text: String,
    entity: Option<usize>,
}

impl Context<'_> {
    fn mentions_in(
        &self,
        p: usize,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = &EntityMention> {
        self.mentions
            .iter()
            .filter(move |m| m.span.paragraph == p && m.span.start >= from && m.span.end <= to)
    }

    /// The last person mentioned before `(p, pos)` outside quotes.
    fn last_person(&self, p: usize, pos: usize) -> Option<&EntityMention> {
        self.mentions
            .iter()
            .rev()
            .filter(|m| (m.span.paragraph, m.span.start) < (p, pos) && m.kind == EntityKind::Person)
            .find(|m| {
                !segments(&self.paragraphs[m.span.paragraph])
                    .iter()
                    .any(|&(s, e, _)| m.span.start >= s && m.span.end <= e)
            })
    }

    fn speaker_from(&self, m: &EntityMention) -> Speaker {
        Speaker {
            text: m.text.clone(),
            entity: Some(m.entity),
        }
    }

    fn pronoun(&self, p: usize, pos: usize, word: &str) -> Speaker {
        Speaker {
            text: word.to_owned(),
            entity: self.last_person(p, pos).map(|m| m.entity),
        }
    }

    /// The speaker of a cue at `(cs, ce)` in paragraph `p`; `window` is
    /// where the subject may be (between the quote and the cue, or the
    /// sentence before the cue).
    fn speaker(&self, p: usize, cs: usize, ce: usize, window: (usize, usize)) -> Option<Speaker> {
        let para = &self.paragraphs[p];
        let toks = &self.tokens[p];
        // Subject before the cue, nearest first; persons beat
        // organisations, which beat places and unknowns; a place speaks
        // only as a metonym right before its cue ("Washington said").
        let before: Vec<&EntityMention> = self.mentions_in(p, window.0, cs).collect();
        // An unnamed subject right before the cue ("officials said", "the
        // ministry said") speaks itself: no named entity is the speaker.
        let subject = toks
            .iter()
            .rev()
            .filter(|t| t.end <= cs && t.start >= window.0 && t.kind == TokenKind::Word)
            .find(|t| !is_adverb(t.text(para)));
        if let Some(t) = subject {
            let w = t.text(para);
            let in_mention = before
                .iter()
                .any(|m| m.span.start <= t.start && t.end <= m.span.end);
            if !in_mention
                && !PRONOUNS.contains(&w)
                && w.chars().all(char::is_lowercase)
                && !NOT_SUBJECTS.contains(&w)
            {
                return Some(Speaker {
                    text: w.to_owned(),
                    entity: None,
                });
            }
        }
        let words_between = |m: &EntityMention| {
            toks.iter()
                .filter(|t| t.start >= m.span.end && t.end <= cs && t.kind == TokenKind::Word)
                .count()
        };
        let pick = before
            .iter()
            .rev()
            .find(|m| m.kind == EntityKind::Person)
            .or_else(|| {
                before
                    .iter()
                    .rev()
                    .find(|m| m.kind == EntityKind::Organisation)
            })
            .or_else(|| before.last().filter(|m| words_between(m) <= 1));
        if let Some(m) = pick {
            return Some(self.speaker_from(m));
        }
        // A pronoun before the cue, past adverbs ("He also said").
        let mut back = toks
            .iter()
            .rev()
            .filter(|t| t.end <= cs && t.start >= window.0 && t.kind == TokenKind::Word);
        if let Some(t) = back.find(|t| !is_adverb(t.text(para))) {
            let w = t.text(para);
            if PRONOUNS.contains(&w) {
                return Some(self.pronoun(p, t.start, w));
            }
        }
        // Inverted: "said Shoukry", "said the Egyptian official": the
        // mention must start at the word after the cue.
        let next_word = toks.iter().find(|t| t.start >= ce).map(|t| t.start);
        if let Some(m) = self
            .mentions_in(p, ce, para.len())
            .next()
            .filter(|m| Some(m.span.start) == next_word)
        {
            return Some(self.speaker_from(m));
        }
        if let Some(t) = toks
            .iter()
            .find(|t| t.start >= ce && t.kind == TokenKind::Word)
        {
            let w = t.text(para);
            if PRONOUNS.contains(&w) {
                return Some(self.pronoun(p, t.start, w));
            }
        }
        None
    }
}

/// Lower-case words before a cue that are not its subject ("who said",
/// "it was said", "has also said").
const NOT_SUBJECTS: &[&str] = &[
    "who", "which", "that", "and", "but", "it", "was", "were", "been", "be", "being", "not",
    "never", "as", "he", "she", "they", "we", "i", "you",
];

/// Adverbs that may stand between a subject and its cue ("he also said").
fn is_adverb(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "later"
            | "then"
            | "further"
            | "again"
            | "once"
            | "previously"
            | "earlier"
            | "had"
            | "has"
            | "have"
            | "was"
            | "is"
            | "reportedly"
            | "however"
            | "worldwide"
            | "too"
            | "though"
            | "meanwhile"
            | "instead"
            | "now"
            | "still"
            | "already"
    ) || (w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_lowercase()))
}

fn sentence_of(sents: &[(usize, usize)], pos: usize) -> (usize, usize) {
    sents
        .iter()
        .copied()
        .find(|&(s, e)| pos >= s && pos < e)
        .unwrap_or((0, usize::MAX))
}

/// Appends the next piece of a quote to its text. A piece that starts a
/// sentence after one that ends in a comma ("“... from the foundations,”
/// she said. “Nobody ...”") takes the stop the comma stood for: the comma
/// belonged to the attribution that is left out.
fn join_piece(text: &mut String, piece: &str) {
    if piece.starts_with(char::is_uppercase) && text.ends_with(',') {
        text.pop();
        text.push('.');
    }
    text.push(' ');
    text.push_str(piece);
}

/// Words that open a time or place phrase between a cue and its "that"
/// ("said on Thursday that", "said in a statement that", "said late Friday
/// that"): the phrase says when or where, not what was said. Weekday names
/// open one too ("said Thursday that").
const ADVERBIAL_OPENERS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "late",
    "early",
    "earlier",
    "later",
    "last",
    "this",
    "yesterday",
    "today",
];

fn opens_adverbial(word: &str) -> bool {
    let w = word.to_lowercase();
    ADVERBIAL_OPENERS.contains(&w.as_str()) || w.len() > 3 && w.parse::<chrono::Weekday>().is_ok()
}

/// Finds the quotes of an article.
pub(crate) fn find(cx: &Context<'_>) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    let mut running: Option<usize> = None; // index in `out` of a quote left open
    // The cue and speaker of a paragraph that ends "<speaker> said:",
    // introducing the quote that opens the next.
    let mut introduced: Option<(String, Speaker)> = None;
    for (p, para) in cx.paragraphs.iter().enumerate() {
        let segs = segments(para);
        let toks = &cx.tokens[p];
        let sents = &cx.sentences[p];
        let cue_list = cues(para, toks, &segs);
        let mut last_in_para: Option<usize> = None;
        let mut last_cue: Option<usize> = None;
        for (si, &(s, e, closed)) in segs.iter().enumerate() {
            let text = para[s..e].trim().to_owned();
            if text.is_empty() {
                continue;
            }
            // A paragraph that opens with a quote while the last one was left
            // open continues it.
            if si == 0
                && s <= 4
                && let Some(q) = running.take()
            {
                join_piece(&mut out[q].text, &text);
                out[q].end_paragraph = p;
                out[q].span.end = e;
                out[q].kind = QuoteKind::Continued;
                if !closed {
                    running = Some(q);
                }
                last_in_para = Some(q);
                continue;
            }
            running = None;
            // The cue: after the quote in the same sentence first, else
            // before it.
            let next_seg = segs.get(si + 1).map_or(para.len(), |n| n.0);
            let prev_seg_end = if si == 0 { 0 } else { segs[si - 1].1 };
            let after = cue_list
                .iter()
                .find(|c| c.0 >= e && c.0 < next_seg && c.0 - e < 80);
            let before = cue_list
                .iter()
                .rev()
                .find(|c| c.1 <= s && c.0 >= prev_seg_end.max(sentence_of(sents, s).0.min(s)));
            // The cue after the quote first; when it yields no speaker, the
            // cue before it.
            let attempt = |c: &(usize, usize, String), window: (usize, usize)| {
                (Some((c.0, c.2.clone())), cx.speaker(p, c.0, c.1, window))
            };
            let from_after = after.map(|c| attempt(c, (e, c.0)));
            let from_before =
                || before.map(|c| attempt(c, (sentence_of(sents, c.0).0.max(prev_seg_end), c.0)));
            let (cue, speaker) = match from_after {
                Some((cue, Some(sp))) => (cue, Some(sp)),
                Some((cue, None)) => from_before()
                    .filter(|(_, sp)| sp.is_some())
                    .unwrap_or((cue, None)),
                None => from_before().unwrap_or((None, None)),
            };
            let (cue, speaker) = match (cue, speaker, introduced.take()) {
                (None, None, Some((c, sp))) if si == 0 && s <= 4 => (Some((0, c)), Some(sp)),
                (cue, speaker, _) => (cue, speaker),
            };
            // A split quote: this piece follows an attributed piece of the
            // same paragraph with only the attribution between them (no cue
            // of its own, or the very cue of the piece before).
            let shared_cue = last_in_para.is_some()
                && cue.as_ref().map(|c| c.0) == last_cue
                && last_cue.is_some_and(|c| c < s);
            let cue_pos = cue.as_ref().map(|c| c.0);
            let cue = cue.map(|c| c.1);
            if let (Some(q), true) = (last_in_para, cue.is_none() || shared_cue)
                && matches!(out[q].kind, QuoteKind::Direct | QuoteKind::Split)
                && out[q].end_paragraph == p
            {
                join_piece(&mut out[q].text, &text);
                out[q].span.end = e;
                out[q].kind = QuoteKind::Split;
                if !closed {
                    running = Some(q);
                }
                continue;
            }
            out.push(Quote {
                span: Span {
                    paragraph: p,
                    start: s,
                    end: e,
                },
                end_paragraph: p,
                text,
                kind: QuoteKind::Direct,
                cue,
                speaker_text: speaker.as_ref().map(|s| s.text.clone()),
                speaker: speaker.and_then(|s| s.entity),
            });
            let q = out.len() - 1;
            last_in_para = Some(q);
            last_cue = cue_pos;
            if !closed {
                running = Some(q);
            }
        }
        // A whole-paragraph quote with no cue of its own inherits the
        // speaker of the quote it follows.
        if segs.is_empty() {
            running = None;
        }
        paraphrase(cx, p, &segs, &cue_list, &mut out);
        introduced = cue_list
            .last()
            .filter(|c| {
                // "said:", "told the crowd:", "said in a statement:".
                let rest = para[c.1..].trim();
                rest.ends_with(':') && rest.split_whitespace().count() <= 4
            })
            .and_then(|c| {
                let window = (sentence_of(sents, c.0).0, c.0);
                Some((c.2.clone(), cx.speaker(p, c.0, c.1, window)?))
            });
    }
    // Quotes that could not be attributed in place but continue the
    // previous paragraph's speaker.
    for i in 1..out.len() {
        if out[i].speaker.is_none()
            && out[i].cue.is_none()
            && out[i - 1].end_paragraph + 1 == out[i].span.paragraph
            && out[i].span.start <= 4
        {
            out[i].speaker = out[i - 1].speaker;
            out[i].speaker_text = out[i - 1].speaker_text.clone();
        }
    }
    out
}

/// Reported speech without quotation marks: "<speaker> <cue> (that) <clause>"
/// or "<clause>, <speaker> <cue>." in sentences with no quotation marks.
fn paraphrase(
    cx: &Context<'_>,
    p: usize,
    segs: &[(usize, usize, bool)],
    cue_list: &[(usize, usize, String)],
    out: &mut Vec<Quote>,
) {
    let para = &cx.paragraphs[p];
    for &(ss, se) in &cx.sentences[p] {
        if segs.iter().any(|&(s, e, _)| s < se && e > ss) {
            continue;
        }
        let Some(c) = cue_list.iter().find(|c| c.0 >= ss && c.1 <= se) else {
            continue;
        };
        if c.2 == "according to" {
            if let Some(q) = according_to(cx, p, (ss, se), c) {
                out.push(q);
            }
            continue;
        }
        // The clause: after the cue, or before the comma that precedes the
        // speaker at the end of the sentence.
        let tail = para[c.1..se].trim_start_matches([' ', ':']);
        // "told reporters that ...": the hearer is not what was said; nor
        // is "on Thursday" in "said on Thursday that ...".
        let (tail, with_that) = match tail.find(" that ") {
            Some(i) => {
                let before: Vec<&str> = tail[..i].split_whitespace().collect();
                let hearer = matches!(c.2.as_str(), "told" | "tells" | "assured" | "reminded")
                    && before.len() <= 3;
                let adverbial =
                    before.len() <= 5 && before.first().is_some_and(|w| opens_adverbial(w));
                if hearer || adverbial {
                    (&tail[i + " that ".len()..], true)
                } else {
                    (tail, false)
                }
            }
            None => (tail, false),
        };
        let with_that = with_that || tail.starts_with("that ");
        let tail = tail.strip_prefix("that ").unwrap_or(tail);
        let tail = tail.trim_end_matches(['.', ' ']);
        let head = para[ss..c.0].trim_end();
        // After a parenthetical cue ("X left, aides said, after ..."), what
        // was said comes before the speaker.
        let parenthetical = tail.starts_with(',');
        let (start, text, window) = if !parenthetical && tail.split_whitespace().count() >= 4 {
            // "which Israel says is necessary": the clause's subject is the
            // relative pronoun before the speaker, and what was said is not
            // in the sentence. "warned against an invasion", "stressed the
            // importance", "has continued its offensive": no clause was
            // reported, unless "that" opens one.
            let first = tail.split_whitespace().next().unwrap_or("");
            if SUBJECTLESS_OPENERS.contains(&first)
                || NOT_CLAUSE_OPENERS.contains(&first)
                || !(with_that || reports_clause(&c.2))
            {
                continue;
            }
            // `tail` is a slice of `para`: its offset is the distance between them.
            (
                tail.as_ptr() as usize - para.as_ptr() as usize,
                tail.to_owned(),
                (ss, c.0),
            )
        } else if let Some(comma) = head.rfind(',') {
            // "<clause>, the agency reported": the speaker follows the
            // comma, never a name inside the clause.
            (
                ss,
                para[ss..ss + comma].trim().to_owned(),
                (ss + comma + 1, c.0),
            )
        } else {
            continue;
        };
        if text.split_whitespace().count() < 4 {
            continue;
        }
        let Some(sp) = cx.speaker(p, c.0, c.1, window) else {
            continue;
        };
        out.push(Quote {
            span: Span {
                paragraph: p,
                start,
                end: (start + text.len()).min(se),
            },
            end_paragraph: p,
            text,
            kind: QuoteKind::Paraphrase,
            cue: Some(c.2.clone()),
            speaker_text: Some(sp.text),
            speaker: sp.entity,
        });
    }
}

/// Prepositions after a cue: "warned against", "asked about", "told to".
const NOT_CLAUSE_OPENERS: &[&str] = &["against", "about", "of", "for", "to", "with"];

/// Words a reported clause does not open with when it has a subject of its
/// own: a verb first means the subject came before the speaker.
const SUBJECTLESS_OPENERS: &[&str] = &[
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "could", "can", "should",
    "must", "might", "may",
];

/// "<clause>, according to <source>" or "According to <source>, <clause>":
/// the source is what follows the cue, up to a comma or the sentence's end,
/// and a named entity only when it is that whole phrase ("the Hamas-run
/// health ministry" is not Hamas).
fn according_to(
    cx: &Context<'_>,
    p: usize,
    (ss, se): (usize, usize),
    c: &(usize, usize, String),
) -> Option<Quote> {
    let para = &cx.paragraphs[p];
    let after = &para[c.1..se];
    let source_len = after.find(',').unwrap_or(after.len());
    let source_raw = &after[..source_len];
    let source = source_raw.trim().trim_end_matches(['.', ' ']);
    let source_start = c.1 + (source_raw.len() - source_raw.trim_start().len());
    let source_end = source_start + source.len();
    let head = para[ss..c.0].trim_end();
    let (start, text) = if head.is_empty() {
        // "According to X, <clause>."
        let rest = after.get(source_len + 1..)?;
        let text = rest.trim().trim_end_matches(['.', ' ']);
        let start = se - rest.len() + (rest.len() - rest.trim_start().len());
        (start, text)
    } else {
        (ss, head.trim_end_matches([',', ' ']))
    };
    if text.split_whitespace().count() < 4 || source.is_empty() {
        return None;
    }
    fn bare(t: &str) -> &str {
        let t = t.strip_prefix("the ").unwrap_or(t);
        t.strip_prefix("The ").unwrap_or(t)
    }
    let entity = cx
        .mentions_in(p, source_start, source_end)
        .find(|m| bare(&m.text) == bare(source))
        .map(|m| m.entity);
    Some(Quote {
        span: Span {
            paragraph: p,
            start,
            end: (start + text.len()).min(se),
        },
        end_paragraph: p,
        text: text.to_owned(),
        kind: QuoteKind::Paraphrase,
        cue: Some(c.2.clone()),
        speaker_text: Some(source.to_owned()),
        speaker: entity,
    })
}
