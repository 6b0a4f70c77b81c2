//! Cleaning, case by case: each test feeds one invented page through
//! [`clean`] and compares what it kept, lifted and removed with an inline
//! snapshot. Fixtures are our own fictional text. Properties at the end:
//! cleaning never panics, is deterministic, and a batch cleans each article
//! the same whatever the order of the batch.

use expect_test::{Expect, expect};
use proptest::prelude::*;
use storyline_core::{ArticleId, CleanConfig, Cleaned, Location, RawArticle, clean, clean_batch};

fn raw(id: &str, source: Option<&str>, text: &str) -> RawArticle {
    RawArticle {
        id: ArticleId::from(id),
        origin: Location::file(format!("{id}.txt")),
        url: None,
        source: source.map(str::to_owned),
        published: None,
        title: None,
        text: text.to_owned(),
        meta: Default::default(),
    }
}

/// The cleaned article as a table: lifted fields, `|` for each kept
/// paragraph, `-` for each removed line with its reason.
fn render(c: &Cleaned) -> String {
    let a = &c.article;
    let mut out = Vec::new();
    if let Some(t) = &a.title {
        out.push(format!("title: {t}"));
    }
    if let Some(d) = &a.dateline {
        out.push(format!(
            "dateline: {} (place {:?}, date {:?})",
            d.text, d.place, d.date
        ));
    }
    if let Some(b) = &a.byline {
        out.push(format!("byline: {b}"));
    }
    if let Some(p) = &a.published {
        out.push(format!("published: {} ({:?})", p.date(), p.precision));
    }
    for cr in &a.credits {
        out.push(format!(
            "credit: {} {:?} <- {}",
            cr.agency, cr.kind, cr.text
        ));
    }
    for p in &a.paragraphs {
        out.push(format!("| {p}"));
    }
    for r in &a.removed {
        let reason = serde_json::to_value(r.reason).expect("reasons serialise");
        let reason = reason.as_str().unwrap_or("?").to_owned();
        out.push(format!("- {reason}: {}", r.text));
    }
    for d in &c.diagnostics {
        out.push(format!("! {d}"));
    }
    out.join("\n")
}

fn check(input: &str, expect: Expect) {
    let cleaned = clean(&raw("t", None, input), &CleanConfig::default());
    expect.assert_eq(&render(&cleaned));
}

/// Three paragraphs of plain reporting that every furniture test wraps.
const BODY: &str = "\
The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.

Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.

Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.";

fn with_body(before: &str, after: &str) -> String {
    format!("{before}\n\n{BODY}\n\n{after}")
}

#[test]
fn comment_forms() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs",
            "Leave a Reply\nCancel reply\nYour email address will not be published. Required fields are marked *\n3 Comments\nSave my name, email, and website in this browser for the next time I comment.",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - comment-form: Leave a Reply
            - comment-form: Cancel reply
            - comment-form: Your email address will not be published. Required fields are marked *
            - comment-form: 3 Comments
            - comment-form: Save my name, email, and website in this browser for the next time I comment."#]],
    );
}

#[test]
fn newsletter_and_follow_lines() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs",
            "Sign up for our daily newsletter\nSubscribe now and get the Harbour Bulletin in your inbox every morning.\nFollow us on Twitter and Facebook\nJoin our WhatsApp channel for breaking news",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - subscription: Sign up for our daily newsletter
            - subscription: Subscribe now and get the Harbour Bulletin in your inbox every morning.
            - social: Follow us on Twitter and Facebook
            - social: Join our WhatsApp channel for breaking news"#]],
    );
}

#[test]
fn shortcodes() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs",
            "[mc4wp_form id=\"311\"]\n[/caption]\n[gallery ids=\"4,5,6\"]",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - shortcode: [mc4wp_form id="311"]
            - shortcode: [/caption]
            - shortcode: [gallery ids="4,5,6"]"#]],
    );
}

#[test]
fn author_bio_at_the_tail() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs",
            "Marta Vell\nMarta Vell is a reporter for the Tressel Courier who covers the coast and its fisheries. She studied journalism in Dorsa.",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - author-bio: Marta Vell
            - author-bio: Marta Vell is a reporter for the Tressel Courier who covers the coast and its fisheries. She studied journalism in Dorsa."#]],
    );
}

#[test]
fn related_see_also_and_read_teasers() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs",
            "Related Articles\nSee also: Storm damage along the coast in pictures\nREAD: How the sea wall was built in 1911\nRead more: Fishing fleet counts its losses\nYou may also like",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - related: Related Articles
            - related: See also: Storm damage along the coast in pictures
            - related: READ: How the sea wall was built in 1911
            - related: Read more: Fishing fleet counts its losses
            - related: You may also like"#]],
    );
}

