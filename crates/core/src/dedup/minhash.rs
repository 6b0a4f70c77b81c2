//! MinHash signatures: a fixed-size sketch of a shingle set whose agreement
//! rate estimates the Jaccard similarity of two sets.
//!
//! Signatures are made by one-permutation hashing with optimal densification
//! (Li, Owen and Zhang, NIPS 2012; Shrivastava, ICML 2017): every shingle is
//! hashed once, into one of `n` bins, and each bin keeps its smallest value;
//! an empty bin borrows the value of a filled bin chosen by a seeded probe
//! sequence. Two sets agree on a bin with probability equal to their Jaccard
//! similarity, as with `n` independent permutations, at one hash per shingle
//! instead of `n`. The classic `n`-permutation form is kept
//! ([`MinHasher::permutation_signature_into`]) so the benchmark can show what
//! the choice is worth. Hand-written rather than taken from `gaoya`: see
//! ARCHITECTURE.md. Everything derives from a fixed seed, so signatures are
//! the same on every run and every machine.

use serde::{Deserialize, Serialize};

/// The seeded hash functions of MinHash: the bin hash of one-permutation
/// hashing, and `n` multiply-add-shift functions (`(a·x + b) >> 32`, odd
/// 64-bit `a`) for the classic form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinHasher {
    a: Vec<u64>,
    b: Vec<u64>,
    seed: u64,
}

/// A bin no shingle fell into.
const EMPTY: u32 = u32::MAX;

/// The SplitMix64 finaliser: a cheap, well-mixed 64-bit hash of a 64-bit value.
#[inline]
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// `h` scaled into `0..n` without a division (Lemire's multiply-shift).
#[inline]
fn scale(h: u64, n: usize) -> usize {
    (((h >> 32) * n as u64) >> 32) as usize
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
        MinHasher {
            a,
            b,
            seed: splitmix64(&mut state),
        }
    }

    /// How many values a signature has.
    pub fn permutations(&self) -> usize {
        self.a.len()
    }

    /// The signature of a shingle set, written into `out` (resized to
    /// [`MinHasher::permutations`] values): one-permutation hashing with
    /// optimal densification. An empty set gives all `u32::MAX`.
    pub fn signature_into(&self, shingles: &[u32], out: &mut Vec<u32>) {
        let n = self.a.len();
        out.clear();
        out.resize(n, EMPTY);
        if n == 0 || shingles.is_empty() {
            return;
        }
        for &x in shingles {
            let h = mix64(u64::from(x) ^ self.seed);
            let bin = scale(h, n);
            // Values stop one short of EMPTY so a filled bin is never
            // mistaken for an empty one.
            let v = (h as u32).min(EMPTY - 1);
            if v < out[bin] {
                out[bin] = v;
            }
        }
        // Optimal densification: each empty bin probes bins in its own
        // seeded order and copies the first filled one. Only originally
        // filled bins are copied, so the result does not depend on the
        // order bins are visited.
        let filled: Vec<bool> = out.iter().map(|&v| v != EMPTY).collect();
        for i in 0..n {
            if filled[i] {
                continue;
            }
            let mut probe = self.seed ^ ((i as u64) << 32);
            loop {
                probe = mix64(probe.wrapping_add(0x9e37_79b9_7f4a_7c15));
                let j = scale(probe, n);
                if filled[j] {
                    out[i] = out[j];
                    break;
                }
            }
        }
    }

    /// The classic signature: the minimum of each of `n` independent
    /// multiply-add-shift hash functions over the set, `n` hashes per
    /// shingle. Kept for the benchmark's comparison.
    pub fn permutation_signature_into(&self, shingles: &[u32], out: &mut Vec<u32>) {
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
        let mut classic = (Vec::new(), Vec::new());
        h.permutation_signature_into(&a, &mut classic.0);
        h.permutation_signature_into(&b, &mut classic.1);
        let est = estimate_jaccard(&classic.0, &classic.1);
        assert!((est - 1.0 / 3.0).abs() < 0.1, "classic estimate {est}");
    }

    #[test]
    fn densified_signatures_estimate_jaccard_on_small_sets() {
        // Fewer shingles than bins: most bins are filled by densification.
        let h = MinHasher::new(128, 7);
        let mut errors = 0.0;
        for trial in 0..50u32 {
            let base = trial * 100_000;
            let a: Vec<u32> = (base..base + 40)
                .map(|i| i.wrapping_mul(2_654_435_761))
                .collect();
            let b: Vec<u32> = (base + 20..base + 60)
                .map(|i| i.wrapping_mul(2_654_435_761))
                .collect();
            // True Jaccard: 20 / 60.
            errors += (estimate_jaccard(&h.signature(&a), &h.signature(&b)) - 1.0 / 3.0).abs();
            let one = h.signature(&a[..1]);
            assert!(
                one.iter().all(|&v| v == one[0]),
                "one shingle fills every bin"
            );
        }
        assert!(errors / 50.0 < 0.08, "mean error {}", errors / 50.0);
    }
}
