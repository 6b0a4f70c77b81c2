//! Keeping ids unique within one run.
//!
//! Two records with the same id are either the same article read twice (the
//! same file named twice, a directory and a file inside it) or two different
//! articles that collide (two `a.txt` in different folders, a careless
//! export). The first kind is dropped with a note, since nothing is lost.
//! The second is kept under a new id, `<id>#2` (then `#3`, ...), with a
//! warning naming where the first one was read, so every later stage can
//! rely on ids being unique. Renaming depends only on input order, so
//! re-reading the same inputs yields the same ids.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use storyline_core::{ArticleId, Location, RawArticle};

/// What [`IdRegistry::admit`] decided about an article.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Admission {
    /// The id was new.
    New,
    /// An article with the same id and the same content was read before, at
    /// this location; drop this copy.
    Repeat(Location),
    /// An article with the same id but different content was read before, at
    /// this location; this one was renamed from `from`.
    Renamed {
        /// The id the record carried.
        from: ArticleId,
        /// Where the first article with that id was read.
        first: Location,
    },
}

/// The ids seen so far in a run, each with a fingerprint of its content.
#[derive(Debug, Default)]
pub(crate) struct IdRegistry {
    seen: HashMap<ArticleId, (u64, Location)>,
}

impl IdRegistry {
    /// Records `raw`'s id, renaming `raw` when its id is taken by a
    /// different article.
    pub(crate) fn admit(&mut self, raw: &mut RawArticle) -> Admission {
        let print = fingerprint(raw);
        let (first_print, first) = match self.seen.get(&raw.id) {
            None => {
                self.seen
                    .insert(raw.id.clone(), (print, raw.origin.clone()));
                return Admission::New;
            }
            Some((p, loc)) => (*p, loc.clone()),
        };
        if first_print == print {
            return Admission::Repeat(first);
        }
        let from = raw.id.clone();
        let mut n = 2u64;
        loop {
            let candidate = ArticleId(format!("{}#{n}", from.0));
            match self.seen.get(&candidate) {
                // The same renamed article read again: the same copy.
                Some((p, loc)) if *p == print => return Admission::Repeat(loc.clone()),
                Some(_) => n += 1,
                None => {
                    self.seen
                        .insert(candidate.clone(), (print, raw.origin.clone()));
                    raw.id = candidate;
                    return Admission::Renamed { from, first };
                }
            }
        }
    }
}

/// A hash of what makes two records the same article.
fn fingerprint(raw: &RawArticle) -> u64 {
    // `DefaultHasher::new` is seeded with fixed keys, so fingerprints are
    // stable within a run, which is all they are used for.
    let mut h = DefaultHasher::new();
    raw.text.hash(&mut h);
    raw.title.hash(&mut h);
    raw.url.hash(&mut h);
    raw.source.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(id: &str, text: &str, file: &str) -> RawArticle {
        RawArticle {
            id: ArticleId::from(id),
            origin: Location::file(file),
            url: None,
            source: None,
            published: None,
            title: None,
            text: text.to_owned(),
            meta: Default::default(),
        }
    }

    #[test]
    fn duplicates() {
        let mut reg = IdRegistry::default();
        let mut a = raw("a", "one", "x/a.txt");
        assert_eq!(reg.admit(&mut a), Admission::New);
        let mut again = raw("a", "one", "x/a.txt");
        assert_eq!(
            reg.admit(&mut again),
            Admission::Repeat(Location::file("x/a.txt"))
        );
        let mut other = raw("a", "two", "y/a.txt");
        assert_eq!(
            reg.admit(&mut other),
            Admission::Renamed {
                from: ArticleId::from("a"),
                first: Location::file("x/a.txt")
            }
        );
        assert_eq!(other.id.as_str(), "a#2");
        let mut third = raw("a", "three", "z/a.txt");
        reg.admit(&mut third);
        assert_eq!(third.id.as_str(), "a#3");
        let mut other_again = raw("a", "two", "y/a.txt");
        assert_eq!(
            reg.admit(&mut other_again),
            Admission::Repeat(Location::file("y/a.txt"))
        );
    }
}
