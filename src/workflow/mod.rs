//! The mentee's side of mentoring as commands: start a journal (`init`), add to it (`new`),
//! prepare each session (`agenda`) and follow it up (`summary`).

pub mod agenda;
pub mod init;
pub mod new;
pub mod summary;

use crate::check;
use crate::cli::{self, Globals};
use crate::journal::{Journal, PrivateLedger};

/// Loads and checks the journal as every workflow command must before using it; on errors,
/// prints the diagnostics and gives the exit status to return.
pub(crate) fn load_checked(g: &Globals) -> Result<(Journal, PrivateLedger), i32> {
    let checked = check::check(&g.root, g.today);
    match checked.journal {
        Some(journal) if !cli::fails(&checked.diagnostics, false) => Ok((journal, checked.ledger)),
        _ => {
            g.report(&checked.diagnostics);
            eprintln!("error: fix the journal's errors first (`mentorfolio check` lists them)");
            Err(cli::FAILED)
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
            cli::FAILED
        }
        None => {
            print!("{text}");
            cli::OK
        }
    }
}

/// A file name from a title: lowercase ASCII words joined by hyphens. Other scripts are
/// transliterated (`Café` → `cafe`), apostrophes vanish (`Ada's` → `adas`), and the result
/// is cut at a word boundary to stay readable in a URL.
pub fn slugify(title: &str) -> String {
    const MAX: usize = 60;
    let ascii = deunicode::deunicode(title);
    let mut slug = String::new();
    let mut gap = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            gap = true;
        }
    }
    if slug.len() > MAX {
        let whole_word = slug.as_bytes()[MAX] == b'-';
        slug.truncate(MAX);
        if !whole_word && let Some(i) = slug.rfind('-') {
            slug.truncate(i);
        }
    }
    slug
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
        let long = slugify(&"word ".repeat(40));
        assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
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
