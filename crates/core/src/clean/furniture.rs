//! Page furniture recognised by its wording: comment forms, subscription and
//! follow prompts, shortcodes, teasers, cookie, legal and photo-credit lines.
//!
//! Wording alone is trusted only where it cannot be reporting: a short line,
//! or a line that opens with a call to action. A long sentence that merely
//! mentions "newsletter" or "cookies" is reporting and stays.

use std::sync::LazyLock;

use regex::Regex;

use super::line::Line;
use crate::model::RemovalReason;
use crate::text::ascii_word_boundaries;

/// Patterns allowed at least this many words are strong (see [`PATTERNS`]).
const WEAK_LIMIT: usize = 30;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("furniture patterns are valid regexes")
}

/// A pattern of [`PATTERNS`] with ASCII word boundaries
/// ([`ascii_word_boundaries`]). Every `\b` of these patterns stands beside
/// an ASCII letter of the pattern, so the lines they match are the same
/// (a word that runs on into a non-ASCII letter, "posted inö", is not
/// text).
fn wording(pattern: &str) -> Regex {
    re(&ascii_word_boundaries(pattern))
}

/// Patterns that identify a line on their own, tried in order, each with the
/// longest line (in words) it may have. Patterns with a limit under
/// [`WEAK_LIMIT`] words are weak: they never remove a line that reads as a
/// sentence of eight words or more.
static PATTERNS: LazyLock<Vec<(Regex, RemovalReason, usize)>> = LazyLock::new(|| {
    use RemovalReason::*;
    vec![
        (
            wording(r"^\[/?[a-z_][\w-]*(\s[^\]]*)?\]$"),
            Shortcode,
            usize::MAX,
        ),
        (
            wording(
                r"(?i)^(leave a (reply|comment)|post a comment|add (a )?comment|write a comment|cancel reply|reply$|\d+ (comments?|responses?|replies)\b|(no )?comments?( \(\d+\))?:?$|no responses? (yet|so far)|(es gibt )?(noch )?keine kommentare|be the first to comment|log ?in to (reply|comment)|schreibe(n sie)? einen kommentar|kommentar (schreiben|verfassen|abgeben)|kommentare?( \(\d+\))?:?$|antworten$|\d+ kommentare?\b|laisser un commentaire|deja un comentario)",
            ),
            CommentForm,
            12,
        ),
        (
            wording(
                r"(?i)(your email address will not be published|required fields are marked|notify me of (new|follow-up)|save my name, email|deine e-mail-adresse wird nicht veröffentlicht|ihre e-mail-adresse wird nicht veröffentlicht|erforderliche felder sind|benachrichtige mich|this site uses akismet|you must be logged in to post)",
            ),
            CommentForm,
            usize::MAX,
        ),
        (
            wording(
                r"(?i)(comments (are|will be) (moderated|reviewed|closed)|comments under pseudonym|(some )?comments may be (republished|edited)|we ask that comments|kommentare (werden|sind) (moderiert|geschlossen)|kommentarfunktion|los comentarios (son|están)|para comentar debes|proudly powered by|powered by (wordpress|drupal|joomla|ghost|blogger)|^\d+\s*min(ute)?s? read$|^lesezeit\b|^tiempo de lectura)",
            ),
            CommentForm,
            40,
        ),
        (
            wording(
                r"(?i)^(related( articles| posts| stories| news| content| topics)?:?|see also\b|read( more| also| next)?\s*:|read more\b|also read\b|more (from|on|about|stories)\b|continue reading|weiterlesen|mehr (zum thema|lesen|dazu|erfahren)|lesen sie (auch|mehr)|auch interessant|das könnte (sie|dich) auch interessieren|weitere (artikel|beiträge|informationen|themen|nachrichten)|ähnliche (artikel|beiträge)|verwandte (artikel|beiträge)|you (may|might) also (like|be interested)|recommended( for you| stories)?:?$|most (read|popular|viewed)|top stories|trending( now)?:?$|latest (news|stories|posts)|previous (post|article)|next (post|article)|vorheriger (beitrag|artikel)|nächster (beitrag|artikel)|zurück( zur übersicht)?$|plus d'articles|lire aussi|à lire aussi|ver también|leer más|tags?:|markiert:|schlagw(ö|o)rte?:?|stichw(ö|o)rte:|etiquetas:|tagi:|schlagwörter|kategorien?:|categories:|filed under|posted in\b|veröffentlicht in\b|(lea|lee|mire|mira|vea|ver|véase|lire|voir|leggi|vedi|leia|veja)( (también|tambien|más|aussi|anche|mais|también esto))?\s*:|(le|te) puede interesar|(también|tambien) te puede interesar|(notas|noticias|artículos) relacionad[oa]s|contenido relacionado|más noticias|meist gelesen|meistgelesen|am meisten gelesen|das (thema|könnte) .*interessieren|dieser eintrag wurde veröffentlicht|mehr zum thema|artikel zum thema)",
            ),
            Related,
            16,
        ),
        // A read-also label and the headline it points at, in one line
        // ("See also: ...", "Lesen Sie auch: ...", "Czytaj też: ...").
        (
            wording(
                r"(?i)^(see also|read (more|also|next|this)|also read|related|lesen sie (auch|hier|mehr)|mehr zum thema|(lea|lee|vea|mira|ver|puedes ver) (también|tambien|más)|puedes ver|(veja|leia|leja) (também|mais)|(lire|voir) aussi|à lire aussi|(leggi|vedi) anche|(zobacz|czytaj|przeczytaj) (też|także|również|więcej)|dowiedz się więcej)\s*:",
            ),
            Related,
            40,
        ),
        (
            wording(
                r"(?i)^(follow (us|me)\b|follow\b.{1,60}\bon (twitter|x|facebook|instagram|linkedin|tiktok|youtube|bluesky|threads|mastodon|telegram|whatsapp)\b|folge?n? (sie )?uns\b|like us on|find us on|(connect|stay connected) with us|join (our|us|the)\b.*\b(group|channel|community|facebook|twitter|whatsapp|telegram))",
            ),
            Social,
            40,
        ),
        (
            wording(
                r"(?i)^(check back (later|soon|for (more|updates)|with\b)|(got|have) a (news )?tip\b)",
            ),
            CallToAction,
            WEAK_LIMIT,
        ),
        (
            wording(
                r"(?i)^(share( this( article| story| post| page)?| on \w+| via \w+)?:?|teilen:?|diesen (artikel|beitrag) teilen|jetzt teilen|sharen( mit)?:?|tweet(en)?:?|pin it|e-?mail( this)?|print( this)?|drucken|whatsapp|facebook|twitter|linkedin|instagram|pinterest|xing|reddit|telegram|flattr this!?:?|gefällt mir:?|like this:|teilen mit:?|share this:)$",
            ),
            Social,
            4,
        ),
        (
            wording(
                r"(?i)(\bsubscri(be|ption)\b|\bnewsletter\b|sign up (for|to)|\babonnier|\babonnement|\babo\b|\bregistrieren\b|\banmelden\b|\bjetzt bestellen\b|\bs'abonner|\bsuscr[ií]b)",
            ),
            Subscription,
            10,
        ),
        (
            wording(
                r"(?i)(please contact us for subscri|subscribe (now|today|to (our|the))|sign up (now|today|for (our|the))|get (our|the) (daily |weekly )?newsletter|jetzt (abonnieren|anmelden|registrieren)|melden sie sich (jetzt )?(für|zu)|offered to subscribers|available to subscribers|only (available )?(to|for) subscribers)",
            ),
            Subscription,
            60,
        ),
        (
            wording(
                r"(?i)(\bcookies?\b|datenschutz|privacy policy|privacy settings|cookie-einstellungen|we value your privacy)",
            ),
            Cookie,
            12,
        ),
        (
            wording(
                r"(?i)(we use cookies|this (web)?site uses cookies|by (continuing|using) (to browse|this (web)?site)|diese (web)?seite verwendet cookies|wir verwenden cookies|cookies (helfen|erleichtern))",
            ),
            Cookie,
            80,
        ),
        (
            wording(
                r"(?i)^(©|\(c\)\s|copyright\b|all rights reserved|alle rechte vorbehalten|impressum$|imprint$|terms (of (use|service)|and conditions)|nutzungsbedingungen|agb$|disclaimer:?$|haftungsausschluss|kontakt$|contact( us)?$|about( us)?$|über uns$|sitemap$|mediadaten$)",
            ),
            Legal,
            20,
        ),
        (
            wording(
                r"(?i)(all rights reserved|alle rechte vorbehalten|keine haftung für|übernehmen wir keine haftung|no liability for|tous droits réservés|todos los derechos reservados|this material may not be published|darf nicht (veröffentlicht|weiterverbreitet))",
            ),
            Legal,
            60,
        ),
        (
            wording(
                r"(?i)^((photo|image|picture|foto|bild|credit|quelle|caption|file photo)s?\s*(:|/|by\b|©)|\((photo|foto|image|bild|file)\b[^)]*\)$)|\b(getty images|shutterstock|imago images|picture alliance|istock(photo)?)\b|©\s*\p{Lu}",
            ),
            PhotoCredit,
            30,
        ),
        // A caption that ends with its photo credit in brackets ("...
        // (Photo: Ann Lee)", "... [Bild: Theater Basel]"). Without the
        // brackets a credit can close a short article of one line.
        (
            wording(
                r"(?i)[(\[]\s*(photo|foto|bild|image|credit|fotos|photos|bilder)s?\s*:\s*[^()\[\].!?:]{1,60}[)\]]\.?$",
            ),
            PhotoCredit,
            50,
        ),
        (
            wording(
                r"(?i)^(home|start(seite)?|menu|menü|navigation|search|suche|suchen|login|log in|sign in|anmelden|registrieren|register|skip to (main )?content|zum inhalt springen|back to top|nach oben|top$|mehr$|more$|weiter$|next$|zurück$|previous$|close$|schließen$|toggle navigation|main menu|hauptmenü|you are here:|sie sind hier:?)",
            ),
            Navigation,
            6,
        ),
    ]
});

