//! The mentor's review page: what changed since the last meeting, with replies.

use serde::Serialize;
use tera::Context;

use super::Inputs;
use crate::render::reply::{self, Replied};
use crate::render::views::*;

/// Suggestions the review lists in full; enough for the mentor to see the pattern, few
/// enough that the page stays short after years of meetings.
const REVIEW_SUGGESTIONS: usize = 50;

pub(super) fn review(cx: &Inputs, ctx: &mut Context) {
    #[derive(Serialize)]
    struct BenchmarkDone<'a> {
        title: &'a str,
        done: Option<Day>,
        goal: GoalLink<'a>,
    }
    #[derive(Serialize)]
    struct ReviewView<'a> {
        last_meeting: Option<Replied<MeetingLink>>,
        since: Day,
        benchmarks_done: Vec<BenchmarkDone<'a>>,
        actions_done: Vec<ActionView<'a>>,
        activities: Vec<ActivityLink<'a>>,
        new_suggestions: Vec<Replied<SuggestionView<'a>>>,
        mentor_actions: Vec<Replied<ActionView<'a>>>,
        mentor_commitments: Vec<Replied<CommitmentView<'a>>>,
        /// The newest suggestions; the rest are on their meetings' pages.
        suggestions: Vec<Replied<SuggestionView<'a>>>,
        suggestions_total: usize,
        decisions: Vec<(&'static str, usize)>,
    }
    let j = cx.journal;
    let u = cx.urls;
    let r = &cx.analysis.review;
    let mut decisions: Vec<(&'static str, usize)> = Vec::new();
    for name in ["adopted", "adapted", "considering", "declined"] {
        let n = r
            .suggestions
            .iter()
            .filter(|s| s.suggestion.decision.map(|d| d.as_str()) == Some(name))
            .count();
        decisions.push((name, n));
    }
    let undecided = r
        .suggestions
        .iter()
        .filter(|s| s.suggestion.decision.is_none())
        .count();
    decisions.push(("no decision yet", undecided));
    let rs = reply::Replies::of(j);
    let view = ReviewView {
        last_meeting: r.last_meeting.map(|m| reply::meeting(&rs, u, m)),
        since: day(&j.strings, r.since),
        benchmarks_done: r
            .benchmarks_done
            .iter()
            .map(|(g, b)| BenchmarkDone {
                title: &b.title,
                done: day_opt(&j.strings, b.done),
                goal: goal_link(j, u, &g.id),
            })
            .collect(),
        actions_done: r.actions_done.iter().map(|a| action(j, u, a)).collect(),
        activities: r
            .activities
            .iter()
            .map(|a| activity_link(&j.strings, a, u))
            .collect(),
        new_suggestions: (r.new_suggestions.iter())
            .map(|s| reply::suggestion(&rs, u, s))
            .collect(),
        mentor_actions: (r.mentor_actions.iter())
            .map(|a| reply::action(&rs, j, u, a))
            .collect(),
        mentor_commitments: (r.mentor_commitments.iter())
            .map(|c| reply::commitment(&rs, u, c))
            .collect(),
        suggestions: (r.suggestions.iter().take(REVIEW_SUGGESTIONS))
            .map(|s| reply::suggestion(&rs, u, s))
            .collect(),
        suggestions_total: r.suggestions.len(),
        decisions,
    };
    ctx.insert("review", &view);
}
