//! The dashboard and the checklist: where the mentoring stands at a glance.

use serde::Serialize;
use tera::Context;

use super::Inputs;
use crate::analyse::{ActionState, percent};
use crate::journal::{GoalStatus, MeetingStatus};
use crate::render::svg;
use crate::render::views::*;

pub(super) fn index(cx: &Inputs, ctx: &mut Context) {
    let j = cx.journal;
    let a = cx.analysis;
    let s = &j.strings;
    let goals: Vec<_> = j
        .goals
        .iter()
        .filter(|g| g.status == GoalStatus::Active)
        .map(|g| goal_card(s, g, cx.urls, j.today))
        .collect();
    ctx.insert("goals", &goals);
    #[derive(Serialize)]
    struct Next<'a> {
        meeting: MeetingLink,
        time: Option<String>,
        agenda: &'a [String],
        agenda_sent: Option<Day>,
    }
    let next: Option<Next> = j
        .meetings
        .iter()
        .find(|m| m.status == MeetingStatus::Planned && m.date >= j.today)
        .map(|m| Next {
            meeting: meeting_link(s, m, cx.urls),
            time: m.time.map(|t| t.format("%H:%M").to_string()),
            agenda: &m.agenda,
            agenda_sent: day_opt(s, m.agenda_sent),
        });
    ctx.insert("next_meeting", &next);
    // With none planned, the date the cadence proposes, as `agenda` would.
    let upcoming = crate::analyse::next::next_meeting(j);
    ctx.insert(
        "proposed_meeting",
        &upcoming.planned.is_none().then(|| day(s, upcoming.date)),
    );
    let open: Vec<_> = a
        .actions
        .iter()
        .filter(|r| r.state != ActionState::Done)
        .collect();
    ctx.insert(
        "open_actions",
        &open
            .iter()
            .take(10)
            .map(|r| action(j, cx.urls, r))
            .collect::<Vec<_>>(),
    );
    ctx.insert("open_count", &open.len());
    ctx.insert(
        "overdue_count",
        &open
            .iter()
            .filter(|r| r.state == ActionState::Overdue)
            .count(),
    );
    ctx.insert(
        "commitments",
        &a.commitments
            .iter()
            .map(|c| open_commitment(s, cx.urls, c))
            .collect::<Vec<_>>(),
    );
    let cadence = cadence(cx);
    let checklist = checklist_summary(cx);
    let overdue_benchmarks: usize = goals.iter().map(|g| g.overdue).sum();
    let awaiting = a
        .commitments
        .iter()
        .filter(|c| c.awaiting_follow_up)
        .count();
    let overdue_actions = open
        .iter()
        .filter(|r| r.state == ActionState::Overdue)
        .count();
    // What needs attention now, in words; an empty list means on track.
    let mut attention = Vec::new();
    for (n, key) in [
        (overdue_actions, "attention.overdue_actions"),
        (overdue_benchmarks, "attention.overdue_benchmarks"),
        (awaiting, "attention.commitments"),
    ] {
        if n > 0 {
            attention.push(s.count(key, n, &[]));
        }
    }
    if cadence.late {
        attention.push(s.t("attention.meeting_overdue").to_string());
    }
    if next.is_none() && !j.meetings.is_empty() {
        attention.push(s.t("attention.no_next_meeting").to_string());
    }
    ctx.insert("attention", &attention);
    // The mean of the goals' percentages, rounded as every percentage is.
    let total: u32 = goals.iter().map(|g| g.progress.percent).sum();
    ctx.insert(
        "average_progress",
        &crate::analyse::percent(total as usize, 100 * goals.len()),
    );
    ctx.insert(
        "days_to_next_meeting",
        &(upcoming.date - j.today).num_days(),
    );
    ctx.insert("cadence", &cadence);
    ctx.insert("weeks", &weeks(cx));
    ctx.insert("cadence_chart", &svg::cadence_strip(s, recent_weeks(cx)));
    ctx.insert("checklist_chart", &svg::checklist_bars(s, &a.checklist));
    ctx.insert("checklist", &checklist);
    let recent: Vec<_> = a
        .timeline
        .iter()
        .rev()
        .filter(|e| e.date <= j.today)
        .take(8)
        .map(|e| event(s, cx.urls, e))
        .collect();
    ctx.insert("recent", &recent);
}

