//! The search index: the words of every goal, meeting and activity, for the theme's
//! search field (`static/search.js`) to look through in the reader's browser.
//!
//! Its own format rather than an inverted index (elasticlunr, pagefind): the field must
//! show the passage that matched, so the text has to be there anyway, and an inverted
//! index beside it only adds size. The reader's browser scans the plain text, which is
//! fast for years of weekly notes. The index is in parts of [`PART`] pages listed by a
//! manifest, so a long journal's newest notes are searched before older parts arrive.
//! One document a line keeps the format trivial to read and lets the text appear with
//! JSON escaping only, so the output leak check, which also looks for JSON-escaped
//! private lines, sees every passage.
//!
//! Built from the public journal only: private passages and files were removed at load,
//! and the file goes through the same leak check as every page. On a protected site it
//! is sealed with the site's key like the pages ([`crate::protect::lock`]).

use pulldown_cmark::{Event, Parser, TagEnd};
use serde::Serialize;

use super::urls::{self, Urls};
use super::views::{day, meeting_name, meeting_topic};
use crate::i18n::Strings;
use crate::journal::privacy::MARKDOWN_OPTIONS;
use crate::journal::{Activity, Goal, Journal, Meeting};

/// The manifest: which parts of the index there are, newest first.
pub const PATH: &str = "search.json";

/// Pages a part holds. Parts hold consecutive pages oldest first, so a new meeting
/// changes only the last part and a saved meeting only its own, and the browser can
/// fetch the newest part first and search while older ones arrive.
pub const PART: usize = 250;

/// What a part of the index covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Meetings,
    Goals,
    Activities,
}

impl Family {
    fn name(self) -> &'static str {
        match self {
            Family::Meetings => "meetings",
            Family::Goals => "goals",
            Family::Activities => "activities",
        }
    }
}

/// One file of the index: the manifest, or part `number` (from 1) of a family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum File {
    Manifest,
    Part(Family, usize),
}

impl File {
    /// The file's path in the site.
    pub fn path(self) -> String {
        match self {
            File::Manifest => PATH.to_string(),
            File::Part(family, n) => format!("search/{}-{n}.json", family.name()),
        }
    }
}

/// Every part of the index of `j`, newest first: meetings, then goals, then activities.
pub fn parts(j: &Journal) -> Vec<File> {
    let mut files = Vec::new();
    for (family, len) in [
        (Family::Meetings, j.meetings.len()),
        (Family::Goals, j.goals.len()),
        (Family::Activities, j.activities.len()),
    ] {
        files.extend(
            (1..=len.div_ceil(PART))
                .rev()
                .map(|n| File::Part(family, n)),
        );
    }
    files
}

/// The bytes of one file of the index. A part costs its own pages' text; the manifest
/// a line a part.
pub fn file(j: &Journal, u: &Urls, file: File) -> Vec<u8> {
    match file {
        File::Manifest => {
            let urls: Vec<String> = parts(j).iter().map(|f| u.page(&f.path())).collect();
            let mut out = serde_json::to_vec(&serde_json::json!({ "parts": urls }))
                .expect("strings always serialise");
            out.push(b'\n');
            out
        }
        File::Part(family, n) => part(j, u, family, n),
    }
}

/// Part `n` of a family: a JSON array, one page a line, newest first.
fn part(j: &Journal, u: &Urls, family: Family, n: usize) -> Vec<u8> {
    let range = |len: usize| (n - 1) * PART..(n * PART).min(len);
    let docs: Vec<Document> = match family {
        Family::Meetings => j.meetings[range(j.meetings.len())]
            .iter()
            .rev()
            .map(|m| meeting(&j.strings, m, u))
            .collect(),
        Family::Goals => j.goals[range(j.goals.len())]
            .iter()
            .rev()
            .map(|g| goal(&j.strings, g, u))
            .collect(),
        Family::Activities => j.activities[range(j.activities.len())]
            .iter()
            .rev()
            .map(|a| activity(&j.strings, a, u))
            .collect(),
    };
    let mut out = b"[\n".to_vec();
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        serde_json::to_writer(&mut out, doc).expect("strings always serialise");
    }
    out.extend_from_slice(b"\n]\n");
    out
}

