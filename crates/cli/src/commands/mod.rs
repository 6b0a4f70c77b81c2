//! One module per subcommand.

pub(crate) mod bench_cluster;
pub(crate) mod brief;
pub(crate) mod clean;
pub(crate) mod cluster;
pub(crate) mod eval;
pub(crate) mod eval_clean;
pub(crate) mod train;
