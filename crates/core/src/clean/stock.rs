//! Stock passages: sentences, and runs of words that open lines, that recur
//! across articles that share nothing else. An archive's banner, a reprints
//! notice, the prompt of an embedded post, a newsletter box or a player's
//! notice run into the body: they sit inside running text, where the line
//! rules of `furniture.rs` do not see them, and on pages of many sources,
//! where no source's template (`repeat.rs`) holds them.
//!
//! Wire copy, a quotation every outlet printed and a running story's
//! background paragraph recur too, but in articles about the same thing.
//! So a recurring sentence is stock only when most pairs of the articles it
//! sits in are unrelated: their content words outside the recurring
//! sentences and their neighbours overlap little (Jaccard under
//! [`RELATED`]). Articles with too little text of their own for that test
//! (a page that is nothing but the banner, a short copy of a wire story) are
//! no evidence either way.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::lexicon::is_function_word;
use crate::model::RawArticle;

/// Which recurring sentences are candidates.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StockRule {
    /// Articles a sentence must recur in.
    pub(crate) min_articles: usize,
    /// Words a sentence must have, so that short stock phrases ("Read
    /// more.") are left to the line rules and short sentences that many
    /// reports share by chance ("He was 64.") are never candidates.
    pub(crate) min_words: usize,
}

/// Content words an article must keep outside the recurring sentences to
/// count as evidence.
const HOST_WORDS: usize = 20;

/// Jaccard of two articles' content words at and above which they are
/// related. Measured on Multi-News: articles of one story overlap by 0.17
/// (median; 0.04 at the tenth percentile), unrelated articles that share a
/// stock sentence by 0.02 (median; 0.05 at the ninetieth percentile).
const RELATED: f32 = 0.08;

/// Articles compared per sentence at most, the first by id, so that a
/// banner on thousands of pages costs 496 comparisons, not millions.
const MAX_HOSTS: usize = 32;

/// The stock passages of a pile, and the articles they sit in.
#[derive(Debug, Default)]
pub(crate) struct Stock {
    /// The stock sentences' keys ([`Piece::key`]).
    pub(crate) keys: FxHashSet<u64>,
    /// Stock line openings: the key of a line's first [`OPENING_WORDS`]
    /// words, to the key and length in words of each stock run that starts
    /// so ([`cut_opening`]).
    pub(crate) openings: FxHashMap<u64, Vec<(u64, usize)>>,
    /// Positions (in the pile) of the articles that hold one.
    pub(crate) hosts: FxHashSet<usize>,
}

