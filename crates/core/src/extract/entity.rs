//! Entity mentions: people, organisations and places found by
//! capitalisation, titles, keyword heads and the gazetteer.
//!
//! A mention is a run of capitalised words (with name particles such as
//! "bin", "al-" and "of" inside). The run is read left to right: an
//! affiliation ("US", "Egyptian"), then titles ("Secretary of State",
//! "Foreign Minister", "Mr"), then the name. A run with an organisation head
//! ("Ministry", "Council") is an organisation, one the gazetteer knows or
//! with a place head ("Strip", "Corridor") is a place, a titled or
//! multi-word name is a person. "the Egyptian Foreign Minister" without a
//! name is a *role* mention that [`super::alias`] links to the person
//! holding the role.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use super::Span;
use super::gazetteer;
use super::token::{Token, TokenKind};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, institution, government body, party, armed group.
    Organisation,
    /// A country, city, region or named feature.
    Place,
    /// A proper name whose kind the rules could not tell.
    Other,
}

/// One mention of an entity in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityMention {
    /// Where it is: paragraph index and byte offsets into that paragraph.
    pub span: Span,
    /// The text as printed, titles included ("Mr Blinken’s").
    pub text: String,
    /// The name without titles or possessive ("Blinken"); for a role
    /// mention, the role ("Secretary of State").
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// The title or role printed with the name ("US Secretary of State").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Whether this mention names only a role ("the Secretary of State").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub role_only: bool,
    /// Index of the entity in [`super::Extraction::entities`].
    pub entity: usize,
    /// Whether the mention is in a header line (the title, a tag or
    /// navigation line) rather than the body: `span.paragraph` then indexes
    /// [`super::Extraction::headers`]. Header mentions only ever join
    /// entities the body established.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub header: bool,
    /// Whether the mention opens its sentence (capitalisation is then weak
    /// evidence of a name).
    #[serde(skip)]
    pub(crate) sentence_initial: bool,
}

/// A word list read by hash: the lists are long, and one is searched for
/// nearly every capitalised word.
struct WordList {
    words: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
}

impl WordList {
    const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            set: OnceLock::new(),
        }
    }

    fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word)
    }
}

/// Words that start a sentence or a run but are not names.
static STOP: WordList = WordList::new(&[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "after",
    "before",
    "during",
    "since",
    "for",
    "as",
    "if",
    "when",
    "while",
    "according",
    "earlier",
    "later",
    "ahead",
    "prior",
    "meanwhile",
    "however",
    "despite",
    "with",
    "without",
    "from",
    "to",
    "by",
    "of",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "where",
    "which",
    "all",
    "some",
    "many",
    "most",
    "more",
    "no",
    "not",
    "one",
    "two",
    "three",
    "so",
    "yet",
    "also",
    "both",
    "each",
    "every",
    "other",
    "such",
    "than",
    "then",
    "though",
    "although",
    "because",
    "until",
    "about",
    "over",
    "under",
    "between",
    "among",
    "into",
    "through",
    "against",
    "around",
    "following",
    "last",
    "next",
    "this",
    "today",
    "yesterday",
    "tomorrow",
    "now",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "has",
    "have",
    "had",
    "be",
    "been",
    "being",
    "read",
    "watch",
    "see",
    "update",
    "breaking",
    "related",
    "photo",
    "video",
    "number",
    "please",
    "subscribe",
    "follow",
    "join",
    "leave",
    "share",
    "click",
    "advertisement",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "ok",
    "yes",
    "even",
    "just",
    "only",
    "still",
    "already",
]);