#[test]
fn subscription_notices() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs",
            "This article is only available to subscribers.\nAlready a subscriber? Log in\nSubscribe today for unlimited access",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - subscription: This article is only available to subscribers.
            - navigation: Already a subscriber? Log in
            - subscription: Subscribe today for unlimited access"#]],
    );
}

#[test]
fn share_buttons() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs\n\nShare this article\nFacebook\nTwitter\nWhatsApp\nEmail",
            "Share:\nPrint",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - social: Share this article
            - social: Facebook
            - social: Twitter
            - social: WhatsApp
            - social: Email
            - social: Share:
            - social: Print"#]],
    );
}

#[test]
fn cookie_notices() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs",
            "We use cookies to improve your experience on our website. By continuing to browse this site you agree to our use of cookies.\nCookie settings\nPrivacy Policy",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - cookie: We use cookies to improve your experience on our website. By continuing to browse this site you agree to our use of cookies.
            - cookie: Cookie settings
            - cookie: Privacy Policy"#]],
    );
}

#[test]
fn photo_credits() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs\n\nPhoto: Arno Kell / Tressel Courier",
            "(Photo by Lisa Ander)\nFile photo: the pier in 2019\n© Coastline Pictures",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - photo-credit: Photo: Arno Kell / Tressel Courier
            - photo-credit: (Photo by Lisa Ander)
            - photo-credit: File photo: the pier in 2019
            - legal: © Coastline Pictures"#]],
    );
}

#[test]
fn a_paragraph_printed_twice_with_another_quote_style() {
    check(
        "Tressel pier reopens after storm repairs\n\n\
         The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs, officials said.\n\n\
         \"We are glad to have the boats back,\" harbour master Juna Pell said on Monday at the pier's gate.\n\n\
         Workers replaced more than 300 metres of stone and concrete before the first boats returned.\n\n\
         “We are glad to have the boats back,” harbour master Juna Pell said on Monday at the pier’s gate.\n\n\
         The last railings will be fitted by the end of the month, the authority said.",
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs, officials said.
            | "We are glad to have the boats back," harbour master Juna Pell said on Monday at the pier's gate.
            | Workers replaced more than 300 metres of stone and concrete before the first boats returned.
            | The last railings will be fitted by the end of the month, the authority said.
            - title: Tressel pier reopens after storm repairs
            - repeated: “We are glad to have the boats back,” harbour master Juna Pell said on Monday at the pier’s gate."#]],
    );
}

