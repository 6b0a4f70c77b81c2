//! Headlines and the lines around them: the first title-like line of a
//! text without a separate title, section labels above it, and captions
//! that repeat it.

use super::line::{Line, starts_upper};
use crate::text::fold;

/// Whether `line` reads as a headline: a few words, capitalised, without
/// the full stop that ends a sentence of reporting.
pub(crate) fn is_headline(line: &Line<'_>) -> bool {
    (3..=25).contains(&line.words)
        && line.chars <= 220
        && starts_upper(line.text)
        && !line
            .text
            .trim_end()
            .ends_with(['.', ',', ';', ':', '。', '，', '；', '：'])
        && !line.text.contains("http")
}

/// Whether `line` is a section label or tag: one or two words, no sentence
/// punctuation ("Americas", "Politics").
pub(crate) fn is_label(line: &Line<'_>) -> bool {
    (1..=2).contains(&line.words) && line.chars <= 40 && !line.terminal
}

/// Whether `line` opens with the headline and goes on with something else,
/// as image captions and teaser blocks built from the headline do.
pub(crate) fn repeats_title(line: &Line<'_>, folded_title: &str) -> bool {
    if folded_title.len() < 12 {
        return false;
    }
    let folded = fold(line.text);
    // A caption adds a few words to the headline; a body whose first line
    // happens to open with the headline goes on for a paragraph. Words are
    // counted as everywhere in cleaning, so that Chinese and Japanese,
    // written without spaces, are not one word a paragraph.
    folded.len() > folded_title.len()
        && folded.starts_with(folded_title)
        && Line::new(line.no, &folded[folded_title.len()..]).words <= CAPTION_MAX_EXTRA_WORDS
}

/// The most words a caption adds after the headline it repeats.
const CAPTION_MAX_EXTRA_WORDS: usize = 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let h = |s: &str| is_headline(&Line::new(1, s));
        assert!(h("Ferry service resumes after the storm"));
        assert!(h("Why the bridge closed?"));
        assert!(!h("The ferry resumed service after the storm."));
        assert!(!h("Weather"));
        assert!(is_label(&Line::new(1, "Weather")));
        assert!(repeats_title(
            &Line::new(
                1,
                "Ferry service resumes after the storm A ferry at the pier"
            ),
            &fold("Ferry service resumes after the storm")
        ));
        let body = "Ferry service resumes after the storm, the harbour office said on Monday, \
             after three days in which no boat left the pier and the island's shops ran \
             short of bread, milk and fuel for the generators that keep the clinic open.";
        assert!(!repeats_title(
            &Line::new(1, body),
            &fold("Ferry service resumes after the storm")
        ));
    }

    #[test]
    fn chinese_headlines_and_captions() {
        // Written without spaces or case: a headline is a short line that
        // does not end like a sentence, and a paragraph opening with the
        // headline is not a caption.
        let h = |s: &str| is_headline(&Line::new(1, s));
        assert!(h("渡轮在风暴过后恢复航行"));
        assert!(!h("渡轮在风暴过后恢复航行。"));
        let title = fold("渡轮在风暴过后恢复航行");
        assert!(repeats_title(
            &Line::new(1, "渡轮在风暴过后恢复航行 码头上的渡轮"),
            &title
        ));
        let body = "渡轮在风暴过后恢复航行，港务局周一表示，此前三天没有一艘船离开码头，\
             岛上的商店面包、牛奶和发电机燃料短缺，而这些发电机维持着诊所的运转。";
        assert!(!repeats_title(&Line::new(1, body), &title));
    }
}
