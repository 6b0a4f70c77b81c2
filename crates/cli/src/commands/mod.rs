//! One module per subcommand.

pub(crate) mod bench;
pub(crate) mod bench_cluster;
pub(crate) mod bench_dedup;
pub(crate) mod brief;
pub(crate) mod brief_check;
pub(crate) mod check;
pub(crate) mod clean;
pub(crate) mod cluster;
pub(crate) mod db;
pub(crate) mod dedup;
pub(crate) mod eval;
pub(crate) mod eval_clean;
pub(crate) mod eval_dates;
pub(crate) mod eval_dedup;
pub(crate) mod eval_html;
pub(crate) mod extract;
pub(crate) mod fetch;
pub(crate) mod ingest;
pub(crate) mod search;
pub(crate) mod serve;
pub(crate) mod show;
pub(crate) mod stories;
pub(crate) mod summarize;
pub(crate) mod train;
