//! The mentee's side of mentoring as commands: start a journal (`init`), add to it (`new`),
//! prepare each session (`agenda`) and follow it up (`summary`).

pub mod agenda;
pub mod init;
pub mod new;
pub mod summary;

use crate::check;
use crate::console::{self, Globals};
use crate::journal::{Journal, PrivateLedger};

/// Loads and checks the journal as every workflow command must before using it; on errors,
/// prints the diagnostics and gives the exit status to return.
pub(crate) fn load_checked(g: &Globals) -> Result<(Journal, PrivateLedger), i32> {
    let checked = check::check(&g.root, g.today);
    match checked.journal {
        Some(journal) if !console::fails(&checked.diagnostics, false) => {
            Ok((journal, checked.ledger))
        }
        _ => {
            g.report(&checked.diagnostics);
            eprintln!("error: fix the journal's errors first (`mentorfolio check` lists them)");
            Err(console::FAILED)
        }
    }
}

/// Prints `text`, the Markdown of `what`, unless it repeats a private passage: then an
/// E009 says which public text did, and nothing is printed.
pub(crate) fn print_public(
    g: &Globals,
    what: &str,
    text: &str,
    j: &Journal,
    ledger: &PrivateLedger,
) -> i32 {
    let origins = crate::leak::Origins {
        root: &g.root,
        journal: j,
        theme: None,
    };
    match crate::leak::check(what, text.as_bytes(), ledger, &origins) {
        Some(leak) => {
            g.report(&[leak]);
            eprintln!("error: the {what} was not printed");
            console::FAILED
        }
        None => {
            print!("{text}");
            console::OK
        }
    }
}

/// A file name from a title: lowercase words joined by hyphens, as Zola's `slugify: safe`
/// keeps them. Latin letters with accents lose them (`Café` → `cafe`); letters of other
/// scripts stay as they are (`日本語の発表` stays), since a transliteration guesses at a
/// reading and is often wrong; links percent-encode them. Apostrophes vanish (`Ada's` →
/// `adas`), and the result is cut at a word boundary to stay readable in a URL.
pub fn slugify(title: &str) -> String {
    const MAX: usize = 60;
    let mut slug = String::new();
    let mut gap = false;
    let push = |slug: &mut String, c: char, gap: &mut bool| {
        if *gap && !slug.is_empty() {
            slug.push('-');
        }
        *gap = false;
        slug.extend(c.to_lowercase());
    };
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            push(&mut slug, c, &mut gap);
        } else if is_accented_latin(c) {
            for t in deunicode::deunicode_char(c).unwrap_or("").chars() {
                if t.is_ascii_alphanumeric() {
                    push(&mut slug, t, &mut gap);
                }
            }
        } else if c.is_alphanumeric() {
            push(&mut slug, c, &mut gap);
        } else if c != '\'' && c != '\u{2019}' {
            gap = true;
        }
    }
    if slug.chars().count() > MAX {
        let cut = slug.char_indices().nth(MAX).map_or(slug.len(), |(i, _)| i);
        let whole_word = slug[cut..].starts_with('-');
        slug.truncate(cut);
        if !whole_word && let Some(i) = slug.rfind('-') {
            slug.truncate(i);
        }
    }
    slug
}

/// Latin letters beyond ASCII (accented, ligatures): the blocks Latin-1 Supplement to
/// Latin Extended-B, and Latin Extended Additional.
fn is_accented_latin(c: char) -> bool {
    c.is_alphabetic() && matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}')
}

/// A YAML scalar that reads back as exactly `s`, whatever it contains: a JSON string is a
/// valid YAML double-quoted scalar.
pub(crate) fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serialises")
}

/// Fills `{{name}}` slots of a template. Slots are spelled without spaces so GitHub's own
/// `${{ … }}` expressions in the workflow template pass through untouched.
pub(crate) fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in slots {
        out = out.replace(&format!("{{{{{name}}}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_with_hyphens() {
        assert_eq!(
            slugify("Give a talk at a conference"),
            "give-a-talk-at-a-conference"
        );
        assert_eq!(slugify("  Ada's   plan: v2!  "), "adas-plan-v2");
        assert_eq!(slugify("Café für Anfänger"), "cafe-fur-anfanger");
        assert_eq!(slugify("Ünïcödé — résumé"), "unicode-resume");
        assert_eq!(slugify("!!!"), "");
        assert_eq!(slugify("Straße"), "strasse");
        let long = slugify(&"word ".repeat(40));
        assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn other_scripts_keep_their_letters() {
        assert_eq!(slugify("日本語の発表をする"), "日本語の発表をする");
        assert_eq!(slugify("Доклад на конференции"), "доклад-на-конференции");
        assert_eq!(slugify("Talk: 東京 2026"), "talk-東京-2026");
        let long = slugify(&"語".repeat(100));
        assert_eq!(long.chars().count(), 60);
    }

    #[test]
    fn yaml_strings_read_back_unchanged() {
        for s in [
            "plain",
            "a: colon",
            "- dash",
            "\"quoted\" #hash",
            "é ✓",
            "yes",
        ] {
            let back: String = serde_yaml::from_str(&yaml_string(s)).unwrap();
            assert_eq!(back, s);
        }
    }

    #[test]
    fn fill_leaves_github_expressions_alone() {
        let t = "name: {{name}} url: ${{ steps.pages.outputs.base_url }}";
        assert_eq!(
            fill(t, &[("name", "Ada")]),
            "name: Ada url: ${{ steps.pages.outputs.base_url }}"
        );
    }
}
