//! In what order does a batch take its articles? By time key, and within
//! one time key by groups of articles that are each other's nearest
//! neighbours, largest group first, so that the reports of one event come
//! in together whatever order the input lists them in.
//!
//! An article's time key is its own date (published, dateline or header,
//! else the latest full date it prints: [`Profile::date`]). An undated
//! article takes the earliest date of its neighbour group, and one whose
//! group has no date at all has no key: it is taken before the dated ones.
//! The input's order is not used (except, in [`super::read_profiles`], to
//! place dates printed without a year): a pile of undated files comes in
//! the order of a directory listing or an export, which says nothing about
//! when the articles were written (measured in BENCHMARKS.md: letting an
//! undated article take the key of the article listed before it scored
//! 0.83 on shuffled multi-news-val, the neighbour groups 0.84 in any order).

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::profile::{Day, Profile};
use super::sums::Sums;
use super::vector::{Term, TermVector, Vocabulary, heaviest_first, keep_least};
use crate::model::Article;

/// Terms of an article (its heaviest by TF-IDF) listed in the neighbour
/// index and looked up for its nearest neighbour.
const NEIGHBOUR_TERMS: usize = 16;
/// Articles proposed by the index and compared in full for each article.
const NEIGHBOUR_CANDIDATES: usize = 8;
/// Terms listed under more articles than this are skipped in the lookup:
/// they do not tell one event from another, and they would make the
/// lookup quadratic.
const MAX_POSTINGS: usize = 200;
/// An article and its nearest neighbour are grouped when their TF-IDF
/// cosine reaches this.
const GROUP_COSINE: f32 = 0.3;

/// Disjoint sets over article positions; the root of a set is its
/// smallest position, so the result does not depend on the union order.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn new(n: usize) -> Groups {
        Groups {
            parent: (0..n).collect(),
        }
    }

    fn root(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// The nearest neighbour of each article among the others and their
/// cosine, when the index proposes any. Each article's search is
/// independent, so they run in parallel and the answer does not depend on
/// the number of threads; ties go to the earlier position.
fn nearest(units: &[TermVector]) -> Vec<Option<(usize, f32)>> {
    use rayon::prelude::*;
    let tops: Vec<Vec<(Term, f32)>> = units.iter().map(|u| u.top_terms(NEIGHBOUR_TERMS)).collect();
    let mut postings: FxHashMap<Term, Vec<u32>> = FxHashMap::default();
    for (i, top) in tops.iter().enumerate() {
        for &(t, _) in top {
            postings.entry(t).or_default().push(i as u32);
        }
    }
    (0..units.len())
        .into_par_iter()
        // The weight shared with each other article, in sums kept per thread.
        .map_init(Sums::default, |shared, i| {
            for (t, w) in &tops[i] {
                let Some(list) = postings.get(t).filter(|l| l.len() <= MAX_POSTINGS) else {
                    continue;
                };
                for &j in list {
                    if j as usize != i {
                        shared.add(j, *w);
                    }
                }
            }
            let mut ranked: Vec<(u32, f32)> = shared.take();
            keep_least(&mut ranked, NEIGHBOUR_CANDIDATES, heaviest_first);
            ranked
                .into_iter()
                .map(|(j, _)| (j as usize, units[i].dot(&units[j as usize])))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        })
        .collect()
}

/// In what order a batch takes its articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Order {
    /// By time key, an undated article taking the earliest date of its
    /// nearest-neighbour group; within a key by groups, largest first,
    /// then by a hash of the id. The input's order is not used.
    #[default]
    Neighbours,
    /// By time key, an undated article taking the key of the article
    /// listed before it; within a key by a hash of the id. For input whose
    /// order is the order the articles arrived in (a crawl log without
    /// dates), and for replaying gold streams in training: the gold
    /// corpora list each story's reports together, so this is the order
    /// the shipped model was fitted in (BENCHMARKS.md says what a fit in
    /// neighbour order gave).
    Listed,
}

/// The order in which a batch takes its articles (see [`Order`]). Returns
/// positions into `articles`. `vocab` holds the batch's document
/// frequencies.
pub(crate) fn processing_order(
    articles: &[Article],
    profiles: &[Profile],
    vocab: &Vocabulary,
    order: Order,
) -> Vec<usize> {
    let id_hash: Vec<u64> = articles
        .iter()
        .map(|a| xxhash_rust::xxh3::xxh3_64(a.id.as_str().as_bytes()))
        .collect();
    match order {
        Order::Neighbours => neighbour_order(articles, profiles, vocab, &id_hash),
        Order::Listed => listed_order(articles, profiles, &id_hash),
    }
}

fn listed_order(articles: &[Article], profiles: &[Profile], id_hash: &[u64]) -> Vec<usize> {
    let mut keys: Vec<Option<Day>> = Vec::with_capacity(profiles.len());
    let mut last = None;
    for p in profiles {
        let key = p.date.or(last);
        keys.push(key);
        last = key;
    }
    let mut order: Vec<usize> = (0..profiles.len()).collect();
    order.sort_by_cached_key(|&i| (keys[i], id_hash[i], articles[i].id.as_str().to_owned(), i));
    order
}

fn neighbour_order(
    articles: &[Article],
    profiles: &[Profile],
    vocab: &Vocabulary,
    id_hash: &[u64],
) -> Vec<usize> {
    let n = profiles.len();
    let units: Vec<TermVector> = profiles
        .iter()
        .map(|p| p.terms.weighted_unit(|t| vocab.idf(t)))
        .collect();
    let mut groups = Groups::new(n);
    for (i, best) in nearest(&units).into_iter().enumerate() {
        if let Some((j, cosine)) = best
            && cosine >= GROUP_COSINE
        {
            groups.union(i, j);
        }
    }
    let roots: Vec<usize> = (0..n).map(|i| groups.root(i)).collect();
    // Per group: its size, its earliest date, and the smallest id hash of
    // its members (a name for the group that no input order changes).
    let mut size: FxHashMap<usize, usize> = FxHashMap::default();
    let mut earliest: FxHashMap<usize, Day> = FxHashMap::default();
    let mut name: FxHashMap<usize, u64> = FxHashMap::default();
    for i in 0..n {
        *size.entry(roots[i]).or_default() += 1;
        let least = name.entry(roots[i]).or_insert(u64::MAX);
        *least = (*least).min(id_hash[i]);
        if let Some(d) = profiles[i].date {
            let e = earliest.entry(roots[i]).or_insert(d);
            *e = (*e).min(d);
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_cached_key(|&i| {
        let g = roots[i];
        let key = profiles[i].date.or_else(|| earliest.get(&g).copied());
        (
            key,
            std::cmp::Reverse(size[&g]),
            name[&g],
            id_hash[i],
            articles[i].id.as_str().to_owned(),
            i,
        )
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_named_by_their_smallest_member_whatever_the_union_order() {
        let mut a = Groups::new(5);
        a.union(4, 2);
        a.union(2, 0);
        let mut b = Groups::new(5);
        b.union(0, 2);
        b.union(4, 0);
        for g in [&mut a, &mut b] {
            assert_eq!([g.root(0), g.root(2), g.root(4)], [0, 0, 0]);
            assert_eq!([g.root(1), g.root(3)], [1, 3]);
        }
    }
}
