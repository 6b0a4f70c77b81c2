//! Coreference of names: which mentions name the same entity, and what its
//! canonical form is, within an article ([`link`]) and across the articles
//! of a story ([`resolve_entities`]).
//!
//! Names are compared by key: folded case, no dots ("U.S." = "US"), no
//! possessive, no Arabic article ("al-Sissi" = "Sissi"). Full names match
//! exactly or token by token within a small edit distance relative to the
//! token's length ("Anthony bliken" = "Antony Blinken", but "Joan" ≠
//! "John": short tokens must match exactly). A lone surname joins the
//! person whose last name it is, preferring the most recently mentioned;
//! an acronym joins the name whose initials it spells ("UAE"); a role
//! ("the Egyptian Foreign Minister") joins the most recent person printed
//! with that role. Places meet at their gazetteer name.

use serde::{Deserialize, Serialize};

use super::ExtractConfig;
use super::entity::{EntityKind, EntityMention};
use super::gazetteer;

/// One surface form of an entity and how often it was printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// The name as printed, titles and possessive removed ("Mr Blinken’s" → "Blinken").
    pub text: String,
    /// How many mentions used it.
    pub count: usize,
}

/// An entity of one article: its canonical name, kind, aliases and roles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The canonical form: the most frequent well-capitalised full name,
    /// or the gazetteer name of a place.
    pub canonical: String,
    /// What it is.
    pub kind: EntityKind,
    /// Every name form seen, most frequent first.
    pub aliases: Vec<Alias>,
    /// Titles and roles printed with it ("US Secretary of State").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// How many mentions it has.
    pub mentions: usize,
}

/// An entity of a story, gathering article entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryEntity {
    /// The entity, with aliases and roles pooled over the story.
    pub entity: Entity,
    /// `(article index, entity index in that article's extraction)`.
    pub members: Vec<(usize, usize)>,
}

/// The entities of a story, with a map from article entities to them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityTable {
    /// The story's entities.
    pub entities: Vec<StoryEntity>,
    /// `by_article[a][e]` is the story entity of entity `e` of article `a`.
    pub by_article: Vec<Vec<usize>>,
}

impl EntityTable {
    /// The story entity of entity `entity` of article `article`.
    pub fn of(&self, article: usize, entity: usize) -> Option<&StoryEntity> {
        let i = *self.by_article.get(article)?.get(entity)?;
        self.entities.get(i)
    }
}

/// The comparison tokens of a name: folded, no dots, no possessive, no
/// Arabic article, hyphenated given names kept whole.
pub(crate) fn name_key(name: &str) -> Vec<String> {
    gazetteer::key(name)
        .split_whitespace()
        .filter(|t| !matches!(*t, "al" | "el" | "the"))
        .map(|t| {
            for p in ["al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "ar-"] {
                if let Some(s) = t.strip_prefix(p) {
                    return s.to_owned();
                }
            }
            t.to_owned()
        })
        .collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Whether two name tokens are the same up to a small misspelling.
fn token_close(a: &str, b: &str, cfg: &ExtractConfig) -> bool {
    if a == b {
        return true;
    }
    let len = a.chars().count().max(b.chars().count());
    if a.chars().count().min(b.chars().count()) < cfg.min_fuzzy_len {
        return false;
    }
    let d = levenshtein(a, b);
    d as f32 <= (len as f32 * cfg.max_edit_ratio).max(1.0)
}

/// Whether two full-name keys name the same entity.
fn names_close(a: &[String], b: &[String], cfg: &ExtractConfig) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| token_close(x, y, cfg))
}

fn initials(key: &[String]) -> String {
    key.iter()
        .filter(|t| !matches!(t.as_str(), "of" | "and" | "for" | "the" | "de"))
        .filter_map(|t| t.chars().next())
        .collect()
}

