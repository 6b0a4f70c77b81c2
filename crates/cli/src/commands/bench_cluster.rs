//! `storyline bench cluster`: how fast the online clusterer runs and whether
//! its memory stays flat on a long stream.
//!
//! `--synthetic N` generates a stream of N articles (never stored): stories
//! of one to eight reports over one to four days, each with its own topic
//! words, people and place, written among common words, about 2,000
//! articles a day. Every article goes through `Clusterer::push` (profile,
//! candidates, features, decision). The table shows throughput, live
//! stories and the process's resident memory every tenth of the stream; the
//! clustering of the first 20,000 articles is scored against the generator's
//! stories and the run fails if B-cubed F1 falls below 0.8, so a speed-up
//! cannot hide a wrong answer.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use storyline_core::cluster::{ClusterConfig, Clusterer};
use storyline_core::eval::score_clustering;
use storyline_core::{Article, ArticleId, Timestamp};

/// Arguments of `storyline bench cluster`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Articles in the generated stream.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    synthetic: u64,
    /// Seed of the generator.
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

/// SplitMix64: a tiny, well-known generator; the stream must be the same on
/// every machine, which a seeded crate would also give, at the cost of a
/// dependency for twenty lines.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "sa", "tor", "vel", "an", "dri", "po", "gu", "nes", "ta", "bir",
    "col", "de", "fa", "hu", "zo", "mar",
];

/// A pronounceable pseudo-word for `k`, unique per `k`.
fn word(mut k: u64, min_syllables: usize) -> String {
    let mut w = String::new();
    let mut n = 0;
    while k > 0 || n < min_syllables {
        w.push_str(SYLLABLES[(k % SYLLABLES.len() as u64) as usize]);
        k /= SYLLABLES.len() as u64;
        n += 1;
    }
    w
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

const COMMON: &[&str] = &[
    "the",
    "officials",
    "said",
    "on",
    "a",
    "in",
    "of",
    "and",
    "to",
    "was",
    "after",
    "government",
    "city",
    "people",
    "police",
    "week",
    "report",
    "told",
    "reporters",
    "statement",
    "country",
    "local",
    "minister",
    "state",
    "plan",
    "new",
    "were",
    "more",
    "than",
    "had",
    "their",
    "by",
    "with",
    "its",
    "from",
    "as",
    "it",
    "for",
    "at",
    "is",
];

struct StorySpec {
    id: u64,
    topic: Vec<String>,
    names: Vec<String>,
    place: String,
    left: u32,
    last_day: i64,
}

fn story(rng: &mut Rng, id: u64, day: i64) -> StorySpec {
    StorySpec {
        id,
        topic: (0..12).map(|_| word(rng.below(400_000), 3)).collect(),
        names: (0..3)
            .map(|_| {
                format!(
                    "{} {}",
                    capital(&word(rng.below(3_000), 2)),
                    capital(&word(rng.below(200_000), 3))
                )
            })
            .collect(),
        place: capital(&word(rng.below(20_000), 3)),
        left: 1 + rng.below(8) as u32,
        last_day: day + rng.below(4) as i64,
    }
}

fn paragraph(rng: &mut Rng, s: &StorySpec, words: usize) -> String {
    let mut out = Vec::with_capacity(words);
    for _ in 0..words {
        let r = rng.below(100);
        let w = if r < 35 {
            s.topic[rng.below(s.topic.len() as u64) as usize].clone()
        } else if r < 42 {
            s.names[rng.below(s.names.len() as u64) as usize].clone()
        } else if r < 45 {
            s.place.clone()
        } else if r < 70 {
            word(rng.below(30_000), 2)
        } else {
            COMMON[rng.below(COMMON.len() as u64) as usize].to_owned()
        };
        out.push(w);
    }
    let mut p = out.join(" ");
    p.push('.');
    capital(&p)
}

fn article(rng: &mut Rng, s: &StorySpec, n: u64, day: i64) -> anyhow::Result<Article> {
    let date = chrono::NaiveDate::from_ymd_opt(2030, 1, 1)
        .and_then(|d| d.checked_add_signed(chrono::Duration::days(day)))
        .context("synthetic day out of range")?;
    let title = format!("{} {} {}", s.names[0], s.topic[0], s.topic[1]);
    Ok(Article {
        id: ArticleId(format!("syn{n}")),
        url: None,
        source: None,
        published: Some(Timestamp::from_date(date, storyline_core::Precision::Day)),
        title: Some(capital(&title)),
        byline: None,
        dateline: None,
        credits: vec![],
        paragraphs: (0..3).map(|_| paragraph(rng, s, 40)).collect(),
        removed: vec![],
        meta: Default::default(),
    })
}

/// Resident memory now and at peak, in MiB, from `/proc/self/status`.
fn rss() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

pub(crate) fn synthetic(args: Args) -> anyhow::Result<ExitCode> {
    let cfg = ClusterConfig::default();
    let mut c = Clusterer::new(&cfg);
    let mut rng = Rng(args.seed);
    let mut open: Vec<StorySpec> = Vec::new();
    let mut next_story = 0;
    let per_day = 2_000u64;
    let checked = 20_000u64;
    let mut gold: HashMap<u64, u64> = HashMap::new();
    let mut pred: HashMap<u64, u64> = HashMap::new();
    let step = (args.synthetic / 10).max(1);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "articles   seconds  articles/s  live-stories  indexed-terms  rss-MiB  peak-MiB"
    )
    .context("cannot write output")?;
    let start = Instant::now();
    for n in 0..args.synthetic {
        let day = (n / per_day) as i64;
        open.retain(|s| s.left > 0 && s.last_day >= day);
        // About one new story per three articles, as in real streams.
        if open.is_empty() || rng.below(3) == 0 {
            open.push(story(&mut rng, next_story, day));
            next_story += 1;
        }
        let k = rng.below(open.len() as u64) as usize;
        let a = article(&mut rng, &open[k], n, day)?;
        open[k].left -= 1;
        let id = c.push(&a, None);
        if n < checked {
            gold.insert(n, open[k].id);
            pred.insert(n, id.0);
        }
        if n + 1 == checked.min(args.synthetic) {
            // Merges made later than the check window do not concern it.
            let merges = c.take_merges();
            let mut into: HashMap<u64, u64> = merges.iter().map(|m| (m.from.0, m.into.0)).collect();
            for v in pred.values_mut() {
                while let Some(&next) = into.get(v) {
                    *v = next;
                }
            }
            into.clear();
        }
        if (n + 1) % step == 0 || n + 1 == args.synthetic {
            let secs = start.elapsed().as_secs_f64();
            let (now, peak) = rss();
            writeln!(
                out,
                "{:>8}  {:>8.1}  {:>10.0}  {:>12}  {:>13}  {:>7.0}  {:>8.0}",
                n + 1,
                secs,
                (n + 1) as f64 / secs,
                c.live_stories(),
                c.indexed_terms(),
                now,
                peak
            )
            .context("cannot write output")?;
        }
    }
    let s = score_clustering(&gold, &pred);
    writeln!(
        out,
        "check: first {} articles, b-cubed f1 {:.4} (p {:.4}, r {:.4})",
        gold.len(),
        s.bcubed.f1,
        s.bcubed.precision,
        s.bcubed.recall
    )
    .context("cannot write output")?;
    if s.bcubed.f1 < 0.8 {
        bail!(
            "the synthetic stream clustered with b-cubed f1 {:.4}, below 0.8: the clusterer is broken",
            s.bcubed.f1
        );
    }
    Ok(ExitCode::SUCCESS)
}
