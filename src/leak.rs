//! The last proof before anything goes out (a site file, a summary, an agenda): no private
//! passage is in it. When one is, E009 names the output and the public text that repeated
//! the private line, so the mentee knows what to reword.

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::journal::{Journal, PrivateLedger, Source};
use crate::render::theme::Theme;

/// What a leak can be traced back to: the journal's public text and the theme.
pub struct Origins<'a> {
    pub root: &'a Path,
    pub journal: &'a Journal,
    pub theme: Option<&'a Theme>,
}

/// The public text that repeated a private line.
#[derive(Debug, PartialEq, Eq)]
enum Origin {
    /// A field of a journal file (its key path), or its Markdown notes.
    Field { at: Location, field: String },
    /// A template or static file.
    Theme { at: Location },
}

/// E009 when `bytes`, the output `output`, holds a private passage.
pub fn check(
    output: &str,
    bytes: &[u8],
    ledger: &PrivateLedger,
    origins: &Origins,
) -> Option<Diagnostic> {
    let needle = ledger.find_leak(bytes)?;
    Some(diagnostic(output, trace(needle, origins)))
}

/// The E009 for `output`, located at the text that caused it when that is known. The
/// private line itself is never quoted: the diagnostic may be shown in a browser.
fn diagnostic(output: &str, origin: Option<Origin>) -> Diagnostic {
    match origin {
        Some(Origin::Field { at, field }) => Diagnostic::new(
            Code::E009,
            at,
            format!("`{field}` repeats a private passage, which would reach `{output}`"),
            "reword it, or move it into a private block or `private_notes:`; nothing went out",
        ),
        Some(Origin::Theme { at }) => {
            let message = format!(
                "the theme file `{}` holds a private passage, which would reach `{output}`",
                at.file
            );
            let hint =
                "remove the private text from this template or static file; nothing went out";
            Diagnostic::new(Code::E009, at, message, hint)
        }
        None => Diagnostic::new(
            Code::E009,
            Location {
                file: output.to_string(),
                line: None,
                column: None,
            },
            format!("the output `{output}` would contain a private passage"),
            "look for public text that repeats a private line (a field, notes, the config); nothing went out",
        ),
    }
}

/// The 1-based line of `text` where `needle` first appears.
fn line_of(text: &str, needle: &str) -> Option<u32> {
    let at = text.find(needle)?;
    Some(text[..at].matches('\n').count() as u32 + 1)
}

/// Where `needle`, a private line, appears in public text. Only runs when a leak was
/// found, so re-reading the front matter from disk costs nothing on a good build.
fn trace(needle: &str, o: &Origins) -> Option<Origin> {
    for (source, body) in o.journal.documents() {
        if let Some(found) = in_front_matter(o.root, source, needle) {
            return Some(found);
        }
        if let Some(line) = line_of(body, needle) {
            return Some(Origin::Field {
                at: source.body_at(line - 1),
                field: "the notes".into(),
            });
        }
    }
    let config = std::fs::read_to_string(o.root.join("mentorfolio.yaml")).unwrap_or_default();
    if let Some(line) = line_of(&config, needle) {
        return Some(Origin::Field {
            at: Location::new("mentorfolio.yaml", line, 0),
            field: "mentorfolio.yaml".into(),
        });
    }
    let theme = o.theme?;
    let mut sources: Vec<_> = theme.sources.values().collect();
    sources.sort_by(|a, b| a.file.cmp(&b.file));
    for t in sources {
        if let Some(line) = line_of(&t.text, needle) {
            return Some(Origin::Theme {
                at: Location::new(t.file.clone(), line, 0),
            });
        }
    }
    for (path, bytes) in &theme.statics {
        if let Some(line) = line_of(&String::from_utf8_lossy(bytes), needle) {
            let own = format!("static/{path}");
            let file = if o.root.join(&own).is_file() {
                own
            } else {
                path.clone()
            };
            return Some(Origin::Theme {
                at: Location::new(file, line, 0),
            });
        }
    }
    None
}

/// The front matter key of `source` whose value holds `needle`, `private_notes` aside.
fn in_front_matter(root: &Path, source: &Source, needle: &str) -> Option<Origin> {
    let text = std::fs::read_to_string(root.join(&source.file)).ok()?;
    let first = source.start_line.max(1) as usize;
    let last = source.body_line.saturating_sub(1) as usize;
    let (index, _) = text
        .lines()
        .enumerate()
        .skip(first)
        .take(last.saturating_sub(first))
        .find(|(_, line)| line.contains(needle))?;
    let line = index as u32 + 1;
    let (path, (key_line, column)) = source
        .keys
        .iter()
        .filter(|(_, (l, _))| *l <= line)
        .max_by_key(|(p, (l, c))| (*l, *c, std::cmp::Reverse(p.len())))?;
    let top = path.split('.').next().unwrap_or(path);
    if top.eq_ignore_ascii_case("private_notes") || top.eq_ignore_ascii_case("private") {
        return None;
    }
    Some(Origin::Field {
        at: Location::new(source.file.clone(), *key_line, *column),
        field: path.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_from_one() {
        assert_eq!(line_of("a\nb secret c\n", "secret"), Some(2));
        assert_eq!(line_of("secret", "secret"), Some(1));
        assert_eq!(line_of("nothing", "secret"), None);
    }

    #[test]
    fn an_untraced_leak_names_the_output_and_no_private_text() {
        let d = diagnostic("meetings/x/index.html", None);
        assert_eq!(d.code, Code::E009);
        assert_eq!(d.file, "meetings/x/index.html");
        assert!(d.message.contains("meetings/x/index.html"));
    }

    #[test]
    fn a_traced_leak_is_placed_at_the_field() {
        let origin = Origin::Field {
            at: Location::new("goals/talk.md", 3, 1),
            field: "actions.0".into(),
        };
        let d = diagnostic("goals/talk/index.html", Some(origin));
        assert_eq!((d.file.as_str(), d.line), ("goals/talk.md", Some(3)));
        assert!(d.message.contains("`actions.0`") && d.message.contains("goals/talk/index.html"));
        assert!(d.hint.contains("reword"));
    }
}
