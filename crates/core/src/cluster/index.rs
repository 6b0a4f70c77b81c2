//! The candidate index: which live stories might an article belong to?
//!
//! An inverted index from a story's heaviest centroid terms to the story.
//! An article's heaviest terms look up their postings and the stories they
//! reach are ranked by the summed query weight of the terms they share, so
//! that only a handful of stories are scored in full, however many are
//! live. Empty postings are dropped so the index shrinks as stories leave.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::sums::Sums;
use super::vector::{Term, heaviest_first};

thread_local! {
    /// The per-thread sums of [`StoryIndex::candidates`].
    static SCORES: RefCell<Sums> = RefCell::default();
}

/// Term to the slots of the live stories indexed under it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct StoryIndex {
    /// Terms are hashes already, so the map hashes them the cheap way.
    postings: FxHashMap<Term, Vec<u32>>,
}

impl StoryIndex {
    /// Lists `slot` under `terms`.
    pub(crate) fn insert(&mut self, slot: u32, terms: &[Term]) {
        for &t in terms {
            self.postings.entry(t).or_default().push(slot);
        }
    }

    /// Unlists `slot` from `terms`.
    pub(crate) fn remove(&mut self, slot: u32, terms: &[Term]) {
        for t in terms {
            if let Some(list) = self.postings.get_mut(t) {
                if let Some(k) = list.iter().position(|&s| s == slot) {
                    list.swap_remove(k);
                }
                if list.is_empty() {
                    self.postings.remove(t);
                }
            }
        }
    }

    /// Up to `k` slots reached by `query` (term, weight) that `open`
    /// admits, best first; ties by slot so the result never depends on
    /// hash order. Postings longer than `max_postings` are skipped: such a
    /// term is in too many stories to tell them apart. The slots `open`
    /// turns away are passed over before the best `k` are taken, so that
    /// closed stories never crowd out open ones.
    pub(crate) fn candidates(
        &self,
        query: &[(Term, f32)],
        k: usize,
        max_postings: usize,
        open: impl Fn(u32) -> bool,
    ) -> Vec<u32> {
        let ranked: Vec<(u32, f32)> = SCORES.with(|scores| {
            let mut scores = scores.borrow_mut();
            for (t, w) in query {
                let Some(list) = self.postings.get(t) else {
                    continue;
                };
                if list.len() > max_postings {
                    continue;
                }
                for &s in list {
                    scores.add(s, *w);
                }
            }
            scores.take()
        });
        // The best `k` taken by selection, those `open` turns away dropped,
        // and the places they leave filled from the rest the same way:
        // `open` is asked of a few slots, not of every story reached.
        let mut chosen: Vec<(u32, f32)> = Vec::with_capacity(k);
        let mut rest = ranked;
        while chosen.len() < k && !rest.is_empty() {
            let need = k - chosen.len();
            if rest.len() > need {
                rest.select_nth_unstable_by(need - 1, heaviest_first);
            }
            let tail = rest.split_off(rest.len().min(need));
            chosen.extend(rest.into_iter().filter(|&(slot, _)| open(slot)));
            rest = tail;
        }
        chosen.sort_unstable_by(heaviest_first);
        chosen.into_iter().map(|r| r.0).collect()
    }

    /// Distinct terms listed.
    pub(crate) fn terms(&self) -> usize {
        self.postings.len()
    }
}

#[cfg(test)]
mod tests {
    use super::StoryIndex;

    #[test]
    fn closed_stories_are_passed_over_before_the_best_are_taken() {
        let mut index = StoryIndex::default();
        // Slot 0 shares both query terms, slot 1 one of them.
        index.insert(0, &[1, 2]);
        index.insert(1, &[1]);
        let query = [(1, 0.5), (2, 0.5)];
        assert_eq!(index.candidates(&query, 1, 100, |_| true), [0]);
        // Slot 0 closed (a silent story): the one place goes to slot 1.
        assert_eq!(index.candidates(&query, 1, 100, |s| s != 0), [1]);
        assert_eq!(index.candidates(&query, 2, 100, |s| s != 0), [1]);
        // Postings over the limit are not followed.
        assert!(index.candidates(&[(2, 1.0)], 2, 0, |_| true).is_empty());
    }
}
