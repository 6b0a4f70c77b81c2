//! Datelines: the place (and sometimes date and agency) printed at the head
//! of a report, "Cairo, Mar. 22, (dpa/GNA) –", "WASHINGTON (AP) —",
//! "CAIRO:", or a place in capitals on a line of its own.

use std::sync::LazyLock;

use regex::Regex;

use super::credits::agencies_in;
use super::line::Line;
use crate::model::Dateline;

/// A month name or abbreviation, English or German.
pub(crate) const MONTH: &str = r"(?:Jan(?:uary|uar)?|Feb(?:ruary|ruar)?|M[aä]r(?:ch|z)?|Apr(?:il)?|Ma[iy]|June?|Juni|July?|Juli|Aug(?:ust)?|Sept?(?:ember)?|O[ck]t(?:ober)?|Nov(?:ember)?|De[cz](?:ember)?)\.?";

/// Dateline shapes, each with named groups `place`, optional `date` and
/// optional `credit`, ending where the report's first sentence begins.
static SHAPES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let place_mixed = r"(?P<place>\p{Lu}[\p{L}.'\-]+(?: \p{Lu}[\p{L}.'\-]+){0,3})";
    let place_caps = r"(?P<place>\p{Lu}[\p{Lu}.'\-]+(?: \p{Lu}[\p{Lu}.'\-]+){0,3})";
    let date =
        format!(r"(?P<date>{MONTH} \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}}\.? {MONTH}(?: \d{{4}})?)");
    let credit = r"\((?P<credit>[^()]{1,40})\)";
    let dash = r"\s*[–—-]{1,2}\s*";
    [
        // Cairo, Mar. 22, (dpa/GNA) –   /   Cairo, Mar. 22 (AP) —
        format!(r"^{place_mixed}(?:, [\p{{Lu}}][\p{{L}}.]+)?,\s*{date},?\s*(?:{credit})?{dash}"),
        // WASHINGTON (AP) —   /   Berlin (dpa) -
        format!(r"^{place_mixed}(?:, [\p{{Lu}}][\p{{L}}.]+)?\s*{credit}\s*(?:[–—:-]{{1,2}}\s*)?"),
        // CAIRO:   /   CAIRO —
        format!(r"^{place_caps}(?:, [\p{{Lu}}][\p{{L}}.]+)?\s*(?::\s+|{dash})"),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("dateline patterns are valid"))
    .collect()
});

/// Labels that look like a place in capitals but open teasers and notices.
const NOT_PLACES: &[&str] = &[
    "READ",
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "WATCH",
    "PHOTO",
    "PHOTOS",
    "VIDEO",
    "LISTEN",
    "EXCLUSIVE",
    "NOTE",
    "EDITOR'S NOTE",
    "ANALYSIS",
    "OPINION",
    "LIVE",
    "ALSO READ",
    "SEE",
    "FILE",
    "CORRECTION",
    "ADVERTISEMENT",
    "ANZEIGE",
    "TAGS",
    "SOURCE",
    "QUELLE",
    "FOTO",
];

/// A dateline found at the head of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Head<'a> {
    pub(crate) dateline: Dateline,
    /// The credit group, e.g. "dpa/GNA", when the dateline carried one.
    pub(crate) credit: Option<&'a str>,
    /// The paragraph after the dateline.
    pub(crate) rest: &'a str,
}

/// Splits a dateline off the head of a paragraph, if it opens with one
/// and a sentence follows it.
pub(crate) fn split_head(paragraph: &str) -> Option<Head<'_>> {
    for (i, shape) in SHAPES.iter().enumerate() {
        let Some(caps) = shape.captures(paragraph) else {
            continue;
        };
        let whole = caps.get(0).expect("group 0 always matches");
        let place = caps.name("place").map(|m| m.as_str())?;
        if NOT_PLACES.contains(&place) {
            continue;
        }
        let credit = caps.name("credit").map(|m| m.as_str());
        // "Name (Party) Said ..." has the same shape as "PLACE (AP) ...";
        // only an agency in the brackets makes it a dateline.
        if i == 1 && credit.is_none_or(|c| agencies_in(c).is_empty()) {
            continue;
        }
        let rest = &paragraph[whole.end()..];
        let starts_sentence = rest
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"“‘'".contains(c));
        if !starts_sentence || rest.split_whitespace().count() < 4 {
            continue;
        }
        return Some(Head {
            dateline: Dateline {
                text: whole.as_str().trim().to_owned(),
                place: Some(place.to_owned()),
                date: caps.name("date").map(|m| m.as_str().to_owned()),
            },
            credit,
            rest,
        });
    }
    None
}

/// Whether `line` is a place in capitals on a line of its own ("ANKARA"),
/// as wire copy prints it above the first paragraph.
pub(crate) fn is_place_line(line: &Line<'_>) -> bool {
    let t = line.text.trim_end_matches([':', ' ', '-', '–', '—']);
    (1..=3).contains(&line.words)
        && t.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && t.chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\''))
        && !NOT_PLACES.contains(&t)
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    fn check(paragraph: &str, expect: Expect) {
        let shown = match split_head(paragraph) {
            Some(h) => format!(
                "{:?} place={:?} date={:?} credit={:?} | {}",
                h.dateline.text, h.dateline.place, h.dateline.date, h.credit, h.rest
            ),
            None => "none".to_owned(),
        };
        expect.assert_eq(&shown);
    }

    #[test]
    fn shapes() {
        check(
            "Lisbon, Feb. 3, (dpa/EFE) – The harbour reopened on Monday after the storm.",
            expect![[
                r#""Lisbon, Feb. 3, (dpa/EFE) –" place=Some("Lisbon") date=Some("Feb. 3") credit=Some("dpa/EFE") | The harbour reopened on Monday after the storm."#
            ]],
        );
        check(
            "OSLO (AP) — Ferries stopped running across the fjord on Tuesday.",
            expect![[
                r#""OSLO (AP) —" place=Some("OSLO") date=None credit=Some("AP") | Ferries stopped running across the fjord on Tuesday."#
            ]],
        );
        check(
            "LIMA: The council voted to close the old bridge.",
            expect![[
                r#""LIMA:" place=Some("LIMA") date=None credit=None | The council voted to close the old bridge."#
            ]],
        );
        check("READ: Why the bridge matters to the town", expect!["none"]);
        check("The council voted: close the bridge.", expect!["none"]);
        check(
            "Lima is a city. It has bridges and many more.",
            expect!["none"],
        );
    }

    #[test]
    fn place_lines() {
        let yes = |s: &str| is_place_line(&Line::new(1, s));
        assert!(yes("ANKARA"));
        assert!(yes("NEW DELHI"));
        assert!(!yes("READ"));
        assert!(!yes("Ankara"));
        assert!(!yes("UN"));
    }
}
