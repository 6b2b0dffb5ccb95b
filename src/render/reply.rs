//! Answering from the site: a "Reply" `mailto:` link to the mentee and, when the journal
//! names its repository, a "Discuss on GitHub" link that opens a prefilled issue. Plain
//! links, no script, so they work on a protected site too (inside the encrypted page).

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use super::urls::Urls;
use super::views;
use crate::analyse::review::SuggestionRef;
use crate::analyse::{ActionRef, CommitmentRef};
use crate::i18n::Strings;
use crate::journal::{Journal, Meeting};

/// RFC 3986 unreserved characters stay; everything else in a header value or query value
/// is percent-encoded (RFC 6068 §2: line breaks as `%0D%0A`).
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
/// An address keeps its `@`; anything else outside the unreserved set is encoded.
const ADDRESS: &AsciiSet = &VALUE.remove(b'@');

/// The longest quote a reply carries, in characters.
const QUOTE: usize = 200;

/// The links that answer one item; absent when there is nowhere to send an answer.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Reply {
    /// What the answer is about, for the subject and the links' accessible names.
    pub subject: String,
    pub mailto: Option<String>,
    pub github: Option<String>,
}

/// A view with its reply links beside its own fields, so the theme reads `item.reply`.
#[derive(Serialize)]
pub struct Replied<T> {
    #[serde(flatten)]
    pub item: T,
    pub reply: Option<Reply>,
}

/// Where answers go: the mentee's address and the journal's repository.
pub struct Replies<'a> {
    email: Option<&'a str>,
    repository: Option<&'a str>,
    /// Subjects are written in the journal's language.
    strings: &'a Strings,
}

impl<'a> Replies<'a> {
    pub fn of(j: &'a Journal) -> Self {
        Replies {
            email: j.config.mentee.email.as_deref(),
            repository: j.config.repository.as_deref(),
            strings: &j.strings,
        }
    }

    /// Links answering `what` (as `suggestion "…"`), raised at meeting `m`, quoting `quote`.
    pub fn to(&self, what: &str, m: &Meeting, quote: &str) -> Option<Reply> {
        if self.email.is_none() && self.repository.is_none() {
            return None;
        }
        let subject =
            (self.strings).fmt("meeting_text.reply", &[("what", &what), ("date", &m.date)]);
        self.links(subject, quote)
    }

    /// Links answering meeting `m` as a whole.
    pub fn to_meeting(&self, m: &Meeting) -> Option<Reply> {
        if self.email.is_none() && self.repository.is_none() {
            return None;
        }
        let quote = m.outcomes.first().or(m.agenda.first());
        let subject = (self.strings).fmt("meeting_text.reply_meeting", &[("date", &m.date)]);
        self.links(subject, quote.map_or("", String::as_str))
    }

    fn links(&self, subject: String, quote: &str) -> Option<Reply> {
        let body = quoted(quote);
        let enc = |s: &str| utf8_percent_encode(s, VALUE).to_string();
        Some(Reply {
            mailto: self.email.map(|to| {
                format!(
                    "mailto:{}?subject={}&body={}",
                    utf8_percent_encode(to.trim(), ADDRESS),
                    enc(&subject),
                    enc(&body)
                )
            }),
            github: self.repository.map(|repo| {
                format!(
                    "https://github.com/{repo}/issues/new?title={}&body={}",
                    enc(&subject),
                    enc(&body)
                )
            }),
            subject,
        })
    }
}

/// A suggestion with its reply links.
pub fn suggestion<'a>(
    rs: &Replies,
    u: &Urls,
    s: &SuggestionRef<'a>,
) -> Replied<views::SuggestionView<'a>> {
    let what = titled(rs.strings, "suggestion", &s.suggestion.suggestion);
    Replied {
        item: views::suggestion(rs.strings, u, s),
        reply: rs.to(&what, s.meeting, &s.suggestion.suggestion),
    }
}

/// An action item with its reply links.
pub fn action<'a>(
    rs: &Replies,
    j: &'a Journal,
    u: &Urls,
    a: &ActionRef<'a>,
) -> Replied<views::ActionView<'a>> {
    let what = titled(rs.strings, "action", &a.action.task);
    Replied {
        item: views::action(j, u, a),
        reply: rs.to(&what, a.meeting, &a.action.task),
    }
}

/// A mentor commitment with its reply links.
pub fn commitment<'a>(
    rs: &Replies,
    u: &Urls,
    c: &CommitmentRef<'a>,
) -> Replied<views::CommitmentView<'a>> {
    let what = titled(rs.strings, "offer", &c.commitment.what);
    Replied {
        item: views::open_commitment(rs.strings, u, c),
        reply: rs.to(&what, c.meeting, &c.commitment.what),
    }
}

/// A meeting's link with its reply links.
pub fn meeting(rs: &Replies, u: &Urls, m: &Meeting) -> Replied<views::MeetingLink> {
    Replied {
        item: views::meeting_link(rs.strings, m, u),
        reply: rs.to_meeting(m),
    }
}

/// `text`, shortened to [`QUOTE`] characters, as a quoted e-mail passage with CRLF line
/// breaks and a blank line to write under.
fn quoted(text: &str) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    let mut short: String = text.trim().chars().take(QUOTE).collect();
    if text.trim().chars().count() > QUOTE {
        short.push('…');
    }
    let mut out: String = short
        .lines()
        .map(|l| format!("> {l}\r\n"))
        .collect::<Vec<_>>()
        .concat();
    out.push_str("\r\n");
    out
}

/// `kind "text"`, shortened for a subject line; `kind` is `suggestion`, `action` or
/// `offer`, worded by the `meeting_text.reply_KIND` message.
pub fn titled(s: &Strings, kind: &str, text: &str) -> String {
    let text = text.trim();
    let mut short: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        short.push('…');
    }
    s.fmt(&format!("meeting_text.reply_{kind}"), &[("text", &short)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::{journal, meeting as held_on};

    #[test]
    fn odd_characters_are_percent_encoded_as_rfc_6068_asks() {
        let mut j = journal();
        j.config.mentee.email = Some("ada+mentoring@example.org".into());
        j.config.repository = Some("ada/mentoring".into());
        let m = held_on("2026-02-02");
        let r = Replies::of(&j)
            .to(
                &titled(&j.strings, "suggestion", "Q&A: 50% #1?"),
                &m,
                "Q&A: 50% #1?\nnext",
            )
            .unwrap();
        let mailto = r.mailto.unwrap();
        assert_eq!(
            mailto,
            "mailto:ada%2Bmentoring@example.org?subject=Re%3A%20suggestion%20%E2%80%9CQ%26A%3A%2050%25%20%231%3F%E2%80%9D%20%28meeting%20of%202026-02-02%29&body=%3E%20Q%26A%3A%2050%25%20%231%3F%0D%0A%3E%20next%0D%0A%0D%0A"
        );
        let github = r.github.unwrap();
        assert!(github.starts_with(
            "https://github.com/ada/mentoring/issues/new?title=Re%3A%20suggestion%20"
        ));
        assert!(github.contains("&body=%3E%20Q%26A"));
    }

    #[test]
    fn nowhere_to_answer_means_no_links() {
        let j = journal();
        assert_eq!(Replies::of(&j).to("x", &held_on("2026-02-02"), "y"), None);
    }
}
