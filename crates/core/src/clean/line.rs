//! A line of source text and the measurements the classifiers read: length,
//! word count, function-word density and sentence shape.

use super::lexicon::is_function_word;
use crate::text::is_ideograph;

/// One non-empty source line with its features.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    /// 1-based line number in the raw text.
    pub(crate) no: usize,
    /// The line, trimmed.
    pub(crate) text: &'a str,
    /// Characters (not bytes).
    pub(crate) chars: usize,
    /// Words (whitespace-separated tokens holding a letter or digit).
    pub(crate) words: usize,
    /// Share of words that are function words.
    pub(crate) function_density: f32,
    /// Ends like a sentence: `.`, `!`, `?`, `…`, possibly followed by a
    /// closing quote or bracket.
    pub(crate) terminal: bool,
}

impl<'a> Line<'a> {
    pub(crate) fn new(no: usize, text: &'a str) -> Line<'a> {
        let mut words = 0usize;
        let mut function = 0usize;
        let mut lower = String::new();
        for token in text.split_whitespace() {
            let core = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
            if core.is_empty() {
                continue;
            }
            // Most tokens are ASCII: they are tested byte by byte.
            let ascii = core.is_ascii();
            if !ascii {
                // Chinese and Japanese put no spaces between words: a token
                // of ideographs holds about one word per two characters,
                // and its function words are single characters. Their
                // clause marks count with them: running prose has one every
                // few words, menus and labels none, and a sentence of names
                // and figures may hold no particle at all.
                let ideographs = core.chars().filter(|&c| is_ideograph(c)).count();
                if ideographs > 0 {
                    words += ideographs.div_ceil(2);
                    function += token
                        .chars()
                        .filter(|&c| is_function_ideograph(c) || is_clause_mark(c))
                        .count();
                    continue;
                }
            }
            words += 1;
            // "US" is a country, not "us"; "IT" a trade, not "it".
            let all_caps = if ascii {
                core.len() > 1 && core.bytes().all(|b| b.is_ascii_uppercase())
            } else {
                core.chars().count() > 1 && core.chars().all(|c| c.is_uppercase())
            };
            if all_caps {
                continue;
            }
            lower.clear();
            if ascii {
                lower.extend(core.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                lower.extend(core.chars().flat_map(char::to_lowercase));
            }
            if is_function_word(&lower) {
                function += 1;
            }
        }
        Line {
            no,
            text,
            chars: text.chars().count(),
            words,
            function_density: if words == 0 {
                0.0
            } else {
                function as f32 / words as f32
            },
            terminal: ends_like_sentence(text),
        }
    }

    /// Reads as a sentence of prose: enough words, sentence-final
    /// punctuation, and function words at a rate prose has.
    pub(crate) fn is_sentence(&self) -> bool {
        self.words >= 6 && self.terminal && self.function_density >= 0.15
    }

    /// Reads as prose even without final punctuation: long, with many
    /// function words.
    pub(crate) fn is_prose(&self) -> bool {
        self.is_sentence() || (self.words >= 12 && self.function_density >= 0.25)
    }
}

/// The most frequent function characters of Chinese and Japanese: particles,
/// the copula, common prepositions, conjunctions, measure words, auxiliary
/// verbs and pronouns. With the twenty-odd commonest alone, news prose
/// that happens to use few of them (figures, names, places) read as
/// furniture.
fn is_function_ideograph(c: char) -> bool {
    matches!(
        c,
        '的' | '了'
            | '是'
            | '在'
            | '和'
            | '有'
            | '也'
            | '这'
            | '不'
            | '就'
            | '都'
            | '而'
            | '与'
            | '对'
            | '为'
            | '中'
            | '他'
            | '她'
            | '我'
            | '们'
            | '说'
            | '一'
            | '个'
            | '以'
            | '到'
            | '于'
            | '着'
            | '之'
            | '过'
            | '将'
            | '从'
            | '被'
            | '把'
            | '并'
            | '及'
            | '等'
            | '其'
            | '所'
            | '由'
            | '向'
            | '还'
            | '已'
            | '又'
            | '会'
            | '要'
            | '可'
            | '能'
            | '使'
            | '让'
            | '给'
            | '该'
            | '此'
            | '每'
            | '些'
            | 'の'
            | 'は'
            | 'が'
            | 'を'
            | 'に'
            | 'で'
            | 'と'
            | 'も'
            | 'た'
    )
}

/// The full-width punctuation that closes a clause in Chinese and Japanese.
fn is_clause_mark(c: char) -> bool {
    matches!(c, '，' | '、' | '；' | '。' | '！' | '？' | '：')
}

/// Whether `text` ends with sentence-final punctuation, allowing closing
/// quotes and brackets after it.
pub(crate) fn ends_like_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»' | '«' | ')' | ']' | '“')
    });
    trimmed.ends_with(['.', '!', '?', '…', ':', ';', '。', '！', '？', '؟', '।'])
        && !trimmed.ends_with("...:")
}

/// Whether `text` starts the way a headline or a sentence does: its first
/// letter (after opening quotes) is upper-case, a digit, or of a script
/// without case (Chinese, Japanese, Arabic, Hebrew, Thai...), where no
/// letter is lower-case.
pub(crate) fn starts_upper(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| !c.is_lowercase())
}
