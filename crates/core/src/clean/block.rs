//! Context classification of the lines no rule recognised, after jusText
//! (Pomikálek 2011): a line of prose is kept, a long line without prose
//! structure is dropped, and short lines and borderline prose take the
//! class of the nearest decided neighbours, since headings, list items and
//! short paragraphs inside an article sit between paragraphs of prose while
//! menus and footers sit among other short lines.

use super::line::Line;

/// The class of a line before and after looking at its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Prose: kept whatever surrounds it.
    Good,
    /// Borderline prose: kept unless both decided neighbours are bad.
    NearGood,
    /// Too short to judge alone.
    Short,
    /// No prose structure.
    Bad,
}

/// Settings of the classifier.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Thresholds {
    /// Lines shorter than this many characters are [`Class::Short`] unless
    /// they are sentences.
    pub(crate) short_chars: usize,
    /// Function-word density at and above which a long line is prose.
    pub(crate) good_density: f32,
    /// Function-word density below which a long line is bad.
    pub(crate) bad_density: f32,
}

/// The class of a line on its own.
pub(crate) fn initial(line: &Line<'_>, t: &Thresholds) -> Class {
    if line.is_sentence() && line.words >= 10 {
        return Class::Good;
    }
    if line.is_sentence() || is_short_sentence(line) {
        return Class::NearGood;
    }
    // A short line in capitals is a label or a button ("NOTAS RELACIONADAS",
    // "E-MAGAZIN"); an article's own headings and quotes are in sentence case.
    if line.chars < t.short_chars && is_shouted(line.text) {
        return Class::Bad;
    }
    if line.chars < t.short_chars {
        return Class::Short;
    }
    if line.function_density >= t.good_density {
        if line.chars >= 2 * t.short_chars {
            Class::Good
        } else {
            Class::NearGood
        }
    } else if line.function_density >= t.bad_density {
        Class::NearGood
    } else {
        Class::Bad
    }
}

/// A sentence too short for [`Line::is_sentence`] ("Repairs end in May.",
/// "\"We are ready,\" Pell said."): capitalised, a few words, a full stop
/// (not a colon, which labels end with), and a function word or a quote.
fn is_short_sentence(line: &Line<'_>) -> bool {
    let t = line.text.trim_end_matches(['"', '\'', '”', '’', '»', ')']);
    (3..6).contains(&line.words)
        && t.ends_with(['.', '!', '?'])
        && super::line::starts_upper(line.text)
        && (line.function_density > 0.0 || line.text.contains(['"', '“', '”']))
}

/// Whether the text has at least three letters and none of them lower-case.
fn is_shouted(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        // Scripts without case (Han, Arabic) are not shouting.
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 3
}

/// Marks as bad every run of at least `min_run` consecutive fragments
/// (short lines that are not sentences): menus, tag clouds, lists of
/// teaser headlines and footers come as such runs, while an article's own
/// short lines (a subheading, a one-line quote, a sign-off) stand alone or
/// in pairs between paragraphs. Text rendered from a page loses the link
/// density jusText reads; the run length is what survives of it.
pub(crate) fn mark_fragment_runs(lines: &[&Line<'_>], classes: &mut [Class], min_run: usize) {
    let is_fragment =
        |l: &Line<'_>| !(l.is_sentence() || l.is_prose() && l.terminal) && l.words <= 25;
    let mut start = 0;
    while start < lines.len() {
        if !is_fragment(lines[start]) {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < lines.len() && is_fragment(lines[end]) {
            end += 1;
        }
        // A lead-in ending in a colon ("The repairs included:") opens a
        // list of the article's own, which prose follows: not a menu.
        let introduced = lines[start].text.trim_end().ends_with(':') && lines[start].words >= 2;
        let prose_follows = lines.get(end).is_some_and(|l| l.is_prose());
        if end - start >= min_run
            && !(introduced && prose_follows)
            && !is_listing(lines, start, end)
        {
            for c in &mut classes[start..end] {
                *c = Class::Bad;
            }
        }
        start = end;
    }
}

/// Whether the fragments `lines[start..end]` are a listing of the
/// article's own (a recipe's ingredients, lines of code, a table of figures)
/// rather than a menu: full sentences stand on both sides of it, and at
/// least two in three of its lines carry the marks of such listings
/// ([`is_listing_line`]), where the items of menus and teaser lists are
/// words and headlines in title or sentence case.
fn is_listing(lines: &[&Line<'_>], start: usize, end: usize) -> bool {
    let full = |l: Option<&&Line<'_>>| l.is_some_and(|l| l.is_sentence() && l.words >= 10);
    let enclosed = start > 0 && full(lines.get(start - 1)) && full(lines.get(end));
    let marked = lines[start..end]
        .iter()
        .filter(|l| is_listing_line(l))
        .count();
    enclosed && 3 * marked >= 2 * (end - start)
}

/// Whether a line has a mark of a listing: a figure ("200 g sugar"), code
/// punctuation, a lower-case start (a continued item, a command) or an
/// item separator at its end.
fn is_listing_line(line: &Line<'_>) -> bool {
    line.text
        .chars()
        .any(|c| c.is_ascii_digit() || "=(){}[];$<>#_\\".contains(c))
        || line.text.chars().next().is_some_and(char::is_lowercase)
        || line.text.ends_with([',', ';'])
}

/// The nearest class before (`step` -1) or after (+1) `i` that is not
/// short (and not near-good when `skip_near`), or bad past either end.
fn neighbour(classes: &[Class], i: usize, forward: bool, skip_near: bool) -> Class {
    let mut j = i;
    loop {
        if forward {
            j += 1;
            if j >= classes.len() {
                return Class::Bad;
            }
        } else {
            if j == 0 {
                return Class::Bad;
            }
            j -= 1;
        }
        match classes[j] {
            Class::Short => continue,
            Class::NearGood if skip_near => continue,
            c => return c,
        }
    }
}

/// Revises short and near-good lines by their neighbours; returns the
/// final class of every line (only [`Class::Good`] and [`Class::Bad`]).
///
/// A text without a single line of full prose (a brief of two short
/// sentences) keeps its near-good lines: they are the best it has.
pub(crate) fn classify(initial: &[Class]) -> Vec<Class> {
    let mut classes = initial.to_vec();
    if !classes.contains(&Class::Good) {
        for c in &mut classes {
            if *c == Class::NearGood {
                *c = Class::Good;
            }
        }
    }
    // Short lines first, reading the initial classes.
    let mut revised = classes.clone();
    for (i, c) in classes.iter().enumerate() {
        if *c != Class::Short {
            continue;
        }
        let prev = neighbour(&classes, i, false, true);
        let next = neighbour(&classes, i, true, true);
        revised[i] = match (prev, next) {
            (Class::Good, Class::Good) => Class::Good,
            (Class::Bad, Class::Bad) => Class::Bad,
            // Between prose and furniture: a heading leads into the prose
            // after it, while a label or teaser trails the prose before it.
            (_, Class::Good) => Class::Good,
            _ => Class::Bad,
        };
    }
    classes = revised;
    // Then near-good lines, reading the revised classes.
    let mut out = classes.clone();
    for (i, c) in classes.iter().enumerate() {
        if *c != Class::NearGood {
            continue;
        }
        let prev = neighbour(&classes, i, false, true);
        let next = neighbour(&classes, i, true, true);
        out[i] = if prev == Class::Bad && next == Class::Bad {
            Class::Bad
        } else {
            Class::Good
        };
    }
    out
}
