//! The segment metric of extraction benchmarks (trafilatura's evaluation):
//! a page lists text that must appear in the extracted text ("with") and
//! boilerplate that must not ("without"); found "with" segments are true
//! positives, missed ones false negatives, found "without" segments false
//! positives, absent ones true negatives.

use serde::Serialize;

/// Counts of the segment metric, summed over pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SegmentCounts {
    /// "with" segments found.
    pub tp: usize,
    /// "with" segments missing.
    pub fn_: usize,
    /// "without" segments found.
    pub fp: usize,
    /// "without" segments absent.
    pub tn: usize,
}

impl SegmentCounts {
    /// Adds another page's counts.
    pub fn add(&mut self, other: SegmentCounts) {
        self.tp += other.tp;
        self.fn_ += other.fn_;
        self.fp += other.fp;
        self.tn += other.tn;
    }

    /// Precision: tp / (tp + fp), 0 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Recall: tp / (tp + fn), 0 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Accuracy: (tp + tn) / all segments.
    pub fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Collapses every run of whitespace (line breaks included) to one space,
/// so a segment that spans a line break in the output still matches, and
/// drops soft hyphens (U+00AD), which are invisible on a page: the gold
/// segments were copied from rendered pages, some with them and some
/// without, and a word reads the same either way.
pub fn normalise(text: &str) -> String {
    text.split_whitespace()
        .map(|w| w.replace('\u{ad}', ""))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Scores one page: `output` is the extracted text, already passed through
/// [`normalise`]; segments are matched as exact substrings after the same
/// whitespace normalisation.
///
/// ```
/// use storyline_core::eval::segments::{normalise, score_page};
/// let out = normalise("The mill\nreopened on Monday.");
/// let c = score_page(&out, &["mill reopened", "Monday"], &["Imprint"]);
/// assert_eq!((c.tp, c.fn_, c.fp, c.tn), (2, 0, 0, 1));
/// ```
pub fn score_page<S: AsRef<str>>(output: &str, with: &[S], without: &[S]) -> SegmentCounts {
    let mut c = SegmentCounts::default();
    for s in with {
        if output.contains(&normalise(s.as_ref())) {
            c.tp += 1;
        } else {
            c.fn_ += 1;
        }
    }
    for s in without {
        if output.contains(&normalise(s.as_ref())) {
            c.fp += 1;
        } else {
            c.tn += 1;
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_hand() {
        let out = normalise("alpha beta\ngamma");
        let mut total = score_page(&out, &["beta gamma", "delta"], &["alpha", "omega"]);
        assert_eq!((total.tp, total.fn_, total.fp, total.tn), (1, 1, 1, 1));
        total.add(score_page("", &["x"], &["y"]));
        assert_eq!(total.precision(), 0.5);
        assert_eq!(total.recall(), 1.0 / 3.0);
        assert!((total.f1() - 0.4).abs() < 1e-12);
        assert_eq!(SegmentCounts::default().f1(), 0.0);
    }

    #[test]
    fn soft_hyphens_do_not_count() {
        let out = normalise("Wasser\u{ad}stand  steigt");
        assert_eq!(out, "Wasserstand steigt");
        let c = score_page(&out, &["Was\u{ad}ser\u{ad}stand steigt"], &["steigt nicht"]);
        assert_eq!((c.tp, c.fn_), (1, 0));
    }
}
