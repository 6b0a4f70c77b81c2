//! Tokens and sentences of one paragraph, with byte offsets.
//!
//! Every extractor walks the same token stream so that spans agree. Words
//! keep inner apostrophes, hyphens and dots ("Blinken’s", "al-Sissi",
//! "U.S"), numbers keep their separators ("41,200", "1.5", "18.09.2024",
//! "10:30").
//! Sentences come from `sentencex`, which knows abbreviations ("Mr.",
//! "Sept.", "U.S." inside a name).

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens, dots or digits.
    Word,
    /// Digits, possibly with inner `,` `.` separators and letters ("10th").
    Number,
    /// A single punctuation character.
    Punct,
}

/// One token: its kind and byte range in the paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is.
    pub(crate) kind: TokenKind,
    /// First byte.
    pub(crate) start: usize,
    /// One past the last byte.
    pub(crate) end: usize,
}

impl Token {
    /// The token's text in `para`.
    pub(crate) fn text<'a>(&self, para: &'a str) -> &'a str {
        &para[self.start..self.end]
    }
}

fn is_inner_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '.' | '&'
    )
}

/// Splits `para` into tokens. Whitespace is dropped.
pub(crate) fn tokenize(para: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut it = para.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    it.next();
                    continue;
                }
                let sep_ok = if numeric {
                    matches!(d, ',' | '.' | ':')
                } else {
                    is_inner_joiner(d)
                };
                if sep_ok {
                    // A joiner counts only between two alphanumerics (a comma
                    // only before exactly three digits, as in "41,200").
                    let after = &para[j + d.len_utf8()..];
                    let next = after.chars().next();
                    let ok = match next {
                        Some(n) if d == ',' => {
                            n.is_ascii_digit()
                                && after.len() >= 3
                                && after.as_bytes()[..3].iter().all(u8::is_ascii_digit)
                                && !after.as_bytes().get(3).is_some_and(u8::is_ascii_digit)
                        }
                        Some(n) => n.is_alphanumeric(),
                        None => false,
                    };
                    if ok {
                        it.next();
                        continue;
                    }
                }
                break;
            }
            out.push(Token {
                kind: if numeric {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                },
                start: i,
                end,
            });
        } else {
            out.push(Token {
                kind: TokenKind::Punct,
                start: i,
                end: i + c.len_utf8(),
            });
        }
    }
}

/// Byte ranges of the sentences of `para`.
///
/// Sentence boundaries come from `sentencex` (Wikimedia's segmenter, with
/// its English abbreviation, sentence-starter and quotation rules): it keeps
/// "Mr.", "U.S.", "Sept." and "St. Louis" inside their sentences where the
/// Unicode sentence rules split after them. Ranges are trimmed of the
/// whitespace between sentences.
pub(crate) fn sentences(para: &str) -> Vec<(usize, usize)> {
    use sentencex::languages::{English, Language};
    English {}
        .get_sentence_boundaries(para)
        .into_iter()
        .filter_map(|b| {
            let text = &para[b.start_byte..b.end_byte];
            let lead = text.len() - text.trim_start().len();
            let trimmed = text.trim();
            (!trimmed.is_empty())
                .then(|| (b.start_byte + lead, b.start_byte + lead + trimmed.len()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    fn check(input: &str, expect: Expect) {
        let mut toks = Vec::new();
        tokenize(input, &mut toks);
        let words: Vec<&str> = toks.iter().map(|t| t.text(input)).collect();
        let sents: Vec<&str> = sentences(input)
            .iter()
            .map(|&(s, e)| &input[s..e])
            .collect();
        expect.assert_eq(&format!("{words:?}\n{sents:?}"));
    }

    #[test]
    fn tokens_and_sentences() {
        check(
            "Mr. Okafor’s U.S. trip cost 41,200 dollars, or 1.5 million. “Fine,” he said.",
            expect![[r#"
                ["Mr", ".", "Okafor’s", "U.S", ".", "trip", "cost", "41,200", "dollars", ",", "or", "1.5", "million", ".", "“", "Fine", ",", "”", "he", "said", "."]
                ["Mr. Okafor’s U.S. trip cost 41,200 dollars, or 1.5 million.", "“Fine,” he said."]"#]],
        );
        check(
            "Talks end Sept. 19 in al-Rimal. Done",
            expect![[r#"
                ["Talks", "end", "Sept", ".", "19", "in", "al-Rimal", ".", "Done"]
                ["Talks end Sept. 19 in al-Rimal.", "Done"]"#]],
        );
    }
}
