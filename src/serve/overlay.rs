//! The error overlay: why the last rebuild failed, drawn over every page the server sends;
//! and the notes banner: `check`'s warnings and their hints about editing the journal,
//! shown only on the mentee's own screen, since published pages never tell the reader to
//! edit anything.

use crate::diagnostics::Diagnostic;

/// Why the last rebuild produced no site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The journal or the theme has errors.
    Diagnostics(Vec<Diagnostic>),
    /// The rebuild itself panicked; the message of the panic.
    Panic(String),
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// What the overlay says of a problem in a private file.
const PRIVATE_MESSAGE: &str = "a problem in a private file; its details are not shown here";
const PRIVATE_HINT: &str = "run `mentorfolio check` in the terminal to see it";

/// File and line in a light, high-contrast box on the dark overlay, whatever the page's
/// own styles for `code` are.
const CODE_STYLE: &str = "background:#2b2b33;color:#ffe082;padding:0 .3em;border-radius:3px";

/// One problem as a list item: code, place, message and hint. A private file's problem
/// keeps its code and place only; its words may quote the file, and a served page may be
/// seen by someone else.
fn item(d: &Diagnostic, margin: &str, before_message: &str) -> String {
    let place = match d.line {
        Some(line) => format!("{}:{line}", d.file),
        None => d.file.clone(),
    };
    let (message, hint) = if d.private {
        (PRIVATE_MESSAGE, PRIVATE_HINT)
    } else {
        (d.message.as_str(), d.hint.as_str())
    };
    let hint = match hint {
        "" => String::new(),
        hint => format!("<br><em>hint: {}</em>", escape(hint)),
    };
    format!(
        "<li style=\"margin:0 0 {margin}\"><strong>{}</strong> <code style=\"{CODE_STYLE}\">{}</code>{before_message}{}{hint}</li>",
        escape(&d.code.as_str()),
        escape(&place),
        escape(message),
    )
}

/// The overlay as a self-contained HTML fragment (its own inline styles, no assets). Its
/// background is opaque, so that its text has the same contrast over any page, light or
/// dark, and the page's own colours never show through it.
pub fn render(failure: &Failure) -> String {
    let mut items = String::new();
    let title = match failure {
        Failure::Diagnostics(diags) => {
            for d in diags.iter().filter(|d| d.is_error()) {
                items.push_str(&item(d, "1em", "<br>"));
            }
            "The site could not be rebuilt"
        }
        Failure::Panic(_) => {
            // A panic's message may quote the text it was given, private text included, so
            // only the terminal shows it.
            items.push_str(
                "<li><strong>internal error</strong><br>the terminal running `mentorfolio serve` shows the details\
                 <br><em>hint: this is a bug in mentorfolio; the last good site is still served</em></li>",
            );
            "mentorfolio crashed while rebuilding"
        }
    };
    format!(
        "<div id=\"mentorfolio-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;\
         overflow:auto;background:#141418;color:#f5f5f5;font:15px/1.5 system-ui,sans-serif;padding:2em\">\
         <h2 style=\"color:#ff8a80;margin-top:0\">{title}</h2>\
         <ul style=\"list-style:none;padding:0\">{items}</ul>\
         <p style=\"opacity:.7\">Save a fix and this page reloads by itself.</p></div>"
    )
}

/// The banner of warnings a rebuild left, with their hints; `None` when there are none.
/// A private file's warning keeps only its code and place, as in the overlay.
pub fn notes(diags: &[Diagnostic]) -> Option<String> {
    let warnings: Vec<&Diagnostic> = diags.iter().filter(|d| !d.is_error()).collect();
    if warnings.is_empty() {
        return None;
    }
    let mut items = String::new();
    for d in &warnings {
        items.push_str(&item(d, ".6em", " "));
    }
    Some(format!(
        "<details id=\"mentorfolio-journal-notes\" style=\"position:fixed;right:1em;bottom:1em;z-index:2147483646;\
         max-width:min(40em,calc(100vw - 2em));max-height:60vh;overflow:auto;background:#141418;color:#f5f5f5;\
         font:14px/1.5 system-ui,sans-serif;padding:.5em 1em;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.4)\">\
         <summary style=\"cursor:pointer\">{} on the journal (this preview only, never published)</summary>\
         <ul style=\"list-style:none;padding:0;margin:.5em 0 0\">{items}</ul></details>",
        crate::english::count(warnings.len(), "note")
    ))
}

