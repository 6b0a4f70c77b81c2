//! Numeric claims: how many of what, with the hedge the writer put on it.
//!
//! A claim is a number (digits "41,200", "1.5 million", or words "a
//! million", "six"), its qualifier ("more than", "nearly", "at least"), and
//! what is counted: the noun phrase after it ("people", "Palestinians") and
//! the rest of its clause ("have taken refuge in Rafah"). Each claim carries
//! a range for comparison: "more than 1 million" is [1e6, ∞), "nearly
//! 1,200" is [1080, 1200], a bare number is itself. Years, days of dates
//! and times are not claims; ordinals ("sixth trip") are kept and marked.

use serde::{Deserialize, Serialize};

use super::Span;
use super::token::{Token, TokenKind};

/// The hedge on a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Qualifier {
    /// "more than", "over", "above".
    MoreThan,
    /// "at least", "as many as" (a floor).
    AtLeast,
    /// "nearly", "almost", "close to".
    Nearly,
    /// "about", "around", "some", "roughly", "approximately".
    About,
    /// "up to", "at most".
    UpTo,
    /// "less than", "fewer than", "under".
    LessThan,
}

/// One numeric claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumericClaim {
    /// Where it is, qualifier included.
    pub span: Span,
    /// The number as printed, with its qualifier ("more than a million").
    pub text: String,
    /// The value ("1.5 million" → 1500000).
    pub value: f64,
    /// The hedge, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// Lower end of the range the claim allows.
    pub low: f64,
    /// Upper end; `None` when unbounded ("more than").
    pub high: Option<f64>,
    /// A unit, when the counted word is one ("percent", "weeks", "km").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The noun phrase counted ("people", "Palestinians").
    pub counted: String,
    /// The rest of the clause ("have taken refuge in Rafah").
    pub context: String,
    /// Whether the number is an ordinal ("sixth", "10th").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ordinal: bool,
}

const UNITS: &[&str] = &[
    "percent",
    "per",
    "%",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "mile",
    "metres",
    "meters",
    "dollars",
    "euros",
    "pounds",
    "years",
    "year",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "hours",
    "hour",
    "minutes",
    "tons",
    "tonnes",
    "kg",
    "barrels",
    "points",
];

const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("more than", Qualifier::MoreThan),
    ("over", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("just over", Qualifier::MoreThan),
    ("well over", Qualifier::MoreThan),
    ("in excess of", Qualifier::MoreThan),
    ("at least", Qualifier::AtLeast),
    ("as many as", Qualifier::AtLeast),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("close to", Qualifier::Nearly),
    ("just under", Qualifier::Nearly),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("some", Qualifier::About),
    ("roughly", Qualifier::About),
    ("approximately", Qualifier::About),
    ("an estimated", Qualifier::About),
    ("estimated", Qualifier::About),
    ("up to", Qualifier::UpTo),
    ("at most", Qualifier::UpTo),
    ("less than", Qualifier::LessThan),
    ("fewer than", Qualifier::LessThan),
    ("under", Qualifier::LessThan),
];

/// Words that end a counted noun phrase.
const PHRASE_STOP: &[&str] = &[
    "have",
    "has",
    "had",
    "were",
    "was",
    "are",
    "is",
    "will",
    "would",
    "been",
    "be",
    "said",
    "in",
    "on",
    "at",
    "to",
    "from",
    "by",
    "for",
    "since",
    "after",
    "before",
    "during",
    "and",
    "or",
    "but",
    "with",
    "who",
    "that",
    "which",
    "as",
    "than",
    "into",
    "across",
    "due",
    "per",
    "while",
    "including",
    "mostly",
    "could",
    "can",
    "may",
    "might",
    "did",
    "do",
    "does",
    "the",
    "a",
    "an",
    "this",
    "these",
    "those",
    "their",
    "his",
    "her",
    "its",
    "our",
    "when",
    "where",
];

/// Common irregular past forms that follow a count as its verb.
const IRREGULAR_VERBS: &[&str] = &[
    "fled", "left", "died", "went", "came", "took", "fell", "rose", "made", "got", "gave", "held",
    "met", "ran", "saw", "sought", "stood", "won", "lost", "paid", "sold", "spent", "told",
    "fought", "hit", "kept", "led", "put", "set", "struck", "drew", "grew", "flew", "remain",
    "remained", "live", "lived", "say", "says", "face", "need", "die", "taken", "given", "seen",
    "known", "shown", "born", "hidden", "thrown", "beaten", "stolen", "written", "chosen",
    "fallen", "gone", "done", "hurt", "shot", "caught", "brought", "began", "begun", "became",
    "become", "knew", "thought", "found", "felt", "sent", "built",
];

fn word_value(w: &str) -> Option<f64> {
    Some(match w {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "dozen" => 12.0,
        _ => return None,
    })
}

