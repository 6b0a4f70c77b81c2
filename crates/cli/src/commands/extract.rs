//! `storyline extract`: who, where, when, who said what and how many, one
//! JSON line per article (or highlighted text for a person).
//!
//! Without `--groups` every article is extracted on its own. With
//! `--groups GOLD` (a `{"id","story"}` JSONL file, until clustering gives
//! the grouping) the articles of one story are extracted together: yearless
//! datelines take the story's year and every entity gets its story-level
//! canonical form. `--check EXPECTED` compares the result with a file of
//! expectations and exits 1 when one is missed; the quality gates use it.
//! `--bench` times extraction against cleaning in the same run.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use storyline_core::extract::{
    DateMention, Entity, EntityKind, ExtractConfig, Extraction, NumericClaim, Quote, Span,
    StoryExtraction, extract, extract_story,
};
use storyline_core::{Article, CleanConfig, clean_batch};

use super::bench_dedup::process_cpu_ns;
use crate::input::Inputs;
use crate::output::{Format, exit_code};

/// Arguments of `storyline extract`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Group articles into stories by this `{"id","story"}` JSONL file (or a
    /// corpus directory holding `gold.jsonl`) and extract each story together.
    #[arg(long, value_name = "GOLD")]
    groups: Option<PathBuf>,
    /// Check the result against a JSONL file of expectations; exit 1 when
    /// any is missed. Nothing else is printed to stdout.
    #[arg(long, value_name = "EXPECTED")]
    check: Option<PathBuf>,
    /// Time extraction (one article after another on one thread) and
    /// cleaning (the baseline, on all cores), in CPU time of all threads,
    /// instead of printing it; repeats the timed pass this many times
    /// (default 1).
    #[arg(long, value_name = "ROUNDS", num_args = 0..=1, default_missing_value = "1")]
    bench: Option<u32>,
}

/// The extraction of one article with its story, ready to print.
struct Row<'a> {
    article: &'a Article,
    story: Option<&'a str>,
    x: &'a Extraction,
    /// Story canonical form of each article entity, when grouped.
    story_canonical: Vec<Option<&'a str>>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let cfg = ExtractConfig::default();
    if let Some(rounds) = args.bench {
        return bench(&args.inputs, &cfg, rounds.max(1));
    }
    let (cleaned, skipped) = args.inputs.read_cleaned()?;
    let articles: Vec<Article> = cleaned.into_iter().map(|c| c.article).collect();
    let groups = match &args.groups {
        Some(path) => Some(read_groups(path)?),
        None => None,
    };
    let stories = group(&articles, groups.as_ref());
    let results: Vec<(Option<&str>, Vec<usize>, StoryExtraction)> = stories
        .iter()
        .map(|(story, members)| {
            let arts: Vec<Article> = members.iter().map(|&i| articles[i].clone()).collect();
            let sx = match story {
                Some(_) => extract_story(&arts, &cfg),
                None => single(&arts[0], &cfg),
            };
            (*story, members.clone(), sx)
        })
        .collect();
    let mut rows: Vec<Row<'_>> = Vec::new();
    for (story, members, sx) in &results {
        for (k, &i) in members.iter().enumerate() {
            let x = &sx.extractions[k];
            let story_canonical = (0..x.entities.len())
                .map(|e| {
                    story
                        .and_then(|_| sx.entities.of(k, e))
                        .map(|s| s.entity.canonical.as_str())
                })
                .collect();
            rows.push(Row {
                article: &articles[i],
                story: *story,
                x,
                story_canonical,
            });
        }
    }
    rows.sort_by_key(|r| {
        articles
            .iter()
            .position(|a| std::ptr::eq(a, r.article))
            .unwrap_or(usize::MAX)
    });
    if let Some(path) = &args.check {
        return check(path, &rows, &results);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for r in &rows {
        match args.format {
            Format::Json => {
                serde_json::to_writer(&mut out, &json_line(r)).context("cannot write output")?;
                writeln!(out).context("cannot write output")?;
            }
            Format::Text => write_text(&mut out, r).context("cannot write output")?,
        }
    }
    out.flush().context("cannot write output")?;
    Ok(exit_code(skipped))
}

/// One article extracted alone, wrapped as a story of one.
fn single(article: &Article, cfg: &ExtractConfig) -> StoryExtraction {
    StoryExtraction {
        extractions: vec![extract(article, cfg)],
        entities: Default::default(),
    }
}

