//! ROUGE for story summaries: ROUGE-1, ROUGE-2 and ROUGE-L F1 with Porter
//! stemming, averaged over stories.
//!
//! Token-level scoring is delegated to the `rougers` crate, a port of
//! Google's `rouge-score` (its tokenizer, NLTK's Porter stemmer and its LCS)
//! that matches it bit for bit, so figures compare with published ones. What
//! this module adds is the evaluation protocol: each system summary is cut to
//! a word budget (whitespace-separated words) before scoring, the mean is
//! taken over every story that has a reference, and a story with a reference
//! but no system summary scores 0 and is counted as missing.

use std::collections::HashMap;
use std::hash::Hash;

use rougers::{RougeScorer, RougeType, Tokenizer};
use serde::Serialize;

/// How summaries are scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RougeConfig {
    /// Cut each system summary to its first `words` whitespace-separated
    /// words before scoring; `None` scores it whole. Default: 250.
    pub words: Option<usize>,
    /// Apply the Porter stemmer to tokens longer than three characters, as
    /// `rouge-score` does with `use_stemmer=True`. Default: true.
    pub stem: bool,
}

impl Default for RougeConfig {
    fn default() -> Self {
        RougeConfig {
            words: Some(250),
            stem: true,
        }
    }
}

/// Mean ROUGE F1 over stories, each in `0..=1`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RougeScores {
    /// Stories scored: every story with a reference.
    pub stories: usize,
    /// Stories with a reference but no system summary (scored 0).
    pub missing: usize,
    /// System summaries for stories without a reference (ignored).
    pub extra: usize,
    /// Mean ROUGE-1 F1.
    pub rouge1: f64,
    /// Mean ROUGE-2 F1.
    pub rouge2: f64,
    /// Mean ROUGE-L F1 (summary as one sequence, not `rougeLsum`).
    pub rouge_l: f64,
}

