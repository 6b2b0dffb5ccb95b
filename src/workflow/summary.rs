//! `mentorfolio summary`: the follow-up a mentee sends after a session, as Markdown for an
//! e-mail. Built only from the public model, and checked against the private ledger before
//! it is printed, so nothing said in confidence ends up in a mailbox by accident.

use std::fmt::Write as _;

use super::agenda;
use crate::console::{self, Globals};
use crate::journal::{Decision, Journal, Meeting, MeetingStatus, Owner};

/// Which meeting to summarise: the one named by slug (or by date, when only one meeting
/// falls on it), else the latest held one.
pub fn pick<'a>(j: &'a Journal, wanted: Option<&str>) -> Result<&'a Meeting, String> {
    let Some(wanted) = wanted.map(str::trim) else {
        return j
            .meetings
            .iter()
            .rev()
            .find(|m| m.status == MeetingStatus::Held)
            .map(|m| &**m)
            .ok_or_else(|| {
                "there is no held meeting to summarise yet; name one: mentorfolio summary SLUG"
                    .to_string()
            });
    };
    if let Some(m) = j.meeting(wanted) {
        return Ok(m);
    }
    let on_date: Vec<&Meeting> = j
        .meetings
        .iter()
        .filter(|m| m.date.to_string() == wanted)
        .map(|m| &**m)
        .collect();
    if let [m] = on_date[..] {
        return Ok(m);
    }
    let nearest = j
        .meetings
        .iter()
        .map(|m| (strsim::jaro_winkler(wanted, &m.slug), &m.slug))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    Err(match nearest {
        Some((_, slug)) => format!("no meeting `{wanted}`; did you mean `{slug}`?"),
        None => format!("no meeting `{wanted}`: the journal has no meetings yet"),
    })
}

/// The summary of `m` as Markdown, in the journal's language. Empty sections are left out.
/// Dates stay as the journal writes them (ISO 8601), which every language reads alike.
pub fn to_markdown(j: &Journal, m: &Meeting) -> String {
    let s = &*j.strings;
    let mut out = String::new();
    let when = s.moment(m.date, m.time);
    if m.status == MeetingStatus::Cancelled {
        return cancelled(j, m, &when);
    }
    let _ = writeln!(out, "# {}\n", s.fmt("summary.title", &[("when", &when)]));
    let status = match m.status {
        MeetingStatus::Planned => s.t("summary.status.planned"),
        _ => s.t("summary.status.held"),
    };
    let _ = writeln!(
        out,
        "{}",
        s.fmt(
            "summary.attendance",
            &[
                ("people", &j.config.participants(&j.strings)),
                (
                    "minutes",
                    &s.count("agenda.minutes", m.duration as usize, &[])
                ),
                ("status", &status),
            ]
        )
    );
    let goals: Vec<String> = m
        .goals
        .iter()
        .map(|id| j.goal(id).map_or_else(|| id.clone(), |g| g.title.clone()))
        .collect();
    section(&mut out, s.t("summary.goals"), goals);
    section(&mut out, s.t("summary.agenda"), m.agenda.clone());
    section(&mut out, s.t("summary.outcomes"), m.outcomes.clone());
    let actions = m
        .actions
        .iter()
        .map(|a| {
            let who = match a.owner {
                Some(owner) => j.config.person(owner).name.as_str(),
                None => s.t("summary.no_owner"),
            };
            let due = a.due.map_or_else(
                || s.t("agenda.no_due").to_string(),
                |d| s.fmt("agenda.due", &[("date", &s.date(d))]),
            );
            let args: [crate::i18n::Arg; 3] = [("task", &a.task), ("who", &who), ("due", &due)];
            match a.done {
                Some(d) => s.fmt(
                    "summary.action_done",
                    &[&args[..], &[("done", &s.date(d))]].concat(),
                ),
                None => s.fmt("summary.action", &args),
            }
        })
        .collect();
    section(&mut out, s.t("summary.actions"), actions);
    let commitments = m
        .commitments
        .iter()
        .map(|c| match c.fulfilled {
            Some(d) => s.fmt(
                "summary.commitment_done",
                &[("what", &c.what), ("date", &s.date(d))],
            ),
            None => c.what.clone(),
        })
        .collect();
    let mentors: Vec<&str> = j.config.mentors().map(|p| p.name.as_str()).collect();
    section(
        &mut out,
        &s.fmt("summary.offered", &[("mentors", &s.list(&mentors))]),
        commitments,
    );
    let suggestions = m
        .suggestions
        .iter()
        .map(|x| {
            let decision = s.t(match x.decision {
                Some(Decision::Adopted) => "summary.decision.adopted",
                Some(Decision::Adapted) => "summary.decision.adapted",
                Some(Decision::Declined) => "summary.decision.declined",
                Some(Decision::Considering) => "summary.decision.considering",
                None => "summary.decision.undecided",
            });
            let args: [crate::i18n::Arg; 2] =
                [("suggestion", &x.suggestion), ("decision", &decision)];
            match &x.reflection {
                Some(r) => s.fmt(
                    "summary.suggestion_reflection",
                    &[&args[..], &[("reflection", r)]].concat(),
                ),
                None => s.fmt("summary.suggestion", &args),
            }
        })
        .collect();
    section(&mut out, s.t("summary.suggestions"), suggestions);
    section(&mut out, s.t("summary.feedback"), m.feedback_given.clone());
    let _ = writeln!(out, "\n## {}\n\n{}", s.t("summary.next"), next_after(j, m));
    out
}

