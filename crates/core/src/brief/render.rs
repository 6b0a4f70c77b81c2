//! Printing a brief: terminal text, Markdown and HTML. (JSON is the serde
//! form of [`Brief`].)
//!
//! Sources are numbered in the order of the source list and every summary
//! sentence, figure value, quote and timeline entry cites them as `[n]`.
//! Article text is untrusted input: the HTML renderer escapes every string
//! it prints (the five characters HTML gives meaning to, so no text can
//! open a tag, an attribute or an entity), and the Markdown renderer
//! escapes the characters Markdown gives meaning to, so a headline cannot
//! smuggle in a link or raw HTML.

use std::collections::HashMap;
use std::fmt::Write;

use super::Brief;
use crate::corroborate::{Evidence, FigureGroup, FigureStatus};
use crate::model::ArticleId;

/// Source numbers: article id to its `[n]`.
fn numbers(b: &Brief) -> HashMap<&ArticleId, usize> {
    b.sources
        .iter()
        .flat_map(|g| &g.members)
        .enumerate()
        .map(|(i, e)| (&e.article, i + 1))
        .collect()
}

fn cite<'a>(n: &HashMap<&ArticleId, usize>, ids: impl Iterator<Item = &'a ArticleId>) -> String {
    let mut k: Vec<usize> = ids.filter_map(|id| n.get(id).copied()).collect();
    k.sort_unstable();
    k.dedup();
    let list: Vec<String> = k.iter().map(usize::to_string).collect();
    format!("[{}]", list.join(","))
}

fn evidence_cite(n: &HashMap<&ArticleId, usize>, e: &[Evidence]) -> String {
    cite(n, e.iter().map(|x| &x.article))
}

fn status_label(s: FigureStatus) -> &'static str {
    match s {
        FigureStatus::Conflict => "CONFLICT",
        FigureStatus::Agreed => "agreed",
        FigureStatus::Series => "series",
        FigureStatus::Mixed => "mixed",
        FigureStatus::Single => "single source",
    }
}

/// A count with its noun: "1 article", "2 articles", "0 sources".
///
/// ```
/// use storyline_core::brief::render::counted;
/// assert_eq!(counted(1, "article", "articles"), "1 article");
/// assert_eq!(counted(0, "source", "sources"), "0 sources");
/// ```
pub fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", noun(n, one, many))
}

/// The noun for a count, where a layout places the number itself.
pub fn noun<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn articles(n: usize) -> String {
    counted(n as u64, "article", "articles")
}

fn independent_sources(k: usize) -> String {
    counted(k as u64, "independent source", "independent sources")
}

/// Figures worth a reader's attention: conflicts, agreements and series
/// (a figure only one source gives is in the JSON, not the printout).
fn shown(b: &Brief) -> impl Iterator<Item = &FigureGroup> {
    b.claims
        .figures
        .iter()
        .filter(|g| !matches!(g.status, FigureStatus::Single | FigureStatus::Mixed))
}

