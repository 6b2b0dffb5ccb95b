//! The action items, grouped by owner and state.

use serde::Serialize;
use tera::Context;

use super::Inputs;
use crate::analyse::ActionState;
use crate::analyse::actions::owner_rank;
use crate::journal::Owner;
use crate::render::paginate::{self, Paginator};
use crate::render::views::*;

pub(super) fn actions(cx: &Inputs, number: usize, ctx: &mut Context) {
    #[derive(Serialize)]
    struct OwnerGroup<'a> {
        /// The section's anchor: `mentee`, `mentor`, `mentor-2`, ..., `unassigned`.
        owner: String,
        role: &'static str,
        name: &'a str,
        /// This page's items in each state, and each state's count over all pages.
        overdue: Vec<ActionView<'a>>,
        open: Vec<ActionView<'a>>,
        done: Vec<ActionView<'a>>,
        overdue_count: usize,
        open_count: usize,
        done_count: usize,
    }
    let j = cx.journal;
    let mentors = j.config.mentors().count();
    let mut owners = vec![(Some(Owner::Mentee), "mentee".to_string(), "mentee", "")];
    for i in 0..mentors {
        let key = match i {
            0 => "mentor".to_string(),
            _ => format!("mentor-{}", i + 1),
        };
        owners.push((Some(Owner::Mentor(i)), key, "mentor", ""));
    }
    owners.push((
        None,
        "unassigned".to_string(),
        "",
        j.strings.t("person.no_owner"),
    ));
    // Items owner by owner, each overdue, open then done: each page takes the next stretch.
    let ordered = &cx.analysis.actions_by_owner;
    let counts = &cx.analysis.action_counts;
    let on_page = paginate::slice(ordered, number);
    let groups: Vec<OwnerGroup> = owners
        .iter()
        .filter_map(|(owner, key, role, no_name)| {
            let name = owner.map_or(*no_name, |o| j.config.person(o).name.as_str());
            let of = |state| {
                on_page
                    .iter()
                    .filter(|r| r.action.owner == *owner && r.state == state)
                    .map(|r| action(j, cx.urls, r))
                    .collect::<Vec<_>>()
            };
            let [overdue_count, open_count, done_count] = counts[owner_rank(*owner, mentors)];
            let group = OwnerGroup {
                owner: key.clone(),
                role,
                name,
                overdue: of(ActionState::Overdue),
                open: of(ActionState::Open),
                done: of(ActionState::Done),
                overdue_count,
                open_count,
                done_count,
            };
            let listed =
                !(group.overdue.is_empty() && group.open.is_empty() && group.done.is_empty());
            let none = overdue_count + open_count + done_count == 0;
            // A section shows where its items are; mentee and mentor with none at all are
            // said so on the first page.
            (listed || (none && number == 1 && owner.is_some())).then_some(group)
        })
        .collect();
    ctx.insert("owners", &groups);
    ctx.insert("count", &cx.analysis.actions.len());
    ctx.insert(
        "paginator",
        &Paginator::new(cx.urls, "actions/", number, ordered.len()),
    );
}
