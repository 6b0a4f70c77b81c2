//! Clustering metrics: how well a predicted grouping of articles into stories
//! matches the gold grouping.
//!
//! All metrics are computed from one contingency table (gold cluster ×
//! predicted cluster → number of shared items), so scoring is linear in the
//! number of items: no loop over pairs of items. The metrics are:
//!
//! - B-cubed precision, recall and F1 (Bagga and Baldwin 1998): per item, the
//!   share of its predicted cluster that is in its gold cluster (precision)
//!   and the share of its gold cluster that is in its predicted cluster
//!   (recall), averaged over items; F1 is the harmonic mean of the averages.
//! - Pairwise precision, recall and F1 over pairs of items put together, as
//!   Miranda et al. (EMNLP 2018) report for news stream clustering.
//! - The adjusted Rand index (Hubert and Arabie 1985).
//! - Normalised mutual information with the arithmetic-mean normaliser,
//!   `MI / ((H(gold) + H(pred)) / 2)`, which is scikit-learn's default.
//!
//! Ids in the gold data but absent from the prediction are each scored as a
//! predicted singleton; ids only in the prediction are ignored and counted.

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;

/// Precision, recall and their harmonic mean, each in `0..=1`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// The harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
}

impl Prf {
    /// Combines `precision` and `recall` with their harmonic mean.
    pub fn new(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// How a predicted clustering compares with the gold clustering.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterScores {
    /// Items scored: every id of the gold data.
    pub items: usize,
    /// Number of gold clusters.
    pub gold_clusters: usize,
    /// Number of predicted clusters over the scored items, counting each
    /// missing id as a singleton of its own.
    pub predicted_clusters: usize,
    /// Gold ids absent from the prediction (scored as singletons).
    pub missing: usize,
    /// Predicted ids absent from the gold data (ignored).
    pub extra: usize,
    /// B-cubed precision, recall and F1, averaged over items.
    pub bcubed: Prf,
    /// Pairwise precision, recall and F1 over pairs of items.
    ///
    /// With no predicted pair precision is 1 (nothing wrongly joined); with no
    /// gold pair recall is 1 (nothing to find).
    pub pairwise: Prf,
    /// The adjusted Rand index: 1 for identical clusterings, about 0 for
    /// chance agreement, negative below chance.
    pub ari: f64,
    /// Normalised mutual information, arithmetic-mean normalisation.
    pub nmi: f64,
}

/// Scores `predicted` against `gold`, both mapping an item id to a cluster
/// label. Labels are only compared for equality within each map, so the two
/// maps may name clusters differently.
///
/// ```
/// use std::collections::HashMap;
/// use storyline_core::eval::score_clustering;
/// let gold: HashMap<&str, &str> = [("a", "x"), ("b", "x"), ("c", "y")].into();
/// let pred: HashMap<&str, &str> = [("a", "1"), ("b", "1"), ("c", "2")].into();
/// let s = score_clustering(&gold, &pred);
/// assert_eq!(s.bcubed.f1, 1.0);
/// assert_eq!(s.ari, 1.0);
/// ```
pub fn score_clustering<I, G, P>(gold: &HashMap<I, G>, predicted: &HashMap<I, P>) -> ClusterScores
where
    I: Eq + Hash + Ord,
    G: Eq + Hash,
    P: Eq + Hash,
{
    // Dense cluster indices. Missing ids get fresh predicted indices past the
    // named ones, which makes each of them a singleton.
    let mut gold_index: HashMap<&G, usize> = HashMap::new();
    let mut pred_index: HashMap<&P, usize> = HashMap::new();
    let mut cells: HashMap<(usize, usize), u64> = HashMap::new();
    let mut missing = 0usize;
    let mut singletons = Vec::new();
    // Visit ids in order so cluster indices, and with them the order of
    // floating-point sums, are the same on every run.
    let mut ids: Vec<(&I, &G)> = gold.iter().collect();
    ids.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (id, g) in ids {
        let next = gold_index.len();
        let gi = *gold_index.entry(g).or_insert(next);
        match predicted.get(id) {
            Some(p) => {
                let next = pred_index.len();
                let pi = *pred_index.entry(p).or_insert(next);
                *cells.entry((gi, pi)).or_insert(0) += 1;
            }
            None => {
                missing += 1;
                singletons.push(gi);
            }
        }
    }
    let named = pred_index.len();
    for (k, gi) in singletons.into_iter().enumerate() {
        cells.insert((gi, named + k), 1);
    }
    let extra = predicted.keys().filter(|id| !gold.contains_key(id)).count();
    let table = Contingency::new(cells, gold_index.len(), named + missing);
    let mut scores = table.scores();
    scores.missing = missing;
    scores.extra = extra;
    scores
}

/// The contingency table of two clusterings over the same items.
struct Contingency {
    /// Non-zero cells: (gold cluster, predicted cluster, shared items).
    cells: Vec<(usize, usize, u64)>,
    /// Gold cluster sizes.
    gold: Vec<u64>,
    /// Predicted cluster sizes.
    pred: Vec<u64>,
    /// Number of items.
    n: u64,
}

/// Pairs among `k` items.
fn pairs(k: u64) -> f64 {
    (k as f64) * (k.saturating_sub(1) as f64) / 2.0
}

impl Contingency {
    fn new(cells: HashMap<(usize, usize), u64>, gold: usize, pred: usize) -> Contingency {
        let mut gold_sizes = vec![0u64; gold];
        let mut pred_sizes = vec![0u64; pred];
        let mut list = Vec::with_capacity(cells.len());
        for ((g, p), c) in cells {
            gold_sizes[g] += c;
            pred_sizes[p] += c;
            list.push((g, p, c));
        }
        // Summation order fixes the last bits of floating-point sums.
        list.sort_unstable();
        let n = gold_sizes.iter().sum();
        Contingency {
            cells: list,
            gold: gold_sizes,
            pred: pred_sizes,
            n,
        }
    }