fn ordinal_value(w: &str) -> Option<f64> {
    Some(match w {
        "first" => 1.0,
        "second" => 2.0,
        "third" => 3.0,
        "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        "eleventh" => 11.0,
        "twelfth" => 12.0,
        "twentieth" => 20.0,
        _ => {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            if !digits.is_empty() && matches!(suffix, "st" | "nd" | "rd" | "th") {
                digits.parse().ok()?
            } else {
                return None;
            }
        }
    })
}

fn scale(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" => 1e3,
        "million" | "mln" | "m" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" => 1e12,
        "hundred" => 1e2,
        _ => return None,
    })
}

fn range(value: f64, q: Option<Qualifier>) -> (f64, Option<f64>) {
    match q {
        None => (value, Some(value)),
        Some(Qualifier::MoreThan | Qualifier::AtLeast) => (value, None),
        Some(Qualifier::Nearly) => (value * 0.9, Some(value)),
        Some(Qualifier::About) => (value * 0.9, Some(value * 1.1)),
        Some(Qualifier::UpTo | Qualifier::LessThan) => (0.0, Some(value)),
    }
}

/// Finds the numeric claims of paragraph `p`, skipping tokens inside
/// `skip` (date spans).
pub(crate) fn find(
    p: usize,
    para: &str,
    toks: &[Token],
    skip: &[(usize, usize)],
    out: &mut Vec<NumericClaim>,
) {
    let lw = |k: usize| toks.get(k).map(|t| t.text(para).to_lowercase());
    let mut k = 0;
    while k < toks.len() {
        let t = toks[k];
        if skip.iter().any(|&(s, e)| t.start >= s && t.start < e) || t.kind == TokenKind::Punct {
            k += 1;
            continue;
        }
        let w = t.text(para).to_lowercase();
        // "six-week": a number word glued to its unit.
        let (head, glued) = match w.split_once('-') {
            Some((h, rest)) if word_value(h).is_some() || h.chars().all(|c| c.is_ascii_digit()) => {
                (h.to_owned(), Some(rest.to_owned()))
            }
            _ => (w.clone(), None),
        };
        let mut ordinal = false;
        let mut value = if t.kind == TokenKind::Number
            || head
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                && !head.is_empty()
        {
            if let Some(v) = ordinal_value(&head) {
                ordinal = true;
                Some(v)
            } else {
                head.replace(',', "").parse::<f64>().ok()
            }
        } else if let Some(v) = word_value(&head) {
            Some(v)
        } else if let Some(v) = ordinal_value(&head).filter(|_| head != "second" && head != "first")
        {
            ordinal = true;
            Some(v)
        } else if head == "a"
            && lw(k + 1).as_deref().is_some_and(|n| {
                matches!(n, "million" | "billion" | "thousand" | "dozen" | "hundred")
            })
        {
            Some(1.0)
        } else {
            None
        };
        let Some(mut v) = value.take() else {
            k += 1;
            continue;
        };
        let plain = t.text(para);
        // Years, clock times, "one of", "number one".
        let is_year = t.kind == TokenKind::Number
            && plain.len() == 4
            && !plain.contains([',', '.'])
            && (1800.0..=2100.0).contains(&v);
        let is_time = plain.contains(':')
            || toks.get(k + 1).is_some_and(|n| n.text(para) == ":")
            || lw(k + 1)
                .as_deref()
                .is_some_and(|n| matches!(n, "a.m" | "p.m" | "am" | "pm" | "gmt" | "utc"));
        let pronoun_one = head == "one"
            && (lw(k + 1).as_deref() == Some("of")
                || lw(k.wrapping_sub(1)).as_deref() == Some("number"));
        if is_year || is_time || pronoun_one {
            k += 1;
            continue;
        }
        let mut end_tok = k;
        // "33-year-old", "90-day": digits glued to their unit by a hyphen
        // (the tokenizer keeps digits and words apart).
        let mut glued = glued;
        if glued.is_none()
            && t.kind == TokenKind::Number
            && let (Some(h), Some(u)) = (toks.get(k + 1), toks.get(k + 2))
            && h.text(para) == "-"
            && h.start == t.end
            && u.start == h.end
            && u.kind == TokenKind::Word
        {
            glued = Some(u.text(para).to_lowercase());
            end_tok = k + 2;
        }
        // Scales and compound number words: "1.5 million", "twenty five".
        while let Some(n) = lw(end_tok + 1) {
            if let Some(s) = scale(&n).filter(|_| glued.is_none()) {
                v *= if head == "a" && n == "dozen" { 12.0 } else { s };
                end_tok += 1;
            } else if n == "dozen" && head == "a" {
                v = 12.0;
                end_tok += 1;
            } else {
                break;
            }
        }
        // The qualifier: up to three words before.
        let mut start_tok = k;
        let mut qualifier = None;
        for (phrase, q) in QUALIFIERS {
            let n = phrase.split(' ').count();
            if k >= n
                && n > 0
                && (0..n).all(|i| lw(k - n + i).as_deref() == phrase.split(' ').nth(i))
                && (qualifier.is_none() || k - n < start_tok)
            {
                qualifier = Some(*q);
                start_tok = k - n;
            }
        }
        // What is counted.
        let mut counted_words: Vec<String> = Vec::new();
        let mut unit = None;
        if let Some(g) = &glued {
            unit = Some(g.clone());
            counted_words.push(g.clone());
        }
        let mut j = end_tok + 1;
        if toks.get(j).is_some_and(|n| n.text(para) == "%") {
            unit = Some("percent".to_owned());
            j += 1;
        }
        let mut of_seen = false;
        while let Some(n) = toks.get(j) {
            let nw = n.text(para);
            let l = nw.to_lowercase();
            if n.kind == TokenKind::Punct || counted_words.len() >= 5 {
                break;
            }
            if PHRASE_STOP.contains(&l.as_str()) {
                // "weeks of ceasefire": one "of" is part of the phrase.
                if l == "of" && !of_seen && !counted_words.is_empty() {
                    of_seen = true;
                } else {
                    break;
                }
            }
            if l == "of" && counted_words.is_empty() {
                break;
            }
            // A verb ends the phrase: a past form after the head noun
            // ("people fled", "hostages released"), or a common irregular
            // verb anywhere ("a million left"). A participle before any noun
            // is an adjective ("armed men") and stays.
            if IRREGULAR_VERBS.contains(&l.as_str())
                || (!counted_words.is_empty() && l.len() > 4 && l.ends_with("ed"))
            {
                break;
            }
            counted_words.push(nw.to_owned());
            j += 1;
        }
        if counted_words.last().is_some_and(|w| w == "of") {
            counted_words.pop();
        }
        if unit.is_none()
            && let Some(f) = counted_words
                .first()
                .map(|w| w.to_lowercase())
                .filter(|f| UNITS.contains(&f.as_str()))
        {
            unit = Some(f);
        }
        // The rest of the clause, up to eight words.
        let mut ctx_end = None;
        let mut words = 0;
        let mut m = j;
        while let Some(n) = toks.get(m) {
            if n.kind == TokenKind::Punct
                && matches!(
                    n.text(para),
                    "," | "." | ";" | ":" | "\u{2013}" | "\u{2014}" | "(" | ")" | "\u{201d}" | "\""
                )
            {
                break;
            }
            if n.kind != TokenKind::Punct {
                words += 1;
            }
            ctx_end = Some(n.end);
            m += 1;
            if words >= 8 {
                break;
            }
        }
        let context = match (toks.get(j), ctx_end) {
            (Some(s), Some(e)) if e > s.start => para[s.start..e].to_owned(),
            _ => String::new(),
        };
        let (low, high) = range(v, qualifier);
        let s = toks[start_tok].start;
        let e = toks[end_tok].end;
        out.push(NumericClaim {
            span: Span {
                paragraph: p,
                start: s,
                end: e,
            },
            text: para[s..e].to_owned(),
            value: v,
            qualifier,
            low,
            high,
            unit,
            counted: counted_words.join(" "),
            context,
            ordinal,
        });
        k = end_tok + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::token::tokenize;
    use expect_test::{Expect, expect};

    fn check(para: &str, expect: Expect) {
        let mut toks = Vec::new();
        tokenize(para, &mut toks);
        let mut out = Vec::new();
        find(0, para, &toks, &[], &mut out);
        let got: Vec<String> = out
            .iter()
            .map(|c| {
                format!(
                    "{:?} = {} {:?} [{}, {:?}] unit={:?} counted={:?} context={:?}{}",
                    c.text,
                    c.value,
                    c.qualifier,
                    c.low,
                    c.high,
                    c.unit,
                    c.counted,
                    c.context,
                    if c.ordinal { " ordinal" } else { "" }
                )
            })
            .collect();
        expect.assert_eq(&got.join("\n"));
    }

    #[test]
    fn claims() {
        check(
            "More than 1 million Zorvians have taken refuge in Kesh, and over 1.5 million people fled.",
            expect![[r#"
                "More than 1 million" = 1000000 Some(MoreThan) [1000000, None] unit=None counted="Zorvians" context="have taken refuge in Kesh"
                "over 1.5 million" = 1500000 Some(MoreThan) [1500000, None] unit=None counted="people" context="fled""#]],
        );
        check(
            "Nearly 41,200 people were hurt in 2030 during a six-week truce, his sixth trip; more than a million left at 10:30.",
            expect![[r#"
                "Nearly 41,200" = 41200 Some(Nearly) [37080, Some(41200.0)] unit=None counted="people" context="were hurt in 2030 during a six-week truce"
                "six-week" = 6 None [6, Some(6.0)] unit=Some("week") counted="week truce" context=""
                "sixth" = 6 None [6, Some(6.0)] unit=None counted="trip" context="" ordinal
                "more than a million" = 1000000 Some(MoreThan) [1000000, None] unit=None counted="" context="left at 10:30""#]],
        );
    }
}