/// Words that begin or qualify a title before a name.
static TITLES: WordList = WordList::new(&[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "vice",
    "prime",
    "minister",
    "secretary",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "health",
    "justice",
    "trade",
    "economy",
    "energy",
    "deputy",
    "chief",
    "ambassador",
    "envoy",
    "special",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "king",
    "queen",
    "prince",
    "princess",
    "crown",
    "sheikh",
    "emir",
    "sultan",
    "pope",
    "general",
    "gen",
    "lt",
    "col",
    "capt",
    "colonel",
    "captain",
    "major",
    "admiral",
    "sgt",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "gov",
    "governor",
    "mayor",
    "chancellor",
    "premier",
    "judge",
    "commissioner",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "speaker",
    "leader",
    "commander",
    "attorney",
    "executive",
    "managing",
    "bureau",
    "official",
    "coach",
    "pastor",
    "rabbi",
    "imam",
    "cardinal",
    "bishop",
    "father",
    "officer",
    "head",
    "state",
    "national",
    "security",
    "adviser",
    "advisor",
    "assistant",
    "former",
    "acting",
    "first",
    "top",
    "senior",
]);

/// Verbs after a capital's name that make it stand for the government.
static AGENCY_VERBS: WordList = WordList::new(&[
    "said",
    "says",
    "has",
    "have",
    "had",
    "wants",
    "vetoed",
    "accused",
    "warned",
    "announced",
    "insists",
    "insisted",
    "rejected",
    "denied",
    "urged",
    "imposed",
    "sanctioned",
    "blamed",
    "responded",
    "threatened",
    "demanded",
    "condemned",
    "welcomed",
    "supports",
    "opposes",
    "backed",
    "approved",
    "refused",
    "agreed",
    "signed",
    "expelled",
    "recalled",
]);

/// Titles of address that say nothing about a role.
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof"];

/// Title heads that make a bare role mention ("the Secretary").
static ROLE_HEADS: WordList = WordList::new(&[
    "president",
    "minister",
    "secretary",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "king",
    "queen",
    "prince",
    "emir",
    "sultan",
    "pope",
    "governor",
    "mayor",
    "chancellor",
    "premier",
    "senator",
    "official",
    "chief",
    "leader",
    "commander",
    "general",
    "director",
    "chairman",
    "speaker",
    "adviser",
    "advisor",
]);

/// Lower-case nouns that announce a person's name after them
/// ("spokesperson Matthew Miller", "representative Linda Thomas-Greenfield").
static PERSON_CUES: WordList = WordList::new(&[
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "representative",
    "official",
    "minister",
    "leader",
    "envoy",
    "president",
    "secretary",
    "ambassador",
    "chief",
    "adviser",
    "advisor",
    "correspondent",
    "reporter",
    "analyst",
    "professor",
    "director",
    "lawyer",
    "said",
    "told",
    "actor",
    "actress",
    "singer",
    "author",
    "writer",
    "coach",
    "player",
    "star",
]);

/// Heads that make a run an organisation.
static ORG_HEADS: WordList = WordList::new(&[
    "ministry",
    "department",
    "council",
    "agency",
    "organization",
    "organisation",
    "court",
    "corporation",
    "corp",
    "company",
    "inc",
    "ltd",
    "llc",
    "party",
    "union",
    "bank",
    "university",
    "institute",
    "commission",
    "committee",
    "assembly",
    "parliament",
    "congress",
    "senate",
    "army",
    "forces",
    "force",
    "police",
    "authority",
    "group",
    "association",
    "foundation",
    "news",
    "press",
    "tv",
    "times",
    "post",
    "network",
    "fund",
    "program",
    "programme",
    "office",
    "board",
    "service",
    "league",
    "alliance",
    "movement",
    "front",
    "brigades",
    "guard",
    "corps",
    "presidency",
    "cabinet",
    "government",
    "administration",
    "nations",
    "federation",
    "church",
    "school",
    "college",
    "hospital",
    "airlines",
    "airways",
    "club",
    "team",
    "journal",
    "radio",
    "broadcasting",
    "media",
    "reuters",
    "bureau",
    "centre",
    "center",
    "society",
    "system",
    "house",
    "pentagon",
    "kremlin",
    "taliban",
    "hamas",
    "hezbollah",
    "houthis",
    "nato",
    "legislature",
    "navy",
    "command",
]);