/// The brief for a terminal.
pub fn text(b: &Brief) -> String {
    let n = numbers(b);
    let mut o = String::new();
    let _ = writeln!(o, "== {} ==", b.headline);
    if let Some(s) = &b.story {
        let _ = write!(o, "story {s} · ");
    }
    let _ = writeln!(
        o,
        "{} · {}",
        articles(b.articles),
        independent_sources(b.independent_sources)
    );
    let _ = writeln!(o, "\nSummary");
    for s in &b.summary {
        let _ = writeln!(
            o,
            "  {} {}",
            s.text,
            cite(&n, s.citations.iter().map(|c| &c.article))
        );
    }
    let _ = writeln!(o, "\nFigures");
    let mut any = false;
    for g in shown(b) {
        any = true;
        let _ = writeln!(o, "  {:<13} {}", status_label(g.status), g.about);
        for p in &g.points {
            let when = p
                .date
                .map_or_else(|| "undated".to_owned(), |d| d.to_string());
            for v in &p.values {
                let _ = writeln!(
                    o,
                    "      {when}  \"{}\": {} {}",
                    v.text,
                    independent_sources(v.independent_sources),
                    evidence_cite(&n, &v.evidence)
                );
            }
        }
    }
    if !any {
        let _ = writeln!(o, "  none that two reports give");
    }
    let _ = writeln!(o, "\nQuotes");
    for q in &b.quotes {
        let _ = writeln!(o, "  {}", q.speaker);
        for s in &q.quotes {
            let mark = if s.direct { "“" } else { "" };
            let end = if s.direct { "”" } else { "" };
            let _ = writeln!(
                o,
                "    {mark}{}{end} {}",
                s.text,
                evidence_cite(&n, &s.evidence)
            );
        }
    }
    let _ = writeln!(o, "\nTimeline");
    for t in &b.timeline {
        let _ = writeln!(
            o,
            "  {:<10}  {} {}",
            t.when(),
            t.text,
            evidence_cite(&n, &t.evidence)
        );
    }
    let _ = writeln!(o, "\nSources (grouped by syndication)");
    for g in &b.sources {
        for (i, e) in g.members.iter().enumerate() {
            let indent = if i == 0 { "  " } else { "      copy: " };
            let _ = write!(
                o,
                "{indent}[{}] {}",
                n.get(&e.article).copied().unwrap_or(0),
                e.outlet
            );
            if let Some(d) = e.date {
                let _ = write!(o, " · {d}");
            }
            let _ = write!(o, " · {}", e.article);
            if i > 0 {
                let _ = write!(o, " ({})", e.relation.as_str());
            }
            if !e.credits.is_empty() {
                let _ = write!(o, " · credits: {}", e.credits.join(", "));
            }
            let _ = writeln!(o);
        }
    }
    o
}