/// The furniture reason for `line` judged by its wording alone, if any.
pub(crate) fn by_wording(line: &Line<'_>) -> Option<RemovalReason> {
    let sentence = line.is_sentence() && line.words >= 8;
    PATTERNS
        .iter()
        .find(|(re, _, max_words)| {
            line.words <= *max_words
                && (*max_words >= WEAK_LIMIT || !sentence)
                && re.is_match(line.text)
        })
        .map(|(_, reason, _)| *reason)
}

/// Labels of the blocks around an article on a web page (recommended and
/// recent articles, comment counts, a table of contents), alone on a line
/// of at most [`PAGE_LABEL_MAX_WORDS`] words or heading a teaser ("Auch
/// lesen: ..."). Only for page text ([`super::furniture_lines`]): in the
/// text of a news article a line such as "Inhaltsverzeichnis" is rare and
/// [`by_wording`] keeps to what it has always removed.
static PAGE_LABELS: LazyLock<Regex> = LazyLock::new(|| {
    wording(
        r"(?i)^(schon gelesen\??|auch (lesen|interessant)|zum weiterlesen|empfohlene (beiträge|artikel)|kommentierte artikel|neueste (artikel|beiträge|kommentare)|letzte beiträge|meist[- ]?(diskutiert|kommentiert|gelesen)|(mehr|weitere) themen|ähnliche themen|entdecke weitere|videos? zum thema|vorschau auf den nächsten artikel|zurück zur (liste|listenansicht|übersicht)|kommentare (insgesamt|schreiben)|lust auf mehr\??|(be part of|join) the conversation|s[ií]guenos en|más (noticias|información)|suggested (articles|reading)|related reading|more (news|articles|stories)( from| on)?|you may also like|popular (posts|articles)|recent (posts|comments)|inhaltsverzeichnis|table of contents)\b",
    )
});

