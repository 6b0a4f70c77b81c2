//! `storyline brief`: the main job. Groups the input into stories, briefs
//! each story (summary with citations, figures with agreement and conflict,
//! quotes by speaker, timeline, sources by syndication) and prints the
//! briefs as text, Markdown, JSON lines or HTML. `--check` tests the briefs
//! against an expectations file instead of printing them (see
//! [`super::brief_check`]).

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use storyline_core::Article;
use storyline_core::brief::{Brief, BriefConfig, brief, render};
use storyline_core::cluster::ClusterConfig;
use storyline_core::dedup::{DedupConfig, Syndication, dedup};

use super::brief_check;
use crate::input::Inputs;
use crate::output::exit_code;

/// Arguments of `storyline brief`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: BriefFormat,
    /// The stories: JSONL of `{"id","story"}` (e.g. a corpus's
    /// `gold.jsonl`). Without it, stories come from `storyline cluster`.
    #[arg(long, value_name = "GOLD")]
    groups: Option<PathBuf>,
    /// Word budget of each summary.
    #[arg(long, default_value_t = 120)]
    words: usize,
    /// Check the briefs against an expectations file (JSON, see
    /// `gates/`) instead of printing them; exit 1 when any check fails.
    #[arg(long, value_name = "EXPECT")]
    check: Option<PathBuf>,
}

/// How `storyline brief` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum BriefFormat {
    /// Readable text for a terminal.
    Text,
    /// Markdown.
    Md,
    /// One JSON object per story and line.
    Json,
    /// An HTML page.
    Html,
}

/// The input, grouped and ready to brief.
pub(crate) struct Batch {
    /// Every article read.
    pub(crate) articles: Vec<Article>,
    /// Story name and article indices.
    pub(crate) stories: Vec<(String, Vec<usize>)>,
    /// Syndication groups over the whole input.
    pub(crate) syndication: Syndication,
}

impl Batch {
    /// Briefs story `k`.
    pub(crate) fn brief(&self, k: usize, cfg: &BriefConfig) -> Brief {
        let (name, members) = &self.stories[k];
        self.brief_of(Some(name), members, cfg)
    }

    /// Briefs the given articles as one story.
    pub(crate) fn brief_of(
        &self,
        name: Option<&str>,
        members: &[usize],
        cfg: &BriefConfig,
    ) -> Brief {
        let refs: Vec<&Article> = members.iter().map(|&i| &self.articles[i]).collect();
        let mut b = brief(&refs, &self.syndication, cfg);
        b.story = name.map(str::to_owned);
        b
    }
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (cleaned, skipped, origins) = args.inputs.read_cleaned_with_origins()?;
    let articles: Vec<Article> = cleaned.into_iter().map(|c| c.article).collect();
    let (syndication, stories, unassigned) = match &args.groups {
        Some(path) => {
            let g = read_groups(path, &articles)?;
            (
                dedup(&articles, &DedupConfig::default()),
                g.stories,
                g.unassigned,
            )
        }
        None => {
            let (syndication, clustering) =
                super::cluster::run_pipeline(&articles, &ClusterConfig::default());
            for d in &clustering.diagnostics {
                eprintln!("{}", origins.locate(d));
            }
            let stories = clustering
                .stories
                .iter()
                .map(|s| (s.id.to_string(), s.members.clone()))
                .collect();
            (syndication, stories, 0)
        }
    };
    // A story whose every article lost all its text to cleaning (a page
    // that was only an archive banner, a widget or a comment form) has
    // nothing to brief.
    let (stories, empty): (Vec<_>, Vec<_>) = stories
        .into_iter()
        .partition(|(_, members)| members.iter().any(|&i| !articles[i].paragraphs.is_empty()));
    if !empty.is_empty() {
        let ids: Vec<&str> = empty
            .iter()
            .flat_map(|(_, members)| members.iter().map(|&i| articles[i].id.as_str()))
            .collect();
        let (noun, verbs) = if ids.len() == 1 {
            ("article", "has no text left after cleaning and is")
        } else {
            ("articles", "have no text left after cleaning and are")
        };
        eprintln!(
            "note: {} {noun} ({}{}) {verbs} in no brief",
            ids.len(),
            ids[..ids.len().min(5)].join(", "),
            if ids.len() > 5 { ", ..." } else { "" }
        );
    }
    let batch = Batch {
        syndication,
        articles,
        stories,
    };
    let mut cfg = BriefConfig::default();
    cfg.summary.words = args.words;
    if let Some(expect) = &args.check {
        let ok = brief_check::check(&batch, &cfg, expect)?;
        return Ok(if ok {
            exit_code(skipped || unassigned > 0)
        } else {
            ExitCode::from(1)
        });
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.format == BriefFormat::Html {
        write!(
            out,
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>storyline briefs</title>\n<style>body{{font-family:sans-serif;max-width:60em;margin:auto}}.cite{{color:#666;font-size:.85em}}tr.conflict{{background:#fde8e8}}td,th{{padding:.2em .5em;text-align:left}}</style>\n</head>\n<body>\n"
        )
        .context("cannot write output")?;
    }
    for k in 0..batch.stories.len() {
        let b = batch.brief(k, &cfg);
        let text = match args.format {
            BriefFormat::Text => render::text(&b),
            BriefFormat::Md => render::markdown(&b),
            BriefFormat::Html => render::html(&b),
            BriefFormat::Json => serde_json::to_string(&b).context("cannot serialise a brief")?,
        };
        writeln!(out, "{text}").context("cannot write output")?;
    }
    if args.format == BriefFormat::Html {
        writeln!(out, "</body>\n</html>").context("cannot write output")?;
    }
    out.flush().context("cannot write output")?;
    Ok(exit_code(skipped || unassigned > 0))
}

/// Articles grouped into stories by a given `{"id","story"}` file.
pub(crate) struct Groups {
    /// Story name and the indices of its articles, in order of first
    /// appearance in the input.
    pub(crate) stories: Vec<(String, Vec<usize>)>,
    /// Articles the file does not name; each became a story of its own.
    pub(crate) unassigned: usize,
}

#[derive(serde::Deserialize)]
struct Membership {
    id: String,
    story: String,
}

/// Reads a grouping file and groups `articles` by it. An article the file
/// does not name becomes a story of its own, with a warning on stderr.
pub(crate) fn read_groups(path: &Path, articles: &[Article]) -> anyhow::Result<Groups> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut story_of: HashMap<String, String> = HashMap::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let n = i + 1;
        let line = line.with_context(|| format!("{}:{n}: cannot read line", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let m: Membership = serde_json::from_str(&line).with_context(|| {
            format!(
                "{}:{n}: not an {{\"id\",\"story\"}} record, fix or remove the line",
                path.display()
            )
        })?;
        story_of.insert(m.id, m.story);
    }
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut stories: Vec<(String, Vec<usize>)> = Vec::new();
    let mut unassigned = 0;
    for (i, a) in articles.iter().enumerate() {
        let story = match story_of.get(a.id.as_str()) {
            Some(s) => s.clone(),
            None => {
                eprintln!(
                    "warning: article {} is not in {}, briefed as a story of its own",
                    a.id,
                    path.display()
                );
                unassigned += 1;
                a.id.to_string()
            }
        };
        let k = *index.entry(story.clone()).or_insert_with(|| {
            stories.push((story, Vec::new()));
            stories.len() - 1
        });
        stories[k].1.push(i);
    }
    Ok(Groups {
        stories,
        unassigned,
    })
}