/// Role key: words lower-cased, affiliations as country codes, generic
/// words dropped ("the Egyptian official" → ["EG"]).
fn role_key(role: &str) -> Vec<String> {
    role.split_whitespace()
        .filter_map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if let Some(cc) = gazetteer::demonym(w) {
                return (!cc.is_empty()).then(|| cc.to_owned());
            }
            if let Some(p) = gazetteer::place(w).filter(|p| p.kind == gazetteer::PlaceKind::Country)
            {
                return Some(p.country.clone());
            }
            let l = w.to_lowercase();
            (!matches!(
                l.as_str(),
                "the"
                    | "of"
                    | "official"
                    | "officials"
                    | "top"
                    | "senior"
                    | "mr"
                    | "mrs"
                    | "ms"
                    | "dr"
            ))
            .then_some(l)
        })
        .collect()
}

fn well_capitalised(s: &str) -> bool {
    s.split_whitespace().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            || matches!(w, "bin" | "ibn" | "al" | "de" | "van" | "von" | "of")
            || w.starts_with("al-")
            || w.starts_with("el-")
    })
}

/// Picks the canonical form among `(form, count)` pairs.
fn canonical(forms: &[(String, usize)], kind: EntityKind) -> String {
    if kind == EntityKind::Place
        && let Some(p) = forms.iter().find_map(|(f, _)| gazetteer::place(f))
    {
        return p.name.clone();
    }
    forms
        .iter()
        .max_by_key(|(f, c)| {
            (
                well_capitalised(f),
                f.split_whitespace().count() >= 2,
                *c,
                f.len(),
            )
        })
        .map(|(f, _)| f.clone())
        .unwrap_or_default()
}

fn kinds_compatible(a: EntityKind, b: EntityKind) -> bool {
    a == b || a == EntityKind::Other || b == EntityKind::Other
}

struct Cluster {
    kind: EntityKind,
    keys: Vec<Vec<String>>,
    forms: Vec<(String, usize)>,
    roles: Vec<String>,
    members: Vec<usize>,
    last_seen: usize,
    strong: bool,
}

impl Cluster {
    fn add_form(&mut self, form: &str, n: usize) {
        match self.forms.iter_mut().find(|(f, _)| f == form) {
            Some((_, c)) => *c += n,
            None => self.forms.push((form.to_owned(), n)),
        }
        let k = name_key(form);
        if !k.is_empty() && !self.keys.contains(&k) {
            self.keys.push(k);
        }
    }

    fn full_keys(&self) -> impl Iterator<Item = &Vec<String>> {
        self.keys.iter().filter(|k| k.len() >= 2)
    }
}

/// One thing to cluster: a mention in an article, or an article entity in
/// a story.
struct Item<'a> {
    forms: Vec<(&'a str, usize)>,
    kind: EntityKind,
    roles: Vec<&'a str>,
    role_only: bool,
    weak: bool,
}

