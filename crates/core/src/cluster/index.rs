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
use super::vector::{Term, heaviest_first, keep_least};

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

    /// Up to `k` slots reached by `query` (term, weight), best first; ties
    /// by slot so the result never depends on hash order. Postings longer
    /// than `max_postings` are skipped: such a term is in too many stories
    /// to tell them apart.
    pub(crate) fn candidates(
        &self,
        query: &[(Term, f32)],
        k: usize,
        max_postings: usize,
    ) -> Vec<u32> {
        let mut ranked: Vec<(u32, f32)> = SCORES.with(|scores| {
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
        keep_least(&mut ranked, k, heaviest_first);
        ranked.sort_unstable_by(heaviest_first);
        ranked.into_iter().map(|r| r.0).collect()
    }

    /// Distinct terms listed.
    pub(crate) fn terms(&self) -> usize {
        self.postings.len()
    }
}