/// The longest line, in words, that [`is_page_label`] judges.
const PAGE_LABEL_MAX_WORDS: usize = 12;

/// Whether the line is the label of a block around the article on a web
/// page ([`PAGE_LABELS`]).
pub(crate) fn is_page_label(line: &Line<'_>) -> bool {
    line.words <= PAGE_LABEL_MAX_WORDS && PAGE_LABELS.is_match(line.text)
}

/// An advertising label or disclosure on a web page: "Anzeige", "Werbung:"
/// or "Sponsored" opening a line, affiliate-link notices, "we may earn a
/// commission". Only for page text, like [`PAGE_LABELS`].
static AD_DISCLOSURE: LazyLock<Regex> = LazyLock::new(|| {
    wording(
        r"(?i)(^\W*(werbung|anzeige|advertisement|sponsored|publicidad|annonce)\s*([.:,*|–-]|$)|\baffiliate[- ]links?\b|we may (receive|earn) (compensation|a commission)|enthält (werbung|affiliate))",
    )
});

/// The longest line, in words, that [`is_ad_disclosure`] judges.
const AD_DISCLOSURE_MAX_WORDS: usize = 50;

/// Whether the line labels or discloses advertising ([`AD_DISCLOSURE`]).
pub(crate) fn is_ad_disclosure(line: &Line<'_>) -> bool {
    line.words <= AD_DISCLOSURE_MAX_WORDS && AD_DISCLOSURE.is_match(line.text)
}

/// Lines at most this long (in words) may be judged by how they address
/// the reader.
const ADDRESS_MAX_WORDS: usize = 25;

/// The reader addressed in the second person, in the languages of
/// [`super::lexicon`].
static SECOND_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    // German's formal "Sie" is "she" and "they" when lower-case, so it
    // counts only capitalised.
    re(
        r"\b((?i:you|your|you're|yours|dich|dir|dein|deine|deinen|deinem|du|euch|euer|usted|ustedes|vous|votre|vos)|Sie|Ihnen|Ihre?[mnrs]?)\b",
    )
});