/// Clusters `items` in order; returns each item's cluster or `None` when it
/// was dropped (an unresolved role, a lone sentence-initial word).
fn cluster(items: &[Item<'_>], cfg: &ExtractConfig) -> (Vec<Cluster>, Vec<Option<usize>>) {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut of: Vec<Option<usize>> = vec![None; items.len()];
    let place_key = |f: &str| gazetteer::place(f).map(|p| name_key(&p.name));
    let new_cluster = |clusters: &mut Vec<Cluster>, it: &Item<'_>, idx: usize| {
        let mut c = Cluster {
            kind: it.kind,
            keys: Vec::new(),
            forms: Vec::new(),
            roles: Vec::new(),
            members: vec![idx],
            last_seen: idx,
            strong: !it.weak,
        };
        for (f, n) in &it.forms {
            c.add_form(f, *n);
            if let Some(k) = place_key(f).filter(|_| it.kind == EntityKind::Place)
                && !c.keys.contains(&k)
            {
                c.keys.push(k);
            }
        }
        c.roles.extend(it.roles.iter().map(|r| (*r).to_owned()));
        clusters.push(c);
        clusters.len() - 1
    };
    let join = |c: &mut Cluster, it: &Item<'_>, idx: usize| {
        for (f, n) in &it.forms {
            c.add_form(f, *n);
        }
        for r in &it.roles {
            if !c.roles.iter().any(|x| x == r) {
                c.roles.push((*r).to_owned());
            }
        }
        if c.kind == EntityKind::Other {
            c.kind = it.kind;
        }
        c.members.push(idx);
        c.last_seen = idx;
        c.strong |= !it.weak;
    };
    // Pass 1: full names, places and organisations.
    for (idx, it) in items.iter().enumerate() {
        if it.role_only {
            continue;
        }
        let keys: Vec<Vec<String>> = it
            .forms
            .iter()
            .map(|(f, _)| {
                if it.kind == EntityKind::Place {
                    place_key(f).unwrap_or_else(|| name_key(f))
                } else {
                    name_key(f)
                }
            })
            .collect();
        let full = keys.iter().any(|k| k.len() >= 2) || matches!(it.kind, EntityKind::Place);
        if !full {
            continue;
        }
        let found = clusters.iter().position(|c| {
            kinds_compatible(c.kind, it.kind)
                && keys.iter().any(|k| {
                    c.keys
                        .iter()
                        .any(|ck| ck == k || (k.len() >= 2 && names_close(ck, k, cfg)))
                })
        });
        match found {
            Some(ci) => join(&mut clusters[ci], it, idx),
            None => of[idx] = Some(new_cluster(&mut clusters, it, idx)),
        }
        if let Some(ci) = found {
            of[idx] = Some(ci);
        }
    }
    // Pass 2: single names, surnames and acronyms, in text order.
    for (idx, it) in items.iter().enumerate() {
        if it.role_only || of[idx].is_some() {
            continue;
        }
        let keys: Vec<Vec<String>> = it.forms.iter().map(|(f, _)| name_key(f)).collect();
        let Some(k) = keys.iter().find(|k| !k.is_empty()) else {
            continue;
        };
        let single = &k[0];
        let surname_of = |c: &Cluster| {
            c.kind != EntityKind::Place
                && kinds_compatible(c.kind, it.kind)
                && c.full_keys().any(|ck| {
                    ck.last().is_some_and(|l| token_close(l, single, cfg))
                        || (ck.len() >= 3 && ck[1..].iter().any(|t| t == single))
                })
        };
        let acronym_of =
            |c: &Cluster| single.len() >= 2 && c.full_keys().any(|ck| initials(ck) == *single);
        let exact =
            |c: &Cluster| kinds_compatible(c.kind, it.kind) && c.keys.iter().any(|ck| ck == k);
        // Prefer the most recently mentioned candidate: "Blinken" after
        // "Antony Blinken", even if another Blinken appeared earlier.
        let pick = |pred: &dyn Fn(&Cluster) -> bool| {
            clusters
                .iter()
                .enumerate()
                .filter(|(_, c)| pred(c))
                .max_by_key(|(_, c)| c.last_seen)
                .map(|(i, _)| i)
        };
        let found = pick(&exact)
            .or_else(|| pick(&surname_of))
            .or_else(|| pick(&acronym_of));
        let ci = match found {
            Some(ci) => {
                join(&mut clusters[ci], it, idx);
                ci
            }
            None => new_cluster(&mut clusters, it, idx),
        };
        of[idx] = Some(ci);
    }
    // Pass 3: roles, to the most recent person printed with that role.
    for (idx, it) in items.iter().enumerate() {
        if !it.role_only {
            continue;
        }
        let want: Vec<String> = it.roles.iter().flat_map(|r| role_key(r)).collect();
        if want.is_empty() {
            continue;
        }
        let holds = |c: &Cluster| {
            c.kind == EntityKind::Person
                && c.roles.iter().any(|r| {
                    let have = role_key(r);
                    want.iter().all(|w| have.contains(w))
                })
        };
        let before = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| holds(c) && c.members.iter().any(|&m| m < idx))
            .max_by_key(|(_, c)| c.members.iter().copied().filter(|&m| m < idx).max());
        let any = || {
            clusters
                .iter()
                .enumerate()
                .filter(|(_, c)| holds(c))
                .max_by_key(|(_, c)| c.members.len())
        };
        if let Some((ci, _)) = before.or_else(any) {
            clusters[ci].members.push(idx);
            // Roles are aliases but never canonical: count them as zero.
            for (f, _) in &it.forms {
                if !clusters[ci].forms.iter().any(|(x, _)| x == f) {
                    clusters[ci].forms.push(((*f).to_owned(), 0));
                }
            }
            of[idx] = Some(ci);
        }
    }
    // Drop clusters made only of weak evidence (a lone capitalised word
    // opening a sentence: "Fears have grown").
    let keep: Vec<bool> = clusters
        .iter()
        .map(|c| c.strong || c.members.len() > 1 || c.kind != EntityKind::Other)
        .collect();
    let mut remap = vec![None; clusters.len()];
    let mut kept = Vec::new();
    for (i, c) in clusters.into_iter().enumerate() {
        if keep[i] {
            remap[i] = Some(kept.len());
            kept.push(c);
        }
    }
    let of = of.into_iter().map(|c| c.and_then(|c| remap[c])).collect();
    (kept, of)
}

