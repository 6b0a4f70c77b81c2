//! Tokens and sentences of one paragraph, with byte offsets.
//!
//! Every extractor walks the same token stream so that spans agree. Words
//! keep inner apostrophes, hyphens and dots ("Blinken’s", "al-Sissi",
//! "U.S"), numbers keep their separators ("41,200", "1.5", "18.09.2024").
//! Sentences end at `.`, `!` or `?` unless the word before is an
//! abbreviation ("Mr.", "Sept.", "U.S." inside a name).

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
    let bytes = para.as_bytes();
    let mut it = para.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            let mut end = i + c.len_utf8();
            loop {
                let Some(&(j, d)) = it.peek() else { break };
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    it.next();
                    continue;
                }
                let sep_ok = if numeric {
                    matches!(d, ',' | '.')
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
            let _ = bytes;
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

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "prof", "jr",
    "sr", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mt", "ft", "sgt", "maj", "adm", "inc", "corp", "co", "ltd", "rev", "fr", "hon",
];

/// Whether `word` (without its period) is an abbreviation.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
        || (word.len() == 1 && word.chars().all(|c| c.is_uppercase()))
        || (word.contains('.') && word.chars().all(|c| c == '.' || c.is_uppercase()))
}

/// Byte ranges of the sentences of `para`, given its tokens.
pub(crate) fn sentences(para: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (k, t) in tokens.iter().enumerate() {
        let c = t.text(para);
        if !matches!(c, "." | "!" | "?") {
            continue;
        }
        if c == "." && k > 0 {
            let prev = tokens[k - 1];
            if prev.end == t.start
                && prev.kind == TokenKind::Word
                && is_abbreviation(prev.text(para))
            {
                continue;
            }
        }
        // Closing quotes after the stop belong to this sentence.
        let mut end = t.end;
        let mut m = k + 1;
        while let Some(n) = tokens.get(m) {
            if matches!(n.text(para), "\"" | "\u{201d}" | "'" | "\u{2019}" | ")") && n.start == end
            {
                end = n.end;
                m += 1;
            } else {
                break;
            }
        }
        match tokens.get(m) {
            None => {}
            Some(n) => {
                let first = para[n.start..].chars().next().unwrap_or(' ');
                if !(first.is_uppercase()
                    || first.is_ascii_digit()
                    || matches!(first, '"' | '\u{201c}' | '\'' | '\u{2018}'))
                {
                    continue;
                }
            }
        }
        if end > start {
            out.push((start, end));
        }
        start = tokens.get(m).map_or(para.len(), |n| n.start);
    }
    if start < para.len() && !para[start..].trim().is_empty() {
        out.push((start, para.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    fn check(input: &str, expect: Expect) {
        let mut toks = Vec::new();
        tokenize(input, &mut toks);
        let words: Vec<&str> = toks.iter().map(|t| t.text(input)).collect();
        let sents: Vec<&str> = sentences(input, &toks)
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