#[test]
fn datelines_with_agencies() {
    check(
        "Port talks resume in Dorsa\n\n\
         Dorsa, Mar. 22, (dpa/GNA) – Negotiators from the two port unions met again on Friday to settle a dispute over night shifts.\n\n\
         The talks were the first since a strike closed the container terminal for two days last month.",
        expect![[r#"
            title: Port talks resume in Dorsa
            dateline: Dorsa, Mar. 22, (dpa/GNA) – (place Some("Dorsa"), date Some("Mar. 22"))
            credit: dpa Dateline <- dpa/GNA
            credit: GNA Dateline <- dpa/GNA
            | Negotiators from the two port unions met again on Friday to settle a dispute over night shifts.
            | The talks were the first since a strike closed the container terminal for two days last month.
            - title: Port talks resume in Dorsa"#]],
    );
    check(
        "Port talks resume in Dorsa\n\n\
         DORSA (AP) — Negotiators from the two port unions met again on Friday to settle a dispute over night shifts.\n\n\
         The talks were the first since a strike closed the container terminal for two days last month.",
        expect![[r#"
            title: Port talks resume in Dorsa
            dateline: DORSA (AP) — (place Some("DORSA"), date None)
            credit: AP Dateline <- AP
            | Negotiators from the two port unions met again on Friday to settle a dispute over night shifts.
            | The talks were the first since a strike closed the container terminal for two days last month.
            - title: Port talks resume in Dorsa"#]],
    );
    check(
        "Port talks resume in Dorsa\n\n\
         DORSA\n\n\
         Negotiators from the two port unions met again on Friday to settle a dispute over night shifts.\n\n\
         The talks were the first since a strike closed the container terminal for two days last month.",
        expect![[r#"
            title: Port talks resume in Dorsa
            dateline: DORSA (place Some("DORSA"), date None)
            | Negotiators from the two port unions met again on Friday to settle a dispute over night shifts.
            | The talks were the first since a strike closed the container terminal for two days last month.
            - title: Port talks resume in Dorsa
            - dateline: DORSA"#]],
    );
}

#[test]
fn credit_lines() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs",
            "AFP/ Al Jazeera\nInformation for this report was obtained in part from The Associated Press and Reuters.",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            credit: AFP CreditLine <- AFP/ Al Jazeera
            credit: AP Contribution <- Information for this report was obtained in part from The Associated Press and Reuters.
            credit: Reuters Contribution <- Information for this report was obtained in part from The Associated Press and Reuters.
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - credit: AFP/ Al Jazeera
            - credit: Information for this report was obtained in part from The Associated Press and Reuters."#]],
    );
    check(
        &with_body(
            "Tressel pier reopens after storm repairs",
            "(Reporting by Ola Brenn; Editing by Kai Morr)\nReuters, dpa",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            credit: Reuters CreditLine <- Reuters, dpa
            credit: dpa CreditLine <- Reuters, dpa
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - credit: (Reporting by Ola Brenn; Editing by Kai Morr)
            - credit: Reuters, dpa"#]],
    );
}

#[test]
fn bylines() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs\n\nBy Marta Vell and Oskar Lind\n\nMarch 16, 2026",
            "",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            byline: Marta Vell and Oskar Lind
            published: 2026-03-16 (Day)
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - byline: By Marta Vell and Oskar Lind
            - date: March 16, 2026"#]],
    );
    check(
        &with_body(
            "Tressel pier reopens after storm repairs\n\nMarta Vell | 16.03.2026 - Update: 17.03.2026",
            "",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            byline: Marta Vell
            published: 2026-03-16 (Day)
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - byline: Marta Vell | 16.03.2026 - Update: 17.03.2026"#]],
    );
}

#[test]
fn menus_as_runs_of_short_lines() {
    check(
        &with_body(
            "Home\nNews\nCoast\nWeather\nSport\nOpinion\n\nTressel pier reopens after storm repairs",
            "Most Read\nStorm hits the coast\nFerry timetable changes\nNew mayor sworn in\nCouncil budget approved",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - navigation: Home
            - navigation: News
            - navigation: Coast
            - navigation: Weather
            - navigation: Sport
            - navigation: Opinion
            - title: Tressel pier reopens after storm repairs
            - related: Most Read
            - navigation: Storm hits the coast
            - navigation: Ferry timetable changes
            - navigation: New mayor sworn in
            - navigation: Council budget approved"#]],
    );
    check(
        &with_body(
            "Tressel pier reopens after storm repairs\n\nHome | News | Coast | Weather",
            "Tressel Courier > News > Coast",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - navigation: Home | News | Coast | Weather
            - navigation: Tressel Courier > News > Coast"#]],
    );
}

/// Furniture printed above the headline, where a page's header puts it.
/// Expected: the headline is the title and the furniture line goes.
fn check_header_furniture(furniture: &str) {
    let text = with_body(
        &format!("{furniture}\n\nTressel pier reopens after storm repairs"),
        "",
    );
    let cleaned = clean(&raw("t", None, &text), &CleanConfig::default());
    let a = &cleaned.article;
    assert_eq!(
        a.title.as_deref(),
        Some("Tressel pier reopens after storm repairs"),
        "{}",
        render(&cleaned)
    );
    assert!(
        a.paragraphs.iter().all(|p| !p.contains(furniture)),
        "{}",
        render(&cleaned)
    );
}

/// Bug: the header pass tries "reads as a headline" before furniture
/// wording, so a share label above the headline becomes the title and the
/// real headline is kept as the first paragraph.
#[test]
fn share_label_above_the_headline() {
    check_header_furniture("Share this article");
}

/// Bug: a pipe-separated menu above the headline reads as a headline
/// (capitalised, no full stop), so it becomes the title.
#[test]
fn pipe_menu_above_the_headline() {
    check_header_furniture("Home | News | Coast | Weather");
}

#[test]
fn calls_to_action() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs",
            "Enter your email address to get our top stories.\nSupport local journalism: donate to the Courier today\nDownload our app for alerts on your phone",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - call-to-action: Enter your email address to get our top stories.
            - boilerplate: Support local journalism: donate to the Courier today
            - call-to-action: Download our app for alerts on your phone"#]],
    );
}

#[test]
fn teasers_cut_off_by_an_ellipsis() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs",
            "Coastal towns prepare for a second storm as forecasters warn that the sea could rise by...\nThe mayor of Dorsa has asked the national government for emergency funds to rebuild the …",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - related: Coastal towns prepare for a second storm as forecasters warn that the sea could rise by...
            - related: The mayor of Dorsa has asked the national government for emergency funds to rebuild the …"#]],
    );
}

#[test]
fn a_real_body_with_subheadings_and_one_line_quotes_stays_intact() {
    let text = "\
Tressel pier reopens after storm repairs

By Marta Vell

TRESSEL (AP) — The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.

Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.

A long repair

The storm broke through the wall in two places on March 3, flooding the fish market and the harbour office.

\"It was the worst night of my life.\"

That was how Edda Kross, who has sold fish on the pier for 30 years, remembered it on Monday.

What comes next

The authority said a second phase of work, on the southern pier, would begin in April and cost about 2 million crowns.

\"We will not wait for the next storm,\" Pell said.";
    let cleaned = clean(&raw("t", None, text), &CleanConfig::default());
    let kept = cleaned.article.text();
    for line in [
        "A long repair",
        "\"It was the worst night of my life.\"",
        "What comes next",
        "\"We will not wait for the next storm,\" Pell said.",
        "That was how Edda Kross, who has sold fish on the pier for 30 years, remembered it on Monday.",
    ] {
        assert!(kept.contains(line), "lost {line:?}:\n{}", render(&cleaned));
    }
    expect![[r#"
        title: Tressel pier reopens after storm repairs
        dateline: TRESSEL (AP) — (place Some("TRESSEL"), date None)
        byline: Marta Vell
        credit: AP Dateline <- AP
        | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
        | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
        | A long repair
        | The storm broke through the wall in two places on March 3, flooding the fish market and the harbour office.
        | "It was the worst night of my life."
        | That was how Edda Kross, who has sold fish on the pier for 30 years, remembered it on Monday.
        | What comes next
        | The authority said a second phase of work, on the southern pier, would begin in April and cost about 2 million crowns.
        | "We will not wait for the next storm," Pell said.
        - title: Tressel pier reopens after storm repairs
        - byline: By Marta Vell"#]].assert_eq(&render(&cleaned));
}

#[test]
fn txt_first_line_is_the_title_only_when_it_reads_as_a_headline() {
    check(
        "The harbour authority in Tressel reopened the northern pier on Monday.\n\nWorkers replaced more than 300 metres of stone and concrete, officials said on Monday.",
        expect![[r#"
            | The harbour authority in Tressel reopened the northern pier on Monday.
            | Workers replaced more than 300 metres of stone and concrete, officials said on Monday."#]],
    );
    check(
        "Tressel pier reopens\n\nThe harbour authority in Tressel reopened the northern pier on Monday, officials said.",
        expect![[r#"
            title: Tressel pier reopens
            | The harbour authority in Tressel reopened the northern pier on Monday, officials said.
            - title: Tressel pier reopens"#]],
    );
}

#[test]
fn a_long_sentence_mentioning_furniture_words_is_reporting() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs",
            "The Courier's newsletter, which has 12,000 subscribers in the town, first reported the cracks in the sea wall last autumn.\n\nCouncillors said the new cookie factory on the waterfront would share the cost of the repairs with the harbour authority.",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            | The Courier's newsletter, which has 12,000 subscribers in the town, first reported the cracks in the sea wall last autumn.
            | Councillors said the new cookie factory on the waterfront would share the cost of the repairs with the harbour authority.
            - title: Tressel pier reopens after storm repairs"#]],
    );
}

/// Source-wide templates: a line in many articles of one source goes, in
/// a batch.
#[test]
fn batch_removes_a_source_template() {
    let footer = "Tressel Courier is part of the Coastline Media group";
    let raws: Vec<RawArticle> = (0..4)
        .map(|i| {
            raw(
                &format!("c{i}"),
                Some("Tressel Courier"),
                &format!(
                    "Council report number {i}\n\nThe town council met on day {i} of the session to discuss the budget for the coming year, the clerk said.\n\n{footer}"
                ),
            )
        })
        .collect();
    let cleaned = clean_batch(&raws, &CleanConfig::default());
    for c in &cleaned {
        assert!(
            c.article.removed.iter().any(|r| r.text == footer),
            "{}",
            render(c)
        );
    }
}

/// The reports of four unrelated events, each with a stock sentence run
/// into its text where the page's newsletter box was.
fn unrelated_reports_with_a_stock_sentence(stock: &str) -> Vec<RawArticle> {
    let bodies = [
        "The harbour authority of Tressel closed the northern quay on Tuesday after divers found cracks in three concrete pillars. {stock} Engineers expect repairs to take until autumn, and ferries will dock at the southern terminal meanwhile. Fishermen complained that the detour adds an hour to every crossing. The quay was built in 1962 and last renovated two decades ago. Inspectors will examine the remaining pillars over the coming fortnight. Shipping companies asked for compensation for the extra fuel.",
        "Veranto's orchestra named Imani Duarte its principal conductor, ending a search that lasted two seasons. Duarte, who trained in Lisbon and Vienna, will lead twelve concerts next year. {stock} Musicians welcomed the appointment and praised her rehearsal manners. Her first programme pairs Sibelius with new commissions from young composers. Subscriptions for the season open in March. The previous conductor retired after nineteen years with the ensemble.",
        "Farmers across the Dorsa valley began harvesting wheat a fortnight early because of the drought, cooperatives reported. Yields are down by a third compared with last summer. Grain prices at the regional exchange climbed accordingly. {stock} Millers warned that bread could cost more by winter. Irrigation reservoirs stand at their lowest level since records began. The agriculture ministry promised emergency loans for smaller holdings. Some growers switched to sorghum, which needs less water.",
        "{stock} A striker from Kallan United signed a contract extension through 2029, the club announced after weeks of speculation about transfer offers from abroad. Supporters gathered outside the stadium chanting his name, while coaches spoke of loyalty and ambition. He scored twenty-one league goals last season. The club's chairman called the deal a statement of intent for the championship. Ticket sales for the opening match rose sharply after the announcement.",
    ];
    bodies
        .iter()
        .enumerate()
        .map(|(i, b)| raw(&format!("u{i}"), None, &b.replace("{stock}", stock)))
        .collect()
}

/// Stock passages: a sentence found in many articles that share nothing
/// else is a template of some other kind (a newsletter box flattened into
/// the text); it leaves every one of them, the rest of its line stays.
#[test]
fn batch_removes_a_stock_sentence_from_unrelated_reports() {
    let stock = "Sign up for the Morning Ledger, our free newsletter, delivered weekday mornings.";
    let raws = unrelated_reports_with_a_stock_sentence(stock);
    let cleaned = clean_batch(&raws, &CleanConfig::default());
    expect![[r#"
        | Veranto's orchestra named Imani Duarte its principal conductor, ending a search that lasted two seasons. Duarte, who trained in Lisbon and Vienna, will lead twelve concerts next year. Musicians welcomed the appointment and praised her rehearsal manners. Her first programme pairs Sibelius with new commissions from young composers. Subscriptions for the season open in March. The previous conductor retired after nineteen years with the ensemble.
        - stock-passage: Sign up for the Morning Ledger, our free newsletter, delivered weekday mornings."#]]
    .assert_eq(&render(&cleaned[1]));
    for c in &cleaned {
        let removed: Vec<&str> = c.article.removed.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(removed, [stock], "{}", render(c));
        assert_eq!(c.article.removed[0].line, 1);
        assert!(!c.article.text().contains("Morning Ledger"));
    }
    // Case and spacing do not hide it.
    let mut shouted = raws.clone();
    shouted[3].text = shouted[3]
        .text
        .replace(stock, &stock.to_uppercase().replace(' ', "  "));
    let cleaned = clean_batch(&shouted, &CleanConfig::default());
    assert!(cleaned.iter().all(|c| c.article.removed.len() == 1));
    // One article on its own, or the rule turned off, keeps it.
    assert!(
        clean(&raws[0], &CleanConfig::default())
            .article
            .removed
            .is_empty()
    );
    let off = CleanConfig {
        stock_min_articles: 0,
        ..CleanConfig::default()
    };
    assert!(
        clean_batch(&raws, &off)
            .iter()
            .all(|c| c.article.removed.is_empty())
    );
    // In any order, the same articles.
    let mut reversed = raws.clone();
    reversed.reverse();
    let mut back = clean_batch(&reversed, &CleanConfig::default());
    back.reverse();
    assert_eq!(back, clean_batch(&raws, &CleanConfig::default()));
}

/// A stock opening: a player's notice glued to the first words of the
/// report, with no stop between, is cut off the lines it opens; six words
/// that open a few unrelated reports by chance are left alone.
#[test]
fn batch_cuts_a_stock_opening_and_leaves_a_common_lede() {
    let opened = |opening: &str| -> Vec<RawArticle> {
        unrelated_reports_with_a_stock_sentence("")
            .into_iter()
            .map(|mut r| {
                r.text = format!("{opening} {}", r.text.replace("  ", " "));
                r
            })
            .collect()
    };
    let notice = "Video playback is not supported on this device video caption";
    let cleaned = clean_batch(&opened(notice), &CleanConfig::default());
    expect![[r#"
        | The harbour authority of Tressel closed the northern quay on Tuesday after divers found cracks in three concrete pillars. Engineers expect repairs to take until autumn, and ferries will dock at the southern terminal meanwhile. Fishermen complained that the detour adds an hour to every crossing. The quay was built in 1962 and last renovated two decades ago. Inspectors will examine the remaining pillars over the coming fortnight. Shipping companies asked for compensation for the extra fuel.
        - stock-passage: Video playback is not supported on this device video caption"#]]
    .assert_eq(&render(&cleaned[0]));
    for c in &cleaned {
        assert_eq!(c.article.removed.len(), 1, "{}", render(c));
        assert!(!c.article.text().contains("playback"));
    }
    let lede = "Officials said on Monday that the";
    for c in clean_batch(&opened(lede), &CleanConfig::default()) {
        assert!(c.article.removed.is_empty(), "{}", render(&c));
        assert!(c.article.text().starts_with(lede));
    }
}

/// Earlier articles passed as context count as evidence, are not
/// returned, and keep counting after their stock sentences were cut.
#[test]
fn context_counts_as_evidence_and_is_not_cleaned_again() {
    use storyline_core::{clean_batch_among, context_of};
    let stock = "Sign up for the Morning Ledger, our free newsletter, delivered weekday mornings.";
    let raws = unrelated_reports_with_a_stock_sentence(stock);
    let cfg = CleanConfig::default();
    // Alone, the last report holds the sentence once: kept.
    assert!(clean_batch(&raws[3..], &cfg)[0].article.removed.is_empty());
    let earlier: Vec<RawArticle> = clean_batch(&raws[..3], &cfg)
        .iter()
        .map(|c| context_of(&c.article))
        .collect();
    // The earlier three were cut; as context they still carry it.
    assert!(earlier.iter().all(|r| r.text.contains(stock)));
    let cleaned = clean_batch_among(&raws[3..], &earlier, &cfg);
    assert_eq!(cleaned.len(), 1);
    assert_eq!(cleaned[0].article.id.as_str(), "u3");
    assert_eq!(cleaned[0].article.removed[0].text, stock);
}

/// A sentence that reports of one event share (a quotation every outlet
/// printed, a wire paragraph) is reporting, however many carry it; so is a
/// short common phrase that unrelated reports share by chance.
#[test]
fn batch_keeps_a_sentence_that_reports_of_one_event_share() {
    let quote =
        "\"The water rose faster than anyone had seen in forty years,\" the mayor of Veranto said.";
    let bodies = [
        "Floodwater from the Sella river cut the old bridge at Veranto on Monday and forced three hundred families from their homes. {q} Rescue boats worked through the night along the flooded streets near the river. Schools in the lower town stayed closed, and the regional council opened the sports hall as a shelter for evacuated families. Forecasters expect more rain on Wednesday, when the river could rise again. Insurers sent assessors to the damaged houses along the embankment.",
        "Three hundred families left their homes in Veranto after the Sella river burst its banks on Monday and the old bridge collapsed. {q} Boats from the rescue service searched flooded streets through the night. Evacuated families slept in the sports hall, which the regional council opened as a shelter, and schools in the lower town closed. More rain is forecast for Wednesday, and the river may rise again. Assessors from insurers visited damaged houses on the embankment.",
        "The Sella river flooded Veranto on Monday, sweeping away the old bridge; three hundred families were evacuated from homes near the river. {q} Rescue crews in boats patrolled the flooded streets overnight. The regional council turned the sports hall into a shelter for the evacuated families while schools in the lower town stayed shut. Forecasters warned that Wednesday's rain could push the river higher again. Insurance assessors inspected the damaged houses by the embankment.",
    ];
    let raws: Vec<RawArticle> = bodies
        .iter()
        .enumerate()
        .map(|(i, b)| raw(&format!("f{i}"), None, &b.replace("{q}", quote)))
        .collect();
    for c in clean_batch(&raws, &CleanConfig::default()) {
        assert!(c.article.removed.is_empty(), "{}", render(&c));
    }
    let common = "I don't know what to say about it.";
    let raws = unrelated_reports_with_a_stock_sentence(common);
    for c in clean_batch(&raws, &CleanConfig::default()) {
        assert!(c.article.removed.is_empty(), "{}", render(&c));
    }
}

/// Arbitrary text mixing words, furniture fragments, datelines, quotes,
/// brackets and odd characters.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z ,.'\"!?()\\-]{0,80}",
        Just("Leave a Reply".to_owned()),
        Just("By Ann Lee".to_owned()),
        Just("DORSA (AP) — ".to_owned()),
        Just("Cairo, Mar. 22, (dpa/GNA) –".to_owned()),
        Just("[shortcode id=\"1\"]".to_owned()),
        Just("…".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("“quoted”".to_owned()),
        Just("Home | News |".to_owned()),
        Just("12.03.2026".to_owned()),
        "\\PC{0,20}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn clean_never_panics_and_loses_no_line(text in messy_text()) {
        let cleaned = clean(&raw("p", None, &text), &CleanConfig::default());
        // Every non-empty input line is kept (perhaps without its
        // dateline) or removed with a reason.
        let kept = cleaned.article.paragraphs.len();
        let removed = cleaned.article.removed.len();
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        prop_assert_eq!(kept + removed, lines);
    }

    #[test]
    fn clean_never_panics_on_any_string(text in "\\PC*") {
        let _ = clean(&raw("p", None, &text), &CleanConfig::default());
    }

    #[test]
    fn cleaning_is_deterministic(text in messy_text()) {
        let r = raw("p", Some("Src"), &text);
        let a = clean(&r, &CleanConfig::default());
        let b = clean(&r, &CleanConfig::default());
        prop_assert_eq!(&a, &b);
        let batch = clean_batch(std::slice::from_ref(&r), &CleanConfig::default());
        prop_assert_eq!(&batch[0], &a);
    }

    #[test]
    fn batch_output_does_not_depend_on_input_order(
        texts in proptest::collection::vec((messy_text(), 0usize..3), 1..8),
        seed in any::<u64>(),
    ) {
        let template = "Harbour Bulletin is part of the Coastline Media group";
        let raws: Vec<RawArticle> = texts
            .iter()
            .enumerate()
            .map(|(i, (t, s))| {
                let source = ["A", "B", "C"][*s];
                raw(&format!("a{i}"), Some(source), &format!("{t}\n{template}"))
            })
            .collect();
        let mut shuffled = raws.clone();
        // A deterministic shuffle from the seed (Fisher-Yates with an LCG).
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = (state >> 33) as usize % (i + 1);
            shuffled.swap(i, j);
        }
        let cfg = CleanConfig::default();
        let by_id = |cleaned: Vec<Cleaned>| {
            let mut v: Vec<(String, Cleaned)> =
                cleaned.into_iter().map(|c| (c.article.id.0.clone(), c)).collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        };
        prop_assert_eq!(by_id(clean_batch(&raws, &cfg)), by_id(clean_batch(&shuffled, &cfg)));
        // Articles are cleaned in parallel: one thread or four, the same
        // result in the same order.
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("thread pool");
            pool.install(|| clean_batch(&raws, &cfg))
        };
        prop_assert_eq!(on(1), on(4));
    }
}

/// The diagnostic is right; the title is the header bug of
/// `share_label_above_the_headline` again ("Leave a Reply" reads as a
/// headline before its wording is checked).
#[test]
fn a_text_of_furniture_only_is_reported() {
    check(
        "Leave a Reply\nYour email address will not be published.\nSubscribe to our newsletter",
        expect![[r#"
            - comment-form: Leave a Reply
            - comment-form: Your email address will not be published.
            - subscription: Subscribe to our newsletter
            ! warning: t.txt (article t): cleaning removed every line of the article; check whether the input is article text"#]],
    );
}

/// Bug: a short sentence of reporting (under six words) that closes an
/// article is removed as navigation: it is a short line, nothing follows
/// it, and the end of the text counts as a bad neighbour in `block.rs`.
#[test]
fn short_closing_sentences_are_kept() {
    for last in ["Repairs end in May.", "\"We are ready,\" Pell said."] {
        let text = with_body("Tressel pier reopens after storm repairs", last);
        let cleaned = clean(&raw("t", None, &text), &CleanConfig::default());
        assert_eq!(
            cleaned.article.paragraphs.last().map(String::as_str),
            Some(last),
            "{}",
            render(&cleaned)
        );
    }
}

/// Bug (or the price of the fragment-run rule in `block.rs`): a short list
/// inside the body, between two paragraphs of prose, is a run of three or
/// more fragments and goes as a menu, its lead-in line with it.
#[test]
fn a_list_between_paragraphs_is_kept() {
    let text = "Tressel pier reopens after storm repairs\n\nThe harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.\n\nThe repairs included:\n\n300 metres of new wall\n\nTwo new mooring posts\n\nA rebuilt harbour office\n\nWorkers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.";
    let cleaned = clean(&raw("t", None, text), &CleanConfig::default());
    assert_eq!(cleaned.article.paragraphs.len(), 6, "{}", render(&cleaned));
}

/// A listing of the article's own between two paragraphs (ingredients,
/// lines of code) is kept: its lines carry figures and code punctuation,
/// where a menu or a list of teasers between the same paragraphs, words in
/// title case, still goes.
#[test]
fn listings_between_paragraphs_are_kept_and_menus_are_not() {
    let para1 = "The bakery on Quay Street has sold the same rye loaf since 1952, and the owner agreed to share the recipe with our readers.";
    let para2 = "Bake the loaf for 50 minutes at 220 degrees, then let it rest for a whole day before it is cut, the owner said.";
    let listing = "500 g rye flour\n300 ml water\n12 g salt\n1 tsp caraway (ground)";
    let text = format!("{para1}\n{listing}\n{para2}");
    let cleaned = clean(&raw("t", None, &text), &CleanConfig::default());
    assert_eq!(cleaned.article.paragraphs.len(), 6, "{}", render(&cleaned));
    let code = "let total = 0;\nfor x in items {\ntotal += x;\n}";
    let text = format!("{para1}\n{code}\n{para2}");
    let cleaned = clean(&raw("t", None, &text), &CleanConfig::default());
    assert_eq!(cleaned.article.paragraphs.len(), 6, "{}", render(&cleaned));
    let menu =
        "Quay Street News\nBakery Awards Announced\nHarbour Festival Returns\nNew Ferry Timetable";
    let text = format!("{para1}\n{menu}\n{para2}");
    let cleaned = clean(&raw("t", None, &text), &CleanConfig::default());
    assert_eq!(
        cleaned.article.paragraphs,
        [para1, para2],
        "{}",
        render(&cleaned)
    );
}

/// Prose in a language of the function-word lexicon beyond the western
/// European ones (here Polish) reads as prose, and its sentences stay
/// even when they are short lines next to a menu.
#[test]
fn polish_prose_is_prose() {
    let text = "Strona główna\nWiadomości\nSport\nKontakt\n\
        Most na rzece został otwarty w poniedziałek po trzech latach budowy, jak poinformował burmistrz.\n\
        Na otwarcie przyszło kilkuset mieszkańców.\n\
        Koszt budowy wyniósł ponad 40 milionów złotych i był wyższy, niż planowano na początku.";
    let cleaned = clean(&raw("t", None, text), &CleanConfig::default());
    assert_eq!(cleaned.article.paragraphs.len(), 3, "{}", render(&cleaned));
}

/// A read-also label with the headline it points at on the same line, in
/// several languages, and a caption that ends with its photo credit.
#[test]
fn read_also_labels_with_headlines_and_captions_with_credits() {
    check(
        &with_body(
            "Tressel pier reopens after storm repairs",
            "Lesen Sie auch: Neue Fähre verbindet Tressel und Dorsa ab dem Sommer\n\
             Czytaj też: Burmistrz Dorsy prosi rząd o pieniądze na odbudowę portu\n\
             Harbour master Juna Pell on the reopened pier on Monday. (Photo: Ann Lee)",
        ),
        expect![[r#"
            title: Tressel pier reopens after storm repairs
            | The harbour authority in Tressel reopened the northern pier on Monday after a week of repairs to the storm-damaged sea wall, officials said.
            | Workers replaced more than 300 metres of stone and concrete, and the first fishing boats returned to their moorings before noon.
            | Harbour master Juna Pell said the pier would stay open to the public during the day while the last railings were fitted.
            - title: Tressel pier reopens after storm repairs
            - related: Lesen Sie auch: Neue Fähre verbindet Tressel und Dorsa ab dem Sommer
            - related: Czytaj też: Burmistrz Dorsy prosi rząd o pieniądze na odbudowę portu
            - photo-credit: Harbour master Juna Pell on the reopened pier on Monday. (Photo: Ann Lee)"#]],
    );
}

/// A short article of one line that closes with an unbracketed credit is
/// the article, not a caption: it stays.
#[test]
fn a_one_line_article_ending_in_a_credit_stays() {
    let text = "Seals on the Tressel breakwater have learned to open the fish market's back door, and the staff have given up closing it. Photo: Harbour Press Agency";
    let cleaned = clean(&raw("t", None, text), &CleanConfig::default());
    assert_eq!(cleaned.article.paragraphs, [text], "{}", render(&cleaned));
}

#[test]
fn chinese_article_with_a_menu() {
    // Written without spaces and without case: the headline is still lifted,
    // a paragraph thin in particles (figures, names) is still reporting, and
    // the menu above still goes.
    check(
        "首页\n新闻\n体育\n\n江城渡轮在风暴过后恢复航行\n\n\
         经过一周的维修，江城北码头于周一重新开放，港务局在声明中说，首批渔船已在中午前返回泊位。\n\n\
         港务局介绍，工人更换了三百多米长的石块和混凝土，维修总费用约为一千二百万元。\n\n\
         交通部门提醒，码头初期客流较大，请乘客按照指示标志排队，注意安全。",
        expect![[r#"
            title: 江城渡轮在风暴过后恢复航行
            | 经过一周的维修，江城北码头于周一重新开放，港务局在声明中说，首批渔船已在中午前返回泊位。
            | 港务局介绍，工人更换了三百多米长的石块和混凝土，维修总费用约为一千二百万元。
            | 交通部门提醒，码头初期客流较大，请乘客按照指示标志排队，注意安全。
            - navigation: 首页
            - navigation: 新闻
            - navigation: 体育
            - title: 江城渡轮在风暴过后恢复航行"#]],
    );
}
