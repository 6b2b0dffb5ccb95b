//! The meetings list and each meeting's page.

use serde::Serialize;
use tera::Context;

use super::Inputs;
use super::dashboard::{cadence, recent_weeks, weeks};
use crate::journal::{Meeting, MeetingStatus};
use crate::render::paginate::{self, Paginator};
use crate::render::reply;
use crate::render::svg;
use crate::render::urls;
use crate::render::views::*;

pub(super) fn meetings(cx: &Inputs, number: usize, ctx: &mut Context) {
    #[derive(Serialize)]
    struct Row<'a> {
        #[serde(flatten)]
        link: MeetingLink,
        goals: Vec<GoalLink<'a>>,
        rescheduled_to: Option<Day>,
    }
    let j = cx.journal;
    let rows: Vec<_> = paginate::newest_first(&j.meetings, number)
        .map(|m| Row {
            link: meeting_link(&j.strings, m, cx.urls),
            goals: m.goals.iter().map(|id| goal_link(j, cx.urls, id)).collect(),
            rescheduled_to: m
                .cancellation
                .as_ref()
                .filter(|_| m.status == MeetingStatus::Cancelled)
                .and_then(|c| day_opt(&j.strings, c.rescheduled_to)),
        })
        .collect();
    let totals = &cx.analysis.totals;
    let examples: Vec<_> = (number == 1)
        .then(|| {
            j.examples
                .meetings
                .iter()
                .map(|m| meeting_link(&j.strings, m, cx.urls))
        })
        .into_iter()
        .flatten()
        .collect();
    ctx.insert("examples", &examples);
    ctx.insert("meetings", &rows);
    ctx.insert(
        "paginator",
        &Paginator::new(cx.urls, "meetings/", number, j.meetings.len()),
    );
    ctx.insert("held", &totals.held);
    ctx.insert("planned", &totals.planned);
    ctx.insert("cancelled", &totals.cancelled);
    ctx.insert("cadence", &cadence(cx));
    ctx.insert("weeks", &weeks(cx));
    ctx.insert(
        "cadence_chart",
        &svg::cadence_strip(&j.strings, recent_weeks(cx)),
    );
}

/// The meeting `m`, at position `i` of the journal's meetings, or a worked example (no
/// position): shown as of its own date, with no neighbours and nothing to reply to.
pub(super) fn meeting(cx: &Inputs, i: Option<usize>, m: &Meeting, ctx: &mut Context) {
    #[derive(Serialize)]
    struct CommitmentRow<'a> {
        what: &'a str,
        followed_up: Option<Day>,
        fulfilled: Option<Day>,
    }
    #[derive(Serialize)]
    struct CancellationView<'a> {
        /// `mentee` or `mentor`.
        by: &'static str,
        /// The name of whoever cancelled.
        by_name: &'a str,
        notice_given: Option<Day>,
        reason: Option<&'a str>,
        rescheduled_to: Option<Day>,
        /// The page of the meeting held on the new date, when there is one.
        rescheduled_url: Option<String>,
    }
    #[derive(Serialize)]
    struct MeetingView<'a> {
        slug: &'a str,
        title: String,
        /// `Meeting of 26 August 2026`.
        name: String,
        /// The slug's words, when there are any.
        topic: Option<String>,
        date: Day,
        time: Option<String>,
        duration: u32,
        planned_length: u32,
        over_time: bool,
        status: &'static str,
        goals: Vec<GoalLink<'a>>,
        agenda: &'a [String],
        agenda_sent: Option<Day>,
        agenda_late: bool,
        outcomes: &'a [String],
        actions: Vec<ActionView<'a>>,
        commitments: Vec<CommitmentRow<'a>>,
        suggestions: Vec<SuggestionView<'a>>,
        feedback_given: &'a [String],
        summary_sent: Option<Day>,
        cancellation: Option<CancellationView<'a>>,
        body: &'a str,
        reply: Option<reply::Reply>,
        example: bool,
        tags: Vec<TagLink<'a>>,
        draft: bool,
    }
    let j = cx.journal;
    let example = i.is_none();
    let today = if example { m.date } else { j.today };
    let u = cx.urls;
    let actions = m
        .actions
        .iter()
        .map(|a| {
            let r = crate::analyse::ActionRef {
                meeting: m,
                action: a,
                state: crate::analyse::actions::action_state(a, today),
            };
            action(j, u, &r)
        })
        .collect();
    let (title, topic) = title_and_topic(&j.strings, m);
    let view = MeetingView {
        slug: &m.slug,
        title,
        name: meeting_name(&j.strings, m),
        topic,
        date: day(&j.strings, m.date),
        time: m.time.map(|t| t.format("%H:%M").to_string()),
        duration: m.duration,
        planned_length: m.planned_duration.unwrap_or(j.config.meeting_length),
        over_time: m.status == MeetingStatus::Held && m.ran_over(j.config.meeting_length),
        status: m.status.as_str(),
        goals: m.goals.iter().map(|id| goal_link(j, u, id)).collect(),
        tags: tag_links(&m.tags, u),
        draft: m.draft,
        agenda: &m.agenda,
        agenda_sent: day_opt(&j.strings, m.agenda_sent),
        agenda_late: m.status == MeetingStatus::Held && m.agenda_sent.is_none_or(|s| s > m.date),
        outcomes: &m.outcomes,
        actions,
        commitments: m
            .commitments
            .iter()
            .map(|c| CommitmentRow {
                what: &c.what,
                followed_up: day_opt(&j.strings, c.followed_up),
                fulfilled: day_opt(&j.strings, c.fulfilled),
            })
            .collect(),
        suggestions: suggestions_of(&j.strings, m, u),
        feedback_given: &m.feedback_given,
        summary_sent: day_opt(&j.strings, m.summary_sent),
        cancellation: m.cancellation.as_ref().map(|c| CancellationView {
            by: c.by.as_str(),
            by_name: &j.config.person(c.by).name,
            notice_given: day_opt(&j.strings, c.notice_given),
            reason: c.reason.as_deref(),
            rescheduled_to: day_opt(&j.strings, c.rescheduled_to),
            rescheduled_url: c.rescheduled_to.and_then(|d| {
                j.meetings_on(d)
                    .iter()
                    .find(|o| o.slug != m.slug)
                    .map(|o| u.page(&urls::meeting(&o.slug)))
            }),
        }),
        body: cx.body(&m.source.file),
        reply: reply::Replies::of(j).to_meeting(m).filter(|_| !example),
        example,
    };
    ctx.insert("meeting", &view);
    let at = |p: Option<usize>| {
        p.and_then(|p| j.meetings.get(p))
            .map(|n| meeting_link(&j.strings, n, u))
    };
    ctx.insert("previous", &at(i.and_then(|i| i.checked_sub(1))));
    ctx.insert("next", &at(i.map(|i| i + 1)));
}