/// Reads a `{"id","story"}` JSONL file (or `DIR/gold.jsonl`).
fn read_groups(path: &Path) -> anyhow::Result<HashMap<String, String>> {
    let path = if path.is_dir() {
        path.join("gold.jsonl")
    } else {
        path.to_owned()
    };
    #[derive(Deserialize)]
    struct Membership {
        id: String,
        story: String,
    }
    super::eval::read_map(&path, |m: Membership| (m.id, m.story))
}

/// Stories in order of their first article: `(story id, member indices)`;
/// an article the grouping does not name is a story of its own.
fn group<'a>(
    articles: &[Article],
    groups: Option<&'a HashMap<String, String>>,
) -> Vec<(Option<&'a str>, Vec<usize>)> {
    let mut out: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        match groups.and_then(|g| g.get(a.id.as_str())) {
            Some(story) => match index.get(story.as_str()) {
                Some(&k) => out[k].1.push(i),
                None => {
                    index.insert(story.as_str(), out.len());
                    out.push((Some(story.as_str()), vec![i]));
                }
            },
            None => {
                if groups.is_some() {
                    eprintln!(
                        "note: article {} is in no story of the grouping, extracted alone",
                        a.id
                    );
                }
                out.push((None, vec![i]));
            }
        }
    }
    out
}

#[derive(Serialize)]
struct JsonLine<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    story: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a storyline_core::extract::ArticleDate>,
    entities: Vec<JsonEntity<'a>>,
    mentions: Vec<JsonMention<'a>>,
    dates: &'a [DateMention],
    quotes: Vec<JsonQuote<'a>>,
    numbers: &'a [NumericClaim],
}

#[derive(Serialize)]
struct JsonEntity<'a> {
    canonical: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    story_canonical: Option<&'a str>,
    kind: EntityKind,
    aliases: Vec<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    roles: &'a [String],
    mentions: usize,
}

#[derive(Serialize)]
struct JsonMention<'a> {
    kind: EntityKind,
    text: &'a str,
    canonical: &'a str,
    entity: usize,
    span: Span,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    header: bool,
}

#[derive(Serialize)]
struct JsonQuote<'a> {
    #[serde(flatten)]
    quote: &'a Quote,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_canonical: Option<&'a str>,
}

fn canonical_of<'a>(r: &Row<'a>, e: usize) -> Option<&'a str> {
    r.story_canonical
        .get(e)
        .copied()
        .flatten()
        .or_else(|| r.x.entities.get(e).map(|x: &Entity| x.canonical.as_str()))
}

fn json_line<'a>(r: &Row<'a>) -> JsonLine<'a> {
    let x = r.x;
    JsonLine {
        id: r.article.id.as_str(),
        story: r.story,
        date: x.date.as_ref(),
        entities: x
            .entities
            .iter()
            .enumerate()
            .map(|(e, ent)| JsonEntity {
                canonical: &ent.canonical,
                story_canonical: r.story_canonical.get(e).copied().flatten(),
                kind: ent.kind,
                aliases: ent.aliases.iter().map(|a| a.text.as_str()).collect(),
                roles: &ent.roles,
                mentions: ent.mentions,
            })
            .collect(),
        mentions: x
            .mentions
            .iter()
            .map(|m| JsonMention {
                kind: m.kind,
                text: &m.text,
                canonical: canonical_of(r, m.entity).unwrap_or(""),
                entity: m.entity,
                span: m.span,
                header: m.header,
            })
            .collect(),
        dates: &x.dates,
        quotes: x
            .quotes
            .iter()
            .map(|q| JsonQuote {
                quote: q,
                speaker_canonical: q.speaker.and_then(|s| canonical_of(r, s)),
            })
            .collect(),
        numbers: &x.numbers,
    }
}

