//! Wire credits: which news agencies a report names as its source, in its
//! dateline, a credit line, a contribution note or the running text, under
//! one canonical name per agency ("The Associated Press" becomes "AP").

use std::sync::LazyLock;

use regex::Regex;

use super::line::Line;
use crate::model::{Credit, CreditKind};
use crate::text::ascii_word_boundaries;

/// Agencies: canonical name and the spellings that name it. Short
/// all-capital forms match only as whole words in their printed case, so
/// "ap" inside a word or "pa" in lower-case prose never counts.
const AGENCIES: &[(&str, &[&str])] = &[
    ("AP", &["The Associated Press", "Associated Press", "AP"]),
    (
        "AFP",
        &["Agence France-Presse", "Agence France Presse", "AFP"],
    ),
    ("Reuters", &["Thomson Reuters", "Reuters"]),
    ("dpa", &["Deutsche Presse-Agentur", "dpa", "DPA"]),
    ("GNA", &["Ghana News Agency", "GNA"]),
    ("ANSA", &["ANSA"]),
    ("EFE", &["EFE", "Agencia EFE"]),
    ("Xinhua", &["Xinhua News Agency", "Xinhua"]),
    ("PA", &["PA Media", "Press Association", "PA"]),
    ("UPI", &["United Press International", "UPI"]),
    ("Bernama", &["Bernama"]),
    ("Anadolu", &["Anadolu Agency", "Anadolu Ajansı"]),
    ("Kyodo", &["Kyodo News", "Kyodo"]),
    ("Yonhap", &["Yonhap News Agency", "Yonhap"]),
    ("TASS", &["TASS"]),
    ("RIA Novosti", &["RIA Novosti"]),
    ("Interfax", &["Interfax"]),
    ("PTI", &["Press Trust of India", "PTI"]),
    ("IANS", &["IANS"]),
    ("AAP", &["Australian Associated Press", "AAP"]),
    ("CP", &["The Canadian Press", "Canadian Press"]),
    ("KNA", &["KNA"]),
    ("APA", &["APA"]),
    ("epd", &["epd"]),
    ("SDA", &["Keystone-SDA", "SDA"]),
    ("WAM", &["WAM"]),
    ("SPA", &["Saudi Press Agency"]),
    ("MENA", &["Middle East News Agency", "MENA"]),
    ("IRNA", &["IRNA"]),
    ("Bloomberg", &["Bloomberg News"]),
];

/// One alternation over every spelling, longest first so "The Associated
/// Press" wins over "AP"; case-sensitive because agency abbreviations are
/// common lower-case words ("pa", "ap").
static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    let mut names: Vec<&str> = AGENCIES
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    // ASCII word boundaries ([`ascii_word_boundaries`]), at the ends of a
    // name that are ASCII word characters ("Anadolu Ajansı" ends in none).
    let ascii_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let boundary = |c: Option<char>| if ascii_word(c) { r"\b" } else { "" };
    let alt: Vec<String> = names
        .iter()
        .map(|n| {
            let (lead, tail) = (boundary(n.chars().next()), boundary(n.chars().last()));
            format!("{lead}{}{tail}", regex::escape(n))
        })
        .collect();
    Regex::new(&ascii_word_boundaries(&format!("(?:{})", alt.join("|"))))
        .expect("agency pattern is valid")
});

/// The canonical name of an agency spelling.
fn canonical(spelling: &str) -> Option<&'static str> {
    AGENCIES
        .iter()
        .find(|(_, v)| v.contains(&spelling))
        .map(|(c, _)| *c)
}

/// Every agency named in `text`, in order, each once.
pub(crate) fn agencies_in(text: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for m in AGENCY.find_iter(text) {
        if let Some(c) = canonical(m.as_str())
            && !out.contains(&c)
        {
            out.push(c);
        }
    }
    out
}

/// Pushes one credit per agency named in `text`, skipping agencies already
/// credited.
pub(crate) fn record(credits: &mut Vec<Credit>, text: &str, kind: CreditKind) {
    for agency in agencies_in(text) {
        if !credits.iter().any(|c| c.agency == agency) {
            credits.push(Credit {
                agency: agency.to_owned(),
                text: text.to_owned(),
                kind,
            });
        }
    }
}

