//! Rules about ids: every reference names something that exists, and every id is unique.

use foldhash::{HashMap, HashSet};

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::journal::{Journal, Source};

/// Whether no goal file, loaded or not, has the id `id`; `known` are the loaded goals' ids.
fn unknown_goal(j: &Journal, known: &HashSet<&str>, id: &str) -> bool {
    !known.contains(id) && !j.unloaded_goals.contains(id)
}

fn missing_goal(source: &Source, path: &str, id: &str, j: &Journal) -> Diagnostic {
    let ids: Vec<&str> = j.goals.iter().map(|g| g.id.as_str()).collect();
    let hint = match crate::journal::front::nearest(id, &ids) {
        Some(n) => format!("did you mean `{n}`?"),
        None => "goal ids are the file names in goals/, without `.md`".to_string(),
    };
    Diagnostic::new(
        Code::E005,
        source.at(path),
        format!("no goal with the id `{id}`"),
        hint,
    )
}

pub fn e005_unknown_reference(j: &Journal, out: &mut Vec<Diagnostic>) {
    let objectives: Vec<&str> = j.plan.objectives.iter().map(|o| o.id.as_str()).collect();
    let known: HashSet<&str> = j.goals.iter().map(|g| g.id.as_str()).collect();
    let unknown_goal = |id: &str| unknown_goal(j, &known, id);
    for g in &j.goals {
        if let Some(o) = &g.objective
            && !objectives.is_empty()
            && !objectives.contains(&o.as_str())
        {
            out.push(Diagnostic::new(
                Code::E005,
                g.source.at("objective"),
                format!("no plan objective with the id `{o}`"),
                format!("plan.md lists {}", objectives.join(", ")),
            ));
        }
    }
    for m in &j.meetings {
        for (i, id) in m
            .goals
            .iter()
            .enumerate()
            .filter(|(_, id)| unknown_goal(id))
        {
            out.push(missing_goal(&m.source, &format!("goals.{i}"), id, j));
        }
        for (i, a) in m.actions.iter().enumerate() {
            if let Some(id) = a.goal.as_deref().filter(|id| unknown_goal(id)) {
                out.push(missing_goal(&m.source, &format!("actions.{i}.goal"), id, j));
            }
        }
    }
    for a in &j.activities {
        for (i, id) in a
            .goals
            .iter()
            .enumerate()
            .filter(|(_, id)| unknown_goal(id))
        {
            out.push(missing_goal(&a.source, &format!("goals.{i}"), id, j));
        }
    }
}

fn duplicates<'a>(
    kind: &str,
    items: impl Iterator<Item = (&'a str, &'a Source)>,
    out: &mut Vec<Diagnostic>,
) {
    let mut items: Vec<_> = items.collect();
    // Ids are most often unique: then the sort by file below is not needed.
    let mut ids = HashSet::with_capacity_and_hasher(items.len(), Default::default());
    if items.iter().all(|(id, _)| ids.insert(*id)) {
        return;
    }
    let mut first: HashMap<&str, &str> = HashMap::default();
    items.sort_by(|a, b| a.1.file.cmp(&b.1.file));
    for (id, source) in items {
        if let Some(other) = first.insert(id, &source.file) {
            first.insert(id, other);
            out.push(Diagnostic::new(
                Code::E006,
                Location::file(source.file.clone()),
                format!(
                    "two {kind}s have the id `{id}`: {other} and {}",
                    source.file
                ),
                "ids are file names and must be unique across sub-folders; rename one",
            ));
        }
    }
}

pub fn e006_duplicate_id(j: &Journal, out: &mut Vec<Diagnostic>) {
    duplicates(
        "goal",
        j.goals.iter().map(|g| (g.id.as_str(), &g.source)),
        out,
    );
    duplicates(
        "meeting",
        j.meetings.iter().map(|m| (m.slug.as_str(), &m.source)),
        out,
    );
    duplicates(
        "activity",
        j.activities.iter().map(|a| (a.slug.as_str(), &a.source)),
        out,
    );
}