/// The stock passages of a pile, sentences and line openings (hosts are
/// positions in `raws`).
pub(crate) fn stock_passages(raws: &[&RawArticle], rule: StockRule) -> Stock {
    let min_articles = rule.min_articles.max(2);
    if raws.len() < min_articles {
        return Stock::default();
    }
    // Each article's sentences, as (key, words), in text order, and the
    // opening keys of its long lines, as (key, line index).
    let scanned: Vec<(Keyed, Keyed)> = raws
        .par_iter()
        .map(|raw| {
            // One walk over the lines for both: the sentences in order (as
            // `for_each_piece` gives them) and each long line's opening.
            let (mut out, mut opens) = (Vec::new(), Vec::new());
            for (no, line) in raw.text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                pieces(line, |p| out.push((p.key, p.words)));
                let words = line_words(line, OPENING_LINE_WORDS);
                if words.len() >= OPENING_LINE_WORDS {
                    opens.push((run_key(&words[..OPENING_WORDS]), no));
                }
            }
            (out, opens)
        })
        .collect();
    let (sentences, openings): (Vec<_>, Vec<_>) = scanned.into_iter().unzip();
    let mut stock = Stock::default();
    stock_openings(raws, &openings, min_articles, &mut stock);
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    let mut mine = Vec::new();
    for article in &sentences {
        mine.clear();
        mine.extend(
            article
                .iter()
                .filter(|&&(_, words)| words >= rule.min_words)
                .map(|&(key, _)| key),
        );
        mine.sort_unstable();
        mine.dedup();
        for &key in &mine {
            *counts.entry(key).or_default() += 1;
        }
    }
    let candidates: FxHashSet<u64> = counts
        .into_iter()
        .filter(|&(_, n)| n as usize >= min_articles)
        .map(|(key, _)| key)
        .collect();
    if candidates.is_empty() {
        return stock;
    }
    let mut hosts: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, article) in sentences.iter().enumerate() {
        for &(key, _) in article {
            if candidates.contains(&key) {
                let list = hosts.entry(key).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
    }
    // What each host says besides: its content words outside the candidate
    // sentences and the sentences either side of them (where the rest of a
    // notice that the sentence splitter did not cut off sits).
    let host_ids: Vec<usize> = {
        let mut all: Vec<usize> = hosts.values().flatten().copied().collect();
        all.sort_unstable();
        all.dedup();
        all
    };
    // Per host: its own words, and the candidates with fewer than two
    // content words ("I don't know what to say."), which unrelated reports
    // share by chance rather than by a template.
    let per_host: Vec<(usize, Vec<u64>, Vec<u64>)> = host_ids
        .par_iter()
        .map_init(String::new, |buf, &i| {
            let keys = &sentences[i];
            let near: Vec<bool> = (0..keys.len())
                .map(|j| {
                    let lo = j.saturating_sub(1);
                    let hi = (j + 1).min(keys.len() - 1);
                    keys[lo..=hi].iter().any(|(k, _)| candidates.contains(k))
                })
                .collect();
            let (mut words, mut plain, mut scratch) = (Vec::new(), Vec::new(), Vec::new());
            let mut j = 0;
            for_each_piece(&raws[i].text, |s, _| {
                match keys.get(j) {
                    Some((key, _)) if candidates.contains(key) => {
                        scratch.clear();
                        content_words(s, buf, &mut scratch);
                        if scratch.len() < 2 {
                            plain.push(*key);
                        }
                    }
                    _ if !near.get(j).copied().unwrap_or(true) => {
                        content_words(s, buf, &mut words);
                    }
                    _ => {}
                }
                j += 1;
            });
            words.sort_unstable();
            words.dedup();
            (i, words, plain)
        })
        .collect();
    let plain: FxHashSet<u64> = per_host
        .iter()
        .flat_map(|(_, _, p)| p.iter().copied())
        .collect();
    let own: FxHashMap<usize, Vec<u64>> = per_host.into_iter().map(|(i, w, _)| (i, w)).collect();
    for (&key, list) in &hosts {
        if plain.contains(&key) {
            continue;
        }
        if mostly_unrelated(raws, list, &own) {
            stock.keys.insert(key);
            stock.hosts.extend(list.iter().copied());
        }
    }
    stock
}

/// Whether most pairs of `hosts` that have words enough of their own
/// (`own`) are unrelated: at least two pairs, and more than are related.
fn mostly_unrelated(
    raws: &[&RawArticle],
    hosts: &[usize],
    own: &FxHashMap<usize, Vec<u64>>,
) -> bool {
    let mut evidence: Vec<usize> = hosts
        .iter()
        .copied()
        .filter(|i| own.get(i).is_some_and(|w| w.len() >= HOST_WORDS))
        .collect();
    evidence.sort_by(|&a, &b| raws[a].id.cmp(&raws[b].id));
    // Copies with the same words of their own are one piece of evidence.
    evidence.dedup_by(|a, b| own.get(a) == own.get(b));
    evidence.truncate(MAX_HOSTS);
    let (mut related, mut unrelated) = (0usize, 0usize);
    for (n, &a) in evidence.iter().enumerate() {
        for &b in &evidence[n + 1..] {
            if let (Some(wa), Some(wb)) = (own.get(&a), own.get(&b)) {
                if jaccard(wa, wb) >= RELATED {
                    related += 1;
                } else {
                    unrelated += 1;
                }
            }
        }
    }
    unrelated >= 2 && unrelated > related
}

/// Keys with a count or a position: a sentence's key and its words, an
/// opening's key and its line.
type Keyed = Vec<(u64, usize)>;

/// Words a line opening is keyed by.
const OPENING_WORDS: usize = 6;

/// Words a line needs for its opening to count, so that the opening is
/// not the whole line (a line that is only a notice is for the sentence
/// rule, or the line rules).
const OPENING_LINE_WORDS: usize = 12;

/// Words a stock opening is followed to at most.
const OPENING_MAX_WORDS: usize = 64;

/// An opening run shorter than this many words is stock only in
/// [`OPENING_MANY`] unrelated articles or more: a lede of six words ("North
/// Korean leader Kim Jong Un ...") can open a handful of unrelated reports
/// by chance, a caption credit opens dozens.
const OPENING_LONG: usize = 8;

/// See [`OPENING_LONG`].
const OPENING_MANY: usize = 10;

/// Stock line openings: a run of words that opens lines in several
/// unrelated articles and runs into their text with no stop between, as a
/// player's "Media playback is unsupported on your device" or an agency's
/// photo credit glued to the report. From each recurring opening of
/// [`OPENING_WORDS`] words the run is followed, word by word, as long as
/// most of the lines that still agree take the same next word.
fn stock_openings(
    raws: &[&RawArticle],
    openings: &[Vec<(u64, usize)>],
    min_articles: usize,
    stock: &mut Stock,
) {
    let mut by_opening: FxHashMap<u64, Vec<(usize, usize)>> = FxHashMap::default();
    for (i, article) in openings.iter().enumerate() {
        for &(key, no) in article {
            let list = by_opening.entry(key).or_default();
            if list.last().is_none_or(|&(a, _)| a != i) {
                list.push((i, no));
            }
        }
    }
    let mut groups: Vec<(u64, Vec<(usize, usize)>)> = by_opening
        .into_iter()
        .filter(|(_, list)| list.len() >= min_articles)
        .collect();
    groups.sort_unstable_by_key(|(key, _)| *key);
    for (key, mut members) in groups {
        members.sort_by(|a, b| raws[a.0].id.cmp(&raws[b.0].id));
        let lines: Vec<&str> = members
            .iter()
            .map(|&(i, no)| raws[i].text.lines().nth(no).unwrap_or("").trim())
            .collect();
        let words: Vec<Vec<(u64, usize)>> = lines
            .iter()
            .map(|l| line_words(l, OPENING_MAX_WORDS))
            .collect();
        let mut agree: Vec<usize> = (0..members.len()).collect();
        let mut len = OPENING_WORDS;
        while len < OPENING_MAX_WORDS - 2 {
            // The next word most of the agreeing lines take, if it leaves
            // each of them a few words of its own.
            let mut next: FxHashMap<u64, usize> = FxHashMap::default();
            for &m in &agree {
                if words[m].len() > len + 2 {
                    *next.entry(words[m][len].0).or_default() += 1;
                }
            }
            let Some((word, n)) = next
                .into_iter()
                .max_by_key(|&(w, n)| (n, std::cmp::Reverse(w)))
            else {
                break;
            };
            if n < min_articles.max(agree.len().div_ceil(2)) {
                break;
            }
            agree.retain(|&m| words[m].len() > len + 2 && words[m][len].0 == word);
            len += 1;
        }
        if agree.len()
            < if len >= OPENING_LONG {
                min_articles
            } else {
                OPENING_MANY
            }
        {
            continue;
        }
        let mut buf = String::new();
        let own: FxHashMap<usize, Vec<u64>> = agree
            .iter()
            .map(|&m| {
                let (i, no) = members[m];
                let cut = words[m][len - 1].1;
                let mut own = Vec::new();
                for (n, line) in raws[i].text.lines().enumerate() {
                    let line = line.trim();
                    let rest = if n == no {
                        &line[cut.min(line.len())..]
                    } else {
                        line
                    };
                    content_words(rest, &mut buf, &mut own);
                }
                own.sort_unstable();
                own.dedup();
                (i, own)
            })
            .collect();
        let hosts: Vec<usize> = agree.iter().map(|&m| members[m].0).collect();
        if mostly_unrelated(raws, &hosts, &own) {
            let run = run_key(&words[agree[0]][..len]);
            stock.openings.entry(key).or_default().push((run, len));
            stock.hosts.extend(hosts);
        }
    }
}

/// The words of `line` as [`pieces`] reads them (runs of ASCII letters and
/// digits and of non-ASCII bytes), at most `max`: each word's hash
/// (lower-cased) and the byte offset where it ends.
fn line_words(line: &str, max: usize) -> Vec<(u64, usize)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() && out.len() < max {
        if !is_word_byte(b[i]) {
            i += 1;
            continue;
        }
        let mut hash = FNV_OFFSET;
        while i < b.len() && is_word_byte(b[i]) {
            hash = fnv(hash, b[i].to_ascii_lowercase());
            i += 1;
        }
        out.push((mix(hash), i));
    }
    out
}

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c >= 0x80
}

