//! Shared text primitives: word segmentation and the folding used to compare
//! text across outlets (case, quote style, dashes, whitespace).
//!
//! Every stage that compares text goes through [`fold`] so that "Blinken’s"
//! and "Blinken's" are the same string everywhere.

use unicode_segmentation::UnicodeSegmentation;

/// Whether `c` is a Han, Hiragana or Katakana character: the scripts that
/// write words without spaces between them.
pub fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// `pattern` with its word boundaries (`\b`) made ASCII ones
/// (`(?-u:\b)`). A Unicode `\b` makes the regex crate leave its DFA on any
/// non-ASCII byte of the text searched (one curly quote is enough) and
/// search by backtracking instead, many times slower. Where every `\b`
/// stands beside an ASCII letter of the pattern, the matches are the same.
///
/// ```
/// use storyline_core::text::ascii_word_boundaries;
/// assert_eq!(ascii_word_boundaries(r"\bsaid\b"), r"(?-u:\b)said(?-u:\b)");
/// ```
pub fn ascii_word_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// The words of `text` (Unicode word boundaries, punctuation dropped).
///
/// ```
/// let w: Vec<&str> = storyline_core::text::words("U.S. officials, 41,200 dead.").collect();
/// assert_eq!(w, ["U.S", "officials", "41,200", "dead"]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.unicode_words()
}

/// Maps typographic variants to one form: curly quotes and primes to straight
/// quotes, dashes to `-`, non-breaking and other spaces to a plain space.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        // Most text: the same mapping without the Unicode whitespace test.
        return match c {
            '`' => '\'',
            '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' => ' ',
            c => c,
        };
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{b4}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Lower-cases, folds typographic variants and collapses whitespace: the key
/// under which two renderings of the same text compare equal.
///
/// ```
/// use storyline_core::text::fold;
/// assert_eq!(fold("Jerusalem’s  Old\u{a0}City"), fold("jerusalem's old city"));
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appended to `out` (a buffer reused across calls).
pub fn fold_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut space = true;
    for c in text.chars().map(fold_char) {
        if c == ' ' {
            if !space {
                out.push(' ');
                space = true;
            }
            continue;
        }
        space = false;
        // ASCII, most text, needs no lower-casing tables.
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    if out.len() > start && out.ends_with(' ') {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference: every character through [`fold_char`], lower-cased,
    /// runs of spaces made one, the ends trimmed.
    fn fold_by_chars(text: &str) -> String {
        let folded: String = text
            .chars()
            .map(fold_char)
            .flat_map(char::to_lowercase)
            .collect();
        folded
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    proptest::proptest! {
        #[test]
        fn fold_is_the_char_by_char_fold(text in "[ a-zA-Z0-9`'\t\n\x0b\x0c\r.,\u{a0}\u{2019}\u{201c}\u{2014}ÉéİẞΣ]{0,40}") {
            proptest::prop_assert_eq!(fold(&text), fold_by_chars(&text));
        }
    }

    #[test]
    fn ascii_folds_as_the_unicode_rules_say() {
        for c in (0u8..128).map(char::from) {
            let want = match c {
                '`' => '\'',
                c if c.is_whitespace() => ' ',
                c => c,
            };
            assert_eq!(fold_char(c), want, "{c:?}");
        }
    }

    #[test]
    fn fold_into_appends_and_keeps_what_was_there() {
        let mut buf = String::from("kept ");
        fold_into("  \t ", &mut buf);
        assert_eq!(buf, "kept ");
        fold_into(" Two\u{a0} WORDS ", &mut buf);
        assert_eq!(buf, "kept two words");
    }
}
