//! MinHash signatures: a fixed-size sketch of a shingle set whose agreement
//! rate estimates the Jaccard similarity of two sets.
//!
//! Hand-written rather than taken from `gaoya` because measurement favoured it
//! (see `BENCHMARKS.md`): our shingles are already 32-bit hashes, so each of
//! the `n` permutations is one multiply-add-shift on a `u64`, with no
//! re-hashing of the input per call and no dependencies. The permutation
//! parameters come from a fixed seed, so signatures are the same on every run
//! and every machine.

use serde::{Deserialize, Serialize};

/// A family of `n` seeded hash permutations (multiply-shift: `(a·x + b) >> 32`
/// with odd 64-bit `a`), the hash functions of MinHash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinHasher {
    a: Vec<u64>,
    b: Vec<u64>,
}

/// SplitMix64: a small, well-mixed generator used only to derive the
/// permutation parameters from the seed.
pub(crate) fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl MinHasher {
    /// `permutations` hash functions derived from `seed`.
    pub fn new(permutations: usize, seed: u64) -> MinHasher {
        let mut state = seed;
        let mut a = Vec::with_capacity(permutations);
        let mut b = Vec::with_capacity(permutations);
        for _ in 0..permutations {
            a.push(splitmix64(&mut state) | 1);
            b.push(splitmix64(&mut state));
        }
        MinHasher { a, b }
    }

    /// How many values a signature has.
    pub fn permutations(&self) -> usize {
        self.a.len()
    }

    /// The signature of a shingle set, written into `out` (resized to
    /// [`MinHasher::permutations`]). An empty set gives all `u32::MAX`.
    pub fn signature_into(&self, shingles: &[u32], out: &mut Vec<u32>) {
        out.clear();
        out.resize(self.a.len(), u32::MAX);
        // Shingles outer, permutations inner: the inner loop runs over
        // contiguous arrays and the compiler vectorises it.
        for &x in shingles {
            let x = u64::from(x);
            for ((slot, &a), &b) in out.iter_mut().zip(&self.a).zip(&self.b) {
                let h = (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32;
                *slot = (*slot).min(h);
            }
        }
    }

    /// The signature of a shingle set.
    pub fn signature(&self, shingles: &[u32]) -> Vec<u32> {
        let mut out = Vec::new();
        self.signature_into(shingles, &mut out);
        out
    }
}

/// The share of positions where two signatures agree: an estimate of the
/// Jaccard similarity of the sets they sketch.
pub fn estimate_jaccard(a: &[u32], b: &[u32]) -> f64 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / n as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_deterministic_and_estimate_jaccard() {
        let h = MinHasher::new(256, 42);
        assert_eq!(h, MinHasher::new(256, 42));
        let a: Vec<u32> = (0..1000).map(|i| i * 7919).collect();
        let b: Vec<u32> = (500..1500).map(|i| i * 7919).collect();
        // True Jaccard: 500 / 1500.
        let est = estimate_jaccard(&h.signature(&a), &h.signature(&b));
        assert!((est - 1.0 / 3.0).abs() < 0.1, "estimate {est}");
        assert_eq!(estimate_jaccard(&h.signature(&a), &h.signature(&a)), 1.0);
        assert!(h.signature(&[]).iter().all(|&v| v == u32::MAX));
    }
}
