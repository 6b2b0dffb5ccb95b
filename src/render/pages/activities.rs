//! The skill-building activities list and each activity's page.

use serde::Serialize;
use tera::Context;

use super::Inputs;
use crate::journal::Activity;
use crate::render::paginate::{self, Paginator};
use crate::render::views::*;

pub(super) fn activities(cx: &Inputs, number: usize, ctx: &mut Context) {
    let j = cx.journal;
    let list: Vec<_> = paginate::newest_first(&j.activities, number)
        .map(|a| activity_link(&cx.journal.strings, a, cx.urls))
        .collect();
    let hours = cx.analysis.totals.activity_hours;
    let examples: Vec<_> = (number == 1)
        .then(|| {
            j.examples
                .activities
                .iter()
                .map(|a| activity_link(&cx.journal.strings, a, cx.urls))
        })
        .into_iter()
        .flatten()
        .collect();
    ctx.insert("examples", &examples);
    ctx.insert("activities", &list);
    ctx.insert("count", &j.activities.len());
    ctx.insert("hours", &hours);
    ctx.insert(
        "paginator",
        &Paginator::new(cx.urls, "activities/", number, j.activities.len()),
    );
}

/// The activity `a`, at position `i` of the journal's activities, or a worked example (no
/// position, no neighbours).
pub(super) fn activity(cx: &Inputs, i: Option<usize>, a: &Activity, ctx: &mut Context) {
    #[derive(Serialize)]
    struct ActivityView<'a> {
        #[serde(flatten)]
        link: ActivityLink<'a>,
        goals: Vec<GoalLink<'a>>,
        tags: Vec<TagLink<'a>>,
        body: &'a str,
        example: bool,
    }
    let j = cx.journal;
    ctx.insert(
        "activity",
        &ActivityView {
            link: activity_link(&cx.journal.strings, a, cx.urls),
            goals: a.goals.iter().map(|id| goal_link(j, cx.urls, id)).collect(),
            tags: tag_links(&a.tags, cx.urls),
            body: cx.body(&a.source.file),
            example: i.is_none(),
        },
    );
    let at = |p: Option<usize>| {
        p.and_then(|p| j.activities.get(p))
            .map(|n| activity_link(&cx.journal.strings, n, cx.urls))
    };
    ctx.insert("previous", &at(i.and_then(|i| i.checked_sub(1))));
    ctx.insert("next", &at(i.map(|i| i + 1)));
}
