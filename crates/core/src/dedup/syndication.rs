//! Syndication groups: articles that share their reporting, with a canonical
//! member and each member's relation to it.
//!
//! The canonical member is the earliest published (articles without a date
//! come after dated ones), then the most complete (most words), then the
//! smallest id, so the choice never depends on input order.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::containment::Overlap;
use super::index::{DedupIndex, Strength};
use crate::model::ArticleId;

/// How a group member relates to the group's canonical member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Relation {
    /// It is the canonical member.
    Canonical,
    /// The same words (case, quote style, whitespace and breaks aside).
    Exact,
    /// Nearly the same text (Jaccard at least `near_jaccard`).
    Near,
    /// It contains the canonical text (a long copy with added furniture or
    /// paragraphs).
    Contains,
    /// It is contained in the canonical text (a trimmed copy).
    Contained,
    /// It shares paragraphs with the canonical member, enough to be linked
    /// (a common wire credit lowers the bar) but without being a near copy
    /// or mostly contained either way.
    SharesParagraphs,
}

impl Relation {
    /// The name used in output: `exact`, `near`, `contains`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Canonical => "canonical",
            Relation::Exact => "exact",
            Relation::Near => "near",
            Relation::Contains => "contains",
            Relation::Contained => "contained",
            Relation::SharesParagraphs => "shares-paragraphs",
        }
    }
}

/// One member of a syndication group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// The article.
    pub id: ArticleId,
    /// Its relation to the canonical member.
    pub relation: Relation,
    /// How similar it is to the canonical member: Jaccard for `exact` and
    /// `near`, containment for `contains` / `contained`, the containment of
    /// the smaller text for `shares-paragraphs`, 1 for the canonical member.
    pub similarity: f32,
}

/// A syndication group: one piece of reporting and its copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The canonical member's id.
    pub canonical: ArticleId,
    /// Every member, the canonical one first, then by id.
    pub members: Vec<Member>,
}

/// Every article's syndication group, including single-article groups.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Syndication {
    /// Groups, ordered by canonical id.
    pub groups: Vec<Group>,
    /// Article id to its group's position in `groups`.
    pub group_of: HashMap<ArticleId, usize>,
    /// Pairs of articles in different groups that share at least one
    /// paragraph (or were verified as copies of each other but placed in
    /// different groups), with the paragraphs shared (the larger side's
    /// count).
    pub shared_passages: Vec<(ArticleId, ArticleId, u32)>,
}

impl Syndication {
    /// The group an article belongs to.
    pub fn group(&self, id: &ArticleId) -> Option<&Group> {
        self.group_of.get(id).map(|&g| &self.groups[g])
    }

    /// Groups with more than one member.
    pub fn copies(&self) -> impl Iterator<Item = &Group> {
        self.groups.iter().filter(|g| g.members.len() > 1)
    }
}

/// The relation and similarity of `member` to `canonical` given their overlap
/// (first = member, second = canonical).
pub(crate) fn relation(o: &Overlap, near_jaccard: f32, contained: f32) -> (Relation, f32) {
    if o.exact {
        (Relation::Exact, 1.0)
    } else if o.jaccard >= near_jaccard {
        (Relation::Near, o.jaccard)
    } else if o.first_in_second >= contained && o.first_in_second >= o.second_in_first {
        (Relation::Contained, o.first_in_second)
    } else if o.second_in_first >= contained {
        (Relation::Contains, o.second_in_first)
    } else {
        (Relation::SharesParagraphs, o.of_smaller())
    }
}

/// Whether a relation is a partial overlap rather than (nearly) the same text.
fn is_partial(r: Relation) -> bool {
    matches!(
        r,
        Relation::Contains | Relation::Contained | Relation::SharesParagraphs
    )
}

/// Whether a would-be canonical text is a stock passage rather than a piece
/// of reporting: two or more articles are linked to it by a partial overlap
/// (it contains them, they contain it, or they share paragraphs) and fewer
/// than half of those are copies of one another. Copies of one report are
/// copies of each other; a newsletter box, a "check back for updates" line
/// or a cleaning remnant sits inside many articles that share nothing else.
/// Such a text keeps its exact and near copies only.
fn is_stock_passage(star: &[(usize, Relation, f32)], copy_pairs: &HashSet<(usize, usize)>) -> bool {
    let containing: Vec<usize> = star
        .iter()
        .filter(|&&(_, r, _)| is_partial(r))
        .map(|&(m, _, _)| m)
        .collect();
    if containing.len() < 2 {
        return false;
    }
    let mut linked = 0usize;
    let mut pairs = 0usize;
    for (i, &a) in containing.iter().enumerate() {
        for &b in &containing[i + 1..] {
            pairs += 1;
            linked += usize::from(copy_pairs.contains(&(a.min(b), a.max(b))));
        }
    }
    2 * linked < pairs
}

impl DedupIndex {
    /// The syndication groups of everything indexed so far.
    ///
    /// Copy links form connected components; inside each, groups are
    /// stars: the earliest (then most complete) article not yet placed
    /// becomes a canonical member and takes every unplaced article with a
    /// direct copy link to it. Chains (A copies B, B shares a furniture
    /// block with C) therefore never pull unrelated reporting into one
    /// group, and every member's relation is measured against a canonical
    /// it was verified against.
    pub fn syndication(&self) -> Syndication {
        self.groups_where(&self.components(), |_| true, None)
    }

