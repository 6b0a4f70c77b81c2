//! What a figure measures: a small lexicon of the quantities news counts
//! (deaths, injuries, people displaced or sheltering, arrests, ...), read
//! from the words around the number, so that "more than 1 million
//! Palestinians have taken refuge" and "home to over 1.5 million people due
//! to mass displacement" are recognised as the same quantity.

/// The quantity classes and the word stems (lower-case prefixes) that
/// signal them. Order matters: the first class with a signal wins, so the
/// more specific outcome (killed) beats the broader one (people affected).
const CLASSES: &[(&str, &[&str])] = &[
    (
        "deaths",
        &[
            "killed", "kill", "dead", "death", "died", "die ", "fatalit", "toll", "slain",
            "perished", "drowned", "bodies",
        ],
    ),
    (
        "injuries",
        &["injur", "wounded", "wounding", "hurt", "hospitali"],
    ),
    ("missing", &["missing", "unaccounted"]),
    ("hostages", &["hostage", "captive", "abduct", "kidnap"]),
    (
        "arrests",
        &["arrest", "detain", "detention", "jailed", "prisoner"],
    ),
    (
        "displaced",
        &[
            "refuge",
            "displace",
            "fled",
            "flee",
            "shelter",
            "evacuat",
            "home",
            "crammed",
            "packed",
            "sought safety",
            "living in",
            "live in",
        ],
    ),
];

/// The quantity class signalled by `text` (the clause around a number,
/// lower-cased), if any.
///
/// ```
/// use storyline_core::corroborate::measure_of;
/// assert_eq!(measure_of("palestinians have taken refuge in rafah"), Some("displaced"));
/// assert_eq!(measure_of("people were killed in the attack"), Some("deaths"));
/// assert_eq!(measure_of("copies of the novel sold"), None);
/// ```
pub fn measure_of(text: &str) -> Option<&'static str> {
    let padded = format!(" {text}");
    CLASSES
        .iter()
        .find(|(_, signals)| signals.iter().any(|s| padded.contains(&format!(" {s}"))))
        .map(|(class, _)| *class)
}