    fn scores(&self) -> ClusterScores {
        ClusterScores {
            items: self.n as usize,
            gold_clusters: self.gold.len(),
            predicted_clusters: self.pred.len(),
            missing: 0,
            extra: 0,
            bcubed: self.bcubed(),
            pairwise: self.pairwise(),
            ari: self.ari(),
            nmi: self.nmi(),
        }
    }

    /// Each of the `c` items of a cell has precision `c / |pred|` and recall
    /// `c / |gold|`, so a cell adds `c² / |pred|` and `c² / |gold|` to the
    /// sums that are then averaged over items.
    fn bcubed(&self) -> Prf {
        if self.n == 0 {
            return Prf::new(1.0, 1.0);
        }
        let (mut p, mut r) = (0.0, 0.0);
        for &(g, q, c) in &self.cells {
            let c2 = (c * c) as f64;
            p += c2 / self.pred[q] as f64;
            r += c2 / self.gold[g] as f64;
        }
        let n = self.n as f64;
        Prf::new(p / n, r / n)
    }

    fn pair_counts(&self) -> (f64, f64, f64) {
        let together: f64 = self.cells.iter().map(|&(_, _, c)| pairs(c)).sum();
        let gold: f64 = self.gold.iter().map(|&k| pairs(k)).sum();
        let pred: f64 = self.pred.iter().map(|&k| pairs(k)).sum();
        (together, gold, pred)
    }

    fn pairwise(&self) -> Prf {
        let (together, gold, pred) = self.pair_counts();
        let precision = if pred > 0.0 { together / pred } else { 1.0 };
        let recall = if gold > 0.0 { together / gold } else { 1.0 };
        Prf::new(precision, recall)
    }

    fn ari(&self) -> f64 {
        let (index, gold, pred) = self.pair_counts();
        let all = pairs(self.n);
        if all == 0.0 {
            return 1.0;
        }
        let expected = gold * pred / all;
        let max = (gold + pred) / 2.0;
        if max == expected {
            // Both clusterings are all singletons or both one cluster:
            // they agree completely (scikit-learn's convention too).
            return 1.0;
        }
        (index - expected) / (max - expected)
    }

    fn nmi(&self) -> f64 {
        let n = self.n as f64;
        if self.gold.len() == self.pred.len() && self.gold.len() <= 1 {
            return 1.0;
        }
        let entropy = |sizes: &[u64]| -> f64 {
            sizes
                .iter()
                .filter(|&&k| k > 0)
                .map(|&k| {
                    let p = k as f64 / n;
                    -p * p.ln()
                })
                .sum()
        };
        let mi: f64 = self
            .cells
            .iter()
            .map(|&(g, q, c)| {
                let c = c as f64;
                c / n * (n * c / (self.gold[g] as f64 * self.pred[q] as f64)).ln()
            })
            .sum();
        let norm = (entropy(&self.gold) + entropy(&self.pred)) / 2.0;
        if norm <= 0.0 {
            return 1.0;
        }
        // Rounding can push MI a hair past its bounds.
        (mi / norm).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};
    use proptest::prelude::*;

