//! Tags: one tag spelled two ways is two tags to a reader but one page to the site.

use foldhash::HashMap;

use crate::diagnostics::{Code, Diagnostic};
use crate::journal::Journal;
use crate::journal::tags::{Use, uses};

/// W507: a tag spelled differently from its first spelling (`Rust` and `rust`), at every
/// place it is, naming where the first one is; and a tag with no letter or digit, which
/// can have no page.
pub fn w507_tag_spellings(j: &Journal, out: &mut Vec<Diagnostic>) {
    let all = uses(j);
    let mut first: HashMap<&str, &Use> = HashMap::default();
    for u in &all {
        if u.slug.is_empty() {
            out.push(Diagnostic::new(
                Code::W507,
                u.at.clone(),
                format!(
                    "the tag `{}` has no letter or digit, so it has no page",
                    u.written
                ),
                "use a word as a tag, or remove it",
            ));
            continue;
        }
        let seen = *first.entry(&u.slug).or_insert(u);
        if seen.written == u.written {
            continue;
        }
        out.push(Diagnostic::new(
            Code::W507,
            u.at.clone(),
            format!(
                "the tag `{}` is spelled `{}` in {}:{}; both are the tag `{}`",
                u.written,
                seen.written,
                seen.at.file,
                seen.at.line.unwrap_or(1),
                u.slug
            ),
            format!(
                "spell it `{}` here too, so one name shows everywhere",
                seen.written
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::*;

    #[test]
    fn w506_at_every_other_spelling() {
        let mut j = journal();
        let mut g = goal("talk");
        g.tags = vec!["Rust".into()];
        let mut m = meeting("2026-02-02");
        m.tags = vec!["rust".into(), "RUST".into()];
        let mut n = meeting("2026-02-09");
        n.tags = vec!["rust".into(), "Rust".into(), "!!!".into()];
        j.goals = vec![g];
        j.meetings = vec![m.into(), n.into()];
        let found = run(w507_tag_spellings, &j);
        let files: Vec<&str> = found.iter().map(|(_, f, _)| f.as_str()).collect();
        assert_eq!(
            files,
            [
                "meetings/2026-02-02.md",
                "meetings/2026-02-02.md",
                "meetings/2026-02-09.md",
                "meetings/2026-02-09.md"
            ]
        );
    }
}