/// Heads that make a run a place.
static PLACE_HEADS: WordList = WordList::new(&[
    "strip",
    "valley",
    "sea",
    "gulf",
    "river",
    "island",
    "islands",
    "mountains",
    "province",
    "region",
    "district",
    "county",
    "corridor",
    "peninsula",
    "heights",
    "coast",
    "square",
    "street",
    "avenue",
    "crossing",
    "camp",
    "city",
    "east",
    "west",
    "bay",
    "lake",
    "ocean",
    "canal",
    "state",
    "territory",
    "territories",
    "airport",
    "port",
    "border",
    "plaza",
]);

/// Lower-case words allowed inside a name run.
static PARTICLES: WordList = WordList::new(&[
    "bin", "ibn", "bint", "al", "el", "de", "del", "da", "di", "van", "von", "der", "la", "le",
    "du", "of", "abu", "ben",
]);

/// Lower-case nouns that announce an organisation after them.
static ORG_CUES: WordList = WordList::new(&[
    "group",
    "movement",
    "militia",
    "company",
    "firm",
    "organisation",
    "organization",
    "party",
    "agency",
    "network",
]);

/// Lower case, with a contraction cut off ("We’ve" → "we"), so that
/// contracted function words meet the stop list.
fn lower(s: &str) -> String {
    let l = s.to_lowercase();
    for c in [
        "’ve", "'ve", "’ll", "'ll", "’re", "'re", "’m", "'m", "’d", "'d",
    ] {
        if let Some(base) = l.strip_suffix(c) {
            return base.to_owned();
        }
    }
    l
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("’s")
        .or_else(|| s.strip_suffix("'s"))
        .or_else(|| s.strip_suffix("s’").map(|_| &s[..s.len() - "’".len()]))
        .unwrap_or(s)
}

fn is_possessive(s: &str) -> bool {
    s.ends_with("’s") || s.ends_with("'s")
}