fn to_entity(c: &Cluster) -> Entity {
    let mut forms = c.forms.clone();
    forms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let named: Vec<(String, usize)> = forms.iter().filter(|(_, n)| *n > 0).cloned().collect();
    Entity {
        canonical: canonical(if named.is_empty() { &forms } else { &named }, c.kind),
        kind: c.kind,
        aliases: forms
            .into_iter()
            .map(|(text, count)| Alias { text, count })
            .collect(),
        roles: c.roles.clone(),
        mentions: c.members.len(),
    }
}

/// Links the mentions of one article into entities, setting each
/// mention's `entity`; drops mentions that resolve to nothing.
pub(crate) fn link(mentions: &mut Vec<EntityMention>, cfg: &ExtractConfig) -> Vec<Entity> {
    let items: Vec<Item<'_>> = mentions
        .iter()
        .map(|m| Item {
            forms: vec![(m.name.as_str(), usize::from(!m.role_only))],
            kind: m.kind,
            roles: m.role.iter().map(String::as_str).collect(),
            role_only: m.role_only,
            weak: m.sentence_initial && m.kind == EntityKind::Other,
        })
        .collect();
    let (clusters, of) = cluster(&items, cfg);
    let entities: Vec<Entity> = clusters.iter().map(to_entity).collect();
    let mut k = 0;
    mentions.retain_mut(|m| {
        let c = of[k];
        k += 1;
        match c {
            Some(c) => {
                m.entity = c;
                if m.kind == EntityKind::Other {
                    m.kind = entities[c].kind;
                }
                true
            }
            None => false,
        }
    });
    entities
}

/// Finds, in header lines (the title, tag and navigation lines), the
/// entities the body established, and appends them to `mentions` as header
/// mentions. A header line is matched against the names already known,
/// not read for new ones: furniture is too noisy to found an entity on,
/// but a tag line that spells a known name ("Anthony bliken") is an alias.
/// Windows of up to four words are compared case-folded, token by token
/// within the edit distance of [`ExtractConfig`]; a single word must be
/// capitalised and meet a known name or a person's surname the same way.
pub(crate) fn link_headers(
    lines: &[String],
    mentions: &mut Vec<EntityMention>,
    entities: &mut [Entity],
    cfg: &ExtractConfig,
) {
    if entities.is_empty() {
        return;
    }
    // Name keys of every entity: its named forms, and for a person the
    // surname of each full form.
    let keys: Vec<(usize, Vec<String>, bool)> = entities
        .iter()
        .enumerate()
        .flat_map(|(e, ent)| {
            let mut ks: Vec<(usize, Vec<String>, bool)> = Vec::new();
            for al in ent.aliases.iter().filter(|a| a.count > 0) {
                let k = name_key(&al.text);
                if k.is_empty() {
                    continue;
                }
                if ent.kind == EntityKind::Person && k.len() >= 2 {
                    ks.push((e, vec![k[k.len() - 1].clone()], false));
                }
                ks.push((e, k, true));
            }
            ks
        })
        .collect();
    let mut toks = Vec::new();
    for (l, line) in lines.iter().enumerate() {
        super::token::tokenize(line, &mut toks);
        let words: Vec<super::token::Token> = toks
            .iter()
            .copied()
            .filter(|t| t.kind == super::token::TokenKind::Word)
            .collect();
        let mut taken = vec![false; words.len()];
        for len in (1..=4usize).rev() {
            for i in 0..words.len().saturating_sub(len - 1) {
                if taken[i..i + len].iter().any(|&t| t) {
                    continue;
                }
                let (start, end) = (words[i].start, words[i + len - 1].end);
                let text = &line[start..end];
                // The window must be one run of words, not across punctuation.
                if toks.iter().any(|t| {
                    t.kind == super::token::TokenKind::Punct && t.start > start && t.end < end
                }) {
                    continue;
                }
                let k = name_key(text);
                if k.len() != len {
                    continue;
                }
                let capital = text.chars().next().is_some_and(char::is_uppercase);
                let hit = keys
                    .iter()
                    .filter(|(_, ek, _)| ek.len() == len)
                    .filter(|(_, ek, _)| {
                        if len >= 2 {
                            names_close(ek, &k, cfg)
                        } else {
                            capital && ek[0].chars().count() >= 3 && token_close(&ek[0], &k[0], cfg)
                        }
                    })
                    .max_by_key(|(e, _, full)| (*full, entities[*e].mentions))
                    .map(|(e, _, _)| *e);
                let Some(e) = hit else { continue };
                taken[i..i + len].iter_mut().for_each(|t| *t = true);
                let name = strip_possessive_name(text);
                let ent = &mut entities[e];
                ent.mentions += 1;
                match ent.aliases.iter_mut().find(|a| a.text == name) {
                    Some(a) => a.count += 1,
                    None => ent.aliases.push(Alias {
                        text: name.to_owned(),
                        count: 1,
                    }),
                }
                mentions.push(EntityMention {
                    span: super::Span {
                        paragraph: l,
                        start,
                        end,
                    },
                    text: text.to_owned(),
                    name: name.to_owned(),
                    kind: ent.kind,
                    role: None,
                    role_only: false,
                    entity: e,
                    header: true,
                    sentence_initial: false,
                });
            }
        }
    }
}