#[derive(Serialize)]
pub(super) struct WeekView {
    monday: Day,
    state: &'static str,
}

/// Weeks the cadence strip shows: a year is enough to judge the rhythm, and keeps the
/// dashboard small however long the mentoring has run.
const STRIP_WEEKS: usize = 52;

pub(super) fn recent_weeks<'a>(cx: &Inputs<'a>) -> &'a [crate::analyse::Week] {
    let all = &cx.analysis.weeks;
    &all[all.len().saturating_sub(STRIP_WEEKS)..]
}

/// The weeks of the cadence strip, as text for the table beside the chart.
pub(super) fn weeks(cx: &Inputs) -> Vec<WeekView> {
    recent_weeks(cx)
        .iter()
        .map(|w| WeekView {
            monday: day(&cx.journal.strings, w.monday),
            state: w.state.as_str(),
        })
        .collect()
}

#[derive(Serialize)]
pub(super) struct CadenceView {
    every: String,
    gaps: usize,
    within: usize,
    percent: u32,
    last_held: Option<Day>,
    days_since_last: Option<i64>,
    /// The planned gap plus half, in days, in force today.
    allowed: i64,
    late: bool,
}

pub(super) fn cadence(cx: &Inputs) -> CadenceView {
    let j = cx.journal;
    let gaps = &cx.analysis.gaps;
    let within = cx.analysis.totals.gaps_within;
    let last = j
        .meetings
        .iter()
        .rev()
        .find(|m| m.status == MeetingStatus::Held && m.date <= j.today);
    let allowed = crate::validate::cadence::allowed_gap(j, j.today);
    let days_since_last = last.map(|m| (j.today - m.date).num_days());
    let s = &j.strings;
    CadenceView {
        every: crate::render::views::cadence(s, j.config.cadence.on(j.today)),
        gaps: gaps.len(),
        within,
        percent: percent(within, gaps.len()),
        last_held: last.map(|m| day(s, m.date)),
        days_since_last,
        allowed,
        // Before the first meeting, the rhythm runs from the start of the mentoring.
        late: days_since_last
            .or(j.config.start.map(|s| (j.today - s).num_days()))
            .is_some_and(|d| d > allowed),
    }
}

#[derive(Serialize)]
pub(super) struct ChecklistSummary<'a> {
    overall: u32,
    items: Vec<ItemView<'a>>,
}

#[derive(Serialize)]
pub(super) struct ItemView<'a> {
    number: u8,
    title: &'a str,
    measure: &'a str,
    numerator: usize,
    denominator: usize,
    score: u32,
    raise: String,
}

pub(super) fn checklist_summary<'a>(cx: &Inputs<'a>) -> ChecklistSummary<'a> {
    let s: &'a crate::i18n::Strings = &cx.journal.strings;
    let items: Vec<_> = cx
        .analysis
        .checklist
        .iter()
        .map(|i| ItemView {
            number: i.number,
            title: s.t(i.title),
            measure: s.t(i.measure),
            numerator: i.numerator,
            denominator: i.denominator,
            score: i.score,
            raise: say(s, &i.raise),
        })
        .collect();
    let overall = if items.is_empty() {
        0
    } else {
        items.iter().map(|i| i.score).sum::<u32>() / items.len() as u32
    };
    ChecklistSummary { overall, items }
}

pub(super) fn checklist(cx: &Inputs, ctx: &mut Context) {
    let s = checklist_summary(cx);
    ctx.insert("overall", &s.overall);
    ctx.insert("items", &s.items);
    ctx.insert(
        "chart",
        &svg::checklist_bars(&cx.journal.strings, &cx.analysis.checklist),
    );
}