/// Paragraphs with mentions bracketed, then the quotes: for a person.
fn write_text(out: &mut impl Write, r: &Row<'_>) -> std::io::Result<()> {
    let a = r.article;
    let x = r.x;
    match r.story {
        Some(s) => writeln!(out, "== {} (story {s}) ==", a.id)?,
        None => writeln!(out, "== {} ==", a.id)?,
    }
    if let Some(d) = &x.date {
        match d.value {
            Some(v) => writeln!(out, "date: {} ({:?}: {})", v.date, d.source, d.text)?,
            None => writeln!(out, "date: ? ({:?}: {})", d.source, d.text)?,
        }
    }
    for (p, para) in a.paragraphs.iter().enumerate() {
        // (start, end, label) of every mark in this paragraph.
        let mut marks: Vec<(usize, usize, String)> = Vec::new();
        for m in x
            .mentions
            .iter()
            .filter(|m| !m.header && m.span.paragraph == p)
        {
            let c = canonical_of(r, m.entity).unwrap_or("?");
            marks.push((m.span.start, m.span.end, format!("{:?}: {c}", m.kind)));
        }
        for d in x.dates.iter().filter(|d| d.span.paragraph == p) {
            let v = d.value.map_or("?".to_owned(), |v| v.date.to_string());
            marks.push((d.span.start, d.span.end, format!("date {v}")));
        }
        for n in x.numbers.iter().filter(|n| n.span.paragraph == p) {
            marks.push((
                n.span.start,
                n.span.end,
                format!("= {} {}", n.value, n.counted),
            ));
        }
        marks.sort_by_key(|m| (m.0, std::cmp::Reverse(m.1)));
        let mut line = String::with_capacity(para.len() * 2);
        let mut at = 0;
        for (s, e, label) in marks {
            if s < at {
                continue;
            }
            line.push_str(&para[at..s]);
            line.push('[');
            line.push_str(&para[s..e]);
            line.push_str("]{");
            line.push_str(&label);
            line.push('}');
            at = e;
        }
        line.push_str(&para[at..]);
        writeln!(out, "  {line}")?;
    }
    for q in &x.quotes {
        let who = q.speaker.and_then(|s| canonical_of(r, s)).unwrap_or("?");
        let cue = q.cue.as_deref().unwrap_or("-");
        writeln!(out, "  quote ({:?}, {cue}) {who}: {}", q.kind, q.text)?;
    }
    writeln!(out)
}

/// One expectation of a check file.
#[derive(Debug, Deserialize)]
#[serde(tag = "check", rename_all = "kebab-case", deny_unknown_fields)]
enum Expectation {
    /// Every form names one story entity (compared case-folded, as printed
    /// or as the name without titles and possessive).
    SameEntity { story: String, forms: Vec<String> },
    /// A quote of the article containing `contains` is attributed to the
    /// entity whose (story) canonical form is `speaker`.
    Quote {
        article: String,
        contains: String,
        speaker: String,
        #[serde(default)]
        kind: Option<String>,
    },
    /// Every date mention of the article whose text contains `text`
    /// resolves to `value` (and there is at least one).
    Date {
        article: String,
        text: String,
        value: String,
    },
    /// The article's own date is `value`.
    ArticleDate { article: String, value: String },
    /// A numeric claim of the article has this value and qualifier, and its
    /// counted phrase contains `counted`.
    Number {
        article: String,
        value: f64,
        #[serde(default)]
        qualifier: Option<String>,
        counted: String,
    },
}

fn fold(s: &str) -> String {
    let s = storyline_core::text::fold(s);
    let s = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix('\''))
        .unwrap_or(&s);
    s.to_owned()
}

