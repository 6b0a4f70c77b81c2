//! `storyline serve --db PATH --addr HOST:PORT`: the web UI, the JSON API,
//! feeds and webhooks over a store.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use storyline_server::{App, ServerConfig};

use super::db::Db;

/// Arguments of `storyline serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    db: Db,
    /// Address to listen on. Loopback by default: put a reverse proxy in
    /// front to publish it.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// A file holding the token that `POST /api/ingest` and watchlist
    /// changes require (or set STORYLINE_TOKEN). Without one the server is
    /// read-only.
    #[arg(long, value_name = "PATH")]
    token_file: Option<PathBuf>,
    /// The URL feeds link to (default: http://ADDR).
    #[arg(long)]
    public_url: Option<String>,
    /// A PEM file of certificates to trust for https webhook targets
    /// besides the system's roots (a private CA); may be repeated.
    #[arg(long, value_name = "PATH")]
    webhook_ca: Vec<PathBuf>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let token = match &args.token_file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read token file {}", path.display()))?
                .trim()
                .to_owned(),
        ),
        None => std::env::var("STORYLINE_TOKEN").ok(),
    };
    if token.as_deref().is_some_and(|t| t.len() < 16) {
        anyhow::bail!("the ingest token is shorter than 16 characters; use a longer random token");
    }
    let mut config = ServerConfig::new(args.db.db.clone());
    config.ingest_token = token;
    config.public_url = args
        .public_url
        .unwrap_or_else(|| format!("http://{}", args.addr))
        .trim_end_matches('/')
        .to_owned();
    for path in &args.webhook_ca {
        config.webhook_roots.push(
            std::fs::read(path)
                .with_context(|| format!("cannot read webhook CA file {}", path.display()))?,
        );
    }
    let app =
        App::open(config).with_context(|| format!("cannot open store {}", args.db.db.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}; is the port in use?", args.addr))?;
        eprintln!("serving {} on http://{}", args.db.db.display(), args.addr);
        storyline_server::serve(app, listener)
            .await
            .context("server failed")
    })?;
    Ok(ExitCode::SUCCESS)
}