/// One searchable page: `[url, title, date, kind, text]` in the file; the date, in words,
/// only where the title does not already say it. Title, date and kind are shown as they
/// are, so they are in the journal's language.
#[derive(Serialize)]
struct Document<'a>(String, String, String, &'a str, String);

fn meeting<'a>(s: &'a Strings, m: &Meeting, u: &Urls) -> Document<'a> {
    let mut text = Text::default();
    text.lines(&m.agenda);
    text.lines(&m.outcomes);
    text.lines(m.actions.iter().map(|a| &a.task));
    text.lines(m.commitments.iter().map(|c| &c.what));
    for s in &m.suggestions {
        text.line(&s.suggestion);
        text.lines(&s.reflection);
    }
    text.lines(&m.feedback_given);
    if let Some(c) = &m.cancellation {
        text.lines(&c.reason);
    }
    text.markdown(&m.body);
    let title = match meeting_topic(s, m) {
        Some(topic) => format!("{} — {topic}", meeting_name(s, m)),
        None => meeting_name(s, m),
    };
    Document(
        u.page(&urls::meeting(&m.slug)),
        title,
        String::new(),
        s.t("title.kind_meeting"),
        text.0,
    )
}

fn goal<'a>(s: &'a Strings, g: &Goal, u: &Urls) -> Document<'a> {
    let mut text = Text::default();
    text.lines(g.benchmarks.iter().map(|b| &b.title));
    text.lines(&g.actions);
    text.markdown(&g.body);
    Document(
        u.page(&urls::goal(&g.id)),
        g.title.clone(),
        String::new(),
        s.t("title.kind_goal"),
        text.0,
    )
}

fn activity<'a>(s: &'a Strings, a: &Activity, u: &Urls) -> Document<'a> {
    let mut text = Text::default();
    text.markdown(&a.body);
    Document(
        u.page(&urls::activity(&a.slug)),
        a.title.clone(),
        day(s, a.date).text,
        s.t("title.kind_activity"),
        text.0,
    )
}

/// A page's words as one line of plain text, passages separated by " · ".
#[derive(Default)]
struct Text(String);

impl Text {
    fn line(&mut self, s: &str) {
        let words = s.split_whitespace();
        let mut first = true;
        for w in words {
            if first {
                if !self.0.is_empty() {
                    self.0.push_str(" · ");
                }
                first = false;
            } else {
                self.0.push(' ');
            }
            self.0.push_str(w);
        }
    }

    fn lines<S: AsRef<str>>(&mut self, lines: impl IntoIterator<Item = S>) {
        for l in lines {
            self.line(l.as_ref());
        }
    }

    /// The words of a Markdown body, without its markup; each block its own passage.
    fn markdown(&mut self, body: &str) {
        let mut block = String::new();
        for event in Parser::new_ext(body, MARKDOWN_OPTIONS) {
            match event {
                Event::Text(t) | Event::Code(t) => block.push_str(&t),
                Event::SoftBreak | Event::HardBreak => block.push(' '),
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::CodeBlock
                    | TagEnd::TableCell,
                ) => {
                    self.line(&block);
                    block.clear();
                }
                _ => {}
            }
        }
        self.line(&block);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_plain_passages() {
        let mut t = Text::default();
        t.markdown(
            "# Caching\n\nWe *tried* `redis`\nand [memcached](https://x.y).\n\n- one\n- two\n",
        );
        assert_eq!(t.0, "Caching · We tried redis and memcached. · one · two");
    }

    #[test]
    fn blank_lines_add_nothing() {
        let mut t = Text::default();
        t.lines(["", "  ", "a  b"]);
        assert_eq!(t.0, "a b");
    }
}
