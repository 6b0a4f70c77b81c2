//! Sentences of an article, with the paragraph and byte range each came from.
//!
//! A sentence ends at `.`, `!` or `?` (and any closing quotes or brackets
//! after it) followed by white space, unless the word before the stop is an
//! abbreviation ("Mr.", "Sept.", "U.S.") or a single initial. Unlike the
//! Unicode sentence rules, a stop followed by a lower-case word still ends
//! the sentence: corpora such as Multi-News are lower-cased in places
//! ("... he said. the man ..."), and tokenised text puts a space before the
//! stop ("the end . next"), which is handled too. A stop inside a
//! quotation does not end the sentence the quotation is part of: in
//! typographic marks, or in straight ones that open before a word and
//! close after one within the paragraph (a straight mark with white space
//! on both sides, as tokenised text has, neither opens nor closes). This
//! is hand-written
//! because the registry's rule-based splitters either need a newer compiler
//! than the workspace supports or follow the Unicode rules above.

use serde::{Deserialize, Serialize};

use crate::extract::Span;

/// One sentence: where it is and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Paragraph and byte range in `Article::paragraphs`.
    pub span: Span,
    /// The sentence text, trimmed.
    pub text: String,
}

/// Abbreviations after which a period does not end a sentence (compared
/// lower-cased, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "reps", "gov", "lt", "col", "capt", "prof",
    "jr", "sr", "no", "vs", "v", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mt", "ft", "sgt", "maj", "adm", "inc", "corp", "co", "ltd", "rev", "fr",
    "hon", "e.g", "i.e", "etc", "approx", "dept", "univ", "ave", "blvd", "est", "fig", "pres",
    "supt", "cmdr", "det", "insp", "pvt", "cpl", "gens", "sens", "messrs", "mme", "mlle", "al",
];

/// A quotation longer than this is taken to have lost its closing mark, and
/// its stops end sentences again.
const MAX_QUOTE_BYTES: usize = 400;

fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        // A single letter is an initial ("J. Smith"), a dotted run an
        // abbreviation ("U.S", "a.m").
        (Some(c), None) => c.is_alphabetic(),
        _ => word.contains('.') && word.chars().all(|c| c == '.' || c.is_alphabetic()),
    }
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\u{bb}'
    )
}

/// What a straight double quote does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Opens,
    Closes,
}

/// What the straight double quote at byte `i` of `para` does: it opens a
/// quotation when it starts the text or follows white space or an opening
/// bracket or dash, and a word follows it; it closes one when it follows
/// a word or a stop and white space, punctuation or the end follows it.
/// With white space on both sides it does neither.
fn straight_quote(para: &str, i: usize) -> Option<Quote> {
    let before = para[..i].chars().next_back();
    let after = para[i + 1..].chars().next();
    let opens_after = |c: Option<char>| {
        c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '\u{2014}' | '\u{2013}'))
    };
    match (before, after) {
        (b, Some(a)) if opens_after(b) && a.is_alphanumeric() => Some(Quote::Opens),
        (Some(b), a)
            if !b.is_whitespace()
                && a.is_none_or(|a| a.is_whitespace() || a.is_ascii_punctuation()) =>
        {
            Some(Quote::Closes)
        }
        _ => None,
    }
}

/// Whether a straight quote that closes follows the one at byte `i` within
/// [`MAX_QUOTE_BYTES`]: an opening mark whose quotation never closes (cut
/// or lower-cased text) holds no sentence together.
fn closed_after(para: &str, i: usize) -> bool {
    let mut end = (i + MAX_QUOTE_BYTES).min(para.len());
    while !para.is_char_boundary(end) {
        end -= 1;
    }
    para[i + 1..end]
        .match_indices('"')
        .any(|(j, _)| straight_quote(para, i + 1 + j) == Some(Quote::Closes))
}

/// The word just before byte `end` of `para` (letters, digits and dots).
fn word_before(para: &str, end: usize) -> &str {
    let head = &para[..end];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    head[start..].trim_end_matches('.')
}

