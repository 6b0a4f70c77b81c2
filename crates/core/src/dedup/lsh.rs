//! LSH banding: MinHash signatures cut into `bands` bands of `rows` values;
//! two articles become candidates when any band agrees exactly.
//!
//! With Jaccard similarity `s`, the chance of becoming a candidate is
//! `1 - (1 - s^rows)^bands`, an S-curve whose midpoint is near
//! `(1 / bands)^(1 / rows)`. Candidates are only candidates: every pair is
//! verified on the exact shingle sets before it links two articles.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// The SplitMix64 finaliser, to fold a band's values into one key.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The band buckets of every article indexed so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bands {
    bands: usize,
    rows: usize,
    /// Band key (band number mixed into the hash) to the articles with it.
    /// Keys are already well-mixed hashes, so the map uses the cheap Fx
    /// hasher rather than SipHash.
    buckets: FxHashMap<u64, Postings>,
}

/// The articles under one key: most keys hold one or two, so up to four
/// are kept in place rather than in an allocation of their own (building
/// and dropping those was a fifth of deduplicating a corpus).
pub(crate) type Postings = smallvec::SmallVec<[u32; 4]>;

/// Bytes a posting list holds outside its map slot.
pub(crate) fn heap_bytes(p: &Postings) -> usize {
    if p.spilled() { p.capacity() * 4 } else { 0 }
}

impl Bands {
    /// An empty banding of signatures with `bands × rows` values.
    pub fn new(bands: usize, rows: usize) -> Bands {
        Bands {
            bands: bands.max(1),
            rows: rows.max(1),
            buckets: FxHashMap::default(),
        }
    }

    fn keys<'a>(&self, signature: &'a [u32]) -> impl Iterator<Item = u64> + 'a {
        let rows = self.rows;
        signature
            .chunks_exact(rows)
            .take(self.bands)
            .enumerate()
            .map(|(band, values)| {
                let mut key = (band as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                for &v in values {
                    key = mix(key ^ u64::from(v));
                }
                key
            })
    }

    /// Pushes onto `out` every indexed article sharing a band with
    /// `signature` (with repeats; the caller sorts and dedups).
    pub fn candidates(&self, signature: &[u32], out: &mut Vec<u32>) {
        for key in self.keys(signature) {
            if let Some(docs) = self.buckets.get(&key) {
                out.extend_from_slice(docs);
            }
        }
    }

    /// Indexes article number `doc` under its signature's bands.
    pub fn insert(&mut self, doc: u32, signature: &[u32]) {
        let keys: Vec<u64> = self.keys(signature).collect();
        for key in keys {
            self.buckets.entry(key).or_default().push(doc);
        }
    }

    /// How many band entries are stored (for memory accounting).
    pub fn entries(&self) -> usize {
        self.buckets.values().map(|p| p.len()).sum()
    }

    /// How many distinct buckets exist (for memory accounting).
    pub fn buckets(&self) -> usize {
        self.buckets.len()
    }

    /// Bytes the posting lists hold outside the map (for memory accounting).
    pub fn heap_bytes(&self) -> usize {
        self.buckets.values().map(heap_bytes).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_signatures_collide_and_different_do_not() {
        let mut b = Bands::new(4, 2);
        b.insert(0, &[1, 2, 3, 4, 5, 6, 7, 8]);
        let mut out = Vec::new();
        b.candidates(&[9, 9, 3, 4, 9, 9, 9, 9], &mut out);
        assert_eq!(out, [0]);
        out.clear();
        // The same values in a different band do not collide.
        b.candidates(&[3, 4, 9, 9, 9, 9, 9, 9], &mut out);
        assert!(out.is_empty());
    }
}
