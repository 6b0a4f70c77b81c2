//! What a story page shows of one article, distilled from its extraction
//! at ingest: attributed quotes, dated sentences and reported figures.
//!
//! The store keeps this small, versionable form rather than the whole
//! extraction, so pages need not re-run extraction nor depend on the
//! extraction's internal layout.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use storyline_core::brief::opens_sentence;
use storyline_core::extract::Extraction;
use storyline_core::{Article, Precision};

/// An attributed quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteFact {
    /// The speaker's canonical name (or the text naming them).
    pub speaker: String,
    /// What they said.
    pub text: String,
}

/// A sentence that mentions a resolved date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DateFact {
    /// The date meant.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: NaiveDate,
    /// How much of `date` the text says (facts stored before this field
    /// read as a day).
    #[serde(default = "day")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub precision: Precision,
    /// The sentence around the mention.
    pub sentence: String,
    /// Whether the date opens its sentence ([`storyline_core::brief::opens_sentence`]):
    /// later dates of the sentence are then background, not events of their
    /// own (facts stored before this field read as not opening).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub opens: bool,
}

fn day() -> Precision {
    Precision::Day
}

/// A reported figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureFact {
    /// What is counted ("people", "homes"), lower-cased.
    pub counted: String,
    /// The figure as printed.
    pub text: String,
}

/// The facts of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Facts {
    /// Attributed quotes, in text order.
    pub quotes: Vec<QuoteFact>,
    /// Dated sentences, in text order.
    pub dates: Vec<DateFact>,
    /// Figures (ordinals left out), in text order.
    pub figures: Vec<FigureFact>,
}

/// The sentence of `para` around byte range `start..end`, at most ~240
/// bytes. Out-of-range spans clamp rather than panic.
pub fn sentence(para: &str, start: usize, end: usize) -> &str {
    let mut start = start.min(para.len());
    while !para.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = end.clamp(start, para.len());
    while !para.is_char_boundary(end) {
        end += 1;
    }
    let before = sentence_start(para, start);
    let after = para[end..]
        .find(['.', '!', '?'])
        .map_or(para.len(), |i| end + i + 1);
    let s = para[before..after].trim();
    if s.len() <= 240 {
        return s;
    }
    let mut cut = 240;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    &s[..cut]
}

/// Where the sentence holding byte `start` of `para` begins (a char
/// boundary at or before `start`).
fn sentence_start(para: &str, start: usize) -> usize {
    para[..start].rfind(['.', '!', '?']).map_or(0, |i| i + 1)
}

/// Distils an article's extraction.
pub fn facts(article: &Article, x: &Extraction) -> Facts {
    let quotes = x
        .quotes
        .iter()
        .filter_map(|q| {
            let speaker = q
                .speaker
                .and_then(|i| x.entities.get(i))
                .map(|e| e.canonical.clone())
                .or_else(|| q.speaker_text.clone())?;
            Some(QuoteFact {
                speaker,
                text: q.text.clone(),
            })
        })
        .collect();
    let dates = x
        .dates
        .iter()
        .filter_map(|d| {
            let value = d.value?;
            let para = article.paragraphs.get(d.span.paragraph)?;
            let lead = para
                .get(..d.span.start)
                .map_or("", |head| &head[sentence_start(para, d.span.start)..]);
            Some(DateFact {
                date: value.date,
                precision: value.precision,
                sentence: sentence(para, d.span.start, d.span.end).to_owned(),
                opens: opens_sentence(lead),
            })
        })
        .collect();
    let figures = x
        .numbers
        .iter()
        .filter(|n| !n.ordinal && !n.counted.trim().is_empty())
        .map(|n| FigureFact {
            counted: n.counted.to_lowercase(),
            text: n.text.clone(),
        })
        .collect();
    Facts {
        quotes,
        dates,
        figures,
    }
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn sentence_around_a_span() {
        let p = "First one. On Monday the bridge closed. Then more.";
        let start = p.find("Monday").expect("in text");
        assert_eq!(
            sentence(p, start, start + 6),
            "On Monday the bridge closed."
        );
        assert_eq!(sentence("no stop", 0, 2), "no stop");
        assert_eq!(sentence("x", 5, 9), "x");
        assert_eq!(sentence("é. b", 1, 2), "é.");
    }
}
