//! Independent sources: how many separate pieces of reporting back a set of
//! articles, the count corroboration uses.
//!
//! Rules, in order:
//! 1. Members of one syndication group count once: ten copies of one wire
//!    text are one source.
//! 2. Articles from the same outlet (`Article::source`, compared folded)
//!    count once: an outlet does not corroborate itself.
//! 3. Two articles in different groups that credit the same agency *and*
//!    share at least one paragraph count once: they are not independent for
//!    what they share. A common credit alone never merges them, because two
//!    outlets crediting AFP may still write different stories.

use std::collections::HashMap;

use super::syndication::Syndication;
use crate::model::{Article, ArticleId};
use crate::text;

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

/// How many independent sources back `articles`, given the syndication
/// groups of a batch that contains them (articles the groups do not know
/// count as their own source).
///
/// ```
/// use storyline_core::dedup::{DedupConfig, dedup, independent_sources};
/// # use storyline_core::{Article, ArticleId};
/// # fn article(id: &str, source: &str, text: &str) -> Article {
/// #     Article { id: ArticleId::from(id), url: None, source: Some(source.into()),
/// #         published: None, title: None, byline: None, dateline: None, credits: vec![],
/// #         paragraphs: vec![text.to_owned()], removed: vec![], meta: Default::default() }
/// # }
/// let wire = "Rescuers pulled two hikers from the gorge late on Sunday after a night in freezing rain, the mountain rescue service said.";
/// let other = "The hikers, both from the valley, had set out on Saturday morning without a map and were reported missing by a neighbour.";
/// let articles = [
///     article("a", "Daily Post", wire),
///     article("b", "Evening Star", wire),
///     article("c", "Valley Radio", other),
/// ];
/// let groups = dedup(&articles, &DedupConfig::default());
/// assert_eq!(independent_sources(&articles, &groups), 2);
/// ```
pub fn independent_sources<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    syndication: &Syndication,
) -> usize {
    let articles: Vec<&Article> = articles.into_iter().collect();
    let n = articles.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut first_of_group: HashMap<usize, usize> = HashMap::new();
    let mut first_of_source: HashMap<String, usize> = HashMap::new();
    let mut position: HashMap<&ArticleId, usize> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        let same_id = *position.entry(&a.id).or_insert(i);
        union(&mut parent, same_id, i);
        if let Some(&g) = syndication.group_of.get(&a.id) {
            let first = *first_of_group.entry(g).or_insert(i);
            union(&mut parent, first, i);
        }
        if let Some(source) = a
            .source
            .as_deref()
            .map(text::fold)
            .filter(|s| !s.is_empty())
        {
            let first = *first_of_source.entry(source).or_insert(i);
            union(&mut parent, first, i);
        }
    }
    for (a, b, _) in &syndication.shared_passages {
        let (Some(&i), Some(&j)) = (position.get(a), position.get(b)) else {
            continue;
        };
        let common_credit = articles[i].credits.iter().any(|x| {
            articles[j]
                .credits
                .iter()
                .any(|y| x.agency.eq_ignore_ascii_case(&y.agency))
        });
        if common_credit {
            union(&mut parent, i, j);
        }
    }
    (0..n).filter(|&i| find(&mut parent, i) == i).count()
}
