//! Evaluation: the metrics every quality gate is measured with.
//!
//! PLACEHOLDER: filled by the evaluation harness.
