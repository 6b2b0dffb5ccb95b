//! The portfolio: the whole mentoring on one printable page, for a performance review.
//! Everything here is on other pages too; this one gathers it in reading order.

use serde::Serialize;
use tera::Context;

use super::Inputs;
use super::dashboard::checklist_summary;
use crate::analyse::progress::benchmark_timeline;
use crate::journal::{GoalStatus, MeetingStatus};
use crate::render::views::*;

#[derive(Serialize)]
struct ObjectiveView<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct GoalSection<'a> {
    #[serde(flatten)]
    card: GoalCard<'a>,
    objective: Option<&'a str>,
    started: Option<Day>,
    benchmarks: Vec<BenchmarkView<'a>>,
}

/// A held meeting with what came of it.
#[derive(Serialize)]
struct MeetingOutcomes<'a> {
    meeting: MeetingLink,
    outcomes: &'a [String],
    suggestions: Vec<Suggestion<'a>>,
}

/// A suggestion under the meeting it was made in, so without a link back to it: the
/// page holds every held meeting, and Tera copies its whole context.
#[derive(Serialize)]
struct Suggestion<'a> {
    suggestion: &'a str,
    reflection: Option<&'a str>,
    decision: Option<&'static str>,
}

pub(super) fn portfolio(cx: &Inputs, ctx: &mut Context) {
    let j = cx.journal;
    let u = cx.urls;
    let objective_title = |id: &str| {
        j.plan
            .objectives
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.title.as_str())
    };
    let goals: Vec<_> = j
        .goals
        .iter()
        .map(|g| GoalSection {
            card: goal_card(&j.strings, g, u, j.today),
            objective: g
                .objective
                .as_deref()
                .map(|id| objective_title(id).unwrap_or(id)),
            started: day_opt(&j.strings, g.started),
            benchmarks: benchmark_timeline(g, j.today)
                .iter()
                .map(|p| benchmark(&j.strings, p))
                .collect(),
        })
        .collect();
    let achieved = j
        .goals
        .iter()
        .filter(|g| g.status == GoalStatus::Achieved)
        .count();
    let meetings: Vec<_> = j
        .meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held && m.date <= j.today)
        .filter(|m| !m.outcomes.is_empty() || !m.suggestions.is_empty())
        .map(|m| MeetingOutcomes {
            meeting: meeting_link(&j.strings, m, u),
            outcomes: &m.outcomes,
            suggestions: m
                .suggestions
                .iter()
                .map(|s| Suggestion {
                    suggestion: &s.suggestion,
                    reflection: s.reflection.as_deref(),
                    decision: s.decision.map(|d| d.as_str()),
                })
                .collect(),
        })
        .collect();
    let held = j
        .meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held && m.date <= j.today)
        .count();
    let objectives: Vec<_> = j
        .plan
        .objectives
        .iter()
        .map(|o| ObjectiveView {
            id: &o.id,
            title: &o.title,
        })
        .collect();
    ctx.insert("objective", &j.plan.objective);
    ctx.insert("horizon", &day_opt(&j.strings, j.plan.horizon));
    ctx.insert("objectives", &objectives);
    ctx.insert("goals", &goals);
    ctx.insert("achieved", &achieved);
    ctx.insert("meetings", &meetings);
    ctx.insert("held", &held);
    ctx.insert(
        "activities",
        &j.activities
            .iter()
            .map(|a| activity_link(&j.strings, a, u))
            .collect::<Vec<_>>(),
    );
    ctx.insert("hours", &cx.analysis.totals.activity_hours);
    ctx.insert("checklist", &checklist_summary(cx));
    // Links print as their paths; the reader needs the host they are on.
    let origin = u.base.strip_suffix(u.path.as_str()).unwrap_or(&u.base);
    ctx.insert(
        "origin",
        if origin.is_empty() {
            u.base.as_str()
        } else {
            origin
        },
    );
}