fn strip_possessive_name(s: &str) -> &str {
    s.strip_suffix("’s")
        .or_else(|| s.strip_suffix("'s"))
        .unwrap_or(s)
}

/// Merges the entities of a story's articles (`extractions[a].entities`)
/// into story entities with one canonical form each.
pub fn resolve_entities(extractions: &[super::Extraction], cfg: &ExtractConfig) -> EntityTable {
    let mut index = Vec::new();
    let mut items = Vec::new();
    for (a, x) in extractions.iter().enumerate() {
        for (e, ent) in x.entities.iter().enumerate() {
            index.push((a, e));
            items.push(Item {
                forms: ent
                    .aliases
                    .iter()
                    .filter(|al| al.count > 0)
                    .map(|al| (al.text.as_str(), al.count))
                    .collect(),
                kind: ent.kind,
                roles: ent.roles.iter().map(String::as_str).collect(),
                role_only: false,
                weak: false,
            });
        }
    }
    let (clusters, of) = cluster(&items, cfg);
    let mut table = EntityTable {
        entities: clusters
            .iter()
            .map(|c| StoryEntity {
                entity: to_entity(c),
                members: Vec::new(),
            })
            .collect(),
        by_article: extractions
            .iter()
            .map(|x| vec![usize::MAX; x.entities.len()])
            .collect(),
    };
    for (i, &(a, e)) in index.iter().enumerate() {
        if let Some(c) = of[i] {
            table.by_article[a][e] = c;
            let se = &mut table.entities[c];
            se.members.push((a, e));
            // Role-only aliases of the article entity join the story alias list.
            for al in extractions[a].entities[e]
                .aliases
                .iter()
                .filter(|al| al.count == 0)
            {
                if !se.entity.aliases.iter().any(|x| x.text == al.text) {
                    se.entity.aliases.push(al.clone());
                }
            }
            se.entity.mentions = se
                .members
                .iter()
                .map(|&(a, e)| extractions[a].entities[e].mentions)
                .sum();
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("bliken", "blinken"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        let cfg = ExtractConfig::default();
        assert!(names_close(
            &name_key("Anthony bliken"),
            &name_key("Antony Blinken"),
            &cfg
        ));
        assert!(!names_close(
            &name_key("Joan Smith"),
            &name_key("John Smith"),
            &cfg
        ));
        assert_eq!(
            name_key("Abdel-Fattah al-Sissi’s"),
            ["abdel-fattah", "sissi"]
        );
        assert_eq!(
            role_key("the Egyptian Foreign Minister"),
            ["EG", "foreign", "minister"]
        );
    }
}