/// A cancelled meeting has nothing discussed to report: who called it off, why, and when
/// the two meet instead.
fn cancelled(j: &Journal, m: &Meeting, when: &str) -> String {
    let s = &*j.strings;
    let mut out = format!(
        "# {}\n\n",
        s.fmt("summary.cancelled_title", &[("when", &when)])
    );
    let c = m.cancellation.as_ref();
    let by = &j.config.person(c.map_or(Owner::Mentee, |c| c.by)).name;
    let line = match c.and_then(|c| c.reason.as_deref()) {
        Some(reason) => s.fmt(
            "summary.cancelled_by_reason",
            &[("name", by), ("reason", &reason)],
        ),
        None => s.fmt("summary.cancelled_by", &[("name", by)]),
    };
    let _ = writeln!(out, "{line}");
    let next = match c.and_then(|c| c.rescheduled_to) {
        Some(d) => s.fmt("summary.rescheduled", &[("date", &s.date(d))]),
        None => next_after(j, m),
    };
    let _ = writeln!(out, "\n## {}\n\n{next}", s.t("summary.next"));
    out
}

/// The next meeting after `m`: a planned one if there is, else the date the cadence gives.
fn next_after(j: &Journal, m: &Meeting) -> String {
    let planned = j
        .meetings
        .iter()
        .find(|n| n.status == MeetingStatus::Planned && n.starts() > m.starts());
    match planned {
        Some(n) => j.strings.moment(n.date, n.time),
        None => j.strings.fmt(
            "summary.next_by_cadence",
            &[
                (
                    "date",
                    &j.strings
                        .date(agenda::next_by_cadence(j, Some(m.date), m.date)),
                ),
                ("cadence", &agenda::cadence(j, m.date)),
            ],
        ),
    }
}

fn section(out: &mut String, title: &str, lines: Vec<String>) {
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {title}\n");
    for line in lines {
        let _ = writeln!(out, "- {line}");
    }
}

/// `mentorfolio summary [MEETING]`.
pub fn run(g: &Globals, wanted: Option<&str>) -> i32 {
    let (journal, ledger) = match super::load_checked(g) {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    let meeting = match pick(&journal, wanted) {
        Ok(m) => m,
        Err(message) => {
            eprintln!("error: {message}");
            return console::FAILED;
        }
    };
    let text = to_markdown(&journal, meeting);
    let what = format!("summary of {}", meeting.slug);
    super::print_public(g, &what, &text, &journal, &ledger)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{ActionItem, Suggestion};
    use crate::validate::testing::*;

    fn journal_with_meetings() -> Journal {
        let mut j = journal();
        let mut g = goal("talk");
        g.title = "Give a talk".into();
        j.goals = vec![g];
        let mut m = meeting("2026-02-02");
        m.slug = "2026-02-02-cfp".into();
        m.goals = vec!["talk".into()];
        m.actions = vec![ActionItem {
            task: "Rewrite abstract B".into(),
            owner: Some(Owner::Mentee),
            due: Some(date("2026-02-09")),
            done: None,
            goal: Some("talk".into()),
            line: 7,
        }];
        m.suggestions = vec![Suggestion {
            suggestion: "Rehearse with a timer".into(),
            reflection: Some("I ran over.".into()),
            decision: Some(Decision::Adopted),
            line: 9,
        }];
        j.meetings = vec![meeting("2026-01-26"), m]
            .into_iter()
            .map(Into::into)
            .collect();
        j
    }

    #[test]
    fn latest_held_by_default_and_nearest_slug_when_unknown() {
        let j = journal_with_meetings();
        assert_eq!(pick(&j, None).unwrap().slug, "2026-02-02-cfp");
        assert_eq!(pick(&j, Some("2026-02-02")).unwrap().slug, "2026-02-02-cfp");
        let err = pick(&j, Some("2026-02-02-cpf")).unwrap_err();
        assert!(err.contains("did you mean `2026-02-02-cfp`"), "{err}");
    }

    #[test]
    fn summary_lists_goals_actions_suggestions_and_next_date() {
        let j = journal_with_meetings();
        let md = to_markdown(&j, pick(&j, None).unwrap());
        assert!(md.contains("## Goals discussed\n\n- Give a talk\n"), "{md}");
        assert!(
            md.contains("- Rewrite abstract B: Ada, due 9 February 2026\n"),
            "{md}"
        );
        assert!(
            md.contains("- Rehearse with a timer: adopted. I ran over.\n"),
            "{md}"
        );
        assert!(
            md.contains("## Next meeting\n\n9 February 2026 (by our weekly cadence)\n"),
            "{md}"
        );
        assert!(!md.contains("What Grace offered"), "{md}");
    }

    #[test]
    fn a_cancelled_meeting_says_who_why_and_when_instead() {
        let mut j = journal_with_meetings();
        let m = std::sync::Arc::make_mut(&mut j.meetings[1]);
        m.status = MeetingStatus::Cancelled;
        m.cancellation = Some(crate::journal::Cancellation {
            by: Owner::Mentor(0),
            notice_given: None,
            reason: Some("Travel".into()),
            rescheduled_to: Some(date("2026-02-05")),
            line: 9,
        });
        let md = to_markdown(&j, &j.meetings[1]);
        assert!(md.contains("was cancelled"), "{md}");
        let mut es = j.clone();
        es.strings = std::sync::Arc::new(crate::i18n::Strings::builtin("es"));
        let md_es = to_markdown(&es, &es.meetings[1]);
        assert!(md_es.starts_with("# Se canceló nuestra sesión de mentoría del 2 de febrero de 2026\n\nLa canceló Grace: Travel.\n\n## Próxima sesión\n\n5 de febrero de 2026 (la nueva fecha)\n"), "{md_es}");
        assert!(md.contains("Cancelled by Grace: Travel.\n"), "{md}");
        assert!(md.contains("5 February 2026 (the new date)"), "{md}");
        assert!(!md.contains("Goals discussed"), "{md}");
        assert!(!md.contains("Action items"), "{md}");
    }
}