fn is_cap(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// "al-Sissi", "el-Sisi": a lower-case Arabic article prefixed to a name.
fn is_prefixed_name(word: &str) -> bool {
    // Every prefix has its hyphen third or fourth: most words end here.
    let b = word.as_bytes();
    if b.get(2) != Some(&b'-') && b.get(3) != Some(&b'-') {
        return false;
    }
    ["al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "ar-"]
        .iter()
        .any(|p| word.strip_prefix(p).is_some_and(is_cap))
}

fn is_all_caps(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// A mention before linking: [`super::alias`] assigns its entity.
pub(crate) type Mention = EntityMention;

/// Finds the entity mentions of paragraph `p` (text `para`, tokens `toks`,
/// sentence ranges `sents`), appending them to `out`.
pub(crate) fn find(
    p: usize,
    para: &str,
    toks: &[Token],
    sents: &[(usize, usize)],
    out: &mut Vec<Mention>,
) {
    // A word opening a sentence or a quotation is capitalised anyway.
    let sentence_start = |t: &Token| {
        sents.iter().any(|&(s, _)| s == t.start)
            || para[..t.start]
                .trim_end()
                .ends_with(['\u{201c}', '"', '\u{2018}'])
    };
    let text_of = |i: usize| toks[i].text(para);
    let word_at = |i: usize| {
        toks.get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(para))
    };
    let mut i = 0;
    while i < toks.len() {
        // Role-only mentions: "the (Egyptian) Foreign Minister", "the secretary".
        if text_of(i).eq_ignore_ascii_case("the")
            && let Some((m, next)) = role_only(p, para, toks, i)
        {
            out.push(m);
            i = next;
            continue;
        }
        let t = toks[i];
        let w = t.text(para);
        let starts_run = t.kind == TokenKind::Word && (is_cap(w) || is_prefixed_name(w));
        if !starts_run {
            i += 1;
            continue;
        }
        // Extend the run.
        let mut j = i + 1;
        let mut end_tok = i;
        while j < toks.len() {
            let n = toks[j];
            let nt = n.text(para);
            let prev = toks[end_tok];
            if is_possessive(prev.text(para)) {
                break;
            }
            // "Mr." / "U.S." keep their period inside the run.
            if nt == "." && n.start == prev.end {
                let pw = prev.text(para);
                if ((TITLES.contains(lower(pw).as_str()) && pw.len() <= 4) || pw.contains('.'))
                    && toks
                        .get(j + 1)
                        .is_some_and(|x| x.kind == TokenKind::Word && is_cap(x.text(para)))
                {
                    end_tok = j;
                    j += 1;
                    continue;
                }
                break;
            }
            if n.kind != TokenKind::Word {
                break;
            }
            if is_cap(nt) || is_prefixed_name(nt) {
                end_tok = j;
                j += 1;
                continue;
            }
            if PARTICLES.contains(nt)
                && word_at(j + 1).is_some_and(|x| is_cap(x) || is_prefixed_name(x))
            {
                end_tok = j + 1;
                j += 2;
                continue;
            }
            break;
        }
        let run: Vec<usize> = (i..=end_tok)
            .filter(|&k| toks[k].kind == TokenKind::Word)
            .collect();
        classify(p, para, toks, &run, sentence_start(&toks[i]), out);
        i = end_tok + 1;
    }
}

/// A role-only mention starting at the article `the` at `i`.
fn role_only(p: usize, para: &str, toks: &[Token], i: usize) -> Option<(Mention, usize)> {
    let mut j = i + 1;
    let mut role_words = Vec::new();
    let mut has_head = false;
    let mut last = i;
    while let Some(t) = toks.get(j) {
        if t.kind != TokenKind::Word {
            break;
        }
        let w = t.text(para);
        let lw = lower(w);
        let affiliation = role_words.is_empty()
            && (gazetteer::demonym(w).is_some()
                || (is_all_caps(w) && gazetteer::place(w).is_some()));
        if affiliation || TITLES.contains(lw.as_str()) || (lw == "of" && has_head) {
            has_head |= ROLE_HEADS.contains(lw.as_str());
            role_words.push(w);
            last = j;
            j += 1;
            continue;
        }
        break;
    }
    // Trailing "of" is not part of the role.
    while role_words.last().is_some_and(|w| *w == "of") {
        role_words.pop();
        last -= 1;
    }
    if !has_head
        || !ROLE_HEADS.contains(lower(role_words.last()?).as_str())
            && lower(role_words.last()?) != "state"
    {
        return None;
    }
    // A name right after makes it a titled name, handled by the run logic.
    if toks
        .get(last + 1)
        .is_some_and(|t| t.kind == TokenKind::Word && is_cap(t.text(para)))
    {
        return None;
    }
    let start = toks[i].start;
    let end = toks[last].end;
    let name = para[toks[i + 1].start..end].to_owned();
    Some((
        Mention {
            span: Span {
                paragraph: p,
                start,
                end,
            },
            text: para[start..end].to_owned(),
            name: name.clone(),
            kind: EntityKind::Person,
            role: Some(name),
            role_only: true,
            entity: usize::MAX,
            header: false,
            sentence_initial: false,
        },
        last + 1,
    ))
}

#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Mention>,
    p: usize,
    para: &str,
    toks: &[Token],
    from: usize,
    to: usize,
    name_from: usize,
    kind: EntityKind,
    role: Option<String>,
    initial: bool,
) {
    let start = toks[from].start;
    let end = toks[to].end;
    let name = strip_possessive(&para[toks[name_from].start..end]).to_owned();
    let text = para[start..end].to_owned();
    out.push(Mention {
        span: Span {
            paragraph: p,
            start,
            end,
        },
        text,
        name,
        kind,
        role,
        role_only: false,
        entity: usize::MAX,
        header: false,
        sentence_initial: initial,
    });
}

fn classify(
    p: usize,
    para: &str,
    toks: &[Token],
    run: &[usize],
    initial: bool,
    out: &mut Vec<Mention>,
) {
    let w = |k: usize| toks[run[k]].text(para);
    let lw = |k: usize| lower(strip_possessive(w(k)));
    // Drop leading function words, dates and bare demonyms-as-adjectives
    // are kept for affiliation below.
    let mut a = 0;
    while a < run.len() && STOP.contains(lw(a).as_str()) {
        a += 1;
    }
    if a == run.len() {
        return;
    }
    let initial = initial && a == 0;
    // Split at a date word inside the run ("Blinken Thursday").
    let mut b = a;
    while b < run.len()
        && (b == a || !STOP.contains(lw(b).as_str()) || PARTICLES.contains(lw(b).as_str()))
    {
        b += 1;
    }
    if b < run.len() {
        classify(p, para, toks, &run[b..], false, out);
    }
    let run = &run[a..b];
    let n = run.len();
    let w = |k: usize| toks[run[k]].text(para);
    let lw = |k: usize| lower(strip_possessive(w(k)));
    let prev_word = |tok: usize| -> Option<String> {
        (0..tok)
            .rev()
            .map(|k| toks[k])
            .find(|t| t.kind != TokenKind::Punct || t.text(para) != "\u{201c}")
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| lower(t.text(para)))
    };
    let before = prev_word(run[0]);
    let full = strip_possessive(&para[toks[run[0]].start..toks[run[n - 1]].end]);
    let last = lw(n - 1);

    // Whole run in the gazetteer.
    if gazetteer::place(full).is_some() && !(n == 1 && gazetteer::demonym(full).is_some()) {
        push(
            out,
            p,
            para,
            toks,
            run[0],
            run[n - 1],
            run[0],
            EntityKind::Place,
            None,
            initial,
        );
        // A capital as the subject of an act stands for its country's
        // government ("Washington has vetoed", "Cairo rejected"): only
        // then is the metonym clear.
        let next = toks[run[n - 1] + 1..]
            .iter()
            .find(|t| t.kind != TokenKind::Punct || t.text(para) != "’");
        let acts =
            next.is_some_and(|t| t.kind == TokenKind::Word && AGENCY_VERBS.contains(t.text(para)));
        if let (true, Some(country)) = (acts, gazetteer::country_of_capital(full))
            && let Some(m) = out.last_mut()
        {
            m.name = country.name.clone();
        }
        return;
    }
    // A single hyphenated token of places: "Israel-Hamas", "Gaza-Egypt".
    if n == 1 && w(0).contains('-') && !is_prefixed_name(w(0)) {
        let parts: Vec<&str> = strip_possessive(w(0)).split('-').collect();
        if parts.iter().all(|s| is_cap(s)) && parts.iter().any(|s| gazetteer::place(s).is_some()) {
            let mut off = toks[run[0]].start;
            for s in parts {
                let kind = if gazetteer::place(s).is_some() {
                    Some(EntityKind::Place)
                } else if gazetteer::demonym(s).is_some() {
                    None
                } else {
                    Some(EntityKind::Other)
                };
                if let Some(kind) = kind {
                    out.push(Mention {
                        span: Span {
                            paragraph: p,
                            start: off,
                            end: off + s.len(),
                        },
                        text: s.to_owned(),
                        name: s.to_owned(),
                        kind,
                        role: None,
                        role_only: false,
                        entity: usize::MAX,
                        header: false,
                        sentence_initial: false,
                    });
                }
                off += s.len() + 1;
            }
            return;
        }
    }
    // Organisations by head word anywhere after the first word ("Foreign
    // Ministry", "Department of State", "Security Council").
    if (0..n).any(|k| {
        ORG_HEADS.contains(lw(k).as_str())
            && (k > 0
                || n == 1
                || [
                    "hamas",
                    "hezbollah",
                    "taliban",
                    "nato",
                    "reuters",
                    "pentagon",
                    "kremlin",
                    "houthis",
                ]
                .contains(&lw(k).as_str()))
    }) || before.as_deref().is_some_and(|b| ORG_CUES.contains(b))
    {
        push(
            out,
            p,
            para,
            toks,
            run[0],
            run[n - 1],
            run[0],
            EntityKind::Organisation,
            None,
            initial,
        );
        return;
    }
    if n >= 2 && PLACE_HEADS.contains(last.as_str()) && !TITLES.contains(lw(0).as_str()) {
        push(
            out,
            p,
            para,
            toks,
            run[0],
            run[n - 1],
            run[0],
            EntityKind::Place,
            None,
            initial,
        );
        return;
    }
    // Affiliation, then titles, then the name.
    let mut k = 0;
    let mut aff_end = None;
    // An unknown capitalised word opening the run right before a title is
    // an affiliation too ("Zorvian Foreign Minister", "Harbour
    // Commissioner"): a name does not come before its own title.
    let before_title = |k: usize| {
        k + 1 < n && TITLES.contains(lw(k + 1).as_str()) && !TITLES.contains(lw(k).as_str())
    };
    while k < n
        && (gazetteer::demonym(w(k)).is_some()
            || (gazetteer::place(w(k)).is_some() && before_title(k))
            || (k == 0 && before_title(k)))
    {
        aff_end = Some(k);
        k += 1;
    }
    let title_start = k;
    while k < n && (TITLES.contains(lw(k).as_str()) || (lw(k) == "of" && k > title_start)) {
        k += 1;
    }
    // "Secretary of State": "State" after "of" is part of the title.
    let has_title = k > title_start;
    if let Some(ae) = aff_end {
        // The affiliation itself names a place when it is a country ("US").
        for &tok in &run[..=ae] {
            let word = toks[tok].text(para);
            if gazetteer::place(word).is_some() && gazetteer::demonym(word).is_none() {
                push(
                    out,
                    p,
                    para,
                    toks,
                    tok,
                    tok,
                    tok,
                    EntityKind::Place,
                    None,
                    false,
                );
            }
        }
        if !has_title && k == n {
            return;
        }
    }
    if has_title && k < n {
        // The role runs from the affiliation, if any, to the last title word.
        let role = para[toks[run[0]].start..toks[run[k - 1]].end]
            .trim_end_matches('.')
            .to_owned();
        // An honorific alone ("Mr", "Dr") is a title, not a role.
        let role = Some(role).filter(|r| !HONORIFICS.contains(&lower(r).as_str()));
        push(
            out,
            p,
            para,
            toks,
            run[title_start],
            run[n - 1],
            run[k],
            EntityKind::Person,
            role,
            false,
        );
        return;
    }
    if has_title {
        // A capitalised role without a name: "The Secretary reiterated".
        if before.as_deref() == Some("the") || lw(0) == "the" {
            let role = para[toks[run[0]].start..toks[run[n - 1]].end].to_owned();
            out.push(Mention {
                span: Span {
                    paragraph: p,
                    start: toks[run[0]].start,
                    end: toks[run[n - 1]].end,
                },
                text: role.clone(),
                name: role.clone(),
                kind: EntityKind::Person,
                role: Some(role),
                role_only: true,
                entity: usize::MAX,
                header: false,
                sentence_initial: false,
            });
        }
        return;
    }
    let name_from = k;
    if name_from >= n {
        return;
    }
    let nn = n - name_from;
    let single = w(name_from);
    // Plural demonyms and plain demonyms are not names ("Palestinians").
    if nn == 1
        && (gazetteer::demonym(single).is_some()
            || single
                .strip_suffix('s')
                .is_some_and(|s| gazetteer::demonym(s).is_some()))
    {
        return;
    }
    if nn == 1 && is_all_caps(single) {
        let letters = single.chars().filter(|c| c.is_alphabetic()).count();
        if letters <= 6 {
            push(
                out,
                p,
                para,
                toks,
                run[name_from],
                run[n - 1],
                run[name_from],
                EntityKind::Organisation,
                None,
                initial,
            );
        }
        return;
    }
    let cue = before.as_deref().is_some_and(|b| PERSON_CUES.contains(b));
    let kind = if before.as_deref() == Some("the") {
        EntityKind::Other
    } else if (2..=4).contains(&nn) || cue {
        EntityKind::Person
    } else {
        EntityKind::Other
    };
    push(
        out,
        p,
        para,
        toks,
        run[name_from],
        run[n - 1],
        run[name_from],
        kind,
        None,
        initial,
    );
}