/// Every `\b` stands beside an ASCII letter of the pattern, so ASCII word
/// boundaries match the same lines, and keep the lazy DFA on lines with
/// non-ASCII letters (a Unicode `\b` sends those to the slower PikeVM).
static CONTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_word_boundaries(
        r"(?i)(contributed (reporting )?to this (report|story|article)|information for this (report|story|article) (was|came)|^\(?(additional )?(reporting|writing|editing|compiled) by\b|with (additional )?(reporting|input) from\b|^\(?mit material (von|der)\b|^mitarbeit:|this (story|article|report) (was|has been) (updated|corrected|produced)|^\(?(source|sources|quelle|quellen):)",
    ))
    .expect("contribution pattern is valid")
});

static IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_word_boundaries(
        r"(?i)(\b(reported|said|reports|quoted|cited|told)\b|according to|\b(berichtete|meldete|zufolge|wie)\b)",
    ))
    .expect("in-text credit pattern is valid")
});

/// What kind of credit line `line` is, if it is one: a contribution note
/// ("X contributed to this report") or a bare credit ("AFP/ Al Jazeera").
pub(crate) fn credit_line(line: &Line<'_>) -> Option<CreditKind> {
    if line.words <= 60 && CONTRIBUTION.is_match(line.text) {
        return Some(CreditKind::Contribution);
    }
    if line.words <= 8 && !line.terminal && is_name_list(line.text) {
        return Some(CreditKind::CreditLine);
    }
    None
}

/// A short list of names, at least one of them an agency, separated by
/// slashes, commas, semicolons, "and" or "with": "AFP/ Al Jazeera",
/// "Reuters, dpa".
fn is_name_list(text: &str) -> bool {
    let text = text.trim_matches(|c: char| matches!(c, '(' | ')' | '-' | '–' | '—' | ' '));
    if agencies_in(text).is_empty() {
        return false;
    }
    text.split(['/', ',', ';', '&', '|'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" with "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .all(|part| {
            part.split_whitespace().count() <= 4
                && (part.chars().next().is_some_and(|c| c.is_uppercase())
                    || !agencies_in(part).is_empty())
        })
}

/// Records agencies a body sentence attributes reporting to ("..., AFP
/// reported."), keeping the sentence.
pub(crate) fn in_text(credits: &mut Vec<Credit>, text: &str) {
    if !IN_TEXT.is_match(text) || !AGENCY.is_match(text) {
        return;
    }
    for sentence in text.split_inclusive(['.', '!', '?']) {
        if IN_TEXT.is_match(sentence) && !agencies_in(sentence).is_empty() {
            record(credits, sentence.trim(), CreditKind::InText);
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    fn check(text: &str, expect: Expect) {
        let line = Line::new(1, text);
        let mut credits = Vec::new();
        match credit_line(&line) {
            Some(kind) => record(&mut credits, text, kind),
            None => in_text(&mut credits, text),
        }
        let shown: Vec<String> = credits
            .iter()
            .map(|c| format!("{} {:?}", c.agency, c.kind))
            .collect();
        expect.assert_eq(&shown.join(", "));
    }

    #[test]
    fn credits() {
        check("AFP/ Al Jazeera", expect!["AFP CreditLine"]);
        // A spelling ending in a non-ASCII letter, after curly quotes.
        check(
            "“The talks ended,” Anadolu Ajansı reported on Friday.",
            expect!["Anadolu InText"],
        );
        check(
            "Reuters, dpa",
            expect!["Reuters CreditLine, dpa CreditLine"],
        );
        check(
            "Lena Roth contributed to this report. Information for this report was obtained in part from The Associated Press and Agence France-Presse.",
            expect!["AP Contribution, AFP Contribution"],
        );
        check(
            "The dam held overnight, Xinhua reported.",
            expect!["Xinhua InText"],
        );
        check("The pa said ap was fine.", expect![""]);
        check("Mapping the APAC market", expect![""]);
        check("(Reporting by Ina Berg; Editing by Tom Wu)", expect![""]);
    }
}