/// What a site asks its readers to do, or the parts of the site it points
/// at: sign-up, mail, accounts, shops, apps, buttons, support.
static SITE_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(e-?mail|inbox|postfach|newsletter|subscri|abonn|suscr|sign ?up|sign in|log ?in|logged in|einlogg|eingeloggt|anmeld|registr|konto|account|submit|enter |eingeben|geben sie|gib |click|klick|button|app\b|apps\b|download|website|webseite|web site|site\b|seite\b|sitio|visit|besuch|shop|support|unterstütz|donat|spende|follow|folg|join|únete|share|teilen|comment|kommentar|empfohlen|recommended|for you|für dich|für sie|cookie|notification|benachrichtig|inspir|deal|angebot|gutschein|rabatt|sparen|save up|kunde|customer|partner)",
    )
});

/// Reported speech: a line that says who is speaking is reporting, even
/// when the speaker addresses "you".
static ATTRIBUTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(said|says|told|added|according to|sagte|sagt|erklärte|betonte|dijo|afirmó|a (déclaré|dit)|selon)\b",
    )
});

/// Whether the line speaks to the reader, outside any quotation, to make
/// them act on the site: the shape of calls to action in every language
/// we read, where reporting speaks about third parties.
pub(crate) fn is_call_to_action(line: &Line<'_>) -> bool {
    if line.words > ADDRESS_MAX_WORDS || line.words == 0 {
        return false;
    }
    let quoted = line
        .text
        .chars()
        .any(|c| matches!(c, '"' | '“' | '”' | '„' | '«' | '»'));
    !quoted
        && !ATTRIBUTED.is_match(line.text)
        && SECOND_PERSON.is_match(line.text)
        && SITE_ACTION.is_match(line.text)
}

/// The longest teaser, in words: a paywalled or truncated article cut off
/// after its first paragraph is longer, and is reporting.
const TEASER_MAX_WORDS: usize = 35;

/// Whether the line is a teaser: an excerpt of another article cut off
/// mid-sentence with an ellipsis ("... where the imperative sounds …",
/// "Read the full story [...]"). Reporting ends its sentences; a quote that
/// trails off sits inside quotation marks.
pub(crate) fn is_teaser(line: &Line<'_>) -> bool {
    let t = line.text.trim_end();
    let before = t.trim_end_matches(['…', '.', '[', ']', ' ']);
    let mid_word = before.chars().last().is_some_and(char::is_alphanumeric);
    let cut = t.ends_with('…') || t.ends_with("...");
    let quoted = t
        .chars()
        .any(|c| matches!(c, '"' | '“' | '”' | '„' | '«' | '»'));
    cut && mid_word && !quoted && (8..=TEASER_MAX_WORDS).contains(&line.words)
}

/// Whether the line is a list of links or a menu: several short items
/// separated by pipes, bullets or arrows, or a breadcrumb trail.
pub(crate) fn is_link_list(line: &Line<'_>) -> bool {
    if line.is_sentence() {
        return false;
    }
    let separators = line
        .text
        .chars()
        .filter(|c| matches!(c, '|' | '•' | '·' | '»' | '›' | '>' | '/'))
        .count();
    separators >= 2 && line.words <= separators * 4 + 4
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> Option<RemovalReason> {
        by_wording(&Line::new(1, text))
    }

    #[test]
    fn ascii_boundaries_read_non_ascii_lines_alike() {
        use RemovalReason::*;
        assert_eq!(reason("Veröffentlicht in Kultur, Allgemein"), Some(Related));
        assert_eq!(reason("Lesen Sie auch: Mühle öffnet wieder"), Some(Related));
        assert_eq!(reason("Jetzt abonnieren für 1 €"), Some(Subscription));
        assert_eq!(reason("Síguenos: follow us on Instagram"), None);
        assert_eq!(
            reason("Follow us on Instagram für Neuigkeiten"),
            Some(Social)
        );
        assert_eq!(reason("© Stadtwerke Größingen"), Some(Legal));
        // A pattern word inside a longer word is no match, ASCII or not.
        assert_eq!(reason("Überabonnement"), None);
        assert_eq!(reason("Die Straße wurde am Montag gesperrt."), None);
    }

    #[test]
    fn ad_disclosures() {
        let ad = |t: &str| is_ad_disclosure(&Line::new(1, t));
        assert!(ad("Anzeige"));
        assert!(ad("*Werbung: Dieser Beitrag entstand mit einem Partner."));
        assert!(ad("This post contains affiliate links."));
        assert!(!ad(
            "Werbung an Bushaltestellen wird teurer, sagt der Stadtrat."
        ));
    }

    #[test]
    fn page_labels() {
        let label = |t: &str| is_page_label(&Line::new(1, t));
        assert!(label("Empfohlene Beiträge"));
        assert!(label("Auch lesen: Der Fährmann geht in Rente"));
        assert!(label("You may also like"));
        assert!(!label(
            "Inhaltsverzeichnisse alter Bibliotheken sind ein Schatz für Forscher"
        ));
        assert!(!label(
            "More news from the valley came on Tuesday, when the council met again \
             and agreed to pay for the new bridge."
        ));
    }
}
