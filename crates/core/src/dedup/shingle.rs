//! Word shingles: the units two texts are compared by.
//!
//! An article's paragraphs are folded character by character with
//! [`crate::text::fold_char`] and lower-cased, cut into words, and every run
//! of `k` consecutive words becomes one 32-bit shingle hash.
//! Shingles never span a paragraph break, so a paragraph's shingles can be
//! checked on their own. Titles are left out on purpose: republishers rewrite
//! headlines far more often than they rewrite the body.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::text;

/// The shingles of one article, kept as plain data so an index can store them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shingles {
    /// Every distinct shingle hash of the article, sorted ascending.
    pub set: Vec<u32>,
    /// Each paragraph's distinct shingle hashes, sorted, concatenated in
    /// paragraph order; `paragraph_ends[i]` is where paragraph `i` ends.
    pub by_paragraph: Vec<u32>,
    /// End offsets into `by_paragraph`, one per non-empty paragraph.
    pub paragraph_ends: Vec<u32>,
    /// A hash of the whole folded word sequence: equal for exact copies,
    /// whatever their case, quote style, whitespace or paragraph breaks.
    pub exact: u64,
    /// How many words the article has.
    pub words: u32,
}

impl Shingles {
    /// The shingles of paragraph `i`, sorted.
    pub fn paragraph(&self, i: usize) -> &[u32] {
        let start = if i == 0 {
            0
        } else {
            self.paragraph_ends[i - 1] as usize
        };
        &self.by_paragraph[start..self.paragraph_ends[i] as usize]
    }

    /// How many non-empty paragraphs the article has.
    pub fn paragraph_count(&self) -> usize {
        self.paragraph_ends.len()
    }
}

/// Reusable buffers for [`Shingler::shingle`], so a batch allocates once per article
/// only for what it keeps.
#[derive(Debug, Default)]
pub struct Shingler {
    word: Vec<u8>,
    words: Vec<u64>,
    paragraph: Vec<u32>,
    sequence: Vec<u32>,
}

/// Mixes one word hash into a running shingle hash: order matters, so
/// "police shot man" and "man shot police" differ.
#[inline]
fn mix(acc: u64, word: u64) -> u64 {
    (acc.rotate_left(23) ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl Shingler {
    /// Shingles `paragraphs` with shingles of `k` words (`k` ≥ 1). A paragraph
    /// shorter than `k` words gives one shingle of all its words.
    pub fn shingle<'a>(
        &mut self,
        paragraphs: impl IntoIterator<Item = &'a str>,
        k: usize,
    ) -> Shingles {
        let k = k.max(1);
        let mut out = Shingles::default();
        let mut exact: u64 = 0x5eed;
        self.sequence.clear();
        for p in paragraphs {
            self.words.clear();
            word_hashes(p, &mut self.word, &mut self.words);
            if self.words.is_empty() {
                continue;
            }
            for &w in &self.words {
                exact = mix(exact, w);
            }
            out.words += self.words.len() as u32;
            self.paragraph.clear();
            let n = self.words.len();
            let shingles = if n < k { 1 } else { n - k + 1 };
            for start in 0..shingles {
                let end = (start + k).min(n);
                let mut h: u64 = 0;
                for &w in &self.words[start..end] {
                    h = mix(h, w);
                }
                let h = (h >> 32) as u32;
                self.sequence.push(h);
                self.paragraph.push(h);
            }
            self.paragraph.sort_unstable();
            self.paragraph.dedup();
            out.by_paragraph.extend_from_slice(&self.paragraph);
            out.paragraph_ends.push(out.by_paragraph.len() as u32);
        }
        out.set = out.by_paragraph.clone();
        out.set.sort_unstable();
        out.set.dedup();
        out.exact = if out.words == 0 { 0 } else { exact };
        out
    }

    /// The shingle hashes of the last article shingled, in text order with
    /// repeats: the input to winnowing.
    pub fn sequence(&self) -> &[u32] {
        &self.sequence
    }
}

/// Whether `c` belongs inside a word.
#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Scripts written without spaces (Han, kana): each character is a word of
/// its own, as Unicode word segmentation treats them.
#[inline]
fn stands_alone(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Pushes the hash of every word of `text`, folded and lower-cased, onto
/// `out`. Words are runs of letters and digits; an apostrophe, full stop or
/// comma between two of them joins them ("don't", "u.s", "41,200"), as in
/// Unicode word segmentation (UAX #29), which this follows for the scripts
/// news is written in. It is done here in one pass with no allocation per
/// word because shingling is the hot loop of dedup: the general segmenter
/// in [`crate::text::words`] costs several times more per article.
fn word_hashes(text: &str, word: &mut Vec<u8>, out: &mut Vec<u64>) {
    fn flush(word: &mut Vec<u8>, out: &mut Vec<u64>) {
        if !word.is_empty() {
            out.push(xxh3_64(word));
            word.clear();
        }
    }
    // The folded character at byte `i` and its length in bytes.
    fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
        let c = text.get(i..)?.chars().next()?;
        Some((text::fold_char(c), c.len_utf8()))
    }
    word.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII letters and digits first: most news text is, and their
        // folding is lower-casing.
        if b.is_ascii_alphanumeric() {
            word.push(b.to_ascii_lowercase());
            i += 1;
            continue;
        }
        let Some((c, len)) = char_at(text, i) else {
            break;
        };
        i += len;
        if stands_alone(c) {
            flush(word, out);
            let mut buf = [0u8; 4];
            out.push(xxh3_64(c.encode_utf8(&mut buf).as_bytes()));
        } else if is_word_char(c) {
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                word.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
            }
        } else if matches!(c, '\'' | '.' | ',')
            && !word.is_empty()
            && char_at(text, i).is_some_and(|(n, _)| is_word_char(n) && !stands_alone(n))
        {
            word.push(c as u8);
        } else {
            flush(word, out);
        }
    }
    flush(word, out);
}