    /// The part of [`DedupIndex::syndication`] that `ids` see: the whole
    /// groups of every article linked to one of them by copies (so each
    /// member's relation and canonical are what the full syndication says),
    /// and the shared passages between two of them. Counting independent
    /// sources among those articles, or grouping them by syndication, gives
    /// what the full syndication gives, at a cost that depends on the links
    /// of these articles rather than on everything indexed (the store asks
    /// for one batch's articles, and for the members of the stories it
    /// re-briefs). Ids not indexed are ignored.
    pub fn syndication_of<'a>(&self, ids: impl IntoIterator<Item = &'a ArticleId>) -> Syndication {
        let wanted: HashSet<usize> = ids.into_iter().filter_map(|id| self.position(id)).collect();
        let roots = self.components();
        let kept: HashSet<u32> = wanted.iter().map(|&i| roots[i]).collect();
        self.groups_where(&roots, |root| kept.contains(&root), Some(&wanted))
    }

    /// Groups of the copy components whose root `keep` accepts, and the
    /// shared passages between kept articles (only between two of `among`,
    /// when given).
    fn groups_where(
        &self,
        roots: &[u32],
        keep: impl Fn(u32) -> bool,
        among: Option<&HashSet<usize>>,
    ) -> Syndication {
        let entries = self.entries();
        let mut by_root: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, &r) in roots.iter().enumerate() {
            if keep(r) {
                by_root.entry(r).or_default().push(i);
            }
        }
        // Each copy with its overlap seen from the copy's side (a link
        // measured `first` against `second`; both sides are indexable texts,
        // so the flipped overlap is the one measured the other way round).
        let mut copies_of: HashMap<usize, Vec<(usize, Overlap)>> = HashMap::new();
        let mut copy_pairs: HashSet<(usize, usize)> = HashSet::new();
        for l in self
            .links()
            .iter()
            .filter(|l| l.strength == Strength::Copy && keep(roots[l.first as usize]))
        {
            let (a, b) = (l.first as usize, l.second as usize);
            copies_of
                .entry(a)
                .or_default()
                .push((b, l.overlap.flipped()));
            copies_of.entry(b).or_default().push((a, l.overlap));
            copy_pairs.insert((a.min(b), a.max(b)));
        }
        let earlier = |a: usize, b: usize| -> Ordering {
            let (x, y) = (&entries[a], &entries[b]);
            let time = match (x.published, y.published) {
                (Some(p), Some(q)) => p.time.cmp(&q.time),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            time.then(y.shingles.words.cmp(&x.shingles.words))
                .then(x.id.cmp(&y.id))
        };
        let cfg = self.config();
        let mut placed = vec![false; entries.len()];
        let mut groups: Vec<Group> = Vec::new();
        for mut members in by_root.into_values() {
            members.sort_by(|&a, &b| earlier(a, b));
            for &canonical in &members {
                if placed[canonical] {
                    continue;
                }
                placed[canonical] = true;
                let mut star: Vec<(usize, Relation, f32)> =
                    vec![(canonical, Relation::Canonical, 1.0)];
                if let Some(copies) = copies_of.get(&canonical) {
                    for &(m, ref o) in copies {
                        if !placed[m] {
                            let (r, sim) = relation(o, cfg.near_jaccard, cfg.contained);
                            star.push((m, r, sim));
                        }
                    }
                }
                if is_stock_passage(&star, &copy_pairs) {
                    star.retain(|&(_, r, _)| !is_partial(r));
                }
                for &(m, _, _) in &star {
                    placed[m] = true;
                }
                let mut out: Vec<Member> = star
                    .iter()
                    .map(|&(m, relation, similarity)| Member {
                        id: entries[m].id.clone(),
                        relation,
                        similarity,
                    })
                    .collect();
                out.sort_by(|a, b| {
                    (a.relation != Relation::Canonical, &a.id)
                        .cmp(&(b.relation != Relation::Canonical, &b.id))
                });
                groups.push(Group {
                    canonical: entries[canonical].id.clone(),
                    members: out,
                });
            }
        }
        groups.sort_by(|a, b| a.canonical.cmp(&b.canonical));
        let mut group_of = HashMap::new();
        for (g, group) in groups.iter().enumerate() {
            for m in &group.members {
                group_of.insert(m.id.clone(), g);
            }
        }
        let mut shared_passages: Vec<(ArticleId, ArticleId, u32)> = self
            .links()
            .iter()
            .filter(|l| match among {
                Some(among) => {
                    among.contains(&(l.first as usize)) && among.contains(&(l.second as usize))
                }
                None => true,
            })
            .filter_map(|l| {
                let (a, b) = (
                    &entries[l.first as usize].id,
                    &entries[l.second as usize].id,
                );
                if group_of.get(a) == group_of.get(b) {
                    return None;
                }
                let n = l.overlap.paragraphs_shared();
                if n == 0 && l.strength != Strength::Copy {
                    return None;
                }
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                Some((a.clone(), b.clone(), n))
            })
            .collect();
        shared_passages.sort();
        Syndication {
            groups,
            group_of,
            shared_passages,
        }
    }
}
