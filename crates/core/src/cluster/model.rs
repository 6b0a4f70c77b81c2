//! The learned decision: a logistic regression over [`super::features`]
//! giving the probability that an article belongs to a story, the
//! threshold below which it starts a new story, and the (higher) threshold
//! at which an article that fits two stories shows they are one.
//!
//! The model is a small versioned JSON file, readable by a person
//! (`model/default.json`, embedded in the binary), and fitted by
//! [`fit_logistic`] — Newton's method with an L2 penalty, written here
//! because fifteen weights do not warrant a linear-algebra stack.

use serde::{Deserialize, Serialize};

use super::features::{FEATURE_NAMES, FEATURES, Features};

/// The model file format version this code reads and writes.
pub const MODEL_VERSION: u32 = 1;

/// What can be wrong with a model file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The file is not valid model JSON.
    #[error("model file is not valid json: {0}")]
    Json(#[from] serde_json::Error),
    /// The file was written by another version of the format.
    #[error(
        "model file has version {found}, this build reads version {expected}; refit it with `storyline train cluster`"
    )]
    Version {
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The file's features are not the ones this build computes.
    #[error(
        "model file lists features {found:?}, this build computes {expected:?}; refit it with `storyline train cluster`"
    )]
    Features {
        /// The features in the file.
        found: Vec<String>,
        /// The features this build computes.
        expected: Vec<String>,
    },
}

/// A fitted clustering decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// Format version ([`MODEL_VERSION`]).
    pub version: u32,
    /// Feature names, in weight order.
    pub features: Vec<String>,
    /// One weight per feature.
    pub weights: Vec<f64>,
    /// An article joins its best story when the probability reaches this,
    /// else it starts a new story.
    pub threshold: f64,
    /// Two stories merge when an article joining one has at least this
    /// probability for the other; above 1 disables merging.
    pub merge_threshold: f64,
    /// How the model was made: the command and the figures it reached.
    #[serde(default)]
    pub provenance: String,
}

const DEFAULT: &str = include_str!("model/default.json");

impl Default for Model {
    /// The shipped model, fitted on the development corpora (see
    /// BENCHMARKS.md for the command).
    fn default() -> Self {
        Model::from_json(DEFAULT).expect("the embedded model is valid and current (a test checks)")
    }
}

impl Model {
    /// Reads a model file's text, checking version and features.
    pub fn from_json(text: &str) -> Result<Model, ModelError> {
        let m: Model = serde_json::from_str(text)?;
        if m.version != MODEL_VERSION {
            return Err(ModelError::Version {
                found: m.version,
                expected: MODEL_VERSION,
            });
        }
        if m.features
            .iter()
            .map(String::as_str)
            .ne(FEATURE_NAMES.iter().copied())
            || m.weights.len() != FEATURES
        {
            return Err(ModelError::Features {
                found: m.features.clone(),
                expected: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
            });
        }
        Ok(m)
    }

    /// The model as pretty JSON, one weight per line.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a model always serialises")
    }

    /// A model with the given weights and thresholds.
    pub fn new(
        weights: [f64; FEATURES],
        threshold: f64,
        merge_threshold: f64,
        provenance: String,
    ) -> Model {
        Model {
            version: MODEL_VERSION,
            features: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
            weights: weights.to_vec(),
            threshold,
            merge_threshold,
            provenance,
        }
    }

    /// The probability that the article belongs to the story.
    pub fn probability(&self, f: &Features) -> f64 {
        sigmoid(
            self.weights
                .iter()
                .zip(f.values.iter())
                .map(|(w, x)| w * x)
                .sum(),
        )
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// One training example: features, label, weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Example {
    /// The features of an article against a candidate story.
    pub features: Features,
    /// Whether the article belongs to that story.
    pub same: bool,
    /// How much the example counts.
    pub weight: f64,
}

/// Fits logistic-regression weights by Newton's method with an L2 penalty
/// `l2` (not applied to the bias). Deterministic: the same examples in the
/// same order give the same weights.
pub fn fit_logistic(examples: &[Example], l2: f64) -> [f64; FEATURES] {
    let mut w = [0.0; FEATURES];
    for _ in 0..50 {
        let mut grad = [0.0; FEATURES];
        let mut hess = [[0.0; FEATURES]; FEATURES];
        for e in examples {
            let x = &e.features.values;
            let p = sigmoid(w.iter().zip(x).map(|(a, b)| a * b).sum());
            let y = if e.same { 1.0 } else { 0.0 };
            let g = (p - y) * e.weight;
            let h = (p * (1.0 - p)).max(1e-9) * e.weight;
            for i in 0..FEATURES {
                grad[i] += g * x[i];
                for j in 0..FEATURES {
                    hess[i][j] += h * x[i] * x[j];
                }
            }
        }
        for i in 1..FEATURES {
            grad[i] += l2 * w[i];
            hess[i][i] += l2;
        }
        for (i, row) in hess.iter_mut().enumerate() {
            row[i] += 1e-9;
        }
        let Some(step) = solve(hess, grad) else { break };
        let mut change: f64 = 0.0;
        for i in 0..FEATURES {
            w[i] -= step[i];
            change = change.max(step[i].abs());
        }
        if change < 1e-8 {
            break;
        }
    }
    w
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: [[f64; FEATURES]; FEATURES], mut b: [f64; FEATURES]) -> Option<[f64; FEATURES]> {
    for col in 0..FEATURES {
        let pivot = (col..FEATURES).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let (top, rest) = a.split_at_mut(col + 1);
        let pivot_row = &top[col];
        for (k, row) in rest.iter_mut().enumerate() {
            let f = row[col] / pivot_row[col];
            for (x, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[col + 1 + k] -= f * b[col];
        }
    }
    let mut x = [0.0; FEATURES];
    for row in (0..FEATURES).rev() {
        let s: f64 = (row + 1..FEATURES).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_is_current() {
        let m = Model::default();
        assert_eq!(m.weights.len(), FEATURES);
        assert!(m.threshold > 0.0 && m.threshold < 1.0);
    }

    #[test]
    fn a_model_of_another_version_is_refused() {
        let text = Model::default()
            .to_json()
            .replace("\"version\": 1", "\"version\": 99");
        let err = Model::from_json(&text)
            .expect_err("version 99 is refused")
            .to_string();
        assert!(err.contains("version 99"), "{err}");
    }

    #[test]
    fn fitting_separates_a_separable_feature() {
        let ex = |cos: f64, same: bool| {
            let mut values = [0.0; FEATURES];
            values[0] = 1.0;
            values[1] = cos;
            Example {
                features: Features { values },
                same,
                weight: 1.0,
            }
        };
        let examples: Vec<Example> = (0..20).map(|i| ex(f64::from(i) / 20.0, i >= 10)).collect();
        let w = fit_logistic(&examples, 0.1);
        assert!(w[1] > 0.0);
        let m = Model::new(w, 0.5, 2.0, String::new());
        let f = |c| Features {
            values: ex(c, true).features.values,
        };
        assert!(m.probability(&f(0.9)) > 0.5);
        assert!(m.probability(&f(0.1)) < 0.5);
    }
}