/// Byte ranges of the sentences of one paragraph, trimmed of white space.
///
/// ```
/// use storyline_core::sentence::split_paragraph;
/// let p = "Mr. Okafor left the U.S. on Monday. he said it was fine . Then rain!";
/// let s: Vec<&str> = split_paragraph(p).into_iter().map(|(a, b)| &p[a..b]).collect();
/// assert_eq!(s, ["Mr. Okafor left the U.S. on Monday.", "he said it was fine .", "Then rain!"]);
/// ```
pub fn split_paragraph(para: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = para.char_indices().peekable();
    // Where the open quotation started, if one is open: a stop inside a
    // quotation ("“We never saw it rise this fast. Get to dry ground,” she
    // said.") does not end the sentence, unless the quotation runs on so
    // long that its closing mark is probably missing. Typographic marks say
    // which they are; a straight quote says it by its neighbours (see
    // [`straight_quote`]), and one with white space on both sides, as in
    // tokenised text ("he said \" we never saw it . \""), is neither.
    let mut quote: Option<usize> = None;
    while let Some((i, c)) = it.next() {
        match c {
            '\u{201c}' => quote = Some(i),
            '\u{201d}' => quote = None,
            '"' => match straight_quote(para, i) {
                Some(Quote::Opens) if closed_after(para, i) => quote = Some(i),
                Some(Quote::Closes) => quote = None,
                _ => {}
            },
            _ => {}
        }
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut end = i + c.len_utf8();
        // Runs of stops ("?!", "...") and closing quotes stay with the sentence.
        while let Some(&(j, d)) = it.peek() {
            if matches!(d, '.' | '!' | '?') || is_closer(d) {
                if matches!(d, '\u{201d}' | '"') {
                    quote = None;
                }
                end = j + d.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        let Some(&(_, next)) = it.peek() else {
            break;
        };
        if !next.is_whitespace() || quote.is_some_and(|q| i - q < MAX_QUOTE_BYTES) {
            continue;
        }
        if c == '.' && end == i + 1 {
            let word = word_before(para, i + 1);
            if !word.is_empty() && is_abbreviation(word) {
                continue;
            }
        }
        push_trimmed(para, start, end, &mut out);
        start = end;
    }
    push_trimmed(para, start, para.len(), &mut out);
    out
}

fn push_trimmed(para: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &para[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    let (s, e) = (start + lead, end - trail);
    if s < e && para[s..e].chars().any(char::is_alphanumeric) {
        out.push((s, e));
    }
}

/// The sentences of an article's paragraphs, in order.
///
/// ```
/// use storyline_core::sentence::split;
/// let paragraphs = vec!["One. Two.".to_owned(), "Three".to_owned()];
/// let s = split(&paragraphs);
/// assert_eq!(s.len(), 3);
/// assert_eq!((s[2].span.paragraph, s[2].span.start), (1, 0));
/// ```
pub fn split(paragraphs: &[String]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (p, para) in paragraphs.iter().enumerate() {
        for (start, end) in split_paragraph(para) {
            out.push(Sentence {
                span: Span {
                    paragraph: p,
                    start,
                    end,
                },
                text: para[start..end].to_owned(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};
    use proptest::prelude::*;

    fn check(input: &str, expect: Expect) {
        let s: Vec<&str> = split_paragraph(input)
            .into_iter()
            .map(|(a, b)| &input[a..b])
            .collect();
        expect.assert_debug_eq(&s);
    }

    #[test]
    fn abbreviations_initials_and_quotes() {
        check(
            "Gov. Ada Okafor met J. R. Mendes in St. Albans at 9 a.m. on Sept. 4. “We agreed,” she said. “Next?” Later.",
            expect![[r#"
                [
                    "Gov. Ada Okafor met J. R. Mendes in St. Albans at 9 a.m. on Sept. 4.",
                    "“We agreed,” she said.",
                    "“Next?”",
                    "Later.",
                ]
            "#]],
        );
    }

    #[test]
    fn lower_case_and_tokenised_text() {
        check(
            "the mayor of veranto resigned . she cited ill health. residents were \" stunned \" , one said.",
            expect![[r#"
                [
                    "the mayor of veranto resigned .",
                    "she cited ill health.",
                    "residents were \" stunned \" , one said.",
                ]
            "#]],
        );
    }

    #[test]
    fn quotations_stay_whole() {
        check(
            "“We never saw it rise this fast. Get to dry ground,” she said. \"Go. Now,\" he added. Then rain.",
            expect![[r#"
                [
                    "“We never saw it rise this fast. Get to dry ground,” she said.",
                    "\"Go. Now,\" he added.",
                    "Then rain.",
                ]
            "#]],
        );
    }

    #[test]
    fn straight_quotes_open_and_close_by_their_neighbours() {
        check(
            "\"Stay home. Keep off the roads,\" police said. He said \"never.\" Then a 15\" screen broke. Tokens \" here . \" stay. (\"Yes. No.\") End.",
            expect![[r#"
                [
                    "\"Stay home. Keep off the roads,\" police said.",
                    "He said \"never.\"",
                    "Then a 15\" screen broke.",
                    "Tokens \" here .",
                    "\" stay.",
                    "(\"Yes. No.\")",
                    "End.",
                ]
            "#]],
        );
        // A quotation that never closes (cut text) holds nothing together.
        check(
            "\"sean is head over heels. he wants to marry her. the source said",
            expect![[r#"
                [
                    "\"sean is head over heels.",
                    "he wants to marry her.",
                    "the source said",
                ]
            "#]],
        );
    }

    #[test]
    fn numbers_and_ellipses() {
        check(
            "Prices rose 1.5 percent... Then fell. No. 3 won",
            expect![[r#"
                [
                    "Prices rose 1.5 percent...",
                    "Then fell.",
                    "No. 3 won",
                ]
            "#]],
        );
    }

    proptest! {
        #[test]
        fn spans_are_ordered_and_in_bounds(s in "\\PC{0,200}") {
            let spans = split_paragraph(&s);
            let mut last = 0;
            for (a, b) in spans {
                prop_assert!(a >= last && a < b && b <= s.len());
                prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
                last = b;
            }
        }
    }
}
