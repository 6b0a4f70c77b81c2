//! One module per subcommand.

pub(crate) mod bench_dedup;
pub(crate) mod brief;
pub(crate) mod brief_check;
pub(crate) mod clean;
pub(crate) mod dedup;
pub(crate) mod eval;
pub(crate) mod eval_clean;
pub(crate) mod eval_dates;
pub(crate) mod eval_dedup;
pub(crate) mod extract;
pub(crate) mod summarize;
