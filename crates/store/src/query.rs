//! Turning what a person types into an FTS5 query that cannot fail.
//!
//! FTS5's query language has operators, column filters and quoting rules; a
//! stray quote or `NEAR(` in user input is a syntax error. Users get words
//! (all must match), `"quoted phrases"`, `word*` prefixes and `OR` between
//! terms; everything else is treated as text. Each term is emitted as an
//! FTS5 string (double-quoted, inner quotes doubled), so no user input is
//! ever read as an operator.

/// The FTS5 query for user `text`, or `None` when it holds no searchable
/// word.
///
/// ```
/// use storyline_store::fts_query;
/// assert_eq!(fts_query("ferry timetable").as_deref(), Some(r#""ferry" "timetable""#));
/// assert_eq!(fts_query(r#""harbour board" OR port*"#).as_deref(), Some(r#""harbour board" OR "port"*"#));
/// assert_eq!(fts_query("NEAR( \" ) :").as_deref(), Some(r#""NEAR""#));
/// assert_eq!(fts_query("( ) : *"), None);
/// ```
pub fn fts_query(text: &str) -> Option<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut chars = text.chars().peekable();
    let mut pending_or = false;
    while let Some(&c) = chars.peek() {
        if c == '"' {
            chars.next();
            let mut phrase = String::new();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                phrase.push(c);
            }
            let words = words(&phrase);
            if !words.is_empty() {
                push_term(&mut terms, &mut pending_or, quote(&words.join(" ")));
            }
        } else if is_word_char(c) {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if !is_word_char(c) {
                    break;
                }
                word.push(c);
                chars.next();
            }
            let prefix = chars.peek() == Some(&'*');
            if prefix {
                chars.next();
            }
            if word == "OR" {
                pending_or = !terms.is_empty();
                continue;
            }
            let mut term = quote(&word);
            if prefix {
                term.push('*');
            }
            push_term(&mut terms, &mut pending_or, term);
        } else {
            chars.next();
        }
    }
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" "))
    }
}

fn push_term(terms: &mut Vec<String>, pending_or: &mut bool, term: String) {
    if *pending_or {
        terms.push("OR".to_owned());
        *pending_or = false;
    }
    terms.push(term);
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !is_word_char(c))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::fts_query;
    use proptest::prelude::*;

    fn check(input: &str, expect: expect_test::Expect) {
        expect.assert_eq(&format!("{:?}", fts_query(input)));
    }

    #[test]
    fn terms_phrases_prefixes_and_or() {
        check("", expect_test::expect![[r#"None"#]]);
        check("a OR", expect_test::expect![[r#"Some("\"a\"")"#]]);
        check("OR b", expect_test::expect![[r#"Some("\"b\"")"#]]);
        check(
            "quarry \"road closure\" lorr*",
            expect_test::expect![[r#"Some("\"quarry\" \"road closure\" \"lorr\"*")"#]],
        );
        check(
            "title:x AND (y)",
            expect_test::expect![[r#"Some("\"title\" \"x\" \"AND\" \"y\"")"#]],
        );
        check(
            "\"unclosed",
            expect_test::expect![[r#"Some("\"unclosed\"")"#]],
        );
    }

    proptest! {
        // Whatever is typed, the query is accepted by FTS5.
        #[test]
        fn any_input_is_a_valid_fts5_query(input in "\\PC{0,40}") {
            let conn = rusqlite::Connection::open_in_memory().expect("in-memory db");
            conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5(x); INSERT INTO t VALUES ('some text here');").expect("fts5 table");
            if let Some(q) = fts_query(&input) {
                let r: Result<i64, _> = conn.query_row("SELECT count(*) FROM t WHERE t MATCH ?1", [&q], |r| r.get(0));
                prop_assert!(r.is_ok(), "query {q:?} from {input:?}: {r:?}");
            }
        }
    }
}