/// The first `words` whitespace-separated words of `text`, joined by single
/// spaces.
///
/// ```
/// assert_eq!(storyline_core::eval::truncate_words("a  b\nc d", 3), "a b c");
/// ```
pub fn truncate_words(text: &str, words: usize) -> String {
    let mut out = String::with_capacity(text.len().min(words * 8));
    for (i, w) in text.split_whitespace().take(words).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Scores system summaries against reference summaries, both keyed by story.
///
/// ```
/// use std::collections::HashMap;
/// use storyline_core::eval::{score_summaries, RougeConfig};
/// let refs: HashMap<&str, &str> = [("s1", "the cat sat on the mat")].into();
/// let preds: HashMap<&str, &str> = [("s1", "the cat sat on the mat")].into();
/// let s = score_summaries(&refs, &preds, &RougeConfig::default());
/// assert_eq!(s.rouge1, 1.0);
/// ```
pub fn score_summaries<K, R, P>(
    references: &HashMap<K, R>,
    predictions: &HashMap<K, P>,
    config: &RougeConfig,
) -> RougeScores
where
    K: Eq + Hash + Ord,
    R: AsRef<str>,
    P: AsRef<str>,
{
    let scorer = RougeScorer::with_tokenizer(
        vec![RougeType::N(1), RougeType::N(2), RougeType::L],
        Tokenizer::new(config.stem),
    )
    .expect("rouge1, rouge2 and rougeL are valid variants");
    // Sum in story order so the same input gives the same last bits.
    let mut stories: Vec<(&K, &R)> = references.iter().collect();
    stories.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let (mut r1, mut r2, mut rl) = (0.0, 0.0, 0.0);
    let mut missing = 0;
    for (story, reference) in &stories {
        let Some(prediction) = predictions.get(story) else {
            missing += 1;
            continue;
        };
        let prediction = match config.words {
            Some(n) => truncate_words(prediction.as_ref(), n),
            None => prediction.as_ref().to_owned(),
        };
        let scores = scorer.score(reference.as_ref(), &prediction);
        let f = |t| {
            scores
                .get(t)
                .map(|s| s.fmeasure)
                .filter(|f: &f64| f.is_finite())
                .unwrap_or(0.0)
        };
        r1 += f(RougeType::N(1));
        r2 += f(RougeType::N(2));
        rl += f(RougeType::L);
    }
    let extra = predictions
        .keys()
        .filter(|k| !references.contains_key(k))
        .count();
    let n = stories.len().max(1) as f64;
    RougeScores {
        stories: stories.len(),
        missing,
        extra,
        rouge1: r1 / n,
        rouge2: r2 / n,
        rouge_l: rl / n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    fn check(refs: &[(&str, &str)], preds: &[(&str, &str)], words: Option<usize>, expect: Expect) {
        let refs: HashMap<&str, &str> = refs.iter().copied().collect();
        let preds: HashMap<&str, &str> = preds.iter().copied().collect();
        let config = RougeConfig {
            words,
            ..RougeConfig::default()
        };
        let s = score_summaries(&refs, &preds, &config);
        let actual = format!(
            "stories={} missing={} extra={} r1={:.4} r2={:.4} rl={:.4}\n",
            s.stories, s.missing, s.extra, s.rouge1, s.rouge2, s.rouge_l
        );
        expect.assert_eq(&actual);
    }

    #[test]
    fn hand_computed_overlap() {
        // ref  "the cat sat on the mat"   (6 tokens)
        // pred "the cat lay on the rug"   (6 tokens)
        // Unigrams: clipped matches the×2, cat, on = 4: P = R = F = 4/6 = .6667.
        // Bigrams of ref: the-cat cat-sat sat-on on-the the-mat;
        //   of pred: the-cat cat-lay lay-on on-the the-rug; shared 2:
        //   P = R = F = 2/5 = .4.
        // LCS "the cat on the" = 4: F = 4/6 = .6667.
        check(
            &[("s", "the cat sat on the mat")],
            &[("s", "the cat lay on the rug")],
            None,
            expect![[r#"
                stories=1 missing=0 extra=0 r1=0.6667 r2=0.4000 rl=0.6667
            "#]],
        );
    }

    #[test]
    fn stemming_and_case_match() {
        // Lower-cased, punctuation dropped, stemmed: ref "heavy rains falling"
        // → heavi rain fall; pred "Heavy RAIN fell." → heavi rain fell
        // (Porter leaves the irregular "fell" alone).
        // Unigrams 2 of 3 each side: F = .6667. Bigrams heavi-rain shared,
        // 1 of 2: F = .5. LCS "heavi rain" = 2 of 3: F = .6667.
        check(
            &[("s", "heavy rains falling")],
            &[("s", "Heavy RAIN fell.")],
            None,
            expect![[r#"
                stories=1 missing=0 extra=0 r1=0.6667 r2=0.5000 rl=0.6667
            "#]],
        );
    }

    #[test]
    fn budget_cuts_prediction_and_missing_scores_zero() {
        // s1: pred cut to 3 words "alpha beta gamma" against ref "alpha beta
        //   gamma": 1.0 everywhere. Without the cut, 3 of 6 tokens match:
        //   P = .5, R = 1, F = .6667.
        // s2: no prediction: 0. Mean over 2 stories: .5 (cut).
        // x: prediction without reference: ignored, counted as extra.
        let refs = [("s1", "alpha beta gamma"), ("s2", "delta epsilon")];
        let preds = [("s1", "alpha beta gamma zeta eta theta"), ("x", "delta")];
        check(
            &refs,
            &preds,
            Some(3),
            expect![[r#"
                stories=2 missing=1 extra=1 r1=0.5000 r2=0.5000 rl=0.5000
            "#]],
        );
        check(
            &refs,
            &preds,
            None,
            expect![[r#"
                stories=2 missing=1 extra=1 r1=0.3333 r2=0.2857 rl=0.3333
            "#]],
        );
    }

    #[test]
    fn empty_prediction_scores_zero() {
        check(
            &[("s", "some words here")],
            &[("s", "")],
            Some(250),
            expect![[r#"
                stories=1 missing=0 extra=0 r1=0.0000 r2=0.0000 rl=0.0000
            "#]],
        );
    }

    #[test]
    fn truncation_counts_whitespace_words() {
        assert_eq!(
            truncate_words("  one,two  three\tfour ", 2),
            "one,two three"
        );
        assert_eq!(truncate_words("short", 10), "short");
        assert_eq!(truncate_words("anything", 0), "");
    }
}