fn check(
    path: &Path,
    rows: &[Row<'_>],
    results: &[(Option<&str>, Vec<usize>, StoryExtraction)],
) -> anyhow::Result<ExitCode> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open expectations {}", path.display()))?;
    let mut expectations = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line =
            line.with_context(|| format!("{}:{}: cannot read line", path.display(), i + 1))?;
        if line.trim().is_empty() || line.trim_start().starts_with("//") {
            continue;
        }
        let e: Expectation = serde_json::from_str(&line).with_context(|| {
            format!(
                "{}:{}: not a valid expectation, fix the line",
                path.display(),
                i + 1
            )
        })?;
        expectations.push((i + 1, e));
    }
    if expectations.is_empty() {
        bail!("{}: no expectations to check", path.display());
    }
    let by_id: BTreeMap<&str, &Row<'_>> = rows.iter().map(|r| (r.article.id.as_str(), r)).collect();
    let row = |id: &str| -> Result<&Row<'_>, String> {
        by_id
            .get(id)
            .copied()
            .ok_or_else(|| format!("article {id} is not in the input"))
    };
    let mut failed = 0;
    for (n, e) in &expectations {
        let verdict: Result<String, String> = match e {
            Expectation::SameEntity { story, forms } => same_entity(story, forms, results),
            Expectation::Quote {
                article,
                contains,
                speaker,
                kind,
            } => row(article).and_then(|r| {
                let qs: Vec<&Quote> =
                    r.x.quotes
                        .iter()
                        .filter(|q| fold(&q.text).contains(&fold(contains)))
                        .collect();
                if qs.is_empty() {
                    return Err(format!("no quote contains {contains:?}"));
                }
                let ok = qs.iter().find(|q| {
                    q.speaker.and_then(|s| canonical_of(r, s)) == Some(speaker.as_str())
                        && kind.as_deref().is_none_or(|k| {
                            serde_json::to_value(q.kind)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .as_deref()
                                == Some(k)
                        })
                });
                match ok {
                    Some(q) => Ok(format!(
                        "{:?} quote by {speaker} ({})",
                        q.kind,
                        q.cue.as_deref().unwrap_or("no cue")
                    )),
                    None => Err(format!(
                        "quote {contains:?} is attributed to {:?}",
                        qs.iter()
                            .map(|q| q
                                .speaker
                                .and_then(|s| canonical_of(r, s))
                                .unwrap_or("nobody"))
                            .collect::<Vec<_>>()
                    )),
                }
            }),
            Expectation::Date {
                article,
                text,
                value,
            } => row(article).and_then(|r| {
                let ds: Vec<&DateMention> =
                    r.x.dates
                        .iter()
                        .filter(|d| d.text.contains(text.as_str()))
                        .collect();
                if ds.is_empty() {
                    return Err(format!("no date mention contains {text:?}"));
                }
                let got: Vec<String> = ds
                    .iter()
                    .map(|d| d.value.map_or("?".to_owned(), |v| v.date.to_string()))
                    .collect();
                if got.iter().all(|g| g == value) {
                    Ok(format!(
                        "{} mention(s) of {text:?} resolve to {value}",
                        got.len()
                    ))
                } else {
                    Err(format!("mentions of {text:?} resolve to {got:?}"))
                }
            }),
            Expectation::ArticleDate { article, value } => row(article).and_then(|r| {
                let got =
                    r.x.date
                        .as_ref()
                        .and_then(|d| d.value)
                        .map(|v| v.date.to_string());
                if got.as_deref() == Some(value.as_str()) {
                    Ok(format!("article date {value}"))
                } else {
                    Err(format!(
                        "article date is {}",
                        got.as_deref().unwrap_or("unknown")
                    ))
                }
            }),
            Expectation::Number {
                article,
                value,
                qualifier,
                counted,
            } => row(article).and_then(|r| {
                let q_name = |c: &NumericClaim| {
                    c.qualifier
                        .and_then(|q| serde_json::to_value(q).ok())
                        .and_then(|v| v.as_str().map(str::to_owned))
                };
                let ok = r.x.numbers.iter().find(|c| {
                    (c.value - value).abs() < 1e-6 * value.abs().max(1.0)
                        && q_name(c) == *qualifier
                        && fold(&c.counted).contains(&fold(counted))
                });
                match ok {
                    Some(c) => Ok(format!("{:?} counting {:?}", c.text, c.counted)),
                    None => Err(format!(
                        "no claim of {value} {qualifier:?} {counted:?}; claims: {:?}",
                        r.x.numbers
                            .iter()
                            .map(|c| format!("{} {}", c.text, c.counted))
                            .collect::<Vec<_>>()
                    )),
                }
            }),
        };
        match verdict {
            Ok(msg) => eprintln!("ok    {}:{n}: {msg}", path.display()),
            Err(msg) => {
                failed += 1;
                eprintln!("MISS  {}:{n}: {msg}", path.display());
            }
        }
    }
    eprintln!(
        "{} of {} expectations met",
        expectations.len() - failed,
        expectations.len()
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn same_entity(
    story: &str,
    forms: &[String],
    results: &[(Option<&str>, Vec<usize>, StoryExtraction)],
) -> Result<String, String> {
    let Some((_, _, sx)) = results.iter().find(|(s, _, _)| *s == Some(story)) else {
        return Err(format!("story {story} is not in the input or the grouping"));
    };
    // Every printed form of each story entity: mention texts and names.
    let mut printed: Vec<Vec<String>> = vec![Vec::new(); sx.entities.entities.len()];
    for (a, x) in sx.extractions.iter().enumerate() {
        for m in &x.mentions {
            if let Some(&se) = sx.entities.by_article.get(a).and_then(|v| v.get(m.entity))
                && let Some(p) = printed.get_mut(se)
            {
                p.push(fold(&m.text));
                p.push(fold(&m.name));
            }
        }
    }
    let wanted: Vec<String> = forms.iter().map(|f| fold(f)).collect();
    let holders = |f: &String| -> Vec<usize> {
        (0..printed.len())
            .filter(|&e| printed[e].contains(f))
            .collect()
    };
    for (e, p) in printed.iter().enumerate() {
        if wanted.iter().all(|f| p.contains(f)) {
            return Ok(format!(
                "{} forms name {}",
                forms.len(),
                sx.entities.entities[e].entity.canonical
            ));
        }
    }
    let detail: Vec<String> = forms
        .iter()
        .zip(&wanted)
        .map(|(f, w)| {
            let hs: Vec<&str> = holders(w)
                .iter()
                .map(|&e| sx.entities.entities[e].entity.canonical.as_str())
                .collect();
            format!("{f:?} -> {hs:?}")
        })
        .collect();
    Err(format!(
        "the forms do not meet in one entity: {}",
        detail.join(", ")
    ))
}

/// Wall and CPU seconds of `work`, divided by `rounds`. CPU time is summed
/// over all of the process's threads, since cleaning runs on rayon's pool;
/// unlike wall time it is not inflated by other processes on a shared
/// machine.
fn timed(rounds: u32, mut work: impl FnMut()) -> (f64, Option<f64>) {
    let (t, c) = (Instant::now(), process_cpu_ns());
    for _ in 0..rounds {
        work();
    }
    let cpu = c
        .zip(process_cpu_ns())
        .map(|(a, b)| b.saturating_sub(a) as f64 / 1e9 / f64::from(rounds));
    (t.elapsed().as_secs_f64() / f64::from(rounds), cpu)
}

/// Times cleaning (the baseline, on rayon's pool) and extraction of every
/// input article (one after another on this thread), asserting the
/// extraction found something.
fn bench(inputs: &Inputs, cfg: &ExtractConfig, rounds: u32) -> anyhow::Result<ExitCode> {
    let ingested = inputs.read()?;
    let raw = &ingested.articles;
    let clean_cfg = CleanConfig::default();
    let mut cleaned = Vec::new();
    let clean_t = timed(rounds, || cleaned = clean_batch(raw, &clean_cfg));
    let articles: Vec<Article> = cleaned.into_iter().map(|c| c.article).collect();
    let bytes: usize = articles
        .iter()
        .map(|a| a.paragraphs.iter().map(String::len).sum::<usize>())
        .sum();
    let mut counts = (0usize, 0usize, 0usize, 0usize);
    let extract_t = timed(rounds, || {
        counts = (0, 0, 0, 0);
        for a in &articles {
            let x = extract(a, cfg);
            counts.0 += x.mentions.len();
            counts.1 += x.dates.len();
            counts.2 += x.quotes.len();
            counts.3 += x.numbers.len();
        }
    });
    // A speed-up that finds nothing is no speed-up.
    if articles.len() >= 10 && counts.0 == 0 {
        bail!(
            "extraction found no entity mentions in {} articles: the bench is broken",
            articles.len()
        );
    }
    let n = articles.len() as f64;
    let mb = bytes as f64 / 1e6;
    println!(
        "articles {}  body {mb:.1} MB  rounds {rounds}  (cpu time, all threads)",
        articles.len()
    );
    println!(
        "found    mentions {}  dates {}  quotes {}  numbers {}",
        counts.0, counts.1, counts.2, counts.3
    );
    println!(
        "{:<10} {:>8} {:>8} {:>16} {:>10}",
        "stage", "wall s", "cpu s", "articles/cpu-s", "MB/cpu-s"
    );
    for (name, (wall, cpu)) in [("clean", clean_t), ("extract", extract_t)] {
        let per = cpu.unwrap_or(wall);
        println!(
            "{name:<10} {wall:>8.2} {:>8.2} {:>16.0} {:>10.2}",
            per,
            n / per,
            mb / per
        );
    }
    let ratio = extract_t
        .1
        .zip(clean_t.1)
        .map_or(extract_t.0 / clean_t.0, |(e, c)| e / c);
    println!("extract / clean cpu-time ratio {ratio:.2}");
    Ok(ExitCode::SUCCESS)
}