    fn map(spec: &str) -> HashMap<String, String> {
        // "a:x b:x c:y" → {a: x, b: x, c: y}
        spec.split_whitespace()
            .map(|kv| {
                let (k, v) = kv.split_once(':').expect("test spec is id:label");
                (k.to_owned(), v.to_owned())
            })
            .collect()
    }

    fn check(gold: &str, pred: &str, expect: Expect) {
        let s = score_clustering(&map(gold), &map(pred));
        let actual = format!(
            "items={} gold={} pred={} missing={} extra={}\n\
             bcubed P={:.4} R={:.4} F={:.4}\n\
             pairwise P={:.4} R={:.4} F={:.4}\n\
             ari={:.4} nmi={:.4}\n",
            s.items,
            s.gold_clusters,
            s.predicted_clusters,
            s.missing,
            s.extra,
            s.bcubed.precision,
            s.bcubed.recall,
            s.bcubed.f1,
            s.pairwise.precision,
            s.pairwise.recall,
            s.pairwise.f1,
            s.ari,
            s.nmi,
        );
        expect.assert_eq(&actual);
    }

    #[test]
    fn hand_computed_split_and_merge() {
        // Gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}. N = 5.
        // Cells: (G1,P1)=2, (G1,P2)=1, (G2,P2)=2; |G|=3,2; |P|=2,3.
        // B-cubed P = (2²/2 + 1²/3 + 2²/3) / 5 = (2 + 5/3) / 5 = 11/15 = 0.7333
        // B-cubed R = (2²/3 + 1²/3 + 2²/2) / 5 = 11/15 as well.
        // Pairs: together C(2,2)+C(1,2)+C(2,2) = 2; predicted 1+3 = 4;
        //   gold 3+1 = 4; P = R = F = 0.5.
        // ARI: expected = 4·4 / C(5,2) = 1.6, max = (4+4)/2 = 4,
        //   (2 - 1.6) / (4 - 1.6) = 1/6 = 0.1667.
        // NMI: MI = .4 ln(5·2/(3·2)) + .2 ln(5·1/(3·3)) + .4 ln(5·2/(2·3))
        //        = .2043 - .1176 + .2043 = .2911;
        //   H(G) = H(P) = -(.6 ln .6 + .4 ln .4) = .6730; NMI = .2911/.6730 = .4325.
        check(
            "a:x b:x c:x d:y e:y",
            "a:1 b:1 c:2 d:2 e:2",
            expect![[r#"
                items=5 gold=2 pred=2 missing=0 extra=0
                bcubed P=0.7333 R=0.7333 F=0.7333
                pairwise P=0.5000 R=0.5000 F=0.5000
                ari=0.1667 nmi=0.4325
            "#]],
        );
    }

    #[test]
    fn missing_ids_are_singletons_and_extra_ids_are_ignored() {
        // Gold {a,b,c}; predicted {a,b}, c missing (→ singleton {c}), x extra.
        // B-cubed P = (2²/2 + 1²/1) / 3 = 1; R = (2²/3 + 1²/3) / 3 = 5/9 = .5556;
        //   F = 2·(5/9)/(1 + 5/9) = 10/14 = .7143.
        // Pairs: together 1, predicted 1, gold 3: P = 1, R = 1/3, F = .5.
        // ARI: expected = 3·1/3 = 1, max = 2, (1 - 1)/(2 - 1) = 0.
        // NMI: H(G) = 0, so MI = 0 and NMI = 0 / ((0 + .6365)/2) = 0.
        check(
            "a:x b:x c:x",
            "a:1 b:1 x:1",
            expect![[r#"
                items=3 gold=1 pred=2 missing=1 extra=1
                bcubed P=1.0000 R=0.5556 F=0.7143
                pairwise P=1.0000 R=0.3333 F=0.5000
                ari=0.0000 nmi=0.0000
            "#]],
        );
    }

    #[test]
    fn all_singletons_against_one_cluster() {
        // Gold one cluster of 4, predicted all singletons.
        // B-cubed P = 4·(1/1)/4 = 1; R = 4·(1/4)/4 = .25; F = .4.
        // Pairs: none predicted (P = 1 by convention), 6 gold, 0 found: R = 0.
        check(
            "a:x b:x c:x d:x",
            "a:1 b:2 c:3 d:4",
            expect![[r#"
                items=4 gold=1 pred=4 missing=0 extra=0
                bcubed P=1.0000 R=0.2500 F=0.4000
                pairwise P=1.0000 R=0.0000 F=0.0000
                ari=0.0000 nmi=0.0000
            "#]],
        );
        // The reverse: gold all singletons, predicted one cluster.
        // B-cubed P = 4·(1/4)/4 = .25, R = 1.
        check(
            "a:1 b:2 c:3 d:4",
            "a:x b:x c:x d:x",
            expect![[r#"
                items=4 gold=4 pred=1 missing=0 extra=0
                bcubed P=0.2500 R=1.0000 F=0.4000
                pairwise P=0.0000 R=1.0000 F=0.0000
                ari=0.0000 nmi=0.0000
            "#]],
        );
    }

    #[test]
    fn identical_extremes_are_perfect() {
        check(
            "a:1 b:2 c:3",
            "a:p b:q c:r",
            expect![[r#"
                items=3 gold=3 pred=3 missing=0 extra=0
                bcubed P=1.0000 R=1.0000 F=1.0000
                pairwise P=1.0000 R=1.0000 F=1.0000
                ari=1.0000 nmi=1.0000
            "#]],
        );
        check(
            "a:x b:x c:x",
            "a:y b:y c:y",
            expect![[r#"
                items=3 gold=1 pred=1 missing=0 extra=0
                bcubed P=1.0000 R=1.0000 F=1.0000
                pairwise P=1.0000 R=1.0000 F=1.0000
                ari=1.0000 nmi=1.0000
            "#]],
        );
        check(
            "",
            "",
            expect![[r#"
                items=0 gold=0 pred=0 missing=0 extra=0
                bcubed P=1.0000 R=1.0000 F=1.0000
                pairwise P=1.0000 R=1.0000 F=1.0000
                ari=1.0000 nmi=1.0000
            "#]],
        );
    }

    /// Up to 40 items with labels drawn from a small alphabet.
    fn labels() -> impl Strategy<Value = Vec<(u8, u8)>> {
        prop::collection::vec((0u8..6, 0u8..6), 1..40)
    }

    fn maps(v: &[(u8, u8)]) -> (HashMap<usize, u8>, HashMap<usize, u8>) {
        let gold = v.iter().enumerate().map(|(i, &(g, _))| (i, g)).collect();
        let pred = v.iter().enumerate().map(|(i, &(_, p))| (i, p)).collect();
        (gold, pred)
    }

    proptest! {
        #[test]
        fn perfect_prediction_scores_one(v in labels()) {
            let (gold, _) = maps(&v);
            let s = score_clustering(&gold, &gold);
            prop_assert_eq!(s.bcubed, Prf::new(1.0, 1.0));
            prop_assert_eq!(s.pairwise, Prf::new(1.0, 1.0));
            prop_assert!((s.ari - 1.0).abs() < 1e-12);
            prop_assert!((s.nmi - 1.0).abs() < 1e-12);
        }

        #[test]
        fn renaming_labels_changes_nothing(v in labels(), shift in 1u8..50) {
            let (gold, pred) = maps(&v);
            let renamed: HashMap<usize, String> =
                pred.iter().map(|(&i, &p)| (i, format!("s{}", p.wrapping_add(shift)))).collect();
            let a = score_clustering(&gold, &pred);
            let b = score_clustering(&gold, &renamed);
            prop_assert!((a.bcubed.f1 - b.bcubed.f1).abs() < 1e-12);
            prop_assert!((a.pairwise.f1 - b.pairwise.f1).abs() < 1e-12);
            prop_assert!((a.ari - b.ari).abs() < 1e-12);
            prop_assert!((a.nmi - b.nmi).abs() < 1e-12);
        }

        #[test]
        fn scores_stay_in_range(v in labels()) {
            let (gold, pred) = maps(&v);
            let s = score_clustering(&gold, &pred);
            for x in [s.bcubed.precision, s.bcubed.recall, s.bcubed.f1,
                      s.pairwise.precision, s.pairwise.recall, s.pairwise.f1, s.nmi] {
                prop_assert!((0.0..=1.0 + 1e-12).contains(&x));
            }
            prop_assert!(s.ari <= 1.0 + 1e-12);
        }

        #[test]
        fn extremes_bound_bcubed(v in labels()) {
            // All singletons: B-cubed precision is 1. One cluster: recall is 1.
            let (gold, _) = maps(&v);
            let singletons: HashMap<usize, usize> = gold.keys().map(|&i| (i, i)).collect();
            let one: HashMap<usize, u8> = gold.keys().map(|&i| (i, 0)).collect();
            prop_assert!((score_clustering(&gold, &singletons).bcubed.precision - 1.0).abs() < 1e-12);
            prop_assert!((score_clustering(&gold, &one).bcubed.recall - 1.0).abs() < 1e-12);
        }
    }
}
