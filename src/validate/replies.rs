//! Whether the mentor can answer from the site.

use crate::diagnostics::{Code, Diagnostic};
use crate::journal::{Journal, MeetingStatus};

/// Without the mentee's address the site has no "Reply" link, so a mentor reading it has
/// no way to answer; worth saying once a meeting has been held.
pub fn w505_no_reply_address(j: &Journal, out: &mut Vec<Diagnostic>) {
    let held = j.meetings.iter().any(|m| m.status == MeetingStatus::Held);
    if held && j.config.mentee.email.is_none() {
        out.push(Diagnostic::new(
            Code::W505,
            j.config.source.at("mentee"),
            "the mentee has no `email`, so the site offers the mentor no Reply link",
            "add your address: `mentee: { name: …, email: you@example.org }`",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::*;

    #[test]
    fn w505_once_a_meeting_was_held_and_no_address() {
        let mut j = journal();
        assert!(run(w505_no_reply_address, &j).is_empty());
        j.meetings = vec![meeting("2026-02-02")]
            .into_iter()
            .map(Into::into)
            .collect();
        assert_eq!(run(w505_no_reply_address, &j).len(), 1);
        j.config.mentee.email = Some("ada@example.org".into());
        assert!(run(w505_no_reply_address, &j).is_empty());
    }
}