/// The key of a run of words ([`line_words`]), apart from every sentence
/// key.
fn run_key(words: &[(u64, usize)]) -> u64 {
    let mut hash = 0x6f70_656e_696e_6721_u64;
    for &(w, _) in words {
        hash = (hash.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    mix(hash)
}

/// Where the stock opening of `line`, if it has one, ends: the byte after
/// its last word and the punctuation and white space that follow it.
pub(crate) fn cut_opening(
    line: &str,
    openings: &FxHashMap<u64, Vec<(u64, usize)>>,
) -> Option<usize> {
    let head = line_words(line, OPENING_LINE_WORDS);
    if head.len() < OPENING_LINE_WORDS {
        return None;
    }
    let runs = openings.get(&run_key(&head[..OPENING_WORDS]))?;
    let longest = runs.iter().map(|&(_, len)| len).max()?;
    let words = line_words(line, longest);
    let &(_, len) = runs
        .iter()
        .filter(|&&(run, len)| words.len() >= len && run_key(&words[..len]) == run)
        .max_by_key(|&&(_, len)| len)?;
    let b = line.as_bytes();
    let mut end = words[len - 1].1;
    while end < b.len() && !is_word_byte(b[end]) && !matches!(b[end], b'"' | b'(' | b'[') {
        end += 1;
    }
    Some(end)
}

/// One sentence of a line as stock detection cuts it: its byte range, its
/// key (a hash of its words, ASCII letters lower-cased, so punctuation and
/// spacing do not matter) and its number of words.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Piece {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) key: u64,
    pub(crate) words: usize,
}

/// Calls `f` with the sentences of `line`, cut after `.`, `!` or `?` (and
/// any closing quotes or brackets) before white space. A plainer cut than
/// `sentence::split_paragraph`, which reads abbreviations and quotations:
/// here only the same cut of the same text matters, and this one runs over
/// every line of the pile at a few cycles a byte. Words are runs of ASCII
/// letters and digits and of non-ASCII bytes; the key hashes them
/// lower-cased, one space between (FNV-1a, then mixed).
pub(crate) fn pieces(line: &str, mut f: impl FnMut(Piece)) {
    let b = line.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        while i < n && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == n {
            break;
        }
        let start = i;
        let mut hash = FNV_OFFSET;
        let mut words = 0;
        let mut in_word = false;
        let mut end = n;
        while i < n {
            let c = b[i];
            if is_word_byte(c) {
                if !in_word {
                    if words > 0 {
                        hash = fnv(hash, b' ');
                    }
                    words += 1;
                    in_word = true;
                }
                hash = fnv(hash, c.to_ascii_lowercase());
                i += 1;
                continue;
            }
            in_word = false;
            i += 1;
            if matches!(c, b'.' | b'!' | b'?') {
                let stop = i + closers(&b[i..]);
                if stop == n || b[stop].is_ascii_whitespace() {
                    end = stop;
                    i = stop;
                    break;
                }
            }
        }
        while end > start && b[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        if words > 0 {
            f(Piece {
                start,
                end,
                key: mix(hash),
                words,
            });
        }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// The finaliser of MurmurHash3, so that keys spread over all their bits.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The length of the run of stops and closing quotes or brackets that
/// `rest` starts with.
fn closers(rest: &[u8]) -> usize {
    let mut n = 0;
    loop {
        let tail = &rest[n..];
        if let Some(&c) = tail.first()
            && matches!(c, b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']')
        {
            n += 1;
        } else if tail.starts_with("\u{201d}".as_bytes()) || tail.starts_with("\u{2019}".as_bytes())
        {
            n += 3;
        } else if tail.starts_with("\u{bb}".as_bytes()) {
            n += 2;
        } else {
            return n;
        }
    }
}

/// Calls `f` with every sentence ([`pieces`]) of every line of `text`,
/// lines trimmed as cleaning trims them, with the sentence's text.
fn for_each_piece<'a>(text: &'a str, mut f: impl FnMut(&'a str, Piece)) {
    for line in text.lines() {
        let line = line.trim();
        if !line.is_empty() {
            pieces(line, |p| f(&line[p.start..p.end], p));
        }
    }
}

/// Appends the hashes of the content words of `sentence` (four letters or
/// more, not a function word) to `out`.
fn content_words(sentence: &str, buf: &mut String, out: &mut Vec<u64>) {
    for word in sentence.split(|c: char| !c.is_alphanumeric()) {
        if word.chars().count() < 4 || word.chars().any(|c| c.is_numeric()) {
            continue;
        }
        buf.clear();
        buf.extend(word.chars().flat_map(char::to_lowercase));
        if !is_function_word(buf) {
            out.push(xxhash_rust::xxh3::xxh3_64(buf.as_bytes()));
        }
    }
}

/// Jaccard of two sorted, deduplicated sets.
fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    let shared = crate::dedup::shingle::intersection(a, b);
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f32 / union as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(line: &str) -> Vec<(&str, u64, usize)> {
        let mut out = Vec::new();
        pieces(line, |p| out.push((&line[p.start..p.end], p.key, p.words)));
        out
    }

    #[test]
    fn sentences_are_cut_before_white_space_and_keyed_by_their_words() {
        let a = cut("Floods closed the road. \"Stay home!\" (Police said so.) Then 3.5 cm fell");
        let texts: Vec<&str> = a.iter().map(|p| p.0).collect();
        assert_eq!(
            texts,
            [
                "Floods closed the road.",
                "\"Stay home!\"",
                "(Police said so.)",
                "Then 3.5 cm fell"
            ]
        );
        assert_eq!(a.iter().map(|p| p.2).collect::<Vec<_>>(), [4, 2, 3, 5]);
        // Case, spacing and punctuation aside, the same key.
        let b = cut("FLOODS  closed -- the road!");
        assert_eq!(a[0].1, b[0].1);
        assert_ne!(a[0].1, cut("Floods closed the roads.")[0].1);
        assert_ne!(cut("ab c.")[0].1, cut("a bc.")[0].1);
        assert!(cut("  ... -- ").is_empty());
    }
}