/// Escapes the characters Markdown gives meaning to.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '('
                | ')'
                | '#'
                | '+'
                | '!'
                | '|'
                | '<'
                | '>'
                | '&'
        ) {
            out.push('\\');
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// The brief as Markdown.
pub fn markdown(b: &Brief) -> String {
    let n = numbers(b);
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md(&b.headline));
    let _ = writeln!(
        o,
        "{}{}, {}.\n",
        b.story.as_ref().map_or(String::new(), |s| format!(
            "Story `{}`: ",
            s.replace('`', "'")
        )),
        articles(b.articles),
        independent_sources(b.independent_sources)
    );
    let _ = writeln!(o, "## Summary\n");
    for s in &b.summary {
        let _ = writeln!(
            o,
            "- {} {}",
            md(&s.text),
            md(&cite(&n, s.citations.iter().map(|c| &c.article)))
        );
    }
    let _ = writeln!(o, "\n## Figures\n");
    let _ = writeln!(
        o,
        "| status | about | date | value | independent sources | cited |"
    );
    let _ = writeln!(o, "|---|---|---|---|---|---|");
    for g in shown(b) {
        for p in &g.points {
            let when = p
                .date
                .map_or_else(|| "undated".to_owned(), |d| d.to_string());
            for v in &p.values {
                let _ = writeln!(
                    o,
                    "| {} | {} | {when} | {} | {} | {} |",
                    status_label(g.status),
                    md(&g.about),
                    md(&v.text),
                    v.independent_sources,
                    md(&evidence_cite(&n, &v.evidence))
                );
            }
        }
    }
    let _ = writeln!(o, "\n## Quotes\n");
    for q in &b.quotes {
        let _ = writeln!(o, "**{}**\n", md(&q.speaker));
        for s in &q.quotes {
            let _ = writeln!(
                o,
                "- “{}” {}",
                md(&s.text),
                md(&evidence_cite(&n, &s.evidence))
            );
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "## Timeline\n");
    for t in &b.timeline {
        let _ = writeln!(
            o,
            "- **{}** {} {}",
            t.when(),
            md(&t.text),
            md(&evidence_cite(&n, &t.evidence))
        );
    }
    let _ = writeln!(o, "\n## Sources\n");
    for g in &b.sources {
        for (i, e) in g.members.iter().enumerate() {
            let indent = if i == 0 { "" } else { "  " };
            let _ = write!(
                o,
                "{indent}- \\[{}\\] {}",
                n.get(&e.article).copied().unwrap_or(0),
                md(&e.outlet)
            );
            if let Some(d) = e.date {
                let _ = write!(o, ", {d}");
            }
            let _ = write!(o, ", `{}`", e.article.as_str().replace('`', "'"));
            if i > 0 {
                let _ = write!(o, " ({})", e.relation.as_str());
            }
            if !e.credits.is_empty() {
                let _ = write!(o, ", credits: {}", md(&e.credits.join(", ")));
            }
            let _ = writeln!(o);
        }
    }
    o
}

/// Escapes text for HTML element content and attribute values.
///
/// ```
/// use storyline_core::brief::render::escape_html;
/// assert_eq!(escape_html(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
/// ```
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The brief as an HTML fragment (an `<article>` element).
pub fn html(b: &Brief) -> String {
    let n = numbers(b);
    let e = escape_html;
    let mut o = String::new();
    let _ = writeln!(o, "<article class=\"brief\">");
    let _ = writeln!(o, "<h1>{}</h1>", e(&b.headline));
    let _ = writeln!(
        o,
        "<p class=\"meta\">{}{}, {}</p>",
        b.story
            .as_ref()
            .map_or(String::new(), |s| format!("story {} · ", e(s))),
        articles(b.articles),
        independent_sources(b.independent_sources)
    );
    let _ = writeln!(o, "<h2>Summary</h2>\n<ul class=\"summary\">");
    for s in &b.summary {
        let _ = writeln!(
            o,
            "<li>{} <span class=\"cite\">{}</span></li>",
            e(&s.text),
            e(&cite(&n, s.citations.iter().map(|c| &c.article)))
        );
    }
    let _ = writeln!(o, "</ul>\n<h2>Figures</h2>\n<table class=\"figures\">");
    let _ = writeln!(
        o,
        "<tr><th>status</th><th>about</th><th>date</th><th>value</th><th>independent sources</th><th>cited</th></tr>"
    );
    for g in shown(b) {
        for p in &g.points {
            let when = p
                .date
                .map_or_else(|| "undated".to_owned(), |d| d.to_string());
            for v in &p.values {
                let _ = writeln!(
                    o,
                    "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    if g.status == FigureStatus::Conflict {
                        "conflict"
                    } else {
                        "figure"
                    },
                    status_label(g.status),
                    e(&g.about),
                    e(&when),
                    e(&v.text),
                    v.independent_sources,
                    e(&evidence_cite(&n, &v.evidence))
                );
            }
        }
    }
    let _ = writeln!(o, "</table>\n<h2>Quotes</h2>");
    for q in &b.quotes {
        let _ = writeln!(o, "<h3>{}</h3>\n<ul class=\"quotes\">", e(&q.speaker));
        for s in &q.quotes {
            let _ = writeln!(
                o,
                "<li><q>{}</q> <span class=\"cite\">{}</span></li>",
                e(&s.text),
                e(&evidence_cite(&n, &s.evidence))
            );
        }
        let _ = writeln!(o, "</ul>");
    }
    let _ = writeln!(o, "<h2>Timeline</h2>\n<ol class=\"timeline\">");
    for t in &b.timeline {
        let _ = writeln!(
            o,
            "<li><time datetime=\"{}\">{}</time> {} <span class=\"cite\">{}</span></li>",
            t.when(),
            t.when(),
            e(&t.text),
            e(&evidence_cite(&n, &t.evidence))
        );
    }
    let _ = writeln!(o, "</ol>\n<h2>Sources</h2>\n<ol class=\"sources\">");
    for g in &b.sources {
        let _ = writeln!(o, "<li><ul>");
        for (i, m) in g.members.iter().enumerate() {
            let _ = write!(
                o,
                "<li id=\"src-{}\">[{}] {}",
                n.get(&m.article).copied().unwrap_or(0),
                n.get(&m.article).copied().unwrap_or(0),
                e(&m.outlet)
            );
            if let Some(d) = m.date {
                let _ = write!(o, ", {d}");
            }
            let _ = write!(o, ", <code>{}</code>", e(m.article.as_str()));
            if i > 0 {
                let _ = write!(o, " ({})", m.relation.as_str());
            }
            if !m.credits.is_empty() {
                let _ = write!(o, ", credits: {}", e(&m.credits.join(", ")));
            }
            let _ = writeln!(o, "</li>");
        }
        let _ = writeln!(o, "</ul></li>");
    }
    let _ = writeln!(o, "</ol>\n</article>");
    o
}
