//! Drafts: files marked `draft: true` stay out of what `build` publishes (as in Zola and
//! Hugo) until `build --drafts`; `serve` shows them. A draft is not private: it is
//! loaded and checked like any file, and published the day `draft:` goes.

use super::model::{Journal, Source};
use crate::diagnostics::{Code, Diagnostic};

fn w602(source: &Source, path: &str, what: String) -> Diagnostic {
    Diagnostic::new(
        Code::W602,
        source.at(path),
        what,
        "publish the draft (remove `draft: true`) or remove the reference; `build --drafts` shows both",
    )
}

/// Takes the drafts out of `j`, with every reference a published file makes to a draft
/// goal, each a W602 where it was written: pages then name nothing that is not there.
pub fn withhold(j: &mut Journal) -> Vec<Diagnostic> {
    let drafts = &mut j.drafts;
    for g in j.goals.iter().filter(|g| g.draft) {
        drafts.files.insert(g.source.file.clone());
        drafts.goals.insert(g.id.clone());
    }
    let files = j.meetings.iter().filter(|m| m.draft).map(|m| &m.source);
    let files = files.chain(j.activities.iter().filter(|a| a.draft).map(|a| &a.source));
    drafts.files.extend(files.map(|s| s.file.clone()));
    j.goals.retain(|g| !g.draft);
    j.meetings.retain(|m| !m.draft);
    j.activities.retain(|a| !a.draft);
    let draft = |id: &str| j.drafts.goals.contains(id);
    let mut out = Vec::new();
    let refers =
        |id: &str| format!("the goal `{id}` is a draft, so this reference is not published");
    // Documents are shared with `serve`'s cache: only those that name a draft are copied.
    for m in &mut j.meetings {
        let names_draft = m.goals.iter().any(|id| draft(id))
            || (m.actions.iter()).any(|a| a.goal.as_deref().is_some_and(draft));
        if !names_draft {
            continue;
        }
        let m = std::sync::Arc::make_mut(m);
        for (i, id) in m.goals.iter().enumerate().filter(|(_, id)| draft(id)) {
            out.push(w602(&m.source, &format!("goals.{i}"), refers(id)));
        }
        for (i, a) in m.actions.iter_mut().enumerate() {
            if let Some(id) = a.goal.take_if(|id| draft(id)) {
                out.push(w602(&m.source, &format!("actions.{i}.goal"), refers(&id)));
            }
        }
        m.goals.retain(|id| !draft(id));
    }
    for a in &mut j.activities {
        if !a.goals.iter().any(|id| draft(id)) {
            continue;
        }
        let a = std::sync::Arc::make_mut(a);
        for (i, id) in a.goals.iter().enumerate().filter(|(_, id)| draft(id)) {
            out.push(w602(&a.source, &format!("goals.{i}"), refers(id)));
        }
        a.goals.retain(|id| !draft(id));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::*;

    #[test]
    fn drafts_leave_with_every_reference_to_them() {
        let mut j = journal();
        let mut g = goal("talk");
        g.draft = true;
        let mut m = meeting("2026-02-02");
        m.goals = vec!["talk".into(), "other".into()];
        let mut d = meeting("2026-02-09");
        d.draft = true;
        j.goals = vec![g, goal("other")];
        j.meetings = vec![m.into(), d.into()];
        let found = withhold(&mut j);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].code, found[0].line), (Code::W602, Some(5)));
        assert_eq!(j.goals.len(), 1);
        assert_eq!(j.meetings.len(), 1);
        assert_eq!(j.meetings[0].goals, ["other"]);
        assert!(j.drafts.files.contains("meetings/2026-02-09.md"));
        assert!(j.drafts.files.contains("goals/talk.md"));
    }
}
