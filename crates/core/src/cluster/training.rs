//! Training: fitting the decision model on gold stories, reproducibly.
//!
//! Examples come from replaying each gold stream through a [`Clusterer`]
//! that is told the right answer (teacher forcing): every article is scored
//! against the stories the index proposes, plus its gold story when that is
//! live, labelled by whether the story is its gold story, and then placed
//! where gold says. The logistic regression is fitted on those examples,
//! each stream weighing the same however long it is; then the join and
//! merge thresholds are chosen on a grid by running the real clusterer over
//! each stream and maximising mean B-cubed F1.

use std::collections::HashMap;

use super::features::FEATURES;
use super::model::{Example, Model, fit_logistic};
use super::order::processing_order;
use super::profile::Profile;
use super::{ClusterConfig, Clusterer, StoryId, cluster_profiles, read_profiles};
use crate::dedup::Syndication;
use crate::eval::score_clustering;
use crate::model::Article;

/// One gold stream: articles, their syndication groups and their gold story
/// (by article position; `None` for articles without gold).
#[derive(Debug, Clone)]
pub struct StreamExamples {
    /// A name for reports.
    pub name: String,
    /// The articles.
    pub articles: Vec<Article>,
    /// Their syndication groups.
    pub syndication: Syndication,
    /// The gold story of each article, by position.
    pub gold: Vec<Option<String>>,
}

/// The examples of one stream, in processing order (weight 1 each), and the
/// share of articles whose live gold story the index proposed.
pub fn examples(
    stream: &StreamExamples,
    profiles: &[Profile],
    cfg: &ClusterConfig,
) -> (Vec<Example>, f64) {
    let (mut wanted, mut found) = (0usize, 0usize);
    let mut c = Clusterer::new(cfg);
    c.learn_terms(profiles);
    let order = processing_order(&stream.articles, profiles, c.vocabulary(), cfg.order);
    let mut story_of_gold: HashMap<&str, StoryId> = HashMap::new();
    let mut out = Vec::new();
    for i in order {
        let p = &profiles[i];
        let Some(gold) = stream.gold[i].as_deref() else {
            c.push_profile(p, None);
            continue;
        };
        let live = story_of_gold.get(gold).and_then(|&id| c.live_id(id));
        let q = c.begin(p);
        let mut scored = c.score(&q);
        if let Some(id) = live {
            wanted += 1;
            if scored.iter().any(|s| s.id == id) {
                found += 1;
            } else {
                scored.extend(c.score_story(&q, id));
            }
        }
        for s in &scored {
            out.push(Example {
                features: s.features,
                same: Some(s.id) == live,
                weight: 1.0,
            });
        }
        let slot = live.and_then(|id| scored.iter().find(|s| s.id == id).map(|s| s.slot));
        let id = match slot {
            Some(slot) => c.join(slot, &q),
            None => c.open(&q),
        };
        story_of_gold.insert(gold, id);
    }
    (out, found as f64 / wanted.max(1) as f64)
}

/// What fitting reached on one stream.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamScore {
    /// The stream's name.
    pub name: String,
    /// B-cubed F1 of the fitted model on it.
    pub bcubed_f1: f64,
    /// Examples it gave.
    pub examples: usize,
    /// Share of articles whose live gold story was among the candidates.
    pub candidate_recall: f64,
}

/// A fitted model and how it did on each training stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// The model.
    pub model: Model,
    /// Per-stream scores at the chosen thresholds.
    pub scores: Vec<StreamScore>,
}

/// B-cubed F1 of clustering `stream` (pre-read into `profiles`) with `cfg`.
pub fn stream_f1(stream: &StreamExamples, profiles: &[Profile], cfg: &ClusterConfig) -> f64 {
    let c = cluster_profiles(&stream.articles, profiles, &stream.syndication, cfg);
    let mut gold = HashMap::new();
    let mut pred = HashMap::new();
    for (i, g) in stream.gold.iter().enumerate() {
        if let Some(g) = g {
            gold.insert(i, g.as_str());
            pred.insert(i, c.story_of[i]);
        }
    }
    score_clustering(&gold, &pred).bcubed.f1
}

/// Fits a model on `streams`: weights by logistic regression with L2
/// penalty `l2`, then the join threshold and merge threshold on a grid.
pub fn fit(streams: &[StreamExamples], cfg: &ClusterConfig, l2: f64, provenance: &str) -> Fitted {
    let profiles: Vec<Vec<Profile>> = streams
        .iter()
        .map(|s| read_profiles(&s.articles, &cfg.vector))
        .collect();
    let mut all = Vec::new();
    let mut counts = Vec::new();
    for (s, p) in streams.iter().zip(&profiles) {
        let (mut ex, recall) = examples(s, p, cfg);
        counts.push((ex.len(), recall));
        // Every stream weighs the same, and within a stream positives and
        // negatives weigh the same: the threshold, chosen below, sets the
        // balance between them.
        let pos = ex.iter().filter(|e| e.same).count().max(1) as f64;
        let neg = ex.iter().filter(|e| !e.same).count().max(1) as f64;
        for e in &mut ex {
            e.weight = if e.same { 0.5 / pos } else { 0.5 / neg } * 1000.0;
        }
        all.extend(ex);
    }
    let weights: [f64; FEATURES] = fit_logistic(&all, l2);
    let mean_f1 = |join: f64, merge: f64| {
        let mut c = cfg.clone();
        c.model = Model::new(weights, join, merge, String::new());
        streams
            .iter()
            .zip(&profiles)
            .map(|(s, p)| stream_f1(s, p, &c))
            .sum::<f64>()
            / streams.len().max(1) as f64
    };
    // Coordinate search: the join threshold with merging off, then the
    // merge threshold, then the join threshold again around its best.
    let pick = |grid: &[(f64, f64)]| {
        let mut best = (f64::NEG_INFINITY, 0.5, 2.0);
        for &(j, m) in grid {
            let f = mean_f1(j, m);
            if f > best.0 + 1e-9 {
                best = (f, j, m);
            }
        }
        best
    };
    let joins: Vec<(f64, f64)> = (6..=18).map(|k| (f64::from(k) * 0.05, 2.0)).collect();
    let (_, join, _) = pick(&joins);
    let merges: Vec<(f64, f64)> = [2.0, 0.99, 0.97, 0.95, 0.9, 0.85]
        .iter()
        .filter(|&&m| m > join)
        .map(|&m| (join, m))
        .collect();
    let (_, _, merge) = pick(&merges);
    let fine: Vec<(f64, f64)> = [-0.025, 0.0, 0.025]
        .iter()
        .map(|d| (join + d, merge))
        .filter(|&(j, m)| j < m)
        .collect();
    let (_, join, merge) = pick(&fine);
    let mut c = cfg.clone();
    c.model = Model::new(weights, join, merge, provenance.to_owned());
    let scores = streams
        .iter()
        .zip(&profiles)
        .zip(&counts)
        .map(|((s, p), &(n, r))| StreamScore {
            name: s.name.clone(),
            bcubed_f1: stream_f1(s, p, &c),
            examples: n,
            candidate_recall: r,
        })
        .collect();
    Fitted {
        model: c.model,
        scores,
    }
}