/// A whole page holding only the overlay, for when no build has ever succeeded.
pub fn page(failure: &Failure) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>mentorfolio: build failed</title>\
         </head><body>{}</body></html>",
        render(failure)
    )
}

/// Inserts `fragment` just before the last `</body>`, or at the end when there is none.
pub fn inject(html: &[u8], fragment: &str) -> Vec<u8> {
    let at = rfind_ascii_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + fragment.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(fragment.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Location};

    #[test]
    fn notes_list_warnings_with_their_hints_and_keep_private_words_out() {
        assert_eq!(notes(&[]), None);
        let warning = Diagnostic::new(
            Code::W101,
            Location::new("goals/talk.md", 2, 1),
            "goal <talk> has no benchmark",
            "add `benchmarks:` with a due date",
        );
        let mut private = Diagnostic::new(
            Code::W102,
            Location::new("goals/secret.md", 4, 1),
            "goal SECRET-WORDS has no target",
            "add SECRET-HINT",
        );
        private.private = true;
        let error = Diagnostic::new(
            Code::E004,
            Location::new("goals/x.md", 1, 1),
            "an error",
            "",
        );
        let banner = notes(&[warning, private, error]).unwrap();
        assert!(banner.contains("2 notes on the journal"), "{banner}");
        assert!(
            banner.contains("goal &lt;talk&gt; has no benchmark"),
            "{banner}"
        );
        assert!(
            banner.contains("hint: add `benchmarks:` with a due date"),
            "{banner}"
        );
        assert!(banner.contains("goals/secret.md:4"), "{banner}");
        assert!(
            !banner.contains("SECRET") && !banner.contains("an error"),
            "{banner}"
        );
    }

    #[test]
    fn diagnostics_are_shown_with_code_place_message_and_hint_all_escaped() {
        let d = Diagnostic::new(
            Code::E001,
            Location::new("goals/<x>.md", 3, 1),
            "bad YAML: expected ':' near <script>alert(1)</script>",
            "quote values with \"&\" in them",
        );
        let html = render(&Failure::Diagnostics(vec![d]));
        assert!(html.contains("E001"));
        assert!(html.contains("goals/&lt;x&gt;.md:3"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("quote values with &quot;&amp;&quot; in them"));
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<x>"));
    }

    #[test]
    fn warnings_alone_are_not_listed() {
        let w = Diagnostic::new(Code::W101, Location::file("plan.md"), "a warning", "");
        let html = render(&Failure::Diagnostics(vec![w]));
        assert!(!html.contains("W101"));
    }

    #[test]
    fn a_panic_points_to_the_terminal_without_its_message() {
        let html = render(&Failure::Panic("inside `Salary review text`".into()));
        assert!(html.contains("internal error") && html.contains("terminal"));
        assert!(!html.contains("Salary review text"));
    }

    #[test]
    fn a_private_file_s_problem_shows_code_and_place_but_no_words() {
        let mut d = Diagnostic::new(
            Code::E004,
            Location::new("meetings/2026-01-07.md", 4, 9),
            "unknown status `Salary-talk-with-Dana`",
            "use one of planned, held, cancelled (not `Salary-talk-with-Dana`)",
        );
        d.private = true;
        let html = render(&Failure::Diagnostics(vec![d]));
        assert!(html.contains("E004") && html.contains("meetings/2026-01-07.md:4"));
        assert!(!html.contains("Salary"), "{html}");
        assert!(html.contains("mentorfolio check"));
    }

    #[test]
    fn injection_goes_before_the_last_closing_body() {
        let out = inject(b"<html><body><p>x</p></BODY></html>", "<i>o</i>");
        assert_eq!(out, b"<html><body><p>x</p><i>o</i></BODY></html>");
        let out = inject(b"<p>no body</p>", "<i>o</i>");
        assert_eq!(out, b"<p>no body</p><i>o</i>");
    }
}
