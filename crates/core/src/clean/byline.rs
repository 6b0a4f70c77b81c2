//! Bylines and printed dates in the header of a report: "By Ann Lee",
//! "Ann Lee | 18.09.2024 - Update : 18.09.2024", "May 03, 2013".

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::dateline::MONTH;
use super::line::Line;

static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by|von|par|por|di|door|text:|autor:|author:|written by)\s+(?P<name>\p{Lu}[\p{L}.'\-]*(?:\s+(?:\p{Lu}[\p{L}.'\-]*|van|von|de|der|da|al|bin|and|und|&)){0,6})(?P<tail>.*)$")
        .expect("byline pattern is valid")
});

static NAME_BAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<name>\p{Lu}[\p{L}.'\-]+(?:\s+\p{Lu}[\p{L}.'\-]+){1,3})\s*[|•·]\s*(?P<tail>.*\d.*)$",
    )
    .expect("name-bar pattern is valid")
});

/// A byline read from a header line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Byline {
    /// The name(s) as printed, without "By".
    pub(crate) name: String,
    /// The date printed on the same line, if any.
    pub(crate) date: Option<NaiveDate>,
}

/// Reads a byline from a short header line.
pub(crate) fn byline(line: &Line<'_>) -> Option<Byline> {
    if line.words > 16 || line.is_sentence() {
        return None;
    }
    let caps = BY
        .captures(line.text)
        .or_else(|| NAME_BAR.captures(line.text))?;
    let name = caps.name("name")?.as_str().trim();
    let name = name
        .trim_end_matches(|c: char| c == ',' || c == '|' || c.is_whitespace())
        .trim_end_matches(" and")
        .trim_end_matches(" und");
    let tail = caps.name("tail").map_or("", |m| m.as_str());
    // "By the time the rain stopped" is prose: the tail of a byline holds
    // a date, an outlet or a role, not a running clause.
    if !tail.is_empty()
        && !tail
            .trim_start()
            .starts_with([',', '|', '•', '·', '-', '–', '—', '/', '(', '@'])
        && date_in(tail).is_none()
    {
        return None;
    }
    if name.split_whitespace().count() > 6 {
        return None;
    }
    Some(Byline {
        name: name.to_owned(),
        date: date_in(tail),
    })
}

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b|\b(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})\b")
        .expect("numeric date pattern is valid")
});

static WORDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b|\b(?P<d2>\d{{1,2}})\.?\s+(?P<mon2>{MONTH})\s+(?P<y2>\d{{4}})\b"
    ))
    .expect("worded date pattern is valid")
});

fn month_number(name: &str) -> Option<u32> {
    let n: String = name
        .trim_end_matches('.')
        .chars()
        .take(3)
        .flat_map(char::to_lowercase)
        .collect();
    let m = match n.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" | "mär" => 3,
        "apr" => 4,
        "may" | "mai" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" | "okt" => 10,
        "nov" => 11,
        "dec" | "dez" => 12,
        _ => return None,
    };
    Some(m)
}

/// The first full calendar date printed in `text`.
pub(crate) fn date_in(text: &str) -> Option<NaiveDate> {
    let num = |c: &regex::Captures<'_>, a: &str, b: &str| {
        c.name(a)
            .or_else(|| c.name(b))
            .and_then(|m| m.as_str().parse::<u32>().ok())
    };
    if let Some(c) = NUMERIC.captures(text) {
        let y = num(&c, "y", "y2")?;
        return NaiveDate::from_ymd_opt(y as i32, num(&c, "m", "m2")?, num(&c, "d", "d2")?);
    }
    let c = WORDED.captures(text)?;
    let mon = c.name("mon").or_else(|| c.name("mon2"))?.as_str();
    let y = num(&c, "y", "y2")?;
    NaiveDate::from_ymd_opt(y as i32, month_number(mon)?, num(&c, "d", "d2")?)
}

/// Whether the line is a date (with perhaps a weekday, time or label) and
/// nothing else, and which date.
pub(crate) fn date_line(line: &Line<'_>) -> Option<NaiveDate> {
    if line.words > 8 || line.is_sentence() {
        return None;
    }
    let date = date_in(line.text)?;
    let letters_outside: usize = {
        let stripped = NUMERIC.replace_all(line.text, "");
        let stripped = WORDED.replace_all(&stripped, "");
        stripped.chars().filter(|c| c.is_alphabetic()).count()
    };
    // Room for a weekday, "Updated", "am", "Uhr", "GMT".
    (letters_outside <= 20).then_some(date)
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    fn check(text: &str, expect: Expect) {
        let line = Line::new(1, text);
        let shown = format!("{:?} / {:?}", byline(&line), date_line(&line));
        expect.assert_eq(&shown);
    }

    #[test]
    fn bylines_and_dates() {
        check(
            "By Mara Quint and Leo Brandt",
            expect![[r#"Some(Byline { name: "Mara Quint and Leo Brandt", date: None }) / None"#]],
        );
        check(
            "Ida Fenn  | 04.11.2023 - Update : 05.11.2023",
            expect![[
                r#"Some(Byline { name: "Ida Fenn", date: Some(2023-11-04) }) / Some(2023-11-04)"#
            ]],
        );
        check(
            "By the time the rain stopped, the river had risen.",
            expect!["None / None"],
        );
        check("June 07, 2019", expect!["None / Some(2019-06-07)"]);
        check(
            "Montag, 3. März 2025, 14:05 Uhr",
            expect!["None / Some(2025-03-03)"],
        );
        check(
            "On March 21, 2024, crowds gathered.",
            expect!["None / None"],
        );
    }
}
