//! Containment: how much of one article is inside another, at article and
//! paragraph level, and the winnowed anchors that find such pairs.
//!
//! Jaccard similarity misses a short copy inside a long one (a wire story cut
//! to three paragraphs has a small Jaccard with the full text), so candidates
//! also come from *anchors*: winnowing (Schleimer et al., SIGMOD 2003) keeps
//! the smallest shingle hash of every window of `w` shingles. Any passage of
//! at least `w + k - 1` words that two articles share gives them a common
//! anchor, wherever the paragraph breaks fall.

use serde::{Deserialize, Serialize};

use super::shingle::{Shingles, intersection};

/// The anchors of a shingle sequence: the minimum of every window of
/// `window` consecutive hashes (a sequence shorter than a window gives its
/// minimum), sorted and deduplicated.
pub fn anchors(sequence: &[u32], window: usize, out: &mut Vec<u32>) {
    out.clear();
    if sequence.is_empty() {
        return;
    }
    let window = window.clamp(1, sequence.len());
    for w in sequence.windows(window) {
        // `windows` yields at least one slice because window <= len.
        if let Some(&m) = w.iter().min() {
            out.push(m);
        }
    }
    out.sort_unstable();
    out.dedup();
}

/// How two articles overlap, measured on their exact shingle sets.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Overlap {
    /// Shingles both have.
    pub shared: u32,
    /// Jaccard similarity of the two shingle sets.
    pub jaccard: f32,
    /// Share of the first article's shingles found in the second.
    pub first_in_second: f32,
    /// Share of the second article's shingles found in the first.
    pub second_in_first: f32,
    /// Paragraphs of the first article found (mostly) in the second.
    pub first_paragraphs_shared: u32,
    /// Paragraphs of the second article found (mostly) in the first.
    pub second_paragraphs_shared: u32,
    /// Whether both have the same folded word sequence.
    pub exact: bool,
}

impl Overlap {
    /// The containment of the smaller article in the larger.
    pub fn of_smaller(&self) -> f32 {
        self.first_in_second.max(self.second_in_first)
    }

    /// Paragraphs shared, counted on the side that shares more.
    pub fn paragraphs_shared(&self) -> u32 {
        self.first_paragraphs_shared
            .max(self.second_paragraphs_shared)
    }

    /// The overlap seen from the other side.
    pub fn flipped(self) -> Overlap {
        Overlap {
            first_in_second: self.second_in_first,
            second_in_first: self.first_in_second,
            first_paragraphs_shared: self.second_paragraphs_shared,
            second_paragraphs_shared: self.first_paragraphs_shared,
            ..self
        }
    }
}

/// What counts as a shared paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ParagraphRule {
    /// Paragraphs with fewer shingles are too short to judge.
    pub min_shingles: usize,
    /// Share of a paragraph's shingles the other article must have.
    pub min_containment: f32,
}

fn paragraphs_shared(a: &Shingles, b: &Shingles, rule: ParagraphRule) -> u32 {
    let mut n = 0;
    for i in 0..a.paragraph_count() {
        let p = a.paragraph(i);
        if p.len() < rule.min_shingles {
            continue;
        }
        let inside = p.iter().filter(|h| b.set.binary_search(h).is_ok()).count();
        if inside as f32 >= rule.min_containment * p.len() as f32 {
            n += 1;
        }
    }
    n
}

/// Measures how `a` and `b` overlap.
pub fn overlap(a: &Shingles, b: &Shingles, rule: ParagraphRule) -> Overlap {
    let shared = intersection(&a.set, &b.set);
    let union = a.set.len() + b.set.len() - shared;
    let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f32 / d as f32 };
    let (pa, pb) = if shared == 0 {
        (0, 0)
    } else {
        (paragraphs_shared(a, b, rule), paragraphs_shared(b, a, rule))
    };
    Overlap {
        shared: shared as u32,
        jaccard: ratio(shared, union),
        first_in_second: ratio(shared, a.set.len()),
        second_in_first: ratio(shared, b.set.len()),
        first_paragraphs_shared: pa,
        second_paragraphs_shared: pb,
        exact: a.words > 0 && a.exact == b.exact,
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::dedup::shingle::Shingler;

    const RULE: ParagraphRule = ParagraphRule {
        min_shingles: 3,
        min_containment: 0.8,
    };

    fn check(a: &[&str], b: &[&str], expect: Expect) {
        let mut s = Shingler::default();
        let a = s.shingle(a.iter().copied(), 3);
        let b = s.shingle(b.iter().copied(), 3);
        let o = overlap(&a, &b, RULE);
        expect.assert_eq(&format!(
            "shared={} j={:.2} a_in_b={:.2} b_in_a={:.2} paras={}/{} exact={}",
            o.shared,
            o.jaccard,
            o.first_in_second,
            o.second_in_first,
            o.first_paragraphs_shared,
            o.second_paragraphs_shared,
            o.exact
        ));
    }

    #[test]
    fn overlaps() {
        let wire = [
            "Floodwater closed the river road near Millbrook on Tuesday, the county said.",
            "Crews expect to reopen it by the weekend if the rain stops.",
            "Two farms lost their spring planting to the water.",
        ];
        check(
            &wire,
            &wire,
            expect!["shared=27 j=1.00 a_in_b=1.00 b_in_a=1.00 paras=3/3 exact=true"],
        );
        check(
            &wire[..1],
            &wire,
            expect!["shared=10 j=0.37 a_in_b=1.00 b_in_a=0.37 paras=1/1 exact=false"],
        );
        check(
            &[
                "Subscribe to the Valley Post for more local news today.",
                wire[0],
                wire[1],
                wire[2],
            ],
            &wire,
            expect!["shared=27 j=0.77 a_in_b=0.77 b_in_a=1.00 paras=3/3 exact=false"],
        );
        check(
            &["Floodwater shut the river road near Millbrook on Tuesday, officials said."],
            &wire[..1],
            expect!["shared=5 j=0.36 a_in_b=0.56 b_in_a=0.50 paras=0/0 exact=false"],
        );
        check(
            &[],
            &wire,
            expect!["shared=0 j=0.00 a_in_b=0.00 b_in_a=0.00 paras=0/0 exact=false"],
        );
    }

    #[test]
    fn anchors_are_window_minima() {
        let mut out = Vec::new();
        anchors(&[5, 3, 9, 1, 7, 8], 3, &mut out);
        assert_eq!(out, [1, 3]);
        anchors(&[5, 3], 4, &mut out);
        assert_eq!(out, [3]);
        anchors(&[], 4, &mut out);
        assert!(out.is_empty());
    }
}
