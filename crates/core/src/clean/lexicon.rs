//! Function words of the languages news arrives in most often, used to tell
//! running prose (many function words) from menus, labels and link lists
//! (almost none).
//!
//! Hand-picked short lists (the most frequent words of English, German,
//! French, Spanish, Italian, Dutch, Portuguese, Arabic, Russian, Polish,
//! Czech, the Scandinavian languages, Finnish, Turkish, Greek and
//! Hungarian) rather than a crate's long lists: a short list of very
//! frequent words gives a stable density that does not depend on detecting
//! the language first, and the union costs one hash lookup per word.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

const WORDS: &[&[&str]] = &[
    // English
    &[
        "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but",
        "by", "can", "could", "did", "do", "for", "from", "had", "has", "have", "he", "her", "his",
        "how", "i", "if", "in", "into", "is", "it", "its", "it's", "more", "most", "no", "not",
        "of", "on", "one", "or", "our", "out", "over", "said", "says", "she", "so", "some", "than",
        "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to",
        "up", "us", "was", "we", "were", "what", "when", "where", "which", "while", "who", "will",
        "with", "would", "you", "your", "should", "may", "been", "being", "such", "other", "any",
        "only", "just", "very", "my", "me", "him", "because", "before", "between", "through",
        "under",
    ],
    // German
    &[
        "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "das", "dass", "daß",
        "dem", "den", "der", "des", "die", "dies", "diese", "dieser", "doch", "du", "durch", "ein",
        "eine", "einem", "einen", "einer", "es", "für", "hat", "haben", "hatte", "ich", "ihr",
        "ihre", "im", "in", "ist", "ja", "kann", "man", "mit", "nach", "nicht", "noch", "nur",
        "ob", "oder", "schon", "sich", "sie", "sind", "so", "über", "um", "und", "uns", "von",
        "vor", "war", "waren", "was", "wenn", "werden", "wie", "wir", "wird", "wurde", "zu", "zum",
        "zur", "mehr", "sehr", "wieder", "dann", "da", "hier", "wo", "sein", "seine", "mich",
        "mir", "dir",
    ],
    // French
    &[
        "au", "aux", "ce", "ces", "cette", "dans", "de", "des", "du", "elle", "en", "est", "et",
        "il", "ils", "la", "le", "les", "leur", "mais", "ne", "nous", "par", "pas", "plus", "pour",
        "qu", "que", "qui", "sa", "se", "ses", "son", "sont", "sur", "un", "une", "vous", "été",
    ],
    // Spanish, Italian, Portuguese
    &[
        "al", "como", "con", "del", "el", "ella", "entre", "era", "es", "esta", "este", "fue",
        "ha", "las", "lo", "los", "muy", "para", "pero", "por", "se", "sin", "su", "sus",
        "también", "y", "che", "di", "è", "gli", "il", "non", "per", "più", "sono", "da", "do",
        "dos", "não", "na", "no", "os", "uma", "um", "em", "ao",
    ],
    // Dutch
    &[
        "het", "een", "en", "van", "op", "te", "dat", "zijn", "voor", "niet", "met", "ook", "maar",
        "bij", "werd", "naar", "heeft", "wordt",
    ],
    // Arabic
    &[
        "في", "من", "على", "إلى", "أن", "عن", "مع", "هذا", "هذه", "التي", "الذي", "كان", "قد",
        "ما", "لا", "أو", "بين", "كما", "إن", "ذلك", "وقال", "قال",
    ],
    // Russian
    &[
        "и", "в", "не", "на", "что", "с", "по", "это", "как", "из", "но", "он", "она", "за", "от",
        "для", "к", "о", "же", "был", "была",
    ],
    // Polish
    &[
        "w", "z", "na", "się", "nie", "do", "że", "jest", "jak", "ale", "po", "co", "od", "za",
        "przez", "dla", "czy", "tak", "już", "tylko", "oraz", "ze", "we", "są", "być", "był",
        "była", "było", "jego", "jej", "ich", "który", "która", "które", "którzy", "tym", "tego",
        "też", "także", "lub", "przy", "pod", "jako", "jednak", "tej", "ten", "ta", "gdy",
    ],
    // Czech
    &[
        "v", "je", "s", "k", "ve", "jsou", "jako", "pro", "jsem", "bylo", "který", "která",
        "které", "také", "podle", "není",
    ],
    // Swedish, Danish, Norwegian
    &[
        "och", "att", "det", "som", "är", "av", "för", "med", "till", "den", "har", "inte", "om",
        "ett", "jag", "men", "og", "er", "til", "af", "på", "ikke", "eller", "fra", "vi", "kan",
        "der", "ble", "blev", "var",
    ],
    // Finnish
    &[
        "ja", "on", "ei", "että", "oli", "ovat", "kun", "mutta", "tai", "myös", "hän", "joka",
        "jos", "niin", "kuin", "ole", "sen",
    ],
    // Turkish
    &[
        "ve", "bir", "bu", "için", "ile", "çok", "gibi", "daha", "olarak", "olan", "ama",
    ],
    // Greek
    &[
        "και",
        "το",
        "η",
        "ο",
        "της",
        "του",
        "την",
        "των",
        "να",
        "σε",
        "με",
        "για",
        "από",
        "που",
        "στο",
        "στην",
        "είναι",
        "δεν",
        "θα",
        "τα",
        "οι",
        "τον",
    ],
    // Hungarian
    &[
        "az", "és", "hogy", "nem", "egy", "van", "meg", "vagy", "már", "csak", "mint", "ez", "azt",
        "még", "akkor", "ha", "ki", "el", "is",
    ],
];

static SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| WORDS.iter().flat_map(|l| l.iter().copied()).collect());

/// Whether `word` (already lower-cased) is a function word.
pub(crate) fn is_function_word(word: &str) -> bool {
    SET.contains(word)
}