/// How many elements two sorted, deduplicated slices share.
pub fn intersection<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    fn check(paragraphs: &[&str], k: usize, expect: Expect) {
        let s = Shingler::default().shingle(paragraphs.iter().copied(), k);
        let sizes: Vec<usize> = (0..s.paragraph_count())
            .map(|i| s.paragraph(i).len())
            .collect();
        expect.assert_eq(&format!(
            "words={} set={} paragraphs={:?} exact={}",
            s.words,
            s.set.len(),
            sizes,
            s.exact != 0
        ));
    }

    #[test]
    fn shingles_per_paragraph() {
        check(&[], 3, expect!["words=0 set=0 paragraphs=[] exact=false"]);
        check(
            &["", "  "],
            3,
            expect!["words=0 set=0 paragraphs=[] exact=false"],
        );
        check(
            &["One"],
            3,
            expect!["words=1 set=1 paragraphs=[1] exact=true"],
        );
        check(
            &[
                "The council met on Monday.",
                "It voted to close the bridge.",
            ],
            3,
            expect!["words=11 set=7 paragraphs=[3, 4] exact=true"],
        );
        check(
            &["a b a b a b"],
            2,
            expect!["words=6 set=2 paragraphs=[2] exact=true"],
        );
    }

    #[test]
    fn folding_makes_typography_irrelevant() {
        let mut s = Shingler::default();
        let a = s.shingle(["The mayor’s “plan” — approved"], 2);
        let b = s.shingle(["the MAYOR'S \"plan\" - approved"], 2);
        assert_eq!(a.set, b.set);
        assert_eq!(a.exact, b.exact);
        let c = s.shingle(["the mayor's plan", "approved"], 2);
        assert_eq!(a.exact, c.exact, "paragraph breaks do not change exactness");
        assert_ne!(a.set, c.set, "but shingles never span paragraphs");
    }

    #[test]
    fn words_follow_unicode_segmentation_on_news_text() {
        let texts = [
            "U.S. officials, 41,200 dead.",
            "The mayor’s “plan” — approved; don't panic!",
            "Preis: 3,5 Mio. Euro für Köln's Straßen",
            "東京都 announced 2 new cases",
            "",
            "...",
        ];
        for t in texts {
            let folded = text::fold(t);
            let expected: Vec<u64> = text::words(&folded)
                .map(|w| xxh3_64(w.as_bytes()))
                .collect();
            let mut got = Vec::new();
            word_hashes(t, &mut Vec::new(), &mut got);
            assert_eq!(got, expected, "{t}");
        }
    }

    #[test]
    fn intersection_counts_shared() {
        assert_eq!(intersection(&[1, 3, 5, 7], &[3, 4, 5, 8]), 2);
        assert_eq!(intersection(&[], &[1]), 0);
    }
}
