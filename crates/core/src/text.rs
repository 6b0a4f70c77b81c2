//! Shared text primitives: word segmentation and the folding used to compare
//! text across outlets (case, quote style, dashes, whitespace).
//!
//! Every stage that compares text goes through [`fold`] so that "Blinken’s"
//! and "Blinken's" are the same string everywhere.

use unicode_segmentation::UnicodeSegmentation;

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
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
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
        out.extend(c.to_lowercase());
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}