/// The journal files a body links to, each with the body line of its link. Only bodies
/// that mention `.md` are parsed, as only they can link one. O(body).
pub fn journal_links(file: &str, body: &str) -> Vec<(u32, String)> {
    use crate::journal::links::{LinkTarget, target};
    use crate::journal::privacy::MARKDOWN_OPTIONS;
    use pulldown_cmark::{Event, Parser, Tag};

    if !body.contains(".md") {
        return Vec::new();
    }
    let mut links = Vec::new();
    for (event, range) in Parser::new_ext(body, MARKDOWN_OPTIONS).into_offset_iter() {
        let Event::Start(Tag::Link { dest_url, .. }) = event else {
            continue;
        };
        if let LinkTarget::Journal { file, .. } = target(file, &dest_url) {
            links.push((body[..range.start].matches('\n').count() as u32, file));
        }
    }
    links
}

/// A Markdown link in a body to a journal file that is missing or private: the page shows
/// it as plain text.
pub fn w601_broken_journal_link(j: &Journal, out: &mut Vec<Diagnostic>) {
    broken_links(
        j,
        |source, body| journal_links(&source.file, body).into(),
        out,
    );
}

/// W601 with each body's links as `links` gives them (read now, or kept from before).
pub fn broken_links<'j>(
    j: &'j Journal,
    links: impl Fn(&'j Source, &'j str) -> std::borrow::Cow<'j, [(u32, String)]>,
    out: &mut Vec<Diagnostic>,
) {
    let published: foldhash::HashSet<&str> = j.documents().map(|(s, _)| s.file.as_str()).collect();
    for (source, body) in j.documents() {
        for (line, file) in links(source, body).iter() {
            if published.contains(file.as_str()) {
                continue;
            }
            if j.drafts.files.contains(file.as_str()) {
                out.push(Diagnostic::new(
                    Code::W602,
                    source.body_at(*line),
                    format!("a link to `{file}`, a draft, which is not published"),
                    "publish the draft (remove `draft: true`) or remove the link; it is shown as plain text",
                ));
                continue;
            }
            out.push(Diagnostic::new(
                Code::W601,
                source.body_at(*line),
                format!("a link to `{file}`, which does not exist or is private"),
                "fix the path (it is relative to this file), or remove the link; it is shown as plain text",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::*;

    #[test]
    fn w601_a_link_to_a_missing_or_private_file() {
        let mut j = journal();
        j.goals.push(goal("speaking"));
        let mut m = meeting("2026-02-02");
        m.body = "See [the goal](../goals/speaking.md).\n\n[gone](../goals/gone.md)\n".into();
        j.meetings.push(m.into());
        let mut out = Vec::new();
        w601_broken_journal_link(&j, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].code, Code::W601);
        assert!(out[0].message.contains("`goals/gone.md`"));
        assert_eq!(out[0].line, Some(j.meetings[0].source.body_line + 2));
    }

    #[test]
    fn e005_meeting_names_a_missing_goal() {
        let mut j = journal();
        j.goals.push(goal("speaking"));
        let mut m = meeting("2026-02-02");
        m.goals = vec!["speakng".into()];
        j.meetings.push(m.into());
        let mut out = Vec::new();
        e005_unknown_reference(&j, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(
            (out[0].code, out[0].file.as_str(), out[0].line),
            (Code::E005, "meetings/2026-02-02.md", Some(5))
        );
        assert_eq!(out[0].hint, "did you mean `speaking`?");
    }

    #[test]
    fn e006_same_goal_id_in_two_folders() {
        let mut j = journal();
        let mut a = goal("speak");
        a.source.file = "goals/2025/speak.md".into();
        let mut b = goal("speak");
        b.source.file = "goals/2026/speak.md".into();
        j.goals = vec![b, a];
        assert_eq!(
            run(e006_duplicate_id, &j),
            [("E006".into(), "goals/2026/speak.md".into(), 1)]
        );
    }
}
